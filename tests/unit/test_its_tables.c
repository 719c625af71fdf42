/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ITS tables: flat and two-level device and collection tables with 4K, 16K
 * and 64K pages (and PA[51:48] of 64K pages), both PTA modes, collections
 * held in registers (HCC), ITT entry sizes and the command queue.
 */
#include "its_fixture.h"

static const uint64_t page_bits[3] = { 0, FX_BASER_PAGE_16K,
				       FX_BASER_PAGE_64K };
static const uint64_t page_bytes[3] = { 0x1000, 0x4000, 0x10000 };

/* Flat tables: capacity (Size + 1) * page / 8 for every page size. */
static void flat_table_capacity(void **state)
{
	unsigned p, size;

	(void)state;
	for (p = 0; p < 3; p++)
		for (size = 0; size < 2; size++) {
			struct fx *f = fx_init();
			uint32_t cap =
				(uint32_t)((size + 1) * page_bytes[p] / 8);

			f->baser[0] =
				FX_BASER_VALID | page_bits[p] | FX_DT | size;
			f->baser[1] =
				FX_BASER_VALID | page_bits[p] | FX_CT | size;
			fx_start(f);
			fx_mapd(f, cap - 1, 3, FX_ITT(1), 1, 0);
			assert_int_equal(fx_peek64(f, FX_DT + (cap - 1) * 8ULL),
					 1ULL << 63 | (FX_ITT(1) >> 8) << 5 |
						 3);
			fx_mapd(f, cap, 3, FX_ITT(2), 1,
				GICITS_E_ITS_MAPD_DEVICE_OOR);
			fx_expect_msi(f, cap, 0, GICITS_DROP_DEVICE_OOR);
			fx_mapc(f, cap - 1, 2, 1, 0);
			assert_int_equal(fx_peek64(f, FX_CT + (cap - 1) * 8ULL),
					 1ULL << 63 | 2ULL << 16 | (cap - 1));
			fx_mapc(f, cap, 2, 1, GICITS_E_ITS_MAPC_COLLECTION_OOR);
			fx_mapti(f, cap - 1, 7, FX_LPI(7), cap - 1, 0);
			fx_mapti(f, cap - 1, 6, FX_LPI(6), cap,
				 GICITS_E_ITS_MAPTI_COLLECTION_OOR);
			fx_expect_msi(f, cap - 1, 7, GICITS_DROP_NONE);
			assert_true(fx_pending(f, 2, FX_LPI(7)));
			fx_fini(f);
		}
}

/* Page_Size 0b11 is reserved and treated as 64 KB. */
static void page_size_reserved_is_64k(void **state)
{
	struct fx *f = fx_init();

	(void)state;
	f->baser[0] = FX_BASER_VALID | 3ULL << 8 | FX_DT;
	fx_start(f);
	fx_mapd(f, 8191, 3, FX_ITT(1), 1, 0);
	assert_int_not_equal(fx_peek64(f, FX_DT + 8191 * 8), 0);
	fx_mapd(f, 8192, 3, FX_ITT(1), 1, GICITS_E_ITS_MAPD_DEVICE_OOR);
	fx_fini(f);
}

/* 64 KB pages: BASER[15:12] hold PA[51:48]. */
static void page_64k_high_address_bits(void **state)
{
	const uint64_t hi = 0x0009000000000000ULL | 0x12340000ULL;
	uint8_t *buf = calloc(1, 0x10000);
	struct fx *f = fx_init();
	uint64_t dte = 0;
	int i;

	(void)state;
	assert_non_null(buf);
	assert_int_equal(gicits_mem_add_direct(&f->sys.mem, hi, 0x10000, buf),
			 GICITS_OK);
	f->baser[0] =
		FX_BASER_VALID | FX_BASER_PAGE_64K | 0x12340000ULL | 9ULL << 12;
	fx_start(f);
	fx_mapd(f, 3, 3, FX_ITT(3), 1, 0);
	for (i = 7; i >= 0; i--)
		dte = dte << 8 | buf[3 * 8 + i];
	assert_int_equal(dte, 1ULL << 63 | (FX_ITT(3) >> 8) << 5 | 3);
	fx_mapc(f, 0, 1, 1, 0);
	fx_mapti(f, 3, 0, FX_LPI(3), 0, 0);
	fx_expect_msi(f, 3, 0, GICITS_DROP_NONE);
	assert_true(fx_pending(f, 1, FX_LPI(3)));
	fx_fini(f);
	free(buf);
}

/* Two-level device table, every page size: L1[0] valid, L1[1] invalid. */
static void indirect_device_table(void **state)
{
	unsigned p;

	(void)state;
	for (p = 0; p < 3; p++) {
		struct fx *f = fx_init();
		uint64_t pg = page_bytes[p];
		uint32_t per = (uint32_t)(pg / 8); /* DTEs per L2 page */
		uint64_t a = FX_L2, b = FX_L2 + pg;

		f->icfg.devbits = 32;
		f->baser[0] = FX_BASER_VALID | FX_BASER_INDIRECT |
			      page_bits[p] | FX_DT;
		fx_poke64(f, FX_DT, 1ULL << 63 | a);
		fx_start(f);
		fx_mapc(f, 0, 3, 1, 0);
		fx_mapd(f, 5, 3, FX_ITT(5), 1, 0);
		assert_int_equal(fx_peek64(f, a + 5 * 8),
				 1ULL << 63 | (FX_ITT(5) >> 8) << 5 | 3);
		assert_int_equal(fx_peek64(f, FX_DT + 5 * 8), 0);
		fx_mapti(f, 5, 1, FX_LPI(1), 0, 0);
		fx_expect_msi(f, 5, 1, GICITS_DROP_NONE);
		/* L1[1] invalid */
		fx_mapd(f, per + 1, 3, FX_ITT(6), 1,
			GICITS_E_ITS_MAPD_DEVICE_OOR);
		fx_expect_msi(f, per + 1, 0, GICITS_DROP_DEVICE_UNMAPPED);
		fx_mapti(f, per + 1, 0, FX_LPI(2), 0,
			 GICITS_E_ITS_MAPTI_UNMAPPED_DEVICE);
		/* beyond the level-1 table */
		fx_mapd(f, per * per, 3, FX_ITT(7), 1,
			GICITS_E_ITS_MAPD_DEVICE_OOR);
		fx_expect_msi(f, per * per, 0, GICITS_DROP_DEVICE_OOR);
		/* software allocates the level-2 page: now it maps */
		fx_poke64(f, FX_DT + 8, 1ULL << 63 | b);
		fx_mapd(f, per + 1, 3, FX_ITT(6), 1, 0);
		assert_int_equal(fx_peek64(f, b + 8),
				 1ULL << 63 | (FX_ITT(6) >> 8) << 5 | 3);
		fx_mapti(f, per + 1, 2, FX_LPI(2), 0, 0);
		fx_expect_msi(f, per + 1, 2, GICITS_DROP_NONE);
		assert_true(fx_pending(f, 3, FX_LPI(2)));
		fx_fini(f);
	}
}

static void indirect_collection_table(void **state)
{
	unsigned p;

	(void)state;
	for (p = 0; p < 3; p++) {
		struct fx *f = fx_init();
		uint64_t pg = page_bytes[p];
		uint32_t per = (uint32_t)(pg / 8);
		uint64_t a = FX_L2 + 2 * 0x10000;

		f->baser[1] = FX_BASER_VALID | FX_BASER_INDIRECT |
			      page_bits[p] | FX_CT;
		fx_poke64(f, FX_CT, 1ULL << 63 | a);
		fx_start(f);
		fx_mapc(f, 5, 2, 1, 0);
		assert_int_equal(fx_peek64(f, a + 5 * 8),
				 1ULL << 63 | 2ULL << 16 | 5);
		fx_map_event(f, 1, 4, 0, FX_LPI(0), 5, 2);
		fx_expect_msi(f, 1, 0, GICITS_DROP_NONE);
		assert_true(fx_pending(f, 2, FX_LPI(0)));
		/* ICID per + 1: level-1 entry invalid */
		fx_mapc(f, per + 1, 2, 1, GICITS_E_ITS_MAPC_COLLECTION_OOR);
		fx_mapti(f, 1, 1, FX_LPI(1), per + 1, 0);
		fx_expect_msi(f, 1, 1, GICITS_DROP_COLLECTION_UNMAPPED);
		fx_invall(f, per + 1, GICITS_E_ITS_INVALL_UNMAPPED_COLLECTION);
		fx_fini(f);
	}
}

/* Indirect not implemented: BASER<n>.Indirect is RAZ/WI, tables are flat. */
static void indirect_unsupported_is_flat(void **state)
{
	struct fx *f = fx_init();

	(void)state;
	f->icfg.indirect = false;
	f->baser[0] |= FX_BASER_INDIRECT;
	fx_poke64(f, FX_DT, 1ULL << 63 | FX_L2);
	fx_start(f);
	assert_int_equal(fx_rd(f, GICITS_GITS_BASER(0), 8) & FX_BASER_INDIRECT,
			 0);
	fx_mapd(f, 5, 3, FX_ITT(5), 1, 0);
	assert_int_equal(fx_peek64(f, FX_DT + 5 * 8),
			 1ULL << 63 | (FX_ITT(5) >> 8) << 5 | 3);
	assert_int_equal(fx_peek64(f, FX_L2 + 5 * 8), 0);
	fx_mapd(f, 512, 3, FX_ITT(5), 1, GICITS_E_ITS_MAPD_DEVICE_OOR);
	fx_fini(f);
}

static void pta_rdbase_is_an_address(void **state)
{
	struct fx *f = fx_init();
	uint64_t rd = 0x100000000ULL, stride = 0x40000;
	uint64_t rdb[FX_NCPUS + 1];
	unsigned i;

	(void)state;
	f->icfg.pta = true;
	f->gcfg.rd_base = rd;
	f->gcfg.rd_stride = stride;
	fx_start(f);
	assert_int_equal(fx_rd(f, GICITS_GITS_TYPER, 8) >> 19 & 1, 1);
	for (i = 0; i <= FX_NCPUS; i++)
		rdb[i] = (rd + i * stride) >> 16;
	/* RDbase above 16 bits: the mapc_rdbase16 knob does not apply */
	fx_mapc(f, 0, rdb[2], 1, 0);
	assert_int_equal(fx_peek64(f, FX_CT), 1ULL << 63 | rdb[2] << 16);
	fx_mapd(f, 1, 3, FX_ITT(1), 1, 0);
	fx_mapc(f, 1, rdb[3], 1, 0);
	fx_mapti(f, 1, 0, FX_LPI(0), 1, 0);
	fx_mapti(f, 1, 1, FX_LPI(1), 0, 0);
	fx_expect_msi(f, 1, 0, GICITS_DROP_NONE);
	fx_expect_msi(f, 1, 1, GICITS_DROP_NONE);
	assert_true(fx_pending(f, 3, FX_LPI(0)));
	assert_true(fx_pending(f, 2, FX_LPI(1)));
	/* processor numbers, misaligned, beyond the last RD */
	fx_mapc(f, 2, 1, 1, GICITS_E_ITS_MAPC_PROCNUM_OOR);
	fx_mapc(f, 2, rdb[1] + 1, 1, GICITS_E_ITS_MAPC_PROCNUM_OOR);
	fx_mapc(f, 2, rdb[FX_NCPUS], 1, GICITS_E_ITS_MAPC_PROCNUM_OOR);
	fx_mapc(f, 2, (rd - stride) >> 16, 1, GICITS_E_ITS_MAPC_PROCNUM_OOR);
	/* MOVALL and SYNC take addresses too */
	fx_movall(f, rdb[3], rdb[0], 0);
	assert_true(fx_pending(f, 0, FX_LPI(0)));
	assert_false(fx_pending(f, 3, FX_LPI(0)));
	fx_movall(f, 0, 1, GICITS_E_ITS_MOVALL_PROCNUM_OOR);
	fx_movall(f, rdb[0], rdb[FX_NCPUS], GICITS_E_ITS_MOVALL_PROCNUM_OOR);
	fx_sync(f, rdb[1], 0);
	/* MOVI retargets to an address-named collection */
	fx_movi(f, 1, 1, 1, 0);
	assert_true(fx_pending(f, 3, FX_LPI(1)));
	fx_fini(f);

	/* PTA = 0: the same value is a processor number, out of range */
	f = fx_init();
	f->gcfg.rd_base = rd;
	f->gcfg.rd_stride = stride;
	f->icfg.mapc_rdbase16 = false;
	fx_start(f);
	assert_int_equal(fx_rd(f, GICITS_GITS_TYPER, 8) >> 19 & 1, 0);
	fx_mapc(f, 0, rdb[2], 1, GICITS_E_ITS_MAPC_PROCNUM_OOR);
	fx_mapc(f, 0, 2, 1, 0);
	fx_fini(f);
}

/* ICIDs below HCC live in the ITS and never touch the collection table. */
static void hcc_collections(void **state)
{
	struct fx *f = fx_init();

	(void)state;
	f->icfg.hcc = 4;
	f->baser[1] = FX_CT; /* no valid collection table at all */
	fx_start(f);
	assert_int_equal(fx_rd(f, GICITS_GITS_TYPER, 8) >> 24 & 0xFF, 4);
	fx_mapc(f, 3, 2, 1, 0);
	fx_mapc(f, 0, 1, 1, 0);
	fx_mapc(f, 4, 2, 1, GICITS_E_ITS_MAPC_COLLECTION_OOR);
	fx_mapd(f, 1, 3, FX_ITT(1), 1, 0);
	fx_mapti(f, 1, 0, FX_LPI(0), 3, 0);
	fx_mapti(f, 1, 1, FX_LPI(1), 2, 0); /* HCC, not mapped */
	fx_mapti(f, 1, 2, FX_LPI(2), 4, GICITS_E_ITS_MAPTI_COLLECTION_OOR);
	fx_expect_msi(f, 1, 0, GICITS_DROP_NONE);
	assert_true(fx_pending(f, 2, FX_LPI(0)));
	fx_expect_msi(f, 1, 1, GICITS_DROP_COLLECTION_UNMAPPED);
	fx_invall(f, 3, 0);
	fx_invall(f, 2, GICITS_E_ITS_INVALL_UNMAPPED_COLLECTION);
	fx_invall(f, 4, GICITS_E_ITS_INVALL_COLLECTION_OOR);
	fx_movi(f, 1, 0, 0, 0);
	assert_true(fx_pending(f, 1, FX_LPI(0)));
	fx_mapc(f, 0, 0, 0, 0);
	fx_expect_msi(f, 1, 0, GICITS_DROP_COLLECTION_UNMAPPED);
	assert_int_equal(fx_peek64(f, FX_CT), 0);
	fx_fini(f);

	/* a valid collection table nobody backs: only ICIDs >= HCC fault */
	f = fx_init();
	f->icfg.hcc = 4;
	f->icfg.cache = GICITS_CACHE_OFF;
	f->baser[1] = FX_BASER_VALID | FX_NOWHERE;
	fx_start(f);
	fx_map_event(f, 1, 4, 0, FX_LPI(0), 2, 3);
	fx_expect_msi(f, 1, 0, GICITS_DROP_NONE);
	assert_true(fx_pending(f, 3, FX_LPI(0)));
	fx_invall(f, 2, 0);
	fx_mapti(f, 1, 1, FX_LPI(1), 5, 0);
	fx_expect_msi(f, 1, 1, GICITS_DROP_MEMORY_FAULT);
	fx_mapc(f, 5, 0, 1, GICITS_E_ITS_MEMORY_FAULT);
	fx_fini(f);
}

/* ITT entry sizes 8, 12 and 16: entry n at ITT + n * size. */
static void itt_entry_sizes(void **state)
{
	static const unsigned sizes[3] = { 8, 12, 16 };
	unsigned s, i;

	(void)state;
	for (s = 0; s < 3; s++) {
		struct fx *f = fx_init();
		unsigned sz = sizes[s];
		uint8_t *itt;

		f->icfg.ite_size = sz;
		fx_start(f);
		assert_int_equal(fx_rd(f, GICITS_GITS_TYPER, 8) >> 4 & 0xF,
				 sz - 1);
		itt = fx_host(f, FX_ITT(1));
		memset(itt, 0xEE, 0x1000);
		fx_mapd(f, 1, 4, FX_ITT(1), 1, 0);
		fx_mapc(f, 0, 1, 1, 0);
		fx_mapti(f, 1, 3, FX_LPI(3), 0, 0);
		assert_int_equal(fx_peek64(f, FX_ITT(1) + 3 * sz),
				 (uint64_t)FX_LPI(3) << 16);
		for (i = 8; i < sz; i++)
			assert_int_equal(itt[3 * sz + i], 0);
		/* neighbours untouched */
		assert_int_equal(itt[3 * sz - 1], 0xEE);
		assert_int_equal(itt[4 * sz], 0xEE);
		fx_expect_msi(f, 1, 3, GICITS_DROP_NONE);
		assert_true(fx_pending(f, 1, FX_LPI(3)));
		fx_discard(f, 1, 3, 0);
		for (i = 0; i < sz; i++)
			assert_int_equal(itt[3 * sz + i], 0);
		assert_int_equal(itt[4 * sz], 0xEE);
		fx_fini(f);
	}
}

/* ITT_addr is 256-byte aligned: low bits in the command are ignored. */
static void itt_address_alignment(void **state)
{
	struct fx *f = fx_init();

	(void)state;
	fx_start(f);
	{
		struct gicits_cmd c = fx_c_mapd(1, 3, FX_ITT(1), true);

		c.dw[2] |= 0xFF; /* below ITT_addr [51:8]: raw bits */
		fx_cmdc(f, c, 0);
	}
	assert_int_equal(fx_peek64(f, FX_DT + 8),
			 1ULL << 63 | (FX_ITT(1) >> 8) << 5 | 3);
	fx_mapc(f, 0, 0, 1, 0);
	fx_mapti(f, 1, 2, FX_LPI(2), 0, 0);
	assert_int_equal(fx_peek64(f, FX_ITT(1) + 2 * 12), (uint64_t)FX_LPI(2)
								   << 16);
	fx_fini(f);
}

/* A BASER rewritten while disabled takes effect at the next enable. */
static void baser_rewrite_while_disabled(void **state)
{
	struct fx *f = fx_init();

	(void)state;
	fx_start(f);
	fx_map_event(f, 1, 4, 0, FX_LPI(0), 0, 0);
	fx_expect_msi(f, 1, 0, GICITS_DROP_NONE);
	fx_wr(f, GICITS_GITS_CTLR, 4, 0);
	fx_wr(f, GICITS_GITS_BASER(0), 8, FX_BASER_VALID | FX_L2);
	fx_wr(f, GICITS_GITS_CTLR, 4, 1);
	fx_expect_msi(f, 1, 0, GICITS_DROP_DEVICE_UNMAPPED);
	fx_mapd(f, 1, 3, FX_ITT(1), 1, 0);
	assert_int_not_equal(fx_peek64(f, FX_L2 + 8), 0);
	fx_expect_msi(f, 1, 0, GICITS_DROP_NONE);
	/* Valid = 0: no device table */
	fx_wr(f, GICITS_GITS_CTLR, 4, 0);
	fx_wr(f, GICITS_GITS_BASER(0), 8, FX_L2);
	fx_wr(f, GICITS_GITS_CTLR, 4, 1);
	fx_expect_msi(f, 1, 0, GICITS_DROP_NO_TABLE);
	fx_fini(f);
}

/* The command queue wraps at (Size + 1) * 4 KB. */
static void queue_wraps(void **state)
{
	unsigned qsize, i;

	(void)state;
	for (qsize = 0; qsize < 2; qsize++) {
		struct fx *f = fx_init();
		uint64_t bytes = (qsize + 1) * 0x1000ULL;
		unsigned slots = (unsigned)(bytes / 32);

		f->cbaser |= qsize;
		fx_start(f);
		for (i = 0; i < slots + 40; i++)
			fx_sync(f, 0, 0);
		assert_int_equal(fx_rd(f, GICITS_GITS_CREADR, 8), 40 * 32);
		assert_int_equal(fx_status(f).commands, slots + 40);
		/* a full queue (slots - 1 commands) in one batch */
		fx_mapc(f, 0, 1, 1, 0);
		fx_mapd(f, 1, 7, FX_ITT(1), 1, 0);
		for (i = 0; i < slots - 1; i++)
			fx_putc(f, fx_c_mapti(1, i, FX_LPI(i), 0));
		fx_kick(f);
		assert_int_equal(fx_status(f).commands, 2 * slots + 41);
		assert_int_equal(fx_rd(f, GICITS_GITS_CREADR, 8), f->cw);
		fx_expect_msi(f, 1, slots - 2, GICITS_DROP_NONE);
		assert_true(fx_pending(f, 1, FX_LPI(slots - 2)));
		fx_fini(f);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(flat_table_capacity),
		cmocka_unit_test(page_size_reserved_is_64k),
		cmocka_unit_test(page_64k_high_address_bits),
		cmocka_unit_test(indirect_device_table),
		cmocka_unit_test(indirect_collection_table),
		cmocka_unit_test(indirect_unsupported_is_flat),
		cmocka_unit_test(pta_rdbase_is_an_address),
		cmocka_unit_test(hcc_collections),
		cmocka_unit_test(itt_entry_sizes),
		cmocka_unit_test(itt_address_alignment),
		cmocka_unit_test(baser_rewrite_while_disabled),
		cmocka_unit_test(queue_wraps),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
