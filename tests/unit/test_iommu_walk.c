/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Translation (IHI 0070 §3.4, §5.5; Arm ARM D8): stage 1 with 4K, 16K and
 * 64K granules, pages and blocks, the faults of spec/iommu-mbigen.md §A.6
 * (translation, address size, access flag, permission, walk external
 * abort) and their records, CD.R/A, TBI, TTB1, stage 2 (start levels,
 * concatenated tables, S2R) and nested translation.  Names carry the
 * spec/iommu-mbigen.md §C scenario number they cover (cN).
 */
#include "iommu_fixture.h"

#define EVT_CLASS(c) ((uint64_t)(c) << 40)
#define EVT_S2 (1ull << 39)

static void c1_stage1_4k_doorbell(void **state)
{
	struct ifx *f = ifx_new();
	struct gicits_iommu_result r;

	(void)state;
	ifx_linux(f, 0);
	ifx_s1_domain(f, NULL);
	r = ifx_write(f, IFX_SID, IFX_IOVA);
	assert_int_equal(r.outcome, GICITS_IOMMU_TRANSLATED);
	assert_int_equal(r.pa, IFX_DOORBELL);
	assert_int_equal(r.event, 0);
	assert_int_equal(ifx_nevents(f), 0);
	assert_int_equal(f->nmsis, 0);
	assert_int_equal(ifx_status(f).translated, 1);
	ifx_free(f);
}

static void c2_physical_doorbell_f_translation(void **state)
{
	struct ifx *f = ifx_new();
	struct gicits_iommu_result r;
	uint64_t dw[4];

	(void)state;
	ifx_linux(f, 0);
	ifx_s1_domain(f, NULL);
	r = ifx_write(f, IFX_SID, IFX_DOORBELL);
	assert_int_equal(r.outcome, GICITS_IOMMU_ABORT);
	assert_int_equal(r.event, GICITS_SMMU_EVT_F_TRANSLATION);
	assert_true(r.recorded);
	ifx_event(f, 0, dw);
	assert_int_equal(dw[0], 0x0000010000000010ull);
	assert_int_equal(dw[1], EVT_CLASS(2)); /* RnW 0, S2 0, CLASS IN */
	assert_int_equal(dw[2], IFX_DOORBELL);
	assert_int_equal(dw[3], 0);
	assert_int_equal(f->nmsis, 1);
	assert_int_equal(f->msis[0].pa, IFX_DOORBELL);
	assert_int_equal(f->msis[0].data, 0);
	assert_int_equal(f->msis[0].devid, IFX_SMMU_DEVID);
	/* a privileged read sets PnU and RnW */
	r = ifx_txn(f, IFX_SID, false, 0, 0x10000040, false, true);
	ifx_event(f, 1, dw);
	assert_int_equal(dw[1], EVT_CLASS(2) | (1ull << 33) | (1ull << 35));
	ifx_free(f);
}

static void c10_read_only_doorbell_f_permission(void **state)
{
	struct ifx *f = ifx_new();
	struct gicits_iommu_result r;
	uint64_t leaf, dw[4];

	(void)state;
	ifx_linux(f, 0);
	leaf = ifx_s1_domain(f, NULL);
	ifx_w64(f, leaf, (ifx_r64(f, leaf) & ~(3ull << 6)) | IFX_AP_RO_ALL);
	r = ifx_write(f, IFX_SID, IFX_IOVA);
	assert_int_equal(r.event, GICITS_SMMU_EVT_F_PERMISSION);
	ifx_event(f, 0, dw);
	assert_int_equal(dw[1], EVT_CLASS(2));
	assert_int_equal(dw[2], IFX_IOVA);
	assert_int_equal(f->nmsis, 1);
	/* reads are allowed */
	r = ifx_txn(f, IFX_SID, false, 0, IFX_IOVA, false, false);
	assert_int_equal(r.outcome, GICITS_IOMMU_TRANSLATED);
	ifx_free(f);
}

static void c11_access_flag(void **state)
{
	struct ifx *f = ifx_new();
	struct gicits_iommu_result r;
	uint64_t leaf, cd;

	(void)state;
	ifx_linux(f, 0);
	leaf = ifx_s1_domain(f, &cd);
	ifx_w64(f, leaf, ifx_r64(f, leaf) & ~IFX_AF);
	r = ifx_write(f, IFX_SID, IFX_IOVA);
	assert_int_equal(r.event, GICITS_SMMU_EVT_F_ACCESS);
	assert_int_equal(f->nmsis, 1);
	/* AF beats permission: also read-only */
	ifx_w64(f, leaf, ifx_r64(f, leaf) | IFX_AP_RO_ALL);
	assert_int_equal(ifx_write(f, IFX_SID, IFX_IOVA).event,
			 GICITS_SMMU_EVT_F_ACCESS);
	ifx_w64(f, leaf, (ifx_r64(f, leaf) & ~(3ull << 6)) | IFX_AP_RW_ALL);
	/* AFFD = 1: no fault */
	ifx_w64(f, cd, ifx_r64(f, cd) | IFX_CD_AFFD);
	ifx_cmd(f, 0x05 | ((uint64_t)IFX_SID << 32), 1); /* CFGI_CD */
	ifx_sync(f);
	r = ifx_write(f, IFX_SID, IFX_IOVA);
	assert_int_equal(r.outcome, GICITS_IOMMU_TRANSLATED);
	assert_int_equal(r.pa, IFX_DOORBELL);
	ifx_free(f);
}

static void c12_record_and_abort_bits(void **state)
{
	struct ifx *f = ifx_new();
	struct gicits_iommu_result r;
	uint64_t cd;

	(void)state;
	ifx_linux(f, 0);
	ifx_s1_domain(f, &cd);
	/* R = 0: abort, no record, no MSI */
	ifx_w64(f, cd, ifx_r64(f, cd) & ~IFX_CD_R);
	r = ifx_write(f, IFX_SID, IFX_DOORBELL);
	assert_int_equal(r.outcome, GICITS_IOMMU_ABORT);
	assert_int_equal(r.event, GICITS_SMMU_EVT_F_TRANSLATION);
	assert_false(r.recorded);
	assert_int_equal(ifx_nevents(f), 0);
	assert_int_equal(f->nmsis, 0);
	/* A = 0 (TERM_MODEL 0): RAZ/WI, the write is lost silently */
	ifx_w64(f, cd, ifx_r64(f, cd) & ~IFX_CD_A);
	ifx_cmd(f, 0x06 | ((uint64_t)IFX_SID << 32), 0); /* CFGI_CD_ALL */
	ifx_sync(f);
	r = ifx_write(f, IFX_SID, IFX_DOORBELL);
	assert_int_equal(r.outcome, GICITS_IOMMU_RAZWI);
	assert_int_equal(ifx_nevents(f), 0);
	assert_int_equal(ifx_status(f).aborted, 2);
	ifx_free(f);
	/* TERM_MODEL 1: always abort */
	f = ifx_alloc_only();
	f->cfg.term_model = true;
	ifx_create(f);
	ifx_linux(f, 0);
	ifx_s1_domain(f, &cd);
	ifx_w64(f, cd, ifx_r64(f, cd) & ~IFX_CD_A);
	r = ifx_write(f, IFX_SID, IFX_DOORBELL);
	/* §5.4.2: A = 0 with TERM_MODEL 1 makes the CD ILLEGAL */
	assert_int_equal(r.outcome, GICITS_IOMMU_ABORT);
	assert_int_equal(r.event, GICITS_SMMU_EVT_C_BAD_CD);
	assert_true(r.recorded);
	ifx_free(f);
}

static void c13_walk_external_abort(void **state)
{
	struct ifx *f = ifx_new();
	struct gicits_iommu_result r;
	struct ifx_pt pt;
	uint64_t cd, dw[4];

	(void)state;
	ifx_linux(f, 0);
	pt = ifx_pt_s1(f, 12, 48);
	cd = ifx_alloc(f, 64, 64);
	ifx_cd(f, cd, 16, 0, 1, pt.root, 0);
	/* L0 entry 0 -> a table in unbacked memory */
	ifx_w64(f, pt.root, IFX_NOWHERE | 3);
	ifx_ste(f, IFX_SID, ifx_ste_s1(cd, 0, 0), 0, 0, 0);
	r = ifx_write(f, IFX_SID, IFX_IOVA);
	assert_int_equal(r.event, GICITS_SMMU_EVT_F_WALK_EABT);
	assert_true(r.recorded);
	ifx_event(f, 0, dw);
	assert_int_equal(dw[1], EVT_CLASS(1)); /* S2 0, CLASS TT */
	assert_int_equal(dw[2], IFX_IOVA);
	assert_int_equal(dw[3], IFX_NOWHERE + 8 * 3); /* L1 index 3 */
	assert_int_equal(f->nmsis, 1);
	/* recorded even with CD.R = 0 (not a translation-related fault) */
	ifx_w64(f, cd, ifx_r64(f, cd) & ~IFX_CD_R);
	ifx_cmd(f, 0x05 | ((uint64_t)IFX_SID << 32), 1);
	ifx_sync(f);
	assert_true(ifx_write(f, IFX_SID, IFX_IOVA).recorded);
	ifx_free(f);
}

/* Map and translate one page and one block with each granule. */
static void granules_pages_and_blocks(void **state)
{
	static const struct {
		unsigned gshift, tg0;
		int block_level;
		uint64_t block_va;
	} g[] = {
		{ 12, 0, 2, 0x40000000ull }, /* 4K: 2 MB block */
		{ 12, 0, 1, 0x80000000ull }, /* 4K: 1 GB block */
		{ 14, 2, 2, 0x40000000ull }, /* 16K: 32 MB block */
		{ 16, 1, 2, 0x40000000ull }, /* 64K: 512 MB block */
	};
	struct ifx *f = ifx_new();
	unsigned i;

	(void)state;
	ifx_linux(f, 0);
	for (i = 0; i < sizeof(g) / sizeof(g[0]); i++) {
		struct ifx_pt pt = ifx_pt_s1(f, g[i].gshift, 48);
		uint64_t cd = ifx_alloc(f, 64, 64);
		uint64_t gsz = 1ull << g[i].gshift;
		struct gicits_iommu_result r;
		uint32_t sid = 0x40 + i;
		uint64_t bsz;

		ifx_cd(f, cd, 16, g[i].tg0, (uint16_t)(20 + i), pt.root, 0);
		ifx_ste(f, sid, ifx_ste_s1(cd, 0, 0), 0, 0, 0);
		ifx_map(f, &pt, 0x7000000000ull, 0x123400000ull, 3,
			IFX_LINUX_MSI_ATTR);
		r = ifx_write(f, sid, 0x7000000000ull + gsz - 4);
		assert_int_equal(r.outcome, GICITS_IOMMU_TRANSLATED);
		assert_int_equal(r.pa, 0x123400000ull + gsz - 4);
		ifx_map(f, &pt, g[i].block_va, 0x200000000ull, g[i].block_level,
			IFX_LINUX_MSI_ATTR);
		bsz = 1ull << (g[i].gshift +
			       (g[i].gshift - 3) *
				       (unsigned)(3 - g[i].block_level));
		r = ifx_write(f, sid, g[i].block_va + bsz - 8);
		assert_int_equal(r.outcome, GICITS_IOMMU_TRANSLATED);
		assert_int_equal(r.pa, 0x200000000ull + bsz - 8);
		r = ifx_write(f, sid, g[i].block_va + bsz);
		assert_int_equal(r.event, GICITS_SMMU_EVT_F_TRANSLATION);
		/* the next page is unmapped */
		r = ifx_write(f, sid, 0x7000000000ull + gsz);
		assert_int_equal(r.event, GICITS_SMMU_EVT_F_TRANSLATION);
	}
	ifx_free(f);
}

static void start_levels_by_input_size(void **state)
{
	struct ifx *f = ifx_new();
	unsigned t0sz[] = { 25, 32, 39 };
	unsigned i;

	(void)state;
	ifx_linux(f, 0);
	for (i = 0; i < 3; i++) {
		struct ifx_pt pt = ifx_pt_s1(f, 12, 64 - t0sz[i]);
		uint64_t cd = ifx_alloc(f, 64, 64);

		ifx_cd(f, cd, t0sz[i], 0, (uint16_t)(30 + i), pt.root, 0);
		ifx_ste(f, 0x50 + i, ifx_ste_s1(cd, 0, 0), 0, 0, 0);
		ifx_map(f, &pt, 0x1000, 0x5000, 3, IFX_LINUX_MSI_ATTR);
		assert_int_equal(ifx_write(f, 0x50 + i, 0x1010).pa, 0x5010);
		/* just above the input range */
		assert_int_equal(
			ifx_write(f, 0x50 + i, 1ull << (64 - t0sz[i])).event,
			GICITS_SMMU_EVT_F_TRANSLATION);
	}
	ifx_free(f);
}

static void reserved_descriptors(void **state)
{
	struct ifx *f = ifx_new();
	struct ifx_pt pt;
	uint64_t cd, slot;

	(void)state;
	ifx_linux(f, 0);
	pt = ifx_pt_s1(f, 12, 48);
	cd = ifx_alloc(f, 64, 64);
	ifx_cd(f, cd, 16, 0, 1, pt.root, 0);
	ifx_ste(f, 1, ifx_ste_s1(cd, 0, 0), 0, 0, 0);
	/* 0b01 at level 3 is reserved */
	slot = ifx_map(f, &pt, 0x1000, 0x5000, 3, IFX_LINUX_MSI_ATTR);
	ifx_w64(f, slot, ifx_r64(f, slot) & ~2ull);
	assert_int_equal(ifx_write(f, 1, 0x1000).event,
			 GICITS_SMMU_EVT_F_TRANSLATION);
	/* a block at level 0 (4K) is reserved */
	ifx_w64(f, pt.root + 8, 0x8000000000ull | 1 | IFX_LINUX_MSI_ATTR);
	assert_int_equal(ifx_write(f, 1, 0x8000000000ull).event,
			 GICITS_SMMU_EVT_F_TRANSLATION);
	ifx_free(f);
}

static void address_size_faults(void **state)
{
	struct ifx *f = ifx_new();
	struct ifx_pt pt;
	uint64_t cd, slot;

	(void)state;
	ifx_linux(f, 0);
	pt = ifx_pt_s1(f, 12, 48);
	cd = ifx_alloc(f, 64, 64);
	/* IPS 0: 32-bit output */
	ifx_cd(f, cd, 16, 0, 1, pt.root, 5ull << 32);
	ifx_ste(f, 1, ifx_ste_s1(cd, 0, 0), 0, 0, 0);
	ifx_map(f, &pt, 0x1000, 0x100000000ull, 3, IFX_LINUX_MSI_ATTR);
	assert_int_equal(ifx_write(f, 1, 0x1000).event,
			 GICITS_SMMU_EVT_F_ADDR_SIZE);
	ifx_map(f, &pt, 0x2000, 0xFFFFF000ull, 3, IFX_LINUX_MSI_ATTR);
	assert_int_equal(ifx_write(f, 1, 0x2000).pa, 0xFFFFF000ull);
	/* IPS 48, descriptor output bits [51:48] set */
	ifx_cd(f, cd, 16, 0, 2, pt.root, 0);
	ifx_cmd(f, 0x05 | (1ull << 32), 1);
	ifx_sync(f);
	slot = ifx_map(f, &pt, 0x3000, 0x3000, 3, IFX_LINUX_MSI_ATTR);
	ifx_w64(f, slot, ifx_r64(f, slot) | (1ull << 48));
	assert_int_equal(ifx_write(f, 1, 0x3000).event,
			 GICITS_SMMU_EVT_F_ADDR_SIZE);
	ifx_free(f);
}

static void aptable_and_had(void **state)
{
	struct ifx *f = ifx_new();
	struct ifx_pt pt;
	uint64_t cd;

	(void)state;
	ifx_linux(f, 0);
	pt = ifx_pt_s1(f, 12, 48);
	cd = ifx_alloc(f, 64, 64);
	ifx_cd(f, cd, 16, 0, 1, pt.root, 0);
	ifx_ste(f, 1, ifx_ste_s1(cd, 0, 0), 0, 0, 0);
	/* L0 table descriptor with APTable = 10: no writes below */
	ifx_pt_slot(f, &pt, 0x1000, 3, 2ull << 61);
	ifx_map(f, &pt, 0x1000, 0x5000, 3, IFX_LINUX_MSI_ATTR);
	assert_int_equal(ifx_write(f, 1, 0x1000).event,
			 GICITS_SMMU_EVT_F_PERMISSION);
	assert_int_equal(ifx_txn(f, 1, false, 0, 0x1000, false, false).pa,
			 0x5000);
	/* HAD0 = 1: APTable ignored */
	ifx_w64(f, cd + 8, ifx_r64(f, cd + 8) | 2);
	ifx_cmd(f, 0x05 | (1ull << 32), 1);
	ifx_cmd(f, 0x11 | (1ull << 48), 0); /* TLBI_NH_ASID 1 */
	ifx_sync(f);
	assert_int_equal(ifx_write(f, 1, 0x1000).pa, 0x5000);
	ifx_free(f);
}

static void tbi_and_ttb1(void **state)
{
	struct ifx *f = ifx_new();
	struct gicits_iommu_result r;
	struct ifx_pt pt, pt1;
	uint64_t cd, dw[4];

	(void)state;
	ifx_linux(f, 0);
	pt = ifx_pt_s1(f, 12, 48);
	cd = ifx_alloc(f, 64, 64);
	ifx_cd(f, cd, 16, 0, 1, pt.root, 0);
	ifx_ste(f, 1, ifx_ste_s1(cd, 0, 0), 0, 0, 0);
	ifx_map(f, &pt, 0x1000, 0x5000, 3, IFX_LINUX_MSI_ATTR);
	/* top byte set, TBI0 = 0: translation fault, InputAddr whole */
	r = ifx_write(f, 1, 0xAB00000000001000ull);
	assert_int_equal(r.event, GICITS_SMMU_EVT_F_TRANSLATION);
	ifx_event(f, 0, dw);
	assert_int_equal(dw[2], 0xAB00000000001000ull);
	/* TTB1 region with EPD1 = 1 */
	assert_int_equal(ifx_write(f, 1, 0xFFFFFFFFFFFF0000ull).event,
			 GICITS_SMMU_EVT_F_TRANSLATION);
	/* TBI0 = 1 */
	ifx_cd(f, cd, 16, 0, 2, pt.root, 1ull << 38);
	ifx_cmd(f, 0x05 | (1ull << 32), 1);
	ifx_sync(f);
	assert_int_equal(ifx_write(f, 1, 0xAB00000000001008ull).pa, 0x5008);
	/* TTB1: T1SZ 16, TG1 = 2 (4K), EPD1 = 0 */
	pt1 = ifx_pt_s1(f, 12, 48);
	ifx_cd(f, cd, 16, 0, 3, pt.root,
	       IFX_CD_EPD1 | (16ull << 16) | (2ull << 22));
	ifx_w64(f, cd + 16, pt1.root);
	ifx_cmd(f, 0x05 | (1ull << 32), 1);
	ifx_sync(f);
	ifx_map(f, &pt1, 0xFFFFFFFFF000ull, 0x9000, 3, IFX_LINUX_MSI_ATTR);
	assert_int_equal(ifx_write(f, 1, 0xFFFFFFFFFFFFF010ull).pa, 0x9010);
	assert_int_equal(ifx_write(f, 1, 0x1010).pa, 0x5010);
	ifx_free(f);
}

/* Stage 2 only (Config 0b110), 4K granule, start level 1, IA 32. */
static void stage2_4k_and_faults(void **state)
{
	struct ifx *f = ifx_new();
	struct gicits_iommu_result r;
	struct ifx_pt pt;
	uint64_t dw[4], slot;

	(void)state;
	ifx_linux(f, 0);
	pt = ifx_pt_s2(f, 12, 32, 1);
	slot = ifx_map(f, &pt, IFX_IOVA & ~0xFFFull, IFX_DOORBELL & ~0xFFFull,
		       3, IFX_AF | IFX_S2AP_RW);
	ifx_ste(f, IFX_SID, IFX_STE_V | IFX_STE_CFG(6), 0,
		ifx_ste_dw2(7, 32, 1, 0, 5, true), pt.root);
	r = ifx_write(f, IFX_SID, IFX_IOVA);
	assert_int_equal(r.outcome, GICITS_IOMMU_TRANSLATED);
	assert_int_equal(r.pa, IFX_DOORBELL);
	/* unmapped IPA: stage-2 F_TRANSLATION with the IPA */
	r = ifx_write(f, IFX_SID, 0x10000040);
	assert_int_equal(r.event, GICITS_SMMU_EVT_F_TRANSLATION);
	ifx_event(f, 0, dw);
	assert_int_equal(dw[1], EVT_CLASS(2) | EVT_S2);
	assert_int_equal(dw[2], 0x10000040);
	assert_int_equal(dw[3], 0x10000000);
	/* IPA beyond S2T0SZ */
	assert_int_equal(ifx_write(f, IFX_SID, 1ull << 32).event,
			 GICITS_SMMU_EVT_F_TRANSLATION);
	/* read-only */
	ifx_w64(f, slot, (ifx_r64(f, slot) & ~(3ull << 6)) | IFX_S2AP_RO);
	ifx_cmd(f, 0x28 | (7ull << 32), 0); /* TLBI_S12_VMALL 7 */
	ifx_sync(f);
	r = ifx_write(f, IFX_SID, IFX_IOVA);
	assert_int_equal(r.event, GICITS_SMMU_EVT_F_PERMISSION);
	ifx_event(f, 2, dw);
	assert_int_equal(dw[1], EVT_CLASS(2) | EVT_S2);
	/* S2R = 0: not recorded, still aborts */
	ifx_ste(f, IFX_SID, IFX_STE_V | IFX_STE_CFG(6), 0,
		ifx_ste_dw2(7, 32, 1, 0, 5, false), pt.root);
	ifx_cfgi_ste(f, IFX_SID);
	r = ifx_write(f, IFX_SID, IFX_IOVA);
	assert_int_equal(r.outcome, GICITS_IOMMU_ABORT);
	assert_false(r.recorded);
	/* S2AFFD */
	ifx_w64(f, slot, (ifx_r64(f, slot) & ~IFX_AF) | IFX_S2AP_RW);
	ifx_cmd(f, 0x28 | (7ull << 32), 0);
	ifx_sync(f);
	assert_int_equal(ifx_write(f, IFX_SID, IFX_IOVA).event,
			 GICITS_SMMU_EVT_F_ACCESS);
	ifx_ste(f, IFX_SID, IFX_STE_V | IFX_STE_CFG(6), 0,
		ifx_ste_dw2(7, 32, 1, 0, 5, false) | (1ull << 53), pt.root);
	ifx_cfgi_ste(f, IFX_SID);
	assert_int_equal(ifx_write(f, IFX_SID, IFX_IOVA).pa, IFX_DOORBELL);
	ifx_free(f);
}

static void stage2_concatenated_and_granules(void **state)
{
	static const struct {
		unsigned gshift, tg, t0sz, sl0;
		int start;
	} g[] = {
		{ 12, 0, 30, 0, 2 }, /* 4K, level 2, 16 tables */
		{ 12, 0, 24, 1, 1 }, /* 4K, level 1, 2 tables */
		{ 12, 0, 16, 2, 0 }, /* 4K, level 0 */
		{ 14, 2, 28, 1, 2 }, /* 16K, level 2 */
		{ 14, 2, 20, 2, 1 }, /* 16K, level 1 (2 tables) */
		{ 16, 1, 22, 1, 2 }, /* 64K, level 2 */
		{ 16, 1, 34, 0, 3 }, /* 64K, level 3 (16 tables) */
	};
	struct ifx *f = ifx_new();
	unsigned i;

	(void)state;
	ifx_linux(f, 0);
	for (i = 0; i < sizeof(g) / sizeof(g[0]); i++) {
		struct ifx_pt pt =
			ifx_pt_s2(f, g[i].gshift, 64 - g[i].t0sz, g[i].start);
		uint64_t ipa = (1ull << (63 - g[i].t0sz)) + 0x30000;
		uint32_t sid = 0x60 + i;

		ifx_map(f, &pt, ipa, 0x50000000, 3, IFX_AF | IFX_S2AP_RW);
		ifx_ste(f, sid, IFX_STE_V | IFX_STE_CFG(6), 0,
			ifx_ste_dw2((uint16_t)(40 + i), g[i].t0sz, g[i].sl0,
				    g[i].tg, 5, true),
			pt.root);
		assert_int_equal(ifx_write(f, sid, ipa + 0x44).pa, 0x50000044);
	}
	ifx_free(f);
}

/* Nested: the CD pointer and the stage-1 tables are IPAs (identity
 * mapped by stage 2 over the RAM), the stage-1 output IPA 0x8000_0000 is
 * mapped by stage 2 to the doorbell page. */
struct nest {
	struct ifx_pt s1, s2;
	uint64_t cd;
	uint64_t s2_out_slot;
};

static void nest_build(struct ifx *f, struct nest *n)
{
	uint64_t a;

	n->s2 = ifx_pt_s2(f, 12, 40, 1); /* IA 40, 4K, level 1, 2 tables */
	for (a = IFX_RAM_BASE; a < IFX_RAM_BASE + IFX_RAM_SIZE; a += 0x200000)
		ifx_map(f, &n->s2, a, a, 2, IFX_AF | IFX_S2AP_RW);
	n->s2_out_slot =
		ifx_map(f, &n->s2, 0x80000000ull, IFX_DOORBELL & ~0xFFFull, 3,
			IFX_AF | IFX_S2AP_RW);
	n->s1 = ifx_pt_s1(f, 12, 48);
	ifx_map(f, &n->s1, IFX_IOVA & ~0xFFFull, 0x80000000ull, 3,
		IFX_LINUX_MSI_ATTR);
	n->cd = ifx_alloc(f, 64, 64);
	ifx_cd(f, n->cd, 16, 0, 9, n->s1.root, 0);
	ifx_ste(f, IFX_SID, ifx_ste_s1(n->cd, 0, 0) | IFX_STE_CFG(7), 0,
		ifx_ste_dw2(3, 24, 1, 0, 5, true), n->s2.root);
}

static void nested_translation(void **state)
{
	struct ifx *f = ifx_new();
	struct gicits_iommu_result r;
	struct nest n;
	uint64_t dw[4];

	(void)state;
	ifx_linux(f, 0);
	nest_build(f, &n);
	r = ifx_write(f, IFX_SID, IFX_IOVA);
	assert_int_equal(r.outcome, GICITS_IOMMU_TRANSLATED);
	assert_int_equal(r.pa, IFX_DOORBELL);
	/* stage-1 fault: S2 = 0 */
	r = ifx_write(f, IFX_SID, 0x1000);
	assert_int_equal(r.event, GICITS_SMMU_EVT_F_TRANSLATION);
	ifx_event(f, 0, dw);
	assert_int_equal(dw[1], EVT_CLASS(2));
	/* stage-2 fault on the output IPA */
	ifx_w64(f, n.s2_out_slot, 0);
	ifx_cmd(f, 0x28 | (3ull << 32), 0);
	ifx_sync(f);
	r = ifx_write(f, IFX_SID, IFX_IOVA);
	assert_int_equal(r.event, GICITS_SMMU_EVT_F_TRANSLATION);
	ifx_event(f, 1, dw);
	assert_int_equal(dw[1], EVT_CLASS(2) | EVT_S2);
	assert_int_equal(dw[3], 0x80000000ull);
	ifx_free(f);
}

static void nested_s2_fault_on_tables_and_cd(void **state)
{
	struct ifx *f = ifx_new();
	struct gicits_iommu_result r;
	struct nest n;
	uint64_t dw[4];

	(void)state;
	ifx_linux(f, 0);
	nest_build(f, &n);
	/* stage-1 TTB0 at an IPA stage 2 does not map: CLASS TT, S2 */
	ifx_w64(f, n.cd + 8, 0x200000000ull);
	r = ifx_write(f, IFX_SID, IFX_IOVA);
	assert_int_equal(r.event, GICITS_SMMU_EVT_F_TRANSLATION);
	ifx_event(f, 0, dw);
	assert_int_equal(dw[1], EVT_CLASS(1) | EVT_S2);
	assert_int_equal(dw[3], 0x200000000ull); /* the L0 descriptor IPA */
	/* the CD itself at an unmapped IPA: CLASS CD, S2 */
	ifx_ste(f, 0x101, ifx_ste_s1(0x300000000ull, 0, 0) | IFX_STE_CFG(7), 0,
		ifx_ste_dw2(3, 24, 1, 0, 5, true), n.s2.root);
	r = ifx_write(f, 0x101, IFX_IOVA);
	assert_int_equal(r.event, GICITS_SMMU_EVT_F_TRANSLATION);
	ifx_event(f, 1, dw);
	assert_int_equal(dw[1], EVT_CLASS(0) | EVT_S2);
	assert_int_equal(dw[3], 0x300000000ull);
	/* a stage-2 mapping of the tables without read permission */
	ifx_ste(f, 0x102, ifx_ste_s1(n.cd, 0, 0) | IFX_STE_CFG(7), 0,
		ifx_ste_dw2(4, 24, 1, 0, 5, true), n.s2.root);
	ifx_w64(f, n.cd + 8, n.s1.root);
	{
		uint64_t slot = ifx_pt_slot(f, &n.s2, n.s1.root, 2, 0);

		ifx_w64(f, slot,
			(ifx_r64(f, slot) & ~(3ull << 6)) | IFX_S2AP_WO);
	}
	r = ifx_write(f, 0x102, IFX_IOVA);
	assert_int_equal(r.event, GICITS_SMMU_EVT_F_PERMISSION);
	ifx_event(f, 2, dw);
	assert_true(dw[1] & EVT_S2);
	ifx_free(f);
}

static void c23_vfio_msi_cookie(void **state)
{
	struct ifx *f = ifx_new();
	struct ifx_pt pt;
	uint64_t cd;

	(void)state;
	ifx_linux(f, 0);
	pt = ifx_pt_s1(f, 12, 48);
	cd = ifx_alloc(f, 64, 64);
	ifx_cd(f, cd, 16, 0, 1, pt.root, 0);
	ifx_ste(f, IFX_SID, ifx_ste_s1(cd, 0, 0), 0, 0, 0);
	/* MSI_IOVA_BASE 0x0800_0000: first doorbell page, then a second
	 * ITS's doorbell page at the next 4K page */
	ifx_map(f, &pt, 0x08000000, 0x08090000, 3, IFX_LINUX_MSI_ATTR);
	ifx_map(f, &pt, 0x08001000, 0x080B0000, 3, IFX_LINUX_MSI_ATTR);
	assert_int_equal(ifx_write(f, IFX_SID, 0x08000040).pa, 0x08090040);
	assert_int_equal(ifx_write(f, IFX_SID, 0x08001040).pa, 0x080B0040);
	ifx_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(c1_stage1_4k_doorbell),
		cmocka_unit_test(c2_physical_doorbell_f_translation),
		cmocka_unit_test(c10_read_only_doorbell_f_permission),
		cmocka_unit_test(c11_access_flag),
		cmocka_unit_test(c12_record_and_abort_bits),
		cmocka_unit_test(c13_walk_external_abort),
		cmocka_unit_test(granules_pages_and_blocks),
		cmocka_unit_test(start_levels_by_input_size),
		cmocka_unit_test(reserved_descriptors),
		cmocka_unit_test(address_size_faults),
		cmocka_unit_test(aptable_and_had),
		cmocka_unit_test(tbi_and_ttb1),
		cmocka_unit_test(stage2_4k_and_faults),
		cmocka_unit_test(stage2_concatenated_and_granules),
		cmocka_unit_test(nested_translation),
		cmocka_unit_test(nested_s2_fault_on_tables_and_cd),
		cmocka_unit_test(c23_vfio_msi_cookie),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
