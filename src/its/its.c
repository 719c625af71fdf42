/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The ITS object: configuration, creation and destruction (over a gic or
 * an external LPI sink, <gicits/sink.h>), the trace and findings every
 * other file reports through, the MSI fast-path flag, the status counters,
 * the lock helper of src/snapshot, and the sink's set_pending call.
 * Layer 1 (its_internal.h): calls only index.c, the gic's INTID width and
 * virtual sides (its_sink.h its_vsides_of()) and an external sink's
 * callbacks (num_cpus, intid_bits, set_pending).
 */
#include "its_internal.h"
#include "its_sink.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "gicits/error.h"

void gicits_its_config_default(struct gicits_its_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->size = sizeof(*cfg);
	cfg->devbits = 16;
	cfg->idbits = 16;
	cfg->cidbits = 16;
	cfg->hcc = 0;
	cfg->ite_size = 12;
	cfg->pta = false;
	cfg->indirect = true;
	cfg->error_policy = GICITS_POLICY_SKIP;
	cfg->cache = GICITS_CACHE_ON;
	cfg->umsi = false;
	cfg->creadr_writable = false;
	cfg->mapc_rdbase16 = false;
	cfg->iidr = 0x43b;
	cfg->index_budget_bytes = 512ull << 20;
	cfg->gic = GICITS_GIC_V3;
}

/* The part of struct gicits_lpi_sink_ops every sink provides: through
 * inv_all (<gicits/sink.h>, the size rule). */
#define SINK_OPS_V1_SIZE                                 \
	(offsetof(struct gicits_lpi_sink_ops, inv_all) + \
	 sizeof(((struct gicits_lpi_sink_ops *)0)->inv_all))

/* Copy @in into @ops by the size rule of struct gicits_lpi_sink_ops and
 * check it: GICITS_OK or GICITS_EINVAL. */
static int sink_ops_copy(const struct gicits_lpi_sink_ops *in,
			 struct gicits_lpi_sink_ops *ops)
{
	if (in->size < SINK_OPS_V1_SIZE || in->size > sizeof(*ops))
		return GICITS_EINVAL;
	memset(ops, 0, sizeof(*ops));
	memcpy(ops, in, in->size);
	if (!ops->num_cpus || !ops->intid_bits || !ops->set_pending ||
	    !ops->clear || !ops->move || !ops->move_all || !ops->inv ||
	    !ops->inv_all)
		return GICITS_EINVAL;
	return GICITS_OK;
}

/* gicits_its_create() (@gic) and gicits_its_create_with_sink() (@sink). */
static int its_create(const struct gicits_its_config *in,
		      struct gicits_gic *gic,
		      const struct gicits_lpi_sink_ops *sink, void *sink_ctx,
		      const struct gicits_mem *mem, struct gicits_its **out)
{
	struct gicits_lpi_sink_ops ops;
	struct gicits_its_config c;
	const struct gicits_its_config *cfg = &c;
	struct gicits_its *its;
	unsigned n, ncpus = 0, ibits;

	if (!in || (!gic && !sink) || !mem || !out)
		return GICITS_EINVAL;
	/* A caller that did not start from gicits_its_config_default(), or
	 * was built against a later version (fields are only appended). */
	if (in->size == 0 || in->size > sizeof(c))
		return GICITS_EINVAL;
	/* A caller built against an earlier version: the fields it does not
	 * know keep their defaults. */
	gicits_its_config_default(&c);
	memcpy(&c, in, in->size);
	if (cfg->devbits < 1 || cfg->devbits > 32 || cfg->idbits < 1 ||
	    cfg->idbits > 32 || cfg->cidbits < 1 || cfg->cidbits > 16 ||
	    cfg->hcc > 255 ||
	    (cfg->ite_size != 8 && cfg->ite_size != 12 &&
	     cfg->ite_size != 16) ||
	    cfg->error_policy > GICITS_POLICY_STALL ||
	    cfg->cache > GICITS_CACHE_CHECK || cfg->gic > GICITS_GIC_V4_1)
		return GICITS_EINVAL;
	/* A virtual ITE keeps its doorbell in the word at byte 8 (<gicits/its.h>
	 * table formats): 8-byte ITEs have no room for it. */
	if (cfg->gic != GICITS_GIC_V3 && cfg->ite_size < 12)
		return GICITS_EINVAL;
	if (gic) {
		/* a GICv4.0 ITS delivers vLPIs to resident vPEs: its
		 * redistributors must have residency (a GICv3 ITS works on
		 * either) */
		if (cfg->gic != GICITS_GIC_V3 &&
		    gicits_gic_version(gic) != cfg->gic)
			return GICITS_EINVAL;
		ibits = gicits_gic_intid_bits(gic);
	} else {
		/* GICv4.1's default doorbells and vSGIs are state of the
		 * GIC (src/rdist/v41.c): a sink has none */
		if (cfg->gic == GICITS_GIC_V4_1)
			return GICITS_ENOTSUP;
		if (sink_ops_copy(sink, &ops))
			return GICITS_EINVAL;
		/* a PTA = 1 RDbase is an address only the sink can decode */
		if (cfg->pta && !ops.rdbase_to_cpu)
			return GICITS_EINVAL;
		/* 65536: what the index's CPU field holds (IDX_CTE_CPU), as
		 * gicits_gic_config.num_cpus */
		ncpus = ops.num_cpus(sink_ctx);
		ibits = ops.intid_bits(sink_ctx);
		if (ncpus < 1 || ncpus > 65536 || ibits < 14 || ibits > 32)
			return GICITS_EINVAL;
	}
	its = aligned_alloc(64, (sizeof(*its) + 63) & ~(size_t)63);
	if (!its)
		return GICITS_ENOMEM;
	memset(its, 0, sizeof(*its));
	if (mtx_init(&its->lock, mtx_plain) != thrd_success) {
		free(its);
		return GICITS_ENOMEM;
	}
	if (mtx_init(&its->vpt_lock, mtx_plain) != thrd_success) {
		mtx_destroy(&its->lock);
		free(its);
		return GICITS_ENOMEM;
	}
	if (index_init(&its->index, cfg->devbits, cfg->cidbits)) {
		mtx_destroy(&its->vpt_lock);
		mtx_destroy(&its->lock);
		free(its);
		return GICITS_ENOMEM;
	}
	its->cfg = *cfg;
	its->index.budget = cfg->index_budget_bytes;
	its->gic = gic;
	its->vsides = its_vsides_of(gic);
	if (!gic) {
		its->sink = ops;
		its->sink_ctx = sink_ctx;
		its->sink_cpus = ncpus;
	}
	its->intid_bits = ibits;
	its->mem = mem;
	for (n = 0; n < 8; n++)
		its->baser[n] = its_baser_reset(cfg, n);
	*out = its;
	return GICITS_OK;
}

int gicits_its_create(const struct gicits_its_config *cfg,
		      struct gicits_gic *gic, const struct gicits_mem *mem,
		      struct gicits_its **out)
{
	if (!gic)
		return GICITS_EINVAL;
	return its_create(cfg, gic, NULL, NULL, mem, out);
}

int gicits_its_create_with_sink(const struct gicits_its_config *cfg,
				const struct gicits_lpi_sink_ops *sink,
				void *sink_ctx, const struct gicits_mem *mem,
				struct gicits_its **out)
{
	if (!sink)
		return GICITS_EINVAL;
	return its_create(cfg, NULL, sink, sink_ctx, mem, out);
}

void gicits_its_destroy(struct gicits_its *its)
{
	if (!its)
		return;
	vmovp_its_gone(its);
	index_fini(&its->index);
	mtx_destroy(&its->vpt_lock);
	mtx_destroy(&its->lock);
	free(its);
}

void its_trace(struct gicits_its *its, const struct gicits_trace_record *r)
{
	struct gicits_trace_record t;

	if (!its->cfg.trace)
		return;
	t = *r;
	t.source = "its";
	if (!t.rule)
		t.rule = "";
	if (!t.message)
		t.message = "";
	its->cfg.trace(its->cfg.trace_opaque, &t);
}

void its_trace_note(struct gicits_its *its, const struct its_note *n)
{
	struct gicits_trace_record t;

	memset(&t, 0, sizeof(t));
	t.kind = n->kind;
	t.device_id = n->devid;
	t.event_id = n->event;
	t.offset = n->offset;
	t.value = n->value;
	t.cpu = -1;
	t.rule = n->rule;
	t.message = n->msg;
	its_trace(its, &t);
}

void its_finding(struct gicits_its *its, uint32_t devid, uint32_t event,
		 const char *rule, const char *msg)
{
	struct its_note n = {
		GICITS_TRACE_FINDING, devid, event, 0, 0, rule, msg
	};

	atomic_fetch_add_explicit(&its->findings, 1, memory_order_relaxed);
	its_trace_note(its, &n);
}

void its_fast_update(struct gicits_its *its)
{
	uint32_t f =
		bits_get(atomic_load_explicit(&its->ctlr, memory_order_relaxed),
			 GITS_CTLR_ENABLED) &&
		bits_get(atomic_load_explicit(&its->dt_raw,
					      memory_order_relaxed),
			 GITS_BASER_VALID) &&
		its->cfg.cache == GICITS_CACHE_ON && !its->cfg.trace;

	atomic_store_explicit(&its->fast, f, memory_order_release);
}

NOINLINE enum gicits_drop its_sink_set(struct gicits_its *its, unsigned cpu,
				       uint32_t intid)
{
	int r = its->sink.set_pending(its->sink_ctx, cpu, intid);

	switch (r) {
	case GICITS_DROP_NONE:
	case GICITS_DROP_LPIS_DISABLED:
	case GICITS_DROP_INTID_OOR:
	case GICITS_DROP_BUDGET:
		return (enum gicits_drop)r;
	default:
		return GICITS_DROP_SINK;
	}
}

int its_call_locked(struct gicits_its *its,
		    int (*fn)(struct gicits_its *its, void *ctx), void *ctx)
{
	int err;

	mtx_lock(&its->lock);
	err = fn(its, ctx);
	mtx_unlock(&its->lock);
	return err;
}

int gicits_its_status(struct gicits_its *its, struct gicits_its_status *st)
{
	if (!its || !st)
		return GICITS_EINVAL;
	mtx_lock(&its->lock);
	*st = its->st;
	st->stalled = bits_get(its->creadr, GITS_CREADR_STALLED);
	st->findings =
		atomic_load_explicit(&its->findings, memory_order_relaxed);
	mtx_unlock(&its->lock);
	return GICITS_OK;
}
