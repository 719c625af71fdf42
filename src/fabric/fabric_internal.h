/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Internal state of a fabric: per topology node, the model it became; the
 * RAM; the delivery being filled while a model's callback runs.
 * fabric.c builds and boots, post.c carries requests along their path.
 */
#ifndef GICITS_FABRIC_INTERNAL_H
#define GICITS_FABRIC_INTERNAL_H

#include <stdint.h>

#include "gicits/fabric.h"

/* what a topology node became */
enum fnode_kind {
	FN_NONE = 0,
	FN_ITS, /* an ITS model, and a frame */
	FN_MSI_OTHER, /* a frame, no model */
	FN_IOMMU, /* an SMMUv3 model */
	FN_XLAT, /* a translator */
};

/* DeviceIDs gicits_fabric_map_event() has mapped on one ITS */
#define FABRIC_MAP_DEVS 64
#define FABRIC_ITT_EVENTS 256u

struct fabric_its_state {
	uint64_t dt_l1; /* level-1 device table (one 64 KiB page) */
	uint64_t ct; /* collection table */
	uint64_t cq; /* command queue */
	uint64_t mapc_done; /* bit per CPU: MAPC issued */
	unsigned n_devs;
	uint32_t devs[FABRIC_MAP_DEVS];
};

struct fnode {
	enum fnode_kind kind;
	int frame; /* FN_ITS, FN_MSI_OTHER: frame number */
	struct gicits_its *its;
	struct fabric_its_state *is;
	struct gicits_iommu *iommu;
	struct gicits_xlat *xlat;
	uint32_t wires; /* FN_XLAT: number of wires */
	uint32_t first_pin; /* FN_XLAT mbigen: pin of wire 0; table: 0 */
};

struct gicits_fabric {
	struct gicits_fabric_config cfg;
	const struct gicits_topo *topo;
	struct gicits_topo *own_topo;
	int n_nodes;
	struct fnode *nodes;
	int n_frames;
	int *frame_node; /* frame number -> node */
	uint8_t *ram;
	uint64_t ram_size;
	uint64_t ram_next; /* bump allocator, offset into @ram */
	struct gicits_mem mem;
	struct gicits_gic *gic;
	uint64_t prop; /* LPI configuration table */
	/* the request being carried: model callbacks append to it */
	struct gicits_fabric_delivery *cur;
	int cur_node; /* the translator of @cur, or -1 */
	/* where an ITS's TRANSLATE record puts the LPI */
	struct gicits_fabric_delivery *lpi_d;
	struct gicits_fabric_delivery scratch; /* embedder-caused messages */
	struct gicits_fabric_delivery iommu_scratch; /* SMMUs' own MSIs */
	struct gicits_fabric_hop sink_hop; /* hops past the record's end */
};

#define FABRIC_PAGE 0x10000u
#define FABRIC_INTID_BITS 16u

int fabric_ram_alloc(struct gicits_fabric *f, uint64_t size, uint64_t align,
		     uint64_t *gpa);
/* The frame (and so the node) a physical address is the doorbell of:
 * node index, or -1. */
int fabric_decode(const struct gicits_fabric *f, uint64_t pa);
/* Callbacks the models call. */
int fabric_iommu_msi(void *ctx, uint64_t pa, uint32_t data, uint32_t device_id);
int fabric_xlat_msi(void *ctx, uint64_t pa, uint32_t data, uint32_t device_id);
void fabric_its_trace(void *opaque, const struct gicits_trace_record *rec);

#endif
