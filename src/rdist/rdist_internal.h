/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The redistributor side that an ITS calls (the arrow ITS -> redistributor
 * of DESIGN.md).  Internal to the library.
 */
#ifndef GICITS_RDIST_INTERNAL_H
#define GICITS_RDIST_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "gicits/rdist.h"
#include "gicits/trace.h"

/*
 * Decode a command's RDbase field ([50:16] already shifted down) into a
 * redistributor index.  PTA = 0: a processor number; PTA = 1: RD_base
 * physical address >> 16.  Returns false if no such redistributor.
 */
bool gic_rdbase_to_cpu(const struct gicits_gic *gic, uint64_t rdbase, bool pta,
		       unsigned *cpu);

/* Make @intid pending on @cpu.  Returns GICITS_DROP_NONE when the LPI is (or
 * already was) pending, or why it was dropped (EnableLPIs == 0, INTID beyond
 * the redistributor's PROPBASER.IDbits). */
/* Prefetch hint for gicits_its_msi_burst(): the pending word of @intid on
 * @cpu and, where guest memory is direct, its configuration byte.  Reads
 * only; no effect on state. */
void gic_lpi_prefetch(const struct gicits_gic *gic, unsigned cpu,
		      uint32_t intid);
enum gicits_drop gic_lpi_set(struct gicits_gic *gic, unsigned cpu,
			     uint32_t intid);
/* Clear the pending state of @intid on @cpu (no effect if not pending). */
void gic_lpi_clear(struct gicits_gic *gic, unsigned cpu, uint32_t intid);
/* MOVI: move the pending state of @intid from @from to @to. */
void gic_lpi_move(struct gicits_gic *gic, unsigned from, unsigned to,
		  uint32_t intid);
/* INV of an LPI on @cpu: reload the configuration cache of @cpu. */
void gic_lpi_inv(struct gicits_gic *gic, unsigned cpu, uint32_t intid);
/* INVALL: reload the configuration cache of every redistributor. */
void gic_lpi_inv_all(struct gicits_gic *gic);
/* MOVALL: move every pending LPI of @from to @to. */
void gic_lpi_movall(struct gicits_gic *gic, unsigned from, unsigned to);

/* The configuration @gic was created with (read-only). */
const struct gicits_gic_config *gic_config(const struct gicits_gic *gic);

/* Save/restore (src/snapshot): the architectural state of one
 * redistributor and its CPU interface.  The HPPLPI cache is derived state:
 * gic_cpu_restore() rebuilds it with a rescan. */
struct gic_cpu_snap {
	bool enable_lpis;
	uint64_t propbaser;
	uint64_t pendbaser;
	uint32_t statusr;
	uint32_t waker;
	uint8_t pmr;
	uint32_t nactive;
	uint8_t active[256];
};

/* Fill @s with the state of @cpu (GICITS_ENOENT if no such CPU). */
int gic_cpu_save(struct gicits_gic *gic, unsigned cpu, struct gic_cpu_snap *s);
/* Replace the state of @cpu with @s and the pending INTIDs @pending[0..n).
 * GICITS_ENOENT, GICITS_EINVAL (nactive > 256, an INTID outside the
 * configured range) or GICITS_ENOMEM (then the CPU's pending set may be
 * partly restored: restore into a fresh gic and discard it on error). */
int gic_cpu_restore(struct gicits_gic *gic, unsigned cpu,
		    const struct gic_cpu_snap *s, const uint32_t *pending,
		    size_t n);

#endif
