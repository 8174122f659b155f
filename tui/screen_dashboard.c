/*
 * screen_dashboard.c - the reseller admin's first screen: monthly costs,
 * subscriptions and licences sold, account balance, overdue payments
 * (dashboard_get; definitions in core/dashboard.h), and the product mix:
 * the top 10 products per product type as a braille pie with a colour
 * per type and a legend with percentages, or as bars when there are no
 * colours (NO_COLOR, a monochrome terminal) or the terminal is narrow.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "chart.h"
#include "money.h"
#include "screens.h"
#include "storefront.h"

#define PIE_MIN_COLS 90		/* narrower: bars */

struct dash {
	struct dashboard d;
	int              loaded;
	char             name[STOREFRONT_TEXT_SZ(200)];
	double           open_ms;	/* the last load, for the note and the test */
};

static const struct ui_binding keys[] = {
	{ UA_REFRESH, { 'r' }, "r", "Reload", "reload the figures from the database" },
};

static double
now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static void
load(struct screen *s)
{
	struct dash *st = s->priv;
	struct storefront *sf;
	enum core_err er;
	double t0 = now_ms();

	if ((er = dashboard_get(s->ui->db, s->ui->actor, &st->d)) != CORE_OK) {
		st->loaded = 0;
		ui_refused(s->ui, er, NULL);
	} else
		st->loaded = 1;
	/* the reseller's name for the title: its storefront's company name */
	if (st->name[0] == '\0' && (sf = malloc(sizeof(*sf))) != NULL) {
		if (storefront_get(s->ui->db, s->ui->actor, sf) == CORE_OK)
			snprintf(st->name, sizeof(st->name), "%s", sf->company_name);
		free(sf);
	}
	st->open_ms = now_ms() - t0;
}

static int
handle_key(struct screen *s, int key)
{
	if (ui_screen_action(s, key) == UA_REFRESH) {
		load(s);
		ui_status(s->ui, "Reloaded.");
		return UI_HANDLED | UI_REDRAW;
	}
	return UI_IGNORED;
}

static void
enter(struct screen *s)
{
	load(s);
}

int
screen_dashboard_pie(const struct ui *ui, int width)
{
	return ui->color && width >= PIE_MIN_COLS;
}

/* figure - "Label        value" in a column of width cw at y, x. */
static void
figure(WINDOW *w, int y, int x, int cw, const char *label, const char *value)
{
	char line[512];

	snprintf(line, sizeof(line), "%-20s%s", label, value);
	ui_put(w, y, x, cw, line, 0);
}

static void
draw_figures(struct dash *st, WINDOW *w, int width)
{
	const struct dashboard *d = &st->d;
	char a[64], b[160];
	int xr = width / 2 - 6, cl = xr - 4, cr = width - xr - 2;	/* the right column holds the longer texts */

	figure(w, 1, 2, cl, "Monthly costs", money_format(d->monthly_costs, d->currency, a, sizeof(a)));
	snprintf(a, sizeof(a), "%lld", (long long)d->subscriptions_sold);
	figure(w, 2, 2, cl, "Subscriptions sold", a);
	snprintf(a, sizeof(a), "%lld", (long long)d->licences_sold);
	figure(w, 3, 2, cl, "Licences sold", a);
	figure(w, 1, xr, cr, "Account balance", money_format(d->balance, d->currency, a, sizeof(a)));
	if (d->overdue_invoices == 0)
		snprintf(b, sizeof(b), "none");
	else
		snprintf(b, sizeof(b), "%s in %lld invoice%s", money_format(d->overdue_amount, d->currency, a, sizeof(a)),
		    (long long)d->overdue_invoices, d->overdue_invoices == 1 ? "" : "s");
	figure(w, 2, xr, cr, "Overdue payments", b);
	if (d->overdue_invoices > 0)
		ui_put(w, 2, xr + 20, cr - 20, b, ui_attr(UC_ERROR));
}

/* legend - each type (swatch, name, share, count) with its products under it; returns the lines used. */
static int
draw_legend(struct dash *st, WINDOW *w, int y, int x, int width, int maxh, int bars)
{
	const struct dashboard *d = &st->d;
	char line[512], pct[16], bar[256];
	int64_t top = 0;
	size_t t, p;
	int n = 0, bw = width - 44;

	for (p = 0; p < d->ntop; p++)
		top += d->top[p].subscriptions;
	if (bw > 30)
		bw = 30;
	for (t = 0; t < d->ntypes && n < maxh; t++) {
		int attr = ui_attr((enum ui_color)(UC_CHART0 + (int)t % UI_CHART_COLORS));

		chart_bp(d->mix[t].share_bp, pct, sizeof(pct));
		if (bars) {
			snprintf(line, sizeof(line), "%-12s", product_type_label(d->mix[t].type));
			ui_put(w, y + n, x, 12, line, A_BOLD);
			chart_bar(d->mix[t].share_bp, bw, bar, sizeof(bar));
			ui_put(w, y + n, x + 13, bw, bar, attr);
			snprintf(line, sizeof(line), "%7s  %lld subscription%s", pct, (long long)d->mix[t].subscriptions,
			    d->mix[t].subscriptions == 1 ? "" : "s");
			ui_put(w, y + n, x + 14 + bw, width - 14 - bw, line, 0);
		} else {
			ui_put(w, y + n, x, 2, "██", attr);
			snprintf(line, sizeof(line), "%-14s %6s  %lld subscription%s", product_type_label(d->mix[t].type),
			    pct, (long long)d->mix[t].subscriptions, d->mix[t].subscriptions == 1 ? "" : "s");
			ui_put(w, y + n, x + 3, width - 3, line, A_BOLD);
		}
		n++;
		for (p = 0; p < d->ntop && n < maxh; p++) {
			if (d->top[p].type != d->mix[t].type)
				continue;
			chart_share(d->top[p].subscriptions, top, pct, sizeof(pct));
			snprintf(line, sizeof(line), "%6s %5lld  %s", pct, (long long)d->top[p].subscriptions, d->top[p].name);
			ui_put(w, y + n, x + 3, width - 3, line, 0);
			n++;
		}
	}
	return n;
}

static void
draw_pie(struct dash *st, WINDOW *w, int y, int x, int rows)
{
	const struct dashboard *d = &st->d;
	int64_t v[PRODUCT_TYPE__MAX];
	struct chart_cell *cells;
	char ch[8];
	int cols = rows * 2, r, c, i;

	for (i = 0; i < (int)d->ntypes; i++)
		v[i] = d->mix[i].subscriptions;
	if ((cells = calloc((size_t)(rows * cols), sizeof(*cells))) == NULL)
		return;
	chart_pie(v, (int)d->ntypes, cols, rows, cells, NULL);
	for (r = 0; r < rows; r++)
		for (c = 0; c < cols; c++) {
			const struct chart_cell *cell = &cells[r * cols + c];
			int attr = cell->slice >= 0 ? ui_attr((enum ui_color)(UC_CHART0 + cell->slice % UI_CHART_COLORS)) : 0;

			/* U+2800..U+28FF are three bytes of UTF-8 */
			ch[0] = (char)(0xe0 | (cell->cp >> 12));
			ch[1] = (char)(0x80 | ((cell->cp >> 6) & 0x3f));
			ch[2] = (char)(0x80 | (cell->cp & 0x3f));
			ch[3] = '\0';
			wattron(w, attr);
			mvwaddstr(w, y + r, x + c, ch);
			wattroff(w, attr);
		}
	free(cells);
}

static void
draw(struct screen *s, WINDOW *w)
{
	struct dash *st = s->priv;
	int h, wd, y = 5, rows, bars;

	getmaxyx(w, h, wd);
	if (!st->loaded) {
		ui_put(w, 1, 2, wd - 4, "The dashboard cannot be shown (see the status line); r reloads.", 0);
		return;
	}
	draw_figures(st, w, wd);
	ui_put(w, y, 2, wd - 4, "Product mix: the top 10 products by active subscriptions, per product type", A_BOLD);
	y += 2;
	if (st->d.ntop == 0) {
		ui_put(w, y, 2, wd - 4, "No active subscriptions yet.", 0);
		return;
	}
	bars = !screen_dashboard_pie(s->ui, wd);
	if (bars) {
		draw_legend(st, w, y, 2, wd - 4, h - y, 1);
		return;
	}
	rows = h - y - 1;
	if (rows > 16)
		rows = 16;
	if (rows < 4)
		rows = 4;
	draw_pie(st, w, y, 2, rows);
	draw_legend(st, w, y + 1, 2 + rows * 2 + 4, wd - rows * 2 - 8, h - y - 1, 0);
}

static void
title(struct screen *s, char *buf, size_t sz)
{
	struct dash *st = s->priv;

	if (st->name[0])
		snprintf(buf, sz, "Dashboard · %s", st->name);
	else
		snprintf(buf, sz, "Dashboard");
}

static const struct screen_ops ops = {
	.name = "dashboard",
	UI_ACTIONS(keys),
	.enter = enter,
	.draw = draw,
	.handle_key = handle_key,
	.title = title,
};

struct screen *
screen_dashboard_new(struct ui *ui)
{
	return ui_screen_make(ui, &ops, sizeof(struct dash));
}

const struct dashboard *
screen_dashboard_of(struct screen *s, double *open_ms)
{
	struct dash *st;

	if (s == NULL || s->ops != &ops)
		return NULL;
	st = s->priv;
	if (open_ms)
		*open_ms = st->open_ms;
	return st->loaded ? &st->d : NULL;
}
