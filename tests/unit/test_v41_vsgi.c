/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * GICv4.1 vSGIs: the VSGI command, GITS_SGIR, GICR_VSGIR/GICR_VSGIPENDR
 * and the vCPU interface's view of them -- spec/gicv41.md §13 rows 18 to
 * 23 (s13_rowNN_*), plus the vSGI paths the rows leave out (priority
 * against vLPIs, Group 0, GITS_SGIR access rules).  Expected results from
 * the sections cited (§3.6, §4, §5.3, §7.4, §8.2, §9), written before
 * running gicits.
 */
#include "v41_fixture.h"

/* Row 18 (§3.6, §4): VSGI{X, 3, Enable, Group 1, 0xA0} + VSYNC, GITS_SGIR
 * {X, 3}, X resident with VGrp1En: vSGI 3 at priority 0xA0 (top nibble:
 * 0xA7 is encoded as 0xA0), acknowledged without active state. */
static void s13_row18_vsgi_to_resident_vpe(void **state)
{
	struct v41 *v = v41_new();

	(void)state;
	vpe_vsgi(v, 1, 0, DB0, 3, true, true, 0xA7);
	vpe_cmd(v, GICITS_CMD_VSYNC, 1);
	sched(v, 0, 1, true);
	sgir(v, 1, 3);
	assert_false(pend(v, 0, DB0));
	vpmr(v, 0, 0xA0); /* priority 0xA0 is not below 0xA0 */
	assert_int_equal(vhppi(v, 0), GICITS_INTID_SPURIOUS);
	vpmr(v, 0, 0xA8);
	assert_int_equal(vhppi(v, 0), 3);
	assert_int_equal(vack(v, 0), 3);
	assert_int_equal(vsgi_query(v, 0, 1), 0); /* no longer pending */
	assert_int_equal(vhppi(v, 0), GICITS_INTID_SPURIOUS);
	assert_int_equal(gicits_vcpu_eoi(v->s.gic, 0, 3), GICITS_OK);
	v41_free(v);
}

/* Row 19 (§7.4, §8.2, §9 item 8): X descheduled with Doorbell = 1: vSGI 3
 * recorded pending, default doorbell D on X's RD; on the next schedule
 * vSGI 3 is delivered. */
static void s13_row19_vsgi_to_nonresident_vpe(void **state)
{
	struct v41 *v = v41_new();

	(void)state;
	armed_vpe_vsgi(v, 1, 2, DB0, 3, true, true, 0xA0);
	sgir(v, 1, 3);
	assert_true(pend(v, 2, DB0));
	assert_int_equal(vsgi_query(v, 2, 1), 1u << 3);
	sched(v, 1, 1, true); /* on another RD of the group (§3.3) */
	vpmr(v, 1, 0xff);
	assert_int_equal(vhppi(v, 1), 3);
	v41_free(v);
}

/* Row 20 (§7.4): resident with VGrp1En = 0, GITS_SGIR {X, 3}: not
 * delivered; gicits keeps it pending (GIC-700 may drop it). */
static void s13_row20_vsgi_group_disabled(void **state)
{
	struct v41 *v = v41_new();

	(void)state;
	vpe_vsgi(v, 1, 0, DB0, 3, true, true, 0xA0);
	run(v, 0, 1, false);
	sgir(v, 1, 3);
	assert_int_equal(vhppi(v, 0), GICITS_INTID_SPURIOUS);
	assert_int_equal(vack(v, 0), GICITS_INTID_SPURIOUS);
	assert_int_equal(vsgi_query(v, 0, 1), 1u << 3);
	/* and it does not count for PendingLast with VGrp1En = 0 (§5.2,
	 * §8.2 rule 4) */
	assert_false(desched(v, 0, true, false));
	v41_free(v);
}

/* Row 21 (§3.6): VSGI{Clear = 1} clears pending and keeps the
 * configuration; VSGI{Clear = 0, Enable = 0} changes the configuration and
 * keeps the pending bit. */
static void s13_row21_clear_vs_configure(void **state)
{
	struct v41 *v = v41_new();

	(void)state;
	vpe_vsgi(v, 1, 0, DB0, 3, true, true, 0x40);
	run(v, 0, 1, true);
	sgir(v, 1, 3);
	vsgi(v, 1, 3, true, false, false, 0);
	assert_int_equal(vsgi_query(v, 0, 1), 0);
	assert_int_equal(vhppi(v, 0), GICITS_INTID_SPURIOUS);
	sgir(v, 1, 3); /* still enabled, Group 1, 0x40 */
	assert_int_equal(vhppi(v, 0), 3);
	vsgi(v, 1, 3, false, false, true, 0x40);
	assert_int_equal(vsgi_query(v, 0, 1), 1u << 3);
	assert_int_equal(vhppi(v, 0), GICITS_INTID_SPURIOUS);
	vsgi(v, 1, 3, false, true, true, 0x40);
	assert_int_equal(vhppi(v, 0), 3);
	v41_free(v);
}

/* Row 22 (§3.6): VSGI to an unmapped vPE: no effect, no error; GITS_SGIR
 * for it is ignored (§4, §12 item 9). */
static void s13_row22_vsgi_to_unmapped_vpe(void **state)
{
	struct v41 *v = v41_new();

	(void)state;
	vsgi(v, 4, 3, false, true, true, 0xA0);
	v->watch = "GITS_SGIR";
	sgir(v, 4, 3);
	assert_int_equal(v->rule_hits, 1);
	vmapp(v, 4, 0, DB0, true, false);
	assert_int_equal(vsgi_query(v, 0, 4), 0);
	/* the VSGI before the VMAPP configured nothing either */
	run(v, 0, 4, true);
	sgir(v, 4, 3);
	assert_int_equal(vsgi_query(v, 0, 4), 1u << 3);
	assert_int_equal(vhppi(v, 0), GICITS_INTID_SPURIOUS);
	v41_free(v);
}

/* Row 23 (§5.3): GICR_VSGIR = X at X's RD: VSGIPENDR.Busy = 1 then 0 with
 * Pending[15:0] = X's vSGI pending bits; a second VSGIR write while Busy
 * starts a new query (one permitted outcome).  The vPE need not be
 * resident. */
static void s13_row23_vsgipendr_query(void **state)
{
	struct ts_desc d;
	struct v41 *v;
	uint64_t x = 0;

	(void)state;
	v41_desc(&d);
	d.gic.vpe_dirty_reads = 2;
	v = v41_new_with(&d);
	vmapp(v, 1, 0, NO_DB, true, false);
	vmapp(v, 2, 0, NO_DB, true, false);
	sgir(v, 1, 0);
	sgir(v, 1, 15);
	sgir(v, 2, 7);
	assert_int_equal(
		gicits_rdist_write(v->s.gic, 0, GICITS_GICR_VSGIR, 4, 1),
		GICITS_OK);
	assert_int_equal(
		gicits_rdist_read(v->s.gic, 0, GICITS_GICR_VSGIPENDR, 4, &x),
		GICITS_OK);
	assert_int_equal(x >> 31, 1);
	assert_int_equal(
		gicits_rdist_write(v->s.gic, 0, GICITS_GICR_VSGIR, 4, 2),
		GICITS_OK);
	assert_int_equal(
		gicits_rdist_read(v->s.gic, 0, GICITS_GICR_VSGIPENDR, 4, &x),
		GICITS_OK);
	assert_int_equal(x >> 31, 1);
	assert_int_equal(
		gicits_rdist_read(v->s.gic, 0, GICITS_GICR_VSGIPENDR, 4, &x),
		GICITS_OK);
	assert_int_equal(x >> 31, 1);
	assert_int_equal(
		gicits_rdist_read(v->s.gic, 0, GICITS_GICR_VSGIPENDR, 4, &x),
		GICITS_OK);
	assert_int_equal(x, 1u << 7); /* the restarted query: vPE 2 */
	assert_int_equal(vsgi_query(v, 0, 1), 0x8001);
	v41_free(v);
}

/* §4, §9 item 8: a vSGI with Enable = 0 does not ring the doorbell (§8.2
 * rule 4); enabling it by VSGI re-evaluates and rings. */
static void vsgi_disabled_then_enabled_rings(void **state)
{
	struct v41 *v = v41_new();

	(void)state;
	armed_vpe_vsgi(v, 1, 0, DB0, 5, false, true, 0x80);
	sgir(v, 1, 5);
	assert_false(pend(v, 0, DB0));
	vsgi(v, 1, 5, false, true, true, 0x80);
	assert_true(pend(v, 0, DB0));
	v41_free(v);
}

/* §5.2: a pending enabled Group 1 vSGI at the deschedule makes PendingLast
 * 1 and Doorbell count as 0. */
static void vsgi_counts_for_pendinglast(void **state)
{
	struct v41 *v = v41_new();

	(void)state;
	vpe_vsgi(v, 1, 0, DB0, 2, true, true, 0x80);
	sched(v, 0, 1, true);
	sgir(v, 1, 2);
	assert_true(desched(v, 0, true, false));
	sgir(v, 1, 4); /* not configured: disabled */
	vsgi(v, 1, 4, false, true, true, 0x80);
	assert_false(pend(v, 0, DB0)); /* Doorbell was treated as 0 */
	v41_free(v);
}

/* Group 0 vSGIs (§8.2 rule 4, the vCPU interface is Group 1 only,
 * <gicits/vcpu.h>): not signalled, but ring the doorbell when VGrp0En was
 * 1 at the deschedule and not when it was 0. */
static void vsgi_group0(void **state)
{
	struct v41 *v = v41_new();

	(void)state;
	vpe_vsgi(v, 1, 0, DB0, 1, true, false, 0x80);
	vpend_w(v, 0, VP_VALID | VP_PL | VP_G1 | 1);
	vpmr(v, 0, 0xff);
	sgir(v, 1, 1);
	assert_int_equal(vhppi(v, 0), GICITS_INTID_SPURIOUS);
	vsgi(v, 1, 1, true, false, false, 0);
	assert_false(desched(v, 0, true, false)); /* VGrp0En 0 */
	sgir(v, 1, 1);
	assert_false(pend(v, 0, DB0));
	vsgi(v, 1, 1, true, false, false, 0);
	vpend_w(v, 0, VP_VALID | VP_PL | VP_G0 | VP_G1 | 1);
	assert_false(desched(v, 0, true, false));
	sgir(v, 1, 1);
	assert_true(pend(v, 0, DB0));
	v41_free(v);
}

/* A vSGI and a vLPI compete by priority (§7.4); at equal priority the
 * lower INTID, the vSGI, goes first (<gicits/vcpu.h>). */
static void vsgi_against_vlpi(void **state)
{
	struct v41 *v = v41_new();

	(void)state;
	vpe_vlpi(v, 1, 0, DB0, 5, LPI(5));
	vconf(v, LPI(5), 0x61);
	vsgi(v, 1, 9, false, true, true, 0x80);
	run(v, 0, 1, true);
	sgir(v, 1, 9);
	msi(v, 5);
	assert_int_equal(vhppi(v, 0), LPI(5));
	vsgi(v, 1, 9, false, true, true, 0x60);
	assert_int_equal(vhppi(v, 0), 9);
	vsgi(v, 1, 9, false, true, true, 0x40);
	assert_int_equal(vack(v, 0), 9);
	/* running priority 0x40: the vLPI at 0x60 waits for the EOI */
	assert_int_equal(vhppi(v, 0), GICITS_INTID_SPURIOUS);
	assert_int_equal(gicits_vcpu_eoi(v->s.gic, 0, 9), GICITS_OK);
	assert_int_equal(vack(v, 0), LPI(5));
	v41_free(v);
}

/* GITS_SGIR (§2, §4): 64-bit write-only in the vSGI frame; reads RAZ; a
 * 32-bit access is refused; RES0 bits set: ignored (reported); absent
 * on a GICv4.0 ITS. */
static void gits_sgir_access(void **state)
{
	struct v41 *v = v41_new();
	struct ts_desc d;
	struct ts_sys s;
	uint64_t x = 1;

	(void)state;
	vmapp(v, 1, 0, NO_DB, true, false);
	assert_int_equal(
		gicits_its_mmio_write(v->s.its, GICITS_GITS_SGIR, 4, 3, 0),
		GICITS_EACCESS);
	assert_int_equal(
		gicits_its_mmio_read(v->s.its, GICITS_GITS_SGIR, 8, &x),
		GICITS_OK);
	assert_int_equal(x, 0);
	assert_int_equal(gicits_its_mmio_write(v->s.its, GICITS_GITS_SGIR, 8,
					       1ULL << 32 | 1u << 8 | 3, 0),
			 GICITS_OK);
	assert_int_equal(vsgi_query(v, 0, 1), 0);
	sgir(v, 1, 3);
	assert_int_equal(vsgi_query(v, 0, 1), 1u << 3);
	v41_free(v);

	ts_desc_default(&d);
	d.gic.version = GICITS_GIC_V4_0;
	d.its.gic = GICITS_GIC_V4_0;
	assert_int_equal(ts_sys_create(&s, &d), GICITS_OK);
	assert_int_equal(
		gicits_its_mmio_write(s.its, GICITS_GITS_SGIR, 8, 3, 0),
		GICITS_EINVAL);
	ts_sys_destroy(&s);
}

/* VSGI's error (model-specific, §3.9): a vPEID beyond the vPE table. */
static void vsgi_vpeid_oor(void **state)
{
	struct v41 *v = v41_new();
	struct gicits_cmd c;

	(void)state;
	gicits_cmd_vsgi(&c, 300, 1, false, true, true, 0x80); /* 256 fit */
	err(v, &c, 0x01230A);
	assert_int_equal(GICITS_E_ITS_VSGI_VPEID_OOR, 0x01230A);
	v41_free(v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(s13_row18_vsgi_to_resident_vpe),
		cmocka_unit_test(s13_row19_vsgi_to_nonresident_vpe),
		cmocka_unit_test(s13_row20_vsgi_group_disabled),
		cmocka_unit_test(s13_row21_clear_vs_configure),
		cmocka_unit_test(s13_row22_vsgi_to_unmapped_vpe),
		cmocka_unit_test(s13_row23_vsgipendr_query),
		cmocka_unit_test(vsgi_disabled_then_enabled_rings),
		cmocka_unit_test(vsgi_counts_for_pendinglast),
		cmocka_unit_test(vsgi_group0),
		cmocka_unit_test(vsgi_against_vlpi),
		cmocka_unit_test(gits_sgir_access),
		cmocka_unit_test(vsgi_vpeid_oor),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
