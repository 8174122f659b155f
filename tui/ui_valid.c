/*
 * ui_valid.c - form validators several screens share (ui_validate_fn);
 * the rules are core's (contact_*), only the messages are the form's.
 */
#include <stdio.h>
#include "str.h"
#include "ui.h"

int
ui_invalid_if(int bad, char *msg, size_t sz, const char *why)
{
	if (!bad)
		return 0;
	snprintf(msg, sz, "%s", why);
	return -1;
}

int
ui_valid_name(const struct ui_form *f, const char *v, char *msg, size_t sz)
{
	return ui_invalid_if(!str_text_valid(v, 1, 200, 0), msg, sz, "1 to 200 characters.");
}

int
ui_valid_email(const struct ui_form *f, const char *v, char *msg, size_t sz)
{
	return ui_invalid_if(!str_email_valid(v), msg, sz, "An e-mail address like name@example.com.");
}
