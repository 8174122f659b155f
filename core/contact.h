/*
 * contact.h - messages visitors send through a storefront's contact form
 * (table contact_messages), and the reseller admin's inbox of them.
 *
 * contact_submit is called by the public storefront: there is no actor,
 * the reseller comes from the routed storefront (never from the form).
 * It is throttled per storefront and client IP (CONTACT_RATE_MAX messages
 * per CONTACT_RATE_WINDOW seconds) through ratelimit.
 *
 * The text checks are exported because other modules validate the same
 * kinds of fields (e-mail addresses, names, free text).
 */
#ifndef SHELF_CONTACT_H
#define SHELF_CONTACT_H

#include <stddef.h>
#include <stdint.h>
#include <jansson.h>
#include "actor.h"
#include "db.h"

#define CONTACT_NAME_MAX    200		/* characters */
#define CONTACT_SUBJECT_MAX 200
#define CONTACT_BODY_MAX    5000
#define CONTACT_EMAIL_MAX   254		/* bytes */
#define CONTACT_RATE_MAX    5
#define CONTACT_RATE_WINDOW 600
#define CONTACT_LIST_MAX    500
#define CONTACT_TEXT_SZ(n)  ((n) * 4 + 1)

struct contact_message {
	int64_t id;
	int64_t customer_id;		/* 0 when not sent by a known customer */
	char    name[CONTACT_TEXT_SZ(CONTACT_NAME_MAX)];
	char    email[CONTACT_TEXT_SZ(CONTACT_EMAIL_MAX)];
	char    phone[CONTACT_TEXT_SZ(40)];
	char    subject[CONTACT_TEXT_SZ(CONTACT_SUBJECT_MAX)];
	char   *body;			/* malloc'd, owned by the list; never NULL in a list */
	char    client_ip[46];
	char    created_at[20];		/* "YYYY-MM-DD HH:MM:SS" UTC */
	char    read_at[20];		/* "" while unread */
};

/* a list (db.h DB_LIST); contact_list_free; bodies owned by the list */
DB_LIST(contact_list, struct contact_message);


/*
 * contact_submit - store a visitor's message to reseller_id's storefront
 * and queue an e-mail to the storefront's contact address (the reseller's
 * e-mail when none), in one transaction with an audit row (actor: the
 * contact form, kind system, with client_ip).
 *   name 1..200 characters, email per str_email_valid, subject 0..200
 *   (NULL is ""), all single-line; body 1..5000 characters (line breaks
 *   and tabs allowed); no other control characters, valid UTF-8.
 *   CORE_INVALID with why otherwise.
 * CORE_NOTFOUND when the storefront is not online; CORE_CONFLICT when its
 * contact form is switched off, or (why "Too many messages ...") when
 * client_ip (NULL/"" counts as one shared "unknown") has sent
 * CONTACT_RATE_MAX messages to this storefront in the current window.
 * *id (may be NULL) gets the message id.
 */
enum core_err contact_submit(struct db *db, int64_t reseller_id, const char *name,
    const char *email, const char *subject, const char *body, const char *client_ip,
    int64_t *id, char *why);

/*
 * contact_list - the messages of the actor's reseller (ACT_MESSAGES_READ;
 * the tenant is a->reseller_id, so a support operator must be inspecting a
 * reseller, else CORE_FORBIDDEN), newest first, unread only when
 * only_unread, limit (1..CONTACT_LIST_MAX, others clamp to 50) from offset.
 * *out: contact_list_free (also after an error).
 */
enum core_err contact_list(struct db *db, const struct actor *a, int only_unread, int limit,
    int offset, struct contact_list *out);

void contact_list_free(struct contact_list *l);

/*
 * contact_mark_read - mark message id of the actor's reseller read (a
 * change: reseller admins only, ACT_MESSAGES_WRITE), with an audit row.
 * Already read: CORE_OK, nothing written.  Another tenant's or an unknown
 * id: CORE_NOTFOUND.
 */
enum core_err contact_mark_read(struct db *db, const struct actor *a, int64_t id, char *why);

/* contact_unread_count - unread messages of the actor's reseller (as contact_list). */
enum core_err contact_unread_count(struct db *db, const struct actor *a, int64_t *n);

/* contact_to_json - a new object of the message; NULL on ENOMEM. */
json_t *contact_to_json(const struct contact_message *m);

#endif
