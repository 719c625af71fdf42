/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The event queue (IHI 0070 §7.2, §7.4), GERROR (§7.5) and the SMMU's own
 * MSIs (§3.18).  Layer 1.
 *
 * The SMMU's MSIs are never translated: the *_IRQ_CFG0 and CMD_SYNC
 * addresses are physical (§3.18, §13.8) and leave through the embedder's
 * msi_write callback with the SMMU's own DeviceID, never through the
 * stream table (spec/iommu-mbigen.md §A.10, §C #20).
 */
#include "iommu_internal.h"

#include <string.h>

#include "gicits/error.h"

unsigned q_log2(uint64_t base, unsigned max)
{
	unsigned l = (unsigned)bits_get(base, Q_BASE_LOG2SIZE);

	return l < max ? l : max;
}

/* index + wrap bits of a PROD/CONS value */
static uint32_t q_iw(uint32_t p, unsigned log2)
{
	return p & ((2u << log2) - 1);
}

bool q_empty(uint32_t prod, uint32_t cons, unsigned log2)
{
	return q_iw(prod, log2) == q_iw(cons, log2);
}

bool q_full(uint32_t prod, uint32_t cons, unsigned log2)
{
	uint32_t m = (1u << log2) - 1;

	return (prod & m) == (cons & m) &&
	       ((prod >> log2) & 1) != ((cons >> log2) & 1);
}

uint32_t q_inc(uint32_t p, unsigned log2)
{
	uint32_t iw = (q_iw(p, log2) + 1) & ((2u << log2) - 1);

	return (p & ~((2u << log2) - 1)) | iw;
}

bool own_msi(struct gicits_iommu *smmu, uint64_t pa, uint32_t data)
{
	int rc;

	smmu->st.msis++;
	if (smmu->cfg.msi_write) {
		rc = smmu->cfg.msi_write(smmu->cfg.msi_ctx, pa, data,
					 smmu->cfg.device_id);
	} else {
		uint8_t b[4] = { (uint8_t)data, (uint8_t)(data >> 8),
				 (uint8_t)(data >> 16), (uint8_t)(data >> 24) };

		rc = gicits_mem_write(smmu->mem, pa, b, sizeof(b));
	}
	if (rc < 0) {
		smmu->st.msi_aborts++;
		iommu_trace(smmu, GICITS_TRACE_DROP, smmu->cfg.device_id, data,
			    0, pa, 0, "IHI0070 3.18: MSI write aborted", NULL);
		return false;
	}
	iommu_trace(smmu, GICITS_TRACE_TRANSLATE, smmu->cfg.device_id, data, 0,
		    pa, 0, "IHI0070 3.18: SMMU MSI (untranslated)", NULL);
	collide_own(smmu, pa);
	return true;
}

/* *_IRQ_CFG0.ADDR, 0 when the SMMU has no MSIs (IDR0.MSI = 0) */
static uint64_t irq_addr(const struct gicits_iommu *smmu, uint64_t cfg0)
{
	return smmu->cfg.msi ? (cfg0 & IRQ_CFG0_ADDR_MASK) : 0;
}

void gerror_raise(struct gicits_iommu *smmu, unsigned bit)
{
	uint64_t addr;

	if (((smmu->gerror ^ smmu->gerrorn) >> bit) & 1)
		return; /* already active: nothing new to signal */
	smmu->gerror ^= 1u << bit;
	iommu_trace(smmu, GICITS_TRACE_ERROR, 0, 0, GICITS_SMMU_GERROR,
		    smmu->gerror, bit, "IHI0070 7.5: GERROR bit activated",
		    NULL);
	/* §7.5: MSI_GERROR_ABT_ERR never raises a GERROR interrupt */
	if (bit == GERR_MSI_GERROR_ABT_ERR)
		return;
	if (!bits_get(smmu->irq_ctrl, IRQ_CTRL_GERROR_IRQEN))
		return;
	addr = irq_addr(smmu, smmu->gerror_irq_cfg0);
	if (!addr)
		return; /* §6.3.19: ADDR = 0, no MSI */
	if (!own_msi(smmu, addr, smmu->gerror_irq_cfg1))
		gerror_raise(smmu, GERR_MSI_GERROR_ABT_ERR);
}

static void evt_encode(const struct evt *e, uint8_t rec[32])
{
	uint64_t dw[4] = { 0, 0, 0, 0 };
	unsigned i, j;

	if (e->num == GICITS_SMMU_EVT_C_BAD_SUBSTREAMID)
		/* §7.3.9: the SubstreamID is always valid, no SSV bit */
		dw[0] = (uint64_t)e->num |
			((uint64_t)(e->ssid & 0xFFFFF) << 12);
	else if (e->num == GICITS_SMMU_EVT_F_STREAM_DISABLED)
		dw[0] = e->num; /* §7.3.7: StreamID only */
	else
		dw[0] = (uint64_t)e->num | ((uint64_t)e->ssv << 11) |
			((uint64_t)(e->ssv ? (e->ssid & 0xFFFFF) : 0) << 12);
	dw[0] |= (uint64_t)e->sid << 32;
	if (e->num >= GICITS_SMMU_EVT_F_TRANSLATION ||
	    e->num == GICITS_SMMU_EVT_F_WALK_EABT) {
		dw[1] = ((uint64_t)e->pnu << 33) | ((uint64_t)e->ind << 34) |
			((uint64_t)e->rnw << 35) | ((uint64_t)e->s2 << 39) |
			((uint64_t)(e->cls & 3) << 40);
		dw[2] = e->input;
	} else if (e->num == GICITS_SMMU_EVT_F_CD_FETCH && !e->fetch) {
		dw[2] = e->input; /* qemu_cd_fetch_addr_dw2 */
	}
	if (e->fetch)
		dw[3] = e->ipa & 0x00FFFFFFFFFFFFF8ull; /* FetchAddr [55:3] */
	else if (e->s2)
		dw[3] = e->ipa & 0x00FFFFFFFFFFF000ull; /* IPA [55:12] */
	for (i = 0; i < 4; i++)
		for (j = 0; j < 8; j++)
			rec[i * 8 + j] = (uint8_t)(dw[i] >> (8 * j));
}

bool evtq_record(struct gicits_iommu *smmu, const struct evt *e)
{
	unsigned log2 = q_log2(smmu->eventq_base, smmu->cfg.eventqs);
	uint64_t base, addr;
	uint8_t rec[32];
	bool was_empty;

	/* an active EVENTQ_ABT_ERR stops the queue (§7.2); QEMU 7.2, which
	 * uses it for "full", goes on writing (qemu_evtq_full_gerror) */
	if (!bits_get(smmu->cr0, CR0_EVENTQEN) ||
	    (!smmu->cfg.qemu_evtq_full_gerror &&
	     (((smmu->gerror ^ smmu->gerrorn) >> GERR_EVENTQ_ABT_ERR) & 1))) {
		/* §7.2: a disabled queue discards without overflow */
		smmu->st.events_lost++;
		return false;
	}
	if (q_full(smmu->eventq_prod, smmu->eventq_cons, log2)) {
		/* §7.4: signal overflow unless already in overflow;
		 * QEMU 7.2 raises GERROR.EVENTQ_ABT_ERR instead (knob) */
		if (smmu->cfg.qemu_evtq_full_gerror)
			gerror_raise(smmu, GERR_EVENTQ_ABT_ERR);
		else if (bits_get(smmu->eventq_prod, Q_OVFLG) ==
			 bits_get(smmu->eventq_cons, Q_OVFLG))
			smmu->eventq_prod ^= 1u << 31;
		smmu->st.events_lost++;
		iommu_trace(smmu, GICITS_TRACE_DROP, e->sid, e->ssid,
			    GICITS_SMMU_EVENTQ_PROD, smmu->eventq_prod, e->num,
			    "IHI0070 7.4: event queue full, overflow", NULL);
		return false;
	}
	was_empty = q_empty(smmu->eventq_prod, smmu->eventq_cons, log2);
	/* the queue base is aligned to the queue size (§6.3.28) */
	base = smmu->eventq_base & 0x00FFFFFFFFFFFFE0ull &
	       ~((32ull << log2) - 1);
	addr = base + 32ull * (smmu->eventq_prod & ((1u << log2) - 1));
	evt_encode(e, rec);
	if (gicits_mem_write(smmu->mem, addr, rec, sizeof(rec)) < 0) {
		smmu->st.events_lost++;
		gerror_raise(smmu, GERR_EVENTQ_ABT_ERR);
		return false;
	}
	smmu->eventq_prod = q_inc(smmu->eventq_prod, log2);
	smmu->st.events++;
	iommu_trace(smmu, GICITS_TRACE_ERROR, e->sid, e->ssid,
		    GICITS_SMMU_EVENTQ_PROD, e->input, e->num,
		    "IHI0070 7.3: event recorded", NULL);
	if ((was_empty || smmu->cfg.eventq_irq_each) &&
	    bits_get(smmu->irq_ctrl, IRQ_CTRL_EVENTQ_IRQEN)) {
		uint64_t a = irq_addr(smmu, smmu->eventq_irq_cfg0);

		if (a && !own_msi(smmu, a, smmu->eventq_irq_cfg1))
			gerror_raise(smmu, GERR_MSI_EVENTQ_ABT_ERR);
	}
	return true;
}
