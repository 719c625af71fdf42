/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The gicits tool's sub-commands and the one command-line convention they
 * share (docs/gicits.1):
 *
 *   - long options only, "--name VALUE" or "--name=VALUE", anywhere among
 *     the operands; "--" ends the options; "-" is an operand (stdin);
 *   - "--help" (or "-h") prints the usage on standard output, exit 0;
 *   - "--version" prints "gicits VERSION" on standard output, exit 0;
 *   - exit status 0 ok, 1 findings or a failed check, 2 usage or bad input
 *     (CLI_EXIT_*), with a message on standard error for 1 and 2.
 */
#ifndef GICITS_TOOLS_CLI_H
#define GICITS_TOOLS_CLI_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Sub-commands; each returns the process exit status. */
int cmd_replay(int argc, char **argv);
int cmd_topo(int argc, char **argv);
int cmd_route(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_bench(int argc, char **argv);

enum {
	CLI_EXIT_OK = 0, /* success */
	CLI_EXIT_FAIL = 1, /* findings, a failed check or a failed run */
	CLI_EXIT_USAGE = 2, /* bad usage or bad input */
};

/* One option of a sub-command; a table of them ends with { NULL }. */
struct cli_opt {
	const char *name; /* long name without the leading "--" */
	int has_arg; /* 1: takes a value */
	int id; /* what cli_next() returns for it, > 0 */
};

/* cli_next() results besides an option's id. */
enum {
	CLI_END = 0, /* no more arguments */
	CLI_OPERAND = -1, /* an operand, in c->val */
	CLI_STOP = -2, /* --help, --version or an error: exit with c->status */
};

struct cli {
	const char *prog; /* "gicits topo": prefix of every message */
	const struct cli_opt *opts;
	void (*usage)(FILE *f);
	int argc;
	char **argv;
	int i; /* next argv[] index */
	int operands_only; /* after "--" */
	const char *opt; /* the current option's name, for messages */
	const char *val; /* the option's value, or the operand */
	int status; /* exit status after CLI_STOP */
};

/* Start parsing argv[1..argc-1] (argv[0] is the sub-command's name). */
void cli_init(struct cli *c, const char *prog, const struct cli_opt *opts,
	      void (*usage)(FILE *f), int argc, char **argv);

/* The next option's id, CLI_OPERAND, CLI_END or CLI_STOP.  --help and
 * --version are handled here (CLI_STOP, status 0), and so is every error
 * (unknown option, missing or unexpected value: a message on stderr,
 * CLI_STOP, status 2). */
int cli_next(struct cli *c);

/* Report a usage error: "PROG: MESSAGE" and a hint on stderr.  Returns
 * CLI_EXIT_USAGE (also stored in c->status). */
int cli_error(struct cli *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* cli_error() for the current option's value: "bad value 'V' for --NAME". */
int cli_bad_value(struct cli *c);

/* The value of the current option as one of @words (NULL-terminated):
 * its index, or -1 after cli_bad_value(). */
int cli_choice(struct cli *c, const char *const *words);

/* Helpers shared by the sub-commands that read firmware files (topo,
 * route). */
/* A 32-bit number in C notation (0x.., 0.., decimal): 0, or -1. */
int cli_parse_u32(const char *s, uint32_t *out);
/* A PCI requester ID: a number, or "bus:dev.fn" in hex ("01:00.0"). */
int cli_parse_rid(const char *s, uint32_t *out);
/* The whole file (at most 64 MiB) in a malloc'd buffer: 0, or -1 with
 * errno set. */
int cli_read_file(const char *path, void **buf, size_t *len);
/*
 * What `gicits topo` and `gicits route` share: FILE, --madt FILE,
 * --segment N, --rid ID, --all and --format text|json|dot.  A command lists
 * these options with the ids CLI_FW_* and its own from CLI_FW_NEXT on.
 */
struct cli_fw {
	const char *file, *madt;
	int have_segment, have_rid, all;
	uint32_t segment, rid;
	int fmt; /* CLI_FW_TEXT, CLI_FW_JSON or CLI_FW_DOT */
};

enum { CLI_FW_TEXT, CLI_FW_JSON, CLI_FW_DOT };

enum {
	CLI_FW_MADT = 1,
	CLI_FW_SEGMENT,
	CLI_FW_RID,
	CLI_FW_ALL,
	CLI_FW_FORMAT,
	CLI_FW_NEXT, /* the command's own option ids start here */
};

/* Apply @r (cli_next()'s answer) to @fw if it is one of the shared options
 * or the FILE operand: 0 when taken, 1 when it is not one of them, or
 * CLI_EXIT_USAGE after a message (a bad value, a second FILE). */
int cli_fw_opt(struct cli *c, int r, struct cli_fw *fw);

/* Load @fw's FILE and MADT into a new topology in *@out; messages name
 * @prog and the file.  0, or the exit status: CLI_EXIT_USAGE for a file
 * that cannot be read or parsed, CLI_EXIT_FAIL when out of memory. */
struct gicits_topo;
int cli_fw_load(const char *prog, const struct cli_fw *fw,
		struct gicits_topo **out);

/* @s as a JSON string, escaped. */
void cli_json_str(FILE *o, const char *s);
/* @s inside a Graphviz double-quoted string, escaped. */
void cli_dot_escape(FILE *o, const char *s);

/* The version (the CMake project version). */
const char *cli_version(void);

#endif
