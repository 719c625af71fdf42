/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The pending set of a redistributor: a bitmap of pending LPIs in blocks
 * of GIC_PEND_CHUNK_BITS, allocated on first use, with summaries above it
 * so that a walk costs O(what is marked).  The lock-free protocol is
 * docs/concurrency.md R1-R5.  Internal to src/rdist.
 *
 * Two summary chains over the same bits:
 *  - "pending": per block sum[] (bit w: word w may be non-zero), then
 *    level 1 (bit k: block k's sum may be non-zero) and level 2 (bit q:
 *    level-1 word q may be non-zero), for pend_walk();
 *  - "fresh" (GICITS_LPI_CACHE_FULL): per block fsum[] (bit w: word w may
 *    hold LPIs made pending since the redistributor last looked), then its
 *    own levels 1 and 2, read and cleared by the FULL model's absorb().
 * The levels of both chains are stored after the block pointers in the
 * same allocation (so an idle redistributor still costs nothing).  A walk,
 * and absorb() at every acknowledge, so cost O(blocks marked) plus one
 * level-2 word per 4,096 blocks (one word up to 2^27 INTIDs, 32 at 2^32),
 * never one load per block of the INTID space.
 */
#ifndef GICITS_RDIST_PENDING_H
#define GICITS_RDIST_PENDING_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/bits.h"
#include "rdist/rdist_internal.h"

#define CHUNK_BITS GIC_PEND_CHUNK_BITS
#define CHUNK_WORDS GIC_PEND_CHUNK_WORDS
#define SUM_WORDS GIC_PEND_SUM_WORDS

/* ---- index arithmetic, written once --------------------------------
 *
 * Every level is a bitmap of 64-bit words: entry n is bit bm_bit(n) of
 * word bm_word(n), and bit j of word t is entry bm_at(t, j).  INTID @intid
 * is entry pend_wi()*64 + intid % 64 of block pend_blk(); a block's word
 * wi is entry wi of its sum[]/fsum[]; block k is entry k of level 1; and
 * level-1 word bm_word(k) is entry bm_word(k) of level 2.
 */
static HOT_INLINE uint32_t bm_word(uint32_t n)
{
	return n / 64;
}

static HOT_INLINE uint64_t bm_bit(uint32_t n)
{
	return 1ULL << (n % 64);
}

static HOT_INLINE uint32_t bm_at(uint32_t t, unsigned j)
{
	return t * 64 + j;
}

static HOT_INLINE uint32_t pend_blk(uint32_t intid)
{
	return intid / CHUNK_BITS;
}

static HOT_INLINE uint32_t pend_wi(uint32_t intid)
{
	return bm_word(intid % CHUNK_BITS);
}

static HOT_INLINE uint32_t pend_intid(uint32_t k, uint32_t wi, unsigned j)
{
	return k * CHUNK_BITS + bm_at(wi, j);
}

/* ---- layout of the block array and the chunk-level summaries -------- */

static inline uint32_t l1_words(const struct cpu_state *c)
{
	return bm_word(c->nchunks + 63);
}

static inline uint32_t l2_words(const struct cpu_state *c)
{
	return bm_word(l1_words(c) + 63);
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
static HOT_INLINE _Atomic uint64_t *csum_of(const struct cpu_state *c,
					    _Atomic(struct pend_chunk *) *ch,
					    bool fresh, unsigned lvl)
{
	_Atomic uint64_t *set =
		(_Atomic uint64_t *)(void *)((char *)(void *)ch +
					     ptr_bytes(c)) +
		(fresh ? 0 : set_words(c));

	return lvl == 1 ? set : set + l1_words(c);
}

/* ---- marking (R3, R4) ----------------------------------------------- */

/* Set @bit of @v unless it is set (seq_cst: R3).  Returns true if this
 * call found the whole word zero. */
static HOT_INLINE bool sum_mark(_Atomic uint64_t *v, uint64_t bit)
{
	uint64_t o = atomic_load_explicit(v, memory_order_seq_cst);

	if (o & bit)
		return false;
	return !atomic_fetch_or_explicit(v, bit, memory_order_seq_cst);
}

/* Mark block @k in levels 1 and 2 of set @fresh, bottom up.  Returns true
 * if the level-2 word was zero. */
static HOT_INLINE bool blk_mark(const struct cpu_state *c,
				_Atomic(struct pend_chunk *) *ch, bool fresh,
				uint32_t k)
{
	sum_mark(&csum_of(c, ch, fresh, 1)[bm_word(k)], bm_bit(k));
	return sum_mark(&csum_of(c, ch, fresh, 2)[bm_word(bm_word(k))],
			bm_bit(bm_word(k)));
}

/*
 * After @intid's pending bit was newly set in block @p, mark the chain the
 * setters of @c mark (R4), bottom up: HPP the pending chain, FULL only the
 * fresh chain, so that a setter does as little as possible after its
 * locked RMW (every load after it is on the critical path of a cold MSI).
 * Returns 1, or 2 when the CPU interface must be told (FULL: this setter
 * found the level-2 fresh word zero, R6).
 */
static HOT_INLINE int pend_mark_new(const struct cpu_state *c,
				    _Atomic(struct pend_chunk *) *ch,
				    struct pend_chunk *p, uint32_t intid)
{
	uint32_t wi = pend_wi(intid);

	if (c->full) {
		sum_mark(&p->fsum[bm_word(wi)], bm_bit(wi));
		return blk_mark(c, ch, true, pend_blk(intid)) ? 2 : 1;
	}
	sum_mark(&p->sum[bm_word(wi)], bm_bit(wi));
	(void)blk_mark(c, ch, false, pend_blk(intid));
	return 1;
}

/* ---- lookups (lock-free) -------------------------------------------- */

static HOT_INLINE struct pend_chunk *chunk_of(struct cpu_state *c,
					      uint32_t intid)
{
	_Atomic(struct pend_chunk *) *ch;

	if (intid < CHUNK_BITS)
		return atomic_load_explicit(&c->chunk0, memory_order_acquire);
	ch = atomic_load_explicit(&c->chunks, memory_order_acquire);
	if (!ch || pend_blk(intid) >= c->nchunks)
		return NULL;
	return atomic_load_explicit(&ch[pend_blk(intid)], memory_order_acquire);
}

/* The block that pending word @w of @intid lies in (no lookup). */
static HOT_INLINE struct pend_chunk *chunk_of_word(_Atomic uint64_t *w,
						   uint32_t intid)
{
	return (struct pend_chunk *)(void *)((char *)(void *)(w -
							      pend_wi(intid)) -
					     offsetof(struct pend_chunk, w));
}

static HOT_INLINE bool pend_test(struct cpu_state *c, uint32_t intid)
{
	struct pend_chunk *p = chunk_of(c, intid);

	return p && (atomic_load_explicit(&p->w[pend_wi(intid)],
					  memory_order_acquire) &
		     bm_bit(intid));
}

/*
 * Set the bit of @intid, whose pending word @w lies in block @p.  Returns
 * 0 if it was already set; if it is newly set, 1, or 2 when the CPU
 * interface must be told (pend_mark_new()).
 */
static HOT_INLINE int pend_set_in(struct cpu_state *c, struct pend_chunk *p,
				  _Atomic uint64_t *w, uint32_t intid)
{
	/* seq_cst: R3 */
	if (atomic_fetch_or_explicit(w, bm_bit(intid), memory_order_seq_cst) &
	    bm_bit(intid))
		return 0;
	/* chunk_get() published the array before the block (R2) */
	return pend_mark_new(
		c, atomic_load_explicit(&c->chunks, memory_order_acquire), p,
		intid);
}

/* ---- pending.c ------------------------------------------------------ */

/* Reserve @n bytes of @c's pending_budget_bytes (lock-free: setters race;
 * also charged: the FULL model's priority heap); false if that would pass
 * it.  pend_budget_give() returns them. */
bool pend_budget_take(struct cpu_state *c, uint64_t n);
void pend_budget_give(struct cpu_state *c, uint64_t n);

/* pend_set()'s answer when the block would pass the redistributor's
 * pending_budget_bytes (not an error code of the public API). */
#define PEND_OVER_BUDGET (-1000)

/* pend_set_in() after finding or allocating the block; <0: GICITS_ENOMEM
 * or PEND_OVER_BUDGET. */
int pend_set(struct cpu_state *c, uint32_t intid);
/* Clear the bit; returns true if it was set.  Caller holds the RD lock. */
bool pend_clear(struct cpu_state *c, uint32_t intid);
/* Clear every pending bit (RD lock held).  Blocks stay allocated. */
void pend_clear_all(struct cpu_state *c);
/* Free the blocks (the gic is being destroyed: nobody else runs). */
void pend_free(struct cpu_state *c);

/* FULL, RD lock held: mark words @sw of summary word @s of block @k in the
 * pending chain (R4). */
void pending_mark(struct cpu_state *c, _Atomic(struct pend_chunk *) *ch,
		  struct pend_chunk *p, uint32_t k, unsigned s, uint64_t sw);

/*
 * Visit, in ascending order, every block marked in the two-level summary
 * set @fresh.  With @clear (caller holds the RD lock), each summary word is
 * exchanged to zero before the level below is read (top down, the reverse
 * of the setters' marking), and a block for which @visit sets *@keep is
 * marked again.  A non-zero return of @visit stops the walk and is
 * returned (the words not visited yet are marked again).
 */
int chunk_walk(struct cpu_state *c, bool fresh, bool clear,
	       int (*visit)(void *ctx, uint32_t k, struct pend_chunk *p,
			    bool *keep),
	       void *ctx);

/*
 * Visit every pending INTID in ascending order, using the summary bits.
 * With @fix_summary (caller holds the RD lock), summary bits of empty words
 * and blocks are cleared first and set again when found non-empty, so a
 * concurrent setter's mark is never lost.
 */
int pend_walk(struct cpu_state *c, bool fix_summary,
	      int (*fn)(void *opaque, uint32_t intid), void *opaque);

#endif
