/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The test-support library (gicits_testsupport): one way to build a system
 * for the tests, the fuzz targets, the benchmarks and `gicits bench`.
 *
 * A system is a guest RAM, a gic whose redistributors have PROPBASER,
 * PENDBASER, EnableLPIs and PMR programmed, and an ITS with its device and
 * collection tables (flat or two-level) and command queue, enabled; all of
 * it described by a struct ts_desc:
 *
 *     struct ts_desc d;
 *     struct ts_sys s;
 *
 *     ts_desc_default(&d);          // 4 CPUs, 8 MB RAM, flat 4 KB tables
 *     d.gic.lpi_cache = GICITS_LPI_CACHE_HPP;
 *     d.its.cache = GICITS_CACHE_CHECK;
 *     if (ts_sys_create(&s, &d))
 *             ...;
 *     ts_map_event(&s, dev, 4, ev, intid, icid, cpu);
 *     gicits_its_msi(s.its, dev, ev);
 *     ts_sys_destroy(&s);
 *
 * Commands are queued with the public encoders of <gicits/cmd.h>:
 * ts_put() (no kick), ts_kick(), ts_cmd() (one command, kicked).
 *
 * The RAM is either one direct region (the fast path) or served through
 * read/write callbacks (d.ram_callback): then every access is counted, can
 * be observed (d.on_access) and the Nth can be made to fault
 * (ts_fail_nth()): the fault injection of the tests.
 *
 * Nothing here uses cmocka: errors are returned (GICITS_* codes) so that
 * the command-line tool can link it too.
 */
#ifndef GICITS_TEST_SUPPORT_SYS_H
#define GICITS_TEST_SUPPORT_SYS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "gicits/cmd.h"
#include "gicits/its.h"
#include "gicits/mem.h"
#include "gicits/rdist.h"
#include "gicits/sink.h"

#include "fwd_sink.h"

#ifdef __cplusplus
extern "C" {
#endif

/* BASER / CBASER bits (IHI 0069H.b 12.19.1, 12.19.3) */
#define TS_VALID (1ULL << 63)
#define TS_INDIRECT (1ULL << 62)
#define TS_PAGE_16K (1ULL << 8)
#define TS_PAGE_64K (2ULL << 8)
#define TS_PTZ (1ULL << 62) /* GICR_PENDBASER.PTZ */
#define TS_ADDR_MASK 0x000FFFFFFFFFF000ULL /* CBASER.Physical_Address */

/* An LPI configuration byte: priority 0xA0, RES1, enabled. */
#define TS_CFG_BYTE 0xA3

/**
 * struct ts_desc - what to build
 * @ram_base: guest address of the RAM
 * @ram_size: its size in bytes
 * @ram_host: caller-owned host memory for the RAM (@ram_size bytes, left as
 *            it is), or NULL: allocated zeroed, freed by ts_sys_destroy()
 * @ram_callback: serve the RAM through callbacks (counted, observable, can
 *                fault) instead of a direct region
 * @ops, @opaque: callbacks for guest memory outside the RAM (or NULL)
 * @on_access, @access_opaque: with @ram_callback, called on every RAM access
 *                             before it is served (not the failed one)
 * @gic: the gic configuration (ts_desc_default(): gicits_gic_config_default()
 *       with 4 CPUs)
 * @no_rdist: leave the redistributors unprogrammed (ts_rdist_enable())
 * @prop: PROPBASER address; @prop_idbits its IDbits field + 1
 * @prop_fill, @prop_fill_len: the configuration table is filled with this
 *                             byte for this many bytes at creation
 * @pend, @pend_stride: CPU k's pending table is at @pend + k * @pend_stride
 * @pend_ptz: PENDBASER.PTZ
 * @pmr: each CPU's priority mask
 * @no_its: create no ITS (ts_its_start() later)
 * @its_reset: create the ITS but leave its registers at reset
 *             (ts_its_program() later)
 * @its: the ITS configuration (gicits_its_config_default())
 * @baser: GITS_BASER0 (devices), GITS_BASER1 (collections), written as they
 *         are (0: not written)
 * @cbaser: GITS_CBASER; the queue's base and size are taken from it
 * @dt_l1: written as level-1 entry 0 of a two-level device table (0: none)
 * @no_enable: do not set GITS_CTLR.Enabled
 * @batch: ts_put() kicks when @batch commands are queued (0: only
 *         ts_kick() does)
 * @time_kicks: add the time spent in GITS_CWRITER writes to @kick_ns
 * @sink, @sink_ctx: create the ITS over this LPI sink
 *                   (gicits_its_create_with_sink()) instead of on the gic,
 *                   which is still created; NULL: gicits_its_create()
 * @forward: create the ITS over the forwarding sink of fwd_sink.h, which
 *           delivers to this system's gic (@sink unset; the sink's context
 *           and counts are the ts_sys's @fwd)
 */
struct ts_desc {
	uint64_t ram_base, ram_size;
	uint8_t *ram_host;
	bool ram_callback;
	const struct gicits_mem_ops *ops;
	void *opaque;
	void (*on_access)(void *opaque, uint64_t gpa, size_t len, bool write);
	void *access_opaque;

	struct gicits_gic_config gic;
	bool no_rdist;
	uint64_t prop;
	unsigned prop_idbits;
	uint8_t prop_fill;
	uint64_t prop_fill_len;
	uint64_t pend, pend_stride;
	bool pend_ptz;
	uint8_t pmr;

	bool no_its;
	bool its_reset;
	struct gicits_its_config its;
	uint64_t baser[2];
	uint64_t cbaser;
	uint64_t dt_l1;
	bool no_enable;
	unsigned batch;
	bool time_kicks;
	const struct gicits_lpi_sink_ops *sink;
	void *sink_ctx;
	bool forward;
};

/**
 * struct ts_sys - a built system
 * @d: its description (a copy)
 * @ram: host address of the RAM
 * @mem: the guest memory handed to the gic and the ITS
 * @cw: our CWRITER offset (where ts_put() writes next)
 * @queued: commands put since the last kick
 * @accesses: RAM accesses served through the callbacks so far
 * @fail_countdown: with @d.ram_callback: > 0, decremented on each RAM
 *                  access; the access that brings it to 0 faults
 * @kick_ns: with @d.time_kicks, the time spent in GITS_CWRITER writes
 * @fwd: with @d.forward, the forwarding sink's context (its call counts)
 */
struct ts_sys {
	struct ts_desc d;
	uint8_t *ram;
	bool own_ram;
	struct gicits_mem mem;
	struct gicits_gic *gic;
	struct gicits_its *its;
	uint64_t cw;
	unsigned queued;
	uint64_t accesses;
	uint64_t fail_countdown;
	uint64_t kick_ns;
	struct ts_fwd fwd;
	/* ts_put()'s view of the queue, for d.cbaser == cq_cbaser */
	uint8_t *cq_host; /* NULL: not all in the RAM */
	uint64_t cq_size, cq_cbaser;
};

/* Defaults: 8 MB RAM at 0x40000000, direct; 4 CPUs; PROPBASER at the RAM's
 * base, IDbits 16, 64 KB of 0xA3 (priority 0xA0, enabled); pending tables
 * from RAM + 1 MB every 64 KB with PTZ; PMR 0xff; flat 4 KB device and
 * collection tables at RAM + 2 MB and + 3 MB; a 4 KB queue at RAM + 4 MB. */
void ts_desc_default(struct ts_desc *d);

/* The ITS tables in 4 KB pages: a device table at @dt (flat, or with
 * @dt_l2 != 0 two-level: level-1 entry 0 -> the level-2 page @dt_l2), a
 * collection table at @ct, a command queue of @cq_pages pages at @cq. */
void ts_desc_tables(struct ts_desc *d, uint64_t dt, uint64_t dt_l2, uint64_t ct,
		    uint64_t cq, unsigned cq_pages);

/* Build everything @d asks for.  GICITS_OK, or the first error (then
 * nothing is left allocated).  @s must not move while in use (it is the
 * memory callbacks' opaque). */
int ts_sys_create(struct ts_sys *s, const struct ts_desc *d);
/* ts_sys_create() in two steps: the RAM and the struct gicits_mem (which
 * the caller may still change), then the rest from @s->d. */
int ts_ram_create(struct ts_sys *s, const struct ts_desc *d);
int ts_sys_start(struct ts_sys *s);
void ts_sys_destroy(struct ts_sys *s);

/* The steps of ts_sys_create() after the gic exists, for systems built in
 * stages (@d.no_rdist, @d.no_its). */
int ts_rdist_enable(struct ts_sys *s, unsigned cpu);
int ts_its_start(struct ts_sys *s); /* create (+ program unless its_reset) */
/* Level-1 entry 0 (@dt_l1), BASERs, CBASER, CWRITER = 0, and Enabled. */
int ts_its_program(struct ts_sys *s);

/* Host pointer for [gpa, gpa+len) in the RAM, or NULL. */
uint8_t *ts_host(const struct ts_sys *s, uint64_t gpa, uint64_t len);
/* Little-endian doubleword at @gpa in the RAM (which must hold it). */
uint64_t ts_peek64(const struct ts_sys *s, uint64_t gpa);
void ts_poke64(struct ts_sys *s, uint64_t gpa, uint64_t v);

/* Guest memory that reads as zeros and ignores writes (the benchmarks'
 * pending tables, which would otherwise dominate their RAM). */
extern const struct gicits_mem_ops ts_sink_ops;

/**
 * struct ts_big - the benchmarks' shape: one RAM at TS_BIG_RAM holding a 1 MB
 * queue (CBASER.Size 255), a 64 KB collection table, the LPI configuration
 * table for 2^@intid_bits INTIDs (all 0xA3), a flat device table for
 * 2^@devbits DeviceIDs in 64 KB pages, @itt_bytes of ITTs and @spare
 * bytes; the pending tables in a sink (ts_sink_ops) at TS_BIG_PEND.
 * ts_desc_big() fills the addresses in and describes it (RAM allocated by
 * ts_sys_create() unless d->ram_host is set afterwards); GICITS_EINVAL if
 * the device table needs more than 256 pages.
 */
#define TS_BIG_RAM 0x40000000ULL
#define TS_BIG_PEND 0x100000000000ULL
#define TS_BIG_CQ_BYTES (1u << 20)

struct ts_big {
	unsigned ncpu, intid_bits, devbits;
	uint64_t itt_bytes, spare_bytes;
	/* filled in: */
	uint64_t cq, ct, prop, dt, itt, spare;
};

int ts_desc_big(struct ts_desc *d, struct ts_big *b);

/* ---- commands ------------------------------------------------------ */

/* The queue as d.cbaser describes it (base, bytes) */
static inline uint64_t ts_queue_base(const struct ts_sys *s)
{
	return s->d.cbaser & TS_ADDR_MASK;
}

static inline uint64_t ts_queue_size(const struct ts_sys *s)
{
	return ((s->d.cbaser & 0xff) + 1) * 4096;
}

/* Write @c at guest address @gpa. */
void ts_poke_cmd(struct ts_sys *s, uint64_t gpa, const struct gicits_cmd *c);
/* Write GITS_CWRITER (= our CWRITER, | Retry).  Returns the MMIO result. */
int ts_kick(struct ts_sys *s);
int ts_kick_retry(struct ts_sys *s);
/* ts_put()'s view of the queue from d.cbaser (done when it changes). */
void ts_queue_refresh(struct ts_sys *s);

/* gicits_cmd_to_bytes(), as one copy on a little-endian host. */
static inline void ts_cmd_store(uint8_t *p, const struct gicits_cmd *c)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	memcpy(p, c->dw, GICITS_CMD_BYTES);
#else
	gicits_cmd_to_bytes(c, p);
#endif
}

/* Write @c at our CWRITER (kicks when @d.batch commands are queued).  The
 * queue is a multiple of 32 bytes: CWRITER wraps to 0 at its end. */
static inline void ts_put(struct ts_sys *s, const struct gicits_cmd *c)
{
	if (s->cq_cbaser != s->d.cbaser || !s->cq_size)
		ts_queue_refresh(s);
	if (s->cq_host)
		ts_cmd_store(s->cq_host + s->cw, c);
	else
		ts_poke_cmd(s, ts_queue_base(s) + s->cw, c);
	s->cw += GICITS_CMD_BYTES;
	if (s->cw >= s->cq_size)
		s->cw = 0;
	if (!s->d.batch)
		s->queued++;
	else if (++s->queued >= s->d.batch)
		ts_kick(s);
}

/* ts_kick() if anything was put since the last kick. */
int ts_flush(struct ts_sys *s);
/* ts_put() + ts_kick(); ts_cmds(): @n commands, one kick. */
int ts_cmd(struct ts_sys *s, const struct gicits_cmd *c);
int ts_cmds(struct ts_sys *s, const struct gicits_cmd *c, size_t n);
/* GITS_CREADR (offset | Stalled). */
uint64_t ts_creadr(struct ts_sys *s);

/* Queue (no kick) one encoded command each (inline: the benchmarks queue
 * millions). */
static inline void ts_mapd(struct ts_sys *s, uint32_t dev, unsigned size,
			   uint64_t itt, bool valid)
{
	struct gicits_cmd c;

	gicits_cmd_mapd(&c, dev, size, itt, valid);
	ts_put(s, &c);
}

static inline void ts_mapc(struct ts_sys *s, uint16_t icid, uint64_t rdbase,
			   bool valid)
{
	struct gicits_cmd c;

	gicits_cmd_mapc(&c, icid, rdbase, valid);
	ts_put(s, &c);
}

static inline void ts_mapti(struct ts_sys *s, uint32_t dev, uint32_t ev,
			    uint32_t intid, uint16_t icid)
{
	struct gicits_cmd c;

	gicits_cmd_mapti(&c, dev, ev, intid, icid);
	ts_put(s, &c);
}

static inline void ts_mapi(struct ts_sys *s, uint32_t dev, uint32_t ev,
			   uint16_t icid)
{
	struct gicits_cmd c;

	gicits_cmd_mapi(&c, dev, ev, icid);
	ts_put(s, &c);
}

static inline void ts_movi(struct ts_sys *s, uint32_t dev, uint32_t ev,
			   uint16_t icid)
{
	struct gicits_cmd c;

	gicits_cmd_movi(&c, dev, ev, icid);
	ts_put(s, &c);
}

static inline void ts_event(struct ts_sys *s, uint8_t op, uint32_t dev,
			    uint32_t ev)
{
	struct gicits_cmd c;

	gicits_cmd_event(&c, op, dev, ev);
	ts_put(s, &c);
}

static inline void ts_invall(struct ts_sys *s, uint16_t icid)
{
	struct gicits_cmd c;

	gicits_cmd_invall(&c, icid);
	ts_put(s, &c);
}

static inline void ts_movall(struct ts_sys *s, uint64_t rd1, uint64_t rd2)
{
	struct gicits_cmd c;

	gicits_cmd_movall(&c, rd1, rd2);
	ts_put(s, &c);
}

static inline void ts_sync(struct ts_sys *s, uint64_t rd)
{
	struct gicits_cmd c;

	gicits_cmd_sync(&c, rd);
	ts_put(s, &c);
}

/* MAPD @dev (2^@bits events, ITT at @itt), MAPC @icid -> @cpu, MAPTI @ev ->
 * @intid in @icid, kicked.  Returns ts_kick()'s result. */
int ts_map_event(struct ts_sys *s, uint32_t dev, unsigned bits, uint64_t itt,
		 uint32_t ev, uint32_t intid, uint16_t icid, unsigned cpu);

/* ---- state --------------------------------------------------------- */

/* Number of LPIs pending on @cpu (-1 on error). */
long ts_npending(struct ts_sys *s, unsigned cpu);
/* Acknowledge and EOI everything pending on @cpu; returns the count. */
uint64_t ts_drain(struct ts_sys *s, unsigned cpu);

/* ---- fault injection (@d.ram_callback only) ------------------------ */

/* Make the @n-th RAM access from now fault (0: off). */
void ts_fail_nth(struct ts_sys *s, uint64_t n);
/* Did the armed fault fire?  (Disarms.) */
bool ts_fail_fired(struct ts_sys *s);

/* ---- measuring ----------------------------------------------------- */

/* Resident set size of this process from /proc/self/statm (0 if
 * unavailable): the benchmarks' memory figures. */
uint64_t ts_rss_bytes(void);

/* ---- pseudo-random numbers ----------------------------------------- */

/* xorshift64* (state must not be 0) */
static inline uint64_t ts_rand(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545F4914F6CDD1DULL;
}

/* xorshift64 (13, 7, 17; state must not be 0) */
static inline uint64_t ts_xorshift(uint64_t *s)
{
	uint64_t x = *s;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return *s = x;
}

/* splitmix64 (any state) */
static inline uint64_t ts_splitmix(uint64_t *s)
{
	uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

#ifdef __cplusplus
}
#endif
#endif
