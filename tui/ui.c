/*
 * ui.c - the screen stack, key dispatch and the status line: the part of
 * the framework that runs without a terminal.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ui.h"

/* Applied only when the top screen ignored the key (htop's ScreenManager). */
const struct ui_binding ui_global_keys[] = {
	{ UA_HELP,     { '?', UK(KEY_F(1)) },  "?/F1",  "Help",  "show the keys of this screen" },
	{ UA_BACK,     { 'q', UI_ESC, UK(KEY_LEFT) }, "q/Esc", "Back", "back to the previous screen; q on the first screen asks to quit" },
	{ UA_NEXT_TAB, { UI_TAB },             "Tab",   "Next",  "next tab" },
	{ UA_PREV_TAB, { UK(KEY_BTAB) },       "S-Tab", NULL,    "previous tab" },
	{ UA_QUIT,     { 'Q', UK(KEY_F(10)) }, "Q/F10", "Quit",  "quit the TUI at once, without asking" },
	{ UA_REFRESH,  { UI_CTRL('l') },       "C-l",   NULL,    "redraw the screen" },
};
const size_t ui_nglobal_keys = sizeof(ui_global_keys) / sizeof(ui_global_keys[0]);

void
ui_init(struct ui *ui, struct db *db, const struct actor *a, const struct config *cfg)
{
	memset(ui, 0, sizeof(*ui));
	ui->db = db;
	ui->actor = a;
	ui->cfg = cfg;
	ui->rows = 30;
	ui->cols = 100;
}

static void
screen_free(struct screen *s)
{
	if (s == NULL)
		return;
	if (s->ops->free)
		s->ops->free(s);
	if (s->owns_priv)
		free(s->priv);
	free(s);
}

static void
reap(struct ui *ui)
{
	while (ui->ndead > 0)
		screen_free(ui->dead[--ui->ndead]);
}

void
ui_done(struct ui *ui)
{
	while (ui->depth > 0) {
		struct screen *s = ui->stack[--ui->depth];

		if (s->ops->leave)
			s->ops->leave(s);
		screen_free(s);
	}
	reap(ui);
}

struct screen *
ui_screen_new(struct ui *ui, const struct screen_ops *ops, void *priv)
{
	struct screen *s = calloc(1, sizeof(*s));

	if (s == NULL)
		return NULL;
	s->ops = ops;
	s->ui = ui;
	s->priv = priv;
	return s;
}

struct screen *
ui_screen_make(struct ui *ui, const struct screen_ops *ops, size_t size)
{
	void *priv = calloc(1, size);
	struct screen *s;

	if (priv == NULL)
		return NULL;
	if ((s = ui_screen_new(ui, ops, priv)) == NULL)
		free(priv);
	else
		s->owns_priv = 1;
	return s;
}

struct ui_list *
ui_screen_list(struct screen *s)
{
	return s && s->ops->list ? s->ops->list(s) : NULL;
}

struct ui_view *
ui_screen_view(struct screen *s)
{
	return s && s->ops->view ? s->ops->view(s) : NULL;
}

void
ui_screen_title(const struct screen *s, char *buf, size_t sz)
{
	if (s->ops->title)
		s->ops->title((struct screen *)s, buf, sz);
	else
		snprintf(buf, sz, "%s", s->ops->caption ? s->ops->caption : s->ops->name);
}

struct screen *
ui_top(const struct ui *ui)
{
	return ui->depth > 0 ? ui->stack[ui->depth - 1] : NULL;
}

int
ui_push(struct ui *ui, struct screen *s)
{
	struct screen *top = ui_top(ui);

	if (s == NULL)
		return -1;
	if (ui->depth >= UI_STACK) {
		screen_free(s);
		ui_error(ui, "Too many screens open.");
		return -1;
	}
	if (top && top->ops->leave)
		top->ops->leave(top);
	/* a dialog starts on a clean status line: an old message would read as its answer */
	if (s->ops->flags & SCREEN_MODAL)
		ui->status[0] = '\0';
	ui->stack[ui->depth++] = s;
	if (s->ops->enter)
		s->ops->enter(s);
	return 0;
}

/* take_off - the top screen off the stack: it leaves, and is freed once the key that closed it is done (reap). */
static void
take_off(struct ui *ui)
{
	struct screen *s = ui->stack[--ui->depth];

	if (s->ops->leave)
		s->ops->leave(s);
	if (ui->ndead < UI_STACK)
		ui->dead[ui->ndead++] = s;
	else
		screen_free(s);
}

void
ui_pop(struct ui *ui)
{
	struct screen *top;

	if (ui->depth == 0)
		return;
	take_off(ui);
	if ((top = ui_top(ui)) != NULL && top->ops->enter)
		top->ops->enter(top);
}

void
ui_goto_tab(struct ui *ui, int i)
{
	if (ui->ntabs == 0)
		return;
	i = ((i % ui->ntabs) + ui->ntabs) % ui->ntabs;
	while (ui->depth > 0)
		take_off(ui);
	ui->tab = i;
	ui_push(ui, ui->tabs[i].make(ui));
}

void
ui_set_tabs(struct ui *ui, const struct ui_tab *tabs, int n)
{
	ui->tabs = tabs;
	ui->ntabs = n;
	ui_goto_tab(ui, 0);
	reap(ui);
}

const char *
ui_tab_label(struct ui *ui, int i, char *buf, size_t sz)
{
	if (sz > 0)
		buf[0] = '\0';
	if (i < 0 || i >= ui->ntabs)
		return buf;
	if (ui->tab_label == NULL || !ui->tab_label(ui, i, buf, sz))
		snprintf(buf, sz, "%s", ui->tabs[i].name);
	return buf;
}

enum ui_act
ui_screen_action(const struct screen *s, int key)
{
	return ui_action(s->ops->keys, s->ops->nkeys, key);
}

enum ui_act
ui_action(const struct ui_binding *b, size_t n, int key)
{
	size_t i;
	int k;

	for (i = 0; i < n; i++)
		for (k = 0; k < UI_KEYS && b[i].keys[k]; k++)
			if (b[i].keys[k] == key)
				return b[i].act;
	return UA_NONE;
}

int
ui_cursor_key(int *cursor, int n, enum ui_act act)
{
	switch (act) {
	case UA_UP:
		if (*cursor > 0)
			(*cursor)--;
		return UI_HANDLED | UI_REDRAW;
	case UA_DOWN:
		if (*cursor < n - 1)
			(*cursor)++;
		return UI_HANDLED | UI_REDRAW;
	default:
		return UI_IGNORED;
	}
}

int
ui_offered(struct screen *s, enum ui_act act)
{
	return s == NULL || s->ops->offers == NULL || s->ops->offers(s, act);
}

size_t
ui_footer_bindings(struct screen *top, const struct ui_binding **out, size_t max)
{
	const struct ui_binding *b;
	size_t i, n, k = 0;
	int pass;

	for (pass = 0; pass < 2 && top; pass++) {
		b = pass == 0 ? top->ops->keys : ui_global_keys;
		n = pass == 0 ? top->ops->nkeys : ui_nglobal_keys;
		if (pass == 1 && (top->ops->flags & SCREEN_MODAL))
			break;
		for (i = 0; i < n; i++) {
			if (b[i].label == NULL)
				continue;
			if (pass == 0 && !ui_offered(top, b[i].act))
				continue;	/* the actor may not, or not now */
			if (pass == 1 && ui_screen_action(top, b[i].keys[0]) != UA_NONE)
				continue;	/* the screen uses that key itself */
			if (k < max)
				out[k] = &b[i];
			k++;
		}
	}
	return k;
}

const char *
ui_footer_text(struct screen *top, char *buf, size_t sz)
{
	const struct ui_binding *b[64];
	size_t n, i, at = 0;

	if (sz == 0)
		return buf;
	buf[0] = '\0';
	if (top && top->ops->footer && top->ops->footer(top, buf, sz))
		return buf;
	n = ui_footer_bindings(top, b, 64);
	for (i = 0; i < n && i < 64 && at < sz; i++)
		at += (size_t)snprintf(buf + at, sz - at, "%s%s %s", i ? "  " : "", b[i]->keyname, b[i]->label);
	return buf;
}

static enum core_err
quit_yes(struct ui *ui, void *ctx, char *why)
{
	(void)ctx;
	(void)why;
	ui->quit = 1;
	return CORE_OK;
}

static int
global_key(struct ui *ui, int key)
{
	struct screen *top = ui_top(ui);

	switch (ui_action(ui_global_keys, ui_nglobal_keys, key)) {
	case UA_HELP:
		if (top && strcmp(top->ops->name, "help") != 0)
			ui_push(ui, ui_help_new(ui, top));
		return UI_HANDLED | UI_REDRAW;
	case UA_BACK:
		if (ui->depth <= 1 && key == UI_ESC) {
			/* Esc is "back", never "quit": a stray Esc must not end the session */
			ui_status(ui, "This is the first screen: q quits.");
			return UI_HANDLED | UI_REDRAW;
		}
		if (ui->depth <= 1) {
			/* q is "back" everywhere else: on the first screen it asks (Q quits at once) */
			ui_push(ui, ui_confirm_new(ui, "Quit", "Quit Shelf? (y/n)", quit_yes, NULL, NULL));
			return UI_HANDLED | UI_REDRAW;
		}
		ui_pop(ui);
		return UI_HANDLED | UI_REDRAW;
	case UA_NEXT_TAB:
	case UA_PREV_TAB:
		if (top && (top->ops->flags & SCREEN_MODAL))
			return UI_HANDLED;
		if (ui->ntabs > 1) {
			ui->status[0] = '\0';
			ui_goto_tab(ui, ui->tab + (key == UI_TAB ? 1 : -1));
		}
		return UI_HANDLED | UI_REDRAW;
	case UA_QUIT:
		ui->quit = 1;
		return UI_HANDLED | UI_QUIT;
	case UA_REFRESH:
		return UI_HANDLED | UI_REDRAW;
	default:
		return UI_IGNORED;
	}
}

int
ui_feed(struct ui *ui, int key)
{
	struct screen *top = ui_top(ui);
	int r = UI_IGNORED;

	if (key == UK(KEY_RESIZE))
		return UI_HANDLED | UI_RESIZE | UI_REDRAW;
	if (ui->gated) {
		ui->quit = 1;
		return UI_HANDLED | UI_QUIT;
	}
	if (ui->gate != NULL && ui->gate(ui, ui->gated_why, sizeof(ui->gated_why)) != 0) {
		ui->gated = 1;
		ui_error(ui, "%s Press any key to leave.", ui->gated_why);
		return UI_HANDLED | UI_REDRAW;
	}
	if (top)
		r = top->ops->handle_key(top, key);
	if (!(r & UI_HANDLED))
		r |= global_key(ui, key);
	if (ui->quit)
		r |= UI_QUIT;
	reap(ui);
	if (ui->depth == 0)
		r |= UI_QUIT;
	return r;
}

void
ui_say(struct ui *ui, enum ui_status_kind kind, const char *fmt, ...)
{
	char raw[UI_STATUS];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(raw, sizeof(raw), fmt, ap);
	va_end(ap);
	ui_sanitize(ui->status, sizeof(ui->status), raw);
	ui->status_kind = kind;
}

void
ui_refused(struct ui *ui, enum core_err er, const char *why)
{
	if (er == CORE_FORBIDDEN && ui->actor && ui->actor->role == ROLE_SUPPORT)
		ui_error(ui, "Refused: support staff have read-only access.");
	else if (er == CORE_FORBIDDEN && ui->actor && ui->actor->role == ROLE_RESELLER_STAFF)
		ui_error(ui, "Refused: reseller staff have read-only access; ask a reseller admin.");
	else if (why && *why)
		ui_error(ui, "%s", why);
	else if (er == CORE_FORBIDDEN)
		ui_error(ui, "Refused: %s is not allowed to do that.",
		    ui->actor ? actor_role_name(ui->actor->role) : "this operator");
	else
		ui_error(ui, "Failed: %s.", core_strerror(er));
}

const char *
ui_keyname(int key, char *buf, size_t sz)
{
	static const struct { int key; const char *name; } names[] = {
		{ UI_ENTER, "Enter" }, { '\r', "Enter" }, { UI_ESC, "Esc" }, { UI_TAB, "Tab" },
		{ ' ', "Space" }, { UK(KEY_UP), "Up" }, { UK(KEY_DOWN), "Down" },
		{ UK(KEY_LEFT), "Left" }, { UK(KEY_RIGHT), "Right" }, { UK(KEY_PPAGE), "PgUp" },
		{ UK(KEY_NPAGE), "PgDn" }, { UK(KEY_HOME), "Home" }, { UK(KEY_END), "End" },
		{ UK(KEY_ENTER), "Enter" }, { UK(KEY_BACKSPACE), "Backspace" }, { 127, "Backspace" },
		{ UK(KEY_BTAB), "S-Tab" }, { UK(KEY_DC), "Del" },
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].key == key) {
			snprintf(buf, sz, "%s", names[i].name);
			return buf;
		}
	if (key >= UK(KEY_F0) && key <= UK(KEY_F(63)))
		snprintf(buf, sz, "F%d", key - UK(KEY_F0));
	else if (key > 0 && key < 0x20)
		snprintf(buf, sz, "C-%c", key + 'a' - 1);
	else if (key >= 0x20 && key < 0x7f)
		snprintf(buf, sz, "%c", key);
	else
		snprintf(buf, sz, "#%d", key);
	return buf;
}
