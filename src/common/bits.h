/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Bitfields written as the specification writes them.  Internal.
 *
 * bits_get(v, hi, lo) extracts bits [hi:lo] of v; bits_set(v, hi, lo, x)
 * returns v with them replaced by x (masked to the width).  A field is
 * defined once, as a macro expanding to "hi, lo", and used as the last two
 * arguments:
 *
 *     #define GITS_CTLR_ENABLED 0, 0
 *     if (bits_get(ctlr, GITS_CTLR_ENABLED)) ...
 *
 * Each block keeps its register and packed-word fields in one header
 * (its/its_fields.h, rdist/rdist_fields.h); command fields are public, in
 * <gicits/cmd.h>.
 */
#ifndef GICITS_COMMON_BITS_H
#define GICITS_COMMON_BITS_H

#include <stdint.h>
#include <string.h>

/* For the few small functions of the MSI path that the compiler would
 * otherwise leave as calls (each call is a measurable share of one
 * translation: docs/performance.md). */
#if defined(__GNUC__)
#define HOT_INLINE inline __attribute__((always_inline))
#else
#define HOT_INLINE inline
#endif

/* COLD_NOINLINE: a rarely taken branch's function, kept out of line so
 * that the hot caller keeps fewer registers live; LIKELY(c) / UNLIKELY(c):
 * the branch the hot path takes / does not take. */
#if defined(__GNUC__)
#define COLD_NOINLINE __attribute__((noinline, cold))
#define LIKELY(c) __builtin_expect(!!(c), 1)
#define UNLIKELY(c) __builtin_expect(!!(c), 0)
#else
#define COLD_NOINLINE
#define LIKELY(c) (c)
#define UNLIKELY(c) (c)
#endif

/* NOINLINE: a function the MSI path calls only in a configuration it does
 * not optimise for (an external LPI sink), kept a call so that its code
 * does not grow the inlined path (LTO would inline it otherwise); not
 * cold, since it is that configuration's every MSI. */
#if defined(__GNUC__)
#define NOINLINE __attribute__((noinline))
#else
#define NOINLINE
#endif

/* PREFETCH(p) / PREFETCH_W(p): a hint that *p is read / written soon;
 * compiles to nothing where the builtin is missing. */
#if defined(__GNUC__) || defined(__clang__)
#define PREFETCH(p) __builtin_prefetch((p), 0)
#define PREFETCH_W(p) __builtin_prefetch((p), 1)
#else
#define PREFETCH(p) ((void)(p))
#define PREFETCH_W(p) ((void)(p))
#endif

static inline uint64_t bits_mask(unsigned hi, unsigned lo)
{
	return (hi - lo >= 63 ? ~0ULL : ((1ULL << (hi - lo + 1)) - 1)) << lo;
}

static inline uint64_t bits_get(uint64_t v, unsigned hi, unsigned lo)
{
	return (v & bits_mask(hi, lo)) >> lo;
}

static inline uint64_t bits_set(uint64_t v, unsigned hi, unsigned lo,
				uint64_t x)
{
	return (v & ~bits_mask(hi, lo)) | ((x << lo) & bits_mask(hi, lo));
}

static inline int bit_get(uint64_t v, unsigned n)
{
	return (int)((v >> n) & 1);
}

/* A 32- or 64-bit write of @val at byte @offset into a 64-bit register whose
 * value is @old: 32-bit accesses replace the half that @offset names. */
static inline uint64_t reg64_merge(uint64_t old, uint32_t offset, unsigned size,
				   uint64_t val)
{
	if (size == 8)
		return val;
	if (offset & 4)
		return (old & 0xffffffffu) | (val << 32);
	return (old & ~0xffffffffULL) | (val & 0xffffffffu);
}

/* Index of the lowest set bit of @v (v != 0), portable C11. */
static inline unsigned ctz64(uint64_t v)
{
	unsigned n = 0;

	if (!(v & 0xffffffffu)) {
		n += 32;
		v >>= 32;
	}
	if (!(v & 0xffff)) {
		n += 16;
		v >>= 16;
	}
	if (!(v & 0xff)) {
		n += 8;
		v >>= 8;
	}
	if (!(v & 0xf)) {
		n += 4;
		v >>= 4;
	}
	if (!(v & 0x3)) {
		n += 2;
		v >>= 2;
	}
	return n + (unsigned)(!(v & 1));
}

/* Little-endian loads and stores: memcpy plus a byte swap on big-endian
 * hosts (the test folds to a constant, the memcpy to one instruction). */
static inline int host_is_le(void)
{
	const uint16_t one = 1;
	uint8_t b;

	memcpy(&b, &one, 1);
	return b == 1;
}

static inline uint64_t bswap64_portable(uint64_t v)
{
	v = (v & 0x00000000ffffffffULL) << 32 | (v >> 32);
	v = (v & 0x0000ffff0000ffffULL) << 16 |
	    ((v >> 16) & 0x0000ffff0000ffffULL);
	return (v & 0x00ff00ff00ff00ffULL) << 8 |
	       ((v >> 8) & 0x00ff00ff00ff00ffULL);
}

static inline uint64_t le64_read(const void *p)
{
	uint64_t v;

	memcpy(&v, p, 8);
	return host_is_le() ? v : bswap64_portable(v);
}

static inline uint32_t le32_read(const void *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return host_is_le() ? v : (uint32_t)(bswap64_portable(v) >> 32);
}

static inline uint16_t le16_read(const void *p)
{
	const uint8_t *b = p;

	return (uint16_t)(b[0] | b[1] << 8);
}

static inline void le64_write(void *p, uint64_t v)
{
	if (!host_is_le())
		v = bswap64_portable(v);
	memcpy(p, &v, 8);
}

static inline void le32_write(void *p, uint32_t v)
{
	if (!host_is_le())
		v = (uint32_t)(bswap64_portable(v) >> 32);
	memcpy(p, &v, 4);
}

#endif
