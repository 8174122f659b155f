/*
 * mustache.h - the Mustache template engine of the storefront themes.
 *
 * Implements the official spec modules interpolation, sections,
 * inverted, comments, partials, delimiters and ~inheritance (parents
 * and blocks, with the block re-indentation rules); no lambdas.  A
 * template is compiled once into an immutable tree and rendered many
 * times against a jansson value into a struct buf.
 *
 * Two ways in:
 *  - mustache_compile + mustache_render: one template, partials and
 *    parents resolved through an optional template set;
 *  - struct mustache_set: a cache of compiled templates by name, filled
 *    on demand by a loader callback (name -> bytes).  A storefront keeps
 *    one set per theme per process and renders from it for every
 *    request; each partial or parent is read and compiled once.
 *
 * Partials and parents are resolved at render time, so recursive
 * partials that terminate by their data work; nesting of partials,
 * parents and block overrides is bounded (MUSTACHE_MAX_DEPTH) and a
 * recursion that does not end is a CORE_TEMPLATE error, never a stack
 * overflow.  Sources are bounded by MUSTACHE_MAX_SOURCE, output by
 * BUF_MAX, and the work of one render by MUSTACHE_MAX_STEPS node
 * visits (a catalog page takes a few thousand), so no input can crash
 * the process or make a render run for ever.
 *
 * Value semantics: false, null, a missing name, 0, 0.0, "" and [] are
 * falsey (the spec's "!!data" coercion); {} is truthy.  Strings
 * interpolate as they are, integers in decimal, reals in the shortest
 * form that reads back exactly, true/false as "true"/"false", null,
 * objects and arrays as nothing.  {{x}} escapes & < > " ' as &amp;
 * &lt; &gt; &quot; &#39;; {{{x}}} and {{&x}} do not.
 *
 * Not thread-safe: a set and the templates in it may be used by one
 * thread at a time.  Rendering never modifies a compiled template.
 */
#ifndef SHELF_MUSTACHE_H
#define SHELF_MUSTACHE_H

#include <stddef.h>
#include <jansson.h>
#include "buf.h"
#include "err.h"

#define MUSTACHE_MAX_SOURCE	((size_t)4 << 20)	/* 4 MiB per template */
#define MUSTACHE_MAX_DEPTH	64	/* partials + parents + block overrides */
#define MUSTACHE_MAX_NESTING	100	/* sections/blocks nested in one template */
#define MUSTACHE_MAX_NAME	255	/* bytes in a template or partial name */
#define MUSTACHE_MAX_STEPS	((unsigned long)1 << 23)	/* nodes visited by one render */

/*
 * Where and why compiling or rendering failed.  name is the template
 * the problem is in (its set name, or the name given to
 * mustache_compile), line and column are 1-based byte positions in
 * that template's source (0:0 when the problem has no position, e.g.
 * a source that is too big), message is an English sentence without
 * the position.  Always NUL-terminated; truncated when too long.
 */
struct mustache_error {
	char	name[256];
	int	line;
	int	column;
	char	message[256];
};

/* A compiled template: immutable, owned by whoever compiled it (or by its set). */
struct mustache_tpl;

/* A cache of compiled templates by name with a loader; see mustache_set_new. */
struct mustache_set;

/*
 * mustache_loader - fetch the source of the template called name.
 *
 * Append the bytes to src (empty on entry) and return CORE_OK, or
 * return CORE_NOTFOUND when there is no such template (the spec renders
 * a missing partial as the empty string unless the set is strict), or
 * another error (CORE_IO, CORE_ENOMEM, CORE_RANGE...) to fail the
 * render.  It may write a short human reason ("cannot read x: No such
 * file or directory") into why (whysz bytes, NUL-terminated); the
 * engine puts it in the error message.  name is never NULL and at most
 * MUSTACHE_MAX_NAME bytes; the loader must not trust it as a path.
 */
typedef enum core_err (*mustache_loader)(void *arg, const char *name,
    struct buf *src, char *why, size_t whysz);

/* Flags for mustache_set_new. */
#define MUSTACHE_STRICT_PARTIALS 0x1	/* a missing partial/parent is a CORE_TEMPLATE error */

/*
 * mustache_compile - parse src (len bytes, need not be NUL-terminated,
 * may contain NUL bytes) into a template called name.
 *
 * This is the one byte-level entry point: every source, from a file, a
 * loader or a fuzzer, goes through it.  name (NULL means "template")
 * is copied, truncated to MUSTACHE_MAX_NAME bytes; it is only used in
 * errors.  src may be NULL when len is 0; out must not be NULL
 * (CORE_INVALID).  On success *out is a new
 * template the caller frees with mustache_free.  Returns CORE_TEMPLATE
 * for malformed templates (unclosed or mismatched section, bad
 * delimiter tag, unclosed tag, empty tag name, nesting deeper than
 * MUSTACHE_MAX_NESTING), CORE_RANGE for a source over
 * MUSTACHE_MAX_SOURCE, CORE_ENOMEM; on error *out is NULL and err
 * (which may be NULL) says where and why.
 */
enum core_err mustache_compile(const char *name, const char *src, size_t len,
    struct mustache_tpl **out, struct mustache_error *err);

/* mustache_free - release a template from mustache_compile; NULL is a no-op.
 * Never call it on a template borrowed from a set. */
void mustache_free(struct mustache_tpl *tpl);

/* mustache_name - the name the template was compiled under; borrowed, never NULL. */
const char *mustache_name(const struct mustache_tpl *tpl);

/*
 * mustache_render - render tpl against ctx, appending to out.
 *
 * ctx is the root of the context stack; NULL renders as an empty
 * context.  Partials and parents are looked up in set, which may be
 * NULL (then every partial is missing and renders as nothing).  The
 * set may compile and cache templates during the call; tpl itself is
 * not modified, so it may be rendered again and again.  On error out
 * is restored to its length on entry and err (may be NULL) is filled:
 * CORE_TEMPLATE for partial recursion deeper than MUSTACHE_MAX_DEPTH,
 * a render visiting more than MUSTACHE_MAX_STEPS nodes, a malformed or
 * (strict set) missing partial; CORE_RANGE when out would pass
 * BUF_MAX; CORE_ENOMEM; or the error the set's loader returned.
 */
enum core_err mustache_render(const struct mustache_tpl *tpl, const json_t *ctx,
    struct mustache_set *set, struct buf *out, struct mustache_error *err);

/*
 * mustache_render_bytes - compile src and render it once (no cache for
 * the template itself); partials through set as in mustache_render.
 * For one-off renders, tests and fuzzing; errors as in both functions.
 */
enum core_err mustache_render_bytes(const char *src, size_t len, const json_t *ctx,
    struct mustache_set *set, struct buf *out, struct mustache_error *err);

/*
 * mustache_set_new - a new empty set whose templates come from
 * loader(arg, name, ...).  loader may be NULL: only templates added
 * with mustache_set_add exist.  arg is borrowed and must outlive the
 * set.  flags is 0 or MUSTACHE_STRICT_PARTIALS.  Returns NULL when out
 * of memory.  Free with mustache_set_free.
 */
struct mustache_set *mustache_set_new(mustache_loader loader, void *arg, unsigned flags);

/* mustache_set_free - free the set and every template in it; NULL is a no-op. */
void mustache_set_free(struct mustache_set *set);

/*
 * mustache_set_add - compile src (as mustache_compile) and cache it
 * under name, so partial and parent tags naming it find it without
 * the loader.  Returns CORE_CONFLICT (err filled) if name is already
 * cached, CORE_INVALID for a NULL, empty or over-long name, otherwise
 * as mustache_compile.
 */
enum core_err mustache_set_add(struct mustache_set *set, const char *name,
    const char *src, size_t len, struct mustache_error *err);

/*
 * mustache_set_get - the compiled template called name: from the
 * cache, else loaded and compiled once and cached.  *out is borrowed
 * from the set and lives until mustache_set_free.  Returns
 * CORE_NOTFOUND (*out NULL, err filled) when there is no such template
 * or name is empty or too long - remembered, so the loader is not
 * asked again for that name - CORE_INVALID when set, name or out is
 * NULL, or an error from the loader or from compiling (err filled).
 */
enum core_err mustache_set_get(struct mustache_set *set, const char *name,
    const struct mustache_tpl **out, struct mustache_error *err);

/*
 * mustache_set_render - mustache_set_get(name) then mustache_render
 * with the same set.  CORE_NOTFOUND when there is no template called
 * name (even if the set is not strict: the root must exist).
 */
enum core_err mustache_set_render(struct mustache_set *set, const char *name,
    const json_t *ctx, struct buf *out, struct mustache_error *err);

#endif
