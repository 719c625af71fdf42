/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ITS side of snapshots (src/snapshot): copying the registers out and in,
 * checking a saved state against an instance, and rebuilding the
 * translation index from the tables in guest memory.
 *
 * The index rebuild enters only what it could read: a device whose DTE
 * read faulted, an ITT walk that faulted or ran out of budget, a device too
 * large for the index, or an allocation failure leaves entries unknown,
 * and unknown entries are resolved from memory on use (index.c), so the
 * result is correct whatever the walk met.
 */
#include "its_internal.h"

#include <string.h>

#include "common/bits.h"
#include "gicits/error.h"
#include "rdist/rdist_internal.h"

/* Most ITEs one rebuild reads (bounds the time a restore takes for a guest
 * with huge ITTs; the rest stays unknown and is walked on use). */
#define REBUILD_ITE_BUDGET (1u << 24)
/* ITE index covers devices with at most this many EventID bits (index.c) */
#define REBUILD_MAX_EVENT_BITS 20u

/* GITS_BASER<n> reset values (its.c baser_reset()): Type and Entry_Size */
#define BASER0_RO ((1ULL << 56) | (7ULL << 48))
#define BASER1_RO ((4ULL << 56) | (7ULL << 48))

void its_snap_save(struct gicits_its *its, struct its_snap *s)
{
	unsigned i;

	memset(s, 0, sizeof(*s));
	mtx_lock(&its->lock);
	s->devbits = its->cfg.devbits;
	s->idbits = its->cfg.idbits;
	s->cidbits = its->cfg.cidbits;
	s->hcc = its->cfg.hcc;
	s->ite_size = its->cfg.ite_size;
	s->pta = its->cfg.pta;
	s->indirect = its->cfg.indirect;
	s->error_policy = (uint32_t)its->cfg.error_policy;
	s->umsi = its->cfg.umsi;
	s->creadr_writable = its->cfg.creadr_writable;
	s->mapc_rdbase16 = its->cfg.mapc_rdbase16;
	s->iidr = its->cfg.iidr;
	s->ctlr = atomic_load_explicit(&its->ctlr, memory_order_relaxed);
	s->statusr = atomic_load_explicit(&its->statusr, memory_order_relaxed);
	s->umsir = atomic_load_explicit(&its->umsir, memory_order_relaxed);
	s->cbaser = its->cbaser;
	s->cwriter = its->cwriter;
	s->creadr = its->creadr;
	for (i = 0; i < 8; i++)
		s->baser[i] = its->baser[i];
	for (i = 0; i < its->cfg.hcc && i < 256; i++)
		s->hcc_cte[i] = its_hcc_get(its, i);
	s->last_error = its->st.last_error;
	s->errors = its->st.errors;
	s->commands = its->st.commands;
	s->findings =
		atomic_load_explicit(&its->findings, memory_order_relaxed);
	mtx_unlock(&its->lock);
}

static int bad(const char **why, const char *msg, int err)
{
	*why = msg;
	return err;
}

int its_snap_check(struct gicits_its *its, const struct its_snap *s,
		   const char **why)
{
	const struct gicits_its_config *c = &its->cfg;
	uint64_t cbaser_rw = bits_mask(63, 63) | bits_mask(61, 59) |
			     bits_mask(55, 53) | bits_mask(51, 10) |
			     bits_mask(7, 0);
	uint64_t baser_rw = bits_mask(63, 63) | bits_mask(61, 59) |
			    bits_mask(55, 53) | bits_mask(47, 0);
	unsigned i, cpu;

	*why = NULL;
	if (s->devbits != c->devbits || s->idbits != c->idbits ||
	    s->cidbits != c->cidbits || s->hcc != c->hcc ||
	    s->ite_size != c->ite_size || s->pta != (uint32_t)c->pta ||
	    s->indirect != (uint32_t)c->indirect ||
	    s->error_policy != (uint32_t)c->error_policy ||
	    s->umsi != (uint32_t)c->umsi ||
	    s->creadr_writable != (uint32_t)c->creadr_writable ||
	    s->mapc_rdbase16 != (uint32_t)c->mapc_rdbase16 ||
	    s->iidr != c->iidr)
		return bad(why, "ITS configuration differs from the saved one",
			   GICITS_EINVAL);
	if (c->indirect)
		baser_rw |= bits_mask(62, 62);
	if (s->ctlr & ~(c->umsi ? 0x101u : 0x1u))
		return bad(why, "GITS_CTLR has unimplemented bits set",
			   GICITS_EFORMAT);
	if (s->statusr & ~(c->umsi ? 0x3ffu : 0xfu))
		return bad(why, "GITS_STATUSR has unimplemented bits set",
			   GICITS_EFORMAT);
	if (!c->umsi && s->umsir)
		return bad(why, "GITS_UMSIR set without UMSI", GICITS_EFORMAT);
	if (s->cbaser & ~cbaser_rw)
		return bad(why, "GITS_CBASER has RES0 bits set",
			   GICITS_EFORMAT);
	if (s->cwriter & ~bits_mask(19, 5))
		return bad(why, "GITS_CWRITER has RES0 bits set",
			   GICITS_EFORMAT);
	if (s->creadr & ~(bits_mask(19, 5) | 1))
		return bad(why, "GITS_CREADR has RES0 bits set",
			   GICITS_EFORMAT);
	if ((s->baser[0] & ~baser_rw) != BASER0_RO ||
	    (s->baser[1] & ~baser_rw) != BASER1_RO)
		return bad(why, "GITS_BASER0/1 read-only or RES0 fields differ",
			   GICITS_EFORMAT);
	for (i = 2; i < 8; i++)
		if (s->baser[i])
			return bad(why, "unimplemented GITS_BASER<n> not zero",
				   GICITS_EFORMAT);
	for (i = 0; i < c->hcc; i++) {
		const struct cte *e = &s->hcc_cte[i];

		if (!e->valid && e->rdbase)
			return bad(why, "invalid HCC collection with an RDbase",
				   GICITS_EFORMAT);
		/* MAPC's RDbase field is bits [50:16] of the command: no
		 * register can hold more (the PTA = 1 address check would
		 * otherwise accept a value wrapped by the shift) */
		if (e->rdbase >> 35)
			return bad(why, "HCC collection RDbase wider than 35 bits",
				   GICITS_EFORMAT);
		if (e->valid &&
		    (!gic_rdbase_to_cpu(its->gic, e->rdbase, c->pta, &cpu) ||
		     (c->mapc_rdbase16 && !c->pta && e->rdbase > 0xffff)))
			return bad(why, "HCC collection names no redistributor",
				   GICITS_EFORMAT);
	}
	return GICITS_OK;
}

void its_snap_apply(struct gicits_its *its, const struct its_snap *s)
{
	unsigned i;

	mtx_lock(&its->lock);
	atomic_store_explicit(&its->ctlr, s->ctlr, memory_order_relaxed);
	atomic_store_explicit(&its->statusr, s->statusr, memory_order_relaxed);
	atomic_store_explicit(&its->umsir, s->umsir, memory_order_relaxed);
	its->cbaser = s->cbaser;
	its->cwriter = s->cwriter;
	its->creadr = s->creadr;
	for (i = 0; i < 8; i++)
		its->baser[i] = s->baser[i];
	for (i = 0; i < 256; i++)
		atomic_store_explicit(&its->hcc[i], 0, memory_order_relaxed);
	for (i = 0; i < its->cfg.hcc && i < 256; i++)
		its_hcc_set(its, i, &s->hcc_cte[i]);
	its->st.last_error = s->last_error;
	its->st.errors = s->errors;
	its->st.commands = s->commands;
	its->st.stalled = s->creadr & 1;
	atomic_store_explicit(&its->findings, s->findings,
			      memory_order_relaxed);
	/* What enable() would have decoded; harmless while disabled (enabling
	 * decodes again) and exact while enabled (BASER writes are ignored
	 * then). */
	table_decode(its);
	its_index_rebuild(its);
	mtx_unlock(&its->lock);
}

/*
 * Visit the entries of table @t with index in [0, limit): calls @fn with
 * the index and the entry's address for every entry whose level-2 page
 * (if any) is present.  Level-1 descriptors are read once per page.
 */
struct walk {
	struct gicits_its *its;
	uint32_t ite_budget;
};

static void walk_table(struct walk *w, const struct table *t, uint64_t limit,
		       void (*fn)(struct walk *w, uint64_t id, uint64_t addr))
{
	uint64_t chunk, cap, start, j, a0;

	if (!t->valid || !t->esz)
		return;
	chunk = t->indirect ? t->page / t->esz : t->bytes / t->esz;
	if (!chunk)
		return;
	cap = t->indirect ? (t->bytes / 8) * chunk : chunk;
	if (limit > cap)
		limit = cap;
	for (start = 0; start < limit; start += chunk) {
		if (table_entry_addr(w->its, t, start, &a0) != LOOKUP_OK)
			continue; /* beyond the table, no level-2 page, fault */
		for (j = 0; j < chunk && start + j < limit; j++)
			fn(w, start + j, a0 + j * t->esz);
	}
}

static void rebuild_dte(struct walk *w, uint64_t id, uint64_t addr)
{
	struct gicits_its *its = w->its;
	uint32_t devid = (uint32_t)id, ev, nev;
	struct dte d;
	struct ite e;

	if (dte_read(its, addr, &d) || !d.valid)
		return; /* unknown: a lookup walks memory */
	/* A DTE no MAPD could have written (IHI 0069 MAPD: Size + 1 beyond
	 * GITS_TYPER.ID_bits is E_ITS_MAPD_ID_OOR) stays unknown: the MSI
	 * fast path relies on indexed devices having Size + 1 <= ID_bits
	 * and skips the EventID width check. */
	if (d.size + 1u > its->cfg.idbits)
		return;
	if (index_set_dte(&its->index, devid, &d))
		return;
	if (d.size + 1u > REBUILD_MAX_EVENT_BITS)
		return;
	nev = 1u << (d.size + 1u);
	for (ev = 0; ev < nev; ev++) {
		if (!w->ite_budget)
			return;
		w->ite_budget--;
		if (ite_read(its, &d, ev, &e))
			return; /* the rest of this ITT stays unknown */
		if (e.valid && index_set_ite(&its->index, devid, ev, &e))
			return;
	}
}

static void rebuild_cte(struct walk *w, uint64_t id, uint64_t addr)
{
	struct cte c;
	unsigned cpu;

	if (id < w->its->cfg.hcc)
		return;
	if (cte_read(w->its, addr, &c) || !c.valid)
		return;
	(void)index_set_cte(&w->its->index, (uint32_t)id, &c,
			    gic_rdbase_to_cpu(w->its->gic, c.rdbase,
					      w->its->cfg.pta, &cpu) ?
				    (int)cpu :
				    -1);
}

void its_index_add_hcc(struct gicits_its *its)
{
	unsigned i, cpu;

	for (i = 0; i < its->cfg.hcc && i < 256; i++) {
		struct cte c = its_hcc_get(its, i);

		if (c.valid)
			(void)index_set_cte(&its->index, i, &c,
					    gic_rdbase_to_cpu(its->gic, c.rdbase,
							      its->cfg.pta,
							      &cpu) ?
						    (int)cpu :
						    -1);
	}
}

void its_index_rebuild(struct gicits_its *its)
{
	struct walk w;

	index_clear(&its->index);
	its_fast_update(its);
	if (!(atomic_load_explicit(&its->ctlr, memory_order_relaxed) & 1) ||
	    its->cfg.cache == GICITS_CACHE_OFF)
		return;
	w.its = its;
	w.ite_budget = REBUILD_ITE_BUDGET;
	its_index_add_hcc(its);
	walk_table(&w, &its->dt, 1ULL << its->cfg.devbits, rebuild_dte);
	walk_table(&w, &its->ct, 1ULL << its->cfg.cidbits, rebuild_cte);
}
