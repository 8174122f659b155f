/*
 * doc_text.c - an inspector document as lines of text: the same for the
 * TUI's document screen and `shelf inspect`.  Every cell is sanitized
 * (the database may hold anything); tables are aligned.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "screens.h"

static int
push(char ***lines, int *n, const char *s)
{
	char **nl;

	if ((nl = realloc(*lines, sizeof(*nl) * (size_t)(*n + 1))) == NULL)
		return -1;
	*lines = nl;
	if ((nl[*n] = strdup(s)) == NULL)
		return -1;
	(*n)++;
	return 0;
}

/* rstrip - drop trailing spaces (padding of the last column). */
static char *
rstrip(char *s)
{
	size_t n = strlen(s);

	while (n > 0 && s[n - 1] == ' ')
		s[--n] = '\0';
	return s;
}

static void
kv_lines(const struct inspect_section *s, char ***lines, int *n)
{
	char label[256], value[4096], line[4400];
	size_t r;
	int lw = 0, w;

	for (r = 0; r < s->nrows; r++)
		if ((w = ui_width(s->rows[r].cell[0])) > lw)
			lw = w;
	for (r = 0; r < s->nrows; r++) {
		ui_fit(label, sizeof(label), s->rows[r].cell[0], lw);
		ui_sanitize(value, sizeof(value), s->rows[r].cell[1]);
		snprintf(line, sizeof(line), "  %s  %s", label, value[0] ? value : "-");
		push(lines, n, rstrip(line));
	}
}

static void
table_lines(const struct inspect_section *s, int width, char ***lines, int *n)
{
	int cw[INSPECT_COLS], c, w, sum = 0, widest;
	char line[4096], fit[1024];
	size_t r, o;

	if (s->nrows == 0) {
		push(lines, n, "  none");
		return;
	}
	for (c = 0; c < s->ncols; c++) {
		cw[c] = ui_width(s->cols[c]);
		for (r = 0; r < s->nrows; r++)
			if ((w = ui_width(s->rows[r].cell[c])) > cw[c])
				cw[c] = w;
		if (cw[c] > 40)
			cw[c] = 40;
		sum += cw[c] + 2;
	}
	/* too wide for the screen: shave the widest column until it fits */
	while (width > 0 && sum + 2 > width) {
		for (widest = 0, c = 1; c < s->ncols; c++)
			if (cw[c] > cw[widest])
				widest = c;
		if (cw[widest] <= 6)
			break;
		cw[widest]--;
		sum--;
	}
	for (r = 0; r <= s->nrows; r++) {
		o = (size_t)snprintf(line, sizeof(line), "  ");
		for (c = 0; c < s->ncols && o < sizeof(line); c++)
			o += (size_t)snprintf(line + o, sizeof(line) - o, "%s  ",
			    ui_fit(fit, sizeof(fit), r == 0 ? s->cols[c] : s->rows[r - 1].cell[c], cw[c]));
		push(lines, n, rstrip(line));
	}
	if (s->total > (int64_t)s->nrows) {
		snprintf(line, sizeof(line), "  (the latest %zu of %lld)", s->nrows, (long long)s->total);
		push(lines, n, line);
	}
}

int
doc_lines(const struct inspect_doc *d, int width, char ***lines)
{
	char buf[4096], title[256];
	size_t s;
	int n = 0;

	*lines = NULL;
	push(lines, &n, ui_sanitize(buf, sizeof(buf), d->title));
	for (s = 0; s < d->nsections; s++) {
		const struct inspect_section *sec = &d->sections[s];

		push(lines, &n, "");
		if (sec->ncols > 0)
			snprintf(title, sizeof(title), "%s (%lld)", sec->title, (long long)sec->total);
		else
			snprintf(title, sizeof(title), "%s", sec->title);
		push(lines, &n, title);
		if (sec->ncols == 0)
			kv_lines(sec, lines, &n);
		else
			table_lines(sec, width, lines, &n);
	}
	return n;
}
