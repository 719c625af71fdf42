/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The SMMUv3 unit tests' fixture: a 32 MB guest RAM, an SMMU, a recorder
 * of the SMMU's own MSIs and of its trace, and builders for the stream
 * table (linear or two-level), STEs, CDs, page tables (any granule, stage
 * 1 or 2), commands and event records.
 *
 * ifx_new() creates the fixture with f->cfg (change it first with
 * ifx_alloc_only() + ifx_create()); ifx_linux() programs the SMMU the way
 * Linux does (spec/iommu-mbigen.md §C preamble): linear stream table of
 * 2^16 STEs (or two-level with SPLIT 8), command and event queues,
 * CR2.RECINVSID, EVENTQ_IRQ_CFG0 = the ITS doorbell 0x0809_0040 with data
 * 0, GERROR_IRQ_CFG0 the same with data 1, both IRQs enabled, SMMUEN.
 */
#ifndef GICITS_TEST_IOMMU_FIXTURE_H
#define GICITS_TEST_IOMMU_FIXTURE_H

#include "harness.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gicits/error.h"
#include "gicits/iommu.h"
#include "gicits/trace.h"

#define IFX_RAM_BASE 0x40000000ULL
#define IFX_RAM_SIZE 0x2000000ULL /* 32 MB */
#define IFX_ST (IFX_RAM_BASE + 0x0000000) /* stream table, 4 MB */
#define IFX_CMDQ (IFX_RAM_BASE + 0x0400000) /* 256 x 16 bytes */
#define IFX_EVTQ (IFX_RAM_BASE + 0x0410000) /* 128 x 32 bytes */
#define IFX_SYNCW (IFX_RAM_BASE + 0x0420000) /* CMD_SYNC MSI target */
#define IFX_HEAP (IFX_RAM_BASE + 0x0800000) /* bump allocator */
#define IFX_NOWHERE 0x7000000000ULL /* not backed */
#define IFX_DOORBELL 0x08090040ULL /* GITS_TRANSLATER of the ITS */
#define IFX_SMMU_DEVID 0xFF0000u

#define IFX_CR0_SMMUEN 1u
#define IFX_CR0_EVENTQEN 4u
#define IFX_CR0_CMDQEN 8u

#define IFX_MAX_MSIS 64
#define IFX_MAX_RECS 256

struct ifx_msi {
	uint64_t pa;
	uint32_t data;
	uint32_t devid;
};

struct ifx {
	struct test_ram ram;
	struct gicits_iommu_config cfg;
	struct gicits_iommu *smmu;
	uint64_t heap;
	uint32_t cmd_prod; /* our CMDQ_PROD */
	unsigned st_fmt; /* 0 linear, 1 two-level (SPLIT 8) */
	/* own MSIs */
	struct ifx_msi msis[IFX_MAX_MSIS];
	unsigned nmsis;
	bool msi_fail; /* the next MSIs abort */
	/* trace */
	uint64_t kinds[16];
	uint64_t nrecs;
	char last_rule[160];
	enum gicits_trace_kind rec_kind[IFX_MAX_RECS];
};

static inline int ifx_msi_cb(void *ctx, uint64_t pa, uint32_t data,
			     uint32_t devid)
{
	struct ifx *f = ctx;

	if (f->nmsis < IFX_MAX_MSIS) {
		f->msis[f->nmsis].pa = pa;
		f->msis[f->nmsis].data = data;
		f->msis[f->nmsis].devid = devid;
	}
	f->nmsis++;
	return f->msi_fail ? -1 : 0;
}

static inline void ifx_trace(void *opaque, const struct gicits_trace_record *r)
{
	struct ifx *f = opaque;

	assert_non_null(r->rule);
	assert_non_null(r->message);
	assert_string_equal(r->source, "iommu");
	if ((unsigned)r->kind < 16)
		f->kinds[r->kind]++;
	f->rec_kind[f->nrecs % IFX_MAX_RECS] = r->kind;
	f->nrecs++;
	strncpy(f->last_rule, r->rule, sizeof(f->last_rule) - 1);
}

/* Allocate the fixture and its RAM; f->cfg holds the defaults plus the
 * recorders.  Call ifx_create() after changing f->cfg. */
static inline struct ifx *ifx_alloc_only(void)
{
	struct ifx *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	test_ram_init(&f->ram, IFX_RAM_BASE, IFX_RAM_SIZE);
	gicits_iommu_config_default(&f->cfg);
	f->cfg.msi_write = ifx_msi_cb;
	f->cfg.msi_ctx = f;
	f->cfg.trace = ifx_trace;
	f->cfg.trace_opaque = f;
	f->heap = IFX_HEAP;
	return f;
}

static inline void ifx_create(struct ifx *f)
{
	assert_int_equal(gicits_iommu_create(&f->cfg, &f->ram.mem, &f->smmu),
			 GICITS_OK);
}

static inline struct ifx *ifx_new(void)
{
	struct ifx *f = ifx_alloc_only();

	ifx_create(f);
	return f;
}

static inline void ifx_free(struct ifx *f)
{
	gicits_iommu_destroy(f->smmu);
	test_ram_fini(&f->ram);
	free(f);
}

/* ---- registers ---- */

static inline uint64_t ifx_rd(struct ifx *f, uint32_t off, unsigned size)
{
	uint64_t v = 0xdeadbeef;

	assert_int_equal(gicits_iommu_mmio_read(f->smmu, off, size, &v),
			 GICITS_OK);
	return v;
}

static inline void ifx_wr(struct ifx *f, uint32_t off, unsigned size,
			  uint64_t v)
{
	assert_int_equal(gicits_iommu_mmio_write(f->smmu, off, size, v),
			 GICITS_OK);
}

/* ---- guest memory ---- */

static inline uint8_t *ifx_host(struct ifx *f, uint64_t pa, uint64_t len)
{
	assert_true(pa >= IFX_RAM_BASE &&
		    pa + len <= IFX_RAM_BASE + IFX_RAM_SIZE);
	return f->ram.host + (pa - IFX_RAM_BASE);
}

static inline void ifx_w64(struct ifx *f, uint64_t pa, uint64_t v)
{
	uint8_t *p = ifx_host(f, pa, 8);
	unsigned i;

	for (i = 0; i < 8; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static inline uint64_t ifx_r64(struct ifx *f, uint64_t pa)
{
	uint8_t *p = ifx_host(f, pa, 8);
	uint64_t v = 0;
	int i;

	for (i = 7; i >= 0; i--)
		v = (v << 8) | p[i];
	return v;
}

/* @size bytes aligned to @align (a power of two), zeroed. */
static inline uint64_t ifx_alloc(struct ifx *f, uint64_t size, uint64_t align)
{
	uint64_t a = (f->heap + align - 1) & ~(align - 1);

	f->heap = a + size;
	assert_true(f->heap <= IFX_RAM_BASE + IFX_RAM_SIZE);
	memset(ifx_host(f, a, size), 0, size);
	return a;
}

/* ---- stream table ---- */

/* PA of the STE of @sid (allocating the level-2 table of a two-level
 * table, Span 9 = 256 STEs, on first use). */
static inline uint64_t ifx_ste_addr(struct ifx *f, uint32_t sid)
{
	uint64_t l1a, l1;

	if (f->st_fmt == 0)
		return IFX_ST + 64ull * sid;
	l1a = IFX_ST + 8ull * (sid >> 8);
	l1 = ifx_r64(f, l1a);
	if ((l1 & 0x1F) == 0) {
		l1 = ifx_alloc(f, 256 * 64, 256 * 64) | 9;
		ifx_w64(f, l1a, l1);
	}
	return (l1 & 0x00FFFFFFFFFFFFC0ull) + 64ull * (sid & 0xFF);
}

static inline void ifx_ste(struct ifx *f, uint32_t sid, uint64_t dw0,
			   uint64_t dw1, uint64_t dw2, uint64_t dw3)
{
	uint64_t a = ifx_ste_addr(f, sid);
	unsigned i;

	ifx_w64(f, a, dw0);
	ifx_w64(f, a + 8, dw1);
	ifx_w64(f, a + 16, dw2);
	ifx_w64(f, a + 24, dw3);
	for (i = 4; i < 8; i++)
		ifx_w64(f, a + 8 * i, 0);
}

#define IFX_STE_V 1ull
#define IFX_STE_CFG(c) ((uint64_t)(c) << 1)
#define IFX_STE_ABORT (IFX_STE_V | IFX_STE_CFG(0))
#define IFX_STE_BYPASS (IFX_STE_V | IFX_STE_CFG(4))
/* stage-1 STE dw0: CD pointer, S1Fmt, S1CDMax */
static inline uint64_t ifx_ste_s1(uint64_t cd, unsigned fmt, unsigned cdmax)
{
	return IFX_STE_V | IFX_STE_CFG(5) | (cd & 0x00FFFFFFFFFFFFC0ull) |
	       ((uint64_t)fmt << 4) | ((uint64_t)cdmax << 59);
}

/* Stage-2 STE dw2: VMID, T0SZ, SL0, TG (0 4K, 1 64K, 2 16K), PS, AA64,
 * S2R, plus @extra bits. */
static inline uint64_t ifx_ste_dw2(uint16_t vmid, unsigned t0sz, unsigned sl0,
				   unsigned tg, unsigned ps, bool s2r)
{
	return (uint64_t)vmid | ((uint64_t)t0sz << 32) | ((uint64_t)sl0 << 38) |
	       ((uint64_t)tg << 46) | ((uint64_t)ps << 48) | (1ull << 51) |
	       ((uint64_t)s2r << 58);
}

/* ---- context descriptors ---- */

#define IFX_CD_V (1ull << 31)
#define IFX_CD_AA64 (1ull << 41)
#define IFX_CD_R (1ull << 45)
#define IFX_CD_A (1ull << 46)
#define IFX_CD_AFFD (1ull << 35)
#define IFX_CD_EPD1 (1ull << 30)
/* A Linux-style CD: T0SZ, TG0 (0 4K, 1 64K, 2 16K), IPS 5 (48 bits),
 * EPD1, AA64, R, A, V, ASID; TTB0. */
static inline void ifx_cd(struct ifx *f, uint64_t pa, unsigned t0sz,
			  unsigned tg0, uint16_t asid, uint64_t ttb0,
			  uint64_t extra0)
{
	uint64_t d0 = (uint64_t)t0sz | ((uint64_t)tg0 << 6) | IFX_CD_EPD1 |
		      IFX_CD_V | (5ull << 32) | IFX_CD_AA64 | IFX_CD_R |
		      IFX_CD_A | (1ull << 47) | ((uint64_t)asid << 48);
	unsigned i;

	ifx_w64(f, pa, d0 ^ extra0);
	ifx_w64(f, pa + 8, ttb0 & 0x00FFFFFFFFFFFFF0ull);
	for (i = 2; i < 8; i++)
		ifx_w64(f, pa + 8 * i, 0);
}

/* ---- page tables ---- */

/* Walk geometry: granule shift, input bits, start level (as the model
 * derives it for stage 1; for stage 2 from SL0). */
struct ifx_pt {
	unsigned gshift;
	unsigned ias;
	int start;
	uint64_t root;
};

static inline unsigned ifx_pt_idxbits(const struct ifx_pt *pt, int level)
{
	unsigned stride = pt->gshift - 3;
	unsigned shift = pt->gshift + stride * (unsigned)(3 - level);

	return level == pt->start ? pt->ias - shift : stride;
}

/* A stage-1 geometry (start level from IA) with a fresh root table. */
static inline struct ifx_pt ifx_pt_s1(struct ifx *f, unsigned gshift,
				      unsigned ias)
{
	struct ifx_pt pt;
	unsigned stride = gshift - 3;
	unsigned levels = (ias - gshift + stride - 1) / stride;
	uint64_t sz;

	pt.gshift = gshift;
	pt.ias = ias;
	pt.start = 4 - (int)levels;
	sz = 8ull << ifx_pt_idxbits(&pt, pt.start);
	pt.root = ifx_alloc(f, sz < 64 ? 64 : sz, sz < 64 ? 64 : sz);
	return pt;
}

/* A stage-2 geometry with start level @start (concatenated root). */
static inline struct ifx_pt ifx_pt_s2(struct ifx *f, unsigned gshift,
				      unsigned ias, int start)
{
	struct ifx_pt pt;
	uint64_t sz;

	pt.gshift = gshift;
	pt.ias = ias;
	pt.start = start;
	sz = 8ull << ifx_pt_idxbits(&pt, start);
	pt.root = ifx_alloc(f, sz < 64 ? 64 : sz, sz < 64 ? 64 : sz);
	return pt;
}

/* Leaf attributes */
#define IFX_AF (1ull << 10)
#define IFX_AP_RW_ALL (1ull << 6) /* stage 1 AP = 01 */
#define IFX_AP_RO_ALL (3ull << 6) /* stage 1 AP = 11 */
#define IFX_AP_RW_PRIV (0ull << 6) /* stage 1 AP = 00 */
#define IFX_S2AP_RW (3ull << 6)
#define IFX_S2AP_RO (1ull << 6)
#define IFX_S2AP_WO (2ull << 6)
#define IFX_LINUX_MSI_ATTR (IFX_AF | IFX_AP_RW_ALL | (2ull << 2) | (1ull << 11))

/* Address of the descriptor for @va at @level, creating tables down to
 * it (a table descriptor gets @tattr ORed in, e.g. APTable). */
static inline uint64_t ifx_pt_slot(struct ifx *f, const struct ifx_pt *pt,
				   uint64_t va, int level, uint64_t tattr)
{
	uint64_t table = pt->root;
	unsigned stride = pt->gshift - 3;
	int l;

	for (l = pt->start;; l++) {
		unsigned shift = pt->gshift + stride * (unsigned)(3 - l);
		uint64_t idx =
			(va >> shift) & ((1ull << ifx_pt_idxbits(pt, l)) - 1);
		uint64_t slot = table + 8 * idx, d;

		if (l == level)
			return slot;
		d = ifx_r64(f, slot);
		if (!(d & 1)) {
			uint64_t gsz = 1ull << pt->gshift;

			d = ifx_alloc(f, gsz, gsz) | 3 | tattr;
			ifx_w64(f, slot, d);
		}
		table = d & 0x0000FFFFFFFFF000ull & ~((1ull << pt->gshift) - 1);
	}
}

/* Map @va -> @pa with a leaf at @level (3: page, else block) and @attr. */
static inline uint64_t ifx_map(struct ifx *f, const struct ifx_pt *pt,
			       uint64_t va, uint64_t pa, int level,
			       uint64_t attr)
{
	uint64_t slot = ifx_pt_slot(f, pt, va, level, 0);
	unsigned stride = pt->gshift - 3;
	unsigned shift = pt->gshift + stride * (unsigned)(3 - level);

	ifx_w64(f, slot,
		(pa & ~((1ull << shift) - 1)) | (level == 3 ? 3 : 1) | attr);
	return slot;
}

/* ---- set-up as Linux does it ---- */

/* @fmt 0: linear, LOG2SIZE 16; 1: two-level, SPLIT 8, LOG2SIZE 16. */
static inline void ifx_linux(struct ifx *f, unsigned fmt)
{
	f->st_fmt = fmt;
	ifx_wr(f, GICITS_SMMU_STRTAB_BASE, 8, IFX_ST);
	ifx_wr(f, GICITS_SMMU_STRTAB_BASE_CFG, 4,
	       16 | (fmt ? (8u << 6) | (1u << 16) : 0));
	ifx_wr(f, GICITS_SMMU_CMDQ_BASE, 8, IFX_CMDQ | 8);
	ifx_wr(f, GICITS_SMMU_EVENTQ_BASE, 8, IFX_EVTQ | 7);
	ifx_wr(f, GICITS_SMMU_CR2, 4, 2); /* RECINVSID */
	ifx_wr(f, GICITS_SMMU_EVENTQ_IRQ_CFG0, 8, IFX_DOORBELL);
	ifx_wr(f, GICITS_SMMU_EVENTQ_IRQ_CFG1, 4, 0);
	ifx_wr(f, GICITS_SMMU_EVENTQ_IRQ_CFG2, 4, 1);
	ifx_wr(f, GICITS_SMMU_GERROR_IRQ_CFG0, 8, IFX_DOORBELL);
	ifx_wr(f, GICITS_SMMU_GERROR_IRQ_CFG1, 4, 1);
	ifx_wr(f, GICITS_SMMU_GERROR_IRQ_CFG2, 4, 1);
	ifx_wr(f, GICITS_SMMU_IRQ_CTRL, 4, 5); /* EVENTQ_IRQEN | GERROR_IRQEN */
	ifx_wr(f, GICITS_SMMU_CR0, 4,
	       IFX_CR0_SMMUEN | IFX_CR0_EVENTQEN | IFX_CR0_CMDQEN);
}

/* ---- commands ---- */

static inline void ifx_cmd(struct ifx *f, uint64_t dw0, uint64_t dw1)
{
	uint64_t a = IFX_CMDQ + 16ull * (f->cmd_prod & 0xFF);

	ifx_w64(f, a, dw0);
	ifx_w64(f, a + 8, dw1);
	f->cmd_prod = (f->cmd_prod + 1) & 0x1FF;
	ifx_wr(f, GICITS_SMMU_CMDQ_PROD, 4, f->cmd_prod);
}

/* CMD_SYNC with CS = SIG_NONE */
static inline void ifx_sync(struct ifx *f)
{
	ifx_cmd(f, 0x46, 0);
}

static inline void ifx_cfgi_ste(struct ifx *f, uint32_t sid)
{
	ifx_cmd(f, 0x03 | ((uint64_t)sid << 32), 1);
	ifx_sync(f);
}

/* ---- event queue ---- */

static inline unsigned ifx_nevents(struct ifx *f)
{
	uint32_t p = (uint32_t)ifx_rd(f, GICITS_SMMU_EVENTQ_PROD, 4);
	uint32_t c = (uint32_t)ifx_rd(f, GICITS_SMMU_EVENTQ_CONS, 4);

	return ((p & 0xFF) - (c & 0xFF)) & 0xFF;
}

/* Read event record @i (index in the 128-entry queue). */
static inline void ifx_event(struct ifx *f, unsigned i, uint64_t dw[4])
{
	unsigned k;

	for (k = 0; k < 4; k++)
		dw[k] = ifx_r64(f, IFX_EVTQ + 32ull * (i & 127) + 8 * k);
}

/* Consume every record (CONS = PROD, keeping OVACKFLG as it is). */
static inline void ifx_drain(struct ifx *f)
{
	uint32_t p = (uint32_t)ifx_rd(f, GICITS_SMMU_EVENTQ_PROD, 4);
	uint32_t c = (uint32_t)ifx_rd(f, GICITS_SMMU_EVENTQ_CONS, 4);

	ifx_wr(f, GICITS_SMMU_EVENTQ_CONS, 4, (p & 0xFF) | (c & (1u << 31)));
}

/* ---- transactions ---- */

static inline struct gicits_iommu_result ifx_write(struct ifx *f, uint32_t sid,
						   uint64_t addr)
{
	struct gicits_iommu_txn t;
	struct gicits_iommu_result r;

	memset(&t, 0, sizeof(t));
	t.stream_id = sid;
	t.addr = addr;
	t.write = true;
	assert_int_equal(gicits_iommu_translate(f->smmu, &t, &r), GICITS_OK);
	return r;
}

static inline struct gicits_iommu_result ifx_txn(struct ifx *f, uint32_t sid,
						 bool ssv, uint32_t ssid,
						 uint64_t addr, bool write,
						 bool priv)
{
	struct gicits_iommu_txn t;
	struct gicits_iommu_result r;

	memset(&t, 0, sizeof(t));
	t.stream_id = sid;
	t.ssv = ssv;
	t.substream_id = ssid;
	t.addr = addr;
	t.write = write;
	t.priv = priv;
	assert_int_equal(gicits_iommu_translate(f->smmu, &t, &r), GICITS_OK);
	return r;
}

static inline struct gicits_iommu_status ifx_status(struct ifx *f)
{
	struct gicits_iommu_status st;

	assert_int_equal(gicits_iommu_status(f->smmu, &st), GICITS_OK);
	return st;
}

/* The §C default: SID 0x100 with a Linux stage-1 domain, 4K granule,
 * IA 48, doorbell page mapped at IOVA 0xFFBF_0000 -> PA 0x0809_0000.
 * Returns the leaf descriptor's address. */
#define IFX_SID 0x100u
#define IFX_IOVA 0xFFBF0040ULL
static inline uint64_t ifx_s1_domain(struct ifx *f, uint64_t *cd_out)
{
	struct ifx_pt pt = ifx_pt_s1(f, 12, 48);
	uint64_t cd = ifx_alloc(f, 64, 64);
	uint64_t leaf;

	ifx_cd(f, cd, 16, 0, 1, pt.root, 0);
	leaf = ifx_map(f, &pt, IFX_IOVA & ~0xFFFull, IFX_DOORBELL & ~0xFFFull,
		       3, IFX_LINUX_MSI_ATTR);
	ifx_ste(f, IFX_SID, ifx_ste_s1(cd, 0, 0), 0, 0, 0);
	if (cd_out)
		*cd_out = cd;
	return leaf;
}

#endif
