#!/bin/sh
# bench_usage.sh - `make bench-usage`: `shelf usage import` of a generated
# Partner Center daily rated usage file (tools/gen_usage_csv.py) against a
# private MariaDB (var/bench-usage, the demo data), spread over the demo's
# Azure plans.  Prints rows, seconds and rows per second of the first
# import, and of the second import of the same file (every row already
# present: nothing changes).  BENCH_ROWS (100000) sets the size.
set -u
. "$(dirname "$0")/lib.sh"
D="${BENCH_DIR:-$ROOT/var/bench-usage}"
ROWS=${BENCH_ROWS:-100000}

trap 'mariadb_stop "$D" >/dev/null' EXIT INT TERM
mariadb_stop "$D" >/dev/null
rm -rf "$D"
SHELF_DB_BUFFER_POOL=256M mariadb_start "$D" >/dev/null || exit 1
export SHELF_CONFIG= SHELF_DB_SOCKET="$D/run/mariadb.sock" SHELF_DB_NAME=shelf SHELF_DB_USER=root
export SHELF_SQL_DIR="$ROOT/sql" SHELF_GATEWAYS="$(id -un)"
"$ROOT/bin/shelf" migrate >/dev/null && "$ROOT/bin/shelf" seed --demo >/dev/null || exit 1

# the demo's Azure plans: vendor reference and currency
plans=$(echo "SELECT CONCAT('--plan=', s.external_ref, ':', r.currency) FROM subscriptions s
	JOIN products p ON p.id = s.product_id JOIN resellers r ON r.id = s.reseller_id
	WHERE p.type = 'usage' AND s.external_ref IS NOT NULL" | "$ROOT/bin/shelf" db -N) || exit 1
# shellcheck disable=SC2086
python3 "$ROOT/tools/gen_usage_csv.py" --rows "$ROWS" $plans --out "$D/usage.csv" || exit 1
echo "file: $ROWS rows, $(($(wc -c <"$D/usage.csv") / 1048576)) MB, $(echo "$plans" | wc -l) Azure plans"

run() {
	t0=$(date +%s.%N)
	out=$("$ROOT/bin/shelf" --operator admin usage import "$D/usage.csv") || { echo "$out"; exit 1; }
	t1=$(date +%s.%N)
	echo "$1: $out" | sed 's/^/  /'
	awk -v a="$t0" -v b="$t1" -v n="$ROWS" -v what="$1" \
	    'BEGIN { s = b - a; printf "  %s: %.2f s, %.0f rows/s\n", what, s, n / s }'
}
run "first import"
run "same file again"
echo "SELECT CONCAT('  rows: ', COUNT(*), ', rollup rows: ', (SELECT COUNT(*) FROM usage_monthly),
	', rollup = rows: ', (SELECT SUM(price) FROM usage_monthly) = (SELECT SUM(u.cost + (u.cost * s.markup_bp + 5000) DIV 10000)
	FROM usage_records u JOIN subscriptions s ON s.id = u.subscription_id)) FROM usage_records" | "$ROOT/bin/shelf" db -N
