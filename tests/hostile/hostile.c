/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Hostile guests (issue 11): guests that try to make the host allocate or
 * work without bound through what they control (commands, tables,
 * registers).  Each case runs a bounded number of guest operations and
 * checks its own budget with the library's counters (index and pending
 * bytes) and with operation counts (guest-memory accesses, pending-table
 * writes), never with a timing; the wall time is only a safety net.
 *
 *   hostile CASE [--full] [--n N]
 *
 * CASE: shared_itt, enable_toggle, enable_scan, invall_flood, inv_one,
 * setlpir_space, its_toggle.
 * --full runs the sizes (for the report; minutes and GiB before
 * the fix), --n N overrides the case's main count.  Prints one line per
 * case with the peak RSS growth and the time.  See docs/performance.md,
 * "Cost of guest-triggered operations".
 */
#define _POSIX_C_SOURCE 200809L
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "gicits/cmd.h"
#include "gicits/error.h"
#include "gicits/its.h"
#include "gicits/rdist.h"
#include "its/its_internal.h"
#include "rdist/pending.h"
#include "rdist/rdist_internal.h"
#include "sys.h"

#define MIB (1024.0 * 1024.0)
#define WALL_CAP_S 600.0 /* safety net only */

static bool full;
static long n_override = -1;
static double t0;
static uint64_t rss0;

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

#define CHECK(cond, ...)                                                   \
	do {                                                               \
		if (!(cond)) {                                             \
			fprintf(stderr, "%s:%d: %s: ", __FILE__, __LINE__, \
				#cond);                                    \
			fprintf(stderr, __VA_ARGS__);                      \
			fputc('\n', stderr);                               \
			exit(1);                                           \
		}                                                          \
		if (now_s() - t0 > WALL_CAP_S) {                           \
			fprintf(stderr, "wall-time safety net hit\n");     \
			exit(1);                                           \
		}                                                          \
	} while (0)

static long count(long dflt, long fullv)
{
	if (n_override >= 0)
		return n_override;
	return full ? fullv : dflt;
}

/* ---- a pending table outside the RAM that counts its accesses ------- */

struct pend_log {
	uint64_t reads, writes, nonzero_writes;
	uint64_t base;
	/* the last non-zero bytes written (gpa, byte) */
	uint64_t gpa[64];
	uint8_t val[64];
	unsigned n;
};
static struct pend_log plog;

static int plog_read(void *opaque, uint64_t gpa, void *buf, size_t len)
{
	(void)opaque;
	(void)gpa;
	plog.reads++;
	memset(buf, 0, len);
	return 0;
}

static int plog_write(void *opaque, uint64_t gpa, const void *buf, size_t len)
{
	const uint8_t *b = buf;
	size_t i;

	(void)opaque;
	plog.writes++;
	for (i = 0; i < len; i++) {
		if (!b[i])
			continue;
		plog.nonzero_writes++;
		if (plog.n < 64) {
			plog.gpa[plog.n] = gpa + i;
			plog.val[plog.n++] = b[i];
		}
	}
	return 0;
}

static const struct gicits_mem_ops plog_ops = { plog_read, plog_write };

/* ---- helpers --------------------------------------------------------- */

static void rd_write(struct ts_sys *s, unsigned cpu, uint32_t off, uint64_t v)
{
	int rc = gicits_rdist_write(s->gic, cpu, off, 8, v);

	CHECK(rc == GICITS_OK, "GICR write 0x%x: %d", off, rc);
}

static void rd_write32(struct ts_sys *s, unsigned cpu, uint32_t off, uint32_t v)
{
	int rc = gicits_rdist_write(s->gic, cpu, off, 4, v);

	CHECK(rc == GICITS_OK, "GICR write 0x%x: %d", off, rc);
}

/* Bytes of pending blocks and block arrays allocated by @cpu. */
static uint64_t pend_bytes(struct ts_sys *s, unsigned cpu)
{
	struct cpu_state *c = &s->gic->cpus[cpu];
	_Atomic(struct pend_chunk *) *ch = atomic_load(&c->chunks);
	uint64_t n = 0;
	uint32_t k;

	if (!ch)
		return 0;
	n += chunks_alloc_size(c);
	for (k = 0; k < c->nchunks; k++)
		if (atomic_load(&ch[k]))
			n += sizeof(struct pend_chunk);
	return n;
}

static void report(const char *name, const char *what)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	printf("hostile.%s: %s; peak RSS %.1f MiB (growth %.1f MiB), %.2f s\n",
	       name, what, ru.ru_maxrss / 1024.0,
	       ru.ru_maxrss / 1024.0 - rss0 / MIB, now_s() - t0);
}

/* ---- 1. 65,536 devices, Size = 15, one shared ITT, one MAPTI per 256
 * events (IHI 0069H.b 5.3.15 MAPD, 5.3.16 MAPTI: nothing forbids DTEs
 * sharing an ITT; the results are then UNPREDICTABLE for the guest, but
 * the host cost must stay bounded).  Index bytes never exceed the
 * budget; MSIs still translate (the memory walk serves what the index
 * leaves unknown). */
static int case_shared_itt(void)
{
	long ndev = count(256, 65536);
	const unsigned size = 15, events = 1u << (size + 1);
	struct ts_desc d;
	struct ts_big b = { .ncpu = 1, .intid_bits = 16, .devbits = 16 };
	struct ts_sys s;
	uint64_t budget;
	long dev;
	uint32_t ev;
	char what[160];

	b.itt_bytes = (uint64_t)events * 12;
	CHECK(ts_desc_big(&d, &b) == GICITS_OK, "ts_desc_big");
	d.batch = 4096;
	if (!full && n_override < 0)
		d.its.index_budget_bytes = 32ull << 20;
	budget = d.its.index_budget_bytes;
	CHECK(ts_sys_create(&s, &d) == GICITS_OK, "ts_sys_create");
	rss0 = ts_rss_bytes();
	ts_mapc(&s, 0, 0, true);
	for (dev = 0; dev < ndev; dev++) {
		ts_mapd(&s, (uint32_t)dev, size, b.itt, true);
		for (ev = 0; ev < events; ev += 256)
			ts_mapti(&s, (uint32_t)dev, ev,
				 GICITS_LPI_BASE + ev / 256, 0);
		CHECK(s.its->index.bytes <= budget,
		      "index %" PRIu64 " bytes > budget %" PRIu64,
		      s.its->index.bytes, budget);
	}
	CHECK(ts_flush(&s) == GICITS_OK, "kick");
	CHECK(!(ts_creadr(&s) & 1), "queue stalled");
	CHECK(s.its->index.bytes <= budget, "index over budget");
	/* the refusals are counted (and only past the budget) */
	CHECK(budget && s.its->index.bytes + 4096 * 8 > budget ?
		      s.its->index.refused > 0 :
		      s.its->index.refused == 0,
	      "%" PRIu64 " refusals", s.its->index.refused);
	/* still translated: the last device's events, through memory */
	for (ev = 0; ev < events; ev += 256 * 37) {
		int r = gicits_its_msi(s.its, (uint32_t)ndev - 1, ev);

		CHECK(r == GICITS_DROP_NONE, "MSI %u dropped: %d", ev, r);
		CHECK(gicits_rdist_is_pending(s.gic, 0,
					      GICITS_LPI_BASE + ev / 256) == 1,
		      "LPI of event %u not pending", ev);
	}
	snprintf(what, sizeof(what),
		 "%ld devices x %u MAPTIs, index %.1f MiB (budget %.1f MiB), "
		 "%" PRIu64 " allocations refused",
		 ndev, events / 256, s.its->index.bytes / MIB, budget / MIB,
		 s.its->index.refused);
	report("shared_itt", what);
	ts_sys_destroy(&s);
	return 0;
}

/* ---- 2. EnableLPIs 1 -> 0 -> 1 with 32 INTID bits (IHI 0069H.b 5.1.1:
 * after EnableLPIs is cleared the pending table must be exact).  The
 * write-back writes the bytes that hold pending bits, not the whole
 * 512 MiB table. */
static int case_enable_toggle(void)
{
	long toggles = count(200, 100000);
	const unsigned bits = 32;
	const uint32_t ids[] = { GICITS_LPI_BASE, 100003, 0x12345678,
				 0xffffffffu };
	const unsigned nids = sizeof(ids) / sizeof(ids[0]);
	struct ts_desc d;
	struct ts_sys s;
	uint64_t max_writes = 0;
	long t;
	unsigned i;
	char what[160];

	ts_desc_default(&d);
	d.gic.num_cpus = 1;
	d.gic.intid_bits = bits;
	d.prop_idbits = bits;
	d.pend = TS_BIG_PEND;
	d.pend_ptz = true;
	d.ops = &plog_ops;
	d.no_its = true;
	CHECK(ts_sys_create(&s, &d) == GICITS_OK, "ts_sys_create");
	rss0 = ts_rss_bytes();
	for (t = 0; t < toggles; t++) {
		uint64_t w0;

		for (i = 0; i < nids; i++)
			rd_write(&s, 0, GICITS_GICR_SETLPIR, ids[i]);
		memset(&plog, 0, sizeof(plog));
		w0 = plog.writes;
		rd_write32(&s, 0, GICITS_GICR_CTLR, 0);
		if (plog.writes - w0 > max_writes)
			max_writes = plog.writes - w0;
		/* the table holds exactly the pending LPIs */
		CHECK(plog.nonzero_writes == nids, "%" PRIu64 " set bytes",
		      plog.nonzero_writes);
		for (i = 0; i < nids; i++)
			CHECK(plog.gpa[i] == TS_BIG_PEND + ids[i] / 8 &&
				      plog.val[i] == 1u << (ids[i] % 8),
			      "write %u: 0x%" PRIx64 " = 0x%x", i, plog.gpa[i],
			      plog.val[i]);
		/* re-enable with PTZ (the table is not read back) */
		rd_write(&s, 0, GICITS_GICR_PENDBASER, TS_BIG_PEND | TS_PTZ);
		rd_write32(&s, 0, GICITS_GICR_CTLR, 1);
		CHECK(ts_npending(&s, 0) == 0, "pending after PTZ enable");
	}
	/* bound: one write per pending LPI's byte */
	CHECK(max_writes <= nids, "%" PRIu64 " pending-table writes per 1->0",
	      max_writes);
	snprintf(
		what, sizeof(what),
		"%ld toggles at %u INTID bits, %u LPIs pending, at most %" PRIu64
		" table writes per 1->0",
		toggles, bits, nids, max_writes);
	report("enable_toggle", what);
	ts_sys_destroy(&s);
	return 0;
}

/* ---- 2b. EnableLPIs 0 -> 1 without PTZ over the whole INTID space: the
 * one guest-triggered operation whose work is the ID space, because the
 * architecture has the redistributor read the pending table (IHI 0069H.b
 * 6.1.2, GICR_PENDBASER; 12.11.30 GICR_CTLR.EnableLPIs).  The table is
 * real guest RAM with a few LPIs set; each toggle reads all of it once.
 * Reported: the time per 0 -> 1, the figure docs/performance.md gives. */
static int case_enable_scan(void)
{
	long toggles = count(4, 8);
	const unsigned bits = full ? 32 : 24;
	const uint64_t tbytes = (1ULL << bits) / 8;
	const uint32_t ids[] = { GICITS_LPI_BASE, 100003, 0x123457,
				 (uint32_t)((1ULL << bits) - 1) };
	const unsigned nids = sizeof(ids) / sizeof(ids[0]);
	struct ts_desc d;
	struct ts_sys s;
	double t_en = 0;
	long t;
	unsigned i;
	char what[200];

	ts_desc_default(&d);
	d.gic.num_cpus = 1;
	d.gic.intid_bits = bits;
	d.prop_idbits = bits;
	d.no_its = true;
	d.ram_size = 0x1000000ULL + tbytes;
	d.pend = d.ram_base + 0x1000000ULL; /* 64 KiB aligned */
	d.pend_ptz = true;
	CHECK(ts_sys_create(&s, &d) == GICITS_OK, "ts_sys_create");
	rss0 = ts_rss_bytes();
	for (t = 0; t < toggles; t++) {
		uint8_t *tab = ts_host(&s, d.pend, tbytes);
		double a;

		CHECK(tab, "pending table in RAM");
		rd_write32(&s, 0, GICITS_GICR_CTLR, 0);
		/* the guest leaves LPIs in its table, then enables */
		for (i = 0; i < nids; i++)
			tab[ids[i] / 8] |= (uint8_t)(1u << (ids[i] % 8));
		rd_write(&s, 0, GICITS_GICR_PENDBASER, d.pend);
		a = now_s();
		rd_write32(&s, 0, GICITS_GICR_CTLR, 1);
		t_en += now_s() - a;
		CHECK(ts_npending(&s, 0) == (long)nids,
		      "%ld pending after 0->1", ts_npending(&s, 0));
		for (i = 0; i < nids; i++)
			CHECK(gicits_rdist_is_pending(s.gic, 0, ids[i]) == 1,
			      "LPI %u from the table", ids[i]);
	}
	snprintf(what, sizeof(what),
		 "%ld EnableLPIs 0->1 at %u INTID bits, %.0f MiB table read "
		 "each, %.2f ms per 0->1",
		 toggles, bits, (double)tbytes / MIB, t_en * 1e3 / toggles);
	report("enable_scan", what);
	ts_sys_destroy(&s);
	return 0;
}

/* A system with @ncpu redistributors, @npend LPIs pending on each (set
 * with GICR_SETLPIR), RAM through the callbacks so that every guest-memory
 * access (configuration bytes included) is counted, CIDbits 8. */
static void flood_sys(struct ts_sys *s, unsigned ncpu, unsigned npend)
{
	struct ts_desc d;
	unsigned c, i;

	ts_desc_default(&d);
	d.ram_callback = true;
	d.gic.num_cpus = ncpu;
	d.pend = TS_BIG_PEND;
	d.ops = &ts_sink_ops;
	d.its.cidbits = 8;
	CHECK(ts_sys_create(s, &d) == GICITS_OK, "ts_sys_create");
	for (c = 0; c < ncpu; c++)
		for (i = 0; i < npend; i++)
			rd_write(s, c, GICITS_GICR_SETLPIR,
				 GICITS_LPI_BASE + 1 + i * 7);
	/* collection 0 -> CPU 0; device 1, event 0 -> LPI 8192 in it */
	CHECK(ts_map_event(s, 1, 4, 0x40500000, 0, GICITS_LPI_BASE, 0, 0) ==
		      GICITS_OK,
	      "map");
	for (c = 0; c < ncpu; c++)
		(void)gicits_cpu_hppi(s->gic, c); /* take everything in */
}

/* ---- 3. INVALL flood with bad ICIDs (IHI 0069H.b 5.3.10 INVALL: an ICID
 * beyond CIDbits or an unmapped collection is a command error; an error
 * does nothing).  A good INVALL reloads its collection's redistributor
 * only. */
static int case_invall_flood(void)
{
	long ncmd = count(20000, 1000000);
	const unsigned ncpu = 16, npend = 256;
	struct ts_sys s;
	uint64_t a0, per_bad, per_good;
	long i;
	char what[200];

	flood_sys(&s, ncpu, npend);
	rss0 = ts_rss_bytes();
	s.d.batch = 64; /* the queue holds 128 */
	a0 = s.accesses;
	for (i = 0; i < ncmd; i++)
		ts_invall(&s, i & 1 ? 0x1234 /* >= 2^CIDbits */ :
				      5 /* in range, not mapped */);
	CHECK(ts_flush(&s) == GICITS_OK, "kick");
	per_bad = (s.accesses - a0 + ncmd - 1) / ncmd;
	a0 = s.accesses;
	ts_invall(&s, 0);
	CHECK(ts_flush(&s) == GICITS_OK, "kick");
	per_good = s.accesses - a0;
	/* a bad INVALL: its command read and the collection-table read,
	 * amortised; no configuration byte */
	CHECK(per_bad <= 2, "%" PRIu64 " accesses per bad INVALL", per_bad);
	/* a good one: CPU 0's pending LPIs' configuration bytes (+1) and the
	 * command, not the other redistributors' */
	CHECK(per_good <= npend + 1 + 8, "%" PRIu64 " accesses per good INVALL",
	      per_good);
	snprintf(what, sizeof(what),
		 "%ld bad INVALLs, %u RDs x %u pending: %" PRIu64
		 " accesses per bad INVALL, %" PRIu64 " per good one",
		 ncmd, ncpu, npend, per_bad, per_good);
	report("invall_flood", what);
	ts_sys_destroy(&s);
	return 0;
}

/* ---- 3b. INV of one INTID (IHI 0069H.b 5.3.9 INV: the configuration of
 * the LPI the (DeviceID, EventID) maps to) reads that LPI's configuration
 * only, however many LPIs are pending; so does GICR_INVLPIR. */
static int case_inv_one(void)
{
	long ncmd = count(2000, 200000);
	const unsigned npend = 4096;
	struct ts_sys s;
	uint64_t a0, per_inv, per_invlpir;
	long i;
	char what[200];

	flood_sys(&s, 1, npend);
	rss0 = ts_rss_bytes();
	s.d.batch = 64; /* the queue holds 128 */
	a0 = s.accesses;
	for (i = 0; i < ncmd; i++)
		ts_event(&s, GICITS_CMD_INV, 1, 0);
	CHECK(ts_flush(&s) == GICITS_OK, "kick");
	per_inv = (s.accesses - a0 + ncmd - 1) / ncmd;
	a0 = s.accesses;
	for (i = 0; i < ncmd; i++)
		rd_write(&s, 0, GICITS_GICR_INVLPIR, GICITS_LPI_BASE + 1);
	per_invlpir = (s.accesses - a0 + ncmd - 1) / ncmd;
	CHECK(per_inv <= 2, "%" PRIu64 " accesses per INV", per_inv);
	CHECK(per_invlpir <= 1, "%" PRIu64 " accesses per INVLPIR",
	      per_invlpir);
	CHECK(gicits_rdist_is_pending(s.gic, 0, GICITS_LPI_BASE + 1) == 1,
	      "pending LPI lost");
	snprintf(what, sizeof(what),
		 "%ld INVs and INVLPIRs, %u pending: %" PRIu64
		 " accesses per INV, %" PRIu64 " per INVLPIR",
		 ncmd, npend, per_inv, per_invlpir);
	report("inv_one", what);
	ts_sys_destroy(&s);
	return 0;
}

static uint64_t budget_findings;

static void count_budget(void *opaque, const struct gicits_trace_record *r)
{
	(void)opaque;
	if (r->kind == GICITS_TRACE_FINDING &&
	    !strcmp(r->rule, "pending_budget_bytes"))
		budget_findings++;
}

/* ---- 4. GICR_SETLPIR over the whole INTID space (IHI 0069H.b 12.11.37):
 * one LPI per pending block, 32 INTID bits.  Pending bytes never exceed the
 * redistributor's budget; past it the LPI is dropped with its own reason. */
static int case_setlpir_space(void)
{
	unsigned bits = full ? 32 : 24;
	const uint64_t step = GIC_PEND_CHUNK_BITS;
	struct ts_desc d;
	struct ts_sys s;
	uint64_t id, n = 0, budget;
	char what[200];

	ts_desc_default(&d);
	d.gic.num_cpus = 1;
	d.gic.intid_bits = bits;
	d.prop_idbits = bits;
	d.pend = TS_BIG_PEND;
	d.pend_ptz = true;
	d.ops = &ts_sink_ops;
	d.no_its = true;
	d.gic.trace = count_budget;
	if (!full)
		d.gic.pending_budget_bytes = 2ull << 20;
	budget = d.gic.pending_budget_bytes;
	CHECK(ts_sys_create(&s, &d) == GICITS_OK, "ts_sys_create");
	rss0 = ts_rss_bytes();
	for (id = GICITS_LPI_BASE; id < (1ull << bits); id += step, n++) {
		rd_write(&s, 0, GICITS_GICR_SETLPIR, id);
		/* the library's counter each time, a recount now and then */
		CHECK(atomic_load(&s.gic->cpus[0].pend_bytes) <= budget,
		      "pending %" PRIu64 " bytes > budget %" PRIu64,
		      atomic_load(&s.gic->cpus[0].pend_bytes), budget);
		if (n % 4096 == 0)
			CHECK(pend_bytes(&s, 0) ==
				      atomic_load(&s.gic->cpus[0].pend_bytes),
			      "counter %" PRIu64 " != %" PRIu64,
			      atomic_load(&s.gic->cpus[0].pend_bytes),
			      pend_bytes(&s, 0));
	}
	CHECK(pend_bytes(&s, 0) <= budget, "pending over budget");
	/* each LPI past the budget was dropped and traced as such */
	CHECK(budget_findings > 0 && budget_findings < n,
	      "%" PRIu64 " budget findings", budget_findings);
	CHECK(gicits_rdist_is_pending(
		      s.gic, 0, (uint32_t)(GICITS_LPI_BASE + (n - 1) * step)) ==
		      0,
	      "last LPI pending past the budget");
	/* within the budget, LPIs are pending (block 0 exists) */
	CHECK(gicits_rdist_is_pending(s.gic, 0, GICITS_LPI_BASE) == 1,
	      "first LPI not pending");
	snprintf(what, sizeof(what),
		 "%" PRIu64 " SETLPIRs at %u INTID bits, pending %.1f MiB "
		 "(budget %.1f MiB), %" PRIu64 " dropped (budget)",
		 n, bits, pend_bytes(&s, 0) / MIB, budget / MIB,
		 budget_findings);
	report("setlpir_space", what);
	ts_sys_destroy(&s);
	return 0;
}

/* ---- 5. GITS_CTLR.Enabled 1 -> 0 with devices spread one per index leaf
 * (IHI 0069H.b 12.19.5 GITS_CTLR: caches are dropped when the ITS is
 * disabled).  Forgetting the index costs O(known devices), not
 * O(leaves * 4,096 slots): the known slots are tracked. */
static int case_its_toggle(void)
{
	long toggles = count(200, 20000);
	const uint32_t ndev = 256;
	struct ts_desc d;
	struct ts_big b = { .ncpu = 1, .intid_bits = 16, .devbits = 20 };
	struct ts_sys s;
	uint32_t k, max_known = 0;
	long t;
	char what[160];

	b.itt_bytes = 4096;
	CHECK(ts_desc_big(&d, &b) == GICITS_OK, "ts_desc_big");
	d.batch = 4096;
	CHECK(ts_sys_create(&s, &d) == GICITS_OK, "ts_sys_create");
	rss0 = ts_rss_bytes();
	for (t = 0; t < toggles; t++) {
		for (k = 0; k < ndev; k++) /* one device per leaf */
			ts_mapd(&s, k << IDX_LEAF_BITS, 0, b.itt, true);
		CHECK(ts_flush(&s) == GICITS_OK, "kick");
		if (s.its->index.nknown > max_known)
			max_known = s.its->index.nknown;
		CHECK(gicits_its_mmio_write(s.its, GICITS_GITS_CTLR, 4, 0, 0) ==
			      GICITS_OK,
		      "disable");
		/* what index_clear() visited, and all it had to */
		CHECK(s.its->index.nknown == 0, "known slots left");
		CHECK(gicits_its_mmio_write(s.its, GICITS_GITS_CTLR, 4, 1, 0) ==
			      GICITS_OK,
		      "enable");
	}
	CHECK(max_known == ndev, "%u known slots for %u devices", max_known,
	      ndev);
	snprintf(what, sizeof(what),
		 "%ld ITS disables, %u devices in %u leaves: %u slots cleared "
		 "per disable (not %u)",
		 toggles, ndev, ndev, max_known, ndev << IDX_LEAF_BITS);
	report("its_toggle", what);
	ts_sys_destroy(&s);
	return 0;
}

static const struct {
	const char *name;
	int (*fn)(void);
} cases[] = {
	{ "shared_itt", case_shared_itt },
	{ "enable_toggle", case_enable_toggle },
	{ "enable_scan", case_enable_scan },
	{ "invall_flood", case_invall_flood },
	{ "inv_one", case_inv_one },
	{ "setlpir_space", case_setlpir_space },
	{ "its_toggle", case_its_toggle },
};

int main(int argc, char **argv)
{
	const char *name = NULL;
	size_t i;
	int a;

	for (a = 1; a < argc; a++) {
		if (!strcmp(argv[a], "--full"))
			full = true;
		else if (!strcmp(argv[a], "--n") && a + 1 < argc)
			n_override = strtol(argv[++a], NULL, 0);
		else
			name = argv[a];
	}
	if (getenv("GICITS_HOSTILE_FULL"))
		full = true;
	t0 = now_s();
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (name && !strcmp(name, cases[i].name))
			return cases[i].fn();
	fprintf(stderr, "usage: hostile CASE [--full] [--n N]\ncases:");
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		fprintf(stderr, " %s", cases[i].name);
	fputc('\n', stderr);
	return 2;
}
