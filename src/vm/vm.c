/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A VM in emulated mode: the guest's GICv3 ITS and its redistributors and
 * CPU interfaces, composed of a struct gicits_its on a struct gicits_gic
 * over the guest's memory.  Every entry point forwards to them, so the
 * guest sees exactly what <gicits/its.h> and <gicits/rdist.h> model.
 */
#include "gicits/vm.h"
#include "gicits/error.h"
#include "vm_internal.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define VM_MAX_VCPUS 65536u
#define VM_MAX_DEVICES 65536u

void gicits_vm_config_default(struct gicits_vm_config *cfg)
{
	if (!cfg)
		return;
	memset(cfg, 0, sizeof(*cfg));
	cfg->size = sizeof(*cfg);
	cfg->num_vcpus = 4;
	cfg->mode = GICITS_VM_EMULATED;
	cfg->its = NULL;
	cfg->gic = NULL;
	cfg->max_devices = 1024;
	cfg->fwd = NULL;
}

/* @in's own @size bytes over the defaults (growth rule of each struct). */
static int copy_its_config(const struct gicits_its_config *in,
			   struct gicits_its_config *out)
{
	gicits_its_config_default(out);
	if (!in)
		return GICITS_OK;
	if (in->size == 0 || in->size > sizeof(*out))
		return GICITS_EINVAL;
	memcpy(out, in, in->size);
	out->size = sizeof(*out);
	return GICITS_OK;
}

static int copy_gic_config(const struct gicits_gic_config *in,
			   struct gicits_gic_config *out)
{
	gicits_gic_config_default(out);
	if (!in)
		return GICITS_OK;
	if (in->size == 0 || in->size > sizeof(*out))
		return GICITS_EINVAL;
	memcpy(out, in, in->size);
	out->size = sizeof(*out);
	return GICITS_OK;
}

int gicits_vm_create(const struct gicits_vm_config *cfg,
		     const struct gicits_mem *guest_mem, struct gicits_vm **out)
{
	struct gicits_vm_config c;
	struct gicits_its_config ic;
	struct gicits_gic_config gc;
	struct gicits_vm *vm;
	int err;

	if (!cfg || !guest_mem || !out)
		return GICITS_EINVAL;
	*out = NULL;
	if (cfg->size == 0 || cfg->size > sizeof(c))
		return GICITS_EINVAL;
	gicits_vm_config_default(&c);
	memcpy(&c, cfg, cfg->size);
	if ((c.mode != GICITS_VM_EMULATED && c.mode != GICITS_VM_FORWARDED) ||
	    (c.mode == GICITS_VM_FORWARDED && !c.fwd) || c.num_vcpus < 1 ||
	    c.num_vcpus > VM_MAX_VCPUS || c.max_devices < 1 ||
	    c.max_devices > VM_MAX_DEVICES)
		return GICITS_EINVAL;
	err = copy_its_config(c.its, &ic);
	if (!err)
		err = copy_gic_config(c.gic, &gc);
	if (err)
		return err;
	/* the guest sees a GICv3 ITS: the virtual one of GICv4 is the
	 * forwarded mode's business, not the guest's */
	if (ic.gic != GICITS_GIC_V3 || ic.devbits < 1 || ic.devbits > 32)
		return GICITS_EINVAL;
	gc.num_cpus = c.num_vcpus;

	vm = calloc(1, sizeof(*vm));
	if (!vm)
		return GICITS_ENOMEM;
	vm->devs = calloc(c.max_devices, sizeof(*vm->devs));
	if (!vm->devs) {
		free(vm);
		return GICITS_ENOMEM;
	}
	/* the VM's own copy: the gic and the ITS point into it */
	vm->mem = *guest_mem;
	if (vm->mem.ndirect > GICITS_MEM_MAX_DIRECT) {
		err = GICITS_EINVAL;
		goto fail;
	}
	vm->num_vcpus = c.num_vcpus;
	vm->devbits = ic.devbits;
	vm->max_devices = c.max_devices;
	vm->icfg = ic;
	vm->gcfg = gc;
	vm->mode = c.mode;
	err = gicits_gic_create(&gc, &vm->mem, &vm->gic);
	if (err)
		goto fail;
	if (c.mode == GICITS_VM_FORWARDED) {
		/* the vPEs, and the vITS's trace hook (vm->icfg.trace) */
		err = fwd_vm_init(vm, &c);
		if (err)
			goto fail;
	}
	err = gicits_its_create(&vm->icfg, vm->gic, &vm->mem, &vm->its);
	if (err)
		goto fail;
	*out = vm;
	return GICITS_OK;
fail:
	fwd_vm_fini(vm);
	gicits_gic_destroy(vm->gic);
	free(vm->devs);
	free(vm);
	return err;
}

void gicits_vm_destroy(struct gicits_vm *vm)
{
	if (!vm)
		return;
	if (vm->host)
		vm_host_release_vm(vm->host, vm);
	fwd_vm_fini(vm);
	gicits_its_destroy(vm->its);
	gicits_gic_destroy(vm->gic);
	free(vm->devs);
	free(vm);
}

unsigned gicits_vm_num_vcpus(const struct gicits_vm *vm)
{
	return vm ? vm->num_vcpus : 0;
}

struct gicits_its *gicits_vm_its(struct gicits_vm *vm)
{
	return vm ? vm->its : NULL;
}

struct gicits_gic *gicits_vm_gic(struct gicits_vm *vm)
{
	return vm ? vm->gic : NULL;
}

int gicits_vm_its_mmio_read(struct gicits_vm *vm, uint32_t offset,
			    unsigned size, uint64_t *val)
{
	if (!vm)
		return GICITS_EINVAL;
	return gicits_its_mmio_read(vm->its, offset, size, val);
}

int gicits_vm_its_mmio_write(struct gicits_vm *vm, uint32_t offset,
			     unsigned size, uint64_t val,
			     uint32_t guest_device_id)
{
	if (!vm)
		return GICITS_EINVAL;
	if (vm->fwd)
		return fwd_its_write(vm, offset, size, val, guest_device_id);
	return gicits_its_mmio_write(vm->its, offset, size, val,
				     guest_device_id);
}

int gicits_vm_rdist_read(struct gicits_vm *vm, unsigned vcpu, uint32_t offset,
			 unsigned size, uint64_t *val)
{
	if (!vm)
		return GICITS_EINVAL;
	return gicits_rdist_read(vm->gic, vcpu, offset, size, val);
}

int gicits_vm_rdist_write(struct gicits_vm *vm, unsigned vcpu, uint32_t offset,
			  unsigned size, uint64_t val)
{
	if (!vm)
		return GICITS_EINVAL;
	if (vm->fwd)
		return fwd_rdist_write(vm, vcpu, offset, size, val);
	return gicits_rdist_write(vm->gic, vcpu, offset, size, val);
}

int gicits_vm_msi(struct gicits_vm *vm, uint32_t guest_device_id,
		  uint32_t event_id)
{
	if (!vm)
		return GICITS_EINVAL;
	return gicits_its_msi(vm->its, guest_device_id, event_id);
}

uint32_t gicits_vm_vcpu_hppi(struct gicits_vm *vm, unsigned vcpu)
{
	if (!vm || vcpu >= vm->num_vcpus)
		return GICITS_INTID_SPURIOUS;
	if (vm->fwd)
		return fwd_hppi(vm, vcpu);
	return gicits_cpu_hppi(vm->gic, vcpu);
}

uint32_t gicits_vm_vcpu_ack(struct gicits_vm *vm, unsigned vcpu)
{
	if (!vm || vcpu >= vm->num_vcpus)
		return GICITS_INTID_SPURIOUS;
	if (vm->fwd)
		return fwd_ack(vm, vcpu);
	return gicits_cpu_ack(vm->gic, vcpu);
}

int gicits_vm_vcpu_eoi(struct gicits_vm *vm, unsigned vcpu, uint32_t intid)
{
	if (!vm)
		return GICITS_EINVAL;
	if (vcpu >= vm->num_vcpus)
		return GICITS_ENOENT;
	return gicits_cpu_eoi(vm->gic, vcpu, intid);
}

int gicits_vm_vcpu_set_pmr(struct gicits_vm *vm, unsigned vcpu, uint8_t pmr)
{
	if (!vm)
		return GICITS_EINVAL;
	if (vcpu >= vm->num_vcpus)
		return GICITS_ENOENT;
	return gicits_cpu_set_pmr(vm->gic, vcpu, pmr);
}

uint8_t gicits_vm_vcpu_get_pmr(struct gicits_vm *vm, unsigned vcpu)
{
	if (!vm || vcpu >= vm->num_vcpus)
		return 0;
	return gicits_cpu_get_pmr(vm->gic, vcpu);
}
