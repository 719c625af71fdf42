/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ITS internals.  The publication scheme and the lock order are stated once,
 * at the top of translate.c (the translation module).
 */
#ifndef GICITS_ITS_INTERNAL_H
#define GICITS_ITS_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include <threads.h>

#include <stdatomic.h>

#include "gicits/its.h"

#define MAX_DIR_CLASS 12 /* ITE directories of up to 2^12 chunks */

/* Typed table entries ("parse at the boundary"). */
struct dte {
	bool valid;
	uint8_t size; /* EventID bits - 1 */
	uint64_t itt; /* ITT physical address, 256-byte aligned */
};

struct ite {
	bool valid;
	uint32_t intid;
	uint16_t icid;
};

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
 * without any lock by translations.  See index.c for the publication scheme.
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
	/* retired storage, reused by later commands (never freed while the
	 * ITS lives, so a racing reader never touches freed memory); writer
	 * state starts a cache line of its own (see struct gicits_its) */
	_Alignas(64) struct idx_dir *free_dirs[MAX_DIR_CLASS + 1];
	struct idx_chunk *free_chunks[9]; /* by size class, 1..256 words */
	uint64_t bytes; /* heap bytes held by the index */
	/* the mid node of DeviceIDs below 2^22 (top[0]), inline so that the
	 * lookup of such a device makes two dependent loads fewer */
	_Alignas(64) struct idx_mid mid0;
};

int index_init(struct its_index *ix, unsigned devbits, unsigned cidbits);
void index_fini(struct its_index *ix);
/* Forget everything (ITS disabled): every entry becomes unknown. */
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

/* Lock-free lookups.  index_get_dte: 1 and *d if the device is known.
 * index_get_ite: 1 valid, 0 known invalid, -1 unknown.  Both are
 * consistent with each other when read inside one index_read_begin() /
 * index_read_retry() pair. */
struct idx_read {
	const void *slot;
	uint32_t seq;
};
void index_read_begin(const struct its_index *ix, uint32_t devid,
		      struct idx_read *r);
bool index_read_retry(const struct idx_read *r);
int index_get_dte(const struct its_index *ix, uint32_t devid, struct dte *d);
int index_get_ite(const struct its_index *ix, uint32_t devid, uint32_t event,
		  struct ite *e);
/* The same, on the slot found by index_read_begin() (r.slot, may be NULL). */
int index_slot_dte(const void *slot, struct dte *d);
int index_slot_ite(const void *slot, uint32_t event, struct ite *e);
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
 */
struct gicits_its {
	/* ---- read by MSIs ---- */
	struct gicits_its_config cfg;
	struct gicits_gic *gic;
	const struct gicits_mem *mem;
	/* 1 while MSIs may try the index first: Enabled, device table
	 * valid, cache=on and no trace callback (its_fast_update()) */
	_Atomic uint32_t fast;
	/* registers that lock-free translations read, hence atomic */
	_Atomic uint32_t ctlr;
	/* the raw BASER0/1 values the lock-free readers decode for
	 * themselves */
	_Atomic uint64_t dt_raw, ct_raw;
	struct its_index index;
	/* collections held in registers (ICID < HCC), packed as
	 * valid << 63 | RDbase; read by lock-free translations */
	_Atomic uint64_t hcc[256];

	/* ---- written by MSIs that are dropped or findings ---- */
	_Alignas(64) _Atomic uint32_t statusr;
	_Atomic uint64_t umsir;
	_Atomic uint64_t findings;

	/* ---- command side, under the lock ---- */
	_Alignas(64) mtx_t lock;
	uint64_t cbaser;
	uint64_t cwriter;
	uint64_t creadr; /* offset | Stalled */
	uint64_t baser[8];
	/* decoded at enable (writer side) */
	struct table dt, ct;
	struct gicits_its_status st; /* written under lock */
};

static inline struct cte its_hcc_get(struct gicits_its *its, unsigned i)
{
	uint64_t v = atomic_load_explicit(&its->hcc[i], memory_order_acquire);
	struct cte c;

	c.valid = v >> 63;
	c.rdbase = v & ~(1ULL << 63);
	return c;
}

static inline void its_hcc_set(struct gicits_its *its, unsigned i,
			       const struct cte *c)
{
	atomic_store_explicit(
		&its->hcc[i],
		(c->valid ? 1ULL << 63 : 0) |
			(c->valid ? c->rdbase & ~(1ULL << 63) : 0),
		memory_order_release);
}

/* its.c: recompute its->fast after CTLR or BASER0 changed (lock held) */
void its_fast_update(struct gicits_its *its);

/* table.c */
void table_decode(struct gicits_its *its);
enum lookup table_entry_addr(struct gicits_its *its, const struct table *t,
			     uint64_t idx, uint64_t *addr);
int dte_read(struct gicits_its *its, uint64_t addr, struct dte *d);
int dte_write(struct gicits_its *its, uint64_t addr, const struct dte *d);
int cte_read(struct gicits_its *its, uint64_t addr, struct cte *c);
int cte_write(struct gicits_its *its, uint64_t addr, uint32_t icid,
	      const struct cte *c);
int ite_read(struct gicits_its *its, const struct dte *d, uint32_t event,
	     struct ite *e);
int ite_write(struct gicits_its *its, const struct dte *d, uint32_t event,
	      const struct ite *e);

/* translate.c: outcome of resolving (DeviceID, EventID) */
struct xlate {
	enum gicits_drop drop; /* NONE when ite and cpu are valid */
	struct dte dte;
	uint64_t dte_addr;
	struct ite ite;
	struct cte cte;
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
/* Decode BASER0/BASER1 as published at enable (lock-free readers). */
void table_load(const struct gicits_its *its, struct table *dt,
		struct table *ct);

/* cmd.c */
void its_process_queue(struct gicits_its *its);

/* its.c */
void its_trace(struct gicits_its *its, const struct gicits_trace_record *r);
void its_finding(struct gicits_its *its, uint32_t devid, uint32_t event,
		 const char *rule, const char *msg);

/* its_snapshot.c: ITS state for src/snapshot (save/restore, KVM ABI).
 * Nothing here changes the functions above. */
struct its_snap {
	/* configuration fingerprint (restore refuses a target that differs) */
	uint32_t devbits, idbits, cidbits, hcc, ite_size, pta, indirect,
		error_policy, umsi, creadr_writable, mapc_rdbase16, iidr;
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
/* With its->lock held: drop the translation index and, if the ITS is
 * enabled and the cache is used, refill it from the tables in memory. */
void its_index_rebuild(struct gicits_its *its);
/* Enter the valid HCC collections (registers, not memory) in the index:
 * at enable, since disabling forgets the index. */
void its_index_add_hcc(struct gicits_its *its);

#endif
