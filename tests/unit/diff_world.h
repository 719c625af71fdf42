/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The differential tests' world (test_diff.c, test_diff_detect.c): three
 * complete systems (own RAM, gic and ITS) that differ only in
 * struct gicits_its_config.cache (OFF, ON, CHECK), over a small ID space;
 * their set-up, a command-queue kick that skips stalled commands, and the
 * comparison of everything they can observe.
 */
#ifndef GICITS_TEST_DIFF_WORLD_H
#define GICITS_TEST_DIFF_WORLD_H

#include "harness.h"
#include "sys.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gicits/cmd.h"
#include "gicits/error.h"
#include "gicits/its.h"
#include "gicits/rdist.h"

#define NSYS 3
#define NCPU 4
#define NDEV 8 /* DeviceIDs 0..7; 7 has a large ITT (MAPI, EventID >= 8192) */
#define BIG_DEV 7
#define NEV 16
#define NCOLL 4
#define LPI_LO 8192u
#define LPI_N 109u /* INTIDs 8192..8300 */

/* Guest memory layout (identical in every system) */
#define RAM_SIZE 0x180000u
#define PROP_PA 0x0u
#define PEND_PA(c) (0x10000u + (uint64_t)(c)*0x10000u)
#define CQ_PA 0x50000u
#define CQ_SIZE 0x1000u
#define DT_PA 0x60000u /* flat table, or level 1 when indirect */
#define DT_L2_PA 0x61000u
#define CT_PA 0x70000u
#define ITT_SMALL(d, slot) (0x80000u + ((uint64_t)(d)*2 + (slot)) * 0x200u)
#define ITT_BIG(slot) (0x100000u + (uint64_t)(slot)*0x40000u)

static const char *const mode_name[NSYS] = { "off", "on", "check" };
static const enum gicits_cache_mode modes[NSYS] = { GICITS_CACHE_OFF,
						    GICITS_CACHE_ON,
						    GICITS_CACHE_CHECK };

struct one {
	struct ts_sys t; /* RAM, gic, ITS (tests/support) */
	struct gicits_gic *gic; /* = t.gic, t.its */
	struct gicits_its *its;
};

struct variant {
	bool indirect;
	bool stall;
	unsigned ite_size;
	unsigned hcc;
};

struct stats {
	uint64_t commands, cmd_errors, stalls, msis, msi_ok, acks, eois;
	uint64_t max_pending;
};

struct world {
	struct one sys[NSYS];
	struct variant v;
	uint64_t rng;
	uint64_t cwriter;
	unsigned active[NCPU];
	struct stats st;
	char what[160]; /* the current step, for divergence reports */
	char diff[256]; /* what differed */
};

/* ---- pseudo-random numbers (xorshift64*) ---------------------------- */

static inline uint64_t rnd(struct world *w)
{
	return ts_rand(&w->rng);
}

static inline unsigned rn(struct world *w, unsigned n)
{
	return (unsigned)((rnd(w) >> 32) % n);
}

static inline bool chance(struct world *w, unsigned percent)
{
	return rn(w, 100) < percent;
}

/* ---- set-up --------------------------------------------------------- */

static inline void put64(struct one *o, uint64_t pa, uint64_t v)
{
	ts_poke64(&o->t, pa, v);
}

static inline void its_w(struct one *o, uint32_t off, uint64_t v)
{
	assert_int_equal(gicits_its_mmio_write(o->its, off, 8, v, 0),
			 GICITS_OK);
}

static inline uint64_t its_r(struct one *o, uint32_t off)
{
	uint64_t v = 0;

	assert_int_equal(gicits_its_mmio_read(o->its, off, 8, &v), GICITS_OK);
	return v;
}

static inline void set_lpi_cfg(struct world *w, uint32_t intid, uint8_t byte)
{
	unsigned k;

	for (k = 0; k < NSYS; k++)
		w->sys[k].t.ram[PROP_PA + intid - LPI_LO] = byte;
}

static inline uint8_t random_cfg(struct world *w)
{
	/* priority [7:2], RES1 [1], Enable [0]; a few never-signalled
	 * priorities (>= 0xf8) */
	return (uint8_t)((rn(w, 64) << 2) | 2 | (chance(w, 80) ? 1 : 0));
}

static inline void world_init(struct world *w, uint64_t seed,
			      const struct variant *v)
{
	unsigned k;
	uint32_t i;

	memset(w, 0, sizeof(*w));
	w->v = *v;
	w->rng = seed * 0x9E3779B97F4A7C15ULL + 0x1234567;
	for (k = 0; k < NSYS; k++) {
		struct one *o = &w->sys[k];
		struct ts_desc d;

		ts_desc_default(&d);
		d.ram_base = 0;
		d.ram_size = RAM_SIZE;
		d.gic.num_cpus = NCPU;
		d.its.cache = modes[k];
		d.its.indirect = true;
		d.its.cidbits = 2; /* ICIDs 0..3; 4.. are out of range */
		d.its.hcc = v->hcc;
		d.its.ite_size = v->ite_size;
		d.its.error_policy =
			v->stall ? GICITS_POLICY_STALL : GICITS_POLICY_SKIP;
		d.prop = PROP_PA;
		d.prop_fill_len = 0; /* random_cfg() below */
		d.pend = PEND_PA(0);
		d.pend_stride = PEND_PA(1) - PEND_PA(0);
		/* flat, or two-level: level-1 entry 0 -> one level-2 page
		 * (DeviceIDs 0..511), the other entries invalid */
		ts_desc_tables(&d, DT_PA, v->indirect ? DT_L2_PA : 0, CT_PA,
			       CQ_PA, 1);
		assert_int_equal(ts_sys_create(&o->t, &d), GICITS_OK);
		o->gic = o->t.gic;
		o->its = o->t.its;
	}
	for (i = LPI_LO; i < LPI_LO + LPI_N; i++)
		set_lpi_cfg(w, i, random_cfg(w));
}

static inline void world_fini(struct world *w)
{
	unsigned k;

	for (k = 0; k < NSYS; k++)
		ts_sys_destroy(&w->sys[k].t);
}

/* Write CWRITER; on a stall skip the command by writing CREADR and rewrite
 * CWRITER, as the replay tool does.  Returns the number of stalls. */
static inline unsigned issue(struct one *o, uint64_t cwriter)
{
	unsigned stalls = 0;
	uint64_t rd;

	its_w(o, GICITS_GITS_CWRITER, cwriter);
	for (;;) {
		rd = its_r(o, GICITS_GITS_CREADR);
		if (!(rd & 1))
			break;
		stalls++;
		assert_true(stalls <= CQ_SIZE / 32);
		its_w(o, GICITS_GITS_CREADR, ((rd & ~1ULL) + 32) % CQ_SIZE);
		its_w(o, GICITS_GITS_CWRITER, cwriter);
	}
	return stalls;
}

/* ---- comparison ------------------------------------------------------- */

struct pset {
	unsigned n;
	uint32_t id[LPI_N + 64];
};

static inline int collect(void *opaque, uint32_t intid)
{
	struct pset *p = opaque;

	if (p->n < sizeof(p->id) / sizeof(p->id[0]))
		p->id[p->n] = intid;
	p->n++;
	return 0;
}

static inline bool same_pset(const struct pset *a, const struct pset *b)
{
	return a->n == b->n && !memcmp(a->id, b->id, a->n * sizeof(a->id[0]));
}

/* Returns true if all systems agree; otherwise describes the first
 * difference in w->diff. */
static inline bool compare(struct world *w)
{
	struct gicits_its_status st[NSYS];
	uint64_t creadr[NSYS];
	struct pset p[NSYS];
	unsigned k, cpu;

	for (k = 0; k < NSYS; k++) {
		creadr[k] = its_r(&w->sys[k], GICITS_GITS_CREADR);
		assert_int_equal(gicits_its_status(w->sys[k].its, &st[k]),
				 GICITS_OK);
	}
	for (k = 1; k < NSYS; k++) {
		if (creadr[k] != creadr[0]) {
			snprintf(w->diff, sizeof(w->diff),
				 "GITS_CREADR off=0x%" PRIx64 " %s=0x%" PRIx64,
				 creadr[0], mode_name[k], creadr[k]);
			return false;
		}
		if (st[k].errors != st[0].errors ||
		    st[k].last_error != st[0].last_error ||
		    st[k].commands != st[0].commands ||
		    st[k].stalled != st[0].stalled) {
			snprintf(w->diff, sizeof(w->diff),
				 "ITS status off: errors=%" PRIu64
				 " last=0x%x commands=%" PRIu64
				 " / %s: errors=%" PRIu64
				 " last=0x%x commands=%" PRIu64,
				 st[0].errors, st[0].last_error, st[0].commands,
				 mode_name[k], st[k].errors, st[k].last_error,
				 st[k].commands);
			return false;
		}
	}
	for (cpu = 0; cpu < NCPU; cpu++) {
		uint32_t h[NSYS];

		for (k = 0; k < NSYS; k++) {
			memset(&p[k], 0, sizeof(p[k]));
			assert_int_equal(
				gicits_rdist_pending_foreach(w->sys[k].gic, cpu,
							     collect, &p[k]),
				0);
			h[k] = gicits_cpu_hppi(w->sys[k].gic, cpu);
			if (p[k].n > w->st.max_pending)
				w->st.max_pending = p[k].n;
		}
		for (k = 1; k < NSYS; k++) {
			if (!same_pset(&p[k], &p[0])) {
				unsigned i, n = 0;

				n += (unsigned)snprintf(
					w->diff, sizeof(w->diff),
					"CPU %u pending off={", cpu);
				for (i = 0; i < p[0].n && i < 8 && n < 120; i++)
					n += (unsigned)snprintf(
						w->diff + n,
						sizeof(w->diff) - n, " %u",
						p[0].id[i]);
				n += (unsigned)snprintf(
					w->diff + n, sizeof(w->diff) - n,
					" } %s={", mode_name[k]);
				for (i = 0; i < p[k].n && i < 8 && n < 230; i++)
					n += (unsigned)snprintf(
						w->diff + n,
						sizeof(w->diff) - n, " %u",
						p[k].id[i]);
				snprintf(w->diff + n, sizeof(w->diff) - n,
					 " }");
				return false;
			}
			if (h[k] != h[0]) {
				snprintf(w->diff, sizeof(w->diff),
					 "CPU %u HPPI off=%u %s=%u", cpu, h[0],
					 mode_name[k], h[k]);
				return false;
			}
		}
	}
	if (st[2].findings || gicits_gic_findings(w->sys[2].gic)) {
		snprintf(w->diff, sizeof(w->diff),
			 "cache=check reported %" PRIu64 " finding(s)",
			 st[2].findings);
		return false;
	}
	return true;
}

#endif
