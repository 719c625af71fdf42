/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * gicits route: build the system a DTB or IORT describes
 * (include/gicits/fabric.h: every SMMU in GBPA bypass, every ITS enabled
 * with an empty mapping), post from each chosen requester a write to the
 * doorbell its MSI domain resolves to, and print what arrived where.
 * All logic lives in the library; this file parses options and formats.
 *
 * Exit status (cli.h): 0 fine; 1 the fabric could not be built; 2 bad
 * usage, unreadable or malformed input, or a topology with dangling
 * references or loops (after printing, as gicits topo).
 */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gicits/error.h"
#include "gicits/fabric.h"
#include "gicits/topo.h"

struct opts {
	struct cli_fw fw; /* FILE, --madt, --segment, --rid, --all, --format */
	const char *node;
};

/* Graphviz: how many requesters went along each edge. */
struct edge {
	int from, to; /* node indices; -1: "nowhere" */
	unsigned long count;
};

struct out {
	FILE *o;
	const struct opts *op;
	const struct gicits_topo *t;
	struct edge *edges;
	size_t n_edges, cap_edges;
	int oom;
};

static void usage(FILE *f)
{
	fprintf(f,
		"usage: gicits route FILE [--madt FILE]\n"
		"                    (--rid ID [--segment N] | --node PATH | --all [--segment N])\n"
		"                    [--format text|json|dot]\n"
		"\n"
		"Builds the system FILE describes (a flattened device tree blob or a raw\n"
		"ACPI IORT): every ITS enabled with an empty mapping, every SMMUv3 in\n"
		"GBPA bypass, every wire-to-MSI translator programmed.  Posts from each\n"
		"chosen requester a write to the doorbell its MSI domain resolves to and\n"
		"prints where it arrived: the ITS, the DeviceID, and every hop.\n"
		"  --madt FILE     MADT (APIC) to load with an IORT\n"
		"  --rid ID        one PCI requester (0x0100 or 01:00.0)\n"
		"  --segment N     its PCI segment (default 0); with --all: only it\n"
		"  --node PATH     a platform node (DT path or iort@0x...): each own ID\n"
		"  --all           every requester gicits topo --all resolves\n"
		"  --format F      text (default), json (one object per line), dot\n"
		"\n"
		"Exit status: 0 ok, 1 the system could not be built, 2 bad input.\n");
}

static const char *name_of(const struct gicits_topo *t, int node)
{
	struct gicits_topo_node n;

	if (node < 0 || gicits_topo_node(t, node, &n))
		return NULL;
	return n.name;
}

static void json_name(FILE *o, const struct gicits_topo *t, int node)
{
	const char *s = name_of(t, node);

	if (s)
		cli_json_str(o, s);
	else
		fputs("null", o);
}

static const char *outcome_name(const struct gicits_fabric_hop *h)
{
	static const char *const names[] = { "translated", "bypass", "abort",
					     "razwi" };

	if (h->flags & GICITS_HOP_F_UNMODELLED)
		return "passthrough";
	if (h->result < 0 || h->result > 3)
		return "?";
	return names[h->result];
}

static const char *its_result(int drop)
{
	return drop == GICITS_DROP_NONE ?
		       "ok" :
		       gicits_drop_name((enum gicits_drop)drop);
}

static void hop_json(FILE *o, const struct gicits_topo *t,
		     const struct gicits_fabric_hop *h)
{
	fputs("{\"hop\":", o);
	cli_json_str(o, gicits_fabric_hop_name(h->kind));
	switch (h->kind) {
	case GICITS_HOP_REQUESTER:
		fputs(",\"node\":", o);
		json_name(o, t, h->node);
		fprintf(o, ",\"id\":%u,\"addr\":%llu", h->in,
			(unsigned long long)h->addr);
		break;
	case GICITS_HOP_STREAM:
		fputs(",\"iommu\":", o);
		json_name(o, t, h->node);
		fprintf(o, ",\"in\":%u,\"stream_id\":%u", h->in, h->out);
		break;
	case GICITS_HOP_IOMMU:
		fputs(",\"iommu\":", o);
		json_name(o, t, h->node);
		fprintf(o,
			",\"stream_id\":%u,\"outcome\":\"%s\",\"addr\":%llu,\"pa\":%llu",
			h->in, outcome_name(h), (unsigned long long)h->addr,
			(unsigned long long)h->pa);
		if (h->event)
			fprintf(o, ",\"event\":%u", h->event);
		break;
	case GICITS_HOP_WIRE:
		fputs(",\"translator\":", o);
		json_name(o, t, h->node);
		fprintf(o, ",\"wire\":%u,\"level\":%u", h->in, h->out);
		break;
	case GICITS_HOP_DOORBELL:
		fprintf(o,
			",\"pa\":%llu,\"target\":", (unsigned long long)h->pa);
		json_name(o, t, h->node);
		break;
	case GICITS_HOP_DEVICE_ID:
		fputs(",\"from\":", o);
		json_name(o, t, h->node);
		fprintf(o, ",\"in\":%u,\"device_id\":%u", h->in, h->out);
		if (h->flags & GICITS_HOP_F_RAW_ID)
			fputs(",\"raw\":true", o);
		break;
	case GICITS_HOP_ITS:
		fputs(",\"its\":", o);
		json_name(o, t, h->node);
		fprintf(o,
			",\"device_id\":%u,\"event_id\":%u,\"result\":\"%s\"",
			h->in, h->out, its_result(h->result));
		break;
	case GICITS_HOP_LPI:
		fprintf(o, ",\"intid\":%u,\"cpu\":%d", h->out, h->cpu);
		break;
	}
	fputc('}', o);
}

static void hop_text(FILE *o, const struct gicits_topo *t,
		     const struct gicits_fabric_hop *h)
{
	const char *n = name_of(t, h->node);

	if (!n)
		n = "-";
	switch (h->kind) {
	case GICITS_HOP_REQUESTER:
		fprintf(o, "%s id 0x%x ", n, h->in);
		if (h->addr)
			fprintf(o, "writes 0x%llx",
				(unsigned long long)h->addr);
		else
			fputs("has no MSI domain", o);
		break;
	case GICITS_HOP_STREAM:
		fprintf(o, " -> StreamID 0x%x", h->out);
		break;
	case GICITS_HOP_IOMMU:
		fprintf(o, " -> %s %s", n, outcome_name(h));
		if (h->result == 0 && !(h->flags & GICITS_HOP_F_UNMODELLED))
			fprintf(o, " to 0x%llx", (unsigned long long)h->pa);
		break;
	case GICITS_HOP_WIRE:
		fprintf(o, "%s wire %u %s", n, h->in, h->out ? "high" : "low");
		break;
	case GICITS_HOP_DOORBELL:
		fprintf(o, " -> 0x%llx (%s)", (unsigned long long)h->pa,
			h->node >= 0 ? n : "no doorbell");
		break;
	case GICITS_HOP_DEVICE_ID:
		fprintf(o, " -> DeviceID 0x%x%s", h->out,
			h->flags & GICITS_HOP_F_RAW_ID ? " (raw ID)" : "");
		break;
	case GICITS_HOP_ITS:
		fprintf(o, " -> ITS EventID %u: %s", h->out,
			its_result(h->result));
		break;
	case GICITS_HOP_LPI:
		fprintf(o, " -> LPI %u on CPU %d", h->out, h->cpu);
		break;
	}
}

static void add_edge(struct out *x, int from, int to)
{
	size_t i;

	for (i = 0; i < x->n_edges; i++)
		if (x->edges[i].from == from && x->edges[i].to == to) {
			x->edges[i].count++;
			return;
		}
	if (x->n_edges == x->cap_edges) {
		size_t cap = x->cap_edges ? 2 * x->cap_edges : 32;
		struct edge *e = realloc(x->edges, cap * sizeof(*e));

		if (!e) {
			x->oom = 1;
			return;
		}
		x->edges = e;
		x->cap_edges = cap;
	}
	x->edges[x->n_edges].from = from;
	x->edges[x->n_edges].to = to;
	x->edges[x->n_edges].count = 1;
	x->n_edges++;
}

/* One requester's line.  @seg/@rid for a PCI requester, else @node/@index. */
static void print_delivery(struct out *x, int pci, uint32_t seg, uint32_t rid,
			   int node, int index,
			   const struct gicits_fabric_delivery *d)
{
	FILE *o = x->o;
	const struct gicits_topo *t = x->t;
	int at_its = d->result == GICITS_FABRIC_DELIVERED ||
		     d->result == GICITS_FABRIC_DROPPED;
	unsigned i;

	if (x->op->fw.fmt == CLI_FW_DOT) {
		int prev = -2;

		for (i = 0; i < d->n_hops; i++) {
			const struct gicits_fabric_hop *h = &d->hops[i];

			if (h->kind != GICITS_HOP_REQUESTER &&
			    h->kind != GICITS_HOP_IOMMU &&
			    h->kind != GICITS_HOP_WIRE &&
			    h->kind != GICITS_HOP_DOORBELL)
				continue;
			if (prev != -2 && prev != h->node)
				add_edge(x, prev, h->node);
			prev = h->node;
		}
		return;
	}
	if (x->op->fw.fmt == CLI_FW_JSON) {
		fputs("{\"kind\":\"delivery\"", o);
		if (pci) {
			fprintf(o, ",\"segment\":%u,\"rid\":%u", seg, rid);
		} else {
			fputs(",\"node\":", o);
			json_name(o, t, node);
			fprintf(o, ",\"index\":%d", index);
		}
		fputs(",\"its\":", o);
		if (at_its) {
			json_name(o, t, d->its_node);
			fprintf(o, ",\"device_id\":%u", d->device_id);
		} else {
			fputs("null,\"device_id\":null", o);
		}
		fputs(",\"hops\":[", o);
		for (i = 0; i < d->n_hops; i++) {
			if (i)
				fputc(',', o);
			hop_json(o, t, &d->hops[i]);
		}
		fprintf(o, "],\"result\":\"%s\",\"event_id\":%u",
			gicits_fabric_result_name(d->result), d->event_id);
		if (d->result == GICITS_FABRIC_DROPPED)
			fprintf(o, ",\"drop\":\"%s\"",
				gicits_drop_name(d->drop));
		fputs("}\n", o);
		return;
	}
	if (pci)
		fprintf(o, "route %04x:%02x:%02x.%u", seg, rid >> 8,
			(rid >> 3) & 0x1f, rid & 7);
	else
		fprintf(o, "route %s#%d", name_of(t, node), index);
	if (at_its)
		fprintf(o, " its=%s device_id=0x%x", name_of(t, d->its_node),
			d->device_id);
	else
		fputs(" its=-", o);
	fprintf(o, " [%s", gicits_fabric_result_name(d->result));
	if (d->result == GICITS_FABRIC_DROPPED)
		fprintf(o, ": %s", gicits_drop_name(d->drop));
	fputs("]: ", o);
	for (i = 0; i < d->n_hops; i++)
		hop_text(o, t, &d->hops[i]);
	fputc('\n', o);
}

static void route_rid(struct out *x, struct gicits_fabric *f, uint32_t seg,
		      uint32_t rid)
{
	struct gicits_fabric_delivery d;

	if (gicits_fabric_post_rid(f, seg, rid, GICITS_FABRIC_ADDR_MSI, 0, &d))
		return;
	print_delivery(x, 1, seg, rid, -1, 0, &d);
}

/* Each own ID of @node.  A translator's first one is posted by its wire 0
 * (a rising edge), the way the hardware makes it. */
static void route_node(struct out *x, struct gicits_fabric *f, int node)
{
	struct gicits_fabric_delivery d, low;
	struct gicits_topo_result r;
	int k;

	for (k = 0; !gicits_topo_own(x->t, node, k, &r); k++) {
		if (k == 0 && gicits_fabric_xlat(f, node)) {
			if (gicits_fabric_wire(f, node, 0, 1, &d))
				continue;
			gicits_fabric_wire(f, node, 0, 0, &low);
		} else if (gicits_fabric_post_node(f, node, (unsigned)k,
						   GICITS_FABRIC_ADDR_MSI, 0,
						   &d)) {
			continue;
		}
		print_delivery(x, 0, 0, 0, node, k, &d);
	}
}

/* The same requesters, in the same order, as gicits topo --all. */
static void route_all(struct out *x, struct gicits_fabric *f)
{
	const struct gicits_topo *t = x->t;
	int i, count = gicits_topo_node_count(t);

	for (i = 0; i < count; i++) {
		struct gicits_topo_node n;
		uint32_t rid;

		gicits_topo_node(t, i, &n);
		if (n.type != GICITS_TOPO_ROOT_COMPLEX || !n.enabled ||
		    (x->op->fw.have_segment && n.segment != x->op->fw.segment))
			continue;
		if (gicits_topo_root_complex(t, n.segment) != i)
			continue; /* a second RC on one segment is unreachable */
		for (rid = n.rid_lo;; rid++) {
			route_rid(x, f, n.segment, rid);
			if (rid == n.rid_hi)
				break;
		}
	}
	if (x->op->fw.have_segment)
		return;
	for (i = 0; i < count; i++) {
		struct gicits_topo_node n;

		gicits_topo_node(t, i, &n);
		if (n.enabled)
			route_node(x, f, i);
	}
}

static void print_dot(struct out *x)
{
	FILE *o = x->o;
	size_t i;
	int count = gicits_topo_node_count(x->t), k;
	unsigned char *used = calloc((size_t)count + 1, 1);

	if (!used) {
		x->oom = 1;
		return;
	}
	for (i = 0; i < x->n_edges; i++) {
		if (x->edges[i].from >= 0)
			used[x->edges[i].from] = 1;
		if (x->edges[i].to >= 0)
			used[x->edges[i].to] = 1;
	}
	fputs("digraph gicits_route {\n"
	      "  rankdir=LR;\n"
	      "  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=10];\n"
	      "  edge [fontname=\"Helvetica\", fontsize=9];\n"
	      "  nowhere [label=\"no doorbell\", fillcolor=\"#eeeeee\"];\n",
	      o);
	for (k = 0; k < count; k++) {
		struct gicits_topo_node n;
		const char *colour = "#d9ead3";

		if (!used[k])
			continue;
		gicits_topo_node(x->t, k, &n);
		if (n.type == GICITS_TOPO_ITS)
			colour = "#f4cccc";
		else if (n.type == GICITS_TOPO_SMMU ||
			 n.type == GICITS_TOPO_SMMUV3 ||
			 n.type == GICITS_TOPO_IOMMU_OTHER)
			colour = "#fff2cc";
		else if (n.type == GICITS_TOPO_ROOT_COMPLEX)
			colour = "#cfe2f3";
		fprintf(o, "  n%d [label=\"", k);
		cli_dot_escape(o, n.name);
		fprintf(o, "\\n%s\", fillcolor=\"%s\"];\n",
			gicits_topo_type_name(n.type), colour);
	}
	for (i = 0; i < x->n_edges; i++) {
		const struct edge *e = &x->edges[i];

		if (e->from >= 0)
			fprintf(o, "  n%d -> ", e->from);
		else
			fputs("  nowhere -> ", o);
		if (e->to >= 0)
			fprintf(o, "n%d", e->to);
		else
			fputs("nowhere", o);
		fprintf(o, " [label=\"%lu write%s\"];\n", e->count,
			e->count == 1 ? "" : "s");
	}
	fputs("}\n", o);
	free(used);
}

enum {
	OPT_NODE = CLI_FW_NEXT,
};

/* 0: go on; -1: --help or --version done; otherwise the exit status. */
static int parse_args(int argc, char **argv, struct opts *op)
{
	static const struct cli_opt opts[] = {
		{ "madt", 1, CLI_FW_MADT },
		{ "segment", 1, CLI_FW_SEGMENT },
		{ "rid", 1, CLI_FW_RID },
		{ "node", 1, OPT_NODE },
		{ "all", 0, CLI_FW_ALL },
		{ "format", 1, CLI_FW_FORMAT },
		{ NULL, 0, 0 },
	};
	struct cli c;
	int r, rc;

	memset(op, 0, sizeof(*op));
	cli_init(&c, "gicits route", opts, usage, argc, argv);
	while ((r = cli_next(&c)) != CLI_END) {
		if (r == CLI_STOP)
			return c.status == CLI_EXIT_OK ? -1 : c.status;
		rc = cli_fw_opt(&c, r, &op->fw);
		if (rc > 1 || rc < 0)
			return rc;
		if (rc == 1) /* OPT_NODE */
			op->node = c.val;
	}
	if (!op->fw.file)
		return cli_error(&c, "no FILE given");
	if (op->fw.have_rid + op->fw.all + !!op->node != 1)
		return cli_error(&c,
				 "give exactly one of --rid, --node, --all");
	if (op->node && op->fw.have_segment)
		return cli_error(&c, "--segment goes with --rid or --all");
	return 0;
}

static int load(const struct opts *op, struct gicits_fabric **f)
{
	struct gicits_topo *t;
	int rc = cli_fw_load("gicits route", &op->fw, &t);

	if (rc)
		return rc;
	rc = gicits_fabric_create(t, NULL, f);
	if (rc) {
		fprintf(stderr,
			"gicits route: %s: cannot build the system: %s\n",
			op->fw.file, gicits_strerror(rc));
		gicits_topo_free(t);
		return CLI_EXIT_FAIL;
	}
	return 0;
}

int cmd_route(int argc, char **argv)
{
	struct gicits_fabric *f = NULL;
	struct gicits_topo *t;
	struct opts op;
	struct out x;
	const char *msg;
	int rc, status = CLI_EXIT_OK;

	rc = parse_args(argc, argv, &op);
	if (rc)
		return rc < 0 ? CLI_EXIT_OK : rc;
	rc = load(&op, &f);
	if (rc)
		return rc;
	t = (struct gicits_topo *)gicits_fabric_topo(f);
	memset(&x, 0, sizeof(x));
	x.o = stdout;
	x.op = &op;
	x.t = t;
	if (op.fw.all) {
		route_all(&x, f);
	} else if (op.node) {
		int node = gicits_topo_find(t, op.node);

		if (node < 0) {
			fprintf(stderr, "gicits route: %s: no node '%s'\n",
				op.fw.file, op.node);
			status = CLI_EXIT_USAGE;
		} else {
			route_node(&x, f, node);
		}
	} else if (gicits_topo_root_complex(t, op.fw.segment) < 0) {
		fprintf(stderr,
			"gicits route: %s: no root complex has segment %u\n",
			op.fw.file, op.fw.segment);
		status = CLI_EXIT_USAGE;
	} else {
		route_rid(&x, f, op.fw.segment, op.fw.rid);
	}
	if (op.fw.fmt == CLI_FW_DOT && status == CLI_EXIT_OK)
		print_dot(&x);
	if (x.oom) {
		fprintf(stderr, "gicits route: out of memory\n");
		status = CLI_EXIT_FAIL;
	}
	free(x.edges);
	if (gicits_topo_check(t, &msg)) {
		fflush(stdout);
		fprintf(stderr, "gicits route: %s: %s\n", op.fw.file, msg);
		status = CLI_EXIT_USAGE;
	}
	gicits_fabric_destroy(f);
	gicits_topo_free(t);
	return status;
}
