/*
 * fuzz_api.c - a Marketplace API request body (fcgi/api.c): JSON parsed as
 * the API parses it (JSON_REJECT_DUPLICATES), then checked against a
 * field table the way every route checks its body (api_fields).
 *
 * Input: the body's bytes.
 * Contracts checked: a body jansson refuses is never checked further;
 * api_fields either passes (0: an object with every required member, of
 * its type and within its bounds, and no unknown member) or answers once
 * (-1: 400 for a non-object, 422 listing the fields), as problem+json
 * that parses again and names a type URI, whose errors name only fields
 * of the table or of the body, each with a message: nothing else.
 */
#include <jansson.h>
#include "fuzz.h"
#include "api.h"
#include "request.h"
#include "str.h"

static int
plain_id(const char *s)
{
	return s[0] != '\0' && strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-") == strlen(s);
}

/* the shapes of the API's bodies: strings with bounds and a form, integers, booleans, an array */
static const struct api_field fields[] = {
	{ "name", API_FT_STRING, 1, 1, 200, 0, NULL, NULL },
	{ "email", API_FT_STRING, 0, 3, 254, 0, str_email_valid, "This is not an e-mail address." },
	{ "sku", API_FT_STRING, 0, 0, 64, 1, plain_id, "Lower-case letters, digits and dashes." },
	{ "quantity", API_FT_INT, 0, 1, 100000, 0, NULL, NULL },
	{ "active", API_FT_BOOL, 0, 0, 0, 0, NULL, NULL },
	{ "lines", API_FT_ARRAY, 0, 1, 50, 0, NULL, NULL },
};
#define NFIELDS (sizeof(fields) / sizeof(fields[0]))

/* passes - what api_fields must have found for a body it passed. */
static void
check_passed(json_t *o)
{
	const char *key;
	json_t *v;
	size_t i;

	FUZZ_CHECK(json_is_object(o));
	json_object_foreach(o, key, v) {
		for (i = 0; i < NFIELDS && strcmp(fields[i].name, key) != 0; i++)
			;
		FUZZ_CHECK(i < NFIELDS);
	}
	for (i = 0; i < NFIELDS; i++) {
		v = json_object_get(o, fields[i].name);
		if (v == NULL) {
			FUZZ_CHECK(!fields[i].required);
			continue;
		}
		switch (fields[i].type) {
		case API_FT_STRING:
			FUZZ_CHECK(json_is_string(v) || (json_is_null(v) && fields[i].nullable));
			if (json_is_string(v)) {
				size_t n = str_utf8_len(json_string_value(v));

				FUZZ_CHECK((int64_t)n >= fields[i].min && (int64_t)n <= fields[i].max);
			}
			break;
		case API_FT_INT:
			FUZZ_CHECK(json_is_integer(v) && json_integer_value(v) >= fields[i].min &&
			    json_integer_value(v) <= fields[i].max);
			break;
		case API_FT_BOOL:
			FUZZ_CHECK(json_is_boolean(v));
			break;
		case API_FT_ARRAY:
			FUZZ_CHECK(json_is_array(v));
			break;
		}
	}
}

/* known - 1 when name is a field of the table or a member of the body. */
static int
known(const char *name, json_t *body)
{
	size_t i;

	for (i = 0; i < NFIELDS; i++)
		if (strcmp(fields[i].name, name) == 0)
			return 1;
	return json_is_object(body) && json_object_get(body, name) != NULL;
}

/* check_answer - the one reply api_fields made: 400 or 422 problem+json, errors about the body only. */
static void
check_answer(const struct buf *out, json_t *in)
{
	const char *body, *type, *field;
	json_t *p, *e;
	int status = 0;
	size_t i;

	FUZZ_CHECK(out->len > 0);
	sscanf(out->data, "Status: %d", &status);
	FUZZ_CHECK(status == 400 || status == 422);
	FUZZ_CHECK(strstr(out->data, "application/problem+json") != NULL);
	body = strstr(out->data, "\r\n\r\n");
	FUZZ_CHECK(body != NULL);
	p = json_loads(body + 4, 0, NULL);
	FUZZ_CHECK(p != NULL);
	type = json_string_value(json_object_get(p, "type"));
	FUZZ_CHECK(type != NULL && strncmp(type, "https://", 8) == 0);
	FUZZ_CHECK(json_integer_value(json_object_get(p, "status")) == status);
	if (status == 422) {
		FUZZ_CHECK(json_array_size(json_object_get(p, "errors")) > 0);
		json_array_foreach(json_object_get(p, "errors"), i, e) {
			field = json_string_value(json_object_get(e, "field"));
			FUZZ_CHECK(field != NULL && known(field, in));
			FUZZ_CHECK(json_string_length(json_object_get(e, "message")) > 0);
		}
	}
	json_decref(p);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct apicall c;
	struct request req;
	json_error_t err;
	json_t *j;
	int rc;

	if (size > 65536)
		return 0;
	j = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &err);
	if (j == NULL)
		return 0;
	request_init(&req, NULL, NULL);
	memset(&c, 0, sizeof(c));
	c.req = &req;
	c.json = j;
	rc = api_fields(&c, fields, NFIELDS);
	FUZZ_CHECK(rc == 0 || rc == -1);
	if (rc == 0) {
		check_passed(j);
		FUZZ_CHECK(req.captured.len == 0);
	} else
		check_answer(&req.captured, j);
	request_free(&req);
	json_decref(j);
	return 0;
}
