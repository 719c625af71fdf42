/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Snapshots (include/gicits/snapshot.h); the KVM ITS table ABI is in
 * test_snapshot_kvm.c.
 *
 * - Round-trip property: random state (commands, MSIs, acks without EOI,
 *   LPI configuration changes, a stalled queue), save, restore into fresh
 *   instances over a copy of guest memory, then the same random stream on
 *   both, comparing every observable after every step; over several
 *   configurations (cache on/off/check and across, HCC, stall policy,
 *   UMSI, two-level device table) and seeds.
 * - Corruption: every single-byte change and every truncation of a small
 *   snapshot is refused and leaves the target working as before.
 */
#include "snapshot_helpers.h"

/* ---- the random stream ---- */

struct op {
	unsigned kind;
	uint32_t a, b, c, d;
};

enum {
	OP_MAPD,
	OP_MAPC,
	OP_MAPTI,
	OP_DISCARD,
	OP_MOVI,
	OP_INT,
	OP_CLEAR,
	OP_MSI,
	OP_ACK,
	OP_EOI,
	OP_CONFIG,
	OP_INV,
	OP_INVALL,
	OP_MOVALL,
	OP_BAD,
	OP_SKIP,
	OP_PMR,
	OP_RETRY,
	OP_N
};

static const unsigned op_weight[OP_N] = { 4, 3, 8, 2, 2, 2, 1, 14, 5,
					  3, 2, 1, 1, 1, 1, 2, 1,  1 };

static void gen_op(uint64_t *rng, struct op *o)
{
	unsigned total = 0, i, r;

	for (i = 0; i < OP_N; i++)
		total += op_weight[i];
	r = (unsigned)(fx_rand(rng) % total);
	for (i = 0; r >= op_weight[i]; i++)
		r -= op_weight[i];
	o->kind = i;
	o->a = (uint32_t)fx_rand(rng);
	o->b = (uint32_t)fx_rand(rng);
	o->c = (uint32_t)fx_rand(rng);
	o->d = (uint32_t)fx_rand(rng);
}

static bool stalled(struct fx *f)
{
	return fx_rd(f, GICITS_GITS_CREADR, 8) & 1;
}

/* Software skips a stalled command: CREADR past it, then CWRITER. */
static uint64_t skip_stalled(struct fx *f)
{
	uint64_t v = fx_rd(f, GICITS_GITS_CREADR, 8);

	if (v & 1) {
		fx_wr(f, GICITS_GITS_CREADR, 8,
		      ((v & ~1ULL) + 32) % fx_qsize(f));
		fx_kick(f);
	}
	return v;
}

/* Apply @o to @f; returns what the caller sees (compared). */
static uint64_t apply_op(struct fx *f, const struct op *o)
{
	uint32_t dev = o->a % NDEV, ev = o->b % NEV, icid = o->c % NCOL;
	uint32_t lpi = FX_LPI(o->d % NLPI);
	unsigned cpu = o->a % f->gcfg.num_cpus, i;

	/* never let a stalled queue fill up: skip stalled commands */
	while (stalled(f) &&
	       ((f->cw - (fx_rd(f, GICITS_GITS_CREADR, 8) & ~1ULL)) %
		fx_qsize(f)) > 64 * 32)
		(void)skip_stalled(f);
	switch (o->kind) {
	case OP_MAPD:
		fx_mapd(f, dev, o->b % 5, FX_ITT(dev), o->c % 8 != 0, FX_ANY);
		return 0;
	case OP_MAPC:
		fx_mapc(f, icid, o->b % f->gcfg.num_cpus, o->d % 10 != 0,
			FX_ANY);
		return 0;
	case OP_MAPTI:
		fx_mapti(f, dev, ev, lpi, icid, FX_ANY);
		return 0;
	case OP_DISCARD:
		fx_discard(f, dev, ev, FX_ANY);
		return 0;
	case OP_MOVI:
		fx_movi(f, dev, ev, icid, FX_ANY);
		return 0;
	case OP_INT:
		fx_int(f, dev, ev, FX_ANY);
		return 0;
	case OP_CLEAR:
		fx_clear(f, dev, ev, FX_ANY);
		return 0;
	case OP_MSI:
		return (uint64_t)(uint32_t)gicits_its_msi(f->its, dev, ev);
	case OP_ACK:
		return gicits_cpu_ack(f->gic, cpu);
	case OP_EOI:
		return (uint64_t)(uint32_t)gicits_cpu_eoi(f->gic, cpu, lpi);
	case OP_CONFIG:
		/* LPI configuration change, made visible with GICR_INVALLR */
		set_config(f, lpi, (uint8_t)((o->b & 0xfc) | (o->c % 4 != 0)));
		for (i = 0; i < f->gcfg.num_cpus; i++)
			assert_int_equal(gicits_rdist_write(f->gic, i,
							    GICITS_GICR_INVALLR,
							    8, 0),
					 0);
		return 0;
	case OP_INV:
		fx_inv(f, dev, ev, FX_ANY);
		return 0;
	case OP_INVALL:
		fx_invall(f, icid, FX_ANY);
		return 0;
	case OP_MOVALL:
		fx_movall(f, o->b % f->gcfg.num_cpus, o->c % f->gcfg.num_cpus,
			  FX_ANY);
		return 0;
	case OP_BAD:
		/* an unknown command: an error, a stall under POLICY_STALL */
		fx_cmdc(f, fx_c_event(0x3f, 0, 0), FX_ANY);
		return 0;
	case OP_SKIP:
		return skip_stalled(f);
	case OP_PMR:
		assert_int_equal(
			gicits_cpu_set_pmr(f->gic, cpu, (uint8_t)(0x80 | o->b)),
			0);
		return 0;
	case OP_RETRY:
		fx_wr(f, GICITS_GITS_CWRITER, 8, f->cw | 1);
		return 0;
	}
	return 0;
}

struct variant {
	const char *name;
	enum gicits_cache_mode cache_a, cache_b;
	unsigned hcc;
	enum gicits_error_policy policy;
	bool umsi;
	bool indirect_dt;
	bool pmr_low;
};

static void run_roundtrip(const struct variant *v, uint64_t seed)
{
	struct fx *a = fx_init(), *b;
	struct gicits_its_config bcfg;
	uint64_t rng = seed * 0x9E3779B97F4A7C15ULL + 1, ra, rb;
	struct op o;
	uint8_t *snap;
	size_t len;
	char ctx[96];
	int i;

	a->icfg.cache = v->cache_a;
	a->icfg.hcc = v->hcc;
	a->icfg.error_policy = v->policy;
	a->icfg.umsi = v->umsi;
	a->icfg.creadr_writable = true; /* skip_stalled() */
	if (v->indirect_dt) {
		/* two-level device table: 4 KB pages of 512 DTEs, one L2 page */
		a->baser[0] = FX_BASER_VALID | FX_BASER_INDIRECT | FX_DT;
		fx_poke64(a, FX_DT, (1ULL << 63) | FX_L2);
	}
	fx_start(a);
	/* random state */
	for (i = 0; i < 300; i++) {
		gen_op(&rng, &o);
		(void)apply_op(a, &o);
	}
	/* make sure there is something active and a stall (if possible) */
	(void)gicits_cpu_ack(a->gic, 0);
	if (v->policy == GICITS_POLICY_STALL)
		fx_cmdc(a, fx_c_event(0x3f, 0, 0), FX_ANY);

	snap = snap_save(a, &len);
	bcfg = a->icfg;
	bcfg.cache = v->cache_b;
	b = fx_fresh(a, &bcfg);
	assert_int_equal(gicits_snapshot_restore(b->gic, &b->its, 1, snap, len),
			 GICITS_OK);
	snprintf(ctx, sizeof(ctx), "%s seed %llu after restore", v->name,
		 (unsigned long long)seed);
	compare(a, b, v->cache_a == v->cache_b, ctx);

	/* the same stream on both */
	for (i = 0; i < 400; i++) {
		gen_op(&rng, &o);
		ra = apply_op(a, &o);
		rb = apply_op(b, &o);
		snprintf(ctx, sizeof(ctx), "%s seed %llu step %d op %u",
			 v->name, (unsigned long long)seed, i, o.kind);
		if (ra != rb)
			fail_msg("%s: result %llu vs %llu", ctx,
				 (unsigned long long)ra,
				 (unsigned long long)rb);
		compare(a, b, v->cache_a == v->cache_b, ctx);
	}
	/* every table the commands wrote is the same too */
	assert_memory_equal(a->sys.ram, b->sys.ram, FX_RAM_SIZE);

	/* save -> restore -> save gives the same bytes */
	{
		struct fx *c = fx_fresh(b, NULL);
		uint8_t *s2, *s3;
		size_t l2, l3;

		s2 = snap_save(b, &l2);
		assert_int_equal(
			gicits_snapshot_restore(c->gic, &c->its, 1, s2, l2),
			GICITS_OK);
		s3 = snap_save(c, &l3);
		assert_int_equal(l2, l3);
		assert_memory_equal(s2, s3, l2);
		free(s2);
		free(s3);
		fx_fini(c);
	}
	free(snap);
	fx_fini(a);
	fx_fini(b);
}

static const struct variant variants[] = {
	{ "cache on", GICITS_CACHE_ON, GICITS_CACHE_ON, 0, GICITS_POLICY_SKIP,
	  false, false, false },
	{ "cache off", GICITS_CACHE_OFF, GICITS_CACHE_OFF, 0,
	  GICITS_POLICY_SKIP, false, false, false },
	{ "cache on->off", GICITS_CACHE_ON, GICITS_CACHE_OFF, 0,
	  GICITS_POLICY_SKIP, false, false, false },
	{ "cache off->on", GICITS_CACHE_OFF, GICITS_CACHE_ON, 0,
	  GICITS_POLICY_SKIP, false, false, false },
	{ "cache check", GICITS_CACHE_CHECK, GICITS_CACHE_CHECK, 0,
	  GICITS_POLICY_SKIP, false, false, false },
	{ "hcc+stall+umsi", GICITS_CACHE_ON, GICITS_CACHE_ON, 3,
	  GICITS_POLICY_STALL, true, false, false },
	{ "stall cache off", GICITS_CACHE_OFF, GICITS_CACHE_OFF, 0,
	  GICITS_POLICY_STALL, false, false, false },
	{ "indirect dt", GICITS_CACHE_ON, GICITS_CACHE_ON, 2,
	  GICITS_POLICY_SKIP, false, true, false },
};

static void test_roundtrip_property(void **state)
{
	unsigned vi;
	uint64_t seed;

	(void)state;
	for (vi = 0; vi < sizeof(variants) / sizeof(variants[0]); vi++)
		for (seed = 1; seed <= 6; seed++)
			run_roundtrip(&variants[vi], seed);
}

/* ---- format, corruption, truncation ---- */

static void test_crc32(void **state)
{
	(void)state;
	assert_int_equal(snap_crc32(0, "123456789", 9), 0xCBF43926u);
	assert_int_equal(snap_crc32(snap_crc32(0, "1234", 4), "56789", 5),
			 0xCBF43926u);
	assert_int_equal(snap_crc32(0, "", 0), 0);
}

static void test_header(void **state)
{
	struct fx *f = small_system(FX_LPI(8));
	size_t len, used;
	uint8_t *s = snap_save(f, &len), small[16];

	(void)state;
	assert_int_equal(len, 32 + 72 + FX_NCPUS * 56 + 208 + 4); /* docs */
	assert_memory_equal(s, "GICITSSN", 8);
	assert_int_equal(le32_read(s + 8), GICITS_SNAPSHOT_VERSION);
	assert_int_equal(le64_read(s + 16), len);
	assert_int_equal(le32_read(s + 24), 1 + FX_NCPUS + 1);
	assert_int_equal(le32_read(s + len - 4), snap_crc32(0, s, len - 4));
	/* too small a buffer: ERANGE and the size needed */
	assert_int_equal(gicits_snapshot_save(f->gic, &f->its, 1, small,
					      sizeof(small), &used),
			 GICITS_ERANGE);
	assert_int_equal(used, len);
	/* argument errors */
	assert_int_equal(gicits_snapshot_save(NULL, &f->its, 1, s, len, &used),
			 GICITS_EINVAL);
	assert_int_equal(gicits_snapshot_save(f->gic, NULL, 1, s, len, &used),
			 GICITS_EINVAL);
	assert_int_equal(gicits_snapshot_save(f->gic, &f->its, 1, s, len, NULL),
			 GICITS_EINVAL);
	assert_int_equal(gicits_snapshot_size(f->gic, &f->its, 1, NULL),
			 GICITS_EINVAL);
	assert_int_equal(gicits_snapshot_restore(f->gic, &f->its, 1, NULL, 4),
			 GICITS_EINVAL);
	assert_int_equal(gicits_snapshot_rebuild_index(NULL), GICITS_EINVAL);
	/* a gic alone */
	assert_int_equal(gicits_snapshot_size(f->gic, NULL, 0, &used), 0);
	assert_true(used > 32);
	free(s);
	fx_fini(f);
}

/* The target still behaves as before a refused restore. */
static void check_untouched(struct fx *t, uint32_t lpi)
{
	assert_false(fx_pending(t, 1, lpi));
	assert_int_equal(gicits_its_msi(t->its, 1, 2), 0);
	assert_true(fx_pending(t, 1, lpi));
	assert_int_equal(gicits_cpu_ack(t->gic, 1), lpi);
	assert_int_equal(gicits_cpu_eoi(t->gic, 1, lpi), 0);
	assert_int_equal(fx_status(t).errors, 0);
	assert_int_equal(fx_rd(t, GICITS_GITS_CTLR, 4) & 1, 1);
}

static void test_corruption(void **state)
{
	struct fx *src = small_system(FX_LPI(5)), *t = small_system(FX_LPI(9));
	size_t len, i, refused = 0;
	uint8_t *s, *c;
	unsigned v;
	int r;

	(void)state;
	/* some state in the snapshot: pending, active, a stall-free queue */
	assert_int_equal(gicits_its_msi(src->its, 1, 2), 0);
	s = snap_save(src, &len);
	c = malloc(len);
	assert_non_null(c);
	for (i = 0; i < len; i++) {
		for (v = 1; v < 256; v++) {
			memcpy(c, s, len);
			c[i] ^= (uint8_t)v;
			r = gicits_snapshot_restore(t->gic, &t->its, 1, c, len);
			if (r != GICITS_EFORMAT && r != GICITS_EVERSION &&
			    r != GICITS_ETRUNC)
				fail_msg("byte %zu ^ 0x%x: %s", i, v,
					 gicits_strerror(r));
			refused++;
		}
		if (i % 64 == 0)
			check_untouched(t, FX_LPI(9));
	}
	for (i = 0; i < len; i++) {
		r = gicits_snapshot_restore(t->gic, &t->its, 1, s, i);
		if (r != GICITS_ETRUNC)
			fail_msg("truncated to %zu: %s", i, gicits_strerror(r));
	}
	/* one byte too many */
	{
		uint8_t *l = calloc(1, len + 1);

		memcpy(l, s, len);
		assert_int_equal(
			gicits_snapshot_restore(t->gic, &t->its, 1, l, len + 1),
			GICITS_EFORMAT);
		free(l);
	}
	check_untouched(t, FX_LPI(9));
	assert_int_equal(refused, len * 255);
	/* and the intact snapshot does restore */
	assert_int_equal(gicits_snapshot_restore(t->gic, &t->its, 1, s, len),
			 GICITS_OK);
	assert_true(fx_pending(t, 1, FX_LPI(5)));
	free(c);
	free(s);
	fx_fini(src);
	fx_fini(t);
}

static void test_semantic_refusals(void **state)
{
	struct fx *src = small_system(FX_LPI(5)), *t = small_system(FX_LPI(9));
	struct gicits_its_config cfg;
	size_t len, its_off, cpu_off;
	uint8_t *s, *c;
	struct fx *d;

	(void)state;
	assert_int_equal(gicits_its_msi(src->its, 1, 2), 0);
	assert_int_equal(gicits_its_msi(src->its, 1, 2), 0);
	s = snap_save(src, &len);
	c = malloc(len);
	its_off = find_section(s, len, 3);
	cpu_off = find_section(s, len, 2);

	/* another version, correctly sealed */
	memcpy(c, s, len);
	le32_write(c + 8, 4);
	reseal(c, len);
	assert_int_equal(gicits_snapshot_restore(t->gic, &t->its, 1, c, len),
			 GICITS_EVERSION);
	/* GITS_CTLR with an unimplemented bit */
	memcpy(c, s, len);
	le32_write(c + its_off + 13 * 4, 0x5);
	reseal(c, len);
	assert_int_equal(gicits_snapshot_restore(t->gic, &t->its, 1, c, len),
			 GICITS_EFORMAT);
	/* BASER2 non-zero */
	memcpy(c, s, len);
	le64_write(c + its_off + 15 * 4 + 4 * 8 + 2 * 8, 1);
	reseal(c, len);
	assert_int_equal(gicits_snapshot_restore(t->gic, &t->its, 1, c, len),
			 GICITS_EFORMAT);
	/* more active priorities than the CPU interface holds */
	memcpy(c, s, len);
	le32_write(c + cpu_off + 36, 300);
	reseal(c, len);
	assert_int_equal(gicits_snapshot_restore(t->gic, &t->its, 1, c, len),
			 GICITS_EFORMAT);
	/* an unknown section type */
	memcpy(c, s, len);
	le32_write(c + its_off - 8, 9);
	reseal(c, len);
	assert_int_equal(gicits_snapshot_restore(t->gic, &t->its, 1, c, len),
			 GICITS_EFORMAT);
	/* a pending INTID below the LPI range (cpu 1 holds LPI 8197) */
	{
		size_t p = find_section(s, len, 2), k;

		/* walk to cpu 1's section */
		p = p + le32_read(s + p - 4) + 8;
		assert_int_equal(le32_read(s + p), 1);
		k = p + 40 + le32_read(s + p + 36);
		assert_int_equal(le32_read(s + k), 1);
		assert_int_equal(le32_read(s + k + 4), FX_LPI(5));
		memcpy(c, s, len);
		le32_write(c + k + 4, 100);
		reseal(c, len);
		assert_int_equal(
			gicits_snapshot_restore(t->gic, &t->its, 1, c, len),
			GICITS_EFORMAT);
	}
	check_untouched(t, FX_LPI(9));

	/* configuration mismatches: EINVAL */
	assert_int_equal(gicits_snapshot_restore(t->gic, NULL, 0, s, len),
			 GICITS_EINVAL);
	cfg = src->icfg;
	cfg.devbits = 12;
	d = fx_fresh(src, &cfg);
	assert_int_equal(gicits_snapshot_restore(d->gic, &d->its, 1, s, len),
			 GICITS_EINVAL);
	fx_fini(d);
	cfg = src->icfg;
	cfg.ite_size = 8;
	d = fx_fresh(src, &cfg);
	assert_int_equal(gicits_snapshot_restore(d->gic, &d->its, 1, s, len),
			 GICITS_EINVAL);
	fx_fini(d);
	/* the cache mode may differ */
	cfg = src->icfg;
	cfg.cache = GICITS_CACHE_OFF;
	d = fx_fresh(src, &cfg);
	assert_int_equal(gicits_snapshot_restore(d->gic, &d->its, 1, s, len),
			 GICITS_OK);
	assert_true(fx_pending(d, 1, FX_LPI(5)));
	fx_fini(d);
	/* another gic's ITS */
	assert_int_equal(gicits_snapshot_restore(t->gic, &src->its, 1, s, len),
			 GICITS_EINVAL);
	/* a gic with another CPU count */
	{
		struct fx *e = fx_init();

		e->gcfg.num_cpus = 2;
		fx_start(e);
		assert_int_equal(
			gicits_snapshot_restore(e->gic, &e->its, 1, s, len),
			GICITS_EINVAL);
		fx_fini(e);
	}
	/* a gic with other priority bits, or another RD_base layout */
	{
		struct fx *e = fx_init();

		e->gcfg.pri_bits = 8;
		fx_start(e);
		assert_int_equal(
			gicits_snapshot_restore(e->gic, &e->its, 1, s, len),
			GICITS_EINVAL);
		fx_fini(e);
		e = fx_init();
		e->gcfg.rd_stride = 0x40000;
		fx_start(e);
		assert_int_equal(
			gicits_snapshot_restore(e->gic, &e->its, 1, s, len),
			GICITS_EINVAL);
		fx_fini(e);
	}
	check_untouched(t, FX_LPI(9));
	free(c);
	free(s);
	fx_fini(src);
	fx_fini(t);
}

/* Two ITSes on one gic in one snapshot; the order is part of it. */
static void test_two_its(void **state)
{
	struct fx *a = small_system(FX_LPI(1)), *b;
	struct gicits_its *a2, *b2, *arr[2], *brr[2];
	uint64_t dt2 = FX_RAM_BASE + 0x120000, ct2 = FX_RAM_BASE + 0x130000;
	uint64_t cq2 = FX_RAM_BASE + 0x140000;
	size_t sz, used;
	uint8_t *s;

	(void)state;
	assert_int_equal(gicits_its_create(&a->icfg, a->gic, &a->sys.mem, &a2),
			 0);
	assert_int_equal(gicits_its_mmio_write(a2, GICITS_GITS_BASER(0), 8,
					       FX_BASER_VALID | dt2, 0),
			 0);
	assert_int_equal(gicits_its_mmio_write(a2, GICITS_GITS_BASER(1), 8,
					       FX_BASER_VALID | ct2, 0),
			 0);
	assert_int_equal(gicits_its_mmio_write(a2, GICITS_GITS_CBASER, 8,
					       FX_BASER_VALID | cq2, 0),
			 0);
	assert_int_equal(gicits_its_mmio_write(a2, GICITS_GITS_CTLR, 4, 1, 0),
			 0);
	/* on ITS 2: MAPD 7 / MAPC 0 -> cpu 2 / MAPTI 7,0 -> LPI 50 */
	fx_pokec(a, cq2, fx_c_mapd(7, 3, FX_RAM_BASE + 0x150000, true));
	fx_pokec(a, cq2 + 32, fx_c_mapc(0, 2, true));
	fx_pokec(a, cq2 + 64, fx_c_mapti(7, 0, FX_LPI(50), 0));
	assert_int_equal(
		gicits_its_mmio_write(a2, GICITS_GITS_CWRITER, 8, 96, 0), 0);
	arr[0] = a->its;
	arr[1] = a2;
	assert_int_equal(gicits_snapshot_size(a->gic, arr, 2, &sz), 0);
	s = malloc(sz);
	assert_int_equal(gicits_snapshot_save(a->gic, arr, 2, s, sz, &used), 0);

	b = fx_fresh(a, NULL);
	assert_int_equal(gicits_its_create(&a->icfg, b->gic, &b->sys.mem, &b2),
			 0);
	brr[0] = b->its;
	brr[1] = b2;
	assert_int_equal(gicits_snapshot_restore(b->gic, brr, 1, s, used),
			 GICITS_EINVAL);
	assert_int_equal(gicits_snapshot_restore(b->gic, brr, 2, s, used), 0);
	assert_int_equal(gicits_its_msi(b2, 7, 0), 0);
	assert_true(fx_pending(b, 2, FX_LPI(50)));
	assert_int_equal(gicits_its_msi(b->its, 1, 2), 0);
	assert_true(fx_pending(b, 1, FX_LPI(1)));
	assert_int_equal(gicits_its_msi(b->its, 7, 0),
			 GICITS_DROP_DEVICE_UNMAPPED);
	gicits_its_destroy(a2);
	gicits_its_destroy(b2);
	free(s);
	fx_fini(a);
	fx_fini(b);
}

/*
 * The rebuilt index is warm (it answers without memory), and an ITT the
 * walk could not read stays unknown and is resolved from memory.
 */
static void test_rebuild_warm_and_faults(void **state)
{
	struct fx *a = fx_init(), *b;
	uint8_t *s;
	size_t len;

	(void)state;
	fx_start(a);
	fx_map_event(a, 1, 4, 2, FX_LPI(1), 0, 1);
	fx_mapd(a, 5, 3, FX_CB_BASE, 1, 0);
	fx_mapti(a, 5, 1, FX_LPI(2), 0, 0);
	s = snap_save(a, &len);
	b = fx_fresh(a, NULL);
	b->cb_fail = true; /* the ITT of device 5 faults during the walk */
	assert_int_equal(gicits_snapshot_restore(b->gic, &b->its, 1, s, len),
			 0);
	b->cb_fail = false;
	/* device 1's ITE is indexed: an ITT edit behind the ITS is not seen */
	memset(fx_host(b, FX_ITT(1)), 0, 256);
	assert_int_equal(gicits_its_msi(b->its, 1, 2), 0);
	assert_true(fx_pending(b, 1, FX_LPI(1)));
	/* device 5's ITE is unknown: read from memory, correct */
	assert_int_equal(gicits_its_msi(b->its, 5, 1), 0);
	assert_true(fx_pending(b, 1, FX_LPI(2)));
	assert_int_equal(gicits_its_msi(b->its, 5, 0),
			 GICITS_DROP_EVENT_UNMAPPED);
	fx_fini(b);

	/* a disabled ITS restores with an empty index (software may edit
	 * tables before enabling) */
	fx_wr(a, GICITS_GITS_CTLR, 4, 0);
	free(s);
	s = snap_save(a, &len);
	b = fx_fresh(a, NULL);
	assert_int_equal(gicits_snapshot_restore(b->gic, &b->its, 1, s, len),
			 0);
	memset(fx_host(b, FX_ITT(1)), 0, 256);
	fx_wr(b, GICITS_GITS_CTLR, 4, 1);
	assert_int_equal(gicits_its_msi(b->its, 1, 2),
			 GICITS_DROP_EVENT_UNMAPPED);
	fx_fini(b);
	free(s);
	fx_fini(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_crc32),
		cmocka_unit_test(test_header),
		cmocka_unit_test(test_corruption),
		cmocka_unit_test(test_semantic_refusals),
		cmocka_unit_test(test_two_its),
		cmocka_unit_test(test_rebuild_warm_and_faults),
		cmocka_unit_test(test_roundtrip_property),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
