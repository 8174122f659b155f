/*
 * testlib_tui.h - what the TUI tests (tests/test_tui_*.c) share: a UI on a
 * database with the demo data, as an operator, without a terminal; keys
 * fed to it; what its screens show; and the dashboard's figures checked
 * with SQL written independently of core (the definitions in dashboard.h).
 */
#ifndef SHELF_TESTLIB_TUI_H
#define SHELF_TESTLIB_TUI_H

#include "dashboard.h"
#include "screens.h"
#include "testlib.h"

struct tui_fixture {
	struct db    *db;
	struct config cfg;
	struct actor  a;
	struct ui     ui;
};

/*
 * tui_test_main - a TUI suite's main: the C.UTF-8 locale, then the n tests of
 * the cmocka group name; without a MariaDB server the whole suite skips
 * (TESTLIB_SKIPPED), saying why.  The status testlib_result gives.
 */
struct CMUnitTest;
int tui_test_main(const char *name, const struct CMUnitTest *tests, size_t n);

/* tui_setup_on - the UI as operator login on dbname (made afresh with the demo data when fresh); one at a time. */
struct tui_fixture *tui_setup_on(const char *dbname, const char *login, int fresh);

/* tui_teardown - closes what tui_setup_on opened. */
void tui_teardown(struct tui_fixture *f);

/* tui_type - feed every byte of s as a key. */
void tui_type(struct ui *ui, const char *s);

/* tui_top_name - the name of the top screen. */
const char *tui_top_name(struct tui_fixture *f);

/* tui_view_has - some line of the screen's text holds needle. */
int tui_view_has(struct screen *s, const char *needle);

/* tui_dashboard_equals_sql - every figure of d equals independent SQL on db for reseller rid. */
void tui_dashboard_equals_sql(const char *db, int64_t rid, const struct dashboard *d);

/* MONTH_START, IN_MONTH(column) - this calendar month (UTC), in SQL */
#define MONTH_START "(UTC_DATE() - INTERVAL (DAYOFMONTH(UTC_DATE()) - 1) DAY)"
#define IN_MONTH(c) "(" c " >= " MONTH_START " AND " c " < " MONTH_START " + INTERVAL 1 MONTH)"

#endif
