/* report.c - the edition report as CSV or a text table; see report.h. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "inspect.h"
#include "report.h"
#include "reseller.h"
#include "storefront.h"

#define PAGE RESELLER_LIST_MAX

static const char *const header[] = {
	"id", "name", "email", "edition", "status", "storefront_url", "edition_changed_at", "edition_changed_by",
};
#define NCOLS (sizeof(header) / sizeof(header[0]))

static void
csv_cell(FILE *f, const char *s, int last)
{
	const char *p;
	int quote = 0;

	/* a leading = + - @ makes spreadsheets evaluate the cell: neutralise it */
	if (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r')
		quote = 2;
	for (p = s; *p && !quote; p++)
		if (*p == ',' || *p == '"' || *p == '\n' || *p == '\r')
			quote = 1;
	if (quote) {
		fputc('"', f);
		if (quote == 2)
			fputc('\'', f);
		for (p = s; *p; p++) {
			if (*p == '"')
				fputc('"', f);
			fputc(*p, f);
		}
		fputc('"', f);
	} else
		fputs(s, f);
	fputs(last ? "\r\n" : ",", f);
}

static void
cells(const struct reseller *r, const struct config *cfg, const char *base, char out[NCOLS][1024])
{
	snprintf(out[0], sizeof(out[0]), "%lld", (long long)r->id);
	snprintf(out[1], sizeof(out[1]), "%s", r->name);
	snprintf(out[2], sizeof(out[2]), "%s", r->email);
	snprintf(out[3], sizeof(out[3]), "%s", reseller_edition_name(r->edition));
	snprintf(out[4], sizeof(out[4]), "%s", reseller_status_name(r->status));
	/* an offline storefront (Basic, suspended) has no address to give */
	storefront_live_url(r, cfg ? cfg->public_url : NULL, base, out[5], sizeof(out[5]));
	snprintf(out[6], sizeof(out[6]), "%.19s", r->edition_changed_at);
	snprintf(out[7], sizeof(out[7]), "%s", r->edition_changed_by[0] ? r->edition_changed_by :
	    r->edition_changed_at[0] ? "system" : "");
}

static void
table_cell(FILE *f, const char *s, int width, int last)
{
	char fit[4096];

	if (last)
		fprintf(f, "%s\n", ui_sanitize(fit, sizeof(fit), s));
	else
		fprintf(f, "%s ", ui_fit(fit, sizeof(fit), s, width));
}

enum core_err
report_resellers(struct db *db, const struct actor *a, const struct config *cfg, int edition,
    enum report_format fmt, FILE *f, long *rows, char *why)
{
	static const int width[NCOLS] = { 6, 28, 0, 12, 9, 34, 19, 12 };
	struct reseller_list page;
	char c[NCOLS][1024], base[256] = "";
	enum core_err er;
	long n = 0;
	int offset = 0;
	size_t i, k;

	if (rows)
		*rows = 0;
	if ((er = inspect_storefront_base(db, a, base, sizeof(base))) != CORE_OK)
		return er;
	for (k = 0; k < NCOLS; k++) {
		if (fmt == REPORT_CSV)
			csv_cell(f, header[k], k == NCOLS - 1);
		else if (k != 2)
			table_cell(f, header[k], width[k], k == NCOLS - 1);
	}
	for (;;) {
		memset(&page, 0, sizeof(page));
		if ((er = reseller_report(db, a, edition, PAGE, offset, &page)) != CORE_OK) {
			reseller_list_free(&page);
			return er;
		}
		for (i = 0; i < page.n; i++, n++) {
			cells(&page.items[i], cfg, base, c);
			for (k = 0; k < NCOLS; k++) {
				if (fmt == REPORT_CSV)
					csv_cell(f, c[k], k == NCOLS - 1);
				else if (k != 2)	/* the table leaves the e-mail out to fit a terminal */
					table_cell(f, c[k], width[k], k == NCOLS - 1);
			}
		}
		offset += (int)page.n;
		i = page.n;
		reseller_list_free(&page);
		if (i < PAGE)
			break;
	}
	if (rows)
		*rows = n;
	(void)why;
	if (fflush(f) != 0 || ferror(f))
		return CORE_IO;
	return CORE_OK;
}

const char *
report_abs_path(const char *path, char *out, size_t n)
{
	char cwd[PATH_MAX];

	if (path[0] == '/' || getcwd(cwd, sizeof(cwd)) == NULL)
		snprintf(out, n, "%s", path);
	else
		snprintf(out, n, "%s%s%s", cwd, strcmp(cwd, "/") == 0 ? "" : "/", path);
	return out;
}

enum core_err
report_resellers_file(struct db *db, const struct actor *a, const struct config *cfg, int edition,
    enum report_format fmt, const char *path, char *abs, size_t abssz, long *rows, char *why)
{
	char full[PATH_MAX + 256], real[PATH_MAX];
	enum core_err er;
	FILE *out;

	report_abs_path(path, full, sizeof(full));
	if (abs && abssz > 0)
		snprintf(abs, abssz, "%s", full);
	if ((out = fopen(path, "w")) == NULL) {
		core_say(why, "Cannot write %s: %s.", full, strerror(errno));
		return CORE_IO;
	}
	er = report_resellers(db, a, cfg, edition, fmt, out, rows, why);
	if (fclose(out) != 0 && er == CORE_OK)
		er = CORE_IO;
	if (er == CORE_IO && why && !why[0])
		core_say(why, "Cannot write %s: %s.", full, strerror(errno));
	/* the file exists now: name it as the file system does (no "..", no symlinks) */
	if (er == CORE_OK && abs && abssz > 0 && realpath(path, real) != NULL)
		snprintf(abs, abssz, "%s", real);
	return er;
}
