/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * fuzz_snapshot: gicits_snapshot_restore() and gicits_snapshot_kvm_import()
 * on untrusted bytes (include/gicits/snapshot.h).
 *
 * Every input starts from the same guest: one gic (4 CPUs) and one ITS
 * (two-level device table, HCC = 2, 8-byte ITEs) driven by a fixed command
 * script (MAPC, MAPD, MAPTI, MSIs, one acknowledge), so that the guest RAM
 * holds real tables.  Byte 0 of the input selects the mode:
 *
 *  bit 0 = 0, restore: the rest of the input is a snapshot.  With bit 1 set
 *   the harness first writes the header's total length and the CRC-32
 *   trailer, so that the fuzzer gets past them.  Checked:
 *   - a failed restore changes nothing: a save of the target before and
 *     after is identical (the header's promise);
 *   - a successful restore round-trips: save -> restore into fresh
 *     instances -> save gives the same bytes;
 *   - after a successful restore, targets with cache=on and cache=off (same
 *     RAM, same snapshot) agree on a sweep of MSIs (results, pending sets)
 *     and their status, and GITS_CREADR lies inside the queue.
 *  bit 0 = 1, KVM import: the rest of the input is written into guest
 *   memory as KVM ABI rev 0 tables (a device table, then a collection
 *   table, then ITT bytes: the layout is in struct kvm_area below) and
 *   imported into a fresh ITS.  Checked:
 *   - a failed import (other than GICITS_EFAULT / GICITS_ENOMEM) leaves the
 *     ITS's tables in guest memory and its snapshot unchanged;
 *   - a successful import exports again, and a second fresh ITS importing
 *     that export translates a sweep of MSIs exactly like the first.
 *
 * Seeds: FUZZ_SNAPSHOT_SEEDS=DIR writes valid snapshots of several guest
 * states into DIR (run once on any input).
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gicits/cmd.h"
#include "gicits/error.h"
#include "gicits/its.h"
#include "gicits/mem.h"
#include "gicits/rdist.h"
#include "gicits/snapshot.h"
#include "sys.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NCPU 4
#define RAM_SIZE 0x100000u
#define PROP_PA 0x0u
#define PEND_PA(c) (0x10000u + (uint64_t)(c)*0x10000u)
#define CQ_PA 0x50000u
#define CQ_SIZE 0x1000u
#define DT_PA 0x60000u
#define DT_L2_PA 0x61000u
#define CT_PA 0x70000u
#define ITT_PA(d) (0x80000u + (uint64_t)(d)*0x100u)
/* KVM import area */
#define KVM_DT 0xA0000u
#define KVM_DT_BYTES 0x200u /* 64 DeviceIDs */
#define KVM_CT 0xA1000u
#define KVM_CT_BYTES 0x80u
#define KVM_ITT 0xB0000u /* DTEs of the seeds point here */
#define KVM_ITT_BYTES 0x10000u
/* KVM export area */
#define EXP_DT 0xC0000u
#define EXP_CT 0xC1000u
#define EXP_ITT 0xD0000u
#define EXP_ITT_BYTES 0x30000u

#define SNAP_MAX 65536

struct sys {
	struct ts_sys t; /* over a caller's RAM (tests/support) */
	struct gicits_gic *gic; /* = t.gic, t.its */
	struct gicits_its *its;
};

static void fail(const char *what)
{
	fprintf(stderr, "fuzz_snapshot: INVARIANT VIOLATED: %s\n", what);
	abort();
}

static void put64(uint8_t *ram, uint64_t pa, uint64_t v)
{
	unsigned i;

	for (i = 0; i < 8; i++)
		ram[pa + i] = (uint8_t)(v >> (8 * i));
}

static uint64_t get64(const uint8_t *ram, uint64_t pa)
{
	uint64_t v = 0;
	unsigned i;

	for (i = 0; i < 8; i++)
		v |= (uint64_t)ram[pa + i] << (8 * i);
	return v;
}

/* Instances in reset state over @ram (targets restore the saved RAM). */
static void sys_create(struct sys *s, uint8_t *ram,
		       enum gicits_cache_mode cache)
{
	struct ts_desc d;

	memset(s, 0, sizeof(*s));
	ts_desc_default(&d);
	d.ram_base = 0;
	d.ram_size = RAM_SIZE;
	d.ram_host = ram;
	d.gic.num_cpus = NCPU;
	d.gic.intid_bits = 14;
	d.no_rdist = true; /* sys_boot() */
	d.prop = PROP_PA;
	d.prop_idbits = 14;
	d.prop_fill_len = 0;
	d.pend = PEND_PA(0);
	d.pend_stride = PEND_PA(1) - PEND_PA(0);
	d.its_reset = true; /* sys_boot() */
	d.its.devbits = 13;
	d.its.cidbits = 4;
	d.its.hcc = 2;
	d.its.ite_size = 8;
	d.its.cache = cache;
	ts_desc_tables(&d, DT_PA, DT_L2_PA, CT_PA, CQ_PA, 1);
	if (ts_sys_create(&s->t, &d))
		fail("sys_create");
	s->gic = s->t.gic;
	s->its = s->t.its;
}

static void sys_destroy(struct sys *s)
{
	ts_sys_destroy(&s->t);
	s->its = NULL;
	s->gic = NULL;
}

/* Registers of a running guest (the source of the saved state). */
static void sys_boot(struct sys *s)
{
	unsigned cpu;

	memset(s->t.ram + PROP_PA, 0xa3, 1024);
	for (cpu = 0; cpu < NCPU; cpu++)
		ts_rdist_enable(&s->t, cpu);
	ts_its_program(&s->t);
}

static void cmd(struct sys *s, const struct gicits_cmd *c)
{
	ts_cmd(&s->t, c);
}

/* The fixed guest: variant @v changes how much is mapped and pending. */
static void guest_script(struct sys *s, unsigned v)
{
	struct gicits_cmd c;
	unsigned i, d, e;

	for (i = 0; i < 6; i++) { /* ICIDs 0, 1 in registers (HCC) */
		gicits_cmd_mapc(&c, (uint16_t)i, i % NCPU, true);
		cmd(s, &c);
	}
	for (d = 0; d < 4 + v; d++) {
		gicits_cmd_mapd(&c, d, 4, ITT_PA(d), true);
		cmd(s, &c);
		for (e = 0; e < 6; e++) {
			gicits_cmd_mapti(&c, d, e, 8192 + d * 32 + e,
					 (uint16_t)((d + e) % 6));
			cmd(s, &c);
		}
	}
	gicits_cmd_sync(&c, 0);
	cmd(s, &c);
	for (d = 0; d < 4 + v; d++)
		gicits_its_msi(s->its, d, (d * 3 + v) % 6);
	if (v & 1)
		gicits_cpu_ack(s->gic, 1);
	if (v & 2) { /* a command error: MAPTI to an unmapped device */
		gicits_cmd_mapti(&c, 9, 0, 0, 0);
		cmd(s, &c);
	}
}

static uint8_t *ram_src, *ram_a, *ram_b;
static uint8_t snap0[SNAP_MAX], snap1[SNAP_MAX], snap2[SNAP_MAX];

static size_t save(struct sys *s, uint8_t *buf)
{
	size_t used = 0;
	int r = gicits_snapshot_save(s->gic, &s->its, 1, buf, SNAP_MAX, &used);

	if (r)
		fail("gicits_snapshot_save failed");
	return used;
}

static uint32_t crc32_ieee(const uint8_t *p, size_t n)
{
	uint32_t c = 0xffffffffu;
	size_t i;
	int k;

	for (i = 0; i < n; i++) {
		c ^= p[i];
		for (k = 0; k < 8; k++)
			c = c & 1 ? (c >> 1) ^ 0xedb88320u : c >> 1;
	}
	return ~c;
}

struct pset {
	unsigned n;
	uint32_t id[256];
};

static int collect(void *opaque, uint32_t intid)
{
	struct pset *p = opaque;

	if (p->n < 256)
		p->id[p->n] = intid;
	p->n++;
	return 0;
}

/* Two systems translate a sweep of MSIs alike. */
static void sweep_compare(struct sys *a, struct sys *b, bool check_status)
{
	struct gicits_its_status sa, sb;
	static struct pset pa, pb;
	uint64_t ra = 0, rb = 0, cb = 0;
	uint32_t d, e;
	unsigned cpu;

	for (d = 0; d < 12; d++)
		for (e = 0; e < 8; e++) {
			int x = gicits_its_msi(a->its, d, e);
			int y = gicits_its_msi(b->its, d, e);

			if (x != y) {
				fprintf(stderr, "MSI dev %u ev %u: %d vs %d\n",
					d, e, x, y);
				fail("MSI results differ after restore/import");
			}
		}
	for (cpu = 0; cpu < NCPU; cpu++) {
		pa.n = pb.n = 0;
		gicits_rdist_pending_foreach(a->gic, cpu, collect, &pa);
		gicits_rdist_pending_foreach(b->gic, cpu, collect, &pb);
		if (pa.n != pb.n ||
		    memcmp(pa.id, pb.id, (pa.n < 256 ? pa.n : 256) * 4))
			fail("pending sets differ after restore/import");
		if (gicits_cpu_ack(a->gic, cpu) != gicits_cpu_ack(b->gic, cpu))
			fail("acknowledge differs after restore/import");
	}
	if (!check_status)
		return;
	gicits_its_status(a->its, &sa);
	gicits_its_status(b->its, &sb);
	if (sa.stalled != sb.stalled || sa.errors != sb.errors ||
	    sa.commands != sb.commands || sa.last_error != sb.last_error)
		fail("status differs after restore");
	gicits_its_mmio_read(a->its, GICITS_GITS_CREADR, 8, &ra);
	gicits_its_mmio_read(b->its, GICITS_GITS_CREADR, 8, &rb);
	gicits_its_mmio_read(a->its, GICITS_GITS_CBASER, 8, &cb);
	if (ra != rb)
		fail("GITS_CREADR differs after restore");
	if (!!(ra & 1) != sa.stalled)
		fail("CREADR.Stalled != status after restore");
	(void)cb;
}

static void do_restore(const uint8_t *data, size_t size, bool fix)
{
	static uint8_t buf[SNAP_MAX];
	struct sys a, b, c;
	size_t n0, n1, n2;
	int r, rb;

	if (size > SNAP_MAX)
		return;
	memcpy(buf, data, size);
	if (fix && size >= 36) {
		uint32_t crc;
		unsigned i;

		for (i = 0; i < 8; i++)
			buf[16 + i] = (uint8_t)((uint64_t)size >> (8 * i));
		crc = crc32_ieee(buf, size - 4);
		for (i = 0; i < 4; i++)
			buf[size - 4 + i] = (uint8_t)(crc >> (8 * i));
	}
	memcpy(ram_a, ram_src, RAM_SIZE);
	memcpy(ram_b, ram_src, RAM_SIZE);
	sys_create(&a, ram_a, GICITS_CACHE_ON);
	sys_create(&b, ram_b, GICITS_CACHE_OFF);
	n0 = save(&a, snap0);
	r = gicits_snapshot_restore(a.gic, &a.its, 1, buf, size);
	rb = gicits_snapshot_restore(b.gic, &b.its, 1, buf, size);
	if (getenv("FUZZ_SNAPSHOT_VERBOSE"))
		fprintf(stderr, "restore: %s\n", gicits_strerror(r));
	if (r != rb)
		fail("restore result depends on the cache mode");
	if (r > 0)
		fail("restore returned > 0");
	if (r) {
		n1 = save(&a, snap1);
		if (n1 != n0 || memcmp(snap0, snap1, n0))
			fail("a failed restore changed the target");
		sys_destroy(&a);
		sys_destroy(&b);
		return;
	}
	/* round trip */
	n1 = save(&a, snap1);
	{
		static uint8_t *ram_c;

		if (!ram_c)
			ram_c = malloc(RAM_SIZE);
		if (!ram_c)
			abort();
		memcpy(ram_c, ram_a, RAM_SIZE);
		sys_create(&c, ram_c, GICITS_CACHE_ON);
		if (gicits_snapshot_restore(c.gic, &c.its, 1, snap1, n1))
			fail("a snapshot saved after a restore does not "
			     "restore");
		n2 = save(&c, snap2);
		if (n2 != n1 || memcmp(snap1, snap2, n1))
			fail("save/restore/save is not idempotent");
		sys_destroy(&c);
	}
	sweep_compare(&a, &b, true);
	sys_destroy(&a);
	sys_destroy(&b);
}

/*
 * Known issue "stale-ite" (fuzz/crashes/README.md): the import rewrites only
 * the ITEs on the KVM "next" chain; any other non-zero 8 bytes in a KVM ITT
 * (which KVM's restore never reads) stay in place and, since gicits's ITE is
 * valid when its pINTID is non-zero, become live mappings that were never
 * validated.  The symptom here: the export carries an ITE whose pINTID or
 * ICID no import would accept, and re-importing it fails with ERANGE.
 * Returns true if the export in ram_a shows that symptom.
 */
static bool stale_ite_exported(void)
{
	unsigned d, e;

	for (d = 0; d < 0x1000 / 8; d++) {
		uint64_t dte = get64(ram_a, EXP_DT + 8 * d), itt;
		unsigned size;

		if (!(dte >> 63))
			continue;
		itt = ((dte >> 5) & ((1ULL << 44) - 1)) << 8;
		size = (unsigned)(dte & 31);
		if (size > 12 || itt < EXP_ITT ||
		    itt + (8ULL << (size + 1)) > RAM_SIZE)
			continue;
		for (e = 0; e < 2u << size; e++) {
			uint64_t ite = get64(ram_a, itt + 8ULL * e);
			uint32_t intid = (uint32_t)(ite >> 16);

			if (intid && (intid < 8192 || intid >= 16384 ||
				      (ite & 0xffff) >= 16))
				return true;
		}
	}
	return false;
}

static void do_import(const uint8_t *data, size_t size)
{
	static uint8_t before[RAM_SIZE];
	struct gicits_kvm_tables t;
	struct gicits_kvm_export_info info;
	struct sys a, b;
	size_t n0, n1, off = 0, k;
	uint8_t flags = size ? data[0] : 0;
	int r;

	memcpy(ram_a, ram_src, RAM_SIZE);
	/* a fresh ITS (same registers as the guest's, tables empty) */
	memset(ram_a + DT_PA, 0, 0x80000 - DT_PA + 0x20000);
	memset(ram_a + KVM_DT, 0, RAM_SIZE - KVM_DT);
	if (size) {
		data++;
		size--;
	}
	/* the input: the KVM device table, collection table, then ITTs */
	k = size < KVM_DT_BYTES ? size : KVM_DT_BYTES;
	memcpy(ram_a + KVM_DT, data, k);
	off = k;
	k = size - off < KVM_CT_BYTES ? size - off : KVM_CT_BYTES;
	memcpy(ram_a + KVM_CT, data + off, k);
	off += k;
	k = size - off < KVM_ITT_BYTES ? size - off : KVM_ITT_BYTES;
	memcpy(ram_a + KVM_ITT, data + off, k);

	sys_create(&a, ram_a, flags & 2 ? GICITS_CACHE_OFF : GICITS_CACHE_ON);
	a.t.cw = 0;
	{
		unsigned cpu;

		for (cpu = 0; cpu < NCPU; cpu++) {
			gicits_rdist_write(a.gic, cpu, GICITS_GICR_PROPBASER, 8,
					   PROP_PA | 13);
			gicits_rdist_write(a.gic, cpu, GICITS_GICR_PENDBASER, 8,
					   PEND_PA(cpu) | 1ULL << 62);
			gicits_rdist_write(a.gic, cpu, GICITS_GICR_CTLR, 4, 1);
			gicits_cpu_set_pmr(a.gic, cpu, 0xff);
		}
		put64(a.t.ram, DT_PA, 1ULL << 63 | DT_L2_PA);
		gicits_its_mmio_write(a.its, GICITS_GITS_BASER(0), 8,
				      1ULL << 63 | 1ULL << 62 | DT_PA, 0);
		gicits_its_mmio_write(a.its, GICITS_GITS_BASER(1), 8,
				      1ULL << 63 | CT_PA, 0);
		gicits_its_mmio_write(a.its, GICITS_GITS_CBASER, 8,
				      1ULL << 63 | CQ_PA, 0);
		if (flags & 4)
			gicits_its_mmio_write(a.its, GICITS_GITS_CTLR, 4, 1, 0);
	}
	memset(&t, 0, sizeof(t));
	t.dt_base = KVM_DT;
	t.dt_bytes = KVM_DT_BYTES;
	t.dt_indirect = flags & 1;
	t.ct_base = KVM_CT;
	t.ct_bytes = KVM_CT_BYTES;
	memcpy(before, ram_a, RAM_SIZE);
	n0 = save(&a, snap0);
	r = gicits_snapshot_kvm_import(a.its, &t);
	if (getenv("FUZZ_SNAPSHOT_VERBOSE"))
		fprintf(stderr, "import: %s\n", gicits_strerror(r));
	if (r > 0)
		fail("import returned > 0");
	if (r && r != GICITS_EFAULT && r != GICITS_ENOMEM) {
		n1 = save(&a, snap1);
		if (n1 != n0 || memcmp(snap0, snap1, n0))
			fail("a failed import changed the ITS's registers");
		if (memcmp(before, ram_a, RAM_SIZE))
			fail("a failed import wrote guest memory");
	}
	if (r) {
		sys_destroy(&a);
		return;
	}
	if (!(flags & 4))
		gicits_its_mmio_write(a.its, GICITS_GITS_CTLR, 4, 1, 0);
	/* the export must not overlap the ITS's own tables (its contract):
	 * skip it when an imported ITT may reach the export area */
	for (k = 0; k < KVM_DT_BYTES / 8; k++) {
		uint64_t dte = get64(before, KVM_DT + 8 * k);
		uint64_t itt = ((dte >> 5) & ((1ULL << 44) - 1)) << 8;

		if (dte >> 63 && itt + (8ULL << ((dte & 31) + 1)) > EXP_DT) {
			sys_destroy(&a);
			return;
		}
	}
	/* export, and import the export into a second ITS */
	memset(&t, 0, sizeof(t));
	t.dt_base = EXP_DT;
	t.dt_bytes = 0x1000;
	t.ct_base = EXP_CT;
	t.ct_bytes = 0x100;
	t.itt_base = EXP_ITT;
	t.itt_bytes = EXP_ITT_BYTES;
	r = gicits_snapshot_kvm_export(a.its, &t, &info);
	if (r == GICITS_ERANGE || r == GICITS_ENOMEM) {
		sys_destroy(&a);
		return;
	}
	if (r)
		fail("export of a successful import failed");
	memcpy(ram_b, ram_a, RAM_SIZE);
	memset(ram_b + DT_PA, 0, 0x80000 - DT_PA + 0x20000);
	memset(ram_b + KVM_DT, 0, EXP_DT - KVM_DT);
	sys_create(&b, ram_b, GICITS_CACHE_OFF);
	{
		unsigned cpu;

		for (cpu = 0; cpu < NCPU; cpu++) {
			gicits_rdist_write(b.gic, cpu, GICITS_GICR_PROPBASER, 8,
					   PROP_PA | 13);
			gicits_rdist_write(b.gic, cpu, GICITS_GICR_PENDBASER, 8,
					   PEND_PA(cpu) | 1ULL << 62);
			gicits_rdist_write(b.gic, cpu, GICITS_GICR_CTLR, 4, 1);
			gicits_cpu_set_pmr(b.gic, cpu, 0xff);
		}
		put64(b.t.ram, DT_PA, 1ULL << 63 | DT_L2_PA);
		gicits_its_mmio_write(b.its, GICITS_GITS_BASER(0), 8,
				      1ULL << 63 | 1ULL << 62 | DT_PA, 0);
		gicits_its_mmio_write(b.its, GICITS_GITS_BASER(1), 8,
				      1ULL << 63 | CT_PA, 0);
		gicits_its_mmio_write(b.its, GICITS_GITS_CBASER, 8,
				      1ULL << 63 | CQ_PA, 0);
		gicits_its_mmio_write(b.its, GICITS_GITS_CTLR, 4, 1, 0);
	}
	t.dt_indirect = false;
	r = gicits_snapshot_kvm_import(b.its, &t);
	if (r == GICITS_ERANGE && stale_ite_exported() &&
	    !getenv("FUZZ_SNAPSHOT_STRICT")) {
		/* known issue (fuzz/crashes/README.md, stale-ite) */
		sys_destroy(&a);
		sys_destroy(&b);
		return;
	}
	if (r) {
		fprintf(stderr,
			"re-import: %s (exported %u devices, %u events, "
			"%u collections)\n",
			gicits_strerror(r), info.devices, info.events,
			info.collections);
		if (getenv("FUZZ_SNAPSHOT_VERBOSE")) {
			unsigned i;

			for (i = 0; i < 8; i++)
				fprintf(stderr,
					"  DTE[%u] %016llx  CTE[%u] %016llx\n",
					i,
					(unsigned long long)get64(
						ram_a, EXP_DT + 8 * i),
					i,
					(unsigned long long)get64(
						ram_a, EXP_CT + 8 * i));
			for (i = 0; i < 40; i++)
				fprintf(stderr, "  ITE@%#x %016llx\n",
					EXP_ITT + 8 * i,
					(unsigned long long)get64(
						ram_a, EXP_ITT + 8 * i));
		}
		fail("importing an export failed");
	}
	sweep_compare(&a, &b, false);
	sys_destroy(&a);
	sys_destroy(&b);
}

static void write_seeds(const char *dir)
{
	static uint8_t ram[RAM_SIZE];
	char path[4096];
	unsigned v;

	for (v = 0; v < 4; v++) {
		struct sys s;
		size_t n;
		FILE *f;

		memset(ram, 0, RAM_SIZE);
		sys_create(&s, ram, GICITS_CACHE_ON);
		sys_boot(&s);
		guest_script(&s, v);
		snap0[0] = 0;
		n = save(&s, snap0 + 1) + 1;
		snprintf(path, sizeof(path), "%s/seed_restore_v%u", dir, v);
		f = fopen(path, "wb");
		if (f) {
			fwrite(snap0, 1, n, f);
			fclose(f);
		}
		{ /* the guest's tables exported as a KVM import input */
			struct gicits_kvm_tables t;
			static uint8_t
				in[2 + KVM_DT_BYTES + KVM_CT_BYTES + 0x1000];
			size_t k = 0;

			memset(&t, 0, sizeof(t));
			t.dt_base = KVM_DT;
			t.dt_bytes = KVM_DT_BYTES;
			t.ct_base = KVM_CT;
			t.ct_bytes = KVM_CT_BYTES;
			t.itt_base = KVM_ITT;
			t.itt_bytes = 0x1000;
			if (gicits_snapshot_kvm_export(s.its, &t, NULL))
				fail("export for the seeds failed");
			in[k++] = 1;
			in[k++] = (uint8_t)(v << 1 & 6);
			memcpy(in + k, ram + KVM_DT, KVM_DT_BYTES);
			k += KVM_DT_BYTES;
			memcpy(in + k, ram + KVM_CT, KVM_CT_BYTES);
			k += KVM_CT_BYTES;
			memcpy(in + k, ram + KVM_ITT, 0x1000);
			k += 0x1000;
			while (k > 2 + KVM_DT_BYTES + KVM_CT_BYTES &&
			       !in[k - 1])
				k--;
			snprintf(path, sizeof(path), "%s/seed_kvm_import_v%u",
				 dir, v);
			f = fopen(path, "wb");
			if (f) {
				fwrite(in, 1, k, f);
				fclose(f);
			}
		}
		snap0[0] = 2; /* with the CRC fixed by the harness */
		snprintf(path, sizeof(path), "%s/seed_restore_fixcrc_v%u", dir,
			 v);
		f = fopen(path, "wb");
		if (f) {
			fwrite(snap0, 1, n, f);
			fclose(f);
		}
		sys_destroy(&s);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool inited;

	if (!inited) {
		struct sys s;
		const char *seeds = getenv("FUZZ_SNAPSHOT_SEEDS");

		inited = true;
		ram_src = calloc(1, RAM_SIZE);
		ram_a = calloc(1, RAM_SIZE);
		ram_b = calloc(1, RAM_SIZE);
		if (!ram_src || !ram_a || !ram_b)
			abort();
		sys_create(&s, ram_src, GICITS_CACHE_ON);
		sys_boot(&s);
		guest_script(&s, 1);
		sys_destroy(&s);
		if (seeds)
			write_seeds(seeds);
	}
	if (!size)
		return 0;
	if (data[0] & 1)
		do_import(data + 1, size - 1);
	else
		do_restore(data + 1, size - 1, data[0] & 2);
	return 0;
}
