/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Every field of the ITS's registers and packed words, once, as "hi, lo"
 * for bits_get(v, F) / bits_set(v, F, x) / bits_mask(F) (common/bits.h).
 * Command fields are public: GICITS_CMD_F_* in <gicits/cmd.h>.
 *
 * GITS_* register fields follow IHI 0069H.b 12.19 ("ITS register
 * descriptions"); the table entry layouts in guest memory are the KVM ITS
 * ABI revision 0 ones documented in <gicits/its.h>; the IDX_* words are the
 * translation index's own (index.c, index_read.h).
 */
#ifndef GICITS_ITS_FIELDS_H
#define GICITS_ITS_FIELDS_H

/* The largest value field F holds; CMD_FIELD_MAX for a GICITS_CMD_F_*
 * ("dw, hi, lo"). */
#define FIELD_MAX(f) FIELD_MAX_(f)
#define FIELD_MAX_(hi, lo) (bits_mask(hi, lo) >> (lo))
#define CMD_FIELD_MAX(f) CMD_FIELD_MAX_(f)
#define CMD_FIELD_MAX_(dw, hi, lo) (bits_mask(hi, lo) >> (lo))

/* ---- GITS_CTLR ---- */
#define GITS_CTLR_ENABLED 0, 0
#define GITS_CTLR_ITS_NUMBER 7, 4 /* GICv4.0 VMOVP ITSList bit (vmovp_list) */
#define GITS_CTLR_UMSIIRQ 8, 8
#define GITS_CTLR_QUIESCENT 31, 31

/* ---- GITS_TYPER ---- */
#define GITS_TYPER_PHYSICAL 0, 0
#define GITS_TYPER_VIRTUAL 1, 1 /* GICv4: vLPIs */
#define GITS_TYPER_ITT_ENTRY_SIZE 7, 4
#define GITS_TYPER_ID_BITS 12, 8
#define GITS_TYPER_DEVBITS 17, 13
#define GITS_TYPER_PTA 19, 19
#define GITS_TYPER_HCC 31, 24
#define GITS_TYPER_CIDBITS 35, 32
#define GITS_TYPER_CIL 36, 36
#define GITS_TYPER_VMOVP 37, 37 /* GICv4: VMOVP on one ITS suffices */
#define GITS_TYPER_VSGI 39, 39 /* GICv4.1: GITS_SGIR, the VSGI command */
#define GITS_TYPER_VMAPP 40, 40 /* GICv4.1 VMAPP layout */
#define GITS_TYPER_SVPET 42, 41 /* GICv4.1: vPE table shared with RDs */
#define GITS_TYPER_NID 43, 43 /* GICv4.1: no individual doorbells */
#define GITS_TYPER_UMSI 44, 44

/* ---- GITS_STATUSR (RRD, WRD, RWOD, WROD are the GICv3.x error bits) ---- */
#define GITS_STATUSR_RRD 0, 0
#define GITS_STATUSR_WRD 1, 1
#define GITS_STATUSR_RWOD 2, 2
#define GITS_STATUSR_WROD 3, 3
#define GITS_STATUSR_UMSI 4, 4
#define GITS_STATUSR_OVERFLOW 5, 5
#define GITS_STATUSR_SYNDROME 9, 6
/* the W1C bits: RRD .. Overflow */
#define GITS_STATUSR_W1C 5, 0

/* ---- GITS_UMSIR ---- */
#define GITS_UMSIR_EVENTID 31, 0
#define GITS_UMSIR_DEVICEID 63, 32

/* ---- GITS_CBASER ---- */
#define GITS_CBASER_SIZE 7, 0 /* 4 KB pages - 1 */
#define GITS_CBASER_SHAREABILITY 11, 10
#define GITS_CBASER_PA 51, 12
#define GITS_CBASER_OUTER_CACHE 55, 53
#define GITS_CBASER_INNER_CACHE 61, 59
#define GITS_CBASER_VALID 63, 63

/* ---- GITS_CWRITER / GITS_CREADR ---- */
#define GITS_CWRITER_RETRY 0, 0
#define GITS_CWRITER_OFFSET 19, 5
#define GITS_CREADR_STALLED 0, 0
#define GITS_CREADR_OFFSET 19, 5

/* ---- GITS_BASER<n> ---- */
#define GITS_BASER_SIZE 7, 0 /* pages - 1 */
#define GITS_BASER_PAGE_SIZE 9, 8
#define GITS_BASER_SHAREABILITY 11, 10
#define GITS_BASER_PA 47, 12 /* 4 KB and 16 KB pages */
#define GITS_BASER_PA_64K 47, 16 /* 64 KB pages: PA[47:16] ... */
#define GITS_BASER_PA_64K_HI 15, 12 /* ... and PA[51:48] here */
#define GITS_BASER_ENTRY_SIZE 52, 48 /* bytes - 1 */
#define GITS_BASER_OUTER_CACHE 55, 53
#define GITS_BASER_TYPE 58, 56
#define GITS_BASER_INNER_CACHE 61, 59
#define GITS_BASER_INDIRECT 62, 62
#define GITS_BASER_VALID 63, 63
/* the physical address bits [51:48] that GITS_BASER_PA_64K_HI holds */
#define PA_HI_64K 51, 48

/* ---- tables in guest memory (<gicits/its.h>, KVM ABI rev 0) ---- */
/* Level-1 descriptor of a two-level table */
#define L1_DESC_PA 51, 12
#define L1_DESC_VALID 63, 63
/* DTE */
#define DTE_SIZE 4, 0 /* EventID bits - 1 */
#define DTE_ITT_ADDR 48, 5 /* ITT_addr[51:8] */
#define DTE_NEXT 62, 49 /* KVM: DeviceID offset to the next valid DTE */
#define DTE_VALID 63, 63
/* CTE */
#define CTE_ICID 15, 0
#define CTE_RDBASE 51, 16
#define CTE_RES0 62, 52 /* KVM import refuses these set */
#define CTE_VALID 63, 63
/* ITE, bytes 0..7 */
#define ITE_ICID 15, 0
#define ITE_PINTID 47, 16 /* 0 = invalid */
#define ITE_NEXT 63, 48 /* KVM: EventID offset to the next valid ITE */
#define ITE_VPEID 15, 0 /* virtual ITE: the vPEID where ICID is */
/* ITE, the 32-bit word at byte 8 (ite_size 12 or 16; GICv4) */
#define ITE_W2_VIRTUAL 31, 31
#define ITE_W2_DOORBELL 23, 0 /* doorbell pINTID, 1023: none */
/* vPE table entry (GITS_BASER2, GICv4.0; <gicits/its.h>) */
#define VPTE_VALID 63, 63
#define VPTE_VPT_SIZE 62, 58 /* vINTID bits - 1 */
#define VPTE_VPT_ADDR 51, 16 /* VPT_addr[51:16] */
#define VPTE_CPU 15, 0 /* processor number of the target RD */
/* GICv4.1: the entry's second doubleword (rdist_fields.h V41_VPTE1_*, the
 * redistributors read the same table, spec/gicv41.md §6) */
#define VPTE41_VCONF 35, 0 /* VCONF_addr[51:16] */
#define VPTE41_DB 59, 36 /* default doorbell pINTID (1023: none) */

/* ---- the translation index (index.c, index_read.h) ---- */
/* Device slot DTE word: [63] known, [62] valid, [60:56] Size, ITT >> 8 */
#define IDX_DTE_KNOWN 63, 63
#define IDX_DTE_VALID 62, 62
#define IDX_DTE_SIZE 60, 56
#define IDX_DTE_ITT 43, 0 /* ITT_addr[51:8] */
/* ITE word: state (IDX_ITE_UNKNOWN/VALID/INVALID), ICID, pINTID */
#define IDX_ITE_STATE 63, 62
#define IDX_ITE_ICID 47, 32
#define IDX_ITE_INTID 31, 0
/* Virtual ITE word (state IDX_ITE_VIRT, GICv4): doorbell pINTID (1023:
 * none), vPEID, vINTID.  A vINTID of 2^22 or more is left unknown. */
#define IDX_VITE_DB 61, 38
#define IDX_VITE_VPEID 37, 22
#define IDX_VITE_VINTID 21, 0
/* vPE word (GICv4, what VMAPP/VMOVP wrote to the vPE table): VPT_size + 1
 * (the vINTIDs the VPT holds are those below 2^SIZE1), known, valid,
 * VPT_addr[51:16] and the target redistributor's CPU.  Laid out for the
 * MSI hot path (msi.c msi_vlpi_hot()): SIZE1 on top is one shift, and
 * VPT_addr and CPU sit where the vPE table entry has them (VPTE_VPT_ADDR,
 * VPTE_CPU), so the residency key (VPT address | 1, R12) is one AND and
 * one OR and the CPU one zero-extension. */
#define IDX_VPE_SIZE1 63, 58
#define IDX_VPE_KNOWN 57, 57
#define IDX_VPE_VALID 56, 56
#define IDX_VPE_VPT 51, 16
#define IDX_VPE_CPU 15, 0
/* Collection word: known, valid, the RDbase names a redistributor, its
 * CPU number (resolved at MAPC), RDbase (36 bits wide) */
#define IDX_CTE_KNOWN 63, 63
#define IDX_CTE_VALID 62, 62
#define IDX_CTE_CPU_OK 61, 61
#define IDX_CTE_CPU 59, 44
#define IDX_CTE_RDBASE 43, 0
/* HCC collection register word (struct gicits_its.hcc) */
#define HCC_VALID 63, 63
#define HCC_RDBASE 62, 0

#endif
