/* SPDX-License-Identifier: BSD-2-Clause */
#include "cli.h"

#include <stdio.h>

int cmd_replay(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "gicits replay: not implemented yet\n");
	return 2;
}

int cmd_demo(int argc, char **argv)
{
	return cmd_replay(argc, argv);
}
