#!/bin/sh
# fulfil_path.sh - the whole path by hand, as a newcomer walks it in the
# demo: a buyer orders in the demo storefront and, without anyone touching
# the database, `bin/shelf worker` fulfils the order.  A keys product
# completes on its own: the customer's order page and e-mail show the
# licence keys and the subscription shows in the customer area.  A manual
# product waits in the distributor's fulfilment queue until an operator
# marks it done (`bin/shelf fulfil done`); then it completes, the customer
# is e-mailed, and the subscription shows in the customer area and in the
# reseller admin's TUI (tmux).  Driven by tests/e2e/fulfil_path.py.
#
# Run by `make test` (tools/test.sh); by hand: sh tests/fulfil_path.sh
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/tests/lib/storefront_stack.sh"

stack_needs fulfil_path tmux aiosmtpd
stack_run fulfil_path "$ROOT/tests/e2e/fulfil_path.py"
