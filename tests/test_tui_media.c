/*
 * test_tui_media.c - the media picker and the catalog editor in the TUI,
 * keys in, database out: the distributor admin adds an image from a file
 * (an SVG is refused with core's reason, the form stays open), picks it
 * for a product with `i`, and edits the product page with `p` (featured,
 * recommended markup, specification rows, a Markdown description with
 * its new lines); a reseller admin's picker lists only its own images and
 * puts the one picked on a homepage section.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "testlib_tui.h"

#define DB "shelf_test_tui_media"

/* a 2x2 PNG, whole (IHDR, IDAT, IEND with their CRCs), written to path */
static void
write_png(const char *path)
{
	static const unsigned char png[] = {
		0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
		0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 2, 0, 0, 0, 2, 8, 2, 0, 0, 0, 0xfd, 0xd4, 0x9a, 0x73,
		0, 0, 0, 12, 'I', 'D', 'A', 'T', 0x08, 0xd7, 0x63, 0xf8, 0xcf, 0xc0, 0xf0, 0x1f, 0x00, 0x05, 0x00, 0x01,
		0x94, 0x5f, 0x92, 0x1f,
		0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82,
	};
	FILE *fp = fopen(path, "wb");

	assert_non_null(fp);
	assert_int_equal(fwrite(png, 1, sizeof(png), fp), sizeof(png));
	fclose(fp);
}

static void
write_text(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

static void
picker_and_page_editor(void **state)
{
	struct tui_fixture *f = tui_setup_on(DB, "admin", 1);
	char png[256], svg[256];
	struct ui_form *form;
	int64_t pid, mid;

	(void)state;
	snprintf(png, sizeof(png), "/tmp/shelf-tui-media-%ld.png", (long)getpid());
	snprintf(svg, sizeof(svg), "/tmp/shelf-tui-media-%ld.svg", (long)getpid());
	write_png(png);
	write_text(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>");

	ui_push(&f->ui, screen_catalog_new(&f->ui));
	ui_feed(&f->ui, 'm');
	assert_string_equal(tui_top_name(f), "media");
	/* an SVG: refused with the reason, the form stays */
	ui_feed(&f->ui, 'a');
	form = ui_form_of(ui_top(&f->ui));
	assert_non_null(form);
	tui_type(&f->ui, svg);
	ui_feed(&f->ui, UK(KEY_F(2)));
	assert_non_null(ui_form_of(ui_top(&f->ui)));
	assert_non_null(strstr(form->error, "SVG images are refused"));
	/* a PNG: added */
	ui_feed(&f->ui, UI_CTRL('u'));
	tui_type(&f->ui, png);
	ui_feed(&f->ui, UK(KEY_F(2)));
	assert_string_equal(tui_top_name(f), "media");
	assert_non_null(strstr(f->ui.status, "Added media"));
	mid = testlib_int(DB, "SELECT id FROM media WHERE distributor_id = 1 AND width = 2 AND height = 2");
	assert_true(mid > 0);
	ui_feed(&f->ui, 'q');
	assert_string_equal(tui_top_name(f), "catalog");

	/* i: the picker, Enter takes the image under the cursor (the newest: ours) */
	pid = testlib_int(DB, "SELECT id FROM products WHERE distributor_id = 1 ORDER BY name, id LIMIT 1");
	ui_feed(&f->ui, 'i');
	assert_string_equal(tui_top_name(f), "media");
	ui_feed(&f->ui, UI_ENTER);
	assert_string_equal(tui_top_name(f), "catalog");
	assert_non_null(strstr(f->ui.status, "New image for"));
	assert_int_equal(testlib_int(DB, "SELECT image_media_id FROM products WHERE id = %lld", (long long)pid), mid);

	/* p: the page form */
	ui_feed(&f->ui, 'p');
	form = ui_form_of(ui_top(&f->ui));
	assert_non_null(form);
	while (strcmp(ui_form_value(form, 0), "yes") != 0)
		ui_feed(&f->ui, UK(KEY_RIGHT));
	ui_feed(&f->ui, UI_TAB);
	ui_feed(&f->ui, UI_CTRL('u'));
	tui_type(&f->ui, "12.5");
	ui_feed(&f->ui, UI_TAB);
	ui_feed(&f->ui, UI_CTRL('u'));
	tui_type(&f->ui, "Storage: 1 TB; Support: 24/7");
	ui_feed(&f->ui, UI_TAB);
	ui_feed(&f->ui, UI_CTRL('u'));
	tui_type(&f->ui, "For *small* teams.\\n\\n- mail\\n- files");
	ui_feed(&f->ui, UK(KEY_F(2)));
	assert_string_equal(tui_top_name(f), "catalog");
	assert_int_equal(testlib_int(DB, "SELECT featured FROM products WHERE id = %lld", (long long)pid), 1);
	assert_int_equal(testlib_int(DB, "SELECT recommended_markup_bp FROM products WHERE id = %lld", (long long)pid),
	    1250);
	testlib_str_is(DB, "Storage=1 TB,Support=24/7", "SELECT GROUP_CONCAT(CONCAT(j.k, '=', j.v) ORDER BY j.n)"
	    " FROM products p, JSON_TABLE(p.specs, '$[*]' COLUMNS (n FOR ORDINALITY, k VARCHAR(80) PATH '$.key',"
	    " v VARCHAR(300) PATH '$.value')) j WHERE p.id = %lld", (long long)pid);
	testlib_str_is(DB, "For *small* teams.\n\n- mail\n- files", "SELECT description FROM products WHERE id = %lld",
	    (long long)pid);
	/* the image survives the page form, and the main form keeps both */
	assert_int_equal(testlib_int(DB, "SELECT image_media_id FROM products WHERE id = %lld", (long long)pid), mid);
	ui_feed(&f->ui, UI_ENTER);
	ui_feed(&f->ui, UK(KEY_F(2)));
	assert_string_equal(tui_top_name(f), "catalog");
	assert_int_equal(testlib_int(DB, "SELECT image_media_id FROM products WHERE id = %lld", (long long)pid), mid);
	assert_int_equal(testlib_int(DB, "SELECT JSON_LENGTH(specs) FROM products WHERE id = %lld", (long long)pid), 2);
	tui_teardown(f);

	/* a reseller admin's picker: its own images only (the demo's eight), never the distributor's */
	f = tui_setup_on(DB, "demo-admin", 0);
	ui_push(&f->ui, screen_media_new(&f->ui));
	assert_non_null(ui_screen_list(ui_top(&f->ui)));
	assert_int_equal(ui_screen_list(ui_top(&f->ui))->total, 8);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM media WHERE reseller_id = 1"), 8);
	/* Enter shows the URL of the image under the cursor, one of its own */
	ui_feed(&f->ui, UI_ENTER);
	assert_string_equal(tui_top_name(f), "notice");
	ui_feed(&f->ui, 'q');
	assert_string_equal(tui_top_name(f), "media");
	/* and adding is its own too */
	ui_feed(&f->ui, 'a');
	tui_type(&f->ui, png);
	ui_feed(&f->ui, UK(KEY_F(2)));
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM media WHERE reseller_id = 1 AND width = 2"), 1);
	ui_feed(&f->ui, 'q');
	/* the sections editor: i on the hero puts the picked image on it, saved at once */
	ui_push(&f->ui, screen_sections_new(&f->ui));
	ui_feed(&f->ui, 'i');
	assert_string_equal(tui_top_name(f), "media");
	ui_feed(&f->ui, UI_ENTER);
	assert_non_null(strstr(f->ui.status, "New image for the section"));
	testlib_str_is(DB, "2", "SELECT m.width FROM storefronts s JOIN media m ON m.reseller_id = s.reseller_id"
	    " AND JSON_UNQUOTE(JSON_EXTRACT(s.sections, '$[0].image')) = CONCAT('/media/', m.sha256, '.png')"
	    " WHERE s.reseller_id = 1");
	ui_feed(&f->ui, 'q');
	/* the storefront screen: l picks the logo */
	ui_push(&f->ui, screen_storefront_new(&f->ui));
	ui_feed(&f->ui, 'l');
	assert_string_equal(tui_top_name(f), "media");
	ui_feed(&f->ui, UI_ENTER);
	assert_non_null(strstr(f->ui.status, "New logo"));
	testlib_str_is(DB, "1", "SELECT COUNT(*) FROM storefronts s JOIN media m ON m.reseller_id = s.reseller_id"
	    " AND s.logo_url = CONCAT('/media/', m.sha256, '.png') WHERE s.reseller_id = 1");
	tui_teardown(f);
	unlink(png);
	unlink(svg);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(picker_and_page_editor),
	};

	return tui_test_main("tui_media", tests, TESTLIB_LEN(tests));
}
