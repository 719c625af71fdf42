/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * VMSAv8-64 translation table walks for the SMMU (IHI 0070 §3.4, §5.4,
 * Arm ARM D8): stage 1 from a CD, stage 2 from an STE, 4K / 16K / 64K
 * granules, and nested walks where every stage-1 table address is an IPA
 * translated by stage 2 first.  Layer 2.
 *
 * Bounded: a walk visits at most 4 levels; a nested stage-1 walk does at
 * most one stage-2 walk (itself at most 4 levels) per level.  Output
 * addresses are at most 48 bits (IDR5.OAS <= 48): descriptor bits [51:48]
 * set give an Address size fault.
 */
#include "iommu_internal.h"

#include "gicits/error.h"

unsigned gran_shift(const struct gicits_iommu *smmu, unsigned tg, bool stage2)
{
	(void)stage2;
	/* TG0 / S2TG encoding: 0 4K, 1 64K, 2 16K, 3 reserved (§5.2, §5.4) */
	switch (tg) {
	case 0:
		return smmu->cfg.gran4k ? 12 : 0;
	case 1:
		return smmu->cfg.gran64k ? 16 : 0;
	case 2:
		return smmu->cfg.gran16k ? 14 : 0;
	default:
		return 0;
	}
}

/* TG1 uses another encoding (§5.4): 1 16K, 2 4K, 3 64K, 0 reserved. */
static unsigned tg1_to_tg0(unsigned tg1)
{
	static const unsigned map[4] = { 3, 2, 0, 1 };

	return map[tg1 & 3];
}

static unsigned min_u(unsigned a, unsigned b)
{
	return a < b ? a : b;
}

/* Effective output size: the configured PS, capped at IDR5.OAS (§5.4 IPS,
 * §5.2 S2PS); reserved encodings (6, 7) behave as OAS. */
unsigned eff_oas(const struct gicits_iommu *smmu, unsigned enc)
{
	return enc > 5 ? smmu->cfg.oas_bits :
			 min_u(oas_to_bits(enc), smmu->cfg.oas_bits);
}

bool s1_cfg(const struct gicits_iommu *smmu, const struct cd *cd, uint64_t va,
	    unsigned strw, struct walk_cfg *wc)
{
	uint64_t d0 = cd->dw[0];
	unsigned sel = (unsigned)((va >> 55) & 1);
	unsigned tsz, tg, stride, levels, idxbits, nbits;
	bool tbi, epd;
	uint64_t top, mask;

	/* EL2 without E2H has one table (TTB0); TTB1 fields are RES0 */
	if (sel && strw == STRW_EL2 && !bits_get(smmu->cr2, CR2_E2H))
		return false;
	if (sel) {
		tsz = (unsigned)bits_get(d0, CD0_T1SZ);
		tg = tg1_to_tg0((unsigned)bits_get(d0, CD0_TG1));
		tbi = bits_get(d0, CD0_TBI1);
		epd = bits_get(d0, CD0_EPD1);
		wc->ttb = cd->dw[2] & 0x00FFFFFFFFFFFFF0ull;
		wc->had = bits_get(cd->dw[2], CD2_HAD1);
	} else {
		tsz = (unsigned)bits_get(d0, CD0_T0SZ);
		tg = (unsigned)bits_get(d0, CD0_TG0);
		tbi = bits_get(d0, CD0_TBI0);
		epd = bits_get(d0, CD0_EPD0);
		wc->ttb = cd->dw[1] & 0x00FFFFFFFFFFFFF0ull;
		wc->had = bits_get(cd->dw[1], CD1_HAD0);
	}
	/* EPDx = 1: no walk, a TLB miss is a Translation fault (§5.4) */
	if (epd)
		return false;
	wc->gshift = gran_shift(smmu, tg, false);
	if (!wc->gshift || tsz < 16 || tsz > 39)
		return false; /* cd_illegal() rejects these for an enabled TTB */
	wc->ias = 64 - tsz;
	/* bits [63:IA] (or [55:IA] with TBI) must all equal VA[55] */
	nbits = (tbi ? 56 : 64) - wc->ias;
	mask = (1ull << nbits) - 1; /* nbits <= 39 */
	top = (va >> wc->ias) & mask;
	if (top != (sel ? mask : 0))
		return false;
	stride = wc->gshift - 3;
	levels = (wc->ias - wc->gshift + stride - 1) / stride;
	wc->start_level = 4 - (int)levels;
	idxbits = wc->ias - wc->gshift - stride * (levels - 1);
	/* the first table is aligned to its size (at least 64 bytes) */
	wc->ttb &= ~((1ull << (idxbits + 3 > 6 ? idxbits + 3 : 6)) - 1);
	wc->stage2 = false;
	wc->nconcat = 1;
	wc->oas = eff_oas(smmu, (unsigned)bits_get(d0, CD0_IPS));
	wc->affd = bits_get(d0, CD0_AFFD);
	wc->single_el = strw == STRW_EL2 && !bits_get(smmu->cr2, CR2_E2H);
	return true;
}

bool s2_cfg(const struct gicits_iommu *smmu, const struct ste *ste,
	    struct walk_cfg *wc)
{
	uint64_t d2 = ste->dw[2];
	unsigned tsz = (unsigned)bits_get(d2, STE2_S2T0SZ);
	unsigned sl0 = (unsigned)bits_get(d2, STE2_S2SL0);
	unsigned stride;
	int idxbits;

	if (!bits_get(d2, STE2_S2AA64) || bits_get(d2, STE2_S2ENDI))
		return false;
	wc->gshift = gran_shift(smmu, (unsigned)bits_get(d2, STE2_S2TG), true);
	if (!wc->gshift || tsz < 16 || tsz > 39 || sl0 == 3)
		return false;
	wc->ias = 64 - tsz;
	stride = wc->gshift - 3;
	/* S2SL0 (§5.2): 4K: 0 level 2, 1 level 1, 2 level 0;
	 * 16K / 64K: 0 level 3, 1 level 2, 2 level 1 */
	wc->start_level = wc->gshift == 12 ? 2 - (int)sl0 : 3 - (int)sl0;
	if (wc->gshift == 16 && wc->start_level < 2)
		return false; /* level 1 of 64K needs 52-bit addresses */
	idxbits = (int)wc->ias - (int)wc->gshift -
		  (int)stride * (3 - wc->start_level);
	/* up to 16 concatenated tables at the start level (Arm ARM D8.2.7) */
	if (idxbits < 1 || idxbits > (int)stride + 4)
		return false;
	wc->nconcat = idxbits > (int)stride ? 1u << (idxbits - (int)stride) : 1;
	wc->ttb = ste->dw[3] & 0x00FFFFFFFFFFFFF0ull;
	wc->ttb &= ~((1ull << (idxbits + 3 > 6 ? idxbits + 3 : 6)) - 1);
	wc->stage2 = true;
	wc->oas = eff_oas(smmu, (unsigned)bits_get(d2, STE2_S2PS));
	/* §5.2.2: S2TTB beyond the effective S2PS makes the STE ILLEGAL */
	if ((ste->dw[3] & 0x00FFFFFFFFFFFFF0ull) >> wc->oas)
		return false;
	wc->affd = bits_get(d2, STE2_S2AFFD);
	wc->had = true;
	wc->single_el = false;
	return true;
}

static uint64_t rd64(const uint8_t b[8])
{
	uint64_t v = 0;
	int i;

	for (i = 7; i >= 0; i--)
		v = (v << 8) | b[i];
	return v;
}

/* Stage-1 perms from AP[2:1] and the APTable restrictions (Arm ARM
 * D8.4): bit 0 read-priv, 1 read-unpriv, 2 write-priv, 3 write-unpriv. */
#define P_RP 1u
#define P_RU 2u
#define P_WP 4u
#define P_WU 8u

static void set_perms(struct walk_out *o, unsigned p)
{
	o->r_ok_priv = p & P_RP;
	o->r_ok_unpriv = p & P_RU;
	o->w_ok_priv = p & P_WP;
	o->w_ok_unpriv = p & P_WU;
}

/* Is a block (descriptor type 0b01) allowed at @level? 4K: levels 1, 2;
 * 16K and 64K: level 2 (with at most 48-bit output). */
static bool block_ok(unsigned gshift, int level)
{
	if (gshift == 12)
		return level == 1 || level == 2;
	return level == 2;
}

void walk(const struct walk_ctx *ctx, const struct walk_cfg *wc, uint64_t in,
	  struct walk_out *out)
{
	unsigned stride = wc->gshift - 3;
	uint64_t table = wc->ttb;
	bool apt_nowrite = false, apt_nounpriv = false;
	int level;

	out->fault = WF_NONE;
	out->s2_in_s1 = false;
	out->level = wc->start_level;
	if (wc->ias < 64 && (in >> wc->ias)) {
		out->fault = WF_TRANSLATION; /* outside the input range */
		return;
	}
	if (wc->oas < 64 && (table >> wc->oas)) {
		out->fault = WF_ADDR_SIZE; /* TTB beyond the output size */
		return;
	}
	for (level = wc->start_level; level <= 3; level++) {
		unsigned shift = wc->gshift + stride * (unsigned)(3 - level);
		unsigned idxbits =
			level == wc->start_level ? wc->ias - shift : stride;
		uint64_t idx = (in >> shift) & ((1ull << idxbits) - 1);
		uint64_t daddr = table + idx * 8, pa = daddr, desc;
		uint8_t b[8];

		out->level = level;
		if (ctx->s2 && !wc->stage2) {
			/* nested: the table address is an IPA (§3.4.1) */
			struct walk_ctx c2 = { ctx->smmu, NULL };
			struct walk_out o2;

			walk(&c2, ctx->s2, daddr, &o2);
			if (o2.fault == WF_NONE && !o2.r_ok_priv)
				o2.fault = WF_PERMISSION;
			if (o2.fault != WF_NONE) {
				*out = o2;
				out->s2_in_s1 = true;
				out->s2_ipa = daddr;
				return;
			}
			pa = o2.oa;
		}
		if (gicits_mem_read(ctx->smmu->mem, pa, b, 8) < 0) {
			out->fault = WF_EABT;
			out->fetch_addr = pa;
			return;
		}
		desc = rd64(b);
		if (!bits_get(desc, DESC_VALID)) {
			out->fault = WF_TRANSLATION;
			return;
		}
		if (level < 3 && bits_get(desc, DESC_TABLE)) {
			table = desc & DESC_OA_MASK &
				~((1ull << wc->gshift) - 1);
			if ((desc >> 48) & 0xF || (table >> wc->oas)) {
				out->fault = WF_ADDR_SIZE;
				return;
			}
			if (!wc->stage2 && !wc->had) {
				unsigned apt =
					(unsigned)bits_get(desc, DESC_APTABLE);

				apt_nounpriv |= apt & 1;
				apt_nowrite |= (apt >> 1) & 1;
			}
			continue;
		}
		if (level == 3 ? !bits_get(desc, DESC_TABLE) :
				 !block_ok(wc->gshift, level)) {
			out->fault = WF_TRANSLATION; /* reserved encoding */
			return;
		}
		out->page = 1ull << shift;
		out->oa = desc & DESC_OA_MASK & ~(out->page - 1);
		/* Arm ARM D8: an output address beyond the OAS is an
		 * Address size fault; QEMU 7.2 does not check it (knob) */
		if ((desc >> 48) & 0xF || (!ctx->smmu->cfg.qemu_no_oas_check &&
					   (out->oa >> wc->oas))) {
			out->fault = WF_ADDR_SIZE;
			return;
		}
		/* AF = 0 faults unless AFFD; QEMU 7.2 never checks it */
		if (!bits_get(desc, DESC_AF) && !wc->affd &&
		    !ctx->smmu->cfg.qemu_ignore_af) {
			out->fault = WF_ACCESS;
			return;
		}
		out->oa |= in & (out->page - 1);
		if (wc->stage2) {
			unsigned s2ap = (unsigned)bits_get(desc, DESC_AP);
			unsigned p = 0;

			if (s2ap & 1)
				p |= P_RP | P_RU;
			if (s2ap & 2)
				p |= P_WP | P_WU;
			set_perms(out, p);
		} else {
			unsigned ap = (unsigned)bits_get(desc, DESC_AP);
			bool ro = (ap & 2) || apt_nowrite;
			bool el0 = (ap & 1) && !apt_nounpriv;
			unsigned p = P_RP;

			if (wc->single_el)
				el0 = true; /* AP[1] is RES1 (§5.4 STRW) */
			/* QEMU 7.2 checks only AP[2]: PCIe requests without
			 * a PASID prefix are unprivileged (IHI 0070 §3.9.2)
			 * yet AP = 0b00 lets them through (knob) */
			if (ctx->smmu->cfg.qemu_ignore_ap_unpriv)
				el0 = true;
			if (el0)
				p |= P_RU;
			if (!ro)
				p |= P_WP;
			if (!ro && el0)
				p |= P_WU;
			set_perms(out, p);
		}
		return;
	}
	out->fault = WF_TRANSLATION; /* not reached: level 3 is a leaf */
}
