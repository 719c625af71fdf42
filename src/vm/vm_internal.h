/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A VM (emulated mode): a vITS and virtual redistributors over the guest's
 * memory, and the host devices assigned to it (docs/vm.md).
 *
 * Locking: the assignment fields of struct gicits_vm (@host, @devs,
 * @ndevs) are written only under the owning host's lock
 * (struct gicits_vm_host.lock, host.c), which is taken before any ITS or
 * redistributor lock and never while one is held.  The MSI path
 * (gicits_vm_host_msi()) takes no lock and no reference: it is announced
 * in flight (src/common/inflight.h), and unassigning drains (host.c).
 */
#ifndef GICITS_VM_INTERNAL_H
#define GICITS_VM_INTERNAL_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "gicits/its.h"
#include "gicits/mem.h"
#include "gicits/rdist.h"
#include "gicits/vm.h"

/* One assigned device as its VM records it. */
struct fwd_dev;
struct fwd_vm;

struct vm_dev {
	uint32_t host_id;
	uint32_t guest_id;
	struct fwd_dev *fwd; /* forwarded mode: its shadow (forward.c) */
};

struct gicits_vm {
	/* what gicits_vm_host_msi() reads (host.c), together on one line */
	struct gicits_its *its;
	/* forwarded mode: the host ITS the shadow is on (NULL: emulated
	 * mode), and whether the vITS is enabled (forward.c) */
	struct gicits_its *fwd_hits;
	_Atomic bool fwd_its_on;
	struct gicits_mem mem; /* the embedder's, copied: the VM owns it */
	struct gicits_gic *gic;
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
	enum gicits_vm_mode mode;
	struct fwd_vm *fwd; /* forwarded mode only (forward.c) */
	/* the embedder's vITS trace hook, chained by forwarded mode's own */
	gicits_trace_fn user_trace;
	void *user_trace_opaque;
};

/* Unassign every device of @vm (gicits_vm_destroy()). */
void vm_host_release_vm(struct gicits_vm_host *host, struct gicits_vm *vm);

/* The forwarded host ITS @hits dropped an MSI of @host_device_id with
 * @d: the owning VM's vITS decides (host.c; inside the MSI's
 * announcement, lock-free).  Returns the MSI's result. */
enum gicits_drop vm_host_fwd_miss(struct gicits_vm_host *host,
				  struct gicits_its *hits,
				  uint32_t host_device_id, uint32_t event_id,
				  enum gicits_drop d);

/* ---- forwarded mode (forward.c) ---- */

/* Before the vITS exists: checks @c, takes the vPEs; vm->icfg.trace is
 * then forward.c's (chaining vm->user_trace). */
int fwd_vm_init(struct gicits_vm *vm, const struct gicits_vm_config *c);
void fwd_vm_fini(struct gicits_vm *vm);
int fwd_its_write(struct gicits_vm *vm, uint32_t off, unsigned size,
		  uint64_t val, uint32_t dev);
int fwd_rdist_write(struct gicits_vm *vm, unsigned vcpu, uint32_t off,
		    unsigned size, uint64_t val);
/* An assigned device's MSI the host ITS did not deliver (the event not
 * shadowed, or the vITS off): the vITS decides.  Inside the MSI's
 * in-flight announcement (the host ITS's miss hook, vm_host_fwd_miss()),
 * after the host ITS (@fwd_hits) dropped it. */
int fwd_msi_fallback(struct gicits_vm *vm, uint32_t guest_id,
		     uint32_t event_id);
uint32_t fwd_hppi(struct gicits_vm *vm, unsigned vcpu);
uint32_t fwd_ack(struct gicits_vm *vm, unsigned vcpu);
/* Under the host's lock: the VM's device list changes (fwd_lock()ed). */
void fwd_lock(struct gicits_vm *vm);
void fwd_unlock(struct gicits_vm *vm);
void fwd_dev_gone(struct gicits_vm *vm, struct vm_dev *d);
/* Under the host's lock, before an assignment of @vm's is published: the
 * forwarded host's ITS looks its misses up in @host's table from now on
 * (until its last device is gone).  GICITS_ESTATE if the forwarded host
 * has devices of another table. */
int fwd_registry_claim(struct gicits_vm *vm, struct gicits_vm_host *host);
void fwd_dev_added(struct gicits_vm *vm, struct vm_dev *d);
/* Every vLPI pending in the VM's vPEs into the virtual redistributors. */
void fwd_pull_all(struct gicits_vm *vm);
/* After a restore: rebuild the shadow from the KVM tables the image names
 * (guest physical), or drop it when @dt_bytes is 0. */
void fwd_reshadow_kvm(struct gicits_vm *vm, uint64_t dt_base, uint64_t dt_bytes,
		      uint64_t ct_base, uint64_t ct_bytes);

#endif
