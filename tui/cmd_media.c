/*
 * cmd_media.c - `shelf media add FILE` and `shelf media list`: the media
 * store (core/media.h) as the operator at the keyboard (--operator NAME
 * from a gateway account, as shelf keys).
 *
 * add: the file's bytes are checked (PNG, JPEG or WebP, by content; size
 * and pixel limits; SVG, polyglots, truncated files refused) and stored
 * for the operator's tenant: a distributor admin's for product images, a
 * reseller admin's for its storefront.  Prints "media ID URL WxH TYPE"
 * and exits 0; a refused file exits 2 with the reason on stderr, other
 * failures 1.
 * list: the tenant's media, newest first: id, type, size, bytes, URL, name.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "buf.h"
#include "cmd.h"
#include "media.h"
#include "whoami.h"

#define MEDIA_READ_MAX (64u << 20)	/* the largest media_max_bytes allowed (core/config.c) */

static const char usage_text[] =
    "usage: shelf media add FILE [--operator NAME]\n"
    "       shelf media list [--operator NAME]\n\n"
    "add: store the image in FILE (PNG, JPEG or WebP, recognised by its bytes;\n"
    "at most media_max_bytes bytes and media_max_pixels pixels) for your\n"
    "tenant and print its id and URL: `media ID URL WIDTHxHEIGHT TYPE`.\n"
    "SVG, animated, truncated files and files that are also something else\n"
    "(bytes after the image's end) are refused with the reason.\n"
    "list: your tenant's media, newest first.\n\n"
    "A distributor admin's media are product images (shelf product edit SKU\n"
    "--image ID); a reseller admin's are its logo, hero, section and brand\n"
    "images.  Runs as the operator whose login is the Unix account;\n"
    "--operator NAME from an account listed in gateways.\n";

static int
add(struct db *db, const struct actor *a, const char *path)
{
	struct buf b = { NULL, 0, 0 };
	struct media m;
	char why[CORE_WHY] = "";
	enum core_err er;
	int e;

	if ((e = buf_read_file(&b, path, MEDIA_READ_MAX)) != 0) {
		if (e == EFBIG)
			fprintf(stderr, "shelf media: %s: refused: the file is too large (over %u bytes).\n", path,
			    MEDIA_READ_MAX);
		else
			fprintf(stderr, "shelf media: %s: cannot read it: %s\n", path, strerror(e));
		buf_free(&b);
		return 2;
	}
	er = media_add(db, a, b.data, b.len, path, &m, why);
	buf_free(&b);
	if (er != CORE_OK) {
		fprintf(stderr, "shelf media: %s: %s%s\n", path, er == CORE_INVALID ? "refused: " : "",
		    why[0] ? why : core_strerror(er));
		return er == CORE_INVALID || er == CORE_FORBIDDEN ? 2 : 1;
	}
	printf("media %lld %s %dx%d %s\n", (long long)m.id, m.url, (int)m.width, (int)m.height,
	    media_type_name(m.type));
	return 0;
}

static int
list(struct db *db, const struct actor *a)
{
	struct media_list l;
	enum core_err er;
	size_t i;

	if ((er = media_list(db, a, &l)) != CORE_OK) {
		fprintf(stderr, "shelf media: %s\n", er == CORE_FORBIDDEN ?
		    "this operator's role has no media (distributor or reseller admins only)" : core_strerror(er));
		media_list_free(&l);
		return 1;
	}
	printf("%-6s %-5s %-11s %9s  %-82s %s\n", "ID", "TYPE", "SIZE", "BYTES", "URL", "NAME");
	for (i = 0; i < l.n; i++) {
		char dims[32];

		snprintf(dims, sizeof(dims), "%dx%d", (int)l.items[i].width, (int)l.items[i].height);
		printf("%-6lld %-5s %-11s %9lld  %-82s %s\n", (long long)l.items[i].id,
		    media_type_name(l.items[i].type), dims, (long long)l.items[i].bytes, l.items[i].url,
		    l.items[i].name);
	}
	media_list_free(&l);
	return 0;
}

int
cmd_media(int argc, char **argv)
{
	const char *operator_name = NULL;
	struct config cfg;
	struct actor a;
	struct db *db;
	int rc;

	if (cmd_operator_args(&argc, argv, usage_text, &operator_name, "shelf media", &rc))
		return rc;
	if (!((argc == 3 && strcmp(argv[1], "add") == 0) || (argc == 2 && strcmp(argv[1], "list") == 0))) {
		fputs(usage_text, stderr);
		return 2;
	}
	if (whoami_open(&cfg, &db, operator_name, &a, "shelf media") != 0)
		return 1;
	rc = argc == 3 ? add(db, &a, argv[2]) : list(db, &a);
	db_close(db);
	return rc;
}
