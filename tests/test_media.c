/*
 * test_media.c - the media store (core/media.h, core/media_sniff.h):
 * crafted files of every kind it must refuse (polyglot, oversized,
 * decompression bomb, truncated, SVG and other formats) with their
 * reasons, the three formats it takes with their sizes, and, against
 * MariaDB, content-addressed storage, roles and tenant ownership: a
 * reseller cannot attach another tenant's media to its storefront, nor a
 * distributor a reseller's to a product.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <cmocka.h>
#include "catalog.h"
#include "media.h"
#include "storefront.h"
#include "testlib.h"

#define DB "shelf_test_media"

/* ---- crafted files ------------------------------------------------------ */

struct file {
	unsigned char b[8192];
	size_t        n;
};

static void
put(struct file *f, const void *p, size_t n)
{
	assert_true(f->n + n <= sizeof(f->b));
	memcpy(f->b + f->n, p, n);
	f->n += n;
}

static void
put32be(struct file *f, uint32_t v)
{
	unsigned char b[4] = { (unsigned char)(v >> 24), (unsigned char)(v >> 16), (unsigned char)(v >> 8),
	    (unsigned char)v };
	put(f, b, 4);
}

static void
put32le(struct file *f, uint32_t v)
{
	unsigned char b[4] = { (unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
	    (unsigned char)(v >> 24) };
	put(f, b, 4);
}

static uint32_t
crc(const unsigned char *p, size_t n)
{
	uint32_t c = 0xffffffffu;
	size_t i;
	int k;

	for (i = 0; i < n; i++) {
		c ^= p[i];
		for (k = 0; k < 8; k++)
			c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
	}
	return c ^ 0xffffffffu;
}

static void
chunk(struct file *f, const char *type, const void *data, uint32_t len)
{
	size_t at;

	put32be(f, len);
	at = f->n;
	put(f, type, 4);
	if (len)
		put(f, data, len);
	put32be(f, crc(f->b + at, len + 4));
}

/* png - a structurally whole PNG of w x h (its IDAT is not decoded, so any bytes do). */
static void
png(struct file *f, uint32_t w, uint32_t h, const char *text)
{
	static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
	unsigned char ihdr[13] = { 0 };
	static const unsigned char idat[12] = { 0x78, 0x9c, 0x63, 0x60, 0, 0, 0, 2, 0, 1, 0, 0 };

	memset(f, 0, sizeof(*f));
	put(f, sig, 8);
	ihdr[0] = (unsigned char)(w >> 24); ihdr[1] = (unsigned char)(w >> 16);
	ihdr[2] = (unsigned char)(w >> 8);  ihdr[3] = (unsigned char)w;
	ihdr[4] = (unsigned char)(h >> 24); ihdr[5] = (unsigned char)(h >> 16);
	ihdr[6] = (unsigned char)(h >> 8);  ihdr[7] = (unsigned char)h;
	ihdr[8] = 8;	/* bit depth */
	ihdr[9] = 2;	/* RGB */
	chunk(f, "IHDR", ihdr, 13);
	if (text)
		chunk(f, "tEXt", text, (uint32_t)strlen(text));
	chunk(f, "IDAT", idat, sizeof(idat));
	chunk(f, "IEND", NULL, 0);
}

/* jpeg - SOI, APP0, SOF0 of w x h, DHT, SOS with stuffed and restart bytes, EOI. */
static void
jpeg(struct file *f, uint32_t w, uint32_t h)
{
	static const unsigned char soi[2] = { 0xff, 0xd8 };
	static const unsigned char app0[18] = { 0xff, 0xe0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0 };
	unsigned char sof[19] = { 0xff, 0xc0, 0, 17, 8, 0, 0, 0, 0, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1 };
	static const unsigned char dht[7] = { 0xff, 0xc4, 0, 5, 0, 0, 0 };
	static const unsigned char sos[14] = { 0xff, 0xda, 0, 12, 3, 1, 0, 2, 0x11, 3, 0x11, 0, 63, 0 };
	static const unsigned char data[10] = { 0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56, 0x78, 0xff, 0xd9 };

	memset(f, 0, sizeof(*f));
	sof[5] = (unsigned char)(h >> 8); sof[6] = (unsigned char)h;
	sof[7] = (unsigned char)(w >> 8); sof[8] = (unsigned char)w;
	put(f, soi, 2);
	put(f, app0, sizeof(app0));
	put(f, sof, sizeof(sof));
	put(f, dht, sizeof(dht));
	put(f, sos, sizeof(sos));
	put(f, data, sizeof(data));
}

/* webp_lossless - RIFF WEBP with a VP8L chunk of w x h. */
static void
webp_lossless(struct file *f, uint32_t w, uint32_t h)
{
	uint32_t bits = (w - 1) | (h - 1) << 14 | 1u << 28;	/* alpha hint, version 0 */
	unsigned char body[6] = { 0x2f, (unsigned char)bits, (unsigned char)(bits >> 8), (unsigned char)(bits >> 16),
	    (unsigned char)(bits >> 24), 0 };

	memset(f, 0, sizeof(*f));
	put(f, "RIFF", 4);
	put32le(f, 4 + 8 + 6);
	put(f, "WEBP", 4);
	put(f, "VP8L", 4);
	put32le(f, 6);
	put(f, body, 6);
}

/* webp_lossy - RIFF WEBP with a VP8 key frame of w x h, wrapped in VP8X when extended. */
static void
webp_lossy(struct file *f, uint32_t w, uint32_t h, int extended)
{
	unsigned char frame[20] = { 0x50, 0x01, 0x00, 0x9d, 0x01, 0x2a, (unsigned char)w, (unsigned char)(w >> 8),
	    (unsigned char)h, (unsigned char)(h >> 8) };
	unsigned char x[10] = { 0 };

	memset(f, 0, sizeof(*f));
	put(f, "RIFF", 4);
	put32le(f, 4 + 8 + 20 + (extended ? 18 : 0));
	put(f, "WEBP", 4);
	if (extended) {
		x[4] = (unsigned char)(w - 1); x[5] = (unsigned char)((w - 1) >> 8);
		x[7] = (unsigned char)(h - 1); x[8] = (unsigned char)((h - 1) >> 8);
		put(f, "VP8X", 4);
		put32le(f, 10);
		put(f, x, 10);
	}
	put(f, "VP8 ", 4);
	put32le(f, 20);
	put(f, frame, 20);
}

static enum core_err
sniff(const struct file *f, struct media_info *info, char *why)
{
	struct media_limits lim = { 1 << 20, 16000000 };

	return media_sniff(f->b, f->n, &lim, info, why);
}

/* refused - the file is refused and the reason holds want. */
static void
refused(const void *p, size_t n, const char *want)
{
	struct media_limits lim = { 1 << 20, 16000000 };
	struct media_info info;
	char why[CORE_WHY] = "";

	assert_int_equal(media_sniff(p, n, &lim, &info, why), CORE_INVALID);
	if (strstr(why, want) == NULL)
		fail_msg("reason \"%s\" lacks \"%s\"", why, want);
}

static void
accepts_the_three_formats(void **state)
{
	struct media_info info;
	struct file f;
	char why[CORE_WHY];

	(void)state;
	png(&f, 640, 400, NULL);
	assert_int_equal(sniff(&f, &info, why), CORE_OK);
	assert_int_equal(info.type, MEDIA_PNG);
	assert_int_equal(info.width, 640);
	assert_int_equal(info.height, 400);
	png(&f, 3, 2, "Comment:made by the tests");
	assert_int_equal(sniff(&f, &info, why), CORE_OK);

	jpeg(&f, 1200, 800);
	assert_int_equal(sniff(&f, &info, why), CORE_OK);
	assert_int_equal(info.type, MEDIA_JPEG);
	assert_int_equal(info.width, 1200);
	assert_int_equal(info.height, 800);

	webp_lossless(&f, 280, 112);
	assert_int_equal(sniff(&f, &info, why), CORE_OK);
	assert_int_equal(info.type, MEDIA_WEBP);
	assert_int_equal(info.width, 280);
	assert_int_equal(info.height, 112);
	webp_lossy(&f, 960, 540, 0);
	assert_int_equal(sniff(&f, &info, why), CORE_OK);
	assert_int_equal(info.width, 960);
	assert_int_equal(info.height, 540);
	webp_lossy(&f, 960, 540, 1);
	assert_int_equal(sniff(&f, &info, why), CORE_OK);
	assert_int_equal(info.width, 960);

	/* XMP metadata (XML in an APP1 segment) is not markup a browser runs */
	{
		static const char xmp[] = "http://ns.adobe.com/xap/1.0/<?xml version=\"1.0\"?><x:xmpmeta/>";
		struct file j;
		unsigned char app1[4] = { 0xff, 0xe1, 0, (unsigned char)(sizeof(xmp) - 1 + 2) };

		jpeg(&f, 30, 20);
		memset(&j, 0, sizeof(j));
		put(&j, f.b, 2);				/* SOI */
		put(&j, app1, 4);
		put(&j, xmp, sizeof(xmp) - 1);
		put(&j, f.b + 2, f.n - 2);
		assert_int_equal(sniff(&j, &info, why), CORE_OK);
		assert_int_equal(info.width, 30);
	}

	assert_string_equal(media_type_name(MEDIA_JPEG), "jpeg");
	assert_string_equal(media_type_ext(MEDIA_JPEG), "jpg");
	assert_string_equal(media_type_mime(MEDIA_WEBP), "image/webp");
	assert_int_equal(media_ext_parse("jpg"), MEDIA_JPEG);
	assert_int_equal(media_ext_parse("svg"), -1);
	assert_int_equal(media_type_parse("webp"), MEDIA_WEBP);
}

static void
refuses_polyglots(void **state)
{
	static const char html[] = "<html><script>alert(document.cookie)</script></html>";
	static const unsigned char zip[] = { 'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0, 'a', 'b', 'c' };
	struct file f;

	(void)state;
	/* HTML after IEND: a PNG that is also a web page */
	png(&f, 10, 10, NULL);
	put(&f, html, strlen(html));
	refused(f.b, f.n, "after its end (IEND)");
	/* even one byte after IEND */
	png(&f, 10, 10, NULL);
	put(&f, "\n", 1);
	refused(f.b, f.n, "after its end");
	/* a ZIP archive after EOI: a JPEG that is also a JAR */
	jpeg(&f, 10, 10);
	put(&f, zip, sizeof(zip));
	refused(f.b, f.n, "after its end (EOI)");
	/* bytes after the RIFF body */
	webp_lossless(&f, 10, 10);
	put(&f, html, strlen(html));
	refused(f.b, f.n, "after its end (RIFF size)");
	/* script inside a well-formed PNG's text chunk */
	png(&f, 10, 10, "Comment:<script>alert(1)</script>");
	refused(f.b, f.n, "carries markup (<script)");
	png(&f, 10, 10, "Comment:<?php system($_GET['c']); ?>");
	refused(f.b, f.n, "<?php");
}

static void
refuses_oversized_and_bombs(void **state)
{
	struct media_limits lim = { 1024, 16000000 };
	struct media_info info;
	unsigned char *big;
	struct file f;
	char why[CORE_WHY];

	(void)state;
	/* the file is over the byte limit: refused before it is parsed */
	png(&f, 10, 10, NULL);
	assert_int_equal(media_sniff(f.b, 2048, &lim, &info, why), CORE_INVALID);
	assert_non_null(strstr(why, "too large: 2048 bytes, over the limit of 1024"));
	big = calloc(1, 6 * 1024 * 1024);
	assert_non_null(big);
	memcpy(big, f.b, f.n);
	assert_int_equal(media_sniff(big, 6 * 1024 * 1024, NULL, &info, why), CORE_INVALID);
	assert_non_null(strstr(why, "over the limit of 5242880 bytes"));
	free(big);
	/* a decompression bomb: a tiny file whose header says 10000 x 10000 pixels */
	png(&f, 10000, 10000, NULL);
	assert_true(f.n < 200);
	refused(f.b, f.n, "too many pixels: 10000x10000");
	refused(f.b, f.n, "decompression bomb");
	jpeg(&f, 9000, 9000);
	refused(f.b, f.n, "too many pixels");
	webp_lossless(&f, 16384, 16384);
	refused(f.b, f.n, "too many pixels");
	/* a side over MEDIA_SIDE_MAX, whatever the pixel limit */
	png(&f, 100000, 1, NULL);
	refused(f.b, f.n, "a side may be at most 16384");
	/* the configured limit is the one applied */
	lim.max_bytes = 1 << 20;
	lim.max_pixels = 100;
	png(&f, 11, 10, NULL);
	assert_int_equal(media_sniff(f.b, f.n, &lim, &info, why), CORE_INVALID);
	assert_non_null(strstr(why, "over the limit of 100"));
	png(&f, 10, 10, NULL);
	assert_int_equal(media_sniff(f.b, f.n, &lim, &info, why), CORE_OK);
}

static void
refuses_truncated_and_damaged(void **state)
{
	struct file f;
	size_t cut;

	(void)state;
	png(&f, 10, 10, NULL);
	for (cut = 9; cut < f.n; cut += 7)
		refused(f.b, cut, "PNG file");
	refused(f.b, f.n - 12, "truncated");	/* IEND missing */
	png(&f, 10, 10, NULL);
	f.b[40] ^= 0x01;			/* a byte of IDAT: its CRC no longer matches */
	refused(f.b, f.n, "CRC");
	png(&f, 10, 10, NULL);
	memcpy(f.b + 12, "IDAT", 4);		/* IHDR renamed */
	refused(f.b, f.n, "PNG");

	jpeg(&f, 10, 10);
	refused(f.b, f.n - 2, "truncated");	/* no EOI */
	refused(f.b, 30, "JPEG file");
	jpeg(&f, 10, 0);
	refused(f.b, f.n, "zero");

	webp_lossless(&f, 10, 10);
	refused(f.b, f.n - 3, "truncated");	/* shorter than its RIFF size */
	webp_lossy(&f, 10, 10, 0);
	f.b[23] = 0x00;				/* VP8 start code broken */
	refused(f.b, f.n, "start code");
	webp_lossy(&f, 10, 10, 1);
	f.b[12 + 8] = 0x02;			/* VP8X says animated */
	refused(f.b, f.n, "Animated");
}

static void
refuses_svg_and_other_formats(void **state)
{
	static const char svg1[] = "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "onload=\"alert(1)\"><rect width=\"10\" height=\"10\"/></svg>";
	static const char svg2[] = "\xef\xbb\xbf  <svg><script>alert(1)</script></svg>";
	static const char svg3[] = "<!-- a comment --><!DOCTYPE svg><svg></svg>";
	static const char html[] = "<!doctype html><title>x</title>";
	static const char gif[] = "GIF89a\x01\x00\x01\x00\x00\x00\x00;";
	static const char pdf[] = "%PDF-1.7\n";
	static const char text[] = "just some text";

	(void)state;
	refused(svg1, strlen(svg1), "SVG images are refused: they can carry script");
	refused(svg2, strlen(svg2), "SVG");
	refused(svg3, strlen(svg3), "SVG");
	refused(html, strlen(html), "markup");
	refused(gif, sizeof(gif) - 1, "GIF images are not accepted");
	refused(pdf, strlen(pdf), "PDF");
	refused("PK\3\4zzzz", 8, "ZIP");
	refused(text, strlen(text), "not a PNG, JPEG or WebP");
	refused("", 0, "empty");
}

/*
 * mutations - 30,000 damaged copies of the three formats (bytes flipped,
 * cut short, lengths set huge) are each refused or taken whole, never read
 * past their end (make valgrind / make asan watch this), with a fixed seed.
 */
static void
mutations(void **state)
{
	struct media_info info;
	struct file f, g;
	unsigned seed = 12345;
	char why[CORE_WHY];
	int i, k, kind, r;

	(void)state;
	for (i = 0; i < 30000; i++) {
		kind = i % 4;
		if (kind == 0)
			png(&f, 40, 30, "Comment:x");
		else if (kind == 1)
			jpeg(&f, 40, 30);
		else if (kind == 2)
			webp_lossless(&f, 40, 30);
		else
			webp_lossy(&f, 40, 30, 1);
		for (k = 0; k < 1 + i % 3; k++) {
			seed = seed * 1103515245u + 12345u;
			r = (int)((seed >> 8) % f.n);
			f.b[r] = (unsigned char)(seed >> 20);
		}
		/* a copy of exactly the damaged length, cut at a random point, in memory of its own */
		memset(&g, 0, sizeof(g));
		seed = seed * 1103515245u + 12345u;
		g.n = (i % 5 == 0) ? (seed >> 8) % f.n : f.n;
		{
			unsigned char *exact = malloc(g.n ? g.n : 1);

			assert_non_null(exact);
			memcpy(exact, f.b, g.n);
			r = media_sniff(exact, g.n, NULL, &info, why);
			free(exact);
		}
		assert_true(r == CORE_OK || r == CORE_INVALID);
		if (r == CORE_INVALID)
			assert_true(why[0] != '\0');
	}
}

static void
urls(void **state)
{
	char sha[65], url[MEDIA_URL_SZ];
	enum media_type t;
	const char *hex = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

	(void)state;
	media_url(hex, MEDIA_JPEG, url);
	assert_string_equal(url, "/media/0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef.jpg");
	assert_int_equal(media_url_parse(url, sha, &t), 0);
	assert_string_equal(sha, hex);
	assert_int_equal(t, MEDIA_JPEG);
	assert_int_equal(media_url_parse("/media/0123.png", sha, &t), -1);
	assert_int_equal(media_url_parse("/media/0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef.png",
	    sha, &t), -1);
	assert_int_equal(media_url_parse("/media/0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef.svg",
	    sha, &t), -1);
	assert_int_equal(media_url_parse("https://example.com/x.png", sha, &t), -1);
}

/* ---- the store, against MariaDB ----------------------------------------- */

static const char fixture[] =
    "INSERT INTO distributors (id, name, slug, currency, email) VALUES"
    " (1, 'Dist', 'dist', 'EUR', 'd@example.com'), (2, 'Other', 'other', 'EUR', 'o@example.com');"
    "INSERT INTO resellers (id, distributor_id, name, edition, email, currency) VALUES"
    " (1, 1, 'Alpha', 'standard', 'a@example.com', 'EUR'), (2, 1, 'Beta', 'standard', 'b@example.com', 'EUR');"
    "INSERT INTO storefronts (reseller_id, slug, company_name) VALUES (1, 'alpha', 'Alpha'), (2, 'beta', 'Beta');"
    "INSERT INTO products (id, distributor_id, sku, name, slug, manufacturer, type, billing_period, unit_cost,"
    " currency) VALUES (1, 1, 'P-1', 'Product', 'product', 'Maker', 'license', 'monthly', 1000, 'EUR');";

static struct actor
as(enum actor_role role, int64_t distributor_id, int64_t reseller_id)
{
	return testlib_actor(role, 7, distributor_id, reseller_id, 0, "%s", actor_role_name(role));
}

static void
store_and_ownership(void **state)
{
	struct db *db = testlib_fixture(DB, fixture);
	struct actor dist = as(ROLE_DISTRIBUTOR_ADMIN, 1, 0), dist2 = as(ROLE_DISTRIBUTOR_ADMIN, 2, 0);
	struct actor ra = as(ROLE_RESELLER_ADMIN, 1, 1), rb = as(ROLE_RESELLER_ADMIN, 1, 2);
	struct actor support = as(ROLE_SUPPORT, 1, 0);
	struct media m, m2, ma;
	struct media_list l;
	struct product p;
	struct product_input in;
	struct product_spec specs[PRODUCT_SPECS_MAX];
	const char *slugs[PRODUCT_CATEGORIES_MAX];
	json_t *hold;
	struct file f;
	struct stat st;
	char why[CORE_WHY], path[512], sections[1024];
	int32_t w = 0, h = 0;

	(void)state;
	png(&f, 64, 48, NULL);
	assert_int_equal(media_add(db, &dist, f.b, f.n, "/home/x/box.png", &m, why), CORE_OK);
	assert_int_equal(m.type, MEDIA_PNG);
	assert_int_equal(m.width, 64);
	assert_int_equal(m.distributor_id, 1);
	assert_int_equal(m.reseller_id, 0);
	assert_string_equal(m.name, "box.png");
	assert_int_equal(strlen(m.sha256), 64);
	assert_int_equal(strncmp(m.url, "/media/", 7), 0);
	/* content-addressed: the file is named by the SHA-256 of its bytes and holds them */
	snprintf(path, sizeof(path), "%s/%s.png", db_config(db)->media_dir, m.sha256);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal((size_t)st.st_size, f.n);
	assert_int_equal(st.st_mode & 0777, 0644);
	/* the same bytes again: the same row */
	assert_int_equal(media_add(db, &dist, f.b, f.n, "again.png", &m2, why), CORE_OK);
	assert_int_equal(m2.id, m.id);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM media"), 1);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM audit_log WHERE action = 'media.add'"), 1);
	/* refused bytes change nothing */
	png(&f, 64, 48, NULL);
	put(&f, "<html>", 6);
	assert_int_equal(media_add(db, &dist, f.b, f.n, "poly.png", NULL, why), CORE_INVALID);
	assert_non_null(strstr(why, "after its end"));
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM media"), 1);
	/* roles without a tenant of media */
	png(&f, 5, 5, NULL);
	assert_int_equal(media_add(db, &support, f.b, f.n, "s.png", NULL, why), CORE_FORBIDDEN);
	assert_int_equal(media_list(db, &support, &l), CORE_FORBIDDEN);

	/* reseller A's image */
	webp_lossless(&f, 300, 200);
	assert_int_equal(media_add(db, &ra, f.b, f.n, "hero.webp", &ma, why), CORE_OK);
	assert_int_equal(ma.reseller_id, 1);
	assert_int_equal(media_dims(db, ma.url, &w, &h), CORE_OK);
	assert_int_equal(w, 300);
	assert_int_equal(h, 200);
	assert_int_equal(media_dims(db, "/static/x.png", &w, &h), CORE_NOTFOUND);
	/* each tenant sees its own */
	assert_int_equal(media_list(db, &ra, &l), CORE_OK);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.items[0].id, ma.id);
	media_list_free(&l);
	assert_int_equal(media_list(db, &rb, &l), CORE_OK);
	assert_int_equal(l.n, 0);
	media_list_free(&l);
	assert_int_equal(media_get(db, &rb, ma.id, &m2), CORE_NOTFOUND);
	assert_int_equal(media_get(db, &dist, ma.id, &m2), CORE_NOTFOUND);
	assert_int_equal(media_get(db, &ra, ma.id, &m2), CORE_OK);

	/* reseller B cannot attach A's image to its homepage or as its logo... */
	snprintf(sections, sizeof(sections), "[{\"type\": \"hero\", \"heading\": \"Hi\", \"image\": \"%s\"}]", ma.url);
	assert_int_equal(storefront_update_look(db, &rb, db_config(db)->themes_dir, "classic", "parchment", sections,
	    why), CORE_FORBIDDEN);
	assert_non_null(strstr(why, "not one of yours"));
	assert_int_equal(testlib_int(DB, "SELECT LOCATE('/media/', sections) FROM storefronts WHERE reseller_id = 2"), 0);
	snprintf(sections, sizeof(sections), "[{\"type\": \"logo_strip\", \"heading\": \"Brands\", \"logos\":"
	    " [{\"name\": \"X\", \"image\": \"%s\"}]}]", ma.url);
	assert_int_equal(storefront_update_look(db, &rb, db_config(db)->themes_dir, "classic", "parchment", sections,
	    why), CORE_FORBIDDEN);
	assert_int_equal(storefront_update_meta(db, &rb, ma.url, NULL, NULL, why), CORE_FORBIDDEN);
	/* nor under another spelling of the path nginx serves */
	{
		struct media_tenant tb = { 0, 2 }, ta = { 0, 1 };
		char alt[300];
		const char *const forms[] = { "/%%6Dedia/%s.webp", "/media//%s.webp", "/x/../media/%s.webp",
		    "/./media/%s.webp", "/media/%s.webp?x=1", "//../media/%s.webp", NULL };
		size_t i;

		for (i = 0; forms[i] != NULL; i++) {
			snprintf(alt, sizeof(alt), forms[i], ma.sha256);
			assert_int_equal(media_check_url(db, &tb, alt, why), i == 5 ? CORE_OK : CORE_FORBIDDEN);
		}
		assert_int_equal(media_check_url(db, &ta, ma.url, why), CORE_OK);
		assert_int_equal(media_check_url(db, &tb, "/static/x.png", why), CORE_OK);
		assert_int_equal(media_check_url(db, &tb, "https://cdn.example/media/x.png", why), CORE_OK);
	}
	/* ... while A can */
	snprintf(sections, sizeof(sections), "[{\"type\": \"hero\", \"heading\": \"Hi\", \"image\": \"%s\"}]", ma.url);
	assert_int_equal(storefront_update_look(db, &ra, db_config(db)->themes_dir, "classic", "parchment", sections,
	    why), CORE_OK);
	assert_int_equal(storefront_update_meta(db, &ra, ma.url, NULL, NULL, why), CORE_OK);
	/* and once B adds the same bytes itself, they are B's too */
	assert_int_equal(media_add(db, &rb, f.b, f.n, "mine.webp", &m2, why), CORE_OK);
	assert_true(m2.id != ma.id);
	assert_string_equal(m2.url, ma.url);
	assert_int_equal(storefront_update_meta(db, &rb, ma.url, NULL, NULL, why), CORE_OK);

	/* the distributor attaches its own image to a product, never a reseller's or another distributor's */
	assert_int_equal(catalog_product_get(db, &dist, 1, &p), CORE_OK);
	assert_int_equal(product_input_of(&p, &in, specs, slugs, &hold), CORE_OK);
	in.image_media_id = ma.id;
	assert_int_equal(catalog_product_update(db, &dist, 1, &in, why), CORE_FORBIDDEN);
	assert_non_null(strstr(why, "only your own images"));
	in.image_media_id = 0;
	in.image_url = ma.url;
	assert_int_equal(catalog_product_update(db, &dist, 1, &in, why), CORE_FORBIDDEN);
	in.image_url = NULL;
	in.image_media_id = m.id;
	assert_int_equal(catalog_product_update(db, &dist2, 1, &in, why), CORE_NOTFOUND);
	assert_int_equal(catalog_product_update(db, &dist, 1, &in, why), CORE_OK);
	json_decref(hold);
	product_done(&p);
	assert_int_equal(catalog_product_get(db, &dist, 1, &p), CORE_OK);
	assert_int_equal(p.image_media_id, m.id);
	assert_string_equal(p.image, m.url);
	assert_int_equal(p.image_width, 64);
	assert_int_equal(p.image_height, 48);
	product_done(&p);
	db_close(db);
}

/* the demo's images come through the store: every one of them a media row of its tenant, none left by name */
static void
demo_images(void **state)
{
	struct db *db = testlib_fresh(DB "_demo", TESTLIB_MIGRATE | TESTLIB_DEMO);
	char *url;
	int32_t w = 0, h = 0;

	(void)state;
	assert_int_equal(testlib_int(DB "_demo", "SELECT COUNT(*) FROM products WHERE image_url LIKE 'media:%%'"), 0);
	assert_int_equal(testlib_int(DB "_demo", "SELECT COUNT(*) FROM storefronts WHERE sections LIKE '%%media:%%'"
	    " OR sections LIKE '%%/static/%%'"), 0);
	assert_true(testlib_int(DB "_demo", "SELECT COUNT(*) FROM products WHERE image_media_id IS NOT NULL") >= 30);
	/* a product's image is its distributor's media; a storefront's images its reseller's */
	assert_int_equal(testlib_int(DB "_demo", "SELECT COUNT(*) FROM products p JOIN media m ON m.id = p.image_media_id"
	    " WHERE m.distributor_id <> p.distributor_id OR m.distributor_id IS NULL"), 0);
	assert_int_equal(testlib_int(DB "_demo", "SELECT COUNT(*) FROM media WHERE reseller_id = 1"), 8);	/* two section images, six brand tiles */
	url = testlib_str(DB "_demo", "SELECT JSON_UNQUOTE(JSON_EXTRACT(sections, '$[0].image')) FROM storefronts"
	    " WHERE reseller_id = 1");
	assert_int_equal(strncmp(url, "/media/", 7), 0);
	assert_int_equal(media_dims(db, url, &w, &h), CORE_OK);
	assert_int_equal(w, 960);
	assert_int_equal(h, 640);
	free(url);
	db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(accepts_the_three_formats),
		cmocka_unit_test(refuses_polyglots),
		cmocka_unit_test(refuses_oversized_and_bombs),
		cmocka_unit_test(refuses_truncated_and_damaged),
		cmocka_unit_test(refuses_svg_and_other_formats),
		cmocka_unit_test(mutations),
		cmocka_unit_test(urls),
		cmocka_unit_test(store_and_ownership),
		cmocka_unit_test(demo_images),
	};

	return testlib_result(cmocka_run_group_tests(tests, NULL, NULL));
}
