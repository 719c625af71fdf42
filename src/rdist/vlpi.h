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

#endif
