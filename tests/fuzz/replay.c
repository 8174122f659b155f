/*
 * replay.c - the fuzz corpora as a test suite (build/tests/test_fuzz_replay).
 *
 * Every target tests/fuzz/fuzz_NAME.c is compiled with the project's
 * compiler, its LLVMFuzzerTestOneInput renamed fuzz_entry_NAME, and
 * linked here; the Makefile lists them in build/fuzz/replay_targets.h as
 * FUZZ_TARGET(NAME) lines.  Without arguments each target is one cmocka
 * test that feeds it every file of tests/fuzz/corpus/NAME/ (or
 * $SHELF_FUZZ_CORPUS/NAME/), each in a buffer of exactly its size, in
 * name order; a contract the target checks aborts, which fails the test.
 * A target whose corpus is missing or empty fails too: nothing would
 * have been checked.
 *
 *   test_fuzz_replay                 all corpora (make test T=fuzz_replay)
 *   test_fuzz_replay NAME PATH...    those files or directories, to target NAME
 *                                    (a crash file from make fuzz, under gdb)
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define FUZZ_TARGET(name) int fuzz_entry_##name(const uint8_t *data, size_t size);
#include "replay_targets.h"
#undef FUZZ_TARGET

struct target {
	const char *name;
	int (*entry)(const uint8_t *data, size_t size);
};

static const struct target targets[] = {
#define FUZZ_TARGET(name) { #name, fuzz_entry_##name },
#include "replay_targets.h"
#undef FUZZ_TARGET
};
#define NTARGETS (sizeof(targets) / sizeof(targets[0]))

/* replay_file - feed path to t; 0, or -1 when it cannot be read. */
static int
replay_file(const struct target *t, const char *path)
{
	FILE *f = fopen(path, "rb");
	struct stat st;
	uint8_t *data;
	size_t n;

	if (f == NULL || fstat(fileno(f), &st) != 0) {
		fprintf(stderr, "replay: cannot read %s\n", path);
		if (f)
			fclose(f);
		return -1;
	}
	/* exactly the file's size (one byte for an empty file, never passed on) */
	if ((data = malloc(st.st_size > 0 ? (size_t)st.st_size : 1)) == NULL) {
		fclose(f);
		return -1;
	}
	n = fread(data, 1, (size_t)st.st_size, f);
	fclose(f);
	if (n != (size_t)st.st_size) {
		free(data);
		return -1;
	}
	t->entry(data, n);
	free(data);
	return 0;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* replay_path - a file, or every regular file of a directory in name order; the files fed, or -1. */
static long
replay_path(const struct target *t, const char *path)
{
	struct stat st;
	DIR *d;
	struct dirent *e;
	char **names = NULL, full[4096];
	size_t n = 0, cap = 0, i;
	long fed = 0;

	if (stat(path, &st) != 0) {
		fprintf(stderr, "replay: no %s\n", path);
		return -1;
	}
	if (!S_ISDIR(st.st_mode))
		return replay_file(t, path) == 0 ? 1 : -1;
	if ((d = opendir(path)) == NULL)
		return -1;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			if ((names = realloc(names, cap * sizeof(*names))) == NULL)
				abort();
		}
		if ((names[n++] = strdup(e->d_name)) == NULL)
			abort();
	}
	closedir(d);
	if (n > 0)
		qsort(names, n, sizeof(*names), by_name);
	for (i = 0; i < n; i++) {
		snprintf(full, sizeof(full), "%s/%s", path, names[i]);
		if (stat(full, &st) == 0 && S_ISREG(st.st_mode)) {
			if (replay_file(t, full) != 0)
				fed = -1;
			else if (fed >= 0)
				fed++;
		}
		free(names[i]);
	}
	free(names);
	return fed;
}

static const char *
corpus_root(void)
{
	const char *r = getenv("SHELF_FUZZ_CORPUS");

	return r != NULL && *r != '\0' ? r : "tests/fuzz/corpus";
}

static void
replay_test(void **state)
{
	const struct target *t = *state;
	char dir[4096];
	long fed;

	snprintf(dir, sizeof(dir), "%s/%s", corpus_root(), t->name);
	fed = replay_path(t, dir);
	if (fed <= 0)
		fail_msg("the corpus %s is missing, empty or unreadable", dir);
	print_message("%s: %ld inputs replayed\n", t->name, fed);
}

static const struct target *
find(const char *name)
{
	size_t i;

	for (i = 0; i < NTARGETS; i++)
		if (strcmp(targets[i].name, name) == 0)
			return &targets[i];
	return NULL;
}

int
main(int argc, char **argv)
{
	struct CMUnitTest tests[NTARGETS];
	size_t i;

	if (argc > 1) {
		const struct target *t = find(argv[1]);
		long fed, total = 0;
		int k;

		if (t == NULL || argc < 3) {
			fprintf(stderr, "usage: %s [TARGET PATH...]; targets:", argv[0]);
			for (i = 0; i < NTARGETS; i++)
				fprintf(stderr, " %s", targets[i].name);
			fprintf(stderr, "\n");
			return 2;
		}
		for (k = 2; k < argc; k++) {
			if ((fed = replay_path(t, argv[k])) < 0)
				return 1;
			total += fed;
		}
		printf("%s: %ld inputs replayed, no crash\n", t->name, total);
		return 0;
	}
	for (i = 0; i < NTARGETS; i++) {
		memset(&tests[i], 0, sizeof(tests[i]));
		tests[i].name = targets[i].name;
		tests[i].test_func = replay_test;
		tests[i].initial_state = (void *)&targets[i];
	}
	return _cmocka_run_group_tests("fuzz_replay", tests, NTARGETS, NULL, NULL);
}
