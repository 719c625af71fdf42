/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Shared by the GITS_* register tests (test_its_regs.c,
 * test_its_regs_access.c): reset values, STATUSR bits, a fixture whose ITS
 * is left disabled, and the check of a register access's trace record.
 */
#ifndef GICITS_TEST_ITS_REGS_H
#define GICITS_TEST_ITS_REGS_H

#include "its_fixture.h"

#define BASER0_RESET 0x0107000000000000ULL /* Type 1, Entry_Size 7 */
#define BASER1_RESET 0x0407000000000000ULL /* Type 4, Entry_Size 7 */
#define BASER_RO (7ULL << 56 | 0x1FULL << 48)

#define STATUSR_RRD (1u << 0)
#define STATUSR_WRD (1u << 1)
#define STATUSR_RWOD (1u << 2)
#define STATUSR_WROD (1u << 3)
#define STATUSR_UMSI (1u << 4)
#define STATUSR_OVERFLOW (1u << 5)

/* An ITS with its tables and queue programmed but GITS_CTLR.Enabled 0. */
static inline struct fx *fx_cold(void)
{
	struct fx *f = fx_init();

	f->no_enable = true;
	fx_start(f);
	return f;
}

/* The last GICITS_TRACE_REG record since @mark must name @offset. */
static inline void expect_reg_trace(struct fx *f, uint64_t mark,
				    uint32_t offset, const char *rule)
{
	const struct fx_rec *r = fx_find(f, mark, GICITS_TRACE_REG);

	assert_non_null(r);
	assert_int_equal(r->offset, offset);
	assert_string_equal(r->source, "its");
	if (rule)
		assert_string_equal(r->rule, rule);
}

#endif
