/*
 * test_tui_ui.c - the TUI framework without a terminal: ui_sanitize and
 * text fitting, key dispatch (screen first, global keys only when it
 * ignored the key), the list widget's paging/search/sort over a fake
 * source, forms with in-place validation, confirmation dialogs, and the
 * help screen generated from the action table.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "ui.h"

static char out[1024];

static const char *
clean(const char *s)
{
	return ui_sanitize(out, sizeof(out), s);
}

static void
sanitize_strips_escape_sequences(void **state)
{
	(void)state;
	assert_string_equal(clean("plain"), "plain");
	assert_string_equal(clean("\x1b[2Jcleared"), "cleared");			/* ESC [ 2 J */
	assert_string_equal(clean("bell\x07!"), "bell!");				/* BEL */
	assert_string_equal(clean("\x1b[1;31mred\x1b[0m"), "red");			/* SGR */
	assert_string_equal(clean("a\x1b[?1049hb"), "ab");				/* private CSI */
	assert_string_equal(clean("\x1b]0;pwned title\x07x"), "x");			/* OSC with BEL */
	assert_string_equal(clean("\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\"), "link");	/* OSC 8 with ST */
	assert_string_equal(clean("\x1bPq#0;2;0;0;0\x1b\\z"), "z");			/* DCS */
	assert_string_equal(clean("\x1b(Bascii"), "ascii");				/* ESC ( B */
	assert_string_equal(clean("\x1b" "cx"), "x");					/* RIS */
	assert_string_equal(clean("tab\there\nnl\rcr"), "tab here nl cr");
	assert_string_equal(clean("nul\x01\x02\x7f."), "nul.");
}

static void
sanitize_strips_c1_controls_and_keeps_utf8(void **state)
{
	(void)state;
	/* C1 as UTF-8: U+009B is CSI, U+009D OSC, U+0085 NEL */
	assert_string_equal(clean("a\xc2\x9b" "2Jb"), "ab");
	assert_string_equal(clean("a\xc2\x9d" "0;t\xc2\x9c" "b"), "ab");
	assert_string_equal(clean("a\xc2\x85" "b"), "ab");
	/* raw 8-bit C1 bytes are not UTF-8: replaced, never passed through */
	assert_string_equal(clean("a\x9b" "b"), "a?b");
	/* valid UTF-8 kept: accents, CJK, emoji */
	assert_string_equal(clean("Caf\xc3\xa9 M\xc3\xbcller"), "Caf\xc3\xa9 M\xc3\xbcller");
	assert_string_equal(clean("\xe6\x97\xa5\xe6\x9c\xac"), "\xe6\x97\xa5\xe6\x9c\xac");
	assert_string_equal(clean("\xf0\x9f\x99\x82"), "\xf0\x9f\x99\x82");
	/* overlong and surrogate encodings are invalid */
	assert_string_equal(clean("\xc0\xaf"), "??");
	assert_string_equal(clean("\xed\xa0\x80"), "???");
	/* bidi overrides (U+202E) could reorder what the operator reads */
	assert_string_equal(clean("abc\xe2\x80\xae" "def"), "abcdef");
	/* cut at a character boundary, always terminated */
	{
		char small[5];

		ui_sanitize(small, sizeof(small), "ab\xc3\xa9\xc3\xa9");
		assert_string_equal(small, "ab\xc3\xa9");
	}
	assert_string_equal(clean(NULL), "");
}

static void
fit_pads_and_cuts_by_columns(void **state)
{
	char buf[64];

	(void)state;
	assert_string_equal(ui_fit(buf, sizeof(buf), "abc", 5), "abc  ");
	assert_string_equal(ui_fit(buf, sizeof(buf), "abcdef", 4), "abc\xe2\x80\xa6");
	assert_string_equal(ui_fit(buf, sizeof(buf), "\x1b[2Jab", 3), "ab ");
	/* a double-width character counts two columns */
	assert_int_equal(ui_width("\xe6\x97\xa5x"), 3);
	assert_string_equal(ui_fit(buf, sizeof(buf), "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 4),
	    "\xe6\x97\xa5\xe2\x80\xa6 ");
}

static void
utf8_editing(void **state)
{
	char s[8] = "";

	(void)state;
	assert_int_equal(ui_utf8_append(s, sizeof(s), 'a'), 0);
	assert_int_equal(ui_utf8_append(s, sizeof(s), 0xe9), 0);
	assert_string_equal(s, "a\xc3\xa9");
	assert_int_equal(ui_utf8_append(s, sizeof(s), 0x1b), -1);	/* no controls typed in */
	assert_int_equal(ui_utf8_append(s, sizeof(s), 0x9b), -1);
	ui_utf8_backspace(s);
	assert_string_equal(s, "a");
	ui_utf8_backspace(s);
	ui_utf8_backspace(s);
	assert_string_equal(s, "");
}

/* ---- a fake data source: rows "row N" for N in 0..n-1 matching a substring */

struct fake {
	int  n;
	int  page[64], count;
	char last_search[64];
	int  last_offset, last_limit, last_sort, last_filter;
};

static int
fake_match(const struct fake *f, int i, const char *search)
{
	char name[32];

	snprintf(name, sizeof(name), "row %d", i);
	return strstr(name, search) != NULL;
}

static enum core_err
fake_fetch(void *ctx, const struct ui_list_query *q, int *total, char *why)
{
	struct fake *f = ctx;
	int i, m = 0;

	(void)why;
	snprintf(f->last_search, sizeof(f->last_search), "%s", q->search);
	f->last_offset = q->offset;
	f->last_limit = q->limit;
	f->last_sort = q->sort;
	f->last_filter = q->filter;
	f->count = 0;
	for (i = 0; i < f->n; i++)
		if (fake_match(f, i, q->search)) {
			if (m >= q->offset && f->count < q->limit && f->count < 64)
				f->page[f->count++] = i;
			m++;
		}
	*total = m;
	return CORE_OK;
}

static int
fake_rows(void *ctx)
{
	return ((struct fake *)ctx)->count;
}

static void
fake_cell(void *ctx, int row, int col, char *buf, size_t sz)
{
	(void)col;
	snprintf(buf, sz, "row %d", ((struct fake *)ctx)->page[row]);
}

static const struct ui_column fake_cols[] = { { "Name", 0, 0, 0, 0 } };
static const char *const fake_sorts[] = { "a", "b", "c" };
static const char *const fake_filters[] = { "all", "some" };
static const struct ui_list_source fake_source = {
	fake_cols, 1, fake_sorts, 3, fake_filters, 2, fake_fetch, fake_rows, fake_cell,
};

/* Column widths: the name keeps its minimum; others are cut, then left out by rank. */
static void
list_widths_give_the_name_priority(void **state)
{
	static const struct ui_column cols[] = {
		{ "SKU", 14, 0, 12, 3 }, { "Product", 0, 0, 40, 0 }, { "Category", 18, 0, 10, 2 },
		{ "Cost", 13, 1, 11, 0 }, { "Trial", 6, 1, 0, 5 }, { "Connector", 10, 0, 0, 4 }, { "Active", 6, 0, 0, 1 },
	};
	static const struct ui_column plain[] = { { "Name", 0, 0, 0, 0 }, { "Edition", 12, 0, 0, 0 }, { "Url", 0, 0, 0, 0 } };
	struct ui_list_source src = fake_source;
	int w[7], c, used;

	(void)state;
	src.cols = cols;
	src.ncols = 7;
	/* wide: everything at full width, the rest to the name */
	assert_int_equal(ui_list_widths(&src, 200, w), 7);
	assert_int_equal(w[0], 14);
	assert_int_equal(w[1], 200 - (14 + 18 + 13 + 6 + 10 + 6) - 6);
	/* 80 columns: trial, connector and SKU left out; the name gets its 40 */
	assert_int_equal(ui_list_widths(&src, 80, w), 4);
	assert_int_equal(w[0], -1);
	assert_int_equal(w[4], -1);
	assert_int_equal(w[5], -1);
	assert_true(w[1] >= 40);
	for (c = 0, used = -1; c < 7; c++)
		if (w[c] >= 0)
			used += w[c] + 1;
	assert_true(used <= 80);
	/* columns without a minimum or rank behave as before */
	src.cols = plain;
	src.ncols = 3;
	assert_int_equal(ui_list_widths(&src, 80, w), 3);
	assert_int_equal(w[1], 12);
	assert_int_equal(w[0], (80 - 12 - 2) / 2);
	assert_int_equal(w[2], (80 - 12 - 2) / 2);
}

static void
list_pages_from_the_source(void **state)
{
	struct fake f = { .n = 1000 };
	struct ui_list l;

	(void)state;
	ui_list_init(&l, &fake_source, &f, 20);
	assert_int_equal(ui_list_load(&l), CORE_OK);
	assert_int_equal(l.total, 1000);
	assert_int_equal(l.loaded_n, 20);		/* one page, never the table */
	assert_int_equal(f.last_limit, 20);
	assert_int_equal(l.fetches, 1);
	/* moving inside the page does not fetch */
	ui_list_key(&l, UA_DOWN, 'j');
	ui_list_key(&l, UA_DOWN, 'j');
	assert_int_equal(l.cursor, 2);
	assert_int_equal(l.fetches, 1);
	/* PgDn fetches the next page */
	ui_list_key(&l, UA_PGDN, UK(KEY_NPAGE));
	assert_int_equal(l.cursor, 22);
	assert_int_equal(l.top, 20);
	assert_int_equal(f.last_offset, 20);
	assert_int_equal(l.fetches, 2);
	assert_int_equal(ui_list_row(&l), 2);
	/* End shows the last page, Home the first */
	ui_list_key(&l, UA_END, 'G');
	assert_int_equal(l.cursor, 999);
	assert_int_equal(l.top, 980);
	assert_int_equal(f.last_offset, 980);
	ui_list_key(&l, UA_UP, 'k');
	assert_int_equal(l.cursor, 998);
	assert_int_equal(l.fetches, 3);
	ui_list_key(&l, UA_HOME, 'g');
	assert_int_equal(l.cursor, 0);
	assert_int_equal(f.last_offset, 0);
	/* up at the top stays */
	ui_list_key(&l, UA_UP, 'k');
	assert_int_equal(l.cursor, 0);
}

static void
list_search_narrows_per_keystroke(void **state)
{
	struct fake f = { .n = 1000 };
	struct ui_list l;
	int before;
	char foot[256];

	(void)state;
	ui_list_init(&l, &fake_source, &f, 20);
	ui_list_load(&l);
	ui_list_key(&l, UA_PGDN, UK(KEY_NPAGE));
	assert_int_equal(ui_list_key(&l, UA_SEARCH, '/') & UI_HANDLED, UI_HANDLED);
	assert_true(l.searching);
	before = l.fetches;
	ui_list_key(&l, UA_NONE, '9');
	assert_int_equal(l.fetches, before + 1);	/* each keystroke asks the source */
	assert_string_equal(f.last_search, "9");
	assert_int_equal(l.cursor, 0);		/* and starts from the top */
	assert_int_equal(l.total, 271);
	ui_list_key(&l, UA_NONE, '9');
	ui_list_key(&l, UA_NONE, '9');
	assert_string_equal(f.last_search, "999");
	assert_int_equal(l.total, 1);
	assert_int_equal(l.fetches, before + 3);
	/* keys bound to actions are text while searching: 'j' is a letter */
	ui_list_key(&l, UA_DOWN, 'j');
	assert_string_equal(f.last_search, "999j");
	assert_int_equal(l.total, 0);
	assert_int_equal(ui_list_row(&l), -1);
	ui_list_key(&l, UA_NONE, UK(KEY_BACKSPACE));
	assert_int_equal(l.total, 1);
	assert_int_equal(ui_list_footer(&l, foot, sizeof(foot)), 1);
	assert_non_null(strstr(foot, "999"));
	/* Enter keeps the search, Esc clears it */
	ui_list_key(&l, UA_OPEN, UI_ENTER);
	assert_false(l.searching);
	assert_string_equal(l.search, "999");
	assert_int_equal(ui_list_footer(&l, foot, sizeof(foot)), 0);
	ui_list_key(&l, UA_SEARCH, '/');
	ui_list_key(&l, UA_BACK, UI_ESC);
	assert_string_equal(l.search, "");
	assert_int_equal(l.total, 1000);
}

static void
list_sort_and_filter_cycle(void **state)
{
	struct fake f = { .n = 50 };
	struct ui_list l;

	(void)state;
	ui_list_init(&l, &fake_source, &f, 10);
	ui_list_load(&l);
	ui_list_key(&l, UA_DOWN, 'j');
	ui_list_key(&l, UA_SORT, 's');
	assert_int_equal(f.last_sort, 1);
	assert_int_equal(l.cursor, 0);
	ui_list_key(&l, UA_SORT, 's');
	ui_list_key(&l, UA_SORT, 's');
	assert_int_equal(f.last_sort, 0);
	ui_list_key(&l, UA_FILTER, 'e');
	assert_int_equal(f.last_filter, 1);
	ui_list_key(&l, UA_FILTER, 'e');
	assert_int_equal(f.last_filter, 0);
	/* a resize changes the page size: the next page asked for is that big */
	ui_list_set_height(&l, 5);
	ui_list_load(&l);
	assert_int_equal(f.last_limit, 5);
}

/* ---- screens and dispatch ------------------------------------------ */

struct probe {
	int keys;
	int last;
};

static const struct ui_binding probe_keys[] = {
	{ UA_EDIT, { 'x' }, "x", "Do", "do the thing" },
	{ UA_OPEN, { UI_ENTER }, "Enter", "Open", "open" },
};

static int
probe_key(struct screen *s, int key)
{
	struct probe *p = s->priv;

	p->keys++;
	p->last = key;
	return ui_action(probe_keys, 2, key) == UA_EDIT ? UI_HANDLED : UI_IGNORED;
}

static void
probe_free(struct screen *s)
{
	(void)s;
}

static const struct screen_ops probe_ops = {
	.name = "probe", .keys = probe_keys, .nkeys = 2, .handle_key = probe_key, .free = probe_free,
};

static struct probe probes[2];

static struct screen *
make_probe0(struct ui *ui)
{
	return ui_screen_new(ui, &probe_ops, &probes[0]);
}

static struct screen *
make_probe1(struct ui *ui)
{
	return ui_screen_new(ui, &probe_ops, &probes[1]);
}

static const struct ui_tab probe_tabs[] = { { "One", make_probe0 }, { "Two", make_probe1 } };

static void
global_keys_only_when_the_screen_ignores_them(void **state)
{
	struct ui ui;
	int r;

	(void)state;
	memset(probes, 0, sizeof(probes));
	ui_init(&ui, NULL, NULL, NULL);
	ui_set_tabs(&ui, probe_tabs, 2);
	assert_int_equal(ui.depth, 1);
	/* the screen's own key */
	r = ui_feed(&ui, 'x');
	assert_int_equal(r & UI_HANDLED, UI_HANDLED);
	assert_int_equal(probes[0].last, 'x');
	/* ignored by the screen: Tab goes to the next tab */
	ui_feed(&ui, UI_TAB);
	assert_int_equal(probes[0].last, UI_TAB);
	assert_int_equal(ui.tab, 1);
	assert_ptr_equal(ui_top(&ui)->priv, &probes[1]);
	/* ? opens help over it, q closes help */
	ui_feed(&ui, '?');
	assert_int_equal(ui.depth, 2);
	assert_string_equal(ui_top(&ui)->ops->name, "help");
	ui_feed(&ui, 'q');
	assert_int_equal(ui.depth, 1);
	/* Esc on the first screen does not quit; q asks first */
	r = ui_feed(&ui, UI_ESC);
	assert_int_equal(r & UI_QUIT, 0);
	assert_int_equal(ui.depth, 1);
	r = ui_feed(&ui, 'q');
	assert_int_equal(r & UI_QUIT, 0);
	assert_int_equal(ui.quit, 0);
	assert_string_equal(ui_top(&ui)->ops->name, "confirm");
	assert_non_null(strstr(ui_dialog_message(ui_top(&ui)), "Quit Shelf? (y/n)"));
	r = ui_feed(&ui, 'n');					/* no: still here */
	assert_int_equal(r & UI_QUIT, 0);
	assert_int_equal(ui.depth, 1);
	assert_ptr_equal(ui_top(&ui)->priv, &probes[1]);
	ui_feed(&ui, 'q');
	r = ui_feed(&ui, 'y');
	assert_int_equal(r & UI_QUIT, UI_QUIT);
	assert_int_equal(ui.quit, 1);
	/* Q (and F10) is the explicit quit: at once, for scripts */
	ui.quit = 0;
	r = ui_feed(&ui, 'Q');
	assert_int_equal(r & UI_QUIT, UI_QUIT);
	/* a resize is reported to the loop */
	assert_int_equal(ui_feed(&ui, UK(KEY_RESIZE)) & UI_RESIZE, UI_RESIZE);
	ui_done(&ui);
}

static void
help_lists_the_action_table(void **state)
{
	struct ui ui;
	struct screen *s;
	char **lines;
	int n, i, found_x = 0, found_global = 0;

	(void)state;
	ui_init(&ui, NULL, NULL, NULL);
	s = make_probe0(&ui);
	n = ui_help_lines(s, &lines);
	for (i = 0; i < n; i++) {
		if (strstr(lines[i], "x") && strstr(lines[i], "do the thing"))
			found_x = 1;
		if (strstr(lines[i], "?/F1") && strstr(lines[i], "show the keys"))
			found_global = 1;
	}
	assert_true(found_x);
	assert_true(found_global);
	ui_lines_free(lines, n);
	free(s);
}

/* ---- forms --------------------------------------------------------- */

static int
v_digits(const struct ui_form *f, const char *v, char *msg, size_t sz)
{
	(void)f;
	if (v[0] == '\0' || strspn(v, "0123456789") != strlen(v)) {
		snprintf(msg, sz, "Digits only.");
		return -1;
	}
	return 0;
}

static const char *const colours[] = { "red", "green", NULL };
static const struct ui_field fields[] = {
	{ "Colour", UI_FIELD_CHOICE, 0, colours, NULL, NULL, NULL },
	{ "Count", UI_FIELD_TEXT, 4, NULL, v_digits, NULL, NULL },
};

struct submitted {
	int  calls;
	char colour[16], count[16];
	enum core_err answer;
};

static enum core_err
on_submit(struct ui_form *f, void *ctx, char *why, int *field)
{
	struct submitted *s = ctx;

	s->calls++;
	snprintf(s->colour, sizeof(s->colour), "%s", ui_form_value(f, 0));
	snprintf(s->count, sizeof(s->count), "%s", ui_form_value(f, 1));
	if (s->answer != CORE_OK) {
		snprintf(why, CORE_WHY, "Core says no.");
		*field = 1;
	}
	return s->answer;
}

static void
form_validates_in_place_then_submits(void **state)
{
	struct submitted sub = { 0 };
	struct ui ui;
	struct ui_form *f;

	(void)state;
	ui_init(&ui, NULL, NULL, NULL);
	sub.answer = CORE_INVALID;
	ui_push(&ui, ui_form_new(&ui, "Test", fields, 2, on_submit, &sub, NULL));
	f = ui_form_of(ui_top(&ui));
	assert_non_null(f);
	ui_feed(&ui, UK(KEY_RIGHT));		/* choice: red -> green */
	assert_string_equal(ui_form_value(f, 0), "green");
	ui_feed(&ui, UI_ENTER);			/* next field */
	assert_int_equal(f->cur, 1);
	ui_feed(&ui, 'a');			/* validated as typed */
	assert_string_equal(f->msg[1], "Digits only.");
	ui_feed(&ui, UI_ENTER);			/* submit refused: still open */
	assert_int_equal(sub.calls, 0);
	assert_non_null(ui_form_of(ui_top(&ui)));
	ui_feed(&ui, UK(KEY_BACKSPACE));
	ui_feed(&ui, '4');
	ui_feed(&ui, '2');
	assert_string_equal(f->msg[1], "");
	ui_feed(&ui, UI_ENTER);			/* core refuses: why shown, form stays */
	assert_int_equal(sub.calls, 1);
	assert_string_equal(f->error, "Core says no.");
	assert_string_equal(f->msg[1], "Core says no.");
	sub.answer = CORE_OK;
	ui_feed(&ui, UK(KEY_F(2)));
	assert_int_equal(sub.calls, 2);
	assert_string_equal(sub.colour, "green");
	assert_string_equal(sub.count, "42");
	assert_null(ui_top(&ui));		/* closed */
	/* Esc cancels without a call */
	ui_push(&ui, ui_form_new(&ui, "Test", fields, 2, on_submit, &sub, NULL));
	ui_feed(&ui, UI_ESC);
	assert_int_equal(sub.calls, 2);
	assert_null(ui_top(&ui));
	ui_done(&ui);
}

static int yes_calls;

static enum core_err
on_yes(struct ui *ui, void *ctx, char *why)
{
	(void)ui;
	yes_calls++;
	if (ctx) {
		snprintf(why, CORE_WHY, "Not today.");
		return CORE_CONFLICT;
	}
	ui_status(ui, "Done.");
	return CORE_OK;
}

static void
confirm_asks_before_acting(void **state)
{
	struct ui ui;

	(void)state;
	ui_init(&ui, NULL, NULL, NULL);
	yes_calls = 0;
	ui_push(&ui, ui_confirm_new(&ui, "Sure?", "Really?", on_yes, NULL, NULL));
	ui_feed(&ui, 'x');			/* anything else: nothing */
	ui_feed(&ui, UI_ENTER);			/* Enter is not yes */
	assert_int_equal(yes_calls, 0);
	assert_non_null(ui_top(&ui));
	ui_feed(&ui, 'n');
	assert_int_equal(yes_calls, 0);
	assert_null(ui_top(&ui));
	ui_push(&ui, ui_confirm_new(&ui, "Sure?", "Really?", on_yes, NULL, NULL));
	ui_feed(&ui, 'y');
	assert_int_equal(yes_calls, 1);
	assert_string_equal(ui.status, "Done.");
	/* a refusal lands on the status line as an error */
	ui_push(&ui, ui_confirm_new(&ui, "Sure?", "Really?", on_yes, (void *)1, NULL));
	ui_feed(&ui, 'y');
	assert_string_equal(ui.status, "Not today.");
	assert_int_equal(ui.status_kind, UI_ST_ERROR);
	ui_done(&ui);
}

static void
status_is_sanitized_and_refusals_name_support(void **state)
{
	struct ui ui;
	struct actor a = { .role = ROLE_SUPPORT };

	(void)state;
	ui_init(&ui, NULL, &a, NULL);
	ui_status(&ui, "name: %s", "\x1b[2Jevil\x07");
	assert_string_equal(ui.status, "name: evil");
	ui_refused(&ui, CORE_FORBIDDEN, NULL);
	assert_non_null(strstr(ui.status, "support staff have read-only access"));
	a.role = ROLE_DISTRIBUTOR_ADMIN;
	ui_refused(&ui, CORE_CONFLICT, "It is already so.");
	assert_string_equal(ui.status, "It is already so.");
	ui_refused(&ui, CORE_DB, NULL);
	assert_non_null(strstr(ui.status, "database error"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sanitize_strips_escape_sequences),
		cmocka_unit_test(sanitize_strips_c1_controls_and_keeps_utf8),
		cmocka_unit_test(fit_pads_and_cuts_by_columns),
		cmocka_unit_test(utf8_editing),
		cmocka_unit_test(list_widths_give_the_name_priority),
		cmocka_unit_test(list_pages_from_the_source),
		cmocka_unit_test(list_search_narrows_per_keystroke),
		cmocka_unit_test(list_sort_and_filter_cycle),
		cmocka_unit_test(global_keys_only_when_the_screen_ignores_them),
		cmocka_unit_test(help_lists_the_action_table),
		cmocka_unit_test(form_validates_in_place_then_submits),
		cmocka_unit_test(confirm_asks_before_acting),
		cmocka_unit_test(status_is_sanitized_and_refusals_name_support),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests_name("tui_ui", tests, NULL, NULL);
}
