/*
 * invoice.h - what a reseller owes its distributor: invoices (issued by
 * the distributor), payments against them, the account balance and
 * overdue amounts shown on the reseller dashboard.
 *
 * Who may: a reseller admin sees only its own reseller (the reseller_id
 * argument is ignored for it: the tenant is a->reseller_id); distributor
 * admins and support see the resellers of a->distributor_id (another
 * distributor's reseller is CORE_NOTFOUND).  Storefront users: CORE_FORBIDDEN.
 *
 * Definitions (minor units of the reseller's currency; "today" is
 * UTC_DATE() of the database server):
 *   paid(i)        = SUM(payments.amount) with payments.invoice_id = i
 *                    (payments without an invoice are not applied to any)
 *                    + SUM(total) of the credit notes (kind 'credit_note',
 *                    not void) with credits_invoice_id = i
 *   A credit note (core/invoice_run.h, invoice_credit_note) is a document
 *   of its own with a positive total; it owes nothing (its paid is its
 *   total) and never counts in the balance itself: it reduces what the
 *   invoice it credits still owes.
 *   outstanding(i) = i.total - paid(i)
 *   balance        = SUM(outstanding(i)) over the reseller's invoices
 *                    (kind 'invoice') with status 'open'
 *                  = SUM(total of open invoices) - SUM(payments on them)
 *   overdue        = SUM(outstanding(i)) over open invoices with due_on < today
 *   overdue_count  = how many such invoices
 * Paid and void invoices count for nothing.  invoices.overdue_since
 * (sql/008) is the day the daily pass (core/billing_daily.h) found an
 * open invoice past due and told the reseller; these figures do not read
 * it, so they hold on a day the pass has not run yet, and once it has run
 * for today the invoices they count are those with overdue_since set.  A payment larger than its
 * invoice makes that invoice's outstanding negative; it is not clamped,
 * so the figures always add up.
 */
#ifndef SHELF_INVOICE_H
#define SHELF_INVOICE_H

#include <stddef.h>
#include <stdint.h>
#include <jansson.h>
#include "actor.h"
#include "db.h"
#include "names.h"

#define INVOICE_LIST_MAX 500

/* X(symbol, invoices.status, label) */
#define INVOICE_STATUSES(X) \
	X(INVOICE_OPEN, "open", "Open") \
	X(INVOICE_PAID, "paid", "Paid") \
	X(INVOICE_VOID, "void", "Void")

enum invoice_status {
	INVOICE_STATUSES(NAMES_SYM)
	INVOICE_STATUS__MAX
};

struct invoice {
	int64_t id;
	int64_t reseller_id;
	char    number[33];
	char    issued_on[11];		/* "YYYY-MM-DD" */
	char    due_on[11];
	char    period_start[11];	/* "" when none */
	char    period_end[11];
	char    currency[4];
	int64_t total;
	int64_t paid;			/* payments applied to it */
	int64_t outstanding;		/* total - paid */
	enum invoice_status status;
	int     overdue;		/* open and due_on < today */
	int     credit_note;		/* kind 'credit_note' */
};

/* a list (db.h DB_LIST); invoice_list_free; total: all invoices of the reseller */
DB_LIST(invoice_list, struct invoice);

/* invoice_status_name - "open", "paid", "void". */
const char *invoice_status_name(enum invoice_status s);

/*
 * invoice_balance - balance, overdue amount and overdue count as defined
 * above, for the reseller chosen by the rules above.  Output pointers
 * must not be NULL; they are written only on CORE_OK.
 */
enum core_err invoice_balance(struct db *db, const struct actor *a, int64_t reseller_id,
    int64_t *balance, int64_t *overdue, int64_t *overdue_count);

/*
 * invoice_list - the reseller's invoices, newest issued first, limit
 * (1..INVOICE_LIST_MAX, others clamp to 50) from offset, each with its
 * paid and outstanding amounts.  *out: invoice_list_free (also after an error).
 */
enum core_err invoice_list(struct db *db, const struct actor *a, int64_t reseller_id, int limit,
    int offset, struct invoice_list *out);

void invoice_list_free(struct invoice_list *l);

/* One line of an invoice or credit note. */
struct invoice_line {
	int     line_no;
	char    description[301];
	int64_t quantity;
	int64_t unit_amount;
	int64_t amount;		/* quantity x unit_amount */
};

DB_LIST(invoice_line_list, struct invoice_line);

/*
 * invoice_lines - the lines of invoice_id in line order, the reseller
 * chosen as for invoice_list (another tenant's invoice: no lines).
 * *out: invoice_line_list_free (also after an error).
 */
enum core_err invoice_lines(struct db *db, const struct actor *a, int64_t reseller_id, int64_t invoice_id,
    struct invoice_line_list *out);

void invoice_line_list_free(struct invoice_line_list *l);

/*
 * invoice_credit_note - correct issued invoice invoice_id (of a reseller
 * of a->distributor_id) by a credit note of amount (> 0, at most the
 * invoice's total less the credit notes it already has: CORE_INVALID),
 * reason (1..300 characters) its one line.  Numbered CN-YYYY-NNNNNN from
 * the distributor's gap-free CN series, issued and due today, locked
 * like an invoice; the credited invoice turns 'paid' when nothing is
 * left to pay.  A void invoice or a credit note cannot be credited
 * (CORE_CONFLICT).  Distributor admins (ACT_INVOICE_ISSUE; the system
 * role too).  One transaction with its audit row; *cn_id (may be NULL)
 * gets the credit note's id.
 */
enum core_err invoice_credit_note(struct db *db, const struct actor *a, int64_t invoice_id, int64_t amount,
    const char *reason, int64_t *cn_id);

/* An invoice or credit note as an operator names it. */
struct invoice_ref {
	int64_t id;
	char    number[33];
	char    currency[4];
};

/*
 * invoice_find - the invoice or credit note of a's distributor numbered
 * number, or with id id (0: by number only), into *out.  Distributor
 * admins (ACT_INVOICE_ISSUE); CORE_NOTFOUND when there is none.
 */
enum core_err invoice_find(struct db *db, const struct actor *a, const char *number, int64_t id,
    struct invoice_ref *out);

/* A payment the distributor received from a reseller. */
struct invoice_payment {
	int64_t     reseller_id;
	int64_t     amount;		/* > 0, minor units */
	const char *currency;		/* must be the reseller's */
	const char *invoice_number;	/* NULL or "": on account (applied to no invoice) */
	const char *paid_on;		/* "YYYY-MM-DD"; NULL or "": today */
	const char *method;		/* payments.method; NULL or "": bank_transfer */
	const char *reference;		/* NULL: none; at most 100 characters */
};

/*
 * invoice_payment_record - record p (distributor admins,
 * ACT_PAYMENT_RECORD; the reseller must be of a->distributor_id, else
 * CORE_NOTFOUND, as is an unknown invoice number of that reseller).
 * CORE_INVALID for a bad amount, date, method or a currency other than
 * the reseller's; CORE_CONFLICT for a void invoice or a credit note.  The
 * invoice turns 'paid' when nothing is left to pay.  One transaction
 * with its audit row; *payment_id (may be NULL) gets the new id.
 */
enum core_err invoice_payment_record(struct db *db, const struct actor *a, const struct invoice_payment *p,
    int64_t *payment_id);

/* What settles (or, for a credit note, what it corrects) an invoice. */
enum invoice_settlement_kind {
	INVOICE_SETTLEMENT_PAYMENT,	/* a payment applied to it: ref its method, note its reference */
	INVOICE_SETTLEMENT_CREDIT_NOTE,	/* a credit note of it (not void): ref its number, note its reason */
	INVOICE_SETTLEMENT_CREDITS,	/* of a credit note: the invoice it credits, ref that number */
	INVOICE_SETTLEMENT__MAX
};

struct invoice_settlement {
	enum invoice_settlement_kind kind;
	char    on[11];			/* paid_on, or the credit note's issued_on */
	int64_t amount;			/* > 0, minor units of the invoice's currency */
	char    ref[33];
	char    note[301];
	int64_t other_id;		/* the payment's id, the credit note's, or the credited invoice's */
};

DB_LIST(invoice_settlement_list, struct invoice_settlement);

/*
 * invoice_settlements - the payments and credit notes applied to
 * invoice_id, or for a credit note the invoice it credits, oldest first;
 * the reseller chosen as for invoice_list (another tenant's invoice:
 * none).  What they add up to is paid(i) above.  *out:
 * invoice_settlement_list_free (also after an error).
 */
enum core_err invoice_settlements(struct db *db, const struct actor *a, int64_t reseller_id, int64_t invoice_id,
    struct invoice_settlement_list *out);

void invoice_settlement_list_free(struct invoice_settlement_list *l);

/* invoice_to_json - a new object of the invoice; NULL on ENOMEM. */
json_t *invoice_to_json(const struct invoice *i);

#endif
