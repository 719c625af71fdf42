/* SPDX-License-Identifier: BSD-2-Clause */
/* Shared helpers for the unit tests: cmocka plus a small guest RAM. */
#ifndef GICITS_TEST_HARNESS_H
#define GICITS_TEST_HARNESS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "gicits/mem.h"

struct test_ram {
	struct gicits_mem mem;
	uint64_t base;
	uint64_t size;
	uint8_t *host;
};

/* A zeroed RAM of @size bytes at guest address @base, directly mapped. */
void test_ram_init(struct test_ram *ram, uint64_t base, uint64_t size);
void test_ram_fini(struct test_ram *ram);

#endif
