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
#include "rdist/rdist_priv.h"

int gic_cpu_save(struct gicits_gic *gic, unsigned cpu, struct gic_cpu_snap *s)
{
	struct cpu_state *c;

	if (!gic || !s || cpu >= gic->cfg.num_cpus)
		return GICITS_ENOENT;
	/* GICv4.0: residency and the resident vPE's pending vLPIs are not in
	 * the snapshot format yet; refused rather than lost */
	if (gic_is_v4(gic))
		return GICITS_ENOTSUP;
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
	if (gic_is_v4(gic))
		return GICITS_ENOTSUP; /* as gic_cpu_save() */
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
