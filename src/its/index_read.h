/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The translation index's layout and its lock-free readers, for index.c,
 * for the MSI path in msi.c, which inlines index_fast() and the burst's
 * slot_read_begin()/_end() (a call is a measurable share of a
 * translation), and for translate.c (index_fast_xlate()).  The
 * publication scheme: docs/concurrency.md I1-I4 (the slot seqlock: I2).
 */
#ifndef GICITS_INDEX_READ_H
#define GICITS_INDEX_READ_H

#include <stdatomic.h>
#include <stdint.h>

#include "common/bits.h"
#include "its_fields.h"
#include "its_internal.h"

#define CHUNK_EVENTS 256u
#define LEAF_BITS IDX_LEAF_BITS
#define MID_BITS IDX_MID_BITS
#define MAX_INDEXED_EVENT_BITS 20u

/* IDX_ITE_STATE values */
#define IDX_ITE_UNKNOWN 0u
#define IDX_ITE_VALID 1u
#define IDX_ITE_INVALID 2u
#define IDX_ITE_VIRT 3u /* GICv4: IDX_VITE_* fields */

/* vPEIDs the index holds vPE words for (GICv4.0 vPEIDs are 16 bits) */
#define IDX_NVPES (1u << 16)

/* A collection word that names a redistributor: known, valid, CPU ok */
#define IDX_CTE_READY                                          \
	(bits_mask(IDX_CTE_KNOWN) | bits_mask(IDX_CTE_VALID) | \
	 bits_mask(IDX_CTE_CPU_OK))

/* A chunk holds min(256, events of the device) ITE words, so that small
 * devices cost 8 bytes per event plus a small header. */
struct idx_chunk {
	/* writer only: next chunk of the same directory while in use (so
	 * that MAPD V=0 retires O(chunks in use), not O(ITT size)), next
	 * free chunk of the class once retired */
	struct idx_chunk *next;
	unsigned cls; /* log2 of the number of words */
	_Atomic uint64_t w[];
};

#define CHUNK_CLASSES 9 /* 1, 2, 4, ... 256 words */
#define CHUNK_ALIGN 16u /* > the largest class number: tag bits */

struct idx_dir {
	unsigned cls; /* log2 of the number of chunk pointers */
	unsigned chunk_cls; /* log2 of the words per chunk */
	_Atomic uint32_t nchunks;
	struct idx_dir *next_free;
	struct idx_chunk *used; /* writer only: chunks in use, via ->next */
	_Atomic(struct idx_chunk *) chunk[];
};

struct dev_slot {
	_Atomic uint32_t seq;
	_Atomic uint64_t dte; /* IDX_DTE_* fields */
	_Atomic(struct idx_dir *) dir;
	/* devices of at most 256 events: their only chunk, so that the hot
	 * path skips the directory (one dependent load fewer), tagged with
	 * its class (chunks are 16-byte aligned) so that the hot path never
	 * reads the chunk header, a cache line away from the words */
	_Atomic uintptr_t chunk0;
};

struct idx_leaf {
	struct dev_slot s[1u << LEAF_BITS];
};

/* A slot is read as one line (leaves are 64-byte aligned, index.c) */
_Static_assert(64 % sizeof(struct dev_slot) == 0,
	       "a device slot must not straddle cache lines");

/*
 * The chunk that holds @event's word, or NULL (lock-free; the caller's
 * seqlock or later validation decides whether the answer is current).
 * Bounds come from chunk0's tag or from the directory, not from the chunk
 * header (except for a one-chunk device whose chunk0 is not published yet):
 * a directory of more than one chunk has chunks of 256 words (a directory
 * is reused only for the same power-of-two chunk count, so that holds for
 * every incarnation a racing reader can see).  Whatever mapping
 * the pointer belongs to, the word read is inside the chunk: a chunk's
 * class never changes (reuse is per class).
 */
static HOT_INLINE struct idx_chunk *chunk_for(const struct dev_slot *s,
					      uint32_t event)
{
	uintptr_t t = atomic_load_explicit(&s->chunk0, memory_order_acquire);
	struct idx_chunk *c;
	struct idx_dir *d;
	uint32_t n;

	if (t) {
		if (event >> (t & (CHUNK_ALIGN - 1)))
			return NULL;
		return (struct idx_chunk *)(t & ~(uintptr_t)(CHUNK_ALIGN - 1));
	}
	d = atomic_load_explicit(&s->dir, memory_order_acquire);
	if (!d)
		return NULL;
	/* acquire, like every load of the seqlocked reader (index_fast) */
	n = atomic_load_explicit(&d->nchunks, memory_order_acquire);
	if (event / CHUNK_EVENTS >= n)
		return NULL;
	c = atomic_load_explicit(&d->chunk[event / CHUNK_EVENTS],
				 memory_order_acquire);
	if (c && n == 1 && event >> c->cls)
		return NULL;
	return c;
}

static HOT_INLINE struct dev_slot *slot_find(const struct its_index *ix,
					     uint32_t devid)
{
	uint32_t t = devid >> (LEAF_BITS + MID_BITS);
	const struct idx_mid *mid;
	struct idx_leaf *leaf;

	if (t == 0) {
		mid = &ix->mid0;
	} else {
		if (t >= ix->ntop)
			return NULL;
		mid = atomic_load_explicit(&ix->top[t], memory_order_acquire);
		if (!mid)
			return NULL;
	}
	leaf = atomic_load_explicit(
		&mid->leaf[(devid >> LEAF_BITS) & ((1u << MID_BITS) - 1)],
		memory_order_acquire);
	if (!leaf)
		return NULL;
	return &leaf->s[devid & ((1u << LEAF_BITS) - 1)];
}

/*
 * One seqlocked read of a device slot (I2): the ITE word of @event (and, if @dte
 * is not NULL, the slot's DTE word of the same mapping).  False when the
 * index has no chunk for the event.
 */
static HOT_INLINE bool slot_read(const struct dev_slot *s, uint32_t event,
				 uint64_t *dte, uint64_t *w)
{
	struct idx_chunk *c;
	uint32_t seq;

	do {
		/* a MAPD of this device is being published: wait for it */
		while ((seq = atomic_load_explicit(&s->seq,
						   memory_order_acquire)) &
		       1)
			;
		if (dte)
			*dte = atomic_load_explicit(&s->dte,
						    memory_order_acquire);
		/*
		 * The DTE is not needed to bound the event: a chunk is
		 * reachable only while the device is mapped with Valid = 1
		 * and at most 2^20 events, and chunk_for()'s bound is
		 * exactly DTE.Size (chunk0's tag is Size + 1 for a device of
		 * at most 256 events; a larger device has 2^(Size + 1 - 8)
		 * chunks of 256).  Unknown or unmapped devices, and EventIDs
		 * beyond Size, give NULL: the general path then knows the
		 * reason.
		 */
		c = chunk_for(s, event);
		if (!c)
			return false;
		/* every load since the first sequence load is an acquire,
		 * so no fence is needed before the second (docs/concurrency.md
		 * I2) */
		*w = atomic_load_explicit(&c->w[event % CHUNK_EVENTS],
					  memory_order_acquire);
	} while (atomic_load_explicit(&s->seq, memory_order_relaxed) != seq);
	return true;
}

/*
 * slot_read() in two halves, for gicits_its_msi_burst()'s phases, so that
 * each half runs on a line an earlier phase prefetched: begin takes the
 * sequence and the ITE word's address (NULL while a MAPD of the device is
 * being published, or when the index has no chunk for the event), end
 * loads the word and checks that the sequence did not change.  The loads
 * are slot_read()'s, in the same order with the same orderings, only
 * further apart; a failed end just sends the MSI down the ordinary path.
 */
static HOT_INLINE const _Atomic uint64_t *
slot_read_begin(const struct dev_slot *s, uint32_t event, uint32_t *seq)
{
	struct idx_chunk *c;

	*seq = atomic_load_explicit(&s->seq, memory_order_acquire);
	if (*seq & 1)
		return NULL;
	c = chunk_for(s, event);
	return c ? &c->w[event % CHUNK_EVENTS] : NULL;
}

static HOT_INLINE bool slot_read_end(const struct dev_slot *s,
				     const _Atomic uint64_t *wp, uint32_t seq,
				     uint64_t *w)
{
	*w = atomic_load_explicit(wp, memory_order_acquire);
	return atomic_load_explicit(&s->seq, memory_order_relaxed) == seq;
}

/* The collection word of a valid ITE word @w, if it is valid and names a
 * redistributor (CPU resolved at MAPC). */
static HOT_INLINE bool cte_target(const struct its_index *ix, uint64_t w,
				  uint64_t *cte)
{
	uint16_t icid = (uint16_t)bits_get(w, IDX_ITE_ICID);

	if (icid >= ix->nctes)
		return false;
	*cte = atomic_load_explicit(&ix->ctes[icid], memory_order_acquire);
	return (*cte & IDX_CTE_READY) == IDX_CTE_READY;
}

/* The vPE word of @vpeid (IDX_VPE_*), 0 (unknown) if none was written. */
static HOT_INLINE uint64_t vpe_word(const struct its_index *ix, uint32_t vpeid)
{
	_Atomic uint64_t *vpes =
		atomic_load_explicit(&ix->vpes, memory_order_acquire);

	if (!vpes || vpeid >= IDX_NVPES)
		return 0;
	return atomic_load_explicit(&vpes[vpeid], memory_order_acquire);
}

/* Whether the vPE word @v is valid and its VPT holds @vintid (GICv4.0
 * VMAPP: vINTIDs below 2^(VPT_size + 1)).  A 64-bit shift: SIZE1 may be
 * 32. */
static HOT_INLINE bool vpe_takes(uint64_t v, uint32_t vintid)
{
	return bits_get(v, IDX_VPE_VALID) &&
	       !((uint64_t)vintid >> bits_get(v, IDX_VPE_SIZE1));
}

static inline void vpe_unpack(uint64_t w, struct vpte *v)
{
	v->valid = bits_get(w, IDX_VPE_VALID);
	/* a known invalid word has no size: 0 as the table entry's */
	v->vpt_size = v->valid ? (uint8_t)(bits_get(w, IDX_VPE_SIZE1) - 1) : 0;
	v->cpu = (uint16_t)bits_get(w, IDX_VPE_CPU);
	v->vpt = bits_get(w, IDX_VPE_VPT) << 16;
}

/*
 * The MSI fast path for a virtual ITE word @w (GICv4, cache=on): true and
 * @x's ITE, vPE and CPU (what its_vlpi_set() reads) when the vPE word is
 * known, valid and its VPT holds the vINTID; false sends the MSI to the
 * general path (which also finds the drop reason).
 */
static HOT_INLINE bool index_fast_vlpi(const struct its_index *ix, uint64_t w,
				       struct xlate *x)
{
	uint64_t v = vpe_word(ix, (uint32_t)bits_get(w, IDX_VITE_VPEID));
	uint32_t vintid = (uint32_t)bits_get(w, IDX_VITE_VINTID);

	if (!vpe_takes(v, vintid))
		return false;
	x->ite.valid = true;
	x->ite.virt = true;
	x->ite.intid = vintid;
	x->ite.icid = (uint16_t)bits_get(w, IDX_VITE_VPEID);
	x->ite.db = (uint32_t)bits_get(w, IDX_VITE_DB);
	vpe_unpack(v, &x->vpe);
	x->cpu = x->vpe.cpu;
	return true;
}

/* The MSI fast path (cache=on): 0 and the INTID and the target CPU when
 * the index knows the device, the event and its collection as valid and
 * naming a redistributor; 1 and the ITE word in *@intid's stead (@vw) for
 * a virtual ITE (index_fast_vlpi()); -1 when anything is unknown or
 * invalid (take the general path, which also finds the drop reason).  MAPC
 * of an HCC collection writes the index too, for this path. */
static HOT_INLINE int index_fast(const struct its_index *ix, uint32_t devid,
				 uint32_t event, uint32_t *intid, unsigned *cpu,
				 uint64_t *vw)
{
	struct dev_slot *s = slot_find(ix, devid);
	uint64_t w, cte;

	if (!s || !slot_read(s, event, NULL, &w))
		return -1;
	if (bits_get(w, IDX_ITE_STATE) != IDX_ITE_VALID) {
		if (bits_get(w, IDX_ITE_STATE) != IDX_ITE_VIRT)
			return -1;
		*vw = w;
		return 1;
	}
	if (!cte_target(ix, w, &cte))
		return -1;
	*intid = (uint32_t)bits_get(w, IDX_ITE_INTID);
	*cpu = (unsigned)bits_get(cte, IDX_CTE_CPU);
	return 0;
}

/*
 * The same seqlocked read at the top of its_translate() (cache=on), so for
 * commands that name an event (INT, CLEAR, DISCARD, INV, MOVI, MAPTI/MAPI's
 * lookup) and for MSIs off the fast path (traced): fills @x as the general
 * lookup would (DTE, ITE, and with @need_collection the CTE's validity, the
 * CPU, and RDbase as the index holds it, 44 bits) when the index knows all
 * of them and they are valid; false sends the caller to the general lookup.
 * A virtual ITE (GICv4: VMAPTI, VMOVI, and INT/CLEAR/DISCARD/INV on it)
 * is filled as the general lookup's virtual_target() would, from the vPE
 * word when @need_collection (known, valid, the vINTID within VPT_size;
 * anything else takes the general lookup, which finds the drop).
 */
static inline bool index_fast_xlate_virt(const struct its_index *ix,
					 uint64_t dte, uint64_t w,
					 bool need_collection, struct xlate *x)
{
	uint32_t vintid = (uint32_t)bits_get(w, IDX_VITE_VINTID);

	x->cpu = 0;
	if (need_collection) {
		uint64_t v =
			vpe_word(ix, (uint32_t)bits_get(w, IDX_VITE_VPEID));

		if (!vpe_takes(v, vintid))
			return false;
		vpe_unpack(v, &x->vpe);
		x->cpu = x->vpe.cpu;
	}
	x->drop = GICITS_DROP_NONE;
	x->fault = false;
	x->dte_addr = 0;
	x->dte.valid = true;
	x->dte.size = (uint8_t)bits_get(dte, IDX_DTE_SIZE);
	x->dte.itt = bits_get(dte, IDX_DTE_ITT) << 8;
	x->ite.valid = true;
	x->ite.virt = true;
	x->ite.intid = vintid;
	x->ite.icid = (uint16_t)bits_get(w, IDX_VITE_VPEID);
	x->ite.db = (uint32_t)bits_get(w, IDX_VITE_DB);
	x->cte.valid = false;
	x->cte.rdbase = 0;
	return true;
}

static inline bool index_fast_xlate(const struct its_index *ix, uint32_t devid,
				    uint32_t event, bool need_collection,
				    struct xlate *x)
{
	struct dev_slot *s = slot_find(ix, devid);
	uint64_t dte, w, cte = 0;

	if (!s || !slot_read(s, event, &dte, &w) ||
	    !bits_get(dte, IDX_DTE_VALID))
		return false;
	if (bits_get(w, IDX_ITE_STATE) == IDX_ITE_VIRT)
		return index_fast_xlate_virt(ix, dte, w, need_collection, x);
	if (bits_get(w, IDX_ITE_STATE) != IDX_ITE_VALID)
		return false;
	if (need_collection && !cte_target(ix, w, &cte))
		return false;
	x->drop = GICITS_DROP_NONE;
	x->fault = false;
	x->dte_addr = 0;
	x->dte.valid = true;
	x->dte.size = (uint8_t)bits_get(dte, IDX_DTE_SIZE);
	x->dte.itt = bits_get(dte, IDX_DTE_ITT) << 8;
	x->ite.valid = true;
	x->ite.virt = false; /* the index holds physical ITEs only */
	x->ite.db = 0;
	x->ite.intid = (uint32_t)bits_get(w, IDX_ITE_INTID);
	x->ite.icid = (uint16_t)bits_get(w, IDX_ITE_ICID);
	x->cte.valid = need_collection;
	x->cte.rdbase = bits_get(cte, IDX_CTE_RDBASE);
	x->cpu = need_collection ? (unsigned)bits_get(cte, IDX_CTE_CPU) : 0;
	return true;
}

#endif
