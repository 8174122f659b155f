#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "mail.h"
#include "str.h"

#define QP_LINE 76
#define WORD_BYTES 45	/* 60 base64 characters + 12 of "=?UTF-8?B?" "?=": 72 <= 75 */

static const char hex[] = "0123456789ABCDEF";

/* ctl - 1 when s holds a byte below 0x20 or DEL (CR and LF among them). */
static int
ctl(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 1;
	return 0;
}

int
mail_addr_ok(const char *s)
{
	const char *at;

	if (s == NULL || ctl(s) || strlen(s) > 254)
		return 0;
	if ((at = strchr(s, '@')) == NULL || at == s || at[1] == '\0' || strchr(at + 1, '@') != NULL)
		return 0;
	return strpbrk(s, " <>,;:\"()[]\\") == NULL;
}

enum core_err
mail_qp(const char *s, size_t n, struct buf *out)
{
	size_t i, col = 0;
	unsigned char c;
	char tmp[3];
	enum core_err er;
	int enc, eol;

	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		if (c == '\r' && i + 1 < n && s[i + 1] == '\n')
			continue;
		if (c == '\n') {
			if ((er = buf_puts(out, "\r\n")) != CORE_OK)
				return er;
			col = 0;
			continue;
		}
		eol = i + 1 == n || s[i + 1] == '\n' || (s[i + 1] == '\r' && i + 2 < n && s[i + 2] == '\n');
		enc = c == '=' || c > 126 || (c < 32 && c != '\t') || ((c == ' ' || c == '\t') && eol);
		/* a soft break leaves room for its "=" */
		if (col + (enc ? 3 : 1) > QP_LINE - 1 && !(eol && col + (enc ? 3 : 1) <= QP_LINE)) {
			if ((er = buf_puts(out, "=\r\n")) != CORE_OK)
				return er;
			col = 0;
		}
		if (enc) {
			tmp[0] = '=';
			tmp[1] = hex[c >> 4];
			tmp[2] = hex[c & 15];
			er = buf_append(out, tmp, 3);
			col += 3;
		} else {
			er = buf_putc(out, (char)c);
			col++;
		}
		if (er != CORE_OK)
			return er;
	}
	return CORE_OK;
}

static enum core_err
base64(const unsigned char *p, size_t n, struct buf *out)
{
	static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	char q[4];
	unsigned v;
	size_t i;
	enum core_err er;

	for (i = 0; i < n; i += 3) {
		v = (unsigned)p[i] << 16 | (i + 1 < n ? (unsigned)p[i + 1] << 8 : 0) | (i + 2 < n ? p[i + 2] : 0);
		q[0] = b64[v >> 18 & 63];
		q[1] = b64[v >> 12 & 63];
		q[2] = i + 1 < n ? b64[v >> 6 & 63] : '=';
		q[3] = i + 2 < n ? b64[v & 63] : '=';
		if ((er = buf_append(out, q, 4)) != CORE_OK)
			return er;
	}
	return CORE_OK;
}

/* longest_word - the longest run of s without a space. */
static size_t
longest_word(const char *s)
{
	size_t max = 0, n;

	for (;;) {
		n = strcspn(s, " ");
		if (n > max)
			max = n;
		if (s[n] == '\0')
			return max;
		s += n + 1;
	}
}

enum core_err
mail_header_text(const char *s, size_t col, struct buf *out)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), i, len;
	int ascii = 1;
	enum core_err er;

	if (ctl(s))
		return CORE_INVALID;
	for (i = 0; i < n; i++)
		if (p[i] > 126)
			ascii = 0;
	/*
	 * "=?" would read as the start of an encoded word; a word too long
	 * for a line of RFC 5322's 998 characters cannot be folded.
	 */
	if (ascii && strstr(s, "=?") == NULL && col + 1 + longest_word(s) <= 998) {
		/* fold before a space where the line would pass 78 characters */
		while (n > 0 && col + n > 78) {
			for (len = col < 78 ? 78 - col : 0; len > 0 && s[len] != ' '; len--)
				;
			/* no space in reach: fold at the first one after the start, if any */
			if (len == 0 && (len = 1 + strcspn(s + 1, " ")) >= n)
				break;
			if ((er = buf_append(out, s, len)) != CORE_OK || (er = buf_puts(out, "\r\n")) != CORE_OK)
				return er;
			s += len;	/* the space starts the continuation line */
			n -= len;
			col = 0;
		}
		return buf_puts(out, s);
	}
	for (i = 0; i < n; i += len) {
		len = n - i < WORD_BYTES ? n - i : WORD_BYTES;
		/* never split a UTF-8 character: back off continuation bytes */
		while (i + len < n && len > 1 && (p[i + len] & 0xc0) == 0x80)
			len--;
		if ((i > 0 && (er = buf_puts(out, "\r\n ")) != CORE_OK) ||
		    (er = buf_puts(out, "=?UTF-8?B?")) != CORE_OK ||
		    (er = base64(p + i, len, out)) != CORE_OK ||
		    (er = buf_puts(out, "?=")) != CORE_OK)
			return er;
	}
	return CORE_OK;
}

static enum core_err
header(struct buf *out, const char *name, const char *value)
{
	enum core_err er;

	if ((er = buf_printf(out, "%s: ", name)) != CORE_OK ||
	    (er = mail_header_text(value, strlen(name) + 2, out)) != CORE_OK)
		return er;
	return buf_puts(out, "\r\n");
}

static enum core_err
part(struct buf *out, const char *boundary, const char *type, const char *body)
{
	enum core_err er;

	if (boundary != NULL && (er = buf_printf(out, "--%s\r\n", boundary)) != CORE_OK)
		return er;
	if ((er = buf_printf(out, "Content-Type: %s; charset=UTF-8\r\n"
	    "Content-Transfer-Encoding: quoted-printable\r\n\r\n", type)) != CORE_OK ||
	    (er = mail_qp(body, strlen(body), out)) != CORE_OK)
		return er;
	return buf_puts(out, "\r\n");
}

static enum core_err
build(const struct mail_msg *m, struct buf *out)
{
	char date[64], boundary[96];
	struct tm tm;
	const char *at = strchr(m->from, '@');
	enum core_err er;

	gmtime_r(&m->date, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);
	if ((er = buf_printf(out, "Date: %s\r\nMessage-ID: <%s@%s>\r\nFrom: %s\r\nTo: %s\r\n",
	    date, m->msgid, at + 1, m->from, m->to)) != CORE_OK)
		return er;
	if (m->reply_to != NULL && (er = buf_printf(out, "Reply-To: %s\r\n", m->reply_to)) != CORE_OK)
		return er;
	if ((er = header(out, "Subject", m->subject)) != CORE_OK ||
	    (er = buf_puts(out, "MIME-Version: 1.0\r\n")) != CORE_OK)
		return er;
	if (m->html == NULL)
		return part(out, NULL, "text/plain", m->text);
	/* the boundary holds "=_", which quoted-printable never writes */
	snprintf(boundary, sizeof(boundary), "=_shelf_%s", m->msgid);
	if ((er = buf_printf(out, "Content-Type: multipart/alternative;\r\n boundary=\"%s\"\r\n\r\n"
	    "This is a MIME message.\r\n\r\n", boundary)) != CORE_OK ||
	    (er = part(out, boundary, "text/plain", m->text)) != CORE_OK ||
	    (er = part(out, boundary, "text/html", m->html)) != CORE_OK)
		return er;
	return buf_printf(out, "--%s--\r\n", boundary);
}

enum core_err
mail_build(const struct mail_msg *m, struct buf *out)
{
	size_t len = out->len;
	enum core_err er;

	if (m->subject == NULL || m->text == NULL || m->msgid == NULL || m->msgid[0] == '\0' ||
	    !mail_addr_ok(m->from) || !mail_addr_ok(m->to) ||
	    (m->reply_to != NULL && !mail_addr_ok(m->reply_to)) ||
	    ctl(m->subject) || ctl(m->msgid) || strpbrk(m->msgid, "<>@ \"") != NULL ||
	    strlen(m->msgid) > 64)
		return CORE_INVALID;
	if ((er = build(m, out)) != CORE_OK) {
		out->len = len;
		if (out->data != NULL)
			out->data[len] = '\0';
	}
	return er;
}

enum core_err
mail_qp_decode(const char *s, size_t n, struct buf *out)
{
	size_t i;
	int hi, lo;
	enum core_err er = CORE_OK;

	for (i = 0; i < n && er == CORE_OK; i++) {
		if (s[i] == '\r' && i + 1 < n && s[i + 1] == '\n')
			continue;
		if (s[i] != '=') {
			er = buf_putc(out, s[i]);
			continue;
		}
		if (i + 1 < n && s[i + 1] == '\n') {
			i++;
			continue;
		}
		if (i + 2 < n && s[i + 1] == '\r' && s[i + 2] == '\n') {
			i += 2;
			continue;
		}
		if (i + 2 < n && (hi = str_hexval((unsigned char)s[i + 1])) >= 0 &&
		    (lo = str_hexval((unsigned char)s[i + 2])) >= 0) {
			er = buf_putc(out, (char)(hi << 4 | lo));
			i += 2;
		} else
			er = buf_putc(out, '=');
	}
	return er;
}

static int
b64val(int c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	return c == '+' ? 62 : c == '/' ? 63 : -1;
}

/* word - decode the text of one encoded word (enc 'B' or 'Q'), len bytes. */
static enum core_err
word(char enc, const char *p, size_t len, struct buf *out)
{
	unsigned v = 0;
	int bits = 0, d, hi, lo;
	size_t i;
	enum core_err er = CORE_OK;

	for (i = 0; i < len && er == CORE_OK; i++) {
		if (enc == 'B') {
			if ((d = b64val((unsigned char)p[i])) < 0)
				continue;
			v = v << 6 | (unsigned)d;
			if ((bits += 6) >= 8) {
				bits -= 8;
				er = buf_putc(out, (char)(v >> bits & 0xff));
			}
		} else if (p[i] == '_')
			er = buf_putc(out, ' ');
		else if (p[i] == '=' && i + 2 < len && (hi = str_hexval((unsigned char)p[i + 1])) >= 0 &&
		    (lo = str_hexval((unsigned char)p[i + 2])) >= 0) {
			er = buf_putc(out, (char)(hi << 4 | lo));
			i += 2;
		} else
			er = buf_putc(out, p[i]);
	}
	return er;
}

enum core_err
mail_header_decode(const char *s, struct buf *out)
{
	const char *p = s, *q, *end, *text;
	int after_word = 0;
	enum core_err er;

	while (*p != '\0') {
		if (strncasecmp(p, "=?UTF-8?", 8) == 0 && (p[8] == 'B' || p[8] == 'b' || p[8] == 'Q' ||
		    p[8] == 'q') && p[9] == '?' && (end = strstr(p + 10, "?=")) != NULL) {
			text = p + 10;
			if ((er = word((char)(p[8] & ~0x20), text, (size_t)(end - text), out)) != CORE_OK)
				return er;
			p = end + 2;
			after_word = 1;
			continue;
		}
		if (*p == '\r' || *p == '\n' || *p == ' ' || *p == '\t') {
			/* white space between two encoded words is not text */
			q = p + strspn(p, "\r\n \t");
			if (!(after_word && strncasecmp(q, "=?UTF-8?", 8) == 0) &&
			    (er = buf_putc(out, ' ')) != CORE_OK)
				return er;
			p = q;
			continue;
		}
		if ((er = buf_putc(out, *p++)) != CORE_OK)
			return er;
		after_word = 0;
	}
	return CORE_OK;
}
