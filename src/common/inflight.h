/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * In-flight MSIs and the drain of the ordering points
 * (docs/concurrency.md I10, R11).  An MSI (a burst: each group of it)
 * announces itself in its thread's slot before it translates and retires
 * after it has set the pending bit; an ordering point (SYNC, DISCARD, MOVI,
 * MOVALL, MAPD V=0, MAPC V=0, EnableLPIs 1 -> 0, GITS_CTLR.Enabled 1 -> 0)
 * calls inflight_drain()
 * after its own stores and before it acts on the pending state, and so
 * waits for every MSI that started before it.  Library-wide, below both
 * the ITS and the redistributors (docs/architecture.md layering: each calls
 * down into it, neither calls up).
 *
 * A thread owns its slot (the first MSI claims one; thread exit frees it),
 * so announcing and retiring are plain stores of constants to the thread's
 * own cache line: INFLIGHT_BUSY, then INFLIGHT_IDLE.  Nothing is loaded, so
 * consecutive MSIs of a thread carry no dependency through the slot.  A
 * drain that finds a slot busy marks it (INFLIGHT_MARKED, by CAS) and waits
 * until the owner's retirement overwrites the mark; an MSI that starts after
 * the mark stores INFLIGHT_BUSY over INFLIGHT_IDLE, never over the mark, so
 * the drain waits for at most the MSI it marked (no starvation under
 * continuous injection).  The store-load order an announcement needs (announce, then read
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

/* struct inflight_slot.state of an owned slot */
#define INFLIGHT_IDLE 0u
#define INFLIGHT_BUSY 1u /* the owner is inside an MSI */
#define INFLIGHT_MARKED 2u /* busy, and a drain waits for the owner */

struct inflight_slot {
	/* INFLIGHT_*: the owner stores BUSY and IDLE, a drain CASes BUSY to
	 * MARKED; the overflow slot: number of MSIs in flight */
	_Alignas(64) _Atomic uint64_t state;
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

/*
 * Drains that come often switch the announcements to the symmetric form
 * (docs/concurrency.md I10, "Frequent drains"): while inflight_mode.sym is 1,
 * an INFLIGHT_ASYM announcement is followed by a full fence, and a drain
 * needs no process-wide barrier.  Set and cleared by inflight.c under its
 * mode lock; read (acquire) by every announcement.  Its own cache line:
 * read-mostly.
 */
struct inflight_mode {
	_Alignas(64) _Atomic int sym; /* a line of its own: read-mostly */
};

extern struct inflight_mode inflight_mode;

/* The symmetric announcement's fence, and, every INFLIGHT_DECAY_MSIS of
 * the thread's MSIs, a look whether drains have stopped (then the mode
 * goes back to asymmetric).  Out of line: only frequent drains reach it. */
void inflight_sym_fence(void);

/* inflight_enter() for a thread without an INFLIGHT_ASYM slot: claims the
 * thread's slot on its first MSI, announces in INFLIGHT_FENCE and
 * INFLIGHT_SHARED slots. */
struct inflight inflight_enter_slow(void);
void inflight_leave_slow(struct inflight_slot *s);

/* An announcement: the slot, and whether it is one the thread owns (false:
 * the counted overflow slot). */
struct inflight {
	struct inflight_slot *s;
	bool own;
};

/*
 * Announce an MSI of the calling thread (not nested: a burst announces
 * each group once and runs its MSIs unannounced).  Lock-free, never waits.
 */
static HOT_INLINE struct inflight inflight_enter(void)
{
	struct inflight f = { inflight_self, true };

	if (!f.s)
		return inflight_enter_slow();
	/* the state is IDLE (a drain marks only BUSY); the drain's
	 * process-wide barrier orders this store before the translation's
	 * loads (I10).  Release: a drain that reads BUSY after the owner
	 * overwrote its mark sees the marked MSI's pending bit (a plain store
	 * on x86). */
	atomic_store_explicit(&f.s->state, INFLIGHT_BUSY, memory_order_release);
	atomic_signal_fence(memory_order_seq_cst);
	if (UNLIKELY(atomic_load_explicit(&inflight_mode.sym,
					  memory_order_acquire)))
		inflight_sym_fence();
	return f;
}

/*
 * The single MSI's form of inflight_enter()/inflight_leave(): announces in
 * the calling thread's INFLIGHT_ASYM slot and returns it, or returns NULL
 * having announced nothing (no such slot: use inflight_enter()).  Keeps
 * nothing but the slot live across the MSI.
 */
static HOT_INLINE struct inflight_slot *inflight_enter_fast(void)
{
	struct inflight_slot *s = inflight_self;

	if (LIKELY(s != NULL)) {
		/* as inflight_enter() */
		atomic_store_explicit(&s->state, INFLIGHT_BUSY,
				      memory_order_release);
		atomic_signal_fence(memory_order_seq_cst);
		if (UNLIKELY(atomic_load_explicit(&inflight_mode.sym,
						  memory_order_acquire)))
			inflight_sym_fence();
	}
	return s;
}

static HOT_INLINE void inflight_leave_fast(struct inflight_slot *s)
{
	atomic_store_explicit(&s->state, INFLIGHT_IDLE, memory_order_release);
}

/* Retire the MSI: its pending bit is set (release: the drain that sees the
 * slot idle sees the bit).  Overwrites a drain's mark. */
static HOT_INLINE void inflight_leave(struct inflight f)
{
	if (f.own)
		atomic_store_explicit(&f.s->state, INFLIGHT_IDLE,
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

/* Whether drains use the process-wide barrier (membarrier() registered),
 * so that the two forms and their switch exist (for tests). */
bool inflight_barrier_available(void);

#endif
