/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ITS commands against the translation cache: the three cache modes,
 * dropped MSIs, and a fixed-seed stream of junk commands into three ITSes
 * that differ only in the cache mode.
 */
#include "its_fixture.h"

/* ---- cache modes ----------------------------------------------------- */

/* Event (1, 0) -> LPI 5 on ICID 0 -> CPU 0, delivered once. */
static struct fx *cache_fx(enum gicits_cache_mode mode)
{
	struct fx *f = fx_init();

	f->icfg.cache = mode;
	fx_start(f);
	fx_map_event(f, 1, 4, 0, FX_LPI(5), 0, 0);
	fx_mapc(f, 1, 2, 1, 0);
	fx_expect_msi(f, 1, 0, GICITS_DROP_NONE);
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
		fx_expect_msi(f, 1, 0, GICITS_DROP_NONE);
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
	fx_expect_msi(f, 1, 0, GICITS_DROP_NONE);
	r = fx_find(f, mark, GICITS_TRACE_FINDING);
	assert_non_null(r);
	assert_string_equal(r->rule, "MAPD");
	fx_fini(f);

	f = cache_fx(GICITS_CACHE_CHECK);
	mark = f->nrecs;
	/* CTE retargeted behind the ITS: CPU 3 */
	fx_poke64(f, FX_CT, 1ULL << 63 | 3ULL << 16);
	fx_expect_msi(f, 1, 0, GICITS_DROP_NONE);
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
	fx_expect_msi(f, 1, 0, GICITS_DROP_NONE);
	assert_true(fx_pending(f, 0, FX_LPI(5)));
	fx_fini(f);
	f = cache_fx(GICITS_CACHE_OFF);
	fx_poke64(f, FX_CT, 1ULL << 63 | 3ULL << 16);
	fx_expect_msi(f, 1, 0, GICITS_DROP_NONE);
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
	fx_expect_msi(f, 1, 0, GICITS_DROP_NONE);
	assert_true(fx_pending(f, 0, FX_LPI(6)));
	fx_movi(f, 1, 0, 1, 0);
	assert_true(fx_pending(f, 2, FX_LPI(6)));
	fx_mapc(f, 1, 3, 1, 0);
	fx_expect_msi(f, 1, 0, GICITS_DROP_NONE);
	fx_movall(f, 2, 3, 0);
	cfg[6] = 0x83;
	fx_inv(f, 1, 0, 0);
	fx_invall(f, 1, 0);
	fx_int(f, 1, 0, 0);
	fx_clear(f, 1, 0, 0);
	fx_discard(f, 1, 0, 0);
	fx_expect_msi(f, 1, 0, GICITS_DROP_EVENT_UNMAPPED);
	fx_mapd(f, 1, 4, 0, 0, 0);
	fx_expect_msi(f, 1, 0, GICITS_DROP_DEVICE_UNMAPPED);
	/* reuse the ITT memory for another device */
	fx_mapd(f, 2, 4, FX_ITT(1), 1, 0);
	fx_mapti(f, 2, 3, FX_LPI(7), 1, 0);
	fx_expect_msi(f, 2, 3, GICITS_DROP_NONE);
	fx_expect_msi(f, 2, 0, GICITS_DROP_EVENT_UNMAPPED);
	fx_mapd(f, 1, 4, FX_ITT(1), 1, 0);
	fx_expect_msi(f, 1, 3, GICITS_DROP_NONE);
	fx_mapc(f, 1, 0, 0, 0);
	fx_expect_msi(f, 1, 3, GICITS_DROP_COLLECTION_UNMAPPED);
	/* editing tables while the ITS is disabled is allowed */
	fx_wr(f, GICITS_GITS_CTLR, 4, 0);
	fx_poke64(f, FX_ITT(1) + 3 * 12, (uint64_t)FX_LPI(8) << 16);
	fx_wr(f, GICITS_GITS_CTLR, 4, 1);
	fx_expect_msi(f, 1, 3, GICITS_DROP_NONE);
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
	fx_expect_msi(f, 1, 0, GICITS_DROP_NONE);
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
		fx_expect_msi(f, 1, 0, GICITS_DROP_NONE);
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
	fx_expect_msi(f, 1, 0, GICITS_DROP_ITS_DISABLED);
	fx_wr(f, GICITS_GITS_CTLR, 4, 1);
	fx_map_event(f, 1, 4, 0, FX_LPI(0), 0, 0);
	fx_mapti(f, 1, 1, FX_LPI(1), 1, 0); /* ICID 1 unmapped */
	fx_mapti(f, 1, 2, FX_LPI(2), 2, 0);
	fx_mapc(f, 2, 2, 1, 0);
	fx_mapti(f, 1, 3, 20000, 3, 0);
	fx_mapc(f, 3, 3, 1, 0);
	fx_mapd(f, 4, 4, FX_NOWHERE, 1, 0);

	mark = f->nrecs;
	fx_expect_msi(f, 1, 0, GICITS_DROP_NONE);
	r = fx_find(f, mark, GICITS_TRACE_TRANSLATE);
	assert_non_null(r);
	assert_int_equal(r->intid, FX_LPI(0));
	assert_int_equal(r->cpu, 0);
	fx_expect_msi(f, 1, 1 << 10, GICITS_DROP_EVENTID_WIDTH);
	fx_expect_msi(f, 0x10000, 0, GICITS_DROP_DEVICE_OOR);
	fx_expect_msi(f, 512, 0, GICITS_DROP_DEVICE_OOR);
	fx_expect_msi(f, 2, 0, GICITS_DROP_DEVICE_UNMAPPED);
	fx_expect_msi(f, 1, 16, GICITS_DROP_EVENT_OOR);
	fx_expect_msi(f, 1, 5, GICITS_DROP_EVENT_UNMAPPED);
	fx_expect_msi(f, 1, 1, GICITS_DROP_COLLECTION_UNMAPPED);
	fx_expect_msi(f, 4, 0, GICITS_DROP_MEMORY_FAULT);
	/* target redistributor with EnableLPIs == 0 */
	assert_int_equal(gicits_rdist_write(f->gic, 2, GICITS_GICR_CTLR, 4, 0),
			 0);
	fx_expect_msi(f, 1, 2, GICITS_DROP_LPIS_DISABLED);
	/* INTID beyond the target's PROPBASER.IDbits (14 bits) */
	assert_int_equal(gicits_rdist_write(f->gic, 3, GICITS_GICR_CTLR, 4, 0),
			 0);
	fx_rdist_enable(f, 3, 14);
	fx_expect_msi(f, 1, 3, GICITS_DROP_INTID_OOR);
	assert_false(fx_pending(f, 3, 20000));
	mark = f->nrecs;
	fx_expect_msi(f, 1, 5, GICITS_DROP_EVENT_UNMAPPED);
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
	fx_expect_msi(f, 1, 0, GICITS_DROP_NO_TABLE);
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
