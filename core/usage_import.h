/*
 * usage_import.h - Azure plan consumption from Microsoft Partner
 * Center's daily rated usage reconciliation file (new commerce), and the
 * monthly rollup (usage_monthly) that every list and summary reads.
 *
 * The vendor reference contract.  When an order line of an Azure plan
 * (a product of type 'usage') is fulfilled, the subscription it became
 * stores the vendor's id of it in subscriptions.external_ref: for an
 * Azure plan, the Partner Center subscription id (the file's
 * SubscriptionId; the file's EntitlementId, the Azure subscription
 * under the plan, is accepted as well).  The import finds a row's
 * subscription by that reference alone, compared without regard to
 * case, among the usage-plan subscriptions of the actor's distributor
 * (any status: late usage of a cancelled plan is still owed).  A
 * reference that two subscriptions share matches neither.
 *
 * The file.  Columns are found by their header names, in any order,
 * others ignored: CustomerId, EntitlementId or SubscriptionId (at least
 * one), UsageDate, MeterCategory, MeterSubCategory, MeterName, MeterId,
 * ResourceGroup, ResourceURI, Unit, Quantity, UnitPrice,
 * BillingPreTaxTotal, BillingCurrency; optional MeterRegion (or
 * ResourceLocation).  RFC 4180 CSV (csv.h): quotes, CRLF, a UTF-8 BOM.
 * A missing column is CORE_INVALID before anything is read or changed.
 *
 * A row becomes one usage_records row:
 *   service   MeterCategory; meter "MeterSubCategory MeterName" (or
 *             MeterName alone), both cut to their column's width;
 *   cost      BillingPreTaxTotal in minor units of the reseller's
 *             currency, parsed exactly (decimal text, an exponent
 *             allowed, no floating point) and rounded half-up once, to
 *             the currency's minor unit;
 *   price     money_price(cost, subscriptions.markup_bp): the charge of
 *             mrr.h's MRR_SQL_USAGE_CHARGE, rounded per row;
 *   quantity  Quantity, rounded half-up to 6 decimals.
 * A row is rejected, with its line number and the reason, when its
 * subscription is unknown, its date, quantity, unit price or amount is
 * not a number or date, its amount is negative (credits are not
 * imported), or its BillingCurrency is not the reseller's currency; the
 * other rows are imported.
 *
 * Importing twice changes nothing.  A row's natural key is its vendor
 * subscription, entitlement, usage date, MeterId (or, without one, its
 * category, subcategory and name) and ResourceURI (or, without one, its
 * resource group), compared without regard to case; usage_records
 * stores the first 16 bytes of its SHA-256 (line_key) under a unique key
 * with the subscription and date.  A row whose key is present already
 * (from an earlier run or earlier in the file) is counted as present
 * and changes nothing.
 *
 * Transactions.  The rows are written in batches of USAGE_IMPORT_BATCH
 * good rows, each one transaction that holds: a usage_imports row (file,
 * lines, operator, counts), the batch's rows, the rollup and its
 * per-reseller totals upserted with the sums of the rows this batch
 * added, and an audit row.  A failure
 * mid-file leaves whole batches; running the same file again completes
 * it, since the rows already present are skipped.
 *
 * The rollup.  usage_monthly holds, per subscription, month (its first
 * day), service and meter, the sums of quantity, cost and price
 * (MRR_SQL_USAGE_CHARGE per row) of the usage rows of that month.
 * usage_monthly_totals holds its sums per reseller and month (cost,
 * price), for the figures of whole resellers.  Whatever adds usage rows
 * keeps both in the same transaction: the import per batch, the seeds
 * with usage_rollup_rebuild (scale.sql with its own statements).
 */
#ifndef SHELF_USAGE_IMPORT_H
#define SHELF_USAGE_IMPORT_H

#include <stddef.h>
#include <stdint.h>
#include "actor.h"
#include "db.h"
#include "err.h"

#define USAGE_IMPORT_BATCH       2000	/* good rows per statement and transaction */
#define USAGE_IMPORT_REJECTS_MAX 1000	/* rejected rows described (all are counted) */

struct usage_import_reject {
	long line;		/* the file's line where the row starts */
	char reason[200];
};

struct usage_import_result {
	int64_t                     rows;		/* data rows read */
	int64_t                     imported;	/* rows added */
	int64_t                     present;	/* rows whose key was there already */
	int64_t                     rejected;
	int64_t                     batches;	/* transactions committed */
	struct usage_import_reject *rejects;	/* the first USAGE_IMPORT_REJECTS_MAX, in file order; malloc'd */
	size_t                      nrejects;
	char                        why[CORE_WHY];	/* why the file as a whole was refused */
};

/* usage_import_result_free - release r->rejects (not r); NULL is fine. */
void usage_import_result_free(struct usage_import_result *r);

/*
 * usage_import_file - import the Partner Center file at path as a
 * (distributor admin, or the system actor with a distributor_id): rows
 * of subscriptions of a->distributor_id's resellers only.  *out (zeroed
 * here; usage_import_result_free it, also after an error) counts what
 * happened.  Errors: CORE_FORBIDDEN (role, or no distributor); CORE_IO
 * (the file cannot be opened or read: errno kept); CORE_INVALID with
 * out->why (a required column is missing: nothing changed; or a quoted
 * field is never closed: the batches before it are committed);
 * CORE_DB/CORE_DBCONN/CORE_DEADLOCK (the batches before are committed;
 * out->why says which lines were not).
 */
enum core_err usage_import_file(struct db *db, const struct actor *a, const char *path,
    struct usage_import_result *out);

/*
 * usage_rollup_rebuild - make usage_monthly and usage_monthly_totals
 * again from every usage row
 * (for the seeds, after they add or move usage rows, and for tests that
 * write usage rows directly).  Run it inside the transaction that added
 * the rows, or alone (then it is its own transaction).
 */
enum core_err usage_rollup_rebuild(struct db *db);

/*
 * The import's pure parsing layer (no database), exposed for its tests
 * and the fuzz target tests/fuzz/fuzz_csv.c.
 *
 * usage_header_check - CORE_OK when the header row f[0..n) names every
 * required column (fields are trimmed in place); CORE_INVALID with why
 * (CORE_WHY bytes) naming the missing ones.
 */
enum core_err usage_header_check(char **f, size_t n, char *why);

/*
 * usage_parse_decimal - the decimal text s ("12.5", "-0.003",
 * "1.2E-05"; blanks around it allowed) times 10^scale, rounded half-up
 * (away from zero), into *out.  -1 when s is not a number, -2 when the
 * result does not fit.
 */
int usage_parse_decimal(const char *s, int scale, int64_t *out);

/*
 * usage_parse_date - "2026-11-03", "2026-11-03T00:00:00", "11/3/2026",
 * "11/3/2026 12:00:00 AM" (years 2000..2100) -> "2026-11-03" in out;
 * -1 when s is not such a date.
 */
int usage_parse_date(const char *s, char out[16]);

/* usage_cut - dst = src cut to at most max characters (UTF-8) and size bytes (size >= 1). */
void usage_cut(char *dst, size_t size, const char *src, size_t max);

#endif
