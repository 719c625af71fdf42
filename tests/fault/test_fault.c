/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Fault injection on the guest-memory interface (SQLite style): fail the
 * Nth guest-memory access, for every N, until the operation completes
 * without reaching the fault.  The guest RAM is served through the
 * test-support library's callbacks (tests/support/sys.h, ram_callback),
 * which count the accesses and fail the Nth (ts_fail_nth()).
 *
 * test_command_faults: a system is set up and a first batch of commands
 * (MAPC, MAPD, MAPTI) is processed without faults: the "old" events.  Then a
 * scripted sequence of commands (MAPD, MAPTI, MAPI, MOVI, INV, INT, CLEAR,
 * MAPC, INVALL, MOVALL, DISCARD, MAPD V=0, SYNC) is queued and CWRITER
 * written with the Nth access set to fault.  When the fault was reached:
 *  - the queue stalled (GITS_CREADR.Stalled = 1, gicits_its_status().stalled,
 *    last_error = E_ITS_MEMORY_FAULT) at the command whose access faulted:
 *    the STALL trace record names that command's offset, CREADR points at
 *    it, and only the commands before it were consumed;
 *  - nothing already mapped was lost: every old event still delivers its
 *    LPI (MSI returns 0 and the INTID becomes pending);
 *  - a CWRITER write with Retry = 1 resumes the queue, which then completes
 *    (CREADR = CWRITER, not stalled), and the final state equals that of a
 *    fault-free run: the device, collection and ITT memory are identical and
 *    every (DeviceID, EventID) of the test delivers the same INTID to the
 *    same CPU (or is dropped for the same reason).
 * Run for a flat and a two-level device table, cache=on and cache=off.
 *
 * test_msi_faults: the same for one MSI, with cache=off (every MSI walks
 * guest memory) and cache=on: with the Nth access faulting, the MSI is
 * dropped (GICITS_DROP_MEMORY_FAULT) and makes nothing pending, or (a fault
 * in the redistributor's read of the LPI configuration byte) leaves the LPI
 * pending, signalled after an INV; afterwards the same MSI delivers
 * normally.
 *
 * GICITS_FAULT_STATS=1 prints the number of N tried per variant.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "gicits/cmd.h"
#include "gicits/error.h"
#include "gicits/its.h"
#include "gicits/mem.h"
#include "gicits/rdist.h"
#include "gicits/trace.h"
#include "sys.h"

#define NCPU 4
#define RAM_SIZE 0xA0000u
#define PROP_PA 0x0u
#define PEND_PA(c) (0x10000u + (uint64_t)(c)*0x10000u)
#define CQ_PA 0x50000u
#define CQ_SIZE 0x1000u
#define DT_PA 0x60000u
#define DT_L2_PA 0x61000u
#define CT_PA 0x70000u
#define CT_SIZE 0x1000u
#define ITT_PA(d) (0x80000u + (uint64_t)(d)*0x400u)
#define ITT_END 0xA0000u

struct sys {
	struct ts_sys t; /* RAM (callbacks), gic, ITS */
	int64_t stall_offset; /* offset of the last STALL record, or -1 */
	unsigned stalls;
	/* the access log (while logging): every access that reached memory,
	 * attributed to the command whose trace record followed it */
	bool logging;
	unsigned nlog, nassigned;
	struct access {
		uint64_t gpa;
		uint32_t len;
		bool write;
		int cmd; /* opcode, or -1 */
		uint64_t cmd_offset;
	} log[512];
};

struct variant {
	bool indirect;
	enum gicits_cache_mode cache;
	bool hpp; /* GICITS_LPI_CACHE_HPP instead of the default FULL */
};

static void on_trace(void *opaque, const struct gicits_trace_record *r)
{
	struct sys *s = opaque;

	if (getenv("GICITS_FAULT_TRACE"))
		printf("  trace %s cmd=%#x off=%#llx dev=%u ev=%u intid=%u "
		       "err=%#x drop=%d rule=%s: %s\n",
		       gicits_trace_kind_name(r->kind), r->cmd,
		       (unsigned long long)r->offset, r->device_id, r->event_id,
		       r->intid, r->error, (int)r->drop, r->rule, r->message);
	if (s->logging && (r->kind == GICITS_TRACE_COMMAND ||
			   r->kind == GICITS_TRACE_ERROR)) {
		for (; s->nassigned < s->nlog; s->nassigned++) {
			s->log[s->nassigned].cmd = r->cmd;
			s->log[s->nassigned].cmd_offset = r->offset;
		}
	}
	if (r->kind == GICITS_TRACE_STALL) {
		s->stall_offset = (int64_t)r->offset;
		s->stalls++;
	}
}

/* Every access that reached guest memory (the injected fault excluded),
 * so that the reference run can log which access each N is. */
static void on_access(void *opaque, uint64_t gpa, size_t len, bool write)
{
	struct sys *s = opaque;

	if (s->logging && s->nlog < sizeof(s->log) / sizeof(s->log[0])) {
		s->log[s->nlog].gpa = gpa;
		s->log[s->nlog].len = (uint32_t)len;
		s->log[s->nlog].write = write;
		s->log[s->nlog].cmd = -1;
		s->nlog++;
	}
	if (getenv("GICITS_FAULT_TRACE"))
		printf("    %s %#llx +%zu\n", write ? "write" : "read ",
		       (unsigned long long)gpa, len);
}

static void sys_init(struct sys *s, const struct variant *v)
{
	struct ts_desc d;

	memset(s, 0, sizeof(*s));
	s->stall_offset = -1;
	ts_desc_default(&d);
	d.ram_base = 0;
	d.ram_size = RAM_SIZE;
	d.ram_callback = true;
	d.on_access = on_access;
	d.access_opaque = s;
	d.gic.num_cpus = NCPU;
	d.gic.intid_bits = 14;
	if (v->hpp)
		d.gic.lpi_cache = GICITS_LPI_CACHE_HPP;
	d.its.cache = v->cache;
	d.its.cidbits = 4;
	d.its.devbits = 12;
	d.its.trace = on_trace;
	d.its.trace_opaque = s;
	d.prop = PROP_PA;
	d.prop_idbits = 14;
	d.prop_fill_len = 512; /* LPIs 8192..8703 enabled */
	d.pend = PEND_PA(0);
	d.pend_stride = PEND_PA(1) - PEND_PA(0);
	/* flat, or two-level: level-1 entry 0 -> one level-2 page
	 * (DeviceIDs 0..511), the other entries invalid */
	ts_desc_tables(&d, DT_PA, v->indirect ? DT_L2_PA : 0, CT_PA, CQ_PA, 1);
	assert_int_equal(ts_sys_create(&s->t, &d), GICITS_OK);
}

static void sys_fini(struct sys *s)
{
	ts_sys_destroy(&s->t);
}

static void kick(struct sys *s, bool retry)
{
	assert_int_equal(retry ? ts_kick_retry(&s->t) : ts_kick(&s->t),
			 GICITS_OK);
}

static uint64_t creadr(struct sys *s)
{
	uint64_t v = 0;

	assert_int_equal(
		gicits_its_mmio_read(s->t.its, GICITS_GITS_CREADR, 8, &v),
		GICITS_OK);
	return v;
}

/* The "old" mappings, processed before any fault is armed. */
#define NOLD 4
static const struct {
	uint32_t dev, ev, intid;
} old_ev[NOLD] = { { 1, 0, 8192 },
		   { 1, 1, 8193 },
		   { 2, 0, 8200 },
		   { 2, 3, 8203 } };

static void setup_old(struct sys *s)
{
	unsigned i;
	struct gicits_its_status st;

	for (i = 0; i < NCPU; i++)
		ts_mapc(&s->t, (uint16_t)i, i, true);
	ts_mapd(&s->t, 1, 3, ITT_PA(1), true);
	ts_mapd(&s->t, 2, 3, ITT_PA(2), true);
	for (i = 0; i < NOLD; i++)
		ts_mapti(&s->t, old_ev[i].dev, old_ev[i].ev, old_ev[i].intid,
			 (uint16_t)(i % NCPU));
	ts_sync(&s->t, 0);
	kick(s, false);
	assert_int_equal(creadr(s), s->t.cw);
	assert_int_equal(gicits_its_status(s->t.its, &st), GICITS_OK);
	assert_int_equal(st.errors, 0);
}

/* The scripted sequence, queued in one go; returns the number of
 * commands.  Old events are moved, re-INVed and interrupted but never
 * unmapped. */
static unsigned queue_script(struct sys *s)
{
	uint64_t start = s->t.cw;

	ts_mapd(&s->t, 3, 4, ITT_PA(3), true); /* a new device */
	ts_mapti(&s->t, 3, 0, 8300, 1);
	ts_mapti(&s->t, 3, 5, 8305, 2);
	ts_movi(&s->t, 1, 0, 2); /* an old event to another CPU */
	ts_event(&s->t, GICITS_CMD_INV, 2, 0);
	ts_event(&s->t, GICITS_CMD_INT, 3, 0);
	ts_event(&s->t, GICITS_CMD_CLEAR, 3, 0);
	ts_mapc(&s->t, 5, 3, true); /* a new collection */
	ts_mapti(&s->t, 3, 6, 8306, 5);
	ts_invall(&s->t, 1);
	ts_movall(&s->t, 0, 3); /* rd 0 -> rd 3 */
	ts_event(&s->t, GICITS_CMD_DISCARD, 3, 5); /* a new event */
	ts_mapd(&s->t, 4, 2, ITT_PA(4), true);
	ts_mapti(&s->t, 4, 1, 8401, 0);
	ts_mapd(&s->t, 4, 2, ITT_PA(4), false); /* unmap it again */
	ts_event(&s->t, GICITS_CMD_INT, 2, 3);
	ts_sync(&s->t, 1);
	return (unsigned)(((s->t.cw + CQ_SIZE - start) % CQ_SIZE) / 32);
}

/* Drain every CPU's pending LPIs: returns them as cpu << 16 | (intid -
 * 8192) in ascending order of CPU and acknowledge. */
static unsigned drain(struct sys *s, uint32_t *out, unsigned max)
{
	unsigned cpu, n = 0;
	uint32_t id;

	for (cpu = 0; cpu < NCPU; cpu++)
		while ((id = gicits_cpu_ack(s->t.gic, cpu)) !=
		       GICITS_INTID_SPURIOUS) {
			assert_int_equal(gicits_cpu_eoi(s->t.gic, cpu, id),
					 GICITS_OK);
			assert_true(n < max);
			out[n++] = cpu << 16 | (id - 8192);
		}
	return n;
}

static bool pending_anywhere(struct sys *s, uint32_t intid)
{
	unsigned cpu;

	for (cpu = 0; cpu < NCPU; cpu++)
		if (gicits_rdist_is_pending(s->t.gic, cpu, intid) == 1)
			return true;
	return false;
}

/* GICR_INVALLR on every redistributor: what software does to make the
 * LPI configuration visible again (re-reads every pending LPI's byte). */
static void invall_all(struct sys *s)
{
	unsigned cpu;

	for (cpu = 0; cpu < NCPU; cpu++)
		assert_int_equal(gicits_rdist_write(s->t.gic, cpu,
						    GICITS_GICR_INVALLR, 8, 0),
				 GICITS_OK);
}

/* Where does (dev, ev) go now?  Returns cpu << 16 | (intid - 8192), or
 * 0x80000000 | drop reason.  Leaves nothing pending. */
static uint32_t probe(struct sys *s, uint32_t dev, uint32_t ev)
{
	uint32_t got[8];
	unsigned n;
	int r;

	r = gicits_its_msi(s->t.its, dev, ev);
	n = drain(s, got, 8);
	if (r != 0) {
		assert_int_equal(n, 0);
		return 0x80000000u | (uint32_t)r;
	}
	assert_int_equal(n, 1);
	return got[0];
}

static const uint32_t probe_ev[][2] = {
	{ 1, 0 }, { 1, 1 }, { 2, 0 }, { 2, 3 }, { 3, 0 }, { 3, 5 },
	{ 3, 6 }, { 3, 1 }, { 4, 1 }, { 5, 0 }, { 1, 7 },
};
#define NPROBE (sizeof(probe_ev) / sizeof(probe_ev[0]))

struct outcome {
	uint32_t pending[64];
	unsigned npending;
	uint32_t where[NPROBE];
};

static void snapshot_outcome(struct sys *s, struct outcome *o)
{
	unsigned i;

	o->npending = drain(s, o->pending, 64);
	for (i = 0; i < NPROBE; i++)
		o->where[i] = probe(s, probe_ev[i][0], probe_ev[i][1]);
}

static bool stats(void)
{
	return getenv("GICITS_FAULT_STATS") != NULL;
}

static const char *region(uint64_t gpa)
{
	if (gpa >= CQ_PA && gpa < CQ_PA + CQ_SIZE)
		return "queue";
	if (gpa >= DT_PA && gpa < DT_PA + 0x2000)
		return "device table";
	if (gpa >= CT_PA && gpa < CT_PA + CT_SIZE)
		return "collection table";
	if (gpa >= ITT_PA(0) && gpa < ITT_END)
		return "ITT";
	if (gpa < PEND_PA(0))
		return "LPI configuration";
	return "pending table";
}

/* Faults the ITS absorbed (the command completed): reported, and checked
 * to leave the same final state as the fault-free run. */
struct absorbed {
	unsigned n;
	char what[16][96];
};

static void note_absorbed(struct absorbed *a, const struct access *x)
{
	char buf[96];
	unsigned i;

	snprintf(buf, sizeof(buf), "cmd 0x%02x %s %s", x->cmd & 0xff,
		 x->write ? "write" : "read", region(x->gpa));
	for (i = 0; i < a->n; i++)
		if (!strcmp(a->what[i], buf))
			return;
	if (a->n < 16)
		snprintf(a->what[a->n++], sizeof(a->what[0]), "%s", buf);
}

static void command_faults(const struct variant *v)
{
	static struct sys ref, s;
	struct outcome want, got;
	struct absorbed ab;
	uint8_t *want_ram;
	unsigned ncmd, nfault = 0, nstall = 0, nabsorbed = 0, i;
	uint64_t n, end;

	memset(&ab, 0, sizeof(ab));
	/* the fault-free reference, logging every access of the script */
	sys_init(&ref, v);
	setup_old(&ref);
	ncmd = queue_script(&ref);
	ref.logging = true;
	kick(&ref, false);
	ref.logging = false;
	assert_int_equal(creadr(&ref), ref.t.cw);
	assert_int_equal(ref.nassigned, ref.nlog);
	want_ram = malloc(RAM_SIZE);
	assert_non_null(want_ram);
	memcpy(want_ram, ref.t.ram, RAM_SIZE);
	invall_all(&ref);
	snapshot_outcome(&ref, &want);

	for (n = 1;; n++) {
		struct gicits_its_status st;
		const struct access *x;
		uint64_t rd;
		bool fired;

		sys_init(&s, v);
		setup_old(&s);
		queue_script(&s);
		end = s.t.cw;
		ts_fail_nth(&s.t, n);
		if (getenv("GICITS_FAULT_TRACE"))
			printf("-- N=%llu\n", (unsigned long long)n);
		kick(&s, false);
		fired = ts_fail_fired(&s.t);
		if (!fired) {
			/* N beyond the sequence's accesses: done */
			assert_int_equal(n - 1, ref.nlog);
			assert_int_equal(creadr(&s), end);
			sys_fini(&s);
			break;
		}
		nfault++;
		assert_true(n <= ref.nlog);
		x = &ref.log[n - 1]; /* the access that faulted */
		rd = creadr(&s);
		assert_int_equal(gicits_its_status(s.t.its, &st), GICITS_OK);
		if (rd & 1) {
			/* the error policy: stalled at the faulting command */
			nstall++;
			assert_true(st.stalled);
			assert_int_equal(st.last_error,
					 GICITS_E_ITS_MEMORY_FAULT);
			assert_int_equal(s.stalls, 1);
			assert_int_equal((uint64_t)s.stall_offset, rd & ~1ULL);
			if ((rd & ~1ULL) != x->cmd_offset)
				fail_msg("N=%llu: fault in %s of %s "
					 "(cmd at %#llx) but stalled at %#llx",
					 (unsigned long long)n,
					 x->write ? "write" : "read",
					 region(x->gpa),
					 (unsigned long long)x->cmd_offset,
					 (unsigned long long)rd);
		} else {
			/* absorbed: the command completed anyway */
			nabsorbed++;
			note_absorbed(&ab, x);
			assert_false(st.stalled);
			assert_int_equal(rd, end);
		}
		/* nothing already mapped is lost: every old event delivers.
		 * What was pending at the fault is drained first, after a
		 * GICR_INVALLR: an LPI whose configuration read faulted is
		 * pending but not signalled until software invalidates. */
		{
			uint32_t tmp[64];

			drain(&s, tmp, 64);
			invall_all(&s);
			drain(&s, tmp, 64);
			for (i = 0; i < NOLD; i++) {
				int r = gicits_its_msi(s.t.its, old_ev[i].dev,
						       old_ev[i].ev);
				unsigned np = drain(&s, tmp, 64);

				if (r || np != 1 ||
				    (tmp[0] & 0xffff) != old_ev[i].intid - 8192)
					fail_msg("N=%llu (fault in %s of %s, "
						 "cmd 0x%02x at %#llx, %s): "
						 "old event %u/%u: MSI=%d, "
						 "%u LPI(s) acknowledged",
						 (unsigned long long)n,
						 x->write ? "write" : "read",
						 region(x->gpa), x->cmd & 0xff,
						 (unsigned long long)
							 x->cmd_offset,
						 rd & 1 ? "stalled" :
							  "absorbed",
						 old_ev[i].dev, old_ev[i].ev, r,
						 np);
			}
		}
		/* Retry resumes and completes the sequence */
		kick(&s, true);
		assert_int_equal(creadr(&s), end);
		assert_int_equal(gicits_its_status(s.t.its, &st), GICITS_OK);
		assert_false(st.stalled);
		invall_all(&s);
		/* same tables as the fault-free run */
		assert_memory_equal(s.t.ram + DT_PA, want_ram + DT_PA, 0x2000);
		assert_memory_equal(s.t.ram + CT_PA, want_ram + CT_PA, CT_SIZE);
		assert_memory_equal(s.t.ram + ITT_PA(0), want_ram + ITT_PA(0),
				    ITT_END - ITT_PA(0));
		snapshot_outcome(&s, &got);
		/* what was pending at the stall was drained above; what
		 * the rest of the sequence made pending must be a subset of
		 * the reference's pending set */
		for (i = 0; i < got.npending; i++) {
			unsigned j;
			bool found = false;

			for (j = 0; j < want.npending; j++)
				if ((want.pending[j] & 0xffff) ==
				    (got.pending[i] & 0xffff))
					found = true;
			assert_true(found);
		}
		assert_memory_equal(got.where, want.where, sizeof(got.where));
		sys_fini(&s);
	}
	sys_fini(&ref);
	free(want_ram);
	assert_true(nstall > ncmd); /* at least every command read stalled */
	if (stats()) {
		printf("command faults: %s device table, cache=%s: %u "
		       "commands, %u accesses, each failed once: %u stalled "
		       "at the faulting command and resumed with Retry, %u "
		       "absorbed\n",
		       v->indirect ? "two-level" : "flat",
		       v->cache == GICITS_CACHE_ON ? "on" : "off", ncmd, nfault,
		       nstall, nabsorbed);
		for (i = 0; i < ab.n; i++)
			printf("  absorbed: %s\n", ab.what[i]);
	}
}

static void test_command_faults(void **state)
{
	static const struct variant vs[] = {
		{ false, GICITS_CACHE_OFF, false },
		{ false, GICITS_CACHE_ON, false },
		{ true, GICITS_CACHE_OFF, false },
		{ true, GICITS_CACHE_ON, false },
	};
	unsigned i;

	(void)state;
	for (i = 0; i < sizeof(vs) / sizeof(vs[0]); i++)
		command_faults(&vs[i]);
}

/*
 * Fail the n-th guest-memory access of one MSI, for every n until the MSI
 * completes without reaching it.  With cache=off every MSI walks the
 * tables (a fault drops it: memory_fault); in the HPP model the
 * redistributor also reads the configuration byte of a newly pending LPI
 * (a fault there leaves it pending, signalled after an INV).  In the FULL
 * model with cache=on an MSI reads no guest memory at all: the
 * configuration is read when the CPU interface takes the LPI in, so there
 * the fault is injected into that read instead.
 */
static void msi_faults(bool indirect, enum gicits_cache_mode cache, bool hpp)
{
	struct variant v = { indirect, cache, hpp };
	struct sys s;
	uint64_t n;
	unsigned i, nfault = 0, nconfig = 0;
	bool full_on = cache == GICITS_CACHE_ON && !hpp;

	for (i = 0; i < NOLD; i++) {
		for (n = 1;; n++) {
			uint32_t tmp[8];
			bool fired;
			int r;

			sys_init(&s, &v);
			setup_old(&s);
			ts_fail_nth(&s.t, n);
			r = gicits_its_msi(s.t.its, old_ev[i].dev,
					   old_ev[i].ev);
			fired = ts_fail_fired(&s.t);
			if (!fired && full_on && n == 1) {
				/* no guest-memory access by the MSI; fail the
				 * configuration read of the acknowledge */
				assert_int_equal(r, 0);
				ts_fail_nth(&s.t, 1);
				assert_int_equal(drain(&s, tmp, 8), 0);
				assert_true(ts_fail_fired(&s.t));
				nconfig++;
				assert_true(
					pending_anywhere(&s, old_ev[i].intid));
				invall_all(&s);
				assert_int_equal(drain(&s, tmp, 8), 1);
				assert_int_equal(tmp[0] & 0xffff,
						 old_ev[i].intid - 8192);
				sys_fini(&s);
				break;
			}
			if (!fired) {
				assert_int_equal(r, 0);
				sys_fini(&s);
				break;
			}
			/* FULL, cache=on: the MSI must not touch memory */
			assert_false(full_on);
			nfault++;
			if (r == 0) {
				/* the fault hit the redistributor's read of
				 * the LPI configuration byte: the LPI is
				 * pending but not signalled until an INV */
				nconfig++;
				assert_true(
					pending_anywhere(&s, old_ev[i].intid));
				invall_all(&s);
				assert_int_equal(drain(&s, tmp, 8), 1);
			} else {
				assert_int_equal(r, GICITS_DROP_MEMORY_FAULT);
				assert_int_equal(drain(&s, tmp, 8), 0);
			}
			/* the mapping survived: the MSI now delivers */
			assert_int_equal(gicits_its_msi(s.t.its, old_ev[i].dev,
							old_ev[i].ev),
					 0);
			assert_int_equal(drain(&s, tmp, 8), 1);
			assert_int_equal(tmp[0] & 0xffff,
					 old_ev[i].intid - 8192);
			sys_fini(&s);
		}
	}
	if (full_on)
		assert_int_equal(nconfig, NOLD);
	else
		assert_true(nfault >= NOLD);
	/* the HPP model reads the configuration byte during the MSI */
	if (hpp)
		assert_true(nconfig >= NOLD);
	if (stats())
		printf("MSI faults: %s device table, cache=%s, %s model: %u "
		       "faulted accesses over %u MSIs: %u dropped "
		       "(memory_fault), %u in the LPI configuration read "
		       "(pending, signalled after INV)\n",
		       indirect ? "two-level" : "flat",
		       cache == GICITS_CACHE_ON ? "on" : "off",
		       hpp ? "HPP" : "FULL", nfault + (full_on ? nconfig : 0),
		       NOLD, nfault - (full_on ? 0 : nconfig), nconfig);
}

static void test_msi_faults(void **state)
{
	bool hpp;

	(void)state;
	for (hpp = false;; hpp = true) {
		msi_faults(false, GICITS_CACHE_OFF, hpp);
		msi_faults(true, GICITS_CACHE_OFF, hpp);
		msi_faults(false, GICITS_CACHE_ON, hpp);
		msi_faults(true, GICITS_CACHE_ON, hpp);
		if (hpp)
			break;
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_command_faults),
		cmocka_unit_test(test_msi_faults),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
