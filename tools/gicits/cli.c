/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The command-line convention of every gicits sub-command (cli.h): a small
 * table-driven long-option parser, so that --help, --version, unknown
 * options and missing values behave the same everywhere.
 */
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "gicits/error.h"
#include "gicits/topo.h"
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

int cli_parse_u32(const char *s, uint32_t *out)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 0);
	if (errno || end == s || *end || v > 0xffffffffUL || s[0] == '-')
		return -1;
	*out = (uint32_t)v;
	return 0;
}

int cli_parse_rid(const char *s, uint32_t *out)
{
	unsigned b, d, f;
	char tail;

	if (strchr(s, ':')) {
		if (sscanf(s, "%x:%x.%x%c", &b, &d, &f, &tail) != 3 ||
		    b > 0xff || d > 0x1f || f > 7)
			return -1;
		*out = b << 8 | d << 3 | f;
		return 0;
	}
	return cli_parse_u32(s, out);
}

int cli_read_file(const char *path, void **buf, size_t *len)
{
	FILE *f = fopen(path, "rb");
	size_t cap = 1 << 16, n = 0;
	char *p = NULL;

	if (!f)
		return -1;
	for (;;) {
		char *q;
		size_t got;

		if (n == cap || !p) {
			if (p)
				cap *= 2;
			if (cap > (64u << 20))
				break;
			q = realloc(p, cap);
			if (!q)
				break;
			p = q;
		}
		got = fread(p + n, 1, cap - n, f);
		n += got;
		if (got == 0) {
			if (ferror(f))
				break;
			fclose(f);
			*buf = p;
			*len = n;
			return 0;
		}
	}
	fclose(f);
	free(p);
	errno = EFBIG;
	return -1;
}

void cli_json_str(FILE *o, const char *s)
{
	fputc('"', o);
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch == '"' || ch == '\\')
			fprintf(o, "\\%c", ch);
		else if (ch < 0x20 || ch >= 0x7f)
			fprintf(o, "\\u%04x", ch);
		else
			fputc(ch, o);
	}
	fputc('"', o);
}

void cli_dot_escape(FILE *o, const char *s)
{
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fputc('\\', o);
		fputc(*s, o);
	}
}

int cli_fw_opt(struct cli *c, int r, struct cli_fw *fw)
{
	static const char *const formats[] = { "text", "json", "dot", NULL };

	switch (r) {
	case CLI_FW_MADT:
		fw->madt = c->val;
		return 0;
	case CLI_FW_SEGMENT:
		if (cli_parse_u32(c->val, &fw->segment))
			return cli_bad_value(c);
		fw->have_segment = 1;
		return 0;
	case CLI_FW_RID:
		if (cli_parse_rid(c->val, &fw->rid))
			return cli_bad_value(c);
		fw->have_rid = 1;
		return 0;
	case CLI_FW_ALL:
		fw->all = 1;
		return 0;
	case CLI_FW_FORMAT:
		r = cli_choice(c, formats);
		if (r < 0)
			return CLI_EXIT_USAGE;
		fw->fmt = r;
		return 0;
	case CLI_OPERAND:
		if (fw->file)
			return cli_error(c, "more than one FILE ('%s', '%s')",
					 fw->file, c->val);
		fw->file = c->val;
		return 0;
	default:
		return 1;
	}
}

/* @path into @t (the MADT when @madt): 0 or the exit status. */
static int fw_load_one(const char *prog, struct gicits_topo *t,
		       const char *path, int madt)
{
	void *buf = NULL;
	size_t len = 0;
	int rc;

	if (cli_read_file(path, &buf, &len)) {
		fprintf(stderr, "%s: %s: %s\n", prog, path, strerror(errno));
		return CLI_EXIT_USAGE;
	}
	rc = madt ? gicits_topo_load_madt(t, buf, len) :
		    gicits_topo_load(t, buf, len);
	free(buf);
	if (!rc)
		return 0;
	fprintf(stderr, "%s: %s: %s (%s)\n", prog, path, gicits_topo_error(t),
		gicits_strerror(rc));
	return rc == GICITS_ENOMEM ? CLI_EXIT_FAIL : CLI_EXIT_USAGE;
}

int cli_fw_load(const char *prog, const struct cli_fw *fw,
		struct gicits_topo **out)
{
	struct gicits_topo *t = NULL;
	int rc;

	*out = NULL;
	if (gicits_topo_create(&t)) {
		fprintf(stderr, "%s: out of memory\n", prog);
		return CLI_EXIT_FAIL;
	}
	rc = fw_load_one(prog, t, fw->file, 0);
	if (!rc && fw->madt)
		rc = fw_load_one(prog, t, fw->madt, 1);
	if (rc) {
		gicits_topo_free(t);
		return rc;
	}
	*out = t;
	return 0;
}
