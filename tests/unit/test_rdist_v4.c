/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * GICv4.0 redistributors without an ITS: the version knob (GICR_TYPER.VLPIS
 * and Dirty, PIDR2, the stride, the VLPI_base frame's existence), every
 * field of GICR_VPROPBASER and GICR_VPENDBASER (writable, RES0, read-only
 * Dirty, 32-bit halves, writes while resident ignored), and the residency
 * protocol: scheduling parses the VPT (not its first 1 KB, whatever IDAI
 * says; bytes loaded are owned until the write-back), descheduling writes
 * the pending state back ORed into the VPT and sets PendingLast (both
 * knob values), the Dirty window, re-residency, VPROPBASER.IDbits, both
 * caching models, the snapshot refusal.
 */
#include "harness.h"

#include <stdbool.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include "gicits/error.h"
#include "gicits/rdist.h"
#include "gicits/vcpu.h"
#include "gicits/sink.h"
#include "gicits/snapshot.h"

#define RAM 0x40000000ULL
#define RAM_SIZE 0x400000ULL
#define VPROP (RAM + 0x100000ULL) /* virtual LPI configuration table */
#define VPT(n) (RAM + 0x200000ULL + (uint64_t)(n)*0x10000)
#define VALID (1ULL << 63)
#define IDAI (1ULL << 62)
#define PLAST (1ULL << 61)
#define DIRTY (1ULL << 60)

struct w {
	struct test_ram ram;
	struct gicits_gic *gic;
	unsigned notes[4]; /* vhppi_changed calls per CPU */
};

static void on_vhppi(void *opaque, unsigned cpu)
{
	struct w *w = opaque;

	if (cpu < 4)
		w->notes[cpu]++;
}

static struct w *w_new_cfg(struct gicits_gic_config *c)
{
	struct w *w = calloc(1, sizeof(*w));

	assert_non_null(w);
	test_ram_init(&w->ram, RAM, RAM_SIZE);
	c->vhppi_changed = on_vhppi;
	c->vhppi_opaque = w;
	assert_int_equal(gicits_gic_create(c, &w->ram.mem, &w->gic), GICITS_OK);
	/* every vLPI enabled, priority 0xA0, as the oracle's table */
	memset(w->ram.host + (VPROP - RAM), 0xA3, 65536 - 8192);
	return w;
}

static struct w *w_new(enum gicits_lpi_cache cache)
{
	struct gicits_gic_config c;

	gicits_gic_config_default(&c);
	c.version = GICITS_GIC_V4_0;
	c.num_cpus = 2;
	c.lpi_cache = cache;
	return w_new_cfg(&c);
}

static void w_free(struct w *w)
{
	gicits_gic_destroy(w->gic);
	test_ram_fini(&w->ram);
	free(w);
}

static uint64_t rd(struct w *w, unsigned cpu, uint32_t off)
{
	uint64_t v = 0;

	assert_int_equal(gicits_rdist_read(w->gic, cpu, off, 8, &v), GICITS_OK);
	return v;
}

static void wr(struct w *w, unsigned cpu, uint32_t off, uint64_t v)
{
	assert_int_equal(gicits_rdist_write(w->gic, cpu, off, 8, v), GICITS_OK);
}

static uint8_t *vpt(struct w *w, unsigned n)
{
	return w->ram.host + (VPT(n) - RAM);
}

static void vpt_set(struct w *w, unsigned n, uint32_t id)
{
	vpt(w, n)[id / 8] |= (uint8_t)(1u << (id % 8));
}

static bool vpt_bit(struct w *w, unsigned n, uint32_t id)
{
	return vpt(w, n)[id / 8] >> (id % 8) & 1;
}

static void vcfg(struct w *w, uint32_t id, uint8_t prio, bool en)
{
	w->ram.host[VPROP - RAM + id - 8192] =
		(uint8_t)((prio & 0xFC) | 0x02 | en);
}

/* VPROPBASER with 16 ID bits, VPMR 0xF8, vPE @n resident on @cpu. */
static void sched(struct w *w, unsigned cpu, unsigned n)
{
	wr(w, cpu, GICITS_GICR_VPROPBASER, VPROP | 15);
	assert_int_equal(gicits_vcpu_set_vpmr(w->gic, cpu, 0xF8), GICITS_OK);
	wr(w, cpu, GICITS_GICR_VPENDBASER, VALID | IDAI | VPT(n));
}

/* Deschedule @cpu; returns PendingLast. */
static bool desched(struct w *w, unsigned cpu)
{
	uint64_t v = rd(w, cpu, GICITS_GICR_VPENDBASER);

	wr(w, cpu, GICITS_GICR_VPENDBASER, v & ~VALID);
	v = rd(w, cpu, GICITS_GICR_VPENDBASER);
	assert_false(v & VALID);
	return v & PLAST;
}

static uint32_t vack(struct w *w, unsigned cpu)
{
	uint32_t id = 0;

	assert_int_equal(gicits_vcpu_ack(w->gic, cpu, &id), GICITS_OK);
	if (id != GICITS_INTID_SPURIOUS)
		assert_int_equal(gicits_vcpu_eoi(w->gic, cpu, id), GICITS_OK);
	return id;
}

/* ---- the knob -------------------------------------------------------- */

static void version_knob(void **state)
{
	struct gicits_gic_config c;
	struct test_ram ram;
	struct gicits_gic *g = NULL;
	uint64_t v;

	(void)state;
	test_ram_init(&ram, RAM, RAM_SIZE);
	gicits_gic_config_default(&c);
	assert_int_equal(c.version, GICITS_GIC_V3);
	assert_int_equal(c.vpe_dirty_reads, 0);
	assert_int_equal(c.pendinglast, GICITS_PENDINGLAST_CACHED);
	/* GICv3: no VLPIS, no VLPI_base frame, ArchRev 3 */
	assert_int_equal(gicits_gic_create(&c, &ram.mem, &g), GICITS_OK);
	assert_int_equal(gicits_gic_version(g), GICITS_GIC_V3);
	assert_int_equal(gicits_rdist_read(g, 0, GICITS_GICR_TYPER, 8, &v),
			 GICITS_OK);
	assert_int_equal(v & 6, 0);
	assert_int_equal(gicits_rdist_read(g, 0, GICITS_GICR_VPENDBASER, 8, &v),
			 GICITS_EINVAL);
	assert_int_equal(gicits_rdist_read(g, 0, GICITS_GICR_PIDR2, 4, &v),
			 GICITS_OK);
	assert_int_equal(v >> 4 & 0xf, 3);
	gicits_gic_destroy(g);
	/* GICv4.1 is accepted (test_v41_*.c); unknown values are refused */
	c.version = GICITS_GIC_V4_1;
	assert_int_equal(gicits_gic_create(&c, &ram.mem, &g), GICITS_OK);
	gicits_gic_destroy(g);
	c.version = (enum gicits_gic_version)7;
	assert_int_equal(gicits_gic_create(&c, &ram.mem, &g), GICITS_EINVAL);
	c.version = GICITS_GIC_V4_0;
	c.vpe_dirty_reads = 1001;
	assert_int_equal(gicits_gic_create(&c, &ram.mem, &g), GICITS_EINVAL);
	c.vpe_dirty_reads = 0;
	c.pendinglast = (enum gicits_pendinglast)2;
	assert_int_equal(gicits_gic_create(&c, &ram.mem, &g), GICITS_EINVAL);
	c.pendinglast = GICITS_PENDINGLAST_CACHED;
	/* GICv4.0: VLPIS = 1, Dirty = 0 (QEMU), DirectLPI kept, ArchRev 4
	 * (0x4b as QEMU), the frame exists; SGI_base and beyond do not */
	assert_int_equal(gicits_gic_create(&c, &ram.mem, &g), GICITS_OK);
	assert_int_equal(gicits_gic_version(g), GICITS_GIC_V4_0);
	assert_int_equal(gicits_rdist_read(g, 1, GICITS_GICR_TYPER, 8, &v),
			 GICITS_OK);
	assert_int_equal(v & 0xf, 0xb);
	assert_int_equal(gicits_rdist_read(g, 0, GICITS_GICR_PIDR2, 4, &v),
			 GICITS_OK);
	assert_int_equal(v & 0xff, 0x4b);
	assert_int_equal(gicits_rdist_read(g, 0, 0x10000, 4, &v),
			 GICITS_EINVAL);
	assert_int_equal(gicits_rdist_read(g, 0, 0x30000, 4, &v),
			 GICITS_EINVAL);
	/* a reserved VLPI_base offset: RAZ/WI */
	assert_int_equal(gicits_rdist_read(g, 0, 0x20000, 4, &v), GICITS_OK);
	assert_int_equal(v, 0);
	assert_int_equal(gicits_rdist_write(g, 0, 0x20000, 4, 5), GICITS_OK);
	/* VPENDBASER is 64-bit: an 8-byte access to its upper half is not */
	assert_int_equal(
		gicits_rdist_read(g, 0, GICITS_GICR_VPENDBASER + 4, 8, &v),
		GICITS_EACCESS);
	/* the vCPU interface of a GICv4.0 gic exists */
	assert_int_equal(gicits_vcpu_resident(g, 0, &v), 0);
	gicits_gic_destroy(g);
	/* the Dirty knob advertises GICR_TYPER.Dirty */
	c.vpe_dirty_reads = 3;
	assert_int_equal(gicits_gic_create(&c, &ram.mem, &g), GICITS_OK);
	assert_int_equal(gicits_rdist_read(g, 0, GICITS_GICR_TYPER, 8, &v),
			 GICITS_OK);
	assert_int_equal(v >> 2 & 1, 1);
	gicits_gic_destroy(g);
	test_ram_fini(&ram);
}

/* A GICv4 redistributor has four frames: the default stride becomes
 * 0x40000 (RDbase as an address, PTA = 1, sees it through the sink). */
static void stride(void **state)
{
	struct gicits_gic_config c;
	struct test_ram ram;
	struct gicits_gic *g = NULL;
	const struct gicits_lpi_sink_ops *ops;
	unsigned cpu = 9;

	(void)state;
	test_ram_init(&ram, RAM, RAM_SIZE);
	gicits_gic_config_default(&c);
	c.version = GICITS_GIC_V4_0;
	assert_int_equal(gicits_gic_create(&c, &ram.mem, &g), GICITS_OK);
	ops = gicits_gic_lpi_sink_ops();
	assert_true(ops->rdbase_to_cpu(g, (0x080A0000 + 0x40000) >> 16, true,
				       &cpu));
	assert_int_equal(cpu, 1);
	assert_false(ops->rdbase_to_cpu(g, (0x080A0000 + 0x20000) >> 16, true,
					&cpu));
	gicits_gic_destroy(g);
	/* an explicit larger stride is kept */
	c.rd_stride = 0x80000;
	assert_int_equal(gicits_gic_create(&c, &ram.mem, &g), GICITS_OK);
	assert_true(ops->rdbase_to_cpu(g, (0x080A0000 + 0x80000) >> 16, true,
				       &cpu));
	assert_int_equal(cpu, 1);
	/* growth rule: a caller that stops before @version gets GICv3 */
	gicits_gic_destroy(g);
	c.size = (uint32_t)offsetof(struct gicits_gic_config, version);
	assert_int_equal(gicits_gic_create(&c, &ram.mem, &g), GICITS_OK);
	assert_int_equal(gicits_gic_version(g), GICITS_GIC_V3);
	gicits_gic_destroy(g);
	test_ram_fini(&ram);
}

/* ---- the registers --------------------------------------------------- */

static void vpropbaser_fields(void **state)
{
	struct w *w = w_new(GICITS_LPI_CACHE_HPP);
	uint64_t v;

	(void)state;
	assert_int_equal(rd(w, 0, GICITS_GICR_VPROPBASER), 0);
	/* writable: OuterCache [58:56], PA [51:12], Shareability [11:10],
	 * InnerCache [9:7], IDbits [4:0]; the rest RES0 */
	wr(w, 0, GICITS_GICR_VPROPBASER, ~0ULL);
	assert_int_equal(rd(w, 0, GICITS_GICR_VPROPBASER),
			 0x070FFFFFFFFFFF9FULL);
	/* 32-bit halves merge */
	wr(w, 0, GICITS_GICR_VPROPBASER, 0);
	assert_int_equal(gicits_rdist_write(w->gic, 0, GICITS_GICR_VPROPBASER,
					    4, 0x12345678),
			 GICITS_OK);
	assert_int_equal(gicits_rdist_write(w->gic, 0,
					    GICITS_GICR_VPROPBASER + 4, 4, 0x1),
			 GICITS_OK);
	assert_int_equal(rd(w, 0, GICITS_GICR_VPROPBASER),
			 0x0000000112345618ULL);
	assert_int_equal(
		gicits_rdist_read(w->gic, 0, GICITS_GICR_VPROPBASER + 4, 4, &v),
		GICITS_OK);
	assert_int_equal(v, 1);
	/* per redistributor */
	assert_int_equal(rd(w, 1, GICITS_GICR_VPROPBASER), 0);
	/* ignored while a vPE is resident (UNPREDICTABLE) */
	sched(w, 0, 0);
	wr(w, 0, GICITS_GICR_VPROPBASER, VPROP | 13);
	assert_int_equal(rd(w, 0, GICITS_GICR_VPROPBASER), VPROP | 15);
	w_free(w);
}

static void vpendbaser_fields(void **state)
{
	struct w *w = w_new(GICITS_LPI_CACHE_HPP);
	uint64_t vpt_pa;

	(void)state;
	assert_int_equal(rd(w, 0, GICITS_GICR_VPENDBASER), 0);
	/* Valid = 0: writable IDAI, PendingLast, OuterCache [58:56], PA
	 * [51:16], Shareability, InnerCache; Dirty reads 0; the rest RES0 */
	wr(w, 0, GICITS_GICR_VPENDBASER, ~0ULL & ~VALID);
	assert_int_equal(rd(w, 0, GICITS_GICR_VPENDBASER),
			 0x670FFFFFFFFF0F80ULL);
	assert_int_equal(gicits_vcpu_resident(w->gic, 0, &vpt_pa), 0);
	/* a 32-bit write of the lower half keeps Valid = 0 */
	assert_int_equal(gicits_rdist_write(w->gic, 0, GICITS_GICR_VPENDBASER,
					    4, (uint32_t)VPT(1)),
			 GICITS_OK);
	assert_int_equal(rd(w, 0, GICITS_GICR_VPENDBASER) & 0xFFFFFFFFULL,
			 (uint32_t)VPT(1));
	/* Valid 0 -> 1 through the upper half: resident, IDAI read back */
	wr(w, 0, GICITS_GICR_VPROPBASER, VPROP | 15);
	wr(w, 0, GICITS_GICR_VPENDBASER, IDAI | VPT(1));
	assert_int_equal(gicits_rdist_write(w->gic, 0,
					    GICITS_GICR_VPENDBASER + 4, 4,
					    (VALID | IDAI | VPT(1)) >> 32),
			 GICITS_OK);
	assert_int_equal(rd(w, 0, GICITS_GICR_VPENDBASER),
			 VALID | IDAI | VPT(1));
	assert_int_equal(gicits_vcpu_resident(w->gic, 0, &vpt_pa), 1);
	assert_int_equal(vpt_pa, VPT(1));
	/* a change while Valid = 1 is ignored (UNPREDICTABLE; QEMU too) */
	wr(w, 0, GICITS_GICR_VPENDBASER, VALID | VPT(2));
	assert_int_equal(rd(w, 0, GICITS_GICR_VPENDBASER),
			 VALID | IDAI | VPT(1));
	assert_int_equal(gicits_vcpu_resident(w->gic, 0, &vpt_pa), 1);
	assert_int_equal(vpt_pa, VPT(1));
	/* Valid 1 -> 0: the other fields as written, PendingLast computed */
	wr(w, 0, GICITS_GICR_VPENDBASER, PLAST | VPT(1));
	assert_int_equal(rd(w, 0, GICITS_GICR_VPENDBASER), VPT(1));
	assert_int_equal(gicits_vcpu_resident(w->gic, 0, &vpt_pa), 0);
	assert_int_equal(vpt_pa, 0);
	w_free(w);
}

/* ---- the residency protocol ------------------------------------------ */

static void schedule_parses_vpt(void **state)
{
	struct w *w = w_new(GICITS_LPI_CACHE_HPP);
	uint32_t id;

	(void)state;
	/* bits below 8192 (the first 1 KB) are never pending vLPIs, with
	 * IDAI 0 or 1; bits beyond VPROPBASER.IDbits are not read */
	vpt(w, 0)[0] = 0xff;
	vpt(w, 0)[1023] = 0xff;
	vpt_set(w, 0, 8200);
	vpt_set(w, 0, 65535);
	vcfg(w, 65535, 0x10, true);
	wr(w, 0, GICITS_GICR_VPROPBASER, VPROP | 15);
	assert_int_equal(gicits_vcpu_set_vpmr(w->gic, 0, 0xF8), GICITS_OK);
	wr(w, 0, GICITS_GICR_VPENDBASER, VALID | VPT(0)); /* IDAI = 0 */
	/* the bytes loaded belong to the redistributor now (UNKNOWN to
	 * software): zeroed; the first 1 KB is not touched */
	assert_false(vpt_bit(w, 0, 8200));
	assert_false(vpt_bit(w, 0, 65535));
	assert_int_equal(vpt(w, 0)[0], 0xff);
	assert_int_equal(gicits_vcpu_hppi(w->gic, 0, &id), GICITS_OK);
	assert_int_equal(id, 65535); /* priority 0x10 beats 0xA0 */
	assert_int_equal(vack(w, 0), 65535);
	assert_int_equal(vack(w, 0), 8200);
	assert_int_equal(vack(w, 0), GICITS_INTID_SPURIOUS);
	assert_false(desched(w, 0));
	assert_false(vpt_bit(w, 0, 8200)); /* acknowledged: not written back */
	/* IDbits 13 (vINTIDs < 16384): 20000 is not loaded and stays */
	vpt_set(w, 0, 20000);
	vpt_set(w, 0, 9000);
	wr(w, 0, GICITS_GICR_VPROPBASER, VPROP | 13);
	wr(w, 0, GICITS_GICR_VPENDBASER, VALID | IDAI | VPT(0));
	assert_true(vpt_bit(w, 0, 20000));
	assert_int_equal(vack(w, 0), 9000);
	assert_int_equal(vack(w, 0), GICITS_INTID_SPURIOUS);
	(void)desched(w, 0);
	assert_true(vpt_bit(w, 0, 20000));
	/* IDbits < 13: no vLPI in range, nothing loaded */
	wr(w, 0, GICITS_GICR_VPROPBASER, VPROP | 12);
	vpt_set(w, 0, 8192);
	wr(w, 0, GICITS_GICR_VPENDBASER, VALID | VPT(0));
	assert_int_equal(vack(w, 0), GICITS_INTID_SPURIOUS);
	assert_true(vpt_bit(w, 0, 8192));
	(void)desched(w, 0);
	w_free(w);
}

struct walk {
	uint32_t ids[16];
	unsigned n;
};

static int collect(void *opaque, uint32_t id)
{
	struct walk *k = opaque;

	if (k->n < 16)
		k->ids[k->n++] = id;
	return 0;
}

static void writeback_and_reresidency(void **state)
{
	struct w *w = w_new(GICITS_LPI_CACHE_HPP);
	struct walk k = { { 0 }, 0 };

	(void)state;
	vpt_set(w, 0, 8300);
	vpt_set(w, 0, 8301);
	sched(w, 0, 0);
	assert_int_equal(vack(w, 0), 8300);
	assert_int_equal(gicits_vcpu_pending_foreach(w->gic, 0, collect, &k),
			 GICITS_OK);
	assert_int_equal(k.n, 1);
	assert_int_equal(k.ids[0], 8301);
	/* a bit set in the VPT while resident (by an ITS, for a vPE resident
	 * elsewhere than its mapped redistributor: UNPREDICTABLE) is kept
	 * by the write-back, which ORs */
	vpt_set(w, 0, 8400);
	assert_true(desched(w, 0)); /* 8301 pending and enabled */
	assert_true(vpt_bit(w, 0, 8301));
	assert_true(vpt_bit(w, 0, 8400));
	assert_false(vpt_bit(w, 0, 8300));
	/* nothing resident: the set is empty */
	k.n = 0;
	assert_int_equal(gicits_vcpu_pending_foreach(w->gic, 0, collect, &k),
			 GICITS_OK);
	assert_int_equal(k.n, 0);
	/* another vPE on the same redistributor sees none of it */
	vpt_set(w, 1, 9000);
	sched(w, 0, 1);
	assert_int_equal(vack(w, 0), 9000);
	assert_int_equal(vack(w, 0), GICITS_INTID_SPURIOUS);
	assert_false(desched(w, 0));
	/* the first one again, on the other redistributor: both come back */
	sched(w, 1, 0);
	assert_int_equal(vack(w, 1), 8301);
	assert_int_equal(vack(w, 1), 8400);
	assert_false(desched(w, 1));
	assert_false(vpt_bit(w, 0, 8301));
	w_free(w);
}

/* PendingLast, both knob values: QEMU's "the cached best vLPI exists"
 * and a rescan of the configuration. */
static void pendinglast(void **state)
{
	struct gicits_gic_config c;
	struct w *w = w_new(GICITS_LPI_CACHE_HPP);

	(void)state;
	/* only a disabled vLPI pending: 0 */
	vcfg(w, 8500, 0xA0, false);
	vpt_set(w, 0, 8500);
	sched(w, 0, 0);
	assert_false(desched(w, 0));
	assert_true(vpt_bit(w, 0, 8500));
	/* an enabled one masked by VPMR (priority 0xF8) still counts */
	vcfg(w, 8501, 0xF8, true);
	vpt_set(w, 0, 8501);
	sched(w, 0, 0);
	assert_int_equal(vack(w, 0), GICITS_INTID_SPURIOUS);
	assert_true(desched(w, 0));
	/* CACHED: enabling 8500 in memory without INV while resident is
	 * not seen (a stale cache can give 0) */
	vpt(w, 0)[8501 / 8] &= (uint8_t) ~(1u << (8501 % 8));
	sched(w, 0, 0);
	vcfg(w, 8500, 0xA0, true);
	assert_false(desched(w, 0));
	w_free(w);

	/* RESCAN: the same sequence gives 1 */
	gicits_gic_config_default(&c);
	c.version = GICITS_GIC_V4_0;
	c.num_cpus = 2;
	c.lpi_cache = GICITS_LPI_CACHE_HPP;
	c.pendinglast = GICITS_PENDINGLAST_RESCAN;
	w = w_new_cfg(&c);
	vcfg(w, 8500, 0xA0, false);
	vpt_set(w, 0, 8500);
	sched(w, 0, 0);
	vcfg(w, 8500, 0xA0, true);
	assert_true(desched(w, 0));
	w_free(w);
}

static void dirty_window(void **state)
{
	struct gicits_gic_config c;
	struct w *w;
	uint64_t vpt_pa;

	(void)state;
	gicits_gic_config_default(&c);
	c.version = GICITS_GIC_V4_0;
	c.num_cpus = 1;
	c.vpe_dirty_reads = 2;
	w = w_new_cfg(&c);
	wr(w, 0, GICITS_GICR_VPROPBASER, VPROP | 15);
	/* no Valid change: no window */
	wr(w, 0, GICITS_GICR_VPENDBASER, VPT(0));
	assert_false(rd(w, 0, GICITS_GICR_VPENDBASER) & DIRTY);
	wr(w, 0, GICITS_GICR_VPENDBASER, VALID | VPT(0));
	/* a write while Dirty reads 1 is ignored (UNPREDICTABLE) */
	wr(w, 0, GICITS_GICR_VPENDBASER, VPT(0));
	assert_int_equal(gicits_vcpu_resident(w->gic, 0, &vpt_pa), 1);
	assert_true(rd(w, 0, GICITS_GICR_VPENDBASER) & DIRTY);
	assert_true(rd(w, 0, GICITS_GICR_VPENDBASER) & DIRTY);
	assert_false(rd(w, 0, GICITS_GICR_VPENDBASER) & DIRTY);
	/* the window again after 1 -> 0; PendingLast is readable with it */
	wr(w, 0, GICITS_GICR_VPENDBASER, VPT(0));
	assert_int_equal(gicits_vcpu_resident(w->gic, 0, &vpt_pa), 0);
	assert_int_equal(rd(w, 0, GICITS_GICR_VPENDBASER), DIRTY | VPT(0));
	assert_int_equal(rd(w, 0, GICITS_GICR_VPENDBASER), DIRTY | VPT(0));
	assert_int_equal(rd(w, 0, GICITS_GICR_VPENDBASER), VPT(0));
	w_free(w);
}

/* The FULL caching model serves the virtual side too: configuration read
 * when the redistributor takes a vLPI in, refreshed by a rescan. */
static void full_model(void **state)
{
	struct w *w = w_new(GICITS_LPI_CACHE_FULL);

	(void)state;
	vpt_set(w, 0, 8600);
	vpt_set(w, 0, 8601);
	vcfg(w, 8601, 0x20, true);
	vcfg(w, 8600, 0x40, false);
	sched(w, 0, 0);
	assert_int_equal(vack(w, 0), 8601);
	assert_int_equal(vack(w, 0), GICITS_INTID_SPURIOUS);
	assert_false(desched(w, 0)); /* only the disabled one */
	vcfg(w, 8600, 0x40, true);
	sched(w, 0, 0); /* scheduling reads the configuration again */
	assert_int_equal(vack(w, 0), 8600);
	assert_false(desched(w, 0));
	w_free(w);
}

/* Snapshots of a GICv4.0 gic carry residency (format version 2;
 * test_snapshot_v4.c tests what they carry). */
static void snapshot_refused(void **state)
{
	struct w *w = w_new(GICITS_LPI_CACHE_HPP);
	static uint8_t buf[1 << 16];
	size_t n = 0;

	(void)state;
	assert_int_equal(
		gicits_snapshot_save(w->gic, NULL, 0, buf, sizeof(buf), &n),
		GICITS_OK);
	assert_int_equal(gicits_snapshot_restore(w->gic, NULL, 0, buf, n),
			 GICITS_OK);
	w_free(w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(version_knob),
		cmocka_unit_test(stride),
		cmocka_unit_test(vpropbaser_fields),
		cmocka_unit_test(vpendbaser_fields),
		cmocka_unit_test(schedule_parses_vpt),
		cmocka_unit_test(writeback_and_reresidency),
		cmocka_unit_test(pendinglast),
		cmocka_unit_test(dirty_window),
		cmocka_unit_test(full_model),
		cmocka_unit_test(snapshot_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
