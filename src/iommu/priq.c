/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The PRI queue (IHI 0070 chapter 8): incoming PCIe Page Requests (PPRs),
 * their records, overflow (§8.1), the automatic PRG Responses (§8.1,
 * §8.2), the PRI queue MSI (§3.18, SMMU_PRIQ_IRQ_CFG0..2), the PRIQ_*
 * registers (§6.3.32..36) and CMD_PRI_RESP (§4.5.2).  Only with config
 * pri (IDR0.PRI = 1); without it regs.c keeps PRIQ_* RAZ/WI and cmdq.c
 * rejects CMD_PRI_RESP.  Layer 3 (it reads STEs through strtab.c for the
 * STE.PPAR check and sends MSIs through evtq.c).
 *
 * Choices (docs/iommu.md "PRI queue"): a queue write that aborts is a
 * synchronous external abort (§8.2 lets the implementation choose), so
 * that PPR gets a Response Failure; the STE.PPAR check of an overflow
 * auto-response reads the STE from memory (not the STE cache) and records
 * no event (CR2.REC_CFG_ATS is not implemented, §8.1: "Otherwise, no event
 * is recorded"); CMD_PRI_RESP with SSV = 1 on an SMMU without substreams
 * answers without a PASID (§4.5.2 CONSTRAINED UNPREDICTABLE, the first
 * option).
 */
#include "iommu_internal.h"

#include <string.h>

#include "gicits/error.h"

/* PRIQ_PROD.OVFLG / PRIQ_CONS.OVACKFLG */
#define PRIQ_OVF (1u << 31)
/* PRIQ_IRQ_CFG2.LO */
#define PRIQ_CFG2_LO (1u << 31)
/* STE.PPAR, STE bit 82 (§5.2) = dw1 bit 18 */
#define STE1_PPAR 18, 18
/* CMD_PRI_RESP (§4.5.2): SSV dw0[11]; PRGI dw1[8:0], Resp dw1[13:12] */
#define CMD_SSV 11, 11
#define CMD_PRI_RESP_PRGI 8, 0
#define CMD_PRI_RESP_RESP 13, 12

static uint32_t priq_ptr_mask(const struct gicits_iommu *smmu)
{
	return ((2u << smmu->cfg.priqs) - 1) | PRIQ_OVF;
}

/* ---- registers (called by regs.c with cfg.pri set) ---- */

uint32_t priq_reg_read32(struct gicits_iommu *smmu, uint32_t p)
{
	switch (p) {
	case 0xC8:
		return smmu->priq_prod;
	case 0xCC:
		return smmu->priq_cons;
	case GICITS_SMMU_PRIQ_IRQ_CFG1:
		return smmu->priq_irq_cfg1;
	case GICITS_SMMU_PRIQ_IRQ_CFG2:
		return smmu->priq_irq_cfg2;
	default:
		return 0;
	}
}

/* §6.3.34..36: the PRIQ_IRQ_CFGn are RW only while IRQ_CTRL.PRIQ_IRQEN
 * and IRQ_CTRLACK.PRIQ_IRQEN are 0 (ACK follows at once here); RES0
 * without IDR0.MSI. */
static bool priq_cfg_writable(struct gicits_iommu *smmu, uint32_t p, uint64_t v)
{
	if (!smmu->cfg.msi)
		return false;
	if (bits_get(smmu->irq_ctrl, IRQ_CTRL_PRIQ_IRQEN)) {
		iommu_trace(smmu, GICITS_TRACE_REG, 0, 0, p, v, 0,
			    "IHI0070 6.3.34: PRIQ_IRQ_CFG write with "
			    "PRIQ_IRQEN=1 ignored (SMMUv3.2)",
			    NULL);
		return false;
	}
	return true;
}

void priq_reg_write64(struct gicits_iommu *smmu, uint32_t p, uint64_t v)
{
	if (p == GICITS_SMMU_PRIQ_IRQ_CFG0) {
		if (priq_cfg_writable(smmu, p, v))
			smmu->priq_irq_cfg0 = v & IRQ_CFG0_ADDR_MASK;
		return;
	}
	/* PRIQ_BASE, §6.3.31: RO while PRIQEN = 1 */
	if (bits_get(smmu->cr0, CR0_PRIQEN)) {
		iommu_trace(smmu, GICITS_TRACE_REG, 0, 0, p, v, 0,
			    "IHI0070 6.3.31: PRIQ_BASE write with PRIQEN=1 "
			    "ignored",
			    NULL);
		return;
	}
	smmu->priq_base = v & Q_BASE_MASK;
}

void priq_reg_write32(struct gicits_iommu *smmu, uint32_t p, uint32_t v)
{
	switch (p) {
	case 0xC8:
		/* §6.3.32: PRIQ_PROD is RW only while PRIQEN = 0 */
		if (bits_get(smmu->cr0, CR0_PRIQEN)) {
			iommu_trace(smmu, GICITS_TRACE_REG, 0, 0, p, v, 0,
				    "IHI0070 6.3.32: PRIQ_PROD is RO while "
				    "PRIQEN=1",
				    NULL);
			return;
		}
		smmu->priq_prod = v & priq_ptr_mask(smmu);
		return;
	case 0xCC:
		/* §6.3.33: RD, wrap and OVACKFLG (§8.1: writing OVACKFLG
		 * = OVFLG acknowledges the overflow) */
		smmu->priq_cons = v & priq_ptr_mask(smmu);
		return;
	case GICITS_SMMU_PRIQ_IRQ_CFG1:
		if (priq_cfg_writable(smmu, p, v))
			smmu->priq_irq_cfg1 = v;
		return;
	case GICITS_SMMU_PRIQ_IRQ_CFG2:
		if (priq_cfg_writable(smmu, p, v))
			smmu->priq_irq_cfg2 =
				v & (IRQ_CFG2_MASK | PRIQ_CFG2_LO);
		return;
	default:
		return;
	}
}

/* ---- PRG responses ---- */

static void prg_send(struct gicits_iommu *smmu,
		     const struct gicits_iommu_prg_resp *r, const char *rule)
{
	if (r->automatic)
		smmu->pri_st.auto_resps++;
	else
		smmu->pri_st.cmd_resps++;
	smmu->pri_st.last = *r;
	iommu_trace(smmu, GICITS_TRACE_COMMAND, r->stream_id,
		    r->pasid ? r->substream_id : 0, r->prgi, OP_PRI_RESP,
		    r->code, rule, "PRG response");
	if (smmu->cfg.prg_resp)
		smmu->cfg.prg_resp(smmu->cfg.prg_resp_ctx, r);
}

/* An automatic response (§8.2: same StreamID and PRGI as the PPR). */
static void auto_resp(struct gicits_iommu *smmu,
		      const struct gicits_iommu_ppr *ppr, bool pasid,
		      uint8_t code, struct gicits_iommu_ppr_result *res,
		      const char *rule)
{
	struct gicits_iommu_prg_resp *r = &res->resp;

	memset(r, 0, sizeof(*r));
	r->stream_id = ppr->stream_id;
	r->pasid = pasid;
	r->substream_id = pasid ? ppr->substream_id : 0;
	r->prgi = ppr->prgi;
	r->code = code;
	r->automatic = true;
	res->responded = true;
	prg_send(smmu, r, rule);
}

/* §8.1: the response to a Last = 1 PPR discarded in overflow.  @ssv: the
 * PPR had a PASID (and the SMMU has substreams). */
static void overflow_resp(struct gicits_iommu *smmu,
			  const struct gicits_iommu_ppr *ppr, bool ssv,
			  struct gicits_iommu_ppr_result *res)
{
	struct ste ste;
	uint64_t at;
	const char *why;

	if (!ssv) {
		auto_resp(smmu, ppr, false, GICITS_PRG_RESP_SUCCESS, res,
			  "IHI0070 8.1: overflow, Last=1 without PASID: "
			  "Success");
		return;
	}
	if (smmu->cfg.pri_pps) {
		auto_resp(smmu, ppr, true, GICITS_PRG_RESP_SUCCESS, res,
			  "IHI0070 8.1: overflow, IDR3.PPS=1: Success with "
			  "PASID");
		return;
	}
	/* IDR3.PPS = 0: STE.PPAR decides; an STE that cannot be checked
	 * (SMMUEN = 0, StreamID out of range, fetch abort, ILLEGAL) gives
	 * Failure without PASID.  (SMMUEN = 0 cannot reach here: the queue
	 * is then disabled, §8.2.) */
	if (!bits_get(smmu->cr0, CR0_SMMUEN) ||
	    ste_fetch(smmu, ppr->stream_id, &ste, &at) != FETCH_OK ||
	    ste_illegal(smmu, &ste, &why)) {
		auto_resp(smmu, ppr, false, GICITS_PRG_RESP_FAILURE, res,
			  "IHI0070 8.1: overflow, STE.PPAR cannot be "
			  "checked: Failure");
		return;
	}
	auto_resp(smmu, ppr, bits_get(ste.dw[1], STE1_PPAR) != 0,
		  GICITS_PRG_RESP_SUCCESS, res,
		  "IHI0070 8.1: overflow, Last=1: Success, PASID per "
		  "STE.PPAR");
}

/* The PRI queue MSI (§3.18, PRIQ_IRQ_CFG0..2), untranslated, with the
 * SMMU's own DeviceID; an abort is GERROR.MSI_PRIQ_ABT_ERR. */
static void priq_irq(struct gicits_iommu *smmu)
{
	uint64_t a;

	if (!bits_get(smmu->irq_ctrl, IRQ_CTRL_PRIQ_IRQEN) || !smmu->cfg.msi)
		return;
	a = smmu->priq_irq_cfg0 & IRQ_CFG0_ADDR_MASK;
	if (!a)
		return; /* §6.3.34: ADDR = 0, no MSI */
	if (!own_msi(smmu, a, smmu->priq_irq_cfg1))
		gerror_raise(smmu, GERR_MSI_PRIQ_ABT_ERR);
}

static void rec_encode(const struct gicits_iommu_ppr *ppr, bool ssv,
		       uint8_t rec[16])
{
	uint64_t dw0, dw1;
	unsigned i;

	/* §8: SID[31:0], SSID[51:32], Priv[58], Exec[59], Read[60],
	 * Write[61], Last[62], SSV[63]; PRGIndex[8:0], address[63:12].
	 * Without SSV the SubstreamID is UNKNOWN (0 here) and X, Priv 0. */
	dw0 = (uint64_t)ppr->stream_id |
	      ((uint64_t)(ssv ? ppr->substream_id & 0xFFFFF : 0) << 32) |
	      ((uint64_t)(ssv && ppr->priv) << 58) |
	      ((uint64_t)(ssv && ppr->exec) << 59) |
	      ((uint64_t)ppr->read << 60) | ((uint64_t)ppr->write << 61) |
	      ((uint64_t)ppr->last << 62) | ((uint64_t)ssv << 63);
	dw1 = (uint64_t)(ppr->prgi & 0x1FF) | (ppr->addr & ~0xFFFull);
	for (i = 0; i < 8; i++) {
		rec[i] = (uint8_t)(dw0 >> (8 * i));
		rec[8 + i] = (uint8_t)(dw1 >> (8 * i));
	}
}

static void page_request(struct gicits_iommu *smmu,
			 const struct gicits_iommu_ppr *ppr,
			 struct gicits_iommu_ppr_result *res)
{
	/* §8: SSV is 0 when the SMMU has no substreams */
	bool ssv = ppr->ssv && smmu->cfg.ssidsize > 0;
	/* §8: a Stop PASID marker is SSV = 1 with LWR = 0b100 */
	bool stop = ssv && ppr->last && !ppr->write && !ppr->read;
	unsigned log2 = q_log2(smmu->priq_base, smmu->cfg.priqs);
	bool was_empty;
	uint64_t base, addr;
	uint8_t rec[16];

	if (ppr->secure) {
		smmu->pri_st.lost++;
		if (!stop)
			auto_resp(smmu, ppr, false, GICITS_PRG_RESP_FAILURE,
				  res,
				  "IHI0070 8.2: PPR from a Secure stream: "
				  "Response Failure");
		return;
	}
	/* §8.2: effective PRIQEN = 0 (SMMUEN = 0 implies it) or an active
	 * PRIQ_ABT_ERR: nothing written, every PPR answered with Failure,
	 * no PASID; stop markers get no response */
	if (!bits_get(smmu->cr0, CR0_SMMUEN) ||
	    !bits_get(smmu->cr0, CR0_PRIQEN) ||
	    (((smmu->gerror ^ smmu->gerrorn) >> GERR_PRIQ_ABT_ERR) & 1)) {
		smmu->pri_st.lost++;
		iommu_trace(smmu, GICITS_TRACE_DROP, ppr->stream_id,
			    ppr->substream_id, GICITS_SMMU_PRIQ_PROD, ppr->addr,
			    0,
			    "IHI0070 8.2: PRI queue disabled or in error: "
			    "discarded",
			    NULL);
		if (!stop)
			auto_resp(smmu, ppr, false, GICITS_PRG_RESP_FAILURE,
				  res,
				  "IHI0070 8.2: PRIQEN=0 or PRIQ_ABT_ERR: "
				  "Response Failure");
		return;
	}
	/* §8.1: a full queue enters overflow (OVFLG toggles, unless one is
	 * already active); an active overflow inhibits new entries */
	if ((smmu->priq_prod & PRIQ_OVF) != (smmu->priq_cons & PRIQ_OVF) ||
	    q_full(smmu->priq_prod, smmu->priq_cons, log2)) {
		if ((smmu->priq_prod & PRIQ_OVF) ==
		    (smmu->priq_cons & PRIQ_OVF))
			smmu->priq_prod ^= PRIQ_OVF;
		smmu->pri_st.lost++;
		iommu_trace(smmu, GICITS_TRACE_DROP, ppr->stream_id,
			    ppr->substream_id, GICITS_SMMU_PRIQ_PROD,
			    smmu->priq_prod, 0,
			    "IHI0070 8.1: PRI queue overflow: discarded", NULL);
		/* Last = 1 PPRs get an automatic response; Last = 0 ones
		 * and stop markers are dropped silently */
		if (ppr->last && !stop)
			overflow_resp(smmu, ppr, ssv, res);
		/* §6.3.36 LO: a message with L discarded because of an
		 * overflow still interrupts */
		if (ppr->last && (smmu->priq_irq_cfg2 & PRIQ_CFG2_LO))
			priq_irq(smmu);
		return;
	}
	was_empty = q_empty(smmu->priq_prod, smmu->priq_cons, log2);
	/* the base is aligned to the queue size (§6.3.31) */
	base = smmu->priq_base & 0x00FFFFFFFFFFFFE0ull & ~((16ull << log2) - 1);
	addr = base + 16ull * (smmu->priq_prod & ((1u << log2) - 1));
	rec_encode(ppr, ssv, rec);
	if (gicits_mem_write(smmu->mem, addr, rec, sizeof(rec)) < 0) {
		/* §8.2: a synchronous abort (this model's choice) answers
		 * the PPR with Failure; PRIQ_ABT_ERR stops the queue */
		smmu->pri_st.lost++;
		gerror_raise(smmu, GERR_PRIQ_ABT_ERR);
		if (!stop)
			auto_resp(smmu, ppr, false, GICITS_PRG_RESP_FAILURE,
				  res,
				  "IHI0070 8.2: PRI queue write aborted: "
				  "Response Failure");
		return;
	}
	smmu->priq_prod = q_inc(smmu->priq_prod, log2); /* keeps OVFLG */
	smmu->pri_st.records++;
	res->recorded = true;
	iommu_trace(smmu, GICITS_TRACE_ERROR, ppr->stream_id,
		    ssv ? ppr->substream_id : 0, GICITS_SMMU_PRIQ_PROD,
		    ppr->addr & ~0xFFFull, ppr->prgi,
		    stop ? "IHI0070 8: Stop PASID marker recorded" :
			   "IHI0070 8: page request recorded",
		    NULL);
	/* §6.3.36: LO = 0, on empty -> non-empty; LO = 1, on L */
	if ((smmu->priq_irq_cfg2 & PRIQ_CFG2_LO) ? ppr->last : was_empty)
		priq_irq(smmu);
}

int gicits_iommu_page_request(struct gicits_iommu *smmu,
			      const struct gicits_iommu_ppr *ppr,
			      struct gicits_iommu_ppr_result *res)
{
	if (!smmu || !ppr || !res)
		return GICITS_EINVAL;
	/* PCIe: PRGI is 9 bits, the PASID 20 */
	if (ppr->prgi > 0x1FF || (ppr->ssv && ppr->substream_id > 0xFFFFF))
		return GICITS_EINVAL;
	if (!smmu->cfg.pri)
		return GICITS_ENOTSUP;
	memset(res, 0, sizeof(*res));
	iommu_lock(smmu);
	page_request(smmu, ppr, res);
	iommu_unlock(smmu);
	return GICITS_OK;
}

int gicits_iommu_pri_status(struct gicits_iommu *smmu,
			    struct gicits_iommu_pri_status *st)
{
	if (!smmu || !st)
		return GICITS_EINVAL;
	mtx_lock(&smmu->lock);
	*st = smmu->pri_st;
	mtx_unlock(&smmu->lock);
	return GICITS_OK;
}

/* ---- CMD_PRI_RESP (§4.5.2) ---- */

unsigned priq_cmd_resp(struct gicits_iommu *smmu, uint64_t dw0, uint64_t dw1)
{
	static const uint8_t code[3] = { GICITS_PRG_RESP_FAILURE,
					 GICITS_PRG_RESP_INVALID,
					 GICITS_PRG_RESP_SUCCESS };
	unsigned resp = (unsigned)bits_get(dw1, CMD_PRI_RESP_RESP);
	struct gicits_iommu_prg_resp r;

	/* ILLEGAL without IDR0.PRI, and for the reserved Resp 0b11 */
	if (!smmu->cfg.pri || resp == 3)
		return CERROR_ILL;
	/* IGNORED while SMMUEN = 0 */
	if (!bits_get(smmu->cr0, CR0_SMMUEN)) {
		iommu_trace(smmu, GICITS_TRACE_DROP,
			    (uint32_t)bits_get(dw0, CMD_SID), 0, 0, dw0, 0,
			    "IHI0070 4.5.2: CMD_PRI_RESP with SMMUEN=0 "
			    "ignored",
			    NULL);
		return CERROR_NONE;
	}
	memset(&r, 0, sizeof(r));
	r.stream_id = (uint32_t)bits_get(dw0, CMD_SID);
	/* SSV without substreams: answered without a PASID (one of the
	 * two CONSTRAINED UNPREDICTABLE options) */
	r.pasid = bits_get(dw0, CMD_SSV) && smmu->cfg.ssidsize > 0;
	r.substream_id = r.pasid ? (uint32_t)bits_get(dw0, CMD_SSID) : 0;
	r.prgi = (uint16_t)bits_get(dw1, CMD_PRI_RESP_PRGI);
	r.code = code[resp];
	prg_send(smmu, &r, "IHI0070 4.5.2: CMD_PRI_RESP");
	return CERROR_NONE;
}
