/*
 * themes.h - what the storefront screens need to know of the installed
 * themes (themes_dir/NAME/theme.json): their skins with the key colours
 * for the picker, and the homepage section types a theme supports.
 * Read-only, no SQL; core validates the choice again on saving
 * (storefront_update_look).
 */
#ifndef SHELF_THEMES_H
#define SHELF_THEMES_H

#include <stddef.h>

#define THEME_SKINS    16
#define THEME_SECTIONS 16
#define THEME_COLORS   4

struct theme_skin {
	char     id[33];
	char     label[64];
	char     description[160];
	char     color_name[THEME_COLORS][16];	/* primary, accent, background, text */
	unsigned color[THEME_COLORS];		/* 0xRRGGBB */
	int      ncolors;
	int      dark;
};

struct theme_info {
	char              name[33];
	char              label[64];
	char              default_skin[33];
	struct theme_skin skins[THEME_SKINS];
	int               nskins;
	char              section_types[THEME_SECTIONS][24];
	int               nsection_types;
};

/*
 * themes_load - every theme under dir (sorted by name), into a malloc'd
 * array *out (free()); returns the count, 0 when none or dir is NULL.
 */
int themes_load(const char *dir, struct theme_info **out);

/* themes_find - the theme named name in t[n], or NULL. */
const struct theme_info *themes_find(const struct theme_info *t, int n, const char *name);

#endif
