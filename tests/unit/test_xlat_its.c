/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * An mbigen in front of a real ITS, end to end: Linux maps the child's
 * DeviceID and EventIDs in the ITS (MAPD/MAPC/MAPTI) and programs the
 * mbigen; a wire becomes a message on the hard-wired doorbell, the bus
 * gives it the child's DeviceID, gicits_its_msi() makes the LPI pending
 * on CPU 0, and the CPU acknowledges it.  §C 25, 26, 27.
 * (The ITS fixture's DeviceID table holds 512 devices, so the children
 * are 0x1C and 0x0E here instead of B.1's 0x40B1C and 0x40B0E.)
 */
#include "its_fixture.h"
#include "xlat_fixture.h"

#define ITS_DOORBELL (0x08080000ULL + GICITS_GITS_TRANSLATER)
#define GMAC 0x1Cu
#define I2C 0x0Eu

struct world {
	struct xfx *x;
	struct fx *its;
	int last;
	unsigned its_msis;
};

/* The interconnect: the doorbell is an MSI with the source's DeviceID. */
static int bus_write(void *ctx, uint64_t pa, uint32_t data, uint32_t devid)
{
	struct world *w = ctx;

	if (pa != ITS_DOORBELL)
		return 0;
	w->its_msis++;
	w->last = gicits_its_msi(w->its->its, devid, data);
	return 0;
}

static struct world *world_new(void)
{
	struct world *w = calloc(1, sizeof(*w));

	assert_non_null(w);
	w->its = fx_new();
	fx_rdist_enable(w->its, 0, 16);
	w->x = xfx_alloc_only();
	w->x->children[0].device_id = GMAC;
	w->x->children[1].device_id = I2C;
	w->x->cfg.doorbell_pa = ITS_DOORBELL;
	w->x->next = bus_write;
	w->x->next_ctx = w;
	xfx_create(w->x);
	return w;
}

static void world_free(struct world *w)
{
	xfx_free(w->x);
	fx_fini(w->its);
	free(w);
}

/* §C 25: edge pin 656, EventID 0 of the gmac child -> LPI on CPU 0, and
 * the CPU takes it. */
static void c25_wire_becomes_lpi_on_cpu(void **state)
{
	struct world *w = world_new();
	uint32_t ev;

	(void)state;
	ev = xfx_linux_request(w->x, 0, 656, false);
	fx_map_event(w->its, GMAC, 5, ev, FX_LPI(100), 1, 0);
	xfx_wire(w->x, 656, 1);
	assert_int_equal(w->its_msis, 1);
	assert_int_equal(w->last, GICITS_DROP_NONE);
	assert_true(fx_pending(w->its, 0, FX_LPI(100)));
	assert_int_equal(gicits_cpu_ack(w->its->gic, 0), FX_LPI(100));
	xfx_linux_eoi(w->x, 656);
	assert_int_equal(gicits_cpu_eoi(w->its->gic, 0, FX_LPI(100)),
			 GICITS_OK);
	assert_false(fx_pending(w->its, 0, FX_LPI(100)));
	world_free(w);
}

/* §C 27 + per-child DeviceIDs: two children, EventIDs in request order,
 * each wire reaches its own LPI; the same EventID on the other child is
 * a different interrupt. */
static void c27_children_reach_their_own_lpis(void **state)
{
	struct world *w = world_new();

	(void)state;
	assert_int_equal(xfx_linux_request(w->x, 0, 656, false), 0);
	assert_int_equal(xfx_linux_request(w->x, 0, 657, true), 1);
	assert_int_equal(xfx_linux_request(w->x, 1, 665, false), 0);
	fx_map_event(w->its, GMAC, 5, 0, FX_LPI(100), 1, 0);
	fx_mapti(w->its, GMAC, 1, FX_LPI(101), 1, 0);
	fx_map_event(w->its, I2C, 5, 0, FX_LPI(200), 1, 0);
	xfx_wire(w->x, 657, 1);
	assert_true(fx_pending(w->its, 0, FX_LPI(101)));
	assert_false(fx_pending(w->its, 0, FX_LPI(100)));
	xfx_wire(w->x, 665, 1);
	assert_true(fx_pending(w->its, 0, FX_LPI(200)));
	assert_false(fx_pending(w->its, 0, FX_LPI(100)));
	assert_int_equal(fx_npending(w->its, 0), 2);
	world_free(w);
}

/* §C 26 end to end: a level wire held high re-raises its LPI after each
 * ack + CLEAR + EOI, and not before. */
static void c26_level_wire_reraises_after_eoi(void **state)
{
	struct world *w = world_new();

	(void)state;
	xfx_linux_request(w->x, 0, 657, true);
	fx_map_event(w->its, GMAC, 5, 0, FX_LPI(101), 1, 0);
	xfx_wire(w->x, 657, 1);
	assert_int_equal(gicits_cpu_ack(w->its->gic, 0), FX_LPI(101));
	assert_false(fx_pending(w->its, 0, FX_LPI(101)));
	/* handler runs; the line is still high; Linux's EOI */
	xfx_linux_eoi(w->x, 657);
	assert_int_equal(gicits_cpu_eoi(w->its->gic, 0, FX_LPI(101)),
			 GICITS_OK);
	assert_true(fx_pending(w->its, 0, FX_LPI(101)));
	assert_int_equal(w->its_msis, 2);
	world_free(w);
}

/* A programmed pin whose child has no ITS mapping (as after Linux frees
 * it: the VEC keeps its EventID, the MAPD is gone): the message reaches
 * the ITS and is dropped there, the write completes. */
static void unmapped_child_dropped_at_its(void **state)
{
	struct world *w = world_new();

	(void)state;
	xfx_linux_request(w->x, 0, 656, false);
	xfx_wire(w->x, 656, 1);
	assert_int_equal(w->its_msis, 1);
	assert_int_equal(w->last, GICITS_DROP_DEVICE_UNMAPPED);
	world_free(w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(c25_wire_becomes_lpi_on_cpu),
		cmocka_unit_test(c27_children_reach_their_own_lpis),
		cmocka_unit_test(c26_level_wire_reraises_after_eoi),
		cmocka_unit_test(unmapped_child_dropped_at_its),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
