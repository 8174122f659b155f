#include <stdlib.h>
#include <string.h>
#include "str.h"

void
str_copy(char *dst, size_t n, const char *src)
{
	size_t len;

	if (n == 0)
		return;
	if (src == NULL)
		src = "";
	len = strlen(src);
	if (len >= n) {
		len = n - 1;
		while (len > 0 && ((unsigned char)src[len] & 0xC0) == 0x80)
			len--;
	}
	memcpy(dst, src, len);
	dst[len] = '\0';
}

char *
str_like_contains(const char *text, enum core_err *er)
{
	return str_like_pattern(text, 1, er);
}

char *
str_like_pattern(const char *text, int anywhere, enum core_err *er)
{
	char *out, *o;

	*er = CORE_OK;
	if (text == NULL || *text == '\0')
		return NULL;
	if ((out = malloc(strlen(text) * 2 + 3)) == NULL) {
		*er = CORE_ENOMEM;
		return NULL;
	}
	o = out;
	if (anywhere)
		*o++ = '%';
	for (; *text; text++) {
		if (*text == '%' || *text == '_' || *text == '!')
			*o++ = '!';
		*o++ = *text;
	}
	*o++ = '%';
	*o = '\0';
	return out;
}

enum core_err
str_like_search(const char *text, char **prefix, char **contains)
{
	enum core_err er;

	*prefix = str_like_pattern(text, 0, &er);
	*contains = er == CORE_OK ? str_like_pattern(text, 1, &er) : NULL;
	if (er != CORE_OK) {
		free(*prefix);
		*prefix = NULL;
	}
	return er;
}
