/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * DOC: gicits error values
 *
 * Every gicits function that can fail returns an int: 0 (GICITS_OK) on
 * success, a negative GICITS_E* code when the embedder misused the library or
 * handed it bad input (an API error), never errno.  Architectural outcomes --
 * a guest's command error, a dropped MSI, a stalled queue -- are not API
 * errors: they are model state, visible through registers, gicits_its_status()
 * and the trace hook.  Architected command errors keep the numbers IHI 0069
 * gives them (0x01CCEE, CC = command number, EE = error class) and are
 * positive: GICITS_E_ITS_*.
 *
 * These values are pinned: they never change between releases.
 */
#ifndef GICITS_ERROR_H
#define GICITS_ERROR_H

#include "gicits/export.h"

#ifdef __cplusplus
extern "C" {
#endif

enum gicits_err {
	GICITS_OK = 0,
	GICITS_EINVAL = -1, /* an argument is outside its documented range */
	GICITS_ENOMEM = -2, /* an allocation failed; no state was changed */
	GICITS_EFAULT = -3, /* guest-memory access outside what was handed over */
	GICITS_ERANGE = -4, /* an ID is beyond the configured width */
	GICITS_ENOENT = -5, /* no such object (CPU, redistributor, node) */
	GICITS_ESTATE = -6, /* not allowed in the current state */
	GICITS_EFORMAT = -7, /* malformed input (table, blob, scenario, snapshot) */
	GICITS_ETRUNC = -8, /* input shorter than its own headers say */
	GICITS_ELOOP = -9, /* a reference loop in firmware tables */
	GICITS_ENOTSUP = -10, /* valid request the configuration does not support */
	GICITS_EVERSION = -11, /* unknown format version */
	GICITS_EACCESS = -12, /* access size or alignment not allowed */
};

/*
 * Architected ITS command error codes (IHI 0069, "Command errors"; values as
 * in Linux arm-gic-v3.h and the GIC-600 TRM).  Pattern: 0x01CCEE with
 * CC = command number, EE: 01 DEVICE_OOR, 02 ITTSIZE/PROCNUM_OOR,
 * 03 COLLECTION_OOR, 04 UNMAPPED_DEVICE, 05 ID_OOR, 06 PHYSICALID_OOR,
 * 07 UNMAPPED_INTERRUPT, 09 UNMAPPED_COLLECTION.  Two exceptions, as the
 * architecture lists them: MOVALL uses 01 for PROCNUM_OOR, and CLEAR
 * (command 0x04) reports its errors as 0x0105EE (E_ITS_CLEAR_UNMAPPED_INTERRUPT
 * is 0x010507 in Linux, CLEAR_DEVICE_OOR 0x10501 in the GIC-600 TRM).
 * INT, CLEAR, INV and DISCARD have no UNMAPPED_COLLECTION: an unmapped or
 * out-of-range collection is their UNMAPPED_INTERRUPT (IHI 0069H.b §5.3,
 * each command's error list); only MOVI and INVALL report
 * UNMAPPED_COLLECTION.  Codes marked (pattern) follow the pattern and are
 * reported by the GIC-600; they are not in Linux's list.
 */
#define GICITS_E_ITS_MOVI_DEVICE_OOR 0x010101 /* (pattern) */
#define GICITS_E_ITS_MOVI_COLLECTION_OOR 0x010103 /* (pattern) */
#define GICITS_E_ITS_MOVI_UNMAPPED_DEVICE 0x010104 /* (pattern) */
#define GICITS_E_ITS_MOVI_ID_OOR 0x010105 /* (pattern) */
#define GICITS_E_ITS_MOVI_UNMAPPED_INTERRUPT 0x010107
#define GICITS_E_ITS_MOVI_UNMAPPED_COLLECTION 0x010109
#define GICITS_E_ITS_INT_DEVICE_OOR 0x010301 /* (pattern) */
#define GICITS_E_ITS_INT_UNMAPPED_DEVICE 0x010304 /* (pattern) */
#define GICITS_E_ITS_INT_ID_OOR 0x010305 /* (pattern) */
#define GICITS_E_ITS_INT_UNMAPPED_INTERRUPT 0x010307
#define GICITS_E_ITS_CLEAR_DEVICE_OOR 0x010501 /* (GIC-600) */
#define GICITS_E_ITS_CLEAR_UNMAPPED_DEVICE 0x010504 /* (GIC-600) */
#define GICITS_E_ITS_CLEAR_ID_OOR 0x010505 /* (GIC-600) */
#define GICITS_E_ITS_CLEAR_UNMAPPED_INTERRUPT 0x010507
#define GICITS_E_ITS_MAPD_DEVICE_OOR 0x010801
#define GICITS_E_ITS_MAPD_ITTSIZE_OOR 0x010802
#define GICITS_E_ITS_MAPC_PROCNUM_OOR 0x010902
#define GICITS_E_ITS_MAPC_COLLECTION_OOR 0x010903
#define GICITS_E_ITS_MAPTI_DEVICE_OOR 0x010A01 /* (pattern) */
#define GICITS_E_ITS_MAPTI_COLLECTION_OOR 0x010A03 /* (pattern) */
#define GICITS_E_ITS_MAPTI_UNMAPPED_DEVICE 0x010A04
#define GICITS_E_ITS_MAPTI_ID_OOR 0x010A05
#define GICITS_E_ITS_MAPTI_PHYSICALID_OOR 0x010A06
#define GICITS_E_ITS_MAPI_DEVICE_OOR 0x010B01
#define GICITS_E_ITS_MAPI_COLLECTION_OOR 0x010B03
#define GICITS_E_ITS_MAPI_UNMAPPED_DEVICE 0x010B04
#define GICITS_E_ITS_MAPI_ID_OOR 0x010B05
#define GICITS_E_ITS_MAPI_PHYSICALID_OOR 0x010B06 /* (pattern) */
#define GICITS_E_ITS_INV_DEVICE_OOR 0x010C01
#define GICITS_E_ITS_INV_UNMAPPED_DEVICE 0x010C04
#define GICITS_E_ITS_INV_ID_OOR 0x010C05 /* (pattern) */
#define GICITS_E_ITS_INV_UNMAPPED_INTERRUPT 0x010C07
#define GICITS_E_ITS_INVALL_COLLECTION_OOR 0x010D03
#define GICITS_E_ITS_INVALL_UNMAPPED_COLLECTION 0x010D09
#define GICITS_E_ITS_MOVALL_PROCNUM_OOR 0x010E01
#define GICITS_E_ITS_DISCARD_DEVICE_OOR 0x010F01 /* (pattern) */
#define GICITS_E_ITS_DISCARD_UNMAPPED_DEVICE 0x010F04 /* (pattern) */
#define GICITS_E_ITS_DISCARD_ID_OOR 0x010F05 /* (pattern) */
#define GICITS_E_ITS_DISCARD_UNMAPPED_INTERRUPT 0x010F07
/*
 * GICv4.0 commands.  No source available to this project gives IHI 0069's
 * values for the V* command errors (spec/gicv41.md §3.9, UNCONFIRMED), so
 * these are MODEL-SPECIFIC, derived from the pattern 0x01CCEE with CC the
 * command number (VMOVI 0x21, VMOVP 0x22, VMAPP 0x29, VMAPTI 0x2A, VMAPI
 * 0x2B, VINVALL 0x2D) and EE: the GICv3 classes where they carry over (01
 * DEVICE_OOR, 02 PROCNUM_OOR: RDbase names no redistributor, 04
 * UNMAPPED_DEVICE, 05 ID_OOR, 06 PHYSICALID_OOR: the doorbell is neither
 * 1023 nor an implemented LPI, 07 UNMAPPED_INTERRUPT: no valid virtual
 * ITE) and four gicits classes: 0A VPEID_OOR (vPEID beyond the vPE table),
 * 0B UNMAPPED_VPE (no valid vPE table entry), 0C VIRTUALID_OOR (vINTID not
 * an LPI, or beyond a vPE's VPT_size), 0D VPTSIZE_OOR (VMAPP VPT_size + 1
 * beyond the INTID width).  VSYNC reports no error (as SYNC; QEMU checks
 * nothing either).  Pinned like every value here: should IHI 0069's
 * values turn out to differ, that is a question for a new issue, not a
 * silent renumbering.
 */
#define GICITS_E_ITS_VMOVI_DEVICE_OOR 0x012101
#define GICITS_E_ITS_VMOVI_UNMAPPED_DEVICE 0x012104
#define GICITS_E_ITS_VMOVI_ID_OOR 0x012105
#define GICITS_E_ITS_VMOVI_PHYSICALID_OOR 0x012106
#define GICITS_E_ITS_VMOVI_UNMAPPED_INTERRUPT 0x012107
#define GICITS_E_ITS_VMOVI_VPEID_OOR 0x01210A
#define GICITS_E_ITS_VMOVI_UNMAPPED_VPE 0x01210B
#define GICITS_E_ITS_VMOVI_VIRTUALID_OOR 0x01210C
#define GICITS_E_ITS_VMOVP_PROCNUM_OOR 0x012202
#define GICITS_E_ITS_VMOVP_VPEID_OOR 0x01220A
#define GICITS_E_ITS_VMOVP_UNMAPPED_VPE 0x01220B
#define GICITS_E_ITS_VMAPP_PROCNUM_OOR 0x012902
#define GICITS_E_ITS_VMAPP_VPEID_OOR 0x01290A
#define GICITS_E_ITS_VMAPP_VPTSIZE_OOR 0x01290D
#define GICITS_E_ITS_VMAPTI_DEVICE_OOR 0x012A01
#define GICITS_E_ITS_VMAPTI_UNMAPPED_DEVICE 0x012A04
#define GICITS_E_ITS_VMAPTI_ID_OOR 0x012A05
#define GICITS_E_ITS_VMAPTI_PHYSICALID_OOR 0x012A06
#define GICITS_E_ITS_VMAPTI_VPEID_OOR 0x012A0A
#define GICITS_E_ITS_VMAPTI_VIRTUALID_OOR 0x012A0C
#define GICITS_E_ITS_VMAPI_DEVICE_OOR 0x012B01
#define GICITS_E_ITS_VMAPI_UNMAPPED_DEVICE 0x012B04
#define GICITS_E_ITS_VMAPI_ID_OOR 0x012B05
#define GICITS_E_ITS_VMAPI_PHYSICALID_OOR 0x012B06
#define GICITS_E_ITS_VMAPI_VPEID_OOR 0x012B0A
#define GICITS_E_ITS_VMAPI_VIRTUALID_OOR 0x012B0C
#define GICITS_E_ITS_VINVALL_VPEID_OOR 0x012D0A
#define GICITS_E_ITS_VINVALL_UNMAPPED_VPE 0x012D0B
/*
 * GICv4.1 (spec/gicv41.md §3.9: no architected values either; the same
 * MODEL-SPECIFIC pattern): VMAPP's and VMOVP's default doorbell neither
 * 1023 nor an implemented LPI (06); INVDB (0x2E) and VSGI (0x23) with a
 * vPEID beyond the vPE table (0A); INVDB of a vPE that is not mapped (0B).
 * VSGI of an unmapped vPE is no error, a no-op (§3.6, §13 row 22).
 */
#define GICITS_E_ITS_VMAPP_PHYSICALID_OOR 0x012906
#define GICITS_E_ITS_VMOVP_PHYSICALID_OOR 0x012206
#define GICITS_E_ITS_INVDB_VPEID_OOR 0x012E0A
#define GICITS_E_ITS_INVDB_UNMAPPED_VPE 0x012E0B
#define GICITS_E_ITS_VSGI_VPEID_OOR 0x01230A
/* gicits-defined (IMPLEMENTATION DEFINED class 0x20+, as GIC-600 IERR=1): */
#define GICITS_E_ITS_UNKNOWN_COMMAND 0x0100FF /* unknown command number */
#define GICITS_E_ITS_MEMORY_FAULT 0x0100FE /* table or queue access faulted */
/*
 * SYNC with an RDbase that names no redistributor: IHI 0069 architects no
 * error for SYNC (spec/its.md §2.4: UNCONFIRMED), so gicits never reports one
 * as a command error: the SYNC is accepted as a no-op (as QEMU does) and,
 * in strict mode, reported as a GICITS_TRACE_FINDING whose @error carries
 * this value.  It is in the gicits-defined command number 0x00, outside every
 * command's range (SYNC's own number, 0x05, is where CLEAR's errors live).
 */
#define GICITS_E_ITS_SYNC_PROCNUM_OOR 0x0100FD

/**
 * gicits_strerror() - name an error value
 * @err: a negative GICITS_E* code, 0, or a positive GICITS_E_ITS_* code
 *
 * Return: a static string such as "GICITS_EINVAL: invalid argument" or
 * "E_ITS_MAPD_DEVICE_OOR"; "unknown error" for any other value.  Never NULL.
 */
GICITS_API const char *gicits_strerror(int err);

#ifdef __cplusplus
}
#endif
#endif
