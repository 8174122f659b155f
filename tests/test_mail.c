/*
 * test_mail.c - e-mail: the MIME builder of core/mail.c (quoted-printable,
 * RFC 2047 subjects, header injection refused), the mail templates of
 * every theme rendered by core/mailer.c, and the worker's side of
 * core/outbox.c (claims with SKIP LOCKED, other kinds untouched,
 * backoff, failed after the last attempt) against MariaDB.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>
#include <cmocka.h>
#include "db.h"
#include "mail.h"
#include "mailer.h"
#include "outbox.h"
#include "str.h"
#include "testlib.h"

#define DB "shelf_test_mail"

/* lines_ok - every line of s ends in CRLF (no bare CR or LF) and has at most max characters. */
static void
lines_ok(const char *s, size_t max)
{
	const char *p = s, *nl;

	while (*p != '\0') {
		nl = strchr(p, '\n');
		assert_non_null(nl);
		assert_true(nl > s && nl[-1] == '\r');
		assert_true((size_t)(nl - 1 - p) <= max);
		assert_null(memchr(p, '\r', (size_t)(nl - 1 - p)));
		p = nl + 1;
	}
}

static char *
qp(const char *s)
{
	struct buf b = { NULL, 0, 0 };

	assert_int_equal(mail_qp(s, strlen(s), &b), CORE_OK);
	return b.data ? buf_detach(&b) : strdup("");
}

static char *
unqp(const char *s)
{
	struct buf b = { NULL, 0, 0 };

	assert_int_equal(mail_qp_decode(s, strlen(s), &b), CORE_OK);
	return b.data ? buf_detach(&b) : strdup("");
}

static void
quoted_printable(void **state)
{
	char longline[1001], *e, *d;
	size_t i;

	(void)state;
	e = qp("a=b");
	assert_string_equal(e, "a=3Db");
	free(e);
	e = qp("Gr\xc3\xbc\xc3\x9f" "e");	/* UTF-8 bytes each =XX */
	assert_string_equal(e, "Gr=C3=BC=C3=9Fe");
	free(e);
	e = qp("trailing \nand tab\t\r\nend ");	/* white space before a line end is encoded */
	assert_string_equal(e, "trailing=20\r\nand tab=09\r\nend=20");
	free(e);
	e = qp("bell\x07");
	assert_string_equal(e, "bell=07");
	free(e);

	/* a long line: soft breaks, no line over 76, decodes back; also with = and UTF-8 at the edges */
	for (i = 0; i < sizeof(longline) - 1; i++)
		longline[i] = "abc=\xc3\xa4 xyz"[i % 10];
	longline[sizeof(longline) - 1] = '\0';
	e = qp(longline);
	assert_non_null(strstr(e, "=\r\n"));
	{
		struct buf b = { NULL, 0, 0 };

		buf_puts(&b, e);
		buf_puts(&b, "\r\n");
		lines_ok(buf_cstr(&b), 76);
		buf_free(&b);
	}
	d = unqp(e);
	assert_string_equal(d, longline);
	free(d);
	free(e);
	/* exactly 76 characters fit on a line that ends there; 77 do not */
	memset(longline, 'x', 76);
	longline[76] = '\0';
	e = qp(longline);
	assert_null(strchr(e, '\r'));
	free(e);
	longline[76] = 'y';
	longline[77] = '\0';
	e = qp(longline);
	assert_non_null(strstr(e, "=\r\n"));
	d = unqp(e);
	assert_string_equal(d, longline);
	free(d);
	free(e);
}

static char *
hdr(const char *s, enum core_err want)
{
	struct buf b = { NULL, 0, 0 };

	assert_int_equal(mail_header_text(s, 9, &b), want);
	return b.data ? buf_detach(&b) : strdup("");
}

static char *
unhdr(const char *s)
{
	struct buf b = { NULL, 0, 0 };

	assert_int_equal(mail_header_decode(s, &b), CORE_OK);
	return b.data ? buf_detach(&b) : strdup("");
}

static void
rfc2047(void **state)
{
	char subject[400], *e, *d, *p, *w;
	size_t i;

	(void)state;
	e = hdr("Reset your password", CORE_OK);
	assert_string_equal(e, "Reset your password");	/* ASCII stays as it is */
	free(e);
	e = hdr("Gr\xc3\xbc\xc3\x9f" "e", CORE_OK);
	assert_string_equal(e, "=?UTF-8?B?R3LDvMOfZQ==?=");
	free(e);
	e = hdr("a =?x?Q?y?= b", CORE_OK);	/* text that looks like a word is encoded */
	assert_non_null(strstr(e, "=?UTF-8?B?"));
	d = unhdr(e);
	assert_string_equal(d, "a =?x?Q?y?= b");
	free(d);
	free(e);

	/* long: several words of at most 75 characters, folded, none splitting a character */
	subject[0] = '\0';
	for (i = 0; i < 30; i++)
		strcat(subject, "Z\xc3\xbcrich \xe2\x82\xac ");
	e = hdr(subject, CORE_OK);
	assert_non_null(strstr(e, "?=\r\n =?UTF-8?B?"));
	for (p = e; (w = strstr(p, "=?UTF-8?B?")) != NULL; p = strstr(w, "?=") + 2) {
		char one[100];
		struct buf b = { NULL, 0, 0 };
		size_t n = (size_t)(strstr(w, "?=") + 2 - w);

		assert_true(n <= 75);
		memcpy(one, w, n);
		one[n] = '\0';
		assert_int_equal(mail_header_decode(one, &b), CORE_OK);
		assert_true(str_utf8_valid(b.data, b.len));
		buf_free(&b);
	}
	d = unhdr(e);
	assert_string_equal(d, subject);
	free(d);
	free(e);

	/* header injection: CR, LF or another control character is refused */
	free(hdr("Hello\r\nBcc: victim@example.com", CORE_INVALID));
	free(hdr("Hello\nBcc: victim@example.com", CORE_INVALID));
	free(hdr("Hello\rX", CORE_INVALID));
	free(hdr("tab\there", CORE_INVALID));

	/* a long ASCII value is folded before a space, and unfolds to itself */
	e = hdr("Your order 12345 of 3 licences of Microsoft 365 Business Premium (annual) is waiting for approval", CORE_OK);
	assert_non_null(strstr(e, "\r\n "));
	assert_true(strchr(e, '\n') - e <= 78 - 9);
	d = unhdr(e);
	assert_string_equal(d, "Your order 12345 of 3 licences of Microsoft 365 Business Premium (annual) is waiting for approval");
	free(d);
	free(e);
}

static struct mail_msg
sample(void)
{
	struct mail_msg m;

	memset(&m, 0, sizeof(m));
	m.from = "noreply@shelf.example";
	m.to = "r1@example.com";
	m.subject = "Ihre Bestellung \xc3\xbc" "ber 3 Lizenzen";
	m.text = "Hello,\n\nline with = and \xc3\xa4.\n.\nA line that starts with a dot above.\n";
	m.html = "<p>Hello &amp; welcome</p>\n";
	m.date = 1796198400;	/* 2026-12-02 08:00 UTC */
	m.msgid = "shelf.7.00ff";
	return m;
}

static void
build_message(void **state)
{
	struct buf b = { NULL, 0, 0 };
	struct mail_msg m = sample();
	const char *s;

	(void)state;
	assert_int_equal(mail_build(&m, &b), CORE_OK);
	s = buf_cstr(&b);
	lines_ok(s, 78);
	assert_non_null(strstr(s, "Date: Wed, 02 Dec 2026 08:00:00 +0000\r\n"));
	assert_non_null(strstr(s, "Message-ID: <shelf.7.00ff@shelf.example>\r\n"));
	assert_non_null(strstr(s, "From: noreply@shelf.example\r\nTo: r1@example.com\r\n"));
	assert_non_null(strstr(s, "Subject: =?UTF-8?B?"));
	assert_non_null(strstr(s, "MIME-Version: 1.0\r\n"));
	assert_non_null(strstr(s, "Content-Type: multipart/alternative;\r\n boundary=\"=_shelf_shelf.7.00ff\"\r\n"));
	assert_non_null(strstr(s, "Content-Type: text/plain; charset=UTF-8\r\n"
	    "Content-Transfer-Encoding: quoted-printable\r\n\r\nHello,\r\n\r\nline with =3D and =C3=A4.\r\n"));
	assert_non_null(strstr(s, "Content-Type: text/html; charset=UTF-8\r\n"));
	assert_non_null(strstr(s, "<p>Hello &amp; welcome</p>"));
	assert_non_null(strstr(s, "\r\n--=_shelf_shelf.7.00ff--\r\n"));
	assert_null(strstr(s, "Reply-To"));
	buf_free(&b);

	/* text only */
	m.html = NULL;
	m.reply_to = "visitor@example.org";
	assert_int_equal(mail_build(&m, &b), CORE_OK);
	assert_null(strstr(buf_cstr(&b), "multipart"));
	assert_non_null(strstr(buf_cstr(&b), "Reply-To: visitor@example.org\r\n"));
	buf_free(&b);
}

static void
injection_refused(void **state)
{
	struct buf b = { NULL, 0, 0 };
	struct mail_msg m;

	(void)state;
	buf_puts(&b, "kept");
	m = sample();
	m.subject = "Hi\r\nBcc: victim@example.com";
	assert_int_equal(mail_build(&m, &b), CORE_INVALID);
	m = sample();
	m.to = "r1@example.com\r\nBcc: victim@example.com";
	assert_int_equal(mail_build(&m, &b), CORE_INVALID);
	m = sample();
	m.to = "r1@example.com, victim@example.com";
	assert_int_equal(mail_build(&m, &b), CORE_INVALID);
	m = sample();
	m.to = "Name <r1@example.com>";
	assert_int_equal(mail_build(&m, &b), CORE_INVALID);
	m = sample();
	m.reply_to = "x@example.com\nBcc: victim@example.com";
	assert_int_equal(mail_build(&m, &b), CORE_INVALID);
	m = sample();
	m.from = "noreply@shelf.example\n";
	assert_int_equal(mail_build(&m, &b), CORE_INVALID);
	m = sample();
	m.msgid = "a>\r\nBcc: x";
	assert_int_equal(mail_build(&m, &b), CORE_INVALID);
	assert_string_equal(buf_cstr(&b), "kept");	/* nothing appended */
	buf_free(&b);
	assert_true(mail_addr_ok("a.b+c@example.co.uk"));
	assert_false(mail_addr_ok("@example.com"));
	assert_false(mail_addr_ok("a@"));
	assert_false(mail_addr_ok("a@b@c"));
	assert_false(mail_addr_ok("a b@example.com"));
}

static const char *
themes_dir(void)
{
	const char *d = getenv("SHELF_THEMES_DIR");

	return d && *d ? d : "themes";
}

/* render - payload rendered for theme, checked (CRLF lines of at most 78), then quoted-printable decoded whole, to search. */
static char *
render(struct mailer *m, const char *theme, const char *payload, enum core_err want)
{
	struct buf out = { NULL, 0, 0 };
	char to[300], why[512] = "";
	enum core_err er;

	er = mailer_render(m, theme, 42, payload, 1796198400, &out, to, sizeof(to), why, sizeof(why));
	if (er != want)
		fail_msg("%s: %s (%s)", theme, core_strerror(er), why);
	if (er != CORE_OK) {
		assert_true(why[0] != '\0');
		buf_free(&out);
		return NULL;
	}
	lines_ok(buf_cstr(&out), 78);
	{
		/* the whole message decoded, to look for the texts */
		struct buf d = { NULL, 0, 0 };

		assert_int_equal(mail_qp_decode(out.data, out.len, &d), CORE_OK);
		buf_free(&out);
		return buf_detach(&d);
	}
}

static void
templates(void **state)
{
	static const char *const themes[] = { "classic", "modern", "", "no-such-theme" };
	struct config cfg;
	struct mailer *m;
	char why[256], *s;
	size_t i;

	(void)state;
	memset(&cfg, 0, sizeof(cfg));
	snprintf(cfg.smtp_url, sizeof(cfg.smtp_url), "smtp://127.0.0.1:1");
	snprintf(cfg.mail_from, sizeof(cfg.mail_from), "noreply@shelf.example");
	snprintf(cfg.themes_dir, sizeof(cfg.themes_dir), "%s", themes_dir());
	m = mailer_new(&cfg, why, sizeof(why));
	assert_non_null(m);
	for (i = 0; i < TESTLIB_LEN(themes); i++) {
		s = render(m, themes[i], "{\"to\": \"r2@example.com\", \"subject\": \"Your account is now on the Standard edition\","
		    " \"template\": \"reseller_edition_changed\", \"data\": {\"reseller_name\": \"Bolt & Nut <IT>\","
		    " \"edition\": \"standard\", \"edition_label\": \"Standard\", \"previous_edition\": \"basic\","
		    " \"upgrade\": true, \"storefront_url\": \"https://bolt.shops.example/\"}}", CORE_OK);
		assert_non_null(strstr(s, "Hello Bolt & Nut <IT>,"));		/* text: as written */
		assert_non_null(strstr(s, "Hello Bolt &amp; Nut &lt;IT&gt;,"));	/* HTML: escaped */
		assert_non_null(strstr(s, "https://bolt.shops.example/"));
		assert_non_null(strstr(s, "over SSH"));
		assert_non_null(strstr(s, "<title>Your account is now on the Standard edition</title>"));
		free(s);
		s = render(m, themes[i], "{\"to\": \"r2@example.com\", \"subject\": \"Your account has moved\","
		    " \"template\": \"reseller_edition_changed\", \"data\": {\"reseller_name\": \"Bolt\","
		    " \"edition_label\": \"Basic\", \"upgrade\": false, \"storefront_url\": null}}", CORE_OK);
		assert_non_null(strstr(s, "moved to the Basic edition"));
		assert_non_null(strstr(s, "no longer available"));
		free(s);
		s = render(m, themes[i], "{\"to\": \"u@example.com\", \"subject\": \"You are invited to our storefront\","
		    " \"template\": \"storefront_invite\", \"data\": {\"name\": \"Ann\", \"email\": \"u@example.com\","
		    " \"company_name\": \"Demo\", \"link\": \"http://x/s/demo/reset?token=ab\", \"expires_hours\": 72,"
		    " \"invited_by\": \"Robin\"}}", CORE_OK);
		assert_non_null(strstr(s, "Robin has invited you to the Demo storefront"));
		assert_non_null(strstr(s, "http://x/s/demo/reset?token=ab"));
		free(s);
		s = render(m, themes[i], "{\"to\": \"u@example.com\", \"subject\": \"Reset your password\","
		    " \"template\": \"storefront_password_reset\", \"data\": {\"name\": \"Ann\", \"email\": \"u@example.com\","
		    " \"company_name\": \"Demo\", \"link\": \"http://x/s/demo/reset?token=cd\", \"expires_hours\": 1}}", CORE_OK);
		assert_non_null(strstr(s, "http://x/s/demo/reset?token=cd"));
		free(s);
		s = render(m, themes[i], "{\"to\": \"r1@example.com\", \"reply_to\": \"zoe@example.org\","
		    " \"subject\": \"Storefront message: Hi\", \"template\": \"contact_message\", \"data\":"
		    " {\"company_name\": \"Demo\", \"name\": \"Zo\\u00eb O'Brien\", \"email\": \"zoe@example.org\","
		    " \"subject\": \"Hi\", \"body\": \"<b>hello</b>\", \"message_id\": 9}}", CORE_OK);
		assert_non_null(strstr(s, "Reply-To: zoe@example.org\n"));
		assert_non_null(strstr(s, "Zo\xc3\xab O'Brien <zoe@example.org>"));
		assert_non_null(strstr(s, "&lt;b&gt;hello&lt;/b&gt;"));
		free(s);
	}
	/* what retrying cannot help */
	assert_null(render(m, "classic", "{\"to\": \"a@b.example\"}", CORE_INVALID));
	assert_null(render(m, "classic", "not json", CORE_INVALID));
	assert_null(render(m, "classic", "{\"to\": \"a@b.example\\r\\nBcc: c@d.example\", \"subject\": \"x\","
	    " \"template\": \"contact_message\"}", CORE_INVALID));
	assert_null(render(m, "classic", "{\"to\": \"a@b.example\", \"subject\": \"x\\r\\nBcc: c@d.example\","
	    " \"template\": \"contact_message\"}", CORE_INVALID));
	assert_null(render(m, "classic", "{\"to\": \"a@b.example\", \"subject\": \"x\", \"template\": \"../../etc/passwd\"}",
	    CORE_INVALID));
	assert_null(render(m, "classic", "{\"to\": \"a@b.example\", \"subject\": \"x\", \"template\": \"no_such\"}",
	    CORE_NOTFOUND));
	mailer_free(m);

	/* a mailer needs an SMTP URL and a sender */
	cfg.smtp_url[0] = '\0';
	assert_null(mailer_new(&cfg, why, sizeof(why)));
	assert_non_null(strstr(why, "smtp_url"));
}

static void
backoff(void **state)
{
	(void)state;
	assert_int_equal(outbox_backoff(60, 1, 0), 60);
	assert_int_equal(outbox_backoff(60, 2, 0), 120);
	assert_int_equal(outbox_backoff(60, 3, 0), 240);
	assert_int_equal(outbox_backoff(60, 40, 0), OUTBOX_BACKOFF_MAX);
	assert_in_range(outbox_backoff(60, 1, UINT_MAX), 60, 75);	/* jitter: up to a quarter */
	assert_in_range(outbox_backoff(60, 1, 7), 60, 75);
	assert_in_range(outbox_backoff(60, 40, UINT_MAX), OUTBOX_BACKOFF_MAX, OUTBOX_BACKOFF_MAX * 5 / 4);
}

static const char fixture[] = TESTLIB_TWO_RESELLERS
    "INSERT INTO storefronts (reseller_id, slug, company_name, theme) VALUES (2, 'two', 'Two', 'modern');"
    "INSERT INTO outbox (id, kind, reseller_id, payload, next_attempt_at) VALUES"
    " (1, 'email', 1, '{\"to\": \"a@example.com\"}', '2026-11-25 11:00:00'),"
    " (2, 'email', 2, '{\"to\": \"b@example.com\"}', '2026-11-25 11:30:00'),"
    " (3, 'provision', 1, '{}', '2026-11-25 10:00:00'),"
    " (4, 'email', 1, '{\"to\": \"later@example.com\"}', '2026-11-25 13:00:00'),"
    " (5, 'webhook', NULL, '{}', '2026-11-25 10:00:00');"
    "INSERT INTO outbox (id, kind, reseller_id, payload, status) VALUES (6, 'email', 1, '{}', 'sent');";

static void
claims(void **state)
{
	struct outbox_item it[10];
	struct db *a, *b;
	char theme[40];
	int n;

	(void)state;
	testlib_need_db();
	a = testlib_fixture(DB, fixture);
	b = testlib_open(DB);

	/* b holds row 1 in a transaction: a skips it and takes the other due e-mail */
	assert_int_equal(db_begin(b), CORE_OK);
	assert_int_equal(db_exec_text(b, "SELECT id FROM outbox WHERE id = 1 FOR UPDATE",
	    strlen("SELECT id FROM outbox WHERE id = 1 FOR UPDATE")), CORE_OK);
	memset(it, 0, sizeof(it));
	assert_int_equal(outbox_claim(a, OUTBOX_EMAIL, 10, it, &n), CORE_OK);
	assert_int_equal(n, 1);
	assert_int_equal(it[0].id, 2);
	assert_int_equal(it[0].reseller_id, 2);
	assert_int_equal(it[0].attempts, 1);
	assert_string_equal(it[0].payload, "{\"to\": \"b@example.com\"}");
	outbox_items_free(it, n);
	db_rollback(b);
	/* the claim counted the attempt and leased the row */
	assert_int_equal(testlib_int(DB, "SELECT attempts FROM outbox WHERE id = 2"), 1);
	assert_int_equal(testlib_int(DB, "SELECT TIMESTAMPDIFF(SECOND, '" TESTLIB_CLOCK "', next_attempt_at)"
	    " FROM outbox WHERE id = 2"), 300);

	/* now row 1; row 2 is leased, 4 is not due, 3 and 5 are other kinds, 6 is sent */
	assert_int_equal(outbox_claim(a, OUTBOX_EMAIL, 10, it, &n), CORE_OK);
	assert_int_equal(n, 1);
	assert_int_equal(it[0].id, 1);
	outbox_items_free(it, n);
	assert_int_equal(outbox_claim(a, OUTBOX_EMAIL, 10, it, &n), CORE_OK);
	assert_int_equal(n, 0);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM outbox WHERE id IN (3, 4, 5, 6) AND attempts = 0"), 4);
	assert_int_equal(outbox_claim(a, OUTBOX__MAX, 10, it, &n), CORE_INVALID);
	assert_int_equal(outbox_claim(a, OUTBOX_EMAIL, 0, it, &n), CORE_INVALID);

	/* outcomes: sent; retried with its error; failed for good */
	assert_int_equal(outbox_sent(a, 1), CORE_OK);
	assert_int_equal(testlib_int(DB, "SELECT status = 'sent' AND sent_at IS NOT NULL AND last_error IS NULL"
	    " FROM outbox WHERE id = 1"), 1);
	assert_int_equal(outbox_failed(a, 2, "SMTP 451: try later", 120, 0), CORE_OK);
	assert_int_equal(testlib_int(DB, "SELECT status = 'pending' AND last_error = 'SMTP 451: try later' AND"
	    " TIMESTAMPDIFF(SECOND, '" TESTLIB_CLOCK "', next_attempt_at) = 120 FROM outbox WHERE id = 2"), 1);
	assert_int_equal(outbox_failed(a, 2, "SMTP 550: no such user", 0, 1), CORE_OK);
	assert_int_equal(testlib_int(DB, "SELECT status = 'failed' AND last_error = 'SMTP 550: no such user'"
	    " FROM outbox WHERE id = 2"), 1);
	/* a finished row is not changed again */
	assert_int_equal(outbox_failed(a, 1, "late", 10, 0), CORE_OK);
	assert_int_equal(testlib_int(DB, "SELECT status = 'sent' FROM outbox WHERE id = 1"), 1);

	assert_int_equal(outbox_theme(a, 2, theme, sizeof(theme)), CORE_OK);
	assert_string_equal(theme, "modern");
	assert_int_equal(outbox_theme(a, 1, theme, sizeof(theme)), CORE_OK);
	assert_string_equal(theme, "");
	db_close(b);
	db_close(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(quoted_printable),
		cmocka_unit_test(rfc2047),
		cmocka_unit_test(build_message),
		cmocka_unit_test(injection_refused),
		cmocka_unit_test(templates),
		cmocka_unit_test(backoff),
		cmocka_unit_test(claims),
	};

	return testlib_result(cmocka_run_group_tests_name("mail", tests, NULL, NULL));
}
