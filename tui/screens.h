/*
 * screens.h - the screens of the admin TUI, one per file, and the flows
 * they share.  Each constructor returns a new screen (owned by the
 * caller until ui_push takes it), or NULL on ENOMEM.
 */
#ifndef SHELF_SCREENS_H
#define SHELF_SCREENS_H

#include <stdint.h>
#include "inspect.h"
#include "reseller.h"
#include "ui.h"

/* screen_resellers.c - the distributor's reseller list (search, edition filter, sort). */
struct screen *screen_resellers_new(struct ui *ui);
/* screen_resellers_list - the list state of a reseller list screen (tests). */
struct ui_list *screen_resellers_list(struct screen *s);

/* screen_reseller.c - one reseller: details, storefront, edition history. */
struct screen *screen_reseller_new(struct ui *ui, int64_t id);

/* screen_reports.c - resellers by edition with upgrade date and operator; CSV export. */
struct screen *screen_reports_new(struct ui *ui);

/* screen_catalog.c - the distributor's products; add and edit. */
struct screen *screen_catalog_new(struct ui *ui);

/* screen_inspect.c - support's finder; screen_doc.c - one account's document. */
struct screen *screen_inspect_new(struct ui *ui);
struct screen *screen_doc_new(struct ui *ui, enum inspect_kind kind, int64_t id);

/* screen_home.c - a reseller admin's own reseller. */
struct screen *screen_home_new(struct ui *ui);

/*
 * edition.c - the upgrade (up = 1) and downgrade flows from the list and
 * the detail: a form choosing the edition (and, for a first upgrade, the
 * storefront slug, prefilled from reseller_slugify), a confirmation, then
 * reseller_set_edition.  Roles that may not change editions are told so
 * on the status line (core's actor_may answers).  r is copied.
 */
void edition_begin(struct ui *ui, const struct reseller *r, int up);

/* edition_url - the storefront URL of r into out ("" when it never had one). */
const char *edition_url(struct ui *ui, const struct reseller *r, char *out, size_t n);

/* Navigation rows shared by the list screens (in each table, so help and footer show them). */
#define LIST_KEYS \
	{ UA_UP,   { 'k', UK(KEY_UP) },                "k/Up",    NULL, "previous row" }, \
	{ UA_DOWN, { 'j', UK(KEY_DOWN) },              "j/Down",  NULL, "next row" }, \
	{ UA_PGUP, { UK(KEY_PPAGE), UI_CTRL('b') },    "PgUp",    NULL, "previous page" }, \
	{ UA_PGDN, { UK(KEY_NPAGE), UI_CTRL('f'), ' ' }, "PgDn",  NULL, "next page" }, \
	{ UA_HOME, { 'g', UK(KEY_HOME) },              "g/Home",  NULL, "first row" }, \
	{ UA_END,  { 'G', UK(KEY_END) },               "G/End",   NULL, "last row" }

/* The tabs each role gets. */
int tui_tabs(const struct actor *a, const struct ui_tab **tabs);

/*
 * doc_lines - a document as text lines (malloc'd; ui_lines_free), the
 * same for the TUI and `shelf inspect`: sanitized, tables aligned to at
 * most width columns.
 */
int doc_lines(const struct inspect_doc *d, int width, char ***lines);

#endif
