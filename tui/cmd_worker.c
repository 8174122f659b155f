/*
 * cmd_worker.c - `shelf worker [--once]`: deliver the outbox's e-mails
 * and carry out fulfilment.
 *
 * Each round claims one due e-mail row (core/outbox.h: several workers
 * may share a database), renders and sends it (core/mailer.h) and
 * records the outcome: sent; pending again after an exponential backoff
 * with jitter; failed for good after outbox_max_attempts attempts or
 * at once when retrying cannot help (a payload or address that cannot
 * be sent).  Then one piece of fulfilment work (core/fulfil_work.h): a
 * provision row starts its order, a due keys or http task is carried
 * out.  Then one due webhook row (core/webhook_send.h): POSTed, signed,
 * to its endpoint, retried the same way, its endpoint disabled after
 * webhook_disable_after consecutive failures.  One line on stderr per
 * attempt: id, kind (email, provision, webhook: outbox row ids; keys,
 * http: task ids), attempt, outcome.
 *
 * Also, at start and in each round, the daily billing pass
 * (core/billing_daily.h: renewals, trial expiry and reminders, overdue
 * invoices, purges) for today by the database's clock, when no run of
 * today has finished; once done (by this worker or another) it is not
 * looked at again until the date changes.
 *
 * SIGTERM or SIGINT: the row in hand is finished and recorded, then the
 * worker exits 0.  --once handles what is due now and exits: 0, or 1
 * when the database failed (rows due but held for a moment by another
 * worker's claim are waited for, briefly, not left behind).  Without it the worker polls every
 * WORKER_POLL_SECONDS.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/random.h>
#include "cli.h"
#include "cmd.h"
#include "fulfil_work.h"
#include "invoice_run.h"
#include "mailer.h"
#include "outbox.h"
#include "billing_daily.h"
#include "webhook_send.h"

#define WORKER_POLL_SECONDS 2
#define WORKER_DAILY_RETRY_SECONDS 60	/* a failed or busy daily pass is tried again after this */
#define ONCE_BUSY_TRIES 200	/* --once: rounds that find due rows all held by other claims, at most */
static const struct timespec ONCE_BUSY_PAUSE = { 0, 10 * 1000 * 1000 };	/* 10 ms between those */

static volatile sig_atomic_t stopping;

static void
on_signal(int sig)
{
	(void)sig;
	stopping = 1;
}

static void
usage(FILE *f)
{
	fprintf(f, "usage: shelf worker [--once]\n\n"
	    "Deliver the outbox's e-mails over SMTP (smtp_url, mail_from, smtp_user,\n"
	    "smtp_password in the configuration) and carry out fulfilment: start the\n"
	    "provisioning of approved orders, give keys products' lines their licence\n"
	    "keys, POST http products' tasks to fulfil_url (signed with fulfil_secret).\n"
	    "A failed delivery or POST is retried with exponential backoff\n"
	    "(outbox_retry_seconds, doubling) and marked failed after outbox_max_attempts\n"
	    "attempts.  --once: handle what is due, then exit.  SIGTERM finishes the item\n"
	    "in hand, then exits.\n\n"
	    "Webhooks: each due event is POSTed to its endpoint in the Standard Webhooks\n"
	    "layout (webhook_timeout_seconds), retried likewise; an endpoint whose\n"
	    "deliveries fail webhook_disable_after times in a row is disabled and its\n"
	    "reseller's administrators are e-mailed.\n");
}

static void invoice_pass(struct db *db, const char *today);

static unsigned
jitter(void)
{
	unsigned r = 0;

	if (getrandom(&r, sizeof(r), 0) != (ssize_t)sizeof(r))
		r = (unsigned)time(NULL);
	return r;
}

/*
 * daily_pass - the daily billing pass for today unless *done_for is
 * today already; a failure, or another worker running it, is logged and
 * tried again WORKER_DAILY_RETRY_SECONDS later (*retry_at).
 */
static void
daily_pass(struct db *db, char done_for[11], time_t *retry_at)
{
	struct billing_daily_result res;
	struct actor sys;
	char today[11], line[512];
	enum core_err er;

	billing_daily_today(db, today);
	if (strcmp(today, done_for) == 0 || time(NULL) < *retry_at)
		return;
	actor_system(&sys, 0);
	if ((er = billing_daily(db, &sys, today, &res)) == CORE_OK) {
		memcpy(done_for, today, 11);
		if (!res.already)
			fprintf(stderr, "worker: daily pass %s\n", billing_daily_summary(&res, line, sizeof(line)));
		invoice_pass(db, today);
		return;
	}
	*retry_at = time(NULL) + WORKER_DAILY_RETRY_SECONDS;
	if (er == CORE_CONFLICT)
		fprintf(stderr, "worker: daily pass %s: another worker runs it\n", today);
	else
		fprintf(stderr, "worker: daily pass %s: %s: %s\n", today, core_strerror(er), db_error(db));
}

/*
 * invoice_pass - after the daily pass for today ("YYYY-MM-DD", its clock),
 * when today is a month's first day: the invoices of the month before
 * (invoice_run_month, all distributors).  Idempotent; a failure is
 * logged, and a month the worker missed is issued with `shelf billing
 * invoice`.
 */
static void
invoice_pass(struct db *db, const char *today)
{
	struct invoice_run_result res;
	struct actor sys;
	char month[24];	/* "YYYY-MM" */
	int y = atoi(today), m = atoi(today + 5) - 1;
	enum core_err er;

	if (strcmp(today + 8, "01") != 0)
		return;
	if (m == 0) {
		m = 12;
		y--;
	}
	snprintf(month, sizeof(month), "%04d-%02d", y, m);
	actor_system(&sys, 0);
	if ((er = invoice_run_month(db, &sys, month, &res)) != CORE_OK)
		fprintf(stderr, "worker: invoices %s: %s: %s\n", month, core_strerror(er), db_error(db));
	else if (res.issued > 0)
		fprintf(stderr, "worker: invoices %s: %d issued, their e-mails queued\n", month, res.issued);
	invoice_run_result_free(&res);
}

/* deliver - one claimed row, outcome recorded and logged; CORE_OK unless recording it failed. */
static enum core_err
deliver(struct db *db, struct mailer *m, const struct config *cfg, const struct outbox_item *it)
{
	char theme[64], to[300] = "", why[512] = "";
	struct buf msg = { NULL, 0, 0 };
	enum core_err er, rec;
	int delay, give_up;

	if ((er = outbox_theme(db, it->reseller_id, theme, sizeof(theme))) != CORE_OK)
		snprintf(why, sizeof(why), "reading the reseller's theme: %s", db_error(db));
	else if ((er = mailer_render(m, theme, it->id, it->payload, time(NULL), &msg, to, sizeof(to), why,
	    sizeof(why))) == CORE_OK)
		er = mailer_send(m, to, msg.data, msg.len, why, sizeof(why));
	buf_free(&msg);
	if (er == CORE_OK) {
		if ((rec = outbox_sent(db, it->id)) == CORE_OK)
			fprintf(stderr, "worker: id=%lld kind=email attempt=%d outcome=sent to=%s\n",
			    (long long)it->id, it->attempts, to);
		else
			fprintf(stderr, "worker: id=%lld kind=email attempt=%d outcome=sent, not recorded: %s\n",
			    (long long)it->id, it->attempts, db_error(db));
		return rec;
	}
	give_up = er == CORE_INVALID || it->attempts >= cfg->outbox_max_attempts;
	delay = outbox_backoff(cfg->outbox_retry_seconds, it->attempts, jitter());
	if ((rec = outbox_failed(db, it->id, why, give_up ? 0 : delay, give_up)) != CORE_OK)
		fprintf(stderr, "worker: id=%lld kind=email attempt=%d outcome=error, not recorded: %s (%s)\n",
		    (long long)it->id, it->attempts, why, db_error(db));
	else if (give_up)
		fprintf(stderr, "worker: id=%lld kind=email attempt=%d outcome=failed: %s\n",
		    (long long)it->id, it->attempts, why);
	else
		fprintf(stderr, "worker: id=%lld kind=email attempt=%d outcome=retry in %ds: %s\n",
		    (long long)it->id, it->attempts, delay, why);
	return rec;
}

int
cmd_worker(int argc, char **argv)
{
	struct config cfg;
	struct db *db = NULL;
	struct mailer *m = NULL;
	struct fulfil_http *h = NULL;
	struct webhook_sender *ws = NULL;
	struct fulfil_work_log log;
	struct outbox_item it;
	struct sigaction sa;
	time_t daily_retry = 0;
	char why[512], daily_done[11] = "", line[1024];
	enum core_err er;
	int i, once = 0, n, did, hooked, due, busy = 0, rc = 1;

	if (cmd_wants_help(argc, argv)) {
		usage(stdout);
		return 0;
	}
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--once") == 0)
			once = 1;
		else {
			fprintf(stderr, "shelf worker: unexpected argument '%s'\n", argv[i]);
			usage(stderr);
			return 2;
		}
	}
	/* first: a SIGTERM while starting stops the worker as cleanly as one later */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;	/* no SA_RESTART: the poll's sleep ends at once */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	if (cli_open(&cfg, &db) != 0)
		return 1;
	if ((m = mailer_new(&cfg, why, sizeof(why))) == NULL) {
		fprintf(stderr, "shelf worker: %s\n", why);
		goto out;
	}
	if ((h = fulfil_http_new(&cfg)) == NULL) {
		fprintf(stderr, "shelf worker: cannot initialise libcurl\n");
		goto out;
	}
	if ((ws = webhook_sender_new(&cfg)) == NULL) {
		fprintf(stderr, "shelf worker: cannot initialise libcurl\n");
		goto out;
	}
	if (!once)
		fprintf(stderr, "worker: started (smtp %s, fulfil %s, every %ds)\n", cfg.smtp_url,
		    cfg.fulfil_url[0] ? cfg.fulfil_url : "(no fulfil_url: http tasks fail)", WORKER_POLL_SECONDS);
	while (!stopping) {
		daily_pass(db, daily_done, &daily_retry);
		memset(&it, 0, sizeof(it));
		did = hooked = 0;
		if ((er = outbox_claim(db, OUTBOX_EMAIL, 1, &it, &n)) == CORE_OK && n == 1) {
			er = deliver(db, m, &cfg, &it);
			outbox_items_free(&it, 1);
		}
		if (er == CORE_OK && !stopping) {
			er = fulfil_work_once(db, h, &cfg, jitter(), &did, &log);
			if (did)
				fprintf(stderr, "worker: id=%lld kind=%s attempt=%d outcome=%s%s\n", (long long)log.id,
				    log.kind != NULL ? log.kind : "fulfil", log.attempt, er == CORE_OK ? "" : "error, not recorded: ",
				    er == CORE_OK ? log.outcome : core_strerror(er));
		}
		if (er == CORE_OK && !stopping) {
			er = webhook_send_once(db, ws, jitter(), &hooked, line, sizeof(line));
			if (hooked)
				fprintf(stderr, "worker: %s\n", line);
		}
		if (er != CORE_OK) {
			fprintf(stderr, "worker: database: %s: %s\n", core_strerror(er), db_error(db));
			if (once)
				goto out;
		}
		if (er == CORE_OK && (n == 1 || did || hooked))
			continue;
		if (once) {
			/*
			 * Nothing was claimed; rows still due are held by another
			 * worker's claim for a moment (outbox_any_due): try again
			 * shortly, for at most ONCE_BUSY_TRIES, rather than leave them.
			 */
			if (er == CORE_OK && busy < ONCE_BUSY_TRIES && outbox_any_due(db, &due) == CORE_OK && due) {
				busy++;
				nanosleep(&ONCE_BUSY_PAUSE, NULL);
				continue;
			}
			break;
		}
		sleep(WORKER_POLL_SECONDS);
	}
	if (!once)
		fprintf(stderr, "worker: stopped\n");
	rc = 0;
out:
	webhook_sender_free(ws);
	fulfil_http_free(h);
	mailer_free(m);
	db_close(db);
	return rc;
}
