/* SPDX-License-Identifier: BSD-2-Clause */
#include "harness.h"
#include "sys.h"

#include <string.h>

#include "gicits/error.h"

static void direct_read_write(void **state)
{
	struct test_ram ram;
	uint8_t buf[8] = { 1, 2, 3, 4, 5, 6, 7, 8 }, out[8];

	(void)state;
	test_ram_init(&ram, 0x1000, 0x1000);
	assert_int_equal(gicits_mem_write(&ram.mem, 0x1ff8, buf, 8), GICITS_OK);
	assert_memory_equal(ram.host + 0xff8, buf, 8);
	assert_int_equal(gicits_mem_read(&ram.mem, 0x1ff8, out, 8), GICITS_OK);
	assert_memory_equal(out, buf, 8);
	test_ram_fini(&ram);
}

static void out_of_bounds_faults(void **state)
{
	struct test_ram ram;
	uint8_t out[8];

	(void)state;
	test_ram_init(&ram, 0x1000, 0x1000);
	/* straddles the end of the region */
	memset(out, 0xaa, sizeof(out));
	assert_int_equal(gicits_mem_read(&ram.mem, 0x1ffc, out, 8),
			 GICITS_EFAULT);
	assert_int_equal(out[0], 0); /* faulting reads zero-fill */
	assert_int_equal(gicits_mem_write(&ram.mem, 0x1ffc, out, 8),
			 GICITS_EFAULT);
	/* below, above, wrapping */
	assert_int_equal(gicits_mem_read(&ram.mem, 0xfff, out, 1),
			 GICITS_EFAULT);
	assert_int_equal(gicits_mem_read(&ram.mem, 0x2000, out, 1),
			 GICITS_EFAULT);
	assert_int_equal(gicits_mem_read(&ram.mem, UINT64_MAX - 2, out, 8),
			 GICITS_EFAULT);
	test_ram_fini(&ram);
}

struct cb_state {
	int reads, writes;
};

static int cb_read(void *opaque, uint64_t gpa, void *dst, size_t len)
{
	struct cb_state *s = opaque;

	s->reads++;
	if (gpa >= 0x100000)
		return -1;
	memset(dst, (int)(gpa & 0xff), len);
	return 0;
}

static int cb_write(void *opaque, uint64_t gpa, const void *src, size_t len)
{
	struct cb_state *s = opaque;

	(void)src;
	(void)len;
	s->writes++;
	return gpa >= 0x100000 ? -1 : 0;
}

static void callbacks(void **state)
{
	static const struct gicits_mem_ops ops = { cb_read, cb_write };
	struct cb_state s = { 0, 0 };
	struct gicits_mem mem;
	uint8_t out[4];

	(void)state;
	assert_int_equal(gicits_mem_init(&mem, &ops, &s), 0);
	assert_int_equal(gicits_mem_read(&mem, 0x42, out, 4), GICITS_OK);
	assert_int_equal(out[3], 0x42);
	assert_int_equal(gicits_mem_read(&mem, 0x100000, out, 4),
			 GICITS_EFAULT);
	assert_int_equal(gicits_mem_write(&mem, 0x10, out, 4), GICITS_OK);
	assert_int_equal(gicits_mem_write(&mem, 0x200000, out, 4),
			 GICITS_EFAULT);
	assert_int_equal(s.reads, 2);
	assert_int_equal(s.writes, 2);
}

static void add_direct_rules(void **state)
{
	struct gicits_mem mem;
	static uint8_t a[64];
	int i;

	(void)state;
	gicits_mem_init(&mem, NULL, NULL);
	assert_int_equal(gicits_mem_add_direct(&mem, 0, 0, a), GICITS_EINVAL);
	assert_int_equal(gicits_mem_add_direct(&mem, 0, 64, NULL),
			 GICITS_EINVAL);
	assert_int_equal(gicits_mem_add_direct(&mem, UINT64_MAX - 8, 64, a),
			 GICITS_EINVAL);
	assert_int_equal(gicits_mem_add_direct(&mem, 0, 64, a), GICITS_OK);
	assert_int_equal(gicits_mem_add_direct(&mem, 32, 64, a), GICITS_EINVAL);
	for (i = 1; i < GICITS_MEM_MAX_DIRECT; i++)
		assert_int_equal(
			gicits_mem_add_direct(&mem, 64 * (uint64_t)i, 64, a),
			GICITS_OK);
	assert_int_equal(gicits_mem_add_direct(&mem, 0x10000, 64, a),
			 GICITS_ENOMEM);
	assert_int_equal(gicits_mem_init(NULL, NULL, NULL), GICITS_EINVAL);
}

/* The test-support library's fault injection (tests/support/sys.h): RAM
 * served by callbacks, the Nth access from ts_fail_nth() faults. */
static void fault_injection(void **state)
{
	struct ts_desc d;
	struct ts_sys s;
	uint8_t out[4];

	(void)state;
	ts_desc_default(&d);
	d.ram_base = 0;
	d.ram_size = 0x1000;
	d.ram_callback = true;
	d.prop_fill_len = 0;
	assert_int_equal(ts_ram_create(&s, &d), GICITS_OK);
	ts_fail_nth(&s, 2);
	assert_int_equal(gicits_mem_read(&s.mem, 0, out, 4), GICITS_OK);
	assert_false(ts_fail_fired(&s)); /* disarms */
	ts_fail_nth(&s, 2);
	assert_int_equal(gicits_mem_read(&s.mem, 0, out, 4), GICITS_OK);
	assert_int_equal(gicits_mem_write(&s.mem, 0, out, 4), GICITS_EFAULT);
	assert_int_equal(gicits_mem_read(&s.mem, 0, out, 4), GICITS_OK);
	assert_true(ts_fail_fired(&s));
	assert_int_equal(s.accesses, 4);
	/* beyond the RAM: a fault that is not counted */
	assert_int_equal(gicits_mem_read(&s.mem, 0x1000, out, 4),
			 GICITS_EFAULT);
	assert_int_equal(s.accesses, 4);
	ts_sys_destroy(&s);
}

static void strerror_names(void **state)
{
	(void)state;
	assert_string_equal(gicits_strerror(GICITS_E_ITS_MAPD_DEVICE_OOR),
			    "E_ITS_MAPD_DEVICE_OOR");
	assert_non_null(strstr(gicits_strerror(GICITS_EFAULT), "EFAULT"));
	assert_string_equal(gicits_strerror(-1000), "unknown error");
	assert_string_equal(gicits_strerror(12345678), "unknown error");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(direct_read_write),
		cmocka_unit_test(out_of_bounds_faults),
		cmocka_unit_test(callbacks),
		cmocka_unit_test(add_direct_rules),
		cmocka_unit_test(fault_injection),
		cmocka_unit_test(strerror_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
