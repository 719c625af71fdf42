/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Hot unplug of an assigned device while its MSIs arrive on other threads
 * (run under the tsan preset too): after gicits_vm_host_unassign()
 * returns, no MSI of the device reaches the VM; a device moved to another
 * VM reaches only that one; a VM destroyed mid-traffic is never touched
 * again.
 */
#define _POSIX_C_SOURCE 200809L /* pthread_mutexattr_settype (tsan_mtx.h) */

#include "harness.h"
#include "vm_guest.h"

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <time.h>

#include "tsan_mtx.h" /* mtx_* on pthreads under TSan */

#define HID 0xBEEF0001u
#define NINJ 2
#define ROUNDS 60

struct traffic {
	struct gicits_vm_host *host;
	_Atomic int stop;
	_Atomic uint64_t delivered; /* DROP_NONE */
	_Atomic uint64_t refused; /* ENOENT */
	_Atomic uint64_t other;
};

static void *injector(void *opaque)
{
	struct traffic *t = opaque;
	uint32_t ev = 0;

	while (!atomic_load(&t->stop)) {
		int r = gicits_vm_host_msi(t->host, HID, ev);

		if (r == GICITS_DROP_NONE)
			atomic_fetch_add(&t->delivered, 1);
		else if (r == GICITS_ENOENT)
			atomic_fetch_add(&t->refused, 1);
		else
			atomic_fetch_add(&t->other, 1);
		ev = (ev + 1) % VG_NEVENTS;
	}
	return NULL;
}

/* Wait until @ctr passes @since + @n; fail after 30 s. */
static void wait_for(_Atomic uint64_t *ctr, uint64_t since, uint64_t n)
{
	time_t t0 = time(NULL);

	while (atomic_load(ctr) < since + n) {
		if (time(NULL) - t0 > 30)
			fail_msg("the injectors made no progress");
		sched_yield();
	}
}

static void map_guest(struct vg *g, uint32_t intid_base)
{
	uint32_t ev;

	assert_int_equal(vg_mapd(g, 1), GICITS_OK);
	assert_int_equal(vg_mapc(g, 0, 0), GICITS_OK);
	assert_int_equal(vg_mapc(g, 1, 1), GICITS_OK);
	for (ev = 0; ev < VG_NEVENTS; ev++)
		assert_int_equal(vg_mapti(g, 1, ev, intid_base + ev, ev & 1),
				 GICITS_OK);
	assert_int_equal(vg_cmd_errors(g), 0);
}

static void start(struct traffic *t, pthread_t *th)
{
	unsigned i;

	for (i = 0; i < NINJ; i++)
		assert_int_equal(pthread_create(&th[i], NULL, injector, t), 0);
}

static void stop(struct traffic *t, pthread_t *th)
{
	unsigned i;

	atomic_store(&t->stop, 1);
	for (i = 0; i < NINJ; i++)
		pthread_join(th[i], NULL);
}

/* Assign, let MSIs flow, unassign mid-traffic: from the return on,
 * nothing more becomes pending in the VM while the injectors go on. */
static void test_unassign_mid_traffic(void **state)
{
	struct traffic t = { 0 };
	struct gicits_vm_host_stats st;
	pthread_t th[NINJ];
	struct vg a;
	unsigned round;

	(void)state;
	assert_int_equal(gicits_vm_host_create(4, &t.host), GICITS_OK);
	assert_int_equal(vg_create(&a, 2), GICITS_OK);
	map_guest(&a, 8192);
	start(&t, th);
	for (round = 0; round < ROUNDS; round++) {
		uint64_t d = atomic_load(&t.delivered), r;

		assert_int_equal(gicits_vm_host_assign(t.host, a.vm, HID, 1),
				 GICITS_OK);
		wait_for(&t.delivered, d, 8);
		assert_int_equal(gicits_vm_host_unassign(t.host, HID),
				 GICITS_OK);
		vg_ack_all(&a);
		/* the injectors keep writing, and are all refused */
		r = atomic_load(&t.refused);
		wait_for(&t.refused, r, 4 * NINJ);
		assert_int_equal(vg_npending(&a), 0);
		assert_int_equal(vg_ack_all(&a), 0);
	}
	stop(&t, th);
	assert_int_equal(atomic_load(&t.other), 0);
	assert_int_equal(gicits_vm_host_stats(t.host, &st), GICITS_OK);
	assert_true(st.removed > 0);
	assert_int_equal(st.assigned, 0);
	vg_destroy(&a);
	gicits_vm_host_destroy(t.host);
}

/* The device moves from VM A to VM B mid-traffic: once the unassign
 * returned, A gets nothing more; B gets the MSIs after its assign. */
static void test_move_between_vms(void **state)
{
	struct traffic t = { 0 };
	pthread_t th[NINJ];
	struct vg a, b;
	unsigned round;

	(void)state;
	assert_int_equal(gicits_vm_host_create(4, &t.host), GICITS_OK);
	assert_int_equal(vg_create(&a, 2), GICITS_OK);
	assert_int_equal(vg_create(&b, 2), GICITS_OK);
	map_guest(&a, 8192);
	map_guest(&b, 9000);
	start(&t, th);
	for (round = 0; round < ROUNDS; round++) {
		struct vg *from = round & 1 ? &b : &a,
			  *to = round & 1 ? &a : &b;
		uint64_t d = atomic_load(&t.delivered);

		assert_int_equal(
			gicits_vm_host_assign(t.host, from->vm, HID, 1),
			GICITS_OK);
		wait_for(&t.delivered, d, 8);
		assert_int_equal(gicits_vm_host_unassign(t.host, HID),
				 GICITS_OK);
		vg_ack_all(from);
		assert_int_equal(vg_npending(to), 0);
		d = atomic_load(&t.delivered);
		assert_int_equal(gicits_vm_host_assign(t.host, to->vm, HID, 1),
				 GICITS_OK);
		wait_for(&t.delivered, d, 8);
		/* @from lost the device before @to had it */
		assert_int_equal(vg_npending(from), 0);
		assert_true(vg_npending(to) > 0);
		assert_int_equal(gicits_vm_host_unassign(t.host, HID),
				 GICITS_OK);
		vg_ack_all(to);
	}
	stop(&t, th);
	assert_int_equal(atomic_load(&t.other), 0);
	vg_destroy(&a);
	vg_destroy(&b);
	gicits_vm_host_destroy(t.host);
}

/* A VM destroyed while its device's MSIs arrive: gicits_vm_destroy()
 * unassigns first, so no MSI touches the freed VM (ASan, TSan). */
static void test_destroy_mid_traffic(void **state)
{
	struct traffic t = { 0 };
	struct gicits_vm_host_stats st;
	pthread_t th[NINJ];
	unsigned round;

	(void)state;
	assert_int_equal(gicits_vm_host_create(4, &t.host), GICITS_OK);
	start(&t, th);
	for (round = 0; round < ROUNDS / 4; round++) {
		uint64_t d = atomic_load(&t.delivered), r;
		struct vg a;

		assert_int_equal(vg_create(&a, 2), GICITS_OK);
		map_guest(&a, 8192 + round);
		assert_int_equal(gicits_vm_host_assign(t.host, a.vm, HID, 1),
				 GICITS_OK);
		wait_for(&t.delivered, d, 8);
		vg_destroy(&a);
		r = atomic_load(&t.refused);
		wait_for(&t.refused, r, 4 * NINJ);
	}
	stop(&t, th);
	assert_int_equal(atomic_load(&t.other), 0);
	assert_int_equal(gicits_vm_host_stats(t.host, &st), GICITS_OK);
	assert_int_equal(st.assigned, 0);
	gicits_vm_host_destroy(t.host);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unassign_mid_traffic),
		cmocka_unit_test(test_move_between_vms),
		cmocka_unit_test(test_destroy_mid_traffic),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
