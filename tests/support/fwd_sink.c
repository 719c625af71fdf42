/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The forwarding test sink (fwd_sink.h): each callback counts itself and
 * calls the same callback of gicits_gic_lpi_sink_ops() on the gic, so it
 * uses nothing but the public interface an embedder has.
 */
#include "fwd_sink.h"

static const struct gicits_lpi_sink_ops *to(void)
{
	return gicits_gic_lpi_sink_ops();
}

static struct gicits_gic *count(void *ctx, enum ts_fwd_op op)
{
	struct ts_fwd *f = ctx;

	atomic_fetch_add_explicit(&f->calls[op], 1, memory_order_relaxed);
	return f->gic;
}

static unsigned fwd_num_cpus(void *ctx)
{
	return to()->num_cpus(((struct ts_fwd *)ctx)->gic);
}

static unsigned fwd_intid_bits(void *ctx)
{
	return to()->intid_bits(((struct ts_fwd *)ctx)->gic);
}

static bool fwd_rdbase_to_cpu(void *ctx, uint64_t rdbase, bool pta,
			      unsigned *cpu)
{
	return to()->rdbase_to_cpu(count(ctx, TS_FWD_RDBASE), rdbase, pta, cpu);
}

static int fwd_set_pending(void *ctx, unsigned cpu, uint32_t intid)
{
	return to()->set_pending(count(ctx, TS_FWD_SET_PENDING), cpu, intid);
}

static void fwd_clear(void *ctx, unsigned cpu, uint32_t intid)
{
	to()->clear(count(ctx, TS_FWD_CLEAR), cpu, intid);
}

static void fwd_move(void *ctx, unsigned from, unsigned to_cpu, uint32_t intid)
{
	to()->move(count(ctx, TS_FWD_MOVE), from, to_cpu, intid);
}

static void fwd_move_all(void *ctx, unsigned from, unsigned to_cpu)
{
	to()->move_all(count(ctx, TS_FWD_MOVE_ALL), from, to_cpu);
}

static void fwd_inv(void *ctx, unsigned cpu, uint32_t intid)
{
	to()->inv(count(ctx, TS_FWD_INV), cpu, intid);
}

static void fwd_inv_all(void *ctx, int cpu)
{
	to()->inv_all(count(ctx, TS_FWD_INV_ALL), cpu);
}

const struct gicits_lpi_sink_ops ts_fwd_ops = {
	.size = sizeof(struct gicits_lpi_sink_ops),
	.num_cpus = fwd_num_cpus,
	.intid_bits = fwd_intid_bits,
	.rdbase_to_cpu = fwd_rdbase_to_cpu,
	.set_pending = fwd_set_pending,
	.clear = fwd_clear,
	.move = fwd_move,
	.move_all = fwd_move_all,
	.inv = fwd_inv,
	.inv_all = fwd_inv_all,
};

void ts_fwd_init(struct ts_fwd *f, struct gicits_gic *gic)
{
	unsigned i;

	f->gic = gic;
	for (i = 0; i < TS_FWD_NOPS; i++)
		atomic_init(&f->calls[i], 0);
}

uint64_t ts_fwd_calls(const struct ts_fwd *f, enum ts_fwd_op op)
{
	return atomic_load_explicit(&((struct ts_fwd *)f)->calls[op],
				    memory_order_relaxed);
}
