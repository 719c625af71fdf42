/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * GITS_* register rules: CTLR, IIDR, TYPER, CBASER, CWRITER, CREADR,
 * BASER<n>, STATUSR, UMSIR, TRANSLATER, the ID registers, 32-bit halves.
 * Bad sizes and offsets, reserved locations and random register traffic
 * are in test_its_regs_access.c.
 */
#include "its_regs.h"

static uint64_t field(uint64_t v, unsigned hi, unsigned lo)
{
	return (v >> lo) & ((1ULL << (hi - lo + 1)) - 1);
}

static void create_rejects_bad_config(void **state)
{
	struct test_ram ram;
	struct gicits_gic_config gc;
	struct gicits_its_config c;
	struct gicits_gic *gic;
	struct gicits_its *its = NULL;
	unsigned i;

	(void)state;
	test_ram_init(&ram, FX_RAM_BASE, 0x1000);
	gicits_gic_config_default(&gc);
	assert_int_equal(gicits_gic_create(&gc, &ram.mem, &gic), GICITS_OK);
	gicits_its_config_default(&c);
	assert_int_equal(gicits_its_create(NULL, gic, &ram.mem, &its),
			 GICITS_EINVAL);
	assert_int_equal(gicits_its_create(&c, NULL, &ram.mem, &its),
			 GICITS_EINVAL);
	assert_int_equal(gicits_its_create(&c, gic, NULL, &its), GICITS_EINVAL);
	assert_int_equal(gicits_its_create(&c, gic, &ram.mem, NULL),
			 GICITS_EINVAL);
	for (i = 0; i < 12; i++) {
		gicits_its_config_default(&c);
		switch (i) {
		case 0:
			c.devbits = 0;
			break;
		case 1:
			c.devbits = 33;
			break;
		case 2:
			c.idbits = 0;
			break;
		case 3:
			c.idbits = 33;
			break;
		case 4:
			c.cidbits = 0;
			break;
		case 5:
			c.cidbits = 17;
			break;
		case 6:
			c.hcc = 256;
			break;
		case 7:
			c.ite_size = 10;
			break;
		case 8:
			c.ite_size = 4;
			break;
		case 9:
			c.error_policy = (enum gicits_error_policy)2;
			break;
		case 10:
			c.cache = (enum gicits_cache_mode)3;
			break;
		default:
			c.ite_size = 0;
			break;
		}
		assert_int_equal(gicits_its_create(&c, gic, &ram.mem, &its),
				 GICITS_EINVAL);
	}
	/* the extremes are accepted */
	gicits_its_config_default(&c);
	c.devbits = 32;
	c.idbits = 32;
	c.cidbits = 1;
	c.hcc = 255;
	c.ite_size = 16;
	assert_int_equal(gicits_its_create(&c, gic, &ram.mem, &its), GICITS_OK);
	gicits_its_destroy(its);
	gicits_its_destroy(NULL);
	gicits_gic_destroy(gic);
	test_ram_fini(&ram);
}

static void ctlr_rules(void **state)
{
	struct fx *f = fx_cold();

	(void)state;
	/* Quiescent = 1, Enabled = 0 at reset */
	assert_int_equal(fx_rd(f, GICITS_GITS_CTLR, 4), 0x80000000u);
	fx_wr(f, GICITS_GITS_CTLR, 4, 1);
	assert_int_equal(fx_rd(f, GICITS_GITS_CTLR, 4), 0x80000001u);
	/* RES0 bits and UMSIirq (UMSI not implemented) ignore writes */
	fx_wr(f, GICITS_GITS_CTLR, 4, 0xFFFFFFFFu);
	assert_int_equal(fx_rd(f, GICITS_GITS_CTLR, 4), 0x80000001u);
	fx_wr(f, GICITS_GITS_CTLR, 4, 0x7FFFFFFEu);
	assert_int_equal(fx_rd(f, GICITS_GITS_CTLR, 4), 0x80000000u);
	assert_int_equal(
		gicits_its_mmio_write(f->its, GICITS_GITS_CTLR, 8, 1, 0),
		GICITS_EACCESS);
	assert_int_equal(fx_rd(f, GICITS_GITS_CTLR, 4), 0x80000000u);
	fx_fini(f);

	f = fx_init();
	f->icfg.umsi = true;
	fx_start(f);
	fx_wr(f, GICITS_GITS_CTLR, 4, 0x101);
	assert_int_equal(fx_rd(f, GICITS_GITS_CTLR, 4), 0x80000101u);
	fx_wr(f, GICITS_GITS_CTLR, 4, 0x1);
	assert_int_equal(fx_rd(f, GICITS_GITS_CTLR, 4), 0x80000001u);
	fx_fini(f);
}

static void iidr_rules(void **state)
{
	struct fx *f = fx_cold();
	uint64_t mark;

	(void)state;
	assert_int_equal(fx_rd(f, GICITS_GITS_IIDR, 4), 0x43B);
	mark = f->nrecs;
	fx_wr(f, GICITS_GITS_IIDR, 4, 0x1234);
	assert_int_equal(fx_rd(f, GICITS_GITS_IIDR, 4), 0x43B);
	assert_int_equal(fx_rd(f, GICITS_GITS_STATUSR, 4), STATUSR_WROD);
	expect_reg_trace(f, mark, GICITS_GITS_IIDR, "GITS_STATUSR.WROD");
	fx_fini(f);

	f = fx_init();
	f->icfg.iidr = 0x0200143B;
	fx_start(f);
	assert_int_equal(fx_rd(f, GICITS_GITS_IIDR, 4), 0x0200143B);
	fx_fini(f);
}

static void typer_fields(void **state)
{
	struct fx *f = fx_cold();
	uint64_t v, mark;

	(void)state;
	v = fx_rd(f, GICITS_GITS_TYPER, 8);
	assert_int_equal(field(v, 0, 0), 1); /* Physical */
	assert_int_equal(field(v, 1, 1), 0); /* Virtual */
	assert_int_equal(field(v, 7, 4), 11); /* 12-byte ITEs */
	assert_int_equal(field(v, 12, 8), 15); /* ID_bits */
	assert_int_equal(field(v, 17, 13), 15); /* Devbits */
	assert_int_equal(field(v, 19, 19), 0); /* PTA */
	assert_int_equal(field(v, 31, 24), 0); /* HCC */
	assert_int_equal(field(v, 35, 32), 15); /* CIDbits */
	assert_int_equal(field(v, 36, 36), 1); /* CIL */
	assert_int_equal(field(v, 44, 44), 0); /* UMSI */
	assert_int_equal(fx_rd(f, GICITS_GITS_TYPER, 4), v & 0xFFFFFFFFu);
	assert_int_equal(fx_rd(f, GICITS_GITS_TYPER + 4, 4), v >> 32);
	/* RO */
	mark = f->nrecs;
	fx_wr(f, GICITS_GITS_TYPER, 8, 0);
	fx_wr(f, GICITS_GITS_TYPER + 4, 4, 0);
	assert_int_equal(fx_rd(f, GICITS_GITS_TYPER, 8), v);
	assert_int_equal(fx_rd(f, GICITS_GITS_STATUSR, 4), STATUSR_WROD);
	expect_reg_trace(f, mark, GICITS_GITS_TYPER + 4, NULL);
	fx_fini(f);

	f = fx_init();
	f->icfg.devbits = 20;
	f->icfg.idbits = 10;
	f->icfg.cidbits = 8;
	f->icfg.hcc = 5;
	f->icfg.ite_size = 8;
	f->icfg.pta = true;
	f->icfg.umsi = true;
	f->no_enable = true;
	fx_start(f);
	v = fx_rd(f, GICITS_GITS_TYPER, 8);
	assert_int_equal(field(v, 7, 4), 7);
	assert_int_equal(field(v, 12, 8), 9);
	assert_int_equal(field(v, 17, 13), 19);
	assert_int_equal(field(v, 19, 19), 1);
	assert_int_equal(field(v, 31, 24), 5);
	assert_int_equal(field(v, 35, 32), 7);
	assert_int_equal(field(v, 36, 36), 1);
	assert_int_equal(field(v, 44, 44), 1);
	fx_fini(f);

	f = fx_init();
	f->icfg.devbits = 32;
	f->icfg.idbits = 32;
	f->icfg.ite_size = 16;
	f->icfg.hcc = 255;
	f->no_enable = true;
	fx_start(f);
	v = fx_rd(f, GICITS_GITS_TYPER, 8);
	assert_int_equal(field(v, 7, 4), 15);
	assert_int_equal(field(v, 12, 8), 31);
	assert_int_equal(field(v, 17, 13), 31);
	assert_int_equal(field(v, 31, 24), 255);
	fx_fini(f);
}

static void cbaser_rules(void **state)
{
	struct fx *f = fx_cold();
	const uint64_t res0 = 1ULL << 62 | 7ULL << 56 | 1ULL << 52 | 3ULL << 8;
	uint64_t mark;

	(void)state;
	fx_wr(f, GICITS_GITS_CBASER, 8, ~0ULL);
	assert_int_equal(fx_rd(f, GICITS_GITS_CBASER, 8), ~res0);
	/* 32-bit halves */
	fx_wr(f, GICITS_GITS_CBASER, 4, 0x12345000u | 0xC00 | 3);
	assert_int_equal(fx_rd(f, GICITS_GITS_CBASER, 8),
			 (~res0 & 0xFFFFFFFF00000000ULL) | 0x12345C03u);
	fx_wr(f, GICITS_GITS_CBASER + 4, 4, 0x80000000u);
	assert_int_equal(fx_rd(f, GICITS_GITS_CBASER, 8),
			 0x8000000012345C03ULL);
	assert_int_equal(fx_rd(f, GICITS_GITS_CBASER + 4, 4), 0x80000000u);
	assert_int_equal(fx_rd(f, GICITS_GITS_CBASER, 4), 0x12345C03u);
	/* program it properly, run commands, CREADR moves */
	fx_wr(f, GICITS_GITS_CBASER, 8, f->cbaser);
	fx_wr(f, GICITS_GITS_CTLR, 4, 1);
	fx_sync(f, 0, 0);
	fx_sync(f, 0, 0);
	assert_int_equal(fx_rd(f, GICITS_GITS_CREADR, 8), 64);
	/* ignored while enabled, with a trace record */
	mark = f->nrecs;
	fx_wr(f, GICITS_GITS_CBASER, 8, FX_BASER_VALID | (FX_CQ + 0x10000));
	assert_int_equal(fx_rd(f, GICITS_GITS_CBASER, 8), f->cbaser);
	assert_int_equal(fx_rd(f, GICITS_GITS_CREADR, 8), 64);
	expect_reg_trace(f, mark, GICITS_GITS_CBASER,
			 "GITS_CBASER.UNPREDICTABLE");
	/* a write while disabled resets CREADR */
	fx_wr(f, GICITS_GITS_CTLR, 4, 0);
	fx_wr(f, GICITS_GITS_CBASER + 4, 4, f->cbaser >> 32);
	assert_int_equal(fx_rd(f, GICITS_GITS_CREADR, 8), 0);
	fx_fini(f);
}

static void cwriter_rules(void **state)
{
	struct fx *f = fx_init();
	uint64_t mark;

	(void)state;
	fx_start(f);
	/* Offset is [19:5]; Retry and RES0 bits read as 0 */
	fx_putc(f, fx_c_sync(0));
	fx_wr(f, GICITS_GITS_CWRITER, 8, 32 | 0x1F | 0xFFF00000ULL << 32);
	assert_int_equal(fx_rd(f, GICITS_GITS_CWRITER, 8), 32);
	assert_int_equal(fx_status(f).commands, 1);
	/* beyond the 4 KB queue: nothing is processed */
	fx_putc(f, fx_c_sync(0));
	mark = fx_status(f).commands;
	fx_wr(f, GICITS_GITS_CWRITER, 8, 0x1000);
	assert_int_equal(fx_rd(f, GICITS_GITS_CWRITER, 8), 0x1000);
	assert_int_equal(fx_status(f).commands, mark);
	assert_int_equal(fx_rd(f, GICITS_GITS_CREADR, 8), 32);
	fx_wr(f, GICITS_GITS_CWRITER, 8, 0xFFFE0);
	assert_int_equal(fx_status(f).commands, mark);
	/* a valid offset again: processed */
	fx_wr(f, GICITS_GITS_CWRITER, 8, 64);
	assert_int_equal(fx_status(f).commands, mark + 1);
	assert_int_equal(fx_rd(f, GICITS_GITS_CREADR, 8), 64);
	/* 32-bit write of the low half also kicks the queue */
	fx_putc(f, fx_c_sync(0));
	fx_wr(f, GICITS_GITS_CWRITER, 4, 96);
	assert_int_equal(fx_status(f).commands, mark + 2);
	assert_int_equal(fx_rd(f, GICITS_GITS_CWRITER + 4, 4), 0);
	fx_fini(f);

	/* while disabled CWRITER is recorded but nothing runs */
	f = fx_cold();
	fx_putc(f, fx_c_sync(0));
	fx_kick(f);
	assert_int_equal(fx_status(f).commands, 0);
	fx_wr(f, GICITS_GITS_CTLR, 4, 1);
	assert_int_equal(fx_status(f).commands, 1);
	fx_fini(f);
}

static void creadr_rules(void **state)
{
	struct fx *f = fx_init();
	uint64_t mark;

	(void)state;
	fx_start(f);
	/* writable (default knob): skip the command at 0 */
	fx_mapd(f, 1, 3, FX_ITT(1), 1, 0);
	fx_putc(f, fx_c_mapd(2, 3, FX_ITT(2), true));
	fx_putc(f, fx_c_mapd(3, 3, FX_ITT(3), true));
	fx_wr(f, GICITS_GITS_CREADR, 8, 64 | 0x1F);
	assert_int_equal(fx_rd(f, GICITS_GITS_CREADR, 8), 64);
	fx_kick(f);
	assert_int_equal(fx_status(f).commands, 2);
	assert_int_equal(fx_peek64(f, FX_DT + 2 * 8), 0);
	assert_int_not_equal(fx_peek64(f, FX_DT + 3 * 8), 0);
	fx_fini(f);

	f = fx_init();
	f->icfg.creadr_writable = false;
	fx_start(f);
	fx_sync(f, 0, 0);
	mark = f->nrecs;
	fx_wr(f, GICITS_GITS_CREADR, 8, 0);
	assert_int_equal(fx_rd(f, GICITS_GITS_CREADR, 8), 32);
	assert_int_equal(fx_rd(f, GICITS_GITS_STATUSR, 4), STATUSR_WROD);
	expect_reg_trace(f, mark, GICITS_GITS_CREADR, "GITS_STATUSR.WROD");
	fx_fini(f);
}

static void baser_rules(void **state)
{
	struct fx *f = fx_init();
	uint64_t mark;
	unsigned n;

	(void)state;
	f->icfg.indirect = false;
	f->no_enable = true;
	fx_start(f);
	fx_wr(f, GICITS_GITS_BASER(0), 8, 0);
	fx_wr(f, GICITS_GITS_BASER(1), 8, 0);
	assert_int_equal(fx_rd(f, GICITS_GITS_BASER(0), 8), BASER0_RESET);
	assert_int_equal(fx_rd(f, GICITS_GITS_BASER(1), 8), BASER1_RESET);
	/* Type and Entry_Size are RO; Indirect RAZ/WI (indirect = false) */
	fx_wr(f, GICITS_GITS_BASER(0), 8, ~0ULL);
	assert_int_equal(fx_rd(f, GICITS_GITS_BASER(0), 8),
			 (~0ULL & ~BASER_RO & ~FX_BASER_INDIRECT) |
				 BASER0_RESET);
	fx_wr(f, GICITS_GITS_BASER(1), 8, 0);
	assert_int_equal(fx_rd(f, GICITS_GITS_BASER(1), 8), BASER1_RESET);
	/* unimplemented BASER2..7: RAZ/WI */
	for (n = 2; n < 8; n++) {
		fx_wr(f, GICITS_GITS_BASER(n), 8, ~0ULL);
		fx_wr(f, GICITS_GITS_BASER(n) + 4, 4, 0xFFFFFFFFu);
		assert_int_equal(fx_rd(f, GICITS_GITS_BASER(n), 8), 0);
	}
	/* 32-bit halves */
	fx_wr(f, GICITS_GITS_BASER(1), 4, 0x00345000u | 0x100 | 2);
	fx_wr(f, GICITS_GITS_BASER(1) + 4, 4, 0x80000000u);
	assert_int_equal(fx_rd(f, GICITS_GITS_BASER(1), 8),
			 BASER1_RESET | 1ULL << 63 | 0x345102);
	assert_int_equal(fx_rd(f, GICITS_GITS_BASER(1) + 4, 4),
			 (BASER1_RESET | 1ULL << 63) >> 32);
	/* ignored while enabled, with a trace record */
	fx_wr(f, GICITS_GITS_BASER(1), 8, f->baser[1]);
	fx_wr(f, GICITS_GITS_CTLR, 4, 1);
	mark = f->nrecs;
	fx_wr(f, GICITS_GITS_BASER(1), 8, 0);
	assert_int_equal(fx_rd(f, GICITS_GITS_BASER(1), 8),
			 f->baser[1] | BASER1_RESET);
	expect_reg_trace(f, mark, GICITS_GITS_BASER(1),
			 "GITS_BASER.UNPREDICTABLE");
	fx_fini(f);

	/* Indirect implemented (default) */
	f = fx_cold();
	fx_wr(f, GICITS_GITS_BASER(0), 8, FX_BASER_INDIRECT);
	assert_int_equal(fx_rd(f, GICITS_GITS_BASER(0), 8),
			 BASER0_RESET | FX_BASER_INDIRECT);
	fx_wr(f, GICITS_GITS_BASER(1), 8,
	      FX_BASER_INDIRECT | FX_BASER_PAGE_64K);
	assert_int_equal(fx_rd(f, GICITS_GITS_BASER(1), 8),
			 BASER1_RESET | FX_BASER_INDIRECT | FX_BASER_PAGE_64K);
	fx_fini(f);
}

static void statusr_rules(void **state)
{
	struct fx *f = fx_cold();
	uint64_t v;

	(void)state;
	assert_int_equal(fx_rd(f, GICITS_GITS_STATUSR, 4), 0);
	v = fx_rd(f, 0x0020, 4); /* reserved */
	assert_int_equal(v, 0);
	assert_int_equal(fx_rd(f, GICITS_GITS_STATUSR, 4), STATUSR_RRD);
	fx_wr(f, 0x0020, 4, 5);
	assert_int_equal(fx_rd(f, GICITS_GITS_STATUSR, 4),
			 STATUSR_RRD | STATUSR_WRD);
	v = fx_rd(f, GICITS_GITS_TRANSLATER, 4);
	assert_int_equal(v, 0);
	fx_wr(f, GICITS_GITS_PIDR2, 4, 0);
	assert_int_equal(fx_rd(f, GICITS_GITS_STATUSR, 4), 0xF);
	/* W1C, one bit at a time; 0 bits leave bits alone */
	fx_wr(f, GICITS_GITS_STATUSR, 4, 0);
	assert_int_equal(fx_rd(f, GICITS_GITS_STATUSR, 4), 0xF);
	fx_wr(f, GICITS_GITS_STATUSR, 4, STATUSR_WRD);
	assert_int_equal(fx_rd(f, GICITS_GITS_STATUSR, 4), 0xD);
	fx_wr(f, GICITS_GITS_STATUSR, 4, STATUSR_RRD);
	assert_int_equal(fx_rd(f, GICITS_GITS_STATUSR, 4), 0xC);
	fx_wr(f, GICITS_GITS_STATUSR, 4, STATUSR_WROD);
	assert_int_equal(fx_rd(f, GICITS_GITS_STATUSR, 4), STATUSR_RWOD);
	fx_wr(f, GICITS_GITS_STATUSR, 4, 0xFFFFFFFFu);
	assert_int_equal(fx_rd(f, GICITS_GITS_STATUSR, 4), 0);
	/* the translation frame's reserved space too */
	fx_wr(f, 0x10000, 4, 1);
	assert_int_equal(fx_rd(f, GICITS_GITS_STATUSR, 4), STATUSR_WRD);
	fx_fini(f);
}

/* Clear STATUSR, send one MSI that is dropped for @why, check Syndrome. */
static void umsi_one(struct fx *f, uint32_t dev, uint32_t ev, int why,
		     unsigned syndrome)
{
	fx_wr(f, GICITS_GITS_STATUSR, 4, 0x3F);
	assert_int_equal(gicits_its_msi(f->its, dev, ev), why);
	assert_int_equal(fx_rd(f, GICITS_GITS_STATUSR, 4),
			 STATUSR_UMSI | syndrome << 6);
	assert_int_equal(fx_rd(f, GICITS_GITS_UMSIR, 8),
			 (uint64_t)dev << 32 | ev);
	assert_int_equal(fx_rd(f, GICITS_GITS_UMSIR, 4), ev);
	assert_int_equal(fx_rd(f, GICITS_GITS_UMSIR + 4, 4), dev);
}

static void umsi_state(void **state)
{
	struct fx *f = fx_init();

	(void)state;
	f->icfg.umsi = true;
	f->icfg.idbits = 12;
	fx_start(f);
	fx_map_event(f, 1, 4, 0, FX_LPI(0), 0, 0);
	fx_mapti(f, 1, 1, FX_LPI(1), 5, 0);
	assert_int_equal(gicits_its_msi(f->its, 1, 0), GICITS_DROP_NONE);
	assert_int_equal(fx_rd(f, GICITS_GITS_STATUSR, 4), 0);
	umsi_one(f, 0x10000, 0, GICITS_DROP_DEVICE_OOR, 2);
	umsi_one(f, 7, 3, GICITS_DROP_DEVICE_UNMAPPED, 3);
	umsi_one(f, 1, 16, GICITS_DROP_EVENT_OOR, 4);
	umsi_one(f, 1, 2, GICITS_DROP_EVENT_UNMAPPED, 5);
	umsi_one(f, 1, 1, GICITS_DROP_COLLECTION_UNMAPPED, 7);
	/* gicits-only reasons record syndrome 0 (unknown) */
	umsi_one(f, 1, 1u << 12, GICITS_DROP_EVENTID_WIDTH, 0);
	/* a second drop sets Overflow and keeps the first record */
	umsi_one(f, 7, 3, GICITS_DROP_DEVICE_UNMAPPED, 3);
	assert_int_equal(gicits_its_msi(f->its, 1, 2),
			 GICITS_DROP_EVENT_UNMAPPED);
	assert_int_equal(fx_rd(f, GICITS_GITS_STATUSR, 4),
			 STATUSR_UMSI | STATUSR_OVERFLOW | 3u << 6);
	assert_int_equal(fx_rd(f, GICITS_GITS_UMSIR, 8), 7ULL << 32 | 3);
	/* a successful MSI changes nothing */
	assert_int_equal(gicits_its_msi(f->its, 1, 0), GICITS_DROP_NONE);
	assert_int_equal(fx_rd(f, GICITS_GITS_STATUSR, 4) & 0x3F,
			 STATUSR_UMSI | STATUSR_OVERFLOW);
	/* W1C: Overflow alone, then UMSI */
	fx_wr(f, GICITS_GITS_STATUSR, 4, STATUSR_OVERFLOW);
	assert_int_equal(fx_rd(f, GICITS_GITS_STATUSR, 4) & 0x3F, STATUSR_UMSI);
	fx_wr(f, GICITS_GITS_STATUSR, 4, STATUSR_UMSI);
	assert_int_equal(fx_rd(f, GICITS_GITS_STATUSR, 4) & 0x3F, 0);
	/* UMSIR is RO */
	fx_wr(f, GICITS_GITS_UMSIR, 8, 0);
	assert_int_equal(fx_rd(f, GICITS_GITS_UMSIR, 8), 7ULL << 32 | 3);
	/* disabled ITS: recorded too */
	fx_wr(f, GICITS_GITS_STATUSR, 4, 0x3F);
	fx_wr(f, GICITS_GITS_CTLR, 4, 0);
	umsi_one(f, 9, 9, GICITS_DROP_ITS_DISABLED, 0);
	fx_fini(f);

	/* UMSI not implemented: nothing recorded, UMSIR reads 0 */
	f = fx_new();
	assert_int_equal(gicits_its_msi(f->its, 7, 3),
			 GICITS_DROP_DEVICE_UNMAPPED);
	assert_int_equal(fx_rd(f, GICITS_GITS_STATUSR, 4), 0);
	assert_int_equal(fx_rd(f, GICITS_GITS_UMSIR, 8), 0);
	fx_fini(f);
}

static void translater_rules(void **state)
{
	struct fx *f = fx_new();
	uint64_t v = 1;

	(void)state;
	fx_map_event(f, 0x42, 8, 3, FX_LPI(3), 0, 1);
	fx_mapti(f, 0x42, 4, FX_LPI(4), 0, 0);
	/* 16-bit write: EventID[15:0], [31:16] zero */
	assert_int_equal(gicits_its_mmio_write(f->its, GICITS_GITS_TRANSLATER,
					       2, 0xABC0003u, 0x42),
			 GICITS_OK);
	assert_true(fx_pending(f, 1, FX_LPI(3)));
	/* 32-bit write; the DeviceID comes from the bus argument */
	assert_int_equal(gicits_its_mmio_write(f->its, GICITS_GITS_TRANSLATER,
					       4, 4, 0x41),
			 GICITS_OK);
	assert_false(fx_pending(f, 1, FX_LPI(4)));
	assert_int_equal(gicits_its_mmio_write(f->its, GICITS_GITS_TRANSLATER,
					       4, 4, 0x42),
			 GICITS_OK);
	assert_true(fx_pending(f, 1, FX_LPI(4)));
	/* [31:16] of a 32-bit write count: EventID 0x10004 is not mapped */
	assert_int_equal(gicits_cpu_ack(f->gic, 1), FX_LPI(3));
	assert_int_equal(gicits_its_mmio_write(f->its, GICITS_GITS_TRANSLATER,
					       4, 0x10003, 0x42),
			 GICITS_OK);
	assert_false(fx_pending(f, 1, FX_LPI(3)));
	/* reads are RAZ and set RWOD */
	assert_int_equal(
		gicits_its_mmio_read(f->its, GICITS_GITS_TRANSLATER, 4, &v),
		GICITS_OK);
	assert_int_equal(v, 0);
	assert_int_equal(fx_rd(f, GICITS_GITS_STATUSR, 4), STATUSR_RWOD);
	assert_int_equal(
		gicits_its_mmio_read(f->its, GICITS_GITS_TRANSLATER, 2, &v),
		GICITS_OK);
	/* bad sizes: TRANSLATER is a 32-bit register (16-bit writes too) */
	assert_int_equal(
		gicits_its_mmio_read(f->its, GICITS_GITS_TRANSLATER, 8, &v),
		GICITS_EACCESS);
	assert_int_equal(gicits_its_mmio_write(f->its, GICITS_GITS_TRANSLATER,
					       8, 3, 0x42),
			 GICITS_EACCESS);
	assert_int_equal(gicits_its_mmio_write(f->its, GICITS_GITS_TRANSLATER,
					       1, 3, 0x42),
			 GICITS_EACCESS);
	assert_int_equal(gicits_its_mmio_write(f->its,
					       GICITS_GITS_TRANSLATER + 2, 2, 3,
					       0x42),
			 GICITS_EACCESS);
	fx_fini(f);
}

static void id_registers(void **state)
{
	static const uint32_t cidr[4] = { 0x0D, 0xF0, 0x05, 0xB1 };
	struct fx *f = fx_cold();
	uint64_t v, mark;
	unsigned i;

	(void)state;
	v = fx_rd(f, GICITS_GITS_PIDR2, 4);
	assert_int_equal(field(v, 7, 4), 3); /* ArchRev: GICv3 */
	for (i = 0; i < 4; i++)
		assert_int_equal(fx_rd(f, 0xFFF0 + 4 * i, 4), cidr[i]);
	assert_int_equal(gicits_its_mmio_read(f->its, GICITS_GITS_PIDR2, 8, &v),
			 GICITS_EACCESS);
	mark = f->nrecs;
	fx_wr(f, GICITS_GITS_PIDR2, 4, 0);
	assert_int_equal(fx_rd(f, GICITS_GITS_PIDR2, 4), 0x3B);
	assert_int_equal(fx_rd(f, GICITS_GITS_STATUSR, 4), STATUSR_WROD);
	expect_reg_trace(f, mark, GICITS_GITS_PIDR2, "GITS_STATUSR.WROD");
	fx_fini(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(create_rejects_bad_config),
		cmocka_unit_test(ctlr_rules),
		cmocka_unit_test(iidr_rules),
		cmocka_unit_test(typer_fields),
		cmocka_unit_test(cbaser_rules),
		cmocka_unit_test(cwriter_rules),
		cmocka_unit_test(creadr_rules),
		cmocka_unit_test(baser_rules),
		cmocka_unit_test(statusr_rules),
		cmocka_unit_test(umsi_state),
		cmocka_unit_test(translater_rules),
		cmocka_unit_test(id_registers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
