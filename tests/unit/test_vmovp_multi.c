/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * GICv4.0 multi-ITS VMOVP (struct gicits_its_config.vmovp_list,
 * GITS_TYPER.VMOVP = 0; spec/gicv41.md §3.3 and §13 row 17, src/its/vmovp.c).
 * Several ITSes on one gic, each with its own tables and queue, map the
 * same vPE; VMOVP carries one SequenceNumber and an ITSList of their
 * GITS_CTLR.ITS_Numbers.  Asserted:
 *  - ordering: until the last ITS of the list has executed the VMOVP,
 *    every ITS delivers the vPE's vLPIs to the old redistributor (its
 *    doorbell there; a vPE already resident on the new one gets nothing
 *    in its resident set), and afterwards every ITS delivers to the new
 *    one (doorbell there, or the resident set); each ITS's vPE table names
 *    the new redistributor; whichever ITS comes last; with the index on
 *    and with cache=check (no finding: no ITS kept a stale vPE entry);
 *  - mismatches (UNPREDICTABLE; strict findings): an ITSList without the
 *    ITS's own number is ignored, another SequenceNumber or target
 *    abandons the move in progress, a repeated VMOVP of one ITS is a
 *    no-op, an ITS destroyed in the middle leaves the move incomplete;
 *  - concurrency (TSan in the tsan preset): two threads issue the same
 *    VMOVPs on their own ITS at once (the last one writes the other's
 *    entry while that ITS's lock is held by its own queue processing:
 *    the trylock path), a third sends MSIs through both; after every
 *    round both ITSes deliver to the round's target;
 *  - the single-ITS forms are unaffected: GITS_TYPER.VMOVP reads 1 and
 *    ITS_Number is RES0 without the knob, and an ITSList naming only the
 *    ITS itself moves at once; ITS_Number changes only while disabled.
 */
#define _POSIX_C_SOURCE 200809L

#include "harness.h"
#include "sys.h"
#include "tsan_mtx.h" /* mtx_* on pthreads under TSan */

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gicits/cmd.h"
#include "gicits/error.h"
#include "gicits/its.h"
#include "gicits/rdist.h"
#include "gicits/vcpu.h"

#define RAM 0x40000000ULL
#define ITSB(k) (RAM + 0x480000ULL + (uint64_t)(k)*0x80000) /* k < 3 */
#define CQ(k) ITSB(k)
#define DT(k) (ITSB(k) + 0x10000)
#define CT(k) (ITSB(k) + 0x20000)
#define VT(k) (ITSB(k) + 0x30000)
#define ITT(k) (ITSB(k) + 0x40000)
#define VPT(n) (RAM + 0x600000ULL + (uint64_t)(n)*0x10000) /* n < 8 */
#define VPROP (RAM + 0x700000ULL)
#define VALID (1ULL << 63)
#define NITS 3
#define VPE 5
#define VINTID 8200u
#define DB 8300u
#define TYPER_VMOVP (1ULL << 37)

struct xits {
	struct gicits_its *its;
	uint64_t cw;
};

struct world {
	struct ts_sys s;
	struct xits x[NITS];
	uint64_t findings;
};

/* The device of ITS k: k + 1 (one event, vINTID VINTID of VPE). */
static uint32_t dev_of(unsigned k)
{
	return k + 1;
}

static void cmd(struct world *w, unsigned k, const struct gicits_cmd *c)
{
	struct xits *x = &w->x[k];
	struct gicits_its_status st0, st1;

	assert_int_equal(gicits_its_status(x->its, &st0), GICITS_OK);
	ts_cmd_store(ts_host(&w->s, CQ(k) + x->cw, 32), c);
	x->cw = (x->cw + 32) % 0x10000;
	assert_int_equal(
		gicits_its_mmio_write(x->its, GICITS_GITS_CWRITER, 8, x->cw, 0),
		GICITS_OK);
	assert_int_equal(gicits_its_status(x->its, &st1), GICITS_OK);
	assert_int_equal(st1.errors, st0.errors);
	assert_false(st1.stalled);
}

static void its_start(struct world *w, unsigned k, unsigned number, bool list,
		      enum gicits_cache_mode cache)
{
	struct gicits_its_config c;
	struct gicits_cmd m;

	gicits_its_config_default(&c);
	c.gic = GICITS_GIC_V4_0;
	c.ite_size = 16;
	c.strict = true;
	c.cache = cache;
	c.vmovp_list = list;
	assert_int_equal(
		gicits_its_create(&c, w->s.gic, &w->s.mem, &w->x[k].its),
		GICITS_OK);
	w->x[k].cw = 0;
	assert_int_equal(gicits_its_mmio_write(w->x[k].its,
					       GICITS_GITS_BASER(0), 8,
					       TS_VALID | DT(k), 0),
			 GICITS_OK);
	assert_int_equal(gicits_its_mmio_write(w->x[k].its,
					       GICITS_GITS_BASER(1), 8,
					       TS_VALID | CT(k), 0),
			 GICITS_OK);
	assert_int_equal(gicits_its_mmio_write(w->x[k].its,
					       GICITS_GITS_BASER(2), 8,
					       TS_VALID | VT(k), 0),
			 GICITS_OK);
	assert_int_equal(gicits_its_mmio_write(w->x[k].its, GICITS_GITS_CBASER,
					       8, TS_VALID | CQ(k) | 15, 0),
			 GICITS_OK);
	assert_int_equal(gicits_its_mmio_write(w->x[k].its, GICITS_GITS_CTLR, 4,
					       1u | number << 4, 0),
			 GICITS_OK);
	gicits_cmd_mapd(&m, dev_of(k), 0, ITT(k), true);
	cmd(w, k, &m);
	gicits_cmd_vmapp(&m, VPE, 0, VPT(VPE), 15, true);
	cmd(w, k, &m);
	gicits_cmd_vmapti(&m, dev_of(k), 0, VPE, VINTID, DB);
	cmd(w, k, &m);
}

/* Three ITSes numbered 0, 1, 2 on a GICv4.0 gic, each with VPE mapped to
 * redistributor 0 and its device's event 0 -> VINTID of VPE, doorbell DB. */
static struct world *world_new(enum gicits_cache_mode cache, bool list)
{
	struct world *w = calloc(1, sizeof(*w));
	struct ts_desc d;
	unsigned k;

	assert_non_null(w);
	ts_desc_default(&d);
	d.gic.version = GICITS_GIC_V4_0;
	d.no_its = true;
	assert_int_equal(ts_sys_create(&w->s, &d), GICITS_OK);
	memset(ts_host(&w->s, VPROP, 65536 - 8192), 0xA3, 65536 - 8192);
	for (k = 0; k < 4; k++) {
		assert_int_equal(gicits_rdist_write(w->s.gic, k,
						    GICITS_GICR_VPROPBASER, 8,
						    VPROP | 15),
				 GICITS_OK);
		assert_int_equal(gicits_vcpu_set_vpmr(w->s.gic, k, 0xF8),
				 GICITS_OK);
	}
	for (k = 0; k < NITS; k++)
		its_start(w, k, k, list, cache);
	return w;
}

static void world_free(struct world *w)
{
	unsigned k;

	for (k = 0; k < NITS; k++)
		gicits_its_destroy(w->x[k].its);
	ts_sys_destroy(&w->s);
	free(w);
}

static uint64_t findings(struct world *w, unsigned k)
{
	struct gicits_its_status st;

	assert_int_equal(gicits_its_status(w->x[k].its, &st), GICITS_OK);
	return st.findings;
}

static void vmovp(struct world *w, unsigned k, uint16_t seq, uint16_t list,
		  unsigned cpu)
{
	struct gicits_cmd c;

	gicits_cmd_vmovp(&c, VPE, cpu);
	gicits_cmd_set(&c, GICITS_CMD_F_SEQNUM, seq);
	gicits_cmd_set(&c, GICITS_CMD_F_ITSLIST, list);
	cmd(w, k, &c);
}

/* The redistributor ITS k delivers VPE's doorbell to (the vPE not
 * resident): the only one where DB became pending; every doorbell is
 * cleared again. */
static int doorbell_cpu(struct world *w, unsigned k)
{
	int where = -1;
	unsigned cpu;

	assert_int_equal(gicits_its_msi(w->x[k].its, dev_of(k), 0), GICITS_OK);
	for (cpu = 0; cpu < 4; cpu++) {
		if (gicits_rdist_is_pending(w->s.gic, cpu, DB) == 1) {
			assert_int_equal(where, -1);
			where = (int)cpu;
			assert_int_equal(gicits_rdist_write(w->s.gic, cpu,
							    GICITS_GICR_CLRLPIR,
							    8, DB),
					 GICITS_OK);
		}
	}
	return where;
}

/* What ITS k's vPE table says VPE is mapped to (<gicits/its.h> layout:
 * the entry's processor number). */
static unsigned table_cpu(struct world *w, unsigned k)
{
	uint64_t e = ts_peek64(&w->s, VT(k) + 8 * VPE);

	assert_true(e >> 63);
	return (unsigned)(e & 0xffff);
}

static void expect_everyone(struct world *w, unsigned ndone, int cpu)
{
	unsigned k;

	(void)ndone;
	for (k = 0; k < NITS; k++)
		assert_int_equal(doorbell_cpu(w, k), cpu);
}

/* The move 0 -> 2 executed by the ITSes in @order: before the last one,
 * every ITS rings the doorbell on 0; after, on 2 (then with the vPE
 * resident on 2, into its resident set). */
static void ordering_one(enum gicits_cache_mode cache, const unsigned *order)
{
	struct world *w = world_new(cache, true);
	uint32_t vintid;
	unsigned i, k;

	for (k = 0; k < NITS; k++)
		assert_int_equal(w->x[k].its ? 1 : 0, 1);
	expect_everyone(w, 0, 0);
	for (i = 0; i < NITS; i++) {
		vmovp(w, order[i], 42, 0x7, 2);
		if (i + 1 < NITS) {
			expect_everyone(w, i + 1, 0);
			/* resident on the target already: nothing reaches it
			 * before the move completes (IHI 0069: resident
			 * elsewhere than mapped; VPT and doorbell on 0).  The
			 * VPT first loses what the MSIs above left in it. */
			memset(ts_host(&w->s, VPT(VPE), 65536), 0, 65536);
			assert_int_equal(
				gicits_rdist_write(w->s.gic, 2,
						   GICITS_GICR_VPENDBASER, 8,
						   VALID | VPT(VPE)),
				GICITS_OK);
			assert_int_equal(gicits_its_msi(w->x[order[0]].its,
							dev_of(order[0]), 0),
					 GICITS_OK);
			assert_int_equal(gicits_vcpu_hppi(w->s.gic, 2, &vintid),
					 GICITS_OK);
			assert_int_equal(vintid, GICITS_INTID_SPURIOUS);
			assert_int_equal(
				gicits_rdist_is_pending(w->s.gic, 0, DB), 1);
			assert_int_equal(gicits_rdist_write(w->s.gic, 0,
							    GICITS_GICR_CLRLPIR,
							    8, DB),
					 GICITS_OK);
			assert_int_equal(
				gicits_rdist_write(w->s.gic, 2,
						   GICITS_GICR_VPENDBASER, 8,
						   VPT(VPE)),
				GICITS_OK);
			/* the VPT bit it left is the vPE's: clear it */
			memset(ts_host(&w->s, VPT(VPE), 65536), 0, 65536);
		}
	}
	for (k = 0; k < NITS; k++)
		assert_int_equal(table_cpu(w, k), 2);
	expect_everyone(w, NITS, 2);
	memset(ts_host(&w->s, VPT(VPE), 65536), 0, 65536);
	assert_int_equal(gicits_rdist_write(w->s.gic, 2, GICITS_GICR_VPENDBASER,
					    8, VALID | VPT(VPE)),
			 GICITS_OK);
	for (k = 0; k < NITS; k++) {
		assert_int_equal(gicits_its_msi(w->x[k].its, dev_of(k), 0),
				 GICITS_OK);
		assert_int_equal(gicits_vcpu_hppi(w->s.gic, 2, &vintid),
				 GICITS_OK);
		assert_int_equal(vintid, VINTID);
		assert_int_equal(gicits_vcpu_ack(w->s.gic, 2, &vintid),
				 GICITS_OK);
		assert_int_equal(gicits_vcpu_eoi(w->s.gic, 2, vintid),
				 GICITS_OK);
		assert_int_equal(gicits_rdist_is_pending(w->s.gic, 0, DB), 0);
		assert_int_equal(gicits_rdist_is_pending(w->s.gic, 2, DB), 0);
	}
	/* no mismatch, and with cache=check no ITS held a stale vPE entry */
	for (k = 0; k < NITS; k++)
		assert_int_equal(findings(w, k), 0);
	world_free(w);
}

static void ordering(void **state)
{
	static const unsigned orders[][NITS] = { { 0, 1, 2 },
						 { 2, 1, 0 },
						 { 1, 2, 0 } };
	unsigned i;

	(void)state;
	for (i = 0; i < 3; i++) {
		ordering_one(GICITS_CACHE_ON, orders[i]);
		ordering_one(GICITS_CACHE_CHECK, orders[i]);
		ordering_one(GICITS_CACHE_OFF, orders[i]);
	}
}

static void mismatch(void **state)
{
	struct world *w = world_new(GICITS_CACHE_CHECK, true);
	uint64_t f0;

	(void)state;
	/* ITSList without ITS 0's own number: ignored, a finding */
	f0 = findings(w, 0);
	vmovp(w, 0, 1, 0x6, 3);
	assert_int_equal(findings(w, 0), f0 + 1);
	vmovp(w, 1, 1, 0x6, 3);
	vmovp(w, 2, 1, 0x6, 3); /* 1 and 2: the list is complete */
	assert_int_equal(doorbell_cpu(w, 0), 0);
	assert_int_equal(doorbell_cpu(w, 1), 3);
	assert_int_equal(doorbell_cpu(w, 2), 3);
	/* back to 0 on 1 and 2 */
	vmovp(w, 1, 2, 0x6, 0);
	vmovp(w, 2, 2, 0x6, 0);
	expect_everyone(w, 0, 0);

	/* another SequenceNumber abandons the move in progress */
	vmovp(w, 0, 10, 0x7, 1);
	vmovp(w, 1, 10, 0x7, 1);
	f0 = findings(w, 2);
	vmovp(w, 2, 11, 0x7, 1);
	assert_int_equal(findings(w, 2), f0 + 1);
	expect_everyone(w, 0, 0);
	/* a repeated VMOVP of one ITS is a no-op */
	vmovp(w, 2, 11, 0x7, 1);
	vmovp(w, 0, 11, 0x7, 1);
	expect_everyone(w, 0, 0);
	vmovp(w, 1, 11, 0x7, 1);
	expect_everyone(w, 0, 1);

	/* another target with the same SequenceNumber: abandoned too */
	vmovp(w, 0, 12, 0x7, 2);
	f0 = findings(w, 1);
	vmovp(w, 1, 12, 0x7, 3);
	assert_int_equal(findings(w, 1), f0 + 1);
	vmovp(w, 2, 12, 0x7, 3);
	expect_everyone(w, 0, 1);
	vmovp(w, 0, 12, 0x7, 3);
	expect_everyone(w, 0, 3);

	/* ITS 2 leaves in the middle of a move: it never completes */
	vmovp(w, 2, 13, 0x7, 0);
	gicits_its_destroy(w->x[2].its);
	w->x[2].its = NULL;
	vmovp(w, 0, 13, 0x7, 0);
	vmovp(w, 1, 13, 0x7, 0);
	assert_int_equal(doorbell_cpu(w, 0), 3);
	assert_int_equal(doorbell_cpu(w, 1), 3);
	world_free(w);
}

static void single(void **state)
{
	struct world *w = world_new(GICITS_CACHE_CHECK, false);
	uint64_t v;
	unsigned k;

	(void)state;
	/* without the knob: GITS_TYPER.VMOVP = 1, ITS_Number RES0, and
	 * SequenceNumber and ITSList are ignored: one ITS moves at once */
	for (k = 0; k < NITS; k++) {
		assert_int_equal(gicits_its_mmio_read(w->x[k].its,
						      GICITS_GITS_TYPER, 8, &v),
				 GICITS_OK);
		assert_true(v & TYPER_VMOVP);
		assert_int_equal(gicits_its_mmio_read(w->x[k].its,
						      GICITS_GITS_CTLR, 4, &v),
				 GICITS_OK);
		assert_int_equal(v >> 4 & 0xf, 0);
	}
	vmovp(w, 1, 0x1234, 0x0, 3);
	assert_int_equal(doorbell_cpu(w, 0), 0);
	assert_int_equal(doorbell_cpu(w, 1), 3);
	assert_int_equal(table_cpu(w, 1), 3);
	for (k = 0; k < NITS; k++)
		assert_int_equal(findings(w, k), 0);
	world_free(w);

	/* with it: VMOVP reads 0, ITS_Number reads back, changes only while
	 * disabled; a list of the ITS alone moves at once */
	w = world_new(GICITS_CACHE_CHECK, true);
	for (k = 0; k < NITS; k++) {
		assert_int_equal(gicits_its_mmio_read(w->x[k].its,
						      GICITS_GITS_TYPER, 8, &v),
				 GICITS_OK);
		assert_false(v & TYPER_VMOVP);
		assert_int_equal(gicits_its_mmio_read(w->x[k].its,
						      GICITS_GITS_CTLR, 4, &v),
				 GICITS_OK);
		assert_int_equal(v >> 4 & 0xf, k);
	}
	assert_int_equal(gicits_its_mmio_write(w->x[1].its, GICITS_GITS_CTLR, 4,
					       1u | 9u << 4, 0),
			 GICITS_OK);
	assert_int_equal(
		gicits_its_mmio_read(w->x[1].its, GICITS_GITS_CTLR, 4, &v),
		GICITS_OK);
	assert_int_equal(v >> 4 & 0xf, 1);
	vmovp(w, 1, 5, 0x2, 3);
	assert_int_equal(doorbell_cpu(w, 0), 0);
	assert_int_equal(doorbell_cpu(w, 1), 3);
	assert_int_equal(doorbell_cpu(w, 2), 0);
	/* renumbered while disabled, the list names the new number */
	assert_int_equal(
		gicits_its_mmio_write(w->x[2].its, GICITS_GITS_CTLR, 4, 0, 0),
		GICITS_OK);
	assert_int_equal(gicits_its_mmio_write(w->x[2].its, GICITS_GITS_CTLR, 4,
					       1u | 9u << 4, 0),
			 GICITS_OK);
	vmovp(w, 2, 6, 1u << 9, 1);
	assert_int_equal(doorbell_cpu(w, 2), 1);
	for (k = 0; k < NITS; k++)
		assert_int_equal(findings(w, k), 0);
	world_free(w);
}

/* A vPE table entry written behind the ITS naming a processor number
 * beyond the redistributors (UNPREDICTABLE; the table is the guest's):
 * the vPE is treated as unmapped -- MSIs dropped, VMOVP/VINVALL refused --
 * and nothing outside the gic is touched (ASan). */
static void hostile_entry(void **state)
{
	static const enum gicits_cache_mode modes[] = { GICITS_CACHE_OFF,
							GICITS_CACHE_ON };
	struct gicits_cmd c;
	unsigned i;

	(void)state;
	for (i = 0; i < 2; i++) {
		struct world *w = world_new(modes[i], false);
		struct gicits_its_status st0, st1;

		/* disabled and enabled again: the index forgets the entry */
		assert_int_equal(gicits_its_mmio_write(w->x[0].its,
						       GICITS_GITS_CTLR, 4, 0,
						       0),
				 GICITS_OK);
		ts_poke64(&w->s, VT(0) + 8 * VPE,
			  VALID | 15ULL << 58 | VPT(VPE) | 0x3ff);
		assert_int_equal(gicits_its_mmio_write(w->x[0].its,
						       GICITS_GITS_CTLR, 4, 1,
						       0),
				 GICITS_OK);
		assert_int_equal(gicits_its_msi(w->x[0].its, dev_of(0), 0),
				 GICITS_DROP_VPE_UNMAPPED);
		gicits_cmd_vinvall(&c, VPE);
		assert_int_equal(gicits_its_status(w->x[0].its, &st0),
				 GICITS_OK);
		ts_cmd_store(ts_host(&w->s, CQ(0) + w->x[0].cw, 32), &c);
		w->x[0].cw += 32;
		assert_int_equal(gicits_its_mmio_write(w->x[0].its,
						       GICITS_GITS_CWRITER, 8,
						       w->x[0].cw, 0),
				 GICITS_OK);
		assert_int_equal(gicits_its_status(w->x[0].its, &st1),
				 GICITS_OK);
		assert_int_equal(st1.errors, st0.errors + 1);
		world_free(w);
	}
}

/* ---- concurrency ---- */

#define ROUNDS 200

struct race {
	struct world *w;
	pthread_barrier_t bar;
	_Atomic int bad, stop;
};

struct racer {
	struct race *r;
	unsigned k;
};

/* cmd() without cmocka (threads): a failure is counted */
static void cmd_mt(struct race *r, unsigned k, const struct gicits_cmd *c)
{
	struct xits *x = &r->w->x[k];
	struct gicits_its_status st;

	ts_cmd_store(ts_host(&r->w->s, CQ(k) + x->cw, 32), c);
	x->cw = (x->cw + 32) % 0x10000;
	if (gicits_its_mmio_write(x->its, GICITS_GITS_CWRITER, 8, x->cw, 0) ||
	    gicits_its_status(x->its, &st) || st.errors || st.stalled)
		atomic_fetch_add(&r->bad, 1);
}

static void *mover(void *arg)
{
	struct racer *m = arg;
	struct gicits_cmd c;
	unsigned i;

	for (i = 0; i < ROUNDS; i++) {
		pthread_barrier_wait(&m->r->bar);
		gicits_cmd_vmovp(&c, VPE, i % 4);
		gicits_cmd_set(&c, GICITS_CMD_F_SEQNUM, i);
		gicits_cmd_set(&c, GICITS_CMD_F_ITSLIST, 0x3);
		cmd_mt(m->r, m->k, &c);
		pthread_barrier_wait(&m->r->bar); /* the round's check */
		pthread_barrier_wait(&m->r->bar);
	}
	return NULL;
}

static void *sender(void *arg)
{
	struct race *r = arg;
	unsigned n = 0;

	while (!atomic_load(&r->stop)) {
		unsigned k = n++ % 2;

		if (gicits_its_msi(r->w->x[k].its, dev_of(k), 0) !=
		    GICITS_DROP_NONE)
			atomic_fetch_add(&r->bad, 1);
	}
	return NULL;
}

static void concurrent(void **state)
{
	struct race r;
	struct racer m[2];
	pthread_t t[3];
	unsigned i, k;

	(void)state;
	memset(&r, 0, sizeof(r));
	r.w = world_new(GICITS_CACHE_ON, true);
	assert_int_equal(pthread_barrier_init(&r.bar, NULL, 3), 0);
	for (k = 0; k < 2; k++) {
		m[k].r = &r;
		m[k].k = k;
		assert_int_equal(pthread_create(&t[k], NULL, mover, &m[k]), 0);
	}
	assert_int_equal(pthread_create(&t[2], NULL, sender, &r), 0);
	for (i = 0; i < ROUNDS; i++) {
		pthread_barrier_wait(&r.bar);
		pthread_barrier_wait(&r.bar);
		/* both executed round i's VMOVP: both tables name its
		 * target (the MSIs' doorbells land on whichever RD they
		 * read; the last ones read the new entry) */
		for (k = 0; k < 2; k++)
			if (table_cpu(r.w, k) != i % 4)
				atomic_fetch_add(&r.bad, 1);
		pthread_barrier_wait(&r.bar);
	}
	atomic_store(&r.stop, 1);
	for (k = 0; k < 3; k++)
		assert_int_equal(pthread_join(t[k], NULL), 0);
	assert_int_equal(atomic_load(&r.bad), 0);
	/* quiescent: both ITSes deliver to the last round's target */
	for (k = 0; k < 4; k++)
		assert_int_equal(gicits_rdist_write(r.w->s.gic, k,
						    GICITS_GICR_CLRLPIR, 8, DB),
				 GICITS_OK);
	assert_int_equal(doorbell_cpu(r.w, 0), (ROUNDS - 1) % 4);
	assert_int_equal(doorbell_cpu(r.w, 1), (ROUNDS - 1) % 4);
	assert_int_equal(findings(r.w, 0) + findings(r.w, 1), 0);
	pthread_barrier_destroy(&r.bar);
	world_free(r.w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ordering),   cmocka_unit_test(mismatch),
		cmocka_unit_test(single),     cmocka_unit_test(hostile_entry),
		cmocka_unit_test(concurrent),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
