/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What an ITS asks of a redistributor (lpi_sink.h): make an LPI pending,
 * clear it, move one or all, reload the configuration cache; the
 * public queries of the pending set; and the same operations as the
 * public LPI sink of <gicits/sink.h> (gicits_gic_lpi_sink_ops()).
 *
 * Making an LPI pending takes no lock and, once the redistributor's
 * pending block exists, allocates nothing (docs/concurrency.md R1-R4);
 * everything else here holds the redistributor's mutex (two of them in
 * ascending CPU order for a move, R9).
 */
#include <stdatomic.h>
#include <threads.h>

#include "common/bits.h"
#include "gicits/error.h"
#include "gicits/sink.h"
#include "rdist/lpi_sink.h"
#include "rdist/pending.h"
#include "rdist/prio.h"
#include "rdist/rdist_priv.h"

void (*_Atomic gic_test_setter_hook)(unsigned cpu, uint32_t intid);

/* Lock-free: used by MSIs and INT (ITS commands hold the ITS lock, not
 * this RD's), and with the RD lock held by GICR_SETLPIR. */
static enum gicits_drop lpi_set(struct gicits_gic *gic, unsigned cpu,
				uint32_t intid)
{
	struct cpu_state *c = &gic->cpus[cpu];
	uint64_t limit =
		atomic_load_explicit(&c->lpi_limit, memory_order_acquire);
	int r;

	if (!limit || intid < GICITS_LPI_BASE || intid >= limit) {
		/* GICR_CTLR.EnableLPIs == 0: translations targeting it are
		 * ignored; INTIDs beyond PROPBASER.IDbits are dropped. */
		if (!atomic_load_explicit(&c->enable_lpis,
					  memory_order_acquire))
			return GICITS_DROP_LPIS_DISABLED;
		if (!lpi_in_range(gic, c, intid))
			return GICITS_DROP_INTID_OOR;
	}
	if (atomic_load_explicit(&gic_test_setter_hook, memory_order_relaxed))
		atomic_load_explicit(&gic_test_setter_hook,
				     memory_order_relaxed)(cpu, intid);
	if (pend_test(c, intid))
		return GICITS_DROP_NONE;
	r = pend_set(c, intid);
	if (r < 0) {
		/* its own reason, never a misleading one (issue 11) */
		if (r == PEND_OVER_BUDGET)
			rdist_trace(
				gic, GICITS_TRACE_FINDING, cpu, intid, 0, 0,
				"pending_budget_bytes",
				"pending state past the redistributor's budget; LPI lost");
		else
			rdist_trace(
				gic, GICITS_TRACE_FINDING, cpu, intid, 0, 0,
				"ENOMEM",
				"pending state could not be allocated; LPI lost");
		return GICITS_DROP_BUDGET;
	}
	if (r)
		prio_newly_pending(gic, cpu, intid, r);
	return GICITS_DROP_NONE;
}

enum gicits_drop gic_lpi_set(struct gicits_gic *gic, unsigned cpu,
			     uint32_t intid)
{
	return lpi_set(gic, cpu, intid);
}

_Atomic uint64_t *gic_lpi_prepare(const struct gicits_gic *gic, unsigned cpu,
				  uint32_t intid)
{
	struct cpu_state *c = &gic->cpus[cpu];
	uint64_t limit =
		atomic_load_explicit(&c->lpi_limit, memory_order_acquire);
	struct pend_chunk *p;
	_Atomic uint64_t *w;

	if (intid < GICITS_LPI_BASE || intid >= limit)
		return NULL;
	p = chunk_of(c, intid);
	if (!p)
		return NULL;
	w = &p->w[pend_wi(intid)];
	PREFETCH_W((const void *)w);
	prio_prefetch(gic, c, p, intid);
	return w;
}

enum gicits_drop gic_lpi_set_at(struct gicits_gic *gic, unsigned cpu,
				uint32_t intid, _Atomic uint64_t *w)
{
	struct cpu_state *c = &gic->cpus[cpu];
	uint64_t limit =
		atomic_load_explicit(&c->lpi_limit, memory_order_acquire);
	int r;

	/* lpi_set()'s cases other than "in range, block exists" */
	if (!w || intid < GICITS_LPI_BASE || intid >= limit)
		return lpi_set(gic, cpu, intid);
	if (atomic_load_explicit(w, memory_order_acquire) & bm_bit(intid))
		return GICITS_DROP_NONE;
	/* lpi_set() on the block @w lies in (no lookup) */
	r = pend_set_in(c, chunk_of_word(w, intid), w, intid);
	if (r)
		prio_newly_pending(gic, cpu, intid, r);
	return GICITS_DROP_NONE;
}

void lpi_clear_locked(struct gicits_gic *gic, unsigned cpu, uint32_t intid)
{
	struct cpu_state *c = &gic->cpus[cpu];

	if (!pend_clear(c, intid))
		return;
	if (hpp_id(atomic_load_explicit(&c->hpp, memory_order_acquire)) ==
	    intid)
		prio_top_gone(gic, cpu);
}

void gic_lpi_clear(struct gicits_gic *gic, unsigned cpu, uint32_t intid)
{
	mtx_lock(&gic->cpus[cpu].lock);
	lpi_clear_locked(gic, cpu, intid);
	mtx_unlock(&gic->cpus[cpu].lock);
}

/* Lock order R9: ascending CPU. */
static void lock2(struct gicits_gic *gic, unsigned a, unsigned b)
{
	if (a == b) {
		mtx_lock(&gic->cpus[a].lock);
	} else if (a < b) {
		mtx_lock(&gic->cpus[a].lock);
		mtx_lock(&gic->cpus[b].lock);
	} else {
		mtx_lock(&gic->cpus[b].lock);
		mtx_lock(&gic->cpus[a].lock);
	}
}

static void unlock2(struct gicits_gic *gic, unsigned a, unsigned b)
{
	mtx_unlock(&gic->cpus[a].lock);
	if (a != b)
		mtx_unlock(&gic->cpus[b].lock);
}

void gic_lpi_move(struct gicits_gic *gic, unsigned from, unsigned to,
		  uint32_t intid)
{
	if (from == to)
		return;
	lock2(gic, from, to);
	if (pend_test(&gic->cpus[from], intid)) {
		lpi_clear_locked(gic, from, intid);
		(void)lpi_set(gic, to, intid);
	}
	unlock2(gic, from, to);
}

/* IHI 0069H.b 5.3.9 INV: the configuration of one LPI is reloaded; the
 * other LPIs' cached configuration stays as it is (a cache may keep it). */
void gic_lpi_inv(struct gicits_gic *gic, unsigned cpu, uint32_t intid)
{
	mtx_lock(&gic->cpus[cpu].lock);
	prio_inv_one(gic, cpu, intid);
	mtx_unlock(&gic->cpus[cpu].lock);
}

/* IHI 0069H.b 5.3.10 INVALL: the LPIs of one collection, all on the
 * redistributor it is mapped to (@cpu; -1 after a command error, which has
 * no effect).  The HPP model keeps QEMU 7.2's scope (prio_invall_all()). */
void gic_lpi_inv_all(struct gicits_gic *gic, int cpu)
{
	unsigned i;

	for (i = 0; i < gic->cfg.num_cpus; i++) {
		if ((int)i != cpu && !prio_invall_all(gic))
			continue;
		mtx_lock(&gic->cpus[i].lock);
		prio_rescan(gic, i);
		mtx_unlock(&gic->cpus[i].lock);
	}
}

struct move_ctx {
	struct gicits_gic *gic;
	unsigned from, to;
};

static int move_one(void *opaque, uint32_t id)
{
	struct move_ctx *m = opaque;
	struct cpu_state *to = &m->gic->cpus[m->to];

	/* The target takes the LPI as MOVI's gic_lpi_move() does: only if
	 * it has EnableLPIs == 1 and the INTID is within its
	 * GICR_PROPBASER.IDbits (an INTID beyond it is out of range for that
	 * redistributor, IHI 0069H.b GICR_PROPBASER.IDbits).  Otherwise the
	 * LPI is lost, which is what software that moves to such an RD
	 * asked for. */
	if (atomic_load_explicit(&to->enable_lpis, memory_order_relaxed) &&
	    lpi_in_range(m->gic, to, id))
		(void)pend_set(to, id);
	pend_clear(&m->gic->cpus[m->from], id);
	return 0;
}

void gic_lpi_movall(struct gicits_gic *gic, unsigned from, unsigned to)
{
	struct move_ctx m = { gic, from, to };

	if (from == to)
		return;
	lock2(gic, from, to);
	(void)pend_walk(&gic->cpus[from], false, move_one, &m);
	prio_rescan(gic, from);
	prio_rescan(gic, to);
	unlock2(gic, from, to);
}

/* ---- public queries ------------------------------------------------- */

int gicits_rdist_pending_foreach(struct gicits_gic *gic, unsigned cpu,
				 int (*fn)(void *opaque, uint32_t intid),
				 void *opaque)
{
	int rc;

	if (!gic || cpu >= gic->cfg.num_cpus)
		return GICITS_ENOENT;
	if (!fn)
		return GICITS_EINVAL;
	mtx_lock(&gic->cpus[cpu].lock);
	rc = pend_walk(&gic->cpus[cpu], false, fn, opaque);
	mtx_unlock(&gic->cpus[cpu].lock);
	return rc;
}

int gicits_rdist_is_pending(struct gicits_gic *gic, unsigned cpu,
			    uint32_t intid)
{
	if (!gic || cpu >= gic->cfg.num_cpus)
		return GICITS_ENOENT;
	return pend_test(&gic->cpus[cpu], intid);
}

/* ---- the public LPI sink (<gicits/sink.h>) ---------------------------
 *
 * The functions above, behind the callbacks an embedder's sink can forward
 * to.  The ITS never calls these wrappers for a gic of its own (it calls
 * the functions above directly, inlined on the MSI path); a caller of the
 * public ops may be any code, so each wrapper checks its CPU numbers,
 * which the internal functions trust. */

static unsigned sink_num_cpus(void *ctx)
{
	return gicits_gic_num_cpus(ctx);
}

static unsigned sink_intid_bits(void *ctx)
{
	return gicits_gic_intid_bits(ctx);
}

static bool sink_rdbase_to_cpu(void *ctx, uint64_t rdbase, bool pta,
			       unsigned *cpu)
{
	return gic_rdbase_to_cpu(ctx, rdbase, pta, cpu);
}

static bool sink_has(const struct gicits_gic *gic, unsigned cpu)
{
	return cpu < gic->cfg.num_cpus;
}

/* No redistributor @cpu: nothing accepts the LPI. */
static int sink_set_pending(void *ctx, unsigned cpu, uint32_t intid)
{
	if (!sink_has(ctx, cpu))
		return GICITS_DROP_LPIS_DISABLED;
	return (int)gic_lpi_set(ctx, cpu, intid);
}

static void sink_clear(void *ctx, unsigned cpu, uint32_t intid)
{
	if (sink_has(ctx, cpu))
		gic_lpi_clear(ctx, cpu, intid);
}

static void sink_move(void *ctx, unsigned from, unsigned to, uint32_t intid)
{
	if (sink_has(ctx, from) && sink_has(ctx, to))
		gic_lpi_move(ctx, from, to, intid);
}

static void sink_move_all(void *ctx, unsigned from, unsigned to)
{
	if (sink_has(ctx, from) && sink_has(ctx, to))
		gic_lpi_movall(ctx, from, to);
}

static void sink_inv(void *ctx, unsigned cpu, uint32_t intid)
{
	if (sink_has(ctx, cpu))
		gic_lpi_inv(ctx, cpu, intid);
}

/* A negative @cpu (a failed INVALL) is passed on: the HPP model reloads
 * every redistributor then (gic_lpi_inv_all()). */
static void sink_inv_all(void *ctx, int cpu)
{
	if (cpu < 0 || sink_has(ctx, (unsigned)cpu))
		gic_lpi_inv_all(ctx, cpu);
}

static const struct gicits_lpi_sink_ops gic_sink_ops = {
	.size = sizeof(struct gicits_lpi_sink_ops),
	.num_cpus = sink_num_cpus,
	.intid_bits = sink_intid_bits,
	.rdbase_to_cpu = sink_rdbase_to_cpu,
	.set_pending = sink_set_pending,
	.clear = sink_clear,
	.move = sink_move,
	.move_all = sink_move_all,
	.inv = sink_inv,
	.inv_all = sink_inv_all,
};

const struct gicits_lpi_sink_ops *gicits_gic_lpi_sink_ops(void)
{
	return &gic_sink_ops;
}
