/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The KVM ITS table ABI revision 0 (docs/snapshot.md; Linux
 * Documentation/virt/kvm/devices/arm-vgic-its.rst): export of an ITS's
 * state as KVM tables (here), import of KVM tables into an ITS
 * (kvm_import.c).
 *
 * Both directions first read everything into lists (devices, ITEs,
 * collections) and validate them, then write: a failed import leaves the
 * ITS as it was, and an import whose KVM tables are the ITS's own tables
 * (KVM's restore order) never overwrites an entry it has yet to read.
 * Both walk the ITS's tables with its walker (table_foreach()) and hold
 * its lock through its_call_locked().
 */
#include <stdlib.h>
#include <string.h>

#include "common/bits.h"
#include "gicits/error.h"
#include "gicits/snapshot.h"
#include "kvm_internal.h"
#include "its/its_sink.h"

/* ---- the lists, guest memory ---- */

static int grow(void **arr, size_t *cap, size_t n, size_t esz)
{
	void *p;
	size_t nc;

	if (n < *cap)
		return GICITS_OK;
	nc = *cap ? *cap * 2 : 64;
	p = realloc(*arr, nc * esz);
	if (!p)
		return GICITS_ENOMEM;
	*arr = p;
	*cap = nc;
	return GICITS_OK;
}

int kvm_push_dev(struct kst *k, const struct kdev *d)
{
	if (grow((void **)&k->dev, &k->capdev, k->ndev, sizeof(*d)))
		return GICITS_ENOMEM;
	k->dev[k->ndev++] = *d;
	return GICITS_OK;
}

int kvm_push_ite(struct kst *k, const struct kite *e)
{
	if (grow((void **)&k->ite, &k->capite, k->nite, sizeof(*e)))
		return GICITS_ENOMEM;
	k->ite[k->nite++] = *e;
	return GICITS_OK;
}

int kvm_push_col(struct kst *k, const struct kcol *c)
{
	if (grow((void **)&k->col, &k->capcol, k->ncol, sizeof(*c)))
		return GICITS_ENOMEM;
	k->col[k->ncol++] = *c;
	return GICITS_OK;
}

void kvm_kst_free(struct kst *k)
{
	free(k->dev);
	free(k->ite);
	free(k->col);
}

bool kvm_area_ok(uint64_t base, uint64_t bytes)
{
	return bytes % 8 == 0 && base + bytes >= base;
}

int kvm_read64(const struct gicits_mem *mem, uint64_t gpa, uint64_t *v)
{
	uint8_t b[8];

	if (gicits_mem_read(mem, gpa, b, 8))
		return GICITS_EFAULT;
	*v = le64_read(b);
	return GICITS_OK;
}

int kvm_write64(const struct gicits_mem *mem, uint64_t gpa, uint64_t v)
{
	uint8_t b[8];

	le64_write(b, v);
	return gicits_mem_write(mem, gpa, b, 8) ? GICITS_EFAULT : GICITS_OK;
}

int kvm_zero_area(const struct gicits_mem *mem, uint64_t gpa, uint64_t bytes)
{
	static const uint8_t zero[4096];
	uint64_t k;

	while (bytes) {
		k = bytes < sizeof(zero) ? bytes : sizeof(zero);
		if (gicits_mem_write(mem, gpa, zero, (size_t)k))
			return GICITS_EFAULT;
		gpa += k;
		bytes -= k;
	}
	return GICITS_OK;
}

uint64_t kvm_devid_limit(const struct gicits_its *its)
{
	return its->cfg.devbits >= 32 ? 1ULL << 32 : 1ULL << its->cfg.devbits;
}

/* ---- export ---- */

struct ex_ctx {
	struct gicits_its *its;
	struct kst *k;
};

static int ex_ite(void *ctx, uint32_t event, const struct ite *e)
{
	struct ex_ctx *x = ctx;
	struct kite ki;

	if (!e->valid)
		return GICITS_OK;
	ki.event = event;
	ki.intid = e->intid;
	ki.icid = e->icid;
	return kvm_push_ite(x->k, &ki);
}

static int ex_dte(void *ctx, uint64_t id, uint64_t addr)
{
	struct ex_ctx *x = ctx;
	struct kdev d;
	struct dte dte;
	int err;

	if (dte_read(x->its, addr, &dte))
		return GICITS_EFAULT;
	if (!dte.valid)
		return GICITS_OK;
	memset(&d, 0, sizeof(d));
	d.devid = (uint32_t)id;
	d.size = dte.size;
	d.itt = dte.itt;
	d.first = x->k->nite;
	err = itt_foreach(x->its, &dte, 1ULL << (dte.size + 1u), ex_ite, x);
	if (err)
		return err;
	d.n = x->k->nite - d.first;
	return kvm_push_dev(x->k, &d);
}

static int ex_col(struct gicits_its *its, struct kst *k, uint32_t icid,
		  const struct cte *c)
{
	struct kcol kc;

	if (!c->valid)
		return GICITS_OK;
	kc.icid = icid;
	kc.rdbase = c->rdbase;
	if (!its_rdbase_to_cpu(its, c->rdbase, its->cfg.pta, &kc.cpu))
		return GICITS_EFORMAT;
	return kvm_push_col(k, &kc);
}

static int ex_cte(void *ctx, uint64_t id, uint64_t addr)
{
	struct ex_ctx *x = ctx;
	struct cte c;

	if (id < x->its->cfg.hcc)
		return GICITS_OK;
	if (cte_read(x->its, addr, &c))
		return GICITS_EFAULT;
	return ex_col(x->its, x->k, (uint32_t)id, &c);
}

static uint64_t itt_bytes_kvm(uint8_t size)
{
	uint64_t b = (1ULL << (size + 1u)) * KVM_ESZ;

	return (b + ITT_ALIGN - 1) & ~(uint64_t)(ITT_ALIGN - 1);
}

static uint64_t kvm_baser(uint64_t base, uint64_t bytes, unsigned type)
{
	uint64_t pages = bytes / KVM_L2_PAGE, v;

	if ((base & (KVM_L2_PAGE - 1)) || (bytes % KVM_L2_PAGE) || !pages ||
	    pages > 256 || base >> 52)
		return 0;
	/* Valid, Type, Entry_Size 8, PA[47:16] + PA[51:48] in [15:12],
	 * Page_Size 64 KB, Size = pages - 1 */
	v = bits_set(0, GITS_BASER_VALID, 1);
	v = bits_set(v, GITS_BASER_TYPE, type);
	v = bits_set(v, GITS_BASER_ENTRY_SIZE, KVM_ESZ - 1);
	v |= base & bits_mask(GITS_BASER_PA_64K);
	v = bits_set(v, GITS_BASER_PA_64K_HI, bits_get(base, PA_HI_64K));
	v = bits_set(v, GITS_BASER_PAGE_SIZE, 2); /* 64 KB */
	return bits_set(v, GITS_BASER_SIZE, pages - 1);
}

static int export_write(const struct gicits_mem *mem,
			const struct gicits_kvm_tables *dst, struct kst *k,
			struct gicits_kvm_export_info *info)
{
	uint64_t itt0 =
		(dst->itt_base + ITT_ALIGN - 1) & ~(uint64_t)(ITT_ALIGN - 1);
	uint64_t off, need, v, next, a;
	size_t i, j;
	int err;

	/* sizes first: nothing is written unless everything fits */
	if (k->ndev &&
	    ((uint64_t)k->dev[k->ndev - 1].devid + 1) * KVM_ESZ > dst->dt_bytes)
		return GICITS_ERANGE;
	if ((uint64_t)k->ncol * KVM_ESZ > dst->ct_bytes)
		return GICITS_ERANGE;
	need = itt0 - dst->itt_base;
	for (i = 0; i < k->ndev; i++)
		need += itt_bytes_kvm(k->dev[i].size);
	if (k->ndev && (need > dst->itt_bytes || itt0 < dst->itt_base ||
			dst->itt_base + need < dst->itt_base))
		return GICITS_ERANGE;

	err = kvm_zero_area(mem, dst->dt_base, dst->dt_bytes);
	if (!err)
		err = kvm_zero_area(mem, dst->ct_base, dst->ct_bytes);
	off = itt0;
	for (i = 0; i < k->ndev && !err; i++) {
		struct kdev *d = &k->dev[i];

		err = kvm_zero_area(mem, off, itt_bytes_kvm(d->size));
		for (j = 0; j < d->n && !err; j++) {
			struct kite *e = &k->ite[d->first + j];

			next = 0;
			if (j + 1 < d->n) {
				next = k->ite[d->first + j + 1].event -
				       e->event;
				if (next > ITE_NEXT_CAP)
					next = ITE_NEXT_CAP;
			}
			v = bits_set(0, ITE_NEXT, next);
			v = bits_set(v, ITE_PINTID, e->intid);
			v = bits_set(v, ITE_ICID, e->icid);
			err = kvm_write64(
				mem, off + (uint64_t)e->event * KVM_ESZ, v);
		}
		if (err)
			break;
		next = 0;
		if (i + 1 < k->ndev) {
			next = k->dev[i + 1].devid - d->devid;
			if (next > DTE_NEXT_CAP)
				next = DTE_NEXT_CAP;
		}
		v = bits_set(0, DTE_VALID, 1);
		v = bits_set(v, DTE_NEXT, next);
		v = bits_set(v, DTE_ITT_ADDR, off >> 8);
		v = bits_set(v, DTE_SIZE, d->size);
		a = dst->dt_base + (uint64_t)d->devid * KVM_ESZ;
		err = kvm_write64(mem, a, v);
		off += itt_bytes_kvm(d->size);
	}
	for (i = 0; i < k->ncol && !err; i++) {
		struct kcol *c = &k->col[i];

		v = bits_set(0, CTE_VALID, 1);
		v = bits_set(v, CTE_RDBASE, c->cpu);
		v = bits_set(v, CTE_ICID, c->icid);
		err = kvm_write64(mem, dst->ct_base + i * KVM_ESZ, v);
	}
	if (err)
		return err;
	if (info) {
		info->devices = (uint32_t)k->ndev;
		info->events = (uint32_t)k->nite;
		info->collections = (uint32_t)k->ncol;
		info->itt_used = k->ndev ? need : 0;
		info->baser[0] = kvm_baser(dst->dt_base, dst->dt_bytes, 1);
		info->baser[1] = kvm_baser(dst->ct_base, dst->ct_bytes, 4);
	}
	return GICITS_OK;
}

/* The ITS's tables and HCC collections into lists (lock held). */
static int export_read(struct gicits_its *its, void *ctx)
{
	struct ex_ctx *x = ctx;
	uint32_t i;
	int err;

	/* BASER0/1 as they are now (enable() decodes the same values). */
	table_decode(its);
	err = table_foreach(its, &its->dt, kvm_devid_limit(its), true, ex_dte,
			    x);
	for (i = 0; i < its->cfg.hcc && !err; i++) {
		struct cte hc = its_hcc_get(its, i);

		err = ex_col(its, x->k, i, &hc);
	}
	if (!err)
		err = table_foreach(its, &its->ct, 1ULL << its->cfg.cidbits,
				    true, ex_cte, x);
	return err;
}

int gicits_snapshot_kvm_export(struct gicits_its *its,
			       const struct gicits_kvm_tables *dst,
			       struct gicits_kvm_export_info *info)
{
	struct kst k;
	struct ex_ctx x;
	int err;

	if (info)
		memset(info, 0, sizeof(*info));
	if (!its || !dst || !kvm_area_ok(dst->dt_base, dst->dt_bytes) ||
	    !kvm_area_ok(dst->ct_base, dst->ct_bytes) ||
	    dst->itt_base + dst->itt_bytes < dst->itt_base)
		return GICITS_EINVAL;
	/* KVM ABI rev 0 has no virtual ITEs and no vPE table */
	if (its_virtual(&its->cfg))
		return GICITS_ENOTSUP;
	memset(&k, 0, sizeof(k));
	x.its = its;
	x.k = &k;
	err = its_call_locked(its, export_read, &x);
	if (!err)
		err = export_write(its->mem, dst, &k, info);
	kvm_kst_free(&k);
	return err;
}
