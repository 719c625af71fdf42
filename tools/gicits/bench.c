/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * `gicits bench`: the benchmark suite (issue 3, docs/performance.md).
 *
 * One JSON object per line on stdout:
 *   {"bench": NAME, "params": {...}, "ops": N, "ns_per_op": X, "mops": Y, ...}
 * Memory benches print "bytes" (and "bytes_per_lpi" or
 * "bytes_per_redistributor") instead of timings.  Extra keys (percentiles,
 * ratios) follow the required ones.
 *
 * Everything here goes through the public API (the headers in include/gicits): guest
 * RAM handed over with gicits_mem_add_direct(), redistributors programmed
 * with gicits_rdist_write(), the ITS programmed through its registers and a
 * command queue in guest RAM (commands are processed synchronously inside the
 * GITS_CWRITER write), MSIs through gicits_its_msi(), CPUs through
 * gicits_cpu_ack()/gicits_cpu_eoi().  The tool holds no model logic.
 *
 * Conventions shared by every bench:
 * - ITT entries are 8 bytes (ite_size = 8), tables flat with 64 KB pages.
 * - Every LPI has priority 0xA0 and is enabled (configuration byte 0xA3).
 * - Pending tables: PENDBASER.PTZ = 1, so the redistributors never read them;
 *   they point into a callback-backed sink (reads as zero, writes ignored)
 *   so that 4,096 redistributors do not need 4,096 host pending tables.
 * - "translate + set pending": an MSI to an LPI that is already pending is
 *   the architected no-op; hot loops therefore reach a steady state in which
 *   the pending bit is tested, not changed (as the calibration loop's OR).
 */
#define _POSIX_C_SOURCE 200809L

#include "cli.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>
#include <time.h>
#include <unistd.h>

#if defined(__GLIBC__) && \
	(__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
#include <malloc.h>
#define HAVE_MALLINFO2 1
#endif

#include "gicits/cmd.h"
#include "gicits/error.h"
#include "gicits/its.h"
#include "gicits/mem.h"
#include "gicits/rdist.h"
#include "sys.h"

/* The systems' shape: ts_desc_big() (tests/support/sys.h). */
#define RAM_BASE TS_BIG_RAM
#define PEND_BASE TS_BIG_PEND /* callback-backed pending-table sink */
#define CQ_BYTES TS_BIG_CQ_BYTES /* CBASER.Size = 255: 256 x 4 KB */
#define CQ_SLOTS (CQ_BYTES / 32)
#define PAGE64K 0x10000ULL
#define ITE_SIZE 8u

/* ---- options, output ------------------------------------------------ */

struct opts {
	bool quick;
	double dur; /* seconds per timed loop */
	const char *only;
	unsigned ncores;
	unsigned max_threads;
	/* redistributor model of every bench that does not name one */
	enum gicits_lpi_cache lpi_cache;
};

static struct opts opt;

static void die(const char *fmt, ...)
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
static bool want(const char *name)
{
	return !opt.only || strstr(name, opt.only) != NULL ||
	       !strncmp(opt.only, name, strlen(name));
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static void sleep_s(double s)
{
	struct timespec ts;

	ts.tv_sec = (time_t)s;
	ts.tv_nsec = (long)((s - (double)ts.tv_sec) * 1e9);
	thrd_sleep(&ts, NULL);
}

/* One timed result.  @extra is "" or starts with ",". */
static void emit(const char *name, const char *params, uint64_t ops,
		 uint64_t ns, const char *extra)
{
	double nspo = ops ? (double)ns / (double)ops : 0.0;
	double mops = ns ? (double)ops * 1e3 / (double)ns : 0.0;

	printf("{\"bench\":\"%s\",\"params\":{%s},\"ops\":%" PRIu64
	       ",\"ns_per_op\":%.3f,\"mops\":%.3f%s}\n",
	       name, params, ops, nspo, mops, extra ? extra : "");
	fflush(stdout);
}

static void emit_mem(const char *name, const char *params, uint64_t bytes,
		     const char *extra)
{
	printf("{\"bench\":\"%s\",\"params\":{%s},\"bytes\":%" PRIu64 "%s}\n",
	       name, params, bytes, extra ? extra : "");
	fflush(stdout);
}

/* ---- memory accounting ---------------------------------------------- */

/* Resident set size from /proc/self/statm (0 if unavailable). */
static uint64_t rss_bytes(void)
{
	unsigned long size = 0, res = 0;
	FILE *f = fopen("/proc/self/statm", "r");

	if (!f)
		return 0;
	if (fscanf(f, "%lu %lu", &size, &res) != 2)
		res = 0;
	fclose(f);
	return (uint64_t)res * (uint64_t)sysconf(_SC_PAGESIZE);
}

static uint64_t delta(uint64_t before, uint64_t after)
{
	return after > before ? after - before : 0;
}

/* Bytes allocated from the C heap (0 if unknown). */
static uint64_t heap_bytes(void)
{
#ifdef HAVE_MALLINFO2
	struct mallinfo2 mi = mallinfo2();

	return (uint64_t)mi.uordblks + (uint64_t)mi.hblkhd;
#else
	return 0;
#endif
}

/* Give free heap pages back to the kernel before an RSS delta, so that the
 * delta counts the pages the measured allocations touch, not pages an
 * earlier bench freed and the allocator hands out again. */
static void rss_settle(void)
{
#ifdef HAVE_MALLINFO2
	malloc_trim(0);
#endif
}

/* ---- a system: guest RAM, a gic, an ITS ----------------------------- */

enum icid_mode {
	ICID_RR, /* round-robin over CPUs by global event index */
	ICID_FIXED, /* every event to collection @arg */
	ICID_DEV, /* device i of the call to collection (@arg + i) % ncpu */
	ICID_BLOCK, /* INTID block of 4096 to collection (block % ncpu) */
};

struct sys_cfg {
	unsigned ncpu;
	unsigned intid_bits;
	unsigned devbits;
	unsigned ev_bits; /* events per ITT slot: 2^ev_bits */
	uint32_t nslots; /* ITT slots in RAM */
	uint64_t spare; /* extra RAM bytes for ad-hoc ITTs */
	enum gicits_cache_mode cache;
	enum gicits_lpi_cache lpi_cache; /* FULL, or the --lpi-cache default */
	bool force_hpp; /* GICITS_LPI_CACHE_HPP whatever --lpi-cache says */
};

struct sys {
	struct sys_cfg c;
	struct ts_sys t; /* RAM, gic, ITS (tests/support) */
	uint8_t *ram; /* = t.ram (ours: touched page by page) */
	uint64_t ram_size;
	struct gicits_gic *gic; /* = t.gic, t.its */
	struct gicits_its *its;
	uint64_t itt, spare; /* guest addresses */
	uint64_t itt_stride;
	unsigned cq_n, batch;
	uint32_t next_intid;
	uint64_t its_ns; /* time spent inside CWRITER writes (ITS processing) */
};

static uint64_t align_up(uint64_t v, uint64_t a)
{
	return (v + a - 1) / a * a;
}

/* Smallest b >= lo with 2^b >= n. */
static unsigned bits_for(uint64_t n, unsigned lo)
{
	unsigned b = lo;

	while ((1ull << b) < n)
		b++;
	return b;
}

static void cq_flush(struct sys *s)
{
	uint64_t t0;

	if (!s->cq_n)
		return;
	t0 = now_ns();
	ts_kick(&s->t);
	s->its_ns += now_ns() - t0;
	s->cq_n = 0;
}

static void cq_put(struct sys *s, const struct gicits_cmd *c)
{
	ts_put(&s->t, c);
	if (++s->cq_n >= s->batch)
		cq_flush(s);
}

static void c_mapc(struct sys *s, uint32_t icid, unsigned cpu)
{
	struct gicits_cmd c;

	gicits_cmd_mapc(&c, (uint16_t)icid, cpu, true);
	cq_put(s, &c);
}

static void c_mapd(struct sys *s, uint32_t dev, unsigned bits, uint64_t itt,
		   bool valid)
{
	struct gicits_cmd c;

	gicits_cmd_mapd(&c, dev, bits - 1, valid ? itt : 0, valid);
	cq_put(s, &c);
}

static void c_mapti(struct sys *s, uint32_t dev, uint32_t ev, uint32_t intid,
		    uint32_t icid)
{
	struct gicits_cmd c;

	gicits_cmd_mapti(&c, dev, ev, intid, (uint16_t)icid);
	cq_put(s, &c);
}

static void c_ev(struct sys *s, uint8_t op, uint32_t dev, uint32_t ev)
{
	struct gicits_cmd c;

	gicits_cmd_event(&c, op, dev, ev);
	cq_put(s, &c);
}

static void c_movi(struct sys *s, uint32_t dev, uint32_t ev, uint32_t icid)
{
	struct gicits_cmd c;

	gicits_cmd_movi(&c, dev, ev, (uint16_t)icid);
	cq_put(s, &c);
}

static void c_invall(struct sys *s, uint32_t icid)
{
	struct gicits_cmd c;

	gicits_cmd_invall(&c, (uint16_t)icid);
	cq_put(s, &c);
}

static void c_movall(struct sys *s, uint64_t from, uint64_t to)
{
	struct gicits_cmd c;

	gicits_cmd_movall(&c, from, to);
	cq_put(s, &c);
}

static void sys_check(struct sys *s, const char *what)
{
	struct gicits_its_status st;

	cq_flush(s);
	gicits_its_status(s->its, &st);
	if (st.errors || st.stalled)
		die("%s: %" PRIu64 " command errors (last %s)%s", what,
		    st.errors, gicits_strerror((int)st.last_error),
		    st.stalled ? ", queue stalled" : "");
}

static void sys_create(struct sys *s, const struct sys_cfg *c)
{
	struct ts_big big = { 0 };
	struct ts_desc d;
	uint64_t p;
	unsigned k;
	int err;

	memset(s, 0, sizeof(*s));
	s->c = *c;
	s->batch = 8192;
	s->next_intid = GICITS_LPI_BASE;
	s->itt_stride = align_up((1ull << c->ev_bits) * ITE_SIZE, 256);
	/* layout: queue, collection table, LPI configuration table, device
	 * table, ITTs, spare (ts_desc_big()) */
	big.ncpu = c->ncpu;
	big.intid_bits = c->intid_bits;
	big.devbits = c->devbits;
	big.itt_bytes = (uint64_t)c->nslots * s->itt_stride;
	big.spare_bytes = c->spare;
	if (ts_desc_big(&d, &big))
		die("device table too large (devbits %u)", c->devbits);
	s->itt = big.itt;
	s->spare = big.spare;
	s->ram_size = d.ram_size;
	s->ram = calloc(1, s->ram_size);
	if (!s->ram)
		die("cannot allocate %" PRIu64 " bytes of guest RAM",
		    s->ram_size);
	/* Touch every page now, so that later RSS deltas are the library's. */
	for (p = 0; p < s->ram_size; p += 4096)
		s->ram[p] = 0;
	d.ram_host = s->ram;
	d.gic.lpi_cache = c->force_hpp ? GICITS_LPI_CACHE_HPP :
			  c->lpi_cache == GICITS_LPI_CACHE_FULL ?
					 GICITS_LPI_CACHE_FULL :
					 opt.lpi_cache;
	d.its.idbits = 16;
	d.its.ite_size = ITE_SIZE;
	d.its.cache = c->cache;
	err = ts_sys_create(&s->t, &d);
	if (err)
		die("creating the system: %s", gicits_strerror(err));
	s->gic = s->t.gic;
	s->its = s->t.its;
	for (k = 0; k < c->ncpu; k++)
		c_mapc(s, k, k);
	sys_check(s, "set-up");
}

static void sys_destroy(struct sys *s)
{
	ts_sys_destroy(&s->t);
	free(s->ram);
	memset(s, 0, sizeof(*s));
}

/*
 * Map @ndev devices from @dev0 with @nev events each, ITT slots from @slot0.
 * Returns the INTID of (dev0, 0); device i event e gets intid0 + i*nev + e.
 */
static uint32_t sys_map(struct sys *s, uint32_t dev0, uint32_t ndev,
			uint32_t slot0, uint32_t nev, enum icid_mode mode,
			unsigned arg)
{
	uint32_t intid0 = s->next_intid, i, e;
	unsigned bits = bits_for(nev, 1);

	if (slot0 + ndev > s->c.nslots || nev > (1u << s->c.ev_bits))
		die("sys_map: out of ITT slots");
	if ((uint64_t)intid0 + (uint64_t)ndev * nev > (1ull << s->c.intid_bits))
		die("sys_map: out of INTIDs");
	for (i = 0; i < ndev; i++) {
		c_mapd(s, dev0 + i, bits,
		       s->itt + (uint64_t)(slot0 + i) * s->itt_stride, true);
		for (e = 0; e < nev; e++) {
			uint64_t g = (uint64_t)i * nev + e;
			uint32_t intid = (uint32_t)(intid0 + g);
			unsigned icid;

			switch (mode) {
			case ICID_RR:
				icid = (unsigned)(g % s->c.ncpu);
				break;
			case ICID_FIXED:
				icid = arg;
				break;
			case ICID_DEV:
				icid = (arg + i) % s->c.ncpu;
				break;
			default:
				icid = (intid / 4096) % s->c.ncpu;
				break;
			}
			c_mapti(s, dev0 + i, e, intid, icid);
		}
	}
	s->next_intid = (uint32_t)(intid0 + (uint64_t)ndev * nev);
	sys_check(s, "mapping");
	return intid0;
}

/* Acknowledge and EOI everything pending on @cpu; returns the count. */
static uint64_t drain_cpu(struct sys *s, unsigned cpu)
{
	uint64_t n = 0;
	uint32_t id;

	while ((id = gicits_cpu_ack(s->gic, cpu)) != GICITS_INTID_SPURIOUS) {
		gicits_cpu_eoi(s->gic, cpu, id);
		n++;
	}
	return n;
}

struct key {
	uint32_t dev, ev;
};

static void shuffle(struct key *k, size_t n, uint64_t seed)
{
	size_t i;

	for (i = n; i > 1; i--) {
		size_t j = (size_t)(ts_splitmix(&seed) % i);
		struct key t = k[i - 1];

		k[i - 1] = k[j];
		k[j] = t;
	}
}

/* Keys of @ndev devices from @dev0, @nev events each, shuffled. */
static struct key *make_keys(uint32_t dev0, uint32_t ndev, uint32_t nev,
			     uint64_t seed)
{
	struct key *k = malloc(sizeof(*k) * (size_t)ndev * nev);
	uint32_t i, e;

	if (!k)
		die("out of memory");
	for (i = 0; i < ndev; i++)
		for (e = 0; e < nev; e++)
			k[(size_t)i * nev + e] = (struct key){ dev0 + i, e };
	shuffle(k, (size_t)ndev * nev, seed);
	return k;
}

/* MSIs over @keys (a power-of-two count) until opt.dur has passed. */
static uint64_t run_keys(struct gicits_its *its, const struct key *keys,
			 size_t n, uint64_t *ns, uint64_t *bad)
{
	uint64_t ops = 0, t0 = now_ns(), lim = (uint64_t)(opt.dur * 1e9), t;
	size_t mask = n - 1, i = 0;

	*bad = 0;
	do {
		unsigned j;

		for (j = 0; j < 4096; j++, i++) {
			const struct key *k = &keys[i & mask];

			*bad += gicits_its_msi(its, k->dev, k->ev) != 0;
		}
		ops += 4096;
		t = now_ns() - t0;
	} while (t < lim);
	*ns = t;
	return ops;
}

/* ---- translate.hot, latency.hot, calibration.hot --------------------- */

#define HOT_DEV 16u
#define HOT_EV 256u

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static void bench_latency(struct sys *s, const struct key *keys)
{
	size_t n = opt.quick ? 50000 : 1000000, i;
	uint64_t *lat = malloc(sizeof(*lat) * n), ovh[1001], sum = 0;
	char extra[256];
	const char *params =
		"\"lpis\":4096,\"devices\":16,\"events_per_device\":256,"
		"\"cache\":\"on\",\"clock\":\"CLOCK_MONOTONIC\"";
	uint64_t o;

	if (!lat)
		die("out of memory");
	for (i = 0; i < 1001; i++) {
		uint64_t a = now_ns();

		ovh[i] = now_ns() - a;
	}
	qsort(ovh, 1001, sizeof(ovh[0]), cmp_u64);
	o = ovh[500];
	for (i = 0; i < n; i++) {
		const struct key *k = &keys[i & 4095];
		uint64_t a = now_ns(), b;

		gicits_its_msi(s->its, k->dev, k->ev);
		b = now_ns() - a;
		lat[i] = b > o ? b - o : 0;
		sum += lat[i];
	}
	qsort(lat, n, sizeof(lat[0]), cmp_u64);
	snprintf(extra, sizeof(extra),
		 ",\"p50_ns\":%" PRIu64 ",\"p99_ns\":%" PRIu64
		 ",\"p99.9_ns\":%" PRIu64 ",\"max_ns\":%" PRIu64
		 ",\"timer_overhead_ns\":%" PRIu64,
		 lat[n / 2], lat[n * 99 / 100], lat[n * 999 / 1000], lat[n - 1],
		 o);
	emit("latency.hot", params, n, sum, extra);
	free(lat);
}

static void bench_hot(void)
{
	struct sys_cfg c = { .ncpu = 4,
			     .intid_bits = 16,
			     .devbits = 16,
			     .ev_bits = 8,
			     .nslots = HOT_DEV };
	struct sys fast, ref;
	struct key *keys;
	uint64_t ns_f, ns_r, ops_f, ops_r, bad;
	char extra[128];
	const char *pf =
		"\"lpis\":4096,\"devices\":16,\"events_per_device\":256,\"cpus\":4,\"cache\":\"on\"";
	const char *pr =
		"\"lpis\":4096,\"devices\":16,\"events_per_device\":256,\"cpus\":4,\"cache\":\"off\"";

	if (!want("translate.hot") && !want("latency.hot") &&
	    !want("calibration.hot"))
		return;
	sys_create(&fast, &c);
	c.cache = GICITS_CACHE_OFF;
	sys_create(&ref, &c);
	sys_map(&fast, 0, HOT_DEV, 0, HOT_EV, ICID_RR, 0);
	sys_map(&ref, 0, HOT_DEV, 0, HOT_EV, ICID_RR, 0);
	keys = make_keys(0, HOT_DEV, HOT_EV, 1);
	ops_f = run_keys(fast.its, keys, HOT_DEV * HOT_EV, &ns_f, &bad);
	if (bad)
		die("translate.hot.fast: %" PRIu64 " MSIs dropped", bad);
	ops_r = run_keys(ref.its, keys, HOT_DEV * HOT_EV, &ns_r, &bad);
	if (bad)
		die("translate.hot.reference: %" PRIu64 " MSIs dropped", bad);
	if (want("translate.hot")) {
		emit("translate.hot.fast", pf, ops_f, ns_f, "");
		snprintf(extra, sizeof(extra), ",\"fast_over_reference\":%.2f",
			 ((double)ops_f / (double)ns_f) /
				 ((double)ops_r / (double)ns_r));
		emit("translate.hot.reference", pr, ops_r, ns_r, extra);
	}
	if (want("latency.hot"))
		bench_latency(&fast, keys);
	if (want("calibration.hot")) {
		/* Minimal model: ITE array (8 B) -> pending bitmap OR. */
		uint64_t ite[4096], pend[4096 / 64 + 1], ops = 0, t0, t, lim;
		unsigned i;

		memset(pend, 0, sizeof(pend));
		for (i = 0; i < 4096; i++)
			ite[i] = (uint64_t)(keys[i].dev * HOT_EV + keys[i].ev);
		lim = (uint64_t)(opt.dur * 1e9);
		t0 = now_ns();
		do {
			for (i = 0; i < 65536; i++) {
				uint64_t e = ite[(i * 2654435761u) & 4095];
				volatile uint64_t *w = &pend[e >> 6];

				*w |= 1ull << (e & 63);
			}
			ops += 65536;
			t = now_ns() - t0;
		} while (t < lim);
		emit("calibration.hot", "\"lpis\":4096,\"entry_bytes\":8", ops,
		     t, "");
	}
	free(keys);
	sys_destroy(&fast);
	sys_destroy(&ref);
}

/* ---- the big system: memory.per_lpi, translate.cold, translate.zipf -- */

/* translate.cold.* ns per MSI of this run, for the calibration lines'
 * ratios (0 when not run) */
static double cold_fast_ns, cold_burst_ns;

static void emit_cold_ratios(char *extra, size_t len, double cal_ns)
{
	int k = 0;

	extra[0] = 0;
	if (cold_fast_ns > 0)
		k = snprintf(extra, len, ",\"fast_over_calibration\":%.2f",
			     cold_fast_ns / cal_ns);
	if (cold_burst_ns > 0 && k >= 0 && (size_t)k < len)
		snprintf(extra + k, len - (size_t)k,
			 ",\"burst_over_calibration\":%.2f",
			 cold_burst_ns / cal_ns);
}

/*
 * Two calibrations over the same footprint (an 8-byte entry array of
 * 2^lpi_bits entries and a pending bitmap), each iteration one random entry
 * load and the OR into the pending word the entry names:
 *  - calibration.cold: iterations independent (the keys come from a PRNG),
 *    so the CPU overlaps the misses of many iterations; the throughput
 *    bound a translation loop with independent keys competes with;
 *  - calibration.cold.dependent: each key depends on the previous
 *    iteration's loads, so every iteration pays two dependent misses in
 *    full: the latency of "two dependent DRAM misses".
 */
static void cal_params(char *buf, size_t len, uint64_t n, const char *iter,
		       const char *more)
{
	snprintf(buf, len,
		 "\"lpis\":%" PRIu64
		 ",\"entry_bytes\":8,\"footprint_bytes\":%" PRIu64
		 ",\"loads\":\"entry[random] -> pending word[entry]\""
		 ",\"iterations\":\"%s\"%s",
		 n, n * 8 + n / 8, iter, more);
}

static void bench_calibration_cold(unsigned lpi_bits)
{
	uint64_t n = 1ull << lpi_bits, i, ops = 0, t0, t, lim, seed = 7;
	uint64_t *ite = malloc(n * 8), *pend = calloc(n / 64, 8), e = 1;
	char params[200], extra[160];
	double ind_ns;

	if (!ite || !pend)
		die("out of memory");
	for (i = 0; i < n; i++)
		ite[i] = ts_splitmix(&seed) & (n - 1);
	lim = (uint64_t)(opt.dur * 1e9);
	t0 = now_ns();
	do {
		for (i = 0; i < 65536; i++) {
			uint64_t v = ite[ts_xorshift(&seed) >> (64 - lpi_bits)];

			pend[v >> 6] |= 1ull << (v & 63);
		}
		ops += 65536;
		t = now_ns() - t0;
	} while (t < lim);
	cal_params(params, sizeof(params), n, "independent", "");
	ind_ns = (double)t / (double)ops;
	emit_cold_ratios(extra, sizeof(extra), ind_ns);
	emit("calibration.cold", params, ops, t, extra);
	if (want("calibration.cold.dependent")) {
		ops = 0;
		t0 = now_ns();
		do {
			for (i = 0; i < 4096; i++) {
				uint64_t k = (seed ^ e) * 0x9e3779b97f4a7c15ull,
					 v, w;

				seed = k;
				v = ite[k >> (64 - lpi_bits)];
				w = pend[v >> 6];
				pend[v >> 6] = w | 1ull << (v & 63);
				e = v + (w & 1);
			}
			ops += 4096;
			t = now_ns() - t0;
		} while (t < lim);
		cal_params(params, sizeof(params), n, "dependent",
			   e & 1 ? ",\"check\":1" : ",\"check\":0");
		emit_cold_ratios(extra, sizeof(extra), (double)t / (double)ops);
		emit("calibration.cold.dependent", params, ops, t, extra);
	}
	free(ite);
	free(pend);
}

static void bench_zipf(struct sys *s, unsigned lpi_bits)
{
	uint32_t n = 1u << 20, i, *samp;
	size_t ns_ = opt.quick ? (1u << 20) : (1u << 22), j, mask = ns_ - 1;
	double *cdf = malloc(sizeof(double) * n), acc = 0;
	uint64_t seed = 11, ops = 0, t0, t, lim, bad = 0;
	char params[160];

	if (lpi_bits < 20)
		die("zipf needs 2^20 mapped LPIs");
	samp = malloc(sizeof(*samp) * ns_);
	if (!cdf || !samp)
		die("out of memory");
	for (i = 0; i < n; i++)
		cdf[i] = (acc += 1.0 / (double)(i + 1));
	for (j = 0; j < ns_; j++) {
		double u = (double)(ts_splitmix(&seed) >> 11) *
			   (1.0 / 9007199254740992.0) * acc;
		uint32_t lo = 0, hi = n - 1;

		while (lo < hi) {
			uint32_t mid = (lo + hi) / 2;

			if (cdf[mid] < u)
				lo = mid + 1;
			else
				hi = mid;
		}
		/* rank -> LPI: an odd multiplier scatters the hot ranks */
		samp[j] = (uint32_t)((lo * 2654435761u) & (n - 1));
	}
	free(cdf);
	lim = (uint64_t)(opt.dur * 1e9);
	j = 0;
	t0 = now_ns();
	do {
		unsigned k;

		for (k = 0; k < 4096; k++, j++) {
			uint32_t l = samp[j & mask];

			bad += gicits_its_msi(s->its, l >> 8, l & 255) != 0;
		}
		ops += 4096;
		t = now_ns() - t0;
	} while (t < lim);
	if (bad)
		die("translate.zipf.fast: %" PRIu64 " MSIs dropped", bad);
	snprintf(
		params, sizeof(params),
		"\"lpis\":%u,\"s\":1.0,\"samples\":%zu,\"mapped_lpis\":%" PRIu64
		",\"cache\":\"on\"",
		n, ns_, (uint64_t)1 << lpi_bits);
	emit("translate.zipf.fast", params, ops, t, "");
	free(samp);
}

static void bench_big(void)
{
	unsigned lpi_bits = opt.quick ? 20 : 24;
	uint32_t ndev = 1u << (lpi_bits - 8);
	struct sys_cfg c = { .ncpu = 4,
			     .intid_bits = lpi_bits + 1,
			     .devbits = 16,
			     .ev_bits = 8,
			     .nslots = ndev };
	uint64_t rss0, heap0, rss1, heap1, t0, tb, lim, seed = 3, bad = 0;
	char params[256], extra[256];
	struct sys s;

	if (!want("memory.per_lpi") && !want("translate.cold") &&
	    !want("translate.zipf") && !want("calibration.cold"))
		return;
	sys_create(&s, &c);
	rss0 = rss_bytes();
	heap0 = heap_bytes();
	t0 = now_ns();
	sys_map(&s, 0, ndev, 0, 256, ICID_RR, 0);
	tb = now_ns() - t0;
	rss1 = rss_bytes();
	heap1 = heap_bytes();
	if (want("memory.per_lpi")) {
		uint64_t b = delta(rss0, rss1), h = delta(heap0, heap1);

		snprintf(params, sizeof(params),
			 "\"lpis\":%" PRIu64
			 ",\"devices\":%u,\"events_per_device\":256,"
			 "\"method\":\"rss_delta\",\"pending\":0",
			 (uint64_t)1 << lpi_bits, ndev);
		snprintf(extra, sizeof(extra),
			 ",\"bytes_per_lpi\":%.2f,\"heap_bytes\":%" PRIu64
			 ",\"heap_bytes_per_lpi\":%.2f,\"build_ns\":%" PRIu64
			 ",\"build_commands_per_s\":%.0f",
			 (double)b / (double)(1ull << lpi_bits), h,
			 (double)h / (double)(1ull << lpi_bits), tb,
			 (double)((1ull << lpi_bits) + ndev) * 1e9 /
				 (double)tb);
		emit_mem("memory.per_lpi", params, b, extra);
	}
	if (want("translate.cold")) {
		/*
		 * translate.cold.fast (gicits_its_msi) and translate.cold.burst
		 * (the same kind of keys through gicits_its_msi_burst) in
		 * alternating blocks of 4,096 MSIs, each block timed: both see
		 * the same mix of newly and already pending LPIs as the
		 * pending set fills, and the same machine noise.
		 */
		enum { COLD_BURST = 64, BLOCK = 4096 };
		struct gicits_msi m[COLD_BURST];
		uint64_t tf = 0, tbu = 0, opf = 0, opb = 0;
		bool do_fast = want("translate.cold.fast"),
		     do_burst = want("translate.cold.burst");

		lim = (uint64_t)(opt.dur * 1e9);
		do {
			unsigned k, b;

			if (do_fast) {
				t0 = now_ns();
				for (k = 0; k < BLOCK; k++) {
					uint64_t l = ts_xorshift(&seed) >>
						     (64 - lpi_bits);

					bad += gicits_its_msi(
						       s.its,
						       (uint32_t)(l >> 8),
						       (uint32_t)(l & 255)) !=
					       0;
				}
				tf += now_ns() - t0;
				opf += BLOCK;
			}
			if (do_burst) {
				t0 = now_ns();
				for (b = 0; b < BLOCK / COLD_BURST; b++) {
					for (k = 0; k < COLD_BURST; k++) {
						uint64_t l =
							ts_xorshift(&seed) >>
							(64 - lpi_bits);

						m[k].device_id =
							(uint32_t)(l >> 8);
						m[k].event_id =
							(uint32_t)(l & 255);
					}
					bad += COLD_BURST -
					       (uint64_t)gicits_its_msi_burst(
						       s.its, m, COLD_BURST,
						       NULL);
				}
				tbu += now_ns() - t0;
				opb += BLOCK;
			}
		} while ((do_fast ? tf : tbu) < lim);
		if (bad)
			die("translate.cold: %" PRIu64 " MSIs dropped", bad);
		if (do_fast) {
			snprintf(params, sizeof(params),
				 "\"lpis\":%" PRIu64
				 ",\"devices\":%u,\"events_per_device\":256,"
				 "\"keys\":\"uniform random\",\"cache\":\"on\"",
				 (uint64_t)1 << lpi_bits, ndev);
			cold_fast_ns = (double)tf / (double)opf;
			emit("translate.cold.fast", params, opf, tf, "");
		}
		if (do_burst) {
			snprintf(params, sizeof(params),
				 "\"lpis\":%" PRIu64
				 ",\"devices\":%u,\"events_per_device\":256,"
				 "\"keys\":\"uniform random\",\"cache\":\"on\","
				 "\"burst\":%d",
				 (uint64_t)1 << lpi_bits, ndev,
				 (int)COLD_BURST);
			cold_burst_ns = (double)tbu / (double)opb;
			extra[0] = 0;
			if (do_fast)
				snprintf(extra, sizeof(extra),
					 ",\"fast_over_burst\":%.2f",
					 cold_fast_ns / cold_burst_ns);
			emit("translate.cold.burst", params, opb, tbu, extra);
		}
	}
	if (want("translate.zipf"))
		bench_zipf(&s, lpi_bits);
	sys_destroy(&s);
	if (want("calibration.cold"))
		bench_calibration_cold(lpi_bits);
}

/* ---- injector threads ----------------------------------------------- */

struct run {
	atomic_int ready;
	atomic_bool go;
	atomic_bool stop;
};

struct inj {
	struct run *run;
	struct gicits_its *its;
	const struct key *keys;
	size_t n; /* power of two */
	uint64_t ops, bad;
	thrd_t th;
};

static int inj_main(void *arg)
{
	struct inj *a = arg;
	size_t i = 0, mask = a->n - 1;
	uint64_t ops = 0, bad = 0; /* local: no false sharing between threads */

	atomic_fetch_add(&a->run->ready, 1);
	while (!atomic_load_explicit(&a->run->go, memory_order_acquire))
		;
	while (!atomic_load_explicit(&a->run->stop, memory_order_relaxed)) {
		unsigned j;

		for (j = 0; j < 1024; j++, i++) {
			const struct key *k = &a->keys[i & mask];

			bad += gicits_its_msi(a->its, k->dev, k->ev) != 0;
		}
		ops += 1024;
	}
	a->ops = ops;
	a->bad = bad;
	return 0;
}

/* Start @n injectors (keys[t] for thread t), run opt.dur, return ns. */
static uint64_t run_injectors(struct inj *in, unsigned n, struct run *run,
			      void (*during)(void *), void *arg)
{
	uint64_t t0, t;
	unsigned i;

	atomic_store(&run->ready, 0);
	atomic_store(&run->go, false);
	atomic_store(&run->stop, false);
	for (i = 0; i < n; i++) {
		in[i].run = run;
		in[i].ops = in[i].bad = 0;
		if (thrd_create(&in[i].th, inj_main, &in[i]) != thrd_success)
			die("thrd_create failed");
	}
	while (atomic_load(&run->ready) < (int)n)
		thrd_yield();
	t0 = now_ns();
	atomic_store_explicit(&run->go, true, memory_order_release);
	if (during)
		during(arg);
	else
		sleep_s(opt.dur);
	atomic_store(&run->stop, true);
	for (i = 0; i < n; i++)
		thrd_join(in[i].th, NULL);
	t = now_ns() - t0;
	return t;
}

/* The command thread of inject.under_commands. */
struct churn {
	struct sys *s;
	struct run *run;
	uint32_t dev0, ndev, intid0;
	double rate; /* commands per second to aim at */
	uint64_t cmds, ns;
	thrd_t th;
};

static int churn_main(void *arg)
{
	struct churn *c = arg;
	struct sys *s = c->s;
	uint64_t t0 = now_ns(), i = 0, n = 0;
	uint32_t nev = c->ndev * 256;

	s->batch = CQ_SLOTS; /* flush explicitly */
	while (!atomic_load_explicit(&c->run->stop, memory_order_relaxed)) {
		unsigned j;

		for (j = 0; j < 32; j++, i++) {
			uint32_t g = (uint32_t)(i % nev),
				 dev = c->dev0 + g / 256, ev = g % 256;

			c_mapti(s, dev, ev, c->intid0 + g, 0);
			c_movi(s, dev, ev, 1);
			c_ev(s, GICITS_CMD_DISCARD, dev, ev);
		}
		cq_flush(s);
		n += 96;
		/* pace to c->rate */
		while ((double)(now_ns() - t0) < (double)n * 1e9 / c->rate &&
		       !atomic_load_explicit(&c->run->stop,
					     memory_order_relaxed))
			thrd_yield();
	}
	c->ns = now_ns() - t0;
	c->cmds = n;
	return 0;
}

static void churn_during(void *arg)
{
	struct churn *c = arg;

	if (thrd_create(&c->th, churn_main, c) != thrd_success)
		die("thrd_create failed");
	sleep_s(opt.dur);
	atomic_store(&c->run->stop, true);
	thrd_join(c->th, NULL);
}

static void bench_inject(void)
{
	unsigned maxt = opt.max_threads, ncpu = maxt < 2 ? 2 : maxt, t, n;
	uint32_t own_dev = 0, shared_dev = 16 * ncpu, churn_dev = 32 * ncpu;
	uint32_t nslots = 32 * ncpu + 64, churn_intid;
	struct sys_cfg c = {
		.ncpu = ncpu, .devbits = 16, .ev_bits = 8, .nslots = nslots
	};
	struct key **own, **shared;
	struct inj *in;
	struct run run;
	struct sys s;
	char params[256], name[64], extra[256];
	double quiet = 0;

	if (!want("inject."))
		return;
	c.intid_bits = bits_for(GICITS_LPI_BASE + (uint64_t)nslots * 256, 16);
	sys_create(&s, &c);
	own = calloc(ncpu, sizeof(*own));
	shared = calloc(ncpu, sizeof(*shared));
	in = calloc(ncpu, sizeof(*in));
	if (!own || !shared || !in)
		die("out of memory");
	for (t = 0; t < ncpu; t++) {
		/* thread t: 16 devices to CPU t, and 16 devices to CPU 0 */
		sys_map(&s, own_dev + 16 * t, 16, 16 * t, 256, ICID_FIXED, t);
		sys_map(&s, shared_dev + 16 * t, 16, 16 * ncpu + 16 * t, 256,
			ICID_FIXED, 0);
		own[t] = make_keys(own_dev + 16 * t, 16, 256, 100 + t);
		shared[t] = make_keys(shared_dev + 16 * t, 16, 256, 200 + t);
	}
	/* churn devices: mapped, events mapped and unmapped by the command
	 * thread */
	churn_intid = s.next_intid;
	for (t = 0; t < 64; t++)
		c_mapd(&s, churn_dev + t, 8,
		       s.itt + (uint64_t)(32 * ncpu + t) * s.itt_stride, true);
	s.next_intid += 64 * 256;
	sys_check(&s, "churn devices");

	for (n = 1; n <= maxt || n <= 2; n *= 2) {
		uint64_t ns, ops = 0, bad = 0;

		snprintf(name, sizeof(name), "inject.threads%u", n);
		if (!want(name))
			continue;
		for (t = 0; t < n; t++) {
			in[t].its = s.its;
			in[t].keys = own[t];
			in[t].n = 4096;
		}
		ns = run_injectors(in, n, &run, NULL, NULL);
		for (t = 0; t < n; t++) {
			ops += in[t].ops;
			bad += in[t].bad;
		}
		if (bad)
			die("%s: %" PRIu64 " MSIs dropped", name, bad);
		if (n == 1)
			quiet = (double)ops / (double)ns;
		snprintf(
			params, sizeof(params),
			"\"threads\":%u,\"targets\":\"distinct\",\"lpis_per_thread\":4096,"
			"\"cores\":%u",
			n, opt.ncores);
		emit(name, params, ops, ns, "");
		for (t = 0; t < ncpu; t++)
			drain_cpu(&s, t);
	}
	for (n = 2; n <= maxt || n <= 2; n *= 2) {
		uint64_t ns, ops = 0, bad = 0;

		snprintf(name, sizeof(name), "inject.same_target.threads%u", n);
		if (!want(name))
			continue;
		for (t = 0; t < n; t++) {
			in[t].its = s.its;
			in[t].keys = shared[t];
			in[t].n = 4096;
		}
		ns = run_injectors(in, n, &run, NULL, NULL);
		for (t = 0; t < n; t++) {
			ops += in[t].ops;
			bad += in[t].bad;
		}
		if (bad)
			die("%s: %" PRIu64 " MSIs dropped", name, bad);
		snprintf(params, sizeof(params),
			 "\"threads\":%u,\"targets\":\"one redistributor\","
			 "\"lpis_per_thread\":4096,\"cores\":%u",
			 n, opt.ncores);
		emit(name, params, ops, ns, "");
		drain_cpu(&s, 0);
	}
	if (want("inject.under_commands")) {
		struct churn ch;
		uint64_t ns, ops;

		if (quiet == 0) {
			in[0].its = s.its;
			in[0].keys = own[0];
			in[0].n = 4096;
			ns = run_injectors(in, 1, &run, NULL, NULL);
			quiet = (double)in[0].ops / (double)ns;
		}
		memset(&ch, 0, sizeof(ch));
		ch.s = &s;
		ch.run = &run;
		ch.dev0 = churn_dev;
		ch.ndev = 64;
		ch.intid0 = churn_intid;
		ch.rate = 1e6;
		in[0].its = s.its;
		in[0].keys = own[0];
		in[0].n = 4096;
		ns = run_injectors(in, 1, &run, churn_during, &ch);
		ops = in[0].ops;
		if (in[0].bad)
			die("inject.under_commands: %" PRIu64 " MSIs dropped",
			    in[0].bad);
		s.batch = 8192;
		sys_check(&s, "inject.under_commands");
		snprintf(
			params, sizeof(params),
			"\"injectors\":1,\"command_threads\":1,\"commands\":\"MAPTI/MOVI/DISCARD\","
			"\"cmd_target_per_s\":1000000,\"cmds_per_cwriter\":96");
		snprintf(
			extra, sizeof(extra),
			",\"cmds_per_s\":%.0f,\"quiet_mops\":%.3f,\"ratio_vs_quiet\":%.3f",
			(double)ch.cmds * 1e9 / (double)ch.ns, quiet * 1e3,
			((double)ops / (double)ns) / quiet);
		emit("inject.under_commands", params, ops, ns, extra);
	}
	for (t = 0; t < ncpu; t++) {
		free(own[t]);
		free(shared[t]);
	}
	free(own);
	free(shared);
	free(in);
	sys_destroy(&s);
}

/* ---- command queue -------------------------------------------------- */

/* INVALL and MOVALL with @p LPIs pending on CPU 0 (devices from @dev0). */
static void bench_bulk(struct sys *s, uint32_t dev0, uint64_t mapped)
{
	static const uint32_t levels[] = { 0, 64, 4096, 65536 };
	unsigned nl = opt.quick ? 3 : 4, li;
	uint64_t made = 0;
	char name[64], params[160], extra[96];

	s->batch = 1;
	for (li = 0; li < nl; li++) {
		uint32_t p = levels[li];
		uint64_t t0, t, reps, lim = (uint64_t)(opt.dur * 0.25e9);
		int r;

		while (made < p) {
			r = gicits_its_msi(s->its,
					   dev0 + (uint32_t)(made / 256),
					   (uint32_t)(made % 256));
			if (r)
				die("bulk: MSI dropped (%d)", r);
			made++;
		}
		snprintf(params, sizeof(params),
			 "\"pending\":%u,\"cpus\":%u,\"mapped_lpis\":%" PRIu64,
			 p, s->c.ncpu, mapped);
		snprintf(name, sizeof(name), "cmdq.invall.pending%u", p);
		if (want(name)) {
			reps = 0;
			t0 = now_ns();
			do {
				c_invall(s, 0);
				reps++;
				t = now_ns() - t0;
			} while ((t < lim || reps < 3) && reps < 100000);
			snprintf(extra, sizeof(extra),
				 ",\"ns_per_pending_lpi\":%.3f",
				 p ? (double)t / (double)reps / p : 0.0);
			emit(name, params, reps, t, extra);
		}
		snprintf(name, sizeof(name), "cmdq.movall.pending%u", p);
		if (want(name)) {
			reps = 0;
			t0 = now_ns();
			do {
				/* 0 -> 1, then 1 -> 0: each moves p LPIs */
				c_movall(s, (reps & 1) ? 1 : 0,
					 (reps & 1) ? 0 : 1);
				reps++;
				t = now_ns() - t0;
			} while ((t < lim || reps < 4 || (reps & 1)) &&
				 reps < 100000);
			snprintf(extra, sizeof(extra),
				 ",\"ns_per_lpi_moved\":%.3f",
				 p ? (double)t / (double)reps / p : 0.0);
			emit(name, params, reps, t, extra);
		}
	}
	sys_check(s, "bulk");
	s->batch = 8192;
}

/* ack + EOI until nothing is pending, with N LPIs pending on @cpu. */
static void bench_drain(struct sys *s, uint32_t dev0, unsigned cpu,
			const char *prefix, const char *model)
{
	static const uint32_t levels[] = { 64, 1024, 16384 };
	unsigned nl = opt.quick ? 2 : 3, li;
	char name[96], params[160], extra[96];

	for (li = 0; li < nl; li++) {
		uint32_t p = levels[li], k;
		uint64_t got, t0, t;

		snprintf(name, sizeof(name), "%s.pending%u", prefix, p);
		if (!want(name))
			continue;
		for (k = 0; k < p; k++)
			if (gicits_its_msi(s->its, dev0 + k / 256, k % 256))
				die("%s: MSI dropped", name);
		t0 = now_ns();
		got = drain_cpu(s, cpu);
		t = now_ns() - t0;
		if (got != p)
			die("%s: %" PRIu64 " acknowledged, %u pending", name,
			    got, p);
		snprintf(params, sizeof(params),
			 "\"pending\":%u,\"op\":\"ack+eoi until spurious\","
			 "\"same_priority\":true,\"lpi_cache\":\"%s\"",
			 p, model);
		snprintf(extra, sizeof(extra),
			 ",\"ns_per_op_per_pending\":%.4f", (double)t / p / p);
		emit(name, params, p, t, extra);
	}
}

static void bench_cmdq(void)
{
	/* devices: 0..255 mix, 1024..1279 bulk (CPU 0), 2048..2111 drain
	 * (CPU 3), 4096.. MAPD (spare ITTs), 60000 big-ITT device */
	struct sys_cfg c = { .ncpu = 4,
			     .intid_bits = 18,
			     .devbits = 16,
			     .ev_bits = 8,
			     .nslots = 256 + 256 + 64,
			     .spare = 4096 * 256 + (65536 * 8) };
	uint32_t mix_intid, i, nmapd = opt.quick ? 1024 : 4096;
	uint64_t t0, t, ops, lim = (uint64_t)(opt.dur * 1e9), mapped;
	char params[256], extra[128], name[64];
	struct sys s;

	if (!want("cmdq.mix") && !want("cmdq.mapd") &&
	    !want("cmdq.mapd_unmap") && !want("cmdq.invall") &&
	    !want("cmdq.movall") && !want("ack.drain") &&
	    !want("ack.drain.lpi_cache_full"))
		return;
	sys_create(&s, &c);
	mix_intid = sys_map(&s, 0, 256, 0, 256, ICID_RR, 0);
	sys_map(&s, 1024, 256, 256, 256, ICID_FIXED, 0);
	sys_map(&s, 2048, 64, 512, 256, ICID_FIXED, 3);
	mapped = 3 * 65536 + 64 * 256;

	if (want("cmdq.mix")) {
		/* unmap the mix events first: the loop maps them again */
		for (i = 0; i < 65536; i++)
			c_ev(&s, GICITS_CMD_DISCARD, i / 256, i % 256);
		sys_check(&s, "cmdq.mix discard");
		ops = 0;
		i = 0;
		s.its_ns = 0;
		t0 = now_ns();
		do {
			unsigned j;

			for (j = 0; j < 2048; j++, i = (i + 1) % 65536) {
				uint32_t dev = i / 256, ev = i % 256;

				c_mapti(&s, dev, ev, mix_intid + i, i % 4);
				c_ev(&s, GICITS_CMD_INT, dev, ev);
				c_movi(&s, dev, ev, (i + 1) % 4);
				c_ev(&s, GICITS_CMD_DISCARD, dev, ev);
			}
			ops += 8192;
			t = now_ns() - t0;
		} while (t < lim);
		sys_check(&s, "cmdq.mix");
		snprintf(
			params, sizeof(params),
			"\"mix\":\"MAPTI,INT,MOVI,DISCARD\",\"cmds_per_cwriter\":%u,"
			"\"queue_bytes\":%u,\"cpus\":4,\"timed\":\"CWRITER writes (ITS processing)\"",
			s.batch, CQ_BYTES);
		/* ns_per_op: the ITS's own processing (the CWRITER writes), as
		 * the oracle's "QEMU ITS processing" figure; the guest's cost of
		 * writing the packets is reported beside it. */
		snprintf(extra, sizeof(extra), ",\"end_to_end_ns_per_op\":%.3f",
			 (double)t / (double)ops);
		emit("cmdq.mix", params, ops, s.its_ns, extra);
		/* leave the mix events mapped again */
		for (i = 0; i < 65536; i++)
			c_mapti(&s, i / 256, i % 256, mix_intid + i, i % 4);
		sys_check(&s, "cmdq.mix remap");
	}

	if (want("cmdq.mapd")) {
		/* MAPD V=1 with a 32-event ITT, then V=0, on fresh devices */
		cq_flush(&s);
		t0 = now_ns();
		for (i = 0; i < nmapd; i++)
			c_mapd(&s, 4096 + i, 5, s.spare + (uint64_t)i * 256,
			       true);
		cq_flush(&s);
		t = now_ns() - t0;
		sys_check(&s, "cmdq.mapd");
		emit("cmdq.mapd",
		     "\"valid\":1,\"itt_events\":32,\"cmds_per_cwriter\":8192",
		     nmapd, t, "");
		t0 = now_ns();
		for (i = 0; i < nmapd; i++)
			c_mapd(&s, 4096 + i, 5, 0, false);
		cq_flush(&s);
		t = now_ns() - t0;
		sys_check(&s, "cmdq.mapd unmap");
		emit("cmdq.mapd_unmap.batched",
		     "\"valid\":0,\"itt_events\":32,\"mapped_events\":0,\"cmds_per_cwriter\":8192",
		     nmapd, t, "");
	}
	if (want("cmdq.mapd_unmap")) {
		/* MAPD V=0 cost against ITT size and mapped events: one
		 * device, remapped and unmapped repeatedly; only the unmap
		 * (one command per CWRITER write) is timed.  Per mapped
		 * event: the increment over the same ITT with none mapped,
		 * measured just before. */
		static const struct {
			unsigned bits;
			uint32_t mapped;
		} shapes[] = {
			{ 5, 0 }, { 5, 32 }, { 16, 0 }, { 16, 1 }, { 16, 4096 }
		};
		double base[17] = { 0 };
		unsigned k;

		for (k = 0; k < sizeof(shapes) / sizeof(shapes[0]); k++) {
			uint32_t m = shapes[k].mapped, reps = 0, e;
			uint64_t tu = 0;

			snprintf(name, sizeof(name),
				 "cmdq.mapd_unmap.itt%u.mapped%u",
				 1u << shapes[k].bits, m);
			if (!want(name))
				continue;
			t0 = now_ns();
			do {
				uint64_t a;

				s.batch = 8192;
				c_mapd(&s, 60000, shapes[k].bits,
				       s.spare + 4096 * 256, true);
				for (e = 0; e < m; e++)
					c_mapti(&s, 60000, e, mix_intid + e, 0);
				cq_flush(&s);
				s.batch = 1;
				a = now_ns();
				c_mapd(&s, 60000, shapes[k].bits, 0, false);
				tu += now_ns() - a;
				reps++;
			} while ((now_ns() - t0 < lim / 4 || reps < 5) &&
				 reps < 20000);
			s.batch = 8192;
			sys_check(&s, name);
			snprintf(
				params, sizeof(params),
				"\"valid\":0,\"itt_events\":%u,\"mapped_events\":%u,"
				"\"cmds_per_cwriter\":1",
				1u << shapes[k].bits, m);
			if (!m)
				base[shapes[k].bits] = (double)tu / reps;
			snprintf(
				extra, sizeof(extra),
				",\"ns_per_mapped_event\":%.3f",
				m ? ((double)tu / reps - base[shapes[k].bits]) /
						m :
				    0.0);
			emit(name, params, reps, tu, extra);
		}
	}

	if (want("ack.drain")) {
		struct sys h;

		c.force_hpp = true;
		c.nslots = 64;
		c.spare = 0;
		sys_create(&h, &c);
		sys_map(&h, 2048, 64, 0, 256, ICID_FIXED, 3);
		bench_drain(&h, 2048, 3, "ack.drain", "hpp");
		sys_destroy(&h);
		c.force_hpp = false;
	}
	if (want("ack.drain.lpi_cache_full")) {
		struct sys f;

		c.lpi_cache = GICITS_LPI_CACHE_FULL;
		c.nslots = 64;
		c.spare = 0;
		sys_create(&f, &c);
		sys_map(&f, 2048, 64, 0, 256, ICID_FIXED, 3);
		bench_drain(&f, 2048, 3, "ack.drain.lpi_cache_full", "full");
		sys_destroy(&f);
	}

	if (want("cmdq.invall") || want("cmdq.movall"))
		bench_bulk(&s, 1024, mapped);
	sys_destroy(&s);
}

/* ---- lpi_stress ----------------------------------------------------- */

struct stress_dev {
	struct gicits_its *its;
	uint32_t dev, nev;
	uint64_t iters, bad;
	atomic_bool *go;
	thrd_t th;
};

static int stress_main(void *arg)
{
	struct stress_dev *d = arg;
	uint64_t i;
	uint32_t e;

	while (!atomic_load_explicit(d->go, memory_order_acquire))
		thrd_yield();
	for (i = 0; i < d->iters; i++)
		for (e = 0; e < d->nev; e++)
			d->bad += gicits_its_msi(d->its, d->dev, e) != 0;
	return 0;
}

struct stress_guest {
	struct sys *s;
	atomic_bool *stop;
	uint64_t acks;
	thrd_t th;
};

static int guest_main(void *arg)
{
	struct stress_guest *g = arg;
	unsigned k = 0;

	while (!atomic_load_explicit(g->stop, memory_order_relaxed)) {
		uint32_t id = gicits_cpu_ack(g->s->gic, k);

		if (id != GICITS_INTID_SPURIOUS) {
			gicits_cpu_eoi(g->s->gic, k, id);
			g->acks++;
		} else {
			k = (k + 1) % g->s->c.ncpu;
		}
	}
	return 0;
}

static void bench_lpi_stress(void)
{
	static const unsigned shapes[][3] = {
		{ 1, 1, 1 },	{ 1, 1, 17 },  { 16, 16, 16 },
		{ 16, 16, 17 }, { 32, 32, 1 },
	};
	uint64_t total = opt.quick ? 200000 : 4000000;
	unsigned k;

	for (k = 0; k < sizeof(shapes) / sizeof(shapes[0]); k++) {
		unsigned v = shapes[k][0], nd = shapes[k][1], ne = shapes[k][2],
			 i;
		struct sys_cfg c = { .ncpu = v,
				     .devbits = 16,
				     .ev_bits = bits_for(ne, 0),
				     .nslots = nd };
		struct stress_dev *d = calloc(nd, sizeof(*d));
		uint64_t iters = total / ((uint64_t)nd * ne), t0, t, bad = 0;
		atomic_bool go, stop;
		struct stress_guest g;
		char name[64], params[256], extra[96];
		struct sys s;

		snprintf(name, sizeof(name), "lpi_stress.v%ud%ue%u", v, nd, ne);
		if (!want(name) || !d) {
			free(d);
			continue;
		}
		if (!iters)
			iters = 1;
		c.intid_bits = bits_for(
			GICITS_LPI_BASE + (uint64_t)nd * (1u << c.ev_bits), 16);
		sys_create(&s, &c);
		/* one MAPTI per event, round-robin over the collections */
		sys_map(&s, 0, nd, 0, ne, ICID_RR, 0);
		for (i = 0; i < v; i++) /* INVALL per collection */
			c_invall(&s, i);
		sys_check(&s, name);
		atomic_init(&go, false);
		atomic_init(&stop, false);
		g.s = &s;
		g.stop = &stop;
		g.acks = 0;
		for (i = 0; i < nd; i++) {
			d[i].its = s.its;
			d[i].dev = i;
			d[i].nev = ne;
			d[i].iters = iters;
			d[i].go = &go;
			if (thrd_create(&d[i].th, stress_main, &d[i]) !=
			    thrd_success)
				die("thrd_create failed");
		}
		if (thrd_create(&g.th, guest_main, &g) != thrd_success)
			die("thrd_create failed");
		t0 = now_ns();
		atomic_store_explicit(&go, true, memory_order_release);
		for (i = 0; i < nd; i++) {
			thrd_join(d[i].th, NULL);
			bad += d[i].bad;
		}
		t = now_ns() - t0;
		atomic_store(&stop, true);
		thrd_join(g.th, NULL);
		if (bad)
			die("%s: %" PRIu64 " MSIs dropped", name, bad);
		snprintf(params, sizeof(params),
			 "\"vcpus\":%u,\"devices\":%u,\"events_per_device\":%u,"
			 "\"iterations\":%" PRIu64 ",\"injector_threads\":%u,"
			 "\"ack_threads\":1,\"cores\":%u",
			 v, nd, ne, iters, nd, opt.ncores);
		snprintf(extra, sizeof(extra),
			 ",\"lpis_per_s\":%.0f,\"acks\":%" PRIu64,
			 (double)iters * nd * ne * 1e9 / (double)t, g.acks);
		emit(name, params, iters * nd * ne, t, extra);
		sys_destroy(&s);
		free(d);
	}
}

/* ---- memory: redistributors ----------------------------------------- */

/*
 * ack.idspace.<model>.bits<N>: make one LPI pending (GICR_SETLPIR),
 * acknowledge it and EOI it, on a redistributor whose GIC has N INTID bits.
 * The pending set holds one LPI whatever N is, so the cost must not grow
 * with the INTID space (the acknowledge reads two-level summaries: one
 * word per 64 blocks of 32,768 INTIDs).
 */
static void bench_ack_idspace(void)
{
	static const unsigned bits[] = { 16, 24, 32 };
	enum { RAMB = 1 << 20 };
	const uint64_t ram_pa = 0x40000000ull;
	unsigned bi, m;

	for (m = 0; m < 2; m++) {
		for (bi = 0; bi < sizeof(bits) / sizeof(bits[0]); bi++) {
			const char *model = m ? "hpp" : "full";
			struct gicits_gic *gic;
			struct ts_desc d;
			struct ts_sys sys;
			uint64_t ops = 0, t0, t, lim;
			char name[64], params[96];

			snprintf(name, sizeof(name), "ack.idspace.%s.bits%u",
				 model, bits[bi]);
			if (!want(name))
				continue;
			/* one CPU; 64 KB of 0xa3 (enabled, priority 0xa0);
			 * IDbits 15: LPIs 8192..65535 */
			ts_desc_default(&d);
			d.ram_base = ram_pa;
			d.ram_size = RAMB;
			d.gic.num_cpus = 1;
			d.gic.intid_bits = bits[bi];
			d.gic.lpi_cache = m ? GICITS_LPI_CACHE_HPP :
					      GICITS_LPI_CACHE_FULL;
			d.prop = ram_pa;
			d.prop_fill_len = 1 << 16;
			d.prop_idbits = 16;
			d.pend = ram_pa + (1 << 19);
			d.no_its = true;
			if (ts_sys_create(&sys, &d))
				die("%s: system set-up", name);
			gic = sys.gic;
			lim = (uint64_t)(opt.dur * 1e9);
			t0 = now_ns();
			do {
				unsigned k;

				for (k = 0; k < 256; k++) {
					uint32_t id = 8192 + k % 64;

					if (gicits_rdist_write(
						    gic, 0, GICITS_GICR_SETLPIR,
						    8, id) ||
					    gicits_cpu_ack(gic, 0) != id ||
					    gicits_cpu_eoi(gic, 0, id))
						die("%s: LPI %u not delivered",
						    name, id);
				}
				ops += 256;
				t = now_ns() - t0;
			} while (t < lim);
			snprintf(params, sizeof(params),
				 "\"intid_bits\":%u,\"lpi_cache\":\"%s\","
				 "\"op\":\"setlpir+ack+eoi\",\"pending\":1",
				 bits[bi], model);
			emit(name, params, ops, t, "");
			ts_sys_destroy(&sys);
		}
	}
}

static void bench_mem_rdist(void)
{
	unsigned n = 4096, ib = opt.quick ? 21 : 25, k;
	uint64_t propsz = (1ull << ib) - GICITS_LPI_BASE,
		 pendsz = align_up((1ull << ib) / 8, PAGE64K);
	uint8_t *prop = malloc(propsz);
	struct gicits_gic_config gc;
	struct gicits_gic *gic;
	struct gicits_mem mem;
	uint64_t r0, h0, r1, h1, r2, h2;
	char params[128], extra[160];
	int err;

	if (!want("memory.idle_redistributor") &&
	    !want("memory.active_redistributor"))
		return;
	if (!prop)
		die("out of memory");
	memset(prop, TS_CFG_BYTE, propsz);
	gicits_mem_init(&mem, &ts_sink_ops, NULL);
	gicits_mem_add_direct(&mem, RAM_BASE, propsz, prop);
	gicits_gic_config_default(&gc);
	gc.num_cpus = n;
	gc.intid_bits = ib;
	rss_settle();
	r0 = rss_bytes();
	h0 = heap_bytes();
	err = gicits_gic_create(&gc, &mem, &gic);
	if (err)
		die("gicits_gic_create: %s", gicits_strerror(err));
	for (k = 0; k < n; k++) {
		gicits_rdist_write(gic, k, GICITS_GICR_PROPBASER, 8,
				   RAM_BASE | (ib - 1));
		gicits_rdist_write(gic, k, GICITS_GICR_PENDBASER, 8,
				   (PEND_BASE + (uint64_t)k * pendsz) |
					   1ull << 62);
		gicits_rdist_write(gic, k, GICITS_GICR_CTLR, 4, 1);
	}
	r1 = rss_bytes();
	h1 = heap_bytes();
	snprintf(params, sizeof(params),
		 "\"redistributors\":%u,\"intid_bits\":%u,\"enable_lpis\":1,"
		 "\"method\":\"rss_delta\"",
		 n, ib);
	snprintf(extra, sizeof(extra),
		 ",\"bytes_per_redistributor\":%.1f,\"heap_bytes\":%" PRIu64
		 ",\"heap_bytes_per_redistributor\":%.1f",
		 (double)delta(r0, r1) / n, delta(h0, h1),
		 (double)delta(h0, h1) / n);
	if (want("memory.idle_redistributor"))
		emit_mem("memory.idle_redistributor", params, delta(r0, r1),
			 extra);
	/* one LPI made pending on each (GICR_SETLPIR), INTIDs 4096 apart */
	for (k = 0; k < n; k++)
		gicits_rdist_write(gic, k, GICITS_GICR_SETLPIR, 8,
				   GICITS_LPI_BASE +
					   ((uint64_t)k * 4096) % propsz);
	r2 = rss_bytes();
	h2 = heap_bytes();
	snprintf(
		params, sizeof(params),
		"\"redistributors\":%u,\"intid_bits\":%u,\"pending_per_redistributor\":1,"
		"\"method\":\"rss_delta\"",
		n, ib);
	snprintf(extra, sizeof(extra),
		 ",\"bytes_per_redistributor\":%.1f,\"heap_bytes\":%" PRIu64
		 ",\"heap_bytes_per_redistributor\":%.1f",
		 (double)delta(r1, r2) / n, delta(h1, h2),
		 (double)delta(h1, h2) / n);
	if (want("memory.active_redistributor"))
		emit_mem("memory.active_redistributor", params, delta(r1, r2),
			 extra);
	gicits_gic_destroy(gic);
	free(prop);
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

	memset(&opt, 0, sizeof(opt));
	opt.lpi_cache = GICITS_LPI_CACHE_FULL;
	opt.ncores = nc > 0 ? (unsigned)nc : 1;
	opt.max_threads = opt.ncores;
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--quick")) {
			opt.quick = true;
		} else if (!strcmp(argv[i], "--only") && i + 1 < argc) {
			opt.only = argv[++i];
		} else if (!strcmp(argv[i], "--time") && i + 1 < argc) {
			opt.dur = strtod(argv[++i], NULL);
			dur_set = true;
			if (!(opt.dur > 0 && opt.dur < 3600)) {
				fprintf(stderr, "gicits bench: bad --time\n");
				return 2;
			}
		} else if (!strcmp(argv[i], "--lpi-cache") && i + 1 < argc) {
			i++;
			if (!strcmp(argv[i], "hpp")) {
				opt.lpi_cache = GICITS_LPI_CACHE_HPP;
			} else if (!strcmp(argv[i], "full")) {
				opt.lpi_cache = GICITS_LPI_CACHE_FULL;
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
			opt.max_threads = (unsigned)t;
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
		opt.dur = opt.quick ? 0.1 : 1.0;
	bench_hot();
	bench_big();
	bench_inject();
	bench_cmdq();
	bench_lpi_stress();
	bench_mem_rdist(); /* RSS deltas: before benches that free much */
	bench_ack_idspace();
	return 0;
}
