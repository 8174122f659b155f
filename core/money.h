/*
 * money.h - amounts of money: int64_t counts of minor units (cents)
 * with an ISO-4217 currency code.  Never a float.
 *
 * Price = cost + cost x markup, where the markup is in basis points
 * (1250 = 12.50 %) and the product is rounded half-up to the minor unit
 * once per line.  Every operation checks for overflow and reports
 * CORE_RANGE rather than wrapping.
 */
#ifndef SHELF_MONEY_H
#define SHELF_MONEY_H

#include <stddef.h>
#include <stdint.h>
#include "err.h"

#define MONEY_MARKUP_MAX 100000	/* 1000.00 %: above this a markup is a typo */

/*
 * money_price - *price = cost + round_half_up(cost * markup_bp / 10000).
 * CORE_INVALID for a negative cost or markup (price is never under cost),
 * CORE_RANGE on overflow.
 */
enum core_err money_price(int64_t cost, int32_t markup_bp, int64_t *price);

/* money_mul - *out = unit * quantity; CORE_RANGE on overflow, CORE_INVALID when quantity < 0. */
enum core_err money_mul(int64_t unit, int64_t quantity, int64_t *out);

/* money_add - *out = a + b; CORE_RANGE on overflow. */
enum core_err money_add(int64_t a, int64_t b, int64_t *out);

/* money_decimals - the minor-unit digits of a currency (2 unless listed, e.g. JPY 0). */
int money_decimals(const char *currency);

/*
 * money_format - write the amount for display ("€1,234.50", "¥1,200",
 * "CHF 12.00") into buf of size n, always NUL-terminated.  Returns buf.
 */
char *money_format(int64_t amount, const char *currency, char *buf, size_t n);

/*
 * money_parse_amount - "123.45" (digits, at most the currency's decimals
 * after one point; no sign, no separators) -> minor units of currency.
 * CORE_INVALID otherwise, CORE_RANGE when it does not fit.
 */
enum core_err money_parse_amount(const char *text, const char *currency, int64_t *out);

/*
 * money_parse_markup - "12.5", "12.50", "0", "12.50%" -> basis points.
 * At most two decimals, never below 0 nor above MONEY_MARKUP_MAX:
 * CORE_INVALID otherwise.
 */
enum core_err money_parse_markup(const char *text, int32_t *bp);

/* money_format_markup - 1250 -> "12.50%"; returns buf. */
char *money_format_markup(int32_t bp, char *buf, size_t n);

#endif
