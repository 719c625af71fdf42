/* SPDX-License-Identifier: BSD-2-Clause */
/* `gicits replay --vm emulated` (replay_vm.h). */
#include "replay_vm.h"

#include <stdlib.h>

#include "gicits/error.h"
#include "gicits/vm.h"

struct replay_vm {
	struct gicits_vm_host *host;
	struct gicits_vm *vm;
};

int replay_vm_create(const struct scenario *s,
		     const struct gicits_its_config *ic,
		     const struct gicits_gic_config *gc,
		     const struct gicits_mem *mem, struct replay_vm **out,
		     struct gicits_gic **gic, struct gicits_its **its)
{
	struct gicits_vm_config vc;
	struct replay_vm *v;
	unsigned ndev;
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
	vc.mode = GICITS_VM_EMULATED;
	vc.num_vcpus = gc->num_cpus;
	vc.its = ic;
	vc.gic = gc;
	vc.max_devices = ndev;
	err = gicits_vm_host_create(ndev, &v->host);
	if (!err)
		err = gicits_vm_create(&vc, mem, &v->vm);
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
	free(v);
}
