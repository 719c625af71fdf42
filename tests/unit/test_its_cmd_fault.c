/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ITS commands that fail: memory faults (the command queue, an ITT, the
 * tables behind a faulting callback region) and both error policies (skip,
 * and stall with Retry).  Each command's own errors are in test_its_cmd.c.
 */
#include "its_fixture.h"

/* ---- memory faults --------------------------------------------------- */

static void fault_queue_outside_ram(void **state)
{
	struct fx *f = fx_init();
	const struct fx_rec *r;
	struct gicits_its_status st;

	(void)state;
	/* a command queue nobody backs: faults stall even with policy skip */
	f->cbaser = FX_BASER_VALID | FX_NOWHERE;
	fx_start(f);
	f->cw = 64;
	fx_kick(f);
	st = fx_status(f);
	assert_true(st.stalled);
	assert_int_equal(st.last_error, GICITS_E_ITS_MEMORY_FAULT);
	assert_int_equal(st.errors, 1);
	assert_int_equal(st.commands, 0);
	assert_int_equal(fx_rd(f, GICITS_GITS_CREADR, 8), 1);
	r = fx_find(f, 0, GICITS_TRACE_STALL);
	assert_non_null(r);
	assert_int_equal(r->error, GICITS_E_ITS_MEMORY_FAULT);
	r = fx_find(f, 0, GICITS_TRACE_ERROR);
	assert_non_null(r);
	assert_int_equal(r->error, GICITS_E_ITS_MEMORY_FAULT);
	/* Retry faults again */
	fx_wr(f, GICITS_GITS_CWRITER, 8, 64 | 1);
	assert_int_equal(fx_status(f).errors, 2);
	assert_int_equal(fx_rd(f, GICITS_GITS_CREADR, 8), 1);
	fx_fini(f);
}

static void fault_itt_outside_ram(void **state)
{
	struct fx *f = fx_new();

	(void)state;
	fx_mapc(f, 0, 0, 1, 0);
	fx_mapd(f, 1, 4, FX_NOWHERE, 1, 0); /* the DTE itself is fine */
	fx_expect_msi(f, 1, 0, GICITS_DROP_MEMORY_FAULT);
	fx_mapti(f, 1, 0, FX_LPI(0), 0, GICITS_E_ITS_MEMORY_FAULT);
	assert_int_equal(fx_rd(f, GICITS_GITS_CREADR, 8) & 1, 1);
	fx_fini(f);

	f = fx_new();
	fx_mapd(f, 1, 4, FX_NOWHERE, 1, 0);
	fx_int(f, 1, 0, GICITS_E_ITS_MEMORY_FAULT);
	fx_fini(f);
}

static void fault_tables_via_callback(void **state)
{
	struct fx *f = fx_init();

	(void)state;
	/* device and collection tables in the callback region */
	f->baser[0] = FX_BASER_VALID | FX_CB_BASE;
	f->baser[1] = FX_BASER_VALID | (FX_CB_BASE + 0x1000);
	f->icfg.cache = GICITS_CACHE_OFF;
	fx_start(f);
	fx_map_event(f, 1, 4, 0, FX_LPI(0), 0, 0);
	fx_expect_msi(f, 1, 0, GICITS_DROP_NONE);
	f->cb_fail = true;
	fx_expect_msi(f, 1, 0, GICITS_DROP_MEMORY_FAULT);
	fx_mapd(f, 2, 4, FX_ITT(2), 1, GICITS_E_ITS_MEMORY_FAULT);
	/* the fault is fixed: a plain CWRITER write does not restart, a
	 * Retry re-executes the MAPD and succeeds */
	f->cb_fail = false;
	fx_kick(f);
	assert_true(fx_status(f).stalled);
	fx_wr(f, GICITS_GITS_CWRITER, 8, f->cw | 1);
	assert_false(fx_status(f).stalled);
	assert_int_equal(fx_rd(f, GICITS_GITS_CREADR, 8), f->cw);
	fx_mapti(f, 2, 0, FX_LPI(9), 0, 0);
	fx_expect_msi(f, 2, 0, GICITS_DROP_NONE);
	/* collection table faults */
	f->cb_fail = true;
	fx_mapc(f, 1, 0, 1, GICITS_E_ITS_MEMORY_FAULT);
	f->cb_fail = false;
	fx_wr(f, GICITS_GITS_CWRITER, 8, f->cw | 1);
	f->cb_fail = true;
	fx_invall(f, 1, GICITS_E_ITS_MEMORY_FAULT);
	f->cb_fail = false;
	fx_wr(f, GICITS_GITS_CWRITER, 8, f->cw | 1);
	assert_false(fx_status(f).stalled);
	fx_fini(f);
}

/* ---- error policies -------------------------------------------------- */

static void policy_skip_consumes(void **state)
{
	struct fx *f = fx_new();
	struct gicits_its_status st;

	(void)state;
	fx_mapd(f, 1, 4, FX_ITT(1), 1, 0);
	fx_mapc(f, 0, 0, 1, 0);
	/* bad, good, bad, good in one batch */
	fx_putc(f, fx_c_mapti(7, 0, FX_LPI(0), 0));
	fx_putc(f, fx_c_mapti(1, 1, FX_LPI(1), 0));
	fx_putc(f, fx_c_event(0x77, 0, 0));
	fx_putc(f, fx_c_event(GICITS_CMD_INT, 1, 1));
	fx_kick(f);
	st = fx_status(f);
	assert_false(st.stalled);
	assert_int_equal(st.errors, 2);
	assert_int_equal(st.last_error, GICITS_E_ITS_UNKNOWN_COMMAND);
	assert_int_equal(st.commands, 6);
	assert_int_equal(fx_rd(f, GICITS_GITS_CREADR, 8), f->cw);
	assert_true(fx_pending(f, 0, FX_LPI(1)));
	fx_fini(f);
}

static void policy_stall_and_retry(void **state)
{
	struct fx *f = fx_init();
	struct gicits_its_status st;
	uint64_t bad, mark;

	(void)state;
	f->icfg.error_policy = GICITS_POLICY_STALL;
	fx_start(f);
	fx_map_event(f, 1, 4, 0, FX_LPI(0), 0, 0);
	/* MAPTI for an unmapped device, then a good MAPTI behind it */
	bad = f->cw;
	fx_putc(f, fx_c_mapti(2, 0, FX_LPI(2), 0));
	fx_putc(f, fx_c_mapti(1, 1, FX_LPI(1), 0));
	fx_kick(f);
	st = fx_status(f);
	assert_true(st.stalled);
	assert_int_equal(st.errors, 1);
	assert_int_equal(st.commands, 3);
	assert_int_equal(st.last_error, GICITS_E_ITS_MAPTI_UNMAPPED_DEVICE);
	assert_int_equal(fx_rd(f, GICITS_GITS_CREADR, 8), bad | 1);
	assert_non_null(fx_find(f, 0, GICITS_TRACE_STALL));
	fx_expect_msi(f, 1, 1, GICITS_DROP_EVENT_UNMAPPED);
	/* a plain CWRITER write does not restart, even with more commands */
	fx_putc(f, fx_c_event(GICITS_CMD_INT, 1, 0));
	fx_kick(f);
	st = fx_status(f);
	assert_int_equal(st.errors, 1);
	assert_int_equal(st.commands, 3);
	assert_int_equal(fx_rd(f, GICITS_GITS_CREADR, 8), bad | 1);
	assert_false(fx_pending(f, 0, FX_LPI(0)));
	/* Retry re-executes the same command: same error, still stalled */
	mark = f->nrecs;
	fx_wr(f, GICITS_GITS_CWRITER, 8, f->cw | 1);
	assert_int_equal(fx_rd(f, GICITS_GITS_CWRITER, 8),
			 f->cw); /* Retry RAZ */
	st = fx_status(f);
	assert_int_equal(st.errors, 2);
	assert_true(st.stalled);
	assert_int_equal(fx_rd(f, GICITS_GITS_CREADR, 8), bad | 1);
	assert_int_equal(fx_find(f, mark, GICITS_TRACE_ERROR)->offset, bad);
	/* fix the cause: the stalled slot becomes MAPD of device 2, the
	 * MAPTI is queued again at the end; Retry then runs everything */
	fx_pokec(f, fx_qbase(f) + bad, fx_c_mapd(2, 3, FX_ITT(2), true));
	fx_putc(f, fx_c_mapti(2, 0, FX_LPI(2), 0));
	fx_wr(f, GICITS_GITS_CWRITER, 8, f->cw | 1);
	st = fx_status(f);
	assert_false(st.stalled);
	assert_int_equal(st.errors, 2);
	assert_int_equal(st.commands, 7);
	assert_int_equal(fx_rd(f, GICITS_GITS_CREADR, 8), f->cw);
	assert_true(fx_pending(f, 0, FX_LPI(0))); /* the INT ran */
	fx_expect_msi(f, 1, 1, GICITS_DROP_NONE);
	fx_expect_msi(f, 2, 0, GICITS_DROP_NONE);
	assert_true(fx_pending(f, 0, FX_LPI(2)));
	/* Retry when not stalled: nothing happens */
	fx_wr(f, GICITS_GITS_CWRITER, 8, f->cw | 1);
	assert_int_equal(fx_status(f).commands, 7);

	/* stall again; disabling and writing CBASER clears it */
	fx_cmdc(f, fx_c_event(0x42, 0, 0), GICITS_E_ITS_UNKNOWN_COMMAND);
	assert_int_not_equal(fx_rd(f, GICITS_GITS_CREADR, 8), 0);
	fx_wr(f, GICITS_GITS_CTLR, 4, 0);
	fx_wr(f, GICITS_GITS_CBASER, 8, f->cbaser);
	assert_int_equal(fx_rd(f, GICITS_GITS_CREADR, 8), 0);
	assert_false(fx_status(f).stalled);
	fx_wr(f, GICITS_GITS_CWRITER, 8, 0);
	f->cw = 0;
	fx_wr(f, GICITS_GITS_CTLR, 4, 1);
	fx_sync(f, 0, 0);

	/* and a CREADR write (creadr_writable) clears it too */
	fx_cmdc(f, fx_c_event(0x42, 0, 0), GICITS_E_ITS_UNKNOWN_COMMAND);
	fx_wr(f, GICITS_GITS_CREADR, 8, f->cw);
	assert_false(fx_status(f).stalled);
	fx_sync(f, 0, 0);
	fx_fini(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fault_queue_outside_ram),
		cmocka_unit_test(fault_itt_outside_ram),
		cmocka_unit_test(fault_tables_via_callback),
		cmocka_unit_test(policy_skip_consumes),
		cmocka_unit_test(policy_stall_and_retry),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
