/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * gicits snapshots: the state the library keeps beside guest memory, as a
 * versioned, CRC-checked byte string (format in docs/snapshot.md).
 *
 * Layout, little endian:
 *
 *   header   0  magic "GICITSSN"
 *            8  u32 version (GICITS_SNAPSHOT_VERSION, 2; 1 is read too:
 *               it is version 2 without the GICv4.0 fields)
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
	/* GICv4.1 state (default doorbells, vSGIs, the shared vPE table's
	 * residency) has no snapshot format yet: refuse rather than save a
	 * snapshot that would restore without it */
	if (gic && gicits_gic_version(gic) == GICITS_GIC_V4_1)
		return GICITS_ENOTSUP;
	return GICITS_OK;
}

static int build(struct gicits_gic *gic, struct gicits_its *const *its,
		 size_t n, struct wr *w)
{
	unsigned ncpus = gic ? gicits_gic_num_cpus(gic) : 0, cpu, k;
	struct gic_cpu_snap *cs;
	struct gic_vcpu_snap *vs;
	struct its_snap *is;
	size_t at, cnt_at, i;
	int err;

	cs = malloc(sizeof(*cs));
	vs = malloc(sizeof(*vs));
	is = malloc(sizeof(*is));
	if (!cs || !vs || !is) {
		free(cs);
		free(vs);
		free(is);
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
		 * registers, vCPU interface and resident set */
		if (gicits_gic_version(gic) != GICITS_GIC_V4_0) {
			put32(w, 0);
		} else {
			err = gic_vcpu_save(gic, cpu, vs);
			if (err)
				goto out;
			put32(w, 1);
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
};

struct parsed {
	uint32_t version; /* of the snapshot: 1 or 2 */
	uint32_t gic_version; /* GICITS_GIC_* (v1: GICv3) */
	unsigned ncpus;
	struct parsed_cpu *cpus;
	uint32_t *pending;
	size_t npending;
	struct its_snap *its;
	size_t nits;
};

static void parsed_free(struct parsed *ps)
{
	free(ps->cpus);
	free(ps->pending);
	free(ps->its);
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
	uint32_t flags = get32(sub), vpmr, vintid, prev = 0, idb;
	uint64_t limit;
	size_t k, n;

	memset(v, 0, sizeof(*v));
	if (sub->short_ || (flags & ~1u) ||
	    (flags != 0) != (ps->gic_version == GICITS_GIC_V4_0))
		return GICITS_EFORMAT;
	pc->has_v = flags & 1;
	if (!pc->has_v)
		return GICITS_OK;
	v->vpropbaser = get64(sub);
	v->vpendbaser = get64(sub);
	v->dirty_left = get32(sub);
	vpmr = get32(sub);
	v->nactive = get32(sub);
	if (sub->short_ || (v->vpropbaser & ~gic_vpropbaser_bits()) ||
	    (v->vpendbaser & ~gic_vpendbaser_bits()) || vpmr > 0xff ||
	    v->nactive > sizeof(v->active) || v->dirty_left > 1000000)
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
	return sec_close(&sub);
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
	if (ps->version != 1 && ps->version != GICITS_SNAPSHOT_VERSION)
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
		if (!err && ps.cpus[i].has_v)
			err = gic_vcpu_restore(gic, (unsigned)i,
					       &ps.cpus[i].vsnap,
					       ps.pending + ps.cpus[i].vfirst,
					       ps.cpus[i].vnpending);
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
