#!/bin/sh
# webhooks.sh - webhooks end to end (issue 16 section 7): a private
# storefront stack (tests/lib/storefront_stack.sh), an SMTP catcher
# (tests/e2e/smtpcatch.py), a loopback HTTP receiver of the test's own and
# `bin/shelf worker`, driven by tests/e2e/webhooks.py.
#
# Covers: an endpoint registered through the API (201, its whsec_ secret
# shown once), refused URLs (plain http, private and link-local
# addresses, user:password@, fragments, over-long) and events, each a
# 422 naming the field; another reseller's credential gets 404 on every
# /webhooks/{id} path and a credential without the scope 403; the five
# events caused through real paths (a customer and an order created
# through the API, the order's status moved on by the worker's
# provisioning, a subscription's quantity raised through the API, an
# invoice issued by `shelf billing invoice` at a pinned date), each
# delivered, its signature verified by an independent implementation of
# the Standard Webhooks specification (checked first against the
# specification's own example), its payload checked; a 500 retried with
# the same webhook-id and body, the delivery log (API, with a cursor, and
# `shelf webhook log`) showing both attempts; a redirect not followed; a
# worker SIGKILLed in the middle of deliveries loses nothing (every event
# arrives at least once, duplicates share their webhook-id); an endpoint
# failing webhook_disable_after times in a row is disabled with its
# reason, its remaining events are skipped, the reseller's admin gets the
# e-mail, and it is enabled again; rotate; `shelf webhook
# add|list|disable|rotate|delete` and their refusals; DELETE.
#
# Run by `make test` (tools/test.sh); by hand: sh tests/webhooks.sh
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/tests/lib/storefront_stack.sh"

stack_needs webhooks aiosmtpd
# the receiver listens on 127.0.0.1: allowed only by this test setting;
# short retries and leases so the retry and kill cases take seconds
export SHELF_WEBHOOK_ALLOW_HTTP_LOOPBACK=1 SHELF_OUTBOX_RETRY_SECONDS=2 SHELF_OUTBOX_LEASE_SECONDS=2
export SHELF_WEBHOOK_TIMEOUT_SECONDS=5
export SHELF_API_RATE_BURST=100000 SHELF_API_RATE_PER_SEC=1000
stack_run webhooks "$ROOT/tests/e2e/webhooks.py"
