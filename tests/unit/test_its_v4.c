/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * GICv4.0 in the ITS (issue 13, the foundation): the gic knob and what it
 * advertises (GITS_TYPER, GITS_BASER2, PIDR2); each V* command's effect and
 * each of its error codes (written as numbers, so that a changed value in
 * error.h fails here); vLPI delivery into the virtual pending table by
 * MSIs (single, burst, GITS_TRANSLATER) and INT, with the individual
 * doorbell made pending on the vPE's redistributor; CLEAR, DISCARD, INV
 * and MOVI on virtual ITEs; isolation (a device's MSIs set bits only in
 * the VPTs its own ITT maps to); the drain of the virtual path (an MSI
 * parked before or in its VPT write holds back DISCARD, VMOVI, VMAPP
 * V = 0, VMOVP and VSYNC; each drain's removal fails it); the translation
 * index on, off and checked; a flat and a two-level vPE table; an ITS over an
 * LPI sink; GICv3 refusing the V* numbers; snapshots refusing v4 state;
 * a VPT that faults; UMSI for an unmapped vPE; the trace of a vLPI; no VPT
 * bit lost to concurrent MSIs (docs/concurrency.md L7; a race test, so it
 * catches a missing lock often, not always).
 */
#define _POSIX_C_SOURCE 200809L

#include "harness.h"
#include "sys.h"

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gicits/cmd.h"
#include "gicits/error.h"
#include "gicits/its.h"
#include "gicits/rdist.h"
#include "gicits/snapshot.h"

/* Guest memory (ts_desc_default()'s RAM is 8 MB at 0x40000000; the
 * defaults use up to RAM + 4 MB + one queue page). */
#define RAM 0x40000000ULL
#define ITT(d) (RAM + 0x480000ULL + (uint64_t)(d)*0x40000) /* d < 3 */
#define VT (RAM + 0x5F0000ULL) /* vPE table: one 4 KB page, 512 vPEs */
#define VT_L2 (RAM + 0x5F8000ULL) /* level-2 page (two-level test) */
#define VPT(n) (RAM + 0x600000ULL + (uint64_t)(n)*0x10000) /* n < 16 */
#define NVPE 512 /* entries of the flat vPE table */
#define DEVBITS 14 /* EventID bits of devices 1 and 2 */
#define NO_DB GICITS_CMD_NO_DOORBELL

struct v4 {
	struct ts_sys s;
};

static struct v4 *v4_new_with(struct ts_desc *d, bool two_level)
{
	struct v4 *v = calloc(1, sizeof(*v));
	uint64_t baser2 = TS_VALID | VT;

	assert_non_null(v);
	d->no_enable = true;
	assert_int_equal(ts_sys_create(&v->s, d), GICITS_OK);
	if (two_level) {
		/* level-1 entry 0 -> VT_L2 (vPEIDs 0..511), entry 1 invalid */
		ts_poke64(&v->s, VT, TS_VALID | VT_L2);
		baser2 |= TS_INDIRECT;
	}
	assert_int_equal(gicits_its_mmio_write(v->s.its, GICITS_GITS_BASER(2),
					       8, baser2, 0),
			 GICITS_OK);
	assert_int_equal(
		gicits_its_mmio_write(v->s.its, GICITS_GITS_CTLR, 4, 1, 0),
		GICITS_OK);
	return v;
}

static struct v4 *v4_new_mode(enum gicits_cache_mode cache)
{
	struct ts_desc d;

	ts_desc_default(&d);
	d.its.gic = GICITS_GIC_V4_0;
	d.its.cache = cache;
	return v4_new_with(&d, false);
}

static struct v4 *v4_new(void)
{
	return v4_new_mode(GICITS_CACHE_ON);
}

static void v4_free(struct v4 *v)
{
	ts_sys_destroy(&v->s);
	free(v);
}

static struct gicits_its_status st(struct v4 *v)
{
	struct gicits_its_status s;

	assert_int_equal(gicits_its_status(v->s.its, &s), GICITS_OK);
	return s;
}

/* Run @c; it must succeed (no new command error). */
static void ok(struct v4 *v, const struct gicits_cmd *c)
{
	uint64_t e = st(v).errors;

	assert_int_equal(ts_cmd(&v->s, c), GICITS_OK);
	assert_int_equal(st(v).errors, e);
	assert_false(st(v).stalled);
}

/* Run @c; it must fail with @code (and the queue move on: skip policy). */
static void err(struct v4 *v, const struct gicits_cmd *c, uint32_t code)
{
	struct gicits_its_status s0 = st(v), s1;

	assert_int_equal(ts_cmd(&v->s, c), GICITS_OK);
	s1 = st(v);
	assert_int_equal(s1.errors, s0.errors + 1);
	assert_int_equal(s1.last_error, code);
	assert_int_equal(s1.commands, s0.commands + 1);
}

static void vmapp(struct v4 *v, uint16_t vpe, uint64_t cpu, unsigned size,
		  bool valid)
{
	struct gicits_cmd c;

	gicits_cmd_vmapp(&c, vpe, cpu, valid ? VPT(vpe) : 0, size, valid);
	ok(v, &c);
}

static void mapd(struct v4 *v, uint32_t dev, unsigned bits)
{
	struct gicits_cmd c;

	gicits_cmd_mapd(&c, dev, bits - 1, ITT(dev), true);
	ok(v, &c);
}

static void vmapti(struct v4 *v, uint32_t dev, uint32_t ev, uint16_t vpe,
		   uint32_t vintid, uint32_t db)
{
	struct gicits_cmd c;

	gicits_cmd_vmapti(&c, dev, ev, vpe, vintid, db);
	ok(v, &c);
}

/* The VPT bit of @vintid in vPE @vpe's table (VPT(@vpe)). */
static bool vbit(struct v4 *v, unsigned vpe, uint32_t vintid)
{
	uint8_t *p = ts_host(&v->s, VPT(vpe) + vintid / 8, 1);

	assert_non_null(p);
	return *p >> (vintid % 8) & 1;
}

/* How many VPT bits are set in vPE @vpe's table (vINTIDs < 2^16). */
static unsigned vcount(struct v4 *v, unsigned vpe)
{
	uint8_t *p = ts_host(&v->s, VPT(vpe), 8192);
	unsigned n = 0, i;

	for (i = 0; i < 8192; i++)
		n += (unsigned)__builtin_popcount(p[i]);
	return n;
}

static bool pend(struct v4 *v, unsigned cpu, uint32_t intid)
{
	return gicits_rdist_is_pending(v->s.gic, cpu, intid) == 1;
}

static long npend_all(struct v4 *v)
{
	long n = 0;

	for (unsigned cpu = 0; cpu < 4; cpu++)
		n += ts_npending(&v->s, cpu);
	return n;
}

static uint64_t rd64(struct v4 *v, uint32_t off)
{
	uint64_t x = 0;

	assert_int_equal(gicits_its_mmio_read(v->s.its, off, 8, &x), GICITS_OK);
	return x;
}

/* ---- the knob and identification ------------------------------------- */

static void knob_defaults_and_refusals(void **state)
{
	struct gicits_its_config cfg;
	struct ts_sys s;
	struct ts_desc d;
	struct gicits_its *its = NULL;

	(void)state;
	gicits_its_config_default(&cfg);
	assert_int_equal(cfg.gic, GICITS_GIC_V3);
	assert_int_equal(GICITS_GIC_V3, 0);
	ts_desc_default(&d);
	d.no_its = true;
	assert_int_equal(ts_sys_create(&s, &d), GICITS_OK);
	/* a GICv4.1 ITS needs a GICv4.1 gic (this one is GICv3) */
	cfg.gic = GICITS_GIC_V4_1;
	assert_int_equal(gicits_its_create(&cfg, s.gic, &s.mem, &its),
			 GICITS_EINVAL);
	cfg.gic = (enum gicits_gic_version)3;
	assert_int_equal(gicits_its_create(&cfg, s.gic, &s.mem, &its),
			 GICITS_EINVAL);
	/* a virtual ITE needs the word at byte 8 */
	cfg.gic = GICITS_GIC_V4_0;
	cfg.ite_size = 8;
	assert_int_equal(gicits_its_create(&cfg, s.gic, &s.mem, &its),
			 GICITS_EINVAL);
	/* a GICv4.0 ITS needs a GICv4.0 gic (residency lives there) */
	cfg.ite_size = 16;
	assert_int_equal(gicits_its_create(&cfg, s.gic, &s.mem, &its),
			 GICITS_EINVAL);
	ts_sys_destroy(&s);
	d.gic.version = GICITS_GIC_V4_0;
	assert_int_equal(ts_sys_create(&s, &d), GICITS_OK);
	assert_int_equal(gicits_its_create(&cfg, s.gic, &s.mem, &its),
			 GICITS_OK);
	gicits_its_destroy(its);
	its = NULL;
	/* a caller built before the knob (size stops short of it) gets
	 * GICv3, whatever lies beyond its size */
	gicits_its_config_default(&cfg);
	cfg.gic = GICITS_GIC_V4_0;
	cfg.size = (uint32_t)offsetof(struct gicits_its_config, gic);
	assert_int_equal(gicits_its_create(&cfg, s.gic, &s.mem, &its),
			 GICITS_OK);
	{
		uint64_t typer = 0;

		assert_int_equal(
			gicits_its_mmio_read(its, GICITS_GITS_TYPER, 8, &typer),
			GICITS_OK);
		assert_int_equal(typer >> 1 & 1, 0);
	}
	gicits_its_destroy(its);
	ts_sys_destroy(&s);
}

/* GITS_TYPER, GITS_BASER2 and PIDR2 with GICv3 and GICv4.0 (values as QEMU
 * 7.2 gives them: oracle README, "Register values with gic=4"). */
static void registers(void **state)
{
	struct ts_desc d;
	struct ts_sys s;
	uint64_t x = 0;
	struct v4 *v;

	(void)state;
	ts_desc_default(&d);
	assert_int_equal(ts_sys_create(&s, &d), GICITS_OK);
	gicits_its_mmio_read(s.its, GICITS_GITS_TYPER, 8, &x);
	assert_int_equal(x, 0x0000001f0001efb1ULL); /* QEMU's GICv3 value */
	gicits_its_mmio_read(s.its, GICITS_GITS_BASER(2), 8, &x);
	assert_int_equal(x, 0);
	/* unimplemented: RES0, WI */
	gicits_its_mmio_write(s.its, GICITS_GITS_CTLR, 4, 0, 0);
	gicits_its_mmio_write(s.its, GICITS_GITS_BASER(2), 8, TS_VALID | VT, 0);
	gicits_its_mmio_read(s.its, GICITS_GITS_BASER(2), 8, &x);
	assert_int_equal(x, 0);
	gicits_its_mmio_read(s.its, GICITS_GITS_PIDR2, 4, &x);
	assert_int_equal(x, 0x3b);
	ts_sys_destroy(&s);

	v = v4_new();
	/* Virtual, VMOVP; VSGI, VMAPP, SVPET, nID 0 (GICv4.0) */
	x = rd64(v, GICITS_GITS_TYPER);
	assert_int_equal(x, 0x0000003f0001efb3ULL);
	assert_int_equal(x >> 1 & 1, 1);
	assert_int_equal(x >> 37 & 1, 1);
	assert_int_equal(x >> 39 & 0x1F, 0);
	/* Type 2 (vPE), Entry_Size 8; as written */
	x = rd64(v, GICITS_GITS_BASER(2));
	assert_int_equal(x, 0x8207000000000000ULL | VT);
	/* Type and Entry_Size are read-only */
	gicits_its_mmio_write(v->s.its, GICITS_GITS_CTLR, 4, 0, 0);
	gicits_its_mmio_write(v->s.its, GICITS_GITS_BASER(2), 8,
			      TS_VALID | 7ULL << 56 | 0x1FULL << 48 | VT | 3,
			      0);
	assert_int_equal(rd64(v, GICITS_GITS_BASER(2)),
			 0x8207000000000000ULL | VT | 3);
	/* BASER3..7 stay unimplemented */
	gicits_its_mmio_write(v->s.its, GICITS_GITS_BASER(3), 8, TS_VALID | VT,
			      0);
	assert_int_equal(rd64(v, GICITS_GITS_BASER(3)), 0);
	gicits_its_mmio_read(v->s.its, GICITS_GITS_PIDR2, 4, &x);
	assert_int_equal(x, 0x4b);
	v4_free(v);
}

/* ---- GICv3 and unknown numbers ---------------------------------------- */

static void gicv3_rejects_v_commands(void **state)
{
	static const uint8_t ops[] = { 0x21, 0x22, 0x23, 0x25, 0x29,
				       0x2A, 0x2B, 0x2D, 0x2E };
	struct ts_desc d;
	struct v4 *v;
	struct gicits_cmd c;
	unsigned i;

	(void)state;
	ts_desc_default(&d);
	v = v4_new_with(&d, false); /* GICv3: BASER2 write ignored */
	for (i = 0; i < sizeof(ops); i++) {
		gicits_cmd_vpe(&c, ops[i], 1);
		err(v, &c, 0x0100FF); /* E_ITS_UNKNOWN_COMMAND */
	}
	v4_free(v);
	/* GICv4.0: VSGI and INVDB are GICv4.1's (QEMU 7.2 skips them) */
	v = v4_new();
	gicits_cmd_vpe(&c, GICITS_CMD_VSGI, 1);
	err(v, &c, 0x0100FF);
	gicits_cmd_vpe(&c, GICITS_CMD_INVDB, 1);
	err(v, &c, 0x0100FF);
	v4_free(v);
}

/* ---- VMAPP ------------------------------------------------------------ */

static void vmapp_map_unmap_and_errors(void **state)
{
	struct v4 *v = v4_new();
	struct gicits_cmd c;

	(void)state;
	vmapp(v, 3, 2, 15, true);
	/* the entry in guest memory (<gicits/its.h>): Valid, VPT_size,
	 * VPT_addr[51:16], processor number */
	assert_int_equal(ts_peek64(&v->s, VT + 3 * 8),
			 1ULL << 63 | 15ULL << 58 | VPT(3) | 2);
	/* remapping replaces the entry */
	vmapp(v, 3, 1, 14, true);
	assert_int_equal(ts_peek64(&v->s, VT + 3 * 8),
			 1ULL << 63 | 14ULL << 58 | VPT(3) | 1);
	/* V = 0 */
	vmapp(v, 3, 0, 0, false);
	assert_int_equal(ts_peek64(&v->s, VT + 3 * 8), 0);
	/* unmapping a vPE never mapped is accepted (QEMU) */
	vmapp(v, 4, 0, 0, false);
	/* vPEID beyond the vPE table */
	gicits_cmd_vmapp(&c, NVPE, 0, VPT(0), 15, true);
	err(v, &c, 0x01290A); /* E_ITS_VMAPP_VPEID_OOR */
	gicits_cmd_vmapp(&c, 0xFFFF, 0, 0, 0, false);
	err(v, &c, 0x01290A);
	/* VPT_size + 1 beyond the INTID width (16 bits here), also V = 0 */
	gicits_cmd_vmapp(&c, 5, 0, VPT(5), 16, true);
	err(v, &c, 0x01290D); /* E_ITS_VMAPP_VPTSIZE_OOR */
	gicits_cmd_vmapp(&c, 5, 0, 0, 16, false);
	err(v, &c, 0x01290D);
	/* RDbase names no redistributor (4 CPUs) */
	gicits_cmd_vmapp(&c, 5, 4, VPT(5), 15, true);
	err(v, &c, 0x012902); /* E_ITS_VMAPP_PROCNUM_OOR */
	assert_int_equal(ts_peek64(&v->s, VT + 5 * 8), 0);
	assert_string_equal(gicits_strerror(0x012902),
			    "E_ITS_VMAPP_PROCNUM_OOR");
	{
		/* every V* code has its name */
		static const int codes[] = {
			0x012101, 0x012104, 0x012105, 0x012106, 0x012107,
			0x01210A, 0x01210B, 0x01210C, 0x012202, 0x01220A,
			0x01220B, 0x012902, 0x01290A, 0x01290D, 0x012A01,
			0x012A04, 0x012A05, 0x012A06, 0x012A0A, 0x012A0C,
			0x012B01, 0x012B04, 0x012B05, 0x012B06, 0x012B0A,
			0x012B0C, 0x012D0A, 0x012D0B,
		};
		unsigned i;

		for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++)
			assert_int_equal(strncmp(gicits_strerror(codes[i]),
						 "E_ITS_V", 7),
					 0);
		assert_string_equal(gicits_strerror(0x012A0C),
				    "E_ITS_VMAPTI_VIRTUALID_OOR");
	}
	v4_free(v);
}

/* ---- VMAPTI / VMAPI --------------------------------------------------- */

static void vmapti_vmapi_and_errors(void **state)
{
	struct v4 *v = v4_new();
	struct gicits_cmd c;
	uint8_t *ite;
	int mapi;

	(void)state;
	mapd(v, 1, DEVBITS);
	vmapti(v, 1, 5, 3, 8200, 8300);
	/* the ITE (<gicits/its.h>): vINTID [47:16], vPEID [15:0]; word at
	 * byte 8: [31] Virtual, [23:0] doorbell */
	ite = ts_host(&v->s, ITT(1) + 5 * 12, 12);
	assert_int_equal(ts_peek64(&v->s, ITT(1) + 5 * 12), 8200ULL << 16 | 3);
	assert_int_equal(ite[8] | ite[9] << 8 | ite[10] << 16 |
				 (uint32_t)ite[11] << 24,
			 1u << 31 | 8300);
	/* the vPE need not be mapped (vPE 3 is not) */
	gicits_cmd_vmapi(&c, 1, 9000, 7, NO_DB);
	ok(v, &c);
	assert_int_equal(ts_peek64(&v->s, ITT(1) + 9000 * 12),
			 9000ULL << 16 | 7);
	for (mapi = 0; mapi < 2; mapi++) {
		uint32_t base = mapi ? 0x012B00 : 0x012A00;
#define VMAP(dev, ev, vpe, vintid, db)                   \
	(mapi ? gicits_cmd_vmapi(&c, dev, ev, vpe, db) : \
		gicits_cmd_vmapti(&c, dev, ev, vpe, vintid, db))

		VMAP(0x10000, 8200, 1, 8200, NO_DB); /* >= 2^Devbits */
		err(v, &c, base | 0x01); /* DEVICE_OOR */
		VMAP(600, 8200, 1, 8200, NO_DB); /* beyond the table */
		err(v, &c, base | 0x01);
		VMAP(2, 8200, 1, 8200, NO_DB);
		err(v, &c, base | 0x04); /* UNMAPPED_DEVICE */
		VMAP(1, 1u << DEVBITS, 1, 8200, NO_DB);
		err(v, &c, base | 0x05); /* ID_OOR */
		/* vINTID not an LPI (VMAPI: the EventID) */
		VMAP(1, 100, 1, 100, NO_DB);
		err(v, &c, base | 0x0C); /* VIRTUALID_OOR */
		if (!mapi) {
			VMAP(1, 100, 1, 1u << 16, NO_DB);
			err(v, &c, base | 0x0C);
		}
		/* doorbell neither 1023 nor an LPI */
		VMAP(1, 8200, 1, 8200, 1022);
		err(v, &c, base | 0x06); /* PHYSICALID_OOR */
		VMAP(1, 8200, 1, 8200, 1u << 16);
		err(v, &c, base | 0x06);
		/* vPEID beyond the vPE table */
		VMAP(1, 8200, NVPE, 8200, NO_DB);
		err(v, &c, base | 0x0A); /* VPEID_OOR */
#undef VMAP
	}
	/* nothing written by the failures */
	assert_int_equal(ts_peek64(&v->s, ITT(1) + 100 * 12), 0);
	assert_int_equal(ts_peek64(&v->s, ITT(1) + 8200 * 12), 0);
	v4_free(v);
}

/* ---- delivery ----------------------------------------------------------- */

/* MSIs (single, burst, GITS_TRANSLATER) and INT set the VPT bit and ring
 * the doorbell on the vPE's redistributor, every time (QEMU 7.2). */
static void delivery_mode(enum gicits_cache_mode mode)
{
	struct v4 *v = v4_new_mode(mode);
	struct gicits_msi m[3] = { { 1, 5 }, { 1, 0 }, { 1, 6 } };
	struct gicits_cmd c;
	int res[3];

	vmapp(v, 1, 2, 15, true);
	mapd(v, 1, DEVBITS);
	vmapti(v, 1, 5, 1, 8200, 8300);
	vmapti(v, 1, 6, 1, 8201, NO_DB);
	/* a physical event beside them, on the index's fast path */
	gicits_cmd_mapc(&c, 0, 3, true);
	ok(v, &c);
	gicits_cmd_mapti(&c, 1, 0, 8400, 0);
	ok(v, &c);

	assert_int_equal(gicits_its_msi(v->s.its, 1, 5), GICITS_DROP_NONE);
	assert_true(vbit(v, 1, 8200));
	assert_int_equal(vcount(v, 1), 1);
	assert_true(pend(v, 2, 8300)); /* the doorbell, physical, on RD 2 */
	assert_int_equal(npend_all(v), 1);
	/* doorbell 1023: none */
	assert_int_equal(gicits_its_msi(v->s.its, 1, 6), GICITS_DROP_NONE);
	assert_true(vbit(v, 1, 8201));
	assert_int_equal(npend_all(v), 1);
	/* rung again although the vLPI is already pending */
	assert_int_equal(ts_drain(&v->s, 2), 1);
	assert_int_equal(gicits_its_msi(v->s.its, 1, 5), GICITS_DROP_NONE);
	assert_true(pend(v, 2, 8300));
	ts_drain(&v->s, 2);
	/* a burst mixing physical and virtual events */
	memset(ts_host(&v->s, VPT(1), 8192), 0, 8192);
	assert_int_equal(gicits_its_msi_burst(v->s.its, m, 3, res), 3);
	assert_true(vbit(v, 1, 8200) && vbit(v, 1, 8201));
	assert_true(pend(v, 3, 8400) && pend(v, 2, 8300));
	ts_drain(&v->s, 2);
	ts_drain(&v->s, 3);
	/* GITS_TRANSLATER, then INT */
	memset(ts_host(&v->s, VPT(1), 8192), 0, 8192);
	assert_int_equal(gicits_its_mmio_write(v->s.its, GICITS_GITS_TRANSLATER,
					       4, 6, 1),
			 GICITS_OK);
	assert_true(vbit(v, 1, 8201));
	gicits_cmd_int(&c, 1, 5);
	ok(v, &c);
	assert_true(vbit(v, 1, 8200));
	assert_true(pend(v, 2, 8300));
	assert_int_equal(vcount(v, 1), 2);
	assert_int_equal(st(v).findings, 0);
	v4_free(v);
}

static void delivery(void **state)
{
	(void)state;
	delivery_mode(GICITS_CACHE_ON);
	delivery_mode(GICITS_CACHE_OFF);
	delivery_mode(GICITS_CACHE_CHECK);
}

/*
 * The index caches vPE table entries as VMAPP/VMOVP wrote them (IHI 0069
 * lets an ITS cache them; software changes them only by command): a guest
 * that rewrites an entry behind the ITS is not followed with cache=on and
 * is reported with cache=check; VMOVP (and VMAPP) refresh the copy.
 */
static void vpe_entry_cached(enum gicits_cache_mode mode)
{
	struct v4 *v = v4_new_mode(mode);
	struct gicits_cmd c;
	uint64_t e;

	vmapp(v, 1, 2, 15, true);
	mapd(v, 1, DEVBITS);
	vmapti(v, 1, 5, 1, 8200, 8300);
	/* behind the ITS: vPE 1's entry now says "not valid" */
	memcpy(&e, ts_host(&v->s, VT + 8, 8), 8);
	memset(ts_host(&v->s, VT + 8, 8), 0, 8);
	assert_int_equal(gicits_its_msi(v->s.its, 1, 5),
			 mode == GICITS_CACHE_OFF ? GICITS_DROP_VPE_UNMAPPED :
						    GICITS_DROP_NONE);
	if (mode == GICITS_CACHE_CHECK)
		assert_true(st(v).findings > 0);
	else
		assert_int_equal(st(v).findings, 0);
	memcpy(ts_host(&v->s, VT + 8, 8), &e, 8);
	/* VMOVP: the new redistributor is used at once (copy refreshed) */
	ts_drain(&v->s, 2);
	gicits_cmd_vmovp(&c, 1, 3);
	ok(v, &c);
	memset(ts_host(&v->s, VPT(1), 8192), 0, 8192);
	assert_int_equal(gicits_its_msi(v->s.its, 1, 5), GICITS_DROP_NONE);
	assert_true(vbit(v, 1, 8200));
	assert_true(pend(v, 3, 8300));
	/* VMAPP V = 0: the copy says unmapped too */
	gicits_cmd_vmapp(&c, 1, 0, 0, 0, false);
	ok(v, &c);
	assert_int_equal(gicits_its_msi(v->s.its, 1, 5),
			 GICITS_DROP_VPE_UNMAPPED);
	v4_free(v);
}

static void vpe_entry_cache(void **state)
{
	(void)state;
	vpe_entry_cached(GICITS_CACHE_ON);
	vpe_entry_cached(GICITS_CACHE_OFF);
	vpe_entry_cached(GICITS_CACHE_CHECK);
}

/* What an MSI on a virtual ITE cannot deliver is dropped. */
static void delivery_drops(void **state)
{
	struct v4 *v = v4_new();
	struct gicits_cmd c;

	(void)state;
	mapd(v, 1, DEVBITS);
	vmapti(v, 1, 5, 1, 8200, 8300); /* vPE 1 not mapped */
	assert_int_equal(gicits_its_msi(v->s.its, 1, 5),
			 GICITS_DROP_VPE_UNMAPPED);
	gicits_cmd_int(&c, 1, 5);
	err(v, &c, 0x010307); /* E_ITS_INT_UNMAPPED_INTERRUPT */
	/* vINTID 8200 beyond VPT_size 12 (vINTIDs < 8192) */
	vmapp(v, 1, 2, 12, true);
	assert_int_equal(gicits_its_msi(v->s.its, 1, 5), GICITS_DROP_INTID_OOR);
	err(v, &c, 0x010307);
	assert_int_equal(vcount(v, 1), 0);
	assert_int_equal(npend_all(v), 0);
	/* the doorbell's redistributor refuses (EnableLPIs 0): the vLPI is
	 * pending all the same, only the doorbell is lost */
	vmapp(v, 1, 2, 15, true);
	assert_int_equal(
		gicits_rdist_write(v->s.gic, 2, 0 /* GICR_CTLR */, 4, 0),
		GICITS_OK);
	assert_int_equal(gicits_its_msi(v->s.its, 1, 5), GICITS_DROP_NONE);
	assert_true(vbit(v, 1, 8200));
	assert_int_equal(npend_all(v), 0);
	v4_free(v);
}

/* ---- CLEAR, DISCARD, INV, MOVI on virtual ITEs ----------------------- */

static void event_commands_on_virtual_ites(void **state)
{
	struct v4 *v = v4_new();
	struct gicits_cmd c;

	(void)state;
	vmapp(v, 1, 2, 15, true);
	mapd(v, 1, DEVBITS);
	vmapti(v, 1, 5, 1, 8200, NO_DB);
	vmapti(v, 1, 6, 1, 8201, NO_DB);
	gicits_its_msi(v->s.its, 1, 5);
	gicits_its_msi(v->s.its, 1, 6);
	assert_int_equal(vcount(v, 1), 2);
	/* CLEAR: the vLPI's bit only */
	gicits_cmd_clear_event(&c, 1, 5);
	ok(v, &c);
	assert_false(vbit(v, 1, 8200));
	assert_true(vbit(v, 1, 8201));
	/* INV: nothing cached without residency; accepted */
	gicits_cmd_inv(&c, 1, 6);
	ok(v, &c);
	/* MOVI on a virtual ITE */
	gicits_cmd_movi(&c, 1, 6, 0);
	err(v, &c, 0x010107); /* E_ITS_MOVI_UNMAPPED_INTERRUPT */
	/* DISCARD: clears and unmaps */
	gicits_cmd_discard(&c, 1, 6);
	ok(v, &c);
	assert_false(vbit(v, 1, 8201));
	assert_int_equal(gicits_its_msi(v->s.its, 1, 6),
			 GICITS_DROP_EVENT_UNMAPPED);
	assert_int_equal(vcount(v, 1), 0);
	/* with the vPE unmapped: nothing (the translation fails first) */
	vmapp(v, 1, 0, 0, false);
	gicits_cmd_discard(&c, 1, 5);
	err(v, &c, 0x010F07); /* E_ITS_DISCARD_UNMAPPED_INTERRUPT */
	gicits_cmd_clear_event(&c, 1, 5);
	err(v, &c, 0x010507);
	gicits_cmd_inv(&c, 1, 5);
	err(v, &c, 0x010C07);
	v4_free(v);
}

/* ---- VMOVI ------------------------------------------------------------- */

static void vmovi_moves_and_errors(void **state)
{
	struct v4 *v = v4_new();
	struct gicits_cmd c;

	(void)state;
	vmapp(v, 1, 2, 15, true);
	vmapp(v, 2, 3, 15, true);
	vmapp(v, 3, 3, 12, true); /* vINTIDs < 8192 only */
	mapd(v, 1, DEVBITS);
	vmapti(v, 1, 5, 1, 8200, 8300);
	gicits_its_msi(v->s.its, 1, 5);
	ts_drain(&v->s, 2);
	/* D = 1: the pending bit moves, the new doorbell rings on the new
	 * vPE's redistributor */
	gicits_cmd_vmovi(&c, 1, 5, 2, true, 8301);
	ok(v, &c);
	assert_false(vbit(v, 1, 8200));
	assert_true(vbit(v, 2, 8200));
	assert_true(pend(v, 3, 8301));
	assert_int_equal(npend_all(v), 1);
	ts_drain(&v->s, 3);
	/* later MSIs go to the new vPE, with the new doorbell */
	memset(ts_host(&v->s, VPT(2), 8192), 0, 8192);
	gicits_its_msi(v->s.its, 1, 5);
	assert_true(vbit(v, 2, 8200));
	assert_false(vbit(v, 1, 8200));
	assert_true(pend(v, 3, 8301));
	ts_drain(&v->s, 3);
	/* D = 0 keeps the doorbell; nothing pending: nothing rings */
	memset(ts_host(&v->s, VPT(2), 8192), 0, 8192);
	gicits_cmd_vmovi(&c, 1, 5, 1, false, 0);
	ok(v, &c);
	assert_int_equal(npend_all(v), 0);
	gicits_its_msi(v->s.its, 1, 5);
	assert_true(vbit(v, 1, 8200));
	assert_true(pend(v, 2, 8301));

	gicits_cmd_vmovi(&c, 1, 5, 2, true, 1022);
	err(v, &c, 0x012106); /* PHYSICALID_OOR */
	gicits_cmd_vmovi(&c, 0x10000, 5, 2, false, 0);
	err(v, &c, 0x012101); /* DEVICE_OOR */
	gicits_cmd_vmovi(&c, 2, 5, 2, false, 0);
	err(v, &c, 0x012104); /* UNMAPPED_DEVICE */
	gicits_cmd_vmovi(&c, 1, 1u << DEVBITS, 2, false, 0);
	err(v, &c, 0x012105); /* ID_OOR */
	gicits_cmd_vmovi(&c, 1, 7, 2, false, 0);
	err(v, &c, 0x012107); /* UNMAPPED_INTERRUPT: no ITE */
	gicits_cmd_mapti(&c, 1, 8, 8400, 0);
	ok(v, &c);
	gicits_cmd_vmovi(&c, 1, 8, 2, false, 0);
	err(v, &c, 0x012107); /* a physical ITE */
	gicits_cmd_vmovi(&c, 1, 5, NVPE, false, 0);
	err(v, &c, 0x01210A); /* VPEID_OOR */
	gicits_cmd_vmovi(&c, 1, 5, 9, false, 0);
	err(v, &c, 0x01210B); /* UNMAPPED_VPE: the new one */
	gicits_cmd_vmovi(&c, 1, 5, 3, false, 0);
	err(v, &c, 0x01210C); /* VIRTUALID_OOR: beyond vPE 3's VPT_size */
	vmapp(v, 1, 0, 0, false);
	gicits_cmd_vmovi(&c, 1, 5, 2, false, 0);
	err(v, &c, 0x01210B); /* UNMAPPED_VPE: the old one */
	/* the ITE is untouched by the failures */
	assert_int_equal(ts_peek64(&v->s, ITT(1) + 5 * 12), 8200ULL << 16 | 1);
	v4_free(v);
}

/* ---- VMOVP, VSYNC, VINVALL --------------------------------------------- */

static void vmovp_vsync_vinvall(void **state)
{
	struct v4 *v = v4_new();
	struct gicits_cmd c;

	(void)state;
	vmapp(v, 1, 2, 15, true);
	mapd(v, 1, DEVBITS);
	vmapti(v, 1, 5, 1, 8200, 8300);
	gicits_cmd_vmovp(&c, 1, 0);
	ok(v, &c);
	assert_int_equal(ts_peek64(&v->s, VT + 8),
			 1ULL << 63 | 15ULL << 58 | VPT(1) | 0);
	gicits_its_msi(v->s.its, 1, 5);
	assert_true(pend(v, 0, 8300)); /* the doorbell follows the vPE */
	assert_false(pend(v, 2, 8300));
	assert_true(vbit(v, 1, 8200)); /* the VPT is the vPE's */
	gicits_cmd_vmovp(&c, NVPE, 0);
	err(v, &c, 0x01220A); /* VPEID_OOR */
	gicits_cmd_vmovp(&c, 1, 4);
	err(v, &c, 0x012202); /* PROCNUM_OOR */
	gicits_cmd_vmovp(&c, 2, 0);
	err(v, &c, 0x01220B); /* UNMAPPED_VPE */
	/* VSYNC checks nothing (as SYNC; QEMU 7.2) */
	gicits_cmd_vsync(&c, 1);
	ok(v, &c);
	gicits_cmd_vsync(&c, 0xFFFF);
	ok(v, &c);
	gicits_cmd_vinvall(&c, 1);
	ok(v, &c);
	gicits_cmd_vinvall(&c, NVPE);
	err(v, &c, 0x012D0A); /* VPEID_OOR */
	gicits_cmd_vinvall(&c, 2);
	err(v, &c, 0x012D0B); /* UNMAPPED_VPE */
	v4_free(v);
}

/* ---- isolation --------------------------------------------------------- */

/*
 * Devices 1 and 2 map the same vINTIDs into different vPEs, device 2 also
 * has physical events.  Every MSI from device d, whatever its EventID,
 * changes at most the VPT of the vPE d's own ITT names for that event:
 * never the other device's vPE.
 */
static void isolation(void **state)
{
	struct v4 *v = v4_new();
	struct gicits_cmd c;
	uint32_t ev;
	unsigned i;

	(void)state;
	vmapp(v, 1, 1, 15, true);
	vmapp(v, 2, 2, 15, true);
	mapd(v, 1, DEVBITS);
	mapd(v, 2, DEVBITS);
	gicits_cmd_mapc(&c, 0, 3, true);
	ok(v, &c);
	for (ev = 0; ev < 64; ev++) {
		vmapti(v, 1, ev, 1, 8192 + ev, NO_DB);
		if (ev % 2)
			vmapti(v, 2, ev, 2, 8192 + ev, NO_DB);
		else {
			gicits_cmd_mapti(&c, 2, ev, 8192 + ev, 0);
			ok(v, &c);
		}
	}
	srand(13);
	for (i = 0; i < 4000; i++) {
		uint32_t dev = 1 + (uint32_t)(rand() % 2);
		uint32_t e = (uint32_t)(rand() % 80); /* some unmapped */
		unsigned other = dev == 1 ? 2 : 1;
		unsigned before = vcount(v, other);

		gicits_its_msi(v->s.its, dev, e);
		assert_int_equal(vcount(v, other), before);
		if (dev == 2 && e % 2 == 0 && e < 64) {
			assert_true(pend(v, 3, 8192 + e));
			ts_drain(&v->s, 3);
		}
	}
	/* exactly the mapped bits, in the right vPE */
	for (ev = 0; ev < 64; ev++) {
		if (ev % 2 == 0)
			assert_false(vbit(v, 2, 8192 + ev));
	}
	for (ev = 64; ev < 80; ev++) {
		assert_false(vbit(v, 1, 8192 + ev));
		assert_false(vbit(v, 2, 8192 + ev));
	}
	v4_free(v);
}

/* ---- two-level vPE table ----------------------------------------------- */

static void two_level_vpe_table(void **state)
{
	struct ts_desc d;
	struct v4 *v;
	struct gicits_cmd c;

	(void)state;
	ts_desc_default(&d);
	d.its.gic = GICITS_GIC_V4_0;
	v = v4_new_with(&d, true);
	/* one page of 512 level-1 descriptors: entry 0 valid (vPEIDs
	 * 0..511 in VT_L2), the others not */
	vmapp(v, 3, 2, 15, true);
	assert_int_equal(ts_peek64(&v->s, VT_L2 + 3 * 8),
			 1ULL << 63 | 15ULL << 58 | VPT(3) | 2);
	gicits_cmd_vmapp(&c, 600, 0, VPT(4), 15, true);
	err(v, &c, 0x01290A); /* no level-2 page: VPEID_OOR */
	mapd(v, 1, DEVBITS);
	vmapti(v, 1, 5, 3, 8200, 8300);
	gicits_cmd_vmapti(&c, 1, 6, 600, 8201, NO_DB);
	err(v, &c, 0x012A0A); /* no level-2 page: VPEID_OOR */
	vmapti(v, 1, 6, 4, 8201, NO_DB); /* vPE 4 has its page, unmapped */
	assert_int_equal(gicits_its_msi(v->s.its, 1, 6),
			 GICITS_DROP_VPE_UNMAPPED);
	assert_int_equal(gicits_its_msi(v->s.its, 1, 5), GICITS_DROP_NONE);
	assert_true(vbit(v, 3, 8200));
	assert_true(pend(v, 2, 8300));
	v4_free(v);
}

/* ---- over an LPI sink -------------------------------------------------- */

static void over_a_sink(void **state)
{
	struct ts_desc d;
	struct v4 *v;

	(void)state;
	ts_desc_default(&d);
	d.its.gic = GICITS_GIC_V4_0;
	d.forward = true;
	v = v4_new_with(&d, false);
	vmapp(v, 1, 2, 15, true);
	mapd(v, 1, DEVBITS);
	vmapti(v, 1, 5, 1, 8200, 8300);
	assert_int_equal(gicits_its_msi(v->s.its, 1, 5), GICITS_DROP_NONE);
	assert_true(vbit(v, 1, 8200));
	/* the doorbell went through the sink's set_pending */
	assert_int_equal(atomic_load(&v->s.fwd.calls[TS_FWD_SET_PENDING]), 1);
	assert_true(pend(v, 2, 8300));
	v4_free(v);
}

/* ---- the drain covers the virtual path (docs/concurrency.md I10) ------- */

/*
 * An MSI on a virtual ITE (device 1, event 5 -> vPE 1, vINTID 8200,
 * doorbell 8300) is parked in a guest-memory callback, either in its read
 * of vPE 1's table entry (after it found the ITE, before it writes the
 * VPT) or in its VPT write (holding the VPT lock).  Meanwhile another
 * thread issues an ordering point, which must not complete before the MSI
 * has taken effect; then the outcome is the one of "MSI, then command".
 */
struct park {
	struct ts_sys *s;
	uint64_t gpa; /* the access that parks (the first one only) */
	struct gicits_cmd cmd;
	_Atomic int parked, release;
	_Atomic int done;
};

static void park_on_access(void *opaque, uint64_t gpa, size_t len, bool write)
{
	struct park *p = opaque;

	(void)len;
	(void)write;
	if (gpa != p->gpa || atomic_load(&p->parked))
		return;
	atomic_store(&p->parked, 1);
	while (!atomic_load(&p->release))
		sched_yield();
}

static void *msi_thread(void *arg)
{
	struct park *p = arg;

	gicits_its_msi(p->s->its, 1, 5);
	return NULL;
}

static void *cmd_thread(void *arg)
{
	struct park *p = arg;

	ts_cmd(p->s, &p->cmd);
	atomic_store(&p->done, 1);
	return NULL;
}

static struct v4 *parked_msi_then(struct park *p, const struct gicits_cmd *c,
				  uint64_t park_gpa)
{
	const struct timespec ms = { 0, 1000000 };
	struct ts_desc d;
	struct v4 *v;
	pthread_t mt, ct;
	int i;

	ts_desc_default(&d);
	d.its.gic = GICITS_GIC_V4_0;
	d.ram_callback = true;
	d.on_access = park_on_access;
	d.access_opaque = p;
	memset(p, 0, sizeof(*p));
	p->gpa = ~0ULL; /* armed below */
	p->cmd = *c;
	v = v4_new_with(&d, false);
	p->s = &v->s;
	vmapp(v, 1, 2, 15, true);
	vmapp(v, 2, 3, 15, true);
	mapd(v, 1, DEVBITS);
	vmapti(v, 1, 5, 1, 8200, 8300);
	p->gpa = park_gpa;
	assert_int_equal(pthread_create(&mt, NULL, msi_thread, p), 0);
	while (!atomic_load(&p->parked))
		sched_yield();
	assert_int_equal(pthread_create(&ct, NULL, cmd_thread, p), 0);
	/* the ordering point waits for the parked MSI: give it 100 ms to
	 * (wrongly) complete, on however loaded a machine */
	for (i = 0; i < 100 && !atomic_load(&p->done); i++)
		nanosleep(&ms, NULL);
	assert_int_equal(atomic_load(&p->done), 0);
	atomic_store(&p->release, 1);
	pthread_join(mt, NULL);
	pthread_join(ct, NULL);
	assert_int_equal(atomic_load(&p->done), 1);
	assert_int_equal(st(v).errors, 0);
	return v;
}

#define VPE1_ENTRY (VT + 1 * 8)
#define VPT1_BYTE (VPT(1) + 8200 / 8)

static void drain_covers_vpt_write(void **state)
{
	struct gicits_cmd c;
	struct park p;
	struct v4 *v;

	(void)state;
	/* DISCARD: the clear removes what the MSI set */
	gicits_cmd_discard(&c, 1, 5);
	v = parked_msi_then(&p, &c, VPT1_BYTE);
	assert_false(vbit(v, 1, 8200));
	assert_int_equal(gicits_its_msi(v->s.its, 1, 5),
			 GICITS_DROP_EVENT_UNMAPPED);
	assert_false(vbit(v, 1, 8200));
	v4_free(v);
	/* VMOVI: the move takes what the MSI set in the old VPT along */
	gicits_cmd_vmovi(&c, 1, 5, 2, false, 0);
	v = parked_msi_then(&p, &c, VPT1_BYTE);
	assert_false(vbit(v, 1, 8200));
	assert_true(vbit(v, 2, 8200));
	v4_free(v);
	/* VMAPP V = 0: after it, nothing more reaches the old VPT */
	gicits_cmd_vmapp(&c, 1, 0, 0, 0, false);
	v = parked_msi_then(&p, &c, VPT1_BYTE);
	assert_true(vbit(v, 1, 8200));
	v4_free(v);
	/* VMOVP: the doorbell of the earlier MSI is on the old RD by then */
	gicits_cmd_vmovp(&c, 1, 0);
	v = parked_msi_then(&p, &c, VPT1_BYTE);
	assert_true(pend(v, 2, 8300));
	assert_false(pend(v, 0, 8300));
	v4_free(v);
	/* VSYNC */
	gicits_cmd_vsync(&c, 1);
	v = parked_msi_then(&p, &c, VPT1_BYTE);
	assert_true(vbit(v, 1, 8200));
	assert_true(pend(v, 2, 8300));
	v4_free(v);
}

/* ---- snapshots refuse v4 state ------------------------------------------ */

static void snapshot_refuses_v4(void **state)
{
	struct v4 *v = v4_new();
	struct gicits_kvm_tables k;
	struct gicits_its *its = v->s.its;
	size_t size = 0;
	uint8_t buf[64];

	(void)state;
	/* gicits snapshots carry GICv4.0 state since format version 2
	 * (test_snapshot_v4.c); the KVM ABI has no virtual ITEs */
	assert_int_equal(gicits_snapshot_size(v->s.gic, &its, 1, &size),
			 GICITS_OK);
	assert_true(size > sizeof(buf));
	assert_int_equal(gicits_snapshot_save(v->s.gic, &its, 1, buf,
					      sizeof(buf), &size),
			 GICITS_ERANGE);
	memset(&k, 0, sizeof(k));
	k.dt_base = RAM + 0x700000;
	k.dt_bytes = 4096;
	k.ct_base = RAM + 0x710000;
	k.ct_bytes = 4096;
	k.itt_base = RAM + 0x720000;
	k.itt_bytes = 4096;
	assert_int_equal(gicits_snapshot_kvm_export(its, &k, NULL),
			 GICITS_ENOTSUP);
	assert_int_equal(gicits_snapshot_kvm_import(its, &k), GICITS_ENOTSUP);
	v4_free(v);
}

/* ---- faults, UMSI, trace ------------------------------------------------ */

/* A VPT that is not guest memory: the MSI is dropped as a memory fault,
 * INT is a memory fault (which always stalls the queue). */
static void vpt_fault(void **state)
{
	struct v4 *v = v4_new();
	struct gicits_cmd c;

	(void)state;
	gicits_cmd_vmapp(&c, 1, 2, 0x100000000000ULL, 15, true);
	ok(v, &c);
	mapd(v, 1, DEVBITS);
	vmapti(v, 1, 5, 1, 8200, 8300);
	assert_int_equal(gicits_its_msi(v->s.its, 1, 5),
			 GICITS_DROP_MEMORY_FAULT);
	assert_int_equal(npend_all(v), 0); /* no doorbell either */
	gicits_cmd_int(&c, 1, 5);
	assert_int_equal(ts_cmd(&v->s, &c), GICITS_OK);
	assert_true(st(v).stalled);
	assert_int_equal(st(v).last_error, GICITS_E_ITS_MEMORY_FAULT);
	v4_free(v);
}

/* GITS_STATUSR.UMSI: an MSI whose vPE is unmapped is an unmapped MSI
 * (syndrome 0x9, VPE_UNMAPPED); one beyond the VPT is not (the
 * redistributor-side kind of drop). */
static void umsi_vpe_unmapped(void **state)
{
	struct ts_desc d;
	struct v4 *v;
	uint64_t x = 0;

	(void)state;
	ts_desc_default(&d);
	d.its.gic = GICITS_GIC_V4_0;
	d.its.umsi = true;
	v = v4_new_with(&d, false);
	mapd(v, 1, DEVBITS);
	vmapti(v, 1, 5, 1, 8200, NO_DB);
	vmapp(v, 2, 0, 12, true);
	vmapti(v, 1, 6, 2, 8200, NO_DB);
	assert_int_equal(gicits_its_msi(v->s.its, 1, 6), GICITS_DROP_INTID_OOR);
	gicits_its_mmio_read(v->s.its, GICITS_GITS_STATUSR, 4, &x);
	assert_int_equal(x >> 4 & 1, 0);
	assert_int_equal(gicits_its_msi(v->s.its, 1, 5),
			 GICITS_DROP_VPE_UNMAPPED);
	gicits_its_mmio_read(v->s.its, GICITS_GITS_STATUSR, 4, &x);
	assert_int_equal(x >> 4 & 1, 1); /* UMSI */
	assert_int_equal(x >> 6 & 0xF, 0x9); /* Syndrome */
	assert_int_equal(rd64(v, GICITS_GITS_UMSIR), 1ULL << 32 | 5);
	v4_free(v);
}

struct rec {
	unsigned n;
	struct gicits_trace_record last;
	char msg[64];
};

static void rec_trace(void *opaque, const struct gicits_trace_record *r)
{
	struct rec *t = opaque;

	if (r->kind != GICITS_TRACE_TRANSLATE)
		return;
	t->n++;
	t->last = *r;
	strncpy(t->msg, r->message, sizeof(t->msg) - 1);
}

static void trace_of_a_vlpi(void **state)
{
	struct ts_desc d;
	struct rec t;
	struct v4 *v;

	(void)state;
	memset(&t, 0, sizeof(t));
	ts_desc_default(&d);
	d.its.gic = GICITS_GIC_V4_0;
	d.its.trace = rec_trace;
	d.its.trace_opaque = &t;
	v = v4_new_with(&d, false);
	vmapp(v, 7, 3, 15, true);
	mapd(v, 1, DEVBITS);
	vmapti(v, 1, 5, 7, 8200, NO_DB);
	assert_int_equal(gicits_its_msi(v->s.its, 1, 5), GICITS_DROP_NONE);
	assert_int_equal(t.n, 1);
	assert_int_equal(t.last.intid, 8200);
	assert_int_equal(t.last.icid, 7);
	assert_int_equal(t.last.cpu, 3);
	assert_string_equal(t.msg, "vLPI pending in the VPT");
	v4_free(v);
}

/* ---- no lost VPT bits under concurrent MSIs (L7) ------------------------ */

struct shot {
	struct ts_sys *s;
	uint32_t ev;
	_Atomic int *go;
};

static void *shot_thread(void *arg)
{
	struct shot *sh = arg;

	while (!atomic_load(sh->go))
		;
	gicits_its_msi(sh->s->its, 1, sh->ev);
	return NULL;
}

/* Eight MSIs at once set the eight bits of one VPT byte: none is lost. */
static void no_lost_vpt_bits(void **state)
{
	struct v4 *v = v4_new();
	struct shot sh[8];
	pthread_t th[8];
	_Atomic int go;
	uint8_t *b;
	unsigned i, round;

	(void)state;
	vmapp(v, 1, 2, 15, true);
	mapd(v, 1, DEVBITS);
	for (i = 0; i < 8; i++)
		vmapti(v, 1, i, 1, 8192 + i, NO_DB);
	b = ts_host(&v->s, VPT(1) + 8192 / 8, 1);
	for (round = 0; round < 300; round++) {
		*b = 0;
		atomic_store(&go, 0);
		for (i = 0; i < 8; i++) {
			sh[i].s = &v->s;
			sh[i].ev = i;
			sh[i].go = &go;
			assert_int_equal(pthread_create(&th[i], NULL,
							shot_thread, &sh[i]),
					 0);
		}
		atomic_store(&go, 1);
		for (i = 0; i < 8; i++)
			pthread_join(th[i], NULL);
		assert_int_equal(*b, 0xFF);
	}
	v4_free(v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(knob_defaults_and_refusals),
		cmocka_unit_test(registers),
		cmocka_unit_test(gicv3_rejects_v_commands),
		cmocka_unit_test(vmapp_map_unmap_and_errors),
		cmocka_unit_test(vmapti_vmapi_and_errors),
		cmocka_unit_test(delivery),
		cmocka_unit_test(delivery_drops),
		cmocka_unit_test(event_commands_on_virtual_ites),
		cmocka_unit_test(vmovi_moves_and_errors),
		cmocka_unit_test(vmovp_vsync_vinvall),
		cmocka_unit_test(isolation),
		cmocka_unit_test(two_level_vpe_table),
		cmocka_unit_test(over_a_sink),
		cmocka_unit_test(drain_covers_vpt_write),
		cmocka_unit_test(vpe_entry_cache),
		cmocka_unit_test(snapshot_refuses_v4),
		cmocka_unit_test(vpt_fault),
		cmocka_unit_test(umsi_vpe_unmapped),
		cmocka_unit_test(trace_of_a_vlpi),
		cmocka_unit_test(no_lost_vpt_bits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
