/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Binary scenario format shared by the host compiler (itsc.py) and the
 * bare-metal interpreter (main.c).  All fields little-endian.
 *
 *   header  (64 bytes)  struct scn_header
 *   ops     (nops * 48) struct scn_op
 *   devids  (ndevids * 4) u32, ascending: every DeviceID the scenario uses
 *           (only with SCN_FLAG_INDIRECT_DT; the program gives each of them
 *           a level-2 device-table page before enabling the ITS)
 *
 * The checksum is the sum of all 32-bit words after the header (ops and
 * devids).
 *
 * The blob is loaded by QEMU at SCN_LOAD_ADDR with
 *   -device loader,file=scenario.bin,addr=0x48000000
 */
#ifndef SCENARIO_H
#define SCENARIO_H

#include <stdint.h>

#define SCN_LOAD_ADDR   0x48000000UL
#define SCN_MAGIC       0x4F535449u   /* "ITSO" */
#define SCN_VERSION     2u
#define SCN_FLAG_ISSUE_EACH 1u   /* CONFIG batch=0: CWRITER after every command */
#define SCN_FLAG_INDIRECT_DT 2u  /* CONFIG indirect=1: two-level device table */

struct scn_header {
    uint32_t magic;
    uint32_t version;
    uint32_t nops;
    uint32_t cpus;        /* CONFIG cpus=      (1..4)            */
    uint32_t dt_pages;    /* CONFIG dt_pages=  (4 KiB pages, 1..256) */
    uint32_t ct_pages;    /* CONFIG ct_pages=  (4 KiB pages, 1..256) */
    uint32_t cq_pages;    /* CONFIG cq_pages=  (4 KiB pages, 1..256) */
    uint32_t checksum;    /* sum of all 32-bit words after the header */
    uint32_t flags;       /* SCN_FLAG_*                              */
    uint32_t gic;         /* CONFIG gic=       (3 or 4)              */
    uint32_t vt_pages;    /* CONFIG vt_pages=  (4 KiB pages, 1..128) */
    uint32_t ndevids;     /* length of the DeviceID list after the ops */
    uint32_t iommu;       /* CONFIG iommu=smmuv3: 1 (0 = no SMMU, no edu)  */
    uint32_t st_cfg;      /* [7:0] st_levels (1,2) [15:8] st_split [23:16] st_log2size */
    uint32_t evq_log2size;/* CONFIG evq_log2size= (1..10)            */
    uint32_t reserved;
};

struct scn_op {
    uint32_t op;          /* enum scn_opcode */
    uint32_t line;        /* source line number, for diagnostics */
    uint64_t a[5];
};

enum scn_opcode {
    OP_MAPD    = 1,   /* a0=dev a1=bits a2=valid a3=ittmode a4=ittaddr */
    OP_MAPC    = 2,   /* a0=icid a1=cpu(rdbase) a2=valid */
    OP_MAPTI   = 3,   /* a0=dev a1=event a2=intid a3=icid */
    OP_MAPI    = 4,   /* a0=dev a1=event a2=icid */
    OP_INT     = 5,   /* a0=dev a1=event */
    OP_CLEAR   = 6,
    OP_DISCARD = 7,
    OP_MOVI    = 8,   /* a0=dev a1=event a2=icid */
    OP_MOVALL  = 9,   /* a0=from a1=to */
    OP_INV     = 10,  /* a0=dev a1=event */
    OP_INVALL  = 11,  /* a0=icid */
    OP_SYNC    = 12,  /* a0=cpu(rdbase) */
    OP_RAWCMD  = 13,  /* a0..a3 = DW0..DW3 */
    OP_LPICFG  = 20,  /* a0=intid a1=prio a2=enable */
    OP_MSI     = 21,  /* a0=event */
    OP_DRAIN   = 22,
    OP_REG     = 23,  /* a0=register id (enum scn_reg) */
    OP_PENDING = 24,  /* dump every CPU's LPI pending table */
    /* GICv4.0 (gic=4 only) */
    OP_VMAPP    = 30, /* a0=vpe a1=cpu(rdbase) a2=valid a3=vpt_size */
    OP_VMAPTI   = 31, /* a0=dev a1=event a2=vpe a3=vintid a4=doorbell */
    OP_VMAPI    = 32, /* a0=dev a1=event a2=vpe a3=doorbell */
    OP_VMOVI    = 33, /* a0=dev a1=event a2=vpe a3=D a4=doorbell */
    OP_VMOVP    = 34, /* a0=vpe a1=cpu(rdbase) */
    OP_VSYNC    = 35, /* a0=vpe */
    OP_VINVALL  = 36, /* a0=vpe */
    OP_RESIDENT = 37, /* a0=cpu a1=vpe or VPE_NONE */
    OP_VLPICFG  = 38, /* a0=vintid a1=prio a2=enable */
    OP_VPENDING = 39, /* dump the virtual pending table of every known vPE */
    /* SMMUv3 + edu (iommu=smmuv3 only) */
    OP_SMMU     = 50, /* a0=enable a1=eventq a2=gbpa_abort a3=recinvsid (KEEP = unchanged) */
    OP_STE      = 51, /* a0=sid a1=valid a2=config a3=cd (KEEP = none, RAW_ADDR|addr = cdptr) a4=s1cdmax|s1dss<<8|s1stalld<<16|s2tt<<24 (s2tt 0xff = none) */
    OP_L1STD    = 52, /* a0=l1 index a1=span a2=raw L2Ptr (0 = the oracle's L2 array) */
    OP_CD       = 53, /* a0=cd a1=asid a2=tt (RAW_ADDR|addr = raw TTB0) a3=flags (CD_F_*) a4=t0sz|tg0<<8|ips<<16 */
    OP_MAP      = 54, /* a0=tt a1=iova a2=pa a3=ap|af<<8|attr<<16 a4=raw L3 descriptor (if a3 bit 31) */
    OP_UNMAP    = 55, /* a0=tt a1=iova */
    OP_SCMD     = 56, /* a0=DW0 a1=DW1 of one SMMU command (issued at once) */
    OP_EDU_MSI  = 57, /* a0=address a1=data */
    OP_EVENTS   = 58, /* print and consume the event queue */
    OP_SREG     = 59, /* a0=register id (enum scn_sreg) */
    OP_EDU_DMA  = 60, /* a0=dir (0 RAM->edu, 1 edu->RAM) a1=iova a2=count a3=edu buffer offset */
    OP_FILL     = 61, /* a0=DMA window offset a1=count a2=seed: byte i = (seed+i)&0xff */
    OP_DUMP     = 62, /* a0=DMA window offset a1=count: prints mem lines */
};

#define KEEP 0xFFFFFFFFFFFFFFFFull
#define RAW_ADDR (1ull << 62)   /* STE a3 / CD a2: raw address instead of an index */
#define MAP_RAW (1u << 31)
/* OP_CD flags */
#define CD_F_VALID (1u << 0)
#define CD_F_R     (1u << 1)
#define CD_F_A     (1u << 2)
#define CD_F_S     (1u << 3)
#define CD_F_AA64  (1u << 4)
#define CD_F_EPD0  (1u << 5)
#define CD_F_AFFD  (1u << 6)
#define CD_F_HA    (1u << 7)
#define CD_F_HD    (1u << 8)

enum scn_sreg {
    SREG_IDR0 = 0, SREG_IDR1, SREG_IDR5, SREG_CR0, SREG_CR0ACK, SREG_CR2,
    SREG_GBPA, SREG_IRQ_CTRL, SREG_GERROR, SREG_GERRORN, SREG_STRTAB_BASE_CFG,
    SREG_CMDQ_PROD, SREG_CMDQ_CONS, SREG_EVENTQ_PROD, SREG_EVENTQ_CONS,
    SREG_COUNT
};

#define VPE_NONE 0xFFFFFFFFu

enum scn_itt_mode {
    ITT_ALLOC    = 0, /* fresh zero-filled ITT from the oracle heap */
    ITT_EXPLICIT = 1, /* a4 = raw ITT address, memory not touched   */
    ITT_REUSE    = 2, /* last ITT allocated for this DeviceID, not zeroed */
};

enum scn_reg {
    REG_CTLR = 0, REG_IIDR = 1, REG_TYPER = 2, REG_CBASER = 3,
    REG_CWRITER = 4, REG_CREADR = 5,
    REG_BASER0 = 8 /* .. REG_BASER7 = 15 */,
};

#endif
