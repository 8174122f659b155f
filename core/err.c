#include <stdarg.h>
#include <stdio.h>
#include "err.h"

static const char *const messages[CORE__MAX] = {
#define X(code, msg) [code] = msg,
	CORE_ERRORS(X)
#undef X
};

static const char *const names[CORE__MAX] = {
#define X(code, msg) [code] = #code,
	CORE_ERRORS(X)
#undef X
};

const char *
core_strerror(enum core_err er)
{
	return (er >= 0 && er < CORE__MAX) ? messages[er] : "unknown error";
}

const char *
core_errname(enum core_err er)
{
	return (er >= 0 && er < CORE__MAX) ? names[er] : "CORE_UNKNOWN";
}

void
core_say(char *why, const char *fmt, ...)
{
	va_list ap;

	if (why == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(why, CORE_WHY, fmt, ap);
	va_end(ap);
}
