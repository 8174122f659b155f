#!/bin/sh
# browser_account.sh - the customer area in a real browser: Debian's
# headless Chromium, driven over the DevTools protocol on a pipe
# (--remote-debugging-pipe; tests/e2e/browser_account.py on
# tests/e2e/harness.py), logs in as the demo buyer on a private stack
# (tests/lib/storefront_stack.sh),
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

stack_run browser_account "$ROOT/tests/e2e/browser_account.py"
