#!/bin/sh
# run.sh - run the libFuzzer targets built by `make fuzz-build` (make fuzz).
#
#   FUZZ_SECONDS=N      how long each target runs (default 60)
#   FUZZ_TARGETS="a b"  which targets (default: every build/fuzz/fuzz_*)
#   FUZZ_MERGE=1        instead of fuzzing: minimise tests/fuzz/corpus/NAME
#                       together with what earlier runs found
#                       (build/fuzz/work/NAME) back into tests/fuzz/corpus/NAME;
#                       its regress-* files (inputs of bugs found) are kept
#
# Each target runs on a fresh copy of its corpus, build/fuzz/work/NAME
# (new inputs land there; tests/fuzz/corpus is only changed by the merge),
# with tests/fuzz/NAME.dict when there is one.  Per target one line:
# executions, executions per second, coverage (cov: edges, ft: features)
# and corpus size from libFuzzer's final figures; the full log is
# build/fuzz/NAME.log.  A crash, leak, timeout or sanitizer report fails
# the run and names the input that caused it (build/fuzz/crash/NAME-*);
# replay it with `build/tests/test_fuzz_replay NAME FILE` or under the
# fuzzer binary itself.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
SECONDS_EACH=${FUZZ_SECONDS:-60}
TARGETS=${FUZZ_TARGETS:-$(ls build/fuzz/fuzz_* 2>/dev/null | sed 's|.*/fuzz_||')}
B=build/fuzz
mkdir -p "$B/work" "$B/crash"
failed=""
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

for t in $TARGETS; do
	bin=$B/fuzz_$t
	seeds=tests/fuzz/corpus/$t
	if [ ! -x "$bin" ]; then
		echo "fuzz: no target $t ($bin)" >&2
		failed="$failed $t"
		continue
	fi
	dict=
	[ -f "tests/fuzz/$t.dict" ] && dict="-dict=tests/fuzz/$t.dict"
	if [ "${FUZZ_MERGE:-0}" = 1 ]; then
		new=$B/merge_$t
		rm -rf "$new" && mkdir -p "$new" "$seeds"
		if "$bin" -merge=1 $dict "$new" "$seeds" "$B/work/$t" >"$B/$t.merge.log" 2>&1; then
			# regress-* files (the inputs of bugs found) stay as they are, named
			for f in "$seeds"/regress-*; do
				[ -f "$f" ] && rm -f "$new/$(sha1sum <"$f" | cut -c1-40)"
			done
			find "$seeds" -maxdepth 1 -type f ! -name 'regress-*' -delete
			cp "$new"/* "$seeds"/ 2>/dev/null
			echo "$t: corpus $(ls "$seeds" | wc -l) files, $(cat "$seeds"/* | wc -c) bytes"
		else
			echo "$t: merge failed, see $B/$t.merge.log" >&2
			failed="$failed $t"
		fi
		rm -rf "$new"
		continue
	fi
	rm -rf "$B/work/$t"
	mkdir -p "$B/work/$t"
	[ -d "$seeds" ] && cp "$seeds"/* "$B/work/$t"/ 2>/dev/null
	log=$B/$t.log
	"$bin" $dict -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
	    -print_final_stats=1 -artifact_prefix="$B/crash/$t-" "$B/work/$t" >"$log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
	last=$(grep -E '^#[0-9]+' "$log" | tail -n 1)
	cov=$(echo "$last" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
	ft=$(echo "$last" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
	corp=$(echo "$last" | sed -n 's/.* corp: \([0-9]*\/[0-9a-zA-Z]*\).*/\1/p')
	if [ $rc -eq 0 ]; then
		echo "$t: ${SECONDS_EACH}s, ${execs:-?} executions, ${rate:-?} exec/s, cov: ${cov:-?}, ft: ${ft:-?}, corpus: ${corp:-?}, no crash"
	else
		crash=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -n 1)
		echo "$t: FAILED after ${execs:-?} executions (exit $rc): $(grep -m1 -E 'ERROR|contract broken|runtime error' "$log")"
		echo "$t: input ${crash:-(none written)}; log $log"
		failed="$failed $t"
	fi
done
if [ -n "$failed" ]; then
	echo "fuzz: failed:$failed"
	exit 1
fi
[ "${FUZZ_MERGE:-0}" = 1 ] || echo "fuzz: $(echo $TARGETS | wc -w) targets, no crash"
