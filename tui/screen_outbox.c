/*
 * screen_outbox.c - the Outbox tab of distributor admins and support:
 * the outbox rows of one status per tab (Pending, Failed, Sent), newest
 * first, then the fulfilment queue (screen_fulfil.c), each tab with its
 * count; `t`/`T` move between the tabs.  Enter shows a row in full
 * (payload, attempts, last error).  `r` retries a pending or failed row
 * now (asks first): outbox_retry makes it due at once, and the status
 * line says it is queued, never that it was sent: the worker sends it.
 * Support sees everything and is not offered `r`; core refuses anyway.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fulfil.h"
#include "screens.h"

struct outbox {
	struct ui_listscreen ls;
	struct outbox_rows   page;
	enum outbox_status   status;
	int64_t              counts[OUTBOX_TAB__MAX];
};

/*
 * The same columns on each tab but for the time (when it is due, when
 * it gave up, when it was sent); Sent has no last error.  At 80 columns
 * Created goes first, then the recipient.
 */
enum col { COL_ID, COL_CREATED, COL_KIND, COL_RESELLER, COL_TO, COL_ABOUT, COL_TRIES, COL_WHEN, COL_ERROR,
	COL__MAX };

#define COLUMNS(when) { \
	[COL_ID]       = { "#", 6, 1, 0, 0 }, \
	[COL_CREATED]  = { "Created", 16, 0, 0, 3 }, \
	[COL_KIND]     = { "Kind", 9, 0, 0, 0 }, \
	[COL_RESELLER] = { "Reseller", 0, 0, 10, 0 }, \
	[COL_TO]       = { "To", 0, 0, 12, 2 }, \
	[COL_ABOUT]    = { "About", 0, 0, 12, 0 }, \
	[COL_TRIES]    = { "Tries", 5, 1, 0, 0 }, \
	[COL_WHEN]     = { when, 16, 0, 0, 0 }, \
	[COL_ERROR]    = { "Last error", 0, 0, 14, 0 }, \
}

static const struct ui_column cols[OUTBOX_STATUS__MAX][COL__MAX] = {
	[OUTBOX_PENDING] = COLUMNS("Next attempt"),
	[OUTBOX_FAILED]  = COLUMNS("Gave up"),
	[OUTBOX_SENT]    = COLUMNS("Sent"),
};
static const int ncols[OUTBOX_STATUS__MAX] = {
	[OUTBOX_PENDING] = COL__MAX, [OUTBOX_FAILED] = COL__MAX, [OUTBOX_SENT] = COL_ERROR,
};

static enum core_err
fetch(struct ui_listscreen *ls, const struct ui_list_query *q)
{
	struct outbox *st = (struct outbox *)ls;

	return outbox_list(ls->ui->db, ls->ui->actor, (int)st->status, q->offset, q->limit, &st->page);
}

UI_PAGE_FREE_FN(free_page, outbox_rows_free)

static void
cell(void *ctx, int row, int col, char *buf, size_t sz)
{
	const struct outbox_row *o = &((struct outbox *)ctx)->page.items[row];

	switch ((enum col)col) {
	case COL_ID:       snprintf(buf, sz, "%lld", (long long)o->id); break;
	case COL_CREATED:  snprintf(buf, sz, "%.16s", o->created_at); break;
	case COL_KIND:     snprintf(buf, sz, "%s", outbox_kind_label(o->kind)); break;
	case COL_RESELLER: snprintf(buf, sz, "%s", o->reseller_id ? o->reseller_name : "-"); break;
	case COL_TO:       snprintf(buf, sz, "%s", o->to[0] ? o->to : "-"); break;
	case COL_ABOUT:    snprintf(buf, sz, "%s", o->about); break;
	case COL_TRIES:    snprintf(buf, sz, "%d", (int)o->attempts); break;
	case COL_WHEN:     snprintf(buf, sz, "%.16s", o->status == OUTBOX_SENT ? o->sent_at : o->next_attempt_at); break;
	case COL_ERROR:    snprintf(buf, sz, "%s", o->last_error); break;
	case COL__MAX:     break;
	}
}

static const struct ui_binding keys[] = {
	{ UA_OPEN,      { UI_ENTER, UK(KEY_ENTER), UK(KEY_RIGHT) }, "Enter", "Open", "the row in full: payload, attempts, last error" },
	{ UA_RETRY,     { 'r' }, "r", "Retry now", "send the row again now (asks first); a failed row gets all its attempts again" },
	{ UA_VIEW,      { 't' }, "t", "Next tab", "next tab: Pending, Failed, Sent, Fulfilment" },
	{ UA_VIEW_PREV, { 'T' }, "T", NULL, "previous tab" },
	{ UA_REFRESH,   { 'R', UI_CTRL('r') }, "R", NULL, "reload from the database" },
	LIST_KEYS,
};

/* ---- the tabs ------------------------------------------------------- */

static struct screen *status_new(struct ui *ui, int s);

static const char *const tab_names[OUTBOX_TAB__MAX] = {
	[OUTBOX_TAB_PENDING] = "Pending",
	[OUTBOX_TAB_FAILED] = "Failed",
	[OUTBOX_TAB_SENT] = "Sent",
	[OUTBOX_TAB_FULFIL] = "Fulfilment",
};

void
screen_outbox_counts(struct ui *ui, int64_t n[OUTBOX_TAB__MAX])
{
	int64_t ob[OUTBOX_STATUS__MAX], fq[FULFIL_STATUS__MAX];
	int i;

	for (i = 0; i < OUTBOX_TAB__MAX; i++)
		n[i] = -1;
	if (outbox_counts(ui->db, ui->actor, ob) == CORE_OK)
		for (i = 0; i < OUTBOX_STATUS__MAX; i++)
			n[i] = ob[i];
	if (fulfil_counts(ui->db, ui->actor, fq) == CORE_OK)
		n[OUTBOX_TAB_FULFIL] = fq[FULFIL_WAITING] + fq[FULFIL_QUEUED];
}

void
screen_outbox_tabs_draw(WINDOW *w, int y, int width, int current, const int64_t n[OUTBOX_TAB__MAX])
{
	char name[64], t[80];
	int i, x = 0, tw;

	for (i = 0; i < OUTBOX_TAB__MAX && x < width; i++) {
		if (n[i] >= 0)
			snprintf(name, sizeof(name), "%s (%lld)", tab_names[i], (long long)n[i]);
		else
			snprintf(name, sizeof(name), "%s", tab_names[i]);
		snprintf(t, sizeof(t), i == current ? "[%s]" : " %s ", name);
		if (x + (tw = ui_width(t)) > width)
			break;
		ui_put(w, y, x, tw, t, i == current ? (int)A_REVERSE : 0);
		x += tw + 1;
	}
}

/* tab_new - the screen of tab t (an enum outbox_tab). */
static struct screen *
tab_new(struct ui *ui, int t)
{
	return t == OUTBOX_TAB_FULFIL ? screen_fulfil_new(ui) : status_new(ui, t);
}

int
screen_outbox_switch(struct ui *ui, int current, enum ui_act act)
{
	struct screen *s;
	int t;

	if (act != UA_VIEW && act != UA_VIEW_PREV)
		return UI_IGNORED;
	t = (current + (act == UA_VIEW ? 1 : OUTBOX_TAB__MAX - 1)) % OUTBOX_TAB__MAX;
	if ((s = tab_new(ui, t)) == NULL)
		return UI_HANDLED;
	ui_pop(ui);
	ui_push(ui, s);
	return UI_HANDLED | UI_REDRAW;
}

/* ---- retry now ------------------------------------------------------ */

struct retry {
	int64_t id;
};

static enum core_err
retry_yes(struct ui *ui, void *arg, char *why)
{
	struct retry *r = arg;
	enum core_err er;

	if ((er = outbox_retry(ui->db, ui->actor, r->id, why)) == CORE_OK)
		ui_status(ui, "Queued for sending now: the worker takes outbox row #%lld on its next round.",
		    (long long)r->id);
	return er;
}

/* what - "E-mail to a@example.com: Welcome" of o into buf. */
static const char *
what(const struct outbox_row *o, char *buf, size_t sz)
{
	snprintf(buf, sz, "%s%s%s%s%s", outbox_kind_label(o->kind), o->to[0] ? " to " : "", o->to,
	    o->about[0] ? ": " : "", o->about);
	return buf;
}

/*
 * retry_begin - the retry flow of row o from the list or the detail:
 * refused at once for a role that may not (core's actor_may) and for a
 * sent row (core's answer, which changes nothing), else a confirmation.
 */
static void
retry_begin(struct ui *ui, const struct outbox_row *o)
{
	char msg[2560], title[64], w[2100], why[CORE_WHY] = "";
	struct retry *r;
	enum core_err er;

	if ((er = actor_may(ui->actor, ACT_OUTBOX_RETRY)) != CORE_OK) {
		ui_refused(ui, er, NULL);
		return;
	}
	if (o->status == OUTBOX_SENT) {
		ui_refused(ui, outbox_retry(ui->db, ui->actor, o->id, why), why);
		return;
	}
	if ((r = calloc(1, sizeof(*r))) == NULL)
		return;
	r->id = o->id;
	snprintf(msg, sizeof(msg), "Send outbox row #%lld again now?\n\n%s\n\n%s\nThe worker sends it on its next round.",
	    (long long)o->id, what(o, w, sizeof(w)), o->status == OUTBOX_FAILED ?
	    "It failed for good: it becomes pending with all its attempts again." :
	    "It is pending: it becomes due at once, its attempts unchanged.");
	snprintf(title, sizeof(title), "Retry #%lld", (long long)o->id);
	ui_push(ui, ui_confirm_new(ui, title, msg, retry_yes, r, free));
}

/* retry_offered - `r` is offered for o: the role may retry (core's actor_may) and o is not sent. */
static int
retry_offered(struct ui *ui, const struct outbox_row *o)
{
	return o != NULL && o->status != OUTBOX_SENT && actor_may(ui->actor, ACT_OUTBOX_RETRY) == CORE_OK;
}

/* ---- one row -------------------------------------------------------- */

struct one {
	struct ui_viewscreen vs;
	struct outbox_row    row;
};

static const struct ui_binding one_keys[] = {
	{ UA_RETRY,   { 'r' }, "r", "Retry now", "send the row again now (asks first)" },
	{ UA_REFRESH, { 'R', UI_CTRL('r') }, "R", NULL, "reload from the database" },
	LIST_KEYS,
};

static enum core_err
one_load(struct ui_viewscreen *vs, char *why)
{
	struct one *o = (struct one *)vs;
	const struct outbox_row *r = &o->row;
	struct ui_view *v = &vs->view;
	const char *p, *end;
	enum core_err er;

	(void)why;
	outbox_row_done(&o->row);
	if ((er = outbox_get(vs->ui->db, vs->ui->actor, vs->id, &o->row)) != CORE_OK)
		return er;
	ui_view_add(v, "  Kind          %s", outbox_kind_label(r->kind));
	ui_view_add(v, "  Status        %s", outbox_status_label(r->status));
	ui_view_add(v, "  Reseller      %s", r->reseller_id ? r->reseller_name : "- (the platform's own)");
	if (r->to[0])
		ui_view_add(v, "  %-13s %s", r->kind == OUTBOX_WEBHOOK ? "URL" : "To", r->to);
	ui_view_add(v, "  About         %s", r->about[0] ? r->about : "-");
	ui_view_add(v, "  Attempts      %d", (int)r->attempts);
	ui_view_add(v, "  Created       %s", r->created_at);
	if (r->status == OUTBOX_SENT)
		ui_view_add(v, "  Sent          %s", r->sent_at);
	else
		ui_view_add(v, "  %-13s %s", r->status == OUTBOX_FAILED ? "Gave up" : "Next attempt", r->next_attempt_at);
	ui_view_add(v, "%s", "");
	ui_view_add(v, "  Last error");
	ui_view_wrap(v, r->last_error[0] ? r->last_error : "(none)", vs->ui->cols - 4);
	ui_view_add(v, "%s", "");
	ui_view_add(v, "  Payload");
	for (p = r->payload ? r->payload : ""; *p; p = *end ? end + 1 : end) {
		end = p + strcspn(p, "\n");
		ui_view_add(v, "  %.*s", (int)(end - p), p);
	}
	return CORE_OK;
}

static void
one_title(struct ui_viewscreen *vs, char *buf, size_t sz)
{
	const struct outbox_row *r = &((struct one *)vs)->row;

	snprintf(buf, sz, "Outbox row #%lld · %s · %s", (long long)r->id, outbox_kind_label(r->kind),
	    outbox_status_label(r->status));
}

static int
one_act(struct ui_viewscreen *vs, enum ui_act act)
{
	if (act != UA_RETRY)
		return UI_IGNORED;
	if (vs->loaded)
		retry_begin(vs->ui, &((struct one *)vs)->row);
	return UI_HANDLED | UI_REDRAW;
}

static int
one_offers(struct screen *s, enum ui_act act)
{
	struct one *o = s->priv;

	return act != UA_RETRY || (o->vs.loaded && retry_offered(s->ui, &o->row));
}

static void
one_done(struct ui_viewscreen *vs)
{
	outbox_row_done(&((struct one *)vs)->row);
}

static const struct ui_viewscreen_def one_def = {
	.ops = { UI_VIEWSCREEN_OPS, .name = "outbox_row", UI_ACTIONS(one_keys), .offers = one_offers },
	.size = sizeof(struct one),
	.kind = "Outbox row",
	.what = "This outbox row",
	.load = one_load,
	.title = one_title,
	.act = one_act,
	.done = one_done,
};

/* ---- the list ------------------------------------------------------- */

static void
load_head(struct ui_listscreen *ls)
{
	screen_outbox_counts(ls->ui, ((struct outbox *)ls)->counts);
}

static void
draw_head(struct ui_listscreen *ls, WINDOW *w, int wd)
{
	struct outbox *st = (struct outbox *)ls;

	screen_outbox_tabs_draw(w, 0, wd, (int)st->status, st->counts);
}

static int
act(struct ui_listscreen *ls, enum ui_act act, int row)
{
	struct outbox *st = (struct outbox *)ls;

	switch (act) {
	case UA_VIEW:
	case UA_VIEW_PREV:
		return screen_outbox_switch(ls->ui, (int)st->status, act);
	case UA_OPEN:
	case UA_RETRY:
		if (row < 0)
			ui_error(ls->ui, "No %s outbox row here.", outbox_status_name(st->status));
		else if (act == UA_OPEN)
			ui_push(ls->ui, ui_viewscreen_new(ls->ui, &one_def, st->page.items[row].id));
		else
			retry_begin(ls->ui, &st->page.items[row]);
		return UI_HANDLED | UI_REDRAW;
	default:
		return UI_IGNORED;
	}
}

static int
offers(struct screen *s, enum ui_act act)
{
	struct outbox *st = s->priv;
	int r = ui_list_row(&st->ls.list);

	return act != UA_RETRY || retry_offered(s->ui, r < 0 ? NULL : &st->page.items[r]);
}

static void
title(struct ui_listscreen *ls, char *buf, size_t sz)
{
	snprintf(buf, sz, "Outbox · %s, newest first", outbox_status_name(((struct outbox *)ls)->status));
}

static const struct ui_listscreen_def def = {
	.ops = { UI_LISTSCREEN_OPS, .name = "outbox", UI_ACTIONS(keys), .offers = offers },
	.src = { .cols = cols[OUTBOX_PENDING], .ncols = COL__MAX, .cell = cell },
	UI_LISTSCREEN_STATE(struct outbox, page, free_page),
	.fetch = fetch,
	.title_fn = title,
	.head = 1,
	.draw_head = draw_head,
	.load_head = load_head,
	.act = act,
};

/* status_new - the tab of status s: the base's columns swapped for the tab's own. */
static struct screen *
status_new(struct ui *ui, int s)
{
	struct screen *sc = ui_listscreen_new(ui, &def);
	struct outbox *st;

	if (sc == NULL)
		return NULL;
	st = sc->priv;
	st->status = s >= 0 && s < OUTBOX_STATUS__MAX ? (enum outbox_status)s : OUTBOX_PENDING;
	st->ls.src.cols = cols[st->status];
	st->ls.src.ncols = ncols[st->status];
	return sc;
}

struct screen *
screen_outbox_new(struct ui *ui)
{
	return status_new(ui, OUTBOX_PENDING);
}
