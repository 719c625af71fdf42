/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * KVM ITS table ABI revision 0: import of KVM tables into an ITS (see
 * kvm.c).
 */
#include <stdlib.h>
#include <string.h>

#include "common/bits.h"
#include "gicits/error.h"
#include "gicits/snapshot.h"
#include "kvm_internal.h"
#include "its/its_sink.h"

struct chain {
	const struct gicits_mem *mem;
	uint64_t base; /* address of entry 0 */
	uint64_t nent; /* entries in this table (or level-2 page) */
	uint64_t first_id; /* ID of entry 0 */
	unsigned next_hi, next_lo; /* the "next" field */
	uint32_t cap; /* the largest "next" KVM writes */
	bool end_is_error; /* "next" beyond nent is malformed */
};

/* A chain whose "next" field is [@hi:@lo], capped at its largest value. */
static void chain_init_(struct chain *c, const struct gicits_mem *mem,
			unsigned hi, unsigned lo)
{
	memset(c, 0, sizeof(*c));
	c->mem = mem;
	c->next_hi = hi;
	c->next_lo = lo;
	c->cap = (uint32_t)(bits_mask(hi, lo) >> lo);
}
#define chain_init(c, mem, f) chain_init_((c), (mem), f)

/* KVM's scan_its_table(): an invalid entry moves on by one, a valid one by
 * its next field, 0 ends the table.  @valid decides validity; @fn takes the
 * valid entries. */
static int chain_scan(const struct chain *c, bool (*valid)(uint64_t v),
		      int (*fn)(void *ctx, uint64_t id, uint64_t v), void *ctx)
{
	uint64_t idx = 0, v, next, arrived = 0; /* "next" that got us here */
	int err;

	while (idx < c->nent) {
		err = kvm_read64(c->mem, c->base + idx * KVM_ESZ, &v);
		if (err)
			return err;
		if (!valid(v)) {
			/* a "next" must land on a valid entry unless it was
			 * capped (the gap was larger than the field) */
			if (arrived && arrived != c->cap)
				return GICITS_EFORMAT;
			arrived = 0;
			idx++;
			continue;
		}
		err = fn(ctx, c->first_id + idx, v);
		if (err)
			return err;
		next = bits_get(v, c->next_hi, c->next_lo);
		if (!next)
			return GICITS_OK;
		if (next >= c->nent - idx)
			return c->end_is_error ? GICITS_EFORMAT : GICITS_OK;
		idx += next;
		arrived = next;
	}
	return GICITS_OK;
}

static bool dte_valid(uint64_t v)
{
	return bits_get(v, DTE_VALID);
}

static bool ite_valid(uint64_t v)
{
	return bits_get(v, ITE_PINTID) != 0;
}

struct im_ctx {
	struct gicits_its *its;
	const struct gicits_kvm_tables *src;
	struct kst *k;
};

static int im_dte(void *ctx, uint64_t id, uint64_t v)
{
	struct im_ctx *x = ctx;
	struct gicits_its *its = x->its;
	struct kdev d;

	memset(&d, 0, sizeof(d));
	if (id >> 32 || (its->cfg.devbits < 32 && id >> its->cfg.devbits))
		return GICITS_ERANGE;
	d.devid = (uint32_t)id;
	d.size = (uint8_t)bits_get(v, DTE_SIZE);
	d.itt = bits_get(v, DTE_ITT_ADDR) << 8;
	if (d.size + 1u > its->cfg.idbits)
		return GICITS_ERANGE;
	switch (table_entry_addr(its, &its->dt, id, &d.addr)) {
	case LOOKUP_OK:
		break;
	case LOOKUP_FAULT:
		return GICITS_EFAULT;
	default:
		return GICITS_ERANGE; /* beyond the table, no level-2 page */
	}
	return kvm_push_dev(x->k, &d);
}

static int im_ite(void *ctx, uint64_t id, uint64_t v)
{
	struct im_ctx *x = ctx;
	unsigned ibits = x->its->intid_bits;
	struct kite e;

	e.event = (uint32_t)id;
	e.intid = (uint32_t)bits_get(v, ITE_PINTID);
	e.icid = (uint16_t)bits_get(v, ITE_ICID);
	if (e.intid < GICITS_LPI_BASE || (ibits < 32 && e.intid >> ibits))
		return GICITS_ERANGE;
	if (!its_icid_in_range(x->its, e.icid))
		return GICITS_ERANGE;
	return kvm_push_ite(x->k, &e);
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

struct range {
	uint64_t lo, hi;
};

static int cmp_range(const void *a, const void *b)
{
	return cmp_u64(&((const struct range *)a)->lo,
		       &((const struct range *)b)->lo);
}

static int im_devices(struct gicits_its *its,
		      const struct gicits_kvm_tables *src, struct im_ctx *x)
{
	struct chain c;
	uint64_t n1, i, desc, *l2 = NULL;
	size_t nl2 = 0;
	int err = GICITS_OK;

	chain_init(&c, its->mem, DTE_NEXT);
	if (!src->dt_indirect) {
		c.base = src->dt_base;
		c.nent = src->dt_bytes / KVM_ESZ;
		c.end_is_error = true;
		return chain_scan(&c, dte_valid, im_dte, x);
	}
	/* two-level: every valid level-1 descriptor names a 64 KB page of
	 * 8192 DTEs, scanned on its own (KVM's handle_l2()); two descriptors
	 * naming one page are refused before anything is scanned */
	n1 = src->dt_bytes / KVM_ESZ;
	l2 = malloc((n1 ? n1 : 1) * sizeof(*l2));
	if (!l2)
		return GICITS_ENOMEM;
	for (i = 0; i < n1 && !err; i++) {
		err = kvm_read64(its->mem, src->dt_base + i * KVM_ESZ, &desc);
		if (!err && bits_get(desc, L1_DESC_VALID))
			l2[nl2++] = desc & bits_mask(KVM_L1_DESC_PA);
	}
	if (!err && nl2 > 1) {
		qsort(l2, nl2, sizeof(*l2), cmp_u64);
		for (i = 1; i < nl2; i++)
			if (l2[i] == l2[i - 1])
				err = GICITS_ELOOP;
	}
	for (i = 0; i < n1 && !err; i++) {
		err = kvm_read64(its->mem, src->dt_base + i * KVM_ESZ, &desc);
		if (err || !bits_get(desc, L1_DESC_VALID))
			continue;
		c.base = desc & bits_mask(KVM_L1_DESC_PA);
		c.nent = KVM_L2_ENTRIES;
		c.first_id = i * KVM_L2_ENTRIES;
		c.end_is_error = false;
		err = chain_scan(&c, dte_valid, im_dte, x);
	}
	free(l2);
	return err;
}

static int im_itts(struct gicits_its *its, struct im_ctx *x)
{
	struct kst *k = x->k;
	struct range *r;
	struct chain c;
	size_t i;
	int err = GICITS_OK;

	chain_init(&c, its->mem, ITE_NEXT);
	c.end_is_error = true;
	for (i = 0; i < k->ndev && !err; i++) {
		struct kdev *d = &k->dev[i];

		c.base = d->itt;
		c.nent = 1ULL << (d->size + 1u);
		d->first = k->nite;
		err = chain_scan(&c, ite_valid, im_ite, x);
		d->n = k->nite - d->first;
	}
	if (err || k->ndev < 2)
		return err;
	/* two devices whose ITTs overlap share entries */
	r = malloc(k->ndev * sizeof(*r));
	if (!r)
		return GICITS_ENOMEM;
	for (i = 0; i < k->ndev; i++) {
		r[i].lo = k->dev[i].itt;
		r[i].hi = k->dev[i].itt +
			  (1ULL << (k->dev[i].size + 1u)) * KVM_ESZ;
	}
	qsort(r, k->ndev, sizeof(*r), cmp_range);
	for (i = 1; i < k->ndev && !err; i++)
		if (r[i].lo < r[i - 1].hi)
			err = GICITS_ELOOP;
	free(r);
	return err;
}

static int im_collections(struct gicits_its *its,
			  const struct gicits_kvm_tables *src, struct kst *k)
{
	uint64_t n = src->ct_bytes / KVM_ESZ, i, v, addr;
	uint8_t *seen;
	struct kcol kc;
	int err = GICITS_OK;

	seen = calloc(65536 / 8, 1);
	if (!seen)
		return GICITS_ENOMEM;
	for (i = 0; i < n && !err; i++) {
		err = kvm_read64(its->mem, src->ct_base + i * KVM_ESZ, &v);
		if (err)
			break;
		if (!bits_get(v, CTE_VALID))
			break; /* the terminator */
		if (bits_get(v, CTE_RES0)) {
			err = GICITS_EFORMAT;
			break;
		}
		kc.icid = (uint32_t)bits_get(v, CTE_ICID);
		kc.rdbase = bits_get(v, CTE_RDBASE);
		if (seen[kc.icid / 8] & (1u << (kc.icid % 8))) {
			err = GICITS_EFORMAT;
			break;
		}
		seen[kc.icid / 8] |= (uint8_t)(1u << (kc.icid % 8));
		if (kc.icid >= its->cfg.hcc && !its->ct.valid) {
			err = GICITS_ESTATE;
			break;
		}
		if (!its_icid_in_range(its, kc.icid) ||
		    !its_rdbase_to_cpu(its, kc.rdbase, false, &kc.cpu)) {
			err = GICITS_ERANGE;
			break;
		}
		if (kc.icid >= its->cfg.hcc) {
			switch (table_entry_addr(its, &its->ct, kc.icid,
						 &addr)) {
			case LOOKUP_OK:
				break;
			case LOOKUP_FAULT:
				err = GICITS_EFAULT;
				continue;
			default:
				err = GICITS_ERANGE;
				continue;
			}
		}
		err = kvm_push_col(k, &kc);
	}
	free(seen);
	return err;
}

/* Apply: every DTE / CTE slot of the ITS's tables, valid or not. */
struct ap_ctx {
	struct gicits_its *its;
	struct kst *k;
	size_t next; /* next device (sorted by DeviceID) */
	const struct cte *ctes; /* per ICID, for the collection table */
};

static int ap_dte(void *ctx, uint64_t id, uint64_t addr)
{
	struct ap_ctx *a = ctx;
	struct dte d;

	memset(&d, 0, sizeof(d));
	while (a->next < a->k->ndev && a->k->dev[a->next].devid < id)
		a->next++;
	if (a->next < a->k->ndev && a->k->dev[a->next].devid == id) {
		d.valid = true;
		d.size = a->k->dev[a->next].size;
		d.itt = a->k->dev[a->next].itt;
	}
	return dte_write(a->its, addr, &d) ? GICITS_EFAULT : GICITS_OK;
}

static int ap_cte(void *ctx, uint64_t id, uint64_t addr)
{
	struct ap_ctx *a = ctx;

	if (id < a->its->cfg.hcc)
		return GICITS_OK;
	return cte_write(a->its, addr, (uint32_t)id, &a->ctes[id]) ?
		       GICITS_EFAULT :
		       GICITS_OK;
}

static int import_apply(struct gicits_its *its, struct kst *k)
{
	struct ap_ctx a;
	struct cte *ctes;
	struct ite e;
	struct dte d;
	size_t i, j;
	int err;

	/* one slot per ICID, and at least the 256 HCC registers */
	ctes = calloc(its->cfg.cidbits > 8 ? (size_t)1 << its->cfg.cidbits :
					     256,
		      sizeof(*ctes));
	if (!ctes)
		return GICITS_ENOMEM;
	for (i = 0; i < k->ncol; i++) {
		ctes[k->col[i].icid].valid = true;
		ctes[k->col[i].icid].rdbase = k->col[i].rdbase;
	}
	a.its = its;
	a.k = k;
	a.next = 0;
	a.ctes = ctes;
	/* ITEs first: their ITTs are the KVM ITTs, rewritten in place: the
	 * whole ITT is cleared (bytes the "next" chain skipped -- which KVM
	 * never reads -- must not become mappings, as gicits reads any
	 * non-zero pINTID as valid), then the imported ITEs are written
	 * without their next field */
	err = GICITS_OK;
	for (i = 0; i < k->ndev && !err; i++) {
		d.valid = true;
		d.size = k->dev[i].size;
		d.itt = k->dev[i].itt;
		err = kvm_zero_area(its->mem, d.itt,
				    (1ULL << (d.size + 1u)) * KVM_ESZ);
		for (j = 0; j < k->dev[i].n && !err; j++) {
			struct kite *ki = &k->ite[k->dev[i].first + j];

			e.valid = true;
			e.virt = false; /* KVM ABI rev 0: physical ITEs */
			e.db = 0;
			e.intid = ki->intid;
			e.icid = ki->icid;
			if (ite_write(its, &d, ki->event, &e))
				err = GICITS_EFAULT;
		}
	}
	if (!err)
		err = table_foreach(its, &its->dt, kvm_devid_limit(its), true,
				    ap_dte, &a);
	if (!err)
		err = table_foreach(its, &its->ct, 1ULL << its->cfg.cidbits,
				    true, ap_cte, &a);
	if (!err)
		for (i = 0; i < its->cfg.hcc && i < 256; i++)
			its_hcc_set(its, i, &ctes[i]);
	free(ctes);
	return err;
}

/* Read, validate, then write (lock held). */
static int import_locked(struct gicits_its *its, void *ctx)
{
	struct im_ctx *x = ctx;
	int err;

	table_decode(its);
	err = its->dt.valid ? GICITS_OK : GICITS_ESTATE;
	if (!err)
		err = im_devices(its, x->src, x);
	if (!err)
		err = im_itts(its, x);
	if (!err)
		err = im_collections(its, x->src, x->k);
	if (!err)
		err = import_apply(its, x->k);
	if (!err)
		its_index_rebuild(its);
	return err;
}

int gicits_snapshot_kvm_import(struct gicits_its *its,
			       const struct gicits_kvm_tables *src)
{
	struct kst k;
	struct im_ctx x;
	int err;

	if (!its || !src || !kvm_area_ok(src->dt_base, src->dt_bytes) ||
	    !kvm_area_ok(src->ct_base, src->ct_bytes))
		return GICITS_EINVAL;
	if (its->cfg.ite_size != KVM_ESZ || its->cfg.pta)
		return GICITS_ENOTSUP;
	memset(&k, 0, sizeof(k));
	x.its = its;
	x.src = src;
	x.k = &k;
	err = its_call_locked(its, import_locked, &x);
	kvm_kst_free(&k);
	return err;
}
