/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The collision / coverage lint (docs/topology.md, "Lint codes").
 *
 * Claims (sink, output interval, source) are built by resolving every ID a
 * source can produce with gicits_topo_resolve_node() / gicits_topo_own() --
 * the very code the resolution uses -- and merging consecutive IDs into
 * intervals, so the claims agree with Linux by construction, including the
 * IORT off-by-one precedence and the DT first-match rule.  A root complex
 * produces at most 65536 RIDs, so the enumeration is cheap; the checks then
 * work on intervals.
 */
#include "topo_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gicits/error.h"

struct claim {
	int source;
	int sink;
	int stream; /* 0: DeviceID at an ITS, 1: StreamID at an IOMMU */
	int via; /* IORT: IOMMU the MSI passed through, -1 */
	int own; /* an IOMMU's / PMCG's own MSIs */
	uint32_t in_lo, in_hi;
	uint32_t out_lo, out_hi;
};

struct pair {
	int a, b, sink, stream;
};

struct lint {
	const struct gicits_topo *t;
	gicits_topo_finding_fn fn;
	void *opaque;
	unsigned devbits;
	int errors;
	int stop;
	int oom;
	struct claim *c;
	size_t n, cap;
	long last[2]; /* last claim of the current source, per kind */
	struct pair *pairs;
	size_t n_pairs, cap_pairs;
};

static void emit(struct lint *l, enum gicits_topo_severity sev,
		 const char *code, int node, int other, const char *fmt, ...)
{
	struct gicits_topo_finding f;
	va_list ap;

	if (l->stop)
		return;
	f.severity = sev;
	f.code = code;
	f.node = node;
	f.other = other;
	va_start(ap, fmt);
	vsnprintf(f.message, sizeof(f.message), fmt, ap);
	va_end(ap);
	if (sev == GICITS_TOPO_SEVERITY_ERROR)
		l->errors++;
	if (l->fn(l->opaque, &f))
		l->stop = 1;
}

static const char *nm(const struct lint *l, int n)
{
	return n >= 0 ? l->t->nodes[n].name : "(none)";
}

static void add_claim(struct lint *l, int source, int sink, int stream,
		      int via, int own, uint32_t in, uint32_t out)
{
	struct claim *c;
	long li = l->last[stream];

	if (li >= 0) {
		c = &l->c[li];
		if (c->source == source && c->sink == sink && c->via == via &&
		    c->own == own && in == c->in_hi + 1 && in != 0) {
			int linear = out == c->out_hi + 1 && out != 0 &&
				     c->out_hi - c->out_lo == c->in_hi - c->in_lo;
			int constant = out == c->out_lo && c->out_lo == c->out_hi;

			if (linear || constant) {
				c->in_hi = in;
				if (linear)
					c->out_hi = out;
				return;
			}
		}
	}
	if (l->n == l->cap) {
		size_t ncap = l->cap ? l->cap * 2 : 1024;
		struct claim *p = realloc(l->c, ncap * sizeof(*p));

		if (!p) {
			l->oom = 1;
			return;
		}
		l->c = p;
		l->cap = ncap;
	}
	c = &l->c[l->n];
	c->source = source;
	c->sink = sink;
	c->stream = stream;
	c->via = via;
	c->own = own;
	c->in_lo = c->in_hi = in;
	c->out_lo = c->out_hi = out;
	l->last[stream] = (long)l->n++;
}

struct run {
	uint64_t count;
	uint32_t lo, hi; /* first run */
	int have, closed;
};

static void run_add(struct run *r, uint32_t id)
{
	r->count++;
	if (!r->have) {
		r->have = 1;
		r->lo = r->hi = id;
	} else if (!r->closed && id == r->hi + 1) {
		r->hi = id;
	} else {
		r->closed = 1;
	}
}

/* Claims of a bus (root complex, fsl-mc) over every ID it can produce. */
static void bus_claims(struct lint *l, int node)
{
	const struct gicits_topo *t = l->t;
	const struct topo_node *n = &t->nodes[node];
	struct run um = { 0 }, us = { 0 };
	uint32_t lo = n->rid_lo, hi = n->rid_hi, id;

	if (n->type == GICITS_TOPO_FSLMC) {
		lo = 0;
		hi = 0xffff;
	}
	l->last[0] = l->last[1] = -1;
	for (id = lo; !l->oom; id++) {
		struct gicits_topo_result r;

		gicits_topo_resolve_node(t, node, id, &r);
		if (r.msi_node >= 0 && t->nodes[r.msi_node].type == GICITS_TOPO_ITS &&
		    (r.msi_status == GICITS_TOPO_OK ||
		     r.msi_status == GICITS_TOPO_UNMAPPED))
			add_claim(l, node, r.msi_node, 0, r.msi_via, 0, id,
				  r.device_id);
		if (r.msi_status == GICITS_TOPO_UNMAPPED)
			run_add(&um, id);
		if (r.stream_status == GICITS_TOPO_OK ||
		    r.stream_status == GICITS_TOPO_DISABLED)
			add_claim(l, node, r.stream_node, 1, -1, 0, id,
				  r.stream_id);
		if (r.stream_status == GICITS_TOPO_UNMAPPED)
			run_add(&us, id);
		if (id == hi)
			break;
	}
	if (um.count)
		emit(l, GICITS_TOPO_WARNING, "W-UNMAPPED", node, -1,
		     "%s: %llu of its IDs 0x%x-0x%x have no MSI mapping (first: 0x%x-0x%x): Linux uses the raw ID as DeviceID%s",
		     n->name, (unsigned long long)um.count, lo, hi, um.lo, um.hi,
		     t->source == GICITS_TOPO_SRC_IORT ?
			     " and finds no MSI domain" :
			     ", with the msi-parent domain if there is one");
	if (us.count)
		emit(l, GICITS_TOPO_WARNING, "W-UNMAPPED", node, -1,
		     "%s: %llu of its IDs 0x%x-0x%x have no IOMMU mapping (first: 0x%x-0x%x): Linux gives them no IOMMU",
		     n->name, (unsigned long long)us.count, lo, hi, us.lo, us.hi);
}

/* Claims of the IDs a node owns (no input ID). */
static void own_claims(struct lint *l, int node)
{
	const struct gicits_topo *t = l->t;
	int own = topo_is_iommu(t->nodes[node].type) ||
		  t->nodes[node].type == GICITS_TOPO_PMCG;
	struct gicits_topo_result r;
	int i;

	l->last[0] = l->last[1] = -1;
	for (i = 0; !l->oom && !gicits_topo_own(t, node, i, &r); i++) {
		if (r.msi_status == GICITS_TOPO_OK &&
		    t->nodes[r.msi_node].type == GICITS_TOPO_ITS)
			add_claim(l, node, r.msi_node, 0, r.msi_via, own,
				  (uint32_t)i, r.device_id);
		if (r.stream_status == GICITS_TOPO_OK) {
			uint32_t m = r.stream_mask & 0xffff, sub = 0;

			/* every ID equal to the StreamID outside the mask */
			do {
				add_claim(l, node, r.stream_node, 1, -1, 0,
					  (uint32_t)i, (r.stream_id & ~m) | sub);
				l->last[1] = -1;
				sub = (sub - m) & m;
			} while (sub && !l->oom);
		}
	}
}

static int claim_cmp(const void *a, const void *b)
{
	const struct claim *x = a, *y = b;

	if (x->stream != y->stream)
		return x->stream - y->stream;
	if (x->sink != y->sink)
		return x->sink - y->sink;
	if (x->out_lo != y->out_lo)
		return x->out_lo < y->out_lo ? -1 : 1;
	if (x->source != y->source)
		return x->source - y->source;
	return x->in_lo < y->in_lo ? -1 : x->in_lo > y->in_lo;
}

static int pair_seen(struct lint *l, int a, int b, int sink, int stream)
{
	size_t i;

	if (a > b) {
		int x = a;

		a = b;
		b = x;
	}
	for (i = 0; i < l->n_pairs; i++)
		if (l->pairs[i].a == a && l->pairs[i].b == b &&
		    l->pairs[i].sink == sink && l->pairs[i].stream == stream)
			return 1;
	if (l->n_pairs == l->cap_pairs) {
		size_t ncap = l->cap_pairs ? l->cap_pairs * 2 : 64;
		struct pair *p = realloc(l->pairs, ncap * sizeof(*p));

		if (!p) {
			l->oom = 1;
			return 1;
		}
		l->pairs = p;
		l->cap_pairs = ncap;
	}
	l->pairs[l->n_pairs].a = a;
	l->pairs[l->n_pairs].b = b;
	l->pairs[l->n_pairs].sink = sink;
	l->pairs[l->n_pairs].stream = stream;
	l->n_pairs++;
	return 0;
}

/*
 * Whether the aliasing of claims @a and @b on output @o comes from the
 * source's map mask (the inputs agree on every bit the mask keeps).
 */
static int alias_by_mask(const struct lint *l, const struct claim *a,
			 const struct claim *b, uint32_t o)
{
	const struct topo_node *n = &l->t->nodes[a->source];
	int mi = n->map[a->stream ? MAP_IOMMU_MAP : MAP_MSI_MAP];
	uint32_t mask, ia, ib;

	if (mi < 0 || l->t->maps[mi].mask == 0xffffffffu)
		return 0;
	mask = l->t->maps[mi].mask;
	ia = a->out_lo == a->out_hi ? a->in_lo : a->in_lo + (o - a->out_lo);
	ib = b->out_lo == b->out_hi ? b->in_lo : b->in_lo + (o - b->out_lo);
	if (a == b)
		ib = a->in_hi;
	return (ia & mask) == (ib & mask);
}

static void overlap(struct lint *l, const struct claim *a,
		    const struct claim *b)
{
	const char *what = a->stream ? "StreamID" : "DeviceID";
	uint32_t lo = a->out_lo > b->out_lo ? a->out_lo : b->out_lo;
	uint32_t hi = a->out_hi < b->out_hi ? a->out_hi : b->out_hi;

	if (pair_seen(l, a->source, b->source, a->sink, a->stream))
		return;
	if (a->source == b->source) {
		int masked = alias_by_mask(l, a, b, lo);

		emit(l, masked ? GICITS_TOPO_INFO : GICITS_TOPO_WARNING,
		     "W-ALIAS", a->source, a->sink,
		     "%s: distinct inputs (0x%x-0x%x%s0x%x-0x%x) share %s 0x%x-0x%x at %s%s",
		     nm(l, a->source), a->in_lo, a->in_hi,
		     a == b ? ", all of " : " and ", b->in_lo, b->in_hi,
		     what, lo, hi, nm(l, a->sink),
		     masked ? " through the map mask (deliberate aliasing)" :
			      ": they share one ITT / translation context");
		return;
	}
	if (a->own || b->own) {
		const struct claim *self = a->own ? a : b;
		const struct claim *cl = a->own ? b : a;
		char via[GICITS_TOPO_MSG_MAX / 2] = "";

		if (cl->via >= 0)
			snprintf(via, sizeof(via), " (through %s)",
				 nm(l, cl->via));
		emit(l, GICITS_TOPO_SEVERITY_ERROR, "E-IOMMU-SELF", self->source,
		     cl->source,
		     "%s's own MSIs use DeviceID 0x%x-0x%x at %s, which %s%s also gets: Linux reuses one ITT for both and isolation is lost",
		     nm(l, self->source), lo, hi, nm(l, a->sink),
		     nm(l, cl->source), via);
		return;
	}
	emit(l, GICITS_TOPO_SEVERITY_ERROR, "E-COLLIDE", a->source, b->source,
	     "%s (inputs 0x%x-0x%x) and %s (inputs 0x%x-0x%x) both reach %s 0x%x-0x%x at %s: %s",
	     nm(l, a->source), a->in_lo, a->in_hi, nm(l, b->source), b->in_lo,
	     b->in_hi, what, lo, hi, nm(l, a->sink),
	     a->stream ? "the IOMMU cannot tell them apart" :
			 "Linux silently shares one ITT and isolation is lost");
}

static void check_claims(struct lint *l)
{
	size_t i, j;

	if (l->n)
		qsort(l->c, l->n, sizeof(*l->c), claim_cmp);
	for (i = 0; i < l->n && !l->stop && !l->oom; i++) {
		const struct claim *a = &l->c[i];

		/* a constant run: several inputs, one output */
		if (a->in_hi != a->in_lo && a->out_lo == a->out_hi)
			overlap(l, a, a);

		for (j = i + 1; j < l->n; j++) {
			const struct claim *b = &l->c[j];

			if (b->stream != a->stream || b->sink != a->sink ||
			    b->out_lo > a->out_hi)
				break;
			overlap(l, a, b);
		}
	}
}

static void check_range(struct lint *l)
{
	uint64_t limit;
	size_t i;
	int last_src = -1, last_sink = -1, top_src = -1, top_sink = -1;

	if (!l->devbits)
		return;
	limit = 1ull << l->devbits;
	for (i = 0; i < l->n && !l->stop; i++) {
		const struct claim *c = &l->c[i];

		if (c->stream)
			continue;
		if (c->out_hi >= limit &&
		    !(c->source == last_src && c->sink == last_sink)) {
			last_src = c->source;
			last_sink = c->sink;
			emit(l, GICITS_TOPO_WARNING, "W-RANGE", c->source, c->sink,
			     "%s: DeviceID 0x%x-0x%x at %s is beyond %u DeviceID bits: the ITS drops those MSIs",
			     nm(l, c->source), c->out_lo > limit ? c->out_lo :
								  (uint32_t)limit,
			     c->out_hi, nm(l, c->sink), l->devbits);
		}
		if (c->out_lo <= limit - 1 && c->out_hi >= limit - 1 &&
		    !(c->source == top_src && c->sink == top_sink)) {
			top_src = c->source;
			top_sink = c->sink;
			emit(l, GICITS_TOPO_WARNING, "W-RANGE", c->source, c->sink,
			     "%s: claims DeviceID 0x%llx, the top of %u bits at %s: on GICv4 without DirectLPI Linux reserves it on the first ITS for the vPE proxy device",
			     nm(l, c->source), (unsigned long long)(limit - 1),
			     l->devbits, nm(l, c->sink));
		}
	}
}

/* Overlapping entries of one map (section 5(c) check 4). */
static void check_map(struct lint *l, const struct topo_map *m)
{
	const struct gicits_topo *t = l->t;
	const struct topo_node *n = &t->nodes[m->owner];
	int iort = m->kind == MAP_IORT;
	size_t i, j;

	if (m->kind == MAP_MSI_PARENT || m->kind == MAP_IOMMUS || m->bad ||
	    !n->enabled)
		return;
	for (i = 0; i < m->n && !l->stop; i++) {
		const struct topo_entry *a = &t->ents[m->first + i];
		uint64_t alo = a->in_base, ahi = alo + a->count - 1;

		if (!a->count || (iort && (a->flags & (ENT_SINGLE | ENT_OWN))))
			continue;
		for (j = i + 1; j < m->n && !l->stop; j++) {
			const struct topo_entry *b = &t->ents[m->first + j];
			uint64_t blo = b->in_base, bhi = blo + b->count - 1;
			uint64_t lo, hi;

			if (!b->count ||
			    (iort && (b->flags & (ENT_SINGLE | ENT_OWN))))
				continue;
			if (bhi < alo || ahi < blo)
				continue;
			lo = alo > blo ? alo : blo;
			hi = ahi < bhi ? ahi : bhi;
			if (a->target == b->target &&
			    (uint64_t)a->out_base + (lo - alo) ==
				    (uint64_t)b->out_base + (lo - blo))
				continue; /* same outputs: harmless */
			if (iort && lo == hi &&
			    ((ahi == lo && blo == lo && a->raw_count > 0) ||
			     (bhi == lo && alo == lo && b->raw_count > 0))) {
				const struct topo_entry *w = blo == lo ? b : a;

				emit(l, GICITS_TOPO_WARNING, "W-OFF-BY-ONE",
				     m->owner, w->target,
				     "%s: ID 0x%llx is the last ID of one mapping and the first of another (ID count read as a count, not count-1): Linux uses the mapping that starts there, to %s output 0x%x (quirk iort-last-id)",
				     n->name, (unsigned long long)lo,
				     nm(l, w->target), w->out_base);
				continue;
			}
			emit(l, GICITS_TOPO_SEVERITY_ERROR, "E-CONFLICT",
			     m->owner, a->target,
			     "%s: %s entries %zu and %zu overlap on inputs 0x%llx-0x%llx with different outputs: Linux uses entry %zu (to %s)",
			     n->name,
			     iort ? "ID mapping" :
			     m->kind == MAP_MSI_MAP ? "msi-map" : "iommu-map",
			     i, j, (unsigned long long)lo, (unsigned long long)hi,
			     i, nm(l, a->target));
		}
	}
}

static void check_madt(struct lint *l)
{
	const struct gicits_topo *t = l->t;
	int i, k;
	uint32_t j;

	if (!t->has_madt || t->source != GICITS_TOPO_SRC_IORT)
		return;
	for (i = 0; i < t->n_nodes; i++) {
		const struct topo_node *n = &t->nodes[i];

		if (n->iort_type != IORT_ITS_GROUP)
			continue;
		for (j = 0; j < n->n_its_ids; j++) {
			int found = 0;

			for (k = 0; k < t->n_madt_its; k++)
				if (t->madt_its[k] == n->its_ids[j])
					found = 1;
			if (!found)
				emit(l, GICITS_TOPO_SEVERITY_ERROR, "E-STRUCT", i,
				     -1,
				     "%s: ITS ID %u is not in the MADT (it has %d GIC ITS structures): Linux finds no MSI domain for it",
				     n->name, n->its_ids[j], t->n_madt_its);
		}
	}
}

int gicits_topo_lint(const struct gicits_topo *t,
		     const struct gicits_topo_lint_opts *opts,
		     gicits_topo_finding_fn fn, void *opaque)
{
	struct lint l;
	int i;

	if (!t || !fn || (opts && opts->devbits > 32))
		return GICITS_EINVAL;
	memset(&l, 0, sizeof(l));
	l.t = t;
	l.fn = fn;
	l.opaque = opaque;
	l.devbits = opts ? opts->devbits : 0;
	if (l.devbits == 32)
		l.devbits = 0; /* every u32 fits */

	/* 5: structural findings recorded while loading */
	for (i = 0; i < t->n_findings && !l.stop; i++)
		emit(&l, t->findings[i].severity, t->findings[i].code,
		     t->findings[i].node, t->findings[i].other, "%s",
		     t->findings[i].msg);
	check_madt(&l);
	/* 4: overlapping entries */
	for (i = 0; i < t->n_maps && !l.stop; i++)
		check_map(&l, &t->maps[i]);
	/* claims from every enabled source; 3: unmapped ranges on the way */
	for (i = 0; i < t->n_nodes && !l.stop && !l.oom; i++) {
		const struct topo_node *n = &t->nodes[i];

		if (!n->enabled || n->fixup)
			continue;
		if (n->type == GICITS_TOPO_ROOT_COMPLEX ||
		    (n->type == GICITS_TOPO_FSLMC &&
		     (n->map[MAP_MSI_MAP] >= 0 || n->map[MAP_IOMMU_MAP] >= 0)))
			bus_claims(&l, i);
		own_claims(&l, i);
	}
	/* 1, 2: collisions and aliasing; 6: DeviceID range */
	if (!l.stop && !l.oom)
		check_claims(&l);
	if (!l.stop && !l.oom)
		check_range(&l);
	free(l.c);
	free(l.pairs);
	if (l.oom)
		return GICITS_ENOMEM;
	return l.errors;
}
