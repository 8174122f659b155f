#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <string.h>
#include "cli.h"
#include "ui.h"

int
cli_config(struct config *cfg)
{
	char msg[512];

	if (config_load(cfg, msg, sizeof(msg)) != CORE_OK) {
		fprintf(stderr, "shelf: configuration: %s\n", msg);
		return 1;
	}
	return 0;
}

/* say_source - after a failed connection, the file its settings came from, or where none was found. */
static void
say_source(const struct config *cfg)
{
	const char *const *p;

	if (cfg->source[0] != '\0') {
		fprintf(stderr, "shelf: (configuration: %s)\n", cfg->source);
		return;
	}
	if (getenv("SHELF_CONFIG") != NULL) {
		fprintf(stderr, "shelf: (no configuration file: SHELF_CONFIG is set but empty)\n");
		return;
	}
	fprintf(stderr, "shelf: (no configuration file: SHELF_CONFIG is unset");
	for (p = config_places(); *p != NULL; p++)
		fprintf(stderr, ", no %s", *p);
	fprintf(stderr, "; see README, Configuration)\n");
}

int
cli_open_account(struct config *cfg, struct db **db, enum config_account which, int bulk)
{
	char msg[1024];

	if (cli_config(cfg) != 0)
		return 1;
	config_use_account(cfg, which);
	if (bulk) {
		cfg->db_read_timeout = 3600;
		cfg->db_write_timeout = 3600;
	}
	if (db_open(cfg, db, msg, sizeof(msg)) != CORE_OK) {
		fprintf(stderr, "shelf: %s\n", msg);
		say_source(cfg);
		return 1;
	}
	return 0;
}

int
cli_open(struct config *cfg, struct db **db)
{
	return cli_open_account(cfg, db, CONFIG_ACCOUNT_APP, 0);
}

int
cli_open_bulk(struct config *cfg, struct db **db)
{
	return cli_open_account(cfg, db, CONFIG_ACCOUNT_APP, 1);
}

void
cli_cells(FILE *f, const char *const *cells, const int *w, int n)
{
	char line[4096], fit[UI_CELL * 4];
	size_t len = 0;
	int i;

	line[0] = '\0';
	for (i = 0; i < n && len < sizeof(line); i++)
		len += (size_t)snprintf(line + len, sizeof(line) - len, "%s%s", i ? " " : "",
		    ui_fit(fit, sizeof(fit), cells[i] ? cells[i] : "", w[i]));
	/* no trailing blanks for scripts to trim */
	for (len = strlen(line); len > 0 && line[len - 1] == ' '; len--)
		line[len - 1] = '\0';
	fprintf(f, "%s\n", line);
}

int
cli_id(const char *s, int64_t *id)
{
	char *end;
	long long v;

	if (s == NULL || *s < '1' || *s > '9')
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0' || v <= 0)
		return -1;
	*id = (int64_t)v;
	return 0;
}

int
cli_fail(const char *prog, enum core_err er, const char *why, const char *forbidden)
{
	if (er == CORE_OK)
		return 0;
	fprintf(stderr, "%s: %s\n", prog, why[0] ? why : er == CORE_FORBIDDEN ? forbidden : core_strerror(er));
	return er == CORE_INVALID ? 2 : 1;
}

int
cli_parse(const char *prog, int argc, char **argv, const struct cli_opt *opts, size_t n,
    const char **pos, int npos, int *got)
{
	const char *v, *eq;
	size_t k, len;
	int i;

	*got = 0;
	for (i = 1; i < argc; i++) {
		if (strncmp(argv[i], "--", 2) != 0) {
			if (*got >= npos) {
				fprintf(stderr, "%s: unexpected argument '%s' (see --help)\n", prog, argv[i]);
				return -1;
			}
			pos[(*got)++] = argv[i];
			continue;
		}
		eq = strchr(argv[i], '=');
		len = eq ? (size_t)(eq - argv[i]) : strlen(argv[i]);
		for (k = 0; k < n; k++)
			if (strlen(opts[k].name) == len && strncmp(argv[i], opts[k].name, len) == 0)
				break;
		if (k == n) {
			fprintf(stderr, "%s: unknown option '%.*s' (see --help)\n", prog, (int)len, argv[i]);
			return -1;
		}
		if (eq != NULL)
			v = eq + 1;
		else if (i + 1 < argc)
			v = argv[++i];
		else {
			fprintf(stderr, "%s: %s needs a value\n", prog, opts[k].name);
			return -1;
		}
		if (*opts[k].value != NULL) {
			fprintf(stderr, "%s: %s is given twice\n", prog, opts[k].name);
			return -1;
		}
		*opts[k].value = v;
	}
	return 0;
}
