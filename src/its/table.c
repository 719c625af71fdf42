/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ITS tables in guest memory: GITS_BASER<n> decoding, the one function that
 * computes an entry's address for flat and two-level tables alike, the one
 * walker over a table's entries and over an ITT, and the get/put pair of
 * each entry type.  Nothing else touches raw entry bits.  Calls nothing
 * else in src/its (its_internal.h, layering).
 */
#include "its_internal.h"

#include <string.h>

#include "common/bits.h"
#include "gicits/error.h"
#include "its_fields.h"
#include "rdist/rdist_internal.h"

static uint64_t page_bytes(uint64_t baser)
{
	/* IHI 0069 GITS_BASER<n>.Page_Size: 0b11 is reserved and treated as
	 * 64 KB. */
	switch (bits_get(baser, GITS_BASER_PAGE_SIZE)) {
	case 0:
		return 4096;
	case 1:
		return 16384;
	default:
		return 65536;
	}
}

static void decode_one(uint64_t baser, struct table *t)
{
	memset(t, 0, sizeof(*t));
	t->valid = bits_get(baser, GITS_BASER_VALID);
	t->indirect = bits_get(baser, GITS_BASER_INDIRECT);
	t->page = page_bytes(baser);
	t->esz = (unsigned)bits_get(baser, GITS_BASER_ENTRY_SIZE) + 1;
	t->bytes = (bits_get(baser, GITS_BASER_SIZE) + 1) * t->page;
	if (t->page == 65536)
		/* 64 KB pages: reg[47:16] = PA[47:16], reg[15:12] = PA[51:48] */
		t->base = bits_set(baser & bits_mask(GITS_BASER_PA_64K),
				   PA_HI_64K,
				   bits_get(baser, GITS_BASER_PA_64K_HI));
	else
		/* CONSTRAINED UNPREDICTABLE if not page aligned: gicits
		 * treats the low bits as zero. */
		t->base = baser & bits_mask(GITS_BASER_PA) & ~(t->page - 1);
}

void table_decode(struct gicits_its *its)
{
	decode_one(its->baser[0], &its->dt);
	decode_one(its->baser[1], &its->ct);
	decode_one(its->baser[2], &its->vt); /* 0 (invalid) unless virtual */
	atomic_store_explicit(&its->dt_raw, its->baser[0],
			      memory_order_relaxed);
	atomic_store_explicit(&its->ct_raw, its->baser[1],
			      memory_order_relaxed);
	atomic_store_explicit(&its->vt_raw, its->baser[2],
			      memory_order_relaxed);
}

void table_load_vt(const struct gicits_its *its, struct table *vt)
{
	struct gicits_its *m = (struct gicits_its *)its; /* atomics only */

	decode_one(atomic_load_explicit(&m->vt_raw, memory_order_relaxed), vt);
}

void table_load(const struct gicits_its *its, struct table *dt,
		struct table *ct)
{
	struct gicits_its *m = (struct gicits_its *)its; /* atomics only */

	decode_one(atomic_load_explicit(&m->dt_raw, memory_order_relaxed), dt);
	if (ct)
		decode_one(
			atomic_load_explicit(&m->ct_raw, memory_order_relaxed),
			ct);
}

enum lookup table_entry_addr(struct gicits_its *its, const struct table *t,
			     uint64_t idx, uint64_t *addr)
{
	uint64_t per_page, l1i, desc;
	uint8_t buf[8];

	if (!t->valid)
		return LOOKUP_OOR;
	if (!t->indirect) {
		if (idx >= t->bytes / t->esz)
			return LOOKUP_OOR;
		*addr = t->base + idx * t->esz;
		return LOOKUP_OK;
	}
	per_page = t->page / t->esz;
	l1i = idx / per_page;
	if (l1i >= t->bytes / 8)
		return LOOKUP_OOR;
	if (gicits_mem_read(its->mem, t->base + l1i * 8, buf, 8))
		return LOOKUP_FAULT;
	desc = le64_read(buf);
	/* Level-1 descriptor: [63] Valid, [51:N] level-2 page address. */
	if (!bits_get(desc, L1_DESC_VALID))
		return LOOKUP_NO_L2;
	*addr = (desc & bits_mask(L1_DESC_PA) & ~(t->page - 1)) +
		(idx % per_page) * t->esz;
	return LOOKUP_OK;
}

/*
 * The one walker: level-1 descriptors are read once per level-2 page, not
 * once per entry.  An entry whose level-2 page is absent, or beyond the
 * table, is skipped; a level-1 read fault is skipped too unless
 * @stop_on_fault, which returns GICITS_EFAULT.
 */
int table_foreach(struct gicits_its *its, const struct table *t, uint64_t limit,
		  bool stop_on_fault, table_fn *fn, void *ctx)
{
	uint64_t chunk, cap, start, j, a0;
	int err;

	if (!t->valid || !t->esz)
		return GICITS_OK;
	chunk = t->indirect ? t->page / t->esz : t->bytes / t->esz;
	if (!chunk)
		return GICITS_OK;
	cap = t->indirect ? (t->bytes / 8) * chunk : chunk;
	if (limit > cap)
		limit = cap;
	for (start = 0; start < limit; start += chunk) {
		switch (table_entry_addr(its, t, start, &a0)) {
		case LOOKUP_OK:
			break;
		case LOOKUP_FAULT:
			if (stop_on_fault)
				return GICITS_EFAULT;
			continue;
		default:
			continue; /* beyond the table, no level-2 page */
		}
		for (j = 0; j < chunk && start + j < limit; j++) {
			err = fn(ctx, start + j, a0 + j * t->esz);
			if (err)
				return err;
		}
	}
	return GICITS_OK;
}

int itt_foreach(struct gicits_its *its, const struct dte *d, uint64_t limit,
		itt_fn *fn, void *ctx)
{
	struct ite e;
	uint64_t ev;
	int err;

	for (ev = 0; ev < limit; ev++) {
		if (ite_read(its, d, (uint32_t)ev, &e))
			return GICITS_EFAULT;
		err = fn(ctx, (uint32_t)ev, &e);
		if (err)
			return err;
	}
	return GICITS_OK;
}

/* DTE: [63] Valid, [48:5] ITT_addr[51:8], [4:0] Size. */
int dte_read(struct gicits_its *its, uint64_t addr, struct dte *d)
{
	uint8_t buf[8];
	uint64_t v;

	memset(d, 0, sizeof(*d));
	if (gicits_mem_read(its->mem, addr, buf, 8))
		return GICITS_EFAULT;
	v = le64_read(buf);
	d->valid = bits_get(v, DTE_VALID);
	d->size = (uint8_t)bits_get(v, DTE_SIZE);
	d->itt = bits_get(v, DTE_ITT_ADDR) << 8;
	return GICITS_OK;
}

int dte_write(struct gicits_its *its, uint64_t addr, const struct dte *d)
{
	uint8_t buf[8];
	uint64_t v = 0;

	if (d->valid) {
		v = bits_set(v, DTE_VALID, 1);
		v = bits_set(v, DTE_ITT_ADDR, d->itt >> 8);
		v = bits_set(v, DTE_SIZE, d->size);
	}
	le64_write(buf, v);
	return gicits_mem_write(its->mem, addr, buf, 8);
}

/* CTE: [63] Valid, [51:16] RDbase, [15:0] ICID. */
int cte_read(struct gicits_its *its, uint64_t addr, struct cte *c)
{
	uint8_t buf[8];
	uint64_t v;

	memset(c, 0, sizeof(*c));
	if (gicits_mem_read(its->mem, addr, buf, 8))
		return GICITS_EFAULT;
	v = le64_read(buf);
	c->valid = bits_get(v, CTE_VALID);
	c->rdbase = bits_get(v, CTE_RDBASE);
	return GICITS_OK;
}

int cte_write(struct gicits_its *its, uint64_t addr, uint32_t icid,
	      const struct cte *c)
{
	uint8_t buf[8];
	uint64_t v = 0;

	if (c->valid) {
		v = bits_set(v, CTE_VALID, 1);
		v = bits_set(v, CTE_RDBASE, c->rdbase);
		v = bits_set(v, CTE_ICID, icid);
	}
	le64_write(buf, v);
	return gicits_mem_write(its->mem, addr, buf, 8);
}

/* ITE bytes 0..7: [47:16] pINTID or vINTID (0 = invalid), [15:0] ICID or
 * vPEID; the word at byte 8 (GICv4, ite_size >= 12): [31] Virtual,
 * [23:0] doorbell.  A GICv3 ITS reads bytes 0..7 only: the word is
 * written 0 and never looked at. */
int ite_read(struct gicits_its *its, const struct dte *d, uint32_t event,
	     struct ite *e)
{
	unsigned n = its_virtual(&its->cfg) ? 12 : 8;
	uint8_t buf[12];
	uint64_t v;
	uint32_t w2;

	memset(e, 0, sizeof(*e));
	if (gicits_mem_read(its->mem,
			    d->itt + (uint64_t)event * its->cfg.ite_size, buf,
			    n))
		return GICITS_EFAULT;
	v = le64_read(buf);
	e->intid = (uint32_t)bits_get(v, ITE_PINTID);
	e->icid = (uint16_t)bits_get(v, ITE_ICID);
	e->valid = e->intid != 0;
	if (n == 12) {
		w2 = le32_read(buf + 8);
		e->virt = bits_get(w2, ITE_W2_VIRTUAL);
		e->db = e->virt ? (uint32_t)bits_get(w2, ITE_W2_DOORBELL) : 0;
	}
	return GICITS_OK;
}

int ite_write(struct gicits_its *its, const struct dte *d, uint32_t event,
	      const struct ite *e)
{
	uint8_t buf[16];
	uint64_t v = 0;

	memset(buf, 0, sizeof(buf));
	if (e->valid) {
		v = bits_set(v, ITE_PINTID, e->intid);
		v = bits_set(v, ITE_ICID, e->icid);
		if (e->virt)
			le32_write(buf + 8,
				   (uint32_t)bits_set(
					   bits_set(0, ITE_W2_VIRTUAL, 1),
					   ITE_W2_DOORBELL, e->db));
	}
	le64_write(buf, v);
	return gicits_mem_write(its->mem,
				d->itt + (uint64_t)event * its->cfg.ite_size,
				buf, its->cfg.ite_size);
}

/* vPE table entry (<gicits/its.h>): [63] Valid, [62:58] VPT_size,
 * [51:16] VPT_addr[51:16], [15:0] target processor number. */
int vpte_read(struct gicits_its *its, uint64_t addr, struct vpte *v)
{
	uint8_t buf[8];
	uint64_t w;

	memset(v, 0, sizeof(*v));
	if (gicits_mem_read(its->mem, addr, buf, 8))
		return GICITS_EFAULT;
	w = le64_read(buf);
	v->valid = bits_get(w, VPTE_VALID);
	v->vpt_size = (uint8_t)bits_get(w, VPTE_VPT_SIZE);
	v->vpt = bits_get(w, VPTE_VPT_ADDR) << 16;
	v->cpu = (uint16_t)bits_get(w, VPTE_CPU);
	/* An entry written behind the ITS (UNPREDICTABLE) that names no
	 * redistributor is no mapping: every user indexes redistributors by
	 * it (found by test_vmovp_multi hostile_entry). */
	if (v->cpu >= (its->gic ? gicits_gic_num_cpus(its->gic) :
				  its->sink_cpus))
		v->valid = false;
	return GICITS_OK;
}

int vpte41_write(struct gicits_its *its, uint64_t addr, uint64_t vconf,
		 uint32_t db)
{
	uint8_t buf[8];

	le64_write(buf, bits_set(bits_set(0, VPTE41_VCONF, vconf >> 16),
				 VPTE41_DB, db));
	return gicits_mem_write(its->mem, addr + 8, buf, 8);
}

int vpte_write(struct gicits_its *its, uint64_t addr, const struct vpte *v)
{
	uint8_t buf[8];
	uint64_t w = 0;

	if (v->valid) {
		w = bits_set(w, VPTE_VALID, 1);
		w = bits_set(w, VPTE_VPT_SIZE, v->vpt_size);
		w = bits_set(w, VPTE_VPT_ADDR, v->vpt >> 16);
		w = bits_set(w, VPTE_CPU, v->cpu);
	}
	le64_write(buf, w);
	return gicits_mem_write(its->mem, addr, buf, 8);
}

void (*_Atomic its_test_vlpi_hook)(uint32_t vintid);

/* The VPT is a bitmap indexed by vINTID, like a physical LPI pending
 * table (IHI 0069 / GICR_VPENDBASER: the virtual LPI Pending table).  The
 * byte's read-modify-write is under the VPT lock: two MSIs setting bits of
 * one byte must not lose one (the guest-memory interface has no atomic
 * OR).  Over a gic it is the gic's, which every ITS on it and the
 * redistributors' VPT load and write-back share (docs/concurrency.md L7). */
int vpt_bit(struct gicits_its *its, const struct vpte *v, uint32_t vintid,
	    enum vpt_op op, bool *was)
{
	uint64_t addr = v->vpt + vintid / 8;
	uint8_t b, m = (uint8_t)(1u << (vintid % 8));
	int err;

	mtx_t *lock = its->gic ? gic_vpt_lock(its->gic) : &its->vpt_lock;

	mtx_lock(lock);
	err = gicits_mem_read(its->mem, addr, &b, 1);
	if (!err && was)
		*was = b & m;
	if (!err && op != VPT_TEST && ((op == VPT_SET) != (bool)(b & m))) {
		b = op == VPT_SET ? (uint8_t)(b | m) : (uint8_t)(b & ~m);
		err = gicits_mem_write(its->mem, addr, &b, 1);
	}
	mtx_unlock(lock);
	return err ? GICITS_EFAULT : GICITS_OK;
}
