/*
 * cmd_contact.c - `shelf contact list|invite|disable`: a customer's
 * contact persons (core/custcontact.h) from the command line, as the
 * customer screen's Contacts list (`c`) keeps them, acting as the
 * operator (--operator NAME from a gateway account, else the login's
 * own).  invite queues the e-mail that tells the person and says so; it
 * never claims the e-mail was sent.  A refusal is one line on stderr
 * (core's reason) with exit status 1, bad arguments 2.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "cmd.h"
#include "custcontact.h"
#include "whoami.h"

static const char usage[] =
    "usage: shelf contact list CUSTOMER [--status active|disabled] [--reseller ID]\n"
    "       shelf contact invite CUSTOMER --name NAME --email EMAIL --role primary|billing|technical\n"
    "                          [--phone P]\n"
    "       shelf contact disable CUSTOMER CONTACT\n"
    "       (each also takes --operator NAME from a gateway account)\n\n"
    "The contact persons of a customer (ids as the TUI and the API show them):\n"
    "who the reseller talks to there about what.  list: one line each (id,\n"
    "role, status, e-mail, name, phone); support and distributor admins name\n"
    "the reseller with --reseller.  invite: a new active contact (or a disabled\n"
    "one of the same address made active again), with an e-mail to the person\n"
    "queued in the outbox; an active contact's address is refused.  disable:\n"
    "the contact is disabled (kept, never deleted).\n"
    "Exit status: 0 done; 1 refused or failed (the reason on stderr); 2 bad arguments.\n";

#define PROG "shelf contact"

static int
list(struct db *db, const struct actor *a, const struct config *cfg, int argc, char **argv)
{
	const char *status = NULL, *reseller = NULL, *pos[1];
	const struct cli_opt opts[] = { { "--status", &status }, { "--reseller", &reseller } };
	struct custcontact_query q = { -1, CUSTCONTACT_LIST_MAX, 0 };
	struct custcontact_list l;
	int64_t customer, rid = 0;
	enum core_err er;
	int got, rc = 0;
	size_t i;

	(void)cfg;
	if (cli_parse(PROG " list", argc, argv, opts, 2, pos, 1, &got) != 0)
		return 2;
	if (got != 1 || cli_id(pos[0], &customer) != 0 || (reseller != NULL && cli_id(reseller, &rid) != 0)) {
		fputs(usage, stderr);
		return 2;
	}
	if (status != NULL) {
		if (strcmp(status, "active") != 0 && strcmp(status, "disabled") != 0) {
			fprintf(stderr, PROG " list: --status is active or disabled\n");
			return 2;
		}
		q.status = strcmp(status, "active") == 0;
	}
	do {
		if ((er = custcontact_list(db, a, rid, customer, &q, &l)) != CORE_OK) {
			custcontact_list_free(&l);
			return cli_fail(PROG " list", er, er == CORE_NOTFOUND ? "there is no such customer" : "",
			    "only the reseller's operators, support and the distributor's admins read contacts");
		}
		for (i = 0; i < l.n; i++) {
			const struct custcontact *k = &l.items[i];
			char id[24];
			const char *cells[6] = { id, custcontact_role_name((enum custcontact_role)k->role),
				k->active ? "active" : "disabled", k->email, k->name, k->phone[0] ? k->phone : "-" };
			static const int w[6] = { 8, 9, 8, 36, 30, 20 };

			snprintf(id, sizeof(id), "%lld", (long long)k->id);
			cli_cells(stdout, cells, w, 6);
		}
		q.offset += (int64_t)l.n;
		rc = l.n == 0 || q.offset >= l.total;
		custcontact_list_free(&l);
	} while (!rc);
	return 0;
}

static int
invite(struct db *db, const struct actor *a, const struct config *cfg, int argc, char **argv)
{
	const char *name = NULL, *email = NULL, *phone = NULL, *role = NULL, *pos[1];
	const struct cli_opt opts[] = { { "--name", &name }, { "--email", &email }, { "--phone", &phone },
		{ "--role", &role } };
	struct custcontact_input in;
	char why[CORE_WHY] = "";
	int64_t customer, id = 0;
	enum core_err er;
	int got, r;

	(void)cfg;
	if (cli_parse(PROG " invite", argc, argv, opts, 4, pos, 1, &got) != 0)
		return 2;
	if (got != 1 || cli_id(pos[0], &customer) != 0 || name == NULL || email == NULL || role == NULL) {
		fputs(usage, stderr);
		return 2;
	}
	if ((r = custcontact_role_parse(role)) < 0) {
		fprintf(stderr, PROG " invite: --role is primary, billing or technical\n");
		return 2;
	}
	in.name = name;
	in.email = email;
	in.phone = phone;
	in.role = (enum custcontact_role)r;
	if ((er = custcontact_invite(db, a, customer, &in, &id, why)) != CORE_OK)
		return cli_fail(PROG " invite", er, why, "only the reseller's administrators change contacts");
	printf("contact %lld: %s, %s contact of customer %lld; an e-mail to %s is queued\n", (long long)id, email,
	    role, (long long)customer, email);
	return 0;
}

static int
disable(struct db *db, const struct actor *a, const struct config *cfg, int argc, char **argv)
{
	const char *pos[2];
	char why[CORE_WHY] = "";
	int64_t customer, id;
	enum core_err er;
	int got;

	(void)cfg;
	if (cli_parse(PROG " disable", argc, argv, NULL, 0, pos, 2, &got) != 0)
		return 2;
	if (got != 2 || cli_id(pos[0], &customer) != 0 || cli_id(pos[1], &id) != 0) {
		fputs(usage, stderr);
		return 2;
	}
	if ((er = custcontact_disable(db, a, customer, id, why)) != CORE_OK)
		return cli_fail(PROG " disable", er, why, "only the reseller's administrators change contacts");
	printf("contact %lld of customer %lld is disabled\n", (long long)id, (long long)customer);
	return 0;
}

static const struct cmd_sub subs[] = {
	{ "list", list },
	{ "invite", invite },
	{ "disable", disable },
};

int
cmd_contact(int argc, char **argv)
{
	return cmd_operator_run(argc, argv, usage, PROG, subs, sizeof(subs) / sizeof(subs[0]));
}
