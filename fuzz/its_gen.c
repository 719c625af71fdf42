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

static int v4, v41;

void gen_set_v4(int on)
{
	v4 = on;
}

void gen_set_v41(int on)
{
	v41 = on;
}

/* Each DeviceID's own ITT slot: the only ITT MAPD ever gives it. */
uint64_t slot_of(uint32_t dev)
{
	unsigned i;

	if (v4 && dev == VMAPI_DEV)
		return VMAPI_ITT_PA;
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

		if (v4 && dev == VMAPI_DEV)
			size = VMAPI_SIZE; /* room for EventIDs 8192.. (VMAPI) */
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

/* ---- GICv4.0 --------------------------------------------------------- */

/* vPEIDs: 0..7 (mapped often), else in the table but rarely mapped (8,
 * 255, 511: the last entry of a one-page table), beyond it (512, 1023: no
 * level-2 page when two-level) or far beyond. */
uint16_t pick_vpe(struct input *in)
{
	static const uint16_t odd[] = { 8,    255,  511,   512,
					1023, 4096, 65534, 65535 };
	uint8_t b = u8(in);

	if (b < 240)
		return b % 8u;
	return odd[b % 8u];
}

/* Individual doorbells (IHI 0069 VMAPTI Dbell_pINTID): mostly none (1023)
 * or an LPI that physical events may also use, else any pick_intid()
 * value (non-LPIs: PHYSICALID_OOR). */
uint32_t pick_db(struct input *in)
{
	uint8_t b = u8(in);

	if (b < 128)
		return GICITS_CMD_NO_DOORBELL;
	if (b < 240)
		return LPI_LO + 200 + b % 32u;
	return pick_intid(in);
}

/* A VMAPP's VPT_addr: mostly the vPE's own slot, sometimes another vPE's
 * (two vPEs on one VPT: legal memory, software's business) or an address
 * outside guest memory (every VPT access faults). */
uint64_t pick_vpt(struct input *in, uint16_t vpe)
{
	uint8_t b = u8(in);

	if (v41)
		return vpe < NVPT && b < 240 ?
			       VPT_PA(vpe) :
			       0x40000000ull + (uint64_t)vpe * 0x10000u;

	if (b < 224)
		return VPT_PA(vpe % NVPT);
	if (b < 248)
		return VPT_PA(b % NVPT);
	return 0x40000000ull + (uint64_t)(b & 7) * 0x10000u;
}

/* Default doorbells (spec/gicv41.md §3.2, §8.1): mostly an LPI of their
 * own or one physical events also use, sometimes none (1023) or any
 * pick_intid() value (non-LPIs: PHYSICALID_OOR). */
uint32_t pick_default_db(struct input *in)
{
	uint8_t b = u8(in);

	if (b < 32)
		return GICITS_CMD_NO_DOORBELL;
	if (b < 240)
		return LPI_LO + 200 + b % 48u;
	return pick_intid(in);
}

void structured_vcmd(struct input *in, unsigned which, struct gicits_cmd *c,
		     const uint32_t *pdev, const uint32_t *pev)
{
	uint32_t dev, ev, vint;
	uint16_t vpe;
	uint8_t b;

	switch (which) {
	case 0: { /* VMAPP */
		unsigned size = 13; /* VPT for every vINTID (intid_bits 14) */
		uint64_t rd;

		vpe = pick_vpe(in);
		b = u8(in);
		rd = pick_cpu(in);
		if ((b & 0xc0) == 0x80)
			size = 9 + (b & 3); /* a smaller VPT */
		else if ((b & 0xc0) == 0xc0)
			size = b & 31; /* any: beyond 13 is VPTSIZE_OOR */
		if (v41) {
			/* 4.1 layout (spec/gicv41.md §3.1): a second byte
			 * for Alloc (first map / last unmap), PTZ (only with
			 * Alloc; fuzz_its.c clears it unless the VPT is
			 * zero), VCONF (mostly VCONF_PA) and DW3[7:5] */
			uint8_t f = u8(in);
			uint64_t vpt = pick_vpt(in, vpe);
			uint64_t vconf = (f & 0x30) == 0x30 ?
						 0x40000000ull :
						 (uint64_t)VCONF_PA;
			uint32_t db = pick_default_db(in);

			if ((b & 0xc0) == 0xc0 && (f & 0x40))
				size |= 0xe0; /* VPT_size > 31 */
			gicits_cmd_vmapp41(c, vpe, rd, vpt, size,
					   (b & 0x30) != 0x30, !(f & 1),
					   !(f & 1) && (f & 2), vconf, db);
			break;
		}
		gicits_cmd_vmapp(c, vpe, rd, pick_vpt(in, vpe), size,
				 (b & 0x30) != 0x30);
		break;
	}
	case 1: /* VMAPTI */
		dev = pdev ? *pdev : pick_dev(in);
		ev = pev ? *pev : pick_event(in);
		vpe = pick_vpe(in);
		vint = pick_intid(in); /* one reader per statement: the
					* argument order is unspecified */
		gicits_cmd_vmapti(c, dev, ev, vpe, vint, pick_db(in));
		break;
	case 2: /* VMAPI: vINTID = EventID, so an event of VMAPI_DEV's */
		b = u8(in);
		dev = pdev ? *pdev : (b & 1) ? pick_dev(in) : VMAPI_DEV;
		ev = pev   ? *pev :
		     b & 2 ? pick_event(in) :
			     LPI_LO + (b >> 2) % 64u;
		vpe = pick_vpe(in);
		gicits_cmd_vmapi(c, dev, ev, vpe, pick_db(in));
		break;
	case 3: /* VMOVI, D = 0 (doorbell kept) or 1 */
		dev = pdev ? *pdev : pick_dev(in);
		ev = pev ? *pev : pick_event(in);
		vpe = pick_vpe(in);
		b = u8(in);
		gicits_cmd_vmovi(c, dev, ev, vpe, b & 1, pick_db(in));
		break;
	case 4: /* VMOVP (4.1: DB = 1 with a new default doorbell, or 0) */
		vpe = pick_vpe(in);
		if (v41) {
			uint32_t rd = pick_cpu(in);

			b = u8(in);
			gicits_cmd_vmovp41(c, vpe, rd, b & 1,
					   b & 1 ? pick_default_db(in) : 0);
			break;
		}
		gicits_cmd_vmovp(c, vpe, pick_cpu(in));
		break;
	case 5: /* VSYNC */
		gicits_cmd_vsync(c, pick_vpe(in));
		break;
	case 6: /* VINVALL */
		gicits_cmd_vinvall(c, pick_vpe(in));
		break;
	case 7: { /* VSGI (4.1): configure, or Clear = 1 */
		uint8_t p;

		vpe = pick_vpe(in);
		b = u8(in);
		p = u8(in);
		gicits_cmd_vsgi(c, vpe, b & 15, (b & 0x30) == 0x30,
				(b & 0x60) != 0x60, !(b & 0x80), p);
		break;
	}
	default: /* INVDB (4.1) */
		gicits_cmd_invdb(c, pick_vpe(in));
		break;
	}
}
