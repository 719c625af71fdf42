/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * `gicits demo`: a GICv3 ITS with four CPUs driven the way a Linux ITS
 * driver drives it (MAPC per CPU, MAPD + MAPTI per device, INV/SYNC), then
 * MSIs from the bus.  Prints the routing table, the isolation check (a
 * device writing another device's EventIDs reaches only its own ITT), and
 * the translation rate (the "its" story; the others are demo_*.c, demo.h).
 */
#include "cli.h"
#include "demo.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gicits/cmd.h"
#include "gicits/error.h"
#include "gicits/its.h"
#include "gicits/rdist.h"

#define RAM_BASE 0x40000000ULL
#define RAM_SIZE (64ULL << 20)
#define PROP 0x40000000ULL
#define PEND(k) (0x40100000ULL + (uint64_t)(k)*0x10000)
#define DT 0x40200000ULL
#define CT 0x40300000ULL
#define CQ 0x40400000ULL
#define ITT 0x40800000ULL
#define NCPU 4

struct demo {
	uint8_t *ram;
	struct gicits_mem mem;
	struct gicits_gic *gic;
	struct gicits_its *its;
	uint64_t wr;
};

/* Append @c to the command queue and tell the ITS (CWRITER). */
static void cmd(struct demo *d, const struct gicits_cmd *c)
{
	gicits_cmd_to_bytes(c, d->ram + (CQ - RAM_BASE) + d->wr);
	d->wr = (d->wr + GICITS_CMD_BYTES) % 65536;
	gicits_its_mmio_write(d->its, GICITS_GITS_CWRITER, 8, d->wr, 0);
}

struct dev {
	const char *name;
	uint32_t devid;
	unsigned nevents;
	uint32_t intid0;
};

static const struct dev devs[] = {
	{ "vm-a nic (PCI 00:01.0)", 0x0008, 4, 8192 },
	{ "vm-a nvme (PCI 00:02.0)", 0x0010, 2, 8200 },
	{ "vm-b nic (PCI 01:00.0)", 0x0100, 4, 8300 },
	{ "mbigen wire 12", 0x40000, 1, 8400 },
};

static double now(void)
{
	struct timespec ts;

	timespec_get(&ts, TIME_UTC);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void usage(FILE *f)
{
	fprintf(f,
		"usage: gicits demo [--story its|vm|fabric|all] [--format text|json]\n"
		"                   [--dot FILE]\n"
		"\n"
		"Tells the library's stories, checking every claim it prints:\n"
		"  its  a GICv3 ITS with four CPUs driven the way a Linux driver drives\n"
		"       it: the routing table, the isolation check, the translation rate\n"
		"  vm   two VMs, each owning its vITS and host devices assigned to it:\n"
		"       each guest maps its devices' MSIs itself, VM B's device writes\n"
		"       every EventID VM A uses and reaches only VM B, a device is\n"
		"       unplugged mid-traffic, VM A migrates from a GICv3 host\n"
		"       (emulated) to a GICv4.0 host (forwarded: vLPIs), rates\n"
		"  fabric  a built-in system from a Device Tree compiled at build\n"
		"       time: a NIC's MSI through a translating SMMUv3, a device\n"
		"       writing the physical doorbell so that the SMMU faults and sends\n"
		"       its own MSI, an mbigen wire becoming an LPI, and a misdescribed\n"
		"       twin whose SMMU DeviceID collides with a device's (lint and\n"
		"       run time)\n"
		"  all  all three, in that order (default)\n"
		"\n"
		"  --format text|json  text (default), or one JSON object per line:\n"
		"                      kind route, isolation, unmapped, throughput (its);\n"
		"                      vm.route, vm.isolation, vm.unplug, vm.migrate,\n"
		"                      vm.throughput (vm); fabric.msi, fabric.smmu_msi,\n"
		"                      fabric.lint, fabric.finding, fabric.collision\n"
		"                      (fabric)\n"
		"  --dot FILE          with the fabric story: write a Graphviz picture of\n"
		"                      the path each MSI took to FILE\n"
		"\n"
		"Exit status: 0 ok, 1 a check failed (an MSI not delivered, or delivered\n"
		"outside its device's ITT or VM), 2 usage error.\n");
}

int demo_its(bool json)
{
	struct gicits_cmd c;
	unsigned failed = 0;
	struct gicits_gic_config gc;
	struct gicits_its_config ic;
	struct demo d;
	unsigned k, i, e;
	uint64_t n, ops;
	double t0, dt;
	int err;

	memset(&d, 0, sizeof(d));
	d.ram = calloc(1, RAM_SIZE);
	if (!d.ram)
		return CLI_EXIT_FAIL;
	gicits_mem_init(&d.mem, NULL, NULL);
	gicits_mem_add_direct(&d.mem, RAM_BASE, RAM_SIZE, d.ram);
	gicits_gic_config_default(&gc);
	gc.num_cpus = NCPU;
	gicits_its_config_default(&ic);
	ic.devbits = 20;
	err = gicits_gic_create(&gc, &d.mem, &d.gic);
	if (!err)
		err = gicits_its_create(&ic, d.gic, &d.mem, &d.its);
	if (err) {
		fprintf(stderr, "gicits demo: %s\n", gicits_strerror(err));
		gicits_its_destroy(d.its);
		gicits_gic_destroy(d.gic);
		free(d.ram);
		return CLI_EXIT_FAIL;
	}
	/* Redistributors: LPI config table (priority 0xA0, enabled), one
	 * pending table each, EnableLPIs. */
	memset(d.ram + (PROP - RAM_BASE), 0xA3, 65536 - 8192);
	for (k = 0; k < NCPU; k++) {
		gicits_rdist_write(d.gic, k, GICITS_GICR_PROPBASER, 8,
				   PROP | 15);
		gicits_rdist_write(d.gic, k, GICITS_GICR_PENDBASER, 8,
				   PEND(k) | 1ULL << 62);
		gicits_rdist_write(d.gic, k, GICITS_GICR_WAKER, 4, 0);
		gicits_rdist_write(d.gic, k, GICITS_GICR_CTLR, 4, 1);
		gicits_cpu_set_pmr(d.gic, k, 0xff);
	}
	/* ITS: two-level device table (20-bit DeviceIDs), flat collections. */
	gicits_its_mmio_write(
		d.its, GICITS_GITS_BASER(0), 8,
		0x0107000000000000ULL | 1ULL << 63 | 1ULL << 62 | DT | 1,
		0); /* 2 pages of level-1 descriptors: 2^19 DeviceIDs */
	gicits_its_mmio_write(d.its, GICITS_GITS_BASER(1), 8,
			      0x0407000000000000ULL | 1ULL << 63 | CT, 0);
	gicits_its_mmio_write(d.its, GICITS_GITS_CBASER, 8,
			      1ULL << 63 | CQ | 15, 0);
	gicits_its_mmio_write(d.its, GICITS_GITS_CTLR, 4, 1, 0);
	for (k = 0; k < NCPU; k++) { /* collection k on CPU k */
		gicits_cmd_mapc(&c, (uint16_t)k, k, true);
		cmd(&d, &c);
	}
	for (i = 0; i < sizeof(devs) / sizeof(devs[0]); i++) {
		uint64_t itt = ITT + i * 0x1000,
			 l2 = 0x40600000ULL + i * 0x1000;
		uint64_t l1i = devs[i].devid / 512, desc = 1ULL << 63 | l2;
		int b;

		for (b = 0; b < 8; b++) /* level-2 page for the device */
			d.ram[DT - RAM_BASE + l1i * 8 + b] =
				(uint8_t)(desc >> (8 * b));
		gicits_cmd_mapd(&c, devs[i].devid, 4, itt,
				true); /* 32 events */
		cmd(&d, &c);
		for (e = 0; e < devs[i].nevents; e++) {
			gicits_cmd_mapti(&c, devs[i].devid, e,
					 devs[i].intid0 + e,
					 (uint16_t)((e + i) % NCPU));
			cmd(&d, &c);
		}
	}
	gicits_cmd_sync(&c, 0);
	cmd(&d, &c);

	if (!json) {
		printf("gicits demo: GICv3 ITS, %u CPUs, two-level device table\n\n",
		       NCPU);
		printf("routing table (DeviceID sampled from the bus, EventID written by the device):\n");
		printf("  %-26s %-8s %-6s %-6s %s\n", "device", "DeviceID",
		       "event", "INTID", "CPU");
	}
	for (i = 0; i < sizeof(devs) / sizeof(devs[0]); i++) {
		for (e = 0; e < devs[i].nevents; e++) {
			uint32_t got = 0;

			if (gicits_its_msi(d.its, devs[i].devid, e) == 0) {
				for (k = 0; k < NCPU; k++) {
					got = gicits_cpu_ack(d.gic, k);
					if (got != GICITS_INTID_SPURIOUS) {
						gicits_cpu_eoi(d.gic, k, got);
						break;
					}
				}
			}
			if (json) {
				bool ok = got != 0 &&
					  got != GICITS_INTID_SPURIOUS;

				failed += !ok;
				printf("{\"kind\":\"route\",\"device\":\"%s\","
				       "\"device_id\":%" PRIu32
				       ",\"event\":%u,\"delivered\":%s",
				       devs[i].name, devs[i].devid, e,
				       ok ? "true" : "false");
				if (ok)
					printf(",\"intid\":%" PRIu32
					       ",\"cpu\":%u",
					       got, k);
				printf("}\n");
			} else if (got == 0 || got == GICITS_INTID_SPURIOUS) {
				failed++;
				printf("  %-26s 0x%05" PRIx32
				       "  %-6u (not delivered)\n",
				       devs[i].name, devs[i].devid, e);
			} else {
				printf("  %-26s 0x%05" PRIx32
				       "  %-6u %-6" PRIu32 " %u\n",
				       devs[i].name, devs[i].devid, e, got, k);
			}
		}
	}

	if (!json)
		printf("\nisolation: vm-b's NIC writes every EventID vm-a's devices use, and more:\n");
	for (e = 0; e < 8; e++) {
		int r = gicits_its_msi(d.its, devs[2].devid, e);
		uint32_t got = GICITS_INTID_SPURIOUS;

		for (k = 0; k < NCPU && got == GICITS_INTID_SPURIOUS; k++) {
			got = gicits_cpu_ack(d.gic, k);
			if (got != GICITS_INTID_SPURIOUS)
				gicits_cpu_eoi(d.gic, k, got);
		}
		if (!r && (got < devs[2].intid0 || got >= devs[2].intid0 + 4))
			failed++;
		if (json && r)
			printf("{\"kind\":\"isolation\",\"device_id\":%" PRIu32
			       ",\"event\":%u,\"result\":\"refused\","
			       "\"reason\":\"%s\"}\n",
			       devs[2].devid, e,
			       gicits_drop_name((enum gicits_drop)r));
		else if (json)
			printf("{\"kind\":\"isolation\",\"device_id\":%" PRIu32
			       ",\"event\":%u,\"result\":\"delivered\","
			       "\"intid\":%" PRIu32 ",\"own_itt\":%s}\n",
			       devs[2].devid, e, got,
			       got >= devs[2].intid0 &&
					       got < devs[2].intid0 + 4 ?
				       "true" :
				       "false");
		else if (r)
			printf("  DeviceID 0x%05" PRIx32
			       " EventID %u -> refused (%s)\n",
			       devs[2].devid, e,
			       gicits_drop_name((enum gicits_drop)r));
		else
			printf("  DeviceID 0x%05" PRIx32
			       " EventID %u -> INTID %" PRIu32
			       " (its own ITT: %s)\n",
			       devs[2].devid, e, got,
			       got >= devs[2].intid0 &&
					       got < devs[2].intid0 + 4 ?
				       "yes" :
				       "NO");
	}
	err = gicits_its_msi(d.its, 9, 0);
	if (!err)
		failed++;
	if (json)
		printf("{\"kind\":\"unmapped\",\"device_id\":9,\"event\":0,"
		       "\"result\":\"%s\",\"reason\":\"%s\"}\n",
		       err ? "refused" : "delivered",
		       gicits_drop_name((enum gicits_drop)err));
	else
		printf("  an unmapped DeviceID 0x00009 -> %s\n",
		       gicits_drop_name((enum gicits_drop)err));

	/* Translation rate: MSI + set pending, acknowledging now and then. */
	ops = 2000000;
	t0 = now();
	for (n = 0; n < ops; n++) {
		gicits_its_msi(d.its, devs[n & 1].devid, (uint32_t)(n & 1));
		if ((n & 1023) == 1023)
			for (k = 0; k < NCPU; k++)
				while ((e = gicits_cpu_ack(d.gic, k)) !=
				       GICITS_INTID_SPURIOUS)
					gicits_cpu_eoi(d.gic, k, e);
	}
	dt = now() - t0;
	if (json)
		printf("{\"kind\":\"throughput\",\"msis\":%" PRIu64
		       ",\"seconds\":%.6f,\"mops\":%.3f,\"threads\":1}\n",
		       ops, dt, (double)ops / dt / 1e6);
	else
		printf("\nthroughput: %" PRIu64
		       " MSIs in %.3f s = %.1f M translations/s "
		       "(one thread, cache=on; see gicits bench for the suite)\n",
		       ops, dt, (double)ops / dt / 1e6);

	gicits_its_destroy(d.its);
	gicits_gic_destroy(d.gic);
	free(d.ram);
	if (failed) {
		fprintf(stderr, "gicits demo: %u checks failed\n", failed);
		return CLI_EXIT_FAIL;
	}
	return CLI_EXIT_OK;
}

int cmd_demo(int argc, char **argv)
{
	enum { OPT_FORMAT = 1, OPT_STORY, OPT_DOT };
	static const struct cli_opt opts[] = { { "format", 1, OPT_FORMAT },
					       { "story", 1, OPT_STORY },
					       { "dot", 1, OPT_DOT },
					       { NULL, 0, 0 } };
	static const char *const formats[] = { "text", "json", NULL };
	static const char *const stories[] = { "its", "vm", "fabric", "all",
					       NULL };
	int json = 0, story = 3, o, rc = 0;
	const char *dot = NULL;
	struct cli cl;

	cli_init(&cl, "gicits demo", opts, usage, argc, argv);
	while ((o = cli_next(&cl)) != CLI_END) {
		if (o == CLI_STOP)
			return cl.status;
		if (o == CLI_OPERAND)
			return cli_error(&cl, "unexpected argument '%s'",
					 cl.val);
		if (o == OPT_FORMAT)
			json = cli_choice(&cl, formats);
		else if (o == OPT_STORY)
			story = cli_choice(&cl, stories);
		else
			dot = cl.val;
		if (json < 0 || story < 0)
			return cl.status;
	}
	if (dot && story != 2 && story != 3)
		return cli_error(&cl, "--dot draws the fabric story");
	if (story == 0 || story == 3)
		rc |= demo_its(json);
	if (story == 1 || story == 3)
		rc |= demo_vm(json);
	if (story == 2 || story == 3) {
		int r = demo_fabric(json, dot);

		if (r == 2)
			return CLI_EXIT_USAGE;
		rc |= r;
	}
	return rc ? CLI_EXIT_FAIL : CLI_EXIT_OK;
}
