/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Small helpers shared by the files of src/rdist (nowhere else).
 */
#ifndef GICITS_RDIST_PRIV_H
#define GICITS_RDIST_PRIV_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <threads.h>

#include "common/bits.h"
#include "gicits/mem.h"
#include "rdist/rdist_fields.h"
#include "rdist/rdist_internal.h"

/* A trace record from the redistributors (gic.c); nothing without a trace
 * callback. */
void rdist_trace(struct gicits_gic *gic, enum gicits_trace_kind kind,
		 unsigned cpu, uint32_t intid, uint64_t offset, uint64_t value,
		 const char *rule, const char *msg);

/* lpi.c: clear the pending state of @intid on @cpu, RD lock held. */
void lpi_clear_locked(struct gicits_gic *gic, unsigned cpu, uint32_t intid);

/* Tell the embedder that @cpu's HPPLPI may have changed (the contract:
 * docs/concurrency.md R6). */
static inline void rdist_notify(struct gicits_gic *gic, unsigned cpu)
{
	/* GICv4.0: a virtual side (vcpu_of()) tells vhppi_changed, with the
	 * physical CPU number */
	if (cpu >= gic->cfg.num_cpus) {
		if (gic->cfg.vhppi_changed)
			gic->cfg.vhppi_changed(gic->cfg.vhppi_opaque,
					       cpu - gic->cfg.num_cpus);
	} else if (gic->cfg.hppi_changed) {
		gic->cfg.hppi_changed(gic->cfg.hppi_opaque, cpu);
	}
}

/* ptable.c, RD lock of @idx held: load the pending table at @pa (bits of
 * INTIDs GICITS_LPI_BASE .. 2^@bits - 1) into @idx's pending set, writing
 * each byte loaded back as zero (the table is the redistributor's while it
 * holds the state).  @lock: taken around each 4 KB piece (a VPT, which
 * ITSes write under it), or NULL.  @what names the register for traces. */
void ptable_load(struct gicits_gic *gic, unsigned idx, uint64_t pa,
		 unsigned bits, mtx_t *lock, const char *what);
/* ptable.c, RD lock of @idx held: write @idx's pending set back to the
 * table at @pa, each byte holding a pending LPI: overwritten (@lock NULL,
 * the LPI pending table, whose other bytes are zero) or ORed in under
 * @lock (a VPT). */
void ptable_writeback(struct gicits_gic *gic, unsigned idx, uint64_t pa,
		      mtx_t *lock, const char *what);

/* Number of LPI INTID bits this redistributor accepts (0 = none). */
static inline unsigned rd_id_bits(const struct gicits_gic *gic,
				  struct cpu_state *c)
{
	unsigned idbits = (unsigned)bits_get(
		atomic_load_explicit(&c->propbaser, memory_order_relaxed),
		GICR_PROPBASER_IDBITS);

	/* GICR_PROPBASER.IDbits < 13 (0b1101): all LPIs out of range. */
	if (idbits < 13)
		return 0;
	idbits += 1;
	return idbits < gic->cfg.intid_bits ? idbits : gic->cfg.intid_bits;
}

static inline bool lpi_in_range(const struct gicits_gic *gic,
				struct cpu_state *c, uint32_t intid)
{
	unsigned b = rd_id_bits(gic, c);

	return b && intid >= GICITS_LPI_BASE && (uint64_t)intid < (1ULL << b);
}

/* Guest physical address of the LPI configuration table. */
static inline uint64_t prop_pa(struct cpu_state *c)
{
	return atomic_load_explicit(&c->propbaser, memory_order_relaxed) &
	       bits_mask(GICR_PROPBASER_PA);
}

/* Read the configuration byte of @intid; a fault reads as disabled. */
static inline uint8_t lpi_config(struct gicits_gic *gic, unsigned cpu,
				 uint32_t intid)
{
	uint64_t pa = prop_pa(&gic->cpus[cpu]);
	uint8_t b;

	if (gicits_mem_read(gic->mem, pa + (intid - GICITS_LPI_BASE), &b, 1)) {
		rdist_trace(
			gic, GICITS_TRACE_FINDING, cpu, intid, 0, pa,
			"GICR_PROPBASER",
			"LPI configuration read faulted; LPI treated as disabled");
		return 0;
	}
	return b;
}

/* Whether a configuration byte enables its LPI, and its priority (the
 * byte's [7:2], [1:0] zero: how priorities are compared). */
static inline bool lpi_cfg_enabled(uint8_t cfgb)
{
	return bits_get(cfgb, LPI_CFG_ENABLE);
}

static inline uint8_t lpi_cfg_prio(uint8_t cfgb)
{
	return (uint8_t)(cfgb & bits_mask(LPI_CFG_PRIORITY));
}

#endif
