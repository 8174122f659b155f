/*
 * fuzz_mustache.c - compiling and rendering Mustache templates
 * (core/mustache.c), the engine of every storefront page and e-mail.
 *
 * Input: parts separated by the byte 0x1E (RS): the template, then the
 * JSON data (anything that is not JSON renders against an empty
 * context), then partials, each "NAME\nSOURCE", served by a loader.
 * Contracts checked: compiling never fails but with CORE_TEMPLATE or
 * CORE_RANGE (and then gives no template), with an error position inside
 * the source; a render appends to what the buffer held or, on error,
 * leaves it as it was; rendering the same compiled template twice gives
 * the same bytes (a template is immutable); mustache_render_bytes agrees
 * with compile + render; strict partials fail where lax ones render;
 * and the template's bytes as a value through {{x}} come out HTML-escaped
 * (no < > " ' and every & an entity of the five), unescaping to themselves.
 */
#include <jansson.h>
#include "fuzz.h"
#include "mustache.h"

#define PARTS_MAX 10

static enum core_err
loader(void *arg, const char *name, struct buf *src, char *why, size_t whysz)
{
	json_t *v = json_object_get(arg, name);

	if (!json_is_string(v)) {
		snprintf(why, whysz, "no partial '%s'", name);
		return CORE_NOTFOUND;
	}
	return buf_append(src, json_string_value(v), json_string_length(v));
}

/* render - tpl against ctx after a prefix; the prefix stays and an error adds nothing. */
static enum core_err
render(const struct mustache_tpl *tpl, const json_t *ctx, struct mustache_set *set, struct buf *out)
{
	struct mustache_error err;
	enum core_err er;

	buf_reset(out);
	FUZZ_CHECK(buf_puts(out, "<pre>") == CORE_OK);
	er = mustache_render(tpl, ctx, set, out, &err);
	FUZZ_CHECK(out->len >= 5 && memcmp(out->data, "<pre>", 5) == 0);
	if (er != CORE_OK) {
		FUZZ_CHECK(out->len == 5);
		FUZZ_CHECK(er == CORE_TEMPLATE || er == CORE_RANGE || er == CORE_NOTFOUND);
		FUZZ_CHECK(memchr(err.message, '\0', sizeof(err.message)) != NULL && err.message[0] != '\0');
	}
	return er;
}

/* check_escape - the bytes as the value x of "{{x}}": escaped, and nothing else changed. */
static void
check_escape(const char *s, size_t n)
{
	static const char *const ent[] = { "&amp;", "&lt;", "&gt;", "&quot;", "&#39;" };
	static const char raw[] = "&<>\"'";
	static struct mustache_tpl *tpl;
	json_t *ctx = json_pack("{s:s%}", "x", "", (size_t)0);
	struct buf out = { 0 };
	size_t i, j, k;

	if (tpl == NULL)
		FUZZ_CHECK(mustache_compile("escape", "{{x}}", 5, &tpl, NULL) == CORE_OK);
	FUZZ_CHECK(ctx != NULL);
	json_object_set_new(ctx, "x", json_stringn_nocheck(s, n));
	if (mustache_render(tpl, ctx, NULL, &out, NULL) == CORE_OK) {
		for (i = 0, j = 0; i < out.len; i++, j++) {
			FUZZ_CHECK(j < n);
			FUZZ_CHECK(strchr("<>\"'", out.data[i]) == NULL || out.data[i] == '\0');
			if (out.data[i] != '&') {
				FUZZ_CHECK(out.data[i] == s[j]);
				continue;
			}
			for (k = 0; k < 5; k++)
				if (out.len - i >= strlen(ent[k]) && memcmp(out.data + i, ent[k], strlen(ent[k])) == 0)
					break;
			FUZZ_CHECK(k < 5 && s[j] == raw[k]);
			i += strlen(ent[k]) - 1;
		}
		FUZZ_CHECK(j == n);
	}
	json_decref(ctx);
	buf_free(&out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t off[PARTS_MAX], len[PARTS_MAX], n, i;
	json_t *ctx = NULL, *partials = json_object();
	struct mustache_set *lax, *strict;
	struct mustache_tpl *tpl = NULL;
	struct mustache_error err;
	struct buf a = { 0 }, b = { 0 }, c = { 0 };
	enum core_err er, er2;

	if (partials == NULL)
		abort();
	n = fuzz_split(data, size, 0x1E, PARTS_MAX, off, len);
	if (n > 1)
		ctx = json_loadb((const char *)data + off[1], len[1], JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
	for (i = 2; i < n; i++) {
		const char *p = (const char *)data + off[i], *nl = memchr(p, '\n', len[i]);
		char *name;

		if (nl == NULL)
			continue;
		name = fuzz_strndup(p, (size_t)(nl - p));
		json_object_set_new(partials, name,
		    json_stringn_nocheck(nl + 1, len[i] - (size_t)(nl + 1 - p)));
		free(name);
	}
	check_escape((const char *)data, len[0]);
	lax = mustache_set_new(loader, partials, 0);
	strict = mustache_set_new(loader, partials, MUSTACHE_STRICT_PARTIALS);
	FUZZ_CHECK(lax != NULL && strict != NULL);

	memset(&err, 0, sizeof(err));
	er = mustache_compile("fuzz", (const char *)data, len[0], &tpl, &err);
	if (er != CORE_OK) {
		FUZZ_CHECK(tpl == NULL);
		FUZZ_CHECK(er == CORE_TEMPLATE || er == CORE_RANGE);
		FUZZ_CHECK(err.line >= 0 && err.column >= 0 && err.message[0] != '\0');
		FUZZ_CHECK(strcmp(err.name, "fuzz") == 0);
	} else {
		FUZZ_CHECK(tpl != NULL && strcmp(mustache_name(tpl), "fuzz") == 0);
		er = render(tpl, ctx, lax, &a);
		er2 = render(tpl, ctx, lax, &b);
		FUZZ_CHECK(er == er2);
		FUZZ_CHECK(a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
		/* one-off render, no set: missing partials are empty, so only a partial-free success compares */
		buf_reset(&c);
		er2 = mustache_render_bytes((const char *)data, len[0], ctx, lax, &c, NULL);
		FUZZ_CHECK(er2 == er);
		if (er == CORE_OK)
			FUZZ_CHECK(c.len + 5 == a.len && memcmp(c.data, a.data + 5, c.len) == 0);
		er2 = render(tpl, ctx, strict, &b);
		if (er2 == CORE_OK)
			FUZZ_CHECK(er == CORE_OK && a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
		(void)render(tpl, ctx, NULL, &c);
	}
	mustache_free(tpl);
	mustache_set_free(lax);
	mustache_set_free(strict);
	json_decref(partials);
	json_decref(ctx);
	buf_free(&a);
	buf_free(&b);
	buf_free(&c);
	return 0;
}
