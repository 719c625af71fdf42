/* SPDX-License-Identifier: BSD-2-Clause */
/* `gicits bench`: the systems the benches run on (bench.h). */
#define _POSIX_C_SOURCE 200809L

#include "bench.h"
#include "its/its_bench.h"

/* ---- a system: guest RAM, a gic, an ITS ----------------------------- */

uint64_t bn_align_up(uint64_t v, uint64_t a)
{
	return (v + a - 1) / a * a;
}

/* Smallest b >= lo with 2^b >= n. */
unsigned bn_bits_for(uint64_t n, unsigned lo)
{
	unsigned b = lo;

	while ((1ull << b) < n)
		b++;
	return b;
}

void bn_sys_check(struct sys *s, const char *what)
{
	struct gicits_its_status st;

	ts_flush(&s->t);
	gicits_its_status(s->its, &st);
	if (st.errors || st.stalled)
		bn_die("%s: %" PRIu64 " command errors (last %s)%s", what,
		       st.errors, gicits_strerror((int)st.last_error),
		       st.stalled ? ", queue stalled" : "");
}

void bn_sys_create(struct sys *s, const struct sys_cfg *c)
{
	struct ts_big big = { 0 };
	struct ts_desc d;
	uint64_t p;
	unsigned k;
	int err;

	memset(s, 0, sizeof(*s));
	s->c = *c;
	s->next_intid = GICITS_LPI_BASE;
	s->ite_size = c->v4 ? 16 : ITE_SIZE;
	s->itt_stride = bn_align_up((1ull << c->ev_bits) * s->ite_size, 256);
	/* layout: queue, collection table, LPI configuration table, device
	 * table, ITTs, spare (ts_desc_big()) */
	big.ncpu = c->ncpu;
	big.intid_bits = c->intid_bits;
	big.devbits = c->devbits;
	big.itt_bytes = (uint64_t)c->nslots * s->itt_stride;
	big.spare_bytes = c->spare;
	if (ts_desc_big(&d, &big))
		bn_die("device table too large (devbits %u)", c->devbits);
	s->itt = big.itt;
	s->spare = big.spare;
	s->ram_size = d.ram_size;
	s->ram = calloc(1, s->ram_size);
	if (!s->ram)
		bn_die("cannot allocate %" PRIu64 " bytes of guest RAM",
		       s->ram_size);
	/* Touch every page now, so that later RSS deltas are the library's. */
	for (p = 0; p < s->ram_size; p += 4096)
		s->ram[p] = 0;
	d.ram_host = s->ram;
	d.gic.lpi_cache = c->force_hpp ? GICITS_LPI_CACHE_HPP :
			  c->lpi_cache == GICITS_LPI_CACHE_FULL ?
					 GICITS_LPI_CACHE_FULL :
					 bn_opt.lpi_cache;
	d.its.idbits = 16;
	d.its.ite_size = s->ite_size;
	if (c->v4) {
		/* GITS_BASER2 is programmed before the ITS is enabled */
		d.its.gic = GICITS_GIC_V4_0;
		d.gic.version = GICITS_GIC_V4_0;
		d.no_enable = true;
	}
	d.its.cache = c->cache;
	d.batch = 8192;
	d.time_kicks = true; /* kick_ns: the ITS's share of a command bench */
	err = ts_sys_create(&s->t, &d);
	if (err)
		bn_die("creating the system: %s", gicits_strerror(err));
	s->gic = s->t.gic;
	s->its = s->t.its;
	if (c->v4) {
		/* the vPE table: one 4 KB page (512 vPEs) at the start of the
		 * spare RAM, which the caller lays out from spare + 64 KB */
		s->spare = bn_align_up(s->spare, PAGE64K);
		gicits_its_mmio_write(s->its, GICITS_GITS_BASER(2), 8,
				      TS_VALID | s->spare, 0);
		gicits_its_mmio_write(s->its, GICITS_GITS_CTLR, 4, 1, 0);
		s->spare += PAGE64K;
	}
	for (k = 0; k < c->ncpu; k++)
		ts_mapc(&s->t, (uint16_t)k, k, true);
	bn_sys_check(s, "set-up");
}

void bn_sys_destroy(struct sys *s)
{
	ts_sys_destroy(&s->t);
	free(s->ram);
	memset(s, 0, sizeof(*s));
}

/*
 * Map @ndev devices from @dev0 with @nev events each, ITT slots from @slot0.
 * Returns the INTID of (dev0, 0); device i event e gets intid0 + i*nev + e.
 */
uint32_t bn_sys_map(struct sys *s, uint32_t dev0, uint32_t ndev, uint32_t slot0,
		    uint32_t nev, enum icid_mode mode, unsigned arg)
{
	uint32_t intid0 = s->next_intid, i, e;
	unsigned bits = bn_bits_for(nev, 1);

	if (slot0 + ndev > s->c.nslots || nev > (1u << s->c.ev_bits))
		bn_die("sys_map: out of ITT slots");
	if ((uint64_t)intid0 + (uint64_t)ndev * nev > (1ull << s->c.intid_bits))
		bn_die("sys_map: out of INTIDs");
	for (i = 0; i < ndev; i++) {
		ts_mapd(&s->t, dev0 + i, bits - 1,
			s->itt + (uint64_t)(slot0 + i) * s->itt_stride, true);
		for (e = 0; e < nev; e++) {
			uint64_t g = (uint64_t)i * nev + e;
			uint32_t intid = (uint32_t)(intid0 + g);
			unsigned icid;

			switch (mode) {
			case ICID_RR:
				icid = (unsigned)(g % s->c.ncpu);
				break;
			case ICID_FIXED:
				icid = arg;
				break;
			case ICID_DEV:
				icid = (arg + i) % s->c.ncpu;
				break;
			default:
				icid = (intid / 4096) % s->c.ncpu;
				break;
			}
			ts_mapti(&s->t, dev0 + i, e, intid, icid);
		}
	}
	s->next_intid = (uint32_t)(intid0 + (uint64_t)ndev * nev);
	bn_sys_check(s, "mapping");
	return intid0;
}

void bn_shuffle(struct key *k, size_t n, uint64_t seed)
{
	size_t i;

	for (i = n; i > 1; i--) {
		size_t j = (size_t)(ts_splitmix(&seed) % i);
		struct key t = k[i - 1];

		k[i - 1] = k[j];
		k[j] = t;
	}
}

/* Keys of @ndev devices from @dev0, @nev events each, shuffled. */
struct key *bn_make_keys(uint32_t dev0, uint32_t ndev, uint32_t nev,
			 uint64_t seed)
{
	struct key *k = malloc(sizeof(*k) * (size_t)ndev * nev);
	uint32_t i, e;

	if (!k)
		bn_die("out of memory");
	for (i = 0; i < ndev; i++)
		for (e = 0; e < nev; e++)
			k[(size_t)i * nev + e] = (struct key){ dev0 + i, e };
	bn_shuffle(k, (size_t)ndev * nev, seed);
	return k;
}

static enum gicits_drop msi_public(struct gicits_its *its, uint32_t dev,
				   uint32_t ev)
{
	return (enum gicits_drop)gicits_its_msi(its, dev, ev);
}

/* MSIs through @msi over @keys (a power-of-two count) until @seconds have
 * passed.  @msi is inlined where the caller names it. */
static inline uint64_t
run_keys(enum gicits_drop (*msi)(struct gicits_its *, uint32_t, uint32_t),
	 struct gicits_its *its, const struct key *keys, size_t n,
	 double seconds, uint64_t *ns, uint64_t *bad)
{
	uint64_t ops = 0, t0 = bn_now_ns(), lim = (uint64_t)(seconds * 1e9), t;
	size_t mask = n - 1, i = 0;

	*bad = 0;
	do {
		unsigned j;

		for (j = 0; j < 4096; j++, i++) {
			const struct key *k = &keys[i & mask];

			*bad += msi(its, k->dev, k->ev) != GICITS_DROP_NONE;
		}
		ops += 4096;
		t = bn_now_ns() - t0;
	} while (t < lim);
	*ns = t;
	return ops;
}

/* MSIs (gicits_its_msi()) over @keys until bn_opt.dur has passed. */
uint64_t bn_run_keys(struct gicits_its *its, const struct key *keys, size_t n,
		     uint64_t *ns, uint64_t *bad)
{
	return run_keys(msi_public, its, keys, n, bn_opt.dur, ns, bad);
}

/* The same loop for @seconds, through gicits_its_msi() or (@unannounced)
 * its_msi_unannounced(): each a direct call, as the other. */
uint64_t bn_run_keys_for(bool unannounced, struct gicits_its *its,
			 const struct key *keys, size_t n, double seconds,
			 uint64_t *ns, uint64_t *bad)
{
	if (unannounced)
		return run_keys(its_msi_unannounced, its, keys, n, seconds, ns,
				bad);
	return run_keys(msi_public, its, keys, n, seconds, ns, bad);
}
