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
    uint32_t reserved[4];
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
