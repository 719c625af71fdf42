/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * GICv4.0 through an ITS: the virtual CPU interface (<gicits/vcpu.h>: every
 * error code, VPMR's 5 bits, the running priority, vhppi_changed), vLPI
 * delivery to a vPE resident on its mapped redistributor (into the
 * redistributor's set, no doorbell, no VPT write; MSI and INT) against a
 * vPE not resident (VPT and doorbell) and one resident on another
 * redistributor (UNPREDICTABLE: VPT and doorbell, as QEMU 7.2); CLEAR,
 * DISCARD, INV, VINVALL, VMOVI and VMOVP on resident vPEs; VMAPP V = 0 of
 * a resident vPE; a VPT outside guest memory; and, under
 * TSan in the tsan preset, MSIs racing residency changes and VMOVP
 * (docs/concurrency.md R12): no vLPI lost, and a vLPI is only ever set in
 * its own vPE.
 */
#define _POSIX_C_SOURCE 200809L

#include "harness.h"
#include "sys.h"
#include "tsan_mtx.h"

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gicits/cmd.h"
#include "gicits/error.h"
#include "gicits/its.h"
#include "gicits/rdist.h"
#include "gicits/vcpu.h"
#include "rdist/rdist_internal.h" /* gic_test_setter_hook */

/* src/its (its_internal.h): the non-resident path's test hook */
extern void (*_Atomic its_test_vlpi_hook)(uint32_t vintid);

#define RAM 0x40000000ULL
#define ITT(d) (RAM + 0x480000ULL + (uint64_t)(d)*0x40000) /* d < 3 */
#define VT (RAM + 0x5F0000ULL) /* vPE table: 512 vPEs */
#define VPT(n) (RAM + 0x600000ULL + (uint64_t)(n)*0x10000) /* n < 16 */
#define VPROP (RAM + 0x700000ULL)
#define VALID (1ULL << 63)
#define PLAST (1ULL << 61)
#define NO_DB GICITS_CMD_NO_DOORBELL

struct v4 {
	struct ts_sys s;
	_Atomic unsigned notes[4];
};

static void on_vhppi(void *opaque, unsigned cpu)
{
	struct v4 *v = opaque;

	if (cpu < 4)
		atomic_fetch_add(&v->notes[cpu], 1);
}

static struct v4 *v4_new(enum gicits_lpi_cache cache)
{
	struct v4 *v = calloc(1, sizeof(*v));
	struct ts_desc d;
	unsigned k;

	assert_non_null(v);
	ts_desc_default(&d);
	d.its.gic = GICITS_GIC_V4_0;
	d.gic.version = GICITS_GIC_V4_0;
	d.gic.lpi_cache = cache;
	d.gic.vhppi_changed = on_vhppi;
	d.gic.vhppi_opaque = v;
	d.no_enable = true;
	assert_int_equal(ts_sys_create(&v->s, &d), GICITS_OK);
	assert_int_equal(gicits_its_mmio_write(v->s.its, GICITS_GITS_BASER(2),
					       8, TS_VALID | VT, 0),
			 GICITS_OK);
	assert_int_equal(
		gicits_its_mmio_write(v->s.its, GICITS_GITS_CTLR, 4, 1, 0),
		GICITS_OK);
	memset(ts_host(&v->s, VPROP, 65536 - 8192), 0xA3, 65536 - 8192);
	for (k = 0; k < 4; k++) {
		assert_int_equal(gicits_rdist_write(v->s.gic, k,
						    GICITS_GICR_VPROPBASER, 8,
						    VPROP | 15),
				 GICITS_OK);
		assert_int_equal(gicits_vcpu_set_vpmr(v->s.gic, k, 0xF8),
				 GICITS_OK);
	}
	return v;
}

static void v4_free(struct v4 *v)
{
	ts_sys_destroy(&v->s);
	free(v);
}

static void ok(struct v4 *v, const struct gicits_cmd *c)
{
	struct gicits_its_status s0, s1;

	assert_int_equal(gicits_its_status(v->s.its, &s0), GICITS_OK);
	assert_int_equal(ts_cmd(&v->s, c), GICITS_OK);
	assert_int_equal(gicits_its_status(v->s.its, &s1), GICITS_OK);
	assert_int_equal(s1.errors, s0.errors);
}

static void vmapp(struct v4 *v, uint16_t vpe, uint64_t cpu)
{
	struct gicits_cmd c;

	gicits_cmd_vmapp(&c, vpe, cpu, VPT(vpe), 15, true);
	ok(v, &c);
}

static void mapd(struct v4 *v, uint32_t dev, unsigned bits)
{
	struct gicits_cmd c;

	gicits_cmd_mapd(&c, dev, bits - 1, ITT(dev), true);
	ok(v, &c);
}

static void vmapti(struct v4 *v, uint32_t dev, uint32_t ev, uint16_t vpe,
		   uint32_t vintid, uint32_t db)
{
	struct gicits_cmd c;

	gicits_cmd_vmapti(&c, dev, ev, vpe, vintid, db);
	ok(v, &c);
}

static void cmd_event(struct v4 *v, uint8_t op, uint32_t dev, uint32_t ev)
{
	struct gicits_cmd c;

	gicits_cmd_event(&c, op, dev, ev);
	ok(v, &c);
}

static void resident(struct v4 *v, unsigned cpu, int vpe)
{
	uint64_t r = 0;

	assert_int_equal(
		gicits_rdist_read(v->s.gic, cpu, GICITS_GICR_VPENDBASER, 8, &r),
		GICITS_OK);
	if (r & VALID)
		assert_int_equal(gicits_rdist_write(v->s.gic, cpu,
						    GICITS_GICR_VPENDBASER, 8,
						    r & ~VALID),
				 GICITS_OK);
	if (vpe >= 0)
		assert_int_equal(gicits_rdist_write(v->s.gic, cpu,
						    GICITS_GICR_VPENDBASER, 8,
						    VALID | VPT(vpe)),
				 GICITS_OK);
}

static bool vbit(struct v4 *v, unsigned vpe, uint32_t vintid)
{
	uint8_t *p = ts_host(&v->s, VPT(vpe) + vintid / 8, 1);

	return *p >> (vintid % 8) & 1;
}

static bool pend(struct v4 *v, unsigned cpu, uint32_t intid)
{
	return gicits_rdist_is_pending(v->s.gic, cpu, intid) == 1;
}

static uint32_t vhppi(struct v4 *v, unsigned cpu)
{
	uint32_t id = 0;

	assert_int_equal(gicits_vcpu_hppi(v->s.gic, cpu, &id), GICITS_OK);
	return id;
}

static uint32_t vack(struct v4 *v, unsigned cpu)
{
	uint32_t id = 0;

	assert_int_equal(gicits_vcpu_ack(v->s.gic, cpu, &id), GICITS_OK);
	if (id != GICITS_INTID_SPURIOUS)
		assert_int_equal(gicits_vcpu_eoi(v->s.gic, cpu, id), GICITS_OK);
	return id;
}

static void vcfg(struct v4 *v, uint32_t id, uint8_t prio, bool en)
{
	*ts_host(&v->s, VPROP + id - 8192, 1) =
		(uint8_t)((prio & 0xFC) | 0x02 | en);
}

/* ---- the API --------------------------------------------------------- */

static int count(void *opaque, uint32_t id)
{
	(void)id;
	(*(unsigned *)opaque)++;
	return 0;
}

static int stop_at_first(void *opaque, uint32_t id)
{
	*(uint32_t *)opaque = id;
	return 42;
}

static void api_errors(void **state)
{
	struct v4 *v = v4_new(GICITS_LPI_CACHE_HPP);
	struct gicits_gic *g = v->s.gic;
	struct ts_sys s3;
	struct ts_desc d;
	uint32_t id;
	uint64_t vpt;
	uint8_t pmr;
	unsigned n = 0;

	(void)state;
	/* NULL gic or out pointer: EINVAL */
	assert_int_equal(gicits_vcpu_hppi(NULL, 0, &id), GICITS_EINVAL);
	assert_int_equal(gicits_vcpu_hppi(g, 0, NULL), GICITS_EINVAL);
	assert_int_equal(gicits_vcpu_ack(g, 0, NULL), GICITS_EINVAL);
	assert_int_equal(gicits_vcpu_eoi(NULL, 0, 8192), GICITS_EINVAL);
	assert_int_equal(gicits_vcpu_set_vpmr(NULL, 0, 0), GICITS_EINVAL);
	assert_int_equal(gicits_vcpu_get_vpmr(g, 0, NULL), GICITS_EINVAL);
	assert_int_equal(gicits_vcpu_resident(g, 0, NULL), GICITS_EINVAL);
	assert_int_equal(gicits_vcpu_pending_foreach(g, 0, NULL, NULL),
			 GICITS_EINVAL);
	/* no such CPU: ENOENT */
	assert_int_equal(gicits_vcpu_hppi(g, 4, &id), GICITS_ENOENT);
	assert_int_equal(gicits_vcpu_ack(g, 4, &id), GICITS_ENOENT);
	assert_int_equal(gicits_vcpu_eoi(g, 4, 8192), GICITS_ENOENT);
	assert_int_equal(gicits_vcpu_set_vpmr(g, 4, 0), GICITS_ENOENT);
	assert_int_equal(gicits_vcpu_get_vpmr(g, 4, &pmr), GICITS_ENOENT);
	assert_int_equal(gicits_vcpu_resident(g, 4, &vpt), GICITS_ENOENT);
	assert_int_equal(gicits_vcpu_pending_foreach(g, 4, count, &n),
			 GICITS_ENOENT);
	/* nothing resident: spurious, an empty set, EOI without an active
	 * interrupt is ESTATE */
	assert_int_equal(vhppi(v, 0), GICITS_INTID_SPURIOUS);
	assert_int_equal(vack(v, 0), GICITS_INTID_SPURIOUS);
	assert_int_equal(gicits_vcpu_eoi(g, 0, 8192), GICITS_ESTATE);
	assert_int_equal(gicits_vcpu_pending_foreach(g, 0, count, &n),
			 GICITS_OK);
	assert_int_equal(n, 0);
	assert_int_equal(gicits_vcpu_resident(g, 0, &vpt), 0);
	/* VPMR: 5 priority bits */
	assert_int_equal(gicits_vcpu_set_vpmr(g, 0, 0xFF), GICITS_OK);
	assert_int_equal(gicits_vcpu_get_vpmr(g, 0, &pmr), GICITS_OK);
	assert_int_equal(pmr, 0xF8);
	/* foreach stops at a non-zero return */
	vmapp(v, 0, 0);
	mapd(v, 1, 4);
	vmapti(v, 1, 0, 0, 8200, NO_DB);
	vmapti(v, 1, 1, 0, 8201, NO_DB);
	resident(v, 0, 0);
	assert_int_equal(gicits_its_msi(v->s.its, 1, 0), GICITS_DROP_NONE);
	assert_int_equal(gicits_its_msi(v->s.its, 1, 1), GICITS_DROP_NONE);
	id = 0;
	assert_int_equal(gicits_vcpu_pending_foreach(g, 0, stop_at_first, &id),
			 42);
	assert_int_equal(id, 8200);
	resident(v, 0, -1);
	v4_free(v);

	/* a GICv3 gic has no virtual CPU interface: ENOTSUP */
	ts_desc_default(&d);
	d.no_its = true;
	assert_int_equal(ts_sys_create(&s3, &d), GICITS_OK);
	assert_int_equal(gicits_vcpu_hppi(s3.gic, 0, &id), GICITS_ENOTSUP);
	assert_int_equal(gicits_vcpu_ack(s3.gic, 0, &id), GICITS_ENOTSUP);
	assert_int_equal(gicits_vcpu_eoi(s3.gic, 0, 0), GICITS_ENOTSUP);
	assert_int_equal(gicits_vcpu_set_vpmr(s3.gic, 0, 0), GICITS_ENOTSUP);
	assert_int_equal(gicits_vcpu_get_vpmr(s3.gic, 0, &pmr), GICITS_ENOTSUP);
	assert_int_equal(gicits_vcpu_resident(s3.gic, 0, &vpt), GICITS_ENOTSUP);
	assert_int_equal(gicits_vcpu_pending_foreach(s3.gic, 0, count, &n),
			 GICITS_ENOTSUP);
	ts_sys_destroy(&s3);
}

/* Priorities, VPMR, the running priority, vhppi_changed. */
static void priorities(void **state)
{
	struct v4 *v = v4_new(GICITS_LPI_CACHE_HPP);
	struct gicits_gic *g = v->s.gic;
	unsigned n0;
	uint32_t id;

	(void)state;
	vmapp(v, 0, 1);
	mapd(v, 1, 4);
	vmapti(v, 1, 0, 0, 8200, NO_DB);
	vmapti(v, 1, 1, 0, 8201, NO_DB);
	vmapti(v, 1, 2, 0, 8202, NO_DB);
	vcfg(v, 8200, 0x80, true);
	vcfg(v, 8201, 0x40, true);
	vcfg(v, 8202, 0xF8, true); /* never signalled with VPMR 0xF8 */
	n0 = atomic_load(&v->notes[1]);
	resident(v, 1, 0);
	assert_true(atomic_load(&v->notes[1]) > n0);
	n0 = atomic_load(&v->notes[1]);
	cmd_event(v, GICITS_CMD_INT, 1, 0);
	/* a new best vLPI tells the VMM (HPP model: when it is offered) */
	assert_true(atomic_load(&v->notes[1]) > n0);
	cmd_event(v, GICITS_CMD_INT, 1, 1);
	cmd_event(v, GICITS_CMD_INT, 1, 2);
	assert_int_equal(vhppi(v, 1), 8201);
	/* acknowledge without EOI: the running priority 0x40 masks 0x80 */
	assert_int_equal(gicits_vcpu_ack(g, 1, &id), GICITS_OK);
	assert_int_equal(id, 8201);
	assert_int_equal(vhppi(v, 1), GICITS_INTID_SPURIOUS);
	assert_int_equal(gicits_vcpu_eoi(g, 1, id), GICITS_OK);
	assert_int_equal(vhppi(v, 1), 8200);
	/* VPMR 0x80 masks priority 0x80 */
	assert_int_equal(gicits_vcpu_set_vpmr(g, 1, 0x80), GICITS_OK);
	assert_int_equal(vhppi(v, 1), GICITS_INTID_SPURIOUS);
	assert_int_equal(gicits_vcpu_set_vpmr(g, 1, 0xF8), GICITS_OK);
	assert_int_equal(vack(v, 1), 8200);
	assert_int_equal(vack(v, 1), GICITS_INTID_SPURIOUS);
	/* 0xF8 stays pending; VPMR 0xFF is 0xF8 with 5 bits */
	assert_int_equal(gicits_vcpu_set_vpmr(g, 1, 0xFF), GICITS_OK);
	assert_int_equal(vhppi(v, 1), GICITS_INTID_SPURIOUS);
	/* it counts for PendingLast (QEMU's cached best vLPI) */
	resident(v, 1, -1);
	{
		uint64_t r = 0;

		gicits_rdist_read(g, 1, GICITS_GICR_VPENDBASER, 8, &r);
		assert_true(r & PLAST);
	}
	assert_true(vbit(v, 0, 8202));
	/* the physical interface saw none of it */
	assert_int_equal(gicits_cpu_hppi(g, 1), GICITS_INTID_SPURIOUS);
	v4_free(v);
}

/* ---- delivery -------------------------------------------------------- */

static void delivery_mode(enum gicits_lpi_cache cache)
{
	struct v4 *v = v4_new(cache);
	struct gicits_cmd c;
	uint64_t vpt;

	vmapp(v, 0, 0);
	vmapp(v, 1, 1);
	mapd(v, 1, 4);
	vmapti(v, 1, 0, 0, 8200, 9000);
	vmapti(v, 1, 1, 1, 8201, 9001);
	vmapti(v, 1, 2, 0, 8202, 9000);
	/* not resident: VPT and doorbell */
	assert_int_equal(gicits_its_msi(v->s.its, 1, 0), GICITS_DROP_NONE);
	assert_true(vbit(v, 0, 8200));
	assert_true(pend(v, 0, 9000));
	assert_int_equal(gicits_cpu_ack(v->s.gic, 0), 9000);
	gicits_cpu_eoi(v->s.gic, 0, 9000);
	/* resident on its mapped redistributor: the redistributor's set, no
	 * doorbell, no VPT write (MSI, INT) */
	resident(v, 0, 0);
	assert_false(vbit(v, 0, 8200)); /* loaded */
	assert_int_equal(gicits_its_msi(v->s.its, 1, 2), GICITS_DROP_NONE);
	assert_false(vbit(v, 0, 8202));
	assert_false(pend(v, 0, 9000));
	assert_int_equal(vhppi(v, 0), 8200);
	assert_int_equal(vack(v, 0), 8200);
	assert_int_equal(vack(v, 0), 8202);
	cmd_event(v, GICITS_CMD_INT, 1, 0);
	assert_int_equal(vhppi(v, 0), 8200);
	/* CLEAR and DISCARD act on the resident set */
	cmd_event(v, GICITS_CMD_CLEAR, 1, 0);
	assert_int_equal(vhppi(v, 0), GICITS_INTID_SPURIOUS);
	gicits_its_msi(v->s.its, 1, 2);
	cmd_event(v, GICITS_CMD_DISCARD, 1, 2);
	assert_int_equal(vhppi(v, 0), GICITS_INTID_SPURIOUS);
	assert_false(vbit(v, 0, 8202));
	/* INV reloads a vLPI's configuration */
	vcfg(v, 8200, 0xA0, false);
	cmd_event(v, GICITS_CMD_INT, 1, 0);
	assert_int_equal(vhppi(v, 0), GICITS_INTID_SPURIOUS);
	vcfg(v, 8200, 0xA0, true);
	if (cache == GICITS_LPI_CACHE_HPP)
		assert_int_equal(vhppi(v, 0), GICITS_INTID_SPURIOUS);
	cmd_event(v, GICITS_CMD_INV, 1, 0);
	assert_int_equal(vhppi(v, 0), 8200);
	/* VINVALL too */
	vcfg(v, 8200, 0xA0, false);
	gicits_cmd_vinvall(&c, 0);
	ok(v, &c);
	assert_int_equal(vhppi(v, 0), GICITS_INTID_SPURIOUS);
	vcfg(v, 8200, 0xA0, true);
	ok(v, &c);
	assert_int_equal(vhppi(v, 0), 8200);
	/* vPE 1 (mapped to RD 1) resident on RD 0 (UNPREDICTABLE): the vLPI
	 * goes to its VPT, the doorbell to RD 1, RD 0 does not see it */
	resident(v, 0, 1);
	assert_true(vbit(v, 0, 8200)); /* vPE 0's written back */
	gicits_its_msi(v->s.its, 1, 1);
	assert_true(vbit(v, 1, 8201));
	assert_true(pend(v, 1, 9001));
	assert_int_equal(vhppi(v, 0), GICITS_INTID_SPURIOUS);
	/* VMOVP of vPE 1 to RD 0: now resident on its mapped RD; residency
	 * itself was not touched */
	gicits_cmd_vmovp(&c, 1, 0);
	ok(v, &c);
	assert_int_equal(gicits_vcpu_resident(v->s.gic, 0, &vpt), 1);
	assert_int_equal(vpt, VPT(1));
	gicits_its_msi(v->s.its, 1, 1); /* already in the VPT: no matter */
	cmd_event(v, GICITS_CMD_CLEAR, 1, 1); /* clears the resident set */
	assert_true(vbit(v, 1, 8201)); /* the stale VPT bit stays */
	/* reschedule: the VPT bit comes in */
	resident(v, 0, 1);
	assert_int_equal(vack(v, 0), 8201);
	/* VMOVI from the resident vPE 1 to non-resident vPE 0: the pending
	 * bit moves to vPE 0's VPT and rings the doorbell on RD 0 */
	cmd_event(v, GICITS_CMD_INT, 1, 1);
	gicits_cmd_vmovi(&c, 1, 1, 0, true, 9100);
	ok(v, &c);
	assert_int_equal(vhppi(v, 0), GICITS_INTID_SPURIOUS);
	assert_true(vbit(v, 0, 8201));
	assert_true(pend(v, 0, 9100));
	/* and back, to the resident vPE 1: into the set, no doorbell */
	gicits_cmd_vmovi(&c, 1, 1, 1, false, 0);
	ok(v, &c);
	assert_false(vbit(v, 0, 8201));
	assert_int_equal(vhppi(v, 0), 8201);
	resident(v, 0, -1);
	v4_free(v);
}

static void delivery(void **state)
{
	(void)state;
	delivery_mode(GICITS_LPI_CACHE_HPP);
	delivery_mode(GICITS_LPI_CACHE_FULL);
}

/* A vINTID beyond the resident redistributor's VPROPBASER.IDbits is
 * dropped (QEMU 7.2), not written to the VPT. */
static void vintid_beyond_idbits(void **state)
{
	struct v4 *v = v4_new(GICITS_LPI_CACHE_HPP);

	(void)state;
	vmapp(v, 0, 0);
	mapd(v, 1, 4);
	vmapti(v, 1, 0, 0, 20000, 9000);
	assert_int_equal(gicits_rdist_write(v->s.gic, 0, GICITS_GICR_VPROPBASER,
					    8, VPROP | 13),
			 GICITS_OK);
	resident(v, 0, 0);
	assert_int_equal(gicits_its_msi(v->s.its, 1, 0), GICITS_DROP_INTID_OOR);
	assert_false(vbit(v, 0, 20000));
	assert_false(pend(v, 0, 9000));
	resident(v, 0, -1);
	v4_free(v);
}

/* VMAPP V = 0 of a resident vPE leaves residency alone (QEMU 7.2): its
 * MSIs are dropped (vPE unmapped), what is pending stays deliverable, and
 * a VMAPP V = 1 with the same VPT brings delivery back. */
static void unmap_resident(void **state)
{
	struct v4 *v = v4_new(GICITS_LPI_CACHE_HPP);
	struct gicits_cmd c;
	uint64_t vpt;

	(void)state;
	vmapp(v, 0, 0);
	mapd(v, 1, 4);
	vmapti(v, 1, 0, 0, 8200, 9000);
	vmapti(v, 1, 1, 0, 8201, 9000);
	resident(v, 0, 0);
	assert_int_equal(gicits_its_msi(v->s.its, 1, 0), GICITS_DROP_NONE);
	gicits_cmd_vmapp(&c, 0, 0, 0, 0, false);
	ok(v, &c);
	assert_int_equal(gicits_vcpu_resident(v->s.gic, 0, &vpt), 1);
	assert_int_equal(gicits_its_msi(v->s.its, 1, 1),
			 GICITS_DROP_VPE_UNMAPPED);
	assert_int_equal(vack(v, 0), 8200);
	assert_int_equal(vack(v, 0), GICITS_INTID_SPURIOUS);
	vmapp(v, 0, 0);
	assert_int_equal(gicits_its_msi(v->s.its, 1, 1), GICITS_DROP_NONE);
	assert_int_equal(vack(v, 0), 8201);
	assert_false(pend(v, 0, 9000));
	resident(v, 0, -1);
	v4_free(v);
}

/* A VPT outside guest memory: scheduling and descheduling fault, are
 * traced, and change nothing else; an MSI for the vPE while it is not
 * resident is dropped (GICITS_DROP_MEMORY_FAULT). */
static unsigned nfindings;

static void count_findings(void *opaque, const struct gicits_trace_record *r)
{
	(void)opaque;
	if (r->kind == GICITS_TRACE_FINDING)
		nfindings++;
}

static void vpt_outside_ram(void **state)
{
	struct gicits_gic_config c;
	struct test_ram ram;
	struct gicits_gic *g = NULL;
	uint32_t id;

	(void)state;
	test_ram_init(&ram, RAM, 0x100000);
	gicits_gic_config_default(&c);
	c.version = GICITS_GIC_V4_0;
	c.num_cpus = 1;
	c.trace = count_findings;
	assert_int_equal(gicits_gic_create(&c, &ram.mem, &g), GICITS_OK);
	nfindings = 0;
	assert_int_equal(
		gicits_rdist_write(g, 0, GICITS_GICR_VPROPBASER, 8, RAM | 15),
		GICITS_OK);
	assert_int_equal(gicits_rdist_write(g, 0, GICITS_GICR_VPENDBASER, 8,
					    VALID | 0x7FFF0000ULL),
			 GICITS_OK);
	assert_true(nfindings >= 1);
	assert_int_equal(gicits_vcpu_hppi(g, 0, &id), GICITS_OK);
	assert_int_equal(id, GICITS_INTID_SPURIOUS);
	assert_int_equal(gicits_rdist_write(g, 0, GICITS_GICR_VPENDBASER, 8,
					    0x7FFF0000ULL),
			 GICITS_OK);
	gicits_gic_destroy(g);
	test_ram_fini(&ram);
}

/* ---- MSIs against residency changes and VMOVP (R12) ----------------- */

#define NEV 512 /* events per device */

struct inj {
	struct v4 *v;
	uint32_t dev;
	_Atomic int *stop;
};

static void *inject(void *arg)
{
	struct inj *in = arg;
	uint32_t ev;

	/* whole passes until told to stop: at least one, so that every
	 * event was injected */
	do {
		for (ev = 0; ev < NEV; ev++) {
			gicits_its_msi(in->v->s.its, in->dev, ev);
			if (!(ev % 64))
				sched_yield();
		}
	} while (!atomic_load(in->stop));
	return NULL;
}

/* vPE 0's vINTIDs are 8192 + ev (device 1), vPE 1's 8192 + NEV + ev
 * (device 2): a resident set may hold only its vPE's. */
struct iso {
	uint32_t lo, hi;
	bool bad;
};

static int check_iso(void *opaque, uint32_t id)
{
	struct iso *s = opaque;

	if (id < s->lo || id >= s->hi)
		s->bad = true;
	return 0;
}

static void race_mode(enum gicits_lpi_cache cache)
{
	struct v4 *v = v4_new(cache);
	pthread_t th[2];
	struct inj in[2];
	_Atomic int stop = 0;
	struct gicits_cmd c;
	uint32_t ev, id;
	unsigned round = 0, k;

	vmapp(v, 0, 0);
	vmapp(v, 1, 0);
	mapd(v, 1, 10);
	mapd(v, 2, 10);
	for (ev = 0; ev < NEV; ev++) {
		vmapti(v, 1, ev, 0, 8192 + ev, ev % 2 ? 9000 : NO_DB);
		vmapti(v, 2, ev, 1, 8192 + NEV + ev, ev % 2 ? 9001 : NO_DB);
	}
	for (k = 0; k < 2; k++) {
		in[k].v = v;
		in[k].dev = k + 1;
		in[k].stop = &stop;
		assert_int_equal(pthread_create(&th[k], NULL, inject, &in[k]),
				 0);
	}
	/* residency of vPEs 0 and 1 flips on RDs 0 and 1, vPE 0 moves
	 * between them, while the MSIs run */
	for (round = 0; round < 200; round++) {
		unsigned cpu = round % 2, vpe = (round / 2) % 2;
		struct iso s = { 8192 + vpe * NEV, 8192 + (vpe + 1) * NEV,
				 false };

		resident(v, cpu, (int)vpe);
		assert_int_equal(gicits_vcpu_pending_foreach(v->s.gic, cpu,
							     check_iso, &s),
				 GICITS_OK);
		assert_false(s.bad);
		if (round % 5 == 0) {
			gicits_cmd_vmovp(&c, 0, (round / 5) % 2);
			ok(v, &c);
		}
		resident(v, cpu, -1);
	}
	atomic_store(&stop, 1);
	for (k = 0; k < 2; k++)
		pthread_join(th[k], NULL);
	/* quiesce: VSYNC both, nothing resident; every vLPI is in its own
	 * VPT exactly (none lost, none in the other vPE's) */
	gicits_cmd_vsync(&c, 0);
	ok(v, &c);
	for (ev = 0; ev < NEV; ev++) {
		assert_true(vbit(v, 0, 8192 + ev));
		assert_false(vbit(v, 0, 8192 + NEV + ev));
		assert_true(vbit(v, 1, 8192 + NEV + ev));
		assert_false(vbit(v, 1, 8192 + ev));
	}
	/* and a final residency takes them all */
	resident(v, 2, 0);
	for (ev = 0; ev < NEV; ev++) {
		id = vack(v, 2);
		assert_int_equal(id, 8192 + ev);
	}
	assert_int_equal(vack(v, 2), GICITS_INTID_SPURIOUS);
	resident(v, 2, -1);
	v4_free(v);
}

static void msis_race_residency(void **state)
{
	(void)state;
	race_mode(GICITS_LPI_CACHE_HPP);
	race_mode(GICITS_LPI_CACHE_FULL);
}

/* ---- the drains of R12, each made to matter -------------------------- */

/* A setter parked by a test hook until released (one at a time). */
static _Atomic int park_armed, parked, park_release;
static _Atomic uint32_t park_id;

static void park(uint32_t id)
{
	int one = 1;

	if (id != atomic_load(&park_id) ||
	    !atomic_compare_exchange_strong(&park_armed, &one, 0))
		return;
	atomic_store(&parked, 1);
	while (!atomic_load(&park_release))
		sched_yield();
}

static void its_hook(uint32_t vintid)
{
	park(vintid);
}

static void setter_hook(unsigned cpu, uint32_t intid)
{
	(void)cpu;
	park(intid);
}

struct bg {
	struct v4 *v;
	uint32_t dev, ev;
	unsigned cpu;
	int vpe;
	_Atomic int done;
};

static void *bg_msi(void *arg)
{
	struct bg *b = arg;

	gicits_its_msi(b->v->s.its, b->dev, b->ev);
	atomic_store(&b->done, 1);
	return NULL;
}

static void *bg_resident(void *arg)
{
	struct bg *b = arg;

	resident(b->v, b->cpu, b->vpe);
	atomic_store(&b->done, 1);
	return NULL;
}

static void wait_flag(_Atomic int *f)
{
	while (!atomic_load(f))
		sched_yield();
}

/* Whether @f is still 0 after 100 ms: a missing drain shows as 1. */
static bool still_waiting(_Atomic int *f)
{
	struct timespec ts = { 0, 100 * 1000 * 1000 };

	nanosleep(&ts, NULL);
	return !atomic_load(f);
}

/*
 * Valid 0 -> 1: an MSI that found the vPE not resident and has not written
 * the VPT yet holds the scheduling back until its bit is in the VPT, so the
 * VPT load takes it (without the drain the vLPI stays in the VPT, unseen by
 * the resident vPE).  Valid 1 -> 0: an MSI that found the vPE resident and
 * has not set its bit yet holds the descheduling back, so the write-back
 * takes it (without the drain the bit lands in the redistributor's set
 * after it was written back and cleared: lost to the vPE, and seen by the
 * next vPE scheduled there).
 */
static void drains_of_residency(void **state)
{
	struct v4 *v = v4_new(GICITS_LPI_CACHE_HPP);
	struct bg m = { v, 1, 0, 0, 0, 0 }, r = { v, 0, 0, 0, 0, 0 };
	pthread_t tm, tr;

	(void)state;
	vmapp(v, 0, 0);
	vmapp(v, 1, 0);
	mapd(v, 1, 4);
	vmapti(v, 1, 0, 0, 8200, NO_DB);
	vmapti(v, 1, 1, 0, 8201, NO_DB);

	/* scheduling */
	atomic_store(&park_id, 8200);
	atomic_store(&park_release, 0);
	atomic_store(&parked, 0);
	atomic_store(&park_armed, 1);
	atomic_store(&its_test_vlpi_hook, its_hook);
	assert_int_equal(pthread_create(&tm, NULL, bg_msi, &m), 0);
	wait_flag(&parked);
	r.cpu = 0;
	r.vpe = 0;
	assert_int_equal(pthread_create(&tr, NULL, bg_resident, &r), 0);
	assert_true(still_waiting(&r.done));
	atomic_store(&park_release, 1);
	pthread_join(tm, NULL);
	pthread_join(tr, NULL);
	atomic_store(&its_test_vlpi_hook, NULL);
	assert_int_equal(vack(v, 0), 8200);

	/* descheduling */
	m.ev = 1;
	m.done = 0;
	r.done = 0;
	atomic_store(&park_id, 8201);
	atomic_store(&park_release, 0);
	atomic_store(&parked, 0);
	atomic_store(&park_armed, 1);
	atomic_store(&gic_test_setter_hook, setter_hook);
	assert_int_equal(pthread_create(&tm, NULL, bg_msi, &m), 0);
	wait_flag(&parked);
	r.vpe = -1;
	assert_int_equal(pthread_create(&tr, NULL, bg_resident, &r), 0);
	assert_true(still_waiting(&r.done));
	atomic_store(&park_release, 1);
	pthread_join(tm, NULL);
	pthread_join(tr, NULL);
	atomic_store(&gic_test_setter_hook, NULL);
	assert_true(vbit(v, 0, 8201));
	/* the next vPE on that redistributor sees none of it */
	resident(v, 0, 1);
	assert_int_equal(vack(v, 0), GICITS_INTID_SPURIOUS);
	resident(v, 0, 0);
	assert_int_equal(vack(v, 0), 8201);
	resident(v, 0, -1);
	v4_free(v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(api_errors),
		cmocka_unit_test(priorities),
		cmocka_unit_test(delivery),
		cmocka_unit_test(vintid_beyond_idbits),
		cmocka_unit_test(unmap_resident),
		cmocka_unit_test(vpt_outside_ram),
		cmocka_unit_test(msis_race_residency),
		cmocka_unit_test(drains_of_residency),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
