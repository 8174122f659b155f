#!/bin/sh
# two_host.sh - two storefront hosts, each its own nginx + shelf-fcgi on
# loopback, sharing one MariaDB (tests/lib/storefront_stack.sh: stack_start,
# then stack_add_host), as two machines behind a load balancer.  A change
# through either host (a profile, an order, sign-out, an API PATCH, a
# narrowed or revoked API credential, list routes included) or through
# bin/shelf (suspend and resume, a product's text) shows on both at the
# next request, cached public pages included: tests/e2e/two_host.py.
#
# Run by `make test` (tools/test.sh); by hand: sh tests/two_host.sh
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/tests/lib/storefront_stack.sh"

trap 'stack_stop' EXIT
trap 'exit 1' INT TERM
export SHELF_GATEWAYS=$(id -un)
stack_start two_host || { echo "not ok - the stack did not start"; echo "two_host: 0 passed, 1 failed"; exit 1; }
stack_add_host host_b || { echo "not ok - host B did not start"; echo "two_host: 0 passed, 1 failed"; exit 1; }
export HOST_B_URL="$HOST_URL"
python3 -B "$ROOT/tests/e2e/two_host.py"
rc=$?
if [ $rc -ne 0 ]; then
	for log in "$STACK_DIR/log/shelf-fcgi.log" "$HOST_DIR/log/shelf-fcgi.log"; do
		echo "# $log:"
		tail -10 "$log" | sed 's/^/# /'
	done
fi
exit $rc
