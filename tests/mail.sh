#!/bin/sh
# mail.sh - e-mail end to end: a private storefront stack
# (tests/lib/storefront_stack.sh), an SMTP server of its own (Debian's
# aiosmtpd on a free loopback port, storing into a maildir) and
# `bin/shelf worker --once`, driven by tests/e2e/mail.py: the upgrade
# e-mail of a reseller upgraded in the admin TUI (tmux) reaches the
# reseller and its storefront URL answers 200, and the downgrade notice
# follows; a password reset e-mail's link sets a new password once; a
# contact-form message reaches the reseller with the visitor as Reply-To;
# an order that needs approval e-mails the reseller, its approval and
# its rejection (in the TUI) e-mail the customer, with the reason; a
# trial 7 days from its end is reminded once;
# the messages are proper MIME; a stopped SMTP server leads to retries
# with growing delays and nothing is lost once it is back; a row fails
# for good after the last attempt; two workers at once send every row
# once, each over one SMTP connection; the same runs start the demo's
# approved order from its provision row (fulfilment itself:
# tests/test_fulfil*.c, tests/fulfil_race.sh), and a webhook row whose
# payload is not a webhook's fails at once (webhooks: tests/webhooks.sh);
# SIGTERM stops a running worker; `bin/shelf mail` lists and shows what
# arrived.
#
# Run by `make test` (tools/test.sh); by hand: sh tests/mail.sh
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/tests/lib/storefront_stack.sh"

stack_needs mail tmux aiosmtpd
stack_run mail "$ROOT/tests/e2e/mail.py"
