#include <stdlib.h>
#include "outbox.h"

enum { OUTBOX_INSERT, OUTBOX_STMT__MAX };

static const char *const sql[OUTBOX_STMT__MAX] = {
	[OUTBOX_INSERT] = "INSERT INTO outbox (kind, reseller_id, payload) VALUES (?, ?, ?)",
};

static const struct db_table table = { DB_MOD_OUTBOX, sql, OUTBOX_STMT__MAX };

static const char *const kinds[OUTBOX__MAX] = {
	[OUTBOX_EMAIL] = "email",
	[OUTBOX_WEBHOOK] = "webhook",
	[OUTBOX_PROVISION] = "provision",
};

enum core_err
outbox_enqueue(struct db *db, enum outbox_kind kind, int64_t reseller_id, const json_t *payload, int64_t *id)
{
	char *text;
	enum core_err er;

	if (kind < 0 || kind >= OUTBOX__MAX || payload == NULL)
		return CORE_INVALID;
	if ((text = json_dumps(payload, JSON_COMPACT | JSON_SORT_KEYS)) == NULL)
		return CORE_ENOMEM;
	er = db_exec(db, &table, OUTBOX_INSERT, NULL, "sIs", kinds[kind], reseller_id, text);
	free(text);
	if (er == CORE_OK && id != NULL)
		*id = (int64_t)db_insert_id(db);
	return er;
}

enum core_err
outbox_email(struct db *db, int64_t reseller_id, const char *to, const char *subject,
    const char *template_name, const json_t *data)
{
	json_t *p;
	enum core_err er;

	p = json_pack("{s:s, s:s, s:s, s:O?}", "to", to, "subject", subject,
	    "template", template_name, "data", (json_t *)data);
	if (p == NULL)
		return CORE_ENOMEM;
	er = outbox_enqueue(db, OUTBOX_EMAIL, reseller_id, p, NULL);
	json_decref(p);
	return er;
}
