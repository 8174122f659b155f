/*
 * audit.h - the audit log: every change by a person leaves a row with
 * who (actor), what (action, entity, id), and the entity before and
 * after as JSON.  Call it inside the transaction that makes the change,
 * so the change and its audit row commit or roll back together.
 */
#ifndef SHELF_AUDIT_H
#define SHELF_AUDIT_H

#include <stdint.h>
#include <jansson.h>
#include "actor.h"
#include "db.h"

/*
 * audit_write - append one row.  reseller_id is the tenant the change
 * belongs to (0: none, e.g. a distributor catalog change).  before and
 * after may be NULL; they are borrowed (serialised, not kept).
 */
enum core_err audit_write(struct db *db, const struct actor *a, int64_t reseller_id,
    const char *action, const char *entity, int64_t entity_id,
    const json_t *before, const json_t *after);

/*
 * audit_change - audit_write of a change with both states, taking the
 * references to before and after (released here, whatever happens).
 * Either NULL (the caller's json_pack ran out of memory) writes nothing
 * and is CORE_ENOMEM, so a caller packs both and returns this.
 */
enum core_err audit_change(struct db *db, const struct actor *a, int64_t reseller_id,
    const char *action, const char *entity, int64_t entity_id, json_t *before, json_t *after);

/*
 * audit_added - audit_write of something new (no before), taking the
 * reference to after (released here); NULL after is CORE_ENOMEM.
 */
enum core_err audit_added(struct db *db, const struct actor *a, int64_t reseller_id,
    const char *action, const char *entity, int64_t entity_id, json_t *after);

#endif
