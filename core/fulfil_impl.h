/*
 * fulfil_impl.h - what fulfil.c shares with fulfil_queue.c (never
 * included outside core/): how a task is read.
 */
#ifndef SHELF_FULFIL_IMPL_H
#define SHELF_FULFIL_IMPL_H

#include "db.h"

/* a task with its reseller, customer, product and order line; a WHERE may follow */
#define FULFIL_TASK_SELECT \
	"SELECT f.id, f.reseller_id, r.name, f.customer_id, c.name, COALESCE(c.email, ''), f.action," \
	" f.connector, f.status, f.product_id, p.sku, p.name, COALESCE(ol.order_id, 0), COALESCE(o.number, '')," \
	" COALESCE(f.order_line_id, 0), COALESCE(ol.line_no, 0), COALESCE(f.subscription_id, 0)," \
	" COALESCE(f.m365_user_id, 0), COALESCE(f.quantity, 0), f.attempts, COALESCE(f.vendor_ref, '')," \
	" COALESCE(f.error, ''), DATE_FORMAT(f.created_at, '%Y-%m-%d %H:%i:%s')," \
	" COALESCE(DATE_FORMAT(f.done_at, '%Y-%m-%d %H:%i:%s'), ''), r.distributor_id" \
	" FROM fulfilments f JOIN resellers r ON r.id = f.reseller_id" \
	" JOIN customers c ON c.reseller_id = f.reseller_id AND c.id = f.customer_id" \
	" JOIN products p ON p.id = f.product_id" \
	" LEFT JOIN order_lines ol ON ol.id = f.order_line_id LEFT JOIN orders o ON o.id = ol.order_id"

/* the column of FULFIL_TASK_SELECT that holds the task's distributor */
#define FULFIL_TASK_DISTRIBUTOR 24

/* fulfil_task_fill - a FULFIL_TASK_SELECT row into the struct fulfil_task item (zeroed first); a db_fill_fn. */
enum core_err fulfil_task_fill(struct db_res *r, void *item);

#endif
