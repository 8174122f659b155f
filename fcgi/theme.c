#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "log.h"
#include "theme.h"
#include "theme_info.h"

unsigned long long
theme_fnv(unsigned long long h, const void *p, size_t n)
{
	const unsigned char *s = p;

	while (n--) {
		h ^= *s++;
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* copy - strlcpy: s cut to fit n bytes (callers check lengths first; this keeps -Wformat-truncation quiet). */
static void
copy(char *d, size_t n, const char *s)
{
	size_t l = strnlen(s, n - 1);

	memcpy(d, s, l);
	d[l] = '\0';
}

static int
valid_name(const char *s, size_t max)
{
	size_t n = 0;

	for (; *s; s++, n++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_' || *s == '-'))
			return 0;
	return n > 0 && n <= max;
}

/* read_file - path into out; CORE_NOTFOUND when it is missing, CORE_IO otherwise, with why (may be NULL). */
static enum core_err
read_file(const char *path, struct buf *out, char *why, size_t whysz)
{
	int rc = buf_read_file(out, path, BUF_MAX);

	if (rc == 0)
		return CORE_OK;
	if (why)
		snprintf(why, whysz, "cannot read %s: %s", path, strerror(rc));
	return rc == ENOENT ? CORE_NOTFOUND : rc == ENOMEM ? CORE_ENOMEM : CORE_IO;
}

/* Templates are templates/<name>.mustache; the name never becomes a path unchecked. */
static enum core_err
loader(void *arg, const char *name, struct buf *src, char *why, size_t whysz)
{
	const struct theme *th = arg;
	char path[1024];

	if (!valid_name(name, 64)) {
		snprintf(why, whysz, "bad template name");
		return CORE_NOTFOUND;
	}
	snprintf(path, sizeof(path), "%s/templates/%s.mustache", th->dir, name);
	return read_file(path, src, why, whysz);
}

static int
cmp_names(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

/* Hash every regular file under dir (relative paths and bytes), in sorted order. */
static unsigned long long
hash_tree(unsigned long long h, const char *dir, const char *rel)
{
	struct dirent **ents;
	struct stat st;
	char path[1024], sub[512];
	struct buf b = { 0 };
	int i, n;

	if ((n = scandir(dir, &ents, NULL, cmp_names)) < 0)
		return h;
	for (i = 0; i < n; i++) {
		const char *nm = ents[i]->d_name;

		/* hidden files, and the .gz copies `make assets` derives from the files hashed */
		if (nm[0] == '.' || (strlen(nm) > 3 && strcmp(nm + strlen(nm) - 3, ".gz") == 0))
			goto next;
		snprintf(path, sizeof(path), "%s/%s", dir, nm);
		snprintf(sub, sizeof(sub), "%s/%s", rel, nm);
		if (stat(path, &st) != 0)
			goto next;
		if (S_ISDIR(st.st_mode))
			h = hash_tree(h, path, sub);
		else if (S_ISREG(st.st_mode)) {
			h = theme_fnv(h, sub, strlen(sub) + 1);
			buf_reset(&b);
			if (read_file(path, &b, NULL, 0) == CORE_OK)
				h = theme_fnv(h, b.data ? b.data : "", b.len);
		}
next:
		free(ents[i]);
	}
	free(ents);
	buf_free(&b);
	return h;
}

static int
load_one(struct theme *th, const char *dir, const char *name)
{
	char path[1024], msg[600];
	struct theme_info *ti;
	unsigned long long ha, ht;
	enum core_err er;
	int i;
	const char *s;

	memset(th, 0, sizeof(*th));
	copy(th->name, sizeof(th->name), name);
	snprintf(th->dir, sizeof(th->dir), "%s/%s", dir, name);
	if ((ti = malloc(sizeof(*ti))) == NULL)
		return -1;
	/* theme.json is optional: without it the theme has one skin, "default" */
	if ((er = theme_info_load(dir, name, ti, msg, sizeof(msg))) != CORE_OK && er != CORE_NOTFOUND) {
		log_say("shelf-fcgi: theme %s: %s; skipped", name, er == CORE_INVALID ? msg : core_strerror(er));
		free(ti);
		return -1;
	}
	for (i = 0; i < ti->nskins; i++)
		if (valid_name(ti->skins[i].id, THEME_NAME_MAX) && th->nskins < THEME_SKINS_MAX)
			copy(th->skins[th->nskins++], THEME_NAME_MAX + 1, ti->skins[i].id);
	if (valid_name(ti->default_skin, THEME_NAME_MAX))
		copy(th->default_skin, sizeof(th->default_skin), ti->default_skin);
	else if (th->nskins > 0)
		copy(th->default_skin, sizeof(th->default_skin), th->skins[0]);
	else
		snprintf(th->default_skin, sizeof(th->default_skin), "default");

	snprintf(path, sizeof(path), "%s/assets", th->dir);
	ha = hash_tree(THEME_FNV_INIT, path, "");
	snprintf(path, sizeof(path), "%s/templates", th->dir);
	ht = hash_tree(ha, path, "");
	ht = theme_fnv(ht, th->name, strlen(th->name));
	snprintf(th->asset_hash, sizeof(th->asset_hash), "%012llx", ha & 0xffffffffffffULL);
	snprintf(th->hash, sizeof(th->hash), "%016llx", ht);
	snprintf(th->asset_base, sizeof(th->asset_base), "/assets/%s/%s", th->name, th->asset_hash);

	s = ti->placeholder;
	if (s[0] != '\0' && strstr(s, "..") == NULL && s[0] != '/' &&
	    snprintf(th->placeholder, sizeof(th->placeholder), "%s/%s", th->asset_base, s) >= (int)sizeof(th->placeholder))
		th->placeholder[0] = '\0';
	free(ti);

	if ((th->set = mustache_set_new(loader, th, 0)) == NULL)
		return -1;
	return 0;
}

enum core_err
theme_load_all(struct themes *out, const char *dir, char *msg, size_t msgsz)
{
	struct dirent **ents;
	char path[1024];
	struct stat st;
	int i, n;

	memset(out, 0, sizeof(*out));
	if ((n = scandir(dir, &ents, NULL, cmp_names)) < 0) {
		snprintf(msg, msgsz, "cannot read the themes directory %s: %s", dir, strerror(errno));
		return CORE_CONFIG;
	}
	if ((out->v = calloc((size_t)n + 1, sizeof(*out->v))) == NULL) {
		for (i = 0; i < n; i++)
			free(ents[i]);
		free(ents);
		snprintf(msg, msgsz, "out of memory");
		return CORE_ENOMEM;
	}
	for (i = 0; i < n; i++) {
		const char *nm = ents[i]->d_name;

		snprintf(path, sizeof(path), "%s/%s/templates", dir, nm);
		if (valid_name(nm, THEME_NAME_MAX) && stat(path, &st) == 0 && S_ISDIR(st.st_mode) &&
		    load_one(&out->v[out->n], dir, nm) == 0)
			out->n++;
		free(ents[i]);
	}
	free(ents);
	/*
	 * The leaking of a theme whose set failed is nothing to speak of; a
	 * missing default theme is: error pages of unknown storefronts need it.
	 */
	for (i = 0; i < (int)out->n; i++)
		if (strcmp(out->v[i].name, THEME_DEFAULT) == 0)
			return CORE_OK;
	snprintf(msg, msgsz, "the default theme %s is missing from %s", THEME_DEFAULT, dir);
	return CORE_CONFIG;
}

void
themes_free(struct themes *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		mustache_set_free(t->v[i].set);
	free(t->v);
	memset(t, 0, sizeof(*t));
}

const struct theme *
theme_find(const struct themes *t, const char *name)
{
	size_t i;

	for (i = 0; name != NULL && i < t->n; i++)
		if (strcmp(t->v[i].name, name) == 0)
			return &t->v[i];
	for (i = 0; i < t->n; i++)
		if (strcmp(t->v[i].name, THEME_DEFAULT) == 0)
			return &t->v[i];
	return NULL;
}

const char *
theme_skin(const struct theme *th, const char *skin)
{
	size_t i;

	for (i = 0; skin != NULL && i < th->nskins; i++)
		if (strcmp(th->skins[i], skin) == 0)
			return th->skins[i];
	return th->default_skin;
}

enum core_err
theme_render(const struct theme *th, const char *name, const json_t *ctx,
    struct buf *out, struct mustache_error *err)
{
	return mustache_set_render(th->set, name, ctx, out, err);
}
