/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The LPI sink (<gicits/sink.h>) in both configurations.
 *
 * External sink: a recording sink sees each operation with the
 * arguments the command or MSI implies (INT, CLEAR, DISCARD, INV, INVALL,
 * MOVI, MOVALL; MSIs through gicits_its_msi(), bursts and GITS_TRANSLATER,
 * with the index on, off and checked), and nothing reaches the gic the
 * system also has; its set_pending results become drop reasons; a device's
 * MSIs reach only the LPIs its own ITT maps (isolation); RDbase is
 * resolved by the sink's decoder (PTA = 1) or as processor numbers;
 * bad ops are refused; the ordering points (DISCARD, SYNC) and
 * gicits_its_msi_barrier() wait for an MSI parked inside set_pending;
 * a snapshot without a gic holds the ITS's state, and KVM ABI tables move
 * between two such ITSes.
 *
 * Both: an ITS over the forwarding sink (tests/support/fwd_sink.h) and an
 * ITS on the same kind of gic called directly go through one random
 * sequence of commands, MSIs, bursts, acknowledges and configuration edits
 * and must agree after every step; gicits_gic_lpi_sink_ops() checks its
 * CPU numbers.
 */
#define _POSIX_C_SOURCE 200809L

#include "harness.h"
#include "sys.h"

#include <inttypes.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gicits/cmd.h"
#include "gicits/error.h"
#include "gicits/its.h"
#include "gicits/rdist.h"
#include "gicits/sink.h"
#include "gicits/snapshot.h"

#define NCPU 4u
#define RAM 0x40000000ull
#define ITT(dev) (RAM + 0x500000ull + (uint64_t)(dev)*0x1000ull)
#define STATUSR_UMSI (1u << 4) /* GITS_STATUSR.UMSI */
#define PTA_BASE 0x080A0000ull /* RD_base of CPU 0 for the PTA decoder */
#define PTA_STRIDE 0x20000ull

/* ---- the recording sink ---------------------------------------------- */

enum op { SET, CLEAR, MOVE, MOVE_ALL, INV, INV_ALL };

struct call {
	enum op op;
	int a, b; /* cpu or from, to (-1: unused) */
	uint32_t intid;
};

#define MAXCALLS 1024u

struct rec {
	atomic_uint n;
	struct call c[MAXCALLS];
	int set_result; /* what set_pending returns */
	unsigned ncpus, ibits;
	atomic_uint rdbase_calls;
	/* ordering tests: set_pending parks while @park is 1 */
	atomic_int park, parked;
};

static void rec_init(struct rec *r)
{
	memset(r, 0, sizeof(*r));
	r->ncpus = NCPU;
	r->ibits = 16;
}

static void record(struct rec *r, enum op op, int a, int b, uint32_t intid)
{
	unsigned i = atomic_fetch_add(&r->n, 1);

	if (i < MAXCALLS) {
		r->c[i].op = op;
		r->c[i].a = a;
		r->c[i].b = b;
		r->c[i].intid = intid;
	}
}

static unsigned rec_num_cpus(void *ctx)
{
	return ((struct rec *)ctx)->ncpus;
}

static unsigned rec_intid_bits(void *ctx)
{
	return ((struct rec *)ctx)->ibits;
}

/* PTA = 1: RD_base addresses PTA_BASE + cpu * PTA_STRIDE, with no bound
 * (the ITS must refuse an answer >= num_cpus itself); PTA = 0: processor
 * numbers, any value. */
static bool rec_rdbase_to_cpu(void *ctx, uint64_t rdbase, bool pta,
			      unsigned *cpu)
{
	struct rec *r = ctx;
	uint64_t pa = rdbase << 16;

	atomic_fetch_add(&r->rdbase_calls, 1);
	if (!pta) {
		*cpu = (unsigned)rdbase;
		return true;
	}
	if (pa < PTA_BASE || (pa - PTA_BASE) % PTA_STRIDE)
		return false;
	*cpu = (unsigned)((pa - PTA_BASE) / PTA_STRIDE);
	return true;
}

static void nap(void)
{
	struct timespec ts = { 0, 100000 };

	nanosleep(&ts, NULL);
}

static int rec_set_pending(void *ctx, unsigned cpu, uint32_t intid)
{
	struct rec *r = ctx;

	if (atomic_load(&r->park)) {
		atomic_store(&r->parked, 1);
		while (atomic_load(&r->park))
			nap();
	}
	record(r, SET, (int)cpu, -1, intid);
	return r->set_result;
}

static void rec_clear(void *ctx, unsigned cpu, uint32_t intid)
{
	record(ctx, CLEAR, (int)cpu, -1, intid);
}

static void rec_move(void *ctx, unsigned from, unsigned to, uint32_t intid)
{
	record(ctx, MOVE, (int)from, (int)to, intid);
}

static void rec_move_all(void *ctx, unsigned from, unsigned to)
{
	record(ctx, MOVE_ALL, (int)from, (int)to, 0);
}

static void rec_inv(void *ctx, unsigned cpu, uint32_t intid)
{
	record(ctx, INV, (int)cpu, -1, intid);
}

static void rec_inv_all(void *ctx, int cpu)
{
	record(ctx, INV_ALL, cpu, -1, 0);
}

/* Processor numbers (no decoder). */
static const struct gicits_lpi_sink_ops rec_ops = {
	.size = sizeof(struct gicits_lpi_sink_ops),
	.num_cpus = rec_num_cpus,
	.intid_bits = rec_intid_bits,
	.set_pending = rec_set_pending,
	.clear = rec_clear,
	.move = rec_move,
	.move_all = rec_move_all,
	.inv = rec_inv,
	.inv_all = rec_inv_all,
};

/* With the decoder. */
static const struct gicits_lpi_sink_ops rec_ops_pta = {
	.size = sizeof(struct gicits_lpi_sink_ops),
	.num_cpus = rec_num_cpus,
	.intid_bits = rec_intid_bits,
	.rdbase_to_cpu = rec_rdbase_to_cpu,
	.set_pending = rec_set_pending,
	.clear = rec_clear,
	.move = rec_move,
	.move_all = rec_move_all,
	.inv = rec_inv,
	.inv_all = rec_inv_all,
};

static const char *const op_name[] = { "set",	   "clear", "move",
				       "move_all", "inv",   "inv_all" };

/* The calls since the last check must be exactly @want[0..n). */
static void expect(struct rec *r, const struct call *want, unsigned n)
{
	unsigned got = atomic_load(&r->n), i;

	if (got != n) {
		for (i = 0; i < got && i < MAXCALLS; i++)
			print_message("  call %u: %s %d %d %" PRIu32 "\n", i,
				      op_name[r->c[i].op], r->c[i].a, r->c[i].b,
				      r->c[i].intid);
		fail_msg("%u sink calls, want %u", got, n);
	}
	for (i = 0; i < n; i++)
		if (r->c[i].op != want[i].op || r->c[i].a != want[i].a ||
		    r->c[i].b != want[i].b || r->c[i].intid != want[i].intid)
			fail_msg("call %u: %s %d %d %" PRIu32
				 ", want %s %d %d %" PRIu32,
				 i, op_name[r->c[i].op], r->c[i].a, r->c[i].b,
				 r->c[i].intid, op_name[want[i].op], want[i].a,
				 want[i].b, want[i].intid);
	atomic_store(&r->n, 0);
}

#define EXPECT(r, ...)                                                   \
	do {                                                             \
		static const struct call w_[] = { __VA_ARGS__ };         \
		expect((r), w_, (unsigned)(sizeof(w_) / sizeof(w_[0]))); \
	} while (0)
#define EXPECT_NONE(r) expect((r), NULL, 0)

/* A system whose ITS delivers to @r through @ops (the gic is created
 * too, and must never see an LPI). */
static void sink_sys(struct ts_sys *s, struct rec *r,
		     const struct gicits_lpi_sink_ops *ops,
		     enum gicits_cache_mode cache, bool pta)
{
	struct ts_desc d;

	ts_desc_default(&d);
	d.its.cache = cache;
	d.its.pta = pta;
	d.its.umsi = true;
	d.sink = ops;
	d.sink_ctx = r;
	assert_int_equal(ts_sys_create(s, &d), GICITS_OK);
}

static void assert_gic_untouched(struct ts_sys *s)
{
	unsigned cpu;

	for (cpu = 0; cpu < NCPU; cpu++)
		assert_int_equal(ts_npending(s, cpu), 0);
}

static struct gicits_its_status status(struct ts_sys *s)
{
	struct gicits_its_status st;

	assert_int_equal(gicits_its_status(s->its, &st), GICITS_OK);
	return st;
}

static uint32_t statusr(struct ts_sys *s)
{
	uint64_t v = 0;

	assert_int_equal(
		gicits_its_mmio_read(s->its, GICITS_GITS_STATUSR, 4, &v), 0);
	return (uint32_t)v;
}

/* ---- every command reaches the sink with its arguments --------------- */

static void sink_commands(void **state)
{
	struct ts_sys s;
	struct rec r;

	(void)state;
	rec_init(&r);
	sink_sys(&s, &r, &rec_ops, GICITS_CACHE_ON, false);
	ts_mapd(&s, 1, 3, ITT(1), true); /* 16 events */
	ts_mapc(&s, 0, 1, true);
	ts_mapc(&s, 1, 2, true);
	ts_mapti(&s, 1, 0, 8200, 0);
	ts_sync(&s, 0);
	assert_int_equal(ts_kick(&s), GICITS_OK);
	EXPECT_NONE(&r); /* mapping asks nothing of a redistributor */

	ts_event(&s, GICITS_CMD_INT, 1, 0);
	ts_kick(&s);
	EXPECT(&r, { SET, 1, -1, 8200 });
	ts_event(&s, GICITS_CMD_CLEAR, 1, 0);
	ts_kick(&s);
	EXPECT(&r, { CLEAR, 1, -1, 8200 });
	ts_event(&s, GICITS_CMD_INV, 1, 0);
	ts_kick(&s);
	EXPECT(&r, { INV, 1, -1, 8200 });
	ts_invall(&s, 1);
	ts_kick(&s);
	EXPECT(&r, { INV_ALL, 2, -1, 0 });
	ts_invall(&s, 3); /* unmapped collection: a command error */
	ts_kick(&s);
	EXPECT(&r, { INV_ALL, -1, -1, 0 });
	assert_int_equal(status(&s).last_error,
			 GICITS_E_ITS_INVALL_UNMAPPED_COLLECTION);
	ts_movi(&s, 1, 0, 1);
	ts_kick(&s);
	EXPECT(&r, { MOVE, 1, 2, 8200 });
	ts_movall(&s, 2, 3);
	ts_kick(&s);
	EXPECT(&r, { MOVE_ALL, 2, 3, 0 });
	ts_event(&s, GICITS_CMD_DISCARD, 1, 0); /* now in collection 1 */
	ts_kick(&s);
	EXPECT(&r, { CLEAR, 2, -1, 8200 });

	/* several commands, one kick: in queue order */
	ts_mapti(&s, 1, 4, 8204, 0);
	ts_event(&s, GICITS_CMD_INT, 1, 4);
	ts_movi(&s, 1, 4, 1);
	ts_event(&s, GICITS_CMD_INT, 1, 4);
	ts_movall(&s, 2, 2);
	ts_kick(&s);
	EXPECT(&r, { SET, 1, -1, 8204 }, { MOVE, 1, 2, 8204 },
	       { SET, 2, -1, 8204 }, { MOVE_ALL, 2, 2, 0 });

	/* errors call nothing: INT of an event DISCARD unmapped, MOVALL
	 * to a processor that does not exist, MAPC to one, MOVI to an
	 * unmapped collection */
	ts_event(&s, GICITS_CMD_INT, 1, 0);
	ts_kick(&s);
	assert_int_equal(status(&s).last_error,
			 GICITS_E_ITS_INT_UNMAPPED_INTERRUPT);
	ts_movall(&s, 0, NCPU);
	ts_kick(&s);
	assert_int_equal(status(&s).last_error,
			 GICITS_E_ITS_MOVALL_PROCNUM_OOR);
	ts_mapc(&s, 2, NCPU, true);
	ts_kick(&s);
	assert_int_equal(status(&s).last_error, GICITS_E_ITS_MAPC_PROCNUM_OOR);
	ts_movi(&s, 1, 4, 3);
	ts_kick(&s);
	assert_int_equal(status(&s).last_error,
			 GICITS_E_ITS_MOVI_UNMAPPED_COLLECTION);
	EXPECT_NONE(&r);
	assert_int_equal(status(&s).errors, 5);
	assert_gic_untouched(&s);
	ts_sys_destroy(&s);
}

/* ---- MSIs: single, burst, GITS_TRANSLATER; results --------------------- */

static void msis_reach_sink(enum gicits_cache_mode cache)
{
	static const struct gicits_msi burst[] = {
		{ 1, 0 }, { 1, 9 }, { 1, 1 }, { 2, 0 }, { 1, 3 },
	};
	int res[5];
	struct ts_sys s;
	struct rec r;
	uint32_t ev;

	rec_init(&r);
	sink_sys(&s, &r, &rec_ops, cache, false);
	ts_mapd(&s, 1, 3, ITT(1), true);
	ts_mapc(&s, 0, 1, true);
	ts_mapc(&s, 1, 2, true);
	for (ev = 0; ev < 4; ev++)
		ts_mapti(&s, 1, ev, 8200 + ev, (uint16_t)(ev % 2));
	ts_kick(&s);
	EXPECT_NONE(&r);

	assert_int_equal(gicits_its_msi(s.its, 1, 2), GICITS_DROP_NONE);
	EXPECT(&r, { SET, 1, -1, 8202 });
	assert_int_equal(gicits_its_msi(s.its, 1, 9),
			 GICITS_DROP_EVENT_UNMAPPED);
	assert_int_equal(gicits_its_msi(s.its, 2, 0),
			 GICITS_DROP_DEVICE_UNMAPPED);
	EXPECT_NONE(&r);
	assert_int_equal(gicits_its_msi_burst(s.its, burst, 5, res), 3);
	assert_int_equal(res[0], GICITS_DROP_NONE);
	assert_int_equal(res[1], GICITS_DROP_EVENT_UNMAPPED);
	assert_int_equal(res[2], GICITS_DROP_NONE);
	assert_int_equal(res[3], GICITS_DROP_DEVICE_UNMAPPED);
	assert_int_equal(res[4], GICITS_DROP_NONE);
	EXPECT(&r, { SET, 1, -1, 8200 }, { SET, 2, -1, 8201 },
	       { SET, 2, -1, 8203 });
	assert_int_equal(
		gicits_its_mmio_write(s.its, GICITS_GITS_TRANSLATER, 4, 1, 1),
		GICITS_OK);
	EXPECT(&r, { SET, 2, -1, 8201 });

	/* set_pending's result: the redistributor reasons pass, anything
	 * else is GICITS_DROP_SINK, never an unmapped MSI (UMSI) */
	assert_int_equal(statusr(&s) & STATUSR_UMSI, STATUSR_UMSI);
	assert_int_equal(gicits_its_mmio_write(s.its, GICITS_GITS_STATUSR, 4,
					       STATUSR_UMSI, 0),
			 GICITS_OK); /* W1C */
	assert_int_equal(statusr(&s) & STATUSR_UMSI, 0);
	r.set_result = GICITS_DROP_LPIS_DISABLED;
	assert_int_equal(gicits_its_msi(s.its, 1, 0),
			 GICITS_DROP_LPIS_DISABLED);
	r.set_result = GICITS_DROP_INTID_OOR;
	assert_int_equal(gicits_its_msi(s.its, 1, 0), GICITS_DROP_INTID_OOR);
	r.set_result = GICITS_DROP_BUDGET;
	assert_int_equal(gicits_its_msi(s.its, 1, 0), GICITS_DROP_BUDGET);
	r.set_result = GICITS_DROP_DEVICE_UNMAPPED;
	assert_int_equal(gicits_its_msi(s.its, 1, 0), GICITS_DROP_SINK);
	r.set_result = 12345;
	assert_int_equal(gicits_its_msi(s.its, 1, 0), GICITS_DROP_SINK);
	r.set_result = -1;
	assert_int_equal(gicits_its_msi_burst(s.its, burst, 1, res), 0);
	assert_int_equal(res[0], GICITS_DROP_SINK);
	EXPECT(&r, { SET, 1, -1, 8200 }, { SET, 1, -1, 8200 },
	       { SET, 1, -1, 8200 }, { SET, 1, -1, 8200 }, { SET, 1, -1, 8200 },
	       { SET, 1, -1, 8200 });
	assert_int_equal(statusr(&s) & STATUSR_UMSI, 0);
	assert_string_equal(gicits_drop_name(GICITS_DROP_SINK), "sink");
	assert_int_equal(status(&s).findings, 0); /* cache=check agreed */
	assert_gic_untouched(&s);
	ts_sys_destroy(&s);
}

static void sink_msis_index_on(void **state)
{
	(void)state;
	msis_reach_sink(GICITS_CACHE_ON);
}

static void sink_msis_index_off(void **state)
{
	(void)state;
	msis_reach_sink(GICITS_CACHE_OFF);
}

static void sink_msis_index_check(void **state)
{
	(void)state;
	msis_reach_sink(GICITS_CACHE_CHECK);
}

/* ---- isolation: a device reaches only what its own ITT maps ------------ */

/* What device @dev's event @ev must reach: 1 and *call, or 0 (dropped). */
typedef int map_fn(uint32_t dev, uint32_t ev, struct call *c);

static void send_all(struct ts_sys *s, struct rec *r, map_fn *map)
{
	struct gicits_msi m[4 * 16];
	struct call want[4 * 16];
	int res[4 * 16];
	unsigned n = 0, nw = 0;
	uint32_t dev, ev;

	/* one at a time: each MSI reaches its own mapping or nothing */
	for (dev = 1; dev <= 4; dev++)
		for (ev = 0; ev < 16; ev++) {
			struct call c;
			int got = gicits_its_msi(s->its, dev, ev);

			m[n].device_id = dev;
			m[n++].event_id = ev;
			if (map(dev, ev, &c)) {
				assert_int_equal(got, GICITS_DROP_NONE);
				expect(r, &c, 1);
				want[nw++] = c;
			} else {
				assert_int_not_equal(got, GICITS_DROP_NONE);
				expect(r, NULL, 0);
			}
		}
	/* the same MSIs as one burst: the same calls, in order */
	assert_int_equal(gicits_its_msi_burst(s->its, m, n, res), (int)nw);
	expect(r, want, nw);
}

static int set_call(struct call *c, unsigned cpu, uint32_t intid)
{
	c->op = SET;
	c->a = (int)cpu;
	c->b = -1;
	c->intid = intid;
	return 1;
}

/* d = 1: events 0..3 -> 8200.. on CPU 0; f = 2: events 0..3 -> 8300.. on
 * CPU 3; device 3 mapped with no events, device 4 not mapped. */
static int map_first(uint32_t dev, uint32_t ev, struct call *c)
{
	if (dev == 1 && ev < 4)
		return set_call(c, 0, 8200 + ev);
	if (dev == 2 && ev < 4)
		return set_call(c, 3, 8300 + ev);
	return 0;
}

/* After DISCARD (1, 0) and MAPTI (2, 5) -> 8200, d's old INTID: only f
 * reaches it. */
static int map_moved(uint32_t dev, uint32_t ev, struct call *c)
{
	if (dev == 2 && ev == 5)
		return set_call(c, 3, 8200);
	if (dev == 1 && ev == 0)
		return 0;
	return map_first(dev, ev, c);
}

/* After MAPD (1, V = 0): d reaches nothing. */
static int map_unmapped(uint32_t dev, uint32_t ev, struct call *c)
{
	return dev == 1 ? 0 : map_moved(dev, ev, c);
}

static void isolation(enum gicits_cache_mode cache)
{
	struct ts_sys s;
	struct rec r;
	uint32_t ev;

	rec_init(&r);
	sink_sys(&s, &r, &rec_ops, cache, false);
	ts_mapc(&s, 0, 0, true);
	ts_mapc(&s, 1, 3, true);
	ts_mapd(&s, 1, 3, ITT(1), true);
	ts_mapd(&s, 2, 3, ITT(2), true);
	ts_mapd(&s, 3, 3, ITT(3), true);
	for (ev = 0; ev < 4; ev++) {
		ts_mapti(&s, 1, ev, 8200 + ev, 0);
		ts_mapti(&s, 2, ev, 8300 + ev, 1);
	}
	ts_kick(&s);
	send_all(&s, &r, map_first);

	ts_event(&s, GICITS_CMD_DISCARD, 1, 0);
	ts_sync(&s, 0);
	ts_mapti(&s, 2, 5, 8200, 1);
	ts_kick(&s);
	EXPECT(&r, { CLEAR, 0, -1, 8200 });
	send_all(&s, &r, map_moved);

	ts_mapd(&s, 1, 3, ITT(1), false);
	ts_kick(&s);
	EXPECT_NONE(&r);
	send_all(&s, &r, map_unmapped);
	assert_int_equal(status(&s).errors, 0);
	assert_int_equal(status(&s).findings, 0);
	assert_gic_untouched(&s);
	ts_sys_destroy(&s);
}

static void sink_isolation(void **state)
{
	(void)state;
	isolation(GICITS_CACHE_ON);
	isolation(GICITS_CACHE_OFF);
	isolation(GICITS_CACHE_CHECK);
}

/* ---- RDbase: the sink's decoder, or processor numbers ----------------- */

static void sink_rdbase(void **state)
{
	struct ts_sys s;
	struct rec r;

	(void)state;
	/* PTA = 1: the decoder resolves RD_base addresses at MAPC */
	rec_init(&r);
	sink_sys(&s, &r, &rec_ops_pta, GICITS_CACHE_ON, true);
	ts_mapd(&s, 1, 3, ITT(1), true);
	ts_mapc(&s, 0, (PTA_BASE + 2 * PTA_STRIDE) >> 16, true);
	ts_mapti(&s, 1, 0, 8200, 0);
	ts_kick(&s);
	assert_int_equal(status(&s).errors, 0);
	assert_true(atomic_load(&r.rdbase_calls) > 0);
	assert_int_equal(gicits_its_msi(s.its, 1, 0), GICITS_DROP_NONE);
	EXPECT(&r, { SET, 2, -1, 8200 });
	/* an address the decoder refuses, and one it maps to CPU 5 of 4:
	 * both name no redistributor */
	ts_mapc(&s, 1, (PTA_BASE + 0x10000) >> 16, true);
	ts_kick(&s);
	assert_int_equal(status(&s).last_error, GICITS_E_ITS_MAPC_PROCNUM_OOR);
	ts_mapc(&s, 1, (PTA_BASE + 5 * PTA_STRIDE) >> 16, true);
	ts_kick(&s);
	assert_int_equal(status(&s).errors, 2);
	ts_movall(&s, (PTA_BASE + 2 * PTA_STRIDE) >> 16,
		  (PTA_BASE + 3 * PTA_STRIDE) >> 16);
	ts_kick(&s);
	EXPECT(&r, { MOVE_ALL, 2, 3, 0 });
	ts_sys_destroy(&s);

	/* no decoder: processor numbers below num_cpus */
	rec_init(&r);
	r.ncpus = 2;
	sink_sys(&s, &r, &rec_ops, GICITS_CACHE_ON, false);
	ts_mapc(&s, 0, 1, true);
	ts_kick(&s);
	assert_int_equal(status(&s).errors, 0);
	ts_mapc(&s, 1, 2, true);
	ts_kick(&s);
	assert_int_equal(status(&s).last_error, GICITS_E_ITS_MAPC_PROCNUM_OOR);
	ts_movall(&s, 1, 0);
	ts_movall(&s, 0, 2);
	ts_kick(&s);
	EXPECT(&r, { MOVE_ALL, 1, 0, 0 });
	assert_int_equal(status(&s).errors, 2);
	ts_sys_destroy(&s);
}

/* ---- creation: what is refused ----------------------------------------- */

static int create(const struct gicits_lpi_sink_ops *ops, struct rec *r,
		  bool pta)
{
	struct gicits_its_config cfg;
	struct test_ram ram;
	struct gicits_its *its = NULL;
	int err;

	test_ram_init(&ram, RAM, 0x10000);
	gicits_its_config_default(&cfg);
	cfg.pta = pta;
	err = gicits_its_create_with_sink(&cfg, ops, r, &ram.mem, &its);
	assert_true(err ? its == NULL : its != NULL);
	gicits_its_destroy(its);
	test_ram_fini(&ram);
	return err;
}

static void sink_create_errors(void **state)
{
	struct gicits_lpi_sink_ops ops;
	struct gicits_its_config cfg;
	struct gicits_its *its = NULL;
	struct test_ram ram;
	struct rec r;
	size_t v1 = offsetof(struct gicits_lpi_sink_ops, inv_all) +
		    sizeof(ops.inv_all);
	unsigned i;

	(void)state;
	rec_init(&r);
	test_ram_init(&ram, RAM, 0x10000);
	gicits_its_config_default(&cfg);
	assert_int_equal(
		gicits_its_create_with_sink(NULL, &rec_ops, &r, &ram.mem, &its),
		GICITS_EINVAL);
	assert_int_equal(
		gicits_its_create_with_sink(&cfg, NULL, &r, &ram.mem, &its),
		GICITS_EINVAL);
	assert_int_equal(
		gicits_its_create_with_sink(&cfg, &rec_ops, &r, NULL, &its),
		GICITS_EINVAL);
	assert_int_equal(
		gicits_its_create_with_sink(&cfg, &rec_ops, &r, &ram.mem, NULL),
		GICITS_EINVAL);
	cfg.devbits = 33; /* what gicits_its_create() refuses */
	assert_int_equal(
		gicits_its_create_with_sink(&cfg, &rec_ops, &r, &ram.mem, &its),
		GICITS_EINVAL);
	assert_null(its);
	/* gicits_its_create() still needs its gic */
	gicits_its_config_default(&cfg);
	assert_int_equal(gicits_its_create(&cfg, NULL, &ram.mem, &its),
			 GICITS_EINVAL);
	test_ram_fini(&ram);

	/* the size rule */
	assert_int_equal(create(&rec_ops, &r, false), GICITS_OK);
	ops = rec_ops;
	ops.size = 0;
	assert_int_equal(create(&ops, &r, false), GICITS_EINVAL);
	ops.size = (uint32_t)v1 - 1;
	assert_int_equal(create(&ops, &r, false), GICITS_EINVAL);
	ops.size = (uint32_t)v1;
	assert_int_equal(create(&ops, &r, false), GICITS_OK);
	ops.size = sizeof(ops) + 8;
	assert_int_equal(create(&ops, &r, false), GICITS_EINVAL);

	/* every callback but rdbase_to_cpu is required */
	for (i = 0; i < 8; i++) {
		ops = rec_ops;
		switch (i) {
		case 0:
			ops.num_cpus = NULL;
			break;
		case 1:
			ops.intid_bits = NULL;
			break;
		case 2:
			ops.set_pending = NULL;
			break;
		case 3:
			ops.clear = NULL;
			break;
		case 4:
			ops.move = NULL;
			break;
		case 5:
			ops.move_all = NULL;
			break;
		case 6:
			ops.inv = NULL;
			break;
		default:
			ops.inv_all = NULL;
			break;
		}
		assert_int_equal(create(&ops, &r, false), GICITS_EINVAL);
	}

	/* num_cpus 1..65536, intid_bits 14..32 */
	r.ncpus = 0;
	assert_int_equal(create(&rec_ops, &r, false), GICITS_EINVAL);
	r.ncpus = 65537;
	assert_int_equal(create(&rec_ops, &r, false), GICITS_EINVAL);
	r.ncpus = 65536;
	assert_int_equal(create(&rec_ops, &r, false), GICITS_OK);
	r.ncpus = 1;
	r.ibits = 13;
	assert_int_equal(create(&rec_ops, &r, false), GICITS_EINVAL);
	r.ibits = 33;
	assert_int_equal(create(&rec_ops, &r, false), GICITS_EINVAL);
	r.ibits = 32;
	assert_int_equal(create(&rec_ops, &r, false), GICITS_OK);

	/* PTA = 1 needs the decoder */
	rec_init(&r);
	assert_int_equal(create(&rec_ops, &r, true), GICITS_EINVAL);
	assert_int_equal(create(&rec_ops_pta, &r, true), GICITS_OK);
}

/* The ops are copied at create, and intid_bits bounds MAPTI's pINTID. */
static void sink_ops_copied(void **state)
{
	struct gicits_lpi_sink_ops ops = rec_ops;
	struct ts_sys s;
	struct rec r;

	(void)state;
	rec_init(&r);
	r.ibits = 14; /* INTIDs up to 16383 */
	sink_sys(&s, &r, &ops, GICITS_CACHE_ON, false);
	memset(&ops, 0, sizeof(ops));
	ts_mapd(&s, 1, 3, ITT(1), true);
	ts_mapc(&s, 0, 3, true);
	ts_mapti(&s, 1, 0, 16383, 0);
	ts_mapti(&s, 1, 1, 16384, 0);
	ts_kick(&s);
	assert_int_equal(status(&s).errors, 1);
	assert_int_equal(status(&s).last_error,
			 GICITS_E_ITS_MAPTI_PHYSICALID_OOR);
	assert_int_equal(gicits_its_msi(s.its, 1, 0), GICITS_DROP_NONE);
	EXPECT(&r, { SET, 3, -1, 16383 });
	ts_sys_destroy(&s);
}

/* ---- ordering: MSIs in flight inside set_pending ------------------------ */

struct waiter {
	struct ts_sys *s;
	int what; /* 0: an MSI (1, 0); 1: DISCARD (1, 0); 2: SYNC; 3: barrier */
	atomic_int done;
};

static void *waiter_main(void *arg)
{
	struct waiter *w = arg;

	switch (w->what) {
	case 0:
		(void)gicits_its_msi(w->s->its, 1, 0);
		break;
	case 1:
		ts_event(w->s, GICITS_CMD_DISCARD, 1, 0);
		ts_kick(w->s);
		break;
	case 2:
		ts_sync(w->s, 0);
		ts_kick(w->s);
		break;
	default:
		assert_int_equal(gicits_its_msi_barrier(w->s->its), GICITS_OK);
		break;
	}
	atomic_store(&w->done, 1);
	return NULL;
}

/* An MSI parks inside set_pending; @what (an ordering point, or the
 * barrier) must not finish before it is released, and then must. */
static void ordering(int what)
{
	struct waiter msi, cmd;
	pthread_t tm, tc;
	struct ts_sys s;
	struct rec r;
	bool early;
	int i;

	rec_init(&r);
	sink_sys(&s, &r, &rec_ops, GICITS_CACHE_ON, false);
	ts_mapd(&s, 1, 3, ITT(1), true);
	ts_mapc(&s, 0, 2, true);
	ts_mapti(&s, 1, 0, 8200, 0);
	ts_kick(&s);
	msi.s = &s;
	msi.what = 0;
	atomic_init(&msi.done, 0);
	cmd.s = &s;
	cmd.what = what;
	atomic_init(&cmd.done, 0);
	atomic_store(&r.park, 1);
	assert_int_equal(pthread_create(&tm, NULL, waiter_main, &msi), 0);
	while (!atomic_load(&r.parked))
		nap();
	assert_int_equal(pthread_create(&tc, NULL, waiter_main, &cmd), 0);
	/* without the drain the command is done in microseconds */
	for (i = 0; i < 200; i++)
		nap();
	early = atomic_load(&cmd.done) || atomic_load(&msi.done);
	/* release and join before any check, so that a failure leaves no
	 * thread parked on this stack */
	atomic_store(&r.park, 0);
	assert_int_equal(pthread_join(tm, NULL), 0);
	assert_int_equal(pthread_join(tc, NULL), 0);
	assert_false(early);
	assert_int_equal(atomic_load(&cmd.done), 1);
	if (what == 1)
		EXPECT(&r, { SET, 2, -1, 8200 }, { CLEAR, 2, -1, 8200 });
	else
		EXPECT(&r, { SET, 2, -1, 8200 });
	ts_sys_destroy(&s);
}

static void sink_discard_waits_for_msi(void **state)
{
	(void)state;
	ordering(1);
}

static void sink_sync_waits_for_msi(void **state)
{
	(void)state;
	ordering(2);
}

static void sink_barrier_waits_for_msi(void **state)
{
	(void)state;
	assert_int_equal(gicits_its_msi_barrier(NULL), GICITS_EINVAL);
	ordering(3);
}

/* ---- snapshots: the ITS's own state, no gic ----------------------------- */

static void sink_snapshot(void **state)
{
	struct ts_sys s, t, g;
	struct rec r, r2;
	struct gicits_its_status a, b;
	size_t sz = 0, used = 0;
	uint8_t *buf;
	uint64_t v = 0;

	(void)state;
	rec_init(&r);
	rec_init(&r2);
	sink_sys(&s, &r, &rec_ops, GICITS_CACHE_ON, false);
	ts_mapd(&s, 1, 3, ITT(1), true);
	ts_mapc(&s, 0, 2, true);
	ts_mapti(&s, 1, 0, 8200, 0);
	ts_event(&s, GICITS_CMD_INT, 1, 7); /* an error, counted */
	ts_kick(&s);
	atomic_store(&r.n, 0);

	/* an ITS over a sink belongs to no gic */
	assert_int_equal(gicits_snapshot_size(s.gic, &s.its, 1, &sz),
			 GICITS_EINVAL);
	assert_int_equal(gicits_snapshot_size(NULL, NULL, 0, &sz),
			 GICITS_EINVAL);
	assert_int_equal(gicits_snapshot_size(NULL, &s.its, 1, &sz), GICITS_OK);
	buf = test_malloc(sz);
	assert_int_equal(gicits_snapshot_save(NULL, &s.its, 1, buf, sz, &used),
			 GICITS_OK);
	assert_int_equal(used, sz);

	/* restore into a fresh ITS over a sink (its RAM holds the tables) */
	sink_sys(&t, &r2, &rec_ops, GICITS_CACHE_ON, false);
	memcpy(t.ram, s.ram, s.d.ram_size);
	assert_int_equal(gicits_snapshot_restore(NULL, &t.its, 1, buf, used),
			 GICITS_OK);
	a = status(&s);
	b = status(&t);
	assert_int_equal(b.errors, a.errors);
	assert_int_equal(b.commands, a.commands);
	assert_int_equal(b.last_error, a.last_error);
	assert_int_equal(gicits_its_mmio_read(t.its, GICITS_GITS_CREADR, 8, &v),
			 GICITS_OK);
	assert_int_equal(v, s.cw);
	assert_int_equal(gicits_its_msi(t.its, 1, 0), GICITS_DROP_NONE);
	EXPECT(&r2, { SET, 2, -1, 8200 });
	EXPECT_NONE(&r); /* nothing of the saved ITS's sink was called */

	/* a sink snapshot is no gic snapshot, and the other way round */
	assert_int_equal(gicits_snapshot_restore(t.gic, &t.its, 1, buf, used),
			 GICITS_EINVAL);
	{
		struct ts_desc d;
		size_t gsz = 0, gused = 0;
		uint8_t *gbuf;

		ts_desc_default(&d);
		assert_int_equal(ts_sys_create(&g, &d), GICITS_OK);
		assert_int_equal(
			gicits_snapshot_restore(g.gic, &g.its, 1, buf, used),
			GICITS_EINVAL);
		assert_int_equal(gicits_snapshot_size(NULL, &g.its, 1, &gsz),
				 GICITS_EINVAL);
		assert_int_equal(gicits_snapshot_size(g.gic, &g.its, 1, &gsz),
				 GICITS_OK);
		gbuf = test_malloc(gsz);
		assert_int_equal(gicits_snapshot_save(g.gic, &g.its, 1, gbuf,
						      gsz, &gused),
				 GICITS_OK);
		assert_int_equal(
			gicits_snapshot_restore(NULL, &t.its, 1, gbuf, gused),
			GICITS_EINVAL);
		test_free(gbuf);
		ts_sys_destroy(&g);
	}
	test_free(buf);
	ts_sys_destroy(&t);
	ts_sys_destroy(&s);
}

/* The KVM ABI export and import work on ITSes over sinks: what one
 * exports, another imports, and its MSIs then reach the same sink calls. */
static void sink_kvm_tables(void **state)
{
	struct gicits_kvm_tables t;
	struct gicits_kvm_export_info info;
	struct ts_sys a, b;
	struct ts_desc d;
	struct rec ra, rb;
	uint64_t lo = RAM + 0x600000, hi = RAM + 0x800000;

	(void)state;
	rec_init(&ra);
	rec_init(&rb);
	ts_desc_default(&d);
	d.its.ite_size = 8; /* KVM's ITE size, which import needs */
	d.sink = &rec_ops;
	d.sink_ctx = &ra;
	assert_int_equal(ts_sys_create(&a, &d), GICITS_OK);
	d.sink_ctx = &rb;
	assert_int_equal(ts_sys_create(&b, &d), GICITS_OK);
	ts_mapd(&a, 1, 3, ITT(1), true);
	ts_mapc(&a, 0, 3, true);
	ts_mapti(&a, 1, 2, 8210, 0);
	ts_kick(&a);

	memset(&t, 0, sizeof(t));
	t.dt_base = lo;
	t.dt_bytes = 0x10000;
	t.ct_base = lo + 0x10000;
	t.ct_bytes = 0x10000;
	t.itt_base = lo + 0x20000;
	t.itt_bytes = 0x10000;
	assert_int_equal(gicits_snapshot_kvm_export(a.its, &t, &info),
			 GICITS_OK);
	assert_int_equal(info.devices, 1);
	assert_int_equal(info.events, 1);
	assert_int_equal(info.collections, 1);
	memcpy(ts_host(&b, lo, hi - lo), ts_host(&a, lo, hi - lo), hi - lo);
	assert_int_equal(gicits_snapshot_kvm_import(b.its, &t), GICITS_OK);
	assert_int_equal(gicits_its_msi(b.its, 1, 2), GICITS_DROP_NONE);
	EXPECT(&rb, { SET, 3, -1, 8210 });
	EXPECT_NONE(&ra);
	ts_sys_destroy(&b);
	ts_sys_destroy(&a);
}

/* ---- gicits_gic_lpi_sink_ops(): the gic's own sink, checked ------------ */

static void gic_sink_ops_checks_cpus(void **state)
{
	const struct gicits_lpi_sink_ops *o = gicits_gic_lpi_sink_ops();
	struct ts_sys s;
	struct ts_desc d;
	unsigned cpu;

	(void)state;
	assert_non_null(o);
	assert_int_equal(o->size, sizeof(struct gicits_lpi_sink_ops));
	ts_desc_default(&d);
	assert_int_equal(ts_sys_create(&s, &d), GICITS_OK);
	assert_int_equal(o->num_cpus(s.gic), NCPU);
	assert_int_equal(o->intid_bits(s.gic), gicits_gic_intid_bits(s.gic));
	assert_true(o->rdbase_to_cpu(s.gic, 3, false, &cpu));
	assert_int_equal(cpu, 3);
	assert_false(o->rdbase_to_cpu(s.gic, NCPU, false, &cpu));
	assert_int_equal(o->set_pending(s.gic, 1, 8200), GICITS_DROP_NONE);
	assert_int_equal(gicits_rdist_is_pending(s.gic, 1, 8200), 1);
	assert_int_equal(o->set_pending(s.gic, NCPU, 8200),
			 GICITS_DROP_LPIS_DISABLED);
	o->move(s.gic, 1, NCPU, 8200); /* ignored */
	o->move_all(s.gic, NCPU, 1);
	o->clear(s.gic, NCPU, 8200);
	o->inv(s.gic, NCPU, 8200);
	o->inv_all(s.gic, (int)NCPU);
	assert_int_equal(gicits_rdist_is_pending(s.gic, 1, 8200), 1);
	o->move(s.gic, 1, 2, 8200);
	assert_int_equal(gicits_rdist_is_pending(s.gic, 2, 8200), 1);
	o->move_all(s.gic, 2, 0);
	assert_int_equal(gicits_rdist_is_pending(s.gic, 0, 8200), 1);
	o->inv(s.gic, 0, 8200);
	o->inv_all(s.gic, -1);
	assert_int_equal(gicits_cpu_hppi(s.gic, 0), 8200);
	o->clear(s.gic, 0, 8200);
	assert_int_equal(ts_npending(&s, 0), 0);
	ts_sys_destroy(&s);
}

/* ---- both configurations: forwarding sink == direct calls ---------------
 *
 * Two systems from one description, one with d.forward (its ITS over
 * tests/support's forwarding sink to its gic), one created on its gic;
 * one random sequence; after every step the two must be indistinguishable:
 * MSI results, command status, GITS_CREADR, each CPU's pending set and
 * HPPI, what an acknowledge returns.
 */
#define FWD_STEPS 3000
#define FWD_LPIS 32u /* INTIDs 8192..8223 */

struct pair {
	struct ts_sys sys[2]; /* [0] direct, [1] forwarding */
	uint64_t rng;
	char what[96];
};

static unsigned rn(struct pair *p, unsigned n)
{
	return (unsigned)((ts_rand(&p->rng) >> 32) % n);
}

static void pair_cmd(struct pair *p, const struct gicits_cmd *c)
{
	unsigned k;

	for (k = 0; k < 2; k++)
		assert_int_equal(ts_cmd(&p->sys[k], c), GICITS_OK);
}

static void random_cmd(struct pair *p)
{
	struct gicits_cmd c;
	uint32_t dev = rn(p, 5), ev = rn(p, 10);
	uint16_t icid = (uint16_t)rn(p, 5);
	static const uint8_t evops[] = { GICITS_CMD_INT, GICITS_CMD_CLEAR,
					 GICITS_CMD_DISCARD, GICITS_CMD_INV };

	switch (rn(p, 9)) {
	case 0:
		gicits_cmd_mapd(&c, dev, 3, ITT(dev), rn(p, 10) != 0);
		break;
	case 1: /* RDbase NCPU names no redistributor */
		gicits_cmd_mapc(&c, icid, rn(p, NCPU + 1), rn(p, 8) != 0);
		break;
	case 2:
	case 3:
		gicits_cmd_mapti(&c, dev, ev, 8192 + rn(p, FWD_LPIS), icid);
		break;
	case 4:
	case 5:
		gicits_cmd_event(&c, evops[rn(p, 4)], dev, ev);
		break;
	case 6:
		gicits_cmd_movi(&c, dev, ev, icid);
		break;
	case 7:
		gicits_cmd_movall(&c, rn(p, NCPU + 1), rn(p, NCPU + 1));
		break;
	default:
		if (rn(p, 2))
			gicits_cmd_invall(&c, icid);
		else
			gicits_cmd_sync(&c, rn(p, NCPU));
		break;
	}
	snprintf(p->what, sizeof(p->what), "command 0x%02x dev=%u ev=%u",
		 (unsigned)(c.dw[0] & 0xff), dev, ev);
	pair_cmd(p, &c);
}

static void random_msis(struct pair *p)
{
	struct gicits_msi m[8];
	int res[2][8], done[2];
	unsigned n = 1 + rn(p, 8), i, k;

	for (i = 0; i < n; i++) {
		m[i].device_id = rn(p, 5);
		m[i].event_id = rn(p, 10);
	}
	snprintf(p->what, sizeof(p->what), "%u MSIs from dev=%u ev=%u", n,
		 m[0].device_id, m[0].event_id);
	if (n == 1) {
		for (k = 0; k < 2; k++)
			res[k][0] = gicits_its_msi(
				p->sys[k].its, m[0].device_id, m[0].event_id);
		assert_int_equal(res[1][0], res[0][0]);
		return;
	}
	for (k = 0; k < 2; k++)
		done[k] = gicits_its_msi_burst(p->sys[k].its, m, n, res[k]);
	assert_int_equal(done[1], done[0]);
	assert_memory_equal(res[1], res[0], n * sizeof(int));
}

static void random_ack(struct pair *p)
{
	unsigned cpu = rn(p, NCPU);
	uint32_t id[2];
	unsigned k;

	snprintf(p->what, sizeof(p->what), "ack cpu=%u", cpu);
	for (k = 0; k < 2; k++)
		id[k] = gicits_cpu_ack(p->sys[k].gic, cpu);
	assert_int_equal(id[1], id[0]);
	if (id[0] != GICITS_INTID_SPURIOUS)
		for (k = 0; k < 2; k++)
			assert_int_equal(
				gicits_cpu_eoi(p->sys[k].gic, cpu, id[k]), 0);
}

/* Change an LPI's configuration byte without INV (the caches may differ
 * from memory until INV/INVALL, identically in both). */
static void random_cfg(struct pair *p)
{
	uint32_t intid = 8192 + rn(p, FWD_LPIS);
	uint8_t b = (uint8_t)(rn(p, 64) << 2 | 2 | (rn(p, 5) != 0));
	unsigned k;

	snprintf(p->what, sizeof(p->what), "config %u = 0x%02x", intid, b);
	for (k = 0; k < 2; k++)
		*ts_host(&p->sys[k], p->sys[k].d.prop + intid - 8192, 1) = b;
}

struct plist {
	unsigned n;
	uint32_t id[FWD_LPIS];
};

static int plist_add(void *opaque, uint32_t intid)
{
	struct plist *l = opaque;

	if (l->n < FWD_LPIS)
		l->id[l->n] = intid;
	l->n++;
	return 0;
}

static void same_state(struct pair *p)
{
	struct gicits_its_status st[2];
	struct plist l[2];
	uint64_t rd[2];
	unsigned k, cpu;

	for (k = 0; k < 2; k++) {
		st[k] = status(&p->sys[k]);
		rd[k] = ts_creadr(&p->sys[k]);
	}
	if (st[1].errors != st[0].errors ||
	    st[1].last_error != st[0].last_error ||
	    st[1].commands != st[0].commands || rd[1] != rd[0])
		fail_msg("after %s: ITS status differs", p->what);
	for (cpu = 0; cpu < NCPU; cpu++) {
		for (k = 0; k < 2; k++) {
			memset(&l[k], 0, sizeof(l[k]));
			assert_int_equal(
				gicits_rdist_pending_foreach(p->sys[k].gic, cpu,
							     plist_add, &l[k]),
				0);
		}
		if (l[1].n != l[0].n ||
		    memcmp(l[1].id, l[0].id, l[0].n * sizeof(uint32_t)))
			fail_msg(
				"after %s: CPU %u pending sets differ (%u, %u)",
				p->what, cpu, l[0].n, l[1].n);
		if (gicits_cpu_hppi(p->sys[1].gic, cpu) !=
		    gicits_cpu_hppi(p->sys[0].gic, cpu))
			fail_msg("after %s: CPU %u HPPI differs", p->what, cpu);
	}
}

static void forward_matches_direct(enum gicits_lpi_cache lc,
				   enum gicits_cache_mode cache, uint64_t seed)
{
	struct pair *p = test_calloc(1, sizeof(*p));
	struct ts_fwd *f;
	unsigned k, i, op;

	p->rng = seed;
	for (k = 0; k < 2; k++) {
		struct ts_desc d;

		ts_desc_default(&d);
		d.gic.lpi_cache = lc;
		d.its.cache = cache;
		d.its.cidbits = 2; /* ICID 4 is out of range */
		d.forward = k == 1;
		assert_int_equal(ts_sys_create(&p->sys[k], &d), GICITS_OK);
	}
	for (i = 0; i < FWD_STEPS; i++) {
		op = rn(p, 100);
		if (op < 40)
			random_cmd(p);
		else if (op < 75)
			random_msis(p);
		else if (op < 95)
			random_ack(p);
		else
			random_cfg(p);
		same_state(p);
	}
	/* the forwarding system really went through the sink, every
	 * operation of it; the direct one did not */
	f = &p->sys[1].fwd;
	for (op = 0; op < TS_FWD_NOPS; op++)
		if (!ts_fwd_calls(f, (enum ts_fwd_op)op))
			fail_msg("seed %" PRIu64
				 ": sink operation %u never ran",
				 seed, op);
	for (op = 0; op < TS_FWD_NOPS; op++)
		assert_int_equal(
			ts_fwd_calls(&p->sys[0].fwd, (enum ts_fwd_op)op), 0);
	for (k = 0; k < 2; k++)
		ts_sys_destroy(&p->sys[k]);
	test_free(p);
}

static void forward_full_index_on(void **state)
{
	(void)state;
	forward_matches_direct(GICITS_LPI_CACHE_FULL, GICITS_CACHE_ON, 1);
}

static void forward_hpp_index_on(void **state)
{
	(void)state;
	forward_matches_direct(GICITS_LPI_CACHE_HPP, GICITS_CACHE_ON, 2);
}

static void forward_full_index_off(void **state)
{
	(void)state;
	forward_matches_direct(GICITS_LPI_CACHE_FULL, GICITS_CACHE_OFF, 3);
}

static void forward_hpp_index_check(void **state)
{
	(void)state;
	forward_matches_direct(GICITS_LPI_CACHE_HPP, GICITS_CACHE_CHECK, 4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sink_commands),
		cmocka_unit_test(sink_msis_index_on),
		cmocka_unit_test(sink_msis_index_off),
		cmocka_unit_test(sink_msis_index_check),
		cmocka_unit_test(sink_isolation),
		cmocka_unit_test(sink_rdbase),
		cmocka_unit_test(sink_create_errors),
		cmocka_unit_test(sink_ops_copied),
		cmocka_unit_test(sink_discard_waits_for_msi),
		cmocka_unit_test(sink_sync_waits_for_msi),
		cmocka_unit_test(sink_barrier_waits_for_msi),
		cmocka_unit_test(sink_snapshot),
		cmocka_unit_test(sink_kvm_tables),
		cmocka_unit_test(gic_sink_ops_checks_cpus),
		cmocka_unit_test(forward_full_index_on),
		cmocka_unit_test(forward_hpp_index_on),
		cmocka_unit_test(forward_full_index_off),
		cmocka_unit_test(forward_hpp_index_check),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
