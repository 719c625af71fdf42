/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The topology graph: construction helpers for the readers (dt.c, iort.c),
 * loading, accessors, edges and names.  Resolution is in resolve.c.
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

int gicits_topo_load_iort(struct gicits_topo *t, const void *table, size_t len)
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

int gicits_topo_load_madt(struct gicits_topo *t, const void *table, size_t len)
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

		if (n->type != GICITS_TOPO_ROOT_COMPLEX ||
		    n->segment != segment)
			continue;
		if (n->enabled)
			return i;
		if (first < 0)
			first = i;
	}
	return first;
}

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
