/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * `gicits replay` with `CONFIG iommu=smmuv3` (replay_smmu.h): the oracle's
 * SMMUv3 at the virt machine's address, programmed as the oracle program
 * programs it at boot, and an edu-like PCI device (RID = StreamID =
 * DeviceID 8) whose MSI and DMA go through gicits_iommu_translate().
 * Layout and encodings: docs/scenario-language.md, "SMMUv3 + edu
 * extension".  Structures are written to guest memory exactly as the
 * oracle writes them, so the model reads what QEMU's SMMU read.
 */
#include "replay_smmu.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "gicits/error.h"
#include "gicits/iommu.h"

#include <stdarg.h>

/* The oracle's memory layout (scenario-language.md, SMMU section). */
#define STRTAB 0x5B000000ULL
#define L2_BASE 0x5B400000ULL
#define SMMU_CMDQ 0x5B800000ULL
#define SMMU_CMDQ_LOG2 8
#define SMMU_EVTQ 0x5B810000ULL
#define CD_BASE 0x5B900000ULL
#define PT_BASE 0x5BA00000ULL
#define PT_END 0x5C000000ULL
#define DMA_WIN 0x5C000000ULL
#define DMA_WIN_SIZE 0x01000000ULL
#define ITS_DOORBELL 0x08090040ULL
#define EDU_SID 8u
#define EDU_BUF 4096u
/* QEMU's SMMU memory region spans [0, 2^48): beyond, a device's access
 * never reaches the SMMU (the oracle's README, section 5). */
#define SMMU_IOVA_LIMIT (1ULL << 48)

enum smmu_op {
	SO_SMMU,
	SO_STE,
	SO_L1STD,
	SO_CD,
	SO_MAP,
	SO_UNMAP,
	SO_CMD, /* v[0], v[1]: the command's two doublewords */
	SO_EDU_MSI,
	SO_EDU_DMA,
	SO_FILL,
	SO_DUMP,
	SO_EVENTS,
	SO_SREG,
};

/* STE/CD/MAP parameters; "tree" fields are tree ids resolved at run time
 * (page-table pages are allocated on first use, as the oracle does). */
struct smmu_act {
	enum smmu_op op;
	uint64_t v[16];
	char reg[16];
};

struct replay_smmu_scn {
	bool on; /* iommu=smmuv3 */
	bool seen[8];
	unsigned line; /* of the last SMMU CONFIG key, for messages */
	unsigned st_levels, st_log2size, st_split, evq_log2size;
	struct smmu_act *acts;
	size_t n, cap;
};

/* ---- parsing ---- */

int replay_err_at(const struct replay_smmu_where *w, const char *fmt, ...)
{
	va_list ap;

	fprintf(w->err, "%s:%u: ", w->name, w->line);
	va_start(ap, fmt);
	vfprintf(w->err, fmt, ap);
	va_end(ap);
	fputc('\n', w->err);
	return -1;
}

static const char *const cfg_keys[] = { "iommu",	"st_levels",
					"st_log2size",	"st_split",
					"evq_log2size", NULL };

static struct replay_smmu_scn *scn_of(struct scenario *s)
{
	if (!s->smmu) {
		s->smmu = calloc(1, sizeof(*s->smmu));
		if (s->smmu)
			s->smmu->st_levels = 1;
	}
	return s->smmu;
}

int replay_smmu_config(struct scenario *s, const char *key, const char *val,
		       const struct replay_smmu_where *w)
{
	struct replay_smmu_scn *m;
	uint64_t v;
	int i;

	for (i = 0; cfg_keys[i]; i++)
		if (!strcasecmp(key, cfg_keys[i]))
			break;
	if (!cfg_keys[i])
		return 1;
	m = scn_of(s);
	if (!m)
		return replay_err_at(w, "out of memory");
	if (m->seen[i])
		return replay_err_at(w, "CONFIG key '%s' given twice", key);
	m->seen[i] = true;
	m->line = w->line;
	if (i == 0) {
		if (!strcasecmp(val, "smmuv3"))
			m->on = true;
		else if (!strcasecmp(val, "none"))
			m->on = false;
		else
			return replay_err_at(
				w, "'iommu=%s': expected one of smmuv3|none",
				val);
		return 0;
	}
	if (!scn_parse_num(val, &v))
		return replay_err_at(w, "'%s=%s': not a number", key, val);
	switch (i) {
	case 1:
		if (v < 1 || v > 2)
			return replay_err_at(
				w, "CONFIG st_levels=%s: out of range 1..2",
				val);
		m->st_levels = (unsigned)v;
		break;
	case 2:
		if (v < 1 || v > 16)
			return replay_err_at(
				w, "CONFIG st_log2size=%s: out of range 1..16",
				val);
		m->st_log2size = (unsigned)v;
		break;
	case 3:
		if (v < 6 || v > 10)
			return replay_err_at(
				w, "CONFIG st_split=%s: out of range 6..10",
				val);
		m->st_split = (unsigned)v;
		break;
	default:
		if (v < 1 || v > 10)
			return replay_err_at(
				w, "CONFIG evq_log2size=%s: out of range 1..10",
				val);
		m->evq_log2size = (unsigned)v;
		break;
	}
	return 0;
}

int replay_smmu_config_done(struct scenario *s,
			    const struct replay_smmu_where *where)
{
	struct replay_smmu_scn *m = s->smmu;
	struct replay_smmu_where at, *w = &at;

	if (!m)
		return 0;
	at = *where;
	at.line = m->line; /* combination errors: the last SMMU CONFIG line */
	if (!m->on) {
		for (int i = 1; cfg_keys[i]; i++)
			if (m->seen[i])
				return replay_err_at(
					w,
					"CONFIG %s: needs CONFIG iommu=smmuv3",
					cfg_keys[i]);
		return 0;
	}
	if (s->cfg.gic != 3)
		return replay_err_at(w, "CONFIG iommu=smmuv3: needs gic=3");
	if (!m->st_log2size)
		m->st_log2size = m->st_levels == 2 ? 16 : 8;
	if (!m->st_split)
		m->st_split = 8;
	if (!m->evq_log2size)
		m->evq_log2size = 7;
	if (m->st_levels == 1 && m->seen[3])
		return replay_err_at(w, "CONFIG st_split: needs st_levels=2");
	if (m->st_levels == 2 && m->st_split >= m->st_log2size)
		return replay_err_at(
			w, "CONFIG st_split=%u must be below st_log2size=%u",
			m->st_split, m->st_log2size);
	return 0;
}

/* Key lookup over one line's tokens, with "used" marks. */
struct toks {
	const struct replay_smmu_kv *kv;
	int n;
	bool used[32];
	const struct replay_smmu_where *w;
};

static const char *tk_find(struct toks *t, const char *key)
{
	for (int i = 0; i < t->n; i++)
		if (!strcasecmp(t->kv[i].key, key)) {
			t->used[i] = true;
			return t->kv[i].val;
		}
	return NULL;
}

static int tk_num(struct toks *t, const char *key, uint64_t lo, uint64_t hi,
		  bool required, uint64_t def, uint64_t *v)
{
	const char *s = tk_find(t, key);

	if (!s) {
		if (required)
			return replay_err_at(t->w, "missing parameter '%s'",
					     key);
		*v = def;
		return 0;
	}
	if (!scn_parse_num(s, v))
		return replay_err_at(
			t->w, "'%s=%s': not a number (decimal or 0x hex)", key,
			s);
	if (*v < lo || *v > hi)
		return replay_err_at(
			t->w, "'%s=%s': out of range %" PRIu64 "..%" PRIu64,
			key, s, lo, hi);
	return 0;
}

static int tk_done(struct toks *t)
{
	for (int i = 0; i < t->n; i++)
		if (!t->used[i])
			return replay_err_at(t->w, "unknown parameter '%s'",
					     t->kv[i].key);
	return 0;
}

/* Optional 0/1 parameter: 2 when absent (unchanged). */
static int tk_opt01(struct toks *t, const char *key, uint64_t *v)
{
	return tk_num(t, key, 0, 1, false, 2, v);
}

static const char *const ste_configs[] = { "abort", "bypass", "s1",
					   "s2",    "nested", NULL };
static const uint64_t ste_config_vals[] = { 0, 4, 5, 6, 7 };

static int parse_ste(struct replay_smmu_scn *m, struct toks *t,
		     struct smmu_act *a)
{
	const char *c;
	uint64_t cfg = 0;
	bool has_cd, has_ptr;

	if (tk_num(t, "sid", 0, (1ULL << m->st_log2size) - 1, true, 0,
		   &a->v[0]) ||
	    tk_num(t, "valid", 0, 1, false, 1, &a->v[1]))
		return -1;
	c = tk_find(t, "config");
	if (!c)
		return replay_err_at(t->w, "missing parameter 'config'");
	for (int i = 0; ste_configs[i]; i++)
		if (!strcasecmp(c, ste_configs[i])) {
			cfg = ste_config_vals[i];
			goto found;
		}
	if (!scn_parse_num(c, &cfg) || cfg > 7)
		return replay_err_at(
			t->w,
			"'config=%s': expected abort|bypass|s1|s2|nested or 0..7",
			c);
found:
	a->v[2] = cfg;
	has_cd = tk_find(t, "cd") != NULL;
	has_ptr = tk_find(t, "cdptr") != NULL;
	if ((cfg == 5 || cfg == 7) && has_cd == has_ptr)
		return replay_err_at(t->w,
				     "STE config=%" PRIu64
				     ": needs exactly one of cd=, cdptr=",
				     cfg);
	if (tk_num(t, "cd", 0, 63, false, 0, &a->v[3]) ||
	    tk_num(t, "cdptr", 0, (1ULL << 56) - 1, false, 0, &a->v[4]) ||
	    tk_num(t, "s1cdmax", 0, 31, false, 0, &a->v[5]) ||
	    tk_num(t, "s1dss", 0, 3, false, 0, &a->v[6]) ||
	    tk_num(t, "s1stalld", 0, 1, false, 0, &a->v[7]) ||
	    tk_num(t, "s2tt", 0, 15, false, 16, &a->v[8]))
		return -1;
	a->v[9] = has_ptr;
	a->v[10] = has_cd;
	return 0;
}

static int parse_cd(struct toks *t, struct smmu_act *a)
{
	bool has_tt = tk_find(t, "tt") != NULL;
	bool has_ttb = tk_find(t, "ttb") != NULL;

	if (has_tt == has_ttb)
		return replay_err_at(t->w,
				     "CD: needs exactly one of tt=, ttb=");
	if (tk_num(t, "cd", 0, 63, true, 0, &a->v[0]) ||
	    tk_num(t, "asid", 0, 65535, true, 0, &a->v[1]) ||
	    tk_num(t, "tt", 0, 15, false, 0, &a->v[2]) ||
	    tk_num(t, "ttb", 0, (1ULL << 56) - 1, false, 0, &a->v[3]) ||
	    tk_num(t, "valid", 0, 1, false, 1, &a->v[4]) ||
	    tk_num(t, "r", 0, 1, false, 1, &a->v[5]) ||
	    tk_num(t, "a", 0, 1, false, 1, &a->v[6]) ||
	    tk_num(t, "s", 0, 1, false, 0, &a->v[7]) ||
	    tk_num(t, "aa64", 0, 1, false, 1, &a->v[8]) ||
	    tk_num(t, "epd0", 0, 1, false, 0, &a->v[9]) ||
	    tk_num(t, "affd", 0, 1, false, 1, &a->v[10]) ||
	    tk_num(t, "ha", 0, 1, false, 0, &a->v[11]) ||
	    tk_num(t, "hd", 0, 1, false, 0, &a->v[12]) ||
	    tk_num(t, "t0sz", 0, 63, false, 16, &a->v[13]) ||
	    tk_num(t, "tg0", 0, 3, false, 0, &a->v[14]) ||
	    tk_num(t, "ips", 0, 7, false, 5, &a->v[15]))
		return -1;
	if (has_ttb)
		a->v[2] |= 1ULL << 63; /* TTB0 is the raw ttb= */
	return 0;
}

static int parse_map(struct toks *t, struct smmu_act *a, bool unmap)
{
	bool has_pa, has_raw;

	if (tk_num(t, "tt", 0, 15, true, 0, &a->v[0]) ||
	    tk_num(t, "iova", 0, SMMU_IOVA_LIMIT - 1, true, 0, &a->v[1]))
		return -1;
	if (unmap)
		return 0;
	has_pa = tk_find(t, "pa") != NULL;
	has_raw = tk_find(t, "raw") != NULL;
	if (has_pa == has_raw)
		return replay_err_at(t->w,
				     "MAP: needs exactly one of pa=, raw=");
	if (tk_num(t, "pa", 0, (1ULL << 48) - 1, false, 0, &a->v[2]) ||
	    tk_num(t, "raw", 0, UINT64_MAX, false, 0, &a->v[3]) ||
	    tk_num(t, "ap", 0, 3, false, 1, &a->v[4]) ||
	    tk_num(t, "af", 0, 1, false, 1, &a->v[5]) ||
	    tk_num(t, "attr", 0, 7, false, 0, &a->v[6]))
		return -1;
	if (has_raw &&
	    (tk_find(t, "ap") || tk_find(t, "af") || tk_find(t, "attr")))
		return replay_err_at(t->w,
				     "MAP raw=: ap=, af=, attr= do not apply");
	a->v[7] = has_raw;
	return 0;
}

/* SMMU commands (IHI 0070 §4): name, opcode, parameters. */
static int parse_cmd(struct toks *t, const char *kw, struct smmu_act *a)
{
	uint64_t s = 0, x = 0, y = 0;
	const uint64_t u32 = 0xffffffffULL;

	a->op = SO_CMD;
	if (!strcasecmp(kw, "CFGI_STE")) {
		if (tk_num(t, "sid", 0, u32, true, 0, &s) ||
		    tk_num(t, "leaf", 0, 1, false, 1, &x))
			return -1;
		a->v[0] = 0x03 | s << 32;
		a->v[1] = x;
	} else if (!strcasecmp(kw, "CFGI_STE_RANGE")) {
		if (tk_num(t, "sid", 0, u32, true, 0, &s) ||
		    tk_num(t, "range", 0, 31, true, 0, &x))
			return -1;
		a->v[0] = 0x04 | s << 32;
		a->v[1] = x;
	} else if (!strcasecmp(kw, "CFGI_ALL")) {
		a->v[0] = 0x04;
		a->v[1] = 31;
	} else if (!strcasecmp(kw, "CFGI_CD")) {
		if (tk_num(t, "sid", 0, u32, true, 0, &s) ||
		    tk_num(t, "ssid", 0, 0xfffff, false, 0, &y) ||
		    tk_num(t, "leaf", 0, 1, false, 1, &x))
			return -1;
		a->v[0] = 0x05 | y << 12 | s << 32;
		a->v[1] = x;
	} else if (!strcasecmp(kw, "CFGI_CD_ALL")) {
		if (tk_num(t, "sid", 0, u32, true, 0, &s))
			return -1;
		a->v[0] = 0x06 | s << 32;
	} else if (!strcasecmp(kw, "TLBI_NH_ALL")) {
		a->v[0] = 0x10;
	} else if (!strcasecmp(kw, "TLBI_NH_ASID")) {
		if (tk_num(t, "asid", 0, 65535, true, 0, &x))
			return -1;
		a->v[0] = 0x11 | x << 48;
	} else if (!strcasecmp(kw, "TLBI_NH_VA")) {
		if (tk_num(t, "asid", 0, 65535, true, 0, &x) ||
		    tk_num(t, "iova", 0, UINT64_MAX, true, 0, &y) ||
		    tk_num(t, "leaf", 0, 1, false, 1, &s))
			return -1;
		a->v[0] = 0x12 | x << 48;
		a->v[1] = (y & ~0xfffULL) | s;
	} else if (!strcasecmp(kw, "TLBI_NSNH_ALL")) {
		a->v[0] = 0x30;
	} else if (!strcasecmp(kw, "CMD_SYNC")) {
		a->v[0] = 0x46;
	} else if (!strcasecmp(kw, "SMMU_RAWCMD")) {
		if (tk_num(t, "d0", 0, UINT64_MAX, false, 0, &a->v[0]) ||
		    tk_num(t, "d1", 0, UINT64_MAX, false, 0, &a->v[1]))
			return -1;
	} else {
		return 1;
	}
	return 0;
}

static const char *const sreg_names[] = { "IDR0",
					  "IDR1",
					  "IDR5",
					  "CR0",
					  "CR0ACK",
					  "CR2",
					  "GBPA",
					  "IRQ_CTRL",
					  "GERROR",
					  "GERRORN",
					  "STRTAB_BASE_CFG",
					  "CMDQ_PROD",
					  "CMDQ_CONS",
					  "EVENTQ_PROD",
					  "EVENTQ_CONS",
					  NULL };
static const uint32_t sreg_offs[] = {
	GICITS_SMMU_IDR0,
	GICITS_SMMU_IDR1,
	GICITS_SMMU_IDR5,
	GICITS_SMMU_CR0,
	GICITS_SMMU_CR0ACK,
	GICITS_SMMU_CR2,
	GICITS_SMMU_GBPA,
	GICITS_SMMU_IRQ_CTRL,
	GICITS_SMMU_GERROR,
	GICITS_SMMU_GERRORN,
	GICITS_SMMU_STRTAB_BASE_CFG,
	GICITS_SMMU_CMDQ_PROD,
	GICITS_SMMU_CMDQ_CONS,
	GICITS_SMMU_EVENTQ_PROD,
	GICITS_SMMU_EVENTQ_CONS,
};

static const char *const smmu_kws[] = {
	"SMMU",		"STE",	      "L1STD",	       "CD",
	"MAP",		"UNMAP",      "CFGI_STE",      "CFGI_STE_RANGE",
	"CFGI_ALL",	"CFGI_CD",    "CFGI_CD_ALL",   "TLBI_NH_ALL",
	"TLBI_NH_ASID", "TLBI_NH_VA", "TLBI_NSNH_ALL", "CMD_SYNC",
	"SMMU_RAWCMD",	"EDU_MSI",    "EDU_DMA",       "FILL",
	"DUMP",		"EVENTS",     "SREG",	       NULL
};

static int parse_one(struct replay_smmu_scn *m, const char *kw, struct toks *t,
		     const char *bare, struct smmu_act *a)
{
	const char *s;

	if (bare[0] && strcasecmp(kw, "SREG"))
		return replay_err_at(t->w, "'%s': expected key=value", bare);
	if (!strcasecmp(kw, "SMMU")) {
		a->op = SO_SMMU;
		return tk_opt01(t, "enable", &a->v[0]) ||
		       tk_opt01(t, "eventq", &a->v[1]) ||
		       tk_opt01(t, "gbpa_abort", &a->v[2]) ||
		       tk_opt01(t, "recinvsid", &a->v[3]);
	}
	if (!strcasecmp(kw, "STE")) {
		a->op = SO_STE;
		return parse_ste(m, t, a);
	}
	if (!strcasecmp(kw, "L1STD")) {
		a->op = SO_L1STD;
		if (m->st_levels != 2)
			return replay_err_at(t->w,
					     "L1STD: needs CONFIG st_levels=2");
		if (tk_num(t, "index", 0,
			   (1ULL << (m->st_log2size - m->st_split)) - 1, true,
			   0, &a->v[0]) ||
		    tk_num(t, "span", 0, 31, true, 0, &a->v[1]) ||
		    tk_num(t, "l2", 0, (1ULL << 52) - 1, false, UINT64_MAX,
			   &a->v[2]))
			return -1;
		if (a->v[2] != UINT64_MAX && (a->v[2] & 63))
			return replay_err_at(
				t->w, "L1STD l2=: must be 64-byte aligned");
		return 0;
	}
	if (!strcasecmp(kw, "CD")) {
		a->op = SO_CD;
		return parse_cd(t, a);
	}
	if (!strcasecmp(kw, "MAP") || !strcasecmp(kw, "UNMAP")) {
		a->op = !strcasecmp(kw, "MAP") ? SO_MAP : SO_UNMAP;
		return parse_map(t, a, a->op == SO_UNMAP);
	}
	if (!strcasecmp(kw, "EDU_MSI")) {
		a->op = SO_EDU_MSI;
		return tk_num(t, "addr", 0, UINT64_MAX, true, 0, &a->v[0]) ||
		       tk_num(t, "data", 0, 65535, true, 0, &a->v[1]);
	}
	if (!strcasecmp(kw, "EDU_DMA")) {
		a->op = SO_EDU_DMA;
		s = tk_find(t, "dir");
		if (!s)
			return replay_err_at(t->w, "missing parameter 'dir'");
		if (!strcasecmp(s, "to_dev"))
			a->v[0] = 0;
		else if (!strcasecmp(s, "to_ram"))
			a->v[0] = 1;
		else
			return replay_err_at(
				t->w, "'dir=%s': expected one of to_dev|to_ram",
				s);
		if (tk_num(t, "iova", 0, UINT64_MAX, true, 0, &a->v[1]) ||
		    tk_num(t, "count", 1, EDU_BUF, true, 0, &a->v[2]) ||
		    tk_num(t, "off", 0, EDU_BUF - 1, false, 0, &a->v[3]))
			return -1;
		if (a->v[2] + a->v[3] > EDU_BUF)
			return replay_err_at(t->w, "EDU_DMA: off + count > %u",
					     EDU_BUF);
		return 0;
	}
	if (!strcasecmp(kw, "FILL") || !strcasecmp(kw, "DUMP")) {
		bool fill = !strcasecmp(kw, "FILL");

		a->op = fill ? SO_FILL : SO_DUMP;
		if (tk_num(t, "off", 0, DMA_WIN_SIZE - 1, true, 0, &a->v[0]) ||
		    tk_num(t, "count", 1, fill ? 4096 : 256, true, 0,
			   &a->v[1]) ||
		    (fill && tk_num(t, "seed", 0, 255, true, 0, &a->v[2])))
			return -1;
		if (a->v[0] + a->v[1] > DMA_WIN_SIZE)
			return replay_err_at(
				t->w,
				"%s: off + count beyond the DMA window (16 MiB)",
				kw);
		return 0;
	}
	if (!strcasecmp(kw, "EVENTS")) {
		a->op = SO_EVENTS;
		return 0;
	}
	if (!strcasecmp(kw, "SREG")) {
		int i;

		a->op = SO_SREG;
		if (!bare[0])
			return replay_err_at(t->w,
					     "SREG needs a register name");
		for (i = 0; sreg_names[i]; i++)
			if (!strcasecmp(bare, sreg_names[i]))
				break;
		if (!sreg_names[i])
			return replay_err_at(t->w, "SREG %s: unknown register",
					     bare);
		a->v[0] = (uint64_t)i;
		return 0;
	}
	return parse_cmd(t, kw, a);
}

int replay_smmu_parse(struct scenario *s, const char *kw,
		      const struct replay_smmu_kv *kv, int n, const char *bare,
		      const struct replay_smmu_where *w, uint64_t *idx)
{
	struct replay_smmu_scn *m = s->smmu;
	struct toks t;
	struct smmu_act a;
	int i;

	for (i = 0; smmu_kws[i]; i++)
		if (!strcasecmp(kw, smmu_kws[i]))
			break;
	if (!smmu_kws[i])
		return 1;
	if (!m || !m->on)
		return replay_err_at(w, "%s: needs CONFIG iommu=smmuv3", kw);
	if (n > 32)
		return replay_err_at(w, "too many parameters");
	memset(&t, 0, sizeof(t));
	t.kv = kv;
	t.n = n;
	t.w = w;
	memset(&a, 0, sizeof(a));
	if (parse_one(m, kw, &t, bare, &a) || tk_done(&t))
		return -1;
	if (m->n == m->cap) {
		size_t ncap = m->cap ? m->cap * 2 : 64;
		struct smmu_act *na = realloc(m->acts, ncap * sizeof(*na));

		if (!na)
			return replay_err_at(w, "out of memory");
		m->acts = na;
		m->cap = ncap;
	}
	m->acts[m->n] = a;
	*idx = m->n++;
	return 0;
}

void replay_smmu_scn_free(struct scenario *s)
{
	if (!s->smmu)
		return;
	free(s->smmu->acts);
	free(s->smmu);
	s->smmu = NULL;
}

/* ---- the machine ---- */

struct replay_smmu {
	const struct replay_smmu_scn *m;
	const struct gicits_mem *mem;
	uint8_t *ram;
	uint64_t ram_base, ram_size;
	replay_smmu_msi_fn msi;
	void *msi_ctx;
	struct gicits_iommu *smmu;
	uint64_t tt_root[16]; /* 0: not allocated yet */
	uint64_t pt_next;
	bool pt_exhausted; /* the oracle stops with an error then */
	uint32_t cmdq_prod;
	uint8_t edu_buf[EDU_BUF];
};

static uint8_t *ram_at(struct replay_smmu *r, uint64_t pa, uint64_t len)
{
	if (pa < r->ram_base || len > r->ram_size ||
	    pa - r->ram_base > r->ram_size - len)
		return NULL;
	return r->ram + (pa - r->ram_base);
}

static void put64(struct replay_smmu *r, uint64_t pa, uint64_t v)
{
	uint8_t *p = ram_at(r, pa, 8);

	for (int i = 0; p && i < 8; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static uint64_t get64(struct replay_smmu *r, uint64_t pa)
{
	uint8_t *p = ram_at(r, pa, 8);
	uint64_t v = 0;

	for (int i = 7; p && i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

static uint32_t sr(struct replay_smmu *r, uint32_t off)
{
	uint64_t v = 0;

	gicits_iommu_mmio_read(r->smmu, off, 4, &v);
	return (uint32_t)v;
}

static void sw(struct replay_smmu *r, uint32_t off, uint32_t v)
{
	gicits_iommu_mmio_write(r->smmu, off, 4, v);
}

/* A zeroed 4 KiB page-table page; 0 when the oracle's area is full. */
static uint64_t pt_alloc(struct replay_smmu *r)
{
	uint64_t pa = r->pt_next;
	uint8_t *p;

	if (pa + 4096 > PT_END) {
		r->pt_exhausted = true;
		return 0;
	}
	p = ram_at(r, pa, 4096);
	if (!p)
		return 0;
	memset(p, 0, 4096);
	r->pt_next += 4096;
	return pa;
}

static uint64_t tt_root(struct replay_smmu *r, unsigned tt)
{
	if (!r->tt_root[tt])
		r->tt_root[tt] = pt_alloc(r);
	return r->tt_root[tt];
}

/* The L3 descriptor slot of @iova in tree @tt (4 KiB granule, 4 levels
 * from level 0), allocating missing tables when @alloc. */
static uint64_t l3_slot(struct replay_smmu *r, unsigned tt, uint64_t iova,
			bool alloc)
{
	uint64_t table = tt_root(r, tt);

	for (int lvl = 0; table && lvl < 3; lvl++) {
		uint64_t slot = table + ((iova >> (39 - 9 * lvl)) & 511) * 8;
		uint64_t d = get64(r, slot);

		if ((d & 3) != 3) {
			if (!alloc)
				return 0;
			d = pt_alloc(r);
			if (!d)
				return 0;
			put64(r, slot, d | 3);
			d |= 3;
		}
		table = d & 0x0000FFFFFFFFF000ULL;
	}
	return table ? table + ((iova >> 12) & 511) * 8 : 0;
}

static uint64_t ste_addr(const struct replay_smmu_scn *m, uint64_t sid)
{
	/* two-level: L2 array i at L2_BASE + i * 2^split * 64, so STE S at
	 * L2_BASE + S * 64 whatever the L1STD says */
	return (m->st_levels == 2 ? L2_BASE : STRTAB) + sid * 64;
}

/* Write 64-byte structure @dw at @pa: dwords 7..1, then dw0 (the order
 * the oracle uses, so that V becomes 1 last). */
static void put_struct(struct replay_smmu *r, uint64_t pa, const uint64_t dw[8])
{
	for (int i = 7; i >= 0; i--)
		put64(r, pa + 8 * (unsigned)i, dw[i]);
}

static void do_ste(struct replay_smmu *r, const struct smmu_act *a)
{
	uint64_t dw[8] = { 0 },
		 ptr = a->v[9] ? a->v[4] : CD_BASE + 64 * a->v[3];

	dw[0] = a->v[1] | a->v[2] << 1 | a->v[5] << 59;
	if (a->v[9] || a->v[10])
		dw[0] |= ptr & 0x00FFFFFFFFFFFFC0ULL;
	/* S1CIR = S1COR = WBRA, S1CSH = ISH, SHCFG = incoming */
	dw[1] = a->v[6] | 1ULL << 2 | 1ULL << 4 | 3ULL << 6 | a->v[7] << 27 |
		1ULL << 44;
	if (a->v[8] < 16) {
		/* S2T0SZ 25, S2SL0 1, 4K, S2PS 44 bits, S2AA64, S2R */
		dw[2] = 25ULL << 32 | 1ULL << 38 | 5ULL << 48 | 1ULL << 51 |
			1ULL << 58;
		dw[3] = tt_root(r, (unsigned)a->v[8]);
	}
	put_struct(r, ste_addr(r->m, a->v[0]), dw);
}

static void do_cd(struct replay_smmu *r, const struct smmu_act *a)
{
	uint64_t dw[8] = { 0 };
	bool raw = a->v[2] >> 63;

	dw[0] = a->v[13] | a->v[14] << 6 | 1ULL << 8 | 1ULL << 10 | 3ULL << 12 |
		a->v[9] << 14 | 1ULL << 30 | a->v[4] << 31 | a->v[15] << 32 |
		a->v[10] << 35 | a->v[8] << 41 | a->v[12] << 42 |
		a->v[11] << 43 | a->v[7] << 44 | a->v[5] << 45 | a->v[6] << 46 |
		1ULL << 47 | a->v[1] << 48;
	dw[1] = raw ? a->v[3] : tt_root(r, (unsigned)(a->v[2] & 15));
	dw[3] = 0xf404ff44ULL; /* MAIR */
	put_struct(r, CD_BASE + 64 * a->v[0], dw);
}

static void do_map(struct replay_smmu *r, const struct smmu_act *a, bool unmap)
{
	/* UNMAP allocates missing tables too, as the oracle does */
	uint64_t slot = l3_slot(r, (unsigned)a->v[0], a->v[1], true), d;

	if (!slot)
		return; /* page-table area exhausted */
	if (unmap)
		d = 0;
	else if (a->v[7])
		d = a->v[3];
	else
		d = (a->v[2] & 0x0000FFFFFFFFF000ULL) | 3 | a->v[6] << 2 |
		    a->v[4] << 6 | 3ULL << 8 | a->v[5] << 10;
	put64(r, slot, d);
}

/* CR0 bits (IHI 0070 §6.3.9) and GERROR.CMDQ_ERR (§6.3.17). */
#define CR0_SMMUEN 1u
#define CR0_EVENTQEN 4u
#define CR0_CMDQEN 8u
#define GERROR_CMDQ_ERR 1u

static void do_smmu(struct replay_smmu *r, const struct smmu_act *a)
{
	uint32_t cr0 = sr(r, GICITS_SMMU_CR0), n;

	if (a->v[2] != 2)
		sw(r, GICITS_SMMU_GBPA, 1u << 31 | (uint32_t)a->v[2] << 20);
	if (a->v[3] != 2)
		sw(r, GICITS_SMMU_CR2, (uint32_t)a->v[3] << 1);
	n = CR0_CMDQEN | (cr0 & (CR0_EVENTQEN | CR0_SMMUEN));
	if (a->v[1] != 2)
		n = (n & ~CR0_EVENTQEN) | (a->v[1] ? CR0_EVENTQEN : 0);
	if (a->v[0] != 2)
		n = (n & ~CR0_SMMUEN) | (a->v[0] ? CR0_SMMUEN : 0);
	if (n != cr0)
		sw(r, GICITS_SMMU_CR0, n);
}

/* One command at CMDQ_PROD; on CMDQ_ERR, the oracle's skip (README §3). */
static void do_cmd(struct replay_smmu *r, const struct smmu_act *a,
		   struct scn_out *out)
{
	const uint32_t qmask = (2u << SMMU_CMDQ_LOG2) - 1;
	uint64_t slot = r->cmdq_prod & ((1u << SMMU_CMDQ_LOG2) - 1);
	uint32_t cons, ge, gn;

	put64(r, SMMU_CMDQ + slot * 16, a->v[0]);
	put64(r, SMMU_CMDQ + slot * 16 + 8, a->v[1]);
	r->cmdq_prod = (r->cmdq_prod + 1) & qmask;
	sw(r, GICITS_SMMU_CMDQ_PROD, r->cmdq_prod);
	cons = sr(r, GICITS_SMMU_CMDQ_CONS);
	ge = sr(r, GICITS_SMMU_GERROR);
	gn = sr(r, GICITS_SMMU_GERRORN);
	if (!((ge ^ gn) & GERROR_CMDQ_ERR))
		return;
	scn_emit(out, "cmdq_error cons=0x%08" PRIx32, cons);
	sw(r, GICITS_SMMU_CMDQ_CONS, ((cons & qmask) + 1) & qmask);
	sw(r, GICITS_SMMU_GERRORN, gn ^ GERROR_CMDQ_ERR);
}

/* One access of edu through the SMMU; the PA it reached, or false. */
static bool edu_txn(struct replay_smmu *r, uint64_t iova, bool write,
		    uint64_t *pa)
{
	struct gicits_iommu_txn t = { .stream_id = EDU_SID,
				      .addr = iova,
				      .write = write };
	struct gicits_iommu_result res;

	/* QEMU-specific, a device-side fact: the SMMU's region in QEMU
	 * covers [0, 2^48); beyond it the write is rejected by the memory
	 * core and the SMMU never sees it (README section 5) */
	if (iova >= SMMU_IOVA_LIMIT)
		return false;
	if (gicits_iommu_translate(r->smmu, &t, &res))
		return false;
	if (res.outcome != GICITS_IOMMU_TRANSLATED &&
	    res.outcome != GICITS_IOMMU_BYPASS)
		return false;
	*pa = res.pa;
	return true;
}

static void edu_msi(struct replay_smmu *r, const struct smmu_act *a)
{
	uint64_t pa;
	uint8_t *p;

	if (!edu_txn(r, a->v[0], true, &pa))
		return;
	if (pa == ITS_DOORBELL) {
		r->msi(r->msi_ctx, EDU_SID, (uint32_t)a->v[1]);
		return;
	}
	p = ram_at(r, pa, 4); /* ordinary memory: no interrupt */
	for (int i = 0; p && i < 4; i++)
		p[i] = (uint8_t)(a->v[1] >> (8 * i));
}

/*
 * edu's DMA engine.  QEMU's memory core retries a DMA whose translation
 * fails as 4-byte accesses, each translated (and recorded) on its own;
 * the number of transactions a device issues is not architectural
 * (IHI 0070 §3.12 says nothing of it), so modelling the DMA as one
 * transaction per 4-byte word gives QEMU's records with the same SMMU.
 */
static void edu_dma(struct replay_smmu *r, const struct smmu_act *a)
{
	bool to_ram = a->v[0];
	uint64_t iova = a->v[1], count = a->v[2], off = a->v[3];

	for (uint64_t i = 0; i < count; i += 4) {
		uint64_t n = count - i < 4 ? count - i : 4, pa;
		uint8_t *p;

		if (!edu_txn(r, iova + i, to_ram, &pa))
			continue;
		p = ram_at(r, pa, n);
		if (!p)
			continue;
		if (to_ram)
			memcpy(p, r->edu_buf + off + i, n);
		else
			memcpy(r->edu_buf + off + i, p, n);
	}
}

static void do_events(struct replay_smmu *r, struct scn_out *out)
{
	unsigned log2 = r->m->evq_log2size;
	uint32_t prod = sr(r, GICITS_SMMU_EVENTQ_PROD);
	uint32_t cons = sr(r, GICITS_SMMU_EVENTQ_CONS);
	uint32_t wmask = (2u << log2) - 1, imask = (1u << log2) - 1;
	uint32_t n = ((prod & wmask) - (cons & wmask)) & wmask;

	scn_emit(out, "events n=%" PRIu32 " overflow=%u", n,
		 (unsigned)((prod ^ cons) >> 31));
	for (uint32_t i = 0; i < n; i++) {
		uint64_t e = SMMU_EVTQ + (uint64_t)((cons + i) & imask) * 32;
		uint64_t d0 = get64(r, e), d1 = get64(r, e + 8);

		scn_emit(
			out,
			"event type=0x%02x sid=0x%" PRIx64
			" ssv=%u ssid=0x%" PRIx64 " stall=%u stag=0x%" PRIx64
			" pnu=%u ind=%u rnw=%u s2=%u class=%u addr=0x%016" PRIx64
			" addr2=0x%016" PRIx64,
			(unsigned)(d0 & 0xff), d0 >> 32,
			(unsigned)(d0 >> 11 & 1), d0 >> 12 & 0xfffff,
			(unsigned)(d1 >> 31 & 1), d1 & 0xffff,
			(unsigned)(d1 >> 33 & 1), (unsigned)(d1 >> 34 & 1),
			(unsigned)(d1 >> 35 & 1), (unsigned)(d1 >> 39 & 1),
			(unsigned)(d1 >> 40 & 3), get64(r, e + 16),
			get64(r, e + 24));
	}
	sw(r, GICITS_SMMU_EVENTQ_CONS, (prod & wmask) | (prod & 1u << 31));
}

int replay_smmu_step(struct replay_smmu *r, const struct scn_action *sa,
		     struct scn_out *out)
{
	const struct smmu_act *a = &r->m->acts[sa->a[0]];
	uint8_t *p;
	uint64_t d;

	switch (a->op) {
	case SO_SMMU:
		do_smmu(r, a);
		break;
	case SO_STE:
		do_ste(r, a);
		break;
	case SO_L1STD:
		d = a->v[2] != UINT64_MAX ?
			    a->v[2] :
			    L2_BASE + (a->v[0] << r->m->st_split) * 64;
		put64(r, STRTAB + a->v[0] * 8, a->v[1] ? d | a->v[1] : 0);
		break;
	case SO_CD:
		do_cd(r, a);
		break;
	case SO_MAP:
	case SO_UNMAP:
		do_map(r, a, a->op == SO_UNMAP);
		break;
	case SO_CMD:
		do_cmd(r, a, out);
		break;
	case SO_EDU_MSI:
		edu_msi(r, a);
		break;
	case SO_EDU_DMA:
		edu_dma(r, a);
		break;
	case SO_FILL:
		p = ram_at(r, DMA_WIN + a->v[0], a->v[1]);
		for (uint64_t i = 0; p && i < a->v[1]; i++)
			p[i] = (uint8_t)(a->v[2] + i);
		break;
	case SO_DUMP:
		p = ram_at(r, DMA_WIN + a->v[0], a->v[1]);
		for (uint64_t i = 0; p && i < a->v[1]; i += 16) {
			char line[SCN_LINE_MAX];
			int len = snprintf(line, sizeof(line),
					   "mem off=0x%06" PRIx64, a->v[0] + i);

			for (uint64_t j = i; j < a->v[1] && j < i + 16; j++)
				len += snprintf(line + len,
						sizeof(line) - (size_t)len,
						" %02x", p[j]);
			scn_emit(out, "%s", line);
		}
		break;
	case SO_EVENTS:
		do_events(r, out);
		break;
	case SO_SREG:
		scn_emit(out, "sreg %s=0x%08" PRIx32, sreg_names[a->v[0]],
			 sr(r, sreg_offs[a->v[0]]));
		break;
	}
	if (r->pt_exhausted) {
		fprintf(stderr,
			"gicits replay: line %u: page-table area 0x%llx..0x%llx "
			"exhausted\n",
			sa->line, (unsigned long long)PT_BASE,
			(unsigned long long)PT_END);
		return -1;
	}
	return 0;
}

/* QEMU 7.2's SMMUv3 (the oracle README, sections 1 and 5): its ID
 * registers, and each documented divergence as the named knob. */
static void qemu_config(struct gicits_iommu_config *c)
{
	c->stage2 = false;
	c->cd_2level = false;
	c->oas_bits = 44;
	c->msi = false;
	c->hyp = false;
	c->vmid16 = false;
	c->sidsize = 16;
	c->ssidsize = 0;
	c->cmdqs = 19;
	c->eventqs = 19;
	c->term_model = true;
	c->eventq_irq_each = true;
	c->qemu_no_gbpa = true;
	c->qemu_bad_streamid_always = true;
	c->qemu_l2_span = true;
	c->qemu_fault_class0 = true;
	c->qemu_ignore_ap_unpriv = true;
	c->qemu_ignore_af = true;
	c->qemu_no_oas_check = true;
	c->qemu_cd_fetch_addr_dw2 = true;
	c->qemu_evtq_full_gerror = true;
	c->qemu_cmdq_cons_writable = true;
	c->qemu_no_cache_bad_config = true;
	c->qemu_cr2_writable = true;
}

int replay_smmu_create(const struct scenario *s, const struct gicits_mem *mem,
		       uint8_t *ram, uint64_t ram_base, uint64_t ram_size,
		       replay_smmu_msi_fn msi, void *msi_ctx,
		       gicits_trace_fn trace, void *trace_opaque,
		       struct replay_smmu **out)
{
	const struct replay_smmu_scn *m = s->smmu;
	struct gicits_iommu_config c;
	struct replay_smmu *r;
	uint64_t cfg;
	int err;

	*out = NULL;
	if (!m || !m->on)
		return GICITS_OK;
	r = calloc(1, sizeof(*r));
	if (!r)
		return GICITS_ENOMEM;
	r->m = m;
	r->mem = mem;
	r->ram = ram;
	r->ram_base = ram_base;
	r->ram_size = ram_size;
	r->msi = msi;
	r->msi_ctx = msi_ctx;
	r->pt_next = PT_BASE;
	gicits_iommu_config_default(&c);
	qemu_config(&c);
	c.trace = trace;
	c.trace_opaque = trace_opaque;
	err = gicits_iommu_create(&c, mem, &r->smmu);
	if (err) {
		free(r);
		return err;
	}
	/* the oracle program's boot sequence (README, SMMU section 2): the
	 * stream table is zero (calloc'd RAM), all Span = 0 */
	sw(r, GICITS_SMMU_CR0, 0);
	cfg = m->st_log2size;
	if (m->st_levels == 2)
		cfg |= (uint64_t)m->st_split << 6 | 1u << 16;
	gicits_iommu_mmio_write(r->smmu, GICITS_SMMU_STRTAB_BASE, 8, STRTAB);
	sw(r, GICITS_SMMU_STRTAB_BASE_CFG, (uint32_t)cfg);
	gicits_iommu_mmio_write(r->smmu, GICITS_SMMU_CMDQ_BASE, 8,
				SMMU_CMDQ | SMMU_CMDQ_LOG2);
	sw(r, GICITS_SMMU_CMDQ_PROD, 0);
	sw(r, GICITS_SMMU_CMDQ_CONS, 0);
	gicits_iommu_mmio_write(r->smmu, GICITS_SMMU_EVENTQ_BASE, 8,
				SMMU_EVTQ | m->evq_log2size);
	sw(r, GICITS_SMMU_EVENTQ_PROD, 0);
	sw(r, GICITS_SMMU_EVENTQ_CONS, 0);
	sw(r, GICITS_SMMU_CR1, 0);
	sw(r, GICITS_SMMU_CR2, 2); /* RECINVSID */
	sw(r, GICITS_SMMU_IRQ_CTRL, 0);
	sw(r, GICITS_SMMU_CR0, CR0_CMDQEN | CR0_EVENTQEN);
	*out = r;
	return GICITS_OK;
}

void replay_smmu_destroy(struct replay_smmu *r)
{
	if (!r)
		return;
	gicits_iommu_destroy(r->smmu);
	free(r);
}
