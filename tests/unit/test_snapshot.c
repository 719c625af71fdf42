/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Snapshots and the KVM ITS table ABI (include/gicits/snapshot.h).
 *
 * - Round-trip property: random state (commands, MSIs, acks without EOI,
 *   LPI configuration changes, a stalled queue), save, restore into fresh
 *   instances over a copy of guest memory, then the same random stream on
 *   both, comparing every observable after every step; over several
 *   configurations (cache on/off/check and across, HCC, stall policy,
 *   UMSI, two-level device table) and seeds.
 * - Corruption: every single-byte change and every truncation of a small
 *   snapshot is refused and leaves the target working as before.
 * - KVM ABI: export -> import into a fresh ITS delivers identically; the
 *   exported words are exactly KVM's; malformed tables give clear errors.
 */
#include "its_fixture.h"

#include <stdio.h>

#include "common/bits.h"
#include "gicits/snapshot.h"
#include "snapshot/snapshot_internal.h"

/* ---- helpers ---- */

/* A fresh system with @a's configuration (reset state, nothing
 * programmed) over a copy of @a's guest memory. */
static struct fx *fx_fresh(const struct fx *a,
			   const struct gicits_its_config *icfg)
{
	struct fx *b = fx_init();

	b->gcfg = a->gcfg;
	b->gcfg.trace_opaque = b;
	b->icfg = icfg ? *icfg : a->icfg;
	b->icfg.trace = fx_trace;
	b->icfg.trace_opaque = b;
	b->baser[0] = a->baser[0];
	b->baser[1] = a->baser[1];
	b->cbaser = a->cbaser;
	b->cw = a->cw;
	/* a gic and an ITS in reset state: nothing programmed */
	b->sys.d.gic = b->gcfg;
	b->sys.d.its = b->icfg;
	b->sys.d.prop_fill_len = 0;
	b->sys.d.no_rdist = true;
	b->sys.d.its_reset = true;
	assert_int_equal(ts_sys_start(&b->sys), GICITS_OK);
	b->gic = b->sys.gic;
	b->its = b->sys.its;
	memcpy(b->sys.ram, a->sys.ram, FX_RAM_SIZE);
	memcpy(b->cb_mem, a->cb_mem, FX_CB_SIZE);
	return b;
}

static uint8_t *snap_save(struct fx *f, size_t *len)
{
	size_t sz = 0, used = 0;
	uint8_t *buf;

	assert_int_equal(gicits_snapshot_size(f->gic, &f->its, 1, &sz),
			 GICITS_OK);
	buf = malloc(sz);
	assert_non_null(buf);
	assert_int_equal(
		gicits_snapshot_save(f->gic, &f->its, 1, buf, sz, &used),
		GICITS_OK);
	assert_int_equal(used, sz);
	*len = sz;
	return buf;
}

static void set_config(struct fx *f, uint32_t intid, uint8_t v)
{
	*fx_host(f, FX_PROP + (intid - GICITS_LPI_BASE)) = v;
}

struct pend_list {
	uint32_t n;
	uint32_t v[1024];
};

static int pend_add(void *opaque, uint32_t intid)
{
	struct pend_list *p = opaque;

	if (p->n < 1024)
		p->v[p->n] = intid;
	p->n++;
	return 0;
}

static const uint32_t its_regs[] = { GICITS_GITS_CTLR,	   GICITS_GITS_IIDR,
				     GICITS_GITS_TYPER,	   GICITS_GITS_STATUSR,
				     GICITS_GITS_UMSIR,	   GICITS_GITS_CBASER,
				     GICITS_GITS_CWRITER,  GICITS_GITS_CREADR,
				     GICITS_GITS_BASER(0), GICITS_GITS_BASER(1),
				     GICITS_GITS_BASER(2) };

/* Everything a guest or the embedder can observe, compared. */
static void compare(struct fx *a, struct fx *b, bool findings, const char *ctx)
{
	struct gicits_its_status sa = fx_status(a), sb = fx_status(b);
	struct pend_list pa, pb;
	unsigned cpu, i;
	uint64_t va, vb;

	for (i = 0; i < sizeof(its_regs) / sizeof(its_regs[0]); i++) {
		unsigned sz =
			its_regs[i] == GICITS_GITS_CTLR ||
					its_regs[i] == GICITS_GITS_IIDR ||
					its_regs[i] == GICITS_GITS_STATUSR ?
				4 :
				8;

		assert_int_equal(
			gicits_its_mmio_read(a->its, its_regs[i], sz, &va), 0);
		assert_int_equal(
			gicits_its_mmio_read(b->its, its_regs[i], sz, &vb), 0);
		if (va != vb)
			fail_msg("%s: register 0x%x differs: %llx vs %llx", ctx,
				 its_regs[i], (unsigned long long)va,
				 (unsigned long long)vb);
	}
	assert_int_equal(sa.last_error, sb.last_error);
	assert_int_equal(sa.errors, sb.errors);
	assert_int_equal(sa.commands, sb.commands);
	assert_int_equal(sa.stalled, sb.stalled);
	if (findings)
		assert_int_equal(sa.findings, sb.findings);
	for (cpu = 0; cpu < a->gcfg.num_cpus; cpu++) {
		pa.n = pb.n = 0;
		assert_int_equal(gicits_rdist_pending_foreach(a->gic, cpu,
							      pend_add, &pa),
				 0);
		assert_int_equal(gicits_rdist_pending_foreach(b->gic, cpu,
							      pend_add, &pb),
				 0);
		assert_int_equal(pa.n, pb.n);
		assert_memory_equal(pa.v, pb.v,
				    (pa.n < 1024 ? pa.n : 1024) *
					    sizeof(pa.v[0]));
		if (gicits_cpu_hppi(a->gic, cpu) !=
		    gicits_cpu_hppi(b->gic, cpu))
			fail_msg("%s: HPPI of cpu %u differs", ctx, cpu);
		assert_int_equal(gicits_cpu_get_pmr(a->gic, cpu),
				 gicits_cpu_get_pmr(b->gic, cpu));
		for (i = 0; i < 2; i++) {
			uint32_t off = i ? GICITS_GICR_PROPBASER :
					   GICITS_GICR_PENDBASER;

			assert_int_equal(
				gicits_rdist_read(a->gic, cpu, off, 8, &va), 0);
			assert_int_equal(
				gicits_rdist_read(b->gic, cpu, off, 8, &vb), 0);
			assert_int_equal(va, vb);
		}
		assert_int_equal(gicits_rdist_read(a->gic, cpu,
						   GICITS_GICR_CTLR, 4, &va),
				 0);
		assert_int_equal(gicits_rdist_read(b->gic, cpu,
						   GICITS_GICR_CTLR, 4, &vb),
				 0);
		assert_int_equal(va, vb);
	}
}

/* ---- the random stream ---- */

#define NDEV 8u
#define NCOL 6u
#define NEV 32u
#define NLPI 64u

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

/* A small system: one mapped event (dev 1, ev 2 -> LPI 8200 on cpu 1). */
static struct fx *small_system(uint32_t lpi)
{
	struct fx *f = fx_init();

	fx_start(f);
	fx_map_event(f, 1, 4, 2, lpi, 3, 1);
	return f;
}

static void test_header(void **state)
{
	struct fx *f = small_system(FX_LPI(8));
	size_t len, used;
	uint8_t *s = snap_save(f, &len), small[16];

	(void)state;
	assert_int_equal(len, 32 + 40 + FX_NCPUS * 52 + 196 + 4); /* docs */
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

/* Re-seal a modified snapshot with a correct CRC. */
static void reseal(uint8_t *s, size_t len)
{
	le32_write(s + len - 4, snap_crc32(0, s, len - 4));
}

/* Offset of the payload of the first section of @type. */
static size_t find_section(const uint8_t *s, size_t len, uint32_t type)
{
	size_t p = 32;

	while (p + 8 <= len - 4) {
		if (le32_read(s + p) == type)
			return p + 8;
		p += 8 + le32_read(s + p + 4);
	}
	fail_msg("no section %u", type);
	return 0;
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
	le32_write(c + 8, 2);
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
		cmocka_unit_test(test_crc32),
		cmocka_unit_test(test_header),
		cmocka_unit_test(test_corruption),
		cmocka_unit_test(test_semantic_refusals),
		cmocka_unit_test(test_two_its),
		cmocka_unit_test(test_rebuild_warm_and_faults),
		cmocka_unit_test(test_roundtrip_property),
		cmocka_unit_test(test_kvm_export_words),
		cmocka_unit_test(test_kvm_next_caps),
		cmocka_unit_test(test_kvm_roundtrip),
		cmocka_unit_test(test_kvm_malformed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
