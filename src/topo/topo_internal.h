/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Internal model of the topo module: one graph of nodes, each owning ID maps
 * (lists of entries).  dt.c and iort.c build it, topo.c resolves over it,
 * lint.c checks it.
 */
#ifndef GICITS_TOPO_INTERNAL_H
#define GICITS_TOPO_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "gicits/topo.h"

/* entry flags */
#define ENT_SINGLE 1u /* one output ID whatever the input */
#define ENT_IDENTITY 2u /* DT msi-parent on a bus: output = input */
#define ENT_OWN 4u /* the node's own MSIs (special index, SMMU msi-parent) */
#define ENT_SMR 8u /* two-cell arm,smmu iommus: smr_mask is valid */
#define ENT_BADARGS 16u /* DT specifier cell count wrong for the target */

/* the kinds of map a node can own; a node has at most one of each */
enum topo_map_kind {
	MAP_MSI_MAP, /* DT msi-map (+ msi-map-mask) */
	MAP_IOMMU_MAP, /* DT iommu-map (+ iommu-map-mask) */
	MAP_MSI_PARENT, /* DT msi-parent list */
	MAP_IOMMUS, /* DT iommus list */
	MAP_IORT, /* IORT ID mapping array */
	MAP_NKINDS
};

struct topo_entry {
	uint32_t in_base;
	uint64_t count; /* number of input IDs; 0 matches nothing */
	uint32_t out_base;
	uint32_t raw_ref; /* DT phandle or IORT output_reference */
	int target; /* node index, -1 when the reference is dangling */
	uint32_t flags;
	uint32_t smr_mask;
	uint32_t raw_count; /* IORT id_count / DT length as written */
};

struct topo_map {
	int owner;
	enum topo_map_kind kind;
	uint32_t mask; /* DT map mask, 0xffffffff by default */
	int bad; /* DT: length 0 or not a multiple of 16: lookups fail */
	size_t first; /* index of the first entry */
	size_t n;
};

struct topo_node {
	enum gicits_topo_type type;
	char *name;
	char *compat;
	int enabled;
	uint32_t segment;
	int has_segment;
	uint32_t rid_lo, rid_hi;
	int revision;
	uint32_t *its_ids;
	uint32_t n_its_ids;
	uint32_t num_pins;
	int parent; /* DT parent node, -1 */
	int map[MAP_NKINDS]; /* map index or -1 */
	int msi_cells; /* DT #msi-cells, -1 absent */
	int iommu_cells; /* DT #iommu-cells, -1 absent */
	int fixup; /* DT bootloader fix-up placeholder */
	uint32_t phandle;
	/* IORT */
	uint32_t offset;
	int iort_type;
	int special; /* DeviceID mapping index in use, -1 */
	int special_rev0; /* SMMUv3 rev 0: index field ignored */
};

struct topo_finding {
	enum gicits_topo_severity severity;
	const char *code;
	int node, other;
	char *msg;
};

struct gicits_topo {
	enum gicits_topo_source source;
	struct topo_node *nodes;
	int n_nodes, cap_nodes;
	struct topo_map *maps;
	int n_maps, cap_maps;
	struct topo_entry *ents;
	size_t n_ents, cap_ents;
	struct topo_finding *findings; /* structural findings from the load */
	int n_findings, cap_findings;
	size_t *edges; /* entry indices with a target */
	int n_edges;
	int has_madt;
	uint32_t *madt_its;
	int n_madt_its;
	int broken; /* GICITS_ENOENT / GICITS_ELOOP or 0 */
	char broken_msg[GICITS_TOPO_MSG_MAX];
	char err[GICITS_TOPO_MSG_MAX];
};

/* construction (topo.c) */
int topo_add_node(struct gicits_topo *t, enum gicits_topo_type type,
		  const char *name, const char *compat);
int topo_add_map(struct gicits_topo *t, int node, enum topo_map_kind kind,
		 uint32_t mask);
int topo_add_entry(struct gicits_topo *t, int map,
		   const struct topo_entry *e);
char *topo_strdup(const char *s);
int topo_finding_add(struct gicits_topo *t, enum gicits_topo_severity sev,
		     const char *code, int node, int other, const char *fmt,
		     ...);
void topo_set_broken(struct gicits_topo *t, int code, const char *msg);
int topo_finish(struct gicits_topo *t);
void topo_reset(struct gicits_topo *t);
void topo_seterr(struct gicits_topo *t, const char *fmt, ...);

static inline int topo_is_iommu(enum gicits_topo_type type)
{
	return type == GICITS_TOPO_SMMU || type == GICITS_TOPO_SMMUV3 ||
	       type == GICITS_TOPO_IOMMU_OTHER;
}

static inline int topo_is_msi_ctrl(enum gicits_topo_type type)
{
	return type == GICITS_TOPO_ITS || type == GICITS_TOPO_MSI_OTHER;
}

/* The IORT node types. */
enum {
	IORT_ITS_GROUP = 0,
	IORT_NC = 1,
	IORT_RC = 2,
	IORT_SMMU = 3,
	IORT_SMMUV3 = 4,
	IORT_PMCG = 5,
	IORT_RMR = 6,
	IORT_IWB = 7,
};

/* dt.c, iort.c */
int topo_dt_load(struct gicits_topo *t, const void *blob, size_t len);
int topo_iort_load(struct gicits_topo *t, const void *buf, size_t len);
int topo_madt_load(struct gicits_topo *t, const void *buf, size_t len);

#endif
