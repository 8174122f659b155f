# golden.sh - sourced (never run) by the golden-screen suites
# (tests/tui_golden*.sh), after check.sh: the
# real bin/shelf in a tmux pane, scripted keys, the pane compared as text
# with tests/golden/NAME.txt.  Not in tests/*.sh on purpose: tools/test.sh
# runs those.  The suite sets GOLDEN_NAME (for messages) and GOLDEN_OUT (a
# directory for the captures) before using these.
#
#   tui_start OPERATOR [COLS ROWS]  the TUI as OPERATOR in a fresh pane (100x30 unless
#                      given), on a tmux server of its own (a server being killed must
#                      not take it along); SOCK names it
#   tui_stop           kills that server
#   keys KEY...        tmux key names, then waits for the screen to settle
#   text STRING        literal text (no key names), then waits for the screen to settle
#   settle BEFORE      polls the pane until two consecutive captures are identical and
#                      differ from BEFORE or 0.16 s have passed (a key that changes
#                      nothing); 3 s at most
#   capture            the pane, dates normalised, trailing blanks cut
#   wait_for TEXT      until the pane shows TEXT (5 s at most); says so and shows the pane if not
#   golden NAME        the pane against tests/golden/NAME.txt, a check;
#                      SHELF_GOLDEN_UPDATE=1 rewrites the golden file instead
#
# A suite on a database of its own (not behind a storefront stack):
#   golden_own_db DB   the pinned clock and environment of the golden files, SHELF_DB_NAME=DB;
#                      skips (exit 77) without SHELF_DB_SOCKET (run it through make test);
#                      exit 1 without tmux or bin/shelf; makes GOLDEN_OUT, and at exit
#                      removes it and stops the TUI
#   golden_fresh_db    DB dropped and made again, migrated, the demo data seeded; exit 1 if not
#   sql QUERY          QUERY through `shelf db`: rows tab-separated, no header

GOLDEN=$ROOT/tests/golden
SHELF=$ROOT/bin/shelf
SOCK=
starts=0

tui_stop() { [ -z "$SOCK" ] || tmux -L "$SOCK" kill-server 2>/dev/null; }

tui_start() {
	tui_stop
	starts=$((starts + 1))
	SOCK=shelf-$GOLDEN_NAME-$$-$starts
	tmux -L "$SOCK" -f /dev/null new-session -d -s g -x "${2:-100}" -y "${3:-30}" \
	    "$SHELF --operator $1; echo \"[exit \$?]\"; sleep 30"
}

pane() { tmux -L "$SOCK" capture-pane -p -t g 2>/dev/null; }

settle() {
	_prev=$(pane)
	_i=0
	while [ $_i -lt 150 ]; do
		sleep 0.02
		_i=$((_i + 1))
		_now=$(pane)
		if [ "$_now" = "$_prev" ] && { [ "$_now" != "$1" ] || [ $_i -ge 8 ]; }; then
			return 0
		fi
		_prev=$_now
	done
	echo "$GOLDEN_NAME: the screen did not settle in 3 s" >&2
}

keys() { _before=$(pane); tmux -L "$SOCK" send-keys -t g "$@"; settle "$_before"; }
text() { _before=$(pane); tmux -L "$SOCK" send-keys -t g -l "$1"; settle "$_before"; }

capture() {
	pane | sed -E \
	    -e 's/[0-9]{4}-[0-9]{2}-[0-9]{2}( [0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?)?/YYYY-MM-DD/g' \
	    -e 's/[[:space:]]+$//'
}

wait_for() {
	_i=0
	while [ $_i -lt 50 ]; do
		pane | grep -qF -- "$1" && return 0
		sleep 0.1; _i=$((_i + 1))
	done
	echo "$GOLDEN_NAME: timed out waiting for '$1'" >&2
	capture >&2
	return 1
}

golden() {
	capture >"$GOLDEN_OUT/$1.txt"
	if [ -n "${SHELF_GOLDEN_UPDATE:-}" ]; then
		mkdir -p "$GOLDEN" && cp "$GOLDEN_OUT/$1.txt" "$GOLDEN/$1.txt"
		ok "$1 (updated)"
	elif [ ! -f "$GOLDEN/$1.txt" ]; then
		nok "$1: no tests/golden/$1.txt (SHELF_GOLDEN_UPDATE=1 makes it)"
	elif diff -u "$GOLDEN/$1.txt" "$GOLDEN_OUT/$1.txt" >"$GOLDEN_OUT/$1.diff"; then
		ok "$1"
	else
		nok "$1"
		cat "$GOLDEN_OUT/$1.diff"
	fi
}

golden_own_db() {
	export SHELF_CLOCK="2026-11-25 12:00:00" LC_ALL=C.UTF-8 SHELF_CONFIG= SHELF_DB_NAME=$1 SHELF_GATEWAYS=$(id -un)
	# a wildcard deployment: the demo distributor's storefronts answer on SLUG.shops.example (storefront_url)
	export SHELF_PUBLIC_URL=https://shops.example
	export SHELF_DB_USER=${SHELF_DB_USER:-root}
	unset NO_COLOR

	if [ -z "${SHELF_DB_SOCKET:-}" ]; then
		echo "# skipped: $GOLDEN_NAME needs the test database (SHELF_DB_SOCKET is unset; run it through make test)"
		exit 77
	fi
	command -v tmux >/dev/null || { echo "$GOLDEN_NAME: tmux is not installed" >&2; exit 1; }
	[ -x "$SHELF" ] || { echo "$GOLDEN_NAME: build bin/shelf first" >&2; exit 1; }
	mkdir -p "$GOLDEN_OUT"
	trap 'tui_stop; rm -rf "$GOLDEN_OUT"' EXIT INT TERM
}

sql() {
	echo "$1" | "$SHELF" db -N -B
}

golden_fresh_db() {
	mariadb --no-defaults --socket="$SHELF_DB_SOCKET" -u"$SHELF_DB_USER" \
	    -e "DROP DATABASE IF EXISTS $SHELF_DB_NAME; CREATE DATABASE $SHELF_DB_NAME" || exit 1
	"$SHELF" migrate >/dev/null && "$SHELF" seed --demo >/dev/null || { echo "$GOLDEN_NAME: seeding failed" >&2; exit 1; }
}
