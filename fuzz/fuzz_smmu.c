/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * fuzz_smmu: SMMUv3 registers, tables in guest memory, commands and device
 * traffic, with an ITS doorbell behind the SMMU.  Three identical SMMUs
 * that differ only in struct gicits_iommu_config.cache: OFF (the walk on
 * every transaction), ON and CHECK.  Every op is applied to all three.
 *
 * The invariants (issue 14, docs/reliability.md "fuzz_smmu"):
 *
 *  1. A client write reaches the ITS only through a valid translation or
 *     bypass.  Before each device write a reference written here (ref_*,
 *     independent of src/iommu: its own stream-table lookup, STE and CD
 *     decode and VMSAv8-64 stage-1 / stage-2 / nested walk over guest
 *     memory) says whether the write must pass and to which PA, or that
 *     the configuration is outside what it models (then the cache=off
 *     SMMU is the reference).  The cache=off SMMU must agree with it
 *     exactly: delivered iff the reference passes it, at that PA, as a
 *     bypass or a translation as the reference says.  A write to the
 *     doorbell PA reaches the ITS as (DeviceID of the StreamID, data).
 *  2. The cached SMMUs (ON, CHECK) must give the cache=off outcome (PA,
 *     event) for every StreamID whose tables have not changed since
 *     software last invalidated them (CFGI + TLBI + SYNC that the SMMU
 *     consumed); CHECK must report no stale-cache finding for such a
 *     StreamID.  A StreamID whose tables changed without invalidation may
 *     see stale entries (the architecture allows it); every StreamID owns
 *     its ASIDs and VMID so staleness never crosses StreamIDs.
 *  3. The SMMU's own MSIs (event queue, GERROR, PRI queue, CMD_SYNC) carry only the
 *     SMMU's DeviceID, go to an address and data that software programmed
 *     (*_IRQ_CFG0/1, or a CMD_SYNC the fuzzer queued), and none is sent
 *     with IDR0.MSI = 0.
 *  4. The three SMMUs agree on every register read (except EVENTQ_PROD
 *     and GERROR, which depend on the events the cached ones may not
 *     record) and MMIO return code.
 *  5. The CHECK SMMU knows the StreamID -> DeviceID map
 *     (config.client_device_id): when its own DeviceID is StreamID 1's
 *     (byte 0 bit 4), a write of StreamID 1 reaching the ITS frame of its
 *     own MSIs is a collision finding; otherwise none is ever reported.
 * The ON SMMU has no trace hook, so its fully cached translations take the
 * lock-free hit table (docs/iommu.md), checked by 2.
 *
 * Input: byte 0 picks the configuration (struct variant); each following
 * op is one byte plus operands (a missing byte reads 0).  Ops: register
 * writes and reads (every implemented register, values biased towards
 * what a driver writes, sometimes anything), "install" (a well-formed
 * STE + CDs + page tables for one StreamID: abort, bypass, stage 1 with
 * 4K or 16K granules and 1 or 4 CDs, stage 2, nested; each IOVA slot
 * mapped to the doorbell, RAM, an unbacked PA, an address-size fault or
 * nothing, with varied AP / S2AP / AF / APTable / block or page),
 * single-field mutations of those structures, raw 8-byte writes anywhere
 * in RAM, invalidation sequences (per StreamID or global, sometimes
 * skipped), single commands (CFGI_*, TLBI_*, PREFETCH_*, CMD_SYNC with
 * CS NONE / SIG_IRQ / SEV / reserved, unknown opcodes, raw bytes), device
 * writes and reads (StreamID, SubstreamID, IOVA slot, PnU), event queue
 * consumption and GERROR acknowledge, and a sweep over every StreamID and
 * slot (the cache=check comparison on many hits).
 *
 * PRI (docs/iommu.md "PRI queue"): when byte 0 has both irq_each and
 * term_model (0x0C) the SMMUs also have config.pri, boot programs the PRI
 * queue and its MSI, and op 15 with bit 4 set is a PCIe page request to
 * all three (op_ppr): they must give the same outcome (record, automatic
 * response), which must match the PPR (StreamID, PRGI, a PASID only if
 * the PPR had one, Success or Failure), and its MSIs fall under 3.
 *
 * FUZZ_SMMU_VERBOSE=1 prints every op and outcome.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gicits/error.h"
#include "gicits/iommu.h"
#include "gicits/mem.h"
#include "gicits/trace.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* ---- layout ---- */

#define RAM 0x40000000ull
#define RAM_SIZE 0x100000ull
#define ST (RAM + 0x00000) /* linear: 256 STEs; 2-level: L1 here */
#define ST_L2 (RAM + 0x08000) /* 2-level: 4 arrays of 64 STEs */
#define CMDQ (RAM + 0x10000) /* 256 x 16 bytes */
#define EVTQ (RAM + 0x11000) /* 128 x 32 bytes */
#define PRIQ (RAM + 0x14000) /* 128 x 16 bytes (config pri) */
#define DATA_PG (RAM + 0x12000) /* a DMA target page */
#define CDR(s) (RAM + 0x20000 + (uint64_t)(s)*0x1000) /* 4 CDs */
#define PTR(s) (RAM + 0x80000 + (uint64_t)(s)*0x10000) /* page tables */
#define PT_SIZE 0x10000ull
#define TABLES_END (RAM + 0x100000)
#define DOORBELL 0x08090040ull /* GITS_TRANSLATER of the ITS */
#define NOWHERE 0x7000000000ull /* not backed */
#define SIDSIZE 8u
#define NSID 8u /* installed StreamIDs 0..7 */
#define NSLOT 11u /* tracked: 0..7, 8 (empty STE), 200, 300 */
#define DEVID_BASE 0x20u /* DeviceID = DEVID_BASE + StreamID */
#define OWN_DEVID 0xFF0000u
#define MAX_OPS 512
#define IRQ_ADDR_MASK_F 0x00FFFFFFFFFFFFFCull /* *_IRQ_CFG0.ADDR */

static const uint32_t sid_of_slot[NSLOT] = {
	0, 1, 2, 3, 4, 5, 6, 7, 8, 200, 300
};

#define NSYS 3
static const enum gicits_iommu_cache modes[NSYS] = { GICITS_IOMMU_CACHE_OFF,
						     GICITS_IOMMU_CACHE_ON,
						     GICITS_IOMMU_CACHE_CHECK };

/* ---- input ---- */

static const uint8_t *in_p;
static size_t in_n, in_i;

static uint8_t u8(void)
{
	return in_i < in_n ? in_p[in_i++] : 0;
}

static uint32_t u32(void)
{
	uint32_t v = u8();

	v |= (uint32_t)u8() << 8;
	v |= (uint32_t)u8() << 16;
	return v | (uint32_t)u8() << 24;
}

static uint64_t u64(void)
{
	uint64_t v = u32();

	return v | (uint64_t)u32() << 32;
}

/* ---- the systems ---- */

struct own_msi {
	uint64_t pa;
	uint32_t data, devid;
};

struct sys {
	uint8_t *ram;
	struct gicits_mem mem;
	struct gicits_iommu *smmu;
	unsigned nown; /* own MSIs during the current op */
	struct own_msi own[16];
	uint64_t its_msis; /* MSIs the ITS saw */
	uint64_t findings;
	uint32_t finding_sid;
	bool finding_any;
};

struct variant {
	bool st2; /* two-level stream table (SPLIT 6) */
	bool small_cache; /* cache_entries 2 */
	bool irq_each;
	bool term_model;
	bool collide; /* own DeviceID = a client's */
	bool no_msi;
	bool gbpa_abort;
	bool no_stage2;
	bool pri; /* config.pri: irq_each && term_model */
};

static struct sys sys[NSYS];
static struct variant var;
static uint32_t own_devid;
static bool verbose;

/* Software state the fuzzer tracks. */
static uint32_t dirty; /* slots whose tables changed since invalidation */
static bool raw; /* exactness of cached SMMUs no longer checked */
static bool wild_cmdq; /* the queue may hold commands we did not write */
#define NSYNC 256
static uint64_t syncs[NSYNC][2]; /* (addr, data) of queued CMD_SYNC SIG_IRQ */
static unsigned nsync;
static uint64_t pt_next[NSID]; /* page-table bump allocator */
static uint32_t devid_of(void *ctx, uint32_t sid)
{
	(void)ctx;
	return DEVID_BASE + sid; /* the system's msi-map beyond the SMMU */
}

static bool own_db_sent; /* CHECK's SMMU sent an own MSI to the ITS */
static uint32_t qprod; /* CMDQ_PROD as software keeps it */
static bool qprod_valid;

/* Registers read back from system 0 after every MMIO op. */
struct regs {
	uint32_t cr0, cr2, gbpa, strtab_cfg;
	uint64_t strtab_base, cmdq_base, evtq_base;
	uint64_t evtq_irq0, gerr_irq0;
	uint32_t evtq_irq1, gerr_irq1;
	uint64_t priq_base, priq_irq0;
	uint32_t priq_irq1;
};
static struct regs rg;

static void fail(const char *fmt, ...)
	__attribute__((format(printf, 1, 2), noreturn));
static void fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "fuzz_smmu: invariant violated: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
	va_end(ap);
	abort();
}

static void trace_cb(void *opaque, const struct gicits_trace_record *r)
{
	struct sys *s = opaque;

	if (r->kind == GICITS_TRACE_FINDING) {
		s->findings++;
		s->finding_sid = r->device_id;
		s->finding_any = true;
	}
	if (verbose && s == &sys[2])
		fprintf(stderr,
			"  [check] kind=%d sid=%#x val=%#llx err=%u %s: %s\n",
			(int)r->kind, r->device_id,
			(unsigned long long)r->value, r->error,
			r->rule ? r->rule : "", r->message ? r->message : "");
}

/* The interconnect seen by the SMMU's own MSIs. */
static int own_msi_cb(void *ctx, uint64_t pa, uint32_t data, uint32_t devid)
{
	struct sys *s = ctx;

	/* invariant 3: the SMMU's own MSIs carry only its own DeviceID */
	if (devid != own_devid)
		fail("own MSI with DeviceID %#x, the SMMU's is %#x", devid,
		     own_devid);
	if (var.no_msi)
		fail("own MSI (pa %#llx) with IDR0.MSI = 0",
		     (unsigned long long)pa);
	if (s->nown < 16) {
		s->own[s->nown].pa = pa;
		s->own[s->nown].data = data;
		s->own[s->nown].devid = devid;
	}
	s->nown++;
	if (pa == DOORBELL) {
		s->its_msis++;
		if (s == &sys[2])
			own_db_sent = true;
		return 0;
	}
	if (pa >= RAM && pa < RAM + RAM_SIZE)
		return 0; /* a store to RAM (not modelled: nobody polls it) */
	return -1; /* nothing there: the interconnect aborts */
}

/* ---- guest memory, written identically in every system ---- */

static int slot_of_sid(uint32_t sid)
{
	unsigned i;

	for (i = 0; i < NSLOT; i++)
		if (sid_of_slot[i] == sid)
			return (int)i;
	return -1;
}

/* Which slots' translations an 8-byte write at @pa can change. */
static uint32_t region_slots(uint64_t pa)
{
	int k;

	if (pa < RAM || pa >= TABLES_END)
		return 0;
	if (pa >= CMDQ && pa < CDR(0))
		return 0; /* queues and data */
	if (var.st2) {
		if (pa < ST + 0x40)
			return (1u << NSLOT) - 1; /* level-1 descriptors */
		if (pa >= ST_L2 && pa < ST_L2 + 0x4000) {
			k = slot_of_sid((uint32_t)(((pa - ST_L2) >> 12) << 6 |
						   ((pa & 0xFFF) >> 6)));
			return k < 0 ? 0 : 1u << k;
		}
	} else if (pa < ST + 0x4000) {
		k = slot_of_sid((uint32_t)((pa - ST) >> 6));
		return k < 0 ? 0 : 1u << k;
	}
	if (pa >= CDR(0) && pa < CDR(NSID))
		return 1u << ((pa - CDR(0)) >> 12);
	if (pa >= PTR(0) && pa < PTR(NSID))
		return 1u << ((pa - PTR(0)) >> 16);
	return 0;
}

static void put64(uint64_t pa, uint64_t v)
{
	unsigned k, i;

	if (pa < RAM || pa + 8 > RAM + RAM_SIZE)
		return;
	for (k = 0; k < NSYS; k++)
		for (i = 0; i < 8; i++)
			sys[k].ram[pa - RAM + i] = (uint8_t)(v >> (8 * i));
	/* an unaligned write can straddle two regions: both ends count */
	dirty |= region_slots(pa) | region_slots(pa + 7);
}

static int get64(unsigned k, uint64_t pa, uint64_t *v)
{
	uint8_t b[8];
	int i;

	if (gicits_mem_read(&sys[k].mem, pa, b, 8) < 0)
		return -1;
	*v = 0;
	for (i = 7; i >= 0; i--)
		*v = (*v << 8) | b[i];
	return 0;
}

static uint64_t peek64(uint64_t pa)
{
	uint64_t v = 0;

	get64(0, pa, &v);
	return v;
}

/* ---- registers ---- */

static uint64_t rd(unsigned k, uint32_t off, unsigned size)
{
	uint64_t v = 0;

	gicits_iommu_mmio_read(sys[k].smmu, off, size, &v);
	return v;
}

static void regs_refresh(void)
{
	rg.cr0 = (uint32_t)rd(0, GICITS_SMMU_CR0, 4);
	rg.cr2 = (uint32_t)rd(0, GICITS_SMMU_CR2, 4);
	rg.gbpa = (uint32_t)rd(0, GICITS_SMMU_GBPA, 4);
	rg.strtab_base = rd(0, GICITS_SMMU_STRTAB_BASE, 8);
	rg.strtab_cfg = (uint32_t)rd(0, GICITS_SMMU_STRTAB_BASE_CFG, 4);
	rg.cmdq_base = rd(0, GICITS_SMMU_CMDQ_BASE, 8);
	rg.evtq_base = rd(0, GICITS_SMMU_EVENTQ_BASE, 8);
	rg.evtq_irq0 = rd(0, GICITS_SMMU_EVENTQ_IRQ_CFG0, 8);
	rg.evtq_irq1 = (uint32_t)rd(0, GICITS_SMMU_EVENTQ_IRQ_CFG1, 4);
	rg.gerr_irq0 = rd(0, GICITS_SMMU_GERROR_IRQ_CFG0, 8);
	rg.gerr_irq1 = (uint32_t)rd(0, GICITS_SMMU_GERROR_IRQ_CFG1, 4);
	rg.priq_base = rd(0, GICITS_SMMU_PRIQ_BASE, 8);
	rg.priq_irq0 = rd(0, GICITS_SMMU_PRIQ_IRQ_CFG0, 8);
	rg.priq_irq1 = (uint32_t)rd(0, GICITS_SMMU_PRIQ_IRQ_CFG1, 4);
}

/* The registers and their widths (IHI 0070 §6.2). */
static const struct {
	uint32_t off;
	unsigned size;
} regs_all[] = {
	{ GICITS_SMMU_IDR0, 4 },
	{ GICITS_SMMU_IDR1, 4 },
	{ GICITS_SMMU_IDR2, 4 },
	{ GICITS_SMMU_IDR3, 4 },
	{ GICITS_SMMU_IDR4, 4 },
	{ GICITS_SMMU_IDR5, 4 },
	{ GICITS_SMMU_IIDR, 4 },
	{ GICITS_SMMU_AIDR, 4 },
	{ GICITS_SMMU_CR0, 4 },
	{ GICITS_SMMU_CR0ACK, 4 },
	{ GICITS_SMMU_CR1, 4 },
	{ GICITS_SMMU_CR2, 4 },
	{ GICITS_SMMU_STATUSR, 4 },
	{ GICITS_SMMU_GBPA, 4 },
	{ GICITS_SMMU_IRQ_CTRL, 4 },
	{ GICITS_SMMU_IRQ_CTRLACK, 4 },
	{ GICITS_SMMU_GERROR, 4 },
	{ GICITS_SMMU_GERRORN, 4 },
	{ GICITS_SMMU_GERROR_IRQ_CFG0, 8 },
	{ GICITS_SMMU_GERROR_IRQ_CFG1, 4 },
	{ GICITS_SMMU_GERROR_IRQ_CFG2, 4 },
	{ GICITS_SMMU_STRTAB_BASE, 8 },
	{ GICITS_SMMU_STRTAB_BASE_CFG, 4 },
	{ GICITS_SMMU_CMDQ_BASE, 8 },
	{ GICITS_SMMU_CMDQ_PROD, 4 },
	{ GICITS_SMMU_CMDQ_CONS, 4 },
	{ GICITS_SMMU_EVENTQ_BASE, 8 },
	{ GICITS_SMMU_EVENTQ_PROD, 4 },
	{ GICITS_SMMU_EVENTQ_CONS, 4 },
	{ 0xA8, 4 },
	{ 0xAC, 4 },
	{ GICITS_SMMU_EVENTQ_IRQ_CFG0, 8 },
	{ GICITS_SMMU_EVENTQ_IRQ_CFG1, 4 },
	{ GICITS_SMMU_EVENTQ_IRQ_CFG2, 4 },
	{ GICITS_SMMU_PRIQ_BASE, 8 },
	{ GICITS_SMMU_PRIQ_PROD, 4 },
	{ GICITS_SMMU_PRIQ_CONS, 4 },
	{ GICITS_SMMU_PRIQ_IRQ_CFG0, 8 },
	{ GICITS_SMMU_PRIQ_IRQ_CFG1, 4 },
	{ GICITS_SMMU_PRIQ_IRQ_CFG2, 4 },
};
#define NREGS (sizeof(regs_all) / sizeof(regs_all[0]))

/* Registers whose value depends on which events were recorded. */
static bool event_dependent(uint32_t off)
{
	/* @off has bit 2 clear: PROD and CONS, GERROR and GERRORN (which
	 * software writes from what it read), page 0 aliases */
	return off == GICITS_SMMU_EVENTQ_PROD || off == 0xA8 ||
	       off == GICITS_SMMU_GERROR;
}

/* Invariant 4: the same access gives the same result in every system. */
static uint64_t mmio_read_all(uint32_t off, unsigned size)
{
	uint64_t v[NSYS];
	int r[NSYS];
	unsigned k;

	for (k = 0; k < NSYS; k++) {
		v[k] = 0;
		r[k] = gicits_iommu_mmio_read(sys[k].smmu, off, size, &v[k]);
	}
	for (k = 1; k < NSYS; k++) {
		if (r[k] != r[0])
			fail("read %#x/%u returns %d (cache %u) vs %d", off,
			     size, r[k], k, r[0]);
		if (!event_dependent(off & ~4u) && v[k] != v[0])
			fail("read %#x/%u = %#llx (cache %u) vs %#llx", off,
			     size, (unsigned long long)v[k], k,
			     (unsigned long long)v[0]);
	}
	return v[0];
}

/* After an op that may have sent own MSIs: invariant 3, addresses and data
 * (the DeviceID was checked in the callback).  @pre: the registers before
 * the op. */
static void check_own_msis(const struct regs *pre)
{
	unsigned k, i, j;

	for (k = 0; k < NSYS; k++) {
		struct sys *s = &sys[k];

		for (i = 0; i < s->nown && i < 16; i++) {
			const struct own_msi *m = &s->own[i];
			const struct regs *r[2] = { pre, &rg };
			bool ok = false;

			for (j = 0; j < 2 && !ok; j++) {
				ok = (m->pa == (r[j]->evtq_irq0 &
						IRQ_ADDR_MASK_F) &&
				      m->data == r[j]->evtq_irq1) ||
				     (m->pa == (r[j]->gerr_irq0 &
						IRQ_ADDR_MASK_F) &&
				      m->data == r[j]->gerr_irq1) ||
				     (m->pa == (r[j]->priq_irq0 &
						IRQ_ADDR_MASK_F) &&
				      m->data == r[j]->priq_irq1);
			}
			for (j = 0; j < nsync && !ok; j++)
				ok = m->pa == syncs[j][0] &&
				     m->data == syncs[j][1];
			if (!ok && !wild_cmdq && !raw)
				fail("own MSI to %#llx data %#x matches no "
				     "*_IRQ_CFG0/1 and no queued CMD_SYNC",
				     (unsigned long long)m->pa, m->data);
		}
		s->nown = 0;
	}
}

/* ---- the reference: what must happen to a client transaction ----
 *
 * Written from IHI 0070 (§3.3 stream table, §5.1-5.4 STE / CD, §3.4) and
 * the Arm ARM VMSAv8-64 translation (D8) for the configurations the
 * fuzzer builds; anything else it does not decide (REF_UNKNOWN).  Its
 * answers are deliberately coarse: terminated (abort or RAZ/WI, whatever
 * the event), bypassed to the input address, or translated to a PA.
 */
enum ref_kind { REF_NO, REF_BYPASS, REF_XLATE, REF_UNKNOWN };

struct ref {
	enum ref_kind kind;
	uint64_t pa;
	const char *why;
};

struct rwalk {
	bool s2; /* a stage-2 walk (S2AP, no APTable) */
	unsigned g; /* granule shift */
	unsigned ias, oas;
	int start;
	uint64_t ttb;
	bool affd, had;
};

static uint64_t bits(uint64_t v, unsigned hi, unsigned lo)
{
	return (v >> lo) &
	       (hi - lo == 63 ? ~0ull : (1ull << (hi - lo + 1)) - 1);
}

static unsigned ps_bits(unsigned enc)
{
	static const unsigned b[6] = { 32, 36, 40, 42, 44, 48 };

	/* IPS / S2PS above the OAS (48 here) or reserved: the OAS */
	return enc > 5 ? 48 : b[enc];
}

/* TG0 / S2TG: 0 4K, 1 64K, 2 16K. */
static unsigned tg_shift(unsigned tg)
{
	return tg == 0 ? 12 : tg == 1 ? 16 : tg == 2 ? 14 : 0;
}

/* One stage's walk.  @s2: the stage-2 walk that table addresses of this
 * (stage-1) walk go through, or NULL.  0: translated (*oa, *perm bit 0
 * read-priv, 1 read-unpriv, 2 write-priv, 3 write-unpriv), -1: fault. */
static int ref_walk(unsigned k, const struct rwalk *w, const struct rwalk *s2,
		    uint64_t in, uint64_t *oa, unsigned *perm)
{
	unsigned stride = w->g - 3;
	uint64_t table = w->ttb;
	bool no_write = false, no_el0 = false;
	int level;

	if (in >> w->ias || table >> w->oas)
		return -1; /* Translation / Address size fault */
	for (level = w->start; level <= 3; level++) {
		unsigned shift = w->g + stride * (unsigned)(3 - level);
		unsigned n = level == w->start ? w->ias - shift : stride;
		uint64_t addr = table + 8 * ((in >> shift) & ((1ull << n) - 1));
		uint64_t d, page;

		if (s2) {
			/* nested: a stage-1 table address is an IPA, read
			 * through stage 2 (needs S2AP read) */
			unsigned p2;

			if (ref_walk(k, s2, NULL, addr, &addr, &p2) ||
			    !(p2 & 1))
				return -1;
		}
		if (get64(k, addr, &d))
			return -1; /* F_WALK_EABT */
		if (!(d & 1))
			return -1;
		if (level < 3 && (d & 2)) {
			table = d & 0x0000FFFFFFFFF000ull &
				~((1ull << w->g) - 1);
			if (bits(d, 51, 48) || table >> w->oas)
				return -1;
			if (!w->s2 && !w->had) {
				no_el0 |= bits(d, 61, 61);
				no_write |= bits(d, 62, 62);
			}
			continue;
		}
		/* leaf: a page at level 3 (0b11), a block (0b01) at 4K
		 * levels 1-2 or 16K/64K level 2 */
		if (level == 3 ? !(d & 2) :
				 !(w->g == 12 ? level == 1 || level == 2 :
						level == 2))
			return -1;
		page = 1ull << shift;
		*oa = d & 0x0000FFFFFFFFF000ull & ~(page - 1);
		if (bits(d, 51, 48) || *oa >> w->oas)
			return -1;
		if (!(d & (1ull << 10)) && !w->affd)
			return -1; /* Access flag */
		*oa |= in & (page - 1);
		if (w->s2) {
			unsigned s2ap = (unsigned)bits(d, 7, 6);

			*perm = (s2ap & 1 ? 3u : 0) | (s2ap & 2 ? 12u : 0);
		} else {
			bool ro = bits(d, 7, 7) || no_write;
			bool el0 = bits(d, 6, 6) && !no_el0;

			*perm = 1u | (el0 ? 2u : 0) | (!ro ? 4u : 0) |
				(!ro && el0 ? 8u : 0);
		}
		return 0;
	}
	return -1;
}

static bool perm_allows(unsigned perm, bool write, bool priv)
{
	return perm & (1u << ((write ? 2 : 0) + (priv ? 0 : 1)));
}

/* Stage-2 parameters of an STE (§5.2): false if ILLEGAL. */
static bool ref_s2(const uint64_t *ste, struct rwalk *w, bool *unknown)
{
	uint64_t d2 = ste[2];
	unsigned tsz = (unsigned)bits(d2, 37, 32),
		 sl0 = (unsigned)bits(d2, 39, 38);
	int n;

	memset(w, 0, sizeof(*w));
	w->s2 = true;
	w->g = tg_shift((unsigned)bits(d2, 47, 46));
	if (!bits(d2, 51, 51) || bits(d2, 52, 52) || !w->g || tsz < 16 ||
	    tsz > 39 || sl0 == 3)
		return false;
	w->ias = 64 - tsz;
	w->start = w->g == 12 ? 2 - (int)sl0 : 3 - (int)sl0;
	if (w->g == 16 && w->start < 2)
		return false;
	/* the start level resolves n bits; more than the stride means
	 * concatenated tables, at most 16 (Arm ARM D8.2.7) */
	n = (int)w->ias - (int)w->g - (int)(w->g - 3) * (3 - w->start);
	if (n < 1 || n > (int)(w->g - 3) + 4)
		return false;
	w->oas = ps_bits((unsigned)bits(d2, 50, 48));
	w->ttb = ste[3] & 0x00FFFFFFFFFFFFF0ull;
	if (w->ttb >> w->oas)
		return false;
	if (w->ttb & ((1ull << (n + 3 > 6 ? n + 3 : 6)) - 1))
		*unknown = true; /* misaligned root: not modelled */
	w->affd = bits(d2, 53, 53);
	return true;
}

static struct ref ref_no(const char *why)
{
	struct ref r = { REF_NO, 0, why };

	return r;
}

static struct ref ref_unknown(const char *why)
{
	struct ref r = { REF_UNKNOWN, 0, why };

	return r;
}

static struct ref ref_translate(unsigned k, const struct gicits_iommu_txn *t)
{
	uint64_t ste[8], cd[8], a, pa, ipa;
	unsigned log2, config, cdmax, dss, privcfg, perm, i;
	bool priv = t->priv, s1, s2, unknown = false;
	struct rwalk w2, w1;
	struct ref r = { REF_XLATE, 0, "translated" };

	/* §6.3.14: SMMUEN = 0: GBPA decides */
	if (!(rg.cr0 & 1)) {
		if (rg.gbpa & (1u << 20))
			return ref_no("SMMUEN=0, GBPA.ABORT");
		r.kind = REF_BYPASS;
		r.pa = t->addr;
		return r;
	}
	/* §3.3: the StreamID indexes a table of 2^LOG2SIZE (<= SIDSIZE) */
	log2 = rg.strtab_cfg & 0x3F;
	if ((uint64_t)t->stream_id >> (log2 < SIDSIZE ? log2 : SIDSIZE))
		return ref_no("StreamID out of range");
	if ((rg.strtab_base & 0x00FFFFFFFFFFFFC0ull) != ST)
		return ref_unknown("stream table elsewhere");
	switch (bits(rg.strtab_cfg, 17, 16)) {
	case 0:
		/* §6.3.24: ADDR is aligned to the table by the literal
		 * LOG2SIZE, not limited by SIDSIZE: ADDR[LOG2SIZE + 5:0] = 0,
		 * so a large LOG2SIZE moves the table below ST */
		if (log2 + 6 > 30)
			return ref_unknown("LOG2SIZE aligns ADDR below ST");
		a = ST + 64ull * t->stream_id;
		break;
	case 1: {
		unsigned split = (unsigned)bits(rg.strtab_cfg, 10, 6), span;
		uint64_t l1;

		if (split != 6)
			return ref_unknown("SPLIT other than 6");
		/* §6.3.24: ADDR[MAX(5, LOG2SIZE - SPLIT + 2):0] = 0 with
		 * the literal LOG2SIZE */
		if (log2 > split && log2 - split + 2 >= 30)
			return ref_unknown("LOG2SIZE aligns ADDR below ST");
		if (get64(k, ST + 8ull * (t->stream_id >> split), &l1))
			return ref_no("L1STD fetch abort");
		span = (unsigned)(l1 & 0x1F);
		/* §5.1: Span 0 is invalid; an array of 2^(Span-1) STEs */
		if (span == 0)
			return ref_no("L1STD invalid");
		if (span != split + 1 || (l1 & 0x00FFFFFFFFFFFFC0ull & 0xFFF))
			return ref_unknown("L1STD Span / L2Ptr unusual");
		a = (l1 & 0x00FFFFFFFFFFF000ull) +
		    64ull * (t->stream_id & ((1u << split) - 1));
		break;
	}
	default:
		return ref_unknown("STRTAB_BASE_CFG.FMT reserved");
	}
	for (i = 0; i < 8; i++)
		if (get64(k, a + 8 * i, &ste[i]))
			return ref_no("STE fetch abort");
	/* §5.2 */
	if (!(ste[0] & 1))
		return ref_no("STE.V = 0");
	config = (unsigned)bits(ste[0], 3, 1);
	if (!(config & 4))
		return ref_no("STE.Config abort");
	s1 = config & 1;
	s2 = config & 2;
	if (s2 && var.no_stage2)
		return ref_no("stage 2 without S2P");
	if (s2 && !ref_s2(ste, &w2, &unknown))
		return ref_no("STE stage-2 fields ILLEGAL");
	cdmax = (unsigned)bits(ste[0], 63, 59);
	dss = (unsigned)bits(ste[1], 1, 0);
	if (s1) {
		if (bits(ste[1], 31, 30))
			return ref_unknown("STRW not EL1");
		if (bits(ste[1], 27, 27))
			return ref_no("S1STALLD");
		if (cdmax > 16)
			return ref_no("S1CDMax > SSIDSIZE");
		if (cdmax && bits(ste[0], 5, 4))
			return ref_unknown("two-level CD table");
		if (cdmax && dss == 3)
			return ref_no("S1DSS reserved");
	}
	if (unknown)
		return ref_unknown("S2TTB misaligned");
	privcfg = (unsigned)bits(ste[1], 49, 48);
	if (privcfg >= 2)
		priv = privcfg == 3;
	if (!s1 && t->ssv)
		return ref_no("SubstreamID without stage 1");
	if (s1) {
		uint32_t ssid = 0;

		if (t->ssv) {
			if (!cdmax || (uint64_t)t->substream_id >> cdmax)
				return ref_no("SubstreamID beyond S1CDMax");
			if (dss == 2 && t->substream_id == 0)
				return ref_no("SubstreamID 0 with S1DSS=SSID0");
			ssid = t->substream_id;
		} else if (cdmax) {
			if (dss == 0)
				return ref_no(
					"no SubstreamID, S1DSS=terminate");
			if (dss == 1)
				s1 = false;
		}
		if (s1) {
			/* the CD (an IPA when nested) */
			a = (ste[0] & 0x00FFFFFFFFFFFFC0ull) + 64ull * ssid;
			if (s2 && (ref_walk(k, &w2, NULL, a, &a, &perm) ||
				   !(perm & 1)))
				return ref_no("stage-2 fault on the CD");
			for (i = 0; i < 8; i++)
				if (get64(k, a + 8 * i, &cd[i]))
					return ref_no("CD fetch abort");
			/* §5.4.2 ILLEGAL */
			if (!bits(cd[0], 31, 31) || !bits(cd[0], 41, 41) ||
			    bits(cd[0], 15, 15) || bits(cd[0], 44, 44) ||
			    bits(cd[0], 43, 42) ||
			    (var.term_model && !bits(cd[0], 46, 46)))
				return ref_no("CD ILLEGAL");
			if (!bits(cd[0], 30, 30) || bits(cd[0], 38, 38))
				return ref_unknown("TTB1 enabled or TBI0");
			memset(&w1, 0, sizeof(w1));
			w1.oas = ps_bits((unsigned)bits(cd[0], 34, 32));
			w1.g = tg_shift((unsigned)bits(cd[0], 7, 6));
			w1.ttb = cd[1] & 0x00FFFFFFFFFFFFF0ull;
			if (!bits(cd[0], 14, 14)) {
				unsigned tsz = (unsigned)bits(cd[0], 5, 0);
				unsigned stride, lv, n;

				if (!w1.g || tsz < 16 || tsz > 39 ||
				    w1.ttb >> w1.oas)
					return ref_no("CD TTB0 ILLEGAL");
				w1.ias = 64 - tsz;
				stride = w1.g - 3;
				lv = (w1.ias - w1.g + stride - 1) / stride;
				w1.start = 4 - (int)lv;
				n = w1.ias - w1.g - stride * (lv - 1);
				if (w1.ttb &
				    ((1ull << (n + 3 > 6 ? n + 3 : 6)) - 1))
					return ref_unknown("TTB0 misaligned");
			}
			/* VA[55] selects TTB1, disabled (EPD1); EPD0 */
			if (bits(t->addr, 55, 55) || bits(cd[0], 14, 14))
				return ref_no("translation fault (EPDx)");
			if (t->addr >> w1.ias)
				return ref_no("VA beyond T0SZ");
			w1.affd = bits(cd[0], 35, 35);
			w1.had = bits(cd[1], 1, 1);
			if (ref_walk(k, &w1, s2 ? &w2 : NULL, t->addr, &ipa,
				     &perm))
				return ref_no("stage-1 fault");
			if (!perm_allows(perm, t->write, priv))
				return ref_no("stage-1 permission");
		}
	}
	if (!s1 && !s2) {
		r.kind = REF_BYPASS;
		r.pa = t->addr;
		return r;
	}
	if (!s1)
		ipa = t->addr;
	pa = ipa;
	if (s2) {
		if (ref_walk(k, &w2, NULL, ipa, &pa, &perm))
			return ref_no("stage-2 fault");
		if (!perm_allows(perm, t->write, priv))
			return ref_no("stage-2 permission");
	}
	r.pa = pa;
	return r;
}

/* ---- building tables (well formed, so that deep paths are reached) ---- */

/* Per StreamID: ASIDs and the VMID are its own (invariant 2). */
static uint16_t asid_of(unsigned s, unsigned ssid)
{
	return (uint16_t)(1 + s * 4 + ssid);
}

static uint16_t vmid_of(unsigned s)
{
	return (uint16_t)(1 + s);
}

/* The IOVA of slot @i (2 MB apart: blocks never overlap). */
static uint64_t iova_of(unsigned i)
{
	return 0x80000000ull + 0x200000ull * i + 0x40;
}

struct geo {
	unsigned g, ias;
	int start;
	uint64_t root;
};

static uint64_t pt_alloc(unsigned s, uint64_t size)
{
	uint64_t a = (pt_next[s] + size - 1) & ~(size - 1);

	if (a + size > PTR(s) + PT_SIZE)
		return 0;
	pt_next[s] = a + size;
	return a; /* RAM is zero there: never reused until re-install */
}

static unsigned geo_bits(const struct geo *g, int level)
{
	unsigned stride = g->g - 3;
	unsigned shift = g->g + stride * (unsigned)(3 - level);

	return level == g->start ? g->ias - shift : stride;
}

static bool geo_root(unsigned s, struct geo *g)
{
	uint64_t sz = 8ull << geo_bits(g, g->start);

	g->root = pt_alloc(s, sz < 64 ? 64 : sz);
	return g->root != 0;
}

/* The descriptor slot for @va at @level (tables created on the way, with
 * @tattr ORed into new table descriptors); 0 if out of table memory. */
static uint64_t pt_slot(unsigned s, const struct geo *g, uint64_t va, int level,
			uint64_t tattr)
{
	uint64_t table = g->root;
	int l;

	for (l = g->start;; l++) {
		unsigned shift = g->g + (g->g - 3) * (unsigned)(3 - l);
		uint64_t slot = table + 8 * ((va >> shift) &
					     ((1ull << geo_bits(g, l)) - 1));
		uint64_t d;

		if (l == level)
			return slot;
		d = peek64(slot);
		if (!(d & 1) || !(d & 2)) {
			uint64_t t = pt_alloc(s, 1ull << g->g);

			if (!t)
				return 0;
			d = t | 3 | tattr;
			put64(slot, d);
		}
		table = d & 0x0000FFFFFFFFF000ull & ~((1ull << g->g) - 1);
	}
}

static void pt_map(unsigned s, const struct geo *g, uint64_t va, uint64_t pa,
		   int level, uint64_t attr, uint64_t tattr)
{
	unsigned shift = g->g + (g->g - 3) * (unsigned)(3 - level);
	uint64_t slot = pt_slot(s, g, va, level, tattr);

	if (slot)
		put64(slot, (pa & ~((1ull << shift) - 1)) |
				    (level == 3 ? 3 : 1) | attr);
}

/* Where slot @i's IOVA page goes, and how. */
static void map_slots(unsigned s, const struct geo *g, bool stage2)
{
	unsigned i;

	for (i = 0; i < 4; i++) {
		uint8_t b = u8(), c = u8();
		uint64_t pa, attr, tattr = 0;
		int level = 3;

		switch (b & 7) {
		case 0:
		case 1:
		case 2:
			pa = DOORBELL & ~0xFFFull;
			break;
		case 3:
			pa = DATA_PG;
			break;
		case 4:
			pa = NOWHERE;
			break;
		case 5:
			pa = 1ull << 48; /* bits [51:48]: Address size */
			break;
		case 6:
			pa = (uint64_t)u32() << 12 & 0x0000FFFFFFFFF000ull;
			break;
		default:
			continue; /* unmapped */
		}
		/* a 2 MB block (4K) or 32 MB block (16K) at level 2 */
		if ((b >> 3 & 3) == 3 && g->start <= 2)
			level = 2;
		attr = 1ull << 10; /* AF */
		if (stage2)
			attr |= (c & 3) == 0 ? 1ull << 6 :
				(c & 3) == 1 ? 2ull << 6 :
					       3ull << 6; /* S2AP */
		else
			attr |= (c & 3) == 0 ? 0ull << 6 :
				(c & 3) == 1 ? 3ull << 6 :
					       1ull << 6; /* AP */
		if ((c & 0x1C) == 0x1C)
			attr &= ~(1ull << 10); /* AF = 0 */
		if (!stage2 && (c & 0xE0) == 0xE0)
			tattr = (uint64_t)(c & 3) << 61; /* APTable */
		pt_map(s, g, iova_of(i) & ~0xFFFull, pa, level, attr, tattr);
	}
}

/* A stage-2 table mapping the first two GB (the doorbell, RAM) with
 * 1 GB blocks, for nested STEs; sometimes read-only or missing RAM. */
static void s2_identity(unsigned s, struct geo *g, uint8_t b)
{
	uint64_t ap = (b & 3) == 3 ? 1ull << 6 : 3ull << 6;

	g->g = 12;
	g->ias = 40;
	g->start = 1;
	if (!geo_root(s, g))
		return;
	put64(g->root + 0, 0x00000000ull | 1 | (1ull << 10) | ap);
	if ((b & 0xC) != 0xC)
		put64(g->root + 8, 0x40000000ull | 1 | (1ull << 10) | ap);
	/* the IOVA slots' output (DATA_PG is in GB 1, the doorbell in
	 * GB 0): nothing more is needed */
}

static void write_ste(unsigned slot, const uint64_t *dw)
{
	uint32_t sid = sid_of_slot[slot];
	uint64_t a;
	unsigned i;

	if (var.st2) {
		unsigned l1 = sid >> 6;

		if (l1 >= 4)
			return;
		put64(ST + 8ull * l1, (ST_L2 + 0x1000ull * l1) | 7);
		a = ST_L2 + 0x1000ull * l1 + 64ull * (sid & 63);
	} else {
		a = ST + 64ull * sid;
	}
	for (i = 0; i < 8; i++)
		put64(a + 8 * i, dw[i]);
}

static uint64_t ste_addr(unsigned slot)
{
	uint32_t sid = sid_of_slot[slot];

	if (var.st2)
		return ST_L2 + 0x1000ull * (sid >> 6) + 64ull * (sid & 63);
	return ST + 64ull * sid;
}

/* op install: a well-formed configuration for StreamID slot @s (0..9). */
static void op_install(void)
{
	unsigned s = u8() % 10, kind = u8() % 9, i;
	uint8_t o1 = u8(), o2 = u8();
	uint64_t ste[8] = { 0 };
	struct geo g1, g2;
	unsigned s1d = s < NSID ? s : 0; /* table memory of slot 8/9: 0's */
	bool s1 = false, s2 = false;

	if (s >= NSID && kind >= 2)
		kind = kind & 1; /* slots 8, 9: abort or bypass only */
	if (s < NSID) {
		unsigned k;

		pt_next[s] = PTR(s);
		for (k = 0; k < NSYS; k++)
			memset(sys[k].ram + (PTR(s) - RAM), 0, PT_SIZE);
		dirty |= 1u << s;
	}
	ste[2] = vmid_of(s1d); /* S2VMID tags stage-1 entries too */
	switch (kind) {
	case 0:
		ste[0] = 1; /* V, Config abort */
		break;
	case 1:
		ste[0] = 1 | 4 << 1; /* bypass */
		break;
	case 2:
	case 3:
	case 4:
		s1 = true;
		break;
	case 5:
	case 6:
		s2 = true;
		break;
	case 7:
		s1 = s2 = true;
		break;
	default:
		ste[0] = 0; /* V = 0 */
		break;
	}
	if (s1) {
		unsigned ncd = o1 & 1 ? 4 : 1, tg = kind == 4 ? 2 : 0;
		unsigned tsz = o1 & 2 ? 25 : 16;

		if (tg == 2)
			tsz = o1 & 2 ? 25 : 17;
		g1.g = tg_shift(tg);
		g1.ias = 64 - tsz;
		{
			unsigned stride = g1.g - 3;

			g1.start = 4 -
				   (int)((g1.ias - g1.g + stride - 1) / stride);
		}
		ste[0] = 1 | (uint64_t)(s2 ? 7 : 5) << 1 | CDR(s1d) |
			 (ncd == 4 ? 2ull << 59 : 0);
		unsigned dss = o1 >> 2 & 3, privcfg = o1 >> 4 & 3;

		/* S1DSS 0..2 (3 is reserved); PRIVCFG 0, 2, 3 */
		ste[1] = (uint64_t)(dss == 3 ? 2 : dss) |
			 (uint64_t)(privcfg == 1 ? 0 : privcfg) << 48;
		for (i = 0; i < ncd; i++) {
			uint64_t d0;

			if (!geo_root(s1d, &g1))
				break;
			d0 = tsz | (uint64_t)tg << 6 | 1ull << 30 /* EPD1 */ |
			     1ull << 31 /* V */ | 5ull << 32 /* IPS 48 */ |
			     1ull << 41 /* AA64 */ |
			     (uint64_t)asid_of(s1d, i) << 48;
			if (!(o2 & 1))
				d0 |= 1ull << 45; /* R */
			if (!(o2 & 2) || (o2 & 4))
				d0 |= 1ull << 46; /* A */
			if ((o2 & 0x18) == 0x18)
				d0 |= 1ull << 35; /* AFFD */
			put64(CDR(s1d) + 64 * i, d0);
			put64(CDR(s1d) + 64 * i + 8,
			      g1.root | ((o2 & 0x60) == 0x60 ? 2 : 0));
			map_slots(s1d, &g1, false);
		}
	}
	if (s2) {
		if (s1) {
			s2_identity(s1d, &g2, o2 >> 5);
		} else {
			/* stage 2 alone: IPA = IOVA (slots < 2^32) */
			g2.g = 12;
			/* start level 1: 2^2 or 2^10 entries (2 tables
			 * concatenated); level 2: 4 or 16 tables */
			g2.start = o1 & 4 ? 2 : 1;
			g2.ias = g2.start == 1 ? (o1 & 2 ? 32 : 40) :
						 (o1 & 2 ? 32 : 34);
			if (geo_root(s1d, &g2))
				map_slots(s1d, &g2, true);
		}
		ste[0] = s1 ? ste[0] : 1 | 6ull << 1;
		ste[2] = vmid_of(s1d) | (uint64_t)(64 - g2.ias) << 32 |
			 (uint64_t)(2 - g2.start) << 38 | 5ull << 48 |
			 1ull << 51 | (o2 & 0x80 ? 1ull << 58 : 0) |
			 ((o1 & 0xC0) == 0xC0 ? 1ull << 53 : 0);
		ste[3] = g2.root;
	}
	write_ste(s, ste);
}

/* op mutate: change one field of a StreamID's STE, a CD or a
 * descriptor (never the ASID / VMID, invariant 2). */
static void op_mutate(void)
{
	unsigned s = u8() % NSID, what = u8() % 4, bit = u8() % 64;
	uint64_t a, v;

	switch (what) {
	case 0:
		a = ste_addr(s) + 8 * (u8() % 4);
		if (a == ste_addr(s) + 16 && bit < 16)
			return; /* S2VMID */
		break;
	case 1:
		a = CDR(s) + 64 * (u8() % 4) + 8 * (u8() % 2);
		if ((a & 63) == 0 && bit >= 48)
			return; /* ASID */
		break;
	default:
		/* a descriptor of the page tables */
		a = PTR(s) + 8 * (u32() % (PT_SIZE / 8));
		if (!peek64(a) && (u8() & 3))
			a = PTR(s) + 8 * (u8() % 4);
		break;
	}
	v = peek64(a) ^ (1ull << bit);
	put64(a, v);
}

/* op raw: 8 arbitrary bytes anywhere in RAM. */
static void op_raw(void)
{
	uint64_t a = RAM + (u32() % (RAM_SIZE - 8));

	/* an unaligned write can straddle two regions: both ends count */
	if (region_slots(a) || region_slots(a + 7) ||
	    (a + 7 >= CMDQ && a < CMDQ + 0x1000)) {
		raw = true;
		wild_cmdq = true;
	}
	put64(a, u64());
}

/* ---- commands ---- */

/* Queue one command at CMDQ_PROD (as software reads it) and optionally
 * kick; returns the new PROD. */
static uint32_t cmd_put(uint64_t dw0, uint64_t dw1)
{
	unsigned log2 = (unsigned)(rg.cmdq_base & 0x1F);
	uint64_t base;
	uint32_t prod, m;

	if (log2 > 8)
		log2 = 8; /* IDR1.CMDQS */
	/* software's own PROD: commands written but not yet kicked
	 * are followed, not overwritten */
	if (!qprod_valid)
		qprod = (uint32_t)rd(0, GICITS_SMMU_CMDQ_PROD, 4);
	prod = qprod;
	m = (1u << log2) - 1;
	base = rg.cmdq_base & 0x00FFFFFFFFFFFFE0ull & ~((16ull << log2) - 1);
	put64(base + 16ull * (prod & m), dw0);
	put64(base + 16ull * (prod & m) + 8, dw1);
	if ((dw0 & 0xFF) == 0x46 && bits(dw0, 13, 12) == 1) {
		/* a CMD_SYNC whose MSI is allowed; past the table's room
		 * the MSIs can no longer be checked (invariant 3) */
		if (nsync < NSYNC) {
			syncs[nsync][0] = dw1 & 0x00FFFFFFFFFFFFFCull;
			syncs[nsync][1] = dw0 >> 32;
			nsync++;
		} else {
			wild_cmdq = true;
		}
	}
	qprod = ((prod & ((2u << log2) - 1)) + 1) & ((2u << log2) - 1);
	qprod_valid = true;
	return qprod;
}

static void mmio_write_all(uint32_t off, unsigned size, uint64_t v)
{
	int r[NSYS];
	unsigned k;

	for (k = 0; k < NSYS; k++)
		r[k] = gicits_iommu_mmio_write(sys[k].smmu, off, size, v);
	for (k = 1; k < NSYS; k++)
		if (r[k] != r[0])
			fail("write %#x/%u returns %d (cache %u) vs %d", off,
			     size, r[k], k, r[0]);
}

static void kick(uint32_t prod)
{
	qprod_valid = false;
	mmio_write_all(GICITS_SMMU_CMDQ_PROD, 4, prod);
}

/* The queue has consumed everything up to PROD without error. */
static bool cmdq_drained(void)
{
	uint32_t p = (uint32_t)rd(0, GICITS_SMMU_CMDQ_PROD, 4);
	/* a CMDQ_CONS read runs queued commands: in every system */
	uint32_t c = (uint32_t)mmio_read_all(GICITS_SMMU_CMDQ_CONS, 4);
	unsigned log2 = (unsigned)(rg.cmdq_base & 0x1F);

	if (log2 > 8)
		log2 = 8;
	return !((p ^ c) & ((2u << log2) - 1)) && !bits(c, 30, 24) &&
	       !((rd(0, GICITS_SMMU_GERROR, 4) ^
		  rd(0, GICITS_SMMU_GERRORN, 4)) &
		 1);
}

/* op invalidate: the architected invalidation after a table change
 * (IHI 0070 §4.3, §4.4): per StreamID CFGI_STE (which this SMMU also
 * applies to the stream's CDs -- CFGI_CD_ALL besides, as Linux does),
 * TLBI_S12_VMALL of its VMID (every stage-1, stage-2 and nested entry it
 * made at EL1) or TLBI_NH_ALL without stage 2, TLBI_EL2_ALL, CMD_SYNC;
 * or all at once (CFGI_ALL, TLBI_NSNH_ALL, SYNC).  The slots count as
 * clean only if the queue was empty before and consumed them all. */
static void op_invalidate(void)
{
	uint8_t b = u8();
	unsigned s = u8() % NSLOT;
	bool was_empty = cmdq_drained();
	uint32_t sid = sid_of_slot[s], p;
	unsigned v = s < NSID ? s : 0;
	unsigned log2 = (unsigned)(rg.cmdq_base & 0x1F);

	/* a queue of 2^LOG2SIZE entries (at most IDR1.CMDQS = 8) smaller
	 * than the commands below wraps onto them before the kick: the
	 * last ones overwrite the first (a one-entry queue runs only the
	 * SYNC), so nothing may count as invalidated */
	if (log2 > 8)
		log2 = 8;
	if ((1u << log2) < ((b & 1) ? 3u : 5u))
		was_empty = false;

	if (b & 1) {
		cmd_put(0x04, 31); /* CFGI_STE_RANGE, Range 31: CFGI_ALL */
		p = cmd_put(0x30, 0); /* TLBI_NSNH_ALL */
		(void)p;
	} else {
		cmd_put(0x03 | (uint64_t)sid << 32, 0); /* CFGI_STE */
		cmd_put(0x06 | (uint64_t)sid << 32, 0); /* CFGI_CD_ALL */
		if (!var.no_stage2)
			cmd_put(0x28 | (uint64_t)vmid_of(v) << 32, 0);
		else
			cmd_put(0x10, 0); /* TLBI_NH_ALL, VMID 0 */
		cmd_put(0x20, 0); /* TLBI_EL2_ALL */
	}
	p = cmd_put(0x46, 0); /* CMD_SYNC, CS = SIG_NONE */
	if ((b & 0x1E) == 0x1E)
		return; /* software forgot to kick */
	kick(p);
	if (was_empty && cmdq_drained()) {
		if (b & 1)
			dirty = 0;
		else
			dirty &= ~(1u << s);
	}
}

static uint64_t pick_sid(void)
{
	uint8_t b = u8();

	return b < 240 ? sid_of_slot[b % NSLOT] : (uint64_t)u32();
}

static uint64_t pick_msi_addr(void)
{
	switch (u8() & 7) {
	case 0:
	case 1:
	case 2:
		return DOORBELL;
	case 3:
		return DATA_PG;
	case 4:
		return NOWHERE;
	case 5:
		return 0;
	default:
		return u64();
	}
}

/* op command: one command, kicked or left for a later kick. */
static void op_command(void)
{
	static const uint8_t ops[] = { 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
				       0x10, 0x11, 0x12, 0x13, 0x18, 0x20, 0x21,
				       0x22, 0x23, 0x28, 0x2A, 0x30, 0x40, 0x41,
				       0x44, 0x46, 0x46, 0x46, 0x46, 0x99 };
	uint8_t b = u8(), f = u8();
	uint64_t dw0, dw1 = 0;
	uint32_t p;

	if (b == 0xFF) {
		dw0 = u64();
		dw1 = u64();
		if ((dw0 & 0xFF) == 0x46)
			wild_cmdq = true; /* a SYNC we did not decode */
	} else {
		uint8_t op = ops[b % sizeof(ops)];

		dw0 = op;
		switch (op) {
		case 0x01:
		case 0x02:
		case 0x03:
		case 0x04:
		case 0x05:
		case 0x06:
			dw0 |= pick_sid() << 32;
			dw0 |= (uint64_t)(u8() & 3) << 12; /* SSID */
			dw1 = u8() & 0x1F; /* Leaf / Range */
			if (op == 0x02)
				dw1 = iova_of(f % 4) & ~0xFFFull;
			if ((f & 0xF0) == 0xF0)
				dw0 |= 1ull << 10; /* SSec */
			break;
		case 0x46: {
			uint64_t a = pick_msi_addr();

			dw0 |= (uint64_t)(f & 3) << 12; /* CS */
			dw0 |= (uint64_t)(0x300 + (u8() & 3)) << 32;
			dw1 = a & 0x00FFFFFFFFFFFFFCull;
			break;
		}
		default:
			/* TLBI: ASID, VMID (ours mostly), address, range */
			dw0 |= (uint64_t)(f & 0x80 ? u8() :
						     asid_of(f % NSID,
							     (f >> 3) & 3))
			       << 48;
			dw0 |= (uint64_t)(f & 0x40 ? u8() : vmid_of(f % NSID))
			       << 32;
			dw1 = iova_of((f >> 3) % 4) & ~0xFFFull;
			if (u8() & 1) {
				dw0 |= (uint64_t)(u8() & 0x1F) << 12; /* NUM */
				dw0 |= (uint64_t)(u8() & 0x1F)
				       << 20; /* SCALE */
				dw1 |= (uint64_t)(u8() & 3) << 10; /* TG */
			}
			dw1 |= u8() & 1; /* Leaf */
			break;
		}
	}
	p = cmd_put(dw0, dw1);
	if (!(f & 8))
		kick(p);
}

/* ---- registers ---- */

static uint64_t reg_value(uint32_t off, uint8_t b)
{
	if (b >= 0xE0)
		return u64(); /* anything */
	switch (off) {
	case GICITS_SMMU_CR0:
		/* what a driver writes, one bit flipped now and then */
		return (b & 0x80 ? (var.pri ? 0xFu : 0xDu) : 0x1Fu & u8()) ^
		       (b & 0x40 ? 1u << (b & 7) : 0);
	case GICITS_SMMU_CR1:
	case GICITS_SMMU_CR2:
	case GICITS_SMMU_IRQ_CTRL:
		return u8() & 0xF;
	case GICITS_SMMU_GBPA:
		return (b & 1 ? 1u << 31 : 0) | (b & 2 ? 1u << 20 : 0) |
		       (b & 4 ? u32() & 0x1F3F1F : 0);
	case GICITS_SMMU_GERRORN:
		return b & 1 ? rd(0, GICITS_SMMU_GERROR, 4) : u32();
	case GICITS_SMMU_GERROR_IRQ_CFG0:
	case GICITS_SMMU_EVENTQ_IRQ_CFG0:
	case GICITS_SMMU_PRIQ_IRQ_CFG0:
		return pick_msi_addr();
	case GICITS_SMMU_STRTAB_BASE:
		return b & 1 ? ST : u64();
	case GICITS_SMMU_STRTAB_BASE_CFG:
		return ((b & 1 ? 8u : u8() & 0x3Fu) |
			(var.st2 ? 6u << 6 | 1u << 16 : 0)) ^
		       (b & 2 ? (u32() & 0x307C0u) : 0);
	case GICITS_SMMU_CMDQ_BASE:
		return b & 1 ? CMDQ | 8 : CMDQ | (u8() % 12);
	case GICITS_SMMU_EVENTQ_BASE:
		return b & 1 ? EVTQ | 7 : b & 2 ? EVTQ | (u8() % 10) : u64();
	case GICITS_SMMU_PRIQ_BASE:
		return b & 1 ? PRIQ | 7 : b & 2 ? PRIQ | (u8() % 10) : u64();
	case GICITS_SMMU_PRIQ_PROD:
	case GICITS_SMMU_PRIQ_CONS:
	case GICITS_SMMU_CMDQ_PROD:
	case GICITS_SMMU_CMDQ_CONS:
		return (mmio_read_all(off, 4) + (b & 3)) ^
		       (b & 4 ? 1u << 31 : 0);
	case GICITS_SMMU_EVENTQ_PROD:
	case GICITS_SMMU_EVENTQ_CONS:
		return (rd(0, off, 4) + (b & 3)) ^ (b & 4 ? 1u << 31 : 0);
	default:
		return u32();
	}
}

static bool overlaps_tables(uint64_t a, uint64_t len)
{
	return (a < CMDQ && a + len > ST) ||
	       (a < TABLES_END && a + len > CDR(0));
}

/* After any MMIO write: what it changed for the invariants. */
static void after_mmio(const struct regs *pre)
{
	unsigned log2;
	uint64_t base;

	regs_refresh();
	qprod_valid = false;
	/* a new stream table or CR2 (E2H): cached STEs and translations
	 * may be stale for every StreamID (software must CFGI_ALL) */
	if (rg.strtab_base != pre->strtab_base ||
	    rg.strtab_cfg != pre->strtab_cfg || rg.cr2 != pre->cr2)
		dirty = (1u << NSLOT) - 1;
	/* the SMMU writing event records over tables changes them
	 * behind the caches' back */
	log2 = (unsigned)(rg.evtq_base & 0x1F);
	if (log2 > 7)
		log2 = 7;
	base = rg.evtq_base & 0x00FFFFFFFFFFFFE0ull & ~((32ull << log2) - 1);
	if (overlaps_tables(base, 32ull << log2))
		raw = true;
	/* so do PRI queue records (config pri) */
	log2 = (unsigned)(rg.priq_base & 0x1F);
	if (log2 > 7)
		log2 = 7;
	base = rg.priq_base & 0x00FFFFFFFFFFFFE0ull & ~((16ull << log2) - 1);
	if (var.pri && overlaps_tables(base, 16ull << log2))
		raw = true;
	if (var.pri && base < CMDQ + 0x1000 && base + (16ull << log2) > CMDQ)
		wild_cmdq = true;
	if ((rg.strtab_base & 0x00FFFFFFFFFFFFC0ull) != ST)
		raw = true;
	if ((rg.cmdq_base & 0x00FFFFFFFFFFFFE0ull) != CMDQ)
		wild_cmdq = true;
}

static void op_mmio_write(void)
{
	uint8_t b = u8(), c = u8();
	struct regs pre = rg;
	uint32_t off;
	unsigned size;
	uint64_t v;

	if (b == 0xFF) {
		/* any offset, any size */
		off = u32() & 0x1FFFF;
		size = 1u << (u8() & 3);
		v = u64();
	} else {
		off = regs_all[b % NREGS].off;
		size = regs_all[b % NREGS].size;
		v = reg_value(off, c);
		if (size == 8 && (c & 0x18) == 0x18) {
			/* a 64-bit register as two halves */
			mmio_write_all(off, 4, v & 0xFFFFFFFF);
			off += 4;
			size = 4;
			v >>= 32;
		}
	}
	mmio_write_all(off, size, v);
	after_mmio(&pre);
	check_own_msis(&pre);
}

static void op_mmio_read(void)
{
	uint8_t b = u8();
	struct regs pre = rg;

	if (b == 0xFF)
		mmio_read_all(u32() & 0x1FFFF, 1u << (u8() & 3));
	else
		mmio_read_all(regs_all[b % NREGS].off,
			      regs_all[b % NREGS].size);
	/* a CMDQ_CONS read runs queued commands */
	after_mmio(&pre);
	check_own_msis(&pre);
}

/* op consume: software consumes the event queue and acknowledges GERROR,
 * each SMMU from its own registers (their events may differ). */
static void op_consume(void)
{
	uint8_t b = u8();
	struct regs pre = rg;
	unsigned k;

	for (k = 0; k < NSYS; k++) {
		if (b & 1) {
			uint64_t p = rd(k, GICITS_SMMU_EVENTQ_PROD, 4);
			uint64_t c = rd(k, GICITS_SMMU_EVENTQ_CONS, 4);

			/* CONS = PROD, OVACKFLG = OVFLG (§7.4) */
			gicits_iommu_mmio_write(
				sys[k].smmu, GICITS_SMMU_EVENTQ_CONS, 4,
				(p & 0x800000FFu) | (c & 0x7FFFFF00u));
		}
		if (b & 2)
			gicits_iommu_mmio_write(sys[k].smmu,
						GICITS_SMMU_GERRORN, 4,
						rd(k, GICITS_SMMU_GERROR, 4));
	}
	after_mmio(&pre);
	check_own_msis(&pre);
}

/* ---- PRI (config pri) ---- */

/* op ppr: one PCIe page request to every SMMU.  The PRI queue does not
 * depend on the caches, so all three must agree; the outcome must fit
 * the request (IHI 0070 §8.1, §8.2).  Bit 4 of the first byte then
 * consumes the PRI queue and acknowledges an overflow. */
static void op_ppr(void)
{
	uint8_t b = u8(), c = u8();
	struct gicits_iommu_ppr p;
	struct gicits_iommu_ppr_result r[NSYS];
	const struct gicits_iommu_prg_resp *x;
	struct regs pre = rg;
	int rc[NSYS];
	unsigned k;

	memset(&p, 0, sizeof(p));
	memset(r, 0, sizeof(r));
	p.stream_id = b & 0x80 ? u32() : sid_of_slot[b % NSLOT];
	p.ssv = c & 1;
	p.substream_id = c & 2 ? u32() & (b & 0x20 ? ~0u : 0xFFFFFu) : c >> 4;
	p.addr = u64();
	p.prgi = (uint16_t)(u32() & (c & 4 ? 0x3FFu : 0x1FFu));
	p.last = c & 8;
	p.write = c & 0x10;
	p.read = c & 0x20;
	p.exec = c & 0x40;
	p.priv = c & 0x80;
	p.secure = (b & 0x60) == 0x60;
	for (k = 0; k < NSYS; k++)
		rc[k] = gicits_iommu_page_request(sys[k].smmu, &p, &r[k]);
	if (verbose)
		fprintf(stderr,
			"  ppr sid %#x prgi %#x: rc %d rec %d resp %d\n",
			p.stream_id, p.prgi, rc[0], r[0].recorded,
			r[0].responded);
	for (k = 1; k < NSYS; k++) {
		if (rc[k] != rc[0] || r[k].recorded != r[0].recorded ||
		    r[k].responded != r[0].responded ||
		    (r[0].responded &&
		     (r[k].resp.stream_id != r[0].resp.stream_id ||
		      r[k].resp.pasid != r[0].resp.pasid ||
		      r[k].resp.substream_id != r[0].resp.substream_id ||
		      r[k].resp.prgi != r[0].resp.prgi ||
		      r[k].resp.code != r[0].resp.code)))
			fail("page request: SMMU %u differs from cache=off", k);
	}
	if ((p.prgi > 0x1FF || (p.ssv && p.substream_id > 0xFFFFF)) !=
	    (rc[0] == GICITS_EINVAL))
		fail("page request: rc %d for prgi %#x ssid %#x", rc[0], p.prgi,
		     p.substream_id);
	x = &r[0].resp;
	if (rc[0] == GICITS_OK && r[0].responded &&
	    (r[0].recorded || !x->automatic || x->stream_id != p.stream_id ||
	     x->prgi != p.prgi || (x->pasid && !p.ssv) ||
	     (x->pasid && x->substream_id != p.substream_id) ||
	     (x->code != 0 && x->code != 0xF) || (x->code && x->pasid)))
		fail("page request: bad automatic response");
	if (b & 0x10) {
		for (k = 0; k < NSYS; k++) {
			uint64_t pp = rd(k, GICITS_SMMU_PRIQ_PROD, 4);

			/* CONS = PROD, OVACKFLG = OVFLG (§8.1) */
			gicits_iommu_mmio_write(sys[k].smmu,
						GICITS_SMMU_PRIQ_CONS, 4, pp);
		}
	}
	after_mmio(&pre);
	check_own_msis(&pre);
}

/* ---- traffic ---- */

static const char *const outcome_name[4] = { "translated", "bypass", "abort",
					     "razwi" };

/* The run-time DeviceID collision finding (CHECK system only, which has
 * config.client_device_id): with the SMMU's DeviceID equal to StreamID
 * 1's, a write of StreamID 1 that reaches the ITS frame the SMMU's MSIs
 * are programmed for (or were sent to) is a finding; without the shared
 * DeviceID nothing ever is.  (Findings in other frames, or from an own
 * MSI the transaction caused, are allowed, not required.) */
static void check_collision(const struct gicits_iommu_txn *t,
			    const struct gicits_iommu_result *r, uint64_t n)
{
	uint64_t fr = DOORBELL & ~0xFFFFull;
	bool own = own_db_sent ||
		   (!var.no_msi &&
		    (((rg.evtq_irq0 & IRQ_ADDR_MASK_F) & ~0xFFFFull) == fr ||
		     ((rg.gerr_irq0 & IRQ_ADDR_MASK_F) & ~0xFFFFull) == fr));

	if (!var.collide && n)
		fail("DeviceID collision reported for StreamID %#x, but the "
		     "SMMU's DeviceID %#x is no client's",
		     t->stream_id, own_devid);
	if (var.collide && t->stream_id == 1 && t->write &&
	    r->outcome <= GICITS_IOMMU_BYPASS && (r->pa & ~0xFFFFull) == fr &&
	    own && !n)
		fail("StreamID 1 (DeviceID %#x = the SMMU's) wrote %#llx in "
		     "the SMMU's MSI frame: no collision finding",
		     own_devid, (unsigned long long)r->pa);
}

/* One device transaction through every SMMU, checked (invariants 1, 2). */
static void transact(const struct gicits_iommu_txn *t, uint32_t data)
{
	struct gicits_iommu_result r[NSYS];
	struct regs pre = rg;
	struct ref ref = ref_translate(0, t);
	int slot = slot_of_sid(t->stream_id);
	bool clean = slot >= 0 && !(dirty >> slot & 1) && !raw;
	unsigned k;

	for (k = 0; k < NSYS; k++) {
		struct gicits_iommu_status st0, st1;
		struct gicits_iommu_collision c0, c1;

		gicits_iommu_status(sys[k].smmu, &st0);
		gicits_iommu_collisions(sys[k].smmu, &c0);
		if (gicits_iommu_translate(sys[k].smmu, t, &r[k]) != GICITS_OK)
			fail("gicits_iommu_translate failed");
		gicits_iommu_status(sys[k].smmu, &st1);
		gicits_iommu_collisions(sys[k].smmu, &c1);
		if (k == 2 && st1.findings != st0.findings && clean)
			fail("cache=check finding for StreamID %#x whose tables "
			     "were invalidated after their last change",
			     t->stream_id);
		if (k == 2)
			check_collision(t, &r[k], c1.count - c0.count);
		if (r[k].outcome <= GICITS_IOMMU_BYPASS && t->write &&
		    r[k].pa == DOORBELL)
			sys[k].its_msis++; /* the ITS sees (DeviceID, data) */
	}
	if (verbose)
		fprintf(stderr,
			"txn sid=%#x ssv=%d ssid=%u addr=%#llx w=%d priv=%d -> "
			"%s pa=%#llx ev=%#x; ref %d pa=%#llx (%s)%s\n",
			t->stream_id, t->ssv, t->substream_id,
			(unsigned long long)t->addr, t->write, t->priv,
			outcome_name[r[0].outcome], (unsigned long long)r[0].pa,
			r[0].event, ref.kind, (unsigned long long)ref.pa,
			ref.why, clean ? "" : " [dirty]");
	/* invariant 1: the walk on every transaction against the
	 * reference */
	switch (ref.kind) {
	case REF_NO:
		if (r[0].outcome <= GICITS_IOMMU_BYPASS)
			fail("sid %#x addr %#llx: %s to %#llx (DeviceID %#x, "
			     "data %#x at the ITS: %s) but the tables say "
			     "terminate (%s)",
			     t->stream_id, (unsigned long long)t->addr,
			     outcome_name[r[0].outcome],
			     (unsigned long long)r[0].pa,
			     DEVID_BASE + t->stream_id, data,
			     r[0].pa == DOORBELL ? "delivered" : "not the ITS",
			     ref.why);
		break;
	case REF_BYPASS:
	case REF_XLATE:
		if (r[0].outcome != (ref.kind == REF_BYPASS ?
					     GICITS_IOMMU_BYPASS :
					     GICITS_IOMMU_TRANSLATED) ||
		    r[0].pa != ref.pa)
			fail("sid %#x addr %#llx: %s pa %#llx (event %#x) but "
			     "the tables say %s to %#llx",
			     t->stream_id, (unsigned long long)t->addr,
			     outcome_name[r[0].outcome],
			     (unsigned long long)r[0].pa, r[0].event,
			     ref.kind == REF_BYPASS ? "bypass" : "translate",
			     (unsigned long long)ref.pa);
		break;
	default:
		break;
	}
	/* invariant 2: the caches change nothing for a clean StreamID */
	for (k = 1; k < NSYS && clean; k++)
		if (r[k].outcome != r[0].outcome || r[k].pa != r[0].pa ||
		    r[k].event != r[0].event)
			fail("sid %#x addr %#llx: cache %u gives %s pa %#llx "
			     "event %#x, the walk %s pa %#llx event %#x, with "
			     "no table change since the last invalidation",
			     t->stream_id, (unsigned long long)t->addr, k,
			     outcome_name[r[k].outcome],
			     (unsigned long long)r[k].pa, r[k].event,
			     outcome_name[r[0].outcome],
			     (unsigned long long)r[0].pa, r[0].event);
	check_own_msis(&pre);
}

static void op_device(void)
{
	struct gicits_iommu_txn t;
	uint8_t b = u8(), a = u8();
	uint32_t data = u8();

	memset(&t, 0, sizeof(t));
	t.stream_id = (uint32_t)pick_sid();
	t.ssv = (b & 3) == 3;
	t.substream_id = b & 0x80 ? u32() & 0xFFFFF : (b >> 2) & 3;
	t.write = (b & 0x30) != 0x30;
	t.priv = b & 0x40;
	switch (a & 7) {
	case 0:
	case 1:
	case 2:
	case 3:
		t.addr = iova_of(a >> 3 & 3);
		break;
	case 4:
		t.addr = DOORBELL;
		break;
	case 5:
		t.addr = iova_of(a >> 3 & 3) | 1ull << 55; /* TTB1 half */
		break;
	case 6:
		t.addr = iova_of(a >> 3 & 3) + ((uint64_t)u8() << 12);
		break;
	default:
		t.addr = u64();
		break;
	}
	transact(&t, data);
}

/* op sweep: every StreamID and IOVA slot once (many cache hits, so the
 * cache=check comparison and the cached outcomes are exercised). */
static void op_sweep(void)
{
	struct gicits_iommu_txn t;
	unsigned s, i;
	bool priv = u8() & 1;

	memset(&t, 0, sizeof(t));
	t.write = true;
	t.priv = priv;
	for (s = 0; s < NSLOT; s++) {
		t.stream_id = sid_of_slot[s];
		for (i = 0; i < 5; i++) {
			t.addr = i < 4 ? iova_of(i) : DOORBELL;
			transact(&t, s * 8 + i);
		}
	}
}

/* ---- per input ---- */

static void sys_setup(unsigned k)
{
	struct gicits_iommu_config c;
	struct sys *s = &sys[k];

	if (!s->ram) {
		s->ram = malloc(RAM_SIZE);
		if (!s->ram)
			abort();
	}
	memset(s->ram, 0, RAM_SIZE);
	gicits_mem_init(&s->mem, NULL, NULL);
	gicits_mem_add_direct(&s->mem, RAM, RAM_SIZE, s->ram);
	gicits_iommu_config_default(&c);
	c.sidsize = SIDSIZE;
	c.cache = modes[k];
	c.cache_entries = var.small_cache ? 2 : 64;
	c.eventq_irq_each = var.irq_each;
	c.term_model = var.term_model;
	c.device_id = own_devid;
	c.msi = !var.no_msi;
	c.gbpa_abort_reset = var.gbpa_abort;
	c.stage2 = !var.no_stage2;
	c.pri = var.pri;
	c.msi_write = own_msi_cb;
	c.msi_ctx = s;
	/* cache=on without a trace hook: its hit table is read lock-free */
	c.trace = k == 1 ? NULL : trace_cb;
	c.trace_opaque = s;
	if (k == 2)
		c.client_device_id = devid_of; /* the collision finding */
	if (gicits_iommu_create(&c, &s->mem, &s->smmu) != GICITS_OK)
		abort();
	s->nown = 0;
	s->its_msis = 0;
	s->findings = 0;
}

/* The boot sequence of Linux's arm-smmu-v3 driver, in every system. */
static void boot(void)
{
	struct regs pre;

	regs_refresh();
	pre = rg;
	mmio_write_all(GICITS_SMMU_STRTAB_BASE, 8, ST);
	mmio_write_all(GICITS_SMMU_STRTAB_BASE_CFG, 4,
		       8 | (var.st2 ? 6u << 6 | 1u << 16 : 0));
	mmio_write_all(GICITS_SMMU_CMDQ_BASE, 8, CMDQ | 8);
	mmio_write_all(GICITS_SMMU_EVENTQ_BASE, 8, EVTQ | 7);
	mmio_write_all(GICITS_SMMU_CR2, 4, 2); /* RECINVSID */
	mmio_write_all(GICITS_SMMU_EVENTQ_IRQ_CFG0, 8, DOORBELL);
	mmio_write_all(GICITS_SMMU_EVENTQ_IRQ_CFG1, 4, 0x100);
	mmio_write_all(GICITS_SMMU_GERROR_IRQ_CFG0, 8, DOORBELL);
	mmio_write_all(GICITS_SMMU_GERROR_IRQ_CFG1, 4, 0x101);
	mmio_write_all(GICITS_SMMU_IRQ_CTRL, 4, 5);
	mmio_write_all(GICITS_SMMU_CR0, 4, 0xD); /* SMMUEN, EVENTQEN, CMDQEN */
	if (var.pri) {
		/* Linux's PRI queue set-up (its third MSI vector) */
		mmio_write_all(GICITS_SMMU_PRIQ_BASE, 8, PRIQ | 7);
		mmio_write_all(GICITS_SMMU_PRIQ_IRQ_CFG0, 8, DOORBELL);
		mmio_write_all(GICITS_SMMU_PRIQ_IRQ_CFG1, 4, 0x102);
		mmio_write_all(GICITS_SMMU_IRQ_CTRL, 4, 7);
		mmio_write_all(GICITS_SMMU_CR0, 4, 0xF);
	}
	after_mmio(&pre);
	dirty = 0; /* nothing cached yet */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t v;
	unsigned k, nops = 0;

	verbose = getenv("FUZZ_SMMU_VERBOSE") != NULL;
	in_p = data;
	in_n = size;
	in_i = 0;
	v = u8();
	var.st2 = v & 1;
	var.small_cache = v & 2;
	var.irq_each = v & 4;
	var.term_model = v & 8;
	var.collide = v & 0x10;
	var.no_msi = (v & 0x60) == 0x60;
	var.gbpa_abort = v & 0x80;
	var.no_stage2 = (v & 0xC0) == 0xC0;
	var.pri = (v & 0x0C) == 0x0C;
	own_devid = var.collide ? DEVID_BASE + 1 : OWN_DEVID;
	raw = wild_cmdq = qprod_valid = own_db_sent = false;
	nsync = 0;
	dirty = 0;
	for (k = 0; k < NSID; k++)
		pt_next[k] = PTR(k);
	for (k = 0; k < NSYS; k++)
		sys_setup(k);
	boot();
	while (in_i < in_n && nops++ < MAX_OPS) {
		uint8_t op = u8();

		if (verbose)
			fprintf(stderr, "op %u (%u)\n", op % 16, nops);
		switch (op % 16) {
		case 0:
		case 1:
			op_mmio_write();
			break;
		case 2:
			op_mmio_read();
			break;
		case 3:
		case 4:
			op_install();
			break;
		case 5:
			op_mutate();
			break;
		case 6:
			op_raw();
			break;
		case 7:
		case 8:
			op_invalidate();
			check_own_msis(&rg);
			break;
		case 9:
			op_command();
			check_own_msis(&rg);
			break;
		case 10:
		case 11:
		case 12:
			op_device();
			break;
		case 13:
			op_consume();
			break;
		case 14:
			op_sweep();
			break;
		default:
			if (var.pri && (op & 0x10)) {
				op_ppr();
				break;
			}
			/* raw memory in the command queue region */
			put64(CMDQ + 16 * (u8() % 256) + 8 * (u8() & 1), u64());
			wild_cmdq = true;
			break;
		}
	}
	for (k = 0; k < NSYS; k++) {
		gicits_iommu_destroy(sys[k].smmu);
		sys[k].smmu = NULL;
	}
	return 0;
}
