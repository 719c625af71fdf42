/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * DOC: the LPI sink: what an ITS asks of a redistributor
 *
 * An ITS translates (DeviceID, EventID) into (processor, INTID) and then
 * asks a redistributor to act on that LPI: make it pending (an MSI, INT),
 * clear it (CLEAR, DISCARD), move it to another redistributor (MOVI), move
 * everything pending (MOVALL), reload its configuration (INV, INVALL).
 * struct gicits_lpi_sink_ops is that interface.  gicits's own
 * redistributors implement it (gicits_gic_lpi_sink_ops()); an embedder with
 * redistributors of its own (QEMU's, any emulator's) implements it and
 * creates the ITS with gicits_its_create_with_sink().  The ITS then keeps
 * all of its guarantees -- the DeviceID from the bus selects the device's
 * own ITT (isolation), MSIs take no lock, the ordering points wait for the
 * MSIs in flight -- and the redistributor side is the embedder's.
 *
 * gicits_its_create() is the same ITS over gicits's redistributors, called
 * directly (the MSI fast path inlines the "already pending" test and bursts
 * prefetch the pending words), not through these callbacks.
 *
 * Processor numbers.  The ITS names redistributors by processor number,
 * 0 .. num_cpus - 1: an RDbase field of MAPC, MOVALL and SYNC is resolved
 * by @rdbase_to_cpu (or, without it, is the processor number itself,
 * GITS_TYPER.PTA = 0), once at MAPC for the MSI path.  Every @cpu, @from
 * and @to the ITS passes to a callback is below num_cpus.
 *
 * Threads and locks.  The callbacks run on the threads that call into the
 * ITS, with the locks listed at each (docs/concurrency.md L1-L6):
 *
 * - @set_pending runs inside MSIs: on every thread that calls
 *   gicits_its_msi(), gicits_its_msi_burst() or writes GITS_TRANSLATER,
 *   with no gicits lock held, concurrently with itself (for the same or
 *   other LPIs) and with every other callback; and from the INT command,
 *   with the ITS lock held.
 * - @clear, @move, @move_all, @inv and @inv_all run from command
 *   processing (a GITS_CWRITER write, or enabling the ITS), with the ITS
 *   lock held, so one at a time per ITS (several ITSes over one sink may
 *   call concurrently), concurrently with @set_pending.
 * - @rdbase_to_cpu runs from command processing and snapshot paths (ITS
 *   lock held) and inside MSIs that miss the translation index (no lock,
 *   concurrently).  @num_cpus and @intid_bits run once, inside
 *   gicits_its_create_with_sink().
 *
 * No callback may call back into this ITS (register access, MSI, command,
 * snapshot): its lock may be held, and an MSI in flight must not wait for
 * the ITS (below).  A callback should record and return; it must never
 * wait for a thread that is inside an ITS command.
 *
 * Ordering.  An MSI is in flight from before its translation until
 * @set_pending has returned (docs/concurrency.md I10).  The ordering
 * points -- SYNC, DISCARD, MOVI, MOVALL, MAPD V = 0, MAPC V = 0, clearing
 * GITS_CTLR.Enabled -- wait for
 * every MSI that was in flight when they made their change, and DISCARD
 * calls @clear, MOVI @move and MOVALL @move_all only after that wait.  So
 * the sink never sees an MSI of an old mapping after the command that
 * ended it: after DISCARD (or MOVI), no @set_pending for the discarded (or
 * moved) translation follows the @clear (or @move), and after SYNC no
 * @set_pending of an MSI issued before the SYNC is still to come.  An
 * MSI's own thread sees its @set_pending return before gicits_its_msi()
 * returns.  A redistributor of the embedder that needs the same guarantee
 * for itself (clearing GICR_CTLR.EnableLPIs: stop accepting, then write the
 * pending table back) calls gicits_its_msi_barrier() in between.
 *
 * GICv4.0.  An ITS of version GICITS_GIC_V4_0 over a sink has no vPE
 * residency (the sink has no vPE operations yet): every vLPI goes to its
 * vPE's virtual pending table in guest memory, and its doorbell, a physical
 * LPI, reaches the sink through @set_pending.
 *
 * Snapshots.  An ITS over an external sink is saved and restored with
 * gicits_snapshot_save() / gicits_snapshot_restore() with a NULL gic
 * (<gicits/snapshot.h>): the snapshot holds the ITS's own state only
 * (registers, HCC collections, counters).  The redistributors' state --
 * pending LPIs, configuration, what the sink caches -- is the embedder's
 * to save with its own redistributors.  gicits_snapshot_kvm_export() and
 * gicits_snapshot_kvm_import() work on such an ITS as on any other.
 */
#ifndef GICITS_SINK_H
#define GICITS_SINK_H

#include <stdbool.h>
#include <stdint.h>

#include "gicits/its.h"
#include "gicits/mem.h"
#include "gicits/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * struct gicits_lpi_sink_ops - the redistributor operations an ITS calls
 *
 * Written with a designated initialiser, .size = sizeof(struct
 * gicits_lpi_sink_ops); members not named are NULL.  The struct only grows
 * at its end (the GICv4 operations come next: vLPI pending, vPE residency,
 * doorbells), and @size tells the library which members the caller knows:
 * gicits_its_create_with_sink() copies @size bytes and treats every member
 * beyond them as NULL, so an embedder built against this header keeps
 * working with a later library.  It refuses a @size of 0, one that stops
 * before @inv_all (this first version), or one larger than the library's
 * struct (a header newer than the library).
 *
 * @ctx below is the @sink_ctx given to gicits_its_create_with_sink().
 *
 * @size: sizeof(struct gicits_lpi_sink_ops) as the caller was compiled
 * @num_cpus: the number of redistributors, 1..65536; called once at
 *            create.  Required.
 * @intid_bits: the INTID width the redistributors implement (GICD_TYPER.
 *              IDbits + 1), 14..32; called once at create.  MAPTI and MAPI
 *              refuse a pINTID at or above 2^@intid_bits
 *              (E_ITS_MAPTI_PHYSICALID_OOR).  Required.
 * @rdbase_to_cpu: the processor number the RDbase field @rdbase (bits
 *                 [50:16] of the command, shifted down) names: true and
 *                 *@cpu, or false when it names no redistributor.  @pta is
 *                 GITS_TYPER.PTA (true: an RD_base physical address >> 16;
 *                 false: a processor number); a KVM ABI import asks with
 *                 @pta false.  Must be a pure function of its arguments
 *                 (the ITS caches the answer at MAPC); an answer >=
 *                 @num_cpus is taken as false.  Optional: NULL means
 *                 processor numbers below @num_cpus, and then an ITS with
 *                 PTA = 1 is refused.
 * @set_pending: make @intid pending on redistributor @cpu (an MSI or INT
 *               the ITS translated).  Returns GICITS_DROP_NONE (0) when the
 *               LPI is, or already was, pending, else why the
 *               redistributor dropped it: GICITS_DROP_LPIS_DISABLED
 *               (EnableLPIs == 0), GICITS_DROP_INTID_OOR (beyond
 *               PROPBASER.IDbits) or GICITS_DROP_BUDGET; any other value
 *               is reported as GICITS_DROP_SINK.  gicits_its_msi() returns
 *               the result; it never sets GITS_STATUSR.UMSI (the MSI was
 *               mapped).  Called concurrently from many MSI threads with no
 *               lock held, and from INT with the ITS lock held: it must be
 *               thread-safe, should not block (it is every MSI's cost),
 *               and must not call into the ITS.  Required.
 * @clear: clear the pending state of @intid on @cpu, if any (CLEAR;
 *         DISCARD, after the drain).  ITS lock held.  Required.
 * @move: MOVI: move the pending state of @intid from @from to @to (@from
 *        may equal @to); after the drain.  ITS lock held.  Required.
 * @move_all: MOVALL: move every LPI pending on @from to @to (@from may
 *            equal @to); after the drain.  ITS lock held.  Required.
 * @inv: INV: reload the cached configuration of @intid on @cpu.  ITS lock
 *       held.  Required (a sink that caches nothing does nothing).
 * @inv_all: INVALL: reload the configuration cache of @cpu, or -1 when the
 *           command failed (ICID out of range, collection unmapped or
 *           naming no redistributor): the architecture asks nothing then,
 *           and a sink may ignore it (gicits's own redistributors in the
 *           HPP model reload them all, as QEMU 7.2 does).  ITS lock held.
 *           Required.
 */
struct gicits_lpi_sink_ops {
	uint32_t size;
	unsigned (*num_cpus)(void *ctx);
	unsigned (*intid_bits)(void *ctx);
	bool (*rdbase_to_cpu)(void *ctx, uint64_t rdbase, bool pta,
			      unsigned *cpu);
	int (*set_pending)(void *ctx, unsigned cpu, uint32_t intid);
	void (*clear)(void *ctx, unsigned cpu, uint32_t intid);
	void (*move)(void *ctx, unsigned from, unsigned to, uint32_t intid);
	void (*move_all)(void *ctx, unsigned from, unsigned to);
	void (*inv)(void *ctx, unsigned cpu, uint32_t intid);
	void (*inv_all)(void *ctx, int cpu);
	/* Reserved: the GICv4 operations (VMAPP/VMOVP residency, vLPI
	 * pending, doorbells) are appended here, after @inv_all, never
	 * before; a @size that stops short of them means "not provided". */
};

/**
 * gicits_its_create_with_sink() - create an ITS that delivers to @sink
 * @cfg: configuration (copied), as for gicits_its_create()
 * @sink: the redistributor operations (copied: the struct need not
 *        outlive the call)
 * @sink_ctx: passed to every callback; must stay valid until
 *            gicits_its_destroy()
 * @mem: guest memory for the queue and tables; must outlive the ITS
 * @out: receives the ITS, in its reset state
 *
 * The same ITS as gicits_its_create() (every register, command, error and
 * knob), delivering through @sink.  Calls @sink->num_cpus and
 * @sink->intid_bits once.  Bursts (gicits_its_msi_burst()) are taken one
 * MSI at a time: same results, no prefetching.
 *
 * Thread safety: as gicits_its_create(); callbacks: see the top of this
 * file.
 *
 * Return: GICITS_OK; GICITS_EINVAL for a NULL @cfg, @sink, @mem or @out,
 * anything gicits_its_create() refuses in @cfg, a @sink->size that breaks
 * the rule of struct gicits_lpi_sink_ops, a required callback that is
 * NULL, @num_cpus or @intid_bits out of range, or @cfg->pta set without
 * @rdbase_to_cpu; GICITS_ENOTSUP for @cfg->gic GICITS_GIC_V4_1 (default
 * doorbells and vSGIs are the gic's state, src/rdist/v41.c); GICITS_ENOMEM.
 */
GICITS_API int
gicits_its_create_with_sink(const struct gicits_its_config *cfg,
			    const struct gicits_lpi_sink_ops *sink,
			    void *sink_ctx, const struct gicits_mem *mem,
			    struct gicits_its **out);

/**
 * gicits_gic_lpi_sink_ops() - the sink gicits's own redistributors implement
 *
 * Its @ctx is a struct gicits_gic *.  Each callback is what an ITS created
 * with gicits_its_create() does to the gic's redistributors; a sink of the
 * embedder can forward to it (record, filter or count on the way).
 * @rdbase_to_cpu decodes RDbase with the gic's rd_base and rd_stride when
 * @pta is true.
 *
 * Thread safety: the callbacks may be called as the top of this file says
 * (set_pending lock-free, the others take the redistributors' locks, L2).
 *
 * Return: a pointer to a static struct (never NULL), its @size this
 * library's sizeof(struct gicits_lpi_sink_ops).
 */
GICITS_API const struct gicits_lpi_sink_ops *gicits_gic_lpi_sink_ops(void);

/**
 * gicits_its_msi_barrier() - wait for the MSIs in flight now
 * @its: any ITS (the wait covers the MSIs of every ITS of the process)
 *
 * Returns once every MSI that was in flight when it was called (from
 * before its translation until its @set_pending returned) has finished.
 * An MSI that starts later is not waited for.  For a redistributor of the
 * embedder that must know no MSI will still set a bit it is about to write
 * back or clear (EnableLPIs 1 -> 0: stop accepting, call this, then write
 * the pending table back), as gicits's own redistributors do
 * (docs/concurrency.md R11).  Takes no lock; must not be called with a lock
 * held that @set_pending takes (it would wait for an MSI that waits for
 * that lock).  Called from inside a callback of an MSI, it does not wait
 * for that MSI.
 *
 * Return: GICITS_OK, or GICITS_EINVAL if @its is NULL.
 */
GICITS_API int gicits_its_msi_barrier(struct gicits_its *its);

#ifdef __cplusplus
}
#endif
#endif
