/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What Linux computes on real firmware, checked against the shared fixtures
 * (../shared/fixtures, not part of the repository: the test skips with exit
 * status 77 when they are absent).  Each check says why Linux gets that
 * answer, in terms of of_map_id() (drivers/of/base.c), the MSI and IOMMU
 * callers (drivers/of/irq.c, drivers/iommu/of_iommu.c) and
 * iort_node_map_id() (drivers/acpi/arm64/iort.c), as docs/topology.md
 * ("The model") summarises them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "blob.h"
#include "gicits/error.h"
#include "gicits/topo.h"

static struct gicits_topo *load2(const char *rel, const char *madt_rel)
{
	struct gicits_topo *t;
	const char *rels[2] = { rel, madt_rel };
	int i;

	assert_int_equal(gicits_topo_create(&t), 0);
	for (i = 0; i < 2 && rels[i]; i++) {
		size_t n;
		void *buf = ts_read_file(TOPO_FIXTURES, rels[i], &n);

		if (!buf)
			fail_msg("cannot read %s/%s", TOPO_FIXTURES, rels[i]);
		if (i == 0)
			assert_int_equal(gicits_topo_load(t, buf, n), 0);
		else
			assert_int_equal(gicits_topo_load_madt(t, buf, n), 0);
		free(buf);
	}
	return t;
}

static struct gicits_topo *load(const char *rel)
{
	return load2(rel, NULL);
}

static const char *name(const struct gicits_topo *t, int idx)
{
	struct gicits_topo_node n;

	if (idx < 0 || gicits_topo_node(t, idx, &n))
		return "(none)";
	return n.name;
}

static enum gicits_topo_type type(const struct gicits_topo *t, int idx)
{
	struct gicits_topo_node n;

	assert_int_equal(gicits_topo_node(t, idx, &n), 0);
	return n.type;
}

struct codes {
	int collide, self, offbyone, strct, alias_info, unmapped;
	char last[GICITS_TOPO_MSG_MAX];
};

static int count(void *opaque, const struct gicits_topo_finding *f)
{
	struct codes *c = opaque;

	if (!strcmp(f->code, "E-COLLIDE"))
		c->collide++;
	if (!strcmp(f->code, "E-IOMMU-SELF"))
		c->self++;
	if (!strcmp(f->code, "W-OFF-BY-ONE"))
		c->offbyone++;
	if (!strcmp(f->code, "E-STRUCT"))
		c->strct++;
	if (!strcmp(f->code, "W-ALIAS") && f->severity == GICITS_TOPO_INFO)
		c->alias_info++;
	if (!strcmp(f->code, "W-UNMAPPED"))
		c->unmapped++;
	snprintf(c->last, sizeof(c->last), "%s", f->message);
	return 0;
}

/*
 * Juno r2 (arm/juno-base.dtsi): the PCIe host has iommu-map = <0 &smmu_pcie
 * 0 1> with iommu-map-mask = <0>.  of_map_id() masks first: every RID
 * becomes 0, which entry 0 covers, so every function gets StreamID 0 at
 * smmu_pcie -- deliberate aliasing, reported as info.  There is no msi-map:
 * the domain comes from msi-parent, a GICv2m frame, and the "DeviceID" is
 * the RID, which a v2m frame ignores.
 */
static void juno_r2(void **state)
{
	struct gicits_topo *t = load("dtb/arm/juno-r2.dtb");
	struct gicits_topo_result r;
	struct codes c;

	(void)state;
	assert_int_equal(gicits_topo_resolve(t, 0, 0x0123, &r), 0);
	assert_int_equal(r.status, GICITS_TOPO_OK);
	assert_string_equal(name(t, r.stream_node), "/iommu@2b500000");
	assert_int_equal(r.stream_id, 0);
	assert_string_equal(name(t, r.msi_node),
			    "/interrupt-controller@2c010000/v2m@0");
	assert_int_equal(type(t, r.msi_node), GICITS_TOPO_MSI_OTHER);
	assert_int_equal(r.device_id, 0x123);
	assert_true(r.quirks & GICITS_TOPO_QUIRK_DT_IMPLICIT_ID);
	gicits_topo_resolve(t, 0, 0xffff, &r);
	assert_int_equal(r.stream_id, 0);
	memset(&c, 0, sizeof(c));
	gicits_topo_lint(t, NULL, count, &c);
	assert_int_equal(c.alias_info, 1);
	assert_int_equal(c.self, 0);
	gicits_topo_free(t);
}

/*
 * HiSilicon D05 (hisilicon/hip07.dtsi): the enabled host bridge
 * pcie@a00a0000 has bus-range <0xf8 0xff>, msi-map = <0xf800 &its_pc
 * 0xf800 0x800> and msi-map-mask 0xffff: RID 0xf800..0xffff map to
 * themselves at the ITS @c6000000.  No iommu-map: no IOMMU.  The mbigen
 * children are wire-to-MSI translators with their own DeviceIDs (msi-parent
 * cell): intc_smmu_pcie (the PCIe SMMU's wired interrupts) is 0x40b0c on
 * the same ITS, far from the PCI range, so the lint finds no collision.
 */
static void hip07_d05(void **state)
{
	struct gicits_topo *t = load("dtb/hisilicon/hip07-d05.dtb");
	struct gicits_topo_result r;
	struct gicits_topo_node n;
	struct codes c;
	int h, mb, its;

	(void)state;
	h = gicits_topo_find(t, "/p0_pcie2_a@a00a0000");
	if (h < 0)
		h = gicits_topo_find(t, "/soc/pcie@a00a0000");
	if (h < 0) {
		int i;

		for (i = 0; i < gicits_topo_node_count(t); i++)
			if (strstr(name(t, i), "pcie@a00a0000"))
				h = i;
	}
	assert_true(h >= 0);
	assert_int_equal(gicits_topo_node(t, h, &n), 0);
	assert_int_equal(n.rid_lo, 0xf800);
	assert_int_equal(n.rid_hi, 0xffff);
	its = gicits_topo_find(
		t, "/interrupt-controller@4d000000/msi-controller@c6000000");
	assert_true(its >= 0);
	gicits_topo_resolve_node(t, h, 0xf801, &r);
	assert_int_equal(r.status, GICITS_TOPO_OK);
	assert_int_equal(r.msi_node, its);
	assert_int_equal(r.device_id, 0xf801);
	assert_int_equal(r.stream_status, GICITS_TOPO_NONE);
	mb = gicits_topo_find(t,
			      "/interrupt-controller@a0080000/intc_smmu_pcie");
	assert_true(mb >= 0);
	assert_int_equal(type(t, mb), GICITS_TOPO_WIRE_BRIDGE);
	assert_int_equal(gicits_topo_own(t, mb, 0, &r), 0);
	assert_int_equal(r.msi_node, its);
	assert_int_equal(r.device_id, 0x40b0c);
	memset(&c, 0, sizeof(c));
	assert_int_equal(gicits_topo_lint(t, NULL, count, &c), 0);
	assert_int_equal(c.collide + c.self, 0);
	gicits_topo_free(t);
}

/*
 * MACCHIATObin (marvell/armada-8040.dtsi + cp110): cp0 PCIe has
 * iommu-map-mask = <0x31f> and three 0x20-long entries at 0x000, 0x100 and
 * 0x200 to StreamIDs 0x480, 0x4a0, 0x4c0.  of_map_id() masks first:
 * RID 0x0021 -> 0x001 -> 0x481; RID 0x0121 -> 0x101 -> 0x4a1; RID 0x0041
 * -> 0x001 again (aliasing); RID 0x0321 -> 0x301, no entry: bypass, Linux
 * uses no IOMMU.  In 6.1 the AP806 SMMU node is disabled, so even the
 * mapped RIDs run without an IOMMU (of_iommu_xlate() skips unavailable
 * nodes).  MSIs go to a GICv2m frame through msi-parent.
 */
static void armada_8040_mcbin(void **state)
{
	struct gicits_topo *t = load("dtb/marvell/armada-8040-mcbin.dtb");
	struct gicits_topo_result r;

	(void)state;
	gicits_topo_resolve(t, 0, 0x0021, &r);
	assert_int_equal(r.stream_status, GICITS_TOPO_DISABLED);
	assert_int_equal(r.stream_id, 0x481);
	gicits_topo_resolve(t, 0, 0x0121, &r);
	assert_int_equal(r.stream_id, 0x4a1);
	gicits_topo_resolve(t, 0, 0x0041, &r);
	assert_int_equal(r.stream_id, 0x481);
	gicits_topo_resolve(t, 0, 0x0321, &r);
	assert_int_equal(r.stream_status, GICITS_TOPO_UNMAPPED);
	assert_int_equal(r.stream_node, -1);
	assert_int_equal(type(t, r.msi_node), GICITS_TOPO_MSI_OTHER);
	gicits_topo_free(t);
}

/*
 * DragonBoard 845c (qcom/sdm845.dtsi): each host bridge's iommu-map has one
 * length-1 entry per bus, for device 00.0 only: pcie0 <0x100*b &apps_smmu
 * 0x1c10+b 1>, pcie1 0x1c00+b.  So 00:00.0 -> 0x1c10, 01:00.0 -> 0x1c11
 * and 01:00.1 matches nothing: bypass, no IOMMU (W-UNMAPPED).  No
 * linux,pci-domain: the domains follow blob order (pcie0 = 0, pcie1 = 1).
 * The controllers signal MSIs through their own DesignWare block: neither
 * msi-map nor msi-parent, so no ITS DeviceID.
 */
static void sdm845_db845c(void **state)
{
	struct gicits_topo *t = load("dtb/qcom/sdm845-db845c.dtb");
	struct gicits_topo_result r;
	struct codes c;

	(void)state;
	gicits_topo_resolve(t, 0, 0x0000, &r);
	assert_string_equal(name(t, r.stream_node), "/soc@0/iommu@15000000");
	assert_int_equal(r.stream_id, 0x1c10);
	assert_int_equal(r.msi_status, GICITS_TOPO_NONE);
	gicits_topo_resolve(t, 0, 0x0100, &r);
	assert_int_equal(r.stream_id, 0x1c11);
	gicits_topo_resolve(t, 1, 0x0100, &r);
	assert_int_equal(r.stream_id, 0x1c01);
	gicits_topo_resolve(t, 0, 0x0101, &r);
	assert_int_equal(r.stream_status, GICITS_TOPO_UNMAPPED);
	memset(&c, 0, sizeof(c));
	gicits_topo_lint(t, NULL, count, &c);
	assert_true(c.unmapped >= 2);
	gicits_topo_free(t);
}

/*
 * QEMU 7.2 virt with an SMMUv3, the DT: msi-map = <0 &its 0 0x10000> and
 * iommu-map = <0 &smmuv3 0 0x10000>: identity for both.
 */
static void qemu_virt_dtb(void **state)
{
	struct gicits_topo *t = load("dtb/qemu-virt/virt-gicv3-its-smmuv3.dtb");
	struct gicits_topo_result r;

	(void)state;
	gicits_topo_resolve(t, 0, 0x0123, &r);
	assert_int_equal(r.status, GICITS_TOPO_OK);
	assert_int_equal(type(t, r.msi_node), GICITS_TOPO_ITS);
	assert_int_equal(r.device_id, 0x123);
	assert_int_equal(type(t, r.stream_node), GICITS_TOPO_SMMUV3);
	assert_int_equal(r.stream_id, 0x123);
	gicits_topo_free(t);
}

/*
 * QEMU 7.2 virt, ACPI, GICv3 + SMMUv3: the RC maps [0, count 0x100] to the
 * SMMUv3 and [0x100, count 0xfeff] straight to the ITS group.  RID 0xff is
 * inside the first range: StreamID 0xff, then the SMMU maps SIDs identity
 * to the ITS: DeviceID 0xff.  RID 0x100 is the last ID of the first range
 * (tentative) and the first of the second: Linux's num_ids workaround
 * takes the second, so no SMMU and DeviceID 0x100.  All four SMMU GSIVs
 * are wired (node revision 4 < 5): no DeviceID mapping index, no own MSI.
 */
static void qemu_virt_iort_smmuv3(void **state)
{
	struct gicits_topo *t =
		load2("iort/qemu-virt/virt-gicv3-smmuv3.IORT.bin",
		      "iort/qemu-virt/virt-gicv3-smmuv3.APIC.bin");
	struct gicits_topo_result r;
	struct codes c;
	int smmu;

	(void)state;
	gicits_topo_resolve(t, 0, 0xff, &r);
	assert_int_equal(type(t, r.stream_node), GICITS_TOPO_SMMUV3);
	assert_int_equal(r.stream_id, 0xff);
	assert_int_equal(type(t, r.msi_node), GICITS_TOPO_ITS);
	assert_int_equal(r.msi_via, r.stream_node);
	assert_int_equal(r.device_id, 0xff);
	smmu = r.stream_node;
	gicits_topo_resolve(t, 0, 0x100, &r);
	assert_int_equal(r.stream_node, -1);
	assert_int_equal(r.msi_via, -1);
	assert_int_equal(r.device_id, 0x100);
	assert_true(r.quirks & GICITS_TOPO_QUIRK_IORT_LAST_ID);
	assert_int_equal(gicits_topo_own(t, smmu, 0, &r), GICITS_ENOENT);
	memset(&c, 0, sizeof(c));
	assert_int_equal(gicits_topo_lint(t, NULL, count, &c), 0);
	assert_int_equal(c.offbyone, 1);
	assert_int_equal(c.strct, 0); /* ITS 0 is in the MADT */
	gicits_topo_free(t);
}

/*
 * QEMU 7.2 virt + pxb-pcie: off-by-ones at 0x100, 0x8000 and 0x8200.  At
 * 0x8000 the range starting there goes to the SMMU, so RID 0x8000 gets
 * StreamID 0x8000; at 0x8200 the ITS range starts, so no SMMU.  Whatever
 * the order of the mappings, the range that starts at the shared ID wins:
 * a tentative end match gives way to it, and a start match is final.
 */
static void qemu_virt_iort_pxb(void **state)
{
	struct gicits_topo *t =
		load("iort/qemu-virt/virt-gicv3-smmuv3-pxb.IORT.bin");
	struct gicits_topo_result r;
	struct codes c;

	(void)state;
	gicits_topo_resolve(t, 0, 0x8000, &r);
	assert_int_equal(r.stream_id, 0x8000);
	assert_int_equal(type(t, r.stream_node), GICITS_TOPO_SMMUV3);
	/* the table lists [0x8000, +0x200] before [0x100, +0x7f00]: 0x8000
	 * matches its start first, so no tentative match was needed */
	assert_false(r.quirks & GICITS_TOPO_QUIRK_IORT_LAST_ID);
	gicits_topo_resolve(t, 0, 0x8200, &r);
	assert_true(r.quirks & GICITS_TOPO_QUIRK_IORT_LAST_ID);
	assert_int_equal(r.stream_node, -1);
	assert_int_equal(r.device_id, 0x8200);
	gicits_topo_resolve(t, 0, 0x7fff, &r);
	assert_int_equal(r.stream_node, -1);
	memset(&c, 0, sizeof(c));
	gicits_topo_lint(t, NULL, count, &c);
	assert_int_equal(c.offbyone, 3);
	gicits_topo_free(t);
}

/*
 * QEMU 7.2 virt, ACPI, gic-version=2: the IORT bytes equal the GICv3 ones
 * (RC 0..0xffff -> ITS group naming ITS 0), but the MADT has only a GICv2m
 * frame: the ITS reference dangles and Linux finds no MSI domain.
 */
static void qemu_virt_iort_gicv2(void **state)
{
	struct gicits_topo *t = load2("iort/qemu-virt/virt-gicv2.IORT.bin",
				      "iort/qemu-virt/virt-gicv2.APIC.bin");
	struct gicits_topo_result r;
	struct codes c;

	(void)state;
	gicits_topo_resolve(t, 0, 0x10, &r);
	assert_int_equal(r.device_id, 0x10);
	memset(&c, 0, sizeof(c));
	assert_int_equal(gicits_topo_lint(t, NULL, count, &c), 1);
	assert_int_equal(c.strct, 1);
	assert_non_null(strstr(c.last, "ITS ID 0 is not in the MADT"));
	gicits_topo_free(t);
}

/*
 * Lenovo ThinkPad X13s: SMMUv3 node revision 0 whose DeviceID mapping
 * index field reads 0 and PRI GSIV 0.  Applying revision-1 rules would
 * skip its only (client) mapping; Linux ignores the field before revision
 * 1, so the node translates StreamIDs.
 */
static void x13s_smmuv3_rev0(void **state)
{
	struct gicits_topo *t =
		load("iort/laptops/lenovo-thinkpad-x13s.IORT.bin");
	int i, found = 0;

	(void)state;
	for (i = 0; i < gicits_topo_node_count(t); i++) {
		struct gicits_topo_node n;
		struct gicits_topo_result r;

		gicits_topo_node(t, i, &n);
		if (n.type != GICITS_TOPO_SMMUV3 || n.revision != 0)
			continue;
		found = 1;
		/* no own MSI: the index is ignored */
		assert_int_equal(gicits_topo_own(t, i, 0, &r), GICITS_ENOENT);
	}
	assert_true(found);
	gicits_topo_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(juno_r2),
		cmocka_unit_test(hip07_d05),
		cmocka_unit_test(armada_8040_mcbin),
		cmocka_unit_test(sdm845_db845c),
		cmocka_unit_test(qemu_virt_dtb),
		cmocka_unit_test(qemu_virt_iort_smmuv3),
		cmocka_unit_test(qemu_virt_iort_pxb),
		cmocka_unit_test(qemu_virt_iort_gicv2),
		cmocka_unit_test(x13s_smmuv3_rev0),
	};
	struct stat st;

	if (stat(TOPO_FIXTURES, &st)) {
		printf("SKIP: shared fixtures not found at %s\n",
		       TOPO_FIXTURES);
		return 77;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
