#!/bin/sh
# tui_golden.sh - golden-screen tests of the admin TUI: the real bin/shelf
# in tmux at 100x30 against a database made for the test (demo data),
# scripted keys, the pane captured as text and compared with
# tests/golden/NAME.txt (dates normalised).  Database effects are checked
# with SQL.  Run by `make test` (tools/test.sh exports SHELF_DB_SOCKET and
# friends).  SHELF_GOLDEN_UPDATE=1 rewrites the golden files instead.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
GOLDEN_NAME=tui-golden
GOLDEN_OUT=${SHELF_TEST_VAR:-/tmp}/tui-golden.$$
. "$ROOT/tests/lib/check.sh"
. "$ROOT/tests/lib/golden.sh"

golden_own_db shelf_golden

# start OPERATOR [COLS ROWS] - the TUI, once its title bar names the operator
start() {
	tui_start "$@"
	# a narrow title bar has no room for the operator's role beside the tabs
	if [ -n "${2:-}" ]; then wait_for " Shelf "; else wait_for "$1 ("; fi
}

golden_fresh_db

# -- the distributor's reseller list, and `?` listing its keys
start admin
wait_for "1 of 18"
golden resellers_list
keys '?'
wait_for "Keys of this screen"
golden help_resellers
keys q

# -- upgrade a Basic reseller to Standard
text "/Danube"
wait_for "1 of 1"
keys Enter
keys u
wait_for "Storefront slug"
golden upgrade_form
# F2 submits: no first admin here (tui_golden_newreseller.sh makes one)
keys F2
wait_for "[y] Yes"
golden upgrade_confirm
keys y
wait_for "storefront online"
golden upgrade_done
check_eq "upgrade: edition" standard "$(sql "SELECT edition FROM resellers WHERE id = 18")"
check_eq "upgrade: history row" "basic standard admin" \
    "$(sql "SELECT e.from_edition, e.to_edition, o.login FROM edition_changes e JOIN operators o ON o.id = e.operator_id WHERE e.reseller_id = 18" | tr '\t' ' ')"
check_eq "upgrade: outbox row" "1" \
    "$(sql "SELECT COUNT(*) FROM outbox WHERE reseller_id = 18 AND kind = 'email' AND JSON_VALUE(payload, '\$.data.storefront_url') = 'https://danube-digital-kft.shops.example/'")"
check_eq "upgrade: audit row" "1" \
    "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'reseller.edition' AND entity_id = 18 AND actor_name = 'admin'")"

# -- downgrade it again
keys d
wait_for "Downgrade Danube"
keys Enter
wait_for "[y] Yes"
golden downgrade_confirm
keys y
wait_for "Storefront offline"
golden downgrade_done
check_eq "downgrade: edition" basic "$(sql "SELECT edition FROM resellers WHERE id = 18")"
check_eq "downgrade: storefront kept" 1 "$(sql "SELECT COUNT(*) FROM storefronts WHERE reseller_id = 18")"
check_eq "downgrade: history rows" 2 "$(sql "SELECT COUNT(*) FROM edition_changes WHERE reseller_id = 18")"

# -- the edition report
keys Escape
keys Tab
wait_for "Resellers by edition"
golden report
# q on a first screen asks; n stays, y quits (Q quits at once)
keys q
wait_for "Quit Shelf? (y/n)"
golden quit_confirm
keys n
wait_for "Cancelled"
check_eq "quit: n stays" 0 "$(pane | grep -c '\[exit')"
keys q
wait_for "Quit Shelf? (y/n)"
keys y
wait_for "[exit 0]" && ok "quit: y quits"

# -- support tries to change something and is refused
start support
keys Escape
keys Tab
wait_for "1 of 18"
text "/Greenfield"
wait_for "1 of 1"
keys Enter
keys u
wait_for "read-only access"
golden support_refused
check_eq "support: nothing changed" basic "$(sql "SELECT edition FROM resellers WHERE id = 16")"
keys BTab
text "buyer@demo.example"
keys Enter
wait_for "2 matches"
keys Enter
wait_for "Storefront user"
keys e
wait_for "read-only access"
golden support_inspect_refused
keys Q

# -- a name holding escape sequences and control characters is shown stripped
sql "UPDATE resellers SET name = CONCAT('Evil', CHAR(27), '[2J', CHAR(27), '[31m', CHAR(7), ' Corp', CHAR(27), ']0;owned', CHAR(7), CHAR(27), '[0m') WHERE id = 12" >/dev/null
start admin
wait_for "1 of 18"
text "/Evil"
wait_for "1 of 1"
golden escape_name
keys Q

# -- the smallest terminal, 80x24: product names stay whole enough to tell
# rows apart ("... Basic" from "... Basic (annual)"); other columns shrink or go
start admin 80 24
wait_for "1 of 18"
keys Tab Tab
wait_for "1 of 74"
golden catalog_80x24
text "/Microsoft 365 Business"
keys Enter
wait_for "1 of 6"
n=$(capture | grep -cE "Microsoft 365 Business (Basic|Standard|Premium) \(annual\)")
check_eq "catalog at 80x24: the annual plans told apart" 3 "$n"
# the catalog editor: p the product page, m the media (the demo's illustrations)
keys p
wait_for "Product page of"
golden catalog_page_80x24
keys Escape
keys m
wait_for "product-suite"
golden media_80x24
keys q
keys Q

# -- the CLI: report and inspect as the operator, the gateway rule
n=$("$SHELF" report resellers --operator admin --format csv | wc -l)
check_eq "report csv: header + 18 rows" 19 "$n"
n=$("$SHELF" report resellers --operator admin --edition professional --format csv | wc -l)
check_eq "report csv --edition professional" 6 "$n"
# a downgraded reseller keeps its storefront row, offline: no URL, as the TUI's "(offline)"
check_eq "report csv: Baltic Byte (basic, storefront kept) has no URL" "basic|" \
    "$("$SHELF" report resellers --operator admin --format csv | tr -d '\r' | awk -F, '$1 == 15 { print $4 "|" $6 }')"
check_eq "report csv: Atlas (professional) has its URL" "professional|https://atlas.shops.example/" \
    "$("$SHELF" report resellers --operator admin --format csv | tr -d '\r' | awk -F, '$1 == 9 { print $4 "|" $6 }')"
# --output: the TUI's export; the file's absolute path on stderr
(cd "$GOLDEN_OUT" && "$SHELF" report resellers --operator admin --output rep.csv 2>"$GOLDEN_OUT/err" >/dev/null)
check_eq "report --output: the file" 19 "$(wc -l <"$GOLDEN_OUT/rep.csv")"
check_eq "report --output: says where, in full" "shelf report: wrote 18 resellers to $(cd "$GOLDEN_OUT" && pwd -P)/rep.csv" "$(cat "$GOLDEN_OUT/err")"
if "$SHELF" inspect --operator support demo-does-not-exist >/dev/null 2>&1; then r=0; else r=$?; fi
check_eq "inspect: nothing found exits 1" 1 "$r"
"$SHELF" inspect --operator support 1 >/dev/null 2>&1 ; r=$?
check_eq "inspect by id runs" 0 "$r"
SHELF_GATEWAYS=nobody-else "$SHELF" report resellers --operator admin >/dev/null 2>"$GOLDEN_OUT/err"; r=$?
check_eq "--operator from a non-gateway account exits 1" 1 "$r"
grep -q "gateway" "$GOLDEN_OUT/err" && ok "--operator refusal names the gateway rule" || nok "--operator refusal message"
"$SHELF" report resellers --operator nobody >/dev/null 2>"$GOLDEN_OUT/err"; r=$?
check_eq "unknown operator exits 1" 1 "$r"

summary tui-golden
