#!/bin/sh
# tui_golden_newreseller.sh - "A whole new reseller, by hand" and "Access"
# (issue 15) as golden screens: the real bin/shelf in tmux at 100x30 in
# front of a private storefront stack (tests/lib/storefront_stack.sh), so
# what the TUI does is checked over HTTP as a customer sees it.  Panes are
# compared with tests/golden/NAME.txt (dates normalised); effects are
# checked with SQL.  Run by `make test`; SHELF_GOLDEN_UPDATE=1 rewrites the
# golden files instead.
#
#   the distributor admin adds a reseller in the Resellers tab, upgrades
#     it creating its admin, and sees the admin in the Operators tab
#   that admin opens the TUI: the Vendor tab lists the featured products
#     at the recommended markups; it adds a customer and a storefront user
#     with a one-time password
#   that user buys on the new storefront (sign in, new password, cart,
#     checkout) at cost + markup
#   suspend: the storefront answers 503, the admin's open TUI refuses its
#     next keystroke and says why, a new one is refused; resume: 200, let in
#   a disabled colleague is refused on the next keystroke
#   read-only reseller staff: every tab loads, a change is refused, saying why
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
GOLDEN_NAME=tui-golden-newreseller GOLDEN_STACK=tui_golden_newreseller
. "$ROOT/tests/lib/golden_stack.sh"
S=$STACK_URL/s/kestrel-cloud

start() {
	tui_start "$@"
	wait_for "$1"
}

# form_value FILE NAME - the value of the (last) hidden input NAME in an HTML file
form_value() {
	grep -o "name=\"$2\" value=\"[^\"]*\"" "$1" | tail -1 | sed 's/.*value="//; s/"$//'
}

# ---- the distributor admin: add a reseller ---------------------------------
start admin
wait_for "Resellers"
keys a
wait_for "Add a reseller"
text "Kestrel Cloud"
keys Enter
text "hello@kestrel.example"
keys Enter
text "+31 10 555 0000"
keys Enter
text "Coolsingel 40, Rotterdam"
keys Enter
text "NL"
keys Enter
text "NL001234567B01"
golden new_reseller_form
keys F2
wait_for "Added Kestrel Cloud"
golden new_reseller_added
id=$(sql "SELECT id FROM resellers WHERE name = 'Kestrel Cloud'")
check_eq "add: the reseller, Basic, active, in euros" "basic active EUR NL hello@kestrel.example" \
    "$(sql "SELECT CONCAT_WS(' ', edition, status, currency, country, email) FROM resellers WHERE id = $id")"

# ---- upgrade it, creating its admin ------------------------------------------
text "/Kestrel"
wait_for "1 of 1"
keys Enter
keys u
wait_for "Admin login"
keys Enter Enter
text "kestrel-admin"
keys Enter
text "Nina Noord"
keys Enter
text "nina@kestrel.example"
golden new_upgrade_form
keys F2
wait_for "[y] Yes"
golden new_upgrade_confirm
keys y
wait_for "admin kestrel-admin added"
golden new_upgrade_done
check_eq "upgrade: Standard with its storefront" "standard kestrel-cloud" \
    "$(sql "SELECT CONCAT_WS(' ', r.edition, s.slug) FROM resellers r JOIN storefronts s ON s.reseller_id = r.id WHERE r.id = $id")"
check_eq "upgrade: its admin" "reseller_admin $id 1" \
    "$(sql "SELECT CONCAT_WS(' ', role, reseller_id, active) FROM operators WHERE login = 'kestrel-admin'")"
featured=$(sql "SELECT COUNT(*) FROM products WHERE distributor_id = 1 AND featured = 1 AND active = 1")
check_eq "upgrade: the featured products listed at the recommended markup" "$featured" "$(sql "SELECT COUNT(*)
    FROM listings l JOIN products p ON p.id = l.product_id WHERE l.reseller_id = $id AND l.listed = 1
    AND l.markup_bp = p.recommended_markup_bp")"
check_eq "upgrade: the e-mail says what to do next" 1 "$(sql "SELECT COUNT(*) FROM outbox WHERE reseller_id = $id
    AND JSON_VALUE(payload, '\$.template') = 'reseller_edition_changed' AND JSON_VALUE(payload, '\$.data.admin_login') = 'kestrel-admin'")"
code=$(curl -s -o "$W/home" -w '%{http_code}' "$S/")
check_eq "the new storefront answers" 200 "$code"
check "  with the theme's starter homepage in its name" grep -q "Recommended by Kestrel Cloud" "$W/home"

# the Operators tab: the new admin is there
keys Escape
keys Tab Tab Tab Tab Tab
wait_for "Operators: who works in this TUI"
golden new_operators
keys Q

# ---- the new admin opens the TUI: products with markups ----------------------
start kestrel-admin
wait_for "Dashboard"
keys Tab
wait_for "Vendor: Northwind Cloud Distribution"
wait_for "Markup"
golden new_vendor_listed

# a customer and a storefront user with a one-time password
keys Tab Tab
wait_for "Customers"
keys a
wait_for "Orders need approval"
text "Windmolen BV"
keys Enter
text "inkoop@windmolen.example"
keys F2
wait_for "Added Windmolen BV"
golden new_customer_added
keys u
wait_for "Storefront users of Windmolen BV"
keys n
wait_for "First password"
text "jan@windmolen.example"
keys Enter
text "Jan Molen"
keys Enter Right Enter Right
golden new_user_form
keys F2
wait_for "One-time password"
otp=$(pane | sed -n '/One-time password:/,$p' | grep -o '[a-z2-9]\{4\}-[a-z2-9]\{4\}-[a-z2-9]\{4\}-[a-z2-9]\{4\}' | head -1)
check "the one-time password is shown once" [ -n "$otp" ]
keys Enter
keys Q

# ---- the customer buys on the new storefront -----------------------------------
J="$W/cookies"
curl -s -c "$J" -b "$J" -o "$W/login" "$S/login"
curl -s -c "$J" -b "$J" -o /dev/null -w '%{http_code} %{redirect_url}' --data-urlencode "csrf_token=$(form_value "$W/login" csrf_token)" \
    --data-urlencode "email=jan@windmolen.example" --data-urlencode "password=$otp" "$S/login" >"$W/code"
check "storefront: signs in with the one-time password, sent to choose one" grep -q "^303 .*must_change" "$W/code"
curl -s -c "$J" -b "$J" -o "$W/profile" "$S/account/profile"
curl -s -c "$J" -b "$J" -o /dev/null -w '%{http_code}' --data-urlencode "csrf_token=$(form_value "$W/profile" csrf_token)" \
    --data-urlencode "current_password=$otp" --data-urlencode "new_password=windmill-sails-42" \
    --data-urlencode "confirm_password=windmill-sails-42" "$S/account/password" >"$W/code"
check_eq "storefront: a password of their own" 303 "$(cat "$W/code")"
product=$(sql "SELECT p.slug FROM listings l JOIN products p ON p.id = l.product_id WHERE l.reseller_id = $id
    AND l.listed = 1 AND p.type = 'license' AND p.billing_period = 'monthly' ORDER BY p.name LIMIT 1")
curl -s -c "$J" -b "$J" -o "$W/product" "$S/products/$product"
curl -s -c "$J" -b "$J" -o /dev/null -w '%{http_code}' --data-urlencode "csrf_token=$(form_value "$W/product" csrf_token)" \
    -d "product_id=$(form_value "$W/product" product_id)" -d quantity=5 "$S/cart/add" >"$W/code"
check_eq "storefront: into the cart" 303 "$(cat "$W/code")"
curl -s -c "$J" -b "$J" -o "$W/cart" "$S/cart"
curl -s -c "$J" -b "$J" -o /dev/null -w '%{http_code}' --data-urlencode "csrf_token=$(form_value "$W/cart" csrf_token)" \
    -d "order_token=$(form_value "$W/cart" order_token)" -d accept_terms=1 "$S/checkout" >"$W/code"
check_eq "storefront: checkout" 303 "$(cat "$W/code")"
check_eq "the order: the new reseller's, approved, 5 at cost + the recommended markup" "approved 5 1" "$(sql "SELECT
    CONCAT_WS(' ', o.status, ol.quantity, ol.unit_price = p.unit_cost + (p.unit_cost * p.recommended_markup_bp + 5000) DIV 10000)
    FROM orders o JOIN order_lines ol ON ol.order_id = o.id JOIN products p ON p.id = ol.product_id
    JOIN customers c ON c.id = o.customer_id WHERE o.reseller_id = $id AND c.name = 'Windmolen BV'")"

# ---- Access: suspend, then resume ------------------------------------------------
start kestrel-admin
wait_for "Dashboard"
"$SHELF" reseller suspend "$id" --operator admin >/dev/null 2>&1
check_eq "suspended: the storefront answers 503" 503 "$(curl -s -o /dev/null -w '%{http_code}' "$S/")"
keys Tab
wait_for "Press any key to leave"
golden new_suspended_keystroke
keys Enter
wait_for "[exit 1]"
check "  the next key leaves, saying why" sh -c "tmux -L '$SOCK' capture-pane -p -t g | grep -q 'shelf: The reseller account of this operator is suspended.'"
start kestrel-admin
wait_for "[exit 1]"
check "suspended: a new session is refused" sh -c "tmux -L '$SOCK' capture-pane -p -t g | grep -q 'is suspended'"
"$SHELF" reseller resume "$id" --operator admin >/dev/null 2>&1
check_eq "resumed: the storefront answers 200" 200 "$(curl -s -o /dev/null -w '%{http_code}' "$S/")"
start kestrel-admin
wait_for "Dashboard"
check "resumed: the admin is let in" sh -c "! tmux -L '$SOCK' capture-pane -p -t g | grep -q 'exit 1'"
keys Q

# ---- a disabled operator: refused on the next keystroke ------------------------
"$SHELF" operator add --login kestrel-ops --name "Olaf Ops" --email olaf@kestrel.example --role reseller_admin \
    --operator kestrel-admin >/dev/null 2>&1
start kestrel-ops
wait_for "Dashboard"
"$SHELF" operator disable kestrel-ops --operator kestrel-admin >/dev/null 2>&1
keys Tab
wait_for "has been disabled"
golden new_disabled_keystroke
keys Enter
wait_for "[exit 1]"
check_eq "disabled: audited" 1 "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'operator.disable'
    AND actor_name = 'kestrel-admin' AND JSON_VALUE(after_json, '\$.login') = 'kestrel-ops'")"

# ---- read-only staff: every tab shows, nothing changes ------------------------
"$SHELF" operator add --login kestrel-staff --name "Sven Staff" --email sven@kestrel.example --role reseller_staff \
    --operator kestrel-admin >/dev/null 2>&1
start kestrel-staff
wait_for "Dashboard"
bad=0
for tab in Vendor Storefront Customers Orders Messages Invoices; do
	keys Tab
	if pane | grep -qE "Cannot load|cannot be shown|Refused"; then bad=1; echo "# staff: $tab:"; capture; fi
done
check_eq "staff: every tab loads" 0 "$bad"
keys Tab Tab
wait_for "Vendor: Northwind Cloud Distribution"
keys t l
wait_for "read-only"
golden new_staff_refused
check_eq "staff: nothing listed" 10 "$(sql "SELECT COUNT(*) FROM listings WHERE reseller_id = $id AND listed = 1")"
keys Q

summary tui-golden-newreseller
