/*
 * usage_import.c - Partner Center daily rated usage files into
 * usage_records and the monthly rollup.  See usage_import.h.
 *
 * The subscriptions that can match are read once, up front, into a hash
 * map keyed by their vendor reference; each good row is then checked
 * and rated in C and joins a batch, sent as one JSON array to one
 * prepared INSERT ... SELECT FROM JSON_TABLE (any batch size, one
 * statement), whose unique key skips the rows already present.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <jansson.h>
#include "audit.h"
#include "csv.h"
#include "digest.h"
#include "money.h"
#include "mrr.h"
#include "str.h"
#include "usage_import.h"

/*
 * The rollup's rows from usage rows u of subscriptions s (price: mrr.h's
 * charge, per row).  The usage rows lead (STRAIGHT_JOIN, through index),
 * each finding its subscription by primary key: left to itself the
 * optimizer walks the subscriptions and every usage row of their reseller.
 */
#define ROLLUP_INSERT(index) \
	"INSERT INTO usage_monthly (reseller_id, customer_id, subscription_id, month, service, meter, unit," \
	" quantity, cost, price)" \
	" SELECT s.reseller_id, s.customer_id, s.id, u.usage_date - INTERVAL (DAYOFMONTH(u.usage_date) - 1) DAY," \
	" u.service, u.meter, MAX(u.unit), SUM(u.quantity), SUM(u.cost), SUM(" MRR_SQL_USAGE_CHARGE ")" \
	" FROM usage_records u " index " STRAIGHT_JOIN subscriptions s ON s.reseller_id = u.reseller_id AND s.id = u.subscription_id"
#define ROLLUP_GROUP \
	" GROUP BY s.reseller_id, s.customer_id, s.id, u.usage_date - INTERVAL (DAYOFMONTH(u.usage_date) - 1) DAY," \
	" u.service, u.meter"

enum {
	USI_SUBS,
	USI_BATCH_INSERT,
	USI_ROWS,
	USI_ROLLUP_ADD,
	USI_TOTALS_ADD,
	USI_BATCH_COUNTS,
	USI_ROLLUP_CLEAR,
	USI_ROLLUP_ALL,
	USI_TOTALS_CLEAR,
	USI_TOTALS_ALL,
	USI__MAX
};

static const char *const sql[USI__MAX] = {
	/* the usage plans of the distributor that carry a vendor reference */
	[USI_SUBS] =
	    "SELECT s.external_ref, s.id, s.reseller_id, s.customer_id, s.markup_bp, r.currency"
	    " FROM subscriptions s JOIN resellers r ON r.id = s.reseller_id"
	    " JOIN products p ON p.id = s.product_id"
	    " WHERE r.distributor_id = ? AND p.type = 'usage' AND s.external_ref IS NOT NULL"
	    " AND s.external_ref <> ''",
	[USI_BATCH_INSERT] =
	    "INSERT INTO usage_imports (distributor_id, operator_id, file_name, first_line, last_line, rejected)"
	    " VALUES (?, ?, ?, ?, ?, ?)",
	/* params: import id, the batch as [[reseller, customer, subscription, date, service, meter,
	 * meter id, region, resource group, resource uri, quantity, unit, cost, price, key hex], ...] */
	[USI_ROWS] =
	    "INSERT INTO usage_records (reseller_id, customer_id, subscription_id, usage_date, service, meter,"
	    " meter_id, region, resource_group, resource_uri, quantity, unit, cost, price, import_id, line_key)"
	    " SELECT j.r, j.c, j.s, j.d, j.sv, j.m, j.mi, j.rg, j.g, j.uri, j.q, j.u, j.cost, j.price, ?, UNHEX(j.k)"
	    " FROM JSON_TABLE(?, '$[*]' COLUMNS (r BIGINT UNSIGNED PATH '$[0]', c BIGINT UNSIGNED PATH '$[1]',"
	    "  s BIGINT UNSIGNED PATH '$[2]', d DATE PATH '$[3]', sv VARCHAR(64) PATH '$[4]',"
	    "  m VARCHAR(128) PATH '$[5]', mi VARCHAR(64) PATH '$[6]', rg VARCHAR(32) PATH '$[7]',"
	    "  g VARCHAR(128) PATH '$[8]', uri VARCHAR(1024) PATH '$[9]', q DECIMAL(18,6) PATH '$[10]',"
	    "  u VARCHAR(32) PATH '$[11]', cost BIGINT PATH '$[12]', price BIGINT PATH '$[13]',"
	    "  k CHAR(32) PATH '$[14]')) AS j"
	    " ON DUPLICATE KEY UPDATE id = id",
	/* the rows one batch added, added to the rollup; param: import id */
	[USI_ROLLUP_ADD] =
	    ROLLUP_INSERT("FORCE INDEX (ix_usage_records_import)") " WHERE u.import_id = ?" ROLLUP_GROUP
	    " ON DUPLICATE KEY UPDATE quantity = quantity + VALUES(quantity), cost = cost + VALUES(cost),"
	    " price = price + VALUES(price), unit = VALUES(unit), reseller_id = VALUES(reseller_id),"
	    " customer_id = VALUES(customer_id)",
	/* the same rows, added to their reseller's month; param: import id */
	[USI_TOTALS_ADD] =
	    "INSERT INTO usage_monthly_totals (reseller_id, month, cost, price)"
	    " SELECT s.reseller_id, u.usage_date - INTERVAL (DAYOFMONTH(u.usage_date) - 1) DAY, SUM(u.cost),"
	    " SUM(" MRR_SQL_USAGE_CHARGE ")"
	    " FROM usage_records u FORCE INDEX (ix_usage_records_import)"
	    " STRAIGHT_JOIN subscriptions s ON s.reseller_id = u.reseller_id AND s.id = u.subscription_id"
	    " WHERE u.import_id = ? GROUP BY 1, 2"
	    " ON DUPLICATE KEY UPDATE cost = cost + VALUES(cost), price = price + VALUES(price)",
	[USI_BATCH_COUNTS] = "UPDATE usage_imports SET imported = ?, present = ? WHERE id = ?",
	[USI_ROLLUP_CLEAR] = "DELETE FROM usage_monthly",
	[USI_ROLLUP_ALL] = ROLLUP_INSERT("") ROLLUP_GROUP,
	[USI_TOTALS_CLEAR] = "DELETE FROM usage_monthly_totals",
	[USI_TOTALS_ALL] =
	    "INSERT INTO usage_monthly_totals (reseller_id, month, cost, price)"
	    " SELECT reseller_id, month, SUM(cost), SUM(price) FROM usage_monthly GROUP BY reseller_id, month",
};

static const struct db_table table = { DB_MOD_USAGE_IMPORT, sql, USI__MAX };

/* ---- the file's columns ------------------------------------------------ */

enum col {
	COL_CUSTOMER, COL_ENTITLEMENT, COL_SUBSCRIPTION, COL_DATE, COL_CATEGORY, COL_SUBCATEGORY,
	COL_METER_NAME, COL_METER_ID, COL_GROUP, COL_URI, COL_UNIT, COL_QUANTITY, COL_UNIT_PRICE,
	COL_TOTAL, COL_CURRENCY, COL_REGION, COL_LOCATION, COL__MAX
};

/* need: 1 required, 2 one of the "2" columns required, 0 optional */
static const struct {
	const char *header;
	int         need;
} cols[COL__MAX] = {
	[COL_CUSTOMER]     = { "CustomerId", 1 },
	[COL_ENTITLEMENT]  = { "EntitlementId", 2 },
	[COL_SUBSCRIPTION] = { "SubscriptionId", 2 },
	[COL_DATE]         = { "UsageDate", 1 },
	[COL_CATEGORY]     = { "MeterCategory", 1 },
	[COL_SUBCATEGORY]  = { "MeterSubCategory", 1 },
	[COL_METER_NAME]   = { "MeterName", 1 },
	[COL_METER_ID]     = { "MeterId", 1 },
	[COL_GROUP]        = { "ResourceGroup", 1 },
	[COL_URI]          = { "ResourceURI", 1 },
	[COL_UNIT]         = { "Unit", 1 },
	[COL_QUANTITY]     = { "Quantity", 1 },
	[COL_UNIT_PRICE]   = { "UnitPrice", 1 },
	[COL_TOTAL]        = { "BillingPreTaxTotal", 1 },
	[COL_CURRENCY]     = { "BillingCurrency", 1 },
	[COL_REGION]       = { "MeterRegion", 0 },
	[COL_LOCATION]     = { "ResourceLocation", 0 },
};

/* trim - s without leading and trailing blanks (in place). */
static char *
trim(char *s)
{
	size_t n;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
	return s;
}

/* map_header - idx[c] = the field of column c, or -1; CORE_INVALID with why naming the missing ones. */
static enum core_err
map_header(char **f, size_t n, int idx[COL__MAX], char *why)
{
	char missing[CORE_WHY] = "";
	size_t i, len = 0;
	int c;

	for (c = 0; c < COL__MAX; c++) {
		idx[c] = -1;
		for (i = 0; i < n; i++)
			if (strcasecmp(trim(f[i]), cols[c].header) == 0) {
				idx[c] = (int)i;
				break;
			}
	}
	for (c = 0; c < COL__MAX; c++) {
		if (idx[c] >= 0 || cols[c].need == 0)
			continue;
		if (cols[c].need == 2 && (idx[COL_ENTITLEMENT] >= 0 || idx[COL_SUBSCRIPTION] >= 0))
			continue;
		if (cols[c].need == 2 && c == COL_SUBSCRIPTION)
			continue;	/* named once, with EntitlementId */
		len += (size_t)snprintf(missing + len, len < sizeof(missing) ? sizeof(missing) - len : 0, "%s%s",
		    len ? ", " : "", cols[c].need == 2 ? "EntitlementId or SubscriptionId" : cols[c].header);
		if (len >= sizeof(missing))
			len = sizeof(missing) - 1;
	}
	if (missing[0] == '\0')
		return CORE_OK;
	/* a long list of missing columns is cut short in the message, which is fine */
	if (snprintf(why, CORE_WHY, "not a Partner Center daily rated usage file: the header row has no %s column%s",
	    missing, strchr(missing, ',') ? "s" : "") >= CORE_WHY)
		why[CORE_WHY - 1] = '\0';
	return CORE_INVALID;
}

enum core_err
usage_header_check(char **f, size_t n, char *why)
{
	int idx[COL__MAX];

	return map_header(f, n, idx, why);
}

/* ---- exact numbers and dates ------------------------------------------ */

/* usage_parse_decimal - see usage_import.h. */
int
usage_parse_decimal(const char *s, int scale, int64_t *out)
{
	char dig[64];
	int ndig = 0, intdig = 0, point = 0, neg = 0, any = 0, p, i;
	long exp = 0;
	int64_t v = 0;

	while (*s == ' ')
		s++;
	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9') {
			any = 1;
			if (ndig == 0 && *s == '0' && !point)
				continue;	/* leading zeros */
			if (ndig == (int)sizeof(dig))
				return -2;
			dig[ndig++] = *s;
			if (!point)
				intdig++;
		} else if (*s == '.' && !point) {
			point = 1;
		} else {
			break;
		}
	}
	if (!any)
		return -1;
	if (*s == 'e' || *s == 'E') {
		char *end;

		errno = 0;
		exp = strtol(s + 1, &end, 10);
		if (end == s + 1 || errno != 0 || exp < -40 || exp > 40)
			return -1;
		s = end;
	}
	while (*s == ' ')
		s++;
	if (*s != '\0')
		return -1;
	p = intdig + (int)exp + scale;	/* digits of the scaled integer part */
	for (i = 0; i < p; i++) {
		int d = i < ndig ? dig[i] - '0' : 0;

		if (__builtin_mul_overflow(v, 10, &v) || __builtin_add_overflow(v, d, &v))
			return -2;
	}
	if (p >= 0 && p < ndig && dig[p] >= '5' && __builtin_add_overflow(v, 1, &v))
		return -2;
	*out = neg ? -v : v;
	return 0;
}

static int
days_in(int y, int m)
{
	static const int d[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0) ? 29 : d[m - 1];
}

/* usage_parse_date - see usage_import.h. */
int
usage_parse_date(const char *s, char out[16])
{
	int y, m, d, n = 0;

	while (*s == ' ')
		s++;
	if (sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 && n == 10)
		;
	else if (sscanf(s, "%2d/%2d/%4d%n", &m, &d, &y, &n) == 3 && n >= 8 && s[n - 5] == '/')
		;
	else
		return -1;
	if (s[n] != '\0' && s[n] != 'T' && s[n] != ' ')
		return -1;
	if (y < 2000 || y > 2100 || m < 1 || m > 12 || d < 1 || d > days_in(y, m))
		return -1;
	snprintf(out, 16, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u, (unsigned)d % 100u);
	return 0;
}

/* usage_cut - see usage_import.h. */
void
usage_cut(char *dst, size_t size, const char *src, size_t max)
{
	size_t i = 0, chars = 0;

	while (src[i] != '\0' && chars < max) {
		size_t len = 1;

		while ((src[i + len] & 0xC0) == 0x80)
			len++;
		if (i + len >= size)
			break;
		i += len;
		chars++;
	}
	memcpy(dst, src, i);
	dst[i] = '\0';
}

/* ---- the subscriptions, by vendor reference --------------------------- */

struct sub {
	char    *ref;		/* lower case; NULL: an empty slot */
	int64_t  id, reseller_id, customer_id;
	int32_t  markup_bp;
	char     currency[4];
	int      ambiguous;	/* two subscriptions share the reference */
};

struct submap {
	struct sub *slots;
	size_t      cap;	/* a power of two */
};

static uint64_t
hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s; s++) {
		h ^= (unsigned char)(*s >= 'A' && *s <= 'Z' ? *s + 32 : *s);
		h *= 1099511628211ULL;
	}
	return h;
}

/* slot - the slot of ref: the one holding it, or the empty one where it goes. */
static struct sub *
slot(struct submap *m, const char *ref)
{
	size_t i = (size_t)hash(ref) & (m->cap - 1);

	while (m->slots[i].ref != NULL && strcasecmp(m->slots[i].ref, ref) != 0)
		i = (i + 1) & (m->cap - 1);
	return &m->slots[i];
}

static void
submap_free(struct submap *m)
{
	size_t i;

	for (i = 0; i < m->cap; i++)
		free(m->slots[i].ref);
	free(m->slots);
	memset(m, 0, sizeof(*m));
}

static enum core_err
submap_load(struct db *db, int64_t distributor_id, struct submap *m)
{
	struct db_res *res = NULL;
	enum core_err er;

	memset(m, 0, sizeof(*m));
	if ((er = db_query(db, &table, USI_SUBS, &res, "i", distributor_id)) != CORE_OK)
		return er;
	m->cap = 16;
	while (m->cap < db_res_rows(res) * 2 + 2)
		m->cap *= 2;
	if ((m->slots = calloc(m->cap, sizeof(*m->slots))) == NULL)
		er = CORE_ENOMEM;
	while (er == CORE_OK && db_res_next(res)) {
		const char *ref = db_res_str(res, 0);
		struct sub *s = slot(m, ref);

		if (s->ref != NULL) {
			s->ambiguous = 1;
			continue;
		}
		if ((s->ref = strdup(ref)) == NULL) {
			er = CORE_ENOMEM;
			break;
		}
		s->id = db_res_int(res, 1);
		s->reseller_id = db_res_int(res, 2);
		s->customer_id = db_res_int(res, 3);
		s->markup_bp = (int32_t)db_res_int(res, 4);
		str_copy(s->currency, sizeof(s->currency), db_res_str(res, 5));
	}
	db_res_free(res);
	if (er != CORE_OK)
		submap_free(m);
	return er;
}

/* ---- one import ------------------------------------------------------- */

struct run {
	struct db                  *db;
	const struct actor         *a;
	struct usage_import_result *out;
	struct submap               subs;
	int                         idx[COL__MAX];
	char                        file[256];
	json_t                     *rows;	/* the batch */
	long                        first, last;	/* its lines */
	int64_t                     rejected;	/* rejected among them */
	char                       *json;	/* the batch, serialised, during the transaction */
	int64_t                     imported;	/* by the transaction */
};

static void
reject(struct run *r, long line, const char *fmt, ...)
{
	struct usage_import_reject *x;
	va_list ap;
	char *p;

	r->out->rejected++;
	r->rejected++;
	if (r->out->nrejects == USAGE_IMPORT_REJECTS_MAX)
		return;
	if (r->out->rejects == NULL &&
	    (r->out->rejects = calloc(USAGE_IMPORT_REJECTS_MAX, sizeof(*r->out->rejects))) == NULL)
		return;
	x = &r->out->rejects[r->out->nrejects++];
	x->line = line;
	va_start(ap, fmt);
	vsnprintf(x->reason, sizeof(x->reason), fmt, ap);
	va_end(ap);
	for (p = x->reason; *p; p++)	/* the reason quotes the file: no control characters */
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?';
}

/* field - the trimmed text of column c in this record ("" when absent). */
static const char *
field(const struct run *r, char **f, size_t n, enum col c)
{
	return r->idx[c] >= 0 && (size_t)r->idx[c] < n ? trim(f[r->idx[c]]) : "";
}

/* line_key - hex of the first 16 bytes of the SHA-256 of the row's natural key (see usage_import.h). */
static enum core_err
line_key(const char *const parts[], size_t n, char hex[33])
{
	uint8_t d[DIGEST_SHA256_LEN];
	char buf[4096];
	size_t len = 0, i;
	enum core_err er;

	len = (size_t)snprintf(buf, sizeof(buf), "v1");
	for (i = 0; i < n && len < sizeof(buf); i++)
		len += (size_t)snprintf(buf + len, sizeof(buf) - len, "\x1f%s", parts[i]);
	if (len >= sizeof(buf))
		len = sizeof(buf) - 1;
	for (i = 0; i < len; i++)
		if (buf[i] >= 'A' && buf[i] <= 'Z')
			buf[i] = (char)(buf[i] + 32);
	if ((er = digest_sha256(buf, len, d)) != CORE_OK)
		return er;
	digest_hex(d, 16, hex);
	return CORE_OK;
}

/* row - check and rate one data record; a good one joins the batch, a bad one is rejected. */
static enum core_err
row(struct run *r, char **f, size_t n, long line)
{
	const char *subref = field(r, f, n, COL_SUBSCRIPTION), *ent = field(r, f, n, COL_ENTITLEMENT);
	const char *cat = field(r, f, n, COL_CATEGORY), *subcat = field(r, f, n, COL_SUBCATEGORY);
	const char *name = field(r, f, n, COL_METER_NAME), *meter_id = field(r, f, n, COL_METER_ID);
	const char *group = field(r, f, n, COL_GROUP), *uri = field(r, f, n, COL_URI);
	const char *cur = field(r, f, n, COL_CURRENCY), *region = field(r, f, n, COL_REGION);
	const char *raw;
	char date[16], service[260], meter[520], unit[130], mid[260], rg[130], grp[520], res[4100];
	char qty[48], key[33];
	struct sub *s = NULL;
	int64_t q, cost, price, up;
	json_t *j;
	enum core_err er;

	if (*subref != '\0' && (s = slot(&r->subs, subref))->ref == NULL)
		s = NULL;
	if (s == NULL && *ent != '\0' && (s = slot(&r->subs, ent))->ref == NULL)
		s = NULL;
	if (s == NULL) {
		reject(r, line, "no Azure plan has the vendor reference '%.60s'", *subref ? subref : ent);
		return CORE_OK;
	}
	if (s->ambiguous) {
		reject(r, line, "several subscriptions have the vendor reference '%.60s'", s->ref);
		return CORE_OK;
	}
	if (usage_parse_date(raw = field(r, f, n, COL_DATE), date) != 0) {
		reject(r, line, "UsageDate '%.40s' is not a date", raw);
		return CORE_OK;
	}
	if (usage_parse_decimal(raw = field(r, f, n, COL_QUANTITY), 6, &q) != 0 || q < 0) {
		reject(r, line, "Quantity '%.40s' is not a number of 0 or more", raw);
		return CORE_OK;
	}
	raw = field(r, f, n, COL_UNIT_PRICE);
	if (*raw != '\0' && usage_parse_decimal(raw, 0, &up) == -1) {
		reject(r, line, "UnitPrice '%.40s' is not a number", raw);
		return CORE_OK;
	}
	if (strcasecmp(cur, s->currency) != 0) {
		reject(r, line, "BillingCurrency '%.8s' is not the reseller's currency %s", cur, s->currency);
		return CORE_OK;
	}
	switch (usage_parse_decimal(raw = field(r, f, n, COL_TOTAL), money_decimals(s->currency), &cost)) {
	case 0:
		break;
	case -2:
		reject(r, line, "BillingPreTaxTotal '%.40s' is too large", raw);
		return CORE_OK;
	default:
		reject(r, line, "BillingPreTaxTotal '%.40s' is not a number", raw);
		return CORE_OK;
	}
	if (cost < 0) {
		reject(r, line, "BillingPreTaxTotal %.40s is negative (credits are not imported)", raw);
		return CORE_OK;
	}
	if (*cat == '\0' || (*name == '\0' && *subcat == '\0')) {
		reject(r, line, "MeterCategory or MeterName is empty");
		return CORE_OK;
	}
	if ((er = money_price(cost, s->markup_bp, &price)) != CORE_OK) {
		reject(r, line, "BillingPreTaxTotal '%.40s' is too large", raw);
		return CORE_OK;
	}
	snprintf(qty, sizeof(qty), "%lld.%06lld", (long long)(q / 1000000), (long long)(q % 1000000));
	snprintf(grp, sizeof(grp), "%s%s%s", subcat, *subcat && *name ? " " : "", name);
	usage_cut(service, sizeof(service), cat, 64);
	usage_cut(meter, sizeof(meter), grp, 128);
	usage_cut(unit, sizeof(unit), field(r, f, n, COL_UNIT), 32);
	usage_cut(mid, sizeof(mid), meter_id, 64);
	usage_cut(rg, sizeof(rg), *region ? region : field(r, f, n, COL_LOCATION), 32);
	usage_cut(grp, sizeof(grp), group, 128);
	usage_cut(res, sizeof(res), uri, 1024);
	{
		const char *parts[] = { s->ref, ent, date, *meter_id ? meter_id : cat, *meter_id ? "" : subcat,
		    *meter_id ? "" : name, *uri ? uri : group, *uri ? "" : "rg" };

		if ((er = line_key(parts, sizeof(parts) / sizeof(parts[0]), key)) != CORE_OK)
			return er;
	}
	j = json_pack("[I,I,I,s,s,s,s?,s?,s?,s?,s,s,I,I,s]", (json_int_t)s->reseller_id,
	    (json_int_t)s->customer_id, (json_int_t)s->id, date, service, meter, *mid ? mid : NULL,
	    *rg ? rg : NULL, *grp ? grp : NULL, *res ? res : NULL, qty, unit, (json_int_t)cost,
	    (json_int_t)price, key);
	if (j == NULL) {
		/* json_pack refuses text that is not UTF-8 (or memory ran out) */
		reject(r, line, "a field is not UTF-8 text");
		return CORE_OK;
	}
	if (json_array_append_new(r->rows, j) != 0)
		return CORE_ENOMEM;
	return CORE_OK;
}

/* batch_txn - one batch: its usage_imports row, its rows, the rollup, the counts, the audit row. */
static enum core_err
batch_txn(struct db *db, void *arg)
{
	struct run *r = arg;
	int64_t id, n = (int64_t)json_array_size(r->rows);
	uint64_t added = 0;
	json_t *after;
	enum core_err er;

	if ((er = db_exec(db, &table, USI_BATCH_INSERT, NULL, "iIsiii", r->a->distributor_id,
	    r->a->kind == ACTOR_OPERATOR ? r->a->id : (int64_t)0, r->file, (int64_t)r->first, (int64_t)r->last,
	    r->rejected)) != CORE_OK)
		return er;
	id = (int64_t)db_insert_id(db);
	if ((er = db_exec(db, &table, USI_ROWS, &added, "is", id, r->json)) != CORE_OK ||
	    (er = db_exec(db, &table, USI_ROLLUP_ADD, NULL, "i", id)) != CORE_OK ||
	    (er = db_exec(db, &table, USI_TOTALS_ADD, NULL, "i", id)) != CORE_OK ||
	    (er = db_exec(db, &table, USI_BATCH_COUNTS, NULL, "iii", (int64_t)added, n - (int64_t)added, id)) != CORE_OK)
		return er;
	r->imported = (int64_t)added;
	if ((after = json_pack("{s:s, s:I, s:I, s:I, s:I, s:I}", "file", r->file, "first_line", (json_int_t)r->first,
	    "last_line", (json_int_t)r->last, "imported", (json_int_t)added,
	    "present", (json_int_t)(n - (int64_t)added), "rejected", (json_int_t)r->rejected)) == NULL)
		return CORE_ENOMEM;
	er = audit_write(db, r->a, 0, "usage.import", "usage_import", id, NULL, after);
	json_decref(after);
	return er;
}

/* flush - write the batch (when it has good rows) and start the next one after line. */
static enum core_err
flush(struct run *r, long line)
{
	enum core_err er = CORE_OK;
	size_t n = json_array_size(r->rows);

	if (n > 0) {
		if ((r->json = json_dumps(r->rows, JSON_COMPACT)) == NULL)
			return CORE_ENOMEM;
		er = db_txn(r->db, batch_txn, r);
		free(r->json);
		r->json = NULL;
		if (er != CORE_OK) {
			snprintf(r->out->why, sizeof(r->out->why), "stopped at the batch of lines %ld to %ld (%s): "
			    "the lines before it are imported, it and the rest are not; run the file again to "
			    "complete it", r->first, r->last, core_strerror(er));
			return er;
		}
		r->out->imported += r->imported;
		r->out->present += (int64_t)n - r->imported;
		r->out->batches++;
		json_array_clear(r->rows);
	}
	r->first = line + 1;
	r->rejected = 0;
	return er;
}

void
usage_import_result_free(struct usage_import_result *r)
{
	if (r == NULL)
		return;
	free(r->rejects);
	r->rejects = NULL;
	r->nrejects = 0;
}

enum core_err
usage_import_file(struct db *db, const struct actor *a, const char *path, struct usage_import_result *out)
{
	struct run r;
	struct csv *c = NULL;
	const char *base;
	char **f;
	size_t n;
	long line = 0;
	enum core_err er;

	memset(out, 0, sizeof(*out));
	memset(&r, 0, sizeof(r));
	if ((er = actor_may(a, ACT_FULFIL)) != CORE_OK)
		return er;
	if (a->distributor_id <= 0)
		return CORE_FORBIDDEN;
	r.db = db;
	r.a = a;
	r.out = out;
	base = strrchr(path, '/');
	usage_cut(r.file, sizeof(r.file), base ? base + 1 : path, 255);
	if ((er = csv_open(path, &c)) != CORE_OK) {
		snprintf(out->why, sizeof(out->why), "cannot open %.200s: %s", path, strerror(errno));
		return er;
	}
	if ((er = csv_next(c, &f, &n, &line)) != CORE_OK) {
		snprintf(out->why, sizeof(out->why), "%s", er == CORE_NOTFOUND ? "the file is empty" :
		    er == CORE_IO ? strerror(errno) : "the header row is not CSV");
		er = er == CORE_NOTFOUND ? CORE_INVALID : er;
		goto out;
	}
	if ((er = map_header(f, n, r.idx, out->why)) != CORE_OK)
		goto out;
	if ((er = submap_load(db, a->distributor_id, &r.subs)) != CORE_OK)
		goto out;
	if ((r.rows = json_array()) == NULL) {
		er = CORE_ENOMEM;
		goto out;
	}
	r.first = line + 1;
	while ((er = csv_next(c, &f, &n, &line)) == CORE_OK) {
		out->rows++;
		r.last = line;
		if ((er = row(&r, f, n, line)) != CORE_OK)
			goto out;
		if (json_array_size(r.rows) >= USAGE_IMPORT_BATCH && (er = flush(&r, line)) != CORE_OK)
			goto out;
	}
	if (er == CORE_INVALID)
		snprintf(out->why, sizeof(out->why), "line %ld: a quoted field is never closed", line);
	else if (er == CORE_IO)
		snprintf(out->why, sizeof(out->why), "cannot read %.200s: %s", path, strerror(errno));
	if (er != CORE_NOTFOUND)
		goto out;
	er = flush(&r, line);
out:
	json_decref(r.rows);
	submap_free(&r.subs);
	csv_close(c);
	return er;
}

static enum core_err
rebuild(struct db *db, void *arg)
{
	enum core_err er;

	(void)arg;
	if ((er = db_exec(db, &table, USI_ROLLUP_CLEAR, NULL, "")) != CORE_OK ||
	    (er = db_exec(db, &table, USI_ROLLUP_ALL, NULL, "")) != CORE_OK ||
	    (er = db_exec(db, &table, USI_TOTALS_CLEAR, NULL, "")) != CORE_OK)
		return er;
	return db_exec(db, &table, USI_TOTALS_ALL, NULL, "");
}

enum core_err
usage_rollup_rebuild(struct db *db)
{
	return db_in_txn(db) ? rebuild(db, NULL) : db_txn(db, rebuild, NULL);
}
