/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The topology graph: construction helpers, accessors and resolution.
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
 * Both are written from the behaviour described in spec/topology.md, not
 * from the kernel's code.
 */
#include "topo_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gicits/error.h"

char *topo_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = malloc(n);

	if (p)
		memcpy(p, s, n);
	return p;
}

static int grow(void **arr, size_t *cap, size_t need, size_t elem)
{
	size_t ncap;
	void *p;

	if (need <= *cap)
		return 0;
	ncap = *cap ? *cap * 2 : 16;
	while (ncap < need)
		ncap *= 2;
	p = realloc(*arr, ncap * elem);
	if (!p)
		return GICITS_ENOMEM;
	*arr = p;
	*cap = ncap;
	return 0;
}

int topo_add_node(struct gicits_topo *t, enum gicits_topo_type type,
		  const char *name, const char *compat)
{
	size_t cap = (size_t)t->cap_nodes;
	struct topo_node *n;
	int i;

	if (grow((void **)&t->nodes, &cap, (size_t)t->n_nodes + 1,
		 sizeof(*t->nodes)))
		return GICITS_ENOMEM;
	t->cap_nodes = (int)cap;
	n = &t->nodes[t->n_nodes];
	memset(n, 0, sizeof(*n));
	n->type = type;
	n->name = topo_strdup(name);
	n->compat = topo_strdup(compat ? compat : "");
	if (!n->name || !n->compat) {
		free(n->name);
		free(n->compat);
		return GICITS_ENOMEM;
	}
	n->enabled = 1;
	n->revision = -1;
	n->parent = -1;
	n->msi_cells = -1;
	n->iommu_cells = -1;
	n->special = -1;
	n->iort_type = -1;
	for (i = 0; i < MAP_NKINDS; i++)
		n->map[i] = -1;
	return t->n_nodes++;
}

int topo_add_map(struct gicits_topo *t, int node, enum topo_map_kind kind,
		 uint32_t mask)
{
	size_t cap = (size_t)t->cap_maps;
	struct topo_map *m;

	if (grow((void **)&t->maps, &cap, (size_t)t->n_maps + 1,
		 sizeof(*t->maps)))
		return GICITS_ENOMEM;
	t->cap_maps = (int)cap;
	m = &t->maps[t->n_maps];
	memset(m, 0, sizeof(*m));
	m->owner = node;
	m->kind = kind;
	m->mask = mask;
	m->first = t->n_ents;
	t->nodes[node].map[kind] = t->n_maps;
	return t->n_maps++;
}

/* Entries of one map must be added before the next map is created. */
int topo_add_entry(struct gicits_topo *t, int map, const struct topo_entry *e)
{
	if (grow((void **)&t->ents, &t->cap_ents, t->n_ents + 1,
		 sizeof(*t->ents)))
		return GICITS_ENOMEM;
	t->ents[t->n_ents++] = *e;
	t->maps[map].n++;
	return 0;
}

int topo_finding_add(struct gicits_topo *t, enum gicits_topo_severity sev,
		     const char *code, int node, int other, const char *fmt,
		     ...)
{
	size_t cap = (size_t)t->cap_findings;
	struct topo_finding *f;
	char buf[GICITS_TOPO_MSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (grow((void **)&t->findings, &cap, (size_t)t->n_findings + 1,
		 sizeof(*t->findings)))
		return GICITS_ENOMEM;
	t->cap_findings = (int)cap;
	f = &t->findings[t->n_findings];
	f->severity = sev;
	f->code = code;
	f->node = node;
	f->other = other;
	f->msg = topo_strdup(buf);
	if (!f->msg)
		return GICITS_ENOMEM;
	t->n_findings++;
	return 0;
}

void topo_set_broken(struct gicits_topo *t, int code, const char *msg)
{
	if (t->broken)
		return;
	t->broken = code;
	snprintf(t->broken_msg, sizeof(t->broken_msg), "%s", msg);
}

void topo_seterr(struct gicits_topo *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(t->err, sizeof(t->err), fmt, ap);
	va_end(ap);
}

/* Index the edges once the graph is complete. */
int topo_finish(struct gicits_topo *t)
{
	size_t i, n = 0;

	for (i = 0; i < t->n_ents; i++)
		if (t->ents[i].target >= 0)
			n++;
	free(t->edges);
	t->edges = malloc((n ? n : 1) * sizeof(*t->edges));
	if (!t->edges)
		return GICITS_ENOMEM;
	n = 0;
	for (i = 0; i < t->n_ents; i++)
		if (t->ents[i].target >= 0)
			t->edges[n++] = i;
	t->n_edges = (int)n;
	return 0;
}

/* Back to an empty topology (the MADT stays). */
void topo_reset(struct gicits_topo *t)
{
	int i;

	for (i = 0; i < t->n_nodes; i++) {
		free(t->nodes[i].name);
		free(t->nodes[i].compat);
		free(t->nodes[i].its_ids);
	}
	for (i = 0; i < t->n_findings; i++)
		free(t->findings[i].msg);
	free(t->nodes);
	free(t->maps);
	free(t->ents);
	free(t->findings);
	free(t->edges);
	t->nodes = NULL;
	t->maps = NULL;
	t->ents = NULL;
	t->findings = NULL;
	t->edges = NULL;
	t->n_nodes = t->cap_nodes = 0;
	t->n_maps = t->cap_maps = 0;
	t->n_ents = t->cap_ents = 0;
	t->n_findings = t->cap_findings = 0;
	t->n_edges = 0;
	t->broken = 0;
	t->broken_msg[0] = 0;
	t->source = GICITS_TOPO_SRC_NONE;
}

int gicits_topo_create(struct gicits_topo **out)
{
	struct gicits_topo *t;

	if (!out)
		return GICITS_EINVAL;
	t = calloc(1, sizeof(*t));
	if (!t)
		return GICITS_ENOMEM;
	*out = t;
	return 0;
}

void gicits_topo_free(struct gicits_topo *t)
{
	if (!t)
		return;
	topo_reset(t);
	free(t->madt_its);
	free(t);
}

static int load_prologue(struct gicits_topo *t, const void *buf)
{
	if (!t || !buf)
		return GICITS_EINVAL;
	if (t->source != GICITS_TOPO_SRC_NONE) {
		topo_seterr(t, "a topology is already loaded");
		return GICITS_ESTATE;
	}
	t->err[0] = 0;
	return 0;
}

static int load_epilogue(struct gicits_topo *t, int rc,
			 enum gicits_topo_source src)
{
	if (!rc)
		rc = topo_finish(t);
	if (rc) {
		if (rc == GICITS_ENOMEM && !t->err[0])
			topo_seterr(t, "out of memory");
		topo_reset(t);
		return rc;
	}
	t->source = src;
	return 0;
}

int gicits_topo_load_dtb(struct gicits_topo *t, const void *blob, size_t len)
{
	int rc = load_prologue(t, blob);

	if (rc)
		return rc;
	return load_epilogue(t, topo_dt_load(t, blob, len), GICITS_TOPO_SRC_DT);
}

int gicits_topo_load_iort(struct gicits_topo *t, const void *table,
			  size_t len)
{
	int rc = load_prologue(t, table);

	if (rc)
		return rc;
	return load_epilogue(t, topo_iort_load(t, table, len),
			     GICITS_TOPO_SRC_IORT);
}

int gicits_topo_load(struct gicits_topo *t, const void *buf, size_t len)
{
	const unsigned char *b = buf;

	if (!t || !buf)
		return GICITS_EINVAL;
	if (len >= 4 && b[0] == 0xd0 && b[1] == 0x0d && b[2] == 0xfe &&
	    b[3] == 0xed)
		return gicits_topo_load_dtb(t, buf, len);
	if (len >= 4 && !memcmp(b, "IORT", 4))
		return gicits_topo_load_iort(t, buf, len);
	topo_seterr(t, "neither a flattened device tree nor an IORT table");
	return GICITS_EFORMAT;
}

int gicits_topo_load_madt(struct gicits_topo *t, const void *table,
			  size_t len)
{
	int rc;

	if (!t || !table)
		return GICITS_EINVAL;
	if (t->has_madt) {
		topo_seterr(t, "a MADT is already loaded");
		return GICITS_ESTATE;
	}
	rc = topo_madt_load(t, table, len);
	if (rc) {
		free(t->madt_its);
		t->madt_its = NULL;
		t->n_madt_its = 0;
		return rc;
	}
	t->has_madt = 1;
	return 0;
}

const char *gicits_topo_error(const struct gicits_topo *t)
{
	return t ? t->err : "";
}

int gicits_topo_check(const struct gicits_topo *t, const char **msg)
{
	if (!t)
		return GICITS_EINVAL;
	if (msg)
		*msg = t->broken ? t->broken_msg : "";
	return t->broken;
}

enum gicits_topo_source gicits_topo_source(const struct gicits_topo *t)
{
	return t ? t->source : GICITS_TOPO_SRC_NONE;
}

int gicits_topo_node_count(const struct gicits_topo *t)
{
	return t ? t->n_nodes : 0;
}

int gicits_topo_node(const struct gicits_topo *t, int idx,
		     struct gicits_topo_node *out)
{
	const struct topo_node *n;

	if (!t || !out)
		return GICITS_EINVAL;
	if (idx < 0 || idx >= t->n_nodes)
		return GICITS_ENOENT;
	n = &t->nodes[idx];
	out->type = n->type;
	out->name = n->name;
	out->compatible = n->compat;
	out->enabled = n->enabled;
	out->segment = n->segment;
	out->rid_lo = n->rid_lo;
	out->rid_hi = n->rid_hi;
	out->revision = n->revision;
	out->its_ids = n->its_ids;
	out->n_its_ids = n->n_its_ids;
	out->num_pins = n->num_pins;
	return 0;
}

int gicits_topo_find(const struct gicits_topo *t, const char *name)
{
	int i;

	if (!t || !name)
		return GICITS_EINVAL;
	for (i = 0; i < t->n_nodes; i++)
		if (!strcmp(t->nodes[i].name, name))
			return i;
	return GICITS_ENOENT;
}

int gicits_topo_root_complex(const struct gicits_topo *t, uint32_t segment)
{
	int i, first = GICITS_ENOENT;

	if (!t)
		return GICITS_EINVAL;
	for (i = 0; i < t->n_nodes; i++) {
		const struct topo_node *n = &t->nodes[i];

		if (n->type != GICITS_TOPO_ROOT_COMPLEX || n->segment != segment)
			continue;
		if (n->enabled)
			return i;
		if (first < 0)
			first = i;
	}
	return first;
}

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
			r->msi_status = err ? GICITS_TOPO_ERROR : GICITS_TOPO_OK;
			if (n != h)
				r->quirks |= GICITS_TOPO_QUIRK_DT_MSI_MAP_ANCESTOR;
			if (!topo_is_msi_ctrl(t->nodes[target].type)) {
				r->msi_status = GICITS_TOPO_ERROR;
				why = "msi-map target is not an msi-controller";
			}
			if (t->nodes[target].type == GICITS_TOPO_ITS &&
			    t->nodes[target].msi_cells < 0)
				r->quirks |= GICITS_TOPO_QUIRK_DT_ITS_NO_MSI_CELLS;
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
			r->reason = e->target < 0 ? "msi-parent phandle not found" :
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
	r->msi_status = err ? GICITS_TOPO_ERROR :
		        bypass ? GICITS_TOPO_UNMAPPED : GICITS_TOPO_OK;
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
			r->reason = "no iommu-map entry covers the ID: Linux uses no IOMMU";
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
			r->reason = "the IOMMU is disabled: Linux uses no IOMMU";
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
			if (n->iort_type == IORT_NC || n->iort_type == IORT_RC) {
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
		if (n->type == GICITS_TOPO_SMMU || n->type == GICITS_TOPO_SMMUV3)
			*via = cur;
		if (n->special_rev0)
			*quirks |= GICITS_TOPO_QUIRK_IORT_SMMUV3_REV0;
		if (n->map[MAP_IORT] < 0 || !t->maps[n->map[MAP_IORT]].n) {
			*why = cur == start ? "the node has no ID mappings" :
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

int gicits_topo_resolve_node(const struct gicits_topo *t, int node,
			     uint32_t id, struct gicits_topo_result *r)
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
		r->reason = "an ITS needs exactly one msi-parent cell (the DeviceID)";
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
			r->reason = "DeviceID mapping must be single and point at an ITS group";
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
	r->msi_status = iort_map_id(t, tn, id, 1, &got, &out, &via, &r->quirks,
				    &why);
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

int gicits_topo_edge_count(const struct gicits_topo *t)
{
	return t ? t->n_edges : 0;
}

int gicits_topo_edge(const struct gicits_topo *t, int idx,
		     struct gicits_topo_edge *out)
{
	const struct topo_entry *e;
	const struct topo_map *m = NULL;
	int lo = 0, hi;
	size_t ei;

	if (!t || !out)
		return GICITS_EINVAL;
	if (idx < 0 || idx >= t->n_edges)
		return GICITS_ENOENT;
	ei = t->edges[idx];
	e = &t->ents[ei];
	/* maps hold contiguous, increasing entry ranges: binary search */
	hi = t->n_maps - 1;
	while (lo <= hi) {
		int mid = (lo + hi) / 2;

		if (t->maps[mid].first > ei) {
			hi = mid - 1;
		} else if (t->maps[mid].first + t->maps[mid].n <= ei) {
			lo = mid + 1;
		} else {
			m = &t->maps[mid];
			break;
		}
	}
	if (!m)
		return GICITS_ENOENT;
	memset(out, 0, sizeof(*out));
	out->from = m->owner;
	out->to = e->target;
	switch (m->kind) {
	case MAP_MSI_MAP:
	case MAP_MSI_PARENT:
		out->kind = GICITS_TOPO_EDGE_MSI;
		break;
	case MAP_IOMMU_MAP:
	case MAP_IOMMUS:
		out->kind = GICITS_TOPO_EDGE_STREAM;
		break;
	default:
		out->kind = GICITS_TOPO_EDGE_CHAIN;
		break;
	}
	out->in_base = e->in_base;
	out->count = e->count;
	out->out_base = e->out_base;
	out->mask = (e->flags & ENT_SMR) ? e->smr_mask : m->mask;
	out->single = !!(e->flags & ENT_SINGLE);
	out->identity = !!(e->flags & ENT_IDENTITY);
	out->own = !!(e->flags & ENT_OWN);
	return 0;
}

const char *gicits_topo_quirk_name(uint32_t bit)
{
	switch (bit) {
	case GICITS_TOPO_QUIRK_IORT_LAST_ID:
		return "iort-last-id";
	case GICITS_TOPO_QUIRK_IORT_CONFLICT:
		return "iort-conflict-first-kept";
	case GICITS_TOPO_QUIRK_IORT_SMMUV3_REV0:
		return "iort-smmuv3-rev0-index";
	case GICITS_TOPO_QUIRK_DT_ITS_NO_MSI_CELLS:
		return "dt-its-no-msi-cells";
	case GICITS_TOPO_QUIRK_DT_FIXUP:
		return "dt-bootloader-fixup";
	case GICITS_TOPO_QUIRK_DT_MSI_MAP_ANCESTOR:
		return "dt-msi-map-ancestor";
	case GICITS_TOPO_QUIRK_DT_IMPLICIT_ID:
		return "dt-implicit-deviceid";
	default:
		return NULL;
	}
}

const char *gicits_topo_status_name(enum gicits_topo_status s)
{
	switch (s) {
	case GICITS_TOPO_OK:
		return "ok";
	case GICITS_TOPO_UNMAPPED:
		return "unmapped";
	case GICITS_TOPO_NONE:
		return "none";
	case GICITS_TOPO_ERROR:
		return "error";
	case GICITS_TOPO_NOT_DESCRIBED:
		return "not-described";
	case GICITS_TOPO_DISABLED:
		return "disabled";
	}
	return "?";
}

const char *gicits_topo_type_name(enum gicits_topo_type type)
{
	switch (type) {
	case GICITS_TOPO_ROOT_COMPLEX:
		return "root-complex";
	case GICITS_TOPO_PLATFORM:
		return "platform";
	case GICITS_TOPO_FSLMC:
		return "fsl-mc";
	case GICITS_TOPO_SMMU:
		return "smmu";
	case GICITS_TOPO_SMMUV3:
		return "smmu-v3";
	case GICITS_TOPO_IOMMU_OTHER:
		return "iommu";
	case GICITS_TOPO_PMCG:
		return "pmcg";
	case GICITS_TOPO_ITS:
		return "its";
	case GICITS_TOPO_MSI_OTHER:
		return "msi-controller";
	case GICITS_TOPO_WIRE_BRIDGE:
		return "wire-bridge";
	case GICITS_TOPO_RMR:
		return "rmr";
	default:
		return "other";
	}
}

const char *gicits_topo_severity_name(enum gicits_topo_severity s)
{
	switch (s) {
	case GICITS_TOPO_INFO:
		return "info";
	case GICITS_TOPO_WARNING:
		return "warning";
	default:
		return "error";
	}
}
