/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ITS internals.
 *
 * LAYERING.  One file per concern; a file calls only files of the layers
 * below its own, never one of its own layer or above (no circle):
 *
 *   5  regs.c        the GITS_* register file, enable/disable; a
 *                    GITS_TRANSLATER write goes to msi.c
 *      its_snapshot.c  save/check/apply of the ITS state, index rebuild
 *                    under the lock (for src/snapshot)
 *   4  cmdq.c        the command queue and the error policy
 *   3  cmd.c         the GICv3 commands (decoder: <gicits/cmd.h> fields)
 *      vcmd.c        the GICv4.0 V* commands (cmdq.c picks cmd.c or
 *                    vcmd.c by its_cmd_is_v4())
 *      msi.c         the MSI path and bursts (index_read.h inlined)
 *   2  translate.c   (DeviceID, EventID) -> ITE and target
 *      index_fill.c  filling the index from the tables (enable, restore)
 *   1  table.c       BASER decoding, the one table walker, the ITT walk,
 *                    entry get/put
 *      index.c       the translation index (writer side)
 *      its.c         create/destroy/config, trace, the fast flag, status,
 *                    its_call_locked() (how src/snapshot takes the lock)
 *
 * Headers: its_fields.h (every register and packed-word field),
 * index_read.h (the index's layout and its lock-free readers), its_sink.h
 * (where LPI operations go: a gic's redistributors, called directly, or an
 * external sink's callbacks, <gicits/sink.h>).
 * src/snapshot calls layers 5..1 and never takes its->lock itself;
 * src/rdist (or an external sink) is below all of them and calls nothing
 * here.  GICv4: the V* commands live in vcmd.c (layer 3, beside cmd.c),
 * the vPE table and the virtual pending tables' bits in table.c.
 *
 * The lock-free paths' invariants (I1..) and the lock order (L1..) are in
 * docs/concurrency.md and cited by number.
 */
#ifndef GICITS_ITS_INTERNAL_H
#define GICITS_ITS_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include <threads.h>

#include <stdatomic.h>

#include "common/bits.h"
#include "gicits/cmd.h"
#include "gicits/its.h"
#include "gicits/sink.h"
#include "its_fields.h"
#include "msi_in_flight.h"

#define MAX_DIR_CLASS 12 /* ITE directories of up to 2^12 chunks */

/* Typed table entries ("parse at the boundary"). */
struct cpu_state; /* src/rdist/rdist_internal.h */

struct dte {
	bool valid;
	uint8_t size; /* EventID bits - 1 */
	uint64_t itt; /* ITT physical address, 256-byte aligned */
};

/* A physical ITE: @intid the pINTID, @icid its collection.  A virtual
 * ITE (GICv4, @virt): @intid the vINTID, @icid the vPEID (the same ITE
 * bits, <gicits/its.h>) and @db the doorbell pINTID (1023: none). */
struct ite {
	bool valid;
	bool virt;
	uint32_t intid;
	uint16_t icid;
	uint32_t db;
};

/* A vPE table entry (GICv4.0): where the vPE's vLPIs go. */
struct vpte {
	bool valid;
	uint8_t vpt_size; /* vINTID bits - 1 */
	uint64_t vpt; /* VPT physical address, 64 KB aligned */
	uint16_t cpu; /* the redistributor VMAPP/VMOVP named */
};

/* The doorbell value that means "no doorbell" (IHI 0069 VMAPTI). */
#define ITS_NO_DOORBELL 1023u

struct cte {
	bool valid;
	uint64_t rdbase; /* RDbase field value ([50:16] >> 16) */
};

/* A decoded GITS_BASER<n>. */
struct table {
	bool valid;
	bool indirect;
	uint64_t base;
	uint64_t page; /* bytes */
	uint64_t bytes; /* (Size + 1) * page */
	unsigned esz; /* entry size in bytes */
};

/* Result of a table-entry address lookup. */
enum lookup {
	LOOKUP_OK = 0,
	LOOKUP_OOR, /* index beyond the table (or L1 table) */
	LOOKUP_NO_L2, /* level-1 descriptor invalid */
	LOOKUP_FAULT, /* memory fault reading the level-1 descriptor */
};

/* ---- translation index (index.c) ----
 *
 * Written only under its->lock (command processing, enable/disable); read
 * without any lock by translations (docs/concurrency.md I1-I5).
 */
#define IDX_LEAF_BITS 12u /* DeviceID[11:0]: slots of one leaf */
#define IDX_MID_BITS 10u /* DeviceID[21:12]: leaves of one mid node */
struct idx_leaf;
struct idx_mid {
	_Atomic(struct idx_leaf *) leaf[1u << IDX_MID_BITS];
};
struct idx_dir;
struct its_index {
	unsigned devbits;
	uint32_t ntop;
	_Atomic(struct idx_mid *) *top; /* DeviceID[31:22] */
	/* ICID -> packed CTE (known | valid | rdbase) for 2^cidbits ICIDs */
	_Atomic uint64_t *ctes;
	uint32_t nctes;
	/* GICv4: vPEID -> packed vPE table entry (IDX_VPE_*) as VMAPP/VMOVP
	 * wrote it; NULL until the first of them (allocated then, published
	 * with a release store, I1) */
	_Atomic(_Atomic uint64_t *) vpes;
	/* retired storage, reused by later commands (never freed while the
	 * ITS lives, so a racing reader never touches freed memory); writer
	 * state starts a cache line of its own (see struct gicits_its) */
	_Alignas(64) struct idx_dir *free_dirs[MAX_DIR_CLASS + 1];
	struct idx_chunk *free_chunks[9]; /* by size class, 1..256 words */
	uint64_t bytes; /* heap bytes held by the index */
	/* cfg.index_budget_bytes (0: none): an allocation that would take
	 * bytes past it is not made and the entry stays unknown (I5);
	 * refused counts them */
	uint64_t budget, refused;
	/* the slots that are known (DTE word non-zero), so that
	 * index_clear() costs O(known devices), not O(leaves * 4096) */
	void **known;
	uint32_t nknown, capknown;
	/* the mid node of DeviceIDs below 2^22 (top[0]), inline so that the
	 * lookup of such a device makes two dependent loads fewer */
	_Alignas(64) struct idx_mid mid0;
};

int index_init(struct its_index *ix, unsigned devbits, unsigned cidbits);
void index_fini(struct its_index *ix);
/* Forget everything (ITS disabled): every entry becomes unknown.
 * O(known devices + 2^cidbits). */
void index_clear(struct its_index *ix);
/* MAPD: the device's DTE is @d; its ITEs become unknown.  GICITS_ENOMEM
 * leaves the device unknown (lookups then walk memory). */
int index_set_dte(struct its_index *ix, uint32_t devid, const struct dte *d);
/* MAPTI/MAPI/MOVI/DISCARD: the ITE of (devid, event) is @e. */
int index_set_ite(struct its_index *ix, uint32_t devid, uint32_t event,
		  const struct ite *e);
/* MAPC: @cpu is the redistributor @c->rdbase names, or -1 if none. */
int index_set_cte(struct its_index *ix, uint32_t icid, const struct cte *c,
		  int cpu);

/* Lock-free lookups on the slot found by index_read_begin() (r.slot, may
 * be NULL).  index_slot_dte: 1 and *d if the device is known.
 * index_slot_ite: 1 valid, 0 known invalid, -1 unknown.  Both are
 * consistent with each other when read inside one index_read_begin() /
 * index_read_retry() pair (I2). */
struct idx_read {
	const void *slot;
	uint32_t seq;
};
void index_read_begin(const struct its_index *ix, uint32_t devid,
		      struct idx_read *r);
bool index_read_retry(const struct idx_read *r);
int index_slot_dte(const void *slot, struct dte *d);
int index_slot_ite(const void *slot, uint32_t event, struct ite *e);
/* VMAPP/VMOVP: the vPE table entry of @vpeid is @v (GICv4). */
int index_set_vpe(struct its_index *ix, uint32_t vpeid, const struct vpte *v);
/* The entry of @vpeid becomes unknown: lookups read the vPE table
 * (a multi-ITS VMOVP in progress, vmovp.c). */
void index_forget_vpe(struct its_index *ix, uint32_t vpeid);
/* 1 and *v if VMAPP/VMOVP has set the entry of @vpeid, else 0. */
int index_get_vpe(const struct its_index *ix, uint32_t vpeid, struct vpte *v);
/* 1 and *c if a command has set the CTE of @icid, else 0. */
int index_get_cte(const struct its_index *ix, uint32_t icid, struct cte *c);

/* ---- the ITS ---- */
/*
 * Laid out by who writes it: the first cache lines hold what lock-free MSIs
 * read (configuration, CTLR, the BASER words, the index roots, the HCC
 * collections), written only at create, enable and MAPC time; the lines an
 * MSI writes (UMSI, findings) and those commands write on every CWRITER
 * (the lock, CREADR, counters) each start on their own line, so a command
 * stream does not invalidate the lines injecting threads read (false
 * sharing measured by inject.under_commands).  Allocated 64-byte aligned.
 * What a lock-free reader may see of these fields: docs/concurrency.md I6.
 */
struct gicits_its {
	/* ---- read by MSIs ---- */
	struct gicits_its_config cfg;
	/* where LPIs go (its_sink.h chooses): gicits's redistributors,
	 * called directly, or, when NULL, the external sink below */
	struct gicits_gic *gic;
	/* GICv4.0: gic_vsides(gic), the virtual sides the vLPI hot path
	 * asks (its_sink.h), or NULL (an external sink, a GICv3 gic);
	 * fixed at create */
	struct cpu_state *vsides;
	const struct gicits_mem *mem;
	/* 1 while MSIs may try the index first: Enabled, device table
	 * valid, cache=on and no trace callback (its_fast_update()) */
	_Atomic uint32_t fast;
	/* registers that lock-free translations read, hence atomic */
	_Atomic uint32_t ctlr;
	/* the raw BASER0/1/2 values the lock-free readers decode for
	 * themselves (vt_raw: the vPE table, GICv4) */
	_Atomic uint64_t dt_raw, ct_raw, vt_raw;
	struct its_index index;
	/* collections held in registers (ICID < HCC), packed as HCC_VALID |
	 * HCC_RDBASE; read by lock-free translations */
	_Atomic uint64_t hcc[256];
	/* the external LPI sink (gic == NULL): a copy of the caller's ops,
	 * members beyond its size NULL; fixed at create */
	struct gicits_lpi_sink_ops sink;
	void *sink_ctx;
	/* the redistributors' number (sink only) and INTID width (both),
	 * fixed at create */
	unsigned sink_cpus;
	unsigned intid_bits;

	/* ---- written by MSIs that are dropped or findings ---- */
	_Alignas(64) _Atomic uint32_t statusr;
	_Atomic uint64_t umsir;
	_Atomic uint64_t findings;
	/* the miss hook (msi_in_flight.h its_set_miss_hook()): read only by
	 * MSIs the ITS drops, never on a delivery */
	_Atomic(its_miss_fn) miss;
	void *_Atomic miss_opaque;

	/* ---- command side, under the lock ---- */
	_Alignas(64) mtx_t lock;
	uint64_t cbaser;
	uint64_t cwriter;
	uint64_t creadr; /* offset | Stalled */
	uint64_t baser[8];
	/* decoded at enable (writer side) */
	struct table dt, ct, vt;
	/* GICv4: serialises read-modify-writes of the bytes of virtual
	 * pending tables (MSIs on virtual ITEs, INT/CLEAR/DISCARD, VMOVI).
	 * A leaf lock: nothing is called with it held but guest memory, and
	 * no drain happens under it (docs/concurrency.md L7). */
	mtx_t vpt_lock;
	struct gicits_its_status st; /* written under lock */
};

static inline struct cte its_hcc_get(struct gicits_its *its, unsigned i)
{
	uint64_t v = atomic_load_explicit(&its->hcc[i], memory_order_acquire);
	struct cte c;

	c.valid = bits_get(v, HCC_VALID);
	c.rdbase = bits_get(v, HCC_RDBASE);
	return c;
}

static inline void its_hcc_set(struct gicits_its *its, unsigned i,
			       const struct cte *c)
{
	uint64_t v = 0;

	if (c->valid)
		v = bits_set(bits_set(0, HCC_VALID, 1), HCC_RDBASE, c->rdbase);
	atomic_store_explicit(&its->hcc[i], v, memory_order_release);
}

/* ---- GITS_* register values (regs.c writes, its_snapshot.c checks) ---- */

/* GITS_BASER<n>.Type (IHI 0069 GITS_BASER<n>: 0b010 vPEs, GICv4) */
#define BASER_TYPE_DEVICE 1
#define BASER_TYPE_VPE 2
#define BASER_TYPE_COLLECTION 4
/* Entry sizes of the device and collection tables (KVM ABI rev 0) and of
 * the vPE table (QEMU's 8 bytes; layout in <gicits/its.h>). */
#define ITS_DTE_BYTES 8
#define ITS_CTE_BYTES 8
#define ITS_VPTE_BYTES 8

/* Whether @cfg's ITS implements virtual LPIs (GITS_TYPER.Virtual). */
static inline bool its_virtual(const struct gicits_its_config *cfg)
{
	return cfg->gic != GICITS_GIC_V3;
}

/* GICv4.1: the 4.1 VMAPP/VMOVP layouts, INVDB, VSGI, GITS_SGIR, and
 * vPE table entries of ITS_VPTE41_BYTES (<gicits/its.h>). */
static inline bool its_v41(const struct gicits_its_config *cfg)
{
	return cfg->gic == GICITS_GIC_V4_1;
}
#define ITS_VPTE41_BYTES 16

/* The reset value of GITS_BASER<n>: Type and Entry_Size (read-only).
 * BASER2 is the vPE table when the ITS is virtual (the allocation Arm
 * recommends and GICv4.1 requires: spec/its.md §1.10), else
 * unimplemented (0). */
static inline uint64_t its_baser_reset(const struct gicits_its_config *cfg,
				       unsigned n)
{
	uint64_t v = 0;

	if (n == 0) {
		v = bits_set(v, GITS_BASER_TYPE, BASER_TYPE_DEVICE);
		v = bits_set(v, GITS_BASER_ENTRY_SIZE, ITS_DTE_BYTES - 1);
	} else if (n == 1) {
		v = bits_set(v, GITS_BASER_TYPE, BASER_TYPE_COLLECTION);
		v = bits_set(v, GITS_BASER_ENTRY_SIZE, ITS_CTE_BYTES - 1);
	} else if (n == 2 && its_virtual(cfg)) {
		v = bits_set(v, GITS_BASER_TYPE, BASER_TYPE_VPE);
		v = bits_set(
			v, GITS_BASER_ENTRY_SIZE,
			(its_v41(cfg) ? ITS_VPTE41_BYTES : ITS_VPTE_BYTES) - 1);
	}
	return v;
}

/* Whether GITS_BASER<n> is implemented (writable): 0 and 1 always, 2 on a
 * virtual ITS. */
static inline bool its_baser_implemented(const struct gicits_its_config *cfg,
					 unsigned n)
{
	return n < 2 || (n == 2 && its_virtual(cfg));
}

/* The writable bits of an implemented GITS_BASER<n> (Type and Entry_Size
 * are RO; Indirect is RAZ/WI without the indirect knob). */
static inline uint64_t its_baser_rw(const struct gicits_its_config *cfg)
{
	uint64_t rw =
		bits_mask(GITS_BASER_VALID) |
		bits_mask(GITS_BASER_INNER_CACHE) |
		bits_mask(GITS_BASER_OUTER_CACHE) | bits_mask(GITS_BASER_PA) |
		bits_mask(GITS_BASER_SHAREABILITY) |
		bits_mask(GITS_BASER_PAGE_SIZE) | bits_mask(GITS_BASER_SIZE);

	if (cfg->indirect)
		rw |= bits_mask(GITS_BASER_INDIRECT);
	return rw;
}

/* The writable bits of GITS_CBASER. */
static inline uint64_t its_cbaser_rw(void)
{
	return bits_mask(GITS_CBASER_VALID) |
	       bits_mask(GITS_CBASER_INNER_CACHE) |
	       bits_mask(GITS_CBASER_OUTER_CACHE) | bits_mask(GITS_CBASER_PA) |
	       bits_mask(GITS_CBASER_SHAREABILITY) |
	       bits_mask(GITS_CBASER_SIZE);
}

/* ---- layer 1 ---- */

/* its.c */
/* Recompute its->fast after CTLR or BASER0 changed (lock held; I6). */
void its_fast_update(struct gicits_its *its);
void its_trace(struct gicits_its *its, const struct gicits_trace_record *r);
/* A trace record of @n's fields, every other field 0 (cpu -1). */
struct its_note {
	enum gicits_trace_kind kind;
	uint32_t devid, event, offset;
	uint64_t value;
	const char *rule, *msg;
};
void its_trace_note(struct gicits_its *its, const struct its_note *n);
void its_finding(struct gicits_its *its, uint32_t devid, uint32_t event,
		 const char *rule, const char *msg);
/* An external sink's set_pending (its->gic == NULL), its result as a drop
 * reason: the redistributor's reasons pass, anything else is
 * GICITS_DROP_SINK, so that no sink can make a mapped MSI look unmapped
 * (GITS_STATUSR.UMSI).  Called through its_sink.h. */
enum gicits_drop its_sink_set(struct gicits_its *its, unsigned cpu,
			      uint32_t intid);
/* Run @fn(@its, @ctx) with @its's lock held and return what it returns:
 * how src/snapshot takes the lock (L1). */
int its_call_locked(struct gicits_its *its,
		    int (*fn)(struct gicits_its *its, void *ctx), void *ctx);

/* table.c */
/* Decode BASER0/1 into its->dt/ct and publish the raw values (lock held). */
void table_decode(struct gicits_its *its);
/* Decode BASER0/BASER1 as published at enable (lock-free readers); @ct
 * may be NULL. */
void table_load(const struct gicits_its *its, struct table *dt,
		struct table *ct);
/* Decode BASER2 (the vPE table) as published at enable. */
void table_load_vt(const struct gicits_its *its, struct table *vt);
enum lookup table_entry_addr(struct gicits_its *its, const struct table *t,
			     uint64_t idx, uint64_t *addr);
/* Visit the entries of @t with index below @limit whose level-2 page (if
 * any) is present: @fn(@ctx, index, entry address).  @fn's non-zero return
 * stops the walk and is returned; a level-1 read fault is GICITS_EFAULT if
 * @stop_on_fault, else that level-2 page is skipped. */
typedef int table_fn(void *ctx, uint64_t id, uint64_t addr);
int table_foreach(struct gicits_its *its, const struct table *t, uint64_t limit,
		  bool stop_on_fault, table_fn *fn, void *ctx);
/* Read ITEs 0 .. @limit - 1 of @d's ITT in order, valid or not, calling
 * @fn for each; a read fault is GICITS_EFAULT, @fn's non-zero return
 * stops the walk and is returned. */
typedef int itt_fn(void *ctx, uint32_t event, const struct ite *e);
int itt_foreach(struct gicits_its *its, const struct dte *d, uint64_t limit,
		itt_fn *fn, void *ctx);
int dte_read(struct gicits_its *its, uint64_t addr, struct dte *d);
int dte_write(struct gicits_its *its, uint64_t addr, const struct dte *d);
int cte_read(struct gicits_its *its, uint64_t addr, struct cte *c);
int cte_write(struct gicits_its *its, uint64_t addr, uint32_t icid,
	      const struct cte *c);
int ite_read(struct gicits_its *its, const struct dte *d, uint32_t event,
	     struct ite *e);
int ite_write(struct gicits_its *its, const struct dte *d, uint32_t event,
	      const struct ite *e);
int vpte_read(struct gicits_its *its, uint64_t addr, struct vpte *v);
int vpte_write(struct gicits_its *its, uint64_t addr, const struct vpte *v);
/* GICv4.1: the entry's second doubleword (VPTE41_*): VCONF_addr and the
 * default doorbell, at @addr + 8. */
int vpte41_write(struct gicits_its *its, uint64_t addr, uint64_t vconf,
		 uint32_t db);
/* GITS_SGIR write (regs.c -> vcmd.c): vSGI @sgi of @vpeid pending. */
void its_sgir_write(struct gicits_its *its, uint64_t val);
/* The bit of @vintid in @v's virtual pending table (GICv4.0: bit n of the
 * table is vINTID n, IHI 0069 / GICR_VPENDBASER), under its->vpt_lock:
 * VPT_SET and VPT_CLEAR write it, VPT_TEST only reads; *@was (may be
 * NULL) receives its old value.  GICITS_EFAULT if guest memory faults. */
/* Tests only (test_vcpu.c): when set, called by its_vlpi_set() after it
 * found the vPE not resident and before it writes the VPT, to widen the
 * window that the scheduling's drain closes (docs/concurrency.md R12).
 * NULL otherwise.  Defined in table.c. */
extern void (*_Atomic its_test_vlpi_hook)(uint32_t vintid);

enum vpt_op { VPT_TEST, VPT_SET, VPT_CLEAR };
int vpt_bit(struct gicits_its *its, const struct vpte *v, uint32_t vintid,
	    enum vpt_op op, bool *was);

/* ---- layer 2 ---- */

/* translate.c: outcome of resolving (DeviceID, EventID) */
struct xlate {
	enum gicits_drop drop; /* NONE when ite and cpu are valid */
	struct dte dte;
	uint64_t dte_addr;
	struct ite ite;
	struct cte cte;
	/* a virtual ITE (ite.virt): its vPE's entry; cpu is then the
	 * redistributor the vPE is mapped to (its doorbells' target) */
	struct vpte vpe;
	unsigned cpu;
	bool fault;
};

/* Resolve the device, its DTE, the ITE and (if @need_collection) the target
 * redistributor.  Uses the index unless cache=off; in cache=check mode it
 * also walks memory and reports disagreements.  Takes no lock, allocates
 * nothing and writes no shared state (findings aside). */
void its_translate(struct gicits_its *its, uint32_t devid, uint32_t event,
		   bool need_collection, struct xlate *x);
/* Read the CTE of @icid (registers for HCC collections, else memory). */
enum lookup its_collection(struct gicits_its *its, uint32_t icid, struct cte *c,
			   bool use_index);
bool its_icid_in_range(const struct gicits_its *its, uint32_t icid);
/* GICv4: the vPE table entry of @vpeid (memory; the ITS caches no vPE
 * state).  LOOKUP_OOR beyond the vPE table, LOOKUP_NO_L2 without its
 * level-2 page, LOOKUP_FAULT; *@addr (may be NULL) the entry's address. */
enum lookup its_vpe(struct gicits_its *its, uint32_t vpeid, struct vpte *v,
		    uint64_t *addr);

/* index_fill.c (lock held) */
/* Drop the translation index and, if the ITS is enabled and the cache is
 * used, refill it from the tables in memory. */
void its_index_rebuild(struct gicits_its *its);
/* Enter the valid HCC collections (registers, not memory) in the index:
 * at enable, since disabling forgets the index. */
void its_index_add_hcc(struct gicits_its *its);

/* vmovp.c: GICv4.0 multi-ITS VMOVP (cfg.vmovp_list, on a gic; lock
 * held).  @its executed VMOVP of @vpeid with @seq and @list; its vPE table
 * entry at @addr becomes @v when the move completes.  VMOVP_IGNORED:
 * change nothing; VMOVP_WAIT: others have yet to execute it (the index
 * word is forgotten, the entry in memory stays); VMOVP_COMPLETE: the
 * other ITSes' entries are written, write this one's and drain. */
enum vmovp_result { VMOVP_IGNORED, VMOVP_WAIT, VMOVP_COMPLETE };
enum vmovp_result vmovp_arrive(struct gicits_its *its, uint32_t vpeid,
			       uint16_t seq, uint16_t list, uint64_t addr,
			       const struct vpte *v);
/* Index rebuild (lock held): forget the vPE words of the moves @its has
 * executed and waits in. */
void vmovp_forget_waiting(struct gicits_its *its);
/* gicits_its_destroy(): @its leaves every move in progress. */
void vmovp_its_gone(struct gicits_its *its);

/* ---- layer 3 ---- */

/* cmd.c: one command read from the queue.  Every handler returns CMD_OK,
 * CMD_ERROR (an architected command error, E_ITS_* code in ->error) or
 * CMD_FAULT (a memory transaction on the queue or a table failed); cmdq.c
 * applies the error policy. */
enum cmd_result { CMD_OK, CMD_ERROR, CMD_FAULT };
struct its_cmd {
	struct gicits_cmd pkt; /* fields: GICITS_CMD_F_* */
	uint64_t offset; /* in the queue */
	uint8_t op;
	uint32_t error; /* set by handlers returning CMD_ERROR/CMD_FAULT */
	const char *why;
};
enum cmd_result its_cmd_execute(struct gicits_its *its, struct its_cmd *c);

static inline enum cmd_result its_cmd_fail(struct its_cmd *c, uint32_t code,
					   const char *why)
{
	c->error = code;
	c->why = why;
	return CMD_ERROR;
}

/* Whether @op is a GICv4.0 command this ITS executes (vcmd.c).  On a
 * GICv3 ITS, and for the GICv4.1-only numbers (VSGI, INVDB), no: cmd.c
 * then reports E_ITS_UNKNOWN_COMMAND, as QEMU 7.2's GICv4.0 ITS skips
 * them (oracle README, GICv4.0 extension §5). */
static inline bool its_cmd_is_v4(const struct gicits_its_config *cfg,
				 uint8_t op)
{
	if (!its_virtual(cfg))
		return false;
	switch (op) {
	case GICITS_CMD_VMOVI:
	case GICITS_CMD_VMOVP:
	case GICITS_CMD_VSYNC:
	case GICITS_CMD_VMAPP:
	case GICITS_CMD_VMAPTI:
	case GICITS_CMD_VMAPI:
	case GICITS_CMD_VINVALL:
		return true;
	case GICITS_CMD_INVDB:
	case GICITS_CMD_VSGI:
		return its_v41(cfg); /* GICv4.1 only (spec/gicv41.md §3) */
	default:
		return false;
	}
}

/* vcmd.c: one GICv4.0 command (its_cmd_is_v4()), results as cmd.c's. */
enum cmd_result its_vcmd_execute(struct gicits_its *its, struct its_cmd *c);

/* msi.c: one MSI (gicits_its_msi(), a GITS_TRANSLATER write) */
enum gicits_drop its_msi(struct gicits_its *its, uint32_t devid,
			 uint32_t event);

/* ---- layer 4 ---- */

/* cmdq.c: process commands from CREADR to CWRITER (lock held) */
void its_process_queue(struct gicits_its *its);

/* ---- layer 5 ---- */

/* its_snapshot.c: ITS state for src/snapshot (save/restore, KVM ABI).
 * Nothing here changes the functions above. */
struct its_snap {
	/* configuration fingerprint (restore refuses a target that differs) */
	uint32_t devbits, idbits, cidbits, hcc, ite_size, pta, indirect,
		error_policy, umsi, creadr_writable, mapc_rdbase16, iidr;
	/* format version 2: the GIC version (GICITS_GIC_*) and vmovp_list */
	uint32_t gic, vmovp_list;
	/* format version 3: GITS_TYPER.nID (GICv4.1 only; 0 otherwise) */
	uint32_t nid;
	/* registers, as held */
	uint32_t ctlr, statusr;
	uint64_t umsir, cbaser, cwriter, creadr, baser[8];
	struct cte hcc_cte[256]; /* [0, hcc) meaningful */
	/* status counters (gicits_its_status()) */
	uint32_t last_error;
	uint64_t errors, commands, findings;
};
/* Take @its's lock and copy its state into @s. */
void its_snap_save(struct gicits_its *its, struct its_snap *s);
/* Whether @s can be restored into @its: 0, or GICITS_EINVAL (configuration
 * differs) / GICITS_EFORMAT (a value @its cannot hold) with *why set. */
int its_snap_check(struct gicits_its *its, const struct its_snap *s,
		   const char **why);
/* Take @its's lock, replace its state with @s (already checked), decode
 * the tables and rebuild the index. */
void its_snap_apply(struct gicits_its *its, const struct its_snap *s);
/* Take @its's lock and rebuild the index (gicits_snapshot_rebuild_index). */
void its_snap_rebuild_index(struct gicits_its *its);

#endif
