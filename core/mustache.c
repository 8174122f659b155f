/*
 * mustache.c - compile Mustache templates into node trees and render
 * them against jansson values.  Contracts are in mustache.h.
 *
 * Compiling runs three passes over the source:
 *  1. lex: find the tags (honouring set-delimiter tags) into a token
 *     array with their byte spans, names, lines and columns;
 *  2. pair: match every section/inverted/block/parent with its closing
 *     tag, bound the nesting, and note each token's enclosing opener;
 *  3. trim: decide, per spec, which tags are standalone and so own the
 *     whitespace and line ending around them, and where partials,
 *     parents and blocks take their indentation from;
 * then build the tree, copying text with the trimming applied and the
 * intrinsic indentation of blocks removed.
 *
 * Indentation is applied lazily while rendering: the current indent is
 * written before the first character of each template line, never
 * inside interpolated values, which is what "prepend the indentation
 * to each line of the partial" means for text that tags may split.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mustache.h"

#define MAX_DELIM	32		/* bytes in one delimiter */
#define MAX_RDEPTH	1000		/* recursive render calls of one render */
#define NONE		((size_t)-1)

/* Tokens of pass 1; the order of the openers matters for is_opener(). */
enum tok_type {
	T_VAR,
	T_RAW,
	T_COMMENT,
	T_PARTIAL,
	T_DELIM,
	T_CLOSE,
	T_SECTION,	/* openers from here */
	T_INVERTED,
	T_BLOCK,
	T_PARENT,
	T__MAX
};

/* The sigil after the opening delimiter -> token type + 1 (0: a plain variable). */
static const unsigned char sigils[256] = {
	['{'] = T_RAW + 1,
	['&'] = T_RAW + 1,
	['!'] = T_COMMENT + 1,
	['>'] = T_PARTIAL + 1,
	['='] = T_DELIM + 1,
	['/'] = T_CLOSE + 1,
	['#'] = T_SECTION + 1,
	['^'] = T_INVERTED + 1,
	['$'] = T_BLOCK + 1,
	['<'] = T_PARENT + 1,
};

/* What an unclosed or mismatched opener is called in messages. */
static const char *const tok_kind[T__MAX] = {
	[T_SECTION] = "section",
	[T_INVERTED] = "inverted section",
	[T_BLOCK] = "block",
	[T_PARENT] = "parent",
};

struct tok {
	enum tok_type	type;
	size_t		start, end;	/* the whole tag, delimiters included */
	size_t		name, namelen;	/* trimmed content */
	int		line, col;
	size_t		partner;	/* opener <-> its closing tag */
	size_t		up;		/* enclosing opener, or NONE */
	size_t		ws_before;	/* whitespace before start owned by the tag */
	size_t		skip_after;	/* whitespace + line end after end owned by it */
	size_t		ind, indlen;	/* leading whitespace used as indentation */
	size_t		nextline;	/* block at end of line: start of the next line */
	unsigned	standalone : 1;	/* partial/parent/block: indentation applies */
	unsigned	at_eol : 1;	/* block: intrinsic indentation from next line */
};

enum node_type {
	N_TEXT,
	N_VAR,
	N_RAW,
	N_SECTION,
	N_INVERTED,
	N_PARTIAL,
	N_PARENT,
	N_BLOCK,
	N__MAX
};

/*
 * A compiled node.  str is the text (N_TEXT; nparts counts its
 * newlines), the key path with each '.' turned into NUL (N_VAR..
 * N_INVERTED; nparts 0 means "."), or the
 * name (N_PARTIAL, N_PARENT, N_BLOCK).  kids are the section content,
 * a parent's argument blocks, or a block's default content.  ind is a
 * standalone partial's or parent's indentation, or a standalone block's
 * expansion indentation.
 */
struct node {
	unsigned char	 type;
	unsigned char	 standalone;
	unsigned	 nparts;
	int		 line, col;
	char		*str;
	size_t		 len;
	char		*ind;
	size_t		 indlen;
	size_t		*nl;		/* N_TEXT: offsets of its nparts newlines */
	struct node	*kids;
	size_t		 nkids;
};

struct mustache_tpl {
	char		*name;
	struct node	*nodes;
	size_t		 nnodes;
};

struct span {
	const char	*p;
	size_t		 n;
};

struct compiler {
	const char		*src;
	size_t			 len;
	const char		*name;
	struct mustache_error	*err;
	struct tok		*toks;
	size_t			 ntoks, captoks;
	struct span		 strip[MUSTACHE_MAX_NESTING + 1];	/* intrinsic indents, outermost first */
	size_t			 nstrip;
};

struct nodes {
	struct node	*v;
	size_t		 n, cap;
};

static void
set_error(struct mustache_error *err, const char *name, int line, int col,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void
set_error(struct mustache_error *err, const char *name, int line, int col,
    const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return;
	snprintf(err->name, sizeof(err->name), "%s", name ? name : "");
	err->line = line;
	err->column = col;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
}

static enum core_err
tok_error(struct compiler *c, const struct tok *t, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static enum core_err
tok_error(struct compiler *c, const struct tok *t, const char *fmt, ...)
{
	va_list ap;

	if (c->err == NULL)
		return CORE_TEMPLATE;
	snprintf(c->err->name, sizeof(c->err->name), "%s", c->name);
	c->err->line = t->line;
	c->err->column = t->col;
	va_start(ap, fmt);
	vsnprintf(c->err->message, sizeof(c->err->message), fmt, ap);
	va_end(ap);
	return CORE_TEMPLATE;
}

static int
is_space(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v';
}

static int
is_opener(enum tok_type t)
{
	return t >= T_SECTION;
}

/* The name of token t, for messages: at most 64 bytes of it. */
static int
tok_namelen(const struct tok *t)
{
	return t->namelen > 64 ? 64 : (int)t->namelen;
}

/* ---- pass 1: lex ---------------------------------------------------- */

/* Parse "=OPEN CLOSE=" content into new delimiters; 0 when malformed. */
static int
parse_delims(const char *p, size_t n, char *otag, size_t *olen, char *ctag, size_t *clen)
{
	size_t i = 0, a, b, c2, d;

	while (i < n && is_space(p[i]))
		i++;
	a = i;
	while (i < n && !is_space(p[i]))
		i++;
	b = i;
	while (i < n && is_space(p[i]))
		i++;
	c2 = i;
	while (i < n && !is_space(p[i]))
		i++;
	d = i;
	while (i < n && is_space(p[i]))
		i++;
	if (i != n || b == a || d == c2 || b - a > MAX_DELIM || d - c2 > MAX_DELIM)
		return 0;
	if (memchr(p + a, '=', b - a) != NULL || memchr(p + c2, '=', d - c2) != NULL)
		return 0;
	memcpy(otag, p + a, b - a);
	*olen = b - a;
	memcpy(ctag, p + c2, d - c2);
	*clen = d - c2;
	return 1;
}

static enum core_err
push_tok(struct compiler *c, const struct tok *t)
{
	struct tok *p;
	size_t cap;

	if (c->ntoks == c->captoks) {
		cap = c->captoks ? c->captoks * 2 : 64;
		if ((p = realloc(c->toks, cap * sizeof(*p))) == NULL)
			return CORE_ENOMEM;
		c->toks = p;
		c->captoks = cap;
	}
	c->toks[c->ntoks++] = *t;
	return CORE_OK;
}

static enum core_err
lex(struct compiler *c)
{
	const char *src = c->src, *p, *e;
	char otag[MAX_DELIM + 1] = "{{", ctag[MAX_DELIM + 1] = "}}";
	char needle[MAX_DELIM + 2];
	size_t olen = 2, clen = 2, nlen, pos = 0, q, lpos = 0, lbol = 0;
	int line = 1;
	struct tok t;
	enum core_err er;

	while (pos < c->len) {
		if ((p = memmem(src + pos, c->len - pos, otag, olen)) == NULL)
			break;
		memset(&t, 0, sizeof(t));
		t.start = (size_t)(p - src);
		for (; lpos < t.start; lpos++)
			if (src[lpos] == '\n') {
				line++;
				lbol = lpos + 1;
			}
		t.line = line;
		t.col = (int)(t.start - lbol + 1);
		t.partner = t.up = NONE;
		q = t.start + olen;
		t.type = T_VAR;
		if (q < c->len && sigils[(unsigned char)src[q]]) {
			t.type = (enum tok_type)(sigils[(unsigned char)src[q]] - 1);
			q++;
		}
		/* {{{x}}} closes with "}" + ctag, {{=a b=}} with "=" + ctag. */
		nlen = 0;
		if (q > t.start + olen && (src[q - 1] == '{' || src[q - 1] == '='))
			needle[nlen++] = src[q - 1] == '{' ? '}' : '=';
		memcpy(needle + nlen, ctag, clen);
		nlen += clen;
		if ((e = memmem(src + q, c->len - q, needle, nlen)) == NULL)
			return tok_error(c, &t, "unclosed tag: no '%.*s' after '%.*s'",
			    (int)nlen, needle, (int)olen, otag);
		t.end = (size_t)(e - src) + nlen;
		t.name = q;
		t.namelen = (size_t)(e - src) - q;
		while (t.namelen && is_space(src[t.name])) {
			t.name++;
			t.namelen--;
		}
		while (t.namelen && is_space(src[t.name + t.namelen - 1]))
			t.namelen--;
		if (t.type == T_DELIM) {
			if (!parse_delims(src + t.name, t.namelen, otag, &olen, ctag, &clen))
				return tok_error(c, &t, "bad delimiter tag: want two "
				    "delimiters of 1 to %d bytes without '=' or spaces", MAX_DELIM);
		} else if (t.type != T_COMMENT && t.namelen == 0)
			return tok_error(c, &t, "empty tag name");
		if ((er = push_tok(c, &t)) != CORE_OK)
			return er;
		pos = t.end;
	}
	return CORE_OK;
}

/* ---- pass 2: pair --------------------------------------------------- */

static enum core_err
pair(struct compiler *c)
{
	size_t stack[MUSTACHE_MAX_NESTING];
	size_t depth = 0, i, o;
	struct tok *t, *ot;

	for (i = 0; i < c->ntoks; i++) {
		t = &c->toks[i];
		t->up = depth ? stack[depth - 1] : NONE;
		if (is_opener(t->type)) {
			if (depth == MUSTACHE_MAX_NESTING)
				return tok_error(c, t, "sections nested more than %d deep",
				    MUSTACHE_MAX_NESTING);
			stack[depth++] = i;
			continue;
		}
		if (t->type != T_CLOSE)
			continue;
		if (depth == 0)
			return tok_error(c, t, "closing tag '%.*s' without an open section",
			    tok_namelen(t), c->src + t->name);
		o = stack[--depth];
		ot = &c->toks[o];
		if (ot->namelen != t->namelen ||
		    memcmp(c->src + ot->name, c->src + t->name, t->namelen) != 0)
			return tok_error(c, t, "closing tag '%.*s' does not match %s "
			    "'%.*s' opened at line %d, column %d",
			    tok_namelen(t), c->src + t->name, tok_kind[ot->type],
			    tok_namelen(ot), c->src + ot->name, ot->line, ot->col);
		ot->partner = i;
		t->partner = o;
		t->up = ot->up;
	}
	if (depth) {
		t = &c->toks[stack[depth - 1]];
		return tok_error(c, t, "unclosed %s '%.*s'", tok_kind[t->type],
		    tok_namelen(t), c->src + t->name);
	}
	return CORE_OK;
}

/* ---- pass 3: trim --------------------------------------------------- */

/* Only blanks between the start of pos's line and pos; *ws gets their count. */
static int
clears_left(const struct compiler *c, size_t pos, size_t *ws)
{
	size_t k = pos;

	while (k > 0 && (c->src[k - 1] == ' ' || c->src[k - 1] == '\t'))
		k--;
	*ws = pos - k;
	return k == 0 || c->src[k - 1] == '\n';
}

/* Only blanks from pos to the line end; *skip covers them and the line end. */
static int
clears_right(const struct compiler *c, size_t pos, size_t *skip)
{
	size_t k = pos;

	while (k < c->len && (c->src[k] == ' ' || c->src[k] == '\t'))
		k++;
	if (k == c->len) {
		*skip = k - pos;
		return 1;
	}
	if (c->src[k] == '\n') {
		*skip = k + 1 - pos;
		return 1;
	}
	if (c->src[k] == '\r' && k + 1 < c->len && c->src[k + 1] == '\n') {
		*skip = k + 2 - pos;
		return 1;
	}
	return 0;
}

/* The classic rule: a non-interpolation tag alone on its line owns that line. */
static void
trim_classic(const struct compiler *c, struct tok *t)
{
	size_t ws, skip;

	if (!clears_left(c, t->start, &ws) || !clears_right(c, t->end, &skip))
		return;
	t->ws_before = ws;
	t->skip_after = skip;
	if (t->type == T_PARTIAL) {
		t->standalone = 1;
		t->ind = t->start - ws;
		t->indlen = ws;
	}
}

/*
 * A parent pair is standalone when its opener clears left and its
 * closing tag clears right: the opener's leading blanks become the
 * indentation, the closing tag's line end goes.  Whatever lies between
 * the two, other than argument blocks, is ignored anyway.
 */
static void
trim_parent(const struct compiler *c, struct tok *t)
{
	struct tok *cl = &c->toks[t->partner];
	size_t ws, skip;

	if (!clears_left(c, t->start, &ws) || !clears_right(c, cl->end, &skip))
		return;
	t->ws_before = ws;
	t->standalone = 1;
	t->ind = t->start - ws;
	t->indlen = ws;
	cl->skip_after = skip;
}

/*
 * An argument block (direct child of a parent): an opener at the end
 * of its line owns that line end and takes its intrinsic indentation
 * from the next line; a closing tag after blanks owns them.
 */
static void
trim_argument(const struct compiler *c, struct tok *t)
{
	struct tok *cl = &c->toks[t->partner];
	size_t ws, skip;

	if (clears_right(c, t->end, &skip)) {
		t->skip_after = skip;
		t->at_eol = 1;
		t->nextline = t->end + skip;
	}
	if (clears_left(c, cl->start, &ws))
		cl->ws_before = ws;
}

/*
 * A parameter block: each tag trims by the classic rule; the pair is
 * standalone when the opener clears left and the closing tag clears
 * right, and then an override is indented by the block's intrinsic
 * indentation (opener at end of line) or by the opener's leading
 * blanks.
 */
static void
trim_parameter(const struct compiler *c, struct tok *t)
{
	struct tok *cl = &c->toks[t->partner];
	size_t ws, skip, skip2;
	int left, right;

	left = clears_left(c, t->start, &ws);
	right = clears_right(c, t->end, &skip);
	if (left && right) {
		t->ws_before = ws;
		t->skip_after = skip;
	}
	trim_classic(c, cl);
	if (!left || !clears_right(c, cl->end, &skip2))
		return;
	t->standalone = 1;
	if (right) {
		t->at_eol = 1;
		t->nextline = t->end + skip;
	} else {
		t->ind = t->start - ws;
		t->indlen = ws;
	}
}

static void
trim(struct compiler *c)
{
	size_t i;
	struct tok *t;
	int in_parent;

	for (i = 0; i < c->ntoks; i++) {
		t = &c->toks[i];
		in_parent = t->up != NONE && c->toks[t->up].type == T_PARENT;
		switch (t->type) {
		case T_VAR:
		case T_RAW:
			break;
		case T_PARENT:
			trim_parent(c, t);
			break;
		case T_BLOCK:
			if (in_parent)
				trim_argument(c, t);
			else
				trim_parameter(c, t);
			break;
		case T_CLOSE:
			/* Blocks and parents trimmed their closing tags. */
			if (c->toks[t->partner].type == T_SECTION ||
			    c->toks[t->partner].type == T_INVERTED)
				if (!in_parent)
					trim_classic(c, t);
			break;
		default:
			if (!in_parent)
				trim_classic(c, t);
			break;
		}
	}
}

/* ---- building the tree ---------------------------------------------- */

static void
free_nodes(struct node *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].str);
		free(v[i].ind);
		free(v[i].nl);
		free_nodes(v[i].kids, v[i].nkids);
	}
	free(v);
}

static struct node *
new_node(struct nodes *ns)
{
	struct node *p;
	size_t cap;

	if (ns->n == ns->cap) {
		cap = ns->cap ? ns->cap * 2 : 8;
		if ((p = realloc(ns->v, cap * sizeof(*p))) == NULL)
			return NULL;
		ns->v = p;
		ns->cap = cap;
	}
	p = &ns->v[ns->n++];
	memset(p, 0, sizeof(*p));
	return p;
}

/* Skip the enclosing blocks' intrinsic indentation at line start pos (< end). */
static size_t
skip_strip(const struct compiler *c, size_t pos, size_t end)
{
	size_t i;

	for (i = 0; i < c->nstrip; i++) {
		if (c->strip[i].n > end - pos ||
		    memcmp(c->src + pos, c->strip[i].p, c->strip[i].n) != 0)
			break;
		pos += c->strip[i].n;
	}
	return pos;
}

/* Append source bytes [a, b) as text, without intrinsic indentation. */
static enum core_err
add_text(struct compiler *c, struct nodes *ns, size_t a, size_t b)
{
	struct node *nd;
	size_t nl, cap;
	char *p;
	const char *q;

	if (a >= b)
		return CORE_OK;
	if (ns->n == 0 || ns->v[ns->n - 1].type != N_TEXT) {
		if ((nd = new_node(ns)) == NULL)
			return CORE_ENOMEM;
		nd->type = N_TEXT;
	}
	nd = &ns->v[ns->n - 1];
	cap = nd->len + (b - a) + 1;
	if ((p = realloc(nd->str, cap)) == NULL)
		return CORE_ENOMEM;
	nd->str = p;
	while (a < b) {
		if (c->nstrip && (a == 0 || c->src[a - 1] == '\n'))
			if ((a = skip_strip(c, a, b)) == b)
				break;
		q = memchr(c->src + a, '\n', b - a);
		nl = q ? (size_t)(q - c->src) + 1 : b;
		memcpy(nd->str + nd->len, c->src + a, nl - a);
		nd->len += nl - a;
		a = nl;
	}
	nd->str[nd->len] = '\0';
	if (nd->len == 0) {
		free(nd->str);
		ns->n--;
	}
	return CORE_OK;
}

/* Index the newlines of a finished text node, for indenting it fast. */
static enum core_err
text_lines(struct node *nd)
{
	size_t i, k = 0;

	for (i = 0; i < nd->len; i++)
		k += nd->str[i] == '\n';
	nd->nparts = (unsigned)k;
	if (k == 0)
		return CORE_OK;
	if ((nd->nl = malloc(k * sizeof(*nd->nl))) == NULL)
		return CORE_ENOMEM;
	for (i = 0, k = 0; i < nd->len; i++)
		if (nd->str[i] == '\n')
			nd->nl[k++] = i;
	return CORE_OK;
}

static enum core_err
set_name(struct node *nd, const char *p, size_t n, int path)
{
	size_t i;

	if ((nd->str = malloc(n + 1)) == NULL)
		return CORE_ENOMEM;
	memcpy(nd->str, p, n);
	nd->str[n] = '\0';
	nd->len = n;
	if (!path)
		return CORE_OK;
	if (n == 1 && p[0] == '.') {
		nd->nparts = 0;
		return CORE_OK;
	}
	nd->nparts = 1;
	for (i = 0; i < n; i++)
		if (nd->str[i] == '.') {
			nd->str[i] = '\0';
			nd->nparts++;
		}
	return CORE_OK;
}

static enum core_err
set_indent(struct node *nd, const char *p, size_t n)
{
	if (n == 0)
		return CORE_OK;
	if ((nd->ind = malloc(n)) == NULL)
		return CORE_ENOMEM;
	memcpy(nd->ind, p, n);
	nd->indlen = n;
	return CORE_OK;
}

/* The blanks starting at pos, less the enclosing intrinsic indentation. */
static struct span
relative_blanks(const struct compiler *c, size_t pos)
{
	size_t end = pos, start;
	struct span s;

	while (end < c->len && (c->src[end] == ' ' || c->src[end] == '\t'))
		end++;
	start = pos < end ? skip_strip(c, pos, end) : pos;
	s.p = c->src + start;
	s.n = end - start;
	return s;
}

static enum core_err build(struct compiler *, size_t, size_t, size_t, size_t,
    struct node **, size_t *);

/* Content of block token t (opener index i) into nd->kids, with its intrinsic indent stripped. */
static enum core_err
build_block(struct compiler *c, size_t i, struct node *nd, struct span *intrinsic)
{
	const struct tok *t = &c->toks[i], *cl = &c->toks[t->partner];
	enum core_err er;
	size_t from = t->end + t->skip_after, to = cl->start - cl->ws_before;

	if (intrinsic->n)
		c->strip[c->nstrip++] = *intrinsic;
	er = build(c, i + 1, t->partner, from, to < from ? from : to, &nd->kids, &nd->nkids);
	if (intrinsic->n)
		c->nstrip--;
	return er;
}

/* nodes_finish - hand ns over to *out and *nout when er is CORE_OK, else free it; returns er. */
static enum core_err
nodes_finish(struct nodes *ns, enum core_err er, struct node **out, size_t *nout)
{
	if (er != CORE_OK) {
		free_nodes(ns->v, ns->n);
		return er;
	}
	*out = ns->v;
	*nout = ns->n;
	return CORE_OK;
}

/* A parent's argument blocks: its direct block children; the rest is ignored. */
static enum core_err
build_args(struct compiler *c, size_t first, size_t last, struct node **out, size_t *nout)
{
	struct nodes ns = { NULL, 0, 0 };
	struct node *nd;
	const struct tok *t;
	struct span intr;
	enum core_err er = CORE_OK;
	size_t i;

	for (i = first; i < last; i = (is_opener(t->type) ? t->partner : i) + 1) {
		t = &c->toks[i];
		if (t->type != T_BLOCK)
			continue;
		if ((nd = new_node(&ns)) == NULL) {
			er = CORE_ENOMEM;
			goto out;
		}
		nd->type = N_BLOCK;
		nd->line = t->line;
		nd->col = t->col;
		if ((er = set_name(nd, c->src + t->name, t->namelen, 0)) != CORE_OK)
			goto out;
		intr.p = NULL;
		intr.n = 0;
		if (t->at_eol)
			intr = relative_blanks(c, t->nextline);
		if ((er = build_block(c, i, nd, &intr)) != CORE_OK)
			goto out;
	}
out:
	return nodes_finish(&ns, er, out, nout);
}

/* Tag token i as node nd (whose kids may follow). */
static enum core_err
build_tag(struct compiler *c, size_t i, struct node *nd)
{
	const struct tok *t = &c->toks[i], *cl;
	struct span sp = { NULL, 0 };
	enum core_err er;
	size_t from, to;

	nd->line = t->line;
	nd->col = t->col;
	nd->standalone = t->standalone;
	switch (t->type) {
	case T_VAR:
	case T_RAW:
		nd->type = t->type == T_VAR ? N_VAR : N_RAW;
		return set_name(nd, c->src + t->name, t->namelen, 1);
	case T_SECTION:
	case T_INVERTED:
		nd->type = t->type == T_SECTION ? N_SECTION : N_INVERTED;
		if ((er = set_name(nd, c->src + t->name, t->namelen, 1)) != CORE_OK)
			return er;
		cl = &c->toks[t->partner];
		from = t->end + t->skip_after;
		to = cl->start - cl->ws_before;
		return build(c, i + 1, t->partner, from, to < from ? from : to,
		    &nd->kids, &nd->nkids);
	case T_PARTIAL:
		nd->type = N_PARTIAL;
		if ((er = set_name(nd, c->src + t->name, t->namelen, 0)) != CORE_OK)
			return er;
		if (!t->standalone)
			return CORE_OK;
		sp = relative_blanks(c, t->ind);
		return set_indent(nd, sp.p, sp.n);
	case T_PARENT:
		nd->type = N_PARENT;
		if ((er = set_name(nd, c->src + t->name, t->namelen, 0)) != CORE_OK)
			return er;
		if (t->standalone) {
			sp = relative_blanks(c, t->ind);
			if ((er = set_indent(nd, sp.p, sp.n)) != CORE_OK)
				return er;
		}
		return build_args(c, i + 1, t->partner, &nd->kids, &nd->nkids);
	case T_BLOCK:
		nd->type = N_BLOCK;
		if ((er = set_name(nd, c->src + t->name, t->namelen, 0)) != CORE_OK)
			return er;
		/*
		 * Standalone at a line end: the next line's blanks are both
		 * the intrinsic indentation stripped from the content and the
		 * indentation of an override.  Otherwise the opener's leading
		 * blanks indent an override and nothing is stripped.
		 */
		if (t->standalone) {
			sp = relative_blanks(c, t->at_eol ? t->nextline : t->ind);
			if ((er = set_indent(nd, sp.p, sp.n)) != CORE_OK)
				return er;
			if (!t->at_eol)
				sp.n = 0;
		}
		return build_block(c, i, nd, &sp);
	default:
		return CORE_OK;
	}
}

/*
 * The nodes for tokens [first, last) at one level, with text from
 * source position from up to position to.
 */
static enum core_err
build(struct compiler *c, size_t first, size_t last, size_t from, size_t to,
    struct node **out, size_t *nout)
{
	struct nodes ns = { NULL, 0, 0 };
	struct node *nd;
	const struct tok *t;
	enum core_err er = CORE_OK;
	size_t i, pos = from, tend;

	for (i = first; i < last; i++) {
		t = &c->toks[i];
		tend = t->start - t->ws_before;
		if ((er = add_text(c, &ns, pos, tend < pos ? pos : tend)) != CORE_OK)
			goto out;
		if (t->type != T_COMMENT && t->type != T_DELIM) {
			if ((nd = new_node(&ns)) == NULL) {
				er = CORE_ENOMEM;
				goto out;
			}
			if ((er = build_tag(c, i, nd)) != CORE_OK)
				goto out;
		}
		if (is_opener(t->type))
			i = t->partner;
		pos = c->toks[i].end + c->toks[i].skip_after;
	}
	if ((er = add_text(c, &ns, pos, to < pos ? pos : to)) != CORE_OK)
		goto out;
	for (i = 0; i < ns.n; i++)
		if (ns.v[i].type == N_TEXT && (er = text_lines(&ns.v[i])) != CORE_OK)
			goto out;
out:
	return nodes_finish(&ns, er, out, nout);
}

enum core_err
mustache_compile(const char *name, const char *src, size_t len,
    struct mustache_tpl **out, struct mustache_error *err)
{
	struct compiler c;
	struct mustache_tpl *tpl = NULL;
	enum core_err er;
	size_t nlen;

	if (out == NULL)
		return CORE_INVALID;
	*out = NULL;
	if (name == NULL)
		name = "template";
	memset(&c, 0, sizeof(c));
	c.src = src ? src : "";
	c.len = src ? len : 0;
	c.name = name;
	c.err = err;
	if (len > MUSTACHE_MAX_SOURCE) {
		set_error(err, name, 0, 0, "template larger than %zu MiB",
		    MUSTACHE_MAX_SOURCE >> 20);
		return CORE_RANGE;
	}
	if ((tpl = calloc(1, sizeof(*tpl))) == NULL) {
		er = CORE_ENOMEM;
		goto out;
	}
	nlen = strnlen(name, MUSTACHE_MAX_NAME);
	if ((tpl->name = malloc(nlen + 1)) == NULL) {
		er = CORE_ENOMEM;
		goto out;
	}
	memcpy(tpl->name, name, nlen);
	tpl->name[nlen] = '\0';
	c.name = tpl->name;
	if ((er = lex(&c)) != CORE_OK || (er = pair(&c)) != CORE_OK)
		goto out;
	trim(&c);
	er = build(&c, 0, c.ntoks, 0, c.len, &tpl->nodes, &tpl->nnodes);
out:
	free(c.toks);
	if (er != CORE_OK) {
		if (er == CORE_ENOMEM)
			set_error(err, name, 0, 0, "%s", core_strerror(er));
		mustache_free(tpl);
		return er;
	}
	*out = tpl;
	return CORE_OK;
}

void
mustache_free(struct mustache_tpl *tpl)
{
	if (tpl == NULL)
		return;
	free_nodes(tpl->nodes, tpl->nnodes);
	free(tpl->name);
	free(tpl);
}

const char *
mustache_name(const struct mustache_tpl *tpl)
{
	return tpl && tpl->name ? tpl->name : "";
}

/* ---- the template set ----------------------------------------------- */

struct entry {
	char			*name;	/* NULL: free slot */
	uint64_t		 hash;
	struct mustache_tpl	*tpl;	/* NULL: known to be missing */
};

struct mustache_set {
	mustache_loader	 loader;
	void		*arg;
	unsigned	 flags;
	struct entry	*tab;
	size_t		 cap, n;	/* cap is a power of two */
};

static uint64_t
hash_name(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static struct entry *
set_find(const struct mustache_set *set, const char *name, uint64_t h)
{
	size_t i;

	if (set->cap == 0)
		return NULL;
	for (i = h & (set->cap - 1); set->tab[i].name; i = (i + 1) & (set->cap - 1))
		if (set->tab[i].hash == h && strcmp(set->tab[i].name, name) == 0)
			return &set->tab[i];
	return NULL;
}

/* Insert name -> tpl (tpl may be NULL: missing); takes tpl on success only. */
static enum core_err
set_insert(struct mustache_set *set, const char *name, uint64_t h, struct mustache_tpl *tpl)
{
	struct entry *tab, *e;
	size_t cap, i, j;
	char *copy;

	if ((set->n + 1) * 10 >= set->cap * 7) {
		cap = set->cap ? set->cap * 2 : 16;
		if ((tab = calloc(cap, sizeof(*tab))) == NULL)
			return CORE_ENOMEM;
		for (i = 0; i < set->cap; i++) {
			if (set->tab[i].name == NULL)
				continue;
			for (j = set->tab[i].hash & (cap - 1); tab[j].name; j = (j + 1) & (cap - 1))
				;
			tab[j] = set->tab[i];
		}
		free(set->tab);
		set->tab = tab;
		set->cap = cap;
	}
	if ((copy = strdup(name)) == NULL)
		return CORE_ENOMEM;
	for (i = h & (set->cap - 1); set->tab[i].name; i = (i + 1) & (set->cap - 1))
		;
	e = &set->tab[i];
	e->name = copy;
	e->hash = h;
	e->tpl = tpl;
	set->n++;
	return CORE_OK;
}

struct mustache_set *
mustache_set_new(mustache_loader loader, void *arg, unsigned flags)
{
	struct mustache_set *set;

	if ((set = calloc(1, sizeof(*set))) == NULL)
		return NULL;
	set->loader = loader;
	set->arg = arg;
	set->flags = flags;
	return set;
}

void
mustache_set_free(struct mustache_set *set)
{
	size_t i;

	if (set == NULL)
		return;
	for (i = 0; i < set->cap; i++) {
		free(set->tab[i].name);
		mustache_free(set->tab[i].tpl);
	}
	free(set->tab);
	free(set);
}

static int
valid_name(const char *name)
{
	return name != NULL && name[0] != '\0' && strnlen(name, MUSTACHE_MAX_NAME + 1) <= MUSTACHE_MAX_NAME;
}

enum core_err
mustache_set_add(struct mustache_set *set, const char *name, const char *src,
    size_t len, struct mustache_error *err)
{
	struct mustache_tpl *tpl = NULL;
	enum core_err er;
	uint64_t h;

	if (set == NULL || !valid_name(name)) {
		set_error(err, "", 0, 0, "invalid template name");
		return CORE_INVALID;
	}
	h = hash_name(name);
	if (set_find(set, name, h) != NULL) {
		set_error(err, name, 0, 0, "template '%s' is already in the set", name);
		return CORE_CONFLICT;
	}
	if ((er = mustache_compile(name, src, len, &tpl, err)) != CORE_OK)
		return er;
	if ((er = set_insert(set, name, h, tpl)) != CORE_OK) {
		mustache_free(tpl);
		set_error(err, name, 0, 0, "%s", core_strerror(er));
	}
	return er;
}

/*
 * Find or load name.  Fills err for compile errors (at their position)
 * and why (may be empty) with the loader's reason for anything else.
 */
static enum core_err
set_fetch(struct mustache_set *set, const char *name, const struct mustache_tpl **out,
    struct mustache_error *err, char *why, size_t whysz)
{
	struct mustache_tpl *tpl = NULL;
	struct entry *e;
	struct buf src = { NULL, 0, 0 };
	enum core_err er;
	uint64_t h;

	*out = NULL;
	why[0] = '\0';
	if (!valid_name(name))
		return CORE_NOTFOUND;
	h = hash_name(name);
	if ((e = set_find(set, name, h)) != NULL)
		return (*out = e->tpl) != NULL ? CORE_OK : CORE_NOTFOUND;
	if (set->loader == NULL)
		return CORE_NOTFOUND;
	er = set->loader(set->arg, name, &src, why, whysz);
	why[whysz - 1] = '\0';
	if (er == CORE_NOTFOUND) {
		/* Remember the miss; if that fails, the next render asks again. */
		(void)set_insert(set, name, h, NULL);
		goto out;
	}
	if (er != CORE_OK)
		goto out;
	if ((er = mustache_compile(name, src.data, src.len, &tpl, err)) != CORE_OK) {
		snprintf(why, whysz, "%s", err ? err->message : core_strerror(er));
		goto out;
	}
	if ((er = set_insert(set, name, h, tpl)) != CORE_OK) {
		mustache_free(tpl);
		goto out;
	}
	*out = tpl;
out:
	buf_free(&src);
	return er;
}

enum core_err
mustache_set_get(struct mustache_set *set, const char *name,
    const struct mustache_tpl **out, struct mustache_error *err)
{
	char why[256];
	enum core_err er;

	if (out == NULL)
		return CORE_INVALID;
	*out = NULL;
	if (set == NULL || name == NULL) {
		set_error(err, "", 0, 0, "no set or no name");
		return CORE_INVALID;
	}
	if ((er = set_fetch(set, name, out, err, why, sizeof(why))) == CORE_OK ||
	    er == CORE_TEMPLATE)
		return er;
	if (er == CORE_NOTFOUND)
		set_error(err, name, 0, 0, "template '%.64s' not found%s%.160s", name,
		    why[0] ? ": " : "", why);
	else
		set_error(err, name, 0, 0, "cannot load template '%.64s': %.160s", name,
		    why[0] ? why : core_strerror(er));
	return er;
}

/* ---- rendering ------------------------------------------------------ */

struct ctx {
	const json_t		*v;
	const struct ctx	*up;
};

/* Argument blocks of the parents being rendered, innermost first. */
struct frame {
	const struct node		*args;
	size_t				 nargs;
	const struct mustache_tpl	*tpl;
	const struct frame		*up;
};

struct render {
	struct mustache_set	*set;
	struct buf		*out;
	struct mustache_error	*err;
	struct buf		 ind;		/* indentation strings, a stack */
	size_t			 indoff, indlen;	/* the current one in ind */
	int			 need_indent;	/* at a line start, indent not yet written */
	int			 depth;		/* partials, parents, overrides */
	int			 rdepth;	/* render_nodes recursion */
	unsigned long		 steps;
	const struct frame	*frames;
};

struct indsave {
	size_t	top, off, len;
};

typedef enum core_err (*render_fn)(struct render *, const struct mustache_tpl *,
    const struct node *, const struct ctx *);

static enum core_err render_nodes(struct render *, const struct mustache_tpl *,
    const struct node *, size_t, const struct ctx *);

/* Escapes of {{x}}; NULL: the byte stands for itself. */
static const char *const html_escape[256] = {
	['&'] = "&amp;",
	['<'] = "&lt;",
	['>'] = "&gt;",
	['"'] = "&quot;",
	['\''] = "&#39;",
};

/* Bytes each escape adds over the byte it replaces. */
static const unsigned char html_extra[256] = {
	['&'] = 4,
	['<'] = 3,
	['>'] = 3,
	['"'] = 5,
	['\''] = 4,
};

static enum core_err
render_error(struct render *r, const struct mustache_tpl *tpl, const struct node *nd,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static enum core_err
render_error(struct render *r, const struct mustache_tpl *tpl, const struct node *nd,
    const char *fmt, ...)
{
	va_list ap;

	snprintf(r->err->name, sizeof(r->err->name), "%s", tpl->name);
	r->err->line = nd->line;
	r->err->column = nd->col;
	va_start(ap, fmt);
	vsnprintf(r->err->message, sizeof(r->err->message), fmt, ap);
	va_end(ap);
	return CORE_TEMPLATE;
}

/*
 * Make room for n more output bytes; the writers below then copy
 * straight into out->data and finish with put_end.  Rendering is the
 * hot path: one capacity check per node, not per byte run.
 */
static enum core_err
room(struct render *r, size_t n)
{
	if (r->out->cap - r->out->len > n)
		return CORE_OK;
	return buf_reserve(r->out, n);
}

static void
put(struct render *r, const char *s, size_t n)
{
	memcpy(r->out->data + r->out->len, s, n);
	r->out->len += n;
}

static void
put_end(struct render *r)
{
	r->out->data[r->out->len] = '\0';
}

static enum core_err
flush_indent(struct render *r)
{
	enum core_err er;

	if (r->need_indent && r->indlen) {
		r->need_indent = 0;
		if ((er = room(r, r->indlen)) != CORE_OK)
			return er;
		put(r, r->ind.data + r->indoff, r->indlen);
		put_end(r);
	}
	return CORE_OK;
}

/*
 * Template text: the indentation goes before each line's first
 * character.  The node's newline offsets are known from compiling.
 */
static enum core_err
emit_text(struct render *r, const struct node *nd)
{
	enum core_err er;
	const char *s = nd->str, *ind;
	size_t need, pos = 0, k, end;

	if (nd->len == 0)
		return CORE_OK;
	if (r->indlen == 0) {
		r->need_indent = s[nd->len - 1] == '\n';
		if ((er = room(r, nd->len)) != CORE_OK)
			return er;
		put(r, s, nd->len);
		put_end(r);
		return CORE_OK;
	}
	if (__builtin_mul_overflow((size_t)nd->nparts + 1, r->indlen, &need) ||
	    __builtin_add_overflow(need, nd->len, &need))
		return CORE_RANGE;
	if ((er = room(r, need)) != CORE_OK)
		return er;
	ind = r->ind.data + r->indoff;
	for (k = 0; pos < nd->len; k++) {
		end = k < nd->nparts ? nd->nl[k] + 1 : nd->len;
		if (r->need_indent && s[pos] != '\n' && s[pos] != '\r')
			put(r, ind, r->indlen);
		put(r, s + pos, end - pos);
		r->need_indent = k < nd->nparts;
		pos = end;
	}
	put_end(r);
	return CORE_OK;
}

#define ONES	0x0101010101010101ULL
#define HIGHS	0x8080808080808080ULL

/* Nonzero when one of the 8 bytes in v is c (exact as a yes/no). */
static inline uint64_t
has_byte(uint64_t v, unsigned char c)
{
	uint64_t x = v ^ (ONES * c);

	return (x - ONES) & ~x & HIGHS;
}

/* The first byte at or after i that needs escaping, or n; 8 bytes a step. */
static size_t
next_special(const unsigned char *s, size_t i, size_t n)
{
	uint64_t v;

	for (; i + 8 <= n; i += 8) {
		memcpy(&v, s + i, 8);
		if (has_byte(v, '&') | has_byte(v, '<') | has_byte(v, '>') |
		    has_byte(v, '"') | has_byte(v, '\''))
			break;
	}
	for (; i < n && html_extra[s[i]] == 0; i++)
		;
	return i;
}

/* Escape s into o, which has room; returns the end.  Copies runs between specials. */
static char *
escape_into(char *o, const unsigned char *s, size_t n)
{
	size_t i = 0, j;

	while (i < n) {
		j = next_special(s, i, n);
		memcpy(o, s + i, j - i);
		o += j - i;
		if (j == n)
			break;
		memcpy(o, html_escape[s[j]], html_extra[s[j]] + 1U);
		o += html_extra[s[j]] + 1U;
		i = j + 1;
	}
	return o;
}

/* An interpolated value: indented as a whole, never inside. */
static enum core_err
emit_value(struct render *r, const char *s, size_t n, int escape)
{
	enum core_err er;
	size_t i, need = n;
	const unsigned char *u = (const unsigned char *)s;

	if (n == 0)
		return CORE_OK;
	if ((er = flush_indent(r)) != CORE_OK)
		return er;
	r->need_indent = 0;
	/* Short values reserve the worst case; long ones count first. */
	if (escape && n <= 65536)
		need = n * 6;
	else if (escape)
		for (i = 0; i < n; i++)
			need += html_extra[u[i]];
	if ((er = room(r, need)) != CORE_OK)
		return er;
	if (escape)
		r->out->len = (size_t)(escape_into(r->out->data + r->out->len, u, n) -
		    r->out->data);
	else
		put(r, s, n);
	put_end(r);
	return CORE_OK;
}

/* The shortest %g form of d that reads back as d. */
static void
format_real(char *p, size_t n, double d)
{
	int prec;

	for (prec = 15; prec <= 17; prec++) {
		snprintf(p, n, "%.*g", prec, d);
		if (strtod(p, NULL) == d)
			return;
	}
}

static enum core_err
emit_json(struct render *r, const json_t *v, int escape)
{
	char tmp[64];

	if (v == NULL)
		return CORE_OK;
	switch (json_typeof(v)) {
	case JSON_STRING:
		return emit_value(r, json_string_value(v), json_string_length(v), escape);
	case JSON_INTEGER:
		snprintf(tmp, sizeof(tmp), "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		break;
	case JSON_REAL:
		format_real(tmp, sizeof(tmp), json_real_value(v));
		break;
	case JSON_TRUE:
		return emit_value(r, "true", 4, 0);
	case JSON_FALSE:
		return emit_value(r, "false", 5, 0);
	default:
		return CORE_OK;
	}
	return emit_value(r, tmp, strlen(tmp), 0);
}

/* The spec's "!!data": false, null, missing, 0, "", [] are falsey. */
static int
truthy(const json_t *v)
{
	if (v == NULL)
		return 0;
	switch (json_typeof(v)) {
	case JSON_FALSE:
	case JSON_NULL:
		return 0;
	case JSON_STRING:
		return json_string_length(v) > 0;
	case JSON_INTEGER:
		return json_integer_value(v) != 0;
	case JSON_REAL:
		return json_real_value(v) != 0.0;
	case JSON_ARRAY:
		return json_array_size(v) > 0;
	default:
		return 1;
	}
}

/* Resolve a key path: the first part up the context stack, the rest inside it. */
static const json_t *
lookup(const struct node *nd, const struct ctx *c)
{
	const char *k = nd->str;
	const json_t *v = NULL;
	unsigned i;

	if (nd->nparts == 0)
		return c ? c->v : NULL;
	if (nd->nparts == 1) {
		for (; c; c = c->up)
			if (json_is_object(c->v) && (v = json_object_getn(c->v, k, nd->len)) != NULL)
				return v;
		return NULL;
	}
	for (; c; c = c->up)
		if (json_is_object(c->v) && (v = json_object_get(c->v, k)) != NULL)
			break;
	for (i = 1; v != NULL && i < nd->nparts; i++) {
		k += strlen(k) + 1;
		v = json_is_object(v) ? json_object_get(v, k) : NULL;
	}
	return v;
}

/* Enter a partial, parent or block: standalone ones add ind to the indentation. */
static enum core_err
indent_enter(struct render *r, int standalone, const char *ind, size_t n, struct indsave *sv)
{
	enum core_err er;

	sv->top = r->ind.len;
	sv->off = r->indoff;
	sv->len = r->indlen;
	if (!standalone) {
		/* Inline: this line keeps its indentation, the rest get none. */
		if ((er = flush_indent(r)) != CORE_OK)
			return er;
		r->indoff = r->ind.len;
		r->indlen = 0;
		return CORE_OK;
	}
	if (n == 0)
		return CORE_OK;
	if ((er = buf_reserve(&r->ind, r->indlen + n)) != CORE_OK)
		return er;
	memmove(r->ind.data + r->ind.len, r->ind.data + r->indoff, r->indlen);
	memcpy(r->ind.data + r->ind.len + r->indlen, ind, n);
	r->indoff = r->ind.len;
	r->indlen += n;
	r->ind.len += r->indlen;
	return CORE_OK;
}

static void
indent_leave(struct render *r, const struct indsave *sv)
{
	r->ind.len = sv->top;
	r->indoff = sv->off;
	r->indlen = sv->len;
}

static enum core_err
r_text(struct render *r, const struct mustache_tpl *tpl, const struct node *nd,
    const struct ctx *c)
{
	return emit_text(r, nd);
}

static enum core_err
r_var(struct render *r, const struct mustache_tpl *tpl, const struct node *nd,
    const struct ctx *c)
{
	return emit_json(r, lookup(nd, c), nd->type == N_VAR);
}

static enum core_err
r_section(struct render *r, const struct mustache_tpl *tpl, const struct node *nd,
    const struct ctx *c)
{
	const json_t *v = lookup(nd, c);
	struct ctx sub;
	enum core_err er;
	size_t i, n;

	if (!truthy(v))
		return CORE_OK;
	sub.up = c;
	if (!json_is_array(v)) {
		sub.v = v;
		return render_nodes(r, tpl, nd->kids, nd->nkids, &sub);
	}
	n = json_array_size(v);
	for (i = 0; i < n; i++) {
		sub.v = json_array_get(v, i);
		if ((er = render_nodes(r, tpl, nd->kids, nd->nkids, &sub)) != CORE_OK)
			return er;
	}
	return CORE_OK;
}

static enum core_err
r_inverted(struct render *r, const struct mustache_tpl *tpl, const struct node *nd,
    const struct ctx *c)
{
	if (truthy(lookup(nd, c)))
		return CORE_OK;
	return render_nodes(r, tpl, nd->kids, nd->nkids, c);
}

/* The template a partial or parent tag names; *out NULL when missing (not strict). */
static enum core_err
resolve(struct render *r, const struct mustache_tpl *tpl, const struct node *nd,
    const struct mustache_tpl **out)
{
	const char *kind = nd->type == N_PARENT ? "parent" : "partial";
	char why[256];
	enum core_err er;

	*out = NULL;
	if (r->depth >= MUSTACHE_MAX_DEPTH)
		return render_error(r, tpl, nd, "%s '%.64s' nested more than %d deep "
		    "(recursion without end?)", kind, nd->str, MUSTACHE_MAX_DEPTH);
	if (r->set == NULL)
		return CORE_OK;
	er = set_fetch(r->set, nd->str, out, r->err, why, sizeof(why));
	switch (er) {
	case CORE_OK:
		return CORE_OK;
	case CORE_TEMPLATE:	/* err has the position inside the partial */
		return er;
	case CORE_NOTFOUND:
		if (!(r->set->flags & MUSTACHE_STRICT_PARTIALS))
			return CORE_OK;
		return render_error(r, tpl, nd, "%s '%.64s' not found%s%.160s", kind,
		    nd->str, why[0] ? ": " : "", why);
	default:
		render_error(r, tpl, nd, "cannot load %s '%.64s': %.160s", kind, nd->str,
		    why[0] ? why : core_strerror(er));
		return er;
	}
}

/*
 * A partial renders the template it names in place; a parent does too,
 * with its blocks as overrides in a frame for the r_block inside it.
 */
static enum core_err
r_include(struct render *r, const struct mustache_tpl *tpl, const struct node *nd,
    const struct ctx *c)
{
	const struct mustache_tpl *p;
	struct frame f = { nd->kids, nd->nkids, tpl, r->frames };
	struct indsave sv;
	enum core_err er;

	if ((er = resolve(r, tpl, nd, &p)) != CORE_OK || p == NULL)
		return er;
	if ((er = indent_enter(r, nd->standalone, nd->ind, nd->indlen, &sv)) != CORE_OK)
		return er;
	if (nd->type == N_PARENT)
		r->frames = &f;
	r->depth++;
	er = render_nodes(r, p, p->nodes, p->nnodes, c);
	r->depth--;
	r->frames = f.up;
	indent_leave(r, &sv);
	return er;
}

/* A block renders the outermost override of its name, else its own content. */
static enum core_err
r_block(struct render *r, const struct mustache_tpl *tpl, const struct node *nd,
    const struct ctx *c)
{
	const struct frame *f;
	const struct node *use = nd;
	const struct mustache_tpl *owner = tpl;
	struct indsave sv;
	enum core_err er;
	size_t i;

	for (f = r->frames; f; f = f->up)
		for (i = 0; i < f->nargs; i++)
			if (f->args[i].len == nd->len && memcmp(f->args[i].str, nd->str, nd->len) == 0) {
				use = &f->args[i];
				owner = f->tpl;
			}
	if (use != nd && r->depth >= MUSTACHE_MAX_DEPTH)
		return render_error(r, tpl, nd, "block '%.64s' nested more than %d deep "
		    "(recursion without end?)", nd->str, MUSTACHE_MAX_DEPTH);
	if (nd->standalone && (er = indent_enter(r, 1, nd->ind, nd->indlen, &sv)) != CORE_OK)
		return er;
	r->depth += use != nd;
	er = render_nodes(r, owner, use->kids, use->nkids, c);
	r->depth -= use != nd;
	if (nd->standalone)
		indent_leave(r, &sv);
	return er;
}

static const render_fn renderers[N__MAX] = {
	[N_TEXT] = r_text,
	[N_VAR] = r_var,
	[N_RAW] = r_var,
	[N_SECTION] = r_section,
	[N_INVERTED] = r_inverted,
	[N_PARTIAL] = r_include,
	[N_PARENT] = r_include,
	[N_BLOCK] = r_block,
};

static enum core_err
render_nodes(struct render *r, const struct mustache_tpl *tpl, const struct node *v,
    size_t n, const struct ctx *c)
{
	enum core_err er = CORE_OK;
	size_t i;

	if (n == 0)
		return CORE_OK;
	if (r->rdepth >= MAX_RDEPTH)
		return render_error(r, tpl, &v[0], "template nesting deeper than %d levels",
		    MAX_RDEPTH);
	r->rdepth++;
	for (i = 0; i < n; i++) {
		if (++r->steps > MUSTACHE_MAX_STEPS) {
			er = render_error(r, tpl, &v[i], "render takes more than %lu steps",
			    MUSTACHE_MAX_STEPS);
			break;
		}
		if ((er = renderers[v[i].type](r, tpl, &v[i], c)) != CORE_OK)
			break;
	}
	r->rdepth--;
	return er;
}

enum core_err
mustache_render(const struct mustache_tpl *tpl, const json_t *ctx,
    struct mustache_set *set, struct buf *out, struct mustache_error *err)
{
	struct mustache_error dummy;
	struct render r;
	struct ctx root;
	enum core_err er;
	size_t len0;

	if (err == NULL)
		err = &dummy;
	if (tpl == NULL || out == NULL) {
		set_error(err, "", 0, 0, "no template or no output buffer");
		return CORE_INVALID;
	}
	memset(&r, 0, sizeof(r));
	r.set = set;
	r.out = out;
	r.err = err;
	r.need_indent = 1;
	root.v = ctx;
	root.up = NULL;
	len0 = out->len;
	err->message[0] = '\0';
	if ((er = buf_reserve(out, 0)) == CORE_OK)
		er = render_nodes(&r, tpl, tpl->nodes, tpl->nnodes, &root);
	if (er != CORE_OK) {
		/* Out of memory or of output room, from buf: no message yet. */
		if (err->message[0] == '\0')
			set_error(err, tpl->name, 0, 0, "%s", er == CORE_RANGE ?
			    "output larger than the buffer limit" : core_strerror(er));
		out->len = len0;
		if (out->data)
			out->data[len0] = '\0';
	}
	buf_free(&r.ind);
	return er;
}

enum core_err
mustache_render_bytes(const char *src, size_t len, const json_t *ctx,
    struct mustache_set *set, struct buf *out, struct mustache_error *err)
{
	struct mustache_tpl *tpl;
	enum core_err er;

	if ((er = mustache_compile(NULL, src, len, &tpl, err)) != CORE_OK)
		return er;
	er = mustache_render(tpl, ctx, set, out, err);
	mustache_free(tpl);
	return er;
}

enum core_err
mustache_set_render(struct mustache_set *set, const char *name, const json_t *ctx,
    struct buf *out, struct mustache_error *err)
{
	const struct mustache_tpl *tpl;
	enum core_err er;

	if ((er = mustache_set_get(set, name, &tpl, err)) != CORE_OK)
		return er;
	return mustache_render(tpl, ctx, set, out, err);
}
