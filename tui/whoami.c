/* whoami.c - the operator at the keyboard; see whoami.h. */
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"
#include "operator.h"
#include "whoami.h"

int
whoami_take_operator(int *argc, char **argv, const char **name, const char *prog)
{
	int i, o = 1;
	const char *v;

	*name = NULL;
	for (i = 1; i < *argc; i++) {
		v = NULL;
		if (strcmp(argv[i], "--operator") == 0) {
			if (i + 1 >= *argc) {
				fprintf(stderr, "%s: --operator needs a NAME\n", prog);
				return -1;
			}
			v = argv[++i];
		} else if (strncmp(argv[i], "--operator=", 11) == 0)
			v = argv[i] + 11;
		else {
			argv[o++] = argv[i];
			continue;
		}
		if (*name != NULL || *v == '\0') {
			fprintf(stderr, "%s: --operator needs one NAME\n", prog);
			return -1;
		}
		*name = v;
	}
	argv[o] = NULL;
	*argc = o;
	return 0;
}

int
whoami_login(const struct config *cfg, struct db *db, const char *operator_name,
    struct actor *a, const char *prog)
{
	struct passwd *pw = getpwuid(geteuid());
	char why[CORE_WHY] = "";
	const char *login;
	enum core_err er;

	if (pw == NULL || pw->pw_name == NULL || pw->pw_name[0] == '\0') {
		fprintf(stderr, "%s: cannot tell which Unix account runs this (uid %u has no name)\n",
		    prog, (unsigned)geteuid());
		return 1;
	}
	login = pw->pw_name;
	if (operator_name != NULL) {
		if (!config_is_gateway(cfg, pw->pw_name)) {
			fprintf(stderr, "%s: --operator is only honoured for the gateway accounts of the "
			    "configuration (gateways = ...), and the Unix account '%s' is not one of them\n",
			    prog, pw->pw_name);
			return 1;
		}
		login = operator_name;
	}
	er = operator_login(db, login, a, why);
	if (er == CORE_NOTFOUND) {
		fprintf(stderr, "%s: '%s' is not an active operator of Shelf "
		    "(a distributor admin can add one)\n", prog, login);
		return 1;
	}
	if (er != CORE_OK) {
		fprintf(stderr, "%s: operator '%s' cannot log in: %s\n", prog, login,
		    why[0] ? why : core_strerror(er));
		return 1;
	}
	return 0;
}

int
whoami_open(struct config *cfg, struct db **db, const char *operator_name, struct actor *a, const char *prog)
{
	char msg[1024];

	if (cli_open(cfg, db) != 0)
		return 1;
	if (whoami_login(cfg, *db, operator_name, a, prog) != 0) {
		db_close(*db);
		*db = NULL;
		return 1;
	}
	/* support reads through a read-only account when there is one (core/grants.h) */
	if (a->role == ROLE_SUPPORT && config_use_account(cfg, CONFIG_ACCOUNT_SUPPORT)) {
		db_close(*db);
		*db = NULL;
		if (db_open(cfg, db, msg, sizeof(msg)) != CORE_OK) {
			fprintf(stderr, "%s: %s\n", prog, msg);
			return 1;
		}
		if (whoami_login(cfg, *db, operator_name, a, prog) != 0 || a->role != ROLE_SUPPORT) {
			db_close(*db);
			*db = NULL;
			return 1;
		}
	}
	return 0;
}
