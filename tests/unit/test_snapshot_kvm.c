/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The KVM ITS table ABI (include/gicits/snapshot.h): export -> import into
 * a fresh ITS delivers identically; the exported words are exactly KVM's;
 * malformed tables give clear errors.  Also: index rebuilds and HCC.
 */
#include "snapshot_helpers.h"

/* ---- KVM ABI ---- */

#define K_DT (FX_RAM_BASE + 0x600000)
#define K_CT (FX_RAM_BASE + 0x610000)
#define K_ITT (FX_RAM_BASE + 0x620000)
#define K_ITT_BYTES 0x100000ULL

static struct gicits_kvm_tables kvm_area(void)
{
	struct gicits_kvm_tables t;

	memset(&t, 0, sizeof(t));
	t.dt_base = K_DT;
	t.dt_bytes = 0x10000;
	t.ct_base = K_CT;
	t.ct_bytes = 0x10000;
	t.itt_base = K_ITT;
	t.itt_bytes = K_ITT_BYTES;
	return t;
}

static void test_kvm_export_words(void **state)
{
	struct fx *a = fx_init();
	struct gicits_kvm_tables t = kvm_area();
	struct gicits_kvm_export_info info;
	uint64_t itt0, itt1;

	(void)state;
	a->icfg.hcc = 2;
	fx_start(a);
	fx_mapd(a, 3, 3, FX_ITT(3), 1, 0); /* 16 events */
	fx_mapd(a, 164, 1, FX_ITT(7), 1, 0);
	fx_mapc(a, 1, 2, 1, 0); /* HCC */
	fx_mapc(a, 5, 3, 1, 0);
	fx_mapc(a, 4, 0, 1, 0);
	fx_mapti(a, 3, 0, FX_LPI(10), 5, 0);
	fx_mapti(a, 3, 9, FX_LPI(11), 1, 0);
	fx_mapti(a, 164, 3, FX_LPI(12), 4, 0);
	memset(fx_host(a, K_DT), 0xee, 0x10000); /* stale bytes are cleared */
	memset(fx_host(a, K_CT), 0xee, 0x10000);
	assert_int_equal(gicits_snapshot_kvm_export(a->its, &t, &info), 0);
	assert_int_equal(info.devices, 2);
	assert_int_equal(info.events, 3);
	assert_int_equal(info.collections, 3);
	assert_int_equal(info.itt_used, 256 + 256);
	assert_int_equal(info.baser[0], (1ULL << 63) | 1ULL << 56 | 7ULL << 48 |
						K_DT | 2ULL << 8);
	assert_int_equal(info.baser[1], (1ULL << 63) | 4ULL << 56 | 7ULL << 48 |
						K_CT | 2ULL << 8);
	itt0 = K_ITT;
	itt1 = K_ITT + 256;
	/* DTE: V | next << 49 | ITT >> 8 << 5 | Size */
	assert_int_equal(fx_peek64(a, K_DT + 3 * 8),
			 (1ULL << 63) | 161ULL << 49 | (itt0 >> 8) << 5 | 3);
	assert_int_equal(fx_peek64(a, K_DT + 164 * 8),
			 (1ULL << 63) | (itt1 >> 8) << 5 | 1);
	assert_int_equal(fx_peek64(a, K_DT + 4 * 8), 0);
	/* ITE: next << 48 | pINTID << 16 | ICID */
	assert_int_equal(fx_peek64(a, itt0),
			 9ULL << 48 | (uint64_t)FX_LPI(10) << 16 | 5);
	assert_int_equal(fx_peek64(a, itt0 + 9 * 8),
			 (uint64_t)FX_LPI(11) << 16 | 1);
	assert_int_equal(fx_peek64(a, itt0 + 8), 0);
	assert_int_equal(fx_peek64(a, itt1 + 3 * 8),
			 (uint64_t)FX_LPI(12) << 16 | 4);
	/* CTE: packed, ascending ICID, terminated */
	assert_int_equal(fx_peek64(a, K_CT), (1ULL << 63) | 2ULL << 16 | 1);
	assert_int_equal(fx_peek64(a, K_CT + 8), (1ULL << 63) | 0ULL << 16 | 4);
	assert_int_equal(fx_peek64(a, K_CT + 16),
			 (1ULL << 63) | 3ULL << 16 | 5);
	assert_int_equal(fx_peek64(a, K_CT + 24), 0);

	/* areas too small: ERANGE, argument errors: EINVAL */
	t.dt_bytes = 164 * 8;
	assert_int_equal(gicits_snapshot_kvm_export(a->its, &t, NULL),
			 GICITS_ERANGE);
	t = kvm_area();
	t.ct_bytes = 16;
	assert_int_equal(gicits_snapshot_kvm_export(a->its, &t, NULL),
			 GICITS_ERANGE);
	t = kvm_area();
	t.itt_bytes = 300;
	assert_int_equal(gicits_snapshot_kvm_export(a->its, &t, NULL),
			 GICITS_ERANGE);
	t = kvm_area();
	t.dt_bytes = 7;
	assert_int_equal(gicits_snapshot_kvm_export(a->its, &t, NULL),
			 GICITS_EINVAL);
	assert_int_equal(gicits_snapshot_kvm_export(NULL, &t, NULL),
			 GICITS_EINVAL);
	t = kvm_area();
	t.dt_base = FX_NOWHERE;
	assert_int_equal(gicits_snapshot_kvm_export(a->its, &t, NULL),
			 GICITS_EFAULT);
	fx_fini(a);
}

/* Large gaps: the next fields are capped, and import follows the cap. */
static void test_kvm_next_caps(void **state)
{
	struct fx *a = fx_init(), *b;
	struct gicits_kvm_tables t = kvm_area();
	struct gicits_kvm_export_info info;

	(void)state;
	/* 3 x 64 KB: 24576 DTEs */
	a->baser[0] = FX_BASER_VALID | FX_BASER_PAGE_64K | 2 | FX_DT;
	a->icfg.idbits = 17;
	fx_start(a);
	fx_mapd(a, 0, 16, FX_BIGITT, 1, 0); /* 2^17 events (1.5 MB ITT) */
	fx_mapd(a, 20000, 0, FX_ITT(9), 1, 0);
	fx_mapc(a, 0, 1, 1, 0);
	fx_mapti(a, 0, 0, FX_LPI(1), 0, 0);
	fx_mapti(a, 0, 70000, FX_LPI(2), 0, 0);
	fx_mapti(a, 20000, 1, FX_LPI(3), 0, 0);
	t.dt_base = FX_RAM_BASE + 0x410000;
	t.dt_bytes = 0x30000;
	t.ct_base = FX_RAM_BASE + 0x440000;
	t.ct_bytes = 0x10000;
	t.itt_base = FX_RAM_BASE + 0x450000;
	t.itt_bytes = 0x100000 + 256;
	assert_int_equal(gicits_snapshot_kvm_export(a->its, &t, &info), 0);
	assert_int_equal(fx_peek64(a, t.dt_base) >> 49 & 0x3fff, 16383);
	assert_int_equal(fx_peek64(a, t.itt_base) >> 48, 65535);
	/* import into a KVM-shaped ITS (ite_size 8) over a copy of RAM */
	{
		struct gicits_its_config c = a->icfg;

		c.ite_size = 8;
		b = fx_fresh(a, &c);
	}
	b->baser[0] = info.baser[0];
	b->baser[1] = info.baser[1];
	assert_int_equal(gicits_its_mmio_write(b->its, GICITS_GITS_BASER(0), 8,
					       info.baser[0], 0),
			 0);
	assert_int_equal(gicits_its_mmio_write(b->its, GICITS_GITS_BASER(1), 8,
					       info.baser[1], 0),
			 0);
	for (unsigned cpu = 0; cpu < FX_NCPUS; cpu++)
		fx_rdist_enable(b, cpu, 16);
	assert_int_equal(gicits_snapshot_kvm_import(b->its, &t), 0);
	fx_wr(b, GICITS_GITS_CTLR, 4, 1);
	assert_int_equal(gicits_snapshot_rebuild_index(b->its), 0);
	assert_int_equal(gicits_its_msi(b->its, 0, 70000), 0);
	assert_true(fx_pending(b, 1, FX_LPI(2)));
	assert_int_equal(gicits_its_msi(b->its, 20000, 1), 0);
	assert_true(fx_pending(b, 1, FX_LPI(3)));
	assert_int_equal(gicits_its_msi(b->its, 0, 0), 0);
	assert_true(fx_pending(b, 1, FX_LPI(1)));
	assert_int_equal(gicits_its_msi(b->its, 0, 1),
			 GICITS_DROP_EVENT_UNMAPPED);
	fx_fini(b);
	fx_fini(a);
}

/*
 * Export from a random gicits ITS (ite_size 12, 4 KB pages, HCC) and
 * import into a fresh KVM-shaped ITS (ite_size 8, the exported tables as
 * its own): every (DeviceID, EventID) delivers the same.
 */
static void run_kvm_roundtrip(uint64_t seed, bool import_enabled,
			      enum gicits_cache_mode cache)
{
	struct fx *a = fx_init(), *b;
	struct gicits_kvm_tables t = kvm_area();
	struct gicits_kvm_export_info info;
	struct gicits_its_config c;
	uint64_t rng = seed * 7919 + 3;
	uint32_t dev, ev;
	unsigned cpu, i;
	int ra, rb;

	a->icfg.hcc = seed % 3;
	a->icfg.cache = cache;
	fx_start(a);
	for (i = 0; i < 200; i++) {
		uint64_t r = fx_rand(&rng);

		dev = (uint32_t)(r % NDEV);
		switch ((r >> 8) % 6) {
		case 0:
			fx_mapd(a, dev, (r >> 16) % 5, FX_ITT(dev),
				(r >> 24) % 8 != 0, FX_ANY);
			break;
		case 1:
			fx_mapc(a, (r >> 16) % NCOL, (r >> 24) % FX_NCPUS,
				(r >> 32) % 6 != 0, FX_ANY);
			break;
		case 5:
			fx_discard(a, dev, (r >> 16) % NEV, FX_ANY);
			break;
		default:
			fx_mapti(a, dev, (r >> 16) % NEV,
				 FX_LPI((r >> 24) % NLPI), (r >> 32) % NCOL,
				 FX_ANY);
			break;
		}
	}
	assert_int_equal(gicits_snapshot_kvm_export(a->its, &t, &info), 0);

	c = a->icfg;
	c.ite_size = 8;
	c.cache = cache;
	b = fx_fresh(a, &c);
	for (cpu = 0; cpu < FX_NCPUS; cpu++)
		fx_rdist_enable(b, cpu, 16);
	/* KVM's restore order: BASERs, tables, then GITS_CTLR */
	assert_int_equal(gicits_its_mmio_write(b->its, GICITS_GITS_BASER(0), 8,
					       info.baser[0], 0),
			 0);
	assert_int_equal(gicits_its_mmio_write(b->its, GICITS_GITS_BASER(1), 8,
					       info.baser[1], 0),
			 0);
	if (import_enabled)
		fx_wr(b, GICITS_GITS_CTLR, 4, 1);
	assert_int_equal(gicits_snapshot_kvm_import(b->its, &t), 0);
	if (!import_enabled) {
		fx_wr(b, GICITS_GITS_CTLR, 4, 1);
		assert_int_equal(gicits_snapshot_rebuild_index(b->its), 0);
	}
	for (dev = 0; dev < NDEV + 1; dev++)
		for (ev = 0; ev < NEV + 1; ev++) {
			ra = gicits_its_msi(a->its, dev, ev);
			rb = gicits_its_msi(b->its, dev, ev);
			if (ra != rb)
				fail_msg("seed %llu dev %u ev %u: %d vs %d",
					 (unsigned long long)seed, dev, ev, ra,
					 rb);
		}
	for (cpu = 0; cpu < FX_NCPUS; cpu++) {
		struct pend_list pa, pb;

		pa.n = pb.n = 0;
		gicits_rdist_pending_foreach(a->gic, cpu, pend_add, &pa);
		gicits_rdist_pending_foreach(b->gic, cpu, pend_add, &pb);
		assert_int_equal(pa.n, pb.n);
		assert_memory_equal(pa.v, pb.v, pa.n * sizeof(pa.v[0]));
	}
	/* and the imported ITS exports the same tables again */
	{
		struct gicits_kvm_tables t2 = t;
		uint64_t k;

		t2.dt_base = FX_RAM_BASE + 0x120000;
		t2.ct_base = FX_RAM_BASE + 0x130000;
		t2.itt_base = FX_RAM_BASE + 0x140000;
		t2.itt_bytes = 0x10000;
		assert_int_equal(gicits_snapshot_kvm_export(b->its, &t2, NULL),
				 0);
		for (k = 0; k < 0x10000; k += 8) {
			uint64_t x = fx_peek64(a, K_DT + k),
				 y = fx_peek64(b, t2.dt_base + k);

			/* same but for the ITT address */
			assert_int_equal(x & ~bits_mask(48, 5),
					 y & ~bits_mask(48, 5));
			assert_int_equal(fx_peek64(a, K_CT + k),
					 fx_peek64(b, t2.ct_base + k));
		}
		assert_memory_equal(fx_host(a, K_ITT), fx_host(b, t2.itt_base),
				    info.itt_used);
	}
	fx_fini(a);
	fx_fini(b);
}

static void test_kvm_roundtrip(void **state)
{
	uint64_t seed;

	(void)state;
	for (seed = 1; seed <= 8; seed++) {
		run_kvm_roundtrip(seed, false, GICITS_CACHE_ON);
		run_kvm_roundtrip(seed, true, GICITS_CACHE_ON);
		run_kvm_roundtrip(seed, true, GICITS_CACHE_OFF);
	}
}

/* A KVM-shaped target ITS with flat 64 KB tables at K_DT/K_CT (the KVM
 * tables themselves), enabled, with one mapping of its own (dev 1, ev 2 ->
 * LPI 9 on cpu 1) that a refused import must leave working. */
static struct fx *kvm_target(void)
{
	struct fx *f = fx_init();

	f->icfg.ite_size = 8;
	f->baser[0] = FX_BASER_VALID | FX_BASER_PAGE_64K | K_DT;
	f->baser[1] = FX_BASER_VALID | FX_BASER_PAGE_64K | K_CT;
	fx_start(f);
	fx_map_event(f, 1, 4, 2, FX_LPI(9), 3, 1);
	return f;
}

/* Import from tables at other addresses, expecting @err; the ITS is
 * untouched. */
static void expect_import(struct fx *f, const struct gicits_kvm_tables *src,
			  int err, const char *what)
{
	uint8_t *dt = malloc(0x10000), *ct = malloc(0x10000);
	int r;

	memcpy(dt, fx_host(f, K_DT), 0x10000);
	memcpy(ct, fx_host(f, K_CT), 0x10000);
	r = gicits_snapshot_kvm_import(f->its, src);
	if (r != err)
		fail_msg("%s: got %s, expected %s", what, gicits_strerror(r),
			 gicits_strerror(err));
	assert_memory_equal(dt, fx_host(f, K_DT), 0x10000);
	assert_memory_equal(ct, fx_host(f, K_CT), 0x10000);
	assert_int_equal(gicits_its_msi(f->its, 1, 2), 0);
	assert_int_equal(gicits_cpu_ack(f->gic, 1), FX_LPI(9));
	assert_int_equal(gicits_cpu_eoi(f->gic, 1, FX_LPI(9)), 0);
	free(dt);
	free(ct);
}

#define M_DT (FX_RAM_BASE + 0x120000)
#define M_CT (FX_RAM_BASE + 0x130000)
#define M_L2 (FX_RAM_BASE + 0x140000) /* 64 KB level-2 pages */
#define M_ITT (FX_RAM_BASE + 0x700000)

static uint64_t kdte(uint32_t next, uint64_t itt, unsigned size)
{
	return (1ULL << 63) | (uint64_t)next << 49 | (itt >> 8) << 5 | size;
}

static uint64_t kite(uint32_t next, uint32_t intid, uint16_t icid)
{
	return (uint64_t)next << 48 | (uint64_t)intid << 16 | icid;
}

static uint64_t kcte(unsigned cpu, uint16_t icid)
{
	return (1ULL << 63) | (uint64_t)cpu << 16 | icid;
}

static void clear_m(struct fx *f)
{
	memset(fx_host(f, M_DT), 0, 0x40000);
	memset(fx_host(f, M_ITT), 0, 0x10000);
}

static void test_kvm_malformed(void **state)
{
	struct fx *f = kvm_target();
	struct gicits_kvm_tables t;
	uint64_t rng = 99;
	unsigned i, k;

	(void)state;
	memset(&t, 0, sizeof(t));
	t.dt_base = M_DT;
	t.dt_bytes = 0x10000;
	t.ct_base = M_CT;
	t.ct_bytes = 0x10000;

	/* a well-formed table first: two devices, one collection */
	clear_m(f);
	fx_poke64(f, M_DT + 2 * 8, kdte(3, M_ITT, 1));
	fx_poke64(f, M_DT + 5 * 8, kdte(0, M_ITT + 0x100, 1));
	fx_poke64(f, M_ITT, kite(2, FX_LPI(20), 7));
	fx_poke64(f, M_ITT + 16, kite(0, FX_LPI(21), 7));
	fx_poke64(f, M_ITT + 0x100 + 8, kite(0, FX_LPI(22), 7));
	fx_poke64(f, M_CT, kcte(2, 7));

	/* next lands on an invalid entry */
	fx_poke64(f, M_DT + 2 * 8, kdte(2, M_ITT, 1));
	expect_import(f, &t, GICITS_EFORMAT, "DTE next onto invalid");
	fx_poke64(f, M_DT + 2 * 8, kdte(3, M_ITT, 1));
	/* next beyond the (flat) table */
	fx_poke64(f, M_DT + 5 * 8, kdte(9000, M_ITT + 0x100, 1));
	expect_import(f, &t, GICITS_EFORMAT, "DTE next beyond table");
	fx_poke64(f, M_DT + 5 * 8, kdte(0, M_ITT + 0x100, 1));
	/* ITE next beyond the ITT (4 events) */
	fx_poke64(f, M_ITT + 16, kite(2, FX_LPI(21), 7));
	expect_import(f, &t, GICITS_EFORMAT, "ITE next beyond ITT");
	fx_poke64(f, M_ITT + 16, kite(0, FX_LPI(21), 7));
	/* overlapping ITTs */
	fx_poke64(f, M_DT + 5 * 8, kdte(0, M_ITT, 1));
	expect_import(f, &t, GICITS_ELOOP, "overlapping ITTs");
	fx_poke64(f, M_DT + 5 * 8, kdte(0, M_ITT + 0x100, 1));
	/* out-of-range IDs */
	fx_poke64(f, M_ITT, kite(2, 100, 7));
	expect_import(f, &t, GICITS_ERANGE, "pINTID not an LPI");
	fx_poke64(f, M_ITT, kite(2, FX_LPI(20), 7));
	fx_poke64(f, M_DT + 5 * 8, kdte(0, M_ITT + 0x100, 20));
	expect_import(f, &t, GICITS_ERANGE, "Size beyond ID_bits");
	fx_poke64(f, M_DT + 5 * 8, kdte(0, M_ITT + 0x100, 1));
	fx_poke64(f, M_CT, kcte(99, 7));
	expect_import(f, &t, GICITS_ERANGE, "RDbase names no CPU");
	fx_poke64(f, M_CT, kcte(2, 7));
	fx_poke64(f, M_CT + 8, kcte(1, 7));
	expect_import(f, &t, GICITS_EFORMAT, "duplicate ICID");
	fx_poke64(f, M_CT + 8, kcte(1, 7) | 1ULL << 55);
	expect_import(f, &t, GICITS_EFORMAT, "CTE RES0 bits");
	fx_poke64(f, M_CT + 8, 0);
	/* faults */
	t.dt_base = FX_NOWHERE;
	expect_import(f, &t, GICITS_EFAULT, "device table faults");
	t.dt_base = M_DT;
	fx_poke64(f, M_DT + 5 * 8, kdte(0, FX_NOWHERE, 1));
	expect_import(f, &t, GICITS_EFAULT, "ITT faults");
	fx_poke64(f, M_DT + 5 * 8, kdte(0, M_ITT + 0x100, 1));
	/* argument and configuration errors */
	t.ct_bytes = 12;
	expect_import(f, &t, GICITS_EINVAL, "size not a multiple of 8");
	t.ct_bytes = 0x10000;
	assert_int_equal(gicits_snapshot_kvm_import(NULL, &t), GICITS_EINVAL);
	{
		struct fx *g = small_system(FX_LPI(1)); /* ite_size 12 */

		assert_int_equal(gicits_snapshot_kvm_import(g->its, &t),
				 GICITS_ENOTSUP);
		fx_fini(g);
	}
	/* a device beyond Devbits: a second target with Devbits 8 */
	{
		struct fx *g = fx_init();

		g->icfg.ite_size = 8;
		g->icfg.devbits = 8;
		g->baser[0] = FX_BASER_VALID | FX_BASER_PAGE_64K | K_DT;
		g->baser[1] = FX_BASER_VALID | FX_BASER_PAGE_64K | K_CT;
		fx_start(g);
		memcpy(fx_host(g, M_DT), fx_host(f, M_DT), 0x40000);
		memcpy(fx_host(g, M_ITT), fx_host(f, M_ITT), 0x10000);
		fx_poke64(g, M_DT + 5 * 8, kdte(295, M_ITT + 0x100, 1));
		fx_poke64(g, M_DT + 300 * 8, kdte(0, M_ITT + 0x200, 1));
		assert_int_equal(gicits_snapshot_kvm_import(g->its, &t),
				 GICITS_ERANGE);
		/* BASER0 not valid */
		fx_wr(g, GICITS_GITS_CTLR, 4, 0);
		fx_wr(g, GICITS_GITS_BASER(0), 8, K_DT);
		assert_int_equal(gicits_snapshot_kvm_import(g->its, &t),
				 GICITS_ESTATE);
		fx_fini(g);
	}
	/* indirect: two level-1 descriptors naming one level-2 page */
	t.dt_indirect = true;
	t.dt_bytes = 16;
	memset(fx_host(f, M_L2), 0, 0x10000);
	fx_poke64(f, M_L2 + 8, kdte(0, M_ITT + 0x100, 1));
	fx_poke64(f, M_DT, (1ULL << 63) | M_L2);
	fx_poke64(f, M_DT + 8, 0);
	/* (a valid single-page table imports; checked at the end) */
	fx_poke64(f, M_DT + 8, (1ULL << 63) | M_L2);
	expect_import(f, &t, GICITS_ELOOP, "shared level-2 page");
	fx_poke64(f, M_DT + 8, 0);
	t.dt_indirect = false;
	t.dt_bytes = 0x10000;

	/* garbage tables: any error or success, never a crash */
	for (i = 0; i < 200; i++) {
		clear_m(f);
		for (k = 0; k < 64; k++) {
			uint64_t r = fx_rand(&rng);

			/* DTEs with ITTs inside M_ITT, anything else random */
			r = (r & ~bits_mask(48, 5)) |
			    ((M_ITT + 256 * (r % 256)) >> 8) << 5;
			fx_poke64(f, M_DT + 8 * (fx_rand(&rng) % 64), r);
			fx_poke64(f, M_ITT + 8 * (fx_rand(&rng) % 256),
				  fx_rand(&rng) & 0xffffffffffff00ffULL);
			if (k < 4)
				fx_poke64(f, M_CT + 8 * k, fx_rand(&rng));
		}
		(void)gicits_snapshot_kvm_import(f->its, &t);
	}

	/* finally the well-formed one imports, replacing dev 1's mapping */
	clear_m(f);
	memset(fx_host(f, M_CT), 0, 64);
	fx_poke64(f, M_DT + 2 * 8, kdte(3, M_ITT, 1));
	fx_poke64(f, M_DT + 5 * 8, kdte(0, M_ITT + 0x100, 1));
	fx_poke64(f, M_ITT, kite(2, FX_LPI(20), 7));
	fx_poke64(f, M_ITT + 16, kite(0, FX_LPI(21), 7));
	fx_poke64(f, M_ITT + 0x100 + 8, kite(0, FX_LPI(22), 7));
	fx_poke64(f, M_CT, kcte(2, 7));
	/* bytes the next chain skips (KVM never reads them) */
	fx_poke64(f, M_ITT + 8, kite(0, FX_LPI(30), 7));
	fx_poke64(f, M_ITT + 24, kite(0, 5, 0x1234));
	assert_int_equal(gicits_snapshot_kvm_import(f->its, &t), 0);
	assert_int_equal(gicits_its_msi(f->its, 2, 1),
			 GICITS_DROP_EVENT_UNMAPPED);
	assert_int_equal(gicits_its_msi(f->its, 2, 3),
			 GICITS_DROP_EVENT_UNMAPPED);
	assert_int_equal(fx_peek64(f, M_ITT + 8), 0);
	assert_int_equal(fx_peek64(f, M_ITT + 24), 0);
	assert_int_equal(gicits_its_msi(f->its, 1, 2),
			 GICITS_DROP_DEVICE_UNMAPPED);
	assert_int_equal(gicits_its_msi(f->its, 2, 2), 0);
	assert_true(fx_pending(f, 2, FX_LPI(21)));
	assert_int_equal(gicits_its_msi(f->its, 5, 1), 0);
	assert_true(fx_pending(f, 2, FX_LPI(22)));
	assert_int_equal(gicits_its_msi(f->its, 2, 1),
			 GICITS_DROP_EVENT_UNMAPPED);
	/* the ITT was rewritten in place without next fields */
	assert_int_equal(fx_peek64(f, M_ITT), (uint64_t)FX_LPI(20) << 16 | 7);
	/* collection 3 (mapped before) is gone */
	assert_int_equal(fx_peek64(f, K_CT + 3 * 8), 0);
	fx_fini(f);
}

/*
 * A DTE that no MAPD could have written (Size + 1 beyond GITS_TYPER.ID_bits,
 * IHI 0069 E_ITS_MAPD_ID_OOR) found in memory by an index rebuild stays
 * unindexed: the MSI fast path (cache=on, no trace) skips the EventID width
 * check for indexed devices, so indexing it would deliver an EventID that
 * every other configuration drops as GICITS_DROP_EVENTID_WIDTH.
 */
static void test_rebuild_dte_beyond_idbits(void **state)
{
	struct fx *f = fx_init();
	uint64_t dte_pa = FX_DT + 5 * 8, dte;
	uint32_t big = 1u << 4; /* ID_bits = 4 below */

	(void)state;
	f->icfg.trace = NULL; /* the fast path needs no trace callback */
	f->icfg.cache = GICITS_CACHE_ON;
	f->icfg.idbits = 4;
	fx_start(f);
	/* no trace, so the commands are checked through the status */
	fx_putc(f, fx_c_mapc(0, 0, true)); /* ICID 0 -> CPU 0 */
	fx_putc(f, fx_c_mapd(5, 3, FX_ITT(5), true));
	fx_putc(f, fx_c_mapti(5, 1, FX_LPI(1), 0));
	fx_kick(f);
	assert_int_equal(fx_status(f).errors, 0);
	assert_int_equal(fx_status(f).commands, 3);
	/* the guest widens the DTE behind the ITS (Size = 4: 32 events, one
	 * more bit than ID_bits) and maps EventID 16 */
	dte = fx_peek64(f, dte_pa);
	fx_poke64(f, dte_pa, (dte & ~0x1fULL) | 4);
	fx_poke64(f, FX_ITT(5) + (uint64_t)big * f->icfg.ite_size,
		  (uint64_t)FX_LPI(2) << 16 | 0);
	assert_int_equal(gicits_snapshot_rebuild_index(f->its), 0);
	assert_int_equal(gicits_its_msi(f->its, 5, big),
			 GICITS_DROP_EVENTID_WIDTH);
	assert_int_equal(gicits_rdist_is_pending(f->gic, 0, FX_LPI(2)), 0);
	/* the device itself still translates (from memory) */
	assert_int_equal(gicits_its_msi(f->its, 5, 1), GICITS_DROP_NONE);
	assert_int_equal(gicits_rdist_is_pending(f->gic, 0, FX_LPI(1)), 1);
	fx_fini(f);
}

/*
 * An HCC collection's RDbase wider than MAPC's 35-bit field is refused: with
 * PTA = 1, bits above [47:0] would vanish in the RDbase << 16 address check
 * and the value would pass as a valid redistributor.
 */
static void test_hcc_rdbase_width(void **state)
{
	struct fx *src = fx_init(), *t = fx_init();
	uint64_t rd1 = (0x080A0000ULL + 0x20000ULL) >> 16; /* CPU 1, PTA = 1 */
	size_t len, its_off, ent;
	uint8_t *s, *c;

	(void)state;
	src->icfg.hcc = t->icfg.hcc = 1;
	src->icfg.pta = t->icfg.pta = true;
	fx_start(src);
	fx_start(t);
	assert_int_equal(src->gcfg.rd_base, 0x080A0000ULL);
	assert_int_equal(src->gcfg.rd_stride, 0x20000ULL);
	fx_mapc(src, 0, rd1, 1, 0);
	s = snap_save(src, &len);
	c = malloc(len);
	its_off = find_section(s, len, 3);
	/* 15 words, 4 + 8 doublewords, last_error, 3 doublewords, count */
	ent = its_off + 15 * 4 + 12 * 8 + 4 + 3 * 8 + 4;
	assert_int_equal(le32_read(s + ent), 1); /* valid */
	assert_int_equal(le64_read(s + ent + 4), rd1);
	/* unchanged: restores */
	memcpy(c, s, len);
	assert_int_equal(gicits_snapshot_restore(t->gic, &t->its, 1, c, len),
			 GICITS_OK);
	/* bit 48 set: the address check alone would accept it */
	memcpy(c, s, len);
	le64_write(c + ent + 4, rd1 | 1ULL << 48);
	reseal(c, len);
	assert_int_equal(gicits_snapshot_restore(t->gic, &t->its, 1, c, len),
			 GICITS_EFORMAT);
	free(c);
	free(s);
	fx_fini(src);
	fx_fini(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hcc_rdbase_width),
		cmocka_unit_test(test_rebuild_dte_beyond_idbits),
		cmocka_unit_test(test_kvm_export_words),
		cmocka_unit_test(test_kvm_next_caps),
		cmocka_unit_test(test_kvm_roundtrip),
		cmocka_unit_test(test_kvm_malformed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
