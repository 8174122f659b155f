/*
 * test_tui_screens.c - the TUI's screens without a terminal, against a
 * real database with the demo data: state + key -> new state + the call
 * into core, checked with independent SQL.  Upgrade and downgrade from
 * the reseller list, search narrowing per keystroke, support refused,
 * the inspector, the edition report's CSV, a reseller admin's own
 * reseller, a catalog edit, the gateway rule of --operator, and names
 * holding escape sequences.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "inspect.h"
#include "operator.h"
#include "report.h"
#include "screens.h"
#include "storefront.h"
#include "whoami.h"
#include "testlib_tui.h"

#define DB "shelf_tui"

static struct tui_fixture *
setup_as(const char *login)
{
	return tui_setup_on(DB, login, 1);
}

static struct ui_list *
list_of(struct screen *s)
{
	struct ui_list *l = screen_resellers_list(s);

	assert_non_null(l);
	return l;
}

/*
 * upgrade_danube - the Resellers screen, searched for Danube Digital (a
 * Basic reseller), 'u' pressed on it after an error on the status line
 * when earlier is not NULL; the form that opened, NULL when none did.
 */
static struct ui_form *
upgrade_danube(struct tui_fixture *f, const char *earlier)
{
	ui_push(&f->ui, screen_resellers_new(&f->ui));
	tui_type(&f->ui, "/Danube\n");
	if (earlier != NULL)
		ui_error(&f->ui, "%s", earlier);
	ui_feed(&f->ui, 'u');
	return ui_form_of(ui_top(&f->ui));
}

static void
list_search_narrows_and_filters(void **state)
{
	struct tui_fixture *f = setup_as("admin");
	struct screen *s;
	struct ui_list *l;
	int fetches;

	(void)state;
	ui_push(&f->ui, s = screen_resellers_new(&f->ui));
	l = list_of(s);
	assert_int_equal(l->total, 18);
	assert_true(l->loaded_n <= l->height);	/* a page, not the table */
	ui_feed(&f->ui, '/');
	fetches = l->fetches;
	ui_feed(&f->ui, 'd');
	ui_feed(&f->ui, 'a');
	assert_int_equal(l->fetches, fetches + 2);	/* one query per keystroke */
	ui_feed(&f->ui, 'n');
	assert_int_equal(l->total, 1);
	ui_feed(&f->ui, UI_ESC);
	assert_int_equal(l->total, 18);
	ui_feed(&f->ui, 'e');				/* Basic only */
	assert_int_equal(l->total, testlib_int(DB, "SELECT COUNT(*) FROM resellers WHERE edition = 'basic'"));
	ui_feed(&f->ui, 'e');
	ui_feed(&f->ui, 'e');				/* Professional */
	assert_int_equal(l->total, 5);
	ui_feed(&f->ui, 'e');
	ui_feed(&f->ui, 's');				/* sort cycles: by edition */
	assert_int_equal(l->sort, 1);
	assert_int_equal(l->total, 18);
	tui_teardown(f);
}

static void
upgrade_then_downgrade_from_the_list(void **state)
{
	struct tui_fixture *f = setup_as("admin");
	struct ui_form *form;
	char *s;

	(void)state;
	form = upgrade_danube(f, "An earlier refusal.");
	assert_non_null(form);
	assert_string_equal(f->ui.status, "");			/* a dialog opens on a clean status line */
	assert_string_equal(ui_form_value(form, 0), "Standard");
	assert_string_equal(ui_form_value(form, 1), "danube-digital-kft");	/* from reseller_slugify */
	/* the footer offered both (a Basic reseller can only go up: no Downgrade) */
	{
		char foot[1024];

		ui_footer_text(f->ui.stack[0], foot, sizeof(foot));
		assert_non_null(strstr(foot, "u Upgrade"));
		assert_null(strstr(foot, "Downgrade"));
	}
	/* a bad slug is refused in place, before any call */
	ui_feed(&f->ui, UI_ENTER);
	ui_feed(&f->ui, '-');
	assert_string_not_equal(form->msg[1], "");
	ui_feed(&f->ui, UK(KEY_BACKSPACE));
	assert_string_equal(form->msg[1], "");
	ui_feed(&f->ui, UK(KEY_F(2)));			/* submit (no first admin) -> confirmation */
	assert_string_equal(ui_top(&f->ui)->ops->name, "confirm");
	assert_string_equal((s = testlib_str(DB, "SELECT edition FROM resellers WHERE id = 18")), "basic");
	free(s);
	ui_feed(&f->ui, 'y');
	assert_string_equal(ui_top(&f->ui)->ops->name, "resellers");
	assert_non_null(strstr(f->ui.status, "Standard"));
	/* what core did, seen by independent SQL */
	assert_string_equal((s = testlib_str(DB, "SELECT edition FROM resellers WHERE id = 18")), "standard");
	free(s);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM edition_changes WHERE reseller_id = 18"
	    " AND from_edition = 'basic' AND to_edition = 'standard'"
	    " AND operator_id = (SELECT id FROM operators WHERE login = 'admin')"), 1);
	assert_string_equal((s = testlib_str(DB, "SELECT slug FROM storefronts WHERE reseller_id = 18")),
	    "danube-digital-kft");
	free(s);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM outbox WHERE reseller_id = 18 AND kind = 'email'"
	    " AND JSON_VALUE(payload, '$.data.storefront_url') LIKE '%%danube-digital-kft%%'"), 1);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM audit_log WHERE entity_id = 18"
	    " AND action = 'reseller.edition' AND actor_name = 'admin'"), 1);

	/* downgrade: Basic is the only lower choice */
	ui_feed(&f->ui, 'd');
	form = ui_form_of(ui_top(&f->ui));
	assert_non_null(form);
	assert_string_equal(ui_form_value(form, 0), "Basic");
	ui_feed(&f->ui, UI_ENTER);
	ui_feed(&f->ui, 'n');					/* cancelled: nothing changes */
	assert_string_equal((s = testlib_str(DB, "SELECT edition FROM resellers WHERE id = 18")), "standard");
	free(s);
	ui_feed(&f->ui, 'd');
	ui_feed(&f->ui, UI_ENTER);
	ui_feed(&f->ui, 'y');
	assert_string_equal((s = testlib_str(DB, "SELECT edition FROM resellers WHERE id = 18")), "basic");
	free(s);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM storefronts WHERE reseller_id = 18"), 1);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM edition_changes WHERE reseller_id = 18"), 2);
	assert_non_null(strstr(f->ui.status, "offline"));
	/* downgrading Basic further is explained, not attempted */
	ui_feed(&f->ui, 'd');
	assert_string_equal(ui_top(&f->ui)->ops->name, "resellers");
	assert_int_equal(f->ui.status_kind, UI_ST_ERROR);
	tui_teardown(f);
}

/*
 * A slug another storefront holds is refused in the form, before the
 * confirmation: the form stays with the edition and slug as chosen.
 */
static void
upgrade_with_a_taken_slug_stays_in_the_form(void **state)
{
	struct tui_fixture *f = setup_as("admin");
	struct ui_form *form;
	char *s;

	(void)state;
	form = upgrade_danube(f, NULL);
	assert_non_null(form);
	ui_feed(&f->ui, UK(KEY_RIGHT));				/* Professional */
	assert_string_equal(ui_form_value(form, 0), "Professional");
	ui_feed(&f->ui, UI_ENTER);
	ui_feed(&f->ui, UI_CTRL('u'));
	tui_type(&f->ui, "atlas");					/* Atlas Managed Services' slug */
	assert_string_equal(form->msg[1], "");			/* syntax is fine */
	ui_feed(&f->ui, UK(KEY_F(2)));
	assert_ptr_equal(ui_form_of(ui_top(&f->ui)), form);	/* no confirmation: still the form */
	assert_non_null(strstr(form->msg[1], "already taken"));
	assert_int_equal(form->cur, 1);
	assert_string_equal(ui_form_value(form, 0), "Professional");
	assert_string_equal(ui_form_value(form, 1), "atlas");
	assert_string_equal((s = testlib_str(DB, "SELECT edition FROM resellers WHERE id = 18")), "basic");
	free(s);
	/* a free slug then goes on to the confirmation, and through */
	ui_feed(&f->ui, UI_CTRL('u'));
	tui_type(&f->ui, "danube");
	ui_feed(&f->ui, UK(KEY_F(2)));
	assert_string_equal(ui_top(&f->ui)->ops->name, "confirm");
	ui_feed(&f->ui, 'y');
	assert_string_equal((s = testlib_str(DB, "SELECT CONCAT(r.edition, ' ', sf.slug) FROM resellers r"
	    " JOIN storefronts sf ON sf.reseller_id = r.id WHERE r.id = 18")), "professional danube");
	free(s);
	tui_teardown(f);
}

static void
support_is_refused_by_core(void **state)
{
	struct tui_fixture *f = setup_as("support");
	char why[CORE_WHY] = "";
	char *s;

	(void)state;
	assert_null(upgrade_danube(f, NULL));
	assert_string_equal(ui_top(&f->ui)->ops->name, "resellers");	/* no form opened */
	assert_non_null(strstr(f->ui.status, "support staff have read-only access"));
	/* nor offered: support's footer and help show no edition change */
	{
		char foot[1024], **lines;
		int n, i;

		ui_footer_text(ui_top(&f->ui), foot, sizeof(foot));
		assert_null(strstr(foot, "Upgrade"));
		assert_null(strstr(foot, "Downgrade"));
		assert_non_null(strstr(foot, "Search"));
		n = ui_help_lines(ui_top(&f->ui), &lines);
		for (i = 0; i < n; i++)
			assert_null(strstr(lines[i], "upgrade to"));
		ui_lines_free(lines, n);
	}
	/* and core itself refuses, whatever the screen does */
	assert_int_equal(reseller_set_edition(f->db, &f->a, 18, EDITION_STANDARD, NULL, NULL, why), CORE_FORBIDDEN);
	assert_string_equal((s = testlib_str(DB, "SELECT edition FROM resellers WHERE id = 18")), "basic");
	free(s);
	tui_teardown(f);
}

static void
inspector_finds_and_stays_read_only(void **state)
{
	struct tui_fixture *f = setup_as("support");
	struct inspect_doc d;
	char **lines;
	int n, i, seen = 0;

	(void)state;
	ui_push(&f->ui, screen_inspect_new(&f->ui));
	tui_type(&f->ui, "buyer@demo.example\n");
	assert_non_null(strstr(f->ui.status, "2 matches"));	/* the same e-mail on two storefronts */
	ui_feed(&f->ui, UI_ENTER);
	assert_string_equal(ui_top(&f->ui)->ops->name, "doc");
	ui_feed(&f->ui, 'e');
	assert_non_null(strstr(f->ui.status, "support staff have read-only access"));
	ui_feed(&f->ui, 'q');
	assert_string_equal(ui_top(&f->ui)->ops->name, "inspect");
	/* the reseller document has every part the issue names */
	assert_int_equal(inspect_get(f->db, &f->a, INSPECT_RESELLER, 1, f->cfg.public_url, &d), CORE_OK);
	n = doc_lines(&d, 100, &lines);
	for (i = 0; i < n; i++)
		if (strncmp(lines[i], "Edition history", 15) == 0 || strcmp(lines[i], "Storefront") == 0 ||
		    strncmp(lines[i], "Customers (", 11) == 0 || strncmp(lines[i], "Orders (", 8) == 0 ||
		    strncmp(lines[i], "Subscriptions (", 15) == 0 || strncmp(lines[i], "Invoices (", 10) == 0 ||
		    strncmp(lines[i], "Audit trail (", 13) == 0)
			seen++;
	assert_int_equal(seen, 7);
	ui_lines_free(lines, n);
	inspect_doc_free(&d);
	/* an order by number, and anything by id */
	{
		struct inspect_hits h;
		char *num = testlib_str(DB, "SELECT number FROM orders WHERE reseller_id = 1 ORDER BY id LIMIT 1");

		assert_int_equal(inspect_find(f->db, &f->a, num, 10, &h), CORE_OK);
		assert_true(h.count >= 1);
		assert_int_equal(h.items[0].kind, INSPECT_ORDER);
		inspect_hits_free(&h);
		free(num);
	}
	tui_teardown(f);
}

static void
report_csv_walks_every_reseller(void **state)
{
	struct tui_fixture *f = setup_as("admin");
	char why[CORE_WHY] = "", line[1024];
	FILE *tmp = tmpfile();
	long rows = 0;
	int lines = 0;

	(void)state;
	assert_int_equal(report_resellers(f->db, &f->a, &f->cfg, -1, REPORT_CSV, tmp, &rows, why), CORE_OK);
	assert_int_equal(rows, 18);
	rewind(tmp);
	assert_non_null(fgets(line, sizeof(line), tmp));
	assert_string_equal(line, "id,name,email,edition,status,storefront_url,edition_changed_at,edition_changed_by\r\n");
	while (fgets(line, sizeof(line), tmp))
		lines++;
	assert_int_equal(lines, 18);
	fclose(tmp);
	tmp = tmpfile();
	assert_int_equal(report_resellers(f->db, &f->a, &f->cfg, EDITION_PROFESSIONAL, REPORT_CSV, tmp, &rows, why),
	    CORE_OK);
	assert_int_equal(rows, 5);
	fclose(tmp);
	tui_teardown(f);
}

/* `x` on the report writes the file and says where, as an absolute path. */
static void
report_export_names_the_absolute_path(void **state)
{
	struct tui_fixture *f = setup_as("admin");
	char dir[] = "/tmp/shelf-export-XXXXXX", old[4096], want[4200], line[256];
	struct ui_form *form;
	FILE *in;
	int lines = 0;

	(void)state;
	assert_non_null(getcwd(old, sizeof(old)));
	assert_non_null(mkdtemp(dir));
	assert_int_equal(chdir(dir), 0);
	ui_push(&f->ui, screen_reports_new(&f->ui));
	ui_feed(&f->ui, 'x');
	form = ui_form_of(ui_top(&f->ui));
	assert_non_null(form);
	snprintf(want, sizeof(want), "%s/resellers-all.csv", dir);
	ui_feed(&f->ui, UI_ENTER);
	assert_string_equal(ui_top(&f->ui)->ops->name, "reports");
	assert_non_null(strstr(f->ui.status, want));		/* where it went, in full */
	assert_non_null(in = fopen(want, "r"));
	while (fgets(line, sizeof(line), in))
		lines++;
	fclose(in);
	assert_int_equal(lines, 19);
	/* a relative name typed in is written relative to the working directory, and said in full */
	ui_feed(&f->ui, 'x');
	ui_feed(&f->ui, UI_CTRL('u'));
	tui_type(&f->ui, "out.csv\n");
	snprintf(want, sizeof(want), "%s/out.csv", dir);
	assert_non_null(strstr(f->ui.status, want));
	assert_int_equal(access(want, R_OK), 0);
	unlink(want);
	snprintf(want, sizeof(want), "%s/resellers-all.csv", dir);
	unlink(want);
	assert_int_equal(chdir(old), 0);
	rmdir(dir);
	tui_teardown(f);
}

static void
reseller_admin_sees_its_own_reseller(void **state)
{
	struct tui_fixture *f = setup_as("demo-admin");
	const struct ui_tab *tabs;
	struct inspect_doc d;
	char **lines, mrr[64], want[256];
	int n, i, customers = 0, url = 0;

	(void)state;
	/* the storefront's address by the one rule of every storefront link (the demo distributor's base domain) */
	storefront_url(f->cfg.public_url, "shops.example", "demo", NULL, want, sizeof(want));
	/* the reseller admin's tabs open on the dashboard (tests/test_tui_reseller.c has the rest) */
	assert_int_equal(tui_tabs(&f->a, &tabs), 9);	/* the last: Operators */
	ui_set_tabs(&f->ui, tabs, 9);
	assert_string_equal(ui_top(&f->ui)->ops->name, "dashboard");
	assert_int_equal(inspect_own_reseller(f->db, &f->a, f->cfg.public_url, &d), CORE_OK);
	n = doc_lines(&d, 100, &lines);
	snprintf(mrr, sizeof(mrr), "%lld", (long long)testlib_int(DB, "SELECT COUNT(*) FROM customers WHERE reseller_id = 1"));
	for (i = 0; i < n; i++) {
		if (strstr(lines[i], "Customers") && strstr(lines[i], mrr))
			customers = 1;
		if (strstr(lines[i], want))
			url = 1;
	}
	assert_true(customers);
	assert_true(url);
	ui_lines_free(lines, n);
	inspect_doc_free(&d);
	/* and nothing of the inspector's cross-tenant reads */
	assert_int_equal(inspect_find(f->db, &f->a, "demo", 10, &(struct inspect_hits){0}), CORE_FORBIDDEN);
	tui_teardown(f);
}

static void
catalog_edit_through_the_form(void **state)
{
	struct tui_fixture *f = setup_as("admin");
	struct ui_form *form;
	int i;

	(void)state;
	ui_push(&f->ui, screen_catalog_new(&f->ui));
	ui_feed(&f->ui, UI_ENTER);				/* edit the first product */
	form = ui_form_of(ui_top(&f->ui));
	assert_non_null(form);
	for (i = 0; i < 6; i++)
		ui_feed(&f->ui, UI_TAB);			/* to Unit cost */
	ui_feed(&f->ui, UI_CTRL('u'));
	tui_type(&f->ui, "12.3x");
	assert_string_not_equal(form->msg[6], "");
	ui_feed(&f->ui, UK(KEY_BACKSPACE));
	ui_feed(&f->ui, UK(KEY_F(2)));
	assert_string_equal(ui_top(&f->ui)->ops->name, "catalog");
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM products WHERE unit_cost = 1230"), 1);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM audit_log WHERE action = 'product.update'"), 1);
	tui_teardown(f);
	/* support cannot even open the form */
	f = setup_as("support");
	ui_push(&f->ui, screen_catalog_new(&f->ui));
	ui_feed(&f->ui, 'a');
	assert_string_equal(ui_top(&f->ui)->ops->name, "catalog");
	assert_non_null(strstr(f->ui.status, "read-only"));
	tui_teardown(f);
}

static void
operator_option_needs_a_gateway(void **state)
{
	struct db *db = testlib_fresh(DB, TESTLIB_MIGRATE | TESTLIB_DEMO);
	struct passwd *pw = getpwuid(geteuid());
	struct config cfg;
	struct actor a;

	(void)state;
	testlib_config(&cfg, DB);
	cfg.gateways[0] = '\0';
	assert_int_equal(whoami_login(&cfg, db, "admin", &a, "test"), 1);	/* not a gateway */
	snprintf(cfg.gateways, sizeof(cfg.gateways), "someone,%s", pw->pw_name);
	assert_int_equal(whoami_login(&cfg, db, "admin", &a, "test"), 0);
	assert_int_equal(a.role, ROLE_DISTRIBUTOR_ADMIN);
	assert_int_equal(whoami_login(&cfg, db, "no-such-operator", &a, "test"), 1);
	db_close(db);
}

static void
escape_sequences_in_names_are_stripped(void **state)
{
	struct tui_fixture *f = setup_as("admin");
	struct inspect_doc d;
	struct reseller r;
	char **lines, *s;
	int n, i;

	(void)state;
	testlib_sql(DB, "UPDATE resellers SET name = CONCAT('Evil', CHAR(27), '[2J', CHAR(7), ' Corp',"
	    " CHAR(27), ']0;owned', CHAR(7)) WHERE id = 16");
	assert_int_equal(reseller_get(f->db, &f->a, 16, &r), CORE_OK);
	assert_non_null(strchr(r.name, 0x1b));			/* stored as is */
	assert_int_equal(inspect_get(f->db, &f->a, INSPECT_RESELLER, 16, NULL, &d), CORE_OK);
	n = doc_lines(&d, 100, &lines);
	for (i = 0; i < n; i++) {
		assert_null(strchr(lines[i], 0x1b));
		assert_null(strchr(lines[i], 0x07));
	}
	assert_non_null(strstr(lines[0], "Evil Corp"));
	ui_lines_free(lines, n);
	inspect_doc_free(&d);
	/* the status line too */
	ui_push(&f->ui, screen_resellers_new(&f->ui));
	tui_type(&f->ui, "/Evil\n");
	ui_feed(&f->ui, 'd');
	assert_null(strchr(f->ui.status, 0x1b));
	assert_non_null(strstr(f->ui.status, "Evil Corp"));
	tui_teardown(f);
	(void)s;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(list_search_narrows_and_filters),
		cmocka_unit_test(upgrade_then_downgrade_from_the_list),
		cmocka_unit_test(upgrade_with_a_taken_slug_stays_in_the_form),
		cmocka_unit_test(support_is_refused_by_core),
		cmocka_unit_test(inspector_finds_and_stays_read_only),
		cmocka_unit_test(report_csv_walks_every_reseller),
		cmocka_unit_test(report_export_names_the_absolute_path),
		cmocka_unit_test(reseller_admin_sees_its_own_reseller),
		cmocka_unit_test(catalog_edit_through_the_form),
		cmocka_unit_test(operator_option_needs_a_gateway),
		cmocka_unit_test(escape_sequences_in_names_are_stripped),
	};

	return tui_test_main("tui_screens", tests, TESTLIB_LEN(tests));
}
