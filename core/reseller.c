#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "audit.h"
#include "buf.h"
#include "country.h"
#include "mrr.h"
#include "operator.h"
#include "section.h"
#include "outbox.h"
#include "reseller.h"
#include "storefront.h"
#include "str.h"

enum {
	RS_GET,
	RS_COUNT,
	RS_LIST_NAME, RS_LIST_NAME_DESC,
	RS_LIST_EDITION, RS_LIST_EDITION_DESC,
	RS_LIST_CREATED, RS_LIST_CREATED_DESC,
	RS_LIST_CUSTOMERS, RS_LIST_CUSTOMERS_DESC,
	RS_LIST_MRR, RS_LIST_MRR_DESC,
	RS_EXTRAS,
	RS_LOCK,
	RS_BASE_DOMAIN,
	RS_SET_EDITION,
	RS_CHANGE_INSERT,
	RS_EXISTS,
	RS_HISTORY_COUNT,
	RS_HISTORY,
	RS_REPORT_COUNT,
	RS_REPORT,
	RS_DETAILS,
	RS_DIST_CURRENCY,
	RS_INSERT,
	RS_LOCK_RECORD,
	RS_UPDATE,
	RS_SET_STATUS,
	RS_SF_THEME,
	RS_SF_STARTER,
	RS_LIST_FEATURED,
	RS_SUSPENDED_SLUG,
	RS_SUSPENDED_HOST,
	RS__MAX
};

/* Columns 0..9 of every reseller row (fill_base). */
#define RS_COLUMNS \
	"r.id, r.distributor_id, r.name, r.email, r.edition, r.status, r.currency, r.created_at," \
	" sf.slug, sf.custom_domain"
#define RS_FROM " FROM resellers r LEFT JOIN storefronts sf ON sf.reseller_id = r.id"
/* parameters: distributor, edition x2, pattern x3 */
#define RS_WHERE \
	" WHERE r.distributor_id = ? AND (? IS NULL OR r.edition = ?)" \
	" AND (? IS NULL OR r.name LIKE ? ESCAPE '!' OR r.email LIKE ? ESCAPE '!')"
#define RS_PAGE " LIMIT ? OFFSET ?"

#define LIST(order) "SELECT " RS_COLUMNS RS_FROM RS_WHERE " ORDER BY " order RS_PAGE

/* Ranking by customers or MRR needs them for every reseller of the distributor (one ? each). */
#define JOIN_CUSTOMERS \
	" LEFT JOIN (SELECT c.reseller_id, COUNT(*) AS n FROM customers c" \
	" JOIN resellers r2 ON r2.id = c.reseller_id WHERE r2.distributor_id = ?" \
	" GROUP BY c.reseller_id) k ON k.reseller_id = r.id"
/*
 * MRR as mrr.h defines it: the recurring part kept per reseller
 * (reseller_mrr, sql/011), this month's usage charges from the rollup's
 * reseller totals
 */
#define JOIN_MRR \
	" LEFT JOIN (SELECT rm.reseller_id, rm.amount AS m FROM reseller_mrr rm" \
	" JOIN resellers r2 ON r2.id = rm.reseller_id WHERE r2.distributor_id = ?) sm ON sm.reseller_id = r.id" \
	" LEFT JOIN (SELECT m.reseller_id, SUM(m.price) AS p FROM usage_monthly_totals m" \
	" JOIN resellers r2 ON r2.id = m.reseller_id" \
	" WHERE r2.distributor_id = ? AND " MRR_SQL_ROLLUP_THIS_MONTH("m") \
	" GROUP BY m.reseller_id) um ON um.reseller_id = r.id"
#define MRR_OF_JOIN "(COALESCE(sm.m, 0) + COALESCE(um.p, 0))"
#define LIST_JOINED(join, order) "SELECT " RS_COLUMNS RS_FROM join RS_WHERE " ORDER BY " order RS_PAGE

/* The page's ids as a JSON array, one row per id with its position. */
#define IDS(alias) \
	" JSON_TABLE(?, '$[*]' COLUMNS (ord FOR ORDINALITY, id BIGINT UNSIGNED PATH '$')) AS " alias

static const char *const sql[RS__MAX] = {
	[RS_GET] = "SELECT " RS_COLUMNS RS_FROM " WHERE r.id = ? AND r.distributor_id = ?",
	[RS_COUNT] = "SELECT COUNT(*) FROM resellers r" RS_WHERE,
	[RS_LIST_NAME] = LIST("r.name, r.id"),
	[RS_LIST_NAME_DESC] = LIST("r.name DESC, r.id DESC"),
	[RS_LIST_EDITION] = LIST("r.edition, r.name, r.id"),
	[RS_LIST_EDITION_DESC] = LIST("r.edition DESC, r.name, r.id"),
	[RS_LIST_CREATED] = LIST("r.created_at, r.id"),
	[RS_LIST_CREATED_DESC] = LIST("r.created_at DESC, r.id DESC"),
	[RS_LIST_CUSTOMERS] = LIST_JOINED(JOIN_CUSTOMERS, "COALESCE(k.n, 0), r.id"),
	[RS_LIST_CUSTOMERS_DESC] = LIST_JOINED(JOIN_CUSTOMERS, "COALESCE(k.n, 0) DESC, r.id DESC"),
	[RS_LIST_MRR] = LIST_JOINED(JOIN_MRR, MRR_OF_JOIN ", r.id"),
	[RS_LIST_MRR_DESC] = LIST_JOINED(JOIN_MRR, MRR_OF_JOIN " DESC, r.id DESC"),
	/*
	 * Customers, MRR and latest edition change of the page's resellers
	 * (ids from a statement above, so already the actor's distributor):
	 * each aggregate is grouped over the ids joined to its table by the
	 * reseller_id-first index.  Parameter: the ids JSON, five times.
	 */
	[RS_EXTRAS] =
	    "SELECT p.ord, p.id, COALESCE(cc.n, 0), COALESCE(ss.m, 0) + COALESCE(uu.p, 0),"
	    " ec.changed_at, o.login"
	    " FROM" IDS("p")
	    " LEFT JOIN (SELECT j.id, COUNT(*) AS n FROM" IDS("j")
	    "   JOIN customers c ON c.reseller_id = j.id GROUP BY j.id) cc ON cc.id = p.id"
	    " LEFT JOIN (SELECT j.id, rm.amount AS m FROM" IDS("j")
	    "   JOIN reseller_mrr rm ON rm.reseller_id = j.id) ss ON ss.id = p.id"
	    " LEFT JOIN (SELECT j.id, SUM(m.price) AS p FROM" IDS("j")
	    "   JOIN usage_monthly_totals m ON m.reseller_id = j.id AND " MRR_SQL_ROLLUP_THIS_MONTH("m")
	    "   GROUP BY j.id) uu ON uu.id = p.id"
	    " LEFT JOIN (SELECT j.id, MAX(e.id) AS last FROM" IDS("j")
	    "   JOIN edition_changes e ON e.reseller_id = j.id GROUP BY j.id) le ON le.id = p.id"
	    " LEFT JOIN edition_changes ec ON ec.id = le.last"
	    " LEFT JOIN operators o ON o.id = ec.operator_id",
	[RS_LOCK] =
	    "SELECT r.name, r.email, r.edition, sf.reseller_id IS NOT NULL, sf.slug, sf.custom_domain"
	    " FROM resellers r LEFT JOIN storefronts sf ON sf.reseller_id = r.id"
	    " WHERE r.id = ? AND r.distributor_id = ? FOR UPDATE",
	[RS_BASE_DOMAIN] = "SELECT storefront_base_domain FROM distributors WHERE id = ?",
	[RS_SET_EDITION] = "UPDATE resellers SET edition = ? WHERE id = ? AND distributor_id = ?",
	[RS_CHANGE_INSERT] =
	    "INSERT INTO edition_changes (reseller_id, from_edition, to_edition, operator_id)"
	    " VALUES (?, ?, ?, ?)",
	[RS_EXISTS] = "SELECT COUNT(*) FROM resellers WHERE id = ? AND distributor_id = ?",
	[RS_HISTORY_COUNT] = "SELECT COUNT(*) FROM edition_changes WHERE reseller_id = ?",
	[RS_HISTORY] =
	    "SELECT e.id, e.reseller_id, e.from_edition, e.to_edition, e.operator_id, o.login,"
	    " e.changed_at, e.note FROM edition_changes e LEFT JOIN operators o ON o.id = e.operator_id"
	    " WHERE e.reseller_id = ? ORDER BY e.changed_at DESC, e.id DESC LIMIT 500",
	[RS_REPORT_COUNT] =
	    "SELECT COUNT(*) FROM resellers WHERE distributor_id = ? AND (? IS NULL OR edition = ?)",
	[RS_REPORT] =
	    "SELECT " RS_COLUMNS ", ec.changed_at, o.login" RS_FROM
	    " LEFT JOIN (SELECT e.reseller_id, MAX(e.id) AS last FROM edition_changes e"
	    "   JOIN resellers r2 ON r2.id = e.reseller_id WHERE r2.distributor_id = ?"
	    "   GROUP BY e.reseller_id) le ON le.reseller_id = r.id"
	    " LEFT JOIN edition_changes ec ON ec.id = le.last"
	    " LEFT JOIN operators o ON o.id = ec.operator_id"
	    " WHERE r.distributor_id = ? AND (? IS NULL OR r.edition = ?)"
	    " ORDER BY r.edition DESC, r.name, r.id LIMIT ? OFFSET ?",
	[RS_DETAILS] =
	    "SELECT phone, address, country, tax_id FROM resellers WHERE id = ? AND distributor_id = ?",
	[RS_DIST_CURRENCY] = "SELECT currency FROM distributors WHERE id = ?",
	[RS_INSERT] =
	    "INSERT INTO resellers (distributor_id, name, email, phone, address, country, tax_id, currency)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	[RS_LOCK_RECORD] =
	    "SELECT name, email, phone, address, country, tax_id, status FROM resellers"
	    " WHERE id = ? AND distributor_id = ? FOR UPDATE",
	[RS_UPDATE] =
	    "UPDATE resellers SET name = ?, email = ?, phone = ?, address = ?, country = ?, tax_id = ?"
	    " WHERE id = ? AND distributor_id = ?",
	[RS_SET_STATUS] = "UPDATE resellers SET status = ? WHERE id = ? AND distributor_id = ?",
	[RS_SF_THEME] = "SELECT theme FROM storefronts WHERE reseller_id = ?",
	/* a new storefront's starter content: sections, then contact from the reseller's record */
	[RS_SF_STARTER] =
	    "UPDATE storefronts sf JOIN resellers r ON r.id = sf.reseller_id"
	    " SET sf.sections = ?, sf.contact_email = r.email, sf.contact_phone = r.phone,"
	    " sf.contact_address = r.address WHERE sf.reseller_id = ?",
	/* the distributor's featured products at its recommended markup; existing listings kept */
	[RS_LIST_FEATURED] =
	    "INSERT INTO listings (reseller_id, product_id, listed, markup_bp, featured, listed_at)"
	    " SELECT ?, p.id, 1, p.recommended_markup_bp, 1, NOW() FROM products p"
	    " WHERE p.distributor_id = ? AND p.featured = 1 AND p.active = 1"
	    " ON DUPLICATE KEY UPDATE reseller_id = listings.reseller_id",
#define RS_SUSPENDED_SELECT \
	"SELECT sf.theme, sf.skin, sf.company_name FROM storefronts sf JOIN resellers r ON r.id = sf.reseller_id" \
	" JOIN distributors d ON d.id = r.distributor_id"
#define RS_SUSPENDED_WHERE " AND r.status = 'suspended' AND r.edition IN ('standard', 'professional')"
	[RS_SUSPENDED_SLUG] = RS_SUSPENDED_SELECT " WHERE sf.slug = ?" RS_SUSPENDED_WHERE,
	[RS_SUSPENDED_HOST] = RS_SUSPENDED_SELECT
	    " WHERE (sf.custom_domain = ? OR (sf.slug = ? AND d.storefront_base_domain = ?))" RS_SUSPENDED_WHERE
	    " LIMIT 1",
};

static const struct db_table table = { DB_MOD_RESELLER, sql, RS__MAX };

static const char *const edition_names[EDITION__MAX] = { RESELLER_EDITIONS(NAMES_NAME) };
static const char *const edition_labels[EDITION__MAX] = { RESELLER_EDITIONS(NAMES_LABEL) };
static const char *const status_names[RESELLER_STATUS__MAX] = { RESELLER_STATUSES(NAMES_NAME) };

NAMES_FN_NAME(reseller_edition_name, enum reseller_edition, edition_names, EDITION__MAX, "unknown")
NAMES_FN_NAME(reseller_edition_label, enum reseller_edition, edition_labels, EDITION__MAX, "Unknown")
NAMES_FN_PARSE(reseller_edition_parse, edition_names, EDITION__MAX)

enum reseller_edition
reseller_edition_of(const char *name)
{
	int e = reseller_edition_parse(name);

	return e < 0 ? EDITION_BASIC : (enum reseller_edition)e;
}

enum reseller_status
reseller_status_of(const char *name)
{
	return strcmp(name, reseller_status_name(RESELLER_ACTIVE)) == 0 ? RESELLER_ACTIVE : RESELLER_SUSPENDED;
}
NAMES_FN_NAME(reseller_status_name, enum reseller_status, status_names, RESELLER_STATUS__MAX, "unknown")

int
reseller_edition_may_move(enum reseller_edition e, int up)
{
	if (e < 0 || e >= EDITION__MAX)
		return 0;
	return up ? e < EDITION__MAX - 1 : e > 0;
}

/*
 * Latin letters of U+00C0..U+00FF (two-byte UTF-8 C3 80..C3 BF) spelled in
 * ASCII, so "Café Zoë" becomes "cafe-zoe"; NULL: not a letter.
 */
static const char *const latin1[64] = {
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	"d", "n", "o", "o", "o", "o", "o", NULL, "o", "u", "u", "u", "u", "y", "th", "ss",
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	"d", "n", "o", "o", "o", "o", "o", NULL, "o", "u", "u", "u", "u", "y", "th", "y",
};

struct slugger {
	char   *out;
	size_t  n, max;
	int     dash;	/* a separator is pending */
	int     full;	/* a letter did not fit */
};

static void
slug_put(struct slugger *s, char c)
{
	if (s->full)
		return;
	if (s->dash && s->n > 0) {
		if (s->n + 2 > s->max) {
			s->full = 1;
			return;
		}
		s->out[s->n++] = '-';
	}
	s->dash = 0;
	if (s->n + 1 > s->max) {
		s->full = 1;
		return;
	}
	s->out[s->n++] = c;
}

size_t
reseller_slugify(const char *name, char *out, size_t outsz)
{
	struct slugger s = { out, 0, outsz - 1, 0, 0 };
	const unsigned char *p = (const unsigned char *)(name ? name : "");
	const char *t;
	char *cut;

	if (s.max > 63)
		s.max = 63;
	while (*p && !s.full) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))
			slug_put(&s, (char)*p++);
		else if (*p >= 'A' && *p <= 'Z')
			slug_put(&s, (char)(*p++ - 'A' + 'a'));
		else if (*p == 0xC3 && p[1] >= 0x80 && p[1] <= 0xBF) {
			if ((t = latin1[p[1] - 0x80]) == NULL)
				s.dash = 1;
			for (; t && *t; t++)
				slug_put(&s, *t);
			p += 2;
		} else {
			s.dash = 1;
			p++;
			while ((*p & 0xC0) == 0x80)	/* the rest of a UTF-8 sequence */
				p++;
		}
	}
	out[s.n] = '\0';
	/* cut too long a name at a word boundary when that keeps at least half */
	if (s.full && (cut = strrchr(out, '-')) != NULL && (size_t)(cut - out) >= s.max / 2)
		*cut = '\0';
	s.n = strlen(out);
	while (s.n > 0 && out[s.n - 1] == '-')
		out[--s.n] = '\0';
	return s.n;
}

#define COL(type, member) DB_COL(type, struct reseller, member)
static const struct db_col base_cols[] = {
	COL(INT, id),
	COL(INT, distributor_id),
	COL(STR, name),
	COL(STR, email),
	DB_COL_ENUM(struct reseller, edition, reseller_edition_parse, EDITION_BASIC),
	DB_COL_SKIP,		/* status: reseller_status_of */
	COL(STR, currency),
	COL(STR, created_at),
	COL(STR, slug),
	COL(STR, custom_domain),
};
#undef COL

static void
fill_base(struct reseller *x, struct db_res *r)
{
	memset(x, 0, sizeof(*x));
	(void)db_res_fill(r, base_cols, DB_NCOLS(base_cols), x);
	x->status = reseller_status_of(db_res_str(r, 5));
}

/* extras - customers, MRR and latest edition change of items[0..n) in one statement. */
static enum core_err
extras(struct db *db, struct reseller *items, size_t n)
{
	struct db_res *r = NULL;
	enum core_err er;
	char *ids;
	size_t i, len = 0, cap = n * 21 + 3;
	int64_t ord;

	if (n == 0)
		return CORE_OK;
	if ((ids = malloc(cap)) == NULL)
		return CORE_ENOMEM;
	ids[len++] = '[';
	for (i = 0; i < n; i++)
		len += (size_t)snprintf(ids + len, cap - len, "%s%lld", i ? "," : "", (long long)items[i].id);
	ids[len++] = ']';
	ids[len] = '\0';
	er = db_query(db, &table, RS_EXTRAS, &r, "sssss", ids, ids, ids, ids, ids);
	free(ids);
	if (er != CORE_OK)
		return er;
	while (db_res_next(r)) {
		ord = db_res_int(r, 0);
		if (ord < 1 || (size_t)ord > n || db_res_int(r, 1) != items[ord - 1].id)
			continue;
		i = (size_t)ord - 1;
		items[i].customers = db_res_int(r, 2);
		items[i].mrr = db_res_int(r, 3);
		str_copy(items[i].edition_changed_at, sizeof(items[i].edition_changed_at), db_res_str(r, 4));
		str_copy(items[i].edition_changed_by, sizeof(items[i].edition_changed_by), db_res_str(r, 5));
	}
	db_res_free(r);
	return CORE_OK;
}

enum core_err
reseller_get(struct db *db, const struct actor *a, int64_t id, struct reseller *out)
{
	struct db_res *r = NULL;
	enum core_err er;

	if ((er = actor_may(a, ACT_RESELLER_READ)) != CORE_OK)
		return er;
	if ((er = db_query(db, &table, RS_GET, &r, "ii", id, a->distributor_id)) != CORE_OK)
		return er;
	if (!db_res_next(r)) {
		db_res_free(r);
		return CORE_NOTFOUND;
	}
	fill_base(out, r);
	db_res_free(r);
	return extras(db, out, 1);
}

/* read_page - the rows of a list statement into out->items (base columns, plus change columns when report). */
static enum core_err
read_page(struct db_res *r, struct reseller_list *out, int report)
{
	size_t n = 0;

	if (db_res_rows(r) > 0 && (out->items = calloc(db_res_rows(r), sizeof(*out->items))) == NULL) {
		db_res_free(r);
		return CORE_ENOMEM;
	}
	while (db_res_next(r) && n < db_res_rows(r)) {
		fill_base(&out->items[n], r);
		if (report) {
			str_copy(out->items[n].edition_changed_at, sizeof(out->items[n].edition_changed_at),
			    db_res_str(r, 10));
			str_copy(out->items[n].edition_changed_by, sizeof(out->items[n].edition_changed_by),
			    db_res_str(r, 11));
		}
		n++;
	}
	out->n = n;
	db_res_free(r);
	return CORE_OK;
}

enum core_err
reseller_list(struct db *db, const struct actor *a, const struct reseller_query *qin,
    struct reseller_list *out)
{
	static const struct reseller_query defaults = { NULL, -1, RESELLER_SORT_NAME, 0, 50, 0, 0 };
	const struct reseller_query *q = qin ? qin : &defaults;
	const char *ed;
	char *pat = NULL;
	struct db_res *r = NULL;
	enum core_err er;
	int64_t limit, offset, d;
	int idx;

	memset(out, 0, sizeof(*out));
	if ((er = actor_may(a, ACT_RESELLER_READ)) != CORE_OK)
		return er;
	if (q->sort < 0 || q->sort >= RESELLER_SORT__MAX || q->edition < -1 || q->edition >= EDITION__MAX ||
	    (q->search != NULL && strlen(q->search) > RESELLER_SEARCH_MAX))
		return CORE_INVALID;
	limit = (q->limit < 1 || q->limit > RESELLER_LIST_MAX) ? 50 : q->limit;
	offset = q->offset < 0 ? 0 : q->offset;
	ed = q->edition < 0 ? NULL : edition_names[q->edition];
	if ((pat = str_like_contains(q->search, &er)) == NULL && er != CORE_OK)
		return er;
	d = a->distributor_id;

	if ((er = db_query_int(db, &table, RS_COUNT, &out->total, "isssss", d, ed, ed, pat, pat, pat)) != CORE_OK)
		goto out;
	idx = RS_LIST_NAME + 2 * (int)q->sort + (q->desc ? 1 : 0);
	switch (q->sort) {
	case RESELLER_SORT_CUSTOMERS:
		er = db_query(db, &table, idx, &r, "iisssssii", d, d, ed, ed, pat, pat, pat, limit, offset);
		break;
	case RESELLER_SORT_MRR:
		er = db_query(db, &table, idx, &r, "iiisssssii", d, d, d, ed, ed, pat, pat, pat, limit, offset);
		break;
	default:
		er = db_query(db, &table, idx, &r, "isssssii", d, ed, ed, pat, pat, pat, limit, offset);
		break;
	}
	if (er == CORE_OK && (er = read_page(r, out, 0)) == CORE_OK && !q->defer_figures)
		er = reseller_list_figures(db, a, out);
out:
	free(pat);
	return er;
}

enum core_err
reseller_list_figures(struct db *db, const struct actor *a, struct reseller_list *l)
{
	enum core_err er;

	if ((er = actor_may(a, ACT_RESELLER_READ)) != CORE_OK)
		return er;
	if ((er = extras(db, l->items, l->n)) != CORE_OK)
		return er;
	l->figures = 1;
	return CORE_OK;
}

DB_LIST_FREE_FN(reseller_list_free, reseller_list)

enum core_err
reseller_report(struct db *db, const struct actor *a, int edition, int limit, int offset,
    struct reseller_list *out)
{
	struct db_res *r = NULL;
	const char *ed;
	enum core_err er;

	memset(out, 0, sizeof(*out));
	if ((er = actor_may(a, ACT_RESELLER_READ)) != CORE_OK)
		return er;
	if (edition < -1 || edition >= EDITION__MAX)
		return CORE_INVALID;
	if (limit < 1 || limit > RESELLER_LIST_MAX)
		limit = RESELLER_LIST_MAX;
	if (offset < 0)
		offset = 0;
	ed = edition < 0 ? NULL : edition_names[edition];
	if ((er = db_query_int(db, &table, RS_REPORT_COUNT, &out->total, "iss", a->distributor_id, ed, ed)) != CORE_OK)
		return er;
	if ((er = db_query(db, &table, RS_REPORT, &r, "iissii", a->distributor_id, a->distributor_id,
	    ed, ed, (int64_t)limit, (int64_t)offset)) != CORE_OK)
		return er;
	return read_page(r, out, 1);
}

/* ---- edition changes ---- */

struct edition_args {
	const struct actor   *a;
	int64_t               reseller_id;
	enum reseller_edition to;
	const char           *slug;
	const char           *public_url;
	const struct reseller_setup *setup;	/* NULL: none */
	char                 *why;
};

static enum core_err starter(struct db *db, struct edition_args *x, const char *name, int64_t *listed);

static enum core_err
edition_txn(struct db *db, void *arg)
{
	struct edition_args *x = arg;
	const struct actor *a = x->a;
	char name[RESELLER_TEXT_SZ(200)], email[RESELLER_TEXT_SZ(254)];
	char slug[STOREFRONT_SLUG_SZ] = "", domain[STOREFRONT_DOMAIN_MAX + 1] = "";
	char base[STOREFRONT_DOMAIN_MAX + 1] = "", url[1024] = "", subject[200];
	json_t *before = NULL, *after = NULL, *data = NULL;
	struct db_res *r = NULL;
	enum reseller_edition from;
	enum core_err er;
	int has_sf, had_sf, upgrade, created = 0;
	int64_t listed = 0;
	const char *admin = x->setup && x->setup->admin_login && x->setup->admin_login[0] ?
	    x->setup->admin_login : NULL;

	if ((er = db_query(db, &table, RS_LOCK, &r, "ii", x->reseller_id, a->distributor_id)) != CORE_OK)
		return er;
	if (!db_res_next(r)) {
		db_res_free(r);
		core_say(x->why, "There is no such reseller.");
		return CORE_NOTFOUND;
	}
	str_copy(name, sizeof(name), db_res_str(r, 0));
	str_copy(email, sizeof(email), db_res_str(r, 1));
	from = reseller_edition_of(db_res_str(r, 2));
	has_sf = had_sf = db_res_int(r, 3) != 0;
	str_copy(slug, sizeof(slug), db_res_str(r, 4));
	str_copy(domain, sizeof(domain), db_res_str(r, 5));
	db_res_free(r);

	if (from == x->to) {
		core_say(x->why, "The reseller is already on the %s edition.", edition_labels[x->to]);
		return CORE_CONFLICT;
	}
	upgrade = x->to > from;
	if (x->to != EDITION_BASIC && has_sf && x->slug != NULL && x->slug[0] != '\0' &&
	    strcmp(x->slug, slug) != 0) {
		core_say(x->why, "The reseller already has a storefront at \"%s\"; its address is changed in "
		    "the storefront settings.", slug);
		return CORE_CONFLICT;
	}
	if ((er = db_exec(db, &table, RS_SET_EDITION, NULL, "sii", edition_names[x->to], x->reseller_id,
	    a->distributor_id)) != CORE_OK)
		return er;
	if ((er = db_exec(db, &table, RS_CHANGE_INSERT, NULL, "issI", x->reseller_id, edition_names[from],
	    edition_names[x->to], a->kind == ACTOR_OPERATOR ? a->id : (int64_t)0)) != CORE_OK)
		return er;
	if (x->to != EDITION_BASIC && !has_sf) {
		if ((er = storefront_create(db, a, x->reseller_id, x->slug, slug, x->why)) != CORE_OK)
			return er;
		has_sf = 1;
		created = 1;
		if ((er = starter(db, x, name, &listed)) != CORE_OK)
			return er;
	} else if (has_sf && (er = storefront_touch(db, x->reseller_id)) != CORE_OK)
		return er;

	if (admin != NULL) {
		struct operator_new on = { admin, x->setup->admin_name, x->setup->admin_email,
			ROLE_RESELLER_ADMIN, x->reseller_id };

		if (x->to == EDITION_BASIC) {
			core_say(x->why, "An admin is created with an upgrade: the Basic edition has no admin environment.");
			return CORE_INVALID;
		}
		if ((er = operator_insert(db, a, &on, NULL, x->why)) != CORE_OK)
			return er;
	}
	if (x->to != EDITION_BASIC) {
		if ((er = db_query(db, &table, RS_BASE_DOMAIN, &r, "i", a->distributor_id)) != CORE_OK)
			return er;
		if (db_res_next(r))
			str_copy(base, sizeof(base), db_res_str(r, 0));
		db_res_free(r);
		storefront_url(x->public_url, base, slug, domain, url, sizeof(url));
	}
	if (upgrade)
		snprintf(subject, sizeof(subject), "Your account is now on the %s edition", edition_labels[x->to]);
	else
		snprintf(subject, sizeof(subject), "Your account has moved to the %s edition", edition_labels[x->to]);
	data = json_pack("{s:s, s:s, s:s, s:s, s:b, s:o, s:o, s:o, s:b}", "reseller_name", name,
	    "edition", edition_names[x->to], "edition_label", edition_labels[x->to],
	    "previous_edition", edition_names[from], "upgrade", upgrade,
	    "storefront_url", url[0] ? json_string(url) : json_null(),
	    "admin_login", admin ? json_string(admin) : json_null(),
	    "listed", listed > 0 ? json_integer(listed) : json_null(),
	    "starter", created);
	before = json_pack("{s:s, s:o}", "edition", edition_names[from],
	    "slug", had_sf ? json_string(slug) : json_null());
	after = json_pack("{s:s, s:o, s:o, s:o, s:I}", "edition", edition_names[x->to],
	    "slug", slug[0] ? json_string(slug) : json_null(),
	    "storefront_url", url[0] ? json_string(url) : json_null(),
	    "admin_login", admin ? json_string(admin) : json_null(), "starter_listings", (json_int_t)listed);
	if (data == NULL || before == NULL || after == NULL)
		er = CORE_ENOMEM;
	else if ((er = outbox_email(db, x->reseller_id, email, subject, "reseller_edition_changed", data)) == CORE_OK)
		er = audit_write(db, a, x->reseller_id, "reseller.edition", "reseller", x->reseller_id,
		    before, after);
	json_decref(data);
	json_decref(before);
	json_decref(after);
	return er;
}

enum core_err
reseller_set_edition(struct db *db, const struct actor *a, int64_t reseller_id,
    enum reseller_edition edition, const char *slug, const char *public_url, char *why)
{
	return reseller_upgrade(db, a, reseller_id, edition, slug, public_url, NULL, why);
}

enum core_err
reseller_upgrade(struct db *db, const struct actor *a, int64_t reseller_id,
    enum reseller_edition edition, const char *slug, const char *public_url,
    const struct reseller_setup *setup, char *why)
{
	struct edition_args x = { a, reseller_id, edition, slug, public_url, setup, why };
	enum core_err er;

	if ((er = actor_may(a, ACT_RESELLER_EDITION)) != CORE_OK) {
		core_say(why, "Only a distributor administrator can change a reseller's edition.");
		return er;
	}
	if (edition < 0 || edition >= EDITION__MAX) {
		core_say(why, "There is no such edition.");
		return CORE_INVALID;
	}
	if (slug != NULL && slug[0] != '\0' && !storefront_slug_valid(slug)) {
		core_say(why, "The storefront address must be 1 to 63 lower-case letters, digits or hyphens, "
		    "not start or end with a hyphen, and not be a reserved word.");
		return CORE_INVALID;
	}
	return db_txn(db, edition_txn, &x);
}

#define COL(type, member) DB_COL(type, struct edition_change, member)
static const struct db_col change_cols[] = {
	COL(INT, id),
	COL(INT, reseller_id),
	DB_COL_ENUM(struct edition_change, from, reseller_edition_parse, EDITION_BASIC),
	DB_COL_ENUM(struct edition_change, to, reseller_edition_parse, EDITION_BASIC),
	COL(INT, operator_id),
	COL(STR, operator_login),
	COL(STR, changed_at),
	COL(STR, note),
};
#undef COL

DB_FILL_FN(fill_change, struct edition_change, change_cols)

enum core_err
reseller_edition_history(struct db *db, const struct actor *a, int64_t reseller_id,
    struct edition_change_list *out)
{
	struct db_rows rows;
	enum core_err er;
	int64_t n = 0;

	memset(out, 0, sizeof(*out));
	if ((er = actor_may(a, ACT_RESELLER_READ)) != CORE_OK)
		return er;
	if ((er = db_query_int(db, &table, RS_EXISTS, &n, "ii", reseller_id, a->distributor_id)) != CORE_OK)
		return er;
	if (n == 0)
		return CORE_NOTFOUND;
	if ((er = db_query_int(db, &table, RS_HISTORY_COUNT, &out->total, "i", reseller_id)) != CORE_OK)
		return er;
	er = db_all(db, &table, RS_HISTORY, sizeof(*out->items), fill_change, &rows, "i", reseller_id);
	out->items = rows.items;
	out->n = rows.n;
	return er;
}

DB_LIST_FREE_FN(reseller_edition_history_free, edition_change_list)

json_t *
reseller_to_json(const struct reseller *x)
{
	return json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:I, s:s, s:s}",
	    "id", (json_int_t)x->id, "distributor_id", (json_int_t)x->distributor_id,
	    "name", x->name, "email", x->email,
	    "edition", reseller_edition_name(x->edition), "status", reseller_status_name(x->status),
	    "currency", x->currency, "created_at", x->created_at, "slug", x->slug,
	    "custom_domain", x->custom_domain, "customers", (json_int_t)x->customers,
	    "mrr", (json_int_t)x->mrr, "edition_changed_at", x->edition_changed_at,
	    "edition_changed_by", x->edition_changed_by);
}

/* ---- starting a new storefront ---- */

/* fill_name - s with every "{name}" replaced by name, as a new JSON string; NULL on ENOMEM. */
static json_t *
fill_name(const char *s, const char *name)
{
	struct buf b = { 0 };
	enum core_err er = CORE_OK;
	const char *p;
	json_t *out;

	while (er == CORE_OK && (p = strstr(s, "{name}")) != NULL) {
		if ((er = buf_append(&b, s, (size_t)(p - s))) == CORE_OK)
			er = buf_puts(&b, name);
		s = p + 6;
	}
	if (er == CORE_OK)
		er = buf_puts(&b, s);
	out = er != CORE_OK ? NULL : json_string(buf_cstr(&b));
	buf_free(&b);
	return out;
}

/* fill_names - every string of v (objects and arrays walked) with "{name}" filled in; -1 on ENOMEM. */
static int
fill_names(json_t *v, const char *name)
{
	const char *k;
	json_t *x, *n;
	size_t i;

	if (json_is_object(v)) {
		json_object_foreach(v, k, x) {
			if (json_is_string(x)) {
				if ((n = fill_name(json_string_value(x), name)) == NULL ||
				    json_object_set_new(v, k, n) != 0)
					return -1;
			} else if (fill_names(x, name) != 0)
				return -1;
		}
	} else if (json_is_array(v)) {
		json_array_foreach(v, i, x) {
			if (json_is_string(x)) {
				if ((n = fill_name(json_string_value(x), name)) == NULL ||
				    json_array_set_new(v, i, n) != 0)
					return -1;
			} else if (fill_names(x, name) != 0)
				return -1;
		}
	}
	return 0;
}

/*
 * starter_sections - the homepage of theme (themes_dir/theme/theme.json
 * "starter_sections") filled with name, as compact JSON text (malloc'd)
 * into *out; "[]" when the theme has none or themes_dir is NULL.
 */
static enum core_err
starter_sections(const char *themes_dir, const char *theme, const char *name, char **out, char *why)
{
	char path[1024], msg[CORE_WHY];
	json_t *root, *secs, *sec;
	json_error_t jerr;
	size_t i;

	*out = NULL;
	if (themes_dir == NULL || themes_dir[0] == '\0' ||
	    snprintf(path, sizeof(path), "%s/%s/theme.json", themes_dir, theme) >= (int)sizeof(path)) {
		*out = strdup("[]");
		return *out ? CORE_OK : CORE_ENOMEM;
	}
	if ((root = json_load_file(path, 0, &jerr)) == NULL) {
		core_say(why, "The theme \"%s\" cannot be read (%s), so the storefront cannot start from it.",
		    theme, jerr.text);
		return CORE_CONFIG;
	}
	secs = json_object_get(root, "starter_sections");
	if (secs == NULL) {
		json_decref(root);
		*out = strdup("[]");
		return *out ? CORE_OK : CORE_ENOMEM;
	}
	if (!json_is_array(secs) || json_array_size(secs) > STOREFRONT_SECTIONS_N ||
	    fill_names(secs, name) != 0) {
		json_decref(root);
		core_say(why, "The theme \"%s\" has starter sections that are not a list of sections.", theme);
		return CORE_INVALID;
	}
	json_array_foreach(secs, i, sec) {
		if (section_check(sec, i + 1, msg) != CORE_OK) {
			json_decref(root);
			core_say(why, "The theme \"%s\" has a starter section that is not valid: %s", theme, msg);
			return CORE_INVALID;
		}
	}
	*out = json_dumps(secs, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(root);
	if (*out != NULL && strlen(*out) > STOREFRONT_SECTIONS_MAX) {
		free(*out);
		*out = NULL;
		core_say(why, "The theme \"%s\" has starter sections that are too long.", theme);
		return CORE_INVALID;
	}
	return *out ? CORE_OK : CORE_ENOMEM;
}

/*
 * starter - the starter content of x's storefront, just created in this
 * transaction: sections, contact details, featured listings (*listed
 * gets how many were made).
 */
static enum core_err
starter(struct db *db, struct edition_args *x, const char *name, int64_t *listed)
{
	struct db_res *r = NULL;
	char theme[33] = "classic", *sections = NULL;
	uint64_t n = 0;
	enum core_err er;

	if ((er = db_query(db, &table, RS_SF_THEME, &r, "i", x->reseller_id)) != CORE_OK)
		return er;
	if (db_res_next(r))
		str_copy(theme, sizeof(theme), db_res_str(r, 0));
	db_res_free(r);
	if ((er = starter_sections(x->setup ? x->setup->themes_dir : NULL, theme, name, &sections, x->why)) != CORE_OK)
		return er;
	er = db_exec(db, &table, RS_SF_STARTER, NULL, "si", sections, x->reseller_id);
	free(sections);
	if (er != CORE_OK)
		return er;
	if ((er = db_exec(db, &table, RS_LIST_FEATURED, &n, "ii", x->reseller_id, x->a->distributor_id)) != CORE_OK)
		return er;
	*listed = (int64_t)n;	/* new rows only: an existing listing counts 0 (kept) */
	return CORE_OK;
}

/* ---- the reseller's record ---- */

enum core_err
reseller_details(struct db *db, const struct actor *a, int64_t id, struct reseller_details *out)
{
	struct db_res *r = NULL;
	enum core_err er;

	memset(out, 0, sizeof(*out));
	if ((er = actor_may(a, ACT_RESELLER_READ)) != CORE_OK)
		return er;
	if ((er = db_query(db, &table, RS_DETAILS, &r, "ii", id, a->distributor_id)) != CORE_OK)
		return er;
	if (!db_res_next(r)) {
		db_res_free(r);
		return CORE_NOTFOUND;
	}
	str_copy(out->phone, sizeof(out->phone), db_res_str(r, 0));
	str_copy(out->address, sizeof(out->address), db_res_str(r, 1));
	str_copy(out->country, sizeof(out->country), db_res_str(r, 2));
	str_copy(out->tax_id, sizeof(out->tax_id), db_res_str(r, 3));
	db_res_free(r);
	return CORE_OK;
}

static int
empty(const char *s)
{
	return s == NULL || s[0] == '\0';
}

static const char *
or_null(const char *s)
{
	return empty(s) ? NULL : s;
}

/* fields_check - f as reseller_add and reseller_edit take it (currency: add only); CORE_INVALID with why. */
static enum core_err
fields_check(const struct reseller_fields *f, int add, char *why)
{
	size_t i;

	if (f == NULL || !str_text_valid(f->name, 1, 200, 0)) {
		core_say(why, "The name must be 1 to 200 characters.");
		return CORE_INVALID;
	}
	if (f->email == NULL || strlen(f->email) > 254 || !str_email_valid(f->email)) {
		core_say(why, "The e-mail address is not valid.");
		return CORE_INVALID;
	}
	if (!empty(f->phone) && (strlen(f->phone) > 40 || strspn(f->phone, "0123456789 +()-./") != strlen(f->phone))) {
		core_say(why, "The phone number may hold up to 40 digits, spaces and + ( ) - . /");
		return CORE_INVALID;
	}
	if (!empty(f->address) && !str_text_valid(f->address, 0, 500, STR_TEXT_LINES)) {
		core_say(why, "The address must be at most 500 characters.");
		return CORE_INVALID;
	}
	if (!empty(f->country) && !country_valid(f->country)) {
		core_say(why, "The country must be an ISO 3166 two-letter code such as NL or DE.");
		return CORE_INVALID;
	}
	if (!empty(f->tax_id) && !str_text_valid(f->tax_id, 1, 32, 0)) {
		core_say(why, "The tax id must be at most 32 characters.");
		return CORE_INVALID;
	}
	if (!add && !empty(f->currency)) {
		core_say(why, "A reseller's currency cannot change.");
		return CORE_INVALID;
	}
	if (add && !empty(f->currency)) {
		for (i = 0; i < 3 && f->currency[i] >= 'A' && f->currency[i] <= 'Z'; i++)
			;
		if (i != 3 || f->currency[3] != '\0') {
			core_say(why, "The currency must be an ISO 4217 code such as EUR.");
			return CORE_INVALID;
		}
	}
	return CORE_OK;
}

static enum core_err
manager(const struct actor *a, char *why)
{
	if (actor_may(a, ACT_RESELLER_MANAGE) != CORE_OK || a->distributor_id <= 0) {
		core_say(why, "Only a distributor admin can add, edit, suspend or resume resellers.");
		return CORE_FORBIDDEN;
	}
	return CORE_OK;
}

struct record_args {
	const struct actor           *a;
	int64_t                       id;
	const struct reseller_fields *f;
	enum reseller_status          status;
	const char                   *reason;
	int64_t                      *id_out;
	char                         *why;
};

static enum core_err
add_txn(struct db *db, void *arg)
{
	struct record_args *x = arg;
	const struct reseller_fields *f = x->f;
	char currency[4] = "";
	struct db_res *r = NULL;
	enum core_err er;
	int64_t id;

	if (!empty(f->currency))
		str_copy(currency, sizeof(currency), f->currency);
	else {
		if ((er = db_query(db, &table, RS_DIST_CURRENCY, &r, "i", x->a->distributor_id)) != CORE_OK)
			return er;
		if (db_res_next(r))
			str_copy(currency, sizeof(currency), db_res_str(r, 0));
		db_res_free(r);
	}
	if ((er = db_exec(db, &table, RS_INSERT, NULL, "isssssss", x->a->distributor_id, f->name, f->email,
	    or_null(f->phone), or_null(f->address), or_null(f->country), or_null(f->tax_id), currency)) != CORE_OK)
		return er;
	id = (int64_t)db_insert_id(db);
	if (x->id_out != NULL)
		*x->id_out = id;
	return audit_added(db, x->a, id, "reseller.add", "reseller", id, json_pack("{s:s, s:s, s:o, s:o, s:o, s:o, s:s, s:s, s:s}", "name", f->name, "email", f->email,
	    "phone", empty(f->phone) ? json_null() : json_string(f->phone),
	    "address", empty(f->address) ? json_null() : json_string(f->address),
	    "country", empty(f->country) ? json_null() : json_string(f->country),
	    "tax_id", empty(f->tax_id) ? json_null() : json_string(f->tax_id),
	    "currency", currency, "edition", edition_names[EDITION_BASIC],
	    "status", status_names[RESELLER_ACTIVE]));
}

enum core_err
reseller_add(struct db *db, const struct actor *a, const struct reseller_fields *f, int64_t *id_out, char *why)
{
	struct record_args x = { a, 0, f, RESELLER_ACTIVE, NULL, id_out, why };
	enum core_err er;

	if ((er = manager(a, why)) != CORE_OK || (er = fields_check(f, 1, why)) != CORE_OK)
		return er;
	return db_txn(db, add_txn, &x);
}

/* record_json - a new object of row r of RS_LOCK_RECORD (columns 0..5); NULL on ENOMEM. */
static json_t *
record_json(struct db_res *r)
{
	json_t *o = json_object();
	static const char *const keys[] = { "name", "email", "phone", "address", "country", "tax_id" };
	size_t i;

	for (i = 0; o != NULL && i < sizeof(keys) / sizeof(keys[0]); i++)
		json_object_set_new(o, keys[i], db_res_isnull(r, (int)i) ? json_null() :
		    json_string(db_res_str(r, (int)i)));
	return o;
}

/* lock_record - the reseller x->id of the actor's distributor, locked, its row current in *r (the caller frees). */
static enum core_err
lock_record(struct db *db, const struct record_args *x, struct db_res **r)
{
	enum core_err er;

	if ((er = db_query(db, &table, RS_LOCK_RECORD, r, "ii", x->id, x->a->distributor_id)) != CORE_OK)
		return er;
	if (!db_res_next(*r)) {
		db_res_free(*r);
		*r = NULL;
		core_say(x->why, "There is no such reseller.");
		return CORE_NOTFOUND;
	}
	return CORE_OK;
}

static enum core_err
edit_txn(struct db *db, void *arg)
{
	struct record_args *x = arg;
	const struct reseller_fields *f = x->f;
	struct db_res *r = NULL;
	json_t *before;
	enum core_err er;

	if ((er = lock_record(db, x, &r)) != CORE_OK)
		return er;
	before = record_json(r);
	db_res_free(r);
	if ((er = db_exec(db, &table, RS_UPDATE, NULL, "ssssssii", f->name, f->email, or_null(f->phone),
	    or_null(f->address), or_null(f->country), or_null(f->tax_id), x->id, x->a->distributor_id)) != CORE_OK) {
		json_decref(before);
		return er;
	}
	return audit_change(db, x->a, x->id, "reseller.edit", "reseller", x->id, before,
	    json_pack("{s:s, s:s, s:o, s:o, s:o, s:o}", "name", f->name, "email", f->email,
	    "phone", empty(f->phone) ? json_null() : json_string(f->phone),
	    "address", empty(f->address) ? json_null() : json_string(f->address),
	    "country", empty(f->country) ? json_null() : json_string(f->country),
	    "tax_id", empty(f->tax_id) ? json_null() : json_string(f->tax_id)));
}

enum core_err
reseller_edit(struct db *db, const struct actor *a, int64_t id, const struct reseller_fields *f, char *why)
{
	struct record_args x = { a, id, f, RESELLER_ACTIVE, NULL, NULL, why };
	enum core_err er;

	if ((er = manager(a, why)) != CORE_OK || (er = fields_check(f, 0, why)) != CORE_OK)
		return er;
	return db_txn(db, edit_txn, &x);
}

static enum core_err
status_txn(struct db *db, void *arg)
{
	struct record_args *x = arg;
	struct db_res *r = NULL;
	char name[RESELLER_TEXT_SZ(200)];
	enum reseller_status from;
	enum core_err er;

	if ((er = lock_record(db, x, &r)) != CORE_OK)
		return er;
	str_copy(name, sizeof(name), db_res_str(r, 0));
	from = reseller_status_of(db_res_str(r, 6));
	db_res_free(r);
	if (from == x->status) {
		core_say(x->why, "%s is already %s.", name, status_names[x->status]);
		return CORE_CONFLICT;
	}
	if ((er = db_exec(db, &table, RS_SET_STATUS, NULL, "sii", status_names[x->status], x->id,
	    x->a->distributor_id)) != CORE_OK)
		return er;
	/* every worker's storefront and page caches key on the version: the shop goes (or comes back) at once */
	if ((er = storefront_touch(db, x->id)) != CORE_OK)
		return er;
	return audit_change(db, x->a, x->id, x->status == RESELLER_SUSPENDED ? "reseller.suspend" : "reseller.resume",
	    "reseller", x->id, json_pack("{s:s}", "status", status_names[from]),
	    json_pack("{s:s, s:o}", "status", status_names[x->status],
	    "reason", empty(x->reason) ? json_null() : json_string(x->reason)));
}

enum core_err
reseller_set_status(struct db *db, const struct actor *a, int64_t id, enum reseller_status status,
    const char *reason, char *why)
{
	struct record_args x = { a, id, NULL, status, reason, NULL, why };
	enum core_err er;

	if ((er = manager(a, why)) != CORE_OK)
		return er;
	if (status < 0 || status >= RESELLER_STATUS__MAX) {
		core_say(why, "There is no such status.");
		return CORE_INVALID;
	}
	if (!empty(reason) && !str_text_valid(reason, 1, 500, 0)) {
		core_say(why, "The reason must be at most 500 characters.");
		return CORE_INVALID;
	}
	return db_txn(db, status_txn, &x);
}

enum core_err
reseller_suspended_storefront(struct db *db, const char *key, int by_host, char *theme, char *skin, char *company)
{
	char h[STOREFRONT_DOMAIN_MAX + 2], label[STOREFRONT_SLUG_SZ] = "";
	struct db_res *r = NULL;
	const char *dot;
	enum core_err er;
	size_t i, n;

	if (key == NULL)
		return CORE_NOTFOUND;
	if (!by_host) {
		if (!storefront_slug_valid(key))
			return CORE_NOTFOUND;
		er = db_query(db, &table, RS_SUSPENDED_SLUG, &r, "s", key);
	} else {
		/* the host as storefront_by_domain reads it: any case, no port, no trailing dot */
		if ((n = strcspn(key, ":")) == 0 || n > STOREFRONT_DOMAIN_MAX + 1)
			return CORE_NOTFOUND;
		for (i = 0; i < n; i++)
			h[i] = (char)(key[i] >= 'A' && key[i] <= 'Z' ? key[i] - 'A' + 'a' : key[i]);
		h[n] = '\0';
		if (h[n - 1] == '.')
			h[--n] = '\0';
		if (!storefront_domain_valid(h) || (dot = strchr(h, '.')) == NULL)
			return CORE_NOTFOUND;
		if ((size_t)(dot - h) <= STOREFRONT_SLUG_MAX)
			snprintf(label, sizeof(label), "%.*s", (int)(dot - h), h);
		er = db_query(db, &table, RS_SUSPENDED_HOST, &r, "sss", h, label, dot + 1);
	}
	if (er != CORE_OK)
		return er;
	if (!db_res_next(r)) {
		db_res_free(r);
		return CORE_NOTFOUND;
	}
	str_copy(theme, 33, db_res_str(r, 0));
	str_copy(skin, 33, db_res_str(r, 1));
	str_copy(company, RESELLER_TEXT_SZ(200), db_res_str(r, 2));
	db_res_free(r);
	return CORE_OK;
}
