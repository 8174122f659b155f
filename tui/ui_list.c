/*
 * ui_list.c - a list that shows one page of a data source at a time,
 * scrolls, sorts, filters and searches as you type.  The list keeps only
 * the rows on screen: every move past the page asks the source (core)
 * for the next page, so a table of any size costs one page.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "ui.h"

void
ui_list_init(struct ui_list *l, const struct ui_list_source *src, void *ctx, int height)
{
	memset(l, 0, sizeof(*l));
	l->src = src;
	l->ctx = ctx;
	l->height = height > 0 ? height : 1;
	l->stale = 1;
}

static double
now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static enum core_err
fetch(struct ui_list *l)
{
	struct ui_list_query q;
	double t0;
	int total = 0;

	q.search = l->search;
	q.sort = l->sort;
	q.filter = l->filter;
	q.offset = l->top;
	q.limit = l->height;
	l->why[0] = '\0';
	t0 = now_ms();
	l->err = l->src->fetch(l->ctx, &q, &total, l->why);
	l->fetch_ms = now_ms() - t0;
	l->fetches++;
	l->stale = 0;
	l->loaded_top = l->top;
	if (l->err != CORE_OK) {
		l->loaded_n = 0;
		l->total = 0;
		return l->err;
	}
	l->total = total;
	l->loaded_n = l->src->rows(l->ctx);
	return CORE_OK;
}

/* clamp - keep cursor within the rows and top on a page that shows it. */
static void
clamp(struct ui_list *l)
{
	int maxtop = l->total - l->height;

	if (maxtop < 0)
		maxtop = 0;
	if (l->cursor >= l->total)
		l->cursor = l->total - 1;
	if (l->cursor < 0)
		l->cursor = 0;
	if (l->cursor < l->top)
		l->top = l->cursor;
	if (l->cursor >= l->top + l->height)
		l->top = l->cursor - l->height + 1;
	if (l->top > maxtop)
		l->top = maxtop;
	if (l->top < 0)
		l->top = 0;
}

enum core_err
ui_list_load(struct ui_list *l)
{
	enum core_err er;
	int top;

	if (!l->stale && l->loaded_top == l->top)
		return l->err;
	if ((er = fetch(l)) != CORE_OK)
		return er;
	/* the table shrank under us (or a search narrowed it): fix the window */
	top = l->top;
	clamp(l);
	if (l->top != top)
		er = fetch(l);
	return er;
}

enum core_err
ui_list_reload(struct ui_list *l)
{
	l->stale = 1;
	return ui_list_load(l);
}

void
ui_list_set_height(struct ui_list *l, int height)
{
	if (height < 1)
		height = 1;
	if (height == l->height)
		return;
	l->height = height;
	l->stale = 1;
	clamp(l);
}

static int
move_to(struct ui_list *l, int cursor, int top)
{
	l->cursor = cursor;
	l->top = top;
	clamp(l);
	ui_list_load(l);
	return UI_HANDLED | UI_REDRAW;
}

static int
restart(struct ui_list *l)
{
	l->top = l->cursor = 0;
	ui_list_reload(l);
	return UI_HANDLED | UI_REDRAW;
}

static int
search_key(struct ui_list *l, int key)
{
	switch (key) {
	case UI_ENTER:
	case '\r':
	case UK(KEY_ENTER):
		l->searching = 0;
		return UI_HANDLED | UI_REDRAW;
	case UI_ESC:
		l->searching = 0;
		l->search[0] = '\0';
		return restart(l);
	case UK(KEY_BACKSPACE):
	case 127:
	case '\b':
		if (l->search[0] == '\0') {
			l->searching = 0;
			return UI_HANDLED | UI_REDRAW;
		}
		ui_utf8_backspace(l->search);
		return restart(l);
	case UI_CTRL('u'):
		l->search[0] = '\0';
		return restart(l);
	case UK(KEY_UP):
		return move_to(l, l->cursor - 1, l->top);
	case UK(KEY_DOWN):
		return move_to(l, l->cursor + 1, l->top);
	default:
		if (key >= 0x20 && key < 0x110000) {
			if (ui_utf8_append(l->search, sizeof(l->search), key) != 0)
				return UI_HANDLED;
			return restart(l);
		}
		return UI_HANDLED;	/* the prompt swallows other keys */
	}
}

int
ui_list_key(struct ui_list *l, enum ui_act act, int key)
{
	if (l->searching)
		return search_key(l, key);
	switch (act) {
	case UA_UP:
		return move_to(l, l->cursor - 1, l->top);
	case UA_DOWN:
		return move_to(l, l->cursor + 1, l->top);
	case UA_PGUP:
		return move_to(l, l->cursor - l->height, l->top - l->height);
	case UA_PGDN:
		return move_to(l, l->cursor + l->height, l->top + l->height);
	case UA_HOME:
		return move_to(l, 0, 0);
	case UA_END:
		return move_to(l, l->total - 1, l->total);
	case UA_SEARCH:
		l->searching = 1;
		return UI_HANDLED | UI_REDRAW;
	case UA_SORT:
		if (l->src->nsort > 1) {
			l->sort = (l->sort + 1) % l->src->nsort;
			return restart(l);
		}
		return UI_HANDLED;
	case UA_FILTER:
		if (l->src->nfilter > 1) {
			l->filter = (l->filter + 1) % l->src->nfilter;
			return restart(l);
		}
		return UI_HANDLED;
	case UA_REFRESH:
		ui_list_reload(l);
		return UI_HANDLED | UI_REDRAW;
	default:
		return UI_IGNORED;
	}
}

int
ui_list_row(const struct ui_list *l)
{
	int r = l->cursor - l->loaded_top;

	if (l->err != CORE_OK || l->total == 0 || r < 0 || r >= l->loaded_n)
		return -1;
	return r;
}

int
ui_list_footer(const struct ui_list *l, char *buf, size_t sz)
{
	char clean[UI_SEARCH];

	if (!l->searching)
		return 0;
	snprintf(buf, sz, "Search: %s_   (%d match%s; Enter keeps, Esc clears)",
	    ui_sanitize(clean, sizeof(clean), l->search), l->total, l->total == 1 ? "" : "es");
	return 1;
}

const char *
ui_list_summary(const struct ui_list *l, char *buf, size_t sz)
{
	char clean[UI_SEARCH];
	int n;

	n = snprintf(buf, sz, "%d of %d", l->total ? l->cursor + 1 : 0, l->total);
	if (l->src->nsort > 1 && n >= 0 && (size_t)n < sz)
		n += snprintf(buf + n, sz - (size_t)n, " · sort: %s", l->src->sort_names[l->sort]);
	if (l->src->nfilter > 1 && n >= 0 && (size_t)n < sz)
		n += snprintf(buf + n, sz - (size_t)n, " · show: %s", l->src->filter_names[l->filter]);
	if (l->search[0] && n >= 0 && (size_t)n < sz)
		snprintf(buf + n, sz - (size_t)n, " · search: \"%s\"",
		    ui_sanitize(clean, sizeof(clean), l->search));
	return buf;
}

/* need - the width of the shown columns of w, the flexible ones at their min, with separators. */
static int
need(const struct ui_list_source *src, const int *w)
{
	int c, n = 0, shown = 0;

	for (c = 0; c < src->ncols; c++) {
		if (w[c] < 0)
			continue;
		shown++;
		n += src->cols[c].width ? w[c] : (src->cols[c].min > 0 ? src->cols[c].min : 4);
	}
	return n + (shown > 0 ? shown - 1 : 0);
}

int
ui_list_widths(const struct ui_list_source *src, int width, int *w)
{
	int c, best, slack, left, flex, shown, drop;

	for (c = 0; c < src->ncols; c++)
		w[c] = src->cols[c].width;
	for (;;) {
		/* cut the fixed columns, the one with the most to give first */
		while (need(src, w) > width) {
			for (c = 0, best = -1, slack = 0; c < src->ncols; c++)
				if (w[c] > 0 && src->cols[c].width > 0 && src->cols[c].min > 0 &&
				    w[c] - src->cols[c].min > slack) {
					slack = w[c] - src->cols[c].min;
					best = c;
				}
			if (best < 0)
				break;
			w[best]--;
		}
		if (need(src, w) <= width)
			break;
		/* not enough: leave out the highest-ranked column, then cut afresh */
		for (c = 0, best = -1, drop = 0; c < src->ncols; c++)
			if (w[c] >= 0 && src->cols[c].drop > drop) {
				drop = src->cols[c].drop;
				best = c;
			}
		if (best < 0)
			break;
		for (c = 0; c < src->ncols; c++)
			if (w[c] >= 0)
				w[c] = src->cols[c].width;
		w[best] = -1;
	}
	/* what is left goes to the flexible columns */
	for (c = 0, left = width, flex = 0, shown = 0; c < src->ncols; c++) {
		if (w[c] < 0)
			continue;
		left -= (shown++ > 0);
		if (src->cols[c].width)
			left -= w[c];
		else
			flex++;
	}
	for (c = 0; c < src->ncols; c++)
		if (w[c] >= 0 && src->cols[c].width == 0) {
			int min = src->cols[c].min > 0 ? src->cols[c].min : 4;

			w[c] = flex && left / flex > min ? left / flex : min;
		}
	return shown;
}

static void
draw_cell(WINDOW *w, const char *text, int width, int right)
{
	char fit[UI_CELL * 2], pad[UI_CELL * 2];
	int tw;

	if (right && (tw = ui_width(text)) < width) {
		snprintf(pad, sizeof(pad), "%*s%s", width - tw, "", text);
		waddstr(w, ui_fit(fit, sizeof(fit), pad, width));
	} else
		waddstr(w, ui_fit(fit, sizeof(fit), text, width));
}

/* draw_line - the header (row -1) or loaded row r at y, x: the shown columns (cw >= 0), one space apart. */
static void
draw_line(struct ui_list *l, WINDOW *w, int y, int x, const int *cw, int r)
{
	const struct ui_list_source *src = l->src;
	char cell[UI_CELL];
	int c, first;

	wmove(w, y, x);
	for (c = 0, first = 1; c < src->ncols; c++) {
		if (cw[c] < 0)
			continue;
		if (!first)
			waddch(w, ' ');
		first = 0;
		cell[0] = '\0';
		if (r < 0)
			snprintf(cell, sizeof(cell), "%s", src->cols[c].title);
		else
			src->cell(l->ctx, r, c, cell, sizeof(cell));
		draw_cell(w, cell, cw[c], src->cols[c].right);
	}
}

void
ui_list_draw(struct ui_list *l, WINDOW *w, int y, int x, int h, int width)
{
	const struct ui_list_source *src = l->src;
	int cw[32], r, rows;
	char cell[UI_CELL], summary[256], line[512];

	if (src->ncols > 32 || h < 3)
		return;
	ui_list_set_height(l, h - 2);
	ui_list_load(l);
	ui_list_widths(src, width, cw);
	wattron(w, ui_attr(UC_HEADER));
	draw_line(l, w, y, x, cw, -1);
	wattroff(w, ui_attr(UC_HEADER));
	rows = l->loaded_n < l->height ? l->loaded_n : l->height;
	for (r = 0; r < rows; r++) {
		int sel = l->loaded_top + r == l->cursor;

		if (sel)
			wattron(w, ui_attr(UC_CURSOR));
		draw_line(l, w, y + 1 + r, x, cw, r);
		if (sel)
			wattroff(w, ui_attr(UC_CURSOR));
	}
	if (l->err != CORE_OK) {
		snprintf(line, sizeof(line), "Cannot load the list: %s", l->why[0] ? l->why : core_strerror(l->err));
		wattron(w, ui_attr(UC_ERROR));
		mvwaddstr(w, y + 1, x, ui_fit(cell, sizeof(cell), line, width));
		wattroff(w, ui_attr(UC_ERROR));
	} else if (l->total == 0)
		mvwaddstr(w, y + 1, x, l->search[0] ? "Nothing matches the search." : "Nothing to show.");
	wattron(w, ui_attr(UC_DIM));
	mvwaddstr(w, y + h - 1, x, ui_fit(line, sizeof(line), ui_list_summary(l, summary, sizeof(summary)), width));
	wattroff(w, ui_attr(UC_DIM));
}

void
ui_view_draw(WINDOW *w, char *const *lines, int n, int top, int y, int h, int width)
{
	char fit[1024];
	int i;

	for (i = 0; i < h && top + i < n; i++)
		mvwaddstr(w, y + i, 0, ui_fit(fit, sizeof(fit), lines[top + i], width));
}

int
ui_view_add(struct ui_view *v, const char *fmt, ...)
{
	char **nl, *line;
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vasprintf(&line, fmt, ap);
	va_end(ap);
	if (r < 0)
		return -1;
	if ((nl = realloc(v->lines, sizeof(*nl) * (size_t)(v->n + 1))) == NULL) {
		free(line);
		return -1;
	}
	v->lines = nl;
	v->lines[v->n++] = line;
	return 0;
}

/* fits - the bytes of the longest prefix of line (n bytes) within width columns, cut after a space when one fits. */
static size_t
fits(const char *line, size_t n, int width)
{
	char buf[1024];
	size_t k, last_space = 0, best = 0;

	if (n >= sizeof(buf))
		n = sizeof(buf) - 1;
	for (k = 1; k <= n; k++) {
		if (k < n && ((unsigned char)line[k] & 0xc0) == 0x80)
			continue;	/* inside a character */
		memcpy(buf, line, k);
		buf[k] = '\0';
		if (ui_width(buf) > width)
			break;
		best = k;
		if (line[k - 1] == ' ')
			last_space = k;
	}
	if (best < n && last_space > 0)
		return last_space;
	return best > 0 ? best : 1;
}

void
ui_view_wrap(struct ui_view *v, const char *text, int width)
{
	const char *p = text, *end;
	size_t n, k;

	while (*p) {
		end = strchr(p, '\n');
		n = end ? (size_t)(end - p) : strlen(p);
		k = n ? fits(p, n, width) : 0;
		ui_view_add(v, "  %.*s", (int)k, p);
		p += k;
		if (k == n && *p == '\n')
			p++;
	}
}

void
ui_view_clear(struct ui_view *v)
{
	ui_lines_free(v->lines, v->n);
	v->lines = NULL;
	v->n = 0;
}

void
ui_view_take(struct ui_view *v, char **lines, int n)
{
	ui_view_clear(v);
	v->lines = lines;
	v->n = n;
	if (v->top >= n)
		v->top = n > 0 ? n - 1 : 0;
}

int
ui_view_key(struct ui_view *v, enum ui_act act)
{
	int h = v->height > 0 ? v->height : 20, max = v->n - h;

	if (max < 0)
		max = 0;
	switch (act) {
	case UA_UP:   v->top--; break;
	case UA_DOWN: v->top++; break;
	case UA_PGUP: v->top -= h; break;
	case UA_PGDN: v->top += h; break;
	case UA_HOME: v->top = 0; break;
	case UA_END:  v->top = max; break;
	default:      return UI_IGNORED;
	}
	if (v->top > max)
		v->top = max;
	if (v->top < 0)
		v->top = 0;
	return UI_HANDLED | UI_REDRAW;
}
