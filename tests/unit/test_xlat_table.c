/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The generic fixed-table translator (GICITS_XLAT_TABLE): wire n ->
 * (DeviceID, EventID, doorbell, trigger) fixed at creation.  §C 29
 * (GICv5 IWB: EventID = wire number whatever the order of requests) and
 * §C 30 (Marvell ICU level wire: SET message on assert, CLR on
 * de-assert, no DeviceID involved).
 */
#include "xlat_fixture.h"

#define IWB_DEVID 0x77u
#define GICP_SET 0xF03F0040ULL
#define GICP_CLR 0xF03F0048ULL

static struct xfx *table_new(struct gicits_xlat_entry *e, unsigned n)
{
	struct xfx *f = xfx_alloc_only();

	f->cfg.kind = GICITS_XLAT_TABLE;
	f->cfg.table = e;
	f->cfg.table_len = n;
	xfx_create(f);
	return f;
}

/* §C 29: an IWB with 16 wires, EventID = wire number; wire 7 fires. */
static void c29_iwb_wire_is_event(void **state)
{
	struct gicits_xlat_entry e[16];
	struct xfx *f;
	uint32_t d;

	(void)state;
	memset(e, 0, sizeof(e));
	for (unsigned i = 0; i < 16; i++)
		e[i] = (struct gicits_xlat_entry){ .valid = true,
						   .device_id = IWB_DEVID,
						   .event_id = i,
						   .doorbell_pa =
							   XFX_DOORBELL };
	f = table_new(e, 16);
	memset(e, 0, sizeof(e)); /* the table was copied */
	xfx_wire(f, 9, 1);
	xfx_wire(f, 7, 1);
	assert_int_equal(f->nmsis, 2);
	assert_int_equal(f->msis[1].data, 7);
	assert_int_equal(f->msis[1].devid, IWB_DEVID);
	assert_int_equal(f->msis[1].pa, XFX_DOORBELL);
	assert_int_equal(gicits_xlat_pin_device_id(f->t, 15, &d), GICITS_OK);
	assert_int_equal(d, IWB_DEVID);
	assert_int_equal(gicits_xlat_wire(f->t, 16, 1), GICITS_ERANGE);
	/* no register frame */
	assert_int_equal(gicits_xlat_write(f->t, 0x5340, 4, 1), GICITS_EINVAL);
	xfx_free(f);
}

/* §C 30: ICU wire 22, NSR level, SPI 70: 70 to SETSPI on assert, 70 to
 * CLRSPI on de-assert. */
static void c30_icu_level_set_and_clr(void **state)
{
	struct gicits_xlat_entry e[32];
	struct xfx *f;

	(void)state;
	memset(e, 0, sizeof(e));
	e[22] = (struct gicits_xlat_entry){ .valid = true,
					    .level = true,
					    .event_id = 70,
					    .doorbell_pa = GICP_SET,
					    .clr_doorbell_pa = GICP_CLR };
	f = table_new(e, 32);
	xfx_wire(f, 22, 1);
	xfx_wire(f, 22, 0);
	assert_int_equal(f->nmsis, 2);
	assert_int_equal(f->msis[0].pa, GICP_SET);
	assert_int_equal(f->msis[0].data, 70);
	assert_int_equal(f->msis[1].pa, GICP_CLR);
	assert_int_equal(f->msis[1].data, 70);
	xfx_free(f);
}

/* Table wires: edge per rising edge; level latched until
 * gicits_xlat_clear(), re-posted if still high; invalid wires unrouted. */
static void table_edge_level_clear_unrouted(void **state)
{
	struct gicits_xlat_entry e[4];
	struct xfx *f;
	uint32_t d;

	(void)state;
	memset(e, 0, sizeof(e));
	e[0] =
		(struct gicits_xlat_entry){ true, false,	0x10,
					    3,	  XFX_DOORBELL, 0 };
	e[1] = (struct gicits_xlat_entry){
		true, true, 0x11, 4, XFX_DOORBELL, 0
	};
	f = table_new(e, 4);
	xfx_wire(f, 0, 1);
	xfx_wire(f, 0, 0);
	xfx_wire(f, 0, 1);
	assert_int_equal(f->nmsis, 2);
	assert_int_equal(f->msis[0].devid, 0x10);
	xfx_wire(f, 1, 1);
	xfx_wire(f, 1, 0);
	xfx_wire(f, 1, 1);
	assert_int_equal(f->nmsis, 3);
	assert_int_equal(f->msis[2].devid, 0x11);
	assert_int_equal(f->msis[2].data, 4);
	assert_int_equal(gicits_xlat_clear(f->t, 1), GICITS_OK);
	assert_int_equal(f->nmsis, 4);
	xfx_wire(f, 2, 1);
	assert_int_equal(f->nmsis, 4);
	assert_int_equal(xfx_stats(f).unrouted, 1);
	assert_string_equal(f->last_rule, "xlat.unrouted");
	assert_int_equal(gicits_xlat_pin_device_id(f->t, 2, &d), GICITS_ENOENT);
	xfx_free(f);
}

static void table_bad_configs(void **state)
{
	struct gicits_xlat_entry e[1] = { { 0 } };
	struct xfx *f = xfx_alloc_only();
	struct gicits_xlat *t;

	(void)state;
	f->cfg.kind = GICITS_XLAT_TABLE;
	f->cfg.table = e;
	f->cfg.table_len = 0;
	assert_int_equal(gicits_xlat_create(&f->cfg, &t), GICITS_EINVAL);
	f->cfg.table_len = GICITS_XLAT_MAX_WIRES + 1;
	assert_int_equal(gicits_xlat_create(&f->cfg, &t), GICITS_EINVAL);
	f->cfg.table_len = 1;
	f->cfg.table = NULL;
	assert_int_equal(gicits_xlat_create(&f->cfg, &t), GICITS_EINVAL);
	xfx_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(c29_iwb_wire_is_event),
		cmocka_unit_test(c30_icu_level_set_and_clr),
		cmocka_unit_test(table_edge_level_clear_unrouted),
		cmocka_unit_test(table_bad_configs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
