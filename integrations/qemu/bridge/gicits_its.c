/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * gicits as the GICv3 ITS of a QEMU machine (device "gicits-its").
 *
 * This file is glue between QEMU's APIs and libgicits (BSD-2-Clause, linked
 * statically); it is licensed GPL-2.0-or-later as QEMU requires.  The rest
 * of the gicits repository keeps its BSD-2-Clause licence.
 *
 * What goes where:
 *   - the ITS's two 64 KB frames are one MemoryRegion; control-frame
 *     accesses go to gicits_its_mmio_read/write(), a GITS_TRANSLATER write
 *     is gicits_its_msi() with the DeviceID taken from the bus attributes
 *     (MemTxAttrs.requester_id), never from the data;
 *   - the ITS's guest memory (command queue, device/collection tables,
 *     ITTs) is read and written through the GIC's DMA address space
 *     (address_space_read/write), so that migration's dirty tracking sees
 *     every write;
 *   - the LPIs the ITS translates are delivered to QEMU's own
 *     redistributors through a struct gicits_lpi_sink_ops whose callbacks
 *     call hw/intc/arm_gicv3_redist.c (gicv3_redist_process_lpi() and
 *     friends);
 *   - migration and savevm carry the gicits snapshot of the ITS (its
 *     registers, HCC collections, counters) as one VBUFFER; the
 *     redistributors' LPI state is QEMU's GICv3 vmstate, the tables are RAM.
 *
 * Threads: QEMU dispatches MMIO to this device with the BQL held (the
 * regions keep global locking), and PCI devices raise MSIs with the BQL
 * held, so every call into gicits, and every sink callback into QEMU's
 * redistributors, happens under the BQL.  gicits itself would allow MSIs
 * from any thread; QEMU's redistributor functions do not.
 *
 * Properties (set them with -global gicits-its.PROP=VALUE):
 *   log=FILE    write findings, command errors, stalls, dropped MSIs and
 *               UNPREDICTABLE register accesses to FILE (one line each)
 *   trace=on    also every command and translation (needs log)
 *   strict=on   gicits strict mode (findings for what no correct driver
 *               does but the architecture leaves without an error)
 *   cache=on|off|check  the translation index mode (check: report a
 *               driver that forgot an INV/SYNC-visible invalidation)
 */
#include "qemu/osdep.h"
#include "qemu/error-report.h"
#include "qemu/log.h"
#include "qemu/main-loop.h"
#include "qapi/error.h"
#include "hw/sysbus.h"
#include "hw/qdev-properties.h"
#include "hw/pci/msi.h"
#include "migration/vmstate.h"
#include "sysemu/dma.h"
#include "hw/intc/arm_gicv3_its_common.h"
#include "gicv3_internal.h"
#include "qom/object.h"

#include "gicits/error.h"
#include "gicits/its.h"
#include "gicits/sink.h"
#include "gicits/snapshot.h"
#include "gicits/trace.h"

#define TYPE_GICITS_ITS "gicits-its"
OBJECT_DECLARE_SIMPLE_TYPE(GicitsITSState, GICITS_ITS)

struct GicitsITSState {
    SysBusDevice parent_obj;

    MemoryRegion iomem_main;
    MemoryRegion iomem_ctrl;
    MemoryRegion iomem_trans;

    GICv3State *gicv3;
    char *log_path;
    char *cache_mode;
    bool strict;
    bool trace_all;

    FILE *log;
    struct gicits_mem mem;
    struct gicits_its *its;
    uint64_t findings;

    /* migration: the gicits snapshot of the ITS */
    uint8_t *snap;
    uint32_t snap_len;
};

/* --- guest memory: the GIC's DMA address space ------------------------- */

static int gm_read(void *opaque, uint64_t gpa, void *dst, size_t len)
{
    GicitsITSState *s = opaque;

    return address_space_read(&s->gicv3->dma_as, gpa, MEMTXATTRS_UNSPECIFIED,
                              dst, len) == MEMTX_OK ? 0 : -1;
}

static int gm_write(void *opaque, uint64_t gpa, const void *src, size_t len)
{
    GicitsITSState *s = opaque;

    return address_space_write(&s->gicv3->dma_as, gpa, MEMTXATTRS_UNSPECIFIED,
                               src, len) == MEMTX_OK ? 0 : -1;
}

static const struct gicits_mem_ops gm_ops = {
    .read = gm_read,
    .write = gm_write,
};

/* --- the LPI sink: QEMU's redistributors (hw/intc/arm_gicv3_redist.c) -- */

static unsigned sk_num_cpus(void *ctx)
{
    GicitsITSState *s = ctx;

    return s->gicv3->num_cpu;
}

static unsigned sk_intid_bits(void *ctx)
{
    /* GICD_TYPER.IDbits of QEMU's distributor */
    return GICD_TYPER_IDBITS + 1;
}

static int sk_set_pending(void *ctx, unsigned cpu, uint32_t intid)
{
    GicitsITSState *s = ctx;
    GICv3CPUState *cs = &s->gicv3->cpu[cpu];
    uint64_t idbits;

    /* the tests gicv3_redist_process_lpi() makes before it sets the bit,
     * so that the ITS can report why an MSI was lost */
    if (!(cs->gicr_ctlr & GICR_CTLR_ENABLE_LPIS)) {
        return GICITS_DROP_LPIS_DISABLED;
    }
    idbits = MIN(FIELD_EX64(cs->gicr_propbaser, GICR_PROPBASER, IDBITS),
                 GICD_TYPER_IDBITS);
    if (intid > (1ULL << (idbits + 1)) - 1) {
        return GICITS_DROP_INTID_OOR;
    }
    gicv3_redist_process_lpi(cs, intid, 1);
    return GICITS_DROP_NONE;
}

static void sk_clear(void *ctx, unsigned cpu, uint32_t intid)
{
    GicitsITSState *s = ctx;

    gicv3_redist_process_lpi(&s->gicv3->cpu[cpu], intid, 0);
}

static void sk_move(void *ctx, unsigned from, unsigned to, uint32_t intid)
{
    GicitsITSState *s = ctx;

    if (from != to) {
        gicv3_redist_mov_lpi(&s->gicv3->cpu[from], &s->gicv3->cpu[to], intid);
    }
}

static void sk_move_all(void *ctx, unsigned from, unsigned to)
{
    GicitsITSState *s = ctx;

    if (from != to) {
        gicv3_redist_movall_lpis(&s->gicv3->cpu[from], &s->gicv3->cpu[to]);
    }
}

static void sk_inv(void *ctx, unsigned cpu, uint32_t intid)
{
    GicitsITSState *s = ctx;

    gicv3_redist_inv_lpi(&s->gicv3->cpu[cpu], intid);
}

static void sk_inv_all(void *ctx, int cpu)
{
    GicitsITSState *s = ctx;
    int i;

    /* QEMU's redistributors cache only the highest-priority pending LPI;
     * INVALL rescans every redistributor, even after a command error, as
     * QEMU's own ITS does (gicits's HPP model makes the same choice). */
    for (i = 0; i < s->gicv3->num_cpu; i++) {
        gicv3_redist_update_lpi(&s->gicv3->cpu[i]);
    }
}

static const struct gicits_lpi_sink_ops qemu_sink = {
    .size = sizeof(struct gicits_lpi_sink_ops),
    .num_cpus = sk_num_cpus,
    .intid_bits = sk_intid_bits,
    .rdbase_to_cpu = NULL, /* GITS_TYPER.PTA = 0: processor numbers */
    .set_pending = sk_set_pending,
    .clear = sk_clear,
    .move = sk_move,
    .move_all = sk_move_all,
    .inv = sk_inv,
    .inv_all = sk_inv_all,
};

/* --- trace and findings to the log file -------------------------------- */

static void on_trace(void *opaque, const struct gicits_trace_record *r)
{
    GicitsITSState *s = opaque;

    if (r->kind == GICITS_TRACE_FINDING) {
        s->findings++;
    }
    if (!s->log) {
        return;
    }
    if (!s->trace_all && (r->kind == GICITS_TRACE_COMMAND ||
                          r->kind == GICITS_TRACE_TRANSLATE)) {
        return;
    }
    fprintf(s->log, "%s %s", gicits_trace_kind_name(r->kind), r->source);
    if (r->kind == GICITS_TRACE_COMMAND || r->kind == GICITS_TRACE_ERROR ||
        r->kind == GICITS_TRACE_STALL) {
        fprintf(s->log, " cmd=0x%02x offset=0x%" PRIx64, r->cmd, r->offset);
    }
    if (r->kind == GICITS_TRACE_REG) {
        fprintf(s->log, " offset=0x%" PRIx64 " value=0x%" PRIx64,
                r->offset, r->value);
    }
    fprintf(s->log, " dev=%" PRIu32 " event=%" PRIu32 " intid=%" PRIu32
            " icid=%" PRIu32 " cpu=%" PRId64, r->device_id, r->event_id,
            r->intid, r->icid, r->cpu);
    if (r->error) {
        fprintf(s->log, " error=0x%06" PRIx32, r->error);
    }
    if (r->kind == GICITS_TRACE_DROP) {
        fprintf(s->log, " drop=%s", gicits_drop_name(r->drop));
    }
    if (r->rule[0]) {
        fprintf(s->log, " rule=%s", r->rule);
    }
    fprintf(s->log, ": %s\n", r->message);
}

/* --- MMIO -------------------------------------------------------------- */

static MemTxResult ctrl_read(void *opaque, hwaddr offset, uint64_t *data,
                             unsigned size, MemTxAttrs attrs)
{
    GicitsITSState *s = opaque;

    if (gicits_its_mmio_read(s->its, offset, size, data) != GICITS_OK) {
        qemu_log_mask(LOG_GUEST_ERROR, "gicits-its: bad read offset 0x%"
                      HWADDR_PRIx " size %u\n", offset, size);
        *data = 0;
    }
    return MEMTX_OK;
}

static MemTxResult ctrl_write(void *opaque, hwaddr offset, uint64_t data,
                              unsigned size, MemTxAttrs attrs)
{
    GicitsITSState *s = opaque;

    /* the DeviceID argument is used for GITS_TRANSLATER only */
    if (gicits_its_mmio_write(s->its, offset, size, data, 0) != GICITS_OK) {
        qemu_log_mask(LOG_GUEST_ERROR, "gicits-its: bad write offset 0x%"
                      HWADDR_PRIx " size %u\n", offset, size);
    }
    return MEMTX_OK;
}

static MemTxResult trans_read(void *opaque, hwaddr offset, uint64_t *data,
                              unsigned size, MemTxAttrs attrs)
{
    GicitsITSState *s = opaque;

    if (gicits_its_mmio_read(s->its, ITS_CONTROL_SIZE + offset, size,
                             data) != GICITS_OK) {
        *data = 0;
    }
    return MEMTX_OK;
}

static MemTxResult trans_write(void *opaque, hwaddr offset, uint64_t data,
                               unsigned size, MemTxAttrs attrs)
{
    GicitsITSState *s = opaque;
    int r;

    if (offset == GITS_TRANSLATER && size == 4) {
        /* The DeviceID is the bus's requester ID, never the data. */
        r = gicits_its_msi(s->its, attrs.requester_id, (uint32_t)data);
        /* as QEMU's ITS: a table walk that aborts fails the write */
        return r == GICITS_DROP_MEMORY_FAULT ? MEMTX_ERROR : MEMTX_OK;
    }
    gicits_its_mmio_write(s->its, ITS_CONTROL_SIZE + offset, size, data,
                          attrs.requester_id);
    return MEMTX_OK;
}

static const MemoryRegionOps ctrl_ops = {
    .read_with_attrs = ctrl_read,
    .write_with_attrs = ctrl_write,
    .valid.min_access_size = 4,
    .valid.max_access_size = 8,
    .impl.min_access_size = 4,
    .impl.max_access_size = 8,
    .endianness = DEVICE_LITTLE_ENDIAN,
};

static const MemoryRegionOps trans_ops = {
    .read_with_attrs = trans_read,
    .write_with_attrs = trans_write,
    .valid.min_access_size = 2,
    .valid.max_access_size = 4,
    .impl.min_access_size = 2,
    .impl.max_access_size = 4,
    .endianness = DEVICE_LITTLE_ENDIAN,
};

/* --- life cycle -------------------------------------------------------- */

static int make_its(GicitsITSState *s, Error **errp)
{
    struct gicits_its_config cfg;
    int err;

    gicits_its_config_default(&cfg);
    /* The IMPLEMENTATION DEFINED values a guest reads are QEMU 7.2's, set
     * through the knobs `gicits replay` sets to match the oracle
     * (docs/configuration.md). */
    cfg.devbits = ITS_DEVBITS + 1;       /* 16 */
    cfg.idbits = ITS_IDBITS + 1;         /* 16 */
    cfg.cidbits = ITS_CIDBITS + 1;       /* 16 */
    cfg.hcc = 0;
    cfg.ite_size = ITS_ITT_ENTRY_SIZE;   /* 12 */
    cfg.pta = false;
    cfg.indirect = true;
    cfg.iidr = 0x43b;                    /* gicv3_idreg(): Arm, GICv3 */
    cfg.error_policy = GICITS_POLICY_SKIP;
    cfg.creadr_writable = true;          /* GICD_CTLR.DS = 1 on virt */
    cfg.mapc_rdbase16 = true;
    cfg.strict = s->strict;
    cfg.trace = on_trace;
    cfg.trace_opaque = s;
    if (!s->cache_mode || !strcmp(s->cache_mode, "on")) {
        cfg.cache = GICITS_CACHE_ON;
    } else if (!strcmp(s->cache_mode, "off")) {
        cfg.cache = GICITS_CACHE_OFF;
    } else if (!strcmp(s->cache_mode, "check")) {
        cfg.cache = GICITS_CACHE_CHECK;
    } else {
        error_setg(errp, "gicits-its: cache must be on, off or check");
        return -1;
    }

    err = gicits_its_create_with_sink(&cfg, &qemu_sink, s, &s->mem, &s->its);
    if (err) {
        error_setg(errp, "gicits-its: gicits_its_create_with_sink: %s",
                   gicits_strerror(err));
        return -1;
    }
    /* QEMU resets GITS_BASER0/1.Page_Size to 64 KB; gicits has no knob for
     * the reset page size yet, so write it as the first thing after reset
     * (Page_Size is read-write; the ITS is disabled). */
    gicits_its_mmio_write(s->its, GITS_BASER, 8, 2ULL << 8, 0);
    gicits_its_mmio_write(s->its, GITS_BASER + 8, 8, 2ULL << 8, 0);
    return 0;
}

static void gicits_its_realize(DeviceState *dev, Error **errp)
{
    GicitsITSState *s = GICITS_ITS(dev);
    SysBusDevice *sbd = SYS_BUS_DEVICE(dev);
    int i;

    if (!s->gicv3) {
        error_setg(errp, "gicits-its: parent-gicv3 link not set");
        return;
    }
    if (s->gicv3->revision != 3) {
        error_setg(errp, "gicits-its: only GICv3 (gic-version=3) is "
                   "supported; GICv4 needs the vLPI sink operations");
        return;
    }
    for (i = 0; i < s->gicv3->num_cpu; i++) {
        if (!(s->gicv3->cpu[i].gicr_typer & GICR_TYPER_PLPIS)) {
            error_setg(errp, "Physical LPI not supported by CPU %d", i);
            return;
        }
    }
    if (s->log_path) {
        s->log = fopen(s->log_path, "w");
        if (!s->log) {
            error_setg_errno(errp, errno, "gicits-its: cannot open %s",
                             s->log_path);
            return;
        }
        setvbuf(s->log, NULL, _IOLBF, 0);
    }
    gicits_mem_init(&s->mem, &gm_ops, s);
    if (make_its(s, errp)) {
        return;
    }

    memory_region_init_io(&s->iomem_ctrl, OBJECT(s), &ctrl_ops, s,
                          "gicits-control", ITS_CONTROL_SIZE);
    memory_region_init_io(&s->iomem_trans, OBJECT(s), &trans_ops, s,
                          "gicits-translation", ITS_TRANS_SIZE);
    memory_region_init(&s->iomem_main, OBJECT(s), "gicits_its", ITS_SIZE);
    memory_region_add_subregion(&s->iomem_main, 0, &s->iomem_ctrl);
    memory_region_add_subregion(&s->iomem_main, ITS_CONTROL_SIZE,
                                &s->iomem_trans);
    sysbus_init_mmio(sbd, &s->iomem_main);
    msi_nonbroken = true;
}

static void gicits_its_reset(DeviceState *dev)
{
    GicitsITSState *s = GICITS_ITS(dev);

    /* A fresh ITS is the reset state (disabled, tables invalid). */
    gicits_its_destroy(s->its);
    s->its = NULL;
    if (make_its(s, NULL)) {
        error_report("gicits-its: cannot recreate the ITS at reset");
        abort();
    }
}

static void gicits_its_unrealize(DeviceState *dev)
{
    GicitsITSState *s = GICITS_ITS(dev);

    gicits_its_destroy(s->its);
    s->its = NULL;
    if (s->log) {
        fclose(s->log);
        s->log = NULL;
    }
    g_free(s->snap);
    s->snap = NULL;
}

/* --- migration: the gicits snapshot as one VBUFFER --------------------- */

static int gicits_its_pre_save(void *opaque)
{
    GicitsITSState *s = opaque;
    size_t need = 0, used = 0;
    int err;

    err = gicits_snapshot_size(NULL, &s->its, 1, &need);
    if (err) {
        error_report("gicits-its: snapshot size: %s", gicits_strerror(err));
        return -EINVAL;
    }
    g_free(s->snap);
    s->snap = g_malloc(need);
    err = gicits_snapshot_save(NULL, &s->its, 1, s->snap, need, &used);
    if (err) {
        error_report("gicits-its: snapshot save: %s", gicits_strerror(err));
        return -EINVAL;
    }
    s->snap_len = used;
    return 0;
}

static int gicits_its_post_save(void *opaque)
{
    GicitsITSState *s = opaque;

    g_free(s->snap);
    s->snap = NULL;
    s->snap_len = 0;
    return 0;
}

static int gicits_its_post_load(void *opaque, int version_id)
{
    GicitsITSState *s = opaque;
    int err;

    /* RAM (the tables) is loaded before devices; restore rebuilds the
     * translation index from it. */
    err = gicits_snapshot_restore(NULL, &s->its, 1, s->snap, s->snap_len);
    g_free(s->snap);
    s->snap = NULL;
    s->snap_len = 0;
    if (err) {
        error_report("gicits-its: snapshot restore: %s", gicits_strerror(err));
        return -EINVAL;
    }
    return 0;
}

static const VMStateDescription vmstate_gicits_its = {
    .name = "gicits_its",
    .version_id = 1,
    .minimum_version_id = 1,
    .priority = MIG_PRI_GICV3_ITS,
    .pre_save = gicits_its_pre_save,
    .post_save = gicits_its_post_save,
    .post_load = gicits_its_post_load,
    .fields = (VMStateField[]) {
        VMSTATE_UINT32(snap_len, GicitsITSState),
        VMSTATE_VBUFFER_ALLOC_UINT32(snap, GicitsITSState, 0, NULL, snap_len),
        VMSTATE_END_OF_LIST()
    },
};

static Property gicits_its_props[] = {
    DEFINE_PROP_LINK("parent-gicv3", GicitsITSState, gicv3, "arm-gicv3",
                     GICv3State *),
    DEFINE_PROP_STRING("log", GicitsITSState, log_path),
    DEFINE_PROP_STRING("cache", GicitsITSState, cache_mode),
    DEFINE_PROP_BOOL("strict", GicitsITSState, strict, false),
    DEFINE_PROP_BOOL("trace", GicitsITSState, trace_all, false),
    DEFINE_PROP_END_OF_LIST(),
};

static void gicits_its_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->realize = gicits_its_realize;
    dc->unrealize = gicits_its_unrealize;
    dc->reset = gicits_its_reset;
    dc->vmsd = &vmstate_gicits_its;
    dc->desc = "GICv3 ITS modelled by libgicits";
    device_class_set_props(dc, gicits_its_props);
}

static const TypeInfo gicits_its_info = {
    .name = TYPE_GICITS_ITS,
    .parent = TYPE_SYS_BUS_DEVICE,
    .instance_size = sizeof(GicitsITSState),
    .class_init = gicits_its_class_init,
};

static void gicits_its_register_types(void)
{
    type_register_static(&gicits_its_info);
}

type_init(gicits_its_register_types)
