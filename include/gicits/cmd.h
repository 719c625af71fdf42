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

/* Command opcodes, DW0[7:0] (IHI 0069H.b 5.3, table "ITS commands"). */
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
/* GICv4 (IHI 0069H.b §5.3, the V* commands; a GICv3 ITS treats them as
 * unknown command numbers).  VSGI and INVDB are GICv4.1 only. */
#define GICITS_CMD_VMOVI 0x21
#define GICITS_CMD_VMOVP 0x22
#define GICITS_CMD_VSGI 0x23
#define GICITS_CMD_VSYNC 0x25
#define GICITS_CMD_VMAPP 0x29
#define GICITS_CMD_VMAPTI 0x2A
#define GICITS_CMD_VMAPI 0x2B
#define GICITS_CMD_VINVALL 0x2D
#define GICITS_CMD_INVDB 0x2E

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
#define GICITS_CMD_F_VALID 2, 63, 63 /* MAPD MAPC VMAPP: V */

/*
 * GICv4 command fields (IHI 0069H.b §5.3, the layout figures of VMAPP,
 * VMAPTI, VMAPI, VMOVI, VMOVP, VSYNC, VINVALL and the GICv4.1 INVDB and
 * VSGI; cross-checked in spec/its.md §2.3 and spec/gicv41.md §3).  DeviceID
 * and EventID are GICITS_CMD_F_DEVICEID / _EVENTID above; RDbase of VMAPP
 * and VMOVP is GICITS_CMD_F_RDBASE.
 */
#define GICITS_CMD_F_VPEID 1, 47, 32 /* every V* command, INVDB, VSGI */
#define GICITS_CMD_F_VINTID 2, 31, 0 /* VMAPTI: the virtual INTID */
/* VMAPTI VMAPI VMOVI: the individual doorbell pINTID (1023: none) */
#define GICITS_CMD_F_DB_PINTID 2, 63, 32
#define GICITS_CMD_F_VMOVI_D 2, 0, 0 /* VMOVI: Dbell_pINTID is valid */
#define GICITS_CMD_F_VPT_SIZE 3, 4, 0 /* VMAPP (4.0): vINTID bits - 1 */
/* VMAPP (4.1): VPT_size is DW3[7:0] (spec/gicv41.md §3.1) */
#define GICITS_CMD_F_VPT_SIZE_41 3, 7, 0
#define GICITS_CMD_F_VPT_ADDR 3, 51, 16 /* VMAPP: VPT_addr[51:16] */
/* VMOVP (GITS_TYPER.VMOVP = 0 only): */
#define GICITS_CMD_F_SEQNUM 0, 47, 32 /* SequenceNumber */
#define GICITS_CMD_F_ITSLIST 1, 15, 0 /* ITSList */
/* GICv4.1 VMAPP: */
#define GICITS_CMD_F_ALLOC 0, 8, 8 /* first map / last unmap */
#define GICITS_CMD_F_PTZ 0, 9, 9 /* the VPT is known to be zero */
#define GICITS_CMD_F_VCONF_ADDR 0, 51, 16 /* VCONF_addr[51:16] */
#define GICITS_CMD_F_VMAPP_DEFAULT_DB 1, 31, 0 /* default doorbell */
/* GICv4.1 VMOVP: */
#define GICITS_CMD_F_VMOVP_DB 2, 63, 63 /* the default doorbell is valid */
#define GICITS_CMD_F_VMOVP_DEFAULT_DB 3, 31, 0 /* default doorbell */
/* GICv4.1 VSGI: */
#define GICITS_CMD_F_VSGI_ENABLE 0, 8, 8
#define GICITS_CMD_F_VSGI_CLEAR 0, 9, 9
#define GICITS_CMD_F_VSGI_GROUP 0, 10, 10
#define GICITS_CMD_F_VSGI_PRIORITY 0, 23, 20 /* priority[7:4] */
#define GICITS_CMD_F_VSGI_VINTID 0, 35, 32 /* SGI 0..15 */

/* The doorbell value that means "no doorbell" (IHI 0069 VMAPTI). */
#define GICITS_CMD_NO_DOORBELL 1023u

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
 * gicits_cmd_vmapp() - VMAPP (GICv4.0 layout): map (@valid) or unmap vPE
 * @vpeid to the redistributor @rdbase (as for gicits_cmd_mapc()) with its
 * virtual pending table at @vpt (64 KB aligned; bits [15:0] are not
 * encoded) holding @vpt_size + 1 vINTID bits
 */
static inline void gicits_cmd_vmapp(struct gicits_cmd *c, uint16_t vpeid,
				    uint64_t rdbase, uint64_t vpt,
				    unsigned vpt_size, bool valid)
{
	gicits_cmd_clear(c, GICITS_CMD_VMAPP);
	gicits_cmd_set(c, GICITS_CMD_F_VPEID, vpeid);
	gicits_cmd_set(c, GICITS_CMD_F_RDBASE, rdbase);
	gicits_cmd_set(c, GICITS_CMD_F_VALID, valid);
	gicits_cmd_set(c, GICITS_CMD_F_VPT_SIZE, vpt_size);
	gicits_cmd_set(c, GICITS_CMD_F_VPT_ADDR, vpt >> 16);
}

/**
 * gicits_cmd_vmapti() - VMAPTI: (@dev, @ev) -> vLPI @vintid of vPE @vpeid,
 * doorbell physical LPI @db (GICITS_CMD_NO_DOORBELL: none)
 */
static inline void gicits_cmd_vmapti(struct gicits_cmd *c, uint32_t dev,
				     uint32_t ev, uint16_t vpeid,
				     uint32_t vintid, uint32_t db)
{
	gicits_cmd_clear(c, GICITS_CMD_VMAPTI);
	gicits_cmd_set(c, GICITS_CMD_F_DEVICEID, dev);
	gicits_cmd_set(c, GICITS_CMD_F_EVENTID, ev);
	gicits_cmd_set(c, GICITS_CMD_F_VPEID, vpeid);
	gicits_cmd_set(c, GICITS_CMD_F_VINTID, vintid);
	gicits_cmd_set(c, GICITS_CMD_F_DB_PINTID, db);
}

/** gicits_cmd_vmapi() - VMAPI: VMAPTI with vINTID = @ev */
static inline void gicits_cmd_vmapi(struct gicits_cmd *c, uint32_t dev,
				    uint32_t ev, uint16_t vpeid, uint32_t db)
{
	gicits_cmd_clear(c, GICITS_CMD_VMAPI);
	gicits_cmd_set(c, GICITS_CMD_F_DEVICEID, dev);
	gicits_cmd_set(c, GICITS_CMD_F_EVENTID, ev);
	gicits_cmd_set(c, GICITS_CMD_F_VPEID, vpeid);
	gicits_cmd_set(c, GICITS_CMD_F_DB_PINTID, db);
}

/**
 * gicits_cmd_vmovi() - VMOVI: move (@dev, @ev)'s vLPI to vPE @vpeid; with
 * @set_db the doorbell becomes @db, else it is kept (D = 0)
 */
static inline void gicits_cmd_vmovi(struct gicits_cmd *c, uint32_t dev,
				    uint32_t ev, uint16_t vpeid, bool set_db,
				    uint32_t db)
{
	gicits_cmd_clear(c, GICITS_CMD_VMOVI);
	gicits_cmd_set(c, GICITS_CMD_F_DEVICEID, dev);
	gicits_cmd_set(c, GICITS_CMD_F_EVENTID, ev);
	gicits_cmd_set(c, GICITS_CMD_F_VPEID, vpeid);
	gicits_cmd_set(c, GICITS_CMD_F_VMOVI_D, set_db);
	gicits_cmd_set(c, GICITS_CMD_F_DB_PINTID, set_db ? db : 0);
}

/**
 * gicits_cmd_vmovp() - VMOVP (single-ITS form, GITS_TYPER.VMOVP = 1:
 * SequenceNumber and ITSList 0): vPE @vpeid now targets @rdbase
 */
static inline void gicits_cmd_vmovp(struct gicits_cmd *c, uint16_t vpeid,
				    uint64_t rdbase)
{
	gicits_cmd_clear(c, GICITS_CMD_VMOVP);
	gicits_cmd_set(c, GICITS_CMD_F_VPEID, vpeid);
	gicits_cmd_set(c, GICITS_CMD_F_RDBASE, rdbase);
}

/**
 * gicits_cmd_vpe() - a command naming one vPE and nothing else: VSYNC,
 * VINVALL or (GICv4.1) INVDB (@op one of those GICITS_CMD_* opcodes)
 */
static inline void gicits_cmd_vpe(struct gicits_cmd *c, uint8_t op,
				  uint16_t vpeid)
{
	gicits_cmd_clear(c, op);
	gicits_cmd_set(c, GICITS_CMD_F_VPEID, vpeid);
}

/** gicits_cmd_vsync() - VSYNC: wait for the effects on vPE @vpeid */
static inline void gicits_cmd_vsync(struct gicits_cmd *c, uint16_t vpeid)
{
	gicits_cmd_vpe(c, GICITS_CMD_VSYNC, vpeid);
}

/** gicits_cmd_vinvall() - VINVALL: reload vPE @vpeid's vLPI configuration */
static inline void gicits_cmd_vinvall(struct gicits_cmd *c, uint16_t vpeid)
{
	gicits_cmd_vpe(c, GICITS_CMD_VINVALL, vpeid);
}

/**
 * gicits_cmd_vmapp41() - VMAPP, GICv4.1 layout (GITS_TYPER.VMAPP = 1,
 * spec/gicv41.md §3.1): gicits_cmd_vmapp()'s fields with VPT_size in
 * DW3[7:0], plus @alloc (first map / last unmap), @ptz (the VPT is zero;
 * meaningful with @alloc), the vPE's vLPI configuration table at @vconf
 * (64 KB aligned; bits [15:0] not encoded) and its default doorbell @db
 * (GICITS_CMD_NO_DOORBELL: none)
 */
static inline void gicits_cmd_vmapp41(struct gicits_cmd *c, uint16_t vpeid,
				      uint64_t rdbase, uint64_t vpt,
				      unsigned vpt_size, bool valid, bool alloc,
				      bool ptz, uint64_t vconf, uint32_t db)
{
	gicits_cmd_vmapp(c, vpeid, rdbase, vpt, 0, valid);
	gicits_cmd_set(c, GICITS_CMD_F_VPT_SIZE_41, vpt_size);
	gicits_cmd_set(c, GICITS_CMD_F_ALLOC, alloc);
	gicits_cmd_set(c, GICITS_CMD_F_PTZ, ptz);
	gicits_cmd_set(c, GICITS_CMD_F_VCONF_ADDR, vconf >> 16);
	gicits_cmd_set(c, GICITS_CMD_F_VMAPP_DEFAULT_DB, db);
}

/**
 * gicits_cmd_vmovp41() - VMOVP, GICv4.1 (spec/gicv41.md §3.3): vPE @vpeid
 * now targets @rdbase; with @set_db (DB) its default doorbell becomes @db,
 * else it is kept
 */
static inline void gicits_cmd_vmovp41(struct gicits_cmd *c, uint16_t vpeid,
				      uint64_t rdbase, bool set_db, uint32_t db)
{
	gicits_cmd_vmovp(c, vpeid, rdbase);
	gicits_cmd_set(c, GICITS_CMD_F_VMOVP_DB, set_db);
	gicits_cmd_set(c, GICITS_CMD_F_VMOVP_DEFAULT_DB, set_db ? db : 0);
}

/** gicits_cmd_invdb() - INVDB (GICv4.1): re-evaluate vPE @vpeid's default
 * doorbell (spec/gicv41.md §3.5) */
static inline void gicits_cmd_invdb(struct gicits_cmd *c, uint16_t vpeid)
{
	gicits_cmd_vpe(c, GICITS_CMD_INVDB, vpeid);
}

/**
 * gicits_cmd_vsgi() - VSGI (GICv4.1, spec/gicv41.md §3.6) for vSGI @sgi
 * (0..15) of vPE @vpeid: with @clear, clear its pending state (the other
 * fields are not encoded); else configure it: @enable, @group (1: Group
 * 1), priority @prio (only [7:4] are encoded)
 */
static inline void gicits_cmd_vsgi(struct gicits_cmd *c, uint16_t vpeid,
				   unsigned sgi, bool clear, bool enable,
				   bool group, uint8_t prio)
{
	gicits_cmd_vpe(c, GICITS_CMD_VSGI, vpeid);
	gicits_cmd_set(c, GICITS_CMD_F_VSGI_VINTID, sgi);
	gicits_cmd_set(c, GICITS_CMD_F_VSGI_CLEAR, clear);
	if (!clear) {
		gicits_cmd_set(c, GICITS_CMD_F_VSGI_ENABLE, enable);
		gicits_cmd_set(c, GICITS_CMD_F_VSGI_GROUP, group);
		gicits_cmd_set(c, GICITS_CMD_F_VSGI_PRIORITY, prio >> 4);
	}
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
