/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * gicits_its_msi_burst(): exactly what gicits_its_msi() does on each MSI in
 * turn.
 *
 * Differential: two identical systems (its_fixture.h, umsi = 1), with the
 * same mappings (devices of 2..2048 events, the largest one spread over
 * several 256-event index chunks so that the directory path is used; five
 * collections on different CPUs plus one unmapped collection; unmapped
 * events; a device mapped and unmapped again), receive the same
 * pseudo-random sequence of MSIs (mapped events, unmapped events, EventIDs
 * beyond the device size or beyond ID_bits, unmapped and out-of-range
 * DeviceIDs): system A in bursts of varying length (0, 1, 2, 7, 31..33,
 * 64, 100, 250, ...), system B one MSI at a time.  After every burst the
 * per-MSI results, the burst's return value, every CPU's pending set and
 * HPPI, gicits_its_status(), GITS_STATUSR, GITS_UMSIR, the ordered trace
 * (hashed) and the cache-check findings must agree.  Each cache mode and
 * each LPI configuration cache model is run, once with MSIs only and once
 * with commands (DISCARD, MOVI, MAPD V=0 / V=1, MAPTI, INT, MAPC, INVALL,
 * SYNC) and acknowledges between the bursts.
 *
 * Plus a check that the comparison itself notices a single extra MSI.
 * Argument errors, n == 0, results == NULL and a disabled ITS are in
 * test_burst_args.c.
 */
#include "its_fixture.h"

#include <inttypes.h>
#include <stdio.h>

#define NMSI 6000u
#define NSYS 2 /* [0]: bursts, [1]: one MSI at a time */
#define BIG_DEV 9u
#define GONE_DEV 12u /* mapped, then unmapped by MAPD V=0 */
#define NICID 6u /* ICIDs 0..4 mapped, 5 in range but never mapped */
#define MAX_MAPPED 1024u
#define MAX_PENDING 4096u

#define STATUSR_UMSI (1u << 4)
#define STATUSR_OVERFLOW (1u << 5)

struct dev_desc {
	uint32_t id;
	unsigned bits; /* EventID bits: 2^bits events */
};

/* BIG_DEV: 2048 events, eight 256-event chunks behind a directory; 5: one
 * full chunk; the others smaller. */
static const struct dev_desc devs[] = {
	{ 0, 2 }, { 1, 5 }, { 2, 1 }, { 5, 8 }, { 300, 3 }, { BIG_DEV, 11 },
};

#define NDEVS (sizeof(devs) / sizeof(devs[0]))

/* One system: the fixture plus an order-sensitive hash of its trace. */
struct sys {
	struct fx *f;
	uint64_t hash;
	uint64_t ntrace;
	uint64_t notified; /* hppi_changed calls */
};

struct mapping {
	struct gicits_msi ev[MAX_MAPPED]; /* mapped (DeviceID, EventID) */
	unsigned n;
};

struct combo {
	enum gicits_cache_mode cache;
	enum gicits_lpi_cache lpi;
	/* no ITS trace callback: a traced ITS never takes the fast path,
	 * so only these combinations run the burst's own translation and
	 * delivery (the trace hash then covers the gic's records only) */
	bool untraced;
	const char *name;
};

static const struct combo combos[] = {
	{ GICITS_CACHE_ON, GICITS_LPI_CACHE_HPP, false, "on/hpp" },
	{ GICITS_CACHE_OFF, GICITS_LPI_CACHE_HPP, false, "off/hpp" },
	{ GICITS_CACHE_CHECK, GICITS_LPI_CACHE_HPP, false, "check/hpp" },
	{ GICITS_CACHE_ON, GICITS_LPI_CACHE_FULL, false, "on/full" },
	{ GICITS_CACHE_OFF, GICITS_LPI_CACHE_FULL, false, "off/full" },
	{ GICITS_CACHE_CHECK, GICITS_LPI_CACHE_FULL, false, "check/full" },
	{ GICITS_CACHE_ON, GICITS_LPI_CACHE_HPP, true, "on/hpp/untraced" },
	{ GICITS_CACHE_ON, GICITS_LPI_CACHE_FULL, true, "on/full/untraced" },
};

/* Burst lengths, used in turn: around the 32-MSI prefetch group and
 * beyond, and 0. */
static const size_t burst_lens[] = { 1,	 2,  7,	  64, 100, 0, 3,  31,
				     32, 33, 250, 5,  17,  1, 96, 65 };

/* ---- set-up --------------------------------------------------------- */

static void hash_bytes(uint64_t *h, const void *p, size_t n)
{
	const uint8_t *b = p;
	size_t i;

	for (i = 0; i < n; i++) {
		*h ^= b[i];
		*h *= 0x100000001B3ULL; /* FNV-1a */
	}
}

static void hash_u64(uint64_t *h, uint64_t v)
{
	uint8_t b[8];
	unsigned i;

	for (i = 0; i < 8; i++)
		b[i] = (uint8_t)(v >> (8 * i));
	hash_bytes(h, b, sizeof(b));
}

static void hash_str(uint64_t *h, const char *s)
{
	size_t n = s ? strlen(s) : 0;

	hash_u64(h, n);
	hash_bytes(h, s ? s : "", n);
}

static void sys_trace(void *opaque, const struct gicits_trace_record *r)
{
	struct sys *s = opaque;

	fx_trace(s->f, r);
	hash_u64(&s->hash, (uint64_t)r->kind);
	hash_str(&s->hash, r->source);
	hash_u64(&s->hash, r->cmd);
	hash_u64(&s->hash, r->offset);
	hash_u64(&s->hash, r->device_id);
	hash_u64(&s->hash, r->event_id);
	hash_u64(&s->hash, r->intid);
	hash_u64(&s->hash, r->icid);
	hash_u64(&s->hash, (uint64_t)r->cpu);
	hash_u64(&s->hash, r->error);
	hash_u64(&s->hash, (uint64_t)r->drop);
	hash_u64(&s->hash, r->value);
	hash_str(&s->hash, r->rule);
	hash_str(&s->hash, r->message);
	s->ntrace++;
}

static void sys_notified(void *opaque, unsigned cpu)
{
	(void)cpu;
	((struct sys *)opaque)->notified++;
}

static void sys_init(struct sys *s, enum gicits_cache_mode cache,
		     enum gicits_lpi_cache lpi, bool untraced)
{
	memset(s, 0, sizeof(*s));
	s->hash = 0xCBF29CE484222325ULL;
	s->f = fx_init();
	s->f->icfg.cache = cache;
	s->f->icfg.umsi = true;
	s->f->icfg.trace = untraced ? NULL : sys_trace;
	s->f->icfg.trace_opaque = s;
	s->f->gcfg.hppi_changed = sys_notified;
	s->f->gcfg.hppi_opaque = s;
	s->f->gcfg.lpi_cache = lpi;
	s->f->gcfg.trace = sys_trace;
	s->f->gcfg.trace_opaque = s;
	fx_start(s->f);
}

static uint64_t itt_of(uint32_t dev)
{
	return dev == BIG_DEV ? FX_BIGITT : FX_ITT(dev);
}

static bool event_mapped(uint32_t dev, uint32_t ev)
{
	if (dev == BIG_DEV)
		return ev % 6 == 0 || ev == 2047 || ev == 257;
	return (ev * 7 + dev) % 4 != 1;
}

/* Collections 0..4 on CPUs 0, 1, 2, 3, 1; the devices of devs[] with the
 * events event_mapped() names (ICIDs 0..5, 5 unmapped); GONE_DEV mapped
 * with two events and unmapped again.  Records the mapped events in @m. */
static void map_all(struct fx *f, struct mapping *m)
{
	static const unsigned cpu_of[NICID - 1] = { 0, 1, 2, 3, 1 };
	/* an untraced ITS gives the fixture no COMMAND records to check */
	uint32_t intid = GICITS_LPI_BASE, ok = f->icfg.trace ? 0 : FX_ANY;
	unsigned i, k;

	memset(m, 0, sizeof(*m));
	for (k = 0; k < NICID - 1; k++)
		fx_mapc(f, k, cpu_of[k], 1, ok);
	for (i = 0; i < NDEVS; i++) {
		uint32_t dev = devs[i].id, ev;

		fx_mapd(f, dev, devs[i].bits - 1, itt_of(dev), 1, ok);
		for (ev = 0; ev < 1u << devs[i].bits; ev++) {
			if (!event_mapped(dev, ev))
				continue;
			/* every other LPI in the second pending block */
			fx_mapti(f, dev, ev, intid + (intid & 1) * 32768,
				 (dev + ev) % NICID, ok);
			intid++;
			assert_true(m->n < MAX_MAPPED);
			m->ev[m->n].device_id = dev;
			m->ev[m->n].event_id = ev;
			m->n++;
		}
	}
	fx_mapd(f, GONE_DEV, 3, FX_ITT(GONE_DEV), 1, ok);
	fx_mapti(f, GONE_DEV, 0, intid++, 0, ok);
	fx_mapti(f, GONE_DEV, 1, intid++, 1, ok);
	fx_mapd(f, GONE_DEV, 0, 0, 0, ok);
	if (!f->icfg.trace) /* no records: the status must show no error */
		assert_int_equal(fx_status(f).errors, 0);
	/* the big device spans the directory: events in several chunks */
	assert_true(m->n > 500);
}

static void sys_fini(struct sys *s)
{
	fx_fini(s->f);
	s->f = NULL;
}

/* ---- MSIs ------------------------------------------------------------ */

static unsigned rnd(uint64_t *rng, unsigned n)
{
	return (unsigned)((fx_rand(rng) >> 32) % n);
}

static struct gicits_msi random_msi(uint64_t *rng, const struct mapping *m)
{
	static const uint32_t unmapped_dev[] = { 3, GONE_DEV, 4, 511, 299 };
	static const uint32_t oor_dev[] = { 512, 600, 0x10000, 70000,
					    0xFFFFFFFFu };
	unsigned r = rnd(rng, 100);
	const struct dev_desc *d = &devs[rnd(rng, NDEVS)];
	struct gicits_msi x;

	if (r < 55)
		return m->ev[rnd(rng, m->n)];
	x.device_id = d->id;
	if (r < 70) { /* any event of a mapped device */
		x.event_id = rnd(rng, 1u << d->bits);
	} else if (r < 78) { /* beyond the device's size */
		x.event_id = (1u << d->bits) + rnd(rng, 300);
	} else if (r < 81) { /* beyond ID_bits (16) */
		x.event_id = 0x10000u << rnd(rng, 16) | rnd(rng, 8);
	} else if (r < 90) { /* no valid DTE */
		x.device_id = unmapped_dev[rnd(rng, 5)];
		x.event_id = rnd(rng, 8);
	} else { /* beyond the device table or Devbits */
		x.device_id = oor_dev[rnd(rng, 5)];
		x.event_id = rnd(rng, 8);
	}
	return x;
}

/* ---- comparison ------------------------------------------------------ */

struct pset {
	unsigned n;
	uint32_t id[MAX_PENDING];
};

static int collect(void *opaque, uint32_t intid)
{
	struct pset *p = opaque;

	if (p->n < MAX_PENDING)
		p->id[p->n] = intid;
	p->n++;
	return 0;
}

static struct pset pset_buf[NSYS];

/* True if both systems agree; otherwise describes the first difference in
 * @diff. */
static bool compare(struct sys *s, char *diff, size_t len)
{
	struct gicits_its_status st[NSYS];
	uint64_t statusr[NSYS], umsir[NSYS];
	unsigned k, cpu;

	for (k = 0; k < NSYS; k++) {
		st[k] = fx_status(s[k].f);
		statusr[k] = fx_rd(s[k].f, GICITS_GITS_STATUSR, 4);
		umsir[k] = fx_rd(s[k].f, GICITS_GITS_UMSIR, 8);
	}
	if (st[0].errors != st[1].errors ||
	    st[0].last_error != st[1].last_error ||
	    st[0].commands != st[1].commands ||
	    st[0].stalled != st[1].stalled ||
	    st[0].findings != st[1].findings) {
		snprintf(diff, len,
			 "status: burst errors=%" PRIu64 " last=0x%x "
			 "commands=%" PRIu64 " findings=%" PRIu64
			 " / single errors=%" PRIu64 " last=0x%x "
			 "commands=%" PRIu64 " findings=%" PRIu64,
			 st[0].errors, st[0].last_error, st[0].commands,
			 st[0].findings, st[1].errors, st[1].last_error,
			 st[1].commands, st[1].findings);
		return false;
	}
	if (st[0].findings || gicits_gic_findings(s[0].f->gic) ||
	    gicits_gic_findings(s[1].f->gic)) {
		snprintf(diff, len, "cache check findings: %" PRIu64,
			 st[0].findings);
		return false;
	}
	if (statusr[0] != statusr[1] || umsir[0] != umsir[1]) {
		snprintf(diff, len,
			 "GITS_STATUSR/UMSIR burst 0x%" PRIx64 "/0x%" PRIx64
			 " single 0x%" PRIx64 "/0x%" PRIx64,
			 statusr[0], umsir[0], statusr[1], umsir[1]);
		return false;
	}
	for (cpu = 0; cpu < FX_NCPUS; cpu++) {
		uint32_t h[NSYS];

		for (k = 0; k < NSYS; k++) {
			pset_buf[k].n = 0;
			assert_int_equal(gicits_rdist_pending_foreach(
						 s[k].f->gic, cpu, collect,
						 &pset_buf[k]),
					 0);
			assert_true(pset_buf[k].n <= MAX_PENDING);
			h[k] = gicits_cpu_hppi(s[k].f->gic, cpu);
		}
		if (pset_buf[0].n != pset_buf[1].n ||
		    memcmp(pset_buf[0].id, pset_buf[1].id,
			   pset_buf[0].n * sizeof(pset_buf[0].id[0]))) {
			unsigned i = 0;

			while (i < pset_buf[0].n && i < pset_buf[1].n &&
			       pset_buf[0].id[i] == pset_buf[1].id[i])
				i++;
			snprintf(diff, len,
				 "CPU %u pending: burst %u LPIs, single %u; "
				 "first difference at #%u (%u vs %u)",
				 cpu, pset_buf[0].n, pset_buf[1].n, i,
				 i < pset_buf[0].n ? pset_buf[0].id[i] : 0,
				 i < pset_buf[1].n ? pset_buf[1].id[i] : 0);
			return false;
		}
		if (h[0] != h[1]) {
			snprintf(diff, len, "CPU %u HPPI burst %u single %u",
				 cpu, h[0], h[1]);
			return false;
		}
	}
	if (s[0].notified != s[1].notified) {
		snprintf(diff, len,
			 "hppi_changed: burst %" PRIu64
			 " calls, single %" PRIu64,
			 s[0].notified, s[1].notified);
		return false;
	}
	if (s[0].ntrace != s[1].ntrace || s[0].hash != s[1].hash) {
		snprintf(diff, len,
			 "trace: burst %" PRIu64 " records (hash %016" PRIx64
			 "), single %" PRIu64 " (hash %016" PRIx64 ")",
			 s[0].ntrace, s[0].hash, s[1].ntrace, s[1].hash);
		return false;
	}
	return true;
}

/* ---- commands and acknowledges between bursts ------------------------ */

/* The same one to three random commands on both systems. */
static void between_commands(struct sys *s, uint64_t *rng,
			     const struct mapping *m, uint64_t *ncmds)
{
	unsigned n = 1 + rnd(rng, 3), i, k;

	for (i = 0; i < n; i++) {
		const struct gicits_msi *e = &m->ev[rnd(rng, m->n)];
		const struct dev_desc *d = &devs[rnd(rng, NDEVS)];
		unsigned r = rnd(rng, 100);
		uint32_t a = rnd(rng, NICID), b = rnd(rng, FX_NCPUS);
		uint32_t ev = rnd(rng, 1u << d->bits);
		uint32_t intid = GICITS_LPI_BASE + rnd(rng, 700) +
				 (rnd(rng, 2) ? 32768 : 0);

		for (k = 0; k < NSYS; k++) {
			struct fx *f = s[k].f;

			if (r < 22)
				fx_discard(f, e->device_id, e->event_id,
					   FX_ANY);
			else if (r < 42)
				fx_movi(f, e->device_id, e->event_id, a,
					FX_ANY);
			else if (r < 50) /* unmap a device ... */
				fx_mapd(f, d->id, 0, 0, 0, FX_ANY);
			else if (r < 62) /* ... and map it again (ITEs
					  * come from memory) */
				fx_mapd(f, d->id, d->bits - 1, itt_of(d->id), 1,
					FX_ANY);
			else if (r < 76)
				fx_mapti(f, d->id, ev, intid, a, FX_ANY);
			else if (r < 84)
				fx_int(f, e->device_id, e->event_id, FX_ANY);
			else if (r < 92) /* retarget a mapped collection */
				fx_mapc(f, a % (NICID - 1), b, 1, FX_ANY);
			else if (r < 96)
				fx_invall(f, a, FX_ANY);
			else
				fx_sync(f, b, FX_ANY);
		}
	}
	*ncmds += n;
}

/* Acknowledge and EOI a few LPIs on every CPU of both systems, so that the
 * pending sets keep changing; the INTIDs must agree. */
static void between_acks(struct sys *s, uint64_t *rng, uint64_t *nacks)
{
	unsigned cpu, i;

	for (cpu = 0; cpu < FX_NCPUS; cpu++) {
		unsigned n = rnd(rng, 40);

		for (i = 0; i < n; i++) {
			uint32_t a = gicits_cpu_ack(s[0].f->gic, cpu);
			uint32_t b = gicits_cpu_ack(s[1].f->gic, cpu);

			assert_int_equal(a, b);
			if (a == GICITS_INTID_SPURIOUS)
				break;
			assert_int_equal(gicits_cpu_eoi(s[0].f->gic, cpu, a),
					 GICITS_OK);
			assert_int_equal(gicits_cpu_eoi(s[1].f->gic, cpu, b),
					 GICITS_OK);
			(*nacks)++;
		}
	}
}

/* ---- the differential run ------------------------------------------- */

struct tally {
	uint64_t by_result[64]; /* index: result (a drop reason) */
	uint64_t ok, bursts, null_results, umsi_seen, overflow_seen;
	uint64_t cmds, acks;
};

static void run_diff(const struct combo *c, bool interleave, uint64_t seed)
{
	static struct gicits_msi msis[NMSI];
	static int res[NMSI];
	struct sys s[NSYS];
	struct mapping *m = test_malloc(sizeof(*m));
	struct mapping *m1 = test_malloc(sizeof(*m1));
	struct tally t;
	uint64_t rng = seed;
	size_t pos = 0, i;
	char diff[256];
	unsigned k;

	memset(&t, 0, sizeof(t));
	for (k = 0; k < NSYS; k++)
		sys_init(&s[k], c->cache, c->lpi, c->untraced);
	map_all(s[0].f, m);
	map_all(s[1].f, m1);
	assert_int_equal(m->n, m1->n);
	assert_memory_equal(m->ev, m1->ev, m->n * sizeof(m->ev[0]));
	if (!compare(s, diff, sizeof(diff)))
		fail_msg("%s: systems differ after set-up: %s", c->name, diff);

	for (i = 0; i < NMSI; i++)
		msis[i] = random_msi(&rng, m);
	for (i = 0; i < NMSI; i++)
		res[i] = 0x5A5A5A5A;

	while (pos < NMSI) {
		size_t n = burst_lens[t.bursts % (sizeof(burst_lens) /
						  sizeof(burst_lens[0]))];
		/* every fifth burst without a results array */
		bool no_results = t.bursts % 5 == 4;
		int got, want = 0;

		if (n > NMSI - pos)
			n = NMSI - pos;
		got = gicits_its_msi_burst(s[0].f->its, msis + pos, n,
					   no_results ? NULL : res + pos);
		for (i = pos; i < pos + n; i++) {
			int r = gicits_its_msi(s[1].f->its, msis[i].device_id,
					       msis[i].event_id);

			assert_true(r >= 0 && r < 64);
			if (!no_results && res[i] != r)
				fail_msg("%s burst %" PRIu64
					 " (n=%zu) MSI #%zu dev=%u ev=%u: "
					 "burst result %d, gicits_its_msi() %d",
					 c->name, t.bursts, n, i - pos,
					 msis[i].device_id, msis[i].event_id,
					 res[i], r);
			t.by_result[r]++;
			want += r == GICITS_DROP_NONE;
		}
		if (got != want)
			fail_msg("%s burst %" PRIu64 " (n=%zu%s): returned %d, "
				 "%d MSIs made an LPI pending one by one",
				 c->name, t.bursts, n,
				 no_results ? ", results NULL" : "", got, want);
		if (!compare(s, diff, sizeof(diff)))
			fail_msg("%s burst %" PRIu64 " (n=%zu%s): %s", c->name,
				 t.bursts, n,
				 no_results ? ", results NULL" : "", diff);
		{
			uint64_t sr = fx_rd(s[0].f, GICITS_GITS_STATUSR, 4);

			t.umsi_seen += !!(sr & STATUSR_UMSI);
			t.overflow_seen += !!(sr & STATUSR_OVERFLOW);
			/* clear UMSI/Overflow after most bursts, so that
			 * UMSIR names the first drop of the next one */
			if (t.bursts % 3 != 2)
				for (k = 0; k < NSYS; k++)
					fx_wr(s[k].f, GICITS_GITS_STATUSR, 4,
					      STATUSR_UMSI | STATUSR_OVERFLOW);
		}
		if (interleave) {
			between_commands(s, &rng, m, &t.cmds);
			between_acks(s, &rng, &t.acks);
			if (!compare(s, diff, sizeof(diff)))
				fail_msg("%s after the commands following "
					 "burst %" PRIu64 ": %s",
					 c->name, t.bursts, diff);
		}
		t.ok += (uint64_t)want;
		t.null_results += no_results;
		pos += n;
		t.bursts++;
	}

	/* the sequence exercised deliveries and every kind of drop */
	assert_true(t.by_result[GICITS_DROP_NONE] > NMSI / 4);
	assert_true(t.by_result[GICITS_DROP_DEVICE_OOR] > 0);
	assert_true(t.by_result[GICITS_DROP_DEVICE_UNMAPPED] > 0);
	assert_true(t.by_result[GICITS_DROP_EVENT_OOR] > 0);
	assert_true(t.by_result[GICITS_DROP_EVENT_UNMAPPED] > 0);
	assert_true(t.by_result[GICITS_DROP_COLLECTION_UNMAPPED] > 0);
	assert_true(t.by_result[GICITS_DROP_EVENTID_WIDTH] > 0);
	assert_true(t.bursts > 50);
	assert_true(t.null_results > 10);
	assert_true(t.umsi_seen > 0 && t.overflow_seen > 0);
	if (interleave) {
		struct gicits_its_status st = fx_status(s[0].f);

		assert_true(t.cmds > 100);
		assert_true(t.acks > 200);
		assert_true(st.errors > 0); /* some commands were refused */
	}
	if (getenv("GICITS_BURST_STATS"))
		printf("%s%s: bursts=%" PRIu64 " ok=%" PRIu64
		       " device_oor=%" PRIu64 " device_unmapped=%" PRIu64
		       " event_oor=%" PRIu64 " event_unmapped=%" PRIu64
		       " collection_unmapped=%" PRIu64 " eventid_width=%" PRIu64
		       " umsi=%" PRIu64 " overflow=%" PRIu64 " cmds=%" PRIu64
		       " errors=%" PRIu64 " acks=%" PRIu64 "\n",
		       c->name, interleave ? "+cmds" : "", t.bursts, t.ok,
		       t.by_result[GICITS_DROP_DEVICE_OOR],
		       t.by_result[GICITS_DROP_DEVICE_UNMAPPED],
		       t.by_result[GICITS_DROP_EVENT_OOR],
		       t.by_result[GICITS_DROP_EVENT_UNMAPPED],
		       t.by_result[GICITS_DROP_COLLECTION_UNMAPPED],
		       t.by_result[GICITS_DROP_EVENTID_WIDTH], t.umsi_seen,
		       t.overflow_seen, t.cmds, fx_status(s[0].f).errors,
		       t.acks);
	for (k = 0; k < NSYS; k++)
		sys_fini(&s[k]);
	test_free(m1);
	test_free(m);
}

static void burst_matches_single(void **state)
{
	run_diff(*state, false, 0x243F6A8885A308D3ULL);
}

static void burst_matches_single_with_commands(void **state)
{
	run_diff(*state, true, 0x13198A2E03707344ULL);
}

/* The comparison is not vacuous: one extra MSI on one side is noticed. */
static void compare_detects_extra_msi(void **state)
{
	struct sys s[NSYS];
	struct mapping *m = test_malloc(sizeof(*m));
	struct gicits_msi x;
	char diff[256];
	unsigned k;

	(void)state;
	for (k = 0; k < NSYS; k++) {
		sys_init(&s[k], GICITS_CACHE_ON, GICITS_LPI_CACHE_HPP, false);
		map_all(s[k].f, m);
	}
	x = m->ev[m->n - 1];
	assert_int_equal(gicits_its_msi_burst(s[0].f->its, &x, 1, NULL), 1);
	assert_int_equal(gicits_its_msi(s[1].f->its, x.device_id, x.event_id),
			 GICITS_DROP_NONE);
	assert_true(compare(s, diff, sizeof(diff)));
	/* an MSI that finds its LPI pending only adds a trace record */
	assert_int_equal(gicits_its_msi(s[1].f->its, x.device_id, x.event_id),
			 GICITS_DROP_NONE);
	assert_false(compare(s, diff, sizeof(diff)));
	assert_non_null(strstr(diff, "trace"));
	/* a dropped MSI changes GITS_STATUSR (umsi = 1) */
	assert_int_equal(gicits_its_msi(s[0].f->its, x.device_id, x.event_id),
			 GICITS_DROP_NONE);
	assert_true(compare(s, diff, sizeof(diff)));
	assert_int_equal(gicits_its_msi(s[1].f->its, 3, 0),
			 GICITS_DROP_DEVICE_UNMAPPED);
	assert_false(compare(s, diff, sizeof(diff)));
	assert_non_null(strstr(diff, "STATUSR"));
	for (k = 0; k < NSYS; k++)
		sys_fini(&s[k]);
	test_free(m);
}

/* One cmocka test per (cache mode, LPI cache model), named after both. */
#define DIFF_TEST(fn, i)                                       \
	{                                                      \
#fn "." #i, fn, NULL, NULL, (void *)&combos[i] \
	}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(compare_detects_extra_msi),
		DIFF_TEST(burst_matches_single, 0),
		DIFF_TEST(burst_matches_single, 1),
		DIFF_TEST(burst_matches_single, 2),
		DIFF_TEST(burst_matches_single, 3),
		DIFF_TEST(burst_matches_single, 4),
		DIFF_TEST(burst_matches_single, 5),
		DIFF_TEST(burst_matches_single, 6),
		DIFF_TEST(burst_matches_single, 7),
		DIFF_TEST(burst_matches_single_with_commands, 0),
		DIFF_TEST(burst_matches_single_with_commands, 1),
		DIFF_TEST(burst_matches_single_with_commands, 2),
		DIFF_TEST(burst_matches_single_with_commands, 3),
		DIFF_TEST(burst_matches_single_with_commands, 4),
		DIFF_TEST(burst_matches_single_with_commands, 5),
		DIFF_TEST(burst_matches_single_with_commands, 6),
		DIFF_TEST(burst_matches_single_with_commands, 7),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
