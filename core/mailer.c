#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <curl/curl.h>
#include <jansson.h>
#include "mail.h"
#include "mailer.h"
#include "mustache.h"
#include "str.h"

struct mailer {
	struct config cfg;
	CURL         *curl;
};

/* Where a render finds its templates: the theme's mail/, then the fallback's. */
struct tpl_dirs {
	const char *themes_dir;
	const char *theme;
};

struct mailer *
mailer_new(const struct config *cfg, char *why, size_t whysz)
{
	struct mailer *m;

	if (strncmp(cfg->smtp_url, "smtp://", 7) != 0 && strncmp(cfg->smtp_url, "smtps://", 8) != 0) {
		snprintf(why, whysz, "smtp_url must be smtp://HOST[:PORT] or smtps://HOST[:PORT], not '%s'",
		    cfg->smtp_url);
		return NULL;
	}
	if (!mail_addr_ok(cfg->mail_from)) {
		snprintf(why, whysz, "mail_from is not an e-mail address: '%s'", cfg->mail_from);
		return NULL;
	}
	if ((m = calloc(1, sizeof(*m))) == NULL) {
		snprintf(why, whysz, "%s", core_strerror(CORE_ENOMEM));
		return NULL;
	}
	m->cfg = *cfg;
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK || (m->curl = curl_easy_init()) == NULL) {
		snprintf(why, whysz, "cannot initialise libcurl");
		free(m);
		return NULL;
	}
	return m;
}

void
mailer_free(struct mailer *m)
{
	if (m == NULL)
		return;
	curl_easy_cleanup(m->curl);
	curl_global_cleanup();
	explicit_bzero(m->cfg.smtp_password, sizeof(m->cfg.smtp_password));
	free(m);
}

/* safe_name - template and partial names are [a-z0-9_] words: never a path. */
static int
safe_name(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_' || *s == '.'))
			return 0;
	return 1;
}

/* load - name (e.g. "contact_message.txt") from the theme's mail/, else the fallback's. */
static enum core_err
load(void *arg, const char *name, struct buf *src, char *why, size_t whysz)
{
	const struct tpl_dirs *d = arg;
	const char *themes[2] = { d->theme, MAILER_FALLBACK_THEME };
	char path[PATH_MAX];
	int i, rc = ENOENT;

	if (!safe_name(name) || strstr(name, "..") != NULL) {
		snprintf(why, whysz, "bad mail template name '%s'", name);
		return CORE_NOTFOUND;
	}
	for (i = 0; i < 2; i++) {
		if (themes[i] == NULL || themes[i][0] == '\0' || !safe_name(themes[i]))
			continue;
		snprintf(path, sizeof(path), "%s/%s/mail/%s.mustache", d->themes_dir, themes[i], name);
		src->len = 0;
		if ((rc = buf_read_file(src, path, MUSTACHE_MAX_SOURCE)) == 0)
			return CORE_OK;
		if (rc != ENOENT)
			break;
	}
	snprintf(why, whysz, "mail template %s: %s", name, strerror(rc));
	return rc == ENOENT ? CORE_NOTFOUND : CORE_IO;
}

static enum core_err
render(struct mustache_set *set, const char *tpl, const char *ext, const json_t *ctx, struct buf *out,
    char *why, size_t whysz)
{
	char name[160];
	struct mustache_error err;
	enum core_err er;

	snprintf(name, sizeof(name), "%s.%s", tpl, ext);
	if ((er = mustache_set_render(set, name, ctx, out, &err)) != CORE_OK)
		snprintf(why, whysz, "%s:%d:%d: %s", err.name, err.line, err.column, err.message);
	return er;
}

enum core_err
mailer_render(struct mailer *m, const char *theme, int64_t id, const char *payload, time_t now,
    struct buf *out, char *to, size_t tosz, char *why, size_t whysz)
{
	struct tpl_dirs dirs = { m->cfg.themes_dir, theme };
	struct buf text = { NULL, 0, 0 }, html = { NULL, 0, 0 };
	struct mustache_set *set = NULL;
	struct mail_msg msg;
	const char *rcpt = NULL, *subject = NULL, *tpl = NULL, *reply_to = NULL;
	json_t *p, *ctx = NULL;
	json_error_t jerr;
	unsigned char rnd[8];
	char msgid[64];
	enum core_err er;

	if ((p = json_loads(payload, 0, &jerr)) == NULL ||
	    json_unpack(p, "{s:s, s:s, s:s, s?s}", "to", &rcpt, "subject", &subject, "template", &tpl,
	    "reply_to", &reply_to) != 0 || !safe_name(tpl)) {
		snprintf(why, whysz, "not an e-mail payload: {to, subject, template} expected");
		er = CORE_INVALID;
		goto out;
	}
	str_copy(to, tosz, rcpt);
	if (!mail_addr_ok(rcpt)) {
		snprintf(why, whysz, "cannot send to '%s': not a plain e-mail address", rcpt);
		er = CORE_INVALID;
		goto out;
	}
	ctx = json_is_object(json_object_get(p, "data")) ? json_deep_copy(json_object_get(p, "data")) :
	    json_object();
	if (ctx == NULL || json_object_set_new(ctx, "email_subject", json_string(subject)) != 0 ||
	    (set = mustache_set_new(load, &dirs, MUSTACHE_STRICT_PARTIALS)) == NULL) {
		er = CORE_ENOMEM;
		snprintf(why, whysz, "%s", core_strerror(er));
		goto out;
	}
	if ((er = render(set, tpl, "txt", ctx, &text, why, whysz)) != CORE_OK)
		goto out;
	er = render(set, tpl, "html", ctx, &html, why, whysz);
	if (er == CORE_NOTFOUND)
		buf_free(&html);	/* no HTML template: a plain text message */
	else if (er != CORE_OK)
		goto out;
	if (getrandom(rnd, sizeof(rnd), 0) != (ssize_t)sizeof(rnd))
		memset(rnd, 0, sizeof(rnd));
	snprintf(msgid, sizeof(msgid), "shelf.%lld.%02x%02x%02x%02x%02x%02x%02x%02x", (long long)id,
	    rnd[0], rnd[1], rnd[2], rnd[3], rnd[4], rnd[5], rnd[6], rnd[7]);
	memset(&msg, 0, sizeof(msg));
	msg.from = m->cfg.mail_from;
	msg.to = rcpt;
	msg.reply_to = reply_to != NULL && mail_addr_ok(reply_to) ? reply_to : NULL;
	msg.subject = subject;
	msg.text = buf_cstr(&text);
	msg.html = html.len > 0 ? buf_cstr(&html) : NULL;
	msg.date = now;
	msg.msgid = msgid;
	if ((er = mail_build(&msg, out)) == CORE_INVALID)
		snprintf(why, whysz, "a header holds a line break or control character");
	else if (er != CORE_OK)
		snprintf(why, whysz, "%s", core_strerror(er));
out:
	mustache_set_free(set);
	json_decref(ctx);
	json_decref(p);
	buf_free(&text);
	buf_free(&html);
	return er;
}

struct upload {
	const char *p;
	size_t      left;
};

static size_t
read_cb(char *dst, size_t size, size_t nmemb, void *arg)
{
	struct upload *u = arg;
	size_t n = size * nmemb < u->left ? size * nmemb : u->left;

	memcpy(dst, u->p, n);
	u->p += n;
	u->left -= n;
	return n;
}

enum core_err
mailer_send(struct mailer *m, const char *to, const char *msg, size_t len, char *why, size_t whysz)
{
	char from[CONFIG_STR + 2], rcpt[300], err[CURL_ERROR_SIZE] = "";
	struct curl_slist *rcpts;
	struct upload u = { msg, len };
	CURLcode rc;
	long code = 0;

	if (!mail_addr_ok(to)) {
		snprintf(why, whysz, "cannot send to '%s'", to);
		return CORE_INVALID;
	}
	snprintf(from, sizeof(from), "<%s>", m->cfg.mail_from);
	snprintf(rcpt, sizeof(rcpt), "<%s>", to);
	if ((rcpts = curl_slist_append(NULL, rcpt)) == NULL) {
		snprintf(why, whysz, "%s", core_strerror(CORE_ENOMEM));
		return CORE_ENOMEM;
	}
	curl_easy_reset(m->curl);	/* keeps the open connection */
	curl_easy_setopt(m->curl, CURLOPT_URL, m->cfg.smtp_url);
	curl_easy_setopt(m->curl, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(m->curl, CURLOPT_MAIL_RCPT, rcpts);
	curl_easy_setopt(m->curl, CURLOPT_READFUNCTION, read_cb);
	curl_easy_setopt(m->curl, CURLOPT_READDATA, &u);
	curl_easy_setopt(m->curl, CURLOPT_INFILESIZE_LARGE, (curl_off_t)len);
	curl_easy_setopt(m->curl, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(m->curl, CURLOPT_ERRORBUFFER, err);
	curl_easy_setopt(m->curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(m->curl, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(m->curl, CURLOPT_TIMEOUT, 60L);
	/* smtp://: STARTTLS when the server offers it; smtps:// is TLS throughout */
	curl_easy_setopt(m->curl, CURLOPT_USE_SSL, (long)CURLUSESSL_TRY);
	if (m->cfg.smtp_user[0] != '\0') {
		curl_easy_setopt(m->curl, CURLOPT_USERNAME, m->cfg.smtp_user);
		curl_easy_setopt(m->curl, CURLOPT_PASSWORD, m->cfg.smtp_password);
	}
	rc = curl_easy_perform(m->curl);
	curl_slist_free_all(rcpts);
	if (rc == CURLE_OK)
		return CORE_OK;
	curl_easy_getinfo(m->curl, CURLINFO_RESPONSE_CODE, &code);
	if (code != 0)
		snprintf(why, whysz, "SMTP %ld: %s", code, err[0] ? err : curl_easy_strerror(rc));
	else
		snprintf(why, whysz, "%s", err[0] ? err : curl_easy_strerror(rc));
	return CORE_IO;
}
