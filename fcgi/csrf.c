#include <string.h>
#include <sys/random.h>
#include "csrf.h"

int
csrf_new(char out[CSRF_TOKEN_LEN + 1])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char raw[CSRF_TOKEN_LEN / 2];
	size_t got = 0, i;
	ssize_t n;

	while (got < sizeof(raw)) {
		if ((n = getrandom(raw + got, sizeof(raw) - got, 0)) <= 0)
			return -1;
		got += (size_t)n;
	}
	for (i = 0; i < sizeof(raw); i++) {
		out[2 * i] = hex[raw[i] >> 4];
		out[2 * i + 1] = hex[raw[i] & 15];
	}
	out[CSRF_TOKEN_LEN] = '\0';
	return 0;
}

int
csrf_valid(const char *s)
{
	size_t i;

	if (s == NULL)
		return 0;
	for (i = 0; i < CSRF_TOKEN_LEN; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return s[CSRF_TOKEN_LEN] == '\0';
}

int
csrf_equal(const char *a, const char *b)
{
	unsigned char diff = 0;
	size_t i;

	if (!csrf_valid(a) || !csrf_valid(b))
		return 0;
	for (i = 0; i < CSRF_TOKEN_LEN; i++)
		diff |= (unsigned char)(a[i] ^ b[i]);
	return diff == 0;
}

const char *
csrf_cookie_name(int https)
{
	return https ? "__Host-shelf_csrf" : "shelf_csrf";
}
