/* SPDX-License-Identifier: BSD-2-Clause */
/* The guest GIC driver of guest.h. */
#include "guest.h"

#include <stdlib.h>
#include <string.h>

#include "gicits/error.h"
#include "gicits/its.h"
#include "gicits/rdist.h"

#define TG_PROP TG_RAM
#define TG_PEND(k) (TG_RAM + 0x10000ULL * (1 + (k)))
#define TG_DT (TG_RAM + 0x100000ULL)
#define TG_CT (TG_RAM + 0x110000ULL)
#define TG_CQ (TG_RAM + 0x120000ULL)
#define TG_CQ_BYTES 4096u
#define TG_ITT(dev) (TG_RAM + 0x200000ULL + 512ULL * ((dev)&0x3FF))
#define TG_VALID (1ULL << 63)

const struct gicits_kvm_tables tg_kvm_tables = {
	.dt_base = TG_KVM,
	.dt_bytes = 0x2000, /* 2^TG_DEVBITS 8-byte DTEs */
	.ct_base = TG_KVM + 0x10000,
	.ct_bytes = 0x2000,
	.itt_base = TG_KVM + 0x20000,
	.itt_bytes = 0xE0000,
};

static int its_w64(struct tg *g, uint32_t off, uint64_t v)
{
	return gicits_vm_its_mmio_write(g->vm, off, 8, v, 0);
}

static uint64_t its_r64(struct tg *g, uint32_t off)
{
	uint64_t v = 0;

	gicits_vm_its_mmio_read(g->vm, off, 8, &v);
	return v;
}

/* What a guest's GICv3 driver does at boot, per vCPU: wake the
 * redistributor, point it at the LPI configuration and its pending table,
 * set EnableLPIs (IHI0069 5.1: PROPBASER/PENDBASER before EnableLPIs). */
static int boot_rdist(struct tg *g, unsigned k)
{
	int err = gicits_vm_rdist_write(g->vm, k, GICITS_GICR_WAKER, 4, 0);

	if (!err)
		err = gicits_vm_rdist_write(g->vm, k, GICITS_GICR_PROPBASER, 8,
					    TG_PROP | (TG_IDBITS - 1));
	if (!err)
		err = gicits_vm_rdist_write(g->vm, k, GICITS_GICR_PENDBASER, 8,
					    TG_PEND(k));
	if (!err)
		err = gicits_vm_rdist_write(g->vm, k, GICITS_GICR_CTLR, 4, 1);
	if (!err)
		err = gicits_vm_vcpu_set_pmr(g->vm, k, 0xff);
	return err;
}

/* BASER0: devices, 2 flat 4 KB pages; BASER1: collections, one page; the
 * command queue; then GITS_CTLR.Enabled. */
static int boot_its(struct tg *g)
{
	int err = its_w64(g, GICITS_GITS_BASER(0),
			  its_r64(g, GICITS_GITS_BASER(0)) | TG_VALID | TG_DT |
				  1);

	if (!err)
		err = its_w64(g, GICITS_GITS_BASER(1),
			      its_r64(g, GICITS_GITS_BASER(1)) | TG_VALID |
				      TG_CT);
	if (!err)
		err = its_w64(g, GICITS_GITS_CBASER, TG_VALID | TG_CQ);
	if (!err)
		err = its_w64(g, GICITS_GITS_CWRITER, 0);
	if (!err)
		err = gicits_vm_its_mmio_write(g->vm, GICITS_GITS_CTLR, 4, 1,
					       0);
	return err;
}

int tg_alloc(struct tg *g)
{
	memset(g, 0, sizeof(*g));
	g->ram = calloc(1, TG_RAM_SIZE);
	if (!g->ram)
		return GICITS_ENOMEM;
	gicits_mem_init(&g->mem, NULL, NULL);
	return gicits_mem_add_direct(&g->mem, TG_RAM, TG_RAM_SIZE, g->ram);
}

int tg_create(struct tg *g, const struct gicits_vm_config *vc, unsigned nvcpu,
	      unsigned max_devices)
{
	int err = tg_alloc(g);

	if (err) {
		tg_destroy(g);
		return err;
	}
	return tg_create_vm(g, vc, nvcpu, max_devices);
}

int tg_create_vm(struct tg *g, const struct gicits_vm_config *vc,
		 unsigned nvcpu, unsigned max_devices)
{
	struct gicits_vm_config c;
	struct gicits_its_config ic;
	struct gicits_gic_config gc;
	unsigned k;
	int err;

	if (!g->ram || nvcpu == 0 || nvcpu > TG_MAX_VCPUS) {
		err = GICITS_EINVAL;
		goto fail;
	}
	if (vc)
		c = *vc;
	else
		gicits_vm_config_default(&c);
	gicits_its_config_default(&ic);
	gicits_gic_config_default(&gc);
	ic.devbits = TG_DEVBITS;
	gc.intid_bits = TG_IDBITS;
	c.num_vcpus = nvcpu;
	c.its = &ic;
	c.gic = &gc;
	c.max_devices = max_devices;
	err = gicits_vm_create(&c, &g->mem, &g->vm);
	if (err)
		goto fail;
	memset(g->ram + (TG_PROP - TG_RAM), 0xA3, (1u << TG_IDBITS) - 8192);
	for (k = 0; k < nvcpu && !err; k++)
		err = boot_rdist(g, k);
	if (!err)
		err = boot_its(g);
	if (!err)
		return GICITS_OK;
fail:
	tg_destroy(g);
	return err;
}

void tg_destroy(struct tg *g)
{
	gicits_vm_destroy(g->vm);
	free(g->ram);
	memset(g, 0, sizeof(*g));
}

int tg_cmd(struct tg *g, const struct gicits_cmd *c)
{
	gicits_cmd_to_bytes(c, g->ram + (TG_CQ - TG_RAM) + g->cw);
	g->cw = (g->cw + GICITS_CMD_BYTES) % TG_CQ_BYTES;
	return its_w64(g, GICITS_GITS_CWRITER, g->cw);
}

int tg_mapd(struct tg *g, uint32_t dev)
{
	struct gicits_cmd c;

	gicits_cmd_mapd(&c, dev, 4, TG_ITT(dev), true); /* 2^(4+1) events */
	return tg_cmd(g, &c);
}

int tg_mapc(struct tg *g, uint16_t icid, unsigned cpu)
{
	struct gicits_cmd c;

	gicits_cmd_mapc(&c, icid, cpu, true); /* GITS_TYPER.PTA = 0 */
	return tg_cmd(g, &c);
}

int tg_mapti(struct tg *g, uint32_t dev, uint32_t ev, uint32_t intid,
	     uint16_t icid)
{
	struct gicits_cmd c;

	gicits_cmd_mapti(&c, dev, ev, intid, icid);
	return tg_cmd(g, &c);
}

int tg_sync(struct tg *g)
{
	struct gicits_cmd c;

	gicits_cmd_sync(&c, 0);
	return tg_cmd(g, &c);
}

unsigned tg_cmd_errors(struct tg *g)
{
	struct gicits_its_status st;

	if (gicits_its_status(gicits_vm_its(g->vm), &st))
		return 1;
	return (unsigned)st.errors + (st.stalled ? 1u : 0u);
}

static int count_one(void *opaque, uint32_t intid)
{
	(void)intid;
	++*(unsigned *)opaque;
	return 0;
}

unsigned tg_npending(struct tg *g)
{
	unsigned n = 0, k;

	for (k = 0; k < gicits_vm_num_vcpus(g->vm); k++)
		gicits_rdist_pending_foreach(gicits_vm_gic(g->vm), k, count_one,
					     &n);
	return n;
}

unsigned tg_ack_all(struct tg *g,
		    void (*seen)(void *opaque, unsigned vcpu, uint32_t intid),
		    void *opaque)
{
	unsigned n = 0, k;

	for (k = 0; k < gicits_vm_num_vcpus(g->vm); k++) {
		uint32_t id;

		while ((id = gicits_vm_vcpu_ack(g->vm, k)) !=
		       GICITS_INTID_SPURIOUS) {
			gicits_vm_vcpu_eoi(g->vm, k, id);
			if (seen)
				seen(opaque, k, id);
			n++;
		}
	}
	return n;
}
