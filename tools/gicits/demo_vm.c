/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * `gicits demo --story vm`: the seed's central use case.  Two VMs on one
 * host, each with its own GICv3 ITS (a struct gicits_vm, docs/vm.md) and
 * host devices assigned to it.  Each guest's driver programs its devices'
 * MSIs itself; VM B's device writes every EventID VM A uses and reaches only
 * VM B; a device is unplugged while its MSIs arrive on another thread; VM A
 * migrates from this GICv3 host (emulated vITS) to a GICv4.0 host, where
 * its devices' mappings are shadowed onto the host ITS as vLPIs (forwarded
 * mode); the rates of both modes are printed.  Every claim is checked: a
 * failed check makes the exit status 1.
 */
#define _POSIX_C_SOURCE 200809L

#include "demo.h"

#include <inttypes.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gicits/error.h"
#include "gicits/its.h"
#include "gicits/vm.h"

#include "guest.h"

#define NVCPU 2

/* A host device and what its guest made of it. */
struct vdev {
	const char *name;
	int vm; /* 0: VM A, 1: VM B */
	uint32_t host_id; /* sampled by the host's bus */
	uint32_t guest_id; /* what the guest calls it */
	unsigned nevents; /* EventIDs the guest's driver maps */
	uint32_t intid0; /* the guest's INTID for EventID 0 */
};

/* B's NIC has the same guest DeviceID as A's NIC and overlapping INTIDs:
 * guest numbering is each VM's own business. */
static const struct vdev vdevs[] = {
	{ "vm-a nic", 0, 0x10008, 1, 4, 8192 },
	{ "vm-a nvme", 0, 0x10010, 2, 2, 8200 },
	{ "vm-b nic", 1, 0x10100, 1, 4, 8192 },
};
#define NVDEV (sizeof(vdevs) / sizeof(vdevs[0]))
#define VM_A_NVME 1
#define VM_B_NIC 2

struct vmdemo {
	bool json;
	unsigned failed;
	struct gicits_vm_host *host;
	struct tg vm[2];
};

static const char *const vm_name[2] = { "A", "B" };

static void check(struct vmdemo *d, bool ok, const char *what)
{
	if (!ok) {
		d->failed++;
		fprintf(stderr, "gicits demo: check failed: %s\n", what);
	}
}

/* The guest's driver maps its own devices: MAPC per vCPU, MAPD + MAPTI per
 * device, SYNC, all through its vITS's command queue. */
static int guest_program(struct tg *g, int vm)
{
	unsigned i, e, k;
	int err = 0;

	for (k = 0; k < NVCPU && !err; k++)
		err = tg_mapc(g, (uint16_t)k, k);
	for (i = 0; i < NVDEV && !err; i++) {
		if (vdevs[i].vm != vm)
			continue;
		err = tg_mapd(g, vdevs[i].guest_id);
		for (e = 0; e < vdevs[i].nevents && !err; e++)
			err = tg_mapti(g, vdevs[i].guest_id, e,
				       vdevs[i].intid0 + e,
				       (uint16_t)(e % NVCPU));
	}
	if (!err)
		err = tg_sync(g);
	if (!err && tg_cmd_errors(g))
		err = GICITS_ESTATE;
	return err;
}

/* What the vCPUs of one VM took: the first (vCPU, INTID) and a count. */
struct taken {
	unsigned n;
	unsigned vcpu;
	uint32_t intid;
};

static void note_taken(void *opaque, unsigned vcpu, uint32_t intid)
{
	struct taken *t = opaque;

	if (!t->n++) {
		t->vcpu = vcpu;
		t->intid = intid;
	}
}

/* Post one MSI of host device @i with @ev and run both VMs' vCPUs. */
static int post(struct vmdemo *d, uint32_t host_id, uint32_t ev,
		struct taken t[2])
{
	int r = gicits_vm_host_msi(d->host, host_id, ev);
	unsigned v;

	for (v = 0; v < 2; v++) {
		memset(&t[v], 0, sizeof(t[v]));
		tg_ack_all(&d->vm[v], note_taken, &t[v]);
	}
	return r;
}

static void print_route(struct vmdemo *d, const char *phase, unsigned i,
			unsigned e, const struct taken *t, int got_vm)
{
	if (d->json) {
		printf("{\"kind\":\"vm.route\",\"phase\":\"%s\",\"device\":\"%s\","
		       "\"host_device_id\":%" PRIu32
		       ",\"guest_device_id\":%" PRIu32 ",\"event\":%u,\"vm\":",
		       phase, vdevs[i].name, vdevs[i].host_id,
		       vdevs[i].guest_id, e);
		if (got_vm < 0)
			printf("null}\n");
		else
			printf("\"%s\",\"vcpu\":%u,\"intid\":%" PRIu32 "}\n",
			       vm_name[got_vm], t->vcpu, t->intid);
	} else if (got_vm < 0) {
		printf("  %-10s host 0x%05" PRIx32 "  guest %-3" PRIu32
		       " %-5u (not delivered)\n",
		       vdevs[i].name, vdevs[i].host_id, vdevs[i].guest_id, e);
	} else {
		printf("  %-10s host 0x%05" PRIx32 "  guest %-3" PRIu32
		       " %-5u VM %s vCPU %u INTID %" PRIu32 "\n",
		       vdevs[i].name, vdevs[i].host_id, vdevs[i].guest_id, e,
		       vm_name[got_vm], t->vcpu, t->intid);
	}
}

/* Every mapped event of every device reaches its own VM only, on the
 * INTID and vCPU its guest chose.  @phase names the run in the output. */
static void routing(struct vmdemo *d, const char *phase)
{
	unsigned i, e;

	for (i = 0; i < NVDEV; i++) {
		for (e = 0; e < vdevs[i].nevents; e++) {
			struct taken t[2];
			int r = post(d, vdevs[i].host_id, e, t),
			    own = vdevs[i].vm;
			int got = t[own].n ? own : -1;

			check(d,
			      r == GICITS_DROP_NONE && t[own].n == 1 &&
				      t[!own].n == 0 &&
				      t[own].intid == vdevs[i].intid0 + e &&
				      t[own].vcpu == e % NVCPU,
			      "an assigned device's MSI reaches its VM's INTID");
			print_route(d, phase, i, e, &t[own], got);
		}
	}
}

/* VM B's NIC writes every EventID VM A's devices use, and more: whatever
 * it writes, only VM B's vITS sees it, through VM B's tables. */
static void isolation(struct vmdemo *d)
{
	const struct vdev *b = &vdevs[VM_B_NIC];
	unsigned e, delivered = 0, dropped = 0, in_a = 0;

	for (e = 0; e < TG_NEVENTS; e++) {
		struct taken t[2];
		int r = post(d, b->host_id, e, t);

		in_a += t[0].n;
		if (r == GICITS_DROP_NONE && t[1].n == 1 &&
		    t[1].intid == b->intid0 + e)
			delivered++;
		else if (r != GICITS_DROP_NONE && t[1].n == 0)
			dropped++;
		else
			check(d, false, "VM B's MSI went to its own mapping");
	}
	check(d, in_a == 0, "VM B's device reaches VM A");
	check(d, delivered == b->nevents, "VM B's own events are delivered");
	if (d->json)
		printf("{\"kind\":\"vm.isolation\",\"device\":\"%s\","
		       "\"events_written\":%u,\"delivered_to_b\":%u,"
		       "\"dropped_by_b\":%u,\"reached_a\":%u}\n",
		       b->name, TG_NEVENTS, delivered, dropped, in_a);
	else
		printf("\nisolation: VM B's NIC writes EventIDs 0..%u (every one VM A uses, and more):\n"
		       "  %u delivered to VM B through its own ITT, %u dropped by VM B's vITS (unmapped there), %u reached VM A\n",
		       TG_NEVENTS - 1, delivered, dropped, in_a);
}

struct traffic {
	struct gicits_vm_host *host;
	uint32_t host_id;
	_Atomic int stop;
	_Atomic int unplugged; /* set once gicits_vm_host_unassign() returned */
	_Atomic uint64_t delivered, refused, other;
	_Atomic uint64_t late; /* delivered, though sent after the unplug */
};

static void *injector(void *opaque)
{
	struct traffic *t = opaque;
	uint32_t ev = 0;

	while (!atomic_load(&t->stop)) {
		/* read before the MSI: an MSI sent after the unplug returned
		 * must not be delivered (one sent before may still be, and
		 * is counted after the unplug returned: counters lag) */
		int after = atomic_load(&t->unplugged);
		int r = gicits_vm_host_msi(t->host, t->host_id, ev);

		if (r == GICITS_DROP_NONE && after)
			atomic_fetch_add(&t->late, 1);
		if (r == GICITS_DROP_NONE)
			atomic_fetch_add(&t->delivered, 1);
		else if (r == GICITS_ENOENT)
			atomic_fetch_add(&t->refused, 1);
		else
			atomic_fetch_add(&t->other, 1);
		ev = (ev + 1) % vdevs[VM_A_NVME].nevents;
	}
	return NULL;
}

/* Wait until *@ctr reaches @n (at most 10 s); false on time-out. */
static bool wait_count(_Atomic uint64_t *ctr, uint64_t n)
{
	time_t t0 = time(NULL);

	while (atomic_load(ctr) < n) {
		if (time(NULL) - t0 > 10)
			return false;
		sched_yield();
	}
	return true;
}

/* Hot unplug: VM A's NVMe keeps writing on another thread while the VMM
 * takes it away; from the return of gicits_vm_host_unassign() on, nothing
 * of it reaches VM A (the MSIs in flight finished before the return). */
static void unplug(struct vmdemo *d)
{
	const struct vdev *v = &vdevs[VM_A_NVME];
	struct traffic t = { .host = d->host, .host_id = v->host_id };
	struct gicits_vm_host_stats st;
	uint64_t before, refused0;
	unsigned after;
	pthread_t th;
	bool ok;

	tg_ack_all(&d->vm[0], NULL, NULL);
	if (pthread_create(&th, NULL, injector, &t)) {
		check(d, false, "starting the unplug traffic thread");
		return;
	}
	ok = wait_count(&t.delivered, 1000);
	check(d, gicits_vm_host_unassign(d->host, v->host_id) == GICITS_OK,
	      "unassign");
	atomic_store(&t.unplugged, 1);
	tg_ack_all(&d->vm[0], NULL, NULL); /* everything before the unplug */
	refused0 = atomic_load(&t.refused);
	ok = ok && wait_count(&t.refused, refused0 + 1000);
	after = tg_npending(&d->vm[0]) + tg_ack_all(&d->vm[0], NULL, NULL);
	atomic_store(&t.stop, 1);
	pthread_join(th, NULL);
	check(d, ok, "the unplug traffic made progress");
	check(d, after == 0, "an unplugged device's MSI reached the VM");
	check(d, atomic_load(&t.other) == 0, "unexpected MSI result");
	check(d, atomic_load(&t.late) == 0,
	      "an MSI sent after the unplug was delivered");
	before = atomic_load(&t.delivered); /* with the lagging counts */
	after += (unsigned)atomic_load(&t.late);
	gicits_vm_host_stats(d->host, &st);
	if (d->json)
		printf("{\"kind\":\"vm.unplug\",\"device\":\"%s\","
		       "\"delivered_before\":%" PRIu64
		       ",\"refused_after\":%" PRIu64
		       ",\"reached_vm_after\":%u,\"host_removed_count\":%" PRIu64
		       "}\n",
		       v->name, before, atomic_load(&t.refused), after,
		       st.removed);
	else
		printf("\nhot unplug: %s (host 0x%05" PRIx32
		       ") taken away while another thread writes its MSIs:\n"
		       "  %" PRIu64 " delivered before, %" PRIu64
		       " refused after (host counts %" PRIu64
		       " removed), %u reached VM A after\n",
		       v->name, v->host_id, before, atomic_load(&t.refused),
		       st.removed, after);
	/* plug it back in for what follows */
	check(d,
	      gicits_vm_host_assign(d->host, d->vm[0].vm, v->host_id,
				    v->guest_id) == GICITS_OK,
	      "re-assign");
}

/* The second host: a GICv4.0 gic and ITS whose driver, for forwarded
 * VMs, is the library (struct gicits_vm_fwd_host); its memory is the
 * guest's RAM (the VM's window, at the same addresses) plus a carve-out
 * for the host's own tables. */
#define V4_CARVE 0x100000000ULL
#define V4_CARVE_SIZE (4ULL << 20)

struct v4host {
	uint8_t *carve;
	struct gicits_mem mem;
	struct gicits_gic *gic;
	struct gicits_its *its;
	struct gicits_vm_fwd_host *fh;
};

static int v4host_create(struct v4host *h, const struct gicits_mem *guest)
{
	struct gicits_gic_config gc;
	struct gicits_its_config ic;
	struct gicits_vm_fwd_host_config fc;
	int err;

	memset(h, 0, sizeof(*h));
	h->carve = calloc(1, V4_CARVE_SIZE);
	if (!h->carve)
		return GICITS_ENOMEM;
	h->mem = *guest;
	err = gicits_mem_add_direct(&h->mem, V4_CARVE, V4_CARVE_SIZE, h->carve);
	gicits_gic_config_default(&gc);
	gc.version = GICITS_GIC_V4_0;
	gc.num_cpus = NVCPU;
	if (!err)
		err = gicits_gic_create(&gc, &h->mem, &h->gic);
	gicits_its_config_default(&ic);
	ic.gic = GICITS_GIC_V4_0;
	ic.devbits = 18; /* host DeviceIDs 0x2xxxx */
	if (!err)
		err = gicits_its_create(&ic, h->gic, &h->mem, &h->its);
	gicits_vm_fwd_host_config_default(&fc);
	fc.its = h->its;
	fc.gic = h->gic;
	fc.mem = &h->mem;
	fc.carve_base = V4_CARVE;
	fc.carve_size = V4_CARVE_SIZE;
	fc.max_vpes = 16;
	if (!err)
		err = gicits_vm_fwd_host_create(&fc, &h->fh);
	return err;
}

static void v4host_destroy(struct v4host *h)
{
	gicits_vm_fwd_host_destroy(h->fh);
	gicits_its_destroy(h->its);
	gicits_gic_destroy(h->gic);
	free(h->carve);
}

static void rate(struct vmdemo *d, struct gicits_vm_host *host, struct tg *g,
		 uint32_t host_id0, uint32_t host_id1, const char *mode);

/* VM A migrates: saved on this GICv3 host (KVM ITS ABI tables in its RAM +
 * a VM image), restored on a GICv4.0 host in forwarded mode, whose bus
 * numbers the same devices differently (devices re-assigned from the
 * image's list); the guest sees exactly the routing it programmed, now
 * delivered by the host ITS as vLPIs of its vCPUs' vPEs. */
static void migrate(struct vmdemo *d)
{
	struct gicits_vm_host *host2 = NULL;
	struct gicits_vm_config vc;
	struct gicits_vm_fwd_stats fs = { 0 }, fs0 = { 0 };
	struct v4host v4;
	struct tg dst;
	size_t sz = 0, used = 0, i;
	uint8_t *img = NULL;
	uint32_t h, gd;
	unsigned moved = 0;
	int err;

	memset(&dst, 0, sizeof(dst));
	memset(&v4, 0, sizeof(v4));
	tg_ack_all(&d->vm[0], NULL, NULL);
	err = gicits_vm_save_size(d->vm[0].vm, &sz);
	if (!err)
		err = (img = malloc(sz)) ? GICITS_OK : GICITS_ENOMEM;
	if (!err)
		err = gicits_vm_save(d->vm[0].vm, &tg_kvm_tables, img, sz,
				     &used);
	if (!err)
		err = gicits_vm_host_create(16, &host2);
	if (!err)
		err = tg_alloc(&dst);
	if (!err)
		err = v4host_create(&v4, &dst.mem);
	gicits_vm_config_default(&vc);
	vc.mode = GICITS_VM_FORWARDED;
	vc.fwd = v4.fh;
	vc.fwd_guest_base = TG_RAM;
	vc.fwd_guest_size = TG_RAM_SIZE;
	if (!err)
		err = tg_create_vm(&dst, &vc, NVCPU, 8);
	if (!err) {
		memcpy(dst.ram, d->vm[0].ram, TG_RAM_SIZE); /* the VMM's job */
		dst.cw = d->vm[0].cw;
		/* the new host's bus numbers the devices 0x20000 up */
		for (i = 0; !err && gicits_vm_image_device(img, used, i, &h,
							   &gd) == GICITS_OK;
		     i++, moved++)
			err = gicits_vm_host_assign(host2, dst.vm,
						    0x20000 | (h & 0xffff), gd);
	}
	if (!err)
		err = gicits_vm_restore(dst.vm, img, used);
	/* vCPU k runs on host CPU k: its vPE becomes resident there */
	for (i = 0; !err && i < NVCPU; i++)
		err = gicits_vm_vcpu_load(dst.vm, (unsigned)i, (unsigned)i);
	if (!err)
		err = gicits_vm_fwd_stats(dst.vm, &fs0);
	check(d, !err, "VM A's migration");
	if (!err) {
		unsigned e, ok = 0, n = 0;

		for (i = 0; i < NVDEV; i++) {
			if (vdevs[i].vm)
				continue;
			for (e = 0; e < vdevs[i].nevents; e++, n++) {
				struct taken t = { 0 };
				int r = gicits_vm_host_msi(
					host2,
					0x20000 | (vdevs[i].host_id & 0xffff),
					e);

				tg_ack_all(&dst, note_taken, &t);
				ok += r == GICITS_DROP_NONE && t.n == 1 &&
				      t.intid == vdevs[i].intid0 + e &&
				      t.vcpu == e % NVCPU;
			}
		}
		gicits_vm_fwd_stats(dst.vm, &fs);
		check(d, ok == n, "VM A routes after migration as before");
		/* forwarded: the host ITS delivered every one of them (none
		 * fell back to the vITS), and its mappings are the VM's own */
		check(d,
		      fs.shadowed == n &&
			      fs.fallback_msis == fs0.fallback_msis &&
			      fs.host_errors == 0 &&
			      gicits_vm_fwd_check(dst.vm) == GICITS_OK,
		      "VM A's MSIs are delivered by the GICv4.0 host ITS");
		if (d->json)
			printf("{\"kind\":\"vm.migrate\",\"vm\":\"A\","
			       "\"from\":\"gicv3-emulated\",\"to\":\"gicv4.0-forwarded\","
			       "\"image_bytes\":%zu,\"devices\":%u,"
			       "\"events_checked\":%u,\"same_routing\":%s,"
			       "\"host_mappings\":%" PRIu64
			       ",\"host_commands\":%" PRIu64
			       ",\"fallback_msis\":%" PRIu64 "}\n",
			       used, moved, n, ok == n ? "true" : "false",
			       fs.shadowed, fs.host_cmds,
			       fs.fallback_msis - fs0.fallback_msis);
		else
			printf("\nmigration: VM A saved on this GICv3 host (KVM ITS ABI rev 0 tables in its RAM + a %zu-byte image),\n"
			       "  restored on a GICv4.0 host in forwarded mode, which numbers its %u devices 0x2xxxx:\n"
			       "  %" PRIu64
			       " guest mappings shadowed onto the host ITS as vLPIs (%" PRIu64
			       " host commands); %u/%u events route as before, %" PRIu64
			       " of them through emulation\n",
			       used, moved, fs.shadowed, fs.host_cmds, ok, n,
			       fs.fallback_msis - fs0.fallback_msis);
		rate(d, host2, &dst, 0x20000 | (vdevs[0].host_id & 0xffff),
		     0x20000 | (vdevs[1].host_id & 0xffff),
		     "forwarded (GICv4.0 host)");
	}
	tg_destroy(&dst);
	gicits_vm_host_destroy(host2);
	v4host_destroy(&v4);
	free(img);
}

static double now_s(void)
{
	struct timespec ts;

	timespec_get(&ts, TIME_UTC);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* Host MSIs into a VM from two of its devices, acknowledging now and then
 * as a vCPU would. */
static void rate(struct vmdemo *d, struct gicits_vm_host *host, struct tg *g,
		 uint32_t host_id0, uint32_t host_id1, const char *mode)
{
	const uint64_t ops = 1000000;
	uint64_t n;
	double t0, dt;

	t0 = now_s();
	for (n = 0; n < ops; n++) {
		gicits_vm_host_msi(host, n & 1 ? host_id1 : host_id0,
				   (uint32_t)(n & 1));
		if ((n & 1023) == 1023)
			tg_ack_all(g, NULL, NULL);
	}
	dt = now_s() - t0;
	tg_ack_all(g, NULL, NULL);
	if (d->json)
		printf("{\"kind\":\"vm.throughput\",\"mode\":\"%s\","
		       "\"msis\":%" PRIu64 ",\"seconds\":%.6f,\"mops\":%.3f}\n",
		       mode, ops, dt, (double)ops / dt / 1e6);
	else
		printf("  rate: %" PRIu64
		       " host MSIs into VM A in %.3f s = %.1f M/s, %s, one thread\n",
		       ops, dt, (double)ops / dt / 1e6, mode);
}

int demo_vm(bool json)
{
	struct vmdemo d;
	unsigned v, i;
	int err;

	memset(&d, 0, sizeof(d));
	d.json = json;
	err = gicits_vm_host_create(16, &d.host);
	for (v = 0; v < 2 && !err; v++)
		err = tg_create(&d.vm[v], NULL, NVCPU, 8);
	for (i = 0; i < NVDEV && !err; i++)
		err = gicits_vm_host_assign(d.host, d.vm[vdevs[i].vm].vm,
					    vdevs[i].host_id,
					    vdevs[i].guest_id);
	for (v = 0; v < 2 && !err; v++)
		err = guest_program(&d.vm[v], (int)v);
	if (err) {
		fprintf(stderr, "gicits demo: building the VMs: %s\n",
			gicits_strerror(err));
		d.failed++;
		goto out;
	}
	if (!json)
		printf("\ngicits demo: two VMs, each with its own GICv3 ITS (emulated), %u vCPUs each;\n"
		       "each guest programmed its devices' MSIs itself through its own command queue\n\n"
		       "routing (host DeviceID sampled from the host bus; guest DeviceID is the VM's name for it):\n",
		       NVCPU);
	routing(&d, "boot");
	isolation(&d);
	unplug(&d);
	if (!json)
		printf("\n");
	rate(&d, d.host, &d.vm[0], vdevs[0].host_id, vdevs[1].host_id,
	     "emulated (GICv3 host)");
	migrate(&d);
	if (!json)
		printf("  (gicits bench has the suite: vm.msi.emulated, vm.msi.forwarded)\n");
out:
	for (v = 0; v < 2; v++)
		tg_destroy(&d.vm[v]);
	gicits_vm_host_destroy(d.host);
	if (d.failed)
		fprintf(stderr, "gicits demo: VM story: %u checks failed\n",
			d.failed);
	return d.failed ? 1 : 0;
}
