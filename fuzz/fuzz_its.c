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
	bool indirect;
	bool stall;
	bool raw;
	unsigned ite_size;
	unsigned hcc;
	bool umsi;
	bool strict;
};

static struct one sys[NSYS];
static struct variant var;
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

	if (pa >= RAM_SIZE || RAM_SIZE - pa < len)
		return 0;
	for (i = 0; i < len; i++)
		v |= (uint64_t)ram[pa + i] << (8 * i);
	return v;
}

/* ---- set-up ------------------------------------------------------------ */

static void sys_init(void)
{
	unsigned k;

	for (k = 0; k < NSYS; k++) {
		struct one *o = &sys[k];
		struct ts_desc d;

		if (!o->ram) {
			o->ram = malloc(RAM_SIZE);
			if (!o->ram)
				abort();
		}
		memset(o->ram, 0, RAM_SIZE);
		memset(&o->last, 0, sizeof(o->last));
		ts_desc_default(&d);
		d.ram_base = 0;
		d.ram_size = RAM_SIZE;
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
		if (ts_sys_create(&o->t, &d))
			fail("sys_create");
		o->gic = o->t.gic;
		o->its = o->t.its;
	}
	cwriter = 0;
	wild_creadr = false;
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
	/* strict-mode findings happen in every system alike; a cache=check
	 * disagreement only in CHECK */
	if (st[2].findings != st[0].findings || gicits_gic_findings(sys[2].gic))
		fail("differential: cache=check reported a finding");
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

/*
 * The isolation check for system @o after gicits_its_msi(@dev, @ev) returned
 * @r, with @before the pending sets of every CPU before the MSI.
 */
static void isolation(struct one *o, uint32_t dev, uint32_t ev, int r,
		      struct pset before[NCPU])
{
	static struct pset after;
	uint64_t dte, itt, ite, cte;
	uint32_t pintid = 0, icid;
	unsigned cpu, size, newly = 0;
	int found = 0;
	bool mapped = false;
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
			ite = get(o->ram, itt + (uint64_t)ev * var.ite_size, 8);
			pintid = (uint32_t)(ite >> 16);
			icid = (uint32_t)(ite & 0xffff);
			mapped = pintid != 0;
			if (mapped && r == GICITS_DROP_EVENT_UNMAPPED)
				fail("isolation: MSI refused as event_unmapped "
				     "but d's ITE is valid");
			if (mapped && icid >= var.hcc) {
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
	for (cpu = 0; cpu < NCPU; cpu++) {
		unsigned i;

		pending_of(o, cpu, &after);
		for (i = 0; i < after.n; i++) {
			if (in_pset(&before[cpu], after.id[i]))
				continue;
			newly++;
			if (r != 0 || after.id[i] != pintid) {
				snprintf(msg, sizeof(msg),
					 "isolation: MSI dev=%#x ev=%#x (r=%d) "
					 "made INTID %u pending on CPU %u; "
					 "d's ITE says %u",
					 dev, ev, r, after.id[i], cpu, pintid);
				fail(msg);
			}
		}
		if (r == 0 && in_pset(&after, pintid))
			found = 1;
		if (after.n < before[cpu].n)
			fail("isolation: an MSI cleared a pending LPI");
	}
	if (newly > 1)
		fail("isolation: one MSI made more than one LPI pending");
	if (r == 0 && !found) {
		/* pending, unless the ITS's answer is "already was and was
		 * acknowledged meanwhile": impossible within one call */
		snprintf(msg, sizeof(msg),
			 "isolation: MSI dev=%#x ev=%#x returned 0 but INTID "
			 "%u is pending nowhere",
			 dev, ev, pintid);
		fail(msg);
	}
}

static void do_msi(uint32_t dev, uint32_t ev, bool via_mmio)
{
	static struct pset before[NSYS][NCPU];
	int r[NSYS];
	unsigned k, cpu;

	if (!var.raw)
		for (k = 0; k < NSYS; k++)
			for (cpu = 0; cpu < NCPU; cpu++)
				pending_of(&sys[k], cpu, &before[k][cpu]);
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
	for (k = 0; k < NSYS; k++)
		isolation(&sys[k], dev, ev, r[k], before[k]);
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
		sys[k].ram[pa % RAM_SIZE] = b;
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

static void step(struct input *in)
{
	uint8_t op = u8(in);
	bool defer = op & 0x80;
	struct gicits_cmd c;
	unsigned k;
	unsigned code = op & 0x7f;

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
	var.indirect = cfg & 1;
	var.stall = cfg & 2;
	var.ite_size = ite_sizes[(cfg >> 2) & 3];
	var.hcc = cfg & 0x10 ? 2 : 0;
	var.raw = cfg & 0x20;
	var.umsi = cfg & 0x40;
	var.strict = cfg & 0x80;
	sys_init();
	compare();
	while (in.n && steps++ < 4096)
		step(&in);
	if (!var.raw)
		for (k = 1; k < NSYS; k++)
			if (memcmp(sys[k].ram, sys[0].ram, RAM_SIZE))
				fail("differential: guest memory differs");
	sys_fini();
	return 0;
}
