/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * One incoming transaction (an MSI write, or any other access) through the
 * SMMU: the outcome matrix of spec/iommu-mbigen.md §A.7.  IHI 0070 §3.3
 * (stream table), §5.2 (STE), §5.3-5.4 (CDs), §3.4 (translation), §5.5
 * (fault configuration), §7.3 (events).  Layer 3.
 */
#include "iommu_internal.h"

#include <stddef.h>
#include <string.h>

#include "gicits/error.h"

/* Everything one transaction needs, decoded once. */
struct xctx {
	struct gicits_iommu *smmu;
	const struct gicits_iommu_txn *txn;
	struct gicits_iommu_result *res;
	bool priv; /* after STE.PRIVCFG */
	struct ste ste;
	struct cd cd;
	bool s1, s2, el2;
	struct walk_cfg s2wc;
	uint16_t asid, vmid;
	uint32_t ssid; /* the CD used */
	uint64_t gen0, hits0; /* smmu->gen, st.cache_hits at the start */
};

static void le_dwords(const uint8_t *b, uint64_t *dw, unsigned n)
{
	unsigned i;
	int j;

	for (i = 0; i < n; i++) {
		uint64_t v = 0;

		for (j = 7; j >= 0; j--)
			v = (v << 8) | b[i * 8 + (unsigned)j];
		dw[i] = v;
	}
}

static struct evt evt_base(const struct xctx *x, uint8_t num)
{
	struct evt e;

	memset(&e, 0, sizeof(e));
	e.num = num;
	e.sid = x->txn->stream_id;
	e.ssv = x->txn->ssv;
	e.ssid = x->txn->substream_id;
	e.rnw = !x->txn->write;
	e.pnu = x->priv;
	e.ind = x->txn->instr && !x->txn->write;
	e.input = x->txn->addr;
	return e;
}

/* Terminate the transaction; record @e if @record. */
static void terminate(struct xctx *x, const struct evt *e, bool record,
		      bool razwi, const char *rule)
{
	struct gicits_iommu *smmu = x->smmu;

	x->res->outcome = razwi ? GICITS_IOMMU_RAZWI : GICITS_IOMMU_ABORT;
	x->res->pa = 0;
	x->res->event = e ? e->num : 0;
	x->res->recorded = e && record ? evtq_record(smmu, e) : false;
	smmu->st.aborted++;
	iommu_trace(smmu, GICITS_TRACE_DROP, x->txn->stream_id,
		    x->txn->substream_id, 0, x->txn->addr, e ? e->num : 0, rule,
		    razwi ? "terminated RAZ/WI" : "aborted");
}

/* A configuration error or fetch abort: always recorded (§5.5). */
static void cfg_error(struct xctx *x, uint8_t num, uint64_t fetch,
		      const char *rule)
{
	struct evt e = evt_base(x, num);

	if (num == GICITS_SMMU_EVT_F_CD_FETCH &&
	    x->smmu->cfg.qemu_cd_fetch_addr_dw2) {
		/* QEMU 7.2 puts the CD address in InputAddr (dw2) */
		e.input = fetch;
	} else if (num == GICITS_SMMU_EVT_F_STE_FETCH ||
		   num == GICITS_SMMU_EVT_F_CD_FETCH) {
		e.fetch = true;
		e.ipa = fetch;
	}
	terminate(x, &e, true, false, rule);
}

static uint8_t fault_num(enum walk_fault f)
{
	switch (f) {
	case WF_TRANSLATION:
		return GICITS_SMMU_EVT_F_TRANSLATION;
	case WF_ADDR_SIZE:
		return GICITS_SMMU_EVT_F_ADDR_SIZE;
	case WF_ACCESS:
		return GICITS_SMMU_EVT_F_ACCESS;
	case WF_PERMISSION:
		return GICITS_SMMU_EVT_F_PERMISSION;
	default:
		return GICITS_SMMU_EVT_F_WALK_EABT;
	}
}

/* A fault of the walk.  Stage 1 translation-related faults follow CD.R
 * and CD.A, stage 2 ones STE.S2R and always abort; F_WALK_EABT is always
 * recorded (§5.5).  @cls: EVT_CLASS_*. */
static void walk_fault(struct xctx *x, const struct walk_out *o, bool stage2,
		       uint8_t cls, uint64_t ipa)
{
	struct evt e = evt_base(x, fault_num(o->fault));
	bool record, razwi = false;

	e.s2 = stage2;
	e.cls = cls;
	/* QEMU 7.2 leaves CLASS = 0 in translation-related fault records
	 * (F_TRANSLATION .. F_PERMISSION, §7.3.12-15); F_WALK_EABT keeps it */
	if (o->fault != WF_EABT && x->smmu->cfg.qemu_fault_class0)
		e.cls = 0;
	if (o->fault == WF_EABT) {
		e.fetch = true;
		e.ipa = o->fetch_addr;
		record = true;
	} else if (stage2) {
		e.ipa = ipa;
		record = bits_get(x->ste.dw[2], STE2_S2R);
	} else {
		record = bits_get(x->cd.dw[0], CD0_R);
		razwi = !bits_get(x->cd.dw[0], CD0_A) &&
			!x->smmu->cfg.term_model;
	}
	terminate(x, &e, record, razwi,
		  stage2 ? "IHI0070 5.5: stage-2 fault (STE.S2R)" :
			   "IHI0070 5.5: stage-1 fault (CD.R/A)");
}

/* Stage-2 translation of an address the SMMU reads (a CD, an L1CD):
 * true with *pa, or false with the fault in @o. */
static bool s2_read(struct xctx *x, uint64_t ipa, uint64_t *pa,
		    struct walk_out *o)
{
	struct walk_ctx c = { x->smmu, NULL };

	if (!x->s2) {
		*pa = ipa;
		return true;
	}
	walk(&c, &x->s2wc, ipa, o);
	if (o->fault == WF_NONE && !o->r_ok_priv)
		o->fault = WF_PERMISSION;
	if (o->fault != WF_NONE)
		return false;
	*pa = o->oa;
	return true;
}

enum cd_res { CD_OK, CD_DONE };

/* Fetch the CD for x->ssid (§5.3 CD tables): a linear table, or two
 * levels with 64 (S1Fmt 1) or 1024 (S1Fmt 2) CDs per leaf table.  On a
 * failure the transaction is terminated here. */
static enum cd_res cd_fetch_mem(struct xctx *x, struct cd *cd, uint64_t *at,
				bool report)
{
	uint64_t d0 = x->ste.dw[0];
	uint64_t ptr = d0 & 0x00FFFFFFFFFFFFC0ull;
	unsigned cdmax = (unsigned)bits_get(d0, STE0_S1CDMAX);
	unsigned fmt = (unsigned)bits_get(d0, STE0_S1FMT);
	uint64_t ipa, pa;
	struct walk_out o;
	uint8_t b[64];

	if (cdmax == 0 || fmt == 0) {
		ipa = ptr + 64ull * x->ssid;
	} else {
		unsigned split = fmt == 1 ? 6 : 10;
		uint64_t l1a = ptr + 8ull * (x->ssid >> split), l1;

		if (!s2_read(x, l1a, &pa, &o)) {
			if (report)
				walk_fault(x, &o, true, EVT_CLASS_CD, l1a);
			return CD_DONE;
		}
		if (gicits_mem_read(x->smmu->mem, pa, b, 8) < 0) {
			if (report)
				cfg_error(x, GICITS_SMMU_EVT_F_CD_FETCH, pa,
					  "IHI0070 5.3: L1CD fetch abort");
			return CD_DONE;
		}
		le_dwords(b, &l1, 1);
		/* §7.3.9: an L1CD with V == 0, or an L2Ptr beyond the
		 * OAS, is C_BAD_SUBSTREAMID with the CD index used */
		if (!bits_get(l1, L1CD_V) ||
		    ((l1 & 0x00FFFFFFFFFFF000ull) >> x->smmu->cfg.oas_bits)) {
			if (report) {
				struct evt e = evt_base(
					x, GICITS_SMMU_EVT_C_BAD_SUBSTREAMID);

				e.ssid = x->ssid;
				terminate(x, &e, true, false,
					  "IHI0070 7.3.9: L1CD.V == 0 or "
					  "L2Ptr out of range");
			}
			return CD_DONE;
		}
		ipa = (l1 & 0x00FFFFFFFFFFF000ull) +
		      64ull * (x->ssid & ((1u << split) - 1));
	}
	if (!s2_read(x, ipa, &pa, &o)) {
		if (report)
			walk_fault(x, &o, true, EVT_CLASS_CD, ipa);
		return CD_DONE;
	}
	*at = pa;
	if (gicits_mem_read(x->smmu->mem, pa, b, sizeof(b)) < 0) {
		if (report)
			cfg_error(x, GICITS_SMMU_EVT_F_CD_FETCH, pa,
				  "IHI0070 7.3: F_CD_FETCH");
		return CD_DONE;
	}
	le_dwords(b, cd->dw, 8);
	return CD_OK;
}

/* The CD, from the cache or memory; checked for ILLEGAL. */
static enum cd_res cd_get(struct xctx *x)
{
	struct gicits_iommu *smmu = x->smmu;
	uint32_t sid = x->txn->stream_id;
	struct cd_cache_entry *ce = NULL;
	const char *why = NULL;
	uint64_t at = 0;

	if (smmu->cfg.cache != GICITS_IOMMU_CACHE_OFF)
		ce = cd_cache_find(smmu, sid, x->ssid, 0);
	if (ce) {
		smmu->st.cache_hits++;
		x->cd = ce->cd;
		if (smmu->cfg.cache == GICITS_IOMMU_CACHE_CHECK) {
			struct cd m;

			if (cd_fetch_mem(x, &m, &at, false) != CD_OK ||
			    memcmp(&m, &ce->cd, sizeof(m)))
				iommu_finding(smmu, sid, x->ssid, ce->addr,
					      "IHI0070 4.3.4: CD changed "
					      "without CMD_CFGI_CD + CMD_SYNC",
					      "stale CD cache entry");
		}
	} else {
		if (cd_fetch_mem(x, &x->cd, &at, true) != CD_OK)
			return CD_DONE;
		if (smmu->cfg.cache != GICITS_IOMMU_CACHE_OFF)
			cd_cache_put(smmu, sid, x->ssid, &x->cd, at);
	}
	if (cd_illegal(smmu, &x->cd,
		       (unsigned)bits_get(x->ste.dw[1], STE1_STRW), &why)) {
		/* QEMU 7.2 caches only CDs that decode (knob); its
		 * configuration cache holds STE and CD together */
		if (smmu->cfg.qemu_no_cache_bad_config)
			inv_ste_range(smmu, sid, 1);
		cfg_error(x, GICITS_SMMU_EVT_C_BAD_CD, 0, why);
		return CD_DONE;
	}
	return CD_OK;
}

/* The STE, from the cache or memory.  false: terminated. */
static bool ste_get(struct xctx *x)
{
	struct gicits_iommu *smmu = x->smmu;
	uint32_t sid = x->txn->stream_id;
	struct ste_cache_entry *ce = NULL;
	enum fetch_res r;
	uint64_t at = 0;

	if (smmu->cfg.cache != GICITS_IOMMU_CACHE_OFF)
		ce = ste_cache_find(smmu, sid);
	if (ce) {
		smmu->st.cache_hits++;
		x->ste = ce->ste;
		if (smmu->cfg.cache == GICITS_IOMMU_CACHE_CHECK) {
			struct ste m;

			if (ste_fetch(smmu, sid, &m, &at) != FETCH_OK ||
			    memcmp(&m, &ce->ste, sizeof(m)))
				iommu_finding(smmu, sid, 0, ce->addr,
					      "IHI0070 4.3.2: STE changed "
					      "without CMD_CFGI_STE + CMD_SYNC",
					      "stale STE cache entry");
		}
		return true;
	}
	r = ste_fetch(smmu, sid, &x->ste, &at);
	if (r == FETCH_BAD_SID) {
		/* §3.3: recorded only when CR2.RECINVSID = 1 (QEMU 7.2:
		 * always, knob qemu_bad_streamid_always) */
		struct evt e = evt_base(x, GICITS_SMMU_EVT_C_BAD_STREAMID);
		bool rec = bits_get(smmu->cr2, CR2_RECINVSID) ||
			   smmu->cfg.qemu_bad_streamid_always;

		terminate(x, &e, rec, false,
			  "IHI0070 3.3: StreamID out of range "
			  "(C_BAD_STREAMID if CR2.RECINVSID)");
		if (!rec)
			x->res->event = 0;
		return false;
	}
	if (r == FETCH_BAD_STE) {
		cfg_error(x, GICITS_SMMU_EVT_C_BAD_STE, 0,
			  "QEMU 7.2: L2 offset beyond 2^Span - 1 (C_BAD_STE)");
		return false;
	}
	if (r == FETCH_ABORT) {
		cfg_error(x, GICITS_SMMU_EVT_F_STE_FETCH, at,
			  "IHI0070 7.3: F_STE_FETCH");
		return false;
	}
	if (smmu->cfg.cache != GICITS_IOMMU_CACHE_OFF)
		ste_cache_put(smmu, sid, &x->ste, at);
	return true;
}

/* The result of the walks for one input page. */
struct xlate {
	struct walk_out fault; /* fault != WF_NONE: failed */
	bool fault_s2;
	uint8_t fault_cls;
	uint64_t fault_ipa;
	uint64_t ipa, pa, size;
	unsigned s1p, s2p; /* permission masks: 1 RP, 2 RU, 4 WP, 8 WU */
};

static unsigned perm_mask(const struct walk_out *o)
{
	return (o->r_ok_priv ? 1u : 0) | (o->r_ok_unpriv ? 2u : 0) |
	       (o->w_ok_priv ? 4u : 0) | (o->w_ok_unpriv ? 8u : 0);
}

static bool perm_ok(unsigned p, bool write, bool priv)
{
	return p & (write ? (priv ? 4u : 8u) : (priv ? 1u : 2u));
}

/* Walk memory for x->txn->addr (stage 1, then stage 2), no caches. */
static void xlate_walk(struct xctx *x, struct xlate *r)
{
	uint64_t va = x->txn->addr;
	struct walk_ctx c = { x->smmu, x->s2 ? &x->s2wc : NULL };
	struct walk_ctx c2 = { x->smmu, NULL };
	struct walk_cfg s1wc;
	struct walk_out o;

	memset(r, 0, sizeof(*r));
	r->s1p = r->s2p = 0xF;
	r->ipa = va;
	r->size = 1ull << 63;
	if (x->s1) {
		unsigned strw = (unsigned)bits_get(x->ste.dw[1], STE1_STRW);

		if (!s1_cfg(x->smmu, &x->cd, va, strw, &s1wc)) {
			r->fault.fault = WF_TRANSLATION;
			r->fault_cls = EVT_CLASS_IN;
			return;
		}
		walk(&c, &s1wc, va & ((1ull << s1wc.ias) - 1), &o);
		if (o.fault != WF_NONE) {
			r->fault = o;
			if (o.s2_in_s1) {
				/* stage-2 fault on a stage-1 table address */
				r->fault_s2 = true;
				r->fault_cls = EVT_CLASS_TT;
				r->fault_ipa = o.s2_ipa;
			} else {
				r->fault_cls = o.fault == WF_EABT ?
						       EVT_CLASS_TT :
						       EVT_CLASS_IN;
			}
			return;
		}
		r->ipa = o.oa;
		r->size = o.page;
		r->s1p = perm_mask(&o);
		/* stage-1 permission comes before stage 2 (Arm ARM D8) */
		if (!perm_ok(r->s1p, x->txn->write, x->priv)) {
			r->fault.fault = WF_PERMISSION;
			r->fault_cls = EVT_CLASS_IN;
			return;
		}
	}
	r->pa = r->ipa;
	if (x->s2) {
		walk(&c2, &x->s2wc, r->ipa, &o);
		if (o.fault != WF_NONE) {
			r->fault = o;
			r->fault_s2 = true;
			r->fault_cls = EVT_CLASS_IN;
			r->fault_ipa = r->ipa;
			return;
		}
		r->pa = o.oa;
		if (o.page < r->size)
			r->size = o.page;
		r->s2p = perm_mask(&o);
		if (!perm_ok(r->s2p, x->txn->write, x->priv)) {
			r->fault.fault = WF_PERMISSION;
			r->fault_s2 = true;
			r->fault_cls = EVT_CLASS_IN;
			r->fault_ipa = r->ipa;
			return;
		}
	}
}

static void fail(struct xctx *x, const struct xlate *r)
{
	walk_fault(x, &r->fault, r->fault_s2, r->fault_cls, r->fault_ipa);
}

/* ---- the hit table (iommu_internal.h) ---- */

/* The entry of StreamID @sid and input page @va: consecutive StreamIDs
 * (one MSI doorbell page each) and consecutive pages of one StreamID fall
 * apart.  A collision costs a locked translation, never a wrong one. */
static inline unsigned hit_index(uint32_t sid, uint64_t va)
{
	return (sid ^ (unsigned)(va >> 12)) & (HIT_ENTRIES - 1);
}

/* RnW and PnU are adjacent bytes of the transaction: one load of both. */
_Static_assert(offsetof(struct gicits_iommu_txn, priv) ==
			       offsetof(struct gicits_iommu_txn, write) + 1 &&
		       sizeof(bool) == 1,
	       "write, priv are adjacent bytes");

static inline uint16_t hit_wp(const struct gicits_iommu_txn *t)
{
	uint16_t wp;

	memcpy(&wp,
	       (const unsigned char *)t +
		       offsetof(struct gicits_iommu_txn, write),
	       2);
	return wp;
}

/* The SubstreamID part of the key: all 32 bits of it with SSV (a hit must
 * not answer for a SubstreamID that differs from a translated one only
 * beyond SSIDSIZE: that one is C_BAD_SUBSTREAMID), none without. */
static inline uint64_t hit_ssid_key(const struct gicits_iommu_txn *t)
{
	return t->ssv ? 1ull << 32 | t->substream_id : 0;
}

/* Record a transaction the caches served completely: only when nothing
 * changed during it (the same gen as at its start), so that the next
 * identical transaction would take the same path, count the same hits and
 * give the same PA. */
static void hit_fill(struct xctx *x, const struct tlb_entry *e, uint64_t pa)
{
	struct gicits_iommu *smmu = x->smmu;
	const struct gicits_iommu_txn *t = x->txn;
	uint64_t vmask = ~(e->size - 1);
	struct hit_entry *h;

	if (smmu->gen != x->gen0)
		return;
	h = &smmu->hit[hit_index(t->stream_id, t->addr)];
	h->gen = smmu->gen;
	h->vmask = vmask;
	h->va = t->addr & vmask;
	h->delta = (pa & vmask) - (t->addr & vmask);
	h->ssid_key = hit_ssid_key(t);
	h->sid = t->stream_id;
	h->wp = hit_wp(t);
	h->instr = t->instr;
	h->cd_ssid = x->ssid;
	h->hits8 = (uint8_t)(8 * (smmu->st.cache_hits - x->hits0));
}

/* The entry of @tab that answers @t: the PA and 8 x the hit count. */
static HOT_INLINE bool hit_peek(struct gicits_iommu *smmu,
				const struct hit_entry *tab,
				const struct gicits_iommu_txn *t, uint64_t *pa,
				unsigned *hits8, uint32_t *cd_ssid)
{
	const struct hit_entry *h = &tab[hit_index(t->stream_id, t->addr)];
	/* acquire loads: the hit table's stores are seq_cst, so a value
	 * written inside a locked section makes that section's odd seq
	 * visible to hit_lockless()'s second seq load */
	memory_order r = memory_order_acquire;
	uint64_t addr = t->addr;

	/* everything the outcome depends on besides the caches: StreamID,
	 * SSV + SubstreamID, RnW, PnU, InD and the input page */
	if (atomic_load_explicit(&h->gen, r) !=
		    atomic_load_explicit(&smmu->gen, r) ||
	    atomic_load_explicit(&h->sid, r) != t->stream_id ||
	    atomic_load_explicit(&h->wp, r) != hit_wp(t) ||
	    atomic_load_explicit(&h->instr, r) != t->instr ||
	    (addr & atomic_load_explicit(&h->vmask, r)) !=
		    atomic_load_explicit(&h->va, r) ||
	    atomic_load_explicit(&h->ssid_key, r) != hit_ssid_key(t))
		return false;
	*pa = addr + atomic_load_explicit(&h->delta, r);
	*hits8 = atomic_load_explicit(&h->hits8, r);
	if (cd_ssid)
		*cd_ssid = atomic_load_explicit(&h->cd_ssid, r);
	return true;
}

/* This thread's counter shard (iommu_internal.h) as 1 + its byte offset
 * in the shard array; 0: not yet taken.  initial-exec: one
 * thread-pointer-relative load, also in libgicits.so (as
 * src/common/inflight.h). */
#if defined(__GNUC__)
static _Thread_local size_t hit_shard_mine
	__attribute__((tls_model("initial-exec")));
#else
static _Thread_local size_t hit_shard_mine;
#endif

/* The thread's first lock-free hit: take a shard, round robin. */
COLD_NOINLINE static void hit_shard_take(void)
{
	static _Atomic unsigned next;
	unsigned i = atomic_fetch_add_explicit(&next, 1, memory_order_relaxed) %
		     HIT_SHARDS;

	hit_shard_mine = 1 + i * sizeof(struct hit_shard);
}

/* The hit path without the lock (no trace hook): valid if no locked
 * section ran meanwhile (seqlock read, iommu_internal.h).  Fills all of
 * @res on success, nothing otherwise.  An SMMU that is not lockless reads
 * the empty table (hit_free), which never answers. */
static HOT_INLINE bool hit_lockless(struct gicits_iommu *smmu,
				    const struct gicits_iommu_txn *t,
				    struct gicits_iommu_result *res)
{
	uint32_t s = atomic_load_explicit(&smmu->seq, memory_order_acquire);
	_Atomic uint64_t *c;
	unsigned hits8;
	size_t mine;
	uint64_t pa;

	/* a thread without a shard yet takes one in translate_slow() */
	mine = hit_shard_mine;
	if (UNLIKELY(s & 1) || UNLIKELY(!mine) ||
	    !hit_peek(smmu, smmu->hit_free, t, &pa, &hits8, NULL) ||
	    UNLIKELY(atomic_load_explicit(&smmu->seq, memory_order_relaxed) !=
		     s))
		return false;
	/* uses[hits] of the thread's shard */
	c = (_Atomic uint64_t *)((unsigned char *)smmu->shard + (mine - 1) +
				 (hits8 & 24));
	atomic_store_explicit(c,
			      atomic_load_explicit(c, memory_order_relaxed) + 1,
			      memory_order_relaxed);
	res->outcome = GICITS_IOMMU_TRANSLATED;
	res->pa = pa;
	res->event = 0;
	res->recorded = false;
	return true;
}

/* The hit table's answer for @x, if any: the cache path's result (same
 * outcome, PA, counters and trace record) without decoding again. */
static bool hit_lookup(struct gicits_iommu *smmu,
		       const struct gicits_iommu_txn *t,
		       struct gicits_iommu_result *res)
{
	uint32_t cd_ssid;
	unsigned hits8;
	uint64_t pa;

	if (!hit_peek(smmu, smmu->hit, t, &pa, &hits8, &cd_ssid))
		return false;
	smmu->st.cache_hits += (hits8 / 8) & 3;
	res->outcome = GICITS_IOMMU_TRANSLATED;
	res->pa = pa;
	smmu->st.translated++;
	iommu_trace(smmu, GICITS_TRACE_TRANSLATE, t->stream_id, cd_ssid,
		    t->addr, pa, 0, "IHI0070 3.4: translated", NULL);
	if (t->write)
		collide_client(smmu, t->stream_id, pa);
	return true;
}

/* Translate with the TLB (cache on/check) or without (off). */
static void do_translate(struct xctx *x)
{
	struct gicits_iommu *smmu = x->smmu;
	uint64_t va = x->txn->addr;
	struct tlb_entry *e = NULL;
	struct xlate r;

	if (smmu->cfg.cache != GICITS_IOMMU_CACHE_OFF)
		e = tlb_find(smmu, x->s1, x->s2, x->el2, x->asid, x->vmid, va);
	if (e) {
		uint64_t off = va - e->va;

		smmu->st.cache_hits++;
		if (smmu->cfg.cache == GICITS_IOMMU_CACHE_CHECK) {
			xlate_walk(x, &r);
			/* a walk that stops at a stage-1 permission fault
			 * has not looked at stage 2: compare what it saw */
			bool s2seen =
				r.fault.fault == WF_NONE ||
				(r.fault.fault == WF_PERMISSION && r.fault_s2);

			if ((r.fault.fault != WF_NONE &&
			     r.fault.fault != WF_PERMISSION) ||
			    r.s1p != e->s1p ||
			    (s2seen &&
			     (r.pa != e->pa + off || r.s2p != e->s2p)))
				iommu_finding(
					smmu, x->txn->stream_id, x->ssid, va,
					"IHI0070 4.4: translation changed "
					"without CMD_TLBI_* + CMD_SYNC",
					"stale TLB entry");
		}
		memset(&r, 0, sizeof(r));
		r.pa = e->pa + off;
		r.ipa = e->ipa + off;
		r.s1p = e->s1p;
		r.s2p = e->s2p;
		if (!perm_ok(r.s1p, x->txn->write, x->priv) ||
		    !perm_ok(r.s2p, x->txn->write, x->priv)) {
			/* the cached permissions deny: stage 1 first */
			r.fault.fault = WF_PERMISSION;
			r.fault_cls = EVT_CLASS_IN;
			r.fault_s2 = perm_ok(r.s1p, x->txn->write, x->priv);
			r.fault_ipa = r.ipa;
			fail(x, &r);
			return;
		}
	} else {
		xlate_walk(x, &r);
		if (r.fault.fault != WF_NONE) {
			/* a complete walk that failed only the permission
			 * check is a valid translation to cache */
			fail(x, &r);
			return;
		}
		if (smmu->cfg.cache != GICITS_IOMMU_CACHE_OFF) {
			struct tlb_entry n;

			memset(&n, 0, sizeof(n));
			n.s1 = x->s1;
			n.s2 = x->s2;
			n.el2 = x->el2;
			n.asid = x->asid;
			n.vmid = x->vmid;
			n.sid = x->txn->stream_id;
			n.size = r.size;
			n.va = va & ~(r.size - 1);
			n.ipa = r.ipa & ~(r.size - 1);
			n.pa = r.pa & ~(r.size - 1);
			n.s1p = (uint8_t)r.s1p;
			n.s2p = (uint8_t)r.s2p;
			tlb_put(smmu, &n);
		}
	}
	if (e && smmu->cfg.cache == GICITS_IOMMU_CACHE_ON)
		hit_fill(x, e, r.pa);
	x->res->outcome = GICITS_IOMMU_TRANSLATED;
	x->res->pa = r.pa;
	smmu->st.translated++;
	iommu_trace(smmu, GICITS_TRACE_TRANSLATE, x->txn->stream_id, x->ssid,
		    va, r.pa, 0, "IHI0070 3.4: translated", NULL);
	if (x->txn->write)
		collide_client(smmu, x->txn->stream_id, r.pa);
}

static void bypass(struct xctx *x, const char *rule)
{
	x->res->outcome = GICITS_IOMMU_BYPASS;
	x->res->pa = x->txn->addr;
	x->smmu->st.translated++;
	iommu_trace(x->smmu, GICITS_TRACE_TRANSLATE, x->txn->stream_id,
		    x->txn->substream_id, x->txn->addr, x->txn->addr, 0, rule,
		    "bypass");
	if (x->txn->write)
		collide_client(x->smmu, x->txn->stream_id, x->txn->addr);
}

/* The cache path and the walk: kept out of line so that the hit path of
 * gicits_iommu_translate() stays small. */
__attribute__((noinline)) static void translate_locked(struct xctx *x)
{
	struct gicits_iommu *smmu = x->smmu;
	const struct gicits_iommu_txn *t = x->txn;
	const char *why = NULL;
	unsigned config, privcfg;

	/* §6.3.14: SMMUEN = 0, GBPA decides; no events are generated */
	if (!bits_get(smmu->cr0, CR0_SMMUEN)) {
		if (bits_get(smmu->gbpa, GBPA_ABORT) && !smmu->cfg.qemu_no_gbpa)
			terminate(x, NULL, false, false,
				  "IHI0070 6.3.14: SMMUEN=0, GBPA.ABORT=1");
		else
			bypass(x, "IHI0070 6.3.14: SMMUEN=0, GBPA bypass");
		return;
	}
	if (!ste_get(x))
		return;
	if (ste_illegal(smmu, &x->ste, &why)) {
		/* QEMU 7.2 caches only STEs that decode (knob) */
		if (smmu->cfg.qemu_no_cache_bad_config)
			inv_ste_range(smmu, t->stream_id, 1);
		cfg_error(x, GICITS_SMMU_EVT_C_BAD_STE, 0, why);
		return;
	}
	config = (unsigned)bits_get(x->ste.dw[0], STE0_CONFIG);
	if (!(config & 4)) {
		/* §5.2 Config 0b000 (and reserved 0b0xx): abort, no event */
		terminate(x, NULL, false, false,
			  "IHI0070 5.2: STE.Config abort, no event");
		return;
	}
	privcfg = (unsigned)bits_get(x->ste.dw[1], STE1_PRIVCFG);
	x->priv = privcfg == 3 ? true : privcfg == 2 ? false : t->priv;
	x->s1 = config & 1;
	x->s2 = config & 2;
	/* EL2 translations are another regime: tagged apart in the TLB */
	x->el2 = x->s1 && bits_get(x->ste.dw[1], STE1_STRW) == STRW_EL2;
	if (x->s2) {
		s2_cfg(smmu, &x->ste, &x->s2wc); /* checked by ste_illegal */
		x->vmid = (uint16_t)bits_get(x->ste.dw[2], STE2_S2VMID);
		if (!smmu->cfg.vmid16)
			x->vmid &= 0xFF;
	} else if (smmu->cfg.stage2) {
		/* stage-1-only translations are tagged with S2VMID when
		 * stage 2 is implemented (§5.2 S2VMID) */
		x->vmid = (uint16_t)bits_get(x->ste.dw[2], STE2_S2VMID);
		if (!smmu->cfg.vmid16)
			x->vmid &= 0xFF;
	}
	if (x->s1) {
		unsigned cdmax = (unsigned)bits_get(x->ste.dw[0], STE0_S1CDMAX);
		unsigned dss = (unsigned)bits_get(x->ste.dw[1], STE1_S1DSS);

		if (t->ssv) {
			if (cdmax == 0 ||
			    ((uint64_t)t->substream_id >> cdmax)) {
				cfg_error(x, GICITS_SMMU_EVT_C_BAD_SUBSTREAMID,
					  0,
					  "IHI0070 7.3.9: SubstreamID with "
					  "S1CDMax 0 or beyond S1CDMax");
				return;
			}
			if (dss == 2 && t->substream_id == 0) {
				/* §7.3.7: CD 0 is reserved for traffic
				 * without a SubstreamID */
				cfg_error(x, GICITS_SMMU_EVT_F_STREAM_DISABLED,
					  0,
					  "IHI0070 7.3.7: SubstreamID 0 with "
					  "S1DSS=SSID0");
				return;
			}
			x->ssid = t->substream_id;
		} else if (cdmax) {
			if (dss == 0) {
				cfg_error(x, GICITS_SMMU_EVT_F_STREAM_DISABLED,
					  0,
					  "IHI0070 5.2: no SubstreamID, "
					  "S1DSS=terminate");
				return;
			}
			if (dss == 1)
				x->s1 = false; /* bypass stage 1 */
			x->ssid = 0;
		} else {
			x->ssid = 0;
		}
	} else if (t->ssv) {
		cfg_error(x, GICITS_SMMU_EVT_C_BAD_SUBSTREAMID, 0,
			  "IHI0070 7.3.9: SubstreamID with stage 1 off");
		return;
	}
	if (!x->s1 && !x->s2) {
		bypass(x, "IHI0070 5.2: STE.Config bypass");
		return;
	}
	if (x->s1) {
		if (cd_get(x) != CD_OK)
			return;
		x->asid = (uint16_t)bits_get(x->cd.dw[0], CD0_ASID);
		if (!smmu->cfg.asid16)
			x->asid &= 0xFF;
	}
	do_translate(x);
}

/* Everything but a lock-free hit: the argument checks, the locked hit
 * table lookup (trace hook) and the cache path and the walk.  Out of line,
 * so that gicits_iommu_translate()'s lock-free hit needs no stack frame. */
NOINLINE static int translate_slow(struct gicits_iommu *smmu,
				   const struct gicits_iommu_txn *txn,
				   struct gicits_iommu_result *res)
{
	struct xctx x;

	if (!smmu || !txn || !res)
		return GICITS_EINVAL;
	if (!hit_shard_mine)
		hit_shard_take(); /* the next hit is lock-free */
	memset(res, 0, sizeof(*res));
	iommu_lock(smmu);
	if (smmu->cfg.cache == GICITS_IOMMU_CACHE_ON &&
	    hit_lookup(smmu, txn, res)) {
		iommu_unlock(smmu);
		return GICITS_OK;
	}
	memset(&x, 0, sizeof(x));
	x.smmu = smmu;
	x.txn = txn;
	x.res = res;
	x.priv = txn->priv;
	x.gen0 = smmu->gen;
	x.hits0 = smmu->st.cache_hits;
	translate_locked(&x);
	iommu_unlock(smmu);
	return GICITS_OK;
}

int gicits_iommu_translate(struct gicits_iommu *smmu,
			   const struct gicits_iommu_txn *txn,
			   struct gicits_iommu_result *res)
{
	if (LIKELY(smmu != NULL)) {
		if (LIKELY(txn != NULL)) {
			if (LIKELY(res != NULL) && hit_lockless(smmu, txn, res))
				return GICITS_OK;
		}
	}
	return translate_slow(smmu, txn, res);
}
