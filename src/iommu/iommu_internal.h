/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * SMMUv3 internals.
 *
 * LAYERING (a file calls only files of the layers below its own):
 *
 *   4  regs.c       the SMMU_* register file (IHI 0070 chapter 6)
 *   3  cmdq.c       the command queue (IHI 0070 chapter 4)
 *      priq.c       the PRI queue, PRG responses (IHI 0070 chapter 8)
 *      translate.c  one transaction: stream table, STE, CD, walk, outcome
 *                   (IHI 0070 chapters 3 and 5, the matrix of
 *                   spec/iommu-mbigen.md §A.7)
 *   2  strtab.c     stream table and CD table fetch and decode
 *      walk.c       VMSAv8-64 stage-1 / stage-2 walks
 *      cache.c      STE / CD / TLB caches
 *   1  evtq.c       event queue, GERROR, the SMMU's own MSIs
 *      iommu.c      create/destroy/config, trace, status
 *
 * Headers: iommu_fields.h (register, STE, CD, descriptor, command and
 * event fields).  One lock (smmu->lock) serialises everything.
 */
#ifndef GICITS_IOMMU_INTERNAL_H
#define GICITS_IOMMU_INTERNAL_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <threads.h>

#include "common/bits.h"
#include "gicits/iommu.h"
#include "gicits/mem.h"
#include "iommu_fields.h"

/* ---- decoded structures ---- */

/* A fetched STE (64 bytes, little endian dwords) and where it came from. */
struct ste {
	uint64_t dw[8];
};

struct cd {
	uint64_t dw[8];
};

/* One translation, cached in the TLB: input page -> output page. */
struct tlb_entry {
	bool valid;
	bool s1; /* tagged with an ASID (stage 1 was in use) */
	bool s2; /* stage 2 was in use */
	bool el2; /* StreamWorld EL2 (a different translation regime) */
	uint16_t asid;
	uint16_t vmid;
	uint32_t sid; /* for cache=check: the context to re-walk */
	bool ssv;
	uint32_t ssid;
	uint64_t va; /* input address, aligned to the page/block size */
	uint64_t size; /* page/block size */
	uint64_t ipa; /* stage-1 output (the IPA when nested) */
	uint64_t pa; /* final output, aligned */
	uint8_t s1p, s2p; /* permissions: 1 RP, 2 RU, 4 WP, 8 WU */
};

struct ste_cache_entry {
	bool valid;
	uint32_t sid;
	struct ste ste;
	uint64_t addr; /* STE PA */
};

struct cd_cache_entry {
	bool valid;
	uint32_t sid;
	uint32_t ssid;
	struct cd cd;
	uint64_t addr; /* CD PA */
};

/*
 * The hit table (cache = on only): the outcome of a transaction that the
 * STE, CD and TLB caches fully served, keyed by what that outcome depends
 * on besides those caches and the registers.  Valid while smmu->gen is
 * the value it was filled at: every change of a cache (put, eviction,
 * CMD_CFGI_*, CMD_TLBI_*) and every register write bumps gen, so a hit
 * here gives exactly what the cache path would (IHI 0070 §16.2: it is a
 * view of those caches, not a cache of its own).  Direct mapped.
 *
 * Without a trace hook it is read without the lock, seqlock style: every
 * locked section makes smmu->seq odd while it runs (iommu_lock() /
 * iommu_unlock()), and a reader that saw seq odd, or changed, takes the
 * lock instead (an SMMU that is not lockless reads an empty table,
 * hit_free, that never answers).  The key is compared exactly (with SSV,
 * all 32 bits of the SubstreamID).  Such a hit only counts itself, in its
 * thread's shard (uses[hits], a relaxed load and store: no locked
 * instruction, no line shared with other threads); gicits_iommu_status()
 * folds the shards into translated and cache_hits.  The counts are exact while at most
 * HIT_SHARDS threads translate through one SMMU at once; beyond that two
 * threads may share a shard and lose an increment (a counter, never a
 * translation).
 */
#define HIT_ENTRIES 256u
struct hit_entry {
	/* one cache line per entry: a hit reads one line of the table */
	_Alignas(64) _Atomic uint64_t gen; /* 0: never filled */
	_Atomic uint64_t vmask; /* ~(page size - 1), of the TLB entry */
	_Atomic uint64_t va; /* input page */
	_Atomic uint64_t delta; /* output page - input page (mod 2^64) */
	/* the key, compared exactly (translate.c hit_peek()) */
	_Atomic uint64_t ssid_key; /* SSV: 2^32 | SubstreamID; else 0 */
	_Atomic uint32_t sid; /* StreamID */
	_Atomic uint16_t wp; /* RnW and PnU: the txn's two bytes */
	_Atomic uint8_t instr; /* InD */
	_Atomic uint32_t cd_ssid; /* the CD used (for the trace record) */
	/* cache hits the cache path counts (0..3), times 8: the offset of
	 * the counter in a struct hit_shard */
	_Atomic uint8_t hits8;
};
_Static_assert(sizeof(struct hit_entry) == 64, "a hit entry is one line");
#define HIT_SHARDS 16u
struct hit_shard {
	_Alignas(64) _Atomic uint64_t uses[4];
};
_Static_assert(sizeof(struct hit_shard) == 64,
	       "a shard is one line; uses[] at byte offset hits * 8");

/* The run-time DeviceID collision finding (collide.c). */
#define COLLIDE_FRAMES 8u
struct collide_state {
	uint64_t count;
	uint32_t stream_id, device_id; /* of the last finding */
	uint64_t pa;
	uint32_t stream_id_seen; /* the last client with our DeviceID */
};

/* ---- the SMMU ---- */

struct gicits_iommu {
	mtx_t lock;
	struct gicits_iommu_config cfg;
	const struct gicits_mem *mem;

	/* registers */
	uint32_t idr0, idr1, idr5;
	uint32_t cr0, cr1, cr2;
	uint32_t gbpa;
	uint32_t irq_ctrl;
	uint32_t gerror, gerrorn;
	uint64_t gerror_irq_cfg0;
	uint32_t gerror_irq_cfg1, gerror_irq_cfg2;
	uint64_t strtab_base;
	uint32_t strtab_base_cfg;
	uint64_t cmdq_base;
	uint32_t cmdq_prod, cmdq_cons;
	uint64_t eventq_base;
	uint32_t eventq_prod, eventq_cons;
	uint64_t eventq_irq_cfg0;
	uint32_t eventq_irq_cfg1, eventq_irq_cfg2;
	uint64_t priq_base;
	uint32_t priq_prod, priq_cons;
	uint64_t priq_irq_cfg0;
	uint32_t priq_irq_cfg1, priq_irq_cfg2;

	/* caches */
	unsigned ncache;
	struct ste_cache_entry *ste_cache;
	struct cd_cache_entry *cd_cache;
	struct tlb_entry *tlb;
	unsigned ste_next, cd_next, tlb_next; /* round-robin victims */
	bool lockless; /* cache = on, no trace hook, no client_device_id */
	struct hit_entry *hit; /* HIT_ENTRIES, cache = on */
	/* what a lock-free hit reads, on a line of its own (the struct is
	 * allocated 64-byte aligned) */
	_Alignas(64) _Atomic uint32_t seq; /* odd while a locked section runs */
	_Atomic uint64_t gen; /* bumped by every cache or register change */
	/* the table lock-free hits read: hit when lockless, else an empty
	 * table that never answers (translate.c) */
	struct hit_entry *hit_free;
	struct hit_shard *shard; /* HIT_SHARDS: lock-free hits, counted */

	struct gicits_iommu_status st;

	/* ITS frames (+ 1; 0 empty) of own MSIs sent, and of writes of
	 * clients with the SMMU's DeviceID; round robin */
	struct collide_state coll;
	uint64_t coll_own[COLLIDE_FRAMES], coll_client[COLLIDE_FRAMES];
	unsigned coll_own_next, coll_client_next;

	/* PRI (priq.c, config pri) */
	struct gicits_iommu_pri_status pri_st;
};

/* ---- the lock: every section that may change state (hit_entry) ---- */
static inline void iommu_lock(struct gicits_iommu *smmu)
{
	mtx_lock(&smmu->lock);
	/* odd: an acquire RMW, so no store of the section moves above it
	 * (no fence: GCC's TSan does not support atomic_thread_fence) */
	atomic_fetch_add_explicit(&smmu->seq, 1, memory_order_acq_rel);
}

static inline void iommu_unlock(struct gicits_iommu *smmu)
{
	atomic_store_explicit(
		&smmu->seq,
		atomic_load_explicit(&smmu->seq, memory_order_relaxed) + 1,
		memory_order_release);
	mtx_unlock(&smmu->lock);
}

/* ---- iommu.c ---- */
void iommu_trace(struct gicits_iommu *smmu, enum gicits_trace_kind kind,
		 uint32_t sid, uint32_t ssid, uint64_t offset, uint64_t value,
		 uint32_t error, const char *rule, const char *msg);
void iommu_finding(struct gicits_iommu *smmu, uint32_t sid, uint32_t ssid,
		   uint64_t value, const char *rule, const char *msg);

/* ---- collide.c ---- */
/* A client's write from @sid reached @pa (translated or bypassed). */
void collide_client(struct gicits_iommu *smmu, uint32_t sid, uint64_t pa);
/* One of the SMMU's own MSIs reached @pa. */
void collide_own(struct gicits_iommu *smmu, uint64_t pa);

/* ---- evtq.c ---- */
/* An event record to write: IHI 0070 §7.3 common layout. */
struct evt {
	uint8_t num;
	uint32_t sid;
	bool ssv;
	uint32_t ssid;
	bool rnw, pnu, ind, s2;
	uint8_t cls; /* EVT_CLASS_* */
	uint64_t input;
	uint64_t ipa; /* S2 faults: the IPA; fetch faults: FetchAddr */
	bool fetch; /* dw3 holds FetchAddr rather than an IPA */
};
/* Write @e to the event queue if it is writable (IHI 0070 §7.2, §7.4);
 * true if written.  Sends the event queue MSI (§3.18.2). */
bool evtq_record(struct gicits_iommu *smmu, const struct evt *e);
/* Activate GERROR bit @bit (if not already active) and raise the GERROR
 * interrupt (§7.5). */
void gerror_raise(struct gicits_iommu *smmu, unsigned bit);
/* Send one of the SMMU's own MSIs; false if aborted. */
bool own_msi(struct gicits_iommu *smmu, uint64_t pa, uint32_t data);
/* The queue index helpers: log2 entries, and PROD/CONS index+wrap mask. */
unsigned q_log2(uint64_t base, unsigned max);
bool q_empty(uint32_t prod, uint32_t cons, unsigned log2);
bool q_full(uint32_t prod, uint32_t cons, unsigned log2);
uint32_t q_inc(uint32_t p, unsigned log2);

/* ---- cache.c ---- */
int cache_alloc(struct gicits_iommu *smmu);
void cache_free(struct gicits_iommu *smmu);
struct ste_cache_entry *ste_cache_find(struct gicits_iommu *smmu, uint32_t sid);
void ste_cache_put(struct gicits_iommu *smmu, uint32_t sid,
		   const struct ste *ste, uint64_t addr);
struct cd_cache_entry *cd_cache_find(struct gicits_iommu *smmu, uint32_t sid,
				     uint32_t ssid, uint64_t addr);
void cd_cache_put(struct gicits_iommu *smmu, uint32_t sid, uint32_t ssid,
		  const struct cd *cd, uint64_t addr);
struct tlb_entry *tlb_find(struct gicits_iommu *smmu, bool s1, bool s2,
			   bool el2, uint16_t asid, uint16_t vmid, uint64_t va);
void tlb_put(struct gicits_iommu *smmu, const struct tlb_entry *e);
/* Invalidation (commands): */
void inv_ste_range(struct gicits_iommu *smmu, uint32_t sid, uint64_t n);
void inv_cd(struct gicits_iommu *smmu, uint32_t sid, bool all, uint32_t ssid);
void inv_all_cfg(struct gicits_iommu *smmu);
/* TLB: match on the given tags; @va_match: only entries covering @va. */
struct tlbi {
	bool by_asid; /* match asid (only stage-1 entries) */
	bool s1_only; /* only entries with stage 1 (NH / EL2 forms) */
	bool by_vmid; /* match vmid */
	bool by_va;
	uint16_t asid, vmid;
	uint64_t va;
	uint64_t va_size; /* range length for by_va */
	bool s2_only_ipa; /* S2_IPA: entries with stage 2 */
	int world; /* 0 any, 1 EL1 (NH, S12) entries only, 2 EL2 only */
};
void tlb_invalidate(struct gicits_iommu *smmu, const struct tlbi *t);

/* ---- strtab.c ---- */
/* Outcome of a structure fetch. */
enum fetch_res {
	FETCH_OK = 0,
	FETCH_BAD_SID, /* out of range, or invalid L1STD / span */
	FETCH_ABORT, /* external abort (F_STE_FETCH / F_CD_FETCH) */
	FETCH_BAD_CD, /* invalid L1CD */
	FETCH_BAD_STE, /* qemu_l2_span: L2 offset beyond 2^Span - 1 */
};
/* Find and read the STE of @sid (IHI 0070 §3.3); @addr = its PA, or the
 * faulting address on FETCH_ABORT. */
enum fetch_res ste_fetch(struct gicits_iommu *smmu, uint32_t sid,
			 struct ste *ste, uint64_t *addr);
/* An STE is ILLEGAL (§5.2): true, with the reason in *why. */
bool ste_illegal(const struct gicits_iommu *smmu, const struct ste *ste,
		 const char **why);
/* A CD is ILLEGAL (§5.4). */
bool cd_illegal(const struct gicits_iommu *smmu, const struct cd *cd,
		unsigned strw, const char **why);

/* ---- walk.c ---- */
enum walk_fault {
	WF_NONE = 0,
	WF_TRANSLATION, /* F_TRANSLATION */
	WF_ADDR_SIZE, /* F_ADDR_SIZE */
	WF_ACCESS, /* F_ACCESS */
	WF_PERMISSION, /* F_PERMISSION */
	WF_EABT, /* F_WALK_EABT */
};
/* One stage's parameters (from a CD or an STE). */
struct walk_cfg {
	bool stage2;
	unsigned gshift; /* 12, 14, 16 */
	unsigned ias; /* input address bits */
	int start_level; /* 0..3 */
	unsigned nconcat; /* stage 2: start-level table holds this many
			     tables' worth of entries (1..16) */
	uint64_t ttb;
	unsigned oas; /* effective output size (bits) */
	bool affd; /* AF = 0 does not fault */
	bool had; /* hierarchical permissions disabled */
	bool single_el; /* StreamWorld EL2 (no unprivileged) */
};
struct walk_out {
	enum walk_fault fault;
	int level;
	uint64_t oa; /* output address (translated input) */
	uint64_t page; /* block/page size */
	bool w_ok_priv, w_ok_unpriv, r_ok_priv, r_ok_unpriv;
	uint64_t fetch_addr; /* WF_EABT: descriptor PA */
	/* a stage-2 fault while translating a stage-1 table address */
	bool s2_in_s1;
	uint64_t s2_ipa;
};
/* Stage-2 translation of an IPA for the walk of @s2 (NULL: identity). */
struct walk_ctx {
	struct gicits_iommu *smmu;
	const struct walk_cfg *s2; /* nested: stage-1 table IPAs go here */
};
/* Walk @in through @wc (one stage); table addresses of a stage-1 walk go
 * through ctx->s2 when set.  Bounded: at most 4 levels, each with at
 * most one stage-2 walk. */
void walk(const struct walk_ctx *ctx, const struct walk_cfg *wc, uint64_t in,
	  struct walk_out *out);
/* Decode a CD's TTB0/TTB1 configuration for @va: 0, or a fault.
 * Returns false (translation fault) if the address selects a disabled or
 * out-of-range region. */
bool s1_cfg(const struct gicits_iommu *smmu, const struct cd *cd, uint64_t va,
	    unsigned strw, struct walk_cfg *wc);
/* Decode the stage-2 fields of @ste; false if ILLEGAL. */
bool s2_cfg(const struct gicits_iommu *smmu, const struct ste *ste,
	    struct walk_cfg *wc);
/* Granule shift of an encoding, 0 if not supported. */
unsigned gran_shift(const struct gicits_iommu *smmu, unsigned tg, bool stage2);
unsigned oas_to_bits(unsigned enc);
/* The effective output size of an IPS / S2PS encoding (capped at OAS). */
unsigned eff_oas(const struct gicits_iommu *smmu, unsigned enc);

/* ---- translate.c ---- */
/* The uncached reference translation (cache=check re-walks). */

/* ---- priq.c (layer 3: the PRI queue, IHI 0070 chapter 8) ---- */
/* The PRIQ_* registers by page-0 offset (PROD 0xC8, CONS 0xCC), called
 * only with cfg.pri (else they are RAZ/WI). */
uint32_t priq_reg_read32(struct gicits_iommu *smmu, uint32_t p);
void priq_reg_write32(struct gicits_iommu *smmu, uint32_t p, uint32_t v);
void priq_reg_write64(struct gicits_iommu *smmu, uint32_t p, uint64_t v);
/* Execute CMD_PRI_RESP: CERROR_NONE or CERROR_ILL. */
unsigned priq_cmd_resp(struct gicits_iommu *smmu, uint64_t dw0, uint64_t dw1);

/* ---- cmdq.c ---- */
/* Run queued commands (CMDQEN = 1, no CMDQ_ERR), up to the budget. */
void cmdq_run(struct gicits_iommu *smmu);

#endif
