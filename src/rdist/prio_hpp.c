/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * GICITS_LPI_CACHE_HPP (QEMU 7.2's model): only the highest-priority
 * pending enabled LPI is cached, in the HPPLPI word itself.  A setter reads
 * the configuration byte of a newly pending LPI and offers it with a
 * compare-and-swap; a rescan re-reads every pending LPI's byte
 * (docs/concurrency.md R7).
 */
#include <stdatomic.h>

#include "common/bits.h"
#include "rdist/pending.h"
#include "rdist/prio.h"
#include "rdist/rdist_priv.h"

/* Offer @intid (just made pending, enabled with priority @prio) as the
 * HPPLPI.  Lock-free. */
static void hpp_offer(struct gicits_gic *gic, unsigned cpu, uint32_t intid,
		      uint8_t prio)
{
	struct cpu_state *c = &gic->cpus[cpu];
	/* seq_cst, like the pending-bit RMW before it and the rescan's
	 * generation exchange and word loads (R7). */
	uint64_t h = atomic_load_explicit(&c->hpp, memory_order_seq_cst);

	while (hpp_better(prio, intid, h)) {
		if (atomic_compare_exchange_weak_explicit(
			    &c->hpp, &h, hpp_word(hpp_gen(h), prio, intid),
			    memory_order_seq_cst, memory_order_seq_cst)) {
			rdist_notify(gic, cpu);
			return;
		}
	}
}

void prio_hpp_newly_pending(struct gicits_gic *gic, unsigned cpu,
			    uint32_t intid)
{
	uint8_t cfgb = lpi_config(gic, cpu, intid);

	if (lpi_cfg_enabled(cfgb))
		hpp_offer(gic, cpu, intid, lpi_cfg_prio(cfgb));
}

struct rescan_ctx {
	struct gicits_gic *gic;
	unsigned cpu;
	uint32_t best;
	uint8_t prio;
};

static int rescan_one(void *opaque, uint32_t id)
{
	struct rescan_ctx *r = opaque;
	uint8_t cfgb;

	if (id < GICITS_LPI_BASE)
		return 0;
	cfgb = lpi_config(r->gic, r->cpu, id);
	/* ascending INTIDs: on equal priority the first (lower) one wins */
	if (lpi_cfg_enabled(cfgb) &&
	    (!r->best || lpi_cfg_prio(cfgb) < r->prio)) {
		r->best = id;
		r->prio = lpi_cfg_prio(cfgb);
	}
	return 0;
}

/* Full rescan (caller holds the RD lock): reload the configuration of
 * every pending LPI. */
void prio_hpp_rescan(struct gicits_gic *gic, unsigned cpu)
{
	struct cpu_state *c = &gic->cpus[cpu];
	uint64_t old = atomic_load_explicit(&c->hpp, memory_order_acquire);
	uint64_t gen = hpp_gen(old) + 1;
	struct rescan_ctx r = { gic, cpu, 0, 0xff };

	/* New generation first: offers made from now on are kept.  An
	 * exchange (seq_cst) so that an offer's CAS ordered before it is
	 * also ordered before the walk's loads (R7). */
	(void)atomic_exchange_explicit(&c->hpp, hpp_word(gen, 0, 0),
				       memory_order_seq_cst);
	(void)pend_walk(c, true, rescan_one, &r);
	hpp_publish(gic, cpu, old, gen, r.prio, r.best);
}
