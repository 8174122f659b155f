#!/bin/sh
# tui_golden_reseller.sh - golden-screen tests of the reseller admin's
# TUI: the real bin/shelf in tmux at 100x30 as demo-admin, in front of a
# private storefront stack (tests/lib/storefront_stack.sh: nginx +
# shelf-fcgi over a database of its own with the demo data), so what the
# TUI changes is checked over HTTP as a customer sees it.  Panes are
# compared with tests/golden/NAME.txt (dates normalised); database
# effects are checked with SQL.  Run by `make test` (tools/test.sh);
# SHELF_GOLDEN_UPDATE=1 rewrites the golden files instead.
#
#   the demo reseller's dashboard (pie with colours, bars without)
#   list a product; a bulk markup on three products; the storefront's
#     prices change on the next request
#   turn approval on for a customer; its storefront user places an order
#     over HTTP (login, cart, checkout); the order waits in the approval
#     queue; approve it
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
GOLDEN_NAME=tui-golden-reseller GOLDEN_STACK=tui_golden_reseller
. "$ROOT/tests/lib/golden_stack.sh"
S=$STACK_URL/s/demo

# start OPERATOR [COLS ROWS] - the TUI, once its title bar shows
start() {
	tui_start "$@"
	# a narrow title bar has no room for the operator's name beside the tabs
	if [ -n "${2:-}" ]; then wait_for " Shelf "; else wait_for "$1"; fi
}

# price SLUG - the storefront's price of a product (its JSON-LD offer), "404" when not shown
price() {
	code=$(curl -s -o "$W/page" -w '%{http_code}' "$S/products/$1")
	if [ "$code" != 200 ]; then echo "$code"; return; fi
	grep -o '"price":"[0-9.]*"' "$W/page" | head -1 | sed 's/"price":"//; s/"//'
}

# expected SLUG - cost + markup rounded half-up, from the database, as "12.34"
expected() {
	sql "SELECT CONCAT(FLOOR(v / 100), '.', LPAD(MOD(v, 100), 2, '0')) FROM (SELECT p.unit_cost
	    + (p.unit_cost * l.markup_bp + 5000) DIV 10000 AS v FROM products p JOIN listings l ON l.product_id = p.id
	    AND l.reseller_id = 1 WHERE p.slug = '$1') t"
}

# form_value FILE NAME - the value of the (last) hidden input NAME in an HTML file
form_value() {
	grep -o "name=\"$2\" value=\"[^\"]*\"" "$1" | tail -1 | sed 's/.*value="//; s/"$//'
}

# ---- the dashboard, with colours (a pie) and without (bars) ------------
start demo-admin
wait_for "Product mix"
golden reseller_dashboard
keys '?'
wait_for "Keys of this screen"
golden reseller_help_dashboard
keys q
keys Tab Tab
wait_for "Storefront settings"
golden storefront_settings
keys t
wait_for "Colours: primary"
golden theme_picker
keys Q
export NO_COLOR=1
start demo-admin
wait_for "Product mix"
golden reseller_dashboard_bars
keys Q
unset NO_COLOR

# ---- Vendor at 80x24: the product names stay readable ------------------------
start demo-admin 80 24
wait_for "Product mix"
keys Tab
wait_for "Vendor: Northwind Cloud Distribution"
wait_for "1 of 46"
golden vendor_80x24
text "/Microsoft 365 Business"
keys Enter
wait_for "1 of 6"
n=$(pane | grep -cE "Microsoft 365 Business (Basic|Standard|Premium) \(annual\)")
check_eq "vendor at 80x24: the annual plans told apart" 3 "$n"
keys Q

# ---- Vendor: list a product -----------------------------------------------
start demo-admin
wait_for "Product mix"
keys Tab
wait_for "Vendor: Northwind Cloud Distribution"
golden vendor_listed
unlisted=$(sql "SELECT p.slug FROM products p WHERE p.distributor_id = 1 AND p.active = 1 AND p.id NOT IN
    (SELECT product_id FROM listings WHERE reseller_id = 1 AND listed = 1) ORDER BY p.name, p.id LIMIT 1")
check_eq "an unlisted product is not on the storefront" 404 "$(price "$unlisted")"
keys t
wait_for "[Unlisted"
keys l
wait_for "[y] Yes"
golden vendor_list_confirm
keys y
wait_for "the storefront shows it on its next request"
golden vendor_listed_done
check_eq "list: the listing row" 1 "$(sql "SELECT l.listed FROM listings l JOIN products p ON p.id = l.product_id
    WHERE l.reseller_id = 1 AND p.slug = '$unlisted'")"
check_eq "list: the storefront shows it at cost + markup" "$(expected "$unlisted")" "$(price "$unlisted")"

# ---- Vendor: one markup on three products -----------------------------------
three=$(sql "SELECT p.slug FROM listings l JOIN products p ON p.id = l.product_id WHERE l.reseller_id = 1
    AND l.listed = 1 AND p.active = 1 ORDER BY p.name, p.id LIMIT 3")
before=""
for slug in $three; do before="$before $(price "$slug")"; done
keys t
wait_for "[Listed"
keys Space Space Space
wait_for "3 marked"
keys m
wait_for "Markup %"
text "12.5"
keys Enter
wait_for "[y] Yes"
golden markup_confirm
keys y
wait_for "Markup 12.50% set on 3 products"
golden markup_done
n=0
for slug in $three; do
	n=$((n + $(sql "SELECT COUNT(*) FROM listings l JOIN products p ON p.id = l.product_id
	    WHERE l.reseller_id = 1 AND p.slug = '$slug' AND l.markup_bp = 1250")))
done
check_eq "markup: three listing rows at 12.50%" 3 "$n"
after=""
for slug in $three; do
	check_eq "markup: $slug on the storefront at cost + 12.50%" "$(expected "$slug")" "$(price "$slug")"
	after="$after $(price "$slug")"
done
if [ "$before" != "$after" ]; then ok "markup: the storefront's prices changed ($before ->$after)"; else nok "markup: prices unchanged ($before)"; fi
keys Q

# ---- approval: on for a customer, an order over HTTP, approved in the queue ---
start demo-admin
wait_for "Product mix"
keys Tab Tab Tab
wait_for "My Customers"
text "/Acme"
keys Enter
wait_for "1 of 1"
keys A
wait_for "[y] Yes"
golden approval_confirm
keys y
wait_for "now wait for your approval"
golden approval_done
check_eq "approval: the customer's flag" 1 "$(sql "SELECT approval_required FROM customers WHERE id = 1")"

# buyer@demo.example (a user of Acme) orders on the storefront
J="$W/cookies"
curl -s -c "$J" -b "$J" -o "$W/login" "$S/login"
curl -s -c "$J" -b "$J" -o /dev/null -w '%{http_code}' --data-urlencode "csrf_token=$(form_value "$W/login" csrf_token)" \
    --data-urlencode "email=buyer@demo.example" --data-urlencode "password=demo-password-1" "$S/login" >"$W/code"
check_eq "storefront: the buyer signs in" 303 "$(cat "$W/code")"
product=$(sql "SELECT p.slug FROM listings l JOIN products p ON p.id = l.product_id WHERE l.reseller_id = 1
    AND l.listed = 1 AND p.active = 1 AND p.type = 'license' AND p.billing_period = 'monthly' ORDER BY p.name LIMIT 1")
curl -s -c "$J" -b "$J" -o "$W/product" "$S/products/$product"
curl -s -c "$J" -b "$J" -o /dev/null -w '%{http_code}' --data-urlencode "csrf_token=$(form_value "$W/product" csrf_token)" \
    -d "product_id=$(form_value "$W/product" product_id)" -d quantity=3 "$S/cart/add" >"$W/code"
check_eq "storefront: added to the cart" 303 "$(cat "$W/code")"
curl -s -c "$J" -b "$J" -o "$W/cart" "$S/cart"
orders=$(sql "SELECT COUNT(*) FROM orders WHERE reseller_id = 1")
curl -s -c "$J" -b "$J" -o /dev/null -w '%{http_code}' --data-urlencode "csrf_token=$(form_value "$W/cart" csrf_token)" \
    -d "order_token=$(form_value "$W/cart" order_token)" -d accept_terms=1 -d reference=golden "$S/checkout" >"$W/code"
check_eq "storefront: checkout" 303 "$(cat "$W/code")"
check_eq "storefront: one new order" $((orders + 1)) "$(sql "SELECT COUNT(*) FROM orders WHERE reseller_id = 1")"
number=$(sql "SELECT number FROM orders WHERE reseller_id = 1 ORDER BY id DESC LIMIT 1")
check_eq "storefront: the order waits for approval" pending_approval \
    "$(sql "SELECT status FROM orders WHERE number = '$number' AND reseller_id = 1")"
check_eq "storefront: the reseller is e-mailed that it awaits approval" 1 "$(sql "SELECT COUNT(*) FROM outbox
    WHERE kind = 'email' AND reseller_id = 1 AND JSON_VALUE(payload, '\$.template') = 'order_pending_approval'
    AND JSON_VALUE(payload, '\$.subject') = 'Order $number awaits your approval'")"

keys Tab
wait_for "Orders awaiting approval"
wait_for "$number"
golden approval_queue
text "/$number"
keys Enter
wait_for "1 of 1"
keys Enter
wait_for "Order $number"
golden order_detail
keys a
wait_for "[y] Yes"
golden approve_confirm
keys y
wait_for "approved: queued for fulfilment"
golden approve_done
check_eq "approve: the order's status" approved "$(sql "SELECT status FROM orders WHERE number = '$number' AND reseller_id = 1")"
check_eq "approve: provisioning queued" 1 "$(sql "SELECT COUNT(*) FROM outbox o JOIN orders r ON r.id = JSON_VALUE(o.payload, '\$.order_id')
    WHERE o.kind = 'provision' AND r.number = '$number' AND r.reseller_id = 1")"
check_eq "approve: the customer's e-mail queued" 1 "$(sql "SELECT COUNT(*) FROM outbox
    WHERE kind = 'email' AND reseller_id = 1 AND JSON_VALUE(payload, '\$.template') = 'order_approved'
    AND JSON_VALUE(payload, '\$.subject') = 'Order $number approved'")"
check_eq "approve: audited as demo-admin" 1 "$(sql "SELECT COUNT(*) FROM audit_log a JOIN orders r ON r.id = a.entity_id
    WHERE a.entity = 'order' AND a.action = 'order.approve' AND a.actor_name = 'demo-admin' AND r.number = '$number'")"
keys Q

summary tui-golden-reseller
