/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * vlpi.c's register half, for regs.c: the VLPI_base frame of a GICv4.0
 * redistributor.  @base is the register's offset from RD_base
 * (GICITS_GICR_VPROPBASER, GICITS_GICR_VPENDBASER, or another offset of the
 * frame: reserved), @offset and @size the access as regs.c checked it.
 * Internal to src/rdist.
 */
#ifndef GICITS_RDIST_VLPI_H
#define GICITS_RDIST_VLPI_H

#include <stdint.h>

struct gicits_gic;

int vlpi_reg_read(struct gicits_gic *gic, unsigned cpu, uint32_t base,
		  uint64_t *val);
int vlpi_reg_write(struct gicits_gic *gic, unsigned cpu, uint32_t base,
		   uint32_t offset, unsigned size, uint64_t val);

/* Residency on virtual side @idx (its lock held), both versions: make the
 * vPE whose VPT is at @vpt resident (@load: parse the VPT), or
 * non-resident, writing what is pending back to @vpt; returns whether an
 * enabled vLPI was pending (@rescan: re-read the configuration first). */
void vlpi_schedule(struct gicits_gic *gic, unsigned idx, uint64_t vpt,
		   bool load);
bool vlpi_deschedule(struct gicits_gic *gic, unsigned idx, uint64_t vpt,
		     bool rescan);

/* v41.c: the GICv4.1 VLPI_base frame (GICR_VPROPBASER, GICR_VPENDBASER,
 * GICR_VSGIR, GICR_VSGIPENDR), as vlpi_reg_read()/write() */
int v41_reg_read(struct gicits_gic *gic, unsigned cpu, uint32_t base,
		 uint64_t *val);
int v41_reg_write(struct gicits_gic *gic, unsigned cpu, uint32_t base,
		  uint32_t offset, unsigned size, uint64_t val);
/* v41.c: GICR_INVLPIR (@all false) / GICR_INVALLR with V = 1 written to
 * redistributor @cpu; no lock held */
void v41_inv(struct gicits_gic *gic, unsigned cpu, uint32_t vpeid,
	     uint32_t vintid, bool all);
/* v41.c, for cpuif.c, virtual side @idx's lock held: the best vSGI the
 * vCPU interface may signal (Group 1, enabled, pending, VGrp1En; lowest
 * priority then lowest number): true and *@prio, *@sgi; and acknowledging
 * one (its pending bit cleared: vSGIs have no active state, §4) */
bool v41_best_vsgi(struct gicits_gic *gic, unsigned idx, uint8_t *prio,
		   unsigned *sgi);
void v41_ack_vsgi(struct gicits_gic *gic, unsigned idx, unsigned sgi);
/* gic.c: allocate / free the per-vPE pages array */
int v41_init(struct gicits_gic *gic);
void v41_fini(struct gicits_gic *gic);

#endif
