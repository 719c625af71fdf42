/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The command queue (IHI 0070 chapter 4, §7.1): prefetch, configuration
 * and TLB invalidation, CMD_SYNC with its MSI completion, and command
 * errors (GERROR.CMDQ_ERR with CMDQ_CONS.ERR, consumption stops at the
 * failing command).  Layer 3.
 */
#include "iommu_internal.h"

#include <string.h>

#include "gicits/error.h"

static uint16_t cmd_asid(const struct gicits_iommu *smmu, uint64_t dw0)
{
	uint16_t a = (uint16_t)bits_get(dw0, CMD_ASID);

	return smmu->cfg.asid16 ? a : (uint16_t)(a & 0xFF);
}

static uint16_t cmd_vmid(const struct gicits_iommu *smmu, uint64_t dw0)
{
	uint16_t v = (uint16_t)bits_get(dw0, CMD_VMID);

	return smmu->cfg.vmid16 ? v : (uint16_t)(v & 0xFF);
}

/* The address range of a TLBI_*_VA / S2_IPA (§4.4.2): one address when
 * TG = 0, else (NUM + 1) * 2^(5 * SCALE + 1) pages of the TG granule. */
static void tlbi_range(uint64_t dw0, uint64_t dw1, struct tlbi *t)
{
	unsigned tg = (unsigned)bits_get(dw1, CMD_TG);
	uint64_t num = bits_get(dw0, CMD_NUM) + 1;
	unsigned scale = (unsigned)bits_get(dw0, CMD_SCALE);
	unsigned gshift = tg == 1 ? 12 : tg == 2 ? 14 : 16;
	unsigned sh = 5 * scale + 1 + gshift;

	t->by_va = true;
	t->va = dw1 & CMD_ADDR_MASK;
	if (tg == 0)
		t->va_size = 1;
	else if (sh >= 58)
		t->va_size = ~0ull - t->va; /* to the end of the space */
	else
		t->va_size = num << sh;
	if (t->va_size > ~0ull - t->va)
		t->va_size = ~0ull - t->va; /* no wrap past the top */
}

/* Execute one command: CERROR_NONE or CERROR_ILL. */
static unsigned cmd_exec(struct gicits_iommu *smmu, uint64_t dw0, uint64_t dw1)
{
	unsigned op = (unsigned)bits_get(dw0, CMD_OP);
	uint32_t sid = (uint32_t)bits_get(dw0, CMD_SID);
	struct tlbi t;

	memset(&t, 0, sizeof(t));
	/* §4.2, §4.3: SSec = 1 names a Secure stream; on the Non-secure
	 * command queue (the only one modelled) that is CERROR_ILL */
	if ((dw0 >> 10 & 1) &&
	    (op == OP_PREFETCH_CONFIG || op == OP_PREFETCH_ADDR ||
	     op == OP_CFGI_STE || op == OP_CFGI_STE_RANGE || op == OP_CFGI_CD ||
	     op == OP_CFGI_CD_ALL))
		return CERROR_ILL;
	switch (op) {
	case OP_PREFETCH_CONFIG:
	case OP_PREFETCH_ADDR:
		return CERROR_NONE; /* hints (§4.2): nothing to do */
	case OP_CFGI_STE:
		inv_ste_range(smmu, sid, 1);
		return CERROR_NONE;
	case OP_CFGI_STE_RANGE: {
		unsigned range = (unsigned)bits_get(dw1, CMD_RANGE);
		uint64_t n;

		/* §4.3.3: 2^(Range + 1) StreamIDs; Range 31 is CFGI_ALL */
		if (range >= 31) {
			inv_all_cfg(smmu);
			return CERROR_NONE;
		}
		n = 1ull << (range + 1);
		inv_ste_range(smmu, (uint32_t)(sid & ~(n - 1)), n);
		return CERROR_NONE;
	}
	case OP_CFGI_CD:
		inv_cd(smmu, sid, false, (uint32_t)bits_get(dw0, CMD_SSID));
		return CERROR_NONE;
	case OP_CFGI_CD_ALL:
		inv_cd(smmu, sid, true, 0);
		return CERROR_NONE;
	case OP_TLBI_NH_ALL:
		t.world = 1;
		t.s1_only = t.by_vmid = true;
		break;
	case OP_TLBI_NH_ASID:
		t.world = 1;
		t.by_asid = t.by_vmid = true;
		break;
	case OP_TLBI_NH_VA:
		t.world = 1;
		t.by_asid = t.by_vmid = true;
		tlbi_range(dw0, dw1, &t);
		break;
	case OP_TLBI_NH_VAA:
		t.world = 1;
		t.s1_only = t.by_vmid = true;
		tlbi_range(dw0, dw1, &t);
		break;
	case OP_TLBI_EL2_ALL:
	case OP_TLBI_EL2_ASID:
	case OP_TLBI_EL2_VA:
	case OP_TLBI_EL2_VAA:
		/* §4.4: ILLEGAL without IDR0.HYP.  EL2 translations carry
		 * no VMID: these match stage-1 entries of any VMID. */
		if (!smmu->cfg.hyp)
			return CERROR_ILL;
		t.s1_only = true;
		t.world = 2;
		t.by_asid = op == OP_TLBI_EL2_ASID || op == OP_TLBI_EL2_VA;
		if (op == OP_TLBI_EL2_VA || op == OP_TLBI_EL2_VAA)
			tlbi_range(dw0, dw1, &t);
		break;
	case OP_TLBI_S12_VMALL:
		if (!smmu->cfg.stage2)
			return CERROR_ILL;
		t.by_vmid = true;
		t.world = 1;
		break;
	case OP_TLBI_S2_IPA:
		if (!smmu->cfg.stage2)
			return CERROR_ILL;
		t.by_vmid = t.s2_only_ipa = true;
		t.world = 1;
		tlbi_range(dw0, dw1, &t);
		break;
	case OP_TLBI_NSNH_ALL:
		break;
	case OP_SYNC: {
		unsigned cs = (unsigned)bits_get(dw0, CMD_SYNC_CS);
		uint64_t addr = dw1 & 0x00FFFFFFFFFFFFFCull;

		if (cs == 3)
			return CERROR_ILL; /* §4.7.3: CS reserved */
		/* every earlier command has completed (they run in order,
		 * synchronously), so the completion signal is due now */
		if (cs == CS_SIG_IRQ && smmu->cfg.msi && addr &&
		    !own_msi(smmu, addr,
			     (uint32_t)bits_get(dw0, CMD_SYNC_MSIDATA)))
			gerror_raise(smmu, GERR_MSI_CMDQ_ABT_ERR);
		return CERROR_NONE;
	}
	case OP_PRI_RESP:
		return priq_cmd_resp(smmu, dw0, dw1);
	case OP_ATC_INV:
		/* §4.5.1: IDR0.ATS is 1 with config pri; no endpoint ATC is
		 * modelled, so the invalidation has nothing to do */
		return smmu->cfg.pri ? CERROR_NONE : CERROR_ILL;
	default:
		/* unknown, Secure-only (EL3), or for features this SMMU
		 * lacks (ATS and PRI without config pri, stalls):
		 * CERROR_ILL (§4.1.3) */
		return CERROR_ILL;
	}
	if (t.by_asid)
		t.asid = cmd_asid(smmu, dw0);
	if (t.by_vmid)
		t.vmid = cmd_vmid(smmu, dw0);
	tlb_invalidate(smmu, &t);
	return CERROR_NONE;
}

static void cmd_error(struct gicits_iommu *smmu, unsigned err, unsigned op)
{
	smmu->cmdq_cons =
		(uint32_t)bits_set(smmu->cmdq_cons, CMDQ_CONS_ERR, err);
	smmu->st.cmd_errors++;
	iommu_trace(smmu, GICITS_TRACE_ERROR, 0, 0, GICITS_SMMU_CMDQ_CONS, op,
		    err,
		    err == CERROR_ABT ? "IHI0070 7.1: CERROR_ABT" :
					"IHI0070 7.1: CERROR_ILL",
		    "command queue error");
	gerror_raise(smmu, GERR_CMDQ_ERR);
}

void cmdq_run(struct gicits_iommu *smmu)
{
	unsigned log2 = q_log2(smmu->cmdq_base, smmu->cfg.cmdqs);
	uint64_t base = smmu->cmdq_base & 0x00FFFFFFFFFFFFE0ull &
			~((16ull << log2) - 1);
	unsigned budget = smmu->cfg.cmdq_budget;

	if (!bits_get(smmu->cr0, CR0_CMDQEN))
		return;
	while (budget--) {
		uint8_t b[16];
		uint64_t dw0 = 0, dw1 = 0;
		unsigned err;
		int i;

		/* §7.1: the queue stops while CMDQ_ERR is active */
		if (((smmu->gerror ^ smmu->gerrorn) >> GERR_CMDQ_ERR) & 1)
			return;
		if (q_empty(smmu->cmdq_prod, smmu->cmdq_cons, log2))
			return;
		if (gicits_mem_read(smmu->mem,
				    base + 16ull * (smmu->cmdq_cons &
						    ((1u << log2) - 1)),
				    b, sizeof(b)) < 0) {
			cmd_error(smmu, CERROR_ABT, 0);
			return;
		}
		for (i = 7; i >= 0; i--) {
			dw0 = (dw0 << 8) | b[i];
			dw1 = (dw1 << 8) | b[8 + i];
		}
		err = cmd_exec(smmu, dw0, dw1);
		if (err) {
			cmd_error(smmu, err, (unsigned)(dw0 & 0xFF));
			return;
		}
		smmu->st.commands++;
		iommu_trace(smmu, GICITS_TRACE_COMMAND, 0, 0, smmu->cmdq_cons,
			    dw0, 0, "IHI0070 4", NULL);
		smmu->cmdq_cons = q_inc(smmu->cmdq_cons, log2);
	}
}
