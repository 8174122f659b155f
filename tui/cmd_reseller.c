/*
 * cmd_reseller.c - `shelf reseller add|edit|suspend|resume|upgrade|downgrade`:
 * the distributor admin's reseller dialogs from the command line.  Each
 * takes the arguments its dialog asks for, confirms nothing, prints what
 * it did on stdout and exits 0; a refusal is one line on stderr (core's
 * reason) with exit status 1, bad arguments 2.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "cmd.h"
#include "inspect.h"
#include "reseller.h"
#include "storefront.h"
#include "whoami.h"

static const char usage[] =
    "usage: shelf reseller add --name NAME --email EMAIL [--phone P] [--address A]\n"
    "                          [--country CC] [--tax-id T] [--currency CUR]\n"
    "       shelf reseller edit ID [--name NAME] [--email EMAIL] [--phone P] [--address A]\n"
    "                          [--country CC] [--tax-id T]\n"
    "       shelf reseller suspend ID [--reason TEXT]\n"
    "       shelf reseller resume ID\n"
    "       shelf reseller upgrade ID [--edition standard|professional] [--slug SLUG]\n"
    "                          [--admin-login LOGIN --admin-name NAME --admin-email EMAIL]\n"
    "       shelf reseller downgrade ID [--edition basic|standard]\n"
    "       (each also takes --operator NAME from a gateway account)\n\n"
    "A distributor admin's changes to its resellers, as the TUI's Resellers tab\n"
    "makes them, without asking.  add: a new reseller on the Basic edition (the\n"
    "distributor's currency unless --currency); edit: the fields given replace\n"
    "the record's, '' clears an optional one; suspend: the storefront answers\n"
    "503, the reseller's operators and API clients are refused, nothing is\n"
    "deleted; resume: all back.  upgrade (default: one edition up): a first\n"
    "upgrade creates the storefront (--slug, else from the name) with the\n"
    "theme's starter homepage, the contact details of the record and the\n"
    "distributor's featured products listed at their recommended markup;\n"
    "--admin-login makes the reseller's first admin operator.  The reseller\n"
    "is e-mailed.  downgrade (default: one edition down).\n"
    "Prints what was done.  Exit status: 0 done; 1 refused or failed (the\n"
    "reason on stderr); 2 bad arguments.\n";

#define PROG "shelf reseller"

/* reseller_id - the positional ID of a subcommand, or -1 after saying why. */
static int64_t
reseller_id(const char *sub, const char *const *pos, int got)
{
	int64_t id;

	if (got != 1 || cli_id(pos[0], &id) != 0) {
		fprintf(stderr, PROG " %s: give the reseller's ID (see shelf reseller --help)\n", sub);
		return -1;
	}
	return id;
}

static int
add(struct db *db, const struct actor *a, const struct config *cfg, int argc, char **argv)
{
	struct reseller_fields f = { 0 };
	const struct cli_opt opts[] = {
		{ "--name", &f.name }, { "--email", &f.email }, { "--phone", &f.phone },
		{ "--address", &f.address }, { "--country", &f.country }, { "--tax-id", &f.tax_id },
		{ "--currency", &f.currency },
	};
	char why[CORE_WHY] = "";
	const char *pos[1];
	int64_t id = 0;
	enum core_err er;
	int got;

	(void)cfg;
	if (cli_parse(PROG " add", argc, argv, opts, sizeof(opts) / sizeof(opts[0]), pos, 0, &got) != 0)
		return 2;
	if (f.name == NULL || f.email == NULL) {
		fprintf(stderr, PROG " add: --name and --email are required\n");
		return 2;
	}
	if ((er = reseller_add(db, a, &f, &id, why)) != CORE_OK)
		return cli_fail(PROG " add", er, why, "only a distributor admin adds resellers");
	printf("reseller %lld added: %s <%s>, Basic edition, active\n", (long long)id, f.name, f.email);
	return 0;
}

static int
edit(struct db *db, const struct actor *a, const struct config *cfg, int argc, char **argv)
{
	struct reseller_fields f = { 0 }, in = { 0 };
	const struct cli_opt opts[] = {
		{ "--name", &in.name }, { "--email", &in.email }, { "--phone", &in.phone },
		{ "--address", &in.address }, { "--country", &in.country }, { "--tax-id", &in.tax_id },
	};
	struct reseller_details d;
	struct reseller r;
	char why[CORE_WHY] = "";
	const char *pos[1];
	enum core_err er;
	int64_t id;
	int got;

	(void)cfg;
	if (cli_parse(PROG " edit", argc, argv, opts, sizeof(opts) / sizeof(opts[0]), pos, 1, &got) != 0 ||
	    (id = reseller_id("edit", pos, got)) < 0)
		return 2;
	if ((er = reseller_get(db, a, id, &r)) != CORE_OK || (er = reseller_details(db, a, id, &d)) != CORE_OK)
		return cli_fail(PROG " edit", er, er == CORE_NOTFOUND ? "there is no such reseller" : "",
		    "only a distributor admin edits resellers");
	/* what is not given stays */
	f.name = in.name ? in.name : r.name;
	f.email = in.email ? in.email : r.email;
	f.phone = in.phone ? in.phone : d.phone;
	f.address = in.address ? in.address : d.address;
	f.country = in.country ? in.country : d.country;
	f.tax_id = in.tax_id ? in.tax_id : d.tax_id;
	if ((er = reseller_edit(db, a, id, &f, why)) != CORE_OK)
		return cli_fail(PROG " edit", er, why, "only a distributor admin edits resellers");
	printf("reseller %lld edited: %s <%s>\n", (long long)id, f.name, f.email);
	return 0;
}

static int
status(struct db *db, const struct actor *a, int argc, char **argv, enum reseller_status to)
{
	const char *reason = NULL, *pos[1], *sub = to == RESELLER_SUSPENDED ? "suspend" : "resume";
	const struct cli_opt opts[] = { { "--reason", &reason } };
	char why[CORE_WHY] = "", prog[64];
	struct reseller r;
	enum core_err er;
	int64_t id;
	int got;

	snprintf(prog, sizeof(prog), PROG " %s", sub);
	if (cli_parse(prog, argc, argv, opts, to == RESELLER_SUSPENDED ? 1 : 0, pos, 1, &got) != 0 ||
	    (id = reseller_id(sub, pos, got)) < 0)
		return 2;
	if ((er = reseller_set_status(db, a, id, to, reason, why)) != CORE_OK)
		return cli_fail(prog, er, why, "only a distributor admin suspends and resumes resellers");
	if (reseller_get(db, a, id, &r) != CORE_OK)
		snprintf(r.name, sizeof(r.name), "#%lld", (long long)id);
	if (to == RESELLER_SUSPENDED)
		printf("reseller %lld suspended: %s; its storefront answers 503, its operators and API clients "
		    "are refused; nothing is deleted\n", (long long)id, r.name);
	else
		printf("reseller %lld resumed: %s; its storefront, operators and API clients work again\n",
		    (long long)id, r.name);
	return 0;
}

static int
edition(struct db *db, const struct actor *a, const struct config *cfg, int argc, char **argv, int up)
{
	const char *ed = NULL, *slug = NULL, *login = NULL, *name = NULL, *email = NULL, *pos[1];
	const struct cli_opt opts[] = {
		{ "--edition", &ed }, { "--slug", &slug }, { "--admin-login", &login },
		{ "--admin-name", &name }, { "--admin-email", &email },
	};
	const char *sub = up ? "upgrade" : "downgrade";
	struct reseller_setup setup = { 0 };
	char why[CORE_WHY] = "", prog[64], url[600] = "";
	struct reseller r;
	enum core_err er;
	int64_t id;
	int got, to;

	snprintf(prog, sizeof(prog), PROG " %s", sub);
	if (cli_parse(prog, argc, argv, opts, up ? 5 : 1, pos, 1, &got) != 0 || (id = reseller_id(sub, pos, got)) < 0)
		return 2;
	if (login != NULL && (name == NULL || email == NULL)) {
		fprintf(stderr, "%s: --admin-login needs --admin-name and --admin-email\n", prog);
		return 2;
	}
	if ((er = reseller_get(db, a, id, &r)) != CORE_OK)
		return cli_fail(prog, er, er == CORE_NOTFOUND ? "there is no such reseller" : "",
		    "only a distributor admin changes editions");
	if (ed != NULL) {
		if ((to = reseller_edition_parse(ed)) < 0) {
			fprintf(stderr, "%s: no edition '%s' (basic, standard, professional)\n", prog, ed);
			return 2;
		}
		if ((up && to <= (int)r.edition) || (!up && to >= (int)r.edition)) {
			fprintf(stderr, "%s: %s is on %s; %s is not an %s\n", prog, r.name,
			    reseller_edition_label(r.edition), reseller_edition_label((enum reseller_edition)to), sub);
			return 1;
		}
	} else if (!reseller_edition_may_move(r.edition, up)) {
		fprintf(stderr, "%s: %s is already on %s, the %s edition\n", prog, r.name,
		    reseller_edition_label(r.edition), up ? "highest" : "lowest");
		return 1;
	} else
		to = (int)r.edition + (up ? 1 : -1);
	setup.admin_login = login;
	setup.admin_name = name;
	setup.admin_email = email;
	setup.themes_dir = cfg->themes_dir;
	if ((er = reseller_upgrade(db, a, id, (enum reseller_edition)to, slug, cfg->public_url, &setup, why)) != CORE_OK)
		return cli_fail(prog, er, why, "only a distributor admin changes editions");
	printf("reseller %lld %sd: %s, %s -> %s\n", (long long)id, sub, r.name, reseller_edition_label(r.edition),
	    reseller_edition_label((enum reseller_edition)to));
	if (reseller_get(db, a, id, &r) == CORE_OK && r.slug[0] != '\0' && to != EDITION_BASIC) {
		char base[STOREFRONT_DOMAIN_MAX + 1] = "";

		(void)inspect_storefront_base(db, a, base, sizeof(base));
		storefront_url(cfg->public_url, base, r.slug, r.custom_domain[0] ? r.custom_domain : NULL, url,
		    sizeof(url));
		printf("storefront: %s\n", url);
	} else if (to == EDITION_BASIC)
		printf("storefront: offline (its data are kept)\n");
	if (login != NULL)
		printf("admin operator: %s (reseller_admin); add their SSH key with "
		    "shelf operator add ... --ssh-key, see shelf operator --help\n", login);
	printf("an e-mail to %s is queued\n", r.email);
	return 0;
}

static int
suspend(struct db *db, const struct actor *a, const struct config *cfg, int argc, char **argv)
{
	(void)cfg;
	return status(db, a, argc, argv, RESELLER_SUSPENDED);
}

static int
resume(struct db *db, const struct actor *a, const struct config *cfg, int argc, char **argv)
{
	(void)cfg;
	return status(db, a, argc, argv, RESELLER_ACTIVE);
}

static int
upgrade(struct db *db, const struct actor *a, const struct config *cfg, int argc, char **argv)
{
	return edition(db, a, cfg, argc, argv, 1);
}

static int
downgrade(struct db *db, const struct actor *a, const struct config *cfg, int argc, char **argv)
{
	return edition(db, a, cfg, argc, argv, 0);
}

static const struct cmd_sub subs[] = {
	{ "add", add },
	{ "edit", edit },
	{ "suspend", suspend },
	{ "resume", resume },
	{ "upgrade", upgrade },
	{ "downgrade", downgrade },
};

int
cmd_reseller(int argc, char **argv)
{
	return cmd_operator_run(argc, argv, usage, PROG, subs, sizeof(subs) / sizeof(subs[0]));
}
