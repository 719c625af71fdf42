/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * DOC: symbol visibility
 *
 * GICITS_API marks the declaration of every function of the public API.  The
 * library is compiled with hidden visibility by default, so only functions so
 * marked are exported from libgicits.so (and the linker's version script,
 * cmake/gicits.map, keeps anything else out as well).  Inline functions and
 * macros (<gicits/cmd.h>) need no mark.  A GICITS_API defined before the
 * first gicits header is left alone.
 */
#ifndef GICITS_EXPORT_H
#define GICITS_EXPORT_H

#ifndef GICITS_API
#if defined(__GNUC__) || defined(__clang__)
#define GICITS_API __attribute__((visibility("default")))
#else
#define GICITS_API
#endif
#endif

#endif
