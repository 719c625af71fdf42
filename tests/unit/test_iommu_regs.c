/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * SMMUv3 registers (IHI 0070 chapter 6): configuration checks, the ID
 * registers, CR0/CR0ACK, CR1/CR2, GBPA's Update handshake, the stream
 * table and queue base registers and when writes to them are ignored,
 * IRQ_CTRL/IRQ_CTRLACK and the *_IRQ_CFGn locks, GERRORN, sizes, halves,
 * reserved locations and the page-1 aliases.
 */
#include "iommu_fixture.h"

static uint64_t field(uint64_t v, unsigned hi, unsigned lo)
{
	return (v >> lo) & ((1ULL << (hi - lo + 1)) - 1);
}

static void create_rejects_bad_config(void **state)
{
	struct test_ram ram;
	struct gicits_iommu_config c;
	struct gicits_iommu *s = NULL;
	unsigned i;

	(void)state;
	test_ram_init(&ram, IFX_RAM_BASE, 0x1000);
	gicits_iommu_config_default(&c);
	assert_int_equal(gicits_iommu_create(NULL, &ram.mem, &s),
			 GICITS_EINVAL);
	assert_int_equal(gicits_iommu_create(&c, NULL, &s), GICITS_EINVAL);
	assert_int_equal(gicits_iommu_create(&c, &ram.mem, NULL),
			 GICITS_EINVAL);
	for (i = 0; i < 12; i++) {
		gicits_iommu_config_default(&c);
		switch (i) {
		case 0:
			c.size = 0;
			break;
		case 1:
			c.size = sizeof(c) + 4;
			break;
		case 2:
			c.oas_bits = 52;
			break;
		case 3:
			c.sidsize = 33;
			break;
		case 4:
			c.ssidsize = 21;
			break;
		case 5:
			c.cmdqs = 20;
			break;
		case 6:
			c.eventqs = 20;
			break;
		case 7:
			c.cache_entries = 0;
			break;
		case 8:
			c.cmdq_budget = 0;
			break;
		case 9:
			c.gran4k = c.gran16k = c.gran64k = false;
			break;
		case 10:
			c.st_2level = false; /* with 16 SID bits */
			break;
		case 11:
			c.cache = (enum gicits_iommu_cache)3;
			break;
		}
		assert_int_equal(gicits_iommu_create(&c, &ram.mem, &s),
				 GICITS_EINVAL);
	}
	gicits_iommu_config_default(&c);
	c.st_2level = false;
	c.sidsize = 6;
	assert_int_equal(gicits_iommu_create(&c, &ram.mem, &s), GICITS_OK);
	gicits_iommu_destroy(s);
	gicits_iommu_destroy(NULL);
	test_ram_fini(&ram);
}

static void id_registers(void **state)
{
	struct ifx *f = ifx_alloc_only();
	uint64_t v;

	(void)state;
	f->cfg.stage2 = false;
	f->cfg.sidsize = 20;
	f->cfg.ssidsize = 8;
	f->cfg.oas_bits = 44;
	f->cfg.gran16k = false;
	f->cfg.cmdqs = 10;
	f->cfg.eventqs = 9;
	ifx_create(f);
	v = ifx_rd(f, GICITS_SMMU_IDR0, 4);
	assert_int_equal(field(v, 0, 0), 0); /* S2P */
	assert_int_equal(field(v, 1, 1), 1); /* S1P */
	assert_int_equal(field(v, 3, 2), 2); /* TTF AArch64 */
	assert_int_equal(field(v, 13, 13), 1); /* MSI */
	assert_int_equal(field(v, 16, 16), 0); /* PRI */
	assert_int_equal(field(v, 19, 19), 1); /* CD2L */
	assert_int_equal(field(v, 25, 24), 1); /* STALL_MODEL: no stall */
	assert_int_equal(field(v, 28, 27), 1); /* ST_LEVEL 2-level */
	v = ifx_rd(f, GICITS_SMMU_IDR1, 4);
	assert_int_equal(field(v, 5, 0), 20);
	assert_int_equal(field(v, 10, 6), 8);
	assert_int_equal(field(v, 20, 16), 9);
	assert_int_equal(field(v, 25, 21), 10);
	v = ifx_rd(f, GICITS_SMMU_IDR5, 4);
	assert_int_equal(field(v, 2, 0), 4); /* 44 bits */
	assert_int_equal(field(v, 6, 4), 5); /* 4K + 64K */
	assert_int_equal(ifx_rd(f, GICITS_SMMU_IIDR, 4), 0x43B);
	assert_int_equal(ifx_rd(f, GICITS_SMMU_AIDR, 4), 2);
	/* read-only: writes ignored and traced */
	ifx_wr(f, GICITS_SMMU_IDR0, 4, 0);
	assert_int_equal(ifx_rd(f, GICITS_SMMU_IDR1, 4) & 0x3F, 20);
	assert_true(f->kinds[GICITS_TRACE_REG] >= 1);
	ifx_free(f);
}

static void cr0_ack_and_res0(void **state)
{
	struct ifx *f = ifx_new();

	(void)state;
	assert_int_equal(ifx_rd(f, GICITS_SMMU_CR0, 4), 0);
	ifx_wr(f, GICITS_SMMU_CR0, 4, 0xFFFFFFFF);
	/* SMMUEN, EVENTQEN, CMDQEN; PRIQEN/ATSCHK/VMW RES0 here */
	assert_int_equal(ifx_rd(f, GICITS_SMMU_CR0, 4), 0xD);
	assert_int_equal(ifx_rd(f, GICITS_SMMU_CR0ACK, 4), 0xD);
	ifx_wr(f, GICITS_SMMU_CR0, 4, 0);
	assert_int_equal(ifx_rd(f, GICITS_SMMU_CR0ACK, 4), 0);
	ifx_free(f);
}

static void cr1_cr2_only_while_disabled(void **state)
{
	struct ifx *f = ifx_new();

	(void)state;
	ifx_wr(f, GICITS_SMMU_CR1, 4, 0xFFFFFFFF);
	assert_int_equal(ifx_rd(f, GICITS_SMMU_CR1, 4), 0xFFF);
	ifx_wr(f, GICITS_SMMU_CR2, 4, 0xFFFFFFFF);
	assert_int_equal(ifx_rd(f, GICITS_SMMU_CR2, 4), 7);
	ifx_wr(f, GICITS_SMMU_CR0, 4, IFX_CR0_EVENTQEN);
	ifx_wr(f, GICITS_SMMU_CR1, 4, 0); /* a queue is enabled: ignored */
	assert_int_equal(ifx_rd(f, GICITS_SMMU_CR1, 4), 0xFFF);
	ifx_wr(f, GICITS_SMMU_CR2, 4, 0); /* SMMUEN = 0: allowed */
	assert_int_equal(ifx_rd(f, GICITS_SMMU_CR2, 4), 0);
	ifx_wr(f, GICITS_SMMU_CR0, 4, IFX_CR0_SMMUEN);
	ifx_wr(f, GICITS_SMMU_CR2, 4, 2);
	assert_int_equal(ifx_rd(f, GICITS_SMMU_CR2, 4), 0);
	ifx_free(f);
}

static void gbpa_update_handshake(void **state)
{
	struct ifx *f = ifx_new();
	struct gicits_iommu_result r;

	(void)state;
	assert_int_equal(ifx_rd(f, GICITS_SMMU_GBPA, 4), 0);
	/* without Update: ignored (SMMUv3.2) */
	ifx_wr(f, GICITS_SMMU_GBPA, 4, 1u << 20);
	assert_int_equal(ifx_rd(f, GICITS_SMMU_GBPA, 4), 0);
	r = ifx_write(f, 5, 0x1234);
	assert_int_equal(r.outcome, GICITS_IOMMU_BYPASS);
	/* with Update: takes effect, Update reads back 0 (completed) */
	ifx_wr(f, GICITS_SMMU_GBPA, 4, (1u << 31) | (1u << 20) | 0x1000);
	assert_int_equal(ifx_rd(f, GICITS_SMMU_GBPA, 4), (1u << 20) | 0x1000);
	r = ifx_write(f, 5, 0x1234);
	assert_int_equal(r.outcome, GICITS_IOMMU_ABORT);
	ifx_free(f);
}

static void gbpa_abort_reset_knob(void **state)
{
	struct ifx *f = ifx_alloc_only();

	(void)state;
	f->cfg.gbpa_abort_reset = true;
	ifx_create(f);
	assert_int_equal(ifx_rd(f, GICITS_SMMU_GBPA, 4), 1u << 20);
	assert_int_equal(ifx_write(f, 1, 0x1000).outcome, GICITS_IOMMU_ABORT);
	ifx_free(f);
}

static void strtab_regs_locked_by_smmuen(void **state)
{
	struct ifx *f = ifx_new();

	(void)state;
	ifx_wr(f, GICITS_SMMU_STRTAB_BASE, 8, 0xFFFFFFFFFFFFFFFFull);
	assert_int_equal(ifx_rd(f, GICITS_SMMU_STRTAB_BASE, 8),
			 0x40FFFFFFFFFFFFC0ull);
	ifx_wr(f, GICITS_SMMU_STRTAB_BASE_CFG, 4, 0xFFFFFFFF);
	assert_int_equal(ifx_rd(f, GICITS_SMMU_STRTAB_BASE_CFG, 4), 0x307FF);
	ifx_wr(f, GICITS_SMMU_STRTAB_BASE, 8, IFX_ST);
	ifx_wr(f, GICITS_SMMU_STRTAB_BASE_CFG, 4, 8);
	ifx_wr(f, GICITS_SMMU_CR0, 4, IFX_CR0_SMMUEN);
	ifx_wr(f, GICITS_SMMU_STRTAB_BASE, 8, 0);
	ifx_wr(f, GICITS_SMMU_STRTAB_BASE_CFG, 4, 0);
	assert_int_equal(ifx_rd(f, GICITS_SMMU_STRTAB_BASE, 8), IFX_ST);
	assert_int_equal(ifx_rd(f, GICITS_SMMU_STRTAB_BASE_CFG, 4), 8);
	assert_true(f->kinds[GICITS_TRACE_REG] >= 2);
	ifx_free(f);
}

static void queue_bases_locked_by_enable(void **state)
{
	struct ifx *f = ifx_new();

	(void)state;
	ifx_wr(f, GICITS_SMMU_CMDQ_BASE, 8, IFX_CMDQ | 8 | (1ull << 62));
	ifx_wr(f, GICITS_SMMU_EVENTQ_BASE, 8, IFX_EVTQ | 7);
	ifx_wr(f, GICITS_SMMU_CR0, 4, IFX_CR0_CMDQEN | IFX_CR0_EVENTQEN);
	ifx_wr(f, GICITS_SMMU_CMDQ_BASE, 8, 0);
	ifx_wr(f, GICITS_SMMU_EVENTQ_BASE, 8, 0);
	assert_int_equal(ifx_rd(f, GICITS_SMMU_CMDQ_BASE, 8),
			 IFX_CMDQ | 8 | (1ull << 62));
	assert_int_equal(ifx_rd(f, GICITS_SMMU_EVENTQ_BASE, 8), IFX_EVTQ | 7);
	/* CMDQ_CONS and EVENTQ_PROD are RO while their queue is enabled */
	ifx_wr(f, GICITS_SMMU_CMDQ_CONS, 4, 5);
	assert_int_equal(ifx_rd(f, GICITS_SMMU_CMDQ_CONS, 4), 0);
	ifx_wr(f, GICITS_SMMU_EVENTQ_PROD, 4, 5);
	assert_int_equal(ifx_rd(f, GICITS_SMMU_EVENTQ_PROD, 4), 0);
	ifx_wr(f, GICITS_SMMU_CR0, 4, 0);
	ifx_wr(f, GICITS_SMMU_CMDQ_BASE, 8, 0);
	assert_int_equal(ifx_rd(f, GICITS_SMMU_CMDQ_BASE, 8), 0);
	ifx_wr(f, GICITS_SMMU_CMDQ_CONS, 4, 5);
	assert_int_equal(ifx_rd(f, GICITS_SMMU_CMDQ_CONS, 4), 5);
	ifx_wr(f, GICITS_SMMU_EVENTQ_PROD, 4, 0x80000003);
	assert_int_equal(ifx_rd(f, GICITS_SMMU_EVENTQ_PROD, 4), 0x80000003);
	ifx_free(f);
}

static void irq_ctrl_ack_and_cfg_locks(void **state)
{
	struct ifx *f = ifx_new();

	(void)state;
	ifx_wr(f, GICITS_SMMU_IRQ_CTRL, 4, 7);
	/* PRIQ_IRQEN RES0 without PRI */
	assert_int_equal(ifx_rd(f, GICITS_SMMU_IRQ_CTRL, 4), 5);
	assert_int_equal(ifx_rd(f, GICITS_SMMU_IRQ_CTRLACK, 4), 5);
	/* IRQ_CFGn with their IRQEN = 1: ignored */
	ifx_wr(f, GICITS_SMMU_EVENTQ_IRQ_CFG0, 8, 0x1000);
	ifx_wr(f, GICITS_SMMU_EVENTQ_IRQ_CFG1, 4, 7);
	ifx_wr(f, GICITS_SMMU_GERROR_IRQ_CFG0, 8, 0x2000);
	ifx_wr(f, GICITS_SMMU_GERROR_IRQ_CFG2, 4, 1);
	assert_int_equal(ifx_rd(f, GICITS_SMMU_EVENTQ_IRQ_CFG0, 8), 0);
	assert_int_equal(ifx_rd(f, GICITS_SMMU_EVENTQ_IRQ_CFG1, 4), 0);
	assert_int_equal(ifx_rd(f, GICITS_SMMU_GERROR_IRQ_CFG0, 8), 0);
	assert_int_equal(ifx_rd(f, GICITS_SMMU_GERROR_IRQ_CFG2, 4), 0);
	ifx_wr(f, GICITS_SMMU_IRQ_CTRL, 4, 0);
	ifx_wr(f, GICITS_SMMU_EVENTQ_IRQ_CFG0, 8, 0xFFFFFFFFFFFFFFFFull);
	ifx_wr(f, GICITS_SMMU_EVENTQ_IRQ_CFG1, 4, 7);
	ifx_wr(f, GICITS_SMMU_EVENTQ_IRQ_CFG2, 4, 0xFF);
	ifx_wr(f, GICITS_SMMU_GERROR_IRQ_CFG1, 4, 9);
	assert_int_equal(ifx_rd(f, GICITS_SMMU_EVENTQ_IRQ_CFG0, 8),
			 0x00FFFFFFFFFFFFFCull);
	assert_int_equal(ifx_rd(f, GICITS_SMMU_EVENTQ_IRQ_CFG1, 4), 7);
	assert_int_equal(ifx_rd(f, GICITS_SMMU_EVENTQ_IRQ_CFG2, 4), 0x3F);
	assert_int_equal(ifx_rd(f, GICITS_SMMU_GERROR_IRQ_CFG1, 4), 9);
	ifx_free(f);
}

static void no_msi_cfg_raz_wi(void **state)
{
	struct ifx *f = ifx_alloc_only();

	(void)state;
	f->cfg.msi = false;
	ifx_create(f);
	assert_int_equal(field(ifx_rd(f, GICITS_SMMU_IDR0, 4), 13, 13), 0);
	ifx_wr(f, GICITS_SMMU_EVENTQ_IRQ_CFG0, 8, 0x1000);
	ifx_wr(f, GICITS_SMMU_GERROR_IRQ_CFG1, 4, 3);
	assert_int_equal(ifx_rd(f, GICITS_SMMU_EVENTQ_IRQ_CFG0, 8), 0);
	assert_int_equal(ifx_rd(f, GICITS_SMMU_GERROR_IRQ_CFG1, 4), 0);
	ifx_free(f);
}

static void halves_aliases_and_reserved(void **state)
{
	struct ifx *f = ifx_new();
	uint64_t v = 0;

	(void)state;
	ifx_wr(f, GICITS_SMMU_STRTAB_BASE, 4, 0x12345640);
	ifx_wr(f, GICITS_SMMU_STRTAB_BASE + 4, 4, 0x4000ABCD);
	assert_int_equal(ifx_rd(f, GICITS_SMMU_STRTAB_BASE, 8),
			 0x4000ABCD12345640ull);
	assert_int_equal(ifx_rd(f, GICITS_SMMU_STRTAB_BASE + 4, 4), 0x4000ABCD);
	/* page 0 copies of the page-1 queue pointers alias them */
	ifx_wr(f, GICITS_SMMU_EVENTQ_CONS, 4, 3);
	assert_int_equal(ifx_rd(f, 0xAC, 4), 3);
	/* reserved: RAZ/WI, traced */
	assert_int_equal(ifx_rd(f, 0x100, 4), 0);
	assert_int_equal(ifx_rd(f, 0x10000, 4), 0);
	ifx_wr(f, 0x10020, 4, 1);
	/* PRI queue absent: RAZ/WI */
	ifx_wr(f, GICITS_SMMU_PRIQ_BASE, 8, 0x1000);
	assert_int_equal(ifx_rd(f, GICITS_SMMU_PRIQ_BASE, 8), 0);
	assert_int_equal(ifx_rd(f, GICITS_SMMU_PRIQ_PROD, 4), 0);
	/* bad accesses */
	assert_int_equal(gicits_iommu_mmio_read(f->smmu, 0x20000, 4, &v),
			 GICITS_EINVAL);
	assert_int_equal(gicits_iommu_mmio_read(f->smmu, 2, 4, &v),
			 GICITS_EACCESS);
	assert_int_equal(gicits_iommu_mmio_read(f->smmu, 0, 2, &v),
			 GICITS_EACCESS);
	assert_int_equal(
		gicits_iommu_mmio_read(f->smmu, GICITS_SMMU_CR0, 8, &v),
		GICITS_EACCESS);
	assert_int_equal(
		gicits_iommu_mmio_write(f->smmu, GICITS_SMMU_CR0, 8, 0),
		GICITS_EACCESS);
	assert_int_equal(gicits_iommu_mmio_read(f->smmu, 0, 4, NULL),
			 GICITS_EINVAL);
	assert_int_equal(gicits_iommu_mmio_read(NULL, 0, 4, &v), GICITS_EINVAL);
	assert_int_equal(gicits_iommu_mmio_write(NULL, 0, 4, 0), GICITS_EINVAL);
	assert_int_equal(gicits_iommu_translate(f->smmu, NULL, NULL),
			 GICITS_EINVAL);
	assert_int_equal(gicits_iommu_status(f->smmu, NULL), GICITS_EINVAL);
	ifx_free(f);
}

static void gerrorn_acknowledges_only_active(void **state)
{
	struct ifx *f = ifx_new();

	(void)state;
	/* toggling an inactive error is ignored */
	ifx_wr(f, GICITS_SMMU_GERRORN, 4, 1);
	assert_int_equal(ifx_rd(f, GICITS_SMMU_GERRORN, 4), 0);
	ifx_linux(f, 0);
	ifx_cmd(f, 0xFF, 0); /* illegal: CMDQ_ERR */
	assert_int_equal(ifx_rd(f, GICITS_SMMU_GERROR, 4), 1);
	ifx_wr(f, GICITS_SMMU_GERRORN, 4, 1 | (1u << 7));
	assert_int_equal(ifx_rd(f, GICITS_SMMU_GERRORN, 4), 1);
	ifx_free(f);
}

/* Linux's probe and reset sequence (spec/iommu-mbigen.md §A.9, §A.10),
 * then a device attached as Linux does it, with MSI-polled CMD_SYNCs
 * (the SMMU writes 0 into the CMD_SYNC's own queue slot, §C 22). */
static void linux_reset_sequence(void **state)
{
	struct ifx *f = ifx_alloc_only();
	uint64_t cd, slot;
	struct gicits_iommu_result r;

	(void)state;
	f->cfg.msi_write = NULL; /* SYNC MSIs land in memory */
	ifx_create(f);
	ifx_wr(f, GICITS_SMMU_CR0, 4, 0);
	assert_int_equal(ifx_rd(f, GICITS_SMMU_CR0ACK, 4), 0);
	ifx_wr(f, GICITS_SMMU_CR1, 4, 0xD75);
	ifx_wr(f, GICITS_SMMU_CR2, 4, 6); /* PTM | RECINVSID */
	ifx_wr(f, GICITS_SMMU_STRTAB_BASE, 8, IFX_ST | (1ull << 62));
	ifx_wr(f, GICITS_SMMU_STRTAB_BASE_CFG, 4, 16);
	ifx_wr(f, GICITS_SMMU_CMDQ_BASE, 8, IFX_CMDQ | 8 | (1ull << 62));
	ifx_wr(f, GICITS_SMMU_CMDQ_PROD, 4, 0);
	ifx_wr(f, GICITS_SMMU_CMDQ_CONS, 4, 0);
	ifx_wr(f, GICITS_SMMU_CR0, 4, IFX_CR0_CMDQEN);
	assert_int_equal(ifx_rd(f, GICITS_SMMU_CR0ACK, 4), IFX_CR0_CMDQEN);
	ifx_cmd(f, 0x04, 31); /* CFGI_ALL */
	slot = IFX_CMDQ + 16ull * f->cmd_prod;
	ifx_cmd(f, 0x46 | (1ull << 12), slot); /* SYNC, MSI to itself */
	assert_int_equal(ifx_r64(f, slot) & 0xFFFFFFFF, 0);
	ifx_cmd(f, 0x20, 0); /* TLBI_EL2_ALL */
	ifx_cmd(f, 0x30, 0); /* TLBI_NSNH_ALL */
	slot = IFX_CMDQ + 16ull * f->cmd_prod;
	ifx_cmd(f, 0x46 | (1ull << 12), slot);
	assert_int_equal(ifx_r64(f, slot) & 0xFFFFFFFF, 0);
	assert_int_equal(ifx_rd(f, GICITS_SMMU_CMDQ_CONS, 4), 5);
	ifx_wr(f, GICITS_SMMU_EVENTQ_BASE, 8, IFX_EVTQ | 7);
	ifx_wr(f, GICITS_SMMU_EVENTQ_PROD, 4, 0);
	ifx_wr(f, GICITS_SMMU_EVENTQ_CONS, 4, 0);
	ifx_wr(f, GICITS_SMMU_CR0, 4, IFX_CR0_CMDQEN | IFX_CR0_EVENTQEN);
	ifx_wr(f, GICITS_SMMU_IRQ_CTRL, 4, 0);
	assert_int_equal(ifx_rd(f, GICITS_SMMU_IRQ_CTRLACK, 4), 0);
	ifx_wr(f, GICITS_SMMU_GERROR_IRQ_CFG0, 8, 0);
	ifx_wr(f, GICITS_SMMU_EVENTQ_IRQ_CFG0, 8, 0);
	ifx_wr(f, GICITS_SMMU_EVENTQ_IRQ_CFG0, 8, IFX_SYNCW + 0x100);
	ifx_wr(f, GICITS_SMMU_EVENTQ_IRQ_CFG1, 4, 0x5A);
	ifx_wr(f, GICITS_SMMU_EVENTQ_IRQ_CFG2, 4, 1);
	ifx_wr(f, GICITS_SMMU_IRQ_CTRL, 4, 5);
	assert_int_equal(ifx_rd(f, GICITS_SMMU_IRQ_CTRLACK, 4), 5);
	ifx_wr(f, GICITS_SMMU_CR0, 4,
	       IFX_CR0_CMDQEN | IFX_CR0_EVENTQEN | IFX_CR0_SMMUEN);
	assert_int_equal(ifx_rd(f, GICITS_SMMU_CR0ACK, 4), 0xD);
	/* attach: all dwords but dw0, sync, dw0, CFGI_STE + sync */
	ifx_s1_domain(f, &cd);
	ifx_w64(f, IFX_ST + 64ull * IFX_SID, 0);
	ifx_cfgi_ste(f, IFX_SID);
	r = ifx_write(f, IFX_SID, IFX_IOVA);
	assert_int_equal(r.event, GICITS_SMMU_EVT_C_BAD_STE);
	/* the event MSI went to memory (no callback) */
	assert_int_equal(ifx_r64(f, IFX_SYNCW + 0x100), 0x5A);
	ifx_w64(f, IFX_ST + 64ull * IFX_SID, ifx_ste_s1(cd, 0, 0));
	ifx_cfgi_ste(f, IFX_SID);
	r = ifx_write(f, IFX_SID, IFX_IOVA);
	assert_int_equal(r.pa, IFX_DOORBELL);
	assert_int_equal(ifx_status(f).msis, 3);
	ifx_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(create_rejects_bad_config),
		cmocka_unit_test(id_registers),
		cmocka_unit_test(cr0_ack_and_res0),
		cmocka_unit_test(cr1_cr2_only_while_disabled),
		cmocka_unit_test(gbpa_update_handshake),
		cmocka_unit_test(gbpa_abort_reset_knob),
		cmocka_unit_test(strtab_regs_locked_by_smmuen),
		cmocka_unit_test(queue_bases_locked_by_enable),
		cmocka_unit_test(irq_ctrl_ack_and_cfg_locks),
		cmocka_unit_test(no_msi_cfg_raz_wi),
		cmocka_unit_test(halves_aliases_and_reserved),
		cmocka_unit_test(gerrorn_acknowledges_only_active),
		cmocka_unit_test(linux_reset_sequence),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
