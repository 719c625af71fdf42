/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ITS internals.
 *
 * Lock order (the only one in the library): an ITS's own lock, then the
 * gic's lock (src/rdist).  Every entry point into an ITS (MMIO, MSI) takes
 * its->lock for the whole operation; command processing and translation call
 * into the redistributors with it held.  Nothing in src/rdist calls an ITS.
 *
 * Data flow: guest memory holds the architected tables (the single source of
 * truth).  The translation index (index.c) is a cache beside it, changed only
 * by commands (MAPD, MAPC, MAPTI, MAPI, MOVI, DISCARD) and dropped when the
 * ITS is disabled or a BASER is rewritten.  A lookup that misses the index
 * walks memory (the reference path) and does not allocate.
 */
#ifndef GICITS_ITS_INTERNAL_H
#define GICITS_ITS_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include <threads.h>

#include "gicits/its.h"

/* Typed table entries ("parse at the boundary"). */
struct dte {
	bool valid;
	uint8_t size; /* EventID bits - 1 */
	uint64_t itt; /* ITT physical address, 256-byte aligned */
};

struct ite {
	bool valid;
	uint32_t intid;
	uint16_t icid;
};

struct cte {
	bool valid;
	uint64_t rdbase; /* RDbase field value ([50:16] >> 16) */
};

/* A decoded GITS_BASER<n>. */
struct table {
	bool valid;
	bool indirect;
	uint64_t base;
	uint64_t page; /* bytes */
	uint64_t bytes; /* (Size + 1) * page */
	unsigned esz; /* entry size in bytes */
};

/* Result of a table-entry address lookup. */
enum lookup {
	LOOKUP_OK = 0,
	LOOKUP_OOR, /* index beyond the table (or L1 table) */
	LOOKUP_NO_L2, /* level-1 descriptor invalid */
	LOOKUP_FAULT, /* memory fault reading the level-1 descriptor */
};

/* ---- translation index (index.c) ---- */
struct idx_dev;
struct its_index {
	/* DeviceID -> struct idx_dev *, open addressing, linear probing */
	uint32_t *keys;
	struct idx_dev **vals;
	uint32_t cap; /* power of two, 0 = empty */
	uint32_t count;
	/* ICID -> packed CTE state for all 2^cidbits collections */
	uint64_t *ctes;
	uint32_t nctes;
};

int index_init(struct its_index *ix, unsigned cidbits);
void index_fini(struct its_index *ix);
void index_clear(struct its_index *ix);
/* Device mapped (V=1) or unmapped (V=0): drops the device's cached ITEs. */
int index_set_dte(struct its_index *ix, uint32_t devid, const struct dte *d);
/* Returns 1 and fills @d if the device is in the index, else 0. */
int index_get_dte(const struct its_index *ix, uint32_t devid, struct dte *d);
int index_set_ite(struct its_index *ix, uint32_t devid, uint32_t event,
		  const struct ite *e);
/* Returns 1 and fills @e if (devid, event) is cached as valid, 0 if cached
 * as invalid (device known, event not mapped), -1 if not in the index. */
int index_get_ite(const struct its_index *ix, uint32_t devid, uint32_t event,
		  struct ite *e);
int index_set_cte(struct its_index *ix, uint32_t icid, const struct cte *c);
/* Returns 1 and fills @c if a command has set the CTE of @icid, else 0. */
int index_get_cte(const struct its_index *ix, uint32_t icid, struct cte *c);

/* ---- the ITS ---- */
struct gicits_its {
	struct gicits_its_config cfg;
	struct gicits_gic *gic;
	const struct gicits_mem *mem;
	mtx_t lock;

	/* registers, as written */
	uint32_t ctlr;
	uint32_t statusr;
	uint64_t umsir;
	uint64_t cbaser;
	uint64_t cwriter;
	uint64_t creadr; /* offset | Stalled */
	uint64_t baser[8];

	/* decoded at enable */
	struct table dt, ct;

	struct its_index index;
	struct cte hcc[256]; /* collections held in registers (ICID < HCC) */

	struct gicits_its_status st;
};

/* table.c */
void table_decode(struct gicits_its *its);
enum lookup table_entry_addr(struct gicits_its *its, const struct table *t,
			     uint64_t idx, uint64_t *addr);
int dte_read(struct gicits_its *its, uint64_t addr, struct dte *d);
int dte_write(struct gicits_its *its, uint64_t addr, const struct dte *d);
int cte_read(struct gicits_its *its, uint64_t addr, struct cte *c);
int cte_write(struct gicits_its *its, uint64_t addr, uint32_t icid,
	      const struct cte *c);
int ite_read(struct gicits_its *its, const struct dte *d, uint32_t event,
	     struct ite *e);
int ite_write(struct gicits_its *its, const struct dte *d, uint32_t event,
	      const struct ite *e);

/* translate.c: outcome of resolving (DeviceID, EventID) */
struct xlate {
	enum gicits_drop drop; /* NONE when ite and cpu are valid */
	struct dte dte;
	uint64_t dte_addr;
	struct ite ite;
	struct cte cte;
	unsigned cpu;
	bool fault;
};

/* Resolve the device, its DTE, the ITE and (if @need_collection) the target
 * redistributor.  Uses the index unless cache=off; in cache=check mode it
 * also walks memory and reports disagreements. */
void its_translate(struct gicits_its *its, uint32_t devid, uint32_t event,
		   bool need_collection, struct xlate *x);
/* Read the CTE of @icid (registers for HCC collections, else memory). */
enum lookup its_collection(struct gicits_its *its, uint32_t icid,
			   struct cte *c, bool use_index);
bool its_icid_in_range(const struct gicits_its *its, uint32_t icid);

/* cmd.c */
void its_process_queue(struct gicits_its *its);

/* its.c */
void its_trace(struct gicits_its *its, const struct gicits_trace_record *r);
void its_finding(struct gicits_its *its, uint32_t devid, uint32_t event,
		 const char *rule, const char *msg);

#endif
