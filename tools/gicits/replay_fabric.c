/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * `gicits replay` with `CONFIG system=FILE` (replay_fabric.h): the file is
 * read and its topology loaded while the scenario is parsed, so that a bad
 * file or an unknown node is a parse error naming the line; the system is
 * built when the run starts and each action posts one request into it.
 */
#define _POSIX_C_SOURCE 200809L
#include "replay_fabric.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "gicits/error.h"
#include "gicits/rdist.h"
#include "gicits/fabric.h"
#include "smmu_drv.h"

enum fab_kind {
	FAB_DMA_RID,
	FAB_DMA_NODE,
	FAB_WIRE,
	FAB_MAP,
	/* a system SMMU driven as Linux's arm-smmu-v3 does (smmu_drv.h) */
	FAB_SMMU_PROBE,
	FAB_SMMU_DOMAIN,
	FAB_SMMU_MAP,
	FAB_SMMU_ATTACH,
	FAB_SMMU_EVENTS,
	FAB_ACK, /* SYSACK: a system CPU acknowledges and EOIs */
};

#define FAB_DOMAINS 16u /* SYSDOMAIN domain=0..15 per SMMU */
#define FAB_SMMUS 16u /* SMMUs a scenario may probe */

struct fab_act {
	enum fab_kind kind;
	int node; /* DMA node=, WIRE node=, SYSMAP its=, SYS* node= */
	int its; /* SYSSMMU/SYSIOMAP its= (-1: none) */
	uint32_t segment, rid, index, data, wire, level;
	uint32_t dev, ev, intid, cpu;
	uint32_t sid_bits, evtq_data, gerror_data, domain, sid, asid;
	uint64_t addr, iova, pa;
};

/* One probed system SMMU: the driver's state and its domains. */
struct fab_smmu {
	int node;
	struct tsd drv;
	uint64_t ttb[FAB_DOMAINS];
	bool have[FAB_DOMAINS];
};

struct replay_fabric_scn {
	char *path, *madt_path;
	void *blob, *madt;
	size_t blob_len, madt_len;
	struct gicits_topo *topo; /* loaded at the first action */
	int smmu_abort; /* CONFIG system_smmu=abort: GBPA.ABORT at reset */
	int smmu_seen;
	struct fab_act *acts;
	size_t nacts, cap;
};

struct replay_fabric {
	const struct replay_fabric_scn *m;
	struct gicits_fabric *f;
	struct fab_smmu smmus[FAB_SMMUS];
	unsigned nsmmus;
};

static struct replay_fabric_scn *scn_part(struct scenario *s)
{
	if (!s->fabric)
		s->fabric = calloc(1, sizeof(*s->fabric));
	return s->fabric;
}

/* @val relative to the scenario's folder (unless absolute or stdin). */
static char *resolve_path(const char *scn, const char *val)
{
	const char *slash = strrchr(scn, '/');
	size_t dl = slash ? (size_t)(slash - scn) + 1 : 0;
	char *p;

	if (val[0] == '/' || !slash)
		dl = 0;
	p = malloc(dl + strlen(val) + 1);
	if (!p)
		return NULL;
	memcpy(p, scn, dl);
	strcpy(p + dl, val);
	return p;
}

int replay_fabric_config(struct scenario *s, const char *key, const char *val,
			 const struct replay_smmu_where *w)
{
	struct replay_fabric_scn *m;
	int madt = !strcasecmp(key, "system_madt");
	char **path;
	void **buf;
	size_t *len;

	if (strcasecmp(key, "system") && strcasecmp(key, "system_smmu") &&
	    !madt)
		return 1;
	m = scn_part(s);
	if (!m)
		return replay_err_at(w, "out of memory");
	if (!strcasecmp(key, "system_smmu")) {
		if (m->smmu_seen)
			return replay_err_at(w, "CONFIG key '%s' given twice",
					     key);
		m->smmu_seen = 1;
		if (strcasecmp(val, "bypass") && strcasecmp(val, "abort"))
			return replay_err_at(
				w, "'%s=%s': expected one of bypass|abort", key,
				val);
		m->smmu_abort = !strcasecmp(val, "abort");
		return 0;
	}
	path = madt ? &m->madt_path : &m->path;
	buf = madt ? &m->madt : &m->blob;
	len = madt ? &m->madt_len : &m->blob_len;
	if (*path)
		return replay_err_at(w, "CONFIG key '%s' given twice", key);
	*path = resolve_path(w->name, val);
	if (!*path)
		return replay_err_at(w, "out of memory");
	if (cli_read_file(*path, buf, len))
		return replay_err_at(w, "CONFIG %s=%s: %s: %s", key, val, *path,
				     strerror(errno));
	return 0;
}

/* The topology, loaded once (after every CONFIG line: pass 1). */
static struct gicits_topo *topo(struct replay_fabric_scn *m,
				const struct replay_smmu_where *w)
{
	int rc;

	if (m->topo)
		return m->topo;
	if (!m->blob) {
		replay_err_at(w, "system actions need CONFIG system=FILE");
		return NULL;
	}
	if (gicits_topo_create(&m->topo)) {
		replay_err_at(w, "out of memory");
		return NULL;
	}
	rc = gicits_topo_load(m->topo, m->blob, m->blob_len);
	if (!rc && m->madt)
		rc = gicits_topo_load_madt(m->topo, m->madt, m->madt_len);
	if (rc) {
		replay_err_at(w, "CONFIG system=%s: %s (%s)", m->path,
			      gicits_topo_error(m->topo), gicits_strerror(rc));
		gicits_topo_free(m->topo);
		m->topo = NULL;
	}
	return m->topo;
}

static const char *get(const struct replay_smmu_kv *kv, int n, const char *k,
		       unsigned *used)
{
	int i;

	for (i = 0; i < n; i++)
		if (!strcasecmp(kv[i].key, k)) {
			(*used)++;
			return kv[i].val;
		}
	return NULL;
}

static int num(const struct replay_smmu_where *w,
	       const struct replay_smmu_kv *kv, int n, const char *k,
	       uint64_t max, int required, uint64_t def, uint64_t *out,
	       unsigned *used)
{
	const char *v = get(kv, n, k, used);

	if (!v) {
		if (required)
			return replay_err_at(w, "missing parameter '%s'", k);
		*out = def;
		return 0;
	}
	if (!scn_parse_num(v, out) || *out > max)
		return replay_err_at(w, "'%s=%s': not a number in 0..%" PRIu64,
				     k, v, max);
	return 0;
}

static int node_of(const struct replay_smmu_where *w, struct gicits_topo *t,
		   const char *key, const char *name)
{
	int node = gicits_topo_find(t, name);

	if (node < 0)
		return replay_err_at(w, "%s=%s: no such node in the system",
				     key, name);
	return node;
}

/* @key=PATH naming a node of @type; -1 (reported) otherwise. */
static int typed_node(const struct replay_smmu_where *w, struct gicits_topo *t,
		      const char *key, const char *name,
		      enum gicits_topo_type type, const char *what)
{
	struct gicits_topo_node tn;
	int node = node_of(w, t, key, name);

	if (node < 0)
		return -1;
	if (gicits_topo_node(t, node, &tn) || tn.type != type)
		return replay_err_at(w, "%s=%s: not %s", key, name, what);
	return node;
}

/*
 * SYSSMMU, SYSDOMAIN, SYSIOMAP, SYSATTACH, SYSEVENTS: a system SMMUv3
 * programmed the way Linux's arm-smmu-v3 driver does it
 * (docs/scenario-language.md, "Programming a system SMMU").
 */
static int parse_smmu(const struct replay_smmu_where *w, struct gicits_topo *t,
		      const char *kw, const struct replay_smmu_kv *kv, int n,
		      struct fab_act *a, unsigned *used)
{
	const char *name = get(kv, n, "node", used);
	const char *its;
	uint64_t v;
	int rc = 0;

	if (!name)
		return replay_err_at(w, "missing parameter 'node'");
	a->node =
		typed_node(w, t, "node", name, GICITS_TOPO_SMMUV3, "an SMMUv3");
	if (a->node < 0)
		return -1;
	if (!strcasecmp(kw, "SYSEVENTS")) {
		a->kind = FAB_SMMU_EVENTS;
		return 0;
	}
	if (!strcasecmp(kw, "SYSSMMU")) {
		a->kind = FAB_SMMU_PROBE;
		its = get(kv, n, "its", used);
		if (!its)
			return replay_err_at(w, "missing parameter 'its'");
		a->its =
			typed_node(w, t, "its", its, GICITS_TOPO_ITS, "an ITS");
		if (a->its < 0)
			return -1;
		/* a linear stream table of 2^sid_bits STEs: 64 bytes each,
		 * at most 4 MiB of the fabric's RAM */
		rc = num(w, kv, n, "sid_bits", 16, 0, 8, &v, used);
		if (!rc && v < 1)
			rc = replay_err_at(
				w, "'sid_bits=0': not a number in 1..16");
		a->sid_bits = (uint32_t)v;
		if (!rc)
			rc = num(w, kv, n, "evtq_data", 0xffffffffu, 0, 0, &v,
				 used);
		a->evtq_data = (uint32_t)v;
		if (!rc)
			rc = num(w, kv, n, "gerror_data", 0xffffffffu, 0, 1, &v,
				 used);
		a->gerror_data = (uint32_t)v;
		return rc;
	}
	rc = num(w, kv, n, "domain", FAB_DOMAINS - 1, 1, 0, &v, used);
	a->domain = (uint32_t)v;
	if (rc)
		return rc;
	if (!strcasecmp(kw, "SYSDOMAIN")) {
		a->kind = FAB_SMMU_DOMAIN;
		return 0;
	}
	if (!strcasecmp(kw, "SYSATTACH")) {
		a->kind = FAB_SMMU_ATTACH;
		rc = num(w, kv, n, "sid", 0xffffffffu, 1, 0, &v, used);
		a->sid = (uint32_t)v;
		if (!rc)
			rc = num(w, kv, n, "asid", 0xffff, 0, a->domain + 1u,
				 &v, used);
		a->asid = (uint32_t)v;
		return rc;
	}
	/* SYSIOMAP: one 4 KiB page, to pa= or to an ITS's doorbell page */
	a->kind = FAB_SMMU_MAP;
	rc = num(w, kv, n, "iova", (1ull << 48) - 1, 1, 0, &a->iova, used);
	if (rc)
		return rc;
	if (a->iova & 0xfff)
		return replay_err_at(
			w, "'iova=0x%" PRIx64 "': not 4 KiB aligned", a->iova);
	its = get(kv, n, "its", used);
	if (its) {
		a->its =
			typed_node(w, t, "its", its, GICITS_TOPO_ITS, "an ITS");
		if (a->its < 0)
			return -1;
		if (get(kv, n, "pa", used))
			return replay_err_at(
				w, "SYSIOMAP: give one of 'pa' and 'its'");
		return 0;
	}
	rc = num(w, kv, n, "pa", (1ull << 48) - 1, 1, 0, &a->pa, used);
	if (!rc && (a->pa & 0xfff))
		return replay_err_at(w, "'pa=0x%" PRIx64 "': not 4 KiB aligned",
				     a->pa);
	return rc;
}

static bool is_smmu_kw(const char *kw)
{
	return !strcasecmp(kw, "SYSSMMU") || !strcasecmp(kw, "SYSDOMAIN") ||
	       !strcasecmp(kw, "SYSIOMAP") || !strcasecmp(kw, "SYSATTACH") ||
	       !strcasecmp(kw, "SYSEVENTS");
}

int replay_fabric_parse(struct scenario *s, const char *kw,
			const struct replay_smmu_kv *kv, int n,
			const struct replay_smmu_where *w, uint64_t *idx)
{
	struct replay_fabric_scn *m;
	struct gicits_topo *t;
	struct fab_act a;
	unsigned used = 0;
	uint64_t v;
	const char *name;
	int rc = 0;

	if (strcasecmp(kw, "DMA") && strcasecmp(kw, "WIRE") &&
	    strcasecmp(kw, "SYSMAP") && strcasecmp(kw, "SYSACK") &&
	    !is_smmu_kw(kw))
		return 1;
	m = scn_part(s);
	if (!m)
		return replay_err_at(w, "out of memory");
	t = topo(m, w);
	if (!t)
		return -1;
	memset(&a, 0, sizeof(a));
	a.node = -1;
	a.its = -1;
	if (is_smmu_kw(kw)) {
		rc = parse_smmu(w, t, kw, kv, n, &a, &used);
	} else if (!strcasecmp(kw, "SYSACK")) {
		a.kind = FAB_ACK;
		rc = num(w, kv, n, "cpu", 63, 1, 0, &v, &used);
		a.cpu = (uint32_t)v;
	} else if (!strcasecmp(kw, "DMA")) {
		name = get(kv, n, "node", &used);
		if (name) {
			a.kind = FAB_DMA_NODE;
			a.node = node_of(w, t, "node", name);
			rc = a.node < 0 ? -1 :
					  num(w, kv, n, "index", 0x7fffffff, 0,
					      0, &v, &used);
			a.index = (uint32_t)v;
		} else {
			a.kind = FAB_DMA_RID;
			rc = num(w, kv, n, "rid", 0xffff, 1, 0, &v, &used);
			a.rid = (uint32_t)v;
			if (!rc)
				rc = num(w, kv, n, "segment", 0xffffffffu, 0, 0,
					 &v, &used);
			a.segment = (uint32_t)v;
		}
		if (!rc)
			rc = num(w, kv, n, "addr", UINT64_MAX - 1, 0,
				 GICITS_FABRIC_ADDR_MSI, &a.addr, &used);
		if (!rc)
			rc = num(w, kv, n, "data", 0xffffffffu, 0, 0, &v,
				 &used);
		a.data = (uint32_t)v;
	} else if (!strcasecmp(kw, "WIRE")) {
		a.kind = FAB_WIRE;
		name = get(kv, n, "node", &used);
		if (!name)
			return replay_err_at(w, "missing parameter 'node'");
		a.node = node_of(w, t, "node", name);
		rc = a.node < 0 ? -1 :
				  num(w, kv, n, "wire", 0xffffffffu, 1, 0, &v,
				      &used);
		a.wire = (uint32_t)v;
		if (!rc)
			rc = num(w, kv, n, "level", 1, 1, 0, &v, &used);
		a.level = (uint32_t)v;
	} else {
		a.kind = FAB_MAP;
		name = get(kv, n, "its", &used);
		if (!name)
			return replay_err_at(w, "missing parameter 'its'");
		a.node = node_of(w, t, "its", name);
		rc = a.node < 0 ?
			     -1 :
			     num(w, kv, n, "dev", 0xffffffffu, 1, 0, &v, &used);
		a.dev = (uint32_t)v;
		if (!rc)
			rc = num(w, kv, n, "ev", 255, 1, 0, &v, &used);
		a.ev = (uint32_t)v;
		if (!rc)
			rc = num(w, kv, n, "intid", 65535, 1, 0, &v, &used);
		a.intid = (uint32_t)v;
		if (!rc)
			rc = num(w, kv, n, "cpu", 63, 0, 0, &v, &used);
		a.cpu = (uint32_t)v;
	}
	if (rc)
		return -1;
	if ((int)used != n)
		return replay_err_at(w, "%s: unknown parameter", kw);
	if (m->nacts == m->cap) {
		size_t cap = m->cap ? 2 * m->cap : 16;
		struct fab_act *p = realloc(m->acts, cap * sizeof(*p));

		if (!p)
			return replay_err_at(w, "out of memory");
		m->acts = p;
		m->cap = cap;
	}
	*idx = m->nacts;
	m->acts[m->nacts++] = a;
	return 0;
}

void replay_fabric_scn_free(struct scenario *s)
{
	struct replay_fabric_scn *m = s->fabric;

	if (!m)
		return;
	gicits_topo_free(m->topo);
	free(m->path);
	free(m->madt_path);
	free(m->blob);
	free(m->madt);
	free(m->acts);
	free(m);
	s->fabric = NULL;
}

int replay_fabric_create(const struct scenario *s, struct replay_fabric **out)
{
	struct gicits_fabric_config cfg;
	struct replay_fabric *r;
	int rc;

	*out = NULL;
	if (!s->fabric || !s->fabric->topo)
		return GICITS_OK; /* no system, or no action uses it */
	r = calloc(1, sizeof(*r));
	if (!r)
		return GICITS_ENOMEM;
	r->m = s->fabric;
	gicits_fabric_config_default(&cfg);
	cfg.smmu_abort = s->fabric->smmu_abort;
	rc = gicits_fabric_create(s->fabric->topo, &cfg, &r->f);
	if (rc) {
		free(r);
		return rc;
	}
	*out = r;
	return GICITS_OK;
}

/* "GICITS_ENOENT" of "GICITS_ENOENT: no such object": one word, as an
 * output line's values are. */
static const char *err_word(int rc, char *buf, size_t len)
{
	const char *s = gicits_strerror(rc);

	snprintf(buf, len, "%.*s", (int)strcspn(s, ": "), s);
	return buf;
}

static const char *name_of(const struct gicits_topo *t, int node)
{
	struct gicits_topo_node n;

	if (node < 0 || gicits_topo_node(t, node, &n))
		return "-";
	return n.name;
}

/* One "delivery" line (docs/scenario-language.md). */
static void emit(struct replay_fabric *r, const struct fab_act *a,
		 const struct gicits_fabric_delivery *d, struct scn_out *out)
{
	const struct gicits_topo *t = r->m->topo;
	char who[200], what[200];
	unsigned i;

	for (i = 0; i < d->n_hops; i++) {
		const struct gicits_fabric_hop *h = &d->hops[i];

		if (h->kind == GICITS_HOP_IOMMU && h->event)
			scn_emit(
				out,
				"smmu_event iommu=%s stream_id=0x%x event=0x%02x",
				name_of(t, h->node), h->in, h->event);
	}
	if (a->kind == FAB_DMA_RID)
		snprintf(who, sizeof(who), "rid=%04x:%02x:%02x.%u", a->segment,
			 a->rid >> 8, (a->rid >> 3) & 0x1f, a->rid & 7);
	else if (a->kind == FAB_DMA_NODE)
		snprintf(who, sizeof(who), "node=%s#%u", name_of(t, a->node),
			 a->index);
	else
		snprintf(who, sizeof(who), "node=%s wire=%u",
			 name_of(t, a->node), a->wire);
	what[0] = 0;
	if (d->result == GICITS_FABRIC_DELIVERED)
		snprintf(what, sizeof(what), " intid=%u cpu=%d", d->intid,
			 d->cpu);
	else if (d->result == GICITS_FABRIC_DROPPED)
		snprintf(what, sizeof(what), " drop=%s",
			 gicits_drop_name(d->drop));
	if (d->result == GICITS_FABRIC_DELIVERED ||
	    d->result == GICITS_FABRIC_DROPPED)
		scn_emit(
			out,
			"delivery %s its=%s device_id=0x%x event=%u result=%s%s",
			who, name_of(t, d->its_node), d->device_id, d->event_id,
			gicits_fabric_result_name(d->result), what);
	else
		scn_emit(out, "delivery %s its=- result=%s", who,
			 gicits_fabric_result_name(d->result));
}

static int alloc_cb(void *ctx, uint64_t size, uint64_t align, uint64_t *gpa)
{
	return gicits_fabric_alloc(ctx, size, align, gpa, NULL);
}

static struct fab_smmu *smmu_find(struct replay_fabric *r, int node)
{
	unsigned i;

	for (i = 0; i < r->nsmmus; i++)
		if (r->smmus[i].node == node)
			return &r->smmus[i];
	return NULL;
}

/* Leaf attributes of an ordinary DMA buffer page: AF, AP = 01 (read/write
 * at any EL), SH inner shareable, AttrIndx 0 (normal memory). */
#define FAB_DMA_ATTR ((1ull << 10) | (1ull << 6) | (3ull << 8))

/* SYSSMMU .. SYSEVENTS: the answer is an output line, never a failure of
 * the run (an SMMU probed twice, a domain not created, no RAM left). */
static void step_smmu(struct replay_fabric *r, const struct fab_act *fa,
		      struct scn_out *out)
{
	const char *name = name_of(r->m->topo, fa->node);
	struct fab_smmu *sm = smmu_find(r, fa->node);
	uint64_t doorbell = 0, rec[4];
	unsigned i, nev;
	char eb[32];
	int rc = GICITS_OK;

	switch (fa->kind) {
	case FAB_SMMU_PROBE:
		if (sm)
			rc = GICITS_ESTATE;
		else if (r->nsmmus == FAB_SMMUS)
			rc = GICITS_ENOMEM;
		else
			rc = gicits_fabric_doorbell(r->f, fa->its, &doorbell);
		if (!rc) {
			sm = &r->smmus[r->nsmmus];
			memset(sm, 0, sizeof(*sm));
			sm->node = fa->node;
			rc = tsd_init(&sm->drv,
				      gicits_fabric_iommu(r->f, fa->node),
				      gicits_fabric_mem(r->f), alloc_cb, r->f,
				      fa->sid_bits, doorbell, fa->evtq_data,
				      fa->gerror_data);
			if (!rc)
				r->nsmmus++;
		}
		scn_emit(out, "syssmmu iommu=%s its=%s sid_bits=%u result=%s",
			 name, name_of(r->m->topo, fa->its), fa->sid_bits,
			 rc ? err_word(rc, eb, sizeof(eb)) : "ok");
		return;
	case FAB_SMMU_DOMAIN:
		if (!sm)
			rc = GICITS_ENOENT;
		else if (sm->have[fa->domain])
			rc = GICITS_ESTATE;
		else
			rc = tsd_domain(&sm->drv, &sm->ttb[fa->domain]);
		if (!rc)
			sm->have[fa->domain] = true;
		scn_emit(out, "sysdomain iommu=%s domain=%u result=%s", name,
			 fa->domain, rc ? err_word(rc, eb, sizeof(eb)) : "ok");
		return;
	case FAB_SMMU_MAP:
		doorbell = fa->pa;
		if (!sm || !sm->have[fa->domain])
			rc = GICITS_ENOENT;
		else if (fa->its >= 0)
			rc = gicits_fabric_doorbell(r->f, fa->its, &doorbell);
		doorbell &= ~0xfffull;
		/* an ITS doorbell page with the attributes Linux gives an MSI
		 * mapping (IOMMU_MMIO), anything else as a DMA buffer */
		if (!rc)
			rc = tsd_map(&sm->drv, sm->ttb[fa->domain], fa->iova,
				     doorbell,
				     fa->its >= 0 ? TSD_MSI_ATTR :
						    FAB_DMA_ATTR);
		scn_emit(out,
			 "sysiomap iommu=%s domain=%u iova=0x%" PRIx64
			 " pa=0x%" PRIx64 " result=%s",
			 name, fa->domain, fa->iova, doorbell,
			 rc ? err_word(rc, eb, sizeof(eb)) : "ok");
		return;
	case FAB_SMMU_ATTACH:
		if (!sm || !sm->have[fa->domain])
			rc = GICITS_ENOENT;
		else if (fa->sid >> sm->drv.sid_bits)
			rc = GICITS_ERANGE; /* beyond the linear table */
		else
			rc = tsd_attach(&sm->drv, fa->sid, (uint16_t)fa->asid,
					sm->ttb[fa->domain]);
		scn_emit(
			out,
			"sysattach iommu=%s sid=0x%x domain=%u asid=%u result=%s",
			name, fa->sid, fa->domain, fa->asid,
			rc ? err_word(rc, eb, sizeof(eb)) : "ok");
		return;
	case FAB_SMMU_EVENTS:
		if (!sm) {
			scn_emit(out, "sysevents iommu=%s result=%s", name,
				 err_word(GICITS_ENOENT, eb, sizeof(eb)));
			return;
		}
		nev = tsd_events(&sm->drv);
		scn_emit(out, "sysevents iommu=%s n=%u", name, nev);
		/* IHI 0070 §7.3: type dw0[7:0], StreamID dw0[63:32],
		 * InputAddr dw2 */
		for (i = 0; i < nev; i++)
			if (!tsd_event(&sm->drv, i, rec))
				scn_emit(
					out,
					"sysevent iommu=%s type=0x%02x sid=0x%x "
					"addr=0x%016" PRIx64,
					name, (unsigned)(rec[0] & 0xff),
					(unsigned)(rec[0] >> 32), rec[2]);
		tsd_events_consume(&sm->drv);
		return;
	default:
		return;
	}
}

int replay_fabric_step(struct replay_fabric *r, const struct scn_action *a,
		       struct scn_out *out)
{
	const struct fab_act *fa;
	struct gicits_fabric_delivery d = { 0 };
	char eb[32];
	int rc = GICITS_OK;

	if (!r || a->a[0] >= r->m->nacts)
		return -1;
	fa = &r->m->acts[a->a[0]];
	switch (fa->kind) {
	case FAB_DMA_RID:
		rc = gicits_fabric_post_rid(r->f, fa->segment, fa->rid,
					    fa->addr, fa->data, &d);
		break;
	case FAB_DMA_NODE:
		rc = gicits_fabric_post_node(r->f, fa->node, fa->index,
					     fa->addr, fa->data, &d);
		break;
	case FAB_WIRE:
		rc = gicits_fabric_wire(r->f, fa->node, fa->wire,
					(int)fa->level, &d);
		break;
	case FAB_SMMU_PROBE:
	case FAB_SMMU_DOMAIN:
	case FAB_SMMU_MAP:
	case FAB_SMMU_ATTACH:
	case FAB_SMMU_EVENTS:
		step_smmu(r, fa, out);
		return 0;
	case FAB_ACK: {
		/* the system's gic: what the CPU interface presents, taken
		 * and completed (GICC_IAR then GICC_EOIR) */
		struct gicits_gic *gic = gicits_fabric_gic(r->f);
		uint32_t id = gicits_cpu_ack(gic, fa->cpu);

		if (id != GICITS_INTID_SPURIOUS)
			gicits_cpu_eoi(gic, fa->cpu, id);
		scn_emit(out, "sysack cpu=%u intid=%u", fa->cpu, id);
		return 0;
	}
	case FAB_MAP:
		rc = gicits_fabric_map_event(r->f, fa->node, fa->dev, fa->ev,
					     fa->intid, fa->cpu);
		scn_emit(
			out,
			"sysmap its=%s dev=0x%x ev=%u intid=%u cpu=%u result=%s",
			name_of(r->m->topo, fa->node), fa->dev, fa->ev,
			fa->intid, fa->cpu,
			rc ? err_word(rc, eb, sizeof(eb)) : "ok");
		return 0;
	}
	if (rc) {
		/* no such requester, wire or translator: the answer, not a
		 * failure of the run */
		scn_emit(out, "delivery error=%s",
			 err_word(rc, eb, sizeof(eb)));
		return 0;
	}
	emit(r, fa, &d, out);
	return 0;
}

void replay_fabric_destroy(struct replay_fabric *r)
{
	if (!r)
		return;
	gicits_fabric_destroy(r->f);
	free(r);
}
