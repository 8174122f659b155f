/*
 * cart.h - the shopping cart of a browser: product ids and quantities
 * in a cookie ("12:3.45:1"), nothing on the server.
 *
 * The cookie is only a wish list: every read checks each line against
 * the products the storefront lists now (page_cart.c), and prices are
 * always the current ones; the order itself is checked again by
 * order_place.  At most CART_LINES_MAX lines, quantities
 * 1..CART_QTY_MAX; a malformed cookie is an empty cart.
 *
 * Pure functions over strings, unit tested directly.
 */
#ifndef SHELF_CART_H
#define SHELF_CART_H

#include <stddef.h>
#include <stdint.h>
#include "buf.h"

#define CART_LINES_MAX 50
#define CART_QTY_MAX   10000

struct cart_line {
	int64_t product_id;
	int32_t quantity;
};

struct cart {
	struct cart_line lines[CART_LINES_MAX];
	size_t           n;
};

/* cart_cookie_name - "__Host-shelf_cart" over HTTPS, else "shelf_cart". */
const char *cart_cookie_name(int https);

/*
 * cart_parse - the cart of cookie value s (NULL: empty) into c.  Returns
 * 0, or -1 when s was malformed (c is then empty).  Lines of the same
 * product are merged (quantities capped at CART_QTY_MAX).
 */
int cart_parse(struct cart *c, const char *s);

/* cart_format - the cookie value of c into out (replacing it); "" for an empty cart. */
void cart_format(const struct cart *c, struct buf *out);

/* cart_find - the index of product_id's line, or -1. */
int cart_find(const struct cart *c, int64_t product_id);

/*
 * cart_add - add quantity of product_id (merged with its line).
 * Returns 0, -1 for a bad id or quantity (the sum too), -2 when the
 * cart already has CART_LINES_MAX lines.
 */
int cart_add(struct cart *c, int64_t product_id, int32_t quantity);

/* cart_set - set the line's quantity (0 removes it).  0, or -1 for no such line or a bad quantity. */
int cart_set(struct cart *c, int64_t product_id, int32_t quantity);

/* cart_remove_at - drop line i, keeping the order of the others. */
void cart_remove_at(struct cart *c, size_t i);

#endif
