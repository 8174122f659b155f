/*
 * media.h - the media store: images a tenant adds (bin/shelf media add,
 * the TUI's picker) and attaches to what it owns.
 *
 * A tenant is a distributor (its product images) or a reseller (its
 * storefront logo, hero, section and brand images).  Who adds for whom:
 *   distributor admin (ACT_CATALOG_WRITE)   - a->distributor_id
 *   reseller admin (ACT_STOREFRONT_WRITE)   - a->reseller_id
 *   system (ACT_SYSTEM: the demo seed)      - a->reseller_id when set, else a->distributor_id
 * Everyone else is CORE_FORBIDDEN.
 *
 * The bytes are checked by media_sniff (media_sniff.h) with the limits of
 * the configuration (media_max_bytes, media_max_pixels), then written once
 * under media_dir as <sha256>.<ext> (content-addressed: the name is the
 * SHA-256 of the bytes, so a file never changes and nginx serves it
 * "immutable") and recorded in the `media` table for the tenant.  The
 * public URL is /media/<sha256>.<ext>.
 *
 * Ownership: a tenant attaches only its own media.  media_owned (by id)
 * and media_check_url / media_check_json (by URL, for storefront
 * sections and the logo) are the checks; the catalog and the storefront
 * editor call them inside their transactions.
 */
#ifndef SHELF_MEDIA_H
#define SHELF_MEDIA_H

#include <stddef.h>
#include <stdint.h>
#include <jansson.h>
#include "actor.h"
#include "db.h"
#include "err.h"
#include "media_sniff.h"

#define MEDIA_URL_PREFIX "/media/"
#define MEDIA_URL_SZ     96	/* "/media/" + 64 hex + "." + ext + NUL */
#define MEDIA_LIST_MAX   200

/* The tenant media belong to: exactly one of the two is > 0. */
struct media_tenant {
	int64_t distributor_id;
	int64_t reseller_id;
};

struct media {
	int64_t         id;
	int64_t         distributor_id;	/* 0 when a reseller's */
	int64_t         reseller_id;	/* 0 when a distributor's */
	char            sha256[65];
	enum media_type type;
	int32_t         width;
	int32_t         height;
	int64_t         bytes;
	char            name[201];	/* what it was called when added (a label, never a path) */
	char            created_at[20];
	char            url[MEDIA_URL_SZ];	/* /media/<sha256>.<ext> */
};

DB_LIST(media_list, struct media);

/* media_tenant_of - the tenant a adds media for (see above); CORE_FORBIDDEN for other roles. */
enum core_err media_tenant_of(const struct actor *a, struct media_tenant *t);

/*
 * media_add - check the n bytes at p and store them for a's tenant.
 * name is a label (the file's base name; NULL: ""), cut to 200
 * characters.  The same bytes added again by the same tenant give the
 * existing row (*out), not a second one.  Audited ("media.add").
 * CORE_INVALID with why for refused bytes (media_sniff's reasons),
 * CORE_FORBIDDEN, CORE_IO with why when the file cannot be written.
 * out may be NULL.
 */
enum core_err media_add(struct db *db, const struct actor *a, const void *p, size_t n, const char *name,
    struct media *out, char *why);

/*
 * media_store_bytes - the checks and the file of media_add without the
 * row: *info and sha (the file's name) filled.  For the demo seed
 * (media_demo.h), which records its rows in its own transaction.
 */
enum core_err media_store_bytes(struct db *db, const void *p, size_t n, struct media_info *info, char sha[65],
    char *why);

/* media_get - one of a's tenant's media by id; CORE_NOTFOUND for another tenant's or none. */
enum core_err media_get(struct db *db, const struct actor *a, int64_t id, struct media *out);

/* media_list - a's tenant's media, newest first, at most MEDIA_LIST_MAX; *out is the caller's (media_list_free). */
enum core_err media_list(struct db *db, const struct actor *a, struct media_list *out);
void media_list_free(struct media_list *l);

/*
 * media_owned - CORE_OK (and *out when not NULL) when media id belongs to
 * tenant t; CORE_FORBIDDEN with why when it is another tenant's or does
 * not exist (the two are not told apart).
 */
enum core_err media_owned(struct db *db, const struct media_tenant *t, int64_t id, struct media *out, char *why);

/*
 * media_check_url - CORE_OK when url is not a media URL (other rules
 * apply to it) or names media of tenant t; CORE_FORBIDDEN with why when
 * it names a file t has not added.  A root-relative url is judged by the
 * path nginx serves for it (escapes decoded, "//", "." and ".." resolved),
 * and a media path must be written exactly as media_url writes it.
 */
enum core_err media_check_url(struct db *db, const struct media_tenant *t, const char *url, char *why);

/* media_check_json - media_check_url on every string anywhere in j (sections, logos). */
enum core_err media_check_json(struct db *db, const struct media_tenant *t, const json_t *j, char *why);

/* media_check_sections - media_check_json of the JSON text of reseller_id's homepage sections (NULL: none). */
enum core_err media_check_sections(struct db *db, int64_t reseller_id, const char *sections, char *why);

/*
 * media_dims - the width and height of the stored image url names (any
 * tenant's: the file is public), for <img width height>.  CORE_NOTFOUND
 * when url is not a media URL or is unknown.
 */
enum core_err media_dims(struct db *db, const char *url, int32_t *width, int32_t *height);

/* media_url_parse - 0 when url is /media/<64 lower-case hex>.<ext of a type>, with sha and *type set; else -1. */
int media_url_parse(const char *url, char sha[65], enum media_type *type);

/* media_url - "/media/<sha256>.<ext>" into out (MEDIA_URL_SZ bytes). */
void media_url(const char *sha256, enum media_type type, char *out);

/* media_limits_of - the configured limits (media_max_bytes, media_max_pixels) of db's configuration. */
void media_limits_of(struct db *db, struct media_limits *lim);

#endif
