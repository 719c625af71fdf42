/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The redistributor side that the rest of the library calls (the arrow ITS
 * -> redistributor of docs/architecture.md).  Internal to the library.
 *
 * Files of src/rdist, one concern each.  Calls go down only (a file may
 * skip levels, never call one above it), so there is no circle:
 *
 *   regs.c         cpuif.c        snapshot.c    GICR_*, ICC_*, save/restore
 *     |               |               |
 *     +--> lpi.c      |               |         what an ITS asks (lpi_sink.h)
 *     |      |        |               |
 *     v      v        v               v
 *   prio.h -> prio_full.c, prio_hpp.c           configuration caching models
 *     |
 *     v
 *   gic.c                                       create/destroy/config, trace
 *     |
 *     v
 *   pending.c (pending.h)                       pending bitmap and summaries
 *
 * Every file may use the inline helpers of rdist_priv.h and pending.h;
 * only prio.h looks at which caching model a redistributor uses (and the
 * pending set, at which summary chain its setters mark).
 *
 *   vlpi.c: GICv4.0 residency (GICR_VPROPBASER, GICR_VPENDBASER) and what
 *   an ITS asks for a resident vPE; between regs.c/lpi.c and prio.h.
 *   ptable.c: loading and writing back a pending table (the LPI pending
 *   table at EnableLPIs, a VPT at scheduling); below lpi.c, above prio.h.
 *   gicd.c: the distributor's registers (GICD_*); beside regs.c, calling
 *   nothing but gic.c's configuration.
 *
 * GICv4.0: the virtual side of redistributor k is a struct cpu_state of
 * its own, gic->cpus[num_cpus + k] (vcpu_of()), so that the pending set,
 * both caching models and the CPU interface serve vLPIs unchanged: its
 * propbaser is GICR_VPROPBASER, its pendbaser GICR_VPENDBASER, its
 * enable_lpis and lpi_limit say "a vPE is resident", pmr is VPMR, and
 * @vres names the resident vPE by its VPT address (docs/concurrency.md
 * R12).
 *
 * Concurrency: the numbered invariants R1.. of docs/concurrency.md.
 */
#ifndef GICITS_RDIST_INTERNAL_H
#define GICITS_RDIST_INTERNAL_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <threads.h>

#include "common/bits.h"
#include "gicits/rdist.h"
#include "gicits/trace.h"
#include "rdist/lpi_sink.h"

/* Layouts, here so that the ITS's MSI path can inline the test of an
 * already pending LPI (gic_lpi_set_hot()); everything else is src/rdist's. */
#define GIC_PEND_CHUNK_BITS 32768u /* LPIs per lazily allocated pending block */
#define GIC_PEND_CHUNK_WORDS (GIC_PEND_CHUNK_BITS / 64)
#define GIC_PEND_SUM_WORDS (GIC_PEND_CHUNK_WORDS / 64)

struct pend_chunk {
	_Atomic uint64_t
		sum[GIC_PEND_SUM_WORDS]; /* bit w: word w may be non-zero */
	_Atomic uint64_t w[GIC_PEND_CHUNK_WORDS]; /* the pending bits */
	/* GICITS_LPI_CACHE_FULL: bit w: word w may hold LPIs made pending
	 * since the redistributor last looked (set by lock-free setters) */
	_Atomic uint64_t fsum[GIC_PEND_SUM_WORDS];
	/* GICITS_LPI_CACHE_FULL, under the RD lock: seen = pending LPIs the
	 * redistributor has taken in (so the newly pending ones are w & ~seen
	 * and a setter writes nothing but w and the summaries); inheap =
	 * which LPIs have an entry in the priority heap */
	uint64_t seen[GIC_PEND_CHUNK_WORDS];
	uint64_t inheap[GIC_PEND_CHUNK_WORDS];
};

/*
 * Laid out by who writes it (as struct gicits_its): the first line holds
 * what lock-free setters read, written only under the lock by register
 * writes; the HPPLPI word, which setters CAS (HPP model), and the mutex
 * with the state behind it, which commands and acknowledges write, each
 * start their own line.  Allocated 64-byte aligned, so neighbouring
 * redistributors share no line either.
 */
struct cpu_state {
	/* ---- read by lock-free setters ---- */
	_Atomic bool enable_lpis;
	/* GICITS_LPI_CACHE_FULL (fixed at create); read through prio.h,
	 * and by pending.h for the summary chain setters mark */
	bool full;
	/* blocks of the pending set (fixed at create); here, beside the two
	 * flags, so that this line holds everything setters read and
	 * struct cpu_state is 8 lines: a power of two, so that the hot
	 * paths index the array with a shift (gic_lpi_set_hot()) */
	uint32_t nchunks;
	/* 2^(accepted INTID bits) while EnableLPIs == 1, else 0: one load for
	 * the setters' two checks (PROPBASER can change only while disabled) */
	_Atomic uint64_t lpi_limit;
	_Atomic uint64_t propbaser;
	/* pending set: block pointers, array allocated on first use; the
	 * same allocation holds the two-level summaries (csum_of()) */
	_Atomic(_Atomic(struct pend_chunk *) *) chunks;
	/* the block of INTIDs 0..CHUNK_BITS-1 (where most LPIs live), once it
	 * exists: saves the hot path a dependent load */
	_Atomic(struct pend_chunk *) chunk0;
	/* host bytes of the block array and blocks, reserved before each
	 * allocation (setters race); never above pend_budget (0: none) */
	_Atomic uint64_t pend_bytes;
	/* GICv4.0, the virtual side only (R12): VPT address | 1 of the
	 * resident vPE, 0 when none is; read by ITS setters, on the same
	 * line as lpi_limit and chunk0 so that the vLPI hot path
	 * (gic_vside_pending_hot()) reads one line, as the physical one */
	_Atomic uint64_t vres;
	/* read by setters only when they allocate */
	uint64_t pend_budget;
	/* (the line is full: 64 bytes) */

	/* ---- the cached highest-priority pending enabled LPI (HPP model:
	 * setters CAS it) ---- */
	_Alignas(64) _Atomic uint64_t hpp;

	/* ---- under the lock ---- */
	_Alignas(64) mtx_t lock;
	bool ptz; /* last PENDBASER write had PTZ = 1 */
	uint64_t pendbaser;
	uint32_t statusr;
	uint32_t waker;
	/* GICITS_LPI_CACHE_FULL: binary min-heap of (priority << 32 | INTID)
	 * of pending enabled LPIs, with lazy deletion (an entry whose LPI is
	 * no longer pending is dropped when it reaches the top) */
	uint64_t *heap;
	uint32_t nheap, capheap;
	/* GICv4.0, virtual side: reads of VPENDBASER left that show Dirty */
	unsigned dirty_left;
	/* GICv4.1, virtual side (v41.c): GICR_VPROPBASER as written (the
	 * propbaser above is then the resident vPE's VCONF table with its
	 * VPT_size as IDbits, so that the caching models read it); whether a
	 * vPE is resident, which, and its VGrp0En (bit 0) / VGrp1En (bit 1);
	 * the GICR_VSGIR query: reads of VSGIPENDR left showing Busy, result */
	uint64_t v41_vprop;
	bool v41_res;
	uint16_t v41_vpeid;
	uint8_t v41_grpen;
	unsigned vsgi_busy_left;
	uint16_t vsgi_result;
	/* CPU interface (virtual side: the vCPU interface, pmr = VPMR) */
	uint8_t pmr;
	unsigned nactive;
	uint8_t active[256];
};

_Static_assert(sizeof(struct cpu_state) % 64 == 0,
	       "cpu_state is whole cache lines (array from aligned_alloc)");
_Static_assert(offsetof(struct cpu_state, vres) + sizeof(uint64_t) <= 64,
	       "the setters' residency key shares the first line with "
	       "lpi_limit and chunk0");
_Static_assert(offsetof(struct cpu_state, hpp) == 64,
	       "what setters read is one line, the HPPLPI word the next");

struct gicits_gic {
	struct gicits_gic_config cfg;
	const struct gicits_mem *mem;
	uint8_t pri_mask;
	_Atomic uint64_t findings;
	/* num_cpus physical redistributors, then (GICv4.0) num_cpus virtual
	 * sides */
	struct cpu_state *cpus;
	/* GICv4.0: serialises read-modify-writes of VPT bytes by every ITS
	 * on this gic and by the redistributors' VPT load and write-back
	 * (docs/concurrency.md L7) */
	mtx_t vpt_lock;
	/* State the ITSes on this gic share and the redistributors never
	 * look at (GICv4.0 multi-ITS VMOVP, src/its/vmovp.c): set once by
	 * CAS, freed at destroy with the function its owner stored first */
	_Atomic(void *) its_shared;
	void (*_Atomic its_shared_free)(void *);
	/* GICv4.1 (v41.c): the GIC's own per-vPE state (default doorbell and
	 * its arming, vSGI configuration and pending bits, residency), pages
	 * of 256 vPEs allocated on first use, under v41_lock (lock order:
	 * ITS lock, a virtual side's lock, v41_lock, vpt_lock) */
	mtx_t v41_lock;
	struct v41_vpe **v41_pages;
	unsigned v41_npages;
	/* The distributor (gicd.c): [31:0] the GICD_CTLR bits it holds
	 * (EnableGrp0, EnableGrp1, nASSGIreq), [63:32] reads of GICD_CTLR
	 * left that show RWP = 1; changed only by compare-and-swap */
	_Atomic uint64_t gicd;
};

/* GICv4.0: whether @gic has virtual sides, and the index of @cpu's. */
static HOT_INLINE bool gic_is_v4(const struct gicits_gic *gic)
{
	return gic->cfg.version != GICITS_GIC_V3;
}

/* GICv4.1: the 4.1 register layouts, vSGIs and default doorbells. */
static HOT_INLINE bool gic_is_v41(const struct gicits_gic *gic)
{
	return gic->cfg.version == GICITS_GIC_V4_1;
}

static HOT_INLINE unsigned vcpu_of(const struct gicits_gic *gic, unsigned cpu)
{
	return gic->cfg.num_cpus + cpu;
}

/* gic_lpi_set(), with the common case of an MSI to an LPI that is already
 * pending (the architected no-op) answered inline: two loads (see
 * docs/concurrency.md R2). */
static HOT_INLINE enum gicits_drop gic_lpi_set_hot(struct gicits_gic *gic,
						   unsigned cpu, uint32_t intid)
{
	struct cpu_state *c = &gic->cpus[cpu];
	uint64_t limit =
		atomic_load_explicit(&c->lpi_limit, memory_order_acquire);

	if (intid >= GICITS_LPI_BASE && intid < limit &&
	    intid < GIC_PEND_CHUNK_BITS) {
		struct pend_chunk *p =
			atomic_load_explicit(&c->chunk0, memory_order_acquire);

		if (p && (atomic_load_explicit(&p->w[intid / 64],
					       memory_order_acquire) >>
				  (intid % 64) &
			  1))
			return GICITS_DROP_NONE;
	}
	return gic_lpi_set(gic, cpu, intid);
}

/*
 * GICv4.0, an ITS's translation of a vLPI for the vPE whose VPT is at @vpt
 * and whose vPE table entry names redistributor @cpu: if that vPE is
 * resident on @cpu, make @vintid pending in @cpu's resident set, lock-free
 * as gic_lpi_set_hot() (the caller is announced, I10), and return true
 * with *@d the result (GICITS_DROP_INTID_OOR beyond VPROPBASER.IDbits:
 * dropped, as QEMU 7.2).  false: not resident there (or descheduled
 * while we looked; the descheduling drains us, R12): the caller sets the
 * VPT bit and rings the doorbell.
 */
static HOT_INLINE bool gic_vlpi_set_resident(struct gicits_gic *gic,
					     unsigned cpu, uint64_t vpt,
					     uint32_t vintid,
					     enum gicits_drop *d)
{
	unsigned v;

	if (!gic_is_v4(gic))
		return false;
	v = vcpu_of(gic, cpu);
	if (atomic_load_explicit(&gic->cpus[v].vres, memory_order_seq_cst) !=
	    (vpt | 1))
		return false;
	*d = gic_lpi_set_hot(gic, v, vintid);
	return *d != GICITS_DROP_LPIS_DISABLED;
}

/* GICv4.0: the virtual sides of @gic, redistributor k's at [k] (fixed
 * at create, as the array and num_cpus), or NULL for a GICv3 gic.  An ITS
 * keeps it (its->vsides) so that its vLPI hot path reads no gic field. */
static inline struct cpu_state *gic_vsides(struct gicits_gic *gic)
{
	return gic_is_v4(gic) ? &gic->cpus[vcpu_of(gic, 0)] : NULL;
}

/*
 * GICv4.0, the MSI fast path's common case of gic_vlpi_set_resident()
 * answered inline, as gic_lpi_set_hot() answers it for physical LPIs: true
 * when the virtual side @vs (gic_vsides()[cpu] of the redistributor the
 * vPE table entry names) has the vPE whose residency key (VPT address | 1)
 * is @key resident (the same seq_cst residency load, R12) and @vintid is
 * already pending in its resident set (the architected no-op: no
 * doorbell, nothing written).  Everything it reads is on @vs's first line.
 * false: anything else; the caller then takes gic_vlpi_set_resident() and
 * the VPT path, which decide everything again.
 */
static HOT_INLINE bool gic_vside_pending_hot(struct cpu_state *vs, uint64_t key,
					     uint32_t vintid)
{
	struct pend_chunk *p;

	if (atomic_load_explicit(&vs->vres, memory_order_seq_cst) != key ||
	    vintid >= atomic_load_explicit(&vs->lpi_limit,
					   memory_order_acquire) ||
	    vintid >= GIC_PEND_CHUNK_BITS)
		return false;
	p = atomic_load_explicit(&vs->chunk0, memory_order_acquire);
	return p && (atomic_load_explicit(&p->w[vintid / 64],
					  memory_order_acquire) >>
			     (vintid % 64) &
		     1);
}

/* GICv4.0, for ITS commands on a virtual ITE of the vPE with VPT @vpt
 * mapped to @cpu: hold the mutex of @cpu's virtual side (after the ITS
 * lock, L1) and say whether that vPE is resident there; while it is held
 * residency cannot change, so the caller acts on the resident set with
 * gic_vlpi_*_locked() or on the VPT (under gic->vpt_lock).  A GICv3 gic:
 * never resident, no lock. */
bool gic_vpe_lock(struct gicits_gic *gic, unsigned cpu, uint64_t vpt);
void gic_vpe_unlock(struct gicits_gic *gic, unsigned cpu);
/* Clear @vintid in the resident set (CLEAR, DISCARD, VMOVI's source);
 * true if it was pending. */
bool gic_vlpi_clear_locked(struct gicits_gic *gic, unsigned cpu,
			   uint32_t vintid);
/* INV of a virtual event: reload the configuration of @vintid (HPP: a
 * rescan, as QEMU 7.2). */
void gic_vlpi_inv_locked(struct gicits_gic *gic, unsigned cpu, uint32_t vintid);
/* VINVALL: reload the configuration cache of the resident vPE. */
void gic_vlpi_inv_all_locked(struct gicits_gic *gic, unsigned cpu);
/* The VPT byte lock an ITS on @gic uses (L7). */
static inline mtx_t *gic_vpt_lock(struct gicits_gic *gic)
{
	return &gic->vpt_lock;
}

/*
 * GICv4.1 (v41.c): what an ITS tells the GIC's per-vPE state
 * (spec/gicv41.md §3, §8).  All take gic->v41_lock themselves; none may be
 * called with vpt_lock held.  @announced: the caller is inside an MSI's
 * announcement (I10); otherwise a doorbell they ring announces itself.
 * Each is a no-op on a gic that is not GICv4.1.
 */
struct gic_v41_map {
	bool valid, alloc, ptz;
	unsigned cpu; /* the redistributor RDbase named */
	uint32_t db; /* default doorbell (1023: none) */
	uint64_t vpt, vconf;
	uint8_t vpt_size;
};
/* VMAPP: V = 1 records the mapping (Alloc = 1: a fresh vPE, vSGI state
 * reset and the default doorbell armed, §8.2); V = 0 with Alloc = 1
 * forgets it all.  GICITS_ENOMEM: no state for this vPE (its default
 * doorbell and vSGIs then do nothing). */
int gic_v41_vpe_map(struct gicits_gic *gic, uint32_t vpeid,
		    const struct gic_v41_map *m);
/* VMOVP: the vPE's redistributor becomes @cpu; with @set_db its default
 * doorbell becomes @db. */
void gic_v41_vpe_move(struct gicits_gic *gic, uint32_t vpeid, unsigned cpu,
		      bool set_db, uint32_t db);
/* Whether the GIC holds a mapping for @vpeid (VSYNC's check). */
bool gic_v41_vpe_mapped(struct gicits_gic *gic, uint32_t vpeid);
/* INVDB: reload the default doorbell's configuration on its
 * redistributor and re-evaluate whether the doorbell is owed. */
void gic_v41_invdb(struct gicits_gic *gic, uint32_t vpeid);
/* VSGI: Clear = 1 clears vSGI @sgi's pending bit; else sets its
 * configuration (@enable, @group, priority @prio & 0xF0).  Unmapped vPE:
 * no effect (§3.6). */
void gic_v41_vsgi(struct gicits_gic *gic, uint32_t vpeid, unsigned sgi,
		  bool clear, bool enable, bool group, uint8_t prio);
/* GITS_SGIR: make vSGI @sgi of @vpeid pending (§4). */
void gic_v41_vsgi_set(struct gicits_gic *gic, uint32_t vpeid, unsigned sgi);
/* A vLPI was just written into the VPT of non-resident @vpeid: note it
 * and ring the default doorbell if owed (§8.2). */
void gic_v41_vlpi_nonresident(struct gicits_gic *gic, uint32_t vpeid,
			      uint32_t vintid, bool announced);

/* Tests only (test_drain.c): when set, called by a lock-free setter after
 * its EnableLPIs and range checks, before it sets the pending bit, to
 * widen the window that docs/concurrency.md R11 closes.  NULL otherwise. */
extern void (*_Atomic gic_test_setter_hook)(unsigned cpu, uint32_t intid);

/*
 * Decode a command's RDbase field ([50:16] already shifted down) into a
 * redistributor index.  PTA = 0: a processor number; PTA = 1: RD_base
 * physical address >> 16.  Returns false if no such redistributor.
 */
bool gic_rdbase_to_cpu(const struct gicits_gic *gic, uint64_t rdbase, bool pta,
		       unsigned *cpu);

/* The configuration @gic was created with (read-only). */
const struct gicits_gic_config *gic_config(const struct gicits_gic *gic);

/* Save/restore (src/snapshot): the architectural state of one
 * redistributor and its CPU interface.  The HPPLPI cache is derived state:
 * gic_cpu_restore() rebuilds it with a rescan. */
struct gic_cpu_snap {
	bool enable_lpis;
	uint64_t propbaser;
	uint64_t pendbaser;
	uint32_t statusr;
	uint32_t waker;
	uint8_t pmr;
	uint32_t nactive;
	uint8_t active[256];
};

/* Fill @s with the state of @cpu (GICITS_ENOENT if no such CPU). */
int gic_cpu_save(struct gicits_gic *gic, unsigned cpu, struct gic_cpu_snap *s);
/* Replace the state of @cpu with @s and the pending INTIDs @pending[0..n).
 * GICITS_ENOENT, GICITS_EINVAL (nactive > 256, an INTID outside the
 * configured range) or GICITS_ENOMEM (then the CPU's pending set may be
 * partly restored: restore into a fresh gic and discard it on error). */
int gic_cpu_restore(struct gicits_gic *gic, unsigned cpu,
		    const struct gic_cpu_snap *s, const uint32_t *pending,
		    size_t n);

/* Save/restore of the distributor (gicd.c): the GICD_CTLR bits it holds
 * (EnableGrp0, EnableGrp1, nASSGIreq; RWP's window is not state: a
 * restored distributor has no write in progress).  Restore refuses
 * (GICITS_EINVAL) bits no distributor of this configuration holds:
 * nASSGIreq without GICD_TYPER2.nASSGIcap, or anything else. */
uint32_t gic_gicd_save(struct gicits_gic *gic);
int gic_gicd_restore(struct gicits_gic *gic, uint32_t ctlr);
/* The GICD_CTLR bits gic_gicd_restore() accepts on @gic. */
uint32_t gic_gicd_held(const struct gicits_gic *gic);

/* GICv4.0 (snapshot format version 2): the virtual side of redistributor
 * @cpu -- GICR_VPROPBASER, GICR_VPENDBASER (residency: Valid and the
 * resident vPE's VPT), the reads left that show Dirty, the vCPU
 * interface's VPMR and active priorities.  The resident vPE's pending
 * vLPIs are gicits_vcpu_pending_foreach()'s; its configuration cache is
 * rebuilt by a rescan.  GICITS_ENOENT if @gic is not GICv4.0 or no such
 * CPU. */
struct gic_vcpu_snap {
	uint64_t vpropbaser;
	uint64_t vpendbaser;
	uint32_t dirty_left;
	uint8_t vpmr;
	uint32_t nactive;
	uint8_t active[256];
};
/* The register bits a virtual side holds (others are RES0 or Dirty). */
uint64_t gic_vpropbaser_bits(void);
uint64_t gic_vpendbaser_bits(void);
int gic_vcpu_save(struct gicits_gic *gic, unsigned cpu,
		  struct gic_vcpu_snap *s);
/* Replace it with @s and the resident set @pending[0..n) (ascending
 * vINTIDs, only when VPENDBASER.Valid): GICITS_EINVAL for values no
 * redistributor holds, GICITS_ENOMEM (then the set is empty). */
int gic_vcpu_restore(struct gicits_gic *gic, unsigned cpu,
		     const struct gic_vcpu_snap *s, const uint32_t *pending,
		     size_t n);

/* GICv4.1 (snapshot format version 3, docs/snapshot.md).  The virtual
 * side of redistributor @cpu beyond struct gic_vcpu_snap (whose
 * vpropbaser is then the derived VCONF | VPT_size the caching models
 * read, and vpendbaser the 4.1 layout): GICR_VPROPBASER as written,
 * whether and which vPE is resident with the VGrpNEn of its schedule,
 * the residency key (VPT | 1, or 0 when the vPE's entry was not found),
 * and the GICR_VSGIR query in progress. */
struct gic_v41_side_snap {
	uint64_t vprop;
	uint64_t vres;
	bool res;
	uint16_t vpeid;
	uint8_t grpen;
	uint32_t vsgi_busy_left;
	uint16_t vsgi_result;
};
/* The GIC's record of one vPE (v41.c struct v41_vpe, flags as there). */
struct gic_v41_vpe_snap {
	uint32_t vpeid;
	uint64_t vpt, vconf;
	uint32_t db;
	uint16_t cpu, resident;
	uint8_t vpt_size, flags, grpen;
	uint16_t sgi_pend;
	uint8_t sgi_cfg[16];
};
/* Register bits GICR_VPROPBASER / GICR_VPENDBASER (4.1) hold. */
uint64_t gic_v41_vprop_bits(void);
uint64_t gic_v41_vpend_bits(void);
/* Both parts of virtual side @cpu (GICITS_ENOENT: not GICv4.1, no CPU). */
int gic_v41_side_save(struct gicits_gic *gic, unsigned cpu,
		      struct gic_vcpu_snap *v, struct gic_v41_side_snap *s);
/* Replace them, with the resident set @pending[0..n) (checked by the
 * caller: ascending, in range, only with a residency key).  GICITS_ENOMEM:
 * the set is then empty. */
int gic_v41_side_restore(struct gicits_gic *gic, unsigned cpu,
			 const struct gic_vcpu_snap *v,
			 const struct gic_v41_side_snap *s,
			 const uint32_t *pending, size_t n);
/* The non-empty vPE records in vPEID order: up to @max into @out (may be
 * NULL), returns how many there are. */
size_t gic_v41_vpe_save(struct gicits_gic *gic, struct gic_v41_vpe_snap *out,
			size_t max);
/* Whether @gic can hold record @s: GICITS_OK, or GICITS_EFORMAT with
 * *@why naming the rule. */
int gic_v41_vpe_check(const struct gicits_gic *gic,
		      const struct gic_v41_vpe_snap *s, const char **why);
/* Build the record pages for @recs[0..n) aside (GICITS_ENOMEM changes
 * nothing), then install them in place of all of @gic's records, or
 * discard them. */
struct gic_v41_pages;
int gic_v41_vpe_prepare(struct gicits_gic *gic,
			const struct gic_v41_vpe_snap *recs, size_t n,
			struct gic_v41_pages **out);
void gic_v41_vpe_install(struct gicits_gic *gic, struct gic_v41_pages *np);
void gic_v41_vpe_discard(struct gic_v41_pages *np);
/* A restore refused for @why: a GICITS_TRACE_REG record on @gic's trace
 * (rule "snapshot"), so the embedder sees which rule. */
void gic_snap_refused(struct gicits_gic *gic, const char *why);

#endif
