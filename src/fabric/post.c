/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Carrying a request along its path: requester -> (StreamID, IOMMU) ->
 * doorbell -> DeviceID -> ITS -> LPI, recording each hop.  The fabric has
 * no ITS or SMMU logic of its own (DESIGN.md, "fabric"): every decision is
 * the topology's ID maps or a model's.
 */
#include <string.h>

#include "gicits/error.h"
#include "fabric/fabric_internal.h"

static struct gicits_fabric_hop *hop(struct gicits_fabric *f,
				     struct gicits_fabric_delivery *d,
				     enum gicits_fabric_hop_kind kind, int node,
				     uint32_t in, uint32_t out)
{
	struct gicits_fabric_hop *h;

	if (d->n_hops >= GICITS_FABRIC_MAX_HOPS) {
		/* the path is longer than the record: keep the outcome, say
		 * that hops are missing (the hop goes to a throwaway slot) */
		d->truncated = true;
		h = &f->sink_hop;
	} else {
		h = &d->hops[d->n_hops++];
	}
	memset(h, 0, sizeof(*h));
	h->kind = kind;
	h->node = node;
	h->in = in;
	h->out = out;
	h->cpu = -1;
	return h;
}

static void delivery_init(struct gicits_fabric_delivery *d, uint32_t data)
{
	memset(d, 0, sizeof(*d));
	d->result = GICITS_FABRIC_NO_TARGET;
	d->its_node = -1;
	d->event_id = data;
	d->cpu = -1;
}

void fabric_its_trace(void *opaque, const struct gicits_trace_record *rec)
{
	struct gicits_fabric *f = opaque;

	if (rec->kind == GICITS_TRACE_TRANSLATE && f->lpi_d) {
		f->lpi_d->intid = rec->intid;
		f->lpi_d->cpu = (int)rec->cpu;
	}
	if (f->cfg.trace)
		f->cfg.trace(f->cfg.trace_opaque, rec);
}

/*
 * The write reaches physical address @pa tagged with DeviceID @devid
 * (which @via produced from @in).  Only a doorbell takes it further.
 */
static void arrive(struct gicits_fabric *f, struct gicits_fabric_delivery *d,
		   uint64_t pa, uint32_t data, int via, uint32_t in,
		   uint32_t devid, uint32_t flags)
{
	struct gicits_fabric_delivery *saved;
	struct gicits_fabric_hop *h;
	int ctrl = fabric_decode(f, pa);
	int drop;

	h = hop(f, d, GICITS_HOP_DOORBELL, ctrl, 0, 0);
	h->pa = pa;
	d->event_id = data;
	if (ctrl < 0) {
		d->result = GICITS_FABRIC_NO_TARGET;
		return;
	}
	h = hop(f, d, GICITS_HOP_DEVICE_ID, via, in, devid);
	h->flags = flags;
	d->its_node = ctrl;
	d->device_id = devid;
	if (!f->nodes[ctrl].its) {
		d->result = GICITS_FABRIC_NOT_ITS;
		return;
	}
	d->intid = 0;
	d->cpu = -1;
	saved = f->lpi_d;
	f->lpi_d = d;
	/* the DeviceID enters from the bus side only (DESIGN.md) */
	drop = gicits_its_msi(f->nodes[ctrl].its, devid, data);
	f->lpi_d = saved;
	h = hop(f, d, GICITS_HOP_ITS, ctrl, devid, data);
	h->result = drop;
	d->drop = drop > 0 ? (enum gicits_drop)drop : GICITS_DROP_NONE;
	if (drop == GICITS_DROP_NONE) {
		d->result = GICITS_FABRIC_DELIVERED;
		h = hop(f, d, GICITS_HOP_LPI, ctrl, 0, d->intid);
		h->cpu = d->cpu;
	} else {
		d->result = GICITS_FABRIC_DROPPED;
	}
}

static int msi_domain(const struct gicits_fabric *f,
		      const struct gicits_topo_result *r)
{
	/* as gicits topo prints it: a controller found by an entry, or by
	 * Linux's fallback to the raw ID */
	if (r->msi_node < 0 || r->msi_node >= f->n_nodes ||
	    (r->msi_status != GICITS_TOPO_OK &&
	     r->msi_status != GICITS_TOPO_UNMAPPED))
		return -1;
	return f->nodes[r->msi_node].frame ? r->msi_node : -1;
}

/* From a requester whose IDs topo resolved into @r; @in is its input ID
 * (RID, or own-ID index). */
static int carry(struct gicits_fabric *f, struct gicits_fabric_delivery *d,
		 int req, uint32_t in, const struct gicits_topo_result *r,
		 uint64_t addr, uint32_t data)
{
	struct gicits_fabric_hop *h;
	struct gicits_topo_result via;
	int sid_ok, dom = msi_domain(f, r);
	uint64_t pa = addr;

	h = hop(f, d, GICITS_HOP_REQUESTER, req, in, 0);
	if (addr == GICITS_FABRIC_ADDR_MSI) {
		if (dom < 0) {
			d->result = GICITS_FABRIC_NO_MSI;
			return GICITS_OK;
		}
		gicits_fabric_doorbell(f, dom, &pa);
	}
	h->addr = pa;
	/* RID -> StreamID -> IOMMU.  A disabled IOMMU is none at all, as
	 * of_iommu_xlate() skips it (docs/topology.md). */
	sid_ok = r->stream_node >= 0 && r->stream_node < f->n_nodes &&
		 r->stream_status == GICITS_TOPO_OK;
	if (sid_ok) {
		struct gicits_iommu *smmu = f->nodes[r->stream_node].iommu;

		hop(f, d, GICITS_HOP_STREAM, r->stream_node, in, r->stream_id);
		h = hop(f, d, GICITS_HOP_IOMMU, r->stream_node, r->stream_id,
			0);
		h->addr = pa;
		if (smmu) {
			struct gicits_iommu_txn txn = { 0 };
			struct gicits_iommu_result res = { 0 };

			txn.stream_id = r->stream_id;
			txn.addr = pa;
			txn.write = true;
			gicits_iommu_translate(smmu, &txn, &res);
			h->result = (int)res.outcome;
			h->pa = res.pa;
			h->event = res.event;
			if (res.outcome == GICITS_IOMMU_ABORT) {
				d->result = GICITS_FABRIC_IOMMU_ABORT;
				return GICITS_OK;
			}
			if (res.outcome == GICITS_IOMMU_RAZWI) {
				d->result = GICITS_FABRIC_IOMMU_RAZWI;
				return GICITS_OK;
			}
			pa = res.pa;
		} else {
			/* SMMUv1/v2 and other IOMMUs have no model */
			h->result = GICITS_IOMMU_BYPASS;
			h->pa = pa;
			h->flags = GICITS_HOP_F_UNMODELLED;
		}
	}
	/* DeviceID: IORT derives it from the StreamID through the SMMU's
	 * own ID mapping (DEN 0049 3.1.1.2; topo's msi_via), so take that
	 * hop for real; otherwise the requester's own map gave it. */
	if (dom >= 0 && sid_ok && r->msi_via == r->stream_node &&
	    !gicits_topo_resolve_node(f->topo, r->msi_via, r->stream_id,
				      &via) &&
	    via.msi_node >= 0 && via.msi_status == GICITS_TOPO_OK) {
		arrive(f, d, pa, data, r->msi_via, r->stream_id, via.device_id,
		       0);
	} else if (dom >= 0) {
		arrive(f, d, pa, data, req, in, r->device_id,
		       r->msi_status == GICITS_TOPO_OK ? 0 :
							 GICITS_HOP_F_RAW_ID);
	} else {
		/* no MSI map: were the write to hit a doorbell, the bus
		 * would carry the raw ID (Linux's fallback) */
		arrive(f, d, pa, data, req, in, in, GICITS_HOP_F_RAW_ID);
	}
	return GICITS_OK;
}

static int begin(struct gicits_fabric *f, struct gicits_fabric_delivery *d,
		 uint32_t data)
{
	if (!f || !d)
		return GICITS_EINVAL;
	delivery_init(d, data);
	return GICITS_OK;
}

int gicits_fabric_post_rid(struct gicits_fabric *f, uint32_t segment,
			   uint32_t rid, uint64_t addr, uint32_t data,
			   struct gicits_fabric_delivery *d)
{
	struct gicits_topo_result r;
	int rc = begin(f, d, data), rcn;

	if (rc)
		return rc;
	rcn = gicits_topo_root_complex(f->topo, segment);
	if (rcn < 0)
		return GICITS_ENOENT;
	gicits_topo_resolve_node(f->topo, rcn, rid, &r);
	return carry(f, d, rcn, rid, &r, addr, data);
}

int gicits_fabric_post_node(struct gicits_fabric *f, int node, unsigned index,
			    uint64_t addr, uint32_t data,
			    struct gicits_fabric_delivery *d)
{
	struct gicits_topo_result r;
	int rc = begin(f, d, data);

	if (rc)
		return rc;
	if (index > 0x7fffffffu ||
	    gicits_topo_own(f->topo, node, (int)index, &r))
		return GICITS_ENOENT;
	return carry(f, d, node, index, &r, addr, data);
}

int gicits_fabric_wire(struct gicits_fabric *f, int node, uint32_t wire,
		       int level, struct gicits_fabric_delivery *d)
{
	struct fnode *fn;
	int rc = begin(f, d, 0);

	if (rc)
		return rc;
	if (node < 0 || node >= f->n_nodes || !f->nodes[node].xlat)
		return GICITS_ENOENT;
	fn = &f->nodes[node];
	if (wire >= fn->wires)
		return GICITS_ERANGE;
	hop(f, d, GICITS_HOP_WIRE, node, wire, level ? 1 : 0);
	d->result = GICITS_FABRIC_NOT_POSTED;
	f->cur = d;
	f->cur_node = node;
	rc = gicits_xlat_wire(fn->xlat, fn->first_pin + wire, level);
	f->cur = NULL;
	f->cur_node = -1;
	return rc;
}

int fabric_xlat_msi(void *ctx, uint64_t pa, uint32_t data, uint32_t device_id)
{
	struct gicits_fabric *f = ctx;
	struct gicits_fabric_delivery *d = f->cur;

	if (!d) {
		/* a message the embedder caused through <gicits/xlat.h>
		 * (a CLEAR write): carried, recorded nowhere */
		d = &f->scratch;
		delivery_init(d, data);
	}
	arrive(f, d, pa, data, f->cur ? f->cur_node : -1, 0, device_id, 0);
	/* a write to no doorbell has no completer: an abort */
	return d->result == GICITS_FABRIC_NO_TARGET ? -1 : 0;
}

int fabric_iommu_msi(void *ctx, uint64_t pa, uint32_t data, uint32_t device_id)
{
	struct gicits_fabric *f = ctx;
	struct gicits_fabric_delivery *d = &f->iommu_scratch;

	/* The SMMU's own MSIs (event queue, GERROR, CMD_SYNC) are never
	 * translated and carry the SMMU's own DeviceID (IHI 0070 3.18);
	 * they may fire inside another request's translation, so they get
	 * a record of their own. */
	delivery_init(d, data);
	arrive(f, d, pa, data, -1, 0, device_id, 0);
	return d->result == GICITS_FABRIC_NO_TARGET ? -1 : 0;
}

const char *gicits_fabric_result_name(enum gicits_fabric_result r)
{
	static const char *const names[] = {
		[GICITS_FABRIC_DELIVERED] = "delivered",
		[GICITS_FABRIC_DROPPED] = "dropped",
		[GICITS_FABRIC_IOMMU_ABORT] = "iommu-abort",
		[GICITS_FABRIC_IOMMU_RAZWI] = "iommu-razwi",
		[GICITS_FABRIC_NO_MSI] = "no-msi",
		[GICITS_FABRIC_NOT_ITS] = "not-its",
		[GICITS_FABRIC_NO_TARGET] = "no-target",
		[GICITS_FABRIC_NOT_POSTED] = "not-posted",
	};

	if ((unsigned)r >= sizeof(names) / sizeof(names[0]) || !names[r])
		return "?";
	return names[r];
}

const char *gicits_fabric_hop_name(enum gicits_fabric_hop_kind k)
{
	static const char *const names[] = {
		[GICITS_HOP_REQUESTER] = "requester",
		[GICITS_HOP_STREAM] = "stream",
		[GICITS_HOP_IOMMU] = "iommu",
		[GICITS_HOP_WIRE] = "wire",
		[GICITS_HOP_DOORBELL] = "doorbell",
		[GICITS_HOP_DEVICE_ID] = "device-id",
		[GICITS_HOP_ITS] = "its",
		[GICITS_HOP_LPI] = "lpi",
	};

	if ((unsigned)k >= sizeof(names) / sizeof(names[0]) || !names[k])
		return "?";
	return names[k];
}
