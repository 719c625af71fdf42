/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ITS commands: each of the twelve GICv3 commands with success and every
 * E_ITS_* error it reports, unknown command numbers, memory faults, both
 * error policies (skip and stall/Retry), the three cache modes, dropped
 * MSIs, and a fixed-seed stream of junk commands.
 */
#include "its_fixture.h"

static struct fx *fx_new(void)
{
	struct fx *f = fx_init();

	fx_start(f);
	return f;
}

static void expect_msi(struct fx *f, uint32_t dev, uint32_t ev, int drop)
{
	assert_int_equal(gicits_its_msi(f->its, dev, ev), drop);
}

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
	expect_msi(f, 3, 31, GICITS_DROP_NONE);
	assert_true(fx_pending(f, 1, FX_LPI(7)));
	/* EventID 32 is beyond Size 4 (5 bits) */
	expect_msi(f, 3, 32, GICITS_DROP_EVENT_OOR);
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
	expect_msi(f, 1, 2, GICITS_DROP_NONE);
	fx_mapd(f, 1, 4, 0, 0, 0);
	assert_int_equal(fx_peek64(f, FX_DT + 8), 0);
	expect_msi(f, 1, 2, GICITS_DROP_DEVICE_UNMAPPED);
	fx_int(f, 1, 2, GICITS_E_ITS_INT_UNMAPPED_DEVICE);
	/* remap onto a fresh (zeroed) ITT: the old event is gone */
	fx_mapd(f, 1, 4, FX_ITT(100), 1, 0);
	expect_msi(f, 1, 2, GICITS_DROP_EVENT_UNMAPPED);
	/* remap onto the old ITT: its ITEs are visible again */
	fx_mapd(f, 1, 4, FX_ITT(1), 1, 0);
	expect_msi(f, 1, 2, GICITS_DROP_NONE);
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
	expect_msi(f, 1, 0, GICITS_DROP_NONE);
	fx_mapc(f, 7, 0, 0, 0);
	assert_int_equal(fx_peek64(f, FX_CT + 7 * 8), 0);
	expect_msi(f, 1, 0, GICITS_DROP_COLLECTION_UNMAPPED);
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
	expect_msi(f, 1, 0, GICITS_DROP_NONE);
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
	expect_msi(f, 1, 3, GICITS_DROP_NONE);
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
	expect_msi(f, 1, 0, GICITS_DROP_EVENT_UNMAPPED);
	/* the highest implemented LPI is accepted; the collection need not
	 * be mapped yet */
	fx_mapti(f, 1, 0, 0xFFFF, 9, 0);
	expect_msi(f, 1, 0, GICITS_DROP_COLLECTION_UNMAPPED);
	fx_mapc(f, 9, 3, 1, 0);
	expect_msi(f, 1, 0, GICITS_DROP_NONE);
	assert_true(fx_pending(f, 3, 0xFFFF));
	/* remapping an event overwrites it (gicits' choice, as QEMU) */
	fx_mapti(f, 1, 3, FX_LPI(43), 9, 0);
	expect_msi(f, 1, 3, GICITS_DROP_NONE);
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
	expect_msi(f, 2, 16383, GICITS_DROP_NONE);
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
	expect_msi(f, 1, 5, GICITS_DROP_EVENT_UNMAPPED);
	expect_msi(f, 2, 8193, GICITS_DROP_EVENT_UNMAPPED);
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
	expect_msi(f, 1, 0, GICITS_DROP_NONE);
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
	expect_msi(f, 1, 0, GICITS_DROP_NONE);
	expect_msi(f, 1, 1, GICITS_DROP_NONE);
	fx_clear(f, 1, 0, 0);
	assert_false(fx_pending(f, 2, FX_LPI(5)));
	assert_true(fx_pending(f, 2, FX_LPI(6)));
	assert_int_equal(gicits_cpu_ack(f->gic, 2), FX_LPI(6));
	/* CLEAR of something not pending is fine; the ITE stays valid */
	fx_clear(f, 1, 0, 0);
	expect_msi(f, 1, 0, GICITS_DROP_NONE);
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
	expect_msi(f, 1, 4, GICITS_DROP_NONE);
	fx_discard(f, 1, 4, 0);
	assert_false(fx_pending(f, 2, FX_LPI(5)));
	assert_int_equal(fx_peek64(f, FX_ITT(1) + 4 * 12), 0);
	expect_msi(f, 1, 4, GICITS_DROP_EVENT_UNMAPPED);
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
	expect_msi(f, 1, 0, GICITS_DROP_NONE);
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
	expect_msi(f, 1, 0, GICITS_DROP_NONE);
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
	expect_msi(f, 1, 0, GICITS_DROP_NONE);
	fx_movi(f, 1, 0, 1, 0);
	/* the pending state moved, the ITE names the new collection */
	assert_false(fx_pending(f, 0, FX_LPI(5)));
	assert_true(fx_pending(f, 3, FX_LPI(5)));
	assert_int_equal(fx_peek64(f, FX_ITT(1)),
			 (uint64_t)FX_LPI(5) << 16 | 1);
	assert_int_equal(gicits_cpu_ack(f->gic, 3), FX_LPI(5));
	expect_msi(f, 1, 0, GICITS_DROP_NONE);
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
	expect_msi(f, 1, 0, GICITS_DROP_NONE);
	expect_msi(f, 1, 1, GICITS_DROP_NONE);
	assert_int_equal(fx_npending(f, 0), 2);
	fx_movall(f, 0, 0, 0); /* no-op */
	assert_int_equal(fx_npending(f, 0), 2);
	fx_movall(f, 0, 2, 0);
	assert_int_equal(fx_npending(f, 0), 0);
	assert_true(fx_pending(f, 2, FX_LPI(5)));
	assert_true(fx_pending(f, 2, FX_LPI(6)));
	/* MOVALL does not retarget the collection */
	expect_msi(f, 1, 0, GICITS_DROP_NONE);
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
	expect_msi(f, 1, 0, GICITS_DROP_MEMORY_FAULT);
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
	expect_msi(f, 1, 0, GICITS_DROP_NONE);
	f->cb_fail = true;
	expect_msi(f, 1, 0, GICITS_DROP_MEMORY_FAULT);
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
	expect_msi(f, 2, 0, GICITS_DROP_NONE);
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
	expect_msi(f, 1, 1, GICITS_DROP_EVENT_UNMAPPED);
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
	expect_msi(f, 1, 1, GICITS_DROP_NONE);
	expect_msi(f, 2, 0, GICITS_DROP_NONE);
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

/* ---- cache modes ----------------------------------------------------- */

/* Event (1, 0) -> LPI 5 on ICID 0 -> CPU 0, delivered once. */
static struct fx *cache_fx(enum gicits_cache_mode mode)
{
	struct fx *f = fx_init();

	f->icfg.cache = mode;
	fx_start(f);
	fx_map_event(f, 1, 4, 0, FX_LPI(5), 0, 0);
	fx_mapc(f, 1, 2, 1, 0);
	expect_msi(f, 1, 0, GICITS_DROP_NONE);
	assert_int_equal(gicits_cpu_ack(f->gic, 0), FX_LPI(5));
	return f;
}

static void cache_check_ite_behind_its(void **state)
{
	static const enum gicits_cache_mode modes[] = { GICITS_CACHE_ON,
							GICITS_CACHE_OFF,
							GICITS_CACHE_CHECK };
	unsigned i;

	(void)state;
	for (i = 0; i < 3; i++) {
		struct fx *f = cache_fx(modes[i]);
		uint64_t mark = f->nrecs;
		const struct fx_rec *r;

		/* rewrite the ITE in guest memory: LPI 6 */
		fx_poke64(f, FX_ITT(1), (uint64_t)FX_LPI(6) << 16);
		expect_msi(f, 1, 0, GICITS_DROP_NONE);
		if (modes[i] == GICITS_CACHE_OFF) {
			/* the reference path reads memory */
			assert_true(fx_pending(f, 0, FX_LPI(6)));
			assert_int_equal(fx_status(f).findings, 0);
			assert_null(fx_find(f, mark, GICITS_TRACE_FINDING));
		} else {
			/* the index delivers what MAPTI said */
			assert_true(fx_pending(f, 0, FX_LPI(5)));
			assert_false(fx_pending(f, 0, FX_LPI(6)));
		}
		if (modes[i] == GICITS_CACHE_ON) {
			assert_int_equal(fx_status(f).findings, 0);
			assert_null(fx_find(f, mark, GICITS_TRACE_FINDING));
		}
		if (modes[i] == GICITS_CACHE_CHECK) {
			assert_true(fx_status(f).findings > 0);
			r = fx_find(f, mark, GICITS_TRACE_FINDING);
			assert_non_null(r);
			assert_string_equal(r->rule, "MAPTI");
			assert_int_equal(r->device_id, 1);
		}
		fx_fini(f);
	}
}

static void cache_check_dte_cte_behind_its(void **state)
{
	struct fx *f = cache_fx(GICITS_CACHE_CHECK);
	const struct fx_rec *r;
	uint64_t mark = f->nrecs;

	(void)state;
	/* DTE invalidated behind the ITS */
	fx_poke64(f, FX_DT + 8, 0);
	expect_msi(f, 1, 0, GICITS_DROP_NONE);
	r = fx_find(f, mark, GICITS_TRACE_FINDING);
	assert_non_null(r);
	assert_string_equal(r->rule, "MAPD");
	fx_fini(f);

	f = cache_fx(GICITS_CACHE_CHECK);
	mark = f->nrecs;
	/* CTE retargeted behind the ITS: CPU 3 */
	fx_poke64(f, FX_CT, 1ULL << 63 | 3ULL << 16);
	expect_msi(f, 1, 0, GICITS_DROP_NONE);
	assert_true(fx_pending(f, 0, FX_LPI(5)));
	r = fx_find(f, mark, GICITS_TRACE_FINDING);
	assert_non_null(r);
	assert_string_equal(r->rule, "MAPC");
	assert_true(fx_status(f).findings > 0);
	fx_fini(f);

	/* cache on: the index keeps using the CTE that MAPC wrote; cache
	 * off: memory decides */
	f = cache_fx(GICITS_CACHE_ON);
	fx_poke64(f, FX_CT, 1ULL << 63 | 3ULL << 16);
	expect_msi(f, 1, 0, GICITS_DROP_NONE);
	assert_true(fx_pending(f, 0, FX_LPI(5)));
	fx_fini(f);
	f = cache_fx(GICITS_CACHE_OFF);
	fx_poke64(f, FX_CT, 1ULL << 63 | 3ULL << 16);
	expect_msi(f, 1, 0, GICITS_DROP_NONE);
	assert_true(fx_pending(f, 3, FX_LPI(5)));
	fx_fini(f);
}

/* The same changes made with commands: check mode finds nothing. */
static void cache_check_clean_with_commands(void **state)
{
	struct fx *f = cache_fx(GICITS_CACHE_CHECK);
	uint8_t *cfg = fx_host(f, FX_PROP);

	(void)state;
	fx_mapti(f, 1, 0, FX_LPI(6), 0, 0);
	expect_msi(f, 1, 0, GICITS_DROP_NONE);
	assert_true(fx_pending(f, 0, FX_LPI(6)));
	fx_movi(f, 1, 0, 1, 0);
	assert_true(fx_pending(f, 2, FX_LPI(6)));
	fx_mapc(f, 1, 3, 1, 0);
	expect_msi(f, 1, 0, GICITS_DROP_NONE);
	fx_movall(f, 2, 3, 0);
	cfg[6] = 0x83;
	fx_inv(f, 1, 0, 0);
	fx_invall(f, 1, 0);
	fx_int(f, 1, 0, 0);
	fx_clear(f, 1, 0, 0);
	fx_discard(f, 1, 0, 0);
	expect_msi(f, 1, 0, GICITS_DROP_EVENT_UNMAPPED);
	fx_mapd(f, 1, 4, 0, 0, 0);
	expect_msi(f, 1, 0, GICITS_DROP_DEVICE_UNMAPPED);
	/* reuse the ITT memory for another device */
	fx_mapd(f, 2, 4, FX_ITT(1), 1, 0);
	fx_mapti(f, 2, 3, FX_LPI(7), 1, 0);
	expect_msi(f, 2, 3, GICITS_DROP_NONE);
	expect_msi(f, 2, 0, GICITS_DROP_EVENT_UNMAPPED);
	fx_mapd(f, 1, 4, FX_ITT(1), 1, 0);
	expect_msi(f, 1, 3, GICITS_DROP_NONE);
	fx_mapc(f, 1, 0, 0, 0);
	expect_msi(f, 1, 3, GICITS_DROP_COLLECTION_UNMAPPED);
	/* editing tables while the ITS is disabled is allowed */
	fx_wr(f, GICITS_GITS_CTLR, 4, 0);
	fx_poke64(f, FX_ITT(1) + 3 * 12, (uint64_t)FX_LPI(8) << 16);
	fx_wr(f, GICITS_GITS_CTLR, 4, 1);
	expect_msi(f, 1, 3, GICITS_DROP_NONE);
	assert_true(fx_pending(f, 0, FX_LPI(8)));
	assert_int_equal(fx_status(f).findings, 0);
	assert_null(fx_find(f, 0, GICITS_TRACE_FINDING));
	fx_fini(f);
}

static void cache_on_dropped_by_disable(void **state)
{
	struct fx *f = cache_fx(GICITS_CACHE_ON);

	(void)state;
	fx_wr(f, GICITS_GITS_CTLR, 4, 0);
	fx_poke64(f, FX_ITT(1), (uint64_t)FX_LPI(9) << 16);
	fx_wr(f, GICITS_GITS_CTLR, 4, 1);
	expect_msi(f, 1, 0, GICITS_DROP_NONE);
	assert_true(fx_pending(f, 0, FX_LPI(9)));
	fx_fini(f);
}

static void rdist_check_missing_inv(void **state)
{
	unsigned with_inv;

	(void)state;
	for (with_inv = 0; with_inv < 2; with_inv++) {
		struct fx *f = fx_init();
		uint8_t *cfg;
		const struct fx_rec *r;

		f->gcfg.check_config = true;
		fx_start(f);
		cfg = fx_host(f, FX_PROP);
		fx_map_event(f, 1, 4, 0, FX_LPI(5), 0, 1);
		expect_msi(f, 1, 0, GICITS_DROP_NONE);
		cfg[5] = 0x83; /* priority 0x80 */
		if (with_inv)
			fx_inv(f, 1, 0, 0);
		assert_int_equal(gicits_cpu_ack(f->gic, 1), FX_LPI(5));
		r = fx_find(f, 0, GICITS_TRACE_FINDING);
		if (with_inv) {
			assert_null(r);
			assert_int_equal(gicits_gic_findings(f->gic), 0);
		} else {
			assert_non_null(r);
			assert_string_equal(r->rule, "INV");
			assert_string_equal(r->source, "rdist");
			assert_int_equal(r->intid, FX_LPI(5));
			assert_true(gicits_gic_findings(f->gic) > 0);
		}
		fx_fini(f);
	}
}

/* ---- dropped MSIs ---------------------------------------------------- */

static void msi_drop_reasons(void **state)
{
	struct fx *f = fx_init();
	const struct fx_rec *r;
	uint64_t mark;

	(void)state;
	f->icfg.idbits = 10;
	f->no_enable = true;
	fx_start(f);
	assert_int_equal(gicits_its_msi(NULL, 0, 0), GICITS_EINVAL);
	expect_msi(f, 1, 0, GICITS_DROP_ITS_DISABLED);
	fx_wr(f, GICITS_GITS_CTLR, 4, 1);
	fx_map_event(f, 1, 4, 0, FX_LPI(0), 0, 0);
	fx_mapti(f, 1, 1, FX_LPI(1), 1, 0); /* ICID 1 unmapped */
	fx_mapti(f, 1, 2, FX_LPI(2), 2, 0);
	fx_mapc(f, 2, 2, 1, 0);
	fx_mapti(f, 1, 3, 20000, 3, 0);
	fx_mapc(f, 3, 3, 1, 0);
	fx_mapd(f, 4, 4, FX_NOWHERE, 1, 0);

	mark = f->nrecs;
	expect_msi(f, 1, 0, GICITS_DROP_NONE);
	r = fx_find(f, mark, GICITS_TRACE_TRANSLATE);
	assert_non_null(r);
	assert_int_equal(r->intid, FX_LPI(0));
	assert_int_equal(r->cpu, 0);
	expect_msi(f, 1, 1 << 10, GICITS_DROP_EVENTID_WIDTH);
	expect_msi(f, 0x10000, 0, GICITS_DROP_DEVICE_OOR);
	expect_msi(f, 512, 0, GICITS_DROP_DEVICE_OOR);
	expect_msi(f, 2, 0, GICITS_DROP_DEVICE_UNMAPPED);
	expect_msi(f, 1, 16, GICITS_DROP_EVENT_OOR);
	expect_msi(f, 1, 5, GICITS_DROP_EVENT_UNMAPPED);
	expect_msi(f, 1, 1, GICITS_DROP_COLLECTION_UNMAPPED);
	expect_msi(f, 4, 0, GICITS_DROP_MEMORY_FAULT);
	/* target redistributor with EnableLPIs == 0 */
	assert_int_equal(gicits_rdist_write(f->gic, 2, GICITS_GICR_CTLR, 4, 0),
			 0);
	expect_msi(f, 1, 2, GICITS_DROP_LPIS_DISABLED);
	/* INTID beyond the target's PROPBASER.IDbits (14 bits) */
	assert_int_equal(gicits_rdist_write(f->gic, 3, GICITS_GICR_CTLR, 4, 0),
			 0);
	fx_rdist_enable(f, 3, 14);
	expect_msi(f, 1, 3, GICITS_DROP_INTID_OOR);
	assert_false(fx_pending(f, 3, 20000));
	mark = f->nrecs;
	expect_msi(f, 1, 5, GICITS_DROP_EVENT_UNMAPPED);
	r = fx_find(f, mark, GICITS_TRACE_DROP);
	assert_non_null(r);
	assert_int_equal(r->drop, GICITS_DROP_EVENT_UNMAPPED);
	assert_int_equal(r->device_id, 1);
	assert_int_equal(r->event_id, 5);
	/* a GITS_TRANSLATER write is the same MSI */
	mark = f->nrecs;
	assert_int_equal(
		gicits_its_mmio_write(f->its, GICITS_GITS_TRANSLATER, 4, 16, 1),
		GICITS_OK);
	r = fx_find(f, mark, GICITS_TRACE_DROP);
	assert_non_null(r);
	assert_int_equal(r->drop, GICITS_DROP_EVENT_OOR);
	fx_fini(f);

	/* no valid device table */
	f = fx_init();
	f->baser[0] = FX_DT;
	fx_start(f);
	expect_msi(f, 1, 0, GICITS_DROP_NO_TABLE);
	fx_mapd(f, 1, 4, FX_ITT(1), 1, GICITS_E_ITS_MAPD_DEVICE_OOR);
	fx_fini(f);
}

/* ---- junk ------------------------------------------------------------ */

/* A random command: well-formed fields from the public encoders, with junk
 * (raw bits, too-wide values) written over them now and then. */
static void junk_packet(uint64_t *s, struct gicits_cmd *c)
{
	static const uint8_t ops[] = { GICITS_CMD_MOVI,	  GICITS_CMD_INT,
				       GICITS_CMD_CLEAR,  GICITS_CMD_SYNC,
				       GICITS_CMD_MAPD,	  GICITS_CMD_MAPC,
				       GICITS_CMD_MAPTI,  GICITS_CMD_MAPI,
				       GICITS_CMD_INV,	  GICITS_CMD_INVALL,
				       GICITS_CMD_MOVALL, GICITS_CMD_DISCARD };
	uint64_t r = fx_rand(s);
	uint32_t dev, ev;
	uint8_t op;
	unsigned i;

	if (r % 4 == 0) { /* fully random bytes */
		for (i = 0; i < 4; i++)
			c->dw[i] = fx_rand(s);
		return;
	}
	r = fx_rand(s);
	dev = (r >> 8) % 64 == 0 ? (uint32_t)fx_rand(s) : (uint32_t)(r % 16);
	ev = (r >> 16) % 64 == 0 ? (uint32_t)fx_rand(s) :
				   (uint32_t)(r >> 24) % 64;
	op = ops[(r >> 32) % sizeof(ops)];
	r = fx_rand(s);
	switch (op) {
	case GICITS_CMD_MAPD:
		gicits_cmd_mapd(c, dev, r % 8, FX_ITT(dev), r >> 60);
		if (r % 32 == 0)
			c->dw[1] = r >> 8; /* junk */
		if ((r >> 40) % 32 == 0)
			c->dw[2] = fx_rand(s); /* junk */
		break;
	case GICITS_CMD_MAPTI:
		gicits_cmd_mapti(c, dev, ev,
				 r % 32 == 0 ? (uint32_t)(r >> 8) :
					       FX_LPI((r >> 8) % 256),
				 (r >> 20) % 32 == 0 ? (r >> 16) & 0xffff :
						       (r >> 40) % 8);
		break;
	case GICITS_CMD_MAPC:
	case GICITS_CMD_SYNC:
	case GICITS_CMD_MOVALL:
		/* the fields of all three, whichever @op is */
		gicits_cmd_clear(c, op);
		gicits_cmd_set(c, GICITS_CMD_F_ICID, r % 8);
		gicits_cmd_set(c, GICITS_CMD_F_RDBASE, (r >> 8) % 5);
		gicits_cmd_set(c, GICITS_CMD_F_VALID, (r >> 16) % 8 != 0);
		gicits_cmd_set(c, GICITS_CMD_F_RDBASE2, (r >> 24) % 5);
		break;
	default:
		gicits_cmd_event(c, op, dev, ev);
		/* ICID of MOVI/MAPI, junk for the others */
		c->dw[2] = r % 32 == 0 ? r >> 8 : (r >> 8) % 8;
		break;
	}
}

struct pend_list {
	uint32_t ids[4096];
	unsigned n;
};

static int collect(void *opaque, uint32_t intid)
{
	struct pend_list *p = opaque;

	if (p->n < 4096)
		p->ids[p->n] = intid;
	p->n++;
	return 0;
}

/*
 * 20000 junk commands (fixed seed) into three ITSes that differ only in the
 * cache mode.  Nothing crashes, every command is counted, the cached and the
 * reference path agree on every later translation and pending set, and
 * check mode finds nothing (all changes went through commands).
 */
static void junk_commands(void **state)
{
	enum { N = 20000 };
	static const enum gicits_cache_mode modes[3] = { GICITS_CACHE_ON,
							 GICITS_CACHE_OFF,
							 GICITS_CACHE_CHECK };
	struct fx *f[3];
	uint64_t skipped[3] = { 0, 0, 0 }, seed = 0x5eed1234abcdULL;
	struct gicits_its_status st[3];
	unsigned i, k, cpu;
	uint32_t dev, ev;
	static struct pend_list pa, pb;

	(void)state;
	for (k = 0; k < 3; k++) {
		f[k] = fx_init();
		f[k]->icfg.cache = modes[k];
		fx_start(f[k]);
		for (i = 0; i < 4; i++)
			fx_mapc(f[k], i, i, 1, 0);
	}
	for (i = 0; i < N; i++) {
		struct gicits_cmd c;

		junk_packet(&seed, &c);
		for (k = 0; k < 3; k++) {
			fx_putc(f[k], c);
			fx_kick(f[k]);
			if (fx_status(f[k]).stalled) {
				/* a memory fault: software skips the command */
				uint64_t rd =
					fx_rd(f[k], GICITS_GITS_CREADR, 8) &
					~1ULL;

				fx_wr(f[k], GICITS_GITS_CREADR, 8,
				      (rd + 32) % fx_qsize(f[k]));
				fx_kick(f[k]);
				skipped[k]++;
			}
			assert_false(fx_status(f[k]).stalled);
		}
		if (i % 1000 == 999) {
			/* some MSIs along the way */
			for (k = 0; k < 3; k++)
				gicits_its_msi(f[k]->its, i % 16, i % 64);
		}
	}
	for (k = 0; k < 3; k++) {
		st[k] = fx_status(f[k]);
		assert_int_equal(st[k].commands + skipped[k], N + 4);
		assert_true(st[k].errors > 0);
		assert_int_equal(fx_rd(f[k], GICITS_GITS_CREADR, 8), f[k]->cw);
	}
	assert_int_equal(st[0].errors, st[1].errors);
	assert_int_equal(st[0].commands, st[1].commands);
	assert_int_equal(st[0].commands, st[2].commands);
	for (dev = 0; dev < 17; dev++)
		for (ev = 0; ev < 64; ev++) {
			int a = gicits_its_msi(f[0]->its, dev, ev);

			assert_int_equal(gicits_its_msi(f[1]->its, dev, ev), a);
			assert_int_equal(gicits_its_msi(f[2]->its, dev, ev), a);
		}
	for (cpu = 0; cpu < FX_NCPUS; cpu++) {
		memset(&pa, 0, sizeof(pa));
		memset(&pb, 0, sizeof(pb));
		gicits_rdist_pending_foreach(f[0]->gic, cpu, collect, &pa);
		gicits_rdist_pending_foreach(f[1]->gic, cpu, collect, &pb);
		assert_int_equal(pa.n, pb.n);
		assert_memory_equal(pa.ids, pb.ids, sizeof(pa.ids));
	}
	assert_int_equal(fx_status(f[2]).findings, 0);
	for (k = 0; k < 3; k++)
		fx_fini(f[k]);
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
		cmocka_unit_test(fault_queue_outside_ram),
		cmocka_unit_test(fault_itt_outside_ram),
		cmocka_unit_test(fault_tables_via_callback),
		cmocka_unit_test(policy_skip_consumes),
		cmocka_unit_test(policy_stall_and_retry),
		cmocka_unit_test(cache_check_ite_behind_its),
		cmocka_unit_test(cache_check_dte_cte_behind_its),
		cmocka_unit_test(cache_check_clean_with_commands),
		cmocka_unit_test(cache_on_dropped_by_disable),
		cmocka_unit_test(rdist_check_missing_inv),
		cmocka_unit_test(msi_drop_reasons),
		cmocka_unit_test(junk_commands),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
