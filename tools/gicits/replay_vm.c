/* SPDX-License-Identifier: BSD-2-Clause */
/* `gicits replay --vm emulated|forwarded` (replay_vm.h). */
#include "replay_vm.h"

#include <stdlib.h>

#include "gicits/error.h"
#include "gicits/vm.h"

struct replay_vm {
	struct gicits_vm_host *host;
	struct gicits_vm *vm;
	/* forwarded mode: the host GICv4.0 side */
	uint8_t *carve;
	struct gicits_mem hmem;
	struct gicits_gic *hgic;
	struct gicits_its *hits;
	struct gicits_vm_fwd_host *fh;
};

/* The host: a GICv4.0 gic with one CPU per vCPU, configured as the
 * guest's redistributors are (priority bits, caching model), so that the
 * vPEs' interface presents what the virtual one would; an ITS with
 * 2^17 host DeviceIDs (every replay host DeviceID of a guest DeviceID
 * below 0x10000), over the guest's RAM and the carve-out. */
static int host_create(struct replay_vm *v, const struct gicits_gic_config *gc,
		       const struct gicits_mem *mem)
{
	struct gicits_gic_config hg;
	struct gicits_its_config hi;
	struct gicits_vm_fwd_host_config fc;
	int err;

	v->carve = calloc(1, REPLAY_VM_CARVE_SIZE);
	if (!v->carve)
		return GICITS_ENOMEM;
	v->hmem = *mem;
	err = gicits_mem_add_direct(&v->hmem, REPLAY_VM_CARVE,
				    REPLAY_VM_CARVE_SIZE, v->carve);
	if (err)
		return err;
	gicits_gic_config_default(&hg);
	hg.version = GICITS_GIC_V4_0;
	hg.num_cpus = gc->num_cpus;
	hg.intid_bits = 16;
	hg.pri_bits = gc->pri_bits;
	hg.lpi_cache = gc->lpi_cache;
	err = gicits_gic_create(&hg, &v->hmem, &v->hgic);
	if (err)
		return err;
	gicits_its_config_default(&hi);
	hi.gic = GICITS_GIC_V4_0;
	hi.devbits = 17;
	hi.idbits = 16;
	err = gicits_its_create(&hi, v->hgic, &v->hmem, &v->hits);
	if (err)
		return err;
	gicits_vm_fwd_host_config_default(&fc);
	fc.its = v->hits;
	fc.gic = v->hgic;
	fc.mem = &v->hmem;
	fc.carve_base = REPLAY_VM_CARVE;
	fc.carve_size = REPLAY_VM_CARVE_SIZE;
	fc.max_vpes = 16;
	return gicits_vm_fwd_host_create(&fc, &v->fh);
}

int replay_vm_create(const struct scenario *s, enum gicits_vm_mode mode,
		     const struct gicits_its_config *ic,
		     const struct gicits_gic_config *gc,
		     const struct gicits_mem *mem, uint64_t ram_base,
		     uint64_t ram_size, struct replay_vm **out,
		     struct gicits_gic **gic, struct gicits_its **its)
{
	struct gicits_vm_config vc;
	struct replay_vm *v;
	unsigned ndev, k;
	size_t i;
	int err;

	*out = NULL;
	v = calloc(1, sizeof(*v));
	if (!v)
		return GICITS_ENOMEM;
	/* every DeviceID the scenario names (MSI dev= ones among them) */
	ndev = s->ndevids ? (unsigned)s->ndevids : 1;
	if (s->ndevids > 65536) {
		free(v);
		return GICITS_ENOMEM;
	}
	gicits_vm_config_default(&vc);
	vc.mode = mode;
	vc.num_vcpus = gc->num_cpus;
	vc.its = ic;
	vc.gic = gc;
	vc.max_devices = ndev;
	err = gicits_vm_host_create(ndev, &v->host);
	if (!err && mode == GICITS_VM_FORWARDED) {
		err = host_create(v, gc, mem);
		vc.fwd = v->fh;
		vc.fwd_guest_base = ram_base;
		vc.fwd_guest_size = ram_size;
	}
	if (!err)
		err = gicits_vm_create(&vc, mem, &v->vm);
	/* vCPU k runs on host CPU k: its vPE is resident from when its
	 * redistributor enables LPIs */
	for (k = 0; !err && mode == GICITS_VM_FORWARDED && k < gc->num_cpus;
	     k++)
		err = gicits_vm_vcpu_load(v->vm, k, k);
	for (i = 0; !err && i < s->ndevids; i++) {
		err = gicits_vm_host_assign(v->host, v->vm,
					    replay_vm_host_id(s->devids[i]),
					    s->devids[i]);
		if (err == GICITS_ERANGE)
			err = GICITS_OK; /* beyond the vITS's DeviceIDs */
	}
	if (err) {
		replay_vm_destroy(v);
		return err;
	}
	*gic = gicits_vm_gic(v->vm);
	*its = gicits_vm_its(v->vm);
	*out = v;
	return GICITS_OK;
}

struct gicits_vm *replay_vm_vm(struct replay_vm *v)
{
	return v->vm;
}

void replay_vm_msi(struct replay_vm *v, uint32_t guest_device_id,
		   uint32_t event_id)
{
	/* GICITS_ENOENT (not assigned) and drops are counted by the host
	 * and the vITS; the output shows only their effect */
	(void)gicits_vm_host_msi(v->host, replay_vm_host_id(guest_device_id),
				 event_id);
}

void replay_vm_destroy(struct replay_vm *v)
{
	if (!v)
		return;
	gicits_vm_destroy(v->vm);
	gicits_vm_host_destroy(v->host);
	gicits_vm_fwd_host_destroy(v->fh);
	gicits_its_destroy(v->hits);
	gicits_gic_destroy(v->hgic);
	free(v->carve);
	free(v);
}
