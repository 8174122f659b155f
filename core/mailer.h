/*
 * mailer.h - deliver the e-mail of an outbox row: render its template
 * from the reseller's theme, build the MIME message (mail.h) and send
 * it over SMTP with libcurl.
 *
 * A row's payload is {to, subject, template, data, reply_to?}.  The
 * texts are Mustache templates of the themes:
 * THEMES/THEME/mail/TEMPLATE.txt.mustache (required) and
 * TEMPLATE.html.mustache (optional: without it the message is plain
 * text), THEME being the reseller's storefront theme, or classic when
 * the reseller has none or that theme lacks the template; partials
 * ({{>NAME}}) come from the same mail/ directories.  The context is the
 * payload's data plus "email_subject" (the Subject header).
 *
 * One mailer keeps one libcurl handle, so a batch of messages goes over
 * one SMTP connection (libcurl keeps it open between sends).  No SQL,
 * nothing printed.
 */
#ifndef SHELF_MAILER_H
#define SHELF_MAILER_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include "buf.h"
#include "config.h"

#define MAILER_FALLBACK_THEME "classic"

struct mailer;

/*
 * mailer_new - a mailer for cfg's smtp_url, smtp_user, smtp_password,
 * mail_from and themes_dir (cfg is copied).  NULL with why set when
 * smtp_url is empty or not smtp:// or smtps://, or out of memory.
 * Free with mailer_free.
 */
struct mailer *mailer_new(const struct config *cfg, char *why, size_t whysz);

/* mailer_free - close the SMTP connection and free m; NULL is a no-op. */
void mailer_free(struct mailer *m);

/*
 * mailer_render - the message of payload (JSON text) for theme ("" or
 * NULL: the fallback) appended to out, dated now, with a Message-ID
 * made from the row id; the recipient is copied into to (tosz bytes).  CORE_INVALID (why set) for a payload that is not
 * an e-mail or an address or header that cannot be sent: retrying
 * cannot help.  CORE_NOTFOUND or CORE_TEMPLATE for a missing or broken
 * template, CORE_ENOMEM.
 */
enum core_err mailer_render(struct mailer *m, const char *theme, int64_t id, const char *payload,
    time_t now, struct buf *out, char *to, size_t tosz, char *why, size_t whysz);

/*
 * mailer_send - send msg (len bytes, CRLF lines, borrowed) to the
 * address to, over the mailer's connection (opened when there is none
 * or the server closed it).  CORE_INVALID for an address that is not
 * one; CORE_IO with libcurl's reason (and the SMTP reply code) in why
 * when the server cannot be reached or refuses: worth retrying.
 */
enum core_err mailer_send(struct mailer *m, const char *to, const char *msg, size_t len, char *why,
    size_t whysz);

#endif
