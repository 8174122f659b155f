#!/bin/sh
# billing_worker.sh - the worker's first-of-month invoice run
# (tui/cmd_worker.c: invoice_pass after the daily pass) with bin/shelf's
# clock pinned (SHELF_CLOCK) on the demo data: `bin/shelf worker --once`
# on the 1st of next month issues this month's invoices (all of them: the
# same run by hand then finds nothing left to issue), each locked, dated
# and numbered, each with its e-mail "invoice_issued" to the reseller
# queued once; a second --once the same day issues and queues nothing more; on
# the 2nd nothing is issued either.  The SMTP server is unreachable on
# purpose: the e-mails stay queued (retried later), which is what is
# counted.  A private stack (tests/lib/storefront_stack.sh).
#
# Run by `make test` (tools/test.sh); by hand: sh tests/billing_worker.sh
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/tests/lib/storefront_stack.sh"

passed=0
failed=0
check() {	# check NAME COND-STATUS [DETAIL]
	if [ "$2" -eq 0 ]; then passed=$((passed + 1)); echo "ok - $1"
	else failed=$((failed + 1)); echo "not ok - $1"; [ -n "${3:-}" ] && printf '#   %s\n' "$3"; fi
}

stack_start billing_worker || { echo "billing_worker: 0 passed, 1 failed"; exit 1; }
trap stack_stop EXIT INT TERM
shelf="$ROOT/bin/shelf"
# port 9 on loopback: nothing listens, every delivery fails at once and is retried later
export SHELF_SMTP_URL=smtp://127.0.0.1:9 SHELF_MAIL_FROM=noreply@shelf.example

# worker AT - one `worker --once` with the clock pinned at AT; its log in $STACK_DIR/log
worker() {
	SHELF_CLOCK="$1" "$shelf" worker --once >>"$STACK_DIR/log/worker.log" 2>&1
}

# the demo is loaded as of now: this month is billed on the 1st of the next
month=$(stack_sql "SELECT DATE_FORMAT(UTC_DATE(), '%Y-%m-01')")
first=$(stack_sql "SELECT DATE_FORMAT(UTC_DATE() + INTERVAL 1 MONTH, '%Y-%m-01')")
second=$(stack_sql "SELECT DATE_FORMAT('$first' + INTERVAL 1 DAY, '%Y-%m-%d')")
invoices="SELECT COUNT(*) FROM invoices WHERE kind = 'invoice' AND period_start = '$month'"
mails="SELECT COUNT(*) FROM outbox WHERE kind = 'email' AND JSON_VALUE(payload, '$.template') = 'invoice_issued'"
check "before: no invoice of this month" $([ "$(stack_sql "$invoices")" -eq 0 ]; echo $?)
m0=$(stack_sql "$mails")

worker "$first 00:20:00"; rc=$?
n1=$(stack_sql "$invoices")
m1=$(stack_sql "$mails")
check "the 1st: --once exits 0 and issues this month's invoices" \
	$([ $rc -eq 0 ] && [ "$n1" -gt 0 ]; echo $?) "rc=$rc, $n1 issued; $(tail -n 3 "$STACK_DIR/log/worker.log")"
check "the 1st: issued that day, locked, numbered INV-year-, due after the reseller's terms" \
	$([ "$(stack_sql "SELECT COUNT(*) FROM invoices i JOIN resellers r ON r.id = i.reseller_id
	  WHERE i.kind = 'invoice' AND i.period_start = '$month' AND i.issued_on = '$first' AND i.locked = 1
	  AND i.run_month = '$month' AND i.number LIKE CONCAT('INV-', YEAR('$first'), '-%')
	  AND i.due_on = '$first' + INTERVAL r.payment_terms_days DAY")" -eq "$n1" ]; echo $?)
check "the 1st: one e-mail queued per invoice, to its reseller, naming it" \
	$([ $((m1 - m0)) -eq "$n1" ] && [ "$(stack_sql "SELECT COUNT(*) FROM invoices i JOIN resellers r ON r.id = i.reseller_id
	  WHERE i.kind = 'invoice' AND i.period_start = '$month' AND (SELECT COUNT(*) FROM outbox o
	  WHERE o.reseller_id = i.reseller_id AND JSON_VALUE(o.payload, '$.template') = 'invoice_issued'
	  AND JSON_VALUE(o.payload, '$.to') = r.email AND JSON_VALUE(o.payload, '$.data.number') = i.number) = 1")" -eq "$n1" ]; echo $?) \
	"$((m1 - m0)) queued for $n1 invoices"
check "the 1st: the worker says so" \
	$(grep -q "^worker: invoices $(echo "$month" | cut -c1-7): $n1 issued" "$STACK_DIR/log/worker.log"; echo $?) \
	"$(grep '^worker: invoices' "$STACK_DIR/log/worker.log")"

# the run by hand for that month finds every invoice it would make made already
ym=$(echo "$month" | cut -c1-7)
out=$(SHELF_CLOCK="$first 08:00:00" SHELF_GATEWAYS=$(id -un) "$shelf" --operator admin billing invoice --month "$ym" 2>&1); rc=$?
own=$(stack_sql "SELECT COUNT(*) FROM invoices i JOIN resellers r ON r.id = i.reseller_id JOIN operators o ON o.login = 'admin'
  WHERE i.kind = 'invoice' AND i.period_start = '$month' AND r.distributor_id = o.distributor_id")
check "the 1st: \`shelf billing invoice --month\` then has nothing left to issue" \
	$([ $rc -eq 0 ] && [ "$own" -gt 0 ] && echo "$out" | grep -q "^0 issued, $own already present"; echo $?) "$out"

snap="SELECT CONCAT_WS('|', (SELECT COUNT(*) FROM invoices), (SELECT COALESCE(MAX(id), 0) FROM invoices),
  (SELECT COUNT(*) FROM invoice_lines), ($mails), (SELECT COALESCE(SUM(last_no), 0) FROM invoice_sequences))"
s1=$(stack_sql "$snap")
worker "$first 09:00:00"; rc=$?
check "the 1st again: --once exits 0, nothing more issued or queued" \
	$([ $rc -eq 0 ] && [ "$s1" = "$(stack_sql "$snap")" ]; echo $?) "$s1 -> $(stack_sql "$snap")"
worker "$second 00:20:00"; rc=$?
check "the 2nd: --once exits 0 (its daily pass ran), nothing issued" \
	$([ $rc -eq 0 ] && [ "$s1" = "$(stack_sql "$snap")" ] &&
	  [ "$(stack_sql "SELECT COUNT(*) FROM billing_runs WHERE run_date = '$second' AND finished_at IS NOT NULL")" -eq 1 ]; echo $?) \
	"$s1 -> $(stack_sql "$snap")"

echo "billing_worker: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
