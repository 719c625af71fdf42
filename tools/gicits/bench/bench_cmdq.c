/* SPDX-License-Identifier: BSD-2-Clause */
/* `gicits bench`: the command queue (cmdq.*, ack.drain.*). */
#define _POSIX_C_SOURCE 200809L

#include "bench.h"

/* ---- command queue -------------------------------------------------- */

/* INVALL and MOVALL with @p LPIs pending on CPU 0 (devices from @dev0). */
static void bench_bulk(struct sys *s, uint32_t dev0, uint64_t mapped)
{
	static const uint32_t levels[] = { 0, 64, 4096, 65536 };
	unsigned nl = bn_opt.quick ? 3 : 4, li;
	uint64_t made = 0;
	char name[64], params[160], extra[96];

	s->t.d.batch = 1;
	for (li = 0; li < nl; li++) {
		uint32_t p = levels[li];
		uint64_t t0, t, reps, lim = (uint64_t)(bn_opt.dur * 0.25e9);
		int r;

		while (made < p) {
			r = gicits_its_msi(s->its,
					   dev0 + (uint32_t)(made / 256),
					   (uint32_t)(made % 256));
			if (r)
				bn_die("bulk: MSI dropped (%d)", r);
			made++;
		}
		snprintf(params, sizeof(params),
			 "\"pending\":%u,\"cpus\":%u,\"mapped_lpis\":%" PRIu64,
			 p, s->c.ncpu, mapped);
		snprintf(name, sizeof(name), "cmdq.invall.pending%u", p);
		if (bn_want(name)) {
			reps = 0;
			t0 = bn_now_ns();
			do {
				ts_invall(&s->t, 0);
				reps++;
				t = bn_now_ns() - t0;
			} while ((t < lim || reps < 3) && reps < 100000);
			snprintf(extra, sizeof(extra),
				 ",\"ns_per_pending_lpi\":%.3f",
				 p ? (double)t / (double)reps / p : 0.0);
			bn_emit(name, params, reps, t, extra);
		}
		snprintf(name, sizeof(name), "cmdq.movall.pending%u", p);
		if (bn_want(name)) {
			reps = 0;
			t0 = bn_now_ns();
			do {
				/* 0 -> 1, then 1 -> 0: each moves p LPIs */
				ts_movall(&s->t, (reps & 1) ? 1 : 0,
					  (reps & 1) ? 0 : 1);
				reps++;
				t = bn_now_ns() - t0;
			} while ((t < lim || reps < 4 || (reps & 1)) &&
				 reps < 100000);
			snprintf(extra, sizeof(extra),
				 ",\"ns_per_lpi_moved\":%.3f",
				 p ? (double)t / (double)reps / p : 0.0);
			bn_emit(name, params, reps, t, extra);
		}
	}
	bn_sys_check(s, "bulk");
	s->t.d.batch = 8192;
}

/* ack + EOI until nothing is pending, with N LPIs pending on @cpu. */
static void bench_drain(struct sys *s, uint32_t dev0, unsigned cpu,
			const char *prefix, const char *model)
{
	static const uint32_t levels[] = { 64, 1024, 16384 };
	unsigned nl = bn_opt.quick ? 2 : 3, li;
	char name[96], params[160], extra[96];

	for (li = 0; li < nl; li++) {
		uint32_t p = levels[li], k;
		uint64_t got, t0, t;

		snprintf(name, sizeof(name), "%s.pending%u", prefix, p);
		if (!bn_want(name))
			continue;
		for (k = 0; k < p; k++)
			if (gicits_its_msi(s->its, dev0 + k / 256, k % 256))
				bn_die("%s: MSI dropped", name);
		t0 = bn_now_ns();
		got = ts_drain(&s->t, cpu);
		t = bn_now_ns() - t0;
		if (got != p)
			bn_die("%s: %" PRIu64 " acknowledged, %u pending", name,
			       got, p);
		snprintf(params, sizeof(params),
			 "\"pending\":%u,\"op\":\"ack+eoi until spurious\","
			 "\"same_priority\":true,\"lpi_cache\":\"%s\"",
			 p, model);
		snprintf(extra, sizeof(extra),
			 ",\"ns_per_op_per_pending\":%.4f", (double)t / p / p);
		bn_emit(name, params, p, t, extra);
	}
}

void bench_cmdq(void)
{
	/* devices: 0..255 mix, 1024..1279 bulk (CPU 0), 2048..2111 drain
	 * (CPU 3), 4096.. MAPD (spare ITTs), 60000 big-ITT device */
	struct sys_cfg c = { .ncpu = 4,
			     .intid_bits = 18,
			     .devbits = 16,
			     .ev_bits = 8,
			     .nslots = 256 + 256 + 64,
			     .spare = 4096 * 256 + (65536 * 8) };
	uint32_t mix_intid, i, nmapd = bn_opt.quick ? 1024 : 4096;
	uint64_t t0, t, ops, lim = (uint64_t)(bn_opt.dur * 1e9), mapped;
	char params[256], extra[128], name[64];
	struct sys s;

	if (!bn_want("cmdq.mix") && !bn_want("cmdq.mapd") &&
	    !bn_want("cmdq.mapd_unmap") && !bn_want("cmdq.invall") &&
	    !bn_want("cmdq.movall") && !bn_want("ack.drain") &&
	    !bn_want("ack.drain.lpi_cache_full"))
		return;
	bn_sys_create(&s, &c);
	mix_intid = bn_sys_map(&s, 0, 256, 0, 256, ICID_RR, 0);
	bn_sys_map(&s, 1024, 256, 256, 256, ICID_FIXED, 0);
	bn_sys_map(&s, 2048, 64, 512, 256, ICID_FIXED, 3);
	mapped = 3 * 65536 + 64 * 256;

	if (bn_want("cmdq.mix")) {
		/* unmap the mix events first: the loop maps them again */
		for (i = 0; i < 65536; i++)
			ts_event(&s.t, GICITS_CMD_DISCARD, i / 256, i % 256);
		bn_sys_check(&s, "cmdq.mix discard");
		ops = 0;
		i = 0;
		s.t.kick_ns = 0;
		t0 = bn_now_ns();
		do {
			unsigned j;

			for (j = 0; j < 2048; j++, i = (i + 1) % 65536) {
				uint32_t dev = i / 256, ev = i % 256;

				ts_mapti(&s.t, dev, ev, mix_intid + i, i % 4);
				ts_event(&s.t, GICITS_CMD_INT, dev, ev);
				ts_movi(&s.t, dev, ev, (i + 1) % 4);
				ts_event(&s.t, GICITS_CMD_DISCARD, dev, ev);
			}
			ops += 8192;
			t = bn_now_ns() - t0;
		} while (t < lim);
		bn_sys_check(&s, "cmdq.mix");
		snprintf(
			params, sizeof(params),
			"\"mix\":\"MAPTI,INT,MOVI,DISCARD\",\"cmds_per_cwriter\":%u,"
			"\"queue_bytes\":%u,\"cpus\":4,\"timed\":\"CWRITER writes (ITS processing)\"",
			s.t.d.batch, CQ_BYTES);
		/* ns_per_op: the ITS's own processing (the CWRITER writes), as
		 * the oracle's "QEMU ITS processing" figure; the guest's cost of
		 * writing the packets is reported beside it. */
		snprintf(extra, sizeof(extra), ",\"end_to_end_ns_per_op\":%.3f",
			 (double)t / (double)ops);
		bn_emit("cmdq.mix", params, ops, s.t.kick_ns, extra);
		/* leave the mix events mapped again */
		for (i = 0; i < 65536; i++)
			ts_mapti(&s.t, i / 256, i % 256, mix_intid + i, i % 4);
		bn_sys_check(&s, "cmdq.mix remap");
	}

	if (bn_want("cmdq.mapd")) {
		/* MAPD V=1 with a 32-event ITT, then V=0, on fresh devices */
		ts_flush(&s.t);
		t0 = bn_now_ns();
		for (i = 0; i < nmapd; i++)
			ts_mapd(&s.t, 4096 + i, 5 - 1,
				s.spare + (uint64_t)i * 256, true);
		ts_flush(&s.t);
		t = bn_now_ns() - t0;
		bn_sys_check(&s, "cmdq.mapd");
		bn_emit("cmdq.mapd",
			"\"valid\":1,\"itt_events\":32,\"cmds_per_cwriter\":8192",
			nmapd, t, "");
		t0 = bn_now_ns();
		for (i = 0; i < nmapd; i++)
			ts_mapd(&s.t, 4096 + i, 5 - 1, 0, false);
		ts_flush(&s.t);
		t = bn_now_ns() - t0;
		bn_sys_check(&s, "cmdq.mapd unmap");
		bn_emit("cmdq.mapd_unmap.batched",
			"\"valid\":0,\"itt_events\":32,\"mapped_events\":0,\"cmds_per_cwriter\":8192",
			nmapd, t, "");
	}
	if (bn_want("cmdq.mapd_unmap")) {
		/* MAPD V=0 cost against ITT size and mapped events: one
		 * device, remapped and unmapped repeatedly; only the unmap
		 * (one command per CWRITER write) is timed.  Per mapped
		 * event: the increment over the same ITT with none mapped,
		 * measured just before. */
		static const struct {
			unsigned bits;
			uint32_t mapped;
		} shapes[] = {
			{ 5, 0 }, { 5, 32 }, { 16, 0 }, { 16, 1 }, { 16, 4096 }
		};
		double base[17] = { 0 };
		unsigned k;

		for (k = 0; k < sizeof(shapes) / sizeof(shapes[0]); k++) {
			uint32_t m = shapes[k].mapped, reps = 0, e;
			uint64_t tu = 0;

			snprintf(name, sizeof(name),
				 "cmdq.mapd_unmap.itt%u.mapped%u",
				 1u << shapes[k].bits, m);
			if (!bn_want(name))
				continue;
			t0 = bn_now_ns();
			do {
				uint64_t a;

				s.t.d.batch = 8192;
				ts_mapd(&s.t, 60000, shapes[k].bits - 1,
					s.spare + 4096 * 256, true);
				for (e = 0; e < m; e++)
					ts_mapti(&s.t, 60000, e, mix_intid + e,
						 0);
				ts_flush(&s.t);
				s.t.d.batch = 1;
				a = bn_now_ns();
				ts_mapd(&s.t, 60000, shapes[k].bits - 1, 0,
					false);
				tu += bn_now_ns() - a;
				reps++;
			} while ((bn_now_ns() - t0 < lim / 4 || reps < 5) &&
				 reps < 20000);
			s.t.d.batch = 8192;
			bn_sys_check(&s, name);
			snprintf(
				params, sizeof(params),
				"\"valid\":0,\"itt_events\":%u,\"mapped_events\":%u,"
				"\"cmds_per_cwriter\":1",
				1u << shapes[k].bits, m);
			if (!m)
				base[shapes[k].bits] = (double)tu / reps;
			snprintf(
				extra, sizeof(extra),
				",\"ns_per_mapped_event\":%.3f",
				m ? ((double)tu / reps - base[shapes[k].bits]) /
						m :
				    0.0);
			bn_emit(name, params, reps, tu, extra);
		}
	}

	if (bn_want("ack.drain")) {
		struct sys h;

		c.force_hpp = true;
		c.nslots = 64;
		c.spare = 0;
		bn_sys_create(&h, &c);
		bn_sys_map(&h, 2048, 64, 0, 256, ICID_FIXED, 3);
		bench_drain(&h, 2048, 3, "ack.drain", "hpp");
		bn_sys_destroy(&h);
		c.force_hpp = false;
	}
	if (bn_want("ack.drain.lpi_cache_full")) {
		struct sys f;

		c.lpi_cache = GICITS_LPI_CACHE_FULL;
		c.nslots = 64;
		c.spare = 0;
		bn_sys_create(&f, &c);
		bn_sys_map(&f, 2048, 64, 0, 256, ICID_FIXED, 3);
		bench_drain(&f, 2048, 3, "ack.drain.lpi_cache_full", "full");
		bn_sys_destroy(&f);
	}

	if (bn_want("cmdq.invall") || bn_want("cmdq.movall"))
		bench_bulk(&s, 1024, mapped);
	bn_sys_destroy(&s);
}
