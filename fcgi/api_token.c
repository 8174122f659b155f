/*
 * api_token.c - POST /api/v1/oauth/token (OAuth 2.0 client credentials,
 * RFC 6749 section 4.4) and GET /api/v1/openapi.json.
 *
 * The token endpoint's errors are problem+json like every other answer,
 * with the RFC 6749 section 5.2 "error" code as an extension member, so
 * OAuth client libraries find what they look for.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <jansson.h>
#include "api.h"
#include "apitoken.h"
#include "http.h"

/* The OpenAPI document, fcgi/api_openapi.json, built into the program (api_openapi.o depends on it). */
__asm__(".section .rodata\n"
	".global shelf_api_openapi_json\n"
	"shelf_api_openapi_json:\n"
	".incbin \"fcgi/api_openapi.json\"\n"
	".global shelf_api_openapi_json_end\n"
	"shelf_api_openapi_json_end:\n"
	".previous\n");
extern const char shelf_api_openapi_json[], shelf_api_openapi_json_end[];

static void
oauth_error(struct apicall *c, int status, const char *error, const char *title, const char *detail)
{
	char uri[160];
	json_t *o;
	char *s;

	snprintf(uri, sizeof(uri), "%soauth-%s", API_PROBLEM_BASE, error);
	o = json_pack("{s:s, s:s, s:i, s:s, s:s, s:s}", "type", uri, "title", title, "status", status,
	    "detail", detail, "error", error, "error_description", detail);
	if (o == NULL || (s = json_dumps(o, JSON_COMPACT)) == NULL) {
		json_decref(o);
		api_problem(c->req, 500, "internal", "Internal error", NULL);
		return;
	}
	json_decref(o);
	if (status == 401)
		request_header(c->req, "WWW-Authenticate: Basic realm=\"shelf\"");
	request_header(c->req, "Cache-Control: no-store");
	request_header(c->req, "Pragma: no-cache");
	request_reply(c->req, status, "application/problem+json", s, strlen(s));
	free(s);
}

static int
b64val(int ch)
{
	if (ch >= 'A' && ch <= 'Z')
		return ch - 'A';
	if (ch >= 'a' && ch <= 'z')
		return ch - 'a' + 26;
	if (ch >= '0' && ch <= '9')
		return ch - '0' + 52;
	if (ch == '+')
		return 62;
	if (ch == '/')
		return 63;
	return -1;
}

/* b64decode - standard base64 (padding optional) of s into out (n bytes, NUL-terminated); -1 when malformed or long. */
static int
b64decode(const char *s, char *out, size_t n)
{
	unsigned acc = 0;
	size_t o = 0;
	int bits = 0, v;

	for (; *s && *s != '='; s++) {
		if ((v = b64val((unsigned char)*s)) < 0)
			return -1;
		acc = (acc << 6) | (unsigned)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			if (o + 1 >= n)
				return -1;
			out[o++] = (char)((acc >> bits) & 0xff);
		}
	}
	for (; *s == '='; s++)
		;
	if (*s != '\0')
		return -1;
	out[o] = '\0';
	return memchr(out, '\0', o) != NULL ? -1 : 0;
}

void
api_token(struct apicall *c)
{
	const char *authz = c->authorization, *grant, *scope;
	char cred[512], tok[APITOKEN_SZ], scopes[256], *colon;
	struct apiauth auth;
	enum core_err er;
	size_t i;

	for (i = 0; i < c->req->form.n; i++) {
		const char *k = c->req->form.v[i].name;

		if (strcmp(k, "grant_type") != 0 && strcmp(k, "scope") != 0) {
			oauth_error(c, 400, "invalid_request", "Invalid token request",
			    "Only grant_type and scope go in the body; the client id and secret go in HTTP Basic.");
			return;
		}
	}
	if ((grant = request_field(c->req, "grant_type")) == NULL) {
		oauth_error(c, 400, "invalid_request", "Invalid token request", "grant_type is required.");
		return;
	}
	if (strcmp(grant, "client_credentials") != 0) {
		oauth_error(c, 400, "unsupported_grant_type", "Unsupported grant type",
		    "Only grant_type=client_credentials is supported.");
		return;
	}
	if (authz == NULL || strncasecmp(authz, "Basic ", 6) != 0 || b64decode(authz + 6, cred, sizeof(cred)) != 0 ||
	    (colon = strchr(cred, ':')) == NULL) {
		oauth_error(c, 401, "invalid_client", "Client authentication failed",
		    "Send the client id and secret in HTTP Basic authentication.");
		return;
	}
	*colon = '\0';
	/* RFC 6749 section 2.3.1: both are form-encoded before they are joined */
	if (http_decode(cred, strlen(cred), 1, NULL) != HTTP_OK ||
	    http_decode(colon + 1, strlen(colon + 1), 1, NULL) != HTTP_OK) {
		oauth_error(c, 401, "invalid_client", "Client authentication failed", "The credentials cannot be read.");
		return;
	}
	er = apitoken_issue(c->req->db, cred, colon + 1, tok, &auth);
	explicit_bzero(cred, sizeof(cred));
	if (er == CORE_NOTFOUND) {
		oauth_error(c, 401, "invalid_client", "Client authentication failed",
		    "The client id or secret is wrong, the credential is revoked, or its reseller has no API access.");
		return;
	}
	if (er != CORE_OK) {
		api_problem_core(c, er, NULL, "client");
		return;
	}
	c->auth = auth;
	if ((scope = request_field(c->req, "scope")) != NULL) {
		/* a narrower scope is not kept apart: the token carries what the credential has */
		char *dup = strdup(scope), *save = NULL, *w;
		int ok = dup != NULL;

		for (w = dup ? strtok_r(dup, " ", &save) : NULL; w != NULL; w = strtok_r(NULL, " ", &save)) {
			int sc = apiscope_parse(w);

			if (sc < 0 || !(auth.scopes & (1u << sc)))
				ok = 0;
		}
		free(dup);
		if (!ok) {
			oauth_error(c, 400, "invalid_scope", "Invalid scope",
			    "The scope asked for is unknown or beyond what the credential was given.");
			return;
		}
	}
	if (api_rate(c) != 0)
		return;
	apiscope_format(auth.scopes, scopes, sizeof(scopes));
	request_header(c->req, "Pragma: no-cache");
	api_json_obj(c->req, 200, json_pack("{s:s, s:s, s:i, s:s}", "access_token", tok, "token_type", "Bearer",
	    "expires_in", APITOKEN_TTL, "scope", scopes));
	explicit_bzero(tok, sizeof(tok));
}

void
api_openapi(struct apicall *c)
{
	request_header(c->req, "Cache-Control: public, max-age=300");
	request_reply(c->req, 200, "application/json", shelf_api_openapi_json,
	    (size_t)(shelf_api_openapi_json_end - shelf_api_openapi_json));
}
