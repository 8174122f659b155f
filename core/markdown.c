/*
 * markdown.c - the safe Markdown subset (markdown.h): blocks by lines,
 * inline spans by a recursive scan with a depth limit.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>
#include "markdown.h"

#define INLINE_DEPTH 8		/* nested spans deeper than this are text */

static void
esc(struct buf *o, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		switch (s[i]) {
		case '&':  buf_puts(o, "&amp;"); break;
		case '<':  buf_puts(o, "&lt;"); break;
		case '>':  buf_puts(o, "&gt;"); break;
		case '"':  buf_puts(o, "&quot;"); break;
		case '\'': buf_puts(o, "&#39;"); break;
		default:
			/* control characters other than newline and tab are dropped */
			if ((unsigned char)s[i] >= 0x20 || s[i] == '\n' || s[i] == '\t')
				buf_putc(o, s[i]);
		}
}

/* find - the first occurrence of the n-byte delimiter d in s[from..end), or -1. */
static long
find(const char *s, size_t from, size_t end, const char *d, size_t n)
{
	size_t i;

	for (i = from; i + n <= end; i++) {
		if (s[i] == '\\') {
			i++;
			continue;
		}
		if (memcmp(s + i, d, n) == 0)
			return (long)i;
	}
	return -1;
}

static int
url_ok(const char *u, size_t n)
{
	size_t i;

	if (!((n > 7 && strncasecmp(u, "http://", 7) == 0) || (n > 8 && strncasecmp(u, "https://", 8) == 0)))
		return 0;
	for (i = 0; i < n; i++)
		if ((unsigned char)u[i] <= 0x20 || u[i] == '"' || u[i] == '\'' || u[i] == '<' || u[i] == '>' ||
		    u[i] == '`' || u[i] == '\\' || u[i] == 0x7f)
			return 0;
	return 1;
}

static void inline_md(struct buf *o, const char *s, size_t n, int depth, int in_link);

/* span - s[i..] opens delim d when a closing d follows with text between: emit tag around it; 1 when done. */
static int
span(struct buf *o, const char *s, size_t n, size_t *i, const char *d, const char *tag, int depth, int in_link)
{
	size_t dl = strlen(d), start = *i + dl;
	long close;

	if (start >= n || isspace((unsigned char)s[start]))
		return 0;
	close = find(s, start, n, d, dl);
	if (close < 0 || (size_t)close == start || isspace((unsigned char)s[close - 1]))
		return 0;
	/* a single '*' does not close on the first half of "**" */
	buf_printf(o, "<%s>", tag);
	inline_md(o, s + start, (size_t)close - start, depth + 1, in_link);
	buf_printf(o, "</%s>", tag);
	*i = (size_t)close + dl;
	return 1;
}

static int
link(struct buf *o, const char *s, size_t n, size_t *i, int depth)
{
	long close = find(s, *i + 1, n, "]", 1), end;
	size_t ts = *i + 1, us, ue;

	if (close < 0 || (size_t)close + 1 >= n || s[close + 1] != '(')
		return 0;
	if ((end = find(s, (size_t)close + 2, n, ")", 1)) < 0)
		return 0;
	us = (size_t)close + 2;
	ue = (size_t)end;
	while (us < ue && s[us] == ' ')
		us++;
	while (ue > us && s[ue - 1] == ' ')
		ue--;
	if (url_ok(s + us, ue - us)) {
		buf_puts(o, "<a href=\"");
		esc(o, s + us, ue - us);
		buf_puts(o, "\" rel=\"nofollow noopener noreferrer ugc\">");
		inline_md(o, s + ts, (size_t)close - ts, depth + 1, 1);
		buf_puts(o, "</a>");
	} else
		inline_md(o, s + ts, (size_t)close - ts, depth + 1, 1);
	*i = (size_t)end + 1;
	return 1;
}

static void
inline_md(struct buf *o, const char *s, size_t n, int depth, int in_link)
{
	size_t i = 0;
	long close;

	if (depth > INLINE_DEPTH) {
		esc(o, s, n);
		return;
	}
	while (i < n) {
		char c = s[i];

		if (c == '\\' && i + 1 < n && ispunct((unsigned char)s[i + 1])) {
			esc(o, s + i + 1, 1);
			i += 2;
			continue;
		}
		if (c == '`' && (close = find(s, i + 1, n, "`", 1)) > (long)i + 1) {
			buf_puts(o, "<code>");
			esc(o, s + i + 1, (size_t)close - i - 1);
			buf_puts(o, "</code>");
			i = (size_t)close + 1;
			continue;
		}
		if (c == '*' && i + 1 < n && s[i + 1] == '*' && span(o, s, n, &i, "**", "strong", depth, in_link))
			continue;
		if (c == '*' && !(i + 1 < n && s[i + 1] == '*') && span(o, s, n, &i, "*", "em", depth, in_link))
			continue;
		if (c == '_' && (i == 0 || !isalnum((unsigned char)s[i - 1])) && span(o, s, n, &i, "_", "em", depth, in_link))
			continue;
		if (c == '[' && !in_link && link(o, s, n, &i, depth))
			continue;
		esc(o, s + i, 1);
		i++;
	}
}

enum block { B_NONE, B_P, B_UL, B_OL };

/* marker - the length of a list marker (and its spaces) at the start of line, 0 when none; *ordered set. */
static size_t
marker(const char *l, size_t n, int *ordered)
{
	size_t i = 0, d;

	while (i < n && i < 3 && l[i] == ' ')
		i++;
	if (i + 1 < n && (l[i] == '-' || l[i] == '*' || l[i] == '+') && l[i + 1] == ' ') {
		/* "**bold** text" is not a list item, "* item" is */
		*ordered = 0;
		i += 2;
	} else {
		for (d = i; i < n && i - d < 9 && isdigit((unsigned char)l[i]); i++)
			;
		if (i == d || i + 1 >= n || (l[i] != '.' && l[i] != ')') || l[i + 1] != ' ')
			return 0;
		*ordered = 1;
		i += 2;
	}
	while (i < n && l[i] == ' ')
		i++;
	return i;
}

struct md {
	struct buf  *o;
	enum block   open;
	struct buf   text;		/* the paragraph or list item being gathered */
	int          item;		/* text is a list item */
};

static void
flush_text(struct md *m)
{
	if (m->text.len == 0 && !m->item)
		return;
	if (m->item)
		buf_puts(m->o, "<li>");
	else
		buf_puts(m->o, "<p>");
	inline_md(m->o, m->text.data ? m->text.data : "", m->text.len, 0, 0);
	buf_puts(m->o, m->item ? "</li>\n" : "</p>\n");
	m->text.len = 0;
	m->item = 0;
}

static void
close_block(struct md *m)
{
	flush_text(m);
	if (m->open == B_UL)
		buf_puts(m->o, "</ul>\n");
	else if (m->open == B_OL)
		buf_puts(m->o, "</ol>\n");
	m->open = B_NONE;
}

static void
add_text(struct md *m, const char *s, size_t n)
{
	if (m->text.len > 0)
		buf_putc(&m->text, '\n');
	buf_append(&m->text, s, n);
}

enum core_err
markdown_html(const char *src, struct buf *out)
{
	struct md m = { out, B_NONE, { NULL, 0, 0 }, 0 };
	const char *p = src ? src : "", *nl;
	size_t n, k, lead;
	int ordered;
	size_t len = strlen(p);

	/*
	 * The output is at most 8 bytes a source byte (an entity is 6, the
	 * tags of the shortest span or list item fewer) plus the list tags:
	 * reserved up front, no append below can fail.
	 */
	if (len > (BUF_MAX - 256) / 8 || buf_reserve(out, len * 8 + 256) != CORE_OK ||
	    buf_reserve(&m.text, len + 1) != CORE_OK) {
		buf_free(&m.text);
		return CORE_ENOMEM;
	}
	out->data[out->len] = '\0';	/* reserved room: "" until something is appended */
	while (*p) {
		nl = strchr(p, '\n');
		n = nl ? (size_t)(nl - p) : strlen(p);
		while (n > 0 && (p[n - 1] == '\r' || p[n - 1] == ' ' || p[n - 1] == '\t'))
			n--;
		for (lead = 0; lead < n && (p[lead] == ' ' || p[lead] == '\t'); lead++)
			;
		if (lead == n)
			close_block(&m);
		else if ((k = marker(p, n, &ordered)) > 0 && k < n) {
			enum block want = ordered ? B_OL : B_UL;

			if (m.open != want)
				close_block(&m);
			else
				flush_text(&m);
			if (m.open == B_NONE)
				buf_puts(out, ordered ? "<ol>\n" : "<ul>\n");
			m.open = want;
			m.item = 1;
			add_text(&m, p + k, n - k);
		} else if ((m.open == B_UL || m.open == B_OL) && lead > 0)
			add_text(&m, p + lead, n - lead);	/* continues the item */
		else {
			if (m.open != B_P)
				close_block(&m);
			m.open = B_P;
			add_text(&m, p + lead, n - lead);
		}
		p += nl ? (size_t)(nl - p) + 1 : strlen(p);
	}
	close_block(&m);
	buf_free(&m.text);
	return CORE_OK;
}
