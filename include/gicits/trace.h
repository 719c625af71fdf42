/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * DOC: trace records
 *
 * Every ITS and GIC takes an optional trace callback.  It receives one
 * structured record per command, translation, dropped MSI, command error,
 * register access to a reserved or read-only location, and strict-mode or
 * cache-check finding.  Records are valid only during the call.  The callback
 * runs with the caller's locks held: it must not call back into gicits.
 */
#ifndef GICITS_TRACE_H
#define GICITS_TRACE_H

#include <stdint.h>

#include "gicits/export.h"

#ifdef __cplusplus
extern "C" {
#endif

enum gicits_trace_kind {
	GICITS_TRACE_COMMAND = 1, /* a command was executed (error == 0) */
	GICITS_TRACE_TRANSLATE, /* an MSI was translated and made pending */
	GICITS_TRACE_DROP, /* an MSI or INT was dropped (see drop) */
	GICITS_TRACE_ERROR, /* a command error (error = E_ITS_* code) */
	GICITS_TRACE_STALL, /* the command queue stalled */
	GICITS_TRACE_REG, /* access to a reserved or RO/WO register, or an
			   * UNPREDICTABLE write resolved by a documented choice */
	GICITS_TRACE_FINDING, /* cache check or strict-mode finding (rule) */
};

/*
 * Why an MSI was dropped.  The first values equal the GITS_STATUSR.Syndrome
 * encodings (IHI 0069 GITS_STATUSR) so that UMSI reporting can store them.
 */
enum gicits_drop {
	GICITS_DROP_NONE = 0,
	GICITS_DROP_DEVICE_OOR = 0x2, /* DeviceID beyond Devbits / table */
	GICITS_DROP_DEVICE_UNMAPPED = 0x3, /* no valid DTE (or L1 entry) */
	GICITS_DROP_EVENT_OOR = 0x4, /* EventID >= 2^(DTE.Size+1) */
	GICITS_DROP_EVENT_UNMAPPED = 0x5, /* no valid ITE */
	GICITS_DROP_COLLECTION_UNMAPPED = 0x7, /* ICID OOR or CTE invalid */
	GICITS_DROP_VPE_UNMAPPED = 0x9,
	/* gicits-only reasons (syndrome 0b0000 "unknown" in STATUSR) */
	GICITS_DROP_ITS_DISABLED = 0x10, /* GITS_CTLR.Enabled == 0 */
	GICITS_DROP_NO_TABLE, /* device table BASER not Valid */
	GICITS_DROP_EVENTID_WIDTH, /* EventID bits above ID_bits */
	GICITS_DROP_MEMORY_FAULT, /* a table walk faulted */
	GICITS_DROP_LPIS_DISABLED, /* target GICR_CTLR.EnableLPIs == 0 */
	GICITS_DROP_INTID_OOR, /* INTID beyond the RD's PROPBASER.IDbits */
	/* the RD's pending state would pass pending_budget_bytes (or its
	 * allocation failed): the LPI is lost (docs/configuration.md) */
	GICITS_DROP_BUDGET,
	/* an external LPI sink's set_pending returned a value that is not
	 * one of the redistributor reasons above (<gicits/sink.h>) */
	GICITS_DROP_SINK,
};

/**
 * struct gicits_trace_record - one traced event
 * @kind: what happened
 * @source: "its" or "rdist"
 * @cmd: command number (DW0[7:0]) for COMMAND/ERROR/STALL, else 0
 * @offset: queue offset of the command, or register offset for REG
 * @device_id: DeviceID involved, if any
 * @event_id: EventID involved, if any
 * @intid: LPI INTID involved, if any (0 if none)
 * @icid: collection involved, if any
 * @cpu: target redistributor (processor number), or -1
 * @error: E_ITS_* code for ERROR/STALL (and GICITS_E_ITS_SYNC_PROCNUM_OOR
 *         for the strict-mode SYNC finding), 0 otherwise
 * @drop: reason for DROP
 * @value: register value for REG
 * @rule: name of the architectural rule or knob involved (never NULL)
 * @message: human-readable text (never NULL)
 */
struct gicits_trace_record {
	enum gicits_trace_kind kind;
	const char *source;
	uint8_t cmd;
	uint64_t offset;
	uint32_t device_id;
	uint32_t event_id;
	uint32_t intid;
	uint32_t icid;
	int64_t cpu;
	uint32_t error;
	enum gicits_drop drop;
	uint64_t value;
	const char *rule;
	const char *message;
};

typedef void (*gicits_trace_fn)(void *opaque,
				const struct gicits_trace_record *rec);

/** gicits_trace_kind_name() - "command", "translate", ... ("?" if unknown) */
GICITS_API const char *gicits_trace_kind_name(enum gicits_trace_kind kind);

/** gicits_drop_name() - "device_oor", "event_unmapped", ... ("?" if unknown) */
GICITS_API const char *gicits_drop_name(enum gicits_drop drop);

#ifdef __cplusplus
}
#endif
#endif
