/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * gicits_vm in emulated mode and gicits_vm_host: creation and its errors,
 * two guests programming their own vITS through the trap entry points,
 * isolation of their devices, assignment errors, the drop counters.
 * (Hot unplug under concurrent MSIs: test_vm_unplug.c.)
 */
#include "harness.h"
#include "vm_guest.h"

#include "gicits/error.h"
#include "gicits/vm.h"

static void test_config_default(void **state)
{
	struct gicits_vm_config c;

	(void)state;
	gicits_vm_config_default(&c);
	assert_int_equal(c.size, sizeof(c));
	assert_int_equal(c.num_vcpus, 4);
	assert_int_equal(c.mode, GICITS_VM_EMULATED);
	assert_null(c.its);
	assert_null(c.gic);
	assert_int_equal(c.max_devices, 1024);
	gicits_vm_config_default(NULL); /* no crash */
}

static void test_create_destroy(void **state)
{
	struct gicits_vm_config c;
	struct test_ram ram;
	struct gicits_vm *vm = NULL;
	uint64_t v = 0;

	(void)state;
	test_ram_init(&ram, 0x40000000, 1 << 20);
	gicits_vm_config_default(&c);
	assert_int_equal(gicits_vm_create(&c, &ram.mem, &vm), GICITS_OK);
	assert_non_null(vm);
	assert_int_equal(gicits_vm_num_vcpus(vm), 4);
	assert_non_null(gicits_vm_its(vm));
	assert_non_null(gicits_vm_gic(vm));
	assert_int_equal(gicits_gic_num_cpus(gicits_vm_gic(vm)), 4);
	/* the guest sees a GICv3 ITS: GITS_TYPER.Virtual = 0 */
	assert_int_equal(gicits_vm_its_mmio_read(vm, GICITS_GITS_TYPER, 8, &v),
			 GICITS_OK);
	assert_int_equal(v >> 1 & 1, 0);
	/* vITS disabled at reset */
	assert_int_equal(gicits_vm_its_mmio_read(vm, GICITS_GITS_CTLR, 4, &v),
			 GICITS_OK);
	assert_int_equal(v & 1, 0);
	/* virtual redistributors: GICR_TYPER.Processor_Number */
	assert_int_equal(gicits_vm_rdist_read(vm, 3, GICITS_GICR_TYPER, 8, &v),
			 GICITS_OK);
	assert_int_equal(v >> 8 & 0xffff, 3);
	gicits_vm_destroy(vm);
	gicits_vm_destroy(NULL);
	test_ram_fini(&ram);
}

static void test_create_errors(void **state)
{
	struct gicits_vm_config c;
	struct gicits_its_config ic;
	struct gicits_gic_config gc;
	struct test_ram ram;
	struct gicits_vm *vm = (struct gicits_vm *)&c;

	(void)state;
	test_ram_init(&ram, 0x40000000, 1 << 20);
	gicits_vm_config_default(&c);
	assert_int_equal(gicits_vm_create(NULL, &ram.mem, &vm), GICITS_EINVAL);
	assert_int_equal(gicits_vm_create(&c, NULL, &vm), GICITS_EINVAL);
	assert_int_equal(gicits_vm_create(&c, &ram.mem, NULL), GICITS_EINVAL);

	c.size = 0;
	assert_int_equal(gicits_vm_create(&c, &ram.mem, &vm), GICITS_EINVAL);
	assert_null(vm);
	c.size = sizeof(c) + 8;
	assert_int_equal(gicits_vm_create(&c, &ram.mem, &vm), GICITS_EINVAL);

	gicits_vm_config_default(&c);
	c.mode = GICITS_VM_FORWARDED; /* without a host GICv4 side */
	assert_int_equal(gicits_vm_create(&c, &ram.mem, &vm), GICITS_EINVAL);
	c.mode = (enum gicits_vm_mode)7;
	assert_int_equal(gicits_vm_create(&c, &ram.mem, &vm), GICITS_EINVAL);

	gicits_vm_config_default(&c);
	c.num_vcpus = 0;
	assert_int_equal(gicits_vm_create(&c, &ram.mem, &vm), GICITS_EINVAL);
	c.num_vcpus = 65537;
	assert_int_equal(gicits_vm_create(&c, &ram.mem, &vm), GICITS_EINVAL);
	gicits_vm_config_default(&c);
	c.max_devices = 0;
	assert_int_equal(gicits_vm_create(&c, &ram.mem, &vm), GICITS_EINVAL);
	c.max_devices = 65537;
	assert_int_equal(gicits_vm_create(&c, &ram.mem, &vm), GICITS_EINVAL);

	/* nested configurations: the guest sees a GICv3 ITS only */
	gicits_vm_config_default(&c);
	gicits_its_config_default(&ic);
	c.its = &ic;
	ic.gic = GICITS_GIC_V4_0;
	assert_int_equal(gicits_vm_create(&c, &ram.mem, &vm), GICITS_EINVAL);
	gicits_its_config_default(&ic);
	ic.size = 0;
	assert_int_equal(gicits_vm_create(&c, &ram.mem, &vm), GICITS_EINVAL);
	gicits_its_config_default(&ic);
	ic.devbits = 33;
	assert_int_equal(gicits_vm_create(&c, &ram.mem, &vm), GICITS_EINVAL);
	gicits_its_config_default(&ic);
	ic.ite_size = 9; /* refused by gicits_its_create() */
	assert_int_equal(gicits_vm_create(&c, &ram.mem, &vm), GICITS_EINVAL);
	gicits_vm_config_default(&c);
	gicits_gic_config_default(&gc);
	c.gic = &gc;
	gc.intid_bits = 99;
	assert_int_equal(gicits_vm_create(&c, &ram.mem, &vm), GICITS_EINVAL);
	gicits_gic_config_default(&gc);
	gc.size = 0;
	assert_int_equal(gicits_vm_create(&c, &ram.mem, &vm), GICITS_EINVAL);
	assert_null(vm);
	test_ram_fini(&ram);
}

static void test_null_and_range(void **state)
{
	struct vg g;
	uint64_t v;

	(void)state;
	assert_int_equal(gicits_vm_num_vcpus(NULL), 0);
	assert_null(gicits_vm_its(NULL));
	assert_null(gicits_vm_gic(NULL));
	assert_int_equal(gicits_vm_its_mmio_read(NULL, 0, 4, &v),
			 GICITS_EINVAL);
	assert_int_equal(gicits_vm_its_mmio_write(NULL, 0, 4, 0, 0),
			 GICITS_EINVAL);
	assert_int_equal(gicits_vm_rdist_read(NULL, 0, 0, 4, &v),
			 GICITS_EINVAL);
	assert_int_equal(gicits_vm_rdist_write(NULL, 0, 0, 4, 0),
			 GICITS_EINVAL);
	assert_int_equal(gicits_vm_msi(NULL, 0, 0), GICITS_EINVAL);
	assert_int_equal(gicits_vm_vcpu_hppi(NULL, 0), GICITS_INTID_SPURIOUS);
	assert_int_equal(gicits_vm_vcpu_ack(NULL, 0), GICITS_INTID_SPURIOUS);
	assert_int_equal(gicits_vm_vcpu_eoi(NULL, 0, 8192), GICITS_EINVAL);
	assert_int_equal(gicits_vm_vcpu_set_pmr(NULL, 0, 0), GICITS_EINVAL);
	assert_int_equal(gicits_vm_vcpu_get_pmr(NULL, 0), 0);

	assert_int_equal(vg_create(&g, 2), GICITS_OK);
	assert_int_equal(gicits_vm_rdist_read(g.vm, 2, 0, 4, &v),
			 GICITS_ENOENT);
	assert_int_equal(gicits_vm_rdist_write(g.vm, 2, 0, 4, 0),
			 GICITS_ENOENT);
	assert_int_equal(gicits_vm_vcpu_hppi(g.vm, 2), GICITS_INTID_SPURIOUS);
	assert_int_equal(gicits_vm_vcpu_ack(g.vm, 2), GICITS_INTID_SPURIOUS);
	assert_int_equal(gicits_vm_vcpu_eoi(g.vm, 2, 8192), GICITS_ENOENT);
	assert_int_equal(gicits_vm_vcpu_eoi(g.vm, 0, 8192), GICITS_ESTATE);
	assert_int_equal(gicits_vm_vcpu_set_pmr(g.vm, 2, 0), GICITS_ENOENT);
	assert_int_equal(gicits_vm_vcpu_get_pmr(g.vm, 2), 0);
	assert_int_equal(gicits_vm_vcpu_get_pmr(g.vm, 1), 0xf8);
	/* hostile guest offsets and sizes are API errors, nothing more */
	assert_int_equal(gicits_vm_its_mmio_read(g.vm, 0x20000, 4, &v),
			 GICITS_EINVAL);
	assert_int_equal(gicits_vm_its_mmio_write(g.vm, 3, 4, 0, 0),
			 GICITS_EACCESS);
	assert_int_equal(gicits_vm_rdist_write(g.vm, 0, 0x10000, 4, 0),
			 GICITS_EINVAL);
	vg_destroy(&g);
}

/* One guest's own device: MAPD/MAPC/MAPTI through the vITS's MMIO, an
 * emulated device's MSI, ack and EOI on the vCPU. */
static void test_guest_programs_vits(void **state)
{
	struct vg g;
	uint32_t id;

	(void)state;
	assert_int_equal(vg_create(&g, 2), GICITS_OK);
	assert_int_equal(vg_mapd(&g, 5), GICITS_OK);
	assert_int_equal(vg_mapc(&g, 1, 1), GICITS_OK);
	assert_int_equal(vg_mapti(&g, 5, 3, 8200, 1), GICITS_OK);
	assert_int_equal(vg_cmd_errors(&g), 0);
	assert_int_equal(gicits_vm_msi(g.vm, 5, 3), GICITS_DROP_NONE);
	assert_int_equal(gicits_vm_msi(g.vm, 5, 4), GICITS_DROP_EVENT_UNMAPPED);
	assert_int_equal(gicits_vm_msi(g.vm, 6, 3),
			 GICITS_DROP_DEVICE_UNMAPPED);
	assert_int_equal(gicits_vm_vcpu_hppi(g.vm, 0), GICITS_INTID_SPURIOUS);
	assert_int_equal(gicits_vm_vcpu_hppi(g.vm, 1), 8200);
	id = gicits_vm_vcpu_ack(g.vm, 1);
	assert_int_equal(id, 8200);
	assert_int_equal(gicits_vm_vcpu_eoi(g.vm, 1, id), GICITS_OK);
	/* a vCPU's own GITS_TRANSLATER write, with the DeviceID the VMM
	 * attributes to it */
	assert_int_equal(
		gicits_vm_its_mmio_write(g.vm, GICITS_GITS_TRANSLATER, 4, 3, 5),
		GICITS_OK);
	assert_int_equal(gicits_vm_vcpu_ack(g.vm, 1), 8200);
	/* active: the running priority masks the next one until EOI */
	assert_int_equal(gicits_vm_msi(g.vm, 5, 3), GICITS_DROP_NONE);
	assert_int_equal(gicits_vm_vcpu_hppi(g.vm, 1), GICITS_INTID_SPURIOUS);
	assert_int_equal(gicits_vm_vcpu_eoi(g.vm, 1, 8200), GICITS_OK);
	assert_int_equal(gicits_vm_vcpu_ack(g.vm, 1), 8200);
	assert_int_equal(gicits_vm_vcpu_eoi(g.vm, 1, 8200), GICITS_OK);
	/* the priority mask of the vCPU masks it */
	assert_int_equal(gicits_vm_msi(g.vm, 5, 3), GICITS_DROP_NONE);
	assert_int_equal(gicits_vm_vcpu_set_pmr(g.vm, 1, 0x80), GICITS_OK);
	assert_int_equal(gicits_vm_vcpu_hppi(g.vm, 1), GICITS_INTID_SPURIOUS);
	assert_int_equal(gicits_vm_vcpu_set_pmr(g.vm, 1, 0xff), GICITS_OK);
	assert_int_equal(gicits_vm_vcpu_hppi(g.vm, 1), 8200);
	vg_destroy(&g);
}

/*
 * Two VMs, each with the same guest DeviceID and EventIDs mapped to
 * different LPIs on different vCPUs.  VM B's assigned device writes every
 * EventID VM A uses (and every other one): only VM B sees anything.
 */
static void test_two_vms_isolated(void **state)
{
	struct gicits_vm_host *host;
	struct gicits_vm_host_stats st;
	struct vg a, b;
	uint32_t ev, nb = 0;

	(void)state;
	assert_int_equal(gicits_vm_host_create(64, &host), GICITS_OK);
	assert_int_equal(vg_create(&a, 2), GICITS_OK);
	assert_int_equal(vg_create(&b, 4), GICITS_OK);
	/* A: dev 1, every event -> 8192 + ev on vCPU 0 */
	assert_int_equal(vg_mapd(&a, 1), GICITS_OK);
	assert_int_equal(vg_mapc(&a, 0, 0), GICITS_OK);
	for (ev = 0; ev < VG_NEVENTS; ev++)
		assert_int_equal(vg_mapti(&a, 1, ev, 8192 + ev, 0), GICITS_OK);
	/* B: dev 1, the even events only -> 9000 + ev on vCPU 3 */
	assert_int_equal(vg_mapd(&b, 1), GICITS_OK);
	assert_int_equal(vg_mapc(&b, 7, 3), GICITS_OK);
	for (ev = 0; ev < VG_NEVENTS; ev += 2)
		assert_int_equal(vg_mapti(&b, 1, ev, 9000 + ev, 7), GICITS_OK);
	assert_int_equal(vg_cmd_errors(&a) + vg_cmd_errors(&b), 0);

	assert_int_equal(gicits_vm_host_assign(host, a.vm, 0x100, 1),
			 GICITS_OK);
	assert_int_equal(gicits_vm_host_assign(host, b.vm, 0x200, 1),
			 GICITS_OK);

	/* B's device: every EventID A uses, and beyond */
	for (ev = 0; ev < 2 * VG_NEVENTS; ev++) {
		int r = gicits_vm_host_msi(host, 0x200, ev);

		if (ev < VG_NEVENTS && !(ev & 1)) {
			assert_int_equal(r, GICITS_DROP_NONE);
			nb++;
		} else {
			assert_true(r > 0); /* dropped by B's own vITS */
		}
	}
	assert_int_equal(vg_npending(&a), 0);
	assert_int_equal(vg_npending(&b), nb);
	assert_int_equal(gicits_rdist_is_pending(gicits_vm_gic(b.vm), 3, 9000),
			 1);
	assert_int_equal(vg_ack_all(&a), 0);
	assert_int_equal(vg_ack_all(&b), nb);
	assert_int_equal(gicits_vm_host_stats(host, &st), GICITS_OK);
	assert_int_equal(st.guest_dropped, 2 * VG_NEVENTS - nb);
	assert_int_equal(st.unassigned + st.removed, 0);
	assert_int_equal(st.assigned, 2);

	/* A's device reaches A only */
	for (ev = 0; ev < VG_NEVENTS; ev++)
		assert_int_equal(gicits_vm_host_msi(host, 0x100, ev),
				 GICITS_DROP_NONE);
	assert_int_equal(vg_npending(&b), 0);
	assert_int_equal(vg_npending(&a), VG_NEVENTS);
	assert_int_equal(gicits_vm_vcpu_ack(a.vm, 0), 8192);
	assert_int_equal(gicits_vm_vcpu_eoi(a.vm, 0, 8192), GICITS_OK);

	/* B's guest writing its own GITS_TRANSLATER with any DeviceID stays
	 * in B */
	assert_int_equal(vg_ack_all(&a), VG_NEVENTS - 1);
	for (ev = 0; ev < VG_NEVENTS; ev++)
		gicits_vm_its_mmio_write(b.vm, GICITS_GITS_TRANSLATER, 4, ev,
					 1);
	assert_int_equal(vg_npending(&a), 0);
	assert_int_equal(vg_npending(&b), nb);

	/* destroying a VM releases its devices */
	vg_destroy(&b);
	assert_int_equal(gicits_vm_host_stats(host, &st), GICITS_OK);
	assert_int_equal(st.assigned, 1);
	assert_int_equal(gicits_vm_host_msi(host, 0x200, 0), GICITS_ENOENT);
	assert_int_equal(gicits_vm_host_stats(host, &st), GICITS_OK);
	assert_int_equal(st.removed, 1);
	gicits_vm_host_destroy(host);
	/* the host is gone: the VM no longer refers to it */
	vg_destroy(&a);
}

static void test_assign_errors(void **state)
{
	struct gicits_vm_host *host, *other;
	struct gicits_vm_host_stats st;
	struct vg a, b;
	uint32_t d;

	(void)state;
	assert_int_equal(gicits_vm_host_create(0, &host), GICITS_EINVAL);
	assert_int_equal(gicits_vm_host_create((1u << 20) + 1, &host),
			 GICITS_EINVAL);
	assert_int_equal(gicits_vm_host_create(4, NULL), GICITS_EINVAL);
	assert_int_equal(gicits_vm_host_create(20, &host), GICITS_OK);
	assert_int_equal(gicits_vm_host_create(4, &other), GICITS_OK);
	assert_int_equal(vg_create(&a, 1), GICITS_OK);
	assert_int_equal(vg_create(&b, 1), GICITS_OK);

	assert_int_equal(gicits_vm_host_assign(NULL, a.vm, 1, 1),
			 GICITS_EINVAL);
	assert_int_equal(gicits_vm_host_assign(host, NULL, 1, 1),
			 GICITS_EINVAL);
	assert_int_equal(gicits_vm_host_unassign(NULL, 1), GICITS_EINVAL);
	assert_int_equal(gicits_vm_host_msi(NULL, 1, 1), GICITS_EINVAL);
	assert_int_equal(gicits_vm_host_stats(NULL, &st), GICITS_EINVAL);
	assert_int_equal(gicits_vm_host_stats(host, NULL), GICITS_EINVAL);

	/* guest DeviceID beyond the vITS's 10 DeviceID bits */
	assert_int_equal(gicits_vm_host_assign(host, a.vm, 7, 1024),
			 GICITS_ERANGE);
	assert_int_equal(gicits_vm_host_assign(host, a.vm, 7, 1023), GICITS_OK);
	/* double assignment: same VM, another VM, same guest DeviceID */
	assert_int_equal(gicits_vm_host_assign(host, a.vm, 7, 3),
			 GICITS_ESTATE);
	assert_int_equal(gicits_vm_host_assign(host, b.vm, 7, 3),
			 GICITS_ESTATE);
	assert_int_equal(gicits_vm_host_assign(host, a.vm, 8, 1023),
			 GICITS_ESTATE);
	/* another VM may use the same guest DeviceID */
	assert_int_equal(gicits_vm_host_assign(host, b.vm, 8, 1023), GICITS_OK);
	/* a VM's devices all come from one host */
	assert_int_equal(gicits_vm_host_assign(other, a.vm, 9, 1),
			 GICITS_ESTATE);
	/* not assigned */
	assert_int_equal(gicits_vm_host_unassign(host, 9), GICITS_ENOENT);
	assert_int_equal(gicits_vm_host_unassign(host, 7), GICITS_OK);
	assert_int_equal(gicits_vm_host_unassign(host, 7), GICITS_ENOENT);
	/* unassigned: free for another VM, under another guest DeviceID */
	assert_int_equal(gicits_vm_host_assign(host, b.vm, 7, 2), GICITS_OK);
	/* A has no device left: it may now take devices of another host */
	assert_int_equal(gicits_vm_host_assign(other, a.vm, 9, 1), GICITS_OK);
	assert_int_equal(gicits_vm_host_unassign(other, 9), GICITS_OK);

	/* per-VM bound: vg_create() sets max_devices 16; B has 2 */
	for (d = 0; d < 14; d++)
		assert_int_equal(
			gicits_vm_host_assign(host, b.vm, 100 + d, 10 + d),
			GICITS_OK);
	assert_int_equal(gicits_vm_host_assign(host, b.vm, 200, 500),
			 GICITS_ENOMEM);
	/* per-host bound: 20 devices; 16 are B's */
	for (d = 0; d < 4; d++)
		assert_int_equal(
			gicits_vm_host_assign(host, a.vm, 300 + d, 10 + d),
			GICITS_OK);
	assert_int_equal(gicits_vm_host_assign(host, a.vm, 400, 500),
			 GICITS_ENOMEM);
	assert_int_equal(gicits_vm_host_stats(host, &st), GICITS_OK);
	assert_int_equal(st.assigned, 20);
	/* churn: unassign and reassign many times, the table stays usable */
	for (d = 0; d < 1000; d++) {
		assert_int_equal(gicits_vm_host_unassign(host, 300 + d % 4),
				 GICITS_OK);
		assert_int_equal(gicits_vm_host_assign(host, a.vm,
						       1000 + d * 7919,
						       10 + d % 4),
				 GICITS_OK);
		assert_int_equal(gicits_vm_host_unassign(host, 1000 + d * 7919),
				 GICITS_OK);
		assert_int_equal(gicits_vm_host_assign(host, a.vm, 300 + d % 4,
						       10 + d % 4),
				 GICITS_OK);
	}
	assert_int_equal(gicits_vm_host_stats(host, &st), GICITS_OK);
	assert_int_equal(st.assigned, 20);
	vg_destroy(&a);
	vg_destroy(&b);
	assert_int_equal(gicits_vm_host_stats(host, &st), GICITS_OK);
	assert_int_equal(st.assigned, 0);
	gicits_vm_host_destroy(host);
	gicits_vm_host_destroy(other);
	gicits_vm_host_destroy(NULL);
}

static void test_unassigned_counted(void **state)
{
	struct gicits_vm_host *host;
	struct gicits_vm_host_stats st;
	struct vg a;

	(void)state;
	assert_int_equal(gicits_vm_host_create(8, &host), GICITS_OK);
	assert_int_equal(vg_create(&a, 1), GICITS_OK);
	assert_int_equal(vg_mapd(&a, 4), GICITS_OK);
	assert_int_equal(vg_mapc(&a, 0, 0), GICITS_OK);
	assert_int_equal(vg_mapti(&a, 4, 0, 8192, 0), GICITS_OK);
	/* never assigned: every host DeviceID, nothing happens */
	assert_int_equal(gicits_vm_host_msi(host, 4, 0), GICITS_ENOENT);
	assert_int_equal(gicits_vm_host_msi(host, 0xFFFFFFFF, 0),
			 GICITS_ENOENT);
	assert_int_equal(gicits_vm_host_msi(host, 0, 0xFFFFFFFF),
			 GICITS_ENOENT);
	assert_int_equal(vg_npending(&a), 0);
	assert_int_equal(gicits_vm_host_stats(host, &st), GICITS_OK);
	assert_int_equal(st.unassigned, 3);
	assert_int_equal(st.removed, 0);

	assert_int_equal(gicits_vm_host_assign(host, a.vm, 0x44, 4), GICITS_OK);
	assert_int_equal(gicits_vm_host_msi(host, 0x44, 0), GICITS_DROP_NONE);
	assert_int_equal(vg_ack_all(&a), 1);
	assert_int_equal(gicits_vm_host_unassign(host, 0x44), GICITS_OK);
	/* removed: counted apart, nothing happens */
	assert_int_equal(gicits_vm_host_msi(host, 0x44, 0), GICITS_ENOENT);
	assert_int_equal(gicits_vm_host_msi(host, 0x44, 0), GICITS_ENOENT);
	assert_int_equal(vg_npending(&a), 0);
	assert_int_equal(gicits_vm_host_stats(host, &st), GICITS_OK);
	assert_int_equal(st.unassigned, 3);
	assert_int_equal(st.removed, 2);
	assert_int_equal(st.guest_dropped, 0);
	assert_int_equal(st.assigned, 0);
	vg_destroy(&a);
	gicits_vm_host_destroy(host);
}

/* A full host table (64 devices, 128 slots) of IDs that share their low
 * 16 bits: every device reaches its own guest DeviceID's LPI; after half
 * of them are unplugged, only the other half does. */
static void test_many_devices(void **state)
{
	struct gicits_vm_host *host;
	struct gicits_vm_host_stats st;
	struct vg a;
	uint32_t d;

	(void)state;
	assert_int_equal(gicits_vm_host_create(64, &host), GICITS_OK);
	assert_int_equal(vg_create_n(&a, 1, 64), GICITS_OK);
	assert_int_equal(vg_mapc(&a, 0, 0), GICITS_OK);
	for (d = 0; d < 64; d++) {
		assert_int_equal(vg_mapd(&a, d), GICITS_OK);
		assert_int_equal(vg_mapti(&a, d, 0, 8192 + d, 0), GICITS_OK);
		assert_int_equal(
			gicits_vm_host_assign(host, a.vm, d << 16 | 0x42, d),
			GICITS_OK);
	}
	assert_int_equal(vg_cmd_errors(&a), 0);
	assert_int_equal(gicits_vm_host_assign(host, a.vm, 0xFFFF, 100),
			 GICITS_ENOMEM);
	for (d = 0; d < 64; d++)
		assert_int_equal(gicits_vm_host_msi(host, d << 16 | 0x42, 0),
				 GICITS_DROP_NONE);
	assert_int_equal(vg_npending(&a), 64);
	for (d = 0; d < 64; d++)
		assert_int_equal(gicits_rdist_is_pending(gicits_vm_gic(a.vm), 0,
							 8192 + d),
				 1);
	assert_int_equal(vg_ack_all(&a), 64);
	for (d = 1; d < 64; d += 2)
		assert_int_equal(gicits_vm_host_unassign(host, d << 16 | 0x42),
				 GICITS_OK);
	for (d = 0; d < 64; d++)
		assert_int_equal(gicits_vm_host_msi(host, d << 16 | 0x42, 0),
				 d & 1 ? GICITS_ENOENT : GICITS_DROP_NONE);
	for (d = 0; d < 64; d++)
		assert_int_equal(gicits_rdist_is_pending(gicits_vm_gic(a.vm), 0,
							 8192 + d),
				 !(d & 1));
	assert_int_equal(gicits_vm_host_stats(host, &st), GICITS_OK);
	assert_int_equal(st.removed, 32);
	assert_int_equal(st.unassigned, 0);
	assert_int_equal(st.assigned, 32);
	vg_destroy(&a);
	gicits_vm_host_destroy(host);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_config_default),
		cmocka_unit_test(test_create_destroy),
		cmocka_unit_test(test_create_errors),
		cmocka_unit_test(test_null_and_range),
		cmocka_unit_test(test_guest_programs_vits),
		cmocka_unit_test(test_two_vms_isolated),
		cmocka_unit_test(test_assign_errors),
		cmocka_unit_test(test_unassigned_counted),
		cmocka_unit_test(test_many_devices),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
