/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The command-line convention of every gicits sub-command (cli.h): a small
 * table-driven long-option parser, so that --help, --version, unknown
 * options and missing values behave the same everywhere.
 */
#include "cli.h"

#include <stdarg.h>
#include <string.h>

#include "gicits/version.h"

/* The library's version: the tool and the library it links are one build. */
const char *cli_version(void)
{
	return gicits_version();
}

void cli_init(struct cli *c, const char *prog, const struct cli_opt *opts,
	      void (*usage)(FILE *f), int argc, char **argv)
{
	memset(c, 0, sizeof(*c));
	c->prog = prog;
	c->opts = opts;
	c->usage = usage;
	c->argc = argc;
	c->argv = argv;
	c->i = 1;
}

int cli_error(struct cli *c, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", c->prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry '%s --help' for more information.\n", c->prog);
	c->status = CLI_EXIT_USAGE;
	return CLI_EXIT_USAGE;
}

int cli_bad_value(struct cli *c)
{
	return cli_error(c, "bad value '%s' for --%s", c->val ? c->val : "",
			 c->opt ? c->opt : "?");
}

int cli_choice(struct cli *c, const char *const *words)
{
	int i;

	for (i = 0; words[i]; i++)
		if (c->val && !strcmp(c->val, words[i]))
			return i;
	cli_bad_value(c);
	return -1;
}

static int stop(struct cli *c, int status)
{
	c->status = status;
	return CLI_STOP;
}

int cli_next(struct cli *c)
{
	const struct cli_opt *o;
	const char *a, *eq;
	size_t n;

	c->opt = NULL;
	c->val = NULL;
	if (c->i >= c->argc)
		return CLI_END;
	a = c->argv[c->i++];
	if (c->operands_only || a[0] != '-' || !strcmp(a, "-")) {
		c->val = a;
		return CLI_OPERAND;
	}
	if (!strcmp(a, "--")) {
		c->operands_only = 1;
		return cli_next(c);
	}
	if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
		c->usage(stdout);
		return stop(c, CLI_EXIT_OK);
	}
	if (!strcmp(a, "--version")) {
		printf("gicits %s\n", cli_version());
		return stop(c, CLI_EXIT_OK);
	}
	if (a[1] != '-') {
		cli_error(c, "unknown option '%s'", a);
		return CLI_STOP;
	}
	eq = strchr(a, '=');
	n = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
	for (o = c->opts; o && o->name; o++)
		if (strlen(o->name) == n && !strncmp(a + 2, o->name, n))
			break;
	if (!o || !o->name) {
		cli_error(c, "unknown option '%.*s'", (int)(n + 2), a);
		return CLI_STOP;
	}
	c->opt = o->name;
	if (!o->has_arg) {
		if (eq) {
			cli_error(c, "option '--%s' takes no value", o->name);
			return CLI_STOP;
		}
		return o->id;
	}
	if (eq) {
		c->val = eq + 1;
	} else if (c->i < c->argc) {
		c->val = c->argv[c->i++];
	} else {
		cli_error(c, "option '--%s' needs a value", o->name);
		return CLI_STOP;
	}
	return o->id;
}
