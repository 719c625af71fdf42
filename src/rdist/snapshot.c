/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Save/restore of one redistributor and its CPU interface (for
 * src/snapshot).  The configuration cache is derived state, rebuilt by a
 * rescan after a restore.
 */
#include <stdatomic.h>
#include <string.h>
#include <threads.h>

#include "gicits/error.h"
#include "rdist/pending.h"
#include "rdist/prio.h"
#include "rdist/rdist_fields.h"
#include "rdist/rdist_priv.h"

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
	unsigned b;
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
	pend_clear_all(c);
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
	/* as EnableLPIs 0 -> 1 (see docs/concurrency.md R10) */
	atomic_store_explicit(&c->enable_lpis, s->enable_lpis,
			      memory_order_release);
	b = rd_id_bits(gic, c);
	atomic_store_explicit(&c->lpi_limit,
			      s->enable_lpis && b ? 1ULL << b : 0,
			      memory_order_release);
	prio_rescan(gic, cpu);
	mtx_unlock(&c->lock);
	return err;
}

/* ---- GICv4.0: the virtual side of a redistributor (snapshot format
 * version 2, docs/snapshot.md) ---- */

/* The bits GICR_VPROPBASER and GICR_VPENDBASER hold (as vlpi.c's register
 * write keeps them; Dirty is not state but the modelled window, saved as
 * dirty_left). */
uint64_t gic_vpropbaser_bits(void)
{
	return bits_mask(GICR_PROPBASER_OUTER_CACHE) |
	       bits_mask(GICR_PROPBASER_PA) |
	       bits_mask(GICR_PROPBASER_SHAREABILITY) |
	       bits_mask(GICR_PROPBASER_INNER_CACHE) |
	       bits_mask(GICR_PROPBASER_IDBITS);
}

uint64_t gic_vpendbaser_bits(void)
{
	return bits_mask(GICR_VPENDBASER_VALID) |
	       bits_mask(GICR_VPENDBASER_IDAI) |
	       bits_mask(GICR_VPENDBASER_PENDING_LAST) |
	       bits_mask(GICR_VPENDBASER_OUTER_CACHE) |
	       bits_mask(GICR_VPENDBASER_PA) |
	       bits_mask(GICR_VPENDBASER_SHAREABILITY) |
	       bits_mask(GICR_VPENDBASER_INNER_CACHE);
}

/* Under @c's lock: the fields a virtual side of either version keeps. */
static void vside_save_locked(const struct cpu_state *c,
			      struct gic_vcpu_snap *v)
{
	memset(v, 0, sizeof(*v));
	v->vpropbaser =
		atomic_load_explicit(&c->propbaser, memory_order_relaxed);
	v->vpendbaser = c->pendbaser;
	v->dirty_left = c->dirty_left;
	v->vpmr = c->pmr;
	v->nactive = c->nactive;
	memcpy(v->active, c->active, sizeof(v->active));
}

/* Under @c's lock: a virtual side's restore up to its pending vLPIs.  Not
 * resident first; the caller publishes residency last, in
 * vlpi_schedule()'s order (docs/concurrency.md R12). */
static void vside_load_locked(const struct gicits_gic *gic, struct cpu_state *c,
			      const struct gic_vcpu_snap *v)
{
	atomic_store_explicit(&c->vres, 0, memory_order_seq_cst);
	atomic_store_explicit(&c->lpi_limit, 0, memory_order_seq_cst);
	atomic_store_explicit(&c->enable_lpis, false, memory_order_seq_cst);
	pend_clear_all(c);
	atomic_store_explicit(&c->propbaser, v->vpropbaser,
			      memory_order_relaxed);
	c->pendbaser = v->vpendbaser;
	c->dirty_left = v->dirty_left;
	c->pmr = v->vpmr & gic->pri_mask;
	c->nactive = v->nactive;
	memcpy(c->active, v->active, sizeof(c->active));
}

/* Under @c's lock: the pending vLPIs @pending[0..@n), each an LPI INTID
 * below 2^@b (rd_id_bits()); on an error none stays
 * pending.  GICITS_EINVAL for an INTID out of that range, GICITS_ENOMEM
 * if the pending set cannot grow. */
static int vside_pending_locked(struct cpu_state *c, unsigned b,
				const uint32_t *pending, size_t n)
{
	size_t i;
	int err = GICITS_OK;

	for (i = 0; i < n && !err; i++) {
		if (pending[i] < GICITS_LPI_BASE || !b ||
		    (uint64_t)pending[i] >= 1ULL << b)
			err = GICITS_EINVAL;
		else if (pend_set(c, pending[i]) < 0)
			err = GICITS_ENOMEM;
	}
	if (err)
		pend_clear_all(c);
	return err;
}

int gic_vcpu_save(struct gicits_gic *gic, unsigned cpu, struct gic_vcpu_snap *s)
{
	struct cpu_state *c;

	if (!gic || !s || cpu >= gic->cfg.num_cpus || !gic_is_v4(gic))
		return GICITS_ENOENT;
	c = &gic->cpus[vcpu_of(gic, cpu)];
	mtx_lock(&c->lock);
	vside_save_locked(c, s);
	mtx_unlock(&c->lock);
	return GICITS_OK;
}

/*
 * As a scheduling (vlpi.c vpe_schedule()) without reading the VPT: while
 * a vPE is resident its pending state is the resident set, which the
 * snapshot carries; the VPT in guest memory is the vPE's state only
 * while it is not resident.  Restore targets are quiescent (no MSI in
 * flight), so nothing is drained.
 */
int gic_vcpu_restore(struct gicits_gic *gic, unsigned cpu,
		     const struct gic_vcpu_snap *s, const uint32_t *pending,
		     size_t n)
{
	struct cpu_state *c;
	unsigned idx, b;
	bool valid;
	int err;

	if (!gic || cpu >= gic->cfg.num_cpus || !gic_is_v4(gic))
		return GICITS_ENOENT;
	if (!s || (n && !pending) || s->nactive > sizeof(s->active) ||
	    (s->vpropbaser & ~gic_vpropbaser_bits()) ||
	    (s->vpendbaser & ~gic_vpendbaser_bits()))
		return GICITS_EINVAL;
	valid = bits_get(s->vpendbaser, GICR_VPENDBASER_VALID);
	if (n && !valid)
		return GICITS_EINVAL;
	idx = vcpu_of(gic, cpu);
	c = &gic->cpus[idx];
	mtx_lock(&c->lock);
	vside_load_locked(gic, c, s);
	b = rd_id_bits(gic, c);
	err = vside_pending_locked(c, b, pending, n);
	if (valid && !err) {
		atomic_store_explicit(&c->lpi_limit, b ? 1ULL << b : 0,
				      memory_order_seq_cst);
		atomic_store_explicit(&c->enable_lpis, true,
				      memory_order_seq_cst);
		atomic_store_explicit(
			&c->vres,
			(c->pendbaser & bits_mask(GICR_VPENDBASER_PA)) | 1,
			memory_order_seq_cst);
	}
	prio_rescan(gic, idx);
	mtx_unlock(&c->lock);
	return err;
}

/* ---- GICv4.1: the virtual side of a redistributor (snapshot format
 * version 3, docs/snapshot.md); the per-vPE records are v41.c's ---- */

int gic_v41_side_save(struct gicits_gic *gic, unsigned cpu,
		      struct gic_vcpu_snap *v, struct gic_v41_side_snap *s)
{
	struct cpu_state *c;

	if (!gic || !v || !s || cpu >= gic->cfg.num_cpus || !gic_is_v41(gic))
		return GICITS_ENOENT;
	c = &gic->cpus[vcpu_of(gic, cpu)];
	mtx_lock(&c->lock);
	vside_save_locked(c, v);
	memset(s, 0, sizeof(*s));
	s->vprop = c->v41_vprop;
	s->vres = atomic_load_explicit(&c->vres, memory_order_relaxed);
	s->res = c->v41_res;
	s->vpeid = c->v41_vpeid;
	s->grpen = c->v41_grpen;
	s->vsgi_busy_left = c->vsgi_busy_left;
	s->vsgi_result = c->vsgi_result;
	mtx_unlock(&c->lock);
	return GICITS_OK;
}

/*
 * As v41.c schedule41() leaves a virtual side, without reading the VPT or
 * the vPE table: the resident set comes from the snapshot, and the
 * residency key and derived VCONF/VPT_size were saved as the schedule
 * computed them (the vPE table in memory may have changed since, which a
 * schedule would have reported, not followed).  Restore targets are
 * quiescent: nothing to drain.
 */
int gic_v41_side_restore(struct gicits_gic *gic, unsigned cpu,
			 const struct gic_vcpu_snap *v,
			 const struct gic_v41_side_snap *s,
			 const uint32_t *pending, size_t n)
{
	struct cpu_state *c;
	unsigned idx, b;
	int err;

	if (!gic || cpu >= gic->cfg.num_cpus || !gic_is_v41(gic))
		return GICITS_ENOENT;
	if (!v || !s || (n && !pending) || v->nactive > sizeof(v->active) ||
	    (v->vpropbaser & ~gic_vpropbaser_bits()) ||
	    (v->vpendbaser & ~gic_v41_vpend_bits()) ||
	    (s->vprop & ~gic_v41_vprop_bits()) || (n && !s->vres))
		return GICITS_EINVAL;
	idx = vcpu_of(gic, cpu);
	c = &gic->cpus[idx];
	mtx_lock(&c->lock);
	vside_load_locked(gic, c, v);
	atomic_store_explicit(&c->hpp, 0, memory_order_release);
	c->v41_vprop = s->vprop;
	c->v41_res = s->res;
	c->v41_vpeid = s->vpeid;
	c->v41_grpen = s->grpen;
	c->vsgi_busy_left = s->vsgi_busy_left;
	c->vsgi_result = s->vsgi_result;
	b = rd_id_bits(gic, c);
	err = vside_pending_locked(c, b, pending, n);
	if (s->vres && !err) {
		/* vlpi_schedule()'s publication order (R12) */
		atomic_store_explicit(&c->lpi_limit, b ? 1ULL << b : 0,
				      memory_order_seq_cst);
		atomic_store_explicit(&c->enable_lpis, true,
				      memory_order_seq_cst);
		atomic_store_explicit(&c->vres, s->vres, memory_order_seq_cst);
	}
	prio_rescan(gic, idx);
	mtx_unlock(&c->lock);
	rdist_notify(gic, idx);
	return err;
}

void gic_snap_refused(struct gicits_gic *gic, const char *why)
{
	if (gic && why)
		rdist_trace(gic, GICITS_TRACE_REG, 0, 0, 0, 0, "snapshot", why);
}
