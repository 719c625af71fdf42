/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The GITS_* register file: reads, writes, and enabling and disabling the
 * ITS.  Layer 5 (its_internal.h): a CWRITER write or enabling runs the
 * queue (cmdq.c), a GITS_TRANSLATER write is an MSI (msi.c).
 */
#include "its_internal.h"
#include "common/inflight.h"

#include <string.h>

#include "gicits/error.h"

/* Set the GITS_STATUSR error bit @hi, @lo (one bit: hi == lo). */
static void statusr_set_(struct gicits_its *its, unsigned hi, unsigned lo)
{
	atomic_fetch_or_explicit(&its->statusr, (uint32_t)bits_mask(hi, lo),
				 memory_order_relaxed);
}
#define statusr_set(its, f) statusr_set_((its), f)

static void trace_reg(struct gicits_its *its, uint32_t offset, uint64_t val,
		      const char *rule, const char *msg)
{
	struct its_note n = { GICITS_TRACE_REG, 0, 0, offset, val, rule, msg };

	its_trace_note(its, &n);
}

static uint64_t typer(const struct gicits_its *its)
{
	uint64_t v = 0;

	v = bits_set(v, GITS_TYPER_PHYSICAL, 1);
	v = bits_set(v, GITS_TYPER_ITT_ENTRY_SIZE, its->cfg.ite_size - 1);
	v = bits_set(v, GITS_TYPER_ID_BITS, its->cfg.idbits - 1);
	v = bits_set(v, GITS_TYPER_DEVBITS, its->cfg.devbits - 1);
	v = bits_set(v, GITS_TYPER_PTA, its->cfg.pta);
	v = bits_set(v, GITS_TYPER_HCC, its->cfg.hcc);
	v = bits_set(v, GITS_TYPER_CIDBITS, its->cfg.cidbits - 1);
	v = bits_set(v, GITS_TYPER_CIL, 1);
	v = bits_set(v, GITS_TYPER_UMSI, its->cfg.umsi);
	if (its_virtual(&its->cfg)) {
		/* GICv4.0 (spec/gicv41.md §1, as QEMU 7.2's GICv4 ITS):
		 * Virtual; VMOVP = 1, VMOVP on one ITS suffices (gicits
		 * models one ITS per vPE table).  VMAPP = 0 (GICv4.0 VMAPP
		 * layout), VSGI = 0, SVPET = 0 (the vPE table is the ITS's
		 * own) and nID = 0 (individual doorbells) are GICv4.1's
		 * fields and stay 0 in GICv4.0. */
		v = bits_set(v, GITS_TYPER_VIRTUAL, 1);
		/* vmovp_list: VMOVP = 0, the ITSList form (vmovp.c) */
		v = bits_set(v, GITS_TYPER_VMOVP,
			     !(its->cfg.vmovp_list && its->gic));
	}
	if (its_v41(&its->cfg)) {
		/* GICv4.1 (spec/gicv41.md §1): the 4.1 VMAPP layout, vSGIs
		 * (GITS_SGIR), the vPE table shared with every redistributor
		 * whose Aff3 matches GITS_MPIDR's (0: all of them, SVPET =
		 * 0b01), nID as configured */
		v = bits_set(v, GITS_TYPER_VMAPP, 1);
		v = bits_set(v, GITS_TYPER_VSGI, 1);
		v = bits_set(v, GITS_TYPER_SVPET, 1);
		v = bits_set(v, GITS_TYPER_NID, its->cfg.nid);
	}
	return v;
}

/* Width and kind of the register at @base (8-byte aligned for 64-bit). */
enum reg_kind { REG_NONE, REG_32, REG_64 };

static enum reg_kind reg_at(uint32_t offset, uint32_t *base)
{
	*base = offset & ~7u;
	switch (*base) {
	case GICITS_GITS_TYPER:
	case GICITS_GITS_CBASER:
	case GICITS_GITS_CWRITER:
	case GICITS_GITS_CREADR:
	case GICITS_GITS_UMSIR:
		return REG_64;
	}
	if (*base >= GICITS_GITS_BASER(0) && *base <= GICITS_GITS_BASER(7))
		return REG_64;
	*base = offset;
	switch (offset) {
	case GICITS_GITS_CTLR:
	case GICITS_GITS_IIDR:
	case GICITS_GITS_STATUSR:
		return REG_32;
	}
	if (offset >= 0xFFD0 && offset <= 0xFFFC)
		return REG_32; /* ID registers */
	return REG_NONE;
}

static int check_access(struct gicits_its *its, uint32_t offset, unsigned size)
{
	if (!its)
		return GICITS_EINVAL;
	/* GICv4.1: the vSGI frame holds GITS_SGIR, 64-bit accesses only
	 * (spec/gicv41.md §2, §4); the rest of that frame is not modelled */
	if (offset == GICITS_GITS_SGIR && its_v41(&its->cfg))
		return size == 8 ? GICITS_OK : GICITS_EACCESS;
	if (offset >= 0x20000)
		return GICITS_EINVAL;
	/* GITS_TRANSLATER is a 32-bit register that also takes 16-bit
	 * writes; an 8-byte access is a bad size like for any other 32-bit
	 * register (its.h: "32-bit registers only with 4 bytes"). */
	if (offset == GICITS_GITS_TRANSLATER)
		return size == 2 || size == 4 ? GICITS_OK : GICITS_EACCESS;
	if ((size != 4 && size != 8) || offset % size)
		return GICITS_EACCESS;
	return GICITS_OK;
}

static uint64_t id_reg(const struct gicits_its *its, uint32_t offset)
{
	switch (offset) {
	case 0xFFE8:
		/* PIDR2: ArchRev 3 (GICv3) or 4 (GICv4.x, as QEMU's 0x4b),
		 * JEDEC, DES_1 = 3 */
		return its_virtual(&its->cfg) ? 0x4b : 0x3b;
	case 0xFFE0:
		return 0x94; /* PIDR0: part number [7:0] (gicits) */
	case 0xFFE4:
		return 0xb4; /* PIDR1: DES_0 = 0xB (Arm), part [11:8] = 4 */
	case 0xFFF0:
		return 0x0d; /* CIDR0..3: the CoreSight component preamble */
	case 0xFFF4:
		return 0xf0;
	case 0xFFF8:
		return 0x05;
	case 0xFFFC:
		return 0xb1;
	}
	return 0;
}

static int mmio_read_locked(struct gicits_its *its, uint32_t offset,
			    unsigned size, uint64_t *val)
{
	uint32_t base;
	enum reg_kind k = offset < 0x10000 ? reg_at(offset, &base) : REG_NONE;
	uint64_t v = 0;

	if (k == REG_32 && size != 4)
		return GICITS_EACCESS;
	if (k == REG_64 && size == 8 && base != offset)
		return GICITS_EACCESS;
	if (offset == GICITS_GITS_TRANSLATER || offset == GICITS_GITS_SGIR) {
		statusr_set(its, GITS_STATUSR_RWOD);
		trace_reg(its, offset, 0, "GITS_STATUSR.RWOD",
			  "read of a write-only register (RAZ)");
		*val = 0;
		return GICITS_OK;
	}
	/* GICv4.1 GITS_MPIDR: Aff3.Aff2.Aff1 = 0.0.0, the affinity SVPET
	 * matches the redistributors' against (spec/gicv41.md §1) */
	if (offset == GICITS_GITS_MPIDR && its_v41(&its->cfg) && size == 4) {
		*val = 0;
		return GICITS_OK;
	}
	switch (k == REG_NONE ? 0xFFFFFFFFu : base) {
	case GICITS_GITS_CTLR:
		/* Quiescent reads 1: commands complete synchronously, and
		 * clearing Enabled drains the MSIs in flight (disable()), so
		 * nothing is in flight once Enabled reads 0 (GICv3/v4.0 leave
		 * it UNKNOWN while Enabled). */
		v = atomic_load_explicit(&its->ctlr, memory_order_relaxed) &
		    (bits_mask(GITS_CTLR_ENABLED) |
		     bits_mask(GITS_CTLR_ITS_NUMBER));
		v = bits_set(v, GITS_CTLR_QUIESCENT, 1);
		break;
	case GICITS_GITS_IIDR:
		v = its->cfg.iidr;
		break;
	case GICITS_GITS_TYPER:
		v = typer(its);
		break;
	case GICITS_GITS_STATUSR:
		v = atomic_load_explicit(&its->statusr, memory_order_relaxed);
		break;
	case GICITS_GITS_UMSIR:
		v = its->cfg.umsi ? atomic_load_explicit(&its->umsir,
							 memory_order_relaxed) :
				    0;
		break;
	case GICITS_GITS_CBASER:
		v = its->cbaser;
		break;
	case GICITS_GITS_CWRITER:
		v = its->cwriter;
		break;
	case GICITS_GITS_CREADR:
		v = its->creadr;
		break;
	case 0xFFFFFFFFu:
		statusr_set(its, GITS_STATUSR_RRD);
		trace_reg(its, offset, 0, "GITS_STATUSR.RRD",
			  "read of a reserved ITS offset (RAZ)");
		break;
	default:
		if (base >= GICITS_GITS_BASER(0) &&
		    base <= GICITS_GITS_BASER(7))
			v = its->baser[(base - GICITS_GITS_BASER(0)) / 8];
		else
			v = id_reg(its, base);
		break;
	}
	if (size == 4 && k == REG_64 && (offset & 4))
		v >>= 32;
	else if (size == 4)
		v &= 0xffffffffu;
	*val = v;
	return GICITS_OK;
}

int gicits_its_mmio_read(struct gicits_its *its, uint32_t offset, unsigned size,
			 uint64_t *val)
{
	int err;

	if (!val)
		return GICITS_EINVAL;
	*val = 0;
	err = check_access(its, offset, size);
	if (err)
		return err;
	mtx_lock(&its->lock);
	err = mmio_read_locked(its, offset, size, val);
	mtx_unlock(&its->lock);
	return err;
}

/* Writable bits of GITS_BASER<n> (Type and Entry_Size are RO). */
static uint64_t baser_write(const struct gicits_its *its, uint64_t old,
			    uint64_t v)
{
	uint64_t rw = its_baser_rw(&its->cfg);

	return (old & ~rw) | (v & rw);
}

static void enable(struct gicits_its *its)
{
	table_decode(its);
	/* Publish: translations that see Enabled see the tables above
	 * (docs/concurrency.md I6). */
	atomic_fetch_or_explicit(&its->ctlr,
				 (uint32_t)bits_mask(GITS_CTLR_ENABLED),
				 memory_order_release);
	if (its->cfg.cache != GICITS_CACHE_OFF)
		its_index_add_hcc(its);
	its_fast_update(its);
	its_process_queue(its);
}

static void disable(struct gicits_its *its)
{
	atomic_fetch_and_explicit(&its->ctlr,
				  ~(uint32_t)bits_mask(GITS_CTLR_ENABLED),
				  memory_order_release);
	its_fast_update(its);
	/* MSIs translated while Enabled was 1 take effect before the write
	 * returns, so that GITS_CTLR.Quiescent's 1 is true (IHI 0069H.b
	 * GITS_CTLR: software clears Enabled, then waits for Quiescent
	 * before it edits the tables): I10. */
	inflight_drain();
	/* Clearing Enabled: caches are written back (ours are write-through)
	 * and dropped, so that software may edit tables while disabled
	 * (docs/concurrency.md I5). */
	index_clear(&its->index);
}

/* GITS_CTLR.ITS_Number (GICv4.0 with vmovp_list; RES0 otherwise, as
 * GITS_TYPER.VMOVP == 1 allows): written while the ITS is disabled
 * (IHI 0069: changing it while Enabled == 1 is UNPREDICTABLE: ignored). */
static void its_number_write(struct gicits_its *its, bool enabled,
			     uint64_t val)
{
	uint32_t ctlr = atomic_load_explicit(&its->ctlr, memory_order_relaxed);
	uint64_t n = bits_get(val, GITS_CTLR_ITS_NUMBER);

	if (!its->cfg.vmovp_list || !its->gic ||
	    n == bits_get(ctlr, GITS_CTLR_ITS_NUMBER))
		return;
	if (enabled) {
		trace_reg(its, GICITS_GITS_CTLR, val, "GITS_CTLR.ITS_Number",
			  "change while Enabled == 1 is UNPREDICTABLE; ignored");
		return;
	}
	atomic_store_explicit(&its->ctlr,
			      (uint32_t)bits_set(ctlr, GITS_CTLR_ITS_NUMBER, n),
			      memory_order_relaxed);
}

static int mmio_write_locked(struct gicits_its *its, uint32_t offset,
			     unsigned size, uint64_t val)
{
	uint32_t base;
	enum reg_kind k = offset < 0x10000 ? reg_at(offset, &base) : REG_NONE;
	bool enabled =
		bits_get(atomic_load_explicit(&its->ctlr, memory_order_relaxed),
			 GITS_CTLR_ENABLED);
	uint64_t v;

	if (k == REG_32 && size != 4)
		return GICITS_EACCESS;
	if (k == REG_64 && size == 8 && base != offset)
		return GICITS_EACCESS;
	if (size == 4)
		val &= 0xffffffffu;
	if (k == REG_NONE) {
		statusr_set(its, GITS_STATUSR_WRD);
		trace_reg(its, offset, val, "GITS_STATUSR.WRD",
			  "write to a reserved ITS offset ignored");
		return GICITS_OK;
	}
	switch (base) {
	case GICITS_GITS_CTLR:
		/* UMSIirq [8] is RES0 because GITS_TYPER.UMSIirq is 0 (gicits
		 * has no interrupt output for unmapped MSIs; IHI 0069H.b
		 * GITS_CTLR.UMSIirq): RAZ/WI, also with umsi. */
		its_number_write(its, enabled, val);
		if (bits_get(val, GITS_CTLR_ENABLED) && !enabled)
			enable(its);
		else if (!bits_get(val, GITS_CTLR_ENABLED) && enabled)
			disable(its);
		break;
	case GICITS_GITS_STATUSR:
		atomic_fetch_and_explicit(
			&its->statusr,
			~(uint32_t)(val & bits_mask(GITS_STATUSR_W1C)),
			memory_order_relaxed); /* W1C */
		break;
	case GICITS_GITS_CBASER:
		if (enabled) {
			/* IHI 0069 GITS_CBASER: UNPREDICTABLE while Enabled;
			 * gicits ignores the write (as QEMU and KVM). */
			trace_reg(
				its, offset, val, "GITS_CBASER.UNPREDICTABLE",
				"CBASER write while GITS_CTLR.Enabled == 1 ignored");
			break;
		}
		v = reg64_merge(its->cbaser, offset, size, val);
		its->cbaser = v & its_cbaser_rw();
		/* A successful CBASER write sets CREADR to 0. */
		its->creadr = 0;
		its->st.stalled = false;
		break;
	case GICITS_GITS_CWRITER:
		v = reg64_merge(its->cwriter, offset, size, val);
		its->cwriter = v & bits_mask(GITS_CWRITER_OFFSET);
		/* Retry ([0], reads as 0) restarts a stalled queue at the
		 * stalled command; a plain write does not. */
		if (bits_get(v, GITS_CWRITER_RETRY) &&
		    bits_get(its->creadr, GITS_CREADR_STALLED)) {
			its->creadr =
				bits_set(its->creadr, GITS_CREADR_STALLED, 0);
			its->st.stalled = false;
		}
		its_process_queue(its);
		break;
	case GICITS_GITS_CREADR:
		if (!its->cfg.creadr_writable) {
			statusr_set(its, GITS_STATUSR_WROD);
			trace_reg(its, offset, val, "GITS_STATUSR.WROD",
				  "write to read-only GITS_CREADR ignored");
			break;
		}
		/* Knob creadr_writable (GICD_CTLR.DS == 1, as QEMU): sets the
		 * offset and leaves the stalled state. */
		v = reg64_merge(its->creadr, offset, size, val);
		its->creadr = v & bits_mask(GITS_CREADR_OFFSET);
		its->st.stalled = false;
		break;
	case GICITS_GITS_IIDR:
	case GICITS_GITS_TYPER:
	case GICITS_GITS_UMSIR:
		statusr_set(its, GITS_STATUSR_WROD);
		trace_reg(its, offset, val, "GITS_STATUSR.WROD",
			  "write to a read-only ITS register ignored");
		break;
	default:
		if (base >= GICITS_GITS_BASER(0) &&
		    base <= GICITS_GITS_BASER(7)) {
			unsigned n = (base - GICITS_GITS_BASER(0)) / 8;

			if (!its_baser_implemented(&its->cfg, n))
				break; /* unimplemented: RES0, WI */
			if (enabled) {
				trace_reg(
					its, offset, val,
					"GITS_BASER.UNPREDICTABLE",
					"BASER write while GITS_CTLR.Enabled == 1 ignored");
				break;
			}
			its->baser[n] = baser_write(
				its, its->baser[n],
				reg64_merge(its->baser[n], offset, size, val));
			break;
		}
		statusr_set(its, GITS_STATUSR_WROD); /* ID registers */
		trace_reg(its, offset, val, "GITS_STATUSR.WROD",
			  "write to a read-only ID register ignored");
		break;
	}
	return GICITS_OK;
}

int gicits_its_mmio_write(struct gicits_its *its, uint32_t offset,
			  unsigned size, uint64_t val, uint32_t device_id)
{
	int err = check_access(its, offset, size);

	if (err)
		return err;
	if (offset == GICITS_GITS_TRANSLATER) {
		/* 16-bit writes carry EventID[15:0]; [31:16] are zero. */
		(void)its_msi(its, device_id,
			      (uint32_t)(size == 2 ? val & 0xffff : val));
		return GICITS_OK;
	}
	if (offset == GICITS_GITS_SGIR) {
		its_sgir_write(its, val);
		return GICITS_OK;
	}
	mtx_lock(&its->lock);
	if (offset >= 0x10000) {
		statusr_set(its, GITS_STATUSR_WRD);
		trace_reg(
			its, offset, val, "GITS_STATUSR.WRD",
			"write to a reserved translation-frame offset ignored");
	} else {
		err = mmio_write_locked(its, offset, size, val);
	}
	mtx_unlock(&its->lock);
	return err;
}
