/*
 * ui.h - the admin TUI's framework: screens, the one event loop, action
 * tables, and the widgets every screen shares (list, form, confirmation
 * dialog, help, status line).
 *
 * Shape (htop's Panel/ScreenManager, tig's view_ops):
 *   - A screen is a struct with a table of callbacks (struct screen_ops)
 *     and private state.  Screens sit on a stack owned by struct ui; the
 *     top one gets the keys, modal ones (forms, dialogs) are drawn over
 *     the one below.
 *   - Each screen has ONE action table (struct ui_binding[]): key(s),
 *     action, footer label, help text.  The footer and the `?` help
 *     screen are generated from it, so they cannot drift.  Global
 *     bindings (help, back, quit, next tab) apply only when the screen
 *     ignored the key.
 *   - Logic and drawing are separate functions.  ui_feed(ui, key) runs
 *     the logic (state + key -> new state + calls into core) without
 *     touching curses, so tests drive screens with no terminal.  Only
 *     the draw callbacks, ui_draw() and ui_run() call curses.
 *
 * Keys are ints: a Unicode code point for a character, UK(KEY_xxx) for a
 * curses function key (kept apart from code points).
 *
 * Text from the database goes through ui_sanitize before it is drawn:
 * terminal control characters and escape sequences are removed, never
 * interpreted.
 */
#ifndef SHELF_UI_H
#define SHELF_UI_H

#include <stddef.h>
#include <stdint.h>
#include <curses.h>
#include "actor.h"
#include "config.h"
#include "db.h"
#include "err.h"

/* A curses function key as a ui key (beyond the last Unicode code point). */
#define UK(k)        (0x110000 + (k))
#define UI_ESC       27
#define UI_CTRL(c)   ((c) & 0x1f)
#define UI_ENTER     '\n'
#define UI_TAB       '\t'

/* What handle_key and ui_feed return: a set of flags. */
enum {
	UI_IGNORED = 0,
	UI_HANDLED = 1 << 0,
	UI_REDRAW  = 1 << 1,	/* state changed: draw again */
	UI_QUIT    = 1 << 2,	/* leave the TUI */
	UI_RESIZE  = 1 << 3	/* the terminal changed size */
};

/* Actions, one namespace for all screens (tig's REQ_*). */
enum ui_act {
	UA_NONE,
	UA_UP, UA_DOWN, UA_PGUP, UA_PGDN, UA_HOME, UA_END,
	UA_OPEN, UA_BACK, UA_QUIT, UA_HELP, UA_NEXT_TAB, UA_PREV_TAB, UA_REFRESH,
	UA_SEARCH, UA_SORT, UA_FILTER,
	UA_UPGRADE, UA_DOWNGRADE, UA_EXPORT, UA_ADD, UA_EDIT, UA_CHANGE,
	/* the reseller admin's screens */
	UA_MARK, UA_LIST, UA_MARKUP, UA_CATEGORY, UA_CATEGORY_PREV, UA_VIEW,
	UA_APPROVE, UA_REJECT, UA_REMOVE, UA_MOVE_UP, UA_MOVE_DOWN, UA_TOGGLE,
	UA_ACTIVE, UA_USERS, UA_PASSWORD, UA_GENERAL, UA_LOOK, UA_SECTIONS, UA_CONTACT,
	/* the outbox and the fulfilment queue */
	UA_VIEW_PREV, UA_RETRY, UA_DONE, UA_FAIL,
	UA__MAX
};

#define UI_KEYS 3

/*
 * One row of an action table: up to UI_KEYS keys (0-terminated), the
 * name shown for them ("j/Down"), a footer label (NULL: not in the
 * footer) and the help text.
 */
struct ui_binding {
	enum ui_act  act;
	int          keys[UI_KEYS];
	const char  *keyname;
	const char  *label;
	const char  *help;
};

struct ui;
struct screen;
struct ui_list;
struct ui_view;

/* The callbacks of a kind of screen.  Any may be NULL except handle_key. */
struct screen_ops {
	const char *name;			/* for tests and logs */
	const char *caption;			/* the title bar when there is no title(); NULL: name */
	const struct ui_binding *keys;		/* this screen's action table */
	size_t      nkeys;
	unsigned    flags;			/* SCREEN_MODAL */
	/* enter - became the top screen (pushed, or the one above was popped). */
	void      (*enter)(struct screen *s);
	/* leave - stops being the top screen (popped, or another pushed). */
	void      (*leave)(struct screen *s);
	/* draw - draw the body into w (curses); h x w given by getmaxyx. */
	void      (*draw)(struct screen *s, WINDOW *w);
	/* handle_key - the logic: a key in, UI_* flags out.  No curses. */
	int       (*handle_key)(struct screen *s, int key);
	/* title - the title bar text into buf (NULL: caption). */
	void      (*title)(struct screen *s, char *buf, size_t sz);
	/* footer - a replacement footer (search prompt, form hints): 1 when written. */
	int       (*footer)(struct screen *s, char *buf, size_t sz);
	/* free - release what priv holds, and priv unless ui_screen_make made it (may be NULL then). */
	void      (*free)(struct screen *s);
	/*
	 * idle - slow work deferred until no key is waiting (figures that
	 * take long to compute); returns UI flags, UI_REDRAW when it changed
	 * what is shown.  Called by ui_run only; tests call it directly.
	 */
	int       (*idle)(struct screen *s);
	/*
	 * offers - 1 when the action can be done now: the actor's role may
	 * (core's actor_may) and the state allows it (e.g. core's order
	 * state table for the order under the cursor); 0 otherwise.  The
	 * footer and the help list only what is offered; a key pressed
	 * anyway still goes to handle_key, where core refuses and says why.
	 * NULL: every action of the table is offered.
	 */
	int       (*offers)(struct screen *s, enum ui_act act);
	/* list, view - the screen's list or text, for tests and shared code (NULL: none). */
	struct ui_list *(*list)(struct screen *s);
	struct ui_view *(*view)(struct screen *s);
};

#define SCREEN_MODAL 1u		/* drawn as a box over the screen below */

struct screen {
	const struct screen_ops *ops;
	struct ui  *ui;
	void       *priv;
	int         owns_priv;	/* priv came from ui_screen_make: freed after ops->free */
};

/* A root screen reached with Tab; the title bar lists them. */
struct ui_tab {
	const char *name;
	struct screen *(*make)(struct ui *ui);
};

#define UI_STACK   16
#define UI_STATUS  512
#define UI_TABS    8

enum ui_status_kind { UI_ST_INFO, UI_ST_OK, UI_ST_ERROR };

struct ui {
	struct db          *db;		/* borrowed */
	const struct actor *actor;	/* borrowed: who is at the keyboard */
	const struct config *cfg;	/* borrowed */
	struct screen      *stack[UI_STACK];
	int                 depth;
	struct screen      *dead[UI_STACK];	/* popped during a key, freed after it */
	int                 ndead;
	const struct ui_tab *tabs;
	int                 ntabs, tab;
	char                status[UI_STATUS];
	enum ui_status_kind status_kind;
	int                 rows, cols;	/* terminal size (tests set it) */
	int                 quit;
	int                 color;		/* colours in use */
	char                sf_base[256];	/* the distributor's storefront base domain */
	int                 sf_base_loaded;
	char                currency[4];	/* a reseller admin's currency, once read (tui_currency) */
	/*
	 * tab_label - when set, writes the title-bar name of tab i (e.g. with
	 * a count: "Messages (3)"), returning 1; 0 keeps tabs[i].name.  Called
	 * on every draw, so it must be cheap.
	 */
	int               (*tab_label)(struct ui *ui, int i, char *buf, size_t sz);
	/*
	 * gate - when set, asked by ui_feed before every key (resizes
	 * aside): 0 lets the key through; non-zero means the operator may no
	 * longer work here (disabled, reseller suspended), with why written
	 * (sz bytes): the key is dropped, the status line says why and that
	 * any key leaves, and the next key quits.  Must be cheap.
	 */
	int               (*gate)(struct ui *ui, char *why, size_t sz);
	int                 gated;		/* the gate closed: why is in gated_why */
	char                gated_why[UI_STATUS];
};

/* ui_init - an empty ui for this operator; rows/cols default to 30x100. */
void ui_init(struct ui *ui, struct db *db, const struct actor *a, const struct config *cfg);

/* ui_done - pop and free every screen. */
void ui_done(struct ui *ui);

/* ui_set_tabs - the root screens; opens tabs[0].  tabs is borrowed. */
void ui_set_tabs(struct ui *ui, const struct ui_tab *tabs, int n);

/* ui_goto_tab - replace the whole stack with tab i's root screen. */
void ui_goto_tab(struct ui *ui, int i);

/* ui_screen_new - a screen of ops with private state priv, which ops->free releases. */
struct screen *ui_screen_new(struct ui *ui, const struct screen_ops *ops, void *priv);

/*
 * ui_screen_make - a screen of ops with size bytes of private state,
 * zeroed, for the constructor to fill in (s->priv).  The screen frees
 * the state itself, after ops->free (when given) has freed what the
 * state holds.  NULL on ENOMEM.
 */
struct screen *ui_screen_make(struct ui *ui, const struct screen_ops *ops, size_t size);

/* ui_push - put s on top (takes ownership); 0, or -1 when the stack is full (s freed). */
int ui_push(struct ui *ui, struct screen *s);

/* ui_pop - remove the top screen; freed once the current key is done. */
void ui_pop(struct ui *ui);

/* ui_screen_list / ui_screen_view - s's list or text (ops->list / ops->view), or NULL. */
struct ui_list *ui_screen_list(struct screen *s);
struct ui_view *ui_screen_view(struct screen *s);

/* ui_screen_title - s's title bar text into buf: ops->title, or ops->name when it has none. */
void ui_screen_title(const struct screen *s, char *buf, size_t sz);

/* ui_top - the top screen, or NULL. */
struct screen *ui_top(const struct ui *ui);

/*
 * ui_feed - one key through the logic: the top screen's handle_key,
 * then, if it ignored the key, the global bindings.  Returns UI_* flags.
 */
int ui_feed(struct ui *ui, int key);

/* ui_say - set the status line (printf format) as kind; ui_status and ui_error say it as OK and as an error. */
void ui_say(struct ui *ui, enum ui_status_kind kind, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
#define ui_status(ui, ...) ui_say((ui), UI_ST_OK, __VA_ARGS__)
#define ui_error(ui, ...)  ui_say((ui), UI_ST_ERROR, __VA_ARGS__)

/*
 * ui_refused - put core's refusal on the status line: why when the
 * function wrote one, else the error's text; CORE_FORBIDDEN for support
 * staff reads "support staff have read-only access".
 */
void ui_refused(struct ui *ui, enum core_err er, const char *why);

/* ui_tab_label - the title-bar name of tab i (ui->tab_label's, else its name) into buf. */
const char *ui_tab_label(struct ui *ui, int i, char *buf, size_t sz);

/* ui_offered - 1 when s offers act now (s->ops->offers; always without one). */
int ui_offered(struct screen *s, enum ui_act act);

/*
 * ui_footer_bindings - the bindings the footer of top shows, in order:
 * top's labelled and offered ones, then the global ones it does not
 * use itself (none for a modal screen).  Up to max into out; returns
 * how many there are.
 */
size_t ui_footer_bindings(struct screen *top, const struct ui_binding **out, size_t max);

/* ui_footer_text - "Enter Open  / Search  ..." of ui_footer_bindings (or top's own footer), for tests and logs. */
const char *ui_footer_text(struct screen *top, char *buf, size_t sz);

/* ui_action - the action key is bound to in table b[n], or UA_NONE. */
enum ui_act ui_action(const struct ui_binding *b, size_t n, int key);

/* ui_screen_action - the action key is bound to in s's own table (s->ops->keys). */
enum ui_act ui_screen_action(const struct screen *s, int key);

/*
 * ui_cursor_key - a row cursor over n rows (0..n-1): UA_UP and UA_DOWN
 * move *cursor by one, never past either end, and return UI_HANDLED |
 * UI_REDRAW; any other action leaves it and returns UI_IGNORED.
 */
int ui_cursor_key(int *cursor, int n, enum ui_act act);

/* The global bindings (help, back, quit, tabs), for the help screen and tests. */
extern const struct ui_binding ui_global_keys[];
extern const size_t ui_nglobal_keys;

/* ui_keyname - a printable name of a key ("Enter", "F1", "x"), into buf. */
const char *ui_keyname(int key, char *buf, size_t sz);

/* ---- text ---------------------------------------------------------- */

/*
 * ui_sanitize - copy src into dst (dstsz bytes, always NUL-terminated)
 * without what a terminal would interpret: C0 controls and DEL, C1
 * controls (U+0080..U+009F), escape sequences (CSI, OSC, DCS/SOS/PM/APC
 * strings, two-byte ESC x), and bidirectional overrides.  Tab and
 * newlines become one space.  Invalid UTF-8 bytes become '?'.  Valid
 * UTF-8 is kept, cut only at a character boundary.  NULL src gives "".
 * Returns dst.
 */
char *ui_sanitize(char *dst, size_t dstsz, const char *src);

/* ui_width - the display width in columns of UTF-8 text s (sanitized). */
int ui_width(const char *s);

/*
 * ui_fit - dst gets s sanitized and cut or padded with spaces to exactly
 * width columns (a cut string ends in "…" when width allows).  Returns dst.
 */
char *ui_fit(char *dst, size_t dstsz, const char *s, int width);

/* ui_utf8_append - append code point cp to the UTF-8 string s (cap bytes); 0, or -1 when full. */
int ui_utf8_append(char *s, size_t cap, int cp);

/* ui_utf8_backspace - remove the last character of UTF-8 string s. */
void ui_utf8_backspace(char *s);

/* ui_right - s right-aligned in width columns (padded on the left by display width) into dst. */
char *ui_right(char *dst, size_t dstsz, const char *s, int width);

/* ui_tail - the last part of s (a pointer into it) that fits width columns. */
const char *ui_tail(const char *s, int width);

/* ui_title_case - "Standard" for "standard" into buf. */
const char *ui_title_case(char *buf, size_t sz, const char *s);

/* ---- list ---------------------------------------------------------- */

#define UI_SEARCH 128
#define UI_CELL   256

/* What a list asks its data source for: one page. */
struct ui_list_query {
	const char *search;	/* "" for none */
	int         sort;	/* index into sort_names */
	int         filter;	/* index into filter_names (0: all) */
	int         offset, limit;
};

/*
 * A list column.  From 80 columns up the list stays readable: the
 * columns that take what is left (width 0, the names) get at least their
 * min first; to make room the fixed ones are cut towards their min, and
 * when that is not enough the ones with a drop rank are left out,
 * highest rank first (then cutting is tried again).  What is left over
 * goes to the width-0 columns.
 */
struct ui_column {
	const char *title;
	int         width;	/* columns; 0: takes what is left */
	int         right;	/* right-aligned (numbers, money) */
	int         min;	/* fixed: may be cut down to this (0: never cut); width 0: needs this much (0: 4) */
	int         drop;	/* left out when there is no room, highest first (0: never) */
};

/*
 * ui_list_widths - each column's width for a list width columns wide
 * into w[src->ncols] (at most 32), -1 for a column left out; the rule
 * above.  Returns how many columns are shown.
 */
struct ui_list_source;
int ui_list_widths(const struct ui_list_source *src, int width, int *w);

/*
 * A list's data source.  fetch loads one page into the source's own
 * storage (ctx) and sets *total to the number of rows that match;
 * rows() says how many it loaded; cell() writes the text of one cell
 * (raw: the list sanitizes it).  The list never holds more than a page.
 */
struct ui_list_source {
	const struct ui_column *cols;
	int         ncols;
	const char *const *sort_names;	/* cycled by UA_SORT */
	int         nsort;
	const char *const *filter_names;/* cycled by UA_FILTER; NULL: no filter */
	int         nfilter;
	enum core_err (*fetch)(void *ctx, const struct ui_list_query *q, int *total, char *why);
	int         (*rows)(void *ctx);
	void        (*cell)(void *ctx, int row, int col, char *buf, size_t sz);
};

/* UI_COLUMNS, UI_SORTS, UI_FILTERS - a ui_list_source's arrays and their lengths. */
#define UI_COLUMNS(a) .cols = (a), .ncols = (int)UI_NKEYS(a)
#define UI_SORTS(a)   .sort_names = (a), .nsort = (int)UI_NKEYS(a)
#define UI_FILTERS(a) .filter_names = (a), .nfilter = (int)UI_NKEYS(a)

struct ui_list {
	const struct ui_list_source *src;
	void       *ctx;
	char        search[UI_SEARCH];
	int         searching;	/* the search prompt has the keys */
	int         sort, filter;
	int         total;		/* rows matching, from the source */
	int         top;		/* index of the first loaded (and shown) row */
	int         cursor;		/* index of the selected row, absolute */
	int         height;		/* rows shown: the page size */
	int         loaded_top, loaded_n, stale;
	enum core_err err;
	char        why[CORE_WHY];
	int         fetches;		/* how many times the source was asked (tests) */
	double      fetch_ms;		/* how long the last fetch took */
};

/* ui_list_init - a list over src/ctx showing height rows; fetches nothing yet. */
void ui_list_init(struct ui_list *l, const struct ui_list_source *src, void *ctx, int height);

/* ui_list_load - (re)fetch the page at l->top if stale; returns the source's error. */
enum core_err ui_list_load(struct ui_list *l);

/* ui_list_reload - mark stale and load (after a change in the database). */
enum core_err ui_list_reload(struct ui_list *l);

/* ui_list_set_height - the page size changed (resize); reloads when needed. */
void ui_list_set_height(struct ui_list *l, int height);

/*
 * ui_list_key - navigation and search: key (with its action act from
 * the screen's table) in, UI_* flags out.  While searching every
 * printable key narrows the list (one fetch per keystroke), Backspace
 * widens it, Enter keeps the search, Esc clears it.
 */
int ui_list_key(struct ui_list *l, enum ui_act act, int key);

/* ui_list_row - the loaded row index of the cursor, or -1 when the list is empty. */
int ui_list_row(const struct ui_list *l);

/* ui_list_footer - the search prompt while searching: 1 when written. */
int ui_list_footer(const struct ui_list *l, char *buf, size_t sz);

/* ui_list_draw - header, rows, cursor and a "n of N" line into w. */
void ui_list_draw(struct ui_list *l, WINDOW *w, int y, int x, int h, int width);

/* ui_list_summary - "12 of 5000 · sort: name · edition: basic" into buf. */
const char *ui_list_summary(const struct ui_list *l, char *buf, size_t sz);

/* ---- form ---------------------------------------------------------- */

#define UI_FORM_FIELDS 12
#define UI_FIELD       1024

/*
 * TEXT: what is typed.  CHOICE: one of a short list, Left/Right.
 * LOOKUP: type-ahead in a long table (countries): what is typed is a
 * query, the field's value is the match chosen (Left/Right walk the
 * matches), e.g. "Net" -> "NL"; with no match the value is the query
 * itself, for the validator to refuse.
 */
enum ui_field_kind { UI_FIELD_TEXT, UI_FIELD_CHOICE, UI_FIELD_LOOKUP };

struct ui_form;

/* A field validator: 0 when ok, else writes a message into msg. */
typedef int (*ui_validate_fn)(const struct ui_form *f, const char *value, char *msg, size_t sz);

/*
 * A LOOKUP field's table: the n-th (from 0) entry matching query, its
 * value (the code stored, "NL") into value and what to show ("NL
 * Netherlands") into label, each unless NULL; returns how many entries
 * match (0 for none or an empty query).
 */
typedef int (*ui_lookup_fn)(const char *query, int n, char *value, size_t vsz, char *label, size_t lsz);

struct ui_field {
	const char        *label;
	enum ui_field_kind kind;
	int                maxlen;		/* characters, TEXT and LOOKUP (the query) */
	const char *const *choices;		/* CHOICE: NULL-terminated */
	ui_validate_fn     validate;	/* NULL: anything */
	const char        *hint;		/* shown after the field, may be NULL */
	ui_lookup_fn       lookup;		/* LOOKUP */
};

#define UI_LOOKUP_VALUE 64
#define UI_LOOKUP_LABEL 256

/*
 * submit - the form's values are valid: call core.  Return CORE_OK to
 * close the form (having set the status line), or the error with why
 * filled to keep it open; *field may name the field to blame (-1).
 */
typedef enum core_err (*ui_submit_fn)(struct ui_form *f, void *ctx, char *why, int *field);

struct ui_form {
	struct ui         *ui;
	char              title[1024];
	const struct ui_field *fields;
	int                nfields;
	char               value[UI_FORM_FIELDS][UI_FIELD];	/* TEXT: the text; LOOKUP: the query */
	int                choice[UI_FORM_FIELDS];		/* CHOICE, LOOKUP: which one */
	int                nfound[UI_FORM_FIELDS];		/* LOOKUP: matches of the query */
	char               found[UI_FORM_FIELDS][UI_LOOKUP_VALUE];	/* LOOKUP: the chosen match's value */
	char               found_label[UI_FORM_FIELDS][UI_LOOKUP_LABEL];
	char               msg[UI_FORM_FIELDS][CORE_WHY];	/* in-place validation messages */
	char               error[CORE_WHY];	/* the whole form's error (core's why) */
	int                cur;
	ui_submit_fn       submit;
	void              *ctx;
	void             (*ctx_free)(void *);	/* frees ctx with the form; may be NULL */
};

/* ui_form_new - a form screen (modal).  Values start "" / choice 0. */
struct screen *ui_form_new(struct ui *ui, const char *title, const struct ui_field *fields, int n,
    ui_submit_fn submit, void *ctx, void (*ctx_free)(void *));

/* ui_form_of - the form state of a form screen (tests, prefilling). */
struct ui_form *ui_form_of(struct screen *s);

/* ui_form_set - prefill field i (TEXT: text; CHOICE: the choice with that text; LOOKUP: the query, e.g. a code). */
void ui_form_set(struct ui_form *f, int i, const char *value);

/* ui_form_value - field i's value (TEXT: the text; CHOICE: the chosen text; LOOKUP: the chosen match's value, or the query when none matches). */
const char *ui_form_value(const struct ui_form *f, int i);

/* ui_form_validate - run every validator, filling msg[]; 0 when all pass. */
int ui_form_validate(struct ui_form *f);

/* ui_invalid_if - a validator's verdict: when bad, why into msg and -1; else 0. */
int ui_invalid_if(int bad, char *msg, size_t sz, const char *why);

/* ui_valid_name / ui_valid_email (ui_valid.c) - a name of 1 to 200 characters; an e-mail address (core's contact rules). */
int ui_valid_name(const struct ui_form *f, const char *value, char *msg, size_t sz);
int ui_valid_email(const struct ui_form *f, const char *value, char *msg, size_t sz);

/*
 * ui_valid_country / ui_lookup_country (ui_valid.c) - a LOOKUP field of
 * countries: core's table (country.h), "" allowed; the matches of a
 * name or code, best first.
 */
int ui_valid_country(const struct ui_form *f, const char *value, char *msg, size_t sz);
int ui_lookup_country(const char *query, int n, char *value, size_t vsz, char *label, size_t lsz);

/* ---- confirmation dialog --------------------------------------------- */

/* yes - the operator confirmed: call core; CORE_OK when done (status set). */
typedef enum core_err (*ui_confirm_fn)(struct ui *ui, void *ctx, char *why);

/*
 * ui_confirm_new - a modal yes/no dialog with a message (lines separated
 * by '\n').  'y' calls yes and closes the dialog, reporting a refusal on
 * the status line; 'n', Esc and q close it without a call.  The dialog
 * owns ctx when ctx_free is given.
 */
struct screen *ui_confirm_new(struct ui *ui, const char *title, const char *message,
    ui_confirm_fn yes, void *ctx, void (*ctx_free)(void *));

/*
 * ui_notice_new - a modal message (lines separated by '\n') closed by
 * Enter, Esc or q: for what is shown once (a one-time password, a
 * secret) and must not vanish with the next key's status line.
 */
struct screen *ui_notice_new(struct ui *ui, const char *title, const char *message);

/* ui_dialog_message - the message of a confirmation or notice screen (tests), else NULL. */
const char *ui_dialog_message(const struct screen *s);

/* ---- help ---------------------------------------------------------- */

/* ui_help_new - the `?` screen listing the bindings of `of` and the global ones. */
struct screen *ui_help_new(struct ui *ui, const struct screen *of);

/* ui_help_lines - the help text of `of`, one malloc'd line each, into *lines (free with ui_lines_free). */
int ui_help_lines(const struct screen *of, char ***lines);
void ui_lines_free(char **lines, int n);

/* ---- text viewer (scrollable lines) -------------------------------- */

/* Lines of text (malloc'd, owned) with a scroll position. */
struct ui_view {
	char **lines;
	int    n, top, height;
};

/* ui_view_add - append a line (printf format); 0, or -1 on ENOMEM. */
int ui_view_add(struct ui_view *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * ui_view_wrap - append text as lines "  " + at most width columns, broken
 * after a space where one fits, and at the text's line breaks.
 */
void ui_view_wrap(struct ui_view *v, const char *text, int width);

/* ui_view_take - replace the lines with lines[n] (ownership taken). */
void ui_view_take(struct ui_view *v, char **lines, int n);

/* ui_view_clear - free the lines; the scroll position stays. */
void ui_view_clear(struct ui_view *v);

/* ui_view_key - scrolling (UA_UP/DOWN/PGUP/PGDN/HOME/END): UI_* flags. */
int ui_view_key(struct ui_view *v, enum ui_act act);

/* ui_view_draw - lines[top..] sanitized into w. */
void ui_view_draw(WINDOW *w, char *const *lines, int n, int top, int y, int h, int width);

/* ---- list screen (ui_listscreen.c) ----------------------------------- */

/* UI_NKEYS - the rows of an action table (or any array). */
#define UI_NKEYS(a) (sizeof(a) / sizeof((a)[0]))

/* UI_ACTIONS - a screen_ops' action table and its length. */
#define UI_ACTIONS(a) .keys = (a), .nkeys = UI_NKEYS(a)

struct ui_listscreen;

/*
 * The page of core's list that a list screen's state holds: a DB_LIST
 * (items, n, total) or one of that shape.  The base frees it before each
 * fetch and with the screen, and reads its row count and total, so a
 * screen names only where it is.
 */
struct ui_listscreen_page {
	size_t at;		/* offset of the page in the state */
	size_t n;		/* offset of its row count (size_t) in the state */
	size_t total;		/* offset of its total (int64_t) in the state */
	void (*free)(void *page);
};

/*
 * UI_PAGE_FREE_FN - define `static void fn(void *page)` for a def's
 * page: core's free function core_free called on it with its own type.
 */
#define UI_PAGE_FREE_FN(fn, core_free) \
	static void fn(void *page) { core_free(page); }

/*
 * UI_LISTSCREEN_STATE - a def's size and page: the screen's state
 * struct, its member page, and free_fn, which calls core's free function
 * on the page (UI_PAGE_FREE_FN; a cast of core's own would call it
 * through the wrong type).
 */
#define UI_LISTSCREEN_STATE(state, page, free_fn) \
	.size = sizeof(state), \
	.page = { offsetof(state, page), offsetof(state, page.n), offsetof(state, page.total), free_fn }

/*
 * UI_LIST_QUERY - the members of a core query struct that a list query
 * fills as they are (search, sort, limit, offset): the start of a
 * designated initializer, { UI_LIST_QUERY(q), .status = ... }.
 */
#define UI_LIST_QUERY(q) .search = (q)->search, .sort = (q)->sort, .limit = (q)->limit, .offset = (q)->offset

/*
 * A list screen as a declaration: its columns (src, without fetch and
 * rows), the core call that loads a page into its page, its action
 * table and its handler.  The base (tig's view_ops over one pager,
 * htop's Panel) does the rest: loading on enter, drawing, the search
 * prompt in the footer, navigation, search, sort and filter keys,
 * reporting a list that cannot load, and freeing.
 *
 * ops - the screen's screen_ops: UI_LISTSCREEN_OPS, then its name, keys
 * (UI_ACTIONS), and offers/idle when it has them.
 */
struct ui_listscreen_def {
	struct screen_ops     ops;
	struct ui_list_source src;	/* fetch and rows are the base's */
	size_t      size;	/* of the screen's state, which begins with struct ui_listscreen */
	struct ui_listscreen_page page;	/* both by UI_LISTSCREEN_STATE */
	/* fetch - one page of q into the (freed, zeroed) page; core's error. */
	enum core_err (*fetch)(struct ui_listscreen *ls, const struct ui_list_query *q);
	const char *title;	/* the title bar; NULL: title_fn */
	void      (*title_fn)(struct ui_listscreen *ls, char *buf, size_t sz);
	int         head;	/* lines above the list, drawn by draw_head */
	void      (*draw_head)(struct ui_listscreen *ls, WINDOW *w, int width);
	/* load_head - what draw_head shows (figures), read on enter and on UA_REFRESH; may be NULL. */
	void      (*load_head)(struct ui_listscreen *ls);
	/*
	 * act - an action the list did not take (open, add, approve...):
	 * row is the loaded row under the cursor, -1 when there is none.
	 * Returns UI_* flags; UI_IGNORED passes the key to the global keys.
	 */
	int       (*act)(struct ui_listscreen *ls, enum ui_act act, int row);
	/* done - free what the state holds beyond the page; may be NULL.  The base frees the state. */
	void      (*done)(struct ui_listscreen *ls);
};

/* The head of every list screen's state. */
struct ui_listscreen {
	struct ui                      *ui;
	struct ui_list                  list;
	struct ui_list_source           src;	/* def->src over the base's fetch and rows */
	const struct ui_listscreen_def *def;
};

/* The screen_ops members the base supplies: first in a def's ops. */
#define UI_LISTSCREEN_OPS \
	.enter = ui_listscreen_enter, .draw = ui_listscreen_draw, .handle_key = ui_listscreen_key, \
	.title = ui_listscreen_title, .footer = ui_listscreen_footer, .free = ui_listscreen_free, \
	.list = ui_listscreen_list

/*
 * ui_listscreen_new - a screen of def: def->size bytes of state, zeroed,
 * beginning with its struct ui_listscreen, and a list of the body's
 * height less def->head lines.  Fetches nothing until entered.  NULL on
 * ENOMEM.  The state is s->priv, for the constructor to fill in.
 */
struct screen *ui_listscreen_new(struct ui *ui, const struct ui_listscreen_def *def);

void ui_listscreen_enter(struct screen *s);
void ui_listscreen_draw(struct screen *s, WINDOW *w);
int ui_listscreen_key(struct screen *s, int key);
void ui_listscreen_title(struct screen *s, char *buf, size_t sz);
int ui_listscreen_footer(struct screen *s, char *buf, size_t sz);
void ui_listscreen_free(struct screen *s);
struct ui_list *ui_listscreen_list(struct screen *s);

/* ---- view screen (ui_viewscreen.c) ----------------------------------- */

struct ui_viewscreen;

/*
 * A detail screen as a declaration: how it loads (core calls writing
 * lines into the view), its title, its action table and handler.  The
 * base loads on enter and on UA_REFRESH, says what cannot be shown,
 * scrolls, draws the lines under a blank one, and frees.
 *
 * ops - UI_VIEWSCREEN_OPS, then the screen's name, keys and offers.
 */
struct ui_viewscreen_def {
	struct screen_ops ops;
	size_t      size;	/* of the screen's state, which begins with struct ui_viewscreen */
	const char *kind;	/* the title while nothing is loaded: "Order" ("Order #12" with an id) */
	const char *what;	/* a refused load reads "<what> cannot be shown: ..." ("This order") */
	/*
	 * load - read through core and add the lines to vs->view (cleared
	 * before); on failure the error, and why (CORE_WHY, may stay "")
	 * for the view's line instead of the error's text.  NULL: the lines
	 * are made by the constructor.
	 */
	enum core_err (*load)(struct ui_viewscreen *vs, char *why);
	/* title - the title once loaded; NULL: kind. */
	void      (*title)(struct ui_viewscreen *vs, char *buf, size_t sz);
	/* act - the screen's actions; UI_IGNORED lets the view scroll. */
	int       (*act)(struct ui_viewscreen *vs, enum ui_act act);
	/* done - free what the state holds beyond the view; may be NULL. */
	void      (*done)(struct ui_viewscreen *vs);
};

/* The head of every view screen's state. */
struct ui_viewscreen {
	struct ui                      *ui;
	struct ui_view                  view;
	int64_t                         id;	/* what is shown; 0 when it is the actor's own */
	int                             loaded;	/* the last load succeeded */
	const struct ui_viewscreen_def *def;
};

#define UI_VIEWSCREEN_OPS \
	.enter = ui_viewscreen_enter, .draw = ui_viewscreen_draw, .handle_key = ui_viewscreen_key, \
	.title = ui_viewscreen_title, .free = ui_viewscreen_free, .view = ui_viewscreen_view

/* ui_viewscreen_new - a screen of def showing id (state zeroed, as ui_listscreen_new); NULL on ENOMEM. */
struct screen *ui_viewscreen_new(struct ui *ui, const struct ui_viewscreen_def *def, int64_t id);

/* ui_viewscreen_load - (re)load: def->load, or the refusal as the one line. */
void ui_viewscreen_load(struct ui_viewscreen *vs);

void ui_viewscreen_enter(struct screen *s);
void ui_viewscreen_draw(struct screen *s, WINDOW *w);
int ui_viewscreen_key(struct screen *s, int key);
void ui_viewscreen_title(struct screen *s, char *buf, size_t sz);
void ui_viewscreen_free(struct screen *s);
struct ui_view *ui_viewscreen_view(struct screen *s);

/* ---- the terminal -------------------------------------------------- */

/*
 * ui_term_start - setlocale, initscr, cbreak, noecho, keypad, colours
 * (none when NO_COLOR is set or the terminal has none), and the
 * handlers that restore the terminal on exit and on fatal signals.
 */
void ui_term_start(struct ui *ui);

/* ui_term_stop - endwin once; safe to call again and from atexit. */
void ui_term_stop(void);

/* ui_put - text fitted (ui_fit) to width columns at y, x of w, with attribute attr; nothing when width <= 0. */
void ui_put(WINDOW *w, int y, int x, int width, const char *text, int attr);

/* ui_draw - draw the whole screen: title bar, stack, status line, footer. */
void ui_draw(struct ui *ui);

/* ui_run - the event loop: one getch at a time until UI_QUIT or no screen is left. */
void ui_run(struct ui *ui);

/* Colour pairs (attributes fall back to bold/reverse without colour). */
enum ui_color { UC_NORMAL, UC_TITLE, UC_TAB, UC_HEADER, UC_CURSOR, UC_KEY, UC_LABEL,
	UC_OK, UC_ERROR, UC_DIALOG, UC_DIM,
	UC_CHART0, UC_CHART1, UC_CHART2, UC_CHART3, UC_CHART4, UC_CHART5,	/* chart slices */
	UC__MAX };

#define UI_CHART_COLORS 6

/* ui_attr - the curses attribute for a colour role. */
int ui_attr(enum ui_color c);

/*
 * ui_rgb_attr - an attribute drawing text in the terminal colour nearest
 * to rgb (0xRRGGBB): the 256-colour palette when the terminal has it,
 * else the 8 basic colours.  A_NORMAL without colours.
 */
int ui_rgb_attr(unsigned rgb);

#endif
