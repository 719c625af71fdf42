/* SPDX-License-Identifier: BSD-2-Clause */
/* `gicits bench`: options, output, time and memory accounting, and the
 * entry point that runs every area (bench.h). */
#define _POSIX_C_SOURCE 200809L

#include <ctype.h>
#include <errno.h>

#include "bench.h"
#include "cli.h"

/* ---- options, output ------------------------------------------------ */

struct opts bn_opt;

void bn_die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "gicits bench: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
	va_end(ap);
	exit(1);
}

/* @name is a bench name or a group prefix ("inject."): wanted when it
 * contains --only's string, or --only names a bench inside the group. */
bool bn_want(const char *name)
{
	return !bn_opt.only || strstr(name, bn_opt.only) != NULL ||
	       !strncmp(bn_opt.only, name, strlen(name));
}

void bn_sleep_s(double s)
{
	struct timespec ts;

	ts.tv_sec = (time_t)s;
	ts.tv_nsec = (long)((s - (double)ts.tv_sec) * 1e9);
	thrd_sleep(&ts, NULL);
}

/* One timed result.  @extra is "" or starts with ",". */
void bn_emit(const char *name, const char *params, uint64_t ops, uint64_t ns,
	     const char *extra)
{
	double nspo = ops ? (double)ns / (double)ops : 0.0;
	double mops = ns ? (double)ops * 1e3 / (double)ns : 0.0;

	printf("{\"bench\":\"%s\",\"params\":{%s},\"ops\":%" PRIu64
	       ",\"ns_per_op\":%.3f,\"mops\":%.3f%s}\n",
	       name, params, ops, nspo, mops, extra ? extra : "");
	fflush(stdout);
}

void bn_emit_mem(const char *name, const char *params, uint64_t bytes,
		 const char *extra)
{
	printf("{\"bench\":\"%s\",\"params\":{%s},\"bytes\":%" PRIu64 "%s}\n",
	       name, params, bytes, extra ? extra : "");
	fflush(stdout);
}

/* ---- ratio benches: alternating rounds ------------------------------ */

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

void bn_rounds(struct bn_loop *a, struct bn_loop *b, struct bn_ratio *r)
{
	unsigned n = bn_opt.rounds ? bn_opt.rounds : 1, i;
	double sec = bn_opt.dur / n, *v = calloc(n, sizeof(*v));

	if (!v)
		bn_die("out of memory");
	a->ops = a->ns = b->ops = b->ns = 0;
	for (i = 0; i < n; i++) {
		struct bn_loop *first = i & 1 ? b : a, *second = i & 1 ? a : b;
		uint64_t ao = 0, an = 0, bo = 0, bns = 0;
		uint64_t *fo = i & 1 ? &bo : &ao, *fn = i & 1 ? &bns : &an;
		uint64_t *so = i & 1 ? &ao : &bo, *sn = i & 1 ? &an : &bns;

		first->run(first, sec, fo, fn);
		second->run(second, sec, so, sn);
		a->ops += ao;
		a->ns += an;
		b->ops += bo;
		b->ns += bns;
		/* A's ops per ns over B's */
		v[i] = ao && bo && an && bns ?
			       ((double)ao / (double)an) /
				       ((double)bo / (double)bns) :
			       0.0;
	}
	bn_ratio_of(v, n, r);
	free(v);
}

void bn_ratio_of(double *v, unsigned n, struct bn_ratio *r)
{
	qsort(v, n, sizeof(*v), cmp_double);
	r->rounds = n;
	r->min = v[0];
	r->max = v[n - 1];
	r->median = n & 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

void bn_ratio_json(char *buf, size_t len, const char *key,
		   const struct bn_ratio *r)
{
	size_t k = strlen(buf);
	int w = 0;

	/* "rounds" once per line, before the first ratio */
	if (k < len && !strstr(buf, "\"rounds\":"))
		w = snprintf(buf + k, len - k, ",\"rounds\":%u", r->rounds);
	if (w < 0)
		return;
	k += (size_t)w;
	if (k < len)
		snprintf(buf + k, len - k,
			 ",\"%s\":%.3f,\"%s_min\":%.3f,\"%s_max\":%.3f", key,
			 r->median, key, r->min, key, r->max);
}

/* ---- memory accounting (RSS: ts_rss_bytes()) ----------------------- */

/* @after - @before, or 0 if it shrank. */
uint64_t bn_delta(uint64_t before, uint64_t after)
{
	return after > before ? after - before : 0;
}

/* Bytes allocated from the C heap (0 if unknown). */
uint64_t bn_heap_bytes(void)
{
#ifdef HAVE_MALLINFO2
	struct mallinfo2 mi = mallinfo2();

	return (uint64_t)mi.uordblks + (uint64_t)mi.hblkhd;
#else
	return 0;
#endif
}

/* Give free heap pages back to the kernel before an RSS bn_delta, so that the
 * bn_delta counts the pages the measured allocations touch, not pages an
 * earlier bench freed and the allocator hands out again. */
void bn_rss_settle(void)
{
#ifdef HAVE_MALLINFO2
	malloc_trim(0);
#endif
}

/* ---- entry point ---------------------------------------------------- */

static void usage(FILE *f)
{
	fprintf(f,
		"usage: gicits bench [--quick] [--only SUBSTRING] [--time SECONDS]\n"
		"                    [--threads N] [--lpi-cache hpp|full] [--rounds N]\n"
		"\n"
		"Runs the benchmark suite and prints one JSON object per line.\n"
		"  --quick        small sizes and short loops (the CTest smoke test)\n"
		"  --only S       run only the benches whose name contains S\n"
		"  --time S       seconds per timed loop (default 1.0, quick 0.1)\n"
		"  --threads N    most injector threads (default: online cores)\n"
		"  --lpi-cache M  redistributor model, hpp or full (default full;\n"
		"                 ack.drain always measures both)\n"
		"  --rounds N     alternating rounds of each ratio bench; the\n"
		"                 median ratio and its spread (default 5)\n"
		"See docs/performance.md for what each bench measures.\n"
		"Exit status: 0 ok, 1 a failed run, 2 bad usage.\n");
}

enum {
	OPT_QUICK = 1,
	OPT_ONLY,
	OPT_TIME,
	OPT_THREADS,
	OPT_LPI_CACHE,
	OPT_ROUNDS
};

/* Seconds in (0, 3600) ("0.5", "2", "1e-2"), with nothing after them. */
static int parse_seconds(const char *s, double *out)
{
	char *end;
	double v;

	if (!isdigit((unsigned char)s[0]) && s[0] != '.')
		return -1; /* no sign, blank, "inf" or "nan" */
	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || *end || !(v > 0 && v < 3600))
		return -1;
	*out = v;
	return 0;
}

/* A decimal integer in [@lo, @hi], with nothing after it. */
static int parse_long(const char *s, long lo, long hi, long *out)
{
	char *end;
	long v;

	if (!isdigit((unsigned char)s[0]))
		return -1; /* no sign or blank */
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

/* 0: go on; otherwise the exit status (after --help, --version or an
 * error). */
static int parse_args(int argc, char **argv)
{
	static const struct cli_opt opts[] = {
		{ "quick", 0, OPT_QUICK },
		{ "only", 1, OPT_ONLY },
		{ "time", 1, OPT_TIME },
		{ "threads", 1, OPT_THREADS },
		{ "lpi-cache", 1, OPT_LPI_CACHE },
		{ "rounds", 1, OPT_ROUNDS },
		{ NULL, 0, 0 },
	};
	static const char *const caches[] = { "hpp", "full", NULL };
	long nc = sysconf(_SC_NPROCESSORS_ONLN);
	bool dur_set = false;
	struct cli c;
	long t;
	int r;

	memset(&bn_opt, 0, sizeof(bn_opt));
	bn_opt.lpi_cache = GICITS_LPI_CACHE_FULL;
	bn_opt.ncores = nc > 0 ? (unsigned)nc : 1;
	bn_opt.max_threads = bn_opt.ncores;
	bn_opt.rounds = 5;
	cli_init(&c, "gicits bench", opts, usage, argc, argv);
	while ((r = cli_next(&c)) != CLI_END) {
		switch (r) {
		case CLI_STOP:
			return c.status == CLI_EXIT_OK ? -1 : c.status;
		case OPT_QUICK:
			bn_opt.quick = true;
			break;
		case OPT_ONLY:
			bn_opt.only = c.val;
			break;
		case OPT_TIME:
			if (parse_seconds(c.val, &bn_opt.dur))
				return cli_bad_value(&c);
			dur_set = true;
			break;
		case OPT_THREADS:
			if (parse_long(c.val, 1, 256, &t))
				return cli_bad_value(&c);
			bn_opt.max_threads = (unsigned)t;
			break;
		case OPT_ROUNDS:
			if (parse_long(c.val, 1, 99, &t))
				return cli_bad_value(&c);
			bn_opt.rounds = (unsigned)t;
			break;
		case OPT_LPI_CACHE:
			r = cli_choice(&c, caches);
			if (r < 0)
				return CLI_EXIT_USAGE;
			bn_opt.lpi_cache = r == 0 ? GICITS_LPI_CACHE_HPP :
						    GICITS_LPI_CACHE_FULL;
			break;
		default: /* CLI_OPERAND */
			return cli_error(&c, "unexpected argument '%s'", c.val);
		}
	}
	if (!dur_set)
		bn_opt.dur = bn_opt.quick ? 0.1 : 1.0;
	return 0;
}

int cmd_bench(int argc, char **argv)
{
	int rc = parse_args(argc, argv);

	if (rc)
		return rc < 0 ? CLI_EXIT_OK : rc;
	bench_hot();
	bench_vlpi();
	bench_vm(); /* bench_vm.c */
	bench_smmu(); /* issue 14: smmu.msi.* */
	bench_big();
	bench_inject();
	bench_cmdq();
	bench_lpi_stress();
	bench_mem_rdist(); /* RSS deltas: before benches that free much */
	bench_ack_idspace();
	return CLI_EXIT_OK;
}
