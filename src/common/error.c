/* SPDX-License-Identifier: BSD-2-Clause */
#include "gicits/error.h"

#include <stddef.h>

static const char *const api_errors[] = {
	[0] = "GICITS_OK: success",
	[1] = "GICITS_EINVAL: invalid argument",
	[2] = "GICITS_ENOMEM: out of memory",
	[3] = "GICITS_EFAULT: guest-memory access fault",
	[4] = "GICITS_ERANGE: ID out of range",
	[5] = "GICITS_ENOENT: no such object",
	[6] = "GICITS_ESTATE: not allowed in the current state",
	[7] = "GICITS_EFORMAT: malformed input",
	[8] = "GICITS_ETRUNC: truncated input",
	[9] = "GICITS_ELOOP: reference loop",
	[10] = "GICITS_ENOTSUP: not supported by this configuration",
	[11] = "GICITS_EVERSION: unknown format version",
	[12] = "GICITS_EACCESS: access size or alignment not allowed",
};

struct its_err_name {
	int code;
	const char *name;
};

#define N(x) { GICITS_##x, #x }
static const struct its_err_name its_errors[] = {
	N(E_ITS_MOVI_DEVICE_OOR), N(E_ITS_MOVI_COLLECTION_OOR),
	N(E_ITS_MOVI_UNMAPPED_DEVICE), N(E_ITS_MOVI_ID_OOR),
	N(E_ITS_MOVI_UNMAPPED_INTERRUPT), N(E_ITS_MOVI_UNMAPPED_COLLECTION),
	N(E_ITS_INT_DEVICE_OOR), N(E_ITS_INT_UNMAPPED_DEVICE),
	N(E_ITS_INT_ID_OOR), N(E_ITS_INT_UNMAPPED_INTERRUPT),
	N(E_ITS_CLEAR_DEVICE_OOR), N(E_ITS_CLEAR_UNMAPPED_DEVICE),
	N(E_ITS_CLEAR_ID_OOR), N(E_ITS_CLEAR_UNMAPPED_INTERRUPT),
	N(E_ITS_MAPD_DEVICE_OOR), N(E_ITS_MAPD_ITTSIZE_OOR),
	N(E_ITS_MAPC_PROCNUM_OOR), N(E_ITS_MAPC_COLLECTION_OOR),
	N(E_ITS_MAPTI_DEVICE_OOR), N(E_ITS_MAPTI_COLLECTION_OOR),
	N(E_ITS_MAPTI_UNMAPPED_DEVICE), N(E_ITS_MAPTI_ID_OOR),
	N(E_ITS_MAPTI_PHYSICALID_OOR), N(E_ITS_MAPI_DEVICE_OOR),
	N(E_ITS_MAPI_COLLECTION_OOR), N(E_ITS_MAPI_UNMAPPED_DEVICE),
	N(E_ITS_MAPI_ID_OOR), N(E_ITS_MAPI_PHYSICALID_OOR),
	N(E_ITS_INV_DEVICE_OOR), N(E_ITS_INV_UNMAPPED_DEVICE),
	N(E_ITS_INV_ID_OOR), N(E_ITS_INV_UNMAPPED_INTERRUPT),
	N(E_ITS_INVALL_COLLECTION_OOR),
	N(E_ITS_INVALL_UNMAPPED_COLLECTION), N(E_ITS_MOVALL_PROCNUM_OOR),
	N(E_ITS_DISCARD_DEVICE_OOR), N(E_ITS_DISCARD_UNMAPPED_DEVICE),
	N(E_ITS_DISCARD_ID_OOR), N(E_ITS_DISCARD_UNMAPPED_INTERRUPT),
	N(E_ITS_SYNC_PROCNUM_OOR),
	N(E_ITS_UNKNOWN_COMMAND), N(E_ITS_MEMORY_FAULT),
};
#undef N

const char *gicits_strerror(int err)
{
	size_t i;

	if (err <= 0 && -err < (int)(sizeof(api_errors) / sizeof(api_errors[0])))
		return api_errors[-err];
	for (i = 0; i < sizeof(its_errors) / sizeof(its_errors[0]); i++)
		if (its_errors[i].code == err)
			return its_errors[i].name;
	return "unknown error";
}
