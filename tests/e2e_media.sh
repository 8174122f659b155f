#!/bin/sh
# e2e_media.sh - the media store end to end: a private nginx + bin/shelf-fcgi
# with the demo data (tests/lib/storefront_stack.sh), checked over HTTP and
# with bin/shelf by tests/e2e/media.py.
#
# Covers: every image of home, catalog and product pages in both themes loads,
# with width, height and alt; monogram tiles for products without an image;
# media files immutable, nosniff, sandboxed and typed by their stored type
# (never a script-capable type, nothing else under /media/ served);
# `shelf media add` refusing polyglot, bomb, truncated, oversized and SVG files
# with the reason; a product refusing a reseller's media.
#
# Run by `make test` (tools/test.sh); by hand: sh tests/e2e_media.sh
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/tests/lib/storefront_stack.sh"
export SHELF_GATEWAYS=$(id -un)

stack_run e2e_media "$ROOT/tests/e2e/media.py"
