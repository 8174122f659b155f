/*
 * main.c - bin/shelf: the admin TUI with no subcommand, otherwise one of
 * the scripting subcommands in the table below.
 */
#include <stdio.h>
#include <string.h>
#include "cmd.h"
#include "tui.h"
#include "whoami.h"
#include "version.h"

struct command {
	const char *name;
	int       (*run)(int, char **);
	const char *summary;
};

static int billing(int argc, char **argv);

static const struct command commands[] = {
	{ "migrate",  cmd_migrate,  "apply the database migrations in sql/ that are not yet applied" },
	{ "seed",     cmd_seed,     "load demo data (--demo) or a scale dataset (--scale S|L)" },
	{ "db",       cmd_db,       "run the mariadb client on the configured database" },
	{ "template", cmd_template, "render a Mustache template for theme authors" },
	{ "report",   cmd_report,   "the edition report: report resellers [--edition E] [--format csv|table]" },
	{ "inspect",  cmd_inspect,  "find any account and print everything about it (read-only)" },
	{ "worker",   cmd_worker,   "deliver e-mails, carry out fulfilment (--once: what is due, then exit)" },
	{ "keys",     cmd_keys,     "licence keys: keys import PRODUCT FILE, keys stock" },
	{ "mail",     cmd_mail,     "the e-mails the demo's SMTP catcher received: mail [N]" },
	{ "outbox",   cmd_outbox,   "the outbox: outbox [--status S] (a table), outbox retry ID (send again now)" },
	{ "fulfil",   cmd_fulfil,   "the fulfilment queue: fulfil [list], fulfil done ID REF, fulfil fail ID REASON" },
	{ "usage",    cmd_usage,    "import Partner Center daily rated usage: usage import FILE.csv" },
	{ "billing",  billing,      "billing daily [--date D], billing invoice --month YYYY-MM, billing payment, billing invoices" },
	{ "reseller", cmd_reseller, "resellers: reseller add|edit|suspend|resume|upgrade|downgrade (distributor admins)" },
	{ "operator", cmd_operator, "TUI logins: operator add|disable|list [--ssh-key FILE for authorized_keys]" },
	{ "media",    cmd_media,    "the media store: media add FILE (PNG, JPEG, WebP), media list" },
	{ "product",  cmd_product,  "the catalog editor: product edit SKU [--image ID] [--featured 0|1] [--description-file F] ..." },
	{ "api",      cmd_api,      "the Marketplace API: api token CLIENT (secret from SHELF_API_SECRET or stdin)" },
	{ "webhook",  cmd_webhook,  "webhook endpoints: webhook add URL --events LIST, list, edit, disable, enable, rotate, delete, log ID" },
	{ "contact",  cmd_contact,  "a customer's contact persons: contact list|invite|disable CUSTOMER ..." },
};

/* `shelf billing SUBCOMMAND ...`: one row a subcommand */
static const struct command billing_commands[] = {
	{ "daily",    cmd_billing_daily,    "the daily billing pass: renewals, trials, overdue invoices, purges [--date D]" },
	{ "invoice",  cmd_billing_invoice,  "issue the invoices of a month: --month YYYY-MM" },
	{ "payment",  cmd_billing_payment,  "record a reseller's payment: --reseller ID --amount A --currency C" },
	{ "invoices", cmd_billing_invoices, "a reseller's invoices and balance: [--reseller ID] [--csv]" },
	{ "credit-note", cmd_billing_credit_note, "correct an issued invoice: --invoice NUMBER --amount A --reason TEXT" },
};

/*
 * billing - run the subcommand named by the first argument that is not
 * --operator or its value, with argv[0] its name and the other
 * arguments (--operator included) after it, in their order.
 */
static int
billing(int argc, char **argv)
{
	char *av[argc + 1];
	int i, j, sub = 0, n = 0;
	size_t k;

	for (i = 1; i < argc && sub == 0; i++) {
		if (strcmp(argv[i], "--operator") == 0)
			i++;
		else if (argv[i][0] != '-')
			sub = i;
	}
	for (k = 0; sub > 0 && k < sizeof(billing_commands) / sizeof(billing_commands[0]); k++)
		if (strcmp(argv[sub], billing_commands[k].name) == 0) {
			av[n++] = argv[sub];
			for (j = 1; j < argc; j++)
				if (j != sub)
					av[n++] = argv[j];
			av[n] = NULL;
			return billing_commands[k].run(n, av);
		}
	fprintf(cmd_wants_help(argc, argv) && sub == 0 ? stdout : stderr, "usage: shelf billing SUBCOMMAND (--help for its usage)\n\n");
	for (k = 0; k < sizeof(billing_commands) / sizeof(billing_commands[0]); k++)
		fprintf(cmd_wants_help(argc, argv) && sub == 0 ? stdout : stderr, "  %-10s %s\n",
		    billing_commands[k].name, billing_commands[k].summary);
	return cmd_wants_help(argc, argv) && sub == 0 ? 0 : 2;
}

static void
usage(FILE *f)
{
	size_t i;

	fprintf(f, "usage: shelf [--operator NAME]        open the admin TUI\n"
	    "       shelf COMMAND [ARGS...]        run a command (COMMAND --help for its usage)\n"
	    "       shelf --version\n\ncommands:\n");
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
}

int
cmd_wants_help(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return 1;
	return 0;
}

int
cmd_operator_args(int *argc, char **argv, const char *usage, const char **operator_name, const char *prog,
    int *rc)
{
	if (cmd_wants_help(*argc, argv)) {
		fputs(usage, stdout);
		*rc = 0;
		return 1;
	}
	if (whoami_take_operator(argc, argv, operator_name, prog) != 0) {
		*rc = 2;
		return 1;
	}
	return 0;
}

int
cmd_operator_run(int argc, char **argv, const char *usage, const char *prog, const struct cmd_sub *subs,
    size_t n)
{
	const char *operator_name = NULL;
	const struct cmd_sub *sub = NULL;
	struct config cfg;
	struct actor a;
	struct db *db;
	size_t i;
	int rc;

	if (cmd_operator_args(&argc, argv, usage, &operator_name, prog, &rc))
		return rc;
	if (argc < 2) {
		fputs(usage, stderr);
		return 2;
	}
	for (i = 0; i < n && sub == NULL; i++)
		if (strcmp(argv[1], subs[i].name) == 0)
			sub = &subs[i];
	if (sub == NULL) {
		fprintf(stderr, "%s: unknown subcommand '%s'\n", prog, argv[1]);
		fputs(usage, stderr);
		return 2;
	}
	if (whoami_open(&cfg, &db, operator_name, &a, prog) != 0)
		return 1;
	rc = sub->run(db, &a, &cfg, argc - 1, argv + 1);
	db_close(db);
	return rc;
}

int
main(int argc, char **argv)
{
	size_t i;

	if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		usage(stdout);
		return 0;
	}
	if (argc > 1 && strcmp(argv[1], "--version") == 0) {
		printf("shelf %s\n", version_string());
		return 0;
	}
	/* `shelf --operator NAME report ...`: the option before the command */
	if (argc > 3 && strcmp(argv[1], "--operator") == 0 && argv[3][0] != '-') {
		for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
			if (strcmp(argv[3], commands[i].name) == 0) {
				char *name = argv[2], *flag = argv[1];

				/* move "--operator NAME" after the command's name */
				argv[1] = argv[3];
				argv[2] = flag;
				argv[3] = name;
				return commands[i].run(argc - 1, argv + 1);
			}
	}
	if (argc > 1 && argv[1][0] != '-') {
		for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
			if (strcmp(argv[1], commands[i].name) == 0)
				return commands[i].run(argc - 1, argv + 1);
		fprintf(stderr, "shelf: unknown command '%s'\n", argv[1]);
		usage(stderr);
		return 2;
	}
	return tui_main(argc, argv);
}
