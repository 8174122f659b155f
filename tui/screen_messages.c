/*
 * screen_messages.c - the contact-form inbox of the reseller's
 * storefront, newest first (contact_list), unread ones marked ●; `f`
 * shows only the unread.  Enter opens a message and marks it read
 * (contact_mark_read); the tab title counts what is unread.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "contact.h"
#include "screens.h"

struct messages {
	struct ui          *ui;
	struct ui_list      list;
	struct contact_list page;
};

static const struct ui_column cols[] = {
	{ "", 1, 0, 0, 0 },
	{ "Received", 16, 0, 0, 0 },
	{ "From", 20, 0, 0, 0 },
	{ "E-mail", 0, 0, 0, 0 },
	{ "Subject", 0, 0, 0, 0 },
};

static const char *const filter_names[] = { "all", "unread" };

static enum core_err
fetch(void *ctx, const struct ui_list_query *q, int *total, char *why)
{
	struct messages *st = ctx;
	enum core_err er;

	(void)why;
	contact_list_free(&st->page);
	er = contact_list(st->ui->db, st->ui->actor, q->filter == 1, q->limit, q->offset, &st->page);
	*total = (int)st->page.total;
	return er;
}

static int
rows(void *ctx)
{
	return (int)((struct messages *)ctx)->page.count;
}

static void
cell(void *ctx, int row, int col, char *buf, size_t sz)
{
	const struct contact_message *m = &((struct messages *)ctx)->page.items[row];

	switch (col) {
	case 0: snprintf(buf, sz, "%s", m->read_at[0] ? "" : "●"); break;
	case 1: snprintf(buf, sz, "%.16s", m->created_at); break;
	case 2: snprintf(buf, sz, "%s", m->name); break;
	case 3: snprintf(buf, sz, "%s", m->email); break;
	case 4: snprintf(buf, sz, "%s", m->subject[0] ? m->subject : "(no subject)"); break;
	}
}

static const struct ui_list_source source = {
	.cols = cols,
	.ncols = sizeof(cols) / sizeof(cols[0]),
	.filter_names = filter_names,
	.nfilter = 2,
	.fetch = fetch,
	.rows = rows,
	.cell = cell,
};

static const struct ui_binding keys[] = {
	{ UA_OPEN,    { UI_ENTER, UK(KEY_ENTER), UK(KEY_RIGHT) }, "Enter", "Read", "open the message (marks it read)" },
	{ UA_FILTER,  { 'f' }, "f", "Unread/All", "show only unread messages, or all" },
	{ UA_REFRESH, { 'r' }, "r", NULL,   "reload from the database" },
	LIST_KEYS,
};

/* ---- one message --------------------------------------------------- */

struct message {
	struct ui_view view;
	char           title[1024];
};

static const struct ui_binding msg_keys[] = {
	LIST_KEYS,
};

static int
msg_key(struct screen *s, int key)
{
	struct message *m = s->priv;

	return ui_view_key(&m->view, ui_action(msg_keys, sizeof(msg_keys) / sizeof(msg_keys[0]), key));
}

static void
msg_draw(struct screen *s, WINDOW *w)
{
	struct message *m = s->priv;
	int h, wd;

	getmaxyx(w, h, wd);
	m->view.height = h - 1;
	ui_view_draw(w, m->view.lines, m->view.n, m->view.top, 1, h - 1, wd);
}

static void
msg_title(struct screen *s, char *buf, size_t sz)
{
	snprintf(buf, sz, "%s", ((struct message *)s->priv)->title);
}

static void
msg_free(struct screen *s)
{
	struct message *m = s->priv;

	ui_view_clear(&m->view);
	free(m);
}

static struct ui_view *
msg_view(struct screen *s)
{
	return &((struct message *)s->priv)->view;
}

static const struct screen_ops msg_ops = {
	.name = "message",
	.keys = msg_keys,
	.nkeys = sizeof(msg_keys) / sizeof(msg_keys[0]),
	.draw = msg_draw,
	.handle_key = msg_key,
	.title = msg_title,
	.free = msg_free,
	.view = msg_view,
};

/* fits - the bytes of the longest prefix of line (n bytes) within width columns, cut after a space when one fits. */
static size_t
fits(const char *line, size_t n, int width)
{
	char buf[1024];
	size_t k, last_space = 0, best = 0;

	if (n >= sizeof(buf))
		n = sizeof(buf) - 1;
	for (k = 1; k <= n; k++) {
		if (k < n && ((unsigned char)line[k] & 0xc0) == 0x80)
			continue;	/* inside a character */
		memcpy(buf, line, k);
		buf[k] = '\0';
		if (ui_width(buf) > width)
			break;
		best = k;
		if (line[k - 1] == ' ')
			last_space = k;
	}
	if (best < n && last_space > 0)
		return last_space;
	return best > 0 ? best : 1;
}

/* add_text - text as lines of at most width columns, broken at spaces and at line breaks. */
static void
add_text(struct ui_view *v, const char *text, int width)
{
	const char *p = text, *end;
	size_t n, k;

	while (*p) {
		end = strchr(p, '\n');
		n = end ? (size_t)(end - p) : strlen(p);
		k = n ? fits(p, n, width) : 0;
		ui_view_add(v, "  %.*s", (int)k, p);
		p += k;
		if (k == n && *p == '\n')
			p++;
	}
}

static void
open_message(struct messages *st, const struct contact_message *m)
{
	struct message *mm = calloc(1, sizeof(*mm));
	struct screen *s;
	char why[CORE_WHY] = "";
	enum core_err er;

	if (mm == NULL)
		return;
	snprintf(mm->title, sizeof(mm->title), "Message from %s", m->name);
	ui_view_add(&mm->view, "  From      %s <%s>", m->name, m->email);
	if (m->phone[0])
		ui_view_add(&mm->view, "  Phone     %s", m->phone);
	ui_view_add(&mm->view, "  Received  %s", m->created_at);
	ui_view_add(&mm->view, "  Subject   %s", m->subject[0] ? m->subject : "(no subject)");
	ui_view_add(&mm->view, "%s", "");
	add_text(&mm->view, m->body ? m->body : "", st->ui->cols - 4);
	if ((s = ui_screen_new(st->ui, &msg_ops, mm)) == NULL) {
		ui_view_clear(&mm->view);
		free(mm);
		return;
	}
	if (!m->read_at[0] && (er = contact_mark_read(st->ui->db, st->ui->actor, m->id, why)) != CORE_OK)
		ui_refused(st->ui, er, why);
	ui_push(st->ui, s);
}

/* ---- the inbox ----------------------------------------------------- */

static int
handle_key(struct screen *s, int key)
{
	struct messages *st = s->priv;
	enum ui_act act = ui_action(keys, sizeof(keys) / sizeof(keys[0]), key);
	int r, flags;

	if ((flags = ui_list_key(&st->list, act, key)) != UI_IGNORED) {
		if (st->list.err != CORE_OK)
			ui_refused(s->ui, st->list.err, st->list.why);
		return flags;
	}
	if (act != UA_OPEN)
		return UI_IGNORED;
	if ((r = ui_list_row(&st->list)) < 0)
		ui_error(s->ui, "No message here.");
	else
		open_message(st, &st->page.items[r]);
	return UI_HANDLED | UI_REDRAW;
}

static void
enter(struct screen *s)
{
	struct messages *st = s->priv;

	if (ui_list_reload(&st->list) != CORE_OK)
		ui_refused(s->ui, st->list.err, st->list.why);
}

static void
draw(struct screen *s, WINDOW *w)
{
	struct messages *st = s->priv;
	int h, wd;

	getmaxyx(w, h, wd);
	ui_list_draw(&st->list, w, 0, 0, h, wd);
}

static void
title(struct screen *s, char *buf, size_t sz)
{
	struct messages *st = s->priv;
	int64_t n = 0;

	if (contact_unread_count(st->ui->db, st->ui->actor, &n) == CORE_OK)
		snprintf(buf, sz, "Messages from the contact form · %lld unread", (long long)n);
	else
		snprintf(buf, sz, "Messages from the contact form");
}

static void
destroy(struct screen *s)
{
	struct messages *st = s->priv;

	contact_list_free(&st->page);
	free(st);
}

static struct ui_list *
list_of(struct screen *s)
{
	return &((struct messages *)s->priv)->list;
}

static const struct screen_ops ops = {
	.name = "messages",
	.keys = keys,
	.nkeys = sizeof(keys) / sizeof(keys[0]),
	.enter = enter,
	.draw = draw,
	.handle_key = handle_key,
	.title = title,
	.free = destroy,
	.list = list_of,
};

struct screen *
screen_messages_new(struct ui *ui)
{
	struct messages *st = calloc(1, sizeof(*st));
	struct screen *s;

	if (st == NULL)
		return NULL;
	st->ui = ui;
	ui_list_init(&st->list, &source, st, ui->rows - 6);
	if ((s = ui_screen_new(ui, &ops, st)) == NULL)
		free(st);
	return s;
}
