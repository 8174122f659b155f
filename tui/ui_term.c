/*
 * ui_term.c - the terminal: curses set-up and restore (on every exit,
 * including fatal signals), colours with a monochrome fallback and
 * NO_COLOR, drawing the frame (tabs, title, status line, footer), and
 * the one event loop that owns getch.
 */
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "ui.h"

#define MIN_ROWS 24
#define MIN_COLS 80

static volatile sig_atomic_t term_active;
static int attrs[UC__MAX];
static WINDOW *body;

void
ui_term_stop(void)
{
	if (!term_active)
		return;
	term_active = 0;
	if (body) {
		delwin(body);
		body = NULL;
	}
	endwin();
}

/*
 * A fatal signal restores the terminal, then dies of the same signal
 * (so the exit status and any core dump tell the truth).  endwin() is
 * not async-signal-safe, but a shell left in raw mode with no echo is
 * worse; htop makes the same trade.
 */
static void
on_fatal(int sig)
{
	if (term_active) {
		term_active = 0;
		endwin();
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

static const short chart_fg[UI_CHART_COLORS] = {
	COLOR_BLUE, COLOR_YELLOW, COLOR_MAGENTA, COLOR_GREEN, COLOR_CYAN, COLOR_RED,
};

static void
set_attrs(int color)
{
	int i;

	/* monochrome first: what every terminal can show */
	attrs[UC_NORMAL] = A_NORMAL;
	attrs[UC_TITLE] = A_REVERSE;
	attrs[UC_TAB] = A_BOLD;
	attrs[UC_HEADER] = A_BOLD | A_UNDERLINE;
	attrs[UC_CURSOR] = A_REVERSE;
	attrs[UC_KEY] = A_BOLD;
	attrs[UC_LABEL] = A_REVERSE;
	attrs[UC_OK] = A_BOLD;
	attrs[UC_ERROR] = A_BOLD;
	attrs[UC_DIALOG] = A_NORMAL;
	attrs[UC_DIM] = A_NORMAL;
	for (i = UC_CHART0; i < UC_CHART0 + UI_CHART_COLORS; i++)
		attrs[i] = A_NORMAL;
	if (!color)
		return;
	/* chart slices: distinct hues, readable on dark and light backgrounds */
	for (i = 0; i < UI_CHART_COLORS; i++) {
		init_pair((short)(UC_CHART0 + i), chart_fg[i], -1);
		attrs[UC_CHART0 + i] = COLOR_PAIR(UC_CHART0 + i);
	}
	init_pair(UC_TITLE, COLOR_WHITE, COLOR_BLUE);
	init_pair(UC_TAB, COLOR_BLACK, COLOR_CYAN);
	init_pair(UC_HEADER, COLOR_BLACK, COLOR_GREEN);
	init_pair(UC_CURSOR, COLOR_BLACK, COLOR_CYAN);
	init_pair(UC_LABEL, COLOR_BLACK, COLOR_CYAN);
	init_pair(UC_OK, COLOR_GREEN, -1);
	init_pair(UC_ERROR, COLOR_RED, -1);
	init_pair(UC_DIM, COLOR_BLUE, -1);
	attrs[UC_TITLE] = COLOR_PAIR(UC_TITLE);
	attrs[UC_TAB] = COLOR_PAIR(UC_TAB) | A_BOLD;
	attrs[UC_HEADER] = COLOR_PAIR(UC_HEADER);
	attrs[UC_CURSOR] = COLOR_PAIR(UC_CURSOR);
	attrs[UC_LABEL] = COLOR_PAIR(UC_LABEL);
	attrs[UC_OK] = COLOR_PAIR(UC_OK) | A_BOLD;
	attrs[UC_ERROR] = COLOR_PAIR(UC_ERROR) | A_BOLD;
	attrs[UC_DIM] = COLOR_PAIR(UC_DIM);
}

int
ui_attr(enum ui_color c)
{
	return c >= 0 && c < UC__MAX ? attrs[c] : (int)A_NORMAL;
}

/*
 * Pairs for ui_rgb_attr, made on first use after the fixed ones: one per
 * distinct terminal colour asked for, at most RGB_PAIRS.
 */
#define RGB_PAIR0 32
#define RGB_PAIRS 64
static short rgb_color[RGB_PAIRS];
static int nrgb, have_color;

/* nearest - the palette index nearest to rgb: the 6x6x6 cube and grey ramp of 256 colours, or the 8 basics. */
static short
nearest(unsigned rgb)
{
	static const int level[6] = { 0, 95, 135, 175, 215, 255 };
	int r = (int)(rgb >> 16) & 0xff, g = (int)(rgb >> 8) & 0xff, b = (int)rgb & 0xff;
	int ri = 0, gi = 0, bi = 0, i, d, best, grey, gl;

	if (COLORS < 256) {
		/* 8 colours: each channel on or off, by the half-way mark */
		return (short)((r > 127 ? COLOR_RED : 0) | (g > 127 ? COLOR_GREEN : 0) | (b > 127 ? COLOR_BLUE : 0));
	}
	for (i = 0, best = 1 << 30; i < 6; i++)
		if ((d = abs(level[i] - r)) < best) { best = d; ri = i; }
	for (i = 0, best = 1 << 30; i < 6; i++)
		if ((d = abs(level[i] - g)) < best) { best = d; gi = i; }
	for (i = 0, best = 1 << 30; i < 6; i++)
		if ((d = abs(level[i] - b)) < best) { best = d; bi = i; }
	d = (level[ri] - r) * (level[ri] - r) + (level[gi] - g) * (level[gi] - g) + (level[bi] - b) * (level[bi] - b);
	grey = ((r + g + b) / 3 - 8) / 10;
	if (grey < 0)
		grey = 0;
	if (grey > 23)
		grey = 23;
	gl = 8 + grey * 10;
	if ((gl - r) * (gl - r) + (gl - g) * (gl - g) + (gl - b) * (gl - b) < d)
		return (short)(232 + grey);
	return (short)(16 + 36 * ri + 6 * gi + bi);
}

int
ui_rgb_attr(unsigned rgb)
{
	short c;
	int i;

	if (!have_color)
		return A_NORMAL;
	c = nearest(rgb);
	for (i = 0; i < nrgb; i++)
		if (rgb_color[i] == c)
			return COLOR_PAIR(RGB_PAIR0 + i);
	if (nrgb == RGB_PAIRS || RGB_PAIR0 + nrgb >= COLOR_PAIRS)
		return A_NORMAL;
	init_pair((short)(RGB_PAIR0 + nrgb), c, -1);
	rgb_color[nrgb] = c;
	return COLOR_PAIR(RGB_PAIR0 + nrgb++);
}

void
ui_term_start(struct ui *ui)
{
	static const int fatal[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGSEGV, SIGBUS, SIGFPE, SIGABRT, SIGILL };
	const char *nc = getenv("NO_COLOR");
	size_t i;

	setlocale(LC_ALL, "");
	if (getenv("ESCDELAY") == NULL)
		set_escdelay(25);
	initscr();
	term_active = 1;
	atexit(ui_term_stop);
	for (i = 0; i < sizeof(fatal) / sizeof(fatal[0]); i++)
		signal(fatal[i], on_fatal);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	curs_set(0);
	ui->color = has_colors() && !(nc && *nc);
	if (ui->color) {
		start_color();
		use_default_colors();
	}
	set_attrs(ui->color);
	have_color = ui->color;
	getmaxyx(stdscr, ui->rows, ui->cols);
}

void
ui_put(WINDOW *w, int y, int x, int width, const char *text, int attr)
{
	char fit[2048];

	if (width <= 0)
		return;
	wattron(w, attr);
	mvwaddstr(w, y, x, ui_fit(fit, sizeof(fit), text, width));
	wattroff(w, attr);
}

/* put - ui_put on the whole terminal (title bar, status line, footer). */
static void
put(int y, int x, int width, const char *text, int a)
{
	ui_put(stdscr, y, x, width, text, a);
}

/*
 * draw_tabs - " Shelf " and the tabs.  Many tabs in a narrow terminal:
 * the padding goes first; then the bar shows the run of tabs that holds
 * the current one, with "<" and ">" where tabs are left out (Tab still
 * reaches every one).
 */
static void
draw_tabs(struct ui *ui)
{
	char who[256], label[128], name[120];
	int x = 0, i, w, pad = 1, total = 7, start = 0, room, used, n = ui->ntabs > 1 ? ui->ntabs : 0;

	attron(ui_attr(UC_TITLE));
	mvhline(0, 0, ' ', ui->cols);
	mvaddstr(0, 0, " Shelf ");
	attroff(ui_attr(UC_TITLE));
	for (i = 0; i < n; i++)
		total += ui_width(ui_tab_label(ui, i, name, sizeof(name))) + 3;
	if (total > ui->cols)
		pad = 0;
	/* the first tab shown: the current one fits with room for both markers */
	room = ui->cols - 7 - 4;
	for (start = 0; start < ui->tab; start++) {
		for (used = 0, i = start; i <= ui->tab && i < n; i++)
			used += ui_width(ui_tab_label(ui, i, name, sizeof(name))) + (pad ? 3 : 1);
		if (used <= room)
			break;
	}
	x = 7;
	if (start > 0) {
		put(0, x, 2, "< ", ui_attr(UC_TITLE));
		x += 2;
	}
	for (i = start; i < n; i++) {
		snprintf(label, sizeof(label), pad ? " %s " : "%s", ui_tab_label(ui, i, name, sizeof(name)));
		w = ui_width(label);
		if (x + w >= ui->cols - (i + 1 < n ? 2 : 0)) {
			put(0, x, 1, ">", ui_attr(UC_TITLE));
			x += 2;
			break;
		}
		put(0, x, w, label, i == ui->tab ? ui_attr(UC_TAB) : ui_attr(UC_TITLE));
		x += w + 1;
	}
	if (ui->actor) {
		snprintf(who, sizeof(who), "%s (%s) ", ui->actor->name, actor_role_name(ui->actor->role));
		if (x + ui_width(who) >= ui->cols)
			snprintf(who, sizeof(who), "%s ", ui->actor->name);
		w = ui_width(who);
		if (x + w < ui->cols)
			put(0, ui->cols - w, w, who, ui_attr(UC_TITLE));
	}
}

static void
draw_footer(struct ui *ui, struct screen *top)
{
	char buf[1024];
	const struct ui_binding *b[64];
	int x = 0, y = ui->rows - 1, w;
	size_t i, n;

	move(y, 0);
	clrtoeol();
	if (top->ops->footer && top->ops->footer(top, buf, sizeof(buf))) {
		put(y, 0, ui->cols, buf, ui_attr(UC_LABEL));
		return;
	}
	n = ui_footer_bindings(top, b, sizeof(b) / sizeof(b[0]));
	for (i = 0; i < n && i < sizeof(b) / sizeof(b[0]); i++) {
		/* "key Label " - the key plain, the label on the bar (htop) */
		w = ui_width(b[i]->keyname) + ui_width(b[i]->label) + 2;
		if (x + w > ui->cols)
			return;
		put(y, x, ui_width(b[i]->keyname) + 1, b[i]->keyname, ui_attr(UC_KEY));
		x += ui_width(b[i]->keyname) + 1;
		put(y, x, ui_width(b[i]->label) + 1, b[i]->label, ui_attr(UC_LABEL));
		x += ui_width(b[i]->label) + 1;
	}
	if (x < ui->cols)
		put(y, x, ui->cols - x, "", ui_attr(UC_LABEL));
}

void
ui_draw(struct ui *ui)
{
	struct screen *top = ui_top(ui);
	char title[256], msg[256];
	int base, i, bh;

	getmaxyx(stdscr, ui->rows, ui->cols);
	erase();
	if (ui->rows < MIN_ROWS || ui->cols < MIN_COLS) {
		snprintf(msg, sizeof(msg), "Shelf needs a terminal of at least %dx%d (this one is %dx%d).",
		    MIN_COLS, MIN_ROWS, ui->cols, ui->rows);
		mvaddnstr(0, 0, msg, ui->cols);
		mvaddnstr(1, 0, "Enlarge the window, or press Q to quit.", ui->cols);
		refresh();
		return;
	}
	if (top == NULL) {
		refresh();
		return;
	}
	draw_tabs(ui);
	/* the title of the screen being worked on (not of a dialog over it) */
	for (base = ui->depth - 1; base > 0 && (ui->stack[base]->ops->flags & SCREEN_MODAL); base--)
		;
	ui_screen_title(ui->stack[base], title, sizeof(title));
	put(1, 0, ui->cols, title, A_BOLD);
	bh = ui->rows - 4;
	if (body == NULL || getmaxy(body) != bh || getmaxx(body) != ui->cols) {
		if (body)
			delwin(body);
		body = newwin(bh, ui->cols, 2, 0);
	}
	werase(body);
	for (i = base; i < ui->depth; i++)
		if (ui->stack[i]->ops->draw)
			ui->stack[i]->ops->draw(ui->stack[i], body);
	if (ui->status[0])
		put(ui->rows - 2, 0, ui->cols, ui->status,
		    ui->status_kind == UI_ST_ERROR ? ui_attr(UC_ERROR) : ui_attr(UC_OK));
	draw_footer(ui, top);
	wnoutrefresh(stdscr);
	wnoutrefresh(body);
	doupdate();
}

void
ui_run(struct ui *ui)
{
	struct screen *top;
	wint_t wc;
	int r, key, flags;

	ui_draw(ui);
	while (!ui->quit && ui->depth > 0) {
		top = ui->stack[ui->depth - 1];
		r = ERR;
		if (top->ops->idle != NULL) {
			/* deferred work runs only when the typist has paused */
			nodelay(stdscr, TRUE);
			r = get_wch(&wc);
			nodelay(stdscr, FALSE);
			if (r == ERR && (top->ops->idle(top) & UI_REDRAW))
				ui_draw(ui);
		}
		if (r == ERR)
			r = get_wch(&wc);
		if (r == ERR)
			continue;
		key = r == KEY_CODE_YES ? UK((int)wc) : (int)wc;
		if (key == '\r')
			key = UI_ENTER;
		flags = ui_feed(ui, key);
		if (flags & UI_QUIT)
			break;
		ui_draw(ui);
	}
}
