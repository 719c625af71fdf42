/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * In-flight MSIs: slot ownership and the drain (inflight.h,
 * docs/concurrency.md I10).
 */
#if defined(__linux__)
#define _GNU_SOURCE /* syscall() */
#include <linux/membarrier.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "common/inflight.h"

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <threads.h>
#include <time.h>

_Thread_local struct inflight_slot *inflight_self INFLIGHT_TLS;
struct inflight_mode inflight_mode;

/*
 * The mode (inflight.h, docs/concurrency.md I10 "Frequent drains").  A
 * drain within SYM_ON_NS of the previous one switches announcements to the
 * symmetric form; once no drain came for SYM_OFF_NS, the next drain, or an
 * announcing thread every INFLIGHT_DECAY_MSIS MSIs, switches back.  Each
 * switch and each drain's choice of barrier happen under mode_lock.
 */
#define SYM_ON_NS 200000ull /* 200 us */
#define SYM_OFF_NS 10000000ull /* 10 ms */
#define INFLIGHT_DECAY_MSIS 4096u

static atomic_flag mode_lock = ATOMIC_FLAG_INIT;
static _Atomic uint64_t last_drain_ns;
static _Thread_local unsigned decay_count;
/* the calling thread's slot, whatever its mode (NULL: none claimed yet) */
static _Thread_local struct inflight_slot *mine;

static struct inflight_slot slots[INFLIGHT_SLOTS];
static struct inflight_slot overflow = { .mode = INFLIGHT_SHARED };
/* slots ever claimed: the drain looks at slots[0 .. hi) */
static _Atomic unsigned hi;
/* slots owned now (other threads may be about to announce) */
static _Atomic unsigned owned;

/* 0: not yet, 1: being set up, 2: ready */
static _Atomic int setup_state;
static bool asym; /* membarrier(PRIVATE_EXPEDITED) works */
static tss_t key; /* frees a thread's slot at its exit */
static bool have_key;

/* A seq_cst fence.  GCC rejects atomic_thread_fence(seq_cst) under
 * -fsanitize=thread (-Wtsan: TSan does not model fences); there a seq_cst
 * RMW of one shared word stands in, which TSan does model. */
static void fence_sc(void)
{
#if defined(__SANITIZE_THREAD__)
	static _Atomic int word;

	(void)atomic_fetch_add_explicit(&word, 0, memory_order_seq_cst);
#else
	atomic_thread_fence(memory_order_seq_cst);
#endif
}

static bool barrier_register(void)
{
#if defined(__linux__) && defined(SYS_membarrier)
	long q = syscall(SYS_membarrier, MEMBARRIER_CMD_QUERY, 0, 0);

	return q >= 0 && (q & MEMBARRIER_CMD_PRIVATE_EXPEDITED) &&
	       syscall(SYS_membarrier,
		       MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED, 0, 0) == 0;
#else
	return false;
#endif
}

/* The process-wide barrier: every other thread of the process runs a full
 * memory barrier before this returns (so an announcement it stored before
 * is visible, or a translation it makes after reads our stores). */
static void barrier_heavy(void)
{
#if defined(__linux__) && defined(SYS_membarrier)
	if (asym && syscall(SYS_membarrier, MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0,
			    0) == 0)
		return;
#endif
	/* not reached while a slot uses INFLIGHT_ASYM (see setup()) */
}

static void slot_free(void *p)
{
	struct inflight_slot *s = p;

	if (s && s != &overflow) {
		atomic_fetch_sub_explicit(&owned, 1, memory_order_seq_cst);
		atomic_store_explicit(&s->owner, 0, memory_order_release);
	}
}

static void setup(void)
{
	int st = 0;

	if (atomic_compare_exchange_strong(&setup_state, &st, 1)) {
		asym = barrier_register();
		have_key = tss_create(&key, slot_free) == thrd_success;
		atomic_store_explicit(&setup_state, 2, memory_order_release);
		return;
	}
	while (atomic_load_explicit(&setup_state, memory_order_acquire) != 2)
		thrd_yield();
}

static struct inflight_slot *claim(void)
{
	unsigned i, h;

	setup();
	for (i = 0; i < INFLIGHT_SLOTS; i++) {
		int z = 0;

		if (atomic_load_explicit(&slots[i].owner,
					 memory_order_relaxed) ||
		    !atomic_compare_exchange_strong(&slots[i].owner, &z, 1))
			continue;
		slots[i].mode = asym ? INFLIGHT_ASYM : INFLIGHT_FENCE;
		/* state is IDLE: a freed slot's owner left no MSI open */
		atomic_fetch_add_explicit(&owned, 1, memory_order_seq_cst);
		h = atomic_load_explicit(&hi, memory_order_relaxed);
		while (h <= i && !atomic_compare_exchange_weak(&hi, &h, i + 1))
			;
		if (have_key)
			(void)tss_set(key, &slots[i]);
		/* a drain that did not see this claim ordered its stores
		 * before our translations (I10) */
		fence_sc();
		if (slots[i].mode == INFLIGHT_ASYM)
			inflight_self = &slots[i];
		return &slots[i];
	}
	return &overflow;
}

struct inflight inflight_enter_slow(void)
{
	struct inflight_slot *s = mine ? mine : (mine = claim());
	struct inflight f = { s, s->mode != INFLIGHT_SHARED };

	if (s->mode == INFLIGHT_ASYM)
		return inflight_enter(); /* just claimed */
	if (f.own)
		atomic_store_explicit(&s->state, INFLIGHT_BUSY,
				      memory_order_release);
	else
		atomic_fetch_add_explicit(&s->state, 1, memory_order_seq_cst);
	fence_sc();
	return f;
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static void mode_lock_take(void)
{
	while (atomic_flag_test_and_set_explicit(&mode_lock,
						 memory_order_acquire))
		thrd_yield();
}

static void mode_lock_drop(void)
{
	atomic_flag_clear_explicit(&mode_lock, memory_order_release);
}

/* Back to the asymmetric form; mode lock held.  Release: an announcement
 * that reads 0 (acquire) sees every command store a drain made visible
 * before it took the lock (and the drains from now on pay the barrier). */
static void sym_off(void)
{
	atomic_store_explicit(&inflight_mode.sym, 0, memory_order_release);
}

void inflight_sym_fence(void)
{
	fence_sc();
	if (++decay_count % INFLIGHT_DECAY_MSIS)
		return;
	/* drains stopped?  Never wait for the lock here: an MSI never
	 * waits (L5) */
	if (now_ns() - atomic_load_explicit(&last_drain_ns,
					    memory_order_relaxed) <
		    SYM_OFF_NS ||
	    atomic_flag_test_and_set_explicit(&mode_lock, memory_order_acquire))
		return;
	if (now_ns() - atomic_load_explicit(&last_drain_ns,
					    memory_order_relaxed) >=
	    SYM_OFF_NS)
		sym_off();
	mode_lock_drop();
}

void inflight_leave_slow(struct inflight_slot *s)
{
	atomic_fetch_sub_explicit(&s->state, 1, memory_order_release);
}

/* Wait for the MSI in flight in @s, if any: mark it and wait until its
 * owner retires it.  A new MSI of the owner stores BUSY over IDLE only, so
 * after the owner overwrites the mark the wait is over, however fast the
 * owner injects. */
static void wait_slot(struct inflight_slot *s)
{
	uint64_t v = atomic_load_explicit(&s->state, memory_order_acquire);
	unsigned spins = 0;

	if (v == INFLIGHT_IDLE)
		return;
	if (v == INFLIGHT_BUSY &&
	    !atomic_compare_exchange_strong_explicit(
		    &s->state, &v, INFLIGHT_MARKED, memory_order_acq_rel,
		    memory_order_acquire) &&
	    v == INFLIGHT_IDLE)
		return; /* retired between the load and the CAS */
	/* marked, by us or by another drain */
	while (atomic_load_explicit(&s->state, memory_order_acquire) ==
	       INFLIGHT_MARKED)
		if (++spins > 64)
			thrd_yield();
}

void inflight_drain(void)
{
	struct inflight_slot *self = mine;
	unsigned i, n, others;

	/* our stores (the command's), then the announcements (I10) */
	fence_sc();
	others = atomic_load_explicit(&owned, memory_order_seq_cst) -
		 (self && self != &overflow);
	if (others && asym) {
		uint64_t now = now_ns(),
			 gap = now - atomic_load_explicit(&last_drain_ns,
							  memory_order_relaxed);
		bool sym;

		mode_lock_take();
		sym = atomic_load_explicit(&inflight_mode.sym,
					   memory_order_relaxed);
		if (sym && gap >= SYM_OFF_NS) {
			sym_off();
			sym = false;
		} else if (!sym && gap < SYM_ON_NS) {
			/* announcements from now on fence; the barrier below
			 * covers those that read 0 before it (I10) */
			atomic_store_explicit(&inflight_mode.sym, 1,
					      memory_order_seq_cst);
		}
		atomic_store_explicit(&last_drain_ns, now,
				      memory_order_relaxed);
		/* symmetric: every announcement since the switch fenced,
		 * and those before it were published by the switch's
		 * barrier: the fence above is the drain's half */
		if (!sym)
			barrier_heavy();
		mode_lock_drop();
	}
	n = atomic_load_explicit(&hi, memory_order_acquire);
	for (i = 0; i < n; i++)
		if (&slots[i] != self)
			wait_slot(&slots[i]);
	/* the overflow slot counts: it may starve a drain while more than
	 * INFLIGHT_SLOTS threads inject without pause (documented, I10) */
	for (i = 0;
	     atomic_load_explicit(&overflow.state, memory_order_acquire);)
		if (++i > 64)
			thrd_yield();
}

bool inflight_barrier_available(void)
{
	setup();
	return asym;
}
