/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Snapshot format version 3: GICv4.1 state (docs/snapshot.md).
 *  - roundtrip: a GICv4.1 gic and ITS (v41_fixture.h) with vPEs resident
 *    and not, vLPIs pending in resident sets and VPTs, default doorbells
 *    armed, rung and pending, vSGIs configured and pending on resident and
 *    non-resident vPEs, an acknowledged vLPI, the Dirty and VSGIPENDR.Busy
 *    windows open; saved, restored into fresh instances over a copy of
 *    guest RAM, then the same random operations on both (MSIs, VSGI,
 *    GITS_SGIR, INVDB, VMOVP with default doorbells, schedules and
 *    deschedules with Doorbell/PendingLast/VGrpNEn, GICR_VSGIR queries,
 *    GICR_INVLPIR/INVALLR with V = 1, VCONF edits, vCPU and CPU
 *    acknowledges, doorbell clears, VPMR) give the same results and the
 *    same observable state after every step (resident vPEID, VHPPI with
 *    vSGIs, HPPI, resident set, VPENDBASER and VSGIPENDR reads, doorbells
 *    pending), the same RAM at the end; save -> restore -> save is
 *    byte-identical;
 *  - hostile: every truncation (ETRUNC) and every flipped byte is
 *    refused; so are re-sealed impossible 4.1 values (a vPE record with a
 *    vPEID beyond vpeid_bits, records out of order, a default doorbell
 *    that is no LPI, a record on no redistributor, state of an unmapped
 *    vPE, a record resident where no side holds it, a residency key
 *    without a resident vPE, RES0 bits in the 4.1 VPROPBASER, a resident
 *    vPEID beyond vpeid_bits, a bad version, a 4.1 gic in a version 2
 *    snapshot) with EFORMAT/EVERSION and the rule on the trace, and other
 *    knobs (vpeid_bits, a v41 policy, nID) with EINVAL; the target is
 *    unchanged after each refusal (its own save is byte-identical).
 */
#define _POSIX_C_SOURCE 200809L

#include "snapshot_core.h"
#include "v41_fixture.h"

#include "common/bits.h"
#include "gicits/snapshot.h"
#include "snapshot/snapshot_internal.h"

#define RAM_SIZE 0x800000ULL
#define NVPE 6
#define NEV 24
#define DBV(k) (LPI(100) + (k)) /* vPE k's default doorbell */

struct sv {
	struct ts_sys s;
	uint8_t *ram; /* the target's RAM copy (NULL: the source's own) */
	struct v41 *v; /* the source's fixture */
	unsigned refusals; /* GICITS_TRACE_REG records of rule "snapshot" */
	char why[160];
};

static void sv_trace(void *opaque, const struct gicits_trace_record *r)
{
	struct sv *x = opaque;

	if (r->kind == GICITS_TRACE_REG && r->rule &&
	    !strcmp(r->rule, "snapshot")) {
		x->refusals++;
		strncpy(x->why, r->message, sizeof(x->why) - 1);
	}
}

static void cmd_ok(struct ts_sys *s, const struct gicits_cmd *c)
{
	struct gicits_its_status a, b;

	assert_int_equal(gicits_its_status(s->its, &a), GICITS_OK);
	assert_int_equal(ts_cmd(s, c), GICITS_OK);
	assert_int_equal(gicits_its_status(s->its, &b), GICITS_OK);
	assert_int_equal(b.errors, a.errors);
}

/* The source: vPE k (k < NVPE) mapped to RD k % 4 with default doorbell
 * DBV(k) (vPE 5: none), VPT(k), the shared VCONF; device 1's event e ->
 * vPE e % NVPE, vINTID LPI(e), no individual doorbell. */
static void source(struct sv *x, bool nid)
{
	struct ts_desc d;
	unsigned k, e;

	memset(x, 0, sizeof(*x));
	v41_desc(&d);
	d.gic.vpe_dirty_reads = 2;
	d.gic.vpeid_bits = 10;
	d.gic.v41_resident_change = GICITS_V41_READBACK;
	d.its.nid = nid;
	x->v = v41_new_with(&d);
	for (k = 0; k < NVPE; k++)
		vmapp(x->v, (uint16_t)k, k % 4, k == 5 ? NO_DB : DBV(k), true,
		      k == 4);
	for (e = 0; e < NEV; e++)
		vmapti(x->v, e, (uint16_t)(e % NVPE), LPI(e), NO_DB);
}

static struct ts_sys *S(struct sv *x)
{
	return x->v ? &x->v->s : &x->s;
}

/* A fresh, unprogrammed instance of @a's configuration over a copy of its
 * RAM, tracing to itself. */
static void target(struct sv *x, struct sv *a)
{
	struct ts_desc d = S(a)->d;

	memset(x, 0, sizeof(*x));
	x->ram = malloc(RAM_SIZE);
	assert_non_null(x->ram);
	memcpy(x->ram, S(a)->ram, RAM_SIZE);
	d.ram_host = x->ram;
	d.prop_fill_len = 0;
	d.no_rdist = true;
	d.its_reset = true;
	d.gic.trace = sv_trace;
	d.gic.trace_opaque = x;
	d.its.trace = sv_trace;
	d.its.trace_opaque = x;
	assert_int_equal(ts_sys_create(&x->s, &d), GICITS_OK);
}

static void sv_free(struct sv *x)
{
	if (x->v) {
		v41_free(x->v);
	} else {
		ts_sys_destroy(&x->s);
		free(x->ram);
	}
}

static uint8_t *save(struct sv *x, size_t *len)
{
	return snap_save_its(S(x)->gic, &S(x)->its, len);
}

static int restore(struct sv *x, const uint8_t *b, size_t len)
{
	struct ts_sys *s = S(x);

	return gicits_snapshot_restore(s->gic, &s->its, 1, b, len);
}

static uint64_t rd(struct ts_sys *s, unsigned cpu, uint32_t off)
{
	uint64_t v = 0;

	/* GICR_VSGIPENDR is 32 bits (§5.3) */
	assert_int_equal(gicits_rdist_read(s->gic, cpu, off,
					   off == GICITS_GICR_VSGIPENDR ? 4 : 8,
					   &v),
			 GICITS_OK);
	return v;
}

/* Everything a guest or a VMM observes of the redistributors (the reads
 * of VPENDBASER and VSGIPENDR count their windows down on both alike). */
static void same(struct sv *a, struct sv *b)
{
	struct ts_sys *sa = S(a), *sb = S(b);
	uint64_t da = 0, db = 0;
	unsigned cpu, k;

	assert_int_equal(gicits_gicd_read(sa->gic, GICITS_GICD_CTLR, 4, &da),
			 GICITS_OK);
	assert_int_equal(gicits_gicd_read(sb->gic, GICITS_GICD_CTLR, 4, &db),
			 GICITS_OK);
	assert_int_equal(da, db);

	for (cpu = 0; cpu < 4; cpu++) {
		uint32_t ia = 0, ib = 0;
		struct pend_list la = { 0 }, lb = { 0 };

		assert_int_equal(gicits_vcpu_resident_vpeid(sa->gic, cpu, &ia),
				 gicits_vcpu_resident_vpeid(sb->gic, cpu, &ib));
		assert_int_equal(ia, ib);
		assert_int_equal(gicits_vcpu_hppi(sa->gic, cpu, &ia),
				 GICITS_OK);
		assert_int_equal(gicits_vcpu_hppi(sb->gic, cpu, &ib),
				 GICITS_OK);
		assert_int_equal(ia, ib);
		assert_int_equal(gicits_cpu_hppi(sa->gic, cpu),
				 gicits_cpu_hppi(sb->gic, cpu));
		assert_int_equal(gicits_vcpu_pending_foreach(sa->gic, cpu,
							     pend_add, &la),
				 GICITS_OK);
		assert_int_equal(gicits_vcpu_pending_foreach(sb->gic, cpu,
							     pend_add, &lb),
				 GICITS_OK);
		assert_int_equal(la.n, lb.n);
		assert_memory_equal(la.v, lb.v, sizeof(la.v));
		assert_int_equal(rd(sa, cpu, GICITS_GICR_VPENDBASER),
				 rd(sb, cpu, GICITS_GICR_VPENDBASER));
		assert_int_equal(rd(sa, cpu, GICITS_GICR_VPROPBASER),
				 rd(sb, cpu, GICITS_GICR_VPROPBASER));
		assert_int_equal(rd(sa, cpu, GICITS_GICR_VSGIPENDR),
				 rd(sb, cpu, GICITS_GICR_VSGIPENDR));
		for (k = 0; k < NVPE; k++)
			assert_int_equal(
				gicits_rdist_is_pending(sa->gic, cpu, DBV(k)),
				gicits_rdist_is_pending(sb->gic, cpu, DBV(k)));
	}
}

static void vpend_write(struct ts_sys *s, unsigned cpu, uint64_t v)
{
	assert_int_equal(
		gicits_rdist_write(s->gic, cpu, GICITS_GICR_VPENDBASER, 8, v),
		GICITS_OK);
}

/* One random operation @r on @s; the RD picked by bits [15:8]. */
static void op(struct ts_sys *s, uint64_t r)
{
	unsigned cpu = (unsigned)(r >> 8) % 4, e = (unsigned)(r >> 16) % NEV;
	uint16_t vpe = (uint16_t)((r >> 24) % NVPE);
	unsigned sgi = (unsigned)(r >> 32) % 16;
	struct gicits_cmd c;
	uint64_t v;
	uint32_t id;

	switch (r % 16) {
	case 0:
	case 1:
	case 2:
		(void)gicits_its_msi(s->its, 1, e);
		break;
	case 3:
		assert_int_equal(gicits_vcpu_ack(s->gic, cpu, &id), GICITS_OK);
		if (id != GICITS_INTID_SPURIOUS && (r >> 40 & 1))
			assert_int_equal(gicits_vcpu_eoi(s->gic, cpu, id),
					 GICITS_OK);
		break;
	case 4:
	case 5:
		/* §7.1/§7.2: schedule @vpe, or deschedule what is there
		 * with Doorbell / PendingLast / VGrpNEn from @r */
		v = rd(s, cpu, GICITS_GICR_VPENDBASER);
		if (v & VP_VALID)
			v = (v & (VP_G0 | VP_G1 | 0xffffULL)) |
			    (r >> 41 & 1 ? VP_DB : 0) |
			    (r >> 42 & 1 ? VP_PL : 0);
		else
			v = VP_VALID | VP_PL | (r >> 43 & 1 ? VP_G1 : 0) |
			    (r >> 44 & 1 ? VP_G0 : 0) | vpe;
		vpend_write(s, cpu, v);
		break;
	case 6:
		gicits_cmd_vsgi(&c, vpe, sgi, r >> 45 & 1, r >> 46 & 1,
				r >> 47 & 1, (uint8_t)(r >> 48));
		cmd_ok(s, &c);
		break;
	case 7:
		assert_int_equal(
			gicits_its_mmio_write(s->its, GICITS_GITS_SGIR, 8,
					      (uint64_t)vpe << 32 | sgi, 0),
			GICITS_OK);
		break;
	case 8:
		gicits_cmd_vpe(&c, GICITS_CMD_INVDB, vpe);
		cmd_ok(s, &c);
		break;
	case 9:
		gicits_cmd_vmovp41(&c, vpe, cpu, r >> 45 & 1,
				   r >> 46 & 1 ? NO_DB : DBV(vpe));
		cmd_ok(s, &c);
		break;
	case 10:
		/* §5.3: a query, read on the next steps by same() */
		assert_int_equal(gicits_rdist_write(s->gic, cpu,
						    GICITS_GICR_VSGIR, 4, vpe),
				 GICITS_OK);
		break;
	case 11:
		/* §5.4: GICR_INVLPIR / GICR_INVALLR with V = 1 */
		if (r >> 45 & 1)
			assert_int_equal(
				gicits_rdist_write(
					s->gic, cpu, GICITS_GICR_INVALLR, 8,
					1ULL << 63 | (uint64_t)vpe << 32),
				GICITS_OK);
		else
			assert_int_equal(
				gicits_rdist_write(
					s->gic, cpu, GICITS_GICR_INVLPIR, 8,
					1ULL << 63 | (uint64_t)vpe << 32 |
						LPI(e)),
				GICITS_OK);
		break;
	case 12:
		/* VCONF: disable or enable a vLPI (seen at the next INV) */
		*ts_host(s, VCONF + LPI(e) - GICITS_LPI_BASE, 1) =
			r >> 45 & 1 ? 0xA2 : (uint8_t)(0x13 | (r >> 46 & 0xE0));
		break;
	case 13:
		id = gicits_cpu_ack(s->gic, cpu);
		if (id != GICITS_INTID_SPURIOUS)
			assert_int_equal(gicits_cpu_eoi(s->gic, cpu, id),
					 GICITS_OK);
		break;
	case 14:
		assert_int_equal(gicits_rdist_write(s->gic, cpu,
						    GICITS_GICR_CLRLPIR, 8,
						    DBV(vpe)),
				 GICITS_OK);
		break;
	default:
		assert_int_equal(
			gicits_vcpu_set_vpmr(s->gic, cpu, (uint8_t)(r >> 32)),
			GICITS_OK);
		break;
	}
}

/* The mid-traffic state both tests save. */
static void busy(struct sv *a, uint64_t seed, unsigned nops)
{
	struct v41 *v = a->v;
	uint64_t r = seed;
	unsigned i;

	/* vPE 0 resident on RD 0 and vPE 1 on RD 1 (Group 1 on); vPE 2
	 * descheduled from RD 2 with Doorbell = 1 (armed); vPE 3 resident on
	 * RD 3 with VGrp1En 0; vPEs 4 (PTZ) and 5 never scheduled (4 armed
	 * by VMAPP Alloc) */
	for (i = 0; i < 4; i++)
		vpmr(v, i, 0xff);
	/* the distributor: Group 1 enabled (GICD_CTLR, v3) */
	assert_int_equal(gicits_gicd_write(v->s.gic, GICITS_GICD_CTLR, 4,
					   GICITS_GICD_CTLR_ENABLE_GRP1),
			 GICITS_OK);
	sched(v, 0, 0, true);
	sched(v, 1, 1, true);
	sched(v, 2, 2, true);
	(void)vpend_r(v, 2);
	(void)vpend_r(v, 2);
	assert_false(desched(v, 2, true, false));
	(void)vpend_r(v, 2); /* the deschedule's Dirty window closed */
	sched(v, 3, 3, false);
	/* vSGIs: configured on vPEs 0, 2 and 5, pending on 0 (resident), 2
	 * (armed: its doorbell rings) and 5 (no doorbell) */
	vsgi(v, 0, 3, false, true, true, 0x40);
	vsgi(v, 0, 7, false, true, true, 0x20);
	vsgi(v, 2, 1, false, true, true, 0x60);
	vsgi(v, 5, 9, false, true, false, 0x10);
	sgir(v, 0, 3);
	sgir(v, 0, 7);
	sgir(v, 2, 1);
	sgir(v, 5, 9);
	sgir(v, 5, 2);
	assert_true(pend(v, 2, DBV(2)));
	/* vLPIs everywhere: resident sets of RDs 0, 1, 3, VPTs of 2, 4, 5;
	 * vPE 4's default doorbell rings (armed by VMAPP) */
	for (i = 0; i < NEV; i++)
		msi(v, i);
	assert_true(pend(v, 0, DBV(4)));
	/* an acknowledged vSGI (priority 0x20) on RD 0 */
	assert_int_equal(vack(v, 0), 7);
	vpmr(v, 1, 0xF0);
	/* the Dirty window of a schedule (vPE 5 on RD 2), and a VSGIR
	 * query, in progress */
	sched(v, 2, 5, true);
	assert_int_equal(
		gicits_rdist_write(v->s.gic, 3, GICITS_GICR_VSGIR, 4, 5),
		GICITS_OK);
	for (i = 0; i < nops; i++)
		op(&v->s, ts_xorshift(&r));
}

static void roundtrip_one(uint64_t seed, bool nid)
{
	struct sv a, b, c;
	uint8_t *s1, *s2, *s3;
	size_t l1, l2, l3;
	uint64_t r = seed, rr;
	unsigned i;

	source(&a, nid);
	busy(&a, seed, 10);
	s1 = save(&a, &l1);
	target(&b, &a);
	assert_int_equal(restore(&b, s1, l1), GICITS_OK);
	assert_int_equal(b.refusals, 0);
	b.s.cw = a.v->s.cw;
	s2 = save(&b, &l2);
	assert_int_equal(l1, l2);
	assert_memory_equal(s1, s2, l1);
	same(&a, &b);
	for (i = 0; i < 500; i++) {
		rr = ts_xorshift(&r);
		op(&a.v->s, rr);
		op(&b.s, rr);
		same(&a, &b);
	}
	assert_memory_equal(a.v->s.ram, b.s.ram, RAM_SIZE);
	free(s1);
	free(s2);
	s1 = save(&a, &l1);
	s2 = save(&b, &l2);
	assert_int_equal(l1, l2);
	assert_memory_equal(s1, s2, l1);
	target(&c, &b);
	assert_int_equal(restore(&c, s2, l2), GICITS_OK);
	s3 = save(&c, &l3);
	assert_int_equal(l3, l2);
	assert_memory_equal(s3, s2, l2);
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
	roundtrip_one(1, false);
	roundtrip_one(11, false);
	roundtrip_one(5, true);
}

/* Specific behaviour carried across: a default doorbell armed at save
 * rings exactly once after restore; vSGIs pending on a non-resident vPE
 * are seen when it is scheduled; a VSGIR query reads the same. */
static void carried(void **state)
{
	struct sv a, b;
	uint8_t *s;
	size_t len;
	uint64_t x = 0;

	(void)state;
	source(&a, false);
	/* vPE 1 armed on RD 1 (descheduled with Doorbell = 1) */
	sched(a.v, 1, 1, true);
	(void)vpend_r(a.v, 1); /* the schedule's Dirty window (2 reads) */
	(void)vpend_r(a.v, 1);
	assert_false(desched(a.v, 1, true, false));
	vsgi(a.v, 5, 4, false, true, true, 0x30);
	sgir(a.v, 5, 4);
	s = save(&a, &len);
	target(&b, &a);
	assert_int_equal(restore(&b, s, len), GICITS_OK);
	/* event 1 -> vPE 1: the VPT bit, and the doorbell, once */
	assert_false(gicits_rdist_is_pending(b.s.gic, 1, DBV(1)) == 1);
	assert_int_equal(gicits_its_msi(b.s.its, 1, 1), GICITS_OK);
	assert_true(gicits_rdist_is_pending(b.s.gic, 1, DBV(1)) == 1);
	assert_int_equal(
		gicits_rdist_write(b.s.gic, 1, GICITS_GICR_CLRLPIR, 8, DBV(1)),
		GICITS_OK);
	assert_int_equal(gicits_its_msi(b.s.its, 1, 7), GICITS_OK);
	assert_false(gicits_rdist_is_pending(b.s.gic, 1, DBV(1)) == 1);
	/* vPE 5's vSGI 4: pending on the query, offered when scheduled */
	assert_int_equal(
		gicits_rdist_write(b.s.gic, 0, GICITS_GICR_VSGIR, 4, 5),
		GICITS_OK);
	do
		assert_int_equal(gicits_rdist_read(b.s.gic, 0,
						   GICITS_GICR_VSGIPENDR, 4,
						   &x),
				 GICITS_OK);
	while (x >> 31);
	assert_int_equal(x, 1u << 4);
	vpend_write(&b.s, 0, VP_VALID | VP_PL | VP_G1 | 5);
	assert_int_equal(gicits_vcpu_set_vpmr(b.s.gic, 0, 0xff), GICITS_OK);
	{
		uint32_t id = 0;

		assert_int_equal(gicits_vcpu_ack(b.s.gic, 0, &id), GICITS_OK);
		assert_int_equal(id, 4);
	}
	free(s);
	sv_free(&a);
	sv_free(&b);
}

/* ---- hostile input ---- */

static void reseal(uint8_t *b, size_t len)
{
	le32_write(b + len - 4, snap_crc32(0, b, len - 4));
}

/* Offset of the payload of the @nth section of @type, and its length. */
static size_t section(const uint8_t *b, size_t len, uint32_t type, unsigned nth,
		      size_t *plen)
{
	size_t p = 32;

	while (p + 8 <= len - 4) {
		if (le32_read(b + p) == type && !nth--) {
			*plen = le32_read(b + p + 4);
			return p + 8;
		}
		p += 8 + le32_read(b + p + 4);
	}
	fail();
	return 0;
}

/* Restore of @c must give @err and leave @t as @ref says; EFORMAT and
 * EVERSION from the 4.1 rules name one on the trace. */
static void refused(struct sv *t, const uint8_t *ref, size_t rlen,
		    const uint8_t *c, size_t len, int err, bool traced)
{
	unsigned n0 = t->refusals;
	uint8_t *now;
	size_t n;

	assert_int_equal(restore(t, c, len), err);
	if (traced) {
		assert_int_equal(t->refusals, n0 + 1);
		assert_true(strlen(t->why) > 10);
	}
	now = save(t, &n);
	assert_int_equal(n, rlen);
	assert_memory_equal(now, ref, n);
	free(now);
}

#define GIC_V41 36 /* the GIC section's v3 fields */
#define REC0 (GIC_V41 + 28) /* first vPE record */
#define REC 56

static void hostile(void **state)
{
	struct sv a, t;
	uint8_t *s, *c, *ref;
	size_t len, rlen, i, g, glen, cp, clen, it, itlen, nrec;

	(void)state;
	source(&a, false);
	busy(&a, 3, 0);
	s = save(&a, &len);
	c = malloc(len);
	assert_non_null(c);
	target(&t, &a);
	/* the target in a state of its own, which must survive */
	assert_int_equal(restore(&t, s, len), GICITS_OK);
	assert_int_equal(gicits_its_msi(t.s.its, 1, 2), GICITS_OK);
	ref = save(&t, &rlen);

	for (i = 0; i < len; i++)
		refused(&t, ref, rlen, s, i, GICITS_ETRUNC, false);
	for (i = 0; i < len; i++) {
		int err;

		memcpy(c, s, len);
		c[i] ^= 0x5a;
		err = restore(&t, c, len);
		assert_true(err == GICITS_EFORMAT || err == GICITS_EVERSION ||
			    err == GICITS_ETRUNC);
	}
	refused(&t, ref, rlen, s, 0, GICITS_ETRUNC, false);

	/* version: 4 unknown; 2 with a GICv4.1 gic */
	memcpy(c, s, len);
	le32_write(c + 8, 4);
	reseal(c, len);
	refused(&t, ref, rlen, c, len, GICITS_EVERSION, false);
	memcpy(c, s, len);
	le32_write(c + 8, 2);
	reseal(c, len);
	refused(&t, ref, rlen, c, len, GICITS_EFORMAT, true);

	g = section(s, len, 1, 0, &glen);
	assert_int_equal(le32_read(s + g + 32), GICITS_GIC_V4_1);
	assert_int_equal(le32_read(s + g + GIC_V41), 10); /* vpeid_bits */
	nrec = le32_read(s + g + GIC_V41 + 24);
	assert_true(nrec >= NVPE);
	assert_int_equal(glen, REC0 + nrec * REC);
	/* out-of-range vPEID: the last record's, 2^vpeid_bits */
	memcpy(c, s, len);
	le32_write(c + g + REC0 + (nrec - 1) * REC, 1u << 10);
	reseal(c, len);
	refused(&t, ref, rlen, c, len, GICITS_EFORMAT, true);
	/* records out of order (the second's vPEID is the first's) */
	memcpy(c, s, len);
	le32_write(c + g + REC0 + REC, le32_read(s + g + REC0));
	reseal(c, len);
	refused(&t, ref, rlen, c, len, GICITS_EFORMAT, true);
	/* a default doorbell that is no LPI (record 0: vPE 0, mapped) */
	assert_int_equal(le32_read(s + g + REC0), 0);
	memcpy(c, s, len);
	le32_write(c + g + REC0 + 20, 5);
	reseal(c, len);
	refused(&t, ref, rlen, c, len, GICITS_EFORMAT, true);
	/* mapped to no redistributor; resident on none */
	memcpy(c, s, len);
	le32_write(c + g + REC0 + 24, 4);
	reseal(c, len);
	refused(&t, ref, rlen, c, len, GICITS_EFORMAT, true);
	memcpy(c, s, len);
	le32_write(c + g + REC0 + 28, 5);
	reseal(c, len);
	refused(&t, ref, rlen, c, len, GICITS_EFORMAT, true);
	/* resident on RD 2, which holds vPE 5 (record 0 is vPE 0) */
	memcpy(c, s, len);
	le32_write(c + g + REC0 + 28, 3);
	reseal(c, len);
	refused(&t, ref, rlen, c, len, GICITS_EFORMAT, true);
	/* unknown flag bits; unmapped with a doorbell; VPT_size 32 */
	memcpy(c, s, len);
	le32_write(c + g + REC0 + 32,
		   le32_read(s + g + REC0 + 32) | 0x80u << 8);
	reseal(c, len);
	refused(&t, ref, rlen, c, len, GICITS_EFORMAT, true);
	memcpy(c, s, len);
	le32_write(c + g + REC0 + 32,
		   le32_read(s + g + REC0 + 32) & ~(1u << 8));
	reseal(c, len);
	refused(&t, ref, rlen, c, len, GICITS_EFORMAT, true);
	memcpy(c, s, len);
	le32_write(c + g + REC0 + 32,
		   (le32_read(s + g + REC0 + 32) & ~0xffu) | 32);
	reseal(c, len);
	refused(&t, ref, rlen, c, len, GICITS_EFORMAT, true);
	/* a vSGI configuration byte with bits VSGI cannot set */
	memcpy(c, s, len);
	c[g + REC0 + 40] |= 0x04;
	reseal(c, len);
	refused(&t, ref, rlen, c, len, GICITS_EFORMAT, true);
	/* more records than vPEIDs */
	memcpy(c, s, len);
	le32_write(c + g + GIC_V41 + 24, 2000);
	reseal(c, len);
	refused(&t, ref, rlen, c, len, GICITS_EFORMAT, true);
	/* GICD_CTLR: a bit no distributor holds (RES0) */
	assert_int_equal(le32_read(s + g + GIC_V41 + 20),
			 GICITS_GICD_CTLR_ENABLE_GRP1);
	memcpy(c, s, len);
	le32_write(c + g + GIC_V41 + 20, 1u << 20);
	reseal(c, len);
	refused(&t, ref, rlen, c, len, GICITS_EFORMAT, true);
	/* knobs: vpeid_bits and a policy differ (EINVAL), out of range */
	memcpy(c, s, len);
	le32_write(c + g + GIC_V41, 12);
	reseal(c, len);
	refused(&t, ref, rlen, c, len, GICITS_EINVAL, false);
	memcpy(c, s, len);
	le32_write(c + g + GIC_V41 + 4, GICITS_V41_APPLY);
	reseal(c, len);
	refused(&t, ref, rlen, c, len, GICITS_EINVAL, false);
	memcpy(c, s, len);
	le32_write(c + g + GIC_V41 + 12, 3);
	reseal(c, len);
	refused(&t, ref, rlen, c, len, GICITS_EFORMAT, true);

	/* CPU 0's 4.1 part (the section's last 36 bytes): vPE 0 resident */
	cp = section(s, len, 2, 0, &clen);
	cp += clen - 36;
	assert_int_equal(le32_read(s + cp + 8), 1);
	assert_int_equal(le32_read(s + cp + 12), 0);
	assert_true(le64_read(s + cp + 28) & 1);
	/* VPROPBASER (4.1) RES0 bit (Entry_Size is read-only) */
	memcpy(c, s, len);
	le64_write(c + cp, le64_read(s + cp) | 1ULL << 59);
	reseal(c, len);
	refused(&t, ref, rlen, c, len, GICITS_EFORMAT, true);
	/* not resident while the record says so */
	memcpy(c, s, len);
	le32_write(c + cp + 8, 0);
	reseal(c, len);
	refused(&t, ref, rlen, c, len, GICITS_EFORMAT, true);
	/* a resident vPEID beyond vpeid_bits */
	memcpy(c, s, len);
	le32_write(c + cp + 12, 1u << 10);
	reseal(c, len);
	refused(&t, ref, rlen, c, len, GICITS_EFORMAT, true);
	/* a residency key that is no VPT address | 1 */
	memcpy(c, s, len);
	le64_write(c + cp + 28, le64_read(s + cp + 28) & ~1ULL);
	reseal(c, len);
	refused(&t, ref, rlen, c, len, GICITS_EFORMAT, true);
	/* a resident set without a residency key */
	memcpy(c, s, len);
	le64_write(c + cp + 28, 0);
	reseal(c, len);
	refused(&t, ref, rlen, c, len, GICITS_EFORMAT, true);
	/* VGrpNEn beyond [1:0] */
	memcpy(c, s, len);
	le32_write(c + cp + 16, 4);
	reseal(c, len);
	refused(&t, ref, rlen, c, len, GICITS_EFORMAT, true);
	/* CPU flags: the 4.1 bit missing */
	memcpy(c, s, len);
	i = section(s, len, 2, 0, &clen);
	{
		size_t k = i + 40 + le32_read(s + i + 36);

		k += 4 + 4 * (size_t)le32_read(s + k);
		assert_int_equal(le32_read(s + k), 3);
		le32_write(c + k, 1);
	}
	reseal(c, len);
	refused(&t, ref, rlen, c, len, GICITS_EFORMAT, false);

	/* the ITS's nID (its last word): another value is EINVAL */
	it = section(s, len, 3, 0, &itlen);
	memcpy(c, s, len);
	le32_write(c + it + itlen - 4, 1);
	reseal(c, len);
	refused(&t, ref, rlen, c, len, GICITS_EINVAL, true);
	memcpy(c, s, len);
	le32_write(c + it + itlen - 4, 2);
	reseal(c, len);
	refused(&t, ref, rlen, c, len, GICITS_EFORMAT, true);

	/* the untouched snapshot restores */
	assert_int_equal(restore(&t, s, len), GICITS_OK);
	free(ref);
	free(c);
	free(s);
	sv_free(&a);
	sv_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(roundtrip),
		cmocka_unit_test(carried),
		cmocka_unit_test(hostile),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
