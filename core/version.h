/*
 * version.h - which Shelf this is, for --version.
 */
#ifndef SHELF_VERSION_H
#define SHELF_VERSION_H

/*
 * version_string - the release named in the Makefile and, when built
 * from a git checkout, its `git describe` in parentheses, e.g.
 * "0.1 (52b8fb6-dirty)".  Static storage, never NULL.
 */
const char *version_string(void);

#endif
