/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The configuration-caching models of a redistributor behind one dispatch
 * point: every "which model?" decision of src/rdist outside the pending
 * set is an inline function here, calling prio_full.c
 * (GICITS_LPI_CACHE_FULL: a priority heap of every pending enabled LPI) or
 * prio_hpp.c (GICITS_LPI_CACHE_HPP: only the HPPLPI, QEMU's model).  Both
 * publish their answer as the HPPLPI word (rdist_fields.h HPP_*), which the
 * CPU interface reads.  Internal to src/rdist.
 */
#ifndef GICITS_RDIST_PRIO_H
#define GICITS_RDIST_PRIO_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "common/bits.h"
#include "mem/mem_internal.h"
#include "rdist/pending.h"
#include "rdist/rdist_fields.h"
#include "rdist/rdist_priv.h"

/* ---- the HPPLPI word ------------------------------------------------ */

/* @gen wraps at the field's width (bits_set masks it). */
static HOT_INLINE uint64_t hpp_word(uint64_t gen, uint8_t prio, uint32_t id)
{
	return bits_set(bits_set(id, HPP_PRIO, prio), HPP_GEN, gen);
}

static HOT_INLINE uint64_t hpp_gen(uint64_t h)
{
	return bits_get(h, HPP_GEN);
}

static HOT_INLINE uint8_t hpp_prio(uint64_t h)
{
	return (uint8_t)bits_get(h, HPP_PRIO);
}

static HOT_INLINE uint32_t hpp_id(uint64_t h)
{
	return (uint32_t)bits_get(h, HPP_INTID);
}

/* Whether (@pa, @ia) beats the LPI of word @h: lower priority value, then
 * lower INTID. */
static HOT_INLINE bool hpp_better(uint8_t pa, uint32_t ia, uint64_t h)
{
	return !hpp_id(h) || pa < hpp_prio(h) ||
	       (pa == hpp_prio(h) && ia < hpp_id(h));
}

/* The end of a rescan of either model (RD lock held): offer (@prio, @id)
 * in generation @gen unless an offer made during the rescan is better
 * (docs/concurrency.md R7), and notify if the HPPLPI differs from @old's. */
static inline void hpp_publish(struct gicits_gic *gic, unsigned cpu,
			       uint64_t old, uint64_t gen, uint8_t prio,
			       uint32_t id)
{
	struct cpu_state *c = &gic->cpus[cpu];
	uint64_t h = atomic_load_explicit(&c->hpp, memory_order_acquire);

	while (id && hpp_better(prio, id, h)) {
		if (atomic_compare_exchange_weak_explicit(
			    &c->hpp, &h, hpp_word(gen, prio, id),
			    memory_order_acq_rel, memory_order_acquire))
			break;
	}
	h = atomic_load_explicit(&c->hpp, memory_order_acquire);
	if (hpp_id(h) != hpp_id(old) || hpp_prio(h) != hpp_prio(old))
		rdist_notify(gic, cpu);
}

/* ---- the two models ------------------------------------------------- */

/* prio_full.c, RD lock held.  Publish the heap's top, first taking in the
 * LPIs made pending since the last look if @take_new. */
void prio_full_publish(struct gicits_gic *gic, unsigned cpu, bool take_new);
/* prio_full.c, RD lock held: rebuild the heap from the pending set. */
void prio_full_rebuild(struct gicits_gic *gic, unsigned cpu);
/* prio_full.c, RD lock held: reload the configuration of @intid only. */
void prio_full_inv_one(struct gicits_gic *gic, unsigned cpu, uint32_t intid);
/* The FULL model heap's next capacity (entries) after @cap: larger than
 * @cap, or 0 when it cannot grow (no wrap of the 32-bit count, no overflow
 * of the byte size). */
uint32_t prio_heap_grow(uint32_t cap);
/* prio_hpp.c, RD lock held: rescan the pending set for the HPPLPI. */
void prio_hpp_rescan(struct gicits_gic *gic, unsigned cpu);
/* prio_hpp.c, lock-free: read the configuration of the newly pending
 * @intid and, if it is enabled, offer it as the HPPLPI. */
void prio_hpp_newly_pending(struct gicits_gic *gic, unsigned cpu,
			    uint32_t intid);

/* ---- dispatch ------------------------------------------------------- */

static HOT_INLINE bool prio_is_full(const struct cpu_state *c)
{
	return c->full;
}

/* Full reload of @cpu's configuration cache (RD lock held): INV, INVALL,
 * MOVALL, GICR_INVLPIR/INVALLR, EnableLPIs, restore. */
static inline void prio_rescan(struct gicits_gic *gic, unsigned cpu)
{
	if (prio_is_full(&gic->cpus[cpu]))
		prio_full_rebuild(gic, cpu);
	else
		prio_hpp_rescan(gic, cpu);
}

/* INV / GICR_INVLPIR of @intid on @cpu (RD lock held).  FULL: the LPI's
 * configuration only (one read; its heap entry replaced).  HPP, QEMU 7.2's
 * model, kept exact for replay: a full rescan of @cpu, as QEMU does for an
 * INV (O(LPIs pending on @cpu), like its every acknowledge). */
static inline void prio_inv_one(struct gicits_gic *gic, unsigned cpu,
				uint32_t intid)
{
	struct cpu_state *c = &gic->cpus[cpu];

	if (!prio_is_full(c))
		prio_hpp_rescan(gic, cpu);
	else if (intid >= GICITS_LPI_BASE && pend_test(c, intid))
		prio_full_inv_one(gic, cpu, intid);
}

/* Whether an INVALL reloads every redistributor, whatever its ICID (and
 * even when the ICID is bad): QEMU 7.2 does, so the HPP model does.  FULL:
 * only the collection's redistributor, and nothing for a command error. */
static inline bool prio_invall_all(const struct gicits_gic *gic)
{
	return !prio_is_full(&gic->cpus[0]);
}

/* The HPPLPI of @cpu stopped being pending (RD lock held). */
static inline void prio_top_gone(struct gicits_gic *gic, unsigned cpu)
{
	/* FULL: the next heap entry becomes the HPPLPI (lazy deletion, no
	 * rescan).  HPP: the redistributor rescans. */
	if (prio_is_full(&gic->cpus[cpu]))
		prio_full_publish(gic, cpu, false);
	else
		prio_hpp_rescan(gic, cpu);
}

/*
 * A lock-free setter made @intid newly pending on @cpu; @r is what
 * pend_set_in() returned (1, or 2: the CPU interface must be told).
 * FULL: the redistributor reads the configuration when it takes the LPI
 * in (absorb(), under the lock, at the next acknowledge, gicits_cpu_hppi()
 * or rescan), not now: an MSI to a cold LPI reads no configuration byte;
 * the CPU interface is told once per batch (R6).  HPP: the configuration
 * is read now (the HPPLPI cache).
 */
static HOT_INLINE void prio_newly_pending(struct gicits_gic *gic, unsigned cpu,
					  uint32_t intid, int r)
{
	if (!prio_is_full(&gic->cpus[cpu]))
		prio_hpp_newly_pending(gic, cpu, intid);
	else if (r == 2)
		rdist_notify(gic, cpu);
}

/*
 * The HPPLPI word of @cpu brought up to date for the CPU interface (RD
 * lock held).  FULL: take in what was made pending since the last look
 * (O(newly pending + log n)) and publish the heap's top.  HPP: a lock-free
 * setter's offer can arrive after the LPI was acknowledged, cleared or
 * moved by a holder of this lock; such a word names an LPI that is not
 * pending (R8).  Rescan (a new generation) until the word names a pending
 * LPI or none.
 */
static inline uint64_t prio_current(struct gicits_gic *gic, unsigned cpu)
{
	struct cpu_state *c = &gic->cpus[cpu];
	uint64_t h;

	if (prio_is_full(c)) {
		prio_full_publish(gic, cpu, true);
		return atomic_load_explicit(&c->hpp, memory_order_acquire);
	}
	h = atomic_load_explicit(&c->hpp, memory_order_acquire);
	while (hpp_id(h) && !pend_test(c, hpp_id(h))) {
		prio_hpp_rescan(gic, cpu);
		h = atomic_load_explicit(&c->hpp, memory_order_acquire);
	}
	return h;
}

/* gic_lpi_prepare(): prefetch what a setter of @intid (pending block @p)
 * touches after its pending word.  FULL: the fresh summary word a newly
 * pending LPI marks (the block-level words are hot); no configuration read
 * on the way in.  HPP: the configuration byte, where guest memory is
 * direct. */
static HOT_INLINE void prio_prefetch(const struct gicits_gic *gic,
				     struct cpu_state *c, struct pend_chunk *p,
				     uint32_t intid)
{
	const void *cfg;

	if (prio_is_full(c)) {
		PREFETCH(&p->fsum[bm_word(pend_wi(intid))]);
		return;
	}
	cfg = mem_direct_hint(gic->mem, prop_pa(c) + (intid - GICITS_LPI_BASE),
			      1);
	if (cfg)
		PREFETCH(cfg);
}

#endif
