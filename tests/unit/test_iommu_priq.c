/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The PRI queue (IHI 0070 chapter 8, config pri): the record format (§8),
 * the PRI queue MSI (§3.18, SMMU_PRIQ_IRQ_CFG0..2 §6.3.34..36), overflow
 * and its automatic responses (§8.1), disabled / in-error queues and
 * Secure streams (§8.2), PRIQ_ABT_ERR, the PRIQ_* register rules
 * (§6.3.31..36) and CMD_PRI_RESP (§4.5.2).
 */
#include "iommu_fixture.h"

#define PFX_PRIQ (IFX_RAM_BASE + 0x0430000) /* up to 128 x 16 bytes */
#define PFX_PRIQ_DATA 2u /* PRIQ_IRQ_CFG1: Linux's PRIQ vector */
#define CR0_PRIQEN 2u
#define IRQ_ALL 7u /* GERROR | PRIQ | EVENTQ IRQEN */
#define GERR_CMDQ 1u
#define GERR_PRIQ_ABT (1u << 3)
#define GERR_MSI_PRIQ_ABT (1u << 6)
#define OVF (1u << 31)
#define LO (1u << 31)

/* Every PRG Response the SMMU sends (config prg_resp). */
static struct gicits_iommu_prg_resp g_resp[64];
static unsigned g_nresp;

static void resp_cb(void *ctx, const struct gicits_iommu_prg_resp *r)
{
	(void)ctx;
	if (g_nresp < 64)
		g_resp[g_nresp] = *r;
	g_nresp++;
}

static uint32_t gerror_active(struct ifx *f)
{
	return (uint32_t)(ifx_rd(f, GICITS_SMMU_GERROR, 4) ^
			  ifx_rd(f, GICITS_SMMU_GERRORN, 4));
}

/* An SMMU with PRI set up as Linux does (ifx_linux() plus the PRI queue
 * of 2^@log2 entries, its MSI to the ITS doorbell with data 2, CFG2 @cfg2,
 * PRIQ_IRQEN, PRIQEN). */
static struct ifx *pfx_new(unsigned log2, uint32_t cfg2, bool pps)
{
	struct ifx *f = ifx_alloc_only();

	f->cfg.pri = true;
	f->cfg.pri_pps = pps;
	f->cfg.prg_resp = resp_cb;
	g_nresp = 0;
	memset(g_resp, 0, sizeof(g_resp));
	ifx_create(f);
	ifx_linux(f, 0);
	ifx_wr(f, GICITS_SMMU_PRIQ_BASE, 8, PFX_PRIQ | log2);
	ifx_wr(f, GICITS_SMMU_PRIQ_IRQ_CFG0, 8, IFX_DOORBELL);
	ifx_wr(f, GICITS_SMMU_PRIQ_IRQ_CFG1, 4, PFX_PRIQ_DATA);
	ifx_wr(f, GICITS_SMMU_PRIQ_IRQ_CFG2, 4, cfg2);
	ifx_wr(f, GICITS_SMMU_IRQ_CTRL, 4, IRQ_ALL);
	ifx_wr(f, GICITS_SMMU_CR0, 4,
	       IFX_CR0_SMMUEN | IFX_CR0_EVENTQEN | IFX_CR0_CMDQEN | CR0_PRIQEN);
	return f;
}

static struct gicits_iommu_ppr ppr_of(uint32_t sid, uint16_t prgi, bool last)
{
	struct gicits_iommu_ppr p;

	memset(&p, 0, sizeof(p));
	p.stream_id = sid;
	p.addr = 0x12345000;
	p.prgi = prgi;
	p.last = last;
	p.read = true;
	return p;
}

static struct gicits_iommu_ppr_result send(struct ifx *f,
					   const struct gicits_iommu_ppr *p)
{
	struct gicits_iommu_ppr_result r;

	assert_int_equal(gicits_iommu_page_request(f->smmu, p, &r), GICITS_OK);
	return r;
}

static struct gicits_iommu_ppr_result send_req(struct ifx *f, uint32_t sid,
					       uint16_t prgi, bool last)
{
	struct gicits_iommu_ppr p = ppr_of(sid, prgi, last);

	return send(f, &p);
}

static uint32_t prod(struct ifx *f)
{
	return (uint32_t)ifx_rd(f, GICITS_SMMU_PRIQ_PROD, 4);
}

static uint32_t cons(struct ifx *f)
{
	return (uint32_t)ifx_rd(f, GICITS_SMMU_PRIQ_CONS, 4);
}

/* CONS = PROD (index and wrap), OVACKFLG given */
static void consume_all(struct ifx *f, bool ack)
{
	uint32_t p = prod(f), c = cons(f);

	ifx_wr(f, GICITS_SMMU_PRIQ_CONS, 4,
	       (p & 0xFFFFF) | (ack ? (p & OVF) : (c & OVF)));
}

/* ---- ID and registers ---- */

/* §6.3.1: IDR0.PRI (RES0 unless IDR0.ATS); without config pri nothing of
 * PRI exists: PRIQ_* RAZ/WI, PRIQEN / PRIQ_IRQEN RES0, CMD_PRI_RESP
 * ILLEGAL (§4.5.2) and no page requests accepted. */
static void pri_off_by_default(void **state)
{
	struct ifx *f = ifx_new();
	struct gicits_iommu_ppr p = ppr_of(1, 1, true);
	struct gicits_iommu_ppr_result r;

	(void)state;
	assert_false(f->cfg.pri);
	assert_int_equal(
		ifx_rd(f, GICITS_SMMU_IDR0, 4) & ((1u << 16) | (1u << 10)), 0);
	assert_int_equal((ifx_rd(f, GICITS_SMMU_IDR1, 4) >> 11) & 0x1F, 0);
	ifx_linux(f, 0);
	ifx_wr(f, GICITS_SMMU_PRIQ_BASE, 8, PFX_PRIQ | 3);
	ifx_wr(f, GICITS_SMMU_PRIQ_IRQ_CFG0, 8, IFX_DOORBELL);
	ifx_wr(f, GICITS_SMMU_PRIQ_IRQ_CFG1, 4, 7);
	ifx_wr(f, 0x100CC, 4, 5);
	assert_int_equal(ifx_rd(f, GICITS_SMMU_PRIQ_BASE, 8), 0);
	assert_int_equal(ifx_rd(f, GICITS_SMMU_PRIQ_IRQ_CFG0, 8), 0);
	assert_int_equal(ifx_rd(f, GICITS_SMMU_PRIQ_IRQ_CFG1, 4), 0);
	assert_int_equal(ifx_rd(f, GICITS_SMMU_PRIQ_CONS, 4), 0);
	ifx_wr(f, GICITS_SMMU_CR0, 4, 0xF);
	assert_int_equal(ifx_rd(f, GICITS_SMMU_CR0, 4), 0xD);
	ifx_wr(f, GICITS_SMMU_IRQ_CTRL, 4, 7);
	assert_int_equal(ifx_rd(f, GICITS_SMMU_IRQ_CTRL, 4), 5);
	assert_int_equal(gicits_iommu_page_request(f->smmu, &p, &r),
			 GICITS_ENOTSUP);
	ifx_cmd(f, 0x41 | (1ull << 32), 2); /* CMD_PRI_RESP */
	assert_int_equal((ifx_rd(f, GICITS_SMMU_CMDQ_CONS, 4) >> 24) & 0x7F, 1);
	ifx_free(f);
}

/* §6.3.1 PRI/ATS, §6.3.2 PRIQS, §6.3.4 IDR3.PPS[5]. */
static void pri_id_registers(void **state)
{
	struct ifx *f = pfx_new(3, 0, false);
	struct ifx *g = pfx_new(3, 0, true);

	(void)state;
	assert_int_equal(ifx_rd(f, GICITS_SMMU_IDR0, 4) &
				 ((1u << 16) | (1u << 10)),
			 (1u << 16) | (1u << 10));
	assert_int_equal((ifx_rd(f, GICITS_SMMU_IDR1, 4) >> 11) & 0x1F, 7);
	assert_int_equal(ifx_rd(f, GICITS_SMMU_IDR3, 4) & (1u << 5), 0);
	assert_int_equal(ifx_rd(g, GICITS_SMMU_IDR3, 4) & (1u << 5), 1u << 5);
	assert_int_equal(ifx_rd(f, GICITS_SMMU_CR0ACK, 4) & CR0_PRIQEN,
			 CR0_PRIQEN);
	/* CMD_ATC_INV is legal with IDR0.ATS (no ATC: nothing to do) */
	ifx_cmd(f, 0x40 | (1ull << 32), 0);
	assert_int_equal((ifx_rd(f, GICITS_SMMU_CMDQ_CONS, 4) >> 24) & 0x7F, 0);
	assert_int_equal(gerror_active(f), 0);
	ifx_free(f);
	ifx_free(g);
	f = ifx_alloc_only();
	f->cfg.pri = true;
	f->cfg.priqs = 20; /* beyond IDR1.PRIQS's 19 (§8: 2^19 at most) */
	assert_int_equal(gicits_iommu_create(&f->cfg, &f->ram.mem, &f->smmu),
			 GICITS_EINVAL);
	f->smmu = NULL;
	ifx_free(f);
}

/* §6.3.31..36: PRIQ_BASE RO while PRIQEN = 1, PRIQ_PROD RO while
 * PRIQEN = 1, PRIQ_IRQ_CFGn RO while PRIQ_IRQEN = 1, CFG2 keeps LO[31],
 * SH and MemAttr, PROD / CONS on page 1 with the page-0 alias. */
static void pri_register_guards(void **state)
{
	struct ifx *f = pfx_new(3, 0, false);

	(void)state;
	assert_int_equal(ifx_rd(f, GICITS_SMMU_PRIQ_BASE, 8), PFX_PRIQ | 3);
	ifx_wr(f, GICITS_SMMU_PRIQ_BASE, 8, PFX_PRIQ | 5);
	assert_int_equal(ifx_rd(f, GICITS_SMMU_PRIQ_BASE, 8), PFX_PRIQ | 3);
	ifx_wr(f, GICITS_SMMU_PRIQ_PROD, 4, 3);
	assert_int_equal(prod(f), 0);
	/* IRQEN = 1: the CFGs are RO */
	ifx_wr(f, GICITS_SMMU_PRIQ_IRQ_CFG0, 8, 0x1000);
	ifx_wr(f, GICITS_SMMU_PRIQ_IRQ_CFG1, 4, 9);
	ifx_wr(f, GICITS_SMMU_PRIQ_IRQ_CFG2, 4, LO);
	assert_int_equal(ifx_rd(f, GICITS_SMMU_PRIQ_IRQ_CFG0, 8), IFX_DOORBELL);
	assert_int_equal(ifx_rd(f, GICITS_SMMU_PRIQ_IRQ_CFG1, 4),
			 PFX_PRIQ_DATA);
	assert_int_equal(ifx_rd(f, GICITS_SMMU_PRIQ_IRQ_CFG2, 4), 0);
	ifx_wr(f, GICITS_SMMU_IRQ_CTRL, 4, 5);
	ifx_wr(f, GICITS_SMMU_PRIQ_IRQ_CFG0, 8, 0xFF00000000001007ull);
	ifx_wr(f, GICITS_SMMU_PRIQ_IRQ_CFG2, 4, 0xFFFFFFFF);
	/* ADDR[55:2] only; CFG2: LO, SH, MemAttr */
	assert_int_equal(ifx_rd(f, GICITS_SMMU_PRIQ_IRQ_CFG0, 8), 0x1004);
	assert_int_equal(ifx_rd(f, GICITS_SMMU_PRIQ_IRQ_CFG2, 4), LO | 0x3F);
	/* PRIQEN = 0: PROD writable, BASE writable */
	ifx_wr(f, GICITS_SMMU_CR0, 4, IFX_CR0_SMMUEN | IFX_CR0_CMDQEN);
	ifx_wr(f, 0xC8, 4, 0x80000005u);
	assert_int_equal(prod(f), 0x80000005u);
	assert_int_equal(ifx_rd(f, 0xC8, 4), 0x80000005u);
	ifx_wr(f, GICITS_SMMU_PRIQ_CONS, 4, 0xFFFFFFFF);
	/* RD + wrap of IDR1.PRIQS (7) and OVACKFLG */
	assert_int_equal(cons(f), 0x800000FFu);
	ifx_wr(f, GICITS_SMMU_PRIQ_BASE, 8, PFX_PRIQ | 2);
	assert_int_equal(ifx_rd(f, GICITS_SMMU_PRIQ_BASE, 8), PFX_PRIQ | 2);
	ifx_free(f);
}

/* ---- records and MSIs ---- */

/* §8 record: dw0 SID[31:0] SSID[51:32] Priv[58] Exec[59] Read[60]
 * Write[61] Last[62] SSV[63]; dw1 PRGIndex[8:0] address[63:12].  Without
 * SSV, X and Priv are 0 and the SubstreamID is not given. */
static void record_format(void **state)
{
	struct ifx *f = pfx_new(3, 0, false);
	struct gicits_iommu_ppr p = ppr_of(0x12345, 0x1A5, true);
	struct gicits_iommu_ppr_result r;

	(void)state;
	p.ssv = true;
	p.substream_id = 0xABCDE;
	p.write = p.exec = p.priv = true;
	p.addr = 0xFFFF876543210FFFull;
	r = send(f, &p);
	assert_true(r.recorded);
	assert_false(r.responded);
	assert_int_equal(ifx_r64(f, PFX_PRIQ),
			 0x12345ull | (0xABCDEull << 32) | (0x3Full << 58));
	assert_int_equal(ifx_r64(f, PFX_PRIQ + 8),
			 0xFFFF876543210000ull | 0x1A5);
	/* no PASID: X, Priv and SSID are 0; only L/W/R kept */
	p.ssv = false;
	p.last = false;
	r = send(f, &p);
	assert_true(r.recorded);
	assert_int_equal(ifx_r64(f, PFX_PRIQ + 16), 0x12345ull | (3ull << 60));
	assert_int_equal(prod(f), 2);
	ifx_free(f);
}

/* §3.18 / §6.3.36 LO = 0: the PRI queue MSI is sent when the queue goes
 * from empty to non-empty, untranslated, with the SMMU's own DeviceID
 * (spec/iommu-mbigen.md §A.10). */
static void msi_on_empty_to_nonempty(void **state)
{
	struct ifx *f = pfx_new(3, 0, false);
	unsigned i;

	(void)state;
	send_req(f, 1, 1, false);
	assert_int_equal(f->nmsis, 1);
	assert_int_equal(f->msis[0].pa, IFX_DOORBELL);
	assert_int_equal(f->msis[0].data, PFX_PRIQ_DATA);
	assert_int_equal(f->msis[0].devid, IFX_SMMU_DEVID);
	send_req(f, 1, 1, true); /* not empty: no MSI, even with Last */
	assert_int_equal(f->nmsis, 1);
	consume_all(f, false);
	send_req(f, 2, 3, false);
	assert_int_equal(f->nmsis, 2);
	/* the client StreamID never leaks into the SMMU's own MSI */
	for (i = 0; i < f->nmsis; i++)
		assert_int_equal(f->msis[i].devid, IFX_SMMU_DEVID);
	ifx_free(f);
}

/* §6.3.36 LO = 1: an MSI for every message with L set, none for L = 0
 * even on empty -> non-empty. */
static void msi_last_only(void **state)
{
	struct ifx *f = pfx_new(3, LO, false);

	(void)state;
	send_req(f, 1, 1, false);
	assert_int_equal(f->nmsis, 0);
	send_req(f, 1, 1, true);
	assert_int_equal(f->nmsis, 1);
	send_req(f, 1, 2, true);
	assert_int_equal(f->nmsis, 2);
	assert_int_equal(f->msis[1].devid, IFX_SMMU_DEVID);
	assert_int_equal(prod(f), 3);
	ifx_free(f);
}

/* §6.3.34: ADDR = 0 sends no MSI; IRQ_CTRL.PRIQ_IRQEN = 0 sends none.
 * The record is written either way. */
static void msi_addr0_and_irqen(void **state)
{
	struct ifx *f = pfx_new(3, 0, false);

	(void)state;
	ifx_wr(f, GICITS_SMMU_IRQ_CTRL, 4, 5);
	assert_true(send_req(f, 1, 1, false).recorded);
	assert_int_equal(f->nmsis, 0);
	consume_all(f, false);
	ifx_wr(f, GICITS_SMMU_PRIQ_IRQ_CFG0, 8, 0);
	ifx_wr(f, GICITS_SMMU_IRQ_CTRL, 4, IRQ_ALL);
	assert_true(send_req(f, 1, 1, false).recorded);
	assert_int_equal(f->nmsis, 0);
	assert_int_equal(prod(f), 2);
	ifx_free(f);
}

/* §3.18: an aborted PRI queue MSI activates GERROR.MSI_PRIQ_ABT_ERR. */
static void msi_abort(void **state)
{
	struct ifx *f = pfx_new(3, 0, false);

	(void)state;
	f->msi_fail = true;
	assert_true(send_req(f, 1, 1, false).recorded);
	assert_int_equal(gerror_active(f) & GERR_MSI_PRIQ_ABT,
			 GERR_MSI_PRIQ_ABT);
	ifx_free(f);
}

/* ---- overflow (§8.1) ---- */

/* A full queue toggles PROD.OVFLG; an active overflow inhibits new
 * entries (unlike the event queue); Last = 1 PPRs get an automatic
 * Success (no PASID: none in the PPR), Last = 0 ones are dropped, stop
 * markers get nothing; OVACKFLG = OVFLG ends it. */
static void overflow_inhibits_and_acks(void **state)
{
	struct ifx *f = pfx_new(2, 0, false); /* 4 entries */
	struct gicits_iommu_ppr_result r;
	struct gicits_iommu_ppr stop = ppr_of(7, 0, true);
	struct gicits_iommu_pri_status st;
	unsigned i;

	(void)state;
	for (i = 0; i < 4; i++)
		assert_true(send_req(f, 7, (uint16_t)i, false).recorded);
	assert_int_equal(prod(f), 4 | 0); /* index 0, wrap 1 */
	r = send_req(f, 7, 9, false); /* Last = 0: overflow, silent */
	assert_false(r.recorded);
	assert_false(r.responded);
	assert_int_equal(prod(f), OVF | 4);
	assert_int_equal(g_nresp, 0);
	r = send_req(f, 7, 0x1F0, true); /* Last = 1: auto Success */
	assert_false(r.recorded);
	assert_true(r.responded);
	assert_int_equal(r.resp.stream_id, 7);
	assert_int_equal(r.resp.prgi, 0x1F0);
	assert_int_equal(r.resp.code, GICITS_PRG_RESP_SUCCESS);
	assert_false(r.resp.pasid);
	assert_true(r.resp.automatic);
	assert_int_equal(g_nresp, 1);
	assert_int_equal(g_resp[0].prgi, 0x1F0);
	/* a stop marker in overflow: discarded, no response */
	stop.ssv = true;
	stop.substream_id = 3;
	stop.read = false;
	r = send(f, &stop);
	assert_false(r.recorded || r.responded);
	/* consuming without acknowledging: still inhibited */
	consume_all(f, false);
	r = send_req(f, 7, 1, false);
	assert_false(r.recorded);
	assert_int_equal(prod(f), OVF | 4);
	/* OVACKFLG = OVFLG: entries again, OVFLG stays as it is */
	consume_all(f, true);
	r = send_req(f, 7, 1, false);
	assert_true(r.recorded);
	assert_int_equal(prod(f), OVF | 5);
	assert_int_equal(gerror_active(f), 0); /* no GERROR for overflow */
	assert_int_equal(gicits_iommu_pri_status(f->smmu, &st), GICITS_OK);
	assert_int_equal(st.records, 5);
	assert_int_equal(st.lost, 4);
	assert_int_equal(st.auto_resps, 1);
	ifx_free(f);
}

/* §6.3.36 LO = 1: a message with L discarded because of overflow still
 * interrupts; one with L = 0 does not. */
static void overflow_lo_msi(void **state)
{
	struct ifx *f = pfx_new(0, LO, false); /* 1 entry */

	(void)state;
	send_req(f, 7, 1, false);
	assert_int_equal(f->nmsis, 0);
	send_req(f, 7, 2, false); /* full, L = 0 */
	assert_int_equal(f->nmsis, 0);
	send_req(f, 7, 3, true); /* discarded in overflow, L = 1 */
	assert_int_equal(f->nmsis, 1);
	assert_int_equal(f->msis[0].devid, IFX_SMMU_DEVID);
	ifx_free(f);
}

/* Fill a 1-entry queue so that the next PPR finds an overflow. */
static struct gicits_iommu_ppr_result ovf_pasid(struct ifx *f, uint32_t sid)
{
	struct gicits_iommu_ppr p = ppr_of(sid, 0x33, true);

	p.ssv = true;
	p.substream_id = 0x4444;
	return send(f, &p);
}

/* §8.1, §8.2: the overflow auto-response to a PPR with a PASID: with
 * IDR3.PPS = 1 it has the PASID; with PPS = 0 the STE's PPAR (bit 82)
 * decides, and an STE that cannot be checked (invalid, StreamID out of
 * range) gives Failure without PASID. */
static void overflow_pasid_rules(void **state)
{
	struct ifx *f = pfx_new(0, 0, false);
	struct ifx *g = pfx_new(0, 0, true);
	struct gicits_iommu_ppr_result r;

	(void)state;
	ifx_ste(f, 5, IFX_STE_BYPASS, 1ull << 18, 0, 0); /* PPAR = 1 */
	ifx_ste(f, 6, IFX_STE_BYPASS, 0, 0, 0); /* PPAR = 0 */
	ifx_ste(f, 8, 0, 0, 0, 0); /* V = 0 */
	send_req(f, 5, 0, false);
	r = ovf_pasid(f, 5);
	assert_true(r.responded);
	assert_true(r.resp.pasid);
	assert_int_equal(r.resp.substream_id, 0x4444);
	assert_int_equal(r.resp.code, GICITS_PRG_RESP_SUCCESS);
	r = ovf_pasid(f, 6);
	assert_false(r.resp.pasid);
	assert_int_equal(r.resp.code, GICITS_PRG_RESP_SUCCESS);
	r = ovf_pasid(f, 8);
	assert_false(r.resp.pasid);
	assert_int_equal(r.resp.code, GICITS_PRG_RESP_FAILURE);
	r = ovf_pasid(f, 0x10000); /* beyond the 2^16-entry stream table */
	assert_false(r.resp.pasid);
	assert_int_equal(r.resp.code, GICITS_PRG_RESP_FAILURE);
	/* PPS = 1: PPAR is not looked at, even for an invalid STE */
	send_req(g, 8, 0, false);
	r = ovf_pasid(g, 8);
	assert_true(r.resp.pasid);
	assert_int_equal(r.resp.substream_id, 0x4444);
	assert_int_equal(r.resp.code, GICITS_PRG_RESP_SUCCESS);
	ifx_free(f);
	ifx_free(g);
}

/* ---- disabled queue, Secure streams, PRIQ_ABT_ERR (§8.2) ---- */

/* PRIQEN = 0, or SMMUEN = 0: nothing written, every PPR (Last or not)
 * answered with Response Failure, never with a PASID; stop markers get
 * no response.  A Secure stream's PPR likewise. */
static void disabled_queue_fails_all(void **state)
{
	struct ifx *f = pfx_new(3, 0, false);
	struct gicits_iommu_ppr p = ppr_of(4, 0x11, false);
	struct gicits_iommu_ppr_result r;

	(void)state;
	ifx_wr(f, GICITS_SMMU_CR0, 4,
	       IFX_CR0_SMMUEN | IFX_CR0_EVENTQEN | IFX_CR0_CMDQEN);
	p.ssv = true;
	p.substream_id = 9;
	r = send(f, &p);
	assert_false(r.recorded);
	assert_true(r.responded);
	assert_int_equal(r.resp.code, GICITS_PRG_RESP_FAILURE);
	assert_false(r.resp.pasid);
	assert_int_equal(r.resp.stream_id, 4);
	assert_int_equal(r.resp.prgi, 0x11);
	p.last = true;
	p.read = false; /* LWR = 0b100 with a PASID: stop marker */
	r = send(f, &p);
	assert_false(r.recorded || r.responded);
	/* SMMUEN = 0 implies PRIQEN = 0 */
	ifx_wr(f, GICITS_SMMU_CR0, 4, CR0_PRIQEN | IFX_CR0_CMDQEN);
	r = send_req(f, 4, 0x12, true);
	assert_false(r.recorded);
	assert_int_equal(r.resp.code, GICITS_PRG_RESP_FAILURE);
	/* enabled again, but from a Secure stream */
	ifx_wr(f, GICITS_SMMU_CR0, 4,
	       IFX_CR0_SMMUEN | IFX_CR0_CMDQEN | CR0_PRIQEN);
	p = ppr_of(4, 0x13, false);
	p.secure = true;
	r = send(f, &p);
	assert_false(r.recorded);
	assert_int_equal(r.resp.code, GICITS_PRG_RESP_FAILURE);
	assert_int_equal(prod(f), 0);
	assert_int_equal(f->nmsis, 0);
	assert_int_equal(g_nresp, 3);
	ifx_free(f);
}

/* §8.2: an external abort writing the queue activates
 * GERROR.PRIQ_ABT_ERR (with the GERROR MSI) and answers that PPR with
 * Failure (synchronous abort, this model's choice); while PRIQ_ABT_ERR is
 * active every PPR fails; acknowledging it restarts the queue. */
static void queue_abort(void **state)
{
	struct ifx *f = pfx_new(3, 0, false);
	struct gicits_iommu_ppr_result r;

	(void)state;
	ifx_wr(f, GICITS_SMMU_CR0, 4, IFX_CR0_SMMUEN | IFX_CR0_CMDQEN);
	ifx_wr(f, GICITS_SMMU_PRIQ_BASE, 8, IFX_NOWHERE | 3);
	ifx_wr(f, GICITS_SMMU_CR0, 4,
	       IFX_CR0_SMMUEN | IFX_CR0_CMDQEN | CR0_PRIQEN);
	r = send_req(f, 3, 0x21, false);
	assert_false(r.recorded);
	assert_true(r.responded);
	assert_int_equal(r.resp.code, GICITS_PRG_RESP_FAILURE);
	assert_int_equal(gerror_active(f), GERR_PRIQ_ABT);
	assert_int_equal(f->nmsis, 1); /* the GERROR MSI, data 1 */
	assert_int_equal(f->msis[0].data, 1);
	assert_int_equal(f->msis[0].devid, IFX_SMMU_DEVID);
	assert_int_equal(prod(f), 0);
	/* a good base, but PRIQ_ABT_ERR still active: Failure */
	ifx_wr(f, GICITS_SMMU_CR0, 4, IFX_CR0_SMMUEN | IFX_CR0_CMDQEN);
	ifx_wr(f, GICITS_SMMU_PRIQ_BASE, 8, PFX_PRIQ | 3);
	ifx_wr(f, GICITS_SMMU_CR0, 4,
	       IFX_CR0_SMMUEN | IFX_CR0_CMDQEN | CR0_PRIQEN);
	r = send_req(f, 3, 0x22, false);
	assert_false(r.recorded);
	assert_int_equal(r.resp.code, GICITS_PRG_RESP_FAILURE);
	ifx_wr(f, GICITS_SMMU_GERRORN, 4,
	       (uint32_t)ifx_rd(f, GICITS_SMMU_GERROR, 4));
	assert_int_equal(gerror_active(f), 0);
	r = send_req(f, 3, 0x23, false);
	assert_true(r.recorded);
	assert_false(r.responded);
	ifx_free(f);
}

/* ---- substreams, arguments ---- */

/* §8: SSV is 0 when the SMMU has no substreams, so LWR = 0b100 is then a
 * Page Request (recorded), not a stop marker. */
static void no_substreams(void **state)
{
	struct ifx *f = ifx_alloc_only();
	struct gicits_iommu_ppr p = ppr_of(2, 5, true);
	struct gicits_iommu_ppr_result r;

	(void)state;
	f->cfg.pri = true;
	f->cfg.ssidsize = 0;
	ifx_create(f);
	ifx_linux(f, 0);
	ifx_wr(f, GICITS_SMMU_PRIQ_BASE, 8, PFX_PRIQ | 3);
	ifx_wr(f, GICITS_SMMU_CR0, 4,
	       IFX_CR0_SMMUEN | IFX_CR0_CMDQEN | CR0_PRIQEN);
	p.ssv = true;
	p.substream_id = 1;
	p.read = false;
	r = send(f, &p);
	assert_true(r.recorded);
	assert_int_equal(ifx_r64(f, PFX_PRIQ), 2ull | (1ull << 62));
	ifx_free(f);
}

/* PCIe field widths: PRGI 9 bits, PASID 20 bits; NULL pointers. */
static void bad_arguments(void **state)
{
	struct ifx *f = pfx_new(3, 0, false);
	struct gicits_iommu_ppr p = ppr_of(1, 0x200, true);
	struct gicits_iommu_ppr_result r;
	struct gicits_iommu_pri_status st;

	(void)state;
	assert_int_equal(gicits_iommu_page_request(f->smmu, &p, &r),
			 GICITS_EINVAL);
	p.prgi = 1;
	p.ssv = true;
	p.substream_id = 0x100000;
	assert_int_equal(gicits_iommu_page_request(f->smmu, &p, &r),
			 GICITS_EINVAL);
	assert_int_equal(gicits_iommu_page_request(NULL, &p, &r),
			 GICITS_EINVAL);
	assert_int_equal(gicits_iommu_page_request(f->smmu, NULL, &r),
			 GICITS_EINVAL);
	assert_int_equal(gicits_iommu_page_request(f->smmu, &p, NULL),
			 GICITS_EINVAL);
	assert_int_equal(gicits_iommu_pri_status(f->smmu, NULL), GICITS_EINVAL);
	assert_int_equal(gicits_iommu_pri_status(f->smmu, &st), GICITS_OK);
	assert_int_equal(st.records + st.lost, 0);
	assert_int_equal(prod(f), 0);
	ifx_free(f);
}

/* ---- CMD_PRI_RESP (§4.5.2) ---- */

static uint64_t pri_resp(uint32_t sid, bool ssv, uint32_t ssid)
{
	return 0x41 | ((uint64_t)ssv << 11) | ((uint64_t)ssid << 12) |
	       ((uint64_t)sid << 32);
}

/* Resp 0b10 Success, 0b01 InvalidRequest, 0b00 ResponseFailure go to the
 * endpoint as PCIe codes 0b0000 / 0b0001 / 0b1111, with the PASID when
 * SSV = 1. */
static void cmd_pri_resp_good(void **state)
{
	struct ifx *f = pfx_new(3, 0, false);
	struct gicits_iommu_pri_status st;

	(void)state;
	ifx_cmd(f, pri_resp(0x1234, true, 0xFEDCB), 0x1AB | (2u << 12));
	ifx_cmd(f, pri_resp(0x55, false, 0x77), 0x003 | (1u << 12));
	ifx_cmd(f, pri_resp(0x56, false, 0), 0x004 | (0u << 12));
	assert_int_equal((ifx_rd(f, GICITS_SMMU_CMDQ_CONS, 4) >> 24) & 0x7F, 0);
	assert_int_equal(g_nresp, 3);
	assert_int_equal(g_resp[0].stream_id, 0x1234);
	assert_true(g_resp[0].pasid);
	assert_int_equal(g_resp[0].substream_id, 0xFEDCB);
	assert_int_equal(g_resp[0].prgi, 0x1AB);
	assert_int_equal(g_resp[0].code, GICITS_PRG_RESP_SUCCESS);
	assert_false(g_resp[0].automatic);
	assert_false(g_resp[1].pasid);
	assert_int_equal(g_resp[1].substream_id, 0);
	assert_int_equal(g_resp[1].code, GICITS_PRG_RESP_INVALID);
	assert_int_equal(g_resp[2].code, GICITS_PRG_RESP_FAILURE);
	assert_int_equal(g_resp[2].prgi, 4);
	assert_int_equal(gicits_iommu_pri_status(f->smmu, &st), GICITS_OK);
	assert_int_equal(st.cmd_resps, 3);
	assert_int_equal(st.last.stream_id, 0x56);
	ifx_free(f);
}

/* Resp 0b11 is ILLEGAL: CERROR_ILL, GERROR.CMDQ_ERR, nothing sent; with
 * SMMUEN = 0 the command is IGNORED (consumed, nothing sent). */
static void cmd_pri_resp_bad(void **state)
{
	struct ifx *f = pfx_new(3, 0, false);

	(void)state;
	ifx_cmd(f, pri_resp(1, false, 0), 1 | (3u << 12));
	assert_int_equal((ifx_rd(f, GICITS_SMMU_CMDQ_CONS, 4) >> 24) & 0x7F, 1);
	assert_int_equal(gerror_active(f), GERR_CMDQ);
	assert_int_equal(g_nresp, 0);
	ifx_free(f);
	f = pfx_new(3, 0, false);
	ifx_wr(f, GICITS_SMMU_CR0, 4, IFX_CR0_CMDQEN);
	ifx_cmd(f, pri_resp(1, false, 0), 1 | (2u << 12));
	assert_int_equal(ifx_rd(f, GICITS_SMMU_CMDQ_CONS, 4), 1);
	assert_int_equal(gerror_active(f), 0);
	assert_int_equal(g_nresp, 0);
	ifx_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pri_off_by_default),
		cmocka_unit_test(pri_id_registers),
		cmocka_unit_test(pri_register_guards),
		cmocka_unit_test(record_format),
		cmocka_unit_test(msi_on_empty_to_nonempty),
		cmocka_unit_test(msi_last_only),
		cmocka_unit_test(msi_addr0_and_irqen),
		cmocka_unit_test(msi_abort),
		cmocka_unit_test(overflow_inhibits_and_acks),
		cmocka_unit_test(overflow_lo_msi),
		cmocka_unit_test(overflow_pasid_rules),
		cmocka_unit_test(disabled_queue_fails_all),
		cmocka_unit_test(queue_abort),
		cmocka_unit_test(no_substreams),
		cmocka_unit_test(bad_arguments),
		cmocka_unit_test(cmd_pri_resp_good),
		cmocka_unit_test(cmd_pri_resp_bad),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
