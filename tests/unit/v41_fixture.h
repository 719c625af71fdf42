/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The GICv4.1 tests' fixture (test_v41_*.c): a GICv4.1 gic of 4 CPUs and
 * ITS on tests/support's system (8 MB RAM at 0x40000000, every
 * redistributor with PROPBASER = 64 KB of 0xA3 bytes -- priority 0xA0,
 * enabled -- pending tables and EnableLPIs), plus:
 *  - the vPE table (GITS_BASER2, flat, one 4 KB page: 256 entries of 16
 *    bytes) at VT, also described by every redistributor's
 *    GICR_VPROPBASER (spec/gicv41.md §6);
 *  - vPE n's VPT at VPT(n) (n < 16) and one vLPI configuration table
 *    (VCONF) shared by all vPEs, 64 KB of CFG_ON (priority 0xA0, enabled);
 *  - device 1 mapped (EventID bits DEVBITS) with its ITT at ITT1;
 *  - a trace recorder counting findings by rule.
 * Expected results in the tests are derived from the architecture as the
 * digest describes it (spec/gicv41.md, cited per test), not from running
 * gicits: there is no GICv4.1 oracle (QEMU has none).
 */
#ifndef GICITS_TEST_V41_FIXTURE_H
#define GICITS_TEST_V41_FIXTURE_H

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
#define ITT1 (RAM + 0x480000ULL)
#define VT (RAM + 0x5F0000ULL) /* vPE table: 4 KB, 256 x 16 bytes */
#define VT2 (RAM + 0x5F4000ULL) /* another table (row 31) */
#define VPT(n) (RAM + 0x600000ULL + (uint64_t)(n)*0x10000) /* n < 16 */
#define VCONF (RAM + 0x700000ULL)
#define DEVBITS 8
#define VPT_SIZE 15 /* 16 vINTID bits */
#define NO_DB GICITS_CMD_NO_DOORBELL
#define CFG_ON 0xA3 /* priority 0xA0, enabled */
#define LPI(n) (GICITS_LPI_BASE + (n))
#define DB0 LPI(100) /* doorbells: physical LPIs */
#define DB1 LPI(101)

/* GICR_VPENDBASER (4.1) */
#define VP_VALID (1ULL << 63)
#define VP_DB (1ULL << 62)
#define VP_PL (1ULL << 61)
#define VP_DIRTY (1ULL << 60)
#define VP_G0 (1ULL << 59)
#define VP_G1 (1ULL << 58)

struct v41 {
	struct ts_sys s;
	unsigned findings;
	char last_rule[64];
	unsigned rule_hits; /* findings whose rule is @watch */
	const char *watch;
};

static inline void v41_trace(void *opaque, const struct gicits_trace_record *r)
{
	struct v41 *v = opaque;

	if (r->kind != GICITS_TRACE_FINDING)
		return;
	v->findings++;
	strncpy(v->last_rule, r->rule, sizeof(v->last_rule) - 1);
	if (v->watch && !strcmp(v->watch, r->rule))
		v->rule_hits++;
}

static inline uint64_t vpropbaser(uint64_t table)
{
	return VP_VALID | table; /* flat, 4 KB pages, Size 0 (one page) */
}

/* The part of the set-up GICv4.0 tests share (row 28): every VCONF byte
 * @vconf_byte, the vPE table (GITS_BASER2 at VT) and the ITS enabled. */
static inline void v41_its_up(struct v41 *v, uint8_t vconf_byte)
{
	memset(ts_host(&v->s, VCONF, 0x10000), vconf_byte, 0x10000);
	assert_int_equal(gicits_its_mmio_write(v->s.its, GICITS_GITS_BASER(2),
					       8, TS_VALID | VT, 0),
			 GICITS_OK);
	assert_int_equal(
		gicits_its_mmio_write(v->s.its, GICITS_GITS_CTLR, 4, 1, 0),
		GICITS_OK);
}

/* Build the system with @d (taken from v41_desc()). */
static inline struct v41 *v41_new_with(struct ts_desc *d)
{
	struct v41 *v = calloc(1, sizeof(*v));
	struct gicits_cmd c;

	assert_non_null(v);
	d->gic.trace = v41_trace;
	d->gic.trace_opaque = v;
	d->its.trace = v41_trace;
	d->its.trace_opaque = v;
	d->no_enable = true;
	assert_int_equal(ts_sys_create(&v->s, d), GICITS_OK);
	v41_its_up(v, CFG_ON);
	for (unsigned cpu = 0; cpu < 4; cpu++)
		assert_int_equal(gicits_rdist_write(v->s.gic, cpu,
						    GICITS_GICR_VPROPBASER, 8,
						    vpropbaser(VT)),
				 GICITS_OK);
	gicits_cmd_mapd(&c, 1, DEVBITS - 1, ITT1, true);
	assert_int_equal(ts_cmd(&v->s, &c), GICITS_OK);
	return v;
}

static inline void v41_desc(struct ts_desc *d)
{
	ts_desc_default(d);
	d->gic.version = GICITS_GIC_V4_1;
	d->its.gic = GICITS_GIC_V4_1;
	d->its.strict = true;
}

static inline struct v41 *v41_new(void)
{
	struct ts_desc d;

	v41_desc(&d);
	return v41_new_with(&d);
}

static inline void v41_free(struct v41 *v)
{
	ts_sys_destroy(&v->s);
	free(v);
}

static inline struct gicits_its_status v41_st(struct v41 *v)
{
	struct gicits_its_status s;

	assert_int_equal(gicits_its_status(v->s.its, &s), GICITS_OK);
	return s;
}

/* Run @c; it must succeed. */
static inline void ok(struct v41 *v, const struct gicits_cmd *c)
{
	uint64_t e = v41_st(v).errors;

	assert_int_equal(ts_cmd(&v->s, c), GICITS_OK);
	assert_int_equal(v41_st(v).errors, e);
	assert_false(v41_st(v).stalled);
}

/* Run @c; it must fail with @code and change nothing else here. */
static inline void err(struct v41 *v, const struct gicits_cmd *c, uint32_t code)
{
	struct gicits_its_status s0 = v41_st(v), s1;

	assert_int_equal(ts_cmd(&v->s, c), GICITS_OK);
	s1 = v41_st(v);
	assert_int_equal(s1.errors, s0.errors + 1);
	assert_int_equal(s1.last_error, code);
}

/* VMAPP (4.1) of vPE @vpe to redistributor @cpu with VPT(@vpe), VCONF and
 * default doorbell @db. */
static inline void vmapp(struct v41 *v, uint16_t vpe, unsigned cpu, uint32_t db,
			 bool alloc, bool ptz)
{
	struct gicits_cmd c;

	gicits_cmd_vmapp41(&c, vpe, cpu, VPT(vpe), VPT_SIZE, true, alloc, ptz,
			   VCONF, db);
	ok(v, &c);
}

static inline void vunmap(struct v41 *v, uint16_t vpe, bool alloc)
{
	struct gicits_cmd c;

	gicits_cmd_vmapp41(&c, vpe, 0, 0, VPT_SIZE, false, alloc, false, 0,
			   NO_DB);
	ok(v, &c);
}

static inline void vmapti(struct v41 *v, uint32_t ev, uint16_t vpe,
			  uint32_t vintid, uint32_t db)
{
	struct gicits_cmd c;

	gicits_cmd_vmapti(&c, 1, ev, vpe, vintid, db);
	ok(v, &c);
}

static inline void vpe_cmd(struct v41 *v, uint8_t op, uint16_t vpe)
{
	struct gicits_cmd c;

	gicits_cmd_vpe(&c, op, vpe);
	ok(v, &c);
}

static inline void vsgi(struct v41 *v, uint16_t vpe, unsigned sgi, bool clear,
			bool enable, bool group, uint8_t prio)
{
	struct gicits_cmd c;

	gicits_cmd_vsgi(&c, vpe, sgi, clear, enable, group, prio);
	ok(v, &c);
}

static inline void sgir(struct v41 *v, uint16_t vpe, unsigned sgi)
{
	assert_int_equal(gicits_its_mmio_write(v->s.its, GICITS_GITS_SGIR, 8,
					       (uint64_t)vpe << 32 | sgi, 0),
			 GICITS_OK);
}

static inline void msi(struct v41 *v, uint32_t ev)
{
	(void)gicits_its_msi(v->s.its, 1, ev);
}

static inline void vpend_w(struct v41 *v, unsigned cpu, uint64_t val)
{
	assert_int_equal(gicits_rdist_write(v->s.gic, cpu,
					    GICITS_GICR_VPENDBASER, 8, val),
			 GICITS_OK);
}

static inline uint64_t vpend_r(struct v41 *v, unsigned cpu)
{
	uint64_t x = 0;

	assert_int_equal(
		gicits_rdist_read(v->s.gic, cpu, GICITS_GICR_VPENDBASER, 8, &x),
		GICITS_OK);
	return x;
}

/* §7.1: schedule vPE @vpe on @cpu (PendingLast written 1, RES1) with
 * VGrp1En @g1 (VGrp0En 0, as KVM). */
static inline void sched(struct v41 *v, unsigned cpu, uint16_t vpe, bool g1)
{
	vpend_w(v, cpu, VP_VALID | VP_PL | (g1 ? VP_G1 : 0) | vpe);
}

/* §7.2: deschedule what @cpu holds, rewriting vPEID and VGrpEn unchanged
 * (as Linux), with @db / @pl; returns PendingLast as read back. */
static inline bool desched(struct v41 *v, unsigned cpu, bool db, bool pl)
{
	uint64_t cur = vpend_r(v, cpu);

	vpend_w(v, cpu,
		(cur & (VP_G0 | VP_G1 | 0xffffULL)) | (db ? VP_DB : 0) |
			(pl ? VP_PL : 0));
	return (vpend_r(v, cpu) & VP_PL) != 0;
}

static inline uint32_t vhppi(struct v41 *v, unsigned cpu)
{
	uint32_t x = 0;

	assert_int_equal(gicits_vcpu_hppi(v->s.gic, cpu, &x), GICITS_OK);
	return x;
}

static inline uint32_t vack(struct v41 *v, unsigned cpu)
{
	uint32_t x = 0;

	assert_int_equal(gicits_vcpu_ack(v->s.gic, cpu, &x), GICITS_OK);
	return x;
}

static inline void vpmr(struct v41 *v, unsigned cpu, uint8_t pmr)
{
	assert_int_equal(gicits_vcpu_set_vpmr(v->s.gic, cpu, pmr), GICITS_OK);
}

static inline bool pend(struct v41 *v, unsigned cpu, uint32_t intid)
{
	return gicits_rdist_is_pending(v->s.gic, cpu, intid) == 1;
}

/* Clear a physical LPI (a doorbell taken) with GICR_CLRLPIR. */
static inline void clrlpi(struct v41 *v, unsigned cpu, uint32_t intid)
{
	assert_int_equal(gicits_rdist_write(v->s.gic, cpu, GICITS_GICR_CLRLPIR,
					    8, intid),
			 GICITS_OK);
}

static inline bool vbit(struct v41 *v, unsigned vpe, uint32_t vintid)
{
	uint8_t *p = ts_host(&v->s, VPT(vpe) + vintid / 8, 1);

	assert_non_null(p);
	return *p >> (vintid % 8) & 1;
}

static inline void vbit_set(struct v41 *v, unsigned vpe, uint32_t vintid)
{
	uint8_t *p = ts_host(&v->s, VPT(vpe) + vintid / 8, 1);

	*p = (uint8_t)(*p | 1u << (vintid % 8));
}

/* The VCONF byte of @vintid, and a physical LPI's configuration byte. */
static inline void vconf(struct v41 *v, uint32_t vintid, uint8_t b)
{
	*ts_host(&v->s, VCONF + vintid - GICITS_LPI_BASE, 1) = b;
}

static inline void pconf(struct v41 *v, uint32_t intid, uint8_t b)
{
	*ts_host(&v->s, v->s.d.prop + intid - GICITS_LPI_BASE, 1) = b;
}

/* GICR_VSGIR query of @vpe on @cpu, polled until not Busy (§5.3). */
static inline uint16_t vsgi_query(struct v41 *v, unsigned cpu, uint16_t vpe)
{
	uint64_t x = 0;
	unsigned n = 0;

	assert_int_equal(
		gicits_rdist_write(v->s.gic, cpu, GICITS_GICR_VSGIR, 4, vpe),
		GICITS_OK);
	do {
		assert_int_equal(gicits_rdist_read(v->s.gic, cpu,
						   GICITS_GICR_VSGIPENDR, 4,
						   &x),
				 GICITS_OK);
		assert_true(++n < 1000);
	} while (x >> 31);
	return (uint16_t)x;
}

/* A vPE mapped (VMAPP Alloc = 1, PTZ = 0) to @cpu with default doorbell
 * @db, and vLPI @vintid of it on event @ev of device 1 (VMAPTI without an
 * individual doorbell, as Linux on 4.1, §3.4). */
static inline void vpe_vlpi(struct v41 *v, uint16_t vpe, unsigned cpu,
			    uint32_t db, uint32_t ev, uint32_t vintid)
{
	vmapp(v, vpe, cpu, db, true, false);
	vmapti(v, ev, vpe, vintid, NO_DB);
}

/* A vPE mapped to @cpu with default doorbell @db (Alloc = 1, PTZ = 0) and
 * vSGI @sgi configured by VSGI{Clear = 0, @enable, @group, @prio} (§3.6). */
static inline void vpe_vsgi(struct v41 *v, uint16_t vpe, unsigned cpu,
			    uint32_t db, unsigned sgi, bool enable, bool group,
			    uint8_t prio)
{
	vmapp(v, vpe, cpu, db, true, false);
	vsgi(v, vpe, sgi, false, enable, group, prio);
}

/* §7.1: schedule @vpe on @cpu (VGrp1En @g1) and open the vCPU's priority
 * mask (VPMR 0xff), so that whatever is pending and enabled is signalled. */
static inline void run(struct v41 *v, unsigned cpu, uint16_t vpe, bool g1)
{
	sched(v, cpu, vpe, g1);
	vpmr(v, cpu, 0xff);
}

/* §5.4: GICR_INVLPIR{V = 1, @vpe, @intid} and GICR_INVALLR{V = 1, @vpe}
 * at redistributor @cpu (64-bit writes). */
static inline void vinvlpir(struct v41 *v, unsigned cpu, uint16_t vpe,
			    uint32_t intid)
{
	assert_int_equal(
		gicits_rdist_write(v->s.gic, cpu, GICITS_GICR_INVLPIR, 8,
				   1ULL << 63 | (uint64_t)vpe << 32 | intid),
		GICITS_OK);
}

static inline void vinvallr(struct v41 *v, unsigned cpu, uint16_t vpe)
{
	assert_int_equal(gicits_rdist_write(v->s.gic, cpu, GICITS_GICR_INVALLR,
					    8,
					    1ULL << 63 | (uint64_t)vpe << 32),
			 GICITS_OK);
}

/* Rows 24/25 (§5.4): vPE 1 resident on RD 0 with vLPIs 5 (VCONF priority
 * 0x80) and 6 (0x60) pending, vLPI 6 signalled; then the guest rewrites
 * vLPI 5's VCONF byte to priority 0x40 without an invalidation, so the
 * redistributor still signals 6 from its cache. */
static inline void vlpi5_reprioritised(struct v41 *v)
{
	vpe_vlpi(v, 1, 0, DB0, 5, LPI(5));
	vmapti(v, 6, 1, LPI(6), NO_DB);
	vconf(v, LPI(5), 0x81);
	vconf(v, LPI(6), 0x61);
	run(v, 0, 1, true);
	msi(v, 5);
	msi(v, 6);
	assert_int_equal(vhppi(v, 0), LPI(6));
	vconf(v, LPI(5), 0x41);
}

/* A vPE mapped to @cpu with default doorbell @db and vSGI @sgi configured
 * (as vpe_vsgi()), descheduled once with {Doorbell = 1, PendingLast = 0}
 * from @cpu with VGrp1En = 1 and nothing pending (armed, §7.2). */
static inline void armed_vpe_vsgi(struct v41 *v, uint16_t vpe, unsigned cpu,
				  uint32_t db, unsigned sgi, bool enable,
				  bool group, uint8_t prio)
{
	vpe_vsgi(v, vpe, cpu, db, sgi, enable, group, prio);
	sched(v, cpu, vpe, true);
	assert_false(desched(v, cpu, true, false));
}

/* A vPE mapped to @cpu with default doorbell @db and vLPI @vintid on
 * event @ev, descheduled once with {Doorbell = 1, PendingLast = 0} from
 * @cpu (so the doorbell is armed, §7.2). */
static inline void armed_vpe(struct v41 *v, uint16_t vpe, unsigned cpu,
			     uint32_t db, uint32_t ev, uint32_t vintid)
{
	vpe_vlpi(v, vpe, cpu, db, ev, vintid);
	sched(v, cpu, vpe, true);
	assert_false(desched(v, cpu, true, false));
}

#endif
