/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The distributor's register block (GICD_CTLR, GICD_TYPER, GICD_TYPER2,
 * GICD_IIDR, GICD_PIDR2; the distributor block of <gicits/rdist.h>):
 * spec/gicv41.md §13 row 32 (s13_row32_*), the reset values, each write
 * rule of GICD_CTLR, and the access errors.  Expected results from the
 * sections cited (spec/gicv41.md §1, §4, §9; spec/its.md §5.4; IHI 0069
 * GICD_CTLR / GICD_TYPER / GICD_TYPER2 as the digest quotes them), written
 * before running gicits.
 */
#include "v41_fixture.h"

#include "rdist/rdist_internal.h"

#include <pthread.h>

#define G0 GICITS_GICD_CTLR_ENABLE_GRP0
#define G1 GICITS_GICD_CTLR_ENABLE_GRP1
#define NASS GICITS_GICD_CTLR_NASSGIREQ
#define RAO (GICITS_GICD_CTLR_ARE | GICITS_GICD_CTLR_DS)
#define RWP GICITS_GICD_CTLR_RWP

/* A bare gic (no ITS, no memory use) with its trace records counted. */
struct gd {
	struct test_ram ram;
	struct gicits_gic *gic;
	unsigned regs, findings;
	char last_rule[64];
};

static void gd_trace(void *opaque, const struct gicits_trace_record *r)
{
	struct gd *g = opaque;

	assert_string_equal(r->source, "gicd");
	if (r->kind == GICITS_TRACE_REG)
		g->regs++;
	else if (r->kind == GICITS_TRACE_FINDING)
		g->findings++;
	strncpy(g->last_rule, r->rule, sizeof(g->last_rule) - 1);
}

static void gd_cfg(struct gicits_gic_config *c, enum gicits_gic_version ver)
{
	gicits_gic_config_default(c);
	c->version = ver;
	c->trace = gd_trace;
}

static struct gd *gd_new_with(struct gicits_gic_config *c)
{
	struct gd *g = calloc(1, sizeof(*g));

	assert_non_null(g);
	test_ram_init(&g->ram, 0x40000000, 0x10000);
	c->trace_opaque = g;
	assert_int_equal(gicits_gic_create(c, &g->ram.mem, &g->gic), GICITS_OK);
	return g;
}

static struct gd *gd_new(enum gicits_gic_version ver)
{
	struct gicits_gic_config c;

	gd_cfg(&c, ver);
	return gd_new_with(&c);
}

static void gd_free(struct gd *g)
{
	gicits_gic_destroy(g->gic);
	test_ram_fini(&g->ram);
	free(g);
}

static uint32_t rd(struct gd *g, uint32_t off)
{
	uint64_t v = 0xdead;

	assert_int_equal(gicits_gicd_read(g->gic, off, 4, &v), GICITS_OK);
	assert_true(v <= 0xffffffffu);
	return (uint32_t)v;
}

static void wr(struct gd *g, uint32_t off, uint32_t v)
{
	assert_int_equal(gicits_gicd_write(g->gic, off, 4, v), GICITS_OK);
}

/* GICD_CTLR without RWP (which a read may show for the window). */
static uint32_t ctlr(struct gd *g)
{
	return rd(g, GICITS_GICD_CTLR) & ~RWP;
}

/*
 * §13 row 32: GICD_CTLR.nASSGIreq written while EnableGrp1 is set ->
 * ignored (WI); with nASSGIcap == 0 the bit is RES0.  §1: "RES0 if
 * nASSGIcap==0; WI while EnableGrp0 or EnableGrp1 is set. Resets 0".
 */
static void s13_row32_nassgireq_write_rules(void **state)
{
	struct gicits_gic_config c;
	struct gd *g = gd_new(GICITS_GIC_V4_1);

	(void)state;
	/* GICv4.1 default: nASSGIcap = 1 (§1), nASSGIreq resets 0 */
	assert_int_equal(rd(g, GICITS_GICD_TYPER2) &
				 GICITS_GICD_TYPER2_NASSGICAP,
			 GICITS_GICD_TYPER2_NASSGICAP);
	assert_int_equal(ctlr(g) & NASS, 0);
	/* EnableGrp1 set, then nASSGIreq written 1 with it still set: WI
	 * (row 32), reported as a driver mistake; EnableGrp1 stays */
	wr(g, GICITS_GICD_CTLR, G1);
	wr(g, GICITS_GICD_CTLR, G1 | NASS);
	assert_int_equal(ctlr(g), RAO | G1);
	assert_int_equal(g->findings, 1);
	assert_string_equal(g->last_rule, "GICD_CTLR.nASSGIreq");
	assert_int_equal(gicits_gic_findings(g->gic), 1);
	gd_free(g);

	/* nASSGIcap == 0: the bit is RES0 -- written 1 with the groups
	 * disabled (where it would otherwise take) it reads 0 (row 32) */
	gd_cfg(&c, GICITS_GIC_V4_1);
	c.nassgicap = GICITS_NASSGICAP_OFF;
	g = gd_new_with(&c);
	assert_int_equal(
		rd(g, GICITS_GICD_TYPER2) & GICITS_GICD_TYPER2_NASSGICAP, 0);
	wr(g, GICITS_GICD_CTLR, NASS);
	assert_int_equal(ctlr(g), RAO);
	assert_string_equal(g->last_rule, "GICD_TYPER2.nASSGIcap");
	assert_int_equal(g->findings, 0); /* RES0: a REG record, no finding */
	wr(g, GICITS_GICD_CTLR, NASS | G1);
	assert_int_equal(ctlr(g), RAO | G1);
	gd_free(g);
}

/* Row 32's other side (§1, §9 step 2): with nASSGIcap = 1 and the groups
 * disabled, nASSGIreq is read/write. */
static void nassgireq_settable_while_disabled(void **state)
{
	struct gd *g = gd_new(GICITS_GIC_V4_1);

	(void)state;
	wr(g, GICITS_GICD_CTLR, NASS);
	assert_int_equal(ctlr(g), RAO | NASS);
	wr(g, GICITS_GICD_CTLR, 0);
	assert_int_equal(ctlr(g), RAO);
	/* Linux's gic_dist_init(): groups disabled before, one write
	 * enables Group 1 and sets nASSGIreq (the WI rule looks at the
	 * groups as they were) */
	wr(g, GICITS_GICD_CTLR, RAO | G0 | G1 | NASS);
	assert_int_equal(ctlr(g), RAO | G0 | G1 | NASS);
	/* enabled: clearing it is WI too (row 32) */
	wr(g, GICITS_GICD_CTLR, RAO | G1);
	assert_int_equal(ctlr(g), RAO | G1 | NASS);
	assert_int_equal(g->findings, 1);
	/* KVM / kvm-unit-tests: one write disables the groups and changes
	 * nASSGIreq: taken */
	wr(g, GICITS_GICD_CTLR, 0);
	assert_int_equal(ctlr(g), RAO);
	assert_int_equal(g->findings, 1);
	/* rewriting the same value while enabled is no change: no finding */
	wr(g, GICITS_GICD_CTLR, G1 | NASS);
	wr(g, GICITS_GICD_CTLR, G1 | NASS);
	assert_int_equal(ctlr(g), RAO | G1 | NASS);
	assert_int_equal(g->findings, 1);
	gd_free(g);
}

/* §1: "WI while EnableGrp0 or EnableGrp1 is set": Group 0 alone blocks. */
static void nassgireq_wi_with_grp0(void **state)
{
	struct gd *g = gd_new(GICITS_GIC_V4_1);

	(void)state;
	wr(g, GICITS_GICD_CTLR, G0);
	wr(g, GICITS_GICD_CTLR, G0 | NASS);
	assert_int_equal(ctlr(g), RAO | G0);
	assert_int_equal(g->findings, 1);
	/* and switching the enabled group (G0 -> G1) keeps it blocked */
	wr(g, GICITS_GICD_CTLR, G1 | NASS);
	assert_int_equal(ctlr(g), RAO | G1);
	assert_int_equal(g->findings, 2);
	gd_free(g);
}

/* Reset values per version: GICD_CTLR groups 0, nASSGIreq 0 (§1), ARE
 * and DS RAO (single Security state, no GICv2 compatibility); GICD_TYPER
 * LPIS = 1, IDbits = intid_bits - 1 (spec/its.md §5.4), DVIS with GICv4;
 * GICD_TYPER2 RES0 unless GICv4.1 (§1); IIDR Arm; PIDR2.ArchRev 3 / 4
 * (§1 "GITS/GICR PIDR2[7:4] 0x4 = GICv4.x"). */
static void gicd_reset_values(void **state)
{
	static const enum gicits_gic_version vers[] = { GICITS_GIC_V3,
							GICITS_GIC_V4_0,
							GICITS_GIC_V4_1 };

	(void)state;
	for (unsigned i = 0; i < 3; i++) {
		struct gd *g = gd_new(vers[i]);
		uint32_t t = rd(g, GICITS_GICD_TYPER);
		bool v4 = vers[i] != GICITS_GIC_V3;

		assert_int_equal(rd(g, GICITS_GICD_CTLR), 0x50); /* ARE, DS */
		assert_int_equal(t & 0x1f, 0); /* ITLinesNumber: no SPIs */
		assert_int_equal(t >> 10 & 1, 0); /* SecurityExtn (DS = 1) */
		assert_int_equal(t >> 11 & 0x1f, 0); /* num_LPIs: IDbits */
		assert_int_equal(t >> 17 & 1, 1); /* LPIS */
		assert_int_equal(t >> 18 & 1, v4); /* DVIS */
		assert_int_equal(t >> 19 & 0x1f, 15); /* 16 INTID bits */
		assert_int_equal(rd(g, GICITS_GICD_TYPER2),
				 vers[i] == GICITS_GIC_V4_1 ? 0x100 : 0);
		assert_int_equal(rd(g, GICITS_GICD_IIDR), 0x43B);
		assert_int_equal(rd(g, GICITS_GICD_PIDR2), v4 ? 0x4B : 0x3B);
		assert_int_equal(g->regs + g->findings, 0);
		gd_free(g);
	}
}

/* GICD_TYPER.IDbits follows the redistributors' INTID width; GICD_TYPER2
 * VIL/VID give the vPEID width (§1: "vPEID width = 16 if VIL==0, else
 * VID+1"). */
static void gicd_typer_widths(void **state)
{
	struct gicits_gic_config c;
	struct gd *g;

	(void)state;
	gd_cfg(&c, GICITS_GIC_V4_1);
	c.intid_bits = 20;
	c.vpeid_bits = 8;
	g = gd_new_with(&c);
	assert_int_equal(rd(g, GICITS_GICD_TYPER) >> 19 & 0x1f, 19);
	assert_int_equal(rd(g, GICITS_GICD_TYPER2), 0x100 | 0x80 | 7);
	assert_int_equal(gicits_gic_intid_bits(g->gic), 20);
	gd_free(g);

	gd_cfg(&c, GICITS_GIC_V4_1);
	c.vpeid_bits = 1;
	c.nassgicap = GICITS_NASSGICAP_ON;
	g = gd_new_with(&c);
	assert_int_equal(rd(g, GICITS_GICD_TYPER2), 0x100 | 0x80 | 0);
	gd_free(g);
}

/* GICD_CTLR's fixed bits: ARE, DS RAO/WI; E1NWF RAZ/WI; RES0 bits ignored
 * (a REG record); RWP read-only; nASSGIreq RES0 (RAZ/WI) before GICv4.1. */
static void gicd_ctlr_fixed_bits(void **state)
{
	struct gd *g = gd_new(GICITS_GIC_V4_0);

	(void)state;
	wr(g, GICITS_GICD_CTLR, 0);
	assert_int_equal(rd(g, GICITS_GICD_CTLR), RAO);
	wr(g, GICITS_GICD_CTLR, 1u << 7); /* E1NWF */
	assert_int_equal(rd(g, GICITS_GICD_CTLR), RAO);
	assert_int_equal(g->regs, 0);
	wr(g, GICITS_GICD_CTLR, RWP | 1u << 2 | 1u << 20 | G1);
	assert_int_equal(rd(g, GICITS_GICD_CTLR), RAO | G1);
	assert_int_equal(g->regs, 1);
	assert_string_equal(g->last_rule, "GICD_CTLR.RES0");
	/* GICv4.0: no GICD_TYPER2 (RES0), so nASSGIreq is RES0 */
	wr(g, GICITS_GICD_CTLR, NASS);
	assert_int_equal(rd(g, GICITS_GICD_CTLR), RAO);
	assert_int_equal(g->findings, 0);
	gd_free(g);
}

/* GICD_CTLR.RWP tracks group enables 1 -> 0 (IHI 0069 GICD_CTLR.RWP):
 * reads 0 by default (synchronous), and gicd_rwp_reads reads of 1 when
 * the window is modelled; setting an enable is not tracked. */
static void gicd_ctlr_rwp(void **state)
{
	struct gicits_gic_config c;
	struct gd *g = gd_new(GICITS_GIC_V4_1);

	(void)state;
	wr(g, GICITS_GICD_CTLR, G1);
	wr(g, GICITS_GICD_CTLR, 0);
	assert_int_equal(rd(g, GICITS_GICD_CTLR) & RWP, 0);
	gd_free(g);

	gd_cfg(&c, GICITS_GIC_V3);
	c.gicd_rwp_reads = 2;
	g = gd_new_with(&c);
	wr(g, GICITS_GICD_CTLR, G0 | G1); /* 0 -> 1: not tracked */
	assert_int_equal(rd(g, GICITS_GICD_CTLR), RAO | G0 | G1);
	wr(g, GICITS_GICD_CTLR, G1); /* Grp0 1 -> 0 */
	assert_int_equal(rd(g, GICITS_GICD_CTLR), RWP | RAO | G1);
	assert_int_equal(rd(g, GICITS_GICD_CTLR), RWP | RAO | G1);
	assert_int_equal(rd(g, GICITS_GICD_CTLR), RAO | G1);
	wr(g, GICITS_GICD_CTLR, G1); /* no change: not tracked */
	assert_int_equal(rd(g, GICITS_GICD_CTLR), RAO | G1);
	/* other registers do not use up the window */
	wr(g, GICITS_GICD_CTLR, 0);
	(void)rd(g, GICITS_GICD_TYPER);
	assert_int_equal(rd(g, GICITS_GICD_CTLR), RWP | RAO);
	gd_free(g);
}

/* Access rules, as the redistributors': 32-bit registers, 64-bit accesses
 * only in the GICD_IROUTER ranges, errors for bad sizes and offsets,
 * RAZ/WI with a REG record elsewhere, read-only registers WI. */
static void gicd_access_errors(void **state)
{
	struct gd *g = gd_new(GICITS_GIC_V4_1);
	uint64_t v = 0x1234;

	(void)state;
	wr(g, GICITS_GICD_CTLR, G1);
	assert_int_equal(gicits_gicd_read(g->gic, 0, 1, &v), GICITS_EACCESS);
	assert_int_equal(v, 0);
	assert_int_equal(gicits_gicd_read(g->gic, 0, 2, &v), GICITS_EACCESS);
	assert_int_equal(gicits_gicd_read(g->gic, 0, 8, &v), GICITS_EACCESS);
	assert_int_equal(gicits_gicd_read(g->gic, 2, 4, &v), GICITS_EACCESS);
	assert_int_equal(gicits_gicd_read(g->gic, 0x6104, 8, &v),
			 GICITS_EACCESS);
	assert_int_equal(gicits_gicd_read(g->gic, 0x10000, 4, &v),
			 GICITS_EINVAL);
	assert_int_equal(gicits_gicd_read(NULL, 0, 4, &v), GICITS_EINVAL);
	assert_int_equal(gicits_gicd_read(g->gic, 0, 4, NULL), GICITS_EINVAL);
	assert_int_equal(gicits_gicd_write(g->gic, 0, 8, 0), GICITS_EACCESS);
	assert_int_equal(gicits_gicd_write(g->gic, 0, 1, 0), GICITS_EACCESS);
	assert_int_equal(gicits_gicd_write(g->gic, 1, 4, 0), GICITS_EACCESS);
	assert_int_equal(gicits_gicd_write(g->gic, 0xFFFFFFFCu, 4, 0),
			 GICITS_EINVAL);
	assert_int_equal(gicits_gicd_write(NULL, 0, 4, 0), GICITS_EINVAL);
	/* none of those reached a register */
	assert_int_equal(ctlr(g), RAO | G1);
	assert_int_equal(g->regs, 0);

	/* 64-bit IROUTER: RAZ/WI */
	v = 1;
	assert_int_equal(gicits_gicd_read(g->gic, 0x6100, 8, &v), GICITS_OK);
	assert_int_equal(v, 0);
	assert_int_equal(gicits_gicd_write(g->gic, 0x8000, 8, ~0ULL),
			 GICITS_OK);
	assert_int_equal(g->regs, 2);
	/* unmodelled offsets: RAZ/WI with a record */
	wr(g, 0x0100, ~0u); /* GICD_ISENABLER0 */
	assert_int_equal(rd(g, 0x0100), 0);
	assert_int_equal(g->regs, 4);
	assert_string_equal(g->last_rule, "GICD.RAZ");
	/* read-only registers: WI with a record */
	wr(g, GICITS_GICD_TYPER, 0);
	wr(g, GICITS_GICD_TYPER2, 0);
	wr(g, GICITS_GICD_PIDR2, 0);
	wr(g, GICITS_GICD_IIDR, 0);
	assert_int_equal(g->regs, 8);
	assert_string_equal(g->last_rule, "GICD.RO");
	assert_int_equal(rd(g, GICITS_GICD_TYPER2), 0x100);
	assert_int_equal(rd(g, GICITS_GICD_TYPER) >> 17 & 1, 1);
	assert_int_equal(g->findings, 0);
	gd_free(g);
}

/* The knobs: nASSGIcap = 1 exists only with GICv4.1 (§1: GICD_TYPER2 is
 * a GICv4.1 register); out-of-range values are GICITS_EINVAL. */
static void gicd_config_knobs(void **state)
{
	struct gicits_gic_config c;
	struct test_ram ram;
	struct gicits_gic *gic = NULL;

	(void)state;
	test_ram_init(&ram, 0x40000000, 0x10000);
	gicits_gic_config_default(&c);
	assert_int_equal(c.nassgicap, GICITS_NASSGICAP_DEFAULT);
	assert_int_equal(c.gicd_rwp_reads, 0);
	c.nassgicap = GICITS_NASSGICAP_ON;
	assert_int_equal(gicits_gic_create(&c, &ram.mem, &gic), GICITS_EINVAL);
	c.version = GICITS_GIC_V4_0;
	assert_int_equal(gicits_gic_create(&c, &ram.mem, &gic), GICITS_EINVAL);
	c.version = GICITS_GIC_V4_1;
	c.nassgicap = (enum gicits_nassgicap)3;
	assert_int_equal(gicits_gic_create(&c, &ram.mem, &gic), GICITS_EINVAL);
	c.nassgicap = GICITS_NASSGICAP_OFF;
	c.gicd_rwp_reads = 1001;
	assert_int_equal(gicits_gic_create(&c, &ram.mem, &gic), GICITS_EINVAL);
	assert_null(gic);
	c.gicd_rwp_reads = 1000;
	assert_int_equal(gicits_gic_create(&c, &ram.mem, &gic), GICITS_OK);
	gicits_gic_destroy(gic);
	/* a GICv3 gic may say OFF (the value it has anyway) */
	c.version = GICITS_GIC_V3;
	assert_int_equal(gicits_gic_create(&c, &ram.mem, &gic), GICITS_OK);
	gicits_gic_destroy(gic);
	test_ram_fini(&ram);
}

/* What a snapshot carries (gic_gicd_save/restore): the GICD_CTLR bits
 * held; a restore refuses bits this distributor cannot hold (nASSGIreq
 * without nASSGIcap, §1) and carries no RWP window. */
static void gicd_save_restore(void **state)
{
	struct gicits_gic_config c;
	struct gd *g = gd_new(GICITS_GIC_V4_1), *h;

	(void)state;
	wr(g, GICITS_GICD_CTLR, NASS | G1);
	assert_int_equal(gic_gicd_save(g->gic), NASS | G1);
	gd_cfg(&c, GICITS_GIC_V4_1);
	c.gicd_rwp_reads = 5;
	h = gd_new_with(&c);
	assert_int_equal(gic_gicd_restore(h->gic, NASS | G1), GICITS_OK);
	assert_int_equal(rd(h, GICITS_GICD_CTLR), RAO | NASS | G1);
	assert_int_equal(gic_gicd_restore(h->gic, RAO), GICITS_EINVAL);
	assert_int_equal(rd(h, GICITS_GICD_CTLR), RAO | NASS | G1);
	gd_free(h);
	gd_cfg(&c, GICITS_GIC_V4_1);
	c.nassgicap = GICITS_NASSGICAP_OFF;
	h = gd_new_with(&c);
	assert_int_equal(gic_gicd_restore(h->gic, NASS | G1), GICITS_EINVAL);
	assert_int_equal(gic_gicd_restore(h->gic, G0 | G1), GICITS_OK);
	assert_int_equal(rd(h, GICITS_GICD_CTLR), RAO | G0 | G1);
	gd_free(h);
	gd_free(g);
}

/* §4, §9: the host distributor's nASSGIreq is about physical SGIs; a vSGI
 * is delivered without active state whatever it says (the guest opted
 * in on its own, emulated distributor).  Row 18's flow with nASSGIcap =
 * 0 on the host: delivered, acknowledged, and pending again at once when
 * re-sent before the EOI (no active state to wait for). */
static void vsgi_independent_of_host_nassgireq(void **state)
{
	struct ts_desc d;
	struct v41 *v;
	uint64_t x = 0;

	(void)state;
	v41_desc(&d);
	d.gic.nassgicap = GICITS_NASSGICAP_OFF;
	v = v41_new_with(&d);
	assert_int_equal(gicits_gicd_read(v->s.gic, GICITS_GICD_TYPER2, 4, &x),
			 GICITS_OK);
	assert_int_equal(x & GICITS_GICD_TYPER2_NASSGICAP, 0);
	vpe_vsgi(v, 1, 0, DB0, 3, true, true, 0xA0);
	vpe_cmd(v, GICITS_CMD_VSYNC, 1);
	run(v, 0, 1, true);
	sgir(v, 1, 3);
	assert_int_equal(vack(v, 0), 3);
	sgir(v, 1, 3);
	assert_int_equal(vsgi_query(v, 0, 1), 1u << 3);
	assert_int_equal(gicits_vcpu_eoi(v->s.gic, 0, 3), GICITS_OK);
	assert_int_equal(vack(v, 0), 3);
	v41_free(v);
}

/* Concurrent GICD_CTLR writers and readers (the state word is changed by
 * compare-and-swap, docs in src/rdist/gicd.c): while every write keeps a
 * group enabled, no interleaving lets nASSGIreq change (row 32), every
 * write that tries is one finding, and reads see only bits the register
 * has. */
#define GICD_ITERS 4000

static void *gicd_writer(void *arg)
{
	struct gd *g = arg;

	for (unsigned i = 0; i < GICD_ITERS; i++) {
		/* always a group enabled; nASSGIreq cleared every other time */
		uint32_t v = (i & 1 ? G0 : 0) | G1 | (i & 2 ? NASS : 0);

		assert_int_equal(
			gicits_gicd_write(g->gic, GICITS_GICD_CTLR, 4, v),
			GICITS_OK);
	}
	return NULL;
}

static void gicd_concurrent_wi(void **state)
{
	struct gicits_gic_config c;
	struct gd *g;
	pthread_t t[2];

	(void)state;
	gd_cfg(&c, GICITS_GIC_V4_1);
	c.gicd_rwp_reads = 3;
	c.trace = NULL;
	g = gd_new_with(&c);
	wr(g, GICITS_GICD_CTLR, NASS);
	wr(g, GICITS_GICD_CTLR, G1 | NASS);
	for (unsigned i = 0; i < 2; i++)
		assert_int_equal(pthread_create(&t[i], NULL, gicd_writer, g),
				 0);
	for (unsigned i = 0; i < GICD_ITERS; i++) {
		uint32_t v = rd(g, GICITS_GICD_CTLR);

		assert_int_equal(v & ~(RAO | G0 | G1 | NASS | RWP), 0);
		assert_int_equal(v & (RAO | NASS | G1), RAO | NASS | G1);
	}
	for (unsigned i = 0; i < 2; i++)
		assert_int_equal(pthread_join(t[i], NULL), 0);
	/* half of each writer's writes cleared nASSGIreq: all ignored */
	assert_int_equal(gicits_gic_findings(g->gic), GICD_ITERS);
	assert_int_equal(ctlr(g) & NASS, NASS);
	gd_free(g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(s13_row32_nassgireq_write_rules),
		cmocka_unit_test(nassgireq_settable_while_disabled),
		cmocka_unit_test(nassgireq_wi_with_grp0),
		cmocka_unit_test(gicd_reset_values),
		cmocka_unit_test(gicd_typer_widths),
		cmocka_unit_test(gicd_ctlr_fixed_bits),
		cmocka_unit_test(gicd_ctlr_rwp),
		cmocka_unit_test(gicd_access_errors),
		cmocka_unit_test(gicd_config_knobs),
		cmocka_unit_test(gicd_save_restore),
		cmocka_unit_test(vsgi_independent_of_host_nassgireq),
		cmocka_unit_test(gicd_concurrent_wi),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
