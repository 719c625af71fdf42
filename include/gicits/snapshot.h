/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * DOC: snapshots and the KVM ITS table ABI
 *
 * Two ways to move ITS state between instances (live migration, save and
 * restore of a VM, checkpoints in tests):
 *
 * 1. A gicits snapshot: a versioned, self-checking byte string with the
 *    state the library keeps *beside* guest memory for one gic and any
 *    number of its ITSes -- per ITS the GITS_* registers (CTLR, CBASER,
 *    CWRITER, CREADR with Stalled, BASER0..7, STATUSR, UMSIR), the
 *    collections held in registers (HCC), the status counters and a
 *    fingerprint of the configuration; per redistributor its registers,
 *    its CPU interface (PMR, the priorities of acknowledged but not yet
 *    EOId interrupts) and its pending LPIs.
 *
 *    ITSes over an external LPI sink (<gicits/sink.h>) are saved with a
 *    NULL gic: the snapshot then holds those ITSes' own state only (no
 *    redistributor sections); the redistributors' state -- pending LPIs,
 *    their registers, whatever the sink caches -- is the embedder's to
 *    save.  An ITS on a gic and one over a sink never share a snapshot.
 *
 *    Guest memory is NOT in the snapshot: the embedder migrates RAM, and the
 *    architected tables (device, collection and ITT tables, LPI
 *    configuration and pending tables, the command queue) live there.  The
 *    ITS's caches are write-through -- every command writes its table entry
 *    to guest memory before it completes -- so the tables in memory are
 *    always complete and nothing needs flushing before a save.  The
 *    translation index is derived state: restore rebuilds it from the
 *    tables (see gicits_snapshot_rebuild_index()).
 *
 *    GICv4.0 state (format version 2): each redistributor's residency
 *    (GICR_VPROPBASER, GICR_VPENDBASER, the Dirty window), the virtual CPU
 *    interface (VPMR, active priorities) and the resident vPE's pending
 *    vLPIs; each ITS's GIC version, vmovp_list, GITS_BASER2 and
 *    GITS_CTLR.ITS_Number.  Virtual ITEs, the vPE table and the virtual
 *    pending tables of vPEs not resident are in guest memory; the index's
 *    vPE entries are rebuilt from the vPE table.  Not carried: multi-ITS
 *    VMOVPs in progress (vmovp_list), which a restored system does not
 *    have: their vPEs stay where they were.  The KVM export refuses a
 *    GICv4 ITS (GICITS_ENOTSUP: KVM ABI rev 0 has no virtual ITEs).
 *
 *    GICv4.1 state (format version 3): the gic's per-vPE records (what
 *    VMAPP/VMOVP told it: redistributor, default doorbell, VPT, VCONF,
 *    VPT_size; whether the default doorbell is armed; the vSGIs'
 *    configuration and pending bits; where the vPE is resident), each
 *    redistributor's 4.1 VLPI_base state (GICR_VPROPBASER as written,
 *    GICR_VPENDBASER's Valid, vPEID, Doorbell, PendingLast, VGrp0En,
 *    VGrp1En and Dirty window, the GICR_VSGIR query in progress) and the
 *    knobs vpeid_bits, v41_early_write, v41_no_vprop, v41_resident_change,
 *    v41_wide_vpeid and the ITS's nid, which the target must share.
 *    Version 3 also carries the distributor's GICD_CTLR (any version).  The
 *    vPE table the ITS and the redistributors share is guest memory.
 *
 *    Format (docs/snapshot.md): little endian; a 32-byte header (magic
 *    "GICITSSN", version, total length, section count), sections of
 *    {type, length, payload}, and a CRC-32 (IEEE 802.3, reflected,
 *    polynomial 0xEDB88320) of every preceding byte as the last 4 bytes.
 *
 * 2. The KVM ITS table ABI revision 0 (Linux
 *    Documentation/virt/kvm/devices/arm-vgic-its.rst): export writes the
 *    device table, the ITTs and the collection table in KVM's 8-byte
 *    formats with the "next" fields, import reads such tables and makes
 *    the ITS's own tables say the same (as if MAPD, MAPC and MAPTI had been
 *    issued).
 *
 * Quiescence: every function here takes the locks of the objects it
 * touches, so concurrent calls never crash, but a snapshot is consistent
 * only if no MSI, register access or command runs meanwhile: call them with
 * the vCPUs and devices stopped, as a VMM does for migration.
 *
 * Error values (include/gicits/error.h): every function lists the ones it
 * returns.  A restore or import that fails leaves the target unchanged
 * (everything is parsed and validated before anything is applied), except
 * where GICITS_ENOMEM says otherwise.
 */
#ifndef GICITS_SNAPSHOT_H
#define GICITS_SNAPSHOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gicits/its.h"
#include "gicits/rdist.h"
#include "gicits/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Snapshot format version written by this library (3: with GICv4.1
 * state); restore reads it, version 2 (GICv4.0 state, no GICv4.1 gic) and
 * version 1 (written before GICv4.0 state was carried, so only of GICv3
 * gics and ITSes). */
#define GICITS_SNAPSHOT_VERSION 3u
/** Most ITSes one snapshot holds. */
#define GICITS_SNAPSHOT_MAX_ITS 256u

/**
 * gicits_snapshot_size() - bytes gicits_snapshot_save() needs now
 * @gic: the gic, or NULL for ITSes over external sinks (then @n >= 1)
 * @its: array of @n ITSes created on @gic, or with
 *       gicits_its_create_with_sink() when @gic is NULL (may be NULL if @n
 *       is 0)
 * @n: number of ITSes, 0..GICITS_SNAPSHOT_MAX_ITS
 * @size: receives the size in bytes
 *
 * The size depends on the number of pending LPIs, so it is exact only while
 * the system is quiescent.
 *
 * Return: GICITS_OK; GICITS_EINVAL if a pointer is NULL (@gic: with @n
 * 0), @n is too large or an ITS belongs to another gic (or to a gic, when
 * @gic is NULL); GICITS_ENOMEM.
 */
GICITS_API int gicits_snapshot_size(struct gicits_gic *gic,
				    struct gicits_its *const *its, size_t n,
				    size_t *size);

/**
 * gicits_snapshot_save() - write a snapshot of @gic and @its[0..n)
 * @gic: the gic, or NULL for ITSes over external sinks (then @n >= 1)
 * @its: array of @n ITSes created on @gic (over a sink when @gic is NULL;
 *       may be NULL if @n is 0)
 * @n: number of ITSes, 0..GICITS_SNAPSHOT_MAX_ITS
 * @buf: destination buffer
 * @len: its size in bytes
 * @used: receives the snapshot's size; on GICITS_ERANGE the size needed
 *
 * The order of @its is part of the snapshot: restore takes the ITSes in the
 * same order.
 *
 * Return: GICITS_OK; GICITS_EINVAL if @gic (with @n 0), @buf (with @len >
 * 0) or @used is NULL, @its is NULL with @n > 0, @n is too large or an ITS
 * belongs to another gic (or to a gic, when @gic is NULL); GICITS_ERANGE
 * if @len is too small (then @buf holds
 * nothing useful and *@used says how much is needed); GICITS_ENOMEM.
 */
GICITS_API int gicits_snapshot_save(struct gicits_gic *gic,
				    struct gicits_its *const *its, size_t n,
				    void *buf, size_t len, size_t *used);

/**
 * gicits_snapshot_restore() - replace the state of @gic and @its with a snapshot
 * @gic: the target gic, or NULL for ITSes over external sinks (a snapshot
 *       saved with a NULL gic, and only such a snapshot)
 * @its: array of @n ITSes created on @gic (over a sink when @gic is NULL),
 *       in the order they were saved
 * @n: number of ITSes; must equal the number in the snapshot
 * @buf: the snapshot
 * @len: its length in bytes (exactly the length save reported)
 *
 * The targets must have the configuration of the saved instances: for the
 * gic num_cpus, intid_bits and version (GICv4.1 also vpeid_bits and the
 * v41_* policies); for each ITS devbits, idbits, cidbits, hcc, ite_size,
 * pta, indirect, error_policy, umsi, creadr_writable, mapc_rdbase16, iidr,
 * gic, vmovp_list and (GICv4.1) nid.  The cache mode, strict mode and trace hooks may
 * differ (they change what is reported, not what the guest sees).  Each
 * ITS's guest memory must already hold the saved guest's RAM.
 *
 * The whole snapshot is parsed and validated first; nothing is changed
 * unless it is entirely valid.  Then every redistributor and ITS takes the
 * saved state, each ITS's translation index is rebuilt from its tables in
 * guest memory if it is enabled (gicits_snapshot_rebuild_index()), and LPI
 * configuration is re-read from memory (as after INVALL).
 *
 * Return: GICITS_OK;
 * GICITS_EINVAL: a pointer is NULL (@gic: with @n 0), an ITS belongs to
 * another gic, or the targets' configuration differs from the snapshot's
 * (number of ITSes, num_cpus, intid_bits, or any ITS knob listed above; a
 * snapshot with redistributors into a NULL gic, or one without into a
 * gic);
 * GICITS_ETRUNC: @len is shorter than the header, or than the total length
 * the header gives;
 * GICITS_EFORMAT: bad magic, @len longer than the total length, CRC-32
 * mismatch, a section that overruns or is unknown, missing or repeated, or
 * a value no instance can hold (a register bit the configuration does not
 * implement, pending INTIDs not ascending or outside the LPI range, more
 * than 256 active priorities, an HCC collection naming no redistributor;
 * GICv4.1: a vPE record or resident vPEID beyond vpeid_bits, records out of
 * vPEID order, a record naming no redistributor or a default doorbell that
 * is neither 1023 nor an LPI, state of an unmapped vPE, a record resident
 * on a redistributor that does not hold it, a residency key without a
 * resident vPE, a GICv4.1 gic in a version 2 snapshot), each also reported
 * as a GICITS_TRACE_REG record with rule "snapshot" naming the rule broken
 * on @gic's trace;
 * GICITS_EVERSION: a version other than 1, 2 and GICITS_SNAPSHOT_VERSION;
 * GICITS_ENOMEM: memory ran out -- before anything was applied, or while
 * a redistributor's pending set was rebuilt, in which case that pending set
 * may be partial: restore into fresh instances and discard them on error.
 */
GICITS_API int gicits_snapshot_restore(struct gicits_gic *gic,
				       struct gicits_its *const *its, size_t n,
				       const void *buf, size_t len);

/**
 * gicits_snapshot_rebuild_index() - warm an ITS's translation index
 * @its: the ITS
 *
 * Walks the device table in guest memory (flat or two-level), every valid
 * DTE's ITT and the collection table, and enters what it finds in the
 * translation index, as if the commands that wrote those entries had just
 * run.  An entry the walk cannot read (a fault, a device with more than
 * 2^20 events, memory exhausted) stays unknown and is resolved from memory
 * on use, so the result is always correct.  Does nothing for a disabled ITS
 * (disabling drops the index: software may edit tables while disabled) or
 * with cache=off.  Restore and import call it; a VMM that enables the ITS
 * after a restore (KVM's order: GITS_CTLR last) calls it after enabling.
 *
 * Return: GICITS_OK, or GICITS_EINVAL if @its is NULL.
 */
GICITS_API int gicits_snapshot_rebuild_index(struct gicits_its *its);

/**
 * struct gicits_kvm_tables - where KVM ABI rev 0 tables are in guest memory
 * @dt_base: device table: 8-byte DTEs indexed by DeviceID
 * @dt_bytes: its size in bytes (a multiple of 8; for an indirect table, of
 *            the level-1 table)
 * @dt_indirect: import only: the device table is two-level, KVM style
 *               (8-byte level-1 descriptors [63] Valid, [51:16] PA of a
 *               64 KB level-2 page of 8192 DTEs); export writes flat tables
 * @ct_base: collection table: 8-byte CTEs, packed (not indexed), in
 *           ascending ICID order on export, terminated by an entry with
 *           Valid = 0 unless full
 * @ct_bytes: its size in bytes (a multiple of 8)
 * @itt_base: export only: where the ITTs are written, one per valid device
 *            in DeviceID order, each 2^(Size+1) 8-byte ITEs rounded up to
 *            256 bytes and 256-byte aligned; the exported DTEs point there
 * @itt_bytes: export only: size of that area
 */
struct gicits_kvm_tables {
	uint64_t dt_base;
	uint64_t dt_bytes;
	bool dt_indirect;
	uint64_t ct_base;
	uint64_t ct_bytes;
	uint64_t itt_base;
	uint64_t itt_bytes;
};

/**
 * struct gicits_kvm_export_info - what an export wrote
 * @devices: valid DTEs written
 * @events: valid ITEs written
 * @collections: valid CTEs written (HCC collections included)
 * @itt_used: bytes of the ITT area used
 * @baser: GITS_BASER0 (device) and GITS_BASER1 (collection) values that
 *         describe the exported tables to a KVM ITS (64 KB pages, flat,
 *         Entry_Size 8, Valid), or 0 when the table's base is not 64 KB
 *         aligned or its size is not 1..256 pages of 64 KB
 */
struct gicits_kvm_export_info {
	uint32_t devices;
	uint32_t events;
	uint32_t collections;
	uint64_t itt_used;
	uint64_t baser[2];
};

/**
 * gicits_snapshot_kvm_export() - write the ITS's state as KVM ABI rev 0 tables
 * @its: the ITS; its own tables (GITS_BASER0/1 and the ITTs) are only read
 * @dst: caller-given guest addresses for the device table, the collection
 *       table and the ITTs; they must not overlap the ITS's own tables
 * @info: receives counts and BASER values, or NULL
 *
 * Always writes to the addresses in @dst, never to the tables the ITS uses:
 * gicits's collection table is indexed by ICID where KVM's is packed, HCC
 * collections live in registers, gicits allows 4/16 KB pages, indirect
 * collection tables and 12/16-byte ITEs, none of which KVM reads.  So the
 * ITS keeps running unchanged, whatever its configuration.  Written:
 * DTE [63] V, [62:49] next DeviceID delta (0 = last, capped at 2^14 - 1),
 * [48:5] ITT PA[51:8] (in @dst's ITT area), [4:0] Size; ITE [63:48] next
 * EventID delta (capped at 2^16 - 1), [47:16] pINTID, [15:0] ICID; CTE
 * [63] V, [51:16] RDbase as a processor number (also when PTA = 1), [15:0]
 * ICID.  Every byte of the three areas not holding a valid entry is
 * written as zero.
 *
 * Return: GICITS_OK; GICITS_EINVAL for NULL pointers, sizes that are not
 * multiples of 8, or areas that wrap the address space; GICITS_ERANGE if an
 * area is too small (device table: highest valid DeviceID + 1 entries;
 * collection table: one entry per valid collection; ITT area: see
 * struct gicits_kvm_tables); GICITS_EFAULT if reading the ITS's tables or
 * writing @dst faulted (then @dst holds a partial export); GICITS_EFORMAT
 * if a valid CTE names no redistributor; GICITS_ENOTSUP for a GICv4 ITS
 * (virtual ITEs have no KVM ABI rev 0 form); GICITS_ENOMEM.
 */
GICITS_API int gicits_snapshot_kvm_export(struct gicits_its *its,
					  const struct gicits_kvm_tables *dst,
					  struct gicits_kvm_export_info *info);

/**
 * gicits_snapshot_kvm_import() - load KVM ABI rev 0 tables into an ITS
 * @its: the ITS; GITS_BASER0 (and GITS_BASER1 when a collection is at or
 *       above HCC) must be valid
 * @src: where the KVM tables are; @itt_base and @itt_bytes are ignored (the
 *       ITTs are where the DTEs say)
 *
 * Reads the tables the way KVM's restore does (start at ID 0, an invalid
 * entry moves on by one, a valid one by its "next" field, 0 ends the
 * table; in a two-level device table each level-2 page is scanned on its
 * own), validates everything, and only then writes the result into the
 * ITS's own tables: every DTE and CTE the ITS's tables can hold is written
 * (valid for the imported entries, invalid for the rest), HCC collections
 * go to registers, and each imported device's ITT is rewritten in place:
 * cleared whole (bytes the next chain skipped must not become mappings),
 * then the imported ITEs without their next field (KVM's ITTs become the
 * ITS's ITTs, which is why ite_size must be 8).  The tables may be the ITS's own (KVM's restore
 * order: registers, then tables, then GITS_CTLR).  If the ITS is enabled,
 * its translation index is rebuilt; the LPIs' pending state is not
 * touched (it is in the redistributors' pending tables).
 *
 * Return: GICITS_OK;
 * GICITS_EINVAL for NULL pointers or sizes that are not multiples of 8;
 * GICITS_ENOTSUP if the ITS's ite_size is not 8 or PTA is 1 (KVM's ITTs
 * have 8-byte entries and KVM's RDbase is a processor number);
 * GICITS_ESTATE if a table the import needs is not valid in GITS_BASER0/1;
 * GICITS_EFORMAT for a "next" field that points beyond its table or lands
 * on an invalid entry without being the cap, a duplicate ICID, or non-zero
 * RES0 bits in a CTE;
 * GICITS_ELOOP if two level-1 descriptors share a level-2 page or two ITTs
 * overlap (entries reachable twice);
 * GICITS_ERANGE for an ID the ITS cannot hold: DeviceID beyond Devbits or
 * the ITS's device table, DTE Size + 1 beyond ID_bits, a pINTID that is not
 * an implemented LPI, an ICID beyond CIDbits or the collection table, an
 * RDbase naming no redistributor;
 * GICITS_EFAULT if reading @src or writing the ITS's tables faulted (a
 * write fault can leave the ITS's tables partly written); GICITS_ENOMEM.
 */
GICITS_API int gicits_snapshot_kvm_import(struct gicits_its *its,
					  const struct gicits_kvm_tables *src);

#ifdef __cplusplus
}
#endif
#endif
