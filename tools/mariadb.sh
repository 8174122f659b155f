#!/bin/sh
# mariadb.sh start|stop|restart DIR - one project-local MariaDB (datadir
# DIR/db, socket DIR/run/mariadb.sock).  Used by the tests that restart
# the server under a live connection.
set -eu
. "$(dirname "$0")/lib.sh"
case "${1:-}" in
start) mariadb_start "$2" ;;
stop) mariadb_stop "$2" >/dev/null ;;
restart) mariadb_stop "$2" >/dev/null; mariadb_start "$2" ;;
*) echo "usage: mariadb.sh start|stop|restart DIR" >&2; exit 2 ;;
esac
