/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The SMMU in front of an ITS, end to end: a device's MSI write passes
 * gicits_iommu_translate() and, when it reaches GITS_TRANSLATER, becomes
 * gicits_its_msi() with the DeviceID the system derives from the
 * StreamID (identity here); the SMMU's own MSIs reach the ITS with the
 * SMMU's own DeviceID.  spec/iommu-mbigen.md §C 1, 2, 7, 20, 21.
 * (The ITS fixture's DeviceID table holds 512 devices, so the SMMU's
 * DeviceID is 0x1F0 here instead of §C's 0xFF0000.)
 */
#include "iommu_fixture.h"
#include "its_fixture.h"

#define ITS_DOORBELL (0x08080000ULL + GICITS_GITS_TRANSLATER)
#define SMMU_DEVID 0x1F0u

struct world {
	struct ifx *s;
	struct fx *its;
	int last_its_result;
	unsigned its_msis;
};

/* The interconnect: a write to the ITS doorbell is an MSI with the
 * DeviceID of its source; anything else goes to memory (not modelled). */
static int bus_write(struct world *w, uint64_t pa, uint32_t data,
		     uint32_t devid)
{
	if (pa != ITS_DOORBELL)
		return 0;
	w->its_msis++;
	w->last_its_result = gicits_its_msi(w->its->its, devid, data);
	return 0; /* an ITS that drops an MSI still completes the write */
}

static int smmu_msi(void *ctx, uint64_t pa, uint32_t data, uint32_t devid)
{
	struct world *w = ctx;

	assert_int_equal(devid, SMMU_DEVID);
	return bus_write(w, pa, data, devid);
}

/* A device write: through the SMMU, then the bus (DeviceID = StreamID). */
static enum gicits_iommu_outcome device_msi(struct world *w, uint32_t sid,
					    uint64_t addr, uint32_t data)
{
	struct gicits_iommu_result r = ifx_write(w->s, sid, addr);

	if (r.outcome <= GICITS_IOMMU_BYPASS)
		bus_write(w, r.pa, data, sid);
	return r.outcome;
}

static struct world *world_new(void)
{
	struct world *w = calloc(1, sizeof(*w));

	assert_non_null(w);
	w->its = fx_new();
	fx_rdist_enable(w->its, 0, 16);
	w->s = ifx_alloc_only();
	w->s->cfg.device_id = SMMU_DEVID;
	w->s->cfg.msi_write = smmu_msi;
	w->s->cfg.msi_ctx = w;
	ifx_create(w->s);
	ifx_linux(w->s, 0);
	/* the SMMU's event queue MSI: EventID 0 of its DeviceID */
	ifx_wr(w->s, GICITS_SMMU_IRQ_CTRL, 4, 0);
	ifx_wr(w->s, GICITS_SMMU_EVENTQ_IRQ_CFG0, 8, ITS_DOORBELL);
	ifx_wr(w->s, GICITS_SMMU_GERROR_IRQ_CFG0, 8, ITS_DOORBELL);
	ifx_wr(w->s, GICITS_SMMU_IRQ_CTRL, 4, 5);
	return w;
}

static void world_free(struct world *w)
{
	ifx_free(w->s);
	fx_fini(w->its);
	free(w);
}

/* Map the doorbell page at IFX_IOVA for SID 0x100 (§C 1's domain). */
static void doorbell_domain(struct world *w)
{
	struct ifx_pt pt = ifx_pt_s1(w->s, 12, 48);
	uint64_t cd = ifx_alloc(w->s, 64, 64);

	ifx_cd(w->s, cd, 16, 0, 1, pt.root, 0);
	ifx_map(w->s, &pt, IFX_IOVA & ~0xFFFull, ITS_DOORBELL & ~0xFFFull, 3,
		IFX_LINUX_MSI_ATTR);
	ifx_ste(w->s, IFX_SID, ifx_ste_s1(cd, 0, 0), 0, 0, 0);
}

static void c1_translated_msi_raises_lpi(void **state)
{
	struct world *w = world_new();

	(void)state;
	doorbell_domain(w);
	fx_map_event(w->its, IFX_SID, 8, 5, FX_LPI(100), 1, 0);
	assert_int_equal(device_msi(w, IFX_SID, IFX_IOVA, 5),
			 GICITS_IOMMU_TRANSLATED);
	assert_int_equal(w->last_its_result, GICITS_DROP_NONE);
	assert_true(fx_pending(w->its, 0, FX_LPI(100)));
	assert_int_equal(w->its_msis, 1); /* no SMMU MSI */
	world_free(w);
}

static void c2_fault_then_smmu_msi_with_own_devid(void **state)
{
	struct world *w = world_new();

	(void)state;
	doorbell_domain(w);
	fx_map_event(w->its, IFX_SID, 8, 5, FX_LPI(100), 1, 0);
	fx_map_event(w->its, SMMU_DEVID, 2, 0, FX_LPI(200), 1, 0);
	/* the device was given the physical doorbell: F_TRANSLATION */
	assert_int_equal(device_msi(w, IFX_SID, ITS_DOORBELL, 5),
			 GICITS_IOMMU_ABORT);
	assert_false(fx_pending(w->its, 0, FX_LPI(100)));
	/* the SMMU's event MSI: its own DeviceID, EventID 0 */
	assert_true(fx_pending(w->its, 0, FX_LPI(200)));
	assert_int_equal(ifx_nevents(w->s), 1);
	world_free(w);
}

static void c7_smmu_disabled_physical_doorbell(void **state)
{
	struct world *w = world_new();

	(void)state;
	fx_map_event(w->its, IFX_SID, 8, 5, FX_LPI(100), 1, 0);
	ifx_wr(w->s, GICITS_SMMU_CR0, 4, 0);
	/* an IOVA passes untranslated and misses the ITS */
	assert_int_equal(device_msi(w, IFX_SID, IFX_IOVA, 5),
			 GICITS_IOMMU_BYPASS);
	assert_int_equal(w->its_msis, 0);
	/* the physical doorbell reaches it, DeviceID still the StreamID's */
	device_msi(w, IFX_SID, ITS_DOORBELL, 5);
	assert_true(fx_pending(w->its, 0, FX_LPI(100)));
	world_free(w);
}

static void c20_c21_smmu_msi_unmapped_at_its(void **state)
{
	struct world *w = world_new();

	(void)state;
	/* the SMMU's DeviceID has no MAPD: the ITS drops the MSI, the
	 * write completes, no GERROR */
	assert_int_equal(device_msi(w, 0x77, 0x1000, 1), GICITS_IOMMU_ABORT);
	assert_int_equal(w->its_msis, 1);
	assert_int_equal(w->last_its_result, GICITS_DROP_DEVICE_UNMAPPED);
	assert_int_equal(ifx_rd(w->s, GICITS_SMMU_GERROR, 4), 0);
	world_free(w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(c1_translated_msi_raises_lpi),
		cmocka_unit_test(c2_fault_then_smmu_msi_with_own_devid),
		cmocka_unit_test(c7_smmu_disabled_physical_doorbell),
		cmocka_unit_test(c20_c21_smmu_msi_unmapped_at_its),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
