/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef GICITS_MEM_INTERNAL_H
#define GICITS_MEM_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "gicits/mem.h"

/* Host address of [gpa, gpa+len) if one direct region holds all of it, else
 * NULL.  For prefetch hints only: accesses go through gicits_mem_read/write
 * (bounds, callbacks). */
const void *mem_direct_hint(const struct gicits_mem *mem, uint64_t gpa,
			    size_t len);

#endif
