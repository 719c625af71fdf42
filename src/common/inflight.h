/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * In-flight MSIs and the drain of the ordering points
 * (docs/concurrency.md I10, R11).  An MSI (a burst: each group of it)
 * announces itself in its thread's slot before it translates and retires
 * after it has set the pending bit; an ordering point (SYNC, DISCARD, MOVI,
 * MOVALL, MAPD V=0, MAPC V=0, EnableLPIs 1 -> 0) calls inflight_drain()
 * after its own stores and before it acts on the pending state, and so
 * waits for every MSI that started before it.  Library-wide, below both
 * the ITS and the redistributors (docs/architecture.md layering: each calls
 * down into it, neither calls up).
 *
 * A thread owns its slot (the first MSI claims one; thread exit frees it),
 * so announcing and retiring are plain stores to the thread's own cache
 * line.  The store-load order an announcement needs (announce, then read
 * the translation; the command: store the translation, then read the
 * announcement) is paid by the drain, with a process-wide barrier
 * (Linux membarrier()); where that is unavailable every announcement
 * issues a full fence instead.  Threads beyond INFLIGHT_SLOTS share one
 * counted slot (atomic counter and full fence).
 */
#ifndef GICITS_COMMON_INFLIGHT_H
#define GICITS_COMMON_INFLIGHT_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "common/bits.h"

#define INFLIGHT_SLOTS 256u

/* struct inflight_slot.mode */
#define INFLIGHT_ASYM 0 /* plain stores; the drain pays the barrier */
#define INFLIGHT_FENCE 1 /* no process-wide barrier: fence on announce */
#define INFLIGHT_SHARED 2 /* the overflow slot: counted, fenced */

struct inflight_slot {
	/* odd while the owning thread is inside an MSI (written only by the
	 * owner); the overflow slot: number of MSIs in flight */
	_Alignas(64) _Atomic uint64_t seq;
	int mode; /* INFLIGHT_*, set when the slot is claimed */
	_Atomic int owner; /* 1 while a thread owns the slot */
};

_Static_assert(sizeof(struct inflight_slot) == 64,
	       "an inflight slot is one cache line");

/* initial-exec: one thread-pointer-relative load, also in libgicits.so */
#if defined(__GNUC__)
#define INFLIGHT_TLS __attribute__((tls_model("initial-exec")))
#else
#define INFLIGHT_TLS
#endif

/* The calling thread's slot when it is an INFLIGHT_ASYM one, else NULL
 * (not claimed yet, or another mode: inflight_enter_slow()). */
extern _Thread_local struct inflight_slot *inflight_self INFLIGHT_TLS;

/* inflight_enter() for a thread without an INFLIGHT_ASYM slot: claims the
 * thread's slot on its first MSI, announces in INFLIGHT_FENCE and
 * INFLIGHT_SHARED slots. */
struct inflight inflight_enter_slow(void);
void inflight_leave_slow(struct inflight_slot *s);

/* An announcement: the slot and, unless it is the counted overflow slot,
 * the odd sequence value announced (0 for the overflow slot). */
struct inflight {
	struct inflight_slot *s;
	uint64_t seq;
};

/*
 * Announce an MSI of the calling thread (not nested: a burst announces
 * each group once and runs its MSIs unannounced).  Lock-free, never waits.
 */
static HOT_INLINE struct inflight inflight_enter(void)
{
	struct inflight f = { inflight_self, 0 };

	if (!f.s)
		return inflight_enter_slow();
	/* only this thread writes seq; the drain's process-wide barrier
	 * orders this store before the translation's loads (I10) */
	f.seq = atomic_load_explicit(&f.s->seq, memory_order_relaxed) + 1;
	atomic_store_explicit(&f.s->seq, f.seq, memory_order_relaxed);
	atomic_signal_fence(memory_order_seq_cst);
	return f;
}

/* Retire the MSI: its pending bit is set (release: the drain that sees the
 * slot move on sees the bit). */
static HOT_INLINE void inflight_leave(struct inflight f)
{
	if (f.seq)
		atomic_store_explicit(&f.s->seq, f.seq + 1,
				      memory_order_release);
	else
		inflight_leave_slow(f.s);
}

/*
 * Wait until every MSI announced before this call (by any thread but the
 * caller) has retired.  Call after the stores that change translations or
 * the redistributor's acceptance, before acting on pending state.  Spins,
 * then yields; takes no lock, so it may be called with ITS and
 * redistributor locks held (MSIs take none: L5).
 */
void inflight_drain(void);

#endif
