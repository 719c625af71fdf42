/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Forwarded mode (docs/vm.md, "Forwarded mode"): the guest's vITS stays
 * the emulated one (vm.c), the guest-visible truth for registers, errors,
 * stalls and tables; what it maps for an assigned device is shadowed onto
 * a host GICv4.0 ITS as vLPIs of the vCPUs' vPEs, as KVM's its_vlpi_map()
 * does for a VFIO device (spec/gicv41.md §10).
 *
 * The shadow is a mirror, not a second decoder: the vITS's trace hook
 * reports every command it executed without error (GICITS_TRACE_COMMAND,
 * with the command's queue offset); the mirror re-reads that packet and
 * records per assigned device and event the guest's (INTID, ICID) and per
 * ICID the vCPU.  Each (device, event) is then reconciled: the host holds
 * a vLPI exactly when the vITS would deliver the event to a vCPU whose
 * redistributor can take it (collection mapped, EnableLPIs, INTID within
 * PROPBASER.IDbits and the host VPT, the configuration table inside the
 * VM's RAM window), with vINTID = the guest's INTID on that vCPU's vPE.
 * Anything else stays unshadowed, and the host ITS drops the MSI, which
 * then goes, through the host ITS's miss hook (fh_miss()), to the vITS
 * (fwd_msi_fallback()): so the host never delivers what the vITS would
 * not, and whatever the host cannot shadow (no memory, a host DeviceID
 * beyond its table, an ITT the guest reused with itt=reuse) is simply
 * emulated.  Nothing is shadowed while the vITS is disabled
 * (GITS_CTLR.Enabled 0: fwd_its_write() unshadows and reshadows), so a
 * device's MSI may go straight to the host ITS, as on hardware.
 *
 * Pending state: an INT command, GICR_SETLPIR and emulated devices' MSIs
 * make LPIs pending in the virtual redistributors; assigned devices' MSIs
 * make them pending in the vPEs.  A vCPU's pending set is the union, and
 * its interface (fwd_hppi(), fwd_ack()) presents the better of the two.
 * Before the guest runs a command that moves or clears pending state
 * (DISCARD, CLEAR, MOVI, MOVALL, MAPC, MAPD) or writes GICR_CTLR,
 * PROPBASER, PENDBASER or CLRLPIR, the vPEs' pending vLPIs are pulled
 * into the virtual redistributors (GICR_SETLPIR), so that the vITS applies
 * the architected semantics to all of it.
 *
 * Locks, in order: the vITS's (the trace hook runs under it), the VM's
 * fwd lock (struct fwd_vm.lock), the host side's lock (struct
 * gicits_vm_fwd_host.lock), then the host ITS's and gic's own.  The trace
 * hook calls nothing of the VM's own vITS or gic; it calls the host ITS
 * (another object) to flush the host command queue.
 *
 * Host work per guest command is bounded: one or two host commands per
 * (device, event), except MAPC, whose reconciliation visits the mapped
 * events of the VM's assigned devices (as KVM's update_affinity does).
 */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>

#include "gicits/cmd.h"
#include "gicits/error.h"
#include "gicits/vcpu.h"
#include "gicits/vm.h"
#include "vm_internal.h"

#include "common/bits.h"
#include "common/inflight.h"
#include "its/msi_in_flight.h"

#define FH_Q_PAGES 16u /* host command queue: 64 KiB, 2048 commands */
#define FH_ALIGN_VPT 0x10000u /* VMAPP VPT_addr[51:16] */
#define FH_ALIGN_ITT 256u
#define FH_MAX_VPES 65536u
#define FH_DT_PAGES_MAX 256u
#define FWD_MAX_EVBITS 16u /* host ITTs and mirrors up to 2^16 events */
#define FWD_BUDGET (64ull << 20) /* mirror bytes per VM */
#define NO_PCPU (-1)
#define FWD_MAX_INTS 64u /* INT commands moved onto the host per write */

/* ---- the host side ---- */

struct fh_block {
	uint64_t base, size;
};

struct fh_vpe {
	struct gicits_vm *vm; /* NULL: free */
	unsigned vcpu;
};

struct gicits_vm_fwd_host {
	struct gicits_vm_fwd_host_config cfg;
	mtx_t lock;
	uint64_t q_base, q_size, q_wr;
	unsigned q_unflushed;
	uint64_t dt_entries; /* host DeviceIDs the device table covers */
	unsigned evbits; /* host ITS ID_bits + 1 */
	unsigned ite_size;
	unsigned vbits; /* host gic INTID bits: the VPTs' */
	unsigned npcpu;
	uint64_t errors_seen; /* host ITS errors already attributed */
	struct fh_block *blocks; /* allocated carve-out blocks, sorted */
	size_t nblocks, cap;
	struct fh_vpe *vpes;
	int *resident; /* per pCPU: vPEID or -1 */
	/* the host table the host ITS's misses are looked up in
	 * (fh_miss()): set by the first assignment of a forwarded VM's
	 * device, cleared when the last one is gone (@ndevs, under @lock) */
	_Atomic(struct gicits_vm_host *) registry;
	unsigned ndevs;
};

/* ---- a forwarded VM ---- */

struct fwd_ev {
	uint32_t intid; /* the guest's mapping, as the mirror knows it */
	uint16_t icid;
	uint8_t valid;
	uint8_t on_host; /* a host ITE exists, as below */
	uint32_t hvintid;
	uint16_t hvcpu;
};

struct fwd_dev {
	bool mapped; /* the guest's DTE is valid (mirror) */
	bool host_mapped; /* host MAPD V=1 issued, @itt allocated */
	uint32_t nev; /* 0: events not mirrored (not shadowable) */
	uint64_t itt, itt_bytes;
	struct fwd_ev *ev;
};

struct fwd_vcpu {
	uint16_t vpe;
	int pcpu; /* resident on, or NO_PCPU */
	int want; /* the pCPU the embedder loaded it on, or NO_PCPU */
	unsigned mapped_rd; /* the vPE table entry's redistributor */
	bool ok; /* EnableLPIs and a configuration table in the window */
	uint64_t propbase; /* guest PA of the LPI configuration table */
	unsigned idbits; /* PROPBASER.IDbits + 1 */
	uint64_t vpt; /* host PA */
};

struct fwd_vm {
	struct gicits_vm_fwd_host *fh;
	mtx_t lock;
	uint64_t gbase, gsize, hoff;
	struct fwd_vcpu *vc;
	int32_t *coll; /* ICID -> vCPU, or -1 */
	uint32_t ncoll;
	uint64_t cbaser; /* the vITS's, for the trace hook */
	uint64_t mirror_bytes;
	bool hpp;
	/* INT commands on shadowed events in the current ITS write */
	struct {
		uint32_t guest_id, event;
	} ints[FWD_MAX_INTS];
	unsigned nints;
	struct gicits_vm_fwd_stats st; /* under @lock, but fallback_msis */
	_Atomic uint64_t fallback_msis;
};

/* ---- carve-out allocator (first fit over the sorted blocks) ---- */

static int fh_zero(struct gicits_vm_fwd_host *fh, uint64_t pa, uint64_t n)
{
	static const uint8_t z[4096];

	while (n) {
		size_t k = n < sizeof(z) ? (size_t)n : sizeof(z);
		int err = gicits_mem_write(fh->cfg.mem, pa, z, k);

		if (err)
			return err;
		pa += k;
		n -= k;
	}
	return GICITS_OK;
}

static uint64_t fh_alloc(struct gicits_vm_fwd_host *fh, uint64_t size,
			 uint64_t align)
{
	uint64_t at = fh->cfg.carve_base, end = at + fh->cfg.carve_size;
	size_t i;

	if (!size)
		return 0;
	for (i = 0; i <= fh->nblocks; i++) {
		uint64_t a = (at + align - 1) & ~(align - 1);
		uint64_t lim = i < fh->nblocks ? fh->blocks[i].base : end;

		if (a >= at && a <= lim && lim - a >= size) {
			if (fh->nblocks == fh->cap) {
				size_t nc = fh->cap ? 2 * fh->cap : 64;
				struct fh_block *nb =
					realloc(fh->blocks, nc * sizeof(*nb));

				if (!nb)
					return 0;
				fh->blocks = nb;
				fh->cap = nc;
			}
			memmove(&fh->blocks[i + 1], &fh->blocks[i],
				(fh->nblocks - i) * sizeof(*fh->blocks));
			fh->blocks[i].base = a;
			fh->blocks[i].size = size;
			fh->nblocks++;
			if (fh_zero(fh, a, size)) {
				memmove(&fh->blocks[i], &fh->blocks[i + 1],
					(--fh->nblocks - i) *
						sizeof(*fh->blocks));
				return 0;
			}
			return a;
		}
		if (i < fh->nblocks)
			at = fh->blocks[i].base + fh->blocks[i].size;
	}
	return 0;
}

static void fh_free(struct gicits_vm_fwd_host *fh, uint64_t base)
{
	size_t i;

	for (i = 0; i < fh->nblocks; i++) {
		if (fh->blocks[i].base == base) {
			memmove(&fh->blocks[i], &fh->blocks[i + 1],
				(fh->nblocks - i - 1) * sizeof(*fh->blocks));
			fh->nblocks--;
			return;
		}
	}
}

/* ---- host command queue (fh->lock held) ---- */

static uint64_t its_r64(struct gicits_its *its, uint32_t off)
{
	uint64_t v = 0;

	gicits_its_mmio_read(its, off, 8, &v);
	return v;
}

static void fh_flush(struct gicits_vm_fwd_host *fh, struct fwd_vm *fv)
{
	struct gicits_its_status st;

	if (!fh->q_unflushed)
		return;
	gicits_its_mmio_write(fh->cfg.its, GICITS_GITS_CWRITER, 8, fh->q_wr, 0);
	fh->q_unflushed = 0;
	if (!gicits_its_status(fh->cfg.its, &st) &&
	    st.errors != fh->errors_seen) {
		if (fv)
			fv->st.host_errors += st.errors - fh->errors_seen;
		fh->errors_seen = st.errors;
	}
}

static void fh_cmd(struct gicits_vm_fwd_host *fh, struct fwd_vm *fv,
		   const struct gicits_cmd *c)
{
	uint8_t b[GICITS_CMD_BYTES];

	gicits_cmd_to_bytes(c, b);
	gicits_mem_write(fh->cfg.mem, fh->q_base + fh->q_wr, b, sizeof(b));
	fh->q_wr = (fh->q_wr + GICITS_CMD_BYTES) % fh->q_size;
	fh->q_unflushed++;
	if (fv)
		fv->st.host_cmds++;
	/* the queue holds q_size / 32 - 1 commands: flush before full */
	if (fh->q_unflushed + 1 >= fh->q_size / GICITS_CMD_BYTES)
		fh_flush(fh, fv);
}

/*
 * The host ITS's miss hook (its/msi_in_flight.h): an MSI the host ITS
 * dropped, inside its announcement, whether it came straight to the host
 * ITS (gicits_its_msi(), GITS_TRANSLATER) or through
 * gicits_vm_host_msi(): the VM that owns the host DeviceID, if any,
 * decides with its vITS (host.c vm_host_fwd_miss()).  Lock-free.
 */
static enum gicits_drop fh_miss(void *opaque, struct gicits_its *its,
				uint32_t devid, uint32_t event,
				enum gicits_drop d)
{
	struct gicits_vm_fwd_host *fh = opaque;
	struct gicits_vm_host *reg =
		atomic_load_explicit(&fh->registry, memory_order_acquire);

	if (!reg)
		return d;
	return vm_host_fwd_miss(reg, its, devid, event, d);
}

int fwd_registry_claim(struct gicits_vm *vm, struct gicits_vm_host *host)
{
	struct gicits_vm_fwd_host *fh = vm->fwd->fh;
	int err = GICITS_OK;

	mtx_lock(&fh->lock);
	if (fh->ndevs &&
	    atomic_load_explicit(&fh->registry, memory_order_relaxed) != host)
		err = GICITS_ESTATE;
	else {
		fh->ndevs++;
		/* release: the hook that reads @host reads a live table */
		atomic_store_explicit(&fh->registry, host,
				      memory_order_release);
	}
	mtx_unlock(&fh->lock);
	return err;
}

void gicits_vm_fwd_host_config_default(struct gicits_vm_fwd_host_config *cfg)
{
	if (!cfg)
		return;
	memset(cfg, 0, sizeof(*cfg));
	cfg->size = sizeof(*cfg);
	cfg->max_vpes = 256;
	cfg->doorbell_base = GICITS_LPI_BASE;
}

int gicits_vm_fwd_host_create(const struct gicits_vm_fwd_host_config *cfg,
			      struct gicits_vm_fwd_host **out)
{
	struct gicits_vm_fwd_host *fh;
	struct gicits_vm_fwd_host_config c;
	uint64_t typer, baser, dt, vt, prop, vt_bytes, ctlr = 0, dt_psz;
	unsigned k, dt_pages, vt_pages, ib;
	uint32_t id;

	if (!cfg || !out)
		return GICITS_EINVAL;
	*out = NULL;
	if (cfg->size == 0 || cfg->size > sizeof(c))
		return GICITS_EINVAL;
	gicits_vm_fwd_host_config_default(&c);
	memcpy(&c, cfg, cfg->size);
	if (!c.its || !c.gic || !c.mem || c.max_vpes < 1 ||
	    c.max_vpes > FH_MAX_VPES || (c.carve_base & 0xFFFF) ||
	    c.carve_size < (1u << 20) ||
	    c.carve_base + c.carve_size < c.carve_base ||
	    gicits_gic_version(c.gic) != GICITS_GIC_V4_0)
		return GICITS_EINVAL;
	typer = its_r64(c.its, GICITS_GITS_TYPER);
	/* IHI 0069 GITS_TYPER: Virtual [1], ITT_entry_size [7:4],
	 * ID_bits [12:8], Devbits [17:13], PTA [19] */
	if (!(typer >> 1 & 1) || (typer >> 19 & 1))
		return GICITS_EINVAL;
	gicits_its_mmio_read(c.its, GICITS_GITS_CTLR, 4, &ctlr);
	if (ctlr & 1)
		return GICITS_ESTATE;
	ib = gicits_gic_intid_bits(c.gic);
	if (c.doorbell_base < GICITS_LPI_BASE ||
	    (ib < 32 && ((uint64_t)c.doorbell_base + c.max_vpes) >> ib))
		return GICITS_EINVAL;
	fh = calloc(1, sizeof(*fh));
	if (!fh)
		return GICITS_ENOMEM;
	fh->cfg = c;
	fh->ite_size = (unsigned)(typer >> 4 & 0xF) + 1;
	fh->evbits = (unsigned)(typer >> 8 & 0x1F) + 1;
	fh->vbits = ib;
	fh->npcpu = gicits_gic_num_cpus(c.gic);
	fh->vpes = calloc(c.max_vpes, sizeof(*fh->vpes));
	fh->resident = malloc(fh->npcpu * sizeof(*fh->resident));
	if (!fh->vpes || !fh->resident ||
	    mtx_init(&fh->lock, mtx_plain) != thrd_success) {
		free(fh->vpes);
		free(fh->resident);
		free(fh);
		return GICITS_ENOMEM;
	}
	for (k = 0; k < fh->npcpu; k++)
		fh->resident[k] = -1;
	/* device table: flat, 8-byte entries, as many pages as Devbits
	 * needs, at most 256 of 64 KiB (2^21 host DeviceIDs; one beyond is
	 * emulated).  IHI 0069 GITS_BASER<n>.Page_Size [9:8]: 0b10 = 64 KiB */
	{
		unsigned db = (unsigned)(typer >> 13 & 0x1F) + 1;
		uint64_t need = (db >= 21 ? 1ull << 21 : 1ull << db) * 8;

		dt_psz = need <= 256 * 4096ull ? 4096 : 0x10000;
		dt_pages = (unsigned)((need + dt_psz - 1) / dt_psz);
	}
	fh->dt_entries = (uint64_t)dt_pages * dt_psz / 8;
	vt_bytes = (uint64_t)c.max_vpes * 8;
	vt_pages = (unsigned)((vt_bytes + 4095) / 4096);
	fh->q_size = FH_Q_PAGES * 4096;
	dt = fh_alloc(fh, (uint64_t)dt_pages * dt_psz, dt_psz);
	vt = dt ? fh_alloc(fh, (uint64_t)vt_pages * 4096, 4096) : 0;
	fh->q_base = vt ? fh_alloc(fh, fh->q_size, 0x10000) : 0;
	/* host LPI configuration (doorbells only) and pending tables */
	prop = fh->q_base ? fh_alloc(fh, (1ull << ib) - 8192, 4096) : 0;
	if (!prop || vt_pages > 256) {
		gicits_vm_fwd_host_destroy(fh);
		return GICITS_EINVAL;
	}
	for (id = 0; id < c.max_vpes; id++) {
		uint8_t b = 0xA1; /* priority 0xA0, RES1... enabled */

		gicits_mem_write(c.mem, prop + c.doorbell_base + id - 8192, &b,
				 1);
	}
	for (k = 0; k < fh->npcpu; k++) {
		uint64_t pend = fh_alloc(fh, (1ull << ib) / 8, 0x10000);

		if (!pend) {
			gicits_vm_fwd_host_destroy(fh);
			return GICITS_EINVAL;
		}
		gicits_rdist_write(c.gic, k, GICITS_GICR_WAKER, 4, 0);
		gicits_rdist_write(c.gic, k, GICITS_GICR_PROPBASER, 8,
				   prop | (ib - 1));
		gicits_rdist_write(c.gic, k, GICITS_GICR_PENDBASER, 8,
				   pend | 1ull << 62);
		gicits_rdist_write(c.gic, k, GICITS_GICR_CTLR, 4, 1);
		gicits_cpu_set_pmr(c.gic, k, 0xff);
	}
	baser = its_r64(c.its, GICITS_GITS_BASER(0));
	baser &= ~(3ull << 8);
	gicits_its_mmio_write(c.its, GICITS_GITS_BASER(0), 8,
			      baser | 1ull << 63 | dt |
				      (dt_psz == 0x10000 ? 2ull << 8 : 0) |
				      (dt_pages - 1),
			      0);
	baser = its_r64(c.its, GICITS_GITS_BASER(2));
	gicits_its_mmio_write(c.its, GICITS_GITS_BASER(2), 8,
			      baser | 1ull << 63 | vt | (vt_pages - 1), 0);
	gicits_its_mmio_write(c.its, GICITS_GITS_CBASER, 8,
			      1ull << 63 | fh->q_base | (FH_Q_PAGES - 1), 0);
	gicits_its_mmio_write(c.its, GICITS_GITS_CWRITER, 8, 0, 0);
	/* what the host ITS drops goes to the owning VM's vITS */
	its_set_miss_hook(c.its, fh_miss, fh);
	gicits_its_mmio_write(c.its, GICITS_GITS_CTLR, 4, 1, 0);
	*out = fh;
	return GICITS_OK;
}

void gicits_vm_fwd_host_destroy(struct gicits_vm_fwd_host *fh)
{
	if (!fh)
		return;
	/* the host ITS outlives us: no MSI may run our hook after this */
	its_set_miss_hook(fh->cfg.its, NULL, NULL);
	inflight_drain();
	mtx_destroy(&fh->lock);
	free(fh->blocks);
	free(fh->vpes);
	free(fh->resident);
	free(fh);
}

int gicits_vm_fwd_host_irq(struct gicits_vm_fwd_host *fh, unsigned pcpu,
			   unsigned *woken)
{
	unsigned n = 0;

	if (woken)
		*woken = 0;
	if (!fh)
		return GICITS_EINVAL;
	if (pcpu >= fh->npcpu)
		return GICITS_ENOENT;
	for (;;) {
		struct fh_vpe v = { NULL, 0 };
		uint32_t id = gicits_cpu_ack(fh->cfg.gic, pcpu);

		if (id == GICITS_INTID_SPURIOUS)
			break;
		gicits_cpu_eoi(fh->cfg.gic, pcpu, id);
		mtx_lock(&fh->lock);
		if (id >= fh->cfg.doorbell_base &&
		    id - fh->cfg.doorbell_base < fh->cfg.max_vpes)
			v = fh->vpes[id - fh->cfg.doorbell_base];
		mtx_unlock(&fh->lock);
		/* no lock held: the callback may load the vCPU */
		if (v.vm && fh->cfg.wake) {
			fh->cfg.wake(fh->cfg.wake_opaque, v.vm, v.vcpu);
			n++;
		}
	}
	if (woken)
		*woken = n;
	return GICITS_OK;
}

/* ---- residency (fv->lock and fh->lock held) ---- */

static uint32_t vpe_db(const struct gicits_vm_fwd_host *fh, uint16_t vpe)
{
	return fh->cfg.doorbell_base + vpe;
}

static void vpe_deschedule(struct gicits_vm_fwd_host *fh, struct fwd_vcpu *v)
{
	if (v->pcpu == NO_PCPU)
		return;
	gicits_rdist_write(fh->cfg.gic, (unsigned)v->pcpu,
			   GICITS_GICR_VPENDBASER, 8, 0);
	fh->resident[v->pcpu] = -1;
	v->pcpu = NO_PCPU;
}

static unsigned vtab_bits(const struct gicits_vm_fwd_host *fh,
			  const struct fwd_vcpu *v)
{
	return v->idbits < fh->vbits ? v->idbits : fh->vbits;
}

/* Make @v resident on its wanted pCPU, if it can be. */
static void vpe_schedule(struct gicits_vm *vm, struct fwd_vcpu *v)
{
	struct fwd_vm *fv = vm->fwd;
	struct gicits_vm_fwd_host *fh = fv->fh;
	struct gicits_cmd c;
	unsigned p;
	int other;

	if (v->want == NO_PCPU || !v->ok || v->pcpu == v->want)
		return;
	vpe_deschedule(fh, v);
	p = (unsigned)v->want;
	other = fh->resident[p];
	if (other >= 0) { /* another vCPU ran here: it stops */
		struct fh_vpe *o = &fh->vpes[other];

		if (o->vm)
			vpe_deschedule(fh, &o->vm->fwd->vc[o->vcpu]);
	}
	if (v->mapped_rd != p) {
		gicits_cmd_vmovp(&c, v->vpe, p);
		fh_cmd(fh, fv, &c);
		fh_flush(fh, fv);
		v->mapped_rd = p;
	}
	gicits_rdist_write(fh->cfg.gic, p, GICITS_GICR_VPROPBASER, 8,
			   (v->propbase + fv->hoff) | (vtab_bits(fh, v) - 1));
	gicits_rdist_write(fh->cfg.gic, p, GICITS_GICR_VPENDBASER, 8,
			   1ull << 63 | v->vpt);
	/* open: the virtual interface masks (fwd_ack()) */
	gicits_vcpu_set_vpmr(fh->cfg.gic, p, 0xFF);
	fh->resident[p] = v->vpe;
	v->pcpu = (int)p;
}

/* ---- pulling vPE pending state into the virtual redistributors ---- */

/* fv->lock and fh->lock held.  Returns the number of vLPIs moved. */
static unsigned pull_vcpu(struct gicits_vm *vm, unsigned k)
{
	struct fwd_vm *fv = vm->fwd;
	struct gicits_vm_fwd_host *fh = fv->fh;
	struct fwd_vcpu *v = &fv->vc[k];
	uint64_t bytes = (1ull << fh->vbits) / 8, off;
	int was = v->pcpu;
	unsigned n = 0;
	uint8_t buf[1024];

	if (was != NO_PCPU) {
		/* descheduling writes the resident set back to the VPT */
		gicits_rdist_write(fh->cfg.gic, (unsigned)was,
				   GICITS_GICR_VPENDBASER, 8, 0);
	}
	for (off = 1024; off < bytes; off += sizeof(buf)) {
		size_t len = bytes - off < sizeof(buf) ? (size_t)(bytes - off) :
							 sizeof(buf);
		bool any = false;
		size_t i;

		if (gicits_mem_read(fh->cfg.mem, v->vpt + off, buf, len))
			break;
		for (i = 0; i < len; i++) {
			unsigned b;

			if (!buf[i])
				continue;
			any = true;
			for (b = 0; b < 8; b++)
				if (buf[i] >> b & 1) {
					gicits_rdist_write(
						vm->gic, k, GICITS_GICR_SETLPIR,
						8, (off + i) * 8 + b);
					n++;
				}
		}
		if (any)
			gicits_mem_write(fh->cfg.mem, v->vpt + off,
					 memset(buf, 0, len), len);
	}
	if (was != NO_PCPU)
		gicits_rdist_write(fh->cfg.gic, (unsigned)was,
				   GICITS_GICR_VPENDBASER, 8,
				   1ull << 63 | v->vpt);
	fv->st.pulls += n;
	return n;
}

static void pull_all_locked(struct gicits_vm *vm)
{
	unsigned k;

	for (k = 0; k < vm->num_vcpus; k++)
		pull_vcpu(vm, k);
}

void fwd_pull_all(struct gicits_vm *vm)
{
	mtx_lock(&vm->fwd->lock);
	mtx_lock(&vm->fwd->fh->lock);
	pull_all_locked(vm);
	mtx_unlock(&vm->fwd->fh->lock);
	mtx_unlock(&vm->fwd->lock);
}

/* ---- the mirror and its reconciliation (fv->lock, fh->lock held) ---- */

static struct vm_dev *find_dev(struct gicits_vm *vm, uint32_t guest_id)
{
	unsigned i;

	for (i = 0; i < vm->ndevs; i++)
		if (vm->devs[i].guest_id == guest_id)
			return &vm->devs[i];
	return NULL;
}

static void sync_ev(struct gicits_vm *vm, struct vm_dev *d, uint32_t e)
{
	struct fwd_vm *fv = vm->fwd;
	struct gicits_vm_fwd_host *fh = fv->fh;
	struct fwd_dev *fd = d->fwd;
	struct fwd_ev *x = &fd->ev[e];
	struct gicits_cmd c;
	bool want = false;
	int32_t k = -1;

	/* the vITS disabled delivers nothing: nothing on the host */
	if (atomic_load_explicit(&vm->fwd_its_on, memory_order_relaxed) &&
	    fd->host_mapped && x->valid && x->icid < fv->ncoll &&
	    (k = fv->coll[x->icid]) >= 0 && (unsigned)k < vm->num_vcpus) {
		const struct fwd_vcpu *v = &fv->vc[k];
		unsigned b = vtab_bits(fh, v);

		/* what the vITS would deliver: an LPI the target accepts
		 * (INTID_OOR, LPIS_DISABLED drops stay the vITS's) */
		want = v->ok && x->intid >= GICITS_LPI_BASE &&
		       (b >= 32 || !(x->intid >> b));
	}
	if (want && x->on_host && x->hvintid == x->intid &&
	    x->hvcpu == (uint16_t)k)
		return;
	if (want && x->on_host && x->hvintid == x->intid) {
		/* the collection moved: VMOVI carries a pending vLPI along,
		 * as MOVI does (IHI 0069 VMOVI) */
		gicits_cmd_vmovi(&c, d->host_id, e, fv->vc[k].vpe, true,
				 vpe_db(fh, fv->vc[k].vpe));
		fh_cmd(fh, fv, &c);
		x->hvcpu = (uint16_t)k;
		return;
	}
	if (x->on_host) {
		gicits_cmd_discard(&c, d->host_id, e);
		fh_cmd(fh, fv, &c);
		x->on_host = 0;
		fv->st.shadowed--;
	}
	if (want) {
		gicits_cmd_vmapti(&c, d->host_id, e, fv->vc[k].vpe, x->intid,
				  vpe_db(fh, fv->vc[k].vpe));
		fh_cmd(fh, fv, &c);
		x->on_host = 1;
		x->hvintid = x->intid;
		x->hvcpu = (uint16_t)k;
		fv->st.shadowed++;
	}
}

static void sync_all(struct gicits_vm *vm)
{
	unsigned i;
	uint32_t e;

	for (i = 0; i < vm->ndevs; i++) {
		struct fwd_dev *fd = vm->devs[i].fwd;

		if (!fd)
			continue;
		for (e = 0; e < fd->nev; e++)
			if (fd->ev[e].valid || fd->ev[e].on_host)
				sync_ev(vm, &vm->devs[i], e);
	}
}

/* The device's host mapping and mirror go (MAPD, unassign). */
static void dev_unmap(struct gicits_vm *vm, struct vm_dev *d)
{
	struct fwd_vm *fv = vm->fwd;
	struct fwd_dev *fd = d->fwd;
	struct gicits_cmd c;
	uint32_t e;

	if (!fd)
		return;
	if (fd->host_mapped) {
		for (e = 0; e < fd->nev; e++)
			if (fd->ev[e].on_host)
				fv->st.shadowed--;
		/* MAPD V=0 drops every host ITE of the device */
		gicits_cmd_mapd(&c, d->host_id, 0, 0, false);
		fh_cmd(fv->fh, fv, &c);
		fh_flush(fv->fh, fv);
		fh_free(fv->fh, fd->itt);
	}
	fv->mirror_bytes -= (uint64_t)fd->nev * sizeof(*fd->ev);
	free(fd->ev);
	memset(fd, 0, sizeof(*fd));
}

/*
 * The guest's ITT may already hold ITEs (a MAPD that reuses an ITT, which
 * IHI 0069 leaves UNPREDICTABLE and the vITS reads as it finds them):
 * the mirror takes them as the vITS will (ITE layout: <gicits/its.h>,
 * bytes 0..7 [47:16] pINTID, 0 = none, [15:0] ICID), @ite_size bytes
 * each, in chunks.
 */
static void mirror_itt(struct gicits_vm *vm, struct fwd_dev *fd, uint64_t itt)
{
	unsigned esz = vm->icfg.ite_size;
	uint8_t buf[64 * 16];
	uint32_t e = 0;

	while (e < fd->nev) {
		uint32_t n = fd->nev - e < 64 ? fd->nev - e : 64, i;

		if (gicits_mem_read(&vm->mem, itt + (uint64_t)e * esz, buf,
				    (size_t)n * esz))
			return; /* the vITS faults there too */
		for (i = 0; i < n; i++) {
			const uint8_t *p = buf + (size_t)i * esz;
			uint32_t intid = (uint32_t)p[2] | (uint32_t)p[3] << 8 |
					 (uint32_t)p[4] << 16 |
					 (uint32_t)p[5] << 24;

			if (!intid)
				continue;
			fd->ev[e + i].valid = 1;
			fd->ev[e + i].intid = intid;
			fd->ev[e + i].icid = (uint16_t)(p[0] | p[1] << 8);
		}
		e += n;
	}
}

/* Guest MAPD V=1 (Size = @bits - 1, ITT at @gitt) of assigned device @d;
 * @gitt 0: the ITT is not read (a restore fills the mirror itself). */
static void dev_map(struct gicits_vm *vm, struct vm_dev *d, unsigned bits,
		    uint64_t gitt)
{
	struct fwd_vm *fv = vm->fwd;
	struct gicits_vm_fwd_host *fh = fv->fh;
	struct fwd_dev *fd;
	struct gicits_cmd c;
	uint64_t n, bytes;

	if (!d->fwd) {
		d->fwd = calloc(1, sizeof(*d->fwd));
		if (!d->fwd)
			return;
	}
	fd = d->fwd;
	fd->mapped = true;
	/* beyond what the host shadows: the device stays emulated */
	if (bits > FWD_MAX_EVBITS || bits > fh->evbits ||
	    d->host_id >= fh->dt_entries)
		return;
	n = 1ull << bits;
	if (fv->mirror_bytes + n * sizeof(*fd->ev) > FWD_BUDGET)
		return;
	fd->ev = calloc((size_t)n, sizeof(*fd->ev));
	if (!fd->ev)
		return;
	bytes = (n * fh->ite_size + FH_ALIGN_ITT - 1) & ~(uint64_t)255;
	fd->itt = fh_alloc(fh, bytes, FH_ALIGN_ITT);
	if (!fd->itt) {
		free(fd->ev);
		fd->ev = NULL;
		return;
	}
	fd->nev = (uint32_t)n;
	fd->itt_bytes = bytes;
	fv->mirror_bytes += n * sizeof(*fd->ev);
	gicits_cmd_mapd(&c, d->host_id, bits - 1, fd->itt, true);
	fh_cmd(fh, fv, &c);
	fd->host_mapped = true;
	if (gitt) {
		uint32_t e;

		mirror_itt(vm, fd, gitt);
		for (e = 0; e < fd->nev; e++)
			if (fd->ev[e].valid)
				sync_ev(vm, d, e);
	}
}

/* A MAPC's RDbase as the vITS decoded it: a vCPU, or -1. */
static int32_t mapc_vcpu(const struct gicits_vm *vm, const struct gicits_cmd *c)
{
	uint64_t rd = gicits_cmd_get(c, GICITS_CMD_F_RDBASE);
	uint64_t stride = vm->gcfg.rd_stride ? vm->gcfg.rd_stride : 0x20000;

	if (vm->icfg.mapc_rdbase16)
		rd &= 0xFFFF;
	if (vm->icfg.pta) {
		uint64_t pa = rd << 16;

		if (pa < vm->gcfg.rd_base || (pa - vm->gcfg.rd_base) % stride)
			return -1;
		rd = (pa - vm->gcfg.rd_base) / stride;
	}
	return rd < vm->num_vcpus ? (int32_t)rd : -1;
}

/* One command the vITS executed without error. */
static void mirror_cmd(struct gicits_vm *vm, const struct gicits_cmd *c)
{
	struct fwd_vm *fv = vm->fwd;
	struct gicits_vm_fwd_host *fh = fv->fh;
	uint8_t op = (uint8_t)gicits_cmd_get(c, GICITS_CMD_F_OPCODE);
	uint32_t dev = (uint32_t)gicits_cmd_get(c, GICITS_CMD_F_DEVICEID);
	uint32_t e = (uint32_t)gicits_cmd_get(c, GICITS_CMD_F_EVENTID);
	uint32_t icid = (uint32_t)gicits_cmd_get(c, GICITS_CMD_F_ICID);
	struct gicits_cmd h;
	struct vm_dev *d = NULL;
	struct fwd_ev *x = NULL;
	unsigned k;

	switch (op) {
	case GICITS_CMD_MAPD:
	case GICITS_CMD_MAPTI:
	case GICITS_CMD_MAPI:
	case GICITS_CMD_MOVI:
	case GICITS_CMD_DISCARD:
	case GICITS_CMD_INV:
	case GICITS_CMD_INT:
		d = find_dev(vm, dev);
		if (!d)
			return; /* not an assigned device: emulated only */
		if (op != GICITS_CMD_MAPD) {
			if (!d->fwd || e >= d->fwd->nev)
				return;
			x = &d->fwd->ev[e];
		}
		break;
	default:
		break;
	}
	switch (op) {
	case GICITS_CMD_MAPD:
		dev_unmap(vm, d);
		if (gicits_cmd_get(c, GICITS_CMD_F_VALID))
			dev_map(vm, d,
				(unsigned)(c->dw[1] & 0x1F) + 1, /* Size */
				c->dw[2] & 0x000FFFFFFFFFFF00ull); /* ITT */
		break;
	case GICITS_CMD_MAPTI:
	case GICITS_CMD_MAPI:
		x->valid = 1;
		x->intid = op == GICITS_CMD_MAPI ?
				   e :
				   (uint32_t)gicits_cmd_get(
					   c, GICITS_CMD_F_PINTID);
		x->icid = (uint16_t)icid;
		sync_ev(vm, d, e);
		break;
	case GICITS_CMD_MOVI:
		x->icid = (uint16_t)icid;
		sync_ev(vm, d, e);
		break;
	case GICITS_CMD_DISCARD:
		x->valid = 0;
		sync_ev(vm, d, e);
		break;
	case GICITS_CMD_INV:
		if (x->on_host) {
			gicits_cmd_inv(&h, d->host_id, e);
			fh_cmd(fh, fv, &h);
		}
		break;
	case GICITS_CMD_MAPC:
		if (icid >= fv->ncoll)
			break;
		fv->coll[icid] = gicits_cmd_get(c, GICITS_CMD_F_VALID) ?
					 mapc_vcpu(vm, c) :
					 -1;
		sync_all(vm);
		break;
	case GICITS_CMD_INVALL:
		/* gicits's INVALL reloads every redistributor (cmd.c) */
		for (k = 0; k < vm->num_vcpus; k++) {
			gicits_cmd_vinvall(&h, fv->vc[k].vpe);
			fh_cmd(fh, fv, &h);
		}
		break;
	case GICITS_CMD_INT:
		/* the vITS made the LPI pending in the virtual redistributor;
		 * after the write it moves to the vPE (ints_to_host()), as
		 * KVM makes a forwarded vLPI pending through the host ITS.
		 * Not in the HPP caching model: there, whether an LPI made
		 * pending is seen before the next rescan depends on the
		 * state of the one cache it lands in, which the two sides do
		 * not share (the vITS's INT keeps the guest-visible order) */
		if (x->on_host && fv->nints < FWD_MAX_INTS && !fv->hpp) {
			fv->ints[fv->nints].guest_id = dev;
			fv->ints[fv->nints].event = e;
			fv->nints++;
		}
		break;
	default: /* CLEAR, SYNC, MOVALL: pending state, emulated */
		break;
	}
}

/*
 * After a guest ITS write (locks held): each INT on a shadowed event
 * whose LPI is still pending in the virtual redistributor of the event's
 * vCPU (a later CLEAR or DISCARD of the same write took it away, MOVI took
 * it along) becomes the host's INT on the host DeviceID: the same pending
 * LPI of the same vCPU, held by its vPE.
 */
static void ints_to_host(struct gicits_vm *vm)
{
	struct fwd_vm *fv = vm->fwd;
	struct gicits_cmd c;
	unsigned i;

	for (i = 0; i < fv->nints; i++) {
		struct vm_dev *d = find_dev(vm, fv->ints[i].guest_id);
		uint32_t e = fv->ints[i].event;
		struct fwd_ev *x;

		if (!d || !d->fwd || e >= d->fwd->nev)
			continue;
		x = &d->fwd->ev[e];
		if (!x->on_host ||
		    gicits_rdist_is_pending(vm->gic, x->hvcpu, x->hvintid) != 1)
			continue;
		gicits_rdist_write(vm->gic, x->hvcpu, GICITS_GICR_CLRLPIR, 8,
				   x->hvintid);
		gicits_cmd_int(&c, d->host_id, e);
		fh_cmd(fv->fh, fv, &c);
	}
	fv->nints = 0;
}

static void fwd_trace(void *opaque, const struct gicits_trace_record *r)
{
	struct gicits_vm *vm = opaque;
	struct fwd_vm *fv = vm->fwd;
	uint8_t b[GICITS_CMD_BYTES];
	struct gicits_cmd c;

	if (vm->user_trace)
		vm->user_trace(vm->user_trace_opaque, r);
	if (r->kind != GICITS_TRACE_COMMAND)
		return;
	/* the packet the vITS just executed, from the guest's queue
	 * (CBASER.Physical_Address [51:12]) */
	if (gicits_mem_read(&vm->mem,
			    (fv->cbaser & 0x000FFFFFFFFFF000ull) + r->offset, b,
			    sizeof(b)))
		return;
	gicits_cmd_from_bytes(&c, b);
	if ((uint8_t)gicits_cmd_get(&c, GICITS_CMD_F_OPCODE) != r->cmd)
		return; /* rewritten behind the vITS: not mirrored */
	mtx_lock(&fv->lock);
	mtx_lock(&fv->fh->lock);
	mirror_cmd(vm, &c);
	mtx_unlock(&fv->fh->lock);
	mtx_unlock(&fv->lock);
}

static uint64_t rd64(const struct gicits_mem *m, uint64_t pa);

/* ---- VM life ---- */

int fwd_vm_init(struct gicits_vm *vm, const struct gicits_vm_config *c)
{
	struct gicits_vm_fwd_host *fh = c->fwd;
	struct fwd_vm *fv;
	struct gicits_cmd cmd;
	unsigned k, free_vpes = 0, id;
	uint64_t vpt_bytes;

	if (!fh || c->fwd_guest_base + c->fwd_guest_size < c->fwd_guest_base)
		return GICITS_EINVAL;
	fv = calloc(1, sizeof(*fv));
	if (!fv)
		return GICITS_ENOMEM;
	fv->fh = fh;
	fv->gbase = c->fwd_guest_base;
	fv->gsize = c->fwd_guest_size;
	fv->hoff = c->fwd_host_offset;
	fv->ncoll = 1u << vm->icfg.cidbits;
	fv->hpp = vm->gcfg.lpi_cache == GICITS_LPI_CACHE_HPP;
	fv->vc = calloc(vm->num_vcpus, sizeof(*fv->vc));
	fv->coll = malloc(fv->ncoll * sizeof(*fv->coll));
	if (!fv->vc || !fv->coll || mtx_init(&fv->lock, mtx_plain)) {
		free(fv->vc);
		free(fv->coll);
		free(fv);
		return GICITS_ENOMEM;
	}
	for (id = 0; id < fv->ncoll; id++)
		fv->coll[id] = -1;
	vm->fwd = fv;
	mtx_lock(&fh->lock);
	for (id = 0; id < fh->cfg.max_vpes; id++)
		free_vpes += !fh->vpes[id].vm;
	if (free_vpes < vm->num_vcpus) {
		mtx_unlock(&fh->lock);
		fwd_vm_fini(vm);
		return GICITS_EINVAL;
	}
	vpt_bytes = (1ull << fh->vbits) / 8;
	for (k = 0, id = 0; k < vm->num_vcpus; k++) {
		struct fwd_vcpu *v = &fv->vc[k];

		while (fh->vpes[id].vm)
			id++;
		v->vpt = fh_alloc(fh, vpt_bytes, FH_ALIGN_VPT);
		if (!v->vpt)
			break;
		fh->vpes[id].vm = vm;
		fh->vpes[id].vcpu = k;
		v->vpe = (uint16_t)id;
		v->pcpu = NO_PCPU;
		v->want = NO_PCPU;
		v->mapped_rd = 0;
		gicits_cmd_vmapp(&cmd, v->vpe, 0, v->vpt, fh->vbits - 1, true);
		fh_cmd(fh, fv, &cmd);
	}
	fh_flush(fh, fv);
	mtx_unlock(&fh->lock);
	if (k < vm->num_vcpus) {
		fwd_vm_fini(vm);
		return GICITS_ENOMEM;
	}
	/* the vITS's commands come to the mirror (chaining the embedder's
	 * hook) */
	vm->user_trace = vm->icfg.trace;
	vm->user_trace_opaque = vm->icfg.trace_opaque;
	vm->icfg.trace = fwd_trace;
	vm->icfg.trace_opaque = vm;
	/* the MSI path tries the host ITS first (host.c) */
	vm->fwd_hits = fh->cfg.its;
	return GICITS_OK;
}

void fwd_vm_fini(struct gicits_vm *vm)
{
	struct fwd_vm *fv = vm->fwd;
	struct gicits_vm_fwd_host *fh;
	struct gicits_cmd c;
	unsigned k, i;

	if (!fv)
		return;
	fh = fv->fh;
	mtx_lock(&fv->lock);
	mtx_lock(&fh->lock);
	for (i = 0; i < vm->ndevs; i++) {
		dev_unmap(vm, &vm->devs[i]);
		free(vm->devs[i].fwd);
		vm->devs[i].fwd = NULL;
	}
	for (k = 0; k < vm->num_vcpus; k++) {
		struct fwd_vcpu *v = &fv->vc[k];

		if (!v->vpt)
			continue;
		vpe_deschedule(fh, v);
		gicits_cmd_vmapp(&c, v->vpe, 0, 0, 0, false);
		fh_cmd(fh, fv, &c);
		fh_flush(fh, fv);
		fh_free(fh, v->vpt);
		fh->vpes[v->vpe].vm = NULL;
	}
	mtx_unlock(&fh->lock);
	mtx_unlock(&fv->lock);
	mtx_destroy(&fv->lock);
	free(fv->vc);
	free(fv->coll);
	free(fv);
	vm->fwd = NULL;
	vm->fwd_hits = NULL;
	atomic_store_explicit(&vm->fwd_its_on, false, memory_order_relaxed);
}

void fwd_lock(struct gicits_vm *vm)
{
	mtx_lock(&vm->fwd->lock);
}

void fwd_unlock(struct gicits_vm *vm)
{
	mtx_unlock(&vm->fwd->lock);
}

/*
 * The guest's DTE for @id, walked from its device table (GITS_BASER0:
 * Valid [63], Indirect [62], Entry_Size [52:48], Page_Size [9:8],
 * Physical_Address, Size [7:0]; a level-1 entry is [63] Valid, [51:12]
 * the level-2 page; IHI 0069 GITS_BASER<n>), or 0.
 */
static uint64_t guest_dte(struct gicits_vm *vm, uint32_t id)
{
	uint64_t b = 0, pa, psize, esz, bytes, l1;

	gicits_its_mmio_read(vm->its, GICITS_GITS_BASER(0), 8, &b);
	if (!(b >> 63))
		return 0;
	switch (b >> 8 & 3) {
	case 0:
		psize = 0x1000;
		pa = b & 0xFFFFFFFFF000ull;
		break;
	case 1:
		psize = 0x4000;
		pa = b & 0xFFFFFFFFC000ull;
		break;
	default:
		psize = 0x10000;
		pa = (b & 0xFFFFFFFF0000ull) | (b >> 12 & 0xF) << 48;
		break;
	}
	esz = (b >> 48 & 31) + 1;
	bytes = ((b & 0xFF) + 1) * psize;
	if (b >> 62 & 1) {
		uint64_t per = psize / esz;

		if (id / per >= bytes / 8)
			return 0;
		l1 = rd64(&vm->mem, pa + id / per * 8);
		if (!(l1 >> 63))
			return 0;
		return rd64(&vm->mem,
			    (l1 & 0xFFFFFFFFFF000ull) + id % per * esz);
	}
	if (id >= bytes / esz)
		return 0;
	return rd64(&vm->mem, pa + id * esz);
}

/* A device assigned to a running VM (under the host's lock, not the
 * VM's: the DTE is read through the vITS, whose lock comes before it):
 * what the guest has mapped for it already is shadowed now (the vITS
 * enabled; its DTE and ITT as guest memory holds them). */
void fwd_dev_added(struct gicits_vm *vm, struct vm_dev *d)
{
	uint64_t dte;

	if (!atomic_load_explicit(&vm->fwd_its_on, memory_order_acquire))
		return;
	dte = guest_dte(vm, d->guest_id);
	if (!(dte >> 63))
		return;
	mtx_lock(&vm->fwd->lock);
	mtx_lock(&vm->fwd->fh->lock);
	if (!d->fwd || !d->fwd->mapped)
		dev_map(vm, d, (unsigned)(dte & 0x1F) + 1,
			(dte >> 5 & ((1ull << 44) - 1)) << 8);
	fh_flush(vm->fwd->fh, vm->fwd);
	mtx_unlock(&vm->fwd->fh->lock);
	mtx_unlock(&vm->fwd->lock);
}

void fwd_dev_gone(struct gicits_vm *vm, struct vm_dev *d)
{
	struct gicits_vm_fwd_host *fh = vm->fwd->fh;

	mtx_lock(&fh->lock);
	/* MAPD V=0 on the host: no host mapping is left for the device
	 * (another VM may get it next) */
	dev_unmap(vm, d);
	/* the caller drained the MSIs that found the device assigned */
	if (fh->ndevs && !--fh->ndevs)
		atomic_store_explicit(&fh->registry, NULL,
				      memory_order_relaxed);
	mtx_unlock(&fh->lock);
	free(d->fwd);
	d->fwd = NULL;
}

/* ---- traps ---- */

/* Does the queue from CREADR to @cwriter hold a command that moves or
 * clears pending state?  Bounded by the queue's size. */
static bool queue_moves_pending(struct gicits_vm *vm, uint64_t cwriter)
{
	uint64_t cbaser = 0, creadr = 0, size, base, rd;
	unsigned n;

	gicits_its_mmio_read(vm->its, GICITS_GITS_CBASER, 8, &cbaser);
	gicits_its_mmio_read(vm->its, GICITS_GITS_CREADR, 8, &creadr);
	if (!(cbaser >> 63))
		return false;
	size = ((cbaser & 0xFF) + 1) * 4096;
	base = cbaser & 0x000FFFFFFFFFF000ull;
	rd = creadr & 0xFFFE0;
	cwriter &= 0xFFFE0;
	if (cwriter >= size)
		return false;
	for (n = 0; rd != cwriter && n < size / GICITS_CMD_BYTES; n++) {
		uint8_t op;

		if (rd >= size)
			rd = 0;
		if (gicits_mem_read(&vm->mem, base + rd, &op, 1))
			return true; /* the vITS will stall there: be safe */
		switch (op) {
		case GICITS_CMD_DISCARD:
		case GICITS_CMD_CLEAR:
		case GICITS_CMD_MOVI:
		case GICITS_CMD_MOVALL:
		case GICITS_CMD_MAPC:
		case GICITS_CMD_MAPD:
			return true;
		default:
			break;
		}
		rd = rd + GICITS_CMD_BYTES == size ? 0 : rd + GICITS_CMD_BYTES;
	}
	return false;
}

/*
 * fv->lock and fh->lock held: the vITS is now enabled (@on) or not.  A
 * disabled vITS delivers nothing, so nothing may stay on the host, where
 * a device's MSI would find it (the embedder may send it straight to the
 * host ITS): the vPEs' pending vLPIs first go to the virtual
 * redistributors (disabling an ITS leaves pending LPIs pending), then
 * every host ITE goes (DISCARD: an ordering point, so no MSI delivers
 * through it after the flush).  Enabled again, the mirror (the guest's
 * mappings, which stayed in its tables) is shadowed again.  Bounded as
 * MAPC's reconciliation.
 */
static void its_on_locked(struct gicits_vm *vm, bool on)
{
	if (on == atomic_load_explicit(&vm->fwd_its_on, memory_order_relaxed))
		return;
	atomic_store_explicit(&vm->fwd_its_on, on, memory_order_release);
	if (!on)
		pull_all_locked(vm);
	sync_all(vm);
	fh_flush(vm->fwd->fh, vm->fwd);
}

int fwd_its_write(struct gicits_vm *vm, uint32_t off, unsigned size,
		  uint64_t val, uint32_t dev)
{
	struct fwd_vm *fv = vm->fwd;
	uint64_t cwriter = 0, ctlr = 0, cbaser = 0;
	int err;
	bool pull, queue = off == GICITS_GITS_CWRITER ||
			   off == GICITS_GITS_CTLR ||
			   off == GICITS_GITS_CREADR ||
			   off == GICITS_GITS_CWRITER + 4;

	if (off == GICITS_GITS_TRANSLATER)
		return gicits_its_mmio_write(vm->its, off, size, val, dev);
	/* the vITS's registers (and the queue) are read before @fv->lock
	 * is taken: the lock order is the vITS's lock, then @fv->lock
	 * (fwd_trace() runs under the former and takes the latter) */
	if (queue && off != GICITS_GITS_CWRITER)
		gicits_its_mmio_read(vm->its, GICITS_GITS_CWRITER, 8, &cwriter);
	else if (queue)
		cwriter = val;
	pull = queue && queue_moves_pending(vm, cwriter);
	gicits_its_mmio_read(vm->its, GICITS_GITS_CBASER, 8, &cbaser);
	mtx_lock(&fv->lock);
	if (pull) {
		mtx_lock(&fv->fh->lock);
		pull_all_locked(vm);
		mtx_unlock(&fv->fh->lock);
	}
	if (off == GICITS_GITS_CTLR && !(val & 1)) {
		/* disabling: unshadowed before the vITS stops, so that no
		 * MSI is delivered by the host once it has (until then the
		 * misses go to the enabled vITS) */
		mtx_lock(&fv->fh->lock);
		its_on_locked(vm, false);
		mtx_unlock(&fv->fh->lock);
	}
	fv->cbaser = cbaser;
	mtx_unlock(&fv->lock);
	/* the commands run here; fwd_trace() mirrors each */
	err = gicits_its_mmio_write(vm->its, off, size, val, dev);
	gicits_its_mmio_read(vm->its, GICITS_GITS_CTLR, 4, &ctlr);
	mtx_lock(&fv->lock);
	mtx_lock(&fv->fh->lock);
	/* what the vITS says now (a disabling write it refused, an
	 * enabling one) */
	its_on_locked(vm, ctlr & 1);
	ints_to_host(vm);
	fh_flush(fv->fh, fv);
	mtx_unlock(&fv->fh->lock);
	mtx_unlock(&fv->lock);
	return err;
}

/* Re-read what the vCPU's redistributor says about LPIs. */
static void vcpu_refresh(struct gicits_vm *vm, unsigned k)
{
	struct fwd_vm *fv = vm->fwd;
	struct fwd_vcpu *v = &fv->vc[k];
	uint64_t ctlr = 0, prop = 0, tbl;
	unsigned ib;

	gicits_rdist_read(vm->gic, k, GICITS_GICR_CTLR, 4, &ctlr);
	gicits_rdist_read(vm->gic, k, GICITS_GICR_PROPBASER, 8, &prop);
	ib = (unsigned)(prop & 0x1F) + 1;
	if (ib > gicits_gic_intid_bits(vm->gic))
		ib = gicits_gic_intid_bits(vm->gic);
	v->propbase = prop & 0x000FFFFFFFFFF000ull;
	v->idbits = ib;
	tbl = ib >= 14 ? (1ull << ib) - GICITS_LPI_BASE : 0;
	/* the host's VPROPBASER may only name the VM's own RAM */
	v->ok = (ctlr & 1) && tbl && v->propbase >= fv->gbase &&
		v->propbase - fv->gbase <= fv->gsize &&
		fv->gsize - (v->propbase - fv->gbase) >= tbl;
}

static void refresh_all_locked(struct gicits_vm *vm)
{
	struct fwd_vm *fv = vm->fwd;
	unsigned k;

	for (k = 0; k < vm->num_vcpus; k++) {
		struct fwd_vcpu *v = &fv->vc[k];
		uint64_t pb = v->propbase;
		unsigned ib = v->idbits;

		vcpu_refresh(vm, k);
		if (v->pcpu != NO_PCPU &&
		    (!v->ok || pb != v->propbase || ib != v->idbits))
			vpe_deschedule(fv->fh, v);
		vpe_schedule(vm, v);
	}
	sync_all(vm);
	fh_flush(fv->fh, fv);
}

int fwd_rdist_write(struct gicits_vm *vm, unsigned vcpu, uint32_t off,
		    unsigned size, uint64_t val)
{
	struct fwd_vm *fv = vm->fwd;
	uint32_t o = off & ~7u;
	bool lpis = o == GICITS_GICR_CTLR || o == GICITS_GICR_PROPBASER ||
		    o == GICITS_GICR_PENDBASER || o == GICITS_GICR_CLRLPIR;
	int err;

	if (vcpu >= vm->num_vcpus)
		return GICITS_ENOENT;
	mtx_lock(&fv->lock);
	mtx_lock(&fv->fh->lock);
	if (lpis)
		pull_all_locked(vm);
	err = gicits_rdist_write(vm->gic, vcpu, off, size, val);
	if (lpis) {
		refresh_all_locked(vm);
	} else if (o == GICITS_GICR_INVLPIR || o == GICITS_GICR_INVALLR) {
		struct gicits_cmd c;

		gicits_cmd_vinvall(&c, fv->vc[vcpu].vpe);
		fh_cmd(fv->fh, fv, &c);
		fh_flush(fv->fh, fv);
	}
	mtx_unlock(&fv->fh->lock);
	mtx_unlock(&fv->lock);
	return err;
}

/* Inside the host ITS's miss hook (fh_miss(), in the MSI's
 * announcement): the vITS is called unannounced (its/msi_in_flight.h),
 * and the host ITS's drains and the vITS's wait for the MSI as a whole.
 * Out of line: the host ITS delivers the common case. */
COLD_NOINLINE int fwd_msi_fallback(struct gicits_vm *vm, uint32_t guest_id,
				   uint32_t event_id)
{
	atomic_fetch_add_explicit(&vm->fwd->fallback_msis, 1,
				  memory_order_relaxed);
	return (int)its_msi_in_flight(vm->its, guest_id, event_id);
}

/* ---- the vCPU interface ----
 *
 * One interface, the virtual one: it holds the active priorities (so
 * that priority drop, preemption and a save see every acknowledged LPI,
 * wherever it was pending), and presents the best pending LPI of the
 * vCPU after the vPE has handed over what its host redistributor
 * signals: each vLPI the host's virtual CPU interface presents
 * (gicits_vcpu_ack(), then EOI: the host never keeps an active priority,
 * and its VPMR stays open) becomes pending in the virtual redistributor
 * (GICR_SETLPIR), which then decides with the guest's PMR, running
 * priority and configuration.  A vLPI the host does not signal (disabled,
 * or of the lowest priority) stays in the vPE until an INV, INVALL or
 * configuration change lets it through, as it would stay unsignalled in
 * the virtual redistributor.  A vCPU that is not loaded has its VPT
 * pulled instead.
 */

/* Locks held. */
static void drain_host(struct gicits_vm *vm, unsigned k)
{
	struct fwd_vm *fv = vm->fwd;
	struct fwd_vcpu *v = &fv->vc[k];
	unsigned n = 0;

	if (v->pcpu == NO_PCPU) {
		pull_vcpu(vm, k);
		return;
	}
	for (;;) {
		uint32_t id = GICITS_INTID_SPURIOUS;

		if (gicits_vcpu_ack(fv->fh->cfg.gic, (unsigned)v->pcpu, &id) ||
		    id == GICITS_INTID_SPURIOUS)
			break;
		gicits_vcpu_eoi(fv->fh->cfg.gic, (unsigned)v->pcpu, id);
		gicits_rdist_write(vm->gic, k, GICITS_GICR_SETLPIR, 8, id);
		n++;
	}
	fv->st.pulls += n;
}

uint32_t fwd_hppi(struct gicits_vm *vm, unsigned k)
{
	struct fwd_vm *fv = vm->fwd;
	uint32_t id;

	mtx_lock(&fv->lock);
	mtx_lock(&fv->fh->lock);
	drain_host(vm, k);
	mtx_unlock(&fv->fh->lock);
	id = gicits_cpu_hppi(vm->gic, k);
	mtx_unlock(&fv->lock);
	return id;
}

uint32_t fwd_ack(struct gicits_vm *vm, unsigned k)
{
	struct fwd_vm *fv = vm->fwd;
	uint32_t id;

	mtx_lock(&fv->lock);
	mtx_lock(&fv->fh->lock);
	drain_host(vm, k);
	mtx_unlock(&fv->fh->lock);
	id = gicits_cpu_ack(vm->gic, k);
	mtx_unlock(&fv->lock);
	return id;
}

/* ---- public entry points of forwarded mode ---- */

int gicits_vm_vcpu_load(struct gicits_vm *vm, unsigned vcpu, unsigned pcpu)
{
	struct fwd_vm *fv;
	int err = GICITS_OK;

	if (!vm)
		return GICITS_EINVAL;
	if (vcpu >= vm->num_vcpus)
		return GICITS_ENOENT;
	fv = vm->fwd;
	if (!fv)
		return GICITS_OK;
	if (pcpu >= fv->fh->npcpu)
		return GICITS_ENOENT;
	mtx_lock(&fv->lock);
	mtx_lock(&fv->fh->lock);
	fv->vc[vcpu].want = (int)pcpu;
	vcpu_refresh(vm, vcpu);
	vpe_schedule(vm, &fv->vc[vcpu]);
	if (fv->vc[vcpu].propbase && !fv->vc[vcpu].ok)
		err = GICITS_EFAULT;
	sync_all(vm);
	fh_flush(fv->fh, fv);
	mtx_unlock(&fv->fh->lock);
	mtx_unlock(&fv->lock);
	return err;
}

int gicits_vm_vcpu_put(struct gicits_vm *vm, unsigned vcpu)
{
	struct fwd_vm *fv;

	if (!vm)
		return GICITS_EINVAL;
	if (vcpu >= vm->num_vcpus)
		return GICITS_ENOENT;
	fv = vm->fwd;
	if (!fv)
		return GICITS_OK;
	mtx_lock(&fv->lock);
	mtx_lock(&fv->fh->lock);
	fv->vc[vcpu].want = NO_PCPU;
	vpe_deschedule(fv->fh, &fv->vc[vcpu]);
	mtx_unlock(&fv->fh->lock);
	mtx_unlock(&fv->lock);
	return GICITS_OK;
}

struct idlist {
	uint32_t *v;
	size_t n, cap;
	int err;
};

static int idlist_add(void *opaque, uint32_t intid)
{
	struct idlist *l = opaque;

	if (l->n == l->cap) {
		size_t nc = l->cap ? 2 * l->cap : 64;
		uint32_t *nv = realloc(l->v, nc * sizeof(*nv));

		if (!nv) {
			l->err = GICITS_ENOMEM;
			return 1;
		}
		l->v = nv;
		l->cap = nc;
	}
	l->v[l->n++] = intid;
	return 0;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

int gicits_vm_vcpu_pending_foreach(struct gicits_vm *vm, unsigned vcpu,
				   int (*fn)(void *opaque, uint32_t intid),
				   void *opaque)
{
	struct idlist l = { NULL, 0, 0, 0 };
	struct fwd_vm *fv;
	size_t i;
	int r = GICITS_OK;

	if (!vm || !fn)
		return GICITS_EINVAL;
	if (vcpu >= vm->num_vcpus)
		return GICITS_ENOENT;
	fv = vm->fwd;
	if (!fv)
		return gicits_rdist_pending_foreach(vm->gic, vcpu, fn, opaque);
	mtx_lock(&fv->lock);
	mtx_lock(&fv->fh->lock);
	gicits_rdist_pending_foreach(vm->gic, vcpu, idlist_add, &l);
	if (fv->vc[vcpu].pcpu != NO_PCPU)
		gicits_vcpu_pending_foreach(fv->fh->cfg.gic,
					    (unsigned)fv->vc[vcpu].pcpu,
					    idlist_add, &l);
	{ /* and what the VPT holds (a vPE not resident) */
		uint64_t bytes = (1ull << fv->fh->vbits) / 8, off;
		uint8_t buf[1024];

		for (off = 1024; off < bytes && !l.err; off += sizeof(buf)) {
			size_t len = bytes - off < sizeof(buf) ?
					     (size_t)(bytes - off) :
					     sizeof(buf);
			size_t j;
			unsigned b;

			if (gicits_mem_read(fv->fh->cfg.mem,
					    fv->vc[vcpu].vpt + off, buf, len))
				break;
			for (j = 0; j < len; j++)
				for (b = 0; buf[j] && b < 8; b++)
					if (buf[j] >> b & 1)
						idlist_add(&l,
							   (uint32_t)((off +
								       j) * 8 +
								      b));
		}
	}
	mtx_unlock(&fv->fh->lock);
	mtx_unlock(&fv->lock);
	if (l.err) {
		free(l.v);
		return l.err;
	}
	if (l.n)
		qsort(l.v, l.n, sizeof(*l.v), cmp_u32);
	for (i = 0; i < l.n && !r; i++)
		if (!i || l.v[i] != l.v[i - 1])
			r = fn(opaque, l.v[i]);
	free(l.v);
	return r;
}

int gicits_vm_fwd_stats(struct gicits_vm *vm, struct gicits_vm_fwd_stats *st)
{
	if (!vm || !st)
		return GICITS_EINVAL;
	memset(st, 0, sizeof(*st));
	if (!vm->fwd)
		return GICITS_OK;
	mtx_lock(&vm->fwd->lock);
	*st = vm->fwd->st;
	mtx_unlock(&vm->fwd->lock);
	st->fallback_msis = atomic_load_explicit(&vm->fwd->fallback_msis,
						 memory_order_relaxed);
	return GICITS_OK;
}

/*
 * The isolation invariant, read back from the host ITS's own tables in
 * host memory (their layouts: <gicits/its.h>): every host ITE in the ITT
 * of each of the VM's devices is one the mirror placed, naming one of the
 * VM's vPEs with the vINTID the mirror says; every other entry is zero.
 */
int gicits_vm_fwd_check(struct gicits_vm *vm)
{
	struct fwd_vm *fv;
	struct gicits_vm_fwd_host *fh;
	unsigned i, k;
	int err = GICITS_OK;

	if (!vm)
		return GICITS_EINVAL;
	fv = vm->fwd;
	if (!fv)
		return GICITS_OK;
	fh = fv->fh;
	mtx_lock(&fv->lock);
	mtx_lock(&fh->lock);
	for (i = 0; i < vm->ndevs && !err; i++) {
		struct fwd_dev *fd = vm->devs[i].fwd;
		uint32_t e;

		if (!fd || !fd->host_mapped)
			continue;
		for (e = 0; e < fd->nev && !err; e++) {
			uint8_t b[16] = { 0 };
			uint64_t w;
			uint32_t vword;
			const struct fwd_ev *x = &fd->ev[e];

			if (gicits_mem_read(fh->cfg.mem,
					    fd->itt +
						    (uint64_t)e * fh->ite_size,
					    b, fh->ite_size)) {
				err = GICITS_ESTATE;
				break;
			}
			memcpy(&w, b,
			       8); /* little-endian hosts (as the tests) */
			memcpy(&vword, b + 8, 4);
			if (!x->on_host) {
				if ((w >> 16 & 0xFFFFFFFF) && (vword >> 31))
					err = GICITS_ESTATE;
				continue;
			}
			if (!(vword >> 31) ||
			    (uint32_t)(w >> 16) != x->hvintid ||
			    (uint16_t)w != fv->vc[x->hvcpu].vpe ||
			    x->hvcpu >= vm->num_vcpus ||
			    fh->vpes[(uint16_t)w].vm != vm)
				err = GICITS_ESTATE;
		}
	}
	for (k = 0; k < vm->num_vcpus && !err; k++)
		if (fh->vpes[fv->vc[k].vpe].vm != vm ||
		    fh->vpes[fv->vc[k].vpe].vcpu != k)
			err = GICITS_ESTATE;
	mtx_unlock(&fh->lock);
	mtx_unlock(&fv->lock);
	return err;
}

/* ---- migration ---- */

static uint64_t rd64(const struct gicits_mem *m, uint64_t pa)
{
	uint8_t b[8];
	uint64_t v = 0;
	int i;

	if (gicits_mem_read(m, pa, b, 8))
		return 0;
	for (i = 7; i >= 0; i--)
		v = v << 8 | b[i];
	return v;
}

void fwd_reshadow_kvm(struct gicits_vm *vm, uint64_t dt_base, uint64_t dt_bytes,
		      uint64_t ct_base, uint64_t ct_bytes)
{
	struct fwd_vm *fv = vm->fwd;
	struct gicits_vm_fwd_host *fh = fv->fh;
	uint64_t off, ctlr = 0;
	unsigned i, k;

	gicits_its_mmio_read(vm->its, GICITS_GITS_CTLR, 4, &ctlr);
	mtx_lock(&fv->lock);
	mtx_lock(&fh->lock);
	/* the restored state replaces everything: drop the old shadow and
	 * whatever the vPEs held (the image's pending sets are the truth) */
	for (i = 0; i < vm->ndevs; i++)
		dev_unmap(vm, &vm->devs[i]);
	for (k = 0; k < vm->num_vcpus; k++) {
		struct fwd_vcpu *v = &fv->vc[k];

		vpe_deschedule(fh, v);
		fh_zero(fh, v->vpt, (1ull << fh->vbits) / 8);
	}
	for (i = 0; i < fv->ncoll; i++)
		fv->coll[i] = -1;
	/* the restored vITS's Enabled, before anything is shadowed */
	atomic_store_explicit(&vm->fwd_its_on, ctlr & 1, memory_order_release);
	/* KVM ABI rev 0 (Documentation/virt/kvm/devices/arm-vgic-its.rst):
	 * CTE [63] Valid [51:16] RDbase (the vCPU) [15:0] ICID; DTE [63]
	 * Valid [48:5] ITT_addr[51:8] [4:0] Size; ITE [47:16] pINTID (0:
	 * none) [15:0] ICID */
	for (off = 0; off + 8 <= ct_bytes; off += 8) {
		uint64_t w = rd64(&vm->mem, ct_base + off);
		uint64_t rd = w >> 16 & 0xFFFFFFFFFull;

		if (!(w >> 63))
			break;
		if ((w & 0xFFFF) < fv->ncoll && rd < vm->num_vcpus)
			fv->coll[w & 0xFFFF] = (int32_t)rd;
	}
	for (i = 0; i < vm->ndevs; i++) {
		struct vm_dev *d = &vm->devs[i];
		uint64_t dte, itt;
		uint32_t e;

		if ((uint64_t)d->guest_id * 8 + 8 > dt_bytes)
			continue;
		dte = rd64(&vm->mem, dt_base + (uint64_t)d->guest_id * 8);
		if (!(dte >> 63))
			continue;
		dev_map(vm, d, (unsigned)(dte & 0x1F) + 1, 0);
		if (!d->fwd || !d->fwd->nev)
			continue;
		itt = (dte >> 5 & ((1ull << 44) - 1)) << 8;
		for (e = 0; e < d->fwd->nev; e++) {
			uint64_t ite = rd64(&vm->mem, itt + (uint64_t)e * 8);
			struct fwd_ev *x = &d->fwd->ev[e];

			if (!(ite >> 16 & 0xFFFFFFFF))
				continue;
			x->valid = 1;
			x->intid = (uint32_t)(ite >> 16);
			x->icid = (uint16_t)ite;
		}
	}
	fh_flush(fh, fv);
	refresh_all_locked(vm);
	mtx_unlock(&fh->lock);
	gicits_its_mmio_read(vm->its, GICITS_GITS_CBASER, 8, &fv->cbaser);
	mtx_unlock(&fv->lock);
}
