/*
 * screen_media.c - the media picker: the operator's tenant's images
 * (media_list: a distributor admin's product images, a reseller admin's
 * storefront images), newest first, with their size and URL.  `a` adds a
 * file from a path on this machine (media_add: PNG, JPEG or WebP checked
 * by their bytes; a refusal shows core's reason).  Opened to pick
 * (screen_media_pick), Enter hands the image under the cursor to the
 * caller and closes the picker; opened to browse (screen_media_new),
 * Enter shows the image's URL to copy.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buf.h"
#include "media.h"
#include "screens.h"

#define MEDIA_FILE_MAX (64u << 20)

struct mediascreen {
	struct ui_listscreen ls;
	struct media_list    page;
	screen_media_pick_fn pick;	/* NULL: browsing */
	void                *ctx;
	void               (*ctx_free)(void *);
};

enum col { COL_ID, COL_TYPE, COL_SIZE, COL_BYTES, COL_NAME, COL_URL, COL__MAX };

static const struct ui_column cols[COL__MAX] = {
	[COL_ID]    = { "ID", 6, 1, 0, 0 },
	[COL_TYPE]  = { "Type", 5, 0, 0, 2 },
	[COL_SIZE]  = { "Size", 11, 0, 0, 0 },
	[COL_BYTES] = { "Bytes", 9, 1, 0, 3 },
	[COL_NAME]  = { "Name", 0, 0, 16, 0 },
	[COL_URL]   = { "URL", 0, 0, 20, 1 },
};

/* fetch - the tenant's media (at most MEDIA_LIST_MAX, one query), the page q asks for out of them. */
static enum core_err
fetch(struct ui_listscreen *ls, const struct ui_list_query *q)
{
	struct media_list *l = &((struct mediascreen *)ls)->page;
	size_t off = q->offset > 0 ? (size_t)q->offset : 0, n;
	enum core_err er;

	if ((er = media_list(ls->ui->db, ls->ui->actor, l)) != CORE_OK)
		return er;
	l->total = (int64_t)l->n;
	n = off < l->n ? l->n - off : 0;
	if (q->limit > 0 && n > (size_t)q->limit)
		n = (size_t)q->limit;
	if (off > 0 && n > 0)
		memmove(l->items, l->items + off, n * sizeof(*l->items));
	l->n = n;
	return CORE_OK;
}

UI_PAGE_FREE_FN(free_page, media_list_free)

static void
cell(void *ctx, int row, int col, char *buf, size_t sz)
{
	const struct media *m = &((struct mediascreen *)ctx)->page.items[row];

	switch ((enum col)col) {
	case COL_ID:    snprintf(buf, sz, "%lld", (long long)m->id); break;
	case COL_TYPE:  snprintf(buf, sz, "%s", media_type_name(m->type)); break;
	case COL_SIZE:  snprintf(buf, sz, "%dx%d", (int)m->width, (int)m->height); break;
	case COL_BYTES: snprintf(buf, sz, "%lld", (long long)m->bytes); break;
	case COL_NAME:  snprintf(buf, sz, "%s", m->name[0] ? m->name : "-"); break;
	case COL_URL:   snprintf(buf, sz, "%s", m->url); break;
	case COL__MAX:  break;
	}
}

static const struct ui_binding keys[] = {
	{ UA_OPEN,    { UI_ENTER, UK(KEY_ENTER) }, "Enter", "Use", "use this image (picking), or show its URL" },
	{ UA_ADD,     { 'a' }, "a", "Add", "add an image from a file: PNG, JPEG or WebP (SVG is refused)" },
	{ UA_REFRESH, { 'r' }, "r", NULL,  "reload from the database" },
	LIST_KEYS,
};

/* ---- adding a file --------------------------------------------------- */

static int
v_path(const struct ui_form *f, const char *v, char *msg, size_t sz)
{
	return ui_invalid_if(v[0] == '\0', msg, sz, "The path of an image file on this machine.");
}

static const struct ui_field add_fields[] = {
	{ "File", UI_FIELD_TEXT, 1000, NULL, v_path, "path of a PNG, JPEG or WebP file", NULL },
};

static enum core_err
add_submit(struct ui_form *f, void *arg, char *why, int *field)
{
	struct buf b = { NULL, 0, 0 };
	const char *path = ui_form_value(f, 0);
	struct media m;
	enum core_err er;
	int e;

	(void)arg;
	*field = 0;
	if ((e = buf_read_file(&b, path, MEDIA_FILE_MAX)) != 0) {
		core_say(why, "%.150s: %s.", path, e == EFBIG ? "the file is too large" : strerror(e));
		buf_free(&b);
		return CORE_INVALID;
	}
	er = media_add(f->ui->db, f->ui->actor, b.data, b.len, path, &m, why);
	buf_free(&b);
	if (er == CORE_OK)
		ui_status(f->ui, "Added media %lld: %dx%d %s, %s.", (long long)m.id, (int)m.width, (int)m.height,
		    media_type_name(m.type), m.url);
	return er;
}

/* ---- the screen ---------------------------------------------------- */

static int
act(struct ui_listscreen *ls, enum ui_act act, int row)
{
	struct mediascreen *st = (struct mediascreen *)ls;
	struct media_tenant t;
	struct screen *f;
	enum core_err er;
	char msg[512];

	switch (act) {
	case UA_ADD:
		if ((er = media_tenant_of(ls->ui->actor, &t)) != CORE_OK) {
			ui_refused(ls->ui, er, "Only distributor and reseller administrators add media.");
			return UI_HANDLED | UI_REDRAW;
		}
		if ((f = ui_form_new(ls->ui, "Add an image", add_fields, 1, add_submit, NULL, NULL)) != NULL)
			ui_push(ls->ui, f);
		return UI_HANDLED | UI_REDRAW;
	case UA_OPEN:
		if (row < 0) {
			ui_error(ls->ui, "No image selected: add one with a.");
			return UI_HANDLED | UI_REDRAW;
		}
		if (st->pick != NULL) {
			struct media chosen = st->page.items[row];

			st->pick(ls->ui, &chosen, st->ctx);
			ui_pop(ls->ui);	/* frees st: nothing of it after this */
			return UI_HANDLED | UI_REDRAW;
		}
		snprintf(msg, sizeof(msg), "Media %lld, %dx%d %s:\n\n  %s\n\nUse this address for a section image, a logo\n"
		    "or a brand tile; a product takes the media id.", (long long)st->page.items[row].id,
		    (int)st->page.items[row].width, (int)st->page.items[row].height,
		    media_type_name(st->page.items[row].type), st->page.items[row].url);
		ui_push(ls->ui, ui_notice_new(ls->ui, "Image", msg));
		return UI_HANDLED | UI_REDRAW;
	default:
		return UI_IGNORED;
	}
}

static void
media_free(struct screen *s)
{
	struct mediascreen *st = s->priv;

	if (st != NULL && st->ctx_free != NULL)
		st->ctx_free(st->ctx);
	ui_listscreen_free(s);
}

static const struct ui_listscreen_def def = {
	/* UI_LISTSCREEN_OPS but for free: the picker's context is released with the screen */
	.ops = { .enter = ui_listscreen_enter, .draw = ui_listscreen_draw, .handle_key = ui_listscreen_key,
		.title = ui_listscreen_title, .footer = ui_listscreen_footer, .free = media_free,
		.list = ui_listscreen_list, .name = "media", UI_ACTIONS(keys) },
	.src = { UI_COLUMNS(cols), .cell = cell },
	UI_LISTSCREEN_STATE(struct mediascreen, page, free_page),
	.fetch = fetch,
	.title = "Media",
	.act = act,
};

struct screen *
screen_media_new(struct ui *ui)
{
	return ui_listscreen_new(ui, &def);
}

struct screen *
screen_media_pick(struct ui *ui, screen_media_pick_fn pick, void *ctx, void (*ctx_free)(void *))
{
	struct screen *s = ui_listscreen_new(ui, &def);
	struct mediascreen *st;

	if (s == NULL) {
		if (ctx_free != NULL)
			ctx_free(ctx);
		return NULL;
	}
	st = s->priv;
	st->pick = pick;
	st->ctx = ctx;
	st->ctx_free = ctx_free;
	return s;
}
