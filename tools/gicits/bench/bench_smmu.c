/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * `gicits bench`: device MSIs through an SMMUv3 and then the ITS (issue 14).
 *  - smmu.msi.hit: each MSI is gicits_iommu_translate() of a write to the
 *    doorbell IOVA (StreamID = DeviceID, a Linux-style stage-1 domain per
 *    StreamID, 4K granule, 48-bit IOVA) whose STE, CD and translation are
 *    cached (cache=on, steady state), then gicits_its_msi() with the
 *    DeviceID of the StreamID, against translate.hot.fast (the same ITS
 *    shape without the SMMU) in alternating rounds of the same run:
 *    "smmu_cost_over_fast" is ns_per_op(smmu) / ns_per_op(fast), target
 *    <= 2.
 *  - smmu.msi.walk: the same through an SMMU with cache=off: the stream
 *    table, the CD and the four-level stage-1 walk read guest memory on
 *    every MSI (what every MSI costs right after CMD_TLBI + CMD_SYNC), with
 *    "walk_cost_over_fast".
 * Shape as translate.hot: 16 devices x 256 events, 4 CPUs.
 */
#define _POSIX_C_SOURCE 200809L

#include "bench.h"
#include "gicits/iommu.h"

#define S_DEV 16u
#define S_EV 256u
#define S_RAM 0x80000000ull /* the SMMU's tables: their own RAM */
#define S_RAM_SIZE 0x200000ull
#define S_ST (S_RAM + 0x0) /* linear stream table, 2^8 STEs */
#define S_CMDQ (S_RAM + 0x4000)
#define S_EVTQ (S_RAM + 0x8000)
#define S_CD (S_RAM + 0x10000) /* one CD per StreamID */
#define S_PT (S_RAM + 0x20000) /* page tables: 4 pages per StreamID */
#define S_DOORBELL 0x08090040ull /* GITS_TRANSLATER */
#define S_IOVA 0xFFBF0040ull /* Linux's MSI IOVA cookie page */

struct smmu_sys {
	uint8_t *ram;
	struct gicits_mem mem;
	struct gicits_iommu *smmu;
};

struct sloop {
	struct bn_loop l;
	struct gicits_its *its;
	struct gicits_iommu *smmu; /* NULL: gicits_its_msi() alone */
	const struct key *keys;
	const char *name;
};

static void w64(struct smmu_sys *s, uint64_t pa, uint64_t v)
{
	unsigned i;

	for (i = 0; i < 8; i++)
		s->ram[pa - S_RAM + i] = (uint8_t)(v >> (8 * i));
}

static void mmio(struct smmu_sys *s, uint32_t off, unsigned size, uint64_t v)
{
	if (gicits_iommu_mmio_write(s->smmu, off, size, v) != GICITS_OK)
		bn_die("SMMU register %#x", off);
}

/* An SMMU as Linux programs it, StreamIDs 0..S_DEV-1 each with its own
 * stage-1 domain (ASID = StreamID + 1) mapping the MSI IOVA page to the
 * ITS doorbell page: L0..L3 tables, AF, AP = RW at EL0 and EL1. */
static void smmu_build(struct smmu_sys *s, enum gicits_iommu_cache cache)
{
	struct gicits_iommu_config c;
	uint32_t sid;

	s->ram = calloc(1, S_RAM_SIZE);
	if (!s->ram)
		bn_die("out of memory");
	gicits_mem_init(&s->mem, NULL, NULL);
	gicits_mem_add_direct(&s->mem, S_RAM, S_RAM_SIZE, s->ram);
	gicits_iommu_config_default(&c);
	c.cache = cache;
	if (gicits_iommu_create(&c, &s->mem, &s->smmu) != GICITS_OK)
		bn_die("gicits_iommu_create");
	for (sid = 0; sid < S_DEV; sid++) {
		uint64_t cd = S_CD + 64ull * sid, pt = S_PT + 0x4000ull * sid;
		uint64_t ste = S_ST + 64ull * sid;
		unsigned l;

		/* 4K granule, T0SZ 16: indices 9 bits per level from 39 */
		for (l = 0; l < 3; l++)
			w64(s,
			    pt + 0x1000ull * l +
				    8 * ((S_IOVA >> (39 - 9 * l)) & 511),
			    (pt + 0x1000ull * (l + 1)) | 3);
		w64(s, pt + 0x3000 + 8 * ((S_IOVA >> 12) & 511),
		    (S_DOORBELL & ~0xFFFull) | 3 | 1ull << 10 | 1ull << 6);
		/* CD: T0SZ 16, TG0 4K, EPD1, V, IPS 48, AA64, R, A, ASET,
		 * ASID */
		w64(s, cd,
		    16 | 1ull << 30 | 1ull << 31 | 5ull << 32 | 1ull << 41 |
			    1ull << 45 | 1ull << 46 | 1ull << 47 |
			    (uint64_t)(sid + 1) << 48);
		w64(s, cd + 8, pt);
		/* STE: V, Config S1 (0b101), S1ContextPtr */
		w64(s, ste, 1 | 5ull << 1 | cd);
	}
	mmio(s, GICITS_SMMU_STRTAB_BASE, 8, S_ST);
	mmio(s, GICITS_SMMU_STRTAB_BASE_CFG, 4, 8);
	mmio(s, GICITS_SMMU_CMDQ_BASE, 8, S_CMDQ | 8);
	mmio(s, GICITS_SMMU_EVENTQ_BASE, 8, S_EVTQ | 7);
	mmio(s, GICITS_SMMU_CR2, 4, 2);
	mmio(s, GICITS_SMMU_CR0, 4, 0xD);
}

static void smmu_destroy(struct smmu_sys *s)
{
	gicits_iommu_destroy(s->smmu);
	free(s->ram);
}

static void srun(struct bn_loop *l, double sec, uint64_t *ops, uint64_t *ns)
{
	struct sloop *h = (struct sloop *)l;
	uint64_t n = 0, t0 = bn_now_ns(), lim = (uint64_t)(sec * 1e9), t;
	uint64_t bad = 0;
	size_t mask = S_DEV * S_EV - 1, i = 0;
	struct gicits_iommu_txn txn;
	struct gicits_iommu_result r;

	if (!h->smmu) {
		*ops = bn_run_keys_for(false, h->its, h->keys, S_DEV * S_EV,
				       sec, ns, &bad);
		if (bad)
			bn_die("%s: %" PRIu64 " MSIs dropped", h->name, bad);
		return;
	}
	memset(&txn, 0, sizeof(txn));
	txn.addr = S_IOVA;
	txn.write = true;
	do {
		unsigned j;

		for (j = 0; j < 4096; j++, i++) {
			const struct key *k = &h->keys[i & mask];

			/* the device's write, then the bus: a write to
			 * GITS_TRANSLATER is an MSI with the DeviceID of
			 * its StreamID (identity here) */
			txn.stream_id = k->dev;
			gicits_iommu_translate(h->smmu, &txn, &r);
			if (r.outcome != GICITS_IOMMU_TRANSLATED ||
			    r.pa != S_DOORBELL ||
			    gicits_its_msi(h->its, k->dev, k->ev))
				bad++;
		}
		n += 4096;
		t = bn_now_ns() - t0;
	} while (t < lim);
	*ops = n;
	*ns = t;
	if (bad)
		bn_die("%s: %" PRIu64 " MSIs not delivered", h->name, bad);
}

void bench_smmu(void)
{
	struct sys_cfg c = { .ncpu = 4,
			     .intid_bits = 16,
			     .devbits = 16,
			     .ev_bits = 8,
			     .nslots = S_DEV };
	struct sys fast;
	struct smmu_sys on, off;
	struct key *keys;
	struct sloop
		hf = { { srun, NULL, 0, 0 },
		       NULL,
		       NULL,
		       NULL,
		       "translate.hot.fast" },
		hh = { { srun, NULL, 0, 0 }, NULL, NULL, NULL, "smmu.msi.hit" },
		hw = {
			{ srun, NULL, 0, 0 }, NULL, NULL, NULL, "smmu.msi.walk"
		};
	struct bn_ratio rh, rw;
	char extra[256];
	const char *ph =
		"\"lpis\":4096,\"devices\":16,\"events_per_device\":256,\"cpus\":4,\"stage\":\"s1\",\"granule\":4096,\"smmu_cache\":\"on\",\"cache\":\"on\"";
	const char *pw =
		"\"lpis\":4096,\"devices\":16,\"events_per_device\":256,\"cpus\":4,\"stage\":\"s1\",\"granule\":4096,\"smmu_cache\":\"off\",\"cache\":\"on\"";

	if (!bn_want("smmu.msi"))
		return;
	bn_sys_create(&fast, &c);
	bn_sys_map(&fast, 0, S_DEV, 0, S_EV, ICID_RR, 0);
	keys = bn_make_keys(0, S_DEV, S_EV, 1);
	smmu_build(&on, GICITS_IOMMU_CACHE_ON);
	smmu_build(&off, GICITS_IOMMU_CACHE_OFF);
	hf.its = hh.its = hw.its = fast.its;
	hf.keys = hh.keys = hw.keys = keys;
	hh.smmu = on.smmu;
	hw.smmu = off.smmu;
	if (bn_want("smmu.msi.hit")) {
		/* fast's throughput over smmu's = smmu's cost per MSI over
		 * fast's (target <= 2) */
		bn_rounds(&hf.l, &hh.l, &rh);
		extra[0] = 0;
		bn_ratio_json(extra, sizeof(extra), "smmu_cost_over_fast", &rh);
		bn_emit("smmu.msi.hit", ph, hh.l.ops, hh.l.ns, extra);
	}
	if (bn_want("smmu.msi.walk")) {
		hf.l.ops = hf.l.ns = 0;
		bn_rounds(&hf.l, &hw.l, &rw);
		extra[0] = 0;
		bn_ratio_json(extra, sizeof(extra), "walk_cost_over_fast", &rw);
		bn_emit("smmu.msi.walk", pw, hw.l.ops, hw.l.ns, extra);
	}
	free(keys);
	smmu_destroy(&on);
	smmu_destroy(&off);
	bn_sys_destroy(&fast);
}
