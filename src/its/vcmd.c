/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The GICv4.0 commands (IHI 0069H.b §5.3: VMAPP, VMAPTI, VMAPI, VMOVI,
 * VMOVP, VSYNC, VINVALL; field layouts in <gicits/cmd.h>, GICITS_CMD_F_*).
 * cmdq.c hands a command here when its_cmd_is_v4() says so: on a virtual
 * ITS only; on a GICv3 ITS these numbers stay unknown commands (cmd.c).
 *
 * Where vPE state lives: the vPE table in guest memory (GITS_BASER2, entry
 * layout in <gicits/its.h>) is the architected copy; the translation index
 * caches each entry as VMAPP/VMOVP wrote it (IHI 0069 lets an ITS cache vPE
 * table entries; index.c), and cache=check reports a table changed behind
 * the ITS (translate.c).  Virtual ITEs live in the device's ITT beside
 * physical ones (the word at byte 8 marks them) and are indexed like them,
 * so an MSI to a resident vPE takes the fast path (msi.c).
 *
 * A vLPI for a vPE resident on its mapped redistributor goes to that
 * redistributor's resident set; otherwise to the vPE's virtual pending
 * table (VPT, from VMAPP), ringing the ITE's doorbell (its_vlpi_set(),
 * its_sink.h).  VMAPP and VMOVP never touch residency or the VPT (QEMU
 * 7.2: the residency key is the VPT address in GICR_VPENDBASER).
 *
 * Error codes: GICITS_E_ITS_V* (<gicits/error.h>; model-specific values,
 * IHI 0069's were not available: spec/gicv41.md §3.9).  Checks and their
 * order follow QEMU 7.2's GICv4.0 ITS where the architecture leaves them
 * open (oracle README, "GICv4.0 extension" §5).  Every handler returns as
 * cmd.c's do: CMD_OK, CMD_ERROR having changed nothing, or CMD_FAULT.
 *
 * Ordering points (docs/concurrency.md I10): VMOVI drains before it moves
 * the pending bit (as MOVI), VMAPP with V = 0 before it completes (as
 * MAPD/MAPC with V = 0: after it no MSI sets a bit in the old VPT, which
 * software may then read), VMOVP before it completes (so that no doorbell
 * of an earlier MSI reaches the old redistributor afterwards) and VSYNC
 * (as SYNC).  No drain happens with vpt_lock held (L7).
 *
 * Layer 3 (its_internal.h): calls translate.c, table.c, index.c, its.c and
 * the redistributors or the external sink, for doorbells (its_sink.h).
 */
#include "its_internal.h"
#include "common/inflight.h"

#include <string.h>

#include "gicits/error.h"
#include "its_sink.h"

static enum cmd_result fault(struct its_cmd *c, const char *why)
{
	c->error = GICITS_E_ITS_MEMORY_FAULT;
	c->why = why;
	return CMD_FAULT;
}

static uint32_t cmd_vpeid(const struct its_cmd *c)
{
	return (uint32_t)gicits_cmd_get(&c->pkt, GICITS_CMD_F_VPEID);
}

/* An LPI INTID the redistributors implement: 8192 .. 2^intid_bits - 1. */
static bool lpi_ok(const struct gicits_its *its, uint32_t intid)
{
	return intid >= GICITS_LPI_BASE &&
	       (its->intid_bits >= 32 || !(intid >> its->intid_bits));
}

/* IHI 0069 VMAPTI/VMAPI/VMOVI: Dbell_pINTID is 1023 (no doorbell) or a
 * physical LPI.  gicits keeps doorbells in 24 bits (the ITE word at byte
 * 8), so one beyond 2^24 - 1 is out of range too (only with intid_bits >
 * 24). */
static bool doorbell_ok(const struct gicits_its *its, uint32_t db)
{
	return db == ITS_NO_DOORBELL || (lpi_ok(its, db) && !(db >> 24));
}

/* The vPE table entry of @vpeid for a command: LOOKUP_OOR also for an
 * absent level-2 page (nothing can be mapped there, as MAPD's
 * DEVICE_OOR for an invalid level-1 entry). */
static enum lookup vpe_for_cmd(struct gicits_its *its, uint32_t vpeid,
			       struct vpte *v, uint64_t *addr)
{
	enum lookup l;

	/* cache=on, no address wanted: the index's copy of what VMAPP/VMOVP
	 * wrote (known only for a vPEID within the table, which cannot
	 * change while the ITS is enabled); cmdq.vmix's hot cost */
	if (!addr && its->cfg.cache == GICITS_CACHE_ON &&
	    index_get_vpe(&its->index, vpeid, v))
		return LOOKUP_OK;
	l = its_vpe(its, vpeid, v, addr);

	return l == LOOKUP_NO_L2 ? LOOKUP_OOR : l;
}

/*
 * The index's copy of vPE @vpeid's entry becomes @v.  It can fail only
 * when the vPE words are first allocated, and then none is known: every
 * vPE stays unknown and is read from the table (index.c, I5).
 */
static void index_set_vpe_or_forget(struct gicits_its *its, uint32_t vpeid,
				    const struct vpte *v)
{
	(void)index_set_vpe(&its->index, vpeid, v);
}

/*
 * VMAPP (GICv4.0 layout, GITS_TYPER.VMAPP = 0): V = 1 maps vPEID to the
 * redistributor RDbase names with its VPT at VPT_addr holding VPT_size + 1
 * vINTID bits; V = 0 unmaps it.  Checks (QEMU 7.2's set): vPEID within the
 * vPE table (E_ITS_VMAPP_VPEID_OOR), VPT_size + 1 within the INTID width
 * (E_ITS_VMAPP_VPTSIZE_OOR; also with V = 0, as QEMU and as MAPD's Size
 * here), RDbase names a redistributor when V = 1 (E_ITS_VMAPP_PROCNUM_OOR).
 * Remapping a mapped vPE replaces its entry (QEMU; the VPT is not touched).
 */
static enum cmd_result do_vmapp(struct gicits_its *its, struct its_cmd *c)
{
	uint32_t vpeid = cmd_vpeid(c);
	struct vpte old, v;
	unsigned cpu = 0;
	uint64_t addr = 0;
	enum lookup l;

	memset(&v, 0, sizeof(v));
	v.valid = gicits_cmd_get(&c->pkt, GICITS_CMD_F_VALID);
	v.vpt_size = (uint8_t)gicits_cmd_get(&c->pkt, GICITS_CMD_F_VPT_SIZE);
	v.vpt = gicits_cmd_get(&c->pkt, GICITS_CMD_F_VPT_ADDR) << 16;
	l = vpe_for_cmd(its, vpeid, &old, &addr);
	if (l == LOOKUP_FAULT)
		return fault(c, "vPE table read faulted");
	if (l != LOOKUP_OK)
		return its_cmd_fail(c, GICITS_E_ITS_VMAPP_VPEID_OOR,
				    "vPEID beyond the vPE table");
	/* DW3[7:5] are RES0 in the GICv4.0 layout (VPT_size is [4:0]); QEMU
	 * 7.2 reads VPT_size as [7:0], so non-zero RES0 bits there make it
	 * out of range: gicits does the same (RES0 written as 1 is CONSTRAINED
	 * UNPREDICTABLE, IHI 0069 "RES0"; this is one of its outcomes) */
	if (v.vpt_size + 1u > its->intid_bits ||
	    gicits_cmd_get(&c->pkt, GICITS_CMD_F_VPT_SIZE_41) > 31)
		return its_cmd_fail(c, GICITS_E_ITS_VMAPP_VPTSIZE_OOR,
				    "VPT_size + 1 > the INTID width");
	if (v.valid &&
	    !its_rdbase_to_cpu(its,
			       gicits_cmd_get(&c->pkt, GICITS_CMD_F_RDBASE),
			       its->cfg.pta, &cpu))
		return its_cmd_fail(c, GICITS_E_ITS_VMAPP_PROCNUM_OOR,
				    "RDbase names no redistributor");
	v.cpu = (uint16_t)cpu;
	if (vpte_write(its, addr, &v))
		return fault(c, "vPE table write faulted");
	/* the cached copy follows the table (index.c): ENOMEM leaves it
	 * unknown, and MSIs read the table */
	index_set_vpe_or_forget(its, vpeid, &v);
	/* V = 0 is self-synchronising (IHI 0069 VMAPP; spec/gicv41.md §3.2):
	 * MSIs translated through the old entry finish first (I10) */
	if (!v.valid)
		inflight_drain();
	return CMD_OK;
}

/*
 * VMAPTI/VMAPI: (DeviceID, EventID) -> vINTID of vPEID with doorbell
 * Dbell_pINTID.  Checks in QEMU 7.2's order: the device's DTE and EventID
 * (DEVICE_OOR, UNMAPPED_DEVICE, ID_OOR), vINTID an implemented LPI
 * (VIRTUALID_OOR; VMAPI's vINTID is the EventID), the doorbell 1023 or an
 * LPI (PHYSICALID_OOR), vPEID within the vPE table (VPEID_OOR).  The vPE
 * need not be mapped and the vINTID is not checked against its VPT_size
 * here: an MSI beyond it is dropped at translation (QEMU 7.2).  Mapping an
 * event that has a valid ITE is UNPREDICTABLE (IHI 0069 VMAPTI); gicits
 * overwrites it, as MAPTI does, and leaves what was pending pending.
 */
static enum cmd_result do_vmapti(struct gicits_its *its, struct its_cmd *c,
				 bool mapi)
{
	uint32_t devid =
		(uint32_t)gicits_cmd_get(&c->pkt, GICITS_CMD_F_DEVICEID);
	uint32_t event =
		(uint32_t)gicits_cmd_get(&c->pkt, GICITS_CMD_F_EVENTID);
	uint32_t vintid =
		mapi ? event :
		       (uint32_t)gicits_cmd_get(&c->pkt, GICITS_CMD_F_VINTID);
	uint32_t db = (uint32_t)gicits_cmd_get(&c->pkt, GICITS_CMD_F_DB_PINTID);
	uint32_t vpeid = cmd_vpeid(c);
	struct vpte v;
	struct xlate x;
	struct ite e;
	enum lookup l;

	its_translate(its, devid, event, false, &x);
	switch (x.drop) {
	case GICITS_DROP_DEVICE_OOR:
		return its_cmd_fail(c,
				    mapi ? GICITS_E_ITS_VMAPI_DEVICE_OOR :
					   GICITS_E_ITS_VMAPTI_DEVICE_OOR,
				    "DeviceID out of range");
	case GICITS_DROP_DEVICE_UNMAPPED:
		return its_cmd_fail(c,
				    mapi ? GICITS_E_ITS_VMAPI_UNMAPPED_DEVICE :
					   GICITS_E_ITS_VMAPTI_UNMAPPED_DEVICE,
				    "device not mapped (no valid DTE)");
	case GICITS_DROP_EVENT_OOR:
		return its_cmd_fail(c,
				    mapi ? GICITS_E_ITS_VMAPI_ID_OOR :
					   GICITS_E_ITS_VMAPTI_ID_OOR,
				    "EventID >= 2^(DTE.Size+1)");
	case GICITS_DROP_MEMORY_FAULT:
		if (!x.dte.valid)
			return fault(c, "device table read faulted");
		break; /* the old ITE could not be read: we overwrite it */
	default:
		break;
	}
	if (!lpi_ok(its, vintid))
		return its_cmd_fail(c,
				    mapi ? GICITS_E_ITS_VMAPI_VIRTUALID_OOR :
					   GICITS_E_ITS_VMAPTI_VIRTUALID_OOR,
				    "vINTID is not an LPI");
	if (!doorbell_ok(its, db))
		return its_cmd_fail(c,
				    mapi ? GICITS_E_ITS_VMAPI_PHYSICALID_OOR :
					   GICITS_E_ITS_VMAPTI_PHYSICALID_OOR,
				    "doorbell is neither 1023 nor an LPI");
	l = vpe_for_cmd(its, vpeid, &v, NULL);
	if (l == LOOKUP_FAULT)
		return fault(c, "vPE table read faulted");
	if (l != LOOKUP_OK)
		return its_cmd_fail(c,
				    mapi ? GICITS_E_ITS_VMAPI_VPEID_OOR :
					   GICITS_E_ITS_VMAPTI_VPEID_OOR,
				    "vPEID beyond the vPE table");
	e.valid = true;
	e.virt = true;
	e.intid = vintid;
	e.icid = (uint16_t)vpeid;
	e.db = db;
	if (ite_write(its, &x.dte, event, &e))
		return fault(c, "ITT write faulted");
	/* the index holds the virtual ITE (or leaves it unknown) */
	(void)index_set_ite(&its->index, devid, event, &e);
	return CMD_OK;
}

/*
 * VMOVI: the virtual ITE of (DeviceID, EventID) moves to vPEID; with D = 1
 * its doorbell becomes Dbell_pINTID.  Checks in QEMU 7.2's order: the
 * doorbell if D (PHYSICALID_OOR), the ITE (DEVICE_OOR, UNMAPPED_DEVICE,
 * ID_OOR, UNMAPPED_INTERRUPT also for a physical ITE), the new vPEID
 * (VPEID_OOR), both vPEs mapped (UNMAPPED_VPE) and the vINTID within both
 * VPT_sizes (VIRTUALID_OOR).  The pending state moves from the old vPE's
 * VPT to the new one's (IHI 0069 VMOVI; QEMU), and a vLPI that arrives
 * pending rings the new doorbell (the vPE is not resident).
 */
static enum cmd_result do_vmovi(struct gicits_its *its, struct its_cmd *c)
{
	uint32_t devid =
		(uint32_t)gicits_cmd_get(&c->pkt, GICITS_CMD_F_DEVICEID);
	uint32_t event =
		(uint32_t)gicits_cmd_get(&c->pkt, GICITS_CMD_F_EVENTID);
	bool set_db = gicits_cmd_get(&c->pkt, GICITS_CMD_F_VMOVI_D);
	uint32_t db = (uint32_t)gicits_cmd_get(&c->pkt, GICITS_CMD_F_DB_PINTID);
	uint32_t vpeid = cmd_vpeid(c);
	struct xlate x, nx;
	struct inflight f;
	enum lookup l;
	bool was;

	if (set_db && !doorbell_ok(its, db))
		return its_cmd_fail(c, GICITS_E_ITS_VMOVI_PHYSICALID_OOR,
				    "doorbell is neither 1023 nor an LPI");
	its_translate(its, devid, event, false, &x);
	switch (x.drop) {
	case GICITS_DROP_NONE:
		break;
	case GICITS_DROP_DEVICE_OOR:
		return its_cmd_fail(c, GICITS_E_ITS_VMOVI_DEVICE_OOR,
				    "DeviceID out of range");
	case GICITS_DROP_DEVICE_UNMAPPED:
		return its_cmd_fail(c, GICITS_E_ITS_VMOVI_UNMAPPED_DEVICE,
				    "device not mapped (no valid DTE)");
	case GICITS_DROP_EVENT_OOR:
		return its_cmd_fail(c, GICITS_E_ITS_VMOVI_ID_OOR,
				    "EventID >= 2^(DTE.Size+1)");
	case GICITS_DROP_MEMORY_FAULT:
		return fault(c, "table walk faulted");
	default:
		return its_cmd_fail(c, GICITS_E_ITS_VMOVI_UNMAPPED_INTERRUPT,
				    "event not mapped (no valid ITE)");
	}
	if (!x.ite.virt)
		return its_cmd_fail(c, GICITS_E_ITS_VMOVI_UNMAPPED_INTERRUPT,
				    "VMOVI on a physical ITE");
	l = vpe_for_cmd(its, vpeid, &nx.vpe, NULL);
	if (l == LOOKUP_FAULT)
		return fault(c, "vPE table read faulted");
	if (l != LOOKUP_OK)
		return its_cmd_fail(c, GICITS_E_ITS_VMOVI_VPEID_OOR,
				    "vPEID beyond the vPE table");
	l = vpe_for_cmd(its, x.ite.icid, &x.vpe, NULL);
	if (l == LOOKUP_FAULT)
		return fault(c, "vPE table read faulted");
	if (l != LOOKUP_OK || !x.vpe.valid || !nx.vpe.valid)
		return its_cmd_fail(c, GICITS_E_ITS_VMOVI_UNMAPPED_VPE,
				    "old or new vPE not mapped");
	if ((x.ite.intid >> x.vpe.vpt_size >> 1) ||
	    (x.ite.intid >> nx.vpe.vpt_size >> 1))
		return its_cmd_fail(c, GICITS_E_ITS_VMOVI_VIRTUALID_OOR,
				    "vINTID beyond a vPE's VPT_size");
	x.cpu = x.vpe.cpu; /* the source's redistributor (its_vlpi_clear()) */
	nx.ite = x.ite;
	nx.ite.icid = (uint16_t)vpeid;
	if (set_db)
		nx.ite.db = db;
	nx.cpu = nx.vpe.cpu;
	if (ite_write(its, &x.dte, event, &nx.ite))
		return fault(c, "ITT write faulted");
	(void)index_set_ite(&its->index, devid, event, &nx.ite);
	/* MSIs translated before now set the old vPE's bit first: the move
	 * takes it along (I10), as MOVI's */
	inflight_drain();
	if (x.ite.icid == vpeid && x.vpe.vpt == nx.vpe.vpt)
		return CMD_OK; /* same VPT: nothing moves */
	/* the source's pending state: its resident set or its VPT */
	if (its_vlpi_clear(its, &x, &was))
		return fault(c, "VPT access faulted (ITE already moved)");
	if (!was)
		return CMD_OK;
	/* announced: a setter like INT (EnableLPIs 1 -> 0 drains it, R11) */
	f = inflight_enter();
	if (its_vlpi_set(its, &nx) != GICITS_DROP_NONE) {
		inflight_leave(f);
		return fault(c, "VPT write faulted (ITE already moved)");
	}
	inflight_leave(f);
	return CMD_OK;
}

/*
 * VMOVP, the single-ITS form (GITS_TYPER.VMOVP = 1: SequenceNumber and
 * ITSList are ignored): the vPE's entry now names RDbase's redistributor.
 * Checks: vPEID within the vPE table (VPEID_OOR), RDbase names a
 * redistributor (PROCNUM_OOR), the vPE mapped (UNMAPPED_VPE).  Only the
 * entry changes: the VPT is the vPE's wherever it runs, and a doorbell
 * already pending on the old redistributor stays there (GICv4.0 software
 * moves it, spec/gicv41.md §3.3).
 */
static enum cmd_result do_vmovp(struct gicits_its *its, struct its_cmd *c)
{
	uint32_t vpeid = cmd_vpeid(c);
	struct vpte v;
	uint64_t addr = 0;
	unsigned cpu;
	enum lookup l;

	l = vpe_for_cmd(its, vpeid, &v, &addr);
	if (l == LOOKUP_FAULT)
		return fault(c, "vPE table read faulted");
	if (l != LOOKUP_OK)
		return its_cmd_fail(c, GICITS_E_ITS_VMOVP_VPEID_OOR,
				    "vPEID beyond the vPE table");
	if (!its_rdbase_to_cpu(its,
			       gicits_cmd_get(&c->pkt, GICITS_CMD_F_RDBASE),
			       its->cfg.pta, &cpu))
		return its_cmd_fail(c, GICITS_E_ITS_VMOVP_PROCNUM_OOR,
				    "RDbase names no redistributor");
	if (!v.valid)
		return its_cmd_fail(c, GICITS_E_ITS_VMOVP_UNMAPPED_VPE,
				    "vPE not mapped");
	v.cpu = (uint16_t)cpu;
	/* GITS_TYPER.VMOVP == 0 (vmovp_list): the vPE moves when every ITS
	 * of ITSList has executed this (vmovp.c) */
	if (its->cfg.vmovp_list && its->gic &&
	    vmovp_arrive(its, vpeid,
			 (uint16_t)gicits_cmd_get(&c->pkt, GICITS_CMD_F_SEQNUM),
			 (uint16_t)gicits_cmd_get(&c->pkt,
						  GICITS_CMD_F_ITSLIST),
			 addr, &v) != VMOVP_COMPLETE)
		return CMD_OK;
	if (vpte_write(its, addr, &v))
		return fault(c, "vPE table write faulted");
	index_set_vpe_or_forget(its, vpeid, &v);
	/* doorbells of MSIs translated through the old entry are rung before
	 * VMOVP completes, so software moving them finds them (I10) */
	inflight_drain();
	return CMD_OK;
}

/* VINVALL: the vPE must be mapped (QEMU 7.2: VPEID_OOR, UNMAPPED_VPE);
 * vLPI configuration is cached only for a vPE resident on its mapped
 * redistributor, which then reloads it all (its_vlpi_inv()). */
static enum cmd_result do_vinvall(struct gicits_its *its, struct its_cmd *c)
{
	struct xlate x;
	struct vpte v;
	enum lookup l = vpe_for_cmd(its, cmd_vpeid(c), &v, NULL);

	if (l == LOOKUP_FAULT)
		return fault(c, "vPE table read faulted");
	if (l != LOOKUP_OK)
		return its_cmd_fail(c, GICITS_E_ITS_VINVALL_VPEID_OOR,
				    "vPEID beyond the vPE table");
	if (!v.valid)
		return its_cmd_fail(c, GICITS_E_ITS_VINVALL_UNMAPPED_VPE,
				    "vPE not mapped");
	memset(&x, 0, sizeof(x));
	x.vpe = v;
	x.cpu = v.cpu;
	its_vlpi_inv(its, &x, true);
	return CMD_OK;
}

/* VSYNC: like SYNC, commands are already complete; it waits for the MSIs
 * translated before it (I10).  IHI 0069 allows an SError for an unmapped
 * vPE; gicits, like QEMU 7.2, checks nothing (no architected error code,
 * spec/gicv41.md §3.9). */
static enum cmd_result do_vsync(struct gicits_its *its, struct its_cmd *c)
{
	(void)its;
	(void)c;
	inflight_drain();
	return CMD_OK;
}

enum cmd_result its_vcmd_execute(struct gicits_its *its, struct its_cmd *c)
{
	switch (c->op) {
	case GICITS_CMD_VMAPP:
		return do_vmapp(its, c);
	case GICITS_CMD_VMAPTI:
		return do_vmapti(its, c, false);
	case GICITS_CMD_VMAPI:
		return do_vmapti(its, c, true);
	case GICITS_CMD_VMOVI:
		return do_vmovi(its, c);
	case GICITS_CMD_VMOVP:
		return do_vmovp(its, c);
	case GICITS_CMD_VSYNC:
		return do_vsync(its, c);
	case GICITS_CMD_VINVALL:
		return do_vinvall(its, c);
	default:
		/* its_cmd_is_v4() lets no other number through */
		return its_cmd_fail(c, GICITS_E_ITS_UNKNOWN_COMMAND,
				    "unknown command number");
	}
}
