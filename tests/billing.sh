#!/bin/sh
# billing.sh - `bin/shelf billing daily` on the demo data under Debian's
# faketime (only bin/shelf's clock moves: the default date is its
# today): bad dates and arguments exit 2; the demo's subscription
# cancelled at term end is still active the day before its end and
# cancelled (the vendor told) by that day's pass; a second run for the
# date says it already ran and changes nothing; a pass every day across
# the next month end does each renewal, term end, trial expiry and
# overdue marking on its own day; a pass across a year end
# after missed days renews each subscription due once per period, leaves
# nothing due, expires the trials that ended and marks the overdue
# invoices once.  A private stack (tests/lib/storefront_stack.sh).
#
# Run by `make test` (tools/test.sh); by hand: sh tests/billing.sh
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/tests/lib/storefront_stack.sh"

passed=0
failed=0
check() {	# check NAME COND-STATUS [DETAIL]
	if [ "$2" -eq 0 ]; then passed=$((passed + 1)); echo "ok - $1"
	else failed=$((failed + 1)); echo "not ok - $1"; [ -n "${3:-}" ] && printf '#   %s\n' "$3"; fi
}

command -v faketime >/dev/null || { echo "billing: faketime is not installed (make deps)"; echo "billing: 0 passed, 1 failed"; exit 1; }
stack_start billing || { echo "billing: 0 passed, 1 failed"; exit 1; }
trap stack_stop EXIT INT TERM
shelf="$ROOT/bin/shelf"
# at TIME CMD... - CMD with its clock at TIME (faketime), also when this
# whole suite already runs under faketime (faketime '2027-02-28 23:50' make
# test): the outer libfaketime is left out, so only CMD's clock moves
at() {
	_t=$1; shift
	env -u LD_PRELOAD -u FAKETIME -u FAKETIME_SHARED faketime "$_t" "$@"
}

"$shelf" billing daily --date 2026-02-30 >/dev/null 2>&1; rc=$?
check "a date that does not exist: exit 2" $([ $rc -eq 2 ]; echo $?) "rc=$rc"
"$shelf" billing weekly >/dev/null 2>&1; rc=$?
check "an unknown billing command: exit 2" $([ $rc -eq 2 ]; echo $?) "rc=$rc"

# the demo's subscription cancelled at term end, and the day it ends
sub=$(stack_sql "SELECT id FROM subscriptions WHERE status = 'active' AND cancel_at_term_end = 1 ORDER BY id LIMIT 1")
end=$(stack_sql "SELECT renewal_date FROM subscriptions WHERE id = $sub")
before=$(stack_sql "SELECT DATE_FORMAT('$end' - INTERVAL 1 DAY, '%Y-%m-%d')")
out=$(at "$before 10:00:00" "$shelf" billing daily 2>&1); rc=$?
check "the day before its end: exit 0, today's date by the faked clock" \
	$([ $rc -eq 0 ] && case $out in "$before: "*) true ;; *) false ;; esac; echo $?) "$out"
check "the day before its end: still active" \
	$([ "$(stack_sql "SELECT status FROM subscriptions WHERE id = $sub")" = active ]; echo $?)
out=$(at "$end 00:20:00" "$shelf" billing daily 2>&1); rc=$?
check "its last day's pass: cancelled at term end, said so" \
	$([ $rc -eq 0 ] && [ "$(stack_sql "SELECT status FROM subscriptions WHERE id = $sub")" = cancelled ] &&
	  case $out in *" cancelled at term end"*) true ;; *) false ;; esac; echo $?) "$out"
# a keys product has no vendor to tell (core/fulfil.h): no task then
want=$(stack_sql "SELECT p.connector <> 'keys' FROM subscriptions s JOIN products p ON p.id = s.product_id WHERE s.id = $sub")
got=$(stack_sql "SELECT COUNT(*) FROM fulfilments WHERE subscription_id = $sub AND action = 'cancel'
  AND created_at >= NOW() - INTERVAL 10 MINUTE")
check "its last day's pass: the vendor is told (a cancel task unless a keys product)" $([ "$got" -eq "$want" ]; echo $?) \
	"$(stack_sql "SELECT CONCAT_WS(',', id, action, connector, status, created_at) FROM fulfilments WHERE subscription_id = $sub"), want $want"

snap="SELECT CONCAT_WS('|', (SELECT GROUP_CONCAT(CONCAT_WS(',', id, status, quantity, renewal_date) ORDER BY id)
  FROM subscriptions), (SELECT GROUP_CONCAT(COALESCE(overdue_since, '-') ORDER BY id) FROM invoices),
  (SELECT COUNT(*) FROM fulfilments), (SELECT COUNT(*) FROM outbox), (SELECT COUNT(*) FROM audit_log))"
s1=$(stack_sql "$snap")
out=$(at "$end 18:00:00" "$shelf" billing daily 2>&1); rc=$?
s2=$(stack_sql "$snap")
check "the same date again: exit 0, says it already ran, nothing changed" \
	$([ $rc -eq 0 ] && [ "$s1" = "$s2" ] && case $out in *"(already run"*) true ;; *) false ;; esac; echo $?) "$out"
out=$("$shelf" billing daily --date "$end" 2>&1); rc=$?
check "--date of a date that ran: the same" \
	$([ $rc -eq 0 ] && [ "$s1" = "$(stack_sql "$snap")" ] && case $out in "$end: "*"(already run"*) true ;; *) false ;; esac; echo $?) "$out"

# a month end, a pass every day: from the day after that end to the 2nd of
# the next month; every renewal, term end and trial expiry happens on its
# own day (the pass's date is the renewal date it moved on from), every
# invoice that falls due in these days turns overdue on the day after
first=$(stack_sql "SELECT DATE_FORMAT('$end' + INTERVAL 1 DAY, '%Y-%m-%d')")
last=$(stack_sql "SELECT DATE_FORMAT(LAST_DAY('$end') + INTERVAL 2 DAY, '%Y-%m-%d')")
audits=$(stack_sql "SELECT COALESCE(MAX(id), 0) FROM audit_log")
day=$first
days=0
bad=""
while [ "$(stack_sql "SELECT '$day' <= '$last'")" = 1 ]; do
	at "$day 00:20:00" "$shelf" billing daily >/dev/null 2>&1 || bad="$bad $day"
	days=$((days + 1))
	day=$(stack_sql "SELECT DATE_FORMAT('$day' + INTERVAL 1 DAY, '%Y-%m-%d')")
done
check "a pass each day from $first to $last (across the month end): exit 0" $([ -z "$bad" ]; echo $?) "failed:$bad"
moved=$(stack_sql "SELECT COUNT(*) FROM audit_log WHERE id > $audits
  AND action IN ('subscription.renew', 'subscription.end_term', 'subscription.expire')")
late=$(stack_sql "SELECT COUNT(*) FROM audit_log WHERE id > $audits
  AND action IN ('subscription.renew', 'subscription.end_term', 'subscription.expire')
  AND JSON_VALUE(after_json, '$.date') <> JSON_VALUE(before_json, '$.renewal_date')")
check "across the month end: each of $moved renewals, term ends and expiries on its own day" \
	$([ "$moved" -gt 0 ] && [ "$late" -eq 0 ]; echo $?) "$late not on their day"
check "across the month end: nothing active left due" \
	$([ "$(stack_sql "SELECT COUNT(*) FROM subscriptions WHERE status = 'active' AND renewal_date < '$last'")" -eq 0 ]; echo $?)
due=$(stack_sql "SELECT COUNT(*) FROM invoices WHERE status = 'open' AND kind = 'invoice'
  AND due_on >= '$first' - INTERVAL 1 DAY AND due_on < '$last'")
check "across the month end: each of $due invoices due in these days overdue from the day after, once" \
	$([ "$due" -gt 0 ] && [ "$(stack_sql "SELECT COUNT(*) FROM invoices WHERE status = 'open' AND kind = 'invoice'
	  AND due_on >= '$first' - INTERVAL 1 DAY AND due_on < '$last' AND NOT (overdue_since <=> due_on + INTERVAL 1 DAY)")" -eq 0 ] &&
	  [ "$(stack_sql "SELECT COUNT(*) FROM (SELECT entity_id FROM audit_log WHERE id > $audits AND action = 'invoice.overdue'
	    GROUP BY entity_id HAVING COUNT(*) > 1) x")" -eq 0 ]; echo $?)

# the year end after days without a pass: 31 Dec, then 1 Jan
year=$(stack_sql "SELECT YEAR('$last')")
next=$((year + 1))
out=$(at "$year-12-31 23:30:00" "$shelf" billing daily 2>&1); rc=$?
check "31 Dec after missed days: exit 0" $([ $rc -eq 0 ]; echo $?) "$out"
out=$(at "$next-01-01 00:20:00" "$shelf" billing daily 2>&1); rc=$?
check "1 Jan: exit 0, its date" $([ $rc -eq 0 ] && case $out in "$next-01-01: "*) true ;; *) false ;; esac; echo $?) "$out"
check "nothing active is due any more, no trial has ended" \
	$([ "$(stack_sql "SELECT COUNT(*) FROM subscriptions WHERE (status = 'active' AND renewal_date <= '$next-01-01')
	  OR (status = 'trial' AND trial_ends_on <= '$next-01-01')")" -eq 0 ]; echo $?)
check "each renewal once per period (no subscription renewed twice from one date)" \
	$([ "$(stack_sql "SELECT COUNT(*) FROM (SELECT entity_id, JSON_VALUE(before_json, '$.renewal_date') d, COUNT(*) c
	  FROM audit_log WHERE action = 'subscription.renew' GROUP BY 1, 2 HAVING c > 1) x")" -eq 0 ]; echo $?)
check "every open invoice past due is overdue, each audited once" \
	$([ "$(stack_sql "SELECT COUNT(*) FROM invoices WHERE status = 'open' AND due_on < '$next-01-01' AND overdue_since IS NULL")" -eq 0 ] &&
	  [ "$(stack_sql "SELECT COUNT(*) FROM invoices WHERE overdue_since IS NOT NULL")" -eq \
	    "$(stack_sql "SELECT COUNT(DISTINCT entity_id) FROM audit_log WHERE action = 'invoice.overdue'")" ] &&
	  [ "$(stack_sql "SELECT COUNT(*) FROM audit_log WHERE action = 'invoice.overdue'")" -eq \
	    "$(stack_sql "SELECT COUNT(DISTINCT entity_id) FROM audit_log WHERE action = 'invoice.overdue'")" ]; echo $?)
told=$(stack_sql "SELECT COUNT(*) FROM audit_log a JOIN subscriptions s ON s.id = a.entity_id
  JOIN products p ON p.id = s.product_id WHERE a.action IN ('subscription.expire', 'subscription.end_term')
  AND p.connector <> 'keys'")
untold=$(stack_sql "SELECT COUNT(*) FROM audit_log a JOIN subscriptions s ON s.id = a.entity_id
  JOIN products p ON p.id = s.product_id WHERE a.action IN ('subscription.expire', 'subscription.end_term')
  AND p.connector <> 'keys' AND NOT EXISTS (SELECT 1 FROM fulfilments f WHERE f.subscription_id = s.id
  AND f.action = 'cancel' AND f.created_at >= a.at - INTERVAL 1 MINUTE)")
# the demo's vendor products are keys products (no vendor to tell): told may be 0; tests/test_billing_daily.c has others
check "every trial expired or term ended, not of a keys product, has its cancel task" $([ "$untold" -eq 0 ]; echo $?) \
	"$told ended, $untold without a task"
check "a run recorded for each date, all finished" \
	$([ "$(stack_sql "SELECT COUNT(*) FROM billing_runs WHERE finished_at IS NOT NULL")" -eq $((4 + days)) ]; echo $?)

echo "billing: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
