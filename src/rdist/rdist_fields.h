/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Register and packed-word fields of the redistributor, each once, as
 * "hi, lo" for bits_get()/bits_set()/bits_mask() (see common/bits.h).
 * Bit positions as IHI 0069 writes them.  Internal.
 */
#ifndef GICITS_RDIST_FIELDS_H
#define GICITS_RDIST_FIELDS_H

/* GICR_CTLR */
#define GICR_CTLR_ENABLE_LPIS 0, 0
#define GICR_CTLR_CES 1, 1
#define GICR_CTLR_IR 2, 2
#define GICR_CTLR_RWP 3, 3

/* GICR_IIDR */
#define GICR_IIDR_IMPLEMENTER 11, 0
#define GICR_IIDR_ARM 0x43b /* Arm's JEP106 code */

/* GICR_TYPER */
#define GICR_TYPER_PLPIS 0, 0
#define GICR_TYPER_VLPIS 1, 1
#define GICR_TYPER_DIRTY 2, 2
#define GICR_TYPER_DIRECT_LPI 3, 3
#define GICR_TYPER_LAST 4, 4
#define GICR_TYPER_PROCESSOR_NUMBER 23, 8
#define GICR_TYPER_COMMON_LPI_AFF 25, 24
#define GICR_TYPER_AFF0 39, 32
#define GICR_TYPER_AFF1 47, 40

/* GICR_STATUSR (W1C) */
#define GICR_STATUSR_RRD 0, 0
#define GICR_STATUSR_WRD 1, 1
#define GICR_STATUSR_RWOD 2, 2
#define GICR_STATUSR_WROD 3, 3

/* GICR_WAKER */
#define GICR_WAKER_PROCESSOR_SLEEP 1, 1
#define GICR_WAKER_CHILDREN_ASLEEP 2, 2

/* GICR_PROPBASER */
#define GICR_PROPBASER_IDBITS 4, 0
#define GICR_PROPBASER_INNER_CACHE 9, 7
#define GICR_PROPBASER_SHAREABILITY 11, 10
#define GICR_PROPBASER_PA 51, 12
#define GICR_PROPBASER_OUTER_CACHE 58, 56

/* GICR_PENDBASER */
#define GICR_PENDBASER_INNER_CACHE 9, 7
#define GICR_PENDBASER_SHAREABILITY 11, 10
#define GICR_PENDBASER_PA 51, 16
#define GICR_PENDBASER_OUTER_CACHE 58, 56
#define GICR_PENDBASER_PTZ 62, 62

/* GICR_VPENDBASER, GICv4.0 layout (GICR_VPROPBASER has PROPBASER's) */
#define GICR_VPENDBASER_INNER_CACHE 9, 7
#define GICR_VPENDBASER_SHAREABILITY 11, 10
#define GICR_VPENDBASER_PA 51, 16
#define GICR_VPENDBASER_OUTER_CACHE 58, 56
#define GICR_VPENDBASER_DIRTY 60, 60
#define GICR_VPENDBASER_PENDING_LAST 61, 61
#define GICR_VPENDBASER_IDAI 62, 62
#define GICR_VPENDBASER_VALID 63, 63

/* GICR_SETLPIR, GICR_CLRLPIR */
#define GICR_SETLPIR_PINTID 31, 0
#define GICR_CLRLPIR_PINTID 31, 0

/* GICR_INVLPIR (GICR_INVALLR has the same V) */
#define GICR_INVLPIR_INTID 31, 0
#define GICR_INVLPIR_V 63, 63

#define GICR_INVLPIR_VPEID 47, 32 /* GICv4.1, with V = 1 */

/* GICv4.1 (spec/gicv41.md §1, §5) */
#define GICR_TYPER_RVPEID 7, 7
#define GICR_TYPER_VSGI 26, 26
#define GICR_VPROPBASER41_SIZE 6, 0
#define GICR_VPROPBASER41_INNER_CACHE 9, 7
#define GICR_VPROPBASER41_SHAREABILITY 11, 10
#define GICR_VPROPBASER41_PA 51, 12
#define GICR_VPROPBASER41_Z 52, 52
#define GICR_VPROPBASER41_PAGE_SIZE 54, 53
#define GICR_VPROPBASER41_INDIRECT 55, 55
#define GICR_VPROPBASER41_OUTER_CACHE 58, 56
#define GICR_VPROPBASER41_ENTRY_SIZE 61, 59
#define GICR_VPROPBASER41_VALID 63, 63
#define GICR_VPENDBASER41_VPEID 15, 0
#define GICR_VPENDBASER41_VGRP1EN 58, 58
#define GICR_VPENDBASER41_VGRP0EN 59, 59
#define GICR_VPENDBASER41_DIRTY 60, 60
#define GICR_VPENDBASER41_PENDING_LAST 61, 61
#define GICR_VPENDBASER41_DOORBELL 62, 62
#define GICR_VPENDBASER41_VALID 63, 63
#define GICR_VSGIR_VPEID 15, 0
#define GICR_VSGIPENDR_BUSY 31, 31
/* The shared vPE table entry (<gicits/its.h>, GICv4.1: 16 bytes; the ITS
 * writes it with its_fields.h's VPTE_* / VPTE41_*, which must agree):
 * DW0 [63] Valid, [62:58] VPT_size, [51:16] VPT_addr, [15:0] RD;
 * DW1 [35:0] VCONF_addr[51:16], [59:36] default doorbell. */
#define V41_VPTE_BYTES 16
#define V41_VPTE_VALID 63, 63
#define V41_VPTE_VPT_SIZE 62, 58
#define V41_VPTE_VPT_ADDR 51, 16
#define V41_VPTE_CPU 15, 0
#define V41_VPTE1_VCONF 35, 0
#define V41_VPTE1_DB 59, 36

/* GICR_PIDR2 */
#define GICR_PIDR2_DES_1 2, 0
#define GICR_PIDR2_JEDEC 3, 3
#define GICR_PIDR2_ARCH_REV 7, 4

/* LPI configuration table byte (IHI 0069 "LPI Configuration tables") */
#define LPI_CFG_ENABLE 0, 0
#define LPI_CFG_PRIORITY 7, 2

/* The HPPLPI word of a redistributor (gicits-internal, one 64-bit atomic):
 * a generation (see docs/concurrency.md R7), the priority as the byte's
 * [7:2] with [1:0] zero, and the INTID (0: none). */
#define HPP_GEN 63, 40
#define HPP_PRIO 39, 32
#define HPP_INTID 31, 0

#endif
