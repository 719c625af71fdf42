/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The SMMU's hit table (docs/iommu.md, "The hit table"): a completely
 * cached translation read without the lock gives what the cache path
 * gives, counts the same, and never outlives an invalidation; concurrent
 * translations during remaps and TLBIs see the old or the new PA, never
 * anything else, and the counters stay exact.
 */
#define _POSIX_C_SOURCE 200809L

#include "iommu_fixture.h"

#include <pthread.h>
#include <stdatomic.h>

#define OTHER_PAGE (IFX_RAM_BASE + 0x1F00000ULL)

static struct ifx *new_smmu(bool trace)
{
	struct ifx *f = ifx_alloc_only();

	if (!trace)
		f->cfg.trace = NULL; /* the lock-free read */
	ifx_create(f);
	ifx_linux(f, 0);
	return f;
}

/* Same outcomes and counters with and without the lock-free read. */
static void counts_match_cache_path(void **state)
{
	struct ifx *a = new_smmu(true), *b = new_smmu(false);
	struct gicits_iommu_status sa, sb;
	unsigned i;

	(void)state;
	ifx_s1_domain(a, NULL);
	ifx_s1_domain(b, NULL);
	for (i = 0; i < 50; i++) {
		struct gicits_iommu_result ra = ifx_write(a, IFX_SID, IFX_IOVA);
		struct gicits_iommu_result rb = ifx_write(b, IFX_SID, IFX_IOVA);

		assert_int_equal(ra.outcome, GICITS_IOMMU_TRANSLATED);
		assert_int_equal(rb.outcome, ra.outcome);
		assert_int_equal(rb.pa, ra.pa);
		/* reads and unprivileged / privileged variants, too */
		ra = ifx_txn(a, IFX_SID, false, 0, IFX_IOVA + 8, i & 1, i & 2);
		rb = ifx_txn(b, IFX_SID, false, 0, IFX_IOVA + 8, i & 1, i & 2);
		assert_int_equal(rb.outcome, ra.outcome);
		assert_int_equal(rb.pa, ra.pa);
	}
	sa = ifx_status(a);
	sb = ifx_status(b);
	assert_int_equal(sb.translated, sa.translated);
	assert_int_equal(sb.cache_hits, sa.cache_hits);
	assert_int_equal(sa.translated, 100);
	/* one walk, then STE + CD + TLB hits (the page is one TLB entry) */
	assert_int_equal(sa.cache_hits, 99 * 3);
	ifx_free(a);
	ifx_free(b);
}

/* A remap is seen only after CMD_TLBI + CMD_SYNC; then at once. */
static void invalidation_ends_hits(void **state)
{
	struct ifx *f = new_smmu(false);
	uint64_t leaf = ifx_s1_domain(f, NULL);
	unsigned i;

	(void)state;
	for (i = 0; i < 3; i++)
		assert_int_equal(ifx_write(f, IFX_SID, IFX_IOVA).pa,
				 IFX_DOORBELL);
	ifx_w64(f, leaf, OTHER_PAGE | 3 | IFX_LINUX_MSI_ATTR);
	/* no invalidation yet: the cached translation stands (§16.2) */
	assert_int_equal(ifx_write(f, IFX_SID, IFX_IOVA).pa, IFX_DOORBELL);
	ifx_cmd(f, 0x10, 0); /* CMD_TLBI_NH_ALL, VMID 0 */
	ifx_sync(f);
	assert_int_equal(ifx_write(f, IFX_SID, IFX_IOVA).pa,
			 OTHER_PAGE | (IFX_IOVA & 0xFFF));
	/* a register write (SMMUEN = 0, GBPA bypass) too */
	ifx_write(f, IFX_SID, IFX_IOVA);
	ifx_wr(f, GICITS_SMMU_CR0, 4, IFX_CR0_CMDQEN | IFX_CR0_EVENTQEN);
	assert_int_equal(ifx_write(f, IFX_SID, IFX_IOVA).outcome,
			 GICITS_IOMMU_BYPASS);
	ifx_free(f);
}

/* A hit answers only for the same SubstreamID, all 32 bits of it: one
 * that differs only beyond SSIDSIZE (20 bits) is C_BAD_SUBSTREAMID, also
 * after the translation of the SubstreamID it aliases is in the table. */
static void substream_id_compared_exactly(void **state)
{
	uint32_t alias[] = { 2u | 1u << 20, 2u | 1u << 31, 2u | 0xFFF00000u };
	struct ifx *f = new_smmu(false);
	struct gicits_iommu_result r;
	struct ifx_pt pt = ifx_pt_s1(f, 12, 48);
	uint64_t cdt = ifx_alloc(f, 4 * 64, 256);
	unsigned i, j;

	(void)state;
	for (i = 0; i < 4; i++)
		ifx_cd(f, cdt + 64 * i, 16, 0, (uint16_t)(10 + i), pt.root, 0);
	ifx_map(f, &pt, 0x300000ull, 0x90002000ull, 3, IFX_LINUX_MSI_ATTR);
	/* a linear table of 4 CDs (S1CDMax 2), S1DSS terminate */
	ifx_ste(f, 0x200, ifx_ste_s1(cdt, 0, 2), 0, 0, 0);
	for (i = 0; i < 3; i++) {
		r = ifx_txn(f, 0x200, true, 2, 0x300040, true, false);
		assert_int_equal(r.outcome, GICITS_IOMMU_TRANSLATED);
		assert_int_equal(r.pa, 0x90002040);
	}
	for (j = 0; j < 3; j++) {
		for (i = 0; i < 2; i++) {
			r = ifx_txn(f, 0x200, true, alias[j], 0x300040, true,
				    false);
			assert_int_equal(r.outcome, GICITS_IOMMU_ABORT);
			assert_int_equal(r.event,
					 GICITS_SMMU_EVT_C_BAD_SUBSTREAMID);
		}
		/* and the SubstreamID itself still hits */
		r = ifx_txn(f, 0x200, true, 2, 0x300040, true, false);
		assert_int_equal(r.pa, 0x90002040);
	}
	/* without SSV: S1DSS terminate, not the CD 0 translation */
	r = ifx_txn(f, 0x200, false, 2, 0x300040, true, false);
	assert_int_equal(r.event, GICITS_SMMU_EVT_F_STREAM_DISABLED);
	ifx_free(f);
}

/* A hit answers only for the same RnW, PnU and InD: with a read-only
 * mapping a write after cached reads is a permission fault. */
static void access_flags_compared(void **state)
{
	struct ifx *f = new_smmu(false);
	struct ifx_pt pt = ifx_pt_s1(f, 12, 48);
	uint64_t cd = ifx_alloc(f, 64, 64);
	struct gicits_iommu_result r;
	unsigned i;

	(void)state;
	ifx_cd(f, cd, 16, 0, 1, pt.root, 0);
	/* AP[2:1] = 0b11: read-only at EL1 and EL0 */
	ifx_map(f, &pt, IFX_IOVA & ~0xFFFull, IFX_DOORBELL & ~0xFFFull, 3,
		(IFX_LINUX_MSI_ATTR & ~IFX_AP_RW_ALL) | IFX_AP_RO_ALL);
	ifx_ste(f, IFX_SID, ifx_ste_s1(cd, 0, 0), 0, 0, 0);
	for (i = 0; i < 4; i++) {
		r = ifx_txn(f, IFX_SID, false, 0, IFX_IOVA, false, i & 1);
		assert_int_equal(r.outcome, GICITS_IOMMU_TRANSLATED);
		assert_int_equal(r.pa, IFX_DOORBELL);
	}
	for (i = 0; i < 2; i++) {
		r = ifx_txn(f, IFX_SID, false, 0, IFX_IOVA, true, i & 1);
		assert_int_equal(r.event, GICITS_SMMU_EVT_F_PERMISSION);
	}
	ifx_free(f);
}

struct race {
	struct ifx *f;
	atomic_bool stop;
	atomic_uint bad;
	atomic_ulong done;
};

/* pthreads, not C11 threads: GCC's TSan runtime does not support
 * thrd_create (docs/performance.md) */
static void *translator(void *arg)
{
	struct race *r = arg;
	struct gicits_iommu_txn t;
	unsigned long n = 0;

	memset(&t, 0, sizeof(t));
	t.stream_id = IFX_SID;
	t.addr = IFX_IOVA;
	t.write = true;
	while (!atomic_load(&r->stop) || n < 1000) {
		struct gicits_iommu_result res;

		if (gicits_iommu_translate(r->f->smmu, &t, &res) ||
		    res.outcome != GICITS_IOMMU_TRANSLATED ||
		    (res.pa != IFX_DOORBELL &&
		     res.pa != (OTHER_PAGE | (IFX_IOVA & 0xFFF))))
			atomic_fetch_add(&r->bad, 1);
		n++;
	}
	atomic_fetch_add(&r->done, n);
	return NULL;
}

/* Two threads translate while the main thread remaps and invalidates. */
static void concurrent_remaps(void **state)
{
	struct race r;
	pthread_t th[2];
	uint64_t leaf;
	unsigned i;

	(void)state;
	memset(&r, 0, sizeof(r));
	r.f = new_smmu(false);
	leaf = ifx_s1_domain(r.f, NULL);
	for (i = 0; i < 2; i++)
		assert_int_equal(pthread_create(&th[i], NULL, translator, &r),
				 0);
	for (i = 0; i < 2000; i++) {
		ifx_w64(r.f, leaf,
			(i & 1 ? OTHER_PAGE : IFX_DOORBELL & ~0xFFFull) | 3 |
				IFX_LINUX_MSI_ATTR);
		ifx_cmd(r.f, 0x10, 0); /* CMD_TLBI_NH_ALL */
		ifx_sync(r.f);
	}
	atomic_store(&r.stop, true);
	for (i = 0; i < 2; i++)
		pthread_join(th[i], NULL);
	assert_int_equal(atomic_load(&r.bad), 0);
	/* every translation counted: the shards of two threads are apart */
	assert_int_equal(ifx_status(r.f).translated, atomic_load(&r.done));
	ifx_free(r.f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(counts_match_cache_path),
		cmocka_unit_test(invalidation_ends_hits),
		cmocka_unit_test(substream_id_compared_exactly),
		cmocka_unit_test(access_flags_compared),
		cmocka_unit_test(concurrent_remaps),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
