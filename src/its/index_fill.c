/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Filling the translation index from what the ITS holds: the HCC
 * collections at enable, and every table in guest memory after a restore
 * or a KVM import (its_index_rebuild()).  Runs with the ITS lock held.
 *
 * The rebuild enters only what it could read: a device whose DTE read
 * faulted, an ITT walk that faulted or ran out of budget, a device too
 * large for the index, or an allocation failure leaves entries unknown,
 * and unknown entries are resolved from memory on use (index.c), so the
 * result is correct whatever the walk met.
 *
 * Layer 2 (its_internal.h): calls table.c, index.c, its.c and the
 * redistributors or the sink (RDbase only, its_sink.h).
 */
#include "its_internal.h"

#include "gicits/error.h"
#include "its_sink.h"

/* Most ITEs one rebuild reads (bounds the time a restore takes for a guest
 * with huge ITTs; the rest stays unknown and is walked on use). */
#define REBUILD_ITE_BUDGET (1u << 24)
/* ITE index covers devices with at most this many EventID bits (index.c) */
#define REBUILD_MAX_EVENT_BITS 20u

struct rebuild {
	struct gicits_its *its;
	uint32_t devid; /* the device whose ITT is walked */
	uint32_t ite_budget;
};

/* The index's CPU argument for collection @c: its CPU, or -1 if none. */
static int cte_cpu(struct gicits_its *its, const struct cte *c)
{
	unsigned cpu;

	return its_rdbase_to_cpu(its, c->rdbase, its->cfg.pta, &cpu) ?
		       (int)cpu :
		       -1;
}

static int rebuild_ite(void *ctx, uint32_t event, const struct ite *e)
{
	struct rebuild *w = ctx;

	w->ite_budget--;
	if (e->valid && index_set_ite(&w->its->index, w->devid, event, e))
		return GICITS_ENOMEM;
	return GICITS_OK;
}

static int rebuild_dte(void *ctx, uint64_t id, uint64_t addr)
{
	struct rebuild *w = ctx;
	struct gicits_its *its = w->its;
	uint64_t nev;
	struct dte d;

	if (dte_read(its, addr, &d) || !d.valid)
		return GICITS_OK; /* unknown: a lookup walks memory */
	/* A DTE no MAPD could have written (IHI 0069 MAPD: Size + 1 beyond
	 * GITS_TYPER.ID_bits is E_ITS_MAPD_ID_OOR) stays unknown: the MSI
	 * fast path relies on indexed devices having Size + 1 <= ID_bits
	 * and skips the EventID width check. */
	if (d.size + 1u > its->cfg.idbits)
		return GICITS_OK;
	w->devid = (uint32_t)id;
	if (index_set_dte(&its->index, w->devid, &d))
		return GICITS_OK;
	if (d.size + 1u > REBUILD_MAX_EVENT_BITS)
		return GICITS_OK;
	nev = 1ULL << (d.size + 1u);
	/* the rest of this ITT stays unknown after a fault (which used up
	 * a budget unit too) or an allocation failure */
	if (itt_foreach(its, &d, nev < w->ite_budget ? nev : w->ite_budget,
			rebuild_ite, w) == GICITS_EFAULT)
		w->ite_budget--;
	return GICITS_OK;
}

static int rebuild_cte(void *ctx, uint64_t id, uint64_t addr)
{
	struct rebuild *w = ctx;
	struct cte c;

	if (id < w->its->cfg.hcc)
		return GICITS_OK;
	if (cte_read(w->its, addr, &c) || !c.valid)
		return GICITS_OK;
	(void)index_set_cte(&w->its->index, (uint32_t)id, &c,
			    cte_cpu(w->its, &c));
	return GICITS_OK;
}

/* GICv4: the vPE table's valid entries, as VMAPP/VMOVP would have cached
 * them (vpte_read() reads an entry naming no redistributor as invalid). */
static int rebuild_vpe(void *ctx, uint64_t id, uint64_t addr)
{
	struct rebuild *w = ctx;
	struct vpte v;

	if (vpte_read(w->its, addr, &v) || !v.valid)
		return GICITS_OK;
	if (index_set_vpe(&w->its->index, (uint32_t)id, &v))
		return GICITS_ENOMEM; /* the rest stays unknown */
	return GICITS_OK;
}

void its_index_add_hcc(struct gicits_its *its)
{
	unsigned i;

	for (i = 0; i < its->cfg.hcc && i < 256; i++) {
		struct cte c = its_hcc_get(its, i);

		if (c.valid)
			(void)index_set_cte(&its->index, i, &c,
					    cte_cpu(its, &c));
	}
}

void its_index_rebuild(struct gicits_its *its)
{
	struct rebuild w;

	index_clear(&its->index);
	its_fast_update(its);
	if (!bits_get(atomic_load_explicit(&its->ctlr, memory_order_relaxed),
		      GITS_CTLR_ENABLED) ||
	    its->cfg.cache == GICITS_CACHE_OFF)
		return;
	w.its = its;
	w.devid = 0;
	w.ite_budget = REBUILD_ITE_BUDGET;
	its_index_add_hcc(its);
	(void)table_foreach(its, &its->dt, 1ULL << its->cfg.devbits, false,
			    rebuild_dte, &w);
	(void)table_foreach(its, &its->ct, 1ULL << its->cfg.cidbits, false,
			    rebuild_cte, &w);
	/* GICv4.0 vPE entries (16-bit vPEIDs), except those of a multi-ITS
	 * VMOVP this ITS is waiting in (vmovp.c: read from memory) */
	if (its_virtual(&its->cfg)) {
		(void)table_foreach(its, &its->vt, 1ULL << 16, false,
				    rebuild_vpe, &w);
		vmovp_forget_waiting(its);
	}
}
