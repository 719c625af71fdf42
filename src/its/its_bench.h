/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * For `gicits bench` only: what the benches compare the public MSI path
 * against.  Not exported from libgicits.so (hidden, no GICITS_API); the
 * tool links the static library.
 */
#ifndef GICITS_ITS_BENCH_H
#define GICITS_ITS_BENCH_H

#include <stdint.h>

#include "gicits/trace.h"

struct gicits_its;

/*
 * gicits_its_msi() without the in-flight announcement
 * (docs/concurrency.md I10): the same translation and delivery, with no
 * ordering against the drain.  The bench translate.hot.unannounced measures
 * what the announcement costs the hot path; nothing else may call it.
 */
enum gicits_drop its_msi_unannounced(struct gicits_its *its, uint32_t devid,
				     uint32_t event);

#endif
