/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * <gicits/cmd.h>: every encoder round-trips through gicits_cmd_get() for
 * each of its fields, leaves every other bit zero, masks a value too wide
 * for its field; gicits_cmd_to_bytes()/from_bytes() are little-endian; and
 * each encoded command, processed by an ITS, has the effect the
 * architecture gives it.
 */
#include "its_fixture.h"

#include "gicits/cmd.h"

/* The bits of @c that no field of @f covers must be zero. */
static void only_fields(const struct gicits_cmd *c, const uint64_t m[4])
{
	unsigned i;

	for (i = 0; i < 4; i++)
		assert_int_equal(c->dw[i] & ~m[i], 0);
}

#define FMASK(f) gicits_cmd_mask_dw_(f)
static inline uint64_t gicits_cmd_mask_dw_(unsigned dw, unsigned hi,
					   unsigned lo)
{
	(void)dw;
	return gicits_cmd_mask_(hi, lo);
}

static void mask_and_get(void **state)
{
	struct gicits_cmd c;

	(void)state;
	assert_int_equal(gicits_cmd_mask_(7, 0), 0xff);
	assert_int_equal(gicits_cmd_mask_(63, 0), ~0ULL);
	assert_int_equal(gicits_cmd_mask_(63, 63), 1ULL << 63);
	assert_int_equal(gicits_cmd_mask_(51, 8), 0x000FFFFFFFFFFF00ULL);
	gicits_cmd_clear(&c, 0xAB);
	assert_int_equal(c.dw[0], 0xAB);
	assert_int_equal(c.dw[1] | c.dw[2] | c.dw[3], 0);
	/* set masks to the field and leaves the other bits alone */
	c.dw[2] = ~0ULL;
	gicits_cmd_set(&c, GICITS_CMD_F_ICID, 0x12345);
	assert_int_equal(c.dw[2], (~0xFFFFULL) | 0x2345);
	assert_int_equal(gicits_cmd_get(&c, GICITS_CMD_F_ICID), 0x2345);
	gicits_cmd_set(&c, GICITS_CMD_F_VALID, 0);
	assert_int_equal(c.dw[2] >> 63, 0);
	assert_int_equal(gicits_cmd_get(&c, GICITS_CMD_F_VALID), 0);
	assert_int_equal(FMASK(GICITS_CMD_F_RDBASE), 0x0007FFFFFFFF0000ULL);
}

static void mapd_fields(void **state)
{
	struct gicits_cmd c;
	uint64_t m[4] = {
		FMASK(GICITS_CMD_F_OPCODE) | FMASK(GICITS_CMD_F_DEVICEID),
		FMASK(GICITS_CMD_F_SIZE),
		FMASK(GICITS_CMD_F_ITT_ADDR) | FMASK(GICITS_CMD_F_VALID), 0
	};

	(void)state;
	gicits_cmd_mapd(&c, 0xFEDCBA98u, 13, 0x000F123456789A00ULL, true);
	assert_int_equal(gicits_cmd_get(&c, GICITS_CMD_F_OPCODE),
			 GICITS_CMD_MAPD);
	assert_int_equal(gicits_cmd_get(&c, GICITS_CMD_F_DEVICEID),
			 0xFEDCBA98u);
	assert_int_equal(gicits_cmd_get(&c, GICITS_CMD_F_SIZE), 13);
	assert_int_equal(gicits_cmd_get(&c, GICITS_CMD_F_ITT_ADDR) << 8,
			 0x000F123456789A00ULL);
	assert_int_equal(gicits_cmd_get(&c, GICITS_CMD_F_VALID), 1);
	only_fields(&c, m);
	/* the exact packet a driver writes by hand */
	assert_int_equal(c.dw[0], 0xFEDCBA9800000008ULL);
	assert_int_equal(c.dw[1], 13);
	assert_int_equal(c.dw[2], 1ULL << 63 | 0x000F123456789A00ULL);
	assert_int_equal(c.dw[3], 0);
	/* too wide: Size is 5 bits, ITT_addr [51:8] (low 8 bits dropped) */
	gicits_cmd_mapd(&c, 1, 0x25, 0xFFFFFFFFFFFFFFFFULL, false);
	assert_int_equal(gicits_cmd_get(&c, GICITS_CMD_F_SIZE), 5);
	assert_int_equal(c.dw[2], 0x000FFFFFFFFFFF00ULL);
	assert_int_equal(gicits_cmd_get(&c, GICITS_CMD_F_VALID), 0);
	only_fields(&c, m);
}

static void mapc_fields(void **state)
{
	struct gicits_cmd c;
	uint64_t m[4] = { FMASK(GICITS_CMD_F_OPCODE), 0,
			  FMASK(GICITS_CMD_F_ICID) |
				  FMASK(GICITS_CMD_F_RDBASE) |
				  FMASK(GICITS_CMD_F_VALID),
			  0 };

	(void)state;
	gicits_cmd_mapc(&c, 0xBEEF, 0x7FFFFFFFFULL, true);
	assert_int_equal(gicits_cmd_get(&c, GICITS_CMD_F_OPCODE),
			 GICITS_CMD_MAPC);
	assert_int_equal(gicits_cmd_get(&c, GICITS_CMD_F_ICID), 0xBEEF);
	assert_int_equal(gicits_cmd_get(&c, GICITS_CMD_F_RDBASE),
			 0x7FFFFFFFFULL);
	assert_int_equal(gicits_cmd_get(&c, GICITS_CMD_F_VALID), 1);
	only_fields(&c, m);
	assert_int_equal(c.dw[2], 1ULL << 63 | 0x7FFFFFFFFULL << 16 | 0xBEEF);
	/* RDbase [50:16]: 35 bits */
	gicits_cmd_mapc(&c, 3, 0x800000005ULL, false);
	assert_int_equal(gicits_cmd_get(&c, GICITS_CMD_F_RDBASE), 5);
	assert_int_equal(gicits_cmd_get(&c, GICITS_CMD_F_VALID), 0);
	only_fields(&c, m);
}

static void mapti_mapi_movi_fields(void **state)
{
	struct gicits_cmd c;
	uint64_t m[4] = {
		FMASK(GICITS_CMD_F_OPCODE) | FMASK(GICITS_CMD_F_DEVICEID),
		FMASK(GICITS_CMD_F_EVENTID) | FMASK(GICITS_CMD_F_PINTID),
		FMASK(GICITS_CMD_F_ICID), 0
	};

	(void)state;
	gicits_cmd_mapti(&c, 0x89ABCDEFu, 0x76543210u, 0xFFFFFFFFu, 0xFFFF);
	assert_int_equal(gicits_cmd_get(&c, GICITS_CMD_F_OPCODE),
			 GICITS_CMD_MAPTI);
	assert_int_equal(gicits_cmd_get(&c, GICITS_CMD_F_DEVICEID),
			 0x89ABCDEFu);
	assert_int_equal(gicits_cmd_get(&c, GICITS_CMD_F_EVENTID), 0x76543210u);
	assert_int_equal(gicits_cmd_get(&c, GICITS_CMD_F_PINTID), 0xFFFFFFFFu);
	assert_int_equal(gicits_cmd_get(&c, GICITS_CMD_F_ICID), 0xFFFF);
	only_fields(&c, m);
	assert_int_equal(c.dw[1], 0xFFFFFFFF76543210ULL);

	gicits_cmd_mapi(&c, 7, 8200, 3);
	assert_int_equal(gicits_cmd_get(&c, GICITS_CMD_F_OPCODE),
			 GICITS_CMD_MAPI);
	assert_int_equal(gicits_cmd_get(&c, GICITS_CMD_F_DEVICEID), 7);
	assert_int_equal(gicits_cmd_get(&c, GICITS_CMD_F_EVENTID), 8200);
	assert_int_equal(gicits_cmd_get(&c, GICITS_CMD_F_PINTID), 0);
	assert_int_equal(gicits_cmd_get(&c, GICITS_CMD_F_ICID), 3);
	only_fields(&c, m);

	gicits_cmd_movi(&c, 0xFFFFFFFFu, 0xFFFFFFFFu, 0x1234);
	assert_int_equal(gicits_cmd_get(&c, GICITS_CMD_F_OPCODE),
			 GICITS_CMD_MOVI);
	assert_int_equal(gicits_cmd_get(&c, GICITS_CMD_F_DEVICEID),
			 0xFFFFFFFFu);
	assert_int_equal(gicits_cmd_get(&c, GICITS_CMD_F_EVENTID), 0xFFFFFFFFu);
	assert_int_equal(gicits_cmd_get(&c, GICITS_CMD_F_PINTID), 0);
	assert_int_equal(gicits_cmd_get(&c, GICITS_CMD_F_ICID), 0x1234);
	only_fields(&c, m);
}

static void event_fields(void **state)
{
	static const struct {
		void (*enc)(struct gicits_cmd *, uint32_t, uint32_t);
		uint8_t op;
	} e[] = {
		{ gicits_cmd_int, GICITS_CMD_INT },
		{ gicits_cmd_clear_event, GICITS_CMD_CLEAR },
		{ gicits_cmd_discard, GICITS_CMD_DISCARD },
		{ gicits_cmd_inv, GICITS_CMD_INV },
	};
	uint64_t m[4] = { FMASK(GICITS_CMD_F_OPCODE) |
				  FMASK(GICITS_CMD_F_DEVICEID),
			  FMASK(GICITS_CMD_F_EVENTID), 0, 0 };
	struct gicits_cmd c;
	unsigned i;

	(void)state;
	for (i = 0; i < sizeof(e) / sizeof(e[0]); i++) {
		memset(&c, 0xA5, sizeof(c));
		e[i].enc(&c, 0xCAFEF00Du, 0x0BADBEEFu);
		assert_int_equal(gicits_cmd_get(&c, GICITS_CMD_F_OPCODE),
				 e[i].op);
		assert_int_equal(gicits_cmd_get(&c, GICITS_CMD_F_DEVICEID),
				 0xCAFEF00Du);
		assert_int_equal(gicits_cmd_get(&c, GICITS_CMD_F_EVENTID),
				 0x0BADBEEFu);
		only_fields(&c, m);
	}
}

static void collection_and_rd_fields(void **state)
{
	struct gicits_cmd c;
	uint64_t mi[4] = { FMASK(GICITS_CMD_F_OPCODE), 0,
			   FMASK(GICITS_CMD_F_ICID), 0 };
	uint64_t ms[4] = { FMASK(GICITS_CMD_F_OPCODE), 0,
			   FMASK(GICITS_CMD_F_RDBASE), 0 };
	uint64_t mm[4] = { FMASK(GICITS_CMD_F_OPCODE), 0,
			   FMASK(GICITS_CMD_F_RDBASE),
			   FMASK(GICITS_CMD_F_RDBASE2) };

	(void)state;
	memset(&c, 0xFF, sizeof(c));
	gicits_cmd_invall(&c, 0x4321);
	assert_int_equal(gicits_cmd_get(&c, GICITS_CMD_F_OPCODE),
			 GICITS_CMD_INVALL);
	assert_int_equal(gicits_cmd_get(&c, GICITS_CMD_F_ICID), 0x4321);
	only_fields(&c, mi);

	gicits_cmd_sync(&c, 0x123456789ULL);
	assert_int_equal(gicits_cmd_get(&c, GICITS_CMD_F_OPCODE),
			 GICITS_CMD_SYNC);
	assert_int_equal(gicits_cmd_get(&c, GICITS_CMD_F_RDBASE),
			 0x123456789ULL);
	only_fields(&c, ms);
	gicits_cmd_sync(&c, ~0ULL); /* masked to [50:16] */
	assert_int_equal(c.dw[2], 0x0007FFFFFFFF0000ULL);

	gicits_cmd_movall(&c, 3, 0x7FFFFFFFFULL);
	assert_int_equal(gicits_cmd_get(&c, GICITS_CMD_F_OPCODE),
			 GICITS_CMD_MOVALL);
	assert_int_equal(gicits_cmd_get(&c, GICITS_CMD_F_RDBASE), 3);
	assert_int_equal(gicits_cmd_get(&c, GICITS_CMD_F_RDBASE2),
			 0x7FFFFFFFFULL);
	only_fields(&c, mm);
	assert_int_equal(c.dw[3], 0x7FFFFFFFFULL << 16);
}

static void bytes_little_endian(void **state)
{
	struct gicits_cmd c, d;
	uint8_t b[GICITS_CMD_BYTES];
	unsigned i;

	(void)state;
	for (i = 0; i < 4; i++)
		c.dw[i] = 0x0706050403020100ULL + 0x0808080808080808ULL * i;
	gicits_cmd_to_bytes(&c, b);
	for (i = 0; i < GICITS_CMD_BYTES; i++)
		assert_int_equal(b[i], i);
	memset(&d, 0xFF, sizeof(d));
	gicits_cmd_from_bytes(&d, b);
	assert_memory_equal(&c, &d, sizeof(c));
	/* an encoded MAPTI: opcode in byte 0, DeviceID in bytes 4..7 */
	gicits_cmd_mapti(&c, 0x44332211u, 0x88776655u, 0xCCBBAA99u, 0xEEDD);
	gicits_cmd_to_bytes(&c, b);
	assert_int_equal(b[0], GICITS_CMD_MAPTI);
	assert_int_equal(b[1] | b[2] | b[3], 0);
	for (i = 0; i < 4; i++) {
		assert_int_equal(b[4 + i], 0x11 * (i + 1));
		assert_int_equal(b[8 + i], 0x55 + 0x11 * i);
		assert_int_equal(b[12 + i], 0x99 + 0x11 * i);
	}
	assert_int_equal(b[16], 0xDD);
	assert_int_equal(b[17], 0xEE);
	gicits_cmd_from_bytes(&d, b);
	assert_memory_equal(&c, &d, sizeof(c));
}

/* ---- what the ITS does with them ---------------------------------- */

/* MAPD + MAPC + MAPTI make an MSI deliver; INT makes it pending without
 * one; CLEAR takes it away; MOVI moves it; DISCARD unmaps it. */
static void encoded_commands_work(void **state)
{
	struct fx *f = fx_init();

	(void)state;
	fx_start(f);
	fx_mapd(f, 3, 4, FX_ITT(3), 1, 0);
	fx_mapc(f, 1, 2, 1, 0);
	fx_mapti(f, 3, 5, FX_LPI(40), 1, 0);
	fx_expect_msi(f, 3, 5, GICITS_DROP_NONE);
	assert_true(fx_pending(f, 2, FX_LPI(40)));
	fx_clear(f, 3, 5, 0);
	assert_false(fx_pending(f, 2, FX_LPI(40)));
	fx_int(f, 3, 5, 0);
	assert_true(fx_pending(f, 2, FX_LPI(40)));
	fx_clear(f, 3, 5, 0);
	/* MAPI: the EventID is the INTID */
	fx_mapd(f, 6, 13, FX_BIGITT, 1, 0); /* 2^14 events */
	fx_mapi(f, 6, FX_LPI(3), 1, 0);
	fx_expect_msi(f, 6, FX_LPI(3), GICITS_DROP_NONE);
	assert_true(fx_pending(f, 2, FX_LPI(3)));
	fx_clear(f, 6, FX_LPI(3), 0);
	assert_false(fx_pending(f, 2, FX_LPI(3)));
	/* MOVI to a collection on CPU 0 */
	fx_mapc(f, 2, 0, 1, 0);
	fx_movi(f, 3, 5, 2, 0);
	fx_expect_msi(f, 3, 5, GICITS_DROP_NONE);
	assert_true(fx_pending(f, 0, FX_LPI(40)));
	assert_false(fx_pending(f, 2, FX_LPI(40)));
	/* MOVALL 0 -> 3 moves the pending state */
	fx_movall(f, 0, 3, 0);
	assert_false(fx_pending(f, 0, FX_LPI(40)));
	assert_true(fx_pending(f, 3, FX_LPI(40)));
	fx_movall(f, 3, 0, 0); /* back where its collection points */
	assert_true(fx_pending(f, 0, FX_LPI(40)));
	fx_inv(f, 3, 5, 0);
	fx_invall(f, 2, 0);
	fx_sync(f, 3, 0);
	/* DISCARD: unmapped, pending cleared */
	fx_discard(f, 3, 5, 0);
	assert_false(fx_pending(f, 0, FX_LPI(40)));
	fx_expect_msi(f, 3, 5, GICITS_DROP_EVENT_UNMAPPED);
	/* MAPD V=0: the device is gone */
	fx_mapd(f, 3, 0, 0, 0, 0);
	fx_expect_msi(f, 3, 0, GICITS_DROP_DEVICE_UNMAPPED);
	/* MAPC V=0: the collection is gone */
	fx_mapc(f, 1, 0, 0, 0);
	fx_mapd(f, 4, 4, FX_ITT(4), 1, 0);
	fx_mapti(f, 4, 0, FX_LPI(41), 1, 0);
	fx_expect_msi(f, 4, 0, GICITS_DROP_COLLECTION_UNMAPPED);
	fx_fini(f);
}

/* The encoders' truncation is what the ITS judges: a too-wide Size is
 * seen as the truncated value. */
static void truncated_values_reach_the_its(void **state)
{
	struct fx *f = fx_init();

	(void)state;
	fx_start(f);
	fx_mapc(f, 0, 0, 1, 0);
	/* Size 0x23 is encoded as 3 (16 events): EventID 15 maps, 16 not */
	fx_mapd(f, 1, 0x23, FX_ITT(1), 1, 0);
	fx_mapti(f, 1, 15, FX_LPI(1), 0, 0);
	fx_mapti(f, 1, 16, FX_LPI(2), 0, GICITS_E_ITS_MAPTI_ID_OOR);
	fx_expect_msi(f, 1, 15, GICITS_DROP_NONE);
	fx_fini(f);
}

/* ---- GICv4 (IHI 0069H.b §5.3; spec/its.md §2.3, spec/gicv41.md §3) ---- */

static void vmapp_fields(void **state)
{
	struct gicits_cmd c;
	uint64_t m[4] = {
		FMASK(GICITS_CMD_F_OPCODE), FMASK(GICITS_CMD_F_VPEID),
		FMASK(GICITS_CMD_F_RDBASE) | FMASK(GICITS_CMD_F_VALID),
		FMASK(GICITS_CMD_F_VPT_SIZE) | FMASK(GICITS_CMD_F_VPT_ADDR)
	};

	(void)state;
	gicits_cmd_vmapp(&c, 0xBEEF, 0x7FFFFFFFFULL, 0x000F123456780000ULL, 15,
			 true);
	assert_int_equal(gicits_cmd_get(&c, GICITS_CMD_F_OPCODE), 0x29);
	assert_int_equal(gicits_cmd_get(&c, GICITS_CMD_F_VPEID), 0xBEEF);
	assert_int_equal(gicits_cmd_get(&c, GICITS_CMD_F_RDBASE),
			 0x7FFFFFFFFULL);
	assert_int_equal(gicits_cmd_get(&c, GICITS_CMD_F_VALID), 1);
	assert_int_equal(gicits_cmd_get(&c, GICITS_CMD_F_VPT_SIZE), 15);
	assert_int_equal(gicits_cmd_get(&c, GICITS_CMD_F_VPT_ADDR) << 16,
			 0x000F123456780000ULL);
	only_fields(&c, m);
	/* the oracle's VMAPP vpe=3 cpu=2 (VPT 0x5C000000, size 15) */
	gicits_cmd_vmapp(&c, 3, 2, 0x5C000000, 15, true);
	assert_int_equal(c.dw[0], 0x29);
	assert_int_equal(c.dw[1], 3ULL << 32);
	assert_int_equal(c.dw[2], 1ULL << 63 | 2ULL << 16);
	assert_int_equal(c.dw[3], 0x5C000000ULL | 15);
	/* too wide: VPT_size is 5 bits, VPT_addr [51:16] */
	gicits_cmd_vmapp(&c, 1, 0, ~0ULL, 0x25, false);
	assert_int_equal(gicits_cmd_get(&c, GICITS_CMD_F_VPT_SIZE), 5);
	assert_int_equal(c.dw[3] & ~0x1FULL, 0x000FFFFFFFFF0000ULL);
	assert_int_equal(gicits_cmd_get(&c, GICITS_CMD_F_VALID), 0);
	only_fields(&c, m);
}

static void vmapti_vmapi_fields(void **state)
{
	struct gicits_cmd c;
	uint64_t m[4] = {
		FMASK(GICITS_CMD_F_OPCODE) | FMASK(GICITS_CMD_F_DEVICEID),
		FMASK(GICITS_CMD_F_EVENTID) | FMASK(GICITS_CMD_F_VPEID),
		FMASK(GICITS_CMD_F_VINTID) | FMASK(GICITS_CMD_F_DB_PINTID), 0
	};

	(void)state;
	gicits_cmd_vmapti(&c, 0xFEDCBA98u, 0x87654321u, 0x1234, 0x9ABCDEF0u,
			  0x13579BDFu);
	assert_int_equal(gicits_cmd_get(&c, GICITS_CMD_F_OPCODE), 0x2A);
	assert_int_equal(gicits_cmd_get(&c, GICITS_CMD_F_DEVICEID),
			 0xFEDCBA98u);
	assert_int_equal(gicits_cmd_get(&c, GICITS_CMD_F_EVENTID), 0x87654321u);
	assert_int_equal(gicits_cmd_get(&c, GICITS_CMD_F_VPEID), 0x1234);
	assert_int_equal(gicits_cmd_get(&c, GICITS_CMD_F_VINTID), 0x9ABCDEF0u);
	assert_int_equal(gicits_cmd_get(&c, GICITS_CMD_F_DB_PINTID),
			 0x13579BDFu);
	only_fields(&c, m);
	/* the oracle's VMAPTI dev=1 event=2 vpe=3 vintid=8200 (db 1023) */
	gicits_cmd_vmapti(&c, 1, 2, 3, 8200, GICITS_CMD_NO_DOORBELL);
	assert_int_equal(c.dw[0], 0x2A | 1ULL << 32);
	assert_int_equal(c.dw[1], 2 | 3ULL << 32);
	assert_int_equal(c.dw[2], 8200 | 1023ULL << 32);
	assert_int_equal(c.dw[3], 0);
	gicits_cmd_vmapi(&c, 1, 8200, 3, 8192);
	assert_int_equal(c.dw[0], 0x2B | 1ULL << 32);
	assert_int_equal(c.dw[1], 8200 | 3ULL << 32);
	assert_int_equal(c.dw[2], 8192ULL << 32);
	assert_int_equal(c.dw[3], 0);
}

static void vmovi_vmovp_vpe_fields(void **state)
{
	struct gicits_cmd c;

	(void)state;
	/* VMOVI: D = DW2[0], Dbell_pINTID DW2[63:32] */
	gicits_cmd_vmovi(&c, 7, 9, 0xABCD, true, 8193);
	assert_int_equal(c.dw[0], 0x21 | 7ULL << 32);
	assert_int_equal(c.dw[1], 9 | 0xABCDULL << 32);
	assert_int_equal(c.dw[2], 1 | 8193ULL << 32);
	assert_int_equal(c.dw[3], 0);
	assert_int_equal(gicits_cmd_get(&c, GICITS_CMD_F_VMOVI_D), 1);
	gicits_cmd_vmovi(&c, 7, 9, 1, false, 8193);
	assert_int_equal(c.dw[2], 0); /* D = 0: the doorbell is not sent */
	/* VMOVP (single-ITS form): SequenceNumber and ITSList zero */
	gicits_cmd_vmovp(&c, 0x4321, 0x7FFFFFFFFULL);
	assert_int_equal(c.dw[0], 0x22);
	assert_int_equal(c.dw[1], 0x4321ULL << 32);
	assert_int_equal(c.dw[2], 0x7FFFFFFFFULL << 16);
	assert_int_equal(c.dw[3], 0);
	assert_int_equal(gicits_cmd_get(&c, GICITS_CMD_F_SEQNUM), 0);
	assert_int_equal(gicits_cmd_get(&c, GICITS_CMD_F_ITSLIST), 0);
	gicits_cmd_vsync(&c, 0xFFFF);
	assert_int_equal(c.dw[0], 0x25);
	assert_int_equal(c.dw[1], 0xFFFFULL << 32);
	assert_int_equal(c.dw[2] | c.dw[3], 0);
	gicits_cmd_vinvall(&c, 5);
	assert_int_equal(c.dw[0], 0x2D);
	assert_int_equal(c.dw[1], 5ULL << 32);
	gicits_cmd_vpe(&c, GICITS_CMD_INVDB, 6);
	assert_int_equal(c.dw[0], 0x2E);
	assert_int_equal(c.dw[1], 6ULL << 32);
}

/* The GICv4.1 layouts, as field definitions (spec/gicv41.md §3.1, 3.3,
 * 3.6): Arm's FVP-decoded VMAPP and the field positions of VMOVP and
 * VSGI. */
static void v41_fields(void **state)
{
	struct gicits_cmd c;

	(void)state;
	/* 0000000080090329 : 0000000000002000 : 8000000000000000 :
	 * 00000000800a000e = VMAPP, Alloc, PTZ, VCONF 0x80090000, default
	 * doorbell 8192, vPEID 0, V, RDbase 0, VPT_size 14, VPT 0x800a0000 */
	c.dw[0] = 0x0000000080090329ULL;
	c.dw[1] = 0x0000000000002000ULL;
	c.dw[2] = 0x8000000000000000ULL;
	c.dw[3] = 0x00000000800a000eULL;
	assert_int_equal(gicits_cmd_get(&c, GICITS_CMD_F_OPCODE),
			 GICITS_CMD_VMAPP);
	assert_int_equal(gicits_cmd_get(&c, GICITS_CMD_F_ALLOC), 1);
	assert_int_equal(gicits_cmd_get(&c, GICITS_CMD_F_PTZ), 1);
	assert_int_equal(gicits_cmd_get(&c, GICITS_CMD_F_VCONF_ADDR) << 16,
			 0x80090000ULL);
	assert_int_equal(gicits_cmd_get(&c, GICITS_CMD_F_VMAPP_DEFAULT_DB),
			 8192);
	assert_int_equal(gicits_cmd_get(&c, GICITS_CMD_F_VPEID), 0);
	assert_int_equal(gicits_cmd_get(&c, GICITS_CMD_F_VALID), 1);
	assert_int_equal(gicits_cmd_get(&c, GICITS_CMD_F_VPT_SIZE_41), 14);
	assert_int_equal(gicits_cmd_get(&c, GICITS_CMD_F_VPT_ADDR) << 16,
			 0x800a0000ULL);
	/* VMOVP 4.1: SequenceNumber DW0[47:32], ITSList DW1[15:0], DB
	 * DW2[63], default doorbell DW3[31:0] */
	gicits_cmd_clear(&c, GICITS_CMD_VMOVP);
	gicits_cmd_set(&c, GICITS_CMD_F_SEQNUM, 0x1234);
	gicits_cmd_set(&c, GICITS_CMD_F_ITSLIST, 0x8001);
	gicits_cmd_set(&c, GICITS_CMD_F_VMOVP_DB, 1);
	gicits_cmd_set(&c, GICITS_CMD_F_VMOVP_DEFAULT_DB, 8195);
	assert_int_equal(c.dw[0], 0x22 | 0x1234ULL << 32);
	assert_int_equal(c.dw[1], 0x8001);
	assert_int_equal(c.dw[2], 1ULL << 63);
	assert_int_equal(c.dw[3], 8195);
	/* VSGI: Enable [8], Clear [9], Group [10], Priority[7:4] at
	 * [23:20], vINTID [35:32] */
	gicits_cmd_clear(&c, GICITS_CMD_VSGI);
	gicits_cmd_set(&c, GICITS_CMD_F_VSGI_ENABLE, 1);
	gicits_cmd_set(&c, GICITS_CMD_F_VSGI_GROUP, 1);
	gicits_cmd_set(&c, GICITS_CMD_F_VSGI_PRIORITY, 0xA0 >> 4);
	gicits_cmd_set(&c, GICITS_CMD_F_VSGI_VINTID, 15);
	gicits_cmd_set(&c, GICITS_CMD_F_VPEID, 2);
	assert_int_equal(c.dw[0],
			 0x23 | 1 << 8 | 1 << 10 | 0xAULL << 20 | 0xFULL << 32);
	assert_int_equal(c.dw[1], 2ULL << 32);
	gicits_cmd_set(&c, GICITS_CMD_F_VSGI_CLEAR, 1);
	assert_int_equal(c.dw[0] >> 9 & 1, 1);
	/* opcodes (spec/its.md §2.2) */
	assert_int_equal(GICITS_CMD_VMOVI, 0x21);
	assert_int_equal(GICITS_CMD_VMOVP, 0x22);
	assert_int_equal(GICITS_CMD_VSGI, 0x23);
	assert_int_equal(GICITS_CMD_VSYNC, 0x25);
	assert_int_equal(GICITS_CMD_VMAPP, 0x29);
	assert_int_equal(GICITS_CMD_VMAPTI, 0x2A);
	assert_int_equal(GICITS_CMD_VMAPI, 0x2B);
	assert_int_equal(GICITS_CMD_VINVALL, 0x2D);
	assert_int_equal(GICITS_CMD_INVDB, 0x2E);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(mask_and_get),
		cmocka_unit_test(mapd_fields),
		cmocka_unit_test(mapc_fields),
		cmocka_unit_test(mapti_mapi_movi_fields),
		cmocka_unit_test(event_fields),
		cmocka_unit_test(collection_and_rd_fields),
		cmocka_unit_test(bytes_little_endian),
		cmocka_unit_test(encoded_commands_work),
		cmocka_unit_test(truncated_values_reach_the_its),
		cmocka_unit_test(vmapp_fields),
		cmocka_unit_test(vmapti_vmapi_fields),
		cmocka_unit_test(vmovi_vmovp_vpe_fields),
		cmocka_unit_test(v41_fields),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
