/*
 * outbox.h - work for the worker: e-mails, webhooks, provisioning calls.
 * A row is queued inside the transaction of the change that causes it,
 * so the message goes out if and only if the change committed.
 */
#ifndef SHELF_OUTBOX_H
#define SHELF_OUTBOX_H

#include <stdint.h>
#include <jansson.h>
#include "db.h"

enum outbox_kind { OUTBOX_EMAIL, OUTBOX_WEBHOOK, OUTBOX_PROVISION, OUTBOX__MAX };

/*
 * outbox_enqueue - queue payload (borrowed; serialised) of kind for
 * reseller_id (0: none).  *id gets the row id when id is not NULL.
 */
enum core_err outbox_enqueue(struct db *db, enum outbox_kind kind, int64_t reseller_id,
    const json_t *payload, int64_t *id);

/*
 * outbox_email - convenience: queue an e-mail {to, subject, template, data}.
 * template names a theme-independent mail template; data is borrowed.
 */
enum core_err outbox_email(struct db *db, int64_t reseller_id, const char *to,
    const char *subject, const char *template_name, const json_t *data);

#endif
