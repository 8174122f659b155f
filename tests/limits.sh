#!/bin/sh
# limits.sh - nginx in front of shelf-fcgi holds against one abusive client
# (issue 17, findings 2 and 7), through a private stack
# (tests/lib/storefront_stack.sh) driven by tests/e2e/limits.py:
#
# - the security headers (CSP, X-Frame-Options, Referrer-Policy, nosniff)
#   on every kind of answer: pages, theme assets, /static/ images, the
#   placeholder, error pages; HSTS on all of them once https = 1;
# - a client flooding requests gets 429 (the themed page, Retry-After),
#   not logged, while another client's requests all succeed;
# - a client holding 2,000 idle connections: home still answers >= 99%
#   of another client's requests, and the error log stays small;
# - shelf-fcgi away: nginx's themed 503.
# Clients are told apart by their loopback source address (127.0.0.2, ...).
#
# Run by `make test` (tools/test.sh); by hand: sh tests/limits.sh
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/tests/lib/storefront_stack.sh"

stack_run limits "$ROOT/tests/e2e/limits.py"
