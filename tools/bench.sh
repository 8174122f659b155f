#!/bin/sh
# bench.sh - `make bench`: wrk against the running stack (make serve):
# /livez (no database: the FastCGI floor) and the demo storefront's home,
# catalog and product pages, each at 32 connections on one thread; prints
# req/s, p50 and p99 per page and its ratio to the floor of the same run,
# with the targets (catalog, product >= 0.5x; home >= 0.8x; p99 <= 10 ms).
#
# PORT (default 8080), BENCH_DURATION (5s), BENCH_CONNECTIONS (32),
# BENCH_SLUG (demo), BENCH_PRODUCT (microsoft-365-business-standard).
set -eu
PORT=${PORT:-8080}
DUR=${BENCH_DURATION:-5s}
CONN=${BENCH_CONNECTIONS:-32}
SLUG=${BENCH_SLUG:-demo}
PRODUCT=${BENCH_PRODUCT:-microsoft-365-business-standard}
BASE="http://127.0.0.1:$PORT"

command -v wrk >/dev/null || { echo "bench: wrk is missing (make deps)" >&2; exit 1; }
for path in /livez "/s/$SLUG/" "/s/$SLUG/catalog" "/s/$SLUG/products/$PRODUCT"; do
	code=$(curl -s -o /dev/null -w '%{http_code}' "$BASE$path" || true)
	if [ "$code" != 200 ]; then
		echo "bench: $BASE$path answers $code; is the stack up (make serve, PORT=$PORT)?" >&2
		exit 1
	fi
done

out=$(mktemp)
trap 'rm -f "$out"' EXIT INT TERM

# run NAME PATH TARGET - one wrk run; appends "name path rps p50 p99 target" to $out
run() {
	# a short warm-up fills the page caches of every worker
	wrk -t1 -c"$CONN" -d1s "$BASE$2" >/dev/null 2>&1 || true
	wrk -t1 -c"$CONN" -d"$DUR" --latency "$BASE$2" | awk -v name="$1" -v path="$2" -v target="$3" '
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
		END { printf "%s %s %s %s %s %s %s\n", name, path, rps, p50, p99, target, bad + 0 }' >>"$out"
}

run livez /livez 0
run home "/s/$SLUG/" 0.8
run catalog "/s/$SLUG/catalog" 0.5
run product "/s/$SLUG/products/$PRODUCT" 0.5

awk -v conn="$CONN" -v dur="$DUR" '
	NR == 1 { floor = $3 }
	{ name[NR] = $1; path[NR] = $2; rps[NR] = $3; p50[NR] = $4; p99[NR] = $5; target[NR] = $6; bad[NR] = $7 }
	END {
		printf "wrk -t1 -c%s -d%s against nginx -> shelf-fcgi\n\n", conn, dur
		printf "%-8s %-46s %10s %9s %9s %7s %7s  %s\n", "page", "path", "req/s", "p50 ms", "p99 ms", "ratio", "target", "verdict"
		for (i = 1; i <= NR; i++) {
			ratio = floor > 0 ? rps[i] / floor : 0
			ok = (p99[i] <= 10) && (target[i] == 0 || ratio >= target[i]) && bad[i] == 0
			printf "%-8s %-46s %10.0f %9.2f %9.2f %6.2fx %7s  %s\n", name[i], path[i], rps[i], p50[i], p99[i],
			    ratio, target[i] == 0 ? "floor" : ">=" target[i] "x", ok ? "ok" : "MISSED"
			if (bad[i] > 0)
				printf "         (%d responses were not 2xx/3xx)\n", bad[i]
		}
		printf "\ntargets: catalog and product >= 0.5x the /livez floor, home >= 0.8x, p99 <= 10 ms\n"
	}' "$out"
