/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The HPPLPI configuration cache: every rescan trigger and the events that
 * must not rescan (include/gicits/rdist.h).
 */
#include "rdist_sys.h"

/* ---- LPI configuration caching (fixture: rdist_sys.h) ---------------- */

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

int main(void)
{
	const struct CMUnitTest tests[] = {
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
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
