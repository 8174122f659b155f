/*
 * order_mail.c - the e-mails of an order's life: one table row per
 * e-mail (kind, recipient, subject, template), the order read once, the
 * data built once per kind.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "actor.h"
#include "order.h"
#include "order_mail.h"
#include "outbox.h"
#include "storefront.h"
#include "str.h"

enum {
	OM_ORDER,
	OM_SENT,
	OM__MAX
};

static const char *const sql[OM__MAX] = {
	/* who hears of the order, and where its storefront is */
	[OM_ORDER] =
	    "SELECT o.reseller_id, COALESCE(u.email, c.email), COALESCE(NULLIF(sf.contact_email, ''), r.email),"
	    " COALESCE(sf.company_name, r.name), COALESCE(sf.slug, ''), COALESCE(sf.custom_domain, ''),"
	    " COALESCE(d.storefront_base_domain, ''),"
	    " sf.reseller_id IS NOT NULL AND r.edition IN ('standard', 'professional') AND r.status = 'active',"
	    " DATE_FORMAT(o.created_at, '%Y-%m-%d %H:%i:%s')"
	    " FROM orders o JOIN resellers r ON r.id = o.reseller_id"
	    " JOIN distributors d ON d.id = r.distributor_id"
	    " JOIN customers c ON c.reseller_id = o.reseller_id AND c.id = o.customer_id"
	    " LEFT JOIN storefront_users u ON u.id = o.placed_by_user_id AND u.reseller_id = o.reseller_id"
	    "  AND u.customer_id = o.customer_id AND u.active = 1"
	    " LEFT JOIN storefronts sf ON sf.reseller_id = o.reseller_id"
	    " WHERE o.id = ?",
	/* this order's e-mail of this template, queued before (all of an order's rows are younger than it) */
	[OM_SENT] =
	    "SELECT COUNT(*) FROM outbox WHERE reseller_id = ? AND created_at >= ? AND kind = 'email'"
	    " AND JSON_VALUE(payload, '$.template') = ? AND JSON_VALUE(payload, '$.data.order_id') = ?",
};

static const struct db_table table = { DB_MOD_ORDER_MAIL, sql, OM__MAX };

enum rcpt { RCPT_CUSTOMER, RCPT_RESELLER };

/* The e-mails, in the order they are queued; subject: a format taking the order number. */
static const struct {
	enum order_mail_kind kind;
	enum rcpt            to;
	const char          *subject;
	const char          *template_name;
} mails[] = {
	{ ORDER_MAIL_PENDING_APPROVAL, RCPT_RESELLER, "Order %s awaits your approval", "order_pending_approval" },
	{ ORDER_MAIL_APPROVED,         RCPT_CUSTOMER, "Order %s approved",             "order_approved" },
	{ ORDER_MAIL_REJECTED,         RCPT_CUSTOMER, "Order %s rejected",             "order_rejected" },
	{ ORDER_MAIL_COMPLETED,        RCPT_CUSTOMER, "Order %s completed",            "order_completed" },
	{ ORDER_MAIL_FAILED,           RCPT_CUSTOMER, "Order %s failed",               "order_failed" },
	{ ORDER_MAIL_FAILED,           RCPT_RESELLER, "Order %s failed",               "order_failed_reseller" },
};

/* What the order's e-mails need besides the order itself. */
struct who {
	int64_t reseller_id;
	char    customer_addr[255];
	char    reseller_addr[255];
	char    company[201 * 4];
	char    site[1024];		/* the storefront's address, "" without one that answers */
	char    created_at[20];
};

static enum core_err
read_who(struct db *db, int64_t order_id, struct who *w)
{
	char slug[STOREFRONT_SLUG_SZ] = "", domain[STOREFRONT_DOMAIN_MAX + 1] = "", base[STOREFRONT_DOMAIN_MAX + 1] = "";
	struct db_res *r;
	enum core_err er;
	int online;

	memset(w, 0, sizeof(*w));
	if ((er = db_query(db, &table, OM_ORDER, &r, "i", order_id)) != CORE_OK)
		return er;
	if (!db_res_next(r)) {
		db_res_free(r);
		return CORE_NOTFOUND;
	}
	w->reseller_id = db_res_int(r, 0);
	str_copy(w->customer_addr, sizeof(w->customer_addr), db_res_str(r, 1));
	str_copy(w->reseller_addr, sizeof(w->reseller_addr), db_res_str(r, 2));
	str_copy(w->company, sizeof(w->company), db_res_str(r, 3));
	str_copy(slug, sizeof(slug), db_res_str(r, 4));
	str_copy(domain, sizeof(domain), db_res_str(r, 5));
	str_copy(base, sizeof(base), db_res_str(r, 6));
	online = db_res_int(r, 7) != 0;
	str_copy(w->created_at, sizeof(w->created_at), db_res_str(r, 8));
	db_res_free(r);
	if (online && slug[0] != '\0')
		storefront_url(db_config(db)->public_url, base, slug, domain[0] ? domain : NULL, w->site, sizeof(w->site));
	return CORE_OK;
}

/* set - data[key] = v (a new reference, NULL: ENOMEM). */
static enum core_err
set(json_t *data, const char *key, json_t *v)
{
	return v != NULL && json_object_set_new(data, key, v) == 0 ? CORE_OK : CORE_ENOMEM;
}

/* site_link - page p of the storefront as a new JSON string, null without a storefront. */
static json_t *
site_link(const struct who *w, enum storefront_page p, int64_t id)
{
	char url[1200];

	if (w->site[0] == '\0')
		return json_null();
	storefront_page_url(w->site, p, id, url, sizeof(url));
	return json_string(url);
}

/* build - the templates' data for kind (see order_mail.h); *out a new reference. */
static enum core_err
build(const struct order *o, const struct who *w, enum order_mail_kind kind, json_t **out)
{
	const char *reason = kind == ORDER_MAIL_REJECTED ? o->reject_reason :
	    kind == ORDER_MAIL_FAILED ? o->failure_reason : "";
	char day[11];
	json_t *data, *lines, *l;
	enum core_err er;
	size_t i;

	*out = NULL;
	if ((data = order_to_json(o)) == NULL)
		return CORE_ENOMEM;
	/* a line's licence keys, when the order's JSON carries them: has_keys for the templates' headings */
	lines = json_object_get(data, "lines");
	json_array_foreach(lines, i, l) {
		if ((er = set(l, "has_keys", json_boolean(json_array_size(json_object_get(l, "keys")) > 0))) != CORE_OK)
			goto fail;
	}
	snprintf(day, sizeof(day), "%.10s", o->created_at);
	if ((er = set(data, "date", json_string(day))) != CORE_OK ||
	    (er = set(data, "order_id", json_integer((json_int_t)o->id))) != CORE_OK ||
	    (er = set(data, "customer_name", json_string(o->customer_name))) != CORE_OK ||
	    (er = set(data, "company_name", json_string(w->company))) != CORE_OK ||
	    (er = set(data, "order_url", site_link(w, STOREFRONT_PAGE_ORDER, o->id))) != CORE_OK ||
	    (er = set(data, "subscriptions_url", site_link(w, STOREFRONT_PAGE_SUBSCRIPTIONS, 0))) != CORE_OK)
		goto fail;
	if (reason[0] != '\0' && (er = set(data, "reason", json_string(reason))) != CORE_OK)
		goto fail;
	*out = data;
	return CORE_OK;
fail:
	json_decref(data);
	return er;
}

/* already - 1 in *sent when order o's e-mail of template_name is queued already. */
static enum core_err
already(struct db *db, const struct order *o, const struct who *w, const char *template_name, int *sent)
{
	int64_t n = 0;
	enum core_err er;

	er = db_query_int(db, &table, OM_SENT, &n, "issi", w->reseller_id, w->created_at, template_name, o->id);
	*sent = n > 0;
	return er;
}

enum core_err
order_mail_event(struct db *db, int64_t order_id, enum order_mail_kind kind)
{
	struct actor sys;
	struct order o;
	struct who w;
	json_t *data = NULL;
	char subject[128];
	const char *to;
	enum core_err er;
	size_t i;
	int sent;

	if (kind < 0 || kind >= ORDER_MAIL__MAX)
		return CORE_INVALID;
	if ((er = read_who(db, order_id, &w)) != CORE_OK)
		return er;
	actor_system(&sys, 0);
	if ((er = order_get(db, &sys, order_id, &o)) != CORE_OK)
		goto out;
	if ((er = build(&o, &w, kind, &data)) != CORE_OK)
		goto out;
	for (i = 0; i < sizeof(mails) / sizeof(mails[0]); i++) {
		if (mails[i].kind != kind)
			continue;
		to = mails[i].to == RCPT_CUSTOMER ? w.customer_addr : w.reseller_addr;
		if (to[0] == '\0')
			continue;
		if ((er = already(db, &o, &w, mails[i].template_name, &sent)) != CORE_OK)
			goto out;
		if (sent)
			continue;
		snprintf(subject, sizeof(subject), mails[i].subject, o.number);
		if ((er = outbox_email(db, w.reseller_id, to, subject, mails[i].template_name, data)) != CORE_OK)
			goto out;
	}
out:
	json_decref(data);
	order_free(&o);
	return er;
}
