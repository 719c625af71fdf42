/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Reading a test's input file (a DTB, an IORT, a MADT) whole
 * (test-support library).  No cmocka: the caller asserts.
 */
#ifndef GICITS_TEST_SUPPORT_BLOB_H
#define GICITS_TEST_SUPPORT_BLOB_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The bytes of @dir/@name in a malloc'd buffer (free() it) and their count
 * in *@len; NULL with errno set when the file cannot be opened or read, or
 * the path is longer than 1023 bytes. */
void *ts_read_file(const char *dir, const char *name, size_t *len);

#ifdef __cplusplus
}
#endif

#endif
