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
 *
 * GICv4.0 (gen_set_v4()): the V* commands (structured_vcmd()) with vPEIDs
 * 0..7 plus boundary and out-of-range ones, each vPE's VPT mostly its own
 * VPT slot, sometimes another vPE's or one outside guest memory, doorbells
 * mostly none or LPIs 8392..8423 (shared with physical LPIs), and the
 * device VMAPI_DEV with a 2^14-event ITT so that VMAPI (vINTID = EventID,
 * an LPI only from 8192 up) can succeed.
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

/*
 * GICv4.0 additions, beyond RAM_SIZE (the GICv3 layout is unchanged): the
 * vPE table (GITS_BASER2; flat, or level 1 with entry 0 -> VT_L2_PA) and
 * NVPT virtual pending tables, 64 KB aligned as VMAPP's VPT_addr[51:16]
 * requires.  intid_bits 14 makes a VPT at most VPT_BYTES long (VPT_size
 * <= 13); the rest of each 64 KB slot is free, and VMAPI_DEV's ITT lives
 * there: its EventIDs 0..255 fall in slot 0's free part and 8192..8255
 * (ITE size 12 or 16) in slot 1's or slot 2's.
 */
#define VT_PA 0xA0000u
#define VT_L2_PA 0xA1000u
#define NVPT 8u
#define VPT_PA(k) (0xB0000u + (uint64_t)(k)*0x10000u)
#define VPT_BYTES 0x800u
#define RAM_V4_SIZE 0x130000u
#define VMAPI_DEV 63u
#define VMAPI_ITT_PA (VPT_PA(0) + VPT_BYTES)
#define VMAPI_SIZE 13u /* EventID bits - 1 of VMAPI_DEV's MAPD */
/* The virtual LPI configuration table every GICR_VPROPBASER of the fuzzer
 * names (vINTIDs 8192..16383, one byte each), in VPT slot 3's free part
 * (VMAPI_DEV's ITT ends in slot 2). */
#define VPROP_PA (VPT_PA(3) + 0x8000u)
#define VPROP_BYTES 0x2000u

/*
 * GICv4.1 additions (gen_set_v41()): one vLPI configuration table (VMAPP's
 * VCONF_addr, 64 KB aligned; vINTIDs 8192..16383) after the VPT slots.
 * The vPE table keeps VT_PA / VT_L2_PA, now with 16-byte entries (256 per
 * page, <gicits/its.h>), and every GICR_VPROPBASER names it.
 */
#define VCONF_PA 0x130000u
#define VCONF_BYTES 0x2000u
#define RAM_V41_SIZE 0x140000u

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

/* GICv4.0 operands (its_gen.c) */
void gen_set_v4(int on); /* VMAPI_DEV gets its big ITT (slot_of()) */
uint16_t pick_vpe(struct input *in);
uint32_t pick_db(struct input *in);
uint64_t pick_vpt(struct input *in, uint16_t vpe);

/* GICv4.1 (gen_set_v41(), after gen_set_v4(1)): VMAPP and VMOVP in their
 * 4.1 layouts (Alloc, PTZ, VCONF_addr, default doorbell; DB), a vPE's VPT
 * only its own slot (vPEs 0..7, mostly) or else an address of its own
 * outside guest memory (spec/gicv41.md §13 row 29: two vPEs on one VPT is
 * no 4.1 setup), and the commands VSGI and INVDB. */
void gen_set_v41(int on);
uint32_t pick_default_db(struct input *in);

/* Command @which (0..12: MAPD, MAPC, MAPTI, MAPI, MOVI, INT, CLEAR, INV,
 * DISCARD, INVALL, MOVALL, SYNC, an unimplemented opcode) with operands
 * from @in: well-formed, from the public encoders. */
void structured_cmd(struct input *in, unsigned which, struct gicits_cmd *c);

/* GICv4.0 command @which (0..6: VMAPP, VMAPTI, VMAPI, VMOVI, VMOVP, VSYNC,
 * VINVALL) with operands from @in, from the public encoders.  @dev/@ev, if
 * not NULL, name the event VMAPTI/VMAPI/VMOVI should use instead of
 * picking one (fuzz_its.c's recently mapped virtual events). */
#define NVCMD 7u
/* GICv4.1: @which 7 VSGI, 8 INVDB as well */
#define NVCMD41 9u
void structured_vcmd(struct input *in, unsigned which, struct gicits_cmd *c,
		     const uint32_t *dev, const uint32_t *ev);

#endif
