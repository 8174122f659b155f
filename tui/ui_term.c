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

static void
set_attrs(int color)
{
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
	if (!color)
		return;
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
	getmaxyx(stdscr, ui->rows, ui->cols);
}

/* put - text fitted to width at y, x with attribute a. */
static void
put(int y, int x, int width, const char *text, int a)
{
	char fit[2048];

	if (width <= 0)
		return;
	attron(a);
	mvaddstr(y, x, ui_fit(fit, sizeof(fit), text, width));
	attroff(a);
}

static void
screen_title(struct screen *s, char *buf, size_t sz)
{
	if (s->ops->title)
		s->ops->title(s, buf, sz);
	else
		snprintf(buf, sz, "%s", s->ops->name);
}

static void
draw_tabs(struct ui *ui)
{
	char who[256], label[128];
	int x = 0, i, w;

	attron(ui_attr(UC_TITLE));
	mvhline(0, 0, ' ', ui->cols);
	mvaddstr(0, 0, " Shelf ");
	attroff(ui_attr(UC_TITLE));
	x = 7;
	for (i = 0; i < ui->ntabs && ui->ntabs > 1; i++) {
		snprintf(label, sizeof(label), " %s ", ui->tabs[i].name);
		w = ui_width(label);
		if (x + w >= ui->cols)
			break;
		put(0, x, w, label, i == ui->tab ? ui_attr(UC_TAB) : ui_attr(UC_TITLE));
		x += w + 1;
	}
	if (ui->actor) {
		snprintf(who, sizeof(who), "%s (%s) ", ui->actor->name, actor_role_name(ui->actor->role));
		w = ui_width(who);
		if (x + w < ui->cols)
			put(0, ui->cols - w, w, who, ui_attr(UC_TITLE));
	}
}

static void
draw_footer(struct ui *ui, struct screen *top)
{
	char buf[1024];
	int x = 0, y = ui->rows - 1, pass, w;
	size_t i, n;
	const struct ui_binding *b;

	move(y, 0);
	clrtoeol();
	if (top->ops->footer && top->ops->footer(top, buf, sizeof(buf))) {
		put(y, 0, ui->cols, buf, ui_attr(UC_LABEL));
		return;
	}
	for (pass = 0; pass < 2; pass++) {
		b = pass == 0 ? top->ops->keys : ui_global_keys;
		n = pass == 0 ? top->ops->nkeys : ui_nglobal_keys;
		if (pass == 1 && (top->ops->flags & SCREEN_MODAL))
			break;
		for (i = 0; i < n; i++) {
			if (b[i].label == NULL)
				continue;
			if (pass == 1 && ui_action(top->ops->keys, top->ops->nkeys, b[i].keys[0]) != UA_NONE)
				continue;	/* the screen uses that key itself */
			/* "key Label " - the key plain, the label on the bar (htop) */
			w = ui_width(b[i].keyname) + ui_width(b[i].label) + 2;
			if (x + w > ui->cols)
				return;
			put(y, x, ui_width(b[i].keyname) + 1, b[i].keyname, ui_attr(UC_KEY));
			x += ui_width(b[i].keyname) + 1;
			put(y, x, ui_width(b[i].label) + 1, b[i].label, ui_attr(UC_LABEL));
			x += ui_width(b[i].label) + 1;
		}
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
	screen_title(ui->stack[base], title, sizeof(title));
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
	wint_t wc;
	int r, key, flags;

	ui_draw(ui);
	while (!ui->quit && ui->depth > 0) {
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
