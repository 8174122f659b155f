/*
 * testlib_fulfil.h - the fixture test_fulfil.c and test_fulfil_http.c
 * share: distributor 1 with reseller 1 (and 2), distributor 2 for
 * confinement.  Reseller 1: customers 1 (no approval) and 2 (approval
 * required), storefront users 1 and 2 (owners).  Operators: 1 reseller
 * admin of 1, 3 support of distributor 1, 5 distributor admin of 1, 6
 * distributor admin of 2.  Products of distributor 1, listed by reseller
 * 1: 1 KEY1 licence monthly (keys), 2 MAN1 licence annual (manual), 3 SW1
 * software one-time (keys), 4 HTTP1 licence monthly (http).
 */
#ifndef SHELF_TESTLIB_FULFIL_H
#define SHELF_TESTLIB_FULFIL_H

#include "testlib.h"

#define TESTLIB_FULFIL_FIXTURE \
	TESTLIB_TWO_RESELLERS \
	"INSERT INTO distributors (id, name, slug, currency, email) VALUES (2, 'Other', 'other', 'EUR', 'o@example.com');" \
	"INSERT INTO operators (id, login, display_name, role, distributor_id, reseller_id) VALUES" \
	" (1, 'ra1', 'Admin One', 'reseller_admin', 1, 1), (3, 'sup', 'Support', 'support', 1, NULL)," \
	" (5, 'dist', 'Dist Admin', 'distributor_admin', 1, NULL), (6, 'other', 'Other Admin', 'distributor_admin', 2, NULL);" \
	"INSERT INTO customers (id, reseller_id, name, email, approval_required, active) VALUES" \
	" (1, 1, 'Cust One', 'c1@example.com', 0, 1), (2, 1, 'Cust Two', 'c2@example.com', 1, 1);" \
	"INSERT INTO storefront_users (id, reseller_id, customer_id, email, name, password_hash, role) VALUES" \
	" (1, 1, 1, 'u1@example.com', 'User One', 'x', 'owner'), (2, 1, 2, 'u2@example.com', 'User Two', 'x', 'owner');" \
	"INSERT INTO products (id, distributor_id, sku, name, slug, manufacturer, type, billing_period, unit_cost," \
	" currency, connector) VALUES" \
	" (1, 1, 'KEY1', 'Keyed Licence', 'key1', 'Vendor', 'license', 'monthly', 1000, 'EUR', 'keys')," \
	" (2, 1, 'MAN1', 'Manual Licence', 'man1', 'Vendor', 'license', 'annual', 9000, 'EUR', 'manual')," \
	" (3, 1, 'SW1', 'Some Software', 'sw1', 'Vendor', 'software', 'one_time', 4999, 'EUR', 'keys')," \
	" (4, 1, 'HTTP1', 'Hosted Licence', 'http1', 'Vendor', 'license', 'monthly', 500, 'EUR', 'http');" \
	"INSERT INTO listings (reseller_id, product_id, listed, markup_bp) VALUES" \
	" (1, 1, 1, 1000), (1, 2, 1, 1000), (1, 3, 1, 1000), (1, 4, 1, 1000)"

#endif
