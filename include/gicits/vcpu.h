/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * DOC: the virtual CPU interface (GICv4.0)
 *
 * A gic created with struct gicits_gic_config.version GICITS_GIC_V4_0 has,
 * per redistributor, a vPE residency (GICR_VPENDBASER, <gicits/rdist.h>)
 * and a minimal virtual CPU interface for the vPE resident there: what a
 * vCPU running on that PE would see through ICV_IAR1_EL1, ICV_EOIR1_EL1 and
 * ICH_VMCR_EL2.VPMR with GICv4 direct injection.  Virtual Group 1 and
 * EOImode 0 only; list registers are not modelled.
 *
 * The redistributor holds the resident vPE's pending vLPIs in memory of its
 * own (the ITS sets them without a lock, as it sets physical LPIs) and
 * caches their configuration from the virtual LPI configuration table
 * (GICR_VPROPBASER) with the gic's lpi_cache model: GICITS_LPI_CACHE_HPP
 * caches only the highest-priority pending enabled vLPI, re-read on
 * scheduling, on INV of a virtual event and VINVALL (when the vPE is
 * resident on the redistributor its vPE table entry names), and whenever
 * that vLPI stops being pending (QEMU 7.2's model, which `gicits replay`
 * uses); GICITS_LPI_CACHE_FULL caches every pending vLPI's configuration,
 * re-read on the same invalidations.  Priorities compare the full byte &
 * 0xFC, a lower vINTID winning a tie, as for physical LPIs.
 *
 * GICv4.1 (a gic of version GICITS_GIC_V4_1): the interface also signals
 * the resident vPE's vSGIs (INTIDs 0..15; spec/gicv41.md §4, §9): one that
 * is pending, enabled and Group 1 by VSGI, while the vPE was scheduled with
 * VGrp1En = 1, at the priority VSGI gave (its top nibble only, §13 row
 * 18).  A vSGI and a vLPI compare by priority; a tie goes to the vSGI
 * (the lower INTID).  Acknowledging a vSGI clears its pending bit (vSGIs
 * have no active state: the guest chose GICD_CTLR.nASSGIreq = 1) and its
 * priority is the running priority until gicits_vcpu_eoi().  vLPIs are
 * signalled only while VGrp1En = 1 (otherwise they stay pending, §7.4).
 * Group 0 vSGIs are not signalled (Virtual Group 1 only) but count for
 * PendingLast and the default doorbell with VGrp0En.
 *
 * A vPE is "resident on @cpu" while redistributor @cpu's GICR_VPENDBASER
 * has Valid = 1; its vLPIs reach this interface only when the vPE's vPE
 * table entry (VMAPP, VMOVP) names the same redistributor.  Otherwise the
 * ITS sets the vLPI in the VPT and rings its doorbell (IHI 0069: a vPE
 * resident on another redistributor than its mapped one is UNPREDICTABLE;
 * gicits, like QEMU 7.2, leaves the vLPI in the VPT, where the
 * redistributor finds it when it schedules the vPE again).
 *
 * Thread safety: every function may be called from any thread; each holds
 * the mutex of @cpu's virtual interface (docs/concurrency.md R12).  A
 * function's result describes the moment it held that mutex.
 *
 * Errors, for every function below: GICITS_EINVAL for a NULL @gic (or a
 * NULL out pointer or callback), GICITS_ENOTSUP when @gic is not a GICv4.0
 * or GICv4.1 gic, GICITS_ENOENT when @cpu is not below gicits_gic_num_cpus().
 */
#ifndef GICITS_VCPU_H
#define GICITS_VCPU_H

#include <stdbool.h>
#include <stdint.h>

#include "gicits/rdist.h"
#include "gicits/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * gicits_vcpu_resident() - which vPE is resident on @cpu
 * @vpt: receives the resident vPE's VPT address (GICR_VPENDBASER[51:16]),
 *       or 0 when none is
 *
 * Return: 1 when a vPE is resident, 0 when none is, or an error above.
 */
GICITS_API int gicits_vcpu_resident(struct gicits_gic *gic, unsigned cpu,
				    uint64_t *vpt);

/**
 * gicits_vcpu_resident_vpeid() - GICv4.1: which vPE is resident on @cpu
 * @vpeid: receives GICR_VPENDBASER.vPEID of the resident vPE (0 when none)
 * Return: 1 when a vPE is resident, 0 when none is, GICITS_ENOTSUP for a
 * gic that is not GICv4.1, or an error above.
 */
GICITS_API int gicits_vcpu_resident_vpeid(struct gicits_gic *gic, unsigned cpu,
					  uint32_t *vpeid);

/**
 * gicits_vcpu_hppi() - highest-priority pending vLPI @cpu's vCPU would take
 * @vintid: receives its vINTID, or GICITS_INTID_SPURIOUS when none is
 *          signalled: no vPE resident, nothing pending and enabled (as the
 *          redistributor's cache sees it), masked by VPMR or by the running
 *          priority
 *
 * Changes no architectural state (in the GICITS_LPI_CACHE_FULL model the
 * redistributor takes in the vLPIs made pending since it last looked, as
 * gicits_cpu_hppi() does).
 *
 * Return: GICITS_OK or an error above.
 */
GICITS_API int gicits_vcpu_hppi(struct gicits_gic *gic, unsigned cpu,
				uint32_t *vintid);

/**
 * gicits_vcpu_ack() - acknowledge (ICV_IAR1_EL1) on @cpu's vCPU
 * @vintid: receives the vINTID, or GICITS_INTID_SPURIOUS
 *
 * The signalled vLPI stops being pending in the resident vPE and its
 * priority (truncated to the implemented priority bits) becomes the
 * running priority until gicits_vcpu_eoi().
 *
 * Return: GICITS_OK or an error above.
 */
GICITS_API int gicits_vcpu_ack(struct gicits_gic *gic, unsigned cpu,
			       uint32_t *vintid);

/**
 * gicits_vcpu_eoi() - end of interrupt (ICV_EOIR1_EL1, EOImode 0) on @cpu
 * @vintid: the acknowledged vINTID (priority drop of the most recent
 *          acknowledge, as gicits_cpu_eoi())
 *
 * The active priorities belong to the vCPU interface, not to a vPE:
 * descheduling does not drop them (a hypervisor saves and restores
 * ICH_AP1R with the vCPU; this model has a single vCPU context per PE).
 *
 * Return: GICITS_OK; GICITS_ESTATE if nothing is active; or an error above.
 */
GICITS_API int gicits_vcpu_eoi(struct gicits_gic *gic, unsigned cpu,
			       uint32_t vintid);

/**
 * gicits_vcpu_set_vpmr() - write ICH_VMCR_EL2.VPMR of @cpu
 * @vpmr: the virtual priority mask; truncated to the implemented priority
 *        bits (struct gicits_gic_config.pri_bits, 5 by default: 0xff reads
 *        back 0xf8, and a vLPI of priority 0xf8 or above is never
 *        signalled).  Resets to 0: nothing is signalled until it is set.
 *        (QEMU 7.2 stores VPMR unmasked through ICH_VMCR_EL2; the oracle
 *        writes 0xF8, where both agree.)
 *
 * Return: GICITS_OK or an error above.
 */
GICITS_API int gicits_vcpu_set_vpmr(struct gicits_gic *gic, unsigned cpu,
				    uint8_t vpmr);

/**
 * gicits_vcpu_get_vpmr() - read ICH_VMCR_EL2.VPMR of @cpu into @vpmr
 *
 * Return: GICITS_OK or an error above.
 */
GICITS_API int gicits_vcpu_get_vpmr(struct gicits_gic *gic, unsigned cpu,
				    uint8_t *vpmr);

/**
 * gicits_vcpu_pending_foreach() - visit the pending vLPIs of @cpu's
 * resident vPE
 * @fn: called with each pending vINTID in ascending order, with the
 *      interface's mutex held (must not call into this gic); a non-zero
 *      return stops the walk and is returned
 *
 * Only the redistributor's own set: nothing when no vPE is resident (the
 * VPT in guest memory is then the whole state), and not the VPT bits an
 * ITS set while the vPE was resident on a redistributor other than its
 * mapped one (UNPREDICTABLE; they are in guest memory).
 *
 * Return: GICITS_OK, @fn's non-zero value, or an error above.
 */
GICITS_API int gicits_vcpu_pending_foreach(struct gicits_gic *gic, unsigned cpu,
					   int (*fn)(void *opaque,
						     uint32_t vintid),
					   void *opaque);

#ifdef __cplusplus
}
#endif
#endif
