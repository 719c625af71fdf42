/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Differential test: random command and MSI sequences give identical
 * deliveries with cache=off and cache=on.
 *
 * Three complete systems (own RAM, gic and ITS) differ only in
 * struct gicits_its_config.cache: OFF (the reference memory walk), ON (the
 * translation index) and CHECK (both, reporting disagreements).  They are
 * driven with the same pseudo-random sequence of commands (MAPD with
 * remaps, ITT reuse and V=0, MAPC with V=0 and retargets, MAPTI/MAPI with
 * overwrites and errors, INT, CLEAR, DISCARD, MOVI, MOVALL, INV, INVALL,
 * SYNC, unknown opcodes), LPI configuration changes in memory, MSIs,
 * acknowledges and EOIs, over a small ID space so that collisions happen.
 * After every step the acknowledged INTIDs, every CPU's pending set and
 * HPPI, the MSI results, GITS_CREADR and the ITS status counters must agree,
 * and CHECK must report no finding: tables change only through commands, or
 * in memory while the ITS is disabled (a rare step that disables the ITS,
 * rewrites a DTE, ITE or CTE and re-enables it).  Some groups use a
 * two-level device table and error_policy=stall (a stalled command is
 * skipped by writing GITS_CREADR, as the replay tool does); ITE sizes and
 * HCC vary with the seed.  GICITS_DIFF_STATS=1 prints what was exercised.
 * The systems and their comparison are in diff_world.h; that the comparison
 * catches a divergence is checked in test_diff_detect.c.
 */
#include "diff_world.h"

#define NSTEPS 3000
#define NSEEDS_PER_GROUP 5

/* ---- commands ------------------------------------------------------- */

static uint32_t pick_dev(struct world *w)
{
	static const uint32_t odd[] = { 600, 70000, 513 };

	/* 600, 513: beyond a flat table / in an invalid level-1 entry;
	 * 70000: beyond Devbits */
	if (chance(w, 4))
		return odd[rn(w, 3)];
	return rn(w, NDEV);
}

static uint32_t pick_event(struct world *w, uint32_t dev)
{
	if (dev == BIG_DEV && chance(w, 60))
		return LPI_LO + rn(w, LPI_N);
	if (chance(w, 5))
		return rn(w, 64);
	return rn(w, NEV);
}

static uint32_t pick_intid(struct world *w)
{
	unsigned r = rn(w, 100);

	if (r < 3)
		return rn(w, LPI_LO); /* not an LPI */
	if (r < 5)
		return 65536 + rn(w, 100); /* beyond intid_bits */
	return LPI_LO + rn(w, LPI_N);
}

static uint32_t pick_icid(struct world *w)
{
	return chance(w, 5) ? NCOLL + rn(w, 3) : rn(w, NCOLL);
}

static uint32_t pick_rd(struct world *w)
{
	return chance(w, 6) ? NCPU + rn(w, 3) : rn(w, NCPU);
}

/* Fill @dw with a random command and describe it in @buf. */
static void random_command(struct world *w, struct gicits_cmd *c, char *buf,
			   size_t len)
{
	unsigned r = rn(w, 100);
	uint32_t dev = pick_dev(w), ev = pick_event(w, dev);

	if (r < 12) { /* MAPD */
		bool v = chance(w, 85);
		unsigned slot = rn(w, 2), size;
		uint64_t itt;

		if (dev == BIG_DEV) {
			size = chance(w, 85) ? 13 : rn(w, 14);
			itt = ITT_BIG(slot);
		} else {
			size = chance(w, 80) ? 2 + rn(w, 3) : rn(w, 5);
			itt = ITT_SMALL(dev < NDEV ? dev : 0, slot);
		}
		if (chance(w, 3))
			size = 16 + rn(w, 16); /* ITTSIZE_OOR */
		gicits_cmd_mapd(c, dev, size, itt, v);
		snprintf(buf, len, "MAPD dev=%u size=%u itt=0x%" PRIx64 " v=%d",
			 dev, size, itt, v);
	} else if (r < 20) { /* MAPC */
		bool v = chance(w, 92);
		uint32_t icid = pick_icid(w), rd = pick_rd(w);

		gicits_cmd_mapc(c, (uint16_t)icid, rd, v);
		snprintf(buf, len, "MAPC icid=%u rd=%u v=%d", icid, rd, v);
	} else if (r < 38) { /* MAPTI */
		uint32_t intid = pick_intid(w), icid = pick_icid(w);

		gicits_cmd_mapti(c, dev, ev, intid, (uint16_t)icid);
		snprintf(buf, len, "MAPTI dev=%u ev=%u intid=%u icid=%u", dev,
			 ev, intid, icid);
	} else if (r < 42) { /* MAPI */
		uint32_t icid = pick_icid(w);

		if (chance(w, 70)) {
			dev = BIG_DEV;
			ev = LPI_LO + rn(w, LPI_N);
		}
		gicits_cmd_mapi(c, dev, ev, (uint16_t)icid);
		snprintf(buf, len, "MAPI dev=%u ev=%u icid=%u", dev, ev, icid);
	} else if (r < 80) { /* commands naming an event */
		static const struct {
			uint8_t op;
			unsigned upto;
			const char *name;
		} evc[] = {
			{ GICITS_CMD_INT, 56, "INT" },
			{ GICITS_CMD_CLEAR, 61, "CLEAR" },
			{ GICITS_CMD_DISCARD, 66, "DISCARD" },
			{ GICITS_CMD_MOVI, 73, "MOVI" },
			{ GICITS_CMD_INV, 80, "INV" },
		};
		unsigned i = 0;

		while (r >= evc[i].upto)
			i++;
		gicits_cmd_event(c, evc[i].op, dev, ev);
		if (evc[i].op == GICITS_CMD_MOVI) {
			uint32_t icid = pick_icid(w);

			gicits_cmd_movi(c, dev, ev, (uint16_t)icid);
			snprintf(buf, len, "MOVI dev=%u ev=%u icid=%u", dev, ev,
				 icid);
		} else {
			snprintf(buf, len, "%s dev=%u ev=%u", evc[i].name, dev,
				 ev);
		}
	} else if (r < 86) { /* INVALL */
		uint32_t icid = pick_icid(w);

		gicits_cmd_invall(c, (uint16_t)icid);
		snprintf(buf, len, "INVALL icid=%u", icid);
	} else if (r < 92) { /* MOVALL */
		uint32_t from = pick_rd(w), to = pick_rd(w);

		gicits_cmd_movall(c, from, to);
		snprintf(buf, len, "MOVALL %u->%u", from, to);
	} else if (r < 97) { /* SYNC */
		uint32_t rd = pick_rd(w);

		gicits_cmd_sync(c, rd);
		snprintf(buf, len, "SYNC rd=%u", rd);
	} else { /* unknown command numbers */
		static const uint8_t unk[] = { 0x00, 0x02, 0x06, 0x07,
					       0x10, 0x29, 0xff };
		uint8_t op = unk[rn(w, sizeof(unk))];

		gicits_cmd_event(c, op, dev, ev);
		snprintf(buf, len, "op 0x%02x", op);
	}
}

static bool step_commands(struct world *w)
{
	unsigned n = 1 + rn(w, 3), i, k, stalls[NSYS];
	size_t used = 0;

	used += (size_t)snprintf(w->what, sizeof(w->what), "cmds:");
	for (i = 0; i < n; i++) {
		struct gicits_cmd c;
		char buf[80];
		unsigned j;

		random_command(w, &c, buf, sizeof(buf));
		if (used < sizeof(w->what))
			used += (size_t)snprintf(w->what + used,
						 sizeof(w->what) - used,
						 " [%s]", buf);
		for (k = 0; k < NSYS; k++)
			for (j = 0; j < 4; j++)
				put64(&w->sys[k], CQ_PA + w->cwriter + 8 * j,
				      c.dw[j]);
		w->cwriter = (w->cwriter + 32) % CQ_SIZE;
	}
	w->st.commands += n;
	for (k = 0; k < NSYS; k++)
		stalls[k] = issue(&w->sys[k], w->cwriter);
	w->st.stalls += stalls[0];
	for (k = 1; k < NSYS; k++)
		if (stalls[k] != stalls[0]) {
			snprintf(w->diff, sizeof(w->diff),
				 "stalls off=%u %s=%u", stalls[0], mode_name[k],
				 stalls[k]);
			return false;
		}
	return true;
}

static bool step_msi(struct world *w)
{
	uint32_t dev = pick_dev(w), ev = pick_event(w, dev);
	int r[NSYS];
	unsigned k;

	snprintf(w->what, sizeof(w->what), "MSI dev=%u ev=%u", dev, ev);
	for (k = 0; k < NSYS; k++)
		r[k] = gicits_its_msi(w->sys[k].its, dev, ev);
	w->st.msis++;
	w->st.msi_ok += r[0] == GICITS_DROP_NONE;
	for (k = 1; k < NSYS; k++)
		if (r[k] != r[0]) {
			snprintf(w->diff, sizeof(w->diff),
				 "MSI result off=%d %s=%d", r[0], mode_name[k],
				 r[k]);
			return false;
		}
	return true;
}

static bool step_ack(struct world *w)
{
	unsigned cpu = rn(w, NCPU), k;
	uint32_t id[NSYS];

	snprintf(w->what, sizeof(w->what), "ACK cpu=%u", cpu);
	for (k = 0; k < NSYS; k++)
		id[k] = gicits_cpu_ack(w->sys[k].gic, cpu);
	for (k = 1; k < NSYS; k++)
		if (id[k] != id[0]) {
			snprintf(w->diff, sizeof(w->diff),
				 "acknowledged INTID off=%u %s=%u", id[0],
				 mode_name[k], id[k]);
			return false;
		}
	if (id[0] != GICITS_INTID_SPURIOUS) {
		w->active[cpu]++;
		w->st.acks++;
	}
	return true;
}

static bool step_eoi(struct world *w)
{
	unsigned cpu = rn(w, NCPU), k;
	int r[NSYS];

	snprintf(w->what, sizeof(w->what), "EOI cpu=%u", cpu);
	for (k = 0; k < NSYS; k++)
		r[k] = gicits_cpu_eoi(w->sys[k].gic, cpu, 0);
	assert_int_equal(r[0], w->active[cpu] ? GICITS_OK : GICITS_ESTATE);
	if (w->active[cpu]) {
		w->active[cpu]--;
		w->st.eois++;
	}
	for (k = 1; k < NSYS; k++)
		if (r[k] != r[0]) {
			snprintf(w->diff, sizeof(w->diff), "EOI off=%d %s=%d",
				 r[0], mode_name[k], r[k]);
			return false;
		}
	return true;
}

/* Disable the ITS, edit a table entry in memory (allowed while
 * GITS_CTLR.Enabled == 0: the ITS drops what it cached), re-enable. */
static bool step_edit_disabled(struct world *w)
{
	unsigned r = rn(w, 3), k;
	uint64_t pa, val = 0;

	if (r == 0) { /* a DTE */
		uint32_t dev = rn(w, BIG_DEV);

		pa = (w->v.indirect ? DT_L2_PA : DT_PA) + 8 * (uint64_t)dev;
		if (chance(w, 70))
			val = 1ULL << 63 |
			      (ITT_SMALL(dev, rn(w, 2)) >> 8) << 5 |
			      (2 + rn(w, 3));
		snprintf(w->what, sizeof(w->what),
			 "ITS off, DTE %u = 0x%" PRIx64 ", ITS on", dev, val);
	} else if (r == 1) { /* an ITE */
		uint32_t dev = rn(w, BIG_DEV), ev = rn(w, 32);

		pa = ITT_SMALL(dev, rn(w, 2)) + (uint64_t)ev * w->v.ite_size;
		if (chance(w, 70))
			val = (uint64_t)(LPI_LO + rn(w, LPI_N)) << 16 |
			      rn(w, NCOLL);
		snprintf(w->what, sizeof(w->what),
			 "ITS off, ITE @0x%" PRIx64 " = 0x%" PRIx64 ", ITS on",
			 pa, val);
	} else { /* a CTE */
		uint32_t icid = rn(w, NCOLL);

		pa = CT_PA + 8 * (uint64_t)icid;
		if (chance(w, 70))
			val = 1ULL << 63 | (uint64_t)rn(w, NCPU) << 16 | icid;
		snprintf(w->what, sizeof(w->what),
			 "ITS off, CTE %u = 0x%" PRIx64 ", ITS on", icid, val);
	}
	for (k = 0; k < NSYS; k++) {
		struct one *o = &w->sys[k];

		assert_int_equal(gicits_its_mmio_write(o->its, GICITS_GITS_CTLR,
						       4, 0, 0),
				 GICITS_OK);
		put64(o, pa, val);
		assert_int_equal(gicits_its_mmio_write(o->its, GICITS_GITS_CTLR,
						       4, 1, 0),
				 GICITS_OK);
	}
	return true;
}

static bool step(struct world *w)
{
	unsigned r = rn(w, 100), k;

	if (r < 40)
		return step_commands(w);
	if (r < 65)
		return step_msi(w);
	if (r < 80)
		return step_ack(w);
	if (r < 88)
		return step_eoi(w);
	if (r < 97) {
		uint32_t intid = LPI_LO + rn(w, LPI_N);
		uint8_t b = random_cfg(w);

		snprintf(w->what, sizeof(w->what), "LPICFG %u=0x%02x", intid,
			 b);
		set_lpi_cfg(w, intid, b);
		return true;
	}
	if (r < 99) {
		unsigned cpu = rn(w, NCPU);

		snprintf(w->what, sizeof(w->what), "GICR_INVALLR cpu=%u", cpu);
		for (k = 0; k < NSYS; k++)
			assert_int_equal(gicits_rdist_write(w->sys[k].gic, cpu,
							    GICITS_GICR_INVALLR,
							    8, 0),
					 GICITS_OK);
		return true;
	}
	return step_edit_disabled(w);
}

/* Run one seed; fails the test with seed, step and difference. */
static void run_seed(uint64_t seed, const struct variant *v,
		     struct stats *total)
{
	struct world *w = test_malloc(sizeof(*w));
	int i;

	world_init(w, seed, v);
	if (!compare(w))
		fail_msg("seed %" PRIu64 ": systems differ after set-up: %s",
			 seed, w->diff);
	for (i = 0; i < NSTEPS; i++) {
		bool ok = step(w);

		if (ok)
			ok = compare(w);
		if (!ok) {
			char what[sizeof(w->what)], diff[sizeof(w->diff)];

			memcpy(what, w->what, sizeof(what));
			memcpy(diff, w->diff, sizeof(diff));
			world_fini(w);
			test_free(w);
			fail_msg("seed %" PRIu64
				 " (indirect=%d stall=%d ite_size=%u hcc=%u) "
				 "step %d: %s: %s",
				 seed, v->indirect, v->stall, v->ite_size,
				 v->hcc, i, what, diff);
		}
	}
	total->commands += w->st.commands;
	total->stalls += w->st.stalls;
	total->msis += w->st.msis;
	total->msi_ok += w->st.msi_ok;
	total->acks += w->st.acks;
	total->eois += w->st.eois;
	if (w->st.max_pending > total->max_pending)
		total->max_pending = w->st.max_pending;
	{
		struct gicits_its_status st;

		assert_int_equal(gicits_its_status(w->sys[0].its, &st),
				 GICITS_OK);
		total->cmd_errors += st.errors;
	}
	world_fini(w);
	test_free(w);
}

static void run_group(bool indirect, bool stall, uint64_t first_seed)
{
	static const unsigned ite_sizes[] = { 8, 12, 16 };
	struct stats total;
	uint64_t seed;

	memset(&total, 0, sizeof(total));
	for (seed = first_seed; seed < first_seed + NSEEDS_PER_GROUP; seed++) {
		struct variant v;

		v.indirect = indirect;
		v.stall = stall;
		v.ite_size = ite_sizes[seed % 3];
		v.hcc = seed % 4 == 3 ? 2 : 0;
		run_seed(seed, &v, &total);
	}
	if (getenv("GICITS_DIFF_STATS"))
		printf("commands=%" PRIu64 " errors=%" PRIu64 " stalls=%" PRIu64
		       " msis=%" PRIu64 " msi_ok=%" PRIu64 " acks=%" PRIu64
		       " eois=%" PRIu64 " max_pending=%" PRIu64 "\n",
		       total.commands, total.cmd_errors, total.stalls,
		       total.msis, total.msi_ok, total.acks, total.eois,
		       total.max_pending);
	/* the sequences must exercise something: deliveries, drops, errors */
	assert_true(total.acks > 40 * NSEEDS_PER_GROUP);
	assert_true(total.eois > 40 * NSEEDS_PER_GROUP);
	assert_true(total.msi_ok > 40 * NSEEDS_PER_GROUP);
	assert_true(total.msi_ok < total.msis);
	assert_true(total.cmd_errors > 100);
	assert_true(total.max_pending >= 3);
	if (stall)
		assert_true(total.stalls == total.cmd_errors);
	else
		assert_int_equal(total.stalls, 0);
}

static void diff_flat_skip(void **state)
{
	(void)state;
	run_group(false, false, 1);
}

static void diff_indirect_skip(void **state)
{
	(void)state;
	run_group(true, false, 101);
}

static void diff_flat_stall(void **state)
{
	(void)state;
	run_group(false, true, 201);
}

static void diff_indirect_stall(void **state)
{
	(void)state;
	run_group(true, true, 301);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(diff_flat_skip),
		cmocka_unit_test(diff_indirect_skip),
		cmocka_unit_test(diff_flat_stall),
		cmocka_unit_test(diff_indirect_stall),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
