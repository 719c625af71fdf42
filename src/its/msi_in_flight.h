/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * An MSI whose caller has announced it in flight itself
 * (src/common/inflight.h, docs/concurrency.md I10).  For the VM layer
 * (src/vm/host.c, forward.c), which announces once per host MSI and reads
 * its own lock-free state inside the announcement (docs/vm.md "How the MSI
 * path stays lock-free and safe").  Not exported (no GICITS_API).
 */
#ifndef GICITS_ITS_MSI_IN_FLIGHT_H
#define GICITS_ITS_MSI_IN_FLIGHT_H

#include <stdatomic.h>
#include <stdint.h>

#include "gicits/trace.h"

struct gicits_its;

/*
 * gicits_its_msi() on @its without its own announcement: the caller has
 * announced the calling thread's MSI (inflight_enter_fast() or
 * inflight_enter()) and retires it after this returns, so every ordering
 * point's drain of @its (and of any other ITS or redistributor) waits for
 * it as for gicits_its_msi().  Must not be called unannounced, nor
 * announced twice (announcements do not nest).  @its must be valid.
 *
 * Return: GICITS_DROP_NONE, or the reason the ITS dropped the MSI, as
 * gicits_its_msi().
 */
enum gicits_drop its_msi_in_flight(struct gicits_its *its, uint32_t devid,
				   uint32_t event);

struct inflight_slot;

/*
 * its_msi_in_flight(), then the caller's announcement retired
 * (inflight_leave_fast(@slot)) after the delivery or drop, so that the
 * caller's call can be its last (a tail call: the VM layer's MSI keeps no
 * frame around it).  @slot: the INFLIGHT_ASYM slot inflight_enter_fast()
 * returned.  @drops: when not NULL, incremented (relaxed) for an MSI the
 * ITS dropped (the VM host's guest_dropped counter).
 */
enum gicits_drop its_msi_in_flight_retire(struct gicits_its *its,
					  uint32_t devid, uint32_t event,
					  struct inflight_slot *slot,
					  _Atomic uint64_t *drops);

/*
 * The miss hook: what an MSI the ITS drops becomes.  Called with the
 * drop reason @d for every MSI the ITS drops (whatever the path: fast,
 * general, burst, GITS_TRANSLATER), after the ITS has recorded the drop
 * (trace record, GITS_STATUSR.UMSI), inside the MSI's announcement
 * (docs/concurrency.md I10): so every drain, of this ITS or of any other
 * ITS or redistributor the hook delivers to, waits for it.  It must take
 * no lock, not wait, not announce (announcements do not nest: call other
 * ITSs with its_msi_in_flight()), and return the MSI's result (@d, or
 * GICITS_DROP_NONE when it delivered it elsewhere).  Never called for an
 * MSI the ITS delivers: the hook costs the delivery path nothing.
 *
 * For the VM layer's forwarded mode (src/vm/forward.c): the host GICv4.0
 * ITS's misses go to the vITS of the VM that owns the host DeviceID, as
 * KVM's host LPI for a forwarded device that is not (yet) a vLPI injects
 * through the emulated ITS (docs/vm.md "MSIs").
 */
typedef enum gicits_drop (*its_miss_fn)(void *opaque, struct gicits_its *its,
					uint32_t devid, uint32_t event,
					enum gicits_drop d);

/* Install (@fn not NULL) or remove the miss hook of @its.  The caller
 * ensures that no MSI of @its still runs the old hook when the hook's
 * @opaque goes away (a drain: inflight_drain(), or no MSI at all). */
void its_set_miss_hook(struct gicits_its *its, its_miss_fn fn, void *opaque);

#endif
