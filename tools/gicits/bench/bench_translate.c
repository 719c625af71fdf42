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

void bench_hot(void)
{
	struct sys_cfg c = { .ncpu = 4,
			     .intid_bits = 16,
			     .devbits = 16,
			     .ev_bits = 8,
			     .nslots = HOT_DEV };
	struct sys fast, ref;
	struct key *keys;
	uint64_t ns_f, ns_r, ops_f, ops_r, bad;
	char extra[128];
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
	ops_f = bn_run_keys(fast.its, keys, HOT_DEV * HOT_EV, &ns_f, &bad);
	if (bad)
		bn_die("translate.hot.fast: %" PRIu64 " MSIs dropped", bad);
	ops_r = bn_run_keys(ref.its, keys, HOT_DEV * HOT_EV, &ns_r, &bad);
	if (bad)
		bn_die("translate.hot.reference: %" PRIu64 " MSIs dropped",
		       bad);
	if (bn_want("translate.hot")) {
		bn_emit("translate.hot.fast", pf, ops_f, ns_f, "");
		snprintf(extra, sizeof(extra), ",\"fast_over_reference\":%.2f",
			 ((double)ops_f / (double)ns_f) /
				 ((double)ops_r / (double)ns_r));
		bn_emit("translate.hot.reference", pr, ops_r, ns_r, extra);
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

/* translate.cold.* ns per MSI of this run, for the calibration lines'
 * ratios (0 when not run) */
static double cold_fast_ns, cold_burst_ns;

static void emit_cold_ratios(char *extra, size_t len, double cal_ns)
{
	int k = 0;

	extra[0] = 0;
	if (cold_fast_ns > 0)
		k = snprintf(extra, len, ",\"fast_over_calibration\":%.2f",
			     cold_fast_ns / cal_ns);
	if (cold_burst_ns > 0 && k >= 0 && (size_t)k < len)
		snprintf(extra + k, len - (size_t)k,
			 ",\"burst_over_calibration\":%.2f",
			 cold_burst_ns / cal_ns);
}

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

static void bench_calibration_cold(unsigned lpi_bits)
{
	uint64_t n = 1ull << lpi_bits, i, ops = 0, t0, t, lim, seed = 7;
	uint64_t *ite = malloc(n * 8), *pend = calloc(n / 64, 8), e = 1;
	char params[200], extra[160];
	double ind_ns;

	if (!ite || !pend)
		bn_die("out of memory");
	for (i = 0; i < n; i++)
		ite[i] = ts_splitmix(&seed) & (n - 1);
	lim = (uint64_t)(bn_opt.dur * 1e9);
	t0 = bn_now_ns();
	do {
		for (i = 0; i < 65536; i++) {
			uint64_t v = ite[ts_xorshift(&seed) >> (64 - lpi_bits)];

			pend[v >> 6] |= 1ull << (v & 63);
		}
		ops += 65536;
		t = bn_now_ns() - t0;
	} while (t < lim);
	cal_params(params, sizeof(params), n, "independent", "");
	ind_ns = (double)t / (double)ops;
	emit_cold_ratios(extra, sizeof(extra), ind_ns);
	bn_emit("calibration.cold", params, ops, t, extra);
	if (bn_want("calibration.cold.dependent")) {
		ops = 0;
		t0 = bn_now_ns();
		do {
			for (i = 0; i < 4096; i++) {
				uint64_t k = (seed ^ e) * 0x9e3779b97f4a7c15ull,
					 v, w;

				seed = k;
				v = ite[k >> (64 - lpi_bits)];
				w = pend[v >> 6];
				pend[v >> 6] = w | 1ull << (v & 63);
				e = v + (w & 1);
			}
			ops += 4096;
			t = bn_now_ns() - t0;
		} while (t < lim);
		cal_params(params, sizeof(params), n, "dependent",
			   e & 1 ? ",\"check\":1" : ",\"check\":0");
		emit_cold_ratios(extra, sizeof(extra), (double)t / (double)ops);
		bn_emit("calibration.cold.dependent", params, ops, t, extra);
	}
	free(ite);
	free(pend);
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

void bench_big(void)
{
	unsigned lpi_bits = bn_opt.quick ? 20 : 24;
	uint32_t ndev = 1u << (lpi_bits - 8);
	struct sys_cfg c = { .ncpu = 4,
			     .intid_bits = lpi_bits + 1,
			     .devbits = 16,
			     .ev_bits = 8,
			     .nslots = ndev };
	uint64_t rss0, heap0, rss1, heap1, t0, tb, lim, seed = 3, bad = 0;
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
	if (bn_want("translate.cold")) {
		/*
		 * translate.cold.fast (gicits_its_msi) and translate.cold.burst
		 * (the same kind of keys through gicits_its_msi_burst) in
		 * alternating blocks of 4,096 MSIs, each block timed: both see
		 * the same mix of newly and already pending LPIs as the
		 * pending set fills, and the same machine noise.
		 */
		enum { COLD_BURST = 64, BLOCK = 4096 };
		struct gicits_msi m[COLD_BURST];
		uint64_t tf = 0, tbu = 0, opf = 0, opb = 0;
		bool do_fast = bn_want("translate.cold.fast"),
		     do_burst = bn_want("translate.cold.burst");

		lim = (uint64_t)(bn_opt.dur * 1e9);
		do {
			unsigned k, b;

			if (do_fast) {
				t0 = bn_now_ns();
				for (k = 0; k < BLOCK; k++) {
					uint64_t l = ts_xorshift(&seed) >>
						     (64 - lpi_bits);

					bad += gicits_its_msi(
						       s.its,
						       (uint32_t)(l >> 8),
						       (uint32_t)(l & 255)) !=
					       0;
				}
				tf += bn_now_ns() - t0;
				opf += BLOCK;
			}
			if (do_burst) {
				t0 = bn_now_ns();
				for (b = 0; b < BLOCK / COLD_BURST; b++) {
					for (k = 0; k < COLD_BURST; k++) {
						uint64_t l =
							ts_xorshift(&seed) >>
							(64 - lpi_bits);

						m[k].device_id =
							(uint32_t)(l >> 8);
						m[k].event_id =
							(uint32_t)(l & 255);
					}
					bad += COLD_BURST -
					       (uint64_t)gicits_its_msi_burst(
						       s.its, m, COLD_BURST,
						       NULL);
				}
				tbu += bn_now_ns() - t0;
				opb += BLOCK;
			}
		} while ((do_fast ? tf : tbu) < lim);
		if (bad)
			bn_die("translate.cold: %" PRIu64 " MSIs dropped", bad);
		if (do_fast) {
			snprintf(params, sizeof(params),
				 "\"lpis\":%" PRIu64
				 ",\"devices\":%u,\"events_per_device\":256,"
				 "\"keys\":\"uniform random\",\"cache\":\"on\"",
				 (uint64_t)1 << lpi_bits, ndev);
			cold_fast_ns = (double)tf / (double)opf;
			bn_emit("translate.cold.fast", params, opf, tf, "");
		}
		if (do_burst) {
			snprintf(params, sizeof(params),
				 "\"lpis\":%" PRIu64
				 ",\"devices\":%u,\"events_per_device\":256,"
				 "\"keys\":\"uniform random\",\"cache\":\"on\","
				 "\"burst\":%d",
				 (uint64_t)1 << lpi_bits, ndev,
				 (int)COLD_BURST);
			cold_burst_ns = (double)tbu / (double)opb;
			extra[0] = 0;
			if (do_fast)
				snprintf(extra, sizeof(extra),
					 ",\"fast_over_burst\":%.2f",
					 cold_fast_ns / cold_burst_ns);
			bn_emit("translate.cold.burst", params, opb, tbu,
				extra);
		}
	}
	if (bn_want("translate.zipf"))
		bench_zipf(&s, lpi_bits);
	bn_sys_destroy(&s);
	if (bn_want("calibration.cold"))
		bench_calibration_cold(lpi_bits);
}
