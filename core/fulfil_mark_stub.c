/*
 * fulfil_mark_stub.c - TEMPORARY, branch outboxtui only: fulfil_mark
 * (fulfil.h) is implemented in core/fulfil.c on another branch.  This
 * stand-in lets the TUI and CLI link; it refuses every call with
 * CORE_CONFLICT and why FULFIL_MARK_STUB_WHY, the sentinel the tests
 * of tests/test_outbox_list.c skip on.  At the merge, DROP THIS FILE
 * (and those tests' guard, see there).
 */
#include "err.h"
#include "fulfil.h"

#define FULFIL_MARK_STUB_WHY "Marking fulfilment tasks is not available yet."

enum core_err
fulfil_mark(struct db *db, const struct actor *a, int64_t id, int failed, const char *ref_or_reason,
    char *why)
{
	(void)db, (void)a, (void)id, (void)failed, (void)ref_or_reason;
	core_say(why, "%s", FULFIL_MARK_STUB_WHY);
	return CORE_CONFLICT;
}
