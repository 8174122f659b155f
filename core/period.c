/* period.c - billing periods: names and labels.  See period.h. */
#include <stddef.h>
#include <string.h>
#include "names.h"
#include "period.h"

const char *const period_names[PERIOD__MAX + 1] = {
	[PERIOD_MONTHLY]  = "monthly",
	[PERIOD_ANNUAL]   = "annual",
	[PERIOD_ONE_TIME] = "one_time",
	[PERIOD__MAX]     = NULL,
};

static const struct {
	const char *label, *suffix, *words;
} periods[PERIOD__MAX] = {
	[PERIOD_MONTHLY]  = { "Monthly",  "/ month",  "per month" },
	[PERIOD_ANNUAL]   = { "Annual",   "/ year",   "per year" },
	[PERIOD_ONE_TIME] = { "One-time", "one-time", "" },
};

static int
valid(enum period p)
{
	return (int)p >= 0 && p < PERIOD__MAX;
}

const char *
period_name(enum period p)
{
	return period_names[valid(p) ? p : PERIOD_MONTHLY];
}

const char *
period_label(enum period p)
{
	return valid(p) ? periods[p].label : "";
}

const char *
period_suffix(enum period p)
{
	return valid(p) ? periods[p].suffix : "";
}

const char *
period_words(enum period p)
{
	return valid(p) ? periods[p].words : "";
}

NAMES_FN_PARSE(period_parse, period_names, PERIOD__MAX)

enum period
period_of(const char *s)
{
	int p = period_parse(s);

	return p < 0 ? PERIOD_MONTHLY : (enum period)p;
}

int
period_recurring(enum period p)
{
	return p == PERIOD_MONTHLY || p == PERIOD_ANNUAL;
}
