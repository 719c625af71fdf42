/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The SMMU object: configuration, the ID registers it implies, creation
 * and destruction, trace and findings, status.  Layer 1 (iommu_internal.h).
 */
#include "iommu_internal.h"

#include <stdlib.h>
#include <string.h>

#include "gicits/error.h"

void gicits_iommu_config_default(struct gicits_iommu_config *cfg)
{
	if (!cfg)
		return;
	memset(cfg, 0, sizeof(*cfg));
	cfg->size = sizeof(*cfg);
	cfg->stage1 = true;
	cfg->stage2 = true;
	cfg->st_2level = true;
	cfg->cd_2level = true;
	cfg->gran4k = true;
	cfg->gran16k = true;
	cfg->gran64k = true;
	cfg->oas_bits = 48;
	cfg->msi = true;
	cfg->hyp = true;
	cfg->asid16 = true;
	cfg->vmid16 = true;
	cfg->sidsize = 16;
	cfg->ssidsize = 16;
	cfg->cmdqs = 8;
	cfg->eventqs = 7;
	cfg->term_model = false;
	cfg->cache = GICITS_IOMMU_CACHE_ON;
	cfg->cache_entries = 64;
	cfg->cmdq_budget = 1024;
	cfg->eventq_irq_each = false;
	cfg->gbpa_abort_reset = false;
	cfg->device_id = 0xFF0000;
	cfg->pri = false;
	cfg->priqs = 7;
	cfg->pri_pps = false;
}

/* IDR5.OAS encoding (§6.3.6) of a size in bits, or -1. */
static int oas_enc(unsigned bits)
{
	static const unsigned sizes[] = { 32, 36, 40, 42, 44, 48 };
	unsigned i;

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		if (sizes[i] == bits)
			return (int)i;
	return -1;
}

unsigned oas_to_bits(unsigned enc)
{
	static const unsigned sizes[] = { 32, 36, 40, 42, 44, 48, 52, 56 };

	return sizes[enc & 7];
}

static void idr_init(struct gicits_iommu *s)
{
	const struct gicits_iommu_config *c = &s->cfg;
	uint32_t v = 0;

	v = (uint32_t)bits_set(v, IDR0_S2P, c->stage2);
	v = (uint32_t)bits_set(v, IDR0_S1P, c->stage1);
	v = (uint32_t)bits_set(v, IDR0_TTF, 2); /* AArch64 tables only */
	v = (uint32_t)bits_set(v, IDR0_COHACC, 1);
	v = (uint32_t)bits_set(v, IDR0_HYP, c->hyp);
	v = (uint32_t)bits_set(v, IDR0_ASID16, c->asid16);
	v = (uint32_t)bits_set(v, IDR0_MSI, c->msi);
	v = (uint32_t)bits_set(v, IDR0_VMID16, c->vmid16);
	v = (uint32_t)bits_set(v, IDR0_CD2L, c->cd_2level);
	v = (uint32_t)bits_set(v, IDR0_TTENDIAN, 2); /* little endian only */
	v = (uint32_t)bits_set(v, IDR0_STALL_MODEL, 1); /* no stalls */
	v = (uint32_t)bits_set(v, IDR0_TERM_MODEL, c->term_model);
	v = (uint32_t)bits_set(v, IDR0_ST_LEVEL, c->st_2level);
	/* PRI: IDR0.PRI is RES0 unless IDR0.ATS = 1 (§6.3.1) */
	v = (uint32_t)bits_set(v, IDR0_PRI, c->pri);
	v = (uint32_t)bits_set(v, IDR0_ATS, c->pri);
	s->idr0 = v;
	v = 0;
	v = (uint32_t)bits_set(v, IDR1_SIDSIZE, c->sidsize);
	v = (uint32_t)bits_set(v, IDR1_SSIDSIZE, c->ssidsize);
	v = (uint32_t)bits_set(v, IDR1_EVENTQS, c->eventqs);
	v = (uint32_t)bits_set(v, IDR1_CMDQS, c->cmdqs);
	v = (uint32_t)bits_set(v, IDR1_PRIQS, c->pri ? c->priqs : 0);
	s->idr1 = v;
	v = 0;
	v = (uint32_t)bits_set(v, IDR5_OAS, (unsigned)oas_enc(c->oas_bits));
	v = (uint32_t)bits_set(v, IDR5_GRAN4K, c->gran4k);
	v = (uint32_t)bits_set(v, IDR5_GRAN16K, c->gran16k);
	v = (uint32_t)bits_set(v, IDR5_GRAN64K, c->gran64k);
	s->idr5 = v;
}

int gicits_iommu_create(const struct gicits_iommu_config *in,
			const struct gicits_mem *mem, struct gicits_iommu **out)
{
	struct gicits_iommu_config c;
	struct gicits_iommu *s;

	if (!in || !mem || !out)
		return GICITS_EINVAL;
	if (in->size == 0 || in->size > sizeof(c))
		return GICITS_EINVAL;
	gicits_iommu_config_default(&c);
	memcpy(&c, in, in->size);
	if (oas_enc(c.oas_bits) < 0 || c.sidsize > 32 || c.ssidsize > 20 ||
	    c.cmdqs > 19 || c.eventqs > 19 || c.priqs > 19 ||
	    c.cache > GICITS_IOMMU_CACHE_CHECK || c.cache_entries < 1 ||
	    c.cache_entries > 4096 || c.cmdq_budget < 1 ||
	    c.cmdq_budget > 65536 || (!c.gran4k && !c.gran16k && !c.gran64k))
		return GICITS_EINVAL;
	/* IHI 0070 §3.3.2: more than 64 StreamIDs need two-level tables */
	if (c.sidsize > 6 && !c.st_2level)
		return GICITS_EINVAL;
	/* aligned: the lock-free hit's fields are one line of their own */
	s = aligned_alloc(_Alignof(struct gicits_iommu), sizeof(*s));
	if (!s)
		return GICITS_ENOMEM;
	memset(s, 0, sizeof(*s));
	if (mtx_init(&s->lock, mtx_plain) != thrd_success) {
		free(s);
		return GICITS_ENOMEM;
	}
	s->cfg = c;
	s->mem = mem;
	s->ncache = c.cache_entries;
	/* the hit table may be read without the lock (translate.c) */
	s->lockless = c.cache == GICITS_IOMMU_CACHE_ON && !c.trace &&
		      !c.client_device_id;
	if (cache_alloc(s)) {
		mtx_destroy(&s->lock);
		free(s);
		return GICITS_ENOMEM;
	}
	idr_init(s);
	s->gbpa = c.gbpa_abort_reset ? (1u << 20) : 0;
	*out = s;
	return GICITS_OK;
}

void gicits_iommu_destroy(struct gicits_iommu *smmu)
{
	if (!smmu)
		return;
	cache_free(smmu);
	mtx_destroy(&smmu->lock);
	free(smmu);
}

void iommu_trace(struct gicits_iommu *smmu, enum gicits_trace_kind kind,
		 uint32_t sid, uint32_t ssid, uint64_t offset, uint64_t value,
		 uint32_t error, const char *rule, const char *msg)
{
	struct gicits_trace_record t;

	if (!smmu->cfg.trace)
		return;
	memset(&t, 0, sizeof(t));
	t.kind = kind;
	t.source = "iommu";
	t.device_id = sid;
	t.event_id = ssid;
	t.offset = offset;
	t.value = value;
	t.error = error;
	t.cpu = -1;
	if (kind == GICITS_TRACE_COMMAND)
		t.cmd = (uint8_t)value;
	t.rule = rule ? rule : "";
	t.message = msg ? msg : "";
	smmu->cfg.trace(smmu->cfg.trace_opaque, &t);
}

void iommu_finding(struct gicits_iommu *smmu, uint32_t sid, uint32_t ssid,
		   uint64_t value, const char *rule, const char *msg)
{
	smmu->st.findings++;
	iommu_trace(smmu, GICITS_TRACE_FINDING, sid, ssid, 0, value, 0, rule,
		    msg);
}

int gicits_iommu_status(struct gicits_iommu *smmu,
			struct gicits_iommu_status *st)
{
	unsigned i;

	if (!smmu || !st)
		return GICITS_EINVAL;
	mtx_lock(&smmu->lock);
	*st = smmu->st;
	/* hits served without the lock (translate.c, hit table) */
	for (i = 0; i < HIT_SHARDS * 4; i++) {
		uint64_t n = atomic_load_explicit(
			&smmu->shard[i / 4].uses[i % 4], memory_order_relaxed);

		st->translated += n;
		st->cache_hits += n * (i % 4);
	}
	mtx_unlock(&smmu->lock);
	return GICITS_OK;
}
