/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * cold_model: what the shape of gicits' index allows for a cold MSI burst,
 * without the library (docs/performance.md, "The cold target").
 *
 * It builds the same three steps the library's cache=on path takes, over
 * the same sizes as `gicits bench`'s translate.cold.burst:
 *   - a 32-byte slot per device (65,536 devices) holding a pointer to the
 *     device's 256 8-byte ITE words, each allocated on its own;
 *   - 4 redistributors, devices round-robin, each with lazily shaped pending
 *     blocks of 32,768 LPIs (4 KiB of pending bits in a 12,416-byte block);
 *   - an MSI = slot -> ITE word -> locked OR into the pending word;
 * and runs bursts of 32 in the library's phases (prefetch every slot, then
 * every ITE word, then every pending word, then do the MSIs).  It has no
 * validation, no seqlock, no collection word and no calls.  In the same
 * process it runs the calibration loop of `gicits bench` (calibration.cold)
 * and prints both and their ratio as one JSON line per round.
 *
 *   cold_model [ROUNDS]      (default 3; about 2 s a round)
 */
#define _POSIX_C_SOURCE 200809L

#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/bits.h" /* PREFETCH(), PREFETCH_W() */

#define LPI_BITS 24
#define NLPI (1ull << LPI_BITS)
#define NDEV (1u << 16) /* 256 events each */
#define NRD 4
#define BLOCK_LPIS 32768u
#define NBLOCK (NLPI / BLOCK_LPIS)
#define BLOCK_BYTES 12416u /* sizeof(struct pend_chunk) in the library */
#define GROUP 32

struct slot {
	uint64_t seq, dte, dir;
	uint64_t *ite; /* the device's 256 ITE words: INTID */
};

static uint64_t now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000000000ull + (uint64_t)t.tv_nsec;
}

static uint64_t xorshift(uint64_t *s)
{
	uint64_t x = *s;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return *s = x;
}

static void *xmalloc(size_t n)
{
	void *p = malloc(n);

	if (!p) {
		fprintf(stderr, "cold_model: out of memory\n");
		exit(1);
	}
	memset(p, 0, n);
	return p;
}

static struct slot *slots;
static unsigned char *blocks[NRD][NBLOCK];

/* pending word of @id on its redistributor (device round-robin) */
static _Atomic uint64_t *pend_word(uint64_t id)
{
	unsigned rd = (unsigned)(id >> 8) % NRD;

	return (_Atomic uint64_t *)(void *)(blocks[rd][id / BLOCK_LPIS] + 64 +
					    (id % BLOCK_LPIS) / 64 * 8);
}

static double calibration(uint64_t *ent, uint64_t *pend, uint64_t *seed)
{
	uint64_t t0 = now_ns(), ops = 0, t;

	do {
		for (unsigned i = 0; i < 65536; i++) {
			uint64_t v = ent[xorshift(seed) >> (64 - LPI_BITS)];

			pend[v >> 6] |= 1ull << (v & 63);
		}
		ops += 65536;
		t = now_ns() - t0;
	} while (t < 1000000000ull);
	return (double)t / (double)ops;
}

static double model(uint64_t *seed)
{
	uint64_t t0 = now_ns(), ops = 0, t, key[GROUP];
	const void *pf[GROUP];

	do {
		for (unsigned b = 0; b < 2048; b++) {
			unsigned k;

			for (k = 0; k < GROUP; k++) {
				key[k] = xorshift(seed) >> (64 - LPI_BITS);
				pf[k] = &slots[key[k] >> 8];
				PREFETCH(pf[k]);
			}
			for (k = 0; k < GROUP; k++) {
				pf[k] = &((const struct slot *)pf[k])
						 ->ite[key[k] & 255];
				PREFETCH(pf[k]);
			}
			for (k = 0; k < GROUP; k++)
				PREFETCH_W((void *)pend_word(
					*(const uint64_t *)pf[k]));
			for (k = 0; k < GROUP; k++) {
				uint64_t id = slots[key[k] >> 8]
						      .ite[key[k] & 255],
					 bit = 1ull << (id % 64);
				_Atomic uint64_t *w = pend_word(id);

				if (!(atomic_load_explicit(
					      w, memory_order_relaxed) &
				      bit))
					atomic_fetch_or(w, bit);
			}
		}
		ops += 2048 * GROUP;
		t = now_ns() - t0;
	} while (t < 1000000000ull);
	return (double)t / (double)ops;
}

int main(int argc, char **argv)
{
	int rounds = argc > 1 ? atoi(argv[1]) : 3;
	uint64_t seed = 7, *ent, *pcal, i;

	if (rounds < 1) {
		fprintf(stderr, "usage: cold_model [ROUNDS]\n");
		return 2;
	}
	slots = xmalloc(sizeof(*slots) * NDEV);
	for (i = 0; i < NDEV; i++) {
		slots[i].ite = xmalloc(256 * 8);
		for (unsigned e = 0; e < 256; e++)
			slots[i].ite[e] = i * 256 + e;
	}
	for (unsigned r = 0; r < NRD; r++)
		for (i = 0; i < NBLOCK; i++)
			blocks[r][i] = xmalloc(BLOCK_BYTES);
	ent = xmalloc(NLPI * 8);
	pcal = xmalloc(NLPI / 8);
	for (i = 0; i < NLPI; i++)
		ent[i] = xorshift(&seed) & (NLPI - 1);
	for (int r = 0; r < rounds; r++) {
		double cal = calibration(ent, pcal, &seed), m = model(&seed);

		printf("{\"bench\":\"cold_model\",\"round\":%d,"
		       "\"calibration_ns\":%.2f,\"model_burst_ns\":%.2f,"
		       "\"model_over_calibration\":%.2f}\n",
		       r, cal, m, m / cal);
	}
	return 0;
}
