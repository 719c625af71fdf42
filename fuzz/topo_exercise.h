/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Shared by fuzz_dtb and fuzz_iort: after a successful load, call every
 * query of include/gicits/topo.h on the graph and check what the header
 * promises:
 *  - gicits_topo_node()/edge() succeed for every index below the counts and
 *    fail with GICITS_ENOENT just past them; names and strings are non-NULL
 *    and NUL-terminated; edge endpoints are node indices;
 *  - gicits_topo_find(name) finds a node with that name;
 *  - resolve (sampled RIDs of every root complex, including both ends of its
 *    bus range), resolve_node (a few IDs from every node) and own (every own
 *    ID) return 0, with statuses in range, node fields either -1 or a node
 *    index, and the same result when asked twice (the graph is read-only);
 *  - gicits_topo_lint() (devbits 0..32 chosen by the input) returns >= 0,
 *    equal to the number of error-severity findings it reported, with
 *    valid node indices and NUL-terminated messages, and (for one input in
 *    8) the same findings in the same order when run again.
 * A violation aborts.
 */
#ifndef GICITS_FUZZ_TOPO_EXERCISE_H
#define GICITS_FUZZ_TOPO_EXERCISE_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gicits/error.h"
#include "gicits/topo.h"

static void topo_fail(const char *what)
{
	fprintf(stderr, "topo fuzz: INVARIANT VIOLATED: %s\n", what);
	abort();
}

static int topo_nodes;

static void topo_check_node_ref(int n, const char *what)
{
	if (n < -1 || n >= topo_nodes)
		topo_fail(what);
}

static void topo_check_result(const struct gicits_topo_result *r)
{
	if ((unsigned)r->status > GICITS_TOPO_DISABLED ||
	    (unsigned)r->msi_status > GICITS_TOPO_DISABLED ||
	    (unsigned)r->stream_status > GICITS_TOPO_DISABLED)
		topo_fail("resolution status out of range");
	topo_check_node_ref(r->msi_node, "result msi_node");
	topo_check_node_ref(r->stream_node, "result stream_node");
	topo_check_node_ref(r->msi_via, "result msi_via");
	if (r->reason && strlen(r->reason) > 4096)
		topo_fail("result reason not a string");
	if (strcmp(gicits_topo_status_name(r->status), "?") == 0)
		topo_fail("status has no name");
}

static void topo_same(const struct gicits_topo_result *a,
		      const struct gicits_topo_result *b)
{
	if (a->status != b->status || a->msi_status != b->msi_status ||
	    a->msi_node != b->msi_node || a->device_id != b->device_id ||
	    a->msi_via != b->msi_via || a->stream_status != b->stream_status ||
	    a->stream_node != b->stream_node || a->stream_id != b->stream_id ||
	    a->stream_mask != b->stream_mask || a->quirks != b->quirks)
		topo_fail("a lookup gave two different answers");
}

static void topo_resolve_checked(const struct gicits_topo *t, uint32_t seg,
				 uint32_t rid)
{
	struct gicits_topo_result a, b;

	if (gicits_topo_resolve(t, seg, rid, &a) ||
	    gicits_topo_resolve(t, seg, rid, &b))
		topo_fail("gicits_topo_resolve failed");
	topo_check_result(&a);
	topo_same(&a, &b);
}

struct topo_lint_log {
	unsigned n, errors;
	uint32_t hash;
};

static int topo_on_finding(void *opaque, const struct gicits_topo_finding *f)
{
	struct topo_lint_log *log = opaque;
	size_t i, len;

	if (!f->code || !memchr(f->message, 0, sizeof(f->message)))
		topo_fail("lint finding without code or terminated message");
	topo_check_node_ref(f->node, "finding node");
	topo_check_node_ref(f->other, "finding other");
	if ((unsigned)f->severity > GICITS_TOPO_SEVERITY_ERROR)
		topo_fail("finding severity out of range");
	log->n++;
	if (f->severity == GICITS_TOPO_SEVERITY_ERROR)
		log->errors++;
	len = strlen(f->message);
	for (i = 0; i < len; i++)
		log->hash = log->hash * 31 + (uint8_t)f->message[i];
	log->hash = log->hash * 31 + (uint32_t)f->node;
	return 0;
}

/* The lint resolves every ID of every source: it dominates the run time,
 * so it runs once, and a second time (determinism) for one input in 8. */
static void topo_lint_checked(const struct gicits_topo *t, unsigned devbits,
			      int twice)
{
	struct gicits_topo_lint_opts o = { devbits };
	struct topo_lint_log a = { 0, 0, 0 }, b = { 0, 0, 0 };
	int ra, rb;

	ra = gicits_topo_lint(t, &o, topo_on_finding, &a);
	if (twice) {
		rb = gicits_topo_lint(t, &o, topo_on_finding, &b);
	} else {
		rb = ra;
		b = a;
	}
	if (ra == GICITS_ENOMEM || rb == GICITS_ENOMEM)
		return;
	if (ra < 0 || rb < 0)
		topo_fail("gicits_topo_lint failed");
	if ((unsigned)ra != a.errors)
		topo_fail("lint return != number of error findings");
	if (ra != rb || a.n != b.n || a.hash != b.hash)
		topo_fail("lint is not deterministic");
}

/* @seed: a few input bytes, to vary the sampled IDs. */
static void topo_exercise(const struct gicits_topo *t, uint32_t seed)
{
	int n = gicits_topo_node_count(t), e = gicits_topo_edge_count(t), i;
	struct gicits_topo_node nd;
	struct gicits_topo_edge ed;
	struct gicits_topo_result r, r2;
	const char *msg = NULL;

	topo_nodes = n;
	if (n < 0 || e < 0)
		topo_fail("negative count");
	if (gicits_topo_source(t) == GICITS_TOPO_SRC_NONE)
		topo_fail("loaded topology has no source");
	gicits_topo_check(t, &msg);
	if (gicits_topo_node(t, n, &nd) != GICITS_ENOENT ||
	    gicits_topo_edge(t, e, &ed) != GICITS_ENOENT)
		topo_fail("index past the end accepted");
	for (i = 0; i < e; i++) {
		if (gicits_topo_edge(t, i, &ed))
			topo_fail("gicits_topo_edge failed");
		if (ed.from < 0 || ed.from >= n || ed.to < 0 || ed.to >= n)
			topo_fail("edge endpoint is not a node");
	}
	for (i = 0; i < n; i++) {
		uint32_t ids[6], k;
		int f;

		if (gicits_topo_node(t, i, &nd))
			topo_fail("gicits_topo_node failed");
		if (!nd.name || !nd.compatible)
			topo_fail("node without name or compatible");
		if (strlen(nd.name) > 1u << 20 ||
		    strlen(nd.compatible) > 1u << 20)
			topo_fail("node strings too long");
		if (nd.n_its_ids && !nd.its_ids)
			topo_fail("n_its_ids without its_ids");
		for (k = 0; k < nd.n_its_ids; k++)
			seed += nd.its_ids[k];
		f = gicits_topo_find(t, nd.name);
		if (f < 0 || f > i)
			topo_fail(
				"gicits_topo_find does not find a node's name");
		gicits_topo_type_name(nd.type);
		if (nd.type == GICITS_TOPO_ROOT_COMPLEX) {
			uint32_t span, rid;
			int rc = gicits_topo_root_complex(t, nd.segment);

			if (rc < 0 || rc >= n)
				topo_fail(
					"root complex of a segment not found");
			topo_resolve_checked(t, nd.segment, nd.rid_lo);
			topo_resolve_checked(t, nd.segment, nd.rid_hi);
			span = nd.rid_hi - nd.rid_lo;
			for (k = 0; k < 16 && nd.rid_hi >= nd.rid_lo; k++) {
				rid = nd.rid_lo +
				      (uint32_t)(((uint64_t)span * k) / 16);
				topo_resolve_checked(t, nd.segment,
						     rid ^ (seed & 7));
			}
		}
		ids[0] = 0;
		ids[1] = nd.rid_lo;
		ids[2] = nd.rid_hi;
		ids[3] = seed;
		ids[4] = 0xffffffffu;
		ids[5] = seed >> 16;
		for (k = 0; k < 6; k++) {
			int ra = gicits_topo_resolve_node(t, i, ids[k], &r);
			int rb = gicits_topo_resolve_node(t, i, ids[k], &r2);

			if (ra != rb || (ra && ra != GICITS_ENOENT))
				topo_fail("gicits_topo_resolve_node failed");
			if (!ra) {
				topo_check_result(&r);
				topo_same(&r, &r2);
			}
		}
		for (k = 0; k < 64; k++) {
			int ro = gicits_topo_own(t, i, (int)k, &r);

			if (ro == GICITS_ENOENT)
				break;
			if (ro)
				topo_fail("gicits_topo_own failed");
			topo_check_result(&r);
		}
	}
	topo_resolve_checked(t, seed & 3, seed >> 8 & 0xffff);
	topo_resolve_checked(t, 0xffffffffu, 0);
	topo_lint_checked(t, seed % 33, (seed >> 5 & 7) == 0);
}

#endif
