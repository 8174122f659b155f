#!/bin/sh
# test.sh TEST... - run every test against a throwaway MariaDB under
# var/test (its own datadir and socket, never the demo's), stopped
# afterwards even when tests fail.  Each cmocka binary prints its own
# summary; the last line counts the suites: "suites: N passed, M failed,
# K skipped".  A suite that exits 77 skipped (it says why) and is never
# counted as passed.
#
#   SHELF_TEST_DB=0       no MariaDB: the tests that need one skip (make check)
#   SHELF_TEST_SCRIPTS=0  the cmocka binaries only, not tests/*.sh
#   SHELF_TEST_ONLY=NAME  only the suite NAME: test_NAME or NAME for a cmocka
#                         test, NAME.sh for a script, themes for tests/themes/check.sh
#                         (make test T=NAME)
set -u
. "$(dirname "$0")/lib.sh"
T="${SHELF_TEST_DIR:-$ROOT/var/test}"
only=${SHELF_TEST_ONLY:-}

if [ "${SHELF_TEST_DB:-1}" = 1 ]; then
	trap 'mariadb_stop "$T" >/dev/null' EXIT INT TERM
	mariadb_stop "$T" >/dev/null
	rm -rf "$T"
	SHELF_DB_BUFFER_POOL=256M mariadb_start "$T" || exit 1
	export SHELF_DB_SOCKET="$T/run/mariadb.sock" SHELF_DB_NAME=shelf SHELF_DB_USER=root
	export SHELF_TEST_VAR="$T" SHELF_MARIADBD="$MARIADBD"
else
	unset SHELF_DB_SOCKET SHELF_TEST_VAR
fi
export SHELF_CONFIG=
export SHELF_SQL_DIR="$ROOT/sql" SHELF_THEMES_DIR="$ROOT/themes"
cd "$ROOT"

# wanted PATH - true when PATH is the suite SHELF_TEST_ONLY names (or none is named)
wanted() {
	[ -n "$only" ] || return 0
	case $1 in tests/themes/check.sh) [ "$only" = themes ]; return ;; esac
	b=$(basename "$1" .sh)
	[ "$b" = "$only" ] || [ "$b" = "test_$only" ]
}

passed=0; failed=0; skipped=0; ran=0; failures=""; skips=""
run() {
	name=$1; shift
	ran=$((ran + 1))
	echo "== $name"
	"$@"
	rc=$?
	if [ $rc -eq 0 ]; then
		passed=$((passed + 1))
	elif [ $rc -eq 77 ]; then
		skipped=$((skipped + 1)); skips="$skips $name"
	else
		failed=$((failed + 1)); failures="$failures $name"
	fi
}
for t in "$@"; do
	wanted "$t" || continue
	if [ -n "${SHELF_VALGRIND:-}" ]; then
		run "$(basename "$t")" valgrind -q --leak-check=full --error-exitcode=99 "$t"
	elif [ "${SHELF_STDBUF:-1}" = 0 ]; then
		# sanitizers: their runtime must be the first library, before stdbuf's preload
		run "$(basename "$t")" "$t"
	else
		run "$(basename "$t")" stdbuf -oL -eL "$t"
	fi
done
for s in $([ "${SHELF_TEST_SCRIPTS:-1}" = 1 ] && echo tests/*.sh tests/themes/check.sh); do
	[ -f "$s" ] || continue
	wanted "$s" || continue
	if [ "${SHELF_TEST_DB:-1}" = 1 ] || [ "$s" = tests/themes/check.sh ]; then
		run "$s" sh "$s"
	else
		# the script suites but the theme check start the stack on the test database
		run "$s" sh -c 'echo "# skipped: $1 needs a MariaDB server (make test)"; exit 77' sh "$s"
	fi
done

[ -n "$only" ] && [ $ran -eq 0 ] && { echo "test.sh: no suite named $only" >&2; exit 1; }
[ -z "$failures" ] || echo "failed suites:$failures"
[ -z "$skips" ] || echo "skipped suites:$skips"
echo "suites: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
