/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Scenario parser: text -> actions.  The whole file is checked before
 * anything runs; the first syntax or range error rejects it with one message
 * naming the line.  ITT addresses are assigned here, as the oracle's
 * compiler assigns them, so `itt=reuse` errors are syntax-time errors.
 */
#include "scenario.h"
#include "replay_smmu.h"
#include "replay_fabric.h"

#include "gicits/cmd.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The oracle's ITT heap (docs/scenario-language.md, "ITS command actions"). */
#define ITT_HEAP_BASE 0x40800000ULL
#define ITT_HEAP_END 0x48000000ULL

#define MAX_TOKENS 16 /* the SMMU extension's CD line has 15 */

/* The oracle's virtual pending tables (docs/scenario-language.md, GICv4.0
 * memory layout): slot n of the n-th distinct vPE named, 1024 at most. */
#define VPT_BASE 0x5C000000ULL
#define VPT_STRIDE 0x10000ULL
#define VPT_MAX 1024

struct kv {
	char key[16];
	char val[256]; /* CONFIG system= paths, DT node paths */
	bool used;
};

struct line_ctx {
	const char *name;
	unsigned line;
	FILE *err;
	struct kv kv[MAX_TOKENS];
	int nkv;
	char bare[16]; /* REG's bare register name */
};

/* ITT most recently allocated by a MAPD without itt=, per DeviceID. */
struct itt_rec {
	uint32_t dev;
	uint64_t addr;
};

struct parser {
	struct scenario *s;
	struct itt_rec *itts;
	size_t nitts, capitts;
	bool seen_cfg[32];
	/* gic=4: the vPE resident on each CPU (SCN_VPE_NONE: none), so that
	 * a vPE resident on two CPUs is refused as the oracle's compiler
	 * refuses it */
	uint32_t resident[4];
};

static int perr(struct line_ctx *c, const char *fmt, ...)
{
	va_list ap;

	fprintf(c->err, "%s:%u: ", c->name, c->line);
	va_start(ap, fmt);
	vfprintf(c->err, fmt, ap);
	va_end(ap);
	fputc('\n', c->err);
	return -1;
}

/* Decimal or 0x-hex, nothing else; fails on overflow of 64 bits. */
bool scn_parse_num(const char *s, uint64_t *out)
{
	uint64_t v = 0;
	int base = 10;

	if (!*s)
		return false;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
		if (!*s)
			return false;
	}
	for (; *s; s++) {
		unsigned d;

		if (isdigit((unsigned char)*s))
			d = (unsigned)(*s - '0');
		else if (base == 16 && isxdigit((unsigned char)*s))
			d = (unsigned)(tolower((unsigned char)*s) - 'a' + 10);
		else
			return false;
		if (v > (UINT64_MAX - d) / (uint64_t)base)
			return false;
		v = v * (uint64_t)base + d;
	}
	*out = v;
	return true;
}

static struct kv *find(struct line_ctx *c, const char *key)
{
	int i;

	for (i = 0; i < c->nkv; i++)
		if (!strcasecmp(c->kv[i].key, key)) {
			c->kv[i].used = true;
			return &c->kv[i];
		}
	return NULL;
}

/* Fetch number @key in [lo, hi]; absent -> *v = def (if !required). */
static int num(struct line_ctx *c, const char *key, uint64_t lo, uint64_t hi,
	       bool required, uint64_t def, uint64_t *v)
{
	struct kv *k = find(c, key);

	if (!k) {
		if (required)
			return perr(c, "missing parameter '%s'", key);
		*v = def;
		return 0;
	}
	if (!scn_parse_num(k->val, v))
		return perr(c, "'%s=%s': not a number (decimal or 0x hex)", key,
			    k->val);
	if (*v < lo || *v > hi)
		return perr(c, "'%s=%s': out of range %llu..%llu", key, k->val,
			    (unsigned long long)lo, (unsigned long long)hi);
	return 0;
}

static int check_unused(struct line_ctx *c)
{
	int i;

	for (i = 0; i < c->nkv; i++)
		if (!c->kv[i].used)
			return perr(c, "unknown parameter '%s'", c->kv[i].key);
	return 0;
}

static struct scn_action *add(struct parser *p, enum scn_op op, unsigned line)
{
	struct scenario *s = p->s;
	struct scn_action *a;

	if (s->nacts == s->cap) {
		size_t ncap = s->cap ? s->cap * 2 : 256;
		struct scn_action *n = realloc(s->acts, ncap * sizeof(*n));

		if (!n)
			return NULL;
		s->acts = n;
		s->cap = ncap;
	}
	a = &s->acts[s->nacts++];
	memset(a, 0, sizeof(*a));
	a->op = op;
	a->line = line;
	return a;
}

static int note_devid(struct parser *p, uint32_t dev)
{
	struct scenario *s = p->s;
	size_t i;

	for (i = 0; i < s->ndevids; i++)
		if (s->devids[i] == dev)
			return 0;
	if (s->ndevids == s->devcap) {
		size_t ncap = s->devcap ? s->devcap * 2 : 64;
		uint32_t *n = realloc(s->devids, ncap * sizeof(*n));

		if (!n)
			return -1;
		s->devids = n;
		s->devcap = ncap;
	}
	s->devids[s->ndevids++] = dev;
	return 0;
}

static struct itt_rec *itt_find(struct parser *p, uint32_t dev)
{
	size_t i;

	for (i = 0; i < p->nitts; i++)
		if (p->itts[i].dev == dev)
			return &p->itts[i];
	return NULL;
}

static int itt_record(struct parser *p, uint32_t dev, uint64_t addr)
{
	struct itt_rec *r = itt_find(p, dev);

	if (!r) {
		if (p->nitts == p->capitts) {
			size_t ncap = p->capitts ? p->capitts * 2 : 64;
			struct itt_rec *n = realloc(p->itts, ncap * sizeof(*n));

			if (!n)
				return -1;
			p->itts = n;
			p->capitts = ncap;
		}
		r = &p->itts[p->nitts++];
		r->dev = dev;
	}
	r->addr = addr;
	return 0;
}

static const char *const config_keys[] = {
	"cpus",	     "dt_pages",  "ct_pages", "cq_pages",      "batch",
	"indirect",  "gic",	  "vt_pages", "policy",	       "cache",
	"devbits",   "idbits",	  "cidbits",  "ite_size",      "pri_bits",
	"hcc",	     "pta",	  "umsi",     "mapc_rdbase16", "strict",
	"lpi_cache", "vpe_dirty", "nassgicap", NULL
};

static int word(struct line_ctx *c, struct kv *k, const char *const *words)
{
	int i;

	for (i = 0; words[i]; i++)
		if (!strcasecmp(k->val, words[i]))
			return i;
	return perr(c, "'%s=%s': expected one of %s%s%s", k->key, k->val,
		    words[0], words[1] ? "|" : "", words[1] ? words[1] : "");
}

static int do_config(struct parser *p, struct line_ctx *c)
{
	struct scn_config *cfg = &p->s->cfg;
	static const char *const policies[] = { "skip", "stall", NULL };
	static const char *const caches[] = { "on", "off", "check", NULL };
	static const char *const lpi_caches[] = { "hpp", "full", NULL };
	int i, j;

	for (i = 0; i < c->nkv; i++) {
		struct kv *k = &c->kv[i];
		uint64_t v = 0;

		for (j = 0; config_keys[j]; j++)
			if (!strcasecmp(k->key, config_keys[j]))
				break;
		if (!config_keys[j]) { /* an SMMU extension key? */
			struct replay_smmu_where w = { c->name, c->line,
						       c->err };
			int h = replay_smmu_config(p->s, k->key, k->val, &w);

			if (h == 1) /* CONFIG system= (replay_fabric.c)? */
				h = replay_fabric_config(p->s, k->key, k->val,
							 &w);

			if (h < 0)
				return -1;
			if (h == 0) {
				k->used = true;
				continue;
			}
		}
		if (!config_keys[j])
			return perr(c, "unknown CONFIG key '%s'", k->key);
		if (p->seen_cfg[j])
			return perr(c, "CONFIG key '%s' given twice", k->key);
		p->seen_cfg[j] = true;
		k->used = true;
		if (!strcasecmp(k->key, "policy")) {
			if ((cfg->policy = word(c, k, policies)) < 0)
				return -1;
			continue;
		}
		if (!strcasecmp(k->key, "lpi_cache")) {
			if ((cfg->lpi_cache = word(c, k, lpi_caches)) < 0)
				return -1;
			continue;
		}
		if (!strcasecmp(k->key, "cache")) {
			if ((cfg->cache = word(c, k, caches)) < 0)
				return -1;
			continue;
		}
		/* GICv4.1: gic=4.1 (stored as 41), before the number parse */
		if (!strcasecmp(k->key, "gic") && !strcmp(k->val, "4.1")) {
			cfg->gic = 41;
			continue;
		}
		if (!scn_parse_num(k->val, &v))
			return perr(c, "'%s=%s': not a number", k->key, k->val);
#define RANGE(name, lo, hi, field)                                          \
	if (!strcasecmp(k->key, name)) {                                    \
		if (v + 1 < (uint64_t)(lo) + 1 || v > (hi))                 \
			return perr(c, "CONFIG %s=%s: out of range %u..%u", \
				    name, k->val, (unsigned)(lo),           \
				    (unsigned)(hi));                        \
		field;                                                      \
		continue;                                                   \
	}
		RANGE("cpus", 1, 4, cfg->cpus = (unsigned)v)
		RANGE("dt_pages", 1, 256, cfg->dt_pages = (unsigned)v)
		RANGE("ct_pages", 1, 256, cfg->ct_pages = (unsigned)v)
		RANGE("cq_pages", 1, 256, cfg->cq_pages = (unsigned)v)
		RANGE("batch", 0, 1, cfg->batch = v)
		RANGE("indirect", 0, 1, cfg->indirect = v)
		RANGE("vt_pages", 1, 128, cfg->vt_pages = (unsigned)v)
		RANGE("vpe_dirty", 0, 1000, cfg->vpe_dirty = (unsigned)v)
		RANGE("devbits", 1, 32, cfg->devbits = (unsigned)v)
		RANGE("idbits", 1, 32, cfg->idbits = (unsigned)v)
		RANGE("cidbits", 1, 16, cfg->cidbits = (unsigned)v)
		RANGE("pri_bits", 4, 8, cfg->pri_bits = (unsigned)v)
		RANGE("hcc", 0, 255, cfg->hcc = (unsigned)v)
		RANGE("pta", 0, 1, cfg->pta = v)
		RANGE("umsi", 0, 1, cfg->umsi = v)
		RANGE("mapc_rdbase16", 0, 1, cfg->mapc_rdbase16 = v)
		RANGE("strict", 0, 1, cfg->strict = v)
		/* GICD_TYPER2.nASSGIcap (checked against gic= once every
		 * CONFIG line is read, scn_parse()) */
		RANGE("nassgicap", 0, 1,
		      (cfg->nassgicap = (int)v, cfg->nassgicap_line = c->line))
#undef RANGE
		if (!strcasecmp(k->key, "ite_size")) {
			if (v != 8 && v != 12 && v != 16)
				return perr(
					c,
					"CONFIG ite_size=%s: must be 8, 12 or 16",
					k->val);
			cfg->ite_size = (unsigned)v;
			continue;
		}
		if (!strcasecmp(k->key, "gic")) {
			if (v != 3 && v != 4)
				return perr(
					c, "CONFIG gic=%s: must be 3, 4 or 4.1",
					k->val);
			cfg->gic = (unsigned)v;
			continue;
		}
	}
	return 0;
}

/* The VPT of vPE @vpe, allocated on first use (the oracle's rule). */
static int vpt_of(struct parser *p, struct line_ctx *c, uint32_t vpe,
		  uint64_t *addr)
{
	struct scenario *s = p->s;
	size_t i;

	for (i = 0; i < s->nvpts; i++)
		if (s->vpts[i].vpe == vpe) {
			*addr = s->vpts[i].addr;
			return 0;
		}
	if (s->nvpts == VPT_MAX)
		return perr(c, "out of virtual pending tables (%d vPEs)",
			    VPT_MAX);
	if (!s->vpts) {
		s->vpts = malloc(VPT_MAX * sizeof(*s->vpts));
		if (!s->vpts)
			return perr(c, "out of memory");
	}
	s->vpts[s->nvpts].vpe = vpe;
	s->vpts[s->nvpts].addr = VPT_BASE + s->nvpts * VPT_STRIDE;
	*addr = s->vpts[s->nvpts++].addr;
	return 0;
}

/* GICv4.x (CONFIG gic=4 or gic=4.1) */
static bool gic_v4(const struct parser *p)
{
	return p->s->cfg.gic == 4 || p->s->cfg.gic == 41;
}

/* The GICv4.1-only command actions (CONFIG gic=4.1): INVDB, VSGI. */
static int do_v41command(struct parser *p, struct line_ctx *c, const char *kw,
			 struct gicits_cmd *cmd)
{
	uint64_t v = 0, sgi = 0, clear = 0, en = 1, grp = 1, prio = 0xa0;

	if (p->s->cfg.gic != 41)
		return perr(c, "%s needs CONFIG gic=4.1", kw);
	if (num(c, "vpe", 0, 65535, true, 0, &v))
		return -1;
	if (!strcasecmp(kw, "INVDB")) {
		gicits_cmd_invdb(cmd, (uint16_t)v);
		return 0;
	}
	if (num(c, "sgi", 0, 15, true, 0, &sgi) ||
	    num(c, "clear", 0, 1, false, 0, &clear) ||
	    num(c, "enable", 0, 1, false, 1, &en) ||
	    num(c, "group", 0, 1, false, 1, &grp) ||
	    num(c, "prio", 0, 255, false, 0xa0, &prio))
		return -1;
	gicits_cmd_vsgi(cmd, (uint16_t)v, (unsigned)sgi, clear, en, grp,
			(uint8_t)prio);
	return 0;
}

/* The GICv4.0 command actions (CONFIG gic=4), with the GICv4.1 layouts of
 * VMAPP and VMOVP under gic=4.1: one packet each. */
static int do_vcommand(struct parser *p, struct line_ctx *c, const char *kw,
		       struct gicits_cmd *cmd, bool *has_dev, uint64_t *d)
{
	uint64_t e = 0, v = 0, k = 0, valid = 1, size = 0, l = 0, db = 1023;
	const uint64_t u32 = 0xffffffffULL, k35 = (1ULL << 35) - 1;
	bool v41 = p->s->cfg.gic == 41;

	*has_dev = false;
	if (!strcasecmp(kw, "VSGI"))
		return do_v41command(p, c, kw, cmd);
	if (!gic_v4(p))
		return perr(c, "%s needs CONFIG gic=4", kw);
	if (!strcasecmp(kw, "VMAPP")) {
		uint64_t vpt = 0, alloc = 1, ptz = 0, ddb = 1023;

		if (num(c, "vpe", 0, 65535, true, 0, &v) ||
		    num(c, "valid", 0, 1, false, 1, &valid) ||
		    num(c, "cpu", 0, k35, valid == 1, 0, &k) ||
		    num(c, "size", 0, v41 ? 255 : 31, false, valid ? 15 : 0,
			&size))
			return -1;
		if (v41 && (num(c, "alloc", 0, 1, false, 1, &alloc) ||
			    num(c, "ptz", 0, 1, false, 0, &ptz) ||
			    num(c, "db", 0, u32, false, 1023, &ddb)))
			return -1;
		if (valid && vpt_of(p, c, (uint32_t)v, &vpt))
			return -1;
		if (v41)
			gicits_cmd_vmapp41(cmd, (uint16_t)v, k, vpt,
					   (unsigned)size, valid, alloc, ptz,
					   valid ? SCN_VCONF_TABLE : 0,
					   (uint32_t)ddb);
		else
			gicits_cmd_vmapp(cmd, (uint16_t)v, k, vpt,
					 (unsigned)size, valid);
	} else if (!strcasecmp(kw, "VMAPTI") || !strcasecmp(kw, "VMAPI") ||
		   !strcasecmp(kw, "VMOVI")) {
		struct kv *dbk = find(c, "db");

		*has_dev = true;
		if (num(c, "dev", 0, u32, true, 0, d) ||
		    num(c, "event", 0, u32, true, 0, &e) ||
		    num(c, "vpe", 0, 65535, true, 0, &v) ||
		    (!strcasecmp(kw, "VMAPTI") &&
		     num(c, "vintid", 0, u32, true, 0, &l)))
			return -1;
		if (dbk) {
			dbk->used = false; /* num() marks it again */
			if (num(c, "db", 0, u32, false, 1023, &db))
				return -1;
		}
		if (!strcasecmp(kw, "VMAPTI"))
			gicits_cmd_vmapti(cmd, (uint32_t)*d, (uint32_t)e,
					  (uint16_t)v, (uint32_t)l,
					  (uint32_t)db);
		else if (!strcasecmp(kw, "VMAPI"))
			gicits_cmd_vmapi(cmd, (uint32_t)*d, (uint32_t)e,
					 (uint16_t)v, (uint32_t)db);
		else
			gicits_cmd_vmovi(cmd, (uint32_t)*d, (uint32_t)e,
					 (uint16_t)v, dbk != NULL,
					 (uint32_t)db);
	} else if (!strcasecmp(kw, "VMOVP")) {
		struct kv *dbk = find(c, "db");

		if (num(c, "vpe", 0, 65535, true, 0, &v) ||
		    num(c, "cpu", 0, k35, true, 0, &k))
			return -1;
		if (dbk && !v41)
			return perr(c, "VMOVP db= needs CONFIG gic=4.1");
		if (dbk && num(c, "db", 0, u32, true, 0, &db))
			return -1;
		if (v41)
			gicits_cmd_vmovp41(cmd, (uint16_t)v, k, dbk != NULL,
					   (uint32_t)db);
		else
			gicits_cmd_vmovp(cmd, (uint16_t)v, k);
	} else if (!strcasecmp(kw, "INVDB")) {
		return do_v41command(p, c, kw, cmd);
	} else { /* VSYNC, VINVALL */
		if (num(c, "vpe", 0, 65535, true, 0, &v))
			return -1;
		if (!strcasecmp(kw, "VSYNC"))
			gicits_cmd_vsync(cmd, (uint16_t)v);
		else
			gicits_cmd_vinvall(cmd, (uint16_t)v);
	}
	return 0;
}

/* Build one ITS command packet from a command action line. */
static int do_command(struct parser *p, struct line_ctx *c, const char *kw)
{
	uint64_t d = 0, e = 0, l = 0, ic = 0, k = 0, v = 0, b = 0, k2 = 0;
	struct gicits_cmd cmd = { { 0, 0, 0, 0 } };
	uint64_t *dw = cmd.dw;
	const uint64_t u32 = 0xffffffffULL, k35 = (1ULL << 35) - 1;
	struct scn_action *a;
	bool has_dev = true;

	if (kw[0] == 'V' || kw[0] == 'v' || !strcasecmp(kw, "INVDB")) {
		if (do_vcommand(p, c, kw, &cmd, &has_dev, &d))
			return -1;
	} else if (!strcasecmp(kw, "MAPD")) {
		struct kv *itt;
		uint64_t addr = 0;

		if (num(c, "dev", 0, u32, true, 0, &d) ||
		    num(c, "valid", 0, 1, false, 1, &v) ||
		    num(c, "bits", 1, 32, v == 1, 1, &b))
			return -1;
		itt = find(c, "itt");
		if (v == 1) {
			if (!itt) {
				unsigned eb = b < 16 ? (unsigned)b : 16;
				uint64_t size = (uint64_t)p->s->cfg.ite_size
						<< eb;

				addr = (p->s->heap_next + 255) & ~255ULL;
				if (addr + size > ITT_HEAP_END)
					return perr(
						c,
						"ITT heap exhausted (120 MiB)");
				p->s->heap_next = addr + size;
				if (itt_record(p, (uint32_t)d, addr))
					return perr(c, "out of memory");
			} else if (!strcasecmp(itt->val, "reuse")) {
				struct itt_rec *r = itt_find(p, (uint32_t)d);

				if (d >= 65536)
					return perr(
						c,
						"itt=reuse: DeviceID %llu >= 65536",
						(unsigned long long)d);
				if (!r)
					return perr(
						c,
						"itt=reuse: no ITT was allocated for DeviceID %llu",
						(unsigned long long)d);
				addr = r->addr;
			} else {
				if (!scn_parse_num(itt->val, &addr))
					return perr(
						c,
						"'itt=%s': not a number or 'reuse'",
						itt->val);
				if ((addr & 255) || addr >= (1ULL << 52))
					return perr(
						c,
						"'itt=%s': must be 256-byte aligned and < 2^52",
						itt->val);
			}
		}
		gicits_cmd_mapd(&cmd, (uint32_t)d, (unsigned)(b - 1), addr, v);
	} else if (!strcasecmp(kw, "MAPC")) {
		has_dev = false;
		if (num(c, "icid", 0, 65535, true, 0, &ic) ||
		    num(c, "valid", 0, 1, false, 1, &v) ||
		    num(c, "cpu", 0, k35, v == 1, 0, &k))
			return -1;
		gicits_cmd_mapc(&cmd, (uint16_t)ic, k, v);
	} else if (!strcasecmp(kw, "MAPTI")) {
		if (num(c, "dev", 0, u32, true, 0, &d) ||
		    num(c, "event", 0, u32, true, 0, &e) ||
		    num(c, "intid", 0, u32, true, 0, &l) ||
		    num(c, "icid", 0, 65535, true, 0, &ic))
			return -1;
		gicits_cmd_mapti(&cmd, (uint32_t)d, (uint32_t)e, (uint32_t)l,
				 (uint16_t)ic);
	} else if (!strcasecmp(kw, "MAPI") || !strcasecmp(kw, "MOVI")) {
		if (num(c, "dev", 0, u32, true, 0, &d) ||
		    num(c, "event", 0, u32, true, 0, &e) ||
		    num(c, "icid", 0, 65535, true, 0, &ic))
			return -1;
		if (!strcasecmp(kw, "MAPI"))
			gicits_cmd_mapi(&cmd, (uint32_t)d, (uint32_t)e,
					(uint16_t)ic);
		else
			gicits_cmd_movi(&cmd, (uint32_t)d, (uint32_t)e,
					(uint16_t)ic);
	} else if (!strcasecmp(kw, "INT") || !strcasecmp(kw, "CLEAR") ||
		   !strcasecmp(kw, "DISCARD") || !strcasecmp(kw, "INV")) {
		uint8_t op = !strcasecmp(kw, "INT")	? GICITS_CMD_INT :
			     !strcasecmp(kw, "CLEAR")	? GICITS_CMD_CLEAR :
			     !strcasecmp(kw, "DISCARD") ? GICITS_CMD_DISCARD :
							  GICITS_CMD_INV;

		if (num(c, "dev", 0, u32, true, 0, &d) ||
		    num(c, "event", 0, u32, true, 0, &e))
			return -1;
		gicits_cmd_event(&cmd, op, (uint32_t)d, (uint32_t)e);
	} else if (!strcasecmp(kw, "MOVALL")) {
		has_dev = false;
		if (num(c, "from", 0, k35, true, 0, &k) ||
		    num(c, "to", 0, k35, true, 0, &k2))
			return -1;
		gicits_cmd_movall(&cmd, k, k2);
	} else if (!strcasecmp(kw, "INVALL")) {
		has_dev = false;
		if (num(c, "icid", 0, 65535, true, 0, &ic))
			return -1;
		gicits_cmd_invall(&cmd, (uint16_t)ic);
	} else if (!strcasecmp(kw, "SYNC")) {
		has_dev = false;
		if (num(c, "cpu", 0, k35, true, 0, &k))
			return -1;
		gicits_cmd_sync(&cmd, k);
	} else { /* RAWCMD */
		static const uint8_t dev_ops[] = {
			GICITS_CMD_MOVI,  GICITS_CMD_INT,     GICITS_CMD_CLEAR,
			GICITS_CMD_MAPD,  GICITS_CMD_MAPTI,   GICITS_CMD_MAPI,
			GICITS_CMD_INV,	  GICITS_CMD_DISCARD, GICITS_CMD_VMAPTI,
			GICITS_CMD_VMAPI, GICITS_CMD_VMOVI,
		};
		unsigned i;

		if (num(c, "d0", 0, UINT64_MAX, false, 0, &dw[0]) ||
		    num(c, "d1", 0, UINT64_MAX, false, 0, &dw[1]) ||
		    num(c, "d2", 0, UINT64_MAX, false, 0, &dw[2]) ||
		    num(c, "d3", 0, UINT64_MAX, false, 0, &dw[3]))
			return -1;
		has_dev = false;
		for (i = 0; i < sizeof(dev_ops); i++)
			if ((dw[0] & 0xff) == dev_ops[i])
				has_dev = true;
		d = dw[0] >> 32;
	}
	if (check_unused(c))
		return -1;
	if (has_dev && note_devid(p, (uint32_t)d))
		return perr(c, "out of memory");
	a = add(p, SCN_CMD, c->line);
	if (!a)
		return perr(c, "out of memory");
	memcpy(a->a, cmd.dw, sizeof(cmd.dw));
	return 0;
}

static const char *const reg_names[] = { "CTLR",   "IIDR",    "TYPER",
					 "CBASER", "CWRITER", "CREADR",
					 "BASER0", "BASER1",  "BASER2",
					 "BASER3", "BASER4",  "BASER5",
					 "BASER6", "BASER7",  NULL };

/* An action naming one register as a bare word (REG, GICD): a new
 * action of @op with the name as @names spells it, or NULL after the
 * error was reported. */
static struct scn_action *bare_reg(struct parser *p, struct line_ctx *c,
				   const char *kw, const char *const *names,
				   enum scn_op op)
{
	struct scn_action *a;
	int i;

	if (!c->bare[0]) {
		perr(c, "%s needs a register name", kw);
		return NULL;
	}
	if (check_unused(c))
		return NULL;
	for (i = 0; names[i]; i++)
		if (!strcasecmp(c->bare, names[i]))
			break;
	if (!names[i]) {
		perr(c, "%s %s: unknown register", kw, c->bare);
		return NULL;
	}
	a = add(p, op, c->line);
	if (!a) {
		perr(c, "out of memory");
		return NULL;
	}
	strcpy(a->reg, names[i]);
	return a;
}

static int do_line(struct parser *p, struct line_ctx *c, char *kw)
{
	struct scn_action *a;
	uint64_t v1 = 0, v2 = 0, v3 = 0;

	if (!strcasecmp(kw, "CONFIG"))
		return do_config(p, c);
	if (!strcasecmp(kw, "MAPD") || !strcasecmp(kw, "MAPC") ||
	    !strcasecmp(kw, "MAPTI") || !strcasecmp(kw, "MAPI") ||
	    !strcasecmp(kw, "INT") || !strcasecmp(kw, "CLEAR") ||
	    !strcasecmp(kw, "DISCARD") || !strcasecmp(kw, "INV") ||
	    !strcasecmp(kw, "MOVI") || !strcasecmp(kw, "MOVALL") ||
	    !strcasecmp(kw, "INVALL") || !strcasecmp(kw, "SYNC") ||
	    !strcasecmp(kw, "RAWCMD") || !strcasecmp(kw, "VMAPP") ||
	    !strcasecmp(kw, "VMAPTI") || !strcasecmp(kw, "VMAPI") ||
	    !strcasecmp(kw, "VMOVI") || !strcasecmp(kw, "VMOVP") ||
	    !strcasecmp(kw, "VSYNC") || !strcasecmp(kw, "VINVALL") ||
	    !strcasecmp(kw, "INVDB") || !strcasecmp(kw, "VSGI"))
		return do_command(p, c, kw);
	if (!strcasecmp(kw, "VINV") || !strcasecmp(kw, "VPENDBASER")) {
		/* GICv4.1: GICR_INVLPIR/INVALLR with V = 1 (intid absent:
		 * INVALLR); a raw GICR_VPENDBASER write, no polling */
		struct kv *ik = find(c, "intid");
		bool raw = !strcasecmp(kw, "VPENDBASER");

		if (p->s->cfg.gic != 41)
			return perr(c, "%s needs CONFIG gic=4.1", kw);
		if (num(c, "cpu", 0, p->s->cfg.cpus - 1, true, 0, &v1) ||
		    (raw ? num(c, "value", 0, UINT64_MAX, true, 0, &v2) :
			   (num(c, "vpe", 0, 65535, true, 0, &v2) ||
			    (ik && num(c, "intid", 0, 0xffffffffULL, true, 0,
				       &v3)))) ||
		    check_unused(c))
			return -1;
		if (raw)
			p->resident[v1] = v2 >> 63 ? (uint32_t)(v2 & 0xffff) :
						     SCN_VPE_NONE;
		a = add(p, raw ? SCN_VPENDW : SCN_VINV, c->line);
		if (!a)
			return perr(c, "out of memory");
		a->a[0] = v1;
		a->a[1] = v2;
		a->a[2] = v3;
		a->a[3] = ik != NULL;
		return 0;
	}
	if (!strcasecmp(kw, "SGIR") || !strcasecmp(kw, "VSGIR")) {
		/* GICv4.1: GITS_SGIR write; GICR_VSGIR query */
		if (p->s->cfg.gic != 41)
			return perr(c, "%s needs CONFIG gic=4.1", kw);
		if (num(c, "vpe", 0, 65535, true, 0, &v1) ||
		    (!strcasecmp(kw, "SGIR") ?
			     num(c, "sgi", 0, 15, true, 0, &v2) :
			     num(c, "cpu", 0, p->s->cfg.cpus - 1, true, 0,
				 &v2)) ||
		    check_unused(c))
			return -1;
		a = add(p, !strcasecmp(kw, "SGIR") ? SCN_SGIR : SCN_VSGIR,
			c->line);
		if (!a)
			return perr(c, "out of memory");
		a->a[0] = v1;
		a->a[1] = v2;
		return 0;
	}
	if (!strcasecmp(kw, "RESIDENT")) {
		struct kv *vk = find(c, "vpe");
		uint32_t vpe = SCN_VPE_NONE;
		uint64_t vpt = 0;
		unsigned k;

		if (!gic_v4(p))
			return perr(c, "RESIDENT needs CONFIG gic=4");
		if (num(c, "cpu", 0, p->s->cfg.cpus - 1, true, 0, &v1))
			return -1;
		/* GICv4.1: the deschedule's Doorbell and PendingLast, and
		 * the schedule's VGrp1En (§7.1, §7.2) */
		v3 = 0;
		if (p->s->cfg.gic == 41) {
			uint64_t db = 0, pl = 0, g1 = 1;

			if (num(c, "db", 0, 1, false, 0, &db) ||
			    num(c, "pl", 0, 1, false, 0, &pl) ||
			    num(c, "g1", 0, 1, false, 1, &g1))
				return -1;
			v3 = db | pl << 1 | g1 << 2;
		}
		if (!vk)
			return perr(c, "missing parameter 'vpe'");
		if (strcasecmp(vk->val, "none")) {
			vk->used = false;
			if (num(c, "vpe", 0, 65535, true, 0, &v2))
				return -1;
			vpe = (uint32_t)v2;
			for (k = 0; k < p->s->cfg.cpus; k++)
				if (k != v1 && p->resident[k] == vpe)
					return perr(
						c,
						"vPE %u is still resident on cpu %u",
						vpe, k);
			if (vpt_of(p, c, vpe, &vpt))
				return -1;
		}
		if (check_unused(c))
			return -1;
		p->resident[v1] = vpe;
		a = add(p, SCN_RESIDENT, c->line);
		if (!a)
			return perr(c, "out of memory");
		a->a[0] = v1;
		a->a[1] = vpe;
		a->a[2] = vpt;
		a->a[3] = v3;
		return 0;
	}
	if (!strcasecmp(kw, "VLPICFG") || !strcasecmp(kw, "VPENDING")) {
		bool cfg = !strcasecmp(kw, "VLPICFG");

		if (!gic_v4(p))
			return perr(c, "%s needs CONFIG gic=4", kw);
		if (cfg && (num(c, "intid", 8192, 65535, true, 0, &v1) ||
			    num(c, "prio", 0, 255, true, 0, &v2) ||
			    num(c, "enable", 0, 1, true, 0, &v3)))
			return -1;
		if (check_unused(c))
			return -1;
		a = add(p, cfg ? SCN_VLPICFG : SCN_VPENDING, c->line);
		if (!a)
			return perr(c, "out of memory");
		a->a[0] = v1;
		a->a[1] = v2;
		a->a[2] = v3;
		return 0;
	}
	if (!strcasecmp(kw, "LPICFG")) {
		if (num(c, "intid", 8192, 65535, true, 0, &v1) ||
		    num(c, "prio", 0, 255, true, 0, &v2) ||
		    num(c, "enable", 0, 1, true, 0, &v3) || check_unused(c))
			return -1;
		a = add(p, SCN_LPICFG, c->line);
		if (!a)
			return perr(c, "out of memory");
		a->a[0] = v1;
		a->a[1] = v2;
		a->a[2] = v3;
		return 0;
	}
	if (!strcasecmp(kw, "MSI")) {
		/* gicits extension: dev=D, the DeviceID sampled from the bus */
		if (num(c, "event", 0, 0xffffffffULL, true, 0, &v1) ||
		    num(c, "dev", 0, 0xffffffffULL, false, 0, &v2) ||
		    check_unused(c))
			return -1;
		if (note_devid(p, (uint32_t)v2))
			return perr(c, "out of memory");
		a = add(p, SCN_MSI, c->line);
		if (!a)
			return perr(c, "out of memory");
		a->a[0] = v1;
		a->a[1] = v2;
		return 0;
	}
	if (!strcasecmp(kw, "DRAIN") || !strcasecmp(kw, "PENDING")) {
		if (check_unused(c))
			return -1;
		a = add(p, !strcasecmp(kw, "DRAIN") ? SCN_DRAIN : SCN_PENDING,
			c->line);
		return a ? 0 : perr(c, "out of memory");
	}
	if (!strcasecmp(kw, "GICD")) {
		/* the distributor: GICD NAME [value=X] (any gic) */
		static const char *const gicd_names[] = { "CTLR",   "TYPER",
							  "TYPER2", "IIDR",
							  "PIDR2",  NULL };
		struct kv *vk = find(c, "value");

		if (vk && num(c, "value", 0, 0xffffffffULL, true, 0, &v1))
			return -1;
		a = bare_reg(p, c, "GICD", gicd_names, SCN_GICD);
		if (!a)
			return -1;
		a->a[0] = v1;
		a->a[1] = vk != NULL;
		return 0;
	}
	if (!strcasecmp(kw, "REG"))
		return bare_reg(p, c, "REG", reg_names, SCN_REG) ? 0 : -1;
	{ /* the SMMU extension (replay_smmu.c) */
		struct replay_smmu_kv kv[MAX_TOKENS];
		struct replay_smmu_where w = { c->name, c->line, c->err };
		uint64_t idx = 0;
		int i, h;

		for (i = 0; i < c->nkv; i++) {
			kv[i].key = c->kv[i].key;
			kv[i].val = c->kv[i].val;
		}
		h = replay_smmu_parse(p->s, kw, kv, c->nkv, c->bare, &w, &idx);
		if (h == 1 && !c->bare[0]) { /* CONFIG system= actions */
			h = replay_fabric_parse(p->s, kw, kv, c->nkv, &w, &idx);
			if (h == 0) {
				a = add(p, SCN_SYSTEM, c->line);
				if (!a)
					return perr(c, "out of memory");
				a->a[0] = idx;
				return 0;
			}
		}
		if (h <= 0) {
			if (h < 0)
				return -1;
			a = add(p, SCN_SMMU, c->line);
			if (!a)
				return perr(c, "out of memory");
			a->a[0] = idx;
			return 0;
		}
	}
	return perr(c, "unknown action '%s'", kw);
}

/* Next whitespace-separated token of *@pos (NUL-terminated in place). */
static char *next_token(char **pos)
{
	char *p = *pos, *tok;

	while (*p && isspace((unsigned char)*p))
		p++;
	if (!*p) {
		*pos = p;
		return NULL;
	}
	tok = p;
	while (*p && !isspace((unsigned char)*p))
		p++;
	if (*p)
		*p++ = '\0';
	*pos = p;
	return tok;
}

/* Split one line (modified in place) into keyword and key=value tokens. */
static int tokenize(struct line_ctx *c, char *s, char **kw)
{
	char *tok, *save = s, *h = strchr(s, '#');
	int i;

	if (h)
		*h = '\0';
	*kw = NULL;
	c->nkv = 0;
	c->bare[0] = '\0';
	for (tok = next_token(&save); tok; tok = next_token(&save)) {
		char *eq;

		if (!*kw) {
			*kw = tok;
			continue;
		}
		eq = strchr(tok, '=');
		if (!eq) {
			if ((strcasecmp(*kw, "REG") &&
			     strcasecmp(*kw, "SREG") &&
			     strcasecmp(*kw, "GICD")) ||
			    c->bare[0] || strlen(tok) >= sizeof(c->bare))
				return perr(c, "'%s': expected key=value", tok);
			strcpy(c->bare, tok);
			continue;
		}
		*eq = '\0';
		if (c->nkv == MAX_TOKENS)
			return perr(c, "too many parameters");
		if (!*tok || strlen(tok) >= sizeof(c->kv[0].key) ||
		    strlen(eq + 1) >= sizeof(c->kv[0].val) || !eq[1])
			return perr(c, "'%s=%s': malformed parameter", tok,
				    eq + 1);
		for (i = 0; i < c->nkv; i++)
			if (!strcasecmp(c->kv[i].key, tok))
				return perr(c, "parameter '%s' repeated", tok);
		strcpy(c->kv[c->nkv].key, tok);
		strcpy(c->kv[c->nkv].val, eq + 1);
		c->kv[c->nkv].used = false;
		c->nkv++;
	}
	return 0;
}

int scn_parse(const char *name, const char *text, struct scenario *s, FILE *err)
{
	struct parser p;
	struct line_ctx c;
	const char *ln = text;
	char buf[1024];
	int rc = 0;

	memset(s, 0, sizeof(*s));
	memset(&p, 0, sizeof(p));
	p.s = s;
	s->cfg.cpus = 4;
	s->cfg.dt_pages = 0; /* default depends on indirect */
	s->cfg.ct_pages = 128;
	s->cfg.cq_pages = 256;
	s->cfg.batch = true;
	s->cfg.gic = 3;
	s->cfg.vt_pages = 128;
	for (int k = 0; k < 4; k++)
		p.resident[k] = SCN_VPE_NONE;
	s->cfg.devbits = 16;
	s->cfg.idbits = 16;
	s->cfg.cidbits = 16;
	s->cfg.ite_size = 12;
	s->cfg.pri_bits = 5;
	s->cfg.nassgicap = -1;
	s->cfg.mapc_rdbase16 = true; /* QEMU 7.2's; not the library default */
	c.name = name;
	c.err = err;
	c.line = 0;

	/* CONFIG may appear anywhere, and ite_size changes ITT allocation:
	 * a first pass reads only CONFIG lines. */
	for (int pass = 0; pass < 2 && !rc; pass++) {
		ln = text;
		c.line = 0;
		if (pass == 1) {
			struct replay_smmu_where w = { name, 0, err };

			if (!s->cfg.dt_pages)
				s->cfg.dt_pages = s->cfg.indirect ? 1 : 128;
			/* GICD_TYPER2 is a GICv4.1 register (spec/gicv41.md
			 * §1) */
			if (s->cfg.nassgicap == 1 && s->cfg.gic != 41) {
				c.line = s->cfg.nassgicap_line;
				rc = perr(
					&c,
					"CONFIG nassgicap=1 needs CONFIG gic=4.1");
				break;
			}
			if (replay_smmu_config_done(s, &w)) {
				rc = -1;
				break;
			}
			s->heap_next = ITT_HEAP_BASE;
		}
		while (*ln && !rc) {
			const char *eol = strchr(ln, '\n');
			size_t n = eol ? (size_t)(eol - ln) : strlen(ln);
			char *kw;

			c.line++;
			if (n >= sizeof(buf)) {
				rc = perr(&c, "line longer than %zu characters",
					  sizeof(buf) - 1);
				break;
			}
			memcpy(buf, ln, n);
			buf[n] = '\0';
			ln += n + (eol ? 1 : 0);
			if (memchr(buf, '\0', n)) {
				rc = perr(&c, "NUL byte in line");
				break;
			}
			rc = tokenize(&c, buf, &kw);
			if (rc || !kw)
				continue;
			if (pass == 0) {
				if (!strcasecmp(kw, "CONFIG"))
					rc = do_config(&p, &c);
				continue;
			}
			if (strcasecmp(kw, "CONFIG"))
				rc = do_line(&p, &c, kw);
		}
	}
	/* Level-2 device table pages come from the start of the ITT heap in
	 * the oracle, before any ITT: shift ITT addresses if needed is not
	 * possible after the fact, so scn_run() allocates them above the
	 * ITTs' high-water mark instead (addresses are not observable). */
	free(p.itts);
	if (rc)
		scn_free(s);
	return rc;
}

void scn_free(struct scenario *s)
{
	replay_smmu_scn_free(s);
	replay_fabric_scn_free(s);
	free(s->acts);
	free(s->devids);
	free(s->vpts);
	s->acts = NULL;
	s->devids = NULL;
	s->vpts = NULL;
	s->nacts = s->ndevids = s->nvpts = 0;
}
