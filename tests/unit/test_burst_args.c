/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * gicits_its_msi_burst() at its edges: argument errors, n == 0,
 * results == NULL, a disabled ITS.  (The differential run against
 * gicits_its_msi() is test_burst.c.)
 */
#include "its_fixture.h"

#include <limits.h>

/* ---- argument errors, n == 0, results == NULL ------------------------- */

#define ARG_N 8u

static unsigned total_pending(struct fx *f)
{
	unsigned cpu, n = 0;

	for (cpu = 0; cpu < FX_NCPUS; cpu++)
		n += fx_npending(f, cpu);
	return n;
}

static void assert_untouched(const int *res, unsigned n)
{
	unsigned i;

	for (i = 0; i < n; i++)
		assert_int_equal(res[i], 0x5A5A5A5A);
}

/* Device 1, 16 events; events 0..5 -> LPIs 0..5 on collections 0..3
 * (CPUs 0..3). */
static struct fx *arg_fixture(void)
{
	struct fx *f = fx_init();
	uint32_t ev;

	fx_start(f);
	for (ev = 0; ev < 4; ev++)
		fx_mapc(f, ev, ev, 1, 0);
	fx_mapd(f, 1, 3, FX_ITT(1), 1, 0);
	for (ev = 0; ev < 6; ev++)
		fx_mapti(f, 1, ev, FX_LPI(ev), ev % 4, 0);
	return f;
}

static const struct gicits_msi arg_msis[ARG_N] = {
	{ 1, 0 }, { 1, 1 }, { 1, 7 }, /* unmapped event */
	{ 1, 2 }, { 3, 0 }, /* unmapped device */
	{ 1, 3 }, { 1, 4 }, { 1, 5 },
};

static void burst_argument_errors(void **state)
{
	struct fx *f = arg_fixture();
	int res[ARG_N];
	uint64_t recs;

	(void)state;
	memset(res, 0x5A, sizeof(res));
	recs = f->nrecs;

	/* no ITS */
	assert_int_equal(gicits_its_msi_burst(NULL, arg_msis, ARG_N, res),
			 GICITS_EINVAL);
	assert_int_equal(gicits_its_msi_burst(NULL, arg_msis, ARG_N, NULL),
			 GICITS_EINVAL);
	assert_int_equal(gicits_its_msi_burst(NULL, NULL, 0, NULL),
			 GICITS_EINVAL);
	/* no MSIs, but n > 0: nothing processed */
	assert_int_equal(gicits_its_msi_burst(f->its, NULL, 1, res),
			 GICITS_EINVAL);
	assert_int_equal(gicits_its_msi_burst(f->its, NULL, ARG_N, NULL),
			 GICITS_EINVAL);
#if SIZE_MAX > INT_MAX
	/* n > INT_MAX: refused before anything is read */
	assert_int_equal(gicits_its_msi_burst(f->its, arg_msis,
					      (size_t)INT_MAX + 1, res),
			 GICITS_EINVAL);
#endif
	assert_untouched(res, ARG_N);
	assert_int_equal(total_pending(f), 0);
	assert_int_equal(f->nrecs, recs);
	assert_int_equal(fx_rd(f, GICITS_GITS_STATUSR, 4), 0);

	/* n == 0: nothing to do, whatever msis is */
	assert_int_equal(gicits_its_msi_burst(f->its, NULL, 0, NULL), 0);
	assert_int_equal(gicits_its_msi_burst(f->its, NULL, 0, res), 0);
	assert_int_equal(gicits_its_msi_burst(f->its, arg_msis, 0, res), 0);
	assert_untouched(res, ARG_N);
	assert_int_equal(total_pending(f), 0);
	assert_int_equal(f->nrecs, recs);
	fx_fini(f);
}

static void burst_results_optional(void **state)
{
	struct fx *f = arg_fixture();
	int res[ARG_N];
	uint32_t ev;

	(void)state;
	/* results == NULL: same effect, same count */
	assert_int_equal(gicits_its_msi_burst(f->its, arg_msis, ARG_N, NULL),
			 6);
	for (ev = 0; ev < 6; ev++)
		assert_true(fx_pending(f, ev % 4, FX_LPI(ev)));
	assert_int_equal(total_pending(f), 6);
	assert_int_equal(f->kinds[GICITS_TRACE_TRANSLATE], 6);
	assert_int_equal(f->kinds[GICITS_TRACE_DROP], 2);

	/* with results: LPIs already pending count as GICITS_DROP_NONE */
	memset(res, 0x5A, sizeof(res));
	assert_int_equal(gicits_its_msi_burst(f->its, arg_msis, ARG_N, res), 6);
	assert_int_equal(res[0], GICITS_DROP_NONE);
	assert_int_equal(res[1], GICITS_DROP_NONE);
	assert_int_equal(res[2], GICITS_DROP_EVENT_UNMAPPED);
	assert_int_equal(res[3], GICITS_DROP_NONE);
	assert_int_equal(res[4], GICITS_DROP_DEVICE_UNMAPPED);
	assert_int_equal(res[5], GICITS_DROP_NONE);
	assert_int_equal(res[6], GICITS_DROP_NONE);
	assert_int_equal(res[7], GICITS_DROP_NONE);
	assert_int_equal(total_pending(f), 6);
	fx_fini(f);
}

/* ---- a disabled ITS --------------------------------------------------- */

static void burst_its_disabled(void **state)
{
	struct fx *f;
	int res[ARG_N];
	unsigned i;

	(void)state;
	f = arg_fixture();
	fx_wr(f, GICITS_GITS_CTLR, 4, 0);
	assert_int_equal(fx_rd(f, GICITS_GITS_CTLR, 4) & 1, 0);
	memset(res, 0x5A, sizeof(res));
	assert_int_equal(gicits_its_msi_burst(f->its, arg_msis, ARG_N, res), 0);
	for (i = 0; i < ARG_N; i++)
		assert_int_equal(res[i], GICITS_DROP_ITS_DISABLED);
	assert_int_equal(total_pending(f), 0);
	assert_int_equal(f->kinds[GICITS_TRACE_DROP], ARG_N);
	assert_int_equal(f->kinds[GICITS_TRACE_TRANSLATE], 0);
	assert_int_equal(fx_find(f, 0, GICITS_TRACE_DROP)->drop,
			 GICITS_DROP_ITS_DISABLED);

	/* enabled again, the same burst delivers */
	fx_wr(f, GICITS_GITS_CTLR, 4, 1);
	memset(res, 0x5A, sizeof(res));
	assert_int_equal(gicits_its_msi_burst(f->its, arg_msis, ARG_N, res), 6);
	for (i = 0; i < ARG_N; i++)
		assert_int_not_equal(res[i], GICITS_DROP_ITS_DISABLED);
	assert_int_equal(total_pending(f), 6);
	fx_fini(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(burst_argument_errors),
		cmocka_unit_test(burst_results_optional),
		cmocka_unit_test(burst_its_disabled),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
