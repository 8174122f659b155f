#!/bin/sh
# e2e_storefront.sh - the public storefront end to end: a private nginx +
# bin/shelf-fcgi on a free loopback port, in front of a database of its own
# made by `shelf migrate` and `shelf seed --demo` (tests/lib/storefront_stack.sh),
# driven over HTTP by tests/e2e/storefront.py (stdlib only, on
# tests/e2e/harness.py), which parses the HTML, JSON-LD and sitemap.
# Settings are changed with SQL that bumps storefronts.version the way core
# does, so the test is about what shelf-fcgi makes of them.
#
# Covers: every page of the demo storefront (status, titles, canonical URLs,
# JSON-LD, scripts), prices (cost + markup rounded once, page and JSON-LD),
# the sitemap, 404s and editions, routing by Host, renamed slugs (301),
# analytics, caching (ETag, Cache-Control, a change shows on the next
# request), escaping of everything a reseller sets, the contact form (CSRF,
# validation, honeypot, rate limit), bad input (400, 405, 413, 415, never a
# 5xx), security headers and assets, every theme and skin, the manufacturer
# filter, the contact introduction, health.
#
# Run by `make test` (tools/test.sh); by hand: sh tests/e2e_storefront.sh
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/tests/lib/storefront_stack.sh"

stack_run e2e_storefront "$ROOT/tests/e2e/storefront.py"
