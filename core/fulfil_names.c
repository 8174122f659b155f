/*
 * fulfil_names.c - TEMPORARY, branch outboxtui only: the names and
 * labels of fulfil.h's enums, so that this branch builds and tests
 * without core/fulfil.c (written on another branch).  At the merge,
 * DROP THIS FILE when core/fulfil.c defines these five functions
 * (else the link fails with duplicate symbols).
 */
#include "fulfil.h"

static const char *const action_names[FULFIL_ACTION__MAX] = { FULFIL_ACTIONS(NAMES_NAME) };
static const char *const action_labels[FULFIL_ACTION__MAX] = { FULFIL_ACTIONS(NAMES_LABEL) };
static const char *const status_names[FULFIL_STATUS__MAX] = { FULFIL_STATUSES(NAMES_NAME) };
static const char *const status_labels[FULFIL_STATUS__MAX] = { FULFIL_STATUSES(NAMES_LABEL) };

NAMES_FN_NAME(fulfil_action_name, enum fulfil_action, action_names, FULFIL_ACTION__MAX, "unknown")
NAMES_FN_NAME(fulfil_action_label, enum fulfil_action, action_labels, FULFIL_ACTION__MAX, "Unknown")
NAMES_FN_NAME(fulfil_status_name, enum fulfil_status, status_names, FULFIL_STATUS__MAX, "unknown")
NAMES_FN_NAME(fulfil_status_label, enum fulfil_status, status_labels, FULFIL_STATUS__MAX, "Unknown")
NAMES_FN_PARSE(fulfil_status_parse, status_names, FULFIL_STATUS__MAX)
