/*
 * screen_webhooks.c - the reseller's webhook endpoints (webhook_list),
 * reached with `w` from the API tab: `n` registers one (URL, description,
 * its events; the signing secret is shown once, in a notice), `e`
 * changes one, `t` disables or enables it (enabling clears its failure
 * count), `k` rotates its secret (asks first, shows the new one once),
 * `d` deletes it with its log (asks first), Enter shows its delivery
 * log: one line per attempt, newest first.  Core decides who may do what
 * (core/webhook.h): reseller staff and support see the lists, only an
 * admin changes them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "str.h"
#include "screens.h"
#include "webhook.h"

#define LOG_LINES 200	/* attempts the log screen shows */

struct webhooks {
	struct ui_listscreen ls;
	struct webhook_list  page;
};

enum col { COL_ID, COL_STATE, COL_FAILS, COL_EVENTS, COL_URL, COL_DESC, COL__MAX };

static const struct ui_column cols[COL__MAX] = {
	[COL_ID]     = { "Id", 5, 1, 0, 0 },
	[COL_STATE]  = { "State", 9, 0, 0, 0 },
	[COL_FAILS]  = { "Fails", 5, 1, 0, 2 },
	[COL_EVENTS] = { "Events", 26, 0, 12, 1 },
	[COL_URL]    = { "URL", 0, 0, 20, 0 },
	[COL_DESC]   = { "Description", 16, 0, 8, 3 },
};

static const char *const sort_names[] = { "id" };
static const char *const filter_names[] = { "all" };

/* fetch - every endpoint (a reseller has at most WEBHOOK_MAX_ENDPOINTS), the page of q cut from them */
static enum core_err
fetch(struct ui_listscreen *ls, const struct ui_list_query *q)
{
	struct webhook_list *l = &((struct webhooks *)ls)->page;
	size_t off = q->offset > 0 ? (size_t)q->offset : 0, keep;
	enum core_err er;

	if ((er = webhook_list(ls->ui->db, ls->ui->actor, 0, l)) != CORE_OK)
		return er;
	l->total = (int64_t)l->n;
	if (off >= l->n) {
		l->n = 0;
		return CORE_OK;
	}
	keep = l->n - off;
	if (q->limit > 0 && keep > (size_t)q->limit)
		keep = (size_t)q->limit;
	memmove(l->items, l->items + off, keep * sizeof(*l->items));
	l->n = keep;
	return CORE_OK;
}

UI_PAGE_FREE_FN(free_page, webhook_list_free)

static void
cell(void *ctx, int row, int col, char *buf, size_t sz)
{
	const struct webhook_endpoint *e = &((struct webhooks *)ctx)->page.items[row];

	switch ((enum col)col) {
	case COL_ID:     snprintf(buf, sz, "%lld", (long long)e->id); break;
	case COL_STATE:  snprintf(buf, sz, "%s", e->enabled ? "enabled" : "disabled"); break;
	case COL_FAILS:  snprintf(buf, sz, "%d", e->failures); break;
	case COL_EVENTS:
		if (e->events == WEBHOOK_EV_ALL)
			snprintf(buf, sz, "all");
		else
			webhook_events_format(e->events, " ", buf, sz);
		break;
	case COL_URL:    snprintf(buf, sz, "%s", e->url); break;
	case COL_DESC:   snprintf(buf, sz, "%s", e->description); break;
	case COL__MAX:   break;
	}
}

static const struct ui_binding keys[] = {
	{ UA_OPEN,    { '\n', UK(KEY_ENTER) }, "Enter", "Log", "the endpoint's delivery log, newest first" },
	{ UA_ADD,     { 'n', 'a' }, "n", "New",     "register an endpoint; its signing secret is shown once" },
	{ UA_EDIT,    { 'e' },      "e", "Edit",    "change the URL, description or events" },
	{ UA_TOGGLE,  { 't' },      "t", "On/off",  "disable the endpoint, or enable it again (its failures cleared)" },
	{ UA_CHANGE,  { 'k' },      "k", "Secret",  "rotate the signing secret (asks first; the new one is shown once)" },
	{ UA_REMOVE,  { 'd' },      "d", "Delete",  "delete the endpoint and its delivery log (asks first)" },
	{ UA_REFRESH, { 'r' },      "r", NULL,      "reload from the database" },
	LIST_KEYS,
};

/* ---- the form: URL, description, one yes/no per event ----------------- */

static const char *const yes_no[] = { "yes", "no", NULL };

static int
v_url(const struct ui_form *f, const char *v, char *msg, size_t sz)
{
	char why[CORE_WHY] = "";

	if (webhook_url_check(db_config(f->ui->db), v, why) == 0)
		return 0;
	snprintf(msg, sz, "%s", why);
	return -1;
}

static int
v_desc(const struct ui_form *f, const char *v, char *msg, size_t sz)
{
	(void)f;
	return ui_invalid_if(!str_text_valid(v, 0, WEBHOOK_DESC_MAX, 0), msg, sz, "At most 200 characters.");
}

#define EVENT_FIELD(name) { name, UI_FIELD_CHOICE, 0, yes_no, NULL, NULL, NULL }
#define F_EVENTS 2	/* the first event's field */

static const struct ui_field fields[] = {
	{ "URL", UI_FIELD_TEXT, 1000, NULL, v_url, "https://, a public address", NULL },
	{ "Description", UI_FIELD_TEXT, WEBHOOK_DESC_MAX, NULL, v_desc, "what receives it, e.g. \"ERP\"", NULL },
	EVENT_FIELD("order.created"), EVENT_FIELD("order.status_changed"), EVENT_FIELD("subscription.changed"),
	EVENT_FIELD("invoice.issued"), EVENT_FIELD("customer.created"),
};
#define NFIELDS ((int)UI_NKEYS(fields))

static unsigned
mask_of(const struct ui_form *f)
{
	unsigned m = 0;
	int i;

	for (i = 0; i < WEBHOOK_EV__MAX; i++)
		if (strcmp(ui_form_value(f, F_EVENTS + i), "yes") == 0)
			m |= 1u << i;
	return m;
}

/* What a form or dialog acts on. */
struct target {
	int64_t id;
	char    url[WEBHOOK_URL_MAX + 1];
};

static enum core_err
add_submit(struct ui_form *f, void *arg, char *why, int *field)
{
	char secret[WEBHOOK_SECRET_SZ], msg[1024];
	enum core_err er;
	int64_t id = 0;

	(void)arg;
	if (mask_of(f) == 0) {
		core_say(why, "Choose at least one event.");
		*field = F_EVENTS;
		return CORE_INVALID;
	}
	if ((er = webhook_create(f->ui->db, f->ui->actor, ui_form_value(f, 0), ui_form_value(f, 1), mask_of(f), &id,
	    secret, why)) != CORE_OK) {
		*field = strstr(why, "URL") != NULL ? 0 : -1;
		return er;
	}
	snprintf(msg, sizeof(msg), "Endpoint %lld registered.\n\nSigning secret (shown only now; verify each delivery"
	    " with it):\n  %s\n\nk on the endpoint rotates it.", (long long)id, secret);
	explicit_bzero(secret, sizeof(secret));
	ui_push(f->ui, ui_notice_new(f->ui, "Webhook endpoint registered", msg));
	explicit_bzero(msg, sizeof(msg));
	return CORE_OK;
}

static enum core_err
edit_submit(struct ui_form *f, void *arg, char *why, int *field)
{
	struct target *t = arg;
	enum core_err er;

	if (mask_of(f) == 0) {
		core_say(why, "Choose at least one event.");
		*field = F_EVENTS;
		return CORE_INVALID;
	}
	if ((er = webhook_update(f->ui->db, f->ui->actor, t->id, ui_form_value(f, 0), ui_form_value(f, 1), mask_of(f),
	    why)) != CORE_OK) {
		*field = strstr(why, "URL") != NULL ? 0 : -1;
		return er;
	}
	ui_status(f->ui, "Endpoint %lld changed.", (long long)t->id);
	return CORE_OK;
}

static enum core_err
rotate_yes(struct ui *ui, void *arg, char *why)
{
	struct target *t = arg;
	char secret[WEBHOOK_SECRET_SZ], msg[512];
	enum core_err er;

	if ((er = webhook_rotate(ui->db, ui->actor, t->id, secret, why)) != CORE_OK)
		return er;
	snprintf(msg, sizeof(msg), "New signing secret of endpoint %lld (shown only now; the old one no longer"
	    " signs):\n  %s", (long long)t->id, secret);
	explicit_bzero(secret, sizeof(secret));
	ui_push(ui, ui_notice_new(ui, "Secret rotated", msg));
	explicit_bzero(msg, sizeof(msg));
	return CORE_OK;
}

static enum core_err
delete_yes(struct ui *ui, void *arg, char *why)
{
	struct target *t = arg;
	enum core_err er;

	if ((er = webhook_delete(ui->db, ui->actor, t->id, why)) == CORE_OK)
		ui_status(ui, "Endpoint %lld deleted, with its delivery log.", (long long)t->id);
	return er;
}

static struct screen *screen_webhook_log_new(struct ui *ui, int64_t id);

static int
act(struct ui_listscreen *ls, enum ui_act act, int row)
{
	const struct webhook_endpoint *e;
	struct target *t;
	struct screen *f;
	char why[CORE_WHY] = "", msg[WEBHOOK_URL_MAX + 400], ev[200];
	enum core_err er;
	int i;

	if (act != UA_OPEN && act != UA_ADD && act != UA_EDIT && act != UA_TOGGLE && act != UA_CHANGE &&
	    act != UA_REMOVE)
		return UI_IGNORED;
	if (act != UA_OPEN && (er = actor_may(ls->ui->actor, ACT_API_CLIENTS)) != CORE_OK) {
		ui_refused(ls->ui, er, NULL);
		return UI_HANDLED | UI_REDRAW;
	}
	if (act == UA_ADD) {
		if ((f = ui_form_new(ls->ui, "New webhook endpoint", fields, NFIELDS, add_submit, NULL, NULL)) != NULL)
			ui_push(ls->ui, f);
		return UI_HANDLED | UI_REDRAW;
	}
	if (row < 0) {
		ui_error(ls->ui, "No endpoint selected.");
		return UI_HANDLED | UI_REDRAW;
	}
	e = &((struct webhooks *)ls)->page.items[row];
	if (act == UA_OPEN) {
		if ((f = screen_webhook_log_new(ls->ui, e->id)) != NULL)
			ui_push(ls->ui, f);
		return UI_HANDLED | UI_REDRAW;
	}
	if (act == UA_TOGGLE) {
		if ((er = webhook_set_enabled(ls->ui->db, ls->ui->actor, e->id, !e->enabled, why)) != CORE_OK)
			ui_refused(ls->ui, er, why);
		else
			ui_status(ls->ui, "Endpoint %lld %s.", (long long)e->id, e->enabled ? "disabled: nothing is sent to it"
			    : "enabled again, its failures cleared");
		ui_list_reload(&ls->list);
		return UI_HANDLED | UI_REDRAW;
	}
	if ((t = calloc(1, sizeof(*t))) == NULL)
		return UI_HANDLED;
	t->id = e->id;
	str_copy(t->url, sizeof(t->url), e->url);
	if (act == UA_EDIT) {
		snprintf(msg, sizeof(msg), "Webhook endpoint %lld", (long long)e->id);
		if ((f = ui_form_new(ls->ui, msg, fields, NFIELDS, edit_submit, t, free)) == NULL) {
			free(t);
			return UI_HANDLED;
		}
		ui_form_set(ui_form_of(f), 0, e->url);
		ui_form_set(ui_form_of(f), 1, e->description);
		for (i = 0; i < WEBHOOK_EV__MAX; i++)
			ui_form_set(ui_form_of(f), F_EVENTS + i, (e->events & (1u << i)) ? "yes" : "no");
		ui_push(ls->ui, f);
		return UI_HANDLED | UI_REDRAW;
	}
	webhook_events_format(e->events, ", ", ev, sizeof(ev));
	if (act == UA_CHANGE) {
		snprintf(msg, sizeof(msg), "Rotate the signing secret of endpoint %lld?\n\n  %s\n\nDeliveries are signed"
		    " with the new secret at once:\nthe receiver must be given it.", (long long)e->id, e->url);
		ui_push(ls->ui, ui_confirm_new(ls->ui, "Rotate secret", msg, rotate_yes, t, free));
	} else {
		snprintf(msg, sizeof(msg), "Delete endpoint %lld?\n\n  %s\n  (%s)\n\nIts delivery log goes with it and its"
		    " waiting events are dropped.", (long long)e->id, e->url, ev);
		ui_push(ls->ui, ui_confirm_new(ls->ui, "Delete webhook endpoint", msg, delete_yes, t, free));
	}
	return UI_HANDLED | UI_REDRAW;
}

static const struct ui_listscreen_def def = {
	.ops = { UI_LISTSCREEN_OPS, .name = "webhooks", UI_ACTIONS(keys) },
	.src = { UI_COLUMNS(cols), UI_SORTS(sort_names), UI_FILTERS(filter_names), .cell = cell },
	UI_LISTSCREEN_STATE(struct webhooks, page, free_page),
	.fetch = fetch,
	.title = "Webhook endpoints",
	.act = act,
};

struct screen *
screen_webhooks_new(struct ui *ui)
{
	return ui_listscreen_new(ui, &def);
}

/* ---- one endpoint's delivery log ---------------------------------------- */

struct log {
	struct ui_viewscreen    vs;
	struct webhook_endpoint e;
};

static const struct ui_binding log_keys[] = {
	{ UA_REFRESH, { 'r' }, "r", NULL, "reload from the database" },
	LIST_KEYS,
};

static enum core_err
log_load(struct ui_viewscreen *vs, char *why)
{
	struct log *st = (struct log *)vs;
	struct webhook_delivery_list l;
	struct ui_view *v = &vs->view;
	char ev[200], status[16];
	enum core_err er;
	size_t i;

	(void)why;
	if ((er = webhook_get(vs->ui->db, vs->ui->actor, vs->id, &st->e)) != CORE_OK ||
	    (er = webhook_deliveries(vs->ui->db, vs->ui->actor, vs->id, 0, LOG_LINES, &l)) != CORE_OK)
		return er;
	webhook_events_format(st->e.events, ", ", ev, sizeof(ev));
	ui_view_add(v, "  URL        %s", st->e.url);
	ui_view_add(v, "  Events     %s", ev);
	if (st->e.enabled)
		ui_view_add(v, "  State      enabled");
	else
		ui_view_add(v, "  State      disabled since %s", st->e.disabled_at);
	if (!st->e.enabled)
		ui_view_add(v, "             %s", st->e.disabled_reason);
	ui_view_add(v, "  Failures   %d in a row", st->e.failures);
	ui_view_add(v, "%s", "");
	if (l.n == 0)
		ui_view_add(v, "  No delivery attempts yet.");
	else
		ui_view_add(v, "  %-19s %-22s %-5s %-6s %6s  %s", "When", "Event", "Try", "Status", "ms", "Message id / error");
	for (i = 0; i < l.n; i++) {
		const struct webhook_delivery *d = &l.items[i];

		snprintf(status, sizeof(status), "%d", d->http_status);
		ui_view_add(v, "  %-19s %-22s %-5d %-6s %6d  %s%s%s", d->created_at, d->event_type, d->attempt,
		    d->http_status ? status : "-", d->duration_ms, d->msg_id, d->error[0] ? "  " : "", d->error);
	}
	if (l.n == LOG_LINES)
		ui_view_add(v, "  (the newest %d; `shelf webhook log` and the API page further)", LOG_LINES);
	webhook_delivery_list_free(&l);
	return CORE_OK;
}

static void
log_title(struct ui_viewscreen *vs, char *buf, size_t sz)
{
	struct log *st = (struct log *)vs;

	snprintf(buf, sz, "Webhook endpoint %lld · delivery log", (long long)st->e.id);
}

static const struct ui_viewscreen_def log_def = {
	.ops = { UI_VIEWSCREEN_OPS, .name = "webhook_log", UI_ACTIONS(log_keys) },
	.size = sizeof(struct log),
	.kind = "Webhook endpoint",
	.what = "This endpoint",
	.load = log_load,
	.title = log_title,
};

static struct screen *
screen_webhook_log_new(struct ui *ui, int64_t id)
{
	return ui_viewscreen_new(ui, &log_def, id);
}
