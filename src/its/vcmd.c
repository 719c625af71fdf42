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

#include <stdatomic.h>
#include <string.h>

#include "gicits/error.h"
#include "its_sink.h"

static enum cmd_result fault(struct its_cmd *c, const char *why)
{
	c->error = GICITS_E_ITS_MEMORY_FAULT;
	c->why = why;
	return CMD_FAULT;
}

/* A driver mistake the architecture gives no error code (spec/gicv41.md
 * §3.8, §11, §13): a finding in strict mode (@always: in any mode), with
 * the command and its queue offset; the command still completes. */
static void vfinding(struct gicits_its *its, const struct its_cmd *c,
		     bool always, const char *rule, const char *msg)
{
	struct gicits_trace_record t;

	if (!its->cfg.strict && !always)
		return;
	atomic_fetch_add_explicit(&its->findings, 1, memory_order_relaxed);
	memset(&t, 0, sizeof(t));
	t.kind = GICITS_TRACE_FINDING;
	t.cmd = c->op;
	t.offset = c->offset;
	t.cpu = -1;
	t.value = gicits_cmd_get(&c->pkt, GICITS_CMD_F_VPEID);
	t.rule = rule;
	t.message = msg;
	its_trace(its, &t);
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

	bool v41 = its_v41(&its->cfg);
	uint32_t db = (uint32_t)gicits_cmd_get(&c->pkt,
					       GICITS_CMD_F_VMAPP_DEFAULT_DB);

	memset(&v, 0, sizeof(v));
	v.valid = gicits_cmd_get(&c->pkt, GICITS_CMD_F_VALID);
	/* GICv4.1 layout (GITS_TYPER.VMAPP = 1): VPT_size is DW3[7:0]
	 * (spec/gicv41.md §3.1) */
	v.vpt_size =
		(uint8_t)(v41 ? gicits_cmd_get(&c->pkt,
					       GICITS_CMD_F_VPT_SIZE_41) :
				gicits_cmd_get(&c->pkt, GICITS_CMD_F_VPT_SIZE));
	v.vpt = gicits_cmd_get(&c->pkt, GICITS_CMD_F_VPT_ADDR) << 16;
	l = vpe_for_cmd(its, vpeid, &old, &addr);
	if (l == LOOKUP_FAULT)
		return fault(c, "vPE table read faulted");
	if (l != LOOKUP_OK)
		return its_cmd_fail(c, GICITS_E_ITS_VMAPP_VPEID_OOR,
				    "vPEID beyond the vPE table");
	/* GICv4.1: vPEIDs are GICD_TYPER2.VID + 1 bits wide (spec/gicv41.md
	 * §1); a wider one names no vPE the redistributors can hold */
	if (v41 && (vpeid >> gic_config(its->gic)->vpeid_bits))
		return its_cmd_fail(c, GICITS_E_ITS_VMAPP_VPEID_OOR,
				    "vPEID wider than the GIC's vPEID bits");
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
	/* GICv4.1: the default doorbell is 1023 (none) or a physical LPI,
	 * as an individual one (§3.2, §8.1) */
	if (v41 && v.valid && !doorbell_ok(its, db))
		return its_cmd_fail(
			c, GICITS_E_ITS_VMAPP_PHYSICALID_OOR,
			"default doorbell is neither 1023 nor an LPI");
	v.cpu = (uint16_t)cpu;
	if (vpte_write(its, addr, &v))
		return fault(c, "vPE table write faulted");
	if (v41 && v.valid &&
	    vpte41_write(its, addr,
			 gicits_cmd_get(&c->pkt, GICITS_CMD_F_VCONF_ADDR) << 16,
			 db))
		return fault(c, "vPE table write faulted");
	if (v41) {
		struct gic_v41_map m = {
			.valid = v.valid,
			.alloc = gicits_cmd_get(&c->pkt, GICITS_CMD_F_ALLOC),
			.ptz = gicits_cmd_get(&c->pkt, GICITS_CMD_F_PTZ),
			.cpu = cpu,
			.db = db,
			.vpt = v.vpt,
			.vconf =
				gicits_cmd_get(&c->pkt, GICITS_CMD_F_VCONF_ADDR)
				<< 16,
			.vpt_size = v.vpt_size,
		};

		/* §3.2: PTZ means something only with Alloc = 1 */
		if (m.ptz && !m.alloc)
			vfinding(
				its, c, false, "VMAPP.PTZ",
				"PTZ = 1 with Alloc = 0 (spec/gicv41.md §3.2: only meaningful on a first map)");
		if (gic_v41_vpe_map(its->gic, vpeid, &m))
			vfinding(
				its, c, true, "VMAPP",
				"no host memory for the vPE's GICv4.1 state: its default doorbell and vSGIs do nothing");
	}
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
	/* GICv4.1 with GITS_TYPER.nID = 1: no individual doorbells; a
	 * Dbell_pINTID other than 1023 is not honoured (spec/gicv41.md §3.4,
	 * §13 row 15; UNCONFIRMED: ignored here, reported) */
	if (its_v41(&its->cfg) && its->cfg.nid && db != ITS_NO_DOORBELL) {
		vfinding(
			its, c, true, "GITS_TYPER.nID",
			"individual doorbell with nID = 1 is not honoured (stored as 1023)");
		db = ITS_NO_DOORBELL;
	}
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
	if (set_db && its_v41(&its->cfg) && its->cfg.nid &&
	    db != ITS_NO_DOORBELL) {
		/* as VMAPTI's (§3.4) */
		vfinding(
			its, c, true, "GITS_TYPER.nID",
			"individual doorbell with nID = 1 is not honoured (stored as 1023)");
		db = ITS_NO_DOORBELL;
	}
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

/* GICv4.1 VMOVP (spec/gicv41.md §3.3): DB = DW2[63] says DW3[31:0] is a
 * new default doorbell, 1023 or an LPI. */
static bool vmovp41_db_ok(struct gicits_its *its, const struct its_cmd *c)
{
	return !gicits_cmd_get(&c->pkt, GICITS_CMD_F_VMOVP_DB) ||
	       doorbell_ok(its,
			   (uint32_t)gicits_cmd_get(
				   &c->pkt, GICITS_CMD_F_VMOVP_DEFAULT_DB));
}

/* ... and its effect: the entry's default doorbell (DB = 0 keeps it) and
 * the GIC's record (the new RD's doorbell from now on, §13 row 16). */
static int vmovp41(struct gicits_its *its, const struct its_cmd *c,
		   uint64_t addr, unsigned cpu)
{
	bool set = gicits_cmd_get(&c->pkt, GICITS_CMD_F_VMOVP_DB);
	uint32_t db = (uint32_t)gicits_cmd_get(&c->pkt,
					       GICITS_CMD_F_VMOVP_DEFAULT_DB);
	uint8_t b[8];

	if (set) {
		if (gicits_mem_read(its->mem, addr + 8, b, 8))
			return GICITS_EFAULT;
		if (vpte41_write(its, addr,
				 bits_get(le64_read(b), VPTE41_VCONF) << 16,
				 db))
			return GICITS_EFAULT;
	}
	gic_v41_vpe_move(its->gic, cmd_vpeid(c), cpu, set, db);
	return GICITS_OK;
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
	if (its_v41(&its->cfg) && !vmovp41_db_ok(its, c))
		return its_cmd_fail(
			c, GICITS_E_ITS_VMOVP_PHYSICALID_OOR,
			"default doorbell is neither 1023 nor an LPI");
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
	if (its_v41(&its->cfg) && vmovp41(its, c, addr, cpu))
		return fault(c, "vPE table write faulted");
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
	inflight_drain();
	/* GICv4.1: VSYNC naming a vPE that is not mapped may raise an SError
	 * (spec/gicv41.md §3.2, §3.8 item 2; §13 row 13: Linux never sends
	 * VSYNC after a 4.1 unmap): flagged, not an error */
	if (its_v41(&its->cfg) && !gic_v41_vpe_mapped(its->gic, cmd_vpeid(c)))
		vfinding(
			its, c, false, "VSYNC",
			"VSYNC of a vPE that is not mapped (may raise an SError on GICv4.1)");
	return CMD_OK;
}

/* INVDB (GICv4.1, spec/gicv41.md §3.5): the redistributors drop what they
 * cached of the vPE's default doorbell and re-evaluate it.  Errors
 * (model-specific, §3.9): vPEID beyond the vPE table, vPE not mapped
 * (UNCONFIRMED, §12 item 8). */
static enum cmd_result do_invdb(struct gicits_its *its, struct its_cmd *c)
{
	struct vpte v;
	enum lookup l = vpe_for_cmd(its, cmd_vpeid(c), &v, NULL);

	if (l == LOOKUP_FAULT)
		return fault(c, "vPE table read faulted");
	if (l != LOOKUP_OK)
		return its_cmd_fail(c, GICITS_E_ITS_INVDB_VPEID_OOR,
				    "vPEID beyond the vPE table");
	if (!v.valid)
		return its_cmd_fail(c, GICITS_E_ITS_INVDB_UNMAPPED_VPE,
				    "vPE not mapped");
	gic_v41_invdb(its->gic, cmd_vpeid(c));
	return CMD_OK;
}

/* VSGI (GICv4.1, spec/gicv41.md §3.6): Clear = 1 clears vSGI vINTID's
 * pending state, else sets {Enable, Group, Priority[7:4]}.  A vPEID
 * beyond the vPE table is an error (model-specific); a vPE not mapped on
 * this ITS: no effect (§3.6, §13 row 22). */
static enum cmd_result do_vsgi(struct gicits_its *its, struct its_cmd *c)
{
	struct vpte v;
	enum lookup l = vpe_for_cmd(its, cmd_vpeid(c), &v, NULL);

	if (l == LOOKUP_FAULT)
		return fault(c, "vPE table read faulted");
	if (l != LOOKUP_OK)
		return its_cmd_fail(c, GICITS_E_ITS_VSGI_VPEID_OOR,
				    "vPEID beyond the vPE table");
	if (!v.valid)
		return CMD_OK;
	gic_v41_vsgi(
		its->gic, cmd_vpeid(c),
		(unsigned)gicits_cmd_get(&c->pkt, GICITS_CMD_F_VSGI_VINTID),
		gicits_cmd_get(&c->pkt, GICITS_CMD_F_VSGI_CLEAR),
		gicits_cmd_get(&c->pkt, GICITS_CMD_F_VSGI_ENABLE),
		gicits_cmd_get(&c->pkt, GICITS_CMD_F_VSGI_GROUP),
		(uint8_t)(gicits_cmd_get(&c->pkt, GICITS_CMD_F_VSGI_PRIORITY)
			  << 4));
	return CMD_OK;
}

/* GITS_SGIR (spec/gicv41.md §4): through this ITS's vPE table entry; a
 * vPE not mapped here, or a vPEID beyond the table, is ignored (§12 item
 * 9) with a trace.  Under the ITS lock, as commands. */
void its_sgir_write(struct gicits_its *its, uint64_t val)
{
	uint32_t vpeid = (uint32_t)(val >> 32 & 0xffff);
	struct vpte v;
	enum lookup l;

	mtx_lock(&its->lock);
	l = vpe_for_cmd(its, vpeid, &v, NULL);
	if (l == LOOKUP_OK && v.valid && !(val & 0xFFFF0000FFFFFFF0ULL))
		gic_v41_vsgi_set(its->gic, vpeid, (unsigned)(val & 0xf));
	else
		its_finding(
			its, 0, 0, "GITS_SGIR",
			"GITS_SGIR write for a vPE not mapped on this ITS, or with RES0 bits set: ignored");
	mtx_unlock(&its->lock);
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
	case GICITS_CMD_INVDB:
		return do_invdb(its, c);
	case GICITS_CMD_VSGI:
		return do_vsgi(its, c);
	default:
		/* its_cmd_is_v4() lets no other number through */
		return its_cmd_fail(c, GICITS_E_ITS_UNKNOWN_COMMAND,
				    "unknown command number");
	}
}
