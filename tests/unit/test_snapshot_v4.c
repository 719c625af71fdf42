/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Snapshot format version 2: GICv4.0 state (docs/snapshot.md).
 *  - roundtrip: a GICv4.0 gic and ITS in the middle of vLPI traffic
 *    (vPEs resident and not, vLPIs pending in resident sets and VPTs,
 *    doorbells pending, an acknowledged vLPI, VPMR, a vPE descheduled with
 *    PendingLast, the Dirty window open) saved and restored into fresh
 *    instances over a copy of guest RAM; then the same random operations
 *    on both (MSIs, vCPU acknowledges and EOIs, residency changes, VMOVP,
 *    VMOVI, INT, CLEAR, doorbell acknowledges, VPMR) give the same results
 *    and the same observable state after every step, the same guest memory
 *    at the end, and save -> restore -> save is byte-identical; with the
 *    index on (the vPE entries are rebuilt) and with cache=check (no
 *    finding: nothing rebuilt is stale);
 *  - hostile: every truncation (ETRUNC) and every flipped byte of such a
 *    snapshot is refused, and so are re-sealed impossible v4 values (RES0
 *    bits in VPENDBASER/VPROPBASER, a resident set without a resident vPE,
 *    vINTIDs out of order or beyond IDbits, too many active priorities,
 *    bad flags, a short virtual part, another GIC version or vmovp_list);
 *    the target is unchanged after each refusal;
 *  - version 1: a snapshot of a GICv3 system in version 1 (version 2
 *    without its new fields) still restores, to the same state; into a
 *    GICv4.0 target it is refused (EINVAL).
 */
#define _POSIX_C_SOURCE 200809L

#include "harness.h"
#include "snapshot_core.h"
#include "sys.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/bits.h"
#include "gicits/cmd.h"
#include "gicits/error.h"
#include "gicits/its.h"
#include "gicits/rdist.h"
#include "gicits/snapshot.h"
#include "gicits/vcpu.h"
#include "snapshot/snapshot_internal.h"

#define RAM 0x40000000ULL
#define RAM_SIZE 0x800000ULL
#define ITT(d) (RAM + 0x480000ULL + (uint64_t)(d)*0x10000) /* d < 4 */
#define VT (RAM + 0x5F0000ULL)
#define VPT(n) (RAM + 0x600000ULL + (uint64_t)(n)*0x10000) /* n < 8 */
#define VPROP (RAM + 0x700000ULL)
#define VALID (1ULL << 63)
#define NVPE 6
#define NEV 16
#define DB(vpe) (8300u + (vpe))
#define PHYS 8500u /* device 2's physical LPIs */

struct sv {
	struct ts_sys s;
	uint8_t *ram; /* the target's RAM copy (NULL: the source's own) */
};

static void ok_cmd(struct sv *x, const struct gicits_cmd *c)
{
	struct gicits_its_status a, b;

	assert_int_equal(gicits_its_status(x->s.its, &a), GICITS_OK);
	assert_int_equal(ts_cmd(&x->s, c), GICITS_OK);
	assert_int_equal(gicits_its_status(x->s.its, &b), GICITS_OK);
	assert_int_equal(b.errors, a.errors);
}

static void desc(struct ts_desc *d, bool v4, enum gicits_cache_mode cache)
{
	ts_desc_default(d);
	if (v4) {
		d->its.gic = GICITS_GIC_V4_0;
		d->gic.version = GICITS_GIC_V4_0;
		d->gic.vpe_dirty_reads = 2;
	}
	d->its.cache = cache;
	d->no_enable = true;
}

/* The source: vPEs 0..3 mapped to RDs 0..3, 4 and 5 to RDs 0 and 1;
 * device 1's events e -> vPE e % NVPE, vINTID 8192 + e, doorbell DB(vpe);
 * device 2's events -> physical LPIs PHYS + e on collection e % 4. */
static void source(struct sv *x, bool v4, enum gicits_cache_mode cache)
{
	struct ts_desc d;
	struct gicits_cmd c;
	unsigned k, e;

	memset(x, 0, sizeof(*x));
	desc(&d, v4, cache);
	assert_int_equal(ts_sys_create(&x->s, &d), GICITS_OK);
	if (v4)
		assert_int_equal(gicits_its_mmio_write(x->s.its,
						       GICITS_GITS_BASER(2), 8,
						       TS_VALID | VT, 0),
				 GICITS_OK);
	assert_int_equal(
		gicits_its_mmio_write(x->s.its, GICITS_GITS_CTLR, 4, 1, 0),
		GICITS_OK);
	for (k = 0; k < 4; k++) {
		gicits_cmd_mapc(&c, (uint16_t)k, k, true);
		ok_cmd(x, &c);
	}
	gicits_cmd_mapd(&c, 2, 3, ITT(2), true);
	ok_cmd(x, &c);
	for (e = 0; e < NEV; e++) {
		gicits_cmd_mapti(&c, 2, e, PHYS + e, (uint16_t)(e % 4));
		ok_cmd(x, &c);
	}
	if (!v4)
		return;
	memset(ts_host(&x->s, VPROP, 65536 - 8192), 0xA3, 65536 - 8192);
	for (k = 0; k < 4; k++) {
		assert_int_equal(gicits_rdist_write(x->s.gic, k,
						    GICITS_GICR_VPROPBASER, 8,
						    VPROP | 15),
				 GICITS_OK);
		assert_int_equal(gicits_vcpu_set_vpmr(x->s.gic, k, 0xF8),
				 GICITS_OK);
	}
	for (k = 0; k < NVPE; k++) {
		gicits_cmd_vmapp(&c, (uint16_t)k, k % 4, VPT(k), 15, true);
		ok_cmd(x, &c);
	}
	gicits_cmd_mapd(&c, 1, 3, ITT(1), true);
	ok_cmd(x, &c);
	for (e = 0; e < NEV; e++) {
		gicits_cmd_vmapti(&c, 1, e, (uint16_t)(e % NVPE), 8192 + e,
				  DB(e % NVPE));
		ok_cmd(x, &c);
	}
}

/* A fresh, unprogrammed instance of @a's configuration over a copy of
 * its RAM. */
static void target(struct sv *x, const struct sv *a)
{
	struct ts_desc d = a->s.d;

	memset(x, 0, sizeof(*x));
	x->ram = malloc(RAM_SIZE);
	assert_non_null(x->ram);
	memcpy(x->ram, a->s.ram, RAM_SIZE);
	d.ram_host = x->ram;
	d.prop_fill_len = 0;
	d.no_rdist = true;
	d.its_reset = true;
	assert_int_equal(ts_sys_create(&x->s, &d), GICITS_OK);
}

static void sv_free(struct sv *x)
{
	ts_sys_destroy(&x->s);
	free(x->ram);
}

static uint8_t *save(struct sv *x, size_t *len)
{
	return snap_save_its(x->s.gic, &x->s.its, len);
}

static int restore(struct sv *x, const uint8_t *b, size_t len)
{
	return gicits_snapshot_restore(x->s.gic, &x->s.its, 1, b, len);
}

/* Everything a guest or a VMM can observe of the redistributors (reads of
 * VPENDBASER count down the Dirty window on both alike). */
static void same(struct sv *a, struct sv *b)
{
	unsigned cpu, k;

	for (cpu = 0; cpu < 4; cpu++) {
		uint64_t va = 0, vb = 0, pa, pb;
		uint32_t ia, ib;
		struct pend_list la = { 0 }, lb = { 0 };

		assert_int_equal(gicits_vcpu_resident(a->s.gic, cpu, &va),
				 gicits_vcpu_resident(b->s.gic, cpu, &vb));
		assert_int_equal(va, vb);
		assert_int_equal(gicits_vcpu_hppi(a->s.gic, cpu, &ia),
				 GICITS_OK);
		assert_int_equal(gicits_vcpu_hppi(b->s.gic, cpu, &ib),
				 GICITS_OK);
		assert_int_equal(ia, ib);
		assert_int_equal(gicits_cpu_hppi(a->s.gic, cpu),
				 gicits_cpu_hppi(b->s.gic, cpu));
		assert_int_equal(gicits_vcpu_pending_foreach(a->s.gic, cpu,
							     pend_add, &la),
				 GICITS_OK);
		assert_int_equal(gicits_vcpu_pending_foreach(b->s.gic, cpu,
							     pend_add, &lb),
				 GICITS_OK);
		assert_int_equal(la.n, lb.n);
		assert_memory_equal(la.v, lb.v, sizeof(la.v));
		assert_int_equal(gicits_rdist_read(a->s.gic, cpu,
						   GICITS_GICR_VPENDBASER, 8,
						   &pa),
				 GICITS_OK);
		assert_int_equal(gicits_rdist_read(b->s.gic, cpu,
						   GICITS_GICR_VPENDBASER, 8,
						   &pb),
				 GICITS_OK);
		assert_int_equal(pa, pb);
		for (k = 0; k < NVPE; k++)
			assert_int_equal(
				gicits_rdist_is_pending(a->s.gic, cpu, DB(k)),
				gicits_rdist_is_pending(b->s.gic, cpu, DB(k)));
	}
}

/* The vPE that may become resident on @cpu: its own, or 4/5. */
static uint16_t vpe_for(unsigned cpu, uint64_t r)
{
	return (uint16_t)(cpu < 2 && (r & 1) ? 4 + cpu : cpu);
}

static void op(struct sv *x, uint64_t r, unsigned *vmovp_cpu)
{
	unsigned cpu = (unsigned)(r >> 8) % 4, e = (unsigned)(r >> 16) % NEV;
	struct gicits_cmd c;
	uint64_t v;
	uint32_t id;

	switch (r % 10) {
	case 0:
	case 1:
	case 2:
		(void)gicits_its_msi(x->s.its, 1, e);
		break;
	case 3:
		assert_int_equal(gicits_vcpu_ack(x->s.gic, cpu, &id),
				 GICITS_OK);
		if (id != GICITS_INTID_SPURIOUS && (r >> 24 & 1))
			assert_int_equal(gicits_vcpu_eoi(x->s.gic, cpu, id),
					 GICITS_OK);
		break;
	case 4:
		assert_int_equal(gicits_vcpu_resident(x->s.gic, cpu, &v) >= 0,
				 1);
		if (v)
			v = v & ~VALID;
		else
			v = VALID | VPT(*vmovp_cpu == cpu && (r >> 30 & 1) ?
						4 :
						vpe_for(cpu, r >> 32));
		(void)gicits_rdist_write(x->s.gic, cpu, GICITS_GICR_VPENDBASER,
					 8, v);
		break;
	case 5:
		*vmovp_cpu = cpu;
		gicits_cmd_vmovp(&c, 4, cpu);
		ok_cmd(x, &c);
		break;
	case 6:
		gicits_cmd_vmovi(&c, 1, e, (uint16_t)((r >> 32) % NVPE),
				 r >> 40 & 1, DB((r >> 32) % NVPE));
		ok_cmd(x, &c);
		break;
	case 7:
		gicits_cmd_event(
			&c, r >> 32 & 1 ? GICITS_CMD_INT : GICITS_CMD_CLEAR, 1,
			e);
		ok_cmd(x, &c);
		break;
	case 8:
		id = gicits_cpu_ack(x->s.gic, cpu);
		if (id != GICITS_INTID_SPURIOUS)
			assert_int_equal(gicits_cpu_eoi(x->s.gic, cpu, id),
					 GICITS_OK);
		break;
	default:
		assert_int_equal(
			gicits_vcpu_set_vpmr(x->s.gic, cpu, (uint8_t)(r >> 32)),
			GICITS_OK);
		break;
	}
}

static void roundtrip_mode(enum gicits_cache_mode cache, uint64_t seed)
{
	struct sv a, b, c;
	uint8_t *s1, *s2, *s3;
	size_t l1, l2, l3;
	unsigned i, ca = 0, cb = 0;
	uint64_t r = seed, rr;
	uint32_t id;

	source(&a, true, cache);
	/* mid-traffic: vPEs 0, 1, 3 resident, 2 resident and descheduled
	 * with vLPIs pending (PendingLast, VPT written back), 4 and 5 never
	 * (VPT bits and doorbells); one vLPI acknowledged on RD 1 */
	for (i = 0; i < 4; i++)
		assert_int_equal(gicits_rdist_write(a.s.gic, i,
						    GICITS_GICR_VPENDBASER, 8,
						    VALID | VPT(i)),
				 GICITS_OK);
	for (i = 0; i < NEV; i++)
		assert_int_equal(gicits_its_msi(a.s.its, 1, i), GICITS_OK);
	assert_int_equal(gicits_its_msi(a.s.its, 2, 3), GICITS_OK);
	assert_int_equal(gicits_vcpu_ack(a.s.gic, 1, &id), GICITS_OK);
	assert_int_equal(id, 8192 + 1);
	assert_int_equal(gicits_rdist_write(a.s.gic, 2, GICITS_GICR_VPENDBASER,
					    8, VPT(2)),
			 GICITS_OK);
	for (i = 0; i < 20; i++)
		op(&a, ts_xorshift(&r), &ca);
	s1 = save(&a, &l1);
	target(&b, &a);
	assert_int_equal(restore(&b, s1, l1), GICITS_OK);
	b.s.cw = a.s.cw;
	s2 = save(&b, &l2);
	assert_int_equal(l1, l2);
	assert_memory_equal(s1, s2, l1);
	cb = ca;
	same(&a, &b);
	/* the same operations on both */
	for (i = 0; i < 400; i++) {
		rr = ts_xorshift(&r);
		op(&a, rr, &ca);
		op(&b, rr, &cb);
		same(&a, &b);
	}
	assert_memory_equal(a.s.ram, b.s.ram, RAM_SIZE);
	free(s1);
	free(s2);
	s1 = save(&a, &l1);
	s2 = save(&b, &l2);
	assert_int_equal(l1, l2);
	assert_memory_equal(s1, s2, l1);
	/* save -> restore -> save of a restored instance */
	target(&c, &b);
	assert_int_equal(restore(&c, s2, l2), GICITS_OK);
	s3 = save(&c, &l3);
	assert_int_equal(l3, l2);
	assert_memory_equal(s3, s2, l2);
	if (cache == GICITS_CACHE_CHECK) {
		struct gicits_its_status st;

		assert_int_equal(gicits_its_status(b.s.its, &st), GICITS_OK);
		assert_int_equal(st.findings, 0);
	}
	free(s1);
	free(s2);
	free(s3);
	sv_free(&a);
	sv_free(&b);
	sv_free(&c);
}

static void roundtrip(void **state)
{
	(void)state;
	roundtrip_mode(GICITS_CACHE_ON, 1);
	roundtrip_mode(GICITS_CACHE_ON, 7);
	roundtrip_mode(GICITS_CACHE_CHECK, 3);
	roundtrip_mode(GICITS_CACHE_OFF, 5);
}

/* ---- hostile input ---- */

static void reseal(uint8_t *b, size_t len)
{
	le32_write(b + len - 4, snap_crc32(0, b, len - 4));
}

/* Offset of the payload of the @nth section of @type. */
static size_t section(const uint8_t *b, size_t len, uint32_t type, unsigned nth)
{
	size_t p = 32;

	while (p + 8 <= len - 4) {
		if (le32_read(b + p) == type && !nth--)
			return p + 8;
		p += 8 + le32_read(b + p + 4);
	}
	fail();
	return 0;
}

/* Offset of the virtual part of CPU section @cpu (its flags word). */
static size_t vpart(const uint8_t *b, size_t len, unsigned cpu)
{
	size_t p = section(b, len, 2, cpu);
	size_t k = p + 40 + le32_read(b + p + 36); /* npending */

	return k + 4 + 4 * (size_t)le32_read(b + k);
}

static void refused(struct sv *t, const uint8_t *ref, size_t rlen, uint8_t *c,
		    size_t len, int err)
{
	uint8_t *now;
	size_t n;

	assert_int_equal(restore(t, c, len), err);
	now = save(t, &n);
	assert_int_equal(n, rlen);
	assert_memory_equal(now, ref, n);
	free(now);
}

static void hostile(void **state)
{
	struct sv a, t;
	uint8_t *s, *c, *ref;
	size_t len, rlen, i, v, cpu1;
	uint32_t id;

	(void)state;
	source(&a, true, GICITS_CACHE_ON);
	for (i = 0; i < 2; i++)
		assert_int_equal(gicits_rdist_write(a.s.gic, (unsigned)i,
						    GICITS_GICR_VPENDBASER, 8,
						    VALID | VPT(i)),
				 GICITS_OK);
	for (i = 0; i < NEV; i++)
		assert_int_equal(gicits_its_msi(a.s.its, 1, (uint32_t)i),
				 GICITS_OK);
	assert_int_equal(gicits_vcpu_ack(a.s.gic, 1, &id), GICITS_OK);
	s = save(&a, &len);
	c = malloc(len);
	assert_non_null(c);
	target(&t, &a);
	ref = save(&t, &rlen); /* the target as it is: must stay so */

	for (i = 0; i < len; i++)
		refused(&t, ref, rlen, s, i, GICITS_ETRUNC);
	for (i = 0; i < len; i++) {
		int err;

		memcpy(c, s, len);
		c[i] ^= 0x5a;
		err = restore(&t, c, len);
		assert_true(err == GICITS_EFORMAT || err == GICITS_EVERSION ||
			    err == GICITS_ETRUNC);
	}
	refused(&t, ref, rlen, s, 0, GICITS_ETRUNC);

	cpu1 = vpart(s, len, 1);
	assert_int_equal(le32_read(s + cpu1), 1); /* flags: virtual part */
	/* VPENDBASER (cpu 1, resident) with a RES0 bit */
	memcpy(c, s, len);
	le64_write(c + cpu1 + 12, le64_read(s + cpu1 + 12) | 1ULL << 12);
	reseal(c, len);
	refused(&t, ref, rlen, c, len, GICITS_EFORMAT);
	/* VPROPBASER with a RES0 bit */
	memcpy(c, s, len);
	le64_write(c + cpu1 + 4, le64_read(s + cpu1 + 4) | 1ULL << 5);
	reseal(c, len);
	refused(&t, ref, rlen, c, len, GICITS_EFORMAT);
	/* a resident set without a resident vPE */
	memcpy(c, s, len);
	le64_write(c + cpu1 + 12, le64_read(s + cpu1 + 12) & ~VALID);
	reseal(c, len);
	refused(&t, ref, rlen, c, len, GICITS_EFORMAT);
	/* vINTIDs: the resident set of cpu 1 (vPE 1: 8193, 8199, ...) */
	v = cpu1 + 4 + 8 + 8 + 4 + 4;
	v += 4 + le32_read(s + v); /* past nactive and active[] */
	assert_true(le32_read(s + v) >= 2);
	memcpy(c, s, len);
	le32_write(c + v + 8, le32_read(s + v + 4)); /* not ascending */
	reseal(c, len);
	refused(&t, ref, rlen, c, len, GICITS_EFORMAT);
	memcpy(c, s, len);
	le32_write(c + v + 4, 100); /* not an LPI */
	reseal(c, len);
	refused(&t, ref, rlen, c, len, GICITS_EFORMAT);
	memcpy(c, s, len);
	le32_write(c + v + 8, 1u << 16); /* beyond VPROPBASER.IDbits */
	reseal(c, len);
	refused(&t, ref, rlen, c, len, GICITS_EFORMAT);
	memcpy(c, s, len);
	le32_write(c + v, 1000); /* more than the section holds */
	reseal(c, len);
	refused(&t, ref, rlen, c, len, GICITS_EFORMAT);
	/* more than 256 active priorities */
	memcpy(c, s, len);
	le32_write(c + cpu1 + 4 + 8 + 8 + 4 + 4, 300);
	reseal(c, len);
	refused(&t, ref, rlen, c, len, GICITS_EFORMAT);
	/* flags: unknown bit, and no virtual part on a GICv4.0 gic */
	memcpy(c, s, len);
	le32_write(c + cpu1, 3);
	reseal(c, len);
	refused(&t, ref, rlen, c, len, GICITS_EFORMAT);
	memcpy(c, s, len);
	le32_write(c + cpu1, 0);
	reseal(c, len);
	refused(&t, ref, rlen, c, len, GICITS_EFORMAT);
	/* a CPU section cut short inside its virtual part */
	memcpy(c, s, len);
	i = section(s, len, 2, 1);
	le32_write(c + i - 4, (uint32_t)(cpu1 + 8 - i));
	reseal(c, len);
	refused(&t, ref, rlen, c, len, GICITS_EFORMAT);
	/* the GIC version (GIC section's last word) */
	memcpy(c, s, len);
	i = section(s, len, 1, 0);
	assert_int_equal(le32_read(s + i + 32), GICITS_GIC_V4_0);
	le32_write(c + i + 32, GICITS_GIC_V3);
	reseal(c, len);
	refused(&t, ref, rlen, c, len, GICITS_EINVAL);
	le32_write(c + i + 32, 9);
	reseal(c, len);
	refused(&t, ref, rlen, c, len, GICITS_EFORMAT);
	/* the ITS's GIC version and vmovp_list (its last words but nID,
	 * format version 3) */
	i = section(s, len, 3, 0);
	i += le32_read(s + i - 4) - 4;
	memcpy(c, s, len);
	le32_write(c + i - 8, GICITS_GIC_V3);
	reseal(c, len);
	refused(&t, ref, rlen, c, len, GICITS_EINVAL);
	memcpy(c, s, len);
	le32_write(c + i - 4, 2);
	reseal(c, len);
	refused(&t, ref, rlen, c, len, GICITS_EFORMAT);
	memcpy(c, s, len);
	le32_write(c + i - 4, 1);
	reseal(c, len);
	refused(&t, ref, rlen, c, len, GICITS_EINVAL);
	/* the untouched snapshot restores */
	assert_int_equal(restore(&t, s, len), GICITS_OK);
	free(ref);
	free(c);
	free(s);
	sv_free(&a);
	sv_free(&t);
}

/* ---- version 1 ---- */

/* Version 2 of a GICv3 system without its version 2 fields: the GIC
 * section's last word, each CPU section's virtual flags, each ITS
 * section's last two words. */
static uint8_t *to_v1(const uint8_t *s, size_t len, size_t *out)
{
	uint8_t *d = malloc(len);
	size_t p = 32, q = 32;
	uint32_t n = le32_read(s + 24), k;

	assert_non_null(d);
	memcpy(d, s, 32);
	for (k = 0; k < n; k++) {
		uint32_t type = le32_read(s + p), l = le32_read(s + p + 4);
		/* version 3's fields cut as well: GIC 28, ITS 4 */
		uint32_t cut = type == 1 ? 32 : type == 2 ? 4 : 12;

		assert_true(type == 1 || type == 2 || type == 3);
		if (type == 2)
			assert_int_equal(le32_read(s + p + 8 + l - 4), 0);
		le32_write(d + q, type);
		le32_write(d + q + 4, l - cut);
		memcpy(d + q + 8, s + p + 8, l - cut);
		p += 8 + l;
		q += 8 + l - cut;
	}
	le32_write(d + 8, 1);
	le64_write(d + 16, q + 4);
	le32_write(d + q, snap_crc32(0, d, q));
	*out = q + 4;
	return d;
}

static void version1(void **state)
{
	struct sv a, b, v;
	uint8_t *s, *s1, *s2;
	size_t len, l1, l2;
	unsigned i;

	(void)state;
	source(&a, false, GICITS_CACHE_ON);
	for (i = 0; i < NEV; i += 3)
		assert_int_equal(gicits_its_msi(a.s.its, 2, i), GICITS_OK);
	s = save(&a, &len);
	s1 = to_v1(s, len, &l1);
	assert_int_equal(l1, len - 32 - 4 * 4 - 12);
	target(&b, &a);
	assert_int_equal(restore(&b, s1, l1), GICITS_OK);
	s2 = save(&b, &l2);
	assert_int_equal(l2, len);
	assert_memory_equal(s2, s, len);
	for (i = 0; i < 4; i++)
		assert_int_equal(gicits_cpu_hppi(a.s.gic, i),
				 gicits_cpu_hppi(b.s.gic, i));
	/* a version 1 snapshot holds no GICv4.0 state: a GICv4.0 target
	 * differs from it */
	source(&v, true, GICITS_CACHE_ON);
	assert_int_equal(restore(&v, s1, l1), GICITS_EINVAL);
	free(s);
	free(s1);
	free(s2);
	sv_free(&a);
	sv_free(&b);
	sv_free(&v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(roundtrip),
		cmocka_unit_test(hostile),
		cmocka_unit_test(version1),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
