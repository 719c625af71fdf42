/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The smallest embedding of gicits: guest RAM, a GIC with four CPUs, one ITS,
 * a device whose MSI reaches CPU 2.  Built against the installed library by
 * the install.embed test:
 *   cc -std=c11 embed.c $(pkg-config --cflags --libs gicits)
 */
#include <gicits/error.h>
#include <gicits/its.h>
#include <gicits/rdist.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RAM 0x40000000ULL

static uint8_t *ram;

static void cmd(struct gicits_its *its, unsigned *n, uint64_t d0, uint64_t d1,
		uint64_t d2)
{
	uint64_t dw[4] = { d0, d1, d2, 0 };

	memcpy(ram + 0x30000 + 32 * *n, dw, 32); /* little-endian host */
	(*n)++;
	gicits_its_mmio_write(its, GICITS_GITS_CWRITER, 8, 32 * *n, 0);
}

int main(void)
{
	struct gicits_mem mem;
	struct gicits_gic_config gc;
	struct gicits_its_config ic;
	struct gicits_gic *gic;
	struct gicits_its *its;
	unsigned k, n = 0;
	uint32_t got;
	int err;

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
		gicits_rdist_write(gic, k, GICITS_GICR_CTLR, 4, 1);
		gicits_cpu_set_pmr(gic, k, 0xff);
	}
	gicits_its_mmio_write(its, GICITS_GITS_BASER(0), 8,
			      0x0107000000000000ULL | 1ULL << 63 | (RAM + 0x10000), 0);
	gicits_its_mmio_write(its, GICITS_GITS_BASER(1), 8,
			      0x0407000000000000ULL | 1ULL << 63 | (RAM + 0x20000), 0);
	gicits_its_mmio_write(its, GICITS_GITS_CBASER, 8, 1ULL << 63 | (RAM + 0x30000), 0);
	gicits_its_mmio_write(its, GICITS_GITS_CTLR, 4, 1, 0);
	cmd(its, &n, 0x09, 0, 1ULL << 63 | 2ULL << 16 | 5); /* MAPC 5 -> CPU 2 */
	cmd(its, &n, 0x08 | 42ULL << 32, 3, 1ULL << 63 | (RAM + 0x40000)); /* MAPD 42 */
	cmd(its, &n, 0x0A | 42ULL << 32, 7 | 8200ULL << 32, 5); /* MAPTI */
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
