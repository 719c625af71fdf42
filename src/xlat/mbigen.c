/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The mbigen-v2 register frame as Linux drives it (spec/iommu-mbigen.md
 * B.1): for global pin H >= 64, h = H - 64, node nid = h / 128 + 1 at
 * nid * 0x1000 (+ 0x1000 from node 10 on, past the CLEAR block at
 * 0xA000), VEC at node + 0x200 + (h % 128) * 4, TYPE at node +
 * ((h % 128) / 32) * 4 bit h % 32, CLEAR at 0xA000 + (H / 32) * 4 bit
 * H % 32.  Node 0's region is unused.
 */
#include "xlat_internal.h"

#include "gicits/error.h"

#define VEC_KEEP (GICITS_MBIGEN_VEC_EVENT_MASK | GICITS_MBIGEN_VEC_DEVID_MASK)

static uint32_t node_off(uint32_t nid)
{
	return nid * GICITS_MBIGEN_NODE_SIZE +
	       (nid >= 10 ? GICITS_MBIGEN_NODE_SIZE : 0);
}

static bool pin_valid(uint32_t pin)
{
	return pin >= GICITS_MBIGEN_FIRST_PIN && pin <= GICITS_MBIGEN_MAX_PIN;
}

uint32_t gicits_mbigen_vec_offset(uint32_t pin)
{
	uint32_t h = pin - GICITS_MBIGEN_FIRST_PIN;

	if (!pin_valid(pin))
		return UINT32_MAX;
	return node_off(h / GICITS_MBIGEN_PINS_PER_NODE + 1) +
	       GICITS_MBIGEN_VEC + (h % GICITS_MBIGEN_PINS_PER_NODE) * 4;
}

uint32_t gicits_mbigen_type_offset(uint32_t pin)
{
	uint32_t h = pin - GICITS_MBIGEN_FIRST_PIN;

	if (!pin_valid(pin))
		return UINT32_MAX;
	return node_off(h / GICITS_MBIGEN_PINS_PER_NODE + 1) +
	       GICITS_MBIGEN_TYPE + (h % GICITS_MBIGEN_PINS_PER_NODE) / 32 * 4;
}

uint32_t gicits_mbigen_clear_offset(uint32_t pin)
{
	if (!pin_valid(pin))
		return UINT32_MAX;
	return GICITS_MBIGEN_CLEAR + pin / 32 * 4;
}

enum reg { R_NONE, R_VEC, R_TYPE, R_CLEAR };

/*
 * Decode @off: R_VEC with *pin = H; R_TYPE / R_CLEAR with *pin = the
 * global pin of bit 0 of the word (TYPE: 64 + node base + word * 32;
 * CLEAR: word * 32).  R_NONE for anything else, including registers of
 * pins above max_pin.
 */
static enum reg decode(const struct gicits_xlat *t, uint32_t off, uint32_t *pin)
{
	uint32_t blk = off / GICITS_MBIGEN_NODE_SIZE;
	uint32_t in = off % GICITS_MBIGEN_NODE_SIZE;
	uint32_t nid, base;

	if (blk == GICITS_MBIGEN_CLEAR / GICITS_MBIGEN_NODE_SIZE) {
		*pin = in / 4 * 32;
		return *pin <= t->cfg.max_pin ? R_CLEAR : R_NONE;
	}
	if (blk == 0)
		return R_NONE;
	nid = blk >= 11 ? blk - 1 : blk;
	base = GICITS_MBIGEN_FIRST_PIN +
	       (nid - 1) * GICITS_MBIGEN_PINS_PER_NODE;
	if (in >= GICITS_MBIGEN_VEC &&
	    in < GICITS_MBIGEN_VEC + GICITS_MBIGEN_PINS_PER_NODE * 4) {
		*pin = base + (in - GICITS_MBIGEN_VEC) / 4;
		return *pin <= t->cfg.max_pin ? R_VEC : R_NONE;
	}
	if (in < GICITS_MBIGEN_PINS_PER_NODE / 8) {
		*pin = base + in / 4 * 32;
		return *pin <= t->cfg.max_pin ? R_TYPE : R_NONE;
	}
	return R_NONE;
}

static int access_ok(const struct gicits_xlat *t, uint64_t offset,
		     unsigned size)
{
	if (!t || t->cfg.kind != GICITS_XLAT_MBIGEN)
		return GICITS_EINVAL;
	if (offset > GICITS_MBIGEN_FRAME_SIZE - 4)
		return GICITS_ERANGE;
	if (size != 4 || (offset & 3))
		return GICITS_EACCESS;
	return GICITS_OK;
}

int gicits_xlat_read(struct gicits_xlat *t, uint64_t offset, unsigned size,
		     uint64_t *val)
{
	int rc = val ? access_ok(t, offset, size) : GICITS_EINVAL;
	uint32_t pin, v = 0;

	if (rc)
		return rc;
	switch (decode(t, (uint32_t)offset, &pin)) {
	case R_VEC:
		v = t->pins[pin].vec;
		break;
	case R_TYPE:
		for (uint32_t b = 0; b < 32 && pin + b <= t->cfg.max_pin; b++)
			if (t->pins[pin + b].level_type)
				v |= 1u << b;
		break;
	case R_CLEAR:
		break; /* write-only: reads as zero (choice) */
	case R_NONE:
		xlat_trace(t, GICITS_TRACE_REG, offset, 0, 0, 0,
			   "mbigen.unimplemented",
			   "read of an unimplemented offset (RAZ)");
		break;
	}
	*val = v;
	return GICITS_OK;
}

int gicits_xlat_write(struct gicits_xlat *t, uint64_t offset, unsigned size,
		      uint64_t val)
{
	int rc = access_ok(t, offset, size);
	uint32_t pin, v = (uint32_t)val;

	if (rc)
		return rc;
	switch (decode(t, (uint32_t)offset, &pin)) {
	case R_VEC:
		if (v & ~VEC_KEEP)
			xlat_trace(t, GICITS_TRACE_REG, offset, 0, 0, v,
				   "mbigen.vec_res0",
				   "VEC bits [31:22] written nonzero: ignored");
		t->pins[pin].vec = v & VEC_KEEP;
		t->pins[pin].programmed = true;
		break;
	case R_TYPE:
		for (uint32_t b = 0; b < 32 && pin + b <= t->cfg.max_pin; b++)
			t->pins[pin + b].level_type = (v >> b) & 1;
		break;
	case R_CLEAR:
		for (uint32_t b = 0; b < 32 && pin + b <= t->cfg.max_pin; b++)
			if (((v >> b) & 1) &&
			    pin + b >= GICITS_MBIGEN_FIRST_PIN)
				xlat_clear_pin(t, pin + b);
		break;
	case R_NONE:
		xlat_trace(t, GICITS_TRACE_REG, offset, 0, 0, v,
			   "mbigen.unimplemented",
			   "write to an unimplemented offset (ignored)");
		break;
	}
	return GICITS_OK;
}
