/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * fuzz_iort: an ACPI IORT table through gicits_topo_load_iort(), then every
 * query of the topology (fuzz/topo_exercise.h).  If the input contains the
 * signature "APIC" at a 4-byte aligned offset >= 36, the bytes from there on
 * are a MADT loaded with gicits_topo_load_madt() (before the IORT when the
 * input's last byte is odd) and the IORT is what precedes it.
 */
#include <stddef.h>
#include <stdint.h>

#include "topo_exercise.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct gicits_topo *t = NULL;
	size_t iort_len = size, i;
	const uint8_t *madt = NULL;
	size_t madt_len = 0;
	uint32_t seed = 0;
	int r, rm = 0;
	int madt_first = size && (data[size - 1] & 1);

	for (i = 36; i + 4 <= size; i += 4)
		if (!memcmp(data + i, "APIC", 4)) {
			iort_len = i;
			madt = data + i;
			madt_len = size - i;
			break;
		}
	if (gicits_topo_create(&t))
		abort();
	if (madt && madt_first)
		rm = gicits_topo_load_madt(t, madt, madt_len);
	r = gicits_topo_load_iort(t, data, iort_len);
	if (madt && !madt_first)
		rm = gicits_topo_load_madt(t, madt, madt_len);
	if (rm > 0 || r > 0)
		topo_fail("a load returned > 0");
	if (!gicits_topo_error(t))
		topo_fail("gicits_topo_error returned NULL");
	if (r == 0) {
		if (gicits_topo_source(t) != GICITS_TOPO_SRC_IORT)
			topo_fail("an IORT loaded as something else");
		for (i = 0; i < size && i < 64; i++)
			seed = seed * 131 + data[size - 1 - i];
		topo_exercise(t, seed);
	} else if (gicits_topo_node_count(t) != 0) {
		topo_fail("failed load left nodes");
	}
	gicits_topo_free(t);
	return 0;
}
