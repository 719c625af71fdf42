/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What an ITS asks of a redistributor: make an LPI pending, clear it, move
 * one or all, reload the configuration cache (INV, INVALL).  Implemented by
 * lpi.c.  An ITS created on a gic calls these directly (src/its/its_sink.h
 * chooses); the public form of the same interface, which an embedder's
 * redistributors implement, is struct gicits_lpi_sink_ops (<gicits/sink.h>),
 * and lpi.c implements that too (gicits_gic_lpi_sink_ops()).  Internal.
 */
#ifndef GICITS_RDIST_LPI_SINK_H
#define GICITS_RDIST_LPI_SINK_H

#include <stdatomic.h>
#include <stdint.h>

#include "gicits/trace.h"

struct gicits_gic;

/* Make @intid pending on @cpu.  Returns GICITS_DROP_NONE when the LPI is (or
 * already was) pending, or why it was dropped (EnableLPIs == 0, INTID beyond
 * the redistributor's PROPBASER.IDbits). */
enum gicits_drop gic_lpi_set(struct gicits_gic *gic, unsigned cpu,
			     uint32_t intid);

/*
 * gicits_its_msi_burst()'s two halves of gic_lpi_set_hot(), so that the
 * second runs on lines the first prefetched.  gic_lpi_prepare() (read only,
 * lock-free) returns the pending word of @intid on @cpu and prefetches it
 * (in the HPP model also the configuration byte, where guest memory is
 * direct), or NULL when the LPI is out of range or its pending block does
 * not exist yet.  gic_lpi_set_at() then makes the LPI pending exactly as
 * gic_lpi_set() would; @w (NULL, or what gic_lpi_prepare() returned for the
 * same @cpu and @intid: blocks are never freed while the gic lives) only
 * saves the lookups.
 */
_Atomic uint64_t *gic_lpi_prepare(const struct gicits_gic *gic, unsigned cpu,
				  uint32_t intid);
enum gicits_drop gic_lpi_set_at(struct gicits_gic *gic, unsigned cpu,
				uint32_t intid, _Atomic uint64_t *w);
/* Clear the pending state of @intid on @cpu (no effect if not pending). */
void gic_lpi_clear(struct gicits_gic *gic, unsigned cpu, uint32_t intid);
/* MOVI: move the pending state of @intid from @from to @to. */
void gic_lpi_move(struct gicits_gic *gic, unsigned from, unsigned to,
		  uint32_t intid);
/* INV of an LPI on @cpu: reload the cached configuration of @intid
 * (docs/performance.md, "Cost of guest-triggered operations"). */
void gic_lpi_inv(struct gicits_gic *gic, unsigned cpu, uint32_t intid);
/* INVALL of a collection mapped to @cpu (-1: the command had an error):
 * reload @cpu's configuration cache. */
void gic_lpi_inv_all(struct gicits_gic *gic, int cpu);
/* MOVALL: move every pending LPI of @from to @to. */
void gic_lpi_movall(struct gicits_gic *gic, unsigned from, unsigned to);

#endif
