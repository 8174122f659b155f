#!/bin/sh
# bench_worker.sh - `make bench-worker`: the worker's throughput on this
# machine, against a private stack (tests/lib/storefront_stack.sh: its own
# MariaDB, the demo data) and a real SMTP server on loopback (aiosmtpd).
# Prints e-mails per second delivered to the catcher and fulfilments per
# second through the keys connector (an approved order started, given its
# key, completed and its e-mail queued), for one worker and two at once.
# BENCH_MAILS (2000) and BENCH_ORDERS (1000) set the sizes.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/tests/lib/storefront_stack.sh"

/usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || { echo "bench-worker: python3-aiosmtpd is missing (make deps)" >&2; exit 1; }
stack_run bench_worker "$ROOT/tools/bench_worker.py"
