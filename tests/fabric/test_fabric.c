/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The fabric over inputs written for it: tests/topo/dts/dt-basic.dts and
 * tests/topo/asl/basic.asl (compiled by tests/topo into TOPO_BLOBS), and
 * small device trees built here with libfdt.  The expected IDs come from
 * the sources' comments (worked out by hand there), the expected outcomes
 * from the rules named in each test.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "blob.h"
#include "gicits/error.h"
#include "gicits/fabric.h"

#define ITS0 "/interrupt-controller@2f000000/msi-controller@2f020000"
#define ITS1 "/interrupt-controller@2f000000/msi-controller@2f040000"
#define SMMU "/iommu@2b400000"
#define PCIE0 "/pcie@40000000"

static void *slurp(const char *name, size_t *len)
{
	void *buf = ts_read_file(TOPO_BLOBS, name, len);

	if (!buf)
		fail_msg("cannot read %s/%s", TOPO_BLOBS, name);
	return buf;
}

static struct gicits_fabric *build(const char *name,
				   const struct gicits_fabric_config *cfg)
{
	struct gicits_fabric *f = NULL;
	size_t len;
	void *buf = slurp(name, &len);

	assert_int_equal(
		gicits_fabric_create_blob(buf, len, NULL, 0, cfg, &f, NULL), 0);
	free(buf); /* the fabric keeps no pointer into it */
	return f;
}

static int node(const struct gicits_fabric *f, const char *name)
{
	int n = gicits_topo_find(gicits_fabric_topo(f), name);

	if (n < 0)
		fail_msg("no node %s", name);
	return n;
}

/* The first hop of @kind, failing the test if there is none. */
static const struct gicits_fabric_hop *
find_hop(const struct gicits_fabric_delivery *d,
	 enum gicits_fabric_hop_kind kind)
{
	unsigned i;

	for (i = 0; i < d->n_hops; i++)
		if (d->hops[i].kind == kind)
			return &d->hops[i];
	fail_msg("no %s hop", gicits_fabric_hop_name(kind));
	return NULL;
}

static int has_hop(const struct gicits_fabric_delivery *d,
		   enum gicits_fabric_hop_kind kind)
{
	unsigned i;

	for (i = 0; i < d->n_hops; i++)
		if (d->hops[i].kind == kind)
			return 1;
	return 0;
}

/* dt-basic segment 0: iommu-map RID -> SMMU StreamID = RID, msi-map
 * 0x000-0x7ff -> its0 DeviceID = RID.  The SMMU is at reset (SMMUEN = 0,
 * GBPA bypass, IHI 0070 6.3.14); the ITS has no mapping, so it drops the
 * write as DEVICE_UNMAPPED: what arrived is (its0, 0x123). */
static void test_dt_rid_through_smmu(void **state)
{
	struct gicits_fabric *f = build("dt-basic.dtb", NULL);
	struct gicits_fabric_delivery d;
	const struct gicits_fabric_hop *h;
	uint64_t db;

	(void)state;
	assert_int_equal(gicits_fabric_doorbell(f, node(f, ITS0), &db), 0);
	assert_int_equal(gicits_fabric_post_rid(f, 0, 0x123,
						GICITS_FABRIC_ADDR_MSI, 0, &d),
			 0);
	assert_int_equal(d.result, GICITS_FABRIC_DROPPED);
	assert_int_equal(d.drop, GICITS_DROP_DEVICE_UNMAPPED);
	assert_int_equal(d.its_node, node(f, ITS0));
	assert_int_equal(d.device_id, 0x123);
	/* the path, in order */
	assert_int_equal(d.n_hops, 6);
	assert_int_equal(d.hops[0].kind, GICITS_HOP_REQUESTER);
	assert_int_equal(d.hops[0].node, node(f, PCIE0));
	assert_int_equal(d.hops[0].addr, db);
	assert_int_equal(d.hops[1].kind, GICITS_HOP_STREAM);
	assert_int_equal(d.hops[1].node, node(f, SMMU));
	assert_int_equal(d.hops[1].out, 0x123);
	assert_int_equal(d.hops[2].kind, GICITS_HOP_IOMMU);
	assert_int_equal(d.hops[2].result, GICITS_IOMMU_BYPASS);
	assert_int_equal(d.hops[2].pa, db);
	assert_int_equal(d.hops[3].kind, GICITS_HOP_DOORBELL);
	assert_int_equal(d.hops[3].node, node(f, ITS0));
	assert_int_equal(d.hops[4].kind, GICITS_HOP_DEVICE_ID);
	assert_int_equal(d.hops[4].out, 0x123);
	assert_int_equal(d.hops[5].kind, GICITS_HOP_ITS);
	assert_int_equal(d.hops[5].result, GICITS_DROP_DEVICE_UNMAPPED);

	/* the second msi-map entry: RID 0x800 -> its1 DeviceID 0x8800, while
	 * the iommu-map still gives StreamID 0x800 */
	assert_int_equal(gicits_fabric_post_rid(f, 0, 0x800,
						GICITS_FABRIC_ADDR_MSI, 0, &d),
			 0);
	assert_int_equal(d.its_node, node(f, ITS1));
	assert_int_equal(d.device_id, 0x8800);
	h = find_hop(&d, GICITS_HOP_STREAM);
	assert_int_equal(h->out, 0x800);
	gicits_fabric_destroy(f);
}

/* With GBPA.ABORT = 1 at reset, every write through an SMMU aborts before
 * any doorbell; one with no IOMMU on its path (segment 2: msi-parent,
 * DeviceID = RID at its1) still arrives. */
static void test_smmu_abort(void **state)
{
	struct gicits_fabric_config cfg;
	struct gicits_fabric *f;
	struct gicits_fabric_delivery d;
	const struct gicits_fabric_hop *h;
	struct gicits_iommu_status st;

	(void)state;
	gicits_fabric_config_default(&cfg);
	cfg.smmu_abort = true;
	f = build("dt-basic.dtb", &cfg);
	assert_int_equal(gicits_fabric_post_rid(f, 0, 0x123,
						GICITS_FABRIC_ADDR_MSI, 0, &d),
			 0);
	assert_int_equal(d.result, GICITS_FABRIC_IOMMU_ABORT);
	assert_int_equal(d.its_node, -1);
	h = find_hop(&d, GICITS_HOP_IOMMU);
	assert_int_equal(h->result, GICITS_IOMMU_ABORT);
	assert_false(has_hop(&d, GICITS_HOP_DOORBELL));
	assert_int_equal(
		gicits_iommu_status(gicits_fabric_iommu(f, node(f, SMMU)), &st),
		0);
	assert_int_equal(st.aborted, 1);

	assert_int_equal(gicits_fabric_post_rid(f, 2, 0x8805,
						GICITS_FABRIC_ADDR_MSI, 0, &d),
			 0);
	assert_int_equal(d.result, GICITS_FABRIC_DROPPED);
	assert_int_equal(d.its_node, node(f, ITS1));
	assert_int_equal(d.device_id, 0x8805);
	assert_false(has_hop(&d, GICITS_HOP_IOMMU));
	gicits_fabric_destroy(f);
}

/* Once software maps the DeviceID, the same write makes the LPI pending
 * on the collection's redistributor; an EventID it did not map is still
 * dropped (IHI 0069: no ITE -> EVENT_UNMAPPED). */
static void test_delivered_after_mapping(void **state)
{
	struct gicits_fabric *f = build("dt-basic.dtb", NULL);
	struct gicits_fabric_delivery d;
	const struct gicits_fabric_hop *h;
	int its0 = node(f, ITS0);

	(void)state;
	assert_int_equal(gicits_fabric_map_event(f, its0, 0x123, 5, 8202, 1),
			 0);
	assert_int_equal(gicits_fabric_post_rid(f, 0, 0x123,
						GICITS_FABRIC_ADDR_MSI, 5, &d),
			 0);
	assert_int_equal(d.result, GICITS_FABRIC_DELIVERED);
	assert_int_equal(d.intid, 8202);
	assert_int_equal(d.cpu, 1);
	h = find_hop(&d, GICITS_HOP_LPI);
	assert_int_equal(h->out, 8202);
	assert_int_equal(h->cpu, 1);
	assert_true(gicits_rdist_is_pending(gicits_fabric_gic(f), 1, 8202));
	assert_false(gicits_rdist_is_pending(gicits_fabric_gic(f), 0, 8202));

	assert_int_equal(gicits_fabric_post_rid(f, 0, 0x123,
						GICITS_FABRIC_ADDR_MSI, 6, &d),
			 0);
	assert_int_equal(d.result, GICITS_FABRIC_DROPPED);
	assert_int_equal(d.drop, GICITS_DROP_EVENT_UNMAPPED);
	/* the DeviceID comes from the bus: RID 0x124 writing EventID 5 does
	 * not reach 0x123's interrupt */
	assert_int_equal(gicits_fabric_post_rid(f, 0, 0x124,
						GICITS_FABRIC_ADDR_MSI, 5, &d),
			 0);
	assert_int_equal(d.drop, GICITS_DROP_DEVICE_UNMAPPED);
	gicits_fabric_destroy(f);
}

/* mbigen child intc_a: msi-parent <&its1 0x40000>, 8 pins.  The fabric
 * programs pin 64 + w with EventID w, edge triggered (spec B.1). */
static void test_translator_wire(void **state)
{
	struct gicits_fabric *f = build("dt-basic.dtb", NULL);
	struct gicits_fabric_delivery d;
	const struct gicits_fabric_hop *h;
	int mb = node(f, "/mbigen@60080000/intc_a");

	(void)state;
	assert_non_null(gicits_fabric_xlat(f, mb));
	assert_int_equal(
		gicits_fabric_map_event(f, node(f, ITS1), 0x40000, 3, 8300, 2),
		0);
	assert_int_equal(gicits_fabric_wire(f, mb, 3, 1, &d), 0);
	assert_int_equal(d.result, GICITS_FABRIC_DELIVERED);
	assert_int_equal(d.device_id, 0x40000);
	assert_int_equal(d.event_id, 3);
	assert_int_equal(d.intid, 8300);
	assert_int_equal(d.hops[0].kind, GICITS_HOP_WIRE);
	assert_int_equal(d.hops[0].node, mb);
	h = find_hop(&d, GICITS_HOP_DEVICE_ID);
	assert_int_equal(h->node, mb);
	assert_true(gicits_rdist_is_pending(gicits_fabric_gic(f), 2, 8300));
	/* a falling edge posts nothing; wire 4 is no mapped event */
	assert_int_equal(gicits_fabric_wire(f, mb, 3, 0, &d), 0);
	assert_int_equal(d.result, GICITS_FABRIC_NOT_POSTED);
	assert_int_equal(gicits_fabric_wire(f, mb, 4, 1, &d), 0);
	assert_int_equal(d.drop, GICITS_DROP_EVENT_UNMAPPED);
	/* num-pins = 8: wires 0..7 */
	assert_int_equal(gicits_fabric_wire(f, mb, 8, 1, &d), GICITS_ERANGE);
	assert_int_equal(gicits_fabric_wire(f, node(f, ITS0), 0, 1, &d),
			 GICITS_ENOENT);
	gicits_fabric_destroy(f);
}

/* IORT basic.asl: RIDs 0x00-0xff go to the SMMUv3 (StreamID = RID), whose
 * ID mapping sends them to the second ITS group; RID 0x100 is the
 * off-by-one overlap and goes straight to that group at 0x10100; the
 * named component's single mapping gives StreamID 0x2000; the SMMU's own
 * DeviceID mapping index gives it DeviceID 0 at the first group. */
static void test_iort(void **state)
{
	struct gicits_fabric *f = build("basic.aml", NULL);
	struct gicits_fabric_delivery d;
	const struct gicits_fabric_hop *h;
	int smmu = node(f, "iort@0x60"), g1 = node(f, "iort@0x48");

	(void)state;
	assert_int_equal(gicits_fabric_post_rid(f, 0, 0x42,
						GICITS_FABRIC_ADDR_MSI, 0, &d),
			 0);
	assert_int_equal(d.its_node, g1);
	assert_int_equal(d.device_id, 0x42);
	/* the DeviceID hop is the SMMU's ID mapping applied to the
	 * StreamID, not the root complex's */
	h = find_hop(&d, GICITS_HOP_DEVICE_ID);
	assert_int_equal(h->node, smmu);
	assert_int_equal(h->in, 0x42);
	assert_int_equal(gicits_fabric_post_rid(f, 0, 0x100,
						GICITS_FABRIC_ADDR_MSI, 0, &d),
			 0);
	assert_int_equal(d.its_node, g1);
	assert_int_equal(d.device_id, 0x10100);
	assert_false(has_hop(&d, GICITS_HOP_IOMMU));
	assert_int_equal(gicits_fabric_post_node(f, node(f, "iort@0x154"), 0,
						 GICITS_FABRIC_ADDR_MSI, 0, &d),
			 0);
	assert_int_equal(find_hop(&d, GICITS_HOP_STREAM)->out, 0x2000);
	assert_int_equal(d.its_node, g1);
	assert_int_equal(d.device_id, 0x2000);
	assert_int_equal(gicits_fabric_post_node(f, smmu, 0,
						 GICITS_FABRIC_ADDR_MSI, 0, &d),
			 0);
	assert_int_equal(d.its_node, node(f, "iort@0x30"));
	assert_int_equal(d.device_id, 0);
	gicits_fabric_destroy(f);
}

/* A small DT made here: a host bridge whose msi-parent is a GICv2m frame
 * (no ITS anywhere) and one with no MSI description at all. */
static void *make_dt(size_t *len)
{
	size_t cap = 4096;
	void *fdt = malloc(cap);
	uint32_t ph;

	assert_non_null(fdt);
	ph = cpu_to_fdt32(1);
	assert_int_equal(fdt_create(fdt, (int)cap), 0);
	assert_int_equal(fdt_finish_reservemap(fdt), 0);
	assert_int_equal(fdt_begin_node(fdt, ""), 0);
	assert_int_equal(fdt_begin_node(fdt, "v2m@2c1c0000"), 0);
	assert_int_equal(
		fdt_property_string(fdt, "compatible", "arm,gic-v2m-frame"), 0);
	assert_int_equal(fdt_property(fdt, "msi-controller", NULL, 0), 0);
	assert_int_equal(fdt_property(fdt, "phandle", &ph, 4), 0);
	assert_int_equal(fdt_end_node(fdt), 0);
	assert_int_equal(fdt_begin_node(fdt, "pcie@40000000"), 0);
	assert_int_equal(fdt_property_string(fdt, "device_type", "pci"), 0);
	assert_int_equal(fdt_property_u32(fdt, "linux,pci-domain", 0), 0);
	assert_int_equal(fdt_property(fdt, "msi-parent", &ph, 4), 0);
	assert_int_equal(fdt_end_node(fdt), 0);
	assert_int_equal(fdt_begin_node(fdt, "pcie@50000000"), 0);
	assert_int_equal(fdt_property_string(fdt, "device_type", "pci"), 0);
	assert_int_equal(fdt_property_u32(fdt, "linux,pci-domain", 1), 0);
	assert_int_equal(fdt_end_node(fdt), 0);
	assert_int_equal(fdt_end_node(fdt), 0);
	assert_int_equal(fdt_finish(fdt), 0);
	*len = fdt_totalsize(fdt);
	return fdt;
}

static void test_no_its(void **state)
{
	struct gicits_fabric *f = NULL;
	struct gicits_fabric_delivery d;
	size_t len;
	void *dt = make_dt(&len);
	int v2m;

	(void)state;
	assert_int_equal(
		gicits_fabric_create_blob(dt, len, NULL, 0, NULL, &f, NULL), 0);
	free(dt);
	v2m = node(f, "/v2m@2c1c0000");
	assert_null(gicits_fabric_its(f, v2m));
	/* the write reaches the v2m frame, which is no ITS: nothing
	 * translates it */
	assert_int_equal(gicits_fabric_post_rid(f, 0, 0x8,
						GICITS_FABRIC_ADDR_MSI, 0, &d),
			 0);
	assert_int_equal(d.result, GICITS_FABRIC_NOT_ITS);
	assert_int_equal(d.its_node, v2m);
	assert_false(has_hop(&d, GICITS_HOP_ITS));
	/* no MSI description: nothing is written */
	assert_int_equal(gicits_fabric_post_rid(f, 1, 0x8,
						GICITS_FABRIC_ADDR_MSI, 0, &d),
			 0);
	assert_int_equal(d.result, GICITS_FABRIC_NO_MSI);
	assert_int_equal(d.its_node, -1);
	assert_int_equal(d.n_hops, 1);
	/* a DMA write to plain memory arrives at no doorbell */
	assert_int_equal(gicits_fabric_post_rid(f, 1, 0x8, 0x12345678, 0, &d),
			 0);
	assert_int_equal(d.result, GICITS_FABRIC_NO_TARGET);
	assert_int_equal(find_hop(&d, GICITS_HOP_DOORBELL)->node, -1);
	gicits_fabric_destroy(f);
}

/* Requesters the topology does not map: its:null, no crash. */
static void test_unmapped_requesters(void **state)
{
	struct gicits_fabric *f = build("dt-basic.dtb", NULL);
	struct gicits_fabric_delivery d;
	uint64_t db;

	(void)state;
	/* segment 0 RIDs 0x1000-0x1fff: no msi-map entry (of_map_id
	 * bypass, no MSI domain) */
	assert_int_equal(gicits_fabric_post_rid(f, 0, 0x1000,
						GICITS_FABRIC_ADDR_MSI, 0, &d),
			 0);
	assert_int_equal(d.result, GICITS_FABRIC_NO_MSI);
	/* eth@51000000 has iommus but no msi-parent */
	assert_int_equal(gicits_fabric_post_node(f, node(f, "/eth@51000000"), 0,
						 GICITS_FABRIC_ADDR_MSI, 0, &d),
			 0);
	assert_int_equal(d.result, GICITS_FABRIC_NO_MSI);
	/* ... and if it writes a doorbell anyway, it goes through its SMMU
	 * (StreamID 0x7000) and arrives with the raw ID */
	assert_int_equal(gicits_fabric_doorbell(f, node(f, ITS0), &db), 0);
	assert_int_equal(gicits_fabric_post_node(f, node(f, "/eth@51000000"), 0,
						 db, 0, &d),
			 0);
	assert_int_equal(find_hop(&d, GICITS_HOP_STREAM)->out, 0x7000);
	assert_int_equal(d.its_node, node(f, ITS0));
	assert_true(find_hop(&d, GICITS_HOP_DEVICE_ID)->flags &
		    GICITS_HOP_F_RAW_ID);
	/* a write inside an ITS frame but not at GITS_TRANSLATER is no MSI */
	assert_int_equal(gicits_fabric_post_rid(f, 0, 0x123, db - 0x40, 0, &d),
			 0);
	assert_int_equal(d.result, GICITS_FABRIC_NO_TARGET);
	gicits_fabric_destroy(f);
}

static void test_errors(void **state)
{
	struct gicits_fabric_config cfg;
	struct gicits_fabric *f = build("dt-basic.dtb", NULL), *g = NULL;
	struct gicits_fabric_delivery d;
	struct gicits_topo *t;
	uint64_t pa;
	int its0 = node(f, ITS0);

	(void)state;
	assert_int_equal(gicits_fabric_post_rid(f, 99, 0, 0, 0, &d),
			 GICITS_ENOENT);
	assert_int_equal(gicits_fabric_post_rid(f, 0, 0, 0, 0, NULL),
			 GICITS_EINVAL);
	assert_int_equal(gicits_fabric_post_node(f, -1, 0, 0, 0, &d),
			 GICITS_ENOENT);
	assert_int_equal(gicits_fabric_post_node(f, its0, 7, 0, 0, &d),
			 GICITS_ENOENT);
	assert_int_equal(gicits_fabric_doorbell(f, node(f, SMMU), &pa),
			 GICITS_ENOENT);
	assert_int_equal(gicits_fabric_map_event(f, its0, 1, 256, 8192, 0),
			 GICITS_ERANGE);
	assert_int_equal(gicits_fabric_map_event(f, its0, 1, 0, 100, 0),
			 GICITS_ERANGE);
	assert_int_equal(gicits_fabric_map_event(f, its0, 1, 0, 8192, 4),
			 GICITS_ERANGE);
	assert_int_equal(gicits_fabric_map_event(f, its0, 1u << 24, 0, 8192, 0),
			 GICITS_ERANGE);
	assert_int_equal(
		gicits_fabric_map_event(f, node(f, SMMU), 1, 0, 8192, 0),
		GICITS_ENOENT);
	assert_int_equal(gicits_fabric_alloc(f, 0, 8, &pa, NULL),
			 GICITS_EINVAL);
	assert_int_equal(gicits_fabric_alloc(f, 16, 3, &pa, NULL),
			 GICITS_EINVAL);
	assert_int_equal(gicits_fabric_alloc(f, 1ULL << 40, 8, &pa, NULL),
			 GICITS_ENOMEM);
	assert_null(gicits_fabric_its(f, -5));
	assert_null(gicits_fabric_iommu(f, its0));

	t = (struct gicits_topo *)gicits_fabric_topo(f);
	assert_int_equal(gicits_fabric_create(NULL, NULL, &g), GICITS_EINVAL);
	gicits_fabric_config_default(&cfg);
	cfg.its_devbits = 27;
	assert_int_equal(gicits_fabric_create(t, &cfg, &g), GICITS_EINVAL);
	gicits_fabric_config_default(&cfg);
	cfg.num_cpus = 0;
	assert_int_equal(gicits_fabric_create(t, &cfg, &g), GICITS_EINVAL);
	gicits_fabric_config_default(&cfg);
	cfg.ram_base = cfg.its_base; /* doorbells inside the tables */
	assert_int_equal(gicits_fabric_create(t, &cfg, &g), GICITS_EINVAL);
	cfg.size = 0;
	assert_int_equal(gicits_fabric_create(t, &cfg, &g), GICITS_EINVAL);
	assert_null(g);
	/* not a DTB nor an IORT */
	assert_int_equal(
		gicits_fabric_create_blob("junk", 4, NULL, 0, NULL, &g, NULL),
		GICITS_EFORMAT);
	assert_null(g);
	gicits_fabric_destroy(f);
}

/* The embedder programs an SMMU through <gicits/iommu.h>: the fabric's
 * requests then see what the model's registers say. */
static void test_smmu_programmed_through_accessor(void **state)
{
	struct gicits_fabric *f = build("dt-basic.dtb", NULL);
	struct gicits_fabric_delivery d;
	struct gicits_iommu *smmu = gicits_fabric_iommu(f, node(f, SMMU));
	uint64_t v = 0;

	(void)state;
	assert_non_null(smmu);
	/* GBPA.ABORT through the register, as software does (Update = 1,
	 * IHI 0070 6.3.14): the next write from RID 0x123 aborts */
	assert_int_equal(gicits_iommu_mmio_write(smmu, GICITS_SMMU_GBPA, 4,
						 (1u << 31) | (1u << 20)),
			 0);
	assert_int_equal(gicits_iommu_mmio_read(smmu, GICITS_SMMU_GBPA, 4, &v),
			 0);
	assert_true(v & (1u << 20));
	assert_int_equal(gicits_fabric_post_rid(f, 0, 0x123,
						GICITS_FABRIC_ADDR_MSI, 0, &d),
			 0);
	assert_int_equal(d.result, GICITS_FABRIC_IOMMU_ABORT);
	/* segment 1's IOMMU is disabled in the DT: no IOMMU at all */
	assert_int_equal(
		gicits_fabric_post_rid(f, 1, 0, GICITS_FABRIC_ADDR_MSI, 0, &d),
		0);
	assert_int_equal(d.result, GICITS_FABRIC_DROPPED);
	assert_false(has_hop(&d, GICITS_HOP_IOMMU));
	gicits_fabric_destroy(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dt_rid_through_smmu),
		cmocka_unit_test(test_smmu_abort),
		cmocka_unit_test(test_delivered_after_mapping),
		cmocka_unit_test(test_translator_wire),
		cmocka_unit_test(test_iort),
		cmocka_unit_test(test_no_its),
		cmocka_unit_test(test_unmapped_requesters),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_smmu_programmed_through_accessor),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
