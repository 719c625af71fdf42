/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The stream table (IHI 0070 §3.3, §5.1, §6.3.23-24): linear and
 * two-level lookup of a StreamID's STE, and the ILLEGAL checks of STEs
 * (§5.2) and CDs (§5.4).  Layer 2.
 */
#include "iommu_internal.h"

#include "gicits/error.h"

static void le_dwords(const uint8_t *b, uint64_t *dw, unsigned n)
{
	unsigned i;
	int j;

	for (i = 0; i < n; i++) {
		uint64_t v = 0;

		for (j = 7; j >= 0; j--)
			v = (v << 8) | b[i * 8 + (unsigned)j];
		dw[i] = v;
	}
}

static uint64_t low_mask(unsigned bits)
{
	return bits >= 64 ? ~0ull : (1ull << bits) - 1;
}

enum fetch_res ste_fetch(struct gicits_iommu *smmu, uint32_t sid,
			 struct ste *ste, uint64_t *addr)
{
	uint32_t cfg = smmu->strtab_base_cfg;
	unsigned log2 = (unsigned)bits_get(cfg, STRTAB_CFG_LOG2SIZE);
	unsigned eff = log2 < smmu->cfg.sidsize ? log2 : smmu->cfg.sidsize;
	uint64_t base = smmu->strtab_base & 0x00FFFFFFFFFFFFC0ull;
	uint64_t a;
	uint8_t b[64];

	/* §3.3: a StreamID beyond the table (or SIDSIZE) is out of range */
	if ((uint64_t)sid >> eff)
		return FETCH_BAD_SID;
	if (smmu->cfg.st_2level && bits_get(cfg, STRTAB_CFG_FMT) == 1) {
		unsigned split = (unsigned)bits_get(cfg, STRTAB_CFG_SPLIT);
		unsigned span, al;
		uint64_t l1, l2idx;

		/* §6.3.24: SPLIT values other than 6, 8, 10 behave as 6 */
		if (split != 8 && split != 10)
			split = 6;
		/* L1 base aligned to MAX(64, L1 size): ADDR[MAX(5,
		 * LOG2SIZE - SPLIT - 1 + 3):0] = 0 */
		al = log2 > split ? log2 - split + 2 : 0;
		base &= ~low_mask((al > 5 ? al : 5) + 1);
		a = base + 8ull * ((uint64_t)sid >> split);
		*addr = a;
		if (gicits_mem_read(smmu->mem, a, b, 8) < 0)
			return FETCH_ABORT;
		le_dwords(b, &l1, 1);
		span = (unsigned)bits_get(l1, L1STD_SPAN);
		/* §5.1: Span 0 invalid, 12..31 reserved, and the L2 array
		 * holds 2^(Span-1) STEs; a StreamID beyond it is out of
		 * range (C_BAD_STREAMID; QEMU reports C_BAD_STE). */
		l2idx = sid & low_mask(split);
		if (smmu->cfg.qemu_l2_span && span != 0) {
			/* QEMU 7.2 rejects only Span 0, bounds the offset
			 * by 2^Span - 1 and reports an offset beyond it as
			 * C_BAD_STE; it does not align L2Ptr to the array
			 * size */
			if (l2idx > (1ull << span) - 1)
				return FETCH_BAD_STE;
			a = (l1 & 0x00FFFFFFFFFFFFC0ull) + 64 * l2idx;
			goto fetch;
		}
		if (span == 0 || span > 11 || span > split + 1)
			return FETCH_BAD_SID;
		if (l2idx >= (1ull << (span - 1)))
			return FETCH_BAD_SID;
		a = (l1 & 0x00FFFFFFFFFFFFC0ull) & ~low_mask(6 + span - 1);
		a += 64 * l2idx;
	} else {
		/* linear (FMT 0; reserved FMT values and FMT 1 without
		 * ST_LEVEL behave as linear): base aligned to the table,
		 * ADDR[LOG2SIZE + 5:0] = 0 (the literal LOG2SIZE) */
		base &= ~low_mask(log2 + 6);
		a = base + 64ull * sid;
	}
fetch:
	*addr = a;
	if (gicits_mem_read(smmu->mem, a, b, sizeof(b)) < 0)
		return FETCH_ABORT;
	le_dwords(b, ste->dw, 8);
	return FETCH_OK;
}

bool ste_illegal(const struct gicits_iommu *smmu, const struct ste *ste,
		 const char **why)
{
	uint64_t d0 = ste->dw[0], d1 = ste->dw[1];
	unsigned config = (unsigned)bits_get(d0, STE0_CONFIG);
	struct walk_cfg wc;

	if (!bits_get(d0, STE0_V)) {
		*why = "IHI0070 5.2: STE.V == 0";
		return true;
	}
	if (!(config & 4))
		return false; /* abort (and reserved 0b001..0b011) */
	if ((config & 1) && !smmu->cfg.stage1) {
		*why = "IHI0070 5.2: stage 1 config without IDR0.S1P";
		return true;
	}
	if ((config & 2) && !smmu->cfg.stage2) {
		*why = "IHI0070 5.2: stage 2 config without IDR0.S2P";
		return true;
	}
	if (config & 1) {
		unsigned strw = (unsigned)bits_get(d1, STE1_STRW);
		unsigned cdmax = (unsigned)bits_get(d0, STE0_S1CDMAX);
		unsigned fmt = (unsigned)bits_get(d0, STE0_S1FMT);

		if (strw == 1 || strw == 3 ||
		    (strw == STRW_EL2 && !smmu->cfg.hyp)) {
			*why = "IHI0070 5.2: STE.STRW reserved or EL2 "
			       "without IDR0.HYP";
			return true;
		}
		if (bits_get(d1, STE1_S1STALLD)) {
			/* §5.2.2: only with STALL_MODEL 0b00 (this SMMU
			 * has 0b01, no stalls) */
			*why = "IHI0070 5.2.2: S1STALLD == 1 with "
			       "IDR0.STALL_MODEL != 0b00";
			return true;
		}
		if (cdmax > smmu->cfg.ssidsize) {
			*why = "IHI0070 5.2: S1CDMax > IDR1.SSIDSIZE";
			return true;
		}
		if (cdmax && (fmt == 3 || (fmt && !smmu->cfg.cd_2level))) {
			*why = "IHI0070 5.2: S1Fmt reserved or 2-level "
			       "without IDR0.CD2L";
			return true;
		}
		if (cdmax && bits_get(d1, STE1_S1DSS) == 3) {
			*why = "IHI0070 5.2: S1DSS reserved";
			return true;
		}
	}
	if ((config & 2) && !s2_cfg(smmu, ste, &wc)) {
		*why = "IHI0070 5.2: stage 2 fields (S2AA64, S2ENDI, S2TG, "
		       "S2T0SZ/S2SL0) inconsistent or unsupported";
		return true;
	}
	return false;
}

/* One TTB's fields are consistent (checked only when EPDx = 0): granule
 * supported, TxSZ in 16..39, TTBx within the effective IPS (§5.4.2). */
static bool ttb_ok(const struct gicits_iommu *smmu, unsigned tg, unsigned tsz,
		   uint64_t ttb, unsigned ips)
{
	return gran_shift(smmu, tg, false) && tsz >= 16 && tsz <= 39 &&
	       !((ttb & 0x00FFFFFFFFFFFFF0ull) >> ips);
}

bool cd_illegal(const struct gicits_iommu *smmu, const struct cd *cd,
		unsigned strw, const char **why)
{
	static const unsigned tg1map[4] = { 3, 2, 0, 1 };
	uint64_t d0 = cd->dw[0];
	unsigned ips = eff_oas(smmu, (unsigned)bits_get(d0, CD0_IPS));
	/* EL2 without E2H uses TTB0 only (§5.4: TTB1 fields RES0) */
	bool ttb1 = !bits_get(d0, CD0_EPD1) &&
		    !(strw == STRW_EL2 && !bits_get(smmu->cr2, CR2_E2H));

	if (!bits_get(d0, CD0_V)) {
		*why = "IHI0070 5.4.2: CD.V == 0";
		return true;
	}
	if (!bits_get(d0, CD0_AA64) || bits_get(d0, CD0_ENDI)) {
		*why = "IHI0070 5.4.2: CD.AA64 == 0 or ENDI == 1 (only "
		       "little-endian AArch64 tables: IDR0.TTF, TTENDIAN)";
		return true;
	}
	if (bits_get(d0, CD0_S)) {
		*why = "IHI0070 5.4.2: CD.S == 1 with IDR0.STALL_MODEL == 1";
		return true;
	}
	if (smmu->cfg.term_model && !bits_get(d0, CD0_A)) {
		*why = "IHI0070 5.4.2: CD.A == 0 with IDR0.TERM_MODEL == 1";
		return true;
	}
	if (bits_get(d0, CD0_HA) || bits_get(d0, CD0_HD)) {
		*why = "IHI0070 5.4.2: CD.HA/HD with IDR0.HTTU == 0";
		return true;
	}
	if (!smmu->cfg.asid16 && (bits_get(d0, CD0_ASID) >> 8)) {
		*why = "IHI0070 5.4.2: ASID[15:8] != 0 without IDR0.ASID16";
		return true;
	}
	if (!bits_get(d0, CD0_EPD0) &&
	    !ttb_ok(smmu, (unsigned)bits_get(d0, CD0_TG0),
		    (unsigned)bits_get(d0, CD0_T0SZ), cd->dw[1], ips)) {
		*why = "IHI0070 5.4.2: TG0 unsupported, T0SZ out of range or "
		       "TTB0 beyond IPS";
		return true;
	}
	if (ttb1 && !ttb_ok(smmu, tg1map[bits_get(d0, CD0_TG1)],
			    (unsigned)bits_get(d0, CD0_T1SZ), cd->dw[2], ips)) {
		*why = "IHI0070 5.4.2: TG1 unsupported, T1SZ out of range or "
		       "TTB1 beyond IPS";
		return true;
	}
	return false;
}
