/*
 * country.h - ISO 3166-1 alpha-2 country codes with their English short
 * names: the one table behind the customer form's type-ahead and core's
 * validation of a country (customers.country, resellers.country).
 *
 * The codes are the officially assigned ones (249, as in Debian's
 * iso-codes); names are the common short name where ISO's is long
 * ("Bolivia", not "Bolivia, Plurinational State of").  Pure functions
 * over static data: no allocation, no database.
 */
#ifndef SHELF_COUNTRY_H
#define SHELF_COUNTRY_H

#include <stddef.h>

struct country {
	const char *code;	/* "NL": two upper-case ASCII letters */
	const char *name;	/* "Netherlands": UTF-8 */
};

/* country_count - how many countries the table holds. */
size_t country_count(void);

/* country_at - the i-th country in code order, or NULL past the end. */
const struct country *country_at(size_t i);

/* country_by_code - the country with this code (exactly: upper case), or NULL; NULL code gives NULL. */
const struct country *country_by_code(const char *code);

/* country_valid - 1 when code is an assigned alpha-2 code (upper case), else 0. */
int country_valid(const char *code);

/*
 * country_search - type-ahead: up to max countries matching query into
 * out, best first; returns how many matched in all (may exceed max).
 * Case and Latin accents are ignored ("cote" finds Côte d'Ivoire), and
 * surrounding spaces.  The order: the code itself ("nl"), then names
 * starting with the query ("Net"), then names with a word starting with
 * it ("Korea" finds "South Korea"), each tier in code order.  An empty
 * query matches nothing.  out may be NULL when max is 0.
 */
size_t country_search(const char *query, const struct country **out, size_t max);

#endif
