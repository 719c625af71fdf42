/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * STE, CD and TLB caches (IHI 0070 §16.2): entries change only by the
 * CMD_CFGI_* / CMD_TLBI_* commands; cache=off walks memory every time;
 * cache=check uses the caches and reports a stale entry (a missing
 * invalidation) as a finding.  spec/iommu-mbigen.md §C 15.
 */
#include "iommu_fixture.h"

static struct ifx *make(enum gicits_iommu_cache mode, unsigned entries)
{
	struct ifx *f = ifx_alloc_only();

	f->cfg.cache = mode;
	f->cfg.cache_entries = entries;
	ifx_create(f);
	ifx_linux(f, 0);
	return f;
}

static void tlbi_nh_va(struct ifx *f, uint16_t asid, uint64_t va)
{
	ifx_cmd(f, 0x12 | ((uint64_t)asid << 48), (va & ~0xFFFull) | 1);
	ifx_sync(f);
}

static void c15_unmap_without_tlbi(void **state)
{
	enum gicits_iommu_cache m;

	(void)state;
	for (m = GICITS_IOMMU_CACHE_ON; m <= GICITS_IOMMU_CACHE_CHECK; m++) {
		struct ifx *f = make(m, 64);
		uint64_t leaf = ifx_s1_domain(f, NULL);
		struct gicits_iommu_result r;

		assert_int_equal(ifx_write(f, IFX_SID, IFX_IOVA).pa,
				 IFX_DOORBELL);
		ifx_w64(f, leaf, 0); /* unmap, no TLBI */
		r = ifx_write(f, IFX_SID, IFX_IOVA);
		if (m == GICITS_IOMMU_CACHE_OFF) {
			assert_int_equal(r.event,
					 GICITS_SMMU_EVT_F_TRANSLATION);
		} else {
			/* the stale translation is still used */
			assert_int_equal(r.outcome, GICITS_IOMMU_TRANSLATED);
			assert_int_equal(r.pa, IFX_DOORBELL);
		}
		assert_int_equal(ifx_status(f).findings,
				 m == GICITS_IOMMU_CACHE_CHECK ? 1 : 0);
		if (m == GICITS_IOMMU_CACHE_CHECK)
			assert_int_equal(f->kinds[GICITS_TRACE_FINDING], 1);
		tlbi_nh_va(f, 1, IFX_IOVA);
		r = ifx_write(f, IFX_SID, IFX_IOVA);
		assert_int_equal(r.event, GICITS_SMMU_EVT_F_TRANSLATION);
		ifx_free(f);
	}
}

static void c15_ste_change_without_cfgi(void **state)
{
	enum gicits_iommu_cache m;

	(void)state;
	for (m = GICITS_IOMMU_CACHE_ON; m <= GICITS_IOMMU_CACHE_CHECK; m++) {
		struct ifx *f = make(m, 64);

		ifx_ste(f, 5, IFX_STE_BYPASS, 0, 0, 0);
		assert_int_equal(ifx_write(f, 5, 0x1000).outcome,
				 GICITS_IOMMU_BYPASS);
		ifx_ste(f, 5, IFX_STE_ABORT, 0, 0, 0);
		assert_int_equal(ifx_write(f, 5, 0x1000).outcome,
				 m == GICITS_IOMMU_CACHE_OFF ?
					 GICITS_IOMMU_ABORT :
					 GICITS_IOMMU_BYPASS);
		assert_int_equal(ifx_status(f).findings,
				 m == GICITS_IOMMU_CACHE_CHECK ? 1 : 0);
		ifx_cfgi_ste(f, 5);
		assert_int_equal(ifx_write(f, 5, 0x1000).outcome,
				 GICITS_IOMMU_ABORT);
		ifx_free(f);
	}
}

static void check_mode_quiet_for_correct_software(void **state)
{
	struct ifx *f = make(GICITS_IOMMU_CACHE_CHECK, 64);
	uint64_t leaf, cd;

	(void)state;
	leaf = ifx_s1_domain(f, &cd);
	assert_int_equal(ifx_write(f, IFX_SID, IFX_IOVA).pa, IFX_DOORBELL);
	/* remap the page elsewhere, with TLBI + SYNC */
	ifx_w64(f, leaf, 0x0A000000 | 3 | IFX_LINUX_MSI_ATTR);
	tlbi_nh_va(f, 1, IFX_IOVA);
	assert_int_equal(ifx_write(f, IFX_SID, IFX_IOVA).pa, 0x0A000040);
	/* change the STE as Linux does: CFGI_STE + SYNC */
	ifx_ste(f, IFX_SID, IFX_STE_BYPASS, 0, 0, 0);
	ifx_cfgi_ste(f, IFX_SID);
	assert_int_equal(ifx_write(f, IFX_SID, IFX_IOVA).pa, IFX_IOVA);
	assert_int_equal(ifx_status(f).findings, 0);
	assert_true(ifx_status(f).cache_hits >= 1);
	ifx_free(f);
}

static void cfgi_ste_range_and_all(void **state)
{
	struct ifx *f = make(GICITS_IOMMU_CACHE_ON, 64);
	uint32_t s;

	(void)state;
	for (s = 0x10; s <= 0x20; s++) {
		ifx_ste(f, s, IFX_STE_BYPASS, 0, 0, 0);
		ifx_write(f, s, 0);
		ifx_ste(f, s, IFX_STE_ABORT, 0, 0, 0);
	}
	/* Range 3: 16 StreamIDs from 0x10 (SID aligned down) */
	ifx_cmd(f, 0x04 | (0x13ull << 32), 3);
	ifx_sync(f);
	for (s = 0x10; s < 0x20; s++)
		assert_int_equal(ifx_write(f, s, 0).outcome,
				 GICITS_IOMMU_ABORT);
	assert_int_equal(ifx_write(f, 0x20, 0).outcome, GICITS_IOMMU_BYPASS);
	/* Range 31: CFGI_ALL */
	ifx_cmd(f, 0x04, 31);
	ifx_sync(f);
	assert_int_equal(ifx_write(f, 0x20, 0).outcome, GICITS_IOMMU_ABORT);
	ifx_free(f);
}

static void cfgi_cd(void **state)
{
	struct ifx *f = make(GICITS_IOMMU_CACHE_CHECK, 64);
	uint64_t cd;

	(void)state;
	ifx_s1_domain(f, &cd);
	assert_int_equal(ifx_write(f, IFX_SID, IFX_IOVA).pa, IFX_DOORBELL);
	/* invalidate the CD: C_BAD_CD only after CFGI_CD */
	ifx_w64(f, cd, ifx_r64(f, cd) & ~IFX_CD_V);
	assert_int_equal(ifx_write(f, IFX_SID, IFX_IOVA).pa, IFX_DOORBELL);
	/* the CD is stale; the TLB entry still matches that CD's tables */
	assert_int_equal(ifx_status(f).findings, 1);
	ifx_cmd(f, 0x05 | ((uint64_t)IFX_SID << 32), 1);
	ifx_sync(f);
	assert_int_equal(ifx_write(f, IFX_SID, IFX_IOVA).event,
			 GICITS_SMMU_EVT_C_BAD_CD);
	ifx_free(f);
}

/* Two streams, ASIDs 1 and 2, both with a stale translation. */
static void two_stale(struct ifx *f, uint64_t *leaf1, uint64_t *leaf2)
{
	struct ifx_pt p1 = ifx_pt_s1(f, 12, 48), p2 = ifx_pt_s1(f, 12, 48);
	uint64_t c1 = ifx_alloc(f, 64, 64), c2 = ifx_alloc(f, 64, 64);

	ifx_cd(f, c1, 16, 0, 1, p1.root, 0);
	ifx_cd(f, c2, 16, 0, 2, p2.root, 0);
	*leaf1 = ifx_map(f, &p1, 0x10000, 0x20000, 3, IFX_LINUX_MSI_ATTR);
	*leaf2 = ifx_map(f, &p2, 0x10000, 0x30000, 3, IFX_LINUX_MSI_ATTR);
	ifx_ste(f, 1, ifx_ste_s1(c1, 0, 0), 0, 0, 0);
	ifx_ste(f, 2, ifx_ste_s1(c2, 0, 0), 0, 0, 0);
	assert_int_equal(ifx_write(f, 1, 0x10000).pa, 0x20000);
	assert_int_equal(ifx_write(f, 2, 0x10000).pa, 0x30000);
	ifx_w64(f, *leaf1, 0);
	ifx_w64(f, *leaf2, 0);
}

static bool stale(struct ifx *f, uint32_t sid)
{
	return ifx_write(f, sid, 0x10000).outcome == GICITS_IOMMU_TRANSLATED;
}

static void tlbi_variants(void **state)
{
	static const struct {
		uint64_t dw0, dw1;
		bool s1_left, s2_left;
	} c[] = {
		{ 0x11 | (1ull << 48), 0, false, true }, /* NH_ASID 1 */
		{ 0x11 | (3ull << 48), 0, true, true }, /* NH_ASID 3 */
		{ 0x12 | (2ull << 48), 0x10000, true, false }, /* NH_VA 2 */
		{ 0x12 | (2ull << 48), 0x11000, true, true }, /* other VA */
		{ 0x13, 0x10000, false, false }, /* NH_VAA */
		{ 0x10, 0, false, false }, /* NH_ALL VMID 0 */
		{ 0x10 | (5ull << 32), 0, true, true }, /* NH_ALL VMID 5 */
		{ 0x30, 0, false, false }, /* NSNH_ALL */
		{ 0x28, 0, false, false }, /* S12_VMALL VMID 0 */
		{ 0x20, 0, true, true }, /* EL2_ALL: EL1 entries stay */
		/* NH_VA range: TG 4K, NUM 1, SCALE 0: 4 pages from 0xE000 */
		{ 0x12 | (1ull << 48) | (1ull << 12), 0xE000 | (1ull << 10),
		  false, true },
	};
	unsigned i;

	(void)state;
	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		struct ifx *f = make(GICITS_IOMMU_CACHE_ON, 64);
		uint64_t l1, l2;

		two_stale(f, &l1, &l2);
		ifx_cmd(f, c[i].dw0, c[i].dw1);
		ifx_sync(f);
		assert_int_equal(stale(f, 1), c[i].s1_left);
		assert_int_equal(stale(f, 2), c[i].s2_left);
		ifx_free(f);
	}
}

static void tlbi_el2_matches_el2_streams(void **state)
{
	struct ifx *f = make(GICITS_IOMMU_CACHE_ON, 64);
	struct ifx_pt pt = ifx_pt_s1(f, 12, 48);
	uint64_t cd = ifx_alloc(f, 64, 64), leaf;

	(void)state;
	ifx_cd(f, cd, 16, 0, 4, pt.root, 0);
	leaf = ifx_map(f, &pt, 0x10000, 0x20000, 3, IFX_LINUX_MSI_ATTR);
	ifx_ste(f, 1, ifx_ste_s1(cd, 0, 0), 2ull << 30, 0, 0); /* EL2 */
	assert_int_equal(ifx_write(f, 1, 0x10000).pa, 0x20000);
	ifx_w64(f, leaf, 0);
	ifx_cmd(f, 0x11 | (4ull << 48), 0); /* NH_ASID: EL1 only */
	ifx_sync(f);
	assert_true(stale(f, 1));
	ifx_cmd(f, 0x21 | (4ull << 48), 0); /* EL2_ASID 4 */
	ifx_sync(f);
	assert_false(stale(f, 1));
	ifx_free(f);
}

static void tlbi_s2_ipa(void **state)
{
	struct ifx *f = make(GICITS_IOMMU_CACHE_ON, 64);
	struct ifx_pt pt = ifx_pt_s2(f, 12, 32, 1);
	uint64_t slot;

	(void)state;
	slot = ifx_map(f, &pt, 0x40000, 0x50000, 3, IFX_AF | IFX_S2AP_RW);
	ifx_ste(f, 1, IFX_STE_V | IFX_STE_CFG(6), 0,
		ifx_ste_dw2(6, 32, 1, 0, 5, true), pt.root);
	assert_int_equal(ifx_write(f, 1, 0x40010).pa, 0x50010);
	ifx_w64(f, slot, 0);
	ifx_cmd(f, 0x2A | (6ull << 32), 0x41000 | 1); /* another IPA */
	ifx_sync(f);
	assert_int_equal(ifx_write(f, 1, 0x40010).pa, 0x50010);
	ifx_cmd(f, 0x2A | (7ull << 32), 0x40000 | 1); /* another VMID */
	ifx_sync(f);
	assert_int_equal(ifx_write(f, 1, 0x40010).pa, 0x50010);
	ifx_cmd(f, 0x2A | (6ull << 32), 0x40000 | 1);
	ifx_sync(f);
	assert_int_equal(ifx_write(f, 1, 0x40010).event,
			 GICITS_SMMU_EVT_F_TRANSLATION);
	ifx_free(f);
}

static void permission_from_tlb(void **state)
{
	struct ifx *f = make(GICITS_IOMMU_CACHE_ON, 64);
	uint64_t leaf;

	(void)state;
	leaf = ifx_s1_domain(f, NULL);
	ifx_w64(f, leaf, (ifx_r64(f, leaf) & ~(3ull << 6)) | IFX_AP_RO_ALL);
	/* a read fills the TLB; the write hits it and is denied */
	assert_int_equal(
		ifx_txn(f, IFX_SID, false, 0, IFX_IOVA, false, false).outcome,
		GICITS_IOMMU_TRANSLATED);
	assert_int_equal(ifx_write(f, IFX_SID, IFX_IOVA).event,
			 GICITS_SMMU_EVT_F_PERMISSION);
	assert_true(ifx_status(f).cache_hits >= 2);
	ifx_free(f);
}

static void caches_are_bounded(void **state)
{
	struct ifx *f = make(GICITS_IOMMU_CACHE_ON, 1);
	struct ifx_pt pt = ifx_pt_s1(f, 12, 48);
	uint64_t cd = ifx_alloc(f, 64, 64), l[3];
	unsigned i;

	(void)state;
	ifx_cd(f, cd, 16, 0, 1, pt.root, 0);
	ifx_ste(f, 1, ifx_ste_s1(cd, 0, 0), 0, 0, 0);
	for (i = 0; i < 3; i++) {
		l[i] = ifx_map(f, &pt, 0x10000 * (i + 1), 0x100000 * (i + 1), 3,
			       IFX_LINUX_MSI_ATTR);
		assert_int_equal(ifx_write(f, 1, 0x10000 * (i + 1)).pa,
				 0x100000 * (i + 1));
	}
	for (i = 0; i < 3; i++)
		ifx_w64(f, l[i], 0);
	/* one TLB entry: only the last translation is still cached */
	assert_int_equal(ifx_write(f, 1, 0x10000).event,
			 GICITS_SMMU_EVT_F_TRANSLATION);
	assert_int_equal(ifx_write(f, 1, 0x20000).event,
			 GICITS_SMMU_EVT_F_TRANSLATION);
	assert_int_equal(ifx_write(f, 1, 0x30000).pa, 0x300000);
	ifx_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(c15_unmap_without_tlbi),
		cmocka_unit_test(c15_ste_change_without_cfgi),
		cmocka_unit_test(check_mode_quiet_for_correct_software),
		cmocka_unit_test(cfgi_ste_range_and_all),
		cmocka_unit_test(cfgi_cd),
		cmocka_unit_test(tlbi_variants),
		cmocka_unit_test(tlbi_el2_matches_el2_streams),
		cmocka_unit_test(tlbi_s2_ipa),
		cmocka_unit_test(permission_from_tlb),
		cmocka_unit_test(caches_are_bounded),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
