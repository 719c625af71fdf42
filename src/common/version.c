/* SPDX-License-Identifier: BSD-2-Clause */
#include "gicits/version.h"

const char *gicits_version(void)
{
	return GICITS_VERSION_STRING;
}

unsigned gicits_version_number(void)
{
	return GICITS_VERSION_NUMBER;
}
