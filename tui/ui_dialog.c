/*
 * ui_dialog.c - the modal screens every screen shares: forms with
 * in-place validation messages, yes/no confirmation dialogs, and the
 * help screen generated from a screen's action table.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ui.h"

/* ui_remove - take s out of the stack wherever it is (freed after the key). */
static void
ui_remove(struct ui *ui, struct screen *s)
{
	int i, top;

	for (i = 0; i < ui->depth; i++)
		if (ui->stack[i] == s)
			break;
	if (i == ui->depth)
		return;
	top = i == ui->depth - 1;
	if (top) {
		ui_pop(ui);
		return;
	}
	memmove(&ui->stack[i], &ui->stack[i + 1], sizeof(ui->stack[0]) * (size_t)(ui->depth - i - 1));
	ui->depth--;
	if (ui->ndead < UI_STACK)
		ui->dead[ui->ndead++] = s;
}

/* box - a framed box of h x bw centred in w; returns its top-left in *by, *bx. */
static void
box_at(WINDOW *w, int h, int bw, int *by, int *bx)
{
	int wh, ww, i;

	getmaxyx(w, wh, ww);
	if (bw > ww)
		bw = ww;
	if (h > wh)
		h = wh;
	*by = (wh - h) / 2;
	*bx = (ww - bw) / 2;
	wattron(w, ui_attr(UC_DIALOG));
	for (i = 0; i < h; i++)
		mvwhline(w, *by + i, *bx, ' ', bw);
	mvwhline(w, *by, *bx + 1, ACS_HLINE, bw - 2);
	mvwhline(w, *by + h - 1, *bx + 1, ACS_HLINE, bw - 2);
	mvwvline(w, *by + 1, *bx, ACS_VLINE, h - 2);
	mvwvline(w, *by + 1, *bx + bw - 1, ACS_VLINE, h - 2);
	mvwaddch(w, *by, *bx, ACS_ULCORNER);
	mvwaddch(w, *by, *bx + bw - 1, ACS_URCORNER);
	mvwaddch(w, *by + h - 1, *bx, ACS_LLCORNER);
	mvwaddch(w, *by + h - 1, *bx + bw - 1, ACS_LRCORNER);
	wattroff(w, ui_attr(UC_DIALOG));
}

/* box_title - " title " on the top border, not padded over it. */
static void
box_title(WINDOW *w, int y, int x, int width, const char *text)
{
	char fit[1024], pad[1024];
	int tw;

	snprintf(pad, sizeof(pad), " %s ", text);
	tw = ui_width(pad);
	wattron(w, ui_attr(UC_DIALOG) | A_BOLD);
	mvwaddstr(w, y, x, ui_fit(fit, sizeof(fit), pad, tw < width ? tw : width));
	wattroff(w, ui_attr(UC_DIALOG) | A_BOLD);
}

static void
box_text(WINDOW *w, int y, int x, int width, const char *text, int attr)
{
	char fit[1024];

	wattron(w, ui_attr(UC_DIALOG) | attr);
	mvwaddstr(w, y, x, ui_fit(fit, sizeof(fit), text, width));
	wattroff(w, ui_attr(UC_DIALOG) | attr);
}

/* ---- form ---------------------------------------------------------- */

static int form_key(struct screen *s, int key);
static void form_draw(struct screen *s, WINDOW *w);
static void form_free(struct screen *s);
static void form_title(struct screen *s, char *buf, size_t sz);
static int form_footer(struct screen *s, char *buf, size_t sz);

static const struct ui_binding form_keys[] = {
	{ UA_DOWN,   { UI_TAB, UK(KEY_DOWN) },      "Tab/Down", "Next",    "next field" },
	{ UA_UP,     { UK(KEY_BTAB), UK(KEY_UP) },  "S-Tab/Up", NULL,      "previous field" },
	{ UA_OPEN,   { UI_ENTER, '\r', UK(KEY_ENTER) }, "Enter", "OK",     "next field; on the last field, submit" },
	{ UA_EDIT,   { UK(KEY_F(2)), UI_CTRL('s') }, "F2/C-s",  "Submit",  "submit the form from any field" },
	{ UA_CHANGE, { UK(KEY_LEFT), UK(KEY_RIGHT), ' ' }, "Left/Right/Space", NULL, "change a choice" },
	{ UA_BACK,   { UI_ESC },                    "Esc",      "Cancel",  "cancel: close the form without saving" },
};

static const struct screen_ops form_ops = {
	.name = "form",
	UI_ACTIONS(form_keys),
	.flags = SCREEN_MODAL,
	.draw = form_draw,
	.handle_key = form_key,
	.title = form_title,
	.footer = form_footer,
	.free = form_free,
};

struct screen *
ui_form_new(struct ui *ui, const char *title, const struct ui_field *fields, int n,
    ui_submit_fn submit, void *ctx, void (*ctx_free)(void *))
{
	struct screen *s = n > UI_FORM_FIELDS ? NULL : ui_screen_make(ui, &form_ops, sizeof(struct ui_form));
	struct ui_form *f;

	if (s == NULL) {
		if (ctx_free)
			ctx_free(ctx);
		return NULL;
	}
	f = s->priv;
	f->ui = ui;
	snprintf(f->title, sizeof(f->title), "%s", title);
	f->fields = fields;
	f->nfields = n;
	f->submit = submit;
	f->ctx = ctx;
	f->ctx_free = ctx_free;
	return s;
}

struct ui_form *
ui_form_of(struct screen *s)
{
	return s && s->ops == &form_ops ? s->priv : NULL;
}

static void
form_free(struct screen *s)
{
	struct ui_form *f = s->priv;

	if (f->ctx_free)
		f->ctx_free(f->ctx);
}

static int
nchoices(const struct ui_field *fd)
{
	int n = 0;

	while (fd->choices && fd->choices[n])
		n++;
	return n;
}

/* lookup - resolve LOOKUP field i's query: its matches and the chosen one (choice kept in range). */
static void
lookup(struct ui_form *f, int i)
{
	const struct ui_field *fd = &f->fields[i];

	f->found[i][0] = f->found_label[i][0] = '\0';
	f->nfound[i] = fd->lookup ? fd->lookup(f->value[i], 0, NULL, 0, NULL, 0) : 0;
	if (f->nfound[i] <= 0) {
		f->nfound[i] = 0;
		f->choice[i] = 0;
		return;
	}
	f->choice[i] = ((f->choice[i] % f->nfound[i]) + f->nfound[i]) % f->nfound[i];
	fd->lookup(f->value[i], f->choice[i], f->found[i], sizeof(f->found[i]),
	    f->found_label[i], sizeof(f->found_label[i]));
}

void
ui_form_set(struct ui_form *f, int i, const char *value)
{
	int c;

	if (i < 0 || i >= f->nfields)
		return;
	if (f->fields[i].kind == UI_FIELD_LOOKUP) {
		snprintf(f->value[i], sizeof(f->value[i]), "%s", value);
		f->choice[i] = 0;
		lookup(f, i);
	} else if (f->fields[i].kind == UI_FIELD_CHOICE) {
		for (c = 0; c < nchoices(&f->fields[i]); c++)
			if (strcmp(f->fields[i].choices[c], value) == 0)
				f->choice[i] = c;
	} else
		snprintf(f->value[i], sizeof(f->value[i]), "%s", value);
}

const char *
ui_form_value(const struct ui_form *f, int i)
{
	if (i < 0 || i >= f->nfields)
		return "";
	if (f->fields[i].kind == UI_FIELD_CHOICE)
		return nchoices(&f->fields[i]) ? f->fields[i].choices[f->choice[i]] : "";
	if (f->fields[i].kind == UI_FIELD_LOOKUP && f->nfound[i] > 0)
		return f->found[i];
	return f->value[i];
}

static int
validate_one(struct ui_form *f, int i)
{
	f->msg[i][0] = '\0';
	if (f->fields[i].validate == NULL)
		return 0;
	return f->fields[i].validate(f, ui_form_value(f, i), f->msg[i], sizeof(f->msg[i]));
}

int
ui_form_validate(struct ui_form *f)
{
	int i, bad = 0, first = -1;

	for (i = 0; i < f->nfields; i++)
		if (validate_one(f, i) != 0) {
			bad++;
			if (first < 0)
				first = i;
		}
	if (first >= 0)
		f->cur = first;
	return bad;
}

static int
form_submit(struct screen *s)
{
	struct ui_form *f = s->priv;
	char why[CORE_WHY] = "";
	enum core_err er;
	int field = -1;

	f->error[0] = '\0';
	if (ui_form_validate(f) != 0) {
		snprintf(f->error, sizeof(f->error), "Please correct the marked field.");
		return UI_HANDLED | UI_REDRAW;
	}
	er = f->submit(f, f->ctx, why, &field);
	if (er == CORE_OK) {
		ui_remove(s->ui, s);
		return UI_HANDLED | UI_REDRAW;
	}
	if (field >= 0 && field < f->nfields) {
		snprintf(f->msg[field], sizeof(f->msg[field]), "%s", why[0] ? why : core_strerror(er));
		f->cur = field;
	}
	if (er == CORE_FORBIDDEN && s->ui->actor && s->ui->actor->role == ROLE_SUPPORT)
		snprintf(f->error, sizeof(f->error), "Refused: support staff have read-only access.");
	else
		snprintf(f->error, sizeof(f->error), "%s", why[0] ? why : core_strerror(er));
	return UI_HANDLED | UI_REDRAW;
}

static int
form_key(struct screen *s, int key)
{
	struct ui_form *f = s->priv;
	const struct ui_field *fd = &f->fields[f->cur];
	int n;

	switch (ui_screen_action(s, key)) {
	case UA_DOWN:
		validate_one(f, f->cur);
		f->cur = (f->cur + 1) % f->nfields;
		return UI_HANDLED | UI_REDRAW;
	case UA_UP:
		validate_one(f, f->cur);
		f->cur = (f->cur + f->nfields - 1) % f->nfields;
		return UI_HANDLED | UI_REDRAW;
	case UA_OPEN:
		if (f->cur < f->nfields - 1) {
			validate_one(f, f->cur);
			f->cur++;
			return UI_HANDLED | UI_REDRAW;
		}
		return form_submit(s);
	case UA_EDIT:
		return form_submit(s);
	case UA_BACK:
		ui_status(s->ui, "Cancelled.");
		ui_remove(s->ui, s);
		return UI_HANDLED | UI_REDRAW;
	case UA_CHANGE:
		if (fd->kind == UI_FIELD_LOOKUP && key != ' ') {
			/* walk the matches of what was typed */
			if (f->nfound[f->cur] > 1) {
				f->choice[f->cur] += key == UK(KEY_LEFT) ? -1 : 1;
				lookup(f, f->cur);
				validate_one(f, f->cur);
			}
			return UI_HANDLED | UI_REDRAW;
		}
		if (fd->kind == UI_FIELD_CHOICE && (n = nchoices(fd)) > 0) {
			f->choice[f->cur] = (f->choice[f->cur] + (key == UK(KEY_LEFT) ? n - 1 : 1)) % n;
			validate_one(f, f->cur);
			return UI_HANDLED | UI_REDRAW;
		}
		if (key != ' ')
			return UI_HANDLED;
		break;	/* a space typed into a text field */
	default:
		break;
	}
	if (fd->kind == UI_FIELD_CHOICE)
		return UI_HANDLED;	/* a modal form swallows the rest */
	if (key == UK(KEY_BACKSPACE) || key == 127 || key == '\b') {
		ui_utf8_backspace(f->value[f->cur]);
	} else if (key == UI_CTRL('u')) {
		f->value[f->cur][0] = '\0';
	} else if (key >= 0x20 && key < 0x110000) {
		if (fd->maxlen > 0 && ui_width(f->value[f->cur]) >= fd->maxlen)
			return UI_HANDLED;
		if (ui_utf8_append(f->value[f->cur], sizeof(f->value[f->cur]), key) != 0)
			return UI_HANDLED;
	} else
		return UI_HANDLED;
	if (fd->kind == UI_FIELD_LOOKUP) {
		f->choice[f->cur] = 0;	/* a new query: its best match */
		lookup(f, f->cur);
	}
	/* validated as you type: the message sits under the field */
	validate_one(f, f->cur);
	f->error[0] = '\0';
	return UI_HANDLED | UI_REDRAW;
}

static void
form_title(struct screen *s, char *buf, size_t sz)
{
	struct ui_form *f = s->priv;

	snprintf(buf, sz, "%s", f->title);
}

static int
form_footer(struct screen *s, char *buf, size_t sz)
{
	(void)s;
	snprintf(buf, sz, "Enter next/OK  Tab move  Left/Right choose  F2 submit  Esc cancel");
	return 1;
}

static void
form_draw(struct screen *s, WINDOW *w)
{
	struct ui_form *f = s->priv;
	int wh, ww, bw, h, by, bx, i, y, lw = 0, vw, step, mx, mw;
	char line[UI_FIELD * 2], val[UI_FIELD + 64];

	getmaxyx(w, wh, ww);
	bw = ww - 4 < 96 ? ww - 4 : 96;
	/* a message under each field when there is room, else beside it */
	step = 5 + 2 * f->nfields <= wh ? 2 : 1;
	h = 5 + step * f->nfields;
	box_at(w, h, bw, &by, &bx);
	box_title(w, by, bx + 1, bw - 2, f->title);
	for (i = 0; i < f->nfields; i++)
		if (ui_width(f->fields[i].label) > lw)
			lw = ui_width(f->fields[i].label);
	vw = bw - 6 - lw - 2;
	if (step == 1)
		vw = vw / 2;
	mx = step == 2 ? bx + 4 + lw : bx + 4 + lw + vw + 1;
	mw = step == 2 ? vw : bw - (mx - bx) - 2;
	y = by + 2;
	for (i = 0; i < f->nfields; i++, y += step) {
		const struct ui_field *fd = &f->fields[i];
		int cur = i == f->cur;
		int my = step == 2 ? y + 1 : y;

		snprintf(line, sizeof(line), "%*s", lw, fd->label);
		box_text(w, y, bx + 2, lw, line, cur ? A_BOLD : 0);
		if (fd->kind == UI_FIELD_CHOICE)
			snprintf(val, sizeof(val), "< %s >", ui_form_value(f, i));
		else if (fd->kind == UI_FIELD_LOOKUP && !cur && f->nfound[i] > 0)
			snprintf(val, sizeof(val), "%s", f->found_label[i]);
		else if (cur && ui_width(f->value[i]) + 1 > vw)
			/* typing past the field's width: show the end, where the cursor is */
			snprintf(val, sizeof(val), "…%s_", ui_tail(f->value[i], vw - 2));
		else
			snprintf(val, sizeof(val), "%s%s", f->value[i], cur ? "_" : "");
		wattron(w, cur ? ui_attr(UC_CURSOR) : (ui_attr(UC_DIALOG) | (int)A_UNDERLINE));
		mvwaddstr(w, y, bx + 4 + lw, ui_fit(line, sizeof(line), val, vw));
		wattroff(w, cur ? ui_attr(UC_CURSOR) : (ui_attr(UC_DIALOG) | (int)A_UNDERLINE));
		if (f->msg[i][0])
			box_text(w, my, mx, mw, f->msg[i], ui_attr(UC_ERROR));
		else if (fd->kind == UI_FIELD_LOOKUP && cur && f->nfound[i] > 0) {
			/* the match the value will be, while typing */
			if (f->nfound[i] > 1)
				snprintf(line, sizeof(line), "-> %s  (%d of %d: Left/Right)", f->found_label[i],
				    f->choice[i] + 1, f->nfound[i]);
			else
				snprintf(line, sizeof(line), "-> %s", f->found_label[i]);
			box_text(w, my, mx, mw, line, A_BOLD);
		} else if (fd->hint)
			box_text(w, my, mx, mw, fd->hint, ui_attr(UC_DIM));
	}
	if (f->error[0])
		box_text(w, y, bx + 2, bw - 4, f->error, ui_attr(UC_ERROR));
	box_text(w, by + h - 2, bx + 2, bw - 4, "[Enter] next / OK   [Tab] next field   [F2] submit   [Esc] cancel",
	    ui_attr(UC_DIM));
}

/* ---- confirmation dialog ------------------------------------------- */

struct confirm {
	char          title[1024];
	char          message[1024];
	ui_confirm_fn yes;
	void         *ctx;
	void        (*ctx_free)(void *);
};

static int confirm_key(struct screen *s, int key);
static void confirm_draw(struct screen *s, WINDOW *w);
static void confirm_free(struct screen *s);
static void confirm_title(struct screen *s, char *buf, size_t sz);

static const struct ui_binding confirm_keys[] = {
	{ UA_OPEN, { 'y', 'Y' },                  "y",       "Yes", "yes: do it" },
	{ UA_BACK, { 'n', 'N', UI_ESC },          "n/Esc",   "No",  "no: close without doing anything" },
};

static const struct screen_ops confirm_ops = {
	.name = "confirm",
	UI_ACTIONS(confirm_keys),
	.flags = SCREEN_MODAL,
	.draw = confirm_draw,
	.handle_key = confirm_key,
	.title = confirm_title,
	.free = confirm_free,
};

/* dialog_new - a confirmation (ops confirm_ops) or a notice showing title and message. */
static struct screen *
dialog_new(struct ui *ui, const struct screen_ops *ops, const char *title, const char *message)
{
	struct screen *s = ui_screen_make(ui, ops, sizeof(struct confirm));
	struct confirm *c;

	if (s == NULL)
		return NULL;
	c = s->priv;
	snprintf(c->title, sizeof(c->title), "%s", title);
	snprintf(c->message, sizeof(c->message), "%s", message);
	return s;
}

struct screen *
ui_confirm_new(struct ui *ui, const char *title, const char *message,
    ui_confirm_fn yes, void *ctx, void (*ctx_free)(void *))
{
	struct screen *s = dialog_new(ui, &confirm_ops, title, message);
	struct confirm *c;

	if (s == NULL) {
		if (ctx_free)
			ctx_free(ctx);
		return NULL;
	}
	c = s->priv;
	c->yes = yes;
	c->ctx = ctx;
	c->ctx_free = ctx_free;
	return s;
}

static void
confirm_free(struct screen *s)
{
	struct confirm *c = s->priv;

	if (c->ctx_free)
		c->ctx_free(c->ctx);
}

static void
confirm_title(struct screen *s, char *buf, size_t sz)
{
	struct confirm *c = s->priv;

	snprintf(buf, sz, "%s", c->title);
}

static int
confirm_key(struct screen *s, int key)
{
	struct confirm *c = s->priv;
	struct ui *ui = s->ui;
	char why[CORE_WHY] = "";
	enum core_err er;

	switch (ui_screen_action(s, key)) {
	case UA_OPEN:
		er = c->yes(ui, c->ctx, why);
		/* popping re-enters the screen below, which reloads what changed */
		ui_remove(ui, s);
		if (er != CORE_OK)
			ui_refused(ui, er, why);
		return UI_HANDLED | UI_REDRAW;
	case UA_BACK:
		ui_status(ui, "Cancelled: nothing was changed.");
		ui_remove(ui, s);
		return UI_HANDLED | UI_REDRAW;
	default:
		return UI_HANDLED;	/* modal: only yes or no */
	}
}

static void
confirm_draw(struct screen *s, WINDOW *w)
{
	struct confirm *c = s->priv;
	char *lines[16], *p, buf[1024];
	int n = 0, i, bw, by, bx, ww, wh;

	getmaxyx(w, wh, ww);
	(void)wh;
	snprintf(buf, sizeof(buf), "%s", c->message);
	for (p = buf; p && n < 16; ) {
		lines[n++] = p;
		if ((p = strchr(p, '\n')) != NULL)
			*p++ = '\0';
	}
	bw = ww - 4 < 72 ? ww - 4 : 72;
	box_at(w, n + 6, bw, &by, &bx);
	box_title(w, by, bx + 1, bw - 2, c->title);
	for (i = 0; i < n; i++)
		box_text(w, by + 2 + i, bx + 2, bw - 4, lines[i], 0);
	box_text(w, by + n + 3, bx + 2, bw - 4, s->ops == &confirm_ops ? "[y] Yes   [n] No" : "[Enter] Close",
	    A_BOLD);
}

/* ---- notice -------------------------------------------------------- */

static int notice_key(struct screen *s, int key);

static const struct ui_binding notice_keys[] = {
	{ UA_BACK, { UI_ENTER, UI_ESC, 'q' }, "Enter/Esc", "Close", "close the message" },
};

static const struct screen_ops notice_ops = {
	.name = "notice",
	UI_ACTIONS(notice_keys),
	.flags = SCREEN_MODAL,
	.draw = confirm_draw,
	.handle_key = notice_key,
	.title = confirm_title,
	.free = confirm_free,
};

struct screen *
ui_notice_new(struct ui *ui, const char *title, const char *message)
{
	return dialog_new(ui, &notice_ops, title, message);
}

const char *
ui_dialog_message(const struct screen *s)
{
	if (s == NULL || (s->ops != &confirm_ops && s->ops != &notice_ops))
		return NULL;
	return ((const struct confirm *)s->priv)->message;
}

static int
notice_key(struct screen *s, int key)
{
	if (ui_screen_action(s, key) == UA_BACK ||
	    key == '\r' || key == UK(KEY_ENTER)) {
		ui_remove(s->ui, s);
		return UI_HANDLED | UI_REDRAW;
	}
	return UI_HANDLED;	/* modal: nothing else */
}

/* ---- help ---------------------------------------------------------- */

struct help {
	char **lines;
	int    n, top;
	char   title[1024];
};

static int help_key(struct screen *s, int key);
static void help_draw(struct screen *s, WINDOW *w);
static void help_free(struct screen *s);
static void help_title(struct screen *s, char *buf, size_t sz);

static const struct ui_binding help_keys[] = {
	{ UA_DOWN, { 'j', UK(KEY_DOWN) },      "j/Down", NULL,    "scroll down" },
	{ UA_UP,   { 'k', UK(KEY_UP) },        "k/Up",   NULL,    "scroll up" },
	{ UA_BACK, { 'q', UI_ESC, '?' },       "q/Esc",  "Close", "close the help" },
};

static const struct screen_ops help_ops = {
	.name = "help",
	UI_ACTIONS(help_keys),
	.draw = help_draw,
	.handle_key = help_key,
	.title = help_title,
	.free = help_free,
};

static int
add_line(char ***lines, int *n, const char *fmt, const char *a, const char *b)
{
	char **nl, buf[512];

	snprintf(buf, sizeof(buf), fmt, a, b);
	if ((nl = realloc(*lines, sizeof(*nl) * (size_t)(*n + 1))) == NULL)
		return -1;
	*lines = nl;
	if ((nl[*n] = strdup(buf)) == NULL)
		return -1;
	(*n)++;
	return 0;
}

int
ui_help_lines(const struct screen *of, char ***lines)
{
	char title[128];
	size_t i;
	int n = 0;

	*lines = NULL;
	ui_screen_title(of, title, sizeof(title));
	add_line(lines, &n, "Keys of this screen (%s)%s", title, "");
	for (i = 0; i < of->ops->nkeys; i++)
		if (ui_offered((struct screen *)of, of->ops->keys[i].act))
			add_line(lines, &n, "  %-10s %s", of->ops->keys[i].keyname, of->ops->keys[i].help);
	add_line(lines, &n, "%s%s", "", "");
	add_line(lines, &n, "Everywhere (when the screen does not use the key)%s%s", "", "");
	for (i = 0; i < ui_nglobal_keys; i++)
		add_line(lines, &n, "  %-10s %s", ui_global_keys[i].keyname, ui_global_keys[i].help);
	return n;
}

void
ui_lines_free(char **lines, int n)
{
	int i;

	for (i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

struct screen *
ui_help_new(struct ui *ui, const struct screen *of)
{
	struct screen *s = ui_screen_make(ui, &help_ops, sizeof(struct help));
	struct help *h;

	if (s == NULL)
		return NULL;
	h = s->priv;
	h->n = ui_help_lines(of, &h->lines);
	ui_screen_title(of, h->title, sizeof(h->title));
	return s;
}

static void
help_free(struct screen *s)
{
	struct help *h = s->priv;

	ui_lines_free(h->lines, h->n);
}

static void
help_title(struct screen *s, char *buf, size_t sz)
{
	struct help *h = s->priv;

	snprintf(buf, sz, "Help: %s", h->title);
}

static int
help_key(struct screen *s, int key)
{
	struct help *h = s->priv;
	enum ui_act act = ui_screen_action(s, key);

	switch (act) {
	case UA_DOWN:
	case UA_UP:
		return ui_cursor_key(&h->top, h->n, act);
	case UA_BACK:
		ui_pop(s->ui);
		return UI_HANDLED | UI_REDRAW;
	default:
		return UI_IGNORED;
	}
}

static void
help_draw(struct screen *s, WINDOW *w)
{
	struct help *h = s->priv;
	int wh, ww;

	getmaxyx(w, wh, ww);
	ui_view_draw(w, h->lines, h->n, h->top, 1, wh - 1, ww);
}
