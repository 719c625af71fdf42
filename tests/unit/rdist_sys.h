/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The redistributor tests' system (test_rdist*.c): a gic over a RAM at 0
 * from the test-support library, an ITS on demand, and register and command
 * helpers.
 */
#ifndef GICITS_TEST_RDIST_SYS_H
#define GICITS_TEST_RDIST_SYS_H

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

static inline void on_trace(void *opaque, const struct gicits_trace_record *r)
{
	struct sys *s = opaque;

	if ((unsigned)r->kind <= GICITS_TRACE_FINDING)
		s->ntrace[r->kind]++;
	strncpy(s->last_rule, r->rule, sizeof(s->last_rule) - 1);
	strncpy(s->last_source, r->source, sizeof(s->last_source) - 1);
}

static inline void on_hppi(void *opaque, unsigned cpu)
{
	struct sys *s = opaque;

	if (cpu < MAX_CPUS)
		s->notified[cpu]++;
}

static inline void lpi_cfg(struct sys *s, uint32_t intid, uint8_t prio, bool en)
{
	s->t.ram[PROP_PA + intid - GICITS_LPI_BASE] =
		(uint8_t)((prio & 0xfc) | 2 | (en ? 1 : 0));
}

/* A gic over a fresh RAM whose configuration table enables every LPI with
 * priority PRIO_DEFAULT, redistributors not programmed, no ITS yet.  @cfg
 * may be NULL for the defaults. */
static inline struct sys *sys_new(const struct gicits_gic_config *cfg)
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

static inline void sys_free(struct sys *s)
{
	ts_sys_destroy(&s->t);
	test_free(s);
}

static inline void rd_w(struct sys *s, unsigned cpu, uint32_t off,
			unsigned size, uint64_t v)
{
	assert_int_equal(gicits_rdist_write(s->gic, cpu, off, size, v),
			 GICITS_OK);
}

static inline uint64_t rd_r(struct sys *s, unsigned cpu, uint32_t off,
			    unsigned size)
{
	uint64_t v = 0xdeadbeef;

	assert_int_equal(gicits_rdist_read(s->gic, cpu, off, size, &v),
			 GICITS_OK);
	return v;
}

/* PROPBASER (IDbits field = @idbits_field), PENDBASER (+PTZ), EnableLPIs. */
static inline void rd_enable_ex(struct sys *s, unsigned cpu,
				unsigned idbits_field, bool ptz)
{
	rd_w(s, cpu, GICITS_GICR_PROPBASER, 8, PROP_PA | idbits_field);
	rd_w(s, cpu, GICITS_GICR_PENDBASER, 8, PEND_PA(cpu) | (ptz ? PTZ : 0));
	rd_w(s, cpu, GICITS_GICR_CTLR, 4, CTLR_ENABLE_LPIS);
	assert_true(rd_r(s, cpu, GICITS_GICR_CTLR, 4) & CTLR_ENABLE_LPIS);
}

static inline void rd_enable(struct sys *s, unsigned cpu)
{
	rd_enable_ex(s, cpu, 15, true);
}

static inline void setlpi(struct sys *s, unsigned cpu, uint32_t intid)
{
	rd_w(s, cpu, GICITS_GICR_SETLPIR, 8, intid);
}

static inline bool pending(struct sys *s, unsigned cpu, uint32_t intid)
{
	int r = gicits_rdist_is_pending(s->gic, cpu, intid);

	assert_true(r == 0 || r == 1);
	return r == 1;
}

static inline uint32_t hppi(struct sys *s, unsigned cpu)
{
	return gicits_cpu_hppi(s->gic, cpu);
}

/* ---- ITS helpers ---------------------------------------------------- */

/* A default ITS: flat 4 KB device and collection tables, a 4 KB queue. */
static inline void its_start(struct sys *s)
{
	assert_int_equal(ts_its_start(&s->t), GICITS_OK);
	s->its = s->t.its;
}

static inline uint64_t its_errors(struct sys *s)
{
	struct gicits_its_status st;

	assert_int_equal(gicits_its_status(s->its, &st), GICITS_OK);
	return st.errors;
}

static inline uint32_t its_last_error(struct sys *s)
{
	struct gicits_its_status st;

	assert_int_equal(gicits_its_status(s->its, &st), GICITS_OK);
	return st.last_error;
}

/* Issue the queued command(s) and check that they were consumed. */
static inline void its_kick(struct sys *s)
{
	assert_int_equal(ts_kick(&s->t), GICITS_OK);
	assert_int_equal(ts_creadr(&s->t), s->t.cw);
}

static inline void cmd_mapd(struct sys *s, uint32_t dev, unsigned bits)
{
	ts_mapd(&s->t, dev, bits - 1, ITT_PA(dev), true);
	its_kick(s);
}

static inline void cmd_mapc(struct sys *s, uint32_t icid, uint32_t cpu, bool v)
{
	ts_mapc(&s->t, (uint16_t)icid, cpu, v);
	its_kick(s);
}

static inline void cmd_mapti(struct sys *s, uint32_t dev, uint32_t ev,
			     uint32_t intid, uint32_t icid)
{
	ts_mapti(&s->t, dev, ev, intid, (uint16_t)icid);
	its_kick(s);
}

static inline void cmd_ev(struct sys *s, uint8_t op, uint32_t dev, uint32_t ev)
{
	ts_event(&s->t, op, dev, ev);
	its_kick(s);
}

static inline void cmd_movi(struct sys *s, uint32_t dev, uint32_t ev,
			    uint32_t icid)
{
	ts_movi(&s->t, dev, ev, (uint16_t)icid);
	its_kick(s);
}

static inline void cmd_invall(struct sys *s, uint32_t icid)
{
	ts_invall(&s->t, (uint16_t)icid);
	its_kick(s);
}

static inline void cmd_movall(struct sys *s, uint32_t from, uint32_t to)
{
	ts_movall(&s->t, from, to);
	its_kick(s);
}

static inline void cmd_sync(struct sys *s, uint32_t rd)
{
	ts_sync(&s->t, rd);
	its_kick(s);
}

/* ---- pending table bits --------------------------------------------- */

static inline void set_pend_bit(struct sys *s, unsigned cpu, uint32_t intid)
{
	s->t.ram[PEND_PA(cpu) + intid / 8] |= (uint8_t)(1u << (intid % 8));
}

static inline bool pend_bit(struct sys *s, unsigned cpu, uint32_t intid)
{
	return s->t.ram[PEND_PA(cpu) + intid / 8] >> (intid % 8) & 1;
}

/* ---- the LPI configuration caching fixture ------------------------- *
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

static inline int cache_setup(void **state)
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

static inline int cache_teardown(void **state)
{
	sys_free(*state);
	return 0;
}

#define CACHE_TEST(f) \
	cmocka_unit_test_setup_teardown(f, cache_setup, cache_teardown)

#endif
