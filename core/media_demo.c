/*
 * media_demo.c - the demo's "media:NAME" images into the media store.
 * See media_demo.h.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buf.h"
#include "media.h"
#include "media_demo.h"

enum {
	MD_PRODUCT_MEDIA,
	MD_PRODUCT_SET,
	MD_STOREFRONT_MEDIA,
	MD_STOREFRONT_SET,
	MD_LEFT,
	MD__MAX
};

#define MD_COLS "sha256, type, width, height, bytes, name"
static const char *const sql[MD__MAX] = {
	/* params: sha, type, width, height, bytes, name, token */
	[MD_PRODUCT_MEDIA] =
	    "INSERT IGNORE INTO media (distributor_id, " MD_COLS ")"
	    " SELECT DISTINCT distributor_id, ?, ?, ?, ?, ?, ? FROM products WHERE image_url = ?",
	/* params: sha, media URL, token */
	[MD_PRODUCT_SET] =
	    "UPDATE products p JOIN media m ON m.distributor_id = p.distributor_id AND m.sha256 = ?"
	    " SET p.image_media_id = m.id, p.image_url = NULL WHERE p.image_url = ? OR p.image_url = ?",
	/* params: sha, type, width, height, bytes, name, "\"token\"" pattern, token */
	[MD_STOREFRONT_MEDIA] =
	    "INSERT IGNORE INTO media (reseller_id, " MD_COLS ")"
	    " SELECT reseller_id, ?, ?, ?, ?, ?, ? FROM storefronts WHERE LOCATE(?, sections) > 0 OR logo_url = ?",
	/* params: "\"token\"", "\"url\"", token, url, "\"token\"" , token */
	[MD_STOREFRONT_SET] =
	    "UPDATE storefronts SET sections = REPLACE(sections, ?, ?), logo_url = IF(logo_url = ?, ?, logo_url)"
	    " WHERE LOCATE(?, sections) > 0 OR logo_url = ?",
	[MD_LEFT] =
	    "SELECT image_url FROM products WHERE image_url LIKE 'media:%'"
	    " UNION ALL SELECT logo_url FROM storefronts WHERE logo_url LIKE 'media:%'"
	    " UNION ALL SELECT 'a homepage section' FROM storefronts WHERE LOCATE('\"media:', sections) > 0 LIMIT 1",
};

static const struct db_table table = { DB_MOD_MEDIA_DEMO, sql, MD__MAX };

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* one - the file dir/fname (NAME.ext) stored and its name replaced everywhere. */
static enum core_err
one(struct db *db, const char *dir, const char *fname, char *msg, size_t msgsz)
{
	char path[4096 + 512], name[256], token[300], qtoken[310], url[MEDIA_URL_SZ], qurl[MEDIA_URL_SZ + 4];
	char sha[65], why[CORE_WHY] = "";
	struct media_info info;
	struct buf b = { NULL, 0, 0 };
	const char *dot = strrchr(fname, '.');
	enum core_err er;

	snprintf(path, sizeof(path), "%s/%s", dir, fname);
	snprintf(name, sizeof(name), "%.*s", (int)(dot - fname) < 255 ? (int)(dot - fname) : 255, fname);
	if (buf_read_file(&b, path, 64u << 20) != 0) {
		snprintf(msg, msgsz, "%s: cannot read it", path);
		buf_free(&b);
		return CORE_IO;
	}
	er = media_store_bytes(db, b.data, b.len, &info, sha, why);
	if (er != CORE_OK) {
		snprintf(msg, msgsz, "%s: %s", path, why[0] ? why : core_strerror(er));
		buf_free(&b);
		return er;
	}
	media_url(sha, info.type, url);
	snprintf(token, sizeof(token), MEDIA_DEMO_TOKEN "%s", name);
	snprintf(qtoken, sizeof(qtoken), "\"%s\"", token);
	snprintf(qurl, sizeof(qurl), "\"%s\"", url);
	if ((er = db_exec(db, &table, MD_PRODUCT_MEDIA, NULL, "ssiiiss", sha, media_type_name(info.type),
	    (int64_t)info.width, (int64_t)info.height, (int64_t)b.len, fname, token)) != CORE_OK ||
	    (er = db_exec(db, &table, MD_PRODUCT_SET, NULL, "sss", sha, url, token)) != CORE_OK ||
	    (er = db_exec(db, &table, MD_STOREFRONT_MEDIA, NULL, "ssiiisss", sha, media_type_name(info.type),
	    (int64_t)info.width, (int64_t)info.height, (int64_t)b.len, fname, qtoken, token)) != CORE_OK ||
	    (er = db_exec(db, &table, MD_STOREFRONT_SET, NULL, "ssssss", qtoken, qurl, token, url, qtoken,
	    token)) != CORE_OK)
		snprintf(msg, msgsz, "%s: cannot record it: %s", path, db_error(db));
	buf_free(&b);
	return er;
}

enum core_err
media_demo_load(struct db *db, const char *sql_dir, char *msg, size_t msgsz)
{
	char dir[4096], **names = NULL, **more;
	struct dirent *e;
	struct db_res *r;
	size_t n = 0, i, len;
	enum core_err er = CORE_OK;
	DIR *d;

	snprintf(dir, sizeof(dir), "%s/seed/media", sql_dir);
	if ((d = opendir(dir)) != NULL) {
		while ((e = readdir(d)) != NULL) {
			len = strlen(e->d_name);
			if (e->d_name[0] == '.' || !((len > 5 && strcmp(e->d_name + len - 5, ".webp") == 0) ||
			    (len > 4 && strcmp(e->d_name + len - 4, ".png") == 0)))
				continue;
			if ((more = realloc(names, (n + 1) * sizeof(*names))) == NULL ||
			    (more[n] = strdup(e->d_name)) == NULL) {
				names = more ? more : names;
				er = CORE_ENOMEM;
				break;
			}
			names = more;
			n++;
		}
		closedir(d);
	}
	if (er == CORE_OK) {
		qsort(names, n, sizeof(*names), by_name);	/* the same ids on every load */
		for (i = 0; i < n && er == CORE_OK; i++)
			er = one(db, dir, names[i], msg, msgsz);
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	if (er != CORE_OK) {
		if (er == CORE_ENOMEM)
			snprintf(msg, msgsz, "out of memory reading %s", dir);
		return er;
	}
	if ((er = db_query(db, &table, MD_LEFT, &r, "")) != CORE_OK) {
		snprintf(msg, msgsz, "cannot check the demo's images: %s", db_error(db));
		return er;
	}
	if (db_res_next(r)) {
		snprintf(msg, msgsz, "%.200s names an image that %s lacks", db_res_str(r, 0), dir);
		er = CORE_INVALID;
	}
	db_res_free(r);
	return er;
}
