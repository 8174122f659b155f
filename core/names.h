/*
 * names.h - the names and labels of an enum, from one X-macro list.
 *
 * A module lists its enum once, in its header, as
 *
 *	#define ORDER_STATUSES(X) \
 *		X(ORDER_PENDING_APPROVAL, "pending_approval", "Awaiting approval", ...) \
 *		...
 *	enum order_status { ORDER_STATUSES(NAMES_SYM) ORDER_STATUS__MAX };
 *
 * each entry the symbol, its name (as stored in the database and sent in
 * JSON) and its label (for people), then anything else the module keeps
 * per value.  Its .c file makes the tables with NAMES_NAME / NAMES_LABEL
 * and the name, label and parse functions with NAMES_FN_NAME and
 * NAMES_FN_PARSE, so the three cannot drift (as core/err.h does for
 * errors).
 */
#ifndef SHELF_NAMES_H
#define SHELF_NAMES_H

/* The columns of an entry X(sym, name, label, ...). */
#define NAMES_SYM(sym, ...)              sym,
#define NAMES_NAME(sym, name, ...)       [sym] = name,
#define NAMES_LABEL(sym, name, label, ...) [sym] = label,

/* names_get - table[i], or dflt when i is not in 0..n-1. */
const char *names_get(const char *const *table, int n, int i, const char *dflt);

/* names_find - the index of s in table[0..n-1], or -1 (also for NULL). */
int names_find(const char *const *table, int n, const char *s);

/* NAMES_FN_NAME - define `const char *fn(type v)`: table[v], or dflt when v is out of range. */
#define NAMES_FN_NAME(fn, type, table, n, dflt) \
	const char *fn(type v) { return names_get(table, n, (int)v, dflt); }

/* NAMES_FN_PARSE - define `int fn(const char *s)`: the value named s, or -1. */
#define NAMES_FN_PARSE(fn, table, n) \
	int fn(const char *s) { return names_find(table, n, s); }

#endif
