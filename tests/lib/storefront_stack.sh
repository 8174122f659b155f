# storefront_stack.sh - sourced (never run) by the storefront tests
# (tests/e2e_*.sh, tests/browser_*.sh): a private stack of
# nginx + bin/shelf-fcgi on a free loopback port, with its own database
# made by `shelf migrate` and `shelf seed --demo`, under a directory of
# its own.  Not in tests/*.sh on purpose: tools/test.sh runs those.
#
#   stack_start NAME   sets STACK_DIR, STACK_PORT, STACK_URL, STACK_DB (all but
#                      the port exported, with SHELF_DB_SOCKET, for tests/e2e/*.py) and
#                      exports the SHELF_* variables for bin/shelf; uses the
#                      MariaDB of tools/test.sh (SHELF_DB_SOCKET) or, run by
#                      hand, starts one of its own under STACK_DIR.
#   stack_stop         stops what stack_start started (by pid, nothing else) and
#                      removes its directory unless it is under SHELF_TEST_VAR.
#   stack_sql SQL...   runs SQL on the stack's database, prints tab-separated rows.
#   stack_run NAME SCRIPT [ARG...]
#                      the whole of a suite whose checks are Python (tests/e2e/*.py
#                      on tests/e2e/harness.py): starts the stack NAME, runs SCRIPT,
#                      stops the stack and exits with the script's status; on a
#                      failure the end of shelf-fcgi's log follows.
#   stack_add_host NAME
#                      another host on the stack's database, as a second machine
#                      behind the same load balancer would be: its own directory
#                      STACK_DIR/NAME, its own shelf-fcgi and nginx on a free port,
#                      the same configuration; sets HOST_DIR and HOST_URL.
#                      stack_stop stops it too.
#   stack_needs NAME TOOL...
#                      what suite NAME needs beyond the stack (tmux, aiosmtpd: the
#                      Python module of python3-aiosmtpd); the first one missing is
#                      said and counted as one failed check, and the suite exits 1.

ROOT=${ROOT:-$(cd "$(dirname "$0")/.." && pwd)}
STACK_NGINX=/usr/sbin/nginx
[ -x "$STACK_NGINX" ] || STACK_NGINX=$(command -v nginx || echo nginx)
STACK_OWN_DB=0
STACK_OWN_DIR=0

stack_free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

stack_sql() {
	mariadb --no-defaults --socket="$SHELF_DB_SOCKET" -uroot -N -B "$STACK_DB" -e "$*"
}

stack_start() {
	name=$1
	base=${SHELF_TEST_VAR:-}
	if [ -n "$base" ]; then
		STACK_DIR="$base/$name"
		rm -rf "$STACK_DIR"
		mkdir -p "$STACK_DIR"
	else
		STACK_DIR=$(mktemp -d "/tmp/shelf-$name.XXXXXX")
		STACK_OWN_DIR=1
	fi
	mkdir -p "$STACK_DIR/run" "$STACK_DIR/log" "$STACK_DIR/nginx/tmp"
	chmod 755 "$STACK_DIR" "$STACK_DIR/run"

	if [ -z "${SHELF_DB_SOCKET:-}" ]; then
		# run by hand: a MariaDB of our own
		SHELF_ROOT="$ROOT" . "$ROOT/tools/lib.sh"
		SHELF_DB_BUFFER_POOL=128M mariadb_start "$STACK_DIR" >/dev/null || return 1
		STACK_OWN_DB=1
		export SHELF_DB_SOCKET="$STACK_DIR/run/mariadb.sock"
	fi
	STACK_DB=$(echo "shelf_$name" | tr -c 'a-z0-9_\n' '_')
	mariadb --no-defaults --socket="$SHELF_DB_SOCKET" -uroot \
		-e "DROP DATABASE IF EXISTS $STACK_DB; CREATE DATABASE $STACK_DB CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci" || return 1

	STACK_PORT=$(stack_free_port)
	STACK_URL="http://127.0.0.1:$STACK_PORT"
	export STACK_URL STACK_DB STACK_DIR	# for the Python checks (tests/e2e/harness.py)
	export SHELF_CONFIG=
	export SHELF_DB_NAME="$STACK_DB" SHELF_DB_USER=root
	export SHELF_FCGI_SOCKET="$STACK_DIR/run/shelf-fcgi.sock" SHELF_FCGI_WORKERS=${STACK_WORKERS:-2}
	export SHELF_PUBLIC_URL="$STACK_URL" SHELF_BASE_DOMAIN=shops.example
	export SHELF_THEMES_DIR="$ROOT/themes" SHELF_SQL_DIR="$ROOT/sql"
	# least privilege as in production (core/grants.h): shelf-fcgi and support
	# operators on accounts of their own, granted by shelf migrate
	STACK_DB_PASSWORD=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
	export SHELF_FCGI_DB_USER="f_$STACK_DB" SHELF_FCGI_DB_PASSWORD="$STACK_DB_PASSWORD"
	export SHELF_SUPPORT_DB_USER="s_$STACK_DB" SHELF_SUPPORT_DB_PASSWORD="$STACK_DB_PASSWORD"
	(SHELF_ROOT="$ROOT" . "$ROOT/tools/lib.sh" &&
		db_account "$SHELF_DB_SOCKET" "$SHELF_FCGI_DB_USER" "$STACK_DB_PASSWORD" &&
		db_account "$SHELF_DB_SOCKET" "$SHELF_SUPPORT_DB_USER" "$STACK_DB_PASSWORD") || return 1
	export SHELF_MEDIA_DIR="$STACK_DIR/media"	# nginx serves it at /media/ (tools/nginx.conf.in)

	"$ROOT/bin/shelf" migrate >"$STACK_DIR/log/migrate.log" 2>&1 || { cat "$STACK_DIR/log/migrate.log" >&2; return 1; }
	"$ROOT/bin/shelf" seed --demo >"$STACK_DIR/log/seed.log" 2>&1 || { cat "$STACK_DIR/log/seed.log" >&2; return 1; }

	stack_serve "$STACK_DIR" "$STACK_PORT"
}

# stack_serve DIR PORT - shelf-fcgi on DIR/run/shelf-fcgi.sock (its log and
# pid under DIR) and nginx on 127.0.0.1:PORT in front of it; returns when
# /readyz answers 200.
stack_serve() {
	SHELF_FCGI_SOCKET="$1/run/shelf-fcgi.sock" "$ROOT/bin/shelf-fcgi" >>"$1/log/shelf-fcgi.log" 2>&1 &
	echo $! >"$1/run/shelf-fcgi.pid"
	i=0
	until [ -S "$1/run/shelf-fcgi.sock" ]; do
		i=$((i + 1)); [ $i -lt 100 ] || { echo "shelf-fcgi did not start:" >&2; cat "$1/log/shelf-fcgi.log" >&2; return 1; }
		sleep 0.1
	done

	user_line=""
	[ "$(id -u)" -eq 0 ] && user_line="user root;"
	(SHELF_ROOT="$ROOT" . "$ROOT/tools/lib.sh" && nginx_conf "$1" "$2" "$user_line" 1) || return 1
	"$STACK_NGINX" -p "$1/nginx" -c "$1/nginx/nginx.conf" 2>>"$1/log/nginx-error.log" || {
		echo "nginx did not start:" >&2; cat "$1/log/nginx-error.log" >&2; return 1; }
	i=0
	until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$2/readyz")" = 200 ]; do
		i=$((i + 1)); [ $i -lt 100 ] || { echo "the stack is not ready" >&2; return 1; }
		sleep 0.1
	done
}

STACK_HOSTS=""
stack_add_host() {
	HOST_DIR="$STACK_DIR/$1"
	mkdir -p "$HOST_DIR/run" "$HOST_DIR/log" "$HOST_DIR/nginx/tmp"
	chmod 755 "$HOST_DIR" "$HOST_DIR/run"
	STACK_HOSTS="$STACK_HOSTS $HOST_DIR"
	_hport=$(stack_free_port)
	HOST_URL="http://127.0.0.1:$_hport"
	stack_serve "$HOST_DIR" "$_hport"
}

stack_stop_pid() {
	[ -f "$1" ] || return 0
	pid=$(cat "$1")
	kill "$pid" 2>/dev/null || true
	i=0
	while kill -0 "$pid" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	kill -9 "$pid" 2>/dev/null || true
	rm -f "$1"
}

stack_stop() {
	[ -n "${STACK_DIR:-}" ] || return 0
	for _h in $STACK_HOSTS; do
		stack_stop_pid "$_h/run/nginx.pid"
		stack_stop_pid "$_h/run/shelf-fcgi.pid"
	done
	stack_stop_pid "$STACK_DIR/run/nginx.pid"
	stack_stop_pid "$STACK_DIR/run/shelf-fcgi.pid"
	if [ "$STACK_OWN_DB" = 1 ]; then
		SHELF_ROOT="$ROOT" . "$ROOT/tools/lib.sh"
		mariadb_stop "$STACK_DIR" >/dev/null
	elif [ -n "${STACK_DB:-}" ]; then
		mariadb --no-defaults --socket="$SHELF_DB_SOCKET" -uroot -e "DROP DATABASE IF EXISTS $STACK_DB" 2>/dev/null || true
	fi
	# a directory under SHELF_TEST_VAR is kept for its logs (test.sh clears it); a temp one goes
	[ "$STACK_OWN_DIR" = 1 ] && rm -rf "$STACK_DIR"
	return 0
}

stack_run() {
	trap 'stack_stop' EXIT
	trap 'exit 1' INT TERM
	stack_start "$1" || { echo "not ok - the stack did not start"; echo "$1: 0 passed, 1 failed"; exit 1; }
	shift
	python3 -B "$@"	# no __pycache__ in the tree
	rc=$?
	if [ $rc -ne 0 ]; then
		echo "# shelf-fcgi log:"
		tail -20 "$STACK_DIR/log/shelf-fcgi.log" | sed 's/^/# /'
	fi
	exit $rc
}

stack_needs() {
	_name=$1
	shift
	for _tool in "$@"; do
		case $_tool in
		aiosmtpd)
			/usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null && continue
			echo "$_name: python3-aiosmtpd is not installed (make deps)" ;;
		*)
			command -v "$_tool" >/dev/null && continue
			echo "$_name: $_tool is not installed" ;;
		esac
		echo "$_name: 0 passed, 1 failed"
		exit 1
	done
}
