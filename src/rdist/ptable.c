/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Loading a pending table into a redistributor's pending set and writing
 * it back: the LPI pending table at EnableLPIs 0 -> 1 / 1 -> 0 (regs.c),
 * and, GICv4.0, a vPE's virtual pending table (VPT) when it is scheduled /
 * descheduled (vlpi.c).  Both tables are bitmaps indexed by INTID (IHI 0069
 * GICR_PENDBASER, GICR_VPENDBASER); the first 1 KB (INTIDs below 8192) is
 * never read as pending bits.
 */
#include <stdatomic.h>
#include <string.h>
#include <threads.h>

#include "common/bits.h"
#include "gicits/error.h"
#include "mem/mem_internal.h"
#include "rdist/pending.h"
#include "rdist/rdist_priv.h"

/*
 * Each non-zero byte read is written back as zero once its LPIs are in the
 * pending set: while the redistributor holds the state the table's content
 * is UNKNOWN to software (IHI 0069H.b 6.1.2, GICR_PENDBASER; GICv4.0: a
 * resident vPE's VPT likewise), so the redistributor may write it, and the
 * write-back then needs to write only the bytes that hold pending LPIs.  A
 * byte whose LPIs could not all be held (pending budget) stays as it is.
 * 4 KiB at a time, skipped a word at a time when zero: the read is O(table
 * size), which the architecture asks for (docs/performance.md, "Cost of
 * guest-triggered operations"); only its constant is ours.
 */
void ptable_load(struct gicits_gic *gic, unsigned idx, uint64_t pa,
		 unsigned bits, mtx_t *lock, const char *what)
{
	struct cpu_state *c = &gic->cpus[idx];
	uint64_t words[512];
	uint64_t id;

	if (!bits)
		return;
	for (id = GICITS_LPI_BASE; id < (1ULL << bits);
	     id += 8 * sizeof(words)) {
		uint64_t n = ((1ULL << bits) - id) / 8;
		const uint8_t *buf;
		unsigned j, k;

		if (n > sizeof(words))
			n = sizeof(words);
		if (lock)
			mtx_lock(lock);
		/* direct guest memory is scanned in place */
		buf = mem_direct_hint(gic->mem, pa + id / 8, n);
		if (!buf) {
			buf = (const uint8_t *)words;
			if (gicits_mem_read(gic->mem, pa + id / 8, words, n)) {
				if (lock)
					mtx_unlock(lock);
				rdist_trace(
					gic, GICITS_TRACE_FINDING, idx, 0, 0,
					pa, what,
					"pending table read faulted while loading it; the rest treated as zero");
				break;
			}
		}
		for (j = 0; j < n; j++) {
			bool held = true;
			uint8_t zero = 0;
			uint64_t w;

			if (!(j & 7) && j + 8 <= n) {
				memcpy(&w, buf + j, 8);
				if (!w) {
					j += 7; /* a zero word */
					continue;
				}
			}
			if (!buf[j])
				continue;
			for (k = 0; k < 8; k++)
				if (buf[j] >> k & 1 &&
				    pend_set(c, (uint32_t)(id + 8 * j + k)) < 0)
					held = false;
			if (held)
				(void)gicits_mem_write(
					gic->mem, pa + id / 8 + j, &zero, 1);
		}
		if (lock)
			mtx_unlock(lock);
	}
}

/* The write-back: one byte of the table at a time, in ascending order
 * (the walk visits INTIDs in ascending order). */
struct wb_ctx {
	struct gicits_gic *gic;
	unsigned idx;
	uint64_t pa;
	mtx_t *lock;
	const char *what;
	uint64_t byte_id; /* INTID / 8 of @byte, or UINT64_MAX */
	uint8_t byte;
	bool fault;
};

static void wb_flush(struct wb_ctx *w)
{
	uint8_t old = 0;
	int err = 0;

	if (w->byte_id == UINT64_MAX || w->fault)
		return;
	if (w->lock) {
		mtx_lock(w->lock);
		err = gicits_mem_read(w->gic->mem, w->pa + w->byte_id, &old, 1);
	}
	if (!err)
		err = gicits_mem_write(w->gic->mem, w->pa + w->byte_id,
				       &(uint8_t){ (uint8_t)(w->byte | old) },
				       1);
	if (w->lock)
		mtx_unlock(w->lock);
	if (err) {
		rdist_trace(w->gic, GICITS_TRACE_FINDING, w->idx, 0, 0, w->pa,
			    w->what, "pending table write-back faulted");
		w->fault = true;
	}
}

static int wb_one(void *opaque, uint32_t id)
{
	struct wb_ctx *w = opaque;

	if (id < GICITS_LPI_BASE)
		return 0;
	if (id / 8 != w->byte_id) {
		wb_flush(w);
		w->byte_id = id / 8;
		w->byte = 0;
	}
	w->byte |= (uint8_t)(1u << (id % 8));
	return 0;
}

/* Only the bytes holding pending LPIs are written: the others are zero
 * already, or (a VPT) hold what an ITS set there, which the OR keeps; so
 * the cost is O(pending), not O(2^IDbits). */
void ptable_writeback(struct gicits_gic *gic, unsigned idx, uint64_t pa,
		      mtx_t *lock, const char *what)
{
	struct wb_ctx w = { gic, idx, pa, lock, what, UINT64_MAX, 0, false };

	(void)pend_walk(&gic->cpus[idx], true, wb_one, &w);
	wb_flush(&w);
}
