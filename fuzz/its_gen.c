/* SPDX-License-Identifier: BSD-2-Clause */
/* fuzz_its's operand choice and structured command generator (its_gen.h). */
#include "its_gen.h"

static const uint32_t odd_dev[] = { 512,  513,	600,   4095,
				    8191, 8192, 65536, 0xffffffffu };

uint32_t pick_dev(struct input *in)
{
	uint8_t b = u8(in);

	if (b < 240)
		return b % 64u;
	return odd_dev[b % 8u];
}

/* Each DeviceID's own ITT slot: the only ITT MAPD ever gives it. */
uint64_t slot_of(uint32_t dev)
{
	unsigned i;

	if (dev < 64)
		return ITT_PA + (uint64_t)dev * ITT_SLOT;
	for (i = 0; i < 8; i++)
		if (odd_dev[i] == dev)
			return ITT_PA + (uint64_t)(64 + i) * ITT_SLOT;
	return ITT_PA + (uint64_t)(NSLOT - 1) * ITT_SLOT;
}

uint32_t pick_event(struct input *in)
{
	static const uint32_t odd[] = { 64, 255, 65535, 65536, 0xffffffffu };
	uint8_t b = u8(in);

	if (b < 250)
		return b % 64u;
	return odd[b % 5u];
}

uint32_t pick_intid(struct input *in)
{
	uint8_t b = u8(in);

	if (b < 240)
		return LPI_LO + b;
	switch (b & 7) {
	case 0:
		return u8(in); /* SGI/PPI/SPI range: not an LPI */
	case 1:
		return 1023;
	case 2:
		return 16383;
	case 3:
		return 16384; /* beyond intid_bits */
	default:
		return LPI_LO + u16(in);
	}
}

uint32_t pick_icid(struct input *in)
{
	uint8_t b = u8(in);

	if (b < 240)
		return b % 4u;
	return b & 1 ? 4 : 0xffff;
}

uint32_t pick_cpu(struct input *in)
{
	uint8_t b = u8(in);

	if (b < 240)
		return b % NCPU;
	return b & 1 ? NCPU : 0xffff;
}

/* A structured (well-formed) command, from the public encoders. */
void structured_cmd(struct input *in, unsigned which, struct gicits_cmd *c)
{
	uint32_t dev = pick_dev(in), ev, a, b2;

	switch (which) {
	case 0: { /* MAPD */
		uint8_t b = u8(in);
		unsigned size = b % 6; /* at most 64 events: fits the slot */

		if ((b & 0xc0) == 0xc0)
			size = 16 + (b & 15); /* ITTSIZE_OOR */
		gicits_cmd_mapd(c, dev, size, slot_of(dev), (b & 0x38) != 0x38);
		break;
	}
	case 1: { /* MAPC */
		uint8_t b = u8(in);

		a = pick_cpu(in);
		b2 = pick_icid(in);
		gicits_cmd_mapc(c, (uint16_t)b2, a, !(b & 0x80));
		break;
	}
	case 2: /* MAPTI */
		ev = pick_event(in);
		a = pick_intid(in);
		gicits_cmd_mapti(c, dev, ev, a, (uint16_t)pick_icid(in));
		break;
	case 3: /* MAPI */
		ev = pick_event(in);
		gicits_cmd_mapi(c, dev, ev, (uint16_t)pick_icid(in));
		break;
	case 4: /* MOVI */
		ev = pick_event(in);
		gicits_cmd_movi(c, dev, ev, (uint16_t)pick_icid(in));
		break;
	case 5:
	case 6:
	case 7:
	case 8: { /* INT, CLEAR, INV, DISCARD */
		static const uint8_t op[] = { GICITS_CMD_INT, GICITS_CMD_CLEAR,
					      GICITS_CMD_INV,
					      GICITS_CMD_DISCARD };

		gicits_cmd_event(c, op[which - 5], dev, pick_event(in));
		break;
	}
	case 9: /* INVALL */
		gicits_cmd_invall(c, (uint16_t)pick_icid(in));
		break;
	case 10: /* MOVALL */
		a = pick_cpu(in);
		b2 = pick_cpu(in);
		gicits_cmd_movall(c, a, b2);
		break;
	case 11: /* SYNC */
		gicits_cmd_sync(c, pick_cpu(in));
		break;
	default: { /* an opcode this ITS does not implement (or RES0 bits) */
		uint8_t b = u8(in);

		gicits_cmd_clear(c, b < 0x10 ? 0x10u + b : b);
		c->dw[1] = u8(in); /* raw bits */
		break;
	}
	}
}
