#!/bin/sh
# tui_golden_outbox.sh - golden-screen tests of the Outbox tab (distributor
# admins and support): the real bin/shelf in tmux against a database made
# for the test, the demo data with its outbox and fulfilment rows replaced
# by the test's own (so that the demo's may change), scripted keys, the
# pane compared with tests/golden/NAME.txt (dates normalised).  Database
# effects are checked with SQL; the `shelf outbox` and `shelf fulfil`
# commands too.  Run by `make test` (tools/test.sh exports SHELF_DB_SOCKET
# and friends).  SHELF_GOLDEN_UPDATE=1 rewrites the golden files instead.
#
#   the tabs with their counts at 100x30 and 80x24; retry a failed e-mail
#   (confirmation, "Queued for sending now", the row and its audit row);
#   the fulfilment queue, a task in full, the done form; support reads
#   and is refused `r`
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
GOLDEN_NAME=tui-golden-outbox
GOLDEN_OUT=${SHELF_TEST_VAR:-/tmp}/tui-golden-outbox.$$
. "$ROOT/tests/lib/check.sh"
. "$ROOT/tests/lib/golden.sh"

golden_own_db shelf_golden_outbox

# The test's own rows, at fixed instants before the pinned clock: outbox
# 1-3 pending, 4 failed, 5-6 sent (6 with no reseller); fulfilment tasks
# of two orders of the demo reseller's first customer: 1 manual waiting,
# 2 keys waiting with no stock, 3 http queued, 4 manual done, 5 http
# failed, 6 manual waiting.
fresh_db() {
	golden_fresh_db
	sql "
DELETE FROM fulfilments; DELETE FROM outbox;
INSERT INTO products (distributor_id, sku, name, slug, manufacturer, type, billing_period, unit_cost, currency, connector) VALUES
 (1, 'GOLD-MANUAL', 'Golden onboarding by hand', 'golden-manual', 'Northwind', 'service', 'one_time', 10000, 'EUR', 'manual'),
 (1, 'GOLD-KEYS', 'Golden keyed software', 'golden-keys', 'Northwind', 'software', 'one_time', 5000, 'EUR', 'keys'),
 (1, 'GOLD-HTTP', 'Golden vendor subscription', 'golden-http', 'Northwind', 'license', 'monthly', 2000, 'EUR', 'http');
SET @pm = (SELECT id FROM products WHERE sku = 'GOLD-MANUAL'), @pk = (SELECT id FROM products WHERE sku = 'GOLD-KEYS'),
    @ph = (SELECT id FROM products WHERE sku = 'GOLD-HTTP'), @c = (SELECT MIN(id) FROM customers WHERE reseller_id = 1);
INSERT INTO orders (reseller_id, customer_id, number, status, currency, created_at) VALUES
 (1, @c, 'SO-GOLD01', 'provisioning', 'EUR', '2026-11-24 10:00:00');
SET @o1 = LAST_INSERT_ID();
INSERT INTO orders (reseller_id, customer_id, number, status, currency, created_at) VALUES
 (1, @c, 'SO-GOLD02', 'provisioning', 'EUR', '2026-11-22 10:00:00');
SET @o2 = LAST_INSERT_ID();
INSERT INTO order_lines (order_id, line_no, product_id, quantity, unit_price, unit_cost, line_price, line_cost) VALUES
 (@o1, 1, @pm, 1, 10000, 10000, 10000, 10000), (@o1, 2, @pk, 3, 5000, 5000, 15000, 15000),
 (@o2, 1, @ph, 5, 2000, 2000, 10000, 10000), (@o2, 2, @pm, 1, 10000, 10000, 10000, 10000),
 (@o2, 3, @ph, 2, 2000, 2000, 4000, 4000), (@o2, 4, @pm, 1, 10000, 10000, 10000, 10000);
INSERT INTO fulfilments (id, reseller_id, customer_id, action, connector, product_id, order_line_id, quantity, status,
 attempts, vendor_ref, error, created_at, done_at) VALUES
 (1, 1, @c, 'provision', 'manual', @pm, (SELECT id FROM order_lines WHERE order_id = @o1 AND line_no = 1), 1, 'waiting',
  0, NULL, NULL, '2026-11-24 10:00:01', NULL),
 (2, 1, @c, 'provision', 'keys', @pk, (SELECT id FROM order_lines WHERE order_id = @o1 AND line_no = 2), 3, 'waiting',
  1, NULL, NULL, '2026-11-24 10:00:02', NULL),
 (3, 1, @c, 'provision', 'http', @ph, (SELECT id FROM order_lines WHERE order_id = @o2 AND line_no = 1), 5, 'queued',
  2, NULL, NULL, '2026-11-25 08:00:00', NULL),
 (4, 1, @c, 'provision', 'manual', @pm, (SELECT id FROM order_lines WHERE order_id = @o2 AND line_no = 2), 1, 'done',
  0, 'NW-4711', NULL, '2026-11-22 10:00:01', '2026-11-23 15:00:00'),
 (5, 1, @c, 'provision', 'http', @ph, (SELECT id FROM order_lines WHERE order_id = @o2 AND line_no = 3), 2, 'failed',
  5, NULL, 'Vendor API: 422 tenant not found', '2026-11-22 10:00:02', '2026-11-22 18:00:00'),
 (6, 1, @c, 'provision', 'manual', @pm, (SELECT id FROM order_lines WHERE order_id = @o2 AND line_no = 4), 1, 'waiting',
  0, NULL, NULL, '2026-11-25 09:00:00', NULL);
INSERT INTO webhook_endpoints (id, reseller_id, url, secret, events) VALUES
 (1, 1, 'https://erp.democloudshop.example/hooks/shelf', 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'order.created');
INSERT INTO outbox (id, kind, reseller_id, payload, status, attempts, next_attempt_at, created_at, sent_at, last_error) VALUES
 (1, 'email', 1, '{\"to\": \"it@acme.example\", \"subject\": \"Your order SO-GOLD01 is being provisioned\"}', 'pending', 1,
  '2026-11-25 12:10:00', '2026-11-25 11:40:00', NULL, 'SMTP 451 greylisted, try again later'),
 (2, 'provision', 1, CONCAT('{\"order_id\": ', @o1, '}'), 'pending', 0, '2026-11-25 12:00:00', '2026-11-25 11:30:00', NULL, NULL),
 (3, 'webhook', 1, '{\"endpoint_id\": 1, \"msg_id\": \"msg_00000000000000000000000000000003\", \"event\": {\"type\": \"order.created\", \"timestamp\": \"2026-11-25T11:00:00Z\", \"data\": {}}}', 'pending', 2,
  '2026-11-25 12:30:00', '2026-11-25 11:00:00', NULL, 'connect timeout'),
 (4, 'email', 7, '{\"to\": \"billing@keystone.example\", \"subject\": \"Invoice INV-2026-0042\"}', 'failed', 5,
  '2026-11-24 21:00:00', '2026-11-24 09:00:00', NULL, 'SMTP 550 5.1.1 mailbox unavailable'),
 (5, 'email', 1, '{\"to\": \"owner@acme.example\", \"subject\": \"Welcome to Demo Cloud Shop\"}', 'sent', 1,
  '2026-11-23 08:00:00', '2026-11-23 08:00:00', '2026-11-23 08:00:03', NULL),
 (6, 'email', NULL, '{\"to\": \"ops@northwind.example\", \"subject\": \"Daily digest\"}', 'sent', 1,
  '2026-11-24 06:00:00', '2026-11-24 06:00:00', '2026-11-24 06:00:02', NULL);
" >/dev/null || { echo "tui-golden-outbox: the test's rows did not load" >&2; exit 1; }
}

# start OPERATOR [COLS ROWS] - the TUI, once its title bar shows
start() {
	tui_start "$@"
	wait_for " Shelf "
}

# to_outbox - Tab until the Outbox tab shows (wherever the role's tabs put it)
to_outbox() {
	_n=0
	while [ $_n -lt 8 ] && ! pane | grep -q "Pending ("; do
		keys Tab
		_n=$((_n + 1))
	done
	wait_for "Pending ("
}

fresh_db

# -- the distributor admin's Outbox tab: pending first, every tab counted
start admin
wait_for "1 of 18"
to_outbox
wait_for "Pending (3)"
golden outbox_pending
keys t
wait_for "Outbox · failed"
golden outbox_failed

# -- retry the failed e-mail: asked first, then queued (never "sent")
keys r
wait_for "[y] Yes"
golden outbox_retry_confirm
keys y
wait_for "Queued for sending now"
golden outbox_retry_done
check_eq "retry: the row is pending again, due now, its attempts given back" "pending 0 1" \
    "$(sql "SELECT status, attempts, next_attempt_at = '$SHELF_CLOCK' FROM outbox WHERE id = 4" | tr '\t' ' ')"
check_eq "retry: audit row" 1 \
    "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'outbox.retry' AND entity_id = 4 AND actor_name = 'admin'")"
check_eq "retry: nothing was sent" 1 "$(sql "SELECT sent_at IS NULL FROM outbox WHERE id = 4")"

# -- the fulfilment queue: open tasks first; a task in full; the done form
keys t
wait_for "Outbox · sent"
keys t
wait_for "Fulfilment queue"
golden fulfil_queue
keys Enter
wait_for "Task #1"
golden fulfil_task
keys q
wait_for "Fulfilment queue"
keys d
wait_for "Vendor reference"
golden fulfil_done_form
keys Escape
keys Q

# -- the smallest terminal: the columns that matter stay
start admin 80 24
to_outbox
golden outbox_80x24
keys Enter
wait_for "Outbox row #1"
golden outbox_row_80x24
keys q
keys T
wait_for "Fulfilment queue"
golden fulfil_80x24
keys Q

# -- support reads the outbox; `r` is not offered, and refused when pressed
start support
keys Escape
to_outbox
n=$(pane | tail -1 | grep -c "Retry")
check_eq "support: r is not in the footer" 0 "$n"
keys j
keys r
wait_for "read-only access"
golden support_outbox_refused
check_eq "support: nothing changed" "pending 0 2026-11-25 12:00:00 1" \
    "$(sql "SELECT status, attempts, next_attempt_at, (SELECT COUNT(*) FROM audit_log WHERE action = 'outbox.retry') FROM outbox WHERE id = 2" | tr '\t' ' ')"
keys Q

# -- mark the first task done (last: the screens above count it open)
start admin
to_outbox
keys T
wait_for "Fulfilment queue"
keys d
wait_for "Vendor reference"
text "NW-4712"
keys Enter
wait_for "marked done"
check_eq "done: the task carries the vendor's reference" "done NW-4712" \
    "$(sql "SELECT status, vendor_ref FROM fulfilments WHERE id = 1" | tr '\t' ' ')"
keys Q

# -- the commands
n=$("$SHELF" outbox --operator admin | wc -l)
check_eq "outbox: header + 6 rows" 7 "$n"
n=$("$SHELF" outbox --operator admin --status sent | wc -l)
check_eq "outbox --status sent: header + 2 rows" 3 "$n"
check_eq "outbox: the webhook's row names its URL and event" 1 \
    "$("$SHELF" outbox --operator support --status pending | grep -c '^3 .*https://erp\.democloudshop.* order\.created ')"
"$SHELF" outbox --operator admin --status nope >/dev/null 2>"$GOLDEN_OUT/err"; r=$?
check_eq "outbox --status nope exits 2" 2 "$r"
"$SHELF" outbox retry 3 --operator admin >"$GOLDEN_OUT/out" 2>&1; r=$?
check_eq "outbox retry exits 0" 0 "$r"
grep -q "Queued for sending now" "$GOLDEN_OUT/out" && ok "outbox retry says queued" || nok "outbox retry says queued"
"$SHELF" outbox retry 5 --operator admin >/dev/null 2>"$GOLDEN_OUT/err"; r=$?
check_eq "outbox retry of a sent row exits 1" 1 "$r"
grep -q "already sent" "$GOLDEN_OUT/err" && ok "outbox retry of a sent row says why" || nok "outbox retry of a sent row says why"
"$SHELF" outbox retry x1 --operator admin >/dev/null 2>&1; r=$?
check_eq "outbox retry of no id exits 2" 2 "$r"
"$SHELF" outbox retry 1 --operator support >/dev/null 2>&1; r=$?
check_eq "outbox retry as support exits 1" 1 "$r"
n=$("$SHELF" fulfil --operator admin 2>"$GOLDEN_OUT/err" | wc -l)
check_eq "fulfil: header + 6 tasks" 7 "$n"
grep -q "out of licence keys: GOLD-KEYS" "$GOLDEN_OUT/err" && ok "fulfil names the stock that ran out" || nok "fulfil stock warning"
# task 1 is done when the TUI above could mark it (the real fulfil_mark)
want="2 6 3"; [ "$(sql "SELECT status FROM fulfilments WHERE id = 1")" = waiting ] && want="1 2 6 3"
check_eq "fulfil list --status open: waiting then queued, oldest first" "$want" \
    "$("$SHELF" fulfil list --status open --operator admin 2>/dev/null | awk 'NR > 1 { printf "%s%s", s, $1; s = " " }')"
"$SHELF" fulfil done 1 "" --operator admin >/dev/null 2>&1; r=$?
check_eq "fulfil done with an empty reference exits 2" 2 "$r"
"$SHELF" fulfil fail 1 --operator admin >/dev/null 2>&1; r=$?
check_eq "fulfil fail without a reason exits 2" 2 "$r"
"$SHELF" fulfil done 4 NW-9 --operator admin >/dev/null 2>&1; r=$?
check_eq "fulfil done of a settled task exits 1" 1 "$r"
"$SHELF" fulfil fail 6 "Customer withdrew" --operator support >/dev/null 2>&1; r=$?
check_eq "fulfil fail as support exits 1" 1 "$r"
"$SHELF" fulfil fail 6 "Customer withdrew" --operator admin >"$GOLDEN_OUT/out" 2>&1; r=$?
check_eq "fulfil fail exits 0" 0 "$r"
check_eq "fulfil fail: the task failed with the reason" "failed Customer withdrew" \
    "$(sql "SELECT status, error FROM fulfilments WHERE id = 6" | tr '\t' ' ')"

summary tui-golden-outbox
