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
		cmocka_unit_test(concurrent_remaps),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
