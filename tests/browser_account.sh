#!/bin/sh
# browser_account.sh - the customer area in a real browser: Debian's
# headless Chromium, driven over the DevTools protocol on a pipe
# (--remote-debugging-pipe; tests/e2e/browser_account.py), logs in
# as the demo buyer on a private stack (tests/lib/storefront_stack.sh),
# adds a product to the cart, places the order, and finds it in the order
# history; then visits every account page in two themes (classic,
# modern).  Fails on any console or CSP message, on a page that does not
# answer 200, and saves screenshots under var/screenshots/
# (account-THEME-PAGE.png).
#
# Run by `make test` (tools/test.sh); by hand: sh tests/browser_account.sh
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/tests/lib/storefront_stack.sh"

CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROMIUM" ]; then
	echo "not ok - chromium is not installed (make deps)"
	echo "browser_account: 0 passed, 1 failed"
	exit 1
fi
SHOTS="$ROOT/var/screenshots"
mkdir -p "$SHOTS"
W=$(mktemp -d /tmp/shelf-browser-account.XXXXXX)
trap 'stack_stop; rm -rf "$W"' EXIT
trap 'exit 1' INT TERM

stack_start browser_account || { echo "not ok - the stack did not start"; echo "browser_account: 0 passed, 1 failed"; exit 1; }

python3 "$ROOT/tests/e2e/browser_account.py" "$CHROMIUM" "$SHOTS" "$W/profile"
