/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The distributor's register block (GICD_*, Dist_base frame): the few
 * registers a GIC with LPIs, no SPIs and a single Security state needs,
 * so that a driver can probe the GIC and choose SGIs without active state
 * (GICD_CTLR.nASSGIreq, spec/gicv41.md §1 and §13 row 32).  The rules,
 * register by register, are the distributor block of <gicits/rdist.h>.
 *
 * State: one 64-bit word per gic (struct gicits_gic.gicd), changed by
 * compare-and-swap, so that an access takes no lock and never waits for a
 * redistributor; nothing else in the library reads it (the distributor
 * gates nothing the model implements).
 */
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>

#include "common/bits.h"
#include "gicits/error.h"
#include "rdist/rdist_priv.h"

/* GICD_CTLR, single Security state view (IHI 0069 GICD_CTLR, DS = 1) */
#define GICD_CTLR_ENABLE_GRP0 0, 0
#define GICD_CTLR_ENABLE_GRP1 1, 1
#define GICD_CTLR_ARE 4, 4
#define GICD_CTLR_DS 6, 6
#define GICD_CTLR_E1NWF 7, 7
#define GICD_CTLR_NASSGIREQ 8, 8
#define GICD_CTLR_RWP 31, 31

/* GICD_TYPER (IHI 0069 GICD_TYPER) */
#define GICD_TYPER_ITLINES 4, 0
#define GICD_TYPER_LPIS 17, 17
#define GICD_TYPER_DVIS 18, 18
#define GICD_TYPER_IDBITS 23, 19
#define GICD_TYPER_NO1N 25, 25
#define GICD_TYPER_RSS 26, 26

/* GICD_TYPER2 (spec/gicv41.md §1) */
#define GICD_TYPER2_VID 4, 0
#define GICD_TYPER2_VIL 7, 7
#define GICD_TYPER2_NASSGICAP 8, 8

/* The state word: the GICD_CTLR bits held, and RWP's window */
#define GICD_STATE_CTLR 31, 0
#define GICD_STATE_RWP_LEFT 63, 32

/* The GICD_CTLR bits a distributor holds (the rest are RAO, RAZ or RWP) */
#define GICD_CTLR_ENABLES \
	(bits_mask(GICD_CTLR_ENABLE_GRP0) | bits_mask(GICD_CTLR_ENABLE_GRP1))

/* The GIC IMPLEMENTATION DEFINED ranges of 64-bit registers: GICD_IROUTER<n>
 * (INTIDs 32..1019) and GICD_IROUTER<n>E (the extended SPI range). */
static bool is_irouter(uint32_t offset)
{
	return (offset >= 0x6100 && offset < 0x7FE0) ||
	       (offset >= 0x8000 && offset < 0xA000);
}

static void gicd_trace(struct gicits_gic *gic, enum gicits_trace_kind kind,
		       uint32_t offset, uint64_t value, const char *rule,
		       const char *msg)
{
	struct gicits_trace_record r;

	if (kind == GICITS_TRACE_FINDING)
		atomic_fetch_add_explicit(&gic->findings, 1,
					  memory_order_relaxed);
	if (!gic->cfg.trace)
		return;
	memset(&r, 0, sizeof(r));
	r.kind = kind;
	r.source = "gicd";
	r.cpu = -1;
	r.offset = offset;
	r.value = value;
	r.rule = rule;
	r.message = msg;
	gic->cfg.trace(gic->cfg.trace_opaque, &r);
}

/* GICD_TYPER2.nASSGIcap (struct gicits_gic_config.nassgicap). */
static bool nassgicap(const struct gicits_gic *gic)
{
	switch (gic->cfg.nassgicap) {
	case GICITS_NASSGICAP_OFF:
		return false;
	case GICITS_NASSGICAP_ON:
		return true;
	default:
		return gic_is_v41(gic);
	}
}

/* The GICD_CTLR bits this distributor holds. */
static uint32_t ctlr_held(const struct gicits_gic *gic)
{
	uint32_t m = (uint32_t)GICD_CTLR_ENABLES;

	if (nassgicap(gic))
		m |= (uint32_t)bits_mask(GICD_CTLR_NASSGIREQ);
	return m;
}

static uint64_t typer(const struct gicits_gic *gic)
{
	uint64_t v = 0;

	/* ITLinesNumber 0: no SPIs; CPUNumber 0: ARE = 0 unsupported;
	 * SecurityExtn 0: one Security state; num_LPIs 0: IDbits says */
	v = bits_set(v, GICD_TYPER_ITLINES, 0);
	v = bits_set(v, GICD_TYPER_LPIS, 1);
	/* DVIS: GICv4 direct injection of vLPIs (GICR_TYPER.VLPIS) */
	v = bits_set(v, GICD_TYPER_DVIS, gic_is_v4(gic));
	/* IDbits: the INTID width the redistributors cap PROPBASER.IDbits
	 * with (spec/its.md §5.4) */
	v = bits_set(v, GICD_TYPER_IDBITS, gic->cfg.intid_bits - 1);
	/* No1N: no 1-of-N SPIs (no SPIs); RSS: GICR_TYPER.Aff0 goes to 255 */
	v = bits_set(v, GICD_TYPER_NO1N, 1);
	return bits_set(v, GICD_TYPER_RSS, 1);
}

static uint64_t typer2(const struct gicits_gic *gic)
{
	uint64_t v = 0;

	/* present only with GICv4.1, RES0 otherwise (spec/gicv41.md §1) */
	if (!gic_is_v41(gic))
		return 0;
	/* VIL = 1: VID + 1 vPEID bits; VIL = 0: 16 (VID RES0) */
	if (gic->cfg.vpeid_bits < 16) {
		v = bits_set(v, GICD_TYPER2_VIL, 1);
		v = bits_set(v, GICD_TYPER2_VID, gic->cfg.vpeid_bits - 1);
	}
	return bits_set(v, GICD_TYPER2_NASSGICAP, nassgicap(gic));
}

static uint64_t pidr2(const struct gicits_gic *gic)
{
	uint64_t v = 0;

	/* as GICR_PIDR2: ArchRev 3 (GICv3) or 4 (GICv4.x); JEP106 Arm */
	v = bits_set(v, GICR_PIDR2_ARCH_REV, gic_is_v4(gic) ? 4 : 3);
	v = bits_set(v, GICR_PIDR2_JEDEC, 1);
	return bits_set(v, GICR_PIDR2_DES_1, 3);
}

static int check_access(struct gicits_gic *gic, uint32_t offset, unsigned size)
{
	if (!gic || offset > 0xFFFF)
		return GICITS_EINVAL;
	if ((size != 4 && size != 8) || offset % size)
		return GICITS_EACCESS;
	if (size == 8 && !is_irouter(offset))
		return GICITS_EACCESS;
	return GICITS_OK;
}

/* GICD_CTLR read: the bits held, the RAO ones, and RWP (one read of the
 * window used up). */
static uint64_t ctlr_read(struct gicits_gic *gic)
{
	uint64_t s = atomic_load_explicit(&gic->gicd, memory_order_acquire);
	uint64_t n;

	do {
		uint64_t left = bits_get(s, GICD_STATE_RWP_LEFT);

		n = left ? bits_set(s, GICD_STATE_RWP_LEFT, left - 1) : s;
	} while (n != s && !atomic_compare_exchange_weak_explicit(
				   &gic->gicd, &s, n, memory_order_acq_rel,
				   memory_order_acquire));
	return bits_get(s, GICD_STATE_CTLR) | bits_mask(GICD_CTLR_ARE) |
	       bits_mask(GICD_CTLR_DS) |
	       bits_set(0, GICD_CTLR_RWP,
			bits_get(s, GICD_STATE_RWP_LEFT) != 0);
}

int gicits_gicd_read(struct gicits_gic *gic, uint32_t offset, unsigned size,
		     uint64_t *val)
{
	int err;

	if (!val)
		return GICITS_EINVAL;
	*val = 0;
	err = check_access(gic, offset, size);
	if (err)
		return err;
	switch (offset) {
	case GICITS_GICD_CTLR:
		*val = ctlr_read(gic);
		break;
	case GICITS_GICD_TYPER:
		*val = typer(gic);
		break;
	case GICITS_GICD_IIDR:
		*val = bits_set(0, GICR_IIDR_IMPLEMENTER, GICR_IIDR_ARM);
		break;
	case GICITS_GICD_TYPER2:
		*val = typer2(gic);
		break;
	case GICITS_GICD_PIDR2:
		*val = pidr2(gic);
		break;
	default:
		gicd_trace(gic, GICITS_TRACE_REG, offset, 0, "GICD.RAZ",
			   "read of a distributor offset gicits does not "
			   "model (no SPIs, ARE = 1): reads as zero");
		break;
	}
	return GICITS_OK;
}

/*
 * GICD_CTLR write (the distributor block of <gicits/rdist.h>).  nASSGIreq
 * is WI while a group is enabled (spec/gicv41.md §1, §13 row 32); the
 * write is judged against the enables before it and as it writes them,
 * so that both known ways of changing it in one write work: Linux's
 * gic_dist_init() (groups disabled before, enabled and nASSGIreq set by
 * the write) and KVM's vGIC (groups disabled by the write that changes
 * nASSGIreq).
 */
static void ctlr_write(struct gicits_gic *gic, uint32_t val)
{
	uint32_t held = ctlr_held(gic);
	uint32_t nass = (uint32_t)bits_mask(GICD_CTLR_NASSGIREQ);
	uint32_t en = (uint32_t)GICD_CTLR_ENABLES;
	uint64_t s = atomic_load_explicit(&gic->gicd, memory_order_acquire);
	uint64_t n;
	uint32_t old, nw;
	bool wi;

	do {
		old = (uint32_t)bits_get(s, GICD_STATE_CTLR);
		nw = val & held;
		/* WI while enabled: keep the held value of nASSGIreq */
		wi = (old & en) && (val & en) && ((old ^ nw) & nass & held);
		if (wi)
			nw = (nw & ~nass) | (old & nass);
		n = bits_set(s, GICD_STATE_CTLR, nw);
		/* RWP tracks group enables 1 -> 0 (IHI 0069 GICD_CTLR.RWP;
		 * ARE, DS and E1NWF, also tracked, never change here) */
		if (old & ~nw & en)
			n = bits_set(n, GICD_STATE_RWP_LEFT,
				     gic->cfg.gicd_rwp_reads);
	} while (!atomic_compare_exchange_weak_explicit(
		&gic->gicd, &s, n, memory_order_acq_rel, memory_order_acquire));
	if (wi)
		gicd_trace(gic, GICITS_TRACE_FINDING, GICITS_GICD_CTLR, val,
			   "GICD_CTLR.nASSGIreq",
			   "nASSGIreq written while EnableGrp0/EnableGrp1 is "
			   "set: WI, the bit keeps its value (spec/gicv41.md "
			   "§1, §13 row 32)");
	if ((val & nass) && !(held & nass))
		gicd_trace(gic, GICITS_TRACE_REG, GICITS_GICD_CTLR, val,
			   "GICD_TYPER2.nASSGIcap",
			   "nASSGIreq is RES0 with GICD_TYPER2.nASSGIcap = 0: "
			   "the 1 written is ignored (spec/gicv41.md §1, §13 "
			   "row 32)");
	/* RES0 bits (bit 8 is reported above); ARE and DS are RAO/WI and
	 * E1NWF RAZ/WI, so writing them either way is fine */
	if (val & ~(held | nass | (uint32_t)bits_mask(GICD_CTLR_ARE) |
		    (uint32_t)bits_mask(GICD_CTLR_DS) |
		    (uint32_t)bits_mask(GICD_CTLR_E1NWF) |
		    (uint32_t)bits_mask(GICD_CTLR_RWP)))
		gicd_trace(gic, GICITS_TRACE_REG, GICITS_GICD_CTLR, val,
			   "GICD_CTLR.RES0",
			   "RES0 bits of GICD_CTLR written as 1: ignored");
}

int gicits_gicd_write(struct gicits_gic *gic, uint32_t offset, unsigned size,
		      uint64_t val)
{
	int err = check_access(gic, offset, size);

	if (err)
		return err;
	switch (offset) {
	case GICITS_GICD_CTLR:
		ctlr_write(gic, (uint32_t)val);
		break;
	case GICITS_GICD_TYPER:
	case GICITS_GICD_IIDR:
	case GICITS_GICD_TYPER2:
	case GICITS_GICD_PIDR2:
		gicd_trace(gic, GICITS_TRACE_REG, offset, val, "GICD.RO",
			   "write to a read-only distributor register ignored");
		break;
	default:
		gicd_trace(gic, GICITS_TRACE_REG, offset, val, "GICD.WI",
			   "write to a distributor offset gicits does not "
			   "model (no SPIs, ARE = 1) ignored");
		break;
	}
	return GICITS_OK;
}

uint32_t gic_gicd_save(struct gicits_gic *gic)
{
	return (uint32_t)bits_get(
		atomic_load_explicit(&gic->gicd, memory_order_acquire),
		GICD_STATE_CTLR);
}

int gic_gicd_restore(struct gicits_gic *gic, uint32_t ctlr)
{
	if (ctlr & ~ctlr_held(gic))
		return GICITS_EINVAL;
	atomic_store_explicit(&gic->gicd, ctlr, memory_order_release);
	return GICITS_OK;
}

/* For src/snapshot: which GICD_CTLR bits a restore may set (checked
 * before anything is applied, so gic_gicd_restore() cannot fail then). */
uint32_t gic_gicd_held(const struct gicits_gic *gic)
{
	return ctlr_held(gic);
}
