/*
 * cache.c - a hash table of chained nodes plus a doubly linked LRU list.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cache.h"
#include "theme.h"

struct node {
	struct cache_entry e;
	char              *key;
	unsigned long long hash;
	struct node       *chain;		/* next in the bucket */
	struct node       *prev, *next;		/* LRU: head is the most recent */
};

struct cache {
	struct node **buckets;
	size_t        nbuckets;		/* a power of two */
	size_t        count, bytes;
	size_t        max_entries, max_bytes;
	struct node  *head, *tail;
};

struct cache *
cache_new(size_t max_entries, size_t max_bytes)
{
	struct cache *c;
	size_t nb = 16;

	if (max_entries == 0)
		max_entries = 1;
	while (nb < max_entries)
		nb *= 2;
	if ((c = calloc(1, sizeof(*c))) == NULL)
		return NULL;
	if ((c->buckets = calloc(nb, sizeof(*c->buckets))) == NULL) {
		free(c);
		return NULL;
	}
	c->nbuckets = nb;
	c->max_entries = max_entries;
	c->max_bytes = max_bytes;
	return c;
}

static void
lru_unlink(struct cache *c, struct node *n)
{
	if (n->prev)
		n->prev->next = n->next;
	else
		c->head = n->next;
	if (n->next)
		n->next->prev = n->prev;
	else
		c->tail = n->prev;
	n->prev = n->next = NULL;
}

static void
lru_push(struct cache *c, struct node *n)
{
	n->prev = NULL;
	n->next = c->head;
	if (c->head)
		c->head->prev = n;
	c->head = n;
	if (c->tail == NULL)
		c->tail = n;
}

static void
drop(struct cache *c, struct node *n)
{
	struct node **pp = &c->buckets[n->hash & (c->nbuckets - 1)];
	int v;

	while (*pp != n)
		pp = &(*pp)->chain;
	*pp = n->chain;
	lru_unlink(c, n);
	c->count--;
	c->bytes -= n->e.len;
	for (v = 1; v < CACHE_VARIANTS; v++) {
		c->bytes -= n->e.variant_len[v];
		free(n->e.variant[v]);
	}
	free(n->e.body);
	free(n->key);
	free(n);
}

void
cache_free(struct cache *c)
{
	if (c == NULL)
		return;
	while (c->head)
		drop(c, c->head);
	free(c->buckets);
	free(c);
}

static struct node *
find(struct cache *c, const char *key, unsigned long long h)
{
	struct node *n;

	for (n = c->buckets[h & (c->nbuckets - 1)]; n; n = n->chain)
		if (n->hash == h && strcmp(n->key, key) == 0)
			return n;
	return NULL;
}

const struct cache_entry *
cache_get(struct cache *c, const char *key)
{
	unsigned long long h = theme_fnv(THEME_FNV_INIT, key, strlen(key));
	struct node *n;

	if ((n = find(c, key, h)) == NULL)
		return NULL;
	if (c->head != n) {
		lru_unlink(c, n);
		lru_push(c, n);
	}
	return &n->e;
}

enum core_err
cache_put(struct cache *c, const char *key, int status, const char *ctype,
    const char *etag, const char *body, size_t len, int flags)
{
	unsigned long long h = theme_fnv(THEME_FNV_INIT, key, strlen(key));
	struct node *n, *old;

	if (len > c->max_bytes / 4)
		return CORE_RANGE;
	if ((n = calloc(1, sizeof(*n))) == NULL)
		return CORE_ENOMEM;
	if ((n->key = strdup(key)) == NULL || (n->e.body = malloc(len + 1)) == NULL) {
		free(n->key);
		free(n);
		return CORE_ENOMEM;
	}
	if (len)
		memcpy(n->e.body, body, len);
	n->e.body[len] = '\0';
	n->e.len = len;
	n->e.flags = flags;
	n->e.status = status;
	snprintf(n->e.ctype, sizeof(n->e.ctype), "%s", ctype ? ctype : "");
	snprintf(n->e.etag, sizeof(n->e.etag), "%s", etag ? etag : "");
	n->hash = h;
	if ((old = find(c, key, h)) != NULL)
		drop(c, old);
	while (c->tail && (c->count + 1 > c->max_entries || c->bytes + len > c->max_bytes))
		drop(c, c->tail);
	n->chain = c->buckets[h & (c->nbuckets - 1)];
	c->buckets[h & (c->nbuckets - 1)] = n;
	lru_push(c, n);
	c->count++;
	c->bytes += len;
	return CORE_OK;
}

enum core_err
cache_attach(struct cache *c, const char *key, int v, const char *data, size_t len)
{
	unsigned long long h = theme_fnv(THEME_FNV_INIT, key, strlen(key));
	struct node *n;
	char *copy;

	if (v < 1 || v >= CACHE_VARIANTS)
		return CORE_INVALID;
	if ((n = find(c, key, h)) == NULL)
		return CORE_NOTFOUND;
	/* room from the least recently used others, never from this entry */
	while (c->tail && c->tail != n && c->bytes - n->e.variant_len[v] + len > c->max_bytes)
		drop(c, c->tail);
	if (c->bytes - n->e.variant_len[v] + len > c->max_bytes)
		return CORE_RANGE;
	if ((copy = malloc(len ? len : 1)) == NULL)
		return CORE_ENOMEM;
	memcpy(copy, data, len);
	c->bytes -= n->e.variant_len[v];
	free(n->e.variant[v]);
	n->e.variant[v] = copy;
	n->e.variant_len[v] = len;
	c->bytes += len;
	return CORE_OK;
}

size_t
cache_count(const struct cache *c)
{
	return c->count;
}

size_t
cache_bytes(const struct cache *c)
{
	return c->bytes;
}
