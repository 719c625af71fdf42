/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The smallest embedding of gicits: guest RAM, a GIC with four CPUs, one ITS,
 * a device whose MSI reaches CPU 2.  Built against the installed library by
 * the install.embed.* tests, shared and static, with pkg-config:
 *   cc -std=c11 embed.c $(pkg-config --cflags --libs gicits)
 *   cc -std=c11 -static embed.c $(pkg-config --static --cflags --libs gicits)
 * and with CMake's find_package(gicits) (examples/cmake/CMakeLists.txt).
 */
#include <gicits/cmd.h>
#include <gicits/error.h>
#include <gicits/its.h>
#include <gicits/rdist.h>
#include <gicits/version.h>

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RAM 0x40000000ULL

static uint8_t *ram;

/* Queue command @c as the driver does: write it at GITS_CWRITER, advance. */
static void queue(struct gicits_its *its, unsigned *n,
		  const struct gicits_cmd *c)
{
	gicits_cmd_to_bytes(c, ram + 0x30000 + GICITS_CMD_BYTES * *n);
	(*n)++;
	gicits_its_mmio_write(its, GICITS_GITS_CWRITER, 8,
			      GICITS_CMD_BYTES * *n, 0);
}

int main(void)
{
	struct gicits_mem mem;
	struct gicits_gic_config gc;
	struct gicits_its_config ic;
	struct gicits_gic *gic;
	struct gicits_its *its;
	struct gicits_cmd c;
	unsigned k, n = 0;
	uint32_t got;
	int err;

	/* headers and library of one major version (the SONAME's) */
	if (gicits_version_number() >> 16 != GICITS_VERSION_MAJOR) {
		fprintf(stderr, "gicits %s, built for %s\n", gicits_version(),
			GICITS_VERSION_STRING);
		return 1;
	}
	printf("gicits %s\n", gicits_version());
	ram = calloc(1, 1 << 20);
	if (!ram)
		return 1;
	gicits_mem_init(&mem, NULL, NULL);
	gicits_mem_add_direct(&mem, RAM, 1 << 20, ram);
	gicits_gic_config_default(&gc);
	gicits_its_config_default(&ic);
	err = gicits_gic_create(&gc, &mem, &gic);
	if (!err)
		err = gicits_its_create(&ic, gic, &mem, &its);
	if (err) {
		fprintf(stderr, "create: %s\n", gicits_strerror(err));
		return 1;
	}
	memset(ram, 0xA3, 8192); /* LPI configuration: priority 0xA0, enabled */
	for (k = 0; k < 4; k++) {
		gicits_rdist_write(gic, k, GICITS_GICR_PROPBASER, 8, RAM | 13);
		gicits_rdist_write(gic, k, GICITS_GICR_PENDBASER, 8,
				   (RAM + 0x80000 + k * 0x10000) | 1ULL << 62);
		gicits_rdist_write(gic, k, GICITS_GICR_WAKER, 4, 0);
		gicits_rdist_write(gic, k, GICITS_GICR_CTLR, 4, 1);
		gicits_cpu_set_pmr(gic, k, 0xff);
	}
	gicits_its_mmio_write(
		its, GICITS_GITS_BASER(0), 8,
		0x0107000000000000ULL | 1ULL << 63 | (RAM + 0x10000), 0);
	gicits_its_mmio_write(
		its, GICITS_GITS_BASER(1), 8,
		0x0407000000000000ULL | 1ULL << 63 | (RAM + 0x20000), 0);
	gicits_its_mmio_write(its, GICITS_GITS_CBASER, 8,
			      1ULL << 63 | (RAM + 0x30000), 0);
	gicits_its_mmio_write(its, GICITS_GITS_CTLR, 4, 1, 0);
	/* collection 5 -> CPU 2 (GITS_TYPER.PTA = 0: RDbase is a CPU number) */
	gicits_cmd_mapc(&c, 5, 2, true);
	queue(its, &n, &c);
	/* device 42: 2^(3+1) events, its ITT at RAM + 0x40000 */
	gicits_cmd_mapd(&c, 42, 3, RAM + 0x40000, true);
	queue(its, &n, &c);
	/* device 42, event 7 -> LPI 8200 in collection 5 */
	gicits_cmd_mapti(&c, 42, 7, 8200, 5);
	queue(its, &n, &c);
	if (gicits_its_msi(its, 42, 7) != 0 || gicits_its_msi(its, 43, 7) == 0)
		return 1;
	got = gicits_cpu_ack(gic, 2);
	gicits_cpu_eoi(gic, 2, got);
	printf("device 42 event 7 -> CPU 2 INTID %u\n", got);
	{
		/* the same MSI in a burst, beside one the ITS drops */
		struct gicits_msi b[2] = { { 42, 7 }, { 43, 7 } };
		int res[2];

		if (gicits_its_msi_burst(its, b, 2, res) != 1 || res[0] != 0 ||
		    res[1] == 0 || gicits_cpu_ack(gic, 2) != 8200)
			return 1;
		gicits_cpu_eoi(gic, 2, 8200);
	}
	gicits_its_destroy(its);
	gicits_gic_destroy(gic);
	free(ram);
	return got == 8200 ? 0 : 1;
}
