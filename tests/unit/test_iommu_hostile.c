/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A hostile guest: random register traffic, random stream tables, CDs,
 * page tables and commands (pointers aimed into RAM so that the walks go
 * deep), random transactions, in each cache mode.  Nothing may crash,
 * read outside the RAM handed over (ASan), or return an API error; every
 * outcome is one of the four.  Deterministic (fixed seeds), bounded;
 * GICITS_IOMMU_SEEDS=N runs N seeds per cache mode instead of 3.
 */
#include "iommu_fixture.h"

static uint64_t rng_state;
static uint64_t ntxn;

static uint64_t rnd(void)
{
	uint64_t x = rng_state;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	rng_state = x;
	return x;
}

/* A value that is often a plausible pointer into the RAM's first 16 MB. */
static uint64_t ptr_like(void)
{
	uint64_t low = rnd() & 0xFFF;

	switch (rnd() % 4) {
	case 0:
		return rnd();
	case 1:
		return IFX_NOWHERE | low;
	default:
		return (IFX_RAM_BASE + (rnd() % 0x1000000)) | (low & 0xFFF) |
		       (rnd() & 0x7FF0000000000400ull);
	}
}

static void scribble(struct ifx *f)
{
	unsigned n = 1 + (unsigned)(rnd() % 3), i;

	for (i = 0; i < n; i++) {
		uint64_t at = IFX_RAM_BASE + ((rnd() % 0x1000000) & ~7ull);

		if (rnd() & 1)
			at = IFX_ST + 64 * (rnd() % 16) + 8 * (rnd() % 4);
		ifx_w64(f, at, ptr_like());
	}
}

static void reg_traffic(struct ifx *f)
{
	static const uint32_t regs[] = {
		GICITS_SMMU_CR0,
		GICITS_SMMU_CR1,
		GICITS_SMMU_CR2,
		GICITS_SMMU_GBPA,
		GICITS_SMMU_IRQ_CTRL,
		GICITS_SMMU_GERRORN,
		GICITS_SMMU_STRTAB_BASE,
		GICITS_SMMU_STRTAB_BASE_CFG,
		GICITS_SMMU_CMDQ_BASE,
		GICITS_SMMU_CMDQ_PROD,
		GICITS_SMMU_CMDQ_CONS,
		GICITS_SMMU_EVENTQ_BASE,
		GICITS_SMMU_EVENTQ_PROD,
		GICITS_SMMU_EVENTQ_CONS,
		GICITS_SMMU_EVENTQ_IRQ_CFG0,
		GICITS_SMMU_GERROR_IRQ_CFG0,
	};
	uint32_t off;
	unsigned size = rnd() & 1 ? 8 : 4;
	uint64_t v = rnd() & 1 ? ptr_like() : rnd();
	int rc;

	if (rnd() % 4)
		off = regs[rnd() % (sizeof(regs) / sizeof(regs[0]))];
	else
		off = (uint32_t)(rnd() % 0x20000) & ~3u;
	if (off & 4)
		size = 4;
	rc = gicits_iommu_mmio_write(f->smmu, off, size, v);
	assert_true(rc == GICITS_OK || rc == GICITS_EACCESS);
	rc = gicits_iommu_mmio_read(f->smmu, off, size, &v);
	assert_true(rc == GICITS_OK || rc == GICITS_EACCESS);
}

static void commands(struct ifx *f)
{
	static const uint8_t ops[] = { 0x01, 0x03, 0x04, 0x05, 0x06, 0x10,
				       0x11, 0x12, 0x13, 0x20, 0x21, 0x28,
				       0x2A, 0x30, 0x46, 0x46, 0x77 };
	unsigned n = 1 + (unsigned)(rnd() % 8), i;

	for (i = 0; i < n; i++) {
		uint64_t dw0 = (rnd() & ~0xFFull) | ops[rnd() % sizeof(ops)];
		uint64_t a = IFX_CMDQ + 16ull * (f->cmd_prod & 0xFF);

		if ((dw0 & 0xFF) == 0x46)
			dw0 &= ~(2ull << 12); /* mostly legal CS */
		ifx_w64(f, a, dw0);
		ifx_w64(f, a + 8, ptr_like());
		f->cmd_prod = (f->cmd_prod + 1) & 0x1FF;
	}
	ifx_wr(f, GICITS_SMMU_CMDQ_PROD, 4, f->cmd_prod);
	if (rnd() % 4 == 0)
		ifx_wr(f, GICITS_SMMU_GERRORN, 4,
		       (uint32_t)ifx_rd(f, GICITS_SMMU_GERROR, 4));
}

static void transactions(struct ifx *f)
{
	unsigned n = 1 + (unsigned)(rnd() % 16), i;

	for (i = 0; i < n; i++) {
		struct gicits_iommu_txn t;
		struct gicits_iommu_result r;

		memset(&t, 0, sizeof(t));
		t.stream_id = (uint32_t)(rnd() % 4 ? rnd() % 16 : rnd() % 600);
		t.ssv = rnd() % 3 == 0;
		t.substream_id = (uint32_t)(rnd() % 4 ? rnd() % 8 : rnd());
		t.addr = rnd() % 4 ? IFX_IOVA + (rnd() % 0x2000) :
			 rnd() % 2 ? rnd() :
				     rnd() % 0x100000000ull;
		t.write = rnd() % 4 != 0;
		t.priv = rnd() & 1;
		t.instr = rnd() & 1;
		assert_int_equal(gicits_iommu_translate(f->smmu, &t, &r),
				 GICITS_OK);
		ntxn++;
		assert_true(r.outcome <= GICITS_IOMMU_RAZWI);
		if (r.outcome > GICITS_IOMMU_BYPASS)
			assert_int_equal(r.pa, 0);
	}
}

/* Valid streams to start from: SIDs 0..15 with stage 1 (random
 * granule), stage 2 or nested configurations, IFX_IOVA mapped in each. */
static void valid_world(struct ifx *f)
{
	static const unsigned gs[3] = { 12, 14, 16 }, tg[3] = { 0, 2, 1 };
	uint32_t sid;

	for (sid = 0; sid < 16; sid++) {
		unsigned g = (unsigned)(rnd() % 3);
		struct ifx_pt s1 = ifx_pt_s1(f, gs[g], 48);
		struct ifx_pt s2 = ifx_pt_s2(f, 12, 40, 1);
		uint64_t cd = ifx_alloc(f, 64, 64), a;
		unsigned kind = sid % 3;

		ifx_cd(f, cd, 16, tg[g], (uint16_t)sid, s1.root, 0);
		ifx_map(f, &s1, IFX_IOVA, 0x80000000ull + 0x10000 * sid, 3,
			IFX_LINUX_MSI_ATTR);
		for (a = IFX_RAM_BASE; a < IFX_RAM_BASE + 0x1000000;
		     a += 0x200000)
			ifx_map(f, &s2, a, a, 2, IFX_AF | IFX_S2AP_RW);
		ifx_map(f, &s2, 0x80000000ull + 0x10000 * sid,
			IFX_DOORBELL & ~0xFFFull, 3, IFX_AF | IFX_S2AP_RW);
		ifx_map(f, &s2, IFX_IOVA, IFX_DOORBELL & ~0xFFFull, 3,
			IFX_AF | IFX_S2AP_RW);
		if (kind == 0)
			ifx_ste(f, sid, ifx_ste_s1(cd, 0, 0), 0, 0, 0);
		else
			ifx_ste(f, sid,
				(kind == 1 ?
					 IFX_STE_V | IFX_STE_CFG(6) :
					 ifx_ste_s1(cd, 0, 0) | IFX_STE_CFG(7)),
				0,
				ifx_ste_dw2((uint16_t)sid, 24, 1, 0, 5, true),
				s2.root);
	}
}

static void hostile_guest(void **state)
{
	enum gicits_iommu_cache m;

	(void)state;
	for (m = GICITS_IOMMU_CACHE_ON; m <= GICITS_IOMMU_CACHE_CHECK; m++) {
		const char *e = getenv("GICITS_IOMMU_SEEDS");
		unsigned seed, nseeds = e ? (unsigned)atoi(e) : 3;

		for (seed = 1; seed <= nseeds; seed++) {
			struct ifx *f = ifx_alloc_only();
			struct gicits_iommu_status st;
			unsigned i;

			rng_state = 0x9E3779B97F4A7C15ull * (seed + 8 * m);
			ntxn = 0;
			f->cfg.cache = m;
			f->cfg.cache_entries = 8;
			f->cfg.msi_write = rnd() & 1 ? NULL : ifx_msi_cb;
			ifx_create(f);
			ifx_linux(f, seed & 1);
			valid_world(f);
			for (i = 0; i < 400; i++) {
				switch (rnd() % 8) {
				case 0:
					reg_traffic(f);
					break;
				case 1:
				case 2:
					scribble(f);
					break;
				case 3:
					commands(f);
					break;
				default:
					transactions(f);
					break;
				}
				if (rnd() % 16 == 0)
					ifx_drain(f);
			}
			st = ifx_status(f);
			/* every transaction is counted once */
			assert_int_equal(st.translated + st.aborted, ntxn);
			print_message("cache %d seed %u: %llu translated, "
				      "%llu aborted, %llu events, %llu "
				      "commands, %llu cmd errors, %llu hits\n",
				      (int)m, seed,
				      (unsigned long long)st.translated,
				      (unsigned long long)st.aborted,
				      (unsigned long long)st.events,
				      (unsigned long long)st.commands,
				      (unsigned long long)st.cmd_errors,
				      (unsigned long long)st.cache_hits);
			ifx_free(f);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hostile_guest),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
