/*
 * page_contact.c - the contact page (/contact): the reseller's contact
 * details and a form; POST validates, stores the message (core queues
 * the reseller's notification in the outbox) and answers 303 to the
 * confirmation page (/contact/sent).
 *
 * The GET page is public and cached like the others; its token is put
 * in per browser when it is sent (render.c).
 *
 * Defences: a CSRF double-submit token (csrf.h; a signed-in visitor's
 * form carries its session's token instead, auth.h), a honeypot field
 * ("website", hidden from people; a bot that fills it is told "sent"
 * and nothing is stored), and core's rate limit per storefront and IP.
 */
#include <stdio.h>
#include <string.h>
#include "auth.h"
#include "contact.h"
#include "log.h"
#include "page.h"
#include "render.h"
#include "str.h"

enum field {
	FIELD_NAME,
	FIELD_EMAIL,
	FIELD_SUBJECT,
	FIELD_MESSAGE,
	FIELD__MAX
};

static const struct field_def {
	const char *name;	/* form field and context key */
	size_t      min, max;	/* characters */
	int         multiline;
	const char *error;	/* shown next to the field */
} fields[FIELD__MAX] = {
	[FIELD_NAME]    = { "name", 1, CONTACT_NAME_MAX, 0, "Please enter your name (up to 200 characters)." },
	[FIELD_EMAIL]   = { "email", 3, CONTACT_EMAIL_MAX, 0, "Please enter a valid e-mail address." },
	[FIELD_SUBJECT] = { "subject", 0, CONTACT_SUBJECT_MAX, 0, "Please keep the subject under 200 characters, on one line." },
	[FIELD_MESSAGE] = { "message", 1, CONTACT_BODY_MAX, 1, "Please write a message (up to 5000 characters)." },
};

/* field_ok - the same checks core makes, so each field gets its own message. */
static int
field_ok(enum field f, const char *v)
{
	if (f == FIELD_EMAIL)
		return str_email_valid(v);
	return str_text_valid(v, fields[f].min, fields[f].max, fields[f].multiline ? STR_TEXT_LINES : 0);
}

/* show - the contact page with the form (values and errors from form, may be NULL) and a flash. */
static void
show(struct request *req, int status, json_t *form, const char *flash)
{
	const struct storefront *sf = req->sf;
	char desc[1024];
	json_t *ctx;

	if ((ctx = page_context(req, "contact")) == NULL) {
		json_decref(form);
		page_error(req, 500);
		return;
	}
	snprintf(desc, sizeof(desc), "Contact %s: questions about licences, cloud subscriptions and services.",
	    sf->company_name);
	render_meta(ctx, req, "Contact us", desc, page_abs(req, PAGE_CONTACT), "website");
	render_json_ld(ctx, json_pack("{s:s, s:s, s:o}", "@context", "https://schema.org",
	    "@type", "ContactPage", "url", page_abs(req, PAGE_CONTACT)));
	if (form == NULL)
		form = json_object();
	json_object_set_new(form, "action", page_url(req, PAGE_CONTACT));
	json_object_set_new(form, "sent", json_false());
	if (sf->contact_intro[0]) {
		json_object_set_new(form, "intro", json_string(sf->contact_intro));
		json_object_set_new(form, "intro_paragraphs", render_paragraphs(sf->contact_intro));
	}
	json_object_set_new(ctx, "contact", form);
	if (flash != NULL)
		json_array_append_new(json_object_get(ctx, "flash"), json_pack("{s:s, s:b, s:b, s:b, s:b, s:s}",
		    "kind", "error", "is_error", 1, "is_success", 0, "is_info", 0, "is_warning", 0, "text", flash));
	page_render(req, status, "contact", ctx);
}

static void
submit(struct request *req)
{
	const char *v[FIELD__MAX], *trap;
	char why[CORE_WHY];
	json_t *form = json_object();
	int bad = 0, f;
	enum core_err er;

	for (f = 0; f < FIELD__MAX; f++) {
		v[f] = request_field(req, fields[f].name);
		if (v[f] == NULL)
			v[f] = "";
		json_object_set_new(form, fields[f].name, json_string(v[f]));
	}
	if (!auth_csrf_ok(req, 0)) {
		show(req, 403, form, "Your form session has expired. Please send the message again.");
		return;
	}
	trap = request_field(req, "website");
	if (trap != NULL && *trap != '\0') {
		log_say("shelf-fcgi: contact form of %s: honeypot filled by %s, dropped",
		    req->sf->slug, req->remote_addr);
		goto sent;
	}
	for (f = 0; f < FIELD__MAX; f++)
		if (!field_ok((enum field)f, v[f])) {
			char key[32];

			snprintf(key, sizeof(key), "%s_error", fields[f].name);
			json_object_set_new(form, key, json_string(fields[f].error));
			bad = 1;
		}
	if (bad) {
		show(req, 422, form, "Please correct the marked fields.");
		return;
	}
	er = contact_submit(req->db, req->sf->reseller_id, v[FIELD_NAME], v[FIELD_EMAIL],
	    v[FIELD_SUBJECT], v[FIELD_MESSAGE], req->remote_addr, NULL, why);
	switch (er) {
	case CORE_OK:
		break;
	case CORE_INVALID:
		show(req, 422, form, why);
		return;
	case CORE_CONFLICT:
		show(req, 429, form, why);
		return;
	default:
		json_decref(form);
		log_say("shelf-fcgi: contact form of %s: %s", req->sf->slug, core_strerror(er));
		page_error(req, er == CORE_NOTFOUND ? 404 : 500);
		return;
	}
sent:
	json_decref(form);
	page_redirect(req, 303, PAGE_CONTACT_SENT, NULL);
}

void
page_contact(struct request *req, const char *arg)
{
	if (req->method == HTTP_POST) {
		if (!req->sf->contact_form_enabled) {
			request_header(req, "Allow: GET, HEAD");
			page_error(req, 405);
			return;
		}
		submit(req);
		return;
	}
	show(req, 200, NULL, NULL);
}

void
page_contact_sent(struct request *req, const char *arg)
{
	json_t *ctx;

	if ((ctx = page_context(req, "contact")) == NULL) {
		page_error(req, 500);
		return;
	}
	render_meta(ctx, req, "Message sent", "Thank you for your message.", page_abs(req, PAGE_CONTACT), "website");
	render_set(ctx, "page.robots", json_string("noindex"));
	render_set(ctx, "contact.sent", json_true());
	render_set(ctx, "contact.action", page_url(req, PAGE_CONTACT));
	page_render(req, 200, "contact", ctx);
}
