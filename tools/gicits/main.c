/* SPDX-License-Identifier: BSD-2-Clause */
/* gicits COMMAND [ARGS]: dispatch to a sub-command (see cli.h, gicits(1)). */
#include "cli.h"

#include <stdio.h>
#include <string.h>

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
} commands[] = {
	{ "demo", cmd_demo },
	{ "replay", cmd_replay },
	{ "topo", cmd_topo },
	{ "route", cmd_route },
	{ "bench", cmd_bench },
};

static void usage(FILE *f)
{
	fprintf(f,
		"usage: gicits COMMAND [OPTIONS] [ARGS]\n"
		"       gicits --help | --version\n"
		"\n"
		"commands:\n"
		"  demo                 run the built-in demonstration\n"
		"  replay FILE          run a scenario (docs/scenario-language.md)\n"
		"  topo FILE            resolve and lint a DTB or IORT topology\n"
		"  route FILE           build the system a DTB or IORT describes and\n"
		"                       show where each requester's MSI arrives\n"
		"  bench                run the benchmark suite (JSON lines)\n"
		"\n"
		"Run 'gicits COMMAND --help' for a command's options.\n"
		"Exit status: 0 ok, 1 findings or a failed check, 2 usage or bad input.\n");
}

int main(int argc, char **argv)
{
	static const struct cli_opt opts[] = { { NULL, 0, 0 } };
	struct cli c;
	size_t k;
	int r;

	cli_init(&c, "gicits", opts, usage, argc, argv);
	r = cli_next(&c);
	if (r == CLI_STOP)
		return c.status;
	if (r == CLI_END) {
		usage(stderr);
		return CLI_EXIT_USAGE;
	}
	/* r == CLI_OPERAND: the command; its arguments start after it. */
	argc -= c.i - 1;
	argv += c.i - 1;
	for (k = 0; k < sizeof(commands) / sizeof(commands[0]); k++) {
		if (strcmp(argv[0], commands[k].name))
			continue;
		return commands[k].fn(argc, argv);
	}
	return cli_error(&c, "unknown command '%s'", argv[0]);
}
