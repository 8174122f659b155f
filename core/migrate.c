#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "migrate.h"

enum {
	MIG_CREATE,
	MIG_APPLIED,
	MIG_RECORD,
	MIG_VERSION,
	MIG__MAX
};

static const char *const sql[MIG__MAX] = {
	[MIG_CREATE] =
	    "CREATE TABLE IF NOT EXISTS schema_migrations ("
	    " version INT UNSIGNED NOT NULL PRIMARY KEY,"
	    " name VARCHAR(255) NOT NULL,"
	    " applied_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)"
	    ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci",
	[MIG_APPLIED] = "SELECT COUNT(*) FROM schema_migrations WHERE version = ?",
	[MIG_RECORD] = "INSERT INTO schema_migrations (version, name) VALUES (?, ?)",
	[MIG_VERSION] = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations",
};

static const struct db_table table = { DB_MOD_MIGRATE, sql, MIG__MAX };

int
migrate_split(const char **pp, const char *end, const char **stmt, size_t *len, int *lineno, int *line)
{
	const char *p = *pp, *start = NULL, *last = NULL;
	char q;

	while (p < end) {
		if (*p == '\n') {
			(*lineno)++;
			p++;
			continue;
		}
		if (isspace((unsigned char)*p)) {
			p++;
			continue;
		}
		if ((*p == '-' && p + 1 < end && p[1] == '-' &&
		    (p + 2 == end || isspace((unsigned char)p[2]))) || *p == '#') {
			while (p < end && *p != '\n')
				p++;
			continue;
		}
		if (*p == '/' && p + 1 < end && p[1] == '*') {
			for (p += 2; p < end && !(*p == '*' && p + 1 < end && p[1] == '/'); p++)
				if (*p == '\n')
					(*lineno)++;
			p = p < end ? p + 2 : end;
			continue;
		}
		if (*p == ';') {
			p++;
			if (start != NULL)
				break;
			continue;
		}
		if (start == NULL) {
			start = p;
			*line = *lineno;
		}
		if (*p == '\'' || *p == '"' || *p == '`') {
			for (q = *p++; p < end && *p != q; p++) {
				if (*p == '\\' && q != '`' && p + 1 < end)
					p++;
				if (*p == '\n')
					(*lineno)++;
			}
			p = p < end ? p + 1 : end;
			last = p;
			continue;
		}
		last = ++p;
	}
	*pp = p;
	if (start == NULL)
		return 0;
	*stmt = start;
	*len = (size_t)(last - start);
	return 1;
}

static char *
slurp(const char *path, size_t *len, char *msg, size_t msgsz)
{
	FILE *f;
	char *data = NULL;
	long n;

	if ((f = fopen(path, "rb")) == NULL) {
		snprintf(msg, msgsz, "%s: cannot open: %s", path, strerror(errno));
		return NULL;
	}
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
	    (data = malloc((size_t)n + 1)) != NULL && fread(data, 1, (size_t)n, f) == (size_t)n) {
		data[n] = '\0';
		*len = (size_t)n;
	} else {
		snprintf(msg, msgsz, "%s: cannot read: %s", path, strerror(errno ? errno : EIO));
		free(data);
		data = NULL;
	}
	fclose(f);
	return data;
}

/* run_statements - run each statement; on failure name file, line and statement. */
static enum core_err
run_statements(struct db *db, const char *path, const char *text, size_t n, char *msg, size_t msgsz)
{
	const char *p = text, *stmt;
	size_t len, show;
	int lineno = 1, line = 1;
	enum core_err er;

	while (migrate_split(&p, text + n, &stmt, &len, &lineno, &line)) {
		if ((er = db_exec_text(db, stmt, len)) != CORE_OK) {
			for (show = 0; show < len && show < 72 && stmt[show] != '\n'; show++)
				;
			snprintf(msg, msgsz, "%s:%d: statement '%.*s%s' failed: %s",
			    path, line, (int)show, stmt, show < len ? "..." : "", db_error(db));
			return er;
		}
	}
	return CORE_OK;
}

enum core_err
migrate_run_file(struct db *db, const char *path, int txn, char *msg, size_t msgsz)
{
	char *text;
	size_t n = 0;
	enum core_err er;

	if ((text = slurp(path, &n, msg, msgsz)) == NULL)
		return CORE_IO;
	if (txn && (er = db_begin(db)) != CORE_OK) {
		snprintf(msg, msgsz, "%s: cannot begin a transaction: %s", path, db_error(db));
		goto out;
	}
	er = run_statements(db, path, text, n, msg, msgsz);
	if (txn) {
		if (er == CORE_OK && (er = db_commit(db)) != CORE_OK)
			snprintf(msg, msgsz, "%s: commit failed: %s", path, db_error(db));
		else if (er != CORE_OK)
			db_rollback(db);
	}
out:
	free(text);
	return er;
}

static int
is_migration(const char *name)
{
	size_t n = strlen(name);

	return n > 8 && isdigit((unsigned char)name[0]) && isdigit((unsigned char)name[1]) &&
	    isdigit((unsigned char)name[2]) && name[3] == '_' && strcmp(name + n - 4, ".sql") == 0;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

enum core_err
migrate_version(struct db *db, int *version)
{
	int64_t v = 0;
	enum core_err er;

	if ((er = db_exec(db, &table, MIG_CREATE, NULL, "")) != CORE_OK)
		return er;
	if ((er = db_query_int(db, &table, MIG_VERSION, &v, "")) != CORE_OK)
		return er;
	*version = (int)v;
	return CORE_OK;
}

enum core_err
migrate_apply(struct db *db, const char *dir, int *applied, migrate_note_fn note, void *arg,
    char *msg, size_t msgsz)
{
	DIR *d;
	struct dirent *e;
	char **names = NULL, **nn, path[4096], *text = NULL;
	size_t count = 0, i, n;
	int64_t done;
	int version;
	enum core_err er = CORE_OK;

	*applied = 0;
	if ((d = opendir(dir)) == NULL) {
		snprintf(msg, msgsz, "%s: cannot open the migrations directory: %s", dir, strerror(errno));
		return CORE_IO;
	}
	while ((e = readdir(d)) != NULL) {
		if (!is_migration(e->d_name))
			continue;
		if ((nn = realloc(names, sizeof(*names) * (count + 1))) == NULL ||
		    (nn[count] = strdup(e->d_name)) == NULL) {
			if (nn != NULL)
				names = nn;
			er = CORE_ENOMEM;
			snprintf(msg, msgsz, "out of memory");
			break;
		}
		names = nn;
		count++;
	}
	closedir(d);
	if (er != CORE_OK)
		goto out;
	qsort(names, count, sizeof(*names), by_name);
	if ((er = db_exec(db, &table, MIG_CREATE, NULL, "")) != CORE_OK) {
		snprintf(msg, msgsz, "cannot create schema_migrations: %s", db_error(db));
		goto out;
	}
	for (i = 0; i < count; i++) {
		version = atoi(names[i]);
		if ((er = db_query_int(db, &table, MIG_APPLIED, &done, "i", (int64_t)version)) != CORE_OK) {
			snprintf(msg, msgsz, "cannot read schema_migrations: %s", db_error(db));
			goto out;
		}
		if (done)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		if ((text = slurp(path, &n, msg, msgsz)) == NULL) {
			er = CORE_IO;
			goto out;
		}
		if ((er = db_begin(db)) != CORE_OK) {
			snprintf(msg, msgsz, "%s: cannot begin a transaction: %s", path, db_error(db));
			goto out;
		}
		if ((er = run_statements(db, path, text, n, msg, msgsz)) != CORE_OK) {
			db_rollback(db);
			goto out;
		}
		if ((er = db_exec(db, &table, MIG_RECORD, NULL, "is", (int64_t)version, names[i])) != CORE_OK ||
		    (er = db_commit(db)) != CORE_OK) {
			snprintf(msg, msgsz, "%s: cannot record the migration: %s", path, db_error(db));
			db_rollback(db);
			goto out;
		}
		free(text);
		text = NULL;
		(*applied)++;
		if (note != NULL)
			note(names[i], arg);
	}
out:
	free(text);
	for (i = 0; i < count; i++)
		free(names[i]);
	free(names);
	return er;
}
