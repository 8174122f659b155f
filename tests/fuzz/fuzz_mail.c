/*
 * fuzz_mail.c - building the e-mails the worker sends (core/mail.c):
 * headers with RFC 2047 encoded words, quoted-printable bodies, and
 * their decoders.
 *
 * Input: parts separated by the byte 0x1E: subject, text body, HTML body
 * (absent: a text/plain message), and optionally Reply-To, From, To and
 * the Message-ID's left part (else fixed valid ones).  Contracts checked
 * on every message built: CRLF line ends only (no bare CR or LF), no
 * line over 998 characters (RFC 5322) and none over 78 in the body,
 * every header line one of the headers mail_build writes or a
 * continuation (a value never brings a header of its own), exactly one
 * From, To and Subject, and the Subject decodes back to the subject
 * (white space runs aside); a refused message appends nothing.  And for
 * the pieces: quoted-printable lines of at most 76 characters, without
 * "=_" (the MIME boundary's mark), that decode back to the text (CRLF
 * as LF); folded header text decodes back.
 */
#include <time.h>
#include "fuzz.h"
#include "mail.h"

#define PARTS_MAX 7

/* squeeze - s with each run of white space as one space, into a new buffer. */
static char *
squeeze(const char *s, size_t n)
{
	char *o = malloc(n + 1);
	size_t i, j = 0;

	if (o == NULL)
		abort();
	for (i = 0; i < n; i++) {
		int ws = s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n';

		if (ws && j > 0 && o[j - 1] == ' ')
			continue;
		o[j++] = ws ? ' ' : s[i];
	}
	o[j] = '\0';
	return o;
}

/* check_lines - CRLF only, and no line longer than max; returns the lines' count. */
static size_t
check_lines(const char *s, size_t n, size_t max)
{
	size_t i, col = 0, lines = 0;

	for (i = 0; i < n; i++) {
		if (s[i] == '\r') {
			FUZZ_CHECK(i + 1 < n && s[i + 1] == '\n');
			i++;
			col = 0;
			lines++;
			continue;
		}
		FUZZ_CHECK(s[i] != '\n');
		FUZZ_CHECK(++col <= max);
	}
	return lines;
}

static void
check_qp(const char *s, size_t n)
{
	struct buf qp = { 0 }, back = { 0 };
	char *want = malloc(n + 1);
	size_t i, j = 0;

	if (want == NULL)
		abort();
	for (i = 0; i < n; i++)
		if (!(s[i] == '\r' && i + 1 < n && s[i + 1] == '\n'))
			want[j++] = s[i];
	FUZZ_CHECK(mail_qp(s, n, &qp) == CORE_OK);
	check_lines(qp.data ? qp.data : "", qp.len, 76);
	FUZZ_CHECK(qp.len == 0 || memmem(qp.data, qp.len, "=_", 2) == NULL);
	for (i = 0; i < qp.len; i++)
		FUZZ_CHECK((unsigned char)qp.data[i] < 127 &&
		    ((unsigned char)qp.data[i] >= 32 || qp.data[i] == '\r' || qp.data[i] == '\n' || qp.data[i] == '\t'));
	FUZZ_CHECK(mail_qp_decode(qp.data ? qp.data : "", qp.len, &back) == CORE_OK);
	FUZZ_CHECK(back.len == j && (j == 0 || memcmp(back.data, want, j) == 0));
	buf_free(&qp);
	buf_free(&back);
	free(want);
}

static void
check_header_text(const char *s, size_t col)
{
	struct buf out = { 0 }, back = { 0 };
	char *a, *b;
	size_t i;

	if (mail_header_text(s, col, &out) != CORE_OK) {
		for (i = 0; s[i] && (unsigned char)s[i] >= 0x20 && s[i] != 0x7f; i++)
			;
		FUZZ_CHECK(s[i] != '\0');	/* refused for a control character only */
		FUZZ_CHECK(out.len == 0);
		buf_free(&out);
		return;
	}
	/* the first line already holds col characters */
	for (i = 0; i < out.len && out.data[i] != '\r'; i++)
		;
	FUZZ_CHECK(col + i <= 998);
	check_lines(out.data ? out.data : "", out.len, 998);
	FUZZ_CHECK(mail_header_decode(out.data ? out.data : "", &back) == CORE_OK);
	a = squeeze(s, strlen(s));
	b = squeeze(back.data ? back.data : "", back.len);
	FUZZ_CHECK(strcmp(a, b) == 0);
	free(a);
	free(b);
	buf_free(&out);
	buf_free(&back);
}

static void
check_message(const struct mail_msg *m)
{
	static const char *const names[] = { "Date: ", "Message-ID: ", "From: ", "To: ", "Reply-To: ",
	    "Subject: ", "MIME-Version: ", "Content-Type: ", "Content-Transfer-Encoding: " };
	struct buf out = { 0 }, subj = { 0 }, back = { 0 };
	const char *p, *end, *body;
	int from = 0, to = 0, subject = 0, in_subject = 0;
	size_t k;
	enum core_err er;

	FUZZ_CHECK(buf_puts(&out, "X") == CORE_OK);
	er = mail_build(m, &out);
	if (er != CORE_OK) {
		FUZZ_CHECK(er == CORE_INVALID);
		FUZZ_CHECK(out.len == 1);
		buf_free(&out);
		return;
	}
	check_lines(out.data + 1, out.len - 1, 998);
	body = strstr(out.data + 1, "\r\n\r\n");
	FUZZ_CHECK(body != NULL);
	body += 4;
	check_lines(body, out.len - (size_t)(body - out.data), 78);
	/* the header section, line by line */
	for (p = out.data + 1; p < body - 2; p = end + 2) {
		end = strstr(p, "\r\n");
		if (*p == ' ' || *p == '\t') {
			FUZZ_CHECK(p != out.data + 1);
			if (in_subject)
				FUZZ_CHECK(buf_append(&subj, p - 2, (size_t)(end - p) + 2) == CORE_OK);
			continue;
		}
		in_subject = 0;
		for (k = 0; k < sizeof(names) / sizeof(names[0]); k++)
			if (strncmp(p, names[k], strlen(names[k])) == 0)
				break;
		FUZZ_CHECK(k < sizeof(names) / sizeof(names[0]));
		from += k == 2;
		to += k == 3;
		if (k == 5) {
			subject++;
			in_subject = 1;
			FUZZ_CHECK(buf_append(&subj, p + 9, (size_t)(end - p) - 9) == CORE_OK);
		}
	}
	FUZZ_CHECK(from == 1 && to == 1 && subject == 1);
	FUZZ_CHECK(mail_header_decode(subj.data ? subj.data : "", &back) == CORE_OK);
	{
		char *a = squeeze(m->subject, strlen(m->subject)), *b = squeeze(back.data ? back.data : "", back.len);

		FUZZ_CHECK(strcmp(a, b) == 0);
		free(a);
		free(b);
	}
	buf_free(&out);
	buf_free(&subj);
	buf_free(&back);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t off[PARTS_MAX], len[PARTS_MAX], n, i;
	char *part[PARTS_MAX] = { 0 };
	struct mail_msg m;

	n = fuzz_split(data, size, 0x1E, PARTS_MAX, off, len);
	for (i = 0; i < n; i++)
		part[i] = fuzz_strndup(data + off[i], len[i]);

	check_qp((const char *)data + off[0], len[0]);
	if (n > 1)
		check_qp((const char *)data + off[1], len[1]);
	check_header_text(part[0], 9);
	check_header_text(part[0], 0);
	check_header_text(part[0], size ? data[size - 1] % 100 : 80);

	memset(&m, 0, sizeof(m));
	m.subject = part[0];
	m.text = n > 1 ? part[1] : "";
	m.html = n > 2 ? part[2] : NULL;
	m.reply_to = n > 3 && part[3][0] ? part[3] : NULL;
	m.from = n > 4 ? part[4] : "shop@example.com";
	m.to = n > 5 ? part[5] : "customer@example.org";
	m.msgid = n > 6 ? part[6] : "20261202.42.outbox";
	m.date = (time_t)1764633600 + (time_t)(size * 977);
	check_message(&m);
	for (i = 0; i < n; i++)
		free(part[i]);
	return 0;
}
