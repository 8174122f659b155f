/*
 * screens.h - the screens of the admin TUI, one per file, and the flows
 * they share.  Each constructor returns a new screen (owned by the
 * caller until ui_push takes it), or NULL on ENOMEM.
 */
#ifndef SHELF_SCREENS_H
#define SHELF_SCREENS_H

#include <stdint.h>
#include "dashboard.h"
#include "inspect.h"
#include "order.h"
#include "outbox_list.h"
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
/*
 * screen_inspect_change - a key of the finder or a document that would
 * change something (act UA_CHANGE, UA_UPGRADE, UA_DOWNGRADE) on the
 * account of kind (NULL: none under the cursor) and id: the edition
 * flow for a reseller, else a refusal (the inspector is read-only).
 * screen_inspect_offers - their ops->offers: edition changes for the
 * roles that may make them.
 */
void screen_inspect_change(struct ui *ui, const enum inspect_kind *kind, int64_t id, enum ui_act act);
int screen_inspect_offers(struct screen *s, enum ui_act act);

/*
 * screen_invoices.c - the invoices of a reseller with its balance and
 * overdue amount; lines, CSV export, payments (distributor admins).
 * screen_invoices_new: the reseller admin's own (its Invoices tab);
 * screen_invoices_of: reseller_id's, for the distributor admin.
 */
struct screen *screen_invoices_new(struct ui *ui);
struct screen *screen_invoices_of(struct ui *ui, int64_t reseller_id);

/* ---- the reseller admin's tabs (tenant: ui->actor's reseller) ---- */

/*
 * screen_dashboard.c - the figures and the product mix (pie or bars).
 * screen_dashboard_of: the loaded dashboard (NULL when refused) and how
 * long the last load took; screen_dashboard_pie: 1 when a body width
 * columns wide draws a pie (colours on, wide enough), 0 for bars.
 */
struct screen *screen_dashboard_new(struct ui *ui);
const struct dashboard *screen_dashboard_of(struct screen *s, double *open_ms);
int screen_dashboard_pie(const struct ui *ui, int width);

/*
 * screen_vendor.c - the distributor's products: stats, category tags,
 * Listed/Unlisted tabs, search; list/unlist and markups for the product
 * under the cursor or the marked ones.  screen_vendor_marked: how many
 * are marked; screen_vendor_tab: 0 Listed, 1 Unlisted.
 */
struct screen *screen_vendor_new(struct ui *ui);
size_t screen_vendor_marked(struct screen *s);
int screen_vendor_tab(struct screen *s);

/* screen_storefront.c - general, look and feel (theme, skin, homepage sections), contact page. */
struct screen *screen_storefront_new(struct ui *ui);
/* screen_sections.c - the homepage sections editor (pushed by the storefront screen). */
struct screen *screen_sections_new(struct ui *ui);
/* screen_theme.c - the theme and skin picker (pushed by the storefront screen). */
struct screen *screen_theme_new(struct ui *ui);

/* screen_customers.c - figures and the list; screen_customer.c - one customer; screen_users.c - its storefront users. */
struct screen *screen_customers_new(struct ui *ui);
struct screen *screen_customer_new(struct ui *ui, int64_t id);
struct screen *screen_users_new(struct ui *ui, int64_t customer_id, const char *customer_name);
/* screen_contacts.c - a customer's contact persons: invite, disable. */
struct screen *screen_contacts_new(struct ui *ui, int64_t customer_id, const char *customer_name);
/*
 * screen_customers_edit - the add (id 0) or edit form of a customer;
 * screen_customers_flag - confirm, then turn "orders need approval"
 * (approval = 1) or "active" (approval = 0) to on.  The list and the
 * detail both start them.
 */
void screen_customers_edit(struct ui *ui, int64_t id);
void screen_customers_flag(struct ui *ui, int64_t id, const char *name, int approval, int on);

/* tui_currency (screen_customers.c) - the reseller admin's currency, read once per session. */
const char *tui_currency(struct ui *ui);

/* screen_orders.c - the approval queue (or all orders); screen_order.c - one order. */
struct screen *screen_orders_new(struct ui *ui);
struct screen *screen_order_new(struct ui *ui, int64_t id);
/* screen_orders_decide - approve (confirm) or reject (a reason) order id, from the queue or the detail. */
void screen_orders_decide(struct ui *ui, int64_t id, const char *number, enum order_status status, int approve);

/* screen_messages.c - the contact-form inbox; opening a message marks it read. */
struct screen *screen_messages_new(struct ui *ui);

/* screen_apiclients.c - Marketplace API credentials: create (secret shown once), revoke. */
struct screen *screen_apiclients_new(struct ui *ui);
/* screen_webhooks.c - webhook endpoints (`w` in the API tab): add, edit, disable/enable, rotate, delete, the delivery log. */
struct screen *screen_webhooks_new(struct ui *ui);

/*
 * screen_operators.c - the Operators tab (distributor admins: every
 * operator of the distributor; reseller admins: their reseller's): add,
 * disable.
 */
struct screen *screen_operators_new(struct ui *ui);

/*
 * screen_resellers_edit - the add (r NULL) or edit form of a reseller;
 * screen_resellers_status - confirm, then suspend or resume r.  The
 * list and the detail both start them.  r is copied.
 */
void screen_resellers_edit(struct ui *ui, const struct reseller *r);
void screen_resellers_status(struct ui *ui, const struct reseller *r);

/* ---- the distributor's outbox and fulfilment queue (admins; support reads) ---- */

/*
 * The Outbox tab's own tabs: the outbox rows of one status each, then
 * the fulfilment queue's open tasks; `t`/`T` move between them.
 */
enum outbox_tab {
	OUTBOX_TAB_PENDING = OUTBOX_PENDING,
	OUTBOX_TAB_FAILED = OUTBOX_FAILED,
	OUTBOX_TAB_SENT = OUTBOX_SENT,
	OUTBOX_TAB_FULFIL,
	OUTBOX_TAB__MAX
};

/*
 * screen_outbox.c - the outbox rows of one status (screen_outbox_new:
 * Pending), Enter for one row in full, `r` retry now (asks first).
 * screen_fulfil.c - the fulfilment queue: `d` done with the vendor's
 * reference, `f` failed with a reason.
 */
struct screen *screen_outbox_new(struct ui *ui);
struct screen *screen_fulfil_new(struct ui *ui);

/* screen_outbox_counts - what each tab counts (the fulfilment tab: open tasks) into n; -1 where core refused. */
void screen_outbox_counts(struct ui *ui, int64_t n[OUTBOX_TAB__MAX]);

/* screen_outbox_tabs_draw - the tab strip on line y of w, tab current bracketed, with the counts n. */
void screen_outbox_tabs_draw(WINDOW *w, int y, int width, int current, const int64_t n[OUTBOX_TAB__MAX]);

/*
 * screen_outbox_switch - UA_VIEW (next) or UA_VIEW_PREV from tab
 * current: the screen of that tab replaces the top one.  Other actions:
 * UI_IGNORED.
 */
int screen_outbox_switch(struct ui *ui, int current, enum ui_act act);

/*
 * edition.c - the upgrade (up = 1) and downgrade flows from the list and
 * the detail: a form choosing the edition (and, for a first upgrade, the
 * storefront slug, prefilled from reseller_slugify), a confirmation, then
 * reseller_set_edition.  Roles that may not change editions are told so
 * on the status line (core's actor_may answers).  r is copied.
 */
void edition_begin(struct ui *ui, const struct reseller *r, int up);

/*
 * edition_offers - 1 when ui's actor may change editions (core's
 * actor_may) and r (NULL: any reseller) can move that way.
 */
int edition_offers(struct ui *ui, const struct reseller *r, int up);

/* edition_url - the storefront URL of r into out ("" when it never had one), online or not. */
const char *edition_url(struct ui *ui, const struct reseller *r, char *out, size_t n);

/*
 * edition_live_url - for lists: r's storefront URL when it answers
 * (core's storefront_live_url), "(offline)" when it has one that does
 * not, "" when it never had one.
 */
const char *edition_live_url(struct ui *ui, const struct reseller *r, char *out, size_t n);

/* Navigation rows shared by the list screens (in each table, so help and footer show them). */
#define LIST_KEYS \
	{ UA_UP,   { 'k', UK(KEY_UP) },                "k/Up",    NULL, "previous row" }, \
	{ UA_DOWN, { 'j', UK(KEY_DOWN) },              "j/Down",  NULL, "next row" }, \
	{ UA_PGUP, { UK(KEY_PPAGE), UI_CTRL('b') },    "PgUp",    NULL, "previous page" }, \
	{ UA_PGDN, { UK(KEY_NPAGE), UI_CTRL('f'), ' ' }, "PgDn",  NULL, "next page" }, \
	{ UA_HOME, { 'g', UK(KEY_HOME) },              "g/Home",  NULL, "first row" }, \
	{ UA_END,  { 'G', UK(KEY_END) },               "G/End",   NULL, "last row" }

/* The same without Space (screens where Space marks a row). */
#define LIST_NAV_KEYS \
	{ UA_UP,   { 'k', UK(KEY_UP) },                "k/Up",    NULL, "previous row" }, \
	{ UA_DOWN, { 'j', UK(KEY_DOWN) },              "j/Down",  NULL, "next row" }, \
	{ UA_PGUP, { UK(KEY_PPAGE), UI_CTRL('b') },    "PgUp",    NULL, "previous page" }, \
	{ UA_PGDN, { UK(KEY_NPAGE), UI_CTRL('f') },    "PgDn",    NULL, "next page" }, \
	{ UA_HOME, { 'g', UK(KEY_HOME) },              "g/Home",  NULL, "first row" }, \
	{ UA_END,  { 'G', UK(KEY_END) },               "G/End",   NULL, "last row" }

/* The tabs each role gets. */
int tui_tabs(const struct actor *a, const struct ui_tab **tabs);

/* tui_setup - open the tabs, with the role's title-bar labels (counts of what waits). */
void tui_setup(struct ui *ui, const struct ui_tab *tabs, int n);

/*
 * doc_lines - a document as text lines (malloc'd; ui_lines_free), the
 * same for the TUI and `shelf inspect`: sanitized, tables aligned to at
 * most width columns.
 */
int doc_lines(const struct inspect_doc *d, int width, char ***lines);

/*
 * screen_media.c - the media picker of the operator's tenant (core/media.h):
 * list, add from a file.  screen_media_new browses (Enter shows the URL);
 * screen_media_pick calls pick(ui, media, ctx) with the image chosen with
 * Enter, then closes; ctx_free(ctx) runs when the picker goes, picked or
 * not (also when it cannot be made: NULL returned).
 */
struct media;
typedef void (*screen_media_pick_fn)(struct ui *ui, const struct media *m, void *ctx);
struct screen *screen_media_new(struct ui *ui);
struct screen *screen_media_pick(struct ui *ui, screen_media_pick_fn pick, void *ctx, void (*ctx_free)(void *));

#endif
