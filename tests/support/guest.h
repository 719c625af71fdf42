/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A guest of a struct gicits_vm (test-support library): its RAM, the VM
 * over it, and a guest GIC driver that touches the vITS and the virtual
 * redistributors only through the VM's trap entry points
 * (gicits_vm_its_mmio_*, gicits_vm_rdist_*) with the public command
 * encoders of <gicits/cmd.h>, as a guest kernel does.  Used by
 * `gicits demo` (the two-VM story); no cmocka, errors are returned.
 *
 * Guest physical layout (TG_RAM_SIZE at TG_RAM): LPI configuration table
 * (16 INTID bits, every byte 0xA3: priority 0xA0, enabled), one 64 KB
 * pending table per vCPU, a flat 2-page device table (vITS devbits 10), a
 * 1-page collection table, a 1-page command queue, one 512-byte ITT per
 * DeviceID (32 events), and a 1 MB carve-out at TG_KVM for the KVM ABI
 * tables of a migration (tg_kvm_tables).
 */
#ifndef GICITS_TEST_SUPPORT_GUEST_H
#define GICITS_TEST_SUPPORT_GUEST_H

#include <stdint.h>

#include "gicits/cmd.h"
#include "gicits/snapshot.h"
#include "gicits/vm.h"

#ifdef __cplusplus
extern "C" {
#endif

#define TG_RAM 0x40000000ULL
#define TG_RAM_SIZE (8ULL << 20)
#define TG_IDBITS 16
#define TG_DEVBITS 10
#define TG_MAX_VCPUS 8
#define TG_NEVENTS 32
#define TG_KVM (TG_RAM + 0x600000ULL)

/**
 * struct tg - a guest
 * @ram: its RAM (TG_RAM_SIZE bytes at guest address TG_RAM)
 * @mem: the guest's address space over @ram
 * @vm: the VM
 * @cw: the driver's CWRITER
 */
struct tg {
	uint8_t *ram;
	struct gicits_mem mem;
	struct gicits_vm *vm;
	uint64_t cw;
};

/* Create the VM with @nvcpu vCPUs (1..TG_MAX_VCPUS) and room for
 * @max_devices assigned devices, and boot the guest's GIC driver:
 * redistributors, vITS tables and queue, GITS_CTLR.Enabled.  @vc, if not
 * NULL, is the VM configuration to start from (its @num_vcpus,
 * @max_devices, @its and @gic are replaced); its @mode is kept.  Returns
 * the first error (the guest is then destroyed). */
int tg_create(struct tg *g, const struct gicits_vm_config *vc, unsigned nvcpu,
	      unsigned max_devices);

/* The two halves of tg_create(), for a VMM that must know the guest's
 * memory before the VM exists (a forwarded VM's host maps it):
 * tg_alloc() zeroes @g and allocates its RAM and address space;
 * tg_create_vm() then creates the VM over them and boots the guest as
 * tg_create() does (on error the guest is destroyed). */
int tg_alloc(struct tg *g);
int tg_create_vm(struct tg *g, const struct gicits_vm_config *vc,
		 unsigned nvcpu, unsigned max_devices);

/* Free the VM and the RAM (a zeroed guest is accepted). */
void tg_destroy(struct tg *g);

/* Queue one command and write CWRITER (the vITS runs it before return). */
int tg_cmd(struct tg *g, const struct gicits_cmd *c);

/* MAPD @dev with TG_NEVENTS events; MAPC @icid -> vCPU @cpu; MAPTI
 * (@dev, @ev) -> @intid in @icid; SYNC. */
int tg_mapd(struct tg *g, uint32_t dev);
int tg_mapc(struct tg *g, uint16_t icid, unsigned cpu);
int tg_mapti(struct tg *g, uint32_t dev, uint32_t ev, uint32_t intid,
	     uint16_t icid);
int tg_sync(struct tg *g);

/* Command errors plus 1 if the vITS is stalled. */
unsigned tg_cmd_errors(struct tg *g);

/* LPIs pending over all vCPUs. */
unsigned tg_npending(struct tg *g);

/* Acknowledge and EOI everything on every vCPU; returns how many.  With
 * @seen not NULL, calls it for each (vCPU, INTID) taken. */
unsigned tg_ack_all(struct tg *g,
		    void (*seen)(void *opaque, unsigned vcpu, uint32_t intid),
		    void *opaque);

/* The carve-out the KVM ABI tables of a save go to (TG_KVM). */
extern const struct gicits_kvm_tables tg_kvm_tables;

#ifdef __cplusplus
}
#endif

#endif
