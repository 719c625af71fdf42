/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Hot unplug and reassignment under traffic, emulated and forwarded mode
 * (run under the tsan preset too; docs/vm.md "How the MSI path stays
 * lock-free and safe").  Two host devices X and W, whose keys share a
 * probe sequence of a 4-slot host table (so one device's unassigned slot
 * is reused by the other), move between VMs A and B while injector
 * threads send their MSIs without pause.  Checked:
 *
 *  - an MSI sent after gicits_vm_host_unassign() returned, and before the
 *    next assignment of the device began, is never delivered (the
 *    injector reads the device's phase before and after the MSI);
 *  - nothing reaches the wrong VM: each VM maps every guest DeviceID any
 *    VM uses, with the events only the device assigned to it under that
 *    DeviceID sends to "good" INTIDs and every other event to "poison"
 *    INTIDs, so an MSI delivered with another assignment's VM or guest
 *    DeviceID (a torn read of a reused slot) makes a poison LPI pending,
 *    and a good LPI of a device assigned to the other VM is caught too;
 *  - once both devices are unassigned and the VMs acknowledged, nothing
 *    more becomes pending while the injectors go on.
 *
 * Forwarded mode runs twice: the injectors call gicits_vm_host_msi(), or
 * write the devices' MSIs straight to the host ITS (gicits_its_msi() with
 * the host DeviceID, docs/vm.md "MSIs"), where what the host does not
 * deliver goes through its miss hook, inside the host ITS's announcement,
 * which unassign's drain must cover as well.
 */
#define _POSIX_C_SOURCE 200809L /* pthread_mutexattr_settype (tsan_mtx.h) */

#include "harness.h"
#include "vm_guest.h"

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <time.h>

#include "tsan_mtx.h" /* mtx_* on pthreads under TSan */

#define NINJ 2
#define ROUNDS 24
#define NDEV 2 /* host devices X (0) and W (1) */
#define HALF (VG_NEVENTS / 2) /* X sends events 0..HALF-1, W the rest */
#define GOOD(ev) (8192u + (ev))
#define POISON_BASE 16000u
#define POISON(g, ev) (POISON_BASE + (g)*VG_NEVENTS + (ev))
#define B_OFFSET 0x10000000ULL /* B's RAM in the forwarded host's space */

/* the guest DeviceID of host device @d in VM @v (0 = A, 1 = B): X is
 * guest 1 in A and 2 in B, W guest 3 in A and 4 in B */
static uint32_t gid(unsigned d, unsigned v)
{
	return 1 + 2 * d + v;
}

/* Forwarded mode's host (vg_fhost_new()): 4 CPUs (A's vCPUs on 0-1, B's
 * on 2-3), both guests' RAM added to its memory. */

struct world {
	enum gicits_vm_mode mode;
	bool direct; /* MSIs straight to the host ITS */
	struct vg vm[2];
	struct gicits_vm_host *host;
	uint32_t hid[NDEV];
	/* forwarded */
	struct vg_fhost *fhost;
	/* traffic */
	_Atomic int stop;
	/* per device: 2 x generation, + 1 while an assignment may exist
	 * (set before the assign call, cleared after unassign returned) */
	_Atomic uint64_t phase[NDEV];
	/* per device: 2 x unassign calls, + 1 while one runs */
	_Atomic uint64_t unassigning[NDEV];
	_Atomic uint64_t delivered[NDEV];
	_Atomic uint64_t refused[NDEV];
	_Atomic uint64_t late; /* delivered though sent while unassigned */
	_Atomic uint64_t other;
};

static void *injector(void *opaque)
{
	struct world *w = opaque;
	uint32_t i = 0;

	while (!atomic_load(&w->stop)) {
		unsigned d = i & 1;
		uint32_t ev = (i >> 1) % HALF + d * HALF;
		uint64_t u0 = atomic_load(&w->unassigning[d]);
		uint64_t p0 = atomic_load(&w->phase[d]), p1;
		int r = w->direct ?
				gicits_its_msi(w->fhost->its, w->hid[d], ev) :
				gicits_vm_host_msi(w->host, w->hid[d], ev);
		/* the MSI overlapped an unassign of the device: one ran
		 * when it began, or began before it ended */
		bool racing = (u0 & 1) || atomic_load(&w->unassigning[d]) != u0;

		p1 = atomic_load(&w->phase[d]);
		/* the host ITS's own drop: the device has no owner; through
		 * the host table, an MSI racing with the unassignment may
		 * get it too (<gicits/vm.h> gicits_vm_host_msi(): the host
		 * ITS found no mapping yet, say the MSI began during the
		 * assignment, and the miss hook then found the device being
		 * unassigned), and only such an MSI */
		if (r > 0 && (w->direct || (w->mode == GICITS_VM_FORWARDED &&
					    (p0 != p1 || racing))))
			r = GICITS_ENOENT;
		if (r == GICITS_DROP_NONE) {
			atomic_fetch_add(&w->delivered[d], 1);
			/* sent after an unassign returned, and delivered
			 * before the next assign had begun */
			if (p0 == p1 && !(p0 & 1))
				atomic_fetch_add(&w->late, 1);
		} else if (r == GICITS_ENOENT) {
			atomic_fetch_add(&w->refused[d], 1);
		} else {
			atomic_fetch_add(&w->other, 1);
		}
		i++;
	}
	return NULL;
}

static void wait_for(_Atomic uint64_t *ctr, uint64_t since, uint64_t n)
{
	time_t t0 = time(NULL);

	while (atomic_load(ctr) < since + n) {
		if (time(NULL) - t0 > 60)
			fail_msg("the injectors made no progress");
		sched_yield();
	}
}

/* Guest @v's mapping: every guest DeviceID 1..4, each event good where
 * the device assigned under that DeviceID sends it, else poison. */
static void map_guest(struct vg *g, unsigned v)
{
	unsigned d, u, ev;

	assert_int_equal(vg_mapc(g, 0, 0), GICITS_OK);
	assert_int_equal(vg_mapc(g, 1, 1), GICITS_OK);
	for (d = 0; d < NDEV; d++) {
		for (u = 0; u < 2; u++) {
			uint32_t g_id = gid(d, u);

			assert_int_equal(vg_mapd(g, g_id), GICITS_OK);
			for (ev = 0; ev < VG_NEVENTS; ev++) {
				bool good = u == v && ev / HALF == d;

				assert_int_equal(
					vg_mapti(g, g_id, ev,
						 good ? GOOD(ev) :
							POISON(g_id, ev),
						 (uint16_t)(ev & 1)),
					GICITS_OK);
			}
		}
	}
	assert_int_equal(vg_cmd_errors(g), 0);
}

/* VM @v (A, B) in @w's mode; forwarded: its RAM at VG_RAM + @v * B_OFFSET
 * in the host's space, its vCPUs loaded on host CPUs 2v, 2v + 1 */
static int vm_make(struct world *w, unsigned v)
{
	struct vg *g = &w->vm[v];
	int err = vg_vm_new(g, 2, 4, w->fhost, v * B_OFFSET, 2 * (int)v);

	if (!err)
		err = vg_boot(g, 2);
	return err;
}

static void world_init(struct world *w, enum gicits_vm_mode mode)
{
	uint32_t h;
	unsigned v;

	memset(w, 0, sizeof(*w));
	w->mode = mode;
	if (mode == GICITS_VM_FORWARDED) {
		w->fhost = vg_fhost_new(NULL, 4, 16, 4);
		assert_non_null(w->fhost);
	}
	/* 2 devices: 4 slots.  X and W start their probes at the same slot
	 * (the table's multiplicative hash, host.c), so each reuses the
	 * other's unassigned slot; any pair would do for correctness. */
	assert_int_equal(gicits_vm_host_create(2, &w->host), GICITS_OK);
	w->hid[0] = 0x100;
	for (h = 0x101; h < 0x10000; h++)
		if ((h * 0x9E3779B1u) >> 30 == (0x100u * 0x9E3779B1u) >> 30)
			break;
	w->hid[1] = h;
	for (v = 0; v < 2; v++) {
		assert_int_equal(vm_make(w, v), GICITS_OK);
		map_guest(&w->vm[v], v);
	}
	if (mode == GICITS_VM_FORWARDED) {
		struct gicits_vm_fwd_stats st;

		for (v = 0; v < 2; v++) {
			assert_int_equal(gicits_vm_fwd_stats(w->vm[v].vm, &st),
					 GICITS_OK);
			assert_int_equal(st.host_errors, 0);
		}
	}
}

static void world_fini(struct world *w)
{
	unsigned v;

	for (v = 0; v < 2; v++) {
		if (w->mode == GICITS_VM_FORWARDED)
			vg_assert_fwd_sound(&w->vm[v]);
		vg_destroy(&w->vm[v]);
	}
	gicits_vm_host_destroy(w->host);
	vg_fhost_free(w->fhost);
}

/* The LPIs pending in VM @v: fails on a poison INTID and on a good one
 * of a device not assigned to @v this round (@mine: bit d). */
struct scan {
	unsigned mine;
	unsigned bad;
	unsigned n;
};

static int scan_one(void *opaque, uint32_t intid)
{
	struct scan *s = opaque;

	s->n++;
	if (intid >= POISON_BASE ||
	    !(s->mine >> ((intid - GOOD(0)) / HALF) & 1))
		s->bad++;
	return 0;
}

static void check_vm(struct world *w, unsigned v, unsigned mine)
{
	struct scan s = { mine, 0, 0 };
	unsigned k;

	for (k = 0; k < 2; k++)
		assert_int_equal(gicits_vm_vcpu_pending_foreach(w->vm[v].vm, k,
								scan_one, &s),
				 GICITS_OK);
	if (s.bad)
		fail_msg("VM %u: %u of %u pending LPIs are not its own", v,
			 s.bad, s.n);
}

static void assign(struct world *w, unsigned d, unsigned v)
{
	/* the phase says "may be assigned" before the call: an MSI that
	 * finds the assignment reads the new phase after it */
	atomic_fetch_add(&w->phase[d], 1);
	assert_int_equal(gicits_vm_host_assign(w->host, w->vm[v].vm, w->hid[d],
					       gid(d, v)),
			 GICITS_OK);
}

static void unassign(struct world *w, unsigned d)
{
	atomic_fetch_add(&w->unassigning[d], 1);
	assert_int_equal(gicits_vm_host_unassign(w->host, w->hid[d]),
			 GICITS_OK);
	atomic_fetch_add(&w->phase[d], 1); /* unassigned from here on */
	atomic_fetch_add(&w->unassigning[d], 1);
}

static void run(enum gicits_vm_mode mode, bool direct)
{
	struct world *w = calloc(1, sizeof(*w));
	pthread_t th[NINJ];
	unsigned i, round;

	assert_non_null(w);
	world_init(w, mode);
	w->direct = direct;
	for (i = 0; i < NINJ; i++)
		assert_int_equal(pthread_create(&th[i], NULL, injector, w), 0);
	for (round = 0; round < ROUNDS; round++) {
		/* X to one VM, W to the same or the other; the order of
		 * the assignments decides which takes which slot */
		unsigned vx = round & 1, vw = (round >> 1) & 1, d;
		unsigned first = (round >> 2) & 1;
		uint64_t n[NDEV];

		for (d = 0; d < NDEV; d++)
			n[d] = atomic_load(&w->delivered[d]);
		assign(w, first, first ? vw : vx);
		assign(w, !first, first ? vx : vw);
		for (d = 0; d < NDEV; d++)
			wait_for(&w->delivered[d], n[d], 8);
		/* unassign in the other order, mid-traffic */
		unassign(w, !first);
		unassign(w, first);
		check_vm(w, 0, (vx == 0) | (vw == 0) << 1);
		check_vm(w, 1, (vx == 1) | (vw == 1) << 1);
		vg_ack_all(&w->vm[0]);
		vg_ack_all(&w->vm[1]);
		/* the injectors keep writing, and are all refused */
		for (d = 0; d < NDEV; d++) {
			n[d] = atomic_load(&w->refused[d]);
			wait_for(&w->refused[d], n[d], 4 * NINJ);
		}
		assert_int_equal(vg_npending(&w->vm[0]), 0);
		assert_int_equal(vg_npending(&w->vm[1]), 0);
		assert_int_equal(atomic_load(&w->late), 0);
	}
	atomic_store(&w->stop, 1);
	for (i = 0; i < NINJ; i++)
		pthread_join(th[i], NULL);
	assert_int_equal(atomic_load(&w->other), 0);
	assert_int_equal(atomic_load(&w->late), 0);
	world_fini(w);
	free(w);
}

static void test_race_emulated(void **state)
{
	(void)state;
	run(GICITS_VM_EMULATED, false);
}

static void test_race_forwarded(void **state)
{
	(void)state;
	run(GICITS_VM_FORWARDED, false);
}

static void test_race_forwarded_direct(void **state)
{
	(void)state;
	run(GICITS_VM_FORWARDED, true);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_race_emulated),
		cmocka_unit_test(test_race_forwarded),
		cmocka_unit_test(test_race_forwarded_direct),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
