/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * gicits topo: resolve and lint a DTB or IORT topology.  All logic lives in
 * the library (include/gicits/topo.h); this file parses options and formats
 * results as text, JSON lines or Graphviz dot.
 *
 * Exit status (cli.h): 0 fine; 1 --lint found an error-severity finding, or
 * the run failed (out of memory); 2 bad usage, unreadable or malformed
 * input, or a topology with dangling references or reference loops.
 */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gicits/error.h"
#include "gicits/topo.h"

struct opts {
	struct cli_fw fw; /* FILE, --madt, --segment, --rid, --all, --format */
	int lint;
	unsigned devbits;
};

static void usage(FILE *f)
{
	fprintf(f,
		"usage: gicits topo FILE [--madt FILE] [--segment N] [--rid ID | --all]\n"
		"                   [--lint] [--devbits N] [--format text|json|dot]\n"
		"\n"
		"FILE is a flattened device tree blob or a raw ACPI IORT table.\n"
		"  --madt FILE     MADT (APIC) to cross-check the IORT's ITS IDs\n"
		"  --segment N     PCI segment (default 0; with --all: only this one)\n"
		"  --rid ID        resolve one requester ID (0x0100 or 01:00.0)\n"
		"  --all           resolve every RID each root complex can produce,\n"
		"                  and the own IDs of every other source\n"
		"  --lint          check collisions, aliasing, coverage, structure\n"
		"  --devbits N     DeviceID bits of the ITSes, for --lint (1-32)\n"
		"  --format F      text (default), json (one object per line), dot\n"
		"\n"
		"Exit status: 0 ok, 1 lint errors, 2 bad input.\n");
}

static const char *node_name(const struct gicits_topo *t, int idx)
{
	struct gicits_topo_node n;

	if (idx < 0 || gicits_topo_node(t, idx, &n))
		return "?";
	return n.name;
}

static void print_quirks_json(FILE *o, uint32_t q)
{
	int first = 1;
	uint32_t bit;

	fputs(",\"quirks\":[", o);
	for (bit = 1; bit; bit <<= 1) {
		const char *name = gicits_topo_quirk_name(bit);

		if (!(q & bit) || !name)
			continue;
		if (!first)
			fputc(',', o);
		cli_json_str(o, name);
		first = 0;
	}
	fputc(']', o);
}

static void print_quirks_text(FILE *o, uint32_t q)
{
	uint32_t bit;

	for (bit = 1; bit; bit <<= 1) {
		const char *name = gicits_topo_quirk_name(bit);

		if ((q & bit) && name)
			fprintf(o, " quirk=%s", name);
	}
}

static void print_sides_json(FILE *o, const struct gicits_topo *t,
			     const struct gicits_topo_result *r)
{
	fputs(",\"stream\":", o);
	if (r->stream_node >= 0 && (r->stream_status == GICITS_TOPO_OK ||
				    r->stream_status == GICITS_TOPO_DISABLED)) {
		fputs("{\"iommu\":", o);
		cli_json_str(o, node_name(t, r->stream_node));
		fprintf(o, ",\"id\":%u", r->stream_id);
		if (r->stream_mask)
			fprintf(o, ",\"mask\":%u", r->stream_mask);
		fputc('}', o);
	} else {
		fputs("null", o);
	}
	fputs(",\"msi\":", o);
	if (r->msi_node >= 0 && (r->msi_status == GICITS_TOPO_OK ||
				 r->msi_status == GICITS_TOPO_UNMAPPED)) {
		struct gicits_topo_node n;

		gicits_topo_node(t, r->msi_node, &n);
		fputs("{\"controller\":", o);
		cli_json_str(o, n.name);
		fprintf(o, ",\"device_id\":%u,\"type\":", r->device_id);
		cli_json_str(o, gicits_topo_type_name(n.type));
		if (n.n_its_ids)
			fprintf(o, ",\"its_id\":%u", n.its_ids[0]);
		if (r->msi_via >= 0) {
			fputs(",\"via\":", o);
			cli_json_str(o, node_name(t, r->msi_via));
		}
		fputc('}', o);
	} else {
		fputs("null", o);
	}
	fprintf(o,
		",\"status\":\"%s\",\"msi_status\":\"%s\",\"stream_status\":\"%s\"",
		gicits_topo_status_name(r->status),
		gicits_topo_status_name(r->msi_status),
		gicits_topo_status_name(r->stream_status));
	print_quirks_json(o, r->quirks);
	if (r->reason) {
		fputs(",\"reason\":", o);
		cli_json_str(o, r->reason);
	}
}

static void print_sides_text(FILE *o, const struct gicits_topo *t,
			     const struct gicits_topo_result *r)
{
	fprintf(o, " stream=");
	if (r->stream_node >= 0 && (r->stream_status == GICITS_TOPO_OK ||
				    r->stream_status == GICITS_TOPO_DISABLED)) {
		fprintf(o, "%s:0x%x", node_name(t, r->stream_node),
			r->stream_id);
		if (r->stream_mask)
			fprintf(o, "/mask=0x%x", r->stream_mask);
	} else {
		fprintf(o, "-");
	}
	fprintf(o, " msi=");
	if (r->msi_node >= 0 && (r->msi_status == GICITS_TOPO_OK ||
				 r->msi_status == GICITS_TOPO_UNMAPPED))
		fprintf(o, "%s:0x%x", node_name(t, r->msi_node), r->device_id);
	else
		fprintf(o, "-");
	fprintf(o, " [%s]", gicits_topo_status_name(r->status));
	print_quirks_text(o, r->quirks);
	if (r->reason)
		fprintf(o, " (%s)", r->reason);
	fputc('\n', o);
}

static void print_resolve(FILE *o, const struct gicits_topo *t,
			  const struct opts *op, uint32_t seg, uint32_t rid,
			  const struct gicits_topo_result *r)
{
	if (op->fw.fmt == CLI_FW_JSON) {
		fprintf(o, "{\"kind\":\"resolve\",\"segment\":%u,\"rid\":%u",
			seg, rid);
		print_sides_json(o, t, r);
		fputs("}\n", o);
	} else {
		fprintf(o, "resolve %04x:%02x:%02x.%u", seg, rid >> 8,
			(rid >> 3) & 0x1f, rid & 7);
		print_sides_text(o, t, r);
	}
}

static void print_own(FILE *o, const struct gicits_topo *t,
		      const struct opts *op, int node, int index,
		      const struct gicits_topo_result *r)
{
	struct gicits_topo_node n;

	gicits_topo_node(t, node, &n);
	if (op->fw.fmt == CLI_FW_JSON) {
		fputs("{\"kind\":\"own\",\"node\":", o);
		cli_json_str(o, n.name);
		fputs(",\"type\":", o);
		cli_json_str(o, gicits_topo_type_name(n.type));
		fprintf(o, ",\"index\":%d", index);
		if (n.num_pins)
			fprintf(o, ",\"events\":%u", n.num_pins);
		print_sides_json(o, t, r);
		fputs("}\n", o);
	} else {
		fprintf(o, "own %s %s#%d", gicits_topo_type_name(n.type),
			n.name, index);
		if (n.num_pins)
			fprintf(o, " events=%u", n.num_pins);
		print_sides_text(o, t, r);
	}
}

static void resolve_all(FILE *o, const struct gicits_topo *t,
			const struct opts *op)
{
	int i, k, count = gicits_topo_node_count(t);

	for (i = 0; i < count; i++) {
		struct gicits_topo_node n;
		struct gicits_topo_result r;
		uint32_t rid;

		gicits_topo_node(t, i, &n);
		if (n.type != GICITS_TOPO_ROOT_COMPLEX || !n.enabled ||
		    (op->fw.have_segment && n.segment != op->fw.segment))
			continue;
		if (gicits_topo_root_complex(t, n.segment) != i)
			continue; /* a second RC on one segment is unreachable */
		for (rid = n.rid_lo;; rid++) {
			gicits_topo_resolve_node(t, i, rid, &r);
			print_resolve(o, t, op, n.segment, rid, &r);
			if (rid == n.rid_hi)
				break;
		}
	}
	if (op->fw.have_segment)
		return;
	for (i = 0; i < count; i++) {
		struct gicits_topo_node n;
		struct gicits_topo_result r;

		gicits_topo_node(t, i, &n);
		if (!n.enabled)
			continue;
		for (k = 0; !gicits_topo_own(t, i, k, &r); k++)
			print_own(o, t, op, i, k, &r);
	}
}

static int on_finding(void *opaque, const struct gicits_topo_finding *f)
{
	void **ctx = opaque;
	FILE *o = ctx[0];
	const struct gicits_topo *t = ctx[1];
	const struct opts *op = ctx[2];

	if (op->fw.fmt == CLI_FW_JSON) {
		fputs("{\"kind\":\"finding\",\"severity\":", o);
		cli_json_str(o, gicits_topo_severity_name(f->severity));
		fputs(",\"code\":", o);
		cli_json_str(o, f->code);
		fputs(",\"message\":", o);
		cli_json_str(o, f->message);
		fputs(",\"node\":", o);
		if (f->node >= 0)
			cli_json_str(o, node_name(t, f->node));
		else
			fputs("null", o);
		fputs(",\"other\":", o);
		if (f->other >= 0)
			cli_json_str(o, node_name(t, f->other));
		else
			fputs("null", o);
		fputs("}\n", o);
	} else {
		fprintf(o, "%s %s: %s\n",
			gicits_topo_severity_name(f->severity), f->code,
			f->message);
	}
	return 0;
}

static void list_nodes(FILE *o, const struct gicits_topo *t,
		       const struct opts *op)
{
	int i, count = gicits_topo_node_count(t);

	for (i = 0; i < count; i++) {
		struct gicits_topo_node n;

		gicits_topo_node(t, i, &n);
		if (n.type == GICITS_TOPO_OTHER && n.revision < 0)
			continue;
		if (op->fw.fmt == CLI_FW_JSON) {
			fputs("{\"kind\":\"node\",\"name\":", o);
			cli_json_str(o, n.name);
			fputs(",\"type\":", o);
			cli_json_str(o, gicits_topo_type_name(n.type));
			fputs(",\"compatible\":", o);
			cli_json_str(o, n.compatible);
			fprintf(o, ",\"enabled\":%s",
				n.enabled ? "true" : "false");
			if (n.type == GICITS_TOPO_ROOT_COMPLEX)
				fprintf(o,
					",\"segment\":%u,\"rid_lo\":%u,\"rid_hi\":%u",
					n.segment, n.rid_lo, n.rid_hi);
			if (n.n_its_ids)
				fprintf(o, ",\"its_id\":%u", n.its_ids[0]);
			fputs("}\n", o);
		} else {
			fprintf(o, "node %-14s %s%s",
				gicits_topo_type_name(n.type), n.name,
				n.enabled ? "" : " (disabled)");
			if (n.type == GICITS_TOPO_ROOT_COMPLEX)
				fprintf(o, " segment=%u rids=0x%x-0x%x",
					n.segment, n.rid_lo, n.rid_hi);
			if (n.n_its_ids)
				fprintf(o, " its_id=%u", n.its_ids[0]);
			fprintf(o, " [%s]\n", n.compatible);
		}
	}
}

/* ---------------------------------------------------------------------- */
/* Graphviz                                                                */

static const char *id_word(enum gicits_topo_type type, int out)
{
	switch (type) {
	case GICITS_TOPO_ROOT_COMPLEX:
		return out ? "ID" : "RID";
	case GICITS_TOPO_FSLMC:
		return "ICID";
	case GICITS_TOPO_SMMU:
	case GICITS_TOPO_SMMUV3:
	case GICITS_TOPO_IOMMU_OTHER:
		return "SID";
	case GICITS_TOPO_ITS:
		return "DevID";
	default:
		return "ID";
	}
}

static void print_dot(FILE *o, const struct gicits_topo *t)
{
	int i, count = gicits_topo_node_count(t),
	       ne = gicits_topo_edge_count(t);
	unsigned char *used = calloc((size_t)count + 1, 1);

	if (!used)
		return;
	for (i = 0; i < ne; i++) {
		struct gicits_topo_edge e;
		struct gicits_topo_node to;

		gicits_topo_edge(t, i, &e);
		gicits_topo_node(t, e.to, &to);
		if (to.type == GICITS_TOPO_OTHER)
			continue;
		used[e.from] = used[e.to] = 1;
	}
	fputs("digraph gicits {\n"
	      "  rankdir=LR;\n"
	      "  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=10];\n"
	      "  edge [fontname=\"Helvetica\", fontsize=9];\n",
	      o);
	for (i = 0; i < count; i++) {
		struct gicits_topo_node n;
		const char *colour;

		if (!used[i])
			continue;
		gicits_topo_node(t, i, &n);
		switch (n.type) {
		case GICITS_TOPO_ITS:
			colour = "#f4cccc";
			break;
		case GICITS_TOPO_MSI_OTHER:
			colour = "#eeeeee";
			break;
		case GICITS_TOPO_SMMU:
		case GICITS_TOPO_SMMUV3:
		case GICITS_TOPO_IOMMU_OTHER:
			colour = "#fff2cc";
			break;
		case GICITS_TOPO_ROOT_COMPLEX:
		case GICITS_TOPO_FSLMC:
			colour = "#cfe2f3";
			break;
		default:
			colour = "#d9ead3";
			break;
		}
		fprintf(o, "  n%d [label=\"", i);
		cli_dot_escape(o, n.name);
		fprintf(o, "\\n%s", gicits_topo_type_name(n.type));
		if (n.type == GICITS_TOPO_ROOT_COMPLEX)
			fprintf(o, " seg %u", n.segment);
		if (n.n_its_ids)
			fprintf(o, " ITS ID %u", n.its_ids[0]);
		if (n.num_pins)
			fprintf(o, " %u pins", n.num_pins);
		fprintf(o, "\", fillcolor=\"%s\"%s];\n", colour,
			n.enabled ? "" : ", style=\"rounded,dashed\"");
	}
	for (i = 0; i < ne; i++) {
		struct gicits_topo_edge e;
		struct gicits_topo_node from, to;
		const char *win, *wout;

		gicits_topo_edge(t, i, &e);
		if (!used[e.from] || !used[e.to])
			continue;
		gicits_topo_node(t, e.from, &from);
		gicits_topo_node(t, e.to, &to);
		if (to.type == GICITS_TOPO_OTHER)
			continue;
		win = id_word(from.type, 0);
		wout = id_word(to.type, 1);
		fprintf(o, "  n%d -> n%d [label=\"", e.from, e.to);
		if (e.identity)
			fprintf(o, "%s = %s", wout, win);
		else if (e.single)
			fprintf(o, "%s%s 0x%x", e.own ? "own " : "", wout,
				e.out_base);
		else if (!e.count)
			fprintf(o, "%s 0x%x: empty", win, e.in_base);
		else
			fprintf(o, "%s 0x%x-0x%llx\\n-> %s 0x%x-0x%llx", win,
				e.in_base,
				(unsigned long long)e.in_base + e.count - 1,
				wout, e.out_base,
				(unsigned long long)e.out_base + e.count - 1);
		if (e.mask != 0xffffffffu && !e.single)
			fprintf(o, "\\nmask 0x%x", e.mask);
		else if (e.single && e.mask != 0xffffffffu && e.mask)
			fprintf(o, " mask 0x%x", e.mask);
		fprintf(o, "\"%s];\n",
			e.kind == GICITS_TOPO_EDGE_MSI ? ", color=\"#990000\"" :
			e.kind == GICITS_TOPO_EDGE_STREAM ?
							 ", color=\"#7f6000\"" :
							 "");
	}
	fputs("}\n", o);
	free(used);
}

/* ---------------------------------------------------------------------- */

enum {
	OPT_LINT = CLI_FW_NEXT,
	OPT_DEVBITS,
};

/* 0: go on; otherwise the exit status (after --help or an error). */
static int parse_args(int argc, char **argv, struct opts *op)
{
	static const struct cli_opt opts[] = {
		{ "madt", 1, CLI_FW_MADT },
		{ "segment", 1, CLI_FW_SEGMENT },
		{ "rid", 1, CLI_FW_RID },
		{ "all", 0, CLI_FW_ALL },
		{ "lint", 0, OPT_LINT },
		{ "devbits", 1, OPT_DEVBITS },
		{ "format", 1, CLI_FW_FORMAT },
		{ NULL, 0, 0 },
	};
	struct cli c;
	uint32_t d;
	int r, rc;

	memset(op, 0, sizeof(*op));
	cli_init(&c, "gicits topo", opts, usage, argc, argv);
	while ((r = cli_next(&c)) != CLI_END) {
		if (r == CLI_STOP)
			return c.status == CLI_EXIT_OK ? -1 : c.status;
		rc = cli_fw_opt(&c, r, &op->fw);
		if (rc != 1) {
			if (rc)
				return rc;
			continue;
		}
		if (r == OPT_LINT) {
			op->lint = 1;
		} else { /* OPT_DEVBITS */
			if (cli_parse_u32(c.val, &d) || d < 1 || d > 32)
				return cli_bad_value(&c);
			op->devbits = d;
		}
	}
	if (!op->fw.file)
		return cli_error(&c, "no FILE given");
	if (op->fw.have_rid && op->fw.all)
		return cli_error(&c, "--rid and --all exclude each other");
	return 0;
}

int cmd_topo(int argc, char **argv)
{
	struct gicits_topo *t = NULL;
	struct opts op;
	const char *msg;
	int rc, status = 0;
	FILE *o = stdout;

	rc = parse_args(argc, argv, &op);
	if (rc)
		return rc < 0 ? CLI_EXIT_OK : rc;
	rc = cli_fw_load("gicits topo", &op.fw, &t);
	if (rc)
		return rc;
	if (op.fw.fmt == CLI_FW_DOT) {
		print_dot(o, t);
	} else {
		if (op.fw.have_rid) {
			struct gicits_topo_result r;

			gicits_topo_resolve(t, op.fw.segment, op.fw.rid, &r);
			print_resolve(o, t, &op, op.fw.segment, op.fw.rid, &r);
		} else if (op.fw.all) {
			resolve_all(o, t, &op);
		} else if (!op.lint) {
			list_nodes(o, t, &op);
		}
		if (op.lint) {
			struct gicits_topo_lint_opts lo = { op.devbits };
			void *ctx[3] = { o, t, &op };

			rc = gicits_topo_lint(t, &lo, on_finding, ctx);
			if (rc < 0) {
				fprintf(stderr, "gicits topo: lint: %s\n",
					gicits_strerror(rc));
				status = CLI_EXIT_FAIL;
			} else if (rc > 0) {
				status = 1;
			}
		}
	}
	if (gicits_topo_check(t, &msg)) {
		fflush(o);
		fprintf(stderr, "gicits topo: %s: %s\n", op.fw.file, msg);
		status = 2;
	}
	gicits_topo_free(t);
	return status;
}
