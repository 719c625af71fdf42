/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Redistributors: GICR_* registers, EnableLPIs and the pending table,
 * SETLPIR/CLRLPIR.  The HPPLPI configuration cache is in
 * test_rdist_cache.c, the CPU interface and pending state moved by ITS
 * commands in test_rdist_cpu.c.
 */
#include "rdist_sys.h"

/* ---- GIC creation and GICR_TYPER ------------------------------------ */

static void gic_create_rules(void **state)
{
	struct gicits_gic_config c;
	struct test_ram ram;
	struct gicits_gic *g = NULL;

	(void)state;
	test_ram_init(&ram, 0, 0x1000);
	gicits_gic_config_default(&c);
	assert_int_equal(c.num_cpus, 4);
	assert_int_equal(c.pri_bits, 5);
	assert_int_equal(c.intid_bits, 16);
	assert_true(c.ces);
	assert_int_equal(gicits_gic_create(NULL, &ram.mem, &g), GICITS_EINVAL);
	assert_int_equal(gicits_gic_create(&c, NULL, &g), GICITS_EINVAL);
	assert_int_equal(gicits_gic_create(&c, &ram.mem, NULL), GICITS_EINVAL);
	c.num_cpus = 0;
	assert_int_equal(gicits_gic_create(&c, &ram.mem, &g), GICITS_EINVAL);
	gicits_gic_config_default(&c);
	c.intid_bits = 13;
	assert_int_equal(gicits_gic_create(&c, &ram.mem, &g), GICITS_EINVAL);
	gicits_gic_config_default(&c);
	c.pri_bits = 3;
	assert_int_equal(gicits_gic_create(&c, &ram.mem, &g), GICITS_EINVAL);
	gicits_gic_config_default(&c);
	c.pri_bits = 9;
	assert_int_equal(gicits_gic_create(&c, &ram.mem, &g), GICITS_EINVAL);
	assert_null(g);
	gicits_gic_config_default(&c);
	assert_int_equal(gicits_gic_create(&c, &ram.mem, &g), GICITS_OK);
	assert_int_equal(gicits_gic_num_cpus(g), 4);
	assert_int_equal(gicits_gic_intid_bits(g), 16);
	gicits_gic_destroy(g);
	gicits_gic_destroy(NULL);
	test_ram_fini(&ram);
}

static void typer_fields(void **state)
{
	struct gicits_gic_config c;
	struct sys *s;
	unsigned cpu;

	(void)state;
	gicits_gic_config_default(&c);
	c.num_cpus = 300; /* Aff1 != 0 for CPUs 256.. */
	s = sys_new(&c);
	for (cpu = 0; cpu < 300; cpu++) {
		uint64_t t = rd_r(s, cpu, GICITS_GICR_TYPER, 8);

		assert_int_equal(t & 1, 1); /* PLPIS */
		assert_int_equal(t >> 1 & 1, 0); /* VLPIS: GICv3 */
		assert_int_equal(t >> 3 & 1, 1); /* DirectLPI */
		assert_int_equal(t >> 4 & 1, cpu == 299); /* Last */
		assert_int_equal(t >> 8 & 0xffff, cpu); /* Processor_Number */
		assert_int_equal(t >> 32 & 0xff, cpu & 0xff); /* Aff0 */
		assert_int_equal(t >> 40 & 0xff, cpu >> 8); /* Aff1 */
		assert_int_equal(t >> 48, 0); /* Aff2, Aff3 */
		/* 32-bit halves */
		assert_int_equal(rd_r(s, cpu, GICITS_GICR_TYPER, 4),
				 t & 0xffffffffu);
		assert_int_equal(rd_r(s, cpu, GICITS_GICR_TYPER + 4, 4),
				 t >> 32);
	}
	/* 4-CPU gic: only RD 3 is Last */
	sys_free(s);
	s = sys_new(NULL);
	for (cpu = 0; cpu < 4; cpu++)
		assert_int_equal(rd_r(s, cpu, GICITS_GICR_TYPER, 8) >> 4 & 1,
				 cpu == 3);
	sys_free(s);
}

static void id_and_ctlr_registers(void **state)
{
	struct gicits_gic_config c;
	struct sys *s = sys_new(NULL);

	(void)state;
	assert_int_equal(rd_r(s, 0, GICITS_GICR_IIDR, 4), 0x43b);
	assert_int_equal(rd_r(s, 0, GICITS_GICR_PIDR2, 4) >> 4 & 0xf,
			 3); /* ArchRev */
	/* CES and IR set, EnableLPIs and RWP clear at reset */
	assert_int_equal(rd_r(s, 1, GICITS_GICR_CTLR, 4), CTLR_CES | CTLR_IR);
	sys_free(s);
	gicits_gic_config_default(&c);
	c.ces = false;
	s = sys_new(&c);
	assert_int_equal(rd_r(s, 0, GICITS_GICR_CTLR, 4), CTLR_IR);
	sys_free(s);
}

/* ---- access rules ---------------------------------------------------- */

static void access_rules(void **state)
{
	struct sys *s = sys_new(NULL);
	uint64_t v;

	(void)state;
	/* bad CPU */
	assert_int_equal(gicits_rdist_read(s->gic, 4, GICITS_GICR_CTLR, 4, &v),
			 GICITS_ENOENT);
	assert_int_equal(gicits_rdist_write(s->gic, 4, GICITS_GICR_CTLR, 4, 1),
			 GICITS_ENOENT);
	/* NULL pointers, offset beyond the 64 KB frame */
	assert_int_equal(
		gicits_rdist_read(s->gic, 0, GICITS_GICR_CTLR, 4, NULL),
		GICITS_EINVAL);
	assert_int_equal(gicits_rdist_read(NULL, 0, GICITS_GICR_CTLR, 4, &v),
			 GICITS_EINVAL);
	assert_int_equal(gicits_rdist_write(NULL, 0, GICITS_GICR_CTLR, 4, 0),
			 GICITS_EINVAL);
	assert_int_equal(gicits_rdist_read(s->gic, 0, 0x10000, 4, &v),
			 GICITS_EINVAL);
	assert_int_equal(gicits_rdist_write(s->gic, 0, 0x10000, 4, 0),
			 GICITS_EINVAL);
	/* sizes other than 4/8 */
	assert_int_equal(gicits_rdist_read(s->gic, 0, GICITS_GICR_CTLR, 2, &v),
			 GICITS_EACCESS);
	assert_int_equal(gicits_rdist_read(s->gic, 0, GICITS_GICR_CTLR, 1, &v),
			 GICITS_EACCESS);
	assert_int_equal(gicits_rdist_write(s->gic, 0, GICITS_GICR_CTLR, 2, 1),
			 GICITS_EACCESS);
	assert_int_equal(
		gicits_rdist_read(s->gic, 0, GICITS_GICR_TYPER, 16, &v),
		GICITS_EACCESS);
	/* misaligned */
	assert_int_equal(
		gicits_rdist_read(s->gic, 0, GICITS_GICR_CTLR + 2, 4, &v),
		GICITS_EACCESS);
	assert_int_equal(
		gicits_rdist_read(s->gic, 0, GICITS_GICR_TYPER + 4, 8, &v),
		GICITS_EACCESS);
	assert_int_equal(
		gicits_rdist_write(s->gic, 0, GICITS_GICR_PROPBASER + 4, 8, 0),
		GICITS_EACCESS);
	/* 8-byte access to 32-bit registers (and to reserved space) */
	assert_int_equal(gicits_rdist_read(s->gic, 0, GICITS_GICR_CTLR, 8, &v),
			 GICITS_EACCESS);
	assert_int_equal(gicits_rdist_write(s->gic, 0, GICITS_GICR_CTLR, 8, 1),
			 GICITS_EACCESS);
	assert_int_equal(
		gicits_rdist_read(s->gic, 0, GICITS_GICR_STATUSR, 8, &v),
		GICITS_EACCESS);
	assert_int_equal(gicits_rdist_read(s->gic, 0, GICITS_GICR_SYNCR, 8, &v),
			 GICITS_EACCESS);
	assert_int_equal(gicits_rdist_read(s->gic, 0, 0x1000, 8, &v),
			 GICITS_EACCESS);
	/* a refused write changed nothing */
	assert_false(rd_r(s, 0, GICITS_GICR_CTLR, 4) & CTLR_ENABLE_LPIS);
	assert_int_equal(rd_r(s, 0, GICITS_GICR_STATUSR, 4), 0);
	sys_free(s);
}

static void reserved_offsets_and_statusr(void **state)
{
	struct sys *s = sys_new(NULL);
	uint64_t v = 0x1234;
	unsigned n;

	(void)state;
	assert_int_equal(rd_r(s, 0, GICITS_GICR_STATUSR, 4), 0);
	/* reserved read: RAZ, RRD, traced */
	n = s->ntrace[GICITS_TRACE_REG];
	assert_int_equal(gicits_rdist_read(s->gic, 0, 0x1000, 4, &v),
			 GICITS_OK);
	assert_int_equal(v, 0);
	assert_int_equal(rd_r(s, 0, GICITS_GICR_STATUSR, 4), ST_RRD);
	assert_int_equal(s->ntrace[GICITS_TRACE_REG], n + 1);
	assert_string_equal(s->last_source, "rdist");
	assert_string_equal(s->last_rule, "GICR_STATUSR.RRD");
	/* reserved write: WI, WRD */
	rd_w(s, 0, 0x1000, 4, 0xffffffff);
	assert_int_equal(rd_r(s, 0, 0x1000, 4), 0);
	assert_int_equal(rd_r(s, 0, GICITS_GICR_STATUSR, 4), ST_RRD | ST_WRD);
	/* read of write-only registers: RAZ, RWOD */
	assert_int_equal(rd_r(s, 0, GICITS_GICR_SETLPIR, 8), 0);
	assert_int_equal(rd_r(s, 0, GICITS_GICR_CLRLPIR, 4), 0);
	assert_int_equal(rd_r(s, 0, GICITS_GICR_INVLPIR, 8), 0);
	assert_int_equal(rd_r(s, 0, GICITS_GICR_INVALLR + 4, 4), 0);
	assert_int_equal(rd_r(s, 0, GICITS_GICR_STATUSR, 4),
			 ST_RRD | ST_WRD | ST_RWOD);
	/* write of read-only registers: WI, WROD */
	rd_w(s, 0, GICITS_GICR_TYPER, 8, 0);
	assert_int_equal(rd_r(s, 0, GICITS_GICR_TYPER, 8) >> 4 & 1, 0);
	assert_int_equal(rd_r(s, 0, GICITS_GICR_TYPER, 8) & 1, 1);
	rd_w(s, 0, GICITS_GICR_IIDR, 4, 0);
	assert_int_equal(rd_r(s, 0, GICITS_GICR_IIDR, 4), 0x43b);
	assert_int_equal(rd_r(s, 0, GICITS_GICR_STATUSR, 4), 0xf);
	assert_string_equal(s->last_rule, "GICR_STATUSR.WROD");
	/* other redistributors are unaffected */
	assert_int_equal(rd_r(s, 1, GICITS_GICR_STATUSR, 4), 0);
	/* W1C: writing 0 clears nothing, 1s clear only their bits */
	rd_w(s, 0, GICITS_GICR_STATUSR, 4, 0);
	assert_int_equal(rd_r(s, 0, GICITS_GICR_STATUSR, 4), 0xf);
	rd_w(s, 0, GICITS_GICR_STATUSR, 4, ST_RRD | ST_RWOD);
	assert_int_equal(rd_r(s, 0, GICITS_GICR_STATUSR, 4), ST_WRD | ST_WROD);
	rd_w(s, 0, GICITS_GICR_STATUSR, 4, 0xffffffff);
	assert_int_equal(rd_r(s, 0, GICITS_GICR_STATUSR, 4), 0);
	/* a PIDR2 write is WROD too */
	rd_w(s, 2, GICITS_GICR_PIDR2, 4, 0);
	assert_int_equal(rd_r(s, 2, GICITS_GICR_STATUSR, 4), ST_WROD);
	sys_free(s);
}

static void waker_and_syncr(void **state)
{
	struct sys *s = sys_new(NULL);

	(void)state;
	/* reset: ProcessorSleep = ChildrenAsleep = 1 */
	assert_int_equal(rd_r(s, 0, GICITS_GICR_WAKER, 4), 0x6);
	rd_w(s, 0, GICITS_GICR_WAKER, 4, 0);
	assert_int_equal(rd_r(s, 0, GICITS_GICR_WAKER, 4), 0);
	assert_int_equal(rd_r(s, 1, GICITS_GICR_WAKER, 4), 0x6);
	/* ChildrenAsleep is read-only: it follows ProcessorSleep */
	rd_w(s, 0, GICITS_GICR_WAKER, 4, 0x4);
	assert_int_equal(rd_r(s, 0, GICITS_GICR_WAKER, 4), 0);
	rd_w(s, 0, GICITS_GICR_WAKER, 4, 0x2);
	assert_int_equal(rd_r(s, 0, GICITS_GICR_WAKER, 4), 0x6);
	/* SYNCR: never Busy, also right after invalidations */
	assert_int_equal(rd_r(s, 0, GICITS_GICR_SYNCR, 4), 0);
	rd_enable(s, 0);
	setlpi(s, 0, 8200);
	rd_w(s, 0, GICITS_GICR_INVALLR, 8, 0);
	rd_w(s, 0, GICITS_GICR_INVLPIR, 8, 8200);
	rd_w(s, 0, GICITS_GICR_CLRLPIR, 8, 8200);
	assert_int_equal(rd_r(s, 0, GICITS_GICR_SYNCR, 4), 0);
	/* SYNCR is read-only */
	rd_w(s, 0, GICITS_GICR_SYNCR, 4, 1);
	assert_int_equal(rd_r(s, 0, GICITS_GICR_SYNCR, 4), 0);
	assert_int_equal(rd_r(s, 0, GICITS_GICR_STATUSR, 4), ST_WROD);
	sys_free(s);
}

/* ---- PROPBASER / PENDBASER ------------------------------------------ */

static void baser_registers(void **state)
{
	struct sys *s = sys_new(NULL);
	uint64_t prop = 0x0123456789abc000ULL | 0x780 | 0xf; /* many bits */
	uint64_t v;

	(void)state;
	rd_w(s, 0, GICITS_GICR_PROPBASER, 8, prop);
	v = rd_r(s, 0, GICITS_GICR_PROPBASER, 8);
	/* PA[51:12] and IDbits are kept, as written */
	assert_int_equal(v & 0x000ffffffffff000ULL,
			 prop & 0x000ffffffffff000ULL);
	assert_int_equal(v & 0x1f, 0xf);
	/* 32-bit halves read */
	assert_int_equal(rd_r(s, 0, GICITS_GICR_PROPBASER, 4), v & 0xffffffffu);
	assert_int_equal(rd_r(s, 0, GICITS_GICR_PROPBASER + 4, 4), v >> 32);
	/* 32-bit halves write, each leaving the other half */
	rd_w(s, 0, GICITS_GICR_PROPBASER, 8, 0);
	rd_w(s, 0, GICITS_GICR_PROPBASER, 4, PROP_PA | 13);
	assert_int_equal(rd_r(s, 0, GICITS_GICR_PROPBASER, 8), PROP_PA | 13);
	rd_w(s, 0, GICITS_GICR_PROPBASER + 4, 4, 0x5);
	assert_int_equal(rd_r(s, 0, GICITS_GICR_PROPBASER, 8),
			 0x500000000ULL | PROP_PA | 13);
	rd_w(s, 0, GICITS_GICR_PROPBASER, 4, PROP_PA | 15);
	assert_int_equal(rd_r(s, 0, GICITS_GICR_PROPBASER, 8),
			 0x500000000ULL | PROP_PA | 15);

	/* PENDBASER: PTZ is write-only, reads 0 */
	rd_w(s, 0, GICITS_GICR_PENDBASER, 8, PEND_PA(0) | PTZ);
	assert_int_equal(rd_r(s, 0, GICITS_GICR_PENDBASER, 8), PEND_PA(0));
	assert_int_equal(rd_r(s, 0, GICITS_GICR_PENDBASER + 4, 4), 0);
	/* PA[15:0] is RES0 (64 KB aligned) */
	rd_w(s, 0, GICITS_GICR_PENDBASER, 8, PEND_PA(0) | 0xf000);
	assert_int_equal(rd_r(s, 0, GICITS_GICR_PENDBASER, 8), PEND_PA(0));
	/* halves */
	rd_w(s, 0, GICITS_GICR_PENDBASER, 4, 0x00ab0000);
	rd_w(s, 0, GICITS_GICR_PENDBASER + 4, 4, 0x1 | (uint32_t)(PTZ >> 32));
	assert_int_equal(rd_r(s, 0, GICITS_GICR_PENDBASER, 8), 0x100ab0000ULL);
	assert_int_equal(rd_r(s, 0, GICITS_GICR_PENDBASER, 4), 0x00ab0000);
	/* per redistributor */
	assert_int_equal(rd_r(s, 1, GICITS_GICR_PROPBASER, 8), 0);
	assert_int_equal(rd_r(s, 1, GICITS_GICR_PENDBASER, 8), 0);
	sys_free(s);
}

static void baser_writes_ignored_while_enabled(void **state)
{
	struct sys *s = sys_new(NULL);
	unsigned n;

	(void)state;
	rd_enable(s, 0);
	n = s->ntrace[GICITS_TRACE_REG];
	rd_w(s, 0, GICITS_GICR_PROPBASER, 8, 0x200000 | 13);
	rd_w(s, 0, GICITS_GICR_PROPBASER, 4, 0);
	rd_w(s, 0, GICITS_GICR_PROPBASER + 4, 4, 0xff);
	rd_w(s, 0, GICITS_GICR_PENDBASER, 8, PEND_PA(3));
	rd_w(s, 0, GICITS_GICR_PENDBASER + 4, 4, 0xff);
	assert_int_equal(rd_r(s, 0, GICITS_GICR_PROPBASER, 8), PROP_PA | 15);
	assert_int_equal(rd_r(s, 0, GICITS_GICR_PENDBASER, 8), PEND_PA(0));
	assert_int_equal(s->ntrace[GICITS_TRACE_REG], n + 5);
	/* the LPI configuration still comes from the original table */
	lpi_cfg(s, 8200, 0x40, true);
	setlpi(s, 0, 8200);
	assert_int_equal(hppi(s, 0), 8200);
	/* writable again once EnableLPIs is cleared */
	rd_w(s, 0, GICITS_GICR_CTLR, 4, 0);
	rd_w(s, 0, GICITS_GICR_PROPBASER, 8, 0x200000 | 13);
	assert_int_equal(rd_r(s, 0, GICITS_GICR_PROPBASER, 8), 0x200000 | 13);
	sys_free(s);
}

/* ---- EnableLPIs ------------------------------------------------------ */

static void enable_loads_pending_table(void **state)
{
	struct sys *s = sys_new(NULL);

	(void)state;
	set_pend_bit(s, 1, 8197);
	set_pend_bit(s, 1, 8300);
	set_pend_bit(s, 1, 65535);
	lpi_cfg(s, 8300, 0x10, true);
	assert_false(pending(s, 1, 8197));
	rd_enable_ex(s, 1, 15, false);
	assert_true(pending(s, 1, 8197));
	assert_true(pending(s, 1, 8300));
	assert_true(pending(s, 1, 65535));
	assert_false(pending(s, 1, 8198));
	/* the load is followed by a scan of the configuration */
	assert_int_equal(hppi(s, 1), 8300);
	/* other RDs do not see RD 1's table */
	rd_enable_ex(s, 2, 15, false);
	assert_false(pending(s, 2, 8197));
	sys_free(s);
}

static void enable_with_ptz_skips_load(void **state)
{
	struct sys *s = sys_new(NULL);

	(void)state;
	set_pend_bit(s, 0, 8197);
	rd_enable_ex(s, 0, 15, true);
	assert_false(pending(s, 0, 8197));
	assert_int_equal(hppi(s, 0), GICITS_INTID_SPURIOUS);
	/* PTZ written through the upper 32-bit half works too */
	set_pend_bit(s, 1, 8197);
	rd_w(s, 1, GICITS_GICR_PROPBASER, 8, PROP_PA | 15);
	rd_w(s, 1, GICITS_GICR_PENDBASER, 4, (uint32_t)PEND_PA(1));
	rd_w(s, 1, GICITS_GICR_PENDBASER + 4, 4, (uint32_t)(PTZ >> 32));
	rd_w(s, 1, GICITS_GICR_CTLR, 4, 1);
	assert_false(pending(s, 1, 8197));
	sys_free(s);
}

static void ptz_applies_to_one_enable(void **state)
{
	struct sys *s = sys_new(NULL);

	(void)state;
	rd_enable_ex(s, 0, 15, true);
	setlpi(s, 0, 8210);
	rd_w(s, 0, GICITS_GICR_CTLR, 4, 0); /* writes 8210 back */
	assert_true(pend_bit(s, 0, 8210));
	/* re-enable without rewriting PENDBASER: the table is loaded */
	rd_w(s, 0, GICITS_GICR_CTLR, 4, 1);
	assert_true(pending(s, 0, 8210));
	sys_free(s);
}

static void disable_writes_back(void **state)
{
	struct sys *s = sys_new(NULL);
	unsigned n;

	(void)state;
	rd_enable(s, 0);
	setlpi(s, 0, 8193);
	setlpi(s, 0, 8300);
	setlpi(s, 0, 65535);
	/* software writing the table while EnableLPIs == 1 is UNPREDICTABLE
	 * (IHI 0069H.b, LPI Pending tables): the write-back writes only the
	 * bytes that hold pending LPIs (O(pending)), so such a bit stays */
	set_pend_bit(s, 0, 8250);
	assert_false(pend_bit(s, 0, 8193));
	n = s->notified[0];
	rd_w(s, 0, GICITS_GICR_CTLR, 4, 0);
	assert_int_equal(rd_r(s, 0, GICITS_GICR_CTLR, 4) & CTLR_ENABLE_LPIS, 0);
	assert_true(s->notified[0] > n);
	assert_true(pend_bit(s, 0, 8193));
	assert_true(pend_bit(s, 0, 8300));
	assert_true(pend_bit(s, 0, 65535));
	assert_true(pend_bit(s, 0, 8250));
	assert_false(pend_bit(s, 0, 8192));
	assert_false(pend_bit(s, 0, 8194));
	/* the redistributor holds nothing while disabled */
	assert_false(pending(s, 0, 8193));
	assert_int_equal(hppi(s, 0), GICITS_INTID_SPURIOUS);
	assert_int_equal(gicits_cpu_ack(s->gic, 0), GICITS_INTID_SPURIOUS);
	/* SETLPIR/CLRLPIR have no effect with EnableLPIs == 0 */
	setlpi(s, 0, 8194);
	assert_false(pending(s, 0, 8194));
	rd_w(s, 0, GICITS_GICR_CLRLPIR, 8, 8193);
	assert_true(pend_bit(s, 0, 8193));
	/* other RDs' tables untouched */
	assert_false(pend_bit(s, 1, 8193));
	sys_free(s);
}

/* A loaded LPI that stopped pending reads 0 after the write-back (the
 * load zeroes what it took in, so the write-back is O(pending)). */
static void disable_clears_loaded(void **state)
{
	struct sys *s = sys_new(NULL);

	(void)state;
	set_pend_bit(s, 0, 8197);
	set_pend_bit(s, 0, 8198);
	set_pend_bit(s, 0, 9000);
	rd_enable_ex(s, 0, 15, false);
	assert_true(pending(s, 0, 8197));
	rd_w(s, 0, GICITS_GICR_CLRLPIR, 8, 8197);
	rd_w(s, 0, GICITS_GICR_CLRLPIR, 8, 9000);
	rd_w(s, 0, GICITS_GICR_CTLR, 4, 0);
	assert_false(pend_bit(s, 0, 8197));
	assert_true(pend_bit(s, 0, 8198));
	assert_false(pend_bit(s, 0, 9000));
	/* and loads again */
	rd_w(s, 0, GICITS_GICR_CTLR, 4, CTLR_ENABLE_LPIS);
	assert_true(pending(s, 0, 8198));
	assert_false(pending(s, 0, 8197));
	sys_free(s);
}

static void disable_refused_without_ces(void **state)
{
	struct gicits_gic_config c;
	struct sys *s;

	(void)state;
	gicits_gic_config_default(&c);
	c.ces = false;
	s = sys_new(&c);
	rd_enable(s, 0);
	setlpi(s, 0, 8200);
	rd_w(s, 0, GICITS_GICR_CTLR, 4, 0);
	assert_int_equal(rd_r(s, 0, GICITS_GICR_CTLR, 4),
			 CTLR_IR | CTLR_ENABLE_LPIS);
	assert_string_equal(s->last_rule, "GICR_CTLR.CES");
	assert_true(pending(s, 0, 8200));
	assert_false(pend_bit(s, 0, 8200)); /* no write-back */
	assert_int_equal(hppi(s, 0), 8200);
	sys_free(s);
}

static void idbits_below_13_drops_all(void **state)
{
	struct sys *s = sys_new(NULL);
	unsigned f;

	(void)state;
	for (f = 0; f <= 12; f += 4) {
		rd_enable_ex(s, 0, f, true);
		setlpi(s, 0, 8192);
		setlpi(s, 0, 8200);
		assert_false(pending(s, 0, 8192));
		assert_false(pending(s, 0, 8200));
		rd_w(s, 0, GICITS_GICR_CTLR, 4, 0);
	}
	/* IDbits = 13 is the smallest that accepts LPIs (14 bits) */
	rd_enable_ex(s, 0, 13, true);
	setlpi(s, 0, 8192);
	assert_true(pending(s, 0, 8192));
	sys_free(s);
}

static void intids_beyond_idbits_dropped(void **state)
{
	struct gicits_gic_config c;
	struct sys *s = sys_new(NULL);

	(void)state;
	rd_enable_ex(s, 0, 13, true); /* 14 bits: up to 16383 */
	setlpi(s, 0, 16383);
	setlpi(s, 0, 16384);
	setlpi(s, 0, 40000);
	assert_true(pending(s, 0, 16383));
	assert_false(pending(s, 0, 16384));
	assert_false(pending(s, 0, 40000));
	/* INTIDs below 8192 are never LPIs */
	setlpi(s, 0, 8191);
	setlpi(s, 0, 27);
	assert_false(pending(s, 0, 8191));
	assert_false(pending(s, 0, 27));
	sys_free(s);

	/* the RD width is min(PROPBASER.IDbits, GICD_TYPER.IDbits) + 1 */
	gicits_gic_config_default(&c);
	c.intid_bits = 14;
	s = sys_new(&c);
	rd_enable_ex(s, 0, 15, true);
	setlpi(s, 0, 16383);
	setlpi(s, 0, 16384);
	assert_true(pending(s, 0, 16383));
	assert_false(pending(s, 0, 16384));
	sys_free(s);
}

/* ---- SETLPIR / CLRLPIR ---------------------------------------------- */

static void setlpir_clrlpir(void **state)
{
	struct sys *s = sys_new(NULL);

	(void)state;
	rd_enable(s, 0);
	setlpi(s, 0, 8200);
	assert_true(pending(s, 0, 8200));
	assert_false(pending(s, 1, 8200));
	setlpi(s, 0, 8200); /* already pending: unchanged */
	assert_true(pending(s, 0, 8200));
	/* 32-bit write to the low half zero-extends */
	rd_w(s, 0, GICITS_GICR_SETLPIR, 4, 8201);
	assert_true(pending(s, 0, 8201));
	/* the upper half alone does nothing */
	rd_w(s, 0, GICITS_GICR_SETLPIR + 4, 4, 8202);
	assert_false(pending(s, 0, 8202));
	/* only [31:0] is the INTID */
	rd_w(s, 0, GICITS_GICR_SETLPIR, 8, 0xabcd00000000ULL | 8203);
	assert_true(pending(s, 0, 8203));
	/* CLRLPIR */
	rd_w(s, 0, GICITS_GICR_CLRLPIR, 8, 8200);
	assert_false(pending(s, 0, 8200));
	rd_w(s, 0, GICITS_GICR_CLRLPIR, 8, 8200); /* not pending: no effect */
	assert_false(pending(s, 0, 8200));
	rd_w(s, 0, GICITS_GICR_CLRLPIR + 4, 4, 8201);
	assert_true(pending(s, 0, 8201));
	rd_w(s, 0, GICITS_GICR_CLRLPIR, 4, 8201);
	assert_false(pending(s, 0, 8201));
	/* clearing the HPPLPI makes the next one signalled */
	setlpi(s, 0, 8204);
	assert_int_equal(hppi(s, 0), 8203);
	rd_w(s, 0, GICITS_GICR_CLRLPIR, 8, 8203);
	assert_int_equal(hppi(s, 0), 8204);
	rd_w(s, 0, GICITS_GICR_CLRLPIR, 8, 8204);
	assert_int_equal(hppi(s, 0), GICITS_INTID_SPURIOUS);
	sys_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(gic_create_rules),
		cmocka_unit_test(typer_fields),
		cmocka_unit_test(id_and_ctlr_registers),
		cmocka_unit_test(access_rules),
		cmocka_unit_test(reserved_offsets_and_statusr),
		cmocka_unit_test(waker_and_syncr),
		cmocka_unit_test(baser_registers),
		cmocka_unit_test(baser_writes_ignored_while_enabled),
		cmocka_unit_test(enable_loads_pending_table),
		cmocka_unit_test(enable_with_ptz_skips_load),
		cmocka_unit_test(ptz_applies_to_one_enable),
		cmocka_unit_test(disable_clears_loaded),
		cmocka_unit_test(disable_writes_back),
		cmocka_unit_test(disable_refused_without_ces),
		cmocka_unit_test(idbits_below_13_drops_all),
		cmocka_unit_test(intids_beyond_idbits_dropped),
		cmocka_unit_test(setlpir_clrlpir),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
