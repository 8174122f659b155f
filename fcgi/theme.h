/*
 * theme.h - the storefront themes of this process: compiled templates,
 * skins and fingerprinted asset URLs.
 *
 * theme_load_all reads every directory of themes_dir that has a
 * templates/ folder (its theme.json, optional, names the skins), once per process (a SIGHUP makes
 * the master replace the workers, so they read them again).  Each theme
 * keeps one mustache set: a template is compiled the first time it is
 * used and reused for every later request of the process.
 *
 * Fingerprints: asset_hash is a short hash of every file under assets/
 * (paths and bytes), so /assets/<theme>/<asset_hash>/css/theme.css
 * changes whenever a file does and nginx can serve it cached for a
 * year.  hash covers templates too; it is part of page ETags and cache
 * keys, so a theme edit picked up by SIGHUP is never hidden by a 304.
 */
#ifndef SHELF_THEME_H
#define SHELF_THEME_H

#include <stddef.h>
#include <jansson.h>
#include "buf.h"
#include "err.h"
#include "mustache.h"

#define THEME_NAME_MAX  32
#define THEME_SKINS_MAX 16
#define THEME_DEFAULT   "classic"

struct theme {
	char   name[THEME_NAME_MAX + 1];
	char   dir[512];			/* themes_dir/name */
	char   asset_hash[17];			/* 12 hex digits used */
	char   hash[17];			/* templates + assets, 16 hex digits */
	char   asset_base[96];			/* "/assets/<name>/<asset_hash>" */
	char   default_skin[THEME_NAME_MAX + 1];
	char   skins[THEME_SKINS_MAX][THEME_NAME_MAX + 1];
	size_t nskins;
	char   placeholder[160];		/* URL of the product placeholder image, or "" */
	struct mustache_set *set;
};

struct themes {
	struct theme *v;
	size_t        n;
};

/*
 * theme_load_all - read the themes under dir into *out (caller frees
 * with themes_free).  Returns CORE_OK when at least the default theme
 * loaded; otherwise CORE_CONFIG with a reason in msg.  A theme whose
 * theme.json is unreadable is skipped with a line on stderr.
 */
enum core_err theme_load_all(struct themes *out, const char *dir, char *msg, size_t msgsz);

/* themes_free - release every theme and its compiled templates; a zeroed struct is fine. */
void themes_free(struct themes *t);

/* theme_find - the theme called name, else the default theme, else NULL; borrowed. */
const struct theme *theme_find(const struct themes *t, const char *name);

/* theme_skin - skin if the theme has it, else its default skin; borrowed. */
const char *theme_skin(const struct theme *th, const char *skin);

/*
 * theme_render - render template name of the theme against ctx,
 * appending to out.  Errors as mustache_set_render; err may be NULL.
 */
enum core_err theme_render(const struct theme *th, const char *name, const json_t *ctx,
    struct buf *out, struct mustache_error *err);

/* theme_fnv - 64-bit FNV-1a of n bytes continuing from h (start with THEME_FNV_INIT). */
#define THEME_FNV_INIT 0xcbf29ce484222325ULL
unsigned long long theme_fnv(unsigned long long h, const void *p, size_t n);

#endif
