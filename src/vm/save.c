/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * VM save and restore (docs/vm.md, "Migration"): the vITS's mappings as
 * KVM ITS ABI rev 0 tables in guest memory (gicits_snapshot_kvm_export(),
 * what KVM_DEV_ARM_ITS_SAVE_TABLES writes), and a VM image with the mode,
 * a configuration fingerprint, where those tables are, the assignment
 * list and the library snapshot of the vITS and virtual redistributors.
 *
 * Image format (version 1), little endian:
 *
 *   0   8  magic "GICITSVM"
 *   8   4  version
 *   12  4  mode (enum gicits_vm_mode)
 *   16  8  total length, CRC included
 *   24  8  configuration fingerprint (FNV-1a 64, vm_fingerprint())
 *   32  4  vCPUs
 *   36  4  number of sections
 *   40     sections: u32 type, u32 0, u64 payload length, payload
 *   end-4  CRC-32 (snap_crc32(): IEEE 802.3) of every preceding byte
 *
 * Sections, in this order: SEC_KVMT (the KVM tables: 7 x u64 dt_base,
 * dt_bytes, ct_base, ct_bytes, itt_base, itt_bytes, itt_used; 3 x u32
 * devices, events, collections; 3 x u32 CRC-32 of the device table area,
 * the collection table area and the used ITT bytes), SEC_DEVS (u32 count,
 * u32 0, count x {u32 guest DeviceID, u32 host DeviceID} in ascending
 * guest DeviceID order), SEC_SNAP (a gicits snapshot of the VM's gic and
 * its one vITS).  A type >= SEC_OPTIONAL is skipped by readers that do not
 * know it (room for forwarded mode's own state: the vPEs' residency and
 * doorbells), any other unknown type is refused: a later version that
 * changes what the known sections mean bumps GICITS_VM_IMAGE_VERSION.
 *
 * Parsing is bounded: every length is checked against the bytes left
 * before it is used, and the section count against what the image can
 * hold.  Everything is checked before the VM changes.
 */
#include <stdlib.h>
#include <string.h>

#include "common/bits.h"
#include "gicits/error.h"
#include "gicits/snapshot.h"
#include "gicits/vm.h"
#include "snapshot/snapshot_internal.h"
#include "vm_internal.h"

#define IMG_MAGIC "GICITSVM"
#define HDR_BYTES 40u
#define SEC_HDR_BYTES 16u
#define TRAILER_BYTES 4u
#define SEC_KVMT 1u
#define SEC_DEVS 2u
#define SEC_SNAP 3u
#define SEC_OPTIONAL 0x100u
#define KVMT_BYTES (7u * 8 + 6u * 4)
#define CRC_CHUNK 4096u

/*
 * The guest-visible configuration, hashed: what gicits_snapshot_restore()
 * checks of the vITS and the redistributors, plus the vCPU count and the
 * redistributor layout and priority bits a guest reads.  Cache mode,
 * strictness, budgets and trace hooks are left out: they change what the
 * host sees, not the guest (as in the snapshot's own check).
 */
static uint64_t fnv(uint64_t h, uint64_t v)
{
	unsigned i;

	for (i = 0; i < 8; i++) {
		h ^= (v >> (8 * i)) & 0xff;
		h *= 0x100000001b3ull;
	}
	return h;
}

static uint64_t vm_fingerprint(const struct gicits_vm *vm)
{
	const struct gicits_its_config *i = &vm->icfg;
	const struct gicits_gic_config *g = &vm->gcfg;
	uint64_t h = 0xcbf29ce484222325ull;

	h = fnv(h, vm->num_vcpus);
	h = fnv(h, i->devbits);
	h = fnv(h, i->idbits);
	h = fnv(h, i->cidbits);
	h = fnv(h, i->hcc);
	h = fnv(h, i->ite_size);
	h = fnv(h, i->pta);
	h = fnv(h, i->indirect);
	h = fnv(h, (uint64_t)i->error_policy);
	h = fnv(h, i->umsi);
	h = fnv(h, i->creadr_writable);
	h = fnv(h, i->mapc_rdbase16);
	h = fnv(h, i->iidr);
	h = fnv(h, (uint64_t)i->gic);
	h = fnv(h, g->intid_bits);
	h = fnv(h, g->pri_bits);
	h = fnv(h, g->rd_base);
	h = fnv(h, g->rd_stride);
	h = fnv(h, g->ces);
	return h;
}

/* CRC-32 of guest memory [gpa, gpa + bytes), read in chunks. */
static int mem_crc(const struct gicits_mem *mem, uint64_t gpa, uint64_t bytes,
		   uint32_t *crc)
{
	uint8_t b[CRC_CHUNK];
	uint32_t c = 0;

	if (gpa + bytes < gpa)
		return GICITS_EFAULT;
	while (bytes) {
		size_t n = bytes < CRC_CHUNK ? (size_t)bytes : CRC_CHUNK;
		int err = gicits_mem_read(mem, gpa, b, n);

		if (err)
			return err;
		c = snap_crc32(c, b, n);
		gpa += n;
		bytes -= n;
	}
	*crc = c;
	return GICITS_OK;
}

static int dev_cmp(const void *a, const void *b)
{
	const struct vm_dev *x = a, *y = b;

	return x->guest_id < y->guest_id ? -1 : x->guest_id > y->guest_id;
}

static size_t devs_bytes(unsigned n)
{
	return 8 + 8 * (size_t)n;
}

static size_t image_bytes(size_t snap, unsigned ndevs)
{
	return HDR_BYTES + 3 * SEC_HDR_BYTES + KVMT_BYTES + devs_bytes(ndevs) +
	       snap + TRAILER_BYTES;
}

int gicits_vm_save_size(struct gicits_vm *vm, size_t *size)
{
	size_t snap;
	int err;

	if (!vm || !size)
		return GICITS_EINVAL;
	if (vm->fwd)
		fwd_pull_all(vm); /* the pending sets the save will hold */
	err = gicits_snapshot_size(vm->gic, &vm->its, 1, &snap);
	if (err)
		return err;
	*size = image_bytes(snap, vm->ndevs);
	return GICITS_OK;
}

static uint8_t *sec_put(uint8_t *p, uint32_t type, uint64_t len)
{
	le32_write(p, type);
	le32_write(p + 4, 0);
	le64_write(p + 8, len);
	return p + SEC_HDR_BYTES;
}

int gicits_vm_save(struct gicits_vm *vm, const struct gicits_kvm_tables *tables,
		   void *buf, size_t len, size_t *used)
{
	struct gicits_kvm_tables t;
	struct gicits_kvm_export_info info;
	struct vm_dev *devs = NULL;
	size_t snap, total, snap_used;
	unsigned ndevs, i;
	uint32_t crc[3];
	uint8_t *p;
	int err;

	if (!vm || !tables || !used || (!buf && len))
		return GICITS_EINVAL;
	/* forwarded: the vPEs' pending vLPIs go back to the virtual
	 * redistributors first (KVM refuses to save otherwise), so the
	 * image is complete whatever the destination's mode */
	if (vm->fwd && len)
		fwd_pull_all(vm);
	err = gicits_snapshot_size(vm->gic, &vm->its, 1, &snap);
	if (err)
		return err;
	ndevs = vm->ndevs;
	total = image_bytes(snap, ndevs);
	*used = total;
	if (len < total)
		return GICITS_ERANGE; /* before guest memory is touched */
	t = *tables;
	t.dt_indirect = false;
	err = gicits_snapshot_kvm_export(vm->its, &t, &info);
	if (err)
		return err;
	err = mem_crc(&vm->mem, t.dt_base, t.dt_bytes, &crc[0]);
	if (!err)
		err = mem_crc(&vm->mem, t.ct_base, t.ct_bytes, &crc[1]);
	if (!err)
		err = mem_crc(&vm->mem, t.itt_base, info.itt_used, &crc[2]);
	if (err)
		return err;
	if (ndevs) {
		devs = malloc(ndevs * sizeof(*devs));
		if (!devs)
			return GICITS_ENOMEM;
		memcpy(devs, vm->devs, ndevs * sizeof(*devs));
		qsort(devs, ndevs, sizeof(*devs), dev_cmp);
	}

	p = buf;
	memcpy(p, IMG_MAGIC, 8);
	le32_write(p + 8, GICITS_VM_IMAGE_VERSION);
	le32_write(p + 12, (uint32_t)vm->mode);
	le64_write(p + 16, total);
	le64_write(p + 24, vm_fingerprint(vm));
	le32_write(p + 32, vm->num_vcpus);
	le32_write(p + 36, 3);
	p += HDR_BYTES;

	p = sec_put(p, SEC_KVMT, KVMT_BYTES);
	le64_write(p, t.dt_base);
	le64_write(p + 8, t.dt_bytes);
	le64_write(p + 16, t.ct_base);
	le64_write(p + 24, t.ct_bytes);
	le64_write(p + 32, t.itt_base);
	le64_write(p + 40, t.itt_bytes);
	le64_write(p + 48, info.itt_used);
	le32_write(p + 56, info.devices);
	le32_write(p + 60, info.events);
	le32_write(p + 64, info.collections);
	le32_write(p + 68, crc[0]);
	le32_write(p + 72, crc[1]);
	le32_write(p + 76, crc[2]);
	p += KVMT_BYTES;

	p = sec_put(p, SEC_DEVS, devs_bytes(ndevs));
	le32_write(p, ndevs);
	le32_write(p + 4, 0);
	p += 8;
	for (i = 0; i < ndevs; i++, p += 8) {
		le32_write(p, devs[i].guest_id);
		le32_write(p + 4, devs[i].host_id);
	}
	free(devs);

	p = sec_put(p, SEC_SNAP, snap);
	err = gicits_snapshot_save(vm->gic, &vm->its, 1, p, snap, &snap_used);
	if (err) /* ERANGE: pending LPIs changed since the size: not quiescent */
		return err;
	if (snap_used != snap)
		return GICITS_ESTATE;
	p += snap;
	le32_write(p, snap_crc32(0, buf, total - TRAILER_BYTES));
	return GICITS_OK;
}

/* ---- parsing ---- */

struct image {
	uint32_t mode;
	uint64_t fingerprint;
	uint32_t num_vcpus;
	const uint8_t *kvmt;
	const uint8_t *devs;
	uint32_t ndevs;
	const uint8_t *snap;
	size_t snap_len;
};

static int image_parse(const void *buf, size_t len, struct image *im)
{
	const uint8_t *b = buf, *p, *end;
	uint64_t total;
	uint32_t nsec, i, j, seen = 0;

	memset(im, 0, sizeof(*im));
	if (len < HDR_BYTES + TRAILER_BYTES)
		return GICITS_ETRUNC;
	if (memcmp(b, IMG_MAGIC, 8))
		return GICITS_EFORMAT;
	total = le64_read(b + 16);
	if (total > len)
		return GICITS_ETRUNC;
	if (total < len || total < HDR_BYTES + TRAILER_BYTES)
		return GICITS_EFORMAT;
	if (le32_read(b + 8) != GICITS_VM_IMAGE_VERSION)
		return GICITS_EVERSION;
	if (snap_crc32(0, b, len - TRAILER_BYTES) !=
	    le32_read(b + len - TRAILER_BYTES))
		return GICITS_EFORMAT;
	im->mode = le32_read(b + 12);
	im->fingerprint = le64_read(b + 24);
	im->num_vcpus = le32_read(b + 32);
	nsec = le32_read(b + 36);
	p = b + HDR_BYTES;
	end = b + len - TRAILER_BYTES;
	if (nsec > (size_t)(end - p) / SEC_HDR_BYTES)
		return GICITS_EFORMAT;
	for (i = 0; i < nsec; i++) {
		uint32_t type;
		uint64_t slen;

		if ((size_t)(end - p) < SEC_HDR_BYTES)
			return GICITS_EFORMAT;
		type = le32_read(p);
		slen = le64_read(p + 8);
		if (le32_read(p + 4))
			return GICITS_EFORMAT;
		p += SEC_HDR_BYTES;
		if (slen > (uint64_t)(end - p))
			return GICITS_EFORMAT;
		if (type >= SEC_OPTIONAL) {
			p += slen;
			continue;
		}
		/* the known sections once each, in order */
		if (type < 1 || type > SEC_SNAP || type <= seen)
			return GICITS_EFORMAT;
		seen = type;
		switch (type) {
		case SEC_KVMT:
			if (slen != KVMT_BYTES)
				return GICITS_EFORMAT;
			im->kvmt = p;
			break;
		case SEC_DEVS:
			if (slen < 8 || le32_read(p + 4) ||
			    (slen - 8) / 8 != le32_read(p) || (slen - 8) % 8)
				return GICITS_EFORMAT;
			im->ndevs = le32_read(p);
			im->devs = p + 8;
			for (j = 1; j < im->ndevs; j++)
				if (le32_read(im->devs + 8 * j) <=
				    le32_read(im->devs + 8 * (j - 1)))
					return GICITS_EFORMAT;
			break;
		case SEC_SNAP:
			im->snap = p;
			im->snap_len = (size_t)slen;
			break;
		}
		p += slen;
	}
	if (p != end || !im->kvmt || !im->devs || !im->snap)
		return GICITS_EFORMAT;
	if (im->mode != GICITS_VM_EMULATED && im->mode != GICITS_VM_FORWARDED)
		return GICITS_EFORMAT;
	return GICITS_OK;
}

int gicits_vm_image_device(const void *buf, size_t len, size_t index,
			   uint32_t *host_device_id, uint32_t *guest_device_id)
{
	struct image im;
	int err;

	if (!buf)
		return GICITS_EINVAL;
	err = image_parse(buf, len, &im);
	if (err)
		return err;
	if (index >= im.ndevs)
		return GICITS_ENOENT;
	if (guest_device_id)
		*guest_device_id = le32_read(im.devs + 8 * index);
	if (host_device_id)
		*host_device_id = le32_read(im.devs + 8 * index + 4);
	return GICITS_OK;
}

int gicits_vm_restore(struct gicits_vm *vm, const void *buf, size_t len)
{
	struct image im;
	const uint8_t *k;
	uint32_t crc;
	uint32_t i;
	int err;

	if (!vm || !buf)
		return GICITS_EINVAL;
	err = image_parse(buf, len, &im);
	if (err)
		return err;
	if (im.fingerprint != vm_fingerprint(vm) ||
	    im.num_vcpus != vm->num_vcpus)
		return GICITS_EINVAL;
	for (i = 0; i < im.ndevs; i++) {
		uint32_t g = le32_read(im.devs + 8 * i);

		if (vm->devbits < 32 && g >> vm->devbits)
			return GICITS_EFORMAT;
	}
	/*
	 * The KVM tables must be in the destination's RAM as saved.  In
	 * emulated mode they are a cross-check (the guest's own tables,
	 * migrated with the RAM, are what the vITS runs on); an image of a
	 * forwarded VM will be restored into emulated mode by importing them
	 * (gicits_snapshot_kvm_import()), its guest mappings having lived on
	 * the host ITS.
	 */
	k = im.kvmt;
	if (le64_read(k + 48) > le64_read(k + 40))
		return GICITS_EFORMAT;
	err = mem_crc(&vm->mem, le64_read(k), le64_read(k + 8), &crc);
	if (err || crc != le32_read(k + 68))
		return GICITS_ESTATE;
	err = mem_crc(&vm->mem, le64_read(k + 16), le64_read(k + 24), &crc);
	if (err || crc != le32_read(k + 72))
		return GICITS_ESTATE;
	err = mem_crc(&vm->mem, le64_read(k + 32), le64_read(k + 48), &crc);
	if (err || crc != le32_read(k + 76))
		return GICITS_ESTATE;
	err = gicits_snapshot_restore(vm->gic, &vm->its, 1, im.snap,
				      im.snap_len);
	/* into forwarded mode (from either): the shadow is rebuilt from
	 * the mode-independent KVM tables */
	if (!err && vm->fwd)
		fwd_reshadow_kvm(vm, le64_read(k), le64_read(k + 8),
				 le64_read(k + 16), le64_read(k + 24));
	return err;
}
