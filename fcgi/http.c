/*
 * http.c - strict parsing of the byte-level parts of a request.
 *
 * The decoder is our own rather than curl_easy_unescape because the
 * latter accepts "%zz" and "%4" as literal text and decodes %00, which
 * would let a malformed request through as something else.
 */
#include <stdlib.h>
#include <string.h>
#include "http.h"
#include "names.h"
#include "str.h"

static const char *const method_names[HTTP__MAX] = {
	[HTTP_GET] = "GET",
	[HTTP_HEAD] = "HEAD",
	[HTTP_POST] = "POST",
	[HTTP_OTHER] = "OTHER",
};

enum http_method
http_method_parse(const char *s)
{
	int m = names_find(method_names, HTTP_OTHER, s);

	return m < 0 ? HTTP_OTHER : (enum http_method)m;
}

const char *
http_method_name(enum http_method m)
{
	return m >= 0 && m < HTTP__MAX ? method_names[m] : "OTHER";
}

int
http_decode(char *s, size_t len, int plus, size_t *outlen)
{
	size_t i, o = 0;
	int hi, lo;

	for (i = 0; i < len; i++) {
		if (s[i] == '%') {
			if (len - i < 3 || (hi = str_hexval((unsigned char)s[i + 1])) < 0 ||
			    (lo = str_hexval((unsigned char)s[i + 2])) < 0)
				return HTTP_BAD;
			s[o++] = (char)(hi << 4 | lo);
			i += 2;
		} else if (s[i] == '+' && plus)
			s[o++] = ' ';
		else
			s[o++] = s[i];
		if (s[o - 1] == '\0')
			return HTTP_BAD;
	}
	s[o] = '\0';
	if (!str_utf8_valid(s, o))
		return HTTP_BAD;
	if (outlen != NULL)
		*outlen = o;
	return HTTP_OK;
}

void
http_params_free(struct http_params *p)
{
	free(p->v);
	free(p->mem);
	memset(p, 0, sizeof(*p));
}

/*
 * Split mem (len bytes, writable, NUL-terminated) on sep into fields;
 * cookie mode trims spaces and skips pairs without '=', form mode
 * decodes names and values.
 */
static int
split(struct http_params *out, char sep, int cookie)
{
	char *p = out->mem, *end, *eq, *name, *val;
	size_t cap = 0;
	int rc;

	while (*p != '\0') {
		if ((end = strchr(p, sep)) != NULL)
			*end = '\0';
		if (cookie)
			while (*p == ' ' || *p == '\t')
				p++;
		if (*p == '\0')
			goto next;
		name = p;
		if ((eq = strchr(p, '=')) != NULL) {
			*eq = '\0';
			val = eq + 1;
		} else if (cookie)
			goto next;
		else
			val = p + strlen(p);
		if (cookie) {
			size_t vl = strlen(val), nl = strlen(name);

			while (nl > 0 && (name[nl - 1] == ' ' || name[nl - 1] == '\t'))
				name[--nl] = '\0';
			while (vl > 0 && (val[vl - 1] == ' ' || val[vl - 1] == '\t'))
				val[--vl] = '\0';
			if (vl >= 2 && val[0] == '"' && val[vl - 1] == '"') {
				val[vl - 1] = '\0';
				val++;
			}
			if (nl == 0)
				goto next;
		} else {
			if ((rc = http_decode(name, strlen(name), 1, NULL)) != HTTP_OK ||
			    (rc = http_decode(val, strlen(val), 1, NULL)) != HTTP_OK)
				return rc;
		}
		if (out->n == HTTP_MAX_PARAMS)
			return HTTP_TOO_BIG;
		if (out->n == cap) {
			struct http_param *nv;

			cap = cap ? cap * 2 : 8;
			if ((nv = realloc(out->v, cap * sizeof(*nv))) == NULL)
				return -1;
			out->v = nv;
		}
		out->v[out->n].name = name;
		out->v[out->n].value = val;
		out->n++;
next:
		if (end == NULL)
			break;
		p = end + 1;
	}
	return HTTP_OK;
}

static int
parse(struct http_params *out, const char *s, size_t len, char sep, int cookie)
{
	int rc;

	http_params_free(out);
	if ((out->mem = malloc(len + 1)) == NULL)
		return -1;
	if (len)
		memcpy(out->mem, s, len);
	out->mem[len] = '\0';
	/* an embedded NUL would silently cut the input short */
	if (strlen(out->mem) != len) {
		http_params_free(out);
		return HTTP_BAD;
	}
	if ((rc = split(out, sep, cookie)) != HTTP_OK)
		http_params_free(out);
	return rc;
}

int
http_params_parse(struct http_params *out, const char *s, size_t len)
{
	return parse(out, s, len, '&', 0);
}

int
http_cookies_parse(struct http_params *out, const char *s, size_t len)
{
	return parse(out, s, len, ';', 1);
}

const char *
http_params_get(const struct http_params *p, const char *name)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		if (strcmp(p->v[i].name, name) == 0)
			return p->v[i].value;
	return NULL;
}

int
http_etag_match(const char *inm, const char *etag)
{
	const char *p = inm, *q;
	size_t elen;

	if (inm == NULL || etag == NULL)
		return 0;
	if (strncmp(etag, "W/", 2) == 0)
		etag += 2;
	elen = strlen(etag);
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		if (*p == '\0')
			return 0;
		if (*p == '*')
			return 1;
		if (strncmp(p, "W/", 2) == 0)
			p += 2;
		if (*p != '"')
			return 0;	/* not a list of entity tags: no match */
		if ((q = strchr(p + 1, '"')) == NULL)
			return 0;
		if ((size_t)(q + 1 - p) == elen && memcmp(p, etag, elen) == 0)
			return 1;
		p = q + 1;
	}
}

enum core_err
http_urlencode(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p;
	enum core_err er;
	char esc[3];

	for (p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '.' || *p == '_' || *p == '~')
			er = buf_putc(b, (char)*p);
		else {
			esc[0] = '%';
			esc[1] = hex[*p >> 4];
			esc[2] = hex[*p & 15];
			er = buf_append(b, esc, 3);
		}
		if (er != CORE_OK)
			return er;
	}
	return CORE_OK;
}

int
http_is_slug(const char *s, size_t maxlen)
{
	size_t n;

	if (s == NULL || (n = strlen(s)) == 0 || n > maxlen)
		return 0;
	if (s[0] == '-' || s[n - 1] == '-')
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-'))
			return 0;
	return 1;
}
