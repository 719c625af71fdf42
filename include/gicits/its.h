/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * DOC: the Interrupt Translation Service
 *
 * A struct gicits_its models one GICv3 ITS (IHI 0069 chapter 5): the GITS_*
 * registers, the command queue, the device and collection tables and the
 * ITTs in guest memory, and the translation of MSIs into LPIs on the
 * redistributors of a struct gicits_gic -- or on an embedder's own
 * redistributors, through the LPI-sink interface of <gicits/sink.h>
 * (gicits_its_create_with_sink()).
 *
 * The DeviceID is sampled from the bus: it enters only through
 * gicits_its_msi() and the @device_id argument of gicits_its_mmio_write(),
 * which the embedder takes from the bus transaction, never from data that
 * software wrote.
 *
 * Table entry formats in guest memory (IMPLEMENTATION DEFINED; the KVM ITS
 * ABI revision 0 layouts, little endian):
 *
 * - DTE, 8 bytes: [63] Valid, [62:49] 0 (KVM "next", filled only by export),
 *   [48:5] ITT_addr[51:8], [4:0] Size (EventID bits - 1).
 * - CTE, 8 bytes, indexed by ICID: [63] Valid, [51:16] RDbase (processor
 *   number, or RD_base PA >> 16 when PTA = 1), [15:0] ICID.
 * - ITE, ite_size bytes (8, 12 or 16): bytes 0..7 as KVM: [63:48] 0 (next),
 *   [47:16] pINTID (0 = invalid), [15:0] ICID.  With 12 or 16 bytes, the
 *   32-bit word at byte 8 is GICv4's: [31] Virtual, [23:0] doorbell
 *   pINTID (1023: none), written as 0 for physical ITEs.  A virtual ITE
 *   (GICv4.0) holds the vINTID in [47:16] and the vPEID in [15:0].
 * - vPE table entry (GITS_BASER2, GICv4.0), 8 bytes, indexed by vPEID:
 *   [63] Valid, [62:58] VPT_size (vINTID bits - 1), [51:16] VPT_addr[51:16],
 *   [15:0] the processor number of the redistributor the VMAPP/VMOVP
 *   RDbase named (resolved when the command executes).  GICv4.1: 16
 *   bytes, the same first doubleword and a second one holding [35:0]
 *   VCONF_addr[51:16] and [59:36] the default doorbell (1023: none); the
 *   redistributors read this table through GICR_VPROPBASER
 *   (GITS_TYPER.SVPET = 0b01, spec/gicv41.md §6).
 * - Level-1 descriptor (architected): [63] Valid, [51:12] level-2 page PA.
 *
 * Every IMPLEMENTATION DEFINED or CONSTRAINED UNPREDICTABLE choice is a field
 * of struct gicits_its_config or is written below where it is made.
 *
 * Thread safety: all functions may be called from any thread.  Register
 * accesses and command processing of one ITS are serialised by its lock;
 * MSIs (gicits_its_msi(), gicits_its_msi_burst(), GITS_TRANSLATER writes)
 * take no lock (except, on a GICv4 ITS, an MSI that hits a virtual ITE:
 * it takes the ITS's leaf lock around its virtual pending table write,
 * docs/concurrency.md L7), allocate nothing (once the target redistributor's pending
 * block exists) and may run concurrently with everything else.  An MSI
 * racing with a command that changes its mapping is translated either
 * before or after the command.  An MSI is in flight from before its
 * translation until it has made its LPI pending; the ordering points --
 * the commands SYNC, DISCARD, MOVI, MOVALL, MAPD with V = 0 and MAPC with
 * V = 0, and clearing GICR_CTLR.EnableLPIs -- complete only after every MSI
 * that was in flight when they started has taken effect, as hardware
 * orders an MSI translated before the command.  So after DISCARD (or
 * DISCARD; SYNC) no MSI of the old mapping makes the LPI pending, after
 * MOVI the LPI is pending on at most the new target, and after EnableLPIs
 * 1 -> 0 the redistributor holds no pending bit (an MSI in flight either
 * set its bit before the pending table was written back, so the bit is in
 * the table, or is dropped).  MSIs stay lock-free and never wait
 * for a command; the command waits for them (docs/concurrency.md I10,
 * R11), so a trace or guest-memory callback that runs inside an MSI must
 * not wait for another thread that issues an ordering point (it would wait
 * for this MSI), and one that issues an ordering point itself is not
 * ordered after its own MSI.
 */
#ifndef GICITS_ITS_H
#define GICITS_ITS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gicits/cmd.h"
#include "gicits/mem.h"
#include "gicits/rdist.h"
#include "gicits/trace.h"
#include "gicits/export.h"

#ifdef __cplusplus
extern "C" {
#endif

struct gicits_its;

/** enum gicits_error_policy - what a command error does (IMPLEMENTATION DEFINED) */
enum gicits_error_policy {
	/** consume the command and continue (QEMU, KVM) */
	GICITS_POLICY_SKIP = 0,
	/** stall: CREADR.Stalled = 1, CREADR stays at the command; a CWRITER
	 *  write with Retry = 1 re-executes it (GIC-600 default) */
	GICITS_POLICY_STALL = 1,
};

/** enum gicits_cache_mode - the translation index */
enum gicits_cache_mode {
	/** keep an index of DTEs/ITEs/CTEs, changed only by commands and by
	 *  the invalidations the architecture defines */
	GICITS_CACHE_ON = 0,
	/** walk guest memory on every translation (the reference path) */
	GICITS_CACHE_OFF = 1,
	/** do both, deliver what the index says, and report every
	 *  disagreement as a GICITS_TRACE_FINDING */
	GICITS_CACHE_CHECK = 2,
};

/* enum gicits_gic_version: <gicits/rdist.h> (a gic has a version too). */

/**
 * struct gicits_its_config - ITS configuration knobs
 *
 * The struct can grow: later versions only append fields, and @size tells
 * the library which version the caller was built against.  Callers always
 * start from gicits_its_config_default() (which sets @size and every field
 * this version knows), then change the fields they need; a struct filled in
 * by hand (@size left 0) is refused by gicits_its_create().
 *
 * @size: sizeof(struct gicits_its_config) as the caller knows it, set by
 *        gicits_its_config_default(); do not change it
 * @devbits: DeviceID bits, 1..32 (GITS_TYPER.Devbits + 1; default 16)
 * @idbits: EventID bits, 1..32 (GITS_TYPER.ID_bits + 1; default 16)
 * @cidbits: ICID bits, 1..16 (GITS_TYPER.CIDbits + 1, CIL = 1; default 16)
 * @hcc: collections held in registers, 0..255 (GITS_TYPER.HCC; default 0).
 *       ICIDs below @hcc never touch the collection table.
 * @ite_size: ITT entry size in bytes, 8, 12 or 16 (default 12)
 * @pta: GITS_TYPER.PTA: RDbase is an RD_base address >> 16 (default false:
 *       a processor number)
 * @indirect: GITS_BASER<n>.Indirect is implemented for the device and
 *            collection tables (default true; false makes it RAZ/WI)
 * @error_policy: command errors skip (default) or stall.  A memory fault on
 *                the queue or a table always stalls (as QEMU).
 * @cache: translation index mode (default GICITS_CACHE_ON)
 * @umsi: GITS_TYPER.UMSI: record unmapped MSIs (mapping failures, not
 *        every drop) in GITS_STATUSR/UMSIR (default false).
 *        GITS_TYPER.UMSIirq is 0: GITS_CTLR.UMSIirq is RAZ/WI.
 * @creadr_writable: software may write GITS_CREADR (QEMU with
 *                   GICD_CTLR.DS = 1); a write sets the offset and clears
 *                   Stalled.  Default false: the register is read-only
 *                   (IHI 0069H.b GITS_CREADR) and a write sets
 *                   GITS_STATUSR.WROD; gicits replay sets it
 * @mapc_rdbase16: MAPC decodes RDbase as 16 bits, ignoring [50:32] (QEMU
 *                 7.2's choice, which gicits replay sets).  Default false:
 *                 MAPC decodes the same RDbase bits as MOVALL and SYNC, and
 *                 bits above a processor number give E_ITS_MAPC_PROCNUM_OOR
 * @strict: strict mode: report as GICITS_TRACE_FINDING what the
 *          architecture leaves UNPREDICTABLE or without an error code but a
 *          correct driver never does (SYNC to an RDbase naming no
 *          redistributor, RES0 bits set in a command); default false
 * @iidr: GITS_IIDR value (default 0x43B, Arm)
 * @trace: trace callback, or NULL.  With a callback every MSI is traced, so
 *         MSIs take the general translation path instead of the inlined
 *         fast path (slower; not benchmarked separately); results are the
 *         same either way.
 * @trace_opaque: passed to @trace
 * @index_budget_bytes: host memory the translation index may hold (default
 *                      512 MiB, enough for 2^20 devices and 2^24 mapped
 *                      LPIs).  Past it the index leaves devices and events
 *                      unknown and translations walk guest memory (the
 *                      reference path): nothing architecturally visible
 *                      changes, MSIs are only slower.  0: no limit.
 * @vmovp_list: GICv4.0 ITS on a gic only (ignored otherwise):
 *              GITS_TYPER.VMOVP = 0, the multi-ITS form of VMOVP.  Software
 *              issues VMOVP on every ITS in ITSList (bit n: the ITS whose
 *              GITS_CTLR.ITS_Number is n, writable while the ITS is
 *              disabled) with one SequenceNumber; the vPE moves, on every
 *              one of them at once, when the last of them executes it, and
 *              until then every ITS still delivers to the old
 *              redistributor.  Mismatches are UNPREDICTABLE (IHI 0069
 *              VMOVP); gicits' choices, each a strict-mode finding: an
 *              ITSList without this ITS's number is ignored; a VMOVP whose
 *              SequenceNumber, ITSList or target differs from the move in
 *              progress for the vPE abandons that move (the vPE stays
 *              where it was) and starts its own; at most 256 moves are in
 *              progress per gic, a further one is ignored
 *              (docs/architecture.md, "Multi-ITS VMOVP").  Default false:
 *              GITS_TYPER.VMOVP = 1, one ITS's VMOVP suffices,
 *              SequenceNumber and ITSList are ignored and ITS_Number is
 *              RES0.
 * @nid: GICv4.1: GITS_TYPER.nID (default false: individual doorbells are
 *       supported and a VMAPTI/VMAPI/VMOVI Dbell_pINTID other than 1023
 *       rings as in GICv4.0).  true: only default doorbells; a
 *       Dbell_pINTID other than 1023 is not honoured -- stored as 1023 and
 *       reported as a GICITS_TRACE_FINDING (spec/gicv41.md §3.4, §13 row
 *       15; UNCONFIRMED whether hardware ignores it or errs).
 */
struct gicits_its_config {
	uint32_t size;
	unsigned devbits;
	unsigned idbits;
	unsigned cidbits;
	unsigned hcc;
	unsigned ite_size;
	bool pta;
	bool indirect;
	enum gicits_error_policy error_policy;
	enum gicits_cache_mode cache;
	bool umsi;
	bool creadr_writable;
	bool mapc_rdbase16;
	bool strict;
	uint32_t iidr;
	gicits_trace_fn trace;
	void *trace_opaque;
	uint64_t index_budget_bytes;
	enum gicits_gic_version gic;
	/* appended: multi-ITS VMOVP (GICv4.0) */
	bool vmovp_list;
	/* appended: GICv4.1 */
	bool nid;
};

/** gicits_its_config_default() - fill @cfg with the defaults above (and
 * @cfg->size with the size of this version's struct). */
GICITS_API void gicits_its_config_default(struct gicits_its_config *cfg);

/**
 * gicits_its_create() - create an ITS
 * @cfg: configuration (copied)
 * @gic: the redistributors it delivers to, called directly; must outlive
 *       the ITS.  (Redistributors of the embedder's own:
 *       gicits_its_create_with_sink(), <gicits/sink.h>.)
 * @mem: guest memory for the queue and tables; must outlive the ITS
 * @out: receives the ITS, in its reset state (disabled, tables invalid)
 *
 * Return: GICITS_OK; GICITS_EINVAL for a NULL pointer, a knob out of range
 * (also @cfg->gic GICv4.0 or GICv4.1 with @cfg->ite_size 8, or with a
 * @gic whose struct gicits_gic_config.version differs), or @cfg->size 0
 * (not from gicits_its_config_default()) or larger than this library's
 * struct (a caller built against a later version); GICITS_ENOMEM.
 */
GICITS_API int gicits_its_create(const struct gicits_its_config *cfg,
				 struct gicits_gic *gic,
				 const struct gicits_mem *mem,
				 struct gicits_its **out);

/** gicits_its_destroy() - free an ITS (NULL is accepted). */
GICITS_API void gicits_its_destroy(struct gicits_its *its);

/* Register offsets from ITS_base (IHI 0069 "GITS_*"). */
#define GICITS_GITS_CTLR 0x0000
#define GICITS_GITS_IIDR 0x0004
#define GICITS_GITS_TYPER 0x0008
#define GICITS_GITS_STATUSR 0x0040
#define GICITS_GITS_UMSIR 0x0048
#define GICITS_GITS_CBASER 0x0080
#define GICITS_GITS_CWRITER 0x0088
#define GICITS_GITS_CREADR 0x0090
#define GICITS_GITS_BASER(n) (0x0100 + 8 * (n))
#define GICITS_GITS_PIDR2 0xFFE8
#define GICITS_GITS_TRANSLATER 0x10040
/* GICv4.1: GITS_MPIDR (RO; Aff3 [31:24] = 0 here) and the vSGI frame's
 * GITS_SGIR (ITS_base + 0x20020, 64-bit WO: [47:32] vPEID, [3:0] vINTID;
 * spec/gicv41.md §2, §4).  A GITS_SGIR write makes vSGI vINTID of the vPE
 * pending, through the vPE table entry of this ITS: ignored when the vPE is
 * not mapped here (§12 item 9) or wider than the gic's vpeid_bits.  On a
 * GICv3/GICv4.0 ITS the vSGI frame does not exist (GICITS_EINVAL). */
#define GICITS_GITS_MPIDR 0x0018
#define GICITS_GITS_SGIR 0x20020

/* ITS command opcodes and encoders: <gicits/cmd.h>. */

/**
 * gicits_its_mmio_read() - read an ITS register
 * @its: the ITS
 * @offset: byte offset from ITS_base, in the control frame (0..0xFFFF) or the
 *          translation frame (0x10000..0x1FFFF)
 * @size: 2 (translation frame only), 4 or 8 bytes; 64-bit registers may be
 *        read as two 32-bit halves; 32-bit registers only with 4 bytes
 * @val: receives the value.  Reserved locations and GITS_TRANSLATER read as
 *       zero (RAZ), traced and recorded in GITS_STATUSR (RRD/RWOD).
 *
 * Return: GICITS_OK; GICITS_EINVAL for NULL pointers or an offset beyond the
 * two frames; GICITS_EACCESS for a bad size or misaligned offset.
 */
GICITS_API int gicits_its_mmio_read(struct gicits_its *its, uint32_t offset,
				    unsigned size, uint64_t *val);

/**
 * gicits_its_mmio_write() - write an ITS register
 * @its: the ITS
 * @offset: as for gicits_its_mmio_read()
 * @size: as for gicits_its_mmio_read()
 * @val: the value written
 * @device_id: the DeviceID the bus attached to this write; used only for
 *             GITS_TRANSLATER (a write there is an MSI, exactly as
 *             gicits_its_msi(@device_id, @val))
 *
 * Writes to read-only or reserved locations are ignored (WI) and traced.
 * Writes to CBASER/BASER<n> while GITS_CTLR.Enabled == 1 are UNPREDICTABLE
 * (IHI 0069 GITS_BASER<n>); gicits ignores them and traces the choice.
 * A CWRITER write (or enabling the ITS) processes the command queue
 * synchronously before returning.
 *
 * Return: as gicits_its_mmio_read().  Command errors and dropped MSIs are not
 * return values: see the trace, GITS_CREADR and gicits_its_status().
 */
GICITS_API int gicits_its_mmio_write(struct gicits_its *its, uint32_t offset,
				     unsigned size, uint64_t val,
				     uint32_t device_id);

/**
 * gicits_its_msi() - an MSI write to GITS_TRANSLATER arriving from the bus
 * @its: the ITS
 * @device_id: the DeviceID sampled from the bus
 * @event_id: the data written (the EventID)
 *
 * Return: GICITS_DROP_NONE (0) if the LPI was made pending (or already was),
 * otherwise the enum gicits_drop reason the MSI was ignored, or GICITS_EINVAL
 * if @its is NULL.  A dropped MSI is an architectural outcome, not an error.
 */
GICITS_API int gicits_its_msi(struct gicits_its *its, uint32_t device_id,
			      uint32_t event_id);

/**
 * struct gicits_msi - one MSI of a burst
 * @device_id: the DeviceID sampled from the bus
 * @event_id: the data written to GITS_TRANSLATER
 */
struct gicits_msi {
	uint32_t device_id;
	uint32_t event_id;
};

/**
 * gicits_its_msi_burst() - several MSIs arriving from the bus, in order
 * @its: the ITS
 * @msis: @n MSIs
 * @n: how many (0 is allowed)
 * @results: NULL, or @n ints that receive what gicits_its_msi() would have
 *           returned for each MSI
 *
 * Equivalent to calling gicits_its_msi() on @msis[0], @msis[1], ... in
 * turn from the calling thread: the same LPIs become pending in the same
 * order, with the same drops, trace records and GITS_STATUSR/UMSIR updates.
 * Against commands other threads issue meanwhile, the MSIs of a burst are
 * MSIs that arrived together, as in an ITS that translates several at
 * once: each is translated no earlier than the one before it (a command
 * never affects an MSI and spares a later one), and a group of up to 32
 * MSIs is in flight as a whole (described at the top of this file): an
 * MSI may be translated before the previous ones of its group have made
 * their LPIs pending, and an ordering point waits for the whole group it
 * overlaps.  The difference is speed when the tables do not
 * fit in the CPU caches: the MSIs are taken in groups of 32 whose device
 * slots, ITE words and pending words are prefetched and read phase by
 * phase, so their memory accesses overlap instead of following one another
 * (see docs/performance.md, translate.cold.burst).  For an embedder that
 * collects MSIs (a multi-queue device model, a vhost-style notification
 * batch); single MSIs cost the same through either call.
 *
 * Return: the number of MSIs that made an LPI pending (or found it pending,
 * GICITS_DROP_NONE), 0..@n; GICITS_EINVAL if @its is NULL, or @msis is NULL
 * with @n > 0, or @n > INT_MAX (nothing is then processed).
 */
GICITS_API int gicits_its_msi_burst(struct gicits_its *its,
				    const struct gicits_msi *msis, size_t n,
				    int *results);

/**
 * struct gicits_its_status - observable state for tests and tools
 * @last_error: the E_ITS_* code of the most recent command error, or 0
 * @errors: command errors since creation
 * @commands: commands consumed since creation
 * @stalled: GITS_CREADR.Stalled
 * @findings: cache-check findings since creation
 */
struct gicits_its_status {
	uint32_t last_error;
	uint64_t errors;
	uint64_t commands;
	bool stalled;
	uint64_t findings;
};

/**
 * gicits_its_status() - read the status counters
 * Return: GICITS_OK, or GICITS_EINVAL for NULL pointers.
 */
GICITS_API int gicits_its_status(struct gicits_its *its,
				 struct gicits_its_status *st);

#ifdef __cplusplus
}
#endif
#endif
