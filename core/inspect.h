/*
 * inspect.h - the support inspector: find any account of the actor's
 * distributor (reseller, customer, storefront user, order, subscription,
 * invoice) by name, e-mail, id or number, and everything about it as a
 * read-only document.  Used by the TUI's inspector and `shelf inspect`.
 *
 * Who may: support staff and distributor admins (ACT_INSPECT), across
 * every reseller of a->distributor_id and never another distributor's.
 * Nothing here changes anything.
 *
 * Every list in a document is limited (INSPECT_ROWS rows, newest first)
 * and carries the total count, so an account with a million orders costs
 * the same as one with ten.
 */
#ifndef SHELF_INSPECT_H
#define SHELF_INSPECT_H

#include <stddef.h>
#include <stdint.h>
#include "actor.h"
#include "db.h"
#include "names.h"

/* X(symbol, name, label) */
#define INSPECT_KINDS(X) \
	X(INSPECT_RESELLER,     "reseller",        "Reseller") \
	X(INSPECT_CUSTOMER,     "customer",        "Customer") \
	X(INSPECT_USER,         "storefront user", "Storefront user") \
	X(INSPECT_ORDER,        "order",           "Order") \
	X(INSPECT_SUBSCRIPTION, "subscription",    "Subscription") \
	X(INSPECT_INVOICE,      "invoice",         "Invoice")

enum inspect_kind {
	INSPECT_KINDS(NAMES_SYM)
	INSPECT__MAX
};

#define INSPECT_TEXT     801	/* utf8mb4 VARCHAR(200) */
#define INSPECT_FIND_MAX 100	/* hits per search */
#define INSPECT_ROWS     10	/* rows per list in a document */
#define INSPECT_QUERY_MAX 200	/* bytes of a query */
#define INSPECT_COLS     6

struct inspect_hit {
	enum inspect_kind kind;
	int64_t id;
	int64_t reseller_id;
	char    label[INSPECT_TEXT];		/* name, e-mail or number */
	char    detail[INSPECT_TEXT];		/* e-mail, status, customer ... */
	char    reseller_name[INSPECT_TEXT];
};

struct inspect_hits {
	struct inspect_hit *items;	/* malloc'd; inspect_hits_free */
	size_t              count;
};

/*
 * A document: sections in order.  A section is either key/value pairs
 * (ncols == 0: each row has cell[0] the label, cell[1] the value) or a
 * table (ncols columns named cols[]), with total the number of rows that
 * exist (rows holds at most INSPECT_ROWS of them).  Cells are malloc'd,
 * never NULL ("" for none); text is as stored (the boundary sanitizes).
 */
struct inspect_row {
	char *cell[INSPECT_COLS];
};

struct inspect_section {
	char                title[64];
	int                 ncols;
	const char         *cols[INSPECT_COLS];	/* static strings */
	struct inspect_row *rows;
	size_t              nrows;
	int64_t             total;
};

struct inspect_doc {
	enum inspect_kind       kind;
	int64_t                 id;
	char                    title[2 * INSPECT_TEXT];
	struct inspect_section *sections;	/* malloc'd; inspect_doc_free */
	size_t                  nsections;
};

/* inspect_kind_name - "reseller", "customer", "storefront user", "order", "subscription", "invoice". */
const char *inspect_kind_name(enum inspect_kind k);

/*
 * inspect_find - everything of a->distributor_id matching query, at most
 * limit hits (1..INSPECT_FIND_MAX, others clamp): resellers whose name
 * contains query or whose e-mail starts with it, customers whose name or
 * e-mail starts with it, storefront users whose e-mail starts with it
 * (prefixes use the tenant indexes); the order or invoice with that
 * number; for a number, the reseller, customer, storefront user, order,
 * subscription and invoice with that id.  A leading '#' is ignored.
 * CORE_FORBIDDEN without ACT_INSPECT; CORE_INVALID for an empty query or
 * one over INSPECT_QUERY_MAX bytes.  *out: inspect_hits_free (also after
 * an error).
 */
enum core_err inspect_find(struct db *db, const struct actor *a, const char *query, int limit,
    struct inspect_hits *out);

void inspect_hits_free(struct inspect_hits *h);

/*
 * inspect_get - everything about one account as a document:
 *   reseller:     details, storefront (URL, online or not), edition
 *                 history, customers, orders, subscriptions, invoices,
 *                 audit trail
 *   customer:     details, its reseller, storefront users, orders,
 *                 subscriptions, audit trail
 *   storefront user, order (with lines), subscription, invoice (with
 *                 lines): details and audit trail
 * public_url (may be NULL) makes storefront URLs as storefront_url does.
 * CORE_FORBIDDEN without ACT_INSPECT, CORE_NOTFOUND for an id not of
 * a->distributor_id.  *out: inspect_doc_free (also after an error).
 */
enum core_err inspect_get(struct db *db, const struct actor *a, enum inspect_kind kind, int64_t id,
    const char *public_url, struct inspect_doc *out);

void inspect_doc_free(struct inspect_doc *d);

/*
 * inspect_storefront_base - the storefront base domain of a->distributor_id
 * ("" when none) into out (n bytes), so a screen can show storefront URLs.
 * ACT_RESELLER_READ or ACT_INSPECT, else CORE_FORBIDDEN.
 */
enum core_err inspect_storefront_base(struct db *db, const struct actor *a, char *out, size_t n);

/*
 * inspect_own_reseller - a reseller admin's own reseller (tenant from the
 * actor) as a document: edition, status, storefront URL, customers,
 * Monthly Run Rate (mrr_reseller), edition history.
 * ACT_CUSTOMER_READ and a reseller admin, else CORE_FORBIDDEN.
 */
enum core_err inspect_own_reseller(struct db *db, const struct actor *a, const char *public_url,
    struct inspect_doc *out);

/* ---- the distributor's catalog, read-only ---------------------------- */

enum inspect_product_sort {
	INSPECT_PSORT_NAME,		/* name, then id */
	INSPECT_PSORT_MANUFACTURER,	/* manufacturer, name, id */
	INSPECT_PSORT_COST,		/* unit cost, then name, id */
	INSPECT_PSORT__MAX
};

struct inspect_product {
	int64_t id;
	char    sku[257];
	char    name[801];
	char    manufacturer[257];
	char    type[16];		/* products.type as stored */
	char    period[16];		/* products.billing_period */
	int64_t unit_cost;		/* minor units */
	char    currency[4];
	int     trial_days;		/* 0: none */
	char    connector[16];
	int     active;
	char    categories[801];	/* "Security, Backup" */
};

/* a list (db.h DB_LIST); inspect_products_free */
DB_LIST(inspect_products, struct inspect_product);

/*
 * inspect_products - a page of a->distributor_id's products (active or
 * not) whose name, SKU or manufacturer contains search (NULL/"" all),
 * sorted by sort, limit 1..500 (others clamp to 50) from offset; with
 * cost, categories, trial length and connector, for the distributor's
 * catalog screen.  ACT_INSPECT (distributor admins, support), else
 * CORE_FORBIDDEN; CORE_INVALID for an unknown sort or a search over
 * INSPECT_QUERY_MAX bytes.  *out: inspect_products_free (also after an error).
 */
enum core_err inspect_products(struct db *db, const struct actor *a, const char *search, int sort,
    int limit, int offset, struct inspect_products *out);

void inspect_products_free(struct inspect_products *l);

#endif
