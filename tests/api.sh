#!/bin/sh
# api.sh - the Marketplace API (issue 16) end to end, through nginx: a
# private nginx + bin/shelf-fcgi on a database made by `shelf migrate`
# and `shelf seed --demo` (tests/lib/storefront_stack.sh), driven over
# HTTP by tests/e2e/api.py.
#
# Covers: the OpenAPI document validates as OpenAPI 3.1 (@redocly/cli of
# tools/openapi) and every path and method in it is walked, each real
# answer checked against the document's schema for its status; tokens
# (client credentials, Basic, the seed's last-used date NULL until used,
# `shelf api token`); every error status (400 401 403 404 405 409 413
# 415 422 429) with problem+json; another reseller's ids answer 404 on
# every path; a revoked credential and a suspended reseller are refused
# on their next request; Idempotency-Key (replay, other body 422,
# missing 400, in flight 409) and 200 concurrent POST /orders with 20
# keys making exactly 20 orders; cursor pagination and filters.
#
# Run by `make test` (tools/test.sh); by hand: sh tests/api.sh
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/tests/lib/storefront_stack.sh"

# the suite's own requests must not meet the rate limit except where it drains a bucket on purpose
export SHELF_API_RATE_BURST=100000 SHELF_API_RATE_PER_SEC=1000
stack_run api "$ROOT/tests/e2e/api.py"
