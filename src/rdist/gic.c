/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A gic: its configuration, creation and destruction, and the trace
 * records of its redistributors.  See include/gicits/rdist.h for the
 * caching models and docs/concurrency.md R1.. for the lock-free paths.
 */
#include <stdatomic.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>

#include "common/bits.h"
#include "gicits/error.h"
#include "rdist/pending.h"
#include "rdist/rdist_fields.h"
#include "rdist/rdist_priv.h"
#include "rdist/vlpi.h"

void gicits_gic_config_default(struct gicits_gic_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->size = sizeof(*cfg);
	cfg->num_cpus = 4;
	cfg->intid_bits = 16;
	cfg->pri_bits = 5;
	cfg->rd_base = 0x080A0000;
	cfg->rd_stride = 0x20000;
	cfg->ces = true;
	cfg->lpi_cache = GICITS_LPI_CACHE_FULL;
	cfg->pending_budget_bytes = 16ull << 20;
	cfg->version = GICITS_GIC_V3;
	cfg->pendinglast = GICITS_PENDINGLAST_CACHED;
	cfg->vpeid_bits = 16;
	cfg->nassgicap = GICITS_NASSGICAP_DEFAULT;
	cfg->gicd_rwp_reads = 0;
}

/*
 * The size rule of struct gicits_gic_config (include/gicits/rdist.h):
 * @cfg->size bytes are the caller's, the rest take their defaults.  0 or
 * more than this library knows is GICITS_EINVAL; so is a size that cuts a
 * field of the first release in two (all of them are required).
 */
static int config_take(const struct gicits_gic_config *cfg,
		       struct gicits_gic_config *out)
{
	if (cfg->size < offsetof(struct gicits_gic_config, hppi_opaque) +
				sizeof(cfg->hppi_opaque) ||
	    cfg->size > sizeof(*out))
		return GICITS_EINVAL;
	gicits_gic_config_default(out);
	memcpy(out, cfg, cfg->size);
	out->size = sizeof(*out);
	return GICITS_OK;
}

static int config_check(const struct gicits_gic_config *cfg)
{
	if (cfg->num_cpus < 1 || cfg->num_cpus > 65536 ||
	    cfg->intid_bits < 14 || cfg->intid_bits > 32 || cfg->pri_bits < 4 ||
	    cfg->pri_bits > 8 || !cfg->rd_stride ||
	    cfg->lpi_cache > GICITS_LPI_CACHE_FULL ||
	    (cfg->rd_stride & 0xffff) || (cfg->rd_base & 0xffff) ||
	    cfg->version > GICITS_GIC_V4_1 || cfg->vpe_dirty_reads > 1000 ||
	    cfg->pendinglast > GICITS_PENDINGLAST_RESCAN ||
	    cfg->vpeid_bits < 1 || cfg->vpeid_bits > 16 ||
	    cfg->v41_early_write > GICITS_V41_APPLY ||
	    cfg->v41_no_vprop > GICITS_V41_APPLY ||
	    cfg->v41_resident_change > GICITS_V41_READBACK ||
	    cfg->v41_wide_vpeid > GICITS_V41_APPLY ||
	    cfg->nassgicap > GICITS_NASSGICAP_ON ||
	    cfg->gicd_rwp_reads > 1000)
		return GICITS_EINVAL;
	/* GICD_TYPER2 is RES0 unless GICv4.1 (spec/gicv41.md §1) */
	if (cfg->nassgicap == GICITS_NASSGICAP_ON &&
	    cfg->version != GICITS_GIC_V4_1)
		return GICITS_EINVAL;
	return GICITS_OK;
}

static void cpu_init(struct cpu_state *c, const struct gicits_gic_config *cfg,
		     bool virt)
{
	atomic_init(&c->enable_lpis, false);
	atomic_init(&c->lpi_limit, 0);
	atomic_init(&c->propbaser, 0);
	atomic_init(&c->chunks, NULL);
	atomic_init(&c->chunk0, NULL);
	atomic_init(&c->hpp, 0);
	atomic_init(&c->pend_bytes, 0);
	c->pend_budget = cfg->pending_budget_bytes;
	c->full = cfg->lpi_cache == GICITS_LPI_CACHE_FULL;
	atomic_init(&c->vres, 0);
	/* GICR_WAKER resets with ProcessorSleep = ChildrenAsleep = 1; a
	 * virtual side has no WAKER of its own (never asleep: the physical
	 * PE runs the vCPU) */
	if (!virt)
		c->waker = (uint32_t)bits_set(
			bits_set(0, GICR_WAKER_PROCESSOR_SLEEP, 1),
			GICR_WAKER_CHILDREN_ASLEEP, 1);
	c->nchunks = (uint32_t)(((1ULL << cfg->intid_bits) + CHUNK_BITS - 1) /
				CHUNK_BITS);
}

int gicits_gic_create(const struct gicits_gic_config *ucfg,
		      const struct gicits_mem *mem, struct gicits_gic **out)
{
	struct gicits_gic_config cfg;
	struct gicits_gic *gic;
	unsigned i, n;
	int err;

	if (!ucfg || !mem || !out)
		return GICITS_EINVAL;
	if (config_take(ucfg, &cfg))
		return GICITS_EINVAL;
	err = config_check(&cfg);
	if (err)
		return err;
	/* GICv4: four 64 KB frames per redistributor (IHI 0069 "The GICv4
	 * redistributor frames"); VLPI_base is the third */
	if (cfg.version != GICITS_GIC_V3 && cfg.rd_stride < 0x40000)
		cfg.rd_stride = 0x40000;
	n = cfg.version != GICITS_GIC_V3 ? 2 * cfg.num_cpus : cfg.num_cpus;
	gic = calloc(1, sizeof(*gic));
	if (!gic)
		return GICITS_ENOMEM;
	if (mtx_init(&gic->vpt_lock, mtx_plain) != thrd_success) {
		free(gic);
		return GICITS_ENOMEM;
	}
	/* sizeof(struct cpu_state) is a multiple of its 64-byte alignment */
	gic->cpus = aligned_alloc(64, (size_t)n * sizeof(*gic->cpus));
	if (!gic->cpus) {
		mtx_destroy(&gic->vpt_lock);
		free(gic);
		return GICITS_ENOMEM;
	}
	memset(gic->cpus, 0, (size_t)n * sizeof(*gic->cpus));
	for (i = 0; i < n; i++) {
		struct cpu_state *c = &gic->cpus[i];

		if (mtx_init(&c->lock, mtx_plain) != thrd_success) {
			while (i--)
				mtx_destroy(&gic->cpus[i].lock);
			free(gic->cpus);
			mtx_destroy(&gic->vpt_lock);
			free(gic);
			return GICITS_ENOMEM;
		}
		cpu_init(c, &cfg, i >= cfg.num_cpus);
	}
	gic->cfg = cfg;
	gic->mem = mem;
	gic->pri_mask = (uint8_t)(0xff << (8 - cfg.pri_bits));
	atomic_init(&gic->findings, 0);
	/* GICD_CTLR resets with the groups disabled and nASSGIreq 0 */
	atomic_init(&gic->gicd, 0);
	if (v41_init(gic)) {
		gicits_gic_destroy(gic);
		return GICITS_ENOMEM;
	}
	*out = gic;
	return GICITS_OK;
}

void gicits_gic_destroy(struct gicits_gic *gic)
{
	unsigned i;

	if (!gic)
		return;
	for (i = 0; i < (gic_is_v4(gic) ? 2 : 1) * gic->cfg.num_cpus; i++) {
		struct cpu_state *c = &gic->cpus[i];

		pend_free(c);
		free(c->heap);
		mtx_destroy(&c->lock);
	}
	free(gic->cpus);
	mtx_destroy(&gic->vpt_lock);
	if (atomic_load(&gic->its_shared))
		atomic_load(&gic->its_shared_free)(atomic_load(&gic->its_shared));
	v41_fini(gic);
	free(gic);
}

enum gicits_gic_version gicits_gic_version(const struct gicits_gic *gic)
{
	return gic ? gic->cfg.version : GICITS_GIC_V3;
}

unsigned gicits_gic_num_cpus(const struct gicits_gic *gic)
{
	return gic ? gic->cfg.num_cpus : 0;
}

uint64_t gicits_gic_findings(struct gicits_gic *gic)
{
	return gic ? atomic_load_explicit(&gic->findings,
					  memory_order_relaxed) :
		     0;
}

const struct gicits_gic_config *gic_config(const struct gicits_gic *gic)
{
	return &gic->cfg;
}

unsigned gicits_gic_intid_bits(const struct gicits_gic *gic)
{
	return gic ? gic->cfg.intid_bits : 0;
}

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

void rdist_trace(struct gicits_gic *gic, enum gicits_trace_kind kind,
		 unsigned cpu, uint32_t intid, uint64_t offset, uint64_t value,
		 const char *rule, const char *msg)
{
	struct gicits_trace_record r;

	if (!gic->cfg.trace)
		return;
	memset(&r, 0, sizeof(r));
	r.kind = kind;
	r.source = "rdist";
	/* a virtual side (GICv4.0) reports its physical CPU */
	r.cpu = cpu >= gic->cfg.num_cpus ? cpu - gic->cfg.num_cpus : cpu;
	r.intid = intid;
	r.offset = offset;
	r.value = value;
	r.rule = rule;
	r.message = msg;
	gic->cfg.trace(gic->cfg.trace_opaque, &r);
}
