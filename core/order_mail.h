/*
 * order_mail.h - the e-mails of an order's life, queued in the outbox
 * (outbox.h) inside the transaction of the change that causes them, so
 * that an e-mail goes out if and only if the change committed.
 *
 *   kind               to                              template
 *   PENDING_APPROVAL   the reseller                    order_pending_approval
 *   APPROVED           the customer                    order_approved
 *   REJECTED           the customer (with the reason)  order_rejected
 *   COMPLETED          the customer (lines, keys)      order_completed
 *   FAILED             the customer (with the reason)  order_failed
 *                      and the reseller                order_failed_reseller
 *
 * The customer is the storefront user who placed the order while that
 * user is active, else the customer's e-mail address; the reseller is
 * its storefront's contact address, else the reseller's own (as the
 * contact form's messages).  Subjects name the order by its number only
 * ("Order SO-000042 approved"): no customer-supplied text reaches a
 * header.  The template data (themes/README.md, "E-mails") is
 * order_to_json's order (number, status_label, lines with name,
 * quantity, unit_price, line_total, period_label, is_trial and, where
 * the order's JSON carries them, keys, plus has_keys), and date (the
 * day it was placed), order_id, customer_name, company_name (the
 * storefront's name, else the reseller's), reason (the rejection or
 * failure reason, absent when none), order_url and subscriptions_url
 * (absolute storefront addresses made by storefront_url with the
 * configured public_url; null without a storefront).
 *
 * Who calls it: order_place (PENDING_APPROVAL) and order.c's one state
 * change function (APPROVED, REJECTED, COMPLETED, FAILED; see order.h),
 * so that every path into those states sends its e-mail.  A kind is
 * sent at most once per order: a second call for the same order and
 * kind queues nothing, so the fulfilment code may call it too.
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
 * order_mail_event - queue, in the caller's transaction, the e-mails of
 * kind for order_id (reads the order itself, as the system: the caller
 * has checked who may change it).  Call it inside db_txn after the
 * change, holding the order's row lock.  CORE_NOTFOUND for an unknown
 * order, CORE_INVALID for a bad kind, CORE_ENOMEM, database errors:
 * each fails the caller's transaction, so no change goes unannounced.
 * A recipient without an address is skipped.
 */
enum core_err order_mail_event(struct db *db, int64_t order_id, enum order_mail_kind kind);

#endif
