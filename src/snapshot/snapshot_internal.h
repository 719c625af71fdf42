/* SPDX-License-Identifier: BSD-2-Clause */
/* Internal to src/snapshot (and its unit test). */
#ifndef GICITS_SNAPSHOT_INTERNAL_H
#define GICITS_SNAPSHOT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

/* CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320) of @len bytes,
 * continuing from @crc (0 to start): snap_crc32(0, "123456789", 9) is
 * 0xCBF43926. */
uint32_t snap_crc32(uint32_t crc, const void *data, size_t len);

#endif
