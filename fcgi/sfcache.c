/*
 * sfcache.c - the storefront rows, versions and nav categories of one
 * worker (sfcache.h).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buf.h"
#include "http.h"
#include "sfcache.h"
#include "theme.h"

void
sfcache_init(struct sfcache *c)
{
	memset(c, 0, sizeof(*c));
}

void
sfcache_done(struct sfcache *c)
{
	size_t i;

	for (i = 0; i < SFCACHE_NAV; i++)
		category_list_free(&c->navs[i].list);
	for (i = 0; i < SFCACHE_SLOTS; i++)
		free(c->slots[i].packed);
	free(c->scratch);
	memset(c, 0, sizeof(*c));
}

void
sfcache_round(struct sfcache *c)
{
	if (++c->round == 0)
		c->round = 1;
}

/* slot_key - the key of the storefront slot a route names: "s:slug" (path routing) or "h:host". */
static void
slot_key(char *out, size_t n, const struct route *route, const char *host)
{
	snprintf(out, n, "%c:%s", route->kind == ROUTE_PATH_SLUG ? 's' : 'h',
	    route->kind == ROUTE_PATH_SLUG ? route->key : host);
}

/* bucket - the hash bucket of a slot key. */
static size_t
bucket(const char *key)
{
	return (size_t)theme_fnv(THEME_FNV_INIT, key, strlen(key)) & (SFCACHE_BUCKETS - 1);
}

/* slot_find - the slot remembered under key, or NULL. */
static struct sfcache_slot *
slot_find(struct sfcache *c, const char *key)
{
	int i;

	for (i = c->buckets[bucket(key)]; i != 0; i = c->slots[i - 1].next)
		if (strcmp(c->slots[i - 1].key, key) == 0)
			return &c->slots[i - 1];
	return NULL;
}

/* slot_drop - forget what slot holds: out of its bucket, row freed, free for another key. */
static void
slot_drop(struct sfcache *c, struct sfcache_slot *slot)
{
	int *p, self = (int)(slot - c->slots) + 1;

	if (slot->key[0] != '\0') {
		for (p = &c->buckets[bucket(slot->key)]; *p != 0 && *p != self; p = &c->slots[*p - 1].next)
			;
		if (*p == self)
			*p = slot->next;
	}
	if (c->unpacked == self)
		c->unpacked = 0;
	free(slot->packed);
	slot->packed = NULL;
	slot->packed_len = 0;
	slot->key[0] = '\0';
	slot->next = 0;
	slot->used = 0;
}

#define RUN_MIN 16	/* zero bytes worth a record of their own */

/*
 * pack - the bytes of row a storefront_copy holds, as records "zeros
 * (uint32), literal length (uint32), the literal bytes": a record ends
 * where a run of RUN_MIN zero bytes begins.  Into *out (malloc'd).
 */
static enum core_err
pack(const struct storefront *row, unsigned char **out, size_t *out_len)
{
	const unsigned char *p = (const unsigned char *)row;
	size_t used = offsetof(struct storefront, sections) + strlen(row->sections) + 1, i = 0, z, l, k;
	struct buf b = { 0 };
	uint32_t h[2];

	while (i < used) {
		for (z = i; z < used && p[z] == 0; z++)
			;
		for (l = z; l < used;) {
			if (p[l] != 0) {
				l++;
				continue;
			}
			for (k = l; k < used && p[k] == 0 && k - l < RUN_MIN; k++)
				;
			if (k - l >= RUN_MIN || k == used)
				break;
			l = k;
		}
		h[0] = (uint32_t)(z - i);
		h[1] = (uint32_t)(l - z);
		if (buf_append(&b, h, sizeof(h)) != CORE_OK || buf_append(&b, p + z, l - z) != CORE_OK) {
			buf_free(&b);
			return CORE_ENOMEM;
		}
		i = l;
	}
	*out = (unsigned char *)b.data;
	*out_len = b.len;
	return CORE_OK;
}

/* unpack - the row slot holds, into c's scratch row. */
static void
unpack(struct sfcache *c, const struct sfcache_slot *slot)
{
	unsigned char *d = (unsigned char *)c->scratch;
	const unsigned char *s = slot->packed, *end = slot->packed + slot->packed_len;
	uint32_t h[2];

	while (s < end) {
		memcpy(h, s, sizeof(h));
		s += sizeof(h);
		memset(d, 0, h[0]);
		d += h[0];
		memcpy(d, s, h[1]);
		d += h[1];
		s += h[1];
	}
	c->unpacked = (int)(slot - c->slots) + 1;
}

/* slot_keep - slot holds row (c's scratch row) under key from now on (slot is free). */
static enum core_err
slot_keep(struct sfcache *c, struct sfcache_slot *slot, const char *key, const struct storefront *row)
{
	size_t b = bucket(key);

	if (pack(row, &slot->packed, &slot->packed_len) != CORE_OK)
		return CORE_ENOMEM;
	slot->reseller_id = row->reseller_id;
	slot->version = row->version;
	slot->wide = row->wide_version;
	c->unpacked = (int)(slot - c->slots) + 1;
	snprintf(slot->key, sizeof(slot->key), "%s", key);
	slot->next = c->buckets[b];
	c->buckets[b] = (int)(slot - c->slots) + 1;
	slot->latest = row->version;
	slot->latest_wide = row->wide_version;
	slot->checked = c->round;
	return CORE_OK;
}

enum core_err
sfcache_lookup(struct sfcache *c, struct db *db, const struct route *route, const char *host,
    const struct storefront **out)
{
	struct sfcache_slot *slot;
	char key[sizeof(c->slots[0].key)];
	int64_t version, wide;
	enum core_err er;
	size_t i;

	slot_key(key, sizeof(key), route, host);
	if ((slot = slot_find(c, key)) != NULL) {
		if (c->round == 0 || slot->checked != c->round) {
			if ((er = storefront_version_wide(db, slot->reseller_id, &version, &wide)) == CORE_NOTFOUND)
				version = wide = -1;
			else if (er != CORE_OK)
				return er;
			slot->latest = version;
			slot->latest_wide = wide;
			slot->checked = c->round;
		}
		/*
		 * Only distributor-wide changes since (products, never this
		 * storefront's row): the row is the same but for its versions.
		 */
		if (slot->latest > slot->version && slot->latest - slot->version == slot->latest_wide - slot->wide) {
			slot->version = slot->latest;
			slot->wide = slot->latest_wide;
		}
		if (slot->latest == slot->version)
			goto found;
		slot_drop(c, slot);		/* changed: read again below */
	} else {
		for (slot = &c->slots[0], i = 1; i < SFCACHE_SLOTS && slot->packed != NULL; i++)
			if (c->slots[i].packed == NULL || c->slots[i].used < slot->used)
				slot = &c->slots[i];
		slot_drop(c, slot);
	}
	if (c->scratch == NULL && (c->scratch = malloc(sizeof(*c->scratch))) == NULL)
		return CORE_ENOMEM;
	c->unpacked = 0;	/* scratch is read into */
	if (route->kind == ROUTE_PATH_SLUG)
		er = storefront_by_slug(db, route->key, c->scratch);
	else
		er = storefront_by_domain(db, host, c->scratch);
	/* not found: renamed, downgraded, domain moved, or never there; the slot stays free */
	if (er != CORE_OK || (er = slot_keep(c, slot, key, c->scratch)) != CORE_OK)
		return er;
found:
	if (c->unpacked != (int)(slot - c->slots) + 1) {
		if (c->scratch == NULL && (c->scratch = malloc(sizeof(*c->scratch))) == NULL)
			return CORE_ENOMEM;
		unpack(c, slot);
	}
	c->scratch->version = slot->version;
	c->scratch->wide_version = slot->wide;
	slot->used = ++c->clock;
	*out = c->scratch;
	return CORE_OK;
}

void
sfcache_prefetch(struct sfcache *c, struct db *db, const char *base_domain, FCGX_Request *const *batch, int n)
{
	int64_t ids[SFCACHE_BATCH_MAX], versions[SFCACHE_BATCH_MAX], wides[SFCACHE_BATCH_MAX];
	struct sfcache_slot *slots[SFCACHE_BATCH_MAX], *slot;
	char host[REQUEST_HOST_MAX], path[HTTP_MAX_PATH + 1], key[sizeof(c->slots[0].key)];
	const char *uri;
	struct route route;
	size_t len;
	int i, j, k = 0;

	if (db == NULL || n < 2)
		return;		/* one request: the lookup reads its version itself */
	for (i = 0; i < n && k < SFCACHE_BATCH_MAX; i++) {
		route_host_normalize(FCGX_GetParam("HTTP_HOST", batch[i]->envp), host, sizeof(host));
		if ((uri = FCGX_GetParam("REQUEST_URI", batch[i]->envp)) == NULL ||
		    (len = strcspn(uri, "?")) > HTTP_MAX_PATH)
			continue;
		memcpy(path, uri, len);
		path[len] = '\0';
		route_parse(&route, host, path, base_domain);
		if (route.kind == ROUTE_NONE)
			continue;
		slot_key(key, sizeof(key), &route, host);
		if ((slot = slot_find(c, key)) == NULL || slot->checked == c->round)
			continue;
		for (j = 0; j < k && slots[j] != slot; j++)
			;
		if (j == k) {
			slots[k] = slot;
			ids[k++] = slot->reseller_id;
		}
	}
	if (k < 2 || storefront_versions_wide(db, ids, (size_t)k, versions, wides) != CORE_OK)
		return;		/* one storefront, or the database failed: the lookups read (and report) */
	for (j = 0; j < k; j++) {
		slots[j]->latest = versions[j];
		slots[j]->latest_wide = wides[j];
		slots[j]->checked = c->round;
	}
}

const struct category_list *
sfcache_categories(struct sfcache *c, struct db *db, const struct storefront *sf)
{
	struct sfcache_nav *e = &c->navs[(uint64_t)sf->reseller_id % SFCACHE_NAV];

	if (e->reseller_id == sf->reseller_id && e->version == sf->version)
		return &e->list;
	category_list_free(&e->list);
	e->reseller_id = 0;
	if (db == NULL || catalog_storefront_categories(db, sf->reseller_id, &e->list) != CORE_OK) {
		category_list_free(&e->list);
		return NULL;
	}
	e->reseller_id = sf->reseller_id;
	e->version = sf->version;
	return &e->list;
}
