/*
 * product.c - a product as core reads it: the names and labels of its
 * type and connector, filling one from a catalog row, releasing it, and
 * its JSON for templates and for the audit log.  See product.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buf.h"
#include "media.h"
#include "money.h"
#include "product.h"
#include "str.h"

/* The columns of PRODUCT_COLS and what follows them (product.h). */
enum {
	COL_ID, COL_DISTRIBUTOR, COL_SKU, COL_NAME, COL_SLUG, COL_MANUFACTURER, COL_TYPE, COL_PERIOD,
	COL_COST, COL_CURRENCY, COL_UNIT_LABEL, COL_MIN_Q, COL_MAX_Q, COL_TRIAL, COL_SHORT, COL_IMAGE,
	COL_CONNECTOR, COL_ACTIVE, COL_IMAGE_MEDIA, COL_IMAGE_MEDIA_INFO, COL_FEATURED, COL_REC_MARKUP,
	COL_CAT_NAMES, COL_CAT_SLUGS, COL_HAS_LISTING, COL_LISTED, COL_MARKUP, COL_DESCRIPTION, COL_SPECS
};


static const char *const type_names[PRODUCT_TYPE__MAX] = { PRODUCT_TYPES(NAMES_NAME) };
static const char *const type_labels[PRODUCT_TYPE__MAX] = { PRODUCT_TYPES(NAMES_LABEL) };
static const char *const connector_names[CONNECTOR__MAX] = { PRODUCT_CONNECTORS(NAMES_NAME) };

NAMES_FN_NAME(product_type_name, enum product_type, type_names, PRODUCT_TYPE__MAX, "license")
NAMES_FN_NAME(product_type_label, enum product_type, type_labels, PRODUCT_TYPE__MAX, "")
NAMES_FN_PARSE(product_type_parse, type_names, PRODUCT_TYPE__MAX)
NAMES_FN_NAME(product_connector_name, enum product_connector, connector_names, CONNECTOR__MAX, "manual")
NAMES_FN_PARSE(product_connector_parse, connector_names, CONNECTOR__MAX)

/* split_tags - the 0x1f-separated list of column col into names[]; returns the count. */
static size_t
split_tags(const char *s, char (*dst)[101])
{
	size_t n = 0;
	const char *e;
	char tmp[512];

	while (*s && n < PRODUCT_CATEGORIES_MAX) {
		e = strchr(s, PRODUCT_CAT_SEP[0]);
		size_t len = e ? (size_t)(e - s) : strlen(s);
		if (len >= sizeof(tmp))
			len = sizeof(tmp) - 1;
		memcpy(tmp, s, len);
		tmp[len] = '\0';
		str_copy(dst[n++], 101, tmp);
		if (e == NULL)
			break;
		s = e + 1;
	}
	return n;
}

/* columns COL_ID to COL_ACTIVE, in order */
#define COL(type, member) DB_COL(type, struct product, member)
static const struct db_col cols[] = {
	COL(INT, id),
	COL(INT, distributor_id),
	COL(STR, sku),
	COL(STR, name),
	COL(STR, slug),
	COL(STR, manufacturer),
	DB_COL_ENUM(struct product, type, product_type_parse, PRODUCT_LICENSE),
	DB_COL_ENUM(struct product, billing_period, period_parse, PERIOD_MONTHLY),
	COL(INT, unit_cost),
	COL(STR, currency),
	COL(STR, unit_label),
	COL(INT, min_quantity),
	COL(INT, max_quantity),
	COL(INT, trial_days),
	COL(STR, short_description),
	COL(STR, image_url),
	DB_COL_ENUM(struct product, connector, product_connector_parse, CONNECTOR_MANUAL),
	COL(BOOL, active),
	COL(INT, image_media_id),
	DB_COL_SKIP,			/* the media's "sha type width height": image_of */
	COL(BOOL, featured),
	COL(INT, recommended_markup_bp),
};
#undef COL

/* image_of - p->image and its size from the media info "sha type width height", else image_url. */
static void
image_of(struct product *p, const char *info)
{
	char sha[65], type[8];
	int w, h, t;

	if (info[0] && sscanf(info, "%64s %7s %d %d", sha, type, &w, &h) == 4 && (t = media_type_parse(type)) >= 0) {
		media_url(sha, (enum media_type)t, p->image);
		p->image_width = w;
		p->image_height = h;
	} else
		str_copy(p->image, sizeof(p->image), p->image_url);
}

enum core_err
product_fill(struct db_res *r, struct product *p, int for_reseller, int with_description)
{
	char names[PRODUCT_CATEGORIES_MAX][101];
	enum core_err er;
	size_t nn;

	memset(p, 0, sizeof(*p));
	if ((er = db_res_fill(r, cols, DB_NCOLS(cols), p)) != CORE_OK)
		return er;
	nn = split_tags(db_res_str(r, COL_CAT_NAMES), names);
	p->ncategories = split_tags(db_res_str(r, COL_CAT_SLUGS), p->category_slugs);
	if (nn < p->ncategories)
		p->ncategories = nn;
	memcpy(p->category_names, names, sizeof(names));
	image_of(p, db_res_str(r, COL_IMAGE_MEDIA_INFO));
	if (for_reseller) {
		p->for_reseller = 1;
		p->listed = !db_res_isnull(r, COL_HAS_LISTING) && db_res_int(r, COL_LISTED) != 0;
		p->markup_bp = (int32_t)db_res_int(r, COL_MARKUP);
		if ((er = money_price(p->unit_cost, p->markup_bp, &p->price)) != CORE_OK)
			return er;
	}
	if (with_description && !db_res_isnull(r, COL_DESCRIPTION) &&
	    (p->description = db_res_strdup(r, COL_DESCRIPTION)) == NULL)
		return CORE_ENOMEM;
	if (with_description && !db_res_isnull(r, COL_SPECS) && (p->specs = db_res_strdup(r, COL_SPECS)) == NULL)
		return CORE_ENOMEM;
	return CORE_OK;
}

void
product_done(struct product *p)
{
	if (p == NULL)
		return;
	free(p->description);
	free(p->specs);
	p->description = NULL;
	p->specs = NULL;
}

DB_LIST_FREE_EACH_FN(product_list_free, product_list, n, product_done)

DB_LIST_FREE_FN(category_list_free, category_list)

json_t *
product_to_json(const struct product *p)
{
	/* a usage plan without a fixed price is billed on what is used: no price, no period */
	int metered = p->type == PRODUCT_USAGE && p->price == 0;
	int64_t amount = p->for_reseller ? p->price : p->unit_cost;
	char price[64], path[256], mono[16];
	struct buf names = { 0 };
	json_t *o, *cats;
	size_t i;

	if ((o = json_object()) == NULL || (cats = json_array()) == NULL) {
		json_decref(o);
		return NULL;
	}
	for (i = 0; i < p->ncategories; i++) {
		json_array_append_new(cats, json_pack("{s:s, s:s}", "name", p->category_names[i],
		    "slug", p->category_slugs[i]));
		buf_printf(&names, "%s%s", i ? ", " : "", p->category_names[i]);
	}
	snprintf(path, sizeof(path), "/products/%s", p->slug);
	if (metered)
		snprintf(price, sizeof(price), "Pay as you go");
	else
		money_format(amount, p->currency, price, sizeof(price));
	json_object_set_new(o, "id", json_integer(p->id));
	json_object_set_new(o, "name", json_string(p->name));
	json_object_set_new(o, "slug", json_string(p->slug));
	json_object_set_new(o, "url", json_string(path));
	json_object_set_new(o, "manufacturer", json_string(p->manufacturer));
	json_object_set_new(o, "type", json_string(product_type_name(p->type)));
	json_object_set_new(o, "type_label", json_string(product_type_label(p->type)));
	json_object_set_new(o, "price", json_string(price));
	json_object_set_new(o, "price_minor", json_integer(amount));
	json_object_set_new(o, "currency", json_string(p->currency));
	json_object_set_new(o, "period", json_string(period_name(p->billing_period)));
	if (!metered)
		json_object_set_new(o, "period_label", json_string(period_suffix(p->billing_period)));
	json_object_set_new(o, "recurring", json_boolean(period_recurring(p->billing_period)));
	json_object_set_new(o, "trial", json_boolean(p->trial_days > 0));
	json_object_set_new(o, "has_trial", json_boolean(p->trial_days > 0));
	json_object_set_new(o, "trial_days", json_integer(p->trial_days));
	json_object_set_new(o, "unit_label", json_string(p->unit_label));
	json_object_set_new(o, "min_quantity", json_integer(p->min_quantity));
	if (p->max_quantity > 0)
		json_object_set_new(o, "max_quantity", json_integer(p->max_quantity));
	json_object_set_new(o, "short_description", json_string(p->short_description));
	if (p->description != NULL)
		json_object_set_new(o, "description", json_string(p->description));
	if (p->image[0])
		json_object_set_new(o, "image_url", json_string(p->image));
	if (p->image_width > 0) {
		json_object_set_new(o, "image_width", json_integer(p->image_width));
		json_object_set_new(o, "image_height", json_integer(p->image_height));
	}
	json_object_set_new(o, "monogram", json_string(product_monogram(p->manufacturer, mono, sizeof(mono))));
	json_object_set_new(o, "monogram_tone", json_integer(product_monogram_tone(p->manufacturer)));
	json_object_set_new(o, "featured", json_boolean(p->featured));
	json_object_set_new(o, "categories", cats);
	json_object_set_new(o, "category_names", json_string(buf_cstr(&names)));
	buf_free(&names);
	return o;
}

json_t *
product_audit_json(const struct product *p)
{
	json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:s, s:s, s:i, s:i, s:i, s:s, s:s, s:s, s:b}",
	    "id", (json_int_t)p->id, "sku", p->sku, "name", p->name, "slug", p->slug,
	    "manufacturer", p->manufacturer, "type", product_type_name(p->type),
	    "billing_period", period_name(p->billing_period), "unit_cost", (json_int_t)p->unit_cost,
	    "currency", p->currency, "unit_label", p->unit_label, "min_quantity", (int)p->min_quantity,
	    "max_quantity", (int)p->max_quantity, "trial_days", (int)p->trial_days,
	    "short_description", p->short_description, "image_url", p->image_url,
	    "connector", product_connector_name(p->connector), "active", p->active);
	json_t *tags = json_array();
	size_t i;

	if (o == NULL || tags == NULL) {
		json_decref(o);
		json_decref(tags);
		return NULL;
	}
	for (i = 0; i < p->ncategories; i++)
		json_array_append_new(tags, json_string(p->category_slugs[i]));
	json_object_set_new(o, "categories", tags);
	json_object_set_new(o, "description", p->description ? json_string(p->description) : json_null());
	json_object_set_new(o, "image_media_id", json_integer(p->image_media_id));
	json_object_set_new(o, "featured", json_boolean(p->featured));
	json_object_set_new(o, "recommended_markup_bp", json_integer(p->recommended_markup_bp));
	json_object_set_new(o, "specs", p->specs ? json_loads(p->specs, 0, NULL) : json_null());
	return o;
}


const char *
product_monogram(const char *name, char *out, size_t sz)
{
	const unsigned char *p = (const unsigned char *)(name ? name : "");
	size_t o = 0;
	int start = 1, n = 0;

	/* the first letter or digit of the first two words, upper-case ASCII; "?" when none */
	for (; *p && n < 2 && o + 1 < sz; p++) {
		int alnum = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9');

		if (alnum && start) {
			out[o++] = (char)((*p >= 'a' && *p <= 'z') ? *p - 'a' + 'A' : *p);
			n++;
		}
		start = !alnum && *p < 0x80;
	}
	if (n == 1 && o + 1 < sz) {
		/* one word: its first two letters ("Acronis" -> "Ac") */
		for (p = (const unsigned char *)name; *p; p++)
			if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9'))
				break;
		if (p[0] && p[1] && ((p[1] >= 'a' && p[1] <= 'z') || (p[1] >= 'A' && p[1] <= 'Z') ||
		    (p[1] >= '0' && p[1] <= '9')))
			out[o++] = (char)((p[1] >= 'A' && p[1] <= 'Z') ? p[1] - 'A' + 'a' : p[1]);
	}
	if (o == 0 && sz > 1)
		out[o++] = '?';
	if (sz > 0)
		out[o] = '\0';
	return out;
}

int
product_monogram_tone(const char *name)
{
	uint32_t h = 2166136261u;	/* FNV-1a of the name, case-folded */
	const unsigned char *p;

	for (p = (const unsigned char *)(name ? name : ""); *p; p++) {
		h ^= (uint32_t)((*p >= 'A' && *p <= 'Z') ? *p - 'A' + 'a' : *p);
		h *= 16777619u;
	}
	return (int)(h % PRODUCT_MONOGRAM_TONES);
}

enum core_err
product_input_of(const struct product *p, struct product_input *in, struct product_spec *specs,
    const char **slugs, json_t **hold)
{
	json_t *a = NULL, *row;
	size_t i, n = 0;

	memset(in, 0, sizeof(*in));
	*hold = NULL;
	in->sku = p->sku;
	in->name = p->name;
	in->slug = p->slug;
	in->manufacturer = p->manufacturer;
	in->type = p->type;
	in->billing_period = p->billing_period;
	in->unit_cost = p->unit_cost;
	in->unit_label = p->unit_label;
	in->min_quantity = p->min_quantity;
	in->max_quantity = p->max_quantity;
	in->trial_days = p->trial_days;
	in->short_description = p->short_description[0] ? p->short_description : NULL;
	in->description = p->description;
	in->image_url = p->image_url[0] ? p->image_url : NULL;
	in->image_media_id = p->image_media_id;
	in->connector = p->connector;
	in->active = p->active;
	in->featured = p->featured;
	in->recommended_markup_bp = p->recommended_markup_bp;
	for (i = 0; i < p->ncategories; i++)
		slugs[i] = p->category_slugs[i];
	in->category_slugs = slugs;
	in->ncategories = p->ncategories;
	if (p->specs != NULL && (a = json_loads(p->specs, 0, NULL)) == NULL)
		return CORE_ENOMEM;
	json_array_foreach(a, i, row) {
		if (n >= PRODUCT_SPECS_MAX)
			break;
		specs[n].key = json_string_value(json_object_get(row, "key"));
		specs[n].value = json_string_value(json_object_get(row, "value"));
		if (specs[n].key != NULL && specs[n].value != NULL)
			n++;
	}
	in->specs = n ? specs : NULL;
	in->nspecs = n;
	*hold = a;
	return CORE_OK;
}
