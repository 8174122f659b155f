/*
 * fulfil_work.c - the worker's share of fulfilment (fulfil_work.h).
 */
#include <stdio.h>
#include <string.h>
#include <jansson.h>
#include "fulfil_work.h"
#include "keys.h"
#include "outbox.h"

/* provision - one claimed OUTBOX_PROVISION row {order_id}. */
static enum core_err
provision(struct db *db, const struct actor *sys, const struct outbox_item *it, struct fulfil_work_log *log)
{
	char why[CORE_WHY] = "";
	json_int_t order_id = 0;
	json_t *j;
	enum core_err er;
	int started = 0;

	j = json_loads(it->payload, 0, NULL);
	if (json_unpack(j, "{s:I}", "order_id", &order_id) != 0 || order_id <= 0) {
		json_decref(j);
		snprintf(log->outcome, sizeof(log->outcome), "failed: the payload names no order_id");
		return outbox_failed(db, it->id, "the payload names no order_id", 0, 1);
	}
	json_decref(j);
	if ((er = fulfil_started(db, sys, (int64_t)order_id, it->id, &started, why)) != CORE_OK)
		return er;
	if (started)
		snprintf(log->outcome, sizeof(log->outcome), "started order_id=%lld", (long long)order_id);
	else
		snprintf(log->outcome, sizeof(log->outcome), "skipped order_id=%lld: %s", (long long)order_id,
		    why[0] ? why : "nothing to start");
	return CORE_OK;
}

/* task - one claimed keys or http task. */
static enum core_err
task(struct db *db, struct fulfil_http *h, const struct config *cfg, unsigned random, const struct actor *sys,
    const struct fulfil_task *t, struct fulfil_work_log *log)
{
	struct fulfil_http_reply out;
	enum fulfil_status st = FULFIL_QUEUED;
	char why[CORE_WHY] = "";
	enum core_err er;
	int delay = 0;

	if (strcmp(t->connector, "keys") == 0) {
		log->kind = "keys";
		er = keys_assign(db, sys, t->id, &st, why);
	} else {
		log->kind = "http";
		fulfil_http_post(h, t, &out);	/* outside any transaction */
		delay = outbox_backoff(cfg->outbox_retry_seconds, t->attempts, random);
		er = fulfil_http_record(db, sys, t, &out, cfg->outbox_max_attempts, delay, &st, why);
		if (er == CORE_OK && st == FULFIL_QUEUED)
			snprintf(log->outcome, sizeof(log->outcome), "retry in %ds: %s", delay, out.error);
		else if (er == CORE_OK && st == FULFIL_FAILED)
			snprintf(log->outcome, sizeof(log->outcome), "failed: %s", out.error);
		else if (er == CORE_OK)
			snprintf(log->outcome, sizeof(log->outcome), "done vendor_ref=%s", out.vendor_ref);
	}
	if (er == CORE_CONFLICT) {	/* settled meanwhile by someone else: nothing to do */
		snprintf(log->outcome, sizeof(log->outcome), "skipped: %s", why);
		return CORE_OK;
	}
	if (er != CORE_OK)
		return er;
	if (log->outcome[0] == '\0') {
		if (st == FULFIL_WAITING)
			snprintf(log->outcome, sizeof(log->outcome), "waiting: no licence keys in stock for %s", t->sku);
		else
			snprintf(log->outcome, sizeof(log->outcome), "%s", fulfil_status_name(st));
	}
	return CORE_OK;
}

enum core_err
fulfil_work_once(struct db *db, struct fulfil_http *h, const struct config *cfg, unsigned random, int *did,
    struct fulfil_work_log *log)
{
	struct outbox_item it;
	struct fulfil_task t;
	struct actor sys;
	enum core_err er;
	int n = 0, found = 0;

	*did = 0;
	memset(log, 0, sizeof(*log));
	actor_system(&sys, 0);
	memset(&it, 0, sizeof(it));
	if ((er = outbox_claim(db, OUTBOX_PROVISION, 1, &it, &n)) != CORE_OK)
		return er;
	if (n == 1) {
		*did = 1;
		log->id = it.id;
		log->kind = "provision";
		log->attempt = it.attempts;
		er = provision(db, &sys, &it, log);
		outbox_items_free(&it, 1);
		return er;
	}
	if ((er = fulfil_claim(db, &t, &found)) != CORE_OK || !found)
		return er;
	*did = 1;
	log->id = t.id;
	log->attempt = t.attempts;
	return task(db, h, cfg, random, &sys, &t, log);
}
