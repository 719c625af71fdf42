/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The translation index: what commands have said about devices, events and
 * collections since the ITS was enabled.  Each entry is "unknown" until a
 * command writes it; an unknown entry sends the lookup to guest memory (the
 * reference path), so that the index never disagrees with a memory walk for
 * software that obeys the architecture, even when it reuses ITT memory.
 *
 * Per device, ITEs live in lazily allocated chunks of 256 events (8 bytes
 * each).  Devices with more than 2^20 events are not indexed (their lookups
 * walk memory).
 */
#include "its_internal.h"

#include <stdlib.h>
#include <string.h>

#include "gicits/error.h"

#define CHUNK_EVENTS 256u
#define MAX_INDEXED_EVENT_BITS 20u

enum slot_state { SLOT_UNKNOWN = 0, SLOT_VALID = 1, SLOT_INVALID = 2 };

struct ite_slot {
	uint32_t intid;
	uint16_t icid;
	uint16_t state;
};

struct idx_dev {
	struct dte dte;
	uint32_t nchunks; /* 0: events not indexed */
	struct ite_slot **chunks;
};

/* CTE index entries: rdbase | valid << 62 | known << 63 */
#define CTE_KNOWN (1ULL << 63)
#define CTE_VALID (1ULL << 62)

static uint32_t hash32(uint32_t x)
{
	/* Integer finaliser (murmur3 fmix32). */
	x ^= x >> 16;
	x *= 0x85ebca6bu;
	x ^= x >> 13;
	x *= 0xc2b2ae35u;
	x ^= x >> 16;
	return x;
}

int index_init(struct its_index *ix, unsigned cidbits)
{
	memset(ix, 0, sizeof(*ix));
	ix->nctes = 1u << cidbits;
	ix->ctes = calloc(ix->nctes, sizeof(*ix->ctes));
	return ix->ctes ? GICITS_OK : GICITS_ENOMEM;
}

static void dev_free_events(struct idx_dev *d)
{
	uint32_t i;

	if (d->chunks)
		for (i = 0; i < d->nchunks; i++)
			free(d->chunks[i]);
	free(d->chunks);
	d->chunks = NULL;
	d->nchunks = 0;
}

void index_clear(struct its_index *ix)
{
	uint32_t i;

	for (i = 0; i < ix->cap; i++) {
		if (ix->vals[i]) {
			dev_free_events(ix->vals[i]);
			free(ix->vals[i]);
		}
	}
	free(ix->keys);
	free(ix->vals);
	ix->keys = NULL;
	ix->vals = NULL;
	ix->cap = ix->count = 0;
	if (ix->ctes)
		memset(ix->ctes, 0, ix->nctes * sizeof(*ix->ctes));
}

void index_fini(struct its_index *ix)
{
	index_clear(ix);
	free(ix->ctes);
	ix->ctes = NULL;
}

static struct idx_dev *dev_find(const struct its_index *ix, uint32_t devid)
{
	uint32_t i;

	if (!ix->cap)
		return NULL;
	for (i = hash32(devid) & (ix->cap - 1); ix->vals[i];
	     i = (i + 1) & (ix->cap - 1))
		if (ix->keys[i] == devid)
			return ix->vals[i];
	return NULL;
}

static int dev_grow(struct its_index *ix)
{
	uint32_t ncap = ix->cap ? ix->cap * 2 : 64, i, j;
	uint32_t *nkeys = calloc(ncap, sizeof(*nkeys));
	struct idx_dev **nvals = calloc(ncap, sizeof(*nvals));

	if (!nkeys || !nvals) {
		free(nkeys);
		free(nvals);
		return GICITS_ENOMEM;
	}
	for (i = 0; i < ix->cap; i++) {
		if (!ix->vals[i])
			continue;
		for (j = hash32(ix->keys[i]) & (ncap - 1); nvals[j];
		     j = (j + 1) & (ncap - 1))
			;
		nkeys[j] = ix->keys[i];
		nvals[j] = ix->vals[i];
	}
	free(ix->keys);
	free(ix->vals);
	ix->keys = nkeys;
	ix->vals = nvals;
	ix->cap = ncap;
	return GICITS_OK;
}

static struct idx_dev *dev_get_or_add(struct its_index *ix, uint32_t devid)
{
	struct idx_dev *d = dev_find(ix, devid);
	uint32_t i;

	if (d)
		return d;
	if ((ix->count + 1) * 2 > ix->cap && dev_grow(ix))
		return NULL;
	d = calloc(1, sizeof(*d));
	if (!d)
		return NULL;
	for (i = hash32(devid) & (ix->cap - 1); ix->vals[i];
	     i = (i + 1) & (ix->cap - 1))
		;
	ix->keys[i] = devid;
	ix->vals[i] = d;
	ix->count++;
	return d;
}

int index_set_dte(struct its_index *ix, uint32_t devid, const struct dte *dte)
{
	struct idx_dev *d = dev_get_or_add(ix, devid);
	unsigned bits = dte->size + 1u;

	if (!d)
		return GICITS_ENOMEM;
	dev_free_events(d);
	d->dte = *dte;
	if (dte->valid && bits <= MAX_INDEXED_EVENT_BITS) {
		uint32_t n = (uint32_t)(((1ULL << bits) + CHUNK_EVENTS - 1) /
					CHUNK_EVENTS);

		d->chunks = calloc(n, sizeof(*d->chunks));
		if (!d->chunks)
			return GICITS_ENOMEM;
		d->nchunks = n;
	}
	return GICITS_OK;
}

int index_get_dte(const struct its_index *ix, uint32_t devid, struct dte *out)
{
	struct idx_dev *d = dev_find(ix, devid);

	if (!d)
		return 0;
	*out = d->dte;
	return 1;
}

int index_set_ite(struct its_index *ix, uint32_t devid, uint32_t event,
		  const struct ite *e)
{
	struct idx_dev *d = dev_find(ix, devid);
	struct ite_slot **ch;
	struct ite_slot *s;

	if (!d || !d->nchunks || event / CHUNK_EVENTS >= d->nchunks)
		return GICITS_OK; /* not indexed: lookups walk memory */
	ch = &d->chunks[event / CHUNK_EVENTS];
	if (!*ch) {
		*ch = calloc(CHUNK_EVENTS, sizeof(**ch));
		if (!*ch)
			return GICITS_ENOMEM;
	}
	s = &(*ch)[event % CHUNK_EVENTS];
	s->intid = e->intid;
	s->icid = e->icid;
	s->state = e->valid ? SLOT_VALID : SLOT_INVALID;
	return GICITS_OK;
}

int index_get_ite(const struct its_index *ix, uint32_t devid, uint32_t event,
		  struct ite *e)
{
	struct idx_dev *d = dev_find(ix, devid);
	const struct ite_slot *s;

	if (!d || !d->nchunks || event / CHUNK_EVENTS >= d->nchunks ||
	    !d->chunks[event / CHUNK_EVENTS])
		return -1;
	s = &d->chunks[event / CHUNK_EVENTS][event % CHUNK_EVENTS];
	if (s->state == SLOT_UNKNOWN)
		return -1;
	e->valid = s->state == SLOT_VALID;
	e->intid = s->intid;
	e->icid = s->icid;
	return e->valid;
}

int index_set_cte(struct its_index *ix, uint32_t icid, const struct cte *c)
{
	if (icid >= ix->nctes)
		return GICITS_ERANGE;
	ix->ctes[icid] = CTE_KNOWN | (c->valid ? CTE_VALID : 0) |
			 (c->rdbase & ((1ULL << 62) - 1));
	return GICITS_OK;
}

int index_get_cte(const struct its_index *ix, uint32_t icid, struct cte *c)
{
	uint64_t v;

	if (icid >= ix->nctes || !(ix->ctes[icid] & CTE_KNOWN))
		return 0;
	v = ix->ctes[icid];
	c->valid = (v & CTE_VALID) != 0;
	c->rdbase = v & ((1ULL << 62) - 1);
	return 1;
}
