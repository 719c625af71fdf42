/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ITS command encoders: every command as the 32-byte packet a driver writes
 * into the command queue (IHI 0069H.b 5.3 "ITS commands"), for driver and
 * firmware authors, test code and embedders.  The library's own command
 * decoder reads the same field definitions, so an encoder here and the
 * decoder cannot disagree on a bit.
 *
 * A command is four little-endian doublewords, DW0..DW3.  Each field is a
 * macro expanding to "dw, hi, lo" (the doubleword and the bit range as the
 * specification writes it), used with gicits_cmd_get() / gicits_cmd_set():
 *
 *     struct gicits_cmd c;
 *     gicits_cmd_mapti(&c, dev, ev, intid, icid);
 *     gicits_cmd_get(&c, GICITS_CMD_F_DEVICEID) == dev
 *
 * The encoders mask each value to its field's width, exactly as a driver that
 * writes the packet by hand would: a value too wide for its field loses its
 * high bits here, and the ITS then sees (and judges) the truncated value.
 *
 * Everything here is static inline: nothing to link, no errors to return.
 */
#ifndef GICITS_CMD_H
#define GICITS_CMD_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Command opcodes, DW0[7:0] (IHI 0069H.b 5.3, table "ITS commands").  The
 * GICv4 opcodes join this list with the GICv4 commands. */
#define GICITS_CMD_MOVI 0x01
#define GICITS_CMD_INT 0x03
#define GICITS_CMD_CLEAR 0x04
#define GICITS_CMD_SYNC 0x05
#define GICITS_CMD_MAPD 0x08
#define GICITS_CMD_MAPC 0x09
#define GICITS_CMD_MAPTI 0x0A
#define GICITS_CMD_MAPI 0x0B
#define GICITS_CMD_INV 0x0C
#define GICITS_CMD_INVALL 0x0D
#define GICITS_CMD_MOVALL 0x0E
#define GICITS_CMD_DISCARD 0x0F

/* Size of one command in the queue, in bytes (GITS_CWRITER/CREADR advance
 * by this much). */
#define GICITS_CMD_BYTES 32

/*
 * Command fields: "dw, hi, lo" (IHI 0069H.b 5.3.x, the layout figure of
 * each command).  One definition per field; several commands share one.
 */
#define GICITS_CMD_F_OPCODE 0, 7, 0
#define GICITS_CMD_F_DEVICEID 0, 63, 32 /* MAPD MAPTI MAPI MOVI INT CLEAR
					 * DISCARD INV */
#define GICITS_CMD_F_SIZE 1, 4, 0 /* MAPD: EventID bits - 1 */
#define GICITS_CMD_F_EVENTID 1, 31, 0 /* MAPTI MAPI MOVI INT CLEAR DISCARD
				       * INV */
#define GICITS_CMD_F_PINTID 1, 63, 32 /* MAPTI: the physical INTID */
#define GICITS_CMD_F_ICID 2, 15, 0 /* MAPC MAPTI MAPI MOVI INVALL */
#define GICITS_CMD_F_ITT_ADDR 2, 51, 8 /* MAPD: ITT address [51:8] */
/* MAPC, SYNC, MOVALL (first): RDbase.  With GITS_TYPER.PTA = 1 the
 * redistributor's physical address >> 16; with PTA = 0 a processor number.
 * [50:16] as Arm's example driver writes it; Linux writes [51:16] with bit 51
 * zero, so both agree on every value a 51-bit address can give. */
#define GICITS_CMD_F_RDBASE 2, 50, 16
#define GICITS_CMD_F_RDBASE2 3, 50, 16 /* MOVALL: the target RDbase */
#define GICITS_CMD_F_VALID 2, 63, 63 /* MAPD MAPC: V */

/** struct gicits_cmd - one ITS command, as four doublewords (host order) */
struct gicits_cmd {
	uint64_t dw[4];
};

/* The mask of bits [hi:lo] (hi >= lo, hi <= 63). */
static inline uint64_t gicits_cmd_mask_(unsigned hi, unsigned lo)
{
	return (hi - lo >= 63 ? ~0ULL : ((1ULL << (hi - lo + 1)) - 1)) << lo;
}

static inline uint64_t gicits_cmd_get_(const struct gicits_cmd *c,
				       unsigned dw, unsigned hi, unsigned lo)
{
	return (c->dw[dw & 3] & gicits_cmd_mask_(hi, lo)) >> lo;
}

static inline void gicits_cmd_set_(struct gicits_cmd *c, unsigned dw,
				   unsigned hi, unsigned lo, uint64_t v)
{
	uint64_t m = gicits_cmd_mask_(hi, lo);

	c->dw[dw & 3] = (c->dw[dw & 3] & ~m) | ((v << lo) & m);
}

/**
 * gicits_cmd_get() - read field @f (a GICITS_CMD_F_* name) of command @c
 * gicits_cmd_set() - write field @f of command @c to @v (masked to width)
 */
#define gicits_cmd_get(c, f) gicits_cmd_get_((c), f)
#define gicits_cmd_set(c, f, v) gicits_cmd_set_((c), f, (v))

/** gicits_cmd_clear() - all four doublewords zero, opcode @op. */
static inline void gicits_cmd_clear(struct gicits_cmd *c, uint8_t op)
{
	c->dw[0] = op;
	c->dw[1] = 0;
	c->dw[2] = 0;
	c->dw[3] = 0;
}

/**
 * gicits_cmd_mapd() - MAPD: map (@valid) or unmap DeviceID @dev
 * @size: EventID bits minus one (the ITT holds 2^(size+1) entries)
 * @itt: ITT physical address; bits [7:0] are not encoded (256-byte aligned)
 */
static inline void gicits_cmd_mapd(struct gicits_cmd *c, uint32_t dev,
				   unsigned size, uint64_t itt, bool valid)
{
	gicits_cmd_clear(c, GICITS_CMD_MAPD);
	gicits_cmd_set(c, GICITS_CMD_F_DEVICEID, dev);
	gicits_cmd_set(c, GICITS_CMD_F_SIZE, size);
	gicits_cmd_set(c, GICITS_CMD_F_ITT_ADDR, itt >> 8);
	gicits_cmd_set(c, GICITS_CMD_F_VALID, valid);
}

/**
 * gicits_cmd_mapc() - MAPC: map (@valid) or unmap collection @icid
 * @rdbase: the RDbase field value: a processor number (GITS_TYPER.PTA = 0)
 *          or the redistributor's physical address >> 16 (PTA = 1)
 */
static inline void gicits_cmd_mapc(struct gicits_cmd *c, uint16_t icid,
				   uint64_t rdbase, bool valid)
{
	gicits_cmd_clear(c, GICITS_CMD_MAPC);
	gicits_cmd_set(c, GICITS_CMD_F_ICID, icid);
	gicits_cmd_set(c, GICITS_CMD_F_RDBASE, rdbase);
	gicits_cmd_set(c, GICITS_CMD_F_VALID, valid);
}

/** gicits_cmd_mapti() - MAPTI: (@dev, @ev) -> physical LPI @intid in @icid */
static inline void gicits_cmd_mapti(struct gicits_cmd *c, uint32_t dev,
				    uint32_t ev, uint32_t intid, uint16_t icid)
{
	gicits_cmd_clear(c, GICITS_CMD_MAPTI);
	gicits_cmd_set(c, GICITS_CMD_F_DEVICEID, dev);
	gicits_cmd_set(c, GICITS_CMD_F_EVENTID, ev);
	gicits_cmd_set(c, GICITS_CMD_F_PINTID, intid);
	gicits_cmd_set(c, GICITS_CMD_F_ICID, icid);
}

/** gicits_cmd_mapi() - MAPI: (@dev, @ev) -> LPI @ev in @icid */
static inline void gicits_cmd_mapi(struct gicits_cmd *c, uint32_t dev,
				   uint32_t ev, uint16_t icid)
{
	gicits_cmd_clear(c, GICITS_CMD_MAPI);
	gicits_cmd_set(c, GICITS_CMD_F_DEVICEID, dev);
	gicits_cmd_set(c, GICITS_CMD_F_EVENTID, ev);
	gicits_cmd_set(c, GICITS_CMD_F_ICID, icid);
}

/** gicits_cmd_movi() - MOVI: move (@dev, @ev) to collection @icid */
static inline void gicits_cmd_movi(struct gicits_cmd *c, uint32_t dev,
				   uint32_t ev, uint16_t icid)
{
	gicits_cmd_clear(c, GICITS_CMD_MOVI);
	gicits_cmd_set(c, GICITS_CMD_F_DEVICEID, dev);
	gicits_cmd_set(c, GICITS_CMD_F_EVENTID, ev);
	gicits_cmd_set(c, GICITS_CMD_F_ICID, icid);
}

/**
 * gicits_cmd_event() - a command naming one event and nothing else:
 * INT, CLEAR, DISCARD or INV (@op one of those GICITS_CMD_* opcodes)
 */
static inline void gicits_cmd_event(struct gicits_cmd *c, uint8_t op,
				    uint32_t dev, uint32_t ev)
{
	gicits_cmd_clear(c, op);
	gicits_cmd_set(c, GICITS_CMD_F_DEVICEID, dev);
	gicits_cmd_set(c, GICITS_CMD_F_EVENTID, ev);
}

/** gicits_cmd_int() - INT: make (@dev, @ev)'s LPI pending */
static inline void gicits_cmd_int(struct gicits_cmd *c, uint32_t dev,
				  uint32_t ev)
{
	gicits_cmd_event(c, GICITS_CMD_INT, dev, ev);
}

/** gicits_cmd_clear_event() - CLEAR: clear (@dev, @ev)'s pending state */
static inline void gicits_cmd_clear_event(struct gicits_cmd *c, uint32_t dev,
					  uint32_t ev)
{
	gicits_cmd_event(c, GICITS_CMD_CLEAR, dev, ev);
}

/** gicits_cmd_discard() - DISCARD: unmap (@dev, @ev), clearing pending */
static inline void gicits_cmd_discard(struct gicits_cmd *c, uint32_t dev,
				      uint32_t ev)
{
	gicits_cmd_event(c, GICITS_CMD_DISCARD, dev, ev);
}

/** gicits_cmd_inv() - INV: reload (@dev, @ev)'s LPI configuration */
static inline void gicits_cmd_inv(struct gicits_cmd *c, uint32_t dev,
				  uint32_t ev)
{
	gicits_cmd_event(c, GICITS_CMD_INV, dev, ev);
}

/** gicits_cmd_invall() - INVALL: reload configuration of collection @icid */
static inline void gicits_cmd_invall(struct gicits_cmd *c, uint16_t icid)
{
	gicits_cmd_clear(c, GICITS_CMD_INVALL);
	gicits_cmd_set(c, GICITS_CMD_F_ICID, icid);
}

/** gicits_cmd_movall() - MOVALL: move every LPI of @rdbase1 to @rdbase2
 * (RDbase field values, as for gicits_cmd_mapc()) */
static inline void gicits_cmd_movall(struct gicits_cmd *c, uint64_t rdbase1,
				     uint64_t rdbase2)
{
	gicits_cmd_clear(c, GICITS_CMD_MOVALL);
	gicits_cmd_set(c, GICITS_CMD_F_RDBASE, rdbase1);
	gicits_cmd_set(c, GICITS_CMD_F_RDBASE2, rdbase2);
}

/** gicits_cmd_sync() - SYNC: wait for the effects on @rdbase */
static inline void gicits_cmd_sync(struct gicits_cmd *c, uint64_t rdbase)
{
	gicits_cmd_clear(c, GICITS_CMD_SYNC);
	gicits_cmd_set(c, GICITS_CMD_F_RDBASE, rdbase);
}

/**
 * gicits_cmd_to_bytes() - the 32 bytes the queue holds for @c
 * (doublewords in order, each little-endian, on any host)
 */
static inline void gicits_cmd_to_bytes(const struct gicits_cmd *c,
				       uint8_t out[GICITS_CMD_BYTES])
{
	for (unsigned i = 0; i < 4; i++)
		for (unsigned j = 0; j < 8; j++)
			out[i * 8 + j] = (uint8_t)(c->dw[i] >> (8 * j));
}

/** gicits_cmd_from_bytes() - the command whose queue bytes are @in */
static inline void gicits_cmd_from_bytes(struct gicits_cmd *c,
					 const uint8_t in[GICITS_CMD_BYTES])
{
	for (unsigned i = 0; i < 4; i++) {
		c->dw[i] = 0;
		for (unsigned j = 0; j < 8; j++)
			c->dw[i] |= (uint64_t)in[i * 8 + j] << (8 * j);
	}
}

#ifdef __cplusplus
}
#endif

#endif
