/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ITS commands: each of the twelve GICv3 commands with success and every
 * E_ITS_* error it reports, and unknown command numbers.  Memory faults and
 * the two error policies (skip and stall/Retry) are in test_its_cmd_fault.c;
 * the three cache modes, dropped MSIs and a fixed-seed stream of junk
 * commands in test_its_cmd_cache.c.
 */
#include "its_fixture.h"

/* ---- MAPD ------------------------------------------------------------ */

static void mapd_success_writes_dte(void **state)
{
	struct fx *f = fx_new();

	(void)state;
	fx_mapd(f, 3, 4, FX_ITT(3), 1, 0);
	/* KVM ABI DTE: [63] V, [48:5] ITT_addr[51:8], [4:0] Size */
	assert_int_equal(fx_peek64(f, FX_DT + 3 * 8),
			 1ULL << 63 | (FX_ITT(3) >> 8) << 5 | 4);
	fx_mapc(f, 0, 1, 1, 0);
	fx_mapti(f, 3, 31, FX_LPI(7), 0, 0);
	fx_expect_msi(f, 3, 31, GICITS_DROP_NONE);
	assert_true(fx_pending(f, 1, FX_LPI(7)));
	/* EventID 32 is beyond Size 4 (5 bits) */
	fx_expect_msi(f, 3, 32, GICITS_DROP_EVENT_OOR);
	fx_fini(f);
}

static void mapd_errors(void **state)
{
	struct fx *f = fx_new();

	(void)state;
	/* DeviceID >= 2^Devbits */
	fx_mapd(f, 0x10000, 4, FX_ITT(0), 1, GICITS_E_ITS_MAPD_DEVICE_OOR);
	fx_mapd(f, 0xFFFFFFFFu, 4, FX_ITT(0), 1, GICITS_E_ITS_MAPD_DEVICE_OOR);
	/* beyond the flat device table (one 4 KB page = 512 DTEs) */
	fx_mapd(f, 511, 4, FX_ITT(511), 1, 0);
	fx_mapd(f, 512, 4, FX_ITT(0), 1, GICITS_E_ITS_MAPD_DEVICE_OOR);
	/* Size + 1 > ID_bits + 1 (16 EventID bits) */
	fx_mapd(f, 5, 16, FX_ITT(5), 1, GICITS_E_ITS_MAPD_ITTSIZE_OOR);
	fx_mapd(f, 5, 31, FX_ITT(5), 1, GICITS_E_ITS_MAPD_ITTSIZE_OOR);
	assert_int_equal(fx_peek64(f, FX_DT + 5 * 8), 0);
	fx_mapd(f, 5, 15, FX_BIGITT, 1, 0);
	/* the failed MAPDs changed nothing; a failed unmap neither */
	fx_mapd(f, 5, 16, 0, 0, GICITS_E_ITS_MAPD_ITTSIZE_OOR);
	assert_int_not_equal(fx_peek64(f, FX_DT + 5 * 8), 0);
	fx_fini(f);
}

static void mapd_unmap_and_remap(void **state)
{
	struct fx *f = fx_new();

	(void)state;
	fx_map_event(f, 1, 4, 2, FX_LPI(2), 0, 0);
	fx_expect_msi(f, 1, 2, GICITS_DROP_NONE);
	fx_mapd(f, 1, 4, 0, 0, 0);
	assert_int_equal(fx_peek64(f, FX_DT + 8), 0);
	fx_expect_msi(f, 1, 2, GICITS_DROP_DEVICE_UNMAPPED);
	fx_int(f, 1, 2, GICITS_E_ITS_INT_UNMAPPED_DEVICE);
	/* remap onto a fresh (zeroed) ITT: the old event is gone */
	fx_mapd(f, 1, 4, FX_ITT(100), 1, 0);
	fx_expect_msi(f, 1, 2, GICITS_DROP_EVENT_UNMAPPED);
	/* remap onto the old ITT: its ITEs are visible again */
	fx_mapd(f, 1, 4, FX_ITT(1), 1, 0);
	fx_expect_msi(f, 1, 2, GICITS_DROP_NONE);
	fx_fini(f);
}

/* ---- MAPC ------------------------------------------------------------ */

static void mapc_success_and_errors(void **state)
{
	struct fx *f = fx_new();

	(void)state;
	fx_mapc(f, 7, 3, 1, 0);
	/* CTE: [63] V, [51:16] RDbase, [15:0] ICID */
	assert_int_equal(fx_peek64(f, FX_CT + 7 * 8), 1ULL << 63 | 3 << 16 | 7);
	/* processor number not a redistributor */
	fx_mapc(f, 8, FX_NCPUS, 1, GICITS_E_ITS_MAPC_PROCNUM_OOR);
	fx_mapc(f, 8, 0xFFFF, 1, GICITS_E_ITS_MAPC_PROCNUM_OOR);
	assert_int_equal(fx_peek64(f, FX_CT + 8 * 8), 0);
	/* V = 0 does not check RDbase */
	fx_mapc(f, 8, 0xFFFF, 0, 0);
	/* beyond the collection table (512 entries) */
	fx_mapc(f, 511, 0, 1, 0);
	fx_mapc(f, 512, 0, 1, GICITS_E_ITS_MAPC_COLLECTION_OOR);
	fx_mapc(f, 0xFFFF, 0, 1, GICITS_E_ITS_MAPC_COLLECTION_OOR);
	/* unmap: CTE invalid, translations through it are dropped */
	fx_map_event(f, 1, 4, 0, FX_LPI(0), 7, 3);
	fx_expect_msi(f, 1, 0, GICITS_DROP_NONE);
	fx_mapc(f, 7, 0, 0, 0);
	assert_int_equal(fx_peek64(f, FX_CT + 7 * 8), 0);
	fx_expect_msi(f, 1, 0, GICITS_DROP_COLLECTION_UNMAPPED);
	fx_fini(f);
}

static void mapc_cidbits_limit(void **state)
{
	struct fx *f = fx_init();

	(void)state;
	f->icfg.cidbits = 8;
	fx_start(f);
	fx_mapc(f, 255, 0, 1, 0);
	/* inside the table, outside 2^CIDbits */
	fx_mapc(f, 256, 0, 1, GICITS_E_ITS_MAPC_COLLECTION_OOR);
	fx_mapd(f, 1, 4, FX_ITT(1), 1, 0);
	fx_mapti(f, 1, 0, FX_LPI(0), 256, GICITS_E_ITS_MAPTI_COLLECTION_OOR);
	fx_fini(f);
}

static void mapc_rdbase_width_knob(void **state)
{
	struct fx *f = fx_new();

	(void)state;
	/* default mapc_rdbase16: bits [50:32] are ignored (QEMU 7.2) */
	fx_map_event(f, 1, 4, 0, FX_LPI(0), 0, 0);
	fx_mapc(f, 0, 1ULL << 16 | 2, 1, 0);
	fx_expect_msi(f, 1, 0, GICITS_DROP_NONE);
	assert_true(fx_pending(f, 2, FX_LPI(0)));
	fx_fini(f);

	f = fx_init();
	f->icfg.mapc_rdbase16 = false;
	fx_start(f);
	fx_mapc(f, 0, 1ULL << 16 | 2, 1, GICITS_E_ITS_MAPC_PROCNUM_OOR);
	fx_mapc(f, 0, 2, 1, 0);
	fx_fini(f);
}

/* ---- MAPTI / MAPI ---------------------------------------------------- */

static void mapti_success_and_errors(void **state)
{
	struct fx *f = fx_new();
	uint8_t *ite;

	(void)state;
	fx_mapd(f, 1, 4, FX_ITT(1), 1, 0);
	fx_mapc(f, 2, 1, 1, 0);
	fx_mapti(f, 1, 3, FX_LPI(42), 2, 0);
	/* ITE (12 bytes): [47:16] pINTID, [15:0] ICID; bytes 8..11 zero */
	assert_int_equal(fx_peek64(f, FX_ITT(1) + 3 * 12),
			 (uint64_t)FX_LPI(42) << 16 | 2);
	ite = fx_host(f, FX_ITT(1) + 3 * 12);
	assert_int_equal(ite[8] | ite[9] | ite[10] | ite[11], 0);
	fx_expect_msi(f, 1, 3, GICITS_DROP_NONE);
	assert_true(fx_pending(f, 1, FX_LPI(42)));

	fx_mapti(f, 0x10000, 0, FX_LPI(0), 2, GICITS_E_ITS_MAPTI_DEVICE_OOR);
	fx_mapti(f, 512, 0, FX_LPI(0), 2, GICITS_E_ITS_MAPTI_DEVICE_OOR);
	fx_mapti(f, 9, 0, FX_LPI(0), 2, GICITS_E_ITS_MAPTI_UNMAPPED_DEVICE);
	fx_mapti(f, 1, 32, FX_LPI(0), 2, GICITS_E_ITS_MAPTI_ID_OOR);
	fx_mapti(f, 1, 0xFFFFFFFFu, FX_LPI(0), 2, GICITS_E_ITS_MAPTI_ID_OOR);
	fx_mapti(f, 1, 0, 8191, 2, GICITS_E_ITS_MAPTI_PHYSICALID_OOR);
	fx_mapti(f, 1, 0, 0, 2, GICITS_E_ITS_MAPTI_PHYSICALID_OOR);
	fx_mapti(f, 1, 0, 1u << 16, 2, GICITS_E_ITS_MAPTI_PHYSICALID_OOR);
	fx_mapti(f, 1, 0, 0xFFFFFFFFu, 2, GICITS_E_ITS_MAPTI_PHYSICALID_OOR);
	fx_mapti(f, 1, 0, FX_LPI(0), 512, GICITS_E_ITS_MAPTI_COLLECTION_OOR);
	/* none of the failures wrote event 0 */
	assert_int_equal(fx_peek64(f, FX_ITT(1)), 0);
	fx_expect_msi(f, 1, 0, GICITS_DROP_EVENT_UNMAPPED);
	/* the highest implemented LPI is accepted; the collection need not
	 * be mapped yet */
	fx_mapti(f, 1, 0, 0xFFFF, 9, 0);
	fx_expect_msi(f, 1, 0, GICITS_DROP_COLLECTION_UNMAPPED);
	fx_mapc(f, 9, 3, 1, 0);
	fx_expect_msi(f, 1, 0, GICITS_DROP_NONE);
	assert_true(fx_pending(f, 3, 0xFFFF));
	/* remapping an event overwrites it (gicits' choice, as QEMU) */
	fx_mapti(f, 1, 3, FX_LPI(43), 9, 0);
	fx_expect_msi(f, 1, 3, GICITS_DROP_NONE);
	assert_true(fx_pending(f, 3, FX_LPI(43)));
	fx_fini(f);
}

static void mapi_success_and_errors(void **state)
{
	struct fx *f = fx_new();

	(void)state;
	fx_mapd(f, 1, 4, FX_ITT(1), 1, 0);
	fx_mapd(f, 2, 13, FX_BIGITT, 1, 0); /* 14 bits: events up to 16383 */
	fx_mapc(f, 0, 2, 1, 0);
	fx_mapi(f, 2, 8192, 0, 0);
	fx_mapi(f, 2, 16383, 0, 0);
	assert_int_equal(fx_peek64(f, FX_BIGITT + 8192 * 12), 8192ULL << 16);
	fx_expect_msi(f, 2, 16383, GICITS_DROP_NONE);
	assert_true(fx_pending(f, 2, 16383));

	fx_mapi(f, 0x10000, 8192, 0, GICITS_E_ITS_MAPI_DEVICE_OOR);
	fx_mapi(f, 600, 8192, 0, GICITS_E_ITS_MAPI_DEVICE_OOR);
	fx_mapi(f, 3, 8192, 0, GICITS_E_ITS_MAPI_UNMAPPED_DEVICE);
	fx_mapi(f, 1, 32, 0, GICITS_E_ITS_MAPI_ID_OOR);
	fx_mapi(f, 2, 16384, 0, GICITS_E_ITS_MAPI_ID_OOR);
	/* pINTID = EventID < 8192 is not an LPI */
	fx_mapi(f, 1, 5, 0, GICITS_E_ITS_MAPI_PHYSICALID_OOR);
	fx_mapi(f, 2, 8191, 0, GICITS_E_ITS_MAPI_PHYSICALID_OOR);
	fx_mapi(f, 2, 8193, 1000, GICITS_E_ITS_MAPI_COLLECTION_OOR);
	fx_expect_msi(f, 1, 5, GICITS_DROP_EVENT_UNMAPPED);
	fx_expect_msi(f, 2, 8193, GICITS_DROP_EVENT_UNMAPPED);
	fx_fini(f);
}

/* ---- the commands that name an event --------------------------------- */

/*
 * Device 1 (4 EventID bits): event 0 -> LPI 0 on ICID 0 -> CPU 1; event 1
 * -> LPI 1 on ICID 9, never mapped.  The command @op must report, in order:
 * DEVICE_OOR, UNMAPPED_DEVICE, ID_OOR, UNMAPPED_INTERRUPT,
 * UNMAPPED_COLLECTION, and change nothing while doing so.
 */
static void event_command_errors(uint8_t op, const uint32_t codes[5])
{
	struct fx *f = fx_new();
	unsigned cpu, before = 0, after = 0;

	fx_map_event(f, 1, 4, 0, FX_LPI(0), 0, 1);
	fx_mapti(f, 1, 1, FX_LPI(1), 9, 0);
	fx_mapd(f, 2, 4, FX_ITT(2), 1, 0);
	fx_mapd(f, 2, 4, 0, 0, 0); /* device 2 mapped then unmapped */
	fx_expect_msi(f, 1, 0, GICITS_DROP_NONE);
	for (cpu = 0; cpu < FX_NCPUS; cpu++)
		before += fx_npending(f, cpu);
	fx_evcmd(f, op, 0x10000, 0, codes[0]);
	fx_evcmd(f, op, 512, 0, codes[0]);
	fx_evcmd(f, op, 2, 0, codes[1]);
	fx_evcmd(f, op, 3, 0, codes[1]);
	fx_evcmd(f, op, 1, 16, codes[2]);
	fx_evcmd(f, op, 1, 0x80000000u, codes[2]);
	fx_evcmd(f, op, 1, 3, codes[3]);
	fx_evcmd(f, op, 1, 1, codes[4]);
	for (cpu = 0; cpu < FX_NCPUS; cpu++)
		after += fx_npending(f, cpu);
	assert_int_equal(after, before);
	assert_true(fx_pending(f, 1, FX_LPI(0)));
	/* the ITEs are intact */
	assert_int_equal(fx_peek64(f, FX_ITT(1)), (uint64_t)FX_LPI(0) << 16);
	assert_int_equal(fx_peek64(f, FX_ITT(1) + 12),
			 (uint64_t)FX_LPI(1) << 16 | 9);
	fx_fini(f);
}

static void int_success_and_errors(void **state)
{
	static const uint32_t codes[5] = {
		GICITS_E_ITS_INT_DEVICE_OOR, GICITS_E_ITS_INT_UNMAPPED_DEVICE,
		GICITS_E_ITS_INT_ID_OOR, GICITS_E_ITS_INT_UNMAPPED_INTERRUPT,
		GICITS_E_ITS_INT_UNMAPPED_COLLECTION
	};
	struct fx *f = fx_new();
	uint64_t mark;
	const struct fx_rec *r;

	(void)state;
	event_command_errors(GICITS_CMD_INT, codes);
	fx_map_event(f, 1, 4, 0, FX_LPI(5), 0, 2);
	fx_int(f, 1, 0, 0);
	assert_true(fx_pending(f, 2, FX_LPI(5)));
	assert_int_equal(fx_npending(f, 0) + fx_npending(f, 1), 0);
	/* INT again: already pending, still fine */
	fx_int(f, 1, 0, 0);
	/* target redistributor with EnableLPIs == 0: ignored, traced, not a
	 * command error */
	assert_int_equal(gicits_rdist_write(f->gic, 3, GICITS_GICR_CTLR, 4, 0),
			 0);
	fx_mapc(f, 0, 3, 1, 0);
	mark = f->nrecs;
	fx_int(f, 1, 0, 0);
	r = fx_find(f, mark, GICITS_TRACE_DROP);
	assert_non_null(r);
	assert_int_equal(r->cmd, GICITS_CMD_INT);
	assert_int_equal(r->drop, GICITS_DROP_LPIS_DISABLED);
	assert_int_equal(r->cpu, 3);
	assert_false(fx_pending(f, 3, FX_LPI(5)));
	fx_fini(f);
}

static void clear_success_and_errors(void **state)
{
	static const uint32_t codes[5] = {
		GICITS_E_ITS_CLEAR_DEVICE_OOR,
		GICITS_E_ITS_CLEAR_UNMAPPED_DEVICE, GICITS_E_ITS_CLEAR_ID_OOR,
		GICITS_E_ITS_CLEAR_UNMAPPED_INTERRUPT,
		GICITS_E_ITS_CLEAR_UNMAPPED_COLLECTION
	};
	struct fx *f = fx_new();

	(void)state;
	event_command_errors(GICITS_CMD_CLEAR, codes);
	fx_map_event(f, 1, 4, 0, FX_LPI(5), 0, 2);
	fx_mapti(f, 1, 1, FX_LPI(6), 0, 0);
	fx_expect_msi(f, 1, 0, GICITS_DROP_NONE);
	fx_expect_msi(f, 1, 1, GICITS_DROP_NONE);
	fx_clear(f, 1, 0, 0);
	assert_false(fx_pending(f, 2, FX_LPI(5)));
	assert_true(fx_pending(f, 2, FX_LPI(6)));
	assert_int_equal(gicits_cpu_ack(f->gic, 2), FX_LPI(6));
	/* CLEAR of something not pending is fine; the ITE stays valid */
	fx_clear(f, 1, 0, 0);
	fx_expect_msi(f, 1, 0, GICITS_DROP_NONE);
	assert_true(fx_pending(f, 2, FX_LPI(5)));
	fx_fini(f);
}

static void discard_success_and_errors(void **state)
{
	static const uint32_t codes[5] = {
		GICITS_E_ITS_DISCARD_DEVICE_OOR,
		GICITS_E_ITS_DISCARD_UNMAPPED_DEVICE,
		GICITS_E_ITS_DISCARD_ID_OOR,
		GICITS_E_ITS_DISCARD_UNMAPPED_INTERRUPT,
		GICITS_E_ITS_DISCARD_UNMAPPED_COLLECTION
	};
	struct fx *f = fx_new();

	(void)state;
	event_command_errors(GICITS_CMD_DISCARD, codes);
	fx_map_event(f, 1, 4, 4, FX_LPI(5), 0, 2);
	fx_expect_msi(f, 1, 4, GICITS_DROP_NONE);
	fx_discard(f, 1, 4, 0);
	assert_false(fx_pending(f, 2, FX_LPI(5)));
	assert_int_equal(fx_peek64(f, FX_ITT(1) + 4 * 12), 0);
	fx_expect_msi(f, 1, 4, GICITS_DROP_EVENT_UNMAPPED);
	fx_discard(f, 1, 4, GICITS_E_ITS_DISCARD_UNMAPPED_INTERRUPT);
	fx_int(f, 1, 4, GICITS_E_ITS_INT_UNMAPPED_INTERRUPT);
	fx_fini(f);
}

static void inv_success_and_errors(void **state)
{
	static const uint32_t codes[5] = {
		GICITS_E_ITS_INV_DEVICE_OOR, GICITS_E_ITS_INV_UNMAPPED_DEVICE,
		GICITS_E_ITS_INV_ID_OOR, GICITS_E_ITS_INV_UNMAPPED_INTERRUPT,
		GICITS_E_ITS_INV_UNMAPPED_COLLECTION
	};
	struct fx *f = fx_new();
	uint8_t *cfg = fx_host(f, FX_PROP);

	(void)state;
	event_command_errors(GICITS_CMD_INV, codes);
	fx_map_event(f, 1, 4, 0, FX_LPI(5), 0, 2);
	fx_expect_msi(f, 1, 0, GICITS_DROP_NONE);
	assert_int_equal(gicits_cpu_hppi(f->gic, 2), FX_LPI(5));
	/* disable the LPI in the configuration table: cached until INV */
	cfg[5] = 0xA2;
	assert_int_equal(gicits_cpu_hppi(f->gic, 2), FX_LPI(5));
	fx_inv(f, 1, 0, 0);
	assert_int_equal(gicits_cpu_hppi(f->gic, 2), GICITS_INTID_SPURIOUS);
	assert_true(fx_pending(f, 2, FX_LPI(5)));
	cfg[5] = 0xA3;
	fx_inv(f, 1, 0, 0);
	assert_int_equal(gicits_cpu_ack(f->gic, 2), FX_LPI(5));
	fx_fini(f);
}

static void invall_success_and_errors(void **state)
{
	struct fx *f = fx_new();
	uint8_t *cfg = fx_host(f, FX_PROP);

	(void)state;
	fx_map_event(f, 1, 4, 0, FX_LPI(5), 3, 1);
	fx_expect_msi(f, 1, 0, GICITS_DROP_NONE);
	cfg[5] = 0xA2;
	assert_int_equal(gicits_cpu_hppi(f->gic, 1), FX_LPI(5));
	fx_invall(f, 3, 0);
	assert_int_equal(gicits_cpu_hppi(f->gic, 1), GICITS_INTID_SPURIOUS);
	fx_invall(f, 4, GICITS_E_ITS_INVALL_UNMAPPED_COLLECTION);
	fx_mapc(f, 3, 0, 0, 0);
	fx_invall(f, 3, GICITS_E_ITS_INVALL_UNMAPPED_COLLECTION);
	fx_invall(f, 512, GICITS_E_ITS_INVALL_COLLECTION_OOR);
	fx_invall(f, 0xFFFF, GICITS_E_ITS_INVALL_COLLECTION_OOR);
	fx_fini(f);
}

static void movi_success_and_errors(void **state)
{
	static const uint32_t codes[5] = {
		GICITS_E_ITS_MOVI_DEVICE_OOR, GICITS_E_ITS_MOVI_UNMAPPED_DEVICE,
		GICITS_E_ITS_MOVI_ID_OOR, GICITS_E_ITS_MOVI_UNMAPPED_INTERRUPT,
		GICITS_E_ITS_MOVI_UNMAPPED_COLLECTION
	};
	struct fx *f = fx_new();

	(void)state;
	event_command_errors(GICITS_CMD_MOVI, codes);
	fx_map_event(f, 1, 4, 0, FX_LPI(5), 0, 0);
	fx_mapc(f, 1, 3, 1, 0);
	fx_expect_msi(f, 1, 0, GICITS_DROP_NONE);
	fx_movi(f, 1, 0, 1, 0);
	/* the pending state moved, the ITE names the new collection */
	assert_false(fx_pending(f, 0, FX_LPI(5)));
	assert_true(fx_pending(f, 3, FX_LPI(5)));
	assert_int_equal(fx_peek64(f, FX_ITT(1)),
			 (uint64_t)FX_LPI(5) << 16 | 1);
	assert_int_equal(gicits_cpu_ack(f->gic, 3), FX_LPI(5));
	fx_expect_msi(f, 1, 0, GICITS_DROP_NONE);
	assert_true(fx_pending(f, 3, FX_LPI(5)));
	assert_false(fx_pending(f, 0, FX_LPI(5)));
	/* new collection out of range or unmapped */
	fx_movi(f, 1, 0, 512, GICITS_E_ITS_MOVI_COLLECTION_OOR);
	fx_movi(f, 1, 0, 7, GICITS_E_ITS_MOVI_UNMAPPED_COLLECTION);
	assert_int_equal(fx_peek64(f, FX_ITT(1)),
			 (uint64_t)FX_LPI(5) << 16 | 1);
	/* old collection unmapped */
	fx_mapc(f, 1, 0, 0, 0);
	fx_movi(f, 1, 0, 0, GICITS_E_ITS_MOVI_UNMAPPED_COLLECTION);
	fx_fini(f);
}

static void movall_success_and_errors(void **state)
{
	struct fx *f = fx_new();

	(void)state;
	fx_map_event(f, 1, 4, 0, FX_LPI(5), 0, 0);
	fx_mapti(f, 1, 1, FX_LPI(6), 0, 0);
	fx_expect_msi(f, 1, 0, GICITS_DROP_NONE);
	fx_expect_msi(f, 1, 1, GICITS_DROP_NONE);
	assert_int_equal(fx_npending(f, 0), 2);
	fx_movall(f, 0, 0, 0); /* no-op */
	assert_int_equal(fx_npending(f, 0), 2);
	fx_movall(f, 0, 2, 0);
	assert_int_equal(fx_npending(f, 0), 0);
	assert_true(fx_pending(f, 2, FX_LPI(5)));
	assert_true(fx_pending(f, 2, FX_LPI(6)));
	/* MOVALL does not retarget the collection */
	fx_expect_msi(f, 1, 0, GICITS_DROP_NONE);
	assert_true(fx_pending(f, 0, FX_LPI(5)));
	fx_movall(f, FX_NCPUS, 0, GICITS_E_ITS_MOVALL_PROCNUM_OOR);
	fx_movall(f, 2, FX_NCPUS, GICITS_E_ITS_MOVALL_PROCNUM_OOR);
	fx_movall(f, 2, 0xFFFF, GICITS_E_ITS_MOVALL_PROCNUM_OOR);
	assert_int_equal(fx_npending(f, 2), 2);
	fx_fini(f);
}

static void sync_success_and_strict(void **state)
{
	struct fx *f = fx_new();
	const struct fx_rec *r;
	uint64_t mark;

	(void)state;
	fx_sync(f, 0, 0);
	fx_sync(f, 3, 0);
	/* no architected error for a bad RDbase; no finding by default */
	fx_sync(f, FX_NCPUS, 0);
	assert_int_equal(fx_status(f).findings, 0);
	fx_fini(f);

	f = fx_init();
	f->icfg.strict = true;
	fx_start(f);
	fx_sync(f, 1, 0);
	assert_int_equal(fx_status(f).findings, 0);
	mark = f->nrecs;
	fx_sync(f, FX_NCPUS, 0);
	assert_int_equal(fx_status(f).findings, 1);
	r = fx_find(f, mark, GICITS_TRACE_FINDING);
	assert_non_null(r);
	assert_string_equal(r->rule, "SYNC");
	fx_fini(f);
}

static void unknown_commands(void **state)
{
	static const uint8_t ops[] = { 0x00, 0x02, 0x06, 0x07, 0x10,
				       0x20, 0x21, 0x22, 0x25, 0x29,
				       0x2A, 0x2D, 0x2E, 0x80, 0xFF };
	struct fx *f = fx_new();
	unsigned i;

	(void)state;
	for (i = 0; i < sizeof(ops); i++) {
		struct gicits_cmd c = fx_c_event(ops[i], 0x1234, 5);

		c.dw[2] = 6; /* junk in the other doublewords */
		c.dw[3] = 7;
		fx_cmdc(f, c, GICITS_E_ITS_UNKNOWN_COMMAND);
	}
	fx_sync(f, 0, 0);
	fx_fini(f);

	f = fx_init();
	f->icfg.error_policy = GICITS_POLICY_STALL;
	fx_start(f);
	fx_cmdc(f, fx_c_event(0x22, 0, 0), GICITS_E_ITS_UNKNOWN_COMMAND);
	assert_int_equal(fx_rd(f, GICITS_GITS_CREADR, 8), 0 | 1);
	fx_fini(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(mapd_success_writes_dte),
		cmocka_unit_test(mapd_errors),
		cmocka_unit_test(mapd_unmap_and_remap),
		cmocka_unit_test(mapc_success_and_errors),
		cmocka_unit_test(mapc_cidbits_limit),
		cmocka_unit_test(mapc_rdbase_width_knob),
		cmocka_unit_test(mapti_success_and_errors),
		cmocka_unit_test(mapi_success_and_errors),
		cmocka_unit_test(int_success_and_errors),
		cmocka_unit_test(clear_success_and_errors),
		cmocka_unit_test(discard_success_and_errors),
		cmocka_unit_test(inv_success_and_errors),
		cmocka_unit_test(invall_success_and_errors),
		cmocka_unit_test(movi_success_and_errors),
		cmocka_unit_test(movall_success_and_errors),
		cmocka_unit_test(sync_success_and_strict),
		cmocka_unit_test(unknown_commands),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
