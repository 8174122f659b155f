/*
 * config.h - Shelf's configuration: one file plus environment overrides.
 *
 * Which file, by one rule for every program (config_path): the one
 * named by $SHELF_CONFIG when that is set (set but empty: no file), else
 * var/shelf.conf of the tree the programs were built in (what `make
 * serve` writes), else /etc/shelf.conf, the first that exists; no file
 * is fine: defaults apply.  The file holds `key = value` lines; `#`
 * starts a comment.
 * Every key KEY can be overridden by the environment variable
 * SHELF_<KEY in upper case>, e.g. db_socket -> SHELF_DB_SOCKET.
 * Unknown keys and bad values are errors, reported with file and line.
 */
#ifndef SHELF_CONFIG_H
#define SHELF_CONFIG_H

#include <time.h>
#include "err.h"

#define CONFIG_STR 256

struct config {
	char db_socket[CONFIG_STR];	/* unix socket; used when set, else host/port */
	char db_host[CONFIG_STR];
	int  db_port;
	char db_name[CONFIG_STR];
	char db_user[CONFIG_STR];
	char db_password[CONFIG_STR];
	/* least privilege (core/grants.h): the accounts of shelf-fcgi, support operators and migrations; "" = db_user */
	char fcgi_db_user[CONFIG_STR];
	char fcgi_db_password[CONFIG_STR];
	char support_db_user[CONFIG_STR];
	char support_db_password[CONFIG_STR];
	char migrate_db_user[CONFIG_STR];
	char migrate_db_password[CONFIG_STR];
	char db_grant_host[CONFIG_STR];	/* the host part of the accounts shelf migrate grants to */
	int  db_connect_timeout;	/* seconds */
	int  db_read_timeout;
	int  db_write_timeout;
	char fcgi_socket[CONFIG_STR];
	char fcgi_socket_group[CONFIG_STR];	/* the socket's group (nginx's); "": owner only */
	int  fcgi_workers;
	char public_url[CONFIG_STR];	/* e.g. https://shops.example.com, no trailing slash */
	char base_domain[CONFIG_STR];	/* storefronts answer on SLUG.<base_domain> */
	int  https;			/* 1: cookies Secure and __Host- prefixed */
	char themes_dir[CONFIG_STR];
	char sql_dir[CONFIG_STR];
	char gateways[CONFIG_STR];	/* comma list of Unix accounts allowed --operator */
	char smtp_url[CONFIG_STR];	/* smtp://host:port or smtps://; "" = the worker sends no e-mail */
	char smtp_user[CONFIG_STR];	/* "" = no SMTP AUTH */
	char smtp_password[CONFIG_STR];
	char mail_from[CONFIG_STR];	/* the envelope and From address of every e-mail */
	char maildir[CONFIG_STR];	/* the demo's SMTP catcher stores messages here (shelf mail) */
	int  outbox_max_attempts;	/* the worker marks a row failed after this many */
	int  outbox_retry_seconds;	/* first retry delay; doubles each attempt, plus jitter */
	int  outbox_lease_seconds;	/* a claimed row is retried this long after a worker died holding it */
	char fulfil_url[CONFIG_STR];	/* http connector: the distributor's fulfilment endpoint; "" = http tasks wait (core/fulfil.h) */
	char fulfil_secret[CONFIG_STR];	/* HMAC-SHA256 key signing each fulfilment POST */
	int  fulfil_timeout_seconds;	/* one fulfilment POST, whole; a timeout is retried */
	char media_dir[CONFIG_STR];	/* the media store's files, <sha256>.<ext> (core/media.h); nginx serves it at /media/ */
	int  media_max_bytes;		/* an uploaded image larger than this is refused */
	int  media_max_pixels;		/* width x height above this is refused (decompression bombs) */
	char clock[CONFIG_STR];		/* "YYYY-MM-DD HH:MM:SS" UTC: a fixed "now" for demos and golden tests; "" = real time */
	int  webhook_allow_http_loopback;	/* 1: endpoints may be http:// or https:// to 127.0.0.1/::1/localhost (tests only) */
	int  webhook_timeout_seconds;	/* one webhook POST, whole; a timeout is a failed attempt */
	int  webhook_disable_after;	/* consecutive failed attempts that disable an endpoint */
	/*
	 * A read replica (core/db.h, db_read_replica): its socket, or its host
	 * and port; both "" = none.  Its account: db_read_user, "" = the
	 * same account as on the primary.  A replica more than
	 * db_read_max_lag seconds behind the primary is not read from (2 to
	 * 60: the lag is measured in steps of the one-second check).
	 */
	char db_read_socket[CONFIG_STR];
	char db_read_host[CONFIG_STR];
	int  db_read_port;
	char db_read_user[CONFIG_STR];
	char db_read_password[CONFIG_STR];
	int  db_read_max_lag;
	int  stale_max_ms;		/* a public page is served in its version from before a distributor-wide change for at most this long (fcgi/stale.h); 0: never */
	char page_dir[CONFIG_STR];	/* rendered public pages kept in files, found again after a restart (fcgi/pagestore.h); "": none */
	char source[CONFIG_STR];	/* not a key: the file that was read, "" for none (for messages) */
};

/*
 * config_load - fill cfg with defaults, then the file config_path picks
 * from $SHELF_CONFIG and config_places(), then environment overrides.
 * On error returns CORE_CONFIG and writes a one-line explanation naming
 * the file, line, key or variable into msg (msgsz bytes).  cfg is fully
 * written either way.
 */
enum core_err config_load(struct config *cfg, char *msg, size_t msgsz);

/*
 * config_path - the file to read: env (the value of $SHELF_CONFIG, NULL
 * when unset) when it is not NULL, "" meaning no file; else the first of
 * the NULL-terminated candidates that exists (one that exists but cannot
 * be read is still picked, so its error is reported, not skipped); else
 * NULL.  Returns env or an element of candidates (borrowed), or NULL.
 */
const char *config_path(const char *env, const char *const *candidates);

/*
 * config_places - the places config_load looks when $SHELF_CONFIG is
 * unset, in order: <the tree built in>/var/shelf.conf (when the build
 * named its tree, SHELF_TREE), /etc/shelf.conf.  NULL-terminated, static.
 */
const char *const *config_places(void);

/* config_load_file - as config_load, but from the file at path (NULL or "": none). */
enum core_err config_load_file(struct config *cfg, const char *path, char *msg, size_t msgsz);

/*
 * config_clock - the fixed time named by cfg->clock into *out (may be
 * NULL); 0 when cfg->clock is a valid 'YYYY-MM-DD HH:MM:SS', else -1.
 */
int config_clock(const struct config *cfg, time_t *out);

/* Whose MariaDB account a program connects with (config_use_account). */
enum config_account {
	CONFIG_ACCOUNT_APP,	/* db_user: the TUI of admins, the worker, the CLI */
	CONFIG_ACCOUNT_FCGI,	/* fcgi_db_user: shelf-fcgi, DML on the tables it needs */
	CONFIG_ACCOUNT_SUPPORT,	/* support_db_user: support operators, read-only */
	CONFIG_ACCOUNT_MIGRATE,	/* migrate_db_user: shelf migrate, DDL and GRANT */
};

/*
 * config_use_account - make db_user/db_password the account for which
 * when the configuration names one (else db_user stays).  Returns 1 when
 * it switched, 0 when not.
 */
int config_use_account(struct config *cfg, enum config_account which);

/* config_is_gateway - true when the Unix account name is listed in cfg->gateways. */
int config_is_gateway(const struct config *cfg, const char *account);

#endif
