/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Ordering points drain in-flight MSIs (docs/concurrency.md I10, R11).
 *
 * An MSI is translated, then makes its LPI pending.  An ordering point
 * (SYNC, DISCARD, MOVI, MOVALL, MAPD V=0, MAPC V=0, EnableLPIs 1 -> 0,
 * GITS_CTLR.Enabled 1 -> 0) must
 * complete only after every MSI translated before it has taken effect.
 * The race is widened deterministically: the ITS walks guest memory
 * (cache=off, collections in memory), and the RAM observer parks an
 * injector thread when it reads the collection table, that is after it
 * read the ITE and before it sets the pending bit.  The command thread
 * then runs the ordering point; the injector stays parked until the
 * command sequence returned or PARK_NS passed (with the drain, the command
 * waits for the injector, so only the timeout releases it).  Checked after
 * each round, once the parked MSI finished:
 *
 * - DISCARD(d, e); SYNC; MAPTI(f, e, same INTID): the INTID is pending
 *   nowhere (only d injected; a stale delivery from d would make f's LPI
 *   pending);
 * - MOVI(d, e) to another collection; SYNC; an MSI from d: the LPI is not
 *   pending on both redistributors;
 * - EnableLPIs 1 -> 0 of the target: no pending bit in the disabled
 *   redistributor; after EnableLPIs 0 -> 1 the LPI is pending exactly when
 *   the pending table written back at the disable says so;
 * - GITS_CTLR.Enabled 1 -> 0: once the write returned (Quiescent reads 1),
 *   the LPI's pending state does not change.
 *
 * GICITS_STRESS_SECONDS=N repeats the rounds for N seconds with two more
 * injector threads sending d's MSI without pause all along (the checks
 * above hold with them, except the re-enable one, which then is skipped).
 */
#define _POSIX_C_SOURCE 200809L

#include "harness.h"
#include "sys.h"

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>
#include <time.h>

#include "gicits/cmd.h"
#include "gicits/error.h"
#include "gicits/its.h"
#include "gicits/rdist.h"
#include "rdist/rdist_internal.h" /* gic_test_setter_hook */

#include "tsan_mtx.h" /* mtx_* on pthreads under TSan */

#define DEV_D 1u
#define DEV_F 2u
#define EV 0u
#define LPI 8200u
#define CPU_A 0u /* collection 0 */
#define CPU_B 1u /* collection 1 */
#define GICR_CTLR 0x0000u
#define PARK_NS 10000000ull /* 10 ms */
#define SHORT_ROUNDS 25u
#define FREE_INJECTORS 2

struct drain {
	struct ts_sys s;
	uint64_t ct_lo, ct_hi; /* the collection table */
	/* a round: the parked injector's handshake with the command thread */
	atomic_int go; /* 1: send one MSI and park in it */
	atomic_int parked; /* 1: parked in the collection table read */
	atomic_int cmd_done; /* 1: the ordering point returned */
	atomic_int msi_done; /* 1: the parked MSI returned */
	atomic_int where; /* 1: park in the collection table read, 2: in the
			   * setter (after its EnableLPIs check) */
	atomic_int stop;
	atomic_int free_run; /* free injectors send MSIs */
	atomic_ullong free_msis;
};

static _Thread_local bool tl_park; /* this thread parks (the injector) */

static struct drain *hook_t;

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* Park the injector until the ordering point returned or PARK_NS passed. */
static void park_here(struct drain *t)
{
	uint64_t end;

	atomic_store(&t->parked, 1);
	end = now_ns() + PARK_NS;
	while (!atomic_load(&t->cmd_done) && now_ns() < end)
		sched_yield();
}

/* RAM observer: park the injector in its collection table read (after the
 * ITE, before the pending bit). */
static void on_access(void *opaque, uint64_t gpa, size_t len, bool write)
{
	struct drain *t = opaque;

	(void)len;
	if (tl_park && !write && gpa >= t->ct_lo && gpa < t->ct_hi &&
	    atomic_load(&t->where) == 1 && !atomic_load(&t->parked))
		park_here(t);
}

/* The setter hook: park the injector after the redistributor's EnableLPIs
 * check, before the pending bit. */
static void setter_hook(unsigned cpu, uint32_t intid)
{
	(void)cpu;
	(void)intid;
	if (tl_park && atomic_load(&hook_t->where) == 2 &&
	    !atomic_load(&hook_t->parked))
		park_here(hook_t);
}

static void *parked_injector(void *arg)
{
	struct drain *t = arg;

	tl_park = true;
	for (;;) {
		while (!atomic_load(&t->go) && !atomic_load(&t->stop))
			sched_yield();
		if (atomic_load(&t->stop))
			return NULL;
		atomic_store(&t->go, 0);
		(void)gicits_its_msi(t->s.its, DEV_D, EV);
		atomic_store(&t->msi_done, 1);
	}
}

static void *free_injector(void *arg)
{
	struct drain *t = arg;

	while (!atomic_load(&t->stop)) {
		if (!atomic_load(&t->free_run)) {
			sched_yield();
			continue;
		}
		(void)gicits_its_msi(t->s.its, DEV_D, EV);
		atomic_fetch_add(&t->free_msis, 1);
	}
	return NULL;
}

/* Start a round: the injector sends d's MSI and parks in it. */
static void park(struct drain *t, int where)
{
	atomic_store(&t->where, where);
	atomic_store(&t->parked, 0);
	atomic_store(&t->cmd_done, 0);
	atomic_store(&t->msi_done, 0);
	atomic_store(&t->go, 1);
	while (!atomic_load(&t->parked))
		sched_yield();
}

/* End a round: the ordering point returned; wait for the parked MSI. */
static void unpark(struct drain *t)
{
	atomic_store(&t->cmd_done, 1);
	while (!atomic_load(&t->msi_done))
		sched_yield();
	atomic_store(&t->where, 0);
}

static bool pending(struct drain *t, unsigned cpu)
{
	return gicits_rdist_is_pending(t->s.gic, cpu, LPI) == 1;
}

static void set_enable_lpis(struct drain *t, unsigned cpu, bool on)
{
	assert_int_equal(
		gicits_rdist_write(t->s.gic, cpu, GICR_CTLR, 4, on ? 1 : 0),
		GICITS_OK);
}

/* Nothing pending anywhere (but what free injectors send meanwhile). */
static void reset(struct drain *t)
{
	unsigned cpu, n;
	uint32_t id;

	/* bounded: free injectors may make the LPI pending again at once */
	for (cpu = 0; cpu < t->s.d.gic.num_cpus; cpu++)
		for (n = 0; n < 8; n++) {
			id = gicits_cpu_ack(t->s.gic, cpu);
			if (id == GICITS_INTID_SPURIOUS)
				break;
			gicits_cpu_eoi(t->s.gic, cpu, id);
		}
}

/* DISCARD(d, e); SYNC; MAPTI(f, e, same INTID). */
static void round_discard(struct drain *t, unsigned round)
{
	park(t, 1);
	ts_event(&t->s, GICITS_CMD_DISCARD, DEV_D, EV);
	ts_sync(&t->s, CPU_A);
	ts_mapti(&t->s, DEV_F, EV, LPI, 0);
	ts_sync(&t->s, CPU_A);
	assert_int_equal(ts_kick(&t->s), GICITS_OK);
	unpark(t);
	if (pending(t, CPU_A) || pending(t, CPU_B))
		fail_msg("round %u: stale delivery: LPI %u pending after "
			 "DISCARD(d); SYNC; MAPTI(f) with only d injecting",
			 round, LPI);
	/* back: f unmapped, d mapped again */
	ts_event(&t->s, GICITS_CMD_DISCARD, DEV_F, EV);
	ts_mapti(&t->s, DEV_D, EV, LPI, 0);
	ts_sync(&t->s, CPU_A);
	assert_int_equal(ts_kick(&t->s), GICITS_OK);
	reset(t);
}

/* MOVI(d, e) to collection 1; SYNC; an MSI from d. */
static void round_movi(struct drain *t, unsigned round)
{
	park(t, 1);
	ts_movi(&t->s, DEV_D, EV, 1);
	ts_sync(&t->s, CPU_B);
	assert_int_equal(ts_kick(&t->s), GICITS_OK);
	assert_int_equal(gicits_its_msi(t->s.its, DEV_D, EV), GICITS_DROP_NONE);
	unpark(t);
	if (pending(t, CPU_A) && pending(t, CPU_B))
		fail_msg("round %u: double delivery: LPI %u pending on "
			 "redistributors %u and %u after MOVI",
			 round, LPI, CPU_A, CPU_B);
	if (pending(t, CPU_A))
		fail_msg("round %u: LPI %u pending on the old target after "
			 "MOVI; SYNC",
			 round, LPI);
	ts_movi(&t->s, DEV_D, EV, 0);
	ts_sync(&t->s, CPU_A);
	assert_int_equal(ts_kick(&t->s), GICITS_OK);
	reset(t);
}

/* EnableLPIs 1 -> 0 of d's target, then 0 -> 1. */
static void round_enable(struct drain *t, unsigned round, bool exact)
{
	const uint8_t *tab;
	bool in_table;

	park(t, 2);
	set_enable_lpis(t, CPU_A, false);
	unpark(t);
	if (pending(t, CPU_A))
		fail_msg("round %u: LPI %u pending in redistributor %u after "
			 "EnableLPIs 1 -> 0",
			 round, LPI, CPU_A);
	tab = ts_host(&t->s, t->s.d.pend + CPU_A * t->s.d.pend_stride + LPI / 8,
		      1);
	assert_non_null(tab);
	in_table = *tab >> (LPI % 8) & 1;
	set_enable_lpis(t, CPU_A, true);
	if (exact && pending(t, CPU_A) != in_table)
		fail_msg("round %u: LPI %u %s after EnableLPIs 0 -> 1 but the "
			 "pending table written at 1 -> 0 says %s",
			 round, LPI,
			 pending(t, CPU_A) ? "pending" : "not pending",
			 in_table ? "pending" : "not pending");
	reset(t);
}

/* GITS_CTLR.Enabled 1 -> 0, then 1 again: once the write returned (and
 * Quiescent reads 1), no MSI translated before it takes effect later. */
static void round_its_disable(struct drain *t, unsigned round)
{
	uint64_t ctlr;
	bool before;

	park(t, 1);
	assert_int_equal(
		gicits_its_mmio_write(t->s.its, GICITS_GITS_CTLR, 4, 0, 0),
		GICITS_OK);
	assert_int_equal(
		gicits_its_mmio_read(t->s.its, GICITS_GITS_CTLR, 4, &ctlr),
		GICITS_OK);
	assert_int_equal(ctlr, 1u << 31); /* Quiescent, not Enabled */
	before = pending(t, CPU_A);
	unpark(t);
	if (pending(t, CPU_A) != before)
		fail_msg("round %u: LPI %u became pending after GITS_CTLR."
			 "Enabled 1 -> 0 returned with Quiescent = 1",
			 round, LPI);
	assert_int_equal(
		gicits_its_mmio_write(t->s.its, GICITS_GITS_CTLR, 4, 1, 0),
		GICITS_OK);
	reset(t);
}

static void setup(struct drain *t)
{
	struct ts_desc d;

	memset(t, 0, sizeof(*t));
	ts_desc_default(&d);
	d.ram_callback = true;
	d.on_access = on_access;
	d.access_opaque = t;
	d.gic.ces = true;
	d.its.cache = GICITS_CACHE_OFF; /* every MSI reads the tables */
	d.its.hcc = 0; /* collections in memory */
	assert_int_equal(ts_sys_create(&t->s, &d), GICITS_OK);
	t->ct_lo = t->s.d.baser[1] & TS_ADDR_MASK;
	t->ct_hi = t->ct_lo + 0x1000;
	assert_int_equal(ts_map_event(&t->s, DEV_D, 4,
				      t->s.d.ram_base + 0x500000, EV, LPI, 0,
				      CPU_A),
			 GICITS_OK);
	ts_mapc(&t->s, 1, CPU_B, true);
	ts_mapd(&t->s, DEV_F, 4, t->s.d.ram_base + 0x501000, true);
	assert_int_equal(ts_kick(&t->s), GICITS_OK);
	assert_int_equal(gicits_its_msi(t->s.its, DEV_D, EV), GICITS_DROP_NONE);
	assert_true(pending(t, CPU_A));
	reset(t);
	assert_false(pending(t, CPU_A));
}

static void run(unsigned kinds, unsigned rounds, unsigned seconds)
{
	static struct drain t;
	pthread_t inj, fr[FREE_INJECTORS];
	uint64_t end = now_ns() + (uint64_t)seconds * 1000000000ull;
	unsigned r, i, nfree = seconds ? FREE_INJECTORS : 0;

	setup(&t);
	hook_t = &t;
	atomic_store(&gic_test_setter_hook, setter_hook);
	assert_int_equal(pthread_create(&inj, NULL, parked_injector, &t), 0);
	for (i = 0; i < nfree; i++)
		assert_int_equal(
			pthread_create(&fr[i], NULL, free_injector, &t), 0);
	atomic_store(&t.free_run, 1);
	for (r = 0; r < rounds || (seconds && now_ns() < end); r++) {
		if (kinds & 1)
			round_discard(&t, r);
		if (kinds & 2)
			round_movi(&t, r);
		if (kinds & 4)
			round_enable(&t, r, nfree == 0);
		if (kinds & 8)
			round_its_disable(&t, r);
	}
	atomic_store(&t.stop, 1);
	pthread_join(inj, NULL);
	for (i = 0; i < nfree; i++)
		pthread_join(fr[i], NULL);
	if (seconds)
		printf("drain stress: %u rounds in %u s, %llu free MSIs\n", r,
		       seconds, (unsigned long long)atomic_load(&t.free_msis));
	atomic_store(&gic_test_setter_hook, NULL);
	assert_int_equal(ts_kick(&t.s), GICITS_OK);
	ts_sys_destroy(&t.s);
}

static unsigned stress_seconds(void)
{
	const char *e = getenv("GICITS_STRESS_SECONDS");

	return e ? (unsigned)strtoul(e, NULL, 10) : 0;
}

static void test_drain_discard(void **state)
{
	(void)state;
	run(1, SHORT_ROUNDS, 0);
}

static void test_drain_movi(void **state)
{
	(void)state;
	run(2, SHORT_ROUNDS, 0);
}

static void test_drain_enable_lpis(void **state)
{
	(void)state;
	run(4, SHORT_ROUNDS, 0);
}

static void test_drain_its_disable(void **state)
{
	(void)state;
	run(8, SHORT_ROUNDS, 0);
}

/* all four with free injectors, for GICITS_STRESS_SECONDS (else skipped) */
static void test_drain_stress(void **state)
{
	unsigned sec = stress_seconds();

	(void)state;
	if (!sec)
		skip();
	run(15, 1, sec);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_drain_discard),
		cmocka_unit_test(test_drain_movi),
		cmocka_unit_test(test_drain_enable_lpis),
		cmocka_unit_test(test_drain_its_disable),
		cmocka_unit_test(test_drain_stress),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
