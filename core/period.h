/*
 * period.h - the billing period of a product, an order line or a
 * subscription: one enum, one table of its names and labels.
 *
 * In the database every billing_period column is the same
 * ENUM('monthly','annual','one_time') (products since 001, subscriptions
 * since 004; a subscription is never 'one_time', a CHECK says so), and
 * period_name() gives exactly those words.  Labels are for people and
 * the same everywhere: the storefront's product, cart, order and
 * subscription pages and the TUI take them from here.
 */
#ifndef SHELF_PERIOD_H
#define SHELF_PERIOD_H

enum period {
	PERIOD_MONTHLY,
	PERIOD_ANNUAL,
	PERIOD_ONE_TIME,
	PERIOD__MAX
};

/* A subscription's term in months, SQL, on the billing_period column col: 12 for annual, else 1. */
#define PERIOD_SQL_MONTHS(col) "IF(" col " = 'annual', 12, 1)"

/* The stored names in enum order, then NULL (a form's choice list). */
extern const char *const period_names[PERIOD__MAX + 1];

/* period_name - "monthly", "annual", "one_time" (as stored); "monthly" for a bad value. */
const char *period_name(enum period p);

/* period_label - "Monthly", "Annual", "One-time"; "" for a bad value. */
const char *period_label(enum period p);

/*
 * period_suffix - what follows a price: "/ month", "/ year", "one-time";
 * "" for a bad value.
 */
const char *period_suffix(enum period p);

/* period_words - "per month", "per year", "" (one-time: nothing to say); "" for a bad value. */
const char *period_words(enum period p);

/* period_parse - the period named by its stored name, or -1 (NULL too). */
int period_parse(const char *s);

/* period_of - period_parse, with PERIOD_MONTHLY for an unknown name (rows read from the schema's ENUM). */
enum period period_of(const char *s);

/* period_recurring - 1 for monthly and annual, 0 for one-time. */
int period_recurring(enum period p);

#endif
