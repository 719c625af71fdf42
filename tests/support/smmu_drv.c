/* SPDX-License-Identifier: BSD-2-Clause */
/* The SMMUv3 driver of smmu_drv.h.  Field positions: IHI0070 (SMMUv3)
 * 6.3 registers, 5.2 STE, 5.4 CD, 4.1 commands; the stage-1 walk is the
 * Armv8-A VMSA with a 4 KB granule. */
#include "smmu_drv.h"

#include <string.h>

#include "gicits/error.h"

#define CMDQ_LOG2 8 /* 256 commands of 16 bytes */
#define EVTQ_LOG2 7 /* 128 records of 32 bytes */
#define CR0_SMMUEN 1u
#define CR0_EVENTQEN 4u
#define CR0_CMDQEN 8u
#define CR2_RECINVSID 2u
#define IRQ_CTRL_GERROR 1u
#define IRQ_CTRL_EVENTQ 4u
#define STE_V 1ull
#define STE_CFG_S1 (5ull << 1) /* Config = 0b101: stage 1 only */
#define CD_V (1ull << 31)
#define CD_EPD1 (1ull << 30) /* no TTB1 walks */
#define CD_AA64 (1ull << 41)
#define CD_R (1ull << 45) /* record faults */
#define CD_A (1ull << 46) /* abort (not stall) on faults */
#define CD_ASET (1ull << 47) /* ASID not shared with the PEs */
#define CD_IPS_48 (5ull << 32)
#define ADDR_MASK 0x0000FFFFFFFFF000ull
#define CMD_CFGI_STE 0x03
#define CMD_SYNC 0x46

static int w64(struct tsd *d, uint64_t pa, uint64_t v)
{
	uint8_t b[8];
	unsigned i;

	for (i = 0; i < 8; i++) /* the SMMU's tables are little-endian */
		b[i] = (uint8_t)(v >> (8 * i));
	return gicits_mem_write(d->mem, pa, b, 8);
}

static int r64(struct tsd *d, uint64_t pa, uint64_t *v)
{
	uint8_t b[8];
	unsigned i;
	int err = gicits_mem_read(d->mem, pa, b, 8);

	*v = 0;
	for (i = 0; i < 8; i++)
		*v |= (uint64_t)b[i] << (8 * i);
	return err;
}

static int reg(struct tsd *d, uint32_t off, unsigned size, uint64_t v)
{
	return gicits_iommu_mmio_write(d->smmu, off, size, v);
}

int tsd_init(struct tsd *d, struct gicits_iommu *smmu,
	     const struct gicits_mem *mem, tsd_alloc_fn alloc, void *ctx,
	     unsigned sid_bits, uint64_t doorbell, uint32_t evtq_data,
	     uint32_t gerror_data)
{
	uint64_t st_bytes = 64ull << sid_bits;
	int err;

	memset(d, 0, sizeof(*d));
	if (!smmu || !mem || !alloc || sid_bits > 16)
		return GICITS_EINVAL;
	d->smmu = smmu;
	d->mem = mem;
	d->alloc = alloc;
	d->ctx = ctx;
	d->sid_bits = sid_bits;
	/* a linear table is aligned to its size (IHI0070 6.3.24) */
	err = alloc(ctx, st_bytes, st_bytes, &d->st);
	if (!err)
		err = alloc(ctx, 16u << CMDQ_LOG2, 16u << CMDQ_LOG2, &d->cmdq);
	if (!err)
		err = alloc(ctx, 32u << EVTQ_LOG2, 32u << EVTQ_LOG2, &d->evtq);
	if (!err)
		err = reg(d, GICITS_SMMU_STRTAB_BASE, 8, d->st);
	if (!err) /* FMT 0 linear, LOG2SIZE */
		err = reg(d, GICITS_SMMU_STRTAB_BASE_CFG, 4, sid_bits);
	if (!err)
		err = reg(d, GICITS_SMMU_CMDQ_BASE, 8, d->cmdq | CMDQ_LOG2);
	if (!err)
		err = reg(d, GICITS_SMMU_EVENTQ_BASE, 8, d->evtq | EVTQ_LOG2);
	if (!err)
		err = reg(d, GICITS_SMMU_CR2, 4, CR2_RECINVSID);
	if (!err)
		err = reg(d, GICITS_SMMU_EVENTQ_IRQ_CFG0, 8, doorbell);
	if (!err)
		err = reg(d, GICITS_SMMU_EVENTQ_IRQ_CFG1, 4, evtq_data);
	if (!err) /* MemAttr: Device-nGnRE, as Linux's MSI attributes */
		err = reg(d, GICITS_SMMU_EVENTQ_IRQ_CFG2, 4, 1);
	if (!err)
		err = reg(d, GICITS_SMMU_GERROR_IRQ_CFG0, 8, doorbell);
	if (!err)
		err = reg(d, GICITS_SMMU_GERROR_IRQ_CFG1, 4, gerror_data);
	if (!err)
		err = reg(d, GICITS_SMMU_GERROR_IRQ_CFG2, 4, 1);
	if (!err)
		err = reg(d, GICITS_SMMU_IRQ_CTRL, 4,
			  IRQ_CTRL_GERROR | IRQ_CTRL_EVENTQ);
	if (!err)
		err = reg(d, GICITS_SMMU_CR0, 4,
			  CR0_SMMUEN | CR0_EVENTQEN | CR0_CMDQEN);
	return err;
}

int tsd_domain(struct tsd *d, uint64_t *ttb0)
{
	return d->alloc(d->ctx, 4096, 4096, ttb0);
}

/* 48-bit VA, 4 KB granule: levels 0..3, 9 bits each from bit 39 down. */
int tsd_map(struct tsd *d, uint64_t ttb0, uint64_t iova, uint64_t pa,
	    uint64_t attr)
{
	uint64_t table = ttb0, desc;
	int level, err;

	for (level = 0; level < 3; level++) {
		uint64_t slot = table + 8 * ((iova >> (39 - 9 * level)) & 511);

		err = r64(d, slot, &desc);
		if (err)
			return err;
		if (!(desc & 1)) { /* a table descriptor: bits[1:0] = 0b11 */
			uint64_t next;

			err = d->alloc(d->ctx, 4096, 4096, &next);
			if (!err)
				err = w64(d, slot, next | 3);
			if (err)
				return err;
			desc = next | 3;
		}
		table = desc & ADDR_MASK;
	}
	/* a page descriptor at level 3: bits[1:0] = 0b11 */
	return w64(d, table + 8 * ((iova >> 12) & 511),
		   (pa & ADDR_MASK) | 3 | attr);
}

static int cmd(struct tsd *d, uint64_t dw0, uint64_t dw1)
{
	uint32_t mask = (1u << CMDQ_LOG2) - 1;
	uint64_t a = d->cmdq + 16ull * (d->cmd_prod & mask);
	int err = w64(d, a, dw0);

	if (!err)
		err = w64(d, a + 8, dw1);
	if (err)
		return err;
	/* index plus the wrap bit just above it */
	d->cmd_prod = (d->cmd_prod + 1) & ((2u << CMDQ_LOG2) - 1);
	return reg(d, GICITS_SMMU_CMDQ_PROD, 4, d->cmd_prod);
}

int tsd_attach(struct tsd *d, uint32_t sid, uint16_t asid, uint64_t ttb0)
{
	uint64_t cd, ste = d->st + 64ull * sid;
	unsigned i;
	int err;

	if (sid >> d->sid_bits)
		return GICITS_ERANGE;
	err = d->alloc(d->ctx, 64, 64, &cd);
	/* CD: T0SZ 16 (48-bit IOVA), TG0 4 KB, IPS 48 bits, EPD1, AArch64,
	 * record and abort faults, ASID */
	if (!err)
		err = w64(d, cd,
			  16 | CD_EPD1 | CD_V | CD_IPS_48 | CD_AA64 | CD_R |
				  CD_A | CD_ASET | (uint64_t)asid << 48);
	if (!err)
		err = w64(d, cd + 8, ttb0 & 0x00FFFFFFFFFFFFF0ull);
	for (i = 1; i < 8 && !err; i++) /* dw1..7 of the STE */
		err = w64(d, ste + 8 * i, 0);
	/* dw0 last: the STE becomes valid with everything else in place */
	if (!err)
		err = w64(d, ste,
			  STE_V | STE_CFG_S1 | (cd & 0x00FFFFFFFFFFFFC0ull));
	if (!err)
		err = cmd(d, CMD_CFGI_STE | (uint64_t)sid << 32, 1 /* Leaf */);
	if (!err)
		err = cmd(d, CMD_SYNC, 0); /* CS = SIG_NONE */
	return err;
}

static uint32_t rd32(struct tsd *d, uint32_t off)
{
	uint64_t v = 0;

	gicits_iommu_mmio_read(d->smmu, off, 4, &v);
	return (uint32_t)v;
}

unsigned tsd_events(struct tsd *d)
{
	uint32_t m = (1u << EVTQ_LOG2) - 1;
	uint32_t p = rd32(d, GICITS_SMMU_EVENTQ_PROD);
	uint32_t c = rd32(d, GICITS_SMMU_EVENTQ_CONS);

	/* equal indexes with different wrap bits: full */
	if ((p & m) == (c & m))
		return ((p ^ c) >> EVTQ_LOG2) & 1 ? m + 1 : 0;
	return ((p & m) - (c & m)) & m;
}

int tsd_event(struct tsd *d, unsigned i, uint64_t rec[4])
{
	uint32_t m = (1u << EVTQ_LOG2) - 1;
	uint32_t c = rd32(d, GICITS_SMMU_EVENTQ_CONS);
	uint64_t a = d->evtq + 32ull * ((c + i) & m);
	unsigned k;
	int err = 0;

	for (k = 0; k < 4 && !err; k++)
		err = r64(d, a + 8 * k, &rec[k]);
	return err;
}

void tsd_events_consume(struct tsd *d)
{
	uint32_t p = rd32(d, GICITS_SMMU_EVENTQ_PROD);
	uint32_t c = rd32(d, GICITS_SMMU_EVENTQ_CONS);

	/* CONS takes PROD's index and wrap; OVACKFLG (bit 31) is kept */
	reg(d, GICITS_SMMU_EVENTQ_CONS, 4,
	    (p & ((2u << EVTQ_LOG2) - 1)) | (c & (1u << 31)));
}
