/* SPDX-License-Identifier: BSD-2-Clause */
/* `gicits bench`: translation (hot, cold, zipf, calibration, memory.per_lpi). */
#define _POSIX_C_SOURCE 200809L

#include "bench.h"

/* ---- translate.hot, latency.hot, calibration.hot --------------------- */

#define HOT_DEV 16u
#define HOT_EV 256u

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static void bench_latency(struct sys *s, const struct key *keys)
{
	size_t n = bn_opt.quick ? 50000 : 1000000, i;
	uint64_t *lat = malloc(sizeof(*lat) * n), ovh[1001], sum = 0;
	char extra[256];
	const char *params =
		"\"lpis\":4096,\"devices\":16,\"events_per_device\":256,"
		"\"cache\":\"on\",\"clock\":\"CLOCK_MONOTONIC\"";
	uint64_t o;

	if (!lat)
		bn_die("out of memory");
	for (i = 0; i < 1001; i++) {
		uint64_t a = bn_now_ns();

		ovh[i] = bn_now_ns() - a;
	}
	qsort(ovh, 1001, sizeof(ovh[0]), cmp_u64);
	o = ovh[500];
	for (i = 0; i < n; i++) {
		const struct key *k = &keys[i & 4095];
		uint64_t a = bn_now_ns(), b;

		gicits_its_msi(s->its, k->dev, k->ev);
		b = bn_now_ns() - a;
		lat[i] = b > o ? b - o : 0;
		sum += lat[i];
	}
	qsort(lat, n, sizeof(lat[0]), cmp_u64);
	snprintf(extra, sizeof(extra),
		 ",\"p50_ns\":%" PRIu64 ",\"p99_ns\":%" PRIu64
		 ",\"p99.9_ns\":%" PRIu64 ",\"max_ns\":%" PRIu64
		 ",\"timer_overhead_ns\":%" PRIu64,
		 lat[n / 2], lat[n * 99 / 100], lat[n * 999 / 1000], lat[n - 1],
		 o);
	bn_emit("latency.hot", params, n, sum, extra);
	free(lat);
}

/* translate.hot's loops: gicits_its_msi() on a system, or the same MSIs
 * without the in-flight announcement (its_bench.h) */
struct hot_loop {
	struct bn_loop l;
	struct gicits_its *its;
	const struct key *keys;
	bool unannounced;
	const char *name;
};

static void hot_run(struct bn_loop *l, double sec, uint64_t *ops, uint64_t *ns)
{
	struct hot_loop *h = (struct hot_loop *)l;
	uint64_t bad;

	*ops = bn_run_keys_for(h->unannounced, h->its, h->keys,
			       HOT_DEV * HOT_EV, sec, ns, &bad);
	if (bad)
		bn_die("%s: %" PRIu64 " MSIs dropped", h->name, bad);
}

void bench_hot(void)
{
	struct sys_cfg c = { .ncpu = 4,
			     .intid_bits = 16,
			     .devbits = 16,
			     .ev_bits = 8,
			     .nslots = HOT_DEV };
	struct sys fast, ref;
	struct key *keys;
	struct hot_loop hf = { { hot_run, NULL, 0, 0 },
			       NULL,
			       NULL,
			       false,
			       "translate.hot.fast" },
			hr = { { hot_run, NULL, 0, 0 },
			       NULL,
			       NULL,
			       false,
			       "translate.hot.reference" },
			hu = { { hot_run, NULL, 0, 0 },
			       NULL,
			       NULL,
			       true,
			       "translate.hot.unannounced" };
	struct bn_ratio rr, ru;
	char extra[256];
	const char *pf =
		"\"lpis\":4096,\"devices\":16,\"events_per_device\":256,\"cpus\":4,\"cache\":\"on\"";
	const char *pr =
		"\"lpis\":4096,\"devices\":16,\"events_per_device\":256,\"cpus\":4,\"cache\":\"off\"";

	if (!bn_want("translate.hot") && !bn_want("latency.hot") &&
	    !bn_want("calibration.hot"))
		return;
	bn_sys_create(&fast, &c);
	c.cache = GICITS_CACHE_OFF;
	bn_sys_create(&ref, &c);
	bn_sys_map(&fast, 0, HOT_DEV, 0, HOT_EV, ICID_RR, 0);
	bn_sys_map(&ref, 0, HOT_DEV, 0, HOT_EV, ICID_RR, 0);
	keys = bn_make_keys(0, HOT_DEV, HOT_EV, 1);
	hf.its = hu.its = fast.its;
	hr.its = ref.its;
	hf.keys = hr.keys = hu.keys = keys;
	if (bn_want("translate.hot")) {
		/*
		 * Two ratios, each over alternating rounds: the fast path
		 * over the memory-walking reference, and the announcement's
		 * cost (docs/concurrency.md I10): the public path over the
		 * same MSIs unannounced, on the same system.
		 */
		bn_rounds(&hf.l, &hr.l, &rr);
		bn_emit("translate.hot.fast", pf, hf.l.ops, hf.l.ns, "");
		extra[0] = 0;
		bn_ratio_json(extra, sizeof(extra), "fast_over_reference", &rr);
		bn_emit("translate.hot.reference", pr, hr.l.ops, hr.l.ns,
			extra);
		bn_rounds(&hu.l, &hf.l, &ru);
		extra[0] = 0;
		bn_ratio_json(extra, sizeof(extra), "unannounced_over_fast",
			      &ru);
		bn_emit("translate.hot.unannounced", pf, hu.l.ops, hu.l.ns,
			extra);
	}
	if (bn_want("latency.hot"))
		bench_latency(&fast, keys);
	if (bn_want("calibration.hot")) {
		/* Minimal model: ITE array (8 B) -> pending bitmap OR. */
		uint64_t ite[4096], pend[4096 / 64 + 1], ops = 0, t0, t, lim;
		unsigned i;

		memset(pend, 0, sizeof(pend));
		for (i = 0; i < 4096; i++)
			ite[i] = (uint64_t)(keys[i].dev * HOT_EV + keys[i].ev);
		lim = (uint64_t)(bn_opt.dur * 1e9);
		t0 = bn_now_ns();
		do {
			for (i = 0; i < 65536; i++) {
				uint64_t e = ite[(i * 2654435761u) & 4095];
				volatile uint64_t *w = &pend[e >> 6];

				*w |= 1ull << (e & 63);
			}
			ops += 65536;
			t = bn_now_ns() - t0;
		} while (t < lim);
		bn_emit("calibration.hot", "\"lpis\":4096,\"entry_bytes\":8",
			ops, t, "");
	}
	free(keys);
	bn_sys_destroy(&fast);
	bn_sys_destroy(&ref);
}

/* ---- the big system: memory.per_lpi, translate.cold, translate.zipf -- */

/*
 * Two calibrations over the same footprint (an 8-byte entry array of
 * 2^lpi_bits entries and a pending bitmap), each iteration one random entry
 * load and the OR into the pending word the entry names:
 *  - calibration.cold: iterations independent (the keys come from a PRNG),
 *    so the CPU overlaps the misses of many iterations; the throughput
 *    bound a translation loop with independent keys competes with;
 *  - calibration.cold.dependent: each key depends on the previous
 *    iteration's loads, so every iteration pays two dependent misses in
 *    full: the latency of "two dependent DRAM misses".
 */
struct cal {
	unsigned lpi_bits;
	uint64_t n, *ite, *pend, seed, e;
};

static void cal_params(char *buf, size_t len, uint64_t n, const char *iter,
		       const char *more)
{
	snprintf(buf, len,
		 "\"lpis\":%" PRIu64
		 ",\"entry_bytes\":8,\"footprint_bytes\":%" PRIu64
		 ",\"loads\":\"entry[random] -> pending word[entry]\""
		 ",\"iterations\":\"%s\"%s",
		 n, n * 8 + n / 8, iter, more);
}

static void cal_init(struct cal *c, unsigned lpi_bits)
{
	uint64_t i;

	c->lpi_bits = lpi_bits;
	c->n = 1ull << lpi_bits;
	c->ite = malloc(c->n * 8);
	c->pend = calloc(c->n / 64, 8);
	c->seed = 7;
	c->e = 1;
	if (!c->ite || !c->pend)
		bn_die("out of memory");
	for (i = 0; i < c->n; i++)
		c->ite[i] = ts_splitmix(&c->seed) & (c->n - 1);
}

static void cal_fini(struct cal *c)
{
	free(c->ite);
	free(c->pend);
}

/* calibration.cold's loop for @sec */
static void cal_independent(struct cal *c, double sec, uint64_t *ops,
			    uint64_t *ns)
{
	uint64_t i, t0 = bn_now_ns(), t, lim = (uint64_t)(sec * 1e9);
	unsigned sh = 64 - c->lpi_bits;

	*ops = 0;
	do {
		for (i = 0; i < 65536; i++) {
			uint64_t v = c->ite[ts_xorshift(&c->seed) >> sh];

			c->pend[v >> 6] |= 1ull << (v & 63);
		}
		*ops += 65536;
		t = bn_now_ns() - t0;
	} while (t < lim);
	*ns = t;
}

/* calibration.cold.dependent's loop for @sec */
static void cal_dependent(struct cal *c, double sec, uint64_t *ops,
			  uint64_t *ns)
{
	uint64_t i, t0 = bn_now_ns(), t, lim = (uint64_t)(sec * 1e9);
	unsigned sh = 64 - c->lpi_bits;

	*ops = 0;
	do {
		for (i = 0; i < 4096; i++) {
			uint64_t k = (c->seed ^ c->e) * 0x9e3779b97f4a7c15ull,
				 v, w;

			c->seed = k;
			v = c->ite[k >> sh];
			w = c->pend[v >> 6];
			c->pend[v >> 6] = w | 1ull << (v & 63);
			c->e = v + (w & 1);
		}
		*ops += 4096;
		t = bn_now_ns() - t0;
	} while (t < lim);
	*ns = t;
}

static void bench_zipf(struct sys *s, unsigned lpi_bits)
{
	uint32_t n = 1u << 20, i, *samp;
	size_t ns_ = bn_opt.quick ? (1u << 20) : (1u << 22), j, mask = ns_ - 1;
	double *cdf = malloc(sizeof(double) * n), acc = 0;
	uint64_t seed = 11, ops = 0, t0, t, lim, bad = 0;
	char params[160];

	if (lpi_bits < 20)
		bn_die("zipf needs 2^20 mapped LPIs");
	samp = malloc(sizeof(*samp) * ns_);
	if (!cdf || !samp)
		bn_die("out of memory");
	for (i = 0; i < n; i++)
		cdf[i] = (acc += 1.0 / (double)(i + 1));
	for (j = 0; j < ns_; j++) {
		double u = (double)(ts_splitmix(&seed) >> 11) *
			   (1.0 / 9007199254740992.0) * acc;
		uint32_t lo = 0, hi = n - 1;

		while (lo < hi) {
			uint32_t mid = (lo + hi) / 2;

			if (cdf[mid] < u)
				lo = mid + 1;
			else
				hi = mid;
		}
		/* rank -> LPI: an odd multiplier scatters the hot ranks */
		samp[j] = (uint32_t)((lo * 2654435761u) & (n - 1));
	}
	free(cdf);
	lim = (uint64_t)(bn_opt.dur * 1e9);
	j = 0;
	t0 = bn_now_ns();
	do {
		unsigned k;

		for (k = 0; k < 4096; k++, j++) {
			uint32_t l = samp[j & mask];

			bad += gicits_its_msi(s->its, l >> 8, l & 255) != 0;
		}
		ops += 4096;
		t = bn_now_ns() - t0;
	} while (t < lim);
	if (bad)
		bn_die("translate.zipf.fast: %" PRIu64 " MSIs dropped", bad);
	snprintf(
		params, sizeof(params),
		"\"lpis\":%u,\"s\":1.0,\"samples\":%zu,\"mapped_lpis\":%" PRIu64
		",\"cache\":\"on\"",
		n, ns_, (uint64_t)1 << lpi_bits);
	bn_emit("translate.zipf.fast", params, ops, t, "");
	free(samp);
}

/*
 * translate.cold.fast (gicits_its_msi) and translate.cold.burst (the same
 * kind of keys through gicits_its_msi_burst) in alternating blocks of
 * 4,096 MSIs, each block timed, for @sec: both see the same mix of newly
 * and already pending LPIs as the pending set fills, and the same machine
 * noise.  Adds to ops[0..1] and ns[0..1] (fast, burst).
 */
static void cold_blocks(struct sys *s, unsigned lpi_bits, uint64_t *seed,
			double sec, bool do_fast, bool do_burst, uint64_t *ops,
			uint64_t *ns)
{
	enum { COLD_BURST = 64, BLOCK = 4096 };
	struct gicits_msi m[COLD_BURST];
	uint64_t lim = (uint64_t)(sec * 1e9), t0, bad = 0;
	unsigned sh = 64 - lpi_bits;

	do {
		unsigned k, b;

		if (do_fast) {
			t0 = bn_now_ns();
			for (k = 0; k < BLOCK; k++) {
				uint64_t l = ts_xorshift(seed) >> sh;

				bad += gicits_its_msi(s->its,
						      (uint32_t)(l >> 8),
						      (uint32_t)(l & 255)) != 0;
			}
			ns[0] += bn_now_ns() - t0;
			ops[0] += BLOCK;
		}
		if (do_burst) {
			t0 = bn_now_ns();
			for (b = 0; b < BLOCK / COLD_BURST; b++) {
				for (k = 0; k < COLD_BURST; k++) {
					uint64_t l = ts_xorshift(seed) >> sh;

					m[k].device_id = (uint32_t)(l >> 8);
					m[k].event_id = (uint32_t)(l & 255);
				}
				bad += COLD_BURST -
				       (uint64_t)gicits_its_msi_burst(
					       s->its, m, COLD_BURST, NULL);
			}
			ns[1] += bn_now_ns() - t0;
			ops[1] += BLOCK;
		}
	} while ((do_fast ? ns[0] : ns[1]) < lim);
	if (bad)
		bn_die("translate.cold: %" PRIu64 " MSIs dropped", bad);
}

/*
 * translate.cold.{fast,burst} against calibration.cold in bn_opt.rounds
 * alternating rounds (bench.h), each ratio the median over the rounds
 * with its spread; then calibration.cold.dependent.
 */
static void bench_cold(struct sys *s, unsigned lpi_bits, uint32_t ndev)
{
	unsigned n = bn_opt.rounds ? bn_opt.rounds : 1, i;
	double sec = bn_opt.dur / n, *rf = calloc(n, sizeof(double)),
	       *rb = calloc(n, sizeof(double)), *fb = calloc(n, sizeof(double));
	bool do_fast = bn_want("translate.cold.fast"),
	     do_burst = bn_want("translate.cold.burst"),
	     do_cal = bn_want("calibration.cold");
	uint64_t ops[2] = { 0, 0 }, ns[2] = { 0, 0 }, cops = 0, cns = 0;
	uint64_t seed = 3;
	struct bn_ratio r;
	char params[256], extra[512];
	struct cal c;

	if (!rf || !rb || !fb)
		bn_die("out of memory");
	cal_init(&c, lpi_bits);
	for (i = 0; i < n; i++) {
		uint64_t o[2] = { 0, 0 }, t[2] = { 0, 0 }, co = 0, cn = 0;
		bool cold = do_fast || do_burst;

		if (do_cal && !(i & 1))
			cal_independent(&c, sec, &co, &cn);
		if (cold)
			cold_blocks(s, lpi_bits, &seed, sec, do_fast, do_burst,
				    o, t);
		if (do_cal && (i & 1))
			cal_independent(&c, sec, &co, &cn);
		/* cost over the calibration's: ns per op over ns per op */
		rf[i] = co && o[0] ? ((double)t[0] / (double)o[0]) /
					     ((double)cn / (double)co) :
				     0;
		rb[i] = co && o[1] ? ((double)t[1] / (double)o[1]) /
					     ((double)cn / (double)co) :
				     0;
		fb[i] = o[0] && o[1] ? ((double)t[0] / (double)o[0]) /
					       ((double)t[1] / (double)o[1]) :
				       0;
		ops[0] += o[0];
		ops[1] += o[1];
		ns[0] += t[0];
		ns[1] += t[1];
		cops += co;
		cns += cn;
	}
	if (do_fast) {
		snprintf(params, sizeof(params),
			 "\"lpis\":%" PRIu64
			 ",\"devices\":%u,\"events_per_device\":256,"
			 "\"keys\":\"uniform random\",\"cache\":\"on\"",
			 (uint64_t)1 << lpi_bits, ndev);
		bn_emit("translate.cold.fast", params, ops[0], ns[0], "");
	}
	if (do_burst) {
		snprintf(params, sizeof(params),
			 "\"lpis\":%" PRIu64
			 ",\"devices\":%u,\"events_per_device\":256,"
			 "\"keys\":\"uniform random\",\"cache\":\"on\","
			 "\"burst\":64",
			 (uint64_t)1 << lpi_bits, ndev);
		extra[0] = 0;
		if (do_fast) {
			bn_ratio_of(fb, n, &r);
			bn_ratio_json(extra, sizeof(extra), "fast_over_burst",
				      &r);
		}
		bn_emit("translate.cold.burst", params, ops[1], ns[1], extra);
	}
	if (do_cal) {
		cal_params(params, sizeof(params), c.n, "independent", "");
		extra[0] = 0;
		if (do_fast) {
			bn_ratio_of(rf, n, &r);
			bn_ratio_json(extra, sizeof(extra),
				      "fast_over_calibration", &r);
		}
		if (do_burst) {
			bn_ratio_of(rb, n, &r);
			bn_ratio_json(extra, sizeof(extra),
				      "burst_over_calibration", &r);
		}
		bn_emit("calibration.cold", params, cops, cns, extra);
	}
	if (bn_want("calibration.cold.dependent")) {
		uint64_t o, t;

		cal_dependent(&c, bn_opt.dur, &o, &t);
		cal_params(params, sizeof(params), c.n, "dependent",
			   c.e & 1 ? ",\"check\":1" : ",\"check\":0");
		extra[0] = 0;
		if (ops[0])
			snprintf(extra, sizeof(extra),
				 ",\"fast_over_calibration\":%.2f",
				 ((double)ns[0] / (double)ops[0]) /
					 ((double)t / (double)o));
		bn_emit("calibration.cold.dependent", params, o, t, extra);
	}
	cal_fini(&c);
	free(rf);
	free(rb);
	free(fb);
}

void bench_big(void)
{
	unsigned lpi_bits = bn_opt.quick ? 20 : 24;
	uint32_t ndev = 1u << (lpi_bits - 8);
	struct sys_cfg c = { .ncpu = 4,
			     .intid_bits = lpi_bits + 1,
			     .devbits = 16,
			     .ev_bits = 8,
			     .nslots = ndev };
	uint64_t rss0, heap0, rss1, heap1, t0, tb;
	char params[256], extra[256];
	struct sys s;

	if (!bn_want("memory.per_lpi") && !bn_want("translate.cold") &&
	    !bn_want("translate.zipf") && !bn_want("calibration.cold"))
		return;
	bn_sys_create(&s, &c);
	rss0 = ts_rss_bytes();
	heap0 = bn_heap_bytes();
	t0 = bn_now_ns();
	bn_sys_map(&s, 0, ndev, 0, 256, ICID_RR, 0);
	tb = bn_now_ns() - t0;
	rss1 = ts_rss_bytes();
	heap1 = bn_heap_bytes();
	if (bn_want("memory.per_lpi")) {
		uint64_t b = bn_delta(rss0, rss1), h = bn_delta(heap0, heap1);

		snprintf(params, sizeof(params),
			 "\"lpis\":%" PRIu64
			 ",\"devices\":%u,\"events_per_device\":256,"
			 "\"method\":\"rss_delta\",\"pending\":0",
			 (uint64_t)1 << lpi_bits, ndev);
		snprintf(extra, sizeof(extra),
			 ",\"bytes_per_lpi\":%.2f,\"heap_bytes\":%" PRIu64
			 ",\"heap_bytes_per_lpi\":%.2f,\"build_ns\":%" PRIu64
			 ",\"build_commands_per_s\":%.0f",
			 (double)b / (double)(1ull << lpi_bits), h,
			 (double)h / (double)(1ull << lpi_bits), tb,
			 (double)((1ull << lpi_bits) + ndev) * 1e9 /
				 (double)tb);
		bn_emit_mem("memory.per_lpi", params, b, extra);
	}
	if (bn_want("translate.cold") || bn_want("calibration.cold"))
		bench_cold(&s, lpi_bits, ndev);
	if (bn_want("translate.zipf"))
		bench_zipf(&s, lpi_bits);
	bn_sys_destroy(&s);
}
