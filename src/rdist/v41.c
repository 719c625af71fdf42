/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * GICv4.1 in the redistributors (spec/gicv41.md; register layouts in
 * <gicits/rdist.h>): the 4.1 VLPI_base frame (GICR_VPROPBASER describing
 * the vPE configuration table shared with the ITS, GICR_VPENDBASER holding
 * a vPEID, GICR_VSGIR/GICR_VSGIPENDR), the residency protocol of §7.1/7.2,
 * default doorbells (§8.2), vSGIs (§4, §9) and GICR_INVLPIR/INVALLR with
 * V = 1 (§5.4).
 *
 * Where state lives.  vLPIs as in GICv4.0 (vlpi.c): the resident vPE's in
 * the virtual side's pending set, the others in their VPT, which the ITS
 * writes.  The rest is the GIC's own per-vPE state (IHI 0069 leaves where
 * vSGI state lives IMPLEMENTATION DEFINED, §12 item 9), a struct v41_vpe
 * per vPEID under gic->v41_lock: what VMAPP/VMOVP said (RD, default
 * doorbell, VPT, VCONF), whether the default doorbell is armed, the group
 * enables of the last deschedule, the vSGIs' configuration and pending
 * bits, and where the vPE is resident.
 *
 * Doorbell rule (§8.2, the digest's best reconstruction): armed by a
 * deschedule with Doorbell = 1 and PendingLast computed 0 (and by VMAPP
 * Alloc = 1: a fresh vPE, as Arm's FVP shows); rung, once, when a vLPI
 * enabled in VCONF or a vSGI enabled by VSGI, of a group enabled in the
 * VGrpNEn written at that deschedule, becomes pending -- or is found
 * pending by an invalidation (INVDB, GICR_INVLPIR/INVALLR, VSGI) -- while
 * the vPE is not resident; as an ordinary physical LPI on the vPE's mapped
 * redistributor, so it obeys that LPI's own configuration and is discarded
 * with EnableLPIs = 0 (§5.5).  No priority threshold (§8.2 rule 6).
 *
 * Races (docs/concurrency.md R12 and I10): a schedule marks the record
 * resident before it publishes the residency key and drains, so an MSI
 * that wrote the VPT meanwhile rings nothing; a deschedule marks it not
 * resident first, so an eligible vLPI written to the VPT before the
 * doorbell is armed is counted in PendingLast (V41_LATE) rather than lost.
 */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>

#include "common/bits.h"
#include "common/inflight.h"
#include "gicits/error.h"
#include "rdist/pending.h"
#include "rdist/prio.h"
#include "rdist/rdist_fields.h"
#include "rdist/rdist_priv.h"
#include "rdist/vlpi.h"

#define NO_DB 1023u
#define PAGE_VPES 256u

/* struct v41_vpe.flags */
#define V41_MAPPED 0x01u
#define V41_ARMED 0x02u /* the default doorbell is owed to the next one */
#define V41_PTZ 0x04u /* VMAPP PTZ = 1 and the VPT not parsed since */
#define V41_VPT_WRITTEN 0x08u /* a vLPI was written to the VPT since */
#define V41_LATE 0x10u /* an eligible one arrived while descheduling */

/* vSGI configuration byte: [0] Enable, [1] Group, [7:4] priority */
#define SGI_EN 0x01u
#define SGI_G1 0x02u

struct v41_vpe {
	uint64_t vpt, vconf;
	uint32_t db;
	uint16_t cpu; /* the mapped redistributor */
	uint16_t resident; /* redistributor + 1 where resident, or 0 */
	uint8_t vpt_size;
	uint8_t flags;
	uint8_t grpen; /* [0] VGrp0En, [1] VGrp1En of the last deschedule */
	uint16_t sgi_pend;
	uint8_t sgi_cfg[16];
};

int v41_init(struct gicits_gic *gic)
{
	if (!gic_is_v41(gic))
		return GICITS_OK;
	gic->v41_npages =
		(unsigned)((1u << gic->cfg.vpeid_bits) + PAGE_VPES - 1) /
		PAGE_VPES;
	gic->v41_pages = calloc(gic->v41_npages, sizeof(*gic->v41_pages));
	if (!gic->v41_pages)
		return GICITS_ENOMEM;
	if (mtx_init(&gic->v41_lock, mtx_plain) != thrd_success) {
		free(gic->v41_pages);
		gic->v41_pages = NULL;
		return GICITS_ENOMEM;
	}
	return GICITS_OK;
}

void v41_fini(struct gicits_gic *gic)
{
	unsigned i;

	if (!gic->v41_pages)
		return;
	for (i = 0; i < gic->v41_npages; i++)
		free(gic->v41_pages[i]);
	free(gic->v41_pages);
	mtx_destroy(&gic->v41_lock);
}

/* The record of @vpeid (v41_lock held); NULL beyond vpeid_bits, or when
 * its page does not exist and @alloc is false or fails. */
static struct v41_vpe *rec(struct gicits_gic *gic, uint32_t vpeid, bool alloc)
{
	struct v41_vpe **p;

	if (vpeid >> gic->cfg.vpeid_bits)
		return NULL;
	p = &gic->v41_pages[vpeid / PAGE_VPES];
	if (!*p && alloc)
		*p = calloc(PAGE_VPES, sizeof(**p));
	return *p ? &(*p)[vpeid % PAGE_VPES] : NULL;
}

static struct v41_vpe *mapped(struct gicits_gic *gic, uint32_t vpeid)
{
	struct v41_vpe *r = rec(gic, vpeid, false);

	return r && (r->flags & V41_MAPPED) ? r : NULL;
}

static void finding(struct gicits_gic *gic, unsigned cpu, uint32_t offset,
		    uint64_t val, const char *rule, const char *msg)
{
	atomic_fetch_add_explicit(&gic->findings, 1, memory_order_relaxed);
	rdist_trace(gic, GICITS_TRACE_FINDING, cpu, 0, offset, val, rule, msg);
}

/* ---- doorbells (§8.2) ------------------------------------------------ */

/* Whether VCONF enables @vintid (bit 0 of its byte); a fault reads as
 * disabled, as lpi_config(). */
static bool vlpi_enabled(struct gicits_gic *gic, const struct v41_vpe *r,
			 uint32_t vintid)
{
	uint8_t b;

	if (vintid < GICITS_LPI_BASE ||
	    gicits_mem_read(gic->mem, r->vconf + (vintid - GICITS_LPI_BASE), &b,
			    1))
		return false;
	return lpi_cfg_enabled(b);
}

/* Whether vSGI @sgi would count for PendingLast and the doorbell with
 * group enables @grpen: pending, enabled, its group enabled. */
static bool sgi_eligible(const struct v41_vpe *r, unsigned sgi, uint8_t grpen)
{
	uint8_t cfg = r->sgi_cfg[sgi];

	return (r->sgi_pend >> sgi & 1) && (cfg & SGI_EN) &&
	       (grpen >> ((cfg & SGI_G1) ? 1 : 0) & 1);
}

static bool any_sgi_eligible(const struct v41_vpe *r, uint8_t grpen)
{
	for (unsigned i = 0; i < 16; i++)
		if (sgi_eligible(r, i, grpen))
			return true;
	return false;
}

/* The default doorbell of @r, v41_lock held: one-shot (§8.2 rule 5), a
 * physical LPI on the mapped redistributor, subject to its EnableLPIs
 * (§5.5: discarded, not latched) and, once pending, to its own
 * configuration byte like any LPI (§8.1). */
static void ring(struct gicits_gic *gic, struct v41_vpe *r, bool announced)
{
	struct inflight f;
	enum gicits_drop d;

	r->flags &= (uint8_t)~V41_ARMED;
	if (!announced)
		f = inflight_enter();
	d = gic_lpi_set(gic, r->cpu, r->db);
	if (!announced)
		inflight_leave(f);
	if (d != GICITS_DROP_NONE)
		rdist_trace(
			gic, GICITS_TRACE_DROP, r->cpu, r->db, 0, d,
			"GICR_CTLR.EnableLPIs",
			"GICv4.1 default doorbell discarded by its redistributor (spec/gicv41.md §5.5)");
}

/* An eligible interrupt (already judged enabled and group-enabled) is
 * pending for @r: ring if owed (v41_lock held). */
static void offer(struct gicits_gic *gic, struct v41_vpe *r, bool announced)
{
	if (r->resident)
		return;
	r->flags |= V41_LATE;
	if ((r->flags & V41_ARMED) && r->db != NO_DB)
		ring(gic, r, announced);
}

/* ---- what an ITS tells (rdist_internal.h) ----------------------------- */

int gic_v41_vpe_map(struct gicits_gic *gic, uint32_t vpeid,
		    const struct gic_v41_map *m)
{
	struct v41_vpe *r;
	int err = GICITS_OK;

	if (!gic_is_v41(gic))
		return GICITS_OK;
	mtx_lock(&gic->v41_lock);
	r = rec(gic, vpeid, m->valid);
	if (!r) {
		err = m->valid ? GICITS_ENOMEM : GICITS_OK;
	} else if (m->valid) {
		if (m->alloc || !(r->flags & V41_MAPPED)) {
			/* first map (§3.2): fresh per-vPE state; armed, as
			 * Arm's FVP rings a never-scheduled vPE's doorbell
			 * (§8.2, §13 row 33; UNCONFIRMED as architecture) */
			uint16_t res = r->resident;

			memset(r, 0, sizeof(*r));
			r->resident = res;
			r->flags = V41_ARMED;
			r->grpen = 3;
			if (m->alloc && m->ptz)
				r->flags |= V41_PTZ;
		}
		r->flags |= V41_MAPPED;
		r->cpu = (uint16_t)m->cpu;
		r->db = m->db;
		r->vpt = m->vpt;
		r->vconf = m->vconf;
		r->vpt_size = m->vpt_size;
	} else if (m->alloc) {
		/* last unmap (§3.2 V = 0, Alloc = 1): the GIC forgets the
		 * vPE; its vLPIs are in the VPT (the ITS drained first) */
		uint16_t res = r->resident;

		memset(r, 0, sizeof(*r));
		r->resident = res;
	}
	/* V = 0, Alloc = 0: another ITS still maps it (§3.2): kept */
	mtx_unlock(&gic->v41_lock);
	return err;
}

void gic_v41_vpe_move(struct gicits_gic *gic, uint32_t vpeid, unsigned cpu,
		      bool set_db, uint32_t db)
{
	struct v41_vpe *r;

	if (!gic_is_v41(gic))
		return;
	mtx_lock(&gic->v41_lock);
	r = mapped(gic, vpeid);
	if (r) {
		r->cpu = (uint16_t)cpu;
		/* DB = 0 keeps the old default doorbell (§3.3, the reading
		 * of "validity bit"; UNCONFIRMED) */
		if (set_db)
			r->db = db;
	}
	mtx_unlock(&gic->v41_lock);
}

bool gic_v41_vpe_mapped(struct gicits_gic *gic, uint32_t vpeid)
{
	bool m;

	if (!gic_is_v41(gic))
		return true;
	mtx_lock(&gic->v41_lock);
	m = mapped(gic, vpeid) != NULL;
	mtx_unlock(&gic->v41_lock);
	return m;
}

void gic_v41_invdb(struct gicits_gic *gic, uint32_t vpeid)
{
	struct v41_vpe *r;
	unsigned cpu = 0;
	uint32_t db = NO_DB;

	if (!gic_is_v41(gic))
		return;
	mtx_lock(&gic->v41_lock);
	r = mapped(gic, vpeid);
	if (r) {
		cpu = r->cpu;
		db = r->db;
		/* re-evaluate (§3.5): a vSGI pending and eligible is owed
		 * its doorbell now (vLPIs: GICR_INVALLR re-reads the VPT) */
		if (any_sgi_eligible(r, r->grpen))
			offer(gic, r, false);
	}
	mtx_unlock(&gic->v41_lock);
	/* §8.4: the doorbell LPI's own configuration byte is reloaded on
	 * its redistributor, so a masked doorbell stays pending unforwarded
	 * and an unmasked one is forwarded (§13 row 26) */
	if (db != NO_DB)
		gic_lpi_inv(gic, cpu, db);
}

/* Tell the interface where @r is resident that its vSGIs changed. */
static void sgi_changed(struct gicits_gic *gic, const struct v41_vpe *r)
{
	if (r->resident)
		rdist_notify(gic, vcpu_of(gic, r->resident - 1u));
}

void gic_v41_vsgi(struct gicits_gic *gic, uint32_t vpeid, unsigned sgi,
		  bool clear, bool enable, bool group, uint8_t prio)
{
	struct v41_vpe *r;

	if (!gic_is_v41(gic) || sgi > 15)
		return;
	mtx_lock(&gic->v41_lock);
	/* unmapped: "a no-op" (§3.6, Gunyah; §13 row 22) */
	r = mapped(gic, vpeid);
	if (r) {
		/* §3.6: Clear = 1 touches only the pending bit, Clear = 0
		 * only the configuration (§13 row 21) */
		if (clear) {
			r->sgi_pend &= (uint16_t) ~(1u << sgi);
		} else {
			r->sgi_cfg[sgi] = (uint8_t)((prio & 0xF0u) |
						    (group ? SGI_G1 : 0) |
						    (enable ? SGI_EN : 0));
			if (sgi_eligible(r, sgi, r->grpen))
				offer(gic, r, false);
		}
		sgi_changed(gic, r);
	}
	mtx_unlock(&gic->v41_lock);
}

void gic_v41_vsgi_set(struct gicits_gic *gic, uint32_t vpeid, unsigned sgi)
{
	struct v41_vpe *r;

	if (!gic_is_v41(gic) || sgi > 15)
		return;
	mtx_lock(&gic->v41_lock);
	r = mapped(gic, vpeid);
	if (r) {
		r->sgi_pend |= (uint16_t)(1u << sgi);
		/* not resident: recorded, and the doorbell if owed (§13 row
		 * 19); resident: offered to the vCPU interface (row 18) */
		if (!r->resident && sgi_eligible(r, sgi, r->grpen))
			offer(gic, r, false);
		sgi_changed(gic, r);
	}
	mtx_unlock(&gic->v41_lock);
}

void gic_v41_vlpi_nonresident(struct gicits_gic *gic, uint32_t vpeid,
			      uint32_t vintid, bool announced)
{
	struct v41_vpe *r;

	if (!gic_is_v41(gic))
		return;
	mtx_lock(&gic->v41_lock);
	r = mapped(gic, vpeid);
	if (r) {
		r->flags |= V41_VPT_WRITTEN;
		/* vLPIs are Group 1 (§8.2 rule 4) */
		if (!r->resident && (r->grpen & 2) &&
		    vlpi_enabled(gic, r, vintid))
			offer(gic, r, announced);
	}
	mtx_unlock(&gic->v41_lock);
}

/* ---- the vCPU interface's vSGIs (cpuif.c) --------------------------- */

bool v41_best_vsgi(struct gicits_gic *gic, unsigned idx, uint8_t *prio,
		   unsigned *sgi)
{
	struct cpu_state *c = &gic->cpus[idx];
	struct v41_vpe *r;
	bool have = false;

	if (!gic_is_v41(gic) || !c->v41_res || !(c->v41_grpen & 2))
		return false;
	mtx_lock(&gic->v41_lock);
	r = mapped(gic, c->v41_vpeid);
	for (unsigned i = 0; r && i < 16; i++) {
		uint8_t cfg = r->sgi_cfg[i];

		/* Group 1, enabled, pending; priority is the top nibble
		 * (§3.6, §13 row 18); the lower number wins a tie */
		if (!(r->sgi_pend >> i & 1) || !(cfg & SGI_EN) ||
		    !(cfg & SGI_G1))
			continue;
		if (!have || (cfg & 0xF0u) < *prio) {
			*prio = (uint8_t)(cfg & 0xF0u);
			*sgi = i;
			have = true;
		}
	}
	mtx_unlock(&gic->v41_lock);
	return have;
}

void v41_ack_vsgi(struct gicits_gic *gic, unsigned idx, unsigned sgi)
{
	struct v41_vpe *r;

	mtx_lock(&gic->v41_lock);
	r = mapped(gic, gic->cpus[idx].v41_vpeid);
	if (r)
		r->sgi_pend &= (uint16_t) ~(1u << sgi);
	mtx_unlock(&gic->v41_lock);
}

/* ---- the 4.1 VLPI_base frame ---------------------------------------- */

/* The vPE configuration table entry of @vpeid as GICR_VPROPBASER
 * describes the table (§5.1, §6): flat, or two-level with 64-bit level-1
 * descriptors ([63] Valid, [51:12] page).  false: beyond the table, an
 * invalid level-1 descriptor, or a fault. */
static bool vprop_entry(struct gicits_gic *gic, uint64_t vprop, uint32_t vpeid,
			uint64_t w[2])
{
	static const uint64_t pages[4] = { 0x1000, 0x4000, 0x10000, 0x10000 };
	uint64_t page = pages[bits_get(vprop, GICR_VPROPBASER41_PAGE_SIZE)];
	uint64_t size = (bits_get(vprop, GICR_VPROPBASER41_SIZE) + 1) * page;
	uint64_t base = vprop & bits_mask(GICR_VPROPBASER41_PA);
	uint64_t per = page / V41_VPTE_BYTES, a;
	uint8_t b[16];

	if (bits_get(vprop, GICR_VPROPBASER41_INDIRECT)) {
		uint64_t l1 = (uint64_t)vpeid / per;

		if (l1 * 8 >= size ||
		    gicits_mem_read(gic->mem, base + l1 * 8, b, 8))
			return false;
		a = le64_read(b);
		if (!(a >> 63))
			return false;
		a = (a & bits_mask(GICR_VPROPBASER41_PA) & ~(page - 1)) +
		    (vpeid % per) * V41_VPTE_BYTES;
	} else {
		if ((uint64_t)vpeid * V41_VPTE_BYTES >= size)
			return false;
		a = base + (uint64_t)vpeid * V41_VPTE_BYTES;
	}
	if (gicits_mem_read(gic->mem, a, b, 16))
		return false;
	w[0] = le64_read(b);
	w[1] = le64_read(b + 8);
	return true;
}

static unsigned res_vpeid_bits(const struct gicits_gic *gic)
{
	return gic->cfg.vpeid_bits;
}

/*
 * Valid 0 -> 1 (§7.1) on virtual side @idx (its lock held) for @v
 * (VPENDBASER as written, vPEID already in range).  Returns false if the
 * write is not carried out (row 10's IGNORE policy).
 */
static bool schedule41(struct gicits_gic *gic, unsigned cpu, unsigned idx,
		       uint64_t v, uint32_t offset)
{
	struct cpu_state *c = &gic->cpus[idx];
	uint16_t vpeid = (uint16_t)bits_get(v, GICR_VPENDBASER41_VPEID);
	uint64_t vprop = c->v41_vprop, w[2] = { 0, 0 };
	bool have, load = true, from_rec;
	struct v41_vpe *r, snap;

	memset(&snap, 0, sizeof(snap));
	from_rec = !bits_get(vprop, GICR_VPROPBASER41_VALID);
	if (from_rec) {
		/* §5.1, §13 row 10: UNPREDICTABLE */
		finding(gic, cpu, offset, v, "GICR_VPENDBASER.Valid",
			"Valid = 1 while GICR_VPROPBASER.Valid == 0 is UNPREDICTABLE (spec/gicv41.md §5.1, §13 row 10)");
		if (gic->cfg.v41_no_vprop != GICITS_V41_APPLY)
			return false;
	}
	mtx_lock(&gic->v41_lock);
	r = rec(gic, vpeid, true);
	if (r) {
		r->resident = (uint16_t)(cpu + 1);
		/* a new residency period: the doorbell is re-armed only by
		 * the next deschedule (§8.2 rule 5) */
		r->flags &= (uint8_t) ~(V41_ARMED | V41_LATE);
		snap = *r;
		if ((r->flags & V41_PTZ) && !(r->flags & V41_VPT_WRITTEN))
			load = false; /* §3.2 PTZ, §13 row 14 */
		r->flags &= (uint8_t) ~(V41_PTZ | V41_VPT_WRITTEN);
	}
	mtx_unlock(&gic->v41_lock);
	if (from_rec) {
		have = snap.flags & V41_MAPPED;
	} else {
		struct v41_vpe m = snap;

		have = vprop_entry(gic, vprop, vpeid, w) &&
		       bits_get(w[0], V41_VPTE_VALID);
		if (have) {
			m.vpt = bits_get(w[0], V41_VPTE_VPT_ADDR) << 16;
			m.vpt_size = (uint8_t)bits_get(w[0], V41_VPTE_VPT_SIZE);
			m.vconf = bits_get(w[1], V41_VPTE1_VCONF) << 16;
		}
		/* §6, §13 row 31: the RD's table must be the ITS's */
		if (have != !!(snap.flags & V41_MAPPED) ||
		    (have && (m.vpt != snap.vpt || m.vconf != snap.vconf ||
			      m.vpt_size != snap.vpt_size)))
			finding(gic, cpu, offset, vprop,
				"GICR_VPROPBASER.shared",
				"the vPE configuration table entry differs from what the ITS's VMAPP/VMOVP wrote: GICR_VPROPBASER must describe the ITS's vPE table (spec/gicv41.md §6, §13 row 31)");
		snap = m;
	}
	c->v41_res = true;
	c->v41_vpeid = vpeid;
	c->v41_grpen = (uint8_t)(bits_get(v, GICR_VPENDBASER41_VGRP0EN) |
				 bits_get(v, GICR_VPENDBASER41_VGRP1EN) << 1);
	if (!have) {
		/* not mapped: resident, with nothing to offer */
		atomic_store_explicit(&c->propbaser, 0, memory_order_relaxed);
		atomic_store_explicit(&c->vres, 0, memory_order_seq_cst);
		rdist_notify(gic, idx);
		return true;
	}
	/* the caching models read VCONF as a 4.0 VPROPBASER with IDbits =
	 * VPT_size (§3.1: VPT_size is the vINTID width in 4.1) */
	atomic_store_explicit(
		&c->propbaser,
		(snap.vconf & bits_mask(GICR_PROPBASER_PA)) |
			bits_set(0, GICR_PROPBASER_IDBITS, snap.vpt_size),
		memory_order_relaxed);
	vlpi_schedule(gic, idx, snap.vpt, load);
	return true;
}

/*
 * Valid 1 -> 0 (§7.2) on virtual side @idx (its lock held) with @v as
 * written.  Returns PendingLast.
 */
static bool deschedule41(struct gicits_gic *gic, unsigned idx, uint64_t v)
{
	struct cpu_state *c = &gic->cpus[idx];
	bool db = bits_get(v, GICR_VPENDBASER41_DOORBELL);
	bool plw = bits_get(v, GICR_VPENDBASER41_PENDING_LAST);
	uint8_t grpen = (uint8_t)(bits_get(v, GICR_VPENDBASER41_VGRP0EN) |
				  bits_get(v, GICR_VPENDBASER41_VGRP1EN) << 1);
	uint64_t vpt =
		atomic_load_explicit(&c->vres, memory_order_relaxed) & ~1ULL;
	bool last = false, had = vpt != 0;
	struct v41_vpe *r;

	mtx_lock(&gic->v41_lock);
	r = rec(gic, c->v41_vpeid, false);
	if (r) {
		r->resident = 0;
		r->flags &= (uint8_t) ~(V41_LATE | V41_ARMED);
		r->grpen = grpen;
	}
	mtx_unlock(&gic->v41_lock);
	if (had)
		/* "pending and enabled" (§5.2): the configuration as it is
		 * now, whatever the caching model; vLPIs are Group 1 */
		last = vlpi_deschedule(gic, idx, vpt, true) && (grpen & 2);
	atomic_store_explicit(&c->propbaser, 0, memory_order_relaxed);
	atomic_store_explicit(&c->vres, 0, memory_order_seq_cst);
	c->v41_res = false;
	mtx_lock(&gic->v41_lock);
	r = rec(gic, c->v41_vpeid, false);
	if (r) {
		last = last || (r->flags & V41_LATE) ||
		       ((r->flags & V41_MAPPED) && any_sgi_eligible(r, grpen));
		/* §5.2: Doorbell is treated as 0 when something enabled is
		 * pending or when PendingLast is written 1 (§13 rows 2, 4,
		 * 5, 6) */
		if (db && !plw && !last && (r->flags & V41_MAPPED))
			r->flags |= V41_ARMED;
	}
	mtx_unlock(&gic->v41_lock);
	rdist_notify(gic, idx);
	/* PendingLast written 1: UNKNOWN, gicits reads 1 (§5.2) */
	return plw || last;
}

static uint64_t vprop41_mask(void)
{
	return bits_mask(GICR_VPROPBASER41_VALID) |
	       bits_mask(GICR_VPROPBASER41_OUTER_CACHE) |
	       bits_mask(GICR_VPROPBASER41_INDIRECT) |
	       bits_mask(GICR_VPROPBASER41_PAGE_SIZE) |
	       bits_mask(GICR_VPROPBASER41_PA) |
	       bits_mask(GICR_VPROPBASER41_SHAREABILITY) |
	       bits_mask(GICR_VPROPBASER41_INNER_CACHE) |
	       bits_mask(GICR_VPROPBASER41_SIZE);
}

static uint64_t vpend41_mask(void)
{
	return bits_mask(GICR_VPENDBASER41_VALID) |
	       bits_mask(GICR_VPENDBASER41_DOORBELL) |
	       bits_mask(GICR_VPENDBASER41_PENDING_LAST) |
	       bits_mask(GICR_VPENDBASER41_VGRP0EN) |
	       bits_mask(GICR_VPENDBASER41_VGRP1EN) |
	       bits_mask(GICR_VPENDBASER41_VPEID);
}

static void write_vpend41(struct gicits_gic *gic, unsigned cpu, uint32_t offset,
			  unsigned size, uint64_t val)
{
	unsigned idx = vcpu_of(gic, cpu);
	struct cpu_state *c = &gic->cpus[idx];
	uint64_t v =
		reg64_merge(c->pendbaser, offset, size, val) & vpend41_mask();
	uint64_t keyed = bits_mask(GICR_VPENDBASER41_VPEID) |
			 bits_mask(GICR_VPENDBASER41_VGRP0EN) |
			 bits_mask(GICR_VPENDBASER41_VGRP1EN);
	bool was = bits_get(c->pendbaser, GICR_VPENDBASER41_VALID);
	bool now = bits_get(v, GICR_VPENDBASER41_VALID);
	bool last;

	if (c->dirty_left) {
		/* §7.1 step 1, §7.2 step 1; §13 rows 8 and 9 */
		finding(gic, cpu, offset, val, "GICR_VPENDBASER.Dirty",
			was ? "Valid = 0 written while Dirty == 1 (schedule still parsing) is UNPREDICTABLE (spec/gicv41.md §5.2, §13 row 8)" :
			      "Valid = 1 written while Dirty == 1 (deschedule in progress) is UNPREDICTABLE (spec/gicv41.md §5.2, §13 row 9)");
		if (gic->cfg.v41_early_write != GICITS_V41_APPLY)
			return;
		c->dirty_left = 0; /* complete it, then take the write */
	}
	if (was && now) {
		if (!((v ^ c->pendbaser) & keyed))
			return; /* Doorbell/PendingLast with Valid 1: no effect */
		finding(gic, cpu, offset, val, "GICR_VPENDBASER.Valid",
			"vPEID or VGrpNEn changed while Valid == 1 is CONSTRAINED UNPREDICTABLE (spec/gicv41.md §5.2, §13 row 11)");
		switch (gic->cfg.v41_resident_change) {
		case GICITS_V41_READBACK:
			c->pendbaser = (c->pendbaser & ~keyed) | (v & keyed);
			return;
		case GICITS_V41_APPLY:
			/* deschedule without doorbell, schedule the new */
			(void)deschedule41(
				gic, idx,
				bits_set(c->pendbaser,
					 GICR_VPENDBASER41_PENDING_LAST, 1));
			break;
		default:
			return;
		}
		was = false;
	}
	if (now && !was &&
	    (bits_get(v, GICR_VPENDBASER41_VPEID) >> res_vpeid_bits(gic))) {
		/* §5.2, §13 row 12 */
		finding(gic, cpu, offset, val, "GICR_VPENDBASER.vPEID",
			"vPEID wider than GICD_TYPER2.VID + 1 with Valid = 1 is CONSTRAINED UNPREDICTABLE (spec/gicv41.md §5.2, §13 row 12)");
		if (gic->cfg.v41_wide_vpeid != GICITS_V41_APPLY) {
			/* treated as Valid == 0; reads return the value */
			c->pendbaser = v;
			c->v41_res = false;
			return;
		}
		v = bits_set(v, GICR_VPENDBASER41_VPEID,
			     bits_get(v, GICR_VPENDBASER41_VPEID) &
				     ((1u << res_vpeid_bits(gic)) - 1));
		c->pendbaser = v;
		if (!schedule41(gic, cpu, idx, v, offset))
			c->pendbaser = bits_set(v, GICR_VPENDBASER41_VALID, 0);
		c->dirty_left = gic->cfg.vpe_dirty_reads;
		return;
	}
	if (was && !now) {
		if (!c->v41_res) {
			c->pendbaser = v; /* a row-12 "Valid" that was not */
			return;
		}
		last = deschedule41(gic, idx, v);
		c->pendbaser =
			bits_set(v, GICR_VPENDBASER41_PENDING_LAST, last);
	} else if (now && !was) {
		if (!schedule41(gic, cpu, idx, v, offset))
			return;
		c->pendbaser = v;
	} else {
		c->pendbaser = v; /* Valid stays 0 */
		return;
	}
	c->dirty_left = gic->cfg.vpe_dirty_reads;
}

int v41_reg_read(struct gicits_gic *gic, unsigned cpu, uint32_t base,
		 uint64_t *val)
{
	struct cpu_state *c = &gic->cpus[vcpu_of(gic, cpu)];
	uint64_t v = 0;

	mtx_lock(&c->lock);
	switch (base) {
	case GICITS_GICR_VPROPBASER:
		/* Entry_Size: doublewords - 1 (§5.1); Z reads 0 */
		v = bits_set(c->v41_vprop, GICR_VPROPBASER41_ENTRY_SIZE,
			     V41_VPTE_BYTES / 8 - 1);
		break;
	case GICITS_GICR_VPENDBASER:
		v = c->pendbaser;
		if (c->dirty_left) {
			c->dirty_left--;
			v = bits_set(v, GICR_VPENDBASER41_DIRTY, 1);
		}
		break;
	case GICITS_GICR_VSGIPENDR:
		if (c->vsgi_busy_left) {
			c->vsgi_busy_left--;
			v = bits_set(0, GICR_VSGIPENDR_BUSY, 1);
		} else {
			v = c->vsgi_result;
		}
		break;
	case GICITS_GICR_VSGIR:
		rdist_trace(gic, GICITS_TRACE_REG, cpu, 0, base, 0,
			    "GICR_VSGIR",
			    "read of a write-only register (RAZ)");
		break;
	default:
		rdist_trace(gic, GICITS_TRACE_REG, cpu, 0, base, 0,
			    "GICR_VLPI_base",
			    "read of a reserved VLPI_base offset (RAZ)");
		break;
	}
	mtx_unlock(&c->lock);
	*val = v;
	return GICITS_OK;
}

int v41_reg_write(struct gicits_gic *gic, unsigned cpu, uint32_t base,
		  uint32_t offset, unsigned size, uint64_t val)
{
	struct cpu_state *c = &gic->cpus[vcpu_of(gic, cpu)];
	struct v41_vpe *r;
	uint32_t vpeid;

	mtx_lock(&c->lock);
	switch (base) {
	case GICITS_GICR_VPROPBASER:
		if (c->v41_res) {
			rdist_trace(
				gic, GICITS_TRACE_REG, cpu, 0, offset, val,
				"GICR_VPROPBASER",
				"write while a vPE is resident is UNPREDICTABLE; ignored");
			break;
		}
		/* Z is write-only and the table is read at each schedule,
		 * so Z has nothing to skip; Valid 1 -> 0 completes at once
		 * (RWP reads 0, §5.1) */
		c->v41_vprop = reg64_merge(c->v41_vprop, offset, size, val) &
			       vprop41_mask();
		break;
	case GICITS_GICR_VPENDBASER:
		write_vpend41(gic, cpu, offset, size, val);
		break;
	case GICITS_GICR_VSGIR:
		/* §5.3: a query of the vPE's vSGI pending bits; a vPEID beyond
		 * the width or not mapped reads as none pending.  A write while
		 * Busy starts a new query (one of the permitted outcomes) */
		vpeid = (uint32_t)bits_get(val, GICR_VSGIR_VPEID);
		mtx_lock(&gic->v41_lock);
		r = mapped(gic, vpeid);
		c->vsgi_result = r ? r->sgi_pend : 0;
		mtx_unlock(&gic->v41_lock);
		c->vsgi_busy_left = gic->cfg.vpe_dirty_reads;
		break;
	default:
		rdist_trace(
			gic, GICITS_TRACE_REG, cpu, 0, offset, val,
			base == GICITS_GICR_VSGIPENDR ? "GICR_VSGIPENDR" :
							"GICR_VLPI_base",
			"write to a read-only or reserved VLPI_base offset ignored");
		break;
	}
	mtx_unlock(&c->lock);
	return GICITS_OK;
}

/* ---- GICR_INVLPIR / GICR_INVALLR with V = 1 (§5.4) ------------------ */

/* Whether the non-resident vPE @r has an enabled vLPI pending in its VPT
 * (v41_lock held).  At most 2^24 vINTIDs are looked at (a VPT_size beyond
 * that is a guest's choice of host time: the rest is not scanned). */
static bool vpt_has_enabled(struct gicits_gic *gic, const struct v41_vpe *r)
{
	unsigned bits = r->vpt_size + 1u > 24 ? 24 : r->vpt_size + 1u;
	uint64_t end = (1ULL << bits) / 8, off;
	uint8_t buf[256];

	for (off = GICITS_LPI_BASE / 8; off < end; off += sizeof(buf)) {
		size_t n = end - off < sizeof(buf) ? (size_t)(end - off) :
						     sizeof(buf);
		int fault;

		mtx_lock(&gic->vpt_lock);
		fault = gicits_mem_read(gic->mem, r->vpt + off, buf, n);
		mtx_unlock(&gic->vpt_lock);
		if (fault)
			return false;
		for (size_t i = 0; i < n; i++)
			for (unsigned b = 0; buf[i] >> b; b++)
				if ((buf[i] >> b & 1) &&
				    vlpi_enabled(gic, r,
						 (uint32_t)((off + i) * 8 + b)))
					return true;
	}
	return false;
}

static bool vpt_test(struct gicits_gic *gic, const struct v41_vpe *r,
		     uint32_t vintid)
{
	uint8_t b = 0;
	int fault;

	if (vintid < GICITS_LPI_BASE || (vintid >> r->vpt_size >> 1))
		return false;
	mtx_lock(&gic->vpt_lock);
	fault = gicits_mem_read(gic->mem, r->vpt + vintid / 8, &b, 1);
	mtx_unlock(&gic->vpt_lock);
	return !fault && (b >> (vintid % 8) & 1);
}

void v41_inv(struct gicits_gic *gic, unsigned cpu, uint32_t vpeid,
	     uint32_t vintid, bool all)
{
	unsigned idx = vcpu_of(gic, cpu);
	struct cpu_state *c = &gic->cpus[idx];
	struct v41_vpe *r;

	mtx_lock(&c->lock);
	if (c->v41_res && c->v41_vpeid == vpeid &&
	    atomic_load_explicit(&c->vres, memory_order_relaxed)) {
		/* resident here: reload (re-forwarding a not yet acknowledged
		 * vLPI with its new priority, §13 rows 24, 25) */
		if (all)
			prio_rescan(gic, idx);
		else
			prio_inv_one(gic, idx, vintid);
		mtx_unlock(&c->lock);
		return;
	}
	mtx_lock(&gic->v41_lock);
	/* not resident, at its mapped redistributor: the invalidation can
	 * make the default doorbell owed (§8.2, §13 row 3).  Elsewhere: "no
	 * effect" (§5.4, §13 row 24) */
	r = mapped(gic, vpeid);
	if (r && !r->resident && r->cpu == cpu && (r->grpen & 2) &&
	    (r->flags & V41_ARMED) &&
	    (all ? vpt_has_enabled(gic, r) :
		   vpt_test(gic, r, vintid) && vlpi_enabled(gic, r, vintid)))
		offer(gic, r, false);
	mtx_unlock(&gic->v41_lock);
	mtx_unlock(&c->lock);
}

/* ---- save/restore (src/snapshot, format version 3; docs/snapshot.md) ----
 * Kept apart from the paths above: only src/rdist/snapshot.c and
 * src/snapshot call these, on a quiescent gic. */

uint64_t gic_v41_vprop_bits(void)
{
	return vprop41_mask();
}

uint64_t gic_v41_vpend_bits(void)
{
	return vpend41_mask();
}

static bool rec_zero(const struct v41_vpe *r)
{
	static const struct v41_vpe zero;

	return !memcmp(r, &zero, sizeof(zero));
}

size_t gic_v41_vpe_save(struct gicits_gic *gic, struct gic_v41_vpe_snap *out,
			size_t max)
{
	size_t n = 0;
	unsigned p, i;

	if (!gic_is_v41(gic))
		return 0;
	mtx_lock(&gic->v41_lock);
	for (p = 0; p < gic->v41_npages; p++) {
		const struct v41_vpe *pg = gic->v41_pages[p];

		for (i = 0; pg && i < PAGE_VPES; i++) {
			const struct v41_vpe *r = &pg[i];
			struct gic_v41_vpe_snap *s;

			/* a record of zeros is no record (rec() with
			 * alloc == false reads the same) */
			if (rec_zero(r))
				continue;
			if (out && n < max) {
				s = &out[n];
				memset(s, 0, sizeof(*s));
				s->vpeid = p * PAGE_VPES + i;
				s->vpt = r->vpt;
				s->vconf = r->vconf;
				s->db = r->db;
				s->cpu = r->cpu;
				s->resident = r->resident;
				s->vpt_size = r->vpt_size;
				s->flags = r->flags;
				s->grpen = r->grpen;
				s->sgi_pend = r->sgi_pend;
				memcpy(s->sgi_cfg, r->sgi_cfg,
				       sizeof(s->sgi_cfg));
			}
			n++;
		}
	}
	mtx_unlock(&gic->v41_lock);
	return n;
}

/* The VPT_addr and VCONF_addr fields of VMAPP (4.1) are [51:16]: what a
 * record can hold (vcmd.c stores them shifted). */
#define V41_ADDR_MASK 0x000FFFFFFFFF0000ULL

int gic_v41_vpe_check(const struct gicits_gic *gic,
		      const struct gic_v41_vpe_snap *s, const char **why)
{
	unsigned k;

#define BAD(msg)                       \
	do {                           \
		*why = (msg);          \
		return GICITS_EFORMAT; \
	} while (0)
	*why = NULL;
	/* GICD_TYPER2.VID + 1 (spec/gicv41.md §1): rec() holds no more */
	if (s->vpeid >> gic->cfg.vpeid_bits)
		BAD("vPE record: vPEID wider than the gic's vpeid_bits");
	if (s->flags & ~(unsigned)(V41_MAPPED | V41_ARMED | V41_PTZ |
				   V41_VPT_WRITTEN | V41_LATE))
		BAD("vPE record: unknown flag bits");
	if (s->grpen > 3)
		BAD("vPE record: VGrpNEn beyond bits [1:0]");
	for (k = 0; k < 16; k++)
		if (s->sgi_cfg[k] & ~(0xF0u | SGI_G1 | SGI_EN))
			BAD("vPE record: vSGI configuration byte has bits VSGI cannot set (§3.6: priority [7:4], Group, Enable)");
	/* resident: the redistributor + 1 that scheduled it (sgi_changed()
	 * notifies that virtual side) */
	if (s->resident > gic->cfg.num_cpus)
		BAD("vPE record: resident on no redistributor");
	if (!(s->flags & V41_MAPPED)) {
		/* VMAPP V = 0, Alloc = 1 forgets everything but residency;
		 * a deschedule leaves its group enables */
		if (s->vpt || s->vconf || s->db || s->cpu || s->vpt_size ||
		    s->flags || s->sgi_pend)
			BAD("vPE record: state of an unmapped vPE");
		for (k = 0; k < 16; k++)
			if (s->sgi_cfg[k])
				BAD("vPE record: vSGI configuration of an unmapped vPE");
		return GICITS_OK;
	}
	if (s->cpu >= gic->cfg.num_cpus)
		BAD("vPE record: mapped to no redistributor (VMAPP RDbase)");
	/* VMAPP/VMOVP: 1023 or a physical LPI below 2^24 (doorbell_ok()) */
	if (s->db != NO_DB &&
	    (s->db < GICITS_LPI_BASE || (s->db >> 24) ||
	     (gic->cfg.intid_bits < 32 && (s->db >> gic->cfg.intid_bits))))
		BAD("vPE record: default doorbell neither 1023 nor an LPI");
	if ((s->vpt & ~V41_ADDR_MASK) || (s->vconf & ~V41_ADDR_MASK))
		BAD("vPE record: VPT or VCONF address not a VMAPP [51:16] value");
	/* VMAPP (4.1): VPT_size DW3[7:0] <= 31 (vcmd.c) */
	if (s->vpt_size > 31)
		BAD("vPE record: VPT_size beyond 31");
	return GICITS_OK;
#undef BAD
}

struct gic_v41_pages {
	struct v41_vpe **pages;
	unsigned npages;
};

int gic_v41_vpe_prepare(struct gicits_gic *gic,
			const struct gic_v41_vpe_snap *recs, size_t n,
			struct gic_v41_pages **out)
{
	struct gic_v41_pages *np;
	size_t i;

	*out = NULL;
	if (!gic_is_v41(gic))
		return n ? GICITS_EINVAL : GICITS_OK;
	np = calloc(1, sizeof(*np));
	if (!np)
		return GICITS_ENOMEM;
	np->npages = gic->v41_npages;
	np->pages = calloc(np->npages, sizeof(*np->pages));
	if (!np->pages) {
		free(np);
		return GICITS_ENOMEM;
	}
	for (i = 0; i < n; i++) {
		const struct gic_v41_vpe_snap *s = &recs[i];
		struct v41_vpe **pg, *r;

		if (s->vpeid >> gic->cfg.vpeid_bits) {
			gic_v41_vpe_discard(np);
			return GICITS_EINVAL;
		}
		pg = &np->pages[s->vpeid / PAGE_VPES];
		if (!*pg)
			*pg = calloc(PAGE_VPES, sizeof(**pg));
		if (!*pg) {
			gic_v41_vpe_discard(np);
			return GICITS_ENOMEM;
		}
		r = &(*pg)[s->vpeid % PAGE_VPES];
		r->vpt = s->vpt;
		r->vconf = s->vconf;
		r->db = s->db;
		r->cpu = s->cpu;
		r->resident = s->resident;
		r->vpt_size = s->vpt_size;
		r->flags = s->flags;
		r->grpen = s->grpen;
		r->sgi_pend = s->sgi_pend;
		memcpy(r->sgi_cfg, s->sgi_cfg, sizeof(r->sgi_cfg));
	}
	*out = np;
	return GICITS_OK;
}

void gic_v41_vpe_install(struct gicits_gic *gic, struct gic_v41_pages *np)
{
	struct v41_vpe **old;
	unsigned i, n;

	if (!np)
		return;
	mtx_lock(&gic->v41_lock);
	old = gic->v41_pages;
	n = gic->v41_npages;
	gic->v41_pages = np->pages;
	mtx_unlock(&gic->v41_lock);
	for (i = 0; i < n; i++)
		free(old[i]);
	free(old);
	free(np);
}

void gic_v41_vpe_discard(struct gic_v41_pages *np)
{
	unsigned i;

	if (!np)
		return;
	for (i = 0; i < np->npages; i++)
		free(np->pages[i]);
	free(np->pages);
	free(np);
}
