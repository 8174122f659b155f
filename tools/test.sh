#!/bin/sh
# test.sh TEST... - run every test against a throwaway MariaDB under
# var/test (its own datadir and socket, never the demo's), stopped
# afterwards even when tests fail.  Each cmocka binary prints its own
# summary; the last line counts the suites.
set -u
. "$(dirname "$0")/lib.sh"
T="${SHELF_TEST_DIR:-$ROOT/var/test}"
trap 'mariadb_stop "$T" >/dev/null' EXIT INT TERM
mariadb_stop "$T" >/dev/null
rm -rf "$T"
SHELF_DB_BUFFER_POOL=256M mariadb_start "$T" || exit 1

export SHELF_CONFIG=
export SHELF_DB_SOCKET="$T/run/mariadb.sock" SHELF_DB_NAME=shelf SHELF_DB_USER=root
export SHELF_SQL_DIR="$ROOT/sql" SHELF_THEMES_DIR="$ROOT/themes"
export SHELF_TEST_VAR="$T" SHELF_MARIADBD="$MARIADBD"
cd "$ROOT"

passed=0; failed=0; failures=""
run() {
	name=$1; shift
	echo "== $name"
	if "$@"; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1)); failures="$failures $name"
	fi
}
for t in "$@"; do
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
	run "$s" sh "$s"
done

[ -z "$failures" ] || echo "failed suites:$failures"
echo "suites: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
