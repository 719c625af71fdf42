/* SPDX-License-Identifier: BSD-2-Clause */
/* `gicits bench`: options, output, time and memory accounting, and the
 * entry point that runs every area (bench.h). */
#define _POSIX_C_SOURCE 200809L

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
		"                    [--threads N] [--lpi-cache hpp|full]\n"
		"\n"
		"Runs the benchmark suite and prints one JSON object per line.\n"
		"  --quick        small sizes and short loops (the CTest smoke test)\n"
		"  --only S       run only the benches whose name contains S\n"
		"  --time S       seconds per timed loop (default 1.0, quick 0.1)\n"
		"  --threads N    most injector threads (default: online cores)\n"
		"  --lpi-cache M  redistributor model, hpp or full (default full;\n"
		"                 ack.drain always measures both)\n"
		"See docs/performance.md for what each bench measures.\n");
}

int cmd_bench(int argc, char **argv)
{
	long nc = sysconf(_SC_NPROCESSORS_ONLN);
	bool dur_set = false;
	int i;

	memset(&bn_opt, 0, sizeof(bn_opt));
	bn_opt.lpi_cache = GICITS_LPI_CACHE_FULL;
	bn_opt.ncores = nc > 0 ? (unsigned)nc : 1;
	bn_opt.max_threads = bn_opt.ncores;
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--quick")) {
			bn_opt.quick = true;
		} else if (!strcmp(argv[i], "--only") && i + 1 < argc) {
			bn_opt.only = argv[++i];
		} else if (!strcmp(argv[i], "--time") && i + 1 < argc) {
			bn_opt.dur = strtod(argv[++i], NULL);
			dur_set = true;
			if (!(bn_opt.dur > 0 && bn_opt.dur < 3600)) {
				fprintf(stderr, "gicits bench: bad --time\n");
				return 2;
			}
		} else if (!strcmp(argv[i], "--lpi-cache") && i + 1 < argc) {
			i++;
			if (!strcmp(argv[i], "hpp")) {
				bn_opt.lpi_cache = GICITS_LPI_CACHE_HPP;
			} else if (!strcmp(argv[i], "full")) {
				bn_opt.lpi_cache = GICITS_LPI_CACHE_FULL;
			} else {
				fprintf(stderr,
					"gicits bench: bad --lpi-cache\n");
				return 2;
			}
		} else if (!strcmp(argv[i], "--threads") && i + 1 < argc) {
			long t = strtol(argv[++i], NULL, 10);

			if (t < 1 || t > 256) {
				fprintf(stderr,
					"gicits bench: bad --threads\n");
				return 2;
			}
			bn_opt.max_threads = (unsigned)t;
		} else if (!strcmp(argv[i], "-h") ||
			   !strcmp(argv[i], "--help")) {
			usage(stdout);
			return 0;
		} else {
			usage(stderr);
			return 2;
		}
	}
	if (!dur_set)
		bn_opt.dur = bn_opt.quick ? 0.1 : 1.0;
	bench_hot();
	bench_big();
	bench_inject();
	bench_cmdq();
	bench_lpi_stress();
	bench_mem_rdist(); /* RSS deltas: before benches that free much */
	bench_ack_idspace();
	return 0;
}
