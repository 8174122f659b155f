/* theme_info.c - reading themes_dir/NAME/theme.json.  See theme_info.h. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "theme_info.h"

static void
copy(char *dst, size_t sz, json_t *v)
{
	snprintf(dst, sz, "%s", json_is_string(v) ? json_string_value(v) : "");
}

static void
load_skin(struct theme_skin *sk, json_t *v)
{
	static const char *const names[THEME_COLORS] = { "primary", "accent", "background", "text" };
	json_t *colors;
	const char *hex;
	int i;

	memset(sk, 0, sizeof(*sk));
	if (json_is_string(v)) {		/* a skin may be given by id alone */
		copy(sk->id, sizeof(sk->id), v);
		copy(sk->label, sizeof(sk->label), v);
		return;
	}
	copy(sk->id, sizeof(sk->id), json_object_get(v, "id"));
	copy(sk->label, sizeof(sk->label), json_object_get(v, "label"));
	copy(sk->description, sizeof(sk->description), json_object_get(v, "description"));
	sk->dark = json_is_true(json_object_get(v, "dark"));
	colors = json_object_get(v, "colors");
	for (i = 0; i < THEME_COLORS; i++) {
		hex = json_string_value(json_object_get(colors, names[i]));
		if (hex == NULL || hex[0] != '#' || strlen(hex) != 7)
			continue;
		snprintf(sk->color_name[sk->ncolors], sizeof(sk->color_name[0]), "%s", names[i]);
		sk->color[sk->ncolors++] = (unsigned)strtoul(hex + 1, NULL, 16);
	}
}

enum core_err
theme_info_load(const char *dir, const char *name, struct theme_info *t, char *msg, size_t msgsz)
{
	char path[4096];
	json_error_t jerr;
	json_t *root, *v;
	size_t i;
	FILE *fp;

	memset(t, 0, sizeof(*t));
	if (dir == NULL || name == NULL ||
	    snprintf(path, sizeof(path), "%s/%s/theme.json", dir, name) >= (int)sizeof(path))
		return CORE_CONFIG;
	if ((fp = fopen(path, "r")) == NULL)
		return CORE_NOTFOUND;
	root = json_loadf(fp, 0, &jerr);
	fclose(fp);
	if (root == NULL || !json_is_object(root)) {
		if (msg != NULL && msgsz > 0)
			snprintf(msg, msgsz, "%s:%d: %s", path, root ? 1 : jerr.line, root ? "not a JSON object" : jerr.text);
		json_decref(root);
		return CORE_INVALID;
	}
	snprintf(t->name, sizeof(t->name), "%s", name);
	copy(t->label, sizeof(t->label), json_object_get(root, "label"));
	if (t->label[0] == '\0')
		snprintf(t->label, sizeof(t->label), "%s", name);
	copy(t->default_skin, sizeof(t->default_skin), json_object_get(root, "default_skin"));
	json_array_foreach(json_object_get(root, "skins"), i, v)
		if (t->nskins < THEME_SKINS)
			load_skin(&t->skins[t->nskins++], v);
	json_array_foreach(json_object_get(root, "section_types"), i, v)
		if (t->nsection_types < THEME_SECTIONS && json_is_string(v))
			copy(t->section_types[t->nsection_types++], sizeof(t->section_types[0]), v);
	copy(t->placeholder, sizeof(t->placeholder),
	    json_object_get(json_object_get(root, "images"), "product_placeholder"));
	json_decref(root);
	return CORE_OK;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(((const struct theme_info *)a)->name, ((const struct theme_info *)b)->name);
}

int
theme_info_list(const char *dir, struct theme_info **out)
{
	struct theme_info *t = NULL, *nt;
	struct dirent *e;
	DIR *d;
	int n = 0;

	*out = NULL;
	if (dir == NULL || (d = opendir(dir)) == NULL)
		return 0;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' || strlen(e->d_name) >= sizeof(t->name))
			continue;
		if ((nt = realloc(t, sizeof(*t) * (size_t)(n + 1))) == NULL)
			break;
		t = nt;
		if (theme_info_load(dir, e->d_name, &t[n], NULL, 0) == CORE_OK)
			n++;
	}
	closedir(d);
	if (n > 0)
		qsort(t, (size_t)n, sizeof(*t), by_name);
	*out = t;
	return n;
}

const struct theme_info *
theme_info_find(const struct theme_info *t, int n, const char *name)
{
	int i;

	for (i = 0; i < n; i++)
		if (strcmp(t[i].name, name) == 0)
			return &t[i];
	return NULL;
}

int
theme_info_has_skin(const struct theme_info *t, const char *skin)
{
	int i;

	for (i = 0; i < t->nskins; i++)
		if (strcmp(t->skins[i].id, skin) == 0)
			return 1;
	return 0;
}

int
theme_info_supports(const struct theme_info *t, const char *type)
{
	int i;

	if (t->nsection_types == 0)
		return 1;
	for (i = 0; i < t->nsection_types; i++)
		if (strcmp(t->section_types[i], type) == 0)
			return 1;
	return 0;
}
