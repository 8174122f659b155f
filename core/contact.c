#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "audit.h"
#include "contact.h"
#include "outbox.h"
#include "ratelimit.h"
#include "str.h"

enum {
	CT_STOREFRONT,
	CT_INSERT,
	CT_TENANT,
	CT_COUNT_ALL,
	CT_COUNT_UNREAD,
	CT_LIST_ALL,
	CT_LIST_UNREAD,
	CT_LOCK,
	CT_MARK,
	CT__MAX
};

#define CT_COLUMNS \
	"id, customer_id, name, email, phone, subject, body, client_ip, created_at, read_at"

static const char *const sql[CT__MAX] = {
	[CT_STOREFRONT] =
	    "SELECT COALESCE(NULLIF(sf.contact_email, ''), r.email), sf.contact_form_enabled,"
	    " sf.company_name"
	    " FROM storefronts sf JOIN resellers r ON r.id = sf.reseller_id"
	    " WHERE sf.reseller_id = ? AND r.edition IN ('standard', 'professional') AND r.status = 'active'",
	[CT_INSERT] =
	    "INSERT INTO contact_messages (reseller_id, name, email, subject, body, client_ip)"
	    " VALUES (?, ?, ?, ?, ?, ?)",
	[CT_TENANT] = "SELECT COUNT(*) FROM resellers WHERE id = ? AND distributor_id = ?",
	[CT_COUNT_ALL] = "SELECT COUNT(*) FROM contact_messages WHERE reseller_id = ?",
	[CT_COUNT_UNREAD] = "SELECT COUNT(*) FROM contact_messages WHERE reseller_id = ? AND read_at IS NULL",
	[CT_LIST_ALL] =
	    "SELECT " CT_COLUMNS " FROM contact_messages WHERE reseller_id = ?"
	    " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?",
	[CT_LIST_UNREAD] =
	    "SELECT " CT_COLUMNS " FROM contact_messages WHERE reseller_id = ? AND read_at IS NULL"
	    " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?",
	[CT_LOCK] =
	    "SELECT read_at IS NOT NULL, name, email, subject FROM contact_messages"
	    " WHERE id = ? AND reseller_id = ? FOR UPDATE",
	[CT_MARK] =
	    "UPDATE contact_messages SET read_at = CURRENT_TIMESTAMP"
	    " WHERE id = ? AND reseller_id = ? AND read_at IS NULL",
};

static const struct db_table table = { DB_MOD_CONTACT, sql, CT__MAX };

/* ip_clean - the client IP if it looks like one (hex digits, ':', '.'), else NULL. */
static const char *
ip_clean(const char *ip)
{
	size_t n;

	if (ip == NULL || (n = strlen(ip)) == 0 || n > 45 ||
	    strspn(ip, "0123456789abcdefABCDEF:.") != n)
		return NULL;
	return ip;
}

struct submit {
	int64_t     reseller_id;
	const char *name, *email, *subject, *body, *ip;
	int64_t    *id;
	char       *why;
};

static enum core_err
submit_txn(struct db *db, void *arg)
{
	struct submit *s = arg;
	char to[CONTACT_TEXT_SZ(CONTACT_EMAIL_MAX)], company[CONTACT_TEXT_SZ(200)];
	char bucket[RATELIMIT_BUCKET_MAX + 1], subject[CONTACT_TEXT_SZ(CONTACT_SUBJECT_MAX) + 64];
	json_t *payload = NULL, *after = NULL;
	struct db_res *r = NULL;
	struct actor form;
	enum core_err er;
	int enabled, allowed = 0;
	int64_t id;

	if ((er = db_query(db, &table, CT_STOREFRONT, &r, "i", s->reseller_id)) != CORE_OK)
		return er;
	if (!db_res_next(r)) {
		db_res_free(r);
		core_say(s->why, "This storefront does not exist.");
		return CORE_NOTFOUND;
	}
	str_copy(to, sizeof(to), db_res_str(r, 0));
	enabled = db_res_int(r, 1) != 0;
	str_copy(company, sizeof(company), db_res_str(r, 2));
	db_res_free(r);
	if (!enabled) {
		core_say(s->why, "This storefront does not take messages through its contact form.");
		return CORE_CONFLICT;
	}
	snprintf(bucket, sizeof(bucket), "contact:r%lld:ip:%s", (long long)s->reseller_id,
	    s->ip ? s->ip : "unknown");
	if ((er = ratelimit_hit(db, bucket, CONTACT_RATE_WINDOW, CONTACT_RATE_MAX, &allowed)) != CORE_OK)
		return er;
	if (!allowed) {
		core_say(s->why, "Too many messages from your address; please try again in a few minutes.");
		return CORE_CONFLICT;
	}
	if ((er = db_exec(db, &table, CT_INSERT, NULL, "isssss", s->reseller_id, s->name, s->email,
	    s->subject, s->body, s->ip)) != CORE_OK)
		return er;
	id = (int64_t)db_insert_id(db);

	snprintf(subject, sizeof(subject), "Storefront message: %s", s->subject[0] ? s->subject : s->name);
	payload = json_pack("{s:s, s:s, s:s, s:s, s:{s:s, s:s, s:s, s:s, s:s, s:I}}",
	    "to", to, "reply_to", s->email, "subject", subject, "template", "contact_message",
	    "data", "company_name", company, "name", s->name, "email", s->email,
	    "subject", s->subject, "body", s->body, "message_id", (json_int_t)id);
	after = json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)id, "name", s->name,
	    "email", s->email, "subject", s->subject);
	if (payload == NULL || after == NULL) {
		er = CORE_ENOMEM;
		goto out;
	}
	if ((er = outbox_enqueue(db, OUTBOX_EMAIL, s->reseller_id, payload, NULL)) != CORE_OK)
		goto out;
	/* the sender is an anonymous visitor: the audit row names the form and its IP */
	memset(&form, 0, sizeof(form));
	form.kind = ACTOR_SYSTEM;
	form.role = ROLE_SYSTEM;
	snprintf(form.name, sizeof(form.name), "contact form");
	if (s->ip)
		str_copy(form.client_ip, sizeof(form.client_ip), s->ip);
	if ((er = audit_write(db, &form, s->reseller_id, "contact.submit", "contact_message", id,
	    NULL, after)) != CORE_OK)
		goto out;
	if (s->id)
		*s->id = id;
out:
	json_decref(payload);
	json_decref(after);
	return er;
}

enum core_err
contact_submit(struct db *db, int64_t reseller_id, const char *name, const char *email,
    const char *subject, const char *body, const char *client_ip, int64_t *id, char *why)
{
	struct submit s;

	if (subject == NULL)
		subject = "";
	if (!str_text_valid(name, 1, CONTACT_NAME_MAX, 0)) {
		core_say(why, "Please give your name (at most %d characters, one line).", CONTACT_NAME_MAX);
		return CORE_INVALID;
	}
	if (!str_email_valid(email)) {
		core_say(why, "Please give a valid e-mail address.");
		return CORE_INVALID;
	}
	if (!str_text_valid(subject, 0, CONTACT_SUBJECT_MAX, 0)) {
		core_say(why, "The subject must be at most %d characters on one line.", CONTACT_SUBJECT_MAX);
		return CORE_INVALID;
	}
	if (!str_text_valid(body, 1, CONTACT_BODY_MAX, STR_TEXT_LINES)) {
		core_say(why, "Please write a message of at most %d characters.", CONTACT_BODY_MAX);
		return CORE_INVALID;
	}
	s.reseller_id = reseller_id;
	s.name = name;
	s.email = email;
	s.subject = subject;
	s.body = body;
	s.ip = ip_clean(client_ip);
	s.id = id;
	s.why = why;
	return db_txn(db, submit_txn, &s);
}

/*
 * tenant - the reseller whose messages the actor reads: its own
 * (a->reseller_id), checked to be of a->distributor_id.
 */
static enum core_err
tenant(struct db *db, const struct actor *a, enum action act)
{
	enum core_err er;
	int64_t n = 0;

	if ((er = actor_may(a, act)) != CORE_OK)
		return er;
	if (a->reseller_id <= 0)
		return CORE_FORBIDDEN;
	if ((er = db_query_int(db, &table, CT_TENANT, &n, "ii", a->reseller_id, a->distributor_id)) != CORE_OK)
		return er;
	return n ? CORE_OK : CORE_NOTFOUND;
}

#define COL(type, member) DB_COL(type, struct contact_message, member)
static const struct db_col cols[] = {
	COL(INT, id),
	COL(INT, customer_id),
	COL(STR, name),
	COL(STR, email),
	COL(STR, phone),
	COL(STR, subject),
	COL(STRDUP, body),
	COL(STR, client_ip),
	COL(STR, created_at),
	COL(STR, read_at),
};
#undef COL

DB_FILL_INTO_FN(fill, cols)

enum core_err
contact_list(struct db *db, const struct actor *a, int only_unread, int limit, int offset,
    struct contact_list *out)
{
	struct db_rows rows;
	enum core_err er;

	memset(out, 0, sizeof(*out));
	if ((er = tenant(db, a, ACT_MESSAGES_READ)) != CORE_OK)
		return er;
	if (limit < 1 || limit > CONTACT_LIST_MAX)
		limit = 50;
	er = db_list(db, &table, &(struct db_list){ only_unread ? CT_COUNT_UNREAD : CT_COUNT_ALL,
	    only_unread ? CT_LIST_UNREAD : CT_LIST_ALL, NULL, offset < 0 ? 0 : offset, limit, CONTACT_LIST_MAX,
	    sizeof(*out->items), fill }, &rows, "i", a->reseller_id);
	DB_ROWS_MOVE(out, rows);
	return er;
}

static void
message_done(struct contact_message *m)
{
	free(m->body);
}

DB_LIST_FREE_EACH_FN(contact_list_free, contact_list, n, message_done)

static enum core_err
mark_txn(struct db *db, void *arg)
{
	struct actor_change *m = arg;
	struct db_res *r = NULL;
	enum core_err er;
	int was_read;

	if ((er = db_query(db, &table, CT_LOCK, &r, "ii", m->id, m->a->reseller_id)) != CORE_OK)
		return er;
	if (!db_res_next(r)) {
		db_res_free(r);
		core_say(m->why, "There is no such message.");
		return CORE_NOTFOUND;
	}
	was_read = db_res_int(r, 0) != 0;
	db_res_free(r);
	if (was_read)
		return CORE_OK;
	if ((er = db_exec(db, &table, CT_MARK, NULL, "ii", m->id, m->a->reseller_id)) != CORE_OK)
		return er;
	return audit_change(db, m->a, m->a->reseller_id, "contact.read", "contact_message", m->id,
	    json_pack("{s:b}", "read", 0), json_pack("{s:b}", "read", 1));
}

enum core_err
contact_mark_read(struct db *db, const struct actor *a, int64_t id, char *why)
{
	enum core_err er;

	if ((er = tenant(db, a, ACT_MESSAGES_WRITE)) != CORE_OK) {
		core_say(why, "Only the reseller's administrator can mark messages read.");
		return er;
	}
	return db_txn(db, mark_txn, &(struct actor_change){ a, id, why });
}

enum core_err
contact_unread_count(struct db *db, const struct actor *a, int64_t *n)
{
	enum core_err er;

	if ((er = tenant(db, a, ACT_MESSAGES_READ)) != CORE_OK)
		return er;
	return db_query_int(db, &table, CT_COUNT_UNREAD, n, "i", a->reseller_id);
}

json_t *
contact_to_json(const struct contact_message *m)
{
	return json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:b}",
	    "id", (json_int_t)m->id, "customer_id", (json_int_t)m->customer_id, "name", m->name,
	    "email", m->email, "phone", m->phone, "subject", m->subject, "body", m->body ? m->body : "",
	    "client_ip", m->client_ip, "created_at", m->created_at, "read_at", m->read_at,
	    "read", m->read_at[0] != '\0');
}
