/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * `gicits bench`: GICv4.0 vLPI translation (issue 13).
 *  - translate.hot.vlpi: MSIs on virtual ITEs of vPEs resident on their
 *    mapped redistributors (the vLPI set lock-free in the redistributor's
 *    resident set; steady state: already pending), against
 *    translate.hot.fast (physical ITEs, the same shape) measured in
 *    alternating rounds of the same run: "vlpi_cost_over_fast" is
 *    ns_per_op(vlpi) / ns_per_op(fast).
 *  - translate.doorbell: the same on vPEs that are never resident: the
 *    VPT bit (under the VPT lock) and the individual doorbell (a physical
 *    LPI, already pending), with the same ratio.
 * Shape as translate.hot: 16 devices x 256 events, 4 CPUs, one vPE per
 * CPU and kind, vINTIDs 8192.. (priority 0xA0, enabled).
 *  - cmdq.vmix: the V* command mix through the queue (issue 13: >= 10 M
 *    commands/s), as cmdq.mix for the physical commands: per event
 *    VMAPTI, VMOVI (to the next vPE), VINVALL, VSYNC and DISCARD (which
 *    unmaps it again, so that the next VMAPTI never overwrites a valid
 *    ITE); 4 vPEs resident on their mapped redistributors, nothing
 *    pending.  Timed: the CWRITER writes (the ITS's processing).
 */
#define _POSIX_C_SOURCE 200809L

#include "bench.h"

#define V_DEV 16u
#define V_EV 256u
#define VPENDBASER_VALID (1ULL << 63)

struct vloop {
	struct bn_loop l;
	struct gicits_its *its;
	const struct key *keys;
	const char *name;
};

static void vrun(struct bn_loop *l, double sec, uint64_t *ops, uint64_t *ns)
{
	struct vloop *h = (struct vloop *)l;
	uint64_t bad;

	*ops = bn_run_keys_for(false, h->its, h->keys, V_DEV * V_EV, sec, ns,
			       &bad);
	if (bad)
		bn_die("%s: %" PRIu64 " MSIs dropped", h->name, bad);
}

/* Devices @dev0.. (slots from @dev0) mapped virtually: event g of the run
 * to vPE @vpe0 + g % ncpu, vINTID 8192 + g, doorbell @db (or none). */
static void vmap(struct sys *s, uint32_t dev0, uint16_t vpe0, bool db)
{
	struct gicits_cmd c;
	uint32_t i, e;

	for (i = 0; i < V_DEV; i++) {
		ts_mapd(&s->t, dev0 + i, bn_bits_for(V_EV, 1) - 1,
			s->itt + (uint64_t)(dev0 + i) * s->itt_stride, true);
		for (e = 0; e < V_EV; e++) {
			uint32_t g = i * V_EV + e;
			uint16_t vpe = (uint16_t)(vpe0 + g % s->c.ncpu);

			gicits_cmd_vmapti(&c, dev0 + i, e, vpe, 8192 + g,
					  db ? 8192u + 4096u + vpe :
					       GICITS_CMD_NO_DOORBELL);
			ts_put(&s->t, &c);
		}
	}
	bn_sys_check(s, "vLPI mapping");
}

/* cmdq.vmix (see the header comment).  @v: a GICv4.0 system whose vPEs
 * 0..3 are mapped to and resident on redistributors 0..3; devices
 * @dev0 .. @dev0 + 255 get 256 events each. */
static void bench_vmix(struct sys *v, uint32_t dev0)
{
	uint64_t t0, t, ops = 0, lim = (uint64_t)(bn_opt.dur * 1e9);
	struct gicits_cmd c;
	char params[256], extra[128];
	uint32_t i = 0, d;

	for (d = 0; d < 256; d++)
		ts_mapd(&v->t, dev0 + d, 8 - 1,
			v->itt + (uint64_t)(dev0 + d) * v->itt_stride, true);
	bn_sys_check(v, "cmdq.vmix MAPD");
	v->t.kick_ns = 0;
	t0 = bn_now_ns();
	do {
		unsigned j;

		for (j = 0; j < 2048; j++, i = (i + 1) % 65536) {
			uint32_t dev = dev0 + i / 256, ev = i % 256;
			uint16_t vpe = (uint16_t)(i % 4);

			gicits_cmd_vmapti(&c, dev, ev, vpe, 8192 + i % 4096,
					  GICITS_CMD_NO_DOORBELL);
			ts_put(&v->t, &c);
			gicits_cmd_vmovi(&c, dev, ev, (uint16_t)((i + 1) % 4),
					 false, 0);
			ts_put(&v->t, &c);
			gicits_cmd_vinvall(&c, vpe);
			ts_put(&v->t, &c);
			gicits_cmd_vsync(&c, vpe);
			ts_put(&v->t, &c);
			ts_event(&v->t, GICITS_CMD_DISCARD, dev, ev);
		}
		ops += 5 * 2048;
		t = bn_now_ns() - t0;
	} while (t < lim);
	bn_sys_check(v, "cmdq.vmix");
	snprintf(
		params, sizeof(params),
		"\"mix\":\"VMAPTI,VMOVI,VINVALL,VSYNC,DISCARD\",\"cmds_per_cwriter\":%u,"
		"\"vpes\":4,\"resident\":true,\"timed\":\"CWRITER writes (ITS processing)\"",
		v->t.d.batch);
	snprintf(extra, sizeof(extra), ",\"end_to_end_ns_per_op\":%.3f",
		 (double)t / (double)ops);
	bn_emit("cmdq.vmix", params, ops, v->t.kick_ns, extra);
}

void bench_vlpi(void)
{
	struct sys_cfg c = { .ncpu = 4,
			     .intid_bits = 16,
			     .devbits = 16,
			     .ev_bits = 8,
			     .nslots = V_DEV };
	struct sys fast, v;
	struct key *keys, *vkeys, *dkeys;
	struct vloop
		hf = { { vrun, NULL, 0, 0 }, NULL, NULL, "translate.hot.fast" },
		hv = { { vrun, NULL, 0, 0 }, NULL, NULL, "translate.hot.vlpi" },
		hd = { { vrun, NULL, 0, 0 }, NULL, NULL, "translate.doorbell" };
	struct bn_ratio rv, rd;
	struct gicits_cmd cmd;
	char extra[256];
	uint64_t vprop, vpt0;
	unsigned k;
	const char *pv =
		"\"vlpis\":4096,\"devices\":16,\"events_per_device\":256,\"cpus\":4,\"vpes\":4,\"resident\":true,\"cache\":\"on\"";
	const char *pd =
		"\"vlpis\":4096,\"devices\":16,\"events_per_device\":256,\"cpus\":4,\"vpes\":4,\"resident\":false,\"doorbells\":4,\"cache\":\"on\"";

	if (!bn_want("translate.hot.vlpi") && !bn_want("translate.doorbell") &&
	    !bn_want("cmdq.vmix"))
		return;
	c.nslots = V_DEV;
	bn_sys_create(&fast, &c);
	bn_sys_map(&fast, 0, V_DEV, 0, V_EV, ICID_RR, 0);
	keys = bn_make_keys(0, V_DEV, V_EV, 1);

	/* spare RAM (after the vPE table): the virtual LPI configuration
	 * table (64 KB), then 8 VPTs of 64 KB */
	c.v4 = true;
	c.nslots = 2 * V_DEV + 256; /* + cmdq.vmix's devices */
	c.spare = 11 * PAGE64K;
	bn_sys_create(&v, &c);
	vprop = v.spare;
	vpt0 = vprop + PAGE64K;
	memset(v.ram + (vprop - RAM_BASE), 0xA3, 65536 - 8192);
	for (k = 0; k < 8; k++) {
		/* vPEs 0..3 resident on RDs 0..3; 4..7 mapped there, never
		 * resident, with doorbells */
		gicits_cmd_vmapp(&cmd, (uint16_t)k, k % 4, vpt0 + k * PAGE64K,
				 15, true);
		ts_put(&v.t, &cmd);
	}
	bn_sys_check(&v, "VMAPP");
	for (k = 0; k < 4; k++) {
		gicits_rdist_write(v.gic, k, GICITS_GICR_VPROPBASER, 8,
				   vprop | 15);
		gicits_rdist_write(v.gic, k, GICITS_GICR_VPENDBASER, 8,
				   VPENDBASER_VALID | (vpt0 + k * PAGE64K));
	}
	vmap(&v, 0, 0, false);
	vmap(&v, V_DEV, 4, true);
	vkeys = bn_make_keys(0, V_DEV, V_EV, 1);
	dkeys = bn_make_keys(V_DEV, V_DEV, V_EV, 1);
	hf.its = fast.its;
	hf.keys = keys;
	hv.its = hd.its = v.its;
	hv.keys = vkeys;
	hd.keys = dkeys;
	if (bn_want("translate.hot.vlpi")) {
		/* fast's throughput over vlpi's = vlpi's cost per MSI over
		 * fast's (target <= 1.3) */
		bn_rounds(&hf.l, &hv.l, &rv);
		extra[0] = 0;
		bn_ratio_json(extra, sizeof(extra), "vlpi_cost_over_fast", &rv);
		bn_emit("translate.hot.vlpi", pv, hv.l.ops, hv.l.ns, extra);
	}
	if (bn_want("translate.doorbell")) {
		hf.l.ops = hf.l.ns = 0;
		bn_rounds(&hf.l, &hd.l, &rd);
		extra[0] = 0;
		bn_ratio_json(extra, sizeof(extra), "doorbell_cost_over_fast",
			      &rd);
		bn_emit("translate.doorbell", pd, hd.l.ops, hd.l.ns, extra);
	}
	if (bn_want("cmdq.vmix"))
		bench_vmix(&v, 2 * V_DEV);
	free(keys);
	free(vkeys);
	free(dkeys);
	bn_sys_destroy(&fast);
	bn_sys_destroy(&v);
}
