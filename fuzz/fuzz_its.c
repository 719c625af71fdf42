/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * fuzz_its: MMIO, command-queue contents and MSIs against one ITS with four
 * redistributors, in three identical systems that differ only in
 * struct gicits_its_config.cache: OFF (the reference memory walk), ON (the
 * translation index) and CHECK (both, reporting disagreements).
 *
 * Input: byte 0 selects the configuration (see struct variant below); every
 * following op is one byte (op number, bit 7 = "write the command but do not
 * kick CWRITER") plus the operand bytes it reads; a missing byte reads as 0.
 * The byte reader, the operand choice and the structured commands are in
 * its_gen.h / its_gen.c; the ops themselves and every check are here.
 *
 * Two modes:
 *  - structured (byte 0 bit 5 clear): commands are well-formed and each
 *    device's ITT lives in its own slot of guest memory, so that software
 *    never breaks the architecture's rules.  After every op the systems must
 *    agree (MSI results, pending sets and HPPI of every CPU, acknowledged
 *    INTIDs, register reads, GITS_CREADR, status counters), CHECK must report
 *    no finding, and every MSI must pass the isolation check: an MSI from
 *    DeviceID d makes pending at most one LPI, and only the pINTID of the ITE
 *    at EventID e of the ITT that d's DTE points to, which must be d's own
 *    slot (walked independently through guest memory).  At the end the
 *    guest memories must be identical.
 *  - raw (bit 5 set): commands are 32 arbitrary bytes, register accesses any
 *    offset, size and value, and guest memory is written anywhere (tables
 *    included).  Only internal consistency is checked (and the sanitizers):
 *    CREADR inside the queue and 32-byte aligned, Stalled mirrored by the
 *    status, counters monotonic.
 *
 * GICv4.0 (issue 13): when byte 1 is 0x7f (op 127, a no-op in the format
 * above, so older inputs keep their meaning unless they start with it) the
 * three ITSs are GICv4.0 ITSs (struct gicits_its_config.gic =
 * GICITS_GIC_V4_0; ITE size 8 becomes 12, a virtual ITE needs 12 or 16)
 * with a vPE table in GITS_BASER2, and byte 2 holds the GICv4 options (bit
 * 0: two-level vPE table; bit 1: GICR_VPENDBASER.PendingLast RESCAN
 * instead of CACHED; bit 2: vpe_dirty_reads = 2; bit 3: the HPP LPI cache
 * model instead of FULL).  Ops 60..66 then queue VMAPP, VMAPTI, VMAPI,
 * VMOVI, VMOVP, VSYNC and VINVALL (its_gen.c; raw mode: 32 arbitrary bytes
 * with that command number), op 67 INT/CLEAR/DISCARD/INV on a recently
 * V-mapped event, op 68 an MSI to one, op 69 vPE residency and the virtual
 * CPU interface on any redistributor (residency(): GICR_VPROPBASER and
 * GICR_VPENDBASER writes -- schedule with the VPT of a fuzz vPE, another
 * slot or one outside memory, IDAI, deschedule by a 64- or 32-bit write,
 * writes while resident -- VLPI_base reads, vLPI configuration bytes,
 * vCPU acknowledge/EOI and VPMR; raw mode: any value, size and half).
 * The checks grow:
 *  - isolation, for an MSI that hits a virtual ITE: if its vPE is resident
 *    on the redistributor its vPE table entry names (GICR_VPENDBASER's VPT
 *    is the entry's), the vLPI is in that RD's resident set
 *    (gicits_vcpu_pending_foreach()), no VPT bit changes and no doorbell
 *    rings (intid_oor only beyond that RD's VPROPBASER.IDbits); otherwise
 *    the vLPI is the VPT bit (VPT_addr + vINTID / 8 of the vPE table entry
 *    of the vPE the ITE names, walked independently) and, besides it, only
 *    the ITE's doorbell may become pending, on the redistributor that
 *    entry names; no other resident set gains anything; nothing when the
 *    MSI was dropped; drop reasons the vPE table contradicts (vpe_unmapped
 *    with a valid entry, intid_oor within VPT_size) and a delivery it
 *    forbids are violations;
 *  - residency changes (vpend_write()): scheduling loads exactly the VPT's
 *    bits 8192..IDbits limit into the resident set and changes the VPT
 *    only by zeroing bytes it loaded; descheduling empties the set and
 *    leaves the VPT = its old content ORed with the set; PendingLast = 1
 *    needs something pending (RESCAN: exactly an enabled vLPI);
 *  - after every op, no VPT bit appears in a VPT unless some vPE mapped to
 *    that VPT had an ITE naming that vINTID (VMAPTI/VMAPI/VMOVI queued in
 *    this input: a batch of commands can map, INT and unmap between two
 *    checks, so the record is of what software asked for, not a snapshot);
 *  - after every op, every vLPI in a resident set is one an ITE was asked
 *    to name for the resident VPT or was in that VPT at scheduling;
 *  - the three systems' VPTs are identical after every op, and so are
 *    every RD's residency, resident set, vCPU HPPI and VPMR, and
 *    GICR_VPENDBASER (PendingLast) / GICR_VPROPBASER.
 *
 * GICv4.1 (issue 13): when byte 1 is 0x7e (op 126, also a no-op in the
 * GICv3 format; no committed input has it there, and 0x7f inputs keep their
 * meaning) the three ITSs and gics are GICv4.1 (GICITS_GIC_V4_1; ITE size
 * 8 becomes 12) and byte 2 holds the options (bit 0: two-level vPE table;
 * bit 1: GITS_TYPER.nID = 0, individual doorbells as in 4.0 besides the
 * default ones -- else nID = 1; bit 2: vpe_dirty_reads = 2; bit 3: the HPP
 * cache model).  The vPE table has 16-byte entries (256 a page, second
 * doubleword VCONF_addr and default doorbell: <gicits/its.h>) and every
 * GICR_VPROPBASER (4.1 layout) names it; VCONF_PA is the vLPI
 * configuration table VMAPP names.  The ops of the GICv4.0 mode change so:
 * VMAPP (op 60) has the 4.1 layout (Alloc, PTZ -- kept only when the
 * command runs at once on an all-zero VPT of a vPE resident nowhere,
 * VCONF_addr, default doorbell, VPT_size [7:0]) and VMOVP (op 64) DB and
 * a default doorbell; each vPE has a VPT of its own: vPEs 0..7 their slot
 * (1 in 16: outside guest memory), the others one outside guest memory
 * (spec/gicv41.md §13 row 29); ops 70
 * and 71 queue VSGI and INVDB; op 72 writes GITS_SGIR, op 73 is a
 * GICR_VSGIR query polled on GICR_VSGIPENDR (or a lone access), op 74
 * GICR_INVLPIR / GICR_INVALLR with V = 1; op 69 is residency41(): 4.1
 * GICR_VPENDBASER writes (schedule with vPEID, VGrp0En/VGrp1En and
 * PendingLast; deschedule with Doorbell/PendingLast rewriting vPEID and
 * the group enables, by a 64- or 32-bit write; any write), Dirty polled
 * to 0 first (b bit 4: not -- a finding), GICR_VPROPBASER (the table, with
 * Z, invalid, a half), VCONF bytes, reads, vCPU acknowledge/EOI (vSGIs
 * too) and VPMR.  Raw mode: 32 arbitrary bytes with these command
 * numbers, any value to GITS_SGIR and the VLPI_base / INV registers.
 * The checks of the GICv4.0 mode hold, with for 4.1:
 *  - isolation of an MSI to a virtual ITE: as in 4.0 (the resident set
 *    of the RD the entry names, else the VPT bit), the physical LPIs that
 *    may become pending are the vPE's default doorbell (entry's second
 *    doubleword) and, with nID = 0, the ITE's individual doorbell, on the
 *    entry's RD (at most those two); intid_oor for a resident vPE only
 *    beyond the VPT_size it was scheduled with;
 *  - a GITS_SGIR write makes pending exactly vSGI [3:0] of vPE [47:32]
 *    when that vPE's entry (walked independently) is valid and no RES0
 *    bit is set, else nothing; no other vPE's vSGIs (0..8, 255: GICR_VSGIR
 *    queries), no VPT bit and no resident set change; the only physical
 *    LPI it may make pending is the vPE's default doorbell on its RD;
 *  - scheduling loads exactly the VPT bits 8192..2^(VPT_size + 1) of the
 *    entry; descheduling as in 4.0, and PendingLast reads 1 when written
 *    1, else is 1 only if an enabled vLPI (VCONF) with VGrp1En or a vSGI
 *    is pending and is 1 whenever an enabled vLPI with VGrp1En is;
 *  - the three systems agree on the resident vPEIDs, the vSGI pending bits
 *    of the queried vPEs and on the redistributors' finding count (the
 *    UNPREDICTABLE residency writes, spec/gicv41.md §13 rows 8-12 and 31,
 *    are findings in every system alike; a GICv4.0 or GICv3 gic must
 *    report none).
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gicits/cmd.h"
#include "gicits/error.h"
#include "gicits/its.h"
#include "gicits/mem.h"
#include "gicits/rdist.h"
#include "gicits/trace.h"
#include "gicits/vcpu.h"
#include "its_gen.h"
#include "sys.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NSYS 3

static const enum gicits_cache_mode modes[NSYS] = { GICITS_CACHE_OFF,
						    GICITS_CACHE_ON,
						    GICITS_CACHE_CHECK };
static const char *const mode_name[NSYS] = { "off", "on", "check" };

struct one {
	struct ts_sys t; /* over @ram (tests/support) */
	uint8_t *ram; /* allocated once, cleared for each input */
	struct gicits_gic *gic; /* = t.gic, t.its */
	struct gicits_its *its;
	struct gicits_its_status last;
};

struct variant {
	bool v4; /* GICv4.0 or 4.1 ITS: byte 1 == V4_MARKER or V41_MARKER */
	bool v41; /* GICv4.1: byte 1 == V41_MARKER */
	bool nid; /* GICv4.1: GITS_TYPER.nID (no individual doorbells) */
	bool vt_indirect; /* two-level vPE table */
	bool pl_rescan; /* GICITS_PENDINGLAST_RESCAN */
	bool dirty; /* vpe_dirty_reads = 2 */
	bool hpp; /* GICITS_LPI_CACHE_HPP */
	bool indirect;
	bool stall;
	bool raw;
	unsigned ite_size;
	unsigned hcc;
	bool umsi;
	bool strict;
};

/* Byte 1 of a GICv4.0 input (op 127: a no-op in the GICv3 format). */
#define V4_MARKER 0x7f
/* Byte 1 of a GICv4.1 input (op 126: a no-op in the GICv3 format). */
#define V41_MARKER 0x7e

static struct one sys[NSYS];
static struct variant var;
static uint64_t ram_size; /* RAM_SIZE, or RAM_V4_SIZE for a GICv4 ITS */
static uint64_t cwriter;
static bool wild_creadr; /* software wrote CREADR or CBASER (raw mode) */

static bool verbose; /* FUZZ_ITS_VERBOSE=1: print the trace of cache=check */

static void trace(void *opaque, const struct gicits_trace_record *r)
{
	(void)opaque;
	fprintf(stderr,
		"  [check] %s cmd=%#x dev=%#x ev=%#x intid=%u icid=%u "
		"cpu=%lld err=%#x drop=%d rule=%s: %s\n",
		gicits_trace_kind_name(r->kind), r->cmd, r->device_id,
		r->event_id, r->intid, r->icid, (long long)r->cpu, r->error,
		(int)r->drop, r->rule, r->message);
}

static void fail(const char *what)
{
	fprintf(stderr, "fuzz_its: INVARIANT VIOLATED: %s\n", what);
	abort();
}

static uint64_t get(const uint8_t *ram, uint64_t pa, unsigned len)
{
	uint64_t v = 0;
	unsigned i;

	if (pa >= ram_size || ram_size - pa < len)
		return 0;
	for (i = 0; i < len; i++)
		v |= (uint64_t)ram[pa + i] << (8 * i);
	return v;
}

/* ---- set-up ------------------------------------------------------------ */

static void v4_tables(struct one *o);

/* GICv4.1 GICR_VPROPBASER naming the vPE table (spec/gicv41.md §5.1):
 * Valid, Indirect [55] as GITS_BASER2, 4 KB pages, Size 0. */
static uint64_t vprop41(void)
{
	return 1ULL << 63 | (var.vt_indirect ? 1ULL << 55 : 0) | VT_PA;
}

static void sys_init(void)
{
	unsigned k;

	for (k = 0; k < NSYS; k++) {
		struct one *o = &sys[k];
		struct ts_desc d;

		if (!o->ram) {
			o->ram = malloc(RAM_V41_SIZE);
			if (!o->ram)
				abort();
		}
		memset(o->ram, 0, ram_size);
		memset(&o->last, 0, sizeof(o->last));
		ts_desc_default(&d);
		d.ram_base = 0;
		d.ram_size = ram_size;
		d.ram_host = o->ram;
		d.gic.num_cpus = NCPU;
		d.gic.intid_bits =
			14; /* INTIDs < 16384: small pending tables */
		d.its.cache = modes[k];
		d.its.indirect = true;
		d.its.cidbits = 2; /* ICIDs 0..3 */
		d.its.devbits = 13; /* DeviceIDs < 8192 */
		d.its.hcc = var.hcc;
		d.its.ite_size = var.ite_size;
		d.its.error_policy =
			var.stall ? GICITS_POLICY_STALL : GICITS_POLICY_SKIP;
		d.its.umsi = var.umsi;
		/* step 54 skips stalled commands by writing GITS_CREADR, as
		 * gicits replay does (the knob replay sets; the read-only
		 * default is covered by tests/unit/test_its_errors.c) */
		d.its.creadr_writable = true;
		if (verbose && k == 2)
			d.its.trace = trace;
		d.its.strict = var.strict;
		d.prop = PROP_PA;
		d.prop_idbits = 14;
		/* LPIs 8192..8447: priority 0xa0, enabled */
		d.prop_fill_len = 256;
		d.pend = PEND_PA(0);
		d.pend_stride = PEND_PA(1) - PEND_PA(0);
		/* flat, or two-level: level-1 entry 0 -> one level-2 page
		 * (DeviceIDs 0..511), the other entries invalid */
		ts_desc_tables(&d, DT_PA, var.indirect ? DT_L2_PA : 0, CT_PA,
			       CQ_PA, 1);
		if (var.v4) {
			d.its.gic = GICITS_GIC_V4_0;
			/* GITS_BASER2 is written before the ITS is enabled
			 * (IHI 0069 GITS_BASER<n>: changing a BASER of an
			 * enabled ITS is UNPREDICTABLE) */
			d.no_enable = true;
			d.gic.pendinglast = var.pl_rescan ?
						    GICITS_PENDINGLAST_RESCAN :
						    GICITS_PENDINGLAST_CACHED;
			d.gic.vpe_dirty_reads = var.dirty ? 2 : 0;
			if (var.hpp)
				d.gic.lpi_cache = GICITS_LPI_CACHE_HPP;
		}
		if (var.v41) {
			d.gic.version = GICITS_GIC_V4_1;
			d.its.gic = GICITS_GIC_V4_1;
			d.its.nid = var.nid;
		}
		if (ts_sys_create(&o->t, &d))
			fail("sys_create");
		o->gic = o->t.gic;
		o->its = o->t.its;
		if (var.v4)
			v4_tables(o);
	}
	cwriter = 0;
	wild_creadr = false;
}

/* The vPE table (IHI 0069 GITS_BASER<n> Type 2, 4 KB pages, one page:
 * 512 vPEs flat; two-level: level-1 entry 0 -> VT_L2_PA holds vPEIDs
 * 0..511, entry 1 is invalid so 512..1023 have no level-2 page), then
 * GITS_CTLR.Enabled. */
static void v4_tables(struct one *o)
{
	uint64_t baser2 = TS_VALID | VT_PA;
	unsigned i;

	/* the virtual LPI configuration table: priorities 0x80..0xb8 by
	 * vINTID % 8, every sixteenth vLPI disabled */
	for (i = 0; i < VPROP_BYTES; i++)
		o->ram[VPROP_PA + i] =
			(uint8_t)(0x80 + (i % 8) * 8 + (i % 16 != 15));

	if (var.vt_indirect) {
		ts_poke64(&o->t, VT_PA, TS_VALID | VT_L2_PA);
		baser2 |= TS_INDIRECT;
	}
	if (gicits_its_mmio_write(o->its, GICITS_GITS_BASER(2), 8, baser2, 0) ||
	    gicits_its_mmio_write(o->its, GICITS_GITS_CTLR, 4, 1, 0))
		fail("GITS_BASER2 / GITS_CTLR");
	if (!var.v41)
		return;
	/* GICv4.1: the vLPI configuration table VMAPP names (same pattern),
	 * and every GICR_VPROPBASER describes the ITS's vPE table
	 * (spec/gicv41.md §5.1, §6: GITS_TYPER.SVPET shares it; flat or
	 * two-level as GITS_BASER2, one 4 KB page) */
	for (i = 0; i < VCONF_BYTES; i++)
		o->ram[VCONF_PA + i] =
			(uint8_t)(0x80 + (i % 8) * 8 + (i % 16 != 15));
	for (i = 0; i < NCPU; i++)
		if (gicits_rdist_write(o->gic, i, GICITS_GICR_VPROPBASER, 8,
				       vprop41()))
			fail("GICR_VPROPBASER");
}

static void sys_fini(void)
{
	unsigned k;

	for (k = 0; k < NSYS; k++) {
		ts_sys_destroy(&sys[k].t);
		sys[k].its = NULL;
		sys[k].gic = NULL;
	}
}

/* ---- checks ------------------------------------------------------------- */

#define PMAX 1024

struct pset {
	unsigned n;
	uint32_t id[PMAX];
};

static int collect(void *opaque, uint32_t intid)
{
	struct pset *p = opaque;

	if (p->n < PMAX)
		p->id[p->n] = intid;
	p->n++;
	return 0;
}

static void pending_of(struct one *o, unsigned cpu, struct pset *p)
{
	p->n = 0;
	if (gicits_rdist_pending_foreach(o->gic, cpu, collect, p))
		fail("pending_foreach");
	if (p->n > PMAX)
		p->n = PMAX;
}

/* GICv4.0: the resident pending set of @cpu's vCPU interface (empty when
 * no vPE is resident). */
static void vpending_of(struct one *o, unsigned cpu, struct pset *p)
{
	p->n = 0;
	if (gicits_vcpu_pending_foreach(o->gic, cpu, collect, p))
		fail("vcpu_pending_foreach");
	if (p->n > PMAX)
		p->n = PMAX;
}

/* GICv4.0: the VPT address of the vPE resident on @cpu, 0 when none is. */
static uint64_t resident_vpt(struct one *o, unsigned cpu)
{
	uint64_t vpt = 0;
	int r = gicits_vcpu_resident(o->gic, cpu, &vpt);

	if (r < 0)
		fail("vcpu_resident");
	return r ? vpt | 1 : 0;
}

static int in_pset(const struct pset *p, uint32_t id)
{
	unsigned i;

	for (i = 0; i < p->n; i++)
		if (p->id[i] == id)
			return 1;
	return 0;
}

/* Internal consistency of one system. */
static void consistent(struct one *o)
{
	struct gicits_its_status st;
	uint64_t creadr = 0, cbaser = 0, qsize;

	if (gicits_its_status(o->its, &st))
		fail("its_status");
	if (gicits_its_mmio_read(o->its, GICITS_GITS_CREADR, 8, &creadr) ||
	    gicits_its_mmio_read(o->its, GICITS_GITS_CBASER, 8, &cbaser))
		fail("CREADR/CBASER read");
	qsize = ((cbaser & 0xff) + 1) * 4096;
	/* A software write of GITS_CREADR (creadr_writable) or CBASER may
	 * leave CREADR beyond the queue: the ITS restarts at 0 then (see
	 * its_process_queue()).  Only the ITS's own updates are checked. */
	if (!wild_creadr &&
	    ((creadr & ~1ULL) >= qsize || (creadr & 0x1e) || creadr >> 20))
		fail("GITS_CREADR outside the command queue");
	if (!!(creadr & 1) != st.stalled)
		fail("GITS_CREADR.Stalled != status.stalled");
	if (st.errors < o->last.errors || st.commands < o->last.commands ||
	    st.findings < o->last.findings)
		fail("status counters went backwards");
	if (st.errors && !st.last_error)
		fail("errors counted but last_error is 0");
	o->last = st;
}

/* The vPE table pages and the VPTs of @o and of system 0 (the rest of guest
 * memory is compared at the end of the input). */
static bool same_v4_tables(const struct one *o)
{
	unsigned k;

	if (memcmp(o->ram + VT_PA, sys[0].ram + VT_PA,
		   VT_L2_PA + 0x1000 - VT_PA))
		return false;
	for (k = 0; k < NVPT; k++)
		if (memcmp(o->ram + VPT_PA(k), sys[0].ram + VPT_PA(k),
			   VPT_BYTES))
			return false;
	return true;
}

/* GICv4.1: the vPEs whose vSGIs the checks look at (pick_vpe()'s in-table
 * ones). */
static const uint16_t qvpe[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 255 };
#define NQVPE (sizeof(qvpe) / sizeof(qvpe[0]))

/* GICv4.1: the vSGI pending bits of @vpe as a GICR_VSGIR query on RD 0
 * reports them (spec/gicv41.md §5.3: any RD, polled until Busy reads 0,
 * which takes at most vpe_dirty_reads reads). */
static uint16_t vsgi_pend(struct one *o, uint16_t vpe)
{
	uint64_t x = 0;
	unsigned n;

	if (gicits_rdist_write(o->gic, 0, GICITS_GICR_VSGIR, 4, vpe))
		fail("GICR_VSGIR write");
	for (n = 0; n < 4; n++) {
		if (gicits_rdist_read(o->gic, 0, GICITS_GICR_VSGIPENDR, 4, &x))
			fail("GICR_VSGIPENDR read");
		if (!(x >> 31))
			return (uint16_t)x;
	}
	fail("GICR_VSGIPENDR: Busy beyond vpe_dirty_reads reads");
	return 0;
}

static void vsgi_all(struct one *o, uint16_t out[NQVPE])
{
	unsigned i;

	for (i = 0; i < NQVPE; i++)
		out[i] = vsgi_pend(o, qvpe[i]);
}

/* GICv4.1: which vPE is resident on @cpu (GICR_VPENDBASER.vPEID), or -1. */
static long resident_vpeid(struct one *o, unsigned cpu)
{
	uint32_t v = 0;
	int r = gicits_vcpu_resident_vpeid(o->gic, cpu, &v);

	if (r < 0)
		fail("vcpu_resident_vpeid");
	return r ? (long)v : -1;
}

/* GICv4.0: residency, resident pending sets, vCPU HPPI and VPMR, and the
 * VLPI_base registers (PendingLast included) of every redistributor agree
 * across the three systems. */
static void compare_vcpus(void)
{
	static struct pset p[NSYS];
	unsigned k, cpu;

	for (cpu = 0; cpu < NCPU; cpu++) {
		uint64_t res[NSYS], pend[NSYS], prop[NSYS];
		uint32_t h[NSYS];
		uint8_t pmr[NSYS];

		for (k = 0; k < NSYS; k++) {
			res[k] = resident_vpt(&sys[k], cpu);
			vpending_of(&sys[k], cpu, &p[k]);
			if (gicits_vcpu_hppi(sys[k].gic, cpu, &h[k]) ||
			    gicits_vcpu_get_vpmr(sys[k].gic, cpu, &pmr[k]) ||
			    gicits_rdist_read(sys[k].gic, cpu,
					      GICITS_GICR_VPENDBASER, 8,
					      &pend[k]) ||
			    gicits_rdist_read(sys[k].gic, cpu,
					      GICITS_GICR_VPROPBASER, 8,
					      &prop[k]))
				fail("vCPU interface / VLPI_base read");
			if (!res[k] && p[k].n)
				fail("a vLPI pending on a vCPU interface with "
				     "no vPE resident");
		}
		for (k = 1; k < NSYS; k++) {
			if (res[k] != res[0])
				fail("differential: residency differs");
			if (p[k].n != p[0].n ||
			    memcmp(p[k].id, p[0].id, p[0].n * sizeof(uint32_t)))
				fail("differential: resident pending sets "
				     "differ");
			if (h[k] != h[0] || pmr[k] != pmr[0])
				fail("differential: vCPU HPPI or VPMR differs");
			if (pend[k] != pend[0] || prop[k] != prop[0])
				fail("differential: GICR_VPENDBASER or "
				     "GICR_VPROPBASER (PendingLast) differs");
			if (var.v41 && resident_vpeid(&sys[k], cpu) !=
					       resident_vpeid(&sys[0], cpu))
				fail("differential: resident vPEID differs");
		}
	}
	if (var.v41) { /* the vSGIs' pending state (GIC-internal) */
		uint16_t q[NSYS][NQVPE];

		for (k = 0; k < NSYS; k++)
			vsgi_all(&sys[k], q[k]);
		for (k = 1; k < NSYS; k++)
			if (memcmp(q[k], q[0], sizeof(q[0])))
				fail("differential: vSGI pending bits differ");
	}
}

static void compare(void)
{
	struct gicits_its_status st[NSYS];
	uint64_t creadr[NSYS];
	static struct pset p[NSYS];
	unsigned k, cpu;
	char msg[200];

	for (k = 0; k < NSYS; k++) {
		consistent(&sys[k]);
		gicits_its_mmio_read(sys[k].its, GICITS_GITS_CREADR, 8,
				     &creadr[k]);
		gicits_its_status(sys[k].its, &st[k]);
	}
	if (var.raw)
		return;
	for (k = 1; k < NSYS; k++) {
		if (creadr[k] != creadr[0]) {
			snprintf(msg, sizeof(msg),
				 "differential: CREADR off=%#llx %s=%#llx",
				 (unsigned long long)creadr[0], mode_name[k],
				 (unsigned long long)creadr[k]);
			fail(msg);
		}
		if (st[k].errors != st[0].errors ||
		    st[k].last_error != st[0].last_error ||
		    st[k].commands != st[0].commands ||
		    st[k].stalled != st[0].stalled)
			fail("differential: ITS status counters");
	}
	if (var.v4)
		for (k = 1; k < NSYS; k++)
			if (!same_v4_tables(&sys[k]))
				fail("differential: vPE table or VPTs differ");
	/* strict-mode findings happen in every system alike; a cache=check
	 * disagreement only in CHECK */
	if (st[2].findings != st[0].findings ||
	    (!var.v41 && gicits_gic_findings(sys[2].gic)))
		fail("differential: cache=check reported a finding");
	/* GICv4.1: the redistributors report the UNPREDICTABLE residency
	 * writes of spec/gicv41.md §13 rows 8-12 and 31 as findings, in
	 * every system alike (the gic has no cache mode) */
	if (var.v41 && (gicits_gic_findings(sys[1].gic) !=
				gicits_gic_findings(sys[0].gic) ||
			gicits_gic_findings(sys[2].gic) !=
				gicits_gic_findings(sys[0].gic)))
		fail("differential: GICv4.1 redistributor findings differ");
	for (cpu = 0; cpu < NCPU; cpu++) {
		uint32_t h[NSYS];

		for (k = 0; k < NSYS; k++) {
			pending_of(&sys[k], cpu, &p[k]);
			h[k] = gicits_cpu_hppi(sys[k].gic, cpu);
		}
		for (k = 1; k < NSYS; k++) {
			if (p[k].n != p[0].n ||
			    memcmp(p[k].id, p[0].id, p[0].n * sizeof(uint32_t)))
				fail("differential: pending sets differ");
			if (h[k] != h[0])
				fail("differential: HPPI differs");
		}
	}
	if (var.v4)
		compare_vcpus();
}

/* ---- actions --------------------------------------------------------- */

static void kick(uint64_t val)
{
	unsigned k;

	for (k = 0; k < NSYS; k++)
		gicits_its_mmio_write(sys[k].its, GICITS_GITS_CWRITER, 8, val,
				      0);
}

static void queue_cmd(const struct gicits_cmd *c, bool defer)
{
	uint64_t creadr = 0;
	unsigned k;

	gicits_its_mmio_read(sys[0].its, GICITS_GITS_CREADR, 8, &creadr);
	if (!var.raw && ((cwriter + 32) % CQ_SIZE) == (creadr & 0xfffe0)) {
		/* queue full: a driver waits; kick instead */
		kick(cwriter);
		return;
	}
	for (k = 0; k < NSYS; k++)
		ts_poke_cmd(&sys[k].t, CQ_PA + cwriter, c);
	cwriter = (cwriter + 32) % CQ_SIZE;
	if (!defer)
		kick(cwriter);
}

static uint64_t walk_dte(const uint8_t *ram, uint32_t dev)
{
	uint64_t l1;

	if (var.indirect) {
		if (dev >= 512 * 512)
			return 0;
		l1 = get(ram, DT_PA + (uint64_t)(dev / 512) * 8, 8);
		if (!(l1 >> 63))
			return 0;
		return get(ram, (l1 & 0xffffffffff000ULL) + (dev % 512) * 8, 8);
	}
	if (dev >= 512)
		return 0;
	return get(ram, DT_PA + (uint64_t)dev * 8, 8);
}

static bool lpis_enabled(struct one *o, unsigned cpu);

/* ---- GICv4.0: the vPE table, VPTs, and what software asked for -------- */

/* vPE table entry of @vpe (the layout of <gicits/its.h>), walked from the
 * BASER2 that v4_tables() wrote; 0 (invalid) when it has none.  GICv4.1:
 * 16-byte entries, 256 a page; *@w1 (if not NULL) receives the second
 * doubleword ([35:0] VCONF_addr[51:16], [59:36] default doorbell). */
static uint64_t walk_vpe41(const uint8_t *ram, uint32_t vpe, uint64_t *w1)
{
	unsigned es = var.v41 ? 16 : 8, per = 4096 / es;
	uint64_t l1, at;

	if (w1)
		*w1 = 0;
	if (var.vt_indirect) {
		l1 = get(ram, VT_PA + (uint64_t)(vpe / per) * 8, 8);
		if (vpe / per >= 512 || !(l1 >> 63))
			return 0;
		at = (l1 & 0xffffffffff000ULL) + (uint64_t)(vpe % per) * es;
	} else {
		if (vpe >= per)
			return 0;
		at = VT_PA + (uint64_t)vpe * es;
	}
	if (w1 && var.v41)
		*w1 = get(ram, at + 8, 8);
	return get(ram, at, 8);
}

static uint64_t walk_vpe(const uint8_t *ram, uint32_t vpe)
{
	return walk_vpe41(ram, vpe, NULL);
}

#define VPTE_VALID(e) ((e) >> 63)
#define VPTE_SIZE(e) ((unsigned)((e) >> 58) & 31u)
#define VPTE_VPT(e) ((e)&0x000FFFFFFFFF0000ULL)
#define VPTE_CPU(e) ((unsigned)((e)&0xffff))
#define VPTE1_VCONF(w) (((w)&0xfffffffffULL) << 16)
#define VPTE1_DB(w) ((uint32_t)((w) >> 36) & 0xffffffu)

/*
 * What the V* commands queued in this input asked for (structured mode):
 * the (vPEID, vINTID) pairs an ITE was made to name (VMAPTI, VMAPI, and
 * VMOVI for every vINTID its event was ever given), the VPTs a vPE was
 * mapped to (VMAPP V=1), the vINTIDs each event was given, and a ring of
 * recently V-mapped events for ops 67/68.  Recorded when queued, whether or
 * not the command then succeeds: an over-approximation, which only makes
 * the VPT check weaker, never wrong.
 */
#define NREC 4096
#define NRECENT 8

static struct {
	unsigned npair, nvpt, nev, nrecent;
	bool overflow; /* a record was lost: no VPT-bit check any more */
	struct {
		uint16_t vpe;
		uint32_t vint;
	} pair[NREC];
	struct {
		uint16_t vpe;
		uint64_t vpt;
	} vpt[NREC];
	struct {
		uint32_t dev, ev, vint;
	} ev[NREC];
	struct {
		uint32_t dev, ev;
		uint16_t vpe;
	} movi[NREC];
	unsigned nmovi;
	uint32_t rdev[NRECENT], rev[NRECENT];
} asked;

static void note_pair(uint16_t vpe, uint32_t vint)
{
	unsigned i;

	for (i = 0; i < asked.npair; i++)
		if (asked.pair[i].vpe == vpe && asked.pair[i].vint == vint)
			return;
	if (asked.npair == NREC) {
		asked.overflow = true;
		return;
	}
	asked.pair[asked.npair].vpe = vpe;
	asked.pair[asked.npair++].vint = vint;
}

static void note_event(uint32_t dev, uint32_t ev, uint32_t vint)
{
	unsigned i;

	asked.rdev[asked.nrecent % NRECENT] = dev;
	asked.rev[asked.nrecent++ % NRECENT] = ev;
	for (i = 0; i < asked.nev; i++)
		if (asked.ev[i].dev == dev && asked.ev[i].ev == ev &&
		    asked.ev[i].vint == vint)
			return;
	if (asked.nev == NREC) {
		asked.overflow = true;
		return;
	}
	asked.ev[asked.nev].dev = dev;
	asked.ev[asked.nev].ev = ev;
	asked.ev[asked.nev++].vint = vint;
	/* a VMOVI of this event queued before the mapping: a GITS_CREADR
	 * write (op 54) can run it again after the mapping, moving @vint to
	 * its vPE, so the pair is asked for whatever the queue order */
	for (i = 0; i < asked.nmovi; i++)
		if (asked.movi[i].dev == dev && asked.movi[i].ev == ev)
			note_pair(asked.movi[i].vpe, vint);
}

static void note_vcmd(const struct gicits_cmd *c)
{
	uint32_t dev = (uint32_t)gicits_cmd_get(c, GICITS_CMD_F_DEVICEID);
	uint32_t ev = (uint32_t)gicits_cmd_get(c, GICITS_CMD_F_EVENTID);
	uint16_t vpe = (uint16_t)gicits_cmd_get(c, GICITS_CMD_F_VPEID);
	unsigned i, n;

	switch (gicits_cmd_get(c, GICITS_CMD_F_OPCODE)) {
	case GICITS_CMD_VMAPP:
		if (!gicits_cmd_get(c, GICITS_CMD_F_VALID))
			break;
		if (asked.nvpt == NREC) {
			asked.overflow = true;
			break;
		}
		asked.vpt[asked.nvpt].vpe = vpe;
		asked.vpt[asked.nvpt++].vpt =
			gicits_cmd_get(c, GICITS_CMD_F_VPT_ADDR) << 16;
		break;
	case GICITS_CMD_VMAPTI:
	case GICITS_CMD_VMAPI: {
		uint32_t vint = ev; /* VMAPI: vINTID = EventID */

		if (gicits_cmd_get(c, GICITS_CMD_F_OPCODE) == GICITS_CMD_VMAPTI)
			vint = (uint32_t)gicits_cmd_get(c, GICITS_CMD_F_VINTID);
		note_pair(vpe, vint);
		note_event(dev, ev, vint);
		break;
	}
	case GICITS_CMD_VMOVI:
		n = asked.nev;
		for (i = 0; i < n; i++)
			if (asked.ev[i].dev == dev && asked.ev[i].ev == ev)
				note_pair(vpe, asked.ev[i].vint);
		/* remembered for mappings queued later (note_event()) */
		for (i = 0; i < asked.nmovi; i++)
			if (asked.movi[i].dev == dev &&
			    asked.movi[i].ev == ev && asked.movi[i].vpe == vpe)
				break;
		if (i == asked.nmovi && asked.nmovi == NREC) {
			asked.overflow = true;
		} else if (i == asked.nmovi) {
			asked.movi[asked.nmovi].dev = dev;
			asked.movi[asked.nmovi].ev = ev;
			asked.movi[asked.nmovi++].vpe = vpe;
		}
		asked.rdev[asked.nrecent % NRECENT] = dev;
		asked.rev[asked.nrecent++ % NRECENT] = ev;
		break;
	default:
		break;
	}
}

/* Whether software asked for an ITE that sets bit @vint of the VPT at @vpt:
 * some vPE was mapped to @vpt and had an ITE naming @vint. */
static bool vpt_bit_asked(uint64_t vpt, uint32_t vint)
{
	unsigned i, j;

	for (i = 0; i < asked.npair; i++) {
		if (asked.pair[i].vint != vint)
			continue;
		for (j = 0; j < asked.nvpt; j++)
			if (asked.vpt[j].vpe == asked.pair[i].vpe &&
			    asked.vpt[j].vpt == vpt)
				return true;
	}
	return false;
}

/* System 0's VPTs at the start of the current op (the three systems' are
 * identical then: compare()). */
static uint8_t vpt_before[NVPT][VPT_BYTES];

static void vpt_snapshot(void)
{
	unsigned k;

	for (k = 0; k < NVPT; k++)
		memcpy(vpt_before[k], sys[0].ram + VPT_PA(k), VPT_BYTES);
}

/*
 * Every VPT bit of @o that is set now and was not at the start of the op:
 * calls @ok(@arg, VPT slot, vINTID), which says whether it may be; a
 * violation otherwise.  Returns how many there were.
 */
static unsigned vpt_new_bits(struct one *o,
			     bool (*ok)(void *arg, unsigned k, uint32_t vint),
			     void *arg, const char *what)
{
	unsigned k, i, b, n = 0;
	char msg[200];

	for (k = 0; k < NVPT; k++) {
		const uint8_t *now = o->ram + VPT_PA(k);

		for (i = 0; i < VPT_BYTES; i++) {
			uint8_t fresh = now[i] & (uint8_t)~vpt_before[k][i];

			for (b = 0; fresh; b++, fresh >>= 1) {
				if (!(fresh & 1))
					continue;
				n++;
				if (ok(arg, k, i * 8 + b))
					continue;
				snprintf(msg, sizeof(msg),
					 "%s: VPT %#llx bit %u (vINTID) set",
					 what, (unsigned long long)VPT_PA(k),
					 i * 8 + b);
				fail(msg);
			}
		}
	}
	return n;
}

static bool asked_ok(void *arg, unsigned k, uint32_t vint)
{
	(void)arg;
	return vpt_bit_asked(VPT_PA(k), vint);
}

/* After every op (structured GICv4 mode): no VPT bit that no ITE was asked
 * to name (IHI 0069: a vLPI is made pending only by a translation through
 * an ITE that maps it, or moved there by VMOVI). */
static void vpt_check(void)
{
	if (!asked.overflow)
		(void)vpt_new_bits(&sys[0], asked_ok, NULL,
				   "no ITE was ever asked to name it");
}

/* What a virtual ITE (GICv4.0) lets an MSI do: set bit @vint of the VPT at
 * @vpt, and make doorbell @db pending on @cpu. */
struct vtarget {
	bool virt; /* the ITE is virtual */
	bool ok; /* its vPE is mapped and @vint fits its VPT_size */
	bool res; /* its vPE is resident on the RD its entry names */
	uint64_t vpt;
	uint32_t vint, db;
	uint32_t ddb; /* GICv4.1: the vPE's default doorbell (else 1023) */
	unsigned cpu;
};

/* GICv4.1: the vINTID limit each system's RD took at its last scheduling
 * (2^(VPT_size + 1) of the entry then, at most 2^14; 0 below 2^13): a
 * resident vPE's vLPI beyond it is dropped as intid_oor even if a later
 * VMAPP widened the entry. */
static uint32_t sched_lim[NSYS][NCPU];
static uint64_t sched_vconf[NSYS][NCPU];

static uint32_t vpt_size_limit(unsigned b)
{
	if (b < 13)
		return 0;
	return b + 1 < 14 ? 1u << (b + 1) : 1u << 14;
}

static bool vtarget_ok(void *arg, unsigned k, uint32_t vint)
{
	const struct vtarget *t = arg;

	return t && t->ok && VPT_PA(k) == t->vpt && vint == t->vint;
}

/*
 * A virtual ITE (bytes 0..7: vINTID [47:16], vPEID [15:0]; the word at
 * byte 8 has Virtual, [31], and the doorbell, [23:0]: <gicits/its.h>),
 * resolved through the vPE table as IHI 0069 "virtual LPI translation"
 * does: the vPE must be mapped, the vINTID below 2^(VPT_size+1).
 */
static void virtual_ite(struct one *o, uint64_t ite, uint32_t word8, int r,
			struct vtarget *t)
{
	uint16_t vpe = (uint16_t)(ite & 0xffff);
	uint64_t e, w1;

	t->virt = true;
	t->vint = (uint32_t)(ite >> 16);
	t->db = word8 & 0xffffff;
	e = walk_vpe41(o->ram, vpe, &w1);
	/* GICv4.1: the default doorbell of the vPE (spec/gicv41.md §8.1);
	 * individual doorbells only with nID = 0 (the ITS stores 1023 in the
	 * ITE otherwise, <gicits/its.h> nid) */
	t->ddb = var.v41 && VPTE_VALID(e) ? VPTE1_DB(w1) :
					    GICITS_CMD_NO_DOORBELL;
	t->vpt = VPTE_VPT(e);
	t->cpu = VPTE_CPU(e);
	t->ok = VPTE_VALID(e) && !((uint64_t)t->vint >> VPTE_SIZE(e) >> 1);
	/* resident on the redistributor the entry names: the vLPI goes to
	 * that RD's resident set, which drops a vINTID beyond its
	 * GICR_VPROPBASER.IDbits as intid_oor (<gicits/rdist.h>) */
	t->res = t->ok && t->cpu < NCPU &&
		 resident_vpt(o, t->cpu) == (t->vpt | 1);
	if (var.v41 && t->res && r == GICITS_DROP_INTID_OOR) {
		/* 4.1: the RD's limit is VPT_size as it scheduled the vPE
		 * (spec/gicv41.md §3.1: VPT_size replaces IDbits) */
		if (t->vint >= LPI_LO && t->vint < sched_lim[o - sys][t->cpu])
			fail("isolation: resident vLPI refused as intid_oor "
			     "but it fits the VPT_size it was scheduled "
			     "with");
		t->ok = false;
		return;
	}
	if (t->res && r == GICITS_DROP_INTID_OOR) {
		uint64_t prop = 0;
		unsigned b;

		gicits_rdist_read(o->gic, t->cpu, GICITS_GICR_VPROPBASER, 8,
				  &prop);
		b = (unsigned)(prop & 31);
		b = b < 13 ? 0 : b + 1 < 14 ? b + 1 : 14;
		if (t->vint >= LPI_LO && t->vint >> b == 0)
			fail("isolation: resident vLPI refused as intid_oor "
			     "but it fits GICR_VPROPBASER.IDbits");
		t->ok = false;
		return;
	}
	if (VPTE_VALID(e) && r == GICITS_DROP_VPE_UNMAPPED)
		fail("isolation: MSI refused as vpe_unmapped but the vPE "
		     "table entry of the ITE's vPE is valid");
	if (t->ok && r == GICITS_DROP_INTID_OOR)
		fail("isolation: vLPI refused as intid_oor but the vINTID "
		     "fits the vPE's VPT_size");
	if (r == 0 && !t->ok)
		fail("isolation: MSI delivered through a virtual ITE whose "
		     "vPE is unmapped or whose vINTID is beyond VPT_size");
}

/*
 * The isolation check for system @o after gicits_its_msi(@dev, @ev) returned
 * @r, with @before the pending sets of every CPU before the MSI (and, for a
 * GICv4 ITS, @vbefore the resident pending sets and vpt_before[] its VPTs).
 */
static void isolation(struct one *o, uint32_t dev, uint32_t ev, int r,
		      struct pset before[NCPU], struct pset vbefore[NCPU])
{
	static struct pset after;
	uint64_t dte, itt, ite, cte;
	uint32_t pintid = 0, icid;
	unsigned cpu, size, newly = 0;
	int found = 0;
	bool mapped = false;
	struct vtarget vt = { 0 };
	char msg[200];

	dte = walk_dte(o->ram, dev);
	/* completeness: the ITS may not refuse for a reason its tables in
	 * memory contradict (an MSI of d translated through another
	 * DeviceID's tables is caught here or below) */
	if (dte >> 63 &&
	    (r == GICITS_DROP_DEVICE_UNMAPPED || r == GICITS_DROP_DEVICE_OOR)) {
		snprintf(msg, sizeof(msg),
			 "isolation: MSI dev=%#x refused (%s) but its DTE is "
			 "valid",
			 dev, gicits_drop_name((enum gicits_drop)r));
		fail(msg);
	}
	if (dte >> 63) {
		itt = ((dte >> 5) & ((1ULL << 44) - 1)) << 8;
		size = (unsigned)(dte & 31);
		if (itt != slot_of(dev)) {
			/* only a MAPD of this DeviceID writes its DTE, always
			 * with its own slot */
			snprintf(msg, sizeof(msg),
				 "isolation: DTE of DeviceID %#x points at ITT "
				 "%#llx, not its own %#llx",
				 dev, (unsigned long long)itt,
				 (unsigned long long)slot_of(dev));
			fail(msg);
		}
		if (size < 31 && ev < (1ULL << (size + 1))) {
			uint64_t at = itt + (uint64_t)ev * var.ite_size;

			ite = get(o->ram, at, 8);
			pintid = (uint32_t)(ite >> 16);
			icid = (uint32_t)(ite & 0xffff);
			mapped = pintid != 0;
			if (mapped && r == GICITS_DROP_EVENT_UNMAPPED)
				fail("isolation: MSI refused as event_unmapped "
				     "but d's ITE is valid");
			if (mapped && var.v4 && get(o->ram, at + 8, 4) >> 31) {
				virtual_ite(o, ite,
					    (uint32_t)get(o->ram, at + 8, 4), r,
					    &vt);
				mapped = vt.ok;
			} else if (mapped && icid >= var.hcc) {
				cte = get(o->ram, CT_PA + (uint64_t)icid * 8,
					  8);
				mapped = cte >> 63;
				if (mapped &&
				    r == GICITS_DROP_COLLECTION_UNMAPPED)
					fail("isolation: MSI refused as "
					     "collection_unmapped but the CTE "
					     "is valid");
			}
		} else if (size < 31 && r == GICITS_DROP_NONE) {
			fail("isolation: MSI delivered with an EventID beyond "
			     "d's ITT");
		}
		if (size < 31 && ev < (1ULL << (size + 1)) &&
		    r == GICITS_DROP_EVENT_OOR)
			fail("isolation: MSI refused as event_oor but the "
			     "EventID fits d's ITT");
	}
	if (r == 0 && !mapped) {
		snprintf(msg, sizeof(msg),
			 "isolation: MSI dev=%#x ev=%#x delivered but d's "
			 "tables map nothing",
			 dev, ev);
		fail(msg);
	}
	/* GICv4.0: the only VPT bit an MSI may set is its vLPI's, and a
	 * delivered vLPI is pending in its VPT -- unless its vPE is resident
	 * on the redistributor its vPE table entry names: then the vLPI is in
	 * that RD's resident set, no VPT bit changes and no doorbell rings.
	 * No other resident set gains anything. */
	if (var.v4) {
		(void)vpt_new_bits(o, vtarget_ok,
				   r == 0 && !vt.res ? &vt : NULL,
				   "isolation: an MSI set a VPT bit its ITE "
				   "does not name (or its vPE is resident)");
		if (r == 0 && vt.virt && !vt.res &&
		    !((get(o->ram, vt.vpt + vt.vint / 8, 1) >> (vt.vint % 8)) &
		      1))
			fail("isolation: vLPI delivered but its VPT bit is "
			     "clear");
		for (cpu = 0; cpu < NCPU; cpu++) {
			unsigned i;

			vpending_of(o, cpu, &after);
			for (i = 0; i < after.n; i++) {
				if (in_pset(&vbefore[cpu], after.id[i]))
					continue;
				if (r == 0 && vt.res && cpu == vt.cpu &&
				    after.id[i] == vt.vint)
					continue;
				snprintf(
					msg, sizeof(msg),
					"isolation: MSI dev=%#x ev=%#x (r=%d) "
					"made vINTID %u pending in the resident "
					"set of RD %u",
					dev, ev, r, after.id[i], cpu);
				fail(msg);
			}
			if (after.n < vbefore[cpu].n)
				fail("isolation: an MSI cleared a resident "
				     "vLPI");
			if (r == 0 && vt.res && cpu == vt.cpu &&
			    !in_pset(&after, vt.vint))
				fail("isolation: vLPI of a resident vPE "
				     "delivered but not in its RD's resident "
				     "set");
		}
	}
	for (cpu = 0; cpu < NCPU; cpu++) {
		unsigned i;

		pending_of(o, cpu, &after);
		for (i = 0; i < after.n; i++) {
			if (in_pset(&before[cpu], after.id[i]))
				continue;
			newly++;
			/* physical: the pINTID; virtual: the ITE's doorbell,
			 * on the vPE's redistributor (IHI 0069 GICv4.0
			 * "doorbell interrupts") */
			/* GICv4.1: or the vPE's default doorbell, on the
			 * same RD (spec/gicv41.md §8.1, §8.2) */
			if (r != 0 || vt.res ||
			    (vt.virt ? (after.id[i] != vt.db &&
					after.id[i] != vt.ddb) ||
					       cpu != vt.cpu :
				       after.id[i] != pintid)) {
				snprintf(msg, sizeof(msg),
					 "isolation: MSI dev=%#x ev=%#x (r=%d) "
					 "made INTID %u pending on CPU %u; "
					 "d's ITE says %u%s (default doorbell "
					 "%u, RD %u)",
					 dev, ev, r, after.id[i], cpu,
					 vt.virt ? vt.db : pintid,
					 vt.virt ? " (doorbell)" : "", vt.ddb,
					 vt.cpu);
				fail(msg);
			}
		}
		if (r == 0 && !vt.virt && in_pset(&after, pintid))
			found = 1;
		if (r == 0 && vt.virt && cpu == vt.cpu &&
		    (vt.res || vt.db == GICITS_CMD_NO_DOORBELL ||
		     in_pset(&after, vt.db) || !lpis_enabled(o, cpu)))
			found = 1;
		if (after.n < before[cpu].n)
			fail("isolation: an MSI cleared a pending LPI");
	}
	/* GICv4.1 with nID = 0: the individual and the default doorbell */
	if (newly > 1 &&
	    !(newly == 2 && vt.virt && vt.db != GICITS_CMD_NO_DOORBELL &&
	      vt.ddb != GICITS_CMD_NO_DOORBELL && vt.db != vt.ddb))
		fail("isolation: one MSI made more than one LPI pending");
	if (r == 0 && !found) {
		/* pending, unless the ITS's answer is "already was and was
		 * acknowledged meanwhile": impossible within one call */
		snprintf(msg, sizeof(msg),
			 "isolation: MSI dev=%#x ev=%#x returned 0 but INTID "
			 "%u is pending nowhere%s",
			 dev, ev, vt.virt ? vt.db : pintid,
			 vt.virt ? " (the doorbell of an enabled RD)" : "");
		fail(msg);
	}
}

/* GICR_CTLR.EnableLPIs of @cpu: a redistributor with LPIs disabled drops
 * a doorbell (IHI 0069 GICR_CTLR.EnableLPIs). */
static bool lpis_enabled(struct one *o, unsigned cpu)
{
	uint64_t v = 0;

	if (gicits_rdist_read(o->gic, cpu, GICITS_GICR_CTLR, 4, &v))
		fail("GICR_CTLR read");
	return v & 1;
}

static void do_msi(uint32_t dev, uint32_t ev, bool via_mmio)
{
	static struct pset before[NSYS][NCPU], vbefore[NSYS][NCPU];
	uint16_t q0[NSYS][NQVPE], q1[NQVPE];
	int r[NSYS];
	unsigned k, cpu;

	if (!var.raw)
		for (k = 0; k < NSYS; k++)
			for (cpu = 0; cpu < NCPU; cpu++) {
				pending_of(&sys[k], cpu, &before[k][cpu]);
				vbefore[k][cpu].n = 0;
				if (var.v4)
					vpending_of(&sys[k], cpu,
						    &vbefore[k][cpu]);
				if (var.v41 && cpu == 0)
					vsgi_all(&sys[k], q0[k]);
			}
	for (k = 0; k < NSYS; k++) {
		if (via_mmio)
			r[k] = gicits_its_mmio_write(
				sys[k].its, GICITS_GITS_TRANSLATER, 4, ev, dev);
		else if (modes[k] == GICITS_CACHE_ON && ((dev ^ ev) & 1)) {
			/* half the MSIs of the indexed system go through the
			 * burst call (its prefetch phases, then the same
			 * path): the differential check covers it */
			struct gicits_msi m = { dev, ev };
			int rb = -100;

			if (gicits_its_msi_burst(sys[k].its, &m, 1, &rb) !=
			    (rb == 0))
				fail("gicits_its_msi_burst count differs from its result");
			r[k] = rb;
		} else {
			r[k] = gicits_its_msi(sys[k].its, dev, ev);
		}
	}
	if (var.raw)
		return;
	for (k = 1; k < NSYS; k++)
		if (r[k] != r[0])
			fail("differential: gicits_its_msi results differ");
	if (via_mmio) {
		if (r[0] != GICITS_OK)
			fail("TRANSLATER write failed");
		return;
	}
	for (k = 0; k < NSYS; k++) {
		isolation(&sys[k], dev, ev, r[k], before[k], vbefore[k]);
		/* GICv4.1: an MSI makes no vSGI of any vPE pending (only a
		 * vLPI, spec/gicv41.md §3.4, §4) */
		if (var.v41) {
			vsgi_all(&sys[k], q1);
			if (memcmp(q1, q0[k], sizeof(q1)))
				fail("isolation: an MSI changed a vPE's vSGI "
				     "pending bits");
		}
	}
}

static void do_ack(struct input *in)
{
	uint8_t b = u8(in);
	unsigned cpu = b % NCPU, k;
	uint32_t id[NSYS];
	int e[NSYS];

	for (k = 0; k < NSYS; k++) {
		id[k] = gicits_cpu_ack(sys[k].gic, cpu);
		e[k] = 0;
		if (b & 0x80)
			e[k] = gicits_cpu_eoi(sys[k].gic, cpu, id[k]);
	}
	if (var.raw)
		return;
	for (k = 1; k < NSYS; k++)
		if (id[k] != id[0] || e[k] != e[0])
			fail("differential: acknowledged INTIDs differ");
}

static void do_eoi(struct input *in)
{
	unsigned cpu = u8(in) % NCPU, k;
	uint32_t id = pick_intid(in);
	int e[NSYS];

	for (k = 0; k < NSYS; k++)
		e[k] = gicits_cpu_eoi(sys[k].gic, cpu, id);
	if (!var.raw)
		for (k = 1; k < NSYS; k++)
			if (e[k] != e[0])
				fail("differential: EOI results differ");
}

static void mmio_compare(const uint64_t *v, const int *e)
{
	unsigned k;

	if (var.raw)
		return;
	for (k = 1; k < NSYS; k++)
		if (v[k] != v[0] || e[k] != e[0])
			fail("differential: register reads differ");
}

static void its_read(uint32_t off, unsigned size)
{
	uint64_t v[NSYS];
	int e[NSYS];
	unsigned k;

	for (k = 0; k < NSYS; k++) {
		v[k] = 0;
		e[k] = gicits_its_mmio_read(sys[k].its, off, size, &v[k]);
	}
	mmio_compare(v, e);
}

static void its_write(uint32_t off, unsigned size, uint64_t val)
{
	unsigned k;

	if (var.raw && off >= GICITS_GITS_CBASER &&
	    off < GICITS_GITS_CREADR + 8)
		wild_creadr = true;
	for (k = 0; k < NSYS; k++)
		gicits_its_mmio_write(sys[k].its, off, size, val, 0);
}

static void rd_read(unsigned cpu, uint32_t off, unsigned size)
{
	uint64_t v[NSYS];
	int e[NSYS];
	unsigned k;

	for (k = 0; k < NSYS; k++) {
		v[k] = 0;
		e[k] = gicits_rdist_read(sys[k].gic, cpu, off, size, &v[k]);
	}
	mmio_compare(v, e);
}

static void rd_write(unsigned cpu, uint32_t off, unsigned size, uint64_t val)
{
	unsigned k;

	for (k = 0; k < NSYS; k++)
		gicits_rdist_write(sys[k].gic, cpu, off, size, val);
}

static void ram_write(uint64_t pa, uint8_t b)
{
	unsigned k;

	for (k = 0; k < NSYS; k++)
		sys[k].ram[pa % ram_size] = b;
}

static const uint32_t its_regs[] = { GICITS_GITS_CTLR,
				     GICITS_GITS_IIDR,
				     GICITS_GITS_TYPER,
				     GICITS_GITS_STATUSR,
				     GICITS_GITS_UMSIR,
				     GICITS_GITS_CBASER,
				     GICITS_GITS_CWRITER,
				     GICITS_GITS_CREADR,
				     GICITS_GITS_BASER(0),
				     GICITS_GITS_BASER(1),
				     GICITS_GITS_BASER(2),
				     GICITS_GITS_PIDR2,
				     0x0010,
				     0x0400,
				     GICITS_GITS_TRANSLATER };
static const uint32_t rd_regs[] = {
	GICITS_GICR_CTLR,      GICITS_GICR_IIDR,
	GICITS_GICR_TYPER,     GICITS_GICR_STATUSR,
	GICITS_GICR_WAKER,     GICITS_GICR_SETLPIR,
	GICITS_GICR_CLRLPIR,   GICITS_GICR_PROPBASER,
	GICITS_GICR_PENDBASER, GICITS_GICR_INVLPIR,
	GICITS_GICR_INVALLR,   GICITS_GICR_SYNCR,
	GICITS_GICR_PIDR2,     0x0020
};

/* One of the last NRECENT events a VMAPTI/VMAPI/VMOVI named (any event
 * while there is none). */
static void recent_event(struct input *in, uint32_t *dev, uint32_t *ev)
{
	uint8_t b = u8(in);
	unsigned n = asked.nrecent < NRECENT ? asked.nrecent : NRECENT;

	if (!n) {
		*dev = pick_dev(in);
		*ev = pick_event(in);
		return;
	}
	*dev = asked.rdev[b % n];
	*ev = asked.rev[b % n];
}

/* ---- GICv4.0 residency (op 69) ------------------------------------------ */

/* The VPT slot at @pa (VPT_PA(k)), or -1: a VPT outside guest memory. */
static int vpt_slot(uint64_t pa)
{
	uint64_t k = (pa - VPT_PA(0)) / 0x10000u;

	if (pa < VPT_PA(0) || pa % 0x10000u || k >= NVPT)
		return -1;
	return (int)k;
}

/* Whether bit @vint of the VPT copy @vpt is set. */
static bool vpt_bit(const uint8_t *vpt, uint32_t vint)
{
	return vint / 8 < VPT_BYTES && (vpt[vint / 8] >> (vint % 8)) & 1;
}

/* Each system's copy of the VPT a vPE was scheduled with on each RD: what
 * its resident set may hold besides the vLPIs ITEs were asked to name. */
static uint8_t sched_vpt[NSYS][NCPU][VPT_BYTES];

/* The vINTIDs an RD takes from a VPT at scheduling: 8192 up to its
 * GICR_VPROPBASER.IDbits (<gicits/rdist.h>), at most intid_bits 14. */
static uint32_t vprop_limit(struct one *o, unsigned cpu)
{
	uint64_t prop = 0;
	unsigned b;

	gicits_rdist_read(o->gic, cpu, GICITS_GICR_VPROPBASER, 8, &prop);
	b = (unsigned)(prop & 31);
	if (b < 13)
		return 0;
	return b + 1 < 14 ? 1u << (b + 1) : 1u << 14;
}

/*
 * Write GICR_VPENDBASER of @cpu in every system and check what the
 * residency change did (structured mode), in each system:
 *  - scheduling (not resident -> resident): the resident set is exactly
 *    the VPT's bits 8192..limit (nothing for a VPT outside guest memory);
 *  - descheduling: the VPT afterwards is the VPT before ORed with the
 *    resident set (no bit lost, none cleared, none invented, the first
 *    1 KB untouched), the resident set is empty, and PendingLast is 1 only
 *    if something was pending (RESCAN: exactly when an enabled vLPI was,
 *    per the configuration table in guest memory).
 */
static void vpend_write(unsigned cpu, uint32_t off, unsigned size, uint64_t val)
{
	static struct pset s[NSYS];
	static uint8_t vpts[NSYS][NVPT][VPT_BYTES];
	uint64_t was[NSYS];
	long was_vpe[NSYS];
	unsigned k, i;
	char msg[200];
	/* GICv4.1: PendingLast as this write gives it (Valid 1 -> 0 with
	 * PendingLast written 1: reads 1, spec/gicv41.md §5.2) */
	bool plw = size == 8 ?
			   val >> 61 & 1 :
			   off == GICITS_GICR_VPENDBASER + 4 && (val >> 29 & 1);

	for (k = 0; k < NSYS && !var.raw; k++) {
		was[k] = resident_vpt(&sys[k], cpu);
		was_vpe[k] = var.v41 ? resident_vpeid(&sys[k], cpu) : -1;
		vpending_of(&sys[k], cpu, &s[k]);
		for (i = 0; i < NVPT; i++)
			memcpy(vpts[k][i], sys[k].ram + VPT_PA(i), VPT_BYTES);
	}
	for (k = 0; k < NSYS; k++)
		gicits_rdist_write(sys[k].gic, cpu, off, size, val);
	if (var.raw)
		return;
	for (k = 0; k < NSYS; k++) {
		struct one *o = &sys[k];
		uint64_t now = resident_vpt(o, cpu), vpt;
		static struct pset p;

		vpending_of(o, cpu, &p);
		if (!was[k] && now) { /* scheduled */
			uint32_t lim = vprop_limit(o, cpu), v;
			unsigned n = 0;
			int sl;

			if (var.v41) {
				/* 4.1: the vINTID width is the entry's
				 * VPT_size (spec/gicv41.md §3.1, §5.1), read
				 * from the vPE table GICR_VPROPBASER names */
				uint64_t w1,
					e = walk_vpe41(o->ram,
						       (uint32_t)resident_vpeid(
							       o, cpu),
						       &w1);

				lim = vpt_size_limit(VPTE_SIZE(e));
				sched_lim[k][cpu] = lim;
				sched_vconf[k][cpu] = VPTE1_VCONF(w1);
			}

			vpt = now & ~1ULL;
			sl = vpt_slot(vpt);
			if (sl >= 0)
				memcpy(sched_vpt[k][cpu], vpts[k][sl],
				       VPT_BYTES);
			else
				memset(sched_vpt[k][cpu], 0, VPT_BYTES);
			/* the RD may zero the bytes it loaded (the VPT is
			 * UNKNOWN while resident); nothing else changes */
			for (i = 0; sl >= 0 && i < VPT_BYTES; i++) {
				uint8_t now_b = o->ram[vpt + i];

				if (now_b != vpts[k][sl][i] &&
				    (now_b || i < LPI_LO / 8 || i >= lim / 8))
					fail("scheduling changed the VPT "
					     "otherwise than zeroing bytes "
					     "it loaded");
			}
			for (v = LPI_LO; v < lim; v++) {
				if (!vpt_bit(sched_vpt[k][cpu], v))
					continue;
				if (!in_pset(&p, v)) {
					snprintf(msg, sizeof(msg),
						 "scheduling on RD %u: VPT bit "
						 "%u not in the resident set",
						 cpu, v);
					fail(msg);
				}
				n++;
			}
			if (p.n != n)
				fail("scheduling: the resident set holds a "
				     "vINTID the VPT does not");
		} else if (was[k] && !now) { /* descheduled */
			uint64_t pend = 0, prop = 0;
			bool any_enabled = false;

			int sl;

			vpt = was[k] & ~1ULL;
			sl = vpt_slot(vpt);
			if (p.n)
				fail("descheduling left a resident set");
			if (sl >= 0) {
				uint8_t *before = vpts[k][sl];

				for (i = 0; i < s[k].n; i++) {
					uint32_t v = s[k].id[i];

					if (v / 8 < VPT_BYTES)
						before[v / 8] |=
							(uint8_t)(1u
								  << (v % 8));
				}
				if (memcmp(before, o->ram + vpt, VPT_BYTES))
					fail("descheduling: the VPT is not "
					     "its old content ORed with the "
					     "resident set");
			}
			gicits_rdist_read(o->gic, cpu, GICITS_GICR_VPROPBASER,
					  8, &prop);
			if (var.v41) /* 4.1: the VCONF it was scheduled with */
				prop = sched_vconf[k][cpu];
			for (i = 0; i < s[k].n; i++) {
				uint64_t at = (prop & 0xFFFFFFFFFF000ULL) +
					      s[k].id[i] - LPI_LO;

				if (get(o->ram, at, 1) & 1)
					any_enabled = true;
			}
			/* the Dirty window does not hide PendingLast */
			gicits_rdist_read(o->gic, cpu, GICITS_GICR_VPENDBASER,
					  8, &pend);
			if (var.v41) {
				/* 4.1 (spec/gicv41.md §5.2): written 1, it
				 * reads 1; else 1 exactly when something
				 * pending counts: an enabled vLPI with
				 * VGrp1En, or a vSGI (GIC state: only its
				 * pending bits are visible here) */
				uint16_t sg =
					vsgi_pend(o, (uint16_t)was_vpe[k]);
				bool pl = pend >> 61 & 1;

				if (plw && !pl)
					fail("descheduling (4.1): PendingLast "
					     "written 1 reads 0");
				if (!plw && pl &&
				    !(any_enabled && (pend >> 58 & 1)) && !sg)
					fail("descheduling (4.1): PendingLast "
					     "= 1 with nothing pending");
				if (!plw && !pl && any_enabled &&
				    (pend >> 58 & 1))
					fail("descheduling (4.1): PendingLast "
					     "= 0 with an enabled vLPI pending "
					     "and VGrp1En");
				continue;
			}
			if ((pend >> 61 & 1) && !s[k].n)
				fail("descheduling: PendingLast = 1 with "
				     "nothing pending");
			if (var.pl_rescan && !!(pend >> 61 & 1) != any_enabled)
				fail("descheduling: PendingLast (RESCAN) is "
				     "not whether an enabled vLPI was "
				     "pending");
		} else if (was[k] != now) {
			fail("GICR_VPENDBASER: the resident VPT changed "
			     "without descheduling");
		}
	}
}

/*
 * After every op (structured GICv4 mode): every vLPI in a resident set is
 * one an ITE was asked to name for the resident VPT, or was in that VPT
 * when the vPE was scheduled (isolation across residency changes).
 */
static void resident_check(void)
{
	static struct pset p;
	unsigned k, cpu, i;
	char msg[200];

	if (asked.overflow)
		return;
	for (k = 0; k < NSYS; k++)
		for (cpu = 0; cpu < NCPU; cpu++) {
			uint64_t vpt = resident_vpt(&sys[k], cpu) & ~1ULL;

			vpending_of(&sys[k], cpu, &p);
			for (i = 0; i < p.n; i++) {
				if (vpt_bit_asked(vpt, p.id[i]) ||
				    vpt_bit(sched_vpt[k][cpu], p.id[i]))
					continue;
				snprintf(msg, sizeof(msg),
					 "isolation: vINTID %u pending in the "
					 "resident set of RD %u (VPT %#llx): "
					 "no ITE was asked to name it",
					 p.id[i], cpu, (unsigned long long)vpt);
				fail(msg);
			}
		}
}

/* The VPT a schedule names: usually the VPT of one of the fuzz vPEs (its
 * vPE table entry, or its slot if unmapped), sometimes another slot or
 * one outside guest memory. */
static uint64_t pick_sched_vpt(struct input *in)
{
	uint8_t v = u8(in);
	uint64_t e;

	if (v < 192) {
		e = walk_vpe(sys[0].ram, v % 8);
		return VPTE_VALID(e) ? VPTE_VPT(e) : VPT_PA(v % NVPT);
	}
	if (v < 240)
		return VPT_PA(v % NVPT);
	return 0x40000000ull + (uint64_t)(v & 7) * 0x10000u;
}

/*
 * Op 69: vPE residency and the virtual CPU interface, on redistributor
 * b % 4, kind (b >> 2) % 8; b bit 5 is a flag of the kind.
 */
static void residency(struct input *in)
{
	uint8_t b = u8(in), a = u8(in);
	unsigned cpu = b % NCPU, k;
	bool flag = b & 0x20;
	uint32_t id[NSYS];
	int e[NSYS];

	if (var.raw) { /* any value, size and half of either register */
		uint32_t off = (b & 0x10) ? GICITS_GICR_VPROPBASER :
					    GICITS_GICR_VPENDBASER;
		unsigned size = (a & 1) ? 4 : 8;

		if ((b >> 2) % 4 == 3) {
			for (k = 0; k < NSYS; k++)
				gicits_vcpu_ack(sys[k].gic, cpu, &id[k]);
			return;
		}
		if (size == 4 && (a & 2))
			off += 4;
		vpend_write(cpu, off, size, u64(in));
		return;
	}
	switch ((b >> 2) % 8) {
	case 0: /* schedule: VPROPBASER (IDbits 13, or a & 15), then Valid */
		rd_write(cpu, GICITS_GICR_VPROPBASER, 8,
			 VPROP_PA | (a & 0x80 ? a & 15u : 13u));
		vpend_write(cpu, GICITS_GICR_VPENDBASER, 8,
			    1ULL << 63 | (uint64_t)(a & 0x40) << 56 |
				    pick_sched_vpt(in));
		break;
	case 1: /* deschedule (flag: through the upper half only) */
		if (flag)
			vpend_write(cpu, GICITS_GICR_VPENDBASER + 4, 4,
				    (a & 0x40) << 24);
		else
			vpend_write(cpu, GICITS_GICR_VPENDBASER, 8,
				    (uint64_t)(a & 0x40) << 56);
		break;
	case 2: /* a VPENDBASER write whatever the state: Valid = a bit 0 */
		vpend_write(
			cpu, GICITS_GICR_VPENDBASER, 8,
			(uint64_t)(a & 1) << 63 | (uint64_t)(a & 0x40) << 56 |
				(flag ? 1ULL << 61 : 0) | pick_sched_vpt(in));
		break;
	case 3: /* VPROPBASER (while resident: ignored), or a vLPI's
		 * configuration byte */
		if (flag)
			ram_write(VPROP_PA + a, u8(in));
		else
			rd_write(cpu, GICITS_GICR_VPROPBASER, 8,
				 VPROP_PA | (a & 31));
		break;
	case 4: /* VLPI_base reads (PendingLast; the Dirty window) */
		rd_read(cpu,
			(a & 1 ? GICITS_GICR_VPENDBASER :
				 GICITS_GICR_VPROPBASER) +
				(a & 2 ? 4 : 0),
			a & 2 ? 4 : 8);
		break;
	case 5: /* vCPU acknowledge, flag: then EOI */
		for (k = 0; k < NSYS; k++) {
			id[k] = 0;
			e[k] = gicits_vcpu_ack(sys[k].gic, cpu, &id[k]);
			if (!e[k] && flag)
				e[k] = gicits_vcpu_eoi(sys[k].gic, cpu, id[k]);
		}
		for (k = 1; k < NSYS; k++)
			if (id[k] != id[0] || e[k] != e[0])
				fail("differential: acknowledged vINTIDs "
				     "differ");
		break;
	case 6: { /* vCPU EOI */
		uint32_t v = flag ? LPI_LO + a : (uint32_t)a << 6;

		for (k = 0; k < NSYS; k++)
			e[k] = gicits_vcpu_eoi(sys[k].gic, cpu, v);
		for (k = 1; k < NSYS; k++)
			if (e[k] != e[0])
				fail("differential: vCPU EOI results differ");
		break;
	}
	default: /* VPMR */
		for (k = 0; k < NSYS; k++)
			gicits_vcpu_set_vpmr(sys[k].gic, cpu, a);
		break;
	}
}

/* ---- GICv4.1 (ops 69..74 of a GICv4.1 input) ---------------------------- */

/* GICR_VPENDBASER (4.1 layout, spec/gicv41.md §5.2) */
#define VP41_VALID (1ULL << 63)
#define VP41_DB (1ULL << 62)
#define VP41_PL (1ULL << 61)
#define VP41_DIRTY (1ULL << 60)
#define VP41_G0 (1ULL << 59)
#define VP41_G1 (1ULL << 58)

/* Software polls Dirty == 0 before a VPENDBASER write (§7.1 step 1, §7.2
 * steps 1 and 3): reads compared across the systems; returns the value. */
static uint64_t vpend41_settle(unsigned cpu)
{
	uint64_t v[NSYS];
	int e[NSYS];
	unsigned k, n;

	for (n = 0; n < 8; n++) {
		for (k = 0; k < NSYS; k++) {
			v[k] = 0;
			e[k] = gicits_rdist_read(sys[k].gic, cpu,
						 GICITS_GICR_VPENDBASER, 8,
						 &v[k]);
		}
		mmio_compare(v, e);
		if (!(v[0] & VP41_DIRTY))
			return v[0];
	}
	fail("GICR_VPENDBASER: Dirty beyond vpe_dirty_reads reads");
	return 0;
}

/*
 * Op 69 of a GICv4.1 input: residency with the 4.1 layouts and the vCPU
 * interface, on redistributor b % 4, kind (b >> 2) % 8, b bit 5 a flag.
 * Structured: Dirty is polled to 0 before every VPENDBASER write (unless
 * b bit 4: a driver mistake, §13 rows 8/9, a finding in every system).
 */
static void residency41(struct input *in)
{
	uint8_t b = u8(in), a = u8(in);
	unsigned cpu = b % NCPU, k;
	bool flag = b & 0x20;
	uint64_t cur = 0, v;
	uint32_t id[NSYS];
	int e[NSYS];

	if (var.raw) { /* any value, size and half of the VLPI_base frame */
		static const uint32_t offs[4] = { GICITS_GICR_VPENDBASER,
						  GICITS_GICR_VPROPBASER,
						  GICITS_GICR_VSGIR,
						  GICITS_GICR_VSGIPENDR };
		uint32_t off = offs[(b >> 4) & 3];
		unsigned size = (a & 1) ? 4 : 8;

		if ((b >> 2) % 4 == 3) {
			for (k = 0; k < NSYS; k++)
				gicits_vcpu_ack(sys[k].gic, cpu, &id[k]);
			return;
		}
		if (size == 4 && (a & 2))
			off += 4;
		vpend_write(cpu, off, size, u64(in));
		return;
	}
	if ((b >> 2) % 8 <= 2 && !(b & 0x10))
		cur = vpend41_settle(cpu);
	switch ((b >> 2) % 8) {
	case 0: /* schedule (§7.1): PendingLast RES1 written 1 (Linux: 0),
		 * VGrp1En (a bit 1 clear), VGrp0En (a bit 0) */
		vpend_write(cpu, GICITS_GICR_VPENDBASER, 8,
			    VP41_VALID | (a & 4 ? 0 : VP41_PL) |
				    (a & 1 ? VP41_G0 : 0) |
				    (a & 2 ? 0 : VP41_G1) | pick_vpe(in));
		break;
	case 1: /* deschedule (§7.2) rewriting vPEID and VGrpNEn as read
		 * (Linux), Doorbell a bit 6, PendingLast a bit 5; flag:
		 * through the upper half only */
		v = (cur & (VP41_G0 | VP41_G1 | 0xffffULL)) |
		    (a & 0x40 ? VP41_DB : 0) | (a & 0x20 ? VP41_PL : 0);
		if (flag)
			vpend_write(cpu, GICITS_GICR_VPENDBASER + 4, 4,
				    v >> 32);
		else
			vpend_write(cpu, GICITS_GICR_VPENDBASER, 8, v);
		break;
	case 2: /* any VPENDBASER write: Valid a bit 0, Doorbell a bit 6,
		 * PendingLast flag, VGrpNEn a bits 2..3, vPEID */
		vpend_write(
			cpu, GICITS_GICR_VPENDBASER, 8,
			(a & 1 ? VP41_VALID : 0) | (a & 0x40 ? VP41_DB : 0) |
				(flag ? VP41_PL : 0) | (a & 4 ? VP41_G0 : 0) |
				(a & 8 ? VP41_G1 : 0) | pick_vpe(in));
		break;
	case 3: /* a vLPI's VCONF byte, or GICR_VPROPBASER: the vPE table,
		 * with Z, invalid, or (a bit 2) a 32-bit half (while
		 * resident: ignored) */
		if (flag) {
			ram_write(VCONF_PA + a, u8(in));
			break;
		}
		v = a & 1 ? vprop41() & ~(1ULL << 63) :
			    vprop41() | (a & 2 ? 1ULL << 52 : 0);
		if (a & 4)
			rd_write(cpu, GICITS_GICR_VPROPBASER + (a & 8 ? 4 : 0),
				 4, a & 8 ? v >> 32 : (uint32_t)v);
		else
			rd_write(cpu, GICITS_GICR_VPROPBASER, 8, v);
		break;
	case 4: /* VLPI_base reads */
		rd_read(cpu,
			(a & 1 ? GICITS_GICR_VPENDBASER :
				 GICITS_GICR_VPROPBASER) +
				(a & 2 ? 4 : 0),
			a & 2 ? 4 : 8);
		break;
	case 5: /* vCPU acknowledge (vLPIs and vSGIs), flag: then EOI */
		for (k = 0; k < NSYS; k++) {
			id[k] = 0;
			e[k] = gicits_vcpu_ack(sys[k].gic, cpu, &id[k]);
			if (!e[k] && flag)
				e[k] = gicits_vcpu_eoi(sys[k].gic, cpu, id[k]);
		}
		for (k = 1; k < NSYS; k++)
			if (id[k] != id[0] || e[k] != e[0])
				fail("differential: acknowledged vINTIDs "
				     "differ");
		break;
	case 6: { /* vCPU EOI (a vSGI's INTID too) */
		uint32_t vi = flag   ? LPI_LO + a :
			      a < 32 ? a % 16u :
				       (uint32_t)a << 6;

		for (k = 0; k < NSYS; k++)
			e[k] = gicits_vcpu_eoi(sys[k].gic, cpu, vi);
		for (k = 1; k < NSYS; k++)
			if (e[k] != e[0])
				fail("differential: vCPU EOI results differ");
		break;
	}
	default: /* VPMR */
		for (k = 0; k < NSYS; k++)
			gicits_vcpu_set_vpmr(sys[k].gic, cpu, a);
		break;
	}
}

/*
 * Op 72: a GITS_SGIR write (spec/gicv41.md §4) and, in structured mode,
 * the vSGI isolation check in every system: only vSGI @val[3:0] of vPE
 * @val[47:32] becomes pending, and only if the vPE table entry (walked
 * independently) is valid and no RES0 bit is set -- then it must; no
 * other queried vPE's vSGIs change, no VPT bit and no resident set
 * changes, and the one physical LPI that may become pending is the vPE's
 * default doorbell on the RD its entry names (§8.2, §9 item 8).
 */
static void do_sgir(uint64_t val)
{
	static struct pset before[NSYS][NCPU], vbefore[NSYS][NCPU], after;
	uint16_t q0[NSYS][NQVPE], q1[NQVPE], vpe = (uint16_t)(val >> 32);
	unsigned k, cpu, i, sgi = (unsigned)(val & 15);
	char msg[200];

	if (!var.raw)
		for (k = 0; k < NSYS; k++) {
			for (cpu = 0; cpu < NCPU; cpu++) {
				pending_of(&sys[k], cpu, &before[k][cpu]);
				vpending_of(&sys[k], cpu, &vbefore[k][cpu]);
			}
			vsgi_all(&sys[k], q0[k]);
		}
	for (k = 0; k < NSYS; k++)
		gicits_its_mmio_write(sys[k].its, GICITS_GITS_SGIR, 8, val, 0);
	if (var.raw)
		return;
	for (k = 0; k < NSYS; k++) {
		struct one *o = &sys[k];
		uint64_t w1, e = walk_vpe41(o->ram, vpe, &w1);
		bool set = VPTE_VALID(e) && !(val & 0xFFFF0000FFFFFFF0ULL);
		uint32_t ddb = VPTE1_DB(w1);
		unsigned newly = 0;

		(void)vpt_new_bits(o, vtarget_ok, NULL,
				   "vSGI isolation: a GITS_SGIR write set a "
				   "VPT bit");
		vsgi_all(o, q1);
		for (i = 0; i < NQVPE; i++) {
			uint16_t want = q0[k][i];

			if (qvpe[i] == vpe && set)
				want = (uint16_t)(want | 1u << sgi);
			if (q1[i] == want)
				continue;
			snprintf(msg, sizeof(msg),
				 "vSGI isolation: GITS_SGIR %#llx: vPE %u's "
				 "vSGI pending bits %#x -> %#x, expected %#x",
				 (unsigned long long)val, qvpe[i], q0[k][i],
				 q1[i], want);
			fail(msg);
		}
		for (cpu = 0; cpu < NCPU; cpu++) {
			vpending_of(o, cpu, &after);
			if (after.n != vbefore[k][cpu].n ||
			    memcmp(after.id, vbefore[k][cpu].id,
				   after.n * sizeof(uint32_t)))
				fail("vSGI isolation: a GITS_SGIR write "
				     "changed a resident vLPI set");
			pending_of(o, cpu, &after);
			if (after.n < before[k][cpu].n)
				fail("vSGI isolation: a GITS_SGIR write "
				     "cleared a pending LPI");
			for (i = 0; i < after.n; i++) {
				if (in_pset(&before[k][cpu], after.id[i]))
					continue;
				newly++;
				if (set && cpu == VPTE_CPU(e) &&
				    after.id[i] == ddb)
					continue;
				snprintf(msg, sizeof(msg),
					 "vSGI isolation: GITS_SGIR %#llx made "
					 "INTID %u pending on CPU %u (the "
					 "vPE's default doorbell: %u on %u)",
					 (unsigned long long)val, after.id[i],
					 cpu, ddb, VPTE_CPU(e));
				fail(msg);
			}
		}
		if (newly > 1)
			fail("vSGI isolation: more than one LPI pending");
	}
}

/* Op 73: GICR_VSGIR / GICR_VSGIPENDR (spec/gicv41.md §5.3) on RD b % 4:
 * a query of a vPE polled as Linux does (every read compared), a lone
 * read, or an access software should not make. */
static void vsgir_op(struct input *in)
{
	uint8_t b = u8(in);
	unsigned cpu = b % NCPU, n;

	if (var.raw) {
		uint32_t off =
			b & 4 ? GICITS_GICR_VSGIPENDR : GICITS_GICR_VSGIR;

		if (b & 8)
			rd_read(cpu, off, 4);
		else
			rd_write(cpu, off, b & 16 ? 8 : 4, u64(in));
		return;
	}
	switch ((b >> 2) % 4) {
	case 0:
	case 1:
		rd_write(cpu, GICITS_GICR_VSGIR, 4, pick_vpe(in));
		for (n = 0; n < 3; n++)
			rd_read(cpu, GICITS_GICR_VSGIPENDR, 4);
		break;
	case 2:
		rd_read(cpu, GICITS_GICR_VSGIPENDR, 4);
		break;
	default:
		if (b & 0x10)
			rd_read(cpu, GICITS_GICR_VSGIR, 4);
		else
			rd_write(cpu, GICITS_GICR_VSGIPENDR, 4, u8(in));
		break;
	}
}

/* Op 74: GICR_INVLPIR / GICR_INVALLR with V = 1 (spec/gicv41.md §5.4) for
 * a vPE, at its mapped RD (b bit 2) or RD b % 4; b bit 4: a 32-bit write
 * (zero-extended: V = 0, a physical invalidation). */
static void vinv_op(struct input *in)
{
	uint8_t b = u8(in);
	uint16_t vpe = pick_vpe(in);
	uint32_t intid = pick_intid(in);
	unsigned cpu = b % NCPU;
	uint64_t e = walk_vpe(sys[0].ram, vpe);
	uint32_t off = b & 8 ? GICITS_GICR_INVALLR : GICITS_GICR_INVLPIR;
	uint64_t v = 1ULL << 63 | (uint64_t)vpe << 32 | (b & 8 ? 0 : intid);

	if (var.raw) {
		rd_write(cpu, off, b & 0x10 ? 4 : 8, u64(in));
		return;
	}
	if ((b & 4) && VPTE_VALID(e) && VPTE_CPU(e) < NCPU)
		cpu = VPTE_CPU(e);
	rd_write(cpu, off, b & 0x10 ? 4 : 8, b & 0x10 ? (uint32_t)v : v);
}

/* GICv4.1, structured: VMAPP's PTZ = 1 claims the VPT is zero (spec/
 * gicv41.md §3.2; UNPREDICTABLE otherwise).  Kept only when it is: the
 * queue is idle (the command runs now), the vPE is resident nowhere and
 * its VPT is all zero in guest memory. */
static bool ptz_true(const struct gicits_cmd *c)
{
	uint64_t vpt = gicits_cmd_get(c, GICITS_CMD_F_VPT_ADDR) << 16;
	long vpe = (long)gicits_cmd_get(c, GICITS_CMD_F_VPEID);
	uint64_t creadr = 0;
	int sl = vpt_slot(vpt);
	unsigned cpu, i;

	gicits_its_mmio_read(sys[0].its, GICITS_GITS_CREADR, 8, &creadr);
	if (creadr != cwriter)
		return false;
	for (cpu = 0; cpu < NCPU; cpu++)
		if (resident_vpeid(&sys[0], cpu) == vpe)
			return false;
	for (i = 0; sl >= 0 && i < VPT_BYTES; i++)
		if (sys[0].ram[VPT_PA(sl) + i])
			return false;
	return true;
}

/*
 * The GICv4.0 ops (60..69) of a GICv4 input (@code; @op the op byte), and
 * with GICv4.1 ops 70..74.  Returns false for a code that is none of them.
 */
static bool v4_step(struct input *in, uint8_t op, unsigned code)
{
	static const uint8_t vop[NVCMD41] = {
		GICITS_CMD_VMAPP,   GICITS_CMD_VMAPTI, GICITS_CMD_VMAPI,
		GICITS_CMD_VMOVI,   GICITS_CMD_VMOVP,  GICITS_CMD_VSYNC,
		GICITS_CMD_VINVALL, GICITS_CMD_VSGI,   GICITS_CMD_INVDB
	};
	struct gicits_cmd c;
	uint32_t dev, ev;
	unsigned k;

	if ((code >= 60 && code < 60 + NVCMD) ||
	    (var.v41 && (code == 70 || code == 71))) {
		/* 4.1: ops 70, 71 are VSGI and INVDB (which 7, 8) */
		unsigned which = code < 70 ? code - 60 : code - 63;

		if (var.raw) {
			/* raw bits with this command number (any number:
			 * ops 0..12 with op & 0x40) */
			for (k = 0; k < 4; k++)
				c.dw[k] = u64(in);
			gicits_cmd_set(&c, GICITS_CMD_F_OPCODE, vop[which]);
		} else if (which == 1 || which == 3) {
			/* VMAPTI over, or VMOVI of, a recently V-mapped
			 * event half of the time */
			uint8_t b = u8(in);

			if (b & 1) {
				recent_event(in, &dev, &ev);
				structured_vcmd(in, which, &c, &dev, &ev);
			} else {
				structured_vcmd(in, which, &c, NULL, NULL);
			}
		} else {
			structured_vcmd(in, which, &c, NULL, NULL);
		}
		if (!var.raw && var.v41 && which == 0 &&
		    gicits_cmd_get(&c, GICITS_CMD_F_PTZ)) {
			if (!ptz_true(&c))
				gicits_cmd_set(&c, GICITS_CMD_F_PTZ, 0);
			else
				op &= 0x7f; /* runs now, on a zero VPT */
		}
		if (!var.raw)
			note_vcmd(&c);
		queue_cmd(&c, op & 0x80);
		return true;
	}
	switch (code) {
	case 67: { /* INT, CLEAR, INV or DISCARD on a virtual ITE */
		static const uint8_t eop[] = { GICITS_CMD_INT, GICITS_CMD_CLEAR,
					       GICITS_CMD_INV,
					       GICITS_CMD_DISCARD };
		uint8_t b = u8(in);

		recent_event(in, &dev, &ev);
		gicits_cmd_event(&c, eop[b & 3], dev, ev);
		queue_cmd(&c, op & 0x80);
		return true;
	}
	case 68: { /* an MSI to a virtual ITE; through GITS_TRANSLATER if odd */
		uint8_t b = u8(in);

		recent_event(in, &dev, &ev);
		do_msi(dev, ev, b & 1);
		return true;
	}
	case 69: /* vPE residency, the vCPU interface (residency()) */
		if (var.v41)
			residency41(in);
		else
			residency(in);
		return true;
	case 72: /* GICv4.1: a vSGI through GITS_SGIR */
		if (!var.v41)
			return false;
		if (var.raw) {
			do_sgir(u64(in));
		} else {
			uint16_t vpe = pick_vpe(in);
			uint8_t b = u8(in);

			/* b >= 0xf0: a RES0 bit set (ignored, §4) */
			do_sgir((uint64_t)vpe << 32 | (b & 15) |
				(b >= 0xf0 ? 1ULL << 8 : 0));
		}
		return true;
	case 73: /* GICv4.1: GICR_VSGIR / GICR_VSGIPENDR */
		if (!var.v41)
			return false;
		vsgir_op(in);
		return true;
	case 74: /* GICv4.1: GICR_INVLPIR / GICR_INVALLR with V = 1 */
		if (!var.v41)
			return false;
		vinv_op(in);
		return true;
	default:
		return false;
	}
}

static void step(struct input *in)
{
	uint8_t op = u8(in);
	bool defer = op & 0x80;
	struct gicits_cmd c;
	unsigned k;
	unsigned code = op & 0x7f;

	if (var.v4 && !var.raw)
		vpt_snapshot();
	if (var.v4 && v4_step(in, op, code)) {
		if (!var.raw) {
			vpt_check();
			resident_check();
		}
		compare();
		return;
	}
	if (code <= 12) {
		if (var.raw) {
			/* raw bits; the opcode field too, unless op & 0x40 */
			for (k = 0; k < 4; k++)
				c.dw[k] = u64(in);
			if (!(op & 0x40))
				gicits_cmd_set(&c, GICITS_CMD_F_OPCODE,
					       op & 0x0f);
		} else {
			structured_cmd(in, code, &c);
		}
		queue_cmd(&c, defer);
	} else if (code <= 40) { /* MSIs are the most common op */
		uint32_t dev = pick_dev(in), ev = pick_event(in);

		do_msi(dev, ev, code == 40);
	} else if (code <= 48) {
		do_ack(in);
	}
	switch (code) {
	case 49:
		do_eoi(in);
		break;
	case 50: { /* LPI configuration byte of an LPI (in both modes) */
		uint8_t i = u8(in);

		ram_write(PROP_PA + i, u8(in));
		break;
	}
	case 51: { /* read any register */
		uint8_t b = u8(in);

		if (var.raw)
			its_read(u32(in) & 0x1ffff, 1u << (b & 3));
		else
			its_read(its_regs[b % 15], b & 0x80 ? 4 : 8);
		break;
	}
	case 52: /* GITS_CTLR: enable / disable */
		its_write(GICITS_GITS_CTLR, 4,
			  var.raw ? u32(in) : (u8(in) & 1));
		break;
	case 53: /* kick, possibly with Retry */
		kick(cwriter | (u8(in) & 1));
		break;
	case 54: /* write GITS_CREADR (skips a stalled command) */
		its_write(GICITS_GITS_CREADR, 8,
			  var.raw ? u64(in) : (uint64_t)(u8(in) % 128) * 32);
		break;
	case 55: { /* redistributor LPI registers */
		uint8_t b = u8(in);
		unsigned cpu = b % NCPU;

		switch ((b >> 2) % 8) {
		case 0:
			rd_write(cpu, GICITS_GICR_SETLPIR, 8, pick_intid(in));
			break;
		case 1:
			rd_write(cpu, GICITS_GICR_CLRLPIR, 8, pick_intid(in));
			break;
		case 2:
			rd_write(cpu, GICITS_GICR_INVLPIR, 8, pick_intid(in));
			break;
		case 3:
			rd_write(cpu, GICITS_GICR_INVALLR, 8, 0);
			break;
		case 4:
			rd_write(cpu, GICITS_GICR_CTLR, 4, u8(in) & 1);
			break;
		default:
			rd_read(cpu, rd_regs[u8(in) % 14], 4 << (b >> 7));
			break;
		}
		break;
	}
	case 56: { /* priority mask */
		uint8_t b = u8(in);
		uint8_t pmr = u8(in);

		for (k = 0; k < NSYS; k++)
			gicits_cpu_set_pmr(sys[k].gic, b % NCPU, pmr);
		break;
	}
	case 57: /* raw mode: any guest memory, tables included */
		if (var.raw) {
			uint32_t pa = u32(in);

			ram_write(pa, u8(in));
		}
		break;
	case 58: /* raw mode: any ITS register write */
		if (var.raw) {
			uint8_t b = u8(in);

			its_write(u32(in) & 0x1ffff, 1u << (b & 3), u64(in));
		}
		break;
	case 59: /* raw mode: any redistributor register write */
		if (var.raw) {
			uint8_t b = u8(in);
			uint32_t off = u16(in);

			rd_write(b % (NCPU + 1), off, 1u << ((b >> 4) & 3),
				 u64(in));
		}
		break;
	default:
		break;
	}
	if (var.v4 && !var.raw) {
		vpt_check();
		resident_check();
	}
	compare();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const unsigned ite_sizes[] = { 8, 12, 16, 12 };
	struct input in = { data, size };
	uint8_t cfg = u8(&in);
	unsigned k, steps = 0;

	verbose = getenv("FUZZ_ITS_VERBOSE") != NULL;
	memset(&var, 0, sizeof(var));
	if (in.n >= 2 && (in.p[0] == V4_MARKER || in.p[0] == V41_MARKER)) {
		uint8_t v4opt;

		var.v41 = u8(&in) == V41_MARKER;
		v4opt = u8(&in);
		var.v4 = true;
		var.vt_indirect = v4opt & 1;
		/* GICv4.1: bit 1 is nID = 0 (individual doorbells too);
		 * PendingLast has the 4.1 rule, no model knob */
		var.pl_rescan = !var.v41 && (v4opt & 2);
		var.nid = var.v41 && !(v4opt & 2);
		var.dirty = v4opt & 4;
		var.hpp = v4opt & 8;
	}
	var.indirect = cfg & 1;
	var.stall = cfg & 2;
	var.ite_size = ite_sizes[(cfg >> 2) & 3];
	var.hcc = cfg & 0x10 ? 2 : 0;
	var.raw = cfg & 0x20;
	var.umsi = cfg & 0x40;
	var.strict = cfg & 0x80;
	if (var.v4 && var.ite_size == 8)
		var.ite_size = 12; /* a virtual ITE needs 12 or 16 bytes */
	ram_size = var.v41 ? RAM_V41_SIZE : var.v4 ? RAM_V4_SIZE : RAM_SIZE;
	gen_set_v4(var.v4);
	gen_set_v41(var.v41);
	asked.npair = asked.nvpt = asked.nev = asked.nrecent = 0;
	asked.nmovi = 0;
	asked.overflow = false;
	memset(sched_vpt, 0, sizeof(sched_vpt));
	memset(sched_lim, 0, sizeof(sched_lim));
	memset(sched_vconf, 0, sizeof(sched_vconf));
	sys_init();
	compare();
	while (in.n && steps++ < 4096)
		step(&in);
	if (!var.raw)
		for (k = 1; k < NSYS; k++)
			if (memcmp(sys[k].ram, sys[0].ram, ram_size))
				fail("differential: guest memory differs");
	sys_fini();
	return 0;
}
