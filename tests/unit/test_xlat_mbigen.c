/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The HiSilicon mbigen-v2 model (include/gicits/xlat.h): register decode
 * against spec/iommu-mbigen.md B.1's worked example, programming as Linux
 * does, edge and level wires, CLEAR, unprogrammed and unrouted pins,
 * per-child DeviceIDs, hostile register values and bad arguments.
 * §C rows 25, 26, 27 (and 28's "the mbigen still sends").
 */
#include "xlat_fixture.h"

/* B.1 worked example: H=656 -> VEC 0x5340, TYPE 0x5008 bit 16, CLEAR
 * 0xA050 bit 16; H=657 -> 0x5344, bit 17; H=1300 -> VEC 0xB350 (after
 * the 2024 fix that skips the CLEAR block). */
static void offsets_worked_example(void **state)
{
	(void)state;
	assert_int_equal(gicits_mbigen_vec_offset(656), 0x5340);
	assert_int_equal(gicits_mbigen_type_offset(656), 0x5008);
	assert_int_equal(gicits_mbigen_clear_offset(656), 0xA050);
	assert_int_equal(gicits_mbigen_vec_offset(657), 0x5344);
	assert_int_equal(gicits_mbigen_type_offset(657), 0x5008);
	assert_int_equal(gicits_mbigen_vec_offset(1300), 0xB350);
	assert_int_equal(gicits_mbigen_vec_offset(64), 0x1200);
	assert_int_equal(gicits_mbigen_type_offset(64), 0x1000);
	assert_int_equal(gicits_mbigen_vec_offset(1407), 0xC2FC);
	/* reserved and beyond */
	assert_int_equal(gicits_mbigen_vec_offset(63), UINT32_MAX);
	assert_int_equal(gicits_mbigen_type_offset(0), UINT32_MAX);
	assert_int_equal(gicits_mbigen_clear_offset(1408), UINT32_MAX);
	assert_int_equal(gicits_mbigen_vec_offset(UINT32_MAX), UINT32_MAX);
}

/* Every pin's VEC, TYPE and CLEAR land on that pin and no other. */
static void decode_every_pin(void **state)
{
	struct xfx *f = xfx_new();

	(void)state;
	for (uint32_t h = 64; h <= 1407; h++)
		xfx_wr(f, gicits_mbigen_vec_offset(h), h);
	for (uint32_t h = 64; h <= 1407; h++)
		assert_int_equal(xfx_rd(f, gicits_mbigen_vec_offset(h)), h);
	xfx_linux_set_type(f, 657, true);
	xfx_linux_set_type(f, 1300, true);
	assert_int_equal(xfx_rd(f, 0x5008), 1u << 17);
	assert_int_equal(xfx_rd(f, gicits_mbigen_type_offset(1300)),
			 1u << ((1300 - 64) % 32));
	/* node 0 and the gaps are RAZ/WI and traced */
	f->kinds[GICITS_TRACE_REG] = 0;
	xfx_wr(f, 0x0200, 0x12345);
	assert_int_equal(xfx_rd(f, 0x0200), 0);
	xfx_wr(f, 0x5100, 1);
	assert_int_equal(xfx_rd(f, 0x5100), 0);
	assert_int_equal(f->kinds[GICITS_TRACE_REG], 4);
	/* CLEAR reads as zero */
	assert_int_equal(xfx_rd(f, 0xA050), 0);
	assert_int_equal(f->nmsis, 0);
	xfx_free(f);
}

/* VEC keeps [21:0]; [31:22] are ignored and traced. */
static void vec_res0_bits(void **state)
{
	struct xfx *f = xfx_new();

	(void)state;
	xfx_wr(f, 0x5340, 0xFFFFFFFFu);
	assert_int_equal(xfx_rd(f, 0x5340), 0x3FFFFF);
	assert_string_equal(f->last_rule, "mbigen.vec_res0");
	/* upper 32 bits of the bus value are ignored */
	assert_int_equal(gicits_xlat_write(f->t, 0x5344, 4, 0xFFFF00000001ULL),
			 GICITS_OK);
	assert_int_equal(xfx_rd(f, 0x5344), 1);
	xfx_free(f);
}

/* A smaller chip: registers of pins above max_pin are unimplemented. */
static void max_pin_bounds_registers(void **state)
{
	struct xfx *f = xfx_alloc_only();

	(void)state;
	f->cfg.max_pin = 700;
	xfx_create(f);
	xfx_wr(f, gicits_mbigen_vec_offset(700), 0x1000);
	assert_int_equal(xfx_rd(f, gicits_mbigen_vec_offset(700)), 0x1000);
	xfx_wr(f, gicits_mbigen_vec_offset(701), 0x1000);
	assert_int_equal(xfx_rd(f, gicits_mbigen_vec_offset(701)), 0);
	xfx_wr(f, gicits_mbigen_vec_offset(1300), 0x1000);
	assert_int_equal(xfx_rd(f, gicits_mbigen_vec_offset(1300)), 0);
	/* the TYPE word holding pins 672..703 keeps 672..700 only */
	xfx_wr(f, gicits_mbigen_type_offset(700), 0xFFFFFFFFu);
	assert_int_equal(xfx_rd(f, gicits_mbigen_type_offset(700)), 0x1FFFFFFF);
	xfx_wr(f, 0xA000 + 22 * 4, 0xFFFFFFFFu); /* CLEAR 704.. : none */
	assert_int_equal(gicits_xlat_wire(f->t, 701, 1), GICITS_ERANGE);
	xfx_free(f);
}

/* Every offset, every value: no crash, only RAZ/WI or the register. */
static void hostile_frame_sweep(void **state)
{
	struct xfx *f = xfx_new();
	static const uint32_t vals[] = { 0, 1, 0xFFFFFFFFu, 0x80000000u,
					 0x003FF000u };

	(void)state;
	for (unsigned k = 0; k < sizeof(vals) / sizeof(vals[0]); k++)
		for (uint32_t off = 0; off < GICITS_MBIGEN_FRAME_SIZE; off += 4)
			xfx_wr(f, off, vals[k]);
	for (uint32_t off = 0; off < GICITS_MBIGEN_FRAME_SIZE; off += 4)
		(void)xfx_rd(f, off);
	/* no wire was raised: CLEARs posted nothing */
	assert_int_equal(f->nmsis, 0);
	xfx_free(f);
}

static void bad_accesses(void **state)
{
	struct xfx *f = xfx_new();
	uint64_t v;
	bool lv, la;
	uint32_t d;

	(void)state;
	assert_int_equal(gicits_xlat_read(f->t, 0x10000, 4, &v), GICITS_ERANGE);
	assert_int_equal(gicits_xlat_read(f->t, 0xFFFD, 4, &v), GICITS_ERANGE);
	assert_int_equal(gicits_xlat_read(f->t, UINT64_MAX, 4, &v),
			 GICITS_ERANGE);
	assert_int_equal(gicits_xlat_read(f->t, 0x5340, 8, &v), GICITS_EACCESS);
	assert_int_equal(gicits_xlat_read(f->t, 0x5342, 4, &v), GICITS_EACCESS);
	assert_int_equal(gicits_xlat_write(f->t, 0x5340, 2, 0), GICITS_EACCESS);
	assert_int_equal(gicits_xlat_read(f->t, 0x5340, 4, NULL),
			 GICITS_EINVAL);
	assert_int_equal(gicits_xlat_read(NULL, 0x5340, 4, &v), GICITS_EINVAL);
	assert_int_equal(gicits_xlat_write(NULL, 0x5340, 4, 0), GICITS_EINVAL);
	assert_int_equal(gicits_xlat_wire(NULL, 656, 1), GICITS_EINVAL);
	assert_int_equal(gicits_xlat_wire(f->t, 63, 1), GICITS_ERANGE);
	assert_int_equal(gicits_xlat_wire(f->t, 1408, 1), GICITS_ERANGE);
	assert_int_equal(gicits_xlat_clear(f->t, 0), GICITS_ERANGE);
	assert_int_equal(gicits_xlat_clear(NULL, 656), GICITS_EINVAL);
	assert_int_equal(gicits_xlat_pin_state(f->t, 2000, &lv, &la),
			 GICITS_ERANGE);
	assert_int_equal(gicits_xlat_pin_state(f->t, 656, NULL, NULL),
			 GICITS_OK);
	assert_int_equal(gicits_xlat_pin_device_id(f->t, 656, NULL),
			 GICITS_EINVAL);
	assert_int_equal(gicits_xlat_pin_device_id(f->t, 700, &d),
			 GICITS_ENOENT);
	assert_int_equal(gicits_xlat_get_stats(f->t, NULL), GICITS_EINVAL);
	assert_int_equal(gicits_xlat_get_stats(NULL, NULL), GICITS_EINVAL);
	gicits_xlat_destroy(NULL);
	gicits_xlat_config_default(NULL);
	xfx_free(f);
}

static void create_rejects_bad_configs(void **state)
{
	struct xfx *f = xfx_alloc_only();
	struct gicits_xlat *t = (void *)1;
	struct gicits_xlat_config c;
	struct gicits_xlat_child kids[2];

	(void)state;
	assert_int_equal(gicits_xlat_create(NULL, &t), GICITS_EINVAL);
	assert_int_equal(gicits_xlat_create(&f->cfg, NULL), GICITS_EINVAL);
#define BAD(stmt)                                                            \
	do {                                                                 \
		c = f->cfg;                                                  \
		memcpy(kids, f->children, sizeof(kids));                     \
		c.children = kids;                                           \
		stmt;                                                        \
		assert_int_equal(gicits_xlat_create(&c, &t), GICITS_EINVAL); \
		assert_null(t);                                              \
	} while (0)
	BAD(c.size = 0);
	BAD(c.kind = 0);
	BAD(c.kind = 77);
	BAD(c.msi_write = NULL);
	BAD(c.max_pin = 63);
	BAD(c.max_pin = 1408);
	BAD(c.children = NULL);
	BAD(c.num_children = 0);
	BAD(c.num_children = GICITS_XLAT_MAX_CHILDREN + 1);
	BAD(kids[0].num_pins = 0);
	BAD(kids[0].first_pin = 63);
	BAD(kids[0].first_pin = 1400; kids[0].num_pins = 9);
	BAD(kids[0].num_pins = UINT32_MAX);
	BAD(kids[1].first_pin = 664); /* overlaps gmac's last pin */
	BAD(c.kind = GICITS_XLAT_TABLE; c.table = NULL; c.table_len = 1);
#undef BAD
	xfx_free(f);
}

/* §C 25: child DeviceID 0x40B1C, pin 656 edge, Linux gave EventID 0:
 * a rising edge writes 0 to the hard-wired doorbell with DeviceID
 * 0x40B1C; Linux's EOI writes CLEAR 0xA050 bit 16. */
static void c25_edge_pin_posts_child_devid(void **state)
{
	struct xfx *f = xfx_new();
	bool lv, la;

	(void)state;
	assert_int_equal(xfx_linux_request(f, 0, 656, false), 0);
	xfx_wire(f, 656, 1);
	assert_int_equal(f->nmsis, 1);
	assert_int_equal(f->msis[0].pa, XFX_DOORBELL);
	assert_int_equal(f->msis[0].data, 0);
	assert_int_equal(f->msis[0].devid, XFX_GMAC);
	/* no new edge: nothing */
	xfx_wire(f, 656, 1);
	assert_int_equal(f->nmsis, 1);
	assert_int_equal(gicits_xlat_pin_state(f->t, 656, &lv, &la), GICITS_OK);
	assert_true(lv && la);
	/* Linux EOI: CLEAR 0xA050 bit 16; an edge pin posts nothing */
	xfx_wr(f, 0xA050, 1u << 16);
	assert_int_equal(gicits_xlat_pin_state(f->t, 656, &lv, &la), GICITS_OK);
	assert_false(la);
	assert_int_equal(f->nmsis, 1);
	assert_int_equal(xfx_stats(f).clears, 1);
	/* each rising edge is one message, CLEAR or not */
	xfx_wire(f, 656, 0);
	xfx_wire(f, 656, 1);
	xfx_wire(f, 656, 0);
	xfx_wire(f, 656, 1);
	assert_int_equal(f->nmsis, 3);
	assert_int_equal(xfx_stats(f).posted, 3);
	xfx_free(f);
}

/* §C 26: pin 657 level-high held across EOI: one message per assertion,
 * a new one after CLEAR while still high, none without CLEAR. */
static void c26_level_pin_resends_after_clear(void **state)
{
	struct xfx *f = xfx_new();

	(void)state;
	xfx_linux_request(f, 0, 656, false);
	assert_int_equal(xfx_linux_request(f, 0, 657, true), 1);
	xfx_wire(f, 657, 1);
	assert_int_equal(f->nmsis, 1);
	assert_int_equal(f->msis[0].data, 1);
	assert_int_equal(f->msis[0].devid, XFX_GMAC);
	/* falls and rises again without CLEAR: latched, nothing */
	xfx_wire(f, 657, 0);
	xfx_wire(f, 657, 1);
	assert_int_equal(f->nmsis, 1);
	assert_int_equal(xfx_stats(f).suppressed, 1);
	assert_string_equal(f->last_rule, "mbigen.level_latched");
	/* EOI while high: a new message */
	xfx_linux_eoi(f, 657);
	assert_int_equal(f->nmsis, 2);
	assert_int_equal(f->msis[1].data, 1);
	/* the device deasserts, then EOI: nothing more */
	xfx_wire(f, 657, 0);
	xfx_linux_eoi(f, 657);
	assert_int_equal(f->nmsis, 2);
	/* asserted again: a message */
	xfx_wire(f, 657, 1);
	assert_int_equal(f->nmsis, 3);
	xfx_free(f);
}

/* The level_resend knob off: the wire must fall and rise again. */
static void c26_knob_level_resend_off(void **state)
{
	struct xfx *f = xfx_alloc_only();

	(void)state;
	f->cfg.level_resend = false;
	xfx_create(f);
	xfx_linux_request(f, 0, 657, true);
	xfx_wire(f, 657, 1);
	xfx_linux_eoi(f, 657);
	assert_int_equal(f->nmsis, 1);
	assert_string_equal(f->last_rule, "knob:level_resend");
	xfx_wire(f, 657, 0);
	xfx_wire(f, 657, 1);
	assert_int_equal(f->nmsis, 2);
	xfx_free(f);
}

/* §C 27: the second pin requested on a child gets EventID 1 (next free),
 * not a pin-derived value; VEC(657)[21:12] = 1.  The other child's
 * numbering starts at 0 and its messages carry its own DeviceID. */
static void c27_event_ids_are_request_order(void **state)
{
	struct xfx *f = xfx_new();
	uint32_t d;

	(void)state;
	/* request order 660, 657, 656 on gmac; 666 on i2c */
	assert_int_equal(xfx_linux_request(f, 0, 660, false), 0);
	assert_int_equal(xfx_linux_request(f, 0, 657, false), 1);
	assert_int_equal(xfx_linux_request(f, 0, 656, false), 2);
	assert_int_equal(xfx_linux_request(f, 1, 666, true), 0);
	assert_int_equal(xfx_rd(f, 0x5344) & GICITS_MBIGEN_VEC_EVENT_MASK,
			 1u << 12);
	xfx_wire(f, 657, 1);
	xfx_wire(f, 656, 1);
	xfx_wire(f, 666, 1);
	assert_int_equal(f->nmsis, 3);
	assert_int_equal(f->msis[0].data, 1);
	assert_int_equal(f->msis[0].devid, XFX_GMAC);
	assert_int_equal(f->msis[1].data, 2);
	assert_int_equal(f->msis[1].devid, XFX_GMAC);
	assert_int_equal(f->msis[2].data, 0);
	assert_int_equal(f->msis[2].devid, XFX_I2C);
	assert_int_equal(gicits_xlat_pin_device_id(f->t, 666, &d), GICITS_OK);
	assert_int_equal(d, XFX_I2C);
	assert_int_equal(gicits_xlat_pin_device_id(f->t, 664, &d), GICITS_OK);
	assert_int_equal(d, XFX_GMAC);
	xfx_free(f);
}

/* VEC[11:0] ("device id" in the driver) is kept by Linux's
 * read-modify-write and never changes the DeviceID a message carries:
 * that comes from the child, never from a register software writes. */
static void vec_low_bits_never_pick_the_devid(void **state)
{
	struct xfx *f = xfx_new();

	(void)state;
	xfx_wr(f, 0x5340, 0xABC);
	xfx_linux_write_msg(f, 656, 5);
	assert_int_equal(xfx_rd(f, 0x5340), (5u << 12) | 0xABC);
	xfx_wire(f, 656, 1);
	assert_int_equal(f->msis[0].data, 5);
	assert_int_equal(f->msis[0].devid, XFX_GMAC);
	xfx_free(f);
}

/* A pin never programmed posts nothing (knob post_unprogrammed, default
 * off), counted and traced; one in no child is unrouted. */
static void unprogrammed_and_unrouted_pins(void **state)
{
	struct xfx *f = xfx_new();
	struct gicits_xlat_stats st;

	(void)state;
	xfx_wire(f, 658, 1);
	assert_int_equal(f->nmsis, 0);
	assert_string_equal(f->last_rule, "knob:post_unprogrammed");
	xfx_wire(f, 700, 1);
	assert_int_equal(f->nmsis, 0);
	assert_string_equal(f->last_rule, "mbigen.unrouted");
	st = xfx_stats(f);
	assert_int_equal(st.unprogrammed, 1);
	assert_int_equal(st.unrouted, 1);
	assert_int_equal(st.posted, 0);
	assert_int_equal(f->kinds[GICITS_TRACE_DROP], 2);
	/* a TYPE write alone does not program the pin */
	xfx_linux_set_type(f, 659, true);
	xfx_wire(f, 659, 1);
	assert_int_equal(f->nmsis, 0);
	/* programming it later, then an EOI while high, posts */
	xfx_linux_write_msg(f, 659, 3);
	xfx_linux_eoi(f, 659);
	assert_int_equal(f->nmsis, 1);
	assert_int_equal(f->msis[0].data, 3);
	xfx_free(f);
}

static void knob_post_unprogrammed(void **state)
{
	struct xfx *f = xfx_alloc_only();

	(void)state;
	f->cfg.post_unprogrammed = true;
	xfx_create(f);
	xfx_wire(f, 658, 1);
	assert_int_equal(f->nmsis, 1);
	assert_int_equal(f->msis[0].data, 0); /* the reset EventID */
	assert_int_equal(f->msis[0].devid, XFX_GMAC);
	xfx_free(f);
}

/* §C 28 (translator side): masking is at the LPI, not the mbigen: the
 * mbigen has no mask register and sends on every new edge. */
static void c28_no_mask_in_the_mbigen(void **state)
{
	struct xfx *f = xfx_new();

	(void)state;
	xfx_linux_request(f, 0, 656, false);
	for (int i = 0; i < 4; i++) {
		xfx_wire(f, 656, 1);
		xfx_wire(f, 656, 0);
	}
	assert_int_equal(f->nmsis, 4);
	xfx_free(f);
}

/* A write the interconnect aborts is counted and traced; the model goes
 * on (the level pin stays latched until CLEAR). */
static void aborted_message(void **state)
{
	struct xfx *f = xfx_new();

	(void)state;
	xfx_linux_request(f, 0, 657, true);
	f->msi_ret = -1;
	xfx_wire(f, 657, 1);
	assert_int_equal(xfx_stats(f).msi_aborts, 1);
	assert_string_equal(f->last_rule, "xlat.msi_abort");
	f->msi_ret = 0;
	xfx_linux_eoi(f, 657);
	assert_int_equal(f->nmsis, 2);
	assert_int_equal(xfx_stats(f).msi_aborts, 1);
	xfx_free(f);
}

/* One CLEAR word write clears many pins; bits of reserved pins and pins
 * of the other word do nothing. */
static void clear_word_many_pins(void **state)
{
	struct xfx *f = xfx_new();

	(void)state;
	xfx_linux_request(f, 0, 657, true);
	xfx_linux_request(f, 0, 658, true);
	xfx_wire(f, 657, 1);
	xfx_wire(f, 658, 1);
	assert_int_equal(f->nmsis, 2);
	xfx_wr(f, 0xA000, 0xFFFFFFFFu); /* pins 0..31: reserved */
	xfx_wr(f, 0xA04C, 0xFFFFFFFFu); /* pins 608..639 */
	assert_int_equal(f->nmsis, 2);
	xfx_wr(f, 0xA050, (1u << 17) | (1u << 18));
	assert_int_equal(f->nmsis, 4);
	xfx_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(offsets_worked_example),
		cmocka_unit_test(decode_every_pin),
		cmocka_unit_test(vec_res0_bits),
		cmocka_unit_test(max_pin_bounds_registers),
		cmocka_unit_test(hostile_frame_sweep),
		cmocka_unit_test(bad_accesses),
		cmocka_unit_test(create_rejects_bad_configs),
		cmocka_unit_test(c25_edge_pin_posts_child_devid),
		cmocka_unit_test(c26_level_pin_resends_after_clear),
		cmocka_unit_test(c26_knob_level_resend_off),
		cmocka_unit_test(c27_event_ids_are_request_order),
		cmocka_unit_test(vec_low_bits_never_pick_the_devid),
		cmocka_unit_test(unprogrammed_and_unrouted_pins),
		cmocka_unit_test(knob_post_unprogrammed),
		cmocka_unit_test(c28_no_mask_in_the_mbigen),
		cmocka_unit_test(aborted_message),
		cmocka_unit_test(clear_word_many_pins),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
