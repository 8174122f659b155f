/*
 * page_error.c - the themed error page, the one reply to every error.
 * It is a page like the others (page_context, page_html, reply_send);
 * when even its template fails, the reply is plain text.
 */
#include <stdio.h>
#include <string.h>
#include "page.h"
#include "render.h"
#include "reply.h"

static const struct {
	int         status;
	const char *heading;
	const char *message;
} errors[] = {
	{ 400, "Bad request", "The address or the form could not be read. Please check it and try again." },
	{ 403, "Not allowed", "This request was refused. Please go back, reload the page and try again." },
	{ 404, "Page not found", "The page you are looking for does not exist or has moved." },
	{ 405, "Method not allowed", "This page cannot be used that way." },
	{ 409, "Not possible", "This cannot be done in the current state. Please reload the page and try again." },
	{ 410, "Link expired", "This link has expired or was already used." },
	{ 413, "Request too large", "The address or the form is longer than this shop accepts." },
	{ 415, "Unsupported form", "The form was sent in a format this shop does not accept." },
	{ 429, "Too many requests", "Please wait a few minutes before trying again." },
	{ 500, "Something went wrong", "We could not show this page right now. Please try again in a moment." },
	{ 503, "Temporarily unavailable", "The shop is briefly unavailable. Please try again in a moment." },
};

/* plain - the reply when even the error page cannot be rendered. */
static void
plain(struct request *req, int status)
{
	request_header(req, "Cache-Control: no-store");
	request_reply_text(req, status, request_reason(status));
}

void
page_error(struct request *req, int status)
{
	page_error_text(req, status, NULL, NULL);
}

static void error_page(struct request *req, int status, const char *heading_in, const char *message_in,
    int unavailable);

void
page_error_text(struct request *req, int status, const char *heading_in, const char *message_in)
{
	error_page(req, status, heading_in, message_in, 0);
}

void
page_unavailable(struct request *req, const char *company)
{
	char heading[1024];

	snprintf(heading, sizeof(heading), "%s is temporarily unavailable", company && *company ? company : "This shop");
	error_page(req, 503, heading, "The shop is closed for the moment. Please come back later.", 1);
}

static void
error_page(struct request *req, int status, const char *heading_in, const char *message_in, int unavailable)
{
	const char *heading = errors[0].heading, *message = errors[0].message;
	struct buf out = { 0 };
	json_t *ctx;
	size_t i;

	if (req->replied)
		return;
	if (status < 400 || status > 599)
		status = 500;
	for (i = 0; i < sizeof(errors) / sizeof(errors[0]); i++)
		if (errors[i].status == status) {
			heading = errors[i].heading;
			message = errors[i].message;
			break;
		}
	if (i == sizeof(errors) / sizeof(errors[0])) {
		heading = request_reason(status);
		message = status >= 500 ? "We could not answer this request right now. Please try again in a moment."
		    : "This request could not be answered.";
	}
	if (heading_in != NULL)
		heading = heading_in;
	if (message_in != NULL && *message_in)
		message = message_in;
	if ((ctx = page_context(req, "error")) == NULL) {
		plain(req, status);
		return;
	}
	render_meta(ctx, req, heading, message, NULL, NULL);
	json_object_del(json_object_get(ctx, "page"), "active");	/* no menu item is current */
	render_set(ctx, "page.robots", json_string("noindex"));
	render_set(ctx, "error.status", json_integer(status));
	render_set(ctx, "error.heading", json_string(heading));
	render_set(ctx, "error.message", json_string(message));
	if (unavailable)
		render_set(ctx, "error.unavailable", json_true());
	if (page_html(req, "error", ctx, &out) != CORE_OK) {
		plain(req, status);
		return;
	}
	reply_send(req, status, "text/html; charset=utf-8", out.data ? out.data : "", out.len);
	buf_free(&out);
}
