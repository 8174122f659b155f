/* tui.c - the TUI's entry: who is at the keyboard, which tabs, the loop. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"
#include "contact.h"
#include "fulfil.h"
#include "operator.h"
#include "order.h"
#include "screens.h"
#include "whoami.h"
#include "tui.h"

/* The tabs of each role: what the role works with, in the order it does. */
static const struct ui_tab distributor_tabs[] = {
	{ "Resellers", screen_resellers_new },
	{ "Reports",   screen_reports_new },
	{ "Catalog",   screen_catalog_new },
	{ "Inspect",   screen_inspect_new },
	{ "Outbox",    screen_outbox_new },
	{ "Operators", screen_operators_new },
};
/* support reads the outbox and the fulfilment queue; core refuses its changes */
static const struct ui_tab support_tabs[] = {
	{ "Inspect",   screen_inspect_new },
	{ "Resellers", screen_resellers_new },
	{ "Outbox",    screen_outbox_new },
};
/* The reseller admin's: Orders and Messages show what waits (tab_label). */
enum { RT_DASHBOARD, RT_VENDOR, RT_STOREFRONT, RT_CUSTOMERS, RT_ORDERS, RT_MESSAGES, RT_API, RT_INVOICES,
	RT_OPERATORS };
static const struct ui_tab reseller_tabs[] = {
	[RT_DASHBOARD]  = { "Dashboard",  screen_dashboard_new },
	[RT_VENDOR]     = { "Vendor",     screen_vendor_new },
	[RT_STOREFRONT] = { "Storefront", screen_storefront_new },
	[RT_CUSTOMERS]  = { "Customers",  screen_customers_new },
	[RT_ORDERS]     = { "Orders",     screen_orders_new },
	[RT_MESSAGES]   = { "Messages",   screen_messages_new },
	[RT_API]        = { "API",        screen_apiclients_new },
	[RT_INVOICES]   = { "Invoices",   screen_invoices_new },
	[RT_OPERATORS]  = { "Operators",  screen_operators_new },
};
/*
 * reseller staff: what their admins see, read-only (no API credentials,
 * no colleagues); the first six in reseller_tabs' order, so
 * reseller_tab_label's counts land on Orders and Messages.
 */
static const struct ui_tab staff_tabs[] = {
	{ "Dashboard",  screen_dashboard_new },
	{ "Vendor",     screen_vendor_new },
	{ "Storefront", screen_storefront_new },
	{ "Customers",  screen_customers_new },
	{ "Orders",     screen_orders_new },
	{ "Messages",   screen_messages_new },
	{ "Invoices",   screen_invoices_new },
};

static int
reseller_tab_label(struct ui *ui, int i, char *buf, size_t sz)
{
	int64_t n = 0;

	if (i == RT_ORDERS && order_pending_count(ui->db, ui->actor, &n) == CORE_OK && n > 0) {
		snprintf(buf, sz, "Orders (%lld)", (long long)n);
		return 1;
	}
	if (i == RT_MESSAGES && contact_unread_count(ui->db, ui->actor, &n) == CORE_OK && n > 0) {
		snprintf(buf, sz, "Messages (%lld)", (long long)n);
		return 1;
	}
	return 0;
}

/* stock_warning - a distributor admin opening the TUI learns first which keys products stop orders. */
static void
stock_warning(struct ui *ui)
{
	struct fulfil_stock_list w = { 0 };

	if (fulfil_stock_warnings(ui->db, ui->actor, &w) == CORE_OK && w.n > 0)
		ui_error(ui, "Keys out of stock: %s (%lld waiting)%s; see Outbox > Fulfilment", w.items[0].sku,
		    (long long)w.items[0].waiting, w.n > 1 ? " and more" : "");
	fulfil_stock_list_free(&w);
}

/*
 * gate - every keystroke: is the operator still let in (disabled,
 * reseller suspended)?  One primary-key read (operator_check); a
 * database that does not answer lets the key through (the screen says
 * what failed).
 */
static int
gate(struct ui *ui, char *why, size_t sz)
{
	char w[CORE_WHY] = "";

	if (operator_check(ui->db, ui->actor, w) != CORE_FORBIDDEN)
		return 0;
	snprintf(why, sz, "%s", w);
	return 1;
}

void
tui_setup(struct ui *ui, const struct ui_tab *tabs, int n)
{
	if (ui->actor && actor_reseller_operator(ui->actor))
		ui->tab_label = reseller_tab_label;
	if (ui->actor && ui->actor->kind == ACTOR_OPERATOR && ui->db)
		ui->gate = gate;
	ui_set_tabs(ui, tabs, n);
	if (ui->actor && ui->actor->role == ROLE_DISTRIBUTOR_ADMIN && ui->db)
		stock_warning(ui);
}

int
tui_tabs(const struct actor *a, const struct ui_tab **tabs)
{
	switch (a->role) {
	case ROLE_DISTRIBUTOR_ADMIN:
		*tabs = distributor_tabs;
		return (int)(sizeof(distributor_tabs) / sizeof(distributor_tabs[0]));
	case ROLE_SUPPORT:
		*tabs = support_tabs;
		return (int)(sizeof(support_tabs) / sizeof(support_tabs[0]));
	case ROLE_RESELLER_ADMIN:
		*tabs = reseller_tabs;
		return (int)(sizeof(reseller_tabs) / sizeof(reseller_tabs[0]));
	case ROLE_RESELLER_STAFF:
		*tabs = staff_tabs;
		return (int)(sizeof(staff_tabs) / sizeof(staff_tabs[0]));
	default:
		*tabs = NULL;
		return 0;
	}
}

int
tui_main(int argc, char **argv)
{
	const struct ui_tab *tabs;
	const char *operator_name = NULL;
	struct config cfg;
	struct actor a;
	struct db *db;
	struct ui ui;
	int ntabs;

	if (whoami_take_operator(&argc, argv, &operator_name, "shelf") != 0)
		return 2;
	if (argc > 1) {
		fprintf(stderr, "shelf: unexpected argument '%s' (see shelf --help)\n", argv[1]);
		return 2;
	}
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "shelf: the admin TUI needs a terminal (for scripts: shelf --help)\n");
		return 1;
	}
	if (whoami_open(&cfg, &db, operator_name, &a, "shelf") != 0)
		return 1;
	if ((ntabs = tui_tabs(&a, &tabs)) == 0) {
		fprintf(stderr, "shelf: the role %s has no screens\n", actor_role_name(a.role));
		db_close(db);
		return 1;
	}
	ui_init(&ui, db, &a, &cfg);
	ui_term_start(&ui);
	tui_setup(&ui, tabs, ntabs);
	ui_run(&ui);
	ui_done(&ui);
	ui_term_stop();
	db_close(db);
	if (ui.gated) {
		fprintf(stderr, "shelf: %s\n", ui.gated_why);
		return 1;
	}
	return 0;
}
