/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The twelve GICv3 commands (IHI 0069H.b §5.3 "ITS commands"; field
 * layouts in each command's figure there).  Fields are decoded with the public
 * definitions of <gicits/cmd.h> (GICITS_CMD_F_*), the ones the encoders
 * use.
 *
 * Every handler returns CMD_OK, CMD_ERROR (an architected command error,
 * E_ITS_* code recorded) or CMD_FAULT (a memory transaction on a table
 * failed); cmdq.c applies the error policy.  A handler that returns
 * CMD_ERROR or CMD_FAULT has changed nothing, except where its comment says
 * so (INVALL in the HPP model).
 *
 * Layer 3 (its_internal.h): calls translate.c, table.c, index.c, its.c and
 * the redistributors or the external sink (its_sink.h).  DISCARD, MOVI
 * and MOVALL drain before they call either, so neither sees an MSI of the
 * old mapping after the clear or the move (I10).
 *
 * GICv4.0: INT, CLEAR, DISCARD and INV also act on virtual ITEs (the vLPI
 * in its vPE's virtual pending table, its_vlpi_set()); MOVI refuses them.
 * The V* commands themselves are vcmd.c's.
 */
#include "its_internal.h"
#include "common/inflight.h"

#include <string.h>

#include "gicits/error.h"
#include "its_sink.h"

static enum cmd_result fail(struct its_cmd *c, uint32_t code, const char *why)
{
	c->error = code;
	c->why = why;
	return CMD_ERROR;
}

static enum cmd_result fault(struct its_cmd *c, const char *why)
{
	c->error = GICITS_E_ITS_MEMORY_FAULT;
	c->why = why;
	return CMD_FAULT;
}

static uint32_t cmd_devid(const struct its_cmd *c)
{
	return (uint32_t)gicits_cmd_get(&c->pkt, GICITS_CMD_F_DEVICEID);
}

static uint32_t cmd_event(const struct its_cmd *c)
{
	return (uint32_t)gicits_cmd_get(&c->pkt, GICITS_CMD_F_EVENTID);
}

static uint32_t cmd_icid(const struct its_cmd *c)
{
	return (uint32_t)gicits_cmd_get(&c->pkt, GICITS_CMD_F_ICID);
}

/* Error codes for the shared event lookup, by command: indexed by the
 * class DEVICE_OOR, UNMAPPED_DEVICE, ID_OOR, UNMAPPED_INTERRUPT, and the
 * code for a collection that is out of range, unmapped or names no
 * redistributor.  IHI 0069H.b §5.3: INT, CLEAR, DISCARD and INV report that
 * as their UNMAPPED_INTERRUPT (they have no UNMAPPED_COLLECTION code); MOVI
 * as E_ITS_MOVI_UNMAPPED_COLLECTION. */
struct lookup_errors {
	uint32_t device_oor, unmapped_device, id_oor, unmapped_interrupt,
		unmapped_collection;
};

static const struct lookup_errors err_int = {
	GICITS_E_ITS_INT_DEVICE_OOR, GICITS_E_ITS_INT_UNMAPPED_DEVICE,
	GICITS_E_ITS_INT_ID_OOR, GICITS_E_ITS_INT_UNMAPPED_INTERRUPT,
	GICITS_E_ITS_INT_UNMAPPED_INTERRUPT
};
static const struct lookup_errors err_clear = {
	GICITS_E_ITS_CLEAR_DEVICE_OOR, GICITS_E_ITS_CLEAR_UNMAPPED_DEVICE,
	GICITS_E_ITS_CLEAR_ID_OOR, GICITS_E_ITS_CLEAR_UNMAPPED_INTERRUPT,
	GICITS_E_ITS_CLEAR_UNMAPPED_INTERRUPT
};
static const struct lookup_errors err_discard = {
	GICITS_E_ITS_DISCARD_DEVICE_OOR, GICITS_E_ITS_DISCARD_UNMAPPED_DEVICE,
	GICITS_E_ITS_DISCARD_ID_OOR, GICITS_E_ITS_DISCARD_UNMAPPED_INTERRUPT,
	GICITS_E_ITS_DISCARD_UNMAPPED_INTERRUPT
};
static const struct lookup_errors err_inv = {
	GICITS_E_ITS_INV_DEVICE_OOR, GICITS_E_ITS_INV_UNMAPPED_DEVICE,
	GICITS_E_ITS_INV_ID_OOR, GICITS_E_ITS_INV_UNMAPPED_INTERRUPT,
	GICITS_E_ITS_INV_UNMAPPED_INTERRUPT
};
static const struct lookup_errors err_movi = {
	GICITS_E_ITS_MOVI_DEVICE_OOR, GICITS_E_ITS_MOVI_UNMAPPED_DEVICE,
	GICITS_E_ITS_MOVI_ID_OOR, GICITS_E_ITS_MOVI_UNMAPPED_INTERRUPT,
	GICITS_E_ITS_MOVI_UNMAPPED_COLLECTION
};

/* Translate the command's (DeviceID, EventID) to an ITE and target. */
static enum cmd_result lookup_event(struct gicits_its *its, struct its_cmd *c,
				    const struct lookup_errors *e,
				    bool need_collection, struct xlate *x)
{
	its_translate(its, cmd_devid(c), cmd_event(c), need_collection, x);
	switch (x->drop) {
	case GICITS_DROP_NONE:
		return CMD_OK;
	case GICITS_DROP_DEVICE_OOR:
		return fail(c, e->device_oor, "DeviceID out of range");
	case GICITS_DROP_DEVICE_UNMAPPED:
		return fail(c, e->unmapped_device,
			    "device not mapped (no valid DTE)");
	case GICITS_DROP_EVENT_OOR:
		return fail(c, e->id_oor, "EventID >= 2^(DTE.Size+1)");
	case GICITS_DROP_EVENT_UNMAPPED:
		return fail(c, e->unmapped_interrupt,
			    "event not mapped (no valid ITE)");
	case GICITS_DROP_MEMORY_FAULT:
		return fault(c, "table walk faulted");
	/* A virtual ITE whose vPE is not mapped, or whose vINTID is beyond
	 * the vPE's VPT_size: the event cannot be translated (QEMU 7.2
	 * drops such a command; spec/its.md §2.4). */
	case GICITS_DROP_VPE_UNMAPPED:
		return fail(c, e->unmapped_interrupt, "vPE not mapped (VMAPP)");
	case GICITS_DROP_INTID_OOR:
		return fail(c, e->unmapped_interrupt,
			    "vINTID beyond the vPE's VPT_size");
	default:
		return fail(
			c, e->unmapped_collection,
			"collection not mapped (ICID out of range, CTE invalid or RDbase unknown)");
	}
}

/* IHI 0069 MAPD: DeviceID out of range -> E_ITS_MAPD_DEVICE_OOR;
 * Size > ID_bits -> E_ITS_MAPD_ITTSIZE_OOR.  Size is checked with V = 0 too
 * (QEMU's choice), so such an unmap is ignored. */
static enum cmd_result do_mapd(struct gicits_its *its, struct its_cmd *c)
{
	uint32_t devid = cmd_devid(c);
	struct dte d;
	uint64_t addr;
	enum lookup l;

	d.valid = gicits_cmd_get(&c->pkt, GICITS_CMD_F_VALID);
	d.size = (uint8_t)gicits_cmd_get(&c->pkt, GICITS_CMD_F_SIZE);
	d.itt = gicits_cmd_get(&c->pkt, GICITS_CMD_F_ITT_ADDR) << 8;
	if (its->cfg.devbits < 32 && devid >> its->cfg.devbits)
		return fail(c, GICITS_E_ITS_MAPD_DEVICE_OOR,
			    "DeviceID >= 2^Devbits");
	l = table_entry_addr(its, &its->dt, devid, &addr);
	if (l == LOOKUP_FAULT)
		return fault(c, "level-1 device table read faulted");
	/* An invalid level-1 descriptor: the architecture allows
	 * E_ITS_MAPD_DEVICE_OOR (QEMU drops the MAPD silently). */
	if (l != LOOKUP_OK)
		return fail(c, GICITS_E_ITS_MAPD_DEVICE_OOR,
			    l == LOOKUP_NO_L2 ?
				    "level-1 device table entry invalid" :
				    "DeviceID beyond the device table");
	if (d.size + 1u > its->cfg.idbits)
		return fail(c, GICITS_E_ITS_MAPD_ITTSIZE_OOR,
			    "Size + 1 > GITS_TYPER.ID_bits + 1");
	if (!d.valid) {
		d.size = 0;
		d.itt = 0;
	}
	if (dte_write(its, addr, &d))
		return fault(c, "device table write faulted");
	/* MAPD (either V) invalidates everything cached for the device. */
	(void)index_set_dte(&its->index, devid, &d);
	/* V = 0: an ordering point (docs/concurrency.md I10) */
	if (!d.valid)
		inflight_drain();
	return CMD_OK;
}

/* IHI 0069 MAPC: ICID out of range -> E_ITS_MAPC_COLLECTION_OOR; V = 1 and
 * RDbase names no redistributor -> E_ITS_MAPC_PROCNUM_OOR.  Re-targeting a
 * collection does not move pending LPIs (that is MOVALL's job). */
static enum cmd_result do_mapc(struct gicits_its *its, struct its_cmd *c)
{
	uint32_t icid = cmd_icid(c);
	struct cte cte;
	unsigned cpu =
		0; /* read only when cte.valid; set for -Wmaybe-uninitialized under LTO */
	uint64_t addr;
	enum lookup l;

	cte.valid = gicits_cmd_get(&c->pkt, GICITS_CMD_F_VALID);
	/* RDbase is [50:16] (Arm's example driver); Linux writes [51:16]
	 * with bit 51 zero, so both agree (<gicits/cmd.h>). */
	cte.rdbase = gicits_cmd_get(&c->pkt, GICITS_CMD_F_RDBASE);
	/* Knob mapc_rdbase16 (QEMU 7.2, set by gicits replay): only the low
	 * 16 bits are a processor number.  Default: the field as MOVALL and
	 * SYNC decode it, so bits above a processor number are
	 * E_ITS_MAPC_PROCNUM_OOR. */
	if (its->cfg.mapc_rdbase16 && !its->cfg.pta)
		cte.rdbase &= 0xffff;
	if (!its_icid_in_range(its, icid))
		return fail(c, GICITS_E_ITS_MAPC_COLLECTION_OOR,
			    "ICID >= 2^CIDbits");
	if (cte.valid &&
	    !its_rdbase_to_cpu(its, cte.rdbase, its->cfg.pta, &cpu))
		return fail(c, GICITS_E_ITS_MAPC_PROCNUM_OOR,
			    "RDbase names no redistributor");
	if (!cte.valid)
		cte.rdbase = 0;
	if (icid < its->cfg.hcc) {
		its_hcc_set(its, icid, &cte);
		/* also in the index, for the MSI fast path */
		(void)index_set_cte(&its->index, icid, &cte,
				    cte.valid ? (int)cpu : -1);
		if (!cte.valid)
			inflight_drain(); /* V = 0: I10 */
		return CMD_OK;
	}
	l = table_entry_addr(its, &its->ct, icid, &addr);
	if (l == LOOKUP_FAULT)
		return fault(c, "level-1 collection table read faulted");
	if (l != LOOKUP_OK)
		return fail(c, GICITS_E_ITS_MAPC_COLLECTION_OOR,
			    "ICID beyond the collection table");
	if (cte_write(its, addr, icid, &cte))
		return fault(c, "collection table write faulted");
	(void)index_set_cte(&its->index, icid, &cte, cte.valid ? (int)cpu : -1);
	if (!cte.valid)
		inflight_drain(); /* V = 0: I10 */
	return CMD_OK;
}

/* IHI 0069 MAPTI/MAPI: DTE lookup, EventID range, pINTID must be an LPI
 * within GICD_TYPER.IDbits (E_ITS_MAPTI_PHYSICALID_OOR), ICID in range.
 * The collection need not be mapped.  Mapping an event that already has a
 * valid ITE is UNPREDICTABLE; gicits overwrites it (as QEMU), and an LPI
 * pending under the old INTID stays pending. */
static enum cmd_result do_mapti(struct gicits_its *its, struct its_cmd *c,
				bool mapi)
{
	uint32_t devid = cmd_devid(c), event = cmd_event(c);
	uint32_t intid =
		mapi ? event :
		       (uint32_t)gicits_cmd_get(&c->pkt, GICITS_CMD_F_PINTID);
	uint32_t icid = cmd_icid(c);
	unsigned ibits = its->intid_bits;
	struct xlate x;
	struct ite e;

	its_translate(its, devid, event, false, &x);
	switch (x.drop) {
	case GICITS_DROP_DEVICE_OOR:
		return fail(c,
			    mapi ? GICITS_E_ITS_MAPI_DEVICE_OOR :
				   GICITS_E_ITS_MAPTI_DEVICE_OOR,
			    "DeviceID out of range");
	case GICITS_DROP_DEVICE_UNMAPPED:
		return fail(c,
			    mapi ? GICITS_E_ITS_MAPI_UNMAPPED_DEVICE :
				   GICITS_E_ITS_MAPTI_UNMAPPED_DEVICE,
			    "device not mapped (no valid DTE)");
	case GICITS_DROP_EVENT_OOR:
		return fail(c,
			    mapi ? GICITS_E_ITS_MAPI_ID_OOR :
				   GICITS_E_ITS_MAPTI_ID_OOR,
			    "EventID >= 2^(DTE.Size+1)");
	case GICITS_DROP_MEMORY_FAULT:
		if (!x.dte.valid)
			return fault(c, "device table read faulted");
		break; /* the old ITE could not be read: we overwrite it */
	default:
		break;
	}
	if (intid < GICITS_LPI_BASE || (ibits < 32 && intid >> ibits))
		return fail(c,
			    mapi ? GICITS_E_ITS_MAPI_PHYSICALID_OOR :
				   GICITS_E_ITS_MAPTI_PHYSICALID_OOR,
			    "pINTID is not an implemented LPI");
	if (!its_icid_in_range(its, icid))
		return fail(c,
			    mapi ? GICITS_E_ITS_MAPI_COLLECTION_OOR :
				   GICITS_E_ITS_MAPTI_COLLECTION_OOR,
			    "ICID >= 2^CIDbits");
	e.valid = true;
	e.virt = false;
	e.db = 0;
	e.intid = intid;
	e.icid = (uint16_t)icid;
	if (ite_write(its, &x.dte, event, &e))
		return fault(c, "ITT write faulted");
	(void)index_set_ite(&its->index, devid, event, &e);
	return CMD_OK;
}

static enum cmd_result do_int(struct gicits_its *its, struct its_cmd *c)
{
	struct xlate x;
	enum cmd_result r = lookup_event(its, c, &err_int, true, &x);
	struct inflight f;
	enum gicits_drop d;

	if (r != CMD_OK)
		return r;
	/* a lock-free setter too: EnableLPIs 1 -> 0 drains it (R11) */
	f = inflight_enter();
	if (x.ite.virt) {
		/* GICv4.0: INT on a virtual ITE makes the vLPI pending
		 * (spec/gicv41.md §3.7) */
		d = its_vlpi_set(its, &x);
		inflight_leave(f);
		return d == GICITS_DROP_NONE ? CMD_OK :
					       fault(c, "VPT write faulted");
	}
	d = its_lpi_set(its, x.cpu, x.ite.intid);
	inflight_leave(f);
	if (d != GICITS_DROP_NONE) {
		/* The target RD has EnableLPIs == 0 or cannot hold the INTID:
		 * the interrupt is ignored (GIC-600 reports an IMPLEMENTATION
		 * DEFINED INT_LPI_OFF; gicits traces it). */
		struct gicits_trace_record t;

		memset(&t, 0, sizeof(t));
		t.kind = GICITS_TRACE_DROP;
		t.cmd = GICITS_CMD_INT;
		t.offset = c->offset;
		t.device_id = cmd_devid(c);
		t.event_id = cmd_event(c);
		t.intid = x.ite.intid;
		t.icid = x.ite.icid;
		t.cpu = x.cpu;
		t.drop = d;
		t.rule = "GICR_CTLR.EnableLPIs";
		t.message = "INT target redistributor does not accept the LPI";
		its_trace(its, &t);
	}
	return CMD_OK;
}

static enum cmd_result do_clear(struct gicits_its *its, struct its_cmd *c)
{
	struct xlate x;
	enum cmd_result r = lookup_event(its, c, &err_clear, true, &x);

	if (r != CMD_OK)
		return r;
	if (!x.ite.virt)
		its_lpi_clear(its, x.cpu, x.ite.intid);
	else if (its_vlpi_clear(its, &x, NULL))
		/* GICv4.0: the resident set or the VPT */
		return fault(c, "VPT write faulted");
	return CMD_OK;
}

/* DISCARD: clear the pending state at the target (a virtual ITE's: the
 * vLPI's bit in its vPE's VPT), then invalidate the ITE.
 * With the collection unmapped the translation fails first and nothing
 * changes (E_ITS_DISCARD_UNMAPPED_INTERRUPT; QEMU does the same). */
static enum cmd_result do_discard(struct gicits_its *its, struct its_cmd *c)
{
	struct xlate x;
	enum cmd_result r = lookup_event(its, c, &err_discard, true, &x);
	struct ite e;

	if (r != CMD_OK)
		return r;
	memset(&e, 0, sizeof(e));
	if (ite_write(its, &x.dte, cmd_event(c), &e))
		return fault(c, "ITT write faulted");
	/* index first: an MSI starting now no longer finds the event; then
	 * wait for those translated before (docs/concurrency.md I10), so
	 * that the clear also removes what they made pending */
	(void)index_set_ite(&its->index, cmd_devid(c), cmd_event(c), &e);
	inflight_drain();
	if (!x.ite.virt)
		its_lpi_clear(its, x.cpu, x.ite.intid);
	else if (its_vlpi_clear(its, &x, NULL))
		/* the ITE is already invalid: reported, not undone */
		return fault(c, "VPT write faulted");
	return CMD_OK;
}

static enum cmd_result do_inv(struct gicits_its *its, struct its_cmd *c)
{
	struct xlate x;
	enum cmd_result r = lookup_event(its, c, &err_inv, true, &x);

	/* GICv4.0, a virtual ITE: vLPI configuration is cached only for a
	 * vPE resident on its mapped redistributor (its_vlpi_inv()). */
	if (r == CMD_OK && !x.ite.virt)
		its_lpi_inv(its, x.cpu, x.ite.intid);
	else if (r == CMD_OK)
		its_vlpi_inv(its, &x, false);
	return r;
}

/* MOVI: the new ICID must be in range and mapped, and so must the old one
 * (the pending state has to be found); the pending state moves. */
static enum cmd_result do_movi(struct gicits_its *its, struct its_cmd *c)
{
	uint32_t icid = cmd_icid(c);
	struct xlate x;
	struct cte nc;
	struct ite e;
	unsigned ncpu;
	enum cmd_result r;
	enum lookup l;

	if (!its_icid_in_range(its, icid))
		return fail(c, GICITS_E_ITS_MOVI_COLLECTION_OOR,
			    "ICID >= 2^CIDbits");
	r = lookup_event(its, c, &err_movi, true, &x);
	if (r != CMD_OK)
		return r;
	/* MOVI on a virtual ITE: it maps no physical LPI (VMOVI moves it;
	 * QEMU 7.2 ignores such a MOVI, spec/its.md §2.4) */
	if (x.ite.virt)
		return fail(c, GICITS_E_ITS_MOVI_UNMAPPED_INTERRUPT,
			    "MOVI on a virtual ITE");
	l = its_collection(its, icid, &nc, its->cfg.cache != GICITS_CACHE_OFF);
	if (l == LOOKUP_FAULT)
		return fault(c, "collection table read faulted");
	if (l != LOOKUP_OK || !nc.valid ||
	    !its_rdbase_to_cpu(its, nc.rdbase, its->cfg.pta, &ncpu))
		return fail(c, GICITS_E_ITS_MOVI_UNMAPPED_COLLECTION,
			    "new collection not mapped");
	e = x.ite;
	e.icid = (uint16_t)icid;
	if (ite_write(its, &x.dte, cmd_event(c), &e))
		return fault(c, "ITT write faulted");
	(void)index_set_ite(&its->index, cmd_devid(c), cmd_event(c), &e);
	/* MSIs translated before now reach the old target first: the move
	 * takes what they made pending along (I10) */
	inflight_drain();
	its_lpi_move(its, x.cpu, ncpu, x.ite.intid);
	return CMD_OK;
}

/* INVALL (IHI 0069H.b 5.3.10): an ICID beyond CIDbits or an unmapped
 * collection is a command error.  The configuration cache of the
 * collection's redistributor is reloaded (its LPIs are all there); after
 * an error nothing is, except in the HPP model, which keeps QEMU 7.2's
 * choice of reloading every redistributor for any INVALL (the cache may be
 * refreshed at any time). */
static enum cmd_result invall_check(struct gicits_its *its, struct its_cmd *c,
				    int *cpu)
{
	uint32_t icid = cmd_icid(c);
	struct cte cte;
	enum lookup l;
	unsigned n;

	if (!its_icid_in_range(its, icid))
		return fail(c, GICITS_E_ITS_INVALL_COLLECTION_OOR,
			    "ICID >= 2^CIDbits");
	l = its_collection(its, icid, &cte, its->cfg.cache != GICITS_CACHE_OFF);
	if (l == LOOKUP_FAULT)
		return fault(c, "collection table read faulted");
	if (l != LOOKUP_OK || !cte.valid)
		return fail(c, GICITS_E_ITS_INVALL_UNMAPPED_COLLECTION,
			    "collection not mapped");
	if (its_rdbase_to_cpu(its, cte.rdbase, its->cfg.pta, &n))
		*cpu = (int)n;
	return CMD_OK;
}

static enum cmd_result do_invall(struct gicits_its *its, struct its_cmd *c)
{
	int cpu = -1;
	enum cmd_result r = invall_check(its, c, &cpu);

	its_lpi_inv_all(its, cpu);
	return r;
}

static enum cmd_result do_movall(struct gicits_its *its, struct its_cmd *c)
{
	unsigned from, to;

	if (!its_rdbase_to_cpu(its,
			       gicits_cmd_get(&c->pkt, GICITS_CMD_F_RDBASE),
			       its->cfg.pta, &from) ||
	    !its_rdbase_to_cpu(its,
			       gicits_cmd_get(&c->pkt, GICITS_CMD_F_RDBASE2),
			       its->cfg.pta, &to))
		return fail(c, GICITS_E_ITS_MOVALL_PROCNUM_OOR,
			    "RDbase1 or RDbase2 names no redistributor");
	inflight_drain(); /* what is in flight to @from moves too (I10) */
	its_lpi_movall(its, from, to);
	return CMD_OK;
}

/* SYNC: gicits executes commands synchronously, so every command's effect is
 * already visible; SYNC waits for the MSIs translated before it
 * (docs/concurrency.md I10).  An RDbase naming no redistributor has no
 * architected error (IHI 0069H.b §5.3): the SYNC is accepted (as QEMU does)
 * and, in strict mode, reported as a finding carrying
 * GICITS_E_ITS_SYNC_PROCNUM_OOR. */
static enum cmd_result do_sync(struct gicits_its *its, struct its_cmd *c)
{
	struct gicits_trace_record t;
	unsigned cpu;

	inflight_drain();
	if (!its->cfg.strict ||
	    its_rdbase_to_cpu(its, gicits_cmd_get(&c->pkt, GICITS_CMD_F_RDBASE),
			      its->cfg.pta, &cpu))
		return CMD_OK;
	atomic_fetch_add_explicit(&its->findings, 1, memory_order_relaxed);
	memset(&t, 0, sizeof(t));
	t.kind = GICITS_TRACE_FINDING;
	t.cmd = GICITS_CMD_SYNC;
	t.offset = c->offset;
	t.cpu = -1;
	t.error = GICITS_E_ITS_SYNC_PROCNUM_OOR;
	t.value = gicits_cmd_get(&c->pkt, GICITS_CMD_F_RDBASE);
	t.rule = "SYNC";
	t.message = "SYNC RDbase names no redistributor (accepted as a no-op)";
	its_trace(its, &t);
	return CMD_OK;
}

enum cmd_result its_cmd_execute(struct gicits_its *its, struct its_cmd *c)
{
	switch (c->op) {
	case GICITS_CMD_MAPD:
		return do_mapd(its, c);
	case GICITS_CMD_MAPC:
		return do_mapc(its, c);
	case GICITS_CMD_MAPTI:
		return do_mapti(its, c, false);
	case GICITS_CMD_MAPI:
		return do_mapti(its, c, true);
	case GICITS_CMD_INT:
		return do_int(its, c);
	case GICITS_CMD_CLEAR:
		return do_clear(its, c);
	case GICITS_CMD_DISCARD:
		return do_discard(its, c);
	case GICITS_CMD_INV:
		return do_inv(its, c);
	case GICITS_CMD_INVALL:
		return do_invall(its, c);
	case GICITS_CMD_MOVI:
		return do_movi(its, c);
	case GICITS_CMD_MOVALL:
		return do_movall(its, c);
	case GICITS_CMD_SYNC:
		return do_sync(its, c);
	default:
		/* Unknown command numbers (including GICv4 commands on a
		 * GICv3 ITS): no architected error code; gicits treats them
		 * as a command error under the error policy (QEMU skips). */
		return fail(c, GICITS_E_ITS_UNKNOWN_COMMAND,
			    "unknown command number");
	}
}
