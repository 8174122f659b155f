#!/bin/sh
# e2e_account.sh - the storefront's customer area end to end, through
# nginx: a private nginx + bin/shelf-fcgi in front of a database of its
# own made by `shelf migrate` and `shelf seed --demo`
# (tests/lib/storefront_stack.sh), driven over HTTP by tests/e2e/account.py
# (stdlib only: its own cookie jar, no redirects followed) that checks
# replies and, with SQL on the stack's database, what changed and what
# did not.
#
# Covers: sign-in (cookie attributes, no user enumeration, safe return
# paths), sign-out (the session is dead), the reset link (works once),
# account pages redirect a signed-out visitor to the login and are never
# cached, the cart and checkout (a double submit places one order; an
# approval-required customer's order waits as pending_approval; cancel
# while pending), orders, subscriptions (quantity up now, down scheduled
# and said so, cancel at term end, trial request once, trial upgrade),
# assets, Azure usage (SVG chart, months, sums), Microsoft 365 users and
# licences (over-assignment refused with core's sentence, nothing
# changes), profile, password, the owner's colleagues; another
# customer's ids give 404 on every URL; POSTs without or with a wrong
# CSRF token give 403 and change nothing; every total shown equals the
# sum of its lines.
#
# Run by `make test` (tools/test.sh); by hand: sh tests/e2e_account.sh
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/tests/lib/storefront_stack.sh"

stack_run e2e_account "$ROOT/tests/e2e/account.py"
