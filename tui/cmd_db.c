/* cmd_db.c - `shelf db [ARGS...]`: the mariadb client on the configured database. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"
#include "cmd.h"

#define MAX_ARGS 256

int
cmd_db(int argc, char **argv)
{
	struct config cfg;
	char *args[MAX_ARGS + 8], sock[CONFIG_STR + 16], host[CONFIG_STR + 16],
	    port[32], user[CONFIG_STR + 16];
	int n = 0, i;

	if (argc == 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		printf("usage: shelf db [MARIADB-CLIENT-ARGS...]\n\n"
		    "Run the mariadb client on the configured database; further arguments\n"
		    "are passed to it, e.g.  echo 'select 1' | shelf db -N\n");
		return 0;
	}
	if (argc - 1 > MAX_ARGS) {
		fprintf(stderr, "shelf db: too many arguments\n");
		return 2;
	}
	if (cli_config(&cfg) != 0)
		return 1;
	args[n++] = "mariadb";
	args[n++] = "--no-defaults";
	if (cfg.db_socket[0]) {
		snprintf(sock, sizeof(sock), "--socket=%s", cfg.db_socket);
		args[n++] = sock;
	} else {
		snprintf(host, sizeof(host), "--host=%s", cfg.db_host);
		snprintf(port, sizeof(port), "--port=%d", cfg.db_port);
		args[n++] = host;
		args[n++] = port;
	}
	snprintf(user, sizeof(user), "--user=%s", cfg.db_user);
	args[n++] = user;
	for (i = 1; i < argc; i++)
		args[n++] = argv[i];
	args[n++] = cfg.db_name;
	args[n] = NULL;
	/* the password travels in the environment, never on a command line */
	if (cfg.db_password[0])
		setenv("MYSQL_PWD", cfg.db_password, 1);
	execvp("mariadb", args);
	perror("shelf db: cannot run mariadb");
	return 1;
}
