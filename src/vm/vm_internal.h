/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A VM (emulated mode): a vITS and virtual redistributors over the guest's
 * memory, and the host devices assigned to it (docs/vm.md).
 *
 * Locking: the assignment fields of struct gicits_vm (@host, @devs,
 * @ndevs) are written only under the owning host's lock
 * (struct gicits_vm_host.lock, host.c), which is taken before any ITS or
 * redistributor lock and never while one is held.  The MSI path
 * (gicits_vm_host_msi()) takes no lock: it holds a reference counted in
 * the host slot's state word (host.c).
 */
#ifndef GICITS_VM_INTERNAL_H
#define GICITS_VM_INTERNAL_H

#include <stdint.h>

#include "gicits/its.h"
#include "gicits/mem.h"
#include "gicits/rdist.h"
#include "gicits/vm.h"

/* One assigned device as its VM records it. */
struct vm_dev {
	uint32_t host_id;
	uint32_t guest_id;
};

struct gicits_vm {
	struct gicits_mem mem; /* the embedder's, copied: the VM owns it */
	struct gicits_gic *gic;
	struct gicits_its *its;
	unsigned num_vcpus;
	unsigned devbits; /* of the vITS: guest DeviceIDs must fit */
	unsigned max_devices;
	/* as created (trace hooks aside): the image fingerprint (save.c) */
	struct gicits_its_config icfg;
	struct gicits_gic_config gcfg;
	/* under host->lock */
	struct gicits_vm_host *host; /* the host its devices come from */
	struct vm_dev *devs; /* max_devices entries */
	unsigned ndevs;
};

/* Unassign every device of @vm (gicits_vm_destroy()). */
void vm_host_release_vm(struct gicits_vm_host *host, struct gicits_vm *vm);

#endif
