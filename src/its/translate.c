/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Resolving (DeviceID, EventID) to an ITE and a target redistributor, shared
 * by MSIs and by the commands that name an event (INT, CLEAR, DISCARD, INV,
 * MOVI).  The steps and their order follow IHI 0069's list of reasons a
 * GITS_TRANSLATER write is ignored (see spec/its.md section 3).
 */
#include "its_internal.h"

#include <string.h>

#include "rdist/rdist_internal.h"

bool its_icid_in_range(const struct gicits_its *its, uint32_t icid)
{
	const struct table *t = &its->ct;

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

enum lookup its_collection(struct gicits_its *its, uint32_t icid,
			   struct cte *c, bool use_index)
{
	struct cte mem_cte;
	uint64_t addr;
	enum lookup l;
	int have = 0;

	memset(c, 0, sizeof(*c));
	if (icid < its->cfg.hcc) {
		*c = its->hcc[icid];
		return LOOKUP_OK;
	}
	if (!its_icid_in_range(its, icid))
		return LOOKUP_OOR;
	if (use_index)
		have = index_get_cte(&its->index, icid, c);
	if (have && its->cfg.cache != GICITS_CACHE_CHECK)
		return LOOKUP_OK;
	l = table_entry_addr(its, &its->ct, icid, &addr);
	if (l == LOOKUP_OK && cte_read(its, addr, &mem_cte))
		l = LOOKUP_FAULT;
	if (have) {
		if (l != LOOKUP_OK || mem_cte.valid != c->valid ||
		    (c->valid && mem_cte.rdbase != c->rdbase))
			its_finding(its, 0, 0, "MAPC",
				    "collection table entry in memory differs from the one MAPC wrote "
				    "(table modified behind the ITS)");
		return LOOKUP_OK;
	}
	if (l == LOOKUP_OK)
		*c = mem_cte;
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
	       (!a->valid || (a->intid == b->intid && a->icid == b->icid));
}

void its_translate(struct gicits_its *its, uint32_t devid, uint32_t event,
		   bool need_collection, struct xlate *x)
{
	bool use_index = its->cfg.cache != GICITS_CACHE_OFF;
	bool check = its->cfg.cache == GICITS_CACHE_CHECK;
	struct dte mdte;
	struct ite mite;
	enum lookup l;
	int have;

	memset(x, 0, sizeof(*x));
	/* DeviceID beyond GITS_TYPER.Devbits */
	if (its->cfg.devbits < 32 && devid >> its->cfg.devbits) {
		x->drop = GICITS_DROP_DEVICE_OOR;
		return;
	}

	/* Device table entry */
	have = use_index && index_get_dte(&its->index, devid, &x->dte);
	if (!have || check) {
		l = table_entry_addr(its, &its->dt, devid, &x->dte_addr);
		if (l == LOOKUP_OK && dte_read(its, x->dte_addr, &mdte))
			l = LOOKUP_FAULT;
		if (have) {
			if (l != LOOKUP_OK || !dte_equal(&mdte, &x->dte))
				its_finding(its, devid, event, "MAPD",
					    "device table entry in memory differs from the one MAPD wrote "
					    "(table modified behind the ITS)");
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
	have = use_index ? index_get_ite(&its->index, devid, event, &x->ite) : -1;
	if (have < 0 || check) {
		if (ite_read(its, &x->dte, event, &mite)) {
			if (have < 0) {
				x->drop = GICITS_DROP_MEMORY_FAULT;
				x->fault = true;
				return;
			}
			its_finding(its, devid, event, "MAPTI",
				    "ITT read faulted for an event the index maps");
		} else if (have >= 0) {
			if (!ite_equal(&mite, &x->ite))
				its_finding(its, devid, event, "MAPTI",
					    "ITE in memory differs from the one MAPTI/MOVI/DISCARD wrote "
					    "(ITT modified behind the ITS)");
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

	/* Collection -> redistributor */
	l = its_collection(its, x->ite.icid, &x->cte, use_index);
	if (l == LOOKUP_FAULT) {
		x->drop = GICITS_DROP_MEMORY_FAULT;
		x->fault = true;
		return;
	}
	if (l != LOOKUP_OK || !x->cte.valid ||
	    !gic_rdbase_to_cpu(its->gic, x->cte.rdbase, its->cfg.pta, &x->cpu)) {
		x->drop = GICITS_DROP_COLLECTION_UNMAPPED;
		return;
	}
}
