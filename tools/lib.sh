# lib.sh - shared by the stack scripts: paths and starting/stopping the
# project-local MariaDB.  Sourced, never run.  Nothing here touches a
# system service: every process is ours, found by its pid file.

ROOT=${SHELF_ROOT:-$(cd "$(dirname "$0")/.." && pwd)}
VAR=${SHELF_VAR:-$ROOT/var}
PORT=${PORT:-8080}
MARIADBD=/usr/sbin/mariadbd
[ -x "$MARIADBD" ] || MARIADBD=$(command -v mariadbd || echo mariadbd)
NGINX=/usr/sbin/nginx
[ -x "$NGINX" ] || NGINX=$(command -v nginx || echo nginx)

# stack_port - the port the stack under $VAR was started on (serve.sh wrote
# it into nginx.conf, whatever PORT was then), else $PORT.
stack_port() {
	_port=$(sed -n 's/^[[:space:]]*listen 127\.0\.0\.1:\([0-9][0-9]*\);.*/\1/p' "$VAR/nginx/nginx.conf" 2>/dev/null | head -n 1)
	echo "${_port:-$PORT}"
}

# nginx_conf DIR PORT USER_LINE WORKERS - write DIR/nginx/nginx.conf (from
# tools/nginx.conf.in, listening on 127.0.0.1:PORT, its files under DIR) and
# DIR/nginx/security-headers.conf, with HSTS when SHELF_HTTPS=1 (https = 1).
nginx_conf() {
	if [ "${SHELF_HTTPS:-0}" = 1 ]; then
		_hsts='add_header Strict-Transport-Security "max-age=63072000; includeSubDomains" always;'
	else
		_hsts='# no Strict-Transport-Security: https = 0'
	fi
	mkdir -p "$1/nginx"
	sed -e "s|@HSTS@|$_hsts|" "$ROOT/tools/nginx-security-headers.conf.in" >"$1/nginx/security-headers.conf"
	sed -e "s|@VAR@|$1|g" -e "s|@ROOT@|$ROOT|g" -e "s|@PORT@|$2|g" -e "s|@USER@|$3|" -e "s|@NGINX_WORKERS@|$4|" \
		"$ROOT/tools/nginx.conf.in" >"$1/nginx/nginx.conf.new"
	mv "$1/nginx/nginx.conf.new" "$1/nginx/nginx.conf"
}

# db_account SOCKET USER PASSWORD - make the MariaDB account USER@localhost
# with PASSWORD (as root over SOCKET), or give an existing one that
# password.  What it may do is granted by `shelf migrate` (core/grants.h).
db_account() {
	mariadb --no-defaults --socket="$1" -uroot -e \
		"CREATE USER IF NOT EXISTS '$2'@'localhost' IDENTIFIED BY '$3'; ALTER USER '$2'@'localhost' IDENTIFIED BY '$3'"
}

# alive PIDFILE - true when the pid file names a running process.
alive() {
	[ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null
}

# stop_pid NAME PIDFILE - TERM the process and wait up to 30 s for it.
stop_pid() {
	if alive "$2"; then
		pid=$(cat "$2")
		kill "$pid" 2>/dev/null || true
		i=0
		while kill -0 "$pid" 2>/dev/null && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
		if kill -0 "$pid" 2>/dev/null; then
			echo "$1 did not stop in 30 s; killing it" >&2
			kill -9 "$pid" 2>/dev/null || true
		fi
		echo "stopped $1"
	fi
	rm -f "$2"
}

# mariadb_start DIR - a MariaDB with datadir DIR/db, socket DIR/run/mariadb.sock,
# its temporary files in DIR/tmp (not the shared /tmp, where another
# server or a cleaner may remove them mid-query),
# no TCP, and an empty database `shelf`.  Harmless when it already runs.
# SHELF_DB_TCP_PORT=P: TCP on 127.0.0.1:P too (a replication source);
# SHELF_DB_ARGS: more mariadbd options (--log-bin, --server-id=N...).
mariadb_start() {
	d=$1
	mkdir -p "$d/run" "$d/log" "$d/tmp"
	if alive "$d/run/mariadb.pid"; then
		return 0
	fi
	if [ ! -d "$d/db/mysql" ]; then
		rm -rf "$d/db"
		mariadb-install-db --no-defaults --datadir="$d/db" --auth-root-authentication-method=normal \
			--skip-test-db --user="$(id -un)" >"$d/log/mariadb-install.log" 2>&1 || {
			echo "mariadb-install-db failed; see $d/log/mariadb-install.log" >&2; return 1; }
	fi
	_net=--skip-networking
	[ -z "${SHELF_DB_TCP_PORT:-}" ] || _net="--port=$SHELF_DB_TCP_PORT --bind-address=127.0.0.1"
	# shellcheck disable=SC2086 # _net and SHELF_DB_ARGS are option lists
	"$MARIADBD" --no-defaults --datadir="$d/db" --socket="$d/run/mariadb.sock" $_net \
		--pid-file="$d/run/mariadb.pid" --log-error="$d/log/mariadb.log" --user="$(id -un)" \
		--tmpdir="$d/tmp" \
		--character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
		--innodb-buffer-pool-size=${SHELF_DB_BUFFER_POOL:-512M} --max-connections=500 \
		${SHELF_DB_ARGS:-} >/dev/null 2>&1 &
	i=0
	until mariadb-admin --no-defaults --socket="$d/run/mariadb.sock" -uroot ping >/dev/null 2>&1; do
		i=$((i + 1))
		if [ $i -gt 300 ]; then
			echo "MariaDB did not come up in 30 s; see $d/log/mariadb.log" >&2
			return 1
		fi
		sleep 0.1
	done
	mariadb --no-defaults --socket="$d/run/mariadb.sock" -uroot \
		-e "CREATE DATABASE IF NOT EXISTS shelf CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
}

mariadb_stop() {
	stop_pid mariadb "$1/run/mariadb.pid"
}
