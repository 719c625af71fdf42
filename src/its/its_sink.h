/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Where the ITS's LPI operations go: the one place that chooses between
 * gicits's own redistributors (its->gic, called directly: no indirect
 * call, and the MSI path inlines gic_lpi_set_hot()) and an external sink
 * (its->gic == NULL: the callbacks of struct gicits_lpi_sink_ops,
 * <gicits/sink.h>).  Every file of src/its and src/snapshot that reaches a
 * redistributor does it through these, never through its->gic itself, so
 * the two configurations cannot drift apart.
 *
 * The callers keep the rules of docs/concurrency.md whichever way the call
 * goes: its_lpi_set() runs inside an MSI's (or INT's) announcement (I10),
 * the other operations under the ITS lock (L1), DISCARD's clear and the
 * moves after inflight_drain().  Callbacks must not re-enter (L6).
 */
#ifndef GICITS_ITS_SINK_H
#define GICITS_ITS_SINK_H

#include "its_internal.h"
#include "rdist/rdist_internal.h"

/* The redistributor an RDbase field names (@pta as GITS_TYPER.PTA).  A
 * sink's answer beyond its num_cpus is no answer, so every CPU the ITS
 * passes to a sink is in range. */
static inline bool its_rdbase_to_cpu(const struct gicits_its *its,
				     uint64_t rdbase, bool pta, unsigned *cpu)
{
	unsigned c;

	if (its->gic)
		return gic_rdbase_to_cpu(its->gic, rdbase, pta, cpu);
	if (its->sink.rdbase_to_cpu) {
		if (!its->sink.rdbase_to_cpu(its->sink_ctx, rdbase, pta, &c) ||
		    c >= its->sink_cpus)
			return false;
		*cpu = c;
		return true;
	}
	/* no decoder: processor numbers (gicits_its_create_with_sink()
	 * refuses PTA = 1 then; a KVM import asks with pta false) */
	if (pta || rdbase >= its->sink_cpus)
		return false;
	*cpu = (unsigned)rdbase;
	return true;
}

/* Make @intid pending on @cpu: an MSI's general path, INT.  The caller has
 * announced itself (I10).  The sink's call is its_sink_set() (its.c), out
 * of line, so that it adds one call, not its code, to the inlined MSI
 * paths of a gic. */
static inline enum gicits_drop its_lpi_set(struct gicits_its *its, unsigned cpu,
					   uint32_t intid)
{
	if (its->gic)
		return gic_lpi_set(its->gic, cpu, intid);
	return its_sink_set(its, cpu, intid);
}

/* The MSI fast path's delivery: the inlined "already pending" test for a
 * gic, the sink's callback otherwise. */
static HOT_INLINE enum gicits_drop its_lpi_set_hot(struct gicits_its *its,
						   unsigned cpu, uint32_t intid)
{
	if (LIKELY(its->gic))
		return gic_lpi_set_hot(its->gic, cpu, intid);
	return its_sink_set(its, cpu, intid);
}

static inline void its_lpi_clear(struct gicits_its *its, unsigned cpu,
				 uint32_t intid)
{
	if (its->gic)
		gic_lpi_clear(its->gic, cpu, intid);
	else
		its->sink.clear(its->sink_ctx, cpu, intid);
}

static inline void its_lpi_move(struct gicits_its *its, unsigned from,
				unsigned to, uint32_t intid)
{
	if (its->gic)
		gic_lpi_move(its->gic, from, to, intid);
	else
		its->sink.move(its->sink_ctx, from, to, intid);
}

static inline void its_lpi_movall(struct gicits_its *its, unsigned from,
				  unsigned to)
{
	if (its->gic)
		gic_lpi_movall(its->gic, from, to);
	else
		its->sink.move_all(its->sink_ctx, from, to);
}

static inline void its_lpi_inv(struct gicits_its *its, unsigned cpu,
			       uint32_t intid)
{
	if (its->gic)
		gic_lpi_inv(its->gic, cpu, intid);
	else
		its->sink.inv(its->sink_ctx, cpu, intid);
}

/*
 * GICv4.0: make the vLPI of a translated virtual ITE (@x: its_translate()
 * with the vPE resolved) pending.  If the vPE is resident on the
 * redistributor its vPE table entry names (x->cpu), the vLPI goes into that
 * redistributor's resident set, lock-free, and no doorbell rings
 * (gic_vlpi_set_resident(); docs/concurrency.md R12).  Otherwise -- not
 * resident, resident elsewhere (UNPREDICTABLE), or an external sink, which
 * has no residency -- it goes to the vPE's virtual pending table in guest
 * memory, and the ITE's individual doorbell, unless 1023, is made pending
 * as a physical LPI on the mapped redistributor (IHI 0069 "doorbell
 * interrupts"): every time, already-pending vLPI or not, as QEMU 7.2 does.
 * A doorbell the redistributor refuses (EnableLPIs 0) is lost, the vLPI
 * is not.  The caller has announced itself (I10): the VPT write and the
 * doorbell are part of the MSI.  GICITS_DROP_MEMORY_FAULT if the VPT
 * cannot be written; GICITS_DROP_INTID_OOR for a vINTID beyond the
 * resident redistributor's GICR_VPROPBASER.IDbits (dropped, as QEMU).
 */
static inline enum gicits_drop its_vlpi_set(struct gicits_its *its,
					    const struct xlate *x)
{
	enum gicits_drop d;

	if (its->gic && gic_vlpi_set_resident(its->gic, x->cpu, x->vpe.vpt,
					      x->ite.intid, &d))
		return d;
	if (UNLIKELY(atomic_load_explicit(&its_test_vlpi_hook,
					  memory_order_relaxed)))
		atomic_load_explicit(&its_test_vlpi_hook,
				     memory_order_relaxed)(x->ite.intid);
	if (vpt_bit(its, &x->vpe, x->ite.intid, VPT_SET, NULL))
		return GICITS_DROP_MEMORY_FAULT;
	if (x->ite.db != ITS_NO_DOORBELL)
		(void)its_lpi_set(its, x->cpu, x->ite.db);
	/* GICv4.1: the vPE's default doorbell, if owed (spec/gicv41.md
	 * §8.2; src/rdist/v41.c) */
	if (its->gic && its_v41(&its->cfg))
		gic_v41_vlpi_nonresident(its->gic, x->ite.icid, x->ite.intid,
					 true);
	return GICITS_DROP_NONE;
}

/* its->vsides, set at create (its.c): @gic's virtual sides, NULL for an
 * external sink (@gic NULL) or a GICv3 gic. */
static inline struct cpu_state *its_vsides_of(struct gicits_gic *gic)
{
	return gic ? gic_vsides(gic) : NULL;
}

/* GICv4.0, the MSI fast path (msi.c): true when the vLPI @vintid of the
 * vPE with residency key @key (VPT address | 1), mapped to @cpu, is
 * resident there and already pending (gic_vside_pending_hot()); false
 * sends the MSI to its_vlpi_set().  An external sink, or a GICv3 gic, has
 * no residency (its->vsides NULL): always false. */
static HOT_INLINE bool its_vlpi_pending_hot(struct gicits_its *its,
					    unsigned cpu, uint64_t key,
					    uint32_t vintid)
{
	return its->vsides &&
	       gic_vside_pending_hot(&its->vsides[cpu], key, vintid);
}

/*
 * GICv4.0: clear the vLPI of virtual ITE @x (CLEAR, DISCARD after its
 * drain, VMOVI's source): in the redistributor's resident set when the vPE
 * is resident on its mapped redistributor, else in the VPT.  The virtual
 * side's mutex is held across the choice and the clear, so a scheduling or
 * descheduling cannot come between them (R12).  *@was (may be NULL): it
 * was pending.  GICITS_EFAULT if the VPT cannot be accessed.
 */
static inline int its_vlpi_clear(struct gicits_its *its, const struct xlate *x,
				 bool *was)
{
	bool w = false;
	int err = 0;

	if (its->gic && gic_vpe_lock(its->gic, x->cpu, x->vpe.vpt))
		w = gic_vlpi_clear_locked(its->gic, x->cpu, x->ite.intid);
	else
		err = vpt_bit(its, &x->vpe, x->ite.intid, VPT_CLEAR, &w);
	if (its->gic)
		gic_vpe_unlock(its->gic, x->cpu);
	if (was)
		*was = w;
	return err;
}

/* GICv4.0: INV of virtual ITE @x (@all: VINVALL of its vPE): the
 * redistributor reloads the configuration it caches, which it does only
 * for a vPE resident on its mapped redistributor (QEMU 7.2; a vPE that is
 * not resident has nothing cached, scheduling reads it all). */
static inline void its_vlpi_inv(struct gicits_its *its, const struct xlate *x,
				bool all)
{
	if (!its->gic)
		return;
	if (gic_vpe_lock(its->gic, x->cpu, x->vpe.vpt)) {
		if (all)
			gic_vlpi_inv_all_locked(its->gic, x->cpu);
		else
			gic_vlpi_inv_locked(its->gic, x->cpu, x->ite.intid);
	}
	gic_vpe_unlock(its->gic, x->cpu);
}

/* @cpu -1: the INVALL failed (<gicits/sink.h> inv_all). */
static inline void its_lpi_inv_all(struct gicits_its *its, int cpu)
{
	if (its->gic)
		gic_lpi_inv_all(its->gic, cpu);
	else
		its->sink.inv_all(its->sink_ctx, cpu);
}

#endif
