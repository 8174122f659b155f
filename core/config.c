#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "config.h"

enum ckind { C_STR, C_INT };

struct ckey {
	const char *name;
	enum ckind  kind;
	size_t      off;
	const char *def;	/* default, as text */
	long        min, max;	/* for C_INT */
};

#define S(f, d)          { #f, C_STR, offsetof(struct config, f), d, 0, 0 }
#define I(f, d, lo, hi)  { #f, C_INT, offsetof(struct config, f), d, lo, hi }
static const struct ckey keys[] = {
	S(db_socket, ""),
	S(db_host, "localhost"),
	I(db_port, "3306", 1, 65535),
	S(db_name, "shelf"),
	S(db_user, "root"),
	S(db_password, ""),
	S(fcgi_db_user, ""),
	S(fcgi_db_password, ""),
	S(support_db_user, ""),
	S(support_db_password, ""),
	S(migrate_db_user, ""),
	S(migrate_db_password, ""),
	S(db_grant_host, "localhost"),
	I(db_connect_timeout, "5", 1, 3600),
	I(db_read_timeout, "30", 1, 3600),
	I(db_write_timeout, "30", 1, 3600),
	S(fcgi_socket, "var/run/shelf-fcgi.sock"),
	S(fcgi_socket_group, ""),
	I(fcgi_workers, "2", 1, 256),
	S(public_url, "http://127.0.0.1:8080"),
	S(base_domain, ""),
	I(https, "0", 0, 1),
	S(themes_dir, "themes"),
	S(sql_dir, "sql"),
	S(gateways, ""),
	S(smtp_url, ""),
	S(smtp_user, ""),
	S(smtp_password, ""),
	S(mail_from, "shelf@localhost"),
	S(maildir, "var/mail"),
	I(outbox_max_attempts, "8", 1, 100),
	I(outbox_retry_seconds, "60", 1, 86400),
	I(outbox_lease_seconds, "300", 2, 86400),
	S(fulfil_url, ""),
	S(fulfil_secret, ""),
	I(fulfil_timeout_seconds, "10", 1, 300),
	S(clock, ""),
	S(media_dir, "var/media"),
	I(media_max_bytes, "5242880", 1024, 67108864),
	I(media_max_pixels, "16000000", 1, 100000000),
	I(webhook_allow_http_loopback, "0", 0, 1),
	I(webhook_timeout_seconds, "10", 1, 60),
	I(webhook_disable_after, "15", 1, 1000),
	S(db_read_socket, ""),
	S(db_read_host, ""),
	I(db_read_port, "3306", 1, 65535),
	S(db_read_user, ""),
	S(db_read_password, ""),
	I(db_read_max_lag, "5", 2, 60),
	I(stale_max_ms, "2000", 0, 600000),
	S(page_dir, ""),
};
#undef S
#undef I
#define NKEYS (sizeof(keys) / sizeof(keys[0]))

static const struct ckey *
find_key(const char *name)
{
	size_t i;

	for (i = 0; i < NKEYS; i++)
		if (strcmp(keys[i].name, name) == 0)
			return &keys[i];
	return NULL;
}

/* set - store text as the key's value; returns a reason on failure, else NULL. */
static const char *
set(struct config *cfg, const struct ckey *k, const char *text)
{
	char *end;
	long v;

	if (k->kind == C_STR) {
		if (strlen(text) >= CONFIG_STR)
			return "value too long";
		strcpy((char *)cfg + k->off, text);
		return NULL;
	}
	errno = 0;
	v = strtol(text, &end, 10);
	if (*text == '\0' || *end != '\0' || errno)
		return "not a whole number";
	if (v < k->min || v > k->max)
		return "out of range";
	*(int *)((char *)cfg + k->off) = (int)v;
	return NULL;
}

static char *
trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

static enum core_err
read_file(struct config *cfg, const char *path, char *msg, size_t msgsz)
{
	char line[1024], *p, *eq, *name, *val;
	const struct ckey *k;
	const char *why;
	FILE *f;
	int n = 0;
	enum core_err er = CORE_OK;

	if ((f = fopen(path, "r")) == NULL) {
		snprintf(msg, msgsz, "%s: cannot open: %s", path, strerror(errno));
		return CORE_CONFIG;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		n++;
		if (strchr(line, '\n') == NULL && !feof(f)) {
			snprintf(msg, msgsz, "%s:%d: line too long", path, n);
			er = CORE_CONFIG;
			break;
		}
		p = trim(line);
		if (*p == '\0' || *p == '#')
			continue;
		if ((eq = strchr(p, '=')) == NULL) {
			snprintf(msg, msgsz, "%s:%d: expected 'key = value'", path, n);
			er = CORE_CONFIG;
			break;
		}
		*eq = '\0';
		name = trim(p);
		val = trim(eq + 1);
		if ((k = find_key(name)) == NULL) {
			snprintf(msg, msgsz, "%s:%d: unknown key '%s'", path, n, name);
			er = CORE_CONFIG;
			break;
		}
		if ((why = set(cfg, k, val)) != NULL) {
			snprintf(msg, msgsz, "%s:%d: %s: %s", path, n, name, why);
			er = CORE_CONFIG;
			break;
		}
	}
	fclose(f);
	return er;
}

enum core_err
config_load_file(struct config *cfg, const char *path, char *msg, size_t msgsz)
{
	char var[64];
	const char *v, *why;
	size_t i, j;
	enum core_err er;

	memset(cfg, 0, sizeof(*cfg));
	if (msgsz)
		msg[0] = '\0';
	for (i = 0; i < NKEYS; i++)
		set(cfg, &keys[i], keys[i].def);
	if (path != NULL && *path != '\0') {
		snprintf(cfg->source, sizeof(cfg->source), "%s", path);
		if ((er = read_file(cfg, path, msg, msgsz)) != CORE_OK)
			return er;
	}
	for (i = 0; i < NKEYS; i++) {
		strcpy(var, "SHELF_");
		for (j = 0; keys[i].name[j] != '\0'; j++)
			var[6 + j] = (char)toupper((unsigned char)keys[i].name[j]);
		var[6 + j] = '\0';
		if ((v = getenv(var)) == NULL)
			continue;
		if ((why = set(cfg, &keys[i], v)) != NULL) {
			snprintf(msg, msgsz, "environment %s: %s", var, why);
			return CORE_CONFIG;
		}
	}
	if (cfg->clock[0] != '\0' && config_clock(cfg, NULL) != 0) {
		snprintf(msg, msgsz, "clock: expected 'YYYY-MM-DD HH:MM:SS' (UTC), got '%s'", cfg->clock);
		return CORE_CONFIG;
	}
	return CORE_OK;
}

int
config_clock(const struct config *cfg, time_t *out)
{
	struct tm tm;
	char *end;

	memset(&tm, 0, sizeof(tm));
	if ((end = strptime(cfg->clock, "%Y-%m-%d %H:%M:%S", &tm)) == NULL || *end != '\0' ||
	    tm.tm_year < 70)
		return -1;
	if (out != NULL)
		*out = timegm(&tm);
	return 0;
}

const char *const *
config_places(void)
{
	static const char *const places[] = {
#ifdef SHELF_TREE
		SHELF_TREE "/var/shelf.conf",
#endif
		"/etc/shelf.conf",
		NULL,
	};

	return places;
}

const char *
config_path(const char *env, const char *const *candidates)
{
	size_t i;

	if (env != NULL)
		return env;
	for (i = 0; candidates != NULL && candidates[i] != NULL; i++)
		if (access(candidates[i], F_OK) == 0)
			return candidates[i];
	return NULL;
}

enum core_err
config_load(struct config *cfg, char *msg, size_t msgsz)
{
	return config_load_file(cfg, config_path(getenv("SHELF_CONFIG"), config_places()), msg, msgsz);
}

int
config_use_account(struct config *cfg, enum config_account which)
{
	static const struct {
		size_t user, password;
	} acc[] = {
		[CONFIG_ACCOUNT_FCGI] = { offsetof(struct config, fcgi_db_user), offsetof(struct config, fcgi_db_password) },
		[CONFIG_ACCOUNT_SUPPORT] = { offsetof(struct config, support_db_user),
		    offsetof(struct config, support_db_password) },
		[CONFIG_ACCOUNT_MIGRATE] = { offsetof(struct config, migrate_db_user),
		    offsetof(struct config, migrate_db_password) },
	};
	const char *user, *password;

	if (which == CONFIG_ACCOUNT_APP || (size_t)which >= sizeof(acc) / sizeof(acc[0]))
		return 0;
	user = (const char *)cfg + acc[which].user;
	password = (const char *)cfg + acc[which].password;
	if (user[0] == '\0')
		return 0;
	memmove(cfg->db_user, user, CONFIG_STR);
	memmove(cfg->db_password, password, CONFIG_STR);
	return 1;
}

int
config_is_gateway(const struct config *cfg, const char *account)
{
	const char *p = cfg->gateways;
	size_t n = strlen(account);

	while (*p != '\0') {
		while (*p == ',' || *p == ' ')
			p++;
		if (strncmp(p, account, n) == 0 && (p[n] == '\0' || p[n] == ',' || p[n] == ' '))
			return n > 0;
		while (*p != '\0' && *p != ',')
			p++;
	}
	return 0;
}
