/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Redistributors: LPI pending state, the HPPLPI configuration cache and a
 * minimal CPU interface.  See include/gicits/rdist.h for the caching model.
 *
 * Concurrency.  Making an LPI pending (gic_lpi_set, the end of every MSI)
 * takes no lock and allocates nothing once the redistributor's pending
 * block exists: it sets the pending bit with an atomic OR and, if the LPI
 * is newly pending, marks a chain of summary bits (one per 64 LPIs, two
 * levels above it per block of 32,768 LPIs; see pend_set()).  Then the HPP
 * model reads the configuration byte and, if the LPI is enabled, offers it
 * as the HPPLPI with a compare-and-swap on one 64-bit word {generation,
 * priority, INTID}.  The FULL model reads nothing more: the redistributor
 * takes the LPI in and reads its configuration later, under the lock
 * (absorb(): newly pending = pending & ~seen), and the setter that starts
 * a batch notifies.  So an MSI to a cold LPI reads no configuration and,
 * once the summaries of its neighbourhood are marked, does one locked RMW.
 * Everything else that changes a redistributor (clear, move, acknowledge,
 * rescan, absorb, registers, EnableLPIs) holds that redistributor's mutex.
 * HPP model: a rescan bumps the generation before it scans, so an offer
 * made during the scan is never overwritten by the rescan's result unless
 * the result is better.
 *
 * Lock order: an ITS's lock, then redistributor mutexes in ascending CPU
 * order.  Nothing here calls back into an ITS.
 *
 * Pending blocks (CHUNK_BITS LPIs: 4 KiB of pending bits, 8 KiB of
 * lock-side bitmaps, 128 bytes of summaries) are allocated on first use and
 * published with a compare-and-swap; they are freed only when the gic is
 * destroyed, so a racing setter never writes freed memory.
 */
#include "rdist_internal.h"

#include <stdatomic.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>

#include "common/bits.h"
#include "gicits/error.h"
#include "mem/mem_internal.h"

#define CHUNK_BITS GIC_PEND_CHUNK_BITS
#define CHUNK_WORDS GIC_PEND_CHUNK_WORDS
#define SUM_WORDS GIC_PEND_SUM_WORDS

/* HPPLPI word: [63:40] generation, [39:32] priority, [31:0] INTID (0 none) */
#define HPP_GEN_SHIFT 40
#define HPP(gen, prio, id) \
	((uint64_t)(gen) << HPP_GEN_SHIFT | (uint64_t)(prio) << 32 | (id))
#define HPP_GEN(h) ((h) >> HPP_GEN_SHIFT)
#define HPP_PRIO(h) ((uint8_t)((h) >> 32))
#define HPP_ID(h) ((uint32_t)(h))

void gicits_gic_config_default(struct gicits_gic_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->num_cpus = 4;
	cfg->intid_bits = 16;
	cfg->pri_bits = 5;
	cfg->rd_base = 0x080A0000;
	cfg->rd_stride = 0x20000;
	cfg->ces = true;
	cfg->lpi_cache = GICITS_LPI_CACHE_FULL;
}

int gicits_gic_create(const struct gicits_gic_config *cfg,
		      const struct gicits_mem *mem, struct gicits_gic **out)
{
	struct gicits_gic *gic;
	unsigned i;

	if (!cfg || !mem || !out)
		return GICITS_EINVAL;
	if (cfg->num_cpus < 1 || cfg->num_cpus > 65536 ||
	    cfg->intid_bits < 14 || cfg->intid_bits > 32 || cfg->pri_bits < 4 ||
	    cfg->pri_bits > 8 || !cfg->rd_stride ||
	    cfg->lpi_cache > GICITS_LPI_CACHE_FULL ||
	    (cfg->rd_stride & 0xffff) || (cfg->rd_base & 0xffff))
		return GICITS_EINVAL;
	gic = calloc(1, sizeof(*gic));
	if (!gic)
		return GICITS_ENOMEM;
	/* sizeof(struct cpu_state) is a multiple of its 64-byte alignment */
	gic->cpus = aligned_alloc(64, cfg->num_cpus * sizeof(*gic->cpus));
	if (!gic->cpus) {
		free(gic);
		return GICITS_ENOMEM;
	}
	memset(gic->cpus, 0, cfg->num_cpus * sizeof(*gic->cpus));
	for (i = 0; i < cfg->num_cpus; i++) {
		struct cpu_state *c = &gic->cpus[i];

		if (mtx_init(&c->lock, mtx_plain) != thrd_success) {
			while (i--)
				mtx_destroy(&gic->cpus[i].lock);
			free(gic->cpus);
			free(gic);
			return GICITS_ENOMEM;
		}
		atomic_init(&c->enable_lpis, false);
		atomic_init(&c->lpi_limit, 0);
		atomic_init(&c->propbaser, 0);
		atomic_init(&c->chunks, NULL);
		atomic_init(&c->chunk0, NULL);
		atomic_init(&c->hpp, 0);
		c->full = cfg->lpi_cache == GICITS_LPI_CACHE_FULL;
		/* GICR_WAKER resets with ProcessorSleep = ChildrenAsleep = 1 */
		c->waker = 0x6;
		c->nchunks = (uint32_t)(((1ULL << cfg->intid_bits) +
					 CHUNK_BITS - 1) /
					CHUNK_BITS);
	}
	gic->cfg = *cfg;
	gic->mem = mem;
	gic->pri_mask = (uint8_t)(0xff << (8 - cfg->pri_bits));
	atomic_init(&gic->findings, 0);
	*out = gic;
	return GICITS_OK;
}

void gicits_gic_destroy(struct gicits_gic *gic)
{
	unsigned i;
	uint32_t j;

	if (!gic)
		return;
	for (i = 0; i < gic->cfg.num_cpus; i++) {
		struct cpu_state *c = &gic->cpus[i];
		_Atomic(struct pend_chunk *) *ch = atomic_load(&c->chunks);

		for (j = 0; ch && j < c->nchunks; j++)
			free(atomic_load(&ch[j]));
		free((void *)ch);
		free(c->heap);
		mtx_destroy(&c->lock);
	}
	free(gic->cpus);
	free(gic);
}

unsigned gicits_gic_num_cpus(const struct gicits_gic *gic)
{
	return gic ? gic->cfg.num_cpus : 0;
}

uint64_t gicits_gic_findings(struct gicits_gic *gic)
{
	return gic ? atomic_load_explicit(&gic->findings,
					  memory_order_relaxed) :
		     0;
}

const struct gicits_gic_config *gic_config(const struct gicits_gic *gic)
{
	return &gic->cfg;
}

unsigned gicits_gic_intid_bits(const struct gicits_gic *gic)
{
	return gic ? gic->cfg.intid_bits : 0;
}

static void trace(struct gicits_gic *gic, enum gicits_trace_kind kind,
		  unsigned cpu, uint32_t intid, uint64_t offset, uint64_t value,
		  const char *rule, const char *msg)
{
	struct gicits_trace_record r;

	if (!gic->cfg.trace)
		return;
	memset(&r, 0, sizeof(r));
	r.kind = kind;
	r.source = "rdist";
	r.cpu = cpu;
	r.intid = intid;
	r.offset = offset;
	r.value = value;
	r.rule = rule;
	r.message = msg;
	gic->cfg.trace(gic->cfg.trace_opaque, &r);
}

/* ---- pending set ---------------------------------------------------- */

static HOT_INLINE struct pend_chunk *chunk_of(struct cpu_state *c,
					      uint32_t intid)
{
	_Atomic(struct pend_chunk *) *ch;

	if (intid < CHUNK_BITS)
		return atomic_load_explicit(&c->chunk0, memory_order_acquire);
	ch = atomic_load_explicit(&c->chunks, memory_order_acquire);
	if (!ch || intid / CHUNK_BITS >= c->nchunks)
		return NULL;
	return atomic_load_explicit(&ch[intid / CHUNK_BITS],
				    memory_order_acquire);
}

/* Find or publish the block of @intid (lock-free; first use allocates). */
static struct pend_chunk *chunk_get(struct cpu_state *c, uint32_t intid)
{
	_Atomic(struct pend_chunk *) *ch =
		atomic_load_explicit(&c->chunks, memory_order_acquire);
	struct pend_chunk *p, *expect = NULL;
	uint32_t i;

	if (intid / CHUNK_BITS >= c->nchunks)
		return NULL;
	if (!ch) {
		_Atomic(struct pend_chunk *) *n =
			aligned_alloc(64, chunks_alloc_size(c));
		_Atomic(struct pend_chunk *) *none = NULL;

		if (!n)
			return NULL;
		for (i = 0; i < c->nchunks; i++)
			atomic_init(&n[i], NULL);
		for (i = 0; i < 2 * set_words(c); i++)
			atomic_init(&csum_of(c, n, true, 1)[i], 0);
		/* seq_cst: part of the pend_set/pend_walk order below */
		if (atomic_compare_exchange_strong_explicit(
			    &c->chunks, &none, n, memory_order_seq_cst,
			    memory_order_seq_cst)) {
			ch = n;
		} else {
			free((void *)n);
			ch = none;
		}
	}
	p = atomic_load_explicit(&ch[intid / CHUNK_BITS], memory_order_acquire);
	if (p)
		goto out;
	p = malloc(sizeof(*p));
	if (!p)
		return NULL;
	for (i = 0; i < SUM_WORDS; i++)
		atomic_init(&p->sum[i], 0);
	for (i = 0; i < CHUNK_WORDS; i++) {
		atomic_init(&p->w[i], 0);
		p->seen[i] = 0;
		p->inheap[i] = 0;
	}
	for (i = 0; i < SUM_WORDS; i++)
		atomic_init(&p->fsum[i], 0);
	if (!atomic_compare_exchange_strong_explicit(
		    &ch[intid / CHUNK_BITS], &expect, p, memory_order_seq_cst,
		    memory_order_seq_cst)) {
		free(p);
		p = expect;
	}
out:
	/* Every setter publishes chunk0 before it sets a bit in the block, so
	 * whoever sees that bit also sees chunk0 (release/acquire). */
	if (intid < CHUNK_BITS &&
	    !atomic_load_explicit(&c->chunk0, memory_order_relaxed))
		atomic_store_explicit(&c->chunk0, p, memory_order_release);
	return p;
}

static HOT_INLINE bool pend_test(struct cpu_state *c, uint32_t intid)
{
	struct pend_chunk *p = chunk_of(c, intid);
	uint32_t b = intid % CHUNK_BITS;

	return p &&
	       (atomic_load_explicit(&p->w[b / 64], memory_order_acquire) >>
			(b % 64) &
		1);
}

/*
 * Set the bit; returns 0 if it was already set, <0 on ENOMEM, and if it is
 * newly set 1, or 2 when the CPU interface must be told (FULL model: the
 * first LPI marked since the last absorb(), see below).
 *
 * The summary bits skip their RMW when already set, which is the
 * store-buffering shape (setter: write word, read summary; walker: clear
 * summary, read word).  Every access of that protocol is seq_cst (the
 * word RMW, the summary loads and RMWs, the block publication CASes in
 * chunk_get, and the walkers' block, summary and word accesses), so in
 * C11's single total order at least one side sees the other's write:
 * either the walker sees the bit or the setter sees the summary cleared and
 * sets it again.  A setter marks every level, bottom up, even when a lower
 * one was already set; walkers go top down, so at every level the same
 * argument holds.  On x86-64 seq_cst loads are plain loads and the RMWs are
 * locked anyway, so this costs nothing there.
 *
 * Which chain a setter marks depends on the model, so that it does as
 * little as possible after its locked RMW (every load after it is on the
 * critical path of a cold MSI: measured, each costs 5-15 ns there):
 *  - HPP: the pending chain (sum, chunk levels 1 and 2), read by pend_walk;
 *  - FULL: only the fresh chain (fsum, fresh levels 1 and 2), read and
 *    cleared by absorb().  The pending chain of a FULL redistributor is
 *    kept by the lock holders: absorb() marks what it takes in, and
 *    pend_walk() first copies the fresh marks (fresh_copy_chunk()).  The
 *    setter that finds the level-2 fresh word zero notifies: it is the
 *    first since absorb() last cleared it (one word up to 2^27 INTIDs).  A
 *    setter that finds it non-zero relies on the one that found it zero,
 *    whose notification makes the CPU look, and that look's absorb() clears
 *    the word after this setter read it, so sees this setter's marks.
 */
static int pend_set(struct cpu_state *c, uint32_t intid)
{
	struct pend_chunk *p = chunk_get(c, intid);
	_Atomic(struct pend_chunk *) *ch;
	uint32_t b = intid % CHUNK_BITS, k = intid / CHUNK_BITS;
	uint64_t bit = 1ULL << (b % 64), sbit = 1ULL << ((b / 64) % 64),
		 kbit = 1ULL << (k % 64), qbit = 1ULL << (k / 64 % 64);

	if (!p)
		return GICITS_ENOMEM;
	if (atomic_fetch_or_explicit(&p->w[b / 64], bit, memory_order_seq_cst) &
	    bit)
		return 0;
	/* chunk_get() published the array before the block */
	ch = atomic_load_explicit(&c->chunks, memory_order_acquire);
	if (c->full)
		return gic_full_mark(c, ch, p, intid) ? 2 : 1;
	sum_mark(&p->sum[b / 64 / 64], sbit);
	sum_mark(&csum_of(c, ch, false, 1)[k / 64], kbit);
	sum_mark(&csum_of(c, ch, false, 2)[k / 4096], qbit);
	return 1;
}

/* Clear the bit; returns true if it was set.  Caller holds the RD lock
 * (seen is the lock's): set again later, the LPI is newly pending. */
static bool pend_clear(struct cpu_state *c, uint32_t intid)
{
	struct pend_chunk *p = chunk_of(c, intid);
	uint32_t b = intid % CHUNK_BITS;
	uint64_t bit = 1ULL << (b % 64);

	if (!p)
		return false;
	p->seen[b / 64] &= ~bit;
	return atomic_fetch_and_explicit(&p->w[b / 64], ~bit,
					 memory_order_acq_rel) &
	       bit;
}

/*
 * Visit, in ascending order, every chunk marked in the two-level summary
 * set @fresh.  With @clear (caller holds the RD lock), each summary word is
 * exchanged to zero before the level below is read (top down, the reverse
 * of pend_set's marking), and a chunk for which @visit sets *@keep is
 * marked again.  A non-zero return of @visit stops the walk and is
 * returned (the words not visited yet are marked again).
 */
static int chunk_walk(struct cpu_state *c, bool fresh, bool clear,
		      int (*visit)(void *ctx, uint32_t k, struct pend_chunk *p,
				   bool *keep),
		      void *ctx)
{
	/* seq_cst, like every access of the summary protocol */
	_Atomic(struct pend_chunk *) *ch =
		atomic_load_explicit(&c->chunks, memory_order_seq_cst);
	_Atomic uint64_t *l1, *l2;
	uint32_t t;
	int rc = 0;

	if (!ch)
		return 0;
	l1 = csum_of(c, ch, fresh, 1);
	l2 = csum_of(c, ch, fresh, 2);
	for (t = 0; t < l2_words(c); t++) {
		/* a load that finds a word zero serves as well as an
		 * exchange, without the locked RMW */
		uint64_t tw =
			atomic_load_explicit(&l2[t], memory_order_seq_cst);

		if (tw && clear)
			tw = atomic_exchange_explicit(&l2[t], 0,
						      memory_order_seq_cst);
		for (; tw; tw &= tw - 1) {
			uint32_t q = t * 64 + ctz64(tw);
			uint64_t cw = atomic_load_explicit(
				&l1[q], memory_order_seq_cst);

			if (cw && clear)
				cw = atomic_exchange_explicit(
					&l1[q], 0, memory_order_seq_cst);
			for (; cw; cw &= cw - 1) {
				uint32_t k = q * 64 + ctz64(cw);
				struct pend_chunk *p = atomic_load_explicit(
					&ch[k], memory_order_seq_cst);
				bool keep = false;

				if (p)
					rc = visit(ctx, k, p, &keep);
				if (rc && clear) {
					/* this chunk and those not visited */
					keep = true;
					atomic_fetch_or_explicit(
						&l1[q], cw & (cw - 1),
						memory_order_seq_cst);
					atomic_fetch_or_explicit(
						&l2[t], tw & (tw - 1),
						memory_order_seq_cst);
				}
				if (keep && clear) {
					atomic_fetch_or_explicit(
						&l1[q], 1ULL << (k % 64),
						memory_order_seq_cst);
					atomic_fetch_or_explicit(
						&l2[t], 1ULL << (q % 64),
						memory_order_seq_cst);
				}
				if (rc)
					return rc;
			}
		}
	}
	return 0;
}

struct absorb_ctx {
	struct gicits_gic *gic;
	unsigned cpu;
	struct cpu_state *c;
	_Atomic(struct pend_chunk *) *ch;
};

/* FULL, RD lock held: mark words @sw of summary word @s of chunk @k in the
 * pending chain (setters of a FULL redistributor mark only the fresh one).
 * Atomic because pend_walk's loads are; no setter races with it. */
static void pending_mark(struct cpu_state *c, _Atomic(struct pend_chunk *) *ch,
			 struct pend_chunk *p, uint32_t k, unsigned s,
			 uint64_t sw)
{
	if ((atomic_load_explicit(&p->sum[s], memory_order_seq_cst) & sw) != sw)
		atomic_fetch_or_explicit(&p->sum[s], sw, memory_order_seq_cst);
	sum_mark(&csum_of(c, ch, false, 1)[k / 64], 1ULL << (k % 64));
	sum_mark(&csum_of(c, ch, false, 2)[k / 4096], 1ULL << (k / 64 % 64));
}

/* FULL, RD lock held: copy the fresh marks into the pending chain without
 * consuming them (absorb() still takes those LPIs in), so that pend_walk()
 * finds LPIs made pending since the last absorb(). */
static int fresh_copy_chunk(void *ctx, uint32_t k, struct pend_chunk *p,
			    bool *keep)
{
	struct absorb_ctx *a = ctx;
	unsigned s;

	(void)keep;
	for (s = 0; s < SUM_WORDS; s++) {
		uint64_t sw =
			atomic_load_explicit(&p->fsum[s], memory_order_seq_cst);

		if (sw)
			pending_mark(a->c, a->ch, p, k, s, sw);
	}
	return 0;
}

struct walk_ctx {
	bool fix_summary;
	int (*fn)(void *opaque, uint32_t intid);
	void *opaque;
};

static int walk_chunk(void *ctx, uint32_t k, struct pend_chunk *p, bool *keep)
{
	struct walk_ctx *wc = ctx;
	unsigned s, j;
	int rc;

	for (s = 0; s < SUM_WORDS; s++) {
		uint64_t sw =
			atomic_load_explicit(&p->sum[s], memory_order_seq_cst);

		if (sw && wc->fix_summary)
			sw = atomic_exchange_explicit(&p->sum[s], 0,
						      memory_order_seq_cst);
		while (sw) {
			unsigned wi = s * 64 + ctz64(sw);
			/* seq_cst: see pend_set */
			uint64_t w = atomic_load_explicit(&p->w[wi],
							  memory_order_seq_cst);

			sw &= sw - 1;
			if (!w)
				continue;
			*keep = true;
			if (wc->fix_summary)
				atomic_fetch_or_explicit(&p->sum[s],
							 1ULL << (wi % 64),
							 memory_order_seq_cst);
			for (; w; w &= w - 1) {
				j = ctz64(w);
				rc = wc->fn(wc->opaque,
					    k * CHUNK_BITS + wi * 64 + j);
				if (rc) {
					/* words not visited keep their marks */
					if (wc->fix_summary && sw)
						atomic_fetch_or_explicit(
							&p->sum[s], sw,
							memory_order_seq_cst);
					return rc;
				}
			}
		}
	}
	return 0;
}

/*
 * Visit every pending INTID in ascending order, using the summary bits.
 * With @fix_summary (caller holds the RD lock), summary bits of empty words
 * and chunks are cleared first and set again when found non-empty, so a
 * concurrent setter's mark is never lost.
 */
static int pend_walk(struct cpu_state *c, bool fix_summary,
		     int (*fn)(void *opaque, uint32_t intid), void *opaque)
{
	struct walk_ctx wc = { fix_summary, fn, opaque };

	if (c->full) {
		struct absorb_ctx a = { NULL, 0, c, NULL };

		a.ch = atomic_load_explicit(&c->chunks, memory_order_seq_cst);
		if (a.ch)
			(void)chunk_walk(c, true, false, fresh_copy_chunk, &a);
	}
	return chunk_walk(c, false, fix_summary, walk_chunk, &wc);
}

/* ---- configuration -------------------------------------------------- */

/* Number of LPI INTID bits this redistributor accepts (0 = none). */
static unsigned rd_id_bits(const struct gicits_gic *gic, struct cpu_state *c)
{
	unsigned idbits = (unsigned)bits_get(
		atomic_load_explicit(&c->propbaser, memory_order_relaxed), 4,
		0);

	/* GICR_PROPBASER.IDbits < 13 (0b1101): all LPIs out of range. */
	if (idbits < 13)
		return 0;
	idbits += 1;
	return idbits < gic->cfg.intid_bits ? idbits : gic->cfg.intid_bits;
}

static bool lpi_in_range(const struct gicits_gic *gic, struct cpu_state *c,
			 uint32_t intid)
{
	unsigned b = rd_id_bits(gic, c);

	return b && intid >= GICITS_LPI_BASE && (uint64_t)intid < (1ULL << b);
}

/* Read the configuration byte of @intid; a fault reads as disabled. */
static uint8_t lpi_config(struct gicits_gic *gic, unsigned cpu, uint32_t intid)
{
	struct cpu_state *c = &gic->cpus[cpu];
	uint64_t pa =
		atomic_load_explicit(&c->propbaser, memory_order_relaxed) &
		bits_mask(51, 12);
	uint8_t b;

	if (gicits_mem_read(gic->mem, pa + (intid - GICITS_LPI_BASE), &b, 1)) {
		trace(gic, GICITS_TRACE_FINDING, cpu, intid, 0, pa,
		      "GICR_PROPBASER",
		      "LPI configuration read faulted; LPI treated as disabled");
		return 0;
	}
	return b;
}

static void notify(struct gicits_gic *gic, unsigned cpu)
{
	if (gic->cfg.hppi_changed)
		gic->cfg.hppi_changed(gic->cfg.hppi_opaque, cpu);
}

static bool better(uint8_t pa, uint32_t ia, uint64_t h)
{
	return !HPP_ID(h) || pa < HPP_PRIO(h) ||
	       (pa == HPP_PRIO(h) && ia < HPP_ID(h));
}

/* Offer @intid (just made pending, enabled with priority @prio) as the
 * HPPLPI.  Lock-free. */
static void hpp_offer(struct gicits_gic *gic, unsigned cpu, uint32_t intid,
		      uint8_t prio)
{
	struct cpu_state *c = &gic->cpus[cpu];
	/* seq_cst, like the pending-bit RMW before it and the rescan's
	 * generation exchange and word loads: a rescan racing this offer
	 * either sees the pending bit or makes this load see its new
	 * generation (no store-buffering outcome in C11's total order). */
	uint64_t h = atomic_load_explicit(&c->hpp, memory_order_seq_cst);

	while (better(prio, intid, h)) {
		if (atomic_compare_exchange_weak_explicit(
			    &c->hpp, &h, HPP(HPP_GEN(h), prio, intid),
			    memory_order_seq_cst, memory_order_seq_cst)) {
			notify(gic, cpu);
			return;
		}
	}
}

/* ---- GICITS_LPI_CACHE_FULL: the priority heap (RD lock held) ------- */

static bool heap_less(uint64_t a, uint64_t b)
{
	return a < b; /* priority, then INTID: lower wins */
}

static int heap_push(struct cpu_state *c, uint64_t e)
{
	uint32_t i;

	if (c->nheap == c->capheap) {
		uint32_t ncap = c->capheap ? c->capheap * 2 : 64;
		uint64_t *n = realloc(c->heap, ncap * sizeof(*n));

		if (!n)
			return GICITS_ENOMEM;
		c->heap = n;
		c->capheap = ncap;
	}
	i = c->nheap++;
	while (i && heap_less(e, c->heap[(i - 1) / 2])) {
		c->heap[i] = c->heap[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	c->heap[i] = e;
	return GICITS_OK;
}

static void heap_pop(struct cpu_state *c)
{
	uint64_t e;
	uint32_t i = 0, k;

	if (!c->nheap)
		return;
	e = c->heap[--c->nheap];
	for (;;) {
		k = 2 * i + 1;
		if (k >= c->nheap)
			break;
		if (k + 1 < c->nheap && heap_less(c->heap[k + 1], c->heap[k]))
			k++;
		if (!heap_less(c->heap[k], e))
			break;
		c->heap[i] = c->heap[k];
		i = k;
	}
	if (c->nheap)
		c->heap[i] = e;
}

static void inheap_set(struct cpu_state *c, uint32_t id, bool v)
{
	struct pend_chunk *p = chunk_of(c, id);
	uint32_t b = id % CHUNK_BITS;

	if (!p)
		return;
	if (v)
		p->inheap[b / 64] |= 1ULL << (b % 64);
	else
		p->inheap[b / 64] &= ~(1ULL << (b % 64));
}

static bool inheap_test(struct cpu_state *c, uint32_t id)
{
	struct pend_chunk *p = chunk_of(c, id);
	uint32_t b = id % CHUNK_BITS;

	return p && (p->inheap[b / 64] >> (b % 64) & 1);
}

/* Add a pending LPI to the heap if it is enabled (reads its configuration:
 * this is the moment the redistributor caches it). */
static void heap_consider(struct gicits_gic *gic, unsigned cpu, uint32_t id)
{
	struct cpu_state *c = &gic->cpus[cpu];
	uint8_t cfgb;

	if (id < GICITS_LPI_BASE || inheap_test(c, id) || !pend_test(c, id))
		return;
	cfgb = lpi_config(gic, cpu, id);
	if (!(cfgb & 1))
		return;
	if (heap_push(c, (uint64_t)(cfgb & 0xfc) << 32 | id)) {
		trace(gic, GICITS_TRACE_FINDING, cpu, id, 0, 0, "ENOMEM",
		      "priority heap could not grow; LPI stays pending until INV");
		return;
	}
	inheap_set(c, id, true);
}

/* Take in every LPI made pending since the last look: O(newly pending). */

static int absorb_chunk(void *ctx, uint32_t k, struct pend_chunk *p, bool *keep)
{
	struct absorb_ctx *a = ctx;
	unsigned s;

	(void)keep; /* taken in: the chunk's fresh mark is consumed */
	for (s = 0; s < SUM_WORDS; s++) {
		uint64_t sw;

		if (!atomic_load_explicit(&p->fsum[s], memory_order_seq_cst))
			continue;
		sw = atomic_exchange_explicit(&p->fsum[s], 0,
					      memory_order_seq_cst);
		/* what is taken in stays findable by pend_walk() */
		if (sw)
			pending_mark(a->c, a->ch, p, k, s, sw);
		while (sw) {
			unsigned wi = s * 64 + ctz64(sw);
			uint64_t w = atomic_load_explicit(
					     &p->w[wi], memory_order_seq_cst) &
				     ~p->seen[wi];

			sw &= sw - 1;
			p->seen[wi] |= w;
			for (; w; w &= w - 1)
				heap_consider(a->gic, a->cpu,
					      k * CHUNK_BITS + wi * 64 +
						      ctz64(w));
		}
	}
	return 0;
}

static void absorb(struct gicits_gic *gic, unsigned cpu)
{
	struct cpu_state *c = &gic->cpus[cpu];
	struct absorb_ctx a = { gic, cpu, c, NULL };

	a.ch = atomic_load_explicit(&c->chunks, memory_order_seq_cst);
	/* top down, clearing: the first setter after this notifies again */
	if (a.ch)
		(void)chunk_walk(c, true, true, absorb_chunk, &a);
}

/* Heap top whose LPI is still pending, dropping stale entries; 0 if none. */
static uint64_t heap_top(struct cpu_state *c)
{
	while (c->nheap) {
		uint64_t e = c->heap[0];

		if (pend_test(c, (uint32_t)e))
			return e;
		inheap_set(c, (uint32_t)e, false);
		heap_pop(c);
	}
	return 0;
}

static int rebuild_one(void *opaque, uint32_t id)
{
	struct rescan_ctx_full {
		struct gicits_gic *gic;
		unsigned cpu;
	} *r = opaque;
	struct pend_chunk *p = chunk_of(&r->gic->cpus[r->cpu], id);

	/* seen by this walk: absorb() after it takes in only later ones */
	if (p)
		p->seen[id % CHUNK_BITS / 64] |= 1ULL << (id % 64);
	heap_consider(r->gic, r->cpu, id);
	return 0;
}

/* Publish the heap's top as the HPPLPI word (same generation protocol as
 * the HPP model's rescan). */
static void publish_top(struct gicits_gic *gic, unsigned cpu, bool take_new)
{
	struct cpu_state *c = &gic->cpus[cpu];
	uint64_t old = atomic_load_explicit(&c->hpp, memory_order_acquire);
	uint64_t gen = (HPP_GEN(old) + 1) & ((1ULL << 24) - 1), h, top;

	/* Release is enough here (unlike the HPP model's rescan): in this
	 * model setters never write the word (they only mark summaries), and
	 * every reader publishes again first. */
	atomic_store_explicit(&c->hpp, HPP(gen, 0, 0), memory_order_release);
	if (take_new)
		absorb(gic, cpu);
	top = heap_top(c);
	h = atomic_load_explicit(&c->hpp, memory_order_acquire);
	while (top && better((uint8_t)(top >> 32), (uint32_t)top, h)) {
		if (atomic_compare_exchange_weak_explicit(
			    &c->hpp, &h, HPP(gen, top >> 32, (uint32_t)top),
			    memory_order_acq_rel, memory_order_acquire))
			break;
	}
	h = atomic_load_explicit(&c->hpp, memory_order_acquire);
	if (HPP_ID(h) != HPP_ID(old) || HPP_PRIO(h) != HPP_PRIO(old))
		notify(gic, cpu);
}

/* Full reload of the configuration cache: rebuild the heap from the
 * pending set.  O(pending LPIs); only INV-class operations do it. */
static void rebuild(struct gicits_gic *gic, unsigned cpu)
{
	struct cpu_state *c = &gic->cpus[cpu];
	struct {
		struct gicits_gic *gic;
		unsigned cpu;
	} r = { gic, cpu };
	uint32_t i;

	for (i = 0; i < c->nheap; i++)
		inheap_set(c, (uint32_t)c->heap[i], false);
	c->nheap = 0;
	(void)pend_walk(c, true, rebuild_one, &r);
	publish_top(gic, cpu, true);
}

struct rescan_ctx {
	struct gicits_gic *gic;
	unsigned cpu;
	uint32_t best;
	uint8_t prio;
};

static int rescan_one(void *opaque, uint32_t id)
{
	struct rescan_ctx *r = opaque;
	uint8_t cfgb;

	if (id < GICITS_LPI_BASE)
		return 0;
	cfgb = lpi_config(r->gic, r->cpu, id);
	/* ascending INTIDs: on equal priority the first (lower) one wins */
	if ((cfgb & 1) && (!r->best || (cfgb & 0xfc) < r->prio)) {
		r->best = id;
		r->prio = cfgb & 0xfc;
	}
	return 0;
}

/* Full rescan (caller holds the RD lock): reload the configuration of
 * every pending LPI. */
static void rescan(struct gicits_gic *gic, unsigned cpu)
{
	struct cpu_state *c = &gic->cpus[cpu];
	uint64_t old = atomic_load_explicit(&c->hpp, memory_order_acquire);
	uint64_t gen = (HPP_GEN(old) + 1) & ((1ULL << 24) - 1), h;
	struct rescan_ctx r = { gic, cpu, 0, 0xff };

	if (c->full) {
		rebuild(gic, cpu);
		return;
	}
	/* New generation first: offers made from now on are kept.  An
	 * exchange (seq_cst) so that an offer's CAS ordered before it is
	 * also ordered before the walk's loads (see hpp_offer). */
	(void)atomic_exchange_explicit(&c->hpp, HPP(gen, 0, 0),
				       memory_order_seq_cst);
	(void)pend_walk(c, true, rescan_one, &r);
	h = atomic_load_explicit(&c->hpp, memory_order_acquire);
	while (r.best && better(r.prio, r.best, h)) {
		if (atomic_compare_exchange_weak_explicit(
			    &c->hpp, &h, HPP(gen, r.prio, r.best),
			    memory_order_acq_rel, memory_order_acquire))
			break;
	}
	h = atomic_load_explicit(&c->hpp, memory_order_acquire);
	if (HPP_ID(h) != HPP_ID(old) || HPP_PRIO(h) != HPP_PRIO(old))
		notify(gic, cpu);
}

/* Lock-free: used by MSIs and INT (ITS commands hold the ITS lock, not
 * this RD's), and with the RD lock held by GICR_SETLPIR. */
static enum gicits_drop lpi_set(struct gicits_gic *gic, unsigned cpu,
				uint32_t intid)
{
	struct cpu_state *c = &gic->cpus[cpu];
	uint8_t cfgb;
	int r;

	uint64_t limit =
		atomic_load_explicit(&c->lpi_limit, memory_order_acquire);

	if (!limit || intid < GICITS_LPI_BASE || intid >= limit) {
		/* GICR_CTLR.EnableLPIs == 0: translations targeting it are
		 * ignored; INTIDs beyond PROPBASER.IDbits are dropped. */
		if (!atomic_load_explicit(&c->enable_lpis,
					  memory_order_acquire))
			return GICITS_DROP_LPIS_DISABLED;
		if (!lpi_in_range(gic, c, intid))
			return GICITS_DROP_INTID_OOR;
	}
	if (pend_test(c, intid))
		return GICITS_DROP_NONE;
	r = pend_set(c, intid);
	if (r < 0) {
		trace(gic, GICITS_TRACE_FINDING, cpu, intid, 0, 0, "ENOMEM",
		      "pending state could not be allocated; LPI lost");
		return GICITS_DROP_INTID_OOR;
	}
	if (r == 0)
		return GICITS_DROP_NONE;
	/* FULL: the redistributor reads the configuration when it takes
	 * the LPI in (absorb(), under the lock, at the next acknowledge,
	 * gicits_cpu_hppi() or rescan), not now: an MSI to a cold LPI reads
	 * no configuration byte.  The CPU interface is told once per batch
	 * (pend_set() returns 2 for the first). */
	if (c->full) {
		if (r == 2)
			notify(gic, cpu);
		return GICITS_DROP_NONE;
	}
	/* Newly pending: the configuration is read now (the HPPLPI cache). */
	cfgb = lpi_config(gic, cpu, intid);
	if (cfgb & 1)
		hpp_offer(gic, cpu, intid, cfgb & 0xfc);
	return GICITS_DROP_NONE;
}

/* Caller holds the RD lock. */
static void lpi_clear_locked(struct gicits_gic *gic, unsigned cpu,
			     uint32_t intid)
{
	struct cpu_state *c = &gic->cpus[cpu];

	if (!pend_clear(c, intid))
		return;
	if (HPP_ID(atomic_load_explicit(&c->hpp, memory_order_acquire)) !=
	    intid)
		return;
	if (c->full)
		publish_top(gic, cpu, false); /* lazy deletion: no rescan */
	else
		rescan(gic, cpu);
}

static void lock2(struct gicits_gic *gic, unsigned a, unsigned b)
{
	if (a == b) {
		mtx_lock(&gic->cpus[a].lock);
	} else if (a < b) {
		mtx_lock(&gic->cpus[a].lock);
		mtx_lock(&gic->cpus[b].lock);
	} else {
		mtx_lock(&gic->cpus[b].lock);
		mtx_lock(&gic->cpus[a].lock);
	}
}

static void unlock2(struct gicits_gic *gic, unsigned a, unsigned b)
{
	mtx_unlock(&gic->cpus[a].lock);
	if (a != b)
		mtx_unlock(&gic->cpus[b].lock);
}

/* ---- internal interface for the ITS --------------------------------- */

bool gic_rdbase_to_cpu(const struct gicits_gic *gic, uint64_t rdbase, bool pta,
		       unsigned *cpu)
{
	if (!pta) {
		if (rdbase >= gic->cfg.num_cpus)
			return false;
		*cpu = (unsigned)rdbase;
		return true;
	} else {
		uint64_t pa = rdbase << 16;

		if (pa < gic->cfg.rd_base ||
		    (pa - gic->cfg.rd_base) % gic->cfg.rd_stride ||
		    (pa - gic->cfg.rd_base) / gic->cfg.rd_stride >=
			    gic->cfg.num_cpus)
			return false;
		*cpu = (unsigned)((pa - gic->cfg.rd_base) / gic->cfg.rd_stride);
		return true;
	}
}

_Atomic uint64_t *gic_lpi_prepare(const struct gicits_gic *gic, unsigned cpu,
				  uint32_t intid)
{
	struct cpu_state *c = &gic->cpus[cpu];
	uint64_t limit =
		atomic_load_explicit(&c->lpi_limit, memory_order_acquire);
	struct pend_chunk *p;
	_Atomic uint64_t *w;
	const void *cfg;

	if (intid < GICITS_LPI_BASE || intid >= limit)
		return NULL;
	p = chunk_of(c, intid);
	if (!p)
		return NULL;
	w = &p->w[(intid % CHUNK_BITS) / 64];
	__builtin_prefetch((const void *)w, 1);
	if (c->full) {
		/* the fresh summary word a newly pending LPI marks (the
		 * chunk-level words are hot); no configuration read on the
		 * way in: lpi_set() */
		__builtin_prefetch(&p->fsum[(intid % CHUNK_BITS) / 4096]);
		return w;
	}
	cfg = mem_direct_hint(
		gic->mem,
		(atomic_load_explicit(&c->propbaser, memory_order_relaxed) &
		 bits_mask(51, 12)) +
			(intid - GICITS_LPI_BASE),
		1);
	if (cfg)
		__builtin_prefetch(cfg);
	return w;
}

enum gicits_drop gic_lpi_set_at(struct gicits_gic *gic, unsigned cpu,
				uint32_t intid, _Atomic uint64_t *w)
{
	struct cpu_state *c = &gic->cpus[cpu];
	uint64_t limit =
		atomic_load_explicit(&c->lpi_limit, memory_order_acquire);
	uint64_t bit = 1ULL << (intid % 64);
	struct pend_chunk *p;

	/* lpi_set()'s cases other than "in range, block exists", and the HPP
	 * model (which reads the configuration of a newly pending LPI) */
	if (!w || intid < GICITS_LPI_BASE || intid >= limit)
		return lpi_set(gic, cpu, intid);
	if (atomic_load_explicit(w, memory_order_acquire) & bit)
		return GICITS_DROP_NONE;
	if (!c->full)
		return lpi_set(gic, cpu, intid);
	/* pend_set()'s FULL case on the block @w lies in */
	if (atomic_fetch_or_explicit(w, bit, memory_order_seq_cst) & bit)
		return GICITS_DROP_NONE;
	/* the block @w lies in (no lookup) */
	p = (struct pend_chunk *)(void *)((char *)(void *)(w - (intid %
								CHUNK_BITS) /
								       64) -
					  offsetof(struct pend_chunk, w));
	if (gic_full_mark(
		    c, atomic_load_explicit(&c->chunks, memory_order_acquire),
		    p, intid))
		notify(gic, cpu);
	return GICITS_DROP_NONE;
}

enum gicits_drop gic_lpi_set(struct gicits_gic *gic, unsigned cpu,
			     uint32_t intid)
{
	return lpi_set(gic, cpu, intid);
}

void gic_lpi_clear(struct gicits_gic *gic, unsigned cpu, uint32_t intid)
{
	mtx_lock(&gic->cpus[cpu].lock);
	lpi_clear_locked(gic, cpu, intid);
	mtx_unlock(&gic->cpus[cpu].lock);
}

void gic_lpi_move(struct gicits_gic *gic, unsigned from, unsigned to,
		  uint32_t intid)
{
	if (from == to)
		return;
	lock2(gic, from, to);
	if (pend_test(&gic->cpus[from], intid)) {
		lpi_clear_locked(gic, from, intid);
		(void)lpi_set(gic, to, intid);
	}
	unlock2(gic, from, to);
}

void gic_lpi_inv(struct gicits_gic *gic, unsigned cpu, uint32_t intid)
{
	(void)intid;
	mtx_lock(&gic->cpus[cpu].lock);
	rescan(gic, cpu);
	mtx_unlock(&gic->cpus[cpu].lock);
}

void gic_lpi_inv_all(struct gicits_gic *gic)
{
	unsigned i;

	for (i = 0; i < gic->cfg.num_cpus; i++)
		gic_lpi_inv(gic, i, 0);
}

struct move_ctx {
	struct gicits_gic *gic;
	unsigned from, to;
};

static int move_one(void *opaque, uint32_t id)
{
	struct move_ctx *m = opaque;

	/* Pending state moves even to a target that would drop a new
	 * translation: MOVALL transfers state.  A disabled target
	 * (EnableLPIs == 0) cannot hold it; the LPIs are then lost, which is
	 * what software that moves to a disabled RD asked for. */
	if (atomic_load_explicit(&m->gic->cpus[m->to].enable_lpis,
				 memory_order_relaxed))
		(void)pend_set(&m->gic->cpus[m->to], id);
	pend_clear(&m->gic->cpus[m->from], id);
	return 0;
}

void gic_lpi_movall(struct gicits_gic *gic, unsigned from, unsigned to)
{
	struct move_ctx m = { gic, from, to };

	if (from == to)
		return;
	lock2(gic, from, to);
	(void)pend_walk(&gic->cpus[from], false, move_one, &m);
	rescan(gic, from);
	rescan(gic, to);
	unlock2(gic, from, to);
}

/* ---- EnableLPIs ----------------------------------------------------- */

static uint64_t pend_pa(const struct cpu_state *c)
{
	return c->pendbaser & bits_mask(51, 16);
}

/* EnableLPIs 0 -> 1: load the pending table unless PTZ said it is zero. */
static void enable_lpis(struct gicits_gic *gic, unsigned cpu)
{
	struct cpu_state *c = &gic->cpus[cpu];
	unsigned b = rd_id_bits(gic, c);
	uint64_t id;

	if (!c->ptz && b) {
		uint8_t buf[256];

		for (id = GICITS_LPI_BASE; id < (1ULL << b);
		     id += 8 * sizeof(buf)) {
			uint64_t n = ((1ULL << b) - id) / 8;
			unsigned j;

			if (n > sizeof(buf))
				n = sizeof(buf);
			if (gicits_mem_read(gic->mem, pend_pa(c) + id / 8, buf,
					    n)) {
				trace(gic, GICITS_TRACE_FINDING, cpu, 0, 0,
				      pend_pa(c), "GICR_PENDBASER",
				      "pending table read faulted at EnableLPIs; treated as zero");
				break;
			}
			for (j = 0; j < n * 8; j++)
				if (buf[j / 8] >> (j % 8) & 1)
					(void)pend_set(c, (uint32_t)(id + j));
		}
	}
	c->ptz = false;
	atomic_store_explicit(&c->enable_lpis, true, memory_order_release);
	atomic_store_explicit(&c->lpi_limit, b ? 1ULL << b : 0,
			      memory_order_release);
	rescan(gic, cpu);
}

static int clear_one(void *opaque, uint32_t id)
{
	pend_clear(opaque, id);
	return 0;
}

/* EnableLPIs 1 -> 0: write the pending state back to the pending table, so
 * that the table is exact again (IHI 0069: its content is UNKNOWN only while
 * EnableLPIs == 1). */
static void disable_lpis(struct gicits_gic *gic, unsigned cpu)
{
	struct cpu_state *c = &gic->cpus[cpu];
	unsigned b = rd_id_bits(gic, c);
	uint64_t id;

	atomic_store_explicit(&c->lpi_limit, 0, memory_order_seq_cst);
	atomic_store_explicit(&c->enable_lpis, false, memory_order_seq_cst);
	for (id = GICITS_LPI_BASE; b && id < (1ULL << b); id += 8) {
		uint8_t byte = 0;
		unsigned j;

		for (j = 0; j < 8; j++)
			if (pend_test(c, (uint32_t)(id + j)))
				byte |= (uint8_t)(1u << j);
		if (gicits_mem_write(gic->mem, pend_pa(c) + id / 8, &byte, 1)) {
			trace(gic, GICITS_TRACE_FINDING, cpu, 0, 0, pend_pa(c),
			      "GICR_PENDBASER",
			      "pending table write-back faulted");
			break;
		}
	}
	/* Blocks stay allocated (a racing setter may still hold one). */
	(void)pend_walk(c, true, clear_one, c);
	atomic_store_explicit(&c->hpp, 0, memory_order_release);
	notify(gic, cpu);
}

/* ---- registers ------------------------------------------------------ */

static uint64_t typer(const struct gicits_gic *gic, unsigned cpu)
{
	uint64_t v = 0;

	/* Affinity: Aff0 = cpu[7:0], Aff1 = cpu[15:8]. */
	v = bits_set(v, 39, 32, cpu & 0xff);
	v = bits_set(v, 47, 40, (cpu >> 8) & 0xff);
	v = bits_set(v, 23, 8, cpu); /* Processor_Number */
	v = bits_set(v, 25, 24, 0); /* CommonLPIAff: all RDs share config */
	v |= 1u << 3; /* DirectLPI: SETLPIR..SYNCR implemented */
	v |= 1u << 0; /* PLPIS */
	if (cpu == gic->cfg.num_cpus - 1)
		v |= 1u << 4; /* Last */
	return v;
}

static int check_access(struct gicits_gic *gic, unsigned cpu, uint32_t offset,
			unsigned size, bool is64)
{
	if (!gic)
		return GICITS_EINVAL;
	if (cpu >= gic->cfg.num_cpus)
		return GICITS_ENOENT;
	if (offset >= 0x10000)
		return GICITS_EINVAL;
	if ((size != 4 && size != 8) || offset % size)
		return GICITS_EACCESS;
	if (size == 8 && !is64)
		return GICITS_EACCESS;
	return GICITS_OK;
}

static bool reg_is64(uint32_t base)
{
	switch (base) {
	case GICITS_GICR_TYPER:
	case GICITS_GICR_SETLPIR:
	case GICITS_GICR_CLRLPIR:
	case GICITS_GICR_PROPBASER:
	case GICITS_GICR_PENDBASER:
	case GICITS_GICR_INVLPIR:
	case GICITS_GICR_INVALLR:
		return true;
	}
	return false;
}

int gicits_rdist_read(struct gicits_gic *gic, unsigned cpu, uint32_t offset,
		      unsigned size, uint64_t *val)
{
	uint32_t base = offset & ~7u;
	uint64_t v = 0;
	struct cpu_state *c;
	int err;

	if (!val)
		return GICITS_EINVAL;
	*val = 0;
	err = check_access(gic, cpu, offset, size,
			   reg_is64(base) && base == offset);
	if (err)
		return err;
	if (!reg_is64(base))
		base = offset;
	c = &gic->cpus[cpu];
	mtx_lock(&c->lock);
	switch (base) {
	case GICITS_GICR_CTLR:
		/* [1] CES, [2] IR (INVLPIR/INVALLR/SYNCR), [0] EnableLPIs;
		 * RWP is never set: changes take effect synchronously. */
		v = (gic->cfg.ces ? 2u : 0u) | 4u |
		    (atomic_load_explicit(&c->enable_lpis,
					  memory_order_relaxed) ?
			     1u :
			     0u);
		break;
	case GICITS_GICR_IIDR:
		v = 0x43b; /* Arm JEP106 */
		break;
	case GICITS_GICR_TYPER:
		v = typer(gic, cpu);
		break;
	case GICITS_GICR_STATUSR:
		v = c->statusr;
		break;
	case GICITS_GICR_WAKER:
		v = c->waker;
		break;
	case GICITS_GICR_PROPBASER:
		v = atomic_load_explicit(&c->propbaser, memory_order_relaxed);
		break;
	case GICITS_GICR_PENDBASER:
		v = c->pendbaser & ~(1ULL << 62); /* PTZ reads 0 */
		break;
	case GICITS_GICR_SYNCR:
		v = 0; /* never Busy: invalidations complete synchronously */
		break;
	case GICITS_GICR_PIDR2:
		v = 0x3b; /* ArchRev 3 */
		break;
	case GICITS_GICR_SETLPIR:
	case GICITS_GICR_CLRLPIR:
	case GICITS_GICR_INVLPIR:
	case GICITS_GICR_INVALLR:
		c->statusr |= 1u << 2; /* RWOD */
		trace(gic, GICITS_TRACE_REG, cpu, 0, offset, 0,
		      "GICR_STATUSR.RWOD",
		      "read of a write-only redistributor register (RAZ)");
		break;
	default:
		c->statusr |= 1u << 0; /* RRD */
		trace(gic, GICITS_TRACE_REG, cpu, 0, offset, 0,
		      "GICR_STATUSR.RRD",
		      "read of a reserved redistributor offset (RAZ)");
		break;
	}
	mtx_unlock(&c->lock);
	if (size == 4 && (offset & 4) && reg_is64(base))
		v >>= 32;
	else if (size == 4)
		v &= 0xffffffffu;
	*val = v;
	return GICITS_OK;
}

/* Merge a 32-bit write into a 64-bit register. */
int gicits_rdist_write(struct gicits_gic *gic, unsigned cpu, uint32_t offset,
		       unsigned size, uint64_t val)
{
	uint32_t base = offset & ~7u;
	struct cpu_state *c;
	bool enabled;
	int err;

	err = check_access(gic, cpu, offset, size,
			   reg_is64(base) && base == offset);
	if (err)
		return err;
	if (!reg_is64(base))
		base = offset;
	if (size == 4)
		val &= 0xffffffffu;
	c = &gic->cpus[cpu];
	mtx_lock(&c->lock);
	enabled = atomic_load_explicit(&c->enable_lpis, memory_order_relaxed);
	switch (base) {
	case GICITS_GICR_CTLR:
		if ((val & 1) && !enabled) {
			enable_lpis(gic, cpu);
		} else if (!(val & 1) && enabled) {
			if (gic->cfg.ces)
				disable_lpis(gic, cpu);
			else
				trace(gic, GICITS_TRACE_REG, cpu, 0, offset,
				      val, "GICR_CTLR.CES",
				      "EnableLPIs is RES1 once set (CES == 0); write ignored");
		}
		break;
	case GICITS_GICR_STATUSR:
		c->statusr &= ~(uint32_t)val; /* W1C */
		break;
	case GICITS_GICR_WAKER:
		/* ProcessorSleep [1]; ChildrenAsleep [2] follows it. */
		c->waker = (val & 2) ? 0x6 : 0x0;
		break;
	case GICITS_GICR_PROPBASER:
	case GICITS_GICR_PENDBASER:
		if (enabled) {
			/* IHI 0069 GICR_PROPBASER/PENDBASER: writing while
			 * EnableLPIs == 1 is UNPREDICTABLE; gicits ignores it. */
			trace(gic, GICITS_TRACE_REG, cpu, 0, offset, val,
			      "GICR_PENDBASER.UNPREDICTABLE",
			      "write while EnableLPIs == 1 ignored");
			break;
		}
		if (base == GICITS_GICR_PROPBASER) {
			atomic_store_explicit(
				&c->propbaser,
				reg64_merge(atomic_load_explicit(
						    &c->propbaser,
						    memory_order_relaxed),
					    offset, size, val) &
					(bits_mask(58, 56) | bits_mask(51, 12) |
					 bits_mask(11, 7) | bits_mask(4, 0)),
				memory_order_relaxed);
		} else {
			uint64_t v =
				reg64_merge(c->pendbaser, offset, size, val);

			if (size == 8 || (offset & 4))
				c->ptz = (v >> 62) & 1;
			c->pendbaser =
				v & (bits_mask(62, 62) | bits_mask(58, 56) |
				     bits_mask(51, 16) | bits_mask(11, 7));
		}
		break;
	case GICITS_GICR_SETLPIR:
		if (!(offset & 4))
			(void)lpi_set(gic, cpu, (uint32_t)val);
		break;
	case GICITS_GICR_CLRLPIR:
		if (!(offset & 4) && enabled)
			lpi_clear_locked(gic, cpu, (uint32_t)val);
		break;
	case GICITS_GICR_INVLPIR:
	case GICITS_GICR_INVALLR:
		/* Physical only ([63] V = 0); reload this RD's cache. */
		if (!(offset & 4) || !(val >> 31))
			rescan(gic, cpu);
		break;
	case GICITS_GICR_IIDR:
	case GICITS_GICR_TYPER:
	case GICITS_GICR_SYNCR:
	case GICITS_GICR_PIDR2:
		c->statusr |= 1u << 3; /* WROD */
		trace(gic, GICITS_TRACE_REG, cpu, 0, offset, val,
		      "GICR_STATUSR.WROD",
		      "write to a read-only redistributor register ignored");
		break;
	default:
		c->statusr |= 1u << 1; /* WRD */
		trace(gic, GICITS_TRACE_REG, cpu, 0, offset, val,
		      "GICR_STATUSR.WRD",
		      "write to a reserved redistributor offset ignored");
		break;
	}
	mtx_unlock(&c->lock);
	return GICITS_OK;
}

/* ---- CPU interface -------------------------------------------------- */

int gicits_cpu_set_pmr(struct gicits_gic *gic, unsigned cpu, uint8_t pmr)
{
	if (!gic || cpu >= gic->cfg.num_cpus)
		return GICITS_ENOENT;
	mtx_lock(&gic->cpus[cpu].lock);
	gic->cpus[cpu].pmr = pmr & gic->pri_mask;
	notify(gic, cpu);
	mtx_unlock(&gic->cpus[cpu].lock);
	return GICITS_OK;
}

uint8_t gicits_cpu_get_pmr(struct gicits_gic *gic, unsigned cpu)
{
	uint8_t v;

	if (!gic || cpu >= gic->cfg.num_cpus)
		return 0;
	mtx_lock(&gic->cpus[cpu].lock);
	v = gic->cpus[cpu].pmr;
	mtx_unlock(&gic->cpus[cpu].lock);
	return v;
}

/* Cache check: the cached HPPLPI against the configuration in memory. */
static void check_hpp(struct gicits_gic *gic, unsigned cpu, uint64_t h)
{
	uint8_t cfgb;

	if (!gic->cfg.check_config || !HPP_ID(h))
		return;
	cfgb = lpi_config(gic, cpu, HPP_ID(h));
	if (!(cfgb & 1) || (cfgb & 0xfc) != HPP_PRIO(h)) {
		atomic_fetch_add_explicit(&gic->findings, 1,
					  memory_order_relaxed);
		trace(gic, GICITS_TRACE_FINDING, cpu, HPP_ID(h), 0, cfgb, "INV",
		      !(cfgb & 1) ?
			      "LPI disabled in the configuration table without INV/INVALL/GICR_INVLPIR: "
			      "the redistributor still uses its cached copy" :
			      "LPI priority changed in the configuration table without INV/INVALL/GICR_INVLPIR: "
			      "the redistributor still uses its cached copy");
	}
}

/* HPPLPI word the CPU interface signals, or 0 (caller holds the RD lock). */
static uint64_t signalled(struct gicits_gic *gic, unsigned cpu)
{
	struct cpu_state *c = &gic->cpus[cpu];
	uint64_t h = atomic_load_explicit(&c->hpp, memory_order_acquire);
	unsigned prio, running;

	/* HPP model: a lock-free setter's offer can arrive after the LPI was
	 * acknowledged, cleared or moved by a holder of this lock; such a word
	 * names an LPI that is not pending.  Rescan (a new generation) until
	 * the word names a pending LPI or none. */
	while (!c->full && HPP_ID(h) && !pend_test(c, HPP_ID(h))) {
		rescan(gic, cpu);
		h = atomic_load_explicit(&c->hpp, memory_order_acquire);
	}

	if (!HPP_ID(h) ||
	    !atomic_load_explicit(&c->enable_lpis, memory_order_relaxed))
		return 0;
	check_hpp(gic, cpu, h);
	prio = HPP_PRIO(h) & gic->pri_mask;
	running = c->nactive ? c->active[c->nactive - 1] : 0x100;
	if (prio >= c->pmr || prio >= running)
		return 0;
	return h;
}

uint32_t gicits_cpu_hppi(struct gicits_gic *gic, unsigned cpu)
{
	uint64_t h;

	if (!gic || cpu >= gic->cfg.num_cpus)
		return GICITS_INTID_SPURIOUS;
	mtx_lock(&gic->cpus[cpu].lock);
	if (gic->cpus[cpu].full)
		publish_top(gic, cpu, true);
	h = signalled(gic, cpu);
	mtx_unlock(&gic->cpus[cpu].lock);
	return h ? HPP_ID(h) : GICITS_INTID_SPURIOUS;
}

uint32_t gicits_cpu_ack(struct gicits_gic *gic, unsigned cpu)
{
	struct cpu_state *c;
	uint64_t h;

	if (!gic || cpu >= gic->cfg.num_cpus)
		return GICITS_INTID_SPURIOUS;
	c = &gic->cpus[cpu];
	mtx_lock(&c->lock);
	if (c->full)
		publish_top(gic, cpu, true); /* O(newly pending + log n) */
	h = signalled(gic, cpu);
	if (h) {
		if (c->nactive < sizeof(c->active))
			c->active[c->nactive++] = HPP_PRIO(h) & gic->pri_mask;
		/* The LPI stops being pending.  HPP model: it was the HPPLPI,
		 * so the redistributor rescans.  FULL model: the next heap
		 * entry becomes the HPPLPI. */
		pend_clear(c, HPP_ID(h));
		if (c->full)
			publish_top(gic, cpu, false);
		else
			rescan(gic, cpu);
	}
	mtx_unlock(&c->lock);
	return h ? HPP_ID(h) : GICITS_INTID_SPURIOUS;
}

int gicits_cpu_eoi(struct gicits_gic *gic, unsigned cpu, uint32_t intid)
{
	struct cpu_state *c;
	int err = GICITS_OK;

	(void)intid;
	if (!gic || cpu >= gic->cfg.num_cpus)
		return GICITS_ENOENT;
	c = &gic->cpus[cpu];
	mtx_lock(&c->lock);
	if (!c->nactive)
		err = GICITS_ESTATE;
	else
		c->nactive--;
	notify(gic, cpu);
	mtx_unlock(&c->lock);
	return err;
}

int gicits_rdist_pending_foreach(struct gicits_gic *gic, unsigned cpu,
				 int (*fn)(void *opaque, uint32_t intid),
				 void *opaque)
{
	int rc;

	if (!gic || cpu >= gic->cfg.num_cpus)
		return GICITS_ENOENT;
	if (!fn)
		return GICITS_EINVAL;
	mtx_lock(&gic->cpus[cpu].lock);
	rc = pend_walk(&gic->cpus[cpu], false, fn, opaque);
	mtx_unlock(&gic->cpus[cpu].lock);
	return rc;
}

int gicits_rdist_is_pending(struct gicits_gic *gic, unsigned cpu,
			    uint32_t intid)
{
	if (!gic || cpu >= gic->cfg.num_cpus)
		return GICITS_ENOENT;
	return pend_test(&gic->cpus[cpu], intid);
}

/* ---- save / restore ------------------------------------------------- */

int gic_cpu_save(struct gicits_gic *gic, unsigned cpu, struct gic_cpu_snap *s)
{
	struct cpu_state *c;

	if (!gic || !s || cpu >= gic->cfg.num_cpus)
		return GICITS_ENOENT;
	c = &gic->cpus[cpu];
	mtx_lock(&c->lock);
	memset(s, 0, sizeof(*s));
	s->enable_lpis =
		atomic_load_explicit(&c->enable_lpis, memory_order_relaxed);
	s->propbaser =
		atomic_load_explicit(&c->propbaser, memory_order_relaxed);
	s->pendbaser = c->pendbaser;
	s->statusr = c->statusr;
	s->waker = c->waker;
	s->pmr = c->pmr;
	s->nactive = c->nactive;
	memcpy(s->active, c->active, sizeof(s->active));
	mtx_unlock(&c->lock);
	return GICITS_OK;
}

int gic_cpu_restore(struct gicits_gic *gic, unsigned cpu,
		    const struct gic_cpu_snap *s, const uint32_t *pending,
		    size_t n)
{
	struct cpu_state *c;
	size_t i;
	int err = GICITS_OK;

	if (!gic || cpu >= gic->cfg.num_cpus)
		return GICITS_ENOENT;
	if (!s || (n && !pending) || s->nactive > sizeof(s->active))
		return GICITS_EINVAL;
	for (i = 0; i < n; i++)
		if (pending[i] < GICITS_LPI_BASE ||
		    (gic->cfg.intid_bits < 32 &&
		     pending[i] >> gic->cfg.intid_bits))
			return GICITS_EINVAL;
	c = &gic->cpus[cpu];
	mtx_lock(&c->lock);
	(void)pend_walk(c, true, clear_one, c);
	atomic_store_explicit(&c->propbaser, s->propbaser,
			      memory_order_relaxed);
	c->pendbaser = s->pendbaser;
	c->statusr = s->statusr;
	c->waker = s->waker;
	c->pmr = s->pmr & gic->pri_mask;
	c->nactive = s->nactive;
	memcpy(c->active, s->active, sizeof(c->active));
	c->ptz = false;
	for (i = 0; i < n && !err; i++)
		if (pend_set(c, pending[i]) < 0)
			err = GICITS_ENOMEM;
	atomic_store_explicit(&c->enable_lpis, s->enable_lpis,
			      memory_order_release);
	{
		unsigned b = rd_id_bits(gic, c);

		atomic_store_explicit(&c->lpi_limit,
				      s->enable_lpis && b ? 1ULL << b : 0,
				      memory_order_release);
	}
	rescan(gic, cpu);
	mtx_unlock(&c->lock);
	return err;
}
