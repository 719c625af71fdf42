/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * `gicits replay`: runs a scenario on the library with the oracle's machine
 * (docs/scenario-language.md, "The machine") and prints the oracle's
 * normalised output lines, as text or JSON, optionally comparing them with
 * an expected output (docs/replay.md).
 */
#include "cli.h"
#include "scenario.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "gicits/cmd.h"
#include "gicits/error.h"
#include "gicits/its.h"
#include "gicits/rdist.h"
#include "gicits/sink.h"
#include "gicits/vcpu.h"

#include "fwd_sink.h" /* tests/support: the forwarding LPI sink */
#include "replay_vm.h" /* --vm emulated */
#include "replay_smmu.h" /* CONFIG iommu=smmuv3 */
#include "replay_fabric.h" /* CONFIG system=FILE */

#define RAM_BASE 0x40000000ULL
#define RAM_SIZE 0x20000000ULL /* 512 MiB: 0x4000_0000..0x5FFF_FFFF */
#define PROP_TABLE 0x40200000ULL
#define PEND_TABLE(k) (0x40210000ULL + (uint64_t)(k)*0x10000)
#define DEV_TABLE 0x40300000ULL
#define COLL_TABLE 0x40400000ULL
#define CMD_QUEUE 0x40500000ULL
#define LPI_IDBITS 16
/* CONFIG gic=4 (docs/scenario-language.md, "GICv4.0"): the one virtual LPI
 * configuration table all vPEs share, and the vPE table */
#define VPROP_TABLE 0x40260000ULL
#define VPE_TABLE 0x40780000ULL
#define VPENDBASER_VALID (1ULL << 63)
#define VPENDBASER_IDAI (1ULL << 62)
#define VPENDBASER_PENDING_LAST (1ULL << 61)
#define VPENDBASER_DIRTY (1ULL << 60)
#define VPMR 0xF8
/* CONFIG gic=4.1: GICR_VPENDBASER's 4.1 fields (spec/gicv41.md §5.2) */
#define VPEND41_DOORBELL (1ULL << 62)
#define VPEND41_VGRP1EN (1ULL << 58)
_Static_assert(SCN_VCONF_TABLE == VPROP_TABLE,
	       "gic=4.1 VMAPP's VCONF_addr is gic=4's VPROPBASER table");

/* GICv4.x: gic=4 or gic=4.1 */
static bool gic_v4(const struct scn_config *c)
{
	return c->gic == 4 || c->gic == 41;
}

struct run {
	const struct scenario *s;
	struct scn_out *out;
	FILE *trace;
	uint8_t *ram;
	struct gicits_mem mem;
	struct gicits_gic *gic;
	struct gicits_its *its;
	/* --sink forward: the ITS delivers to gic through this sink */
	bool forward;
	struct ts_fwd fwd;
	/* --vm emulated: gic and its are this VM's (replay_vm.c) */
	struct replay_vm *vm;
	struct replay_smmu *smmu; /* CONFIG iommu=smmuv3, or NULL */
	struct replay_fabric *fabric; /* CONFIG system=FILE, or NULL */
	uint64_t qsize, wr;
	unsigned unissued, ndrain;
	uint64_t nacks;
	/* gic=4: the vPE resident on each CPU (SCN_VPE_NONE: none) */
	uint32_t resident[4];
};

static void json_str(FILE *f, const char *s);

static bool run_in_vm; /* --vm emulated|forwarded (replay_vm.h) */
static enum gicits_vm_mode vm_mode = GICITS_VM_EMULATED;

/* One output line in JSON: {"kind": FIRST WORD, KEY: VALUE for each
 * KEY=VALUE that follows (decimal numbers as numbers, the rest as strings),
 * "line": the text line}.  `drain N` gives "n": N; `reg NAME=V` gives
 * "name": NAME, "value": V. */
static void json_line(FILE *f, const char *line)
{
	char buf[SCN_LINE_MAX], *tok = buf, *end;
	bool first = true, reg = false;

	snprintf(buf, sizeof(buf), "%s", line);
	fputs("{\"kind\": ", f);
	for (; *tok; tok = end) {
		char *eq, *v;
		size_t i;

		end = tok + strcspn(tok, " ");
		if (*end)
			*end++ = '\0';
		if (first) {
			json_str(f, tok);
			reg = !strcmp(tok, "reg") || !strcmp(tok, "sreg");
			first = false;
			continue;
		}
		eq = strchr(tok, '=');
		v = eq ? eq + 1 : tok;
		fputs(", ", f);
		if (eq) {
			*eq = '\0';
			if (reg) {
				fputs("\"name\": ", f);
				json_str(f, tok);
				fputs(", \"value\"", f);
			} else {
				json_str(f, tok);
			}
		} else {
			fputs("\"n\"", f);
		}
		fputs(": ", f);
		i = v[0] == '-';
		if (v[i] && strspn(v + i, "0123456789") == strlen(v + i) &&
		    (v[i] != '0' || !v[i + 1]))
			fputs(v, f); /* a decimal number */
		else
			json_str(f, v);
	}
	fputs(", \"line\": ", f);
	json_str(f, line);
	fputs("}\n", f);
}

/* Compare @line, output line number o->line, with the expected output. */
static void expect_line(struct scn_out *o, const char *line)
{
	const char *want = o->expect_pos;
	size_t n;

	if (o->differs || !o->expect_text)
		return;
	if (!*want) {
		fprintf(stderr,
			"gicits replay: %s has %u lines; output line %u is '%s'\n",
			o->expect_name, o->line - 1, o->line, line);
		o->differs = true;
		return;
	}
	n = strcspn(want, "\n");
	if (strlen(line) != n || strncmp(line, want, n)) {
		fprintf(stderr,
			"gicits replay: output line %u differs from %s: want '%.*s', got '%s'\n",
			o->line, o->expect_name, (int)n, want, line);
		o->differs = true;
		return;
	}
	o->expect_pos = want + n + (want[n] == '\n');
}

void scn_emit(struct scn_out *o, const char *fmt, ...)
{
	char line[SCN_LINE_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	o->line++;
	if (o->json)
		json_line(o->f, line);
	else
		fprintf(o->f, "%s\n", line);
	expect_line(o, line);
}

int scn_out_finish(struct scn_out *o)
{
	if (o->expect_text && !o->differs && *o->expect_pos) {
		fprintf(stderr,
			"gicits replay: output ends after %u lines; %s goes on with '%.*s'\n",
			o->line, o->expect_name,
			(int)strcspn(o->expect_pos, "\n"), o->expect_pos);
		o->differs = true;
	}
	return o->differs ? 1 : 0;
}

static void json_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; s && *s; s++) {
		if (*s == '"' || *s == '\\')
			fprintf(f, "\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			fprintf(f, "\\u%04x", *s);
		else
			fputc(*s, f);
	}
	fputc('"', f);
}

static void print_json(FILE *f, const struct gicits_trace_record *r);

/* Every record goes to --trace as JSON; findings (cache=check) are also
 * printed on the output as "finding" lines, a kind the oracle never prints. */
static void on_trace(void *opaque, const struct gicits_trace_record *r)
{
	struct run *run = opaque;

	if (r->kind == GICITS_TRACE_FINDING) {
		run->out->findings++;
		scn_emit(run->out,
			 "finding rule=%s source=%s cpu=%" PRId64
			 " dev=%" PRIu32 " event=%" PRIu32 " intid=%" PRIu32,
			 r->rule, r->source, r->cpu, r->device_id, r->event_id,
			 r->intid);
	}
	if (run->trace)
		print_json(run->trace, r);
}

static void print_json(FILE *f, const struct gicits_trace_record *r)
{
	fprintf(f, "{\"kind\": ");
	json_str(f, gicits_trace_kind_name(r->kind));
	fprintf(f, ", \"source\": ");
	json_str(f, r->source);
	fprintf(f,
		", \"cmd\": %u, \"offset\": %" PRIu64
		", \"device_id\": %" PRIu32 ", \"event_id\": %" PRIu32
		", \"intid\": %" PRIu32 ", \"icid\": %" PRIu32
		", \"cpu\": %" PRId64,
		r->cmd, r->offset, r->device_id, r->event_id, r->intid, r->icid,
		r->cpu);
	if (r->error)
		fprintf(f, ", \"error\": \"%s\", \"code\": %" PRIu32,
			gicits_strerror((int)r->error), r->error);
	if (r->kind == GICITS_TRACE_DROP) {
		fprintf(f, ", \"drop\": ");
		json_str(f, gicits_drop_name(r->drop));
	}
	if (r->kind == GICITS_TRACE_REG)
		fprintf(f, ", \"value\": %" PRIu64, r->value);
	fprintf(f, ", \"rule\": ");
	json_str(f, r->rule);
	fprintf(f, ", \"message\": ");
	json_str(f, r->message);
	fprintf(f, "}\n");
}

static int its_w64(struct run *r, uint32_t off, uint64_t v)
{
	/* --vm: through the trap entry point (forwarded mode shadows the
	 * commands a CWRITER write runs) */
	if (r->vm)
		return gicits_vm_its_mmio_write(replay_vm_vm(r->vm), off, 8, v,
						0);
	return gicits_its_mmio_write(r->its, off, 8, v, 0);
}

/* Redistributor writes and the CPU interface, through the VM's trap
 * entry points with --vm (in forwarded mode a vCPU's pending set is its
 * virtual redistributor's and its vPE's). */
static int rd_w(struct run *r, unsigned k, uint32_t off, unsigned size,
		uint64_t v)
{
	if (r->vm)
		return gicits_vm_rdist_write(replay_vm_vm(r->vm), k, off, size,
					     v);
	return gicits_rdist_write(r->gic, k, off, size, v);
}

static uint32_t cpu_ack(struct run *r, unsigned k)
{
	if (r->vm)
		return gicits_vm_vcpu_ack(replay_vm_vm(r->vm), k);
	return gicits_cpu_ack(r->gic, k);
}

static void cpu_eoi(struct run *r, unsigned k, uint32_t id)
{
	if (r->vm)
		gicits_vm_vcpu_eoi(replay_vm_vm(r->vm), k, id);
	else
		gicits_cpu_eoi(r->gic, k, id);
}

static uint64_t its_r64(struct run *r, uint32_t off)
{
	uint64_t v = 0;

	gicits_its_mmio_read(r->its, off, 8, &v);
	return v;
}

/* The oracle's issue: write CWRITER, then poll CREADR; on Stalled print
 * the stall, skip the command by writing CREADR, and rewrite CWRITER. */
static void issue(struct run *r)
{
	uint64_t rd;

	its_w64(r, GICITS_GITS_CWRITER, r->wr);
	for (;;) {
		rd = its_r64(r, GICITS_GITS_CREADR);
		if ((rd & ~1ULL) == r->wr && !(rd & 1))
			break;
		if (!(rd & 1))
			break; /* cannot happen: processing is synchronous */
		scn_emit(r->out, "stall creadr=0x%016" PRIx64, rd);
		its_w64(r, GICITS_GITS_CREADR, ((rd & ~1ULL) + 32) % r->qsize);
		its_w64(r, GICITS_GITS_CWRITER, r->wr);
	}
	r->unissued = 0;
}

static void put_cmd(struct run *r, const uint64_t dw[4])
{
	struct gicits_cmd c = { { dw[0], dw[1], dw[2], dw[3] } };

	gicits_cmd_to_bytes(&c, r->ram + (CMD_QUEUE - RAM_BASE) + r->wr);
	r->wr = (r->wr + GICITS_CMD_BYTES) % r->qsize;
	r->unissued++;
	if (!r->s->cfg.batch || r->unissued == r->qsize / 32 - 1)
		issue(r);
}

struct ack {
	unsigned cpu;
	uint32_t intid;
};

static int cmp_ack(const void *a, const void *b)
{
	const struct ack *x = a, *y = b;

	if (x->cpu != y->cpu)
		return x->cpu < y->cpu ? -1 : 1;
	return x->intid < y->intid ? -1 : x->intid > y->intid;
}

/*
 * gic=4: after the physical acknowledges, each CPU with a resident vPE
 * acknowledges (and EOIs) everything its virtual CPU interface presents;
 * printed as `vack` lines after the `ack` lines, in the oracle's
 * normalised order (cpu, vpe, intid).  The acknowledges run in CPU order,
 * so (cpu, intid) order is that order.
 */
static int vdrain(struct run *r)
{
	struct ack *acks = NULL;
	size_t n = 0, cap = 0, i;
	unsigned cpu;
	uint32_t id;

	for (cpu = 0; cpu < r->s->cfg.cpus; cpu++) {
		if (r->resident[cpu] == SCN_VPE_NONE)
			continue;
		while (!gicits_vcpu_ack(r->gic, cpu, &id) &&
		       id != GICITS_INTID_SPURIOUS) {
			gicits_vcpu_eoi(r->gic, cpu, id);
			if (n == cap) {
				struct ack *na;

				cap = cap ? cap * 2 : 64;
				na = realloc(acks, cap * sizeof(*na));
				if (!na) {
					free(acks);
					return -1;
				}
				acks = na;
			}
			acks[n].cpu = cpu;
			acks[n].intid = id;
			n++;
		}
	}
	if (n)
		qsort(acks, n, sizeof(*acks), cmp_ack);
	for (i = 0; i < n; i++)
		scn_emit(r->out, "vack cpu=%u vpe=%" PRIu32 " intid=%" PRIu32,
			 acks[i].cpu, r->resident[acks[i].cpu], acks[i].intid);
	free(acks);
	return 0;
}

static int drain(struct run *r)
{
	struct ack *acks = NULL;
	size_t n = 0, cap = 0, i;
	unsigned cpu;

	for (cpu = 0; cpu < r->s->cfg.cpus; cpu++) {
		for (;;) {
			uint32_t id = cpu_ack(r, cpu);

			if (id == GICITS_INTID_SPURIOUS)
				break;
			cpu_eoi(r, cpu, id);
			if (n == cap) {
				struct ack *na;

				cap = cap ? cap * 2 : 64;
				na = realloc(acks, cap * sizeof(*na));
				if (!na) {
					free(acks);
					return -1;
				}
				acks = na;
			}
			acks[n].cpu = cpu;
			acks[n].intid = id;
			n++;
		}
	}
	if (n)
		qsort(acks, n, sizeof(*acks), cmp_ack);
	r->nacks += n;
	scn_emit(r->out, "drain %u", ++r->ndrain);
	for (i = 0; i < n; i++)
		scn_emit(r->out, "ack cpu=%u intid=%" PRIu32, acks[i].cpu,
			 acks[i].intid);
	free(acks);
	return gic_v4(&r->s->cfg) ? vdrain(r) : 0;
}

struct pending_ctx {
	struct scn_out *out;
	unsigned cpu;
};

static int print_pending(void *opaque, uint32_t intid)
{
	struct pending_ctx *p = opaque;

	scn_emit(p->out, "pending cpu=%u intid=%" PRIu32, p->cpu, intid);
	return 0;
}

static void reg(struct run *r, const char *name)
{
	uint64_t v = 0;
	uint32_t off;

	if (!strcmp(name, "CTLR") || !strcmp(name, "IIDR")) {
		gicits_its_mmio_read(r->its,
				     !strcmp(name, "CTLR") ? GICITS_GITS_CTLR :
							     GICITS_GITS_IIDR,
				     4, &v);
	} else {
		if (!strcmp(name, "TYPER"))
			off = GICITS_GITS_TYPER;
		else if (!strcmp(name, "CBASER"))
			off = GICITS_GITS_CBASER;
		else if (!strcmp(name, "CWRITER"))
			off = GICITS_GITS_CWRITER;
		else if (!strcmp(name, "CREADR"))
			off = GICITS_GITS_CREADR;
		else
			off = GICITS_GITS_BASER((unsigned)(name[5] - '0'));
		v = its_r64(r, off);
	}
	scn_emit(r->out, "reg %s=0x%016" PRIx64, name, v);
}

static uint64_t vpendbaser(struct run *r, unsigned cpu)
{
	uint64_t v = 0;

	gicits_rdist_read(r->gic, cpu, GICITS_GICR_VPENDBASER, 8, &v);
	return v;
}

/* GICD NAME [value=X]: the distributor (<gicits/rdist.h>, distributor
 * block): a 32-bit write of X when given, then a 32-bit read, printed as
 * "gicd NAME=0x<8 hex>".  RWP is polled away first, as a driver does
 * after a GICD_CTLR write (bounded: the window is at most 1000 reads). */
static void gicd(struct run *r, const char *name, bool write, uint32_t val)
{
	static const struct {
		const char *name;
		uint32_t off;
	} regs[] = { { "CTLR", GICITS_GICD_CTLR },
		     { "TYPER", GICITS_GICD_TYPER },
		     { "TYPER2", GICITS_GICD_TYPER2 },
		     { "IIDR", GICITS_GICD_IIDR },
		     { "PIDR2", GICITS_GICD_PIDR2 } };
	uint32_t off = GICITS_GICD_CTLR;
	uint64_t v = 0;
	unsigned i;

	for (i = 0; i < sizeof(regs) / sizeof(regs[0]); i++)
		if (!strcmp(name, regs[i].name))
			off = regs[i].off;
	if (write)
		gicits_gicd_write(r->gic, off, 4, val);
	i = 0;
	do
		gicits_gicd_read(r->gic, off, 4, &v);
	while (off == GICITS_GICD_CTLR && (v & GICITS_GICD_CTLR_RWP) &&
	       ++i < 2000);
	scn_emit(r->out, "gicd %s=0x%08" PRIx32, name, (uint32_t)v);
}

/* Poll GICR_VPENDBASER.Dirty until it reads 0 (bounded: the model's Dirty
 * window is at most 1000 reads). */
static uint64_t wait_dirty(struct run *r, unsigned cpu)
{
	uint64_t v;
	unsigned i = 0;

	do
		v = vpendbaser(r, cpu);
	while ((v & VPENDBASER_DIRTY) && ++i < 100000);
	return v;
}

/* RESIDENT cpu=K vpe=V|none, as the oracle does it: deschedule what is
 * resident on K (Valid = 0, other fields kept; wait for Dirty = 0; print
 * PendingLast), then schedule V (Valid | IDAI | its VPT; wait for Dirty =
 * 0). */
static void resident(struct run *r, const struct scn_action *a)
{
	unsigned cpu = (unsigned)a->a[0];
	bool v41 = r->s->cfg.gic == 41;
	uint64_t v;

	if (r->resident[cpu] != SCN_VPE_NONE) {
		v = vpendbaser(r, cpu);
		/* gic=4.1 (§7.2): vPEID and VGrpNEn rewritten as read, as
		 * Linux; Doorbell and PendingLast as the action says */
		if (v41)
			v = (v & (0xffffULL | 3ULL << 58)) |
			    (a->a[3] & 1 ? VPEND41_DOORBELL : 0) |
			    (a->a[3] & 2 ? VPENDBASER_PENDING_LAST : 0);
		gicits_rdist_write(r->gic, cpu, GICITS_GICR_VPENDBASER, 8,
				   v & ~VPENDBASER_VALID);
		v = wait_dirty(r, cpu);
		scn_emit(r->out,
			 "desched cpu=%u vpe=%" PRIu32 " pendinglast=%u", cpu,
			 r->resident[cpu],
			 (unsigned)!!(v & VPENDBASER_PENDING_LAST));
		r->resident[cpu] = SCN_VPE_NONE;
	}
	if (a->a[1] == SCN_VPE_NONE)
		return;
	/* gic=4.1 (§7.1): {Valid, PendingLast (RES1), VGrp1En, vPEID} */
	gicits_rdist_write(r->gic, cpu, GICITS_GICR_VPENDBASER, 8,
			   v41 ? VPENDBASER_VALID | VPENDBASER_PENDING_LAST |
					   (a->a[3] & 4 ? VPEND41_VGRP1EN : 0) |
					   (a->a[1] & 0xffff) :
				 VPENDBASER_VALID | VPENDBASER_IDAI | a->a[2]);
	(void)wait_dirty(r, cpu);
	r->resident[cpu] = (uint32_t)a->a[1];
}

/* VSGIR vpe=V cpu=K (gic=4.1, §5.3): GICR_VSGIR at K, poll
 * GICR_VSGIPENDR.Busy, print Pending. */
static void vsgir(struct run *r, const struct scn_action *a)
{
	unsigned cpu = (unsigned)a->a[1], i = 0;
	uint64_t v = 0;

	gicits_rdist_write(r->gic, cpu, GICITS_GICR_VSGIR, 4, a->a[0]);
	do
		gicits_rdist_read(r->gic, cpu, GICITS_GICR_VSGIPENDR, 4, &v);
	while ((v >> 31) && ++i < 100000);
	scn_emit(r->out, "vsgipend cpu=%u vpe=%" PRIu64 " pending=0x%04x", cpu,
		 a->a[0], (unsigned)(v & 0xffff));
}

static int set_bit(void *opaque, uint32_t vintid)
{
	uint8_t *bm = opaque;

	if (vintid < 65536)
		bm[vintid / 8] |= (uint8_t)(1u << (vintid % 8));
	return 0;
}

static int cmp_vpt(const void *a, const void *b)
{
	const struct scn_vpt *x = a, *y = b;

	return x->vpe < y->vpe ? -1 : x->vpe > y->vpe;
}

/* VPENDING: the pending vLPIs of every vPE with a VPT, by (vPE, vINTID):
 * the VPT in guest memory, and for a resident vPE also what its
 * redistributor holds (the model's own state, which QEMU keeps in the VPT
 * at all times). */
static int vpending(struct run *r)
{
	const struct scenario *s = r->s;
	struct scn_vpt *v;
	uint8_t bm[8192];
	size_t i;
	unsigned cpu, id;

	if (!s->nvpts)
		return 0;
	v = malloc(s->nvpts * sizeof(*v));
	if (!v)
		return -1;
	memcpy(v, s->vpts, s->nvpts * sizeof(*v));
	qsort(v, s->nvpts, sizeof(*v), cmp_vpt);
	for (i = 0; i < s->nvpts; i++) {
		memcpy(bm, r->ram + (v[i].addr - RAM_BASE), sizeof(bm));
		for (cpu = 0; cpu < s->cfg.cpus; cpu++)
			if (r->resident[cpu] == v[i].vpe)
				gicits_vcpu_pending_foreach(r->gic, cpu,
							    set_bit, bm);
		for (id = 8192; id < 65536; id++)
			if (bm[id / 8] >> (id % 8) & 1)
				scn_emit(r->out,
					 "vpending vpe=%" PRIu32 " intid=%u",
					 v[i].vpe, id);
	}
	free(v);
	return 0;
}

/* CONFIG iommu=smmuv3: the device's MSI came out of the SMMU at the
 * doorbell; it reaches the ITS as an MSI action's does (through the host
 * with --vm emulated). */
static void smmu_msi(void *opaque, uint32_t device_id, uint32_t event_id)
{
	struct run *r = opaque;

	if (r->vm)
		replay_vm_msi(r->vm, device_id, event_id);
	else
		gicits_its_mmio_write(r->its, GICITS_GITS_TRANSLATER, 4,
				      event_id, device_id);
}

static int setup(struct run *r)
{
	const struct scn_config *c = &r->s->cfg;
	struct gicits_gic_config gc;
	struct gicits_its_config ic;
	uint64_t baser, l2 = 0;
	unsigned k;
	size_t i;
	int err;

	r->ram = calloc(1, RAM_SIZE);
	if (!r->ram)
		return GICITS_ENOMEM;
	gicits_mem_init(&r->mem, NULL, NULL);
	gicits_mem_add_direct(&r->mem, RAM_BASE, RAM_SIZE, r->ram);

	gicits_gic_config_default(&gc);
	gc.num_cpus = c->cpus;
	gc.pri_bits = c->pri_bits;
	gc.intid_bits = LPI_IDBITS;
	gc.check_config = c->cache == GICITS_CACHE_CHECK;
	gc.lpi_cache = (enum gicits_lpi_cache)c->lpi_cache;
	gc.trace = on_trace;
	gc.trace_opaque = r;
	gc.vpe_dirty_reads = c->vpe_dirty;
	if (c->nassgicap >= 0)
		gc.nassgicap = c->nassgicap ? GICITS_NASSGICAP_ON :
					      GICITS_NASSGICAP_OFF;
	if (gic_v4(c)) {
		/* residency lives in gicits's redistributors: an external
		 * sink has none (<gicits/sink.h> has no vPE operations yet),
		 * and the VM model's vITS is GICv3 (docs/vm.md) */
		if (r->forward || run_in_vm)
			return GICITS_ENOTSUP;
		gc.version = c->gic == 41 ? GICITS_GIC_V4_1 : GICITS_GIC_V4_0;
	}
	err = run_in_vm ? GICITS_OK : gicits_gic_create(&gc, &r->mem, &r->gic);
	if (err)
		return err;

	gicits_its_config_default(&ic);
	ic.devbits = c->devbits;
	ic.idbits = c->idbits;
	ic.cidbits = c->cidbits;
	ic.ite_size = c->ite_size;
	ic.hcc = c->hcc;
	ic.pta = c->pta;
	ic.umsi = c->umsi;
	ic.mapc_rdbase16 = c->mapc_rdbase16;
	/* QEMU 7.2's choices the oracle's output depends on (each a knob,
	 * docs/configuration.md): GITS_CREADR writable as with GICD_CTLR.DS
	 * = 1, which is how a stalled command is skipped (scenario-language.md,
	 * "Execution order and issue points"). */
	ic.creadr_writable = true;
	ic.strict = c->strict;
	ic.error_policy = (enum gicits_error_policy)c->policy;
	ic.cache = (enum gicits_cache_mode)c->cache;
	ic.trace = on_trace;
	ic.trace_opaque = r;
	if (gic_v4(c))
		ic.gic = c->gic == 41 ? GICITS_GIC_V4_1 : GICITS_GIC_V4_0;
	if (run_in_vm) {
		err = replay_vm_create(r->s, vm_mode, &ic, &gc, &r->mem,
				       RAM_BASE, RAM_SIZE, &r->vm, &r->gic,
				       &r->its);
	} else if (r->forward) {
		/* the same ITS over an external sink that forwards to the
		 * same redistributors (<gicits/sink.h>): the output must not
		 * change */
		ts_fwd_init(&r->fwd, r->gic);
		err = gicits_its_create_with_sink(&ic, &ts_fwd_ops, &r->fwd,
						  &r->mem, &r->its);
	} else {
		err = gicits_its_create(&ic, r->gic, &r->mem, &r->its);
	}
	if (err)
		return err;

	/* LPI configuration table: every byte 0xA3 (priority 0xA0, RES1,
	 * enabled); IDbits 16. */
	memset(r->ram + (PROP_TABLE - RAM_BASE), 0xA3,
	       (1u << LPI_IDBITS) - 8192);
	for (k = 0; k < c->cpus; k++) {
		rd_w(r, k, GICITS_GICR_WAKER, 4, 0);
		rd_w(r, k, GICITS_GICR_PROPBASER, 8,
		     PROP_TABLE | (LPI_IDBITS - 1));
		rd_w(r, k, GICITS_GICR_PENDBASER, 8,
		     PEND_TABLE(k) | 1ULL << 62);
		rd_w(r, k, GICITS_GICR_CTLR, 4, 1);
		if (r->vm)
			gicits_vm_vcpu_set_pmr(replay_vm_vm(r->vm), k, 0xff);
		else
			gicits_cpu_set_pmr(r->gic, k, 0xff);
		r->resident[k] = SCN_VPE_NONE;
	}
	if (gic_v4(c)) {
		/* one virtual LPI configuration table for all vPEs, every
		 * byte 0xA3, IDbits 16; no vPE resident; VPMR 0xF8.
		 * gic=4.1: VPROPBASER describes the vPE table instead, as
		 * BASER2 does (spec/gicv41.md §6: flat, 4 KB pages) */
		memset(r->ram + (VPROP_TABLE - RAM_BASE), 0xA3,
		       (1u << LPI_IDBITS) - 8192);
		for (k = 0; k < c->cpus; k++) {
			gicits_rdist_write(r->gic, k, GICITS_GICR_VPENDBASER, 8,
					   0);
			gicits_rdist_write(
				r->gic, k, GICITS_GICR_VPROPBASER, 8,
				c->gic == 41 ? 1ULL << 63 | VPE_TABLE |
						       (c->vt_pages - 1) :
					       VPROP_TABLE | (LPI_IDBITS - 1));
			gicits_vcpu_set_vpmr(r->gic, k, VPMR);
		}
		/* vPE table (BASER2): 4 KB pages, Type and Entry_Size as
		 * read, zeroed (RAM is) */
		baser = its_r64(r, GICITS_GITS_BASER(2));
		its_w64(r, GICITS_GITS_BASER(2),
			baser | 1ULL << 63 | VPE_TABLE | (c->vt_pages - 1));
	}

	/* Device table (BASER0): 4 KB pages; Type and Entry_Size as read. */
	baser = its_r64(r, GICITS_GITS_BASER(0));
	baser |= 1ULL << 63 | DEV_TABLE | (c->dt_pages - 1);
	if (c->indirect) {
		uint64_t per_l2 = 4096 / 8, nl1 = (uint64_t)c->dt_pages * 512;

		baser |= 1ULL << 62;
		/* Level-2 pages for every DeviceID the scenario names, placed
		 * above the ITTs (the oracle puts them at the heap start;
		 * the addresses are not observable). */
		l2 = (r->s->heap_next + 4095) & ~4095ULL;
		for (i = 0; i < r->s->ndevids; i++) {
			uint64_t dev = r->s->devids[i], l1i = dev / per_l2,
				 desc;
			uint8_t *slot =
				r->ram + (DEV_TABLE - RAM_BASE) + l1i * 8;
			int b;

			if ((c->devbits < 32 && dev >> c->devbits) ||
			    l1i >= nl1)
				continue;
			if (slot[7] & 0x80)
				continue; /* page shared with another DeviceID */
			if (l2 + 4096 > RAM_BASE + RAM_SIZE)
				return GICITS_ENOMEM;
			desc = 1ULL << 63 | l2;
			for (b = 0; b < 8; b++)
				slot[b] = (uint8_t)(desc >> (8 * b));
			l2 += 4096;
		}
	}
	its_w64(r, GICITS_GITS_BASER(0), baser);
	baser = its_r64(r, GICITS_GITS_BASER(1));
	its_w64(r, GICITS_GITS_BASER(1),
		baser | 1ULL << 63 | COLL_TABLE | (c->ct_pages - 1));
	if (c->indirect && !(its_r64(r, GICITS_GITS_BASER(0)) >> 62 & 1))
		return GICITS_ENOTSUP;
	its_w64(r, GICITS_GITS_CBASER,
		1ULL << 63 | CMD_QUEUE | (c->cq_pages - 1));
	its_w64(r, GICITS_GITS_CWRITER, 0);
	if (r->vm)
		gicits_vm_its_mmio_write(replay_vm_vm(r->vm), GICITS_GITS_CTLR,
					 4, 1, 0);
	else
		gicits_its_mmio_write(r->its, GICITS_GITS_CTLR, 4, 1, 0);
	r->qsize = (uint64_t)c->cq_pages * 4096;
	return replay_smmu_create(r->s, &r->mem, r->ram, RAM_BASE, RAM_SIZE,
				  smmu_msi, r, on_trace, r, &r->smmu);
}

int scn_run(const struct scenario *s, struct scn_out *out, FILE *trace,
	    bool forward)
{
	struct run r;
	size_t i;
	int err;

	memset(&r, 0, sizeof(r));
	r.s = s;
	r.out = out;
	r.trace = trace;
	r.forward = forward;
	err = setup(&r);
	if (!err)
		err = replay_fabric_create(s, &r.fabric);
	if (err) {
		fprintf(stderr, "gicits replay: set-up failed: %s\n",
			gicits_strerror(err));
		goto out;
	}
	for (i = 0; i < s->nacts; i++) {
		const struct scn_action *a = &s->acts[i];

		if (a->op != SCN_CMD && r.unissued)
			issue(&r);
		switch (a->op) {
		case SCN_CMD:
			put_cmd(&r, a->a);
			break;
		case SCN_LPICFG:
			r.ram[PROP_TABLE - RAM_BASE + a->a[0] - 8192] =
				(uint8_t)((a->a[1] & 0xFC) | 0x02 | a->a[2]);
			break;
		case SCN_MSI:
			if (r.vm)
				replay_vm_msi(r.vm, (uint32_t)a->a[1],
					      (uint32_t)a->a[0]);
			else
				gicits_its_mmio_write(
					r.its, GICITS_GITS_TRANSLATER, 4,
					a->a[0], (uint32_t)a->a[1]);
			break;
		case SCN_DRAIN:
			if (drain(&r)) {
				err = GICITS_ENOMEM;
				goto out;
			}
			break;
		case SCN_REG:
			reg(&r, a->reg);
			break;
		case SCN_RESIDENT:
			resident(&r, a);
			break;
		case SCN_VLPICFG:
			r.ram[VPROP_TABLE - RAM_BASE + a->a[0] - 8192] =
				(uint8_t)((a->a[1] & 0xFC) | 0x02 | a->a[2]);
			break;
		case SCN_VPENDING:
			if (vpending(&r)) {
				err = GICITS_ENOMEM;
				goto out;
			}
			break;
		case SCN_PENDING: {
			struct pending_ctx p = { out, 0 };

			for (p.cpu = 0; p.cpu < s->cfg.cpus; p.cpu++)
				if (r.vm)
					gicits_vm_vcpu_pending_foreach(
						replay_vm_vm(r.vm), p.cpu,
						print_pending, &p);
				else
					gicits_rdist_pending_foreach(
						r.gic, p.cpu, print_pending,
						&p);
			break;
		}
		case SCN_SGIR:
			/* GITS_SGIR (spec/gicv41.md §4) */
			gicits_its_mmio_write(r.its, GICITS_GITS_SGIR, 8,
					      a->a[0] << 32 | a->a[1], 0);
			break;
		case SCN_VSGIR:
			vsgir(&r, a);
			break;
		case SCN_VINV:
			gicits_rdist_write(r.gic, (unsigned)a->a[0],
					   a->a[3] ? GICITS_GICR_INVLPIR :
						     GICITS_GICR_INVALLR,
					   8,
					   1ULL << 63 | a->a[1] << 32 |
						   (a->a[3] ? a->a[2] : 0));
			break;
		case SCN_VPENDW: {
			uint64_t v = 0;

			gicits_rdist_write(r.gic, (unsigned)a->a[0],
					   GICITS_GICR_VPENDBASER, 8, a->a[1]);
			/* what is resident now, as the register says */
			gicits_rdist_read(r.gic, (unsigned)a->a[0],
					  GICITS_GICR_VPENDBASER, 8, &v);
			r.resident[a->a[0]] =
				v >> 63 ? (uint32_t)(v & 0xffff) : SCN_VPE_NONE;
			break;
		}
		case SCN_GICD:
			gicd(&r, a->reg, a->a[1] != 0, (uint32_t)a->a[0]);
			break;
		case SCN_SMMU:
			if (replay_smmu_step(r.smmu, a, out)) {
				err = GICITS_ENOMEM;
				goto out;
			}
			break;
		case SCN_SYSTEM:
			if (replay_fabric_step(r.fabric, a, out)) {
				err = GICITS_ESTATE;
				goto out;
			}
			break;
		}
	}
	if (r.unissued)
		issue(&r);
	scn_emit(out, "done");
	/* every LPI acknowledged was made pending by the ITS, so through
	 * the sink: a run that acknowledged some without a single
	 * set_pending did not test the sink (a check on this tool) */
	if (forward && r.nacks && !ts_fwd_calls(&r.fwd, TS_FWD_SET_PENDING)) {
		fprintf(stderr,
			"gicits replay: --sink forward: LPIs were delivered without the sink\n");
		err = GICITS_ESTATE;
	}
out:
	replay_smmu_destroy(r.smmu);
	replay_fabric_destroy(r.fabric);
	if (r.vm) { /* the VM owns them */
		replay_vm_destroy(r.vm);
		r.its = NULL;
		r.gic = NULL;
	}
	gicits_its_destroy(r.its);
	gicits_gic_destroy(r.gic);
	free(r.ram);
	return err ? 1 : 0;
}

static char *read_all(FILE *f)
{
	size_t n = 0, cap = 65536, got;
	char *buf = malloc(cap + 1), *nb;

	if (!buf)
		return NULL;
	while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap) {
			cap *= 2;
			nb = realloc(buf, cap + 1);
			if (!nb) {
				free(buf);
				return NULL;
			}
			buf = nb;
		}
	}
	if (ferror(f)) {
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	if (strlen(buf) != n) {
		free(buf);
		return NULL;
	}
	return buf;
}

static void replay_usage(FILE *f)
{
	fprintf(f,
		"usage: gicits replay [--format text|json] [--expect FILE] [--trace]\n"
		"                     [--sink direct|forward] [--vm emulated|forwarded]\n"
		"                     SCENARIO|-\n"
		"\n"
		"Runs a scenario (docs/scenario-language.md) with the oracle's machine and\n"
		"prints its output lines: drain, ack, pending, stall, reg, finding, done\n"
		"(gic=4 also vack, desched, vpending; iommu=smmuv3 also events, event,\n"
		"sreg, cmdq_error, mem).\n"
		"  --format F     text (default) or json (one object per output line)\n"
		"  --expect FILE  compare the output with FILE (text, as QEMU's .expected):\n"
		"                 the first difference is reported on stderr, exit 1\n"
		"  --trace        also print every trace record as a JSON line on stderr\n"
		"  --sink S       direct (default): the ITS calls the redistributors;\n"
		"                 forward: through a test LPI sink (<gicits/sink.h>)\n"
		"                 that forwards to them; the output is the same\n"
		"  --vm emulated  run as the guest of a VM (docs/vm.md): its ITS, CPUs and\n"
		"                 redistributors are the VM's vITS, vCPUs and virtual ones;\n"
		"                 guest DeviceID D is host device (D + 0x10000) mod 2^32,\n"
		"                 assigned to the VM (D beyond devbits: not assigned), and\n"
		"                 every MSI comes from it through the host; the output is\n"
		"                 the same (not with --sink forward)\n"
		"  --vm forwarded as --vm emulated (the same host DeviceID rule), and the\n"
		"                 VM's mappings of those devices are shadowed onto a host\n"
		"                 GICv4.0 ITS as vLPIs of one vPE per vCPU (vCPU k loaded\n"
		"                 on host CPU k); the output is the same\n"
		"\n"
		"CONFIG keys (oracle):\n"
		"  cpus=1..4 (4)  dt_pages=1..256 (128; 1 with indirect=1)\n"
		"  ct_pages=1..256 (128)  cq_pages=1..256 (256)  batch=0|1 (1)\n"
		"  indirect=0|1 (0)  gic=3|4 (3; 4: GICv4.0, not with --sink forward or --vm)\n"
		"  vt_pages=1..128 (128; gic=4: the vPE table)\n"
		"CONFIG keys (gicits knobs, see docs/configuration.md):\n"
		"  policy=skip|stall (skip)   command errors consumed or stalled\n"
		"  cache=on|off|check (on)    translation index mode\n"
		"  devbits=1..32 (16)  idbits=1..32 (16)  cidbits=1..16 (16)\n"
		"  ite_size=8|12|16 (12)  hcc=0..255 (0)  pta=0|1 (0)\n"
		"  pri_bits=4..8 (5)  umsi=0|1 (0)  mapc_rdbase16=0|1 (1)\n"
		"  strict=0|1 (0)   report strict-mode findings as 'finding' lines\n"
		"  lpi_cache=hpp|full (hpp)  redistributor configuration caching\n"
		"gic=4 actions: VMAPP VMAPTI VMAPI VMOVI VMOVP VSYNC VINVALL RESIDENT\n"
		"  VLPICFG VPENDING; output lines vack, desched, vpending\n"
		"Extension: MSI dev=D event=E  (DeviceID D sampled from the bus)\n"
		"CONFIG iommu=smmuv3: SMMUv3 + edu device (StreamID = DeviceID 8), with\n"
		"  st_levels, st_log2size, st_split, evq_log2size and the SMMU actions\n"
		"  (docs/scenario-language.md, \"SMMUv3 + edu extension\")\n"
		"\n"
		"Exit status: 0 success ('done' printed; with --expect: the output is\n"
		"FILE's), 1 the run failed, 'finding' lines were printed (without\n"
		"--expect) or the output differs from --expect's FILE, 2 usage error,\n"
		"unreadable file or rejected scenario (FILE:LINE: message on stderr).\n");
}

/* The whole of @path ("-": stdin), or NULL after a message on stderr. */
static char *load(const char *path)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	char *text;

	if (!f) {
		fprintf(stderr, "gicits replay: %s: %s\n", path,
			strerror(errno));
		return NULL;
	}
	text = read_all(f);
	if (f != stdin)
		fclose(f);
	if (!text)
		fprintf(stderr,
			"gicits replay: %s: cannot read, or contains a NUL byte\n",
			path);
	return text;
}

enum { OPT_FORMAT = 1, OPT_EXPECT, OPT_TRACE, OPT_SINK, OPT_VM };

int cmd_replay(int argc, char **argv)
{
	static const struct cli_opt opts[] = {
		{ "format", 1, OPT_FORMAT },
		{ "expect", 1, OPT_EXPECT },
		{ "trace", 0, OPT_TRACE },
		{ "sink", 1, OPT_SINK },
		{ "vm", 1, OPT_VM },
		{ NULL, 0, 0 },
	};
	static const char *const formats[] = { "text", "json", NULL };
	static const char *const sinks[] = { "direct", "forward", NULL };
	static const char *const vms[] = { "emulated", "forwarded", NULL };
	const char *path = NULL, *expect = NULL;
	struct scn_out out;
	bool trace = false, json = false, forward = false;
	struct scenario s;
	char *text, *want = NULL;
	struct cli c;
	int r, rc;

	cli_init(&c, "gicits replay", opts, replay_usage, argc, argv);
	while ((r = cli_next(&c)) != CLI_END) {
		switch (r) {
		case CLI_STOP:
			return c.status;
		case OPT_FORMAT:
			r = cli_choice(&c, formats);
			if (r < 0)
				return CLI_EXIT_USAGE;
			json = r == 1;
			break;
		case OPT_EXPECT:
			expect = c.val;
			break;
		case OPT_TRACE:
			trace = true;
			break;
		case OPT_SINK:
			r = cli_choice(&c, sinks);
			if (r < 0)
				return CLI_EXIT_USAGE;
			forward = r == 1;
			break;
		case OPT_VM:
			r = cli_choice(&c, vms);
			if (r < 0)
				return CLI_EXIT_USAGE;
			run_in_vm = true;
			vm_mode = r == 1 ? GICITS_VM_FORWARDED :
					   GICITS_VM_EMULATED;
			break;
		default: /* CLI_OPERAND */
			if (path)
				return cli_error(
					&c,
					"more than one scenario ('%s', '%s')",
					path, c.val);
			path = c.val;
			break;
		}
	}
	if (!path)
		return cli_error(&c, "no scenario given");
	if (run_in_vm && forward)
		return cli_error(&c, "--vm and --sink forward do not combine");
	if (expect && !(want = load(expect)))
		return CLI_EXIT_USAGE;
	text = load(path);
	if (!text) {
		free(want);
		return CLI_EXIT_USAGE;
	}
	rc = scn_parse(path, text, &s, stderr);
	free(text);
	if (rc) {
		free(want);
		return CLI_EXIT_USAGE;
	}
	memset(&out, 0, sizeof(out));
	out.f = stdout;
	out.json = json;
	out.expect_text = want;
	out.expect_pos = want;
	out.expect_name = expect;
	rc = scn_run(&s, &out, trace ? stderr : NULL, forward);
	scn_free(&s);
	if (!rc && want)
		rc = scn_out_finish(&out);
	free(want);
	if (!rc && !want && out.findings) {
		fprintf(stderr, "gicits replay: %u finding%s\n", out.findings,
			out.findings == 1 ? "" : "s");
		rc = 1;
	}
	return rc ? CLI_EXIT_FAIL : CLI_EXIT_OK;
}
