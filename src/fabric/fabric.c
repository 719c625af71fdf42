/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Building a fabric from a topology: count what the graph holds, lay out
 * the RAM and the doorbell frames, create the gic, the ITSes, the SMMUv3s
 * and the translators, and boot them the way firmware and an OS would
 * (redistributors with LPIs enabled, ITSes enabled with empty tables,
 * SMMUs left at reset so GBPA decides, translators programmed).
 */
#include <stdlib.h>
#include <string.h>

#include "gicits/cmd.h"
#include "gicits/error.h"
#include "fabric/fabric_internal.h"

/* GITS_BASER / CBASER / GICR_PENDBASER bits (IHI 0069H.b 12.19) */
#define BASER_VALID (1ULL << 63)
#define BASER_INDIRECT (1ULL << 62)
#define BASER_PAGE_64K (2ULL << 8)
#define PENDBASER_PTZ (1ULL << 62)
#define CQ_PAGES 16u /* CBASER.Size + 1 4 KiB pages: 2048 commands */

void gicits_fabric_config_default(struct gicits_fabric_config *cfg)
{
	if (!cfg)
		return;
	memset(cfg, 0, sizeof(*cfg));
	cfg->size = sizeof(*cfg);
	cfg->num_cpus = 4;
	cfg->its_devbits = 24;
	cfg->its_base = 0x08000000ULL;
	cfg->ram_base = 0x40000000ULL;
	cfg->ram_extra = 16ULL << 20;
}

static uint64_t align_up(uint64_t v, uint64_t a)
{
	return (v + a - 1) & ~(a - 1);
}

int fabric_ram_alloc(struct gicits_fabric *f, uint64_t size, uint64_t align,
		     uint64_t *gpa)
{
	uint64_t off = align_up(f->ram_next, align);

	if (off > f->ram_size || size > f->ram_size - off)
		return GICITS_ENOMEM;
	f->ram_next = off + size;
	*gpa = f->cfg.ram_base + off;
	return GICITS_OK;
}

int gicits_fabric_alloc(struct gicits_fabric *f, uint64_t size, uint64_t align,
			uint64_t *gpa, void **host)
{
	int err;

	if (!f || !gpa || !size)
		return GICITS_EINVAL;
	if (!align)
		align = 8;
	if (align & (align - 1) || align > (1ULL << 30))
		return GICITS_EINVAL;
	err = fabric_ram_alloc(f, size, align, gpa);
	if (!err && host)
		*host = f->ram + (*gpa - f->cfg.ram_base);
	return err;
}

int fabric_decode(const struct gicits_fabric *f, uint64_t pa)
{
	uint64_t off, k;

	if (pa < f->cfg.its_base)
		return -1;
	off = pa - f->cfg.its_base;
	k = off / GICITS_FABRIC_FRAME_SIZE;
	/* Only GITS_TRANSLATER is a doorbell: a write to another offset of
	 * the frame is a register access, not an MSI (IHI 0069 8.19). */
	if (k >= (uint64_t)f->n_frames ||
	    off % GICITS_FABRIC_FRAME_SIZE != GICITS_FABRIC_DOORBELL_OFFSET)
		return -1;
	return f->frame_node[k];
}

static int node_info(const struct gicits_fabric *f, int i,
		     struct gicits_topo_node *n)
{
	return gicits_topo_node(f->topo, i, n);
}

/* The MSI controller and DeviceID a source's own ID @index resolves to,
 * when that controller has a frame. */
static int own_msi(const struct gicits_fabric *f, int node, int index,
		   int *ctrl, uint32_t *device_id)
{
	struct gicits_topo_result r;

	if (gicits_topo_own(f->topo, node, index, &r))
		return -1;
	if (r.msi_node < 0 || r.msi_status != GICITS_TOPO_OK ||
	    r.msi_node >= f->n_nodes || !f->nodes[r.msi_node].frame)
		return -1;
	*ctrl = r.msi_node;
	*device_id = r.device_id;
	return 0;
}

/* ---- booting --------------------------------------------------------- */

static int boot_rdists(struct gicits_fabric *f)
{
	uint64_t prop_bytes = (1ULL << FABRIC_INTID_BITS) - GICITS_LPI_BASE;
	unsigned cpu;
	int err;

	err = fabric_ram_alloc(f, prop_bytes, FABRIC_PAGE, &f->prop);
	for (cpu = 0; !err && cpu < f->cfg.num_cpus; cpu++) {
		uint64_t pend;

		/* GICR_PENDBASER: 64 KiB aligned, 2^IDbits / 8 bytes */
		err = fabric_ram_alloc(f, (1ULL << FABRIC_INTID_BITS) / 8,
				       FABRIC_PAGE, &pend);
		/* a sleeping PE's redistributor signals nothing
		 * (GICR_WAKER.ProcessorSleep resets to 1) */
		if (!err)
			err = gicits_rdist_write(f->gic, cpu, GICITS_GICR_WAKER,
						 4, 0);
		if (!err)
			err = gicits_rdist_write(
				f->gic, cpu, GICITS_GICR_PROPBASER, 8,
				f->prop | (FABRIC_INTID_BITS - 1));
		if (!err)
			err = gicits_rdist_write(f->gic, cpu,
						 GICITS_GICR_PENDBASER, 8,
						 pend | PENDBASER_PTZ);
		if (!err)
			err = gicits_rdist_write(f->gic, cpu, GICITS_GICR_CTLR,
						 4, 1);
		if (!err)
			err = gicits_cpu_set_pmr(f->gic, cpu, 0xff);
	}
	return err;
}

static int boot_its(struct gicits_fabric *f, struct fnode *fn)
{
	struct fabric_its_state *is = fn->is;
	int err;

	/* Device table: two-level with 64 KiB pages, so an empty table costs
	 * one level-1 page (8192 entries of 8192 DeviceIDs each, 2^26, which
	 * is why its_devbits stops at 26).  Every level-1 entry is invalid:
	 * the empty mapping. */
	err = fabric_ram_alloc(f, FABRIC_PAGE, FABRIC_PAGE, &is->dt_l1);
	if (!err)
		err = fabric_ram_alloc(f, FABRIC_PAGE, FABRIC_PAGE, &is->ct);
	if (!err)
		err = fabric_ram_alloc(f, CQ_PAGES * 4096ULL, FABRIC_PAGE,
				       &is->cq);
	if (!err)
		err = gicits_its_mmio_write(fn->its, GICITS_GITS_BASER(0), 8,
					    BASER_VALID | BASER_INDIRECT |
						    BASER_PAGE_64K | is->dt_l1,
					    0);
	if (!err)
		err = gicits_its_mmio_write(
			fn->its, GICITS_GITS_BASER(1), 8,
			BASER_VALID | BASER_PAGE_64K | is->ct, 0);
	if (!err)
		err = gicits_its_mmio_write(
			fn->its, GICITS_GITS_CBASER, 8,
			BASER_VALID | is->cq | (CQ_PAGES - 1), 0);
	if (!err)
		err = gicits_its_mmio_write(fn->its, GICITS_GITS_CWRITER, 8, 0,
					    0);
	if (!err)
		err = gicits_its_mmio_write(fn->its, GICITS_GITS_CTLR, 4, 1, 0);
	return err;
}

static int make_its(struct gicits_fabric *f, struct fnode *fn)
{
	struct gicits_its_config c;
	int err;

	gicits_its_config_default(&c);
	c.devbits = f->cfg.its_devbits;
	/* the fabric's own hook: it records the LPI of the delivery being
	 * carried and forwards the record to the embedder's hook */
	c.trace = fabric_its_trace;
	c.trace_opaque = f;
	fn->is = calloc(1, sizeof(*fn->is));
	if (!fn->is)
		return GICITS_ENOMEM;
	err = gicits_its_create(&c, f->gic, &f->mem, &fn->its);
	if (!err)
		err = boot_its(f, fn);
	return err;
}

static int make_iommu(struct gicits_fabric *f, int node, struct fnode *fn)
{
	struct gicits_iommu_config c;
	uint32_t devid;
	int ctrl;

	gicits_iommu_config_default(&c);
	/* StreamIDs come from firmware maps and may use all 32 bits; the
	 * stream table is two-level, so this costs nothing until software
	 * programs it (IHI 0070 IDR1.SIDSIZE). */
	c.sidsize = 32;
	c.gbpa_abort_reset = f->cfg.smmu_abort;
	if (!own_msi(f, node, 0, &ctrl, &devid))
		c.device_id = devid;
	c.msi_write = fabric_iommu_msi;
	c.msi_ctx = f;
	c.trace = f->cfg.trace;
	c.trace_opaque = f->cfg.trace_opaque;
	return gicits_iommu_create(&c, &f->mem, &fn->iommu);
}

static int make_xlat(struct gicits_fabric *f, int node, struct fnode *fn,
		     const struct gicits_topo_node *n)
{
	struct gicits_xlat_config c;
	struct gicits_xlat_entry *tab = NULL;
	struct gicits_xlat_child child;
	uint64_t db;
	uint32_t devid, w;
	int ctrl, err;

	if (own_msi(f, node, 0, &ctrl, &devid))
		return GICITS_OK; /* no MSI domain: a translator to nowhere */
	gicits_fabric_doorbell(f, ctrl, &db);
	gicits_xlat_config_default(&c);
	c.msi_write = fabric_xlat_msi;
	c.msi_ctx = f;
	c.trace = f->cfg.trace;
	c.trace_opaque = f->cfg.trace_opaque;
	if (gicits_topo_source(f->topo) == GICITS_TOPO_SRC_DT) {
		/* an mbigen child: its pins follow pin 63 (binding: 64..1407);
		 * num-pins past what the chip can hold is cut to fit */
		uint32_t room =
			GICITS_MBIGEN_MAX_PIN - GICITS_MBIGEN_FIRST_PIN + 1;

		if (!n->num_pins)
			return GICITS_OK;
		fn->wires = n->num_pins < room ? n->num_pins : room;
		fn->first_pin = GICITS_MBIGEN_FIRST_PIN;
		child.device_id = devid;
		child.first_pin = fn->first_pin;
		child.num_pins = fn->wires;
		c.kind = GICITS_XLAT_MBIGEN;
		c.doorbell_pa = db;
		c.children = &child;
		c.num_children = 1;
	} else {
		/* an IORT IWB: the table gives no wire count the topology
		 * exposes; 32 wires, documented in docs/fabric.md */
		fn->wires = n->num_pins ? n->num_pins : 32;
		if (fn->wires > GICITS_XLAT_MAX_WIRES)
			fn->wires = GICITS_XLAT_MAX_WIRES;
		tab = calloc(fn->wires, sizeof(*tab));
		if (!tab)
			return GICITS_ENOMEM;
		for (w = 0; w < fn->wires; w++) {
			tab[w].valid = true;
			tab[w].device_id = devid;
			tab[w].event_id = w;
			tab[w].doorbell_pa = db;
		}
		c.kind = GICITS_XLAT_TABLE;
		c.table = tab;
		c.table_len = fn->wires;
	}
	err = gicits_xlat_create(&c, &fn->xlat);
	free(tab);
	/* mbigen: VEC(pin) holds the EventID (spec B.1); the wire number,
	 * as a driver allocating EventIDs in order would program it.  The
	 * VEC field holds 10 bits: wires past 1023 share EventIDs. */
	for (w = 0; !err && c.kind == GICITS_XLAT_MBIGEN && w < fn->wires; w++)
		err = gicits_xlat_write(
			fn->xlat, gicits_mbigen_vec_offset(fn->first_pin + w),
			4,
			((uint64_t)w << GICITS_MBIGEN_VEC_EVENT_SHIFT) &
				GICITS_MBIGEN_VEC_EVENT_MASK);
	return err;
}

/* ---- create / destroy ------------------------------------------------- */

void gicits_fabric_destroy(struct gicits_fabric *f)
{
	int i;

	if (!f)
		return;
	for (i = 0; f->nodes && i < f->n_nodes; i++) {
		gicits_its_destroy(f->nodes[i].its);
		free(f->nodes[i].is);
		gicits_iommu_destroy(f->nodes[i].iommu);
		gicits_xlat_destroy(f->nodes[i].xlat);
	}
	gicits_gic_destroy(f->gic);
	free(f->nodes);
	free(f->frame_node);
	free(f->ram);
	gicits_topo_free(f->own_topo);
	free(f);
}

static int check_config(const struct gicits_fabric_config *c)
{
	if (c->num_cpus < 1 || c->num_cpus > 64 || c->its_devbits < 1 ||
	    c->its_devbits > 26 || c->ram_extra > (1ULL << 30) ||
	    c->its_base % FABRIC_PAGE || c->ram_base % FABRIC_PAGE ||
	    c->its_base > UINT64_MAX / 2 || c->ram_base > UINT64_MAX / 2)
		return GICITS_EINVAL;
	return GICITS_OK;
}

/* The frames and the RAM must not overlap: a doorbell write would land in
 * a table. */
static int check_layout(const struct gicits_fabric *f)
{
	uint64_t fb = f->cfg.its_base, rb = f->cfg.ram_base;
	uint64_t fe = fb + (uint64_t)(f->n_frames ? f->n_frames : 1) *
				   GICITS_FABRIC_FRAME_SIZE;

	return fb < rb + f->ram_size && rb < fe ? GICITS_EINVAL : GICITS_OK;
}

int gicits_fabric_create(const struct gicits_topo *t,
			 const struct gicits_fabric_config *cfg,
			 struct gicits_fabric **out)
{
	struct gicits_fabric_config def;
	struct gicits_gic_config gc;
	struct gicits_fabric *f;
	unsigned n_its = 0, n_iommu = 0, n_xlat = 0;
	int i, n, err;

	if (!t || !out)
		return GICITS_EINVAL;
	*out = NULL;
	n = gicits_topo_node_count(t);
	if (n <= 0)
		return GICITS_EINVAL;
	if (!cfg) {
		gicits_fabric_config_default(&def);
		cfg = &def;
	}
	if (cfg->size == 0 || cfg->size > sizeof(*cfg))
		return GICITS_EINVAL;
	f = calloc(1, sizeof(*f));
	if (!f)
		return GICITS_ENOMEM;
	gicits_fabric_config_default(&f->cfg);
	memcpy(&f->cfg, cfg, cfg->size);
	f->cfg.size = sizeof(f->cfg);
	f->topo = t;
	f->cur_node = -1;
	f->n_nodes = n;
	f->nodes = calloc((size_t)n, sizeof(*f->nodes));
	f->frame_node = calloc((size_t)n, sizeof(*f->frame_node));
	if (!f->nodes || !f->frame_node) {
		gicits_fabric_destroy(f);
		return GICITS_ENOMEM;
	}
	/* Count and assign frames first: a translator's or SMMU's own MSIs
	 * need the doorbell of a controller that may come later in node
	 * order. */
	for (i = 0; i < n; i++) {
		struct gicits_topo_node tn;

		node_info(f, i, &tn);
		switch (tn.type) {
		case GICITS_TOPO_ITS:
		case GICITS_TOPO_MSI_OTHER:
			f->nodes[i].kind = tn.type == GICITS_TOPO_ITS ?
						   FN_ITS :
						   FN_MSI_OTHER;
			n_its += tn.type == GICITS_TOPO_ITS;
			/* frame numbers start at 1 in @frame so that 0 means
			 * none; the address uses frame - 1 */
			f->frame_node[f->n_frames] = i;
			f->nodes[i].frame = ++f->n_frames;
			break;
		case GICITS_TOPO_SMMUV3:
			f->nodes[i].kind = FN_IOMMU;
			n_iommu++;
			break;
		case GICITS_TOPO_WIRE_BRIDGE:
			f->nodes[i].kind = FN_XLAT;
			n_xlat++;
			break;
		default:
			break;
		}
	}
	err = check_config(&f->cfg);
	if (!err && ((unsigned)f->n_frames > GICITS_FABRIC_MAX_MSI_CTRL ||
		     n_iommu > GICITS_FABRIC_MAX_IOMMU ||
		     n_xlat > GICITS_FABRIC_MAX_XLAT))
		err = GICITS_ERANGE;
	if (err) {
		gicits_fabric_destroy(f);
		return err;
	}
	/* RAM: LPI configuration + pending tables, three 64 KiB pages per
	 * ITS, slack for alignment, and the embedder's share. */
	f->ram_size = FABRIC_PAGE * (2 + (uint64_t)f->cfg.num_cpus +
				     (uint64_t)(CQ_PAGES / 16 + 2) * n_its) +
		      f->cfg.ram_extra;
	err = check_layout(f);
	if (err) {
		gicits_fabric_destroy(f);
		return err;
	}
	f->ram = calloc(1, f->ram_size);
	if (!f->ram) {
		gicits_fabric_destroy(f);
		return GICITS_ENOMEM;
	}
	err = gicits_mem_init(&f->mem, NULL, NULL);
	if (!err)
		err = gicits_mem_add_direct(&f->mem, f->cfg.ram_base,
					    f->ram_size, f->ram);
	gicits_gic_config_default(&gc);
	gc.num_cpus = f->cfg.num_cpus;
	gc.intid_bits = FABRIC_INTID_BITS;
	gc.trace = f->cfg.trace;
	gc.trace_opaque = f->cfg.trace_opaque;
	if (!err)
		err = gicits_gic_create(&gc, &f->mem, &f->gic);
	if (!err)
		err = boot_rdists(f);
	for (i = 0; !err && i < n; i++) {
		struct gicits_topo_node tn;

		node_info(f, i, &tn);
		if (f->nodes[i].kind == FN_ITS)
			err = make_its(f, &f->nodes[i]);
		else if (f->nodes[i].kind == FN_IOMMU)
			err = make_iommu(f, i, &f->nodes[i]);
		else if (f->nodes[i].kind == FN_XLAT)
			err = make_xlat(f, i, &f->nodes[i], &tn);
	}
	if (err) {
		gicits_fabric_destroy(f);
		return err;
	}
	*out = f;
	return GICITS_OK;
}

int gicits_fabric_create_blob(const void *blob, size_t len, const void *madt,
			      size_t madt_len,
			      const struct gicits_fabric_config *cfg,
			      struct gicits_fabric **out, const char **err)
{
	struct gicits_topo *t = NULL;
	static const char *const none = "";
	int rc;

	if (err)
		*err = none;
	if (!blob || !out)
		return GICITS_EINVAL;
	*out = NULL;
	rc = gicits_topo_create(&t);
	if (rc)
		return rc;
	rc = gicits_topo_load(t, blob, len);
	if (!rc && madt)
		rc = gicits_topo_load_madt(t, madt, madt_len);
	if (rc) {
		/* the message lives in the topology, which is freed: say
		 * what kind of failure it was instead */
		if (err)
			*err = gicits_strerror(rc);
		gicits_topo_free(t);
		return rc;
	}
	rc = gicits_fabric_create(t, cfg, out);
	if (rc) {
		gicits_topo_free(t);
		return rc;
	}
	(*out)->own_topo = t;
	return GICITS_OK;
}

/* ---- accessors --------------------------------------------------------- */

static const struct fnode *fnode_of(const struct gicits_fabric *f, int node)
{
	if (!f || node < 0 || node >= f->n_nodes)
		return NULL;
	return &f->nodes[node];
}

const struct gicits_topo *gicits_fabric_topo(const struct gicits_fabric *f)
{
	return f ? f->topo : NULL;
}

struct gicits_gic *gicits_fabric_gic(const struct gicits_fabric *f)
{
	return f ? f->gic : NULL;
}

const struct gicits_mem *gicits_fabric_mem(const struct gicits_fabric *f)
{
	return f ? &f->mem : NULL;
}

struct gicits_its *gicits_fabric_its(const struct gicits_fabric *f, int node)
{
	const struct fnode *fn = fnode_of(f, node);

	return fn ? fn->its : NULL;
}

struct gicits_iommu *gicits_fabric_iommu(const struct gicits_fabric *f,
					 int node)
{
	const struct fnode *fn = fnode_of(f, node);

	return fn ? fn->iommu : NULL;
}

struct gicits_xlat *gicits_fabric_xlat(const struct gicits_fabric *f, int node)
{
	const struct fnode *fn = fnode_of(f, node);

	return fn ? fn->xlat : NULL;
}

int gicits_fabric_doorbell(const struct gicits_fabric *f, int node,
			   uint64_t *pa)
{
	const struct fnode *fn;

	if (!f || !pa)
		return GICITS_EINVAL;
	fn = fnode_of(f, node);
	if (!fn || !fn->frame)
		return GICITS_ENOENT;
	*pa = f->cfg.its_base +
	      (uint64_t)(fn->frame - 1) * GICITS_FABRIC_FRAME_SIZE +
	      GICITS_FABRIC_DOORBELL_OFFSET;
	return GICITS_OK;
}

/* ---- gicits_fabric_map_event() ----------------------------------------- */

static int its_cmd(struct gicits_fabric *f, struct fnode *fn,
		   const struct gicits_cmd *c)
{
	const uint64_t qsize = CQ_PAGES * 4096ULL;
	uint8_t bytes[GICITS_CMD_BYTES];
	struct gicits_its_status before, after;
	uint64_t cw = 0;
	int err;

	/* Read CWRITER rather than keep a copy: the embedder may queue
	 * commands of its own through gicits_fabric_its(). */
	err = gicits_its_mmio_read(fn->its, GICITS_GITS_CWRITER, 8, &cw);
	if (err)
		return err;
	cw &= 0xFFFE0; /* GITS_CWRITER.Offset, bits [19:5] */
	if (cw >= qsize)
		return GICITS_ESTATE;
	gicits_cmd_to_bytes(c, bytes);
	err = gicits_mem_write(&f->mem, fn->is->cq + cw, bytes, sizeof(bytes));
	if (!err)
		err = gicits_its_status(fn->its, &before);
	if (!err)
		err = gicits_its_mmio_write(fn->its, GICITS_GITS_CWRITER, 8,
					    (cw + GICITS_CMD_BYTES) % qsize, 0);
	if (!err)
		err = gicits_its_status(fn->its, &after);
	if (!err && (after.errors != before.errors || after.stalled))
		err = GICITS_ESTATE;
	return err;
}

int gicits_fabric_map_event(struct gicits_fabric *f, int its_node,
			    uint32_t device_id, uint32_t event_id,
			    uint32_t intid, unsigned cpu)
{
	struct fnode *fn;
	struct fabric_its_state *is;
	struct gicits_cmd c;
	const uint32_t per_l2 = FABRIC_PAGE / 8; /* DTEs per level-2 page */
	uint64_t l1e, gpa;
	uint8_t cfgb = 0xA3; /* priority 0xA0, RES1, enabled */
	unsigned k;
	int err;

	if (!f)
		return GICITS_EINVAL;
	fn = (struct fnode *)fnode_of(f, its_node);
	if (!fn || !fn->its)
		return GICITS_ENOENT;
	is = fn->is;
	if ((f->cfg.its_devbits < 32 && device_id >> f->cfg.its_devbits) ||
	    event_id >= FABRIC_ITT_EVENTS || intid < GICITS_LPI_BASE ||
	    intid >= (1u << FABRIC_INTID_BITS) || cpu >= f->cfg.num_cpus)
		return GICITS_ERANGE;
	err = gicits_mem_write(&f->mem, f->prop + intid - GICITS_LPI_BASE,
			       &cfgb, 1);
	for (k = 0; !err && k < is->n_devs && is->devs[k] != device_id; k++)
		;
	if (!err && k == is->n_devs) {
		if (k == FABRIC_MAP_DEVS)
			return GICITS_ENOMEM;
		/* level-2 page of the device table (IHI 0069 GITS_BASER
		 * Indirect: level-1 entry [63] Valid, [51:16] page) */
		err = gicits_mem_read(&f->mem,
				      is->dt_l1 + 8ULL * (device_id / per_l2),
				      &l1e, 8);
		if (!err && !(l1e >> 63)) {
			err = fabric_ram_alloc(f, FABRIC_PAGE, FABRIC_PAGE,
					       &gpa);
			l1e = BASER_VALID | gpa;
			if (!err)
				err = gicits_mem_write(
					&f->mem,
					is->dt_l1 + 8ULL * (device_id / per_l2),
					&l1e, 8);
		}
		/* an ITT of 256 events: 2^(Size+1), entries of 12 bytes
		 * (the default ite_size), 256-byte aligned */
		if (!err)
			err = fabric_ram_alloc(f, FABRIC_ITT_EVENTS * 16, 256,
					       &gpa);
		if (!err) {
			gicits_cmd_mapd(&c, device_id, 7, gpa, true);
			err = its_cmd(f, fn, &c);
		}
		if (!err)
			is->devs[is->n_devs++] = device_id;
	}
	if (!err && !(is->mapc_done >> cpu & 1)) {
		gicits_cmd_mapc(&c, (uint16_t)cpu, cpu, true);
		err = its_cmd(f, fn, &c);
		if (!err)
			is->mapc_done |= 1ULL << cpu;
	}
	if (!err) {
		gicits_cmd_mapti(&c, device_id, event_id, intid, (uint16_t)cpu);
		err = its_cmd(f, fn, &c);
	}
	if (!err) {
		gicits_cmd_sync(&c, cpu);
		err = its_cmd(f, fn, &c);
	}
	return err;
}
