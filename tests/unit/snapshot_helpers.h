/* SPDX-License-Identifier: BSD-2-Clause */
/* The snapshot tests' helpers (test_snapshot.c, test_snapshot_kvm.c). */
#ifndef GICITS_TEST_SNAPSHOT_HELPERS_H
#define GICITS_TEST_SNAPSHOT_HELPERS_H

#include "its_fixture.h"
#include "snapshot_core.h"

#include <stdio.h>

#include "common/bits.h"
#include "gicits/snapshot.h"
#include "snapshot/snapshot_internal.h"

/* ---- helpers ---- */

/* A fresh system with @a's configuration (reset state, nothing
 * programmed) over a copy of @a's guest memory. */
static inline struct fx *fx_fresh(const struct fx *a,
				  const struct gicits_its_config *icfg)
{
	struct fx *b = fx_init();

	b->gcfg = a->gcfg;
	b->gcfg.trace_opaque = b;
	b->icfg = icfg ? *icfg : a->icfg;
	b->icfg.trace = fx_trace;
	b->icfg.trace_opaque = b;
	b->baser[0] = a->baser[0];
	b->baser[1] = a->baser[1];
	b->cbaser = a->cbaser;
	b->cw = a->cw;
	/* a gic and an ITS in reset state: nothing programmed */
	b->sys.d.gic = b->gcfg;
	b->sys.d.its = b->icfg;
	b->sys.d.prop_fill_len = 0;
	b->sys.d.no_rdist = true;
	b->sys.d.its_reset = true;
	assert_int_equal(ts_sys_start(&b->sys), GICITS_OK);
	b->gic = b->sys.gic;
	b->its = b->sys.its;
	memcpy(b->sys.ram, a->sys.ram, FX_RAM_SIZE);
	memcpy(b->cb_mem, a->cb_mem, FX_CB_SIZE);
	return b;
}

static inline uint8_t *snap_save(struct fx *f, size_t *len)
{
	return snap_save_its(f->gic, &f->its, len);
}

static inline void set_config(struct fx *f, uint32_t intid, uint8_t v)
{
	*fx_host(f, FX_PROP + (intid - GICITS_LPI_BASE)) = v;
}

static const uint32_t its_regs[] = { GICITS_GITS_CTLR,	   GICITS_GITS_IIDR,
				     GICITS_GITS_TYPER,	   GICITS_GITS_STATUSR,
				     GICITS_GITS_UMSIR,	   GICITS_GITS_CBASER,
				     GICITS_GITS_CWRITER,  GICITS_GITS_CREADR,
				     GICITS_GITS_BASER(0), GICITS_GITS_BASER(1),
				     GICITS_GITS_BASER(2) };

/* Everything a guest or the embedder can observe, compared. */
static inline void compare(struct fx *a, struct fx *b, bool findings,
			   const char *ctx)
{
	struct gicits_its_status sa = fx_status(a), sb = fx_status(b);
	struct pend_list pa, pb;
	unsigned cpu, i;
	uint64_t va, vb;

	for (i = 0; i < sizeof(its_regs) / sizeof(its_regs[0]); i++) {
		unsigned sz =
			its_regs[i] == GICITS_GITS_CTLR ||
					its_regs[i] == GICITS_GITS_IIDR ||
					its_regs[i] == GICITS_GITS_STATUSR ?
				4 :
				8;

		assert_int_equal(
			gicits_its_mmio_read(a->its, its_regs[i], sz, &va), 0);
		assert_int_equal(
			gicits_its_mmio_read(b->its, its_regs[i], sz, &vb), 0);
		if (va != vb)
			fail_msg("%s: register 0x%x differs: %llx vs %llx", ctx,
				 its_regs[i], (unsigned long long)va,
				 (unsigned long long)vb);
	}
	assert_int_equal(sa.last_error, sb.last_error);
	assert_int_equal(sa.errors, sb.errors);
	assert_int_equal(sa.commands, sb.commands);
	assert_int_equal(sa.stalled, sb.stalled);
	if (findings)
		assert_int_equal(sa.findings, sb.findings);
	for (cpu = 0; cpu < a->gcfg.num_cpus; cpu++) {
		pa.n = pb.n = 0;
		assert_int_equal(gicits_rdist_pending_foreach(a->gic, cpu,
							      pend_add, &pa),
				 0);
		assert_int_equal(gicits_rdist_pending_foreach(b->gic, cpu,
							      pend_add, &pb),
				 0);
		assert_int_equal(pa.n, pb.n);
		assert_memory_equal(pa.v, pb.v,
				    (pa.n < 1024 ? pa.n : 1024) *
					    sizeof(pa.v[0]));
		if (gicits_cpu_hppi(a->gic, cpu) !=
		    gicits_cpu_hppi(b->gic, cpu))
			fail_msg("%s: HPPI of cpu %u differs", ctx, cpu);
		assert_int_equal(gicits_cpu_get_pmr(a->gic, cpu),
				 gicits_cpu_get_pmr(b->gic, cpu));
		for (i = 0; i < 2; i++) {
			uint32_t off = i ? GICITS_GICR_PROPBASER :
					   GICITS_GICR_PENDBASER;

			assert_int_equal(
				gicits_rdist_read(a->gic, cpu, off, 8, &va), 0);
			assert_int_equal(
				gicits_rdist_read(b->gic, cpu, off, 8, &vb), 0);
			assert_int_equal(va, vb);
		}
		assert_int_equal(gicits_rdist_read(a->gic, cpu,
						   GICITS_GICR_CTLR, 4, &va),
				 0);
		assert_int_equal(gicits_rdist_read(b->gic, cpu,
						   GICITS_GICR_CTLR, 4, &vb),
				 0);
		assert_int_equal(va, vb);
	}
}

/* the random stream's sizes (test_snapshot.c), used by the KVM tests */
#define NDEV 8u
#define NCOL 6u
#define NEV 32u
#define NLPI 64u

/* ---- small systems and sealed sections ---- */

/* A small system: one mapped event (dev 1, ev 2 -> LPI 8200 on cpu 1). */
static inline struct fx *small_system(uint32_t lpi)
{
	struct fx *f = fx_init();

	fx_start(f);
	fx_map_event(f, 1, 4, 2, lpi, 3, 1);
	return f;
}

/* Re-seal a modified snapshot with a correct CRC. */
static inline void reseal(uint8_t *s, size_t len)
{
	le32_write(s + len - 4, snap_crc32(0, s, len - 4));
}

/* Offset of the payload of the first section of @type. */
static inline size_t find_section(const uint8_t *s, size_t len, uint32_t type)
{
	size_t p = 32;

	while (p + 8 <= len - 4) {
		if (le32_read(s + p) == type)
			return p + 8;
		p += 8 + le32_read(s + p + 4);
	}
	fail_msg("no section %u", type);
	return 0;
}

#endif
