/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * `gicits demo --story fabric`: the seed's MSI fabric on a built-in system
 * (tools/gicits/demo/system.dts, compiled at build time): a PCIe NIC's MSI
 * through a translating SMMUv3 to the ITS; an NVMe drive whose driver
 * programmed the physical doorbell, so the SMMU faults and raises its own
 * MSI with its own DeviceID; an mbigen wire becoming an LPI; and the
 * misdescribed twin (demo/misdescribed.dts) where the SMMU's DeviceID is
 * the drive's, shown by the lint and at run time.  --dot FILE writes a
 * Graphviz picture of the path each MSI took.  Every claim is checked.
 */
#include "demo.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gicits/error.h"
#include "gicits/fabric.h"
#include "gicits/rdist.h"
#include "gicits/topo.h"

#include "smmu_drv.h"

extern const unsigned char demo_system_dtb[];
extern const size_t demo_system_dtb_len;
extern const unsigned char demo_misdescribed_dtb[];
extern const size_t demo_misdescribed_dtb_len;

#define ITS_PATH "/interrupt-controller@2f000000/msi-controller@2f020000"
#define SMMU_PATH "/iommu@2b400000"
#define MBIGEN_PATH "/mbigen@60080000/intc"
#define RID_NIC 0x8u /* 00:01.0 */
#define RID_NVME 0x10u /* 00:02.0 */
#define SMMU_DEVID 0xff00u /* system.dts: msi-parent = <&its 0xff00> */
#define MBIGEN_DEVID 0x40000u
#define MSI_IOVA 0x08000000ull /* Linux's MSI_IOVA_BASE */
#define LPI_NIC 8192u
#define LPI_NVME 8200u
#define LPI_SMMU_EVTQ 8300u
#define LPI_SMMU_GERROR 8301u
#define LPI_UART 8400u
#define UART_WIRE 3u

struct fdemo {
	bool json;
	unsigned failed;
	FILE *dot;
	unsigned ndot; /* paths drawn */
	const char *sys; /* "system" or "misdescribed" */
	struct gicits_fabric *f;
	int its, smmu, mbigen;
	uint64_t doorbell;
	struct tsd drv;
};

static void check(struct fdemo *d, bool ok, const char *what)
{
	if (!ok) {
		d->failed++;
		fprintf(stderr, "gicits demo: check failed: %s\n", what);
	}
}

static int alloc_cb(void *ctx, uint64_t size, uint64_t align, uint64_t *gpa)
{
	return gicits_fabric_alloc(ctx, size, align, gpa, NULL);
}

static const char *node_name(struct fdemo *d, int node)
{
	struct gicits_topo_node n;

	if (node < 0 ||
	    gicits_topo_node(gicits_fabric_topo(d->f), node, &n) != GICITS_OK)
		return "-";
	return n.name;
}

/* The LPI some CPU takes next (acknowledged and EOI'd), or 0 and @cpu -1. */
static uint32_t take(struct fdemo *d, int *cpu)
{
	struct gicits_gic *gic = gicits_fabric_gic(d->f);
	unsigned k;

	for (k = 0; k < 4; k++) {
		uint32_t id = gicits_cpu_ack(gic, k);

		if (id != GICITS_INTID_SPURIOUS) {
			gicits_cpu_eoi(gic, k, id);
			*cpu = (int)k;
			return id;
		}
	}
	*cpu = -1;
	return 0;
}

/* One hop as text ("stream 0x8 at /iommu@2b400000"). */
static void hop_text(struct fdemo *d, const struct gicits_fabric_hop *h,
		     char *buf, size_t len)
{
	const char *n = node_name(d, h->node);

	switch (h->kind) {
	case GICITS_HOP_REQUESTER:
		snprintf(buf, len, "requester %s id 0x%" PRIx32, n, h->in);
		break;
	case GICITS_HOP_STREAM:
		snprintf(buf, len, "StreamID 0x%" PRIx32 " at %s", h->out, n);
		break;
	case GICITS_HOP_IOMMU:
		if (h->flags & GICITS_HOP_F_UNMODELLED)
			snprintf(buf, len, "%s (not modelled: untranslated)",
				 n);
		else if (h->event)
			snprintf(buf, len,
				 "%s faults 0x%" PRIx64 " (event 0x%02x)", n,
				 h->addr, h->event);
		else
			snprintf(buf, len, "%s 0x%" PRIx64 " -> 0x%" PRIx64, n,
				 h->addr, h->pa);
		break;
	case GICITS_HOP_WIRE:
		snprintf(buf, len, "wire %" PRIu32 " of %s -> %s", h->in, n,
			 h->out ? "high" : "low");
		break;
	case GICITS_HOP_DOORBELL:
		snprintf(buf, len, "doorbell 0x%" PRIx64 " of %s", h->pa, n);
		break;
	case GICITS_HOP_DEVICE_ID:
		snprintf(buf, len, "DeviceID 0x%" PRIx32 "%s", h->out,
			 h->flags & GICITS_HOP_F_RAW_ID ? " (raw)" : "");
		break;
	case GICITS_HOP_ITS:
		snprintf(buf, len, "ITS (0x%" PRIx32 ", %" PRIu32 ")%s%s",
			 h->in, h->out, h->result ? " dropped: " : "",
			 h->result ?
				 gicits_drop_name((enum gicits_drop)h->result) :
				 "");
		break;
	case GICITS_HOP_LPI:
		snprintf(buf, len, "LPI %" PRIu32 " on CPU %d", h->out, h->cpu);
		break;
	default:
		snprintf(buf, len, "?");
	}
}

/* Print a request's outcome and path; draw it in the Graphviz file. */
static void show(struct fdemo *d, const char *who,
		 const struct gicits_fabric_delivery *dl)
{
	char buf[160];
	unsigned i;

	if (d->json) {
		printf("{\"kind\":\"fabric.msi\",\"system\":\"%s\",\"from\":\"%s\","
		       "\"result\":\"%s\",\"its\":",
		       d->sys, who, gicits_fabric_result_name(dl->result));
		if (dl->its_node >= 0)
			printf("\"%s\",\"device_id\":%" PRIu32,
			       node_name(d, dl->its_node), dl->device_id);
		else
			printf("null");
		printf(",\"intid\":%" PRIu32 ",\"hops\":[", dl->intid);
		for (i = 0; i < dl->n_hops; i++) {
			hop_text(d, &dl->hops[i], buf, sizeof(buf));
			printf("%s\"%s\"", i ? "," : "", buf);
		}
		printf("]}\n");
	} else {
		printf("  %s: %s\n", who,
		       gicits_fabric_result_name(dl->result));
		for (i = 0; i < dl->n_hops; i++) {
			hop_text(d, &dl->hops[i], buf, sizeof(buf));
			printf("      %s %s\n", i ? "->" : "  ", buf);
		}
	}
	if (d->dot) {
		const char *color = dl->result == GICITS_FABRIC_DELIVERED ?
					    "darkgreen" :
					    "red3";

		fprintf(d->dot,
			"  subgraph cluster_%u {\n    label=\"%s: %s (%s)\";\n"
			"    color=%s;\n",
			d->ndot, d->sys, who,
			gicits_fabric_result_name(dl->result), color);
		for (i = 0; i < dl->n_hops; i++) {
			hop_text(d, &dl->hops[i], buf, sizeof(buf));
			fprintf(d->dot, "    p%u_%u [label=\"%s\"];\n", d->ndot,
				i, buf);
			if (i)
				fprintf(d->dot,
					"    p%u_%u -> p%u_%u [color=%s];\n",
					d->ndot, i - 1, d->ndot, i, color);
		}
		fprintf(d->dot, "  }\n");
		d->ndot++;
	}
}

/* Draw the SMMU's own MSI, sent because of the fault that ended the last
 * path drawn: an edge from that fault to a chain of its own. */
static void dot_smmu_msi(struct fdemo *d,
			 const struct gicits_fabric_delivery *fault,
			 uint32_t devid, uint32_t intid, int cpu)
{
	/* red: the DeviceID is a client's, so the LPI is the client's */
	const char *color = devid == SMMU_DEVID ? "darkgreen" : "red3";
	unsigned p = d->ndot;

	if (!d->dot || !fault->n_hops || !p)
		return;
	fprintf(d->dot,
		"  subgraph cluster_%u {\n    label=\"%s: the SMMU's own MSI\";\n"
		"    color=%s;\n"
		"    p%u_0 [label=\"event queue MSI of %s\"];\n"
		"    p%u_1 [label=\"doorbell 0x%" PRIx64 ", untranslated\"];\n"
		"    p%u_2 [label=\"DeviceID 0x%" PRIx32
		" (its msi-parent)\"];\n"
		"    p%u_3 [label=\"LPI %" PRIu32 " on CPU %d\"];\n"
		"    p%u_0 -> p%u_1 -> p%u_2 -> p%u_3 [color=%s];\n  }\n"
		"  p%u_%u -> p%u_0 [style=dashed,label=\"F_TRANSLATION record\"];\n",
		p, d->sys, color, p, SMMU_PATH, p, d->doorbell, p, devid, p,
		intid, cpu, p, p, p, p, color, p - 1, fault->n_hops - 1, p);
	d->ndot++;
}

/* Build a fabric from an embedded DTB, find its nodes, program the ITS
 * (as the kernel's ITS driver would for the MSIs it allocated) and the
 * SMMU (as arm-smmu-v3 does: stream table, queues, the event queue's MSI,
 * one stage-1 domain per device with the ITS doorbell at MSI_IOVA). */
static int build(struct fdemo *d, const unsigned char *dtb, size_t len,
		 uint32_t smmu_devid)
{
	const char *msg = NULL;
	uint64_t ttb_nic, ttb_nvme, page;
	int err;

	err = gicits_fabric_create_blob(dtb, len, NULL, 0, NULL, &d->f, &msg);
	if (err) {
		fprintf(stderr, "gicits demo: built-in %s: %s\n", d->sys,
			msg && *msg ? msg : gicits_strerror(err));
		return err;
	}
	d->its = gicits_topo_find(gicits_fabric_topo(d->f), ITS_PATH);
	d->smmu = gicits_topo_find(gicits_fabric_topo(d->f), SMMU_PATH);
	d->mbigen = gicits_topo_find(gicits_fabric_topo(d->f), MBIGEN_PATH);
	err = gicits_fabric_doorbell(d->f, d->its, &d->doorbell);
	/* the kernel's MSI allocations: one ITT per DeviceID */
	if (!err)
		err = gicits_fabric_map_event(d->f, d->its, RID_NIC, 0, LPI_NIC,
					      0);
	if (!err)
		err = gicits_fabric_map_event(d->f, d->its, RID_NVME, 0,
					      LPI_NVME, 1);
	/* the SMMU's event queue and GERROR MSIs; in the misdescribed system
	 * its DeviceID is the drive's, whose ITT the kernel already filled */
	if (!err && smmu_devid != RID_NVME)
		err = gicits_fabric_map_event(d->f, d->its, smmu_devid, 0,
					      LPI_SMMU_EVTQ, 2);
	if (!err && smmu_devid != RID_NVME)
		err = gicits_fabric_map_event(d->f, d->its, smmu_devid, 1,
					      LPI_SMMU_GERROR, 2);
	if (!err)
		err = gicits_fabric_map_event(d->f, d->its, MBIGEN_DEVID,
					      UART_WIRE, LPI_UART, 3);
	if (!err)
		err = tsd_init(&d->drv, gicits_fabric_iommu(d->f, d->smmu),
			       gicits_fabric_mem(d->f), alloc_cb, d->f, 9,
			       d->doorbell, 0, 1);
	page = d->doorbell & ~0xFFFull;
	if (!err)
		err = tsd_domain(&d->drv, &ttb_nic);
	if (!err)
		err = tsd_map(&d->drv, ttb_nic, MSI_IOVA, page, TSD_MSI_ATTR);
	if (!err)
		err = tsd_attach(&d->drv, RID_NIC, 1, ttb_nic);
	if (!err)
		err = tsd_domain(&d->drv, &ttb_nvme);
	if (!err)
		err = tsd_map(&d->drv, ttb_nvme, MSI_IOVA, page, TSD_MSI_ATTR);
	if (!err)
		err = tsd_attach(&d->drv, RID_NVME, 2, ttb_nvme);
	if (err)
		fprintf(stderr, "gicits demo: setting up the %s system: %s\n",
			d->sys, gicits_strerror(err));
	return err;
}

static void story_system(struct fdemo *d)
{
	struct gicits_fabric_delivery dl;
	uint64_t iova = MSI_IOVA | (d->doorbell & 0xFFF), rec[4] = { 0 };
	uint32_t id;
	int cpu;

	if (!d->json)
		printf("\ngicits demo: the MSI fabric of a built-in system (DT compiled at build time):\n"
		       "  ITS %s, SMMUv3 %s (own MSIs: DeviceID 0x%x),\n"
		       "  PCIe 0000:00 (RID r -> StreamID r, DeviceID r), mbigen %s (DeviceID 0x%x)\n"
		       "  doorbell GITS_TRANSLATER at 0x%" PRIx64
		       "; the SMMU maps it at IOVA 0x%llx for each device\n\n",
		       ITS_PATH, SMMU_PATH, SMMU_DEVID, MBIGEN_PATH,
		       MBIGEN_DEVID, d->doorbell, (unsigned long long)MSI_IOVA);
	/* 1: the NIC writes its MSI to the IOVA the kernel gave it */
	check(d,
	      gicits_fabric_post_rid(d->f, 0, RID_NIC, iova, 0, &dl) ==
		      GICITS_OK,
	      "post");
	show(d, "NIC 00:01.0 writes EventID 0 to its MSI IOVA", &dl);
	id = take(d, &cpu);
	check(d,
	      dl.result == GICITS_FABRIC_DELIVERED && id == LPI_NIC &&
		      cpu == 0 && dl.device_id == RID_NIC,
	      "the NIC's MSI through the SMMU becomes LPI 8192 on CPU 0");
	/* 2: the NVMe driver programmed the physical doorbell: no IOVA maps
	 * it, the SMMU faults, records F_TRANSLATION and sends its own MSI */
	check(d,
	      gicits_fabric_post_rid(d->f, 0, RID_NVME, d->doorbell, 0, &dl) ==
		      GICITS_OK,
	      "post");
	show(d, "NVMe 00:02.0 writes EventID 0 to the physical doorbell", &dl);
	id = take(d, &cpu);
	check(d, tsd_events(&d->drv) == 1 && !tsd_event(&d->drv, 0, rec),
	      "one event record");
	check(d,
	      dl.result == GICITS_FABRIC_IOMMU_ABORT &&
		      (rec[0] & 0xFF) == GICITS_SMMU_EVT_F_TRANSLATION &&
		      rec[0] >> 32 == RID_NVME && id == LPI_SMMU_EVTQ &&
		      cpu == 2,
	      "the SMMU faults the write and its own MSI is LPI 8300");
	if (d->json)
		printf("{\"kind\":\"fabric.smmu_msi\",\"system\":\"%s\","
		       "\"event\":\"0x%02x\",\"stream_id\":%" PRIu32
		       ",\"address\":%" PRIu64 ",\"device_id\":%u,"
		       "\"intid\":%" PRIu32 ",\"cpu\":%d}\n",
		       d->sys, (unsigned)(rec[0] & 0xFF),
		       (uint32_t)(rec[0] >> 32), rec[2], SMMU_DEVID, id, cpu);
	else
		printf("      the SMMU records event 0x%02x (F_TRANSLATION) for StreamID 0x%" PRIx32
		       " at 0x%" PRIx64 "\n"
		       "      and sends its own MSI (DeviceID 0x%x, untranslated): LPI %" PRIu32
		       " on CPU %d\n",
		       (unsigned)(rec[0] & 0xFF), (uint32_t)(rec[0] >> 32),
		       rec[2], SMMU_DEVID, id, cpu);
	dot_smmu_msi(d, &dl, SMMU_DEVID, id, cpu);
	tsd_events_consume(&d->drv);
	/* 3: a wire of the mbigen */
	check(d,
	      gicits_fabric_wire(d->f, d->mbigen, UART_WIRE, 1, &dl) ==
		      GICITS_OK,
	      "wire");
	show(d, "UART wire 3 of the mbigen rises", &dl);
	id = take(d, &cpu);
	check(d,
	      dl.result == GICITS_FABRIC_DELIVERED && id == LPI_UART &&
		      cpu == 3 && dl.device_id == MBIGEN_DEVID,
	      "the mbigen wire becomes LPI 8400 on CPU 3");
	gicits_fabric_wire(d->f, d->mbigen, UART_WIRE, 0, &dl);
}

static int lint_cb(void *opaque, const struct gicits_topo_finding *f)
{
	struct fdemo *d = opaque;

	if (strcmp(f->code, "E-IOMMU-SELF"))
		return 0;
	if (d->json)
		printf("{\"kind\":\"fabric.lint\",\"system\":\"%s\",\"code\":\"%s\"}\n",
		       d->sys, f->code);
	else
		printf("  lint: %s %s\n", f->code, f->message);
	return 0;
}

static void story_misdescribed(struct fdemo *d)
{
	struct gicits_fabric_delivery dl;
	unsigned found = 0;
	uint32_t id;
	int cpu, n;

	if (!d->json)
		printf("\nthe misdescribed twin: the SMMU's msi-parent names DeviceID 0x%x, the NVMe drive's\n",
		       RID_NVME);
	n = gicits_topo_lint(gicits_fabric_topo(d->f), NULL, lint_cb, d);
	found = n > 0;
	check(d, found, "the lint reports E-IOMMU-SELF");
	/* at run time: the NIC writes an IOVA nobody mapped; the SMMU's fault
	 * MSI carries DeviceID 0x10 and the ITS can only read it as the
	 * drive's EventID 0 */
	check(d,
	      gicits_fabric_post_rid(d->f, 0, RID_NIC, 0x10000000, 0, &dl) ==
		      GICITS_OK,
	      "post");
	show(d, "NIC 00:01.0 writes to an unmapped IOVA", &dl);
	id = take(d, &cpu);
	check(d, dl.result == GICITS_FABRIC_IOMMU_ABORT && id == LPI_NVME,
	      "the SMMU's fault MSI arrives as the NVMe drive's LPI");
	dot_smmu_msi(d, &dl, RID_NVME, id, cpu);
	if (d->json)
		printf("{\"kind\":\"fabric.collision\",\"system\":\"%s\","
		       "\"device_id\":%u,\"smmu_msi_became\":%" PRIu32
		       ",\"owner\":\"NVMe 00:02.0\"}\n",
		       d->sys, RID_NVME, id);
	else
		printf("  run time: the SMMU's fault MSI (DeviceID 0x%x) became LPI %" PRIu32
		       " -- the NVMe drive's interrupt, not the SMMU's\n",
		       RID_NVME, id);
}

int demo_fabric(bool json, const char *dot_path)
{
	struct fdemo d;

	memset(&d, 0, sizeof(d));
	d.json = json;
	if (dot_path) {
		d.dot = fopen(dot_path, "w");
		if (!d.dot) {
			fprintf(stderr, "gicits demo: %s: cannot write\n",
				dot_path);
			return 2;
		}
		fprintf(d.dot,
			"// gicits demo --story fabric: the path each MSI took\n"
			"digraph msi_paths {\n  rankdir=LR;\n  node [shape=box,fontsize=10];\n");
	}
	d.sys = "system";
	if (build(&d, demo_system_dtb, demo_system_dtb_len, SMMU_DEVID))
		d.failed++;
	else
		story_system(&d);
	gicits_fabric_destroy(d.f);
	d.f = NULL;
	d.sys = "misdescribed";
	if (build(&d, demo_misdescribed_dtb, demo_misdescribed_dtb_len,
		  RID_NVME))
		d.failed++;
	else
		story_misdescribed(&d);
	gicits_fabric_destroy(d.f);
	if (d.dot) {
		fprintf(d.dot, "}\n");
		fclose(d.dot);
		if (!json)
			printf("\nGraphviz: %u paths written to %s (dot -Tsvg %s)\n",
			       d.ndot, dot_path, dot_path);
	}
	if (d.failed)
		fprintf(stderr, "gicits demo: fabric story: %u checks failed\n",
			d.failed);
	return d.failed ? 1 : 0;
}
