/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The topo module over inputs written for it: the .dts files in
 * tests/topo/dts and the .asl files in tests/topo/asl, compiled by dtc and
 * iasl at build time into
 * TOPO_BLOBS.  Each test names the rule it checks; the numbers come from the
 * sources' comments, worked out by hand.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "blob.h"
#include "gicits/error.h"
#include "gicits/topo.h"

static void *slurp(const char *name, size_t *len)
{
	void *buf = ts_read_file(TOPO_BLOBS, name, len);

	if (!buf)
		fail_msg("cannot read %s/%s", TOPO_BLOBS, name);
	return buf;
}

static struct gicits_topo *load(const char *name)
{
	struct gicits_topo *t;
	size_t len;
	void *buf = slurp(name, &len);

	assert_int_equal(gicits_topo_create(&t), 0);
	assert_int_equal(gicits_topo_load(t, buf, len), 0);
	free(buf); /* the topology keeps no pointer into it */
	return t;
}

static int node(const struct gicits_topo *t, const char *name)
{
	int n = gicits_topo_find(t, name);

	if (n < 0)
		fail_msg("no node %s", name);
	return n;
}

#define ITS0 "/interrupt-controller@2f000000/msi-controller@2f020000"
#define ITS1 "/interrupt-controller@2f000000/msi-controller@2f040000"

/* ---- Device Tree: of_map_id() rules ------------------------------------ */

static void dt_msi_map_first_match_and_iommu_map(void **state)
{
	struct gicits_topo *t = load("dt-basic.dtb");
	struct gicits_topo_result r;

	(void)state;
	/* entry 0: RID 0x7ff -> its0 0x7ff; iommu-map identity to smmu */
	gicits_topo_resolve(t, 0, 0x7ff, &r);
	assert_int_equal(r.status, GICITS_TOPO_OK);
	assert_int_equal(r.msi_node, node(t, ITS0));
	assert_int_equal(r.device_id, 0x7ff);
	assert_int_equal(r.stream_node, node(t, "/iommu@2b400000"));
	assert_int_equal(r.stream_id, 0x7ff);
	/* entry 1: RID 0x800 -> its1 0x8800 (out-base + offset) */
	gicits_topo_resolve(t, 0, 0x800, &r);
	assert_int_equal(r.msi_node, node(t, ITS1));
	assert_int_equal(r.device_id, 0x8800);
	assert_true(r.quirks & GICITS_TOPO_QUIRK_DT_ITS_NO_MSI_CELLS);
	/* no entry covers 0x1000: bypass, raw RID, no controller (no msi-parent) */
	gicits_topo_resolve(t, 0, 0x1000, &r);
	assert_int_equal(r.msi_status, GICITS_TOPO_UNMAPPED);
	assert_int_equal(r.msi_node, -1);
	assert_int_equal(r.device_id, 0x1000);
	assert_int_equal(r.stream_status, GICITS_TOPO_UNMAPPED);
	assert_int_equal(r.stream_node, -1);
	assert_int_equal(r.status, GICITS_TOPO_UNMAPPED);
	gicits_topo_free(t);
}

static void dt_ancestor_msi_map_mask_zero_disabled_iommu(void **state)
{
	struct gicits_topo *t = load("dt-basic.dtb");
	struct gicits_topo_result r;

	(void)state;
	/* msi-map lives on bus1, the host bridge's parent */
	gicits_topo_resolve(t, 1, 0x42, &r);
	assert_int_equal(r.msi_node, node(t, ITS1));
	assert_int_equal(r.device_id, 0x20042);
	assert_true(r.quirks & GICITS_TOPO_QUIRK_DT_MSI_MAP_ANCESTOR);
	/* iommu-map-mask 0: every RID is StreamID 0x77, but the SMMU is
	 * disabled: Linux uses no IOMMU */
	assert_int_equal(r.stream_status, GICITS_TOPO_DISABLED);
	assert_int_equal(r.stream_id, 0x77);
	assert_int_equal(r.status, GICITS_TOPO_OK);
	gicits_topo_free(t);
}

static void dt_msi_parent_implicit_identity(void **state)
{
	struct gicits_topo *t = load("dt-basic.dtb");
	struct gicits_topo_result r;

	(void)state;
	gicits_topo_resolve(t, 2, 0x8812, &r);
	assert_int_equal(r.status, GICITS_TOPO_OK);
	assert_int_equal(r.msi_node, node(t, ITS1));
	assert_int_equal(r.device_id, 0x8812);
	assert_true(r.quirks & GICITS_TOPO_QUIRK_DT_IMPLICIT_ID);
	assert_int_equal(r.stream_status, GICITS_TOPO_NONE);
	/* msi-parent <&its0> but its0 wants one cell: truncated */
	gicits_topo_resolve(t, 7, 0, &r);
	assert_int_equal(r.msi_status, GICITS_TOPO_ERROR);
	gicits_topo_free(t);
}

static void dt_bad_length_falls_back_to_msi_parent(void **state)
{
	struct gicits_topo *t = load("dt-basic.dtb");
	struct gicits_topo_result r;

	(void)state;
	gicits_topo_resolve(t, 3, 5, &r);
	assert_int_equal(r.msi_status, GICITS_TOPO_ERROR);
	/* Linux continues the walk, then uses the msi-parent domain */
	assert_int_equal(r.msi_node, node(t, "/v2m@2c1c0000"));
	assert_int_equal(r.device_id, 5);
	gicits_topo_free(t);
}

static void dt_mask_then_first_match_then_efault(void **state)
{
	struct gicits_topo *t = load("dt-basic.dtb");
	struct gicits_topo_result r;

	(void)state;
	/* mask 0xff is applied first: RID 0x0105 -> 0x05 -> entry 0 */
	assert_int_equal(gicits_topo_root_complex(t, 4),
			 node(t, "/pcie@44000000"));
	gicits_topo_resolve(t, 4, 0x05, &r);
	assert_int_equal(r.device_id, 0x105);
	/* 0x1c matches entries 1 and 2: the first wins */
	gicits_topo_resolve(t, 4, 0x1c, &r);
	assert_int_equal(r.status, GICITS_TOPO_OK);
	assert_int_equal(r.device_id, 0x10c);
	/* 0x30 reaches entry 3, whose base 0x200 is outside the mask: the
	 * whole lookup fails (-EFAULT in Linux) */
	gicits_topo_resolve(t, 4, 0x30, &r);
	assert_int_equal(r.msi_status, GICITS_TOPO_ERROR);
	gicits_topo_free(t);
}

static void dt_segments_fixup_fslmc(void **state)
{
	struct gicits_topo *t = load("dt-basic.dtb");
	struct gicits_topo_result r;
	struct gicits_topo_node n;
	int mc = node(t, "/fsl-mc@80c000000");

	(void)state;
	/* no linux,pci-domain: the next free number (0-5 and 7 are taken) */
	assert_int_equal(gicits_topo_root_complex(t, 6),
			 node(t, "/pcie@46000000"));
	assert_int_equal(gicits_topo_node(t, node(t, "/pcie@46000000"), &n), 0);
	assert_int_equal(n.rid_lo, 0);
	assert_int_equal(n.rid_hi, 0xff);
	/* Layerscape placeholder */
	gicits_topo_resolve(t, 5, 0, &r);
	assert_true(r.quirks & GICITS_TOPO_QUIRK_DT_FIXUP);
	/* fsl-mc: input = ICID */
	assert_int_equal(gicits_topo_node(t, mc, &n), 0);
	assert_int_equal(n.type, GICITS_TOPO_FSLMC);
	gicits_topo_resolve_node(t, mc, 0x12, &r);
	assert_int_equal(r.device_id, 0x50012);
	assert_int_equal(r.stream_id, 0x5012);
	gicits_topo_free(t);
}

static void dt_own_ids(void **state)
{
	struct gicits_topo *t = load("dt-basic.dtb");
	struct gicits_topo_result r;
	struct gicits_topo_node n;
	int smmu = node(t, "/iommu@2b400000"),
	    a = node(t, "/mbigen@60080000/intc_a");
	int gpu = node(t, "/gpu@53000000");

	(void)state;
	assert_int_equal(gicits_topo_own(t, smmu, 0, &r), 0);
	assert_int_equal(r.msi_node, node(t, ITS0));
	assert_int_equal(r.device_id, 0x10000);
	assert_int_equal(gicits_topo_own(t, smmu, 1, &r), GICITS_ENOENT);
	assert_int_equal(gicits_topo_node(t, a, &n), 0);
	assert_int_equal(n.type, GICITS_TOPO_WIRE_BRIDGE);
	assert_int_equal(n.num_pins, 8);
	assert_int_equal(gicits_topo_own(t, a, 0, &r), 0);
	assert_int_equal(r.device_id, 0x40000);
	assert_int_equal(gicits_topo_own(t, gpu, 0, &r), 0);
	assert_int_equal(r.status, GICITS_TOPO_OK);
	assert_int_equal(r.stream_id, 0x880);
	assert_int_equal(r.stream_mask, 0x3);
	/* msi-parent to a non-controller */
	assert_int_equal(gicits_topo_own(t, node(t, "/uart@54000000"), 0, &r),
			 0);
	assert_int_equal(r.msi_status, GICITS_TOPO_ERROR);
	gicits_topo_free(t);
}

/* ---- lint over the DT platform ------------------------------------------ */

struct seen {
	int count[12];
	char text[8192];
	int errors;
};

static const char *const codes[] = {
	"E-COLLIDE",  "E-IOMMU-SELF", "E-CONFLICT", "E-STRUCT", "W-ALIAS",
	"W-UNMAPPED", "W-OFF-BY-ONE", "W-RANGE",    "I-FIXUP",	"I-QUIRK",
};

static int collect(void *opaque, const struct gicits_topo_finding *f)
{
	struct seen *s = opaque;
	size_t i, l = strlen(s->text);

	for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++)
		if (!strcmp(codes[i], f->code))
			s->count[i]++;
	if (l + 300 < sizeof(s->text))
		snprintf(s->text + l, sizeof(s->text) - l, "%s %s %.250s\n",
			 gicits_topo_severity_name(f->severity), f->code,
			 f->message);
	return 0;
}

static int has(const struct seen *s, const char *code, const char *needle)
{
	const char *p = s->text;

	while ((p = strstr(p, code))) {
		const char *eol = strchr(p, '\n');
		const char *hit = strstr(p, needle);

		if (hit && (!eol || hit < eol))
			return 1;
		p += strlen(code);
	}
	return 0;
}

static void dt_lint_every_code(void **state)
{
	struct gicits_topo *t = load("dt-basic.dtb");
	struct gicits_topo_lint_opts o = { 16 };
	struct seen s;

	(void)state;
	memset(&s, 0, sizeof(s));
	s.errors = gicits_topo_lint(t, &o, collect, &s);
	assert_true(s.errors > 0);
	/* segment 0 entry 1 and segment 2's implicit identity meet at its1 */
	assert_true(has(
		&s, "E-COLLIDE",
		"/pcie@40000000 (inputs 0x800-0xfff) and /pcie@42000000 (inputs 0x8800-0x88ff) both reach DeviceID 0x8800-0x88ff"));
	assert_true(has(&s, "E-COLLIDE",
			"intc_a (inputs 0x0-0x0) and /mbigen@60080000/intc_b"));
	assert_true(has(&s, "E-COLLIDE",
			"StreamID 0x7000-0x7000 at /iommu@2b400000"));
	assert_true(
		has(&s, "E-IOMMU-SELF",
		    "/iommu@2b400000's own MSIs use DeviceID 0x10000-0x10000"));
	assert_true(has(&s, "E-CONFLICT",
			"msi-map entries 1 and 2 overlap on inputs 0x18-0x1f"));
	assert_true(has(&s, "E-STRUCT", "msi-map length 12"));
	assert_true(has(&s, "E-STRUCT",
			"id-base 0x200 has bits outside msi-map-mask 0xff"));
	assert_true(has(&s, "E-STRUCT", "not an msi-controller"));
	assert_true(has(&s, "E-STRUCT",
			"/pcie@47000000: msi-parent entry 0 is truncated"));
	/* overlapping entries alias: a warning; the mask-0 map: info */
	assert_true(has(&s, "warning W-ALIAS",
			"(0x0-0xf and 0x10-0x1f) share DeviceID 0x100-0x10f"));
	assert_true(has(&s, "info W-ALIAS", "/bus1/pcie@41000000"));
	assert_true(has(
		&s, "W-UNMAPPED",
		"/pcie@40000000: 4096 of its IDs 0x0-0x1fff have no MSI mapping (first: 0x1000-0x1fff)"));
	assert_true(
		has(&s, "W-RANGE", "/top@55000000: claims DeviceID 0xffff"));
	assert_true(has(&s, "W-RANGE", "intc_a: DeviceID 0x40000-0x40000"));
	assert_true(has(&s, "W-RANGE", "output 0xffffff00 + 0x200 wraps"));
	assert_true(has(&s, "I-FIXUP", "/pcie@45000000"));
	/* the placeholder's identity DeviceIDs collide with nobody */
	assert_false(has(&s, "E-COLLIDE", "/pcie@45000000"));
	assert_int_equal(s.count[6], 0); /* no W-OFF-BY-ONE in a DT */
	gicits_topo_free(t);
}

static void dt_dangling_phandle(void **state)
{
	struct gicits_topo *t = load("dt-broken.dtb");
	struct gicits_topo_result r;
	const char *msg;

	(void)state;
	assert_int_equal(gicits_topo_check(t, &msg), GICITS_ENOENT);
	assert_non_null(strstr(msg, "phandle 0x999 not found"));
	gicits_topo_resolve(t, 0, 0x80, &r);
	assert_int_equal(r.status, GICITS_TOPO_OK);
	/* only the lookups that match the broken entry fail */
	gicits_topo_resolve(t, 0, 0x180, &r);
	assert_int_equal(r.msi_status, GICITS_TOPO_ERROR);
	gicits_topo_free(t);
}

/* ---- IORT: iort_node_map_id() rules --------------------------------------- */

static void iort_chain_last_id_and_special_index(void **state)
{
	struct gicits_topo *t = load("basic.aml");
	struct gicits_topo_result r;
	struct gicits_topo_node n;

	(void)state;
	assert_int_equal(gicits_topo_source(t), GICITS_TOPO_SRC_IORT);
	/* RC -> SMMUv3 -> ITS group 1: identity through both */
	gicits_topo_resolve(t, 0, 0xff, &r);
	assert_int_equal(r.stream_node, node(t, "iort@0x60"));
	assert_int_equal(r.stream_id, 0xff);
	assert_int_equal(r.msi_node, node(t, "iort@0x48"));
	assert_int_equal(r.msi_via, node(t, "iort@0x60"));
	assert_int_equal(r.device_id, 0xff);
	assert_int_equal(r.quirks, 0);
	/* 0x100 is the last ID of [0, 0x100] and the first of [0x100, ...]:
	 * the range starting there wins, so no SMMU */
	gicits_topo_resolve(t, 0, 0x100, &r);
	assert_int_equal(r.status, GICITS_TOPO_OK);
	assert_int_equal(r.stream_node, -1);
	assert_int_equal(r.stream_status, GICITS_TOPO_NONE);
	assert_int_equal(r.device_id, 0x10100);
	assert_true(r.quirks & GICITS_TOPO_QUIRK_IORT_LAST_ID);
	/* SID 0 at the SMMU skips mapping 1 (the DeviceID mapping index):
	 * no client ever reaches ITS 0 */
	gicits_topo_resolve(t, 0, 0, &r);
	assert_int_equal(r.msi_node, node(t, "iort@0x48"));
	assert_int_equal(gicits_topo_node(t, r.msi_node, &n), 0);
	assert_int_equal(n.n_its_ids, 1);
	assert_int_equal(n.its_ids[0], 1);
	gicits_topo_free(t);
}

static void iort_own_ids(void **state)
{
	struct gicits_topo *t = load("basic.aml");
	struct gicits_topo_result r;

	(void)state;
	/* SMMUv3 own MSI: single mapping at index 1 -> ITS 0, DeviceID 0 */
	assert_int_equal(gicits_topo_own(t, node(t, "iort@0x60"), 0, &r), 0);
	assert_int_equal(r.msi_node, node(t, "iort@0x30"));
	assert_int_equal(r.device_id, 0);
	assert_int_equal(gicits_topo_own(t, node(t, "iort@0x60"), 1, &r),
			 GICITS_ENOENT);
	/* PMCG without an overflow GSIV: mapping 0 */
	assert_int_equal(gicits_topo_own(t, node(t, "iort@0x118"), 0, &r), 0);
	assert_int_equal(r.device_id, 0x30000);
	/* named component: single -> SMMU StreamID 0x2000 -> ITS 1 */
	assert_int_equal(gicits_topo_own(t, node(t, "iort@0x154"), 0, &r), 0);
	assert_int_equal(r.stream_node, node(t, "iort@0x60"));
	assert_int_equal(r.stream_id, 0x2000);
	assert_int_equal(r.msi_node, node(t, "iort@0x48"));
	assert_int_equal(r.device_id, 0x2000);
	gicits_topo_free(t);
}

static void iort_lint_codes(void **state)
{
	struct gicits_topo *t = load("basic.aml");
	struct seen s;

	(void)state;
	memset(&s, 0, sizeof(s));
	assert_int_equal(gicits_topo_lint(t, NULL, collect, &s), 0);
	assert_true(has(&s, "W-OFF-BY-ONE", "ID 0x100 is the last ID"));
	/* own DeviceID 0 is at ITS 0, the clients' DeviceID 0 at ITS 1 */
	assert_int_equal(s.count[1], 0);
	gicits_topo_free(t);

	t = load("lint.aml");
	memset(&s, 0, sizeof(s));
	assert_true(gicits_topo_lint(t, NULL, collect, &s) > 0);
	assert_true(has(
		&s, "E-IOMMU-SELF",
		"iort@0x48's own MSIs use DeviceID 0x10-0x10 at iort@0x30, which iort@0xb4 (through iort@0x48)"));
	assert_true(has(&s, "E-COLLIDE",
			"iort@0xb4 (inputs 0x0-0xff) and iort@0x114"));
	assert_true(has(&s, "E-CONFLICT",
			"entries 0 and 1 overlap on inputs 0x80-0xff"));
	assert_true(
		has(&s, "E-STRUCT",
		    "iort@0x151: ID mapping 0: output reference 0x0 is null"));
	assert_true(
		has(&s, "E-STRUCT", "single mapping, not allowed on a pmcg"));
	assert_true(has(&s, "W-RANGE", "0x87030000-0x870300ff"));
	assert_true(has(&s, "W-UNMAPPED", "(first: 0x180-0xffff)"));
	gicits_topo_free(t);
}

/* ---- IORT mutations: byte edits of basic.aml -------------------------------- */

static void fix_checksum(uint8_t *b, size_t len)
{
	uint8_t sum = 0;
	size_t i;

	b[9] = 0;
	for (i = 0; i < len; i++)
		sum = (uint8_t)(sum + b[i]);
	b[9] = (uint8_t)(0x100 - sum);
}

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

static struct gicits_topo *load_edited(uint8_t *b, size_t len, int expect)
{
	struct gicits_topo *t;

	fix_checksum(b, len);
	assert_int_equal(gicits_topo_create(&t), 0);
	assert_int_equal(gicits_topo_load_iort(t, b, len), expect);
	return t;
}

static void iort_references_and_revisions(void **state)
{
	struct gicits_topo *t;
	struct gicits_topo_result r;
	const char *msg;
	size_t len;
	uint8_t *b = slurp("basic.aml", &len), *c = malloc(len);

	(void)state;
	assert_non_null(c);
	/* SMMU mapping 0 -> 0x1234, not a node: dangling */
	memcpy(c, b, len);
	put32(c + 0x60 + 0x44 + 12, 0x1234);
	t = load_edited(c, len, 0);
	assert_int_equal(gicits_topo_check(t, &msg), GICITS_ENOENT);
	gicits_topo_resolve(t, 0, 5, &r);
	assert_int_equal(r.msi_status, GICITS_TOPO_ERROR);
	assert_int_equal(r.device_id, 5);
	gicits_topo_free(t);
	/* SMMU mapping 0 -> the RC, which maps back to the SMMU: a loop */
	memcpy(c, b, len);
	put32(c + 0x60 + 0x44 + 12, 0xcc);
	t = load_edited(c, len, 0);
	assert_int_equal(gicits_topo_check(t, &msg), GICITS_ELOOP);
	gicits_topo_resolve(t, 0, 5, &r);
	assert_int_equal(r.msi_status, GICITS_TOPO_ERROR);
	gicits_topo_free(t);
	/* SMMUv3 revision 0: the index field is ignored (the X13s trap) */
	memcpy(c, b, len);
	c[0x60 + 3] = 0;
	t = load_edited(c, len, 0);
	assert_int_equal(
		gicits_topo_own(t, gicits_topo_find(t, "iort@0x60"), 0, &r),
		GICITS_ENOENT);
	gicits_topo_resolve(t, 0, 7, &r);
	assert_true(r.quirks & GICITS_TOPO_QUIRK_IORT_SMMUV3_REV0);
	assert_int_equal(r.device_id, 7);
	gicits_topo_free(t);
	/* all four GSIVs wired (rev < 5): no DeviceID mapping index */
	memcpy(c, b, len);
	put32(c + 0x60 + 44, 1);
	put32(c + 0x60 + 48, 2);
	put32(c + 0x60 + 52, 3);
	put32(c + 0x60 + 56, 4);
	t = load_edited(c, len, 0);
	assert_int_equal(
		gicits_topo_own(t, gicits_topo_find(t, "iort@0x60"), 0, &r),
		GICITS_ENOENT);
	gicits_topo_free(t);
	/* revision 5: the index needs the DeviceID-valid flag (bit 4) */
	memcpy(c, b, len);
	c[0x60 + 3] = 5;
	t = load_edited(c, len, 0);
	assert_int_equal(
		gicits_topo_own(t, gicits_topo_find(t, "iort@0x60"), 0, &r),
		GICITS_ENOENT);
	gicits_topo_free(t);
	c[0x60 + 24] = 0x10;
	t = load_edited(c, len, 0);
	assert_int_equal(
		gicits_topo_own(t, gicits_topo_find(t, "iort@0x60"), 0, &r), 0);
	gicits_topo_free(t);
	/* RC revision 1 with mappings at +0x20 (the revision-0 layout) */
	memcpy(c, b, len);
	put32(c + 0xcc + 12, 0x20);
	t = load_edited(c, len, 0);
	{
		struct seen s;

		memset(&s, 0, sizeof(s));
		gicits_topo_lint(t, NULL, collect, &s);
		assert_true(
			has(&s, "E-STRUCT", "revision-0 root complex layout"));
	}
	gicits_topo_free(t);
	free(c);
	free(b);
}

static void madt_cross_check(void **state)
{
	struct gicits_topo *t = load("basic.aml");
	uint8_t madt[44 + 20 + 20];
	struct seen s;

	(void)state;
	memset(madt, 0, sizeof(madt));
	memcpy(madt, "APIC", 4);
	put32(madt + 4, sizeof(madt));
	madt[44] = 0x0f; /* GIC ITS, Translation ID 1 */
	madt[45] = 20;
	put32(madt + 48, 1);
	madt[64] = 0x0d; /* a GICv2m frame: not an ITS */
	madt[65] = 20;
	assert_int_equal(gicits_topo_load_madt(t, madt, sizeof(madt)), 0);
	assert_int_equal(gicits_topo_load_madt(t, madt, sizeof(madt)),
			 GICITS_ESTATE);
	memset(&s, 0, sizeof(s));
	assert_int_equal(gicits_topo_lint(t, NULL, collect, &s), 1);
	assert_true(
		has(&s, "E-STRUCT", "iort@0x30: ITS ID 0 is not in the MADT"));
	assert_false(has(&s, "E-STRUCT", "ITS ID 1 is not"));
	gicits_topo_free(t);

	assert_int_equal(gicits_topo_create(&t), 0);
	madt[65] = 0; /* zero-length structure */
	assert_int_equal(gicits_topo_load_madt(t, madt, sizeof(madt)),
			 GICITS_EFORMAT);
	assert_int_equal(gicits_topo_load_madt(t, madt, 30), GICITS_ETRUNC);
	gicits_topo_free(t);
}

/* ---- malformed input: every truncation, header corruptions ----------------- */

static void truncations_fail_cleanly(void **state)
{
	static const char *const names[] = { "basic.aml", "lint.aml",
					     "dt-basic.dtb" };
	size_t i, len, cut;

	(void)state;
	for (i = 0; i < 3; i++) {
		uint8_t *b = slurp(names[i], &len);

		for (cut = 0; cut < len; cut++) {
			struct gicits_topo *t;
			uint8_t *c = malloc(cut + 1);
			int rc;

			assert_non_null(c);
			memcpy(c, b, cut);
			assert_int_equal(gicits_topo_create(&t), 0);
			rc = gicits_topo_load(t, c, cut);
			/* too short for the magic, or shorter than its header */
			assert_true(rc == GICITS_ETRUNC ||
				    rc == GICITS_EFORMAT);
			assert_true(strlen(gicits_topo_error(t)) > 0);
			assert_int_equal(gicits_topo_node_count(t), 0);
			gicits_topo_free(t);
			free(c);
		}
		free(b);
	}
}

static void corrupted_headers(void **state)
{
	struct gicits_topo *t;
	size_t len, i;
	uint8_t *b = slurp("basic.aml", &len), *c = malloc(len);
	struct {
		size_t off;
		uint32_t val;
		int rc;
	} cases[] = {
		{ 40, 0x10, GICITS_EFORMAT }, /* node offset in the header */
		{ 36, 1000, GICITS_EFORMAT }, /* more nodes than bytes */
		{ 36, 7, GICITS_ETRUNC }, /* one node past the end */
		{ 0x60 + 8, 1000, GICITS_EFORMAT }, /* mappings past the node */
		{ 0x60 + 12, 4, GICITS_EFORMAT }, /* mappings in the header */
		{ 4, 0x10000, GICITS_ETRUNC }, /* length beyond the buffer */
	};

	(void)state;
	assert_non_null(c);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memcpy(c, b, len);
		put32(c + cases[i].off, cases[i].val);
		t = load_edited(c, len, cases[i].rc);
		gicits_topo_free(t);
	}
	/* a node length below its header */
	memcpy(c, b, len);
	c[0x49] = 8;
	c[0x4a] = 0;
	t = load_edited(c, len, GICITS_EFORMAT);
	gicits_topo_free(t);
	/* a bad checksum is only a warning */
	memcpy(c, b, len);
	c[9] ^= 0x55;
	assert_int_equal(gicits_topo_create(&t), 0);
	assert_int_equal(gicits_topo_load_iort(t, c, len), 0);
	assert_int_equal(gicits_topo_load_iort(t, c, len), GICITS_ESTATE);
	gicits_topo_free(t);
	free(c);
	free(b);

	/* a DTB with a bad magic / structure */
	b = slurp("dt-basic.dtb", &len);
	b[8] ^= 0xff; /* off_dt_struct */
	assert_int_equal(gicits_topo_create(&t), 0);
	assert_true(gicits_topo_load_dtb(t, b, len) < 0);
	assert_non_null(strstr(gicits_topo_error(t), "device tree"));
	gicits_topo_free(t);
	free(b);
	assert_int_equal(gicits_topo_create(NULL), GICITS_EINVAL);
	gicits_topo_free(NULL);
}

/* Flip every byte of the test IORT in turn: never a crash, never a leak. */
static void iort_byte_flips(void **state)
{
	size_t len, i;
	uint8_t *b = slurp("basic.aml", &len);

	(void)state;
	for (i = 0; i < len; i++) {
		struct gicits_topo *t;
		struct gicits_topo_result r;
		struct seen s;
		uint32_t rid;

		b[i] ^= 0xa5;
		assert_int_equal(gicits_topo_create(&t), 0);
		if (!gicits_topo_load_iort(t, b, len)) {
			for (rid = 0; rid < 0x300; rid += 7)
				gicits_topo_resolve(t, 0, rid, &r);
			memset(&s, 0, sizeof(s));
			gicits_topo_lint(t, NULL, collect, &s);
		}
		gicits_topo_free(t);
		b[i] ^= 0xa5;
	}
	free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(dt_msi_map_first_match_and_iommu_map),
		cmocka_unit_test(dt_ancestor_msi_map_mask_zero_disabled_iommu),
		cmocka_unit_test(dt_msi_parent_implicit_identity),
		cmocka_unit_test(dt_bad_length_falls_back_to_msi_parent),
		cmocka_unit_test(dt_mask_then_first_match_then_efault),
		cmocka_unit_test(dt_segments_fixup_fslmc),
		cmocka_unit_test(dt_own_ids),
		cmocka_unit_test(dt_lint_every_code),
		cmocka_unit_test(dt_dangling_phandle),
		cmocka_unit_test(iort_chain_last_id_and_special_index),
		cmocka_unit_test(iort_own_ids),
		cmocka_unit_test(iort_lint_codes),
		cmocka_unit_test(iort_references_and_revisions),
		cmocka_unit_test(madt_cross_check),
		cmocka_unit_test(truncations_fail_cleanly),
		cmocka_unit_test(corrupted_headers),
		cmocka_unit_test(iort_byte_flips),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
