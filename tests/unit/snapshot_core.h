/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The snapshot tests' helpers that need no fixture: save a gic and its one
 * ITS, and collect pending INTIDs.  Used by snapshot_helpers.h (its_fixture.h
 * tests) and by test_snapshot_v4.c and test_snapshot_v41.c (sys.h fixtures),
 * whose own macros (NEV, ...) clash with snapshot_helpers.h's.
 */
#ifndef GICITS_TEST_SNAPSHOT_CORE_H
#define GICITS_TEST_SNAPSHOT_CORE_H

#include "harness.h"

#include <stdint.h>
#include <stdlib.h>

#include "gicits/error.h"
#include "gicits/snapshot.h"

/* Save @gic with its one ITS *@its into a new buffer (the caller frees
 * it) of *@len bytes: exactly what gicits_snapshot_size() announced. */
static inline uint8_t *snap_save_its(struct gicits_gic *gic,
				     struct gicits_its **its, size_t *len)
{
	size_t sz = 0, used = 0;
	uint8_t *buf;

	assert_int_equal(gicits_snapshot_size(gic, its, 1, &sz), GICITS_OK);
	buf = malloc(sz);
	assert_non_null(buf);
	assert_int_equal(gicits_snapshot_save(gic, its, 1, buf, sz, &used),
			 GICITS_OK);
	assert_int_equal(used, sz);
	*len = sz;
	return buf;
}

/* The INTIDs a *_pending_foreach() walk reports, in its order: the first
 * 1024 kept, all counted. */
struct pend_list {
	uint32_t n;
	uint32_t v[1024];
};

static inline int pend_add(void *opaque, uint32_t intid)
{
	struct pend_list *p = opaque;

	if (p->n < 1024)
		p->v[p->n] = intid;
	p->n++;
	return 0;
}

#endif
