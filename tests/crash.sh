#!/bin/sh
# crash.sh - crash safety of the worker: two `bin/shelf worker` processes
# deliver 500 e-mails to a real SMTP server (aiosmtpd on loopback) and
# fulfil 200 orders through the keys connector, while the test kills one
# of them with SIGKILL at random moments and starts it again.  Nothing may
# be lost: every row ends sent, none failed, every message arrives; a
# message may arrive twice only when a kill landed between sending it and
# marking it sent, so the duplicates are at most the kills (the figure is
# printed).  Every state change happens exactly once: each order started
# and completed once, one task, one key and one subscription per line,
# one completed e-mail per order.  Driven by tests/e2e/crash.py.
#
# Run by `make test` (tools/test.sh); by hand: sh tests/crash.sh
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/tests/lib/storefront_stack.sh"

stack_needs crash aiosmtpd
stack_run crash "$ROOT/tests/e2e/crash.py"
