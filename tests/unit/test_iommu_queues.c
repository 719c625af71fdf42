/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The command queue (IHI 0070 chapter 4, §7.1), the event queue (§7.2,
 * §7.4), GERROR (§7.5) and the SMMU's own MSIs (§3.18): command errors,
 * CMD_SYNC completion MSIs, the per-call budget, overflow, the IRQ rules
 * and aborted MSIs.  Names carry the spec/iommu-mbigen.md §C scenario
 * number they cover (cN).
 */
#include "iommu_fixture.h"

#define GERR_CMDQ 1u
#define GERR_EVENTQ_ABT (1u << 2)
#define GERR_MSI_CMDQ_ABT (1u << 4)
#define GERR_MSI_EVENTQ_ABT (1u << 5)
#define GERR_MSI_GERROR_ABT (1u << 7)

static uint32_t gerror_active(struct ifx *f)
{
	return (uint32_t)(ifx_rd(f, GICITS_SMMU_GERROR, 4) ^
			  ifx_rd(f, GICITS_SMMU_GERRORN, 4));
}

/* A fault with a record (an abort STE would be silent: use V = 0). */
static struct gicits_iommu_result fault(struct ifx *f)
{
	return ifx_write(f, 0x77, 0x1000);
}

static void illegal_command_stops_queue(void **state)
{
	struct ifx *f = ifx_new();
	uint32_t cons;

	(void)state;
	ifx_linux(f, 0);
	ifx_ste(f, 5, IFX_STE_BYPASS, 0, 0, 0);
	ifx_write(f, 5, 0);
	ifx_ste(f, 5, IFX_STE_ABORT, 0, 0, 0);
	ifx_cmd(f, 0xFF, 0); /* illegal */
	ifx_cmd(f, 0x03 | (5ull << 32), 1); /* CFGI_STE 5: not reached */
	cons = (uint32_t)ifx_rd(f, GICITS_SMMU_CMDQ_CONS, 4);
	assert_int_equal(cons & 0x1FF, 0);
	assert_int_equal((cons >> 24) & 0x7F, 1); /* CERROR_ILL */
	assert_int_equal(gerror_active(f), GERR_CMDQ);
	/* the GERROR MSI (data 1, the SMMU's DeviceID) */
	assert_int_equal(f->nmsis, 1);
	assert_int_equal(f->msis[0].data, 1);
	assert_int_equal(f->msis[0].devid, IFX_SMMU_DEVID);
	assert_int_equal(ifx_write(f, 5, 0).outcome, GICITS_IOMMU_BYPASS);
	assert_int_equal(ifx_status(f).cmd_errors, 1);
	/* Linux: replace the bad command with CMD_SYNC, acknowledge */
	ifx_w64(f, IFX_CMDQ, 0x46);
	ifx_wr(f, GICITS_SMMU_GERRORN, 4,
	       (uint32_t)ifx_rd(f, GICITS_SMMU_GERROR, 4));
	assert_int_equal(gerror_active(f), 0);
	assert_int_equal(ifx_rd(f, GICITS_SMMU_CMDQ_CONS, 4) & 0x1FF, 2);
	assert_int_equal(ifx_write(f, 5, 0).outcome, GICITS_IOMMU_ABORT);
	ifx_free(f);
}

static void illegal_commands_by_feature(void **state)
{
	static const uint64_t ops[] = {
		0x46 | (3ull << 12), /* CMD_SYNC CS = 3 */
		0x40, /* ATC_INV: no ATS */
		0x41, /* PRI_RESP: no PRI */
		0x44, /* RESUME: no stalls */
		0x45, /* STALL_TERM */
		0x18, /* TLBI_EL3_ALL: Secure only */
		0x1A, /* TLBI_EL3_VA */
		0x07, /* CFGI_VMS_PIDM */
		0x00, /* 0 */
	};
	unsigned i;

	(void)state;
	for (i = 0; i < sizeof(ops) / sizeof(ops[0]) + 2; i++) {
		struct ifx *f = ifx_alloc_only();
		uint64_t op;

		if (i == sizeof(ops) / sizeof(ops[0])) {
			f->cfg.hyp = false;
			op = 0x20; /* TLBI_EL2_ALL without HYP */
		} else if (i > sizeof(ops) / sizeof(ops[0])) {
			f->cfg.stage2 = false;
			op = 0x28; /* TLBI_S12_VMALL without S2P */
		} else {
			op = ops[i];
		}
		ifx_create(f);
		ifx_linux(f, 0);
		ifx_cmd(f, op, 0);
		assert_int_equal(
			(ifx_rd(f, GICITS_SMMU_CMDQ_CONS, 4) >> 24) & 0x7F, 1);
		assert_int_equal(gerror_active(f), GERR_CMDQ);
		ifx_free(f);
	}
}

static void command_fetch_abort(void **state)
{
	struct ifx *f = ifx_new();

	(void)state;
	ifx_linux(f, 0);
	ifx_wr(f, GICITS_SMMU_CR0, 4, IFX_CR0_SMMUEN | IFX_CR0_EVENTQEN);
	ifx_wr(f, GICITS_SMMU_CMDQ_BASE, 8, IFX_NOWHERE | 4);
	ifx_wr(f, GICITS_SMMU_CMDQ_PROD, 4, 1);
	assert_int_equal(gerror_active(f), 0); /* CMDQEN = 0: nothing */
	ifx_wr(f, GICITS_SMMU_CR0, 4,
	       IFX_CR0_SMMUEN | IFX_CR0_EVENTQEN | IFX_CR0_CMDQEN);
	assert_int_equal((ifx_rd(f, GICITS_SMMU_CMDQ_CONS, 4) >> 24) & 0x7F,
			 2); /* CERROR_ABT */
	assert_int_equal(gerror_active(f), GERR_CMDQ);
	ifx_free(f);
}

static void c22_cmd_sync_msi(void **state)
{
	struct ifx *f = ifx_new();

	(void)state;
	ifx_linux(f, 0);
	/* CS = SIG_IRQ, MSIData 0, MSIAddress: a word of memory */
	ifx_cmd(f, 0x46 | (1ull << 12) | (0x1234ull << 32), IFX_SYNCW);
	assert_int_equal(f->nmsis, 1);
	assert_int_equal(f->msis[0].pa, IFX_SYNCW);
	assert_int_equal(f->msis[0].data, 0x1234);
	assert_int_equal(f->msis[0].devid, IFX_SMMU_DEVID);
	assert_int_equal(ifx_rd(f, GICITS_SMMU_CMDQ_CONS, 4) & 0x1FF, 1);
	/* MSIAddress 0: no write */
	ifx_cmd(f, 0x46 | (1ull << 12), 0);
	/* CS = SIG_NONE / SIG_SEV: no write */
	ifx_cmd(f, 0x46 | (2ull << 12), IFX_SYNCW);
	ifx_sync(f);
	assert_int_equal(f->nmsis, 1);
	assert_int_equal(ifx_status(f).commands, 4);
	ifx_free(f);
}

static void c22_sync_msi_to_memory_without_callback(void **state)
{
	struct ifx *f = ifx_alloc_only();

	(void)state;
	f->cfg.msi_write = NULL;
	ifx_create(f);
	ifx_linux(f, 0);
	/* Linux MSI polling: the word is non-zero, the SMMU writes 0 */
	ifx_w64(f, IFX_SYNCW, 0xFFFFFFFFFFFFFFFFull);
	ifx_cmd(f, 0x46 | (1ull << 12), IFX_SYNCW);
	assert_int_equal(ifx_r64(f, IFX_SYNCW), 0xFFFFFFFF00000000ull);
	/* an MSI to unbacked memory aborts: MSI_CMDQ_ABT_ERR */
	ifx_cmd(f, 0x46 | (1ull << 12), IFX_NOWHERE);
	assert_true(gerror_active(f) & GERR_MSI_CMDQ_ABT);
	ifx_free(f);
}

static void sync_msi_abort_sets_gerror(void **state)
{
	struct ifx *f = ifx_new();

	(void)state;
	ifx_linux(f, 0);
	f->msi_fail = true;
	ifx_cmd(f, 0x46 | (1ull << 12), IFX_SYNCW);
	/* the sync completes; its MSI aborted; the GERROR MSI too */
	assert_int_equal(ifx_rd(f, GICITS_SMMU_CMDQ_CONS, 4) & 0x1FF, 1);
	assert_int_equal(gerror_active(f),
			 GERR_MSI_CMDQ_ABT | GERR_MSI_GERROR_ABT);
	assert_int_equal(f->nmsis, 2);
	assert_int_equal(ifx_status(f).msi_aborts, 2);
	ifx_free(f);
}

static void command_budget_per_call(void **state)
{
	struct ifx *f = ifx_alloc_only();
	unsigned i;

	(void)state;
	f->cfg.cmdq_budget = 2;
	ifx_create(f);
	ifx_linux(f, 0);
	ifx_wr(f, GICITS_SMMU_CR0, 4, IFX_CR0_SMMUEN | IFX_CR0_EVENTQEN);
	for (i = 0; i < 5; i++)
		ifx_cmd(f, 0x46, 0); /* queued, CMDQEN = 0 */
	ifx_wr(f, GICITS_SMMU_CR0, 4,
	       IFX_CR0_SMMUEN | IFX_CR0_EVENTQEN | IFX_CR0_CMDQEN);
	assert_int_equal(ifx_status(f).commands, 2);
	/* each CONS read makes progress (a polling driver) */
	assert_int_equal(ifx_rd(f, GICITS_SMMU_CMDQ_CONS, 4) & 0x1FF, 4);
	assert_int_equal(ifx_rd(f, GICITS_SMMU_CMDQ_CONS, 4) & 0x1FF, 5);
	ifx_free(f);
}

static void c16_second_record_no_new_msi(void **state)
{
	struct ifx *f = ifx_new();

	(void)state;
	ifx_linux(f, 0);
	assert_true(fault(f).recorded);
	assert_true(fault(f).recorded);
	assert_int_equal(ifx_nevents(f), 2);
	assert_int_equal(f->nmsis, 1);
	/* drained: the next record signals again */
	ifx_drain(f);
	fault(f);
	assert_int_equal(f->nmsis, 2);
	ifx_free(f);
	/* the QEMU-style knob: every record */
	f = ifx_alloc_only();
	f->cfg.eventq_irq_each = true;
	ifx_create(f);
	ifx_linux(f, 0);
	fault(f);
	fault(f);
	assert_int_equal(f->nmsis, 2);
	ifx_free(f);
}

static void c17_overflow(void **state)
{
	struct ifx *f = ifx_new();
	uint32_t prod;

	(void)state;
	ifx_linux(f, 0);
	ifx_wr(f, GICITS_SMMU_CR0, 4, IFX_CR0_SMMUEN | IFX_CR0_CMDQEN);
	ifx_wr(f, GICITS_SMMU_EVENTQ_BASE, 8, IFX_EVTQ | 1); /* 2 entries */
	ifx_wr(f, GICITS_SMMU_CR0, 4,
	       IFX_CR0_SMMUEN | IFX_CR0_EVENTQEN | IFX_CR0_CMDQEN);
	assert_true(fault(f).recorded);
	assert_true(fault(f).recorded);
	assert_false(fault(f).recorded); /* full: overflow */
	prod = (uint32_t)ifx_rd(f, GICITS_SMMU_EVENTQ_PROD, 4);
	assert_int_equal(prod, 0x80000002u); /* OVFLG, wrap, index 0 */
	assert_int_equal(f->nmsis, 1);
	assert_false(fault(f).recorded); /* already in overflow */
	assert_int_equal(ifx_rd(f, GICITS_SMMU_EVENTQ_PROD, 4), 0x80000002u);
	assert_int_equal(ifx_status(f).events_lost, 2);
	/* software consumes and acknowledges (OVACKFLG = OVFLG) */
	ifx_wr(f, GICITS_SMMU_EVENTQ_CONS, 4, 0x80000002u);
	assert_true(fault(f).recorded);
	assert_int_equal(f->nmsis, 2);
	assert_true(fault(f).recorded);
	assert_false(fault(f).recorded); /* overflows again: toggles back */
	assert_int_equal(ifx_rd(f, GICITS_SMMU_EVENTQ_PROD, 4) >> 31, 0);
	ifx_free(f);
}

static void c18_irq_enable_later_no_old_msi(void **state)
{
	struct ifx *f = ifx_new();

	(void)state;
	ifx_linux(f, 0);
	ifx_wr(f, GICITS_SMMU_IRQ_CTRL, 4, 1); /* GERROR only */
	fault(f);
	fault(f);
	assert_int_equal(ifx_nevents(f), 2);
	assert_int_equal(f->nmsis, 0);
	ifx_wr(f, GICITS_SMMU_IRQ_CTRL, 4, 5);
	assert_int_equal(f->nmsis, 0);
	fault(f); /* the queue was not empty */
	assert_int_equal(f->nmsis, 0);
	ifx_drain(f);
	fault(f);
	assert_int_equal(f->nmsis, 1);
	ifx_free(f);
}

static void c19_irq_addr_zero_no_msi(void **state)
{
	struct ifx *f = ifx_new();

	(void)state;
	ifx_linux(f, 0);
	ifx_wr(f, GICITS_SMMU_IRQ_CTRL, 4, 0);
	ifx_wr(f, GICITS_SMMU_EVENTQ_IRQ_CFG0, 8, 0);
	ifx_wr(f, GICITS_SMMU_IRQ_CTRL, 4, 5);
	assert_true(fault(f).recorded);
	assert_int_equal(f->nmsis, 0);
	ifx_free(f);
}

static void eventq_disabled_discards(void **state)
{
	struct ifx *f = ifx_new();

	(void)state;
	ifx_linux(f, 0);
	ifx_wr(f, GICITS_SMMU_CR0, 4, IFX_CR0_SMMUEN | IFX_CR0_CMDQEN);
	assert_false(fault(f).recorded);
	assert_int_equal(ifx_rd(f, GICITS_SMMU_EVENTQ_PROD, 4), 0);
	assert_int_equal(f->nmsis, 0);
	assert_int_equal(ifx_status(f).events_lost, 1);
	ifx_free(f);
}

static void eventq_write_abort(void **state)
{
	struct ifx *f = ifx_new();

	(void)state;
	ifx_linux(f, 0);
	ifx_wr(f, GICITS_SMMU_CR0, 4, IFX_CR0_SMMUEN | IFX_CR0_CMDQEN);
	ifx_wr(f, GICITS_SMMU_EVENTQ_BASE, 8, IFX_NOWHERE | 7);
	ifx_wr(f, GICITS_SMMU_CR0, 4,
	       IFX_CR0_SMMUEN | IFX_CR0_EVENTQEN | IFX_CR0_CMDQEN);
	assert_false(fault(f).recorded);
	assert_int_equal(gerror_active(f), GERR_EVENTQ_ABT);
	assert_int_equal(ifx_rd(f, GICITS_SMMU_EVENTQ_PROD, 4), 0);
	assert_int_equal(f->nmsis, 1); /* the GERROR MSI */
	assert_int_equal(f->msis[0].data, 1);
	/* while EVENTQ_ABT_ERR is active, events are discarded */
	ifx_wr(f, GICITS_SMMU_CR0, 4, IFX_CR0_SMMUEN | IFX_CR0_CMDQEN);
	ifx_wr(f, GICITS_SMMU_EVENTQ_BASE, 8, IFX_EVTQ | 7);
	ifx_wr(f, GICITS_SMMU_CR0, 4,
	       IFX_CR0_SMMUEN | IFX_CR0_EVENTQEN | IFX_CR0_CMDQEN);
	assert_false(fault(f).recorded);
	ifx_wr(f, GICITS_SMMU_GERRORN, 4, GERR_EVENTQ_ABT);
	assert_true(fault(f).recorded);
	ifx_free(f);
}

static void c20_own_msi_not_translated(void **state)
{
	struct ifx *f = ifx_alloc_only();

	(void)state;
	/* the SMMU's DeviceID equals a client StreamID with an abort STE */
	f->cfg.device_id = IFX_SID;
	ifx_create(f);
	ifx_linux(f, 0);
	ifx_ste(f, IFX_SID, IFX_STE_ABORT, 0, 0, 0);
	fault(f);
	assert_int_equal(f->nmsis, 1);
	assert_int_equal(f->msis[0].pa, IFX_DOORBELL);
	assert_int_equal(f->msis[0].devid, IFX_SID);
	/* SMMUEN = 0 with GBPA.ABORT: a CMD_SYNC MSI still goes out */
	ifx_wr(f, GICITS_SMMU_CR0, 4, IFX_CR0_EVENTQEN | IFX_CR0_CMDQEN);
	ifx_wr(f, GICITS_SMMU_GBPA, 4, (1u << 31) | (1u << 20));
	ifx_cmd(f, 0x46 | (1ull << 12) | (9ull << 32), IFX_DOORBELL);
	assert_int_equal(f->nmsis, 2);
	assert_int_equal(f->msis[1].pa, IFX_DOORBELL);
	assert_int_equal(f->msis[1].data, 9);
	ifx_free(f);
}

static void c21_aborted_msis(void **state)
{
	struct ifx *f = ifx_new();

	(void)state;
	ifx_linux(f, 0);
	/* an ITS that drops the MSI (no MAPD) completes the write: the
	 * callback returns 0, nothing else happens */
	fault(f);
	assert_int_equal(gerror_active(f), 0);
	ifx_drain(f);
	/* the interconnect aborts: MSI_EVENTQ_ABT_ERR, a GERROR MSI,
	 * which aborts too: MSI_GERROR_ABT_ERR, no further MSI */
	f->msi_fail = true;
	fault(f);
	assert_int_equal(gerror_active(f),
			 GERR_MSI_EVENTQ_ABT | GERR_MSI_GERROR_ABT);
	assert_int_equal(f->nmsis, 3);
	assert_int_equal(f->msis[1].data, 0); /* event queue MSI */
	assert_int_equal(f->msis[2].data, 1); /* GERROR MSI */
	/* GERROR MSI that succeeds */
	ifx_wr(f, GICITS_SMMU_GERRORN, 4,
	       (uint32_t)ifx_rd(f, GICITS_SMMU_GERROR, 4));
	ifx_drain(f);
	f->msi_fail = false;
	fault(f);
	assert_int_equal(gerror_active(f), 0);
	assert_int_equal(f->nmsis, 4);
	ifx_free(f);
}

static void no_msi_capability_sends_nothing(void **state)
{
	struct ifx *f = ifx_alloc_only();

	(void)state;
	f->cfg.msi = false;
	ifx_create(f);
	ifx_linux(f, 0);
	assert_true(fault(f).recorded);
	ifx_cmd(f, 0x46 | (1ull << 12), IFX_SYNCW);
	ifx_cmd(f, 0xFF, 0);
	assert_int_equal(f->nmsis, 0);
	ifx_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(illegal_command_stops_queue),
		cmocka_unit_test(illegal_commands_by_feature),
		cmocka_unit_test(command_fetch_abort),
		cmocka_unit_test(c22_cmd_sync_msi),
		cmocka_unit_test(c22_sync_msi_to_memory_without_callback),
		cmocka_unit_test(sync_msi_abort_sets_gerror),
		cmocka_unit_test(command_budget_per_call),
		cmocka_unit_test(c16_second_record_no_new_msi),
		cmocka_unit_test(c17_overflow),
		cmocka_unit_test(c18_irq_enable_later_no_old_msi),
		cmocka_unit_test(c19_irq_addr_zero_no_msi),
		cmocka_unit_test(eventq_disabled_discards),
		cmocka_unit_test(eventq_write_abort),
		cmocka_unit_test(c20_own_msi_not_translated),
		cmocka_unit_test(c21_aborted_msis),
		cmocka_unit_test(no_msi_capability_sends_nothing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
