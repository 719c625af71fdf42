/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * SMMUv3 register and in-memory structure fields, as "hi, lo" pairs for
 * bits_get()/bits_set() (common/bits.h).  Internal.
 * Sources: IHI 0070 G.b chapter 6 (registers), §5.2 (STE), §5.4 (CD),
 * §3.4.3 / Arm ARM D8 (translation table descriptors), chapter 4
 * (commands), chapter 7 (events); spec/iommu-mbigen.md §A.
 */
#ifndef GICITS_IOMMU_FIELDS_H
#define GICITS_IOMMU_FIELDS_H

/* SMMU_IDR0 (§6.3.1) */
#define IDR0_S2P 0, 0
#define IDR0_S1P 1, 1
#define IDR0_TTF 3, 2
#define IDR0_COHACC 4, 4
#define IDR0_BTM 5, 5
#define IDR0_HTTU 7, 6
#define IDR0_HYP 9, 9
#define IDR0_ATS 10, 10
#define IDR0_ASID16 12, 12
#define IDR0_MSI 13, 13
#define IDR0_SEV 14, 14
#define IDR0_PRI 16, 16
#define IDR0_VMID16 18, 18
#define IDR0_CD2L 19, 19
#define IDR0_TTENDIAN 22, 21
#define IDR0_STALL_MODEL 25, 24
#define IDR0_TERM_MODEL 26, 26
#define IDR0_ST_LEVEL 28, 27
/* SMMU_IDR1 (§6.3.2) */
#define IDR1_SIDSIZE 5, 0
#define IDR1_SSIDSIZE 10, 6
#define IDR1_PRIQS 15, 11
#define IDR1_EVENTQS 20, 16
#define IDR1_CMDQS 25, 21
/* SMMU_IDR5 (§6.3.6) */
#define IDR5_OAS 2, 0
#define IDR5_GRAN4K 4, 4
#define IDR5_GRAN16K 5, 5
#define IDR5_GRAN64K 6, 6

/* SMMU_CR0 / CR0ACK (§6.3.9) */
#define CR0_SMMUEN 0, 0
#define CR0_PRIQEN 1, 1
#define CR0_EVENTQEN 2, 2
#define CR0_CMDQEN 3, 3
#define CR0_ATSCHK 4, 4
#define CR0_VMW 8, 6
#define CR0_MASK 0x1DFu
/* SMMU_CR1 (§6.3.11): six 2-bit fields */
#define CR1_MASK 0xFFFu
/* SMMU_CR2 (§6.3.12) */
#define CR2_E2H 0, 0
#define CR2_RECINVSID 1, 1
#define CR2_PTM 2, 2
#define CR2_MASK 0x7u
/* SMMU_GBPA (§6.3.14) */
#define GBPA_ABORT 20, 20
#define GBPA_UPDATE 31, 31
#define GBPA_MASK 0x001F3F1Fu /* writable fields */
/* SMMU_IRQ_CTRL (§6.3.16) */
#define IRQ_CTRL_GERROR_IRQEN 0, 0
#define IRQ_CTRL_PRIQ_IRQEN 1, 1
#define IRQ_CTRL_EVENTQ_IRQEN 2, 2
/* SMMU_GERROR bits (§6.3.18) */
#define GERR_CMDQ_ERR 0
#define GERR_EVENTQ_ABT_ERR 2
#define GERR_PRIQ_ABT_ERR 3
#define GERR_MSI_CMDQ_ABT_ERR 4
#define GERR_MSI_EVENTQ_ABT_ERR 5
#define GERR_MSI_PRIQ_ABT_ERR 6
#define GERR_MSI_GERROR_ABT_ERR 7
#define GERR_SFM_ERR 8
#define GERROR_MASK 0x1FDu
/* *_IRQ_CFG0 (§6.3.19) */
#define IRQ_CFG0_ADDR_MASK 0x00FFFFFFFFFFFFFCull
#define IRQ_CFG2_MASK 0x3Fu
/* SMMU_STRTAB_BASE (§6.3.23) */
#define STRTAB_BASE_ADDR 55, 6
#define STRTAB_BASE_MASK 0x40FFFFFFFFFFFFC0ull
/* SMMU_STRTAB_BASE_CFG (§6.3.24) */
#define STRTAB_CFG_LOG2SIZE 5, 0
#define STRTAB_CFG_SPLIT 10, 6
#define STRTAB_CFG_FMT 17, 16
#define STRTAB_CFG_MASK 0x307FFu
/* SMMU_CMDQ_BASE / EVENTQ_BASE / PRIQ_BASE (§6.3.25, §6.3.28) */
#define Q_BASE_LOG2SIZE 4, 0
#define Q_BASE_ADDR 55, 5
#define Q_BASE_MASK 0x40FFFFFFFFFFFFFFull
/* queue PROD / CONS: index + wrap at [log2], ERR / OVFLG */
#define CMDQ_CONS_ERR 30, 24
#define Q_OVFLG 31, 31
#define CERROR_NONE 0
#define CERROR_ILL 1
#define CERROR_ABT 2
#define CERROR_ATC_INV_SYNC 3

/* Level-1 stream table descriptor (§5.1) */
#define L1STD_SPAN 4, 0
#define L1STD_L2PTR 55, 6

/* STE (§5.2), by 64-bit dword */
#define STE0_V 0, 0
#define STE0_CONFIG 3, 1
#define STE0_S1FMT 5, 4
#define STE0_S1CTXPTR 55, 6
#define STE0_S1CDMAX 63, 59
#define STE1_S1DSS 1, 0
#define STE1_S1STALLD 27, 27
#define STE1_EATS 29, 28
#define STE1_STRW 31, 30
#define STE1_PRIVCFG 49, 48
#define STE2_S2VMID 15, 0
#define STE2_S2T0SZ 37, 32
#define STE2_S2SL0 39, 38
#define STE2_S2TG 47, 46
#define STE2_S2PS 50, 48
#define STE2_S2AA64 51, 51
#define STE2_S2ENDI 52, 52
#define STE2_S2AFFD 53, 53
#define STE2_S2S 57, 57
#define STE2_S2R 58, 58
#define STE3_S2TTB 55, 4
#define STE_CFG_ABORT 0
#define STE_CFG_BYPASS 4
#define STE_CFG_S1 5
#define STE_CFG_S2 6
#define STE_CFG_NESTED 7
#define STRW_NSEL1 0
#define STRW_EL2 2

/* Level-1 CD descriptor (§5.3) */
#define L1CD_V 0, 0
#define L1CD_L2PTR 55, 12

/* CD (§5.4), by 64-bit dword */
#define CD0_T0SZ 5, 0
#define CD0_TG0 7, 6
#define CD0_EPD0 14, 14
#define CD0_ENDI 15, 15
#define CD0_T1SZ 21, 16
#define CD0_TG1 23, 22
#define CD0_EPD1 30, 30
#define CD0_V 31, 31
#define CD0_IPS 34, 32
#define CD0_AFFD 35, 35
#define CD0_TBI0 38, 38
#define CD0_TBI1 39, 39
#define CD0_AA64 41, 41
#define CD0_HD 42, 42
#define CD0_HA 43, 43
#define CD0_S 44, 44
#define CD0_R 45, 45
#define CD0_A 46, 46
#define CD0_ASID 63, 48
#define CD1_HAD0 1, 1
#define CD1_TTB0 55, 4
#define CD2_HAD1 1, 1
#define CD2_TTB1 55, 4

/* VMSAv8-64 descriptors (Arm ARM D8.3) */
#define DESC_VALID 0, 0
#define DESC_TABLE 1, 1
#define DESC_AP 7, 6 /* stage 1: AP[2:1]; stage 2: S2AP[1:0] */
#define DESC_AF 10, 10
#define DESC_APTABLE 62, 61
#define DESC_OA_MASK 0x0000FFFFFFFFF000ull /* [47:12] */

/* Commands (chapter 4): opcode dw0[7:0] */
#define CMD_OP 7, 0
#define CMD_SID 63, 32
#define CMD_SSID 31, 12
#define CMD_LEAF 0, 0 /* dw1 */
#define CMD_RANGE 4, 0 /* dw1 */
#define CMD_ASID 63, 48
#define CMD_VMID 47, 32
#define CMD_NUM 16, 12
#define CMD_SCALE 24, 20
#define CMD_ADDR_MASK 0xFFFFFFFFFFFFF000ull /* dw1[63:12] */
#define CMD_TG 11, 10 /* dw1 */
#define CMD_SYNC_CS 13, 12
#define CMD_SYNC_MSIDATA 63, 32
#define CMD_SYNC_MSIADDR 55, 2 /* dw1 */
#define CS_NONE 0
#define CS_SIG_IRQ 1
#define CS_SIG_SEV 2

#define OP_PREFETCH_CONFIG 0x01
#define OP_PREFETCH_ADDR 0x02
#define OP_CFGI_STE 0x03
#define OP_CFGI_STE_RANGE 0x04
#define OP_CFGI_CD 0x05
#define OP_CFGI_CD_ALL 0x06
#define OP_CFGI_VMS_PIDM 0x07
#define OP_TLBI_NH_ALL 0x10
#define OP_TLBI_NH_ASID 0x11
#define OP_TLBI_NH_VA 0x12
#define OP_TLBI_NH_VAA 0x13
#define OP_TLBI_EL3_ALL 0x18
#define OP_TLBI_EL3_VA 0x1A
#define OP_TLBI_EL2_ALL 0x20
#define OP_TLBI_EL2_ASID 0x21
#define OP_TLBI_EL2_VA 0x22
#define OP_TLBI_EL2_VAA 0x23
#define OP_TLBI_S12_VMALL 0x28
#define OP_TLBI_S2_IPA 0x2A
#define OP_TLBI_NSNH_ALL 0x30
#define OP_ATC_INV 0x40
#define OP_PRI_RESP 0x41
#define OP_RESUME 0x44
#define OP_STALL_TERM 0x45
#define OP_SYNC 0x46

/* Event records (§7.3) */
#define EVT_CLASS_CD 0
#define EVT_CLASS_TT 1
#define EVT_CLASS_IN 2

#endif
