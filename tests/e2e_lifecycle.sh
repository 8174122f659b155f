#!/bin/sh
# e2e_lifecycle.sh - bin/shelf-fcgi's processes through the real nginx:
# a worker that dies is replaced; SIGHUP re-reads the configuration file
# and the templates (a bad file is reported and the old one kept); a
# reload under load loses no request (wrk: no socket errors, no non-2xx);
# SIGTERM stops the master and its workers and removes the socket.
#
# Run by `make test` (tools/test.sh); by hand: sh tests/e2e_lifecycle.sh
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/tests/lib/storefront_stack.sh"
. "$ROOT/tests/lib/check.sh"

W=$(mktemp -d /tmp/shelf-life.XXXXXX)
trap 'stack_stop; rm -rf "$W"' EXIT
trap 'exit 1' INT TERM

STACK_WORKERS=2 stack_start e2e_lifecycle || { echo "not ok - the stack did not start"; exit 1; }
S=$STACK_URL/s/demo
LOG=$STACK_DIR/log/shelf-fcgi.log
PIDFILE=$STACK_DIR/run/shelf-fcgi.pid

# The stack's shelf-fcgi takes everything from the environment; this one
# reads a file (what SIGHUP re-reads), with a copy of the themes to edit.
stack_stop_pid "$PIDFILE"
cp -r "$ROOT/themes" "$W/themes"
CONF=$W/shelf.conf
write_conf() {
	cat >"$CONF" <<EOF
themes_dir = $W/themes
public_url = $1
EOF
}
write_conf "$STACK_URL"
unset SHELF_THEMES_DIR SHELF_PUBLIC_URL
export SHELF_CONFIG="$CONF"
"$ROOT/bin/shelf-fcgi" >>"$LOG" 2>&1 &
MASTER=$!
echo "$MASTER" >"$PIDFILE"

workers() { pgrep -P "$MASTER" | sort | tr '\n' ' '; }
code() { curl -s -o /dev/null -w '%{http_code}' "$1"; }
page() { curl -s "$S/"; }
# wait_for DESC COMMAND... - up to 5 s for the command to succeed
wait_for() {
	d=$1; shift
	i=0
	while ! "$@"; do
		i=$((i + 1))
		if [ $i -gt 50 ]; then nok "$d"; return 1; fi
		sleep 0.1
	done
	ok "$d"
}
two_workers() { [ "$(pgrep -P "$MASTER" | wc -l)" -eq 2 ]; }
home_ok() { [ "$(code "$S/")" = 200 ]; }

wait_for "shelf-fcgi with a configuration file starts two workers" two_workers
wait_for "the storefront answers through nginx" home_ok

# 1. a worker that dies is replaced
before=$(workers)
victim=${before%% *}
kill -9 "$victim"
replaced() { two_workers && ! workers | grep -qw "$victim"; }
wait_for "a worker killed with SIGKILL is replaced (was: $before)" replaced
check "the master logged the replacement" grep -q "worker $victim died" "$LOG"
check "the storefront still answers after the replacement" home_ok

# 2. SIGHUP re-reads the templates...
marker="lifecycle-reload-$$"
check "the marker is not on the home page before the reload" sh -c "! curl -s '$S/' | grep -qF '$marker'"
printf '<!-- %s -->\n' "$marker" >>"$W/themes/classic/templates/home.mustache"
check "an edited template is not seen before SIGHUP (templates are compiled once per process)" \
	sh -c "! curl -s '$S/' | grep -qF '$marker'"
old=$(workers)
kill -HUP "$MASTER"
marker_shown() { page | grep -qF "$marker"; }
wait_for "after SIGHUP the home page is rendered with the edited template" marker_shown
renewed() {
	two_workers || return 1
	for p in $old; do workers | grep -qw "$p" && return 1; done
	return 0
}
wait_for "after SIGHUP every worker is a new process (were: $old)" renewed

# ... and the configuration file
write_conf "http://shop-reload.example"
kill -HUP "$MASTER"
canonical_moved() { page | grep -qF '<link rel="canonical" href="http://shop-reload.example/s/demo/">'; }
wait_for "after SIGHUP links use the public_url of the edited file" canonical_moved

# a bad file: reported, the old configuration kept
printf 'public_url = http://bad.example\nno_such_key = 1\n' >"$CONF"
kill -HUP "$MASTER"
bad_reported() { grep -q "SIGHUP: configuration:.*no_such_key.*kept the old one" "$LOG"; }
wait_for "SIGHUP with a bad file says what is wrong and keeps the old configuration" bad_reported
sleep 0.5
check "with the bad file the storefront still answers" home_ok
check "with the bad file links still use the last good public_url" canonical_moved
check "nothing of the bad file was taken" sh -c "! curl -s '$S/' | grep -qF 'bad.example'"

# 3. a reload under load loses no request
write_conf "$STACK_URL"
kill -HUP "$MASTER"
sleep 0.5
if command -v wrk >/dev/null; then
	wrk -t1 -c16 -d4s "$S/" >"$W/wrk.txt" 2>&1 &
	WRK=$!
	for i in 1 2 3; do sleep 0.8; kill -HUP "$MASTER"; done
	wait "$WRK"
	reqs=$(awk '/requests in/ { print $1 }' "$W/wrk.txt")
	check "wrk ran during three reloads ($reqs requests)" [ "${reqs:-0}" -gt 1000 ]
	check "no request failed during the reloads (no socket errors)" sh -c "! grep -q 'Socket errors' '$W/wrk.txt'"
	check "no request failed during the reloads (no non-2xx answers)" sh -c "! grep -q 'Non-2xx' '$W/wrk.txt'"
	grep -E "Socket errors|Non-2xx" "$W/wrk.txt" | sed 's/^/# /'
else
	nok "wrk is missing (make deps)"
fi
wait_for "after the reloads there are two workers again" two_workers

# 4. under load across every live storefront (batches of requests share
# one version read), a change still shows on the very next request
if command -v wrk >/dev/null; then
	stack_sql "SELECT s.slug FROM storefronts s JOIN resellers r ON r.id = s.reseller_id
		WHERE r.edition <> 'basic' AND r.status = 'active'" >"$W/slugs"
	cat >"$W/multi.lua" <<'EOF'
local slugs = {}
for line in io.lines(os.getenv("SLUGS")) do slugs[#slugs + 1] = line end
local n = 0
request = function()
	n = n + 1
	return wrk.format("GET", "/s/" .. slugs[n % #slugs + 1] .. "/")
end
EOF
	SLUGS="$W/slugs" wrk -t1 -c16 -d6s -s "$W/multi.lua" "$STACK_URL" >"$W/wrk-multi.txt" 2>&1 &
	WRK=$!
	sleep 1
	fresh=0
	for i in 1 2 3 4 5 6 7 8 9 10; do
		stack_sql "UPDATE storefronts SET company_name = 'Fresh Shop $i', version = version + 1 WHERE slug = 'demo'"
		curl -s "$S/" | grep -qF "Fresh Shop $i" && fresh=$((fresh + 1))
		sleep 0.2
	done
	wait "$WRK"
	check "under load on $(wc -l <"$W/slugs") storefronts, 10 of 10 changes showed on the next request ($fresh)" [ "$fresh" -eq 10 ]
	check "the load across storefronts had no failures" sh -c "! grep -qE 'Socket errors|Non-2xx' '$W/wrk-multi.txt'"
	stack_sql "UPDATE storefronts SET company_name = 'Demo Cloud Shop', version = version + 1 WHERE slug = 'demo'"
fi

# 5. SIGTERM: master and workers exit, the socket is removed
last=$(workers)
kill -TERM "$MASTER"
master_gone() { ! kill -0 "$MASTER" 2>/dev/null; }
wait_for "SIGTERM stops the master" master_gone
workers_gone() { for p in $last; do kill -0 "$p" 2>/dev/null && return 1; done; return 0; }
check "SIGTERM stops every worker" workers_gone
check "SIGTERM removes the socket" [ ! -e "$SHELF_FCGI_SOCKET" ]
wait "$MASTER"
check "the master exits with status 0" [ $? -eq 0 ]
down=$(curl -s -m 5 -w ' %{http_code}' "$S/")
check "without shelf-fcgi nginx answers its themed 503 at once, not a hang" \
	sh -c '[ "${1##* }" = 503 ] && printf %s "$1" | grep -q "Temporarily unavailable"' sh "$down"

summary e2e_lifecycle
