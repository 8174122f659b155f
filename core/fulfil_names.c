/*
 * fulfil_names.c - the names and labels of fulfilment actions and
 * statuses (core/fulfil.h), from the X-macro tables.
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
