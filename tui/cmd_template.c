/*
 * cmd_template.c - `shelf template render TEMPLATE DATA.json [--partials DIR]`:
 * render a theme template for its author, printing exactly the result.
 *
 * Partials and parents are read from DIR/NAME.mustache, DIR being the
 * template's own directory unless --partials says otherwise.  Unlike
 * the spec (and the engine's default), a missing partial is an error
 * here, reported at the tag that names it: for a theme author a
 * silently empty partial is almost always a typo.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "buf.h"
#include "cmd.h"
#include "mustache.h"

#define DATA_MAX	((size_t)64 << 20)	/* a JSON context file */

struct partials {
	const char	*dir;
};

static void
usage(FILE *f)
{
	fprintf(f, "usage: shelf template render TEMPLATE DATA.json [--partials DIR]\n\n"
	    "Render the Mustache TEMPLATE against the JSON value in DATA.json and print\n"
	    "the result to stdout, exactly, adding nothing.  {{>NAME}} and {{<NAME}} read\n"
	    "DIR/NAME.mustache (default DIR: the directory of TEMPLATE); a missing\n"
	    "partial is an error.  Errors print as FILE:LINE:COLUMN: MESSAGE and exit 1;\n"
	    "usage errors exit 2.\n");
}

/* A partial name must stay inside DIR: relative, no ".." component. */
static int
safe_name(const char *name)
{
	const char *p = name;
	size_t n;

	if (name[0] == '/')
		return 0;
	for (;;) {
		n = strcspn(p, "/");
		if (n == 2 && p[0] == '.' && p[1] == '.')
			return 0;
		if (p[n] == '\0')
			return 1;
		p += n + 1;
	}
}

static void
partial_path(const struct partials *pd, const char *name, char *path, size_t sz)
{
	snprintf(path, sz, "%s/%s.mustache", pd->dir, name);
}

static enum core_err
load_partial(void *arg, const char *name, struct buf *src, char *why, size_t whysz)
{
	const struct partials *pd = arg;
	char path[PATH_MAX];
	int rc;

	if (!safe_name(name)) {
		snprintf(why, whysz, "partial names must not leave %s", pd->dir);
		return CORE_NOTFOUND;
	}
	partial_path(pd, name, path, sizeof(path));
	if ((rc = buf_read_file(src, path, MUSTACHE_MAX_SOURCE)) == 0)
		return CORE_OK;
	snprintf(why, whysz, "cannot read %s: %s", path,
	    rc == EFBIG ? "larger than 4 MiB" : strerror(rc));
	return rc == ENOENT || rc == ENOTDIR ? CORE_NOTFOUND : CORE_IO;
}

int
cmd_template(int argc, char **argv)
{
	const char *pos[2] = { NULL, NULL }, *dirarg = NULL, *file;
	char dir[PATH_MAX], path[PATH_MAX], *slash;
	struct partials pd;
	struct buf src = { NULL, 0, 0 }, data = { NULL, 0, 0 }, out = { NULL, 0, 0 };
	struct mustache_tpl *tpl = NULL;
	struct mustache_set *set = NULL;
	struct mustache_error err;
	json_error_t jerr;
	json_t *ctx = NULL;
	int i, npos = 0, rc = 1, opts = 1, e;

	if (cmd_wants_help(argc, argv)) {
		usage(stdout);
		return 0;
	}
	if (argc < 2 || strcmp(argv[1], "render") != 0) {
		usage(stderr);
		return 2;
	}
	for (i = 2; i < argc; i++) {
		if (opts && strcmp(argv[i], "--") == 0)
			opts = 0;
		else if (opts && strcmp(argv[i], "--partials") == 0 && i + 1 < argc)
			dirarg = argv[++i];
		else if (opts && strncmp(argv[i], "--partials=", 11) == 0)
			dirarg = argv[i] + 11;
		else if ((opts && argv[i][0] == '-' && argv[i][1] != '\0') || npos == 2) {
			fprintf(stderr, "shelf template: unexpected argument '%s'\n", argv[i]);
			usage(stderr);
			return 2;
		} else
			pos[npos++] = argv[i];
	}
	if (npos != 2 || (dirarg != NULL && dirarg[0] == '\0')) {
		usage(stderr);
		return 2;
	}
	if (dirarg == NULL) {
		snprintf(dir, sizeof(dir), "%s", pos[0]);
		if ((slash = strrchr(dir, '/')) == NULL)
			snprintf(dir, sizeof(dir), ".");
		else if (slash == dir)
			dir[1] = '\0';
		else
			*slash = '\0';
	} else
		snprintf(dir, sizeof(dir), "%s", dirarg);
	pd.dir = dir;

	if ((e = buf_read_file(&src, pos[0], MUSTACHE_MAX_SOURCE)) != 0) {
		fprintf(stderr, "%s:0:0: cannot read: %s\n", pos[0],
		    e == EFBIG ? "larger than 4 MiB" : strerror(e));
		goto out;
	}
	if ((e = buf_read_file(&data, pos[1], DATA_MAX)) != 0) {
		fprintf(stderr, "%s:0:0: cannot read: %s\n", pos[1],
		    e == EFBIG ? "larger than 64 MiB" : strerror(e));
		goto out;
	}
	if ((ctx = json_loadb(buf_cstr(&data), data.len, JSON_DECODE_ANY, &jerr)) == NULL) {
		fprintf(stderr, "%s:%d:%d: bad JSON: %s\n", pos[1], jerr.line, jerr.column,
		    jerr.text);
		goto out;
	}
	if ((set = mustache_set_new(load_partial, &pd, MUSTACHE_STRICT_PARTIALS)) == NULL) {
		fprintf(stderr, "shelf template: %s\n", core_strerror(CORE_ENOMEM));
		goto out;
	}
	if (mustache_compile(pos[0], src.data, src.len, &tpl, &err) != CORE_OK ||
	    mustache_render(tpl, ctx, set, &out, &err) != CORE_OK) {
		/* err.name is the root template or a partial's name. */
		file = pos[0];
		if (tpl != NULL && strcmp(err.name, mustache_name(tpl)) != 0) {
			partial_path(&pd, err.name, path, sizeof(path));
			file = path;
		}
		fprintf(stderr, "%s:%d:%d: %s\n", file, err.line, err.column, err.message);
		goto out;
	}
	if (out.len && fwrite(out.data, 1, out.len, stdout) != out.len) {
		fprintf(stderr, "shelf template: cannot write output: %s\n", strerror(errno));
		goto out;
	}
	if (fflush(stdout) != 0) {
		fprintf(stderr, "shelf template: cannot write output: %s\n", strerror(errno));
		goto out;
	}
	rc = 0;
out:
	mustache_free(tpl);
	mustache_set_free(set);
	json_decref(ctx);
	buf_free(&src);
	buf_free(&data);
	buf_free(&out);
	return rc;
}
