/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ITS creation, the GITS_* registers and MSI translation.
 * See its_internal.h for the lock order and the data flow.
 */
#include "its_internal.h"
#include "index_read.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "common/bits.h"
#include "gicits/error.h"
#include "rdist/rdist_internal.h"

/* GITS_BASER<n>.Type */
#define BASER_TYPE_DEVICE 1
#define BASER_TYPE_COLLECTION 4
/* Entry sizes of the device and collection tables (KVM ABI rev 0). */
#define DTE_SIZE 8
#define CTE_SIZE 8

void gicits_its_config_default(struct gicits_its_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->devbits = 16;
	cfg->idbits = 16;
	cfg->cidbits = 16;
	cfg->hcc = 0;
	cfg->ite_size = 12;
	cfg->pta = false;
	cfg->indirect = true;
	cfg->error_policy = GICITS_POLICY_SKIP;
	cfg->cache = GICITS_CACHE_ON;
	cfg->umsi = false;
	cfg->creadr_writable = true;
	cfg->mapc_rdbase16 = true;
	cfg->iidr = 0x43b;
}

static uint64_t baser_reset(unsigned n)
{
	uint64_t v = 0;

	if (n == 0) {
		v = bits_set(v, 58, 56, BASER_TYPE_DEVICE);
		v = bits_set(v, 52, 48, DTE_SIZE - 1);
	} else if (n == 1) {
		v = bits_set(v, 58, 56, BASER_TYPE_COLLECTION);
		v = bits_set(v, 52, 48, CTE_SIZE - 1);
	}
	return v;
}

int gicits_its_create(const struct gicits_its_config *cfg,
		      struct gicits_gic *gic, const struct gicits_mem *mem,
		      struct gicits_its **out)
{
	struct gicits_its *its;
	unsigned n;

	if (!cfg || !gic || !mem || !out)
		return GICITS_EINVAL;
	if (cfg->devbits < 1 || cfg->devbits > 32 || cfg->idbits < 1 ||
	    cfg->idbits > 32 || cfg->cidbits < 1 || cfg->cidbits > 16 ||
	    cfg->hcc > 255 ||
	    (cfg->ite_size != 8 && cfg->ite_size != 12 &&
	     cfg->ite_size != 16) ||
	    cfg->error_policy > GICITS_POLICY_STALL ||
	    cfg->cache > GICITS_CACHE_CHECK)
		return GICITS_EINVAL;
	its = aligned_alloc(64, (sizeof(*its) + 63) & ~(size_t)63);
	if (!its)
		return GICITS_ENOMEM;
	memset(its, 0, sizeof(*its));
	if (mtx_init(&its->lock, mtx_plain) != thrd_success) {
		free(its);
		return GICITS_ENOMEM;
	}
	if (index_init(&its->index, cfg->devbits, cfg->cidbits)) {
		mtx_destroy(&its->lock);
		free(its);
		return GICITS_ENOMEM;
	}
	its->cfg = *cfg;
	its->gic = gic;
	its->mem = mem;
	for (n = 0; n < 8; n++)
		its->baser[n] = baser_reset(n);
	*out = its;
	return GICITS_OK;
}

void gicits_its_destroy(struct gicits_its *its)
{
	if (!its)
		return;
	index_fini(&its->index);
	mtx_destroy(&its->lock);
	free(its);
}

void its_trace(struct gicits_its *its, const struct gicits_trace_record *r)
{
	struct gicits_trace_record t;

	if (!its->cfg.trace)
		return;
	t = *r;
	t.source = "its";
	if (!t.rule)
		t.rule = "";
	if (!t.message)
		t.message = "";
	its->cfg.trace(its->cfg.trace_opaque, &t);
}

void its_finding(struct gicits_its *its, uint32_t devid, uint32_t event,
		 const char *rule, const char *msg)
{
	struct gicits_trace_record t;

	atomic_fetch_add_explicit(&its->findings, 1, memory_order_relaxed);
	memset(&t, 0, sizeof(t));
	t.kind = GICITS_TRACE_FINDING;
	t.device_id = devid;
	t.event_id = event;
	t.cpu = -1;
	t.rule = rule;
	t.message = msg;
	its_trace(its, &t);
}

static void trace_reg(struct gicits_its *its, uint32_t offset, uint64_t val,
		      const char *rule, const char *msg)
{
	struct gicits_trace_record t;

	memset(&t, 0, sizeof(t));
	t.kind = GICITS_TRACE_REG;
	t.offset = offset;
	t.value = val;
	t.cpu = -1;
	t.rule = rule;
	t.message = msg;
	its_trace(its, &t);
}

static uint64_t typer(const struct gicits_its *its)
{
	uint64_t v = 0;

	v = bits_set(v, 0, 0, 1); /* Physical */
	v = bits_set(v, 7, 4, its->cfg.ite_size - 1); /* ITT_entry_size */
	v = bits_set(v, 12, 8, its->cfg.idbits - 1); /* ID_bits */
	v = bits_set(v, 17, 13, its->cfg.devbits - 1); /* Devbits */
	v = bits_set(v, 19, 19, its->cfg.pta); /* PTA */
	v = bits_set(v, 31, 24, its->cfg.hcc); /* HCC */
	v = bits_set(v, 35, 32, its->cfg.cidbits - 1); /* CIDbits */
	v = bits_set(v, 36, 36, 1); /* CIL */
	v = bits_set(v, 44, 44, its->cfg.umsi); /* UMSI */
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
	(void)its;
	switch (offset) {
	case 0xFFE8:
		return 0x3b; /* PIDR2: ArchRev 3 (GICv3), JEDEC, DES_1 = 3 */
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
	if (offset == GICITS_GITS_TRANSLATER) {
		atomic_fetch_or_explicit(&its->statusr, 1u << 2,
					 memory_order_relaxed); /* RWOD */
		trace_reg(its, offset, 0, "GITS_STATUSR.RWOD",
			  "read of write-only GITS_TRANSLATER (RAZ)");
		*val = 0;
		return GICITS_OK;
	}
	switch (k == REG_NONE ? 0xFFFFFFFFu : base) {
	case GICITS_GITS_CTLR:
		/* Quiescent reads 1: commands and translations complete
		 * synchronously, so nothing is ever in flight (GICv3/v4.0
		 * leave it UNKNOWN while Enabled). */
		v = (atomic_load_explicit(&its->ctlr, memory_order_relaxed) &
		     0x101) |
		    (1u << 31);
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
		atomic_fetch_or_explicit(&its->statusr, 1u << 0,
					 memory_order_relaxed); /* RRD */
		trace_reg(its, offset, 0, "GITS_STATUSR.RRD",
			  "read of a reserved ITS offset (RAZ)");
		break;
	default:
		if (base >= GICITS_GITS_BASER(0) && base <= GICITS_GITS_BASER(7))
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
static uint64_t baser_write(const struct gicits_its *its, unsigned n,
			    uint64_t old, uint64_t v)
{
	uint64_t rw = bits_mask(63, 63) | bits_mask(61, 59) |
		      bits_mask(55, 53) | bits_mask(47, 0);

	if (its->cfg.indirect)
		rw |= bits_mask(62, 62);
	(void)n;
	return (old & ~rw) | (v & rw);
}

static void enable(struct gicits_its *its)
{
	table_decode(its);
	/* Publish: translations that see Enabled see the tables above. */
	atomic_fetch_or_explicit(&its->ctlr, 1, memory_order_release);
	if (its->cfg.cache != GICITS_CACHE_OFF)
		its_index_add_hcc(its);
	its_fast_update(its);
	its_process_queue(its);
}

static void disable(struct gicits_its *its)
{
	atomic_fetch_and_explicit(&its->ctlr, ~1u, memory_order_release);
	its_fast_update(its);
	/* Clearing Enabled: caches are written back (ours are write-through)
	 * and dropped, so that software may edit tables while disabled. */
	index_clear(&its->index);
}

static int mmio_write_locked(struct gicits_its *its, uint32_t offset,
			     unsigned size, uint64_t val)
{
	uint32_t base;
	enum reg_kind k = offset < 0x10000 ? reg_at(offset, &base) : REG_NONE;
	bool enabled =
		atomic_load_explicit(&its->ctlr, memory_order_relaxed) & 1;
	uint64_t v;

	if (k == REG_32 && size != 4)
		return GICITS_EACCESS;
	if (k == REG_64 && size == 8 && base != offset)
		return GICITS_EACCESS;
	if (size == 4)
		val &= 0xffffffffu;
	if (k == REG_NONE) {
		atomic_fetch_or_explicit(&its->statusr, 1u << 1,
					 memory_order_relaxed); /* WRD */
		trace_reg(its, offset, val, "GITS_STATUSR.WRD",
			  "write to a reserved ITS offset ignored");
		return GICITS_OK;
	}
	switch (base) {
	case GICITS_GITS_CTLR:
		if (its->cfg.umsi) {
			if (val & 0x100)
				atomic_fetch_or_explicit(&its->ctlr, 0x100,
							 memory_order_relaxed);
			else
				atomic_fetch_and_explicit(&its->ctlr, ~0x100u,
							  memory_order_relaxed);
		}
		if ((val & 1) && !enabled)
			enable(its);
		else if (!(val & 1) && enabled)
			disable(its);
		break;
	case GICITS_GITS_STATUSR:
		atomic_fetch_and_explicit(&its->statusr,
					  ~(uint32_t)(val & 0x3f),
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
		its->cbaser = v & (bits_mask(63, 63) | bits_mask(61, 59) |
				   bits_mask(55, 53) | bits_mask(51, 10) |
				   bits_mask(7, 0));
		/* A successful CBASER write sets CREADR to 0. */
		its->creadr = 0;
		its->st.stalled = false;
		break;
	case GICITS_GITS_CWRITER:
		v = reg64_merge(its->cwriter, offset, size, val);
		its->cwriter = v & bits_mask(19, 5);
		/* Retry ([0], reads as 0) restarts a stalled queue at the
		 * stalled command; a plain write does not. */
		if ((v & 1) && (its->creadr & 1)) {
			its->creadr &= ~1ULL;
			its->st.stalled = false;
		}
		its_process_queue(its);
		break;
	case GICITS_GITS_CREADR:
		if (!its->cfg.creadr_writable) {
			atomic_fetch_or_explicit(
				&its->statusr, 1u << 3,
				memory_order_relaxed); /* WROD */
			trace_reg(its, offset, val, "GITS_STATUSR.WROD",
				  "write to read-only GITS_CREADR ignored");
			break;
		}
		/* Knob creadr_writable (GICD_CTLR.DS == 1, as QEMU): sets the
		 * offset and leaves the stalled state. */
		v = reg64_merge(its->creadr, offset, size, val);
		its->creadr = v & bits_mask(19, 5);
		its->st.stalled = false;
		break;
	case GICITS_GITS_IIDR:
	case GICITS_GITS_TYPER:
	case GICITS_GITS_UMSIR:
		atomic_fetch_or_explicit(&its->statusr, 1u << 3,
					 memory_order_relaxed); /* WROD */
		trace_reg(its, offset, val, "GITS_STATUSR.WROD",
			  "write to a read-only ITS register ignored");
		break;
	default:
		if (base >= GICITS_GITS_BASER(0) && base <= GICITS_GITS_BASER(7)) {
			unsigned n = (base - GICITS_GITS_BASER(0)) / 8;

			if (n > 1)
				break; /* unimplemented: RES0, WI */
			if (enabled) {
				trace_reg(
					its, offset, val,
					"GITS_BASER.UNPREDICTABLE",
					"BASER write while GITS_CTLR.Enabled == 1 ignored");
				break;
			}
			its->baser[n] = baser_write(
				its, n, its->baser[n],
				reg64_merge(its->baser[n], offset, size, val));
			break;
		}
		atomic_fetch_or_explicit(
			&its->statusr, 1u << 3,
			memory_order_relaxed); /* WROD: ID registers */
		trace_reg(its, offset, val, "GITS_STATUSR.WROD",
			  "write to a read-only ID register ignored");
		break;
	}
	return GICITS_OK;
}

/* GITS_STATUSR.UMSI/Overflow and GITS_UMSIR for a dropped MSI. */
static void msi_umsi(struct gicits_its *its, uint32_t devid, uint32_t event,
		     enum gicits_drop d);

/* Every MSI the index cannot answer on its own (see msi()). */
static enum gicits_drop msi_general(struct gicits_its *its, uint32_t devid,
				    uint32_t event)
{
	struct gicits_trace_record t;
	struct xlate x;
	enum gicits_drop d;

	x.ite.intid = 0;
	x.ite.icid = 0;
	x.cpu = 0;
	if (!(atomic_load_explicit(&its->ctlr, memory_order_acquire) & 1)) {
		d = GICITS_DROP_ITS_DISABLED;
	} else if (its->cfg.idbits < 32 && event >> its->cfg.idbits) {
		/* EventID bits above ID_bits: CONSTRAINED UNPREDICTABLE;
		 * gicits ignores the write. */
		d = GICITS_DROP_EVENTID_WIDTH;
	} else if (!(atomic_load_explicit(&its->dt_raw, memory_order_relaxed) >>
		     63)) {
		d = GICITS_DROP_NO_TABLE;
	} else {
		its_translate(its, devid, event, true, &x);
		d = x.drop;
		if (d == GICITS_DROP_NONE)
			d = gic_lpi_set(its->gic, x.cpu, x.ite.intid);
	}
	if (its->cfg.trace) {
		memset(&t, 0, sizeof(t));
		t.kind = d == GICITS_DROP_NONE ? GICITS_TRACE_TRANSLATE :
						 GICITS_TRACE_DROP;
		t.device_id = devid;
		t.event_id = event;
		t.intid = x.ite.intid;
		t.icid = x.ite.icid;
		t.cpu = d == GICITS_DROP_NONE ? (int64_t)x.cpu : -1;
		t.drop = d;
		t.rule = d == GICITS_DROP_NONE ? "" : "GITS_TRANSLATER";
		t.message = d == GICITS_DROP_NONE ? "LPI pending" :
						    gicits_drop_name(d);
		its_trace(its, &t);
	}
	if (d != GICITS_DROP_NONE && its->cfg.umsi)
		msi_umsi(its, devid, event, d);
	return d;
}

static void msi_umsi(struct gicits_its *its, uint32_t devid, uint32_t event,
		     enum gicits_drop d)
{
	/* GITS_STATUSR.UMSI/Overflow and GITS_UMSIR: the first
	 * unmapped MSI is recorded, later ones set Overflow. */
	uint32_t old =
		atomic_load_explicit(&its->statusr, memory_order_relaxed);
	unsigned syn = d < 0x10 ? (unsigned)d : 0;

	for (;;) {
		uint32_t nv;

		if (old & (1u << 4)) {
			atomic_fetch_or_explicit(&its->statusr, 1u << 5,
						 memory_order_relaxed);
			break;
		}
		nv = (uint32_t)((old & ~bits_mask(9, 6)) | (1u << 4) |
				(syn << 6));
		if (atomic_compare_exchange_weak_explicit(
			    &its->statusr, &old, nv, memory_order_relaxed,
			    memory_order_relaxed)) {
			atomic_store_explicit(&its->umsir,
					      (uint64_t)devid << 32 | event,
					      memory_order_relaxed);
			break;
		}
	}
}

/*
 * The MSI hot path: no lock; see translate.c and index.c.  While its->fast
 * says the ITS is enabled with a device table, cache=on and no trace, an
 * index hit goes straight to the redistributor.  A hit needs no EventID
 * width check: MAPD keeps Size + 1 <= ID_bits and the index bounds the
 * EventID by Size.  Everything else, and every drop's reason, is the
 * general path's.
 */
/* The fast path's translation: true with the INTID and target CPU when
 * the fast path applies and the index knows the event as deliverable. */
static HOT_INLINE bool msi_fast_xlate(struct gicits_its *its, uint32_t devid,
				      uint32_t event, uint32_t *intid,
				      unsigned *cpu)
{
	return atomic_load_explicit(&its->fast, memory_order_acquire) &&
	       !index_fast(&its->index, devid, event, intid, cpu);
}

/* The fast path's delivery of a translation msi_fast_xlate() gave. */
static HOT_INLINE enum gicits_drop
msi_fast_deliver(struct gicits_its *its, uint32_t devid, uint32_t event,
		 uint32_t intid, unsigned cpu)
{
	enum gicits_drop d = gic_lpi_set_hot(its->gic, cpu, intid);

	/* no trace here: fast is 0 when a trace callback is set */
	if (d != GICITS_DROP_NONE && its->cfg.umsi)
		msi_umsi(its, devid, event, d);
	return d;
}

static HOT_INLINE enum gicits_drop msi(struct gicits_its *its, uint32_t devid,
				       uint32_t event)
{
	uint32_t intid;
	unsigned cpu;

	if (msi_fast_xlate(its, devid, event, &intid, &cpu))
		return msi_fast_deliver(its, devid, event, intid, cpu);
	return msi_general(its, devid, event);
}

void its_fast_update(struct gicits_its *its)
{
	uint32_t f =
		(atomic_load_explicit(&its->ctlr, memory_order_relaxed) & 1) &&
		(atomic_load_explicit(&its->dt_raw, memory_order_relaxed) >>
		 63) &&
		its->cfg.cache == GICITS_CACHE_ON && !its->cfg.trace;

	atomic_store_explicit(&its->fast, f, memory_order_release);
}

int gicits_its_mmio_write(struct gicits_its *its, uint32_t offset,
			  unsigned size, uint64_t val, uint32_t device_id)
{
	int err = check_access(its, offset, size);

	if (err)
		return err;
	if (offset == GICITS_GITS_TRANSLATER) {
		/* 16-bit writes carry EventID[15:0]; [31:16] are zero. */
		(void)msi(its, device_id,
			  (uint32_t)(size == 2 ? val & 0xffff : val));
		return GICITS_OK;
	}
	mtx_lock(&its->lock);
	if (offset >= 0x10000) {
		atomic_fetch_or_explicit(&its->statusr, 1u << 1,
					 memory_order_relaxed);
		trace_reg(
			its, offset, val, "GITS_STATUSR.WRD",
			"write to a reserved translation-frame offset ignored");
	} else {
		err = mmio_write_locked(its, offset, size, val);
	}
	mtx_unlock(&its->lock);
	return err;
}

int gicits_its_msi(struct gicits_its *its, uint32_t device_id,
		   uint32_t event_id)
{
	if (!its)
		return GICITS_EINVAL;
	return (int)msi(its, device_id, event_id);
}

/* msi_fast_deliver() with the pending word gic_lpi_prepare() found */
static HOT_INLINE enum gicits_drop
msi_burst_deliver(struct gicits_its *its, const struct gicits_msi *m,
		  uint32_t intid, unsigned cpu, _Atomic uint64_t *pw)
{
	enum gicits_drop d = gic_lpi_set_at(its->gic, cpu, intid, pw);

	if (d != GICITS_DROP_NONE && its->cfg.umsi)
		msi_umsi(its, m->device_id, m->event_id, d);
	return d;
}

/*
 * Phase 4's check that phase 3's translation is the one msi() would make
 * now: the fast flag still set, the slot unchanged (no MAPD: the ITE word's
 * address is still the device's), and the ITE word and collection word
 * still the ones read (MAPTI, MOVI and DISCARD store the ITE word alone;
 * MAPC the collection word).  The loads are a seqlocked read like
 * slot_read()'s, ending with the sequence.
 */
static HOT_INLINE bool burst_xlate_current(struct gicits_its *its,
					   const struct dev_slot *s,
					   const _Atomic uint64_t *wp,
					   uint32_t seq, uint64_t ite,
					   uint64_t cte)
{
	return atomic_load_explicit(&its->fast, memory_order_acquire) &&
	       atomic_load_explicit(wp, memory_order_acquire) == ite &&
	       atomic_load_explicit(&its->index.ctes[(uint16_t)(ite >> 32)],
				    memory_order_acquire) == cte &&
	       atomic_load_explicit(&s->seq, memory_order_relaxed) == seq;
}

/*
 * Group prefetching: the burst is taken BURST_GROUP MSIs at a time, in
 * phases: (1) find every device slot and prefetch it; (2) begin each
 * seqlocked slot read (sequence, ITE word address) and prefetch the ITE
 * word; (3) end each read, check the fast flag and the collection word as
 * msi() does, and prefetch the target's pending word (and, in the HPP
 * model, configuration byte); (4) in order, deliver each MSI phase 3
 * translated as msi() does, and run msi() itself for the others (a miss,
 * a drop, a read a MAPD raced).
 *
 * Order (its.h).  An MSI takes effect when it is translated; delivery
 * after that is the in-flight window.  Phase 3 translates the group in
 * order, before phase 4 delivers any of it: the window spans the group,
 * as in hardware that translates several MSIs at once.  An MSI that takes
 * msi() in phase 4 is translated then, later than phase 3's translations
 * of the MSIs after it; from then on each of those is checked to be still
 * the translation msi() would make at its turn (burst_xlate_current():
 * four loads of lines phase 3 brought in), else it takes msi() as well.
 * So translations stay in MSI order: a command another thread issues
 * meanwhile never affects an MSI and spares a later one
 * (test_concurrency's test_burst_in_order).  Checking every MSI, not only
 * those after a fallback, would shrink the window to one MSI for about
 * 4 % of a cold burst's time (gicits bench --only cold, 42.5 against
 * 44.0 ns, four runs each).
 *
 * Each of phases 1-3 is a short loop, so the CPU has the misses (and page
 * walks) of the whole group in flight at once; a software pipeline that
 * interleaves the phases per MSI keeps only two or three in flight.
 */
#define BURST_GROUP 32u

int gicits_its_msi_burst(struct gicits_its *its, const struct gicits_msi *msis,
			 size_t n, int *results)
{
	const struct dev_slot *slot[BURST_GROUP];
	const _Atomic uint64_t *wp[BURST_GROUP];
	_Atomic uint64_t *pw[BURST_GROUP];
	uint32_t seq[BURST_GROUP], intid[BURST_GROUP];
	uint64_t ite[BURST_GROUP], ctew[BURST_GROUP];
	unsigned cpu[BURST_GROUP];
	bool ok[BURST_GROUP];
	size_t g, i, k;
	bool late;
	int done = 0;

	if (!its || (!msis && n) || n > INT_MAX)
		return GICITS_EINVAL;
	for (g = 0; g < n; g += k) {
		const struct gicits_msi *m = msis + g;

		k = n - g < BURST_GROUP ? n - g : BURST_GROUP;
		for (i = 0; i < k; i++)
			ok[i] = false;
		/* only the fast path has an index to prefetch from */
		if (atomic_load_explicit(&its->fast, memory_order_acquire)) {
			for (i = 0; i < k; i++) {
				slot[i] =
					slot_find(&its->index, m[i].device_id);
				if (slot[i])
					__builtin_prefetch(slot[i]);
			}
			for (i = 0; i < k; i++) {
				wp[i] = slot[i] ? slot_read_begin(slot[i],
								  m[i].event_id,
								  &seq[i]) :
						  NULL;
				if (wp[i])
					__builtin_prefetch((const void *)wp[i]);
			}
			for (i = 0; i < k; i++) {
				uint64_t w, cte;

				/* msi(): the fast flag, then the index */
				ok[i] = wp[i] &&
					atomic_load_explicit(
						&its->fast,
						memory_order_acquire) &&
					slot_read_end(slot[i], wp[i], seq[i],
						      &w) &&
					w >> 62 == ITE_VALID &&
					cte_target(&its->index, w, &cte);
				if (!ok[i])
					continue;
				ite[i] = w;
				ctew[i] = cte;
				intid[i] = (uint32_t)w;
				cpu[i] = (unsigned)(cte >> CTE_CPU_SHIFT) &
					 0xffff;
				pw[i] = gic_lpi_prepare(its->gic, cpu[i],
							intid[i]);
			}
		}
		for (i = 0, late = false; i < k; i++) {
			int r;

			/* after an MSI of the group took msi(), whose
			 * translation is made now, the later ones must be
			 * translated no earlier: check they still are */
			if (ok[i] && late)
				ok[i] = burst_xlate_current(its, slot[i], wp[i],
							    seq[i], ite[i],
							    ctew[i]);
			late |= !ok[i];
			r = (int)(ok[i] ? msi_burst_deliver(its, m + i,
							    intid[i], cpu[i],
							    pw[i]) :
					  msi(its, m[i].device_id,
					      m[i].event_id));

			if (results)
				results[g + i] = r;
			done += r == GICITS_DROP_NONE;
		}
	}
	return done;
}

int gicits_its_status(struct gicits_its *its, struct gicits_its_status *st)
{
	if (!its || !st)
		return GICITS_EINVAL;
	mtx_lock(&its->lock);
	*st = its->st;
	st->stalled = its->creadr & 1;
	st->findings =
		atomic_load_explicit(&its->findings, memory_order_relaxed);
	mtx_unlock(&its->lock);
	return GICITS_OK;
}
