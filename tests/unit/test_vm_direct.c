/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Forwarded mode's direct path (docs/vm.md "MSIs"): an assigned device's
 * MSI written straight to the host GICv4.0 ITS (gicits_its_msi() with the
 * host DeviceID, or a GITS_TRANSLATER write) gives the guest exactly what
 * gicits_vm_host_msi() gives it.  What the host ITS does not deliver goes
 * through its miss hook to the vITS of the VM that owns the device.
 *
 * Two forwarded VMs A and B (2 vCPUs each, loaded on host CPUs 0-1 and
 * 2-3) on one host and one host table.  Host device X is A's guest device
 * 1, Y is B's guest device 1, Z (a host DeviceID beyond the host ITS's
 * device table: never shadowed) is A's guest device 2.  Each guest maps
 * its devices' events 0..15 to INTIDs 8192 + 64 * guest device + event on
 * vCPU (event & 1); events 16.. stay unmapped.
 */
#include "harness.h"
#include "vm_guest.h"

#include "gicits/vcpu.h"

#define B_OFFSET 0x10000000ULL /* B's RAM in the host's space */
#define HX 0x100u
#define HY 0x101u
#define HZ 0x30000u /* beyond the host ITS's 16 DeviceID bits */
#define HNONE 0x102u /* never assigned */
#define NMAPPED 16u
#define INTID(g, ev) (8192u + 64u * (g) + (ev))

struct world {
	struct vg vm[3]; /* C (vm[2]): test_direct_one_table() only */
	struct gicits_vm_host *host;
	struct vg_fhost *fhost;
};

static void map_dev(struct vg *g, uint32_t gdev)
{
	uint32_t ev;

	assert_int_equal(vg_mapd(g, gdev), GICITS_OK);
	for (ev = 0; ev < NMAPPED; ev++)
		assert_int_equal(vg_mapti(g, gdev, ev, INTID(gdev, ev),
					  (uint16_t)(ev & 1)),
				 GICITS_OK);
}

/* VM @v (A, B, C) with its RAM at VG_RAM + @v * B_OFFSET in the host's
 * space; A's and B's vCPUs are loaded (on host CPUs 2v, 2v + 1) */
static void vm_make(struct world *w, unsigned v)
{
	struct vg *g = &w->vm[v];

	assert_int_equal(vg_vm_new(g, 2, 4, w->fhost, v * B_OFFSET,
				   v < 2 ? 2 * (int)v : -1),
			 GICITS_OK);
	assert_int_equal(vg_boot(g, 2), GICITS_OK);
	assert_int_equal(vg_mapc(g, 0, 0), GICITS_OK);
	assert_int_equal(vg_mapc(g, 1, 1), GICITS_OK);
}

static int setup(void **state)
{
	struct world *w = calloc(1, sizeof(*w));

	assert_non_null(w);
	w->fhost = vg_fhost_new(NULL, 4, 16, 6);
	assert_non_null(w->fhost);
	assert_int_equal(gicits_vm_host_create(8, &w->host), GICITS_OK);
	vm_make(w, 0);
	vm_make(w, 1);
	assert_int_equal(gicits_vm_host_assign(w->host, w->vm[0].vm, HX, 1),
			 GICITS_OK);
	assert_int_equal(gicits_vm_host_assign(w->host, w->vm[1].vm, HY, 1),
			 GICITS_OK);
	assert_int_equal(gicits_vm_host_assign(w->host, w->vm[0].vm, HZ, 2),
			 GICITS_OK);
	map_dev(&w->vm[0], 1);
	map_dev(&w->vm[0], 2);
	map_dev(&w->vm[1], 1);
	assert_int_equal(vg_cmd_errors(&w->vm[0]), 0);
	assert_int_equal(vg_cmd_errors(&w->vm[1]), 0);
	*state = w;
	return 0;
}

static int teardown(void **state)
{
	struct world *w = *state;
	unsigned v;

	for (v = 0; v < 3; v++) {
		if (!w->vm[v].vm)
			continue;
		vg_assert_fwd_sound(&w->vm[v]);
		vg_destroy(&w->vm[v]);
	}
	gicits_vm_host_destroy(w->host);
	vg_fhost_free(w->fhost);
	free(w);
	return 0;
}

/* What is pending in both VMs: bit (vm * 2 + vcpu) per INTID. */
struct snap {
	uint8_t who[1u << VG_IDBITS];
	unsigned n;
};

struct snap_ctx {
	struct snap *s;
	unsigned bit;
};

static int snap_one(void *opaque, uint32_t intid)
{
	struct snap_ctx *c = opaque;

	assert_true(intid < (1u << VG_IDBITS));
	c->s->who[intid] |= (uint8_t)(1u << c->bit);
	c->s->n++;
	return 0;
}

static void snap(struct world *w, struct snap *s)
{
	unsigned v, k;

	memset(s, 0, sizeof(*s));
	for (v = 0; v < 2; v++)
		for (k = 0; k < 2; k++) {
			struct snap_ctx c = { s, v * 2 + k };

			assert_int_equal(gicits_vm_vcpu_pending_foreach(
						 w->vm[v].vm, k, snap_one, &c),
					 GICITS_OK);
		}
}

static void ack_both(struct world *w)
{
	vg_ack_all(&w->vm[0]);
	vg_ack_all(&w->vm[1]);
	assert_int_equal(vg_npending(&w->vm[0]) + vg_npending(&w->vm[1]), 0);
}

static uint64_t fallbacks(struct world *w, unsigned v)
{
	struct gicits_vm_fwd_stats st;

	assert_int_equal(gicits_vm_fwd_stats(w->vm[v].vm, &st), GICITS_OK);
	return st.fallback_msis;
}

static uint64_t shadowed(struct world *w, unsigned v)
{
	struct gicits_vm_fwd_stats st;

	assert_int_equal(gicits_vm_fwd_stats(w->vm[v].vm, &st), GICITS_OK);
	return st.shadowed;
}

/*
 * Every event 0..31 of host device @h, one at a time, through the direct
 * path and through gicits_vm_host_msi(): same result (delivered or not),
 * same pending LPIs on the same vCPUs of the same VM.  Returns how many
 * were delivered.
 */
static unsigned same_both_ways(struct world *w, uint32_t h)
{
	static struct snap a, b;
	unsigned delivered = 0;
	uint32_t ev;

	for (ev = 0; ev < VG_NEVENTS; ev++) {
		int rd, rr;

		ack_both(w);
		/* odd events as a GITS_TRANSLATER write (the host bus's
		 * DeviceID), even ones as gicits_its_msi() */
		if (ev & 1)
			rd = gicits_its_mmio_write(w->fhost->its,
						   GICITS_GITS_TRANSLATER, 4,
						   ev, h) ?
				     -1 :
				     (snap(w, &a), a.n ? 0 : 1);
		else
			rd = gicits_its_msi(w->fhost->its, h, ev);
		snap(w, &a);
		ack_both(w);
		rr = gicits_vm_host_msi(w->host, h, ev);
		snap(w, &b);
		if (ev & 1)
			assert_int_equal(rd, rr == GICITS_DROP_NONE ? 0 : 1);
		else if (rr == GICITS_DROP_NONE || rr > 0)
			assert_int_equal(rd, rr);
		else /* the registry refuses an unowned device: ENOENT */
			assert_true(rd > 0);
		assert_int_equal(a.n, b.n);
		assert_memory_equal(a.who, b.who, sizeof(a.who));
		delivered += rr == GICITS_DROP_NONE;
	}
	ack_both(w);
	return delivered;
}

/* Shadowed events: the host ITS delivers them itself, to A only, the
 * same LPIs as through the registry; the unmapped ones reach nothing. */
static void test_direct_shadowed(void **state)
{
	struct world *w = *state;
	uint64_t f0 = fallbacks(w, 0);
	static struct snap s;
	uint32_t ev;

	assert_int_equal(shadowed(w, 0), NMAPPED);
	for (ev = 0; ev < NMAPPED; ev++) {
		assert_int_equal(gicits_its_msi(w->fhost->its, HX, ev),
				 GICITS_DROP_NONE);
		snap(w, &s);
		assert_int_equal(s.n, 1);
		assert_int_equal(s.who[INTID(1, ev)], 1u << (ev & 1));
		ack_both(w);
	}
	/* delivered by the host: no MSI went to the vITS */
	assert_int_equal(fallbacks(w, 0), f0);
	assert_int_equal(same_both_ways(w, HX), NMAPPED);
	/* the unmapped events 16..31 went to the vITS, both ways */
	assert_int_equal(fallbacks(w, 0), f0 + 2 * (VG_NEVENTS - NMAPPED));
}

/*
 * Where the host delivers: vCPU k of A (B) was loaded on host CPU k
 * (2 + k), so a shadowed event for vCPU k is signalled by that host CPU's
 * virtual CPU interface, and by no other (gicits_vm_vcpu_load() puts the
 * vPE where it is told, and each vPE stays resident where it was put).
 */
static void test_direct_vcpu_placement(void **state)
{
	struct world *w = *state;
	const uint32_t hid[2] = { HX, HY };
	unsigned v, p;
	uint32_t ev;

	for (p = 0; p < 4; p++) {
		uint64_t vpt = 0;

		assert_int_equal(gicits_vcpu_resident(w->fhost->gic, p, &vpt),
				 1);
		assert_true(vpt != 0);
	}
	for (v = 0; v < 2; v++) {
		for (ev = 0; ev < 4; ev++) {
			unsigned target = 2 * v + (ev & 1);

			ack_both(w);
			assert_int_equal(
				gicits_its_msi(w->fhost->its, hid[v], ev),
				GICITS_DROP_NONE);
			for (p = 0; p < 4; p++) {
				uint32_t vi = 0;

				assert_int_equal(
					gicits_vcpu_hppi(w->fhost->gic, p, &vi),
					GICITS_OK);
				assert_int_equal(vi,
						 p == target ?
							 INTID(1, ev) :
							 GICITS_INTID_SPURIOUS);
			}
		}
	}
	ack_both(w);
}

/* Z is beyond the host's device table: never shadowed, every MSI goes
 * to A's vITS through the miss hook, and is delivered as through the
 * registry. */
static void test_direct_unshadowed(void **state)
{
	struct world *w = *state;
	uint64_t f0 = fallbacks(w, 0);
	static struct snap s;

	assert_int_equal(gicits_its_msi(w->fhost->its, HZ, 3),
			 GICITS_DROP_NONE);
	snap(w, &s);
	assert_int_equal(s.n, 1);
	assert_int_equal(s.who[INTID(2, 3)], 1u << 1);
	ack_both(w);
	assert_int_equal(fallbacks(w, 0), f0 + 1);
	assert_int_equal(same_both_ways(w, HZ), NMAPPED);
	assert_int_equal(fallbacks(w, 0), f0 + 1 + 2 * VG_NEVENTS);
}

/* The guest disables its vITS: nothing is delivered either way (the host
 * holds no vLPI of A any more); enabled again, the host delivers again. */
static void test_direct_its_disabled(void **state)
{
	struct world *w = *state;
	struct gicits_vm_host_stats hs0, hs1;
	uint64_t f0;
	uint32_t ev;

	/* something pending when the vITS goes off stays pending */
	assert_int_equal(gicits_its_msi(w->fhost->its, HX, 4),
			 GICITS_DROP_NONE);
	assert_int_equal(gicits_vm_its_mmio_write(w->vm[0].vm, GICITS_GITS_CTLR,
						  4, 0, 0),
			 GICITS_OK);
	assert_int_equal(shadowed(w, 0), 0);
	assert_int_equal(vg_npending(&w->vm[0]), 1);
	ack_both(w);
	assert_int_equal(gicits_vm_host_stats(w->host, &hs0), GICITS_OK);
	for (ev = 0; ev < VG_NEVENTS; ev++) {
		assert_int_equal(gicits_its_msi(w->fhost->its, HX, ev),
				 GICITS_DROP_ITS_DISABLED);
		assert_int_equal(gicits_its_msi(w->fhost->its, HZ, ev),
				 GICITS_DROP_ITS_DISABLED);
	}
	assert_int_equal(vg_npending(&w->vm[0]) + vg_npending(&w->vm[1]), 0);
	assert_int_equal(same_both_ways(w, HX), 0);
	/* B's vITS is on: its device still goes through its host vLPIs */
	assert_int_equal(gicits_its_msi(w->fhost->its, HY, 2),
			 GICITS_DROP_NONE);
	assert_int_equal(vg_npending(&w->vm[1]), 1);
	ack_both(w);
	/* the guest's own drops, counted as such */
	assert_int_equal(gicits_vm_host_stats(w->host, &hs1), GICITS_OK);
	assert_int_equal(hs1.guest_dropped - hs0.guest_dropped,
			 2 * VG_NEVENTS + 2 * VG_NEVENTS);
	assert_int_equal(hs1.unassigned, hs0.unassigned);
	/* enabled again: shadowed again, delivered by the host */
	assert_int_equal(gicits_vm_its_mmio_write(w->vm[0].vm, GICITS_GITS_CTLR,
						  4, 1, 0),
			 GICITS_OK);
	assert_int_equal(shadowed(w, 0), NMAPPED);
	f0 = fallbacks(w, 0);
	for (ev = 0; ev < NMAPPED; ev++) {
		assert_int_equal(gicits_its_msi(w->fhost->its, HX, ev),
				 GICITS_DROP_NONE);
		assert_int_equal(vg_npending(&w->vm[0]), 1);
		ack_both(w);
	}
	assert_int_equal(fallbacks(w, 0), f0);
	assert_int_equal(same_both_ways(w, HX), NMAPPED);
}

/* Unassigned, a device reaches no VM either way, counted; no host
 * mapping is left for it; given to B, it reaches B only. */
static void test_direct_unassigned(void **state)
{
	struct world *w = *state;
	struct gicits_vm_host_stats hs0, hs1;
	uint32_t ev;

	assert_int_equal(gicits_vm_host_unassign(w->host, HX), GICITS_OK);
	assert_int_equal(shadowed(w, 0), 0);
	assert_int_equal(gicits_vm_host_stats(w->host, &hs0), GICITS_OK);
	for (ev = 0; ev < VG_NEVENTS; ev++) {
		/* the host ITS's own drop: no DTE for X any more */
		assert_int_equal(gicits_its_msi(w->fhost->its, HX, ev),
				 GICITS_DROP_DEVICE_UNMAPPED);
		assert_int_equal(gicits_its_msi(w->fhost->its, HNONE, ev),
				 GICITS_DROP_DEVICE_UNMAPPED);
	}
	assert_int_equal(vg_npending(&w->vm[0]) + vg_npending(&w->vm[1]), 0);
	assert_int_equal(gicits_vm_host_stats(w->host, &hs1), GICITS_OK);
	assert_int_equal(hs1.removed - hs0.removed, VG_NEVENTS);
	assert_int_equal(hs1.unassigned - hs0.unassigned, VG_NEVENTS);
	assert_int_equal(hs1.guest_dropped, hs0.guest_dropped);
	assert_int_equal(same_both_ways(w, HX), 0);
	assert_int_equal(same_both_ways(w, HNONE), 0);
	/* X to B as guest device 2, which B maps: B's LPIs, on B */
	assert_int_equal(gicits_vm_host_assign(w->host, w->vm[1].vm, HX, 2),
			 GICITS_OK);
	map_dev(&w->vm[1], 2);
	for (ev = 0; ev < NMAPPED; ev++) {
		static struct snap s;

		assert_int_equal(gicits_its_msi(w->fhost->its, HX, ev),
				 GICITS_DROP_NONE);
		snap(w, &s);
		assert_int_equal(s.n, 1);
		assert_int_equal(s.who[INTID(2, ev)], 1u << (2 + (ev & 1)));
		ack_both(w);
	}
	assert_int_equal(same_both_ways(w, HX), NMAPPED);
	/* hot unplug of a forwarded VM's devices by destroying the VM */
	vg_destroy(&w->vm[1]);
	for (ev = 0; ev < VG_NEVENTS; ev++) {
		assert_int_equal(gicits_its_msi(w->fhost->its, HX, ev),
				 GICITS_DROP_DEVICE_UNMAPPED);
		assert_int_equal(gicits_its_msi(w->fhost->its, HY, ev),
				 GICITS_DROP_DEVICE_UNMAPPED);
	}
	assert_int_equal(vg_npending(&w->vm[0]), 0);
}

/* B's device: its MSIs reach B only, and A's never reach B. */
static void test_direct_isolation(void **state)
{
	struct world *w = *state;
	static struct snap s;
	uint32_t ev;

	for (ev = 0; ev < VG_NEVENTS; ev++) {
		int r = gicits_its_msi(w->fhost->its, HY, ev);

		snap(w, &s);
		assert_int_equal(r, ev < NMAPPED ? GICITS_DROP_NONE :
						   GICITS_DROP_EVENT_UNMAPPED);
		assert_int_equal(s.n, ev < NMAPPED);
		if (ev < NMAPPED)
			assert_int_equal(s.who[INTID(1, ev)],
					 1u << (2 + (ev & 1)));
		ack_both(w);
		assert_int_equal(gicits_its_msi(w->fhost->its, HX, ev),
				 ev < NMAPPED ? GICITS_DROP_NONE :
						GICITS_DROP_EVENT_UNMAPPED);
		snap(w, &s);
		assert_int_equal(s.n, ev < NMAPPED);
		/* A's INTIDs for its guest device 1 equal B's: the VM
		 * bits tell them apart */
		if (ev < NMAPPED)
			assert_int_equal(s.who[INTID(1, ev)], 1u << (ev & 1));
		ack_both(w);
	}
	assert_int_equal(same_both_ways(w, HY), NMAPPED);
}

/* One host ITS looks its misses up in one host table: a forwarded VM's
 * device from another table is refused while the first has devices. */
static void test_direct_one_table(void **state)
{
	struct world *w = *state;
	struct gicits_vm_host *other;

	vm_make(w, 2); /* C: on the same host ITS, no device yet */
	assert_int_equal(gicits_vm_host_create(4, &other), GICITS_OK);
	assert_int_equal(gicits_vm_host_assign(other, w->vm[2].vm, 0x200, 5),
			 GICITS_ESTATE);
	/* from the host's own table it is fine */
	assert_int_equal(gicits_vm_host_assign(w->host, w->vm[2].vm, 0x200, 5),
			 GICITS_OK);
	gicits_vm_host_destroy(other);
	/* and the first table still serves the misses */
	assert_int_equal(gicits_its_msi(w->fhost->its, HZ, 1),
			 GICITS_DROP_NONE);
	assert_int_equal(vg_npending(&w->vm[0]), 1);
	ack_both(w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_direct_shadowed, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_direct_vcpu_placement,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_direct_unshadowed, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_direct_its_disabled, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_direct_unassigned, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_direct_isolation, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_direct_one_table, setup,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
