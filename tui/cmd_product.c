/*
 * cmd_product.c - `shelf product edit SKU [OPTIONS]` and `shelf product
 * show SKU`: the catalog editor's fields from a script, as the operator
 * at the keyboard (--operator NAME from a gateway account).
 *
 * edit reads the product, changes the fields named by the options and
 * saves it through catalog_product_update (one transaction, audited);
 * the fields not named keep their values.  Prints "updated SKU" and the
 * fields changed; a refused change (bad value, another tenant's image)
 * exits 2 with the reason on stderr and changes nothing; other failures 1.
 * show prints the editor's fields: image, featured, recommended markup,
 * connector, specification rows and the Markdown description.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buf.h"
#include "catalog.h"
#include "cmd.h"
#include "whoami.h"

#define DESCRIPTION_MAX 65535

static const char usage_text[] =
    "usage: shelf product edit SKU [OPTIONS] [--operator NAME]\n"
    "       shelf product show SKU [--operator NAME]\n\n"
    "edit changes only the fields named:\n"
    "  --image ID                 the image: media ID from `shelf media add` (0: none)\n"
    "  --image-url URL            an external https:// image (\"\": none)\n"
    "  --featured 0|1             recommended to resellers; new storefronts list it\n"
    "  --recommended-markup PCT   the markup a starter listing gets, in percent (25 or 12.5)\n"
    "  --connector manual|keys|http   how an order is fulfilled\n"
    "  --description-file FILE    the description, in Markdown (paragraphs, *emphasis*,\n"
    "                             **strong**, - lists, [links](https://...), `code`); - is stdin\n"
    "  --short TEXT               the one-line description (at most 300 characters)\n"
    "  --spec 'NAME=VALUE'        a specification row; the first --spec replaces the\n"
    "                             table, the next ones add rows in order\n"
    "  --no-specs                 remove the specification table\n"
    "  --active 0|1               offered to resellers\n"
    "Needs a distributor admin.\n";

/* markup_bp - "25" or "12.5" (percent) in basis points; -1 when not such a number. */
static int32_t
markup_bp(const char *s)
{
	char *end;
	double v = strtod(s, &end);

	if (*s == '\0' || *end || v < 0 || v > PRODUCT_MARKUP_MAX / 100.0)
		return -1;
	return (int32_t)(v * 100 + 0.5);
}

static int
bool01(const char *s)
{
	return strcmp(s, "1") == 0 ? 1 : strcmp(s, "0") == 0 ? 0 : -1;
}

static int
read_text(const char *path, struct buf *b)
{
	char chunk[8192];
	size_t n;
	int e;

	if (strcmp(path, "-") == 0) {
		while ((n = fread(chunk, 1, sizeof(chunk), stdin)) > 0 && b->len <= DESCRIPTION_MAX)
			if (buf_append(b, chunk, n) != CORE_OK)
				return ENOMEM;
		return ferror(stdin) ? EIO : b->len > DESCRIPTION_MAX ? EFBIG : 0;
	}
	return (e = buf_read_file(b, path, DESCRIPTION_MAX)) != 0 ? e : 0;
}

static int
show(struct db *db, const struct actor *a, int64_t id)
{
	struct product p;
	json_t *specs;
	size_t i;
	enum core_err er;

	if ((er = catalog_product_get(db, a, id, &p)) != CORE_OK) {
		fprintf(stderr, "shelf product: %s\n", core_strerror(er));
		return 1;
	}
	printf("sku: %s\nname: %s\nimage: %s", p.sku, p.name, p.image[0] ? p.image : "(monogram tile)");
	if (p.image_media_id)
		printf(" (media %lld, %dx%d)", (long long)p.image_media_id, (int)p.image_width, (int)p.image_height);
	printf("\nfeatured: %s\nrecommended markup: %d.%02d%%\nconnector: %s\nactive: %s\n", p.featured ? "yes" : "no",
	    (int)(p.recommended_markup_bp / 100), (int)(p.recommended_markup_bp % 100),
	    product_connector_name(p.connector), p.active ? "yes" : "no");
	specs = p.specs ? json_loads(p.specs, 0, NULL) : NULL;
	printf("specifications: %zu\n", json_array_size(specs));
	for (i = 0; i < json_array_size(specs); i++)
		printf("  %s: %s\n", json_string_value(json_object_get(json_array_get(specs, i), "key")),
		    json_string_value(json_object_get(json_array_get(specs, i), "value")));
	json_decref(specs);
	printf("description:\n%s\n", p.description ? p.description : "");
	product_done(&p);
	return 0;
}

static int
edit(struct db *db, const struct actor *a, int64_t id, const char *sku, int argc, char **argv)
{
	struct product p;
	struct product_input in;
	struct product_spec specs[PRODUCT_SPECS_MAX], *own = NULL;
	const char *slugs[PRODUCT_CATEGORIES_MAX];
	struct buf desc = { NULL, 0, 0 }, changed = { NULL, 0, 0 };
	char why[CORE_WHY] = "", *eq;
	json_t *hold = NULL;
	size_t nown = 0;
	int i, rc = 2, v, e;
	enum core_err er;

	if ((er = catalog_product_get(db, a, id, &p)) != CORE_OK) {
		fprintf(stderr, "shelf product: %s\n", core_strerror(er));
		return 1;
	}
	if ((er = product_input_of(&p, &in, specs, slugs, &hold)) != CORE_OK) {
		fprintf(stderr, "shelf product: %s\n", core_strerror(er));
		product_done(&p);
		return 1;
	}
	if ((own = calloc(PRODUCT_SPECS_MAX + 1, sizeof(*own))) == NULL)
		goto out;
	for (i = 0; i < argc; i++) {
		const char *opt = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;

		if (strcmp(opt, "--no-specs") == 0) {
			nown = 0;
			in.specs = NULL;
			in.nspecs = 0;
			buf_puts(&changed, " specs");
			continue;
		}
		if (val == NULL) {
			fprintf(stderr, "shelf product: %s needs a value\n%s", opt, usage_text);
			goto out;
		}
		i++;
		if (strcmp(opt, "--image") == 0) {
			in.image_media_id = strtoll(val, &eq, 10);
			if (*val == '\0' || *eq || in.image_media_id < 0) {
				fprintf(stderr, "shelf product: --image takes a media id (shelf media list), not '%s'\n", val);
				goto out;
			}
		} else if (strcmp(opt, "--image-url") == 0)
			in.image_url = val[0] ? val : NULL;
		else if (strcmp(opt, "--featured") == 0 && (v = bool01(val)) >= 0)
			in.featured = v;
		else if (strcmp(opt, "--active") == 0 && (v = bool01(val)) >= 0)
			in.active = v;
		else if (strcmp(opt, "--recommended-markup") == 0 && (in.recommended_markup_bp = markup_bp(val)) >= 0)
			;
		else if (strcmp(opt, "--connector") == 0 && product_connector_parse(val) >= 0)
			in.connector = (enum product_connector)product_connector_parse(val);
		else if (strcmp(opt, "--short") == 0)
			in.short_description = val;
		else if (strcmp(opt, "--description-file") == 0) {
			if ((e = read_text(val, &desc)) != 0) {
				fprintf(stderr, "shelf product: %s: cannot read it: %s\n", val,
				    e == EFBIG ? "over 65535 bytes" : strerror(e));
				goto out;
			}
			in.description = desc.len ? buf_cstr(&desc) : NULL;
		} else if (strcmp(opt, "--spec") == 0) {
			if ((eq = strchr(val, '=')) == NULL || nown >= PRODUCT_SPECS_MAX) {
				fprintf(stderr, "shelf product: --spec takes NAME=VALUE (at most %d rows), not '%s'\n",
				    PRODUCT_SPECS_MAX, val);
				goto out;
			}
			*eq = '\0';
			own[nown].key = val;
			own[nown++].value = eq + 1;
			in.specs = own;
			in.nspecs = nown;
		} else {
			fprintf(stderr, "shelf product: bad option or value: %s %s\n%s", opt, val, usage_text);
			goto out;
		}
		buf_printf(&changed, " %s", opt + 2);
	}
	if (changed.len == 0) {
		fprintf(stderr, "shelf product: nothing to change\n%s", usage_text);
		goto out;
	}
	if ((er = catalog_product_update(db, a, id, &in, why)) != CORE_OK) {
		fprintf(stderr, "shelf product: %s: %s\n", sku, why[0] ? why : core_strerror(er));
		rc = er == CORE_INVALID || er == CORE_FORBIDDEN || er == CORE_CONFLICT ? 2 : 1;
		goto out;
	}
	printf("updated %s:%s\n", sku, buf_cstr(&changed));
	rc = 0;
out:
	free(own);
	json_decref(hold);
	buf_free(&desc);
	buf_free(&changed);
	product_done(&p);
	return rc;
}

int
cmd_product(int argc, char **argv)
{
	const char *operator_name = NULL;
	struct config cfg;
	struct actor a;
	struct db *db;
	int64_t id;
	enum core_err er;
	int rc;

	if (cmd_operator_args(&argc, argv, usage_text, &operator_name, "shelf product", &rc))
		return rc;
	if (!((argc >= 4 && strcmp(argv[1], "edit") == 0) || (argc == 3 && strcmp(argv[1], "show") == 0))) {
		fputs(usage_text, stderr);
		return 2;
	}
	if (whoami_open(&cfg, &db, operator_name, &a, "shelf product") != 0)
		return 1;
	if ((er = catalog_product_find_sku(db, &a, argv[2], &id)) != CORE_OK) {
		fprintf(stderr, "shelf product: %s: %s\n", argv[2], er == CORE_NOTFOUND ?
		    "no product with this SKU in your catalog" : core_strerror(er));
		db_close(db);
		return er == CORE_NOTFOUND || er == CORE_FORBIDDEN ? 2 : 1;
	}
	rc = argc == 3 ? show(db, &a, id) : edit(db, &a, id, argv[2], argc - 3, argv + 3);
	db_close(db);
	return rc;
}
