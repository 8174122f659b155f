/*
 * cmd.h - the subcommands of bin/shelf.
 *
 * Each takes the arguments after its own name (argv[0] is the command
 * name) and returns the process exit status: 0 on success, 1 on a
 * failure it has already explained on stderr, 2 on a usage error.
 * Each prints its usage for `--help` and returns 0.
 */
#ifndef SHELF_CMD_H
#define SHELF_CMD_H

#include <stddef.h>

int cmd_migrate(int argc, char **argv);
int cmd_seed(int argc, char **argv);
int cmd_db(int argc, char **argv);
int cmd_template(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_inspect(int argc, char **argv);
int cmd_worker(int argc, char **argv);
int cmd_keys(int argc, char **argv);
int cmd_mail(int argc, char **argv);
int cmd_outbox(int argc, char **argv);
int cmd_fulfil(int argc, char **argv);
int cmd_usage(int argc, char **argv);
int cmd_billing_daily(int argc, char **argv);
int cmd_media(int argc, char **argv);
int cmd_product(int argc, char **argv);
int cmd_api(int argc, char **argv);
/* `shelf webhook add|list|edit|disable|enable|rotate|secret|delete|log` (tui/cmd_webhook.c) */
int cmd_webhook(int argc, char **argv);

/* `shelf billing invoice|payment|invoices` (tui/cmd_invoice.c; main.c dispatches `billing`) */
int cmd_billing_invoice(int argc, char **argv);
int cmd_billing_payment(int argc, char **argv);
int cmd_billing_invoices(int argc, char **argv);
int cmd_billing_credit_note(int argc, char **argv);

/* `shelf reseller add|edit|suspend|resume|upgrade|downgrade` (tui/cmd_reseller.c) */
int cmd_reseller(int argc, char **argv);
/* `shelf operator add|disable|list` (tui/cmd_operator.c) */
int cmd_operator(int argc, char **argv);

/* cmd_wants_help - true when argv holds -h or --help. */
int cmd_wants_help(int argc, char **argv);

/*
 * cmd_operator_args - the start of a subcommand that acts as an operator
 * (whoami.h): with -h or --help, usage on stdout and *rc = 0; else
 * `--operator NAME` taken out of argv into *operator_name as
 * whoami_take_operator does, *rc = 2 when that fails (said).  1 when
 * the command is done (exit with *rc, the only time it is written),
 * 0 when it goes on.
 */
int cmd_operator_args(int *argc, char **argv, const char *usage, const char **operator_name, const char *prog,
    int *rc);

/*
 * An operator's subcommand (`shelf NOUN SUB ...`): its name and what
 * runs it, with the database, the signed-in operator and the
 * configuration, argv[0] being SUB.  Returns the exit status.
 */
struct db;
struct actor;
struct config;
struct cmd_sub {
	const char *name;
	int (*run)(struct db *db, const struct actor *a, const struct config *cfg, int argc, char **argv);
};

/*
 * cmd_operator_run - the whole of `prog SUB ...` for a table of
 * subcommands: cmd_operator_args, then SUB found in subs[0..n) (else
 * usage on stderr, 2), the operator signed in (whoami_open: 1 when that
 * fails, said), SUB run and the database closed.
 */
int cmd_operator_run(int argc, char **argv, const char *usage, const char *prog, const struct cmd_sub *subs,
    size_t n);

/* `shelf contact list|invite|disable`: a customer's contact persons (tui/cmd_contact.c) */
int cmd_contact(int argc, char **argv);

#endif
