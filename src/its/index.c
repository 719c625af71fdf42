/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The translation index: what commands have said about devices, events and
 * collections since the ITS was enabled.  An entry is "unknown" until a
 * command writes it; an unknown entry sends the lookup to guest memory (the
 * reference path), so the index never disagrees with a memory walk for
 * software that obeys the architecture, even when it reuses ITT memory.
 *
 * Readers take no lock, allocate nothing and write nothing; the publication
 * rules are docs/concurrency.md I1-I5.  The layout:
 *
 * - Devices live in a radix tree DeviceID[31:22] -> [21:12] -> [11:0].
 *   Interior nodes and leaves are allocated by writers and published with a
 *   release store (I1).
 * - A device slot holds a sequence counter, the packed DTE (IDX_DTE_*) and
 *   a pointer to the device's ITE directory; MAPD changes the slot inside a
 *   seqlock write section (I2).
 * - A directory points to chunks of min(256, 2^(Size+1)) ITE words
 *   (IDX_ITE_*), each one 64-bit atomic, stored alone by MAPTI, MOVI and
 *   DISCARD (I3).
 * - Storage dropped by MAPD goes to free lists and is reused by later
 *   commands, never freed while the ITS lives (I4).  Memory is bounded by
 *   the peak number of mapped events, whatever a guest does.
 * - Collections: one 64-bit atomic word per ICID (IDX_CTE_*), the target
 *   CPU resolved once, at MAPC, so that an MSI does not.
 *
 * Devices with more than 2^20 events are not indexed (lookups walk memory).
 */
#include "its_internal.h"

#include <stdlib.h>
#include <string.h>

#include "common/bits.h"
#include "gicits/error.h"

#include "index_read.h"
#include "its_fields.h"

static uint64_t dte_pack(const struct dte *d)
{
	uint64_t w = bits_set(0, IDX_DTE_KNOWN, 1);

	w = bits_set(w, IDX_DTE_VALID, d->valid);
	w = bits_set(w, IDX_DTE_SIZE, d->size);
	return bits_set(w, IDX_DTE_ITT, d->itt >> 8);
}

static void dte_unpack(uint64_t w, struct dte *d)
{
	d->valid = bits_get(w, IDX_DTE_VALID);
	d->size = (uint8_t)bits_get(w, IDX_DTE_SIZE);
	d->itt = bits_get(w, IDX_DTE_ITT) << 8;
}

int index_init(struct its_index *ix, unsigned devbits, unsigned cidbits)
{
	uint32_t i;

	memset(ix, 0, sizeof(*ix));
	ix->devbits = devbits;
	ix->ntop = devbits > LEAF_BITS + MID_BITS ?
			   1u << (devbits - LEAF_BITS - MID_BITS) :
			   1;
	ix->top = calloc(ix->ntop, sizeof(*ix->top));
	ix->nctes = 1u << cidbits;
	ix->ctes = calloc(ix->nctes, sizeof(*ix->ctes));
	if (!ix->top || !ix->ctes) {
		free(ix->top);
		free(ix->ctes);
		return GICITS_ENOMEM;
	}
	for (i = 0; i < ix->ntop; i++)
		atomic_init(&ix->top[i], NULL);
	atomic_init(&ix->top[0], &ix->mid0); /* mid0 is zeroed above */
	for (i = 0; i < ix->nctes; i++)
		atomic_init(&ix->ctes[i], 0);
	atomic_init(&ix->vpes, NULL);
	ix->bytes = ix->ntop * sizeof(*ix->top) + ix->nctes * sizeof(*ix->ctes);
	return GICITS_OK;
}

/* Whether @n more bytes fit the budget (issue 11); counts a refusal.  What
 * is not allocated stays unknown, and lookups walk memory (I5). */
static bool budget_ok(struct its_index *ix, uint64_t n)
{
	if (!ix->budget || ix->bytes + n <= ix->budget)
		return true;
	ix->refused++;
	return false;
}

/* Writer only: find or create the slot of @devid. */
static struct dev_slot *slot_get(struct its_index *ix, uint32_t devid)
{
	uint32_t t = devid >> (LEAF_BITS + MID_BITS), i;
	_Atomic(struct idx_leaf *) *lp;
	struct idx_mid *mid;
	struct idx_leaf *leaf;

	if (t >= ix->ntop)
		return NULL;
	mid = atomic_load_explicit(&ix->top[t], memory_order_relaxed);
	if (!mid) {
		if (!budget_ok(ix, sizeof(*mid)))
			return NULL;
		mid = malloc(sizeof(*mid));
		if (!mid)
			return NULL;
		for (i = 0; i < (1u << MID_BITS); i++)
			atomic_init(&mid->leaf[i], NULL);
		ix->bytes += sizeof(*mid);
		atomic_store_explicit(&ix->top[t], mid, memory_order_release);
	}
	lp = &mid->leaf[(devid >> LEAF_BITS) & ((1u << MID_BITS) - 1)];
	leaf = atomic_load_explicit(lp, memory_order_relaxed);
	if (!leaf) {
		/* 64-byte aligned, so that no 32-byte slot straddles two
		 * cache lines (a 128 KiB malloc is page + 16 bytes: every
		 * other slot did, costing an MSI a second miss) */
		_Static_assert(sizeof(*leaf) % 64 == 0, "leaf is whole lines");
		if (!budget_ok(ix, sizeof(*leaf)))
			return NULL;
		leaf = aligned_alloc(64, sizeof(*leaf));
		if (!leaf)
			return NULL;
		for (i = 0; i < (1u << LEAF_BITS); i++) {
			atomic_init(&leaf->s[i].seq, 0);
			atomic_init(&leaf->s[i].dte, 0);
			atomic_init(&leaf->s[i].dir, NULL);
			atomic_init(&leaf->s[i].chunk0, 0);
		}
		ix->bytes += sizeof(*leaf);
		atomic_store_explicit(lp, leaf, memory_order_release);
	}
	return &leaf->s[devid & ((1u << LEAF_BITS) - 1)];
}

/* ---- storage reuse (writer only) ---- */

static struct idx_chunk *chunk_alloc(struct its_index *ix, unsigned cls)
{
	struct idx_chunk *c = ix->free_chunks[cls];
	size_t n = (size_t)1 << cls, i;

	if (c) {
		ix->free_chunks[cls] = c->next;
	} else {
		if (!budget_ok(ix, sizeof(*c) + n * sizeof(c->w[0])))
			return NULL;
		/* 16-byte aligned: chunk0 keeps the class in the low bits */
		c = aligned_alloc(
			CHUNK_ALIGN,
			(sizeof(*c) + n * sizeof(c->w[0]) + CHUNK_ALIGN - 1) &
				~(size_t)(CHUNK_ALIGN - 1));
		if (!c)
			return NULL;
		c->cls = cls;
		ix->bytes += sizeof(*c) + n * sizeof(c->w[0]);
	}
	for (i = 0; i < n; i++)
		atomic_store_explicit(
			&c->w[i], bits_set(0, IDX_ITE_STATE, IDX_ITE_UNKNOWN),
			memory_order_relaxed);
	return c;
}

static struct idx_dir *dir_alloc(struct its_index *ix, uint32_t nchunks,
				 unsigned chunk_cls)
{
	unsigned cls = 0;
	struct idx_dir *d;
	uint32_t i;

	while ((1u << cls) < nchunks)
		cls++;
	d = ix->free_dirs[cls];
	if (d) {
		ix->free_dirs[cls] = d->next_free;
	} else {
		if (!budget_ok(ix, sizeof(*d) + ((size_t)1 << cls) *
							sizeof(d->chunk[0])))
			return NULL;
		d = malloc(sizeof(*d) +
			   ((size_t)1 << cls) * sizeof(d->chunk[0]));
		if (!d)
			return NULL;
		d->cls = cls;
		ix->bytes +=
			sizeof(*d) + ((size_t)1 << cls) * sizeof(d->chunk[0]);
	}
	for (i = 0; i < (1u << cls); i++)
		atomic_store_explicit(&d->chunk[i], NULL, memory_order_relaxed);
	atomic_store_explicit(&d->nchunks, nchunks, memory_order_relaxed);
	d->used = NULL;
	d->chunk_cls = chunk_cls;
	return d;
}

/* O(chunks in use): the chunk pointers of @d stay as they are (a racing
 * reader that still follows them fails its seqlock check; dir_alloc clears
 * them when the directory is reused: I4). */
static void dir_retire(struct its_index *ix, struct idx_dir *d)
{
	struct idx_chunk *c, *nx;

	if (!d)
		return;
	for (c = d->used; c; c = nx) {
		nx = c->next;
		c->next = ix->free_chunks[c->cls];
		ix->free_chunks[c->cls] = c;
	}
	d->used = NULL;
	d->next_free = ix->free_dirs[d->cls];
	ix->free_dirs[d->cls] = d;
}
/* Change a slot inside a seqlock write section (docs/concurrency.md I2). */
static void slot_write(struct its_index *ix, struct dev_slot *s, uint64_t dte,
		       struct idx_dir *dir)
{
	uint32_t seq = atomic_load_explicit(&s->seq, memory_order_relaxed);
	struct idx_dir *old;

	atomic_store_explicit(&s->seq, seq + 1, memory_order_relaxed);
	atomic_thread_fence(memory_order_release);
	atomic_store_explicit(&s->dte, dte, memory_order_relaxed);
	old = atomic_load_explicit(&s->dir, memory_order_relaxed);
	/* release, not only the fence above: index_slot_ite() acquires
	 * @dir and reads the directory dir_alloc() filled.  The fence
	 * orders it as well (C11 fence-to-atomic), but TSan does not model
	 * fences and reported a race here; the store is on the command
	 * path, never on an MSI's */
	atomic_store_explicit(&s->dir, dir, memory_order_release);
	atomic_store_explicit(&s->chunk0, 0, memory_order_relaxed);
	atomic_store_explicit(&s->seq, seq + 2, memory_order_release);
	dir_retire(ix, old);
}

/* Room to record one more known slot (index_clear() finds the known slots
 * there).  GICITS_ENOMEM: the slot must stay unknown. */
static int known_reserve(struct its_index *ix)
{
	uint32_t ncap;
	void **n;

	if (ix->nknown < ix->capknown)
		return GICITS_OK;
	ncap = ix->capknown ? ix->capknown * 2 : 64;
	if (ncap <= ix->capknown ||
	    !budget_ok(ix, (uint64_t)(ncap - ix->capknown) * sizeof(void *)))
		return GICITS_ENOMEM;
	n = realloc(ix->known, (size_t)ncap * sizeof(*n));
	if (!n)
		return GICITS_ENOMEM;
	ix->bytes += (uint64_t)(ncap - ix->capknown) * sizeof(*n);
	ix->known = n;
	ix->capknown = ncap;
	return GICITS_OK;
}

void index_clear(struct its_index *ix)
{
	_Atomic uint64_t *vpes;
	uint32_t t;

	for (t = 0; t < ix->nknown; t++)
		slot_write(ix, ix->known[t], 0, NULL);
	ix->nknown = 0;
	for (t = 0; t < ix->nctes; t++)
		atomic_store_explicit(&ix->ctes[t], 0, memory_order_relaxed);
	vpes = atomic_load_explicit(&ix->vpes, memory_order_relaxed);
	for (t = 0; vpes && t < IDX_NVPES; t++)
		atomic_store_explicit(&vpes[t], 0, memory_order_relaxed);
}

void index_fini(struct its_index *ix)
{
	uint32_t t, m, l;
	struct idx_chunk *c;
	unsigned k;

	if (!ix->top)
		return;
	index_clear(ix); /* moves every directory and chunk to a free list */
	for (t = 0; t < ix->ntop; t++) {
		struct idx_mid *mid =
			atomic_load_explicit(&ix->top[t], memory_order_relaxed);

		for (m = 0; mid && m < (1u << MID_BITS); m++)
			free(atomic_load_explicit(&mid->leaf[m],
						  memory_order_relaxed));
		if (mid != &ix->mid0)
			free(mid);
	}
	(void)l;
	free(ix->known);
	ix->known = NULL;
	for (k = 0; k < CHUNK_CLASSES; k++) {
		while ((c = ix->free_chunks[k])) {
			ix->free_chunks[k] = c->next;
			free(c);
		}
	}
	for (k = 0; k <= MAX_DIR_CLASS; k++) {
		struct idx_dir *d;

		while ((d = ix->free_dirs[k])) {
			ix->free_dirs[k] = d->next_free;
			free(d);
		}
	}
	free(ix->top);
	free(ix->ctes);
	free((void *)atomic_load_explicit(&ix->vpes, memory_order_relaxed));
	atomic_store_explicit(&ix->vpes, NULL, memory_order_relaxed);
	ix->top = NULL;
	ix->ctes = NULL;
}

int index_set_dte(struct its_index *ix, uint32_t devid, const struct dte *d)
{
	/* MAPD V=0 of a device that has no slot: it is unknown already and
	 * the walk finds V=0, so no leaf is allocated for it */
	struct dev_slot *s =
		d->valid ? slot_get(ix, devid) : slot_find(ix, devid);
	unsigned bits = d->size + 1u;
	struct idx_dir *dir = NULL;
	bool unknown;

	if (!s)
		return d->valid ? GICITS_ENOMEM : GICITS_OK;
	unknown = !atomic_load_explicit(&s->dte, memory_order_relaxed);
	if (d->valid && bits <= MAX_INDEXED_EVENT_BITS) {
		uint32_t n = (uint32_t)(((1ULL << bits) + CHUNK_EVENTS - 1) /
					CHUNK_EVENTS);

		dir = dir_alloc(ix, n, bits < 8 ? bits : 8);
		if (!dir) {
			slot_write(ix, s, 0, NULL); /* unknown: walk memory */
			return GICITS_ENOMEM;
		}
	}
	if (unknown) {
		/* recorded before it becomes known (index_clear()) */
		if (known_reserve(ix)) {
			dir_retire(ix, dir);
			return GICITS_ENOMEM; /* stays unknown: walks memory */
		}
		ix->known[ix->nknown++] = s;
	}
	slot_write(ix, s, dte_pack(d), dir);
	return GICITS_OK;
}

int index_set_ite(struct its_index *ix, uint32_t devid, uint32_t event,
		  const struct ite *e)
{
	struct dev_slot *s = slot_find(ix, devid);
	struct idx_dir *d;
	struct idx_chunk *c;
	uint64_t w;

	if (!s)
		return GICITS_OK;
	d = atomic_load_explicit(&s->dir, memory_order_relaxed);
	if (!d ||
	    event / CHUNK_EVENTS >=
		    atomic_load_explicit(&d->nchunks, memory_order_relaxed))
		return GICITS_OK; /* not indexed: lookups walk memory */
	if (event % CHUNK_EVENTS >> d->chunk_cls)
		return GICITS_OK; /* beyond the device: cannot happen */
	c = atomic_load_explicit(&d->chunk[event / CHUNK_EVENTS],
				 memory_order_relaxed);
	if (!c) {
		c = chunk_alloc(ix, d->chunk_cls);
		if (!c)
			return GICITS_ENOMEM; /* stays unknown: walks memory */
		c->next = d->used;
		d->used = c;
		atomic_store_explicit(&d->chunk[event / CHUNK_EVENTS], c,
				      memory_order_release);
		if (atomic_load_explicit(&d->nchunks, memory_order_relaxed) ==
		    1)
			atomic_store_explicit(&s->chunk0, (uintptr_t)c | c->cls,
					      memory_order_release);
	}
	/* GICv4: a virtual ITE is indexed with its vPEID, vINTID and
	 * doorbell, so that an MSI to a resident vPE needs no memory walk
	 * (msi.c); one whose vINTID does not fit the word stays unknown and
	 * walks memory (I5). */
	if (!e->valid) {
		w = bits_set(0, IDX_ITE_STATE, IDX_ITE_INVALID);
	} else if (e->virt) {
		w = bits_set(0, IDX_ITE_STATE,
			     e->intid >> 22 || e->db >> 24 ? IDX_ITE_UNKNOWN :
							     IDX_ITE_VIRT);
		if (bits_get(w, IDX_ITE_STATE) == IDX_ITE_VIRT) {
			w = bits_set(w, IDX_VITE_DB, e->db);
			w = bits_set(w, IDX_VITE_VPEID, e->icid);
			w = bits_set(w, IDX_VITE_VINTID, e->intid);
		}
	} else {
		w = bits_set(0, IDX_ITE_STATE, IDX_ITE_VALID);
		w = bits_set(w, IDX_ITE_ICID, e->icid);
		w = bits_set(w, IDX_ITE_INTID, e->intid);
	}
	atomic_store_explicit(&c->w[event % CHUNK_EVENTS], w,
			      memory_order_release);
	return GICITS_OK;
}

void index_read_begin(const struct its_index *ix, uint32_t devid,
		      struct idx_read *r)
{
	const struct dev_slot *s = slot_find(ix, devid);
	uint32_t seq;

	r->slot = s;
	r->seq = 0;
	if (!s)
		return;
	while ((seq = atomic_load_explicit(&((struct dev_slot *)s)->seq,
					   memory_order_acquire)) &
	       1)
		; /* a MAPD of this device is being published */
	r->seq = seq;
}

bool index_read_retry(const struct idx_read *r)
{
	struct dev_slot *s = (struct dev_slot *)r->slot;

	if (!s)
		return false;
	atomic_thread_fence(memory_order_acquire);
	return atomic_load_explicit(&s->seq, memory_order_relaxed) != r->seq;
}

int index_slot_dte(const void *slot, struct dte *d)
{
	struct dev_slot *s = (struct dev_slot *)slot;
	uint64_t w;

	if (!s)
		return 0;
	w = atomic_load_explicit(&s->dte, memory_order_relaxed);
	if (!bits_get(w, IDX_DTE_KNOWN))
		return 0;
	dte_unpack(w, d);
	return 1;
}

int index_slot_ite(const void *slot, uint32_t event, struct ite *e)
{
	struct dev_slot *s = (struct dev_slot *)slot;
	struct idx_dir *d;
	struct idx_chunk *c;
	uint64_t w;

	if (!s)
		return -1;
	d = atomic_load_explicit(&s->dir, memory_order_acquire);
	if (!d ||
	    event / CHUNK_EVENTS >=
		    atomic_load_explicit(&d->nchunks, memory_order_relaxed))
		return -1;
	c = atomic_load_explicit(&d->chunk[event / CHUNK_EVENTS],
				 memory_order_acquire);
	/* c->cls never changes (chunks are reused within their size
	 * class), so this bound holds even for a chunk reused meanwhile */
	if (!c || (event % CHUNK_EVENTS) >> c->cls)
		return -1;
	w = atomic_load_explicit(&c->w[event % CHUNK_EVENTS],
				 memory_order_acquire);
	switch (bits_get(w, IDX_ITE_STATE)) {
	case IDX_ITE_VALID:
		e->valid = true;
		e->virt = false;
		e->db = 0;
		e->intid = (uint32_t)bits_get(w, IDX_ITE_INTID);
		e->icid = (uint16_t)bits_get(w, IDX_ITE_ICID);
		return 1;
	case IDX_ITE_VIRT:
		e->valid = true;
		e->virt = true;
		e->db = (uint32_t)bits_get(w, IDX_VITE_DB);
		e->intid = (uint32_t)bits_get(w, IDX_VITE_VINTID);
		e->icid = (uint16_t)bits_get(w, IDX_VITE_VPEID);
		return 1;
	case IDX_ITE_INVALID:
		e->valid = false;
		e->virt = false;
		e->db = 0;
		e->intid = 0;
		e->icid = 0;
		return 0;
	default:
		return -1;
	}
}

int index_set_cte(struct its_index *ix, uint32_t icid, const struct cte *c,
		  int cpu)
{
	uint64_t w = bits_set(0, IDX_CTE_KNOWN, 1);

	if (icid >= ix->nctes)
		return GICITS_ERANGE;
	if (c->valid) {
		w = bits_set(w, IDX_CTE_VALID, 1);
		w = bits_set(w, IDX_CTE_RDBASE, c->rdbase);
		if (cpu >= 0 && (uint64_t)cpu <= FIELD_MAX(IDX_CTE_CPU)) {
			w = bits_set(w, IDX_CTE_CPU_OK, 1);
			w = bits_set(w, IDX_CTE_CPU, (uint64_t)cpu);
		}
	}
	atomic_store_explicit(&ix->ctes[icid], w, memory_order_release);
	return GICITS_OK;
}

int index_get_cte(const struct its_index *ix, uint32_t icid, struct cte *c)
{
	uint64_t v;

	if (icid >= ix->nctes)
		return 0;
	v = atomic_load_explicit(&ix->ctes[icid], memory_order_acquire);
	if (!bits_get(v, IDX_CTE_KNOWN))
		return 0;
	c->valid = bits_get(v, IDX_CTE_VALID);
	c->rdbase = bits_get(v, IDX_CTE_RDBASE);
	return 1;
}

/*
 * GICv4 vPE table entries.  IHI 0069 lets an ITS cache vPE table entries
 * the way it caches DTEs: software must not write the vPE table while the
 * ITS may use it, and changes it only with VMAPP and VMOVP, which write the
 * word here after the table (vcmd.c).  VSYNC orders, it does not change
 * entries, so it invalidates nothing.  Clearing Enabled forgets them
 * (index_clear()), so GITS_BASER2 edits while disabled take effect.  A
 * guest that writes the table behind the ITS is reported by cache=check
 * (translate.c), as for the other tables.
 */
static uint64_t vpe_pack(const struct vpte *v)
{
	uint64_t w = bits_set(0, IDX_VPE_KNOWN, 1);

	if (!v->valid)
		return w;
	w = bits_set(w, IDX_VPE_VALID, 1);
	w = bits_set(w, IDX_VPE_SIZE1, (uint64_t)v->vpt_size + 1);
	w = bits_set(w, IDX_VPE_CPU, v->cpu);
	return bits_set(w, IDX_VPE_VPT, v->vpt >> 16);
}

int index_set_vpe(struct its_index *ix, uint32_t vpeid, const struct vpte *v)
{
	_Atomic uint64_t *vpes =
		atomic_load_explicit(&ix->vpes, memory_order_relaxed);
	uint32_t i;

	if (vpeid >= IDX_NVPES)
		return GICITS_OK; /* not indexed: walks memory */
	if (!vpes) {
		if (!budget_ok(ix, IDX_NVPES * sizeof(*vpes)))
			return GICITS_ENOMEM; /* unknown: walks memory */
		vpes = malloc(IDX_NVPES * sizeof(*vpes));
		if (!vpes)
			return GICITS_ENOMEM;
		for (i = 0; i < IDX_NVPES; i++)
			atomic_init(&vpes[i], 0);
		ix->bytes += IDX_NVPES * sizeof(*vpes);
		atomic_store_explicit(&ix->vpes, vpes, memory_order_release);
	}
	atomic_store_explicit(&vpes[vpeid], vpe_pack(v), memory_order_release);
	return GICITS_OK;
}

void index_forget_vpe(struct its_index *ix, uint32_t vpeid)
{
	_Atomic uint64_t *vpes =
		atomic_load_explicit(&ix->vpes, memory_order_relaxed);

	if (vpes && vpeid < IDX_NVPES)
		atomic_store_explicit(&vpes[vpeid], 0, memory_order_release);
}

int index_get_vpe(const struct its_index *ix, uint32_t vpeid, struct vpte *v)
{
	uint64_t w = vpe_word(ix, vpeid);

	if (!bits_get(w, IDX_VPE_KNOWN))
		return 0;
	vpe_unpack(w, v);
	return 1;
}
