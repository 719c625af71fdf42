/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Redistributors: LPI pending state, the HPPLPI configuration cache and a
 * minimal CPU interface.  See include/gicits/rdist.h for the caching model.
 *
 * Locking: one mutex per gic protects all redistributor state.  ITS command
 * processing holds its own ITS lock and then takes this one (lock order:
 * ITS -> gic); nothing here calls back into an ITS.
 */
#include "rdist_internal.h"

#include <stdlib.h>
#include <string.h>
#include <threads.h>

#include "common/bits.h"
#include "gicits/error.h"

#define CHUNK_BITS 4096u /* LPIs per lazily allocated pending chunk */
#define CHUNK_WORDS (CHUNK_BITS / 64)

struct cpu_state {
	/* redistributor registers, as written */
	bool enable_lpis;
	bool ptz; /* last PENDBASER write had PTZ = 1 */
	uint64_t propbaser;
	uint64_t pendbaser;
	uint32_t statusr;
	uint32_t waker;
	/* pending set: chunk pointers allocated on first use */
	uint64_t **chunks;
	uint32_t nchunks;
	uint64_t npending;
	/* the cached highest-priority pending enabled LPI, 0 = none */
	uint32_t hpp_intid;
	uint8_t hpp_prio;
	/* CPU interface */
	uint8_t pmr;
	unsigned nactive;
	uint8_t active[256];
};

struct gicits_gic {
	struct gicits_gic_config cfg;
	const struct gicits_mem *mem;
	mtx_t lock;
	uint8_t pri_mask;
	uint64_t findings;
	struct cpu_state *cpus;
};

void gicits_gic_config_default(struct gicits_gic_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->num_cpus = 4;
	cfg->intid_bits = 16;
	cfg->pri_bits = 5;
	cfg->rd_base = 0x080A0000;
	cfg->rd_stride = 0x20000;
	cfg->ces = true;
}

int gicits_gic_create(const struct gicits_gic_config *cfg,
		      const struct gicits_mem *mem, struct gicits_gic **out)
{
	struct gicits_gic *gic;
	unsigned i;

	if (!cfg || !mem || !out)
		return GICITS_EINVAL;
	if (cfg->num_cpus < 1 || cfg->num_cpus > 65536 ||
	    cfg->intid_bits < 14 || cfg->intid_bits > 32 ||
	    cfg->pri_bits < 4 || cfg->pri_bits > 8 || !cfg->rd_stride ||
	    (cfg->rd_stride & 0xffff) || (cfg->rd_base & 0xffff))
		return GICITS_EINVAL;
	gic = calloc(1, sizeof(*gic));
	if (!gic)
		return GICITS_ENOMEM;
	gic->cpus = calloc(cfg->num_cpus, sizeof(*gic->cpus));
	if (!gic->cpus || mtx_init(&gic->lock, mtx_plain) != thrd_success) {
		free(gic->cpus);
		free(gic);
		return GICITS_ENOMEM;
	}
	gic->cfg = *cfg;
	gic->mem = mem;
	gic->pri_mask = (uint8_t)(0xff << (8 - cfg->pri_bits));
	for (i = 0; i < cfg->num_cpus; i++) {
		/* GICR_WAKER resets with ProcessorSleep = ChildrenAsleep = 1 */
		gic->cpus[i].waker = 0x6;
		gic->cpus[i].nchunks =
			(uint32_t)(((1ULL << cfg->intid_bits) + CHUNK_BITS - 1) /
				   CHUNK_BITS);
	}
	*out = gic;
	return GICITS_OK;
}

static void free_chunks(struct cpu_state *c)
{
	uint32_t i;

	if (!c->chunks)
		return;
	for (i = 0; i < c->nchunks; i++)
		free(c->chunks[i]);
	free(c->chunks);
	c->chunks = NULL;
	c->npending = 0;
}

void gicits_gic_destroy(struct gicits_gic *gic)
{
	unsigned i;

	if (!gic)
		return;
	for (i = 0; i < gic->cfg.num_cpus; i++)
		free_chunks(&gic->cpus[i]);
	free(gic->cpus);
	mtx_destroy(&gic->lock);
	free(gic);
}

unsigned gicits_gic_num_cpus(const struct gicits_gic *gic)
{
	return gic ? gic->cfg.num_cpus : 0;
}

static void trace(struct gicits_gic *gic, enum gicits_trace_kind kind,
		  unsigned cpu, uint32_t intid, uint64_t offset, uint64_t value,
		  const char *rule, const char *msg)
{
	struct gicits_trace_record r;

	if (!gic->cfg.trace)
		return;
	memset(&r, 0, sizeof(r));
	r.kind = kind;
	r.source = "rdist";
	r.cpu = cpu;
	r.intid = intid;
	r.offset = offset;
	r.value = value;
	r.rule = rule;
	r.message = msg;
	gic->cfg.trace(gic->cfg.trace_opaque, &r);
}

uint64_t gicits_gic_findings(struct gicits_gic *gic)
{
	uint64_t n;

	if (!gic)
		return 0;
	mtx_lock(&gic->lock);
	n = gic->findings;
	mtx_unlock(&gic->lock);
	return n;
}

unsigned gicits_gic_intid_bits(const struct gicits_gic *gic)
{
	return gic ? gic->cfg.intid_bits : 0;
}

/* ---- pending set ---------------------------------------------------- */

static bool pend_test(const struct cpu_state *c, uint32_t intid)
{
	const uint64_t *ch;

	if (!c->chunks || intid / CHUNK_BITS >= c->nchunks)
		return false;
	ch = c->chunks[intid / CHUNK_BITS];
	return ch && (ch[(intid % CHUNK_BITS) / 64] >> (intid % 64) & 1);
}

/* Returns GICITS_ENOMEM if the chunk could not be allocated. */
static int pend_set(struct cpu_state *c, uint32_t intid)
{
	uint64_t **ch;

	if (!c->chunks) {
		c->chunks = calloc(c->nchunks, sizeof(*c->chunks));
		if (!c->chunks)
			return GICITS_ENOMEM;
	}
	ch = &c->chunks[intid / CHUNK_BITS];
	if (!*ch) {
		*ch = calloc(CHUNK_WORDS, sizeof(uint64_t));
		if (!*ch)
			return GICITS_ENOMEM;
	}
	if (!((*ch)[(intid % CHUNK_BITS) / 64] >> (intid % 64) & 1)) {
		(*ch)[(intid % CHUNK_BITS) / 64] |= 1ULL << (intid % 64);
		c->npending++;
	}
	return GICITS_OK;
}

static void pend_clear(struct cpu_state *c, uint32_t intid)
{
	uint64_t *ch;

	if (!pend_test(c, intid))
		return;
	ch = c->chunks[intid / CHUNK_BITS];
	ch[(intid % CHUNK_BITS) / 64] &= ~(1ULL << (intid % 64));
	c->npending--;
}

/* Next pending INTID >= @from, or 0 if none. */
static uint32_t pend_next(const struct cpu_state *c, uint64_t from)
{
	uint64_t id = from;

	if (!c->chunks || !c->npending)
		return 0;
	while (id / CHUNK_BITS < c->nchunks) {
		const uint64_t *ch = c->chunks[id / CHUNK_BITS];
		uint64_t w;

		if (!ch) {
			id = (id / CHUNK_BITS + 1) * CHUNK_BITS;
			continue;
		}
		w = ch[(id % CHUNK_BITS) / 64] >> (id % 64);
		if (w) {
			while (!(w & 1)) {
				w >>= 1;
				id++;
			}
			return (uint32_t)id;
		}
		id = (id / 64 + 1) * 64;
	}
	return 0;
}

/* ---- configuration -------------------------------------------------- */

/* Number of LPI INTID bits this redistributor accepts (0 = none). */
static unsigned rd_id_bits(const struct gicits_gic *gic,
			   const struct cpu_state *c)
{
	unsigned idbits = (unsigned)bits_get(c->propbaser, 4, 0);

	/* GICR_PROPBASER.IDbits < 13 (0b1101): all LPIs out of range. */
	if (idbits < 13)
		return 0;
	idbits += 1;
	return idbits < gic->cfg.intid_bits ? idbits : gic->cfg.intid_bits;
}

static bool lpi_in_range(const struct gicits_gic *gic,
			 const struct cpu_state *c, uint32_t intid)
{
	unsigned b = rd_id_bits(gic, c);

	return b && intid >= GICITS_LPI_BASE && (uint64_t)intid < (1ULL << b);
}

/* Read the configuration byte of @intid; a fault reads as disabled. */
static uint8_t lpi_config(struct gicits_gic *gic, unsigned cpu, uint32_t intid)
{
	struct cpu_state *c = &gic->cpus[cpu];
	uint64_t pa = c->propbaser & bits_mask(51, 12);
	uint8_t b;

	if (gicits_mem_read(gic->mem, pa + (intid - GICITS_LPI_BASE), &b, 1)) {
		trace(gic, GICITS_TRACE_FINDING, cpu, intid, 0, pa,
		      "GICR_PROPBASER", "LPI configuration read faulted; LPI treated as disabled");
		return 0;
	}
	return b;
}

static void notify(struct gicits_gic *gic, unsigned cpu)
{
	if (gic->cfg.hppi_changed)
		gic->cfg.hppi_changed(gic->cfg.hppi_opaque, cpu);
}

/* Consider @intid (just made pending) as the new HPPLPI. */
static void hpp_offer(struct gicits_gic *gic, unsigned cpu, uint32_t intid)
{
	struct cpu_state *c = &gic->cpus[cpu];
	uint8_t cfgb = lpi_config(gic, cpu, intid);
	uint8_t prio = cfgb & 0xfc;

	if (!(cfgb & 1))
		return;
	if (!c->hpp_intid || prio < c->hpp_prio ||
	    (prio == c->hpp_prio && intid < c->hpp_intid)) {
		c->hpp_intid = intid;
		c->hpp_prio = prio;
		notify(gic, cpu);
	}
}

/* Full rescan: reload the configuration of every pending LPI. */
static void rescan(struct gicits_gic *gic, unsigned cpu)
{
	struct cpu_state *c = &gic->cpus[cpu];
	uint32_t id = pend_next(c, GICITS_LPI_BASE);
	uint32_t old = c->hpp_intid;
	uint8_t oldp = c->hpp_prio;

	c->hpp_intid = 0;
	c->hpp_prio = 0xff;
	for (; id; id = pend_next(c, (uint64_t)id + 1)) {
		uint8_t cfgb = lpi_config(gic, cpu, id);
		uint8_t prio = cfgb & 0xfc;

		if ((cfgb & 1) && (!c->hpp_intid || prio < c->hpp_prio)) {
			c->hpp_intid = id;
			c->hpp_prio = prio;
		}
	}
	if (c->hpp_intid != old || c->hpp_prio != oldp)
		notify(gic, cpu);
}

static enum gicits_drop lpi_set_locked(struct gicits_gic *gic, unsigned cpu,
				       uint32_t intid)
{
	struct cpu_state *c = &gic->cpus[cpu];

	/* GICR_CTLR.EnableLPIs == 0: translations targeting it are ignored. */
	if (!c->enable_lpis)
		return GICITS_DROP_LPIS_DISABLED;
	if (!lpi_in_range(gic, c, intid))
		return GICITS_DROP_INTID_OOR;
	if (pend_test(c, intid))
		return GICITS_DROP_NONE;
	if (pend_set(c, intid)) {
		trace(gic, GICITS_TRACE_FINDING, cpu, intid, 0, 0, "ENOMEM",
		      "pending state could not be allocated; LPI lost");
		return GICITS_DROP_INTID_OOR;
	}
	hpp_offer(gic, cpu, intid);
	return GICITS_DROP_NONE;
}

static void lpi_clear_locked(struct gicits_gic *gic, unsigned cpu,
			     uint32_t intid)
{
	struct cpu_state *c = &gic->cpus[cpu];

	if (!pend_test(c, intid))
		return;
	pend_clear(c, intid);
	if (c->hpp_intid == intid)
		rescan(gic, cpu);
}

/* ---- internal interface for the ITS --------------------------------- */

bool gic_rdbase_to_cpu(const struct gicits_gic *gic, uint64_t rdbase, bool pta,
		       unsigned *cpu)
{
	if (!pta) {
		if (rdbase >= gic->cfg.num_cpus)
			return false;
		*cpu = (unsigned)rdbase;
		return true;
	} else {
		uint64_t pa = rdbase << 16;

		if (pa < gic->cfg.rd_base ||
		    (pa - gic->cfg.rd_base) % gic->cfg.rd_stride ||
		    (pa - gic->cfg.rd_base) / gic->cfg.rd_stride >=
			    gic->cfg.num_cpus)
			return false;
		*cpu = (unsigned)((pa - gic->cfg.rd_base) / gic->cfg.rd_stride);
		return true;
	}
}

enum gicits_drop gic_lpi_set(struct gicits_gic *gic, unsigned cpu,
			     uint32_t intid)
{
	enum gicits_drop d;

	mtx_lock(&gic->lock);
	d = lpi_set_locked(gic, cpu, intid);
	mtx_unlock(&gic->lock);
	return d;
}

void gic_lpi_clear(struct gicits_gic *gic, unsigned cpu, uint32_t intid)
{
	mtx_lock(&gic->lock);
	lpi_clear_locked(gic, cpu, intid);
	mtx_unlock(&gic->lock);
}

void gic_lpi_move(struct gicits_gic *gic, unsigned from, unsigned to,
		  uint32_t intid)
{
	mtx_lock(&gic->lock);
	if (from != to && pend_test(&gic->cpus[from], intid)) {
		lpi_clear_locked(gic, from, intid);
		(void)lpi_set_locked(gic, to, intid);
	}
	mtx_unlock(&gic->lock);
}

void gic_lpi_inv(struct gicits_gic *gic, unsigned cpu, uint32_t intid)
{
	(void)intid;
	mtx_lock(&gic->lock);
	rescan(gic, cpu);
	mtx_unlock(&gic->lock);
}

void gic_lpi_inv_all(struct gicits_gic *gic)
{
	unsigned i;

	mtx_lock(&gic->lock);
	for (i = 0; i < gic->cfg.num_cpus; i++)
		rescan(gic, i);
	mtx_unlock(&gic->lock);
}

void gic_lpi_movall(struct gicits_gic *gic, unsigned from, unsigned to)
{
	struct cpu_state *src;
	uint32_t id;

	if (from == to)
		return;
	mtx_lock(&gic->lock);
	src = &gic->cpus[from];
	/* Pending state moves even if the target would drop it: MOVALL
	 * transfers state, it is not a new translation.  A disabled target
	 * (EnableLPIs == 0) cannot hold it; the LPIs are then lost, which is
	 * what software that moves to a disabled RD asked for. */
	for (id = pend_next(src, GICITS_LPI_BASE); id;
	     id = pend_next(src, (uint64_t)id + 1)) {
		if (gic->cpus[to].enable_lpis)
			(void)pend_set(&gic->cpus[to], id);
		pend_clear(src, id);
	}
	rescan(gic, from);
	rescan(gic, to);
	mtx_unlock(&gic->lock);
}

/* ---- EnableLPIs ----------------------------------------------------- */

static uint64_t pend_pa(const struct cpu_state *c)
{
	return c->pendbaser & bits_mask(51, 16);
}

/* EnableLPIs 0 -> 1: load the pending table unless PTZ said it is zero. */
static void enable_lpis(struct gicits_gic *gic, unsigned cpu)
{
	struct cpu_state *c = &gic->cpus[cpu];
	unsigned b;
	uint64_t id;

	c->enable_lpis = true;
	b = rd_id_bits(gic, c);
	if (!c->ptz && b) {
		uint8_t buf[256];

		for (id = GICITS_LPI_BASE; id < (1ULL << b); id += 8 * sizeof(buf)) {
			uint64_t n = ((1ULL << b) - id) / 8;
			unsigned j;

			if (n > sizeof(buf))
				n = sizeof(buf);
			if (gicits_mem_read(gic->mem, pend_pa(c) + id / 8, buf, n)) {
				trace(gic, GICITS_TRACE_FINDING, cpu, 0, 0,
				      pend_pa(c), "GICR_PENDBASER",
				      "pending table read faulted at EnableLPIs; treated as zero");
				break;
			}
			for (j = 0; j < n * 8; j++)
				if (buf[j / 8] >> (j % 8) & 1)
					(void)pend_set(c, (uint32_t)(id + j));
		}
	}
	c->ptz = false;
	rescan(gic, cpu);
}

/* EnableLPIs 1 -> 0: write the pending state back to the pending table, so
 * that the table is exact again (IHI 0069: its content is UNKNOWN only while
 * EnableLPIs == 1). */
static void disable_lpis(struct gicits_gic *gic, unsigned cpu)
{
	struct cpu_state *c = &gic->cpus[cpu];
	unsigned b = rd_id_bits(gic, c);
	uint64_t id;

	for (id = GICITS_LPI_BASE; b && id < (1ULL << b); id += 8) {
		uint8_t byte = 0;
		unsigned j;

		for (j = 0; j < 8; j++)
			if (pend_test(c, (uint32_t)(id + j)))
				byte |= (uint8_t)(1u << j);
		if (gicits_mem_write(gic->mem, pend_pa(c) + id / 8, &byte, 1)) {
			trace(gic, GICITS_TRACE_FINDING, cpu, 0, 0, pend_pa(c),
			      "GICR_PENDBASER", "pending table write-back faulted");
			break;
		}
	}
	free_chunks(c);
	c->enable_lpis = false;
	c->hpp_intid = 0;
	notify(gic, cpu);
}

/* ---- registers ------------------------------------------------------ */

static uint64_t typer(const struct gicits_gic *gic, unsigned cpu)
{
	uint64_t v = 0;

	/* Affinity: Aff0 = cpu[7:0], Aff1 = cpu[15:8]. */
	v = bits_set(v, 39, 32, cpu & 0xff);
	v = bits_set(v, 47, 40, (cpu >> 8) & 0xff);
	v = bits_set(v, 23, 8, cpu); /* Processor_Number */
	v = bits_set(v, 25, 24, 0); /* CommonLPIAff: all RDs share config */
	v |= 1u << 3; /* DirectLPI: SETLPIR..SYNCR implemented */
	v |= 1u << 0; /* PLPIS */
	if (cpu == gic->cfg.num_cpus - 1)
		v |= 1u << 4; /* Last */
	return v;
}

static int check_access(struct gicits_gic *gic, unsigned cpu, uint32_t offset,
			unsigned size, bool is64)
{
	if (!gic)
		return GICITS_EINVAL;
	if (cpu >= gic->cfg.num_cpus)
		return GICITS_ENOENT;
	if (offset >= 0x10000)
		return GICITS_EINVAL;
	if ((size != 4 && size != 8) || offset % size)
		return GICITS_EACCESS;
	if (size == 8 && !is64)
		return GICITS_EACCESS;
	return GICITS_OK;
}

static bool reg_is64(uint32_t base)
{
	switch (base) {
	case GICR_TYPER:
	case GICR_SETLPIR:
	case GICR_CLRLPIR:
	case GICR_PROPBASER:
	case GICR_PENDBASER:
	case GICR_INVLPIR:
	case GICR_INVALLR:
		return true;
	}
	return false;
}

int gicits_rdist_read(struct gicits_gic *gic, unsigned cpu, uint32_t offset,
		      unsigned size, uint64_t *val)
{
	uint32_t base = offset & ~7u;
	uint64_t v = 0;
	struct cpu_state *c;
	int err;

	if (!val)
		return GICITS_EINVAL;
	*val = 0;
	err = check_access(gic, cpu, offset, size,
			   reg_is64(base) && base == offset);
	if (err)
		return err;
	if (!reg_is64(base))
		base = offset;
	c = &gic->cpus[cpu];
	mtx_lock(&gic->lock);
	switch (base) {
	case GICR_CTLR:
		/* [1] CES, [2] IR (INVLPIR/INVALLR/SYNCR), [0] EnableLPIs;
		 * RWP is never set: changes take effect synchronously. */
		v = (gic->cfg.ces ? 2u : 0u) | 4u | (c->enable_lpis ? 1u : 0u);
		break;
	case GICR_IIDR:
		v = 0x43b; /* Arm JEP106 */
		break;
	case GICR_TYPER:
		v = typer(gic, cpu);
		break;
	case GICR_STATUSR:
		v = c->statusr;
		break;
	case GICR_WAKER:
		v = c->waker;
		break;
	case GICR_PROPBASER:
		v = c->propbaser;
		break;
	case GICR_PENDBASER:
		v = c->pendbaser & ~(1ULL << 62); /* PTZ reads 0 */
		break;
	case GICR_SYNCR:
		v = 0; /* never Busy: invalidations complete synchronously */
		break;
	case GICR_PIDR2:
		v = 0x3b; /* ArchRev 3 */
		break;
	case GICR_SETLPIR:
	case GICR_CLRLPIR:
	case GICR_INVLPIR:
	case GICR_INVALLR:
		c->statusr |= 1u << 2; /* RWOD */
		trace(gic, GICITS_TRACE_REG, cpu, 0, offset, 0, "GICR_STATUSR.RWOD",
		      "read of a write-only redistributor register (RAZ)");
		break;
	default:
		c->statusr |= 1u << 0; /* RRD */
		trace(gic, GICITS_TRACE_REG, cpu, 0, offset, 0, "GICR_STATUSR.RRD",
		      "read of a reserved redistributor offset (RAZ)");
		break;
	}
	mtx_unlock(&gic->lock);
	if (size == 4 && (offset & 4) && reg_is64(base))
		v >>= 32;
	else if (size == 4)
		v &= 0xffffffffu;
	*val = v;
	return GICITS_OK;
}

/* Merge a 32-bit write into a 64-bit register. */
static uint64_t merge(uint64_t old, uint32_t offset, unsigned size, uint64_t val)
{
	if (size == 8)
		return val;
	if (offset & 4)
		return (old & 0xffffffffu) | (val << 32);
	return (old & ~0xffffffffULL) | (val & 0xffffffffu);
}

int gicits_rdist_write(struct gicits_gic *gic, unsigned cpu, uint32_t offset,
		       unsigned size, uint64_t val)
{
	uint32_t base = offset & ~7u;
	struct cpu_state *c;
	int err;

	err = check_access(gic, cpu, offset, size,
			   reg_is64(base) && base == offset);
	if (err)
		return err;
	if (!reg_is64(base))
		base = offset;
	if (size == 4)
		val &= 0xffffffffu;
	c = &gic->cpus[cpu];
	mtx_lock(&gic->lock);
	switch (base) {
	case GICR_CTLR:
		if ((val & 1) && !c->enable_lpis) {
			enable_lpis(gic, cpu);
		} else if (!(val & 1) && c->enable_lpis) {
			if (gic->cfg.ces)
				disable_lpis(gic, cpu);
			else
				trace(gic, GICITS_TRACE_REG, cpu, 0, offset, val,
				      "GICR_CTLR.CES",
				      "EnableLPIs is RES1 once set (CES == 0); write ignored");
		}
		break;
	case GICR_STATUSR:
		c->statusr &= ~(uint32_t)val; /* W1C */
		break;
	case GICR_WAKER:
		/* ProcessorSleep [1]; ChildrenAsleep [2] follows it. */
		c->waker = (val & 2) ? 0x6 : 0x0;
		break;
	case GICR_PROPBASER:
	case GICR_PENDBASER:
		if (c->enable_lpis) {
			/* IHI 0069 GICR_PROPBASER/PENDBASER: writing while
			 * EnableLPIs == 1 is UNPREDICTABLE; gicits ignores it. */
			trace(gic, GICITS_TRACE_REG, cpu, 0, offset, val,
			      "GICR_PENDBASER.UNPREDICTABLE",
			      "write while EnableLPIs == 1 ignored");
			break;
		}
		if (base == GICR_PROPBASER) {
			c->propbaser = merge(c->propbaser, offset, size, val) &
				       (bits_mask(58, 56) | bits_mask(51, 12) |
					bits_mask(11, 7) | bits_mask(4, 0));
		} else {
			uint64_t v = merge(c->pendbaser, offset, size, val);

			if (size == 8 || (offset & 4))
				c->ptz = (v >> 62) & 1;
			c->pendbaser = v & (bits_mask(62, 62) | bits_mask(58, 56) |
					    bits_mask(51, 16) | bits_mask(11, 7));
		}
		break;
	case GICR_SETLPIR:
		if (!(offset & 4))
			(void)lpi_set_locked(gic, cpu, (uint32_t)val);
		break;
	case GICR_CLRLPIR:
		if (!(offset & 4) && c->enable_lpis)
			lpi_clear_locked(gic, cpu, (uint32_t)val);
		break;
	case GICR_INVLPIR:
	case GICR_INVALLR:
		/* Physical only ([63] V = 0); reload this RD's cache. */
		if (!(offset & 4) || !(val >> 31))
			rescan(gic, cpu);
		break;
	case GICR_IIDR:
	case GICR_TYPER:
	case GICR_SYNCR:
	case GICR_PIDR2:
		c->statusr |= 1u << 3; /* WROD */
		trace(gic, GICITS_TRACE_REG, cpu, 0, offset, val, "GICR_STATUSR.WROD",
		      "write to a read-only redistributor register ignored");
		break;
	default:
		c->statusr |= 1u << 1; /* WRD */
		trace(gic, GICITS_TRACE_REG, cpu, 0, offset, val, "GICR_STATUSR.WRD",
		      "write to a reserved redistributor offset ignored");
		break;
	}
	mtx_unlock(&gic->lock);
	return GICITS_OK;
}

/* ---- CPU interface -------------------------------------------------- */

int gicits_cpu_set_pmr(struct gicits_gic *gic, unsigned cpu, uint8_t pmr)
{
	if (!gic || cpu >= gic->cfg.num_cpus)
		return GICITS_ENOENT;
	mtx_lock(&gic->lock);
	gic->cpus[cpu].pmr = pmr & gic->pri_mask;
	notify(gic, cpu);
	mtx_unlock(&gic->lock);
	return GICITS_OK;
}

uint8_t gicits_cpu_get_pmr(struct gicits_gic *gic, unsigned cpu)
{
	uint8_t v;

	if (!gic || cpu >= gic->cfg.num_cpus)
		return 0;
	mtx_lock(&gic->lock);
	v = gic->cpus[cpu].pmr;
	mtx_unlock(&gic->lock);
	return v;
}

/* Cache check: the cached HPPLPI against the configuration in memory. */
static void check_hpp(struct gicits_gic *gic, unsigned cpu)
{
	struct cpu_state *c = &gic->cpus[cpu];
	uint8_t cfgb;

	if (!gic->cfg.check_config || !c->hpp_intid)
		return;
	cfgb = lpi_config(gic, cpu, c->hpp_intid);
	if (!(cfgb & 1) || (cfgb & 0xfc) != c->hpp_prio) {
		gic->findings++;
		trace(gic, GICITS_TRACE_FINDING, cpu, c->hpp_intid, 0, cfgb,
		      "INV",
		      !(cfgb & 1) ? "LPI disabled in the configuration table without INV/INVALL/GICR_INVLPIR: "
				    "the redistributor still uses its cached copy"
				  : "LPI priority changed in the configuration table without INV/INVALL/GICR_INVLPIR: "
				    "the redistributor still uses its cached copy");
	}
}

/* INTID the CPU interface signals, or SPURIOUS. */
static uint32_t signalled(struct gicits_gic *gic, unsigned cpu)
{
	const struct cpu_state *c = &gic->cpus[cpu];
	unsigned prio, running;

	if (!c->hpp_intid || !c->enable_lpis)
		return GICITS_INTID_SPURIOUS;
	check_hpp(gic, cpu);
	prio = c->hpp_prio & gic->pri_mask;
	running = c->nactive ? c->active[c->nactive - 1] : 0x100;
	if (prio >= c->pmr || prio >= running)
		return GICITS_INTID_SPURIOUS;
	return c->hpp_intid;
}

uint32_t gicits_cpu_hppi(struct gicits_gic *gic, unsigned cpu)
{
	uint32_t id;

	if (!gic || cpu >= gic->cfg.num_cpus)
		return GICITS_INTID_SPURIOUS;
	mtx_lock(&gic->lock);
	id = signalled(gic, cpu);
	mtx_unlock(&gic->lock);
	return id;
}

uint32_t gicits_cpu_ack(struct gicits_gic *gic, unsigned cpu)
{
	struct cpu_state *c;
	uint32_t id;

	if (!gic || cpu >= gic->cfg.num_cpus)
		return GICITS_INTID_SPURIOUS;
	mtx_lock(&gic->lock);
	c = &gic->cpus[cpu];
	id = signalled(gic, cpu);
	if (id != GICITS_INTID_SPURIOUS) {
		if (c->nactive < sizeof(c->active))
			c->active[c->nactive++] = c->hpp_prio & gic->pri_mask;
		lpi_clear_locked(gic, cpu, id);
	}
	mtx_unlock(&gic->lock);
	return id;
}

int gicits_cpu_eoi(struct gicits_gic *gic, unsigned cpu, uint32_t intid)
{
	struct cpu_state *c;
	int err = GICITS_OK;

	(void)intid;
	if (!gic || cpu >= gic->cfg.num_cpus)
		return GICITS_ENOENT;
	mtx_lock(&gic->lock);
	c = &gic->cpus[cpu];
	if (!c->nactive)
		err = GICITS_ESTATE;
	else
		c->nactive--;
	notify(gic, cpu);
	mtx_unlock(&gic->lock);
	return err;
}

int gicits_rdist_pending_foreach(struct gicits_gic *gic, unsigned cpu,
				 int (*fn)(void *opaque, uint32_t intid),
				 void *opaque)
{
	uint32_t id;
	int rc = 0;

	if (!gic || cpu >= gic->cfg.num_cpus)
		return GICITS_ENOENT;
	if (!fn)
		return GICITS_EINVAL;
	mtx_lock(&gic->lock);
	for (id = pend_next(&gic->cpus[cpu], 0); id && !rc;
	     id = pend_next(&gic->cpus[cpu], (uint64_t)id + 1))
		rc = fn(opaque, id);
	mtx_unlock(&gic->lock);
	return rc;
}

int gicits_rdist_is_pending(struct gicits_gic *gic, unsigned cpu,
			    uint32_t intid)
{
	int r;

	if (!gic || cpu >= gic->cfg.num_cpus)
		return GICITS_ENOENT;
	mtx_lock(&gic->lock);
	r = pend_test(&gic->cpus[cpu], intid);
	mtx_unlock(&gic->lock);
	return r;
}
