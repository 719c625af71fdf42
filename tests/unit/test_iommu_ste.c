/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Stream table, STE and CD handling (IHI 0070 §3.3, §5.1-5.4) and the
 * outcome matrix of spec/iommu-mbigen.md §A.7.  Test names carry the
 * scenario number of spec/iommu-mbigen.md §C they cover (cN).
 */
#include "iommu_fixture.h"

/* Expect one recorded event @num for @sid and one event-queue MSI. */
static void expect_event(struct ifx *f, const struct gicits_iommu_result *r,
			 uint8_t num, uint32_t sid)
{
	uint64_t dw[4];

	assert_int_equal(r->outcome, GICITS_IOMMU_ABORT);
	assert_int_equal(r->event, num);
	assert_true(r->recorded);
	assert_int_equal(ifx_nevents(f), 1);
	ifx_event(f, 0, dw);
	assert_int_equal(dw[0] & 0xFF, num);
	assert_int_equal(dw[0] >> 32, sid);
	assert_int_equal(f->nmsis, 1);
	assert_int_equal(f->msis[0].pa, IFX_DOORBELL);
	assert_int_equal(f->msis[0].data, 0);
	assert_int_equal(f->msis[0].devid, IFX_SMMU_DEVID);
}

static void expect_silent_abort(struct ifx *f,
				const struct gicits_iommu_result *r)
{
	assert_int_equal(r->outcome, GICITS_IOMMU_ABORT);
	assert_int_equal(r->event, 0);
	assert_false(r->recorded);
	assert_int_equal(ifx_nevents(f), 0);
	assert_int_equal(f->nmsis, 0);
}

static void c7_smmuen0_bypasses_untranslated(void **state)
{
	struct ifx *f = ifx_new();
	struct gicits_iommu_result r;

	(void)state;
	r = ifx_write(f, IFX_SID, IFX_IOVA);
	assert_int_equal(r.outcome, GICITS_IOMMU_BYPASS);
	assert_int_equal(r.pa, IFX_IOVA);
	r = ifx_write(f, IFX_SID, IFX_DOORBELL);
	assert_int_equal(r.pa, IFX_DOORBELL);
	assert_int_equal(f->nmsis, 0);
	ifx_free(f);
}

static void c8_smmuen0_gbpa_abort_silent(void **state)
{
	struct ifx *f = ifx_new();
	struct gicits_iommu_result r;

	(void)state;
	ifx_linux(f, 0);
	ifx_wr(f, GICITS_SMMU_CR0, 4, IFX_CR0_EVENTQEN | IFX_CR0_CMDQEN);
	ifx_wr(f, GICITS_SMMU_GBPA, 4, (1u << 31) | (1u << 20));
	r = ifx_write(f, IFX_SID, IFX_DOORBELL);
	expect_silent_abort(f, &r);
	ifx_free(f);
}

static void c3_ste_config_abort_silent(void **state)
{
	struct ifx *f = ifx_new();
	struct gicits_iommu_result r;
	unsigned c;

	(void)state;
	ifx_linux(f, 0);
	/* 0b000 and the reserved 0b001..0b011 */
	for (c = 0; c < 4; c++) {
		ifx_ste(f, IFX_SID + c, IFX_STE_V | IFX_STE_CFG(c), 0, 0, 0);
		r = ifx_write(f, IFX_SID + c, IFX_DOORBELL);
		expect_silent_abort(f, &r);
	}
	ifx_free(f);
}

static void c4_ste_invalid_c_bad_ste(void **state)
{
	struct ifx *f = ifx_new();
	struct gicits_iommu_result r;
	uint64_t dw[4];

	(void)state;
	ifx_linux(f, 0);
	r = ifx_write(f, IFX_SID, IFX_DOORBELL); /* zeroed STE: V = 0 */
	expect_event(f, &r, GICITS_SMMU_EVT_C_BAD_STE, IFX_SID);
	ifx_event(f, 0, dw);
	assert_int_equal(dw[0], 0x0000010000000004ull); /* SSV = 0 */
	assert_int_equal(dw[1], 0);
	assert_int_equal(dw[2], 0);
	assert_int_equal(dw[3], 0);
	ifx_free(f);
}

static void c5_streamid_out_of_range(void **state)
{
	struct ifx *f = ifx_new();
	struct gicits_iommu_result r;
	uint64_t dw[4];

	(void)state;
	ifx_linux(f, 0); /* LOG2SIZE 16 */
	r = ifx_write(f, 0x10000, IFX_DOORBELL);
	expect_event(f, &r, GICITS_SMMU_EVT_C_BAD_STREAMID, 0x10000);
	ifx_event(f, 0, dw);
	assert_int_equal(dw[0], 0x0001000000000002ull);
	/* RECINVSID = 0: silent */
	ifx_drain(f);
	f->nmsis = 0;
	ifx_wr(f, GICITS_SMMU_CR0, 4, IFX_CR0_EVENTQEN | IFX_CR0_CMDQEN);
	ifx_wr(f, GICITS_SMMU_CR2, 4, 0);
	ifx_wr(f, GICITS_SMMU_CR0, 4,
	       IFX_CR0_SMMUEN | IFX_CR0_EVENTQEN | IFX_CR0_CMDQEN);
	r = ifx_write(f, 0x10000, IFX_DOORBELL);
	expect_silent_abort(f, &r);
	ifx_free(f);
}

static void sidsize_caps_log2size(void **state)
{
	struct ifx *f = ifx_alloc_only();
	struct gicits_iommu_result r;

	(void)state;
	f->cfg.sidsize = 8;
	ifx_create(f);
	ifx_linux(f, 0); /* LOG2SIZE 16 > SIDSIZE 8 */
	ifx_ste(f, 0x100, IFX_STE_BYPASS, 0, 0, 0);
	r = ifx_write(f, 0x100, IFX_DOORBELL);
	assert_int_equal(r.event, GICITS_SMMU_EVT_C_BAD_STREAMID);
	ifx_ste(f, 0xFF, IFX_STE_BYPASS, 0, 0, 0);
	assert_int_equal(ifx_write(f, 0xFF, 1).outcome, GICITS_IOMMU_BYPASS);
	ifx_free(f);
}

static void c9_bypass_ste(void **state)
{
	struct ifx *f = ifx_new();
	struct gicits_iommu_result r;

	(void)state;
	ifx_linux(f, 0);
	ifx_ste(f, IFX_SID, IFX_STE_BYPASS, 1ull << 44, 0, 0);
	r = ifx_write(f, IFX_SID, IFX_DOORBELL);
	assert_int_equal(r.outcome, GICITS_IOMMU_BYPASS);
	assert_int_equal(r.pa, IFX_DOORBELL);
	assert_int_equal(ifx_nevents(f), 0);
	assert_int_equal(f->nmsis, 0);
	ifx_free(f);
}

static void two_level_stream_table(void **state)
{
	struct ifx *f = ifx_new();
	struct gicits_iommu_result r;

	(void)state;
	ifx_linux(f, 1);
	ifx_ste(f, 0x305, IFX_STE_BYPASS, 0, 0, 0);
	ifx_ste(f, 0xFFFF, IFX_STE_BYPASS, 0, 0, 0);
	r = ifx_write(f, 0x305, IFX_DOORBELL);
	assert_int_equal(r.outcome, GICITS_IOMMU_BYPASS);
	r = ifx_write(f, 0xFFFF, 0x1000);
	assert_int_equal(r.outcome, GICITS_IOMMU_BYPASS);
	/* same L2 table, STE left zero: C_BAD_STE */
	r = ifx_write(f, 0x306, 0x1000);
	assert_int_equal(r.event, GICITS_SMMU_EVT_C_BAD_STE);
	ifx_free(f);
}

static void c6_two_level_span_checks(void **state)
{
	struct ifx *f = ifx_new();
	struct gicits_iommu_result r;
	uint64_t l2;

	(void)state;
	ifx_linux(f, 1);
	/* L1STD for 0x300-0x3FF with Span 0 */
	r = ifx_write(f, 0x305, IFX_DOORBELL);
	expect_event(f, &r, GICITS_SMMU_EVT_C_BAD_STREAMID, 0x305);
	/* Span 3: 4 STEs; index 5 is beyond it -> C_BAD_STREAMID (spec,
	 * not QEMU's C_BAD_STE) */
	l2 = ifx_alloc(f, 4 * 64, 256);
	ifx_w64(f, IFX_ST + 8 * 3, l2 | 3);
	ifx_w64(f, l2 + 64 * 2, IFX_STE_BYPASS);
	r = ifx_write(f, 0x305, IFX_DOORBELL);
	assert_int_equal(r.event, GICITS_SMMU_EVT_C_BAD_STREAMID);
	r = ifx_write(f, 0x302, IFX_DOORBELL);
	assert_int_equal(r.outcome, GICITS_IOMMU_BYPASS);
	/* reserved Span (12) and Span > SPLIT + 1 (10) */
	ifx_w64(f, IFX_ST + 8 * 3, l2 | 12);
	ifx_cfgi_ste(f, 0x302); /* 0x302's STE was cached */
	assert_int_equal(ifx_write(f, 0x302, 0).event,
			 GICITS_SMMU_EVT_C_BAD_STREAMID);
	ifx_w64(f, IFX_ST + 8 * 3, l2 | 10);
	assert_int_equal(ifx_write(f, 0x303, 0).event,
			 GICITS_SMMU_EVT_C_BAD_STREAMID);
	ifx_free(f);
}

static void ste_fetch_abort(void **state)
{
	struct ifx *f = ifx_new();
	struct gicits_iommu_result r;
	uint64_t dw[4];

	(void)state;
	ifx_linux(f, 1);
	/* L2 pointer to unbacked memory: F_STE_FETCH with FetchAddr */
	ifx_w64(f, IFX_ST + 8, IFX_NOWHERE | 9);
	r = ifx_write(f, 0x101, 0x1000);
	expect_event(f, &r, GICITS_SMMU_EVT_F_STE_FETCH, 0x101);
	ifx_event(f, 0, dw);
	assert_int_equal(dw[3], IFX_NOWHERE + 64);
	/* L1 table itself unbacked */
	ifx_wr(f, GICITS_SMMU_CR0, 4, IFX_CR0_EVENTQEN | IFX_CR0_CMDQEN);
	ifx_wr(f, GICITS_SMMU_STRTAB_BASE, 8, IFX_NOWHERE);
	ifx_wr(f, GICITS_SMMU_CR0, 4,
	       IFX_CR0_SMMUEN | IFX_CR0_EVENTQEN | IFX_CR0_CMDQEN);
	r = ifx_write(f, 0x101, 0x1000);
	assert_int_equal(r.event, GICITS_SMMU_EVT_F_STE_FETCH);
	ifx_event(f, 1, dw);
	assert_int_equal(dw[3], IFX_NOWHERE + 8);
	ifx_free(f);
}

static void linear_base_aligned_to_table(void **state)
{
	struct ifx *f = ifx_new();

	(void)state;
	ifx_linux(f, 0);
	ifx_wr(f, GICITS_SMMU_CR0, 4, 0);
	/* LOG2SIZE 4: 1 KB table; low ADDR bits ignored */
	ifx_wr(f, GICITS_SMMU_STRTAB_BASE, 8, IFX_ST + 0x3C0);
	ifx_wr(f, GICITS_SMMU_STRTAB_BASE_CFG, 4, 4);
	ifx_wr(f, GICITS_SMMU_CR0, 4, IFX_CR0_SMMUEN | IFX_CR0_EVENTQEN);
	ifx_ste(f, 2, IFX_STE_BYPASS, 0, 0, 0);
	assert_int_equal(ifx_write(f, 2, 0).outcome, GICITS_IOMMU_BYPASS);
	assert_int_equal(ifx_write(f, 16, 0).event,
			 GICITS_SMMU_EVT_C_BAD_STREAMID);
	ifx_free(f);
}

static void illegal_stes_c_bad_ste(void **state)
{
	struct ifx *f = ifx_alloc_only();
	uint64_t cd;
	unsigned i;

	(void)state;
	f->cfg.hyp = false;
	f->cfg.ssidsize = 4;
	ifx_create(f);
	ifx_linux(f, 0);
	cd = ifx_alloc(f, 64, 64);
	ifx_cd(f, cd, 16, 0, 1, ifx_alloc(f, 4096, 4096), 0);
	for (i = 0; i < 11; i++) {
		uint64_t d0 = ifx_ste_s1(cd, 0, 0), d1 = 0, d2 = 0, d3 = 0;

		switch (i) {
		case 0: /* STRW Secure */
			d1 = 1ull << 30;
			break;
		case 1: /* STRW EL2 without HYP */
			d1 = 2ull << 30;
			break;
		case 2: /* S1CDMax > SSIDSIZE */
			d0 = ifx_ste_s1(cd, 0, 5);
			break;
		case 3: /* S1Fmt reserved */
			d0 = ifx_ste_s1(cd, 3, 2);
			break;
		case 4: /* S1DSS reserved */
			d0 = ifx_ste_s1(cd, 0, 2);
			d1 = 3;
			break;
		case 5: /* S2: AA64 = 0 */
			d0 = IFX_STE_V | IFX_STE_CFG(6);
			d2 = ifx_ste_dw2(1, 32, 1, 0, 5, true) & ~(1ull << 51);
			break;
		case 6: /* S2: ENDI */
			d0 = IFX_STE_V | IFX_STE_CFG(6);
			d2 = ifx_ste_dw2(1, 32, 1, 0, 5, true) | (1ull << 52);
			break;
		case 7: /* S2: 4K, SL0 = 0 (level 2) with IA 40: > 16
			 * concatenated tables */
			d0 = IFX_STE_V | IFX_STE_CFG(6);
			d2 = ifx_ste_dw2(1, 24, 0, 0, 5, true);
			break;
		case 8: /* S2TG reserved */
			d0 = IFX_STE_V | IFX_STE_CFG(6);
			d2 = ifx_ste_dw2(1, 32, 1, 3, 5, true);
			break;
		case 9: /* S2TTB beyond S2PS (32 bits) */
			d0 = IFX_STE_V | IFX_STE_CFG(6);
			d2 = ifx_ste_dw2(1, 32, 1, 0, 0, true);
			d3 = 0x100000000ull;
			break;
		case 10: /* S1STALLD without a stall model */
			d1 = 1ull << 27;
			break;
		}
		ifx_ste(f, 0x10 + i, d0, d1, d2, d3);
		assert_int_equal(ifx_write(f, 0x10 + i, 0x1000).event,
				 GICITS_SMMU_EVT_C_BAD_STE);
	}
	assert_int_equal(ifx_nevents(f), 11);
	ifx_free(f);
}

static void stage_not_implemented_is_illegal(void **state)
{
	struct ifx *f = ifx_alloc_only();

	(void)state;
	f->cfg.stage1 = false;
	ifx_create(f);
	ifx_linux(f, 0);
	ifx_ste(f, 1, ifx_ste_s1(IFX_HEAP, 0, 0), 0, 0, 0);
	assert_int_equal(ifx_write(f, 1, 0).event, GICITS_SMMU_EVT_C_BAD_STE);
	ifx_free(f);
	f = ifx_alloc_only();
	f->cfg.stage2 = false;
	ifx_create(f);
	ifx_linux(f, 0);
	ifx_ste(f, 1, IFX_STE_V | IFX_STE_CFG(6), 0,
		ifx_ste_dw2(1, 32, 1, 0, 5, true), 0);
	assert_int_equal(ifx_write(f, 1, 0).event, GICITS_SMMU_EVT_C_BAD_STE);
	ifx_free(f);
}

static void c14_substreams(void **state)
{
	struct ifx *f = ifx_new();
	struct gicits_iommu_result r;
	uint64_t cdt, dw[4];
	struct ifx_pt pt;
	unsigned i;

	(void)state;
	ifx_linux(f, 0);
	/* S1CDMax = 0 and an SSID: C_BAD_SUBSTREAMID */
	ifx_s1_domain(f, NULL);
	r = ifx_txn(f, IFX_SID, true, 3, IFX_IOVA, true, false);
	assert_int_equal(r.event, GICITS_SMMU_EVT_C_BAD_SUBSTREAMID);
	ifx_event(f, 0, dw);
	/* §7.3.9: SubstreamID always valid, no SSV bit */
	assert_int_equal(dw[0], 0x0000010000000008ull | (3ull << 12));
	/* bypass STE with an SSID: C_BAD_SUBSTREAMID */
	ifx_ste(f, 7, IFX_STE_BYPASS, 0, 0, 0);
	r = ifx_txn(f, 7, true, 0, 0x1000, true, false);
	assert_int_equal(r.event, GICITS_SMMU_EVT_C_BAD_SUBSTREAMID);
	/* a linear table of 4 CDs, each a different mapping */
	pt = ifx_pt_s1(f, 12, 48);
	cdt = ifx_alloc(f, 4 * 64, 256);
	for (i = 0; i < 4; i++) {
		ifx_cd(f, cdt + 64 * i, 16, 0, (uint16_t)(10 + i), pt.root, 0);
		ifx_map(f, &pt, 0x100000ull * (i + 1),
			0x90000000ull + 0x1000 * i, 3, IFX_LINUX_MSI_ATTR);
	}
	ifx_ste(f, 0x200, ifx_ste_s1(cdt, 0, 2), 0 /* S1DSS terminate */, 0, 0);
	r = ifx_txn(f, 0x200, true, 2, 0x300040, true, false);
	assert_int_equal(r.outcome, GICITS_IOMMU_TRANSLATED);
	assert_int_equal(r.pa, 0x90002040);
	r = ifx_txn(f, 0x200, true, 4, 0x300040, true, false); /* >= 2^2 */
	assert_int_equal(r.event, GICITS_SMMU_EVT_C_BAD_SUBSTREAMID);
	r = ifx_write(f, 0x200, 0x100040); /* no SSID, S1DSS = 0 */
	assert_int_equal(r.event, GICITS_SMMU_EVT_F_STREAM_DISABLED);
	/* S1DSS = 2: no SSID uses CD 0; SSID 0 is then illegal */
	ifx_ste(f, 0x201, ifx_ste_s1(cdt, 0, 2), 2, 0, 0);
	r = ifx_write(f, 0x201, 0x100040);
	assert_int_equal(r.pa, 0x90000040);
	r = ifx_txn(f, 0x201, true, 0, 0x100040, true, false);
	assert_int_equal(r.event, GICITS_SMMU_EVT_F_STREAM_DISABLED);
	ifx_event(f, ifx_nevents(f) - 1, dw);
	assert_int_equal(dw[0], 0x0000020100000006ull); /* §7.3.7 */
	/* S1DSS = 1: no SSID bypasses stage 1 */
	ifx_ste(f, 0x202, ifx_ste_s1(cdt, 0, 2), 1, 0, 0);
	r = ifx_write(f, 0x202, 0x100040);
	assert_int_equal(r.outcome, GICITS_IOMMU_BYPASS);
	assert_int_equal(r.pa, 0x100040);
	ifx_free(f);
}

static void two_level_cd_table(void **state)
{
	struct ifx *f = ifx_new();
	struct gicits_iommu_result r;
	uint64_t l1, l2, cd;
	struct ifx_pt pt;

	(void)state;
	ifx_linux(f, 0);
	pt = ifx_pt_s1(f, 12, 48);
	ifx_map(f, &pt, 0x5000, 0x70000000, 3, IFX_LINUX_MSI_ATTR);
	/* S1Fmt 1: 64 CDs per leaf; SSID 130 = L1 index 2, CD 2 */
	l1 = ifx_alloc(f, 8 * 16, 128);
	l2 = ifx_alloc(f, 4096, 4096);
	ifx_w64(f, l1 + 16, l2 | 1);
	cd = l2 + 64 * 2;
	ifx_cd(f, cd, 16, 0, 5, pt.root, 0);
	ifx_ste(f, 9, ifx_ste_s1(l1, 1, 10), 0, 0, 0);
	r = ifx_txn(f, 9, true, 130, 0x5044, true, false);
	assert_int_equal(r.outcome, GICITS_IOMMU_TRANSLATED);
	assert_int_equal(r.pa, 0x70000044);
	/* invalid L1CD: C_BAD_SUBSTREAMID (§7.3.9) */
	r = ifx_txn(f, 9, true, 70, 0x5044, true, false);
	assert_int_equal(r.event, GICITS_SMMU_EVT_C_BAD_SUBSTREAMID);
	/* L2Ptr beyond the OAS: the same */
	ifx_w64(f, l1 + 32, (1ull << 50) | 1);
	r = ifx_txn(f, 9, true, 260, 0x5044, true, false);
	assert_int_equal(r.event, GICITS_SMMU_EVT_C_BAD_SUBSTREAMID);
	/* L1CD pointing nowhere: F_CD_FETCH */
	ifx_w64(f, l1 + 24, IFX_NOWHERE | 1);
	r = ifx_txn(f, 9, true, 200, 0x5044, true, false);
	assert_int_equal(r.event, GICITS_SMMU_EVT_F_CD_FETCH);
	/* S1Fmt 2: 1024 CDs per leaf */
	l1 = ifx_alloc(f, 64, 64);
	l2 = ifx_alloc(f, 65536, 4096);
	ifx_w64(f, l1 + 8, l2 | 1);
	ifx_cd(f, l2 + 64 * 3, 16, 0, 6, pt.root, 0);
	ifx_ste(f, 10, ifx_ste_s1(l1, 2, 12), 0, 0, 0);
	r = ifx_txn(f, 10, true, 1027, 0x5000, true, false);
	assert_int_equal(r.pa, 0x70000000);
	ifx_free(f);
}

static void bad_cds(void **state)
{
	struct ifx *f = ifx_new();
	struct gicits_iommu_result r;
	uint64_t cd, ttb;
	unsigned i;

	(void)state;
	ifx_linux(f, 0);
	ttb = ifx_alloc(f, 4096, 4096);
	for (i = 0; i < 10; i++) {
		uint64_t x = 0;

		cd = ifx_alloc(f, 64, 64);
		switch (i) {
		case 0:
			x = IFX_CD_V;
			break;
		case 1:
			x = IFX_CD_AA64;
			break;
		case 2:
			x = 1ull << 15; /* ENDI */
			break;
		case 3:
			x = 1ull << 44; /* S: no stalls */
			break;
		case 4:
			x = 3ull << 6; /* TG0 reserved */
			break;
		case 5:
			x = 16 ^ 40; /* T0SZ 40 */
			break;
		case 6:
			x = IFX_CD_EPD1; /* TTB1 enabled, T1SZ 0 */
			break;
		case 7:
			x = 1ull << 43; /* HA without HTTU */
			break;
		case 8:
			x = 1ull << 42; /* HD */
			break;
		case 9:
			x = 5ull << 32; /* IPS 32 bits, TTB0 above 4 GB */
			break;
		}
		ifx_cd(f, cd, 16, 0, 1, i == 9 ? 0x100000000ull : ttb, x);
		ifx_ste(f, 0x20 + i, ifx_ste_s1(cd, 0, 0), 0, 0, 0);
		r = ifx_write(f, 0x20 + i, 0x1000);
		assert_int_equal(r.event, GICITS_SMMU_EVT_C_BAD_CD);
	}
	/* CD pointer to unbacked memory */
	ifx_ste(f, 0x30, ifx_ste_s1(IFX_NOWHERE, 0, 0), 0, 0, 0);
	r = ifx_write(f, 0x30, 0x1000);
	assert_int_equal(r.event, GICITS_SMMU_EVT_F_CD_FETCH);
	ifx_free(f);
}

static void privcfg_overrides_pnu(void **state)
{
	struct ifx *f = ifx_new();
	struct ifx_pt pt;
	uint64_t cd;

	(void)state;
	ifx_linux(f, 0);
	pt = ifx_pt_s1(f, 12, 48);
	cd = ifx_alloc(f, 64, 64);
	ifx_cd(f, cd, 16, 0, 3, pt.root, 0);
	ifx_map(f, &pt, 0x1000, 0x2000, 3, IFX_AF | IFX_AP_RW_PRIV);
	ifx_ste(f, 1, ifx_ste_s1(cd, 0, 0), 0, 0, 0);
	/* AP = 00: privileged only */
	assert_int_equal(ifx_txn(f, 1, false, 0, 0x1000, true, false).event,
			 GICITS_SMMU_EVT_F_PERMISSION);
	assert_int_equal(ifx_txn(f, 1, false, 0, 0x1000, true, true).outcome,
			 GICITS_IOMMU_TRANSLATED);
	/* PRIVCFG = privileged */
	ifx_ste(f, 2, ifx_ste_s1(cd, 0, 0), 3ull << 48, 0, 0);
	assert_int_equal(ifx_txn(f, 2, false, 0, 0x1000, true, false).outcome,
			 GICITS_IOMMU_TRANSLATED);
	/* PRIVCFG = unprivileged */
	ifx_ste(f, 3, ifx_ste_s1(cd, 0, 0), 2ull << 48, 0, 0);
	assert_int_equal(ifx_txn(f, 3, false, 0, 0x1000, true, true).event,
			 GICITS_SMMU_EVT_F_PERMISSION);
	/* StreamWorld EL2 (no E2H): only TTB0; TTB1 fields are RES0, not
	 * checked, and the upper region is a translation fault */
	{
		uint64_t cd2 = ifx_alloc(f, 64, 64);

		ifx_cd(f, cd2, 16, 0, 7, pt.root, IFX_CD_EPD1);
		ifx_ste(f, 5, ifx_ste_s1(cd2, 0, 0), 2ull << 30, 0, 0);
		assert_int_equal(
			ifx_txn(f, 5, false, 0, 0x1000, true, true).outcome,
			GICITS_IOMMU_TRANSLATED);
		assert_int_equal(ifx_txn(f, 5, false, 0, 0xFFFFFFFFFFFF1000ull,
					 true, true)
					 .event,
				 GICITS_SMMU_EVT_F_TRANSLATION);
	}
	/* StreamWorld EL2 (no E2H): AP[1] RES1, unprivileged allowed */
	ifx_ste(f, 4, ifx_ste_s1(cd, 0, 0), 2ull << 30, 0, 0);
	assert_int_equal(ifx_txn(f, 4, false, 0, 0x1000, true, false).outcome,
			 GICITS_IOMMU_TRANSLATED);
	ifx_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(c7_smmuen0_bypasses_untranslated),
		cmocka_unit_test(c8_smmuen0_gbpa_abort_silent),
		cmocka_unit_test(c3_ste_config_abort_silent),
		cmocka_unit_test(c4_ste_invalid_c_bad_ste),
		cmocka_unit_test(c5_streamid_out_of_range),
		cmocka_unit_test(sidsize_caps_log2size),
		cmocka_unit_test(c9_bypass_ste),
		cmocka_unit_test(two_level_stream_table),
		cmocka_unit_test(c6_two_level_span_checks),
		cmocka_unit_test(ste_fetch_abort),
		cmocka_unit_test(linear_base_aligned_to_table),
		cmocka_unit_test(illegal_stes_c_bad_ste),
		cmocka_unit_test(stage_not_implemented_is_illegal),
		cmocka_unit_test(c14_substreams),
		cmocka_unit_test(two_level_cd_table),
		cmocka_unit_test(bad_cds),
		cmocka_unit_test(privcfg_overrides_pnu),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
