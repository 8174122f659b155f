/*
 * api_customers.c - /customers, /customers/{id} and the customer's
 * storefront users, /customers/{id}/users[/{id}], and its contact
 * persons, /customers/{id}/contacts[/{id}[/disable]].  Reads come from
 * apiread.h, changes go through customer.h and user.h as the reseller's
 * administrator (the API's actor), so the TUI's rules and audit apply.
 */
#include <stddef.h>
#include <string.h>
#include <jansson.h>
#include "api.h"
#include "apiread.h"
#include "config.h"
#include "country.h"
#include "custcontact.h"
#include "customer.h"
#include "str.h"
#include "user.h"

/* The body of POST /customers; PATCH takes the same members, none required, plus active. */
static const struct api_field customer_fields[] = {
	{ "name", API_FT_STRING, 1, 1, 200, 0, NULL, NULL },
	{ "email", API_FT_STRING, 1, 3, 254, 0, str_email_valid, "This is not an e-mail address." },
	{ "phone", API_FT_STRING, 0, 0, 40, 1, NULL, NULL },
	{ "address", API_FT_STRING, 0, 0, 500, 1, NULL, NULL },
	{ "country", API_FT_STRING, 0, 0, 2, 1, country_valid, "This is not an ISO 3166-1 alpha-2 country code." },
	{ "tax_id", API_FT_STRING, 0, 0, 32, 1, NULL, NULL },
	{ "contact_name", API_FT_STRING, 0, 0, 200, 1, NULL, NULL },
	{ "approval_required", API_FT_BOOL, 0, 0, 0, 0, NULL, NULL },
	{ "active", API_FT_BOOL, 0, 0, 0, 0, NULL, NULL },
};
#define NCUSTOMER_FIELDS (sizeof(customer_fields) / sizeof(customer_fields[0]))

static void
reply_customer(struct apicall *c, int status, int64_t id)
{
	struct buf b = { 0 };
	enum core_err er;

	if ((er = apiread_get(c->req->db, c->auth.reseller_id, APIRES_CUSTOMERS, 0, id, &b)) != CORE_OK) {
		buf_free(&b);
		api_problem_core(c, er, NULL, "customer");
		return;
	}
	if (status == 201) {
		request_header(c->req, "Location: %s" API_PREFIX "/customers/%lld", c->req->origin, (long long)id);
		api_json(c->req, 201, b.data, b.len);
	} else
		api_resource(c, &b);
	buf_free(&b);
}

void
api_customers_list(struct apicall *c)
{
	api_list(c, APIRES_CUSTOMERS, 0);
}

void
api_customer_get(struct apicall *c)
{
	reply_customer(c, 200, api_id(c->ids[0]));
}

void
api_customers_create(struct apicall *c)
{
	struct customer_input in;
	char why[CORE_WHY] = "";
	enum core_err er;
	json_t *v;
	int64_t id = 0;

	if (api_fields(c, customer_fields, NCUSTOMER_FIELDS) != 0)
		return;
	memset(&in, 0, sizeof(in));
	in.name = api_str(c, "name");
	in.email = api_str(c, "email");
	in.phone = api_str(c, "phone");
	in.address = api_str(c, "address");
	in.country = api_str(c, "country");
	in.tax_id = api_str(c, "tax_id");
	in.contact_name = api_str(c, "contact_name");
	in.approval_required = json_is_true(json_object_get(c->json, "approval_required"));
	if ((v = json_object_get(c->json, "active")) != NULL && !json_is_true(v)) {
		json_t *errors = NULL;

		api_field_error(&errors, "active", "A new customer is active; deactivate it afterwards.");
		api_invalid(c->req, errors);
		return;
	}
	if ((er = customer_add(c->req->db, &c->actor, &in, &id, why)) != CORE_OK) {
		api_problem_core(c, er, why, "customer");
		return;
	}
	reply_customer(c, 201, id);
}

/* if_match_ok - whether the If-Match list im names etag by strong comparison (RFC 9110 13.1.1), or is "*". */
static int
if_match_ok(const char *im, const char *etag)
{
	const char *p = im, *q;
	size_t elen = strlen(etag);

	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		if (*p == '\0')
			return 0;
		if (*p == '*')
			return 1;
		if (strncmp(p, "W/", 2) == 0)
			p += 2, elen = 0;	/* a weak tag never matches strongly */
		if (*p != '"' || (q = strchr(p + 1, '"')) == NULL)
			return 0;
		if (elen > 0 && (size_t)(q + 1 - p) == elen && memcmp(p, etag, elen) == 0)
			return 1;
		elen = strlen(etag);
		p = q + 1;
	}
}

/* The If-Match precondition of a PATCH, checked with the customer's row locked (customer_patch's check). */
struct precondition {
	struct apicall *c;
	int             failed;	/* the ETag was another */
};

static enum core_err
check_if_match(struct db *db, int64_t id, void *arg)
{
	struct precondition *pc = arg;
	char etag[API_ETAG_SZ];
	struct buf b = { 0 };
	enum core_err er;

	if ((er = apiread_get(db, pc->c->auth.reseller_id, APIRES_CUSTOMERS, 0, id, &b)) == CORE_OK) {
		api_etag(&b, etag);
		if (!if_match_ok(pc->c->if_match, etag)) {
			pc->failed = 1;
			er = CORE_CONFLICT;
		}
	}
	buf_free(&b);
	return er;
}

/*
 * PATCH /customers/{id}: the members given change together or not at all
 * (customer_patch: one transaction, the merged whole validated before any
 * write); with If-Match, only while the customer is still the version
 * that ETag names (412 otherwise), checked with its row locked.
 */
void
api_customer_update(struct apicall *c)
{
	static const struct {
		const char *name;
		unsigned    bit;
		size_t      off;
	} details[] = {
		{ "name", CUSTOMER_P_NAME, offsetof(struct customer_input, name) },
		{ "email", CUSTOMER_P_EMAIL, offsetof(struct customer_input, email) },
		{ "phone", CUSTOMER_P_PHONE, offsetof(struct customer_input, phone) },
		{ "address", CUSTOMER_P_ADDRESS, offsetof(struct customer_input, address) },
		{ "country", CUSTOMER_P_COUNTRY, offsetof(struct customer_input, country) },
		{ "tax_id", CUSTOMER_P_TAX_ID, offsetof(struct customer_input, tax_id) },
		{ "contact_name", CUSTOMER_P_CONTACT_NAME, offsetof(struct customer_input, contact_name) },
	};
	struct api_field f[NCUSTOMER_FIELDS];
	struct customer_patch p;
	struct precondition pc = { c, 0 };
	char why[CORE_WHY] = "";
	enum core_err er;
	int64_t id = api_id(c->ids[0]);
	size_t i;
	json_t *v;

	memcpy(f, customer_fields, sizeof(f));
	for (i = 0; i < NCUSTOMER_FIELDS; i++)
		f[i].required = 0;
	if (api_fields(c, f, NCUSTOMER_FIELDS) != 0)
		return;
	memset(&p, 0, sizeof(p));
	for (i = 0; i < sizeof(details) / sizeof(details[0]); i++)
		if ((v = json_object_get(c->json, details[i].name)) != NULL) {
			p.set |= details[i].bit;
			*(const char **)((char *)&p.in + details[i].off) = json_is_string(v) ? json_string_value(v) : NULL;
		}
	if ((v = json_object_get(c->json, "approval_required")) != NULL) {
		p.set |= CUSTOMER_P_APPROVAL;
		p.in.approval_required = json_is_true(v);
	}
	if ((v = json_object_get(c->json, "active")) != NULL) {
		p.set |= CUSTOMER_P_ACTIVE;
		p.active = json_is_true(v);
	}
	if (c->if_match != NULL) {
		p.check = check_if_match;
		p.check_arg = &pc;
	}
	if ((er = customer_patch(c->req->db, &c->actor, id, &p, why)) != CORE_OK) {
		if (pc.failed)
			api_problem(c->req, 412, "precondition-failed", "Precondition failed",
			    "The customer has changed since the ETag in If-Match; read it again and retry.");
		else
			api_problem_core(c, er, why, "customer");
		return;
	}
	reply_customer(c, 200, id);
}

/* customer_or_404 - the path's customer when it is the caller's, else the 404 reply and 0. */
static int64_t
customer_or_404(struct apicall *c)
{
	struct buf b = { 0 };
	enum core_err er;
	int64_t id = api_id(c->ids[0]);

	er = apiread_get(c->req->db, c->auth.reseller_id, APIRES_CUSTOMERS, 0, id, &b);
	buf_free(&b);
	if (er != CORE_OK) {
		api_problem_core(c, er, NULL, "customer");
		return 0;
	}
	return id;
}

/*
 * A customer's person, a storefront user or a contact: its resource
 * (APIRES_USERS or APIRES_CONTACTS), the word its problems use and the
 * path segment of its URL.
 */
struct person_kind {
	enum apires res;
	const char *noun;
	const char *segment;
};

static const struct person_kind USER = { APIRES_USERS, "user", "users" };
static const struct person_kind CONTACT = { APIRES_CONTACTS, "contact", "contacts" };

/* reply_person - answer with customer's person id of kind: 201 with Location for a new one, else the resource. */
static void
reply_person(struct apicall *c, const struct person_kind *k, int status, int64_t customer, int64_t id)
{
	struct buf b = { 0 };
	enum core_err er;

	if ((er = apiread_get(c->req->db, c->auth.reseller_id, k->res, customer, id, &b)) != CORE_OK) {
		buf_free(&b);
		api_problem_core(c, er, NULL, k->noun);
		return;
	}
	if (status == 201) {
		request_header(c->req, "Location: %s" API_PREFIX "/customers/%lld/%s/%lld", c->req->origin,
		    (long long)customer, k->segment, (long long)id);
		api_json(c->req, 201, b.data, b.len);
	} else
		api_resource(c, &b);
	buf_free(&b);
}

void
api_users_list(struct apicall *c)
{
	int64_t customer;

	if ((customer = customer_or_404(c)) > 0)
		api_list(c, APIRES_USERS, customer);
}

void
api_user_get(struct apicall *c)
{
	int64_t customer;

	if ((customer = customer_or_404(c)) > 0)
		reply_person(c, &USER, 200, customer, api_id(c->ids[1]));
}

void
api_users_invite(struct apicall *c)
{
	static const struct api_field f[] = {
		{ "email", API_FT_STRING, 1, 3, 254, 0, str_email_valid, "This is not an e-mail address." },
		{ "name", API_FT_STRING, 1, 1, 200, 0, NULL, NULL },
		{ "role", API_FT_STRING, 0, 5, 6, 0, NULL, NULL },
	};
	const char *role = NULL, *email;
	char why[CORE_WHY] = "";
	json_t *errors = NULL;
	enum core_err er;
	int64_t customer, id = 0;

	if ((customer = customer_or_404(c)) <= 0 || api_fields(c, f, sizeof(f) / sizeof(f[0])) != 0)
		return;
	email = api_str(c, "email");
	role = api_str(c, "role");
	if (role != NULL && strcmp(role, "owner") != 0 && strcmp(role, "member") != 0)
		api_field_error(&errors, "role", "This field must be owner or member.");
	if (errors != NULL) {
		api_invalid(c->req, errors);
		return;
	}
	if ((er = user_create(c->req->db, &c->actor, customer, email, api_str(c, "name"),
	    role != NULL && strcmp(role, "owner") == 0 ? ROLE_CUSTOMER_OWNER : ROLE_CUSTOMER_MEMBER, USER_INVITE,
	    c->req->cfg ? c->req->cfg->public_url : NULL, NULL, &id, why)) != CORE_OK) {
		api_problem_core(c, er, why, "customer");
		return;
	}
	reply_person(c, &USER, 201, customer, id);
}

void
api_user_update(struct apicall *c)
{
	static const struct api_field f[] = {
		{ "active", API_FT_BOOL, 1, 0, 0, 0, NULL, NULL },
	};
	char why[CORE_WHY] = "";
	struct buf b = { 0 };
	enum core_err er;
	int64_t customer, id = api_id(c->ids[1]);

	if ((customer = customer_or_404(c)) <= 0 || api_fields(c, f, 1) != 0)
		return;
	/* the user must be this customer's: user_set_active checks only the reseller */
	er = apiread_get(c->req->db, c->auth.reseller_id, APIRES_USERS, customer, id, &b);
	buf_free(&b);
	if (er != CORE_OK) {
		api_problem_core(c, er, NULL, "user");
		return;
	}
	if ((er = user_set_active(c->req->db, &c->actor, id, json_is_true(json_object_get(c->json, "active")),
	    why)) != CORE_OK) {
		api_problem_core(c, er, why, "user");
		return;
	}
	reply_person(c, &USER, 200, customer, id);
}

/* ---- /customers/{id}/contacts: the customer's contact persons (custcontact.h) ---- */

void
api_contacts_list(struct apicall *c)
{
	int64_t customer;

	if ((customer = customer_or_404(c)) > 0)
		api_list(c, APIRES_CONTACTS, customer);
}

void
api_contact_get(struct apicall *c)
{
	int64_t customer;

	if ((customer = customer_or_404(c)) > 0)
		reply_person(c, &CONTACT, 200, customer, api_id(c->ids[1]));
}

/*
 * POST /customers/{id}/contacts: invite a contact person; the e-mail
 * that tells them is queued in the outbox with the contact (sent by the
 * worker afterwards).  An active contact of the customer with the same
 * address is 409.
 */
void
api_contacts_invite(struct apicall *c)
{
	static const struct api_field f[] = {
		{ "name", API_FT_STRING, 1, 1, CUSTCONTACT_NAME_MAX, 0, NULL, NULL },
		{ "email", API_FT_STRING, 1, 3, CUSTCONTACT_EMAIL_MAX, 0, str_email_valid, "This is not an e-mail address." },
		{ "phone", API_FT_STRING, 0, 0, CUSTCONTACT_PHONE_MAX, 1, NULL, NULL },
		{ "role", API_FT_STRING, 1, 1, 16, 0, NULL, NULL },
	};
	struct custcontact_input in;
	char why[CORE_WHY] = "";
	json_t *errors = NULL;
	enum core_err er;
	int64_t customer, id = 0;
	int role;

	if ((customer = customer_or_404(c)) <= 0 || api_fields(c, f, sizeof(f) / sizeof(f[0])) != 0)
		return;
	if ((role = custcontact_role_parse(api_str(c, "role"))) < 0) {
		api_field_error(&errors, "role", "This field must be primary, billing or technical.");
		api_invalid(c->req, errors);
		return;
	}
	memset(&in, 0, sizeof(in));
	in.name = api_str(c, "name");
	in.email = api_str(c, "email");
	in.phone = api_str(c, "phone");
	in.role = (enum custcontact_role)role;
	if ((er = custcontact_invite(c->req->db, &c->actor, customer, &in, &id, why)) != CORE_OK) {
		if (er == CORE_INVALID && strchr(why, ':') != NULL) {
			/* core names the field before the colon */
			char field[16];
			size_t n = (size_t)(strchr(why, ':') - why);

			if (n < sizeof(field)) {
				memcpy(field, why, n);
				field[n] = '\0';
				api_field_error(&errors, field, why + n + 2);
				api_invalid(c->req, errors);
				return;
			}
		}
		api_problem_core(c, er, why, "customer");
		return;
	}
	reply_person(c, &CONTACT, 201, customer, id);
}

/* POST /customers/{id}/contacts/{id}/disable: the contact is disabled (again: no change). */
void
api_contact_disable(struct apicall *c)
{
	char why[CORE_WHY] = "";
	enum core_err er;
	int64_t customer, id = api_id(c->ids[1]);

	if ((customer = customer_or_404(c)) <= 0)
		return;
	if ((er = custcontact_disable(c->req->db, &c->actor, customer, id, why)) != CORE_OK) {
		api_problem_core(c, er, why, "contact");
		return;
	}
	reply_person(c, &CONTACT, 200, customer, id);
}
