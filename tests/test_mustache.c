/*
 * test_mustache.c - the official Mustache spec, read at test time, plus
 * unit tests for errors, recursion, escaping, the template set and a
 * garbage loop that must never crash.
 *
 * The spec folder is $SHELF_MUSTACHE_SPEC, else tests/mustache-spec,
 * the copy the tree carries (MIT, its LICENSE beside it), relative to
 * the current directory (tests run from the repository root).  Every
 * *.json case in it must pass; a missing folder fails.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "mustache.h"

#define SPEC_DEFAULT	"tests/mustache-spec"
#define FUZZ_RANDOM	10000		/* of each kind: random bytes, mutated seeds */

static const char *spec_dir;
static int spec_run, spec_passed;

/* Partials from a JSON object of name -> source; arg is the object. */
static enum core_err
json_loader(void *arg, const char *name, struct buf *src, char *why, size_t whysz)
{
	json_t *v = json_object_get(arg, name);

	if (!json_is_string(v)) {
		snprintf(why, whysz, "no partial '%s' in the test", name);
		return CORE_NOTFOUND;
	}
	return buf_append(src, json_string_value(v), json_string_length(v));
}

static int
spec_case(const char *file, json_t *tc)
{
	const char *name = json_string_value(json_object_get(tc, "name"));
	json_t *tmpl = json_object_get(tc, "template");
	json_t *want = json_object_get(tc, "expected");
	json_t *partials = json_object_get(tc, "partials");
	struct mustache_set *set;
	struct mustache_error err;
	struct buf out = { NULL, 0, 0 };
	enum core_err er;
	int ok;

	if (!json_is_string(tmpl) || !json_is_string(want)) {
		printf("  %s: case '%s' has no template or expected text\n", file, name);
		return 0;
	}
	set = mustache_set_new(json_loader, partials, 0);
	assert_non_null(set);
	er = mustache_render_bytes(json_string_value(tmpl), json_string_length(tmpl),
	    json_object_get(tc, "data"), set, &out, &err);
	ok = er == CORE_OK && out.len == json_string_length(want) &&
	    memcmp(buf_cstr(&out), json_string_value(want), out.len) == 0;
	if (!ok) {
		printf("  FAIL %s: %s\n    template: ", file, name ? name : "?");
		json_dumpf(tmpl, stdout, JSON_ENCODE_ANY);
		printf("\n    expected: ");
		json_dumpf(want, stdout, JSON_ENCODE_ANY);
		if (er == CORE_OK) {
			json_t *got = json_stringn(buf_cstr(&out), out.len);

			printf("\n    got:      ");
			json_dumpf(got, stdout, JSON_ENCODE_ANY);
			json_decref(got);
			printf("\n");
		} else
			printf("\n    error:    %s:%d:%d: %s\n", err.name, err.line,
			    err.column, err.message);
	}
	buf_free(&out);
	mustache_set_free(set);
	return ok;
}

/* One cmocka test per spec file; state is the file name. */
static void
test_spec_file(void **state)
{
	const char *file = *state;
	char path[4096];
	json_error_t jerr;
	json_t *root, *tests;
	size_t i;
	int failed = 0;

	snprintf(path, sizeof(path), "%s/%s", spec_dir, file);
	root = json_load_file(path, 0, &jerr);
	if (root == NULL)
		fail_msg("%s:%d:%d: %s", path, jerr.line, jerr.column, jerr.text);
	tests = json_object_get(root, "tests");
	assert_true(json_is_array(tests));
	for (i = 0; i < json_array_size(tests); i++) {
		spec_run++;
		if (spec_case(file, json_array_get(tests, i)))
			spec_passed++;
		else
			failed++;
	}
	json_decref(root);
	if (failed)
		fail_msg("%s: %d case(s) failed", file, failed);
}

static void
test_spec_missing(void **state)
{
	fail_msg("no mustache spec files (*.json) in '%s': set SHELF_MUSTACHE_SPEC or "
	    "run from the repository root (tests/mustache-spec)", spec_dir);
}

/* ---- unit tests ------------------------------------------------------ */

static void
test_error_positions(void **state)
{
	static const struct {
		const char	*src;
		int		 line, col;
		const char	*words;
	} cases[] = {
		{ "a\n  {{#x}}\nb", 2, 3, "unclosed section 'x'" },
		{ "{{#a}}\n{{^b}}{{/b}}\n  {{/c}}", 3, 3, "does not match section 'a'" },
		{ "x\n{{/x}}", 2, 1, "without an open section" },
		{ "ab {{y", 1, 4, "unclosed tag" },
		{ "\n\n  {{{y}}", 3, 3, "unclosed tag" },
		{ "{{=<% %>}}", 1, 1, "unclosed tag" },
		{ "1\n {{= a =}}", 2, 2, "bad delimiter" },
		{ "{{=a=b c=}}", 1, 1, "bad delimiter" },
		{ "{{=<% %>=}}\n<%#s%>\n<%/t%>", 3, 1, "does not match" },
		{ "x {{ }}", 1, 3, "empty tag name" },
		{ "{{<p}}{{$b}}{{/p}}", 1, 13, "does not match block 'b'" },
		{ "{{$b}}", 1, 1, "unclosed block 'b'" },
		{ "{{!never closed", 1, 1, "unclosed tag" },
	};
	struct mustache_tpl *tpl;
	struct mustache_error err;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(&err, 0, sizeof(err));
		assert_int_equal(mustache_compile("page.mustache", cases[i].src,
		    strlen(cases[i].src), &tpl, &err), CORE_TEMPLATE);
		assert_null(tpl);
		if (err.line != cases[i].line || err.column != cases[i].col ||
		    strstr(err.message, cases[i].words) == NULL)
			fail_msg("case %zu: got %s:%d:%d: %s", i, err.name, err.line,
			    err.column, err.message);
		assert_string_equal(err.name, "page.mustache");
	}
}

static void
test_nesting_bound(void **state)
{
	struct buf src = { NULL, 0, 0 };
	struct mustache_tpl *tpl;
	struct mustache_error err;
	int i;

	for (i = 0; i < 5000; i++)
		assert_int_equal(buf_puts(&src, "{{#a}}"), CORE_OK);
	assert_int_equal(mustache_compile("deep", src.data, src.len, &tpl, &err), CORE_TEMPLATE);
	assert_non_null(strstr(err.message, "nested"));
	buf_free(&src);
}

static enum core_err
render_with(const char *partials_json, const char *src, const char *data,
    unsigned flags, struct buf *out, struct mustache_error *err)
{
	json_t *partials = json_loads(partials_json, 0, NULL);
	json_t *ctx = data ? json_loads(data, JSON_DECODE_ANY, NULL) : NULL;
	struct mustache_set *set = mustache_set_new(json_loader, partials, flags);
	enum core_err er;

	assert_non_null(partials);
	assert_non_null(set);
	memset(err, 0, sizeof(*err));
	buf_reset(out);
	er = mustache_render_bytes(src, strlen(src), ctx, set, out, err);
	mustache_set_free(set);
	json_decref(partials);
	json_decref(ctx);
	return er;
}

static void
test_recursion(void **state)
{
	static const struct {
		const char	*partials, *src;
	} cases[] = {
		{ "{\"self\": \"x{{>self}}\"}", "{{>self}}" },
		{ "{\"a\": \"{{>b}}\", \"b\": \"  {{>a}}\\n\"}", "{{>a}}" },
		{ "{\"p\": \"{{<p}}{{/p}}\"}", "{{<p}}{{/p}}" },
		{ "{\"p\": \"{{$a}}{{/a}}\"}", "{{<p}}{{$a}}{{$a}}x{{/a}}{{/a}}{{/p}}" },
		{ "{\"l\": \"{{#list}}{{>l}}{{/list}}\"}", "{{>l}}" },
	};
	struct buf out = { NULL, 0, 0 };
	struct mustache_error err;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(render_with(cases[i].partials, cases[i].src,
		    "{\"list\": [1]}", 0, &out, &err), CORE_TEMPLATE);
		if (strstr(err.message, "deep") == NULL || err.line < 1)
			fail_msg("case %zu: %s:%d:%d: %s", i, err.name, err.line,
			    err.column, err.message);
		assert_int_equal(out.len, 0);
	}
	/* Recursion that ends by the data is fine. */
	assert_int_equal(render_with("{\"n\": \"[{{v}}{{#k}}{{>n}}{{/k}}]\"}", "{{>n}}",
	    "{\"v\":1,\"k\":{\"v\":2,\"k\":{\"v\":3,\"k\":false}}}", 0, &out, &err), CORE_OK);
	assert_string_equal(buf_cstr(&out), "[1[2[3]]]");
	buf_free(&out);
}

static void
test_escaping(void **state)
{
	static const struct {
		const char	*src, *data, *want;
	} cases[] = {
		{ "{{x}}", "{\"x\": \"&<>\\\"'\"}", "&amp;&lt;&gt;&quot;&#39;" },
		{ "{{{x}}}|{{&x}}", "{\"x\": \"&<>\\\"'\"}", "&<>\"'|&<>\"'" },
		{ "a{{x}}b", "{\"x\": \"plain & <b>\"}", "aplain &amp; &lt;b&gt;b" },
		{ "{{n}} {{r}} {{t}} {{f}} {{z}} {{o}}", "{\"n\": -12, \"r\": 0.1, "
		    "\"t\": true, \"f\": false, \"z\": null, \"o\": {\"a\": 1}}",
		    "-12 0.1 true false  " },
		{ "{{#e}}E{{/e}}{{#z}}Z{{/z}}{{#o}}O{{/o}}{{^e}}e{{/e}}{{^z}}z{{/z}}",
		    "{\"e\": \"\", \"z\": 0, \"o\": {}}", "Oez" },
		{ "{{#items}}<li>{{name}}</li>{{/items}}",
		    "{\"items\": [{\"name\": \"<i>\"}, {\"name\": \"O'Neil\"}]}",
		    "<li>&lt;i&gt;</li><li>O&#39;Neil</li>" },
		{ "{{x}}", "{\"x\": \"caf\\u00e9\\u0000!\"}", "caf\xc3\xa9\0!" },
	};
	struct buf out = { NULL, 0, 0 };
	struct mustache_error err;
	size_t i, wl;
	json_t *ctx;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ctx = json_loads(cases[i].data, JSON_ALLOW_NUL, NULL);
		assert_non_null(ctx);
		buf_reset(&out);
		assert_int_equal(mustache_render_bytes(cases[i].src, strlen(cases[i].src),
		    ctx, NULL, &out, &err), CORE_OK);
		wl = i == 6 ? 7 : strlen(cases[i].want);
		if (out.len != wl || memcmp(out.data, cases[i].want, wl) != 0)
			fail_msg("case %zu: got '%s'", i, buf_cstr(&out));
		json_decref(ctx);
	}
	buf_free(&out);
}

static void
test_indentation(void **state)
{
	static const struct {
		const char	*partials, *src, *want;
	} cases[] = {
		/* Nested standalone partials add up their indentation. */
		{ "{\"o\": \"<ul>\\n  {{>i}}\\n</ul>\\n\", \"i\": \"<li>\\n{{#l}}\\n  {{.}}\\n{{/l}}\\n</li>\\n\"}",
		    "<div>\n  {{>o}}\n</div>\n",
		    "<div>\n  <ul>\n    <li>\n      1\n      2\n    </li>\n  </ul>\n</div>\n" },
		/* An inline partial is not indented after its first line. */
		{ "{\"p\": \"a\\nb\"}", "  x {{>p}} y\n", "  x a\nb y\n" },
		/* A layout with blocks, as the storefront uses them. */
		{ "{\"layout\": \"<body>\\n  {{$main}}\\n  default\\n  {{/main}}\\n</body>\\n\"}",
		    "{{<layout}}\n{{$main}}\n<p>{{x}}</p>\n<p>two</p>\n{{/main}}\n{{/layout}}\n",
		    "<body>\n  <p>1</p>\n  <p>two</p>\n</body>\n" },
	};
	struct buf out = { NULL, 0, 0 };
	struct mustache_error err;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(render_with(cases[i].partials, cases[i].src,
		    "{\"l\": [1, 2], \"x\": 1}", 0, &out, &err), CORE_OK);
		if (strcmp(buf_cstr(&out), cases[i].want) != 0)
			fail_msg("case %zu: got '%s'", i, buf_cstr(&out));
	}
	buf_free(&out);
}

struct counting {
	json_t	*partials;
	int	 calls;
};

static enum core_err
counting_loader(void *arg, const char *name, struct buf *src, char *why, size_t whysz)
{
	struct counting *c = arg;

	c->calls++;
	return json_loader(c->partials, name, src, why, whysz);
}

static void
test_set(void **state)
{
	struct counting cnt = { NULL, 0 };
	struct mustache_set *set;
	struct mustache_error err;
	struct buf out = { NULL, 0, 0 };
	const struct mustache_tpl *tpl;
	json_t *ctx = json_pack("{s:s}", "who", "you");
	int i;

	cnt.partials = json_pack("{s:s, s:s}", "page", "{{>head}}{{>head}}{{>nope}}!",
	    "head", "<h1>{{who}}</h1>");
	set = mustache_set_new(counting_loader, &cnt, 0);
	assert_non_null(set);
	for (i = 0; i < 3; i++) {
		buf_reset(&out);
		assert_int_equal(mustache_set_render(set, "page", ctx, &out, &err), CORE_OK);
		assert_string_equal(buf_cstr(&out), "<h1>you</h1><h1>you</h1>!");
	}
	assert_int_equal(cnt.calls, 3);		/* page, head, nope: once each */
	assert_int_equal(mustache_set_get(set, "nope", &tpl, &err), CORE_NOTFOUND);
	assert_null(tpl);
	assert_int_equal(mustache_set_render(set, "nope", ctx, &out, &err), CORE_NOTFOUND);
	assert_int_equal(mustache_set_add(set, "head", "x", 1, &err), CORE_CONFLICT);
	assert_int_equal(mustache_set_add(set, "extra", "[{{>head}}]", 11, &err), CORE_OK);
	assert_int_equal(mustache_set_add(set, "", "x", 1, &err), CORE_INVALID);
	assert_int_equal(mustache_set_add(set, "bad", "{{#x}}", 6, &err), CORE_TEMPLATE);
	buf_reset(&out);
	assert_int_equal(mustache_set_render(set, "extra", ctx, &out, &err), CORE_OK);
	assert_string_equal(buf_cstr(&out), "[<h1>you</h1>]");
	assert_int_equal(cnt.calls, 3);
	mustache_set_free(set);

	/* Strict: a missing partial is an error at the tag; output rolls back. */
	set = mustache_set_new(counting_loader, &cnt, MUSTACHE_STRICT_PARTIALS);
	buf_reset(&out);
	assert_int_equal(buf_puts(&out, "kept"), CORE_OK);
	assert_int_equal(mustache_set_render(set, "page", ctx, &out, &err), CORE_TEMPLATE);
	assert_string_equal(err.name, "page");
	assert_int_equal(err.line, 1);
	assert_int_equal(err.column, 19);
	assert_non_null(strstr(err.message, "'nope' not found"));
	assert_string_equal(buf_cstr(&out), "kept");
	mustache_set_free(set);

	/* A malformed partial reports its own name and position. */
	json_object_set_new(cnt.partials, "head", json_string("ok\n{{/x}}"));
	set = mustache_set_new(counting_loader, &cnt, 0);
	assert_int_equal(mustache_set_render(set, "page", ctx, &out, &err), CORE_TEMPLATE);
	assert_string_equal(err.name, "head");
	assert_int_equal(err.line, 2);
	assert_int_equal(err.column, 1);
	mustache_set_free(set);
	json_decref(cnt.partials);
	json_decref(ctx);
	buf_free(&out);
}

static void
test_null_and_limits(void **state)
{
	struct mustache_tpl *tpl;
	struct mustache_error err;
	struct buf out = { NULL, 0, 0 };
	const char *p;
	char *big;

	assert_int_equal(mustache_compile(NULL, NULL, 0, &tpl, NULL), CORE_OK);
	assert_string_equal(mustache_name(tpl), "template");
	assert_int_equal(mustache_render(tpl, NULL, NULL, &out, NULL), CORE_OK);
	assert_int_equal(out.len, 0);
	mustache_free(tpl);
	mustache_free(NULL);
	mustache_set_free(NULL);
	assert_int_equal(mustache_render(NULL, NULL, NULL, &out, &err), CORE_INVALID);
	p = "{{>p}}{{<q}}{{/q}}{{x}}.";
	assert_int_equal(mustache_render_bytes(p, strlen(p), NULL, NULL, &out, &err), CORE_OK);
	assert_string_equal(buf_cstr(&out), ".");
	big = malloc(MUSTACHE_MAX_SOURCE + 1);
	assert_non_null(big);
	memset(big, 'a', MUSTACHE_MAX_SOURCE + 1);
	assert_int_equal(mustache_compile("big", big, MUSTACHE_MAX_SOURCE + 1, &tpl, &err),
	    CORE_RANGE);
	assert_null(tpl);
	assert_int_equal(err.line, 0);
	free(big);
	buf_free(&out);
}

/* ---- garbage: random bytes and mutated spec templates ---------------- */

static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static uint32_t
rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 16);
}

static const char *const pieces[] = {
	"{{", "}}", "{{{", "}}}", "{{#a}}", "{{/a}}", "{{^list}}", "{{/list}}",
	"{{>p}}", "{{<p}}", "{{/p}}", "{{$b}}", "{{/b}}", "{{=<% %>=}}", "<%", "%>",
	"{{!", "\n", "\r\n", "  ", "\t", ".", "{{.}}", "{{&x}}", "{{a.b.c}}", "=",
	"#", "/", "^", ">", "<", "$", "&", "!", "{", "}", "\0",
};

static void
fuzz_one(struct mustache_set *set, json_t *data, const char *src, size_t len)
{
	struct buf out = { NULL, 0, 0 };
	struct mustache_error err;
	enum core_err er;

	memset(&err, 0, sizeof(err));
	er = mustache_render_bytes(src, len, data, set, &out, &err);
	if (er != CORE_OK && err.message[0] == '\0')
		fail_msg("error %s without a message", core_errname(er));
	buf_free(&out);
}

static void
test_garbage(void **state)
{
	json_t *templates = json_array(), *partials, *data;
	struct mustache_set *set;
	struct buf src = { NULL, 0, 0 };
	DIR *d;
	struct dirent *de;
	char path[4096];
	size_t i, k, n, t, at, iters = FUZZ_RANDOM;
	const char *p;

	/* SHELF_MUSTACHE_FUZZ=N runs N of each kind instead, for longer hunts. */
	if ((p = getenv("SHELF_MUSTACHE_FUZZ")) != NULL && atol(p) > 0)
		iters = (size_t)atol(p);

	partials = json_pack("{s:s, s:s, s:s, s:s}", "p", "<{{$b}}d{{/b}}{{>q}}>",
	    "q", "{{#a}}{{>q}}{{/a}}", "self", "{{>self}}", "x", "  {{>p}}\n");
	data = json_loads("{\"a\": {\"b\": {\"c\": \"<&>\"}, \"a\": false}, "
	    "\"list\": [1, \"two\", {\"a\": [3]}], \"x\": \"X\", \"b\": true}", 0, NULL);
	assert_non_null(data);
	/* The spec's templates and partials are the seeds. */
	if ((d = opendir(spec_dir)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			json_t *root, *tests, *tc, *v;
			const char *key;

			n = strlen(de->d_name);
			if (n < 5 || strcmp(de->d_name + n - 5, ".json") != 0)
				continue;
			snprintf(path, sizeof(path), "%s/%s", spec_dir, de->d_name);
			if ((root = json_load_file(path, 0, NULL)) == NULL)
				continue;
			tests = json_object_get(root, "tests");
			json_array_foreach(tests, i, tc) {
				json_array_append(templates, json_object_get(tc, "template"));
				json_object_foreach(json_object_get(tc, "partials"), key, v)
					json_array_append(templates, v);
			}
			json_decref(root);
		}
		closedir(d);
	}
	json_array_append_new(templates, json_string("{{<p}}{{$b}}x{{/b}}{{/p}}{{#list}}{{.}}{{/list}}"));
	set = mustache_set_new(json_loader, partials, 0);
	assert_non_null(set);
	for (i = 0; i < iters; i++) {
		buf_reset(&src);
		n = rnd() % 64;
		for (k = 0; k < n; k++) {
			if (rnd() % 2) {
				p = pieces[rnd() % (sizeof(pieces) / sizeof(pieces[0]))];
				buf_append(&src, p, *p ? strlen(p) : 1);
			} else
				buf_putc(&src, (char)(rnd() & 0xff));
		}
		fuzz_one(set, data, src.data, src.len);
	}
	for (i = 0; i < iters; i++) {
		json_t *seed = json_array_get(templates, rnd() % json_array_size(templates));

		buf_reset(&src);
		buf_append(&src, json_string_value(seed), json_string_length(seed));
		for (t = 1 + rnd() % 4; t > 0; t--) {
			at = src.len ? rnd() % (src.len + 1) : 0;
			switch (rnd() % 3) {
			case 0:		/* delete a few bytes */
				n = rnd() % 4;
				if (at + n > src.len)
					n = src.len - at;
				memmove(src.data + at, src.data + at + n, src.len - at - n);
				src.len -= n;
				break;
			case 1:		/* insert a piece */
				p = pieces[rnd() % (sizeof(pieces) / sizeof(pieces[0]))];
				n = *p ? strlen(p) : 1;
				if (buf_reserve(&src, n) != CORE_OK)
					break;
				memmove(src.data + at + n, src.data + at, src.len - at);
				memcpy(src.data + at, p, n);
				src.len += n;
				break;
			default:	/* flip a byte */
				if (at < src.len)
					src.data[at] ^= (char)(1 << (rnd() % 8));
				break;
			}
		}
		fuzz_one(set, data, src.data, src.len);
	}
	mustache_set_free(set);
	buf_free(&src);
	json_decref(templates);
	json_decref(partials);
	json_decref(data);
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
main(void)
{
	static const struct CMUnitTest units[] = {
		cmocka_unit_test(test_error_positions),
		cmocka_unit_test(test_nesting_bound),
		cmocka_unit_test(test_recursion),
		cmocka_unit_test(test_escaping),
		cmocka_unit_test(test_indentation),
		cmocka_unit_test(test_set),
		cmocka_unit_test(test_null_and_limits),
		cmocka_unit_test(test_garbage),
	};
	struct CMUnitTest *tests = NULL;
	char **files = NULL;
	size_t nfiles = 0, ntests = 0, i, n;
	struct dirent *de;
	DIR *d;
	int rc;

	spec_dir = getenv("SHELF_MUSTACHE_SPEC");
	if (spec_dir == NULL || *spec_dir == '\0')
		spec_dir = SPEC_DEFAULT;
	if ((d = opendir(spec_dir)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			n = strlen(de->d_name);
			/* Lambdas need code in the data: not supported, not run. */
			if (n < 5 || strcmp(de->d_name + n - 5, ".json") != 0 ||
			    strcmp(de->d_name, "~lambdas.json") == 0)
				continue;
			files = realloc(files, (nfiles + 1) * sizeof(*files));
			files[nfiles] = strdup(de->d_name);
			if (files == NULL || files[nfiles] == NULL)
				return 1;
			nfiles++;
		}
		closedir(d);
		if (nfiles)
			qsort(files, nfiles, sizeof(*files), cmp_names);
	} else
		printf("mustache spec: cannot open folder '%s': the spec test FAILS\n", spec_dir);
	tests = calloc(nfiles + 1 + sizeof(units) / sizeof(units[0]), sizeof(*tests));
	if (tests == NULL)
		return 1;
	if (nfiles == 0) {
		tests[ntests].name = "spec_folder";
		tests[ntests++].test_func = test_spec_missing;
	}
	for (i = 0; i < nfiles; i++) {
		tests[ntests].name = files[i];
		tests[ntests].test_func = test_spec_file;
		tests[ntests++].initial_state = files[i];
	}
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		tests[ntests++] = units[i];
	rc = _cmocka_run_group_tests("mustache", tests, ntests, NULL, NULL);
	printf("mustache spec: %d cases run, %d passed (%zu files in %s)\n",
	    spec_run, spec_passed, nfiles, spec_dir);
	if (spec_run == 0 || spec_passed != spec_run)
		rc = rc ? rc : 1;
	for (i = 0; i < nfiles; i++)
		free(files[i]);
	free(files);
	free(tests);
	return rc;
}
