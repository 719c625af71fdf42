/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ACPI IORT (Arm DEN 0049) and MADT readers.  Layouts as in DEN 0049 (node
 * formats, ID mappings) and ACPI 6.5 §5.2.12 (MADT); every field read is bounds-checked against its
 * node, every node against the table.
 */
#include "topo_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/bits.h"
#include "gicits/error.h"

#define IORT_HDR 48
#define IORT_NODE_HDR 16
#define IORT_MAP_SIZE 20

struct iort_ctx {
	struct gicits_topo *t;
	const uint8_t *tbl;
	uint32_t len;
	uint32_t *offs; /* node index -> offset (every node is a graph node) */
	int n;
};

/* A u32 field of a node, 0 when the node is too short for it. */
static uint32_t nd32(const uint8_t *node, uint32_t nlen, uint32_t off,
		     int *ok)
{
	if (off + 4 > nlen) {
		if (ok)
			*ok = 0;
		return 0;
	}
	return le32_read(node + off);
}

static const char *const type_names[] = {
	"its-group", "named-component", "root-complex", "smmu",
	"smmu-v3", "pmcg", "rmr", "iwb",
};

static const enum gicits_topo_type type_map[] = {
	GICITS_TOPO_ITS, GICITS_TOPO_PLATFORM, GICITS_TOPO_ROOT_COMPLEX,
	GICITS_TOPO_SMMU, GICITS_TOPO_SMMUV3, GICITS_TOPO_PMCG,
	GICITS_TOPO_RMR, GICITS_TOPO_WIRE_BRIDGE,
};

/* The first mapping offset a node of this type and revision can have. */
static uint32_t fixed_size(int type, int rev)
{
	switch (type) {
	case IORT_ITS_GROUP:
		return 20;
	case IORT_NC:
		return 30; /* at least an empty name */
	case IORT_RC:
		return rev == 0 ? 32 : 33;
	case IORT_SMMU:
		return 60;
	case IORT_SMMUV3:
		return rev == 0 ? 60 : 68;
	case IORT_PMCG:
		return rev == 0 ? 32 : 40;
	case IORT_RMR:
		return 28;
	case IORT_IWB:
		return 27;
	default:
		return IORT_NODE_HDR;
	}
}

static int find_off(const struct iort_ctx *c, uint32_t off)
{
	int lo = 0, hi = c->n - 1;

	while (lo <= hi) {
		int mid = (lo + hi) / 2;

		if (c->offs[mid] == off)
			return mid;
		if (c->offs[mid] < off)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

/* Pass 1: headers, bounds, node fields. */
static int iort_nodes(struct iort_ctx *c, uint32_t count, uint32_t first)
{
	struct gicits_topo *t = c->t;
	uint32_t off = first, i;

	c->offs = malloc(((size_t)count + 1) * sizeof(*c->offs));
	if (!c->offs)
		return GICITS_ENOMEM;
	for (i = 0; i < count; i++) {
		const uint8_t *nd;
		uint32_t nlen, mcount, moff, fixed;
		int type, rev, idx, rc = 0;
		struct topo_node *n;
		char name[32], compat[160];

		if ((uint64_t)off + IORT_NODE_HDR > c->len) {
			topo_seterr(t, "IORT node %u at 0x%x: header runs past the table end (0x%x)",
				    i, off, c->len);
			return GICITS_ETRUNC;
		}
		nd = c->tbl + off;
		type = nd[0];
		nlen = le16_read(nd + 1);
		rev = nd[3];
		mcount = le32_read(nd + 8);
		moff = le32_read(nd + 12);
		if (nlen < IORT_NODE_HDR) {
			topo_seterr(t, "IORT node %u at 0x%x: length %u is shorter than a node header",
				    i, off, nlen);
			return GICITS_EFORMAT;
		}
		if ((uint64_t)off + nlen > c->len) {
			topo_seterr(t, "IORT node %u at 0x%x: length %u runs past the table end (0x%x)",
				    i, off, nlen, c->len);
			return GICITS_ETRUNC;
		}
		if (mcount &&
		    (moff < IORT_NODE_HDR ||
		     (uint64_t)moff + (uint64_t)IORT_MAP_SIZE * mcount > nlen)) {
			topo_seterr(t, "IORT node %u at 0x%x: %u ID mappings at +0x%x do not fit in its %u bytes",
				    i, off, mcount, moff, nlen);
			return GICITS_EFORMAT;
		}
		snprintf(name, sizeof(name), "iort@0x%x", off);
		if (type == IORT_NC) {
			uint32_t k = 29;

			/* the NUL-terminated ACPI path, bounded by the node */
			snprintf(compat, sizeof(compat), "named-component ");
			while (k < nlen && nd[k] && strlen(compat) + 2 < sizeof(compat)) {
				size_t l = strlen(compat);

				compat[l] = (nd[k] >= 0x20 && nd[k] < 0x7f) ?
						    (char)nd[k] : '?';
				compat[l + 1] = 0;
				k++;
			}
		} else {
			snprintf(compat, sizeof(compat), "%s",
				 type < 8 ? type_names[type] : "unknown");
		}
		idx = topo_add_node(t, type < 8 ? type_map[type] : GICITS_TOPO_OTHER,
				    name, compat);
		if (idx < 0)
			return idx;
		c->offs[c->n++] = off;
		n = &t->nodes[idx];
		n->offset = off;
		n->iort_type = type;
		n->revision = rev;
		if (type >= 8)
			rc = topo_finding_add(t, GICITS_TOPO_WARNING, "E-STRUCT",
					      idx, -1,
					      "%s: unknown node type %d, kept without meaning",
					      name, type);
		fixed = fixed_size(type, rev);
		if (!rc && nlen < fixed)
			rc = topo_finding_add(t, GICITS_TOPO_SEVERITY_ERROR,
					      "E-STRUCT", idx, -1,
					      "%s: %s node of revision %d is %u bytes, shorter than its %u bytes of fields",
					      name, compat, rev, nlen, fixed);
		else if (!rc && mcount && moff < fixed)
			rc = topo_finding_add(t, GICITS_TOPO_SEVERITY_ERROR,
					      "E-STRUCT", idx, -1,
					      "%s: %s node revision %d: ID mappings at +0x%x overlap its fields (they end at +0x%x)%s",
					      name, compat, rev, moff, fixed,
					      type == IORT_RC && moff == 32 ?
						      ": this is the revision-0 root complex layout" :
						      "");
		if (rc)
			return rc;
		if (type == IORT_ITS_GROUP) {
			uint32_t k, cnt = nd32(nd, nlen, 16, NULL);

			if ((uint64_t)cnt * 4 + 20 > nlen) {
				rc = topo_finding_add(t, GICITS_TOPO_SEVERITY_ERROR,
						      "E-STRUCT", idx, -1,
						      "%s: %u ITS IDs do not fit in the node",
						      name, cnt);
				if (rc)
					return rc;
				cnt = nlen >= 20 ? (nlen - 20) / 4 : 0;
			}
			n->its_ids = malloc(((size_t)cnt + 1) * sizeof(uint32_t));
			if (!n->its_ids)
				return GICITS_ENOMEM;
			for (k = 0; k < cnt; k++)
				n->its_ids[k] = le32_read(nd + 20 + 4 * k);
			n->n_its_ids = cnt;
			if (!cnt) {
				rc = topo_finding_add(t, GICITS_TOPO_SEVERITY_ERROR,
						      "E-STRUCT", idx, -1,
						      "%s: ITS group with no ITS", name);
				if (rc)
					return rc;
			}
		} else if (type == IORT_RC) {
			n->segment = nd32(nd, nlen, 28, NULL);
			n->has_segment = 1;
			n->rid_lo = 0;
			n->rid_hi = 0xffff;
		}
		off += nlen;
	}
	return 0;
}

/* The SMMUv3 / PMCG DeviceID mapping index (section 2.4). */
static int iort_special(struct iort_ctx *c, int idx, const uint8_t *nd,
			uint32_t nlen, uint32_t mcount)
{
	struct gicits_topo *t = c->t;
	struct topo_node *n = &t->nodes[idx];
	uint32_t index;

	if (n->iort_type == IORT_PMCG) {
		if (!nd32(nd, nlen, 24, NULL) && mcount)
			n->special = 0;
		return 0;
	}
	if (n->iort_type != IORT_SMMUV3 || !mcount)
		return 0;
	index = nd32(nd, nlen, 64, NULL);
	if (n->revision < 5) {
		if (nd32(nd, nlen, 44, NULL) && nd32(nd, nlen, 48, NULL) &&
		    nd32(nd, nlen, 52, NULL) && nd32(nd, nlen, 56, NULL))
			return 0; /* all interrupts wired: no index */
	} else if (!(nd32(nd, nlen, 24, NULL) & (1u << 4))) {
		return 0; /* DeviceID valid flag clear */
	}
	if (n->revision < 1) {
		/* Linux ignores the field before revision 1. */
		n->special_rev0 = 1;
		return topo_finding_add(t, GICITS_TOPO_INFO, "I-QUIRK", idx, -1,
					"%s: SMMUv3 node revision 0: the DeviceID mapping index field is ignored (quirk iort-smmuv3-rev0-index); every mapping translates StreamIDs",
					n->name);
	}
	if (index >= mcount)
		return topo_finding_add(t, GICITS_TOPO_SEVERITY_ERROR, "E-STRUCT",
					idx, -1,
					"%s: DeviceID mapping index %u is not below the mapping count %u: Linux ignores it",
					n->name, index, mcount);
	n->special = (int)index;
	return 0;
}

/* Pass 2: the ID mappings with their targets. */
static int iort_maps(struct iort_ctx *c)
{
	struct gicits_topo *t = c->t;
	int i;

	for (i = 0; i < c->n; i++) {
		struct topo_node *n = &t->nodes[i];
		const uint8_t *nd = c->tbl + n->offset;
		uint32_t nlen = le16_read(nd + 1), mcount = le32_read(nd + 8);
		uint32_t moff = le32_read(nd + 12), k;
		int m, rc;

		if (!mcount)
			continue;
		rc = iort_special(c, i, nd, nlen, mcount);
		if (rc)
			return rc;
		m = topo_add_map(t, i, MAP_IORT, 0xffffffffu);
		if (m < 0)
			return m;
		for (k = 0; k < mcount; k++) {
			const uint8_t *mp = nd + moff + IORT_MAP_SIZE * k;
			struct topo_entry e;
			char msg[GICITS_TOPO_MSG_MAX];

			memset(&e, 0, sizeof(e));
			e.in_base = le32_read(mp);
			e.raw_count = le32_read(mp + 4);
			e.count = (uint64_t)e.raw_count + 1;
			e.out_base = le32_read(mp + 8);
			e.raw_ref = le32_read(mp + 12);
			if (le32_read(mp + 16) & 1)
				e.flags |= ENT_SINGLE;
			if ((int)k == n->special)
				e.flags |= ENT_OWN;
			e.target = e.raw_ref ? find_off(c, e.raw_ref) : -1;
			rc = topo_add_entry(t, m, &e);
			if (rc)
				return rc;
			rc = 0;
			if (e.target < 0) {
				snprintf(msg, sizeof(msg),
					 "%s: ID mapping %u: output reference 0x%x %s",
					 n->name, k, e.raw_ref,
					 e.raw_ref ? "is not the offset of a node" :
						     "is null (firmware bug)");
				topo_set_broken(t, GICITS_ENOENT, msg);
				rc = topo_finding_add(t, GICITS_TOPO_SEVERITY_ERROR,
						      "E-STRUCT", i, -1,
						      "%s: Linux fails lookups through it",
						      msg);
			} else if (e.target == i) {
				snprintf(msg, sizeof(msg),
					 "%s: ID mapping %u refers to its own node",
					 n->name, k);
				topo_set_broken(t, GICITS_ELOOP, msg);
				rc = topo_finding_add(t, GICITS_TOPO_SEVERITY_ERROR,
						      "E-STRUCT", i, i, "%s", msg);
			} else if ((e.flags & ENT_SINGLE) && !(e.flags & ENT_OWN) &&
				   n->iort_type != IORT_NC &&
				   n->iort_type != IORT_RC) {
				rc = topo_finding_add(t, GICITS_TOPO_SEVERITY_ERROR,
						      "E-STRUCT", i, e.target,
						      "%s: ID mapping %u is a single mapping, not allowed on a %s node: Linux skips it",
						      n->name, k, n->compat);
			} else if ((e.flags & ENT_OWN) &&
				   (!(e.flags & ENT_SINGLE) ||
				    t->nodes[e.target].iort_type != IORT_ITS_GROUP)) {
				rc = topo_finding_add(t, GICITS_TOPO_SEVERITY_ERROR,
						      "E-STRUCT", i, e.target,
						      "%s: DeviceID mapping %u must be a single mapping to an ITS group: Linux finds no MSI domain for the %s",
						      n->name, k, n->compat);
			}
			if (!rc && n->iort_type == IORT_RC &&
			    !(e.flags & ENT_SINGLE) &&
			    (uint64_t)e.in_base + e.raw_count > 0xffff)
				rc = topo_finding_add(t, GICITS_TOPO_WARNING, "W-RANGE",
						      i, e.target,
						      "%s: ID mapping %u takes inputs 0x%x-0x%llx, beyond the 16-bit RIDs a root complex produces",
						      n->name, k, e.in_base,
						      (unsigned long long)e.in_base +
							      e.raw_count);
			if (!rc && (uint64_t)e.out_base + e.raw_count > 0xffffffffu &&
			    !(e.flags & ENT_SINGLE))
				rc = topo_finding_add(t, GICITS_TOPO_WARNING, "W-RANGE",
						      i, e.target,
						      "%s: ID mapping %u: outputs 0x%x + 0x%x wrap past 32 bits",
						      n->name, k, e.out_base, e.raw_count);
			if (rc)
				return rc;
		}
	}
	return 0;
}

/* Reference loops longer than one node: colour the graph (DFS). */
static int iort_loops(struct gicits_topo *t)
{
	int *colour, *stack, *pos, i, rc = 0;

	colour = calloc((size_t)t->n_nodes + 1, sizeof(int));
	stack = calloc((size_t)t->n_nodes + 1, sizeof(int));
	pos = calloc((size_t)t->n_nodes + 1, sizeof(int));
	if (!colour || !stack || !pos) {
		rc = GICITS_ENOMEM;
		goto out;
	}
	for (i = 0; i < t->n_nodes && !rc; i++) {
		int sp = 0;

		if (colour[i])
			continue;
		stack[sp++] = i;
		colour[i] = 1;
		pos[i] = 0;
		while (sp && !rc) {
			int u = stack[sp - 1], mi = t->nodes[u].map[MAP_IORT];
			const struct topo_map *m = mi >= 0 ? &t->maps[mi] : NULL;

			if (!m || pos[u] >= (int)m->n) {
				colour[u] = 2;
				sp--;
				continue;
			}
			{
				int v = t->ents[m->first + (size_t)pos[u]++].target;

				if (v < 0 || v == u)
					continue; /* reported already */
				if (colour[v] == 1) {
					char msg[GICITS_TOPO_MSG_MAX];

					snprintf(msg, sizeof(msg),
						 "reference loop through %s and %s",
						 t->nodes[u].name, t->nodes[v].name);
					topo_set_broken(t, GICITS_ELOOP, msg);
					rc = topo_finding_add(t, GICITS_TOPO_SEVERITY_ERROR,
							      "E-STRUCT", u, v,
							      "%s: Linux would walk it until its hop limit",
							      msg);
				} else if (!colour[v]) {
					colour[v] = 1;
					pos[v] = 0;
					stack[sp++] = v;
				}
			}
		}
	}
out:
	free(colour);
	free(stack);
	free(pos);
	return rc;
}

int topo_iort_load(struct gicits_topo *t, const void *buf, size_t len)
{
	struct iort_ctx c;
	const uint8_t *b = buf;
	uint32_t tlen, count, first, i;
	uint8_t sum = 0;
	int rc;

	memset(&c, 0, sizeof(c));
	if (len < 4 || memcmp(b, "IORT", 4)) {
		topo_seterr(t, "not an IORT table (signature)");
		return GICITS_EFORMAT;
	}
	if (len < IORT_HDR) {
		topo_seterr(t, "IORT truncated: %zu bytes, the header alone needs %d",
			    len, IORT_HDR);
		return GICITS_ETRUNC;
	}
	tlen = le32_read(b + 4);
	if (tlen > len) {
		topo_seterr(t, "IORT truncated: the header says %u bytes, %zu present",
			    tlen, len);
		return GICITS_ETRUNC;
	}
	if (tlen < IORT_HDR) {
		topo_seterr(t, "IORT length %u is shorter than its header", tlen);
		return GICITS_EFORMAT;
	}
	count = le32_read(b + 36);
	first = le32_read(b + 40);
	if (count && first < IORT_HDR) {
		topo_seterr(t, "IORT node offset 0x%x points into the header",
			    first);
		return GICITS_EFORMAT;
	}
	if (count > tlen / IORT_NODE_HDR) {
		topo_seterr(t, "IORT claims %u nodes, more than %u bytes can hold",
			    count, tlen);
		return GICITS_EFORMAT;
	}
	c.t = t;
	c.tbl = b;
	c.len = tlen;
	rc = iort_nodes(&c, count, first);
	if (!rc)
		rc = iort_maps(&c);
	if (!rc)
		rc = iort_loops(t);
	for (i = 0; !rc && i < tlen; i++)
		sum = (uint8_t)(sum + b[i]);
	if (!rc && sum)
		rc = topo_finding_add(t, GICITS_TOPO_WARNING, "E-STRUCT", -1, -1,
				      "IORT checksum is wrong (bytes sum to 0x%02x): Linux only warns",
				      sum);
	free(c.offs);
	return rc;
}

int topo_madt_load(struct gicits_topo *t, const void *buf, size_t len)
{
	const uint8_t *b = buf;
	uint32_t tlen, off;
	int n = 0;

	if (len < 4 || memcmp(b, "APIC", 4)) {
		topo_seterr(t, "not a MADT (signature is not APIC)");
		return GICITS_EFORMAT;
	}
	if (len < 44) {
		topo_seterr(t, "MADT truncated: %zu bytes", len);
		return GICITS_ETRUNC;
	}
	tlen = le32_read(b + 4);
	if (tlen > len || tlen < 44) {
		topo_seterr(t, "MADT length %u does not fit the %zu bytes given",
			    tlen, len);
		return tlen > len ? GICITS_ETRUNC : GICITS_EFORMAT;
	}
	t->madt_its = malloc((tlen / 8 + 1) * sizeof(uint32_t));
	if (!t->madt_its)
		return GICITS_ENOMEM;
	for (off = 44; off + 2 <= tlen;) {
		uint8_t type = b[off], slen = b[off + 1];

		if (slen < 2) {
			topo_seterr(t, "MADT structure at 0x%x has length %u",
				    off, slen);
			return GICITS_EFORMAT;
		}
		if (off + slen > tlen) {
			topo_seterr(t, "MADT structure at 0x%x runs past the table end",
				    off);
			return GICITS_ETRUNC;
		}
		if (type == 0x0f && slen >= 8)
			t->madt_its[n++] = le32_read(b + off + 4);
		off += slen;
	}
	t->n_madt_its = n;
	return 0;
}
