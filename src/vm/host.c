/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The host's DeviceID space: which VM owns which host device, under which
 * guest DeviceID, and the MSI path that looks that up without a lock.
 *
 * The table is open addressing with linear probing over 2 x max_devices
 * slots.  A slot's state word holds everything an MSI decides on:
 *
 *   [63:32] host DeviceID (the key)   [31] USED: the key is valid
 *   [30] ASSIGNED                     [29:0] RES0
 *
 * A slot goes empty -> USED and never back, so a probe that meets an
 * empty slot knows the key is absent; an unassigned slot (a tombstone)
 * keeps its key until an assignment reuses it (its own key first).  @vm
 * and @guest_id are written under the lock while the slot is not
 * ASSIGNED and published by the release store that sets ASSIGNED.
 *
 * The MSI path takes no reference and writes nothing shared.  It
 * announces the MSI in flight in its thread's own slot
 * (src/common/inflight.h, the announcement gicits_its_msi() makes
 * anyway), reads the state word (acquire) and, when it says ASSIGNED
 * with the key, @vm and @guest_id, delivers through the ITS's
 * announced-by-the-caller entry (its/msi_in_flight.h), and retires.
 * Unassign clears ASSIGNED and then drains the in-flight MSIs
 * (inflight_drain(), docs/concurrency.md I10) before it returns or lets
 * the slot be reused:
 *
 *  - the drain's barrier against the announcement is a store-load pair
 *    (unassign: store the state, barrier, read the announcements; MSI:
 *    announce, read the state), so an MSI either reads the cleared state
 *    or is announced when the drain looks, and is waited for.  Every MSI
 *    that found the assignment has therefore been delivered when unassign
 *    returns, and one that starts after it returns reads ASSIGNED clear;
 *  - @vm and @guest_id are rewritten only by a later assignment, after
 *    that drain: an MSI never reads them while they change, and the
 *    triple (state, vm, guest_id) it reads is one assignment's, even when
 *    the slot went to another key or VM in between (no ABA: the MSI that
 *    saw the old state retired before the slot changed hands);
 *  - the VM a slot names is not freed while an MSI uses it: VM destroy
 *    unassigns (and drains) first.  This is the use-after-free KVM's
 *    translation cache had (prior-art.md K1) ruled out without a count,
 *    and there is no count to drop twice (K2).
 */
#include "gicits/vm.h"
#include "gicits/error.h"
#include "vm_internal.h"

#include "common/bits.h"
#include "common/inflight.h"
#include "its/msi_in_flight.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>

#define HOST_MAX_DEVICES (1u << 20)

#define SLOT_USED (1ull << 31)
#define SLOT_ASSIGNED (1ull << 30)
#define SLOT_KEY(w) ((uint32_t)((w) >> 32))

struct host_slot {
	_Alignas(32) _Atomic uint64_t state;
	/* written under the lock while not ASSIGNED (relaxed: the state's
	 * release store publishes them) */
	_Atomic(struct gicits_vm *) vm;
	_Atomic uint32_t guest_id;
};

struct gicits_vm_host {
	mtx_t lock; /* assignments; before any ITS/redistributor lock */
	struct host_slot *slots;
	uint32_t mask; /* number of slots - 1 */
	unsigned shift; /* 32 - log2(number of slots): slot_hash() */
	unsigned max_devices;
	_Atomic unsigned nassigned; /* written under @lock */
	/* a forwarded VM's device was assigned once (under @lock) */
	_Atomic bool fwd_used;
	/* drop counters: written by MSIs that did not reach an LPI only */
	_Alignas(64) _Atomic uint64_t unassigned;
	_Atomic uint64_t removed;
	_Atomic uint64_t guest_dropped;
};

static uint32_t slot_hash(const struct gicits_vm_host *host, uint32_t id)
{
	return (uint32_t)((id * 0x9E3779B1u) >> host->shift) & host->mask;
}

int gicits_vm_host_create(unsigned max_devices, struct gicits_vm_host **out)
{
	struct gicits_vm_host *host;
	unsigned bits = 1;

	if (!out)
		return GICITS_EINVAL;
	*out = NULL;
	if (max_devices < 1 || max_devices > HOST_MAX_DEVICES)
		return GICITS_EINVAL;
	while ((1u << bits) < 2 * max_devices)
		bits++;
	host = calloc(1, sizeof(*host));
	if (!host)
		return GICITS_ENOMEM;
	host->slots =
		aligned_alloc(_Alignof(struct host_slot),
			      ((size_t)1 << bits) * sizeof(struct host_slot));
	if (!host->slots) {
		free(host);
		return GICITS_ENOMEM;
	}
	memset(host->slots, 0, ((size_t)1 << bits) * sizeof(struct host_slot));
	if (mtx_init(&host->lock, mtx_plain) != thrd_success) {
		free(host->slots);
		free(host);
		return GICITS_ENOMEM;
	}
	host->shift = 32 - bits;
	host->mask = (1u << bits) - 1;
	host->max_devices = max_devices;
	*out = host;
	return GICITS_OK;
}

void gicits_vm_host_destroy(struct gicits_vm_host *host)
{
	uint32_t i;

	if (!host)
		return;
	mtx_lock(&host->lock);
	for (i = 0; i <= host->mask; i++) {
		struct host_slot *s = &host->slots[i];
		uint64_t w =
			atomic_load_explicit(&s->state, memory_order_relaxed);

		if (w & SLOT_ASSIGNED) {
			struct gicits_vm *vm = atomic_load_explicit(
				&s->vm, memory_order_relaxed);

			if (vm->fwd) {
				fwd_lock(vm);
				while (vm->ndevs)
					fwd_dev_gone(vm,
						     &vm->devs[--vm->ndevs]);
				fwd_unlock(vm);
			}
			vm->host = NULL;
			vm->ndevs = 0;
		}
	}
	mtx_unlock(&host->lock);
	/* a forwarded host ITS's miss hook may have read this table
	 * (fwd_dev_gone() above released it): wait for such MSIs */
	if (atomic_load_explicit(&host->fwd_used, memory_order_relaxed))
		inflight_drain();
	mtx_destroy(&host->lock);
	free(host->slots);
	free(host);
}

/*
 * Under the lock: the slot holding key @id (assigned or a tombstone), or
 * NULL; *@free_slot receives the first slot of @id's probe sequence an
 * assignment may take (empty or a tombstone), or NULL if there is none.
 */
static struct host_slot *slot_find_locked(struct gicits_vm_host *host,
					  uint32_t id,
					  struct host_slot **free_slot)
{
	uint32_t idx = slot_hash(host, id), n;

	*free_slot = NULL;
	for (n = 0; n <= host->mask; n++, idx = (idx + 1) & host->mask) {
		struct host_slot *s = &host->slots[idx];
		uint64_t w =
			atomic_load_explicit(&s->state, memory_order_relaxed);

		if (!(w & SLOT_USED)) {
			if (!*free_slot)
				*free_slot = s;
			return NULL;
		}
		if (SLOT_KEY(w) == id)
			return s;
		if (!(w & SLOT_ASSIGNED) && !*free_slot)
			*free_slot = s;
	}
	return NULL;
}

static bool vm_has_guest_id(const struct gicits_vm *vm, uint32_t guest_id)
{
	unsigned i;

	for (i = 0; i < vm->ndevs; i++)
		if (vm->devs[i].guest_id == guest_id)
			return true;
	return false;
}

int gicits_vm_host_assign(struct gicits_vm_host *host, struct gicits_vm *vm,
			  uint32_t host_device_id, uint32_t guest_device_id)
{
	struct host_slot *s, *free_slot;
	int err = GICITS_OK;

	if (!host || !vm)
		return GICITS_EINVAL;
	if (vm->devbits < 32 && guest_device_id >> vm->devbits)
		return GICITS_ERANGE;
	mtx_lock(&host->lock);
	if (vm->host && vm->host != host) {
		err = GICITS_ESTATE;
		goto out;
	}
	s = slot_find_locked(host, host_device_id, &free_slot);
	if (s && (atomic_load_explicit(&s->state, memory_order_relaxed) &
		  SLOT_ASSIGNED)) {
		err = GICITS_ESTATE; /* the device has an owner */
		goto out;
	}
	if (vm_has_guest_id(vm, guest_device_id)) {
		err = GICITS_ESTATE;
		goto out;
	}
	if (vm->ndevs >= vm->max_devices ||
	    atomic_load_explicit(&host->nassigned, memory_order_relaxed) >=
		    host->max_devices) {
		err = GICITS_ENOMEM;
		goto out;
	}
	if (!s)
		s = free_slot;
	if (!s) { /* cannot happen: fewer than half the slots are assigned */
		err = GICITS_ENOMEM;
		goto out;
	}
	/* forwarded: the host ITS's misses are looked up in this table
	 * (one table per host ITS); the last check, nothing fails after */
	if (vm->fwd) {
		err = fwd_registry_claim(vm, host);
		if (err)
			goto out;
		atomic_store_explicit(&host->fwd_used, true,
				      memory_order_relaxed);
	}
	/* the slot is not ASSIGNED, and its last unassignment drained the
	 * MSIs that saw it assigned: no MSI reads these now */
	atomic_store_explicit(&s->vm, vm, memory_order_relaxed);
	atomic_store_explicit(&s->guest_id, guest_device_id,
			      memory_order_relaxed);
	atomic_store_explicit(&s->state,
			      (uint64_t)host_device_id << 32 | SLOT_USED |
				      SLOT_ASSIGNED,
			      memory_order_release);
	if (vm->fwd)
		fwd_lock(vm); /* the mirror reads the list (forward.c) */
	vm->devs[vm->ndevs].host_id = host_device_id;
	vm->devs[vm->ndevs].guest_id = guest_device_id;
	vm->devs[vm->ndevs].fwd = NULL;
	vm->ndevs++;
	if (vm->fwd) {
		fwd_unlock(vm);
		fwd_dev_added(vm, &vm->devs[vm->ndevs - 1]);
	}
	vm->host = host;
	atomic_fetch_add_explicit(&host->nassigned, 1, memory_order_relaxed);
out:
	mtx_unlock(&host->lock);
	return err;
}

/* Under the lock: take the assigned slot @s away.  MSIs that read the
 * state before this may still be delivering (slot_unassigned_locked()
 * after the drain).  The host DeviceID. */
static uint32_t slot_take_locked(struct host_slot *s)
{
	uint64_t w = atomic_fetch_and_explicit(&s->state, ~SLOT_ASSIGNED,
					       memory_order_relaxed);

	return SLOT_KEY(w);
}

/* Under the lock, after the drain that followed slot_take_locked(): no
 * MSI that found the device assigned is in flight; forget it in @vm. */
static void slot_unassigned_locked(struct gicits_vm_host *host,
				   struct gicits_vm *vm, uint32_t host_id)
{
	unsigned i;

	if (vm->fwd)
		fwd_lock(vm);
	for (i = 0; i < vm->ndevs; i++) {
		if (vm->devs[i].host_id == host_id) {
			/* no MSI reaches the device's host ITS mapping
			 * through us: it goes before another VM may get
			 * the device */
			if (vm->fwd)
				fwd_dev_gone(vm, &vm->devs[i]);
			vm->devs[i] = vm->devs[--vm->ndevs];
			break;
		}
	}
	if (vm->fwd)
		fwd_unlock(vm);
	if (!vm->ndevs)
		vm->host = NULL;
	atomic_fetch_sub_explicit(&host->nassigned, 1, memory_order_relaxed);
}

int gicits_vm_host_unassign(struct gicits_vm_host *host,
			    uint32_t host_device_id)
{
	struct host_slot *s, *free_slot;
	int err = GICITS_OK;

	if (!host)
		return GICITS_EINVAL;
	mtx_lock(&host->lock);
	s = slot_find_locked(host, host_device_id, &free_slot);
	if (!s || !(atomic_load_explicit(&s->state, memory_order_relaxed) &
		    SLOT_ASSIGNED))
		err = GICITS_ENOENT;
	else {
		struct gicits_vm *vm =
			atomic_load_explicit(&s->vm, memory_order_relaxed);
		uint32_t id = slot_take_locked(s);

		/* every MSI that read the state before the store above
		 * retires before this returns (I10: the drain's barrier
		 * pairs the store with the MSI's announcement); later
		 * ones read ASSIGNED clear */
		inflight_drain();
		slot_unassigned_locked(host, vm, id);
	}
	mtx_unlock(&host->lock);
	return err;
}

void vm_host_release_vm(struct gicits_vm_host *host, struct gicits_vm *vm)
{
	unsigned i;

	mtx_lock(&host->lock);
	/* every device first, then one drain for all of them (a drain is a
	 * process-wide barrier), then the bookkeeping */
	for (i = 0; i < vm->ndevs; i++) {
		struct host_slot *s, *free_slot;

		s = slot_find_locked(host, vm->devs[i].host_id, &free_slot);
		if (s &&
		    (atomic_load_explicit(&s->state, memory_order_relaxed) &
		     SLOT_ASSIGNED))
			(void)slot_take_locked(s);
	}
	if (vm->ndevs)
		inflight_drain();
	while (vm->ndevs)
		slot_unassigned_locked(host, vm,
				       vm->devs[vm->ndevs - 1].host_id);
	vm->host = NULL;
	mtx_unlock(&host->lock);
}

/*
 * The slot that holds @host_device_id (assigned or a tombstone), its state
 * word in *@w, or NULL: plain acquire loads of the probe sequence, inside
 * the caller's announcement (see the top of this file).
 */
static HOT_INLINE struct host_slot *
host_probe(struct gicits_vm_host *host, uint32_t host_device_id, uint64_t *w)
{
	uint32_t idx = slot_hash(host, host_device_id), n;

	for (n = 0; n <= host->mask; n++, idx = (idx + 1) & host->mask) {
		struct host_slot *s = &host->slots[idx];

		*w = atomic_load_explicit(&s->state, memory_order_acquire);
		if (UNLIKELY(!(*w & SLOT_USED)))
			return NULL;
		if (SLOT_KEY(*w) == host_device_id)
			return s;
	}
	return NULL;
}

/* An MSI that reaches no VM: the drop counters (not on the delivery
 * path). */
static COLD_NOINLINE int host_msi_none(struct gicits_vm_host *host,
				       const struct host_slot *s)
{
	atomic_fetch_add_explicit(s ? &host->removed : &host->unassigned, 1,
				  memory_order_relaxed);
	return GICITS_ENOENT;
}

/*
 * The lookup and delivery of gicits_vm_host_msi(), inside the caller's
 * announcement, which it retires when @f is not NULL (the announcement
 * inflight_enter_fast() made; NULL: the caller retires it).  No
 * read-modify-write on the success path; the drop counters are written
 * only by MSIs that do not reach an LPI.
 *
 * The delivery is the last call, and retires the announcement itself
 * (its_msi_in_flight_retire()), so that it is a tail call.  Emulated
 * mode: the VM's vITS, counting its drops as guest_dropped.  Forwarded
 * mode: the host ITS with the host DeviceID, exactly as the device's own
 * MSI reaching the host ITS directly (docs/vm.md "MSIs"): what the host
 * does not deliver goes, through the host ITS's miss hook
 * (vm_host_fwd_miss()), to the vITS of the VM that owns the device,
 * which counts it.  Equivalent to delivering to the VM found here: the
 * host ITS holds vLPIs for a host DeviceID only while it is assigned to
 * this VM (the shadow is dropped, MAPD V=0, before an unassign returns),
 * and the hook finds the same assignment (or, if an unassign raced with
 * this MSI, none: the MSI is then ordered after the unassign and
 * dropped, counted as removed, with the host ITS's drop reason).
 */
static HOT_INLINE int host_msi_in_flight(struct gicits_vm_host *host,
					 uint32_t host_device_id,
					 uint32_t event_id,
					 struct inflight_slot *f)
{
	uint64_t w;
	struct host_slot *s = host_probe(host, host_device_id, &w);
	struct gicits_vm *vm;
	uint32_t guest_id;
	int r;

	if (UNLIKELY(!s || !(w & SLOT_ASSIGNED))) {
		if (f)
			inflight_leave_fast(f);
		return host_msi_none(host, s);
	}
	/* published by the release store of @w's ASSIGNED; not rewritten
	 * before we retire (unassign drains first) */
	vm = atomic_load_explicit(&s->vm, memory_order_relaxed);
	if (vm->fwd_hits) {
		if (f)
			return (int)its_msi_in_flight_retire(vm->fwd_hits,
							     host_device_id,
							     event_id, f, NULL);
		return (int)its_msi_in_flight(vm->fwd_hits, host_device_id,
					      event_id);
	}
	guest_id = atomic_load_explicit(&s->guest_id, memory_order_relaxed);
	if (f)
		return (int)its_msi_in_flight_retire(
			vm->its, guest_id, event_id, f, &host->guest_dropped);
	r = (int)its_msi_in_flight(vm->its, guest_id, event_id);
	if (r > 0)
		atomic_fetch_add_explicit(&host->guest_dropped, 1,
					  memory_order_relaxed);
	return r;
}

/* The thread's first MSI, or no process-wide barrier (inflight.h). */
static COLD_NOINLINE int host_msi_slow(struct gicits_vm_host *host,
				       uint32_t host_device_id,
				       uint32_t event_id)
{
	struct inflight f = inflight_enter();
	int r = host_msi_in_flight(host, host_device_id, event_id, NULL);

	inflight_leave(f);
	return r;
}

/* Announced while drains are frequent (inflight.h inflight_mode): the
 * symmetric form's fence, then the same as the common case. */
static COLD_NOINLINE int host_msi_sym(struct gicits_vm_host *host,
				      uint32_t host_device_id,
				      uint32_t event_id,
				      struct inflight_slot *f)
{
	inflight_sym_fence();
	return host_msi_in_flight(host, host_device_id, event_id, f);
}

int gicits_vm_host_msi(struct gicits_vm_host *host, uint32_t host_device_id,
		       uint32_t event_id)
{
	struct inflight_slot *f;

	if (!host)
		return GICITS_EINVAL;
	/*
	 * In flight from before the state is read until the delivery is
	 * done (or the MSI dropped): what unassign's drain waits for.
	 * inflight_enter_fast() spelled out, so that no path calls anything
	 * but last (tail calls: no frame, nothing saved): the thread's
	 * INFLIGHT_ASYM slot, BUSY, and the symmetric form's fence out of
	 * line.
	 */
	f = inflight_self;
	if (UNLIKELY(!f))
		return host_msi_slow(host, host_device_id, event_id);
	atomic_store_explicit(&f->state, INFLIGHT_BUSY, memory_order_release);
	atomic_signal_fence(memory_order_seq_cst);
	if (UNLIKELY(atomic_load_explicit(&inflight_mode.sym,
					  memory_order_acquire)))
		return host_msi_sym(host, host_device_id, event_id, f);
	return host_msi_in_flight(host, host_device_id, event_id, f);
}

/*
 * The forwarded host ITS's miss hook (forward.c fh_miss()): an MSI of
 * host device @host_device_id that the host ITS @hits dropped with @d,
 * inside the MSI's announcement (the host ITS's own, or
 * gicits_vm_host_msi()'s): the same lookup as host_msi_in_flight(), then
 * the owning VM's vITS (fwd_msi_fallback()).  A device that no VM of
 * this host ITS owns gets the host ITS's own drop, counted as
 * gicits_vm_host_msi() counts it (unassigned, or removed); a device
 * assigned to a VM that is not forwarded on @hits (emulated, or on
 * another host ITS) is not this ITS's to deliver: the host's drop too,
 * counted as unassigned.  Unassign's drain covers it: the hook runs
 * inside the announcement, and reads the state after it.
 */
enum gicits_drop vm_host_fwd_miss(struct gicits_vm_host *host,
				  struct gicits_its *hits,
				  uint32_t host_device_id, uint32_t event_id,
				  enum gicits_drop d)
{
	uint64_t w;
	struct host_slot *s = host_probe(host, host_device_id, &w);
	struct gicits_vm *vm = NULL;
	int r;

	if (s && (w & SLOT_ASSIGNED))
		vm = atomic_load_explicit(&s->vm, memory_order_relaxed);
	if (!vm || vm->fwd_hits != hits) {
		atomic_fetch_add_explicit(vm || !s ? &host->unassigned :
						     &host->removed,
					  1, memory_order_relaxed);
		return d;
	}
	r = fwd_msi_fallback(
		vm, atomic_load_explicit(&s->guest_id, memory_order_relaxed),
		event_id);
	if (r > 0)
		atomic_fetch_add_explicit(&host->guest_dropped, 1,
					  memory_order_relaxed);
	return (enum gicits_drop)r;
}

int gicits_vm_host_stats(struct gicits_vm_host *host,
			 struct gicits_vm_host_stats *st)
{
	if (!host || !st)
		return GICITS_EINVAL;
	memset(st, 0, sizeof(*st));
	st->unassigned =
		atomic_load_explicit(&host->unassigned, memory_order_relaxed);
	st->removed =
		atomic_load_explicit(&host->removed, memory_order_relaxed);
	st->guest_dropped = atomic_load_explicit(&host->guest_dropped,
						 memory_order_relaxed);
	/* no lock: callable from a trace callback inside an MSI */
	st->assigned =
		atomic_load_explicit(&host->nassigned, memory_order_relaxed);
	return GICITS_OK;
}
