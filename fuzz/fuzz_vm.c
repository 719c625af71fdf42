/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * fuzz_vm: three VMs (emulated mode, two vCPUs each) on one
 * struct gicits_vm_host, driven by the input as hostile guests and a
 * hostile host would (docs/vm.md, "fuzz_vm"): arbitrary GITS_* and
 * GICR_* accesses (CWRITER included), structured or raw commands through
 * each guest's own command queue, arbitrary writes to each guest's RAM
 * (its tables included), MSIs of host devices (assigned, never assigned,
 * unassigned) and of each VM's emulated devices, vCPU acknowledges, device
 * assign/unassign, and "migrate": gicits_vm_save(), a fresh VM with a copy
 * of the RAM, the old VM destroyed, the devices re-assigned from the
 * image's list, gicits_vm_restore().
 *
 * After every op:
 *  (a) an MSI of host device h owned by VM A (or of A's own emulated
 *      device) makes pending at most one LPI, on A only, and only the
 *      pINTID of the ITE for (guest DeviceID, EventID) in A's guest tables
 *      as this file walks them from guest memory (GITS_BASER0/1 read
 *      through A's trap entry, flat or two-level, the ITT entry size from
 *      GITS_TYPER), on the vCPU the collection table entry names.  With
 *      cache=off (input byte 0 bit 0 clear) the vITS must also agree with
 *      the walk: a delivered MSI needs a valid mapping.  With cache=on
 *      (and for a forwarded VM, whose host shadow caches as the index
 *      does) the guest may edit live tables behind the index
 *      (UNPREDICTABLE, IHI 0069 5.2), so only "at most one LPI, of A" is
 *      checked;
 *  (b) an op aimed at one VM leaves every other VM's registers (GITS_*,
 *      GICR_* of each vCPU, PMR, HPPI), pending sets and RAM unchanged;
 *  (c) an MSI of a device no VM owns (the fuzzer's own model of the
 *      assignments, checked against every assign/unassign result) returns
 *      GICITS_ENOENT and changes no VM;
 *  (d) migrate: a failed save leaves the VM unchanged; a successful one
 *      restores (always), the restored VM saves to the same image byte for
 *      byte and has the same registers, pending sets and RAM.
 *
 * Forwarded mode (docs/vm.md): option bit 3 makes VM 1, bit 4 VM 2 start
 * in GICITS_VM_FORWARDED on one shared host GICv4.0 ITS and gic (four host
 * CPUs: VM 1's vCPUs loaded on 0, 1, VM 2's on 2, 3; each VM's RAM seen
 * by the host at (VM index + 1) << 32 + its guest address), and
 * "migrate" takes an operand byte whose bit 0 switches the destination's
 * mode (emulated <-> forwarded).  The VMs' pending sets are the union of
 * virtual redistributors and vPEs (gicits_vm_vcpu_pending_foreach()), so
 * (a)..(d) hold unchanged in both modes, and after every op also:
 *  (e) every host ITE of a forwarded VM is on one of its devices and
 *      names one of its vPEs with the vINTID it shadowed
 *      (gicits_vm_fwd_check()), and the host ITS reported no command
 *      error (gicits_vm_fwd_stats().host_errors == 0).
 *
 * Input: byte 0 options (bit 0 cache on, bit 1 ITE size 8 instead of 12,
 * bit 2 two-level device tables at boot, bits 3, 4 above), then ops: one byte (op % 16),
 * its VM (byte % 3) and operands; a missing byte reads as 0.  Each VM
 * boots as a guest kernel would (redistributors, tables, queue, enabled,
 * collections 0 and 1 on vCPUs 0 and 1, guest devices 0..3 with events
 * 0..7 mapped to LPIs 8192 + 8 x device + event), and host devices 0x100,
 * 0x101 start assigned to VM 0 as guest devices 0, 1, 0x102, 0x103 to VM 1
 * as 0, 1, 0x104 to VM 2 as 2; 0x105 starts free, 0x106 is never
 * assigned: so most MSIs of an input reach a mapping.
 *
 * Run (docs/reliability.md):
 *   cmake --preset fuzz && cmake --build --preset fuzz -j2
 *   mkdir -p /tmp/vm && cp -r fuzz/corpus/fuzz_vm/. /tmp/vm/
 *   ./build/fuzz/fuzz/fuzz_vm -max_total_time=180 -print_final_stats=1 /tmp/vm
 * CTest's fuzz.fuzz_vm replays fuzz/corpus/fuzz_vm (any build);
 * FUZZ_VM_SEEDS=DIR ./build/default/fuzz/fuzz_vm x writes the hand-made
 * seeds to DIR.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gicits/cmd.h"
#include "gicits/error.h"
#include "gicits/its.h"
#include "gicits/mem.h"
#include "gicits/rdist.h"
#include "gicits/snapshot.h"
#include "gicits/vm.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NVM 3
#define NVCPU 2
#define RAM 0x40000000ULL
#define RAM_SIZE 0x40000u
#define PROP (RAM + 0x0)
#define PEND(k) (RAM + 0x10000ULL * (1 + (k)))
#define DT (RAM + 0x30000ULL) /* one 4 KB page; level 1 when two-level */
#define DT_L2 (RAM + 0x33000ULL)
#define CT (RAM + 0x31000ULL)
#define CQ (RAM + 0x32000ULL)
#define ITTS (RAM + 0x34000ULL) /* 48 slots of 256 bytes */
#define NSLOTS 48u
#define IDBITS 14
#define DEVBITS 8
/* the KVM tables: a carve-out of the VMM, outside the guest's RAM */
#define CARVE 0x80000000ULL
#define CARVE_SIZE 0x20000u
#define NHOST 7 /* host devices 0x100..0x106; 0x106 is never assigned */
#define HOST_ID(i) (0x100u + (i))
#define MAX_PEND 512

struct vmst {
	struct gicits_vm *vm;
	enum gicits_vm_mode mode;
	unsigned slot; /* index in vms[] */
	uint8_t *ram, *carve;
	uint8_t *shadow; /* RAM as of the last op aimed at this VM */
	struct gicits_mem mem;
};

/* what a VM shows (RAM aside): compared for (b) and (d) */
struct obs {
	uint64_t its[16];
	uint64_t rd[NVCPU][6];
	uint32_t hppi[NVCPU];
	uint32_t pend[NVCPU][MAX_PEND];
	unsigned npend[NVCPU];
};

static struct vmst vms[NVM];
static struct gicits_vm_host *host;
/* forwarded mode's host side, shared by the forwarded VMs */
#define FH_CARVE 0x800000000ULL
#define FH_CARVE_SIZE (2u << 20)
#define FH_NCPU 4
static struct {
	uint8_t *carve;
	struct gicits_mem mem;
	struct gicits_gic *gic;
	struct gicits_its *its;
	struct gicits_vm_fwd_host *fh;
} fhs;
static int owner[NHOST]; /* VM index, -1 if none */
static uint32_t owner_gid[NHOST];
static bool cache_on, ite8, twolevel;
/* FUZZ_VM_VERBOSE=1: what each input did */
static unsigned long n_delivered, n_migrated, n_save_failed, n_exposed;

static const struct gicits_kvm_tables kvm_area = {
	.dt_base = CARVE,
	.dt_bytes = 0x1000,
	.ct_base = CARVE + 0x1000,
	.ct_bytes = 0x1000,
	.itt_base = CARVE + 0x2000,
	.itt_bytes = CARVE_SIZE - 0x2000,
};

static void fail(const char *what)
{
	fprintf(stderr, "fuzz_vm: INVARIANT VIOLATED: %s\n", what);
	abort();
}

/* ---- input ---- */

struct input {
	const uint8_t *p;
	size_t n;
};

static uint8_t g8(struct input *in)
{
	if (!in->n)
		return 0;
	in->n--;
	return *in->p++;
}

static uint64_t gn(struct input *in, unsigned bytes)
{
	uint64_t v = 0;
	unsigned i;

	for (i = 0; i < bytes; i++)
		v |= (uint64_t)g8(in) << (8 * i);
	return v;
}

/* ---- guest memory, as the reference walk reads it ---- */

static uint64_t rd_mem(struct vmst *v, uint64_t pa, unsigned len)
{
	uint64_t x = 0;
	unsigned i;

	if (pa >= RAM && pa - RAM < RAM_SIZE && RAM_SIZE - (pa - RAM) >= len) {
		for (i = 0; i < len; i++)
			x |= (uint64_t)v->ram[pa - RAM + i] << (8 * i);
	} else if (pa >= CARVE && pa - CARVE < CARVE_SIZE &&
		   CARVE_SIZE - (pa - CARVE) >= len) {
		/* a hostile guest may point its tables at the carve-out */
		for (i = 0; i < len; i++)
			x |= (uint64_t)v->carve[pa - CARVE + i] << (8 * i);
	}
	return x; /* nothing else backs the VM's memory: reads as 0 */
}

static uint64_t its_r(struct vmst *v, uint32_t off)
{
	uint64_t x = 0;
	bool r32 = off == GICITS_GITS_CTLR || off == GICITS_GITS_IIDR ||
		   off == GICITS_GITS_STATUSR;

	gicits_vm_its_mmio_read(v->vm, off, r32 ? 4 : 8, &x);
	return x;
}

/*
 * Entry @id of the table GITS_BASER@n describes (IHI 0069 GITS_BASER<n>:
 * Valid, Indirect, Page_Size, Entry_Size, Physical_Address, Size; a
 * level-1 entry is [63] Valid, [51:12] the level-2 page), or 0.
 */
static uint64_t walk_baser(struct vmst *v, unsigned n, uint64_t id)
{
	uint64_t b = its_r(v, GICITS_GITS_BASER(n)), pa, psize, esz, bytes;

	if (!(b >> 63))
		return 0;
	switch ((b >> 8) & 3) {
	case 0:
		psize = 0x1000;
		pa = b & 0xFFFFFFFFF000ULL;
		break;
	case 1:
		psize = 0x4000;
		pa = b & 0xFFFFFFFFC000ULL;
		break;
	default:
		psize = 0x10000;
		pa = (b & 0xFFFFFFFF0000ULL) | ((b >> 12) & 0xF) << 48;
		break;
	}
	esz = ((b >> 48) & 31) + 1;
	bytes = ((b & 0xff) + 1) * psize;
	if (b >> 62 & 1) {
		uint64_t per = psize / esz, l1;

		if (id / per >= bytes / 8)
			return 0;
		l1 = rd_mem(v, pa + id / per * 8, 8);
		if (!(l1 >> 63))
			return 0;
		return rd_mem(v, (l1 & 0xFFFFFFFFFF000ULL) + id % per * esz, 8);
	}
	if (id >= bytes / esz)
		return 0;
	return rd_mem(v, pa + id * esz, 8);
}

/* What an MSI (@dev, @ev) of VM @v may make pending: true and the LPI
 * and vCPU if the guest's tables map it. */
static bool walk(struct vmst *v, uint32_t dev, uint32_t ev, uint32_t *intid,
		 unsigned *cpu)
{
	uint64_t dte, ite, cte, itt;
	unsigned size, isz;

	if (!(its_r(v, GICITS_GITS_CTLR) & 1) || dev >> DEVBITS)
		return false;
	dte = walk_baser(v, 0, dev);
	if (!(dte >> 63))
		return false;
	size = dte & 31;
	if ((uint64_t)ev >> (size + 1))
		return false;
	itt = ((dte >> 5) & ((1ULL << 44) - 1)) << 8;
	isz = ((its_r(v, GICITS_GITS_TYPER) >> 4) & 15) + 1;
	ite = rd_mem(v, itt + (uint64_t)ev * isz, 8);
	*intid = (uint32_t)(ite >> 16);
	if (*intid < 8192 || *intid >> IDBITS)
		return false;
	cte = walk_baser(v, 1, ite & 0xffff);
	if (!(cte >> 63))
		return false;
	*cpu = (unsigned)((cte >> 16) & 0xFFFFFFFFFULL);
	return *cpu < NVCPU;
}

static bool hits_carve(uint64_t pa, uint64_t bytes)
{
	return pa < CARVE + CARVE_SIZE && pa + bytes > CARVE;
}

/* Whether the guest's tables, queue or LPI tables use the carve-out the
 * save writes the KVM tables to (a VMM keeps it out of the guest's reach;
 * here a raw register value or command can name it): then the save
 * overwrites guest state and (d) compares nothing. */
static bool carve_exposed(struct vmst *v)
{
	uint64_t x, isz = ((its_r(v, GICITS_GITS_TYPER) >> 4) & 15) + 1;
	unsigned n, k;
	uint32_t dev;

	for (n = 0; n < 8; n++) {
		uint64_t b = its_r(v, GICITS_GITS_BASER(n));

		if (b >> 63 && hits_carve(b & 0xFFFFFFFF0000ULL, 1ULL << 24))
			return true;
	}
	x = its_r(v, GICITS_GITS_CBASER);
	if (x >> 63 && hits_carve(x & 0xFFFFFFFFFF000ULL, 1ULL << 20))
		return true;
	for (k = 0; k < NVCPU; k++) {
		gicits_vm_rdist_read(v->vm, k, GICITS_GICR_PROPBASER, 8, &x);
		if (hits_carve(x & 0xFFFFFFFFFF000ULL, 1ULL << 16))
			return true;
		gicits_vm_rdist_read(v->vm, k, GICITS_GICR_PENDBASER, 8, &x);
		if (hits_carve(x & 0xFFFFFFFFF0000ULL, 1ULL << 16))
			return true;
	}
	for (n = 0; n < 2; n++) {
		uint64_t b = its_r(v, GICITS_GITS_BASER(n));
		uint64_t l1 = b & 0xFFFFFFFFF000ULL, i;

		if (!(b >> 63 && b >> 62 & 1))
			continue;
		for (i = 0; i < 512; i++) {
			x = rd_mem(v, l1 + 8 * i, 8);
			if (x >> 63 &&
			    hits_carve(x & 0xFFFFFFFFFF000ULL, 0x10000))
				return true;
		}
	}
	for (dev = 0; dev < (1u << DEVBITS); dev++) {
		uint64_t dte = walk_baser(v, 0, dev);

		if (dte >> 63 &&
		    hits_carve(((dte >> 5) & ((1ULL << 44) - 1)) << 8,
			       isz << ((dte & 31) + 1)))
			return true;
	}
	return false;
}

/* ---- the host side (forwarded mode) ---- */

/* The host's view of VM i's RAM: (i + 1) << 32 + guest address, looked up
 * at each access (a migrated VM's RAM moves in host memory) */
static uint8_t *host_ram(uint64_t pa, size_t len)
{
	uint64_t i = (pa >> 32) - 1, ga = pa & 0xFFFFFFFFull;

	if ((pa >> 32) < 1 || i >= NVM || !vms[i].ram || ga < RAM ||
	    ga - RAM >= RAM_SIZE || RAM_SIZE - (ga - RAM) < len)
		return NULL;
	return vms[i].ram + (ga - RAM);
}

static int host_read(void *opaque, uint64_t pa, void *dst, size_t len)
{
	uint8_t *p = host_ram(pa, len);

	(void)opaque;
	if (!p)
		return -1;
	memcpy(dst, p, len);
	return 0;
}

static int host_write(void *opaque, uint64_t pa, const void *src, size_t len)
{
	uint8_t *p = host_ram(pa, len);

	(void)opaque;
	if (!p)
		return -1;
	memcpy(p, src, len);
	return 0;
}

static const struct gicits_mem_ops host_ops = { host_read, host_write };

static void fh_init(void)
{
	struct gicits_gic_config gc;
	struct gicits_its_config ic;
	struct gicits_vm_fwd_host_config fc;

	fhs.carve = calloc(1, FH_CARVE_SIZE);
	if (!fhs.carve)
		fail("malloc");
	gicits_mem_init(&fhs.mem, &host_ops, NULL);
	gicits_mem_add_direct(&fhs.mem, FH_CARVE, FH_CARVE_SIZE, fhs.carve);
	gicits_gic_config_default(&gc);
	gc.version = GICITS_GIC_V4_0;
	gc.num_cpus = FH_NCPU;
	gc.intid_bits = IDBITS;
	gicits_its_config_default(&ic);
	ic.gic = GICITS_GIC_V4_0;
	ic.devbits = 9;
	ic.idbits = 8;
	gicits_vm_fwd_host_config_default(&fc);
	fc.mem = &fhs.mem;
	fc.carve_base = FH_CARVE;
	fc.carve_size = FH_CARVE_SIZE;
	fc.max_vpes = NVM * NVCPU;
	if (gicits_gic_create(&gc, &fhs.mem, &fhs.gic) ||
	    gicits_its_create(&ic, fhs.gic, &fhs.mem, &fhs.its))
		fail("host GICv4 create");
	fc.its = fhs.its;
	fc.gic = fhs.gic;
	if (gicits_vm_fwd_host_create(&fc, &fhs.fh))
		fail("forwarded host create");
}

static void fh_fini(void)
{
	gicits_vm_fwd_host_destroy(fhs.fh);
	gicits_its_destroy(fhs.its);
	gicits_gic_destroy(fhs.gic);
	free(fhs.carve);
	memset(&fhs, 0, sizeof(fhs));
}

/* (e) */
static void check_host(void)
{
	unsigned i;

	for (i = 0; i < NVM; i++) {
		struct gicits_vm_fwd_stats st;

		if (gicits_vm_fwd_check(vms[i].vm) != GICITS_OK)
			fail("a host ITE of a forwarded VM is not its own");
		if (gicits_vm_fwd_stats(vms[i].vm, &st) || st.host_errors)
			fail("the host ITS reported a command error");
	}
}

/* ---- observation ---- */

struct pcol {
	uint32_t *id;
	unsigned n;
};

static int pend_add(void *opaque, uint32_t intid)
{
	struct pcol *c = opaque;

	if (c->n >= MAX_PEND)
		return 1; /* stop the walk */
	c->id[c->n++] = intid;
	return 0;
}

static const uint32_t its_regs[] = {
	GICITS_GITS_CTLR,     GICITS_GITS_IIDR,	    GICITS_GITS_TYPER,
	GICITS_GITS_STATUSR,  GICITS_GITS_UMSIR,    GICITS_GITS_CBASER,
	GICITS_GITS_CWRITER,  GICITS_GITS_CREADR,   GICITS_GITS_BASER(0),
	GICITS_GITS_BASER(1), GICITS_GITS_BASER(2), GICITS_GITS_BASER(7),
};
static const uint32_t rd_regs[] = {
	GICITS_GICR_CTLR,      GICITS_GICR_TYPER, GICITS_GICR_PROPBASER,
	GICITS_GICR_PENDBASER, GICITS_GICR_WAKER, GICITS_GICR_STATUSR
};

static void observe(struct vmst *v, struct obs *o)
{
	unsigned i, k;

	memset(o, 0, sizeof(*o));
	for (i = 0; i < sizeof(its_regs) / sizeof(its_regs[0]); i++)
		o->its[i] = its_r(v, its_regs[i]);
	for (k = 0; k < NVCPU; k++) {
		struct pcol c = { o->pend[k], 0 };

		for (i = 0; i < sizeof(rd_regs) / sizeof(rd_regs[0]); i++)
			gicits_vm_rdist_read(v->vm, k, rd_regs[i], 4,
					     &o->rd[k][i]);
		o->hppi[k] = gicits_vm_vcpu_hppi(v->vm, k);
		/* MAX_PEND: an input of at most 256 ops makes fewer LPIs
		 * pending (INT and MSIs: one each) */
		if (gicits_vm_vcpu_pending_foreach(v->vm, k, pend_add, &c) !=
		    GICITS_OK)
			fail("more pending LPIs than the fuzzer can hold");
		o->npend[k] = c.n;
	}
}

static bool same_obs(const struct obs *a, const struct obs *b, bool hppi)
{
	unsigned k;

	if (memcmp(a->its, b->its, sizeof(a->its)) ||
	    memcmp(a->rd, b->rd, sizeof(a->rd)))
		return false;
	for (k = 0; k < NVCPU; k++) {
		if (a->npend[k] != b->npend[k] ||
		    memcmp(a->pend[k], b->pend[k],
			   a->npend[k] * sizeof(uint32_t)))
			return false;
		if (hppi && a->hppi[k] != b->hppi[k])
			return false;
	}
	return true;
}

static bool is_pending(const struct obs *o, unsigned k, uint32_t id)
{
	unsigned i;

	for (i = 0; i < o->npend[k]; i++)
		if (o->pend[k][i] == id)
			return true;
	return false;
}

/* ---- set-up ---- */

static int vm_make(struct vmst *v)
{
	struct gicits_vm_config vc;
	struct gicits_its_config ic;
	struct gicits_gic_config gc;

	gicits_mem_init(&v->mem, NULL, NULL);
	gicits_mem_add_direct(&v->mem, RAM, RAM_SIZE, v->ram);
	gicits_mem_add_direct(&v->mem, CARVE, CARVE_SIZE, v->carve);
	gicits_vm_config_default(&vc);
	gicits_its_config_default(&ic);
	gicits_gic_config_default(&gc);
	ic.devbits = DEVBITS;
	ic.cidbits = 8;
	ic.ite_size = ite8 ? 8 : 12;
	ic.cache = cache_on ? GICITS_CACHE_ON : GICITS_CACHE_OFF;
	gc.intid_bits = IDBITS;
	vc.num_vcpus = NVCPU;
	vc.its = &ic;
	vc.gic = &gc;
	vc.max_devices = 4;
	vc.mode = v->mode;
	if (v->mode == GICITS_VM_FORWARDED) {
		/* the slot's (a migration's destination is a local copy) */
		unsigned i = v->slot, k;
		int err;

		vc.fwd = fhs.fh;
		vc.fwd_guest_base = RAM;
		vc.fwd_guest_size = RAM_SIZE;
		vc.fwd_host_offset = (uint64_t)(i + 1) << 32;
		err = gicits_vm_create(&vc, &v->mem, &v->vm);
		for (k = 0; !err && k < NVCPU; k++)
			err = gicits_vm_vcpu_load(v->vm, k,
						  (i == 2 ? NVCPU : 0) + k);
		return err;
	}
	return gicits_vm_create(&vc, &v->mem, &v->vm);
}

static void boot(struct vmst *v)
{
	struct gicits_cmd c;
	uint64_t b;
	unsigned k, n, d, e;

	memset(v->ram, 0xA3, (1u << IDBITS) - 8192); /* LPIs on, prio 0xA0 */
	for (k = 0; k < NVCPU; k++) {
		gicits_vm_rdist_write(v->vm, k, GICITS_GICR_WAKER, 4, 0);
		gicits_vm_rdist_write(v->vm, k, GICITS_GICR_PROPBASER, 8,
				      PROP | (IDBITS - 1));
		gicits_vm_rdist_write(v->vm, k, GICITS_GICR_PENDBASER, 8,
				      PEND(k));
		gicits_vm_rdist_write(v->vm, k, GICITS_GICR_CTLR, 4, 1);
		gicits_vm_vcpu_set_pmr(v->vm, k, 0xff);
	}
	b = its_r(v, GICITS_GITS_BASER(0)) & ~(0xFFFFFFFFF000ULL | 0x3ff);
	if (twolevel) {
		b |= 1ULL << 62;
		/* level 1 entry 0: the level-2 page */
		memcpy(v->ram + (DT - RAM), &(uint64_t){ 1ULL << 63 | DT_L2 },
		       8);
	}
	gicits_vm_its_mmio_write(v->vm, GICITS_GITS_BASER(0), 8,
				 b | 1ULL << 63 | DT, 0);
	b = its_r(v, GICITS_GITS_BASER(1)) & ~(0xFFFFFFFFF000ULL | 0x3ff);
	gicits_vm_its_mmio_write(v->vm, GICITS_GITS_BASER(1), 8,
				 b | 1ULL << 63 | CT, 0);
	gicits_vm_its_mmio_write(v->vm, GICITS_GITS_CBASER, 8, 1ULL << 63 | CQ,
				 0);
	gicits_vm_its_mmio_write(v->vm, GICITS_GITS_CWRITER, 8, 0, 0);
	gicits_vm_its_mmio_write(v->vm, GICITS_GITS_CTLR, 4, 1, 0);
	/* collections 0, 1 on vCPUs 0, 1; devices 0..3 (16 events, slot d)
	 * with events 0..7 -> LPI 8192 + 8d + e in collection e % 2 */
	n = 0;
	for (k = 0; k < NVCPU; k++) {
		gicits_cmd_mapc(&c, (uint16_t)k, k, true);
		gicits_cmd_to_bytes(&c, v->ram + (CQ - RAM) + 32 * n++);
	}
	for (d = 0; d < 4; d++) {
		gicits_cmd_mapd(&c, d, 3, ITTS + 256ULL * d, true);
		gicits_cmd_to_bytes(&c, v->ram + (CQ - RAM) + 32 * n++);
		for (e = 0; e < 8; e++) {
			gicits_cmd_mapti(&c, d, e, 8192 + 8 * d + e,
					 (uint16_t)(e % 2));
			gicits_cmd_to_bytes(&c, v->ram + (CQ - RAM) + 32 * n++);
		}
	}
	gicits_vm_its_mmio_write(v->vm, GICITS_GITS_CWRITER, 8, 32 * n, 0);
}

static void sys_init(uint8_t opt)
{
	unsigned i;

	if (gicits_vm_host_create(8, &host))
		fail("host create");
	fh_init();
	for (i = 0; i < NVM; i++) {
		struct vmst *v = &vms[i];

		v->slot = i;
		v->mode = (i == 1 && (opt & 8)) || (i == 2 && (opt & 16)) ?
				  GICITS_VM_FORWARDED :
				  GICITS_VM_EMULATED;
		v->ram = calloc(1, RAM_SIZE);
		v->carve = calloc(1, CARVE_SIZE);
		v->shadow = malloc(RAM_SIZE);
		if (!v->ram || !v->carve || !v->shadow || vm_make(v))
			fail("VM create");
		boot(v);
		memcpy(v->shadow, v->ram, RAM_SIZE);
	}
	/* host devices 0..4 assigned: 0, 1 to VM 0 as guest devices 0, 1;
	 * 2, 3 to VM 1 as 0, 1; 4 to VM 2 as 2; 5 free; 6 never assigned */
	for (i = 0; i < NHOST; i++) {
		static const int vm_of[NHOST] = { 0, 0, 1, 1, 2, -1, -1 };
		static const uint32_t gid_of[NHOST] = { 0, 1, 0, 1, 2, 0, 0 };

		owner[i] = vm_of[i];
		owner_gid[i] = gid_of[i];
		if (owner[i] >= 0 &&
		    gicits_vm_host_assign(host, vms[owner[i]].vm, HOST_ID(i),
					  owner_gid[i]))
			fail("boot assign");
	}
}

static void sys_fini(void)
{
	unsigned i;

	for (i = 0; i < NVM; i++) {
		gicits_vm_destroy(vms[i].vm);
		free(vms[i].ram);
		free(vms[i].carve);
		free(vms[i].shadow);
	}
	gicits_vm_host_destroy(host);
	fh_fini();
	memset(vms, 0, sizeof(vms));
	host = NULL;
}

/* ---- ops ---- */

/* (a): after an MSI (@dev, @ev) of VM @a returned @r, given @before */
/* @r: what the MSI returned, or MSI_UNKNOWN (a GITS_TRANSLATER write) */
#define MSI_UNKNOWN (-1000)

static void check_msi(unsigned a, uint32_t dev, uint32_t ev, int r,
		      const struct obs *before)
{
	struct obs after;
	uint32_t intid = 0;
	unsigned cpu = 0, k, i, newly = 0;
	bool mapped = walk(&vms[a], dev, ev, &intid, &cpu);
	char msg[160];

	/* a forwarded VM's host shadow caches the guest's mappings as the
	 * vITS's index does (cache=on): tables edited behind it are the
	 * guest's UNPREDICTABLE business (docs/vm.md) */
	bool strict = !cache_on && vms[a].mode == GICITS_VM_EMULATED;

	observe(&vms[a], &after);
	n_delivered += r == GICITS_DROP_NONE;
	/* whatever the caching: a disabled vITS translates nothing
	 * (IHI 0069 GITS_CTLR.Enabled) */
	if (r == GICITS_DROP_NONE && !(its_r(&vms[a], GICITS_GITS_CTLR) & 1))
		fail("an MSI was delivered by a disabled vITS");
	if (r == GICITS_DROP_NONE && !mapped && strict) {
		snprintf(msg, sizeof(msg),
			 "VM %u: MSI dev=%#x ev=%#x delivered, the guest's "
			 "tables map nothing",
			 a, dev, ev);
		fail(msg);
	}
	for (k = 0; k < NVCPU; k++) {
		for (i = 0; i < after.npend[k]; i++) {
			if (is_pending(before, k, after.pend[k][i]))
				continue;
			newly++;
			if ((r != GICITS_DROP_NONE && r != MSI_UNKNOWN) ||
			    (strict &&
			     (after.pend[k][i] != intid || k != cpu))) {
				snprintf(
					msg, sizeof(msg),
					"VM %u: MSI dev=%#x ev=%#x (r=%d) made "
					"%u pending on vCPU %u; the guest's "
					"ITE says %u on vCPU %u",
					a, dev, ev, r, after.pend[k][i], k,
					mapped ? intid : 0, cpu);
				fail(msg);
			}
		}
	}
	if (newly > 1)
		fail("an MSI made more than one LPI pending");
}

static void put_cmd(struct vmst *v, const uint8_t b[32])
{
	uint64_t cb = its_r(v, GICITS_GITS_CBASER);
	uint64_t cw = its_r(v, GICITS_GITS_CWRITER) & 0xFFFE0;
	uint64_t base = cb & 0xFFFFFFFFFF000ULL, qsz = ((cb & 0xff) + 1) * 4096;

	if (!(cb >> 63))
		return;
	if (base >= RAM && base - RAM < RAM_SIZE && cw < qsz &&
	    base - RAM + cw + 32 <= RAM_SIZE)
		memcpy(v->ram + (base - RAM) + cw, b, 32);
	gicits_vm_its_mmio_write(v->vm, GICITS_GITS_CWRITER, 8, (cw + 32) % qsz,
				 0);
}

static void op_cmd(struct vmst *v, struct input *in)
{
	struct gicits_cmd c;
	uint8_t b[32];
	uint8_t kind = g8(in);
	uint32_t dev = g8(in), ev = g8(in) & 63;
	uint32_t intid = 8192 + (g8(in) & 63);
	uint16_t icid = g8(in) & 7;

	switch (kind % 14) {
	case 0: {
		uint8_t s = g8(in);

		gicits_cmd_mapd(&c, dev, s & 7, ITTS + 256ULL * (s % NSLOTS),
				!(s & 0x80));
		break;
	}
	case 1:
		gicits_cmd_mapc(&c, icid, g8(in) % 3, !(ev & 32));
		break;
	case 2:
		gicits_cmd_mapti(&c, dev, ev, intid, icid);
		break;
	case 3:
		gicits_cmd_mapi(&c, dev, ev, icid);
		break;
	case 4:
		gicits_cmd_movi(&c, dev, ev, icid);
		break;
	case 5:
		gicits_cmd_discard(&c, dev, ev);
		break;
	case 6:
		gicits_cmd_inv(&c, dev, ev);
		break;
	case 7:
		gicits_cmd_invall(&c, icid);
		break;
	case 8:
		gicits_cmd_movall(&c, g8(in) % 3, g8(in) % 3);
		break;
	case 9:
		gicits_cmd_int(&c, dev, ev);
		break;
	case 10:
		gicits_cmd_clear_event(&c, dev, ev);
		break;
	case 11:
		gicits_cmd_sync(&c, g8(in) % 3);
		break;
	default: { /* raw */
		unsigned i;

		for (i = 0; i < 32; i++)
			b[i] = g8(in);
		put_cmd(v, b);
		return;
	}
	}
	gicits_cmd_to_bytes(&c, b);
	put_cmd(v, b);
}

static void op_mmio(struct vmst *v, struct input *in)
{
	static const uint32_t offs[] = {
		GICITS_GITS_CTLR,     GICITS_GITS_CBASER,
		GICITS_GITS_CWRITER,  GICITS_GITS_CREADR,
		GICITS_GITS_BASER(0), GICITS_GITS_BASER(1),
		GICITS_GITS_BASER(2), GICITS_GITS_UMSIR,
	};
	uint8_t sel = g8(in);
	uint32_t off = sel & 0x80 ?
			       (uint32_t)gn(in, 3) :
			       offs[sel % (sizeof(offs) / sizeof(offs[0]))];
	unsigned size = sel & 0x40 ? 4 : 8;
	uint64_t val = gn(in, 8), x = 0;

	if (sel & 0x20) /* a table or queue address inside the guest's RAM */
		val = (val & ~0xFFFFFFFFF000ULL) |
		      ((RAM + (val >> 12) % (RAM_SIZE / 0x1000) * 0x1000) &
		       0xFFFFFFFFF000ULL);
	if (sel & 0x10)
		gicits_vm_its_mmio_read(v->vm, off, size, &x);
	else
		gicits_vm_its_mmio_write(v->vm, off, size, val, g8(in));
}

static void op_rdist(struct vmst *v, struct input *in)
{
	static const uint32_t offs[] = {
		GICITS_GICR_CTLR,  GICITS_GICR_PROPBASER, GICITS_GICR_PENDBASER,
		GICITS_GICR_WAKER, GICITS_GICR_INVLPIR,	  GICITS_GICR_INVALLR
	};
	uint8_t sel = g8(in);
	unsigned k = g8(in) % NVCPU;
	uint32_t off = sel & 0x80 ?
			       (uint32_t)gn(in, 2) :
			       offs[sel % (sizeof(offs) / sizeof(offs[0]))];
	uint64_t val = gn(in, 8);

	gicits_vm_rdist_write(v->vm, k, off, sel & 0x40 ? 4 : 8, val);
}

static void op_mem(struct vmst *v, struct input *in)
{
	uint32_t at = (uint32_t)gn(in, 3) % RAM_SIZE;
	unsigned len = 1 + g8(in) % 8;
	uint64_t val = gn(in, 8);

	if (at + len > RAM_SIZE)
		len = RAM_SIZE - at;
	memcpy(v->ram + at, &val, len); /* little-endian host (CI) */
}

static void op_ack(struct vmst *v, struct input *in)
{
	unsigned k = g8(in) % NVCPU;
	uint8_t b = g8(in);
	uint32_t id;

	if (b & 0x80) {
		gicits_vm_vcpu_set_pmr(v->vm, k, (uint8_t)(b << 1));
		return;
	}
	id = gicits_vm_vcpu_ack(v->vm, k);
	if (id != GICITS_INTID_SPURIOUS && (b & 1))
		gicits_vm_vcpu_eoi(v->vm, k, id);
}

static int count_owned(unsigned vmi)
{
	int n = 0, i;

	for (i = 0; i < NHOST; i++)
		n += owner[i] == (int)vmi;
	return n;
}

static void op_assign(unsigned vmi, struct input *in)
{
	unsigned h = g8(in) % (NHOST - 1);
	uint8_t gb = g8(in);
	uint32_t gid = gb & 0x80 ? 0x100u + gb : gb & 15;
	int r = gicits_vm_host_assign(host, vms[vmi].vm, HOST_ID(h), gid);
	int want = GICITS_OK, i;

	if (gid >> DEVBITS) {
		want = GICITS_ERANGE;
	} else if (owner[h] >= 0) {
		want = GICITS_ESTATE;
	} else {
		for (i = 0; i < NHOST; i++)
			if (owner[i] == (int)vmi && owner_gid[i] == gid)
				want = GICITS_ESTATE;
		if (want == GICITS_OK && count_owned(vmi) >= 4)
			want = GICITS_ENOMEM;
	}
	if (r != want)
		fail("assign: result differs from the model");
	if (r == GICITS_OK) {
		owner[h] = (int)vmi;
		owner_gid[h] = gid;
	}
}

static void op_unassign(struct input *in)
{
	unsigned h = g8(in) % NHOST;
	int r = gicits_vm_host_unassign(host, HOST_ID(h));

	if (r != (owner[h] >= 0 ? GICITS_OK : GICITS_ENOENT))
		fail("unassign: result differs from the model");
	owner[h] = -1;
}

/* (d) */
static void op_migrate(unsigned vmi, uint8_t sw)
{
	struct vmst *v = &vms[vmi], nv;
	static struct obs before, after;
	size_t sz = 0, used = 0, used2 = 0, i;
	uint8_t *img, *img2;
	uint32_t h, gid;
	int r;

	bool exposed = carve_exposed(v);

	observe(v, &before);
	if (gicits_vm_save_size(v->vm, &sz))
		fail("save size");
	img = malloc(sz);
	img2 = malloc(sz);
	if (!img || !img2)
		fail("malloc");
	r = gicits_vm_save(v->vm, &kvm_area, img, sz, &used);
	n_exposed += exposed;
	if (r) {
		n_save_failed++;
		if (r != GICITS_ERANGE && r != GICITS_EFAULT &&
		    r != GICITS_EFORMAT)
			fail("save: unexpected error");
		observe(v, &after);
		if (!exposed && (!same_obs(&before, &after, true) ||
				 memcmp(v->ram, v->shadow, RAM_SIZE)))
			fail("a failed save changed the VM");
		goto out;
	}
	if (used != sz)
		fail("save: size differs from gicits_vm_save_size()");
	nv = *v;
	/* a mode switch by migration: emulated <-> forwarded */
	if (sw & 1)
		nv.mode = v->mode == GICITS_VM_FORWARDED ? GICITS_VM_EMULATED :
							   GICITS_VM_FORWARDED;
	nv.ram = malloc(RAM_SIZE);
	nv.carve = malloc(CARVE_SIZE);
	if (!nv.ram || !nv.carve)
		fail("malloc");
	memcpy(nv.ram, v->ram, RAM_SIZE);
	memcpy(nv.carve, v->carve, CARVE_SIZE);
	/* the source goes first: a forwarded destination takes the vPEs
	 * and the host CPUs it had */
	gicits_vm_destroy(v->vm); /* unassigns its devices */
	free(v->ram);
	free(v->carve);
	v->ram = nv.ram;
	v->vm = NULL;
	if (vm_make(&nv))
		fail("destination VM");
	v->mode = nv.mode;
	v->vm = nv.vm;
	v->ram = nv.ram;
	v->carve = nv.carve;
	v->mem = nv.mem;
	for (i = 0; gicits_vm_image_device(img, sz, i, &h, &gid) == GICITS_OK;
	     i++) {
		if (h < HOST_ID(0) || h >= HOST_ID(NHOST) ||
		    owner[h - HOST_ID(0)] != (int)vmi ||
		    owner_gid[h - HOST_ID(0)] != gid)
			fail("image assignment list differs from the model");
		if (gicits_vm_host_assign(host, v->vm, h, gid))
			fail("re-assign");
	}
	if ((int)i != count_owned(vmi))
		fail("image assignment list is short");
	r = gicits_vm_restore(v->vm, img, sz);
	if (r)
		fail("restore of a fresh image failed");
	if (exposed) {
		memcpy(v->shadow, v->ram, RAM_SIZE);
		goto out;
	}
	r = gicits_vm_save(v->vm, &kvm_area, img2, sz, &used2);
	/* the same image; the mode that saved it (offset 12) and so the
	 * CRC aside when the mode switched */
	if (r || used2 != sz || memcmp(img, img2, 12) ||
	    memcmp(img + 16, img2 + 16, sz - 20) ||
	    (!(sw & 1) && memcmp(img, img2, sz)))
		fail("restore-then-save differs from the save");
	observe(v, &after);
	/* the HPPI may differ: restore re-reads LPI configuration */
	if (!same_obs(&before, &after, false))
		fail("the restored VM shows other registers or pending sets");
	n_migrated++;
	if (memcmp(v->ram, v->shadow, RAM_SIZE))
		fail("migration changed the guest's RAM");
out:
	free(img);
	free(img2);
}

static void step(struct input *in)
{
	static struct obs before[NVM], after;
	uint8_t op = g8(in);
	unsigned vmi = g8(in) % NVM, i, target = vmi;
	bool all_same = false; /* no VM may change */
	int r;

	for (i = 0; i < NVM; i++)
		observe(&vms[i], &before[i]);
	if (getenv("FUZZ_VM_OPS"))
		fprintf(stderr, "op %u vm %u (next %02x %02x %02x %02x)\n",
			op % 16, vmi, in->n > 0 ? in->p[0] : 0,
			in->n > 1 ? in->p[1] : 0, in->n > 2 ? in->p[2] : 0,
			in->n > 3 ? in->p[3] : 0);
	switch (op % 16) {
	case 0:
	case 1:
		op_cmd(&vms[vmi], in);
		break;
	case 2:
		op_mmio(&vms[vmi], in);
		break;
	case 3:
		op_rdist(&vms[vmi], in);
		break;
	case 4:
		op_mem(&vms[vmi], in);
		break;
	case 5:
	case 6:
	case 7: { /* an MSI of a host device */
		unsigned h = g8(in) % NHOST;
		uint32_t ev = g8(in) & 63;
		/* op 7: the device's MSI straight to the host ITS, as a
		 * forwarded VM's device is wired (docs/vm.md "MSIs"): the
		 * same guest-visible result as gicits_vm_host_msi() for a
		 * forwarded VM's device; the host ITS's own drop for any
		 * other (no owner, or an emulated VM's: not this ITS's) */
		bool direct = op % 16 == 7;

		if (ev == 63)
			ev = (uint32_t)gn(in, 4);
		r = direct ? gicits_its_msi(fhs.its, HOST_ID(h), ev) :
			     gicits_vm_host_msi(host, HOST_ID(h), ev);
		if (direct && (owner[h] < 0 ||
			       vms[owner[h]].mode != GICITS_VM_FORWARDED)) {
			if (r <= 0)
				fail("a direct MSI of a device no forwarded "
				     "VM owns was not the host's drop");
			all_same = true;
		} else if (owner[h] < 0) {
			if (r != GICITS_ENOENT)
				fail("an MSI of an unowned device reached "
				     "a VM");
			all_same = true;
		} else {
			target = (unsigned)owner[h];
			check_msi(target, owner_gid[h], ev, r, &before[target]);
		}
		break;
	}
	case 8: { /* an emulated device of the VM */
		uint32_t dev = g8(in), ev = g8(in) & 63;

		r = gicits_vm_msi(vms[vmi].vm, dev, ev);
		check_msi(vmi, dev, ev, r, &before[vmi]);
		break;
	}
	case 9:
	case 10:
		op_ack(&vms[vmi], in);
		break;
	case 11:
		op_assign(vmi, in);
		all_same = true;
		break;
	case 12:
		op_unassign(in);
		all_same = true;
		break;
	case 13:
		op_migrate(vmi, g8(in));
		break;
	default: /* a GITS_TRANSLATER write of the guest itself */
	{
		uint32_t dev = g8(in), ev = g8(in);

		gicits_vm_its_mmio_write(vms[vmi].vm, GICITS_GITS_TRANSLATER, 4,
					 ev, dev);
		check_msi(vmi, dev, ev, MSI_UNKNOWN, &before[vmi]);
		break;
	}
	}
	/* (b), (c) */
	for (i = 0; i < NVM; i++) {
		if (!all_same && i == target) {
			memcpy(vms[i].shadow, vms[i].ram, RAM_SIZE);
			continue;
		}
		observe(&vms[i], &after);
		if (!same_obs(&before[i], &after, true))
			fail("an op aimed elsewhere changed a VM's registers "
			     "or pending sets");
		if (memcmp(vms[i].ram, vms[i].shadow, RAM_SIZE))
			fail("an op aimed elsewhere changed a VM's RAM");
	}
	check_host(); /* (e) */
}

/* ---- seeds ---- */

static void write_seeds(const char *dir)
{
	/* clang-format off */
	/* byte 0 options, then ops: {op, vm, operands...} */
	static const uint8_t boot_msi[] = {
		0x00,
		11, 0, 0, 3, /* assign host 0 -> VM 0 as guest dev 3 */
		11, 1, 1, 3, /* host 1 -> VM 1 as guest dev 3 */
		0, 0, 0, 3, 0, 0, 0, 3, /* MAPD dev 3 size 3 slot 3 */
		0, 1, 0, 3, 0, 0, 0, 2, /* VM 1: MAPD dev 3 slot 2 */
		0, 0, 2, 3, 5, 7, 1,	/* MAPTI 3/5 -> 8199 icid 1 */
		0, 1, 2, 3, 5, 9, 0,	/* VM 1: MAPTI 3/5 -> 8201 icid 0 */
		5, 0, 0, 5, /* MSI host 0 ev 5 */
		5, 0, 1, 5, /* MSI host 1 ev 5 */
		5, 0, 6, 5, /* MSI never-assigned host device */
		13, 0, 1,   /* migrate VM 0, into forwarded mode */
		5, 0, 0, 5, 12, 0, 0, 5, 0, 0, 5, /* unassign, MSI */
		9, 0, 1, 1, 9, 1, 0, 1,
	};
	static const uint8_t hostile[] = {
		0x03,
		11, 2, 2, 7,
		0, 2, 0, 7, 0, 0, 0, 5,
		0, 2, 2, 7, 1, 2, 0,
		4, 2, 0x00, 0x00, 0x03, 7, 1, 2, 3, 4, 5, 6, 7, 8, /* DT */
		2, 2, 0x20 | 4, 0, 0x10, 0, 0, 0, 0, 0, 0x80, 0, /* BASER0 */
		5, 0, 2, 1, 13, 2, 0, 8, 2, 7, 1, 14, 2, 7, 1,
		4, 2, 0x40, 0x40, 0x03, 7, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0,
		1, 2, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
		16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31,
		32, 13, 2, 1, 5, 0, 2, 0,
	};
	static const uint8_t migrate_pending[] = {
		0x0C, /* VM 1 forwarded */
		11, 0, 0, 1, 11, 0, 1, 2, 11, 1, 2, 1, /* h0,h1 -> VM 0; h2 -> 1 */
		0, 0, 0, 1, 0, 0, 0, 3, /* VM 0: MAPD 1 size 3 slot 3 */
		0, 0, 0, 2, 0, 0, 0, 4, /* VM 0: MAPD 2 size 4 slot 4 */
		0, 1, 0, 1, 0, 0, 0, 5, /* VM 1: MAPD 1 size 5 slot 5 */
		0, 0, 2, 1, 1, 1, 0,	/* VM 0: MAPTI 1/1 -> 8193 icid 0 */
		0, 0, 2, 2, 3, 2, 1,	/* VM 0: MAPTI 2/3 -> 8194 icid 1 */
		0, 1, 2, 1, 0, 3, 1,	/* VM 1: MAPTI 1/0 -> 8195 icid 1 */
		5, 0, 0, 1, 5, 0, 1, 3, 5, 0, 2, 0, /* MSIs */
		13, 0, 1, 13, 1, 1, /* migrate both, switching modes */
		9, 0, 1, 0, 5, 0, 0, 1, 5, 0, 2, 0, 13, 0, 0,
	};
	/* VMs 1, 2 forwarded: mappings, MSIs through the host ITS, MOVI,
	 * MAPC remap, DISCARD, INT, CLEAR, unassign, migrate back and forth */
	static const uint8_t forwarded[] = {
		0x18,
		0, 1, 2, 0, 2, 9, 1,	/* VM 1: MAPTI 0/2 -> 8201 icid 1 */
		5, 1, 2, 2, 5, 1, 2, 0, /* MSIs host 2 (VM 1 dev 0) */
		5, 1, 4, 3, 5, 1, 3, 1, /* host 4 (VM 2 dev 2), host 3 */
		0, 1, 4, 0, 1, 0, 1,	/* VM 1: MOVI 0/1 -> icid 1 */
		5, 1, 2, 1, 9, 1, 1, 1, /* MSI, ack vCPU 1 */
		0, 1, 1, 0, 0, 0, 0, 1, /* VM 1: MAPC icid 0 -> vCPU 1 */
		5, 1, 2, 0, 5, 1, 2, 4,
		0, 1, 9, 0, 6, 0, 0, 0, /* VM 1: INT 0/6 */
		0, 1, 10, 0, 6, 0, 0, 0, /* CLEAR 0/6 */
		0, 2, 5, 2, 3, 0, 0, 0, /* VM 2: DISCARD 2/3 */
		5, 2, 4, 3, 5, 2, 4, 4,
		13, 1, 1, 5, 1, 2, 2, 13, 1, 1, 5, 1, 2, 2,
		12, 0, 2, 5, 1, 2, 2, /* unassign host 2, MSI */
		11, 2, 2, 5, 5, 2, 2, 2, /* host 2 -> VM 2 as 5, MSI */
		3, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* VM 1 GICR_CTLR = 0 */
		5, 1, 3, 1, 13, 2, 1, 9, 2, 0, 1,
	};
	/* clang-format on */
	/* VM 1 forwarded disables its vITS: its devices' MSIs stop */
	static const uint8_t fwd_disable[] = {
		0x08,
		5, 1, 2, 3, /* MSI host 2 (VM 1 dev 0) ev 3: delivered */
		2, 1, 0x40, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* GITS_CTLR = 0 */
		5, 1, 2, 3, 5, 1, 3, 4, /* MSIs: dropped */
		2, 1, 0x40, 1, 0, 0, 0, 0, 0, 0, 0, 0, /* GITS_CTLR = 1 */
		5, 1, 2, 5,
	};
	/* the same straight to the host ITS (op 7), and an unowned
	 * device's and VM 0's (emulated) device's direct MSIs */
	/* clang-format off */
	static const uint8_t fwd_direct[] = {
		0x08,
		7, 1, 2, 3, /* MSI host 2 (VM 1 dev 0) ev 3: delivered */
		7, 1, 6, 3, 7, 1, 0, 3, /* host 6 (no owner), host 0 (VM 0) */
		2, 1, 0x40, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* GITS_CTLR = 0 */
		7, 1, 2, 3, 7, 1, 3, 4, /* MSIs: dropped */
		2, 1, 0x40, 1, 0, 0, 0, 0, 0, 0, 0, 0, /* GITS_CTLR = 1 */
		7, 1, 2, 5, 12, 0, 2, 7, 1, 2, 5, /* unassign host 2, MSI */
	};
	/* clang-format on */
	const struct {
		const char *name;
		const uint8_t *d;
		size_t n;
	} s[] = {
		{ "fwd_disable", fwd_disable, sizeof(fwd_disable) },
		{ "fwd_direct", fwd_direct, sizeof(fwd_direct) },
		{ "boot_msi", boot_msi, sizeof(boot_msi) },
		{ "hostile", hostile, sizeof(hostile) },
		{ "migrate_pending", migrate_pending, sizeof(migrate_pending) },
		{ "forwarded", forwarded, sizeof(forwarded) },
	};
	unsigned i;

	for (i = 0; i < sizeof(s) / sizeof(s[0]); i++) {
		char path[512];
		FILE *f;

		snprintf(path, sizeof(path), "%s/%s", dir, s[i].name);
		f = fopen(path, "wb");
		if (!f || fwrite(s[i].d, 1, s[i].n, f) != s[i].n)
			fail("seed write");
		fclose(f);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input in = { data, size };
	static bool seeded;
	unsigned nops = 0;

	if (!seeded) {
		const char *dir = getenv("FUZZ_VM_SEEDS");

		seeded = true;
		if (dir)
			write_seeds(dir);
	}
	if (size > 4096) /* bound the work per input */
		return 0;
	{
		uint8_t opt = g8(&in);

		cache_on = opt & 1;
		ite8 = opt & 2;
		twolevel = opt & 4;
		sys_init(opt);
	}
	while (in.n && nops++ < 256)
		step(&in);
	sys_fini();
	if (getenv("FUZZ_VM_VERBOSE"))
		fprintf(stderr,
			"fuzz_vm: %u ops; so far %lu MSIs delivered, %lu "
			"migrations checked, %lu saves refused, %lu with the "
			"carve-out exposed\n",
			nops, n_delivered, n_migrated, n_save_failed,
			n_exposed);
	return 0;
}
