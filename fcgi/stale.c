/*
 * stale.c - pages kept past distributor-wide changes, their hits and
 * the queue of re-renders (stale.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "log.h"
#include "stale.h"
#include "theme.h"

/* The parameters a re-render replays: what names the page, never a cookie or a validator. */
static const char *const replayed[] = {
	"REQUEST_URI", "DOCUMENT_URI", "QUERY_STRING", "HTTP_HOST", "SERVER_PORT", "HTTPS", "HTTP_ACCEPT_ENCODING",
};

_Static_assert(sizeof(replayed) / sizeof(replayed[0]) + 1 <= STALE_ENV_MAX, "a replayed request fits envp");

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

void
stale_init(struct stale *s, int max_ms)
{
	memset(s, 0, sizeof(*s));
	s->max_ms = max_ms;
}

static void
page_clear(struct stale_page *p)
{
	free(p->base);
	free(p->key);
	free(p->env);
	memset(p, 0, sizeof(*p));
}

void
stale_done(struct stale *s)
{
	size_t i;

	for (i = 0; i < STALE_PAGES; i++)
		page_clear(&s->pages[i]);
	free(s->env);
	memset(s, 0, sizeof(*s));
}

static size_t
bucket(const char *base)
{
	return (size_t)theme_fnv(THEME_FNV_INIT, base, strlen(base)) & (STALE_BUCKETS - 1);
}

static struct stale_page *
find(struct stale *s, const char *base)
{
	int i;

	for (i = s->buckets[bucket(base)]; i != 0; i = s->pages[i - 1].next)
		if (strcmp(s->pages[i - 1].base, base) == 0)
			return &s->pages[i - 1];
	return NULL;
}

/* unqueue - p is not waiting for a re-render any more; the log line when that ends a catch-up. */
static void
unqueue(struct stale *s, struct stale_page *p)
{
	if (p->env == NULL)
		return;
	free(p->env);
	p->env = NULL;
	if (--s->queued > 0)
		return;
	log_say("shelf-fcgi: %d page%s rendered again after distributor-wide changes; longest stale window"
	    " %.0f ms (bound %d ms), %d rendered on request", s->caught, s->caught == 1 ? "" : "s", s->longest,
	    s->max_ms, s->late);
	s->caught = s->late = 0;
	s->longest = 0;
}

/* drop - forget p (out of its bucket, off the queue). */
static void
drop(struct stale *s, struct stale_page *p)
{
	int *at, self = (int)(p - s->pages) + 1;

	if (p->base == NULL)
		return;
	for (at = &s->buckets[bucket(p->base)]; *at != 0 && *at != self; at = &s->pages[*at - 1].next)
		;
	if (*at == self)
		*at = p->next;
	unqueue(s, p);
	page_clear(p);
}

void
stale_hit(struct stale *s, int64_t reseller_id)
{
	struct stale_hits *h = &s->hits[(uint64_t)reseller_id % STALE_HITS];

	if (s->replaying)
		return;
	if (h->reseller_id != reseller_id) {
		h->reseller_id = reseller_id;
		h->hits = 0;
	}
	h->hits++;
}

static unsigned long
hits_of(const struct stale *s, int64_t reseller_id)
{
	const struct stale_hits *h = &s->hits[(uint64_t)reseller_id % STALE_HITS];

	return h->reseller_id == reseller_id ? h->hits : 0;
}

/* env_of - envp's replayed parameters as "NAME=value\0"... "\0", malloc'd; NULL on ENOMEM. */
static char *
env_of(char *const *envp)
{
	size_t i, k, n = 1, len;
	char *out, *p;

	for (k = 0; envp != NULL && envp[k] != NULL; k++)
		for (i = 0; i < sizeof(replayed) / sizeof(replayed[0]); i++)
			if (strncmp(envp[k], replayed[i], len = strlen(replayed[i])) == 0 && envp[k][len] == '=')
				n += strlen(envp[k]) + 1;
	if ((out = malloc(n)) == NULL)
		return NULL;
	p = out;
	for (k = 0; envp != NULL && envp[k] != NULL; k++)
		for (i = 0; i < sizeof(replayed) / sizeof(replayed[0]); i++)
			if (strncmp(envp[k], replayed[i], len = strlen(replayed[i])) == 0 && envp[k][len] == '=') {
				len = strlen(envp[k]) + 1;
				memcpy(p, envp[k], len);
				p += len;
			}
	*p = '\0';
	return out;
}

const char *
stale_serve(struct stale *s, const char *base, int64_t reseller_id, int64_t version, int64_t wide,
    char *const *envp)
{
	struct stale_page *p;
	double t;

	if (s->replaying || s->max_ms <= 0 || (p = find(s, base)) == NULL || p->reseller_id != reseller_id)
		return NULL;
	/* only distributor-wide bumps since: the storefront's own changes always show at once */
	if (p->version >= version || version - p->version != wide - p->wide)
		return NULL;
	t = now_ms();
	if (p->since == 0) {
		if ((p->env = env_of(envp)) == NULL)
			return NULL;
		p->since = t;
		s->queued++;
	}
	if (t - p->since > s->max_ms)
		return NULL;	/* past the bound: rendered on this request */
	p->used = ++s->clock;
	return p->key;
}

void
stale_rendered(struct stale *s, const char *base, const char *key, int64_t reseller_id, int64_t version,
    int64_t wide)
{
	struct stale_page *p = find(s, base);
	double window;
	size_t i, b;

	if (p == NULL) {
		/* a free page, else the least recently used one */
		for (p = &s->pages[0], i = 1; i < STALE_PAGES && p->base != NULL; i++)
			if (s->pages[i].base == NULL || s->pages[i].used < p->used)
				p = &s->pages[i];
		drop(s, p);
		if ((p->base = strdup(base)) == NULL)
			return;
		b = bucket(base);
		p->next = s->buckets[b];
		s->buckets[b] = (int)(p - s->pages) + 1;
	}
	if (p->since != 0) {
		window = now_ms() - p->since;
		if (window > s->longest)
			s->longest = window;
		s->caught++;
		if (s->replaying != (int)(p - s->pages) + 1)
			s->late++;
		p->since = 0;
	}
	free(p->key);
	if ((p->key = strdup(key)) == NULL) {
		drop(s, p);
		return;
	}
	p->reseller_id = reseller_id;
	p->version = version;
	p->wide = wide;
	p->used = ++s->clock;
	unqueue(s, p);
}

int
stale_pending(const struct stale *s)
{
	return s->queued;
}

char **
stale_next(struct stale *s)
{
	struct stale_page *best = NULL;
	unsigned long h, best_hits = 0;
	const char *e;
	size_t i;
	int n = 0;

	if (s->queued == 0)
		return NULL;
	for (i = 0; i < STALE_PAGES; i++) {
		if (s->pages[i].env == NULL)
			continue;
		h = hits_of(s, s->pages[i].reseller_id);
		/* the most visited storefront first; among equals, the page that waits longest */
		if (best == NULL || h > best_hits || (h == best_hits && s->pages[i].since < best->since)) {
			best = &s->pages[i];
			best_hits = h;
		}
	}
	if (best == NULL)
		return NULL;
	/* a copy: the page's own goes when it is cached, while the request still borrows from it */
	for (e = best->env; *e; e += strlen(e) + 1)
		;
	free(s->env);
	if ((s->env = malloc((size_t)(e - best->env) + 1)) == NULL)
		return NULL;
	memcpy(s->env, best->env, (size_t)(e - best->env) + 1);
	s->envp[n++] = "REQUEST_METHOD=GET";
	for (e = s->env; *e && n < STALE_ENV_MAX; e += strlen(e) + 1)
		s->envp[n++] = (char *)(uintptr_t)e;
	s->envp[n] = NULL;
	s->replaying = (int)(best - s->pages) + 1;
	return s->envp;
}

void
stale_next_done(struct stale *s)
{
	struct stale_page *p;

	if (s->replaying == 0)
		return;
	p = &s->pages[s->replaying - 1];
	s->replaying = 0;
	free(s->env);
	s->env = NULL;
	/* not rendered (an error page, a storefront gone): forgotten, rendered on its next request as any page */
	if (p->env != NULL)
		drop(s, p);
}
