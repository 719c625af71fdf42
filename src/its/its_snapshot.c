/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ITS side of snapshots (src/snapshot): copying the registers out and in,
 * and checking a saved state against an instance.  The index is refilled
 * from the tables by index_fill.c.
 *
 * Layer 5 (its_internal.h): calls index_fill.c, table.c, its.c and the
 * redistributors or the sink (RDbase only, its_sink.h).
 */
#include "its_internal.h"

#include <string.h>

#include "gicits/error.h"
#include "its_sink.h"

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
	s->gic = (uint32_t)its->cfg.gic;
	s->vmovp_list = its->cfg.vmovp_list;
	s->nid = its_v41(&its->cfg) && its->cfg.nid;
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
	uint64_t cbaser_rw = its_cbaser_rw();
	uint64_t baser_rw = its_baser_rw(c);
	uint64_t ctlr_rw = bits_mask(GITS_CTLR_ENABLED);
	uint64_t statusr_rw = bits_mask(GITS_STATUSR_W1C) &
			      ~bits_mask(GITS_STATUSR_UMSI) &
			      ~bits_mask(GITS_STATUSR_OVERFLOW);
	uint64_t offset = bits_mask(GITS_CWRITER_OFFSET);
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
	    s->iidr != c->iidr || s->gic != (uint32_t)c->gic ||
	    s->vmovp_list != (uint32_t)c->vmovp_list)
		return bad(why, "ITS configuration differs from the saved one",
			   GICITS_EINVAL);
	/* GICv4.1: nID changes what VMAPTI/VMOVI store (vcmd.c), so it is
	 * part of the fingerprint; meaningless (saved 0) on other ITSes */
	if (s->nid > 1)
		return bad(why, "nID is neither 0 nor 1", GICITS_EFORMAT);
	if (s->nid != (uint32_t)(its_v41(c) && c->nid))
		return bad(why, "ITS nID differs from the saved one",
			   GICITS_EINVAL);
	if (c->umsi) {
		/* UMSIirq is RES0 (GITS_TYPER.UMSIirq = 0); a snapshot of an
		 * earlier gicits, where it was writable, may have it set: it
		 * is accepted and dropped by its_snap_apply(). */
		ctlr_rw |= bits_mask(GITS_CTLR_UMSIIRQ);
		statusr_rw |= bits_mask(GITS_STATUSR_UMSI) |
			      bits_mask(GITS_STATUSR_OVERFLOW) |
			      bits_mask(GITS_STATUSR_SYNDROME);
	}
	/* GICv4.0 with vmovp_list: the ITSList number (regs.c) */
	if (c->vmovp_list && its->gic)
		ctlr_rw |= bits_mask(GITS_CTLR_ITS_NUMBER);
	if (s->ctlr & ~ctlr_rw)
		return bad(why, "GITS_CTLR has unimplemented bits set",
			   GICITS_EFORMAT);
	if (s->statusr & ~statusr_rw)
		return bad(why, "GITS_STATUSR has unimplemented bits set",
			   GICITS_EFORMAT);
	if (!c->umsi && s->umsir)
		return bad(why, "GITS_UMSIR set without UMSI", GICITS_EFORMAT);
	if (s->cbaser & ~cbaser_rw)
		return bad(why, "GITS_CBASER has RES0 bits set",
			   GICITS_EFORMAT);
	if (s->cwriter & ~offset)
		return bad(why, "GITS_CWRITER has RES0 bits set",
			   GICITS_EFORMAT);
	if (s->creadr & ~(offset | bits_mask(GITS_CREADR_STALLED)))
		return bad(why, "GITS_CREADR has RES0 bits set",
			   GICITS_EFORMAT);
	if ((s->baser[0] & ~baser_rw) != its_baser_reset(c, 0) ||
	    (s->baser[1] & ~baser_rw) != its_baser_reset(c, 1))
		return bad(why, "GITS_BASER0/1 read-only or RES0 fields differ",
			   GICITS_EFORMAT);
	/* GICv4: BASER2 is the vPE table (its_baser_reset()) */
	if (its_baser_implemented(c, 2) &&
	    (s->baser[2] & ~baser_rw) != its_baser_reset(c, 2))
		return bad(why, "GITS_BASER2 read-only or RES0 fields differ",
			   GICITS_EFORMAT);
	for (i = its_baser_implemented(c, 2) ? 3 : 2; i < 8; i++)
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
		if (e->rdbase > CMD_FIELD_MAX(GICITS_CMD_F_RDBASE))
			return bad(why,
				   "HCC collection RDbase wider than 35 bits",
				   GICITS_EFORMAT);
		if (e->valid &&
		    (!its_rdbase_to_cpu(its, e->rdbase, c->pta, &cpu) ||
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
	atomic_store_explicit(&its->ctlr,
			      s->ctlr & (uint32_t)(bits_mask(GITS_CTLR_ENABLED) |
						   bits_mask(GITS_CTLR_ITS_NUMBER)),
			      memory_order_relaxed);
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
	its->st.stalled = bits_get(s->creadr, GITS_CREADR_STALLED);
	atomic_store_explicit(&its->findings, s->findings,
			      memory_order_relaxed);
	/* What enable() would have decoded; harmless while disabled (enabling
	 * decodes again) and exact while enabled (BASER writes are ignored
	 * then). */
	table_decode(its);
	its_index_rebuild(its);
	mtx_unlock(&its->lock);
}

void its_snap_rebuild_index(struct gicits_its *its)
{
	mtx_lock(&its->lock);
	its_index_rebuild(its);
	mtx_unlock(&its->lock);
}
