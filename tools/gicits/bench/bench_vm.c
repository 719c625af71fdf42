/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * `gicits bench`: VMs (issue 15, docs/vm.md).
 *  - vm.msi.emulated: MSIs of assigned host devices through
 *    gicits_vm_host_msi() into an emulated VM's vITS (steady state:
 *    already pending), against translate.hot.fast in alternating rounds of
 *    the same run: "cost_over_fast" = ns_per_op(vm) / ns_per_op(fast)
 *    (target <= 2).
 *  - vm.msi.forwarded: the assigned devices' MSIs of a forwarded VM whose
 *    vCPUs are loaded (vPEs resident on host CPUs 0..3), written straight
 *    to the host GICv4.0 ITS as the device's own MSI reaches it on
 *    hardware (gicits_its_msi(host ITS, host DeviceID, EventID), as
 *    translate.hot.fast calls its ITS; docs/vm.md "MSIs"): the host ITS
 *    translates and sets the vLPI in the resident vPE (target <= 1.3).
 *  - vm.msi.forwarded.registry: the same MSIs through
 *    gicits_vm_host_msi() (the host table's lock-free lookup, then the
 *    host ITS), as an embedder without the direct wiring sends them; same
 *    ratio, measured in the same run.
 *  - vm.cmd: ns per guest command of a forwarded VM, each shadowed onto
 *    the host ITS (MAPTI -> VMAPTI, DISCARD -> DISCARD, in batches of 64
 *    per GITS_CWRITER write), with the emulated VM's cost for the same
 *    commands ("emulated_ns_per_cmd") measured in the same run.
 * Shape as translate.hot: 16 devices x 256 events, 4 vCPUs, LPIs 8192..
 * round-robin over the vCPUs (priority 0xA0, enabled).  Guest programmed
 * through the trap entry points only, as a guest kernel would.
 */
#define _POSIX_C_SOURCE 200809L

#include "bench.h"

#include "gicits/vm.h"

#define VM_DEV 16u
#define VM_EV 256u
#define VM_CPUS 4u
#define G_RAM 0x40000000ULL
#define G_RAM_SIZE (8ULL << 20)
#define G_PROP G_RAM
#define G_PEND(k) (G_RAM + 0x10000ULL * (1 + (k)))
#define G_DT (G_RAM + 0x100000ULL)
#define G_CT (G_RAM + 0x110000ULL)
#define G_CQ (G_RAM + 0x120000ULL) /* 16 pages */
#define G_ITT(d) (G_RAM + 0x200000ULL + 0x1000ULL * (d))
#define H_CARVE 0x200000000ULL
#define H_CARVE_SIZE (32ULL << 20)
#define HOST_ID(d) (0x100u + (d))
#define CMD_BATCH 64u

struct vmb {
	enum gicits_vm_mode mode;
	uint8_t *ram, *carve;
	struct gicits_mem mem, hmem;
	struct gicits_gic *hgic;
	struct gicits_its *hits;
	struct gicits_vm_fwd_host *fh;
	struct gicits_vm_host *host;
	struct gicits_vm *vm;
	uint64_t cw;
};

static void vb_cmd(struct vmb *b, const struct gicits_cmd *c, bool issue)
{
	gicits_cmd_to_bytes(c, b->ram + (G_CQ - G_RAM) + b->cw);
	b->cw = (b->cw + GICITS_CMD_BYTES) % (16 * 4096);
	if (issue)
		gicits_vm_its_mmio_write(b->vm, GICITS_GITS_CWRITER, 8, b->cw,
					 0);
}

static void vb_check(struct vmb *b, const char *what)
{
	struct gicits_its_status st;
	struct gicits_vm_fwd_stats fs;

	gicits_its_status(gicits_vm_its(b->vm), &st);
	gicits_vm_fwd_stats(b->vm, &fs);
	if (st.errors || st.stalled || fs.host_errors)
		bn_die("vm: %s: command errors", what);
}

static void vb_create(struct vmb *b, enum gicits_vm_mode mode)
{
	struct gicits_vm_config vc;
	struct gicits_its_config ic;
	struct gicits_gic_config gc;
	struct gicits_cmd c;
	uint64_t v = 0;
	unsigned k, d, e;

	memset(b, 0, sizeof(*b));
	b->mode = mode;
	b->ram = calloc(1, G_RAM_SIZE);
	if (!b->ram)
		bn_die("vm: out of memory");
	gicits_mem_init(&b->mem, NULL, NULL);
	gicits_mem_add_direct(&b->mem, G_RAM, G_RAM_SIZE, b->ram);
	gicits_vm_config_default(&vc);
	gicits_its_config_default(&ic);
	gicits_gic_config_default(&gc);
	gc.intid_bits = 16;
	gc.lpi_cache = bn_opt.lpi_cache;
	vc.num_vcpus = VM_CPUS;
	vc.its = &ic;
	vc.gic = &gc;
	vc.max_devices = VM_DEV;
	vc.mode = mode;
	if (gicits_vm_host_create(VM_DEV, &b->host))
		bn_die("vm: host");
	if (mode == GICITS_VM_FORWARDED) {
		struct gicits_gic_config hg;
		struct gicits_its_config hi;
		struct gicits_vm_fwd_host_config fc;

		b->carve = calloc(1, H_CARVE_SIZE);
		if (!b->carve)
			bn_die("vm: out of memory");
		b->hmem = b->mem;
		gicits_mem_add_direct(&b->hmem, H_CARVE, H_CARVE_SIZE,
				      b->carve);
		gicits_gic_config_default(&hg);
		hg.version = GICITS_GIC_V4_0;
		hg.num_cpus = VM_CPUS;
		hg.intid_bits = 16;
		hg.lpi_cache = bn_opt.lpi_cache;
		gicits_its_config_default(&hi);
		hi.gic = GICITS_GIC_V4_0;
		hi.devbits = 12;
		gicits_vm_fwd_host_config_default(&fc);
		fc.mem = &b->hmem;
		fc.carve_base = H_CARVE;
		fc.carve_size = H_CARVE_SIZE;
		fc.max_vpes = VM_CPUS;
		if (gicits_gic_create(&hg, &b->hmem, &b->hgic) ||
		    gicits_its_create(&hi, b->hgic, &b->hmem, &b->hits))
			bn_die("vm: host GICv4");
		fc.its = b->hits;
		fc.gic = b->hgic;
		if (gicits_vm_fwd_host_create(&fc, &b->fh))
			bn_die("vm: forwarded host");
		vc.fwd = b->fh;
		vc.fwd_guest_base = G_RAM;
		vc.fwd_guest_size = G_RAM_SIZE;
	}
	if (gicits_vm_create(&vc, &b->mem, &b->vm))
		bn_die("vm: create");
	for (k = 0; k < VM_CPUS; k++)
		gicits_vm_vcpu_load(b->vm, k, k); /* resident vPEs */
	for (d = 0; d < VM_DEV; d++)
		if (gicits_vm_host_assign(b->host, b->vm, HOST_ID(d), d))
			bn_die("vm: assign");
	/* the guest's GIC driver */
	memset(b->ram + (G_PROP - G_RAM), 0xA3, 65536 - 8192);
	for (k = 0; k < VM_CPUS; k++) {
		gicits_vm_rdist_write(b->vm, k, GICITS_GICR_WAKER, 4, 0);
		gicits_vm_rdist_write(b->vm, k, GICITS_GICR_PROPBASER, 8,
				      G_PROP | 15);
		gicits_vm_rdist_write(b->vm, k, GICITS_GICR_PENDBASER, 8,
				      G_PEND(k));
		gicits_vm_rdist_write(b->vm, k, GICITS_GICR_CTLR, 4, 1);
		gicits_vm_vcpu_set_pmr(b->vm, k, 0xff);
	}
	gicits_vm_its_mmio_read(b->vm, GICITS_GITS_BASER(0), 8, &v);
	gicits_vm_its_mmio_write(b->vm, GICITS_GITS_BASER(0), 8,
				 v | 1ULL << 63 | G_DT | 1, 0);
	gicits_vm_its_mmio_read(b->vm, GICITS_GITS_BASER(1), 8, &v);
	gicits_vm_its_mmio_write(b->vm, GICITS_GITS_BASER(1), 8,
				 v | 1ULL << 63 | G_CT, 0);
	gicits_vm_its_mmio_write(b->vm, GICITS_GITS_CBASER, 8,
				 1ULL << 63 | G_CQ | 15, 0);
	gicits_vm_its_mmio_write(b->vm, GICITS_GITS_CWRITER, 8, 0, 0);
	gicits_vm_its_mmio_write(b->vm, GICITS_GITS_CTLR, 4, 1, 0);
	for (k = 0; k < VM_CPUS; k++) {
		gicits_cmd_mapc(&c, (uint16_t)k, k, true);
		vb_cmd(b, &c, true);
	}
	for (d = 0; d < VM_DEV; d++) {
		gicits_cmd_mapd(&c, d, 7, G_ITT(d), true);
		vb_cmd(b, &c, true);
		for (e = 0; e < VM_EV; e++) {
			uint32_t g = d * VM_EV + e;

			gicits_cmd_mapti(&c, d, e, 8192 + g,
					 (uint16_t)(g % VM_CPUS));
			vb_cmd(b, &c, e % CMD_BATCH == CMD_BATCH - 1);
		}
	}
	vb_check(b, "mapping");
	if (mode == GICITS_VM_FORWARDED) {
		struct gicits_vm_fwd_stats st;

		gicits_vm_fwd_stats(b->vm, &st);
		if (st.shadowed != VM_DEV * VM_EV)
			bn_die("vm: %" PRIu64 " of %u events shadowed",
			       st.shadowed, VM_DEV * VM_EV);
	}
}

static void vb_destroy(struct vmb *b)
{
	gicits_vm_destroy(b->vm);
	gicits_vm_host_destroy(b->host);
	gicits_vm_fwd_host_destroy(b->fh);
	gicits_its_destroy(b->hits);
	gicits_gic_destroy(b->hgic);
	free(b->carve);
	free(b->ram);
}

struct vm_loop {
	struct bn_loop l;
	struct vmb *b; /* NULL: the plain ITS @its (gicits_its_msi()) */
	struct gicits_its *its;
	const struct key *keys;
	const char *name;
};

static void vm_run(struct bn_loop *l, double sec, uint64_t *ops, uint64_t *ns)
{
	struct vm_loop *h = (struct vm_loop *)l;
	uint64_t t0, n = 0, bad = 0;
	size_t i;

	if (!h->b) {
		*ops = bn_run_keys_for(false, h->its, h->keys, VM_DEV * VM_EV,
				       sec, ns, &bad);
		if (bad)
			bn_die("%s: %" PRIu64 " MSIs dropped", h->name, bad);
		return;
	}
	t0 = bn_now_ns();
	do {
		for (i = 0; i < VM_DEV * VM_EV; i++)
			bad += gicits_vm_host_msi(h->b->host,
						  HOST_ID(h->keys[i].dev),
						  h->keys[i].ev) != 0;
		n += VM_DEV * VM_EV;
	} while (bn_now_ns() - t0 < (uint64_t)(sec * 1e9));
	*ns = bn_now_ns() - t0;
	*ops = n;
	if (bad)
		bn_die("%s: %" PRIu64 " MSIs dropped", h->name, bad);
}

/* ns per guest command: MAPTI then DISCARD of events of device 0 (a
 * spare range of its ITT: events 128.. are remapped to new LPIs), in
 * batches of CMD_BATCH per CWRITER write */
static double cmd_cost(struct vmb *b, double sec, uint64_t *ops)
{
	struct gicits_cmd c;
	uint64_t t0 = bn_now_ns(), n = 0;
	unsigned i;

	do {
		for (i = 0; i < CMD_BATCH / 2; i++) {
			gicits_cmd_mapti(&c, 0, 128 + i, 60000 + i, 1);
			vb_cmd(b, &c, false);
		}
		for (i = 0; i < CMD_BATCH / 2; i++) {
			gicits_cmd_mapti(&c, 0, 128 + i, 8192 + 128 + i,
					 (uint16_t)((128 + i) % VM_CPUS));
			vb_cmd(b, &c, i == CMD_BATCH / 2 - 1);
		}
		n += CMD_BATCH;
	} while (bn_now_ns() - t0 < (uint64_t)(sec * 1e9));
	*ops = n;
	vb_check(b, "vm.cmd");
	return (double)(bn_now_ns() - t0) / (double)n;
}

void bench_vm(void)
{
	struct sys_cfg c = { .ncpu = 4,
			     .intid_bits = 16,
			     .devbits = 16,
			     .ev_bits = 8,
			     .nslots = VM_DEV };
	struct sys fast;
	struct vmb em, fw;
	struct key *keys, *hkeys;
	struct vm_loop hd = { { vm_run, NULL, 0, 0 },
			      NULL,
			      NULL,
			      NULL,
			      "vm.msi.forwarded" },
		       hf = { { vm_run, NULL, 0, 0 },
			      NULL,
			      NULL,
			      NULL,
			      "translate.hot.fast" },
		       he = { { vm_run, NULL, 0, 0 },
			      NULL,
			      NULL,
			      NULL,
			      "vm.msi.emulated" },
		       hw = { { vm_run, NULL, 0, 0 },
			      NULL,
			      NULL,
			      NULL,
			      "vm.msi.forwarded.registry" };
	struct bn_ratio r;
	char extra[256];
	const char *pe =
		"\"lpis\":4096,\"devices\":16,\"events_per_device\":256,\"vcpus\":4,\"mode\":\"emulated\"";
	const char *pw =
		"\"lpis\":4096,\"devices\":16,\"events_per_device\":256,\"vcpus\":4,\"mode\":\"forwarded\",\"resident\":true";

	if (!bn_want("vm."))
		return;
	bn_sys_create(&fast, &c);
	bn_sys_map(&fast, 0, VM_DEV, 0, VM_EV, ICID_RR, 0);
	keys = bn_make_keys(0, VM_DEV, VM_EV, 1);
	/* the same MSIs as the host bus sees them: host DeviceIDs */
	hkeys = bn_make_keys(0, VM_DEV, VM_EV, 1);
	for (size_t i = 0; i < VM_DEV * VM_EV; i++)
		hkeys[i].dev = HOST_ID(hkeys[i].dev);
	vb_create(&em, GICITS_VM_EMULATED);
	vb_create(&fw, GICITS_VM_FORWARDED);
	hf.its = fast.its;
	hf.keys = he.keys = hw.keys = keys;
	he.b = &em;
	hw.b = &fw;
	hd.its = fw.hits;
	hd.keys = hkeys;
	if (bn_want("vm.msi.emulated")) {
		bn_rounds(&hf.l, &he.l, &r);
		extra[0] = 0;
		bn_ratio_json(extra, sizeof(extra), "cost_over_fast", &r);
		bn_emit("vm.msi.emulated", pe, he.l.ops, he.l.ns, extra);
	}
	if (bn_want("vm.msi.forwarded")) {
		struct gicits_vm_fwd_stats st;

		hf.l.ops = hf.l.ns = 0;
		bn_rounds(&hf.l, &hd.l, &r);
		extra[0] = 0;
		bn_ratio_json(extra, sizeof(extra), "cost_over_fast", &r);
		bn_emit("vm.msi.forwarded", pw, hd.l.ops, hd.l.ns, extra);
		/* every MSI was the host's vLPI, none the vITS's */
		gicits_vm_fwd_stats(fw.vm, &st);
		if (st.fallback_msis)
			bn_die("vm.msi.forwarded: %" PRIu64
			       " MSIs left to the vITS",
			       st.fallback_msis);
	}
	if (bn_want("vm.msi.forwarded.registry")) {
		hf.l.ops = hf.l.ns = 0;
		bn_rounds(&hf.l, &hw.l, &r);
		extra[0] = 0;
		bn_ratio_json(extra, sizeof(extra), "cost_over_fast", &r);
		bn_emit("vm.msi.forwarded.registry", pw, hw.l.ops, hw.l.ns,
			extra);
	}
	if (bn_want("vm.cmd")) {
		uint64_t ne, nf;
		double ce = cmd_cost(&em, bn_opt.dur / 2, &ne);
		double cf = cmd_cost(&fw, bn_opt.dur, &nf);

		snprintf(extra, sizeof(extra),
			 ",\"emulated_ns_per_cmd\":%.1f,\"shadow_ns_per_cmd\":%.1f",
			 ce, cf - ce);
		bn_emit("vm.cmd",
			"\"commands\":\"MAPTI remap\",\"batch\":64,\"mode\":\"forwarded\"",
			nf, (uint64_t)(cf * (double)nf), extra);
	}
	vb_destroy(&em);
	vb_destroy(&fw);
	free(keys);
	free(hkeys);
	bn_sys_destroy(&fast);
}
