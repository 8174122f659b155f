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
	struct ui_listscreen ls;
	struct contact_list  page;
};

enum col { COL_UNREAD, COL_RECEIVED, COL_FROM, COL_EMAIL, COL_SUBJECT, COL__MAX };

static const struct ui_column cols[COL__MAX] = {
	[COL_UNREAD]   = { "", 1, 0, 0, 0 },
	[COL_RECEIVED] = { "Received", 16, 0, 0, 0 },
	[COL_FROM]     = { "From", 20, 0, 0, 0 },
	[COL_EMAIL]    = { "E-mail", 0, 0, 0, 0 },
	[COL_SUBJECT]  = { "Subject", 0, 0, 0, 0 },
};

static const char *const filter_names[] = { "all", "unread" };

static enum core_err
fetch(struct ui_listscreen *ls, const struct ui_list_query *q)
{
	return contact_list(ls->ui->db, ls->ui->actor, q->filter == 1, q->limit, q->offset,
	    &((struct messages *)ls)->page);
}

UI_PAGE_FREE_FN(free_page, contact_list_free)

static void
cell(void *ctx, int row, int col, char *buf, size_t sz)
{
	const struct contact_message *m = &((struct messages *)ctx)->page.items[row];

	switch ((enum col)col) {
	case COL_UNREAD:   snprintf(buf, sz, "%s", m->read_at[0] ? "" : "●"); break;
	case COL_RECEIVED: snprintf(buf, sz, "%.16s", m->created_at); break;
	case COL_FROM:     snprintf(buf, sz, "%s", m->name); break;
	case COL_EMAIL:    snprintf(buf, sz, "%s", m->email); break;
	case COL_SUBJECT:  snprintf(buf, sz, "%s", m->subject[0] ? m->subject : "(no subject)"); break;
	case COL__MAX:     break;
	}
}

static const struct ui_binding keys[] = {
	{ UA_OPEN,    { UI_ENTER, UK(KEY_ENTER), UK(KEY_RIGHT) }, "Enter", "Read", "open the message (marks it read)" },
	{ UA_FILTER,  { 'f' }, "f", "Unread/All", "show only unread messages, or all" },
	{ UA_REFRESH, { 'r' }, "r", NULL,   "reload from the database" },
	LIST_KEYS,
};

/* ---- one message --------------------------------------------------- */

struct message {
	struct ui_viewscreen vs;
	char                 title[1024];
};

static const struct ui_binding msg_keys[] = {
	LIST_KEYS,
};

static void
msg_title(struct ui_viewscreen *vs, char *buf, size_t sz)
{
	snprintf(buf, sz, "%s", ((struct message *)vs)->title);
}

/* the lines are made when the message is opened (open_message): no load */
static const struct ui_viewscreen_def msg_def = {
	.ops = { UI_VIEWSCREEN_OPS, .name = "message", UI_ACTIONS(msg_keys) },
	.size = sizeof(struct message),
	.kind = "Message",
	.title = msg_title,
};

static void
open_message(struct messages *st, const struct contact_message *m)
{
	struct ui *ui = st->ls.ui;
	struct screen *s = ui_viewscreen_new(ui, &msg_def, m->id);
	struct message *mm;
	char why[CORE_WHY] = "";
	enum core_err er;

	if (s == NULL)
		return;
	mm = s->priv;
	snprintf(mm->title, sizeof(mm->title), "Message from %s", m->name);
	ui_view_add(&mm->vs.view, "  From      %s <%s>", m->name, m->email);
	if (m->phone[0])
		ui_view_add(&mm->vs.view, "  Phone     %s", m->phone);
	ui_view_add(&mm->vs.view, "  Received  %s", m->created_at);
	ui_view_add(&mm->vs.view, "  Subject   %s", m->subject[0] ? m->subject : "(no subject)");
	ui_view_add(&mm->vs.view, "%s", "");
	ui_view_wrap(&mm->vs.view, m->body ? m->body : "", ui->cols - 4);
	if (!m->read_at[0] && (er = contact_mark_read(ui->db, ui->actor, m->id, why)) != CORE_OK)
		ui_refused(ui, er, why);
	ui_push(ui, s);
}

/* ---- the inbox ----------------------------------------------------- */

static int
act(struct ui_listscreen *ls, enum ui_act act, int row)
{
	if (act != UA_OPEN)
		return UI_IGNORED;
	if (row < 0)
		ui_error(ls->ui, "No message here.");
	else
		open_message((struct messages *)ls, &((struct messages *)ls)->page.items[row]);
	return UI_HANDLED | UI_REDRAW;
}

static void
title(struct ui_listscreen *ls, char *buf, size_t sz)
{
	int64_t n = 0;

	if (contact_unread_count(ls->ui->db, ls->ui->actor, &n) == CORE_OK)
		snprintf(buf, sz, "Messages from the contact form · %lld unread", (long long)n);
	else
		snprintf(buf, sz, "Messages from the contact form");
}

static const struct ui_listscreen_def def = {
	.ops = { UI_LISTSCREEN_OPS, .name = "messages", UI_ACTIONS(keys) },
	.src = { UI_COLUMNS(cols), UI_FILTERS(filter_names), .cell = cell },
	UI_LISTSCREEN_STATE(struct messages, page, free_page),
	.fetch = fetch,
	.title_fn = title,
	.act = act,
};

struct screen *
screen_messages_new(struct ui *ui)
{
	return ui_listscreen_new(ui, &def);
}
