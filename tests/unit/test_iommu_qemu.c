/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The QEMU 7.2 compatibility knobs of struct gicits_iommu_config
 * (docs/iommu.md, "QEMU compatibility knobs"): each test runs the same
 * steps with the knob false (the architecture, IHI 0070) and true (what
 * QEMU 7.2 does, as pinned by tools/oracle/scenarios/smmu_*.txt).
 */
#include "iommu_fixture.h"

#include <stddef.h>

#define EVT_CLASS(c) ((uint64_t)(c) << 40)
#define GERR_CMDQ 1u
#define GERR_EVTQ_ABT 4u

/* A fixture with the bool knob at @off set to @on. */
static struct ifx *knob_new(size_t off, bool on)
{
	struct ifx *f = ifx_alloc_only();

	*(bool *)((char *)&f->cfg + off) = on;
	ifx_create(f);
	return f;
}

#define KNOB(name) offsetof(struct gicits_iommu_config, name)

/* §6.3.14: GBPA.ABORT = 1 aborts while SMMUEN = 0; QEMU has no GBPA. */
static void no_gbpa(void **state)
{
	(void)state;
	for (int q = 0; q < 2; q++) {
		struct ifx *f = knob_new(KNOB(qemu_no_gbpa), q);
		struct gicits_iommu_result r;

		ifx_wr(f, GICITS_SMMU_GBPA, 4, 1u << 31 | 1u << 20);
		assert_int_equal(ifx_rd(f, GICITS_SMMU_GBPA, 4),
				 q ? 0 : 1u << 20);
		r = ifx_write(f, 8, IFX_DOORBELL);
		assert_int_equal(r.outcome,
				 q ? GICITS_IOMMU_BYPASS : GICITS_IOMMU_ABORT);
		ifx_free(f);
	}
}

/* §3.3: C_BAD_STREAMID only with CR2.RECINVSID; QEMU records it always. */
static void bad_streamid_always(void **state)
{
	(void)state;
	for (int q = 0; q < 2; q++) {
		struct ifx *f = knob_new(KNOB(qemu_bad_streamid_always), q);
		struct gicits_iommu_result r;

		ifx_linux(f, 0);
		ifx_wr(f, GICITS_SMMU_CR0, 4,
		       IFX_CR0_CMDQEN | IFX_CR0_EVENTQEN);
		ifx_wr(f, GICITS_SMMU_CR2, 4, 0);
		ifx_wr(f, GICITS_SMMU_CR0, 4,
		       IFX_CR0_SMMUEN | IFX_CR0_CMDQEN | IFX_CR0_EVENTQEN);
		r = ifx_write(f, 0x10000, IFX_DOORBELL);
		assert_int_equal(r.outcome, GICITS_IOMMU_ABORT);
		assert_int_equal(r.recorded, q);
		assert_int_equal(ifx_nevents(f), q ? 1 : 0);
		ifx_free(f);
	}
}

/* §5.1: an L2 array of Span S holds 2^(S-1) STEs (beyond: C_BAD_STREAMID);
 * QEMU bounds the offset by 2^S - 1 and gives C_BAD_STE beyond. */
static void l2_span(void **state)
{
	(void)state;
	for (int q = 0; q < 2; q++) {
		struct ifx *f = knob_new(KNOB(qemu_l2_span), q);
		uint64_t l2 = ifx_alloc(f, 256 * 64, 256 * 64);
		struct gicits_iommu_result r;

		ifx_linux(f, 1);
		ifx_w64(f, IFX_ST + 8, l2 | 4); /* SIDs 0x100.., Span 4 */
		ifx_w64(f, l2 + 64 * 8, IFX_STE_BYPASS);
		r = ifx_write(f, 0x108, IFX_DOORBELL); /* offset 8 */
		assert_int_equal(r.outcome,
				 q ? GICITS_IOMMU_BYPASS : GICITS_IOMMU_ABORT);
		assert_int_equal(r.event,
				 q ? 0 : GICITS_SMMU_EVT_C_BAD_STREAMID);
		r = ifx_write(f, 0x110, IFX_DOORBELL); /* offset 16 */
		assert_int_equal(r.event, q ? GICITS_SMMU_EVT_C_BAD_STE :
					      GICITS_SMMU_EVT_C_BAD_STREAMID);
		/* a reserved Span (12) is a number to QEMU */
		ifx_w64(f, IFX_ST + 16, l2 | 12); /* SIDs 0x200.. */
		r = ifx_write(f, 0x208, IFX_DOORBELL);
		assert_int_equal(r.event,
				 q ? 0 : GICITS_SMMU_EVT_C_BAD_STREAMID);
		/* Span 0 is invalid to both */
		ifx_w64(f, IFX_ST + 24, 0);
		assert_int_equal(ifx_write(f, 0x308, IFX_DOORBELL).event,
				 GICITS_SMMU_EVT_C_BAD_STREAMID);
		ifx_free(f);
	}
}

/* §7.3.12: a stage-1 input fault has CLASS = IN; QEMU writes 0. */
static void fault_class0(void **state)
{
	(void)state;
	for (int q = 0; q < 2; q++) {
		struct ifx *f = knob_new(KNOB(qemu_fault_class0), q);
		uint64_t dw[4];

		ifx_linux(f, 0);
		ifx_s1_domain(f, NULL);
		assert_int_equal(ifx_write(f, IFX_SID, IFX_DOORBELL).event,
				 GICITS_SMMU_EVT_F_TRANSLATION);
		ifx_event(f, 0, dw);
		assert_int_equal(dw[1], q ? 0 : EVT_CLASS(2));
		ifx_free(f);
	}
}

/* AP = 0b00 denies an unprivileged write; QEMU ignores AP[1]. */
static void ignore_ap_unpriv(void **state)
{
	(void)state;
	for (int q = 0; q < 2; q++) {
		struct ifx *f = knob_new(KNOB(qemu_ignore_ap_unpriv), q);
		struct gicits_iommu_result r;
		uint64_t leaf;

		ifx_linux(f, 0);
		leaf = ifx_s1_domain(f, NULL);
		ifx_w64(f, leaf, ifx_r64(f, leaf) & ~(3ull << 6));
		r = ifx_write(f, IFX_SID, IFX_IOVA);
		assert_int_equal(r.outcome, q ? GICITS_IOMMU_TRANSLATED :
						GICITS_IOMMU_ABORT);
		assert_int_equal(r.event, q ? 0 : GICITS_SMMU_EVT_F_PERMISSION);
		/* AP[2] (read-only) is checked either way */
		ifx_w64(f, leaf, ifx_r64(f, leaf) | IFX_AP_RO_ALL);
		ifx_cmd(f, 0x10, 0); /* TLBI_NH_ALL */
		ifx_sync(f);
		assert_int_equal(ifx_write(f, IFX_SID, IFX_IOVA).event,
				 GICITS_SMMU_EVT_F_PERMISSION);
		ifx_free(f);
	}
}

/* AF = 0 with AFFD = 0 is an Access flag fault; QEMU never checks AF. */
static void ignore_af(void **state)
{
	(void)state;
	for (int q = 0; q < 2; q++) {
		struct ifx *f = knob_new(KNOB(qemu_ignore_af), q);
		struct gicits_iommu_result r;
		uint64_t leaf;

		ifx_linux(f, 0);
		leaf = ifx_s1_domain(f, NULL);
		ifx_w64(f, leaf, ifx_r64(f, leaf) & ~IFX_AF);
		r = ifx_write(f, IFX_SID, IFX_IOVA);
		assert_int_equal(r.outcome, q ? GICITS_IOMMU_TRANSLATED :
						GICITS_IOMMU_ABORT);
		assert_int_equal(r.event, q ? 0 : GICITS_SMMU_EVT_F_ACCESS);
		ifx_free(f);
	}
}

/* An output address beyond IDR5.OAS is an Address size fault; QEMU goes
 * to that PA. */
static void no_oas_check(void **state)
{
	(void)state;
	for (int q = 0; q < 2; q++) {
		struct ifx *f = ifx_alloc_only();
		struct gicits_iommu_result r;
		uint64_t leaf;

		f->cfg.oas_bits = 44;
		f->cfg.qemu_no_oas_check = q;
		ifx_create(f);
		ifx_linux(f, 0);
		leaf = ifx_s1_domain(f, NULL);
		ifx_w64(f, leaf, (ifx_r64(f, leaf) & 0xFFF) | 1ull << 46);
		r = ifx_write(f, IFX_SID, IFX_IOVA);
		assert_int_equal(r.event, q ? 0 : GICITS_SMMU_EVT_F_ADDR_SIZE);
		if (q)
			assert_int_equal(r.pa, 1ull << 46 | 0x40);
		ifx_free(f);
	}
}

/* §7.3.9: F_CD_FETCH has FetchAddr in dw3; QEMU puts it in dw2. */
static void cd_fetch_addr_dw2(void **state)
{
	(void)state;
	for (int q = 0; q < 2; q++) {
		struct ifx *f = knob_new(KNOB(qemu_cd_fetch_addr_dw2), q);
		uint64_t dw[4];

		ifx_linux(f, 0);
		ifx_ste(f, IFX_SID, ifx_ste_s1(IFX_NOWHERE, 0, 0), 0, 0, 0);
		assert_int_equal(ifx_write(f, IFX_SID, IFX_IOVA).event,
				 GICITS_SMMU_EVT_F_CD_FETCH);
		ifx_event(f, 0, dw);
		assert_int_equal(dw[2], q ? IFX_NOWHERE : 0);
		assert_int_equal(dw[3], q ? 0 : IFX_NOWHERE);
		ifx_free(f);
	}
}

/* §7.4: a full event queue toggles OVFLG; QEMU raises
 * GERROR.EVENTQ_ABT_ERR and goes on recording once there is room. */
static void evtq_full_gerror(void **state)
{
	(void)state;
	for (int q = 0; q < 2; q++) {
		struct ifx *f = knob_new(KNOB(qemu_evtq_full_gerror), q);
		uint32_t prod;

		ifx_linux(f, 0);
		ifx_ste(f, IFX_SID, 0, 0, 0, 0); /* V = 0: C_BAD_STE */
		for (int i = 0; i < 129; i++)
			ifx_write(f, IFX_SID, IFX_IOVA);
		prod = (uint32_t)ifx_rd(f, GICITS_SMMU_EVENTQ_PROD, 4);
		assert_int_equal(prod >> 31, q ? 0 : 1);
		assert_int_equal(ifx_rd(f, GICITS_SMMU_GERROR, 4) &
					 GERR_EVTQ_ABT,
				 q ? GERR_EVTQ_ABT : 0);
		ifx_drain(f);
		ifx_write(f, IFX_SID, IFX_IOVA);
		/* QEMU records with EVENTQ_ABT_ERR still active */
		assert_int_equal(ifx_nevents(f), 1);
		ifx_free(f);
	}
}

/* §6.3.27: CMDQ_CONS is read-only while CMDQEN = 1; QEMU takes writes
 * (the oracle skips a failing command so). */
static void cmdq_cons_writable(void **state)
{
	(void)state;
	for (int q = 0; q < 2; q++) {
		struct ifx *f = knob_new(KNOB(qemu_cmdq_cons_writable), q);

		ifx_linux(f, 0);
		ifx_cmd(f, 0x7F, 0); /* illegal: CONS stops at 0, ERR 1 */
		assert_int_equal(ifx_rd(f, GICITS_SMMU_CMDQ_CONS, 4), 1u << 24);
		ifx_wr(f, GICITS_SMMU_CMDQ_CONS, 4, 1);
		assert_int_equal(ifx_rd(f, GICITS_SMMU_CMDQ_CONS, 4),
				 q ? 1 : 1u << 24);
		ifx_free(f);
	}
}

/* §16.2 lets an SMMU cache an STE that failed its checks; QEMU does not,
 * so a fixed STE is used without CMD_CFGI_STE. */
static void no_cache_bad_config(void **state)
{
	(void)state;
	for (int q = 0; q < 2; q++) {
		struct ifx *f = knob_new(KNOB(qemu_no_cache_bad_config), q);
		struct gicits_iommu_result r;

		ifx_linux(f, 0);
		ifx_ste(f, IFX_SID,
			IFX_STE_BYPASS | 31ull << 59 | IFX_STE_CFG(5), 0, 0, 0);
		assert_int_equal(ifx_write(f, IFX_SID, IFX_DOORBELL).event,
				 GICITS_SMMU_EVT_C_BAD_STE);
		ifx_ste(f, IFX_SID, IFX_STE_BYPASS, 0, 0, 0);
		r = ifx_write(f, IFX_SID, IFX_DOORBELL);
		assert_int_equal(r.outcome,
				 q ? GICITS_IOMMU_BYPASS : GICITS_IOMMU_ABORT);
		ifx_free(f);
	}
}

/* §6.3.12: CR2 is written only while SMMUEN = 0; QEMU takes it always. */
static void cr2_writable(void **state)
{
	(void)state;
	for (int q = 0; q < 2; q++) {
		struct ifx *f = knob_new(KNOB(qemu_cr2_writable), q);

		ifx_linux(f, 0);
		ifx_wr(f, GICITS_SMMU_CR2, 4, 0);
		assert_int_equal(ifx_rd(f, GICITS_SMMU_CR2, 4), q ? 0 : 2);
		ifx_free(f);
	}
}

/* §4.3.1: CMD_CFGI_STE with SSec = 1 on the Non-secure queue is
 * CERROR_ILL (QEMU agrees). */
static void cfgi_ssec_illegal(void **state)
{
	struct ifx *f = ifx_new();

	(void)state;
	ifx_linux(f, 0);
	ifx_cmd(f, 0x03 | 1ull << 10 | (uint64_t)8 << 32, 1);
	assert_int_equal(ifx_rd(f, GICITS_SMMU_GERROR, 4) & GERR_CMDQ,
			 GERR_CMDQ);
	assert_int_equal(ifx_rd(f, GICITS_SMMU_CMDQ_CONS, 4), 1u << 24);
	ifx_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(no_gbpa),
		cmocka_unit_test(bad_streamid_always),
		cmocka_unit_test(l2_span),
		cmocka_unit_test(fault_class0),
		cmocka_unit_test(ignore_ap_unpriv),
		cmocka_unit_test(ignore_af),
		cmocka_unit_test(no_oas_check),
		cmocka_unit_test(cd_fetch_addr_dw2),
		cmocka_unit_test(evtq_full_gerror),
		cmocka_unit_test(cmdq_cons_writable),
		cmocka_unit_test(no_cache_bad_config),
		cmocka_unit_test(cr2_writable),
		cmocka_unit_test(cfgi_ssec_illegal),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
