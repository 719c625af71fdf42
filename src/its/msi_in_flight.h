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

#endif
