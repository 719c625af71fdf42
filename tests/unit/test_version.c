/* SPDX-License-Identifier: BSD-2-Clause */
#include "harness.h"

#include <stdio.h>
#include <string.h>

#include "gicits/version.h"

/* The library reports the version of the headers it was built with. */
static void string_matches_header(void **state)
{
	(void)state;
	assert_non_null(gicits_version());
	assert_string_equal(gicits_version(), GICITS_VERSION_STRING);
	/* a static string: the same pointer every call */
	assert_ptr_equal(gicits_version(), gicits_version());
}

static void string_is_major_minor_patch(void **state)
{
	unsigned major, minor, patch;
	char tail;
	char again[32];

	(void)state;
	assert_int_equal(sscanf(gicits_version(), "%u.%u.%u%c", &major, &minor,
				&patch, &tail),
			 3);
	assert_int_equal(major, GICITS_VERSION_MAJOR);
	assert_int_equal(minor, GICITS_VERSION_MINOR);
	assert_int_equal(patch, GICITS_VERSION_PATCH);
	/* no leading zeros or signs: printing the parts gives it back */
	snprintf(again, sizeof(again), "%u.%u.%u", major, minor, patch);
	assert_string_equal(again, gicits_version());
}

static void number_matches_parts(void **state)
{
	unsigned n = gicits_version_number();

	(void)state;
	assert_int_equal(n, GICITS_VERSION_NUMBER);
	assert_int_equal(n >> 16, GICITS_VERSION_MAJOR);
	assert_int_equal((n >> 8) & 0xff, GICITS_VERSION_MINOR);
	assert_int_equal(n & 0xff, GICITS_VERSION_PATCH);
	/* each part fits its byte, so numbers order as versions do */
	assert_true(GICITS_VERSION_MINOR < 256 && GICITS_VERSION_PATCH < 256);
	/* the first release is 0.1.0 */
	assert_true(n >= 0x000100);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(string_matches_header),
		cmocka_unit_test(string_is_major_minor_patch),
		cmocka_unit_test(number_matches_parts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
