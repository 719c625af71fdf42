/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * gicits snapshots: the state the library keeps beside guest memory, as a
 * versioned, CRC-checked byte string (format in docs/snapshot.md).
 *
 * Layout, little endian:
 *
 *   header   0  magic "GICITSSN"
 *            8  u32 version (GICITS_SNAPSHOT_VERSION, 3; 1 and 2 are
 *               read too: version 3 without the GICv4.1 fields, and
 *               version 2 without the GICv4.0 ones)
 *           12  u32 flags (0)
 *           16  u64 total length in bytes, trailer included
 *           24  u32 number of sections
 *           28  u32 reserved (0)
 *   sections     u32 type, u32 payload length, payload; in this order:
 *                one SEC_GIC, one SEC_CPU per CPU (CPU 0 first), one
 *                SEC_ITS per ITS (in the order of the caller's array)
 *   trailer      u32 CRC-32 of every byte before it
 *
 * Version 2 appends GICv4.0 state (docs/snapshot.md): the gic's version
 * to the GIC section, each redistributor's virtual side (VPROPBASER,
 * VPENDBASER with the resident vPE, the Dirty window, VPMR, the vCPU's
 * active priorities, the resident set) to its CPU section, and the ITS's
 * GIC version and vmovp_list to its ITS section (BASER2, the vPE table,
 * and ITS_Number are in the v1 fields).  Virtual ITEs and vPE table
 * entries are in guest memory; the index's copies are rebuilt.
 *
 * Version 3 appends GICv4.1 state: the gic's 4.1 knobs and its per-vPE
 * records (residency, default doorbell and its arming, vSGI configuration
 * and pending bits; src/rdist/v41.c) to the GIC section, each virtual
 * side's 4.1 registers (GICR_VPROPBASER as written, the resident vPEID
 * and VGrpNEn, the residency key, the GICR_VSGIR query) to its CPU
 * section, and nID to the ITS section.
 *
 * Restore parses and validates the whole string into temporary structures
 * and applies it only when everything is valid.
 */
#include <stdlib.h>
#include <string.h>

#include "common/bits.h"
#include "gicits/error.h"
#include "gicits/snapshot.h"
#include "gicits/vcpu.h"
#include "its/its_internal.h"
#include "rdist/rdist_internal.h"
#include "snapshot/snapshot_internal.h"

#define HDR_BYTES 32u
#define SEC_HDR_BYTES 8u
#define TRAILER_BYTES 4u

enum sec_type {
	SEC_GIC = 1,
	SEC_CPU = 2,
	SEC_ITS = 3,
};

static const uint8_t magic[8] = { 'G', 'I', 'C', 'I', 'T', 'S', 'S', 'N' };

/* ---- CRC-32 (IEEE 802.3: reflected, polynomial 0xEDB88320) ---- */

uint32_t snap_crc32(uint32_t crc, const void *data, size_t len)
{
	const uint8_t *p = data;
	size_t i;
	unsigned k;

	crc = ~crc;
	for (i = 0; i < len; i++) {
		crc ^= p[i];
		for (k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
	}
	return ~crc;
}

/* ---- writer: counts always, stores what fits ---- */

struct wr {
	uint8_t *buf;
	size_t len;
	size_t pos;
};

static void put_bytes(struct wr *w, const void *src, size_t k)
{
	if (w->buf && w->pos <= w->len && k <= w->len - w->pos)
		memcpy(w->buf + w->pos, src, k);
	w->pos += k;
}

static void put32(struct wr *w, uint32_t v)
{
	uint8_t b[4];

	le32_write(b, v);
	put_bytes(w, b, 4);
}

static void put64(struct wr *w, uint64_t v)
{
	uint8_t b[8];

	le64_write(b, v);
	put_bytes(w, b, 8);
}

static void patch32(struct wr *w, size_t at, uint32_t v)
{
	if (w->buf && at <= w->len && 4 <= w->len - at)
		le32_write(w->buf + at, v);
}

/* Begin a section: returns where its length goes. */
static size_t sec_begin(struct wr *w, enum sec_type type)
{
	size_t at;

	put32(w, type);
	at = w->pos;
	put32(w, 0);
	return at;
}

static void sec_end(struct wr *w, size_t at)
{
	patch32(w, at, (uint32_t)(w->pos - at - 4));
}

struct pend_ctx {
	struct wr *w;
	uint32_t n;
};

static int pend_put(void *opaque, uint32_t intid)
{
	struct pend_ctx *p = opaque;

	put32(p->w, intid);
	p->n++;
	return 0;
}

static int check_args(struct gicits_gic *gic, struct gicits_its *const *its,
		      size_t n)
{
	size_t i;

	/* no gic: ITSes over external sinks only, at least one (their
	 * redistributors are the embedder's, <gicits/sink.h>) */
	if ((!gic && !n) || (n && !its) || n > GICITS_SNAPSHOT_MAX_ITS)
		return GICITS_EINVAL;
	for (i = 0; i < n; i++)
		if (!its[i] || its[i]->gic != gic)
			return GICITS_EINVAL;
	return GICITS_OK;
}

static int build(struct gicits_gic *gic, struct gicits_its *const *its,
		 size_t n, struct wr *w)
{
	unsigned ncpus = gic ? gicits_gic_num_cpus(gic) : 0, cpu, k;
	bool v41 = gic && gicits_gic_version(gic) == GICITS_GIC_V4_1;
	struct gic_v41_vpe_snap *recs = NULL;
	struct gic_v41_side_snap ss;
	struct gic_cpu_snap *cs;
	struct gic_vcpu_snap *vs;
	struct its_snap *is;
	size_t at, cnt_at, i, nrec = 0;
	int err;

	if (v41) {
		/* quiescent: the count does not change between the calls */
		nrec = gic_v41_vpe_save(gic, NULL, 0);
		recs = calloc(nrec ? nrec : 1, sizeof(*recs));
		if (!recs)
			return GICITS_ENOMEM;
		k = (unsigned)gic_v41_vpe_save(gic, recs, nrec);
		if (k < nrec)
			nrec = k;
	}

	cs = malloc(sizeof(*cs));
	vs = malloc(sizeof(*vs));
	is = malloc(sizeof(*is));
	if (!cs || !vs || !is) {
		free(cs);
		free(vs);
		free(is);
		free(recs);
		return GICITS_ENOMEM;
	}
	put_bytes(w, magic, 8);
	put32(w, GICITS_SNAPSHOT_VERSION);
	put32(w, 0);
	put64(w, 0); /* total length, patched below */
	put32(w, (uint32_t)(1 + ncpus + n));
	put32(w, 0);

	at = sec_begin(w, SEC_GIC);
	put32(w, ncpus);
	put32(w, gic ? gicits_gic_intid_bits(gic) : 0);
	put32(w, (uint32_t)n);
	/* the rest of the GIC's configuration the state depends on: the
	 * priority bits (PMR, active priorities) and the RD_base layout
	 * (RDbase values when PTA = 1); all 0 without a gic */
	put32(w, gic ? gic_config(gic)->pri_bits : 0);
	put64(w, gic ? gic_config(gic)->rd_base : 0);
	put64(w, gic ? gic_config(gic)->rd_stride : 0);
	/* v2: the GIC version (GICITS_GIC_*; 0 without a gic) */
	put32(w, gic ? (uint32_t)gicits_gic_version(gic) : 0);
	/* v3: GICv4.1 knobs (0 on other gics) and the per-vPE records */
	put32(w, v41 ? gic_config(gic)->vpeid_bits : 0);
	put32(w, v41 ? (uint32_t)gic_config(gic)->v41_early_write : 0);
	put32(w, v41 ? (uint32_t)gic_config(gic)->v41_no_vprop : 0);
	put32(w, v41 ? (uint32_t)gic_config(gic)->v41_resident_change : 0);
	put32(w, v41 ? (uint32_t)gic_config(gic)->v41_wide_vpeid : 0);
	/* v3: the distributor's GICD_CTLR (EnableGrp0/1, nASSGIreq) */
	put32(w, gic ? gic_gicd_save(gic) : 0);
	put32(w, (uint32_t)nrec);
	for (i = 0; i < nrec; i++) {
		const struct gic_v41_vpe_snap *r = &recs[i];

		put32(w, r->vpeid);
		put64(w, r->vpt);
		put64(w, r->vconf);
		put32(w, r->db);
		put32(w, r->cpu);
		put32(w, r->resident);
		put32(w, (uint32_t)r->vpt_size | (uint32_t)r->flags << 8 |
				 (uint32_t)r->grpen << 16);
		put32(w, r->sgi_pend);
		put_bytes(w, r->sgi_cfg, 16);
	}
	sec_end(w, at);

	for (cpu = 0; cpu < ncpus; cpu++) {
		struct pend_ctx pc;

		err = gic_cpu_save(gic, cpu, cs);
		if (err)
			goto out;
		at = sec_begin(w, SEC_CPU);
		put32(w, cpu);
		put32(w, cs->enable_lpis ? 1u : 0u);
		put64(w, cs->propbaser);
		put64(w, cs->pendbaser);
		put32(w, cs->statusr);
		put32(w, cs->waker);
		put32(w, cs->pmr);
		put32(w, cs->nactive);
		put_bytes(w, cs->active, cs->nactive);
		cnt_at = w->pos;
		put32(w, 0);
		pc.w = w;
		pc.n = 0;
		err = gicits_rdist_pending_foreach(gic, cpu, pend_put, &pc);
		if (err)
			goto out;
		patch32(w, cnt_at, pc.n);
		/* v2: the virtual side (GICv4.0): flags bit 0, then its
		 * registers, vCPU interface and resident set; v3: bit 1,
		 * GICv4.1's own registers after them */
		if (!gic_is_v4(gic)) {
			put32(w, 0);
		} else {
			err = v41 ? gic_v41_side_save(gic, cpu, vs, &ss) :
				    gic_vcpu_save(gic, cpu, vs);
			if (err)
				goto out;
			put32(w, v41 ? 3 : 1);
			put64(w, vs->vpropbaser);
			put64(w, vs->vpendbaser);
			put32(w, vs->dirty_left);
			put32(w, vs->vpmr);
			put32(w, vs->nactive);
			put_bytes(w, vs->active, vs->nactive);
			cnt_at = w->pos;
			put32(w, 0);
			pc.n = 0;
			err = gicits_vcpu_pending_foreach(gic, cpu, pend_put,
							  &pc);
			if (err)
				goto out;
			patch32(w, cnt_at, pc.n);
			if (v41) {
				put64(w, ss.vprop);
				put32(w, ss.res ? 1u : 0u);
				put32(w, ss.vpeid);
				put32(w, ss.grpen);
				put32(w, ss.vsgi_busy_left);
				put32(w, ss.vsgi_result);
				put64(w, ss.vres);
			}
		}
		sec_end(w, at);
	}

	for (i = 0; i < n; i++) {
		its_snap_save(its[i], is);
		at = sec_begin(w, SEC_ITS);
		put32(w, (uint32_t)i);
		put32(w, is->devbits);
		put32(w, is->idbits);
		put32(w, is->cidbits);
		put32(w, is->hcc);
		put32(w, is->ite_size);
		put32(w, is->pta);
		put32(w, is->indirect);
		put32(w, is->error_policy);
		put32(w, is->umsi);
		put32(w, is->creadr_writable);
		put32(w, is->mapc_rdbase16);
		put32(w, is->iidr);
		put32(w, is->ctlr);
		put32(w, is->statusr);
		put64(w, is->umsir);
		put64(w, is->cbaser);
		put64(w, is->cwriter);
		put64(w, is->creadr);
		for (k = 0; k < 8; k++)
			put64(w, is->baser[k]);
		put32(w, is->last_error);
		put64(w, is->errors);
		put64(w, is->commands);
		put64(w, is->findings);
		put32(w, is->hcc);
		for (k = 0; k < is->hcc && k < 256; k++) {
			put32(w, is->hcc_cte[k].valid ? 1u : 0u);
			put64(w, is->hcc_cte[k].rdbase);
		}
		/* v2 */
		put32(w, is->gic);
		put32(w, is->vmovp_list);
		/* v3 */
		put32(w, is->nid);
		sec_end(w, at);
	}
	w->pos += TRAILER_BYTES;
	err = GICITS_OK;
	if (w->buf && w->pos <= w->len) {
		le64_write(w->buf + 16, (uint64_t)w->pos);
		le32_write(w->buf + w->pos - TRAILER_BYTES,
			   snap_crc32(0, w->buf, w->pos - TRAILER_BYTES));
	}
out:
	free(cs);
	free(vs);
	free(is);
	free(recs);
	return err;
}

int gicits_snapshot_size(struct gicits_gic *gic, struct gicits_its *const *its,
			 size_t n, size_t *size)
{
	struct wr w = { NULL, 0, 0 };
	int err;

	if (!size)
		return GICITS_EINVAL;
	*size = 0;
	err = check_args(gic, its, n);
	if (err)
		return err;
	err = build(gic, its, n, &w);
	if (!err)
		*size = w.pos;
	return err;
}

int gicits_snapshot_save(struct gicits_gic *gic, struct gicits_its *const *its,
			 size_t n, void *buf, size_t len, size_t *used)
{
	struct wr w;
	int err;

	if (!used)
		return GICITS_EINVAL;
	*used = 0;
	if (!buf && len)
		return GICITS_EINVAL;
	err = check_args(gic, its, n);
	if (err)
		return err;
	w.buf = buf;
	w.len = len;
	w.pos = 0;
	err = build(gic, its, n, &w);
	if (err)
		return err;
	*used = w.pos;
	return w.pos > len ? GICITS_ERANGE : GICITS_OK;
}

/* ---- reader ---- */

struct rd {
	const uint8_t *p;
	size_t len;
	size_t pos;
	bool short_;
};

static bool need(struct rd *r, size_t k)
{
	if (r->pos > r->len || k > r->len - r->pos) {
		r->short_ = true;
		r->pos = r->len;
		return false;
	}
	return true;
}

static uint32_t get32(struct rd *r)
{
	uint32_t v;

	if (!need(r, 4))
		return 0;
	v = le32_read(r->p + r->pos);
	r->pos += 4;
	return v;
}

static uint64_t get64(struct rd *r)
{
	uint64_t v;

	if (!need(r, 8))
		return 0;
	v = le64_read(r->p + r->pos);
	r->pos += 8;
	return v;
}

struct parsed_cpu {
	struct gic_cpu_snap snap;
	size_t first; /* index of its first pending INTID in pending[] */
	size_t npending;
	/* v2, GICv4.0: the virtual side */
	bool has_v;
	struct gic_vcpu_snap vsnap;
	size_t vfirst, vnpending;
	/* v3, GICv4.1: its own registers */
	bool has_v41;
	struct gic_v41_side_snap v41;
};

struct parsed {
	struct gicits_gic *gic; /* the target (NULL: ITSes over sinks) */
	uint32_t version; /* of the snapshot: 1, 2 or 3 */
	uint32_t gic_version; /* GICITS_GIC_* (v1: GICv3) */
	unsigned ncpus;
	struct parsed_cpu *cpus;
	uint32_t *pending;
	size_t npending;
	struct its_snap *its;
	size_t nits;
	/* v3, GICv4.1: the per-vPE records, and their pages built aside */
	struct gic_v41_vpe_snap *recs;
	size_t nrec;
	struct gic_v41_pages *pages;
	/* v3: GICD_CTLR (restored only from version 3) */
	bool has_gicd;
	uint32_t gicd_ctlr;
};

static void parsed_free(struct parsed *ps)
{
	free(ps->cpus);
	free(ps->pending);
	free(ps->its);
	free(ps->recs);
	gic_v41_vpe_discard(ps->pages);
}

/* A value no instance can hold: GICITS_EFORMAT, and the rule it breaks on
 * the gic's trace (GICITS_TRACE_REG, rule "snapshot"). */
static int refuse(struct gicits_gic *gic, const char *why)
{
	gic_snap_refused(gic, why);
	return GICITS_EFORMAT;
}

/* Open section number @idx of type @type: *sub covers its payload. */
static int sec_open(struct rd *r, enum sec_type type, struct rd *sub)
{
	uint32_t t, l;

	t = get32(r);
	l = get32(r);
	if (r->short_ || t != type || !need(r, l))
		return GICITS_EFORMAT;
	sub->p = r->p + r->pos;
	sub->len = l;
	sub->pos = 0;
	sub->short_ = false;
	r->pos += l;
	return GICITS_OK;
}

/* The payload must have been consumed exactly. */
static int sec_close(const struct rd *sub)
{
	return sub->short_ || sub->pos != sub->len ? GICITS_EFORMAT : GICITS_OK;
}

/*
 * v3: GICv4.1's part of a virtual side: GICR_VPROPBASER as written, flags
 * (bit 0: a vPE resident), vPEID, VGrpNEn, the GICR_VSGIR query (reads
 * left showing Busy, result), the residency key.  Rules (v41.c): a vPE is
 * resident only with VPENDBASER.Valid and a vPEID of vpeid_bits; the key
 * is a VPT address (VMAPP [51:16]) | 1, only while resident, and a resident
 * set or a VCONF needs it.
 */
static int parse_v41_side(struct rd *sub, struct parsed *ps,
			  struct parsed_cpu *pc)
{
	struct gic_v41_side_snap *s = &pc->v41;
	const struct gic_vcpu_snap *v = &pc->vsnap;
	uint32_t res, vpeid, grpen, result;

	memset(s, 0, sizeof(*s));
	s->vprop = get64(sub);
	res = get32(sub);
	vpeid = get32(sub);
	grpen = get32(sub);
	s->vsgi_busy_left = get32(sub);
	result = get32(sub);
	s->vres = get64(sub);
	if (sub->short_)
		return GICITS_EFORMAT;
	if (s->vprop & ~gic_v41_vprop_bits())
		return refuse(ps->gic,
			      "GICR_VPROPBASER (4.1) has RES0 bits set");
	if (res > 1 || vpeid > 0xffff || grpen > 3 || result > 0xffff ||
	    s->vsgi_busy_left > 1000000)
		return refuse(
			ps->gic,
			"virtual side: residency flag, vPEID, VGrpNEn or VSGIPENDR beyond their fields");
	s->res = res;
	s->vpeid = (uint16_t)vpeid;
	s->grpen = (uint8_t)grpen;
	s->vsgi_result = (uint16_t)result;
	if (res && !(v->vpendbaser >> 63))
		return refuse(
			ps->gic,
			"virtual side: vPE resident without GICR_VPENDBASER.Valid");
	if (res && (vpeid >> gic_config(ps->gic)->vpeid_bits))
		return refuse(
			ps->gic,
			"virtual side: resident vPEID wider than vpeid_bits (spec/gicv41.md §5.2)");
	if (s->vres && (!res || !(s->vres & 1) ||
			(s->vres & ~(0x000FFFFFFFFF0000ULL | 1))))
		return refuse(
			ps->gic,
			"virtual side: residency key is not a resident vPE's VPT address | 1");
	if (!s->vres && (pc->vnpending || v->vpropbaser))
		return refuse(
			ps->gic,
			"virtual side: resident set or VCONF without a residency key");
	return GICITS_OK;
}

/*
 * v2: the virtual side of a CPU section (flags; with bit 0 VPROPBASER,
 * VPENDBASER, dirty_left, VPMR, nactive, active[], npending, pending[]).
 * Present exactly on a GICv4.0 gic; register bits beyond what a virtual
 * side holds, pending vINTIDs without a resident vPE, not ascending, below
 * 8192 or beyond VPROPBASER.IDbits and the INTID width are EFORMAT.
 */
static int parse_vcpu(struct rd *sub, unsigned intid_bits, struct parsed *ps,
		      struct parsed_cpu *pc, size_t *cursor)
{
	struct gic_vcpu_snap *v = &pc->vsnap;
	uint32_t flags = get32(sub), vpmr, vintid, prev = 0, idb, want;
	bool v41 = ps->gic_version == GICITS_GIC_V4_1;
	uint64_t limit;
	size_t k, n;

	memset(v, 0, sizeof(*v));
	/* bit 0 exactly on a GICv4 gic, bit 1 (v3) exactly on GICv4.1 */
	want = ps->gic_version == GICITS_GIC_V4_0 ? 1u : v41 ? 3u : 0u;
	if (sub->short_ || flags != want)
		return GICITS_EFORMAT;
	pc->has_v = flags & 1;
	pc->has_v41 = flags & 2;
	if (!pc->has_v)
		return GICITS_OK;
	v->vpropbaser = get64(sub);
	v->vpendbaser = get64(sub);
	v->dirty_left = get32(sub);
	vpmr = get32(sub);
	v->nactive = get32(sub);
	/* GICv4.1: VPENDBASER in its 4.1 layout (no Dirty: the window is
	 * dirty_left), VPROPBASER the derived VCONF | VPT_size */
	if (sub->short_ || (v->vpropbaser & ~gic_vpropbaser_bits()) ||
	    (v->vpendbaser &
	     ~(v41 ? gic_v41_vpend_bits() : gic_vpendbaser_bits())) ||
	    vpmr > 0xff || v->nactive > sizeof(v->active) ||
	    v->dirty_left > 1000000)
		return GICITS_EFORMAT;
	v->vpmr = (uint8_t)vpmr;
	if (!need(sub, v->nactive))
		return GICITS_EFORMAT;
	memcpy(v->active, sub->p + sub->pos, v->nactive);
	sub->pos += v->nactive;
	n = get32(sub);
	if (sub->short_ || n > (sub->len - sub->pos) / 4 ||
	    n > ps->npending - *cursor || (n && !(v->vpendbaser >> 63)))
		return GICITS_EFORMAT;
	/* what the resident vPE's redistributor accepts (rd_id_bits()) */
	idb = (uint32_t)(v->vpropbaser & 0x1f);
	idb = idb < 13 ? 0 : idb + 1 < intid_bits ? idb + 1 : intid_bits;
	limit = idb ? 1ULL << idb : 0;
	pc->vfirst = *cursor;
	pc->vnpending = n;
	for (k = 0; k < n; k++) {
		vintid = get32(sub);
		if (vintid < GICITS_LPI_BASE || vintid >= limit ||
		    (k && vintid <= prev))
			return GICITS_EFORMAT;
		ps->pending[(*cursor)++] = vintid;
		prev = vintid;
	}
	if (v41)
		return parse_v41_side(sub, ps, pc);
	return GICITS_OK;
}

static int parse_cpu(struct rd *r, unsigned cpu, unsigned intid_bits,
		     struct parsed *ps, size_t *cursor)
{
	struct parsed_cpu *pc = &ps->cpus[cpu];
	struct gic_cpu_snap *s = &pc->snap;
	uint32_t flags, pmr, prev = 0, intid;
	struct rd sub;
	size_t k, n;
	int err;

	err = sec_open(r, SEC_CPU, &sub);
	if (err)
		return err;
	memset(s, 0, sizeof(*s));
	if (get32(&sub) != cpu)
		return GICITS_EFORMAT;
	flags = get32(&sub);
	s->enable_lpis = flags & 1;
	s->propbaser = get64(&sub);
	s->pendbaser = get64(&sub);
	s->statusr = get32(&sub);
	s->waker = get32(&sub);
	pmr = get32(&sub);
	s->nactive = get32(&sub);
	if (sub.short_ || (flags & ~1u) || pmr > 0xff ||
	    s->nactive > sizeof(s->active))
		return GICITS_EFORMAT;
	s->pmr = (uint8_t)pmr;
	if (!need(&sub, s->nactive))
		return GICITS_EFORMAT;
	memcpy(s->active, sub.p + sub.pos, s->nactive);
	sub.pos += s->nactive;
	n = get32(&sub);
	if (sub.short_ || n > (sub.len - sub.pos) / 4 ||
	    n > ps->npending - *cursor)
		return GICITS_EFORMAT;
	pc->first = *cursor;
	pc->npending = n;
	for (k = 0; k < n; k++) {
		intid = get32(&sub);
		if (intid < GICITS_LPI_BASE ||
		    (intid_bits < 32 && intid >> intid_bits) ||
		    (k && intid <= prev))
			return GICITS_EFORMAT;
		ps->pending[(*cursor)++] = intid;
		prev = intid;
	}
	if (ps->version >= 2) {
		err = parse_vcpu(&sub, intid_bits, ps, pc, cursor);
		if (err)
			return err;
	}
	return sec_close(&sub);
}

static int parse_its(struct rd *r, size_t idx, uint32_t version,
		     struct its_snap *s)
{
	struct rd sub;
	uint32_t nh, k, v;
	int err;

	err = sec_open(r, SEC_ITS, &sub);
	if (err)
		return err;
	memset(s, 0, sizeof(*s));
	if (get32(&sub) != idx)
		return GICITS_EFORMAT;
	s->devbits = get32(&sub);
	s->idbits = get32(&sub);
	s->cidbits = get32(&sub);
	s->hcc = get32(&sub);
	s->ite_size = get32(&sub);
	s->pta = get32(&sub);
	s->indirect = get32(&sub);
	s->error_policy = get32(&sub);
	s->umsi = get32(&sub);
	s->creadr_writable = get32(&sub);
	s->mapc_rdbase16 = get32(&sub);
	s->iidr = get32(&sub);
	s->ctlr = get32(&sub);
	s->statusr = get32(&sub);
	s->umsir = get64(&sub);
	s->cbaser = get64(&sub);
	s->cwriter = get64(&sub);
	s->creadr = get64(&sub);
	for (k = 0; k < 8; k++)
		s->baser[k] = get64(&sub);
	s->last_error = get32(&sub);
	s->errors = get64(&sub);
	s->commands = get64(&sub);
	s->findings = get64(&sub);
	nh = get32(&sub);
	if (sub.short_ || nh != s->hcc || nh > 255)
		return GICITS_EFORMAT;
	for (k = 0; k < nh; k++) {
		v = get32(&sub);
		if (v > 1)
			return GICITS_EFORMAT;
		s->hcc_cte[k].valid = v;
		s->hcc_cte[k].rdbase = get64(&sub);
	}
	if (version >= 2) {
		s->gic = get32(&sub);
		s->vmovp_list = get32(&sub);
		if (s->vmovp_list > 1)
			return GICITS_EFORMAT;
	}
	if (version >= 3)
		s->nid = get32(&sub); /* its_snap_check() judges it */
	return sec_close(&sub);
}

#define V41_REC_BYTES 56u

/*
 * v3: the GIC section's new fields: vpeid_bits and the four v41_*
 * policies (0 on other gics; a GICv4.1 target must have the same:
 * GICITS_EINVAL), GICD_CTLR, the number of vPE records and the records
 * (vPEIDs ascending; each judged by gic_v41_vpe_check()).
 */
static int parse_v41_gic(struct rd *sub, struct gicits_gic *gic,
			 struct parsed *ps)
{
	uint32_t knob[5], nrec, w, prev = 0;
	const struct gicits_gic_config *c;
	const char *why;
	size_t k;
	int err;

	for (k = 0; k < 5; k++)
		knob[k] = get32(sub);
	ps->gicd_ctlr = get32(sub);
	nrec = get32(sub);
	if (sub->short_)
		return GICITS_EFORMAT;
	/* GICD_CTLR: the bits this distributor holds (nASSGIreq only with
	 * GICD_TYPER2.nASSGIcap, spec/gicv41.md §13 row 32); none without
	 * a gic */
	if (gic ? (ps->gicd_ctlr & ~gic_gicd_held(gic)) : ps->gicd_ctlr)
		return refuse(
			gic,
			"GICD_CTLR has bits this distributor does not hold");
	ps->has_gicd = gic != NULL;
	if (ps->gic_version != GICITS_GIC_V4_1) {
		if (knob[0] || knob[1] || knob[2] || knob[3] || knob[4] || nrec)
			return refuse(
				gic,
				"GICv4.1 fields on a gic that is not GICv4.1");
		return GICITS_OK;
	}
	/* the ranges gicits_gic_create() accepts */
	if (knob[0] < 1 || knob[0] > 16 || knob[1] > GICITS_V41_APPLY ||
	    knob[2] > GICITS_V41_APPLY || knob[3] > GICITS_V41_READBACK ||
	    knob[4] > GICITS_V41_APPLY)
		return refuse(gic, "vpeid_bits or a v41_* policy out of range");
	if (!gic)
		return GICITS_OK; /* EINVAL later: no gic to restore into */
	c = gic_config(gic);
	if (knob[0] != c->vpeid_bits ||
	    knob[1] != (uint32_t)c->v41_early_write ||
	    knob[2] != (uint32_t)c->v41_no_vprop ||
	    knob[3] != (uint32_t)c->v41_resident_change ||
	    knob[4] != (uint32_t)c->v41_wide_vpeid)
		return GICITS_EINVAL;
	if (nrec > (1u << c->vpeid_bits) ||
	    nrec > (sub->len - sub->pos) / V41_REC_BYTES)
		return refuse(gic, "more vPE records than vPEIDs or bytes");
	ps->nrec = nrec;
	ps->recs = calloc(nrec ? nrec : 1, sizeof(*ps->recs));
	if (!ps->recs)
		return GICITS_ENOMEM;
	for (k = 0; k < nrec; k++) {
		struct gic_v41_vpe_snap *r = &ps->recs[k];
		uint32_t cpu, res, sgi;

		r->vpeid = get32(sub);
		r->vpt = get64(sub);
		r->vconf = get64(sub);
		r->db = get32(sub);
		cpu = get32(sub);
		res = get32(sub);
		w = get32(sub);
		sgi = get32(sub);
		if (!need(sub, 16))
			return GICITS_EFORMAT;
		memcpy(r->sgi_cfg, sub->p + sub->pos, 16);
		sub->pos += 16;
		if (cpu > 0xffff || res > 0xffff || (w >> 24) || sgi > 0xffff)
			return refuse(gic,
				      "vPE record: field beyond its width");
		if (k && r->vpeid <= prev)
			return refuse(
				gic,
				"vPE records not in ascending vPEID order");
		prev = r->vpeid;
		r->cpu = (uint16_t)cpu;
		r->resident = (uint16_t)res;
		r->vpt_size = (uint8_t)w;
		r->flags = (uint8_t)(w >> 8);
		r->grpen = (uint8_t)(w >> 16);
		r->sgi_pend = (uint16_t)sgi;
		err = gic_v41_vpe_check(gic, r, &why);
		if (err)
			return refuse(gic, why);
	}
	return GICITS_OK;
}

/* v3, after every section: a vPE record resident on redistributor k is
 * the vPE virtual side k holds (only schedule41() sets it, only that
 * side's deschedule clears it). */
static int check_v41(struct parsed *ps)
{
	size_t k;

	for (k = 0; k < ps->nrec; k++) {
		const struct gic_v41_vpe_snap *r = &ps->recs[k];
		const struct parsed_cpu *pc;

		if (!r->resident)
			continue;
		pc = &ps->cpus[r->resident - 1u];
		if (!pc->has_v41 || !pc->v41.res || pc->v41.vpeid != r->vpeid)
			return refuse(
				ps->gic,
				"vPE record resident on a redistributor that does not hold it");
	}
	return GICITS_OK;
}

static int parse(struct gicits_gic *gic, struct gicits_its *const *its,
		 size_t n, const uint8_t *p, size_t len, struct parsed *ps)
{
	struct rd r = { p, len, HDR_BYTES, false };
	uint32_t nsec, ncpus, intid_bits, nits, pri_bits;
	uint64_t rd_base, rd_stride;
	struct rd sub;
	size_t i, cursor = 0;
	const char *why;
	int err;

	ps->gic = gic;
	/* header: magic, version, length, CRC (in that order, so that a
	 * snapshot of another version is reported as such) */
	if (!len)
		return GICITS_ETRUNC;
	if (len < sizeof(magic))
		return memcmp(p, magic, len) ? GICITS_EFORMAT : GICITS_ETRUNC;
	if (memcmp(p, magic, sizeof(magic)))
		return GICITS_EFORMAT;
	if (len < 12)
		return GICITS_ETRUNC;
	ps->version = le32_read(p + 8);
	if (ps->version < 1 || ps->version > GICITS_SNAPSHOT_VERSION)
		return GICITS_EVERSION;
	if (len < HDR_BYTES + TRAILER_BYTES)
		return GICITS_ETRUNC;
	if (le64_read(p + 16) > len)
		return GICITS_ETRUNC;
	if (le64_read(p + 16) != len)
		return GICITS_EFORMAT;
	if (snap_crc32(0, p, len - TRAILER_BYTES) !=
	    le32_read(p + len - TRAILER_BYTES))
		return GICITS_EFORMAT;
	if (le32_read(p + 12) || le32_read(p + 28))
		return GICITS_EFORMAT;
	nsec = le32_read(p + 24);
	r.len = len - TRAILER_BYTES;

	err = sec_open(&r, SEC_GIC, &sub);
	if (err)
		return err;
	ncpus = get32(&sub);
	intid_bits = get32(&sub);
	nits = get32(&sub);
	pri_bits = get32(&sub);
	rd_base = get64(&sub);
	rd_stride = get64(&sub);
	ps->gic_version = ps->version >= 2 ? get32(&sub) : GICITS_GIC_V3;
	if (ps->version >= 3) {
		err = parse_v41_gic(&sub, gic, ps);
		if (err)
			return err;
	} else if (ps->gic_version == GICITS_GIC_V4_1) {
		/* version 2 has no GICv4.1 fields */
		return refuse(gic,
			      "a GICv4.1 gic in a snapshot before version 3");
	}
	err = sec_close(&sub);
	if (err)
		return err;
	if (nits > GICITS_SNAPSHOT_MAX_ITS || nsec != 1 + ncpus + nits)
		return GICITS_EFORMAT;
	if (!ncpus) {
		/* ITSes over external sinks: no gic, and nothing of one */
		if (intid_bits || pri_bits || rd_base || rd_stride || !nits ||
		    ps->gic_version)
			return GICITS_EFORMAT;
		if (gic || nits != n)
			return GICITS_EINVAL;
	} else {
		if (ncpus > 65536 || intid_bits < 14 || intid_bits > 32 ||
		    pri_bits < 4 || pri_bits > 8 ||
		    ps->gic_version > GICITS_GIC_V4_1)
			return GICITS_EFORMAT;
		if (!gic || ncpus != gicits_gic_num_cpus(gic) ||
		    intid_bits != gicits_gic_intid_bits(gic) || nits != n ||
		    pri_bits != gic_config(gic)->pri_bits ||
		    rd_base != gic_config(gic)->rd_base ||
		    rd_stride != gic_config(gic)->rd_stride ||
		    ps->gic_version != (uint32_t)gicits_gic_version(gic))
			return GICITS_EINVAL;
	}

	ps->ncpus = ncpus;
	ps->nits = nits;
	/* every pending INTID takes 4 bytes of the string: a bound */
	ps->npending = len / 4;
	ps->cpus = calloc(ncpus ? ncpus : 1, sizeof(*ps->cpus));
	ps->pending = malloc((ps->npending ? ps->npending : 1) *
			     sizeof(*ps->pending));
	ps->its = calloc(nits ? nits : 1, sizeof(*ps->its));
	if (!ps->cpus || !ps->pending || !ps->its)
		return GICITS_ENOMEM;
	for (i = 0; i < ncpus; i++) {
		err = parse_cpu(&r, (unsigned)i, intid_bits, ps, &cursor);
		if (err)
			return err;
	}
	for (i = 0; i < nits; i++) {
		err = parse_its(&r, i, ps->version, &ps->its[i]);
		if (err)
			return err;
	}
	if (r.pos != r.len)
		return GICITS_EFORMAT; /* bytes after the last section */
	/* configuration and values against the targets */
	for (i = 0; i < nits; i++) {
		err = its_snap_check(its[i], &ps->its[i], &why);
		if (err) {
			gic_snap_refused(gic, why);
			return err;
		}
	}
	if (ps->gic_version == GICITS_GIC_V4_1) {
		err = check_v41(ps);
		if (err)
			return err;
		/* the records' pages, built now so that applying cannot
		 * fail for them */
		err = gic_v41_vpe_prepare(gic, ps->recs, ps->nrec, &ps->pages);
		if (err)
			return err;
	}
	return GICITS_OK;
}

int gicits_snapshot_restore(struct gicits_gic *gic,
			    struct gicits_its *const *its, size_t n,
			    const void *buf, size_t len)
{
	struct parsed ps;
	size_t i;
	int err;

	if (!buf && len)
		return GICITS_EINVAL;
	err = check_args(gic, its, n);
	if (err)
		return err;
	memset(&ps, 0, sizeof(ps));
	err = parse(gic, its, n, buf, len, &ps);
	if (err) {
		parsed_free(&ps);
		return err;
	}
	for (i = 0; i < ps.ncpus && !err; i++) {
		err = gic_cpu_restore(gic, (unsigned)i, &ps.cpus[i].snap,
				      ps.pending + ps.cpus[i].first,
				      ps.cpus[i].npending);
		if (!err && ps.cpus[i].has_v41)
			err = gic_v41_side_restore(
				gic, (unsigned)i, &ps.cpus[i].vsnap,
				&ps.cpus[i].v41, ps.pending + ps.cpus[i].vfirst,
				ps.cpus[i].vnpending);
		else if (!err && ps.cpus[i].has_v)
			err = gic_vcpu_restore(gic, (unsigned)i,
					       &ps.cpus[i].vsnap,
					       ps.pending + ps.cpus[i].vfirst,
					       ps.cpus[i].vnpending);
	}
	if (!err && ps.has_gicd)
		err = gic_gicd_restore(gic, ps.gicd_ctlr); /* checked: OK */
	/* GICv4.1: the per-vPE records, all at once (built in parse()) */
	if (!err && ps.pages) {
		gic_v41_vpe_install(gic, ps.pages);
		ps.pages = NULL;
	}
	for (i = 0; i < ps.nits && !err; i++)
		its_snap_apply(its[i], &ps.its[i]);
	parsed_free(&ps);
	return err;
}

int gicits_snapshot_rebuild_index(struct gicits_its *its)
{
	if (!its)
		return GICITS_EINVAL;
	its_snap_rebuild_index(its);
	return GICITS_OK;
}
