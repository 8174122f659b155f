#!/bin/sh
# bench.sh - `make bench`: wrk against the running stack (make serve):
# /livez (no database: the FastCGI floor) and the demo storefront's home,
# catalog and product pages as a browser asks for them (Accept-Encoding:
# gzip, deflate, br), home once more without it, and nginx sending the same
# home page as a static file with its gzip copy (gzip_static), each at 32
# connections on one thread; prints req/s, p50 and p99 per page and its
# ratio to the floor, with the targets (catalog, product >= 0.5x the floor;
# home >= 0.8x the floor and >= 0.8x the static file; p99 <= 10 ms).
#
# The four runs are repeated BENCH_ROUNDS times, interleaved, and each
# figure is the median over the rounds; a ratio is taken within its own
# round (page against the floor measured a few seconds before it), so a
# machine that slows down for a while skews one round, not the table.
#
# The Marketplace API's rows: token issue (POST /api/v1/oauth/token,
# client credentials; no target: it writes a token row each time), the
# customer list and the order list (a page of 50 each, bearer token;
# >= 0.3x the floor).  They use a credential of their own, "make bench"
# (client id shelf_bench000000000, its own large token bucket), made on
# the demo storefront's reseller the first time.  BENCH_API=0 leaves
# them out.  A fourth API row, api-cvar, asks the customer list with an
# updated_since that differs from request to request (every row still
# matches), so no two requests of a poll round are the same list and
# each one runs its statement: what a list costs when clients do not
# repeat each other (no target, for the record).
#
# BENCH_MANY=N adds a row: the home pages of N live storefronts (after
# `bin/shelf seed --scale S|L`), requested in random order, which is what
# a distributor with many shops sees: no target, for the record.
#
# The signed-in rows: the demo buyer of the README (buyer@demo.example)
# signs in once, and the account overview, the orders and the
# subscriptions pages are requested with its session cookie at 8
# connections (BENCH_SIGNIN_CONNECTIONS); target >= 5,000 req/s and p99
# <= 10 ms each (issue 18).  BENCH_SIGNIN=0 leaves them out.
#
# PORT (default 8080), BENCH_DURATION (5s), BENCH_CONNECTIONS (32),
# BENCH_ROUNDS (3), BENCH_SLUG (demo),
# BENCH_PRODUCT (microsoft-365-business-standard), BENCH_MANY (0: no row).
set -eu
PORT=${PORT:-8080}
DUR=${BENCH_DURATION:-5s}
CONN=${BENCH_CONNECTIONS:-32}
ROUNDS=${BENCH_ROUNDS:-3}
MANY=${BENCH_MANY:-0}
API=${BENCH_API:-1}
SLUG=${BENCH_SLUG:-demo}
PRODUCT=${BENCH_PRODUCT:-microsoft-365-business-standard}
BASE="http://127.0.0.1:$PORT"
SIGNIN=${BENCH_SIGNIN:-1}
SIGNIN_CONN=${BENCH_SIGNIN_CONNECTIONS:-8}
BUYER=${BENCH_BUYER:-buyer@demo.example}
BUYER_PASSWORD=${BENCH_BUYER_PASSWORD:-demo-password-1}
ROOT=$(cd "$(dirname "$0")/.." && pwd)

command -v wrk >/dev/null || { echo "bench: wrk is missing (make deps)" >&2; exit 1; }
for path in /livez "/s/$SLUG/" "/s/$SLUG/catalog" "/s/$SLUG/products/$PRODUCT"; do
	code=$(curl -s -o /dev/null -w '%{http_code}' "$BASE$path" || true)
	if [ "$code" != 200 ]; then
		echo "bench: $BASE$path answers $code; is the stack up (make serve, PORT=$PORT)?" >&2
		exit 1
	fi
done

# the yardstick: home as nginx would send a static file (tools/nginx.conf.in /_bench/)
VAR=${SHELF_VAR:-$ROOT/var}
mkdir -p "$VAR/bench/_bench"
curl -s "$BASE/s/$SLUG/" >"$VAR/bench/_bench/home.html"
gzip -9 -n -c "$VAR/bench/_bench/home.html" >"$VAR/bench/_bench/home.html.gz"
AE="Accept-Encoding: gzip, deflate, br"

out=$(mktemp)
slugs=$(mktemp)
lua=$(mktemp)
tok_lua=$(mktemp)
cust_lua=$(mktemp)
ord_lua=$(mktemp)
cvar_lua=$(mktemp)
trap 'rm -f "$out" "$slugs" "$lua" "$tok_lua" "$cust_lua" "$ord_lua" "$cvar_lua"' EXIT INT TERM

if [ "$API" = 1 ]; then
	# the bench's own credential (its secret is a bench's, not a secret): made once, on the demo's reseller
	cid=shelf_bench000000000
	secret=bench-api-secret-0000000000000000000000000000000000000000000000
	hash=$(printf '%s' "$secret" | sha256sum | cut -d' ' -f1)
	echo "INSERT IGNORE INTO api_clients (reseller_id, client_id, secret_hash, name, rate_burst, rate_per_sec)
	    SELECT reseller_id, '$cid', 'sha256:$hash', 'make bench', 100000000, 100000000 FROM storefronts
	    WHERE slug = '$SLUG'" | SHELF_CONFIG=${SHELF_CONFIG:-$ROOT/var/shelf.conf} "$ROOT/bin/shelf" db -N || exit 1
	bearer=$(SHELF_API_SECRET=$secret SHELF_CONFIG=${SHELF_CONFIG:-$ROOT/var/shelf.conf} "$ROOT/bin/shelf" api token "$cid") || {
		echo "bench: no API token for $cid" >&2; exit 1; }
	basic=$(printf '%s:%s' "$cid" "$secret" | base64 -w0)
	cat >"$tok_lua" <<LUA
request = function()
	return wrk.format("POST", "/api/v1/oauth/token", { ["Authorization"] = "Basic $basic",
	    ["Content-Type"] = "application/x-www-form-urlencoded" }, "grant_type=client_credentials")
end
LUA
	for f in "$cust_lua:customers" "$ord_lua:orders"; do
		cat >"${f%%:*}" <<LUA
request = function()
	return wrk.format("GET", "/api/v1/${f#*:}?limit=50", { ["Authorization"] = "Bearer $bearer" })
end
LUA
	done
	cat >"$cvar_lua" <<LUA
math.randomseed(7)
request = function()
	return wrk.format("GET", string.format("/api/v1/customers?limit=50&updated_since=2000-01-01T%02d:%02d:%02dZ",
	    math.random(0, 23), math.random(0, 59), math.random(0, 59)), { ["Authorization"] = "Bearer $bearer" })
end
LUA
fi

if [ "$SIGNIN" = 1 ]; then
	# the demo buyer signs in once, as a browser does (the form's token, then the POST)
	jar="$VAR/bench/signin.jar"
	rm -f "$jar"
	ftok=$(curl -s -c "$jar" -b "$jar" "$BASE/s/$SLUG/login" |
	    sed -n 's/.*name="csrf_token" value="\([^"]*\)".*/\1/p' | head -n 1)
	curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "csrf_token=$ftok" \
	    --data-urlencode "email=$BUYER" --data-urlencode "password=$BUYER_PASSWORD" "$BASE/s/$SLUG/login"
	session=$(awk '$6 == "shelf" || $6 == "__Host-shelf" { print $6 "=" $7 }' "$jar")
	rm -f "$jar"
	[ -n "$session" ] || { echo "bench: $BUYER could not sign in on $SLUG" >&2; exit 1; }
	for f in account account/orders account/subscriptions; do
		cat >"$VAR/bench/signin-$(echo "$f" | tr / -).lua" <<LUA
request = function()
	return wrk.format("GET", "/s/$SLUG/$f", { ["Cookie"] = "$session" })
end
LUA
	done
fi

if [ "$MANY" -gt 0 ]; then
	echo "SELECT sf.slug FROM storefronts sf JOIN resellers r ON r.id = sf.reseller_id
	    WHERE r.edition IN ('standard', 'professional') AND r.status = 'active'
	    ORDER BY sf.reseller_id LIMIT $MANY" |
	    SHELF_CONFIG=${SHELF_CONFIG:-$ROOT/var/shelf.conf} "$ROOT/bin/shelf" db -N >"$slugs" || exit 1
	MANY=$(wc -l <"$slugs")
	cat >"$lua" <<'LUA'
local slugs = {}
for line in io.lines(os.getenv("BENCH_SLUGS")) do slugs[#slugs + 1] = line end
math.randomseed(42)
request = function()
	return wrk.format("GET", "/s/" .. slugs[math.random(#slugs)] .. "/")
end
LUA
	# the first visit of each renders its page: not what is measured
	BENCH_SLUGS="$slugs" wrk -t1 -c"$CONN" -d5s -s "$lua" "$BASE/" >/dev/null 2>&1 || true
fi

# run ROUND NAME PATH TARGET [SCRIPT] - one wrk run, with a browser's Accept-Encoding unless NAME
# ends in -raw; appends "round name path rps p50 p99 target bad" to $out
run() {
	set -- "$1" "$2" "$3" "$4" "${5:-}"
	case $2 in *-raw) ae="Accept-Encoding: identity" ;; *) ae=$AE ;; esac
	# a short warm-up fills the page caches of every worker
	if [ -n "$5" ]; then
		BENCH_SLUGS="$slugs" wrk -t1 -c"$CONN" -d1s -H "$ae" -s "$5" "$BASE/" >/dev/null 2>&1 || true
		BENCH_SLUGS="$slugs" wrk -t1 -c"$CONN" -d"$DUR" -H "$ae" --latency -s "$5" "$BASE/"
	else
		wrk -t1 -c"$CONN" -d1s -H "$ae" "$BASE$3" >/dev/null 2>&1 || true
		wrk -t1 -c"$CONN" -d"$DUR" -H "$ae" --latency "$BASE$3"
	fi | awk -v round="$1" -v name="$2" -v path="$3" -v target="$4" '
		function ms(v) {
			if (v ~ /us$/) return substr(v, 1, length(v) - 2) / 1000
			if (v ~ /ms$/) return substr(v, 1, length(v) - 2) + 0
			if (v ~ /s$/)  return substr(v, 1, length(v) - 1) * 1000
			return v + 0
		}
		$1 == "50%" { p50 = ms($2) }
		$1 == "99%" { p99 = ms($2) }
		$1 == "Requests/sec:" { rps = $2 }
		/Non-2xx or 3xx responses/ { bad = $NF }
		END { printf "%s %s %s %s %s %s %s %s\n", round, name, path, rps, p50, p99, target, bad + 0 }' >>"$out"
}

r=1
while [ "$r" -le "$ROUNDS" ]; do
	run "$r" livez /livez 0
	run "$r" static /_bench/home.html -
	run "$r" home "/s/$SLUG/" 0.8
	run "$r" home-raw "/s/$SLUG/" 0.8
	run "$r" catalog "/s/$SLUG/catalog" 0.5
	run "$r" product "/s/$SLUG/products/$PRODUCT" 0.5
	[ "$MANY" -gt 0 ] && run "$r" shops "/s/*/:home-of-$MANY-at-random" - "$lua"
	if [ "$API" = 1 ]; then
		run "$r" api-token "POST:/api/v1/oauth/token" - "$tok_lua"
		run "$r" api-cust "/api/v1/customers?limit=50" 0.3 "$cust_lua"
		run "$r" api-ord "/api/v1/orders?limit=50" 0.3 "$ord_lua"
		run "$r" api-cvar "/api/v1/customers?limit=50&updated_since=(varied)" - "$cvar_lua"
	fi
	if [ "$SIGNIN" = 1 ]; then
		conn=$CONN
		CONN=$SIGNIN_CONN
		run "$r" account "/s/$SLUG/account:signed-in,${SIGNIN_CONN}c" - "$VAR/bench/signin-account.lua"
		run "$r" orders "/s/$SLUG/account/orders:signed-in,${SIGNIN_CONN}c" - "$VAR/bench/signin-account-orders.lua"
		run "$r" subs "/s/$SLUG/account/subscriptions:signed-in,${SIGNIN_CONN}c" - \
		    "$VAR/bench/signin-account-subscriptions.lua"
		CONN=$conn
	fi
	r=$((r + 1))
done

awk -v conn="$CONN" -v dur="$DUR" -v rounds="$ROUNDS" '
	# median of the n values v[1..n] (sorted in place)
	function median(v, n,    i, j, t) {
		for (i = 2; i <= n; i++)
			for (j = i; j > 1 && v[j - 1] > v[j]; j--) {
				t = v[j]; v[j] = v[j - 1]; v[j - 1] = t
			}
		return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
	}
	{
		if (!($2 in seen)) { seen[$2] = 1; order[++pages] = $2; path[$2] = $3; target[$2] = $7 }
		k = ++n[$2]
		rps[$2, k] = $4; p50[$2, k] = $5; p99[$2, k] = $6; bad[$2] += $8
		if ($2 == "livez") floor[$1] = $4
		if ($2 == "static") stat[$1] = $4
		ratio[$2, k] = floor[$1] > 0 ? $4 / floor[$1] : 0
		if ($2 == "home") sratio[++ns] = stat[$1] > 0 ? $4 / stat[$1] : 0
	}
	END {
		printf "wrk -t1 -c%s -d%s against nginx -> shelf-fcgi; median of %d interleaved rounds\n\n", conn, dur, rounds
		printf "%-8s %-46s %10s %9s %9s %7s %7s  %s\n", "page", "path", "req/s", "p50 ms", "p99 ms", "ratio", "target", "verdict"
		for (i = 1; i <= pages; i++) {
			p = order[i]; m = n[p]
			for (k = 1; k <= m; k++) { a[k] = rps[p, k]; b[k] = p50[p, k]; c[k] = p99[p, k]; d[k] = ratio[p, k] }
			mr = median(a, m); m50 = median(b, m); m99 = median(c, m); mq = median(d, m)
			t = target[p]
			ok = (m99 <= 10) && (t == "-" || t == 0 || mq >= t + 0) && bad[p] == 0
			printf "%-8s %-46s %10.0f %9.2f %9.2f %6.2fx %7s  %s\n", p, path[p], mr, m50, m99,
			    mq, t == "-" ? "-" : t == 0 ? "floor" : ">=" t "x", ok ? "ok" : "MISSED"
			if (bad[p] > 0)
				printf "         (%d responses were not 2xx/3xx)\n", bad[p]
		}
		hs = median(sratio, ns)
		printf "%-8s %-46s %10s %9s %9s %6.2fx %7s  %s\n", "home", "against the static file (gzip_static)", "", "", "",
		    hs, ">=0.8x", hs >= 0.8 ? "ok" : "MISSED"
		printf "\ntargets: catalog and product >= 0.5x the /livez floor, home >= 0.8x the floor and the static file,"
		printf " API lists >= 0.3x, p99 <= 10 ms\n"
	}' "$out"

# the signed-in pages' own target: absolute, not a ratio (median req/s and p99 of the rounds)
[ "$SIGNIN" = 1 ] && awk '
	function median(v, n,    i, j, t) {
		for (i = 2; i <= n; i++)
			for (j = i; j > 1 && v[j - 1] > v[j]; j--) {
				t = v[j]; v[j] = v[j - 1]; v[j - 1] = t
			}
		return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
	}
	$2 == "account" || $2 == "orders" || $2 == "subs" {
		if (!($2 in n)) order[++pages] = $2
		k = ++n[$2]; rps[$2, k] = $4; p99[$2, k] = $6; bad[$2] += $8
	}
	END {
		printf "signed-in pages (target >= 5000 req/s and p99 <= 10 ms):"
		for (i = 1; i <= pages; i++) {
			p = order[i]
			for (k = 1; k <= n[p]; k++) { a[k] = rps[p, k]; c[k] = p99[p, k] }
			mr = median(a, n[p]); m99 = median(c, n[p])
			printf " %s %s", p, mr >= 5000 && m99 <= 10 && bad[p] == 0 ? "ok" : "MISSED"
		}
		printf "\n"
	}' "$out"
rm -f "$VAR"/bench/signin-*.lua
exit 0
