/* log.c - rate-limited log lines; see log.h. */
#include <stdarg.h>
#include <string.h>
#include <time.h>
#include "log.h"

struct site {
	const char *fmt;	/* NULL: free */
	double      start;	/* the window's first second */
	long        lines;	/* written in the window */
	long        dropped;	/* not written in the window */
};

static struct site sites[LOG_SITES];
static const char *prefix = "shelf";
static FILE *out;
static double (*clock_fn)(void);

static double
now(void)
{
	struct timespec ts;

	if (clock_fn != NULL)
		return clock_fn();
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static FILE *
sink(void)
{
	return out != NULL ? out : stderr;
}

void
log_open(const char *p, FILE *f)
{
	if (p != NULL)
		prefix = p;
	out = f;
}

void
log_set_clock(double (*fn)(void))
{
	clock_fn = fn;
	memset(sites, 0, sizeof(sites));
}

/* summarise - write site's drop count if its window is over (t), and start a new window. */
static void
summarise(struct site *s, double t)
{
	if (s->fmt == NULL || t - s->start < LOG_WINDOW_SECONDS)
		return;
	if (s->dropped > 0)
		fprintf(sink(), "%s: %ld more lines like \"%.*s\" dropped in %d s\n", prefix, s->dropped,
		    (int)strcspn(s->fmt, "\n"), s->fmt, LOG_WINDOW_SECONDS);
	s->start = t;
	s->lines = s->dropped = 0;
}

void
log_flush(void)
{
	double t = now();
	size_t i;

	for (i = 0; i < LOG_SITES; i++)
		summarise(&sites[i], t);
	fflush(sink());
}

/* site_of - fmt's slot: the one it has, else a free one, else the last. */
static struct site *
site_of(const char *fmt, double t)
{
	size_t i;

	for (i = 0; i < LOG_SITES; i++) {
		if (sites[i].fmt == fmt)
			return &sites[i];
		if (sites[i].fmt == NULL) {
			sites[i].fmt = fmt;
			sites[i].start = t;
			return &sites[i];
		}
	}
	return &sites[LOG_SITES - 1];
}

void
log_say(const char *fmt, ...)
{
	double t = now();
	struct site *s;
	va_list ap;
	size_t i;

	for (i = 0; i < LOG_SITES; i++)
		summarise(&sites[i], t);
	s = site_of(fmt, t);
	if (s->lines >= LOG_BURST) {
		s->dropped++;
		return;
	}
	s->lines++;
	va_start(ap, fmt);
	vfprintf(sink(), fmt, ap);
	va_end(ap);
	fputc('\n', sink());
	fflush(sink());
}
