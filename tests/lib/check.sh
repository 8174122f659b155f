# check.sh - sourced (never run) by the shell suites: the checks they count,
# printed one a line as "ok - DESC" or "not ok - DESC", and the summary
# line tools/test.sh shows.  Not in tests/*.sh on purpose: tools/test.sh
# runs those.
#
#   ok DESC                 a check that passed
#   nok DESC                a check that failed
#   check DESC COMMAND...   the command's success is the check
#   check_eq DESC WANT GOT  equal strings; a failure says both
#   summary NAME            prints "NAME: N passed, M failed"; false when any failed

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok - $1"; }
nok() { failed=$((failed + 1)); echo "not ok - $1"; }
check() { _d=$1; shift; if "$@"; then ok "$_d"; else nok "$_d"; fi; }
check_eq() { if [ "$2" = "$3" ]; then ok "$1"; else nok "$1: expected '$2', got '$3'"; fi; }
summary() { echo "$1: $passed passed, $failed failed"; [ "$failed" -eq 0 ]; }
