/*
 * reply.c - ETag, page cache, CSRF placeholder and send (reply.h).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "cache.h"
#include "config.h"
#include "encoding.h"
#include "log.h"
#include "pagestore.h"
#include "reply.h"
#include "stale.h"
#include "theme.h"

#define BODY_F_CSRF 0x01	/* cache_entry flags: the body holds CSRF_PLACEHOLDER */

static int
https_of(const struct request *req)
{
	return req->cfg != NULL && req->cfg->https;
}

void
reply_csrf(struct request *req, char tok[CSRF_TOKEN_LEN + 1])
{
	int https = https_of(req);
	const char *name = csrf_cookie_name(https), *have = request_cookie(req, name);

	if (csrf_valid(have)) {
		memcpy(tok, have, CSRF_TOKEN_LEN + 1);
		return;
	}
	if (csrf_new(tok) != 0) {
		tok[0] = '\0';
		return;
	}
	request_header(req, "Set-Cookie: %s=%s; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax%s", name, tok,
	    https ? "; Secure" : "");
}

/* body_flags - what put needs to know of body, found once when it is cached. */
static int
body_flags(const char *body, size_t len)
{
	static const char ph[] = CSRF_PLACEHOLDER;

	return memmem(body, len, ph, sizeof(ph) - 1) != NULL ? BODY_F_CSRF : 0;
}

/*
 * put - send body with every CSRF_PLACEHOLDER replaced by the browser's
 * token (flags: body_flags of body).  A page with a form is personal
 * from then on: a shared cache must not keep it (private), the browser
 * may.
 */
static void
put(struct request *req, int status, const char *ctype, const char *body, size_t len,
    const char *cache_control, int flags)
{
	static const char ph[] = CSRF_PLACEHOLDER;
	char tok[CSRF_TOKEN_LEN + 1];
	struct buf out = { 0 };
	const char *p, *at;

	if (!(flags & BODY_F_CSRF) || (at = memmem(body, len, ph, sizeof(ph) - 1)) == NULL) {
		request_header(req, "Cache-Control: %s", cache_control);
		request_reply(req, status, ctype, body, len);
		return;
	}
	reply_csrf(req, tok);
	for (p = body; at != NULL; at = memmem(p, len - (size_t)(p - body), ph, sizeof(ph) - 1)) {
		buf_append(&out, p, (size_t)(at - p));
		buf_puts(&out, tok);
		p = at + sizeof(ph) - 1;
	}
	buf_append(&out, p, len - (size_t)(p - body));
	request_header(req, "Cache-Control: %s", strncmp(cache_control, "public", 6) == 0 ?
	    "private, no-cache" : cache_control);
	request_reply(req, status, ctype, out.data ? out.data : "", out.len);
	buf_free(&out);
}

/*
 * send_cached - the cached page e (under req->cache_key), in the coding
 * the client takes (req->encoding) when its body is the same for everyone
 * (no CSRF placeholder) and worth it: compressed once, kept with the entry.
 */
static void
send_cached(struct request *req, const struct cache_entry *e)
{
	enum encoding enc = (enum encoding)req->encoding;
	struct buf z = { 0 };
	const char *body;
	size_t len;

	request_header(req, "ETag: %s", req->etag);
	request_header(req, "Vary: Accept-Encoding");
	if (enc == ENC_IDENTITY || (e->flags & BODY_F_CSRF) || e->len < ENC_MIN_BYTES) {
		put(req, e->status, e->ctype, e->body, e->len, "public, no-cache", e->flags);
		return;
	}
	body = e->variant[enc];
	len = e->variant_len[enc];
	if (body == NULL) {
		if (encoding_compress(enc, e->body, e->len, &z) != CORE_OK) {
			buf_free(&z);
			put(req, e->status, e->ctype, e->body, e->len, "public, no-cache", e->flags);
			return;
		}
		body = z.data;
		len = z.len;
		if (req->cache != NULL)
			cache_attach(req->cache, buf_cstr(&req->cache_key), enc, z.data, z.len);
	}
	request_header(req, "Content-Encoding: %s", encoding_name(enc));
	put(req, e->status, e->ctype, body, len, "public, no-cache", e->flags);
	buf_free(&z);
}

/*
 * page_base - the cache key key without its version (the second field):
 * the page, whatever version of its storefront (stale.h).  Into out.
 */
static void
page_base(struct buf *out, const char *key)
{
	const char *v = strchr(key, '|'), *rest = v ? strchr(v + 1, '|') : NULL;

	buf_reset(out);
	if (rest == NULL)
		buf_puts(out, key);
	else {
		buf_append(out, key, (size_t)(v - key));
		buf_puts(out, rest);
	}
}

/* etag_of - the ETag of the page under key in coding enc, into etag (40 bytes). */
static void
etag_of(char *etag, size_t n, const char *key, size_t len, enum encoding enc)
{
	unsigned long long h = theme_fnv(THEME_FNV_INIT, key, len);

	snprintf(etag, n, "\"%016llx%s%s\"", h, enc ? "-" : "", encoding_name(enc));
}

/*
 * send_stale - the page of an earlier version of the storefront when
 * stale.h allows it (only distributor-wide changes since, within the
 * window) and the cache still holds it: sent as that version, under its
 * own ETag.  Returns 1 when it replied.
 */
static int
send_stale(struct request *req)
{
	const struct cache_entry *e;
	struct buf base = { 0 };
	const char *key;
	char etag[sizeof(req->etag)];

	if (req->stale == NULL || req->cache == NULL)
		return 0;
	page_base(&base, buf_cstr(&req->cache_key));
	key = stale_serve(req->stale, buf_cstr(&base), req->sf->reseller_id, req->sf->version, req->sf->wide_version,
	    req->envp);
	buf_free(&base);
	if (key == NULL || (e = cache_get(req->cache, key)) == NULL)
		return 0;
	etag_of(etag, sizeof(etag), key, strlen(key), (enum encoding)req->encoding);
	buf_reset(&req->cache_key);
	buf_puts(&req->cache_key, key);		/* the coding made now is kept with that version */
	memcpy(req->etag, etag, sizeof(etag));
	if (http_etag_match(req->if_none_match, req->etag)) {
		request_header(req, "ETag: %s", req->etag);
		request_header(req, "Vary: Accept-Encoding");
		request_header(req, "Cache-Control: public, no-cache");
		request_not_modified(req);
		return 1;
	}
	send_cached(req, e);
	return 1;
}

/* page_dir - the page store's directory (pagestore.h), NULL when there is none. */
static const char *
page_dir(const struct request *req)
{
	return req->cfg != NULL && req->cfg->page_dir[0] != '\0' && req->cache != NULL ? req->cfg->page_dir : NULL;
}

/* cached - the entry under req->cache_key is the page's version from now on (stale.h). */
static void
cached(struct request *req, const char *base)
{
	if (req->stale != NULL)
		stale_rendered(req->stale, base, buf_cstr(&req->cache_key), req->sf->reseller_id, req->sf->version,
		    req->sf->wide_version);
}

/*
 * send_stored - the page as a worker made it before under this very key,
 * from the page store, into the cache and sent: a worker that just
 * started makes none of the pages that were made before it.  Returns 1
 * when it replied.
 */
static int
send_stored(struct request *req)
{
	const char *dir = page_dir(req), *key = buf_cstr(&req->cache_key);
	const struct cache_entry *e = NULL;
	struct pagestore_page sp;
	struct buf base = { 0 };
	int v;

	if (dir == NULL)
		return 0;
	page_base(&base, key);
	if (pagestore_load(dir, buf_cstr(&base), key, &sp) == CORE_OK &&
	    cache_put(req->cache, key, sp.status, sp.ctype, req->etag, sp.part[0].data ? sp.part[0].data : "",
	    sp.part[0].len, sp.flags) == CORE_OK) {
		for (v = 1; v < PAGESTORE_VARIANTS && v < CACHE_VARIANTS; v++)
			if (sp.part[v].len > 0)
				cache_attach(req->cache, key, v, sp.part[v].data, sp.part[v].len);
		if ((e = cache_get(req->cache, key)) != NULL)
			cached(req, buf_cstr(&base));
	}
	pagestore_page_free(&sp);
	buf_free(&base);
	if (e == NULL)
		return 0;
	send_cached(req, e);
	return 1;
}

/* store - the cached page under req->cache_key, with the codings made of it so far, into the page store. */
static void
store(struct request *req, const char *base)
{
	const char *dir = page_dir(req), *key = buf_cstr(&req->cache_key);
	const struct cache_entry *e;
	struct pagestore_page sp;
	int v;

	if (dir == NULL || (e = cache_get(req->cache, key)) == NULL)
		return;
	memset(&sp, 0, sizeof(sp));
	sp.status = e->status;
	sp.flags = e->flags;
	snprintf(sp.ctype, sizeof(sp.ctype), "%s", e->ctype);
	/* borrowed, not copied: sp is only read */
	sp.part[0] = (struct buf){ .data = e->body, .len = e->len };
	for (v = 1; v < PAGESTORE_VARIANTS && v < CACHE_VARIANTS; v++)
		sp.part[v] = (struct buf){ .data = e->variant[v], .len = e->variant[v] ? e->variant_len[v] : 0 };
	if (pagestore_save(dir, base, key, &sp) != CORE_OK)
		log_say("shelf-fcgi: page store %s: cannot write a page (%s)", dir, strerror(errno));
}

int
reply_cache_begin(struct request *req, const char *params)
{
	const struct cache_entry *e;
	const char *p, *v;
	char name[32];
	size_t n;

	if (req->sf == NULL || req->method == HTTP_POST)
		return 0;
	if (req->stale != NULL)
		stale_hit(req->stale, req->sf->reseller_id);
	buf_reset(&req->cache_key);
	buf_printf(&req->cache_key, "%lld|%lld|%s|%s|%d|%s%s|%s?", (long long)req->sf->reseller_id,
	    (long long)req->sf->version, req->theme ? req->theme->hash : "", req->skin, req->year,
	    req->origin, req->base_path, req->path);
	/* name=length:value& for each parameter the page reads and the request has: unambiguous */
	for (p = params; *p; p += n + strspn(p + n, " ")) {
		n = strcspn(p, " ");
		snprintf(name, sizeof(name), "%.*s", (int)n, p);
		if ((v = request_param(req, name)) != NULL)
			buf_printf(&req->cache_key, "%s=%zu:%s&", name, strlen(v), v);
	}
	/* each coding is its own representation: its own ETag */
	req->encoding = encoding_accept(req->accept_encoding);
	etag_of(req->etag, sizeof(req->etag), req->cache_key.data, req->cache_key.len, (enum encoding)req->encoding);
	if (http_etag_match(req->if_none_match, req->etag)) {
		request_header(req, "ETag: %s", req->etag);
		request_header(req, "Vary: Accept-Encoding");
		request_header(req, "Cache-Control: public, no-cache");
		request_not_modified(req);
		return 1;
	}
	if (req->cache != NULL && (e = cache_get(req->cache, buf_cstr(&req->cache_key))) != NULL) {
		send_cached(req, e);
		return 1;
	}
	return send_stored(req) || send_stale(req);
}

void
reply_send(struct request *req, int status, const char *ctype, const char *body, size_t len)
{
	int flags = body_flags(body, len);

	if (req->cache_key.len > 0 && status == 200) {
		struct cache_entry tmp = { .status = status, .body = (char *)(uintptr_t)body, .len = len, .flags = flags };
		const struct cache_entry *e = NULL;

		struct buf base = { 0 };

		page_base(&base, buf_cstr(&req->cache_key));
		if (req->cache != NULL &&
		    cache_put(req->cache, buf_cstr(&req->cache_key), status, ctype, req->etag, body, len, flags) == CORE_OK &&
		    (e = cache_get(req->cache, buf_cstr(&req->cache_key))) != NULL)
			cached(req, buf_cstr(&base));
		if (e == NULL) {
			snprintf(tmp.ctype, sizeof(tmp.ctype), "%s", ctype);
			e = &tmp;
			send_cached(req, e);
		} else {
			send_cached(req, e);	/* makes the coding this client takes */
			store(req, buf_cstr(&base));
		}
		buf_free(&base);
	} else
		put(req, status, ctype, body, len, req->personal ? "private, no-store" : "no-store", flags);
}
