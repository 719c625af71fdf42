/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Translation: resolving (DeviceID, EventID) to an ITE and a target
 * redistributor, shared by MSIs and by the commands that name an event
 * (INT, CLEAR, DISCARD, INV, MOVI).  The steps and their order follow
 * IHI 0069H.b's list of reasons a GITS_TRANSLATER write is ignored (§5.2,
 * and the GITS_TRANSLATER register description).
 *
 * Guest memory holds the architected tables and is the single source of
 * truth; the translation index (index.c) beside it only ever answers what
 * commands wrote, and an entry no command wrote sends the lookup to memory
 * (the reference path, also cache=off).  Takes no lock: what a translation
 * may see is docs/concurrency.md I1-I7; the lock order is L1-L4.
 *
 * Layer 2 (its_internal.h): calls index.c, table.c, its.c and the
 * redistributors or the sink, only to resolve RDbase (its_rdbase_to_cpu(),
 * its_sink.h).
 */
#include "its_internal.h"
#include "index_read.h"

#include <string.h>

#include "its_sink.h"

/* cache=check disagreements found during one lookup, reported after it */
enum {
	F_DTE = 1,
	F_ITE = 2,
	F_ITE_FAULT = 4,
	F_CTE = 8,
	F_VPE = 16,
};

static bool icid_in_range(const struct gicits_its *its, const struct table *t,
			  uint32_t icid)
{
	if (icid < its->cfg.hcc)
		return true;
	if (icid >= (1u << its->cfg.cidbits))
		return false;
	/* Beyond what the collection table can hold: out of range too
	 * (IHI 0069: ICID beyond the supported collections). */
	if (!t->valid)
		return false;
	if (!t->indirect)
		return icid < t->bytes / t->esz;
	return icid / (t->page / t->esz) < t->bytes / 8;
}

bool its_icid_in_range(const struct gicits_its *its, uint32_t icid)
{
	struct table dt, ct;

	table_load(its, &dt, &ct);
	return icid_in_range(its, &ct, icid);
}

static enum lookup collection(struct gicits_its *its, const struct table *ct,
			      uint32_t icid, struct cte *c, bool use_index,
			      unsigned *flags)
{
	struct cte mem_cte;
	uint64_t addr;
	enum lookup l;
	int have = 0;

	memset(c, 0, sizeof(*c));
	if (icid < its->cfg.hcc) {
		/* HCC collections change only under the ITS lock; a racing
		 * translation may see the old or the new one (I3). */
		*c = its_hcc_get(its, icid);
		return LOOKUP_OK;
	}
	if (!icid_in_range(its, ct, icid))
		return LOOKUP_OOR;
	if (use_index)
		have = index_get_cte(&its->index, icid, c);
	if (have && its->cfg.cache != GICITS_CACHE_CHECK)
		return LOOKUP_OK;
	l = table_entry_addr(its, ct, icid, &addr);
	if (l == LOOKUP_OK && cte_read(its, addr, &mem_cte))
		l = LOOKUP_FAULT;
	if (have) {
		if (l != LOOKUP_OK || mem_cte.valid != c->valid ||
		    (c->valid && mem_cte.rdbase != c->rdbase))
			*flags |= F_CTE;
		return LOOKUP_OK;
	}
	if (l == LOOKUP_OK)
		*c = mem_cte;
	return l;
}

enum lookup its_collection(struct gicits_its *its, uint32_t icid, struct cte *c,
			   bool use_index)
{
	struct table dt, ct;
	unsigned flags = 0;
	enum lookup l;

	table_load(its, &dt, &ct);
	l = collection(its, &ct, icid, c, use_index, &flags);
	if (flags & F_CTE)
		its_finding(
			its, 0, 0, "MAPC",
			"collection table entry in memory differs from the one MAPC wrote "
			"(table modified behind the ITS)");
	return l;
}

static bool dte_equal(const struct dte *a, const struct dte *b)
{
	return a->valid == b->valid &&
	       (!a->valid || (a->size == b->size && a->itt == b->itt));
}

static bool ite_equal(const struct ite *a, const struct ite *b)
{
	return a->valid == b->valid &&
	       (!a->valid || (a->intid == b->intid && a->icid == b->icid &&
			      a->virt == b->virt && a->db == b->db));
}

enum lookup its_vpe(struct gicits_its *its, uint32_t vpeid, struct vpte *v,
		    uint64_t *addr)
{
	struct table vt;
	uint64_t a;
	enum lookup l;

	memset(v, 0, sizeof(*v));
	table_load_vt(its, &vt);
	l = table_entry_addr(its, &vt, vpeid, &a);
	if (l != LOOKUP_OK)
		return l;
	if (addr)
		*addr = a;
	return vpte_read(its, a, v) ? LOOKUP_FAULT : LOOKUP_OK;
}

static bool vpte_equal(const struct vpte *a, const struct vpte *b)
{
	return a->valid == b->valid &&
	       (!a->valid || (a->vpt_size == b->vpt_size && a->vpt == b->vpt &&
			      a->cpu == b->cpu));
}

/* A virtual ITE (GICv4.0): its vPE from the index's copy of what
 * VMAPP/VMOVP wrote (index.c: IHI 0069 lets the ITS cache vPE table
 * entries), else from the vPE table in memory; cache=check compares the
 * two.  IHI 0069 (virtual LPI translation): a vPE without a valid entry
 * drops the MSI (GITS_STATUSR syndrome VPE_UNMAPPED); a vINTID beyond the
 * vPE's VPT_size has no pending bit to set and is dropped as a
 * redistributor would drop an INTID beyond its IDbits (QEMU 7.2 drops
 * both). */
static void virtual_target(struct gicits_its *its, struct xlate *x,
			   unsigned *flags)
{
	bool use_index = its->cfg.cache != GICITS_CACHE_OFF;
	struct vpte mem;
	int have =
		use_index && index_get_vpe(&its->index, x->ite.icid, &x->vpe);
	enum lookup l;

	if (!have || its->cfg.cache == GICITS_CACHE_CHECK) {
		l = its_vpe(its, x->ite.icid, &mem, NULL);
		if (have) {
			if (l != LOOKUP_OK || !vpte_equal(&mem, &x->vpe))
				*flags |= F_VPE;
		} else if (l == LOOKUP_FAULT) {
			x->drop = GICITS_DROP_MEMORY_FAULT;
			x->fault = true;
			return;
		} else if (l != LOOKUP_OK) {
			x->drop = GICITS_DROP_VPE_UNMAPPED;
			return;
		} else {
			x->vpe = mem;
		}
	}
	if (!x->vpe.valid) {
		x->drop = GICITS_DROP_VPE_UNMAPPED;
		return;
	}
	if (x->ite.intid >> x->vpe.vpt_size >> 1) {
		x->drop = GICITS_DROP_INTID_OOR;
		return;
	}
	x->cpu = x->vpe.cpu;
}

/* BASER0/1 decoded on first use: the index hit path never needs them. */
struct tabs {
	bool loaded;
	struct table dt, ct;
};

static struct tabs *tabs_get(const struct gicits_its *its, struct tabs *t)
{
	if (!t->loaded) {
		table_load(its, &t->dt, &t->ct);
		t->loaded = true;
	}
	return t;
}

/* One attempt; returns with x filled.  Findings go to *flags. */
static void lookup(struct gicits_its *its, struct tabs *tb, const void *slot,
		   uint32_t devid, uint32_t event, bool need_collection,
		   struct xlate *x, unsigned *flags)
{
	bool use_index = its->cfg.cache != GICITS_CACHE_OFF;
	bool check = its->cfg.cache == GICITS_CACHE_CHECK;
	struct dte mdte;
	struct ite mite;
	enum lookup l;
	int have;

	/* Only what every caller reads is initialised (hot path). */
	x->drop = GICITS_DROP_NONE;
	x->fault = false;
	x->dte_addr = 0;
	x->dte.valid = false;
	x->ite.valid = false;
	x->ite.virt = false;
	x->ite.intid = 0;
	x->ite.icid = 0;
	x->cte.valid = false;
	x->cpu = 0;
	/* DeviceID beyond GITS_TYPER.Devbits */
	if (its->cfg.devbits < 32 && devid >> its->cfg.devbits) {
		x->drop = GICITS_DROP_DEVICE_OOR;
		return;
	}

	/* Device table entry */
	have = use_index && index_slot_dte(slot, &x->dte);
	if (!have || check) {
		l = table_entry_addr(its, &tabs_get(its, tb)->dt, devid,
				     &x->dte_addr);
		if (l == LOOKUP_OK && dte_read(its, x->dte_addr, &mdte))
			l = LOOKUP_FAULT;
		if (have) {
			if (l != LOOKUP_OK || !dte_equal(&mdte, &x->dte))
				*flags |= F_DTE;
		} else if (l == LOOKUP_OOR) {
			x->drop = GICITS_DROP_DEVICE_OOR;
			return;
		} else if (l == LOOKUP_NO_L2) {
			x->drop = GICITS_DROP_DEVICE_UNMAPPED;
			return;
		} else if (l == LOOKUP_FAULT) {
			x->drop = GICITS_DROP_MEMORY_FAULT;
			x->fault = true;
			return;
		} else {
			x->dte = mdte;
		}
	}
	if (!x->dte.valid) {
		x->drop = GICITS_DROP_DEVICE_UNMAPPED;
		return;
	}
	if (event >> x->dte.size >> 1) {
		x->drop = GICITS_DROP_EVENT_OOR;
		return;
	}

	/* Interrupt translation table entry */
	have = use_index ? index_slot_ite(slot, event, &x->ite) : -1;
	if (have < 0 || check) {
		if (ite_read(its, &x->dte, event, &mite)) {
			if (have < 0) {
				x->drop = GICITS_DROP_MEMORY_FAULT;
				x->fault = true;
				return;
			}
			*flags |= F_ITE_FAULT;
		} else if (have >= 0) {
			if (!ite_equal(&mite, &x->ite))
				*flags |= F_ITE;
		} else {
			x->ite = mite;
		}
	}
	if (!x->ite.valid) {
		x->drop = GICITS_DROP_EVENT_UNMAPPED;
		return;
	}
	if (!need_collection)
		return;
	if (x->ite.virt) {
		virtual_target(its, x, flags);
		return;
	}

	/* Collection -> redistributor */
	if (x->ite.icid >= its->cfg.hcc && use_index &&
	    its->cfg.cache != GICITS_CACHE_CHECK &&
	    index_get_cte(&its->index, x->ite.icid, &x->cte))
		l = LOOKUP_OK; /* fast path: no table decode */
	else
		l = collection(its, &tabs_get(its, tb)->ct, x->ite.icid,
			       &x->cte, use_index, flags);
	if (l == LOOKUP_FAULT) {
		x->drop = GICITS_DROP_MEMORY_FAULT;
		x->fault = true;
		return;
	}
	if (l != LOOKUP_OK || !x->cte.valid ||
	    !its_rdbase_to_cpu(its, x->cte.rdbase, its->cfg.pta, &x->cpu)) {
		x->drop = GICITS_DROP_COLLECTION_UNMAPPED;
		return;
	}
}

void its_translate(struct gicits_its *its, uint32_t devid, uint32_t event,
		   bool need_collection, struct xlate *x)
{
	struct tabs tb;
	struct idx_read r;
	unsigned flags;

	/* commands on mapped events: one seqlocked read of the index */
	if (its->cfg.cache == GICITS_CACHE_ON &&
	    index_fast_xlate(&its->index, devid, event, need_collection, x))
		return;
	tb.loaded = false;
	do {
		flags = 0;
		r.slot = NULL;
		r.seq = 0;
		if (its->cfg.cache != GICITS_CACHE_OFF)
			index_read_begin(&its->index, devid, &r);
		lookup(its, &tb, r.slot, devid, event, need_collection, x,
		       &flags);
	} while (index_read_retry(&r));
	if (flags & F_DTE)
		its_finding(
			its, devid, event, "MAPD",
			"device table entry in memory differs from the one MAPD wrote "
			"(table modified behind the ITS)");
	if (flags & F_ITE)
		its_finding(
			its, devid, event, "MAPTI",
			"ITE in memory differs from the one MAPTI/MOVI/DISCARD wrote "
			"(ITT modified behind the ITS)");
	if (flags & F_ITE_FAULT)
		its_finding(its, devid, event, "MAPTI",
			    "ITT read faulted for an event the index maps");
	if (flags & F_CTE)
		its_finding(
			its, 0, 0, "MAPC",
			"collection table entry in memory differs from the one MAPC wrote "
			"(table modified behind the ITS)");
	if (flags & F_VPE)
		its_finding(
			its, devid, event, "VMAPP",
			"vPE table entry in memory differs from the one VMAPP/VMOVP wrote "
			"(table modified behind the ITS)");
}
