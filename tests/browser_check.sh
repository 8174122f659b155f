#!/bin/sh
# browser_check.sh - the storefront in a real browser: Debian's headless
# Chromium, driven over the DevTools protocol on a pipe
# (tests/e2e/browser_check.py on tests/e2e/harness.py), loads the home,
# catalog, product and contact pages of the demo storefront in two
# themes/skins (classic/parchment, modern/ocean) from a private stack
# (tests/lib/storefront_stack.sh), fails on any console message (script
# errors, CSP violations) and on any same-origin resource of the page that
# does not load, and saves screenshots under var/screenshots/
# (THEME-SKIN-PAGE.png).
#
# Run by `make test` (tools/test.sh); by hand: sh tests/browser_check.sh
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/tests/lib/storefront_stack.sh"

stack_run browser_check "$ROOT/tests/e2e/browser_check.py"
