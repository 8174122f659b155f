#!/bin/sh
# replica.sh - the read replica (issue 18, "many machines"; the rule is in
# core/db.h, db_read_replica; which requests follow it in fcgi/server.h).
# A primary and a replica MariaDB on loopback with GTID binlog replication
# (their own datadirs under the test's directory, started and stopped
# here), and a storefront stack (tests/lib/storefront_stack.sh) on the
# primary with db_read_socket pointing at the replica, db_read_max_lag 2:
#
# - the public pages are read from the replica alone: its prepared
#   statements grow with the pages while the primary's hardly move, and a
#   marker written on the replica only shows on the page (and in the
#   edition report of bin/shelf report);
# - a visitor who has just posted a form reads the primary until the
#   shelf_rw cookie expires (db_read_max_lag + 1 s), then the replica;
# - a change made through the primary (bin/shelf reseller suspend) shows
#   at once and is on the replica too;
# - the replica lags (its SQL thread stopped): a change shows within the
#   lag bound although the replica still lacks it -- read from the primary;
# - replication resumes: the replica answers the pages again;
# - the replica is killed: every page still 200, changes show; started
#   again, it catches up and answers the pages again.
#
# Run by `make test` (tools/test.sh); by hand: sh tests/replica.sh
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/tests/lib/storefront_stack.sh"
. "$ROOT/tests/lib/check.sh"
SHELF_ROOT="$ROOT" . "$ROOT/tools/lib.sh"
SHELF=$ROOT/bin/shelf
if [ -n "${SHELF_TEST_VAR:-}" ]; then
	D="$SHELF_TEST_VAR/replica-dbs"
	rm -rf "$D"
	mkdir -p "$D"
else
	D=$(mktemp -d /tmp/shelf-replica.XXXXXX)
fi
P="$D/primary"
R="$D/replica"
cleanup() {
	stack_stop
	mariadb_stop "$R" >/dev/null
	mariadb_stop "$P" >/dev/null
	[ -n "${SHELF_TEST_VAR:-}" ] || rm -rf "$D"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

PPORT=$(stack_free_port)
REPLICA_ARGS="--server-id=2 --read-only --relay-log=relay"
start_replica() { SHELF_DB_BUFFER_POOL=64M SHELF_DB_ARGS="$REPLICA_ARGS" mariadb_start "$R"; }
start_primary() {
	SHELF_DB_BUFFER_POOL=64M SHELF_DB_TCP_PORT=$PPORT \
		SHELF_DB_ARGS="--server-id=1 --log-bin=binlog --binlog-format=ROW --skip-name-resolve" mariadb_start "$P"
}
# one after the other, each tried twice: a mariadb-install-db on this busy
# machine has been seen to fail now and then (its log is shown if both do)
{ start_primary || { alive "$P/run/mariadb.pid" || rm -rf "$P/db"; start_primary; }; } || { echo "not ok - the primary did not start"
	tail -5 "$P"/log/*.log | sed 's/^/# /'; echo "replica: 0 passed, 1 failed"; exit 1; }
{ start_replica || { alive "$R/run/mariadb.pid" || rm -rf "$R/db"; start_replica; }; } || { echo "not ok - the replica did not start"
	tail -5 "$R"/log/*.log | sed 's/^/# /'; echo "replica: 0 passed, 1 failed"; exit 1; }

psql() { mariadb --no-defaults --socket="$P/run/mariadb.sock" -uroot -N -B "$@"; }
rsql() { mariadb --no-defaults --socket="$R/run/mariadb.sock" -uroot -N -B "$@"; }
REPL_PASSWORD=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
psql -e "CREATE USER repl@'127.0.0.1' IDENTIFIED BY '$REPL_PASSWORD';
    GRANT REPLICATION SLAVE ON *.* TO repl@'127.0.0.1'" || exit 1
rsql -e "CHANGE MASTER TO MASTER_HOST = '127.0.0.1', MASTER_PORT = $PPORT, MASTER_USER = 'repl',
    MASTER_PASSWORD = '$REPL_PASSWORD', MASTER_USE_GTID = slave_pos, MASTER_CONNECT_RETRY = 1;
    START SLAVE" || exit 1

# the stack: its database, accounts and demo data made on the primary (and
# so replicated), shelf-fcgi reading the replica
export SHELF_DB_SOCKET="$P/run/mariadb.sock"
export SHELF_DB_READ_SOCKET="$R/run/mariadb.sock" SHELF_DB_READ_MAX_LAG=2
export LC_ALL=C.UTF-8 SHELF_GATEWAYS=$(id -un)
stack_start replica || { echo "not ok - the stack did not start"; exit 1; }
W="$STACK_DIR/work"
mkdir -p "$W"

# caught_up - wait (20 s at most) until the replica has applied all the primary wrote
caught_up() {
	_pos=$(psql -e "SELECT @@gtid_binlog_pos")
	[ "$(rsql -e "SELECT MASTER_GTID_WAIT('$_pos', 20)")" = 0 ]
}
# executed SOCKET - the prepared statements a server has run
pexec() { psql -e "SHOW GLOBAL STATUS LIKE 'Com_stmt_execute'" | cut -f2; }
rexec() { rsql -e "SHOW GLOBAL STATUS LIKE 'Com_stmt_execute'" | cut -f2; }
code() { curl -s -o "$W/page" -w '%{http_code}' "$STACK_URL$1"; }
# pages N - N public pages; prints how many answered 200
pages() {
	_ok=0
	for _i in $(seq "$1"); do
		for _p in /s/demo/ /s/demo/catalog; do
			[ "$(code "$_p")" = 200 ] && _ok=$((_ok + 1))
		done
	done
	echo "$_ok"
}
# until_code PATH CODE - poll PATH until it answers CODE (8 s at most); prints the seconds taken, or "never"
until_code() {
	_t0=$(date +%s.%N)
	for _i in $(seq 80); do
		if [ "$(code "$1")" = "$2" ]; then
			echo "$(date +%s.%N) $_t0" | awk '{ printf "%.1f\n", $1 - $2 }'
			return 0
		fi
		sleep 0.1
	done
	echo never
	return 1
}
# replica_answers WHAT - 20 rounds of pages: the replica ran a statement for
# each page and the primary fewer than one for every four
replica_answers() {
	sleep 1.2	# a worker assesses the replica once a second
	pages 2 >/dev/null
	p0=$(pexec); r0=$(rexec)
	n=$(pages 20)
	p1=$(pexec); r1=$(rexec)
	check_eq "$1: 40 pages answered 200" 40 "$n"
	check "$1: the replica ran >= 40 statements (ran $((r1 - r0)))" [ $((r1 - r0)) -ge 40 ]
	check "$1: the primary ran < 10 (ran $((p1 - p0)))" [ $((p1 - p0)) -lt 10 ]
}
id=$(psql -e "SELECT reseller_id FROM $STACK_DB.storefronts WHERE slug = 'demo'")
version() { "$1" -e "SELECT version FROM $STACK_DB.storefronts WHERE reseller_id = $id"; }

check "the replica caught up with the demo data" caught_up
check_eq "replication runs" "ON" "$(rsql -e "SHOW GLOBAL STATUS LIKE 'Slave_running'" | cut -f2)"

# ---- the replica alone answers the public pages ------------------------------
replica_answers "replicated"
# a marker on the replica only: a name and a version the primary never has
name=$(psql -e "SELECT company_name FROM $STACK_DB.storefronts WHERE reseller_id = $id")
pv=$(version psql)
rsql -e "UPDATE $STACK_DB.storefronts SET company_name = 'Replica Marker Ltd', version = version + 100000
    WHERE reseller_id = $id"
check_eq "home of the marked storefront: 200" 200 "$(code /s/demo/)"
check "  shows the replica's marker" grep -q "Replica Marker Ltd" "$W/page"
check_eq "  which the primary does not have" 0 "$(psql -e "SELECT COUNT(*) FROM $STACK_DB.storefronts WHERE company_name = 'Replica Marker Ltd'")"
rsql -e "UPDATE $STACK_DB.storefronts SET company_name = '$name', version = $pv WHERE reseller_id = $id"
check_eq "the marker taken away: the replica's row is the primary's again" "$pv" "$(version rsql)"

# the report of the TUI and of bin/shelf report reads the replica too
rname=$(psql -e "SELECT name FROM $STACK_DB.resellers WHERE id = $id")
rsql -e "UPDATE $STACK_DB.resellers SET name = 'Replica Marker Ltd' WHERE id = $id"
"$SHELF" report resellers --format csv --operator admin >"$W/report" 2>&1
check "bin/shelf report resellers reads the replica (its marker)" grep -q "Replica Marker Ltd" "$W/report"
rsql -e "UPDATE $STACK_DB.resellers SET name = '$rname' WHERE id = $id"

# ---- a visitor who just wrote reads the primary ------------------------------
J="$W/jar"
jcode() { curl -s -b "$J" -c "$J" -o "$W/page" -w '%{http_code}' "$STACK_URL$1"; }
jcode /s/demo/login >/dev/null
tok=$(sed -n 's/.*name="csrf_token" value="\([^"]*\)".*/\1/p' "$W/page" | head -n 1)
curl -s -b "$J" -c "$J" -D "$W/head" -o /dev/null --data-urlencode "csrf_token=$tok" \
	--data-urlencode "email=nobody@demo.example" --data-urlencode "password=not-the-password" "$STACK_URL/s/demo/login"
check "a POST (a failed sign-in) sets shelf_rw for db_read_max_lag + 1 s" grep -qi '^set-cookie: shelf_rw=1;.*max-age=3' "$W/head"
p0=$(pexec); r0=$(rexec); n=0
for i in $(seq 10); do [ "$(jcode /s/demo/)" = 200 ] && n=$((n + 1)); done
p1=$(pexec); r1=$(rexec)
check_eq "  with it, 10 pages answered 200" 10 "$n"
check "  the replica ran none of their statements (ran $((r1 - r0)))" [ $((r1 - r0)) -eq 0 ]
check "  the primary ran them (ran $((p1 - p0)))" [ $((p1 - p0)) -ge 10 ]
sleep 4.2	# the cookie expires (3 s; curl drops it in whole seconds)
p0=$(pexec); r0=$(rexec); n=0
for i in $(seq 10); do [ "$(jcode /s/demo/)" = 200 ] && n=$((n + 1)); done
p1=$(pexec); r1=$(rexec)
check "  expired: the replica answers that visitor's pages again (ran $((r1 - r0)), the primary $((p1 - p0)))" \
	[ $((r1 - r0)) -ge 10 -a $((p1 - p0)) -lt 3 ]

# ---- a write goes to the primary, and reaches the replica ---------------------
check_eq "suspend through bin/shelf: exit 0" 0 "$("$SHELF" reseller suspend "$id" --operator admin >/dev/null 2>&1; echo $?)"
t=$(until_code /s/demo/ 503)
check "  the storefront answers 503 (after ${t} s)" [ "$t" != never ]
check "  the replica has it" caught_up
check "  the replica's version is the primary's" [ "$(version rsql)" = "$(version psql)" ]
"$SHELF" reseller resume "$id" --operator admin >/dev/null 2>&1
t=$(until_code /s/demo/ 200)
check "resumed: 200 again (after ${t} s)" [ "$t" != never ]
caught_up

# ---- the replica lags: reads go to the primary ------------------------------
rsql -e "STOP SLAVE SQL_THREAD"
rv=$(version rsql)
"$SHELF" reseller suspend "$id" --operator admin >/dev/null 2>&1
t=$(until_code /s/demo/ 503)
# the bound: db_read_max_lag (2 s) + one check interval (1 s) + a loaded machine's margin
check "replica stopped applying, suspended: the page answers 503 within 4.5 s (after ${t} s)" \
	awk -v t="$t" 'BEGIN { exit !(t != "never" && t <= 4.5) }'
check_eq "  while the replica still has the old version" "$rv" "$(version rsql)"
check "  and the primary the new one" [ "$(version psql)" -gt "$rv" ]
"$SHELF" reseller resume "$id" --operator admin >/dev/null 2>&1
t=$(until_code /s/demo/ 200)
check "resumed while the replica lags: 200 (after ${t} s)" [ "$t" != never ]
rsql -e "START SLAVE SQL_THREAD"
check "replication resumed: the replica caught up" caught_up
replica_answers "caught up again"

# ---- the replica stops: reads go to the primary ------------------------------
kill -9 "$(cat "$R/run/mariadb.pid")"
while kill -0 "$(cat "$R/run/mariadb.pid")" 2>/dev/null; do sleep 0.1; done
rm -f "$R/run/mariadb.pid"
check_eq "replica killed: 40 pages still 200" 40 "$(pages 20)"
"$SHELF" reseller suspend "$id" --operator admin >/dev/null 2>&1
t=$(until_code /s/demo/ 503)
check "  a change shows (after ${t} s)" [ "$t" != never ]
"$SHELF" reseller resume "$id" --operator admin >/dev/null 2>&1
t=$(until_code /s/demo/ 200)
check "  and the next (after ${t} s)" [ "$t" != never ]
check "replica started again" start_replica
check "  it caught up" caught_up
replica_answers "restarted"

if [ "$failed" -ne 0 ]; then
	echo "# shelf-fcgi log:"
	tail -20 "$STACK_DIR/log/shelf-fcgi.log" | sed 's/^/# /'
fi
summary replica
