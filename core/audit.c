#include <stdlib.h>
#include "audit.h"

enum { AUDIT_INSERT, AUDIT__MAX };

static const char *const sql[AUDIT__MAX] = {
	[AUDIT_INSERT] =
	    "INSERT INTO audit_log (actor_kind, actor_id, actor_name, reseller_id, action, entity,"
	    " entity_id, client_ip, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
};

static const struct db_table table = { DB_MOD_AUDIT, sql, AUDIT__MAX };

enum core_err
audit_write(struct db *db, const struct actor *a, int64_t reseller_id, const char *action,
    const char *entity, int64_t entity_id, const json_t *before, const json_t *after)
{
	char *b = NULL, *f = NULL;
	enum core_err er;

	if ((before && (b = json_dumps(before, JSON_COMPACT | JSON_SORT_KEYS)) == NULL) ||
	    (after && (f = json_dumps(after, JSON_COMPACT | JSON_SORT_KEYS)) == NULL)) {
		free(b);
		return CORE_ENOMEM;
	}
	er = db_exec(db, &table, AUDIT_INSERT, NULL, "sIsIssIsss",
	    actor_kind_name(a->kind), a->id, a->name, reseller_id, action, entity, entity_id,
	    a->client_ip[0] ? a->client_ip : NULL, b, f);
	free(b);
	free(f);
	return er;
}

enum core_err
audit_change(struct db *db, const struct actor *a, int64_t reseller_id, const char *action,
    const char *entity, int64_t entity_id, json_t *before, json_t *after)
{
	enum core_err er = CORE_ENOMEM;

	if (before != NULL && after != NULL)
		er = audit_write(db, a, reseller_id, action, entity, entity_id, before, after);
	json_decref(before);
	json_decref(after);
	return er;
}

enum core_err
audit_added(struct db *db, const struct actor *a, int64_t reseller_id, const char *action,
    const char *entity, int64_t entity_id, json_t *after)
{
	enum core_err er = CORE_ENOMEM;

	if (after != NULL)
		er = audit_write(db, a, reseller_id, action, entity, entity_id, NULL, after);
	json_decref(after);
	return er;
}
