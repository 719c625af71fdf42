/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The differential tests' comparison (diff_world.h) is not vacuous: systems
 * made to diverge are reported as different, and cache=check reports it.
 */
#include "diff_world.h"

/* The comparison is not vacuous: an ITE rewritten behind the ITS
 * (UNPREDICTABLE, so cache=on may keep using its copy) makes the systems
 * disagree, and cache=check reports it. */
static void harness_detects_divergence(void **state)
{
	struct variant v = { false, false, 12, 0 };
	struct world *w = test_malloc(sizeof(*w));
	struct gicits_cmd cmds[3];
	struct gicits_its_status st;
	unsigned i, j, k;

	(void)state;
	world_init(w, 7, &v);
	gicits_cmd_mapd(&cmds[0], 0, 3, ITT_SMALL(0, 0), true);
	gicits_cmd_mapc(&cmds[1], 0, 0, true);
	gicits_cmd_mapti(&cmds[2], 0, 1, 8200, 0);
	for (k = 0; k < NSYS; k++) {
		for (i = 0; i < 3; i++)
			for (j = 0; j < 4; j++)
				put64(&w->sys[k], CQ_PA + 32 * i + 8 * j,
				      cmds[i].dw[j]);
		assert_int_equal(issue(&w->sys[k], 96), 0);
	}
	assert_true(compare(w));
	/* rewrite event 1's ITE in memory: pINTID 8201 */
	for (k = 0; k < NSYS; k++)
		put64(&w->sys[k], ITT_SMALL(0, 0) + 12, (uint64_t)8201 << 16);
	for (k = 0; k < NSYS; k++)
		assert_int_equal(gicits_its_msi(w->sys[k].its, 0, 1),
				 GICITS_DROP_NONE);
	assert_true(gicits_rdist_is_pending(w->sys[0].gic, 0, 8201));
	assert_true(gicits_rdist_is_pending(w->sys[1].gic, 0, 8200));
	assert_false(compare(w));
	assert_non_null(strstr(w->diff, "pending"));
	assert_int_equal(gicits_its_status(w->sys[2].its, &st), GICITS_OK);
	assert_true(st.findings > 0);
	world_fini(w);
	test_free(w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(harness_detects_divergence),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
