/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The two LPI configuration caching models (enum gicits_lpi_cache):
 * - with a configuration that does not change, HPP and FULL deliver the
 *   same interrupts in the same order (random differential);
 * - FULL caches each pending LPI's configuration until INV-class operations;
 * - FULL's acknowledge reads no configuration byte of other pending LPIs
 *   (it never scans), while HPP's rescans all of them.
 */
#include "harness.h"
#include "sys.h"

#include <stdlib.h>
#include <string.h>

#include "gicits/error.h"
#include "gicits/rdist.h"

#define RAM 0x40000000ULL
#define PROP 0x40000000ULL
#define PEND(k) (0x40100000ULL + (uint64_t)(k)*0x10000)
#define NCPU 2
#define NLPI 300

/* A gic over guest memory served through callbacks (tests/support),
 * counting the reads of the configuration table. */
struct sys {
	struct ts_sys t;
	struct gicits_gic *gic; /* = t.gic */
	unsigned long prop_reads;
};

static void on_access(void *opaque, uint64_t gpa, size_t len, bool write)
{
	struct sys *s = opaque;

	(void)len;
	if (!write && gpa >= PROP && gpa < PROP + 65536)
		s->prop_reads++;
}

static void sys_init(struct sys *s, enum gicits_lpi_cache model)
{
	struct ts_desc d;

	memset(s, 0, sizeof(*s));
	ts_desc_default(&d);
	d.ram_base = RAM;
	d.ram_size = 4 << 20;
	d.ram_callback = true;
	d.on_access = on_access;
	d.access_opaque = s;
	d.gic.num_cpus = NCPU;
	d.gic.lpi_cache = model;
	d.prop = PROP;
	d.prop_fill_len = 65536 - 8192;
	d.pend = PEND(0);
	d.pend_stride = PEND(1) - PEND(0);
	d.no_its = true;
	assert_int_equal(ts_sys_create(&s->t, &d), GICITS_OK);
	s->gic = s->t.gic;
}

static void sys_fini(struct sys *s)
{
	ts_sys_destroy(&s->t);
}

static void set_cfg(struct sys *s, uint32_t intid, uint8_t prio, int en)
{
	s->t.ram[intid - 8192] = (uint8_t)((prio & 0xfc) | 2 | (en & 1));
}

struct plist {
	uint32_t id[NLPI + 8];
	unsigned n;
};

static int collect(void *opaque, uint32_t intid)
{
	struct plist *p = opaque;

	if (p->n < NLPI + 8)
		p->id[p->n++] = intid;
	return 0;
}

static void same_pending(struct sys *a, struct sys *b, unsigned cpu)
{
	struct plist pa, pb;

	pa.n = pb.n = 0;
	gicits_rdist_pending_foreach(a->gic, cpu, collect, &pa);
	gicits_rdist_pending_foreach(b->gic, cpu, collect, &pb);
	assert_int_equal(pa.n, pb.n);
	assert_memory_equal(pa.id, pb.id, pa.n * sizeof(pa.id[0]));
}

/* Static configuration: both models must agree step by step. */
static void models_agree_on_static_config(void **state)
{
	uint64_t seed;

	(void)state;
	for (seed = 1; seed <= 20; seed++) {
		struct sys h, f;
		uint64_t x = seed * 0x9E3779B97F4A7C15ULL;
		unsigned step, acks = 0;
		uint32_t i;

		sys_init(&h, GICITS_LPI_CACHE_HPP);
		sys_init(&f, GICITS_LPI_CACHE_FULL);
		for (i = 8192; i < 8192 + NLPI; i++) {
			uint8_t p = (uint8_t)(ts_xorshift(&x) % 8) * 0x20;
			int en = ts_xorshift(&x) % 5 != 0;

			set_cfg(&h, i, p, en);
			set_cfg(&f, i, p, en);
		}
		for (step = 0; step < 4000; step++) {
			unsigned cpu = (unsigned)(ts_xorshift(&x) % NCPU);
			uint32_t id = 8192 + (uint32_t)(ts_xorshift(&x) % NLPI);
			unsigned op = (unsigned)(ts_xorshift(&x) % 10);

			if (op < 5) {
				gicits_rdist_write(h.gic, cpu,
						   GICITS_GICR_SETLPIR, 8, id);
				gicits_rdist_write(f.gic, cpu,
						   GICITS_GICR_SETLPIR, 8, id);
			} else if (op < 6) {
				gicits_rdist_write(h.gic, cpu,
						   GICITS_GICR_CLRLPIR, 8, id);
				gicits_rdist_write(f.gic, cpu,
						   GICITS_GICR_CLRLPIR, 8, id);
			} else if (op < 9) {
				uint32_t a = gicits_cpu_ack(h.gic, cpu);
				uint32_t b = gicits_cpu_ack(f.gic, cpu);

				assert_int_equal(a, b);
				if (a != GICITS_INTID_SPURIOUS) {
					acks++;
					assert_int_equal(
						gicits_cpu_eoi(h.gic, cpu, a),
						0);
					assert_int_equal(
						gicits_cpu_eoi(f.gic, cpu, b),
						0);
				}
			} else {
				gicits_rdist_write(h.gic, cpu,
						   GICITS_GICR_INVALLR, 8, 0);
				gicits_rdist_write(f.gic, cpu,
						   GICITS_GICR_INVALLR, 8, 0);
			}
			assert_int_equal(gicits_cpu_hppi(h.gic, cpu),
					 gicits_cpu_hppi(f.gic, cpu));
			same_pending(&h, &f, cpu);
		}
		assert_true(acks > 500); /* the run was not vacuous */
		sys_fini(&h);
		sys_fini(&f);
	}
}

/* FULL: a configuration change is seen only after INV-class operations. */
static void full_caches_until_inv(void **state)
{
	struct sys f;

	(void)state;
	sys_init(&f, GICITS_LPI_CACHE_FULL);
	set_cfg(&f, 8200, 0x40, 0);
	gicits_rdist_write(f.gic, 0, GICITS_GICR_SETLPIR, 8, 8200);
	assert_int_equal(gicits_cpu_hppi(f.gic, 0), GICITS_INTID_SPURIOUS);
	set_cfg(&f, 8200, 0x40, 1); /* enabled, no INV */
	assert_int_equal(gicits_cpu_ack(f.gic, 0), GICITS_INTID_SPURIOUS);
	/* another LPI's acknowledge does not reload it (unlike HPP) */
	gicits_rdist_write(f.gic, 0, GICITS_GICR_SETLPIR, 8, 8300);
	assert_int_equal(gicits_cpu_ack(f.gic, 0), 8300);
	gicits_cpu_eoi(f.gic, 0, 8300);
	assert_int_equal(gicits_cpu_ack(f.gic, 0), GICITS_INTID_SPURIOUS);
	gicits_rdist_write(f.gic, 0, GICITS_GICR_INVLPIR, 8, 8200);
	assert_int_equal(gicits_cpu_ack(f.gic, 0), 8200);
	gicits_cpu_eoi(f.gic, 0, 8200);

	/* a cached priority survives a change until INV */
	set_cfg(&f, 8201, 0x80, 1);
	set_cfg(&f, 8202, 0x60, 1);
	gicits_rdist_write(f.gic, 0, GICITS_GICR_SETLPIR, 8, 8201);
	gicits_rdist_write(f.gic, 0, GICITS_GICR_SETLPIR, 8, 8202);
	assert_int_equal(gicits_cpu_hppi(f.gic, 0), 8202);
	set_cfg(&f, 8201, 0x00, 1);
	assert_int_equal(gicits_cpu_hppi(f.gic, 0), 8202);
	gicits_rdist_write(f.gic, 0, GICITS_GICR_INVALLR, 8, 0);
	assert_int_equal(gicits_cpu_hppi(f.gic, 0), 8201);
	sys_fini(&f);
}

/* FULL: a cleared LPI that is pending again keeps its cached entry and is
 * delivered once. */
static void full_clear_and_reset(void **state)
{
	struct sys f;

	(void)state;
	sys_init(&f, GICITS_LPI_CACHE_FULL);
	gicits_rdist_write(f.gic, 1, GICITS_GICR_SETLPIR, 8, 9000);
	gicits_rdist_write(f.gic, 1, GICITS_GICR_CLRLPIR, 8, 9000);
	assert_int_equal(gicits_cpu_hppi(f.gic, 1), GICITS_INTID_SPURIOUS);
	gicits_rdist_write(f.gic, 1, GICITS_GICR_SETLPIR, 8, 9000);
	assert_int_equal(gicits_cpu_ack(f.gic, 1), 9000);
	gicits_cpu_eoi(f.gic, 1, 9000);
	assert_int_equal(gicits_cpu_ack(f.gic, 1), GICITS_INTID_SPURIOUS);
	sys_fini(&f);
}

/* Acknowledge cost: FULL reads no configuration of other pending LPIs. */
static void full_ack_does_not_scan(void **state)
{
	struct sys f, h;
	uint32_t i;
	unsigned long before;

	(void)state;
	sys_init(&f, GICITS_LPI_CACHE_FULL);
	sys_init(&h, GICITS_LPI_CACHE_HPP);
	for (i = 8192; i < 8192 + 1000; i++) {
		gicits_rdist_write(f.gic, 0, GICITS_GICR_SETLPIR, 8, i);
		gicits_rdist_write(h.gic, 0, GICITS_GICR_SETLPIR, 8, i);
	}
	/* the first look takes in the 1000 newly pending LPIs */
	assert_int_equal(gicits_cpu_ack(f.gic, 0), 8192);
	gicits_cpu_eoi(f.gic, 0, 8192);
	before = f.prop_reads;
	for (i = 8193; i < 8193 + 100; i++) {
		assert_int_equal(gicits_cpu_ack(f.gic, 0), i);
		gicits_cpu_eoi(f.gic, 0, i);
	}
	assert_true(f.prop_reads - before == 0);

	assert_int_equal(gicits_cpu_ack(h.gic, 0), 8192);
	gicits_cpu_eoi(h.gic, 0, 8192);
	before = h.prop_reads;
	assert_int_equal(gicits_cpu_ack(h.gic, 0), 8193);
	assert_true(h.prop_reads - before >= 998); /* HPP rescans */
	sys_fini(&f);
	sys_fini(&h);
}

static void bad_model_rejected(void **state)
{
	struct gicits_gic_config gc;
	struct gicits_mem mem;
	struct gicits_gic *g;

	(void)state;
	gicits_mem_init(&mem, NULL, NULL);
	gicits_gic_config_default(&gc);
	gc.lpi_cache = (enum gicits_lpi_cache)7;
	assert_int_equal(gicits_gic_create(&gc, &mem, &g), GICITS_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(models_agree_on_static_config),
		cmocka_unit_test(full_caches_until_inv),
		cmocka_unit_test(full_clear_and_reset),
		cmocka_unit_test(full_ack_does_not_scan),
		cmocka_unit_test(bad_model_rejected),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
