/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * `gicits bench`: the benchmark suite (issue 3, docs/performance.md), by
 * area: bench_main.c (options, output, the entry point), bench_sys.c (the
 * systems, over the test-support library), bench_translate.c,
 * bench_inject.c, bench_cmdq.c, bench_rdist.c, bench_vlpi.c (GICv4.0).
 *
 * One JSON object per line on stdout:
 *   {"bench": NAME, "params": {...}, "ops": N, "ns_per_op": X, "mops": Y, ...}
 * Memory benches print "bytes" (and "bytes_per_lpi" or
 * "bytes_per_redistributor") instead of timings.  Extra keys (percentiles,
 * ratios) follow the required ones.
 *
 * Everything here goes through the public API (the headers in include/gicits): guest
 * RAM handed over with gicits_mem_add_direct(), redistributors programmed
 * with gicits_rdist_write(), the ITS programmed through its registers and a
 * command queue in guest RAM (commands are processed synchronously inside the
 * GITS_CWRITER write), MSIs through gicits_its_msi(), CPUs through
 * gicits_cpu_ack()/gicits_cpu_eoi().  The tool holds no model logic.
 *
 * Conventions shared by every bench:
 * - ITT entries are 8 bytes (ite_size = 8; 16 on a GICv4.0 system), tables
 *   flat with 64 KB pages.
 * - Every LPI has priority 0xA0 and is enabled (configuration byte 0xA3).
 * - Pending tables: PENDBASER.PTZ = 1, so the redistributors never read them;
 *   they point into a callback-backed sink (reads as zero, writes ignored)
 *   so that 4,096 redistributors do not need 4,096 host pending tables.
 * - "translate + set pending": an MSI to an LPI that is already pending is
 *   the architected no-op; hot loops therefore reach a steady state in which
 *   the pending bit is tested, not changed (as the calibration loop's OR).
 */
#ifndef GICITS_TOOLS_BENCH_H
#define GICITS_TOOLS_BENCH_H

#include <inttypes.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>
#include <time.h>
#include <unistd.h>

#if defined(__GLIBC__) && \
	(__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
#include <malloc.h>
#define HAVE_MALLINFO2 1
#endif

#include "gicits/cmd.h"
#include "gicits/error.h"
#include "gicits/its.h"
#include "gicits/mem.h"
#include "gicits/rdist.h"
#include "sys.h"

/* The systems' shape: ts_desc_big() (tests/support/sys.h). */
#define RAM_BASE TS_BIG_RAM
#define PEND_BASE TS_BIG_PEND /* callback-backed pending-table sink */
#define CQ_BYTES TS_BIG_CQ_BYTES /* CBASER.Size = 255: 256 x 4 KB */
#define CQ_SLOTS (CQ_BYTES / 32)
#define PAGE64K 0x10000ULL
#define ITE_SIZE 8u

struct opts {
	bool quick;
	double dur; /* seconds per timed loop */
	const char *only;
	unsigned ncores;
	unsigned max_threads;
	/* redistributor model of every bench that does not name one */
	enum gicits_lpi_cache lpi_cache;
	unsigned rounds; /* rounds of a ratio bench (bn_rounds()) */
};

extern struct opts bn_opt;

enum icid_mode {
	ICID_RR, /* round-robin over CPUs by global event index */
	ICID_FIXED, /* every event to collection @arg */
	ICID_DEV, /* device i of the call to collection (@arg + i) % ncpu */
	ICID_BLOCK, /* INTID block of 4096 to collection (block % ncpu) */
};

struct sys_cfg {
	unsigned ncpu;
	unsigned intid_bits;
	unsigned devbits;
	unsigned ev_bits; /* events per ITT slot: 2^ev_bits */
	uint32_t nslots; /* ITT slots in RAM */
	uint64_t spare; /* extra RAM bytes for ad-hoc ITTs */
	enum gicits_cache_mode cache;
	enum gicits_lpi_cache lpi_cache; /* FULL, or the --lpi-cache default */
	bool force_hpp; /* GICITS_LPI_CACHE_HPP whatever --lpi-cache says */
	/* GICv4.0 gic and ITS (16-byte ITEs: a virtual ITE holds its
	 * doorbell); the vPE table, the virtual LPI configuration table and
	 * the VPTs are the caller's, in spare RAM (bench_vlpi.c) */
	bool v4;
};

struct sys {
	struct sys_cfg c;
	struct ts_sys t; /* RAM, gic, ITS (tests/support) */
	uint8_t *ram; /* = t.ram (ours: touched page by page) */
	uint64_t ram_size;
	struct gicits_gic *gic; /* = t.gic, t.its */
	struct gicits_its *its;
	uint64_t itt, spare; /* guest addresses */
	uint64_t itt_stride;
	unsigned ite_size;
	uint32_t next_intid;
};

struct key {
	uint32_t dev, ev;
};

/* Monotonic time in ns (inline: the latency benches time single MSIs). */
static inline uint64_t bn_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/*
 * Ratio benches (docs/performance.md, "Method"): two loops, A and B, run in
 * bn_opt.rounds alternating rounds (A B, then B A, ...), each loop
 * bn_opt.dur / bn_opt.rounds seconds a round, so that drift of a shared
 * machine falls on both.  A loop runs for @seconds and adds what it did to
 * its ops and ns.
 */
struct bn_loop {
	void (*run)(struct bn_loop *l, double seconds, uint64_t *ops,
		    uint64_t *ns);
	void *ctx;
	uint64_t ops, ns; /* totals over the rounds */
};

/* Per round: A's throughput over B's (B's ns per op / A's); the median
 * and the spread over the rounds. */
struct bn_ratio {
	unsigned rounds;
	double median, min, max;
};

void bn_rounds(struct bn_loop *a, struct bn_loop *b, struct bn_ratio *r);
/* The median and spread of @n per-round ratios @v (sorted in place). */
void bn_ratio_of(double *v, unsigned n, struct bn_ratio *r);
/* ",\"rounds\":n" (once per line), then
 * ",\"KEY\":median,\"KEY_min\":min,\"KEY_max\":max" appended to @buf (of
 * @len bytes, NUL-terminated) */
void bn_ratio_json(char *buf, size_t len, const char *key,
		   const struct bn_ratio *r);

/* bench_main.c: output, time, memory accounting; bench_sys.c: systems */
void bn_die(const char *fmt, ...);
bool bn_want(const char *name);
void bn_sleep_s(double s);
void bn_emit(const char *name, const char *params, uint64_t ops, uint64_t ns,
	     const char *extra);
void bn_emit_mem(const char *name, const char *params, uint64_t bytes,
		 const char *extra);
uint64_t bn_delta(uint64_t before, uint64_t after);
uint64_t bn_heap_bytes(void);
void bn_rss_settle(void);
uint64_t bn_align_up(uint64_t v, uint64_t a);
unsigned bn_bits_for(uint64_t n, unsigned lo);
void bn_sys_check(struct sys *s, const char *what);
void bn_sys_create(struct sys *s, const struct sys_cfg *c);
void bn_sys_destroy(struct sys *s);
uint32_t bn_sys_map(struct sys *s, uint32_t dev0, uint32_t ndev, uint32_t slot0,
		    uint32_t nev, enum icid_mode mode, unsigned arg);
void bn_shuffle(struct key *k, size_t n, uint64_t seed);
struct key *bn_make_keys(uint32_t dev0, uint32_t ndev, uint32_t nev,
			 uint64_t seed);
uint64_t bn_run_keys(struct gicits_its *its, const struct key *keys, size_t n,
		     uint64_t *ns, uint64_t *bad);
uint64_t bn_run_keys_for(bool unannounced, struct gicits_its *its,
			 const struct key *keys, size_t n, double seconds,
			 uint64_t *ns, uint64_t *bad);

/* The benches, by area (each emits the lines of the benches it runs) */
void bench_hot(void);
void bench_big(void);
void bench_inject(void);
void bench_cmdq(void);
void bench_lpi_stress(void);
void bench_mem_rdist(void);
void bench_ack_idspace(void);
void bench_vlpi(void);
/* bench_vm.c: vm.msi.emulated, vm.msi.forwarded, vm.cmd (issue 15) */
void bench_vm(void);
/* bench_smmu.c: device MSIs through an SMMUv3 (issue 14) */
void bench_smmu(void);

#endif
