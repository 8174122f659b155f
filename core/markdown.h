/*
 * markdown.h - the safe Markdown subset of product descriptions, rendered
 * to HTML that is safe to put in a page as it is.
 *
 * What it knows:
 *   blocks   paragraphs (separated by a blank line; the lines of one are
 *            joined), bullet lists ("- ", "* " or "+ " items), numbered
 *            lists ("1. " or "1) " items); an indented line continues
 *            the list item above it
 *   inline   *emphasis* or _emphasis_, **strong**, `code`, [text](url)
 *            links, backslash escapes of punctuation (\*)
 * Everything else is text.  Every character of the source reaches the
 * output escaped (& < > " ' as entities), so raw HTML shows as text and
 * no tag or attribute comes from the source.  A link's URL must be
 * http:// or https:// (any case) without spaces, quotes or angle
 * brackets; any other link (javascript:, data:, relative) becomes its
 * text alone.  Links get rel="nofollow noopener noreferrer ugc".  The
 * tags emitted are p, ul, ol, li, em, strong, code and a, always balanced.
 */
#ifndef SHELF_MARKDOWN_H
#define SHELF_MARKDOWN_H

#include "buf.h"
#include "err.h"

/* markdown_html - src (NULL: "") rendered, appended to out.  CORE_ENOMEM. */
enum core_err markdown_html(const char *src, struct buf *out);

#endif
