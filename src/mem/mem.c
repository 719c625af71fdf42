/* SPDX-License-Identifier: BSD-2-Clause */
#include "gicits/mem.h"
#include "gicits/error.h"
#include "mem_internal.h"

#include <string.h>

int gicits_mem_init(struct gicits_mem *mem, const struct gicits_mem_ops *ops,
		    void *opaque)
{
	if (!mem)
		return GICITS_EINVAL;
	memset(mem, 0, sizeof(*mem));
	mem->ops = ops;
	mem->opaque = opaque;
	return GICITS_OK;
}

/* Does [a, a+asz) overlap [b, b+bsz)?  Sizes are > 0 and do not wrap. */
static int overlaps(uint64_t a, uint64_t asz, uint64_t b, uint64_t bsz)
{
	return a < b + bsz && b < a + asz;
}

int gicits_mem_add_direct(struct gicits_mem *mem, uint64_t gpa, uint64_t size,
			  void *host)
{
	unsigned i;

	if (!mem || !host || !size || gpa + size < gpa)
		return GICITS_EINVAL;
	if (mem->ndirect >= GICITS_MEM_MAX_DIRECT)
		return GICITS_ENOMEM;
	for (i = 0; i < mem->ndirect; i++)
		if (overlaps(gpa, size, mem->direct[i].gpa,
			     mem->direct[i].size))
			return GICITS_EINVAL;
	mem->direct[mem->ndirect].gpa = gpa;
	mem->direct[mem->ndirect].size = size;
	mem->direct[mem->ndirect].host = host;
	mem->ndirect++;
	return GICITS_OK;
}

/* Host pointer for [gpa, gpa+len) if one direct region holds all of it. */
static uint8_t *direct_ptr(const struct gicits_mem *mem, uint64_t gpa,
			   size_t len)
{
	unsigned i;

	for (i = 0; i < mem->ndirect; i++) {
		uint64_t off = gpa - mem->direct[i].gpa;

		if (gpa >= mem->direct[i].gpa && off < mem->direct[i].size &&
		    len <= mem->direct[i].size - off)
			return mem->direct[i].host + off;
	}
	return NULL;
}

const void *mem_direct_hint(const struct gicits_mem *mem, uint64_t gpa,
			    size_t len)
{
	return gpa + len < gpa ? NULL : direct_ptr(mem, gpa, len);
}

int gicits_mem_read(const struct gicits_mem *mem, uint64_t gpa, void *dst,
		    size_t len)
{
	uint8_t *p;

	if (!mem || !dst)
		return GICITS_EINVAL;
	if (gpa + len < gpa)
		goto fault;
	p = direct_ptr(mem, gpa, len);
	if (p) {
		memcpy(dst, p, len);
		return GICITS_OK;
	}
	if (mem->ops && mem->ops->read &&
	    mem->ops->read(mem->opaque, gpa, dst, len) >= 0)
		return GICITS_OK;
fault:
	memset(dst, 0, len);
	return GICITS_EFAULT;
}

int gicits_mem_write(const struct gicits_mem *mem, uint64_t gpa,
		     const void *src, size_t len)
{
	uint8_t *p;

	if (!mem || !src)
		return GICITS_EINVAL;
	if (gpa + len < gpa)
		return GICITS_EFAULT;
	p = direct_ptr(mem, gpa, len);
	if (p) {
		memcpy(p, src, len);
		return GICITS_OK;
	}
	if (mem->ops && mem->ops->write &&
	    mem->ops->write(mem->opaque, gpa, src, len) >= 0)
		return GICITS_OK;
	return GICITS_EFAULT;
}
