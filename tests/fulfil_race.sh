#!/bin/sh
# fulfil_race.sh - fulfilment end to end with the real programs: on a
# private stack's demo database (tests/lib/storefront_stack.sh), `bin/shelf
# keys import` stocks a keys product with 150 keys (bad files refused
# whole, exit 2), 200 approved orders of one key each wait with their
# provision rows, and two `bin/shelf worker --once` processes run at once:
# exactly 150 lines get a key (no key twice, none left), 50 wait for stock,
# 150 orders complete with the key as the asset's serial; `bin/shelf keys
# stock` shows it, and an import of 50 more keys lets a worker finish the
# rest; a demo customer's completed order page shows its line's keys,
# HTML-escaped, and the line's status.  Driven by tests/e2e/fulfil_race.py.
#
# Run by `make test` (tools/test.sh); by hand: sh tests/fulfil_race.sh
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/tests/lib/storefront_stack.sh"

stack_run fulfil_race "$ROOT/tests/e2e/fulfil_race.py"
