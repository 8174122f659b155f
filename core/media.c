/*
 * media.c - the media store: checked bytes written once under media_dir,
 * a row per tenant, and the ownership checks of attaching.  See media.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "audit.h"
#include "config.h"
#include "digest.h"
#include "media.h"
#include "str.h"

enum {
	MED_FIND,
	MED_INSERT,
	MED_GET,
	MED_LIST_DISTRIBUTOR,
	MED_LIST_RESELLER,
	MED_OWNED_SHA,
	MED_DIMS,
	MED__MAX
};

#define MEDIA_COLS "id, COALESCE(distributor_id, 0), COALESCE(reseller_id, 0), sha256, type, width, height," \
	" bytes, name, DATE_FORMAT(created_at, '%Y-%m-%d %H:%i:%s')"
/* tenant parameters: distributor id, reseller id (0 binds NULL: 'I'); a row matches its own tenant only */
#define TENANT_IS " ((distributor_id = ? AND reseller_id IS NULL) OR (reseller_id = ? AND distributor_id IS NULL))"

static const char *const sql[MED__MAX] = {
	[MED_FIND] = "SELECT " MEDIA_COLS " FROM media WHERE sha256 = ? AND" TENANT_IS,
	[MED_INSERT] =
	    "INSERT INTO media (distributor_id, reseller_id, sha256, type, width, height, bytes, name, created_by)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[MED_GET] = "SELECT " MEDIA_COLS " FROM media WHERE id = ? AND" TENANT_IS,
	[MED_LIST_DISTRIBUTOR] =
	    "SELECT " MEDIA_COLS " FROM media WHERE distributor_id = ? ORDER BY created_at DESC, id DESC LIMIT 200",
	[MED_LIST_RESELLER] =
	    "SELECT " MEDIA_COLS " FROM media WHERE reseller_id = ? ORDER BY created_at DESC, id DESC LIMIT 200",
	[MED_OWNED_SHA] = "SELECT id FROM media WHERE sha256 = ? AND type = ? AND" TENANT_IS,
	[MED_DIMS] = "SELECT width, height FROM media WHERE sha256 = ? AND type = ? ORDER BY id LIMIT 1",
};

static const struct db_table table = { DB_MOD_MEDIA, sql, MED__MAX };

#define COL(type, member) DB_COL(type, struct media, member)
static const struct db_col cols[] = {
	COL(INT, id),
	COL(INT, distributor_id),
	COL(INT, reseller_id),
	COL(STR, sha256),
	DB_COL_ENUM(struct media, type, media_type_parse, MEDIA_PNG),
	COL(INT, width),
	COL(INT, height),
	COL(INT, bytes),
	COL(STR, name),
	COL(STR, created_at),
};
#undef COL

static enum core_err
fill(struct db_res *r, void *item)
{
	struct media *m = item;
	enum core_err er;

	memset(m, 0, sizeof(*m));
	if ((er = db_res_fill(r, cols, DB_NCOLS(cols), m)) != CORE_OK)
		return er;
	media_url(m->sha256, m->type, m->url);
	return CORE_OK;
}

DB_LIST_FREE_FN(media_list_free, media_list)

void
media_url(const char *sha256, enum media_type type, char *out)
{
	snprintf(out, MEDIA_URL_SZ, MEDIA_URL_PREFIX "%.64s.%s", sha256, media_type_ext(type));
}

int
media_url_parse(const char *url, char sha[65], enum media_type *type)
{
	const char *p;
	size_t i;
	int t;

	if (url == NULL || strncmp(url, MEDIA_URL_PREFIX, strlen(MEDIA_URL_PREFIX)) != 0)
		return -1;
	p = url + strlen(MEDIA_URL_PREFIX);
	for (i = 0; i < 64; i++)
		if (!((p[i] >= '0' && p[i] <= '9') || (p[i] >= 'a' && p[i] <= 'f')))
			return -1;
	if (p[64] != '.' || (t = media_ext_parse(p + 65)) < 0)
		return -1;
	memcpy(sha, p, 64);
	sha[64] = '\0';
	*type = (enum media_type)t;
	return 0;
}

void
media_limits_of(struct db *db, struct media_limits *lim)
{
	const struct config *cfg = db ? db_config(db) : NULL;

	lim->max_bytes = cfg && cfg->media_max_bytes > 0 ? (uint64_t)cfg->media_max_bytes : MEDIA_MAX_BYTES_DEFAULT;
	lim->max_pixels = cfg && cfg->media_max_pixels > 0 ? (uint64_t)cfg->media_max_pixels : MEDIA_MAX_PIXELS_DEFAULT;
}

enum core_err
media_tenant_of(const struct actor *a, struct media_tenant *t)
{
	memset(t, 0, sizeof(*t));
	if (a == NULL)
		return CORE_FORBIDDEN;
	if (actor_may(a, ACT_SYSTEM) == CORE_OK) {
		if (a->reseller_id > 0)
			t->reseller_id = a->reseller_id;
		else if (a->distributor_id > 0)
			t->distributor_id = a->distributor_id;
		else
			return CORE_FORBIDDEN;
		return CORE_OK;
	}
	if (actor_may(a, ACT_STOREFRONT_WRITE) == CORE_OK && a->reseller_id > 0) {
		t->reseller_id = a->reseller_id;
		return CORE_OK;
	}
	if (actor_may(a, ACT_CATALOG_WRITE) == CORE_OK && a->distributor_id > 0) {
		t->distributor_id = a->distributor_id;
		return CORE_OK;
	}
	return CORE_FORBIDDEN;
}

/* mkdirs - the directory path and its parents (mode 0755). */
static int
mkdirs(const char *path)
{
	char tmp[CONFIG_STR + 16], *p;

	if (snprintf(tmp, sizeof(tmp), "%s", path) >= (int)sizeof(tmp))
		return -1;
	for (p = tmp + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			if (mkdir(tmp, 0755) != 0 && errno != EEXIST)
				return -1;
			*p = '/';
		}
	return (mkdir(tmp, 0755) != 0 && errno != EEXIST) ? -1 : 0;
}

/*
 * write_file - the bytes as dir/<sha>.<ext>, unless a file of that name
 * and size is there (content-addressed: it holds these bytes).  Written
 * to a temporary name, synced and renamed, so a reader never sees half a
 * file; world-readable (nginx serves it).
 */
static enum core_err
write_file(const char *dir, const char *sha, enum media_type type, const void *p, size_t n, char *why)
{
	char path[CONFIG_STR + 96], tmp[CONFIG_STR + 128];
	const char *b = p;
	struct stat st;
	ssize_t w;
	size_t off = 0;
	int fd;

	if (mkdirs(dir) != 0) {
		core_say(why, "The media directory %.150s cannot be made: %s.", dir, strerror(errno));
		return CORE_IO;
	}
	snprintf(path, sizeof(path), "%s/%s.%s", dir, sha, media_type_ext(type));
	if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size == n)
		return CORE_OK;
	snprintf(tmp, sizeof(tmp), "%s/.%s.%ld.tmp", dir, sha, (long)getpid());
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)) < 0) {
		core_say(why, "The image cannot be written to %.150s: %s.", dir, strerror(errno));
		return CORE_IO;
	}
	while (off < n) {
		if ((w = write(fd, b + off, n - off)) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		off += (size_t)w;
	}
	if (off != n || fchmod(fd, 0644) != 0 || fsync(fd) != 0) {
		core_say(why, "The image cannot be written to %.150s: %s.", dir, strerror(errno));
		close(fd);
		unlink(tmp);
		return CORE_IO;
	}
	close(fd);
	if (rename(tmp, path) != 0) {
		core_say(why, "The image cannot be stored in %.150s: %s.", dir, strerror(errno));
		unlink(tmp);
		return CORE_IO;
	}
	return CORE_OK;
}

struct add_args {
	const struct actor       *a;
	const struct media_tenant *t;
	const char               *sha;
	const struct media_info  *info;
	size_t                    n;
	const char               *name;
	struct media             *out;
};

static enum core_err
find(struct db *db, const struct media_tenant *t, int idx, const char *key_s, int64_t key_i, struct media *out)
{
	if (idx == MED_FIND)
		return db_row(db, &table, idx, fill, out, "sII", key_s, t->distributor_id, t->reseller_id);
	return db_row(db, &table, idx, fill, out, "iII", key_i, t->distributor_id, t->reseller_id);
}

static enum core_err
add_txn(struct db *db, void *arg)
{
	struct add_args *w = arg;
	json_t *after;
	enum core_err er;

	er = find(db, w->t, MED_FIND, w->sha, 0, w->out);
	if (er != CORE_NOTFOUND)
		return er;	/* added before: that row */
	if ((er = db_exec(db, &table, MED_INSERT, NULL, "IIssiiisI", w->t->distributor_id, w->t->reseller_id, w->sha,
	    media_type_name(w->info->type), (int64_t)w->info->width, (int64_t)w->info->height, (int64_t)w->n,
	    w->name, w->a->id)) != CORE_OK)
		return er;
	if ((er = find(db, w->t, MED_GET, NULL, (int64_t)db_insert_id(db), w->out)) != CORE_OK)
		return er;
	after = json_pack("{s:s, s:s, s:i, s:i, s:I, s:s, s:s}", "sha256", w->sha, "type",
	    media_type_name(w->info->type), "width", (int)w->info->width, "height", (int)w->info->height,
	    "bytes", (json_int_t)w->n, "name", w->name, "url", w->out->url);
	if (after == NULL)
		return CORE_ENOMEM;
	er = audit_write(db, w->a, w->t->reseller_id, "media.add", "media", w->out->id, NULL, after);
	json_decref(after);
	return er;
}

/* label - the base name of name, without control characters, cut to 200 characters. */
static void
label(const char *name, char *out, size_t sz)
{
	const char *b = name ? strrchr(name, '/') : NULL;
	size_t i, o = 0;

	b = b ? b + 1 : (name ? name : "");
	for (i = 0; b[i] && o + 1 < sz; i++)
		if ((unsigned char)b[i] >= 0x20 && b[i] != 0x7f)
			out[o++] = b[i];
	out[o] = '\0';
	if (!str_text_valid(out, 0, 200, 0))
		out[0] = '\0';
}

enum core_err
media_store_bytes(struct db *db, const void *p, size_t n, struct media_info *info, char sha[65], char *why)
{
	struct media_limits lim;
	enum core_err er;

	media_limits_of(db, &lim);
	if ((er = media_sniff(p, n, &lim, info, why)) != CORE_OK)
		return er;
	if ((er = digest_sha256_hex(p, n, sha)) != CORE_OK)
		return er;
	return write_file(db_config(db)->media_dir, sha, info->type, p, n, why);
}

enum core_err
media_add(struct db *db, const struct actor *a, const void *p, size_t n, const char *name, struct media *out,
    char *why)
{
	struct media_tenant t;
	struct media_info info;
	struct media m;
	char sha[DIGEST_SHA256_HEX], lbl[201];
	struct add_args w = { a, &t, sha, &info, n, lbl, out ? out : &m };
	enum core_err er;

	if (why != NULL)
		why[0] = '\0';
	if ((er = media_tenant_of(a, &t)) != CORE_OK) {
		core_say(why, "Only a distributor administrator (product images) or a reseller administrator "
		    "(storefront images) can add media.");
		return er;
	}
	if ((er = media_store_bytes(db, p, n, &info, sha, why)) != CORE_OK)
		return er;
	label(name, lbl, sizeof(lbl));
	return db_txn(db, add_txn, &w);
}

enum core_err
media_get(struct db *db, const struct actor *a, int64_t id, struct media *out)
{
	struct media_tenant t;
	enum core_err er;

	if ((er = media_tenant_of(a, &t)) != CORE_OK)
		return er;
	return find(db, &t, MED_GET, NULL, id, out);
}

enum core_err
media_list(struct db *db, const struct actor *a, struct media_list *out)
{
	struct media_tenant t;
	struct db_rows rows;
	enum core_err er;

	memset(out, 0, sizeof(*out));
	if ((er = media_tenant_of(a, &t)) != CORE_OK)
		return er;
	er = db_all(db, &table, t.reseller_id ? MED_LIST_RESELLER : MED_LIST_DISTRIBUTOR, sizeof(struct media), fill,
	    &rows, "i", t.reseller_id ? t.reseller_id : t.distributor_id);
	DB_ROWS_MOVE(out, rows);
	return er;
}

enum core_err
media_owned(struct db *db, const struct media_tenant *t, int64_t id, struct media *out, char *why)
{
	struct media m;
	enum core_err er = find(db, t, MED_GET, NULL, id, out ? out : &m);

	if (er == CORE_NOTFOUND) {
		core_say(why, "There is no media %lld of yours: only your own images can be attached.", (long long)id);
		return CORE_FORBIDDEN;
	}
	return er;
}

static int
hexval(int c)
{
	return (c >= '0' && c <= '9') ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 :
	    (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
}

/*
 * path_as_served - the path nginx serves for a root-relative url: its
 * %XX escapes decoded, repeated slashes merged, "." and ".." segments
 * resolved, the query and fragment dropped; into out (sz bytes).  So
 * "/%6Dedia//x/../SHA.png" is checked as the "/media/SHA.png" it reaches.
 */
static void
path_as_served(const char *url, char *out, size_t sz)
{
	char dec[600];
	size_t n = 0, o = 0, i, seg;
	int h, l;

	for (i = 0; url[i] && url[i] != '?' && url[i] != '#' && n + 1 < sizeof(dec); i++) {
		if (url[i] == '%' && (h = hexval(url[i + 1])) >= 0 && (l = hexval(url[i + 2])) >= 0) {
			dec[n++] = (char)(h * 16 + l);
			i += 2;
		} else
			dec[n++] = url[i];
	}
	dec[n] = '\0';
	out[0] = '\0';
	for (i = 0; i < n; ) {
		while (i < n && dec[i] == '/')
			i++;
		for (seg = i; i < n && dec[i] != '/'; i++)
			;
		if (i - seg == 0 || (i - seg == 1 && dec[seg] == '.'))
			continue;
		if (i - seg == 2 && dec[seg] == '.' && dec[seg + 1] == '.') {
			while (o > 0 && out[--o] != '/')
				;
			out[o] = '\0';
			continue;
		}
		if (o + 1 + (i - seg) + 1 > sz)
			break;
		out[o++] = '/';
		memcpy(out + o, dec + seg, i - seg);
		o += i - seg;
		out[o] = '\0';
	}
	if (o == 0 && sz > 1) {
		out[0] = '/';
		out[1] = '\0';
	}
}

enum core_err
media_check_url(struct db *db, const struct media_tenant *t, const char *url, char *why)
{
	char sha[65], path[600];
	enum media_type type;
	int64_t id;
	enum core_err er;

	if (url == NULL || url[0] != '/' || url[1] == '/')
		return CORE_OK;		/* not served from here: other rules apply */
	path_as_served(url, path, sizeof(path));
	if (strncmp(path, MEDIA_URL_PREFIX, strlen(MEDIA_URL_PREFIX)) != 0)
		return CORE_OK;
	if (strcmp(path, url) != 0 || media_url_parse(url, sha, &type) != 0) {
		core_say(why, "%.120s is not the address of a stored image.", url);
		return CORE_FORBIDDEN;
	}
	er = db_query_int(db, &table, MED_OWNED_SHA, &id, "ssII", sha, media_type_name(type), t->distributor_id,
	    t->reseller_id);
	if (er == CORE_NOTFOUND) {
		core_say(why, "The image %.120s is not one of yours: only your own images can be attached.", url);
		return CORE_FORBIDDEN;
	}
	return er;
}

enum core_err
media_check_json(struct db *db, const struct media_tenant *t, const json_t *j, char *why)
{
	const char *k;
	json_t *v;
	size_t i;
	enum core_err er;

	if (json_is_string(j))
		return media_check_url(db, t, json_string_value(j), why);
	if (json_is_array(j)) {
		json_array_foreach(j, i, v)
			if ((er = media_check_json(db, t, v, why)) != CORE_OK)
				return er;
	} else if (json_is_object(j)) {
		json_object_foreach((json_t *)j, k, v)
			if ((er = media_check_json(db, t, v, why)) != CORE_OK)
				return er;
	}
	return CORE_OK;
}

enum core_err
media_check_sections(struct db *db, int64_t reseller_id, const char *sections, char *why)
{
	struct media_tenant t = { 0, reseller_id };
	json_t *j;
	enum core_err er;

	if (sections == NULL)
		return CORE_OK;
	if ((j = json_loads(sections, 0, NULL)) == NULL)
		return CORE_INVALID;
	er = media_check_json(db, &t, j, why);
	json_decref(j);
	return er;
}

enum core_err
media_dims(struct db *db, const char *url, int32_t *width, int32_t *height)
{
	char sha[65];
	enum media_type type;
	struct db_res *r;
	enum core_err er;

	if (media_url_parse(url, sha, &type) != 0)
		return CORE_NOTFOUND;
	if ((er = db_query(db, &table, MED_DIMS, &r, "ss", sha, media_type_name(type))) != CORE_OK)
		return er;
	if (db_res_next(r)) {
		*width = (int32_t)db_res_int(r, 0);
		*height = (int32_t)db_res_int(r, 1);
	} else
		er = CORE_NOTFOUND;
	db_res_free(r);
	return er;
}
