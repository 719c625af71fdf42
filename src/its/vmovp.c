/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * GICv4.0 multi-ITS VMOVP (struct gicits_its_config.vmovp_list:
 * GITS_TYPER.VMOVP = 0).  IHI 0069 VMOVP: software issues the command on
 * every ITS that maps the vPE, with the same SequenceNumber and ITSList
 * (bit n: the ITS whose GITS_CTLR.ITS_Number is n; spec/its.md VMOVP,
 * spec/gicv41.md §3.3 and §13 row 17); anything else is UNPREDICTABLE.
 *
 * Model: the vPE moves when the last ITS of ITSList has executed the
 * command, on all of them at once; until then every ITS delivers to the
 * old redistributor.  The ITSes of one gic share a table of the moves in
 * progress (the gic's its_shared slot, one per gic, no global state).
 *
 *  - An ITS that is not the last records its arrival (the address of its
 *    vPE table entry and the entry the move will write) and forgets its
 *    index's copy of the entry (index_forget_vpe()), so that its MSIs read
 *    the entry in memory, which still names the old redistributor.
 *  - The last one writes every other arrived ITS's entry in guest memory
 *    (no lock of theirs is needed for that: from now on their MSIs read
 *    the new entry), then its own (the caller, vcmd.c), and drains the
 *    MSIs that read the old entries (I10).  It refills another ITS's index
 *    word only if it gets that ITS's lock without waiting (mtx_trylock:
 *    ITS locks are never waited for while one is held, L1); otherwise
 *    that word stays unknown and its MSIs keep reading memory until the
 *    next VMAPP/VMOVP there (correct, only slower).
 *
 * Mismatches (UNPREDICTABLE; gicits' choices, each a strict-mode finding,
 * <gicits/its.h> vmovp_list): an ITSList without this ITS's number: the
 * command is ignored.  A move in progress for the vPE with another
 * SequenceNumber, ITSList or target: abandoned (the ITSes that executed it
 * only forgot their index words, so the vPE stays where it was) and this
 * command starts a new one.  The same ITS executing a move twice: the
 * second is a no-op.  A second ITS with an ITS_Number that already
 * arrived: ignored.  More than VMOVP_MAX_MOVES moves in progress: the
 * command is ignored (Linux has one in progress at a time, under its
 * vmovp_lock).  A move whose ITSList names an ITS that never executes it
 * never completes.
 *
 * Lock order: the ITS lock, then the shared table's lock (a leaf but for
 * the trylocks above); docs/concurrency.md L1.  An ITS that is destroyed
 * leaves every move (vmovp_its_gone()).
 *
 * Layer 2 (its_internal.h): calls table.c, index.c and its.c.
 */
#include "its_internal.h"

#include <stdlib.h>
#include <string.h>

#include "rdist/rdist_internal.h"

#define VMOVP_MAX_MOVES 256u
#define VMOVP_ITSES 16u /* ITSList is 16 bits */

struct vmovp_move {
	bool active;
	uint32_t vpeid;
	uint16_t seq, list, arrived;
	uint16_t cpu; /* the target redistributor */
	struct gicits_its *its[VMOVP_ITSES];
	uint64_t addr[VMOVP_ITSES]; /* its vPE table entry */
	struct vpte entry[VMOVP_ITSES]; /* what the move writes there */
};

struct vmovp_shared {
	mtx_t lock;
	struct vmovp_move moves[VMOVP_MAX_MOVES];
};

static void shared_free(void *p)
{
	struct vmovp_shared *s = p;

	mtx_destroy(&s->lock);
	free(s);
}

/* The gic's table, created on first use (NULL: out of memory). */
static struct vmovp_shared *shared_get(struct gicits_gic *gic)
{
	void *cur =
		atomic_load_explicit(&gic->its_shared, memory_order_acquire);
	struct vmovp_shared *s;

	if (cur)
		return cur;
	s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	if (mtx_init(&s->lock, mtx_plain) != thrd_success) {
		free(s);
		return NULL;
	}
	/* every creator stores the same function */
	atomic_store_explicit(&gic->its_shared_free, shared_free,
			      memory_order_relaxed);
	if (!atomic_compare_exchange_strong_explicit(
		    &gic->its_shared, &cur, (void *)s, memory_order_acq_rel,
		    memory_order_acquire)) {
		shared_free(s);
		return cur;
	}
	return s;
}

static void finding(struct gicits_its *its, const char *msg)
{
	if (its->cfg.strict)
		its_finding(its, 0, 0, "VMOVP (GITS_TYPER.VMOVP == 0)", msg);
}

static struct vmovp_move *move_find(struct vmovp_shared *s, uint32_t vpeid)
{
	unsigned i;

	for (i = 0; i < VMOVP_MAX_MOVES; i++)
		if (s->moves[i].active && s->moves[i].vpeid == vpeid)
			return &s->moves[i];
	return NULL;
}

static struct vmovp_move *move_new(struct vmovp_shared *s)
{
	unsigned i;

	for (i = 0; i < VMOVP_MAX_MOVES; i++)
		if (!s->moves[i].active)
			return &s->moves[i];
	return NULL;
}

/* The last arrival: every other arrived ITS's entry takes the move. */
static void move_complete(struct gicits_its *self, struct vmovp_move *m)
{
	unsigned k;

	for (k = 0; k < VMOVP_ITSES; k++) {
		struct gicits_its *o = m->its[k];

		if (!(m->arrived >> k & 1) || o == self)
			continue;
		/* guest memory: a fault leaves that ITS's entry (and its
		 * MSIs) at the old redistributor; there is no command of its
		 * own to report it on */
		if (vpte_write(o, m->addr[k], &m->entry[k]))
			continue;
		if (mtx_trylock(&o->lock) == thrd_success) {
			if (bits_get(atomic_load_explicit(&o->ctlr,
							  memory_order_relaxed),
				     GITS_CTLR_ENABLED) &&
			    o->cfg.cache != GICITS_CACHE_OFF)
				(void)index_set_vpe(&o->index, m->vpeid,
						    &m->entry[k]);
			mtx_unlock(&o->lock);
		}
	}
	memset(m, 0, sizeof(*m));
}

enum vmovp_result vmovp_arrive(struct gicits_its *its, uint32_t vpeid,
			       uint16_t seq, uint16_t list, uint64_t addr,
			       const struct vpte *v)
{
	unsigned me = (unsigned)bits_get(
		atomic_load_explicit(&its->ctlr, memory_order_relaxed),
		GITS_CTLR_ITS_NUMBER);
	struct vmovp_shared *s;
	struct vmovp_move *m;
	enum vmovp_result r = VMOVP_WAIT;

	if (!(list >> me & 1)) {
		finding(its,
			"ITSList does not name this ITS (GITS_CTLR.ITS_Number): UNPREDICTABLE; ignored");
		return VMOVP_IGNORED;
	}
	if (list == 1u << me)
		return VMOVP_COMPLETE; /* this ITS alone: nothing to wait for */
	s = shared_get(its->gic);
	if (!s)
		return VMOVP_COMPLETE; /* no host memory: as VMOVP = 1 */
	mtx_lock(&s->lock);
	m = move_find(s, vpeid);
	if (m && (m->seq != seq || m->list != list || m->cpu != v->cpu)) {
		finding(its,
			"SequenceNumber, ITSList or RDbase differs from the VMOVP in progress for this vPE: UNPREDICTABLE; that move is abandoned");
		memset(m, 0, sizeof(*m));
		m = NULL;
	}
	if (!m) {
		m = move_new(s);
		if (!m) {
			finding(its,
				"too many multi-ITS VMOVPs in progress; ignored");
			r = VMOVP_IGNORED;
			goto out;
		}
		m->active = true;
		m->vpeid = vpeid;
		m->seq = seq;
		m->list = list;
		m->cpu = v->cpu;
	}
	if (m->arrived >> me & 1) {
		if (m->its[me] != its)
			finding(its,
				"another ITS with this ITS_Number already executed this VMOVP; ignored");
		r = VMOVP_IGNORED;
		goto out;
	}
	m->arrived |= (uint16_t)(1u << me);
	m->its[me] = its;
	m->addr[me] = addr;
	m->entry[me] = *v;
	if (m->arrived == m->list) {
		move_complete(its, m);
		r = VMOVP_COMPLETE;
	} else {
		/* until the move completes, this ITS's MSIs read the entry
		 * in memory (the old redistributor), which the completing
		 * ITS rewrites */
		index_forget_vpe(&its->index, vpeid);
	}
out:
	mtx_unlock(&s->lock);
	return r;
}

void vmovp_forget_waiting(struct gicits_its *its)
{
	struct vmovp_shared *s;
	unsigned i, k;

	if (!its->gic)
		return;
	s = atomic_load_explicit(&its->gic->its_shared, memory_order_acquire);
	if (!s)
		return;
	mtx_lock(&s->lock);
	for (i = 0; i < VMOVP_MAX_MOVES; i++)
		for (k = 0; k < VMOVP_ITSES; k++)
			if (s->moves[i].active && s->moves[i].its[k] == its)
				index_forget_vpe(&its->index,
						 s->moves[i].vpeid);
	mtx_unlock(&s->lock);
}

void vmovp_its_gone(struct gicits_its *its)
{
	struct vmovp_shared *s;
	unsigned i, k;

	if (!its->gic)
		return;
	s = atomic_load_explicit(&its->gic->its_shared, memory_order_acquire);
	if (!s)
		return;
	mtx_lock(&s->lock);
	for (i = 0; i < VMOVP_MAX_MOVES; i++)
		for (k = 0; k < VMOVP_ITSES; k++)
			if (s->moves[i].active && s->moves[i].its[k] == its) {
				s->moves[i].its[k] = NULL;
				s->moves[i].arrived &= (uint16_t) ~(1u << k);
			}
	mtx_unlock(&s->lock);
}
