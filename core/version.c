/* version.c - the version the Makefile wrote into build/version.h. */
#include "version.h"
#include "version_gen.h"

const char *
version_string(void)
{
	return SHELF_VERSION;
}
