/*
 * cmd_webhook.c - `shelf webhook`: the TUI's Webhooks tab for scripts,
 * as the operator at the keyboard (core/webhook.h says who may do what):
 * add, list, edit, disable, enable, rotate, secret, delete, log.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "cmd.h"
#include "webhook.h"
#include "whoami.h"

static const char usage_text[] =
    "usage: shelf webhook add URL --events LIST [--description TEXT] [--operator NAME]\n"
    "       shelf webhook list [--reseller ID] [--operator NAME]\n"
    "       shelf webhook edit ID [--url URL] [--events LIST] [--description TEXT] [--operator NAME]\n"
    "       shelf webhook disable|enable|rotate|secret|delete ID [--operator NAME]\n"
    "       shelf webhook log ID [--limit N] [--operator NAME]\n\n"
    "The webhook endpoints of the operator's reseller (reseller admins manage\n"
    "them; reseller staff, support and distributor admins read them).\n"
    "LIST is event types separated by commas: order.created,\n"
    "order.status_changed, subscription.changed, invoice.issued,\n"
    "customer.created, or all.  add prints the new endpoint's id and its\n"
    "signing secret (whsec_...: keep it, it verifies each delivery); rotate\n"
    "prints a new one (the old one stops at once), secret prints the current\n"
    "one.  log prints the endpoint's delivery attempts, newest first.\n\n"
    "Exit status: 0 done, 2 bad arguments (a URL or event that is not allowed\n"
    "too), 1 refused (role, no such endpoint, one already so) or a database\n"
    "error, said on stderr.\n\n"
    "Runs as the operator whose login is the Unix account; --operator NAME\n"
    "only from a gateway account of the configuration (gateways = ...).\n";

#define PROG "shelf webhook"

enum { C_ID, C_STATE, C_FAILS, C_EVENTS, C_URL, C_RESELLER, C_REASON, C__MAX };
static const char *const heads[C__MAX] = { "ID", "STATE", "FAILS", "EVENTS", "URL", "RESELLER", "DISABLED BECAUSE" };
static const int widths[C__MAX] = { 6, 8, 5, 40, 60, 24, 80 };

enum { L_ID, L_AT, L_MSG, L_EVENT, L_TRY, L_STATUS, L_MS, L_ERROR, L__MAX };
static const char *const lheads[L__MAX] = { "ID", "AT", "MSG", "EVENT", "TRY", "STATUS", "MS", "ERROR" };
static const int lwidths[L__MAX] = { 8, 19, 36, 20, 3, 6, 6, 80 };

static enum core_err
list(struct db *db, const struct actor *a, int64_t reseller)
{
	struct webhook_list l;
	char id[24], fails[16], ev[200];
	const char *cells[C__MAX];
	enum core_err er;
	size_t i;

	if ((er = webhook_list(db, a, reseller, &l)) != CORE_OK)
		return er;
	cli_cells(stdout, heads, widths, C__MAX);
	for (i = 0; i < l.n; i++) {
		const struct webhook_endpoint *e = &l.items[i];

		snprintf(id, sizeof(id), "%lld", (long long)e->id);
		snprintf(fails, sizeof(fails), "%d", e->failures);
		webhook_events_format(e->events, ",", ev, sizeof(ev));
		cells[C_ID] = id;
		cells[C_STATE] = e->enabled ? "enabled" : "disabled";
		cells[C_FAILS] = fails;
		cells[C_EVENTS] = ev;
		cells[C_URL] = e->url;
		cells[C_RESELLER] = e->reseller_name;
		cells[C_REASON] = e->enabled ? "" : e->disabled_reason;
		cli_cells(stdout, cells, widths, C__MAX);
	}
	webhook_list_free(&l);
	return CORE_OK;
}

static enum core_err
show_log(struct db *db, const struct actor *a, int64_t id, int limit, char *why)
{
	struct webhook_delivery_list l;
	char did[24], tries[16], status[16], ms[16];
	const char *cells[L__MAX];
	enum core_err er;
	size_t i;

	if ((er = webhook_deliveries(db, a, id, 0, limit, &l)) != CORE_OK) {
		if (er == CORE_NOTFOUND)
			core_say(why, "Webhook endpoint %lld was not found.", (long long)id);
		return er;
	}
	cli_cells(stdout, lheads, lwidths, L__MAX);
	for (i = 0; i < l.n; i++) {
		const struct webhook_delivery *d = &l.items[i];

		snprintf(did, sizeof(did), "%lld", (long long)d->id);
		snprintf(tries, sizeof(tries), "%d", d->attempt);
		snprintf(status, sizeof(status), "%d", d->http_status);
		snprintf(ms, sizeof(ms), "%d", d->duration_ms);
		cells[L_ID] = did;
		cells[L_AT] = d->created_at;
		cells[L_MSG] = d->msg_id;
		cells[L_EVENT] = d->event_type;
		cells[L_TRY] = tries;
		cells[L_STATUS] = d->http_status ? status : "-";
		cells[L_MS] = ms;
		cells[L_ERROR] = d->error;
		cli_cells(stdout, cells, lwidths, L__MAX);
	}
	webhook_delivery_list_free(&l);
	return CORE_OK;
}

int
cmd_webhook(int argc, char **argv)
{
	const char *operator_name = NULL, *url = NULL, *events = NULL, *desc = NULL, *reseller = NULL, *limit = NULL;
	const struct cli_opt opts[] = {
		{ "--url", &url }, { "--events", &events }, { "--description", &desc }, { "--reseller", &reseller },
		{ "--limit", &limit },
	};
	const char *pos[2] = { NULL, NULL }, *sub;
	char why[CORE_WHY] = "", secret[WEBHOOK_SECRET_SZ] = "";
	struct config cfg;
	struct actor a;
	struct db *db;
	enum core_err er;
	unsigned mask = 0;
	int64_t id = 0, rid = 0, lim = 50;
	int rc = 0, got = 0;

	if (cmd_operator_args(&argc, argv, usage_text, &operator_name, PROG, &rc))
		return rc;
	if (argc < 2) {
		fputs(usage_text, stderr);
		return 2;
	}
	sub = argv[1];
	if (cli_parse(PROG, argc - 1, argv + 1, opts, sizeof(opts) / sizeof(opts[0]), pos, 2, &got) != 0)
		return 2;
	if (strcmp(sub, "add") == 0) {
		if (got != 1 || events == NULL || url != NULL || reseller != NULL || limit != NULL) {
			fprintf(stderr, PROG ": add needs a URL and --events LIST\n");
			return 2;
		}
		url = pos[0];
	} else if (strcmp(sub, "list") == 0) {
		if (got != 0 || url || events || desc || limit || (reseller != NULL && cli_id(reseller, &rid) != 0)) {
			fprintf(stderr, PROG ": list takes only --reseller ID\n");
			return 2;
		}
	} else if (strcmp(sub, "edit") == 0 || strcmp(sub, "disable") == 0 || strcmp(sub, "enable") == 0 ||
	    strcmp(sub, "rotate") == 0 || strcmp(sub, "secret") == 0 || strcmp(sub, "delete") == 0 ||
	    strcmp(sub, "log") == 0) {
		if (got != 1 || cli_id(pos[0], &id) != 0) {
			fprintf(stderr, PROG ": %s needs one endpoint id (a positive number)\n", sub);
			return 2;
		}
		if (reseller != NULL || (strcmp(sub, "edit") != 0 && (url || events || desc)) ||
		    (strcmp(sub, "log") != 0 && limit != NULL)) {
			fprintf(stderr, PROG ": %s: an option it does not take\n", sub);
			return 2;
		}
		if (limit != NULL && (cli_id(limit, &lim) != 0 || lim > 200)) {
			fprintf(stderr, PROG ": --limit must be 1 to 200\n");
			return 2;
		}
		if (strcmp(sub, "edit") == 0 && !url && !events && !desc) {
			fprintf(stderr, PROG ": edit: give --url, --events or --description\n");
			return 2;
		}
	} else {
		fputs(usage_text, stderr);
		return 2;
	}
	if (events != NULL && webhook_events_parse(events, &mask, why) != 0) {
		fprintf(stderr, PROG ": %s\n", why);
		return 2;
	}
	if (whoami_open(&cfg, &db, operator_name, &a, PROG) != 0)
		return 1;
	if (strcmp(sub, "add") == 0) {
		if ((er = webhook_create(db, &a, url, desc, mask, &id, secret, why)) == CORE_OK)
			printf("Webhook endpoint %lld added.\nSigning secret (shown once; `rotate` makes a new one):\n%s\n",
			    (long long)id, secret);
	} else if (strcmp(sub, "list") == 0)
		er = list(db, &a, rid);
	else if (strcmp(sub, "edit") == 0) {
		if ((er = webhook_update(db, &a, id, url, desc, mask, why)) == CORE_OK)
			printf("Webhook endpoint %lld changed.\n", (long long)id);
	} else if (strcmp(sub, "disable") == 0 || strcmp(sub, "enable") == 0) {
		if ((er = webhook_set_enabled(db, &a, id, sub[0] == 'e', why)) == CORE_OK)
			printf("Webhook endpoint %lld %sd.\n", (long long)id, sub);
	} else if (strcmp(sub, "rotate") == 0) {
		if ((er = webhook_rotate(db, &a, id, secret, why)) == CORE_OK)
			printf("New signing secret of webhook endpoint %lld (the old one no longer signs):\n%s\n",
			    (long long)id, secret);
	} else if (strcmp(sub, "secret") == 0) {
		if ((er = webhook_secret(db, &a, id, secret, why)) == CORE_OK)
			printf("%s\n", secret);
	} else if (strcmp(sub, "delete") == 0) {
		if ((er = webhook_delete(db, &a, id, why)) == CORE_OK)
			printf("Webhook endpoint %lld deleted, with its delivery log.\n", (long long)id);
	} else
		er = show_log(db, &a, id, (int)lim, why);
	explicit_bzero(secret, sizeof(secret));
	rc = cli_fail(PROG, er, why, "this operator's role may not do this to webhooks");
	db_close(db);
	return rc;
}
