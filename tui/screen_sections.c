/*
 * screen_sections.c - the homepage sections editor: the storefront's
 * sections in order, `a` adds one (of a type the theme supports), Enter
 * or `e` edits its texts, image URL and call to action, `d` removes it
 * (asks first), `K`/`J` move it up and down.  Every change is saved at
 * once with storefront_update_look (same theme and skin), which
 * validates the list, bumps the version and audits; a refusal reloads
 * what is stored and shows core's why.  `i` picks the section's image
 * from the reseller's media (screen_media.c), or adds a brand tile to a
 * logo strip.
 *
 * The types and their fields, labels, limits and URL rules are core's
 * (core/section.h): the form of a section is built from its schema, and
 * core checks the same schema again on saving.  Keys the editor does not
 * know are kept as they are.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "screens.h"
#include "media.h"
#include "section.h"
#include "storefront.h"
#include "theme_info.h"
#include "str.h"

struct sections {
	struct ui         *ui;
	struct storefront  sf;
	json_t            *secs;		/* the array being edited */
	int                cursor;
	const char        *types[THEME_SECTIONS + 1];	/* the theme's section types, NULL-terminated */
	char               typebuf[THEME_SECTIONS][24];
	struct ui_view     view;		/* the list as text (tests) */
};

static const struct ui_binding keys[] = {
	{ UA_EDIT,      { UI_ENTER, UK(KEY_ENTER), 'e' }, "Enter/e", "Edit", "edit the section's texts, image URL and call to action" },
	{ UA_ADD,       { 'a' }, "a", "Add",    "add a section after this one" },
	{ UA_REMOVE,    { 'd' }, "d", "Remove", "remove the section (asks first)" },
	{ UA_MOVE_UP,   { 'K' }, "K", "Up",     "move the section up" },
	{ UA_MOVE_DOWN, { 'J' }, "J", "Down",   "move the section down" },
	{ UA_UP,        { 'k', UK(KEY_UP) },   "k/Up",   NULL, "previous section" },
	{ UA_DOWN,      { 'j', UK(KEY_DOWN) }, "j/Down", NULL, "next section" },
	{ UA_REFRESH,   { 'r' }, "r", NULL,     "reload from the database" },
	{ UA_OPEN,      { 'i' }, "i", NULL,     "pick the section's image from your media; on a logo strip, add a brand tile" },
};

static const char *
sget(json_t *o, const char *a, const char *b)
{
	const char *s = json_string_value(json_object_get(o, a));

	if (s == NULL && b)
		s = json_string_value(json_object_get(o, b));
	return s ? s : "";
}

static void
rebuild_view(struct sections *st)
{
	json_t *v;
	size_t i;

	ui_view_clear(&st->view);
	json_array_foreach(st->secs, i, v)
		ui_view_add(&st->view, "%2zu. %-18s %s", i + 1, sget(v, "type", NULL),
		    section_str(v, "title") ? section_str(v, "title") : "");
}

static void
load(struct sections *st)
{
	const struct theme_info *t;
	struct theme_info *themes;
	enum core_err er;
	int n, i;

	json_decref(st->secs);
	st->secs = NULL;
	if ((er = storefront_get(st->ui->db, st->ui->actor, &st->sf)) != CORE_OK) {
		ui_refused(st->ui, er, NULL);
		st->secs = json_array();
		rebuild_view(st);
		return;
	}
	st->secs = json_loads(st->sf.sections, 0, NULL);
	if (!json_is_array(st->secs)) {
		json_decref(st->secs);
		st->secs = json_array();
	}
	/* the types this theme can show; all six when it does not say */
	n = theme_info_list(st->ui->cfg ? st->ui->cfg->themes_dir : NULL, &themes);
	memset(st->types, 0, sizeof(st->types));
	if ((t = theme_info_find(themes, n, st->sf.theme)) != NULL && t->nsection_types > 0) {
		for (i = 0; i < t->nsection_types; i++) {
			snprintf(st->typebuf[i], sizeof(st->typebuf[i]), "%s", t->section_types[i]);
			st->types[i] = st->typebuf[i];
		}
	} else
		for (i = 0; section_type_names[i]; i++)
			st->types[i] = section_type_names[i];
	free(themes);
	if (st->cursor >= (int)json_array_size(st->secs))
		st->cursor = (int)json_array_size(st->secs) - 1;
	if (st->cursor < 0)
		st->cursor = 0;
	rebuild_view(st);
}

/* save - store st->secs; on refusal, reload what is stored.  done is the status on success. */
static enum core_err
save(struct sections *st, const char *done, char *why)
{
	enum core_err er;
	char *text;

	if ((text = json_dumps(st->secs, JSON_COMPACT | JSON_PRESERVE_ORDER)) == NULL)
		return CORE_ENOMEM;
	er = storefront_update_look(st->ui->db, st->ui->actor, st->ui->cfg ? st->ui->cfg->themes_dir : NULL,
	    st->sf.theme, st->sf.skin, text, why);
	free(text);
	if (er != CORE_OK) {
		load(st);
		return er;
	}
	load(st);
	ui_status(st->ui, "%s The storefront shows it on its next request.", done);
	return CORE_OK;
}

static void
save_or_refuse(struct sections *st, const char *done)
{
	char why[CORE_WHY] = "";
	enum core_err er;

	if ((er = save(st, done, why)) != CORE_OK)
		ui_refused(st->ui, er, why);
}

/* ---- editing one section ------------------------------------------- */

static int
v_link(const struct ui_form *f, const char *v, char *msg, size_t sz)
{
	return ui_invalid_if(!section_link_ok(v), msg, sz,
	    "A path starting with /, an https:// URL, mailto: or tel:, or empty.");
}

static int
v_image(const struct ui_form *f, const char *v, char *msg, size_t sz)
{
	return ui_invalid_if(!section_image_ok(v), msg, sz,
	    "An https:// URL or a path starting with /, or empty.");
}

/* list_text - a list of slugs/ids (or {slug} objects) as "a, b, 3". */
static void
list_text(json_t *a, char *buf, size_t sz)
{
	json_t *v;
	size_t i, o = 0;

	buf[0] = '\0';
	json_array_foreach(a, i, v) {
		const char *sep = i ? ", " : "";

		if (o >= sz)
			break;
		if (json_is_integer(v))
			o += (size_t)snprintf(buf + o, sz - o, "%s%lld", sep, (long long)json_integer_value(v));
		else if (json_is_string(v))
			o += (size_t)snprintf(buf + o, sz - o, "%s%s", sep, json_string_value(v));
		else if (json_is_object(v))
			o += (size_t)snprintf(buf + o, sz - o, "%s%s", sep, sget(v, "slug", NULL));
	}
}

/* list_parse - "a, b, 3" back into an array, keeping an old {slug, ...} object for a slug still named. */
static json_t *
list_parse(const char *text, json_t *old)
{
	json_t *out = json_array(), *v, *keep;
	char buf[UI_FIELD], *tok, *save = NULL;
	int64_t id;
	size_t i;

	snprintf(buf, sizeof(buf), "%s", text);
	for (tok = strtok_r(buf, ", ", &save); tok; tok = strtok_r(NULL, ", ", &save)) {
		keep = NULL;
		json_array_foreach(old, i, v)
			if (json_is_object(v) && strcmp(sget(v, "slug", NULL), tok) == 0)
				keep = v;
		if (keep)
			json_array_append(out, keep);
		else if (str_parse_id(tok, &id) == 0)
			json_array_append_new(out, json_integer(id));
		else
			json_array_append_new(out, json_string(tok));
	}
	return out;
}

struct edit {
	struct sections             *st;
	int                          index;
	const struct section_schema *schema;
	const struct section_field  *keys[SECTION_FIELDS_MAX];	/* the form's fields, in order */
	struct ui_field              fields[SECTION_FIELDS_MAX];
	int                          n;
};

static enum core_err
edit_submit(struct ui_form *f, void *arg, char *why, int *field)
{
	struct edit *e = arg;
	struct sections *st = e->st;
	json_t *o = json_array_get(st->secs, (size_t)e->index), *copy;
	const struct section_field *const *k = e->keys;
	const char *v;
	int i;

	(void)field;
	if (o == NULL)
		return CORE_NOTFOUND;
	copy = json_deep_copy(o);
	for (i = 0; i < e->n; i++) {
		v = ui_form_value(f, i);
		if (k[i]->alias)
			json_object_del(o, k[i]->alias);
		if (k[i]->kind == SECTION_F_LIST)
			json_object_set_new(o, k[i]->key, list_parse(v, json_object_get(copy, k[i]->key)));
		else if (v[0] == '\0')
			json_object_del(o, k[i]->key);
		else
			json_object_set_new(o, k[i]->key, json_string(v));
		if (strcmp(k[i]->key, "body") == 0)
			json_object_del(o, "paragraphs");
	}
	json_decref(copy);
	return save(st, "Section saved.", why);
}

static void
edit_begin(struct sections *st)
{
	json_t *o = json_array_get(st->secs, (size_t)st->cursor), *v;
	struct edit *e;
	struct screen *s;
	struct ui_form *f;
	char title[128], buf[UI_FIELD];
	const struct section_schema *sch;
	const struct section_field *const *k;
	size_t j, o2;
	int i;

	if (o == NULL) {
		ui_error(st->ui, "No section here: a adds one.");
		return;
	}
	if ((sch = section_schema_of(o)) == NULL) {
		ui_error(st->ui, "A section of type '%s' cannot be edited here.", sget(o, "type", NULL));
		return;
	}
	if ((e = calloc(1, sizeof(*e))) == NULL)
		return;
	e->st = st;
	e->index = st->cursor;
	e->schema = sch;
	for (i = 0; i < sch->nfields; i++) {
		const struct section_field *sf = &sch->fields[i];

		if (sf->kind == SECTION_F_OBJECTS)
			continue;	/* logos: not text */
		e->keys[e->n] = sf;
		e->fields[e->n++] = sf->kind == SECTION_F_CHOICE ?
		    (struct ui_field){ sf->label, UI_FIELD_CHOICE, 0, sf->choices, NULL, sf->hint, NULL } :
		    (struct ui_field){ sf->label, UI_FIELD_TEXT, sf->max, NULL,
		    sf->kind == SECTION_F_LINK ? v_link : sf->kind == SECTION_F_IMAGE ? v_image : NULL, sf->hint, NULL };
	}
	snprintf(title, sizeof(title), "Section %d: %s", st->cursor + 1, sch->name);
	if ((s = ui_form_new(st->ui, title, e->fields, e->n, edit_submit, e, free)) == NULL)
		return;
	f = ui_form_of(s);
	k = e->keys;
	for (i = 0; i < e->n; i++) {
		if (k[i]->kind == SECTION_F_LIST) {
			list_text(json_object_get(o, k[i]->key), buf, sizeof(buf));
			ui_form_set(f, i, buf);
		} else if (strcmp(k[i]->key, "body") == 0 && json_object_get(o, "body") == NULL) {
			/* paragraphs: kept apart by blank lines, as body is read */
			for (buf[0] = '\0', o2 = 0, j = 0; j < json_array_size(json_object_get(o, "paragraphs")) && o2 < sizeof(buf); j++) {
				v = json_array_get(json_object_get(o, "paragraphs"), j);
				o2 += (size_t)snprintf(buf + o2, sizeof(buf) - o2, "%s%s", j ? "\n\n" : "",
				    json_string_value(v) ? json_string_value(v) : "");
			}
			ui_form_set(f, i, buf);
		} else
			ui_form_set(f, i, sget(o, k[i]->key, k[i]->alias));
	}
	ui_push(st->ui, s);
}

/* ---- adding, removing, moving -------------------------------------- */

struct add {
	struct sections *st;
	struct ui_field  fields[2];
};

static enum core_err
add_submit(struct ui_form *f, void *arg, char *why, int *field)
{
	struct add *a = arg;
	struct sections *st = a->st;
	json_t *o = json_object();
	size_t at = json_array_size(st->secs) ? (size_t)st->cursor + 1 : 0;
	const struct section_schema *sch;
	enum core_err er;
	int i;

	(void)field;
	json_object_set_new(o, "type", json_string(ui_form_value(f, 0)));
	if (ui_form_value(f, 1)[0])
		json_object_set_new(o, "title", json_string(ui_form_value(f, 1)));
	/* the lists start empty */
	for (sch = section_schema_of(o), i = 0; sch != NULL && i < sch->nfields; i++)
		if (sch->fields[i].kind == SECTION_F_LIST || sch->fields[i].kind == SECTION_F_OBJECTS)
			json_object_set_new(o, sch->fields[i].key, json_array());
	json_array_insert_new(st->secs, at, o);
	st->cursor = (int)at;
	if ((er = save(st, "Section added: Enter edits its texts.", why)) == CORE_OK)
		st->cursor = (int)at;
	return er;
}

static void
add_begin(struct sections *st)
{
	struct add *a;
	struct screen *s;

	if (json_array_size(st->secs) >= STOREFRONT_SECTIONS_N) {
		ui_error(st->ui, "A homepage has at most %d sections.", STOREFRONT_SECTIONS_N);
		return;
	}
	if ((a = calloc(1, sizeof(*a))) == NULL)
		return;
	a->st = st;
	a->fields[0] = (struct ui_field){ "Type", UI_FIELD_CHOICE, 0, st->types, NULL, "Left/Right to choose", NULL };
	a->fields[1] = (struct ui_field){ "Title", UI_FIELD_TEXT, 200, NULL, NULL, NULL, NULL };
	if ((s = ui_form_new(st->ui, "Add a homepage section", a->fields, 2, add_submit, a, free)) != NULL)
		ui_push(st->ui, s);
}

static enum core_err
remove_yes(struct ui *ui, void *arg, char *why)
{
	struct edit *e = arg;

	(void)ui;
	if (json_array_remove(e->st->secs, (size_t)e->index) != 0)
		return CORE_NOTFOUND;
	return save(e->st, "Section removed.", why);
}

static void
remove_begin(struct sections *st)
{
	json_t *o = json_array_get(st->secs, (size_t)st->cursor);
	struct edit *e;
	char msg[512];

	if (o == NULL || (e = calloc(1, sizeof(*e))) == NULL)
		return;
	e->st = st;
	e->index = st->cursor;
	snprintf(msg, sizeof(msg), "Remove section %d (%s: %s) from the homepage?", st->cursor + 1,
	    sget(o, "type", NULL), sget(o, "title", "heading"));
	ui_push(st->ui, ui_confirm_new(st->ui, "Remove a section", msg, remove_yes, e, free));
}

static void
move_section(struct sections *st, int by)
{
	int to = st->cursor + by;
	json_t *o;

	if (to < 0 || to >= (int)json_array_size(st->secs))
		return;
	o = json_incref(json_array_get(st->secs, (size_t)st->cursor));
	json_array_remove(st->secs, (size_t)st->cursor);
	json_array_insert_new(st->secs, (size_t)to, o);
	st->cursor = to;
	save_or_refuse(st, by < 0 ? "Moved up." : "Moved down.");
}

/* ---- picking an image (screen_media.c) -------------------------------- */

/*
 * image_picked - the chosen image goes on the section under the cursor:
 * its image (hero, image and text), or, on a logo strip, a new logo named
 * after the file ("logo-zoom.png": "Zoom").  Saved at once; core refuses
 * an image that is not the reseller's own (media_check_json).
 */
static void
image_picked(struct ui *ui, const struct media *m, void *arg)
{
	struct sections *st = arg;
	json_t *o = json_array_get(st->secs, (size_t)st->cursor), *logos;
	const struct section_schema *sch = o ? section_schema_of(o) : NULL;
	char name[201], *dot;
	const char *base = m->name;

	(void)ui;
	if (sch == NULL)
		return;
	if (sch->type == SECTION_LOGO_STRIP) {
		if (strncmp(base, "logo-", 5) == 0)
			base += 5;
		snprintf(name, sizeof(name), "%s", base[0] ? base : "Brand");
		if ((dot = strrchr(name, '.')) != NULL && dot != name)
			*dot = '\0';
		if (name[0] >= 'a' && name[0] <= 'z')
			name[0] = (char)(name[0] - 'a' + 'A');
		if (!json_is_array(logos = json_object_get(o, "logos"))) {
			logos = json_array();
			json_object_set_new(o, "logos", logos);
		}
		json_array_append_new(logos, json_pack("{s:s, s:s}", "name", name, "image", m->url));
		save_or_refuse(st, "Added the brand tile.");
		return;
	}
	json_object_set_new(o, "image", json_string(m->url));
	save_or_refuse(st, "New image for the section.");
}

static void
image_begin(struct sections *st)
{
	json_t *o = json_array_get(st->secs, (size_t)st->cursor);
	const struct section_schema *sch = o ? section_schema_of(o) : NULL;
	struct screen *s;

	if (sch == NULL || (sch->type != SECTION_LOGO_STRIP && section_field(sch, "image") == NULL)) {
		ui_error(st->ui, "This section has no image: pick one on a hero, an image and text, or a logo strip.");
		return;
	}
	if ((s = screen_media_pick(st->ui, image_picked, st, NULL)) != NULL)
		ui_push(st->ui, s);
}

/* ---- the screen ---------------------------------------------------- */

static int
handle_key(struct screen *s, int key)
{
	struct sections *st = s->priv;
	enum ui_act act = ui_screen_action(s, key);

	switch (act) {
	case UA_UP:
	case UA_DOWN:
		return ui_cursor_key(&st->cursor, (int)json_array_size(st->secs), act);
	case UA_EDIT:
		edit_begin(st);
		return UI_HANDLED | UI_REDRAW;
	case UA_ADD:
		add_begin(st);
		return UI_HANDLED | UI_REDRAW;
	case UA_REMOVE:
		remove_begin(st);
		return UI_HANDLED | UI_REDRAW;
	case UA_MOVE_UP:
	case UA_MOVE_DOWN:
		move_section(st, act == UA_MOVE_UP ? -1 : 1);
		return UI_HANDLED | UI_REDRAW;
	case UA_REFRESH:
		load(st);
		return UI_HANDLED | UI_REDRAW;
	case UA_OPEN:
		image_begin(st);
		return UI_HANDLED | UI_REDRAW;
	default:
		return UI_IGNORED;
	}
}

static void
draw(struct screen *s, WINDOW *w)
{
	struct sections *st = s->priv;
	json_t *o, *v;
	const char *key;
	char line[2048], buf[UI_FIELD];
	int h, wd, i, y;

	getmaxyx(w, h, wd);
	ui_put(w, 0, 0, wd, " #  Type               Title", ui_attr(UC_HEADER));
	for (i = 0; i < st->view.n && i < h - 8; i++)
		ui_put(w, 1 + i, 0, wd, st->view.lines[i], i == st->cursor ? ui_attr(UC_CURSOR) : 0);
	if (st->view.n == 0)
		ui_put(w, 1, 0, wd, "No sections: the homepage shows the company name only. a adds one.", 0);
	y = (st->view.n > 0 ? st->view.n : 1) + 2;
	if ((o = json_array_get(st->secs, (size_t)st->cursor)) == NULL)
		return;
	snprintf(line, sizeof(line), "Section %d", st->cursor + 1);
	ui_put(w, y++, 0, wd, line, A_BOLD);
	json_object_foreach(o, key, v) {
		if (y >= h)
			break;
		if (strcmp(key, "type") == 0)
			continue;
		if (json_is_array(v))
			list_text(v, buf, sizeof(buf));
		else
			snprintf(buf, sizeof(buf), "%s", json_is_string(v) ? json_string_value(v) : "…");
		snprintf(line, sizeof(line), "  %-15s %s", key, buf);
		ui_put(w, y++, 0, wd, line, 0);
	}
}

static void
enter(struct screen *s)
{
	load(s->priv);
}

static void
destroy(struct screen *s)
{
	struct sections *st = s->priv;

	json_decref(st->secs);
	ui_view_clear(&st->view);
}

static struct ui_view *
view_of(struct screen *s)
{
	return &((struct sections *)s->priv)->view;
}

static const struct screen_ops ops = {
	.name = "sections",
	.caption = "Storefront settings · homepage sections",
	UI_ACTIONS(keys),
	.enter = enter,
	.draw = draw,
	.handle_key = handle_key,
	.free = destroy,
	.view = view_of,
};

struct screen *
screen_sections_new(struct ui *ui)
{
	struct screen *s = ui_screen_make(ui, &ops, sizeof(struct sections));

	if (s != NULL)
		((struct sections *)s->priv)->ui = ui;
	return s;
}
