/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * fuzz_its's input: the byte reader and the operand choice and structured
 * command generator (its_gen.c) that turn input bytes into the operations
 * fuzz_its.c applies, over the guest memory layout both share.
 *
 * A missing byte reads as 0.  Operands are mostly in range (DeviceIDs
 * 0..63, EventIDs 0..63, LPIs 8192..8431, ICIDs 0..3, CPUs 0..3), now and
 * then a boundary or out-of-range value; each DeviceID MAPD names only its
 * own ITT slot (slot_of()).
 */
#ifndef GICITS_FUZZ_ITS_GEN_H
#define GICITS_FUZZ_ITS_GEN_H

#include <stddef.h>
#include <stdint.h>

#include "gicits/cmd.h"

#define NCPU 4
#define LPI_LO 8192u

/* Guest memory layout (identical in every system) */
#define RAM_SIZE 0xA0000u
#define PROP_PA 0x0u
#define PEND_PA(c) (0x10000u + (uint64_t)(c)*0x10000u)
#define CQ_PA 0x50000u
#define CQ_SIZE 0x1000u
#define DT_PA 0x60000u /* flat table, or level 1 when indirect */
#define DT_L2_PA 0x61000u
#define CT_PA 0x70000u
#define ITT_PA 0x80000u
#define ITT_SLOT 0x400u /* 64 events of at most 16 bytes */
#define NSLOT 128u

struct input {
	const uint8_t *p;
	size_t n;
};

static inline uint8_t u8(struct input *in)
{
	if (!in->n)
		return 0;
	in->n--;
	return *in->p++;
}

static inline uint16_t u16(struct input *in)
{
	return (uint16_t)(u8(in) | u8(in) << 8);
}

static inline uint32_t u32(struct input *in)
{
	return (uint32_t)u16(in) | (uint32_t)u16(in) << 16;
}

static inline uint64_t u64(struct input *in)
{
	return (uint64_t)u32(in) | (uint64_t)u32(in) << 32;
}

/* Operand choice (its_gen.c): each reads its bytes from @in. */
uint32_t pick_dev(struct input *in);
uint64_t slot_of(uint32_t dev);
uint32_t pick_event(struct input *in);
uint32_t pick_intid(struct input *in);
uint32_t pick_icid(struct input *in);
uint32_t pick_cpu(struct input *in);

/* Command @which (0..12: MAPD, MAPC, MAPTI, MAPI, MOVI, INT, CLEAR, INV,
 * DISCARD, INVALL, MOVALL, SYNC, an unimplemented opcode) with operands
 * from @in: well-formed, from the public encoders. */
void structured_cmd(struct input *in, unsigned which, struct gicits_cmd *c);

#endif
