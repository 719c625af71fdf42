/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A minimal CPU interface per redistributor: priority mask, highest
 * priority pending LPI, acknowledge, EOI (EOImode 0).  Every call holds the
 * redistributor's mutex; the caching model brings the HPPLPI word up to
 * date first (prio_current()).
 */
#include <stdatomic.h>
#include <threads.h>

#include "common/bits.h"
#include "gicits/error.h"
#include "rdist/pending.h"
#include "rdist/prio.h"
#include "rdist/rdist_priv.h"

int gicits_cpu_set_pmr(struct gicits_gic *gic, unsigned cpu, uint8_t pmr)
{
	if (!gic || cpu >= gic->cfg.num_cpus)
		return GICITS_ENOENT;
	mtx_lock(&gic->cpus[cpu].lock);
	gic->cpus[cpu].pmr = pmr & gic->pri_mask;
	rdist_notify(gic, cpu);
	mtx_unlock(&gic->cpus[cpu].lock);
	return GICITS_OK;
}

uint8_t gicits_cpu_get_pmr(struct gicits_gic *gic, unsigned cpu)
{
	uint8_t v;

	if (!gic || cpu >= gic->cfg.num_cpus)
		return 0;
	mtx_lock(&gic->cpus[cpu].lock);
	v = gic->cpus[cpu].pmr;
	mtx_unlock(&gic->cpus[cpu].lock);
	return v;
}

/* Cache check: the cached HPPLPI against the configuration in memory. */
static void check_hpp(struct gicits_gic *gic, unsigned cpu, uint64_t h)
{
	uint8_t cfgb;

	if (!gic->cfg.check_config || !hpp_id(h))
		return;
	cfgb = lpi_config(gic, cpu, hpp_id(h));
	if (!lpi_cfg_enabled(cfgb) || lpi_cfg_prio(cfgb) != hpp_prio(h)) {
		atomic_fetch_add_explicit(&gic->findings, 1,
					  memory_order_relaxed);
		rdist_trace(
			gic, GICITS_TRACE_FINDING, cpu, hpp_id(h), 0, cfgb,
			"INV",
			!lpi_cfg_enabled(cfgb) ?
				"LPI disabled in the configuration table without INV/INVALL/GICR_INVLPIR: "
				"the redistributor still uses its cached copy" :
				"LPI priority changed in the configuration table without INV/INVALL/GICR_INVLPIR: "
				"the redistributor still uses its cached copy");
	}
}

/* HPPLPI word the CPU interface signals, or 0 (caller holds the RD lock). */
static uint64_t signalled(struct gicits_gic *gic, unsigned cpu)
{
	struct cpu_state *c = &gic->cpus[cpu];
	uint64_t h = prio_current(gic, cpu);
	unsigned prio, running;

	if (!hpp_id(h) ||
	    !atomic_load_explicit(&c->enable_lpis, memory_order_relaxed))
		return 0;
	/* GICR_WAKER.ProcessorSleep == 1: the redistributor does not
	 * forward interrupts to a sleeping PE's CPU interface (it would
	 * assert WakeRequest instead); LPIs stay pending and are delivered
	 * once ProcessorSleep is cleared (IHI 0069H.b §11.1, power
	 * management, and the GICR_WAKER register description). */
	if (bits_get(c->waker, GICR_WAKER_PROCESSOR_SLEEP))
		return 0;
	check_hpp(gic, cpu, h);
	prio = hpp_prio(h) & gic->pri_mask;
	running = c->nactive ? c->active[c->nactive - 1] : 0x100;
	if (prio >= c->pmr || prio >= running)
		return 0;
	return h;
}

uint32_t gicits_cpu_hppi(struct gicits_gic *gic, unsigned cpu)
{
	uint64_t h;

	if (!gic || cpu >= gic->cfg.num_cpus)
		return GICITS_INTID_SPURIOUS;
	mtx_lock(&gic->cpus[cpu].lock);
	h = signalled(gic, cpu);
	mtx_unlock(&gic->cpus[cpu].lock);
	return h ? hpp_id(h) : GICITS_INTID_SPURIOUS;
}

uint32_t gicits_cpu_ack(struct gicits_gic *gic, unsigned cpu)
{
	struct cpu_state *c;
	uint64_t h;

	if (!gic || cpu >= gic->cfg.num_cpus)
		return GICITS_INTID_SPURIOUS;
	c = &gic->cpus[cpu];
	mtx_lock(&c->lock);
	h = signalled(gic, cpu);
	if (h) {
		if (c->nactive < sizeof(c->active))
			c->active[c->nactive++] = hpp_prio(h) & gic->pri_mask;
		/* The LPI stops being pending.  HPP model: it was the HPPLPI,
		 * so the redistributor rescans.  FULL model: the next heap
		 * entry becomes the HPPLPI. */
		pend_clear(c, hpp_id(h));
		prio_top_gone(gic, cpu);
	}
	mtx_unlock(&c->lock);
	return h ? hpp_id(h) : GICITS_INTID_SPURIOUS;
}

int gicits_cpu_eoi(struct gicits_gic *gic, unsigned cpu, uint32_t intid)
{
	struct cpu_state *c;
	int err = GICITS_OK;

	(void)intid;
	if (!gic || cpu >= gic->cfg.num_cpus)
		return GICITS_ENOENT;
	c = &gic->cpus[cpu];
	mtx_lock(&c->lock);
	if (!c->nactive)
		err = GICITS_ESTATE;
	else
		c->nactive--;
	rdist_notify(gic, cpu);
	mtx_unlock(&c->lock);
	return err;
}
