/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * DOC: guest memory
 *
 * The ITS and the redistributors keep their architected tables (device,
 * collection, ITT, LPI configuration and pending tables, the command queue) in
 * guest memory.  The embedder describes that memory with a struct gicits_mem:
 * up to GICITS_MEM_MAX_DIRECT directly mapped regions (host pointers, the
 * fast path) and, for everything else, read/write callbacks.  Every access is
 * bounds-checked; an access that no region covers and no callback accepts is
 * a fault, reported as GICITS_EFAULT, never a crash.  The library never
 * dereferences a guest address outside the regions it was given.
 *
 * A struct gicits_mem is written only during set-up; once handed to an ITS or
 * a GIC it must not change (it is read without locks from any thread).
 */
#ifndef GICITS_MEM_H
#define GICITS_MEM_H

#include <stddef.h>
#include <stdint.h>

#include "gicits/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * struct gicits_mem_ops - embedder callbacks for guest memory
 * @read: copy @len bytes at guest physical address @gpa into @dst; return 0,
 *        or any negative value for a fault (an abort on the bus).
 * @write: copy @len bytes from @src to @gpa; return 0 or negative for a fault.
 *
 * Either pointer may be NULL: accesses that reach it then fault.  Callbacks
 * may be called from any thread that calls into the library.
 */
struct gicits_mem_ops {
	int (*read)(void *opaque, uint64_t gpa, void *dst, size_t len);
	int (*write)(void *opaque, uint64_t gpa, const void *src, size_t len);
};

#define GICITS_MEM_MAX_DIRECT 8

/**
 * struct gicits_mem - a guest physical address space
 *
 * Initialise with gicits_mem_init(); add regions with gicits_mem_add_direct().
 * The fields are public so that the struct can live inside the embedder's
 * own structures; treat them as read-only.
 */
struct gicits_mem {
	const struct gicits_mem_ops *ops;
	void *opaque;
	unsigned ndirect;
	struct {
		uint64_t gpa;
		uint64_t size;
		uint8_t *host;
	} direct[GICITS_MEM_MAX_DIRECT];
};

/**
 * gicits_mem_init() - describe guest memory
 * @mem: the descriptor to fill
 * @ops: callbacks for memory outside the direct regions, or NULL
 * @opaque: passed to the callbacks
 *
 * Return: GICITS_OK, or GICITS_EINVAL if @mem is NULL.
 */
GICITS_API int gicits_mem_init(struct gicits_mem *mem,
			       const struct gicits_mem_ops *ops, void *opaque);

/**
 * gicits_mem_add_direct() - add a directly mapped region
 * @mem: the descriptor
 * @gpa: guest physical base address of the region
 * @size: size in bytes (> 0)
 * @host: host pointer to @size bytes that stay valid while @mem is in use
 *
 * Return: GICITS_OK; GICITS_EINVAL if an argument is NULL/0, the region wraps
 * the 64-bit address space or overlaps another region; GICITS_ENOMEM if
 * GICITS_MEM_MAX_DIRECT regions are already present.
 */
GICITS_API int gicits_mem_add_direct(struct gicits_mem *mem, uint64_t gpa,
				     uint64_t size, void *host);

/**
 * gicits_mem_read() - read guest memory
 * @mem: the address space
 * @gpa: guest physical address
 * @dst: destination buffer of @len bytes
 * @len: number of bytes
 *
 * An access is served by one direct region if it lies wholly inside it, and by
 * the read callback otherwise.
 *
 * Return: GICITS_OK; GICITS_EFAULT if no region covers the access and the
 * callback is absent or fails (then @dst is zero-filled), or the access wraps
 * the address space; GICITS_EINVAL if @mem or @dst is NULL.
 */
GICITS_API int gicits_mem_read(const struct gicits_mem *mem, uint64_t gpa,
			       void *dst, size_t len);

/**
 * gicits_mem_write() - write guest memory
 * @mem: the address space
 * @gpa: guest physical address
 * @src: source buffer of @len bytes
 * @len: number of bytes
 *
 * Return: GICITS_OK; GICITS_EFAULT as for gicits_mem_read() (nothing is
 * written); GICITS_EINVAL if @mem or @src is NULL.
 */
GICITS_API int gicits_mem_write(const struct gicits_mem *mem, uint64_t gpa,
				const void *src, size_t len);

#ifdef __cplusplus
}
#endif
#endif
