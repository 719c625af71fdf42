/* SPDX-License-Identifier: BSD-2-Clause */
#include "harness.h"

#include <stdlib.h>

void test_ram_init(struct test_ram *ram, uint64_t base, uint64_t size)
{
	ram->base = base;
	ram->size = size;
	ram->host = calloc(1, size);
	assert_non_null(ram->host);
	assert_int_equal(gicits_mem_init(&ram->mem, NULL, NULL), 0);
	assert_int_equal(gicits_mem_add_direct(&ram->mem, base, size, ram->host), 0);
}

void test_ram_fini(struct test_ram *ram)
{
	free(ram->host);
	ram->host = NULL;
}
