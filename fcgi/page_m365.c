/*
 * page_m365.c - the Microsoft 365 users of the customer's tenant and
 * their licences.
 *
 *   /account/m365              users with their licences, the licence
 *                              counts, the add-user form; POST adds a user
 *                              (and assigns the licences ticked)
 *   /account/m365/users/ID     the edit form; POST saves name and user name
 *   /account/m365/enable       POST user_id, enabled (0 blocks sign-in)
 *   /account/m365/assign       POST user_id, sku (the licence subscription's id)
 *   /account/m365/unassign     POST user_id, sku
 *
 * Core keeps the rules inside its transactions: an assignment beyond a
 * subscription's quantity is refused with a sentence we show as it is,
 * and nothing changes.  Ids of another customer's users or
 * subscriptions are CORE_NOTFOUND: 404.
 */
#include <stdio.h>
#include <string.h>
#include "account.h"
#include "cart.h"
#include "str.h"
#include "m365.h"
#include "page.h"
#include "render.h"

#define M365_PAGE_SIZE 50
#define M365_DOMAINS_MAX 8

/* The tenant's domains, as the user principal names show them. */
struct domains {
	char   v[M365_DOMAINS_MAX][M365_UPN_MAX + 1];
	size_t n;
};

static void
domain_add(struct domains *d, const char *upn)
{
	const char *at = strrchr(upn, '@');
	size_t i;

	if (at == NULL || at[1] == '\0' || d->n == M365_DOMAINS_MAX)
		return;
	for (i = 0; i < d->n; i++)
		if (strcmp(d->v[i], at + 1) == 0)
			return;
	snprintf(d->v[d->n++], sizeof(d->v[0]), "%s", at + 1);
}

static int
domain_known(const struct domains *d, const char *name)
{
	size_t i;

	for (i = 0; name != NULL && i < d->n; i++)
		if (strcmp(d->v[i], name) == 0)
			return 1;
	return 0;
}

static json_t *
domains_json(const struct domains *d, const char *selected)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < d->n; i++)
		json_array_append_new(a, json_pack("{s:s, s:b}", "name", d->v[i], "selected",
		    selected ? strcmp(selected, d->v[i]) == 0 : i == 0));
	return a;
}

/* tenant_domains - every domain of the customer's users (one query: the first page of users by UPN). */
static void
tenant_domains(struct request *req, struct domains *d)
{
	struct m365_user_filter f = { .enabled = -1, .sort = M365_SORT_UPN };
	struct db_page pg = { 0, M365_LIST_MAX };
	struct m365_user_list l = { 0 };
	size_t i;

	memset(d, 0, sizeof(*d));
	if (m365_user_list(req->db, &req->actor, &f, &pg, &l) == CORE_OK)
		for (i = 0; i < l.n; i++)
			domain_add(d, l.items[i].upn);
	m365_user_list_free(&l);
	/* a tenant without users yet: the signed-in user's own domain */
	domain_add(d, req->actor.name);
}

/*
 * show - the page with status, an error flash (NULL: none), the add-user
 * form's values and errors (new_user, stolen; NULL: empty) and the edit
 * form (edit_user, stolen; NULL: none).
 */
static void
show(struct request *req, int status, const char *error, json_t *new_user, json_t *edit_user)
{
	struct m365_user_filter f = { .enabled = -1, .sort = M365_SORT_NAME };
	int64_t page = account_page_param(req), pages;
	struct db_page pg = { (page - 1) * M365_PAGE_SIZE, M365_PAGE_SIZE };
	struct m365_user_list users = { 0 };
	struct m365_licence_list lic = { 0 };
	struct m365_assignment_list asg = { 0 };
	struct domains dom;
	json_t *ctx = NULL, *m, *jl, *ju, *ul;
	char sku[24];
	enum core_err er;
	size_t i, k;

	if ((er = m365_user_list(req->db, &req->actor, &f, &pg, &users)) != CORE_OK ||
	    (er = m365_subscription_usage(req->db, &req->actor, 0, &lic)) != CORE_OK ||
	    (er = m365_assignments(req->db, &req->actor, 0, &asg)) != CORE_OK) {
		account_fail(req, er, "m365");
		goto out;
	}
	tenant_domains(req, &dom);
	if ((ctx = account_context(req, "m365", "m365", "Microsoft 365 users")) == NULL) {
		page_error(req, 500);
		goto out;
	}
	render_flash(ctx, "error", error);
	m = json_object();
	json_object_set_new(m, "tenant_domain", json_string(dom.n ? dom.v[0] : ""));
	json_object_set_new(m, "buy_more_url", page_url(req, PAGE_CATALOG));
	jl = json_array();
	for (i = 0; i < lic.n; i++) {
		snprintf(sku, sizeof(sku), "%lld", (long long)lic.items[i].subscription_id);
		json_array_append_new(jl, json_pack("{s:s, s:s, s:i, s:i, s:i}", "sku", sku,
		    "name", lic.items[i].product_name, "assigned", (int)lic.items[i].assigned,
		    "total", (int)lic.items[i].quantity,
		    "available", (int)(lic.items[i].quantity > lic.items[i].assigned ?
		    lic.items[i].quantity - lic.items[i].assigned : 0)));
	}
	json_object_set_new(m, "licences", jl);
	ju = json_array();
	for (i = 0; i < users.n; i++) {
		const struct m365_user *u = &users.items[i];

		ul = json_array();
		for (k = 0; k < asg.n; k++)
			if (asg.items[k].user_id == u->id) {
				snprintf(sku, sizeof(sku), "%lld", (long long)asg.items[k].subscription_id);
				json_array_append_new(ul, json_pack("{s:s, s:s}", "sku", sku,
				    "name", asg.items[k].product_name));
			}
		json_array_append_new(ju, json_pack("{s:I, s:s, s:s, s:b, s:b, s:o, s:o, s:s, s:s}",
		    "id", (json_int_t)u->id, "display_name", u->display_name, "upn", u->upn, "enabled", u->enabled,
		    "has_licences", json_array_size(ul) > 0, "licences", ul, "edit_url", page_url(req, PAGE_M365_USER, u->id),
		    "enable_value", u->enabled ? "0" : "1", "enable_label", u->enabled ? "Block sign-in" : "Allow sign-in"));
	}
	json_object_set_new(m, "empty", json_boolean(users.total == 0));
	json_object_set_new(m, "users", ju);
	json_object_set_new(m, "assign_action", page_url(req, PAGE_M365_ASSIGN));
	json_object_set_new(m, "unassign_action", page_url(req, PAGE_M365_UNASSIGN));
	json_object_set_new(m, "enable_action", page_url(req, PAGE_M365_ENABLE));
	pages = (users.total + M365_PAGE_SIZE - 1) / M365_PAGE_SIZE;
	render_set(m, "pagination", account_pagination(req, PAGE_M365, page, pages));
	if (new_user == NULL)
		new_user = json_object();
	json_object_set_new(new_user, "action", page_url(req, PAGE_M365));
	if (json_object_get(new_user, "domains") == NULL)
		json_object_set_new(new_user, "domains", domains_json(&dom, NULL));
	json_object_set_new(m, "new_user", new_user);
	new_user = NULL;
	if (edit_user != NULL) {
		json_object_set_new(edit_user, "cancel_url", page_url(req, PAGE_M365));
		json_object_set_new(m, "edit_user", edit_user);
		edit_user = NULL;
	}
	json_object_set_new(ctx, "m365", m);
	page_render(req, status, "m365", ctx);
	ctx = NULL;
out:
	json_decref(ctx);
	json_decref(new_user);
	json_decref(edit_user);
	m365_user_list_free(&users);
	m365_licence_list_free(&lic);
	m365_assignment_list_free(&asg);
}

/* field - a form field, "" when absent. */
static const char *
field(const struct request *req, const char *name)
{
	const char *v = request_field(req, name);

	return v ? v : "";
}

/* compose - "username@domain" into upn (n bytes); -1 when too long. */
static int
compose(char *upn, size_t n, const char *username, const char *domain)
{
	return (size_t)snprintf(upn, n, "%s@%s", username, domain) < n ? 0 : -1;
}

static void
create(struct request *req)
{
	const char *first = field(req, "first_name"), *last = field(req, "last_name");
	const char *username = field(req, "username"), *domain = field(req, "domain");
	char upn[M365_UPN_MAX * 2], display[M365_NAME_MAX * 8], why[CORE_WHY] = "", err[CORE_WHY * 4] = "";
	json_t *form = json_pack("{s:s, s:s, s:s}", "first_name", first, "last_name", last, "username", username);
	struct domains dom;
	int64_t user_id = 0, sub;
	enum core_err er;
	size_t i;
	int bad = 0;

	tenant_domains(req, &dom);
	json_object_set_new(form, "domains", domains_json(&dom, domain));
	if (*first == '\0') {
		json_object_set_new(form, "first_name_error", json_string("Please enter a first name."));
		bad = 1;
	}
	if (*last == '\0') {
		json_object_set_new(form, "last_name_error", json_string("Please enter a last name."));
		bad = 1;
	}
	if (*username == '\0' || strchr(username, '@') != NULL || !domain_known(&dom, domain) ||
	    compose(upn, sizeof(upn), username, domain) != 0 || !m365_upn_valid(upn)) {
		json_object_set_new(form, "username_error", json_string(
		    "Please enter a user name of letters, digits, dots, hyphens or underscores, and pick a domain."));
		bad = 1;
	}
	if (bad) {
		show(req, 422, "Please correct the marked fields.", form, NULL);
		return;
	}
	snprintf(display, sizeof(display), "%s %s", first, last);
	er = m365_user_create(req->db, &req->actor, upn, display, &user_id, why);
	if (er == CORE_INVALID || er == CORE_CONFLICT) {
		json_object_set_new(form, "username_error", json_string(why));
		show(req, account_status_of(er), why, form, NULL);
		return;
	}
	if (er != CORE_OK) {
		json_decref(form);
		account_fail(req, er, "m365 user create");
		return;
	}
	json_decref(form);
	/* the licences ticked, one by one: each is refused or granted on its own */
	for (i = 0; i < req->form.n; i++) {
		if (strcmp(req->form.v[i].name, "sku") != 0)
			continue;
		if (str_parse_id(req->form.v[i].value, &sub) != 0)
			continue;
		why[0] = '\0';
		if ((er = m365_assign(req->db, &req->actor, user_id, sub, why)) != CORE_OK && err[0] == '\0')
			snprintf(err, sizeof(err), "The user %s was created, but a licence was not assigned: %s", upn,
			    why[0] ? why : "the licence is not available.");
	}
	if (err[0]) {
		show(req, 409, err, NULL, NULL);
		return;
	}
	account_redirect(req, PAGE_M365, "?flash=m365_created");
}

void
page_m365(struct request *req, const char *arg)
{
	(void)arg;
	if (req->method == HTTP_POST)
		create(req);
	else
		show(req, 200, NULL, NULL, NULL);
}

void
page_m365_user(struct request *req, const char *arg)
{
	struct m365_user u;
	struct domains dom;
	char upn[M365_UPN_MAX * 2], username[M365_UPN_MAX + 1], why[CORE_WHY] = "";
	const char *at, *domain;
	json_t *form;
	int64_t id;
	enum core_err er;

	if (account_id_or_404(req, arg, &id) != 0)
		return;
	if ((er = m365_user_get(req->db, &req->actor, id, &u)) != CORE_OK) {
		account_fail(req, er, "m365 user");
		return;
	}
	tenant_domains(req, &dom);
	if (req->method != HTTP_POST) {
		at = strrchr(u.upn, '@');
		snprintf(username, sizeof(username), "%.*s", at ? (int)(at - u.upn) : (int)strlen(u.upn), u.upn);
		form = json_pack("{s:o, s:s, s:s, s:o}", "action", page_url(req, PAGE_M365_USER, id), "display_name", u.display_name,
		    "username", username, "domains", domains_json(&dom, at ? at + 1 : NULL));
		show(req, 200, NULL, NULL, form);
		return;
	}
	domain = field(req, "domain");
	form = json_pack("{s:o, s:s, s:s, s:o}", "action", page_url(req, PAGE_M365_USER, id),
	    "display_name", field(req, "display_name"), "username", field(req, "username"),
	    "domains", domains_json(&dom, domain));
	if (*field(req, "username") == '\0' || strchr(field(req, "username"), '@') != NULL ||
	    !domain_known(&dom, domain) || compose(upn, sizeof(upn), field(req, "username"), domain) != 0) {
		json_object_set_new(form, "username_error", json_string("Please enter a user name and pick a domain."));
		show(req, 422, "Please correct the marked fields.", NULL, form);
		return;
	}
	er = m365_user_update(req->db, &req->actor, id, upn, field(req, "display_name"), why);
	if (er == CORE_INVALID || er == CORE_CONFLICT) {
		show(req, account_status_of(er), why, NULL, form);
		return;
	}
	json_decref(form);
	account_done(req, er, "m365 user update", PAGE_M365, "?flash=m365_saved");
}

/* change - the reply to a change of user user_id: 303 with flash ok, 404, or the page with core's why. */
static void
change(struct request *req, enum core_err er, const char *why, const char *ok, const char *what)
{
	if (er == CORE_OK) {
		char tail[64];

		snprintf(tail, sizeof(tail), "?flash=%s", ok);
		account_redirect(req, PAGE_M365, tail);
		return;
	}
	if (er == CORE_CONFLICT || er == CORE_INVALID || er == CORE_RANGE) {
		show(req, account_status_of(er), why[0] ? why : "This change is not possible.", NULL, NULL);
		return;
	}
	account_fail(req, er, what);
}

void
page_m365_enable(struct request *req, const char *arg)
{
	char why[CORE_WHY] = "";
	enum core_err er;
	int on;

	(void)arg;
	if (account_flag_or_400(req, "enabled", &on) != 0)
		return;
	er = m365_user_set_enabled(req->db, &req->actor, account_field_id(req, "user_id"), on, why);
	change(req, er, why, on ? "m365_enabled" : "m365_disabled", "m365 enable");
}

/* assignment - assign (or take back) the licence of subscription sku from user user_id. */
static void
assignment(struct request *req, int assign)
{
	int64_t user = account_field_id(req, "user_id"), sku = account_field_id(req, "sku");
	char why[CORE_WHY] = "";
	enum core_err er;

	er = assign ? m365_assign(req->db, &req->actor, user, sku, why) :
	    m365_unassign(req->db, &req->actor, user, sku, why);
	change(req, er, why, assign ? "m365_assigned" : "m365_unassigned", assign ? "m365 assign" : "m365 unassign");
}

void
page_m365_assign(struct request *req, const char *arg)
{
	(void)arg;
	assignment(req, 1);
}

void
page_m365_unassign(struct request *req, const char *arg)
{
	(void)arg;
	assignment(req, 0);
}
