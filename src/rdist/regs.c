/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The GICR_* registers of the RD_base frame, and what writing them does
 * (EnableLPIs loads and writes back the pending table).  Every access
 * holds the redistributor's mutex.
 */
#include <stdatomic.h>
#include <string.h>
#include <threads.h>

#include "common/bits.h"
#include "common/inflight.h"
#include "gicits/error.h"
#include "mem/mem_internal.h"
#include "rdist/pending.h"
#include "rdist/prio.h"
#include "rdist/rdist_fields.h"
#include "rdist/rdist_priv.h"
#include "rdist/vlpi.h"

/* ---- EnableLPIs ----------------------------------------------------- */

static uint64_t pend_pa(const struct cpu_state *c)
{
	return c->pendbaser & bits_mask(GICR_PENDBASER_PA);
}

/*
 * EnableLPIs 0 -> 1: load the pending table unless PTZ said it is zero
 * (ptable_load(): each byte loaded is written back as zero).
 */
static void enable_lpis(struct gicits_gic *gic, unsigned cpu)
{
	struct cpu_state *c = &gic->cpus[cpu];
	unsigned b = rd_id_bits(gic, c);

	if (!c->ptz && b)
		ptable_load(gic, cpu, pend_pa(c), b, NULL, "GICR_PENDBASER");
	c->ptz = false;
	/* see docs/concurrency.md R10: the limit is published after
	 * PROPBASER and the pending table */
	atomic_store_explicit(&c->enable_lpis, true, memory_order_release);
	atomic_store_explicit(&c->lpi_limit, b ? 1ULL << b : 0,
			      memory_order_release);
	prio_rescan(gic, cpu);
}

/* EnableLPIs 1 -> 0: write the pending state back to the pending table, so
 * that the table is exact again (IHI 0069: its content is UNKNOWN only while
 * EnableLPIs == 1).  Only the bytes holding pending LPIs are written
 * (ptable_writeback()). */
static void disable_lpis(struct gicits_gic *gic, unsigned cpu)
{
	struct cpu_state *c = &gic->cpus[cpu];

	atomic_store_explicit(&c->lpi_limit, 0, memory_order_seq_cst);
	atomic_store_explicit(&c->enable_lpis, false, memory_order_seq_cst);
	/* setters that passed the checks above set their bits before the
	 * write-back (docs/concurrency.md R11) */
	inflight_drain();
	if (rd_id_bits(gic, c))
		ptable_writeback(gic, cpu, pend_pa(c), NULL, "GICR_PENDBASER");
	/* Blocks stay allocated (a racing setter may still hold one, R2). */
	pend_clear_all(c);
	atomic_store_explicit(&c->hpp, 0, memory_order_release);
	rdist_notify(gic, cpu);
}

/* ---- registers ------------------------------------------------------ */

static uint64_t typer(const struct gicits_gic *gic, unsigned cpu)
{
	uint64_t v = 0;

	/* Affinity: Aff0 = cpu[7:0], Aff1 = cpu[15:8]. */
	v = bits_set(v, GICR_TYPER_AFF0, cpu & 0xff);
	v = bits_set(v, GICR_TYPER_AFF1, (cpu >> 8) & 0xff);
	v = bits_set(v, GICR_TYPER_PROCESSOR_NUMBER, cpu);
	/* CommonLPIAff = 0: all RDs share config */
	v = bits_set(v, GICR_TYPER_COMMON_LPI_AFF, 0);
	/* DirectLPI: SETLPIR..SYNCR implemented */
	v = bits_set(v, GICR_TYPER_DIRECT_LPI, 1);
	v = bits_set(v, GICR_TYPER_PLPIS, 1);
	/* GICv4.0: VLPIS = 1; Dirty = 1 only when the Dirty window is
	 * modelled (gicits_gic_config.vpe_dirty_reads; QEMU 7.2: 0) */
	if (gic_is_v4(gic)) {
		v = bits_set(v, GICR_TYPER_VLPIS, 1);
		v = bits_set(v, GICR_TYPER_DIRTY,
			     gic->cfg.vpe_dirty_reads != 0);
	}
	/* GICv4.1 (spec/gicv41.md §1): RVPEID = 1 (VPENDBASER holds a
	 * vPEID), VSGI = 1, Dirty RES1 */
	if (gic_is_v41(gic)) {
		v = bits_set(v, GICR_TYPER_RVPEID, 1);
		v = bits_set(v, GICR_TYPER_VSGI, 1);
		v = bits_set(v, GICR_TYPER_DIRTY, 1);
	}
	if (cpu == gic->cfg.num_cpus - 1)
		v = bits_set(v, GICR_TYPER_LAST, 1);
	return v;
}

/* GICR_STATUSR: record an access error (a GICR_STATUSR_* field). */
static void statusr_set(struct cpu_state *c, unsigned hi, unsigned lo)
{
	c->statusr = (uint32_t)bits_set(c->statusr, hi, lo, 1);
}

static int check_access(struct gicits_gic *gic, unsigned cpu, uint32_t offset,
			unsigned size, bool is64)
{
	if (!gic)
		return GICITS_EINVAL;
	if (cpu >= gic->cfg.num_cpus)
		return GICITS_ENOENT;
	/* RD_base, and VLPI_base on a GICv4.0 gic; SGI_base is not
	 * modelled */
	if (offset >= 0x10000 &&
	    !(gic_is_v4(gic) && offset >= GICITS_GICR_VLPI_BASE &&
	      offset < GICITS_GICR_VLPI_BASE + 0x10000))
		return GICITS_EINVAL;
	if ((size != 4 && size != 8) || offset % size)
		return GICITS_EACCESS;
	if (size == 8 && !is64)
		return GICITS_EACCESS;
	return GICITS_OK;
}

static bool reg_is64(uint32_t base)
{
	switch (base) {
	case GICITS_GICR_TYPER:
	case GICITS_GICR_SETLPIR:
	case GICITS_GICR_CLRLPIR:
	case GICITS_GICR_PROPBASER:
	case GICITS_GICR_PENDBASER:
	case GICITS_GICR_INVLPIR:
	case GICITS_GICR_INVALLR:
	case GICITS_GICR_VPROPBASER:
	case GICITS_GICR_VPENDBASER:
		return true;
	}
	return false;
}

/* Check an access and find the register it names: the base of a 64-bit
 * register for either half, else @offset itself. */
static int reg_decode(struct gicits_gic *gic, unsigned cpu, uint32_t offset,
		      unsigned size, uint32_t *base)
{
	uint32_t b = offset & ~7u;
	int err = check_access(gic, cpu, offset, size,
			       reg_is64(b) && b == offset);

	if (err)
		return err;
	*base = reg_is64(b) ? b : offset;
	return GICITS_OK;
}

static uint64_t ctlr(const struct gicits_gic *gic, struct cpu_state *c)
{
	uint64_t v = 0;

	/* RWP is never set: changes take effect synchronously. */
	v = bits_set(
		v, GICR_CTLR_ENABLE_LPIS,
		atomic_load_explicit(&c->enable_lpis, memory_order_relaxed));
	v = bits_set(v, GICR_CTLR_CES, gic->cfg.ces);
	/* IR: INVLPIR/INVALLR/SYNCR implemented */
	return bits_set(v, GICR_CTLR_IR, 1);
}

static uint64_t pidr2(const struct gicits_gic *gic)
{
	uint64_t v = 0;

	/* ArchRev 3 (GICv3) or 4 (GICv4, 0x4b as QEMU 7.2); Arm's JEP106
	 * code 0x3B: JEDEC, DES_1 = 3 */
	v = bits_set(v, GICR_PIDR2_ARCH_REV, gic_is_v4(gic) ? 4 : 3);
	v = bits_set(v, GICR_PIDR2_JEDEC, 1);
	return bits_set(v, GICR_PIDR2_DES_1, 3);
}

int gicits_rdist_read(struct gicits_gic *gic, unsigned cpu, uint32_t offset,
		      unsigned size, uint64_t *val)
{
	uint32_t base;
	uint64_t v = 0;
	struct cpu_state *c;
	int err;

	if (!val)
		return GICITS_EINVAL;
	*val = 0;
	err = reg_decode(gic, cpu, offset, size, &base);
	if (err)
		return err;
	if (base >= GICITS_GICR_VLPI_BASE) {
		err = vlpi_reg_read(gic, cpu, base, &v);
		goto out;
	}
	c = &gic->cpus[cpu];
	mtx_lock(&c->lock);
	switch (base) {
	case GICITS_GICR_CTLR:
		v = ctlr(gic, c);
		break;
	case GICITS_GICR_IIDR:
		v = bits_set(0, GICR_IIDR_IMPLEMENTER, GICR_IIDR_ARM);
		break;
	case GICITS_GICR_TYPER:
		v = typer(gic, cpu);
		break;
	case GICITS_GICR_STATUSR:
		v = c->statusr;
		break;
	case GICITS_GICR_WAKER:
		v = c->waker;
		break;
	case GICITS_GICR_PROPBASER:
		v = atomic_load_explicit(&c->propbaser, memory_order_relaxed);
		break;
	case GICITS_GICR_PENDBASER:
		/* PTZ reads 0 */
		v = bits_set(c->pendbaser, GICR_PENDBASER_PTZ, 0);
		break;
	case GICITS_GICR_SYNCR:
		v = 0; /* never Busy: invalidations complete synchronously */
		break;
	case GICITS_GICR_PIDR2:
		v = pidr2(gic);
		break;
	case GICITS_GICR_SETLPIR:
	case GICITS_GICR_CLRLPIR:
	case GICITS_GICR_INVLPIR:
	case GICITS_GICR_INVALLR:
		statusr_set(c, GICR_STATUSR_RWOD);
		rdist_trace(
			gic, GICITS_TRACE_REG, cpu, 0, offset, 0,
			"GICR_STATUSR.RWOD",
			"read of a write-only redistributor register (RAZ)");
		break;
	default:
		statusr_set(c, GICR_STATUSR_RRD);
		rdist_trace(gic, GICITS_TRACE_REG, cpu, 0, offset, 0,
			    "GICR_STATUSR.RRD",
			    "read of a reserved redistributor offset (RAZ)");
		break;
	}
	mtx_unlock(&c->lock);
out:
	if (size == 4 && (offset & 4) && reg_is64(base))
		v >>= 32;
	else if (size == 4)
		v &= 0xffffffffu;
	*val = v;
	return GICITS_OK;
}

/* GICR_CTLR write, RD lock held. */
static void write_ctlr(struct gicits_gic *gic, unsigned cpu, uint32_t offset,
		       uint64_t val, bool enabled)
{
	bool enable = bits_get(val, GICR_CTLR_ENABLE_LPIS);

	if (enable && !enabled) {
		enable_lpis(gic, cpu);
	} else if (!enable && enabled) {
		if (gic->cfg.ces)
			disable_lpis(gic, cpu);
		else
			rdist_trace(
				gic, GICITS_TRACE_REG, cpu, 0, offset, val,
				"GICR_CTLR.CES",
				"EnableLPIs is RES1 once set (CES == 0); write ignored");
	}
}

/* GICR_PROPBASER/PENDBASER write while EnableLPIs == 0, RD lock held. */
static void write_baser(struct cpu_state *c, uint32_t base, uint32_t offset,
			unsigned size, uint64_t val)
{
	if (base == GICITS_GICR_PROPBASER) {
		atomic_store_explicit(
			&c->propbaser,
			reg64_merge(atomic_load_explicit(&c->propbaser,
							 memory_order_relaxed),
				    offset, size, val) &
				(bits_mask(GICR_PROPBASER_OUTER_CACHE) |
				 bits_mask(GICR_PROPBASER_PA) |
				 bits_mask(GICR_PROPBASER_SHAREABILITY) |
				 bits_mask(GICR_PROPBASER_INNER_CACHE) |
				 bits_mask(GICR_PROPBASER_IDBITS)),
			memory_order_relaxed);
	} else {
		uint64_t v = reg64_merge(c->pendbaser, offset, size, val);

		if (size == 8 || (offset & 4))
			c->ptz = bits_get(v, GICR_PENDBASER_PTZ);
		c->pendbaser = v & (bits_mask(GICR_PENDBASER_PTZ) |
				    bits_mask(GICR_PENDBASER_OUTER_CACHE) |
				    bits_mask(GICR_PENDBASER_PA) |
				    bits_mask(GICR_PENDBASER_SHAREABILITY) |
				    bits_mask(GICR_PENDBASER_INNER_CACHE));
	}
}

/* Merge a 32-bit write into a 64-bit register. */
int gicits_rdist_write(struct gicits_gic *gic, unsigned cpu, uint32_t offset,
		       unsigned size, uint64_t val)
{
	uint32_t base;
	struct cpu_state *c;
	bool enabled;
	int err;

	err = reg_decode(gic, cpu, offset, size, &base);
	if (err)
		return err;
	if (size == 4)
		val &= 0xffffffffu;
	if (base >= GICITS_GICR_VLPI_BASE)
		return vlpi_reg_write(gic, cpu, base, offset, size, val);
	/* GICv4.1: V = 1 names a vPE (spec/gicv41.md §5.4); 64-bit writes
	 * only carry it (a 32-bit write zero-extends: V = 0) */
	if (gic_is_v41(gic) && size == 8 &&
	    (base == GICITS_GICR_INVLPIR || base == GICITS_GICR_INVALLR) &&
	    bits_get(val, GICR_INVLPIR_V)) {
		v41_inv(gic, cpu, (uint32_t)bits_get(val, GICR_INVLPIR_VPEID),
			(uint32_t)bits_get(val, GICR_INVLPIR_INTID),
			base == GICITS_GICR_INVALLR);
		return GICITS_OK;
	}
	c = &gic->cpus[cpu];
	mtx_lock(&c->lock);
	enabled = atomic_load_explicit(&c->enable_lpis, memory_order_relaxed);
	switch (base) {
	case GICITS_GICR_CTLR:
		write_ctlr(gic, cpu, offset, val, enabled);
		break;
	case GICITS_GICR_STATUSR:
		c->statusr &= ~(uint32_t)val; /* W1C */
		break;
	case GICITS_GICR_WAKER: {
		/* ProcessorSleep [1]; ChildrenAsleep [2] follows it.  While
		 * asleep nothing is signalled (cpuif.c); waking up may make
		 * a pending LPI the HPPI again, so the embedder is told. */
		uint32_t old = c->waker;

		c->waker = (uint32_t)bits_set(
			bits_set(0, GICR_WAKER_PROCESSOR_SLEEP,
				 bits_get(val, GICR_WAKER_PROCESSOR_SLEEP)),
			GICR_WAKER_CHILDREN_ASLEEP,
			bits_get(val, GICR_WAKER_PROCESSOR_SLEEP));
		if (c->waker != old)
			rdist_notify(gic, cpu);
		break;
	}
	case GICITS_GICR_PROPBASER:
	case GICITS_GICR_PENDBASER:
		if (enabled) {
			/* IHI 0069 GICR_PROPBASER/PENDBASER: writing while
			 * EnableLPIs == 1 is UNPREDICTABLE; gicits ignores it. */
			rdist_trace(gic, GICITS_TRACE_REG, cpu, 0, offset, val,
				    "GICR_PENDBASER.UNPREDICTABLE",
				    "write while EnableLPIs == 1 ignored");
			break;
		}
		write_baser(c, base, offset, size, val);
		break;
	case GICITS_GICR_SETLPIR:
		if (!(offset & 4))
			(void)gic_lpi_set(
				gic, cpu,
				(uint32_t)bits_get(val, GICR_SETLPIR_PINTID));
		break;
	case GICITS_GICR_CLRLPIR:
		if (!(offset & 4) && enabled)
			lpi_clear_locked(
				gic, cpu,
				(uint32_t)bits_get(val, GICR_CLRLPIR_PINTID));
		break;
	case GICITS_GICR_INVLPIR:
		/* Physical only (V = 0): reload the configuration of that
		 * INTID only (IHI 0069H.b 12.11.13).  A 32-bit write of the
		 * upper half holds V in its bit 31 (and no INTID). */
		if (!(offset & 4) && !bits_get(val, GICR_INVLPIR_V))
			prio_inv_one(
				gic, cpu,
				(uint32_t)bits_get(val, GICR_INVLPIR_INTID));
		break;
	case GICITS_GICR_INVALLR:
		/* Physical only (V = 0); reload this RD's cache. */
		if (!(offset & 4) || !bits_get(val << 32, GICR_INVLPIR_V))
			prio_rescan(gic, cpu);
		break;
	case GICITS_GICR_IIDR:
	case GICITS_GICR_TYPER:
	case GICITS_GICR_SYNCR:
	case GICITS_GICR_PIDR2:
		statusr_set(c, GICR_STATUSR_WROD);
		rdist_trace(
			gic, GICITS_TRACE_REG, cpu, 0, offset, val,
			"GICR_STATUSR.WROD",
			"write to a read-only redistributor register ignored");
		break;
	default:
		statusr_set(c, GICR_STATUSR_WRD);
		rdist_trace(gic, GICITS_TRACE_REG, cpu, 0, offset, val,
			    "GICR_STATUSR.WRD",
			    "write to a reserved redistributor offset ignored");
		break;
	}
	mtx_unlock(&c->lock);
	return GICITS_OK;
}
