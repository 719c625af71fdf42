/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * DOC: the IOMMU stage (Arm SMMUv3)
 *
 * A struct gicits_iommu models the subset of one Arm SMMUv3 (IHI 0070) that
 * an MSI write passes through on its way to an ITS: the SMMU_* registers of
 * the Non-secure programming interface, the stream table (linear and
 * two-level) and context descriptors in guest memory, AArch64 stage-1,
 * stage-2 and nested translation with 4K, 16K and 64K granules, STE, CD
 * and TLB caches that change only by CMD_CFGI_* / CMD_TLBI_* commands, the
 * command queue, the event queue, GERROR, optionally the PRI queue
 * (config @pri), and the SMMU's own MSIs (event queue, GERROR, PRI queue,
 * CMD_SYNC completion), which leave through an embedder
 * callback carrying the SMMU's own DeviceID and are never translated.
 *
 * The StreamID is sampled from the bus: it enters only through
 * gicits_iommu_translate(), never through a register.  The SMMU changes the
 * address of a write, never its StreamID (the system derives the ITS
 * DeviceID from the StreamID, spec/iommu-mbigen.md §A.1).
 *
 * Every IMPLEMENTATION DEFINED or CONSTRAINED UNPREDICTABLE choice is a
 * field of struct gicits_iommu_config or is listed in docs/iommu.md.
 *
 * Thread safety: every function may be called from any thread; the calls
 * on one SMMU are serialised by its lock, except a translation that the
 * STE, CD and TLB caches serve completely when there is no @trace hook and
 * no @client_device_id: that one reads a table of such outcomes without
 * the lock (seqlock style) and gives the same result.  The callbacks (guest memory,
 * @msi_write, @trace) run with that lock held and must not call back into
 * the same SMMU.
 */
#ifndef GICITS_IOMMU_H
#define GICITS_IOMMU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gicits/export.h"
#include "gicits/mem.h"
#include "gicits/trace.h"

#ifdef __cplusplus
extern "C" {
#endif

struct gicits_iommu;
struct gicits_iommu_prg_resp;

/**
 * typedef gicits_iommu_msi_fn - an MSI the SMMU itself sends
 * @ctx: the config's @msi_ctx
 * @pa: physical doorbell address (*_IRQ_CFG0.ADDR or CMD_SYNC MSIAddress);
 *      never translated by this SMMU
 * @data: the 32-bit payload (*_IRQ_CFG1 or CMD_SYNC MSIData)
 * @device_id: the SMMU's own DeviceID (config @device_id)
 *
 * Return: 0 if the write completed (an ITS that drops the MSI for an
 * unmapped DeviceID still completes it), negative if the interconnect
 * aborted it: the SMMU then sets GERROR.MSI_*_ABT_ERR (IHI 0070 §3.18).
 */
typedef int (*gicits_iommu_msi_fn)(void *ctx, uint64_t pa, uint32_t data,
				   uint32_t device_id);

/** enum gicits_iommu_cache - STE, CD and TLB caching */
enum gicits_iommu_cache {
	/** cache STEs, CDs and translations; they change only by the
	 *  CMD_CFGI_* and CMD_TLBI_* commands (or eviction) */
	GICITS_IOMMU_CACHE_ON = 0,
	/** walk guest memory on every transaction (the reference path) */
	GICITS_IOMMU_CACHE_OFF = 1,
	/** use the caches, and on every hit compare with memory: a cached
	 *  entry that differs (a missing invalidation) is reported as a
	 *  GICITS_TRACE_FINDING; the cached value is still used */
	GICITS_IOMMU_CACHE_CHECK = 2,
};

/**
 * struct gicits_iommu_config - SMMU configuration knobs
 *
 * Start from gicits_iommu_config_default(), then change fields (@size as
 * in struct gicits_its_config: fields are only appended).
 *
 * @size: set by gicits_iommu_config_default(); do not change
 * @stage1: IDR0.S1P (default true)
 * @stage2: IDR0.S2P (default true)
 * @st_2level: IDR0.ST_LEVEL = 1, two-level stream tables (default true;
 *             must be true when @sidsize > 6, IHI 0070 §3.3.2)
 * @cd_2level: IDR0.CD2L, two-level CD tables (default true)
 * @gran4k, @gran16k, @gran64k: IDR5.GRAN4K/16K/64K (default all true)
 * @oas_bits: output address size, one of 32, 36, 40, 42, 44, 48
 *            (IDR5.OAS; default 48)
 * @msi: IDR0.MSI, the SMMU can send MSIs (default true; false: the
 *       *_IRQ_CFG0/1/2 registers are RAZ/WI and nothing is sent)
 * @hyp: IDR0.HYP, EL2 StreamWorld and CMD_TLBI_EL2_* (default true)
 * @asid16, @vmid16: IDR0.ASID16 / VMID16 (default true)
 * @sidsize: StreamID bits, 0..32 (IDR1.SIDSIZE; default 16)
 * @ssidsize: SubstreamID bits, 0..20 (IDR1.SSIDSIZE; default 16)
 * @cmdqs: maximum log2 command queue entries, 0..19 (IDR1.CMDQS;
 *         default 8)
 * @eventqs: maximum log2 event queue entries, 0..19 (IDR1.EVENTQS;
 *           default 7)
 * @term_model: IDR0.TERM_MODEL (default false: CD.A = 0 terminates a
 *              faulting write with RAZ/WI; true: terminations always
 *              abort and a CD with A = 0 is ILLEGAL, C_BAD_CD)
 * @cache: caching mode (default GICITS_IOMMU_CACHE_ON)
 * @cache_entries: capacity of each of the STE, CD and TLB caches,
 *                 1..4096 (default 64); a full cache evicts round robin
 * @cmdq_budget: commands executed per register access at most, 1..65536
 *               (default 1024); the rest run on the next CMDQ_PROD write
 *               or CMDQ_CONS read
 * @eventq_irq_each: send the event queue MSI after every record written
 *                   (QEMU's behaviour) instead of only when the queue
 *                   goes from empty to non-empty (IHI 0070 §3.18.2, the
 *                   default false)
 * @gbpa_abort_reset: the reset value of GBPA.ABORT (IMPLEMENTATION
 *                    DEFINED; default false: bypass)
 * @device_id: the SMMU's own DeviceID, attached to its MSIs (DT
 *             msi-parent / IORT DeviceID mapping; default 0xFF0000)
 * @msi_write: where the SMMU's own MSIs go; NULL: they are written to
 *             guest memory as a 32-bit little-endian store (a fault
 *             counts as an abort)
 * @msi_ctx: passed to @msi_write
 * @trace: trace callback, or NULL; records have source "iommu"
 * @trace_opaque: passed to @trace
 *
 * QEMU 7.2 compatibility knobs (default false = the architecture; each
 * reproduces one documented divergence of QEMU 7.2's SMMUv3, see
 * docs/iommu.md "QEMU compatibility knobs"):
 * @qemu_no_gbpa: SMMU_GBPA is RAZ/WI and a disabled SMMU always bypasses
 *                (IHI 0070 §6.3.14: GBPA.ABORT = 1 aborts)
 * @qemu_bad_streamid_always: C_BAD_STREAMID is recorded whatever
 *                CR2.RECINVSID says (§6.3.12: only with RECINVSID = 1)
 * @qemu_l2_span: a two-level stream table accepts level-2 offsets up to
 *                2^Span - 1 and gives C_BAD_STE beyond (§5.1: offsets
 *                >= 2^(Span-1) are C_BAD_STREAMID)
 * @qemu_fault_class0: F_TRANSLATION, F_ADDR_SIZE, F_ACCESS and
 *                F_PERMISSION records carry CLASS = 0 (CD) instead of
 *                CLASS = IN / TT (§7.3.12..15)
 * @qemu_ignore_ap_unpriv: stage-1 AP[1] (EL0 access) is not checked, only
 *                AP[2] (read-only) (VMSAv8-64: AP = 0b00 denies
 *                unprivileged accesses)
 * @qemu_ignore_af: the access flag is never checked, no F_ACCESS
 * @qemu_no_oas_check: output addresses above the OAS are not checked,
 *                no F_ADDR_SIZE for them
 * @qemu_cd_fetch_addr_dw2: F_CD_FETCH carries the fetch address in the
 *                InputAddr slot (dw2), dw3 = 0 (§7.3.9: FetchAddr, dw3)
 * @qemu_evtq_full_gerror: a record that finds the event queue full is
 *                discarded with GERROR.EVENTQ_ABT_ERR and no overflow
 *                flag, and an active EVENTQ_ABT_ERR does not stop
 *                the queue (§7.4: EVENTQ_PROD.OVFLG toggles, no GERROR)
 * @qemu_cmdq_cons_writable: SMMU_CMDQ_CONS is writable while CMDQEN = 1
 *                (§6.3.27: the write is ignored), which is how the oracle
 *                skips a failing command
 * @qemu_no_cache_bad_config: an STE or CD that fails its decode (C_BAD_STE,
 *                C_BAD_CD) is not kept in the configuration cache, so a
 *                fix is seen without CMD_CFGI_* (§16.2 allows caching it)
 * @qemu_cr2_writable: SMMU_CR2 writes take effect while SMMUEN = 1
 *                (§6.3.12: only while SMMUEN = 0; this model ignores them)
 *
 * Run-time DeviceID collision finding (docs/iommu.md):
 * @client_device_id: the DeviceID the system gives a client's StreamID
 *                (its IORT / DT msi-map beyond this SMMU), called with the
 *                SMMU's lock held and the config's @client_ctx; NULL (the
 *                default): the SMMU cannot tell, and reports no collision.
 *                When set, a client write whose DeviceID equals @device_id
 *                and that lands in the 64 KB ITS frame the SMMU's own MSIs
 *                go to (sent, or programmed in EVENTQ/GERROR_IRQ_CFG0), or
 *                an own MSI to a frame such a client wrote to, is a
 *                finding: counted (gicits_iommu_collisions()) and traced
 *                (GICITS_TRACE_FINDING).  Translations then always take
 *                the lock.
 * @client_ctx: passed to @client_device_id
 *
 * PCIe Page Request Interface (docs/iommu.md "PRI queue"):
 * @pri: IDR0.PRI (and IDR0.ATS, without which PRI is RES0, IHI 0070
 *       §6.3.1): the PRI queue (PRIQ_* registers, CR0.PRIQEN,
 *       IRQ_CTRL.PRIQ_IRQEN), gicits_iommu_page_request() and
 *       CMD_PRI_RESP (default false: PRIQ_* RAZ/WI, CMD_PRI_RESP is
 *       CERROR_ILL, the ID registers are unchanged)
 * @priqs: maximum log2 PRI queue entries, 0..19 (IDR1.PRIQS; default 7;
 *         only with @pri)
 * @pri_pps: IDR3.PPS (default false: an overflow auto-response to a PPR
 *           with a PASID carries it only if the STE's PPAR is 1, §8.1)
 * @prg_resp: receives every PRG Response the SMMU sends to an endpoint
 *            (automatic ones and CMD_PRI_RESP), called with the SMMU's
 *            lock held; NULL: they are only counted and traced
 * @prg_resp_ctx: passed to @prg_resp
 */
struct gicits_iommu_config {
	uint32_t size;
	bool stage1;
	bool stage2;
	bool st_2level;
	bool cd_2level;
	bool gran4k;
	bool gran16k;
	bool gran64k;
	unsigned oas_bits;
	bool msi;
	bool hyp;
	bool asid16;
	bool vmid16;
	unsigned sidsize;
	unsigned ssidsize;
	unsigned cmdqs;
	unsigned eventqs;
	bool term_model;
	enum gicits_iommu_cache cache;
	unsigned cache_entries;
	unsigned cmdq_budget;
	bool eventq_irq_each;
	bool gbpa_abort_reset;
	uint32_t device_id;
	gicits_iommu_msi_fn msi_write;
	void *msi_ctx;
	gicits_trace_fn trace;
	void *trace_opaque;
	bool qemu_no_gbpa;
	bool qemu_bad_streamid_always;
	bool qemu_l2_span;
	bool qemu_fault_class0;
	bool qemu_ignore_ap_unpriv;
	bool qemu_ignore_af;
	bool qemu_no_oas_check;
	bool qemu_cd_fetch_addr_dw2;
	bool qemu_evtq_full_gerror;
	bool qemu_cmdq_cons_writable;
	bool qemu_no_cache_bad_config;
	bool qemu_cr2_writable;
	uint32_t (*client_device_id)(void *ctx, uint32_t stream_id);
	void *client_ctx;
	bool pri;
	unsigned priqs;
	bool pri_pps;
	void (*prg_resp)(void *ctx, const struct gicits_iommu_prg_resp *r);
	void *prg_resp_ctx;
};

/** gicits_iommu_config_default() - fill @cfg with the defaults above */
GICITS_API void gicits_iommu_config_default(struct gicits_iommu_config *cfg);

/**
 * gicits_iommu_create() - create an SMMU in its reset state
 * @cfg: configuration (copied)
 * @mem: guest physical memory holding the tables and queues; must outlive
 *       the SMMU
 * @out: receives the SMMU (CR0 = 0, GBPA.ABORT = @cfg->gbpa_abort_reset)
 *
 * Return: GICITS_OK; GICITS_EINVAL for a NULL pointer, @cfg->size 0 or
 * larger than this library's struct, or a knob out of range (also
 * @sidsize > 6 without @st_2level, or no granule); GICITS_ENOMEM.
 */
GICITS_API int gicits_iommu_create(const struct gicits_iommu_config *cfg,
				   const struct gicits_mem *mem,
				   struct gicits_iommu **out);

/** gicits_iommu_destroy() - free an SMMU (NULL is accepted) */
GICITS_API void gicits_iommu_destroy(struct gicits_iommu *smmu);

/* Register offsets (IHI 0070 §6.2), from the SMMU base; page 1 at +0x10000. */
#define GICITS_SMMU_IDR0 0x000
#define GICITS_SMMU_IDR1 0x004
#define GICITS_SMMU_IDR2 0x008
#define GICITS_SMMU_IDR3 0x00C
#define GICITS_SMMU_IDR4 0x010
#define GICITS_SMMU_IDR5 0x014
#define GICITS_SMMU_IIDR 0x018
#define GICITS_SMMU_AIDR 0x01C
#define GICITS_SMMU_CR0 0x020
#define GICITS_SMMU_CR0ACK 0x024
#define GICITS_SMMU_CR1 0x028
#define GICITS_SMMU_CR2 0x02C
#define GICITS_SMMU_STATUSR 0x040
#define GICITS_SMMU_GBPA 0x044
#define GICITS_SMMU_IRQ_CTRL 0x050
#define GICITS_SMMU_IRQ_CTRLACK 0x054
#define GICITS_SMMU_GERROR 0x060
#define GICITS_SMMU_GERRORN 0x064
#define GICITS_SMMU_GERROR_IRQ_CFG0 0x068
#define GICITS_SMMU_GERROR_IRQ_CFG1 0x070
#define GICITS_SMMU_GERROR_IRQ_CFG2 0x074
#define GICITS_SMMU_STRTAB_BASE 0x080
#define GICITS_SMMU_STRTAB_BASE_CFG 0x088
#define GICITS_SMMU_CMDQ_BASE 0x090
#define GICITS_SMMU_CMDQ_PROD 0x098
#define GICITS_SMMU_CMDQ_CONS 0x09C
#define GICITS_SMMU_EVENTQ_BASE 0x0A0
#define GICITS_SMMU_EVENTQ_PROD 0x100A8
#define GICITS_SMMU_EVENTQ_CONS 0x100AC
#define GICITS_SMMU_EVENTQ_IRQ_CFG0 0x0B0
#define GICITS_SMMU_EVENTQ_IRQ_CFG1 0x0B8
#define GICITS_SMMU_EVENTQ_IRQ_CFG2 0x0BC
#define GICITS_SMMU_PRIQ_BASE 0x0C0
#define GICITS_SMMU_PRIQ_PROD 0x100C8
#define GICITS_SMMU_PRIQ_CONS 0x100CC
#define GICITS_SMMU_PRIQ_IRQ_CFG0 0x0D0
#define GICITS_SMMU_PRIQ_IRQ_CFG1 0x0D8
#define GICITS_SMMU_PRIQ_IRQ_CFG2 0x0DC

/* Event record numbers (IHI 0070 §7.3) this model produces. */
#define GICITS_SMMU_EVT_C_BAD_STREAMID 0x02
#define GICITS_SMMU_EVT_F_STE_FETCH 0x03
#define GICITS_SMMU_EVT_C_BAD_STE 0x04
#define GICITS_SMMU_EVT_F_STREAM_DISABLED 0x06
#define GICITS_SMMU_EVT_C_BAD_SUBSTREAMID 0x08
#define GICITS_SMMU_EVT_F_CD_FETCH 0x09
#define GICITS_SMMU_EVT_C_BAD_CD 0x0A
#define GICITS_SMMU_EVT_F_WALK_EABT 0x0B
#define GICITS_SMMU_EVT_F_TRANSLATION 0x10
#define GICITS_SMMU_EVT_F_ADDR_SIZE 0x11
#define GICITS_SMMU_EVT_F_ACCESS 0x12
#define GICITS_SMMU_EVT_F_PERMISSION 0x13

/**
 * gicits_iommu_mmio_read() - read an SMMU register
 * @smmu: the SMMU
 * @offset: byte offset from the SMMU base, 0..0x1FFFF (page 0 and page 1;
 *          the page-0 copies of the page-1 registers alias them)
 * @size: 4, or 8 for the 64-bit registers (which may also be read as two
 *        32-bit halves)
 * @val: receives the value; reserved locations read as zero (traced)
 *
 * A CMDQ_CONS read first runs queued commands (up to @cmdq_budget).
 *
 * Return: GICITS_OK; GICITS_EINVAL for NULL pointers or an offset beyond
 * page 1; GICITS_EACCESS for a size other than 4 or 8, a misaligned
 * offset, or an 8-byte access to a 32-bit register.
 */
GICITS_API int gicits_iommu_mmio_read(struct gicits_iommu *smmu,
				      uint32_t offset, unsigned size,
				      uint64_t *val);

/**
 * gicits_iommu_mmio_write() - write an SMMU register
 * @smmu: the SMMU
 * @offset: as for gicits_iommu_mmio_read()
 * @size: as for gicits_iommu_mmio_read()
 * @val: the value written
 *
 * Writes the architecture forbids in the current state (a queue base
 * while that queue is enabled, the stream table registers, CR1 or CR2
 * while SMMUEN = 1, an *_IRQ_CFGn while its IRQEN = 1, GBPA without
 * Update = 1) are ignored, as SMMUv3.2 requires, and traced.  CR0 and
 * IRQ_CTRL changes complete at once (CR0ACK / IRQ_CTRLACK follow).  A
 * CMDQ_PROD write runs the command queue before returning.
 *
 * Return: as gicits_iommu_mmio_read().
 */
GICITS_API int gicits_iommu_mmio_write(struct gicits_iommu *smmu,
				       uint32_t offset, unsigned size,
				       uint64_t val);

/**
 * struct gicits_iommu_txn - one incoming transaction
 * @stream_id: StreamID sampled from the bus
 * @ssv: a SubstreamID accompanies the transaction
 * @substream_id: the SubstreamID (when @ssv)
 * @addr: input address (IOVA)
 * @write: true for a write (an MSI is always a write)
 * @priv: PnU, privileged
 * @instr: InD, instruction fetch (reads only)
 */
struct gicits_iommu_txn {
	uint32_t stream_id;
	bool ssv;
	uint32_t substream_id;
	uint64_t addr;
	bool write;
	bool priv;
	bool instr;
};

/** enum gicits_iommu_outcome - what the client's transaction becomes */
enum gicits_iommu_outcome {
	/** translated: forward it to @pa */
	GICITS_IOMMU_TRANSLATED = 0,
	/** passed untranslated (SMMUEN = 0 with GBPA.ABORT = 0, or a bypass
	 *  STE): @pa equals the input address */
	GICITS_IOMMU_BYPASS = 1,
	/** terminated with an abort to the client */
	GICITS_IOMMU_ABORT = 2,
	/** terminated as RAZ/WI (CD.A = 0): the client sees success, the
	 *  write goes nowhere */
	GICITS_IOMMU_RAZWI = 3,
};

/**
 * struct gicits_iommu_result - the outcome of gicits_iommu_translate()
 * @outcome: see enum gicits_iommu_outcome
 * @pa: the output physical address (TRANSLATED, BYPASS), else 0
 * @event: the event number the fault or error has (GICITS_SMMU_EVT_*), 0
 *         if none (a silent abort, or success)
 * @recorded: an event record was written to the event queue
 */
struct gicits_iommu_result {
	enum gicits_iommu_outcome outcome;
	uint64_t pa;
	uint8_t event;
	bool recorded;
};

/**
 * gicits_iommu_translate() - pass one transaction through the SMMU
 * @smmu: the SMMU
 * @txn: the transaction (an MSI: @write true, the doorbell IOVA in @addr)
 * @res: receives the outcome
 *
 * Looks the StreamID up in the stream table, fetches STE and CD (or uses
 * the caches), walks the page tables and records the event the
 * architecture gives for a fault (and sends the event queue MSI).  Every
 * guest-controlled value is bounded: at most 4 levels per stage, 4 stage-2
 * walks per stage-1 level.
 *
 * Return: GICITS_OK (the outcome is in @res, aborts included);
 * GICITS_EINVAL for NULL pointers.
 */
GICITS_API int gicits_iommu_translate(struct gicits_iommu *smmu,
				      const struct gicits_iommu_txn *txn,
				      struct gicits_iommu_result *res);

/**
 * struct gicits_iommu_status - counters for tests and tools
 * @translated: transactions translated or bypassed
 * @aborted: transactions terminated (abort or RAZ/WI)
 * @events: event records written
 * @events_lost: events discarded (queue disabled, full, or in error)
 * @commands: commands consumed
 * @cmd_errors: command errors (GERROR.CMDQ_ERR activations)
 * @msis: own MSIs sent (including CMD_SYNC completions)
 * @msi_aborts: own MSIs the callback aborted
 * @findings: cache-check findings
 * @cache_hits: STE, CD and TLB cache hits
 */
struct gicits_iommu_status {
	uint64_t translated;
	uint64_t aborted;
	uint64_t events;
	uint64_t events_lost;
	uint64_t commands;
	uint64_t cmd_errors;
	uint64_t msis;
	uint64_t msi_aborts;
	uint64_t findings;
	uint64_t cache_hits;
};

/**
 * struct gicits_iommu_collision - the run-time DeviceID collision finding
 * @count: client writes and own MSIs found colliding so far (each one)
 * @stream_id: the client StreamID of the last finding
 * @device_id: the DeviceID they share (config @device_id)
 * @pa: where the last colliding write or own MSI went
 */
struct gicits_iommu_collision {
	uint64_t count;
	uint32_t stream_id;
	uint32_t device_id;
	uint64_t pa;
};

/**
 * gicits_iommu_collisions() - read the DeviceID collision finding
 * @smmu: the SMMU
 * @c: receives the count and the last finding (all 0 if none)
 *
 * Findings need config @client_device_id.  Each is also a trace record
 * (GICITS_TRACE_FINDING, rule "IORT / DT msi-map: ...") and is not counted
 * in struct gicits_iommu_status @findings (the cache=check findings).
 *
 * Return: GICITS_OK, or GICITS_EINVAL for NULL pointers.
 */
GICITS_API int gicits_iommu_collisions(struct gicits_iommu *smmu,
				       struct gicits_iommu_collision *c);

/**
 * gicits_iommu_status() - read the counters
 * Return: GICITS_OK, or GICITS_EINVAL for NULL pointers.
 */
GICITS_API int gicits_iommu_status(struct gicits_iommu *smmu,
				   struct gicits_iommu_status *st);

/* ---- PCIe Page Request Interface (IHI 0070 chapter 8) ---- */

/**
 * struct gicits_iommu_ppr - one incoming PRI message (IHI 0070 §8)
 * @stream_id: StreamID (PCIe RequesterID, plus the Root Complex bits)
 * @ssv: the message had a PASID TLP prefix (ignored, taken as 0, when the
 *       SMMU has no substreams: config @ssidsize 0)
 * @substream_id: the PASID, 0..0xFFFFF (when @ssv)
 * @addr: the page address; bits [11:0] are ignored
 * @prgi: Page Request Group Index, 0..511
 * @last, @write, @read, @exec, @priv: L, W, R, X, Priv.  With @ssv set,
 *       L = 1, W = 0, R = 0 is a Stop PASID marker, not a request; without
 *       @ssv, X and Priv are taken as 0 (§8)
 * @secure: the message came from a Secure stream (§8.2: never recorded,
 *          answered with Response Failure)
 */
struct gicits_iommu_ppr {
	uint32_t stream_id;
	bool ssv;
	uint32_t substream_id;
	uint64_t addr;
	uint16_t prgi;
	bool last, write, read, exec, priv;
	bool secure;
};

/* PCIe PRG Response codes (a response's @code) */
#define GICITS_PRG_RESP_SUCCESS 0x0
#define GICITS_PRG_RESP_INVALID 0x1
#define GICITS_PRG_RESP_FAILURE 0xF

/**
 * struct gicits_iommu_prg_resp - a PRG Response Message to an endpoint
 * @stream_id: the endpoint (the PPR's or the command's StreamID)
 * @pasid: a PASID TLP prefix is present
 * @substream_id: the PASID (when @pasid)
 * @prgi: Page Request Group Index
 * @code: PCIe ResponseCode: GICITS_PRG_RESP_SUCCESS (0b0000),
 *        GICITS_PRG_RESP_INVALID (0b0001) or GICITS_PRG_RESP_FAILURE
 *        (0b1111); CMD_PRI_RESP Resp 0b10 / 0b01 / 0b00 map to them
 * @automatic: generated by the SMMU (§8.1, §8.2), not by CMD_PRI_RESP
 */
struct gicits_iommu_prg_resp {
	uint32_t stream_id;
	bool pasid;
	uint32_t substream_id;
	uint16_t prgi;
	uint8_t code;
	bool automatic;
};

/**
 * struct gicits_iommu_ppr_result - what became of one PRI message
 * @recorded: written to the PRI queue
 * @responded: the SMMU answered it at once; @resp holds the response
 *             (also given to config @prg_resp)
 * @resp: the automatic response (when @responded)
 */
struct gicits_iommu_ppr_result {
	bool recorded;
	bool responded;
	struct gicits_iommu_prg_resp resp;
};

/**
 * gicits_iommu_page_request() - a PCIe PRI message arrives at the SMMU
 * @smmu: the SMMU (config @pri)
 * @ppr: the message
 * @res: receives the outcome
 *
 * IHI 0070 §8.2: with the effective CR0.PRIQEN 0 (PRIQEN or SMMUEN 0) or
 * GERROR.PRIQ_ABT_ERR active, or from a Secure stream, nothing is written
 * and every Page Request gets an automatic Response Failure without a
 * PASID.  §8.1: a message that finds the queue full toggles
 * PRIQ_PROD.OVFLG; while an overflow is active (OVFLG != OVACKFLG) nothing
 * is written, a Page Request with Last = 1 gets an automatic Success
 * (PASID per IDR3.PPS / STE.PPAR; Failure without a PASID when the STE
 * cannot be checked), one with Last = 0 is dropped.  Stop markers are
 * never answered.  Otherwise the 16-byte record is written at PRIQ_PROD
 * and the PRI queue MSI is sent (PRIQ_IRQEN, ADDR != 0) when the queue
 * goes from empty to non-empty, or with PRIQ_IRQ_CFG2.LO = 1 for every
 * record with Last = 1; it is untranslated and carries the SMMU's own
 * DeviceID.  An external abort on the record write activates
 * GERROR.PRIQ_ABT_ERR and answers the PPR with Response Failure.
 *
 * Return: GICITS_OK; GICITS_EINVAL for NULL pointers, @prgi > 511 or an
 * @substream_id beyond 20 bits (with @ssv); GICITS_ENOTSUP without
 * config @pri.
 */
GICITS_API int gicits_iommu_page_request(struct gicits_iommu *smmu,
					 const struct gicits_iommu_ppr *ppr,
					 struct gicits_iommu_ppr_result *res);

/**
 * struct gicits_iommu_pri_status - PRI counters
 * @records: PRI queue records written
 * @lost: messages not recorded (queue disabled, in error, full or in
 *        overflow, Secure, aborted write)
 * @auto_resps: automatic PRG Responses sent
 * @cmd_resps: PRG Responses sent by CMD_PRI_RESP
 * @last: the last PRG Response sent (automatic or not), all 0 if none
 */
struct gicits_iommu_pri_status {
	uint64_t records;
	uint64_t lost;
	uint64_t auto_resps;
	uint64_t cmd_resps;
	struct gicits_iommu_prg_resp last;
};

/**
 * gicits_iommu_pri_status() - read the PRI counters
 * Return: GICITS_OK, or GICITS_EINVAL for NULL pointers.
 */
GICITS_API int gicits_iommu_pri_status(struct gicits_iommu *smmu,
				       struct gicits_iommu_pri_status *st);

#ifdef __cplusplus
}
#endif
#endif
