#!/bin/sh
# reseller_cli.sh - `shelf reseller ...` and `shelf operator ...` as a
# distributor admin and a reseller admin run them, on a private storefront
# stack (tests/lib/storefront_stack.sh: nginx + two shelf-fcgi workers over
# the demo data): exit statuses and what each prints; a new reseller from
# `add` to an upgraded storefront answering over HTTP with the theme's
# starter homepage and the featured products; its first admin, a colleague
# and read-only staff, --ssh-key's authorized_keys line and bad keys;
# refusals that change nothing (yourself, the last admin, another tenant,
# staff); and Access: suspend, then resume -- the storefront answers a
# themed 503 (no-store, from both workers, after being cached) then 200
# again, the reseller's operators are refused then let in.
# The rules themselves are held by tests/test_lifecycle.c.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/tests/lib/storefront_stack.sh"
. "$ROOT/tests/lib/check.sh"
SHELF=$ROOT/bin/shelf
W=$(mktemp -d /tmp/shelf-rcli.XXXXXX)
cleanup() { stack_stop; rm -rf "$W"; }
trap cleanup EXIT
trap 'exit 1' INT TERM

export LC_ALL=C.UTF-8 SHELF_GATEWAYS=$(id -un)
stack_start reseller_cli || { echo "not ok - the stack did not start"; exit 1; }
run() { "$SHELF" "$@" > "$W/out" 2> "$W/err"; echo $?; }
sql() { stack_sql "$1"; }
state() { sql "SELECT CONCAT_WS('/', (SELECT COUNT(*) FROM resellers), (SELECT GROUP_CONCAT(login, active ORDER BY id)
    FROM operators), (SELECT COUNT(*) FROM audit_log), (SELECT COUNT(*) FROM outbox))"; }
# code PATH - the HTTP status of a storefront path (the body in $W/page, the headers in $W/head)
code() { curl -s -D "$W/head" -o "$W/page" -w '%{http_code}' "$STACK_URL$1"; }

# ---- usage and refusals that change nothing ----------------------------------
before=$(state)
check_eq "reseller --help: exit 0" 0 "$(run reseller --help)"
check "the usage names every subcommand" grep -q "shelf reseller upgrade ID" "$W/out"
check_eq "operator --help: exit 0" 0 "$(run operator --help)"
check "the usage shows the authorized_keys line" grep -q 'command="/path/to/shelf --operator LOGIN",restrict' "$W/out"
check_eq "no subcommand: exit 2" 2 "$(run reseller --operator admin)"
check_eq "an unknown option: exit 2" 2 "$(run reseller add --name X --email x@x.example --colour red --operator admin)"
check_eq "add without an e-mail: exit 2" 2 "$(run reseller add --name X --operator admin)"
check_eq "add with a bad e-mail: exit 2" 2 "$(run reseller add --name X --email nope --operator admin)"
check "  says why" grep -q "e-mail address is not valid" "$W/err"
check_eq "add by support: exit 1" 1 "$(run reseller add --name X --email x@x.example --operator support)"
check "  says who may" grep -q "distributor admin" "$W/err"
check_eq "add by a reseller admin: exit 1" 1 "$(run reseller add --name X --email x@x.example --operator demo-admin)"
check_eq "suspend an unknown reseller: exit 1" 1 "$(run reseller suspend 999 --operator admin)"
check_eq "suspend without an id: exit 2" 2 "$(run reseller suspend --operator admin)"
check_eq "operator add by support: exit 1" 1 \
    "$(run operator add --login x --name X --email x@x.example --role support --operator support)"
check_eq "operator add with an unknown role: exit 2" 2 \
    "$(run operator add --login x --name X --email x@x.example --role boss --operator admin)"
check_eq "disable yourself: exit 1" 1 "$(run operator disable admin --operator admin)"
check "  says why" grep -q "cannot disable yourself" "$W/err"
check_eq "the demo reseller's only admin: exit 1" 1 "$(run operator disable demo-admin --operator admin)"
check "  says why" grep -q "last active admin" "$W/err"
check_eq "nothing changed" "$before" "$(state)"

# ---- a whole new reseller -------------------------------------------------------
check_eq "add: exit 0" 0 "$(run reseller add --name 'Nordlicht IT' --email hello@nordlicht.example \
    --phone '+31 10 555 0000' --address 'Coolsingel 40, Rotterdam' --country NL --operator admin)"
id=$(sql "SELECT id FROM resellers WHERE name = 'Nordlicht IT'")
check "  prints what it did" grep -q "^reseller $id added: Nordlicht IT <hello@nordlicht.example>, Basic edition, active$" "$W/out"
check_eq "  in the distributor's currency, on Basic" "EUR basic active NL" \
    "$(sql "SELECT CONCAT_WS(' ', currency, edition, status, country) FROM resellers WHERE id = $id")"
check_eq "edit: exit 0" 0 "$(run reseller edit "$id" --phone '+31 10 555 0001' --operator admin)"
check_eq "  the field given replaced, the others kept" "Nordlicht IT|+31 10 555 0001|NL" \
    "$(sql "SELECT CONCAT_WS('|', name, phone, country) FROM resellers WHERE id = $id")"
check_eq "upgrade with a taken admin login: exit 1" 1 "$(run reseller upgrade "$id" --admin-login demo-admin \
    --admin-name 'Nina Noord' --admin-email nina@nordlicht.example --operator admin)"
check_eq "  still Basic, no storefront" "basic 0" \
    "$(sql "SELECT CONCAT_WS(' ', edition, (SELECT COUNT(*) FROM storefronts WHERE reseller_id = $id)) FROM resellers WHERE id = $id")"
check_eq "upgrade: exit 0" 0 "$(run reseller upgrade "$id" --admin-login nordlicht-admin \
    --admin-name 'Nina Noord' --admin-email nina@nordlicht.example --operator admin)"
check "  prints the change" grep -q "^reseller $id upgraded: Nordlicht IT, Basic -> Standard$" "$W/out"
check "  prints the storefront" grep -q "^storefront: .*nordlicht-it" "$W/out"
check "  prints the admin" grep -q "^admin operator: nordlicht-admin (reseller_admin)" "$W/out"
featured=$(sql "SELECT COUNT(*) FROM products WHERE distributor_id = 1 AND featured = 1 AND active = 1")
check "the demo distributor features products" [ "$featured" -ge 5 ]
check_eq "  its featured products listed at the recommended markup" "$featured" "$(sql "SELECT COUNT(*) FROM listings l
    JOIN products p ON p.id = l.product_id WHERE l.reseller_id = $id AND l.listed = 1 AND l.markup_bp = p.recommended_markup_bp
    AND p.featured = 1")"
check_eq "  the e-mail names the admin" 1 "$(sql "SELECT COUNT(*) FROM outbox WHERE reseller_id = $id
    AND JSON_VALUE(payload, '\$.data.admin_login') = 'nordlicht-admin' AND JSON_VALUE(payload, '\$.data.listed') = $featured")"
S=/s/nordlicht-it
check_eq "the new storefront answers" 200 "$(code "$S/")"
check "  its homepage starts from the theme, in its name" grep -q "Recommended by Nordlicht IT" "$W/page"
slug=$(sql "SELECT p.slug FROM products p WHERE p.featured = 1 AND p.distributor_id = 1 ORDER BY p.id LIMIT 1")
check_eq "  a featured product's page" 200 "$(code "$S/products/$slug")"
check_eq "  its contact page has the record's phone" 200 "$(code "$S/contact")"
check "  (+31 10 555 0001)" grep -q "+31 10 555 0001" "$W/page"

# ---- operators: the new admin, a colleague, staff, an SSH key ----------------
printf 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl nina@laptop\n' > "$W/key.pub"
check_eq "the new admin adds a colleague with a key: exit 0" 0 "$(run operator add --login nordlicht-ops --name 'Olaf Ops' \
    --email olaf@nordlicht.example --role reseller_admin --ssh-key "$W/key.pub" --operator nordlicht-admin)"
check "  prints what it did" grep -q "^operator nordlicht-ops added: Olaf Ops <olaf@nordlicht.example>, Reseller admin of reseller $id$" "$W/out"
check "  then the authorized_keys line" grep -qx "command=\"$SHELF --operator nordlicht-ops\",restrict ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl nina@laptop" "$W/out"
printf 'from="10.0.0.1" ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl x\n' > "$W/opts.pub"
before=$(state)
check_eq "a key with options: exit 1" 1 "$(run operator add --login x1 --name X --email x@x.example --role reseller_staff \
    --ssh-key "$W/opts.pub" --operator nordlicht-admin)"
check_eq "a missing key file: exit 1" 1 "$(run operator add --login x1 --name X --email x@x.example --role reseller_staff \
    --ssh-key "$W/none.pub" --operator nordlicht-admin)"
check_eq "a reseller admin adds a distributor admin: exit 1" 1 "$(run operator add --login x2 --name X --email x@x.example \
    --role distributor_admin --operator nordlicht-admin)"
check_eq "a reseller admin adds to another reseller: exit 1" 1 "$(run operator add --login x3 --name X --email x@x.example \
    --role reseller_staff --reseller 1 --operator nordlicht-admin)"
check_eq "a login that a forced command cannot carry: exit 2" 2 "$(run operator add --login 'x;reboot' --name X \
    --email x@x.example --role reseller_staff --operator nordlicht-admin)"
check_eq "  nothing changed" "$before" "$(state)"
check_eq "staff: exit 0" 0 "$(run operator add --login nordlicht-staff --name 'Sven Staff' --email sven@nordlicht.example \
    --role reseller_staff --operator nordlicht-admin)"
check_eq "staff list the operators: exit 0" 0 "$(run operator list --operator nordlicht-staff)"
check_eq "  their own reseller's three" 4 "$(wc -l < "$W/out" | tr -d ' ')"
check "  with the header" grep -q "^LOGIN .*ROLE .*RESELLER" "$W/out"
check_eq "staff add nobody: exit 1" 1 "$(run operator add --login x4 --name X --email x@x.example --role reseller_staff \
    --operator nordlicht-staff)"
check "  read-only, says so" grep -q "read-only" "$W/err"
check_eq "the distributor admin lists them all: exit 0" 0 "$(run operator list --operator admin)"
check_eq "  every operator of the distributor" "$(( $(sql "SELECT COUNT(*) FROM operators WHERE distributor_id = 1") + 1 ))" \
    "$(wc -l < "$W/out" | tr -d ' ')"
check_eq "the admin disables staff: exit 0" 0 "$(run operator disable nordlicht-staff --operator nordlicht-admin)"
check "  prints it" grep -q "^operator nordlicht-staff disabled" "$W/out"
check_eq "  the disabled staff is refused: exit 1" 1 "$(run operator list --operator nordlicht-staff)"

# ---- Access: suspend, then resume ---------------------------------------------
check_eq "the storefront, cached by both workers" "200 200 200" "$(code "$S/") $(code "$S/") $(code "$S/")"
check_eq "suspend: exit 0" 0 "$(run reseller suspend "$id" --reason 'unpaid invoices' --operator admin)"
check "  prints what it means" grep -q "^reseller $id suspended: Nordlicht IT; its storefront answers 503" "$W/out"
check_eq "the storefront answers 503, on every worker" "503 503 503" "$(code "$S/") $(code "$S/") $(code "$S/products/$slug")"
check "  temporarily unavailable, in the shop's name" grep -q "Nordlicht IT is temporarily unavailable" "$W/page"
check "  themed" grep -q 'class="error-page"' "$W/page"
check "  never stored" grep -qi "^cache-control: no-store" "$W/head"
check "  no search into a closed shop" sh -c "! grep -q 'toolbar-search' '$W/page'"
check_eq "its admin is refused: exit 1" 1 "$(run operator list --operator nordlicht-admin)"
check "  says why" grep -q "suspended" "$W/err"
check_eq "another reseller's shop is untouched" 200 "$(code /s/demo/)"
check_eq "  and its admin too: exit 0" 0 "$(run operator list --operator demo-admin)"
check_eq "nothing was deleted" "$featured 3 1" "$(sql "SELECT CONCAT_WS(' ', (SELECT COUNT(*) FROM listings WHERE reseller_id = $id),
    (SELECT COUNT(*) FROM operators WHERE reseller_id = $id), (SELECT COUNT(*) FROM storefronts WHERE reseller_id = $id))")"
check_eq "suspend again: exit 1" 1 "$(run reseller suspend "$id" --operator admin)"
check "  already suspended" grep -q "already suspended" "$W/err"
check_eq "resume: exit 0" 0 "$(run reseller resume "$id" --operator admin)"
check_eq "the storefront answers 200 again, on every worker" "200 200 200" "$(code "$S/") $(code "$S/") $(code "$S/products/$slug")"
check "  the shop itself" grep -q "Recommended by Nordlicht IT" "$(code "$S/" >/dev/null; echo "$W/page")"
check_eq "its admin is let in: exit 0" 0 "$(run operator list --operator nordlicht-admin)"
check_eq "audited: suspend and resume" "reseller.resume reseller.suspend" "$(sql "SELECT GROUP_CONCAT(action ORDER BY id DESC SEPARATOR ' ')
    FROM audit_log WHERE entity = 'reseller' AND entity_id = $id AND action IN ('reseller.suspend', 'reseller.resume')")"

# ---- downgrade ----------------------------------------------------------------
check_eq "downgrade: exit 0" 0 "$(run reseller downgrade "$id" --operator admin)"
check "  prints it" grep -q "^reseller $id downgraded: Nordlicht IT, Standard -> Basic$" "$W/out"
check_eq "  the storefront is gone" 404 "$(code "$S/")"
check_eq "downgrade below Basic: exit 1" 1 "$(run reseller downgrade "$id" --operator admin)"

summary reseller-cli
