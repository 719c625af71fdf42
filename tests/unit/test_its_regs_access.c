/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * GITS_* accesses outside the registers' rules: bad sizes and offsets,
 * reserved locations, and random register traffic.  Each register's own
 * rules are in test_its_regs.c.
 */
#include "its_regs.h"

static void bad_sizes_and_offsets(void **state)
{
	static const unsigned sizes[] = { 0, 1, 2, 3, 5, 16 };
	static const uint32_t regs[] = { GICITS_GITS_CTLR,
					 GICITS_GITS_TYPER,
					 GICITS_GITS_CBASER,
					 GICITS_GITS_BASER(0),
					 0x0020,
					 0xFFE8 };
	struct fx *f = fx_cold();
	uint64_t v;
	unsigned i, j;

	(void)state;
	for (i = 0; i < sizeof(regs) / sizeof(regs[0]); i++)
		for (j = 0; j < sizeof(sizes) / sizeof(sizes[0]); j++) {
			v = 7;
			assert_int_equal(gicits_its_mmio_read(f->its, regs[i],
							      sizes[j], &v),
					 GICITS_EACCESS);
			assert_int_equal(v, 0);
			assert_int_equal(gicits_its_mmio_write(f->its, regs[i],
							       sizes[j], 1, 0),
					 GICITS_EACCESS);
		}
	/* misaligned */
	assert_int_equal(gicits_its_mmio_read(f->its, 0x2, 4, &v),
			 GICITS_EACCESS);
	assert_int_equal(
		gicits_its_mmio_read(f->its, GICITS_GITS_TYPER + 4, 8, &v),
		GICITS_EACCESS);
	assert_int_equal(
		gicits_its_mmio_write(f->its, GICITS_GITS_CBASER + 4, 8, 1, 0),
		GICITS_EACCESS);
	assert_int_equal(gicits_its_mmio_write(f->its, GICITS_GITS_BASER(0) + 2,
					       4, 1, 0),
			 GICITS_EACCESS);
	/* 8-byte access to 32-bit registers */
	assert_int_equal(gicits_its_mmio_read(f->its, GICITS_GITS_CTLR, 8, &v),
			 GICITS_EACCESS);
	assert_int_equal(
		gicits_its_mmio_read(f->its, GICITS_GITS_STATUSR, 8, &v),
		GICITS_EACCESS);
	assert_int_equal(
		gicits_its_mmio_write(f->its, GICITS_GITS_STATUSR, 8, 0xF, 0),
		GICITS_EACCESS);
	/* beyond the two 64 KB frames */
	assert_int_equal(gicits_its_mmio_read(f->its, 0x20000, 4, &v),
			 GICITS_EINVAL);
	assert_int_equal(gicits_its_mmio_read(f->its, 0x20020, 8, &v),
			 GICITS_EINVAL);
	assert_int_equal(gicits_its_mmio_write(f->its, 0xFFFFFFFCu, 4, 1, 0),
			 GICITS_EINVAL);
	/* NULL pointers */
	assert_int_equal(gicits_its_mmio_read(NULL, 0, 4, &v), GICITS_EINVAL);
	assert_int_equal(gicits_its_mmio_read(f->its, 0, 4, NULL),
			 GICITS_EINVAL);
	assert_int_equal(gicits_its_mmio_write(NULL, 0, 4, 1, 0),
			 GICITS_EINVAL);
	assert_int_equal(gicits_its_status(NULL, NULL), GICITS_EINVAL);
	assert_int_equal(gicits_its_status(f->its, NULL), GICITS_EINVAL);
	/* none of that changed state */
	assert_int_equal(fx_rd(f, GICITS_GITS_STATUSR, 4), 0);
	assert_int_equal(fx_rd(f, GICITS_GITS_CTLR, 4), 0x80000000u);
	fx_fini(f);
}

static void reserved_offsets(void **state)
{
	static const uint32_t offs[] = { 0x0010, 0x0014,  0x0018,  0x0020,
					 0x003C, 0x0044,  0x0050,  0x0098,
					 0x00F8, 0x0140,  0x1000,  0x8000,
					 0xFFCC, 0x10000, 0x10044, 0x1FFFC };
	struct fx *f = fx_cold();
	unsigned i;
	uint64_t mark;

	(void)state;
	for (i = 0; i < sizeof(offs) / sizeof(offs[0]); i++) {
		mark = f->nrecs;
		fx_wr(f, offs[i], 4, 0xFFFFFFFFu);
		expect_reg_trace(f, mark, offs[i], "GITS_STATUSR.WRD");
		assert_int_equal(fx_rd(f, GICITS_GITS_STATUSR, 4), STATUSR_WRD);
		mark = f->nrecs;
		assert_int_equal(fx_rd(f, offs[i], 4), 0);
		expect_reg_trace(f, mark, offs[i], "GITS_STATUSR.RRD");
		assert_int_equal(fx_rd(f, GICITS_GITS_STATUSR, 4),
				 STATUSR_WRD | STATUSR_RRD);
		fx_wr(f, GICITS_GITS_STATUSR, 4, 0xF);
	}
	/* and no register changed */
	assert_int_equal(fx_rd(f, GICITS_GITS_CTLR, 4), 0x80000000u);
	assert_int_equal(fx_rd(f, GICITS_GITS_CBASER, 8), f->cbaser);
	assert_int_equal(fx_rd(f, GICITS_GITS_BASER(0), 8),
			 f->baser[0] | BASER0_RESET);
	fx_fini(f);
}

/*
 * 20000 random register accesses (fixed seed) mixed with MSIs: return values
 * stay in the documented set and the RO/RES0 parts of the registers keep
 * their values; afterwards the ITS can be reprogrammed and works.
 */
static void random_register_traffic(void **state)
{
	static const uint32_t hot[] = {
		GICITS_GITS_CTLR,     GICITS_GITS_STATUSR,
		GICITS_GITS_CBASER,   GICITS_GITS_CBASER + 4,
		GICITS_GITS_CWRITER,  GICITS_GITS_CREADR,
		GICITS_GITS_BASER(0), GICITS_GITS_BASER(1),
		GICITS_GITS_BASER(3), GICITS_GITS_TRANSLATER,
		GICITS_GITS_UMSIR,    GICITS_GITS_PIDR2
	};
	static const unsigned sizes[] = { 1, 2, 4, 8 };
	struct fx *f = fx_init();
	uint64_t seed = 0xC0FFEE, typer, v;
	unsigned i, n;

	(void)state;
	f->icfg.umsi = true;
	fx_start(f);
	fx_map_event(f, 1, 4, 0, FX_LPI(0), 0, 0);
	typer = fx_rd(f, GICITS_GITS_TYPER, 8);
	for (i = 0; i < 20000; i++) {
		uint64_t r = fx_rand(&seed), val = fx_rand(&seed);
		uint32_t off = r % 4 ? hot[(r >> 8) % (sizeof(hot) / 4)] :
				       (uint32_t)(r >> 8) % 0x20100;
		unsigned size = sizes[(r >> 40) % 4];
		int err;

		if (off == GICITS_GITS_CBASER || off == GICITS_GITS_BASER(0) ||
		    off == GICITS_GITS_BASER(1))
			/* keep tables small and mostly inside RAM */
			val = (val & 0xC000000000000300ULL) |
			      (FX_RAM_BASE + ((val >> 12) % 0x700) * 0x1000);
		if ((r >> 44) % 2)
			err = gicits_its_mmio_write(f->its, off, size, val,
						    (uint32_t)(r >> 48) % 4);
		else
			err = gicits_its_mmio_read(f->its, off, size, &v);
		if (off >= 0x20000)
			assert_int_equal(err, GICITS_EINVAL);
		else if (size == 1 ||
			 (size == 2 && off != GICITS_GITS_TRANSLATER))
			assert_int_equal(err, GICITS_EACCESS);
		else
			assert_true(err == GICITS_OK || err == GICITS_EACCESS);
		if ((r >> 50) % 8 == 0)
			gicits_its_msi(f->its, (uint32_t)val % 4,
				       (uint32_t)(val >> 32) % 32);
		if (i % 256 == 0) {
			assert_int_equal(fx_rd(f, GICITS_GITS_CTLR, 4) >> 31,
					 1);
			assert_int_equal(
				fx_rd(f, GICITS_GITS_CTLR, 4) & 0x7FFFFEFE, 0);
			assert_int_equal(fx_rd(f, GICITS_GITS_TYPER, 8), typer);
			assert_int_equal(fx_rd(f, GICITS_GITS_BASER(0), 8) &
						 BASER_RO,
					 BASER0_RESET);
			assert_int_equal(fx_rd(f, GICITS_GITS_BASER(1), 8) &
						 BASER_RO,
					 BASER1_RESET);
			for (n = 2; n < 8; n++)
				assert_int_equal(
					fx_rd(f, GICITS_GITS_BASER(n), 8), 0);
			assert_int_equal(fx_rd(f, GICITS_GITS_CWRITER, 8) &
						 ~0xFFFE0ULL,
					 0);
			assert_int_equal(fx_rd(f, GICITS_GITS_CREADR, 8) &
						 ~0xFFFE1ULL,
					 0);
			assert_int_equal(fx_rd(f, GICITS_GITS_STATUSR, 4) >> 10,
					 0);
			assert_int_equal(fx_rd(f, GICITS_GITS_PIDR2, 4), 0x3B);
		}
	}
	/* reprogram from scratch: the ITS works */
	fx_wr(f, GICITS_GITS_CTLR, 4, 0);
	memset(fx_host(f, FX_DT), 0, 0x1000);
	memset(fx_host(f, FX_CT), 0, 0x1000);
	fx_wr(f, GICITS_GITS_BASER(0), 8, f->baser[0]);
	fx_wr(f, GICITS_GITS_BASER(1), 8, f->baser[1]);
	fx_wr(f, GICITS_GITS_CBASER, 8, f->cbaser);
	fx_wr(f, GICITS_GITS_CWRITER, 8, 0);
	f->cw = 0;
	fx_wr(f, GICITS_GITS_CTLR, 4, 1);
	assert_false(fx_status(f).stalled);
	fx_map_event(f, 1, 4, 0, FX_LPI(77), 0, 3);
	assert_int_equal(gicits_its_msi(f->its, 1, 0), GICITS_DROP_NONE);
	assert_true(fx_pending(f, 3, FX_LPI(77)));
	fx_fini(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bad_sizes_and_offsets),
		cmocka_unit_test(reserved_offsets),
		cmocka_unit_test(random_register_traffic),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
