/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * An SMMUv3 driver as Linux's arm-smmu-v3 programs the hardware, reduced to
 * what an MSI path needs (test-support library; used by `gicits demo`):
 * a linear stream table, a command queue, an event queue whose interrupt
 * is an MSI, stage-1 translation with one context descriptor per stream
 * and a 4 KB-granule, 48-bit page table per domain.  Everything it writes
 * goes through the SMMU's registers (gicits_iommu_mmio_write()) and guest
 * memory (gicits_mem_write()); memory comes from the caller's allocator.
 * No cmocka: errors are returned as GICITS_* codes.
 */
#ifndef GICITS_TEST_SUPPORT_SMMU_DRV_H
#define GICITS_TEST_SUPPORT_SMMU_DRV_H

#include <stdint.h>

#include "gicits/iommu.h"
#include "gicits/mem.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Zeroed guest memory: @size bytes aligned to @align; GICITS_OK or an
 * error (the signature of gicits_fabric_alloc() without the host
 * pointer). */
typedef int (*tsd_alloc_fn)(void *ctx, uint64_t size, uint64_t align,
			    uint64_t *gpa);

/* Leaf attributes of Linux's MSI mapping (IOMMU_MMIO: AF, AP = 01 RW at
 * any EL, AttrIndx 2 device, nG). */
#define TSD_MSI_ATTR ((1ull << 10) | (1ull << 6) | (2ull << 2) | (1ull << 11))

/**
 * struct tsd - the driver's state for one SMMU
 * @smmu, @mem: the SMMU and the memory its tables live in
 * @alloc, @ctx: the allocator
 * @st, @cmdq, @evtq: table and queue bases
 * @cmd_prod: the command queue's producer index (with wrap bit)
 * @sid_bits: LOG2SIZE of the linear stream table
 */
struct tsd {
	struct gicits_iommu *smmu;
	const struct gicits_mem *mem;
	tsd_alloc_fn alloc;
	void *ctx;
	uint64_t st, cmdq, evtq;
	uint32_t cmd_prod;
	unsigned sid_bits;
};

/* Probe: stream table (2^@sid_bits STEs, all invalid), queues, the event
 * queue's and GERROR's MSIs to @doorbell with data @evtq_data and
 * @gerror_data, RECINVSID, then SMMUEN | EVENTQEN | CMDQEN. */
int tsd_init(struct tsd *d, struct gicits_iommu *smmu,
	     const struct gicits_mem *mem, tsd_alloc_fn alloc, void *ctx,
	     unsigned sid_bits, uint64_t doorbell, uint32_t evtq_data,
	     uint32_t gerror_data);

/* A new stage-1 domain: an empty 4-level page table; *@ttb0 its root. */
int tsd_domain(struct tsd *d, uint64_t *ttb0);

/* Map the 4 KB page at @iova to @pa in the domain rooted at @ttb0. */
int tsd_map(struct tsd *d, uint64_t ttb0, uint64_t iova, uint64_t pa,
	    uint64_t attr);

/* Attach stream @sid to the domain (@asid, @ttb0): a CD, a stage-1 STE,
 * CMD_CFGI_STE + CMD_SYNC. */
int tsd_attach(struct tsd *d, uint32_t sid, uint16_t asid, uint64_t ttb0);

/* Event records waiting (PROD - CONS); read record @i of them into
 * @rec (4 doublewords); consume all of them. */
unsigned tsd_events(struct tsd *d);
int tsd_event(struct tsd *d, unsigned i, uint64_t rec[4]);
void tsd_events_consume(struct tsd *d);

#ifdef __cplusplus
}
#endif

#endif
