#include <string.h>
#include "names.h"

const char *
names_get(const char *const *table, int n, int i, const char *dflt)
{
	return i >= 0 && i < n && table[i] != NULL ? table[i] : dflt;
}

int
names_find(const char *const *table, int n, const char *s)
{
	int i;

	for (i = 0; s != NULL && i < n; i++)
		if (table[i] != NULL && strcmp(s, table[i]) == 0)
			return i;
	return -1;
}
