/*
 * product.c - a product as core reads it: the names and labels of its
 * type and connector, filling one from a catalog row, releasing it, and
 * its JSON for templates and for the audit log.  See product.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buf.h"
#include "money.h"
#include "product.h"
#include "str.h"

/* The columns of PRODUCT_COLS and what follows them (product.h). */
enum {
	COL_ID, COL_DISTRIBUTOR, COL_SKU, COL_NAME, COL_SLUG, COL_MANUFACTURER, COL_TYPE, COL_PERIOD,
	COL_COST, COL_CURRENCY, COL_UNIT_LABEL, COL_MIN_Q, COL_MAX_Q, COL_TRIAL, COL_SHORT, COL_IMAGE,
	COL_CONNECTOR, COL_ACTIVE, COL_CAT_NAMES, COL_CAT_SLUGS, COL_HAS_LISTING, COL_LISTED, COL_MARKUP,
	COL_DESCRIPTION
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
};
#undef COL

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
	return CORE_OK;
}

void
product_done(struct product *p)
{
	if (p == NULL)
		return;
	free(p->description);
	p->description = NULL;
}

DB_LIST_FREE_EACH_FN(product_list_free, product_list, n, product_done)

DB_LIST_FREE_FN(category_list_free, category_list)

json_t *
product_to_json(const struct product *p)
{
	/* a usage plan without a fixed price is billed on what is used: no price, no period */
	int metered = p->type == PRODUCT_USAGE && p->price == 0;
	int64_t amount = p->for_reseller ? p->price : p->unit_cost;
	char price[64], path[256];
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
	if (p->image_url[0])
		json_object_set_new(o, "image_url", json_string(p->image_url));
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
	return o;
}

