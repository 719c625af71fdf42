/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Redistributors and CPU interfaces: GICR_* registers, EnableLPIs and the
 * pending table, the HPPLPI configuration cache (every rescan trigger and
 * the events that must not rescan, include/gicits/rdist.h), the CPU
 * interface (PMR, priorities, running priority, EOI) and pending state moved
 * by ITS commands (MOVI, MOVALL).
 */
#include "harness.h"
#include "sys.h"

#include <string.h>

#include "gicits/cmd.h"
#include "gicits/error.h"
#include "gicits/its.h"
#include "gicits/rdist.h"

/* Guest memory layout */
#define RAM_SIZE 0x400000u
#define PROP_PA 0x100000u /* LPI configuration table (shared) */
#define PEND_PA(c) (0x200000u + (uint64_t)(c)*0x10000u) /* 64 KB aligned */
#define CQ_PA 0x300000u /* command queue, one 4 KB page */
#define CQ_SIZE 0x1000u
#define DT_PA 0x310000u
#define CT_PA 0x320000u
#define ITT_PA(d) (0x330000u + (uint64_t)(d)*0x1000u)

#define PTZ (1ULL << 62)
#define PRIO_DEFAULT 0xa0

/* CTLR bits */
#define CTLR_ENABLE_LPIS 1u
#define CTLR_CES 2u
#define CTLR_IR 4u

/* STATUSR bits */
#define ST_RRD 1u
#define ST_WRD 2u
#define ST_RWOD 4u
#define ST_WROD 8u

#define MAX_CPUS 8

struct sys {
	struct ts_sys t; /* RAM, gic, ITS (tests/support) */
	struct gicits_gic *gic; /* = t.gic, t.its */
	struct gicits_its *its;
	unsigned notified[MAX_CPUS];
	unsigned ntrace[GICITS_TRACE_FINDING + 1];
	char last_rule[96];
	char last_source[16];
};

static void on_trace(void *opaque, const struct gicits_trace_record *r)
{
	struct sys *s = opaque;

	if ((unsigned)r->kind <= GICITS_TRACE_FINDING)
		s->ntrace[r->kind]++;
	strncpy(s->last_rule, r->rule, sizeof(s->last_rule) - 1);
	strncpy(s->last_source, r->source, sizeof(s->last_source) - 1);
}

static void on_hppi(void *opaque, unsigned cpu)
{
	struct sys *s = opaque;

	if (cpu < MAX_CPUS)
		s->notified[cpu]++;
}

static void lpi_cfg(struct sys *s, uint32_t intid, uint8_t prio, bool en)
{
	s->t.ram[PROP_PA + intid - GICITS_LPI_BASE] =
		(uint8_t)((prio & 0xfc) | 2 | (en ? 1 : 0));
}

/* A gic over a fresh RAM whose configuration table enables every LPI with
 * priority PRIO_DEFAULT, redistributors not programmed, no ITS yet.  @cfg
 * may be NULL for the defaults. */
static struct sys *sys_new(const struct gicits_gic_config *cfg)
{
	struct ts_desc d;
	struct sys *s = test_calloc(1, sizeof(*s));
	uint32_t i;

	assert_non_null(s);
	ts_desc_default(&d);
	d.ram_base = 0;
	d.ram_size = RAM_SIZE;
	if (cfg) {
		d.gic = *cfg;
	} else {
		gicits_gic_config_default(&d.gic);
		/* these tests spell out the HPP model's rescan triggers */
		d.gic.lpi_cache = GICITS_LPI_CACHE_HPP;
	}
	d.gic.trace = on_trace;
	d.gic.trace_opaque = s;
	d.gic.hppi_changed = on_hppi;
	d.gic.hppi_opaque = s;
	d.prop = PROP_PA;
	d.prop_fill = (PRIO_DEFAULT & 0xfc) | 2 | 1; /* as lpi_cfg() */
	d.prop_fill_len = 65536 - GICITS_LPI_BASE;
	d.no_rdist = true; /* rd_enable() */
	d.no_its = true; /* its_start() */
	d.baser[0] = TS_VALID | DT_PA;
	d.baser[1] = TS_VALID | CT_PA;
	d.cbaser = TS_VALID | CQ_PA;
	assert_int_equal(ts_sys_create(&s->t, &d), GICITS_OK);
	s->gic = s->t.gic;
	/* unmask everything (PMR resets to 0: see pmr_truncation) */
	for (i = 0; i < d.gic.num_cpus; i++)
		assert_int_equal(gicits_cpu_set_pmr(s->gic, i, 0xff),
				 GICITS_OK);
	return s;
}

static void sys_free(struct sys *s)
{
	ts_sys_destroy(&s->t);
	test_free(s);
}

static void rd_w(struct sys *s, unsigned cpu, uint32_t off, unsigned size,
		 uint64_t v)
{
	assert_int_equal(gicits_rdist_write(s->gic, cpu, off, size, v),
			 GICITS_OK);
}

static uint64_t rd_r(struct sys *s, unsigned cpu, uint32_t off, unsigned size)
{
	uint64_t v = 0xdeadbeef;

	assert_int_equal(gicits_rdist_read(s->gic, cpu, off, size, &v),
			 GICITS_OK);
	return v;
}

/* PROPBASER (IDbits field = @idbits_field), PENDBASER (+PTZ), EnableLPIs. */
static void rd_enable_ex(struct sys *s, unsigned cpu, unsigned idbits_field,
			 bool ptz)
{
	rd_w(s, cpu, GICITS_GICR_PROPBASER, 8, PROP_PA | idbits_field);
	rd_w(s, cpu, GICITS_GICR_PENDBASER, 8, PEND_PA(cpu) | (ptz ? PTZ : 0));
	rd_w(s, cpu, GICITS_GICR_CTLR, 4, CTLR_ENABLE_LPIS);
	assert_true(rd_r(s, cpu, GICITS_GICR_CTLR, 4) & CTLR_ENABLE_LPIS);
}

static void rd_enable(struct sys *s, unsigned cpu)
{
	rd_enable_ex(s, cpu, 15, true);
}

static void setlpi(struct sys *s, unsigned cpu, uint32_t intid)
{
	rd_w(s, cpu, GICITS_GICR_SETLPIR, 8, intid);
}

static bool pending(struct sys *s, unsigned cpu, uint32_t intid)
{
	int r = gicits_rdist_is_pending(s->gic, cpu, intid);

	assert_true(r == 0 || r == 1);
	return r == 1;
}

static uint32_t hppi(struct sys *s, unsigned cpu)
{
	return gicits_cpu_hppi(s->gic, cpu);
}

/* ---- ITS helpers ---------------------------------------------------- */

/* A default ITS: flat 4 KB device and collection tables, a 4 KB queue. */
static void its_start(struct sys *s)
{
	assert_int_equal(ts_its_start(&s->t), GICITS_OK);
	s->its = s->t.its;
}

static uint64_t its_errors(struct sys *s)
{
	struct gicits_its_status st;

	assert_int_equal(gicits_its_status(s->its, &st), GICITS_OK);
	return st.errors;
}

static uint32_t its_last_error(struct sys *s)
{
	struct gicits_its_status st;

	assert_int_equal(gicits_its_status(s->its, &st), GICITS_OK);
	return st.last_error;
}

/* Issue the queued command(s) and check that they were consumed. */
static void its_kick(struct sys *s)
{
	assert_int_equal(ts_kick(&s->t), GICITS_OK);
	assert_int_equal(ts_creadr(&s->t), s->t.cw);
}

static void cmd_mapd(struct sys *s, uint32_t dev, unsigned bits)
{
	ts_mapd(&s->t, dev, bits - 1, ITT_PA(dev), true);
	its_kick(s);
}

static void cmd_mapc(struct sys *s, uint32_t icid, uint32_t cpu, bool v)
{
	ts_mapc(&s->t, (uint16_t)icid, cpu, v);
	its_kick(s);
}

static void cmd_mapti(struct sys *s, uint32_t dev, uint32_t ev, uint32_t intid,
		      uint32_t icid)
{
	ts_mapti(&s->t, dev, ev, intid, (uint16_t)icid);
	its_kick(s);
}

static void cmd_ev(struct sys *s, uint8_t op, uint32_t dev, uint32_t ev)
{
	ts_event(&s->t, op, dev, ev);
	its_kick(s);
}

static void cmd_movi(struct sys *s, uint32_t dev, uint32_t ev, uint32_t icid)
{
	ts_movi(&s->t, dev, ev, (uint16_t)icid);
	its_kick(s);
}

static void cmd_invall(struct sys *s, uint32_t icid)
{
	ts_invall(&s->t, (uint16_t)icid);
	its_kick(s);
}

static void cmd_movall(struct sys *s, uint32_t from, uint32_t to)
{
	ts_movall(&s->t, from, to);
	its_kick(s);
}

static void cmd_sync(struct sys *s, uint32_t rd)
{
	ts_sync(&s->t, rd);
	its_kick(s);
}

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

static void set_pend_bit(struct sys *s, unsigned cpu, uint32_t intid)
{
	s->t.ram[PEND_PA(cpu) + intid / 8] |= (uint8_t)(1u << (intid % 8));
}

static bool pend_bit(struct sys *s, unsigned cpu, uint32_t intid)
{
	return s->t.ram[PEND_PA(cpu) + intid / 8] >> (intid % 8) & 1;
}

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
	/* stale bits in memory are overwritten by the write-back */
	set_pend_bit(s, 0, 8250);
	assert_false(pend_bit(s, 0, 8193));
	n = s->notified[0];
	rd_w(s, 0, GICITS_GICR_CTLR, 4, 0);
	assert_int_equal(rd_r(s, 0, GICITS_GICR_CTLR, 4) & CTLR_ENABLE_LPIS, 0);
	assert_true(s->notified[0] > n);
	assert_true(pend_bit(s, 0, 8193));
	assert_true(pend_bit(s, 0, 8300));
	assert_true(pend_bit(s, 0, 65535));
	assert_false(pend_bit(s, 0, 8250));
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

/* ---- LPI configuration caching -------------------------------------- *
 *
 * Fixture: four enabled RDs, an ITS with device 0 and collection i -> CPU i.
 *   event 0 -> L = 8210 (prio 0xa0, enabled), pending on CPU 0 (the HPPLPI)
 *   event 1 -> N = 8205 (prio 0x20), pending on CPU 0 while disabled, then
 *              enabled in memory only: stale until a rescan
 *   event 2 -> M = 8220 on CPU 1, not pending
 *   event 3 -> O = 8230 (prio 0xc0) on CPU 0, not pending
 * A rescan of CPU 0 makes hppi(0) == N; anything else leaves it at L.
 */
#define L_ID 8210u
#define N_ID 8205u
#define M_ID 8220u
#define O_ID 8230u

static int cache_setup(void **state)
{
	struct sys *s = sys_new(NULL);
	unsigned i;

	for (i = 0; i < 4; i++)
		rd_enable(s, i);
	its_start(s);
	cmd_mapd(s, 0, 4);
	for (i = 0; i < 4; i++)
		cmd_mapc(s, i, i, true);
	lpi_cfg(s, L_ID, 0xa0, true);
	lpi_cfg(s, N_ID, 0x20, false);
	lpi_cfg(s, O_ID, 0xc0, true);
	cmd_mapti(s, 0, 0, L_ID, 0);
	cmd_mapti(s, 0, 1, N_ID, 0);
	cmd_mapti(s, 0, 2, M_ID, 1);
	cmd_mapti(s, 0, 3, O_ID, 0);
	cmd_ev(s, GICITS_CMD_INT, 0, 0);
	cmd_ev(s, GICITS_CMD_INT, 0, 1);
	assert_int_equal(its_errors(s), 0);
	assert_true(pending(s, 0, N_ID));
	assert_int_equal(hppi(s, 0), L_ID);
	lpi_cfg(s, N_ID, 0x20, true);
	assert_int_equal(hppi(s, 0), L_ID);
	*state = s;
	return 0;
}

static int cache_teardown(void **state)
{
	sys_free(*state);
	return 0;
}

static void expect_rescanned(struct sys *s)
{
	assert_int_equal(hppi(s, 0), N_ID);
	assert_int_equal(gicits_cpu_ack(s->gic, 0), N_ID);
}

static void expect_stale(struct sys *s)
{
	assert_int_equal(hppi(s, 0), L_ID);
	assert_int_equal(gicits_cpu_ack(s->gic, 0), L_ID);
	/* the acknowledge of the HPPLPI is itself a rescan trigger */
	assert_int_equal(hppi(s, 0), N_ID);
}

/* triggers */

static void trig_gicr_invlpir(void **state)
{
	struct sys *s = *state;

	rd_w(s, 0, GICITS_GICR_INVLPIR, 8, N_ID);
	expect_rescanned(s);
}

static void trig_gicr_invlpir_other_intid(void **state)
{
	struct sys *s = *state;

	/* gicits reloads the whole RD cache, whichever INTID is named */
	rd_w(s, 0, GICITS_GICR_INVLPIR, 8, O_ID);
	expect_rescanned(s);
}

static void trig_gicr_invlpir_32bit(void **state)
{
	struct sys *s = *state;

	rd_w(s, 0, GICITS_GICR_INVLPIR, 4, N_ID);
	expect_rescanned(s);
}

static void trig_gicr_invallr(void **state)
{
	struct sys *s = *state;

	rd_w(s, 0, GICITS_GICR_INVALLR, 8, 0);
	expect_rescanned(s);
}

static void trig_its_inv(void **state)
{
	struct sys *s = *state;

	cmd_ev(s, GICITS_CMD_INV, 0, 1);
	expect_rescanned(s);
}

static void trig_its_inv_other_event_same_rd(void **state)
{
	struct sys *s = *state;

	/* INV of any event targeting the RD (QEMU 7.2) */
	cmd_ev(s, GICITS_CMD_INV, 0, 3);
	expect_rescanned(s);
}

static void trig_its_invall(void **state)
{
	struct sys *s = *state;

	cmd_invall(s, 0);
	expect_rescanned(s);
}

static void trig_its_invall_other_collection(void **state)
{
	struct sys *s = *state;

	/* INVALL rescans all RDs, whatever the ICID */
	cmd_invall(s, 2);
	assert_int_equal(its_errors(s), 0);
	expect_rescanned(s);
}

static void trig_its_invall_unmapped_collection(void **state)
{
	struct sys *s = *state;

	cmd_mapc(s, 5, 0, false);
	cmd_invall(s, 5);
	assert_int_equal(its_last_error(s),
			 GICITS_E_ITS_INVALL_UNMAPPED_COLLECTION);
	expect_rescanned(s);
}

static void trig_its_movall_into(void **state)
{
	struct sys *s = *state;

	/* CPU 2 has nothing pending; MOVALL 2 -> 0 rescans CPU 0 */
	cmd_movall(s, 2, 0);
	assert_int_equal(its_errors(s), 0);
	expect_rescanned(s);
}

static void trig_its_movall_away(void **state)
{
	struct sys *s = *state;

	cmd_movall(s, 0, 3);
	assert_int_equal(hppi(s, 0), GICITS_INTID_SPURIOUS);
	assert_int_equal(hppi(s, 3), N_ID);
}

static void trig_enable_lpis(void **state)
{
	struct sys *s = *state;

	rd_w(s, 0, GICITS_GICR_CTLR, 4, 0);
	rd_w(s, 0, GICITS_GICR_CTLR, 4, 1);
	assert_true(pending(s, 0, L_ID));
	expect_rescanned(s);
}

static void trig_ack_of_hpplpi(void **state)
{
	struct sys *s = *state;

	assert_int_equal(gicits_cpu_ack(s->gic, 0), L_ID);
	/* N (0x20) preempts L's running priority (0xa0) */
	assert_int_equal(hppi(s, 0), N_ID);
}

static void trig_clrlpir_of_hpplpi(void **state)
{
	struct sys *s = *state;

	rd_w(s, 0, GICITS_GICR_CLRLPIR, 8, L_ID);
	expect_rescanned(s);
}

static void trig_its_clear_of_hpplpi(void **state)
{
	struct sys *s = *state;

	cmd_ev(s, GICITS_CMD_CLEAR, 0, 0);
	assert_false(pending(s, 0, L_ID));
	expect_rescanned(s);
}

static void trig_its_discard_of_hpplpi(void **state)
{
	struct sys *s = *state;

	cmd_ev(s, GICITS_CMD_DISCARD, 0, 0);
	assert_false(pending(s, 0, L_ID));
	expect_rescanned(s);
}

static void trig_its_movi_of_hpplpi(void **state)
{
	struct sys *s = *state;

	cmd_movi(s, 0, 0, 1);
	assert_false(pending(s, 0, L_ID));
	assert_true(pending(s, 1, L_ID));
	assert_int_equal(hppi(s, 1), L_ID);
	expect_rescanned(s);
}

/* non-triggers */

static void non_repeated_reads(void **state)
{
	struct sys *s = *state;
	int i;

	for (i = 0; i < 3; i++)
		assert_int_equal(hppi(s, 0), L_ID);
	expect_stale(s);
}

static void non_setlpir_already_pending(void **state)
{
	struct sys *s = *state;

	setlpi(s, 0, N_ID);
	expect_stale(s);
}

static void non_int_already_pending(void **state)
{
	struct sys *s = *state;

	cmd_ev(s, GICITS_CMD_INT, 0, 1);
	expect_stale(s);
}

static void non_msi_already_pending(void **state)
{
	struct sys *s = *state;

	assert_int_equal(gicits_its_msi(s->its, 0, 1), GICITS_DROP_NONE);
	expect_stale(s);
}

static void non_new_lower_priority_lpi(void **state)
{
	struct sys *s = *state;

	cmd_ev(s, GICITS_CMD_INT, 0, 3); /* O becomes pending, not the HPPLPI */
	assert_true(pending(s, 0, O_ID));
	expect_stale(s);
}

static void non_clear_of_other_lpi(void **state)
{
	struct sys *s = *state;

	cmd_ev(s, GICITS_CMD_INT, 0, 3);
	rd_w(s, 0, GICITS_GICR_CLRLPIR, 8, O_ID);
	rd_w(s, 0, GICITS_GICR_CLRLPIR, 8, 8299); /* not pending */
	assert_false(pending(s, 0, O_ID));
	expect_stale(s);
}

static void non_its_clear_of_other_lpi(void **state)
{
	struct sys *s = *state;

	cmd_ev(s, GICITS_CMD_INT, 0, 3);
	cmd_ev(s, GICITS_CMD_CLEAR, 0, 3);
	cmd_ev(s, GICITS_CMD_CLEAR, 0, 3); /* not pending any more */
	assert_false(pending(s, 0, O_ID));
	expect_stale(s);
}

static void non_its_inv_other_rd(void **state)
{
	struct sys *s = *state;

	cmd_ev(s, GICITS_CMD_INV, 0, 2); /* M targets CPU 1 */
	assert_int_equal(its_errors(s), 0);
	expect_stale(s);
}

static void non_its_inv_error(void **state)
{
	struct sys *s = *state;

	cmd_ev(s, GICITS_CMD_INV, 0, 9); /* unmapped event */
	cmd_ev(s, GICITS_CMD_INV, 5, 1); /* unmapped device */
	assert_int_equal(its_errors(s), 2);
	expect_stale(s);
}

static void non_gicr_inv_other_rd(void **state)
{
	struct sys *s = *state;

	rd_w(s, 1, GICITS_GICR_INVLPIR, 8, N_ID);
	rd_w(s, 2, GICITS_GICR_INVALLR, 8, 0);
	expect_stale(s);
}

static void non_gicr_invlpir_virtual(void **state)
{
	struct sys *s = *state;

	/* upper half with V = 1: a virtual invalidation, not ours */
	rd_w(s, 0, GICITS_GICR_INVLPIR + 4, 4, 0x80000000u);
	rd_w(s, 0, GICITS_GICR_INVALLR + 4, 4, 0x80000000u);
	expect_stale(s);
}

static void non_masked_ack(void **state)
{
	struct sys *s = *state;

	assert_int_equal(gicits_cpu_set_pmr(s->gic, 0, 0x80), GICITS_OK);
	assert_int_equal(gicits_cpu_ack(s->gic, 0), GICITS_INTID_SPURIOUS);
	assert_int_equal(gicits_cpu_set_pmr(s->gic, 0, 0xff), GICITS_OK);
	expect_stale(s);
}

static void non_ack_on_other_cpu(void **state)
{
	struct sys *s = *state;

	cmd_ev(s, GICITS_CMD_INT, 0, 2);
	assert_int_equal(gicits_cpu_ack(s->gic, 1), M_ID);
	assert_int_equal(gicits_cpu_eoi(s->gic, 1, M_ID), GICITS_OK);
	expect_stale(s);
}

static void non_pmr_and_eoi(void **state)
{
	struct sys *s = *state;

	assert_int_equal(gicits_cpu_set_pmr(s->gic, 0, 0xf0), GICITS_OK);
	assert_int_equal(gicits_cpu_eoi(s->gic, 0, 0), GICITS_ESTATE);
	assert_int_equal(gicits_cpu_set_pmr(s->gic, 0, 0xff), GICITS_OK);
	expect_stale(s);
}

static void non_movi_of_other_lpi(void **state)
{
	struct sys *s = *state;

	cmd_ev(s, GICITS_CMD_INT, 0, 3);
	cmd_movi(s, 0, 3, 2);
	assert_true(pending(s, 2, O_ID));
	expect_stale(s);
}

static void non_mapc_retarget(void **state)
{
	struct sys *s = *state;

	/* MAPC does not move pending LPIs nor touch the cache */
	cmd_mapc(s, 0, 1, true);
	assert_int_equal(its_errors(s), 0);
	assert_true(pending(s, 0, L_ID));
	assert_false(pending(s, 1, L_ID));
	expect_stale(s);
}

static void non_mapc_unmap(void **state)
{
	struct sys *s = *state;

	cmd_mapc(s, 0, 0, false);
	assert_true(pending(s, 0, N_ID));
	expect_stale(s);
}

static void non_sync_and_movall_same(void **state)
{
	struct sys *s = *state;

	cmd_sync(s, 0);
	cmd_movall(s, 0, 0); /* from == to: a no-op */
	assert_int_equal(its_errors(s), 0);
	expect_stale(s);
}

static void non_register_noise(void **state)
{
	struct sys *s = *state;

	rd_w(s, 0, GICITS_GICR_STATUSR, 4, 0xf);
	rd_w(s, 0, GICITS_GICR_WAKER, 4, 0);
	(void)rd_r(s, 0, GICITS_GICR_SYNCR, 4);
	rd_w(s, 0, GICITS_GICR_PROPBASER, 8,
	     PROP_PA | 15); /* ignored: enabled */
	rd_w(s, 0, GICITS_GICR_CTLR, 4, 1); /* already enabled */
	expect_stale(s);
}

/* after a rescan, disabling in memory alone keeps the cached copy */
static void disable_without_inv_is_stale(void **state)
{
	struct sys *s = *state;

	rd_w(s, 0, GICITS_GICR_INVALLR, 8, 0);
	assert_int_equal(hppi(s, 0), N_ID);
	lpi_cfg(s, N_ID, 0x20, false);
	assert_int_equal(hppi(s, 0), N_ID);
	/* INV hides it until re-enabled and invalidated again */
	cmd_ev(s, GICITS_CMD_INV, 0, 1);
	assert_int_equal(hppi(s, 0), L_ID);
	lpi_cfg(s, N_ID, 0x20, true);
	assert_int_equal(hppi(s, 0), L_ID);
	cmd_ev(s, GICITS_CMD_INV, 0, 1);
	assert_int_equal(hppi(s, 0), N_ID);
}

static void priority_change_needs_inv(void **state)
{
	struct sys *s = *state;

	cmd_ev(s, GICITS_CMD_INT, 0, 3); /* O (0xc0) */
	lpi_cfg(s, O_ID, 0x00, true);
	lpi_cfg(s, N_ID, 0x20, false);
	assert_int_equal(hppi(s, 0), L_ID);
	rd_w(s, 0, GICITS_GICR_INVLPIR, 8, O_ID);
	assert_int_equal(hppi(s, 0), O_ID);
}

static void check_config_reports_stale_use(void **state)
{
	struct gicits_gic_config c;
	struct sys *s;

	(void)state;
	gicits_gic_config_default(&c);
	c.check_config = true;
	s = sys_new(&c);
	rd_enable(s, 0);
	lpi_cfg(s, 8200, 0x40, true);
	setlpi(s, 0, 8200);
	assert_int_equal(hppi(s, 0), 8200);
	assert_int_equal(gicits_gic_findings(s->gic), 0);
	lpi_cfg(s, 8200, 0x40, false);
	assert_int_equal(hppi(s, 0), 8200); /* cached: still signalled */
	assert_int_equal(gicits_gic_findings(s->gic), 1);
	assert_int_equal(s->ntrace[GICITS_TRACE_FINDING], 1);
	assert_string_equal(s->last_rule, "INV");
	rd_w(s, 0, GICITS_GICR_INVLPIR, 8, 8200);
	assert_int_equal(hppi(s, 0), GICITS_INTID_SPURIOUS);
	/* priority change */
	lpi_cfg(s, 8200, 0x40, true);
	rd_w(s, 0, GICITS_GICR_INVALLR, 8, 0);
	lpi_cfg(s, 8200, 0x60, true);
	assert_int_equal(gicits_cpu_ack(s->gic, 0), 8200);
	assert_int_equal(gicits_gic_findings(s->gic), 2);
	/* without check_config, nothing is reported */
	sys_free(s);
	s = sys_new(NULL);
	rd_enable(s, 0);
	setlpi(s, 0, 8200);
	lpi_cfg(s, 8200, 0x40, false);
	assert_int_equal(hppi(s, 0), 8200);
	assert_int_equal(gicits_gic_findings(s->gic), 0);
	sys_free(s);
}

/* ---- CPU interface ---------------------------------------------------- */

static void pmr_truncation(void **state)
{
	struct gicits_gic_config c;
	struct test_ram ram;
	struct gicits_gic *g;
	struct sys *s;

	(void)state;
	/* reset: PMR = 0, everything masked */
	test_ram_init(&ram, 0, 0x1000);
	gicits_gic_config_default(&c);
	assert_int_equal(gicits_gic_create(&c, &ram.mem, &g), GICITS_OK);
	assert_int_equal(gicits_cpu_get_pmr(g, 0), 0);
	assert_int_equal(gicits_cpu_get_pmr(g, 3), 0);
	gicits_gic_destroy(g);
	test_ram_fini(&ram);
	s = sys_new(NULL);
	assert_int_equal(gicits_cpu_set_pmr(s->gic, 0, 0xff), GICITS_OK);
	assert_int_equal(gicits_cpu_get_pmr(s->gic, 0), 0xf8);
	assert_int_equal(gicits_cpu_set_pmr(s->gic, 0, 0x87), GICITS_OK);
	assert_int_equal(gicits_cpu_get_pmr(s->gic, 0), 0x80);
	assert_int_equal(gicits_cpu_get_pmr(s->gic, 1), 0xf8);
	assert_int_equal(gicits_cpu_set_pmr(s->gic, 4, 0xff), GICITS_ENOENT);
	assert_int_equal(gicits_cpu_get_pmr(s->gic, 4), 0);
	assert_int_equal(gicits_cpu_set_pmr(NULL, 0, 0xff), GICITS_ENOENT);
	sys_free(s);

	gicits_gic_config_default(&c);
	c.pri_bits = 8;
	s = sys_new(&c);
	gicits_cpu_set_pmr(s->gic, 0, 0xff);
	assert_int_equal(gicits_cpu_get_pmr(s->gic, 0), 0xff);
	sys_free(s);
	c.pri_bits = 4;
	s = sys_new(&c);
	gicits_cpu_set_pmr(s->gic, 0, 0xff);
	assert_int_equal(gicits_cpu_get_pmr(s->gic, 0), 0xf0);
	sys_free(s);
}

static struct sys *cpu_sys(void)
{
	struct sys *s = sys_new(NULL);

	rd_enable(s, 0);
	rd_enable(s, 1);
	gicits_cpu_set_pmr(s->gic, 0, 0xff);
	gicits_cpu_set_pmr(s->gic, 1, 0xff);
	return s;
}

static void pmr_masks_priority(void **state)
{
	struct sys *s = cpu_sys();

	(void)state;
	/* reset PMR (0) masks everything */
	gicits_cpu_set_pmr(s->gic, 0, 0);
	setlpi(s, 0, 8200);
	assert_int_equal(hppi(s, 0), GICITS_INTID_SPURIOUS);
	assert_int_equal(gicits_cpu_ack(s->gic, 0), GICITS_INTID_SPURIOUS);
	assert_true(pending(s, 0, 8200));
	/* priority == PMR is not signalled, below is */
	gicits_cpu_set_pmr(s->gic, 0, 0xa0);
	assert_int_equal(hppi(s, 0), GICITS_INTID_SPURIOUS);
	gicits_cpu_set_pmr(s->gic, 0, 0xa8);
	assert_int_equal(hppi(s, 0), 8200);
	rd_w(s, 0, GICITS_GICR_CLRLPIR, 8, 8200);
	/* 5 priority bits: 0x84 is 0x80 at the CPU interface */
	lpi_cfg(s, 8201, 0x84, true);
	setlpi(s, 0, 8201);
	gicits_cpu_set_pmr(s->gic, 0, 0x80);
	assert_int_equal(hppi(s, 0), GICITS_INTID_SPURIOUS);
	gicits_cpu_set_pmr(s->gic, 0, 0x88);
	assert_int_equal(hppi(s, 0), 8201);
	rd_w(s, 0, GICITS_GICR_CLRLPIR, 8, 8201);
	/* priority byte >= 0xf8 is never signalled with PMR = 0xff */
	gicits_cpu_set_pmr(s->gic, 0, 0xff);
	lpi_cfg(s, 8202, 0xf8, true);
	lpi_cfg(s, 8203, 0xfc, true);
	setlpi(s, 0, 8202);
	setlpi(s, 0, 8203);
	assert_int_equal(gicits_cpu_ack(s->gic, 0), GICITS_INTID_SPURIOUS);
	assert_true(pending(s, 0, 8202));
	assert_true(pending(s, 0, 8203));
	lpi_cfg(s, 8204, 0xf4, true);
	setlpi(s, 0, 8204);
	assert_int_equal(gicits_cpu_ack(s->gic, 0), 8204);
	sys_free(s);
}

static void priority_order(void **state)
{
	struct sys *s = cpu_sys();
	uint32_t got[6];
	unsigned i;

	(void)state;
	lpi_cfg(s, 8300, 0x10, true);
	lpi_cfg(s, 8250, 0x40, true);
	lpi_cfg(s, 8260, 0x40, true);
	lpi_cfg(s, 8240, 0x44, true); /* same 5-bit priority as 0x40 */
	lpi_cfg(s, 8193, 0x90, true);
	lpi_cfg(s, 8194, 0x90, false); /* disabled: never */
	setlpi(s, 0, 8193);
	setlpi(s, 0, 8194);
	setlpi(s, 0, 8260);
	setlpi(s, 0, 8240);
	setlpi(s, 0, 8250);
	setlpi(s, 0, 8300);
	for (i = 0; i < 6; i++) {
		got[i] = gicits_cpu_ack(s->gic, 0);
		if (got[i] != GICITS_INTID_SPURIOUS)
			assert_int_equal(gicits_cpu_eoi(s->gic, 0, got[i]),
					 GICITS_OK);
	}
	/* lower value first; equal full priority -> lower INTID first; the
	 * redistributor compares 0x40 < 0x44 although the CPU interface
	 * cannot tell them apart */
	assert_int_equal(got[0], 8300);
	assert_int_equal(got[1], 8250);
	assert_int_equal(got[2], 8260);
	assert_int_equal(got[3], 8240);
	assert_int_equal(got[4], 8193);
	assert_int_equal(got[5], GICITS_INTID_SPURIOUS);
	assert_true(pending(s, 0, 8194));
	sys_free(s);
}

static void full_priority_beats_intid(void **state)
{
	struct sys *s = cpu_sys();

	(void)state;
	/* 0x00 and 0x04 are different priorities for the redistributor */
	lpi_cfg(s, 8200, 0x04, true);
	lpi_cfg(s, 8300, 0x00, true);
	setlpi(s, 0, 8200);
	setlpi(s, 0, 8300);
	assert_int_equal(hppi(s, 0), 8300);
	/* offered in the other order */
	setlpi(s, 1, 8300);
	setlpi(s, 1, 8200);
	assert_int_equal(hppi(s, 1), 8300);
	sys_free(s);
}

static void running_priority(void **state)
{
	struct sys *s = cpu_sys();

	(void)state;
	lpi_cfg(s, 8200, 0x80, true);
	lpi_cfg(s, 8201, 0x80, true);
	lpi_cfg(s, 8202, 0xa0, true);
	lpi_cfg(s, 8203, 0x40, true);
	lpi_cfg(s, 8204, 0x84, true); /* 0x80 at the CPU interface */
	setlpi(s, 0, 8200);
	assert_int_equal(gicits_cpu_ack(s->gic, 0), 8200);
	assert_false(pending(s, 0, 8200));
	/* equal and lower priority are blocked while 8200 is active */
	setlpi(s, 0, 8201);
	setlpi(s, 0, 8202);
	setlpi(s, 0, 8204);
	assert_int_equal(hppi(s, 0), GICITS_INTID_SPURIOUS);
	assert_int_equal(gicits_cpu_ack(s->gic, 0), GICITS_INTID_SPURIOUS);
	/* other CPUs are not affected */
	setlpi(s, 1, 8201);
	assert_int_equal(hppi(s, 1), 8201);
	/* higher priority preempts */
	setlpi(s, 0, 8203);
	assert_int_equal(gicits_cpu_ack(s->gic, 0), 8203);
	assert_int_equal(hppi(s, 0), GICITS_INTID_SPURIOUS);
	/* EOI drops the most recent running priority only */
	assert_int_equal(gicits_cpu_eoi(s->gic, 0, 8203), GICITS_OK);
	assert_int_equal(hppi(s, 0), GICITS_INTID_SPURIOUS);
	assert_int_equal(gicits_cpu_eoi(s->gic, 0, 8200), GICITS_OK);
	assert_int_equal(hppi(s, 0), 8201);
	assert_int_equal(gicits_cpu_ack(s->gic, 0), 8201);
	assert_int_equal(gicits_cpu_eoi(s->gic, 0, 8201), GICITS_OK);
	assert_int_equal(gicits_cpu_ack(s->gic, 0), 8204);
	assert_int_equal(gicits_cpu_eoi(s->gic, 0, 8204), GICITS_OK);
	assert_int_equal(gicits_cpu_ack(s->gic, 0), 8202);
	assert_int_equal(gicits_cpu_eoi(s->gic, 0, 8202), GICITS_OK);
	assert_int_equal(gicits_cpu_ack(s->gic, 0), GICITS_INTID_SPURIOUS);
	sys_free(s);
}

static void eoi_rules(void **state)
{
	struct sys *s = cpu_sys();

	(void)state;
	assert_int_equal(gicits_cpu_eoi(s->gic, 0, 8200), GICITS_ESTATE);
	assert_int_equal(gicits_cpu_eoi(s->gic, 9, 8200), GICITS_ENOENT);
	assert_int_equal(gicits_cpu_eoi(NULL, 0, 8200), GICITS_ENOENT);
	assert_int_equal(gicits_cpu_ack(s->gic, 9), GICITS_INTID_SPURIOUS);
	assert_int_equal(gicits_cpu_hppi(s->gic, 9), GICITS_INTID_SPURIOUS);
	assert_int_equal(gicits_cpu_ack(NULL, 0), GICITS_INTID_SPURIOUS);
	setlpi(s, 0, 8200);
	assert_int_equal(gicits_cpu_ack(s->gic, 0), 8200);
	assert_int_equal(gicits_cpu_eoi(s->gic, 0, 8200), GICITS_OK);
	assert_int_equal(gicits_cpu_eoi(s->gic, 0, 8200), GICITS_ESTATE);
	/* a spurious acknowledge activates nothing */
	assert_int_equal(gicits_cpu_ack(s->gic, 0), GICITS_INTID_SPURIOUS);
	assert_int_equal(gicits_cpu_eoi(s->gic, 0, 1023), GICITS_ESTATE);
	sys_free(s);
}

static void hppi_changed_callback(void **state)
{
	struct sys *s = cpu_sys();
	unsigned n0, n1;

	(void)state;
	lpi_cfg(s, 8200, 0x80, true);
	lpi_cfg(s, 8201, 0x40, true);
	n0 = s->notified[0];
	n1 = s->notified[1];
	/* a new HPPLPI */
	setlpi(s, 0, 8200);
	assert_true(s->notified[0] > n0);
	assert_int_equal(s->notified[1], n1);
	n0 = s->notified[0];
	setlpi(s, 0, 8201); /* higher priority: new HPPLPI */
	assert_true(s->notified[0] > n0);
	/* acknowledge: the HPPLPI changes */
	n0 = s->notified[0];
	assert_int_equal(gicits_cpu_ack(s->gic, 0), 8201);
	assert_true(s->notified[0] > n0);
	/* EOI: the running priority drops */
	n0 = s->notified[0];
	assert_int_equal(gicits_cpu_eoi(s->gic, 0, 8201), GICITS_OK);
	assert_true(s->notified[0] > n0);
	/* PMR */
	n0 = s->notified[0];
	gicits_cpu_set_pmr(s->gic, 0, 0x40);
	assert_true(s->notified[0] > n0);
	gicits_cpu_set_pmr(s->gic, 0, 0xff);
	/* a rescan that finds a new HPPLPI */
	lpi_cfg(s, 8202, 0x10, false);
	setlpi(s, 0, 8202);
	lpi_cfg(s, 8202, 0x10, true);
	n0 = s->notified[0];
	rd_w(s, 0, GICITS_GICR_INVALLR, 8, 0);
	assert_true(s->notified[0] > n0);
	assert_int_equal(hppi(s, 0), 8202);
	/* CLRLPIR of the HPPLPI */
	n0 = s->notified[0];
	rd_w(s, 0, GICITS_GICR_CLRLPIR, 8, 8202);
	assert_true(s->notified[0] > n0);
	/* EnableLPIs 1 -> 0 */
	n0 = s->notified[0];
	rd_w(s, 0, GICITS_GICR_CTLR, 4, 0);
	assert_true(s->notified[0] > n0);
	/* EnableLPIs 0 -> 1 with a pending LPI in the table */
	n0 = s->notified[0];
	rd_w(s, 0, GICITS_GICR_CTLR, 4, 1);
	assert_true(pending(s, 0, 8200));
	assert_true(s->notified[0] > n0);
	/* CPU 1 was never concerned */
	assert_int_equal(s->notified[1], n1);
	sys_free(s);
}

/* A FULL-model gic (sys_new's default is HPP) with CPUs 0 and 1 enabled. */
static struct sys *full_sys(void)
{
	struct gicits_gic_config c;
	struct sys *s;

	gicits_gic_config_default(&c);
	c.lpi_cache = GICITS_LPI_CACHE_FULL;
	s = sys_new(&c);
	rd_enable(s, 0);
	rd_enable(s, 1);
	return s;
}

/*
 * GICITS_LPI_CACHE_FULL: a newly pending LPI notifies once per batch (the
 * first since the CPU interface last looked, by gicits_cpu_hppi() or an
 * acknowledge); the MSI path reads no configuration, so it cannot tell an
 * enabled LPI from a disabled one and notifies for either.
 */
static void full_model_notifies_once_per_look(void **state)
{
	struct sys *s = full_sys();
	unsigned n0, n1;

	(void)state;
	lpi_cfg(s, 8300, 0x10, false);
	assert_int_equal(hppi(s, 0), GICITS_INTID_SPURIOUS);
	n0 = s->notified[0];
	n1 = s->notified[1];
	setlpi(s, 0, 8201);
	assert_int_equal(s->notified[0], n0 + 1);
	/* nobody looked yet: no second notification */
	setlpi(s, 0, 8200);
	setlpi(s, 0, 8202);
	assert_int_equal(s->notified[0], n0 + 1);
	assert_int_equal(s->notified[1], n1);
	/* the look takes every one of them in */
	assert_int_equal(hppi(s, 0), 8200);
	n0 = s->notified[0];
	/* already pending: nothing new */
	setlpi(s, 0, 8202);
	assert_int_equal(s->notified[0], n0);
	/* a disabled LPI notifies too (the HPPLPI may have changed) and
	 * stays out of the HPPLPI */
	setlpi(s, 0, 8300);
	assert_int_equal(s->notified[0], n0 + 1);
	assert_int_equal(hppi(s, 0), 8200);
	assert_true(pending(s, 0, 8300));
	/* an acknowledge is a look as well */
	assert_int_equal(gicits_cpu_ack(s->gic, 0), 8200);
	n0 = s->notified[0];
	setlpi(s, 0, 8203);
	assert_int_equal(s->notified[0], n0 + 1);
	assert_int_equal(gicits_cpu_ack(s->gic, 0), GICITS_INTID_SPURIOUS);
	assert_int_equal(gicits_cpu_eoi(s->gic, 0, 8200), GICITS_OK);
	/* acknowledged, so no longer seen: pending again, it is new again */
	n0 = s->notified[0];
	setlpi(s, 0, 8200);
	assert_int_equal(s->notified[0], n0 + 1);
	assert_int_equal(gicits_cpu_ack(s->gic, 0), 8200);
	assert_int_equal(gicits_cpu_eoi(s->gic, 0, 8200), GICITS_OK);
	/* cleared while seen (CLRLPIR), then pending again */
	assert_int_equal(hppi(s, 0), 8201);
	rd_w(s, 0, GICITS_GICR_CLRLPIR, 8, 8201);
	assert_int_equal(hppi(s, 0), 8202);
	setlpi(s, 0, 8201);
	assert_int_equal(gicits_cpu_ack(s->gic, 0), 8201);
	assert_int_equal(s->notified[1], n1);
	sys_free(s);
}

static int collect(void *opaque, uint32_t intid)
{
	uint32_t *a = opaque;

	a[++a[0]] = intid;
	return 0;
}

/*
 * GICITS_LPI_CACHE_FULL: LPIs made pending since the redistributor last
 * looked (not yet taken in) are pending for every walk: the pending
 * iterator, the EnableLPIs 1 -> 0 write-back and clear, MOVALL.
 */
static void full_model_walks_see_new_lpis(void **state)
{
	struct sys *s = full_sys();
	uint32_t got[8] = { 0 };

	(void)state;
	setlpi(s, 0, 8200);
	setlpi(s, 0, 40000); /* another 32,768-INTID block */
	assert_int_equal(gicits_rdist_pending_foreach(s->gic, 0, collect, got),
			 GICITS_OK);
	assert_int_equal(got[0], 2);
	assert_int_equal(got[1], 8200);
	assert_int_equal(got[2], 40000);
	/* MOVALL moves both, though CPU 0 never looked */
	its_start(s);
	cmd_movall(s, 0, 1);
	assert_int_equal(its_errors(s), 0);
	assert_false(pending(s, 0, 8200));
	assert_true(pending(s, 1, 8200));
	assert_true(pending(s, 1, 40000));
	setlpi(s, 1, 8300);
	/* EnableLPIs 1 -> 0 writes all three back and clears them */
	rd_w(s, 1, GICITS_GICR_CTLR, 4, 0);
	assert_false(pending(s, 1, 8300));
	assert_false(pending(s, 1, 40000));
	assert_true(pend_bit(s, 1, 8200));
	assert_true(pend_bit(s, 1, 8300));
	assert_true(pend_bit(s, 1, 40000));
	got[0] = 0;
	assert_int_equal(gicits_rdist_pending_foreach(s->gic, 1, collect, got),
			 GICITS_OK);
	assert_int_equal(got[0], 0);
	sys_free(s);
}

static int stop_at_third(void *opaque, uint32_t intid)
{
	uint32_t *a = opaque;

	a[++a[0]] = intid;
	return a[0] == 3 ? 42 : 0;
}

static void pending_foreach(void **state)
{
	struct sys *s = cpu_sys();
	static const uint32_t ids[] = { 65535, 8192, 12288, 8300, 8255, 8256 };
	static const uint32_t sorted[] = {
		8192, 8255, 8256, 8300, 12288, 65535
	};
	uint32_t a[16];
	unsigned i;

	(void)state;
	memset(a, 0, sizeof(a));
	assert_int_equal(gicits_rdist_pending_foreach(s->gic, 0, collect, a),
			 0);
	assert_int_equal(a[0], 0);
	for (i = 0; i < 6; i++)
		setlpi(s, 0, ids[i]);
	setlpi(s, 1, 9000);
	assert_int_equal(gicits_rdist_pending_foreach(s->gic, 0, collect, a),
			 0);
	assert_int_equal(a[0], 6);
	for (i = 0; i < 6; i++)
		assert_int_equal(a[1 + i], sorted[i]);
	/* early stop returns the callback's value */
	memset(a, 0, sizeof(a));
	assert_int_equal(
		gicits_rdist_pending_foreach(s->gic, 0, stop_at_third, a), 42);
	assert_int_equal(a[0], 3);
	assert_int_equal(a[3], 8256);
	/* word and block boundaries; clear then set again */
	for (i = 0; i < 6; i++)
		rd_w(s, 0, GICITS_GICR_CLRLPIR, 8, ids[i]);
	memset(a, 0, sizeof(a));
	assert_int_equal(gicits_rdist_pending_foreach(s->gic, 0, collect, a),
			 0);
	assert_int_equal(a[0], 0);
	setlpi(s, 0, 32768);
	setlpi(s, 0, 32767);
	setlpi(s, 0, 8192 + 64);
	setlpi(s, 0, 8192 + 63);
	rd_w(s, 0, GICITS_GICR_CLRLPIR, 8, 32768);
	rd_w(s, 0, GICITS_GICR_INVALLR, 8,
	     0); /* a rescan walks (and tidies) the set */
	setlpi(s, 0, 32768);
	memset(a, 0, sizeof(a));
	assert_int_equal(gicits_rdist_pending_foreach(s->gic, 0, collect, a),
			 0);
	assert_int_equal(a[0], 4);
	assert_int_equal(a[1], 8192 + 63);
	assert_int_equal(a[2], 8192 + 64);
	assert_int_equal(a[3], 32767);
	assert_int_equal(a[4], 32768);
	/* errors */
	assert_int_equal(gicits_rdist_pending_foreach(s->gic, 4, collect, a),
			 GICITS_ENOENT);
	assert_int_equal(gicits_rdist_pending_foreach(s->gic, 0, NULL, a),
			 GICITS_EINVAL);
	assert_int_equal(gicits_rdist_is_pending(s->gic, 4, 8192),
			 GICITS_ENOENT);
	assert_int_equal(gicits_rdist_is_pending(s->gic, 1, 9000), 1);
	sys_free(s);
}

/* ---- pending state moved by ITS commands ----------------------------- */

static void movi_moves_pending(void **state)
{
	struct sys *s = *state;

	/* L pending on CPU 0 -> collection 1 (CPU 1) */
	cmd_movi(s, 0, 0, 1);
	assert_int_equal(its_errors(s), 0);
	assert_false(pending(s, 0, L_ID));
	assert_true(pending(s, 1, L_ID));
	assert_true(pending(s, 0, N_ID)); /* untouched */
	/* later translations follow the new collection */
	assert_int_equal(gicits_cpu_ack(s->gic, 1), L_ID);
	assert_int_equal(gicits_its_msi(s->its, 0, 0), GICITS_DROP_NONE);
	assert_true(pending(s, 1, L_ID));
	assert_false(pending(s, 0, L_ID));
	/* a MOVI of a non-pending event only retargets it */
	cmd_movi(s, 0, 3, 2);
	assert_false(pending(s, 2, O_ID));
	assert_false(pending(s, 0, O_ID));
	assert_int_equal(gicits_its_msi(s->its, 0, 3), GICITS_DROP_NONE);
	assert_true(pending(s, 2, O_ID));
	/* MOVI to another collection on the same RD keeps it pending */
	cmd_mapc(s, 6, 2, true);
	cmd_movi(s, 0, 3, 6);
	assert_true(pending(s, 2, O_ID));
	assert_int_equal(its_errors(s), 0);
	/* MOVI with the old collection unmapped is ignored */
	cmd_mapc(s, 6, 2, false);
	cmd_movi(s, 0, 3, 3);
	assert_int_equal(its_last_error(s),
			 GICITS_E_ITS_MOVI_UNMAPPED_COLLECTION);
	assert_true(pending(s, 2, O_ID));
	assert_false(pending(s, 3, O_ID));
	/* MOVI to an unmapped collection is ignored */
	cmd_movi(s, 0, 1, 6);
	assert_int_equal(its_last_error(s),
			 GICITS_E_ITS_MOVI_UNMAPPED_COLLECTION);
	assert_true(pending(s, 0, N_ID));
	assert_int_equal(gicits_its_msi(s->its, 0, 0), GICITS_DROP_NONE);
}

static void movall_moves_everything(void **state)
{
	struct sys *s = *state;

	cmd_ev(s, GICITS_CMD_INT, 0, 3); /* O on CPU 0 */
	cmd_ev(s, GICITS_CMD_INT, 0, 2); /* M on CPU 1 */
	cmd_movall(s, 0, 1);
	assert_int_equal(its_errors(s), 0);
	assert_false(pending(s, 0, L_ID));
	assert_false(pending(s, 0, N_ID));
	assert_false(pending(s, 0, O_ID));
	assert_true(pending(s, 1, L_ID));
	assert_true(pending(s, 1, N_ID));
	assert_true(pending(s, 1, O_ID));
	assert_true(pending(s, 1, M_ID));
	/* the target rescans: N is now visible there */
	assert_int_equal(hppi(s, 1), N_ID);
	assert_int_equal(hppi(s, 0), GICITS_INTID_SPURIOUS);
	/* collection mappings are unchanged */
	assert_int_equal(gicits_its_msi(s->its, 0, 0), GICITS_DROP_NONE);
	assert_true(pending(s, 0, L_ID));
	/* a bad RDbase is an error and moves nothing */
	cmd_movall(s, 1, 9);
	assert_int_equal(its_last_error(s), GICITS_E_ITS_MOVALL_PROCNUM_OOR);
	assert_true(pending(s, 1, M_ID));
	cmd_movall(s, 9, 1);
	assert_int_equal(its_errors(s), 2);
	assert_true(pending(s, 0, L_ID));
}

static void movall_to_disabled_rd_loses(void **state)
{
	struct sys *s = *state;

	rd_w(s, 3, GICITS_GICR_CTLR, 4, 0);
	cmd_movall(s, 0, 3);
	assert_false(pending(s, 0, L_ID));
	assert_false(pending(s, 0, N_ID));
	assert_false(pending(s, 3, L_ID));
	/* nothing reached CPU 3's pending table either */
	rd_w(s, 3, GICITS_GICR_CTLR, 4, 1);
	assert_false(pending(s, 3, L_ID));
}

static void its_drops_by_rd_state(void **state)
{
	struct sys *s = *state;

	/* EnableLPIs == 0 at the target */
	rd_w(s, 1, GICITS_GICR_CTLR, 4, 0);
	assert_int_equal(gicits_its_msi(s->its, 0, 2),
			 GICITS_DROP_LPIS_DISABLED);
	cmd_ev(s, GICITS_CMD_INT, 0, 2);
	assert_false(pending(s, 1, M_ID));
	/* PROPBASER.IDbits < 13: everything out of range */
	rd_enable_ex(s, 1, 12, true);
	assert_int_equal(gicits_its_msi(s->its, 0, 2), GICITS_DROP_INTID_OOR);
	rd_w(s, 1, GICITS_GICR_CTLR, 4, 0);
	/* INTID beyond a 14-bit RD */
	rd_enable_ex(s, 1, 13, true);
	cmd_mapti(s, 0, 4, 16384, 1);
	cmd_mapti(s, 0, 5, 16383, 1);
	assert_int_equal(gicits_its_msi(s->its, 0, 4), GICITS_DROP_INTID_OOR);
	assert_int_equal(gicits_its_msi(s->its, 0, 5), GICITS_DROP_NONE);
	assert_false(pending(s, 1, 16384));
	assert_true(pending(s, 1, 16383));
	assert_int_equal(gicits_its_msi(s->its, 0, 2), GICITS_DROP_NONE);
	assert_true(pending(s, 1, M_ID));
}

#define CACHE_TEST(f) \
	cmocka_unit_test_setup_teardown(f, cache_setup, cache_teardown)

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
		cmocka_unit_test(disable_writes_back),
		cmocka_unit_test(disable_refused_without_ces),
		cmocka_unit_test(idbits_below_13_drops_all),
		cmocka_unit_test(intids_beyond_idbits_dropped),
		cmocka_unit_test(setlpir_clrlpir),
		CACHE_TEST(trig_gicr_invlpir),
		CACHE_TEST(trig_gicr_invlpir_other_intid),
		CACHE_TEST(trig_gicr_invlpir_32bit),
		CACHE_TEST(trig_gicr_invallr),
		CACHE_TEST(trig_its_inv),
		CACHE_TEST(trig_its_inv_other_event_same_rd),
		CACHE_TEST(trig_its_invall),
		CACHE_TEST(trig_its_invall_other_collection),
		CACHE_TEST(trig_its_invall_unmapped_collection),
		CACHE_TEST(trig_its_movall_into),
		CACHE_TEST(trig_its_movall_away),
		CACHE_TEST(trig_enable_lpis),
		CACHE_TEST(trig_ack_of_hpplpi),
		CACHE_TEST(trig_clrlpir_of_hpplpi),
		CACHE_TEST(trig_its_clear_of_hpplpi),
		CACHE_TEST(trig_its_discard_of_hpplpi),
		CACHE_TEST(trig_its_movi_of_hpplpi),
		CACHE_TEST(non_repeated_reads),
		CACHE_TEST(non_setlpir_already_pending),
		CACHE_TEST(non_int_already_pending),
		CACHE_TEST(non_msi_already_pending),
		CACHE_TEST(non_new_lower_priority_lpi),
		CACHE_TEST(non_clear_of_other_lpi),
		CACHE_TEST(non_its_clear_of_other_lpi),
		CACHE_TEST(non_its_inv_other_rd),
		CACHE_TEST(non_its_inv_error),
		CACHE_TEST(non_gicr_inv_other_rd),
		CACHE_TEST(non_gicr_invlpir_virtual),
		CACHE_TEST(non_masked_ack),
		CACHE_TEST(non_ack_on_other_cpu),
		CACHE_TEST(non_pmr_and_eoi),
		CACHE_TEST(non_movi_of_other_lpi),
		CACHE_TEST(non_mapc_retarget),
		CACHE_TEST(non_mapc_unmap),
		CACHE_TEST(non_sync_and_movall_same),
		CACHE_TEST(non_register_noise),
		CACHE_TEST(disable_without_inv_is_stale),
		CACHE_TEST(priority_change_needs_inv),
		cmocka_unit_test(check_config_reports_stale_use),
		cmocka_unit_test(pmr_truncation),
		cmocka_unit_test(pmr_masks_priority),
		cmocka_unit_test(priority_order),
		cmocka_unit_test(full_priority_beats_intid),
		cmocka_unit_test(running_priority),
		cmocka_unit_test(eoi_rules),
		cmocka_unit_test(hppi_changed_callback),
		cmocka_unit_test(full_model_notifies_once_per_look),
		cmocka_unit_test(full_model_walks_see_new_lpis),
		cmocka_unit_test(pending_foreach),
		CACHE_TEST(movi_moves_pending),
		CACHE_TEST(movall_moves_everything),
		CACHE_TEST(movall_to_disabled_rd_loses),
		CACHE_TEST(its_drops_by_rd_state),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
