/*
 * cmd_api.c - `shelf api token CLIENT`: a bearer token of the
 * Marketplace API for scripts and tests, made exactly as POST
 * /api/v1/oauth/token makes one (apitoken_issue: the credential's secret
 * is checked, a revoked credential or a reseller without API access gets
 * nothing).  The secret is read from the environment (SHELF_API_SECRET)
 * or the first line of standard input, never from the command line,
 * where other users' ps would show it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "apitoken.h"
#include "cli.h"
#include "cmd.h"

static const char usage_text[] =
    "usage: shelf api token CLIENT\n\n"
    "Prints a bearer token of the Marketplace API for credential CLIENT (its\n"
    "client id), valid one hour, as POST /api/v1/oauth/token would give.\n"
    "The secret comes from SHELF_API_SECRET or the first line of standard\n"
    "input.  Use it as: curl -H \"Authorization: Bearer $(shelf api token ID)\" ...\n\n"
    "Exit status: 0 printed, 2 bad arguments, 1 refused (unknown client,\n"
    "wrong secret, revoked, reseller suspended or on Basic) or a database error.\n";

#define PROG "shelf api"

int
cmd_api(int argc, char **argv)
{
	char secret[256], tok[APITOKEN_SZ];
	const char *env = getenv("SHELF_API_SECRET");
	struct config cfg;
	struct db *db;
	enum core_err er;
	size_t n;

	if (cmd_wants_help(argc, argv)) {
		fputs(usage_text, stdout);
		return 0;
	}
	if (argc != 3 || strcmp(argv[1], "token") != 0) {
		fputs(usage_text, stderr);
		return 2;
	}
	if (env != NULL && env[0]) {
		if (strlen(env) >= sizeof(secret)) {
			fprintf(stderr, PROG ": SHELF_API_SECRET is too long\n");
			return 2;
		}
		memcpy(secret, env, strlen(env) + 1);
	} else if (fgets(secret, sizeof(secret), stdin) == NULL) {
		fprintf(stderr, PROG ": no secret: set SHELF_API_SECRET or give it on standard input\n");
		return 2;
	}
	n = strlen(secret);
	while (n > 0 && (secret[n - 1] == '\n' || secret[n - 1] == '\r'))
		secret[--n] = '\0';
	if (cli_open(&cfg, &db) != 0) {
		explicit_bzero(secret, sizeof(secret));
		return 1;
	}
	er = apitoken_issue(db, argv[2], secret, tok, NULL);
	explicit_bzero(secret, sizeof(secret));
	if (er == CORE_OK)
		printf("%s\n", tok);
	else if (er == CORE_NOTFOUND)
		fprintf(stderr, PROG ": %s: refused (unknown client, wrong secret, revoked credential, "
		    "or a reseller that is suspended or on Basic)\n", argv[2]);
	else
		fprintf(stderr, PROG ": %s: %s\n", argv[2], core_strerror(er));
	explicit_bzero(tok, sizeof(tok));
	db_close(db);
	return er == CORE_OK ? 0 : 1;
}
