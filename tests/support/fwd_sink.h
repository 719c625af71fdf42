/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A test LPI sink (<gicits/sink.h>) that forwards every operation to a
 * gicits_gic through the gic's own public sink, gicits_gic_lpi_sink_ops(),
 * and counts the calls.  An ITS created over it with
 * gicits_its_create_with_sink() is an ITS with an external sink -- every
 * LPI operation goes through the callbacks -- whose results must be those
 * of gicits_its_create() on the same gic: test_sink compares the two, and
 * `gicits replay --sink forward` runs every scenario through it.
 *
 *     struct ts_fwd f;
 *
 *     ts_fwd_init(&f, gic);
 *     gicits_its_create_with_sink(&cfg, &ts_fwd_ops, &f, &mem, &its);
 */
#ifndef GICITS_TEST_SUPPORT_FWD_SINK_H
#define GICITS_TEST_SUPPORT_FWD_SINK_H

#include <stdatomic.h>
#include <stdint.h>

#include "gicits/rdist.h"
#include "gicits/sink.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The callbacks, counted separately (index: enum ts_fwd_op). */
enum ts_fwd_op {
	TS_FWD_SET_PENDING,
	TS_FWD_CLEAR,
	TS_FWD_MOVE,
	TS_FWD_MOVE_ALL,
	TS_FWD_INV,
	TS_FWD_INV_ALL,
	TS_FWD_RDBASE,
	TS_FWD_NOPS,
};

/**
 * struct ts_fwd - the sink's context
 * @gic: where every operation goes
 * @calls: callbacks made so far, per enum ts_fwd_op (set_pending runs on
 *         many MSI threads at once, hence atomic)
 */
struct ts_fwd {
	struct gicits_gic *gic;
	_Atomic uint64_t calls[TS_FWD_NOPS];
};

/* The sink: its ctx is a struct ts_fwd. */
extern const struct gicits_lpi_sink_ops ts_fwd_ops;

/* Forward to @gic, counts zeroed. */
void ts_fwd_init(struct ts_fwd *f, struct gicits_gic *gic);

/* Calls of @op so far. */
uint64_t ts_fwd_calls(const struct ts_fwd *f, enum ts_fwd_op op);

#ifdef __cplusplus
}
#endif
#endif
