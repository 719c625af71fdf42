/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The pending set: blocks allocated on first use, setting and clearing
 * bits, and walks over the summaries (pending.h).  Blocks (CHUNK_BITS
 * LPIs: 4 KiB of pending bits, 8 KiB of lock-side bitmaps, 128 bytes of
 * summaries) are published with a compare-and-swap and freed only when
 * the gic is destroyed, so a racing setter never writes freed memory
 * (docs/concurrency.md R2).
 */
#include "rdist/pending.h"

#include <stdatomic.h>
#include <stdlib.h>

#include "common/bits.h"
#include "gicits/error.h"

/* Reserve @n bytes of @c's pending budget (lock-free: setters race).
 * false if that would pass it. */
bool pend_budget_take(struct cpu_state *c, uint64_t n)
{
	uint64_t old = atomic_fetch_add_explicit(&c->pend_bytes, n,
						 memory_order_relaxed);

	if (!c->pend_budget || old + n <= c->pend_budget)
		return true;
	atomic_fetch_sub_explicit(&c->pend_bytes, n, memory_order_relaxed);
	return false;
}

void pend_budget_give(struct cpu_state *c, uint64_t n)
{
	atomic_fetch_sub_explicit(&c->pend_bytes, n, memory_order_relaxed);
}

/* Find or publish the block of @intid (lock-free; first use allocates,
 * within the redistributor's pending budget).  NULL: *@over tells whether
 * the budget (not the allocator) said no. */
static struct pend_chunk *chunk_get(struct cpu_state *c, uint32_t intid,
				    bool *over)
{
	_Atomic(struct pend_chunk *) *ch =
		atomic_load_explicit(&c->chunks, memory_order_acquire);
	struct pend_chunk *p, *expect = NULL;
	uint32_t i;

	*over = false;
	if (pend_blk(intid) >= c->nchunks)
		return NULL;
	if (!ch) {
		_Atomic(struct pend_chunk *) *n;
		_Atomic(struct pend_chunk *) *none = NULL;

		if (!pend_budget_take(c, chunks_alloc_size(c))) {
			*over = true;
			return NULL;
		}
		n = aligned_alloc(64, chunks_alloc_size(c));
		if (!n) {
			pend_budget_give(c, chunks_alloc_size(c));
			return NULL;
		}
		for (i = 0; i < c->nchunks; i++)
			atomic_init(&n[i], NULL);
		for (i = 0; i < 2 * set_words(c); i++)
			atomic_init(&csum_of(c, n, true, 1)[i], 0);
		/* seq_cst: part of the summary protocol (R3) */
		if (atomic_compare_exchange_strong_explicit(
			    &c->chunks, &none, n, memory_order_seq_cst,
			    memory_order_seq_cst)) {
			ch = n;
		} else {
			free((void *)n);
			pend_budget_give(c, chunks_alloc_size(c));
			ch = none;
		}
	}
	p = atomic_load_explicit(&ch[pend_blk(intid)], memory_order_acquire);
	if (p)
		goto out;
	if (!pend_budget_take(c, sizeof(*p))) {
		*over = true;
		return NULL;
	}
	p = malloc(sizeof(*p));
	if (!p) {
		pend_budget_give(c, sizeof(*p));
		return NULL;
	}
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
		    &ch[pend_blk(intid)], &expect, p, memory_order_seq_cst,
		    memory_order_seq_cst)) {
		free(p);
		pend_budget_give(c, sizeof(*p));
		p = expect;
	}
out:
	/* R2: every setter publishes chunk0 before it sets a bit in the
	 * block, so whoever sees that bit also sees chunk0. */
	if (intid < CHUNK_BITS &&
	    !atomic_load_explicit(&c->chunk0, memory_order_relaxed))
		atomic_store_explicit(&c->chunk0, p, memory_order_release);
	return p;
}

int pend_set(struct cpu_state *c, uint32_t intid)
{
	bool over;
	struct pend_chunk *p = chunk_get(c, intid, &over);

	if (!p)
		return over ? PEND_OVER_BUDGET : GICITS_ENOMEM;
	return pend_set_in(c, p, &p->w[pend_wi(intid)], intid);
}

/* The caller holds the RD lock (seen is the lock's, R5): set again later,
 * the LPI is newly pending. */
bool pend_clear(struct cpu_state *c, uint32_t intid)
{
	struct pend_chunk *p = chunk_of(c, intid);
	uint32_t wi = pend_wi(intid);

	if (!p)
		return false;
	p->seen[wi] &= ~bm_bit(intid);
	return atomic_fetch_and_explicit(&p->w[wi], ~bm_bit(intid),
					 memory_order_acq_rel) &
	       bm_bit(intid);
}

void pend_free(struct cpu_state *c)
{
	_Atomic(struct pend_chunk *) *ch = atomic_load(&c->chunks);
	uint32_t j;

	for (j = 0; ch && j < c->nchunks; j++)
		free(atomic_load(&ch[j]));
	free((void *)ch);
}

/* Mark block @k of level 1 and level-1 word @q of level 2 again (after a
 * walk with clear exchanged them to zero). */
static void remark(_Atomic uint64_t *l1, _Atomic uint64_t *l2, uint32_t q,
		   uint64_t kbits, uint64_t qbits)
{
	atomic_fetch_or_explicit(&l1[q], kbits, memory_order_seq_cst);
	atomic_fetch_or_explicit(&l2[bm_word(q)], qbits, memory_order_seq_cst);
}

int chunk_walk(struct cpu_state *c, bool fresh, bool clear,
	       int (*visit)(void *ctx, uint32_t k, struct pend_chunk *p,
			    bool *keep),
	       void *ctx)
{
	/* seq_cst, like every access of the summary protocol (R3) */
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
			uint32_t q = bm_at(t, ctz64(tw));
			uint64_t cw = atomic_load_explicit(
				&l1[q], memory_order_seq_cst);

			if (cw && clear)
				cw = atomic_exchange_explicit(
					&l1[q], 0, memory_order_seq_cst);
			for (; cw; cw &= cw - 1) {
				uint32_t k = bm_at(q, ctz64(cw));
				struct pend_chunk *p = atomic_load_explicit(
					&ch[k], memory_order_seq_cst);
				bool keep = false;

				if (p)
					rc = visit(ctx, k, p, &keep);
				/* this block and those not visited (the
				 * lowest bits of cw and tw are k's and q's) */
				if (rc && clear)
					remark(l1, l2, q, cw, tw);
				else if (keep && clear)
					remark(l1, l2, q, bm_bit(k), bm_bit(q));
				if (rc)
					return rc;
			}
		}
	}
	return 0;
}

void pending_mark(struct cpu_state *c, _Atomic(struct pend_chunk *) *ch,
		  struct pend_chunk *p, uint32_t k, unsigned s, uint64_t sw)
{
	/* atomic because pend_walk's loads are; no setter races with it */
	if ((atomic_load_explicit(&p->sum[s], memory_order_seq_cst) & sw) != sw)
		atomic_fetch_or_explicit(&p->sum[s], sw, memory_order_seq_cst);
	(void)blk_mark(c, ch, false, k);
}

/* FULL, RD lock held: copy the fresh marks into the pending chain without
 * consuming them (absorb() still takes those LPIs in), so that pend_walk()
 * finds LPIs made pending since the last absorb() (R4). */
static int fresh_copy_chunk(void *ctx, uint32_t k, struct pend_chunk *p,
			    bool *keep)
{
	struct cpu_state *c = ctx;
	unsigned s;

	(void)keep;
	for (s = 0; s < SUM_WORDS; s++) {
		uint64_t sw =
			atomic_load_explicit(&p->fsum[s], memory_order_seq_cst);

		if (sw)
			pending_mark(c,
				     atomic_load_explicit(&c->chunks,
							  memory_order_seq_cst),
				     p, k, s, sw);
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
	unsigned s;
	int rc;

	for (s = 0; s < SUM_WORDS; s++) {
		uint64_t sw =
			atomic_load_explicit(&p->sum[s], memory_order_seq_cst);

		if (sw && wc->fix_summary)
			sw = atomic_exchange_explicit(&p->sum[s], 0,
						      memory_order_seq_cst);
		while (sw) {
			unsigned wi = bm_at(s, ctz64(sw));
			/* seq_cst: R3 */
			uint64_t w = atomic_load_explicit(&p->w[wi],
							  memory_order_seq_cst);

			sw &= sw - 1;
			if (!w)
				continue;
			*keep = true;
			if (wc->fix_summary)
				atomic_fetch_or_explicit(&p->sum[s], bm_bit(wi),
							 memory_order_seq_cst);
			for (; w; w &= w - 1) {
				rc = wc->fn(wc->opaque,
					    pend_intid(k, wi, ctz64(w)));
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

int pend_walk(struct cpu_state *c, bool fix_summary,
	      int (*fn)(void *opaque, uint32_t intid), void *opaque)
{
	struct walk_ctx wc = { fix_summary, fn, opaque };

	/* the chain FULL setters mark is not the one walked (R4) */
	if (c->full)
		(void)chunk_walk(c, true, false, fresh_copy_chunk, c);
	return chunk_walk(c, false, fix_summary, walk_chunk, &wc);
}

static int clear_one(void *opaque, uint32_t id)
{
	pend_clear(opaque, id);
	return 0;
}

void pend_clear_all(struct cpu_state *c)
{
	(void)pend_walk(c, true, clear_one, c);
}
