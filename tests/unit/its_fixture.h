/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The ITS unit tests' fixture: a thin layer over the test-support library
 * (tests/support/sys.h) that adds cmocka assertions and a trace recorder.
 *
 * fx_init() + fx_start() give: an 8 MB guest RAM (direct) plus a 64 KB
 * callback-backed region that can be made to fault; a gic of FX_NCPUS CPUs
 * whose redistributors have PROPBASER (a configuration table of 0xA3 bytes:
 * priority 0xA0, enabled), PENDBASER and EnableLPIs set and PMR = 0xff; an
 * ITS with flat BASER0/BASER1 (one 4 KB page each), a 4 KB command queue in
 * CBASER, enabled; and a trace recorder on both.
 *
 * Between fx_init() and fx_start() a test may change f->gcfg, f->icfg,
 * f->baser[0..1], f->cbaser, f->no_enable (and f->sys.mem).
 */
#ifndef GICITS_TEST_ITS_FIXTURE_H
#define GICITS_TEST_ITS_FIXTURE_H

#include "harness.h"
#include "sys.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gicits/cmd.h"
#include "gicits/error.h"
#include "gicits/its.h"
#include "gicits/rdist.h"
#include "gicits/trace.h"

/* Guest address map */
#define FX_RAM_BASE 0x40000000ULL
#define FX_RAM_SIZE 0x800000ULL
#define FX_PROP (FX_RAM_BASE + 0x000000)
#define FX_PEND(cpu) (FX_RAM_BASE + 0x010000 + 0x10000ULL * (cpu))
#define FX_CQ (FX_RAM_BASE + 0x100000)
#define FX_DT (FX_RAM_BASE + 0x200000)
#define FX_CT (FX_RAM_BASE + 0x300000)
#define FX_L2 (FX_RAM_BASE + 0x380000) /* spare pages for level-2 tables */
#define FX_ITT(dev) (FX_RAM_BASE + 0x400000 + 0x1000ULL * ((dev) % 512))
#define FX_BIGITT (FX_RAM_BASE + 0x600000) /* 2 MB for large ITTs */
#define FX_CB_BASE 0x80000000ULL /* callback-backed region */
#define FX_CB_SIZE 0x10000ULL
#define FX_NOWHERE 0x7000000000ULL /* not backed by anything */
#define FX_NCPUS 4

/* Expected-result value for "do not check" */
#define FX_ANY 0xFFFFFFFFu
#define FX_LPI(n) (GICITS_LPI_BASE + (n))

#define FX_BASER_VALID (1ULL << 63)
#define FX_BASER_INDIRECT (1ULL << 62)
#define FX_BASER_PAGE_16K (1ULL << 8)
#define FX_BASER_PAGE_64K (2ULL << 8)

struct fx_rec {
	enum gicits_trace_kind kind;
	char source[8];
	uint8_t cmd;
	uint64_t offset;
	uint32_t device_id, event_id, intid, icid;
	int64_t cpu;
	uint32_t error;
	enum gicits_drop drop;
	uint64_t value;
	char rule[64];
};

#define FX_MAX_RECS 512u

struct fx {
	struct ts_sys sys; /* RAM, gic, ITS (tests/support) */
	struct gicits_gic_config gcfg;
	struct gicits_its_config icfg;
	struct gicits_gic *gic; /* = sys.gic, sys.its */
	struct gicits_its *its;
	uint64_t baser[2];
	uint64_t cbaser;
	bool no_enable;
	uint64_t cw; /* our CWRITER offset */
	/* callback-backed region */
	uint8_t cb_mem[FX_CB_SIZE];
	bool cb_fail;
	/* trace recorder: a ring of the last FX_MAX_RECS records */
	struct fx_rec recs[FX_MAX_RECS];
	uint64_t nrecs; /* total records seen */
	uint64_t kinds[16]; /* count per kind */
};

static inline void fx_trace(void *opaque, const struct gicits_trace_record *r)
{
	struct fx *f = opaque;
	struct fx_rec *x = &f->recs[f->nrecs % FX_MAX_RECS];

	assert_non_null(r->rule);
	assert_non_null(r->message);
	assert_non_null(r->source);
	memset(x, 0, sizeof(*x));
	x->kind = r->kind;
	strncpy(x->source, r->source, sizeof(x->source) - 1);
	x->cmd = r->cmd;
	x->offset = r->offset;
	x->device_id = r->device_id;
	x->event_id = r->event_id;
	x->intid = r->intid;
	x->icid = r->icid;
	x->cpu = r->cpu;
	x->error = r->error;
	x->drop = r->drop;
	x->value = r->value;
	strncpy(x->rule, r->rule, sizeof(x->rule) - 1);
	f->nrecs++;
	if ((unsigned)r->kind < 16)
		f->kinds[r->kind]++;
}

static inline int fx_cb_read(void *opaque, uint64_t gpa, void *dst, size_t len)
{
	struct fx *f = opaque;

	if (f->cb_fail || gpa < FX_CB_BASE || gpa - FX_CB_BASE > FX_CB_SIZE ||
	    len > FX_CB_SIZE - (gpa - FX_CB_BASE))
		return -1;
	memcpy(dst, f->cb_mem + (gpa - FX_CB_BASE), len);
	return 0;
}

static inline int fx_cb_write(void *opaque, uint64_t gpa, const void *src,
			      size_t len)
{
	struct fx *f = opaque;

	if (f->cb_fail || gpa < FX_CB_BASE || gpa - FX_CB_BASE > FX_CB_SIZE ||
	    len > FX_CB_SIZE - (gpa - FX_CB_BASE))
		return -1;
	memcpy(f->cb_mem + (gpa - FX_CB_BASE), src, len);
	return 0;
}

static const struct gicits_mem_ops fx_cb_ops = { fx_cb_read, fx_cb_write };

/* Allocate a fixture with default configuration (nothing created yet). */
static inline struct fx *fx_init(void)
{
	struct fx *f = calloc(1, sizeof(*f));
	struct ts_desc d;

	assert_non_null(f);
	ts_desc_default(&d);
	d.ram_base = FX_RAM_BASE;
	d.ram_size = FX_RAM_SIZE;
	d.ops = &fx_cb_ops;
	d.opaque = f;
	d.prop = FX_PROP;
	d.pend = FX_PEND(0);
	d.pend_stride = FX_PEND(1) - FX_PEND(0);
	assert_int_equal(ts_ram_create(&f->sys, &d), GICITS_OK);
	f->gcfg = d.gic;
	f->gcfg.num_cpus = FX_NCPUS;
	/* the ITS tests spell out the QEMU-compatible caching model (rescans
	 * on INV/INVALL/acknowledge); test_lpi_cache covers the other one */
	f->gcfg.lpi_cache = GICITS_LPI_CACHE_HPP;
	f->gcfg.trace = fx_trace;
	f->gcfg.trace_opaque = f;
	f->icfg = d.its;
	f->icfg.trace = fx_trace;
	f->icfg.trace_opaque = f;
	f->baser[0] = FX_BASER_VALID | FX_DT; /* 4 KB page, Size 0 */
	f->baser[1] = FX_BASER_VALID | FX_CT;
	f->cbaser = FX_BASER_VALID | FX_CQ; /* Size 0: 4 KB, 128 commands */
	return f;
}

static inline uint64_t fx_rd(struct fx *f, uint32_t off, unsigned size)
{
	uint64_t v = 0xdeadbeef;

	assert_int_equal(gicits_its_mmio_read(f->its, off, size, &v),
			 GICITS_OK);
	return v;
}

static inline void fx_wr(struct fx *f, uint32_t off, unsigned size, uint64_t v)
{
	assert_int_equal(gicits_its_mmio_write(f->its, off, size, v, 0),
			 GICITS_OK);
}

/* Redistributor of @cpu: tables and EnableLPIs (PROPBASER.IDbits + 1 =
 * @idbits). */
static inline void fx_rdist_enable(struct fx *f, unsigned cpu, unsigned idbits)
{
	unsigned keep = f->sys.d.prop_idbits;

	f->sys.d.prop_idbits = idbits;
	assert_int_equal(ts_rdist_enable(&f->sys, cpu), GICITS_OK);
	f->sys.d.prop_idbits = keep;
}

/* Create the gic and the ITS; program and (unless no_enable) enable. */
static inline void fx_start(struct fx *f)
{
	f->sys.d.gic = f->gcfg;
	f->sys.d.its = f->icfg;
	f->sys.d.baser[0] = f->baser[0];
	f->sys.d.baser[1] = f->baser[1];
	f->sys.d.cbaser = f->cbaser;
	f->sys.d.no_enable = f->no_enable;
	assert_int_equal(ts_sys_start(&f->sys), GICITS_OK);
	f->gic = f->sys.gic;
	f->its = f->sys.its;
	f->cw = 0;
}

/* fx_init() + fx_start(): the default system. */
static inline struct fx *fx_new(void)
{
	struct fx *f = fx_init();

	fx_start(f);
	return f;
}

static inline void fx_fini(struct fx *f)
{
	ts_sys_destroy(&f->sys);
	free(f);
}

/* Host pointer for guest address @gpa in the RAM (asserts it is there). */
static inline uint8_t *fx_host(struct fx *f, uint64_t gpa)
{
	uint8_t *p = ts_host(&f->sys, gpa, 1);

	assert_non_null(p);
	return p;
}

static inline uint64_t fx_peek64(struct fx *f, uint64_t gpa)
{
	assert_non_null(ts_host(&f->sys, gpa, 8));
	return ts_peek64(&f->sys, gpa);
}

static inline void fx_poke64(struct fx *f, uint64_t gpa, uint64_t v)
{
	assert_non_null(ts_host(&f->sys, gpa, 8));
	ts_poke64(&f->sys, gpa, v);
}

static inline uint64_t fx_qsize(struct fx *f)
{
	return ((f->cbaser & 0xff) + 1) * 4096;
}

static inline uint64_t fx_qbase(struct fx *f)
{
	return f->cbaser & 0x000FFFFFFFFFF000ULL;
}

/* Write command @c at guest address @gpa (in the RAM). */
static inline void fx_pokec(struct fx *f, uint64_t gpa, struct gicits_cmd c)
{
	assert_non_null(ts_host(&f->sys, gpa, GICITS_CMD_BYTES));
	ts_poke_cmd(&f->sys, gpa, &c);
}

/* Write command @c at our CWRITER (no kick). */
static inline void fx_putc(struct fx *f, struct gicits_cmd c)
{
	fx_pokec(f, fx_qbase(f) + f->cw, c);
	f->cw = (f->cw + GICITS_CMD_BYTES) % fx_qsize(f);
}

static inline void fx_kick(struct fx *f)
{
	fx_wr(f, GICITS_GITS_CWRITER, 8, f->cw);
}

static inline struct gicits_its_status fx_status(struct fx *f)
{
	struct gicits_its_status st;

	assert_int_equal(gicits_its_status(f->its, &st), GICITS_OK);
	return st;
}

/* The most recent record of @kind since record number @since, or NULL. */
static inline const struct fx_rec *fx_find(struct fx *f, uint64_t since,
					   enum gicits_trace_kind kind)
{
	uint64_t i, lo = since;

	if (f->nrecs > FX_MAX_RECS && lo < f->nrecs - FX_MAX_RECS)
		lo = f->nrecs - FX_MAX_RECS;
	for (i = f->nrecs; i > lo; i--)
		if (f->recs[(i - 1) % FX_MAX_RECS].kind == kind)
			return &f->recs[(i - 1) % FX_MAX_RECS];
	return NULL;
}

static inline uint64_t fx_count(struct fx *f, uint64_t since,
				enum gicits_trace_kind kind)
{
	uint64_t i, n = 0, lo = since;

	if (f->nrecs > FX_MAX_RECS && lo < f->nrecs - FX_MAX_RECS)
		lo = f->nrecs - FX_MAX_RECS;
	for (i = lo; i < f->nrecs; i++)
		if (f->recs[i % FX_MAX_RECS].kind == kind)
			n++;
	return n;
}

/*
 * Issue one command and check its outcome: @expect == 0 means success (a
 * COMMAND record, no new error); an E_ITS_* code means exactly one new error
 * with that code in last_error and in a GICITS_TRACE_ERROR record for this
 * command number; FX_ANY checks nothing.
 */
static inline void fx_cmdc_at(const char *file, int line, struct fx *f,
			      struct gicits_cmd c, uint32_t expect)
{
	struct gicits_its_status a = fx_status(f), b;
	uint64_t mark = f->nrecs;
	const struct fx_rec *r;
	uint8_t op = (uint8_t)gicits_cmd_get(&c, GICITS_CMD_F_OPCODE);

	fx_putc(f, c);
	fx_kick(f);
	if (expect == FX_ANY)
		return;
	b = fx_status(f);
	if (expect == 0) {
		_assert_int_equal(b.errors, a.errors, file, line);
		_assert_int_equal(b.commands, a.commands + 1, file, line);
		r = fx_find(f, mark, GICITS_TRACE_COMMAND);
		_assert_true(r != NULL, "COMMAND record", file, line);
		_assert_int_equal(r->cmd, op, file, line);
		_assert_int_equal(r->error, 0, file, line);
		_assert_true(fx_find(f, mark, GICITS_TRACE_ERROR) == NULL,
			     "no ERROR record", file, line);
		return;
	}
	_assert_int_equal(b.errors, a.errors + 1, file, line);
	_assert_int_equal(b.last_error, expect, file, line);
	r = fx_find(f, mark, GICITS_TRACE_ERROR);
	_assert_true(r != NULL, "ERROR record", file, line);
	_assert_int_equal(r->cmd, op, file, line);
	_assert_int_equal(r->error, expect, file, line);
	_assert_true(fx_find(f, mark, GICITS_TRACE_COMMAND) == NULL,
		     "no COMMAND record", file, line);
	if (f->icfg.error_policy == GICITS_POLICY_SKIP &&
	    expect != GICITS_E_ITS_MEMORY_FAULT) {
		_assert_int_equal(b.commands, a.commands + 1, file, line);
		_assert_true(!b.stalled, "not stalled", file, line);
	} else {
		_assert_int_equal(b.commands, a.commands, file, line);
		_assert_true(b.stalled, "stalled", file, line);
	}
}

#define fx_cmdc(f, c, expect) fx_cmdc_at(__FILE__, __LINE__, f, c, expect)

/* The public encoders of <gicits/cmd.h>, as values. */
static inline struct gicits_cmd fx_c_mapd(uint32_t dev, unsigned size,
					  uint64_t itt, bool v)
{
	struct gicits_cmd c;

	gicits_cmd_mapd(&c, dev, size, itt, v);
	return c;
}

static inline struct gicits_cmd fx_c_mapc(uint16_t icid, uint64_t rdbase,
					  bool v)
{
	struct gicits_cmd c;

	gicits_cmd_mapc(&c, icid, rdbase, v);
	return c;
}

static inline struct gicits_cmd fx_c_mapti(uint32_t dev, uint32_t ev,
					   uint32_t intid, uint16_t icid)
{
	struct gicits_cmd c;

	gicits_cmd_mapti(&c, dev, ev, intid, icid);
	return c;
}

static inline struct gicits_cmd fx_c_mapi(uint32_t dev, uint32_t ev,
					  uint16_t icid)
{
	struct gicits_cmd c;

	gicits_cmd_mapi(&c, dev, ev, icid);
	return c;
}

static inline struct gicits_cmd fx_c_movi(uint32_t dev, uint32_t ev,
					  uint16_t icid)
{
	struct gicits_cmd c;

	gicits_cmd_movi(&c, dev, ev, icid);
	return c;
}

static inline struct gicits_cmd fx_c_event(uint8_t op, uint32_t dev,
					   uint32_t ev)
{
	struct gicits_cmd c;

	gicits_cmd_event(&c, op, dev, ev);
	return c;
}

static inline struct gicits_cmd fx_c_invall(uint16_t icid)
{
	struct gicits_cmd c;

	gicits_cmd_invall(&c, icid);
	return c;
}

static inline struct gicits_cmd fx_c_movall(uint64_t rd1, uint64_t rd2)
{
	struct gicits_cmd c;

	gicits_cmd_movall(&c, rd1, rd2);
	return c;
}

static inline struct gicits_cmd fx_c_sync(uint64_t rd)
{
	struct gicits_cmd c;

	gicits_cmd_sync(&c, rd);
	return c;
}

/* Each command with an expected result (see fx_cmdc_at()). */
#define fx_mapd(f, dev, size, itt, v, expect) \
	fx_cmdc(f, fx_c_mapd(dev, size, itt, v), expect)
#define fx_mapc(f, icid, rdbase, v, expect) \
	fx_cmdc(f, fx_c_mapc(icid, rdbase, v), expect)
#define fx_mapti(f, dev, ev, intid, icid, expect) \
	fx_cmdc(f, fx_c_mapti(dev, ev, intid, icid), expect)
#define fx_mapi(f, dev, ev, icid, expect) \
	fx_cmdc(f, fx_c_mapi(dev, ev, icid), expect)
#define fx_evcmd(f, op, dev, ev, expect) \
	fx_cmdc(f, fx_c_event(op, dev, ev), expect)
#define fx_int(f, dev, ev, expect) fx_evcmd(f, GICITS_CMD_INT, dev, ev, expect)
#define fx_clear(f, dev, ev, expect) \
	fx_evcmd(f, GICITS_CMD_CLEAR, dev, ev, expect)
#define fx_discard(f, dev, ev, expect) \
	fx_evcmd(f, GICITS_CMD_DISCARD, dev, ev, expect)
#define fx_inv(f, dev, ev, expect) fx_evcmd(f, GICITS_CMD_INV, dev, ev, expect)
#define fx_movi(f, dev, ev, icid, expect) \
	fx_cmdc(f, fx_c_movi(dev, ev, icid), expect)
#define fx_invall(f, icid, expect) fx_cmdc(f, fx_c_invall(icid), expect)
#define fx_movall(f, rd1, rd2, expect) fx_cmdc(f, fx_c_movall(rd1, rd2), expect)
#define fx_sync(f, rd, expect) fx_cmdc(f, fx_c_sync(rd), expect)

/* Map device @dev (ITT at FX_ITT(dev), @bits EventID bits), collection
 * @icid -> @cpu, and @ev -> LPI @intid. */
static inline void fx_map_event(struct fx *f, uint32_t dev, unsigned bits,
				uint32_t ev, uint32_t intid, uint32_t icid,
				unsigned cpu)
{
	fx_mapd(f, dev, bits - 1, FX_ITT(dev), 1, 0);
	fx_mapc(f, icid, cpu, 1, 0);
	fx_mapti(f, dev, ev, intid, icid, 0);
}

static inline bool fx_pending(struct fx *f, unsigned cpu, uint32_t intid)
{
	int r = gicits_rdist_is_pending(f->gic, cpu, intid);

	assert_true(r == 0 || r == 1);
	return r == 1;
}

/* An MSI, and the drop reason (GICITS_DROP_NONE: delivered) it must get. */
static inline void fx_expect_msi(struct fx *f, uint32_t dev, uint32_t ev,
				 int drop)
{
	assert_int_equal(gicits_its_msi(f->its, dev, ev), drop);
}

/* Number of LPIs pending on @cpu. */
static inline unsigned fx_npending(struct fx *f, unsigned cpu)
{
	long n = ts_npending(&f->sys, cpu);

	assert_true(n >= 0);
	return (unsigned)n;
}

/* Small deterministic PRNG (xorshift64*). */
#define fx_rand ts_rand

#endif
