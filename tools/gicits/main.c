/* SPDX-License-Identifier: BSD-2-Clause */
#include "cli.h"

#include <stdio.h>
#include <string.h>

static void usage(FILE *f)
{
	fprintf(f,
		"usage: gicits COMMAND [ARGS]\n"
		"\n"
		"commands:\n"
		"  demo                 run the built-in demonstration\n"
		"  replay FILE          run a scenario (see docs/replay.md)\n"
		"  topo FILE ...        resolve and lint a DTB or IORT topology\n"
		"  bench [--quick]      run the benchmark suite (JSON lines)\n"
		"\n"
		"Run 'gicits COMMAND --help' for a command's options.\n");
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "replay"))
		return cmd_replay(argc - 1, argv + 1);
	if (!strcmp(argv[1], "topo"))
		return cmd_topo(argc - 1, argv + 1);
	if (!strcmp(argv[1], "demo"))
		return cmd_demo(argc - 1, argv + 1);
	if (!strcmp(argv[1], "bench"))
		return cmd_bench(argc - 1, argv + 1);
	fprintf(stderr, "gicits: unknown command '%s'\n", argv[1]);
	usage(stderr);
	return 2;
}
