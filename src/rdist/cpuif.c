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
#include "gicits/vcpu.h"
#include "rdist/pending.h"
#include "rdist/prio.h"
#include "rdist/rdist_priv.h"
#include "rdist/vlpi.h"

/* The functions below take a CPU interface index: a physical CPU, or
 * (GICv4.0) a virtual side, vcpu_of(). */
static void set_pmr(struct gicits_gic *gic, unsigned cpu, uint8_t pmr)
{
	mtx_lock(&gic->cpus[cpu].lock);
	gic->cpus[cpu].pmr = pmr & gic->pri_mask;
	rdist_notify(gic, cpu);
	mtx_unlock(&gic->cpus[cpu].lock);
}

static uint8_t get_pmr(struct gicits_gic *gic, unsigned cpu)
{
	uint8_t v;

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

/*
 * GICv4.1 virtual side @idx: the vLPI the interface signals (only with
 * VGrp1En: vLPIs are Group 1) against the best vSGI (v41.c), the lower
 * priority winning and a vSGI (INTID < 16) a tie; with @take, acknowledge
 * it.  A vSGI has no active state (§4: the guest chose nASSGIreq), but
 * its priority is the running priority until EOI, as an LPI's.
 */
static uint32_t pick41(struct gicits_gic *gic, unsigned idx, bool take)
{
	struct cpu_state *c = &gic->cpus[idx];
	unsigned sgi = 0, prio, running;
	uint8_t sp = 0;
	uint64_t h;
	bool s;
	uint32_t id = GICITS_INTID_SPURIOUS;

	mtx_lock(&c->lock);
	h = (c->v41_grpen & 2) ? signalled(gic, idx) : 0;
	s = v41_best_vsgi(gic, idx, &sp, &sgi);
	if (s) {
		prio = sp & gic->pri_mask;
		running = c->nactive ? c->active[c->nactive - 1] : 0x100;
		if (prio >= c->pmr || prio >= running)
			s = false;
	}
	if (s && (!h || sp <= hpp_prio(h))) {
		id = sgi;
		if (take) {
			if (c->nactive < sizeof(c->active))
				c->active[c->nactive++] = sp & gic->pri_mask;
			v41_ack_vsgi(gic, idx, sgi);
		}
	} else if (h) {
		id = hpp_id(h);
		if (take) {
			if (c->nactive < sizeof(c->active))
				c->active[c->nactive++] =
					hpp_prio(h) & gic->pri_mask;
			pend_clear(c, hpp_id(h));
			prio_top_gone(gic, idx);
		}
	}
	mtx_unlock(&c->lock);
	return id;
}

static uint32_t hppi(struct gicits_gic *gic, unsigned cpu)
{
	uint64_t h;

	mtx_lock(&gic->cpus[cpu].lock);
	h = signalled(gic, cpu);
	mtx_unlock(&gic->cpus[cpu].lock);
	return h ? hpp_id(h) : GICITS_INTID_SPURIOUS;
}

static uint32_t ack(struct gicits_gic *gic, unsigned cpu)
{
	struct cpu_state *c;
	uint64_t h;

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

static int eoi(struct gicits_gic *gic, unsigned cpu)
{
	struct cpu_state *c;
	int err = GICITS_OK;

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

/* ---- the physical CPU interface (<gicits/rdist.h>) ------------------ */

int gicits_cpu_set_pmr(struct gicits_gic *gic, unsigned cpu, uint8_t pmr)
{
	if (!gic || cpu >= gic->cfg.num_cpus)
		return GICITS_ENOENT;
	set_pmr(gic, cpu, pmr);
	return GICITS_OK;
}

uint8_t gicits_cpu_get_pmr(struct gicits_gic *gic, unsigned cpu)
{
	if (!gic || cpu >= gic->cfg.num_cpus)
		return 0;
	return get_pmr(gic, cpu);
}

uint32_t gicits_cpu_hppi(struct gicits_gic *gic, unsigned cpu)
{
	if (!gic || cpu >= gic->cfg.num_cpus)
		return GICITS_INTID_SPURIOUS;
	return hppi(gic, cpu);
}

uint32_t gicits_cpu_ack(struct gicits_gic *gic, unsigned cpu)
{
	if (!gic || cpu >= gic->cfg.num_cpus)
		return GICITS_INTID_SPURIOUS;
	return ack(gic, cpu);
}

int gicits_cpu_eoi(struct gicits_gic *gic, unsigned cpu, uint32_t intid)
{
	(void)intid;
	if (!gic || cpu >= gic->cfg.num_cpus)
		return GICITS_ENOENT;
	return eoi(gic, cpu);
}

/* ---- GICv4.0: the virtual CPU interface (<gicits/vcpu.h>) ----------- */

/* The errors every vcpu function shares; *@idx the virtual side. */
static int vcheck(struct gicits_gic *gic, unsigned cpu, const void *p,
		  unsigned *idx)
{
	if (!gic || !p)
		return GICITS_EINVAL;
	if (!gic_is_v4(gic))
		return GICITS_ENOTSUP;
	if (cpu >= gic->cfg.num_cpus)
		return GICITS_ENOENT;
	*idx = vcpu_of(gic, cpu);
	return GICITS_OK;
}

int gicits_vcpu_resident(struct gicits_gic *gic, unsigned cpu, uint64_t *vpt)
{
	unsigned v;
	int err = vcheck(gic, cpu, vpt, &v);
	uint64_t r;

	if (err)
		return err;
	r = atomic_load_explicit(&gic->cpus[v].vres, memory_order_acquire);
	*vpt = r & ~1ULL;
	return r ? 1 : 0;
}

int gicits_vcpu_resident_vpeid(struct gicits_gic *gic, unsigned cpu,
			       uint32_t *vpeid)
{
	unsigned v;
	int err = vcheck(gic, cpu, vpeid, &v);
	int res;

	if (err)
		return err;
	if (!gic_is_v41(gic))
		return GICITS_ENOTSUP;
	mtx_lock(&gic->cpus[v].lock);
	res = gic->cpus[v].v41_res;
	*vpeid = res ? gic->cpus[v].v41_vpeid : 0;
	mtx_unlock(&gic->cpus[v].lock);
	return res;
}

int gicits_vcpu_hppi(struct gicits_gic *gic, unsigned cpu, uint32_t *vintid)
{
	unsigned v;
	int err = vcheck(gic, cpu, vintid, &v);

	if (err)
		return err;
	*vintid = gic_is_v41(gic) ? pick41(gic, v, false) : hppi(gic, v);
	return GICITS_OK;
}

int gicits_vcpu_ack(struct gicits_gic *gic, unsigned cpu, uint32_t *vintid)
{
	unsigned v;
	int err = vcheck(gic, cpu, vintid, &v);

	if (err)
		return err;
	*vintid = gic_is_v41(gic) ? pick41(gic, v, true) : ack(gic, v);
	return GICITS_OK;
}

int gicits_vcpu_eoi(struct gicits_gic *gic, unsigned cpu, uint32_t vintid)
{
	unsigned v;
	int err = vcheck(gic, cpu, gic, &v);

	(void)vintid;
	return err ? err : eoi(gic, v);
}

int gicits_vcpu_set_vpmr(struct gicits_gic *gic, unsigned cpu, uint8_t vpmr)
{
	unsigned v;
	int err = vcheck(gic, cpu, gic, &v);

	if (!err)
		set_pmr(gic, v, vpmr);
	return err;
}

int gicits_vcpu_get_vpmr(struct gicits_gic *gic, unsigned cpu, uint8_t *vpmr)
{
	unsigned v;
	int err = vcheck(gic, cpu, vpmr, &v);

	if (!err)
		*vpmr = get_pmr(gic, v);
	return err;
}

int gicits_vcpu_pending_foreach(struct gicits_gic *gic, unsigned cpu,
				int (*fn)(void *opaque, uint32_t vintid),
				void *opaque)
{
	unsigned v;
	int err = vcheck(gic, cpu, fn ? gic : NULL, &v);

	if (err)
		return err;
	mtx_lock(&gic->cpus[v].lock);
	err = pend_walk(&gic->cpus[v], false, fn, opaque);
	mtx_unlock(&gic->cpus[v].lock);
	return err;
}
