#include <stdio.h>
#include "cli.h"

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

int
cli_open(struct config *cfg, struct db **db)
{
	char msg[1024];

	if (cli_config(cfg) != 0)
		return 1;
	if (db_open(cfg, db, msg, sizeof(msg)) != CORE_OK) {
		fprintf(stderr, "shelf: %s\n", msg);
		return 1;
	}
	return 0;
}
