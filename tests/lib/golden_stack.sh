# golden_stack.sh - sourced by the golden suites that drive the TUI beside a
# storefront stack (tests/tui_golden_reseller.sh, tui_golden_newreseller.sh):
# with GOLDEN_NAME set, it makes the capture folder $W, sources check.sh and
# golden.sh, stops tmux and the stack at exit, checks for tmux and the
# binaries, and starts the stack GOLDEN_STACK at the demo story's instant
# (sql/seed/demo.sql).  The TUI then runs as in a wildcard deployment:
# storefronts answer on SLUG.shops.example (storefront_url), while the stack
# keeps its loopback URL.  sql SQL runs on the stack's database.
. "$ROOT/tests/lib/storefront_stack.sh"
. "$ROOT/tests/lib/check.sh"
W=$(mktemp -d /tmp/shelf-golden.XXXXXX)
GOLDEN_OUT=$W
. "$ROOT/tests/lib/golden.sh"

golden_stack_cleanup() {
	tui_stop
	stack_stop
	rm -rf "$W"
}
trap golden_stack_cleanup EXIT
trap 'exit 1' INT TERM

command -v tmux >/dev/null || { echo "$GOLDEN_NAME: tmux is not installed" >&2; exit 1; }
[ -x "$SHELF" ] && [ -x "$ROOT/bin/shelf-fcgi" ] || { echo "$GOLDEN_NAME: build bin/shelf and bin/shelf-fcgi first" >&2; exit 1; }

export SHELF_CLOCK="2026-11-25 12:00:00" LC_ALL=C.UTF-8 SHELF_GATEWAYS=$(id -un)
stack_start "$GOLDEN_STACK" || { echo "not ok - the storefront stack did not start"; exit 1; }
export SHELF_PUBLIC_URL=https://shops.example
unset NO_COLOR
sql() { stack_sql "$1"; }
