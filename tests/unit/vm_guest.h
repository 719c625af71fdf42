/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A guest for the VM tests (test_vm*.c): its RAM, a struct gicits_vm over
 * it, and a guest driver that programs the vITS and the virtual
 * redistributors only through the VM's trap entry points
 * (gicits_vm_its_mmio_*, gicits_vm_rdist_*) with the public command
 * encoders of <gicits/cmd.h>, as a guest kernel would.
 *
 * Guest physical layout (VG_RAM, 4 MB): LPI configuration table (16 INTID
 * bits, every byte 0xA3), one 64 KB pending table per vCPU, a flat 2-page
 * device table (vITS devbits 10), a 1-page collection table, a 1-page
 * command queue, one 512-byte ITT per DeviceID (32 events).
 */
#ifndef GICITS_TEST_VM_GUEST_H
#define GICITS_TEST_VM_GUEST_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h" /* cmocka: vg_assert_fwd_sound() */

#include "gicits/cmd.h"
#include "gicits/error.h"
#include "gicits/its.h"
#include "gicits/rdist.h"
#include "gicits/vm.h"

#define VG_RAM 0x40000000ULL
#define VG_RAM_SIZE (4ULL << 20)
#define VG_PROP VG_RAM
#define VG_PEND(k) (VG_RAM + 0x10000ULL * (1 + (k)))
#define VG_DT (VG_RAM + 0x100000ULL)
#define VG_CT (VG_RAM + 0x110000ULL)
#define VG_CQ (VG_RAM + 0x120000ULL)
#define VG_ITT(dev) (VG_RAM + 0x200000ULL + 512ULL * ((dev)&0x3FF))
#define VG_IDBITS 16
#define VG_DEVBITS 10
#define VG_MAX_VCPUS 8
#define VG_NEVENTS 32

struct vg {
	uint8_t *ram;
	struct gicits_mem mem;
	struct gicits_vm *vm;
	uint64_t cw; /* our CWRITER */
};

/* ---- forwarded mode's host ----
 * A GICv4.0 gic with @ncpu CPUs and ITS (@devbits DeviceID bits) over a
 * copy of @base (NULL: no other memory; guest RAM may be added to @mem
 * afterwards, the gic and ITS keep its address) and a carve-out for the
 * host's tables (docs/vm.md, "Forwarded mode"). */
#define VG_FH_CARVE 0x100000000ULL
#define VG_FH_CARVE_SIZE (16ULL << 20)

struct vg_fhost {
	uint8_t *carve;
	struct gicits_mem mem;
	struct gicits_gic *gic;
	struct gicits_its *its;
	struct gicits_vm_fwd_host *fh;
};

static inline void vg_fhost_free(struct vg_fhost *h)
{
	if (!h)
		return;
	gicits_vm_fwd_host_destroy(h->fh);
	gicits_its_destroy(h->its);
	gicits_gic_destroy(h->gic);
	free(h->carve);
	free(h);
}

/* NULL if anything failed. */
static inline struct vg_fhost *vg_fhost_new(const struct gicits_mem *base,
					    unsigned ncpu, unsigned devbits,
					    unsigned max_vpes)
{
	struct vg_fhost *h = calloc(1, sizeof(*h));
	struct gicits_gic_config gc;
	struct gicits_its_config ic;
	struct gicits_vm_fwd_host_config fc;

	if (!h)
		return NULL;
	h->carve = calloc(1, VG_FH_CARVE_SIZE);
	if (base)
		h->mem = *base;
	else
		gicits_mem_init(&h->mem, NULL, NULL);
	gicits_gic_config_default(&gc);
	gc.version = GICITS_GIC_V4_0;
	gc.num_cpus = ncpu;
	gc.intid_bits = VG_IDBITS;
	gicits_its_config_default(&ic);
	ic.gic = GICITS_GIC_V4_0;
	ic.devbits = devbits;
	if (!h->carve ||
	    gicits_mem_add_direct(&h->mem, VG_FH_CARVE, VG_FH_CARVE_SIZE,
				  h->carve) ||
	    gicits_gic_create(&gc, &h->mem, &h->gic) ||
	    gicits_its_create(&ic, h->gic, &h->mem, &h->its)) {
		vg_fhost_free(h);
		return NULL;
	}
	gicits_vm_fwd_host_config_default(&fc);
	fc.its = h->its;
	fc.gic = h->gic;
	fc.mem = &h->mem;
	fc.carve_base = VG_FH_CARVE;
	fc.carve_size = VG_FH_CARVE_SIZE;
	fc.max_vpes = max_vpes;
	if (gicits_vm_fwd_host_create(&fc, &h->fh)) {
		vg_fhost_free(h);
		return NULL;
	}
	return h;
}

static inline int vg_its_w64(struct vg *g, uint32_t off, uint64_t v)
{
	return gicits_vm_its_mmio_write(g->vm, off, 8, v, 0);
}

static inline uint64_t vg_its_r64(struct vg *g, uint32_t off)
{
	uint64_t v = 0;

	gicits_vm_its_mmio_read(g->vm, off, 8, &v);
	return v;
}

/* Boot the guest's GIC driver on @g->vm (@nvcpu vCPUs): redistributors,
 * vITS tables, queue, GITS_CTLR.Enabled.  Returns the first error. */
static inline int vg_boot(struct vg *g, unsigned nvcpu)
{
	unsigned k;
	int err;

	memset(g->ram + (VG_PROP - VG_RAM), 0xA3, (1u << VG_IDBITS) - 8192);
	for (k = 0; k < nvcpu; k++) {
		err = gicits_vm_rdist_write(g->vm, k, GICITS_GICR_WAKER, 4, 0);
		if (!err)
			err = gicits_vm_rdist_write(g->vm, k,
						    GICITS_GICR_PROPBASER, 8,
						    VG_PROP | (VG_IDBITS - 1));
		if (!err)
			err = gicits_vm_rdist_write(
				g->vm, k, GICITS_GICR_PENDBASER, 8, VG_PEND(k));
		if (!err)
			err = gicits_vm_rdist_write(g->vm, k, GICITS_GICR_CTLR,
						    4, 1);
		if (!err)
			err = gicits_vm_vcpu_set_pmr(g->vm, k, 0xff);
		if (err)
			return err;
	}
	/* BASER0: devices, 2 flat 4 KB pages; BASER1: collections, 1 page */
	err = vg_its_w64(g, GICITS_GITS_BASER(0),
			 vg_its_r64(g, GICITS_GITS_BASER(0)) | 1ULL << 63 |
				 VG_DT | 1);
	if (!err)
		err = vg_its_w64(g, GICITS_GITS_BASER(1),
				 vg_its_r64(g, GICITS_GITS_BASER(1)) |
					 1ULL << 63 | VG_CT);
	if (!err)
		err = vg_its_w64(g, GICITS_GITS_CBASER, 1ULL << 63 | VG_CQ);
	if (!err)
		err = vg_its_w64(g, GICITS_GITS_CWRITER, 0);
	if (!err)
		err = gicits_vm_its_mmio_write(g->vm, GICITS_GITS_CTLR, 4, 1,
					       0);
	return err;
}

/* Allocate @g's RAM and create its VM, not booted: @nvcpu vCPUs (at most
 * VG_MAX_VCPUS), at most @max_devices assigned devices, VG_DEVBITS DeviceID
 * bits in the vITS, VG_IDBITS INTID bits.  @fh NULL: emulated mode.  Else
 * forwarded mode on @fh's host: the guest's RAM is added to the host's
 * memory at VG_RAM + @host_offset (the VM's fwd_host_offset, docs/vm.md
 * "Forwarded mode"), and if @cpu0 >= 0, vCPU k is loaded on host CPU
 * @cpu0 + k.  Returns the first error. */
static inline int vg_vm_new(struct vg *g, unsigned nvcpu, unsigned max_devices,
			    struct vg_fhost *fh, uint64_t host_offset, int cpu0)
{
	struct gicits_vm_config vc;
	struct gicits_its_config ic;
	struct gicits_gic_config gc;
	unsigned k;
	int err;

	memset(g, 0, sizeof(*g));
	if (nvcpu > VG_MAX_VCPUS)
		return GICITS_EINVAL;
	g->ram = calloc(1, VG_RAM_SIZE);
	if (!g->ram)
		return GICITS_ENOMEM;
	gicits_mem_init(&g->mem, NULL, NULL);
	gicits_mem_add_direct(&g->mem, VG_RAM, VG_RAM_SIZE, g->ram);
	gicits_vm_config_default(&vc);
	gicits_its_config_default(&ic);
	gicits_gic_config_default(&gc);
	ic.devbits = VG_DEVBITS;
	gc.intid_bits = VG_IDBITS;
	vc.num_vcpus = nvcpu;
	vc.its = &ic;
	vc.gic = &gc;
	vc.max_devices = max_devices;
	if (fh) {
		err = gicits_mem_add_direct(&fh->mem, VG_RAM + host_offset,
					    VG_RAM_SIZE, g->ram);
		if (err)
			return err;
		vc.mode = GICITS_VM_FORWARDED;
		vc.fwd = fh->fh;
		vc.fwd_guest_base = VG_RAM;
		vc.fwd_guest_size = VG_RAM_SIZE;
		vc.fwd_host_offset = host_offset;
	}
	err = gicits_vm_create(&vc, &g->mem, &g->vm);
	for (k = 0; !err && fh && cpu0 >= 0 && k < nvcpu; k++)
		err = gicits_vm_vcpu_load(g->vm, k, (unsigned)cpu0 + k);
	return err;
}

/* An emulated VM (vg_vm_new(): @nvcpu vCPUs, at most @max_devices assigned
 * devices) with the guest's GIC driver booted (vg_boot()).  Returns the
 * first error. */
static inline int vg_create_n(struct vg *g, unsigned nvcpu,
			      unsigned max_devices)
{
	int err = vg_vm_new(g, nvcpu, max_devices, NULL, 0, -1);

	if (err)
		return err;
	return vg_boot(g, nvcpu);
}

/* vg_create_n() with at most 16 assigned devices */
static inline int vg_create(struct vg *g, unsigned nvcpu)
{
	return vg_create_n(g, nvcpu, 16);
}

/* Forwarded mode's end-of-test checks on @g's VM: the isolation invariant
 * (gicits_vm_fwd_check()) holds and the host reported no error. */
static inline void vg_assert_fwd_sound(struct vg *g)
{
	struct gicits_vm_fwd_stats st;

	assert_int_equal(gicits_vm_fwd_check(g->vm), GICITS_OK);
	assert_int_equal(gicits_vm_fwd_stats(g->vm, &st), GICITS_OK);
	assert_int_equal(st.host_errors, 0);
}

static inline void vg_destroy(struct vg *g)
{
	gicits_vm_destroy(g->vm);
	free(g->ram);
	memset(g, 0, sizeof(*g));
}

/* Queue @c and write CWRITER (the vITS processes it before returning). */
static inline int vg_cmd(struct vg *g, const struct gicits_cmd *c)
{
	gicits_cmd_to_bytes(c, g->ram + (VG_CQ - VG_RAM) + g->cw);
	g->cw = (g->cw + GICITS_CMD_BYTES) % 4096;
	return vg_its_w64(g, GICITS_GITS_CWRITER, g->cw);
}

/* MAPD @dev (5 EventID bits: VG_NEVENTS events) */
static inline int vg_mapd(struct vg *g, uint32_t dev)
{
	struct gicits_cmd c;

	gicits_cmd_mapd(&c, dev, 4, VG_ITT(dev), true);
	return vg_cmd(g, &c);
}

/* MAPC @icid -> vCPU @cpu (processor numbers: PTA = 0) */
static inline int vg_mapc(struct vg *g, uint16_t icid, unsigned cpu)
{
	struct gicits_cmd c;

	gicits_cmd_mapc(&c, icid, cpu, true);
	return vg_cmd(g, &c);
}

/* MAPTI (@dev, @ev) -> @intid in @icid, then SYNC */
static inline int vg_mapti(struct vg *g, uint32_t dev, uint32_t ev,
			   uint32_t intid, uint16_t icid)
{
	struct gicits_cmd c;
	int err;

	gicits_cmd_mapti(&c, dev, ev, intid, icid);
	err = vg_cmd(g, &c);
	if (err)
		return err;
	gicits_cmd_sync(&c, 0);
	return vg_cmd(g, &c);
}

/* Whether the vITS is stalled or reported a command error. */
static inline int vg_cmd_errors(struct vg *g)
{
	struct gicits_its_status st;

	gicits_its_status(gicits_vm_its(g->vm), &st);
	return (int)st.errors + st.stalled;
}

static inline int vg_count_one(void *opaque, uint32_t intid)
{
	(void)intid;
	++*(unsigned *)opaque;
	return 0;
}

/* LPIs pending on all vCPUs of the guest */
static inline unsigned vg_npending(struct vg *g)
{
	unsigned n = 0, k;

	for (k = 0; k < gicits_vm_num_vcpus(g->vm); k++)
		gicits_vm_vcpu_pending_foreach(g->vm, k, vg_count_one, &n);
	return n;
}

/* Acknowledge and EOI everything on every vCPU; returns how many. */
static inline unsigned vg_ack_all(struct vg *g)
{
	unsigned n = 0, k;

	for (k = 0; k < gicits_vm_num_vcpus(g->vm); k++) {
		uint32_t id;

		while ((id = gicits_vm_vcpu_ack(g->vm, k)) !=
		       GICITS_INTID_SPURIOUS) {
			gicits_vm_vcpu_eoi(g->vm, k, id);
			n++;
		}
	}
	return n;
}

#endif
