/* apirate.c - the API clients' token buckets; see apirate.h. */
#include <errno.h>
#include <math.h>
#include <string.h>
#include <sys/mman.h>
#include "apirate.h"

/* slot_of - client's slot: its own, a free one, or the least recently used one, emptied. */
static struct apirate_slot *
slot_of(struct apirate_table *t, int64_t client, double share_burst, int64_t now_us)
{
	struct apirate_slot *s, *old = NULL;
	size_t i, h = (size_t)((uint64_t)client * 0x9e3779b97f4a7c15ULL >> 54) % APIRATE_SLOTS;

	/* a short probe from the client's home slot */
	for (i = 0; i < 16; i++) {
		s = &t->slot[(h + i) % APIRATE_SLOTS];
		if (s->client == client)
			return s;
		if (s->client == 0 || old == NULL || s->updated_us < old->updated_us)
			old = s;
		if (s->client == 0)
			break;
	}
	old->client = client;
	old->tokens = share_burst;
	old->updated_us = now_us;
	return old;
}

void
apirate_take(struct apirate_table *t, int64_t client, int64_t burst, double per_second, int64_t now_us,
    struct apirate *out)
{
	double share_burst, share_rate, tokens;
	struct apirate_slot *s;

	if (burst < 1)
		burst = 1;
	if (per_second <= 0)
		per_second = 1;
	share_burst = (double)burst;
	share_rate = per_second;
	s = slot_of(t, client, share_burst, now_us);
	tokens = s->tokens;
	if (now_us > s->updated_us) {
		tokens += (double)(now_us - s->updated_us) * share_rate / 1e6;
		s->updated_us = now_us;
	}
	if (tokens > share_burst)
		tokens = share_burst;
	memset(out, 0, sizeof(*out));
	out->limit = burst;
	out->allowed = tokens >= 1;
	if (out->allowed)
		tokens -= 1;
	s->tokens = tokens;
	out->remaining = (int64_t)floor(tokens);
	out->reset = (int64_t)ceil((share_burst - tokens) / share_rate);
	if (out->reset < 0)
		out->reset = 0;
	if (!out->allowed) {
		out->retry_after = (int64_t)ceil((1.0 - tokens) / share_rate);
		if (out->retry_after < 1)
			out->retry_after = 1;
	}
}

struct apirate_shared *
apirate_shared_new(void)
{
	struct apirate_shared *s;
	pthread_mutexattr_t at;
	int ok;

	s = mmap(NULL, sizeof(*s), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (s == MAP_FAILED)
		return NULL;
	/* the mapping is zeroed: every slot free */
	ok = pthread_mutexattr_init(&at) == 0;
	ok = ok && pthread_mutexattr_setpshared(&at, PTHREAD_PROCESS_SHARED) == 0 &&
	    pthread_mutexattr_setrobust(&at, PTHREAD_MUTEX_ROBUST) == 0 && pthread_mutex_init(&s->lock, &at) == 0;
	pthread_mutexattr_destroy(&at);
	if (!ok) {
		munmap(s, sizeof(*s));
		return NULL;
	}
	return s;
}

void
apirate_shared_take(struct apirate_shared *s, int64_t client, int64_t burst, double per_second, int64_t now_us,
    struct apirate *out)
{
	int r = pthread_mutex_lock(&s->lock);

	if (r == EOWNERDEAD)
		r = pthread_mutex_consistent(&s->lock);	/* a worker died holding it: its bucket is good enough */
	if (r != 0) {
		memset(out, 0, sizeof(*out));
		out->allowed = 1;
		out->limit = out->remaining = burst > 0 ? burst : 1;
		return;
	}
	apirate_take(&s->table, client, burst, per_second, now_us, out);
	pthread_mutex_unlock(&s->lock);
}
