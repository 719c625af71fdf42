/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The redistributor side that an ITS calls (the arrow ITS -> redistributor
 * of DESIGN.md).  Internal to the library.
 */
#ifndef GICITS_RDIST_INTERNAL_H
#define GICITS_RDIST_INTERNAL_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <threads.h>

#include "common/bits.h"
#include "gicits/rdist.h"
#include "gicits/trace.h"

/* Layouts, here so that the ITS's MSI path can inline the test of an
 * already pending LPI (gic_lpi_set_hot()); everything else is rdist.c's. */
#define GIC_PEND_CHUNK_BITS 32768u /* LPIs per lazily allocated pending block */
#define GIC_PEND_CHUNK_WORDS (GIC_PEND_CHUNK_BITS / 64)
#define GIC_PEND_SUM_WORDS (GIC_PEND_CHUNK_WORDS / 64)

struct pend_chunk {
	_Atomic uint64_t
		sum[GIC_PEND_SUM_WORDS]; /* bit w: word w may be non-zero */
	_Atomic uint64_t w[GIC_PEND_CHUNK_WORDS]; /* the pending bits */
	/* GICITS_LPI_CACHE_FULL: bit w: word w may hold LPIs made pending
	 * since the redistributor last looked (set by lock-free setters) */
	_Atomic uint64_t fsum[GIC_PEND_SUM_WORDS];
	/* GICITS_LPI_CACHE_FULL, under the RD lock: seen = pending LPIs the
	 * redistributor has taken in (so the newly pending ones are w & ~seen
	 * and a setter writes nothing but w and the summaries); inheap =
	 * which LPIs have an entry in the priority heap */
	uint64_t seen[GIC_PEND_CHUNK_WORDS];
	uint64_t inheap[GIC_PEND_CHUNK_WORDS];
};

/*
 * Laid out by who writes it (as struct gicits_its): the first line holds
 * what lock-free setters read, written only under the lock by register
 * writes; the HPPLPI word, which setters CAS (HPP model), and the mutex
 * with the state behind it, which commands and acknowledges write, each
 * start their own line.  Allocated 64-byte aligned, so neighbouring redistributors share
 * no line either.
 */
struct cpu_state {
	/* ---- read by lock-free setters ---- */
	_Atomic bool enable_lpis;
	/* GICITS_LPI_CACHE_FULL (fixed at create) */
	bool full;
	/* 2^(accepted INTID bits) while EnableLPIs == 1, else 0: one load for
	 * the setters' two checks (PROPBASER can change only while disabled) */
	_Atomic uint64_t lpi_limit;
	_Atomic uint64_t propbaser;
	/* pending set: block pointers, array allocated on first use; the
	 * same allocation holds the two-level summaries (csum_of()) */
	_Atomic(_Atomic(struct pend_chunk *) *) chunks;
	/* the block of INTIDs 0..CHUNK_BITS-1 (where most LPIs live), once it
	 * exists: saves the hot path a dependent load */
	_Atomic(struct pend_chunk *) chunk0;
	uint32_t nchunks;

	/* ---- the cached highest-priority pending enabled LPI (HPP model:
	 * setters CAS it) ---- */
	_Alignas(64) _Atomic uint64_t hpp;

	/* ---- under the lock ---- */
	_Alignas(64) mtx_t lock;
	bool ptz; /* last PENDBASER write had PTZ = 1 */
	uint64_t pendbaser;
	uint32_t statusr;
	uint32_t waker;
	/* GICITS_LPI_CACHE_FULL: binary min-heap of (priority << 32 | INTID)
	 * of pending enabled LPIs, with lazy deletion (an entry whose LPI is
	 * no longer pending is dropped when it reaches the top) */
	uint64_t *heap;
	uint32_t nheap, capheap;
	/* CPU interface */
	uint8_t pmr;
	unsigned nactive;
	uint8_t active[256];
};

_Static_assert(sizeof(struct cpu_state) % 64 == 0,
	       "cpu_state is whole cache lines (array from aligned_alloc)");

struct gicits_gic {
	struct gicits_gic_config cfg;
	const struct gicits_mem *mem;
	uint8_t pri_mask;
	_Atomic uint64_t findings;
	struct cpu_state *cpus;
};

/*
 * Two-level chunk summaries, stored after the chunk pointers in the same
 * allocation (so an idle redistributor still costs nothing).  Level 1:
 * bit k = chunk k may hold marked words; level 2: bit q = level-1 word q
 * may be non-zero.  Two sets: "pending" (chunk k's sum may be non-zero,
 * for pend_walk()) and "fresh" (FULL: chunk k's fsum may be non-zero, for
 * absorb()).  A walk, and absorb() at every acknowledge, so cost
 * O(chunks marked) plus one level-2 word per 4,096 chunks (one word up to
 * 2^27 INTIDs, 32 at 2^32), never one load per chunk of the INTID space.
 */
static inline uint32_t l1_words(const struct cpu_state *c)
{
	return (c->nchunks + 63) / 64;
}

static inline uint32_t l2_words(const struct cpu_state *c)
{
	return (l1_words(c) + 63) / 64;
}

/* Words of one set (levels 1 and 2), rounded up to whole cache lines. */
static inline size_t set_words(const struct cpu_state *c)
{
	return (l1_words(c) + l2_words(c) + 7) / 8 * 8;
}

/* Pointers rounded up to whole cache lines: the summaries never share a
 * line with the pointers, which setters read on every newly pending LPI. */
static inline size_t ptr_bytes(const struct cpu_state *c)
{
	return ((size_t)c->nchunks * sizeof(void *) + 63) / 64 * 64;
}

/* Layout: pointers, then the fresh set, then the pending set, each on
 * lines of its own (FULL: setters write the fresh set, which absorb()
 * clears; only lock holders write the pending set). */
static inline size_t chunks_alloc_size(const struct cpu_state *c)
{
	return ptr_bytes(c) + 2 * set_words(c) * sizeof(uint64_t);
}

/* level @lvl (1 or 2) of set @fresh */
static inline _Atomic uint64_t *csum_of(const struct cpu_state *c,
					_Atomic(struct pend_chunk *) *ch,
					bool fresh, unsigned lvl)
{
	_Atomic uint64_t *set =
		(_Atomic uint64_t *)(void *)((char *)(void *)ch +
					     ptr_bytes(c)) +
		(fresh ? 0 : set_words(c));

	return lvl == 1 ? set : set + l1_words(c);
}

/* Set @bit of @v unless it is set (seq_cst: see pend_set() in rdist.c).  Returns true
 * if this call found the whole word zero. */
static inline bool sum_mark(_Atomic uint64_t *v, uint64_t bit)
{
	uint64_t o = atomic_load_explicit(v, memory_order_seq_cst);

	if (o & bit)
		return false;
	return !atomic_fetch_or_explicit(v, bit, memory_order_seq_cst);
}

/*
 * GICITS_LPI_CACHE_FULL: after @intid's pending bit was newly set in block
 * @p, mark the fresh chain bottom up (see pend_set() in rdist.c).  Returns
 * true if the CPU interface must be told (the level-2 word was zero).
 */
static inline bool gic_full_mark(const struct cpu_state *c,
				 _Atomic(struct pend_chunk *) *ch,
				 struct pend_chunk *p, uint32_t intid)
{
	uint32_t b = intid % GIC_PEND_CHUNK_BITS,
		 k = intid / GIC_PEND_CHUNK_BITS;

	sum_mark(&p->fsum[b / 64 / 64], 1ULL << (b / 64 % 64));
	sum_mark(&csum_of(c, ch, true, 1)[k / 64], 1ULL << (k % 64));
	return sum_mark(&csum_of(c, ch, true, 2)[k / 4096],
			1ULL << (k / 64 % 64));
}

/* Make @intid pending on @cpu.  Returns GICITS_DROP_NONE when the LPI is (or
 * already was) pending, or why it was dropped (EnableLPIs == 0, INTID beyond
 * the redistributor's PROPBASER.IDbits). */
enum gicits_drop gic_lpi_set(struct gicits_gic *gic, unsigned cpu,
			     uint32_t intid);

/* gic_lpi_set(), with the common case of an MSI to an LPI that is already
 * pending (the architected no-op) answered inline: two loads. */
static HOT_INLINE enum gicits_drop gic_lpi_set_hot(struct gicits_gic *gic,
						   unsigned cpu, uint32_t intid)
{
	struct cpu_state *c = &gic->cpus[cpu];
	uint64_t limit =
		atomic_load_explicit(&c->lpi_limit, memory_order_acquire);

	if (intid >= GICITS_LPI_BASE && intid < limit &&
	    intid < GIC_PEND_CHUNK_BITS) {
		struct pend_chunk *p =
			atomic_load_explicit(&c->chunk0, memory_order_acquire);

		if (p && (atomic_load_explicit(&p->w[intid / 64],
					       memory_order_acquire) >>
				  (intid % 64) &
			  1))
			return GICITS_DROP_NONE;
	}
	return gic_lpi_set(gic, cpu, intid);
}

/*
 * Decode a command's RDbase field ([50:16] already shifted down) into a
 * redistributor index.  PTA = 0: a processor number; PTA = 1: RD_base
 * physical address >> 16.  Returns false if no such redistributor.
 */
bool gic_rdbase_to_cpu(const struct gicits_gic *gic, uint64_t rdbase, bool pta,
		       unsigned *cpu);

/*
 * gicits_its_msi_burst()'s two halves of gic_lpi_set_hot(), so that the
 * second runs on lines the first prefetched.  gic_lpi_prepare() (read only,
 * lock-free) returns the pending word of @intid on @cpu and prefetches it
 * (in the HPP model also the configuration byte, where guest memory is
 * direct), or NULL when the LPI is out of range or its pending block does
 * not exist yet.  gic_lpi_set_at() then makes the LPI pending exactly as
 * gic_lpi_set() would; @w (NULL, or what gic_lpi_prepare() returned for the
 * same @cpu and @intid: blocks are never freed while the gic lives) only
 * saves the lookups.
 */
_Atomic uint64_t *gic_lpi_prepare(const struct gicits_gic *gic, unsigned cpu,
				  uint32_t intid);
enum gicits_drop gic_lpi_set_at(struct gicits_gic *gic, unsigned cpu,
				uint32_t intid, _Atomic uint64_t *w);
/* Clear the pending state of @intid on @cpu (no effect if not pending). */
void gic_lpi_clear(struct gicits_gic *gic, unsigned cpu, uint32_t intid);
/* MOVI: move the pending state of @intid from @from to @to. */
void gic_lpi_move(struct gicits_gic *gic, unsigned from, unsigned to,
		  uint32_t intid);
/* INV of an LPI on @cpu: reload the configuration cache of @cpu. */
void gic_lpi_inv(struct gicits_gic *gic, unsigned cpu, uint32_t intid);
/* INVALL: reload the configuration cache of every redistributor. */
void gic_lpi_inv_all(struct gicits_gic *gic);
/* MOVALL: move every pending LPI of @from to @to. */
void gic_lpi_movall(struct gicits_gic *gic, unsigned from, unsigned to);

/* The configuration @gic was created with (read-only). */
const struct gicits_gic_config *gic_config(const struct gicits_gic *gic);

/* Save/restore (src/snapshot): the architectural state of one
 * redistributor and its CPU interface.  The HPPLPI cache is derived state:
 * gic_cpu_restore() rebuilds it with a rescan. */
struct gic_cpu_snap {
	bool enable_lpis;
	uint64_t propbaser;
	uint64_t pendbaser;
	uint32_t statusr;
	uint32_t waker;
	uint8_t pmr;
	uint32_t nactive;
	uint8_t active[256];
};

/* Fill @s with the state of @cpu (GICITS_ENOENT if no such CPU). */
int gic_cpu_save(struct gicits_gic *gic, unsigned cpu, struct gic_cpu_snap *s);
/* Replace the state of @cpu with @s and the pending INTIDs @pending[0..n).
 * GICITS_ENOENT, GICITS_EINVAL (nactive > 256, an INTID outside the
 * configured range) or GICITS_ENOMEM (then the CPU's pending set may be
 * partly restored: restore into a fresh gic and discard it on error). */
int gic_cpu_restore(struct gicits_gic *gic, unsigned cpu,
		    const struct gic_cpu_snap *s, const uint32_t *pending,
		    size_t n);

#endif
