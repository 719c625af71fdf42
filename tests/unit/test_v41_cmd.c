/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * GICv4.1 in the ITS: the gic knob and the ID registers of
 * spec/gicv41.md §1 (GITS_TYPER Virtual/VMOVP/VSGI/VMAPP/SVPET/nID,
 * GITS_BASER2's 16-byte entries, GITS_MPIDR, GICR_TYPER
 * VLPIS/RVPEID/VSGI/Dirty, GICR_CTLR.IR), the <gicits/cmd.h> encoders of
 * the 4.1 layouts (§3.1 against Arm's FVP example words), and each 4.1
 * command's success and every error code (model-specific values, §3.9,
 * written as numbers so that a changed value in error.h fails here):
 * VMAPP (4.1 layout: Alloc, PTZ, VCONF_addr, default doorbell), VMOVP
 * (DB, default doorbell), VMAPTI/VMAPI with 1023, INVDB, VSGI, and INVDB
 * and VSGI as unknown commands on a GICv4.0 ITS.
 */
#include "v41_fixture.h"

#include "gicits/sink.h"

static uint64_t its64(struct v41 *v, uint32_t off)
{
	uint64_t x = 0;

	assert_int_equal(gicits_its_mmio_read(v->s.its, off, 8, &x), GICITS_OK);
	return x;
}

/* §1: what a GICv4.1 ITS and redistributor advertise. */
static void id_registers(void **state)
{
	struct v41 *v = v41_new();
	uint64_t t = its64(v, GICITS_GITS_TYPER), x = 1;

	(void)state;
	assert_int_equal(t >> 1 & 1, 1); /* Virtual */
	assert_int_equal(t >> 37 & 1, 1); /* VMOVP: one ITS */
	assert_int_equal(t >> 39 & 1, 1); /* VSGI */
	assert_int_equal(t >> 40 & 1, 1); /* VMAPP: 4.1 layout */
	assert_int_equal(t >> 41 & 3, 1); /* SVPET: shared, Aff3 */
	assert_int_equal(t >> 43 & 1, 0); /* nID: individual doorbells */
	/* GITS_BASER2: vPE table (Type 2), 16-byte entries */
	x = its64(v, GICITS_GITS_BASER(2));
	assert_int_equal(x >> 56 & 7, 2);
	assert_int_equal((x >> 48 & 0x1f) + 1, 16);
	assert_int_equal(
		gicits_its_mmio_read(v->s.its, GICITS_GITS_MPIDR, 4, &x),
		GICITS_OK);
	assert_int_equal(x, 0);
	assert_int_equal(gicits_its_mmio_read(v->s.its, 0xFFE8, 4, &x),
			 GICITS_OK);
	assert_int_equal(x >> 4 & 0xf, 4); /* PIDR2.ArchRev: GICv4.x */
	for (unsigned cpu = 0; cpu < 4; cpu++) {
		assert_int_equal(gicits_rdist_read(v->s.gic, cpu,
						   GICITS_GICR_TYPER, 8, &t),
				 GICITS_OK);
		assert_int_equal(t >> 1 & 1, 1); /* VLPIS */
		assert_int_equal(t >> 2 & 1, 1); /* Dirty: RES1 in 4.1 */
		assert_int_equal(t >> 7 & 1, 1); /* RVPEID */
		assert_int_equal(t >> 26 & 1, 1); /* VSGI */
		assert_int_equal(t >> 24 & 3, 0); /* CommonLPIAff: all */
		assert_int_equal(gicits_rdist_read(v->s.gic, cpu,
						   GICITS_GICR_CTLR, 4, &t),
				 GICITS_OK);
		assert_int_equal(t >> 2 & 1, 1); /* IR */
	}
	v41_free(v);
}

/* The knob: a 4.1 ITS needs a 4.1 gic; a 4.0 ITS refuses a 4.1 gic; a
 * 4.1 ITS over an LPI sink is not supported (doorbells and vSGIs are the
 * gic's); gic config knobs out of range are refused. */
static void knob_refusals(void **state)
{
	struct ts_desc d;
	struct ts_sys s;
	struct gicits_its *its = NULL;
	struct gicits_gic *g = NULL;
	struct gicits_gic_config gc;

	(void)state;
	v41_desc(&d);
	d.no_its = true;
	assert_int_equal(ts_sys_create(&s, &d), GICITS_OK);
	d.its.gic = GICITS_GIC_V4_0;
	assert_int_equal(gicits_its_create(&d.its, s.gic, &s.mem, &its),
			 GICITS_EINVAL);
	d.its.gic = GICITS_GIC_V4_1;
	assert_int_equal(gicits_its_create_with_sink(&d.its,
						     gicits_gic_lpi_sink_ops(),
						     s.gic, &s.mem, &its),
			 GICITS_ENOTSUP);
	d.its.ite_size = 8;
	assert_int_equal(gicits_its_create(&d.its, s.gic, &s.mem, &its),
			 GICITS_EINVAL);
	d.its.ite_size = 16;
	assert_int_equal(gicits_its_create(&d.its, s.gic, &s.mem, &its),
			 GICITS_OK);
	gicits_its_destroy(its);
	ts_sys_destroy(&s);

	gicits_gic_config_default(&gc);
	assert_int_equal(gc.vpeid_bits, 16);
	assert_int_equal(gc.v41_early_write, GICITS_V41_IGNORE);
	assert_int_equal(gc.v41_no_vprop, GICITS_V41_IGNORE);
	assert_int_equal(gc.v41_resident_change, GICITS_V41_IGNORE);
	assert_int_equal(gc.v41_wide_vpeid, GICITS_V41_IGNORE);
	gc.version = GICITS_GIC_V4_1;
	gc.vpeid_bits = 17;
	assert_int_equal(gicits_gic_create(&gc, &s.mem, &g), GICITS_EINVAL);
	gc.vpeid_bits = 0;
	assert_int_equal(gicits_gic_create(&gc, &s.mem, &g), GICITS_EINVAL);
	gc.vpeid_bits = 16;
	gc.v41_resident_change = (enum gicits_v41_policy)3;
	assert_int_equal(gicits_gic_create(&gc, &s.mem, &g), GICITS_EINVAL);
	gc.v41_resident_change = GICITS_V41_IGNORE;
	gc.v41_early_write = GICITS_V41_READBACK; /* rows 8/9 have two */
	assert_int_equal(gicits_gic_create(&gc, &s.mem, &g), GICITS_EINVAL);
}

/* §3.1: the encoders produce Arm's FVP example VMAPP word for word:
 * 0000000080090329 : 0000000000002000 : 8000000000000000 :
 * 00000000800a000e (Alloc, PTZ, VCONF 0x80090000, doorbell 8192, vPEID 0,
 * V, RDbase 0, VPT_size 14, VPT 0x800a0000). */
static void encoders_match_fvp(void **state)
{
	struct gicits_cmd c;

	(void)state;
	gicits_cmd_vmapp41(&c, 0, 0, 0x800a0000, 14, true, true, true,
			   0x80090000, 8192);
	assert_int_equal(c.dw[0], 0x0000000080090329ULL);
	assert_int_equal(c.dw[1], 0x0000000000002000ULL);
	assert_int_equal(c.dw[2], 0x8000000000000000ULL);
	assert_int_equal(c.dw[3], 0x00000000800a000eULL);
	/* VMOVP 4.1: DB DW2[63], default doorbell DW3[31:0] (§3.3) */
	gicits_cmd_vmovp41(&c, 7, 3, true, 8200);
	assert_int_equal(c.dw[0], GICITS_CMD_VMOVP);
	assert_int_equal(c.dw[1], 7ULL << 32);
	assert_int_equal(c.dw[2], 1ULL << 63 | 3ULL << 16);
	assert_int_equal(c.dw[3], 8200);
	gicits_cmd_vmovp41(&c, 7, 3, false, 8200);
	assert_int_equal(c.dw[2], 3ULL << 16);
	assert_int_equal(c.dw[3], 0);
	/* INVDB (§3.5) */
	gicits_cmd_invdb(&c, 0x1234);
	assert_int_equal(c.dw[0], 0x2E);
	assert_int_equal(c.dw[1], 0x1234ULL << 32);
	/* VSGI (§3.6): Enable 8, Clear 9, Group 10, Priority [23:20],
	 * vINTID [35:32] */
	gicits_cmd_vsgi(&c, 5, 3, false, true, true, 0xA7);
	assert_int_equal(c.dw[0],
			 3ULL << 32 | 0xAULL << 20 | 1u << 10 | 1u << 8 | 0x23);
	assert_int_equal(c.dw[1], 5ULL << 32);
	gicits_cmd_vsgi(&c, 5, 3, true, true, true, 0xA7);
	assert_int_equal(c.dw[0], 3ULL << 32 | 1u << 9 | 0x23);
}

/* VMAPP 4.1 (§3.1, §3.2): the entry holds VPT, VPT_size (DW3[7:0]), RD,
 * VCONF_addr and the default doorbell; V = 0 unmaps. */
static void vmapp41_writes_entry(void **state)
{
	struct v41 *v = v41_new();
	struct gicits_cmd c;
	uint64_t w0, w1;

	(void)state;
	vmapp(v, 3, 2, DB0, true, false);
	w0 = ts_peek64(&v->s, VT + 3 * 16);
	w1 = ts_peek64(&v->s, VT + 3 * 16 + 8);
	assert_int_equal(w0 >> 63, 1);
	assert_int_equal(w0 >> 58 & 0x1f, VPT_SIZE);
	assert_int_equal(w0 & 0x000FFFFFFFFF0000ULL, VPT(3));
	assert_int_equal(w0 & 0xffff, 2);
	assert_int_equal((w1 & 0xFFFFFFFFFULL) << 16, VCONF);
	assert_int_equal(w1 >> 36 & 0xFFFFFF, DB0);
	/* VPT_size from DW3[7:0]: 0x1F fits a 32-bit gic? no: 16 bits */
	gicits_cmd_vmapp41(&c, 3, 2, VPT(3), 16, true, false, false, VCONF,
			   DB0);
	err(v, &c, 0x01290D);
	vunmap(v, 3, true);
	assert_int_equal(ts_peek64(&v->s, VT + 3 * 16) >> 63, 0);
	v41_free(v);
}

/* Every VMAPP error on a 4.1 ITS (model-specific values, §3.9). */
static void vmapp41_errors(void **state)
{
	struct v41 *v = v41_new();
	struct gicits_cmd c;

	(void)state;
	gicits_cmd_vmapp41(&c, 256, 0, VPT(0), VPT_SIZE, true, true, false,
			   VCONF, DB0);
	err(v, &c, 0x01290A); /* VPEID_OOR: 256 entries */
	gicits_cmd_vmapp41(&c, 1, 0, VPT(0), 16, true, true, false, VCONF, DB0);
	err(v, &c, 0x01290D); /* VPTSIZE_OOR: 17 bits > 16 */
	gicits_cmd_vmapp41(&c, 1, 4, VPT(0), VPT_SIZE, true, true, false, VCONF,
			   DB0);
	err(v, &c, 0x012902); /* PROCNUM_OOR */
	gicits_cmd_vmapp41(&c, 1, 0, VPT(0), VPT_SIZE, true, true, false, VCONF,
			   8000);
	err(v, &c, 0x012906); /* default doorbell not an LPI nor 1023 */
	assert_int_equal(GICITS_E_ITS_VMAPP_PHYSICALID_OOR, 0x012906);
	gicits_cmd_vmapp41(&c, 1, 0, VPT(0), VPT_SIZE, true, true, false, VCONF,
			   NO_DB);
	ok(v, &c); /* 1023: none */
	assert_int_equal(ts_peek64(&v->s, VT + 16) >> 63, 1);
	v41_free(v);
	{
		struct ts_desc d;

		v41_desc(&d);
		d.gic.vpeid_bits = 7; /* 128 vPEs; the table holds 256 */
		v = v41_new_with(&d);
	}
	gicits_cmd_vmapp41(&c, 200, 0, VPT(0), VPT_SIZE, true, true, false,
			   VCONF, DB0);
	err(v, &c, 0x01290A); /* beyond GICD_TYPER2.VID + 1 bits */
	v->watch = "VMAPP.PTZ";
	gicits_cmd_vmapp41(&c, 2, 0, VPT(2), VPT_SIZE, true, false, true, VCONF,
			   NO_DB);
	ok(v, &c); /* §3.2: PTZ without Alloc: a strict finding only */
	assert_int_equal(v->rule_hits, 1);
	v41_free(v);
}

/* VMOVP 4.1 (§3.3): the new RD in the entry; DB = 1 replaces the default
 * doorbell in the entry, DB = 0 keeps it; errors. */
static void vmovp41_and_errors(void **state)
{
	struct v41 *v = v41_new();
	struct gicits_cmd c;

	(void)state;
	vmapp(v, 3, 0, DB0, true, false);
	gicits_cmd_vmovp41(&c, 3, 2, true, DB1);
	ok(v, &c);
	assert_int_equal(ts_peek64(&v->s, VT + 48) & 0xffff, 2);
	assert_int_equal(ts_peek64(&v->s, VT + 56) >> 36 & 0xFFFFFF, DB1);
	assert_int_equal((ts_peek64(&v->s, VT + 56) & 0xFFFFFFFFFULL) << 16,
			 VCONF);
	gicits_cmd_vmovp41(&c, 3, 1, false, DB0);
	ok(v, &c);
	assert_int_equal(ts_peek64(&v->s, VT + 48) & 0xffff, 1);
	assert_int_equal(ts_peek64(&v->s, VT + 56) >> 36 & 0xFFFFFF, DB1);
	gicits_cmd_vmovp41(&c, 3, 1, true, 9);
	err(v, &c, 0x012206);
	assert_int_equal(GICITS_E_ITS_VMOVP_PHYSICALID_OOR, 0x012206);
	gicits_cmd_vmovp41(&c, 300, 1, true, DB0);
	err(v, &c, 0x01220A);
	gicits_cmd_vmovp41(&c, 3, 9, true, DB0);
	err(v, &c, 0x012202);
	gicits_cmd_vmovp41(&c, 4, 1, true, DB0);
	err(v, &c, 0x01220B);
	v41_free(v);
}

/* VMAPTI/VMAPI on 4.1 with 1023 (§3.4): mapped, and delivered through the
 * vPE (resident: to the vCPU interface). */
static void vmapti_vmapi_1023(void **state)
{
	struct v41 *v = v41_new();
	struct gicits_cmd c;

	(void)state;
	vpe_vlpi(v, 1, 0, NO_DB, 5, LPI(9));
	gicits_cmd_vmapi(&c, 1, 20, 1, NO_DB);
	err(v, &c, 0x012B0C); /* vINTID = EventID 20: not an LPI */
	run(v, 0, 1, true);
	msi(v, 5);
	assert_int_equal(vhppi(v, 0), LPI(9));
	gicits_cmd_vmapti(&c, 1, 6, 1, 100, NO_DB);
	err(v, &c, 0x012A0C); /* VIRTUALID_OOR */
	gicits_cmd_vmapti(&c, 1, 6, 300, LPI(3), NO_DB);
	err(v, &c, 0x012A0A); /* VPEID_OOR */
	v41_free(v);
}

/* INVDB (§3.5): success and its two errors (model-specific). */
static void invdb_and_errors(void **state)
{
	struct v41 *v = v41_new();
	struct gicits_cmd c;

	(void)state;
	gicits_cmd_invdb(&c, 300);
	err(v, &c, 0x012E0A);
	gicits_cmd_invdb(&c, 5);
	err(v, &c, 0x012E0B);
	assert_int_equal(GICITS_E_ITS_INVDB_VPEID_OOR, 0x012E0A);
	assert_int_equal(GICITS_E_ITS_INVDB_UNMAPPED_VPE, 0x012E0B);
	vmapp(v, 5, 0, DB0, true, false);
	gicits_cmd_invdb(&c, 5);
	ok(v, &c);
	assert_string_equal(gicits_strerror(0x012E0B),
			    "E_ITS_INVDB_UNMAPPED_VPE");
	v41_free(v);
}

/* INVDB and VSGI exist only on a GICv4.1 ITS (§3): unknown commands on a
 * GICv4.0 one. */
static void v40_refuses_invdb_vsgi(void **state)
{
	struct ts_desc d;
	struct ts_sys s;
	struct gicits_cmd c;
	struct gicits_its_status st;

	(void)state;
	ts_desc_default(&d);
	d.gic.version = GICITS_GIC_V4_0;
	d.its.gic = GICITS_GIC_V4_0;
	assert_int_equal(ts_sys_create(&s, &d), GICITS_OK);
	gicits_cmd_invdb(&c, 0);
	assert_int_equal(ts_cmd(&s, &c), GICITS_OK);
	assert_int_equal(gicits_its_status(s.its, &st), GICITS_OK);
	assert_int_equal(st.last_error, GICITS_E_ITS_UNKNOWN_COMMAND);
	gicits_cmd_vsgi(&c, 0, 0, false, true, true, 0);
	assert_int_equal(ts_cmd(&s, &c), GICITS_OK);
	assert_int_equal(gicits_its_status(s.its, &st), GICITS_OK);
	assert_int_equal(st.errors, 2);
	ts_sys_destroy(&s);
}

/* A two-level vPE table on both sides (§6: level-1 descriptors [63]
 * Valid, [51:12] page): VMAPP writes the level-2 entry and the RD finds it
 * through an Indirect GICR_VPROPBASER. */
static void two_level_vpe_table(void **state)
{
	struct ts_desc d;
	struct v41 *v = calloc(1, sizeof(*v));
	struct gicits_cmd c;
	uint64_t l2 = VT + 0x1000;
	uint32_t vpe = 0;

	(void)state;
	assert_non_null(v);
	v41_desc(&d);
	d.gic.trace = v41_trace;
	d.gic.trace_opaque = v;
	d.no_enable = true;
	assert_int_equal(ts_sys_create(&v->s, &d), GICITS_OK);
	memset(ts_host(&v->s, VCONF, 0x10000), CFG_ON, 0x10000);
	ts_poke64(&v->s, VT + 8, TS_VALID | l2); /* vPEIDs 256..511 */
	assert_int_equal(gicits_its_mmio_write(v->s.its, GICITS_GITS_BASER(2),
					       8, TS_VALID | TS_INDIRECT | VT,
					       0),
			 GICITS_OK);
	assert_int_equal(
		gicits_its_mmio_write(v->s.its, GICITS_GITS_CTLR, 4, 1, 0),
		GICITS_OK);
	assert_int_equal(gicits_rdist_write(v->s.gic, 1, GICITS_GICR_VPROPBASER,
					    8, vpropbaser(VT) | 1ULL << 55),
			 GICITS_OK);
	v->watch = "GICR_VPROPBASER.shared";
	gicits_cmd_vmapp41(&c, 300, 1, VPT(4), VPT_SIZE, true, true, false,
			   VCONF, DB0);
	ok(v, &c);
	assert_int_equal(ts_peek64(&v->s, l2 + (300 - 256) * 16) >> 63, 1);
	vbit_set(v, 4, LPI(3));
	sched(v, 1, 300, true);
	assert_int_equal(v->rule_hits, 0);
	assert_int_equal(gicits_vcpu_resident_vpeid(v->s.gic, 1, &vpe), 1);
	assert_int_equal(vpe, 300);
	vpmr(v, 1, 0xff);
	assert_int_equal(vhppi(v, 1), LPI(3));
	/* vPEID 0..255 have no level-2 page: VMAPP refuses them */
	gicits_cmd_vmapp41(&c, 3, 1, VPT(3), VPT_SIZE, true, true, false, VCONF,
			   DB0);
	err(v, &c, 0x01290A);
	v41_free(v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(id_registers),
		cmocka_unit_test(knob_refusals),
		cmocka_unit_test(encoders_match_fvp),
		cmocka_unit_test(vmapp41_writes_entry),
		cmocka_unit_test(vmapp41_errors),
		cmocka_unit_test(vmovp41_and_errors),
		cmocka_unit_test(vmapti_vmapi_1023),
		cmocka_unit_test(invdb_and_errors),
		cmocka_unit_test(v40_refuses_invdb_vsgi),
		cmocka_unit_test(two_level_vpe_table),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
