/*
 * cmd_invoice.c - the invoices of `shelf billing`: `billing invoice`
 * (the monthly run, core/invoice_run.h), `billing payment` (record a
 * reseller's payment) and `billing invoices` (a reseller's invoices with
 * its balance), as the operator at the keyboard.  tui/main.c dispatches
 * `shelf billing SUBCOMMAND` to these.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "cmd.h"
#include "invoice.h"
#include "invoice_run.h"
#include "money.h"
#include "whoami.h"

static const char invoice_usage[] =
    "usage: shelf billing invoice --month YYYY-MM [--operator NAME]\n\n"
    "Issues the distributor's invoices to its resellers for a calendar month\n"
    "that is over: per reseller one invoice at cost (the month's subscription\n"
    "periods, prorated by days, and each Azure plan's usage), numbered\n"
    "INV-YYYY-NNNNNN without gaps, due after the reseller's payment terms; the\n"
    "reseller's e-mail is queued.  Running it again for the month makes\n"
    "nothing new.  Prints per reseller: id, outcome (issued, present, nothing),\n"
    "number and total.\n\n"
    "Exit status: 0 done; 2 a bad or unfinished month; 1 any other failure\n"
    "(the resellers before it keep their invoices: run it again).\n"
    "Runs as a distributor admin (the Unix account, or --operator NAME from a\n"
    "gateway account). The worker runs it for the previous month by itself.\n";

static const char payment_usage[] =
    "usage: shelf billing payment --reseller ID --amount 123.45 --currency EUR\n"
    "           [--invoice NUMBER] [--date YYYY-MM-DD] [--method M] [--reference TEXT]\n"
    "           [--operator NAME]\n\n"
    "Records a payment the distributor received from a reseller, against one\n"
    "invoice or on account.  M: bank_transfer (default), card, direct_debit,\n"
    "other.  The invoice is marked paid when nothing is left to pay.\n"
    "Exit status: 0 recorded; 2 bad input; 1 refused or failed.\n";

static const char credit_usage[] =
    "usage: shelf billing credit-note --invoice NUMBER --amount 12.34 --reason TEXT\n"
    "           [--operator NAME]\n\n"
    "Corrects an issued invoice: a credit note of the amount (in the invoice's\n"
    "currency, at most what it has not been credited yet) with the reason as its\n"
    "line, numbered from the distributor's credit-note series.  An issued invoice\n"
    "never changes.  Runs as a distributor admin.\n"
    "Exit status: 0 issued; 2 bad input; 1 refused or failed.\n";

static const char invoices_usage[] =
    "usage: shelf billing invoices [--reseller ID] [--csv] [--operator NAME]\n\n"
    "A reseller's invoices and credit notes, newest first, with its balance\n"
    "and overdue amount.  A reseller admin sees its own; a distributor admin\n"
    "names the reseller.\n";

/* opt - the value of --name in argv (NULL when absent); *bad set when it has no value. */
static const char *
opt(int argc, char **argv, const char *name, int *bad)
{
	int i;

	for (i = 1; i < argc; i++)
		if (strcmp(argv[i], name) == 0) {
			if (i + 1 >= argc) {
				*bad = 1;
				return NULL;
			}
			return argv[i + 1];
		}
	return NULL;
}

/* known - every argument is one of the names (each with a value) or one of the flags. */
static int
known(int argc, char **argv, const char *const *names, const char *const *flags)
{
	int i, j, ok;

	for (i = 1; i < argc; i++) {
		ok = 0;
		for (j = 0; names[j] != NULL && !ok; j++)
			if (strcmp(argv[i], names[j]) == 0 && i + 1 < argc)
				ok = 2;
		for (j = 0; flags != NULL && flags[j] != NULL && !ok; j++)
			if (strcmp(argv[i], flags[j]) == 0)
				ok = 1;
		if (!ok)
			return 0;
		i += ok - 1;
	}
	return 1;
}

static const char *const outcome_names[] = {
	[INVOICE_RUN_ISSUED] = "issued", [INVOICE_RUN_PRESENT] = "present", [INVOICE_RUN_NOTHING] = "nothing",
};

int
cmd_billing_invoice(int argc, char **argv)
{
	static const char *const names[] = { "--month", NULL };
	struct invoice_run_result res;
	const char *operator_name = NULL, *month;
	char total[48];
	struct config cfg;
	struct actor a;
	struct db *db;
	enum core_err er;
	size_t i;
	int bad = 0, rc = 0;

	if (cmd_wants_help(argc, argv)) {
		fputs(invoice_usage, stdout);
		return 0;
	}
	if (whoami_take_operator(&argc, argv, &operator_name, "shelf billing invoice") != 0)
		return 2;
	month = opt(argc, argv, "--month", &bad);
	if (bad || !known(argc, argv, names, NULL) || !invoice_run_month_ok(month)) {
		fputs(invoice_usage, stderr);
		return 2;
	}
	if (whoami_open(&cfg, &db, operator_name, &a, "shelf billing invoice") != 0)
		return 1;
	er = invoice_run_month(db, &a, month, &res);
	for (i = 0; i < res.n; i++) {
		const struct invoice_run_item *it = &res.items[i];

		if (it->outcome == INVOICE_RUN_NOTHING)
			printf("%lld\tnothing\n", (long long)it->reseller_id);
		else
			printf("%lld\t%s\t%s\t%s\n", (long long)it->reseller_id, outcome_names[it->outcome], it->number,
			    money_format(it->total, it->currency, total, sizeof(total)));
	}
	if (er == CORE_INVALID) {
		fprintf(stderr, "shelf billing invoice: %s: not a month that is over\n", month);
		rc = 2;
	} else if (er == CORE_FORBIDDEN) {
		fprintf(stderr, "shelf billing invoice: only a distributor admin issues invoices\n");
		rc = 1;
	} else if (er != CORE_OK) {
		fprintf(stderr, "shelf billing invoice: %s: %s\n", core_strerror(er), db_error(db));
		rc = 1;
	} else
		printf("%d issued, %d already present, %d with nothing to bill; %d e-mails queued\n", res.issued,
		    res.present, res.nothing, res.issued);
	invoice_run_result_free(&res);
	db_close(db);
	return rc;
}

int
cmd_billing_payment(int argc, char **argv)
{
	static const char *const names[] = { "--reseller", "--amount", "--currency", "--invoice", "--date",
		"--method", "--reference", NULL };
	struct invoice_payment p;
	const char *operator_name = NULL, *rs, *am;
	struct config cfg;
	struct actor a;
	struct db *db;
	enum core_err er;
	int64_t id = 0;
	int bad = 0, rc = 0;

	if (cmd_wants_help(argc, argv)) {
		fputs(payment_usage, stdout);
		return 0;
	}
	if (whoami_take_operator(&argc, argv, &operator_name, "shelf billing payment") != 0)
		return 2;
	memset(&p, 0, sizeof(p));
	rs = opt(argc, argv, "--reseller", &bad);
	am = opt(argc, argv, "--amount", &bad);
	p.currency = opt(argc, argv, "--currency", &bad);
	p.invoice_number = opt(argc, argv, "--invoice", &bad);
	p.paid_on = opt(argc, argv, "--date", &bad);
	p.method = opt(argc, argv, "--method", &bad);
	p.reference = opt(argc, argv, "--reference", &bad);
	if (bad || !known(argc, argv, names, NULL) || rs == NULL || am == NULL || p.currency == NULL ||
	    cli_id(rs, &p.reseller_id) != 0 || money_parse_amount(am, p.currency, &p.amount) != CORE_OK || p.amount <= 0) {
		fputs(payment_usage, stderr);
		return 2;
	}
	if (whoami_open(&cfg, &db, operator_name, &a, "shelf billing payment") != 0)
		return 1;
	er = invoice_payment_record(db, &a, &p, &id);
	switch (er) {
	case CORE_OK:
		printf("payment %lld recorded\n", (long long)id);
		break;
	case CORE_INVALID:
		fprintf(stderr, "shelf billing payment: refused: the amount, date, method or currency (it must be "
		    "the reseller's) is not valid\n");
		rc = 2;
		break;
	case CORE_NOTFOUND:
		fprintf(stderr, "shelf billing payment: no such reseller%s of your distributor\n",
		    p.invoice_number ? " or invoice" : "");
		rc = 1;
		break;
	case CORE_CONFLICT:
		fprintf(stderr, "shelf billing payment: %s is void or a credit note\n", p.invoice_number);
		rc = 1;
		break;
	case CORE_FORBIDDEN:
		fprintf(stderr, "shelf billing payment: only a distributor admin records payments\n");
		rc = 1;
		break;
	default:
		fprintf(stderr, "shelf billing payment: %s: %s\n", core_strerror(er), db_error(db));
		rc = 1;
		break;
	}
	db_close(db);
	return rc;
}

int
cmd_billing_invoices(int argc, char **argv)
{
	static const char *const names[] = { "--reseller", NULL };
	static const char *const flags[] = { "--csv", NULL };
	static const int w[] = { 16, 11, 10, 10, 12, 12, 12, 6, 7 };
	const char *operator_name = NULL, *rs, *cells[9];
	char tot[48], paid[48], out[48], bal[48], ovd[48], cur[4] = "EUR";
	struct invoice_list l;
	struct config cfg;
	struct actor a;
	struct db *db;
	enum core_err er;
	int64_t rid = 0, balance = 0, overdue = 0, count = 0;
	size_t i;
	int bad = 0, csv = 0;

	if (cmd_wants_help(argc, argv)) {
		fputs(invoices_usage, stdout);
		return 0;
	}
	if (whoami_take_operator(&argc, argv, &operator_name, "shelf billing invoices") != 0)
		return 2;
	rs = opt(argc, argv, "--reseller", &bad);
	for (i = 1; i < (size_t)argc; i++)
		csv |= strcmp(argv[i], "--csv") == 0;
	if (bad || !known(argc, argv, names, flags) || (rs != NULL && cli_id(rs, &rid) != 0)) {
		fputs(invoices_usage, stderr);
		return 2;
	}
	if (whoami_open(&cfg, &db, operator_name, &a, "shelf billing invoices") != 0)
		return 1;
	if ((er = invoice_balance(db, &a, rid, &balance, &overdue, &count)) == CORE_OK)
		er = invoice_list(db, &a, rid, INVOICE_LIST_MAX, 0, &l);
	if (er != CORE_OK) {
		fprintf(stderr, "shelf billing invoices: %s%s\n", core_strerror(er),
		    er == CORE_NOTFOUND && rid == 0 ? " (name the reseller: --reseller ID)" : "");
		db_close(db);
		return 1;
	}
	if (l.n > 0)
		memcpy(cur, l.items[0].currency, sizeof(cur));
	if (csv)
		printf("number,kind,issued_on,due_on,currency,total,paid,outstanding,status,overdue\n");
	else {
		printf("balance %s, overdue %s in %lld invoices\n", money_format(balance, cur, bal, sizeof(bal)),
		    money_format(overdue, cur, ovd, sizeof(ovd)), (long long)count);
		cells[0] = "NUMBER"; cells[1] = "ISSUED"; cells[2] = "DUE"; cells[3] = "KIND"; cells[4] = "TOTAL";
		cells[5] = "PAID"; cells[6] = "OUTSTANDING"; cells[7] = "STATUS"; cells[8] = "OVERDUE";
		cli_cells(stdout, cells, w, 9);
	}
	for (i = 0; i < l.n; i++) {
		const struct invoice *v = &l.items[i];

		if (csv) {
			/* numbers, dates, codes and integers only: nothing to quote */
			printf("%s,%s,%s,%s,%s,%lld,%lld,%lld,%s,%d\n", v->number,
			    v->credit_note ? "credit_note" : "invoice", v->issued_on, v->due_on, v->currency,
			    (long long)v->total, (long long)v->paid, (long long)v->outstanding,
			    invoice_status_name(v->status), v->overdue);
			continue;
		}
		cells[0] = v->number; cells[1] = v->issued_on; cells[2] = v->due_on;
		cells[3] = v->credit_note ? "credit" : "invoice";
		cells[4] = money_format(v->total, v->currency, tot, sizeof(tot));
		cells[5] = money_format(v->paid, v->currency, paid, sizeof(paid));
		cells[6] = money_format(v->outstanding, v->currency, out, sizeof(out));
		cells[7] = invoice_status_name(v->status);
		cells[8] = v->overdue ? "overdue" : "";
		cli_cells(stdout, cells, w, 9);
	}
	invoice_list_free(&l);
	db_close(db);
	return 0;
}

int
cmd_billing_credit_note(int argc, char **argv)
{
	static const char *const names[] = { "--invoice", "--amount", "--reason", NULL };
	const char *operator_name = NULL, *number, *am, *reason;
	struct invoice_ref inv, cn;
	struct config cfg;
	struct actor a;
	struct db *db;
	enum core_err er;
	int64_t amount = 0, id = 0;
	int bad = 0, rc = 1;

	if (cmd_wants_help(argc, argv)) {
		fputs(credit_usage, stdout);
		return 0;
	}
	if (whoami_take_operator(&argc, argv, &operator_name, "shelf billing credit-note") != 0)
		return 2;
	number = opt(argc, argv, "--invoice", &bad);
	am = opt(argc, argv, "--amount", &bad);
	reason = opt(argc, argv, "--reason", &bad);
	if (bad || !known(argc, argv, names, NULL) || number == NULL || am == NULL || reason == NULL ||
	    reason[0] == '\0') {
		fputs(credit_usage, stderr);
		return 2;
	}
	if (whoami_open(&cfg, &db, operator_name, &a, "shelf billing credit-note") != 0)
		return 1;
	if ((er = invoice_find(db, &a, number, 0, &inv)) == CORE_OK) {
		if (money_parse_amount(am, inv.currency, &amount) != CORE_OK || amount <= 0) {
			fprintf(stderr, "shelf billing credit-note: '%s' is not an amount in %s\n", am, inv.currency);
			db_close(db);
			return 2;
		}
		er = invoice_credit_note(db, &a, inv.id, amount, reason, &id);
	}
	switch (er) {
	case CORE_OK:
		if (invoice_find(db, &a, NULL, id, &cn) == CORE_OK)
			printf("credit note %s issued for %s\n", cn.number, inv.number);
		rc = 0;
		break;
	case CORE_INVALID:
		fprintf(stderr, "shelf billing credit-note: refused: more than %s has left to credit, or the reason "
		    "is too long\n", number);
		rc = 2;
		break;
	case CORE_NOTFOUND:
		fprintf(stderr, "shelf billing credit-note: no invoice %s of your distributor\n", number);
		break;
	case CORE_CONFLICT:
		fprintf(stderr, "shelf billing credit-note: %s is void or a credit note\n", number);
		break;
	case CORE_FORBIDDEN:
		fprintf(stderr, "shelf billing credit-note: only a distributor admin issues credit notes\n");
		break;
	default:
		fprintf(stderr, "shelf billing credit-note: %s: %s\n", core_strerror(er), db_error(db));
		break;
	}
	db_close(db);
	return rc;
}
