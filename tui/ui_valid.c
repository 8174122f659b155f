/*
 * ui_valid.c - form validators several screens share (ui_validate_fn);
 * the rules are core's (contact_*), only the messages are the form's.
 */
#include <stdio.h>
#include "country.h"
#include "str.h"
#include "ui.h"

int
ui_invalid_if(int bad, char *msg, size_t sz, const char *why)
{
	if (!bad)
		return 0;
	snprintf(msg, sz, "%s", why);
	return -1;
}

int
ui_valid_name(const struct ui_form *f, const char *v, char *msg, size_t sz)
{
	return ui_invalid_if(!str_text_valid(v, 1, 200, 0), msg, sz, "1 to 200 characters.");
}

int
ui_valid_email(const struct ui_form *f, const char *v, char *msg, size_t sz)
{
	return ui_invalid_if(!str_email_valid(v), msg, sz, "An e-mail address like name@example.com.");
}

int
ui_valid_country(const struct ui_form *f, const char *v, char *msg, size_t sz)
{
	(void)f;
	if (v[0] && !country_valid(v)) {
		snprintf(msg, sz, "No country matches '%.60s': type its name or its two-letter code.", v);
		return -1;
	}
	return 0;
}

#define COUNTRY_MATCHES 32	/* the matches Left/Right walk ("s" has more) */

int
ui_lookup_country(const char *query, int n, char *value, size_t vsz, char *label, size_t lsz)
{
	const struct country *c[COUNTRY_MATCHES];
	size_t found = country_search(query, c, COUNTRY_MATCHES);

	if (found > COUNTRY_MATCHES)
		found = COUNTRY_MATCHES;
	if (n >= 0 && (size_t)n < found) {
		if (value)
			snprintf(value, vsz, "%s", c[n]->code);
		if (label)
			snprintf(label, lsz, "%s  %s", c[n]->code, c[n]->name);
	}
	return (int)found;
}
