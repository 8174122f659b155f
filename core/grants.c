/* grants.c - the privileges of shelf-fcgi's and support's accounts; see grants.h. */
#include <stdio.h>
#include <string.h>
#include "grants.h"

enum { GR_TABLES, GR__MAX };

static const char *const sql[GR__MAX] = {
	[GR_TABLES] =
	    "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE'"
	    " ORDER BY TABLE_NAME",
};

static const struct db_table table = { DB_MOD_GRANTS, sql, GR__MAX };

#define R   "SELECT"
#define RW  "SELECT, INSERT, UPDATE, DELETE"

/*
 * What shelf-fcgi (storefront and API) does to each table.  Triggers run
 * as their definer (the migration account), so a table only they write
 * (reseller_mrr) needs nothing here.
 */
static const struct {
	const char *table, *privs;
} fcgi[] = {
	{ "api_clients", "SELECT, UPDATE" },		/* last used */
	{ "api_idempotency", RW },			/* Idempotency-Key claims */
	{ "api_tokens", RW },				/* issued, checked, expired */
	{ "assets", R },
	{ "audit_log", "INSERT" },
	{ "billing_runs", "" },
	{ "categories", R },
	{ "checkout_tokens", RW },
	{ "contact_messages", "SELECT, INSERT" },
	{ "customer_versions", R },	/* the session check reads it (sql/018) */
	{ "customers", "SELECT, INSERT, UPDATE" },
	{ "distributors", R },
	{ "edition_changes", "" },
	{ "fulfilments", "SELECT, INSERT, UPDATE" },	/* subscription changes told to the vendor */
	{ "invoice_lines", R },
	{ "invoice_sequences", "" },
	{ "invoices", R },
	{ "licence_keys", R },				/* the keys on the buyer's order page */
	{ "listings", "SELECT, INSERT, UPDATE" },	/* markups through the API */
	{ "m365_assignments", RW },
	{ "m365_users", RW },
	{ "media", R },					/* image sizes and owners */
	{ "operators", "" },
	{ "order_lines", "SELECT, INSERT, UPDATE" },
	{ "orders", "SELECT, INSERT, UPDATE" },
	{ "outbox", "SELECT, INSERT" },
	{ "password_resets", RW },
	{ "payments", R },
	{ "product_categories", R },
	{ "product_slug_redirects", R },
	{ "products", R },
	{ "rate_limits", RW },
	{ "reseller_mrr", "" },
	{ "resellers", "SELECT, UPDATE (order_seq)" },	/* order numbers */
	{ "schema_migrations", "" },
	{ "sessions", RW },
	{ "storefront_slug_redirects", R },
	{ "storefront_users", "SELECT, INSERT, UPDATE" },
	{ "storefronts", "SELECT, UPDATE (version)" },	/* a markup changes the shop's pages */
	{ "subscription_quantities", "SELECT, INSERT, UPDATE" },	/* a quantity change from the customer area */
	{ "subscriptions", "SELECT, INSERT, UPDATE" },
	{ "usage_imports", "" },
	{ "usage_monthly", R },
	{ "usage_monthly_totals", R },
	{ "usage_records", R },
	{ "webhook_endpoints", RW },			/* the API's /webhooks; events queued by storefront changes */
	{ "webhook_deliveries", R },			/* the API's delivery log */
	{ "customer_contacts", "SELECT, INSERT, UPDATE" },	/* customers/{id}/contacts: invited, disabled */
};

const char *
grants_fcgi(const char *t)
{
	size_t i;

	for (i = 0; i < sizeof(fcgi) / sizeof(fcgi[0]); i++)
		if (strcmp(fcgi[i].table, t) == 0)
			return fcgi[i].privs;
	return NULL;
}

/* plain - 1 when s is 1..max characters of letters, digits and those of extra. */
static int
plain(const char *s, size_t max, const char *extra)
{
	size_t n = strlen(s);

	if (n == 0 || n > max)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '_' ||
		    strchr(extra, *s) != NULL))
			return 0;
	return 1;
}

static enum core_err
run(struct db *db, const char *stmt, int *count, char *msg, size_t n)
{
	enum core_err er;

	if ((er = db_exec_text(db, stmt, strlen(stmt))) != CORE_OK) {
		snprintf(msg, n, "%s: %s", stmt, db_error(db));
		return er;
	}
	(*count)++;
	return CORE_OK;
}

enum core_err
grants_apply(struct db *db, const struct config *cfg, int *count, char *msg, size_t n)
{
	const char *f = cfg->fcgi_db_user, *s = cfg->support_db_user, *h = cfg->db_grant_host, *d = cfg->db_name;
	char stmt[1024];
	struct db_res *r;
	enum core_err er = CORE_OK;
	int dummy = 0;

	if (count == NULL)
		count = &dummy;
	*count = 0;
	if (f[0] == '\0' && s[0] == '\0')
		return CORE_OK;
	if ((f[0] && !plain(f, 80, ".-")) || (s[0] && !plain(s, 80, ".-")) || !plain(h, 255, ".-%:") ||
	    !plain(d, 64, "")) {
		snprintf(msg, n, "fcgi_db_user, support_db_user, db_grant_host and db_name must be plain names"
		    " (letters, digits, _ . - and for the host %% :)");
		return CORE_INVALID;
	}
	if (s[0]) {
		snprintf(stmt, sizeof(stmt), "GRANT SELECT ON `%s`.* TO '%s'@'%s'", d, s, h);
		if ((er = run(db, stmt, count, msg, n)) != CORE_OK)
			return er;
	}
	if (f[0] == '\0')
		return CORE_OK;
	if ((er = db_query(db, &table, GR_TABLES, &r, "s", d)) != CORE_OK) {
		snprintf(msg, n, "the tables of %s: %s", d, db_error(db));
		return er;
	}
	while (er == CORE_OK && db_res_next(r)) {
		const char *t = db_res_str(r, 0), *p = grants_fcgi(t);

		if (p == NULL) {
			snprintf(msg, n, "table %s has no line in core/grants.c: say what shelf-fcgi may do to it", t);
			er = CORE_INVALID;
		} else if (p[0] != '\0') {
			snprintf(stmt, sizeof(stmt), "GRANT %s ON `%s`.`%s` TO '%s'@'%s'", p, d, t, f, h);
			er = run(db, stmt, count, msg, n);
		}
	}
	db_res_free(r);
	return er;
}
