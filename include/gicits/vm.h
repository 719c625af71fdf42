/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * DOC: virtual machines and device assignment
 *
 * A struct gicits_vm is what one guest sees of the GIC: its own GICv3 ITS
 * (the vITS) and one redistributor and CPU interface per vCPU, all over the
 * guest's memory.  In emulated mode (GICITS_VM_EMULATED, and underneath
 * forwarded mode) the VM is built by composition: a struct gicits_gic
 * with one CPU per vCPU and a struct gicits_its on it, both over a copy of the struct
 * gicits_mem the embedder hands over.  The guest programs the vITS exactly
 * as a GICv3 ITS (its device table, collection table, ITTs, LPI
 * configuration and pending tables live in guest memory), so everything
 * <gicits/its.h> and <gicits/rdist.h> say holds for it.
 *
 * A struct gicits_vm_host owns the host's DeviceID space: it assigns a
 * host device (a host DeviceID, as the host's bus samples it) to at most
 * one VM under a guest DeviceID unique in that VM.  An MSI of a host
 * device, gicits_vm_host_msi(), reaches only the owning VM's vITS, as an
 * MSI from the guest DeviceID; an MSI of a device that no VM owns is
 * counted (gicits_vm_host_stats()) and has no other effect.  A guest
 * chooses only EventIDs, never a DeviceID, so nothing a VM does reaches
 * another VM (docs/vm.md).
 *
 * Host memory: per VM, the vITS's translation index and the
 * redistributors' pending state, each bounded by its budget knob
 * (struct gicits_its_config.index_budget_bytes,
 * struct gicits_gic_config.pending_budget_bytes), and an array of
 * @max_devices assignments; per host, a table of 2 x @max_devices
 * 32-byte slots.  Nothing grows with what a guest writes.
 *
 * Thread safety: every function may be called from any thread, except
 * that gicits_vm_destroy() and gicits_vm_host_destroy() must not race
 * with other calls on the same objects.  gicits_vm_host_msi() takes no
 * lock and allocates nothing; gicits_vm_host_assign() and
 * gicits_vm_host_unassign() serialise on the host's lock.
 */
#ifndef GICITS_VM_H
#define GICITS_VM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gicits/its.h"
#include "gicits/mem.h"
#include "gicits/rdist.h"
#include "gicits/snapshot.h"
#include "gicits/export.h"

#ifdef __cplusplus
extern "C" {
#endif

struct gicits_vm;
struct gicits_vm_host;
struct gicits_vm_fwd_host;

/** enum gicits_vm_mode - how a VM's interrupts are delivered */
enum gicits_vm_mode {
	/** the vITS and the virtual redistributors are models of their own:
	 *  every vLPI is made pending in the VM's struct gicits_gic and taken
	 *  by the embedder's vCPU loop (gicits_vm_vcpu_ack()) */
	GICITS_VM_EMULATED = 0,
	/** the vITS above stays the guest-visible truth, and every mapping
	 *  of an assigned device is shadowed onto a host GICv4.0 ITS as a
	 *  vLPI of the vCPU's vPE (struct gicits_vm_fwd_host): an assigned
	 *  device's MSI is translated by the host ITS and made pending in
	 *  the vPE, directly in the host redistributor while the vCPU is
	 *  loaded (gicits_vm_vcpu_load()), else in its VPT with a doorbell
	 *  (docs/vm.md, "Forwarded mode") */
	GICITS_VM_FORWARDED = 1,
};

/**
 * struct gicits_vm_config - a VM's configuration
 *
 * Growth rule as struct gicits_its_config: start from
 * gicits_vm_config_default(), then change fields; only appended fields
 * are ever added.
 *
 * @size: sizeof(struct gicits_vm_config), set by gicits_vm_config_default()
 * @num_vcpus: vCPUs (virtual redistributors and CPU interfaces),
 *             1..65536 (default 4); overrides @gic's num_cpus
 * @mode: GICITS_VM_EMULATED (default)
 * @its: the vITS's configuration (copied at creation), or NULL for
 *       gicits_its_config_default().  Its @gic must be GICITS_GIC_V3:
 *       the guest sees a GICv3 ITS.
 * @gic: the virtual redistributors' configuration (copied), or NULL for
 *       gicits_gic_config_default()
 * @max_devices: host devices that may be assigned to the VM at once,
 *               1..65536 (default 1024)
 * @fwd: GICITS_VM_FORWARDED: the host GICv4 side the VM's vPEs live on
 *       (gicits_vm_fwd_host_create()); must outlive the VM.  Ignored in
 *       emulated mode.
 * @fwd_guest_base, @fwd_guest_size: forwarded mode: the guest RAM window
 *       the host may reach (the guest's LPI configuration tables, which
 *       become the vPEs' GICR_VPROPBASER tables, must lie inside it;
 *       default 0, 0: nothing, so no vCPU is forwarded)
 * @fwd_host_offset: forwarded mode: guest physical address G of the
 *       window is host address G + @fwd_host_offset in the host ITS's and
 *       gic's struct gicits_mem (default 0)
 */
struct gicits_vm_config {
	uint32_t size;
	unsigned num_vcpus;
	enum gicits_vm_mode mode;
	const struct gicits_its_config *its;
	const struct gicits_gic_config *gic;
	unsigned max_devices;
	struct gicits_vm_fwd_host *fwd;
	uint64_t fwd_guest_base;
	uint64_t fwd_guest_size;
	uint64_t fwd_host_offset;
};

/** gicits_vm_config_default() - fill @cfg with the defaults above. */
GICITS_API void gicits_vm_config_default(struct gicits_vm_config *cfg);

/**
 * gicits_vm_create() - create a VM's vITS, virtual redistributors and
 *                      CPU interfaces
 * @cfg: configuration (copied, with the configurations it points to)
 * @guest_mem: the guest's physical address space (copied; the memory it
 *             describes must outlive the VM)
 * @out: receives the VM: vITS disabled, redistributors in reset
 *
 * Return: GICITS_OK; GICITS_EINVAL for a NULL pointer, @cfg->size 0 or
 * larger than this library's struct, a field out of range or a nested
 * configuration gicits_its_create()/gicits_gic_create() refuse (also a
 * vITS that is not GICITS_GIC_V3, a forwarded VM without @fwd, or with
 * more vCPUs than @fwd has vPEs left); GICITS_ENOMEM (also: the host
 * memory of @fwd cannot hold the vPEs' pending tables).
 */
GICITS_API int gicits_vm_create(const struct gicits_vm_config *cfg,
				const struct gicits_mem *guest_mem,
				struct gicits_vm **out);

/**
 * gicits_vm_destroy() - free a VM (NULL is accepted)
 *
 * A forwarded VM also unmaps its vPEs and host devices from the host ITS
 * and returns their host memory to its struct gicits_vm_fwd_host.
 *
 * Its assigned devices are unassigned first (gicits_vm_host_unassign(),
 * which waits for their MSIs in flight); the host must still exist.
 */
GICITS_API void gicits_vm_destroy(struct gicits_vm *vm);

/** gicits_vm_num_vcpus() - number of vCPUs (0 for NULL). */
GICITS_API unsigned gicits_vm_num_vcpus(const struct gicits_vm *vm);

/**
 * gicits_vm_its() - the VM's vITS, for gicits_its_status(), snapshots and
 *                   tracing tools
 *
 * Owned by the VM (never destroy it).  Calls on it act on this VM only;
 * gicits_its_msi() on it is an MSI from a guest DeviceID without any
 * assignment check, as gicits_vm_msi().  Return: the ITS, or NULL for NULL.
 */
GICITS_API struct gicits_its *gicits_vm_its(struct gicits_vm *vm);

/** gicits_vm_gic() - the VM's virtual redistributors (owned by the VM, as
 *  gicits_vm_its()); NULL for NULL. */
GICITS_API struct gicits_gic *gicits_vm_gic(struct gicits_vm *vm);

/**
 * gicits_vm_its_mmio_read() - a guest read of its vITS (a trap on ITS_base)
 * @vm: the VM
 * @offset, @size, @val: as gicits_its_mmio_read()
 *
 * Return: as gicits_its_mmio_read() (GICITS_EINVAL also for a NULL @vm).
 */
GICITS_API int gicits_vm_its_mmio_read(struct gicits_vm *vm, uint32_t offset,
				       unsigned size, uint64_t *val);

/**
 * gicits_vm_its_mmio_write() - a guest write to its vITS
 * @vm: the VM
 * @offset, @size, @val: as gicits_its_mmio_write()
 * @guest_device_id: the guest DeviceID the embedder attributes to a
 *                   GITS_TRANSLATER write (ignored elsewhere).  An
 *                   assigned device's doorbell write goes through
 *                   gicits_vm_host_msi() instead.
 *
 * Command processing is synchronous, as gicits_its_mmio_write().
 * Return: as gicits_its_mmio_write() (GICITS_EINVAL for a NULL @vm).
 */
GICITS_API int gicits_vm_its_mmio_write(struct gicits_vm *vm, uint32_t offset,
					unsigned size, uint64_t val,
					uint32_t guest_device_id);

/**
 * gicits_vm_rdist_read() - a guest read of vCPU @vcpu's redistributor
 *                          (RD_base frame)
 * Return: as gicits_rdist_read(); GICITS_EINVAL for a NULL @vm,
 * GICITS_ENOENT for a @vcpu the VM does not have.
 */
GICITS_API int gicits_vm_rdist_read(struct gicits_vm *vm, unsigned vcpu,
				    uint32_t offset, unsigned size,
				    uint64_t *val);

/** gicits_vm_rdist_write() - a guest write to a virtual redistributor.
 *  Return: as gicits_vm_rdist_read(). */
GICITS_API int gicits_vm_rdist_write(struct gicits_vm *vm, unsigned vcpu,
				     uint32_t offset, unsigned size,
				     uint64_t val);

/**
 * gicits_vm_msi() - an MSI of an emulated device of the VM's own (one the
 *                   VMM models, not a host device)
 * @vm: the VM
 * @guest_device_id: the DeviceID the VMM's virtual bus gives the device
 * @event_id: the data the guest's driver made the device write
 *
 * Return: as gicits_its_msi() on the vITS.
 */
GICITS_API int gicits_vm_msi(struct gicits_vm *vm, uint32_t guest_device_id,
			     uint32_t event_id);

/**
 * gicits_vm_vcpu_hppi() - the vLPI vCPU @vcpu would take (gicits_cpu_hppi()
 *                         on the VM's CPU interface)
 * Return: the INTID, or GICITS_INTID_SPURIOUS (also for a NULL @vm or a
 * @vcpu the VM does not have).
 */
GICITS_API uint32_t gicits_vm_vcpu_hppi(struct gicits_vm *vm, unsigned vcpu);

/** gicits_vm_vcpu_ack() - ICC_IAR1_EL1 on vCPU @vcpu (gicits_cpu_ack()).
 *  Return: as gicits_vm_vcpu_hppi(). */
GICITS_API uint32_t gicits_vm_vcpu_ack(struct gicits_vm *vm, unsigned vcpu);

/**
 * gicits_vm_vcpu_eoi() - ICC_EOIR1_EL1 on vCPU @vcpu (gicits_cpu_eoi())
 * Return: GICITS_OK; GICITS_EINVAL for a NULL @vm; GICITS_ENOENT for a
 * @vcpu the VM does not have; GICITS_ESTATE if nothing is active.
 */
GICITS_API int gicits_vm_vcpu_eoi(struct gicits_vm *vm, unsigned vcpu,
				  uint32_t intid);

/**
 * gicits_vm_vcpu_set_pmr() - ICC_PMR_EL1 of vCPU @vcpu
 * Return: GICITS_OK; GICITS_EINVAL for a NULL @vm; GICITS_ENOENT.
 */
GICITS_API int gicits_vm_vcpu_set_pmr(struct gicits_vm *vm, unsigned vcpu,
				      uint8_t pmr);

/** gicits_vm_vcpu_get_pmr() - read ICC_PMR_EL1 of vCPU @vcpu (0 for a NULL
 *  @vm or a @vcpu the VM does not have). */
GICITS_API uint8_t gicits_vm_vcpu_get_pmr(struct gicits_vm *vm, unsigned vcpu);

/**
 * gicits_vm_host_create() - create a host's device-assignment fabric
 * @max_devices: host devices assigned at once over all VMs, 1..2^20
 * @out: receives the host, with no device assigned
 *
 * Return: GICITS_OK; GICITS_EINVAL for a NULL @out or @max_devices out of
 * range; GICITS_ENOMEM.
 */
GICITS_API int gicits_vm_host_create(unsigned max_devices,
				     struct gicits_vm_host **out);

/**
 * gicits_vm_host_destroy() - free a host (NULL is accepted)
 *
 * Devices still assigned are released: their VMs no longer refer to the
 * host.  No MSI or assignment call may be running (a forwarded host ITS's
 * MSIs that read the table are waited for).
 */
GICITS_API void gicits_vm_host_destroy(struct gicits_vm_host *host);

/**
 * gicits_vm_host_assign() - assign a host device to a VM
 * @host: the host
 * @vm: the VM (its devices all come from @host)
 * @host_device_id: the DeviceID the host's bus samples for the device
 * @guest_device_id: the DeviceID the guest sees it with (the vITS's
 *                   DeviceID for the device's MSIs)
 *
 * From the return on, gicits_vm_host_msi(@host_device_id, E) is an MSI
 * from @guest_device_id with EventID E on @vm's vITS.  @vm forwarded: so
 * is the device's MSI written straight to the host ITS of @vm's
 * forwarded host (gicits_its_msi(host ITS, @host_device_id, E), or a
 * GITS_TRANSLATER write with that DeviceID), which the host ITS delivers
 * itself when the event is shadowed and hands to @vm's vITS otherwise
 * (docs/vm.md "MSIs").
 *
 * Return: GICITS_OK; GICITS_EINVAL for a NULL pointer; GICITS_ESTATE (the
 * "busy" case) if @host_device_id is already assigned (to any VM, this
 * one included), if @guest_device_id is already in use in @vm, if @vm
 * has devices of another host, or if @vm is forwarded and its forwarded
 * host has devices of another host table assigned (one host table per
 * host ITS: its misses are looked up there); GICITS_ERANGE if
 * @guest_device_id is beyond the vITS's DeviceID bits; GICITS_ENOMEM if
 * @vm already has max_devices devices or the host max_devices devices in
 * all.
 */
GICITS_API int gicits_vm_host_assign(struct gicits_vm_host *host,
				     struct gicits_vm *vm,
				     uint32_t host_device_id,
				     uint32_t guest_device_id);

/**
 * gicits_vm_host_unassign() - take a host device away from its VM (hot
 *                             unplug)
 * @host: the host
 * @host_device_id: the device
 *
 * May be called while the device's MSIs arrive on other threads: it waits
 * (spinning, then yielding) until every MSI that was in flight when the
 * assignment was taken away has been delivered (it waits for the MSIs in
 * flight in the whole process, as an ITS ordering point does), so after
 * it returns no MSI of the device reaches the VM.  Must not be called
 * from a trace or memory callback that runs inside an MSI, and such a
 * callback must not wait for a thread that may be in this call.
 *
 * Return: GICITS_OK; GICITS_EINVAL for a NULL @host; GICITS_ENOENT if the
 * device is not assigned.
 */
GICITS_API int gicits_vm_host_unassign(struct gicits_vm_host *host,
				       uint32_t host_device_id);

/**
 * gicits_vm_host_msi() - an MSI write of a host device, as the host's bus
 *                        delivers it (DeviceID sampled from the bus)
 * @host: the host
 * @host_device_id: the DeviceID the host's bus sampled
 * @event_id: the data written
 *
 * Lock-free; allocates nothing.
 *
 * A forwarded VM's device: the host ITS with @host_device_id, exactly as
 * the device's MSI written straight to the host ITS (see
 * gicits_vm_host_assign()); an MSI racing with the device's unassignment
 * may then return the host ITS's drop reason instead of GICITS_ENOENT
 * (it reached no VM either way, and was counted as removed).
 *
 * Return: what gicits_its_msi() returns on the owning VM's vITS for the
 * guest DeviceID (GICITS_DROP_NONE, or the enum gicits_drop reason the
 * vITS dropped it for); GICITS_ENOENT if no VM owns the device (the MSI
 * is counted and has no other effect); GICITS_EINVAL for a NULL @host.
 */
GICITS_API int gicits_vm_host_msi(struct gicits_vm_host *host,
				  uint32_t host_device_id, uint32_t event_id);

/**
 * struct gicits_vm_host_stats - MSIs of a host that did not reach a VM's
 *                               LPI, by reason
 * @unassigned: the host DeviceID is not assigned and never was (or its
 *              slot in the host's table went to another device since)
 * @removed: the device was assigned and has been unassigned
 * @guest_dropped: the owning VM's vITS dropped it (unmapped device or
 *                 event, vITS disabled, ...: the guest's own doing)
 * @assigned: devices assigned now
 */
struct gicits_vm_host_stats {
	uint64_t unassigned;
	uint64_t removed;
	uint64_t guest_dropped;
	uint64_t assigned;
};

/** gicits_vm_host_stats() - read the counters (takes no lock: may be called
 *  from a trace callback).  Return: GICITS_OK, or GICITS_EINVAL for a NULL
 *  pointer. */
GICITS_API int gicits_vm_host_stats(struct gicits_vm_host *host,
				    struct gicits_vm_host_stats *st);

/**
 * DOC: VM save and restore (migration)
 *
 * gicits_vm_save() writes a VM's interrupt state as a VM image, a
 * versioned byte string (docs/vm.md, "Migration"), and writes the vITS's
 * mappings into guest memory as KVM ITS ABI rev 0 tables, as KVM's
 * KVM_DEV_ARM_ITS_SAVE_TABLES does (Linux
 * Documentation/virt/kvm/devices/arm-vgic-its.rst): a flat device table,
 * one ITT per mapped device and a packed collection table, at the
 * guest-physical areas the embedder names (struct gicits_kvm_tables,
 * gicits_snapshot_kvm_export()).  Those areas must be guest memory the
 * guest does not use (a VMM carve-out): the export overwrites them.
 * The image holds:
 *  - the mode the VM ran in (either restores into either mode: a
 *    forwarded VM's save first pulls its vPEs' pending vLPIs back into
 *    the virtual redistributors, so the image is the same state);
 *  - a fingerprint of the guest-visible configuration (vCPUs, vITS and
 *    redistributor knobs): a destination configured differently refuses
 *    the image with GICITS_EINVAL;
 *  - where the KVM tables are, with a CRC-32 of each area, so that a
 *    destination whose guest memory does not hold them refuses the image
 *    with GICITS_ESTATE;
 *  - the assignment list (guest DeviceID, source host DeviceID), for the
 *    embedder (gicits_vm_image_device()); restore never assigns: host
 *    DeviceIDs are the destination host's business;
 *  - the library snapshot of the vITS and the virtual redistributors
 *    (gicits_snapshot_save(): registers, collections in registers, status
 *    counters, pending LPIs, CPU interfaces).
 *
 * Guest memory itself (the guest's own ITS tables, LPI configuration and
 * pending tables, the command queue, the KVM tables) is migrated by the
 * embedder with the rest of the guest's RAM, after the save.
 *
 * Quiescence: as for <gicits/snapshot.h>, save and restore with the vCPUs
 * stopped and no MSI of the VM's devices running (unassign them, or stop
 * them at the host).  gicits_vm_save() reads the VM's assignment list, so
 * no gicits_vm_host_assign()/gicits_vm_host_unassign() of this VM may run
 * meanwhile.  Restore reads at most the KVM table areas the image names
 * from guest memory (to check their CRC-32s), and nothing else.
 */

/** VM image format version written by this library and the only one read. */
#define GICITS_VM_IMAGE_VERSION 1u

/**
 * gicits_vm_save_size() - bytes gicits_vm_save() needs now
 * @vm: the VM
 * @size: receives the size
 *
 * Exact while the VM is quiescent (the size depends on the pending LPIs
 * and the number of assigned devices).
 *
 * Return: GICITS_OK; GICITS_EINVAL for a NULL pointer; GICITS_ENOMEM.
 */
GICITS_API int gicits_vm_save_size(struct gicits_vm *vm, size_t *size);

/**
 * gicits_vm_save() - save a VM: KVM ABI rev 0 tables into guest memory,
 *                    a VM image into @buf
 * @vm: the VM (quiescent)
 * @tables: where to write the KVM tables in the VM's guest memory
 *          (@dt_indirect is ignored: the device table is written flat)
 * @buf: destination of the image
 * @len: its size in bytes
 * @used: receives the image's size; on GICITS_ERANGE from a too small
 *        @len, the size needed
 *
 * @len is checked first: when it is too small nothing is written, guest
 * memory included.  The VM keeps running unchanged (the export only reads
 * the vITS's own tables), so a failed migration can resume the source.
 *
 * Return: GICITS_OK; GICITS_EINVAL for a NULL pointer (@buf with @len >
 * 0) or bad @tables (sizes not multiples of 8, areas that wrap);
 * GICITS_ERANGE if @len is too small, or a KVM table area is too small
 * for the guest's mappings (gicits_snapshot_kvm_export()); GICITS_EFAULT
 * if the guest's tables or the areas are not backed by guest memory (the
 * areas may then hold a partial export); GICITS_EFORMAT if a valid
 * collection names no redistributor; GICITS_ENOMEM.
 */
GICITS_API int gicits_vm_save(struct gicits_vm *vm,
			      const struct gicits_kvm_tables *tables, void *buf,
			      size_t len, size_t *used);

/**
 * gicits_vm_restore() - give a VM the state of a VM image
 * @vm: the target, created with the source's guest-visible configuration
 *      (any host; assigned devices or not) and quiescent; its guest memory
 *      must already hold the source's RAM as it was after the save
 * @buf: the image
 * @len: its length (exactly what gicits_vm_save() reported)
 *
 * The image is parsed and checked whole (bounded: every length is checked
 * against @len before use) before anything changes; on any error the VM is
 * unchanged.  Then the vITS and the virtual redistributors take the saved
 * state (gicits_snapshot_restore(): the vITS's translation index is
 * rebuilt from the guest's tables).  Device assignments are not touched.
 *
 * Return: GICITS_OK;
 * GICITS_EINVAL: a NULL pointer, or the VM's configuration differs from
 * the image's (fingerprint or vCPU count);
 * GICITS_ETRUNC: @len is shorter than the header or than the image's
 * length;
 * GICITS_EFORMAT: bad magic, @len longer than the image, CRC-32 mismatch,
 * a section that overruns, repeats, is missing or is an unknown required
 * one, an unknown mode, an assignment list not in ascending guest
 * DeviceID order or naming a DeviceID beyond the vITS's bits, or a
 * snapshot section gicits_snapshot_restore() refuses as malformed;
 * GICITS_EVERSION: an image (or embedded snapshot) version this library
 * does not read;
 * GICITS_ESTATE: the VM's guest memory does not hold the KVM tables the
 * image describes (CRC-32 mismatch or unbacked: the RAM was not migrated,
 * or changed since the save);
 * GICITS_ENOMEM: as gicits_snapshot_restore() (restore into a fresh VM
 * and discard it on error).
 */
GICITS_API int gicits_vm_restore(struct gicits_vm *vm, const void *buf,
				 size_t len);

/**
 * gicits_vm_image_device() - entry @index of an image's assignment list
 * @buf, @len: the image (checked as by gicits_vm_restore(), except
 *             against a VM)
 * @index: 0-based, in ascending guest DeviceID order
 * @host_device_id: receives the source's host DeviceID (may be NULL)
 * @guest_device_id: receives the guest DeviceID (may be NULL)
 *
 * For an embedder that re-assigns devices on the destination.
 *
 * Return: GICITS_OK; GICITS_ENOENT if @index is past the list's end;
 * GICITS_EINVAL for a NULL @buf; the format errors of gicits_vm_restore()
 * (GICITS_ETRUNC, GICITS_EFORMAT, GICITS_EVERSION).
 */
GICITS_API int gicits_vm_image_device(const void *buf, size_t len, size_t index,
				      uint32_t *host_device_id,
				      uint32_t *guest_device_id);

/**
 * DOC: forwarded mode (GICv4.0 host)
 *
 * A struct gicits_vm_fwd_host is the library acting as the host's GICv4.0
 * ITS driver for forwarded VMs: the embedder hands it a GICv4.0 ITS and
 * gic (GICITS_GIC_V4_0, created over @mem) that nothing else programs,
 * and a carve-out of host memory; the library puts the host ITS's device
 * and vPE tables, its command queue, the host LPI configuration and
 * pending tables (doorbells), each forwarded device's host ITT and each
 * vPE's VPT there, and allocates nothing beyond it.  One vPE per vCPU
 * (VMAPP at gicits_vm_create()), one doorbell physical LPI per vPE.
 *
 * A forwarded VM's guest commands run on its vITS exactly as in emulated
 * mode (registers, errors, stalls, tables in guest memory are the guest's
 * truth) and each one that changes a mapping of an assigned device is
 * shadowed onto the host ITS on the device's host DeviceID: MAPD -> MAPD
 * with a host ITT, MAPTI/MAPI -> VMAPTI (vINTID = the guest's INTID, vPE
 * = the collection's vCPU), MOVI/MAPC -> VMOVI, DISCARD/MAPD V=0/MAPC V=0
 * -> DISCARD, INV -> INV, INVALL -> VINVALL.  Pending state the guest's
 * commands move or clear (DISCARD, CLEAR, MOVI, MOVALL, MAPC, MAPD) is
 * first pulled from the vPEs into the virtual redistributors, so that
 * the vITS applies the guest-visible semantics to it.  The host delivers
 * only what the vITS would deliver to the same vCPU and INTID; every
 * other MSI of the device (unmapped, beyond what the host can shadow) is
 * handed to the vITS, which treats it as in emulated mode.
 */

/**
 * struct gicits_vm_fwd_host_config - the host side of forwarded VMs
 * @size: sizeof(struct gicits_vm_fwd_host_config), set by
 *        gicits_vm_fwd_host_config_default()
 * @its: the host ITS: GICITS_GIC_V4_0, disabled and unprogrammed, with
 *       ite_size 12 or 16; the library becomes its only driver
 * @gic: the host redistributors it delivers to (GICITS_GIC_V4_0); the
 *       library programs their LPI tables, VPROPBASER and VPENDBASER
 * @mem: the host memory the ITS and gic were created over (read and
 *       written by the library only inside the carve-out and the guest
 *       RAM windows of forwarded VMs)
 * @carve_base, @carve_size: host memory the library may use, 64 KiB
 *       aligned, at least 1 MiB (nothing outside it is written)
 * @max_vpes: vPEs at once over all VMs, 1..65536 (default 256)
 * @doorbell_base: first doorbell physical LPI (default 8192); vPE n's
 *       doorbell is @doorbell_base + n, all below 2^intid_bits of @gic
 * @wake: called by gicits_vm_fwd_host_irq() when a doorbell says that
 *        vCPU @vcpu of @vm (not loaded) has a vLPI pending; may be NULL
 * @wake_opaque: passed to @wake
 */
struct gicits_vm_fwd_host_config {
	uint32_t size;
	struct gicits_its *its;
	struct gicits_gic *gic;
	const struct gicits_mem *mem;
	uint64_t carve_base;
	uint64_t carve_size;
	unsigned max_vpes;
	uint32_t doorbell_base;
	void (*wake)(void *opaque, struct gicits_vm *vm, unsigned vcpu);
	void *wake_opaque;
};

/** gicits_vm_fwd_host_config_default() - fill @cfg with the defaults. */
GICITS_API void
gicits_vm_fwd_host_config_default(struct gicits_vm_fwd_host_config *cfg);

/**
 * gicits_vm_fwd_host_create() - become the driver of a host GICv4.0 ITS
 * @cfg: configuration (copied)
 * @out: receives the host side
 *
 * Programs the host ITS (device table, vPE table, command queue, enable)
 * and every host redistributor (LPI configuration table with the
 * doorbells enabled at priority 0xA0, pending table, EnableLPIs, PMR
 * 0xFF) in the carve-out, and hooks the host ITS's dropped MSIs: one of a
 * host DeviceID assigned to a forwarded VM on this host goes to that VM's
 * vITS (the MSI's result is the vITS's), any other keeps the host ITS's
 * drop (docs/vm.md "MSIs").  The embedder may so send an assigned
 * device's MSIs straight to the host ITS.
 *
 * Return: GICITS_OK; GICITS_EINVAL for a NULL pointer, a bad @size, an
 * ITS or gic that is not GICv4.0, a carve-out not aligned or too small
 * for the tables, doorbells beyond the gic's INTIDs; GICITS_ESTATE if the
 * host ITS is already enabled; GICITS_ENOMEM.
 */
GICITS_API int
gicits_vm_fwd_host_create(const struct gicits_vm_fwd_host_config *cfg,
			  struct gicits_vm_fwd_host **out);

/** gicits_vm_fwd_host_destroy() - forget the host side (NULL accepted);
 *  every forwarded VM on it must have been destroyed.  Unhooks the host
 *  ITS (and waits for the MSIs in flight), which may then be destroyed or
 *  used on its own. */
GICITS_API void gicits_vm_fwd_host_destroy(struct gicits_vm_fwd_host *fh);

/**
 * gicits_vm_fwd_host_irq() - physical CPU @pcpu takes its host LPIs
 * @fh: the host side
 * @pcpu: the host redistributor
 * @woken: receives the number of wake callbacks made (may be NULL)
 *
 * What the embedder's host interrupt handler does on @pcpu: acknowledge
 * every pending host LPI there; a doorbell becomes @wake(vm, vcpu) (once
 * per doorbell acknowledged; the vCPU's vLPI stays in its VPT until the
 * vCPU is loaded).
 *
 * Return: GICITS_OK; GICITS_EINVAL for a NULL @fh; GICITS_ENOENT for a
 * @pcpu the host gic does not have.
 */
GICITS_API int gicits_vm_fwd_host_irq(struct gicits_vm_fwd_host *fh,
				      unsigned pcpu, unsigned *woken);

/**
 * struct gicits_vm_fwd_stats - what the host side of a VM did
 * @host_cmds: commands issued to the host ITS for this VM
 * @host_errors: host ITS command errors seen while issuing them (0 unless
 *               the library has a bug: the fuzzer's invariant)
 * @shadowed: (device, event) pairs mapped on the host now
 * @pulls: vLPIs pulled from vPEs into the virtual redistributors
 * @fallback_msis: MSIs of assigned devices the host did not deliver (the
 *                 vITS took them)
 */
struct gicits_vm_fwd_stats {
	uint64_t host_cmds;
	uint64_t host_errors;
	uint64_t shadowed;
	uint64_t pulls;
	uint64_t fallback_msis;
};

/** gicits_vm_fwd_stats() - read @vm's counters (zeros in emulated mode).
 *  Return: GICITS_OK, or GICITS_EINVAL for a NULL pointer. */
GICITS_API int gicits_vm_fwd_stats(struct gicits_vm *vm,
				   struct gicits_vm_fwd_stats *st);

/**
 * gicits_vm_fwd_check() - verify the host mappings of @vm (the isolation
 *                          invariant; for tests and fuzzers)
 *
 * Every host ITE the VM owns is on one of its assigned devices' host
 * DeviceIDs, names one of its vPEs, and agrees with the vITS's mapping
 * of the guest (device, event) as the VM last shadowed it; the host
 * device table and vPE table hold no entry of this VM outside those.
 *
 * Return: GICITS_OK (also in emulated mode); GICITS_ESTATE on a
 * violation; GICITS_EINVAL for a NULL @vm.
 */
GICITS_API int gicits_vm_fwd_check(struct gicits_vm *vm);

/**
 * gicits_vm_vcpu_load() - vCPU @vcpu is about to run on host CPU @pcpu
 *
 * Forwarded mode: makes the vCPU's vPE resident on host redistributor
 * @pcpu (VMOVP first if it was mapped elsewhere; GICR_VPROPBASER = the
 * guest's LPI configuration table; GICR_VPENDBASER), descheduling the vPE
 * resident there before.  Emulated mode: nothing.
 *
 * Return: GICITS_OK; GICITS_EINVAL for a NULL @vm; GICITS_ENOENT for a
 * @vcpu the VM or a @pcpu the host gic does not have; GICITS_EFAULT if the
 * guest's LPI configuration table is not inside the VM's RAM window (the
 * vCPU then stays unloaded and its vLPIs are delivered by emulation).
 */
GICITS_API int gicits_vm_vcpu_load(struct gicits_vm *vm, unsigned vcpu,
				   unsigned pcpu);

/** gicits_vm_vcpu_put() - vCPU @vcpu stops running (its vPE is
 *  descheduled; later vLPIs ring its doorbell).  Return: GICITS_OK;
 *  GICITS_EINVAL; GICITS_ENOENT. */
GICITS_API int gicits_vm_vcpu_put(struct gicits_vm *vm, unsigned vcpu);

/**
 * gicits_vm_vcpu_pending_foreach() - visit the LPIs pending for vCPU @vcpu
 * @fn: called with each pending INTID in ascending order, once each
 *      (forwarded mode: the virtual redistributor's and the vPE's); a
 *      non-zero return stops the walk and is returned
 *
 * Return: GICITS_OK, @fn's value, GICITS_EINVAL, GICITS_ENOENT.
 */
GICITS_API int gicits_vm_vcpu_pending_foreach(
	struct gicits_vm *vm, unsigned vcpu,
	int (*fn)(void *opaque, uint32_t intid), void *opaque);

#ifdef __cplusplus
}
#endif
#endif
