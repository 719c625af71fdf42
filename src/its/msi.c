/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * MSIs: gicits_its_msi(), GITS_TRANSLATER writes (via its_msi()) and
 * gicits_its_msi_burst().  No lock is taken; what a translation may see is
 * docs/concurrency.md I1-I8; each MSI (burst group) is announced as in
 * flight for the ordering points' drain (I10).  Layer 3 (its_internal.h):
 * calls translate.c, its.c, src/common/inflight.h and the redistributors
 * or the external sink (its_sink.h: direct calls to a gic, bursts
 * prefetched only for a gic).
 */
#include "its_internal.h"
#include "index_read.h"

#include <limits.h>
#include <string.h>

#include "common/inflight.h"
#include "its/its_bench.h"
#include "gicits/error.h"
#include "its_sink.h"

/*
 * Whether a drop is an unmapped MSI, one "for which the ITS has
 * insufficient mapping information to forward it to a Redistributor"
 * (IHI 0069H.b GITS_STATUSR.UMSI): the architected syndromes, a device
 * table that is not valid (no DTE can exist) and an EventID wider than
 * ID_bits (beyond every ITT).  Not: the ITS disabled (GITS_TRANSLATER
 * writes are ignored, nothing is translated), a memory fault on a table
 * (an error, not a mapping), and the redistributor refusing a translated
 * LPI (EnableLPIs == 0, INTID beyond PROPBASER.IDbits).
 */
static bool drop_is_unmapped(enum gicits_drop d)
{
	switch (d) {
	case GICITS_DROP_DEVICE_OOR:
	case GICITS_DROP_DEVICE_UNMAPPED:
	case GICITS_DROP_EVENT_OOR:
	case GICITS_DROP_EVENT_UNMAPPED:
	case GICITS_DROP_COLLECTION_UNMAPPED:
	case GICITS_DROP_VPE_UNMAPPED:
	case GICITS_DROP_NO_TABLE:
	case GICITS_DROP_EVENTID_WIDTH:
		return true;
	default:
		return false;
	}
}

/* GITS_STATUSR.UMSI/Overflow and GITS_UMSIR for a dropped MSI that is an
 * unmapped MSI (drop_is_unmapped()). */
static void msi_umsi(struct gicits_its *its, uint32_t devid, uint32_t event,
		     enum gicits_drop d)
{
	/* GITS_STATUSR.UMSI/Overflow and GITS_UMSIR: the first
	 * unmapped MSI is recorded, later ones set Overflow. */
	uint32_t old =
		atomic_load_explicit(&its->statusr, memory_order_relaxed);
	unsigned syn = d < 0x10 ? (unsigned)d : 0;

	for (;;) {
		uint32_t nv;

		if (bits_get(old, GITS_STATUSR_UMSI)) {
			atomic_fetch_or_explicit(
				&its->statusr,
				(uint32_t)bits_mask(GITS_STATUSR_OVERFLOW),
				memory_order_relaxed);
			break;
		}
		nv = (uint32_t)bits_set(
			bits_set(old, GITS_STATUSR_SYNDROME, syn),
			GITS_STATUSR_UMSI, 1);
		if (atomic_compare_exchange_weak_explicit(
			    &its->statusr, &old, nv, memory_order_relaxed,
			    memory_order_relaxed)) {
			atomic_store_explicit(
				&its->umsir,
				bits_set(
					bits_set(0, GITS_UMSIR_DEVICEID, devid),
					GITS_UMSIR_EVENTID, event),
				memory_order_relaxed);
			break;
		}
	}
}

/* A dropped MSI goes to the miss hook, if one is installed
 * (msi_in_flight.h its_set_miss_hook()): its result is the MSI's. */
static enum gicits_drop msi_miss(struct gicits_its *its, uint32_t devid,
				 uint32_t event, enum gicits_drop d)
{
	its_miss_fn fn = atomic_load_explicit(&its->miss, memory_order_acquire);

	if (!fn)
		return d;
	return fn(atomic_load_explicit(&its->miss_opaque, memory_order_relaxed),
		  its, devid, event, d);
}

/* A drop of the fast paths (no trace: fast is 0 when a trace callback is
 * set): UMSI, then the miss hook.  Out of line: deliveries never come
 * here. */
static COLD_NOINLINE enum gicits_drop msi_fast_drop(struct gicits_its *its,
						    uint32_t devid,
						    uint32_t event,
						    enum gicits_drop d)
{
	if (its->cfg.umsi && drop_is_unmapped(d))
		msi_umsi(its, devid, event, d);
	return msi_miss(its, devid, event, d);
}

/* Every MSI the index cannot answer on its own (see msi()). */
static enum gicits_drop msi_general(struct gicits_its *its, uint32_t devid,
				    uint32_t event)
{
	struct gicits_trace_record t;
	struct xlate x;
	enum gicits_drop d;

	x.ite.intid = 0;
	x.ite.icid = 0;
	x.ite.virt = false;
	x.cpu = 0;
	if (!bits_get(atomic_load_explicit(&its->ctlr, memory_order_acquire),
		      GITS_CTLR_ENABLED)) {
		d = GICITS_DROP_ITS_DISABLED;
	} else if (its->cfg.idbits < 32 && event >> its->cfg.idbits) {
		/* EventID bits above ID_bits: CONSTRAINED UNPREDICTABLE;
		 * gicits ignores the write. */
		d = GICITS_DROP_EVENTID_WIDTH;
	} else if (!bits_get(atomic_load_explicit(&its->dt_raw,
						  memory_order_relaxed),
			     GITS_BASER_VALID)) {
		d = GICITS_DROP_NO_TABLE;
	} else {
		its_translate(its, devid, event, true, &x);
		d = x.drop;
		/* GICv4.0: a virtual ITE the fast path could not take
		 * (cache off/check, trace, vPE unknown), inside the
		 * announcement like any other (I10) */
		if (d == GICITS_DROP_NONE)
			d = x.ite.virt ? its_vlpi_set(its, &x) :
					 its_lpi_set(its, x.cpu, x.ite.intid);
	}
	if (its->cfg.trace) {
		memset(&t, 0, sizeof(t));
		t.kind = d == GICITS_DROP_NONE ? GICITS_TRACE_TRANSLATE :
						 GICITS_TRACE_DROP;
		t.device_id = devid;
		t.event_id = event;
		t.intid = x.ite.intid;
		t.icid = x.ite.icid;
		t.cpu = d == GICITS_DROP_NONE ? (int64_t)x.cpu : -1;
		t.drop = d;
		t.rule = d == GICITS_DROP_NONE ? "" : "GITS_TRANSLATER";
		/* a virtual ITE: intid is the vINTID, icid the vPEID and
		 * cpu the vPE's redistributor (its doorbell's target) */
		t.message = d != GICITS_DROP_NONE ? gicits_drop_name(d) :
			    x.ite.virt		  ? "vLPI pending in the VPT" :
						    "LPI pending";
		its_trace(its, &t);
	}
	if (its->cfg.umsi && drop_is_unmapped(d))
		msi_umsi(its, devid, event, d);
	if (d != GICITS_DROP_NONE)
		d = msi_miss(its, devid, event, d);
	return d;
}

/*
 * The MSI hot path: no lock (docs/concurrency.md I6, I7, I10).  While its->fast
 * says the ITS is enabled with a device table, cache=on and no trace, an
 * index hit goes straight to the redistributor.  A hit needs no EventID
 * width check: MAPD keeps Size + 1 <= ID_bits and the index bounds the
 * EventID by Size.  Everything else, and every drop's reason, is the
 * general path's.
 */
/* The fast path's translation: 0 with the INTID and target CPU when the
 * fast path applies and the index knows the event as deliverable, 1 with
 * the virtual ITE word @vw (GICv4), -1 otherwise. */
static HOT_INLINE int msi_fast_xlate(struct gicits_its *its, uint32_t devid,
				     uint32_t event, uint32_t *intid,
				     unsigned *cpu, uint64_t *vw)
{
	if (!atomic_load_explicit(&its->fast, memory_order_acquire))
		return -1;
	return index_fast(&its->index, devid, event, intid, cpu, vw);
}

/*
 * GICv4: an MSI whose virtual ITE word @vw the index holds.  The vPE word
 * (VMAPP/VMOVP) gives the VPT and the redistributor; whether the vPE is
 * resident there is not ITS state and is asked per MSI, lock-free, by
 * its_vlpi_set() (docs/concurrency.md R12): the resident set, or the VPT
 * bit and the doorbell.  An unknown or invalid vPE, or a vINTID beyond
 * VPT_size, takes the general path (the drop and its reason are there).
 */
static enum gicits_drop msi_fast_vlpi(struct gicits_its *its, uint32_t devid,
				      uint32_t event, uint64_t vw)
{
	struct xlate x;
	enum gicits_drop d;

	if (!index_fast_vlpi(&its->index, vw, &x))
		return msi_general(its, devid, event);
	d = its_vlpi_set(its, &x);
	if (UNLIKELY(d != GICITS_DROP_NONE))
		return msi_fast_drop(its, devid, event, d);
	return d;
}

/*
 * GICv4: the common case of a vLPI MSI answered inline, as
 * gic_lpi_set_hot() answers a physical one: the vPE word (VMAPP/VMOVP)
 * valid, the vINTID within VPT_size, the vPE resident on its mapped
 * redistributor and the vLPI already pending there: the architected
 * no-op.  Nothing is built or called; the same checks as
 * index_fast_vlpi() and gic_vlpi_set_resident() in the same order, with
 * as few loads as the physical path's: ITE word, vPE word (as the
 * collection word), then one line of the virtual side (its->vsides,
 * fixed at create: no gic field) with the residency key, the limit and
 * the pending block, then the pending word.  The vPE word's layout
 * (its_fields.h IDX_VPE_*) gives the key and the CPU without shifts.
 * false: msi_fast_vlpi() decides everything again.
 */
static HOT_INLINE bool msi_vlpi_hot(struct gicits_its *its, uint64_t vw)
{
	uint64_t v =
		vpe_word(&its->index, (uint32_t)bits_get(vw, IDX_VITE_VPEID));
	uint32_t vintid = (uint32_t)bits_get(vw, IDX_VITE_VINTID);

	if (!vpe_takes(v, vintid))
		return false;
	/* R12's key: the VPT address | 1, as VPENDBASER.PA | Valid */
	return its_vlpi_pending_hot(its, (unsigned)bits_get(v, IDX_VPE_CPU),
				    (v & bits_mask(IDX_VPE_VPT)) | 1, vintid);
}

/* The fast path's delivery of a translation msi_fast_xlate() gave. */
static HOT_INLINE enum gicits_drop
msi_fast_deliver(struct gicits_its *its, uint32_t devid, uint32_t event,
		 uint32_t intid, unsigned cpu)
{
	enum gicits_drop d = its_lpi_set_hot(its, cpu, intid);

	/* the drop first: a delivered MSI reads nothing more */
	if (UNLIKELY(d != GICITS_DROP_NONE))
		return msi_fast_drop(its, devid, event, d);
	return d;
}

/* One MSI, announced by the caller (docs/concurrency.md I10). */
static HOT_INLINE enum gicits_drop msi_inflight(struct gicits_its *its,
						uint32_t devid, uint32_t event)
{
	uint32_t intid;
	unsigned cpu;
	uint64_t vw;
	int r = msi_fast_xlate(its, devid, event, &intid, &cpu, &vw);

	if (LIKELY(r == 0))
		return msi_fast_deliver(its, devid, event, intid, cpu);
	if (r > 0) {
		if (LIKELY(msi_vlpi_hot(its, vw)))
			return GICITS_DROP_NONE;
		return msi_fast_vlpi(its, devid, event, vw);
	}
	return msi_general(its, devid, event);
}

/* One MSI: in flight from before its translation until its pending bit is
 * set, so that an ordering point waits for it (I10). */
static COLD_NOINLINE enum gicits_drop
msi_announce_slow(struct gicits_its *its, uint32_t devid, uint32_t event)
{
	struct inflight f = inflight_enter();
	enum gicits_drop d = msi_inflight(its, devid, event);

	inflight_leave(f);
	return d;
}

static HOT_INLINE enum gicits_drop msi(struct gicits_its *its, uint32_t devid,
				       uint32_t event)
{
	struct inflight_slot *s = inflight_enter_fast();
	enum gicits_drop d;

	if (!s) /* the thread's first MSI, or no membarrier() */
		return msi_announce_slow(its, devid, event);
	d = msi_inflight(its, devid, event);
	inflight_leave_fast(s);
	return d;
}

/* `gicits bench` only (its_bench.h): the MSI without its announcement. */
enum gicits_drop its_msi_unannounced(struct gicits_its *its, uint32_t devid,
				     uint32_t event)
{
	return msi_inflight(its, devid, event);
}

enum gicits_drop its_msi(struct gicits_its *its, uint32_t devid, uint32_t event)
{
	return msi(its, devid, event);
}

int gicits_its_msi(struct gicits_its *its, uint32_t device_id,
		   uint32_t event_id)
{
	if (!its)
		return GICITS_EINVAL;
	return (int)msi(its, device_id, event_id);
}

/* msi_fast_deliver() with the pending word gic_lpi_prepare() found */
static HOT_INLINE enum gicits_drop
msi_burst_deliver(struct gicits_its *its, const struct gicits_msi *m,
		  uint32_t intid, unsigned cpu, _Atomic uint64_t *pw)
{
	enum gicits_drop d = gic_lpi_set_at(its->gic, cpu, intid, pw);

	if (UNLIKELY(d != GICITS_DROP_NONE))
		return msi_fast_drop(its, m->device_id, m->event_id, d);
	return d;
}

/*
 * Phase 4's check that phase 3's translation is the one msi() would make
 * now: the fast flag still set, the slot unchanged (no MAPD: the ITE word's
 * address is still the device's), and the ITE word and collection word
 * still the ones read (MAPTI, MOVI and DISCARD store the ITE word alone;
 * MAPC the collection word).  The loads are a seqlocked read like
 * slot_read()'s, ending with the sequence (I2, I8).
 */
static HOT_INLINE bool burst_xlate_current(struct gicits_its *its,
					   const struct dev_slot *s,
					   const _Atomic uint64_t *wp,
					   uint32_t seq, uint64_t ite,
					   uint64_t cte)
{
	return atomic_load_explicit(&its->fast, memory_order_acquire) &&
	       atomic_load_explicit(wp, memory_order_acquire) == ite &&
	       atomic_load_explicit(
		       &its->index.ctes[bits_get(ite, IDX_ITE_ICID)],
		       memory_order_acquire) == cte &&
	       atomic_load_explicit(&s->seq, memory_order_relaxed) == seq;
}

/*
 * Group prefetching: the burst is taken BURST_GROUP MSIs at a time, in
 * phases: (1) find every device slot and prefetch it; (2) begin each
 * seqlocked slot read (sequence, ITE word address) and prefetch the ITE
 * word; (3) end each read, check the fast flag and the collection word as
 * msi() does, and prefetch the target's pending word (and, in the HPP
 * model, configuration byte); (4) in order, deliver each MSI phase 3
 * translated as msi() does, and run msi() itself for the others (a miss,
 * a drop, a read a MAPD raced).
 *
 * Order: docs/concurrency.md I8 (the group is in flight as a whole and
 * announced once, I10; translations stay in MSI order, checked by
 * burst_xlate_current() after the first MSI of the group that took
 * msi()).  Checking every MSI, not
 * only those after a fallback, would shrink the window to one MSI for a
 * measurable share of a cold burst's time.
 *
 * Each of phases 1-3 is a short loop, so the CPU has the misses (and page
 * walks) of the whole group in flight at once; a software pipeline that
 * interleaves the phases per MSI keeps only two or three in flight.
 */
#define BURST_GROUP 32u

/* A burst to an external sink: the sink has no pending word to prefetch,
 * so the MSIs take the single-MSI path one by one, each announced on its
 * own (<gicits/sink.h>: same results, in order). */
static int msi_burst_sink(struct gicits_its *its, const struct gicits_msi *msis,
			  size_t n, int *results)
{
	size_t i;
	int done = 0;

	for (i = 0; i < n; i++) {
		int r = (int)msi(its, msis[i].device_id, msis[i].event_id);

		if (results)
			results[i] = r;
		done += r == GICITS_DROP_NONE;
	}
	return done;
}

int gicits_its_msi_burst(struct gicits_its *its, const struct gicits_msi *msis,
			 size_t n, int *results)
{
	const struct dev_slot *slot[BURST_GROUP];
	const _Atomic uint64_t *wp[BURST_GROUP];
	_Atomic uint64_t *pw[BURST_GROUP];
	uint32_t seq[BURST_GROUP], intid[BURST_GROUP];
	uint64_t ite[BURST_GROUP], ctew[BURST_GROUP];
	unsigned cpu[BURST_GROUP];
	bool ok[BURST_GROUP];
	size_t g, i, k;
	bool late;
	int done = 0;

	if (!its || (!msis && n) || n > INT_MAX)
		return GICITS_EINVAL;
	if (!its->gic)
		return msi_burst_sink(its, msis, n, results);
	for (g = 0; g < n; g += k) {
		const struct gicits_msi *m = msis + g;
		/* the group is in flight from phase 1 to its last delivery
		 * (I10); its MSIs that take the single-MSI path run inside */
		struct inflight f = inflight_enter();

		k = n - g < BURST_GROUP ? n - g : BURST_GROUP;
		for (i = 0; i < k; i++)
			ok[i] = false;
		/* only the fast path has an index to prefetch from */
		if (atomic_load_explicit(&its->fast, memory_order_acquire)) {
			for (i = 0; i < k; i++) {
				slot[i] =
					slot_find(&its->index, m[i].device_id);
				if (slot[i])
					PREFETCH(slot[i]);
			}
			for (i = 0; i < k; i++) {
				wp[i] = slot[i] ? slot_read_begin(slot[i],
								  m[i].event_id,
								  &seq[i]) :
						  NULL;
				if (wp[i])
					PREFETCH((const void *)wp[i]);
			}
			for (i = 0; i < k; i++) {
				uint64_t w, cte;

				/* msi(): the fast flag, then the index */
				ok[i] = wp[i] &&
					atomic_load_explicit(
						&its->fast,
						memory_order_acquire) &&
					slot_read_end(slot[i], wp[i], seq[i],
						      &w) &&
					bits_get(w, IDX_ITE_STATE) ==
						IDX_ITE_VALID &&
					cte_target(&its->index, w, &cte);
				if (!ok[i])
					continue;
				ite[i] = w;
				ctew[i] = cte;
				intid[i] = (uint32_t)bits_get(w, IDX_ITE_INTID);
				cpu[i] = (unsigned)bits_get(cte, IDX_CTE_CPU);
				pw[i] = gic_lpi_prepare(its->gic, cpu[i],
							intid[i]);
			}
		}
		for (i = 0, late = false; i < k; i++) {
			int r;

			/* after an MSI of the group took msi(), whose
			 * translation is made now, the later ones must be
			 * translated no earlier: check they still are */
			if (ok[i] && late)
				ok[i] = burst_xlate_current(its, slot[i], wp[i],
							    seq[i], ite[i],
							    ctew[i]);
			late |= !ok[i];
			r = (int)(ok[i] ? msi_burst_deliver(its, m + i,
							    intid[i], cpu[i],
							    pw[i]) :
					  msi_inflight(its, m[i].device_id,
						       m[i].event_id));

			if (results)
				results[g + i] = r;
			done += r == GICITS_DROP_NONE;
		}
		inflight_leave(f);
	}
	return done;
}

/* <gicits/sink.h>: the ordering points' wait (I10), for an embedder's
 * redistributor; the drain is library-wide, so @its only guards misuse. */
int gicits_its_msi_barrier(struct gicits_its *its)
{
	if (!its)
		return GICITS_EINVAL;
	inflight_drain();
	return GICITS_OK;
}

/*
 * ---- The VM layer's MSI (msi_in_flight.h) ----
 *
 * gicits_vm_host_msi() announces the MSI itself (it reads its host table
 * inside the announcement, so that gicits_vm_host_unassign()'s drain
 * covers the lookup as well as the delivery, docs/vm.md) and then calls
 * the ITS here: the same translation and delivery as gicits_its_msi(),
 * inside the caller's announcement (I10).  Announcing again would not
 * nest: the inner retirement would store IDLE over the outer announcement
 * (and over a drain's mark of it).  (Its header is included here, not at
 * the top, so that this block stays one piece.)
 */
#include "msi_in_flight.h"

enum gicits_drop its_msi_in_flight(struct gicits_its *its, uint32_t devid,
				   uint32_t event)
{
	return msi_inflight(its, devid, event);
}

/* The drop count of its_msi_in_flight_retire(): out of line, deliveries
 * never come here. */
static COLD_NOINLINE enum gicits_drop msi_count_drop(_Atomic uint64_t *drops,
						     enum gicits_drop d)
{
	atomic_fetch_add_explicit(drops, 1, memory_order_relaxed);
	return d;
}

enum gicits_drop its_msi_in_flight_retire(struct gicits_its *its,
					  uint32_t devid, uint32_t event,
					  struct inflight_slot *slot,
					  _Atomic uint64_t *drops)
{
	enum gicits_drop d = msi_inflight(its, devid, event);

	/* retired after the pending bit is set (inflight_leave_fast()) */
	inflight_leave_fast(slot);
	if (UNLIKELY(d != GICITS_DROP_NONE) && drops)
		return msi_count_drop(drops, d);
	return d;
}

void its_set_miss_hook(struct gicits_its *its, its_miss_fn fn, void *opaque)
{
	if (fn)
		atomic_store_explicit(&its->miss_opaque, opaque,
				      memory_order_relaxed);
	/* release: a dropped MSI that reads @fn reads its @opaque */
	atomic_store_explicit(&its->miss, fn, memory_order_release);
}
