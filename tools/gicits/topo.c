/* SPDX-License-Identifier: BSD-2-Clause */
#include "cli.h"

#include <stdio.h>

int cmd_topo(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "gicits topo: not implemented yet\n");
	return 2;
}
