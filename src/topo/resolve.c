/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Resolution over the topology graph: a requester's ID through the ID maps
 * to an IOMMU (StreamID) and an MSI controller (DeviceID), and the reverse
 * question of which IDs a node owns.
 *
 * Two lookup rules run over the same maps:
 *  - dt_map_id() follows Linux's of_map_id() (drivers/of/base.c): the mask
 *    applies first, every entry walked is checked for an id-base outside the
 *    mask, first match wins, no match is a bypass with the raw ID;
 *  - iort_map_id() follows iort_node_map_id() (drivers/acpi/arm64/iort.c):
 *    inclusive ranges, a match on a range's last ID is tentative and gives way
 *    to a later range starting at that ID, other double matches keep the
 *    first, single mappings only on named components and root complexes, the
 *    SMMUv3/PMCG DeviceID mapping skipped, a failure hands back the input ID.
 * Both are written from the behaviour Linux documents and shows, not from
 * the kernel's code.
 */
#include "topo_internal.h"

#include <stdio.h>
#include <string.h>

#include "gicits/error.h"

/* ---------------------------------------------------------------------- */
/* Device Tree rule: of_map_id()                                           */

enum { MAP_OK = 0, MAP_BYPASS = 1 };

/*
 * Look @id up in DT map @m with no target filter.  Returns MAP_OK with
 * *target and *out, MAP_BYPASS (no entry matched: Linux keeps the raw ID), or
 * GICITS_EFORMAT / GICITS_EINVAL / GICITS_ENOENT with *why set.
 */
static int dt_map_id(const struct gicits_topo *t, const struct topo_map *m,
		     uint32_t id, int *target, uint32_t *out, const char **why)
{
	uint32_t masked = id & m->mask;
	size_t i;

	if (m->bad) {
		*why = "map length is 0 or not a multiple of 4 cells";
		return GICITS_EFORMAT;
	}
	for (i = 0; i < m->n; i++) {
		const struct topo_entry *e = &t->ents[m->first + i];
		uint32_t end = (uint32_t)(e->in_base + (uint32_t)e->count);

		if (e->in_base & ~m->mask) {
			*why = "an entry's id-base has bits outside the mask";
			return GICITS_EINVAL;
		}
		/* Linux compares in u32: base + length may wrap. */
		if (masked < e->in_base || masked >= end)
			continue;
		if (e->target < 0) {
			*why = "phandle of the matching entry not found";
			return GICITS_ENOENT;
		}
		*target = e->target;
		*out = masked - e->in_base + e->out_base;
		return MAP_OK;
	}
	return MAP_BYPASS;
}

static void result_init(struct gicits_topo_result *r)
{
	memset(r, 0, sizeof(*r));
	r->msi_node = -1;
	r->msi_via = -1;
	r->stream_node = -1;
	r->msi_status = GICITS_TOPO_NONE;
	r->stream_status = GICITS_TOPO_NONE;
}

static int rank(enum gicits_topo_status s)
{
	switch (s) {
	case GICITS_TOPO_ERROR:
		return 4;
	case GICITS_TOPO_NOT_DESCRIBED:
		return 3;
	case GICITS_TOPO_UNMAPPED:
		return 2;
	case GICITS_TOPO_NONE:
		return 1;
	default:
		return 0;
	}
}

static void result_finish(struct gicits_topo_result *r)
{
	enum gicits_topo_status s = r->stream_status;

	if (s == GICITS_TOPO_NONE || s == GICITS_TOPO_DISABLED)
		s = GICITS_TOPO_OK;
	r->status = rank(s) > rank(r->msi_status) ? s : r->msi_status;
}

static void dt_resolve_msi(const struct gicits_topo *t, int h, uint32_t id,
			   struct gicits_topo_result *r)
{
	const char *why = NULL;
	int n, err = 0, bypass = 0, pm;

	for (n = h; n >= 0; n = t->nodes[n].parent) {
		int mi = t->nodes[n].map[MAP_MSI_MAP], target = -1, rc;
		uint32_t out = 0;

		if (mi < 0)
			continue;
		rc = dt_map_id(t, &t->maps[mi], id, &target, &out, &why);
		if (rc == MAP_OK) {
			r->msi_node = target;
			r->device_id = out;
			r->msi_status =
				err ? GICITS_TOPO_ERROR : GICITS_TOPO_OK;
			if (n != h)
				r->quirks |=
					GICITS_TOPO_QUIRK_DT_MSI_MAP_ANCESTOR;
			if (!topo_is_msi_ctrl(t->nodes[target].type)) {
				r->msi_status = GICITS_TOPO_ERROR;
				why = "msi-map target is not an msi-controller";
			}
			if (t->nodes[target].type == GICITS_TOPO_ITS &&
			    t->nodes[target].msi_cells < 0)
				r->quirks |=
					GICITS_TOPO_QUIRK_DT_ITS_NO_MSI_CELLS;
			if (r->msi_status != GICITS_TOPO_OK)
				r->reason = why;
			return;
		}
		if (rc == MAP_BYPASS) {
			/* The first ancestor with a working msi-map decides. */
			bypass = 1;
			why = "no msi-map entry covers the ID: Linux uses the raw ID";
			break;
		}
		/* An error: Linux carries on with the next ancestor. */
		err = 1;
	}
	/* No msi-map decided: the host bridge's msi-parent gives the domain. */
	r->device_id = id;
	pm = t->nodes[h].map[MAP_MSI_PARENT];
	if (pm >= 0 && t->maps[pm].n) {
		const struct topo_entry *e = &t->ents[t->maps[pm].first];

		if (e->target < 0 || (e->flags & ENT_BADARGS)) {
			r->msi_status = GICITS_TOPO_ERROR;
			r->reason = e->target < 0 ?
					    "msi-parent phandle not found" :
					    "msi-parent specifier is truncated";
			return;
		}
		r->msi_node = e->target;
		if (!bypass && !err)
			r->quirks |= GICITS_TOPO_QUIRK_DT_IMPLICIT_ID;
	} else if (!bypass && !err) {
		r->msi_status = GICITS_TOPO_NONE;
		r->reason = "no msi-map and no msi-parent";
		return;
	}
	r->msi_status = err    ? GICITS_TOPO_ERROR :
			bypass ? GICITS_TOPO_UNMAPPED :
				 GICITS_TOPO_OK;
	r->reason = why;
}

static void dt_resolve_iommu(const struct gicits_topo *t, int h, uint32_t id,
			     struct gicits_topo_result *r)
{
	int mi = t->nodes[h].map[MAP_IOMMU_MAP], target = -1, rc;
	const char *why = NULL;
	uint32_t out = 0;

	if (mi < 0) {
		r->stream_status = GICITS_TOPO_NONE;
		return;
	}
	rc = dt_map_id(t, &t->maps[mi], id, &target, &out, &why);
	if (rc == MAP_BYPASS) {
		r->stream_status = GICITS_TOPO_UNMAPPED;
		if (!r->reason)
			r->reason =
				"no iommu-map entry covers the ID: Linux uses no IOMMU";
		return;
	}
	if (rc < 0) {
		r->stream_status = GICITS_TOPO_ERROR;
		r->reason = why;
		return;
	}
	r->stream_node = target;
	r->stream_id = out;
	if (!topo_is_iommu(t->nodes[target].type)) {
		r->stream_status = GICITS_TOPO_ERROR;
		r->reason = "iommu-map target has no #iommu-cells";
	} else if (!t->nodes[target].enabled) {
		r->stream_status = GICITS_TOPO_DISABLED;
		if (!r->reason)
			r->reason =
				"the IOMMU is disabled: Linux uses no IOMMU";
	} else {
		r->stream_status = GICITS_TOPO_OK;
	}
}

/* ---------------------------------------------------------------------- */
/* IORT rule: iort_node_map_id()                                           */

static int iort_wanted(const struct topo_node *n, int want_msi)
{
	if (want_msi)
		return n->iort_type == IORT_ITS_GROUP;
	return n->iort_type == IORT_SMMU || n->iort_type == IORT_SMMUV3;
}

/*
 * One hop: match @id against node @n's mappings.  Returns the entry index
 * (and *out) or -1.  Sets quirk bits for the ambiguity rules.
 */
static long iort_hop(const struct gicits_topo *t, const struct topo_node *n,
		     uint32_t id, uint32_t *out, uint32_t *quirks)
{
	const struct topo_map *m = &t->maps[n->map[MAP_IORT]];
	long tentative = -1;
	uint32_t tent_out = 0;
	size_t i;

	for (i = 0; i < m->n; i++) {
		const struct topo_entry *e = &t->ents[m->first + i];
		uint64_t last = (uint64_t)e->in_base + e->raw_count;

		if ((int)i == n->special)
			continue;
		if (e->flags & ENT_SINGLE) {
			if (n->iort_type == IORT_NC ||
			    n->iort_type == IORT_RC) {
				*out = e->out_base;
				return (long)(m->first + i);
			}
			continue; /* not allowed here: Linux skips it */
		}
		if (id < e->in_base || id > last)
			continue;
		if (tentative >= 0) {
			if (id != e->in_base) {
				*quirks |= GICITS_TOPO_QUIRK_IORT_CONFLICT;
				continue;
			}
			*quirks |= GICITS_TOPO_QUIRK_IORT_LAST_ID;
		}
		*out = e->out_base + (id - e->in_base);
		if (e->raw_count > 0 && id == last) {
			tentative = (long)(m->first + i);
			tent_out = *out;
			continue;
		}
		return (long)(m->first + i);
	}
	if (tentative >= 0)
		*out = tent_out;
	return tentative;
}

/*
 * Walk from node @start with @id to an IOMMU (want_msi 0) or an ITS group
 * (want_msi 1).  Returns the status; *node_out and *id_out on success, *via
 * the last IOMMU passed.
 */
static enum gicits_topo_status iort_map_id(const struct gicits_topo *t,
					   int start, uint32_t id, int want_msi,
					   int *node_out, uint32_t *id_out,
					   int *via, uint32_t *quirks,
					   const char **why)
{
	int cur = start, hops = 0;

	for (;;) {
		const struct topo_node *n = &t->nodes[cur];
		const struct topo_map *m;
		long ei;
		uint32_t out = id;

		if (iort_wanted(n, want_msi)) {
			*node_out = cur;
			*id_out = id;
			return GICITS_TOPO_OK;
		}
		if (n->type == GICITS_TOPO_SMMU ||
		    n->type == GICITS_TOPO_SMMUV3)
			*via = cur;
		if (n->special_rev0)
			*quirks |= GICITS_TOPO_QUIRK_IORT_SMMUV3_REV0;
		if (n->map[MAP_IORT] < 0 || !t->maps[n->map[MAP_IORT]].n) {
			*why = cur == start ?
				       "the node has no ID mappings" :
				       "the path ends at a node without ID mappings";
			return cur == start ? GICITS_TOPO_UNMAPPED :
					      GICITS_TOPO_NONE;
		}
		m = &t->maps[n->map[MAP_IORT]];
		if (t->ents[m->first].raw_ref == 0) {
			*why = "first ID mapping has a null output reference";
			return GICITS_TOPO_ERROR;
		}
		ei = iort_hop(t, n, id, &out, quirks);
		if (ei < 0) {
			*why = "no ID mapping covers the ID: Linux uses the raw ID";
			return GICITS_TOPO_UNMAPPED;
		}
		if (t->ents[ei].target < 0) {
			*why = "output reference points at no node";
			return GICITS_TOPO_ERROR;
		}
		if (++hops > t->n_nodes) {
			*why = "reference loop";
			return GICITS_TOPO_ERROR;
		}
		cur = t->ents[ei].target;
		id = out;
	}
}

static void iort_resolve(const struct gicits_topo *t, int start, uint32_t id,
			 struct gicits_topo_result *r)
{
	const char *why = NULL, *why2 = NULL;
	int node = -1, via = -1;
	uint32_t out = 0;

	r->msi_status = iort_map_id(t, start, id, 1, &node, &out, &via,
				    &r->quirks, &why);
	r->msi_via = via;
	if (r->msi_status == GICITS_TOPO_OK) {
		r->msi_node = node;
		r->device_id = out;
	} else {
		r->msi_via = -1;
		r->device_id = id; /* Linux: input ID unchanged, no domain */
		r->reason = why;
	}
	via = -1;
	node = -1;
	r->stream_status = iort_map_id(t, start, id, 0, &node, &out, &via,
				       &r->quirks, &why2);
	if (r->stream_status == GICITS_TOPO_OK) {
		r->stream_node = node;
		r->stream_id = out;
	} else if (r->stream_status == GICITS_TOPO_UNMAPPED &&
		   r->msi_status == GICITS_TOPO_OK) {
		/* The RC maps the ID, only not to an IOMMU. */
		r->stream_status = GICITS_TOPO_NONE;
	} else if (!r->reason && r->stream_status != GICITS_TOPO_NONE) {
		r->reason = why2;
	}
}

int gicits_topo_resolve_node(const struct gicits_topo *t, int node, uint32_t id,
			     struct gicits_topo_result *r)
{
	if (!t || !r)
		return GICITS_EINVAL;
	if (node < 0 || node >= t->n_nodes)
		return GICITS_ENOENT;
	result_init(r);
	if (t->source == GICITS_TOPO_SRC_IORT) {
		iort_resolve(t, node, id, r);
	} else {
		dt_resolve_msi(t, node, id, r);
		dt_resolve_iommu(t, node, id, r);
		if (t->nodes[node].fixup)
			r->quirks |= GICITS_TOPO_QUIRK_DT_FIXUP;
	}
	result_finish(r);
	return 0;
}

int gicits_topo_resolve(const struct gicits_topo *t, uint32_t segment,
			uint32_t rid, struct gicits_topo_result *r)
{
	int h;

	if (!t || !r)
		return GICITS_EINVAL;
	h = gicits_topo_root_complex(t, segment);
	if (h < 0) {
		result_init(r);
		r->status = r->msi_status = r->stream_status =
			GICITS_TOPO_NOT_DESCRIBED;
		r->device_id = rid;
		r->reason = "no root complex for this segment";
		return 0;
	}
	return gicits_topo_resolve_node(t, h, rid, r);
}

/* ---------------------------------------------------------------------- */
/* Own IDs                                                                 */

static void own_dt_msi(const struct gicits_topo *t, const struct topo_entry *e,
		       struct gicits_topo_result *r)
{
	r->stream_status = GICITS_TOPO_NONE;
	if (e->target < 0) {
		r->msi_status = GICITS_TOPO_ERROR;
		r->reason = "msi-parent phandle not found";
		return;
	}
	r->msi_node = e->target;
	r->device_id = e->out_base;
	r->msi_status = GICITS_TOPO_OK;
	if (!topo_is_msi_ctrl(t->nodes[e->target].type)) {
		r->msi_status = GICITS_TOPO_ERROR;
		r->reason = "msi-parent target is not an msi-controller";
	} else if (t->nodes[e->target].type == GICITS_TOPO_ITS &&
		   !(e->flags & ENT_SINGLE)) {
		r->msi_status = GICITS_TOPO_ERROR;
		r->reason =
			"an ITS needs exactly one msi-parent cell (the DeviceID)";
	} else if (t->nodes[e->target].type == GICITS_TOPO_ITS &&
		   t->nodes[e->target].msi_cells < 0) {
		r->quirks |= GICITS_TOPO_QUIRK_DT_ITS_NO_MSI_CELLS;
	}
}

static void own_dt_iommu(const struct gicits_topo *t,
			 const struct topo_entry *e,
			 struct gicits_topo_result *r)
{
	r->msi_status = GICITS_TOPO_NONE;
	if (e->target < 0) {
		r->stream_status = GICITS_TOPO_ERROR;
		r->reason = "iommus phandle not found";
		return;
	}
	r->stream_node = e->target;
	r->stream_id = e->out_base;
	r->stream_mask = (e->flags & ENT_SMR) ? e->smr_mask : 0;
	if (e->flags & ENT_BADARGS) {
		r->stream_status = GICITS_TOPO_ERROR;
		r->reason = "iommus specifier has the wrong number of cells";
	} else if (!(e->flags & ENT_SINGLE)) {
		r->stream_status = GICITS_TOPO_NONE; /* no StreamID cells */
	} else if (!t->nodes[e->target].enabled) {
		r->stream_status = GICITS_TOPO_DISABLED;
	} else {
		r->stream_status = GICITS_TOPO_OK;
	}
}

static void own_iort(const struct gicits_topo *t, int node,
		     const struct topo_entry *e, struct gicits_topo_result *r)
{
	const struct topo_node *n = &t->nodes[node];
	const char *why = NULL;
	int tn, via = -1, got = -1;
	uint32_t id = e->out_base, out = 0;

	if (e->target < 0) {
		r->msi_status = GICITS_TOPO_ERROR;
		r->reason = "output reference points at no node";
		return;
	}
	tn = e->target;
	if (e->flags & ENT_OWN) {
		/* SMMUv3/PMCG own MSIs: single, straight to an ITS group. */
		r->stream_status = GICITS_TOPO_NONE;
		r->msi_node = tn;
		r->device_id = id;
		r->msi_status = GICITS_TOPO_OK;
		if (!(e->flags & ENT_SINGLE) ||
		    t->nodes[tn].iort_type != IORT_ITS_GROUP) {
			r->msi_status = GICITS_TOPO_ERROR;
			r->reason =
				"DeviceID mapping must be single and point at an ITS group";
		}
		return;
	}
	(void)n;
	if (iort_wanted(&t->nodes[tn], 0)) {
		r->stream_node = tn;
		r->stream_id = id;
		r->stream_status = GICITS_TOPO_OK;
	} else {
		r->stream_status = GICITS_TOPO_NONE;
	}
	r->msi_status =
		iort_map_id(t, tn, id, 1, &got, &out, &via, &r->quirks, &why);
	if (r->msi_status == GICITS_TOPO_OK) {
		r->msi_node = got;
		r->device_id = out;
		r->msi_via = via;
	} else if (r->msi_status == GICITS_TOPO_UNMAPPED ||
		   r->msi_status == GICITS_TOPO_NONE) {
		r->msi_status = GICITS_TOPO_NONE; /* no MSIs on this path */
	} else {
		r->reason = why;
	}
}

int gicits_topo_own(const struct gicits_topo *t, int node, int index,
		    struct gicits_topo_result *r)
{
	const struct topo_node *n;
	static const enum topo_map_kind kinds[] = { MAP_MSI_PARENT, MAP_IOMMUS,
						    MAP_IORT };
	size_t k, i;
	int seen = 0;

	if (!t || !r)
		return GICITS_EINVAL;
	if (node < 0 || node >= t->n_nodes || index < 0)
		return GICITS_ENOENT;
	n = &t->nodes[node];
	for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		const struct topo_map *m;

		if (n->map[kinds[k]] < 0)
			continue;
		m = &t->maps[n->map[kinds[k]]];
		for (i = 0; i < m->n; i++) {
			const struct topo_entry *e = &t->ents[m->first + i];

			if (kinds[k] == MAP_MSI_PARENT &&
			    (e->flags & ENT_IDENTITY))
				continue;
			if (kinds[k] == MAP_IORT) {
				if (n->iort_type == IORT_SMMUV3 ||
				    n->iort_type == IORT_PMCG) {
					if (!(e->flags & ENT_OWN))
						continue;
				} else if (!(e->flags & ENT_SINGLE) ||
					   (n->iort_type != IORT_NC &&
					    n->iort_type != IORT_RC)) {
					continue;
				}
			}
			if (seen++ != index)
				continue;
			result_init(r);
			if (kinds[k] == MAP_MSI_PARENT)
				own_dt_msi(t, e, r);
			else if (kinds[k] == MAP_IOMMUS)
				own_dt_iommu(t, e, r);
			else
				own_iort(t, node, e, r);
			result_finish(r);
			/* an own ID has one side: a missing other side is fine */
			if (r->msi_status == GICITS_TOPO_NONE &&
			    r->stream_status != GICITS_TOPO_NONE)
				r->status = r->stream_status;
			return 0;
		}
	}
	return GICITS_ENOENT;
}

/* ---------------------------------------------------------------------- */
/* Edges and names                                                         */
