/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * fuzz_dtb: a flattened Device Tree blob through gicits_topo_load_dtb(),
 * then every query of the topology (fuzz/topo_exercise.h).  The whole input
 * is the blob; gicits_topo_load() (detection by magic) must agree with the
 * direct call.
 */
#include <stddef.h>
#include <stdint.h>

#include "topo_exercise.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct gicits_topo *t = NULL, *t2 = NULL;
	uint32_t seed = 0;
	size_t i;
	int r, r2;

	if (gicits_topo_create(&t) || gicits_topo_create(&t2))
		abort();
	r = gicits_topo_load_dtb(t, data, size);
	r2 = gicits_topo_load(t2, data, size);
	if (r != r2 && !(r == GICITS_EFORMAT || r == GICITS_ETRUNC))
		topo_fail("gicits_topo_load disagrees with load_dtb");
	if (!gicits_topo_error(t))
		topo_fail("gicits_topo_error returned NULL");
	if (r == 0) {
		if (gicits_topo_source(t) != GICITS_TOPO_SRC_DT)
			topo_fail("a DTB loaded as something else");
		if (gicits_topo_load_dtb(t, data, size) != GICITS_ESTATE)
			topo_fail(
				"second load into a loaded topology accepted");
		for (i = 0; i < size && i < 64; i++)
			seed = seed * 131 + data[size - 1 - i];
		topo_exercise(t, seed);
	} else if (r > 0 || gicits_topo_node_count(t) != 0) {
		topo_fail("failed load left nodes or returned > 0");
	}
	gicits_topo_free(t);
	gicits_topo_free(t2);
	return 0;
}
