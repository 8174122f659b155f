/*
 * screen_customer.c - one customer of the reseller: details and figures,
 * its recent orders, subscriptions, assets, storefront users and contact
 * persons, each read through core with the tenant from the actor
 * (another reseller's id reads as "not found").  `e` edits, `A` toggles
 * "orders need approval", `x` active, `u` manages its storefront users,
 * `c` its contacts (invite, disable), `o` opens the newest order
 * waiting for approval.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "asset.h"
#include "country.h"
#include "custcontact.h"
#include "customer.h"
#include "money.h"
#include "order.h"
#include "screens.h"
#include "subscription.h"
#include "user.h"

#define DETAIL_ROWS 20		/* rows of each part; the total is said when there are more */

struct detail {
	struct ui_viewscreen vs;
	struct customer      c;
	int64_t              pending_order;	/* the newest order awaiting approval, 0: none */
	char                 pending_number[33];
};

static const struct ui_binding keys[] = {
	{ UA_EDIT,     { 'e' }, "e", "Edit",     "edit the customer's details" },
	{ UA_APPROVE,  { 'A' }, "A", "Approval", "turn \"orders need approval\" on or off (asks first)" },
	{ UA_ACTIVE,   { 'x' }, "x", "Active",   "activate or deactivate the customer (asks first)" },
	{ UA_USERS,    { 'u' }, "u", "Users",    "the storefront users: create, disable, reset password" },
	{ UA_CONTACT,  { 'c' }, "c", "Contacts", "the contact persons (primary, billing, technical): invite, disable" },
	{ UA_OPEN,     { 'o' }, "o", NULL,       "open the newest order waiting for approval" },
	{ UA_REFRESH,  { 'r' }, "r", NULL,       "reload from the database" },
	LIST_KEYS,
};

static void
more(struct ui_view *v, int64_t total, size_t shown)
{
	if (total > (int64_t)shown)
		ui_view_add(v, "  ... and %lld more", (long long)(total - (int64_t)shown));
}

static enum core_err
load(struct ui_viewscreen *vs, char *why)
{
	struct detail *st = (struct detail *)vs;
	struct ui *ui = vs->ui;
	struct ui_view *v = &vs->view;
	struct order_filter of = { .status = -1, .customer_id = vs->id, .sort = ORDER_SORT_NEWEST };
	struct db_page op = { 0, DETAIL_ROWS };
	struct subscription_filter sf = { .status = -1, .customer_id = vs->id, .sort = SUB_SORT_PRODUCT };
	struct db_page sp = { 0, DETAIL_ROWS };
	struct user_query uq = { .sort = USER_SORT_EMAIL, .limit = DETAIL_ROWS };
	struct order_list ol;
	struct subscription_list sl;
	struct asset_list al;
	struct user_list ul;
	struct custcontact_query kq = { -1, DETAIL_ROWS, 0 };
	struct custcontact_list kl;
	char m1[48], m2[48], r1[64], fit[256];
	enum core_err er;
	size_t i;

	(void)why;
	st->pending_order = 0;
	if ((er = customer_get(ui->db, ui->actor, 0, vs->id, &st->c)) != CORE_OK)
		return er;
	ui_view_add(v, "  Name            %s", st->c.name);
	ui_view_add(v, "  E-mail          %s", st->c.email);
	ui_view_add(v, "  Contact         %s", st->c.contact_name[0] ? st->c.contact_name : "-");
	ui_view_add(v, "  Phone           %s", st->c.phone[0] ? st->c.phone : "-");
	ui_view_add(v, "  Address         %s%s%s", st->c.address[0] ? st->c.address : "-",
	    st->c.country[0] ? ", " : "", st->c.country[0] && country_by_code(st->c.country) ?
	    country_by_code(st->c.country)->name : st->c.country);
	ui_view_add(v, "  Tax id          %s", st->c.tax_id[0] ? st->c.tax_id : "-");
	ui_view_add(v, "  Status          %s", st->c.active ? "active" : "inactive");
	ui_view_add(v, "  Orders          %s", st->c.approval_required ? "need approval" : "fulfilled without approval");
	ui_view_add(v, "  Subscriptions   %lld active   MRR %s", (long long)st->c.subscriptions,
	    money_format(st->c.mrr, tui_currency(ui), m1, sizeof(m1)));
	ui_view_add(v, "  Customer since  %s", st->c.created_at);

	ui_view_add(v, "%s", "");
	if (order_list(ui->db, ui->actor, &of, &op, &ol) == CORE_OK) {
		ui_view_add(v, "Orders (%lld)", (long long)ol.total);
		for (i = 0; i < ol.n; i++) {
			const struct order *o = &ol.items[i];

			ui_view_add(v, "  %-10s %.10s  %-18s %3d item%s %s  %s", o->number, o->created_at,
			    order_status_label(o->status), (int)o->item_count, o->item_count == 1 ? " " : "s",
			    ui_right(r1, sizeof(r1), money_format(o->total_price, o->currency, m1, sizeof(m1)), 12), o->placed_by_name);
			if (o->status == ORDER_PENDING_APPROVAL && st->pending_order == 0) {
				st->pending_order = o->id;
				snprintf(st->pending_number, sizeof(st->pending_number), "%s", o->number);
			}
		}
		if (ol.n == 0)
			ui_view_add(v, "  none");
		more(v, ol.total, ol.n);
		order_list_free(&ol);
	}
	ui_view_add(v, "%s", "");
	if (subscription_list(ui->db, ui->actor, &sf, &sp, &sl) == CORE_OK) {
		ui_view_add(v, "Subscriptions (%lld)", (long long)sl.total);
		for (i = 0; i < sl.n; i++) {
			const struct subscription *x = &sl.items[i];
			int64_t amount = 0;

			money_mul(x->unit_price, x->quantity, &amount);
			ui_view_add(v, "  %s %5d  %-10s %-8s %s  renews %s", ui_fit(fit, sizeof(fit), x->product_name, 40),
			    (int)x->quantity, subscription_status_label(x->status), period_name(x->billing_period),
			    ui_right(r1, sizeof(r1), money_format(amount, x->currency, m1, sizeof(m1)), 12), x->renewal_date);
		}
		if (sl.n == 0)
			ui_view_add(v, "  none");
		more(v, sl.total, sl.n);
		subscription_list_free(&sl);
	}
	ui_view_add(v, "%s", "");
	if (asset_list(ui->db, ui->actor, vs->id, DETAIL_ROWS, 0, &al) == CORE_OK) {
		ui_view_add(v, "Assets (%lld)", (long long)al.total);
		for (i = 0; i < al.n; i++) {
			const struct asset *x = &al.items[i];
			int64_t amount = 0;

			money_mul(x->unit_price, x->quantity, &amount);
			ui_view_add(v, "  %s %5d  %s  %.10s  %s%s", ui_fit(fit, sizeof(fit), x->product_name, 40), (int)x->quantity,
			    ui_right(r1, sizeof(r1), money_format(amount, x->currency, m2, sizeof(m2)), 12), x->purchased_at,
			    x->serial[0] ? "serial " : "", x->serial);
		}
		if (al.n == 0)
			ui_view_add(v, "  none");
		more(v, al.total, al.n);
		asset_list_free(&al);
	}
	ui_view_add(v, "%s", "");
	if (user_list(ui->db, ui->actor, vs->id, &uq, &ul) == CORE_OK) {
		ui_view_add(v, "Storefront users (%lld)", (long long)ul.total);
		for (i = 0; i < ul.n; i++) {
			const struct user *u = &ul.items[i];

			ui_view_add(v, "  %-36s %s %-6s %s", u->email, ui_fit(fit, sizeof(fit), u->name, 24),
			    u->role == ROLE_CUSTOMER_OWNER ? "owner" : "member",
			    !u->active ? "disabled" : u->locked ? "locked" : !u->has_password ? "invited" : "active");
		}
		if (ul.n == 0)
			ui_view_add(v, "  none");
		more(v, ul.total, ul.n);
		user_list_free(&ul);
	}
	ui_view_add(v, "%s", "");
	if (custcontact_list(ui->db, ui->actor, 0, vs->id, &kq, &kl) == CORE_OK) {
		ui_view_add(v, "Contacts (%lld)", (long long)kl.total);
		for (i = 0; i < kl.n; i++) {
			const struct custcontact *k = &kl.items[i];

			ui_view_add(v, "  %-36s %s %-9s %-16s %s", k->email, ui_fit(fit, sizeof(fit), k->name, 24),
			    custcontact_role_name((enum custcontact_role)k->role), k->phone[0] ? k->phone : "-",
			    k->active ? "active" : "disabled");
		}
		if (kl.n == 0)
			ui_view_add(v, "  none");
		more(v, kl.total, kl.n);
		custcontact_list_free(&kl);
	}
	return CORE_OK;
}

static int
act(struct ui_viewscreen *vs, enum ui_act act)
{
	struct detail *st = (struct detail *)vs;

	switch (act) {
	case UA_EDIT:
	case UA_APPROVE:
	case UA_ACTIVE:
	case UA_USERS:
	case UA_CONTACT:
		if (!vs->loaded)
			ui_error(vs->ui, "This customer cannot be shown.");
		else if (act == UA_EDIT)
			screen_customers_edit(vs->ui, vs->id);
		else if (act == UA_APPROVE)
			screen_customers_flag(vs->ui, vs->id, st->c.name, 1, !st->c.approval_required);
		else if (act == UA_ACTIVE)
			screen_customers_flag(vs->ui, vs->id, st->c.name, 0, !st->c.active);
		else if (act == UA_CONTACT)
			ui_push(vs->ui, screen_contacts_new(vs->ui, vs->id, st->c.name));
		else
			ui_push(vs->ui, screen_users_new(vs->ui, vs->id, st->c.name));
		return UI_HANDLED | UI_REDRAW;
	case UA_OPEN:
		if (st->pending_order)
			ui_push(vs->ui, screen_order_new(vs->ui, st->pending_order));
		else
			ui_status(vs->ui, "No order of this customer waits for approval.");
		return UI_HANDLED | UI_REDRAW;
	default:
		return UI_IGNORED;
	}
}

static void
title(struct ui_viewscreen *vs, char *buf, size_t sz)
{
	snprintf(buf, sz, "Customer: %s", ((struct detail *)vs)->c.name);
}

static const struct ui_viewscreen_def def = {
	.ops = { UI_VIEWSCREEN_OPS, .name = "customer", UI_ACTIONS(keys) },
	.size = sizeof(struct detail),
	.kind = "Customer",
	.what = "This customer",
	.load = load,
	.title = title,
	.act = act,
};

struct screen *
screen_customer_new(struct ui *ui, int64_t id)
{
	return ui_viewscreen_new(ui, &def, id);
}
