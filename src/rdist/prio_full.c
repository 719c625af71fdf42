/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * GICITS_LPI_CACHE_FULL: each pending enabled LPI's configuration is
 * cached, as an entry (priority, INTID) of a binary min-heap with lazy
 * deletion, when the redistributor first takes the LPI in: absorb(), under
 * the RD lock, reads the fresh chain the setters marked and takes in
 * pending & ~seen (docs/concurrency.md R4, R5).  Everything here runs with
 * the RD lock held.
 */
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>

#include "common/bits.h"
#include "gicits/error.h"
#include "rdist/pending.h"
#include "rdist/prio.h"
#include "rdist/rdist_priv.h"

/* ---- the priority heap ---------------------------------------------- */

static bool heap_less(uint64_t a, uint64_t b)
{
	return a < b; /* priority, then INTID: lower wins */
}

uint32_t prio_heap_grow(uint32_t cap)
{
	uint64_t n = cap ? (uint64_t)cap * 2 : 64;

	/* at most one entry per LPI: 2^32 - 8192 fit in the uint32_t count */
	if (n > UINT32_MAX)
		n = UINT32_MAX;
	if (n <= cap || n > SIZE_MAX / sizeof(uint64_t))
		return 0;
	return (uint32_t)n;
}

/* GICITS_ENOMEM, or PEND_OVER_BUDGET: the heap's growth is charged to the
 * redistributor's pending_budget_bytes, as its pending blocks are (one
 * entry per pending enabled LPI: without the charge, a guest within the
 * bitmap budget could still make the heap 64 times as large). */
static int heap_push(struct cpu_state *c, uint64_t e)
{
	uint32_t i;

	if (c->nheap == c->capheap) {
		uint32_t ncap = prio_heap_grow(c->capheap);
		uint64_t more =
			(uint64_t)(ncap - c->capheap) * sizeof(*c->heap);
		uint64_t *n;

		if (!ncap)
			return GICITS_ENOMEM;
		if (!pend_budget_take(c, more))
			return PEND_OVER_BUDGET;
		n = realloc(c->heap, (size_t)ncap * sizeof(*n));
		if (!n) {
			pend_budget_give(c, more);
			return GICITS_ENOMEM;
		}
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

/* Remove heap entry @i (order restored: up or down). */
static void heap_remove_at(struct cpu_state *c, uint32_t i)
{
	uint64_t e = c->heap[--c->nheap];
	uint32_t k;

	if (i == c->nheap)
		return;
	while (i && heap_less(e, c->heap[(i - 1) / 2])) {
		c->heap[i] = c->heap[(i - 1) / 2];
		i = (i - 1) / 2;
	}
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
	c->heap[i] = e;
}

/* Remove the top entry (nothing when the heap is empty). */
static void heap_pop(struct cpu_state *c)
{
	if (c->nheap)
		heap_remove_at(c, 0);
}

static void inheap_set(struct cpu_state *c, uint32_t id, bool v)
{
	struct pend_chunk *p = chunk_of(c, id);

	if (!p)
		return;
	if (v)
		p->inheap[pend_wi(id)] |= bm_bit(id);
	else
		p->inheap[pend_wi(id)] &= ~bm_bit(id);
}

static bool inheap_test(struct cpu_state *c, uint32_t id)
{
	struct pend_chunk *p = chunk_of(c, id);

	return p && (p->inheap[pend_wi(id)] & bm_bit(id));
}

/* Add a pending LPI to the heap if it is enabled (reads its configuration:
 * this is the moment the redistributor caches it).  Entries are HPPLPI
 * words of generation 0, so that they order by priority, then INTID. */
static void heap_consider(struct gicits_gic *gic, unsigned cpu, uint32_t id)
{
	struct cpu_state *c = &gic->cpus[cpu];
	uint8_t cfgb;
	int r;

	if (id < GICITS_LPI_BASE || inheap_test(c, id) || !pend_test(c, id))
		return;
	cfgb = lpi_config(gic, cpu, id);
	if (!lpi_cfg_enabled(cfgb))
		return;
	r = heap_push(c, hpp_word(0, lpi_cfg_prio(cfgb), id));
	if (r) {
		rdist_trace(
			gic, GICITS_TRACE_FINDING, cpu, id, 0, 0,
			r == PEND_OVER_BUDGET ? "pending_budget_bytes" :
						"ENOMEM",
			"priority heap could not grow; LPI stays pending until INV");
		return;
	}
	inheap_set(c, id, true);
}

/* Heap top whose LPI is still pending, dropping stale entries; 0 if none. */
static uint64_t heap_top(struct cpu_state *c)
{
	while (c->nheap) {
		uint64_t e = c->heap[0];

		if (pend_test(c, hpp_id(e)))
			return e;
		inheap_set(c, hpp_id(e), false);
		heap_pop(c);
	}
	return 0;
}

/* ---- taking newly pending LPIs in: O(newly pending) (R5) ------------ */

struct absorb_ctx {
	struct gicits_gic *gic;
	unsigned cpu;
	struct cpu_state *c;
	_Atomic(struct pend_chunk *) *ch;
};

static int absorb_chunk(void *ctx, uint32_t k, struct pend_chunk *p, bool *keep)
{
	struct absorb_ctx *a = ctx;
	unsigned s;

	(void)keep; /* taken in: the block's fresh mark is consumed */
	for (s = 0; s < SUM_WORDS; s++) {
		uint64_t sw;

		if (!atomic_load_explicit(&p->fsum[s], memory_order_seq_cst))
			continue;
		sw = atomic_exchange_explicit(&p->fsum[s], 0,
					      memory_order_seq_cst);
		/* what is taken in stays findable by pend_walk() (R4) */
		if (sw)
			pending_mark(a->c, a->ch, p, k, s, sw);
		while (sw) {
			unsigned wi = bm_at(s, ctz64(sw));
			uint64_t w = atomic_load_explicit(
					     &p->w[wi], memory_order_seq_cst) &
				     ~p->seen[wi];

			sw &= sw - 1;
			p->seen[wi] |= w;
			for (; w; w &= w - 1)
				heap_consider(a->gic, a->cpu,
					      pend_intid(k, wi, ctz64(w)));
		}
	}
	return 0;
}

static void absorb(struct gicits_gic *gic, unsigned cpu)
{
	struct cpu_state *c = &gic->cpus[cpu];
	struct absorb_ctx a = { gic, cpu, c, NULL };

	a.ch = atomic_load_explicit(&c->chunks, memory_order_seq_cst);
	/* top down, clearing: the first setter after this notifies again
	 * (R6) */
	if (a.ch)
		(void)chunk_walk(c, true, true, absorb_chunk, &a);
}

/* ---- publishing and rebuilding ------------------------------------ */

void prio_full_publish(struct gicits_gic *gic, unsigned cpu, bool take_new)
{
	struct cpu_state *c = &gic->cpus[cpu];
	uint64_t old = atomic_load_explicit(&c->hpp, memory_order_acquire);
	uint64_t gen = hpp_gen(old) + 1, top;

	/* Release is enough here (unlike the HPP model's rescan): in this
	 * model setters never write the word (they only mark summaries), and
	 * every reader publishes again first. */
	atomic_store_explicit(&c->hpp, hpp_word(gen, 0, 0),
			      memory_order_release);
	if (take_new)
		absorb(gic, cpu);
	top = heap_top(c);
	hpp_publish(gic, cpu, old, gen, hpp_prio(top), hpp_id(top));
}

static int rebuild_one(void *opaque, uint32_t id)
{
	struct absorb_ctx *r = opaque;
	struct pend_chunk *p = chunk_of(r->c, id);

	/* seen by this walk: absorb() after it takes in only later ones */
	if (p)
		p->seen[pend_wi(id)] |= bm_bit(id);
	heap_consider(r->gic, r->cpu, id);
	return 0;
}

/* INV of one pending LPI: its heap entry, if any, is dropped (a scan of
 * the heap, host memory) and, if the LPI was taken in, its configuration
 * read again (one guest-memory read); if not yet taken in, absorb() reads
 * it, and now finds no old entry to keep. */
void prio_full_inv_one(struct gicits_gic *gic, unsigned cpu, uint32_t intid)
{
	struct cpu_state *c = &gic->cpus[cpu];
	struct pend_chunk *p = chunk_of(c, intid);
	uint32_t i;

	if (!p)
		return;
	if (inheap_test(c, intid)) {
		for (i = 0; i < c->nheap; i++) {
			if (hpp_id(c->heap[i]) == intid) {
				heap_remove_at(c, i);
				break;
			}
		}
		inheap_set(c, intid, false);
	}
	if (p->seen[pend_wi(intid)] & bm_bit(intid))
		heap_consider(gic, cpu, intid);
	prio_full_publish(gic, cpu, false);
}

/* Full reload of the configuration cache: rebuild the heap from the
 * pending set.  O(pending LPIs); only INV-class operations do it. */
void prio_full_rebuild(struct gicits_gic *gic, unsigned cpu)
{
	struct cpu_state *c = &gic->cpus[cpu];
	struct absorb_ctx r = { gic, cpu, c, NULL };
	uint32_t i;

	for (i = 0; i < c->nheap; i++)
		inheap_set(c, hpp_id(c->heap[i]), false);
	c->nheap = 0;
	(void)pend_walk(c, true, rebuild_one, &r);
	prio_full_publish(gic, cpu, true);
}
