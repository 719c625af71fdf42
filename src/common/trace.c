/* SPDX-License-Identifier: BSD-2-Clause */
#include "gicits/trace.h"

const char *gicits_trace_kind_name(enum gicits_trace_kind kind)
{
	switch (kind) {
	case GICITS_TRACE_COMMAND:
		return "command";
	case GICITS_TRACE_TRANSLATE:
		return "translate";
	case GICITS_TRACE_DROP:
		return "drop";
	case GICITS_TRACE_ERROR:
		return "error";
	case GICITS_TRACE_STALL:
		return "stall";
	case GICITS_TRACE_REG:
		return "reg";
	case GICITS_TRACE_FINDING:
		return "finding";
	}
	return "?";
}

const char *gicits_drop_name(enum gicits_drop drop)
{
	switch (drop) {
	case GICITS_DROP_NONE:
		return "none";
	case GICITS_DROP_DEVICE_OOR:
		return "device_oor";
	case GICITS_DROP_DEVICE_UNMAPPED:
		return "device_unmapped";
	case GICITS_DROP_EVENT_OOR:
		return "event_oor";
	case GICITS_DROP_EVENT_UNMAPPED:
		return "event_unmapped";
	case GICITS_DROP_COLLECTION_UNMAPPED:
		return "collection_unmapped";
	case GICITS_DROP_VPE_UNMAPPED:
		return "vpe_unmapped";
	case GICITS_DROP_ITS_DISABLED:
		return "its_disabled";
	case GICITS_DROP_NO_TABLE:
		return "no_device_table";
	case GICITS_DROP_EVENTID_WIDTH:
		return "eventid_width";
	case GICITS_DROP_MEMORY_FAULT:
		return "memory_fault";
	case GICITS_DROP_LPIS_DISABLED:
		return "lpis_disabled";
	case GICITS_DROP_INTID_OOR:
		return "intid_oor";
	case GICITS_DROP_BUDGET:
		return "budget";
	case GICITS_DROP_SINK:
		return "sink";
	}
	return "?";
}
