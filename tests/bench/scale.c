/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Functional scale test: builds one ITS with 2^DEVBITS mapped devices,
 * 2^LPIBITS mapped LPIs and NCPU redistributors, delivers every mapped LPI
 * once (MSI, then acknowledge + EOI on the CPU its collection names, which
 * must return exactly that INTID) and checks isolation on a sample (an
 * EventID beyond a device's ITT is dropped; no other CPU sees anything).
 *
 *   scale [DEVBITS LPIBITS NCPU]      default: 20 24 4096 (the "long" test)
 *
 * Collections: one per redistributor; INTIDs are assigned in blocks of 4096
 * per redistributor, so each redistributor's pending state stays in one
 * chunk.  Guest RAM: ITT_BYTES per device (256-byte aligned), the LPI
 * configuration table, the device table (64 KB pages); pending tables are a
 * callback sink (PTZ = 1: never read).
 * Prints one JSON line with the sizes, the times and the RSS.
 */
#define _POSIX_C_SOURCE 200809L

#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "gicits/cmd.h"
#include "gicits/error.h"
#include "gicits/its.h"
#include "gicits/mem.h"
#include "gicits/rdist.h"
#include "sys.h"

static struct ts_sys sys; /* tests/support */
static struct gicits_its *its;
static struct gicits_gic *gic;

static void die(const char *msg)
{
	fprintf(stderr, "scale: %s\n", msg);
	exit(1);
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* Queue a command; the queue is kicked every 16384. */
static void cmd(const struct gicits_cmd *c)
{
	ts_put(&sys, c);
}

static uint64_t align_up(uint64_t v, uint64_t a)
{
	return (v + a - 1) / a * a;
}

int main(int argc, char **argv)
{
	unsigned devbits = 20, lpibits = 24, ncpu = 4096, evbits, ibits, k;
	uint64_t ndev, nlpi, nev, itt, itt_stride;
	uint64_t t0, t_build, t_deliver, l, bad = 0, p;
	struct gicits_cmd c;
	struct ts_desc d;
	struct ts_big big = { 0 };
	struct gicits_its_status st;

	if (argc == 4) {
		devbits = (unsigned)atoi(argv[1]);
		lpibits = (unsigned)atoi(argv[2]);
		ncpu = (unsigned)atoi(argv[3]);
	} else if (argc != 1) {
		fprintf(stderr, "usage: scale [DEVBITS LPIBITS NCPU]\n");
		return 2;
	}
	if (devbits < 1 || devbits > 21 || lpibits < devbits || lpibits > 26 ||
	    lpibits - devbits > 16 || ncpu < 1 || ncpu > 8192)
		die("parameters out of range");
	ndev = 1ull << devbits;
	nlpi = 1ull << lpibits;
	evbits = lpibits - devbits;
	nev = 1ull << evbits;
	ibits = 14;
	while ((1ull << ibits) < 8192 + nlpi)
		ibits++;
	itt_stride = align_up(nev * 8, 256);

	/* guest RAM: queue, collection table, configuration, DT, ITTs */
	big.ncpu = ncpu;
	big.intid_bits = ibits;
	big.devbits = devbits;
	big.itt_bytes = ndev * itt_stride;
	if (ts_desc_big(&d, &big))
		die("device table too large");
	d.its.ite_size = 8;
	d.batch = 16384;
	if (ts_sys_create(&sys, &d))
		die("cannot create the system");
	gic = sys.gic;
	its = sys.its;
	itt = big.itt;

	t0 = now_ns();
	for (k = 0; k < ncpu; k++) {
		gicits_cmd_mapc(&c, (uint16_t)k, k, true);
		cmd(&c);
	}
	for (l = 0; l < ndev; l++) {
		uint64_t e;

		gicits_cmd_mapd(&c, (uint32_t)l, evbits ? evbits - 1 : 0,
				itt + l * itt_stride, true);
		cmd(&c);
		for (e = 0; e < nev; e++) {
			uint64_t g = l * nev + e;

			gicits_cmd_mapti(&c, (uint32_t)l, (uint32_t)e,
					 (uint32_t)(8192 + g),
					 (uint16_t)((g / 4096) % ncpu));
			cmd(&c);
		}
	}
	ts_kick(&sys);
	t_build = now_ns() - t0;
	gicits_its_status(its, &st);
	if (st.errors || st.stalled)
		die("command errors while mapping");

	/* every LPI once: MSI, then the CPU its collection names takes it */
	t0 = now_ns();
	for (l = 0; l < nlpi; l++) {
		uint32_t dev = (uint32_t)(l >> evbits),
			 ev = (uint32_t)(l & (nev - 1));
		unsigned cpu = (unsigned)((l / 4096) % ncpu);
		uint32_t got;

		if (gicits_its_msi(its, dev, ev) != 0) {
			bad++;
			continue;
		}
		got = gicits_cpu_ack(gic, cpu);
		if (got != 8192 + l)
			bad++;
		else
			gicits_cpu_eoi(gic, cpu, got);
	}
	t_deliver = now_ns() - t0;
	/* isolation sample: EventIDs beyond each sampled device's ITT are
	 * dropped, and no CPU has anything pending afterwards */
	for (l = 0; l < ndev; l += ndev / 1024 ? ndev / 1024 : 1)
		if (evbits < 16 &&
		    gicits_its_msi(its, (uint32_t)l, (uint32_t)nev) !=
			    GICITS_DROP_EVENT_OOR)
			bad++;
	if (gicits_its_msi(its, (uint32_t)ndev, 0) == 0)
		bad++; /* beyond Devbits (or unmapped) */
	for (k = 0, p = 0; k < ncpu; k++)
		if (gicits_cpu_hppi(gic, k) != GICITS_INTID_SPURIOUS)
			p++;
	printf("{\"test\":\"scale\",\"devices\":%" PRIu64 ",\"lpis\":%" PRIu64
	       ",\"redistributors\":%u,\"build_s\":%.2f,\"deliver_s\":%.2f,"
	       "\"rss_bytes\":%" PRIu64 ",\"guest_ram_bytes\":%" PRIu64
	       ",\"failures\":%" PRIu64 ",\"left_pending\":%" PRIu64 "}\n",
	       ndev, nlpi, ncpu, (double)t_build / 1e9, (double)t_deliver / 1e9,
	       ts_rss_bytes(), sys.d.ram_size, bad, p);
	ts_sys_destroy(&sys);
	return bad || p ? 1 : 0;
}
