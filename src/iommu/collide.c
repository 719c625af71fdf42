/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The run-time DeviceID collision finding (issue 14): the SMMU's own MSIs
 * carry config.device_id; if the system gives a client StreamID that same
 * DeviceID (config.client_device_id) and the client's write lands in the
 * ITS translation frame the SMMU's own MSIs go to, the ITS cannot tell
 * them apart: the client can raise the SMMU's event-queue / GERROR /
 * CMD_SYNC interrupts and the SMMU's MSIs hit the client's ITT
 * (spec/iommu-mbigen.md §A.1, §C #20; the static counterpart is the
 * topo lint).  Every such write or own MSI is counted and traced.
 * Layer 1.
 */
#include "iommu_internal.h"

#include "gicits/error.h"

/* An ITS frame: GITS_TRANSLATER is at offset 0x40 of the 64 KB
 * translation frame (IHI 0069 8.19.1); writes in one frame reach one ITS. */
static uint64_t frame_of(uint64_t pa)
{
	return pa & ~0xFFFFull;
}

static bool in_frames(const uint64_t *f, uint64_t fr)
{
	unsigned i;

	for (i = 0; i < COLLIDE_FRAMES; i++)
		if (f[i] == fr + 1) /* stored + 1: 0 is an empty slot */
			return true;
	return false;
}

static void add_frame(uint64_t *f, unsigned *next, uint64_t fr)
{
	if (in_frames(f, fr))
		return;
	f[*next] = fr + 1;
	*next = (*next + 1) % COLLIDE_FRAMES;
}

static void finding(struct gicits_iommu *smmu, uint32_t sid, uint64_t pa,
		    const char *msg)
{
	smmu->coll.count++;
	smmu->coll.stream_id = sid;
	smmu->coll.device_id = smmu->cfg.device_id;
	smmu->coll.pa = pa;
	iommu_trace(smmu, GICITS_TRACE_FINDING, sid, 0, 0, pa, 0,
		    "IORT / DT msi-map: the SMMU's own MSI DeviceID equals a "
		    "client's DeviceID at the same ITS",
		    msg);
}

/* The frames the SMMU's own MSIs go to: those sent so far, and the
 * programmed *_IRQ_CFG0 addresses (a collision is there before the
 * first event). */
static bool own_frame(const struct gicits_iommu *smmu, uint64_t fr)
{
	uint64_t e = smmu->eventq_irq_cfg0 & IRQ_CFG0_ADDR_MASK;
	uint64_t g = smmu->gerror_irq_cfg0 & IRQ_CFG0_ADDR_MASK;

	if (smmu->cfg.msi &&
	    ((e && frame_of(e) == fr) || (g && frame_of(g) == fr)))
		return true;
	return in_frames(smmu->coll_own, fr);
}

void collide_client(struct gicits_iommu *smmu, uint32_t sid, uint64_t pa)
{
	uint64_t fr = frame_of(pa);

	if (!smmu->cfg.client_device_id ||
	    smmu->cfg.client_device_id(smmu->cfg.client_ctx, sid) !=
		    smmu->cfg.device_id)
		return;
	smmu->coll.stream_id_seen = sid;
	add_frame(smmu->coll_client, &smmu->coll_client_next, fr);
	if (own_frame(smmu, fr))
		finding(smmu, sid, pa,
			"a client write carries the SMMU's DeviceID");
}

void collide_own(struct gicits_iommu *smmu, uint64_t pa)
{
	uint64_t fr = frame_of(pa);

	if (!smmu->cfg.client_device_id)
		return;
	add_frame(smmu->coll_own, &smmu->coll_own_next, fr);
	if (in_frames(smmu->coll_client, fr))
		finding(smmu, smmu->coll.stream_id_seen, pa,
			"an SMMU MSI where a client with its DeviceID writes");
}

int gicits_iommu_collisions(struct gicits_iommu *smmu,
			    struct gicits_iommu_collision *c)
{
	if (!smmu || !c)
		return GICITS_EINVAL;
	mtx_lock(&smmu->lock);
	c->count = smmu->coll.count;
	c->stream_id = smmu->coll.stream_id;
	c->device_id = smmu->coll.device_id;
	c->pa = smmu->coll.pa;
	mtx_unlock(&smmu->lock);
	return GICITS_OK;
}
