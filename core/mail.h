/*
 * mail.h - one e-mail as RFC 5322 bytes: headers (Date, Message-ID,
 * From, To, Reply-To, Subject as RFC 2047 encoded words when not
 * ASCII), MIME 1.0 multipart/alternative with a text/plain and a
 * text/html part, both UTF-8 and quoted-printable.  Lines end in CRLF
 * and none is longer than 78 characters.  No I/O, no SQL.
 */
#ifndef SHELF_MAIL_H
#define SHELF_MAIL_H

#include <time.h>
#include "buf.h"
#include "err.h"

struct mail_msg {
	const char *from;	/* addr-spec, e.g. shelf@example.com */
	const char *to;		/* addr-spec */
	const char *reply_to;	/* addr-spec or NULL */
	const char *subject;	/* UTF-8 */
	const char *text;	/* UTF-8 body, '\n' or "\r\n" line ends */
	const char *html;	/* UTF-8 body; NULL: a text/plain message only */
	time_t      date;
	const char *msgid;	/* the Message-ID's left part (unique), without <> or @ */
};

/*
 * mail_build - the message m appended to out.  CORE_INVALID when a
 * header value (from, to, reply_to, subject, msgid) holds a CR, LF or
 * other control character, an address is not a plain addr-spec
 * (local@domain, no spaces, angle brackets, commas or quotes), or a
 * required field is NULL; nothing is appended then.  CORE_ENOMEM.
 */
enum core_err mail_build(const struct mail_msg *m, struct buf *out);

/*
 * mail_qp - s (n bytes) as quoted-printable (RFC 2045 6.7) appended to
 * out: '\n' and "\r\n" become CRLF, lines are soft-broken ("=" CRLF) to
 * at most 76 characters, '=', non-ASCII and control bytes, and a space
 * or tab before a line end, are =XX.
 */
enum core_err mail_qp(const char *s, size_t n, struct buf *out);

/*
 * mail_header_text - a header value that starts at column col (after
 * "Name: ") appended to out: printable ASCII as is, folded (CRLF before
 * a space) where a line would pass 78 characters; anything else as
 * RFC 2047 "=?UTF-8?B?...?=" encoded words of at most 75 characters
 * each, split between UTF-8 characters and folded by CRLF SP.
 * CORE_INVALID for control characters (CR, LF...): a value never
 * brings a header of its own.
 */
enum core_err mail_header_text(const char *s, size_t col, struct buf *out);

/*
 * mail_qp_decode - quoted-printable s (n bytes) decoded, appended to
 * out: soft breaks removed, =XX turned into the byte, CRLF into '\n'; a
 * malformed escape is kept as written.
 */
enum core_err mail_qp_decode(const char *s, size_t n, struct buf *out);

/*
 * mail_header_decode - a header value as read (folded lines allowed)
 * with its "=?UTF-8?B?...?=" and "=?UTF-8?Q?...?=" words decoded,
 * appended to out; other text is copied, line folds become nothing
 * between encoded words and a space elsewhere.
 */
enum core_err mail_header_decode(const char *s, struct buf *out);

/* mail_addr_ok - 1 when s is a plain addr-spec usable in From/To and SMTP. */
int mail_addr_ok(const char *s);

#endif
