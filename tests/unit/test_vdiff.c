/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Differential test of the GICv4.0 paths (as test_diff.c for the physical
 * ITS): three systems that differ only in struct gicits_its_config.cache
 * (off: every translation walks guest memory, the reference; on: the
 * index, vPE entries and virtual ITEs included, and the MSI fast path;
 * check: both, reporting disagreements) run the same random sequences of
 * V* commands (VMAPP map/remap/unmap, VMAPTI, VMAPI, VMOVI, VMOVP,
 * VINVALL, VSYNC), INT/CLEAR/DISCARD/INV on virtual ITEs, MSIs, residency
 * changes and vCPU acknowledges.  After every step: the same MSI result,
 * the same command errors, the same resident vPEs, pending vLPIs,
 * highest-priority vLPI and doorbells on every redistributor; at the end
 * the same guest memory, and cache=check reported nothing (the index was
 * never stale).
 */
#define _POSIX_C_SOURCE 200809L

#include "harness.h"
#include "sys.h"

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
#define RAM_SIZE 0x800000ULL
#define ITT(d) (RAM + 0x480000ULL + (uint64_t)(d)*0x10000) /* d < 4 */
#define VT (RAM + 0x5F0000ULL)
#define VPT(n) (RAM + 0x600000ULL + (uint64_t)(n)*0x10000) /* n < 8 */
#define VPROP (RAM + 0x700000ULL)
#define VALID (1ULL << 63)
#define NSYS 3
#define NVPE 8
#define NDEV 3
#define NEV 16
#define DB(vpe) (8300u + (vpe))

static const enum gicits_cache_mode modes[NSYS] = { GICITS_CACHE_OFF,
						    GICITS_CACHE_ON,
						    GICITS_CACHE_CHECK };

struct w {
	struct ts_sys s[NSYS];
};

static void w_init(struct w *w)
{
	unsigned i, k;

	for (i = 0; i < NSYS; i++) {
		struct ts_desc d;

		ts_desc_default(&d);
		d.its.gic = GICITS_GIC_V4_0;
		d.its.cache = modes[i];
		d.gic.version = GICITS_GIC_V4_0;
		d.no_enable = true;
		assert_int_equal(ts_sys_create(&w->s[i], &d), GICITS_OK);
		assert_int_equal(gicits_its_mmio_write(w->s[i].its,
						       GICITS_GITS_BASER(2), 8,
						       TS_VALID | VT, 0),
				 GICITS_OK);
		assert_int_equal(gicits_its_mmio_write(w->s[i].its,
						       GICITS_GITS_CTLR, 4, 1,
						       0),
				 GICITS_OK);
		memset(ts_host(&w->s[i], VPROP, 65536 - 8192), 0xA3,
		       65536 - 8192);
		for (k = 0; k < 4; k++) {
			assert_int_equal(
				gicits_rdist_write(w->s[i].gic, k,
						   GICITS_GICR_VPROPBASER, 8,
						   VPROP | 15),
				GICITS_OK);
			assert_int_equal(
				gicits_vcpu_set_vpmr(w->s[i].gic, k, 0xF8),
				GICITS_OK);
		}
	}
}

static void w_fini(struct w *w)
{
	unsigned i;

	for (i = 0; i < NSYS; i++)
		ts_sys_destroy(&w->s[i]);
}

/* The same command on every system: the same error count and code. */
static void cmd_all(struct w *w, const struct gicits_cmd *c)
{
	struct gicits_its_status st[NSYS];
	unsigned i;

	for (i = 0; i < NSYS; i++) {
		assert_int_equal(ts_cmd(&w->s[i], c), GICITS_OK);
		assert_int_equal(gicits_its_status(w->s[i].its, &st[i]),
				 GICITS_OK);
	}
	for (i = 1; i < NSYS; i++) {
		assert_int_equal(st[i].errors, st[0].errors);
		assert_int_equal(st[i].last_error, st[0].last_error);
		assert_false(st[i].stalled);
	}
}

struct plist {
	unsigned n;
	uint32_t v[128];
};

static int padd(void *o, uint32_t id)
{
	struct plist *p = o;

	if (p->n < 128)
		p->v[p->n] = id;
	p->n++;
	return 0;
}

static void same(struct w *w)
{
	unsigned cpu, i, k;

	for (cpu = 0; cpu < 4; cpu++) {
		uint64_t v0 = 0, v;
		uint32_t h0, h;
		struct plist l0 = { 0 }, l;

		assert_true(gicits_vcpu_resident(w->s[0].gic, cpu, &v0) >= 0);
		assert_int_equal(gicits_vcpu_hppi(w->s[0].gic, cpu, &h0),
				 GICITS_OK);
		assert_int_equal(gicits_vcpu_pending_foreach(w->s[0].gic, cpu,
							     padd, &l0),
				 GICITS_OK);
		for (i = 1; i < NSYS; i++) {
			assert_true(gicits_vcpu_resident(w->s[i].gic, cpu,
							 &v) >= 0);
			assert_int_equal(v, v0);
			assert_int_equal(gicits_vcpu_hppi(w->s[i].gic, cpu, &h),
					 GICITS_OK);
			assert_int_equal(h, h0);
			memset(&l, 0, sizeof(l));
			assert_int_equal(gicits_vcpu_pending_foreach(
						 w->s[i].gic, cpu, padd, &l),
					 GICITS_OK);
			assert_int_equal(l.n, l0.n);
			assert_memory_equal(l.v, l0.v, sizeof(l.v));
			for (k = 0; k < NVPE; k++)
				assert_int_equal(
					gicits_rdist_is_pending(w->s[i].gic,
								cpu, DB(k)),
					gicits_rdist_is_pending(w->s[0].gic,
								cpu, DB(k)));
		}
	}
}

/* how many MSIs were delivered: the sequences must exercise delivery */
static unsigned delivered;

static void step(struct w *w, uint64_t r)
{
	unsigned dev = (unsigned)(r >> 8) % NDEV,
		 ev = (unsigned)(r >> 12) % NEV;
	unsigned cpu = (unsigned)(r >> 20) % 4, i;
	uint16_t vpe = (uint16_t)((r >> 24) % NVPE);
	uint64_t x = r >> 32, v;
	struct gicits_cmd c;
	int d0, d;
	uint32_t id;

	switch (r % 16) {
	case 0:
		gicits_cmd_vmapp(&c, vpe, x % 4, VPT(vpe), 15, x >> 4 & 7);
		cmd_all(w, &c);
		break;
	case 1:
	case 2:
		gicits_cmd_vmapti(&c, dev, ev, vpe, 8192 + (x % 64),
				  x >> 8 & 1 ? GICITS_CMD_NO_DOORBELL :
					       DB(vpe));
		cmd_all(w, &c);
		break;
	case 3:
		gicits_cmd_vmovi(&c, dev, ev, vpe, x & 1, DB(vpe));
		cmd_all(w, &c);
		break;
	case 4:
		gicits_cmd_vmovp(&c, vpe, x % 4);
		cmd_all(w, &c);
		break;
	case 5:
		gicits_cmd_vinvall(&c, vpe);
		cmd_all(w, &c);
		break;
	case 6:
		gicits_cmd_vsync(&c, vpe);
		cmd_all(w, &c);
		break;
	case 7: {
		static const uint8_t ops[] = { GICITS_CMD_INT, GICITS_CMD_CLEAR,
					       GICITS_CMD_DISCARD,
					       GICITS_CMD_INV };

		gicits_cmd_event(&c, ops[x % 4], dev, ev);
		cmd_all(w, &c);
		break;
	}
	case 8:
		gicits_cmd_vmapi(&c, dev, ev, vpe, DB(vpe));
		/* VMAPI's vINTID is the EventID: not an LPI (an error on
		 * every system alike) */
		cmd_all(w, &c);
		break;
	case 9:
		/* residency: schedule vPE @vpe on @cpu, or deschedule */
		d0 = gicits_vcpu_resident(w->s[0].gic, cpu, &v);
		assert_true(d0 >= 0);
		v = d0 ? v : VALID | VPT(vpe);
		for (i = 0; i < NSYS; i++)
			assert_int_equal(gicits_rdist_write(
						 w->s[i].gic, cpu,
						 GICITS_GICR_VPENDBASER, 8, v),
					 GICITS_OK);
		break;
	case 10:
		for (i = 0; i < NSYS; i++) {
			assert_int_equal(gicits_vcpu_ack(w->s[i].gic, cpu, &id),
					 GICITS_OK);
			if (id != GICITS_INTID_SPURIOUS)
				assert_int_equal(
					gicits_vcpu_eoi(w->s[i].gic, cpu, id),
					GICITS_OK);
		}
		break;
	case 11:
		/* a doorbell taken (GICR_CLRLPIR) */
		for (i = 0; i < NSYS; i++)
			assert_int_equal(gicits_rdist_write(w->s[i].gic, cpu,
							    GICITS_GICR_CLRLPIR,
							    8, DB(vpe)),
					 GICITS_OK);
		break;
	default:
		d0 = gicits_its_msi(w->s[0].its, dev, ev);
		for (i = 1; i < NSYS; i++) {
			d = gicits_its_msi(w->s[i].its, dev, ev);
			assert_int_equal(d, d0);
		}
		delivered += d0 == GICITS_DROP_NONE;
		break;
	}
}

static void random_v(void **state)
{
	struct gicits_cmd c;
	uint64_t seed;
	unsigned n, dev, i;

	(void)state;
	for (seed = 1; seed <= 6; seed++) {
		struct w w;
		uint64_t r = seed * 0x9E3779B97F4A7C15ULL;

		w_init(&w);
		for (dev = 0; dev < NDEV; dev++) {
			gicits_cmd_mapd(&c, dev, 3, ITT(dev), true);
			cmd_all(&w, &c);
		}
		for (n = 0; n < 1500; n++) {
			step(&w, ts_xorshift(&r));
			same(&w);
		}
		for (i = 1; i < NSYS; i++)
			assert_memory_equal(w.s[i].ram, w.s[0].ram, RAM_SIZE);
		{
			struct gicits_its_status st;

			assert_int_equal(gicits_its_status(w.s[2].its, &st),
					 GICITS_OK);
			assert_int_equal(st.findings, 0);
		}
		w_fini(&w);
	}
	assert_true(delivered > 500);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(random_v),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
