/* SPDX-License-Identifier: BSD-2-Clause */
/* `gicits bench`: redistributors (lpi_stress.*, ack.idspace.*,
 * memory.*_redistributor). */
#define _POSIX_C_SOURCE 200809L

#include "bench.h"

/* ---- lpi_stress ----------------------------------------------------- */

struct stress_dev {
	struct gicits_its *its;
	uint32_t dev, nev;
	uint64_t iters, bad;
	atomic_bool *go;
	thrd_t th;
};

static int stress_main(void *arg)
{
	struct stress_dev *d = arg;
	uint64_t i;
	uint32_t e;

	while (!atomic_load_explicit(d->go, memory_order_acquire))
		thrd_yield();
	for (i = 0; i < d->iters; i++)
		for (e = 0; e < d->nev; e++)
			d->bad += gicits_its_msi(d->its, d->dev, e) != 0;
	return 0;
}

struct stress_guest {
	struct sys *s;
	atomic_bool *stop;
	uint64_t acks;
	thrd_t th;
};

static int guest_main(void *arg)
{
	struct stress_guest *g = arg;
	unsigned k = 0;

	while (!atomic_load_explicit(g->stop, memory_order_relaxed)) {
		uint32_t id = gicits_cpu_ack(g->s->gic, k);

		if (id != GICITS_INTID_SPURIOUS) {
			gicits_cpu_eoi(g->s->gic, k, id);
			g->acks++;
		} else {
			k = (k + 1) % g->s->c.ncpu;
		}
	}
	return 0;
}

void bench_lpi_stress(void)
{
	static const unsigned shapes[][3] = {
		{ 1, 1, 1 },	{ 1, 1, 17 },  { 16, 16, 16 },
		{ 16, 16, 17 }, { 32, 32, 1 },
	};
	uint64_t total = bn_opt.quick ? 200000 : 4000000;
	unsigned k;

	for (k = 0; k < sizeof(shapes) / sizeof(shapes[0]); k++) {
		unsigned v = shapes[k][0], nd = shapes[k][1], ne = shapes[k][2],
			 i;
		struct sys_cfg c = { .ncpu = v,
				     .devbits = 16,
				     .ev_bits = bn_bits_for(ne, 0),
				     .nslots = nd };
		struct stress_dev *d = calloc(nd, sizeof(*d));
		uint64_t iters = total / ((uint64_t)nd * ne), t0, t, bad = 0;
		atomic_bool go, stop;
		struct stress_guest g;
		char name[64], params[256], extra[96];
		struct sys s;

		snprintf(name, sizeof(name), "lpi_stress.v%ud%ue%u", v, nd, ne);
		if (!bn_want(name) || !d) {
			free(d);
			continue;
		}
		if (!iters)
			iters = 1;
		c.intid_bits = bn_bits_for(
			GICITS_LPI_BASE + (uint64_t)nd * (1u << c.ev_bits), 16);
		bn_sys_create(&s, &c);
		/* one MAPTI per event, round-robin over the collections */
		bn_sys_map(&s, 0, nd, 0, ne, ICID_RR, 0);
		for (i = 0; i < v; i++) /* INVALL per collection */
			ts_invall(&s.t, i);
		bn_sys_check(&s, name);
		atomic_init(&go, false);
		atomic_init(&stop, false);
		g.s = &s;
		g.stop = &stop;
		g.acks = 0;
		for (i = 0; i < nd; i++) {
			d[i].its = s.its;
			d[i].dev = i;
			d[i].nev = ne;
			d[i].iters = iters;
			d[i].go = &go;
			if (thrd_create(&d[i].th, stress_main, &d[i]) !=
			    thrd_success)
				bn_die("thrd_create failed");
		}
		if (thrd_create(&g.th, guest_main, &g) != thrd_success)
			bn_die("thrd_create failed");
		t0 = bn_now_ns();
		atomic_store_explicit(&go, true, memory_order_release);
		for (i = 0; i < nd; i++) {
			thrd_join(d[i].th, NULL);
			bad += d[i].bad;
		}
		t = bn_now_ns() - t0;
		atomic_store(&stop, true);
		thrd_join(g.th, NULL);
		if (bad)
			bn_die("%s: %" PRIu64 " MSIs dropped", name, bad);
		snprintf(params, sizeof(params),
			 "\"vcpus\":%u,\"devices\":%u,\"events_per_device\":%u,"
			 "\"iterations\":%" PRIu64 ",\"injector_threads\":%u,"
			 "\"ack_threads\":1,\"cores\":%u",
			 v, nd, ne, iters, nd, bn_opt.ncores);
		snprintf(extra, sizeof(extra),
			 ",\"lpis_per_s\":%.0f,\"acks\":%" PRIu64,
			 (double)iters * nd * ne * 1e9 / (double)t, g.acks);
		bn_emit(name, params, iters * nd * ne, t, extra);
		bn_sys_destroy(&s);
		free(d);
	}
}

/* ---- memory: redistributors ----------------------------------------- */

/*
 * ack.idspace.<model>.bits<N>: make one LPI pending (GICR_SETLPIR),
 * acknowledge it and EOI it, on a redistributor whose GIC has N INTID bits.
 * The pending set holds one LPI whatever N is, so the cost must not grow
 * with the INTID space (the acknowledge reads two-level summaries: one
 * word per 64 blocks of 32,768 INTIDs).
 */
void bench_ack_idspace(void)
{
	static const unsigned bits[] = { 16, 24, 32 };
	enum { RAMB = 1 << 20 };
	const uint64_t ram_pa = 0x40000000ull;
	unsigned bi, m;

	for (m = 0; m < 2; m++) {
		for (bi = 0; bi < sizeof(bits) / sizeof(bits[0]); bi++) {
			const char *model = m ? "hpp" : "full";
			struct gicits_gic *gic;
			struct ts_desc d;
			struct ts_sys sys;
			uint64_t ops = 0, t0, t, lim;
			char name[64], params[96];

			snprintf(name, sizeof(name), "ack.idspace.%s.bits%u",
				 model, bits[bi]);
			if (!bn_want(name))
				continue;
			/* one CPU; 64 KB of 0xa3 (enabled, priority 0xa0);
			 * IDbits 15: LPIs 8192..65535 */
			ts_desc_default(&d);
			d.ram_base = ram_pa;
			d.ram_size = RAMB;
			d.gic.num_cpus = 1;
			d.gic.intid_bits = bits[bi];
			d.gic.lpi_cache = m ? GICITS_LPI_CACHE_HPP :
					      GICITS_LPI_CACHE_FULL;
			d.prop = ram_pa;
			d.prop_fill_len = 1 << 16;
			d.prop_idbits = 16;
			d.pend = ram_pa + (1 << 19);
			d.no_its = true;
			if (ts_sys_create(&sys, &d))
				bn_die("%s: system set-up", name);
			gic = sys.gic;
			lim = (uint64_t)(bn_opt.dur * 1e9);
			t0 = bn_now_ns();
			do {
				unsigned k;

				for (k = 0; k < 256; k++) {
					uint32_t id = 8192 + k % 64;

					if (gicits_rdist_write(
						    gic, 0, GICITS_GICR_SETLPIR,
						    8, id) ||
					    gicits_cpu_ack(gic, 0) != id ||
					    gicits_cpu_eoi(gic, 0, id))
						bn_die("%s: LPI %u not delivered",
						       name, id);
				}
				ops += 256;
				t = bn_now_ns() - t0;
			} while (t < lim);
			snprintf(params, sizeof(params),
				 "\"intid_bits\":%u,\"lpi_cache\":\"%s\","
				 "\"op\":\"setlpir+ack+eoi\",\"pending\":1",
				 bits[bi], model);
			bn_emit(name, params, ops, t, "");
			ts_sys_destroy(&sys);
		}
	}
}

void bench_mem_rdist(void)
{
	unsigned n = 4096, ib = bn_opt.quick ? 21 : 25, k;
	uint64_t propsz = (1ull << ib) - GICITS_LPI_BASE,
		 pendsz = bn_align_up((1ull << ib) / 8, PAGE64K);
	uint8_t *prop = malloc(propsz);
	struct gicits_gic_config gc;
	struct gicits_gic *gic;
	struct gicits_mem mem;
	uint64_t r0, h0, r1, h1, r2, h2;
	char params[128], extra[160];
	int err;

	if (!bn_want("memory.idle_redistributor") &&
	    !bn_want("memory.active_redistributor"))
		return;
	if (!prop)
		bn_die("out of memory");
	memset(prop, TS_CFG_BYTE, propsz);
	gicits_mem_init(&mem, &ts_sink_ops, NULL);
	gicits_mem_add_direct(&mem, RAM_BASE, propsz, prop);
	gicits_gic_config_default(&gc);
	gc.num_cpus = n;
	gc.intid_bits = ib;
	bn_rss_settle();
	r0 = ts_rss_bytes();
	h0 = bn_heap_bytes();
	err = gicits_gic_create(&gc, &mem, &gic);
	if (err)
		bn_die("gicits_gic_create: %s", gicits_strerror(err));
	for (k = 0; k < n; k++) {
		gicits_rdist_write(gic, k, GICITS_GICR_PROPBASER, 8,
				   RAM_BASE | (ib - 1));
		gicits_rdist_write(gic, k, GICITS_GICR_PENDBASER, 8,
				   (PEND_BASE + (uint64_t)k * pendsz) |
					   1ull << 62);
		gicits_rdist_write(gic, k, GICITS_GICR_CTLR, 4, 1);
	}
	r1 = ts_rss_bytes();
	h1 = bn_heap_bytes();
	snprintf(params, sizeof(params),
		 "\"redistributors\":%u,\"intid_bits\":%u,\"enable_lpis\":1,"
		 "\"method\":\"rss_delta\"",
		 n, ib);
	snprintf(extra, sizeof(extra),
		 ",\"bytes_per_redistributor\":%.1f,\"heap_bytes\":%" PRIu64
		 ",\"heap_bytes_per_redistributor\":%.1f",
		 (double)bn_delta(r0, r1) / n, bn_delta(h0, h1),
		 (double)bn_delta(h0, h1) / n);
	if (bn_want("memory.idle_redistributor"))
		bn_emit_mem("memory.idle_redistributor", params,
			    bn_delta(r0, r1), extra);
	/* one LPI made pending on each (GICR_SETLPIR), INTIDs 4096 apart */
	for (k = 0; k < n; k++)
		gicits_rdist_write(gic, k, GICITS_GICR_SETLPIR, 8,
				   GICITS_LPI_BASE +
					   ((uint64_t)k * 4096) % propsz);
	r2 = ts_rss_bytes();
	h2 = bn_heap_bytes();
	snprintf(
		params, sizeof(params),
		"\"redistributors\":%u,\"intid_bits\":%u,\"pending_per_redistributor\":1,"
		"\"method\":\"rss_delta\"",
		n, ib);
	snprintf(extra, sizeof(extra),
		 ",\"bytes_per_redistributor\":%.1f,\"heap_bytes\":%" PRIu64
		 ",\"heap_bytes_per_redistributor\":%.1f",
		 (double)bn_delta(r1, r2) / n, bn_delta(h1, h2),
		 (double)bn_delta(h1, h2) / n);
	if (bn_want("memory.active_redistributor"))
		bn_emit_mem("memory.active_redistributor", params,
			    bn_delta(r1, r2), extra);
	gicits_gic_destroy(gic);
	free(prop);
}
