/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * STE, CD and TLB caches (IHI 0070 §16.2 "caching"): small, bounded,
 * round-robin eviction.  An entry changes only by the invalidation
 * commands (cmdq.c) or eviction; cache=check compares hits with memory in
 * translate.c.  Layer 2.
 */
#include "iommu_internal.h"

#include <stdlib.h>
#include <string.h>

#include "gicits/error.h"

/* The table of an SMMU whose hits need the lock (a trace hook,
 * client_device_id, cache != on): gen 0 never equals smmu->gen (>= 1), so
 * a lock-free hit never finds an entry here.  Never written. */
static struct hit_entry hit_none[HIT_ENTRIES];

int cache_alloc(struct gicits_iommu *smmu)
{
	unsigned n = smmu->ncache;

	smmu->ste_cache = calloc(n, sizeof(*smmu->ste_cache));
	smmu->cd_cache = calloc(n, sizeof(*smmu->cd_cache));
	smmu->tlb = calloc(n, sizeof(*smmu->tlb));
	/* both are arrays of 64-byte aligned lines (iommu_internal.h) */
	smmu->hit = aligned_alloc(64, HIT_ENTRIES * sizeof(*smmu->hit));
	if (smmu->hit)
		memset(smmu->hit, 0, HIT_ENTRIES * sizeof(*smmu->hit));
	smmu->shard = aligned_alloc(64, HIT_SHARDS * sizeof(*smmu->shard));
	if (smmu->shard)
		memset(smmu->shard, 0, HIT_SHARDS * sizeof(*smmu->shard));
	smmu->gen = 1;
	smmu->hit_free = smmu->lockless ? smmu->hit : hit_none;
	if (!smmu->ste_cache || !smmu->cd_cache || !smmu->tlb || !smmu->hit ||
	    !smmu->shard) {
		cache_free(smmu);
		return GICITS_ENOMEM;
	}
	return GICITS_OK;
}

void cache_free(struct gicits_iommu *smmu)
{
	free(smmu->ste_cache);
	free(smmu->cd_cache);
	free(smmu->tlb);
	free(smmu->hit);
	free(smmu->shard);
	smmu->hit = NULL;
	smmu->hit_free = hit_none;
	smmu->shard = NULL;
	smmu->ste_cache = NULL;
	smmu->cd_cache = NULL;
	smmu->tlb = NULL;
}

struct ste_cache_entry *ste_cache_find(struct gicits_iommu *smmu, uint32_t sid)
{
	unsigned i;

	for (i = 0; i < smmu->ncache; i++)
		if (smmu->ste_cache[i].valid && smmu->ste_cache[i].sid == sid)
			return &smmu->ste_cache[i];
	return NULL;
}

void ste_cache_put(struct gicits_iommu *smmu, uint32_t sid,
		   const struct ste *ste, uint64_t addr)
{
	struct ste_cache_entry *e = ste_cache_find(smmu, sid);

	smmu->gen++; /* the hit table is stale */

	if (!e) {
		e = &smmu->ste_cache[smmu->ste_next];
		smmu->ste_next = (smmu->ste_next + 1) % smmu->ncache;
	}
	e->valid = true;
	e->sid = sid;
	e->ste = *ste;
	e->addr = addr;
}

struct cd_cache_entry *cd_cache_find(struct gicits_iommu *smmu, uint32_t sid,
				     uint32_t ssid, uint64_t addr)
{
	unsigned i;

	(void)addr;
	for (i = 0; i < smmu->ncache; i++) {
		struct cd_cache_entry *e = &smmu->cd_cache[i];

		if (e->valid && e->sid == sid && e->ssid == ssid)
			return e;
	}
	return NULL;
}

void cd_cache_put(struct gicits_iommu *smmu, uint32_t sid, uint32_t ssid,
		  const struct cd *cd, uint64_t addr)
{
	struct cd_cache_entry *e = cd_cache_find(smmu, sid, ssid, addr);

	smmu->gen++; /* the hit table is stale */

	if (!e) {
		e = &smmu->cd_cache[smmu->cd_next];
		smmu->cd_next = (smmu->cd_next + 1) % smmu->ncache;
	}
	e->valid = true;
	e->sid = sid;
	e->ssid = ssid;
	e->cd = *cd;
	e->addr = addr;
}

struct tlb_entry *tlb_find(struct gicits_iommu *smmu, bool s1, bool s2,
			   bool el2, uint16_t asid, uint16_t vmid, uint64_t va)
{
	unsigned i;

	for (i = 0; i < smmu->ncache; i++) {
		struct tlb_entry *e = &smmu->tlb[i];

		if (e->valid && e->s1 == s1 && e->s2 == s2 && e->el2 == el2 &&
		    (!s1 || e->asid == asid) && e->vmid == vmid &&
		    va - e->va < e->size)
			return e;
	}
	return NULL;
}

void tlb_put(struct gicits_iommu *smmu, const struct tlb_entry *n)
{
	struct tlb_entry *e =
		tlb_find(smmu, n->s1, n->s2, n->el2, n->asid, n->vmid, n->va);

	smmu->gen++; /* the hit table is stale */

	if (!e) {
		e = &smmu->tlb[smmu->tlb_next];
		smmu->tlb_next = (smmu->tlb_next + 1) % smmu->ncache;
	}
	*e = *n;
	e->valid = true;
}

void inv_ste_range(struct gicits_iommu *smmu, uint32_t sid, uint64_t n)
{
	unsigned i;

	smmu->gen++; /* the hit table is stale */

	for (i = 0; i < smmu->ncache; i++) {
		if (smmu->ste_cache[i].valid &&
		    (uint64_t)smmu->ste_cache[i].sid - sid < n)
			smmu->ste_cache[i].valid = false;
		/* CDs are reached through the STE: invalidating it drops
		 * them too (more invalidation than required is allowed) */
		if (smmu->cd_cache[i].valid &&
		    (uint64_t)smmu->cd_cache[i].sid - sid < n)
			smmu->cd_cache[i].valid = false;
	}
}

void inv_cd(struct gicits_iommu *smmu, uint32_t sid, bool all, uint32_t ssid)
{
	unsigned i;

	smmu->gen++; /* the hit table is stale */

	for (i = 0; i < smmu->ncache; i++) {
		struct cd_cache_entry *e = &smmu->cd_cache[i];

		if (e->valid && e->sid == sid && (all || e->ssid == ssid))
			e->valid = false;
	}
}

void inv_all_cfg(struct gicits_iommu *smmu)
{
	unsigned i;

	smmu->gen++; /* the hit table is stale */

	for (i = 0; i < smmu->ncache; i++) {
		smmu->ste_cache[i].valid = false;
		smmu->cd_cache[i].valid = false;
	}
}

void tlb_invalidate(struct gicits_iommu *smmu, const struct tlbi *t)
{
	unsigned i;

	smmu->gen++; /* the hit table is stale */

	for (i = 0; i < smmu->ncache; i++) {
		struct tlb_entry *e = &smmu->tlb[i];

		if (!e->valid)
			continue;
		if (t->s1_only && !e->s1)
			continue;
		if ((t->world == 1 && e->el2) || (t->world == 2 && !e->el2))
			continue;
		if (t->by_asid && (!e->s1 || e->asid != t->asid))
			continue;
		if (t->by_vmid && e->vmid != t->vmid)
			continue;
		if (t->s2_only_ipa && !e->s2)
			continue;
		if (t->by_va) {
			/* the entry overlaps [va, va + va_size) */
			uint64_t a = t->s2_only_ipa ? e->ipa : e->va;

			if (!(a < t->va + t->va_size && t->va < a + e->size))
				continue;
		}
		e->valid = false;
	}
}
