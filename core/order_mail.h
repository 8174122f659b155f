/*
 * order_mail.h - the e-mails an order's life sends (the order e-mail
 * module).  This branch (fulfil) carries only the declaration and a stub
 * (order_mail.c) so that it builds and tests alone; at merge the order
 * e-mail module's own files replace both.
 */
#ifndef SHELF_ORDER_MAIL_H
#define SHELF_ORDER_MAIL_H

#include <stdint.h>
#include "db.h"

enum order_mail_kind {
	ORDER_MAIL_PENDING_APPROVAL,
	ORDER_MAIL_APPROVED,
	ORDER_MAIL_REJECTED,
	ORDER_MAIL_COMPLETED,
	ORDER_MAIL_FAILED,
	ORDER_MAIL__MAX
};

/*
 * order_mail_event - queue the e-mails of event kind of order order_id,
 * inside the caller's transaction (the outbox: sent if and only if the
 * change commits).
 */
enum core_err order_mail_event(struct db *db, int64_t order_id, enum order_mail_kind kind);

#endif
