/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * `gicits replay --vm emulated|forwarded`: the scenario runs as a guest of
 * a struct gicits_vm (docs/vm.md, docs/replay.md).  Its ITS,
 * redistributors and CPUs are the VM's vITS, virtual redistributors and
 * vCPUs; each guest DeviceID the scenario names is a host device assigned
 * to the VM, and every MSI arrives from that host device through
 * gicits_vm_host_msi().  In forwarded mode the VM's vPEs live on a host
 * GICv4.0 ITS and gic of this tool's own (vCPU k loaded on host CPU k),
 * over the guest's RAM plus a 64 MiB carve-out at REPLAY_VM_CARVE.
 */
#ifndef GICITS_TOOLS_REPLAY_VM_H
#define GICITS_TOOLS_REPLAY_VM_H

#include <stdint.h>

#include "gicits/its.h"
#include "gicits/mem.h"
#include "gicits/rdist.h"
#include "gicits/vm.h"

#include "scenario.h"

/* The host DeviceID of guest DeviceID @g: (g + 0x10000) mod 2^32, a
 * bijection, so distinct guest devices are distinct host devices. */
#define REPLAY_VM_HOST_OFFSET 0x10000u
#define REPLAY_VM_CARVE 0x100000000ull
#define REPLAY_VM_CARVE_SIZE (64ull << 20)

static inline uint32_t replay_vm_host_id(uint32_t guest_device_id)
{
	return guest_device_id + REPLAY_VM_HOST_OFFSET;
}

struct replay_vm;

/*
 * Create the host and the VM in @mode (vITS configured by @ic, one vCPU
 * per redistributor of @gc, over @mem, guest RAM [@ram_base, +@ram_size))
 * and assign every DeviceID @s names (those beyond @ic's devbits stay
 * unassigned: the vITS would drop their MSIs, gicits_vm_host_msi() drops
 * them before it).  *@gic and *@its receive the VM's, owned by it.
 * GICITS_OK or the first error.
 */
int replay_vm_create(const struct scenario *s, enum gicits_vm_mode mode,
		     const struct gicits_its_config *ic,
		     const struct gicits_gic_config *gc,
		     const struct gicits_mem *mem, uint64_t ram_base,
		     uint64_t ram_size, struct replay_vm **out,
		     struct gicits_gic **gic, struct gicits_its **its);

/* The VM (for the gicits_vm_* trap entry points). */
struct gicits_vm *replay_vm_vm(struct replay_vm *v);

/* An MSI (MSI dev=D event=E, or a CPU's GITS_TRANSLATER write from D):
 * from D's host device, through the host. */
void replay_vm_msi(struct replay_vm *v, uint32_t guest_device_id,
		   uint32_t event_id);

/* Destroy the VM (its vITS and redistributors) and the host; NULL ok. */
void replay_vm_destroy(struct replay_vm *v);

#endif
