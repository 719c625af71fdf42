/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The translator unit tests' fixture: a message recorder for
 * gicits_xlat_msi_fn, a trace recorder, the DT example of
 * spec/iommu-mbigen.md B.1 (children gmac, DeviceID 0x40B1C, pins
 * 656..664, and i2c, 0x40B0E, pins 665..666), and the mbigen driver steps
 * Linux takes (B.1 "How an interrupt becomes an MSI"): EventIDs allocated
 * first-free per child in request order, VEC[21:12] and the TYPE bit
 * written read-modify-write, CLEAR written on every EOI.
 */
#ifndef GICITS_TEST_XLAT_FIXTURE_H
#define GICITS_TEST_XLAT_FIXTURE_H

#include "harness.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gicits/error.h"
#include "gicits/trace.h"
#include "gicits/xlat.h"

#define XFX_DOORBELL 0x08090040ULL
#define XFX_MAX_MSIS 64
#define XFX_GMAC 0x40B1Cu
#define XFX_I2C 0x40B0Eu

struct xfx_msi {
	uint64_t pa;
	uint32_t data;
	uint32_t devid;
};

struct xfx {
	struct gicits_xlat_config cfg;
	struct gicits_xlat_child children[2];
	struct gicits_xlat *t;
	struct xfx_msi msis[XFX_MAX_MSIS];
	unsigned nmsis;
	int msi_ret; /* what the recorder returns */
	/* forwarded after recording, if set (the end-to-end tests) */
	gicits_xlat_msi_fn next;
	void *next_ctx;
	uint64_t kinds[16];
	uint64_t nrecs;
	char last_rule[96];
	uint32_t next_event[2]; /* Linux's first-free EventID per child */
};

static inline int xfx_msi_cb(void *ctx, uint64_t pa, uint32_t data,
			     uint32_t devid)
{
	struct xfx *f = ctx;

	if (f->nmsis < XFX_MAX_MSIS) {
		f->msis[f->nmsis].pa = pa;
		f->msis[f->nmsis].data = data;
		f->msis[f->nmsis].devid = devid;
	}
	f->nmsis++;
	if (f->next)
		return f->next(f->next_ctx, pa, data, devid);
	return f->msi_ret;
}

static inline void xfx_trace(void *opaque, const struct gicits_trace_record *r)
{
	struct xfx *f = opaque;

	assert_non_null(r->rule);
	assert_non_null(r->message);
	assert_string_equal(r->source, "xlat");
	if ((unsigned)r->kind < 16)
		f->kinds[r->kind]++;
	f->nrecs++;
	strncpy(f->last_rule, r->rule, sizeof(f->last_rule) - 1);
}

/* The fixture with the B.1 mbigen defaults; change f->cfg, then
 * xfx_create(). */
static inline struct xfx *xfx_alloc_only(void)
{
	struct xfx *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	gicits_xlat_config_default(&f->cfg);
	f->children[0] = (struct gicits_xlat_child){ XFX_GMAC, 656, 9 };
	f->children[1] = (struct gicits_xlat_child){ XFX_I2C, 665, 2 };
	f->cfg.children = f->children;
	f->cfg.num_children = 2;
	f->cfg.msi_write = xfx_msi_cb;
	f->cfg.msi_ctx = f;
	f->cfg.trace = xfx_trace;
	f->cfg.trace_opaque = f;
	return f;
}

static inline void xfx_create(struct xfx *f)
{
	assert_int_equal(gicits_xlat_create(&f->cfg, &f->t), GICITS_OK);
}

static inline struct xfx *xfx_new(void)
{
	struct xfx *f = xfx_alloc_only();

	xfx_create(f);
	return f;
}

static inline void xfx_free(struct xfx *f)
{
	gicits_xlat_destroy(f->t);
	free(f);
}

static inline uint32_t xfx_rd(struct xfx *f, uint32_t off)
{
	uint64_t v = ~0ULL;

	assert_int_equal(gicits_xlat_read(f->t, off, 4, &v), GICITS_OK);
	assert_true(v <= UINT32_MAX);
	return (uint32_t)v;
}

static inline void xfx_wr(struct xfx *f, uint32_t off, uint32_t v)
{
	assert_int_equal(gicits_xlat_write(f->t, off, 4, v), GICITS_OK);
}

/* Linux's irq_write_msi_msg: VEC(H)[21:12] = @event, read-modify-write. */
static inline void xfx_linux_write_msg(struct xfx *f, uint32_t pin,
				       uint32_t event)
{
	uint32_t off = gicits_mbigen_vec_offset(pin);
	uint32_t v = xfx_rd(f, off);

	v &= ~GICITS_MBIGEN_VEC_EVENT_MASK;
	v |= (event << GICITS_MBIGEN_VEC_EVENT_SHIFT) &
	     GICITS_MBIGEN_VEC_EVENT_MASK;
	xfx_wr(f, off, v);
}

/* Linux's irq_set_type: TYPE bit of @pin (1 level high, 0 rising edge). */
static inline void xfx_linux_set_type(struct xfx *f, uint32_t pin, bool level)
{
	uint32_t off = gicits_mbigen_type_offset(pin);
	uint32_t bit = 1u << ((pin - GICITS_MBIGEN_FIRST_PIN) % 32);
	uint32_t v = xfx_rd(f, off);

	xfx_wr(f, off, level ? (v | bit) : (v & ~bit));
}

/* request_irq() of @pin on child @child: the next free EventID of that
 * child (not the pin), then the message and the trigger.  Returns the
 * EventID given. */
static inline uint32_t xfx_linux_request(struct xfx *f, unsigned child,
					 uint32_t pin, bool level)
{
	uint32_t ev = f->next_event[child]++;

	xfx_linux_write_msg(f, pin, ev);
	xfx_linux_set_type(f, pin, level);
	return ev;
}

/* Linux's irq_eoi: the pin's CLEAR bit (before the parent's EOI). */
static inline void xfx_linux_eoi(struct xfx *f, uint32_t pin)
{
	xfx_wr(f, gicits_mbigen_clear_offset(pin), 1u << (pin % 32));
}

static inline struct gicits_xlat_stats xfx_stats(struct xfx *f)
{
	struct gicits_xlat_stats st;

	assert_int_equal(gicits_xlat_get_stats(f->t, &st), GICITS_OK);
	return st;
}

static inline void xfx_wire(struct xfx *f, uint32_t pin, int level)
{
	assert_int_equal(gicits_xlat_wire(f->t, pin, level), GICITS_OK);
}

#endif
