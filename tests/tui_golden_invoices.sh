#!/bin/sh
# tui_golden_invoices.sh - golden-screen tests of a reseller's invoices as
# the distributor sees them (the reseller screen, `i`): the real
# bin/shelf in tmux at 100x30 on a database of its own with the demo data,
# scripted keys, the pane compared with tests/golden/NAME.txt (dates
# normalised); database effects checked with SQL.  Run by `make test`
# (tools/test.sh exports SHELF_DB_SOCKET and friends);
# SHELF_GOLDEN_UPDATE=1 rewrites the golden files instead.
#
#   the list with its keys (c Credit offered); the credit note dialog,
#   an amount over what is left refused in it, then a credit note issued
#   (status line, the row, its audit row); `c` on the credit note refused
#   on the status line; the credit note's lines (what it credits); an
#   invoice's lines with its credit note, another's with its payment; support: the
#   same list without p and c, `c` refused
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
GOLDEN_NAME=tui-golden-invoices
GOLDEN_OUT=${SHELF_TEST_VAR:-/tmp}/tui-golden-invoices.$$
. "$ROOT/tests/lib/check.sh"
. "$ROOT/tests/lib/golden.sh"

golden_own_db shelf_golden_invoices
golden_fresh_db

# start OPERATOR - the TUI, once its title bar shows
start() {
	tui_start "$@"
	wait_for " Shelf "
}

# to_demo_invoices - from the reseller list: the demo reseller's screen, then its invoices
to_demo_invoices() {
	wait_for "1 of 18"
	text "/Demo Cloud"
	wait_for "1 of 1"
	keys Enter		# ends the search
	keys Enter
	wait_for "Reseller: Demo Cloud Shop"
	keys i
	wait_for "Invoices from the distributor"
}

newest=$(sql "SELECT number FROM invoices WHERE reseller_id = 1 ORDER BY issued_on DESC, id DESC LIMIT 1")

# -- the distributor admin: the list, the dialog, a refusal, a credit note
start admin
to_demo_invoices
wait_for "$newest"
golden invoices_distributor
keys c
wait_for "Credit note for $newest"
golden invoice_credit_form
text "99999"
keys Down
text "Returned licences"
keys F2
wait_for "More than the invoice has left"
golden invoice_credit_refused
check_eq "refused: no credit note" 0 "$(sql "SELECT COUNT(*) FROM invoices WHERE kind = 'credit_note'")"
keys C-u
text "12.50"
keys F2
wait_for "Credit note CN-2026-000001"
golden invoice_credit_done
check_eq "the credit note: its invoice, amount, reason, number, locked" "1" \
    "$(sql "SELECT COUNT(*) FROM invoices c JOIN invoices i ON i.id = c.credits_invoice_id WHERE i.number = '$newest'
      AND c.kind = 'credit_note' AND c.number = 'CN-2026-000001' AND c.total = 1250 AND c.reason = 'Returned licences'
      AND c.locked = 1")"
check_eq "the credit note: its audit row" 1 \
    "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'invoice.credit_note' AND actor_name = 'admin'")"
keys c
wait_for "is a credit note"
golden invoice_credit_of_credit
keys Enter
wait_for "Credits invoice"
golden invoice_credit_note_lines
keys q
keys j
keys Enter
wait_for "Payments and credit notes"
golden invoice_settlements
keys q
keys j
keys Enter
wait_for "payment"
golden invoice_payments
keys q
keys Q

# -- support: reads, no p or c; c says who may
start support
keys Tab
to_demo_invoices
golden invoices_support
keys j
keys c
wait_for "issued by the distributor admin"
golden invoice_support_refused
keys Q

summary tui-golden-invoices
