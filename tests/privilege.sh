#!/bin/sh
# privilege.sh - least privilege (issue 17; core/grants.h), on a private
# stack (tests/lib/storefront_stack.sh), whose shelf-fcgi runs on an
# account of its own granted by `shelf migrate`, as in production:
#
# - shelf-fcgi's account cannot DROP, ALTER, CREATE or TRUNCATE, cannot
#   read operators (nor the billing run's bookkeeping), cannot change
#   prices (products) or a reseller's edition, yet the storefront works;
# - a support operator's account reads everything and changes nothing;
#   `bin/shelf inspect` as the support operator works through it;
# - a table core/grants.c does not know stops `shelf migrate`, naming it.
#
# Run by `make test` (tools/test.sh); by hand: sh tests/privilege.sh
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/tests/lib/storefront_stack.sh"
. "$ROOT/tests/lib/check.sh"

stack_start privilege || exit 1
trap stack_stop EXIT

# as ACCOUNT PASSWORD SQL - run SQL as that account; its output and status
as() {
	mariadb --no-defaults --socket="$SHELF_DB_SOCKET" -u"$1" -p"$2" -N -B "$STACK_DB" -e "$3" 2>&1
}
denied() { as "$@" | grep -q "denied"; }
F=$SHELF_FCGI_DB_USER
S=$SHELF_SUPPORT_DB_USER
P=$SHELF_FCGI_DB_PASSWORD

check "shelf-fcgi cannot DROP a table" denied "$F" "$P" "DROP TABLE orders"
check "shelf-fcgi cannot ALTER a table" denied "$F" "$P" "ALTER TABLE orders ADD COLUMN x INT"
check "shelf-fcgi cannot CREATE a table" denied "$F" "$P" "CREATE TABLE x (id INT)"
check "shelf-fcgi cannot TRUNCATE a table" denied "$F" "$P" "TRUNCATE TABLE sessions"
check "shelf-fcgi cannot read operators" denied "$F" "$P" "SELECT login, email FROM operators"
check "shelf-fcgi cannot read the invoice numbering" denied "$F" "$P" "SELECT * FROM invoice_sequences"
check "shelf-fcgi cannot change a price" denied "$F" "$P" "UPDATE products SET unit_cost = 0"
check "shelf-fcgi cannot change a reseller's edition" denied "$F" "$P" "UPDATE resellers SET edition = 'professional'"
check "shelf-fcgi cannot rewrite the audit log" denied "$F" "$P" "DELETE FROM audit_log"
check "shelf-fcgi reads the catalog" [ "$(as "$F" "$P" "SELECT COUNT(*) > 0 FROM products")" = 1 ]
check "the tables still stand" [ "$(stack_sql "SELECT COUNT(*) FROM orders")" -gt 0 ]
code=$(curl -s -o /dev/null -w '%{http_code}' "$STACK_URL/s/demo/")
check "the storefront answers on that account" [ "$code" = 200 ]

check "support reads operators" [ "$(as "$S" "$P" "SELECT COUNT(*) > 0 FROM operators")" = 1 ]
check "support cannot write" denied "$S" "$P" "UPDATE customers SET name = 'x'"
check "support cannot add an audit row" denied "$S" "$P" "INSERT INTO audit_log (action) VALUES ('x')"
check "support cannot DROP" denied "$S" "$P" "DROP TABLE sessions"
out=$(SHELF_GATEWAYS=$(id -un) "$ROOT/bin/shelf" inspect --operator support SO-000001 2>&1)
check "bin/shelf inspect as the support operator works read-only" sh -c 'printf %s "$1" | grep -q "SO-000001"' sh "$out"

stack_sql "CREATE TABLE unclassified (id INT PRIMARY KEY)"
out=$("$ROOT/bin/shelf" migrate 2>&1)
rc=$?
check "a table core/grants.c does not know stops shelf migrate, naming it" \
	sh -c '[ "$1" -ne 0 ] && printf %s "$2" | grep -q "table unclassified has no line in core/grants.c"' sh "$rc" "$out"
stack_sql "DROP TABLE unclassified"

summary privilege
