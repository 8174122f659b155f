#include <string.h>
#include "cart.h"
#include "str.h"

const char *
cart_cookie_name(int https)
{
	return https ? "__Host-shelf_cart" : "shelf_cart";
}

int
cart_find(const struct cart *c, int64_t product_id)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (c->lines[i].product_id == product_id)
			return (int)i;
	return -1;
}

int
cart_add(struct cart *c, int64_t product_id, int32_t quantity)
{
	int i;

	if (product_id <= 0 || quantity < 1 || quantity > CART_QTY_MAX)
		return -1;
	if ((i = cart_find(c, product_id)) >= 0) {
		if (c->lines[i].quantity + quantity > CART_QTY_MAX)
			return -1;
		c->lines[i].quantity += quantity;
		return 0;
	}
	if (c->n == CART_LINES_MAX)
		return -2;
	c->lines[c->n].product_id = product_id;
	c->lines[c->n].quantity = quantity;
	c->n++;
	return 0;
}

void
cart_remove_at(struct cart *c, size_t i)
{
	if (i >= c->n)
		return;
	memmove(&c->lines[i], &c->lines[i + 1], (c->n - i - 1) * sizeof(c->lines[0]));
	c->n--;
}

int
cart_set(struct cart *c, int64_t product_id, int32_t quantity)
{
	int i = cart_find(c, product_id);

	if (i < 0 || quantity < 0 || quantity > CART_QTY_MAX)
		return -1;
	if (quantity == 0)
		cart_remove_at(c, (size_t)i);
	else
		c->lines[i].quantity = quantity;
	return 0;
}

int
cart_parse(struct cart *c, const char *s)
{
	char num[24];
	int64_t id, qty;
	const char *p = s, *colon, *end;
	size_t n;
	int i;

	memset(c, 0, sizeof(*c));
	if (s == NULL || *s == '\0')
		return 0;
	while (*p) {
		if ((end = strchr(p, '.')) == NULL)
			end = p + strlen(p);
		if ((colon = memchr(p, ':', (size_t)(end - p))) == NULL)
			goto bad;
		n = (size_t)(colon - p);
		if (n == 0 || n >= sizeof(num))
			goto bad;
		memcpy(num, p, n);
		num[n] = '\0';
		if (str_parse_id(num, &id) != 0)
			goto bad;
		n = (size_t)(end - colon - 1);
		if (n == 0 || n >= sizeof(num))
			goto bad;
		memcpy(num, colon + 1, n);
		num[n] = '\0';
		if (str_parse_int(num, CART_QTY_MAX, &qty) != 0)
			goto bad;
		if ((i = cart_find(c, id)) >= 0) {
			c->lines[i].quantity = (int32_t)(c->lines[i].quantity + qty > CART_QTY_MAX ?
			    CART_QTY_MAX : c->lines[i].quantity + qty);
		} else if (cart_add(c, id, (int32_t)qty) != 0)
			goto bad;
		if (*end == '\0')
			break;
		p = end + 1;
		if (*p == '\0')
			goto bad;
	}
	return 0;
bad:
	memset(c, 0, sizeof(*c));
	return -1;
}

void
cart_format(const struct cart *c, struct buf *out)
{
	size_t i;

	buf_reset(out);
	for (i = 0; i < c->n; i++)
		buf_printf(out, "%s%lld:%d", i ? "." : "", (long long)c->lines[i].product_id, (int)c->lines[i].quantity);
}
