/*
 * screen_reports.c - the edition report: resellers by edition (highest
 * first) with the date and operator of their latest edition change, the
 * count per edition, and `x` to export what is shown as CSV to a file.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "report.h"
#include "screens.h"

struct reports {
	struct ui_listscreen ls;
	struct reseller_list page;
	int64_t              count[EDITION__MAX];
};

enum col { COL_NAME, COL_EDITION, COL_STATUS, COL_STOREFRONT, COL_CHANGED, COL_BY, COL__MAX };

static const struct ui_column cols[COL__MAX] = {
	[COL_NAME]       = { "Name", 0, 0, 0, 0 },
	[COL_EDITION]    = { "Edition", 12, 0, 0, 0 },
	[COL_STATUS]     = { "Status", 9, 0, 0, 0 },
	[COL_STOREFRONT] = { "Storefront", 0, 0, 0, 0 },
	[COL_CHANGED]    = { "Changed (UTC)", 16, 0, 0, 0 },
	[COL_BY]         = { "By", 12, 0, 0, 0 },
};

static const char *const filter_names[] = { "all editions", "Basic", "Standard", "Professional" };

static enum core_err
fetch(struct ui_listscreen *ls, const struct ui_list_query *q)
{
	enum core_err er;

	/* a report only reads, and one db_read_max_lag seconds old is still the report: the replica may answer */
	db_read_check(ls->ui->db);
	db_read_replica(ls->ui->db, 1);
	er = reseller_report(ls->ui->db, ls->ui->actor, q->filter - 1, q->limit, q->offset,
	    &((struct reports *)ls)->page);
	db_read_replica(ls->ui->db, 0);
	return er;
}

UI_PAGE_FREE_FN(free_page, reseller_list_free)

static void
cell(void *ctx, int row, int col, char *buf, size_t sz)
{
	struct reports *st = ctx;
	const struct reseller *r = &st->page.items[row];

	switch ((enum col)col) {
	case COL_NAME:       snprintf(buf, sz, "%s", r->name); break;
	case COL_EDITION:    snprintf(buf, sz, "%s", reseller_edition_label(r->edition)); break;
	case COL_STATUS:     snprintf(buf, sz, "%s", reseller_status_name(r->status)); break;
	case COL_STOREFRONT: edition_live_url(st->ls.ui, r, buf, sz); break;
	case COL_CHANGED:    snprintf(buf, sz, "%.16s", r->edition_changed_at[0] ? r->edition_changed_at : "-"); break;
	case COL_BY:
		snprintf(buf, sz, "%s", r->edition_changed_by[0] ? r->edition_changed_by :
		    r->edition_changed_at[0] ? "system" : "-");
		break;
	case COL__MAX:       break;
	}
}

static const struct ui_binding keys[] = {
	{ UA_OPEN,   { UI_ENTER, UK(KEY_ENTER), UK(KEY_RIGHT) }, "Enter", "Open", "open the reseller" },
	{ UA_FILTER, { 'e' }, "e", "Edition", "show one edition: all, Basic, Standard, Professional" },
	{ UA_EXPORT, { 'x' }, "x", "Export",  "export the report as shown (edition filter) to a CSV file" },
	{ UA_REFRESH, { 'r' }, "r", NULL,     "reload from the database" },
	LIST_KEYS,
};

/* counts - resellers per edition: one cheap page-of-one per edition. */
static void
counts(struct ui_listscreen *ls)
{
	struct reports *st = (struct reports *)ls;
	struct reseller_list l;
	int e;

	db_read_check(ls->ui->db);
	db_read_replica(ls->ui->db, 1);		/* as fetch */
	for (e = 0; e < EDITION__MAX; e++) {
		memset(&l, 0, sizeof(l));
		st->count[e] = reseller_report(ls->ui->db, ls->ui->actor, e, 1, 0, &l) == CORE_OK ? l.total : -1;
		reseller_list_free(&l);
	}
	db_read_replica(ls->ui->db, 0);
}

static int
validate_path(const struct ui_form *f, const char *v, char *msg, size_t sz)
{
	return ui_invalid_if(v[0] == '\0', msg, sz, "Name the file to write.");
}

static const struct ui_field export_fields[] = {
	{ "File", UI_FIELD_TEXT, 1000, NULL, validate_path, "CSV, replaced if it exists; relative to where shelf started", NULL },
};

struct export_ctx {
	int edition;
};

static enum core_err
export_submit(struct ui_form *f, void *arg, char *why, int *field)
{
	struct export_ctx *x = arg;
	char abs[UI_FIELD + 4096];
	enum core_err er;
	long n = 0;

	er = report_resellers_file(f->ui->db, f->ui->actor, f->ui->cfg, x->edition, REPORT_CSV,
	    ui_form_value(f, 0), abs, sizeof(abs), &n, why);
	if (er == CORE_IO)
		*field = 0;
	if (er != CORE_OK) {
		if (!why[0])
			snprintf(why, CORE_WHY, "The export failed: %s.", core_strerror(er));
		return er;
	}
	/* the full path: the operator's shell may be elsewhere than the TUI's working directory */
	ui_status(f->ui, "Exported %ld reseller%s to %s", n, n == 1 ? "" : "s", abs);
	return CORE_OK;
}

static void
export_begin(struct ui *ui, int edition)
{
	struct export_ctx *x = calloc(1, sizeof(*x));
	struct screen *s;
	char name[64], path[UI_FIELD];

	if (x == NULL)
		return;
	x->edition = edition;
	if ((s = ui_form_new(ui, "Export the edition report as CSV", export_fields, 1, export_submit, x, free)) == NULL)
		return;
	/* prefilled in full, so the operator sees where it goes before it is written */
	snprintf(name, sizeof(name), "resellers-%s.csv",
	    edition < 0 ? "all" : reseller_edition_name((enum reseller_edition)edition));
	ui_form_set(ui_form_of(s), 0, report_abs_path(name, path, sizeof(path)));
	ui_push(ui, s);
}

static int
act(struct ui_listscreen *ls, enum ui_act act, int row)
{
	switch (act) {
	case UA_OPEN:
		if (row >= 0)
			ui_push(ls->ui, screen_reseller_new(ls->ui, ((struct reports *)ls)->page.items[row].id));
		return UI_HANDLED | UI_REDRAW;
	case UA_EXPORT:
		export_begin(ls->ui, ls->list.filter - 1);
		return UI_HANDLED | UI_REDRAW;
	default:
		return UI_IGNORED;
	}
}

static void
draw_counts(struct ui_listscreen *ls, WINDOW *w, int width)
{
	struct reports *st = (struct reports *)ls;
	char line[256];

	(void)width;
	snprintf(line, sizeof(line), "Resellers by edition:  Professional %lld   Standard %lld   Basic %lld",
	    (long long)st->count[EDITION_PROFESSIONAL], (long long)st->count[EDITION_STANDARD],
	    (long long)st->count[EDITION_BASIC]);
	mvwaddstr(w, 0, 0, line);
}

static const struct ui_listscreen_def def = {
	.ops = { UI_LISTSCREEN_OPS, .name = "reports", UI_ACTIONS(keys) },
	.src = { UI_COLUMNS(cols), UI_FILTERS(filter_names), .cell = cell },
	UI_LISTSCREEN_STATE(struct reports, page, free_page),
	.fetch = fetch,
	.title = "Reports: editions",
	.head = 2,
	.draw_head = draw_counts,
	.load_head = counts,
	.act = act,
};

struct screen *
screen_reports_new(struct ui *ui)
{
	return ui_listscreen_new(ui, &def);
}
