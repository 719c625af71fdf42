/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * GICv4.0 residency: the VLPI_base frame of a redistributor
 * (GICR_VPROPBASER, GICR_VPENDBASER; layouts in <gicits/rdist.h>), what
 * scheduling and descheduling a vPE do, and what an ITS asks of a
 * resident vPE (rdist_internal.h gic_vpe_lock() and friends).  The state
 * is the virtual side of the redistributor, a struct cpu_state of its own
 * (vcpu_of()); its pending set and configuration cache are the physical
 * ones' code.  Residency changes and the ITS's lock-free setters: the
 * numbered rule R12 of docs/concurrency.md.
 */
#include <stdatomic.h>
#include <threads.h>

#include "common/bits.h"
#include "common/inflight.h"
#include "gicits/error.h"
#include "rdist/pending.h"
#include "rdist/prio.h"
#include "rdist/rdist_fields.h"
#include "rdist/rdist_priv.h"
#include "rdist/vlpi.h"

static uint64_t vpt_pa(const struct cpu_state *c)
{
	return c->pendbaser & bits_mask(GICR_VPENDBASER_PA);
}

/*
 * IHI 0069 GICR_VPENDBASER, Valid 0 -> 1: the vPE whose VPT is at
 * VPENDBASER.PA becomes resident.  R12: publish it first (the limit, then
 * the key ITS setters compare), drain the MSIs that saw it not resident
 * (their VPT writes land before the VPT is read), then load the VPT and
 * read the configuration of what is pending (a full rescan, which QEMU 7.2
 * does at scheduling too).  Virtual side's lock held.
 */
void vlpi_schedule(struct gicits_gic *gic, unsigned idx, uint64_t vpt,
		   bool load)
{
	struct cpu_state *c = &gic->cpus[idx];
	unsigned b = rd_id_bits(gic, c);

	atomic_store_explicit(&c->lpi_limit, b ? 1ULL << b : 0,
			      memory_order_seq_cst);
	atomic_store_explicit(&c->enable_lpis, true, memory_order_seq_cst);
	atomic_store_explicit(&c->vres, vpt | 1, memory_order_seq_cst);
	inflight_drain();
	/* GICv4.1 VMAPP PTZ = 1 (spec/gicv41.md §3.2): the VPT is known to
	 * be zero, nothing to parse */
	if (load)
		ptable_load(gic, idx, vpt, b, &gic->vpt_lock,
			    "GICR_VPENDBASER");
	prio_rescan(gic, idx);
	/* a new vPE on the interface: the VMM looks again, whatever the
	 * rescan found (<gicits/rdist.h> vhppi_changed) */
	rdist_notify(gic, idx);
}

/*
 * IHI 0069 GICR_VPENDBASER, Valid 1 -> 0: stop accepting (R12: the key
 * first, so setters turn to the VPT), drain the setters that still saw the
 * vPE resident, compute PendingLast, write what is pending back to the VPT
 * and forget it.  Returns PendingLast.  Virtual side's lock held.
 */
bool vlpi_deschedule(struct gicits_gic *gic, unsigned idx, uint64_t vpt,
		     bool rescan)
{
	struct cpu_state *c = &gic->cpus[idx];
	bool last;

	atomic_store_explicit(&c->vres, 0, memory_order_seq_cst);
	atomic_store_explicit(&c->lpi_limit, 0, memory_order_seq_cst);
	atomic_store_explicit(&c->enable_lpis, false, memory_order_seq_cst);
	inflight_drain();
	/* PendingLast: IMPLEMENTATION DEFINED for pending but disabled vLPIs
	 * (IHI 0069 GICR_VPENDBASER, GICv4.0).  CACHED: QEMU 7.2's "the cached
	 * best vLPI exists"; RESCAN: what the table says now. */
	if (rescan)
		prio_rescan(gic, idx);
	last = hpp_id(prio_current(gic, idx)) != 0;
	ptable_writeback(gic, idx, vpt, &gic->vpt_lock, "GICR_VPENDBASER");
	/* Blocks stay allocated (a racing setter may still hold one, R2). */
	pend_clear_all(c);
	atomic_store_explicit(&c->hpp, 0, memory_order_release);
	rdist_notify(gic, idx);
	return last;
}

static bool resident(const struct cpu_state *c)
{
	return bits_get(c->pendbaser, GICR_VPENDBASER_VALID);
}

static void vtrace(struct gicits_gic *gic, unsigned cpu, uint32_t offset,
		   uint64_t val, const char *rule, const char *msg)
{
	rdist_trace(gic, GICITS_TRACE_REG, cpu, 0, offset, val, rule, msg);
}

int vlpi_reg_read(struct gicits_gic *gic, unsigned cpu, uint32_t base,
		  uint64_t *val)
{
	struct cpu_state *c = &gic->cpus[vcpu_of(gic, cpu)];
	uint64_t v = 0;

	if (gic_is_v41(gic))
		return v41_reg_read(gic, cpu, base, val);
	mtx_lock(&c->lock);
	switch (base) {
	case GICITS_GICR_VPROPBASER:
		v = atomic_load_explicit(&c->propbaser, memory_order_relaxed);
		break;
	case GICITS_GICR_VPENDBASER:
		v = c->pendbaser;
		/* the modelled Dirty window (gicits_gic_config.
		 * vpe_dirty_reads) */
		if (c->dirty_left) {
			c->dirty_left--;
			v = bits_set(v, GICR_VPENDBASER_DIRTY, 1);
		}
		break;
	default:
		vtrace(gic, cpu, base, 0, "GICR_VLPI_base",
		       "read of a reserved VLPI_base offset (RAZ)");
		break;
	}
	mtx_unlock(&c->lock);
	*val = v;
	return GICITS_OK;
}

static uint64_t vpropbaser_mask(void)
{
	return bits_mask(GICR_PROPBASER_OUTER_CACHE) |
	       bits_mask(GICR_PROPBASER_PA) |
	       bits_mask(GICR_PROPBASER_SHAREABILITY) |
	       bits_mask(GICR_PROPBASER_INNER_CACHE) |
	       bits_mask(GICR_PROPBASER_IDBITS);
}

/* Dirty is read-only; the RES0 bits read 0. */
static uint64_t vpendbaser_mask(void)
{
	return bits_mask(GICR_VPENDBASER_VALID) |
	       bits_mask(GICR_VPENDBASER_IDAI) |
	       bits_mask(GICR_VPENDBASER_PENDING_LAST) |
	       bits_mask(GICR_VPENDBASER_OUTER_CACHE) |
	       bits_mask(GICR_VPENDBASER_PA) |
	       bits_mask(GICR_VPENDBASER_SHAREABILITY) |
	       bits_mask(GICR_VPENDBASER_INNER_CACHE);
}

static void write_vpendbaser(struct gicits_gic *gic, unsigned cpu,
			     uint32_t offset, unsigned size, uint64_t val)
{
	unsigned idx = vcpu_of(gic, cpu);
	struct cpu_state *c = &gic->cpus[idx];
	uint64_t v = reg64_merge(c->pendbaser, offset, size, val) &
		     vpendbaser_mask();
	bool was = resident(c);
	bool now = bits_get(v, GICR_VPENDBASER_VALID);

	if (c->dirty_left) {
		vtrace(gic, cpu, offset, val, "GICR_VPENDBASER.Dirty",
		       "write while Dirty reads 1 is UNPREDICTABLE; ignored");
		return;
	}
	if (was && now) {
		/* QEMU 7.2 ignores it too (and logs it) */
		if (v != c->pendbaser)
			vtrace(gic, cpu, offset, val, "GICR_VPENDBASER.Valid",
			       "change while Valid == 1 is UNPREDICTABLE; ignored");
		return;
	}
	if (was) {
		bool last = vlpi_deschedule(gic, idx, vpt_pa(c),
					    gic->cfg.pendinglast ==
						    GICITS_PENDINGLAST_RESCAN);

		c->pendbaser = bits_set(v, GICR_VPENDBASER_PENDING_LAST, last);
	} else {
		c->pendbaser = v;
		if (now)
			vlpi_schedule(gic, idx, vpt_pa(c), true);
	}
	if (was != now)
		c->dirty_left = gic->cfg.vpe_dirty_reads;
}

int vlpi_reg_write(struct gicits_gic *gic, unsigned cpu, uint32_t base,
		   uint32_t offset, unsigned size, uint64_t val)
{
	struct cpu_state *c = &gic->cpus[vcpu_of(gic, cpu)];

	if (gic_is_v41(gic))
		return v41_reg_write(gic, cpu, base, offset, size, val);
	mtx_lock(&c->lock);
	switch (base) {
	case GICITS_GICR_VPROPBASER:
		if (resident(c)) {
			vtrace(gic, cpu, offset, val, "GICR_VPROPBASER",
			       "write while a vPE is resident (VPENDBASER.Valid == 1) is UNPREDICTABLE; ignored");
			break;
		}
		atomic_store_explicit(
			&c->propbaser,
			reg64_merge(atomic_load_explicit(&c->propbaser,
							 memory_order_relaxed),
				    offset, size, val) &
				vpropbaser_mask(),
			memory_order_relaxed);
		break;
	case GICITS_GICR_VPENDBASER:
		write_vpendbaser(gic, cpu, offset, size, val);
		break;
	default:
		vtrace(gic, cpu, offset, val, "GICR_VLPI_base",
		       "write to a reserved VLPI_base offset ignored");
		break;
	}
	mtx_unlock(&c->lock);
	return GICITS_OK;
}

/* ---- what an ITS asks (rdist_internal.h) ---------------------------- */

bool gic_vpe_lock(struct gicits_gic *gic, unsigned cpu, uint64_t vpt)
{
	struct cpu_state *c;

	if (!gic_is_v4(gic))
		return false;
	c = &gic->cpus[vcpu_of(gic, cpu)];
	mtx_lock(&c->lock);
	return atomic_load_explicit(&c->vres, memory_order_relaxed) ==
	       (vpt | 1);
}

void gic_vpe_unlock(struct gicits_gic *gic, unsigned cpu)
{
	if (gic_is_v4(gic))
		mtx_unlock(&gic->cpus[vcpu_of(gic, cpu)].lock);
}

bool gic_vlpi_clear_locked(struct gicits_gic *gic, unsigned cpu,
			   uint32_t vintid)
{
	unsigned idx = vcpu_of(gic, cpu);
	bool was =
		vintid >= GICITS_LPI_BASE && pend_test(&gic->cpus[idx], vintid);

	if (was)
		lpi_clear_locked(gic, idx, vintid);
	return was;
}

void gic_vlpi_inv_locked(struct gicits_gic *gic, unsigned cpu, uint32_t vintid)
{
	prio_inv_one(gic, vcpu_of(gic, cpu), vintid);
}

void gic_vlpi_inv_all_locked(struct gicits_gic *gic, unsigned cpu)
{
	prio_rescan(gic, vcpu_of(gic, cpu));
}
