#include <string.h>
#include "http.h"
#include "route.h"

void
route_host_normalize(const char *value, char *out, size_t n)
{
	size_t i, len;
	const char *colon;

	out[0] = '\0';
	if (value == NULL || n == 0)
		return;
	if (value[0] == '[')		/* IPv6 literal: never a storefront */
		return;
	colon = strchr(value, ':');
	len = colon ? (size_t)(colon - value) : strlen(value);
	if (len > 0 && value[len - 1] == '.')
		len--;
	if (len == 0 || len >= n || len > ROUTE_KEY_MAX)
		return;
	for (i = 0; i < len; i++) {
		char c = value[i];

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.')) {
			out[0] = '\0';
			return;
		}
		out[i] = c;
	}
	out[len] = '\0';
}

void
route_base_path(struct buf *b, const char *slug)
{
	buf_printf(b, "/s/%s", slug);
}

static int
is_ipv4(const char *h)
{
	for (; *h; h++)
		if (!((*h >= '0' && *h <= '9') || *h == '.'))
			return 0;
	return 1;
}

void
route_parse(struct route *r, const char *host, const char *path, const char *base_domain)
{
	size_t hl, bl, sl;
	const char *slash;

	memset(r, 0, sizeof(*r));
	r->kind = ROUTE_NONE;
	r->rest = path;

	if (strncmp(path, "/s/", 3) == 0) {
		slash = strchr(path + 3, '/');
		sl = slash ? (size_t)(slash - (path + 3)) : strlen(path + 3);
		if (sl == 0 || sl > ROUTE_SLUG_MAX)
			return;
		memcpy(r->key, path + 3, sl);
		r->key[sl] = '\0';
		if (!http_is_slug(r->key, ROUTE_SLUG_MAX)) {
			r->key[0] = '\0';
			return;
		}
		r->kind = ROUTE_PATH_SLUG;
		r->rest = slash ? slash : "/";
		r->bare = slash == NULL;
		return;
	}
	if (host == NULL || *host == '\0' || strchr(host, '.') == NULL || is_ipv4(host))
		return;
	hl = strlen(host);
	bl = base_domain ? strlen(base_domain) : 0;
	if (bl > 0 && hl > bl + 1 && host[hl - bl - 1] == '.' && strcmp(host + hl - bl, base_domain) == 0) {
		sl = hl - bl - 1;
		if (sl > ROUTE_SLUG_MAX || memchr(host, '.', sl) != NULL)
			return;
		memcpy(r->key, host, sl);
		r->key[sl] = '\0';
		if (!http_is_slug(r->key, ROUTE_SLUG_MAX)) {
			r->key[0] = '\0';
			return;
		}
		r->kind = ROUTE_HOST_SLUG;
		return;
	}
	if (bl > 0 && strcmp(host, base_domain) == 0)
		return;
	if (hl > ROUTE_KEY_MAX)
		return;
	memcpy(r->key, host, hl + 1);
	r->kind = ROUTE_DOMAIN;
}
