/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Device Tree reader: a flattened blob (through libfdt) into the topology
 * graph.  The whole blob is validated with fdt_check_full() first, so every
 * later libfdt read stays inside it.
 *
 * Bindings read (dt-schema pci-host-bridge, pci-iommu, msi-consumer;
 * docs/topology.md): msi-map / msi-map-mask,
 * iommu-map / iommu-map-mask, msi-parent with #msi-cells, iommus with
 * #iommu-cells, arm,gic-v3-its (and GICv5 ITS) nodes, other msi-controllers,
 * SMMU nodes and their own msi-parent, HiSilicon mbigen children (num-pins),
 * fsl-mc buses, PCI host bridges (device_type "pci", bus-range,
 * linux,pci-domain) and status.
 */
#include "topo_internal.h"

#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/bits.h"
#include "gicits/error.h"

struct dt_ctx {
	struct gicits_topo *t;
	const void *fdt;
	int *off; /* node index -> fdt offset */
	struct ph {
		uint32_t phandle;
		int node;
	} *ph;
	int n_ph;
};

static uint32_t cell(const void *p, int i)
{
	const uint8_t *b = (const uint8_t *)p + 4 * i;

	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
	       (uint32_t)b[2] << 8 | b[3];
}

/* A u32 property, or @def when absent or shorter than one cell. */
static uint32_t prop_u32(const struct dt_ctx *c, int node, const char *name,
			 uint32_t def, int *present)
{
	int len;
	const void *p = fdt_getprop(c->fdt, c->off[node], name, &len);

	if (present)
		*present = p && len >= 4;
	if (!p || len < 4)
		return def;
	return cell(p, 0);
}

static int has_prop(const struct dt_ctx *c, int node, const char *name)
{
	int len;

	return fdt_getprop(c->fdt, c->off[node], name, &len) != NULL;
}

static int compat_has(const struct dt_ctx *c, int node, const char *what)
{
	return fdt_stringlist_search(c->fdt, c->off[node], "compatible",
				     what) >= 0;
}

/* Whether any compatible string contains @sub. */
static int compat_contains(const struct dt_ctx *c, int node, const char *sub)
{
	int len, i, n = fdt_stringlist_count(c->fdt, c->off[node], "compatible");

	for (i = 0; i < n; i++) {
		const char *s = fdt_stringlist_get(c->fdt, c->off[node],
						   "compatible", i, &len);

		if (s && strstr(s, sub))
			return 1;
	}
	return 0;
}

static int ph_cmp(const void *a, const void *b)
{
	const struct ph *x = a, *y = b;

	return x->phandle < y->phandle ? -1 : x->phandle > y->phandle;
}

static int ph_lookup(const struct dt_ctx *c, uint32_t phandle)
{
	int lo = 0, hi = c->n_ph - 1;

	if (phandle == 0 || phandle == 0xffffffffu)
		return -1;
	while (lo <= hi) {
		int mid = (lo + hi) / 2;

		if (c->ph[mid].phandle == phandle)
			return c->ph[mid].node;
		if (c->ph[mid].phandle < phandle)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

/* Walk the blob once: one graph node per DT node, with its path. */
static int dt_nodes(struct dt_ctx *c)
{
	struct gicits_topo *t = c->t;
	char path[1024];
	size_t plen[64];
	int stack[64];
	int off, depth = 0, cap = 0;

	for (off = 0; off >= 0; off = fdt_next_node(c->fdt, off, &depth)) {
		const char *nm, *compat, *status;
		int len, idx;
		size_t base;

		if (depth < 0) {
			off = -FDT_ERR_NOTFOUND; /* back above the root: done */
			break;
		}
		if (depth >= 64) {
			topo_seterr(t, "device tree nested deeper than 64 levels");
			return GICITS_EFORMAT;
		}
		nm = fdt_get_name(c->fdt, off, &len);
		if (!nm)
			return GICITS_EFORMAT;
		base = depth ? plen[depth - 1] : 0;
		if (depth == 0) {
			strcpy(path, "/");
			plen[0] = 1;
		} else {
			size_t need = base + (base > 1) + (size_t)len + 1;

			if (need > sizeof(path)) {
				topo_seterr(t, "device tree path too long");
				return GICITS_EFORMAT;
			}
			if (base > 1)
				path[base++] = '/';
			memcpy(path + base, nm, (size_t)len);
			path[base + (size_t)len] = 0;
			plen[depth] = base + (size_t)len;
		}
		compat = fdt_stringlist_get(c->fdt, off, "compatible", 0, &len);
		idx = topo_add_node(t, GICITS_TOPO_OTHER, path, compat);
		if (idx < 0)
			return idx;
		if (idx >= cap) {
			int *p;

			cap = cap ? cap * 2 : 256;
			p = realloc(c->off, (size_t)cap * sizeof(*p));
			if (!p)
				return GICITS_ENOMEM;
			c->off = p;
		}
		c->off[idx] = off;
		stack[depth] = idx;
		t->nodes[idx].parent = depth ? stack[depth - 1] : -1;
		status = fdt_getprop(c->fdt, off, "status", &len);
		if (status && len > 0 && strncmp(status, "okay", (size_t)len) &&
		    strncmp(status, "ok", (size_t)len))
			t->nodes[idx].enabled = 0;
		t->nodes[idx].phandle = fdt_get_phandle(c->fdt, off);
	}
	if (off != -FDT_ERR_NOTFOUND) {
		topo_seterr(t, "device tree structure: %s", fdt_strerror(off));
		return GICITS_EFORMAT;
	}
	return 0;
}

static int dt_phandles(struct dt_ctx *c)
{
	struct gicits_topo *t = c->t;
	int i, n = 0;

	c->ph = malloc(((size_t)t->n_nodes + 1) * sizeof(*c->ph));
	if (!c->ph)
		return GICITS_ENOMEM;
	for (i = 0; i < t->n_nodes; i++) {
		if (!t->nodes[i].phandle || t->nodes[i].phandle == 0xffffffffu)
			continue;
		c->ph[n].phandle = t->nodes[i].phandle;
		c->ph[n].node = i;
		n++;
	}
	qsort(c->ph, (size_t)n, sizeof(*c->ph), ph_cmp);
	c->n_ph = n;
	return 0;
}

static int is_pci(const struct dt_ctx *c, int node)
{
	int len;
	const char *dt = fdt_getprop(c->fdt, c->off[node], "device_type", &len);

	return dt && len >= 4 && !strncmp(dt, "pci", (size_t)len);
}

static void dt_classify(struct dt_ctx *c)
{
	struct gicits_topo *t = c->t;
	int i, p;

	for (i = 0; i < t->n_nodes; i++) {
		struct topo_node *n = &t->nodes[i];
		int present;

		n->msi_cells = (int)prop_u32(c, i, "#msi-cells", 0, &present);
		if (!present)
			n->msi_cells = -1;
		n->iommu_cells = (int)prop_u32(c, i, "#iommu-cells", 0, &present);
		if (!present)
			n->iommu_cells = -1;

		if (compat_has(c, i, "arm,gic-v3-its") ||
		    compat_has(c, i, "arm,gic-v5-its")) {
			n->type = GICITS_TOPO_ITS;
		} else if (has_prop(c, i, "msi-controller")) {
			n->type = GICITS_TOPO_MSI_OTHER;
		} else if (n->iommu_cells >= 0) {
			if (compat_has(c, i, "arm,smmu-v3"))
				n->type = GICITS_TOPO_SMMUV3;
			else if (compat_contains(c, i, "smmu") ||
				 compat_contains(c, i, "arm,mmu-"))
				n->type = GICITS_TOPO_SMMU;
			else
				n->type = GICITS_TOPO_IOMMU_OTHER;
		} else if (is_pci(c, i)) {
			n->type = GICITS_TOPO_ROOT_COMPLEX;
			for (p = n->parent; p >= 0; p = t->nodes[p].parent)
				if (is_pci(c, p))
					n->type = GICITS_TOPO_OTHER;
		} else if (compat_has(c, i, "fsl,qoriq-mc")) {
			n->type = GICITS_TOPO_FSLMC;
		} else if (n->parent >= 0 &&
			   compat_has(c, n->parent, "hisilicon,mbigen-v2") &&
			   has_prop(c, i, "msi-parent")) {
			n->type = GICITS_TOPO_WIRE_BRIDGE;
			n->num_pins = prop_u32(c, i, "num-pins", 0, NULL);
		} else if (has_prop(c, i, "msi-parent") ||
			   has_prop(c, i, "iommus") || has_prop(c, i, "msi-map") ||
			   has_prop(c, i, "iommu-map")) {
			n->type = GICITS_TOPO_PLATFORM;
		}
	}
}

/* msi-map or iommu-map (with its mask) of one node. */
static int dt_idmap(struct dt_ctx *c, int node, int msi)
{
	struct gicits_topo *t = c->t;
	const char *pname = msi ? "msi-map" : "iommu-map";
	const char *mname = msi ? "msi-map-mask" : "iommu-map-mask";
	const char *nname = t->nodes[node].name;
	const void *p;
	uint32_t mask;
	int len, m, i, rc, n;

	p = fdt_getprop(c->fdt, c->off[node], pname, &len);
	if (!p)
		return 0;
	mask = prop_u32(c, node, mname, 0xffffffffu, NULL);
	m = topo_add_map(t, node, msi ? MAP_MSI_MAP : MAP_IOMMU_MAP, mask);
	if (m < 0)
		return m;
	if (len <= 0 || len % 16) {
		t->maps[m].bad = 1;
		return topo_finding_add(t, GICITS_TOPO_SEVERITY_ERROR, "E-STRUCT",
					node, -1,
					"%s: %s length %d is not a positive multiple of 4 cells: Linux fails every lookup through it",
					nname, pname, len);
	}
	n = len / 16;
	for (i = 0; i < n; i++) {
		struct topo_entry e;
		int tgt;

		memset(&e, 0, sizeof(e));
		e.in_base = cell(p, 4 * i);
		e.raw_ref = cell(p, 4 * i + 1);
		e.out_base = cell(p, 4 * i + 2);
		e.raw_count = cell(p, 4 * i + 3);
		e.count = e.raw_count;
		tgt = ph_lookup(c, e.raw_ref);
		e.target = tgt;
		rc = topo_add_entry(t, m, &e);
		if (rc)
			return rc;
		if (tgt < 0) {
			char msg[GICITS_TOPO_MSG_MAX];

			snprintf(msg, sizeof(msg),
				 "%s: %s entry %d: phandle 0x%x not found", nname,
				 pname, i, e.raw_ref);
			topo_set_broken(t, GICITS_ENOENT, msg);
			rc = topo_finding_add(t, GICITS_TOPO_SEVERITY_ERROR,
					      "E-STRUCT", node, -1,
					      "%s: Linux fails lookups that match it",
					      msg);
		} else if (msi && !topo_is_msi_ctrl(t->nodes[tgt].type)) {
			rc = topo_finding_add(t, GICITS_TOPO_SEVERITY_ERROR,
					      "E-STRUCT", node, tgt,
					      "%s: msi-map entry %d targets %s, which is not an msi-controller",
					      nname, i, t->nodes[tgt].name);
		} else if (!msi && !topo_is_iommu(t->nodes[tgt].type)) {
			rc = topo_finding_add(t, GICITS_TOPO_SEVERITY_ERROR,
					      "E-STRUCT", node, tgt,
					      "%s: iommu-map entry %d targets %s, which has no #iommu-cells",
					      nname, i, t->nodes[tgt].name);
		}
		if (rc)
			return rc;
		if (e.in_base & ~mask) {
			rc = topo_finding_add(t, GICITS_TOPO_SEVERITY_ERROR,
					      "E-STRUCT", node, -1,
					      "%s: %s entry %d: id-base 0x%x has bits outside %s 0x%x: Linux fails every lookup that reaches this entry",
					      nname, pname, i, e.in_base, mname,
					      mask);
			if (rc)
				return rc;
		}
		if ((uint64_t)e.out_base + e.count > 0x100000000ull) {
			rc = topo_finding_add(t, GICITS_TOPO_WARNING, "W-RANGE",
					      node, tgt,
					      "%s: %s entry %d: output 0x%x + 0x%x wraps past 32 bits",
					      nname, pname, i, e.out_base,
					      (uint32_t)e.count);
			if (rc)
				return rc;
		}
	}
	return 0;
}

/*
 * msi-parent or iommus: a list of (phandle, specifier) with the cell count
 * taken from the target's #msi-cells (absent: 0) or #iommu-cells (absent:
 * an error, the list cannot be parsed further).
 */
static int dt_plist(struct dt_ctx *c, int node, int msi)
{
	struct gicits_topo *t = c->t;
	struct topo_node *n = &t->nodes[node];
	const char *pname = msi ? "msi-parent" : "iommus";
	const void *p;
	int len, m, i = 0, idx = 0, rc, ncells;
	int bus = n->type == GICITS_TOPO_ROOT_COMPLEX ||
		  n->type == GICITS_TOPO_FSLMC;

	p = fdt_getprop(c->fdt, c->off[node], pname, &len);
	if (!p)
		return 0;
	m = topo_add_map(t, node, msi ? MAP_MSI_PARENT : MAP_IOMMUS,
			 0xffffffffu);
	if (m < 0)
		return m;
	ncells = len / 4;
	if (len % 4)
		return topo_finding_add(t, GICITS_TOPO_SEVERITY_ERROR, "E-STRUCT",
					node, -1,
					"%s: %s length %d is not a whole number of cells",
					n->name, pname, len);
	while (i < ncells) {
		struct topo_entry e;
		int tgt, args;

		memset(&e, 0, sizeof(e));
		e.raw_ref = cell(p, i++);
		tgt = ph_lookup(c, e.raw_ref);
		e.target = tgt;
		if (tgt < 0) {
			char msg[GICITS_TOPO_MSG_MAX];

			snprintf(msg, sizeof(msg),
				 "%s: %s entry %d: phandle 0x%x not found",
				 t->nodes[node].name, pname, idx, e.raw_ref);
			topo_set_broken(t, GICITS_ENOENT, msg);
			rc = topo_add_entry(t, m, &e);
			if (!rc)
				rc = topo_finding_add(t, GICITS_TOPO_SEVERITY_ERROR,
						      "E-STRUCT", node, -1,
						      "%s", msg);
			return rc; /* the rest cannot be parsed */
		}
		if (msi) {
			args = t->nodes[tgt].msi_cells < 0 ?
				       0 : t->nodes[tgt].msi_cells;
			/*
			 * Legacy ITS nodes have no #msi-cells; a platform
			 * device then still gives one cell (its DeviceID) when
			 * the list has room for it and the next cell is not a
			 * known phandle.
			 */
			if (t->nodes[tgt].type == GICITS_TOPO_ITS &&
			    t->nodes[tgt].msi_cells < 0 && !bus && i < ncells &&
			    ph_lookup(c, cell(p, i)) < 0)
				args = 1;
		} else {
			if (t->nodes[tgt].iommu_cells < 0) {
				rc = topo_add_entry(t, m, &e);
				if (!rc)
					rc = topo_finding_add(t, GICITS_TOPO_SEVERITY_ERROR,
							      "E-STRUCT", node, tgt,
							      "%s: iommus entry %d targets %s, which has no #iommu-cells",
							      t->nodes[node].name, idx,
							      t->nodes[tgt].name);
				return rc;
			}
			args = t->nodes[tgt].iommu_cells;
		}
		if (args > ncells - i) {
			e.flags |= ENT_BADARGS;
			rc = topo_add_entry(t, m, &e);
			if (!rc)
				rc = topo_finding_add(t, GICITS_TOPO_SEVERITY_ERROR,
						      "E-STRUCT", node, tgt,
						      "%s: %s entry %d is truncated: %s wants %d cells",
						      t->nodes[node].name, pname, idx,
						      t->nodes[tgt].name, args);
			return rc;
		}
		if (args >= 1) {
			e.flags |= ENT_SINGLE;
			e.out_base = cell(p, i);
			e.count = 1;
		}
		if (!msi && args == 2 && t->nodes[tgt].type == GICITS_TOPO_SMMU) {
			e.flags |= ENT_SMR;
			e.smr_mask = cell(p, i + 1);
		} else if (!msi && args >= 2) {
			e.flags |= ENT_BADARGS;
		}
		if (msi && args > 1)
			e.flags |= ENT_BADARGS;
		if (msi && bus) {
			/* PCI / fsl-mc: the DeviceID is the requester's ID. */
			e.flags = ENT_IDENTITY;
			e.out_base = 0;
			e.count = 0x100000000ull;
		} else if (msi && topo_is_iommu(n->type)) {
			e.flags |= ENT_OWN;
		}
		i += args;
		rc = topo_add_entry(t, m, &e);
		if (rc)
			return rc;
		if (msi && !topo_is_msi_ctrl(t->nodes[tgt].type)) {
			rc = topo_finding_add(t, GICITS_TOPO_SEVERITY_ERROR,
					      "E-STRUCT", node, tgt,
					      "%s: msi-parent entry %d targets %s, which is not an msi-controller",
					      n->name, idx, t->nodes[tgt].name);
		} else if (msi && !bus && t->nodes[tgt].type == GICITS_TOPO_ITS &&
			   args != 1) {
			rc = topo_finding_add(t, GICITS_TOPO_SEVERITY_ERROR,
					      "E-STRUCT", node, tgt,
					      "%s: msi-parent entry %d to ITS %s has %d cells, not 1: Linux cannot find the DeviceID",
					      n->name, idx, t->nodes[tgt].name, args);
		}
		if (rc)
			return rc;
		idx++;
	}
	return 0;
}

/* Segments and bus ranges of the host bridges. */
static int dt_root_complexes(struct dt_ctx *c)
{
	struct gicits_topo *t = c->t;
	uint32_t next = 0;
	int i, pass, rc;

	for (i = 0; i < t->n_nodes; i++) {
		struct topo_node *n = &t->nodes[i];
		const void *p;
		int len, present;

		if (n->type != GICITS_TOPO_ROOT_COMPLEX)
			continue;
		n->segment = prop_u32(c, i, "linux,pci-domain", 0, &present);
		n->has_segment = present;
		n->rid_lo = 0;
		n->rid_hi = 0xffff;
		p = fdt_getprop(c->fdt, c->off[i], "bus-range", &len);
		if (p && len >= 8) {
			uint32_t lo = cell(p, 0), hi = cell(p, 1);

			if (lo > hi || hi > 0xff) {
				rc = topo_finding_add(t, GICITS_TOPO_SEVERITY_ERROR,
						      "E-STRUCT", i, -1,
						      "%s: bad bus-range <0x%x 0x%x>: buses 0-255 assumed",
						      n->name, lo, hi);
				if (rc)
					return rc;
			} else {
				n->rid_lo = lo << 8;
				n->rid_hi = hi << 8 | 0xff;
			}
		}
	}
	/* No linux,pci-domain: the next free number, enabled ones first. */
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < t->n_nodes; i++) {
			struct topo_node *n = &t->nodes[i];
			int j, used;

			if (n->type != GICITS_TOPO_ROOT_COMPLEX || n->has_segment ||
			    n->enabled != !pass)
				continue;
			do {
				used = 0;
				for (j = 0; j < t->n_nodes; j++)
					if (t->nodes[j].type ==
						    GICITS_TOPO_ROOT_COMPLEX &&
					    t->nodes[j].has_segment &&
					    t->nodes[j].segment == next)
						used = 1;
				if (used)
					next++;
			} while (used);
			n->segment = next++;
			n->has_segment = 1;
		}
	}
	return 0;
}

/*
 * NXP Layerscape: U-Boot rewrites the maps at boot.  The static DT carries
 * iommu-map = <0 &smmu 0 1> (PCIe, with msi-parent) or <0 &smmu 0 0>
 * (fsl-mc): one entry, base 0, output 0, at most one ID, no mask.
 */
static int dt_fixups(struct dt_ctx *c)
{
	struct gicits_topo *t = c->t;
	int i;

	for (i = 0; i < t->n_nodes; i++) {
		struct topo_node *n = &t->nodes[i];
		const struct topo_map *m;
		const struct topo_entry *e;

		if ((n->type != GICITS_TOPO_ROOT_COMPLEX &&
		     n->type != GICITS_TOPO_FSLMC) ||
		    n->map[MAP_IOMMU_MAP] < 0 || n->map[MAP_MSI_MAP] >= 0)
			continue;
		m = &t->maps[n->map[MAP_IOMMU_MAP]];
		if (m->bad || m->n != 1 || m->mask != 0xffffffffu)
			continue;
		e = &t->ents[m->first];
		if (e->in_base || e->out_base || e->count > 1)
			continue;
		n->fixup = 1;
		if (topo_finding_add(t, GICITS_TOPO_INFO, "I-FIXUP", i, e->target,
				     "%s: iommu-map <0 ... 0 %u> is a bootloader fix-up placeholder (U-Boot appends one msi-map and iommu-map row per device): its IDs are left out of the collision checks",
				     n->name, (unsigned)e->count))
			return GICITS_ENOMEM;
	}
	return 0;
}

int topo_dt_load(struct gicits_topo *t, const void *blob, size_t len)
{
	struct dt_ctx c;
	void *copy;
	int rc, i;
	uint32_t total;

	memset(&c, 0, sizeof(c));
	if (len < 40) {
		topo_seterr(t, "device tree blob truncated: %zu bytes, the header alone needs 40",
			    len);
		return GICITS_ETRUNC;
	}
	total = cell(blob, 1);
	if (total > len) {
		topo_seterr(t, "device tree blob truncated: header says %u bytes, %zu present",
			    total, len);
		return GICITS_ETRUNC;
	}
	/* libfdt wants an 8-byte aligned blob. */
	copy = malloc(len);
	if (!copy)
		return GICITS_ENOMEM;
	memcpy(copy, blob, len);
	rc = fdt_check_full(copy, len);
	if (rc) {
		topo_seterr(t, "malformed device tree blob: %s", fdt_strerror(rc));
		free(copy);
		return rc == -FDT_ERR_TRUNCATED ? GICITS_ETRUNC : GICITS_EFORMAT;
	}
	c.t = t;
	c.fdt = copy;
	rc = dt_nodes(&c);
	if (!rc)
		rc = dt_phandles(&c);
	if (!rc) {
		dt_classify(&c);
		rc = dt_root_complexes(&c);
	}
	for (i = 0; !rc && i < t->n_nodes; i++) {
		rc = dt_idmap(&c, i, 1);
		if (!rc)
			rc = dt_idmap(&c, i, 0);
		if (!rc)
			rc = dt_plist(&c, i, 1);
		if (!rc)
			rc = dt_plist(&c, i, 0);
	}
	if (!rc)
		rc = dt_fixups(&c);
	free(c.off);
	free(c.ph);
	free(copy);
	return rc;
}
