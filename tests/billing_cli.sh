#!/bin/sh
# billing_cli.sh - `shelf billing invoice|payment|invoices|credit-note` as
# an operator runs them, on a database of its own with the demo data at
# the story's instant (tests/lib/storefront_stack.sh): exit statuses, the
# October run made afresh and its second run, the list as CSV, a payment
# against an invoice and its refusals, a credit note and its refusals.
# The amounts themselves are held against independent SQL by
# tests/test_invoice_run.c.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/tests/lib/storefront_stack.sh"
. "$ROOT/tests/lib/check.sh"
SHELF=$ROOT/bin/shelf
W=$(mktemp -d /tmp/shelf-billing.XXXXXX)
cleanup() { stack_stop; rm -rf "$W"; }
trap cleanup EXIT
trap 'exit 1' INT TERM

export SHELF_CLOCK="2026-11-25 12:00:00" LC_ALL=C.UTF-8 SHELF_GATEWAYS=$(id -un)
stack_start billing_cli || { echo "not ok - the stack did not start"; exit 1; }
run() { "$SHELF" "$@" > "$W/out" 2> "$W/err"; echo $?; }

check_eq "a month that is not one: exit 2" 2 "$(run billing invoice --month 2026-13 --operator admin)"
check_eq "a month that is not over: exit 2" 2 "$(run billing invoice --month 2026-11 --operator admin)"
check_eq "no month: exit 2" 2 "$(run billing invoice --operator admin)"
check_eq "a reseller admin may not: exit 1" 1 "$(run billing invoice --month 2026-10 --operator demo-admin)"

# October afresh: the demo's October invoices (and their payments) go first
stack_sql "DELETE p FROM payments p JOIN invoices i ON i.id = p.invoice_id WHERE i.period_start = '2026-10-01';
  DELETE FROM invoices WHERE period_start = '2026-10-01'" > /dev/null
check_eq "the October run: exit 0" 0 "$(run --operator admin billing invoice --month 2026-10)"
issued=$(stack_sql "SELECT COUNT(*) FROM invoices WHERE run_month = '2026-10-01'")
check "it issued invoices" [ "$issued" -gt 0 ]
check_eq "one output line a reseller, and the summary" \
	"$(( $(stack_sql "SELECT COUNT(*) FROM resellers") + 1 ))" "$(wc -l < "$W/out" | tr -d ' ')"
check "the summary counts them" grep -q "^$issued issued, 0 already present" "$W/out"
check "the first number" grep -q "INV-2026-000001" "$W/out"
check_eq "one e-mail an invoice" "$issued" \
	"$(stack_sql "SELECT COUNT(*) FROM outbox WHERE JSON_VALUE(payload, '$.template') = 'invoice_issued'")"
check_eq "again: exit 0" 0 "$(run billing invoice --month 2026-10 --operator admin)"
check "again: nothing new" grep -q "^0 issued, $issued already present" "$W/out"
check_eq "again: no invoice more" "$issued" "$(stack_sql "SELECT COUNT(*) FROM invoices WHERE run_month = '2026-10-01'")"

num=$(stack_sql "SELECT number FROM invoices WHERE run_month = '2026-10-01' AND reseller_id = 1")
check "reseller 1 has its October invoice" [ -n "$num" ]
check_eq "the list as CSV: exit 0" 0 "$(run billing invoices --reseller 1 --csv --operator admin)"
check "the CSV has its header" grep -q "^number,kind,issued_on,due_on,currency,total,paid,outstanding,status,overdue$" "$W/out"
check "the CSV has the invoice" grep -q "^$num,invoice,2026-11-25,2026-12-25,EUR," "$W/out"
check_eq "the reseller admin's own list: exit 0" 0 "$(run billing invoices --operator demo-admin)"
check "with its balance" grep -q "^balance " "$W/out"

check_eq "a payment with three decimals: exit 2" 2 \
	"$(run billing payment --reseller 1 --amount 1.234 --currency EUR --operator admin)"
check_eq "a payment in another currency: exit 2" 2 \
	"$(run billing payment --reseller 1 --amount 1.23 --currency USD --operator admin)"
check_eq "a payment by the reseller admin: exit 1" 1 \
	"$(run billing payment --reseller 1 --amount 1.23 --currency EUR --operator demo-admin)"
check_eq "a payment on an unknown invoice: exit 1" 1 \
	"$(run billing payment --reseller 1 --amount 1.23 --currency EUR --invoice INV-1999-000001 --operator admin)"
check_eq "a payment: exit 0" 0 "$(run billing payment --reseller 1 --amount 12.34 --currency EUR --invoice "$num" \
	--date 2026-11-24 --reference 'Bank 42' --operator admin)"
check_eq "the payment is recorded against the invoice" 1 "$(stack_sql "SELECT COUNT(*) FROM payments p
	JOIN invoices i ON i.id = p.invoice_id WHERE i.number = '$num' AND p.amount = 1234 AND p.paid_on = '2026-11-24'
	AND p.reference = 'Bank 42' AND p.method = 'bank_transfer'")"
check_eq "and audited" 1 "$(stack_sql "SELECT COUNT(*) FROM audit_log WHERE action = 'payment.record'")"

# a correction is a credit note; the invoice itself never changes
total=$(stack_sql "SELECT total FROM invoices WHERE number = '$num'")
check_eq "a credit note without a reason: exit 2" 2 "$(run billing credit-note --invoice "$num" --amount 1.00 --operator admin)"
check_eq "a credit note of more than the invoice: exit 2" 2 "$(run billing credit-note --invoice "$num" \
	--amount 999999.00 --reason 'Too much' --operator admin)"
check_eq "a credit note by the reseller admin: exit 1" 1 "$(run billing credit-note --invoice "$num" --amount 1.00 \
	--reason 'Goodwill' --operator demo-admin)"
check_eq "a credit note of an unknown invoice: exit 1" 1 "$(run billing credit-note --invoice INV-1999-000001 \
	--amount 1.00 --reason 'Goodwill' --operator admin)"
check_eq "nothing was issued by the refused ones" 0 "$(stack_sql "SELECT COUNT(*) FROM invoices WHERE kind = 'credit_note'
	AND credits_invoice_id = (SELECT id FROM invoices WHERE number = '$num')")"
check_eq "a credit note: exit 0" 0 "$(run billing credit-note --invoice "$num" --amount 2.50 \
	--reason 'Two licences billed twice' --operator admin)"
check "it names its number and the invoice" grep -q "^credit note CN-2026-[0-9]* issued for $num$" "$W/out"
check_eq "the credit note: 2.50, its reason, against the invoice" "250 Two licences billed twice" \
	"$(stack_sql "SELECT CONCAT(c.total, ' ', c.reason) FROM invoices c JOIN invoices i ON i.id = c.credits_invoice_id
	WHERE i.number = '$num' AND c.kind = 'credit_note'")"
check_eq "the invoice itself is unchanged" "$total" "$(stack_sql "SELECT total FROM invoices WHERE number = '$num'")"
check_eq "billing without a subcommand: exit 2" 2 "$(run billing)"

summary billing-cli
