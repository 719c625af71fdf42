/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The run-time DeviceID collision finding (issue 14, docs/iommu.md): the
 * SMMU's own MSIs carry config.device_id; a client StreamID the system
 * maps to that same DeviceID (config.client_device_id) writing to the ITS
 * frame the SMMU's MSIs go to is the collision spec/iommu-mbigen.md §C #20
 * warns about (the static topo lint's run-time counterpart).
 */
#include "iommu_fixture.h"

#define OTHER_PAGE (IFX_RAM_BASE + 0x1F00000ULL) /* not the ITS frame */

/* The system's msi-map beyond the SMMU: DeviceID = StreamID + the
 * offset in @ctx (so that IFX_SID maps to the SMMU's DeviceID or not). */
static uint32_t devid_of(void *ctx, uint32_t sid)
{
	return sid + *(const uint32_t *)ctx;
}

static uint32_t collide_off = IFX_SMMU_DEVID - IFX_SID;
static uint32_t apart_off = 0x20;

static struct ifx *new_smmu(uint32_t *off)
{
	struct ifx *f = ifx_alloc_only();

	f->cfg.device_id = IFX_SMMU_DEVID;
	if (off) {
		f->cfg.client_device_id = devid_of;
		f->cfg.client_ctx = off;
	}
	ifx_create(f);
	ifx_linux(f, 0);
	return f;
}

static struct gicits_iommu_collision coll(struct ifx *f)
{
	struct gicits_iommu_collision c;

	memset(&c, 0xA5, sizeof(c));
	assert_int_equal(gicits_iommu_collisions(f->smmu, &c), GICITS_OK);
	return c;
}

/* Stop the SMMU's own MSIs going anywhere (IRQ_CFG0 = 0). */
static void no_own_msis(struct ifx *f)
{
	ifx_wr(f, GICITS_SMMU_IRQ_CTRL, 4, 0);
	ifx_wr(f, GICITS_SMMU_EVENTQ_IRQ_CFG0, 8, 0);
	ifx_wr(f, GICITS_SMMU_GERROR_IRQ_CFG0, 8, 0);
}

/* A client with the SMMU's DeviceID writes the doorbell the SMMU's
 * EVENTQ/GERROR_IRQ_CFG0 name: a finding at once, before any own MSI. */
static void client_write_to_own_frame(void **state)
{
	struct ifx *f = new_smmu(&collide_off);
	struct gicits_iommu_collision c;
	struct gicits_iommu_result r;

	(void)state;
	ifx_s1_domain(f, NULL);
	r = ifx_write(f, IFX_SID, IFX_IOVA);
	assert_int_equal(r.outcome, GICITS_IOMMU_TRANSLATED);
	assert_int_equal(r.pa, IFX_DOORBELL);
	c = coll(f);
	assert_int_equal(c.count, 1);
	assert_int_equal(c.stream_id, IFX_SID);
	assert_int_equal(c.device_id, IFX_SMMU_DEVID);
	assert_int_equal(c.pa, IFX_DOORBELL);
	assert_int_equal(f->kinds[GICITS_TRACE_FINDING], 1);
	assert_non_null(strstr(f->last_rule, "DeviceID"));
	/* not a cache=check finding */
	assert_int_equal(ifx_status(f).findings, 0);
	/* every colliding write counts, the cached ones too */
	ifx_write(f, IFX_SID, IFX_IOVA);
	ifx_write(f, IFX_SID, IFX_IOVA);
	assert_int_equal(coll(f).count, 3);
	assert_true(ifx_status(f).cache_hits > 0);
	/* a read is no MSI */
	ifx_txn(f, IFX_SID, false, 0, IFX_IOVA, false, false);
	assert_int_equal(coll(f).count, 3);
	ifx_free(f);
}

/* The same write from a client whose DeviceID differs: nothing. */
static void other_device_id_no_finding(void **state)
{
	struct ifx *f = new_smmu(&apart_off);

	(void)state;
	ifx_s1_domain(f, NULL);
	assert_int_equal(ifx_write(f, IFX_SID, IFX_IOVA).outcome,
			 GICITS_IOMMU_TRANSLATED);
	assert_int_equal(coll(f).count, 0);
	assert_int_equal(coll(f).stream_id, 0);
	assert_int_equal(f->kinds[GICITS_TRACE_FINDING], 0);
	ifx_free(f);
}

/* Without config.client_device_id the SMMU cannot know: nothing, even
 * for a colliding system. */
static void no_map_no_finding(void **state)
{
	struct ifx *f = new_smmu(NULL);
	struct gicits_iommu_collision c;

	(void)state;
	ifx_s1_domain(f, NULL);
	ifx_write(f, IFX_SID, IFX_IOVA);
	c = coll(f);
	assert_int_equal(c.count, 0);
	assert_int_equal(c.pa, 0);
	assert_int_equal(gicits_iommu_collisions(NULL, &c), GICITS_EINVAL);
	assert_int_equal(gicits_iommu_collisions(f->smmu, NULL), GICITS_EINVAL);
	ifx_free(f);
}

/* A colliding client writing elsewhere (another ITS frame, or memory) is
 * no collision at the SMMU's ITS. */
static void other_frame_no_finding(void **state)
{
	struct ifx *f = new_smmu(&collide_off);
	struct ifx_pt pt = ifx_pt_s1(f, 12, 48);
	uint64_t cd = ifx_alloc(f, 64, 64);

	(void)state;
	ifx_cd(f, cd, 16, 0, 1, pt.root, 0);
	ifx_map(f, &pt, IFX_IOVA & ~0xFFFull, OTHER_PAGE, 3,
		IFX_LINUX_MSI_ATTR);
	ifx_ste(f, IFX_SID, ifx_ste_s1(cd, 0, 0), 0, 0, 0);
	assert_int_equal(ifx_write(f, IFX_SID, IFX_IOVA).pa,
			 OTHER_PAGE | (IFX_IOVA & 0xFFF));
	assert_int_equal(coll(f).count, 0);
	ifx_free(f);
}

/* The client writes first, while the SMMU's MSIs are not programmed; the
 * SMMU's first MSI to that frame (a CMD_SYNC completion) is the finding. */
static void own_msi_after_client(void **state)
{
	struct ifx *f = new_smmu(&collide_off);
	struct gicits_iommu_collision c;

	(void)state;
	no_own_msis(f);
	ifx_s1_domain(f, NULL);
	ifx_write(f, IFX_SID, IFX_IOVA);
	assert_int_equal(coll(f).count, 0);
	/* CMD_SYNC, CS = SIG_IRQ, MSIData 7, MSIAddress = the doorbell */
	ifx_cmd(f, 0x46 | 1ull << 12 | 7ull << 32, IFX_DOORBELL);
	assert_int_equal(f->nmsis, 1);
	assert_int_equal(f->msis[0].devid, IFX_SMMU_DEVID);
	c = coll(f);
	assert_int_equal(c.count, 1);
	assert_int_equal(c.stream_id, IFX_SID);
	assert_int_equal(c.pa, IFX_DOORBELL);
	/* and from then on, each colliding client write */
	ifx_write(f, IFX_SID, IFX_IOVA);
	assert_int_equal(coll(f).count, 2);
	ifx_free(f);
}

/* An own MSI to a frame no colliding client used: nothing. */
static void own_msi_alone_no_finding(void **state)
{
	struct ifx *f = new_smmu(&collide_off);

	(void)state;
	no_own_msis(f);
	ifx_cmd(f, 0x46 | 1ull << 12 | 7ull << 32, IFX_DOORBELL);
	assert_int_equal(f->nmsis, 1);
	assert_int_equal(coll(f).count, 0);
	ifx_free(f);
}

/* A bypassing client (STE bypass) with the SMMU's DeviceID writing the
 * physical doorbell collides as well; so does one with SMMUEN = 0. */
static void bypass_client(void **state)
{
	struct ifx *f = new_smmu(&collide_off);

	(void)state;
	ifx_ste(f, IFX_SID, IFX_STE_BYPASS, 0, 0, 0);
	assert_int_equal(ifx_write(f, IFX_SID, IFX_DOORBELL).outcome,
			 GICITS_IOMMU_BYPASS);
	assert_int_equal(coll(f).count, 1);
	ifx_wr(f, GICITS_SMMU_CR0, 4, 0);
	assert_int_equal(ifx_write(f, IFX_SID, IFX_DOORBELL).outcome,
			 GICITS_IOMMU_BYPASS);
	assert_int_equal(coll(f).count, 2);
	/* an aborted write reaches nothing */
	ifx_wr(f, GICITS_SMMU_CR0, 4,
	       IFX_CR0_SMMUEN | IFX_CR0_EVENTQEN | IFX_CR0_CMDQEN);
	ifx_ste(f, IFX_SID, IFX_STE_ABORT, 0, 0, 0);
	ifx_cfgi_ste(f, IFX_SID);
	assert_int_equal(ifx_write(f, IFX_SID, IFX_DOORBELL).outcome,
			 GICITS_IOMMU_ABORT);
	assert_int_equal(coll(f).count, 2);
	ifx_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(client_write_to_own_frame),
		cmocka_unit_test(other_device_id_no_finding),
		cmocka_unit_test(no_map_no_finding),
		cmocka_unit_test(other_frame_no_finding),
		cmocka_unit_test(own_msi_after_client),
		cmocka_unit_test(own_msi_alone_no_finding),
		cmocka_unit_test(bypass_client),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
