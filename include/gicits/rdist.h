/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * DOC: redistributors and CPU interfaces
 *
 * A struct gicits_gic holds the redistributors of one GIC (one per CPU) with
 * their LPI state, and a minimal CPU interface per CPU (priority mask,
 * acknowledge, EOI).  ITSes are created against a gic and make LPIs pending in
 * its redistributors.
 *
 * LPI configuration caching (IHI 0069 "LPI Configuration tables": the
 * redistributor may cache configuration; software makes a change visible with
 * INV/INVALL or GICR_INVLPIR/INVALLR).  Two models, chosen by
 * struct gicits_gic_config.lpi_cache:
 *
 * - GICITS_LPI_CACHE_FULL (default): each pending LPI's configuration byte is
 *   cached when the redistributor first sees the LPI pending, and re-read
 *   only on INV and GICR_INVLPIR (that LPI's byte only), INVALL (the
 *   collection's redistributor only; nothing after a command error),
 *   MOVALL, GICR_INVALLR and EnableLPIs;
 *   acknowledge and EOI cost O(log pending).  The redistributor "sees" newly
 *   pending LPIs when the CPU interface looks (gicits_cpu_hppi(),
 *   gicits_cpu_ack()) or a rescan runs, so an MSI itself reads no
 *   configuration byte and no guest memory at all with cache=on.  (An LPI
 *   that stops being pending while another is the HPPLPI may keep its
 *   cached byte if it becomes pending again before the redistributor drops
 *   the old entry; INV refreshes it, as the architecture requires.)
 * - GICITS_LPI_CACHE_HPP: only the highest-priority pending enabled LPI
 *   (HPPLPI) is cached.  The byte is read when an LPI becomes pending and
 *   during a full rescan of the pending set.  A rescan happens on INV of an
 *   event targeting the redistributor, INVALL (all redistributors, even
 *   with a bad ICID), MOVALL,
 *   GICR_INVLPIR, GICR_INVALLR, EnableLPIs 0->1, and whenever the HPPLPI
 *   stops being pending (acknowledged, cleared, discarded or moved).  This is
 *   QEMU 7.2's choice; `gicits replay` uses it so that scenarios agree with
 *   the oracle line by line.
 *
 * Both are within what the architecture allows (a cache may be refreshed at
 * any time); they differ only for software that changes a configuration
 * byte without the invalidation.
 *
 * Priorities: the redistributor compares the full priority (config byte
 * & 0xFC; the lower INTID wins a tie); the CPU interface implements
 * pri_bits bits of priority, so an LPI is signalled only if its priority,
 * truncated to pri_bits, is below the priority mask and the running priority.
 *
 * GICv4.0 (struct gicits_gic_config.version GICITS_GIC_V4_0): each
 * redistributor also has the VLPI_base frame (GICITS_GICR_VPROPBASER,
 * GICITS_GICR_VPENDBASER below): one vPE at a time is resident on it,
 * identified by its virtual pending table's address, and the vLPIs an ITS
 * makes pending for that vPE are held by the redistributor and presented by
 * the virtual CPU interface of <gicits/vcpu.h>, with the same caching model
 * and priority rules as physical LPIs.  A vPE that is not resident keeps
 * its vLPIs in its VPT, and their doorbells ring (<gicits/its.h>).
 *
 * Thread safety: every function may be called from any thread.
 */
#ifndef GICITS_RDIST_H
#define GICITS_RDIST_H

#include <stdbool.h>
#include <stdint.h>

#include "gicits/mem.h"
#include "gicits/trace.h"
#include "gicits/export.h"

#ifdef __cplusplus
extern "C" {
#endif

struct gicits_gic;

/**
 * enum gicits_gic_version - the GIC architecture version of an ITS or a gic
 *
 * Selects what GITS_TYPER advertises, whether GITS_BASER2 is the vPE table,
 * and which command numbers exist (IHI 0069 chapter 9 "GICv4 virtual
 * interrupts", GITS_TYPER and GICR_TYPER).
 */
enum gicits_gic_version {
	/** GICv3: physical LPIs only.  GITS_TYPER.Virtual = 0, no vPE
	 *  table; the GICv4 command numbers are unknown commands. */
	GICITS_GIC_V3 = 0,
	/** GICv4.0: virtual LPIs for non-resident vPEs (the vPE's virtual
	 *  pending table) and per-vLPI doorbells.  GITS_TYPER.Virtual = 1,
	 *  VMOVP = 1 (VMOVP is issued on one ITS; SequenceNumber and ITSList
	 *  are ignored), VMAPP = 0, VSGI = 0, SVPET = 0, nID = 0;
	 *  GITS_BASER2 is the vPE table; PIDR2.ArchRev = 4.  Needs
	 *  @ite_size 12 or 16 (a virtual ITE holds its doorbell beyond byte
	 *  8).  An ITS of this version needs a gic of this version
	 *  (gicits_its_create()); a gic of this version has the VLPI_base
	 *  frame (GICR_VPROPBASER, GICR_VPENDBASER), vPE residency and the
	 *  virtual CPU interface of <gicits/vcpu.h>. */
	GICITS_GIC_V4_0 = 1,
	/** GICv4.1 (spec/gicv41.md): everything of GICv4.0 plus the 4.1
	 *  VMAPP/VMOVP layouts with default doorbells, INVDB, VSGI and the
	 *  vSGI frame (GITS_SGIR); GITS_TYPER.VMAPP = VSGI = 1, SVPET = 0b01
	 *  (the vPE table is shared with the redistributors), nID per
	 *  struct gicits_its_config.nid; GITS_BASER2 entries of 16 bytes.
	 *  A gic of this version has the 4.1 VLPI_base frame
	 *  (GICR_VPROPBASER describing the shared vPE configuration table,
	 *  GICR_VPENDBASER holding a vPEID, GICR_VSGIR/GICR_VSGIPENDR),
	 *  GICR_TYPER.RVPEID = VSGI = Dirty = 1, GICR_INVLPIR/INVALLR with V
	 *  = 1, and vSGIs in the virtual CPU interface.  An ITS of this
	 *  version needs a gic of this version. */
	GICITS_GIC_V4_1 = 2,
};

/** Special INTID returned by an acknowledge with nothing to deliver. */
#define GICITS_INTID_SPURIOUS 1023u
/** First LPI INTID. */
#define GICITS_LPI_BASE 8192u

/**
 * enum gicits_lpi_cache - how a redistributor caches LPI configuration
 *
 * Both are within what IHI 0069 allows (a redistributor may cache LPI
 * configuration until INV/INVALL/GICR_INVLPIR/GICR_INVALLR).
 */
enum gicits_lpi_cache {
	/** QEMU 7.2's model: only the highest-priority pending enabled LPI is
	 *  cached; every pending LPI's configuration is re-read on a rescan,
	 *  and an acknowledge of that LPI rescans (O(pending LPIs)).
	 *  `gicits replay` uses it by default, so that scenarios agree with
	 *  the oracle line by line. */
	GICITS_LPI_CACHE_HPP = 0,
	/** Each pending LPI's configuration is cached when the redistributor
	 *  first sees it pending, and re-read only on INV, INVALL, MOVALL,
	 *  GICR_INVLPIR/INVALLR and EnableLPIs.  Acknowledge and EOI cost
	 *  O(log pending) and never scan the pending table.  The default. */
	GICITS_LPI_CACHE_FULL = 1,
};

/**
 * enum gicits_pendinglast - what GICR_VPENDBASER.PendingLast reports
 *
 * IHI 0069 GICR_VPENDBASER (GICv4.0 layout): when Valid is written 1 -> 0
 * the redistributor sets PendingLast to say whether the vPE it descheduled
 * has pending interrupts; whether a pending but disabled vLPI counts is
 * IMPLEMENTATION DEFINED (and the field is deprecated in GICv4.1's sense).
 */
enum gicits_pendinglast {
	/** QEMU 7.2's choice: 1 exactly when the redistributor's cached
	 *  highest-priority pending enabled vLPI exists, whatever its
	 *  priority against VPMR.  A stale configuration cache (a vLPI
	 *  enabled in memory without INV) can give 0.  The default, so that
	 *  `gicits replay` matches the oracle's `desched` lines. */
	GICITS_PENDINGLAST_CACHED = 0,
	/** Re-read the configuration of every pending vLPI at descheduling
	 *  (O(pending vLPIs)): 1 exactly when one is pending and enabled in
	 *  the virtual LPI configuration table now. */
	GICITS_PENDINGLAST_RESCAN = 1,
};

/**
 * enum gicits_v41_policy - what a GICv4.1 redistributor does with a
 * GICR_VPENDBASER write the architecture leaves UNPREDICTABLE or CONSTRAINED
 * UNPREDICTABLE (spec/gicv41.md §5.2, §13 rows 8-12).  Each case is traced
 * as a GICITS_TRACE_FINDING whatever the policy (a driver mistake).
 */
enum gicits_v41_policy {
	/** The write is ignored (the register keeps its value).  The default
	 *  of every knob below. */
	GICITS_V41_IGNORE = 0,
	/** Rows 8/9 (write while Dirty reads 1): the pending schedule or
	 *  deschedule completes first, then the write takes effect.
	 *  Row 10 (Valid = 1 with GICR_VPROPBASER.Valid = 0): the vPE is
	 *  scheduled from what the ITS's VMAPP recorded, as if the table
	 *  were there.  Row 11 (vPEID/VGrpEn change while Valid = 1): the
	 *  change is applied (the old vPE descheduled without doorbell, the
	 *  new value scheduled).  Row 12 (vPEID wider than
	 *  struct gicits_gic_config.vpeid_bits): the vPEID is truncated to
	 *  the implemented width (an UNKNOWN valid vPEID). */
	GICITS_V41_APPLY = 1,
	/** Row 11 only: the update is ignored except for direct reads (the
	 *  register reads back the written vPEID/VGrpEn, the resident vPE
	 *  and its group enables stay). */
	GICITS_V41_READBACK = 2,
};

/**
 * enum gicits_nassgicap - GICD_TYPER2.nASSGIcap of the distributor
 * (spec/gicv41.md §1: "SGIs can be configured without active state; RES0
 * with two Security states"; an IMPLEMENTATION DEFINED choice).
 */
enum gicits_nassgicap {
	/** 1 on a GICv4.1 gic, 0 (GICD_TYPER2 is RES0) otherwise.  The
	 *  default. */
	GICITS_NASSGICAP_DEFAULT = 0,
	/** 0: SGIs always have an active state; GICD_CTLR.nASSGIreq is RES0
	 *  (§13 row 32). */
	GICITS_NASSGICAP_OFF = 1,
	/** 1 (GICv4.1 only: any other version is GICITS_EINVAL). */
	GICITS_NASSGICAP_ON = 2,
};

/**
 * struct gicits_gic_config - GIC-wide configuration
 * @size: sizeof(struct gicits_gic_config) as the caller was compiled; set by
 *        gicits_gic_config_default().  Always fill a configuration with
 *        gicits_gic_config_default() first, then change fields.
 * @num_cpus: redistributors / CPU interfaces, 1..65536 (default 4)
 * @intid_bits: INTID width, GICD_TYPER.IDbits + 1, 14..32 (default 16)
 * @pri_bits: CPU interface priority bits, 4..8 (default 5, so that a
 *            priority mask of 0xff reads 0xf8, as QEMU's CPU interface)
 * @rd_base: physical address of redistributor 0's RD_base frame; used to
 *           decode RDbase when an ITS has PTA = 1 (default 0x080A0000)
 * @rd_stride: distance between redistributors (default 0x20000, GICv3's
 *             two 64 KB frames).  With @version GICITS_GIC_V4_0 a
 *             redistributor has four frames (RD_base, SGI_base, VLPI_base
 *             at +0x20000, a reserved one), so a stride below 0x40000,
 *             the default included, is taken as 0x40000
 * @ces: GICR_CTLR.CES: EnableLPIs can be cleared (default true)
 * @lpi_cache: configuration caching model (default GICITS_LPI_CACHE_FULL)
 * @check_config: cache check: whenever the cached HPPLPI is used (an
 *                acknowledge, gicits_cpu_hppi()), compare its cached
 *                priority and enable with the configuration table and report
 *                a GICITS_TRACE_FINDING (rule "INV") when software changed
 *                the configuration without INV/INVALL/GICR_INVLPIR
 *                (default false)
 * @trace: trace callback, or NULL
 * @trace_opaque: passed to @trace
 * @hppi_changed: called when a CPU's highest-priority pending LPI may have
 *                changed (with locks held: record, do not call back), or NULL.
 *                GICITS_LPI_CACHE_FULL: LPIs made pending (by MSI, INT or
 *                GICR_SETLPIR) notify once per batch, for the first one
 *                since the redistributor last looked (gicits_cpu_hppi(),
 *                gicits_cpu_ack(), or a rescan: INV, INVALL, MOVALL,
 *                GICR_INVLPIR/INVALLR, EnableLPIs 0->1), whether or not it
 *                is enabled; look after a notification, or later ones are
 *                not reported.  (Above 2^27 INTIDs, once per batch and
 *                2^27-INTID region.)
 *                GICITS_LPI_CACHE_HPP: only a new LPI that becomes the
 *                HPPLPI notifies.  Both: acknowledge, EOI, priority mask,
 *                rescans and EnableLPIs changes notify as well.
 * @hppi_opaque: passed to @hppi_changed
 * @pending_budget_bytes: host memory one redistributor's pending state may
 *                        hold (pending blocks of 32,768 LPIs, about 12 KiB
 *                        each, and the block array; with lpi_cache FULL
 *                        also the priority heap, 8 bytes per pending
 *                        enabled LPI).  Default 16 MiB: the blocks of all
 *                        2^24 LPIs (6.3 MiB) and a heap of about 1.2 M
 *                        pending enabled LPIs at once.  An LPI whose block
 *                        would pass it is dropped (GICITS_DROP_BUDGET,
 *                        traced as a finding); one the heap cannot take
 *                        stays pending, unpresented until INV/INVALL
 *                        (a finding, rule "pending_budget_bytes").
 *                        0: no limit.
 * @version: GICITS_GIC_V3 (default) or GICITS_GIC_V4_0: GICR_TYPER.VLPIS =
 *           1, PIDR2.ArchRev = 4, the VLPI_base frame (GICITS_GICR_VPROPBASER,
 *           GICITS_GICR_VPENDBASER: vPE residency, IHI 0069 "GICv4
 *           virtual interrupts") and the virtual CPU interface of
 *           <gicits/vcpu.h>.  GICITS_GIC_V4_1: the same with GICv4.1's
 *           layouts, vSGIs and default doorbells (the GICv4.1 block
 *           comment below the register offsets).
 * @vpe_dirty_reads: GICv4.0.  0 (default, QEMU 7.2): GICR_TYPER.Dirty = 0
 *                   and GICR_VPENDBASER.Dirty always reads 0 (scheduling
 *                   and descheduling complete inside the register write).
 *                   N > 0: GICR_TYPER.Dirty = 1, and after every write that
 *                   changes VPENDBASER.Valid the next N reads of
 *                   VPENDBASER show Dirty = 1 (the work is still done
 *                   synchronously: only the window is modelled), so that
 *                   software's Dirty polling is exercised.  A VPENDBASER
 *                   write while Dirty reads 1 is UNPREDICTABLE (IHI 0069
 *                   GICR_VPENDBASER.Dirty); gicits ignores it and traces
 *                   it.  At most 1000.
 * @pendinglast: GICv4.0: GICR_VPENDBASER.PendingLast at descheduling
 *               (default GICITS_PENDINGLAST_CACHED, QEMU 7.2's).
 * @vhppi_changed: GICv4.0: called when the highest-priority pending
 *                 virtual interrupt that CPU @cpu's virtual CPU interface
 *                 signals may have changed -- a vLPI of the resident vPE
 *                 became pending, was acknowledged, a rescan, VPMR, EOI,
 *                 scheduling and descheduling -- so that a VMM can kick
 *                 the vCPU running on @cpu (<gicits/vcpu.h>).  Same rules
 *                 as @hppi_changed (locks may be held, and from a lock-free
 *                 setter inside an MSI: record, do not call back).  NULL:
 *                 none.
 * @vhppi_opaque: passed to @vhppi_changed
 * @vpeid_bits: GICv4.1: implemented vPEID bits, 1..16 (default 16;
 *              GICD_TYPER2.VIL = 1, VID = @vpeid_bits - 1 below 16).
 *              vPEIDs of GICR_VPENDBASER, GITS_SGIR and GICR_VSGIR beyond
 *              it: spec/gicv41.md §1 (RES0 bits) and @v41_wide_vpeid.
 * @v41_early_write: GICv4.1, §13 rows 8 and 9: a GICR_VPENDBASER write
 *                   while Dirty reads 1 (struct gicits_gic_config.
 *                   vpe_dirty_reads models the window).  Default
 *                   GICITS_V41_IGNORE; GICITS_V41_APPLY completes the
 *                   operation in progress first.
 * @v41_no_vprop: GICv4.1, §13 row 10: VPENDBASER.Valid = 1 while
 *                GICR_VPROPBASER.Valid = 0.  Default GICITS_V41_IGNORE (not
 *                scheduled); GICITS_V41_APPLY schedules from the ITS's
 *                record.
 * @v41_resident_change: GICv4.1, §13 row 11: a write keeping Valid = 1 that
 *                       changes vPEID or VGrp0En/VGrp1En.  Default
 *                       GICITS_V41_IGNORE; GICITS_V41_READBACK;
 *                       GICITS_V41_APPLY.  Any other field changed while
 *                       Valid = 1 is ignored.
 * @v41_wide_vpeid: GICv4.1, §13 row 12: Valid = 1 with a vPEID of more than
 *                  @vpeid_bits bits.  Default GICITS_V41_IGNORE: treated as
 *                  Valid = 0 (nothing scheduled; the register reads back
 *                  what was written); GICITS_V41_APPLY: the vPEID truncated.
 * @nassgicap: GICD_TYPER2.nASSGIcap (enum gicits_nassgicap; default
 *             GICITS_NASSGICAP_DEFAULT: 1 on GICv4.1, RES0 otherwise).
 * @gicd_rwp_reads: 0 (default): GICD_CTLR.RWP always reads 0 (a write
 *                  takes effect inside the register write).  N > 0: after
 *                  a GICD_CTLR write that clears EnableGrp0 or EnableGrp1
 *                  (the writes RWP tracks), the next N reads of GICD_CTLR
 *                  show RWP = 1, so that software's RWP polling runs.  At
 *                  most 1000.
 *
 * Growth rule: new fields (the GICv4 knobs to come) are only ever appended,
 * and @size says how much of the struct the caller knows.
 * gicits_gic_create() reads @size bytes and gives every field beyond them
 * its default, so a caller compiled against an older header gets the
 * defaults of the newer fields.  It returns GICITS_EINVAL when @size is 0,
 * smaller than this first version of the struct (through @hppi_opaque), or
 * larger than the library knows (a newer header than the library).
 */
struct gicits_gic_config {
	uint32_t size;
	unsigned num_cpus;
	unsigned intid_bits;
	unsigned pri_bits;
	uint64_t rd_base;
	uint64_t rd_stride;
	bool ces;
	enum gicits_lpi_cache lpi_cache;
	bool check_config;
	gicits_trace_fn trace;
	void *trace_opaque;
	void (*hppi_changed)(void *opaque, unsigned cpu);
	void *hppi_opaque;
	uint64_t pending_budget_bytes;
	/* appended (growth rule below) */
	enum gicits_gic_version version;
	unsigned vpe_dirty_reads;
	enum gicits_pendinglast pendinglast;
	void (*vhppi_changed)(void *opaque, unsigned cpu);
	void *vhppi_opaque;
	/* appended: GICv4.1 */
	unsigned vpeid_bits;
	enum gicits_v41_policy v41_early_write;
	enum gicits_v41_policy v41_no_vprop;
	enum gicits_v41_policy v41_resident_change;
	enum gicits_v41_policy v41_wide_vpeid;
	/* appended: the distributor (GICD_*) */
	enum gicits_nassgicap nassgicap;
	unsigned gicd_rwp_reads;
};

/** gicits_gic_config_default() - fill @cfg with the defaults above, and
 *  @cfg->size with sizeof(*@cfg). */
GICITS_API void gicits_gic_config_default(struct gicits_gic_config *cfg);

/**
 * gicits_gic_create() - create the redistributors of one GIC
 * @cfg: configuration (copied)
 * @mem: guest memory holding the LPI configuration and pending tables; must
 *       outlive the gic
 * @out: receives the new gic
 *
 * Return: GICITS_OK; GICITS_EINVAL if a pointer is NULL, @cfg->size breaks
 * the growth rule of struct gicits_gic_config or a field is out of range;
 * GICITS_ENOMEM.
 */
GICITS_API int gicits_gic_create(const struct gicits_gic_config *cfg,
				 const struct gicits_mem *mem,
				 struct gicits_gic **out);

/** gicits_gic_destroy() - free a gic (NULL is accepted).  Destroy its ITSes first. */
GICITS_API void gicits_gic_destroy(struct gicits_gic *gic);

/** gicits_gic_num_cpus() - number of redistributors. */
GICITS_API unsigned gicits_gic_num_cpus(const struct gicits_gic *gic);

/** gicits_gic_findings() - cache-check findings reported so far. */
GICITS_API uint64_t gicits_gic_findings(struct gicits_gic *gic);

/** gicits_gic_intid_bits() - INTID width (GICD_TYPER.IDbits + 1). */
GICITS_API unsigned gicits_gic_intid_bits(const struct gicits_gic *gic);

/** gicits_gic_version() - the version the gic was created with
 *  (GICITS_GIC_V3 for NULL). */
GICITS_API enum gicits_gic_version
gicits_gic_version(const struct gicits_gic *gic);

/* GICR_* register offsets in the RD_base frame (IHI 0069 "GICR_*"). */
#define GICITS_GICR_CTLR 0x0000
#define GICITS_GICR_IIDR 0x0004
#define GICITS_GICR_TYPER 0x0008
#define GICITS_GICR_STATUSR 0x0010
/* ProcessorSleep [1] resets to 1: while it is 1 the CPU interface signals
 * nothing (LPIs stay pending); write 0 to wake the PE before use. */
#define GICITS_GICR_WAKER 0x0014
#define GICITS_GICR_SETLPIR 0x0040
#define GICITS_GICR_CLRLPIR 0x0048
#define GICITS_GICR_PROPBASER 0x0070
#define GICITS_GICR_PENDBASER 0x0078
#define GICITS_GICR_INVLPIR 0x00A0
#define GICITS_GICR_INVALLR 0x00B0
#define GICITS_GICR_SYNCR 0x00C0
#define GICITS_GICR_PIDR2 0xFFE8

/*
 * GICv4.0 (a gic of version GICITS_GIC_V4_0 only): the VLPI_base frame, the
 * third 64 KB frame of a redistributor (IHI 0069 "The GICR_* VLPI_base
 * frame").  Offsets as gicits_rdist_read()/write() take them, from RD_base.
 *
 * GICR_VPROPBASER (GICv4.0 layout): [58:56] OuterCache, [51:12] the
 * virtual LPI configuration table's PA, [11:10] Shareability, [9:7]
 * InnerCache, [4:0] IDbits (vINTID bits - 1; below 13: no vLPI is in
 * range).  The other bits are RES0.  Written while a vPE is resident
 * (VPENDBASER.Valid = 1): UNPREDICTABLE, ignored and traced.
 *
 * GICR_VPENDBASER (GICv4.0 layout): [63] Valid, [62] IDAI, [61]
 * PendingLast, [60] Dirty (read-only), [58:56] OuterCache, [51:16] the
 * virtual pending table's (VPT) PA, [11:10] Shareability, [9:7]
 * InnerCache; the rest RES0.  The resident vPE is identified by its VPT
 * address (GICv4.0 has no vPEID in the redistributor).
 *  - Valid 0 -> 1 schedules the vPE: the vLPIs an ITS makes pending for
 *    it from then on are held by the redistributor and presented by the
 *    virtual CPU interface (<gicits/vcpu.h>); its VPT is parsed (vINTIDs
 *    8192 .. 2^(VPROPBASER.IDbits + 1) - 1; the first 1 KB, INTIDs below
 *    8192, is never read as pending bits) and the configuration of its
 *    pending vLPIs read.  IDAI is kept and read back; gicits keeps nothing
 *    in the VPT's IMPLEMENTATION DEFINED area, so it parses the VPT
 *    whatever IDAI says (with IDAI = 0 the architecture allows, and does
 *    not require, using such data).
 *  - Valid 1 -> 0 deschedules it: what is pending is written back to the
 *    VPT (ORed in: bits set there by an ITS while the vPE was resident on
 *    a redistributor other than its mapped one are kept), PendingLast is
 *    set (struct gicits_gic_config.pendinglast), and later vLPIs go to the
 *    VPT and ring their doorbells.
 *  - A write while Valid = 1 that keeps Valid = 1 is UNPREDICTABLE (QEMU
 *    7.2 ignores it): ignored and traced.
 *  - While the VPT is being read or written back the redistributor's
 *    registers hold its mutex, and the ITS's MSIs never wait for it.
 */
#define GICITS_GICR_VLPI_BASE 0x20000
#define GICITS_GICR_VPROPBASER (GICITS_GICR_VLPI_BASE + 0x70)
#define GICITS_GICR_VPENDBASER (GICITS_GICR_VLPI_BASE + 0x78)

/*
 * GICv4.1 (a gic of version GICITS_GIC_V4_1; spec/gicv41.md §5, §7, §8).
 *
 * GICR_VPROPBASER (4.1 layout, §5.1): [63] Valid, [61:59] Entry_Size (RO,
 * 1: 16-byte entries, as GITS_BASER2), [55] Indirect, [54:53] Page_Size,
 * [52] Z (WO, reads 0), [51:12] PA, [11:10] Shareability, [9:7]
 * InnerCache, [6:0] Size (pages - 1).  It describes the vPE configuration
 * table, which is the ITS's vPE table (GITS_TYPER.SVPET = 0b01, GITS_MPIDR 0; all
 * redistributors share it, CommonLPIAff = 0): a schedule reads the vPE's
 * entry (VPT, VPT_size, VCONF_addr) from it, and reports a finding (rule
 * "GICR_VPROPBASER.shared") when that entry differs from what the ITS's
 * VMAPP/VMOVP wrote (§6, §13 row 31).  Valid 1 -> 0 completes at once
 * (GICR_CTLR.RWP reads 0).  Written while a vPE is resident: ignored.
 *
 * GICR_VPENDBASER (4.1 layout, §5.2): [63] Valid, [62] Doorbell, [61]
 * PendingLast, [60] Dirty (RO), [59] VGrp0En, [58] VGrp1En, [15:0] vPEID.
 *  - Valid 0 -> 1 (§7.1): vPEID becomes resident; its VPT is parsed
 *    (skipped when VMAPP said PTZ = 1 and no vLPI was written to it
 *    since, §13 row 14) and its vSGIs are offered.  Dirty then reads 1 for
 *    vpe_dirty_reads reads.
 *  - Valid 1 -> 0 (§7.2): PendingLast := an enabled vLPI, or an enabled
 *    vSGI of an enabled group, is pending (only when PendingLast is written
 *    0; written 1, it reads back 1 and Doorbell is ignored).  Doorbell = 1
 *    with PendingLast computed 0 arms the vPE's default doorbell: the next
 *    enabled vLPI or vSGI of an enabled group (VGrpNEn as written now) made
 *    pending for the non-resident vPE makes the default doorbell pending
 *    on the vPE's mapped redistributor, once (§8.2).  A vPE freshly mapped
 *    with VMAPP Alloc = 1 is armed (§8.2, Arm's FVP; §13 row 33).
 *  - Doorbell and PendingLast read back as last written / computed.
 *  - The UNPREDICTABLE writes of §13 rows 8-12: struct gicits_gic_config
 *    v41_* policies.
 * The resident vPE is found by the ITS through its VPT address, as in
 * GICv4.0; distinct vPEs must have distinct VPTs (§13 row 29: residency is
 * keyed by vPEID; two vPEs sharing one VPT is not a supported 4.1 setup).
 *
 * GICR_VSGIR (32-bit WO, [15:0] vPEID) starts a query of the vPE's vSGI
 * pending bits; GICR_VSGIPENDR (32-bit RO): [31] Busy, [15:0] Pending.  Busy
 * reads 1 for vpe_dirty_reads reads after the write; a write while Busy
 * starts a new query (§5.3, one of the two permitted outcomes).
 *
 * GICR_INVLPIR/GICR_INVALLR with V = 1 ([63] V, [47:32] vPEID): reload the
 * configuration of vINTID / of all vLPIs of the vPE if it is resident on
 * this redistributor; for a non-resident vPE, re-evaluate its default
 * doorbell (§5.4, §8.2; §13 rows 3, 24, 25).  GICR_SYNCR.Busy reads 0.
 */
#define GICITS_GICR_VSGIR (GICITS_GICR_VLPI_BASE + 0x80)
#define GICITS_GICR_VSGIPENDR (GICITS_GICR_VLPI_BASE + 0x88)

/**
 * gicits_rdist_read() - read a redistributor register (RD_base frame)
 * @gic: the gic
 * @cpu: redistributor index (= GICR_TYPER.Processor_Number)
 * @offset: byte offset in the 64 KB RD_base frame or, with a GICv4.0 gic,
 *          in the VLPI_base frame (GICITS_GICR_VLPI_BASE + 0 .. 0xFFFF)
 * @size: 4 or 8; 64-bit registers may be read as two 32-bit halves
 * @val: receives the value.  Reserved offsets and write-only registers read
 *       as zero (RAZ) with a GICITS_TRACE_REG record.
 *
 * Return: GICITS_OK; GICITS_ENOENT if @cpu does not exist; GICITS_EACCESS
 * for a size other than 4/8, a misaligned offset, or an 8-byte access to a
 * 32-bit register; GICITS_EINVAL for NULL pointers or an offset in no modelled frame (the
 * SGI_base frame, beyond VLPI_base, or VLPI_base on a GICv3 gic).
 */
GICITS_API int gicits_rdist_read(struct gicits_gic *gic, unsigned cpu,
				 uint32_t offset, unsigned size, uint64_t *val);

/**
 * gicits_rdist_write() - write a redistributor register (RD_base frame)
 *
 * Reserved and read-only registers ignore writes (WI) with a trace record.
 * PROPBASER/PENDBASER writes while EnableLPIs == 1 are UNPREDICTABLE
 * (IHI 0069 GICR_PENDBASER); gicits ignores them and traces the choice.
 *
 * Return: as gicits_rdist_read().
 */
GICITS_API int gicits_rdist_write(struct gicits_gic *gic, unsigned cpu,
				  uint32_t offset, unsigned size, uint64_t val);

/*
 * The distributor (Dist_base frame, IHI 0069 "GICD_*"): only what a GIC
 * with LPIs, no SPIs and a single Security state needs, so that a driver
 * can probe and enable it (spec/gicv41.md §1, §9; spec/its.md §5.4).
 * Offsets as gicits_gicd_read()/write() take them, from Dist_base.  Every
 * register below is 32-bit.
 *
 * GICD_CTLR (single Security state view, GICD_CTLR.DS = 1):
 *  - [0] EnableGrp0, [1] EnableGrp1: read/write, reset 0 (the
 *    architecture's reset value is UNKNOWN).  They gate nothing in gicits:
 *    the model has no SPIs or SGIs, and its redistributors forward LPIs
 *    whatever EnableGrp1 says (IHI 0069 makes EnableGrp1 also control LPI
 *    forwarding; not modelled, so that an embedder that never touches the
 *    distributor keeps its LPIs).
 *  - [4] ARE: RAO/WI (no GICv2 compatibility, as GIC-600/700; LPIs need
 *    affinity routing).  [6] DS: RAO/WI (a single Security state).
 *    [7] E1NWF: RAZ/WI (no 1-of-N SPIs: GICD_TYPER.No1N = 1).
 *  - [8] nASSGIreq (spec/gicv41.md §1, §13 row 32): RES0 (reads 0, a 1
 *    written is ignored with a GICITS_TRACE_REG record) when
 *    GICD_TYPER2.nASSGIcap = 0.  With nASSGIcap = 1 it is read/write,
 *    reset 0, but WI while EnableGrp0 or EnableGrp1 is 1: a write that
 *    would change it while a group is enabled before the write and stays
 *    enabled after it is ignored for this bit (the rest of the write takes
 *    effect) and reported as a GICITS_TRACE_FINDING, rule
 *    "GICD_CTLR.nASSGIreq".  A write that enables a group and sets
 *    nASSGIreq at once, with the groups disabled before it (Linux's
 *    gic_dist_init()), or that disables every group and changes nASSGIreq
 *    at once (KVM's vGIC and kvm-unit-tests do this), takes effect.
 *    What nASSGIreq = 1 means -- physical SGIs without active state --
 *    changes nothing else in gicits, which models no physical SGIs.
 *    vSGIs are not affected by it: whether a guest's SGIs are active-less
 *    is the guest's own GICD_CTLR.nASSGIreq on the distributor its
 *    hypervisor emulates (§4, §9 steps 1-2), and a vSGI is always
 *    delivered without active state (<gicits/vcpu.h>).
 *  - [31] RWP: read-only; struct gicits_gic_config.gicd_rwp_reads.
 *  - The other bits are RES0: written 1, ignored with a GICITS_TRACE_REG
 *    record.
 *
 * GICD_TYPER (RO): ITLinesNumber 0 (no SPIs), CPUNumber 0 (ARE = 0 is not
 * supported), SecurityExtn 0, num_LPIs 0 (LPIs as IDbits says), LPIS 1,
 * DVIS 1 on a GICv4.0/4.1 gic (direct vLPI injection), IDbits =
 * struct gicits_gic_config.intid_bits - 1 (the width the redistributors
 * use for GICR_PROPBASER.IDbits), A3V 0, No1N 1, RSS 1 (Aff0 0..255, as
 * GICR_TYPER.Affinity reports).
 * GICD_TYPER2 (RO; RES0 unless GICv4.1): nASSGIcap [8] per
 * struct gicits_gic_config.nassgicap; VIL [7] = 1 and VID [4:0] =
 * vpeid_bits - 1 when vpeid_bits < 16, else both 0 (16-bit vPEIDs).
 * GICD_IIDR (RO): Implementer 0x43B (Arm), as GICR_IIDR.
 * GICD_PIDR2 (RO): ArchRev 3 (GICv3) or 4 (GICv4.0, GICv4.1), as
 * GICR_PIDR2.
 * Every other offset of the 64 KB frame reads as zero and ignores writes
 * (RAZ/WI), with a GICITS_TRACE_REG record (source "gicd"): with no SPIs
 * and ARE = 1 the SPI, SGI and legacy registers have nothing to hold.
 */
#define GICITS_GICD_CTLR 0x0000
#define GICITS_GICD_TYPER 0x0004
#define GICITS_GICD_IIDR 0x0008
#define GICITS_GICD_TYPER2 0x000C
#define GICITS_GICD_PIDR2 0xFFE8
/* GICD_CTLR bits (single Security state view) */
#define GICITS_GICD_CTLR_ENABLE_GRP0 (1u << 0)
#define GICITS_GICD_CTLR_ENABLE_GRP1 (1u << 1)
#define GICITS_GICD_CTLR_ARE (1u << 4)
#define GICITS_GICD_CTLR_DS (1u << 6)
#define GICITS_GICD_CTLR_NASSGIREQ (1u << 8)
#define GICITS_GICD_CTLR_RWP (1u << 31)
/* GICD_TYPER2.nASSGIcap */
#define GICITS_GICD_TYPER2_NASSGICAP (1u << 8)

/**
 * gicits_gicd_read() - read a distributor register (Dist_base frame)
 * @gic: the gic
 * @offset: byte offset in the 64 KB Dist_base frame (0 .. 0xFFFF)
 * @size: 4; or 8 in the GICD_IROUTER<n> / GICD_IROUTER<n>E ranges
 *        (0x6100 .. 0x7FDF, 0x8000 .. 0x9FFF: 64-bit registers, RAZ here)
 * @val: receives the value (0 on an error)
 *
 * Return: GICITS_OK; GICITS_EINVAL for a NULL pointer or an offset beyond
 * the frame; GICITS_EACCESS for a size other than 4/8, a misaligned
 * offset, or an 8-byte access outside the GICD_IROUTER ranges.
 */
GICITS_API int gicits_gicd_read(struct gicits_gic *gic, uint32_t offset,
				unsigned size, uint64_t *val);

/**
 * gicits_gicd_write() - write a distributor register (Dist_base frame)
 *
 * GICD_CTLR as above; read-only and unmodelled offsets ignore the write
 * (WI) with a GICITS_TRACE_REG record.
 *
 * Return: as gicits_gicd_read() (@val's NULL check aside).
 */
GICITS_API int gicits_gicd_write(struct gicits_gic *gic, uint32_t offset,
				 unsigned size, uint64_t val);

/**
 * gicits_cpu_set_pmr() - write ICC_PMR_EL1 of @cpu
 *
 * The value is truncated to the implemented priority bits (0xff reads back
 * 0xf8 with 5 bits).  Return: GICITS_OK or GICITS_ENOENT.
 */
GICITS_API int gicits_cpu_set_pmr(struct gicits_gic *gic, unsigned cpu,
				  uint8_t pmr);

/** gicits_cpu_get_pmr() - read ICC_PMR_EL1 (0 if @cpu does not exist). */
GICITS_API uint8_t gicits_cpu_get_pmr(struct gicits_gic *gic, unsigned cpu);

/**
 * gicits_cpu_hppi() - highest-priority pending LPI that @cpu would take
 *
 * Return: its INTID, or GICITS_INTID_SPURIOUS if none is signalled (nothing
 * pending and enabled, masked by PMR or by the running priority, or @cpu does
 * not exist).  Changes no architectural state; in the GICITS_LPI_CACHE_FULL
 * model the redistributor takes in the LPIs made pending since it last
 * looked (reading their configuration bytes), which re-arms hppi_changed.
 */
GICITS_API uint32_t gicits_cpu_hppi(struct gicits_gic *gic, unsigned cpu);

/**
 * gicits_cpu_ack() - acknowledge (ICC_IAR1_EL1) on @cpu
 *
 * The signalled LPI stops being pending and its priority becomes the running
 * priority until gicits_cpu_eoi().
 *
 * Return: the INTID, or GICITS_INTID_SPURIOUS.
 */
GICITS_API uint32_t gicits_cpu_ack(struct gicits_gic *gic, unsigned cpu);

/**
 * gicits_cpu_eoi() - end of interrupt (ICC_EOIR1_EL1, EOImode 0) on @cpu
 *
 * Drops the running priority of the most recent acknowledge.
 *
 * Return: GICITS_OK; GICITS_ENOENT; GICITS_ESTATE if nothing is active.
 */
GICITS_API int gicits_cpu_eoi(struct gicits_gic *gic, unsigned cpu,
			      uint32_t intid);

/**
 * gicits_rdist_pending_foreach() - visit the pending LPIs of @cpu
 * @fn: called with each pending INTID in ascending order; a non-zero return
 *      stops the walk and is returned
 *
 * Return: GICITS_OK, GICITS_ENOENT, or @fn's non-zero value.
 */
GICITS_API int
gicits_rdist_pending_foreach(struct gicits_gic *gic, unsigned cpu,
			     int (*fn)(void *opaque, uint32_t intid),
			     void *opaque);

/**
 * gicits_rdist_is_pending() - whether @intid is pending on @cpu
 * Return: 1, 0, or GICITS_ENOENT.
 */
GICITS_API int gicits_rdist_is_pending(struct gicits_gic *gic, unsigned cpu,
				       uint32_t intid);

#ifdef __cplusplus
}
#endif
#endif
