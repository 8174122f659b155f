/*
 * acache.c - the customer area's data cache (acache.h).
 */
#include <stdlib.h>
#include <string.h>
#include "acache.h"

/* slot_of - the slot of key: FNV-1a of its bytes. */
static struct acache_slot *
slot_of(struct acache *c, const char *key)
{
	uint64_t h = 1469598103934665603ULL;
	const unsigned char *p;

	for (p = (const unsigned char *)key; *p; p++)
		h = (h ^ *p) * 1099511628211ULL;
	return &c->slots[h % ACACHE_SLOTS];
}

static void
slot_clear(struct acache_slot *s)
{
	free(s->key);
	json_decref(s->data);
	s->key = NULL;
	s->data = NULL;
}

void
acache_init(struct acache *c)
{
	if (c != NULL)
		memset(c, 0, sizeof(*c));
}

void
acache_done(struct acache *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < ACACHE_SLOTS; i++)
		slot_clear(&c->slots[i]);
}

void
acache_key(struct buf *b, const char *name, int64_t page, int64_t reseller_id, int64_t sf_version,
    const char *base_path, int64_t customer_id, int64_t version, int64_t user_id, int64_t day)
{
	buf_printf(b, "%s:%lld|sf:%lld.%lld%s|c:%lld.%lld|u:%lld|d:%lld", name, (long long)page,
	    (long long)reseller_id, (long long)sf_version, base_path, (long long)customer_id, (long long)version,
	    (long long)user_id, (long long)day);
}

json_t *
acache_get(struct acache *c, const char *key)
{
	struct acache_slot *s;

	if (c == NULL)
		return NULL;
	s = slot_of(c, key);
	return s->key != NULL && strcmp(s->key, key) == 0 ? json_incref(s->data) : NULL;
}

void
acache_put(struct acache *c, const char *key, json_t *data)
{
	struct acache_slot *s;
	char *k;

	if (c == NULL || data == NULL || (k = strdup(key)) == NULL)
		return;
	s = slot_of(c, key);
	slot_clear(s);
	s->key = k;
	s->data = json_incref(data);
}
