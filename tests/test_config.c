/* test_config.c - the configuration file and its environment overrides. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "config.h"

static char path[] = "/tmp/shelf-config-XXXXXX";

static void
write_conf(const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static int
setup(void **state)
{
	int fd = mkstemp(path);

	(void)state;
	if (fd < 0)
		return -1;
	close(fd);
	unsetenv("SHELF_DB_SOCKET");
	unsetenv("SHELF_DB_PORT");
	unsetenv("SHELF_DB_NAME");
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	unlink(path);
	return 0;
}

static void
defaults_without_file(void **state)
{
	struct config c;
	char msg[256];

	(void)state;
	assert_int_equal(config_load_file(&c, NULL, msg, sizeof(msg)), CORE_OK);
	assert_string_equal(c.db_name, "shelf");
	assert_int_equal(c.db_port, 3306);
	assert_int_equal(c.fcgi_workers, 2);
}

static void
file_values_and_comments(void **state)
{
	struct config c;
	char msg[256];

	(void)state;
	write_conf("# comment\n\n db_socket = /tmp/x.sock \ndb_port=3307\ndb_password = p=w#d\n");
	assert_int_equal(config_load_file(&c, path, msg, sizeof(msg)), CORE_OK);
	assert_string_equal(c.db_socket, "/tmp/x.sock");
	assert_int_equal(c.db_port, 3307);
	assert_string_equal(c.db_password, "p=w#d");
}

static void
environment_overrides_file(void **state)
{
	struct config c;
	char msg[256];

	(void)state;
	write_conf("db_name = fromfile\ndb_port = 3307\n");
	setenv("SHELF_DB_NAME", "fromenv", 1);
	setenv("SHELF_DB_PORT", "4000", 1);
	assert_int_equal(config_load_file(&c, path, msg, sizeof(msg)), CORE_OK);
	assert_string_equal(c.db_name, "fromenv");
	assert_int_equal(c.db_port, 4000);
	unsetenv("SHELF_DB_NAME");
	unsetenv("SHELF_DB_PORT");
}

/* Each bad input names the problem; the table keeps cases and their expected words together. */
static void
bad_input_is_named(void **state)
{
	static const struct {
		const char *text, *env_name, *env_value, *expect;
	} cases[] = {
		{ "db_sockt = /x\n", NULL, NULL, ":1: unknown key 'db_sockt'" },
		{ "db_port = 3306\ndb_port = lots\n", NULL, NULL, ":2: db_port: not a whole number" },
		{ "db_port = 70000\n", NULL, NULL, ":1: db_port: out of range" },
		{ "fcgi_workers = 0\n", NULL, NULL, "fcgi_workers: out of range" },
		{ "just words\n", NULL, NULL, ":1: expected 'key = value'" },
		{ "clock = tomorrow\n", NULL, NULL, "clock: expected 'YYYY-MM-DD HH:MM:SS'" },
		{ "", "SHELF_DB_PORT", "x1", "environment SHELF_DB_PORT: not a whole number" },
	};
	struct config c;
	char msg[512];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		write_conf(cases[i].text);
		if (cases[i].env_name)
			setenv(cases[i].env_name, cases[i].env_value, 1);
		assert_int_equal(config_load_file(&c, path, msg, sizeof(msg)), CORE_CONFIG);
		if (strstr(msg, cases[i].expect) == NULL)
			fail_msg("case %zu: message '%s' lacks '%s'", i, msg, cases[i].expect);
		if (cases[i].env_name)
			unsetenv(cases[i].env_name);
	}
	assert_int_equal(config_load_file(&c, "/nonexistent/shelf.conf", msg, sizeof(msg)), CORE_CONFIG);
	assert_non_null(strstr(msg, "/nonexistent/shelf.conf: cannot open"));
}

static void
gateways(void **state)
{
	struct config c;
	char msg[256];

	(void)state;
	write_conf("gateways = git, shelf-ssh,ops\n");
	assert_int_equal(config_load_file(&c, path, msg, sizeof(msg)), CORE_OK);
	assert_true(config_is_gateway(&c, "git"));
	assert_true(config_is_gateway(&c, "shelf-ssh"));
	assert_true(config_is_gateway(&c, "ops"));
	assert_false(config_is_gateway(&c, "gi"));
	assert_false(config_is_gateway(&c, "shelf"));
	assert_false(config_is_gateway(&c, ""));
}

/*
 * Which file: $SHELF_CONFIG when set ("" = none), else the first place
 * that exists, in order; the places are the tree's var/shelf.conf, then
 * /etc/shelf.conf.
 */
static void
lookup_order(void **state)
{
	char second[] = "/tmp/shelf-config-2-XXXXXX";
	const char *none[] = { "/nonexistent/a.conf", "/nonexistent/b.conf", NULL };
	const char *both[] = { "/nonexistent/a.conf", path, second, NULL };
	const char *swapped[] = { second, path, NULL };
	const char *const *places;
	struct config c;
	char msg[256];
	size_t n;
	int fd;

	(void)state;
	assert_true((fd = mkstemp(second)) >= 0);
	close(fd);

	assert_string_equal(config_path("/x/set.conf", both), "/x/set.conf");
	assert_string_equal(config_path("", both), "");
	assert_string_equal(config_path(NULL, both), path);
	assert_string_equal(config_path(NULL, swapped), second);
	assert_null(config_path(NULL, none));
	assert_null(config_path(NULL, NULL));
	unlink(second);

	places = config_places();
	for (n = 0; places[n] != NULL; n++)
		;
	assert_int_equal(n, 2);
	assert_true(places[0][0] == '/');
	n = strlen(places[0]);
	assert_true(n > strlen("/var/shelf.conf"));
	assert_string_equal(places[0] + n - strlen("/var/shelf.conf"), "/var/shelf.conf");
	assert_string_equal(places[1], "/etc/shelf.conf");

	/* set but empty: no file, whatever exists; set: that file, and it is named */
	write_conf("db_name = fromfile\n");
	setenv("SHELF_CONFIG", "", 1);
	assert_int_equal(config_load(&c, msg, sizeof(msg)), CORE_OK);
	assert_string_equal(c.db_name, "shelf");
	assert_string_equal(c.source, "");
	setenv("SHELF_CONFIG", path, 1);
	assert_int_equal(config_load(&c, msg, sizeof(msg)), CORE_OK);
	assert_string_equal(c.db_name, "fromfile");
	assert_string_equal(c.source, path);
	unsetenv("SHELF_CONFIG");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(defaults_without_file),
		cmocka_unit_test(file_values_and_comments),
		cmocka_unit_test(environment_overrides_file),
		cmocka_unit_test(bad_input_is_named),
		cmocka_unit_test(gateways),
		cmocka_unit_test(lookup_order),
	};

	return cmocka_run_group_tests_name("config", tests, setup, teardown);
}
