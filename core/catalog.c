#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "audit.h"
#include "catalog.h"
#include "media.h"
#include "product.h"
#include "money.h"
#include "str.h"

/* sale price of a listed row, for ORDER BY only: C recomputes it with money_price */
#define PRICE_SQL "(p.unit_cost + (p.unit_cost * l.markup_bp + 5000) DIV 10000)"
#define VPRICE_SQL "(p.unit_cost + (p.unit_cost * COALESCE(l.markup_bp, 0) + 5000) DIV 10000)"
/* the same, on a page's rows (pg: SF_PAGE, VENDOR_PAGE) */
#define PG_PRICE_SQL "(p.unit_cost + (p.unit_cost * pg.markup_bp + 5000) DIV 10000)"
#define PG_VPRICE_SQL "(p.unit_cost + (p.unit_cost * COALESCE(pg.markup_bp, 0) + 5000) DIV 10000)"

/* category slug filter and search filter; parameters: slug, slug / search, pattern x3 */
#define CATEGORY_FILTER \
	" AND (? IS NULL OR EXISTS (SELECT 1 FROM product_categories pc JOIN categories c ON c.id = pc.category_id" \
	"      WHERE pc.product_id = p.id AND c.slug = ?))"
#define SEARCH_FILTER \
	" AND (? IS NULL OR p.name LIKE ? ESCAPE '!' OR p.manufacturer LIKE ? ESCAPE '!'" \
	"      OR p.short_description LIKE ? ESCAPE '!')"
#define VSEARCH_FILTER \
	" AND (? IS NULL OR p.name LIKE ? ESCAPE '!' OR p.manufacturer LIKE ? ESCAPE '!'" \
	"      OR p.short_description LIKE ? ESCAPE '!' OR p.sku LIKE ? ESCAPE '!')"

/*
 * manufacturer filter; parameters: name, name.  Exact but for case (and
 * trailing spaces): products.manufacturer's collation, utf8mb4_unicode_ci,
 * compares that way.
 */
#define MANUFACTURER_FILTER " AND (? IS NULL OR p.manufacturer = ?)"

/* the storefront: listed, active products of the reseller's own distributor; params rid + filters */
#define SF_FROM \
	" FROM resellers r JOIN listings l ON l.reseller_id = r.id AND l.listed = 1" \
	" JOIN products p ON p.id = l.product_id AND p.distributor_id = r.distributor_id AND p.active = 1" \
	" WHERE r.id = ?" CATEGORY_FILTER SEARCH_FILTER MANUFACTURER_FILTER
/*
 * A page of the storefront's list: the page's rows are picked and sorted
 * first (inner), and only they get PRODUCT_COLS' category subqueries
 * (outer), not every listed product; inner and outer sort alike.
 */
#define SF_PAGE(inner_order, outer_order) \
	"SELECT " PRODUCT_COLS ", 1, pg.listed, pg.markup_bp, NULL, NULL" \
	" FROM (SELECT p.id AS pid, l.listed AS listed, l.markup_bp AS markup_bp" SF_FROM \
	"       ORDER BY " inner_order " LIMIT ? OFFSET ?) AS pg" \
	" JOIN products p ON p.id = pg.pid ORDER BY " outer_order

/* the vendor screen: active products of the distributor on one tab; params rid, tab + filters */
#define VENDOR_FROM \
	" FROM resellers r JOIN products p ON p.distributor_id = r.distributor_id AND p.active = 1" \
	" LEFT JOIN listings l ON l.reseller_id = r.id AND l.product_id = p.id" \
	" WHERE r.id = ? AND COALESCE(l.listed, 0) = ?" CATEGORY_FILTER VSEARCH_FILTER
#define VENDOR_PAGE(inner_order, outer_order) \
	"SELECT " PRODUCT_COLS ", pg.has_listing, pg.listed, pg.markup_bp, NULL, NULL" \
	" FROM (SELECT p.id AS pid, IF(l.product_id IS NULL, NULL, 1) AS has_listing, l.listed AS listed," \
	"       l.markup_bp AS markup_bp" VENDOR_FROM \
	"       ORDER BY " inner_order " LIMIT ? OFFSET ?) AS pg" \
	" JOIN products p ON p.id = pg.pid ORDER BY " outer_order

enum {
	CAT_RESELLER_DISTRIBUTOR,
	CAT_DISTRIBUTOR_CURRENCY,
	CAT_PRODUCT_GET,
	CAT_PRODUCT_LOCK,
	CAT_SLUG_OWNER,
	CAT_SKU_OWNER,
	CAT_INSERT,
	CAT_UPDATE,
	CAT_TAGS_CLEAR,
	CAT_TAGS_ADD,
	CAT_REDIRECT_ADD,
	CAT_REDIRECT_DROP,
	CAT_BUMP_LISTING_STOREFRONTS,
	CAT_CATEGORIES,
	CAT_SF_LIST_NAME,
	CAT_SF_LIST_PRICE_ASC,
	CAT_SF_LIST_PRICE_DESC,
	CAT_SF_COUNT,
	CAT_SF_PRODUCT,
	CAT_SF_REDIRECT,
	CAT_SF_CATEGORIES,
	CAT_VENDOR_STATS,
	CAT_VENDOR_LIST_NAME,
	CAT_VENDOR_LIST_MANUFACTURER,
	CAT_VENDOR_LIST_COST,
	CAT_VENDOR_LIST_PRICE_ASC,
	CAT_VENDOR_LIST_PRICE_DESC,
	CAT_VENDOR_COUNT,
	CAT_SF_FEATURED_FIRST,
	CAT_SF_FEATURED_PICK,
	CAT__MAX
};

/* a home page's featured products: the listed ones picked (inner), then their columns (outer); params rid [+ refs, refs] + limit */
#define SF_FEATURED(pick) \
	"SELECT " PRODUCT_COLS ", 1, pg.listed, pg.markup_bp, NULL, NULL" \
	" FROM (SELECT p.id AS pid, l.listed AS listed, l.markup_bp AS markup_bp" \
	"       FROM resellers r JOIN listings l ON l.reseller_id = r.id AND l.listed = 1" \
	"       JOIN products p ON p.id = l.product_id AND p.distributor_id = r.distributor_id AND p.active = 1" \
	"       WHERE r.id = ?" pick " ORDER BY p.name, p.id LIMIT ?) AS pg" \
	" JOIN products p ON p.id = pg.pid ORDER BY p.name, p.id"

static const char *const sql[CAT__MAX] = {
	[CAT_RESELLER_DISTRIBUTOR] = "SELECT distributor_id FROM resellers WHERE id = ?",
	[CAT_SF_FEATURED_FIRST] = SF_FEATURED(""),
	/* refs: a JSON array of slugs (strings) and ids (numbers) */
	[CAT_SF_FEATURED_PICK] =
	    SF_FEATURED(" AND (JSON_CONTAINS(?, JSON_QUOTE(p.slug)) OR JSON_CONTAINS(?, CAST(p.id AS CHAR)))"),
	[CAT_DISTRIBUTOR_CURRENCY] = "SELECT currency FROM distributors WHERE id = ?",
	/* params: reseller id (0: none), product id, distributor id */
	[CAT_PRODUCT_GET] =
	    "SELECT " PRODUCT_COLS ", IF(l.product_id IS NULL, NULL, 1), l.listed, l.markup_bp, p.description, p.specs"
	    " FROM products p LEFT JOIN listings l ON l.reseller_id = ? AND l.product_id = p.id"
	    " WHERE p.id = ? AND p.distributor_id = ?",
	[CAT_PRODUCT_LOCK] =
	    "SELECT " PRODUCT_COLS ", NULL, NULL, NULL, p.description, p.specs"
	    " FROM products p WHERE p.id = ? AND p.distributor_id = ? FOR UPDATE",
	[CAT_SLUG_OWNER] = "SELECT id FROM products WHERE distributor_id = ? AND slug = ?",
	[CAT_SKU_OWNER] = "SELECT id FROM products WHERE distributor_id = ? AND sku = ?",
	[CAT_INSERT] =
	    "INSERT INTO products (distributor_id, sku, name, slug, manufacturer, type, billing_period,"
	    " unit_cost, currency, unit_label, min_quantity, max_quantity, trial_days, short_description,"
	    " description, image_url, connector, active, image_media_id, featured, recommended_markup_bp, specs)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[CAT_UPDATE] =
	    "UPDATE products SET sku = ?, name = ?, slug = ?, manufacturer = ?, type = ?, billing_period = ?,"
	    " unit_cost = ?, unit_label = ?, min_quantity = ?, max_quantity = ?, trial_days = ?,"
	    " short_description = ?, description = ?, image_url = ?, connector = ?, active = ?,"
	    " image_media_id = ?, featured = ?, recommended_markup_bp = ?, specs = ?"
	    " WHERE id = ? AND distributor_id = ?",
	[CAT_TAGS_CLEAR] = "DELETE FROM product_categories WHERE product_id = ?",
	[CAT_TAGS_ADD] =
	    "INSERT IGNORE INTO product_categories (product_id, category_id)"
	    " SELECT ?, id FROM categories WHERE distributor_id = ? AND slug = ?",
	[CAT_REDIRECT_ADD] =
	    "INSERT INTO product_slug_redirects (distributor_id, old_slug, product_id) VALUES (?, ?, ?)"
	    " ON DUPLICATE KEY UPDATE product_id = VALUES(product_id), created_at = CURRENT_TIMESTAMP",
	[CAT_REDIRECT_DROP] = "DELETE FROM product_slug_redirects WHERE distributor_id = ? AND old_slug = ?",
	[CAT_BUMP_LISTING_STOREFRONTS] =
	    "UPDATE storefronts s JOIN listings l ON l.reseller_id = s.reseller_id"
	    " SET s.version = s.version + 1, s.wide_version = s.wide_version + 1"
	    " WHERE l.product_id = ? AND l.listed = 1",
	[CAT_CATEGORIES] =
	    "SELECT c.id, c.name, c.slug, c.position, COUNT(p.id)"
	    " FROM categories c LEFT JOIN product_categories pc ON pc.category_id = c.id"
	    " LEFT JOIN products p ON p.id = pc.product_id AND p.active = 1"
	    " WHERE c.distributor_id = ? GROUP BY c.id, c.name, c.slug, c.position"
	    " ORDER BY c.position, c.name, c.id",
	[CAT_SF_LIST_NAME] = SF_PAGE("p.name, p.id", "p.name, p.id"),
	[CAT_SF_LIST_PRICE_ASC] = SF_PAGE(PRICE_SQL ", p.name, p.id", PG_PRICE_SQL ", p.name, p.id"),
	[CAT_SF_LIST_PRICE_DESC] = SF_PAGE(PRICE_SQL " DESC, p.name, p.id", PG_PRICE_SQL " DESC, p.name, p.id"),
	[CAT_SF_COUNT] = "SELECT COUNT(*)" SF_FROM,
	[CAT_SF_PRODUCT] =
	    "SELECT " PRODUCT_COLS ", 1, l.listed, l.markup_bp, p.description, p.specs"
	    " FROM resellers r JOIN products p ON p.distributor_id = r.distributor_id AND p.active = 1"
	    " JOIN listings l ON l.reseller_id = r.id AND l.product_id = p.id AND l.listed = 1"
	    " WHERE r.id = ? AND p.slug = ?",
	[CAT_SF_REDIRECT] =
	    "SELECT p.slug FROM resellers r"
	    " JOIN product_slug_redirects x ON x.distributor_id = r.distributor_id AND x.old_slug = ?"
	    " JOIN products p ON p.id = x.product_id AND p.distributor_id = r.distributor_id AND p.active = 1"
	    " JOIN listings l ON l.reseller_id = r.id AND l.product_id = p.id AND l.listed = 1"
	    " WHERE r.id = ?",
	/*
	 * Counted per category id first, from each listed product's own
	 * category rows, then joined to the dozen categories: the optimizer
	 * otherwise tried every category against every listed product (1 ms
	 * instead of 4-5 for a shop of 180 products on dataset L).
	 */
	[CAT_SF_CATEGORIES] =
	    "SELECT c.id, c.name, c.slug, c.position, x.n"
	    " FROM (SELECT pc.category_id, COUNT(*) AS n"
	    "       FROM resellers r STRAIGHT_JOIN listings l ON l.reseller_id = r.id AND l.listed = 1"
	    "       STRAIGHT_JOIN products p ON p.id = l.product_id AND p.distributor_id = r.distributor_id"
	    "        AND p.active = 1"
	    "       STRAIGHT_JOIN product_categories pc ON pc.product_id = p.id"
	    "       WHERE r.id = ? GROUP BY pc.category_id) AS x"
	    " JOIN categories c ON c.id = x.category_id ORDER BY c.position, c.name, c.id",
	[CAT_VENDOR_STATS] =
	    "SELECT COUNT(*), COALESCE(SUM(l.listed = 1), 0)"
	    " FROM resellers r JOIN products p ON p.distributor_id = r.distributor_id AND p.active = 1"
	    " LEFT JOIN listings l ON l.reseller_id = r.id AND l.product_id = p.id WHERE r.id = ?",
	[CAT_VENDOR_LIST_NAME] = VENDOR_PAGE("p.name, p.id", "p.name, p.id"),
	[CAT_VENDOR_LIST_MANUFACTURER] = VENDOR_PAGE("p.manufacturer, p.name, p.id", "p.manufacturer, p.name, p.id"),
	[CAT_VENDOR_LIST_COST] = VENDOR_PAGE("p.unit_cost, p.name, p.id", "p.unit_cost, p.name, p.id"),
	[CAT_VENDOR_LIST_PRICE_ASC] = VENDOR_PAGE(VPRICE_SQL ", p.name, p.id", PG_VPRICE_SQL ", p.name, p.id"),
	[CAT_VENDOR_LIST_PRICE_DESC] = VENDOR_PAGE(VPRICE_SQL " DESC, p.name, p.id", PG_VPRICE_SQL " DESC, p.name, p.id"),
	[CAT_VENDOR_COUNT] = "SELECT COUNT(*)" VENDOR_FROM,
};

static const struct db_table table = { DB_MOD_CATALOG, sql, CAT__MAX };

/* slug_ok - ^[a-z0-9]([a-z0-9-]*[a-z0-9])?$ and at most max characters. */
static int
slug_ok(const char *s, size_t max)
{
	size_t i, n = s ? strlen(s) : 0;

	if (n == 0 || n > max || s[0] == '-' || s[n - 1] == '-')
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return 0;
	return 1;
}

static void
why_set(char *why, const char *fmt, const char *arg)
{
	if (why != NULL)
		snprintf(why, CORE_WHY, fmt, arg ? arg : "");
}

/* invalid - CORE_INVALID with its reason. */
static enum core_err
invalid(char *why, const char *fmt, const char *arg)
{
	why_set(why, fmt, arg);
	return CORE_INVALID;
}

/*
 * scope - the distributor whose catalog the actor reads, and for a
 * reseller admin its reseller (0 otherwise).
 */
static enum core_err
scope(struct db *db, const struct actor *a, int64_t *distributor_id, int64_t *reseller_id)
{
	enum core_err er;

	*reseller_id = 0;
	*distributor_id = 0;
	if (actor_may(a, ACT_TENANT_READ) == CORE_OK) {
		er = db_query_int(db, &table, CAT_RESELLER_DISTRIBUTOR, distributor_id, "i", a->reseller_id);
		if (er == CORE_NOTFOUND)
			return CORE_FORBIDDEN;
		*reseller_id = a->reseller_id;
		return er;
	}
	if (actor_may(a, ACT_CATALOG_WRITE) == CORE_OK || actor_may(a, ACT_INSPECT) == CORE_OK) {
		if (a->distributor_id <= 0)
			return CORE_FORBIDDEN;
		*distributor_id = a->distributor_id;
		return CORE_OK;
	}
	return CORE_FORBIDDEN;
}

enum core_err
catalog_product_get(struct db *db, const struct actor *a, int64_t id, struct product *out)
{
	struct db_res *r;
	int64_t did, rid;
	enum core_err er;

	memset(out, 0, sizeof(*out));
	if ((er = scope(db, a, &did, &rid)) != CORE_OK)
		return er;
	if ((er = db_query(db, &table, CAT_PRODUCT_GET, &r, "iii", rid, id, did)) != CORE_OK)
		return er;
	er = db_res_next(r) ? product_fill(r, out, rid != 0, 1) : CORE_NOTFOUND;
	db_res_free(r);
	if (er != CORE_OK)
		product_done(out);
	return er;
}

enum core_err
catalog_product_find_sku(struct db *db, const struct actor *a, const char *sku, int64_t *id)
{
	int64_t did, rid;
	enum core_err er;

	*id = 0;
	if ((er = scope(db, a, &did, &rid)) != CORE_OK)
		return er;
	return db_query_int(db, &table, CAT_SKU_OWNER, id, "is", did, sku ? sku : "");
}

/* ---- writing products ---- */

static enum core_err
validate(const struct product_input *in, char *why)
{
	size_t i;

	if (!str_text_valid(in->name, 1, 200, STR_TEXT_NULL))
		return invalid(why, "The product name must be 1 to 200 characters.", NULL);
	if (!str_text_valid(in->sku, 1, 64, STR_TEXT_NULL))
		return invalid(why, "The SKU must be 1 to 64 characters.", NULL);
	if (!slug_ok(in->slug, 200))
		return invalid(why, "The slug must be lower-case letters, digits and inner hyphens, "
		    "at most 200 characters.", NULL);
	if (!str_text_valid(in->manufacturer, 1, 64, STR_TEXT_NULL))
		return invalid(why, "The manufacturer must be 1 to 64 characters.", NULL);
	if (in->type < 0 || in->type >= PRODUCT_TYPE__MAX)
		return invalid(why, "The product type is not one of licence, usage, software or service.", NULL);
	if (in->billing_period < 0 || in->billing_period >= PERIOD__MAX)
		return invalid(why, "The billing period is not one of monthly, annual or one-time.", NULL);
	if (in->connector < 0 || in->connector >= CONNECTOR__MAX)
		return invalid(why, "The fulfilment connector is not one of manual, keys or http.",
		    NULL);
	if (in->unit_cost < 0)
		return invalid(why, "The cost cannot be negative.", NULL);
	if (in->trial_days < 0 || in->trial_days > CATALOG_TRIAL_MAX)
		return invalid(why, "A trial must last 1 to 365 days (or none).", NULL);
	if (in->trial_days > 0 && in->billing_period == PERIOD_ONE_TIME)
		return invalid(why, "A one-time product cannot have a trial.", NULL);
	if (in->min_quantity < 0 || (in->max_quantity != 0 &&
	    in->max_quantity < (in->min_quantity ? in->min_quantity : 1)))
		return invalid(why, "The maximum quantity must be at least the minimum quantity.", NULL);
	if (in->unit_label && *in->unit_label && !str_text_valid(in->unit_label, 1, 32, STR_TEXT_NULL))
		return invalid(why, "The unit label must be at most 32 characters.", NULL);
	if (in->short_description && !str_text_valid(in->short_description, 0, 300, STR_TEXT_NULL))
		return invalid(why, "The short description must be at most 300 characters.", NULL);
	if (in->description && strlen(in->description) > 65535)
		return invalid(why, "The description is too long.", NULL);
	if (in->image_url && !str_text_valid(in->image_url, 0, 500, STR_TEXT_NULL))
		return invalid(why, "The image URL must be at most 500 characters.", NULL);
	if (in->active != 0 && in->active != 1)
		return invalid(why, "Active must be yes or no.", NULL);
	if (in->featured != 0 && in->featured != 1)
		return invalid(why, "Featured must be yes or no.", NULL);
	if (in->recommended_markup_bp < 0 || in->recommended_markup_bp > PRODUCT_MARKUP_MAX)
		return invalid(why, "The recommended markup must be 0 to 1000%%.", NULL);
	if (in->image_media_id < 0)
		return invalid(why, "The image is not a media id.", NULL);
	if (in->nspecs > PRODUCT_SPECS_MAX || (in->nspecs > 0 && in->specs == NULL))
		return invalid(why, "A specification table has at most 30 rows.", NULL);
	for (i = 0; i < in->nspecs; i++) {
		if (!str_text_valid(in->specs[i].key, 1, PRODUCT_SPEC_KEY, 0))
			return invalid(why, "A specification name must be 1 to 80 characters (row %s).",
			    in->specs[i].key ? in->specs[i].key : "");
		if (!str_text_valid(in->specs[i].value, 1, PRODUCT_SPEC_VALUE, 0))
			return invalid(why, "The specification '%.80s' needs a value of 1 to 300 characters.",
			    in->specs[i].key);
	}
	if (in->ncategories > 0 && in->category_slugs == NULL)
		return invalid(why, "The category list is missing.", NULL);
	for (i = 0; i < in->ncategories; i++)
		if (!slug_ok(in->category_slugs[i], 100))
			return invalid(why, "There is no category '%.100s'.", in->category_slugs[i]);
	return CORE_OK;
}

struct write_args {
	const struct actor         *a;
	const struct product_input *in;
	int64_t                     id;	/* 0 for add; the new id after it */
	char                       *why;
};

static const char *
empty_null(const char *s)
{
	return (s == NULL || *s == '\0') ? NULL : s;
}

/* owner_other - CORE_CONFLICT when statement idx finds a product other than self with value v. */
static enum core_err
owner_other(struct db *db, int idx, int64_t did, const char *v, int64_t self)
{
	int64_t other = 0;
	enum core_err er = db_query_int(db, &table, idx, &other, "is", did, v);

	if (er == CORE_NOTFOUND)
		return CORE_OK;
	if (er != CORE_OK)
		return er;
	return other == self ? CORE_OK : CORE_CONFLICT;
}

static enum core_err
read_locked(struct db *db, int64_t id, int64_t did, struct product *p)
{
	struct db_res *r;
	enum core_err er;

	if ((er = db_query(db, &table, CAT_PRODUCT_LOCK, &r, "ii", id, did)) != CORE_OK)
		return er;
	er = db_res_next(r) ? product_fill(r, p, 0, 1) : CORE_NOTFOUND;
	db_res_free(r);
	return er;
}

/* specs_json - the specification rows as the JSON text products.specs holds (NULL: none); *out malloc'd. */
static enum core_err
specs_json(const struct product_input *in, char **out)
{
	json_t *a;
	size_t i;

	*out = NULL;
	if (in->nspecs == 0)
		return CORE_OK;
	if ((a = json_array()) == NULL)
		return CORE_ENOMEM;
	for (i = 0; i < in->nspecs; i++)
		if (json_array_append_new(a, json_pack("{s:s, s:s}", "key", in->specs[i].key,
		    "value", in->specs[i].value)) != 0) {
			json_decref(a);
			return CORE_ENOMEM;
		}
	*out = json_dumps(a, JSON_COMPACT);
	json_decref(a);
	return *out ? CORE_OK : CORE_ENOMEM;
}

static enum core_err
write_txn(struct db *db, void *arg)
{
	struct write_args *w = arg;
	const struct product_input *in = w->in;
	const struct actor *a = w->a;
	int64_t did = a->distributor_id;
	struct media_tenant tenant = { did, 0 };
	char *specs = NULL;
	struct product before, after;
	json_t *jb = NULL, *ja = NULL;
	struct db_res *r;
	char currency[4] = "";
	const char *label = empty_null(in->unit_label) ? in->unit_label : "licence";
	uint64_t n;
	enum core_err er;
	size_t i, j;

	memset(&before, 0, sizeof(before));
	memset(&after, 0, sizeof(after));
	if (w->id != 0) {
		if ((er = read_locked(db, w->id, did, &before)) != CORE_OK)
			goto out;
	} else {
		if ((er = db_query(db, &table, CAT_DISTRIBUTOR_CURRENCY, &r, "i", did)) != CORE_OK)
			goto out;
		if (db_res_next(r))
			str_copy(currency, sizeof(currency), db_res_str(r, 0));
		db_res_free(r);
		if (currency[0] == '\0') {
			er = CORE_FORBIDDEN;
			goto out;
		}
	}
	if ((er = owner_other(db, CAT_SLUG_OWNER, did, in->slug, w->id)) != CORE_OK) {
		if (er == CORE_CONFLICT)
			why_set(w->why, "Another product already uses the slug '%.200s'.", in->slug);
		goto out;
	}
	if ((er = owner_other(db, CAT_SKU_OWNER, did, in->sku, w->id)) != CORE_OK) {
		if (er == CORE_CONFLICT)
			why_set(w->why, "Another product already has the SKU '%.64s'.", in->sku);
		goto out;
	}
	if (in->image_media_id != 0 && (er = media_owned(db, &tenant, in->image_media_id, NULL, w->why)) != CORE_OK)
		goto out;
	if ((er = media_check_url(db, &tenant, in->image_url, w->why)) != CORE_OK)
		goto out;
	if ((er = specs_json(in, &specs)) != CORE_OK)
		goto out;
	if (w->id == 0) {
		er = db_exec(db, &table, CAT_INSERT, NULL, "issssssissiIIssssiIiis", did, in->sku, in->name, in->slug,
		    in->manufacturer, product_type_name(in->type), period_name(in->billing_period),
		    in->unit_cost, currency, label, (int64_t)(in->min_quantity ? in->min_quantity : 1),
		    (int64_t)in->max_quantity, (int64_t)in->trial_days, empty_null(in->short_description),
		    empty_null(in->description), empty_null(in->image_url), product_connector_name(in->connector),
		    (int64_t)in->active, in->image_media_id, (int64_t)in->featured, (int64_t)in->recommended_markup_bp,
		    specs);
		if (er != CORE_OK)
			goto out;
		w->id = (int64_t)db_insert_id(db);
	} else {
		er = db_exec(db, &table, CAT_UPDATE, NULL, "ssssssisiIIssssiIiisii", in->sku, in->name, in->slug,
		    in->manufacturer, product_type_name(in->type), period_name(in->billing_period),
		    in->unit_cost, label, (int64_t)(in->min_quantity ? in->min_quantity : 1),
		    (int64_t)in->max_quantity, (int64_t)in->trial_days, empty_null(in->short_description),
		    empty_null(in->description), empty_null(in->image_url), product_connector_name(in->connector),
		    (int64_t)in->active, in->image_media_id, (int64_t)in->featured, (int64_t)in->recommended_markup_bp,
		    specs, w->id, did);
		if (er != CORE_OK)
			goto out;
	}
	if ((er = db_exec(db, &table, CAT_TAGS_CLEAR, NULL, "i", w->id)) != CORE_OK)
		goto out;
	for (i = 0; i < in->ncategories; i++) {
		for (j = 0; j < i; j++)
			if (strcmp(in->category_slugs[i], in->category_slugs[j]) == 0)
				break;
		if (j < i)
			continue;	/* named twice */
		if ((er = db_exec(db, &table, CAT_TAGS_ADD, &n, "iis", w->id, did, in->category_slugs[i])) != CORE_OK)
			goto out;
		if (n == 0) {
			why_set(w->why, "There is no category '%.100s'.", in->category_slugs[i]);
			er = CORE_INVALID;
			goto out;
		}
	}
	/* a live slug is never a redirect; a renamed product keeps its old slug as one */
	if ((er = db_exec(db, &table, CAT_REDIRECT_DROP, NULL, "is", did, in->slug)) != CORE_OK)
		goto out;
	if (before.id != 0 && strcmp(before.slug, in->slug) != 0 &&
	    (er = db_exec(db, &table, CAT_REDIRECT_ADD, NULL, "isi", did, before.slug, w->id)) != CORE_OK)
		goto out;
	if (before.id != 0 &&
	    (er = db_exec(db, &table, CAT_BUMP_LISTING_STOREFRONTS, NULL, "i", w->id)) != CORE_OK)
		goto out;
	if ((er = read_locked(db, w->id, did, &after)) != CORE_OK)
		goto out;
	if ((before.id != 0 && (jb = product_audit_json(&before)) == NULL) || (ja = product_audit_json(&after)) == NULL) {
		er = CORE_ENOMEM;
		goto out;
	}
	er = audit_write(db, a, 0, before.id ? "product.update" : "product.add", "product", w->id, jb, ja);
out:
	if (er == CORE_INVALID && w->why && w->why[0] == '\0')
		why_set(w->why, "The product could not be saved: a value is out of range.", NULL);
	if (er == CORE_CONFLICT && w->why && w->why[0] == '\0')
		why_set(w->why, "Another product already uses this slug or SKU.", NULL);
	free(specs);
	json_decref(jb);
	json_decref(ja);
	product_done(&before);
	product_done(&after);
	return er;
}

static enum core_err
product_write(struct db *db, const struct actor *a, int64_t id, const struct product_input *in,
    int64_t *new_id, char *why)
{
	struct write_args w = { a, in, id, why };
	enum core_err er;

	if (why != NULL)
		why[0] = '\0';
	if ((er = actor_may(a, ACT_CATALOG_WRITE)) != CORE_OK || a->distributor_id <= 0) {
		why_set(why, "Only a distributor administrator can change the catalog.", NULL);
		return CORE_FORBIDDEN;
	}
	if ((er = validate(in, why)) != CORE_OK)
		return er;
	if ((er = db_txn(db, write_txn, &w)) != CORE_OK) {
		if (er == CORE_NOTFOUND)
			why_set(why, "There is no such product in your catalog.", NULL);
		return er;
	}
	if (new_id != NULL)
		*new_id = w.id;
	return CORE_OK;
}

enum core_err
catalog_product_add(struct db *db, const struct actor *a, const struct product_input *in, int64_t *id, char *why)
{
	return product_write(db, a, 0, in, id, why);
}

enum core_err
catalog_product_update(struct db *db, const struct actor *a, int64_t id, const struct product_input *in, char *why)
{
	if (id <= 0) {
		why_set(why, "There is no such product in your catalog.", NULL);
		return CORE_NOTFOUND;
	}
	return product_write(db, a, id, in, NULL, why);
}

/* ---- categories ---- */

#define COL(type, member) DB_COL(type, struct category, member)
static const struct db_col category_cols[] = {
	COL(INT, id),
	COL(STR, name),
	COL(STR, slug),
	COL(INT, position),
	COL(INT, products),
};
#undef COL

DB_FILL_FN(fill_category, struct category, category_cols)

static enum core_err
read_categories(struct db *db, int idx, int64_t param, struct category_list *list)
{
	struct db_rows rows;
	enum core_err er;

	memset(list, 0, sizeof(*list));
	er = db_all(db, &table, idx, sizeof(*list->items), fill_category, &rows, "i", param);
	DB_ROWS_MOVE(list, rows);
	return er;
}

enum core_err
catalog_categories(struct db *db, const struct actor *a, struct category_list *list)
{
	int64_t did, rid;
	enum core_err er;

	memset(list, 0, sizeof(*list));
	if ((er = scope(db, a, &did, &rid)) != CORE_OK)
		return er;
	return read_categories(db, CAT_CATEGORIES, did, list);
}

enum core_err
catalog_storefront_categories(struct db *db, int64_t reseller_id, struct category_list *list)
{
	return read_categories(db, CAT_SF_CATEGORIES, reseller_id, list);
}

/* ---- lists ---- */

/* fill_listed - one row of a list statement (for a reseller, without the description). */
static enum core_err
fill_listed(struct db_res *r, void *item)
{
	return product_fill(r, item, 1, 0);
}

enum core_err
catalog_storefront_list(struct db *db, int64_t reseller_id, const struct catalog_query *q,
    struct product_list *list)
{
	static const int stmt[CATALOG_SORT__MAX] = {
		[CATALOG_SORT_NAME] = CAT_SF_LIST_NAME,
		[CATALOG_SORT_PRICE_ASC] = CAT_SF_LIST_PRICE_ASC,
		[CATALOG_SORT_PRICE_DESC] = CAT_SF_LIST_PRICE_DESC,
		[CATALOG_SORT_MANUFACTURER] = CAT_SF_LIST_NAME,
		[CATALOG_SORT_COST] = CAT_SF_LIST_PRICE_ASC,	/* the visitor sees prices, not costs */
	};
	const char *cat = q && q->category && *q->category ? q->category : NULL;
	const char *man = q && q->manufacturer && *q->manufacturer ? q->manufacturer : NULL;
	struct catalog_query none = { 0 };
	struct db_rows rows;
	enum core_err er;

	memset(list, 0, sizeof(*list));
	if (q == NULL)
		q = &none;
	if (q->sort < 0 || q->sort >= CATALOG_SORT__MAX)
		return CORE_INVALID;
	er = db_list(db, &table, &(struct db_list){ CAT_SF_COUNT, stmt[q->sort], q->search,
	    q->offset < 0 ? 0 : q->offset, q->limit < 0 ? 0 : q->limit, CATALOG_LIMIT_MAX, sizeof(*list->items),
	    fill_listed }, &rows, "issCCCCss", reseller_id, cat, cat, man, man);
	DB_ROWS_MOVE(list, rows);
	if (er != CORE_OK)
		product_list_free(list);
	return er;
}

enum core_err
catalog_storefront_featured(struct db *db, int64_t reseller_id, const char *refs, int64_t n,
    struct product_list *list)
{
	struct db_rows rows;
	enum core_err er;

	memset(list, 0, sizeof(*list));
	if (n <= 0)
		return CORE_OK;
	if (n > CATALOG_LIMIT_MAX)
		n = CATALOG_LIMIT_MAX;
	if (refs != NULL)
		er = db_all(db, &table, CAT_SF_FEATURED_PICK, sizeof(*list->items), fill_listed, &rows, "issi",
		    reseller_id, refs, refs, n);
	else
		er = db_all(db, &table, CAT_SF_FEATURED_FIRST, sizeof(*list->items), fill_listed, &rows, "ii",
		    reseller_id, n);
	DB_ROWS_MOVE(list, rows);
	if (er != CORE_OK)
		product_list_free(list);
	return er;
}

enum core_err
catalog_storefront_product(struct db *db, int64_t reseller_id, const char *slug, struct product *out)
{
	struct db_res *r;
	enum core_err er;

	memset(out, 0, sizeof(*out));
	if (slug == NULL || !slug_ok(slug, 200))
		return CORE_NOTFOUND;
	if ((er = db_query(db, &table, CAT_SF_PRODUCT, &r, "is", reseller_id, slug)) != CORE_OK)
		return er;
	er = db_res_next(r) ? product_fill(r, out, 1, 1) : CORE_NOTFOUND;
	db_res_free(r);
	if (er != CORE_OK)
		product_done(out);
	return er;
}

enum core_err
catalog_product_redirect(struct db *db, int64_t reseller_id, const char *old_slug, char new_slug[201])
{
	struct db_res *r;
	enum core_err er;

	new_slug[0] = '\0';
	if (old_slug == NULL || !slug_ok(old_slug, 200))
		return CORE_NOTFOUND;
	if ((er = db_query(db, &table, CAT_SF_REDIRECT, &r, "si", old_slug, reseller_id)) != CORE_OK)
		return er;
	if (db_res_next(r))
		str_copy(new_slug, 201, db_res_str(r, 0));
	else
		er = CORE_NOTFOUND;
	db_res_free(r);
	return er;
}

/* reseller_admin - CORE_OK for a reseller admin or its staff (whose tenant is a->reseller_id): reads only. */
static enum core_err
reseller_admin(const struct actor *a)
{
	return actor_may(a, ACT_TENANT_READ);
}

enum core_err
catalog_vendor_stats(struct db *db, const struct actor *a, int64_t *available, int64_t *listed, int64_t *unlisted)
{
	struct db_res *r;
	enum core_err er;

	*available = *listed = *unlisted = 0;
	if ((er = reseller_admin(a)) != CORE_OK)
		return er;
	if ((er = db_query(db, &table, CAT_VENDOR_STATS, &r, "i", a->reseller_id)) != CORE_OK)
		return er;
	if (db_res_next(r)) {
		*available = db_res_int(r, 0);
		*listed = db_res_int(r, 1);
		*unlisted = *available - *listed;
	}
	db_res_free(r);
	return CORE_OK;
}

enum core_err
catalog_vendor_list(struct db *db, const struct actor *a, enum catalog_tab tab, const struct catalog_query *q,
    struct product_list *list)
{
	static const int stmt[CATALOG_SORT__MAX] = {
		[CATALOG_SORT_NAME] = CAT_VENDOR_LIST_NAME,
		[CATALOG_SORT_PRICE_ASC] = CAT_VENDOR_LIST_PRICE_ASC,
		[CATALOG_SORT_PRICE_DESC] = CAT_VENDOR_LIST_PRICE_DESC,
		[CATALOG_SORT_MANUFACTURER] = CAT_VENDOR_LIST_MANUFACTURER,
		[CATALOG_SORT_COST] = CAT_VENDOR_LIST_COST,
	};
	struct catalog_query none = { 0 };
	const char *cat;
	struct db_rows rows;
	enum core_err er;

	memset(list, 0, sizeof(*list));
	if ((er = reseller_admin(a)) != CORE_OK)
		return er;
	if (q == NULL)
		q = &none;
	if (q->sort < 0 || q->sort >= CATALOG_SORT__MAX || (tab != CATALOG_TAB_LISTED && tab != CATALOG_TAB_UNLISTED))
		return CORE_INVALID;
	cat = q->category && *q->category ? q->category : NULL;
	er = db_list(db, &table, &(struct db_list){ CAT_VENDOR_COUNT, stmt[q->sort], q->search,
	    q->offset < 0 ? 0 : q->offset, q->limit < 0 ? 0 : q->limit, CATALOG_LIMIT_MAX, sizeof(*list->items),
	    fill_listed }, &rows, "iissCCCCC", a->reseller_id, (int64_t)(tab == CATALOG_TAB_LISTED), cat, cat);
	DB_ROWS_MOVE(list, rows);
	if (er != CORE_OK)
		product_list_free(list);
	return er;
}
