/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * VM migration (gicits_vm_save/restore, docs/vm.md "Migration"): a
 * round-trip property test over random guests, the restore errors, and
 * corrupted images.
 *
 * Property (fixed seeds, a few ms each): a random guest programs its vITS
 * through the trap entry points only (MAPD, MAPC, MAPTI, MAPI, MOVI,
 * DISCARD, INV, INVALL, MOVALL, SYNC with the <gicits/cmd.h> encoders;
 * LPI configuration edits in its RAM), its assigned host devices and
 * emulated devices send MSIs, some LPIs are acknowledged (one may stay
 * active), the rest stay pending.  The VM is saved, its RAM copied, and
 * the image restored into a new VM on a new host with the devices assigned
 * the same way.  Then:
 *  - saving the destination gives the same image, byte for byte, and the
 *    same RAM (the KVM tables rewritten identically): no normalisation;
 *  - every GITS_* register and every vCPU's GICR_* registers and PMR read
 *    the same;
 *  - every vCPU has the same pending set and acknowledges it in the same
 *    order;
 *  - every (device, event) MSI, from every device, gets the same result,
 *    and the pending sets and acknowledge order stay the same.
 */
#include "harness.h"
#include "vm_guest.h"

#include "gicits/error.h"
#include "gicits/snapshot.h"
#include "gicits/vm.h"

/* The big device: MAPI needs EventID = pINTID >= 8192 (14 EventID bits). */
#define BIG_DEV 1000u
#define BIG_ITT (VG_RAM + 0x280000ULL) /* 2^14 x 12 bytes = 192 KB */
#define BIG_SIZE 13u
/* The KVM tables (a carve-out the guest does not use). */
#define KVM_DT (VG_RAM + 0x2C0000ULL) /* 1024 DTEs */
#define KVM_CT (VG_RAM + 0x2C2000ULL)
#define KVM_ITT (VG_RAM + 0x2C4000ULL)
#define KVM_END (VG_RAM + VG_RAM_SIZE)
#define HOST_ID(g) (0x70000u + (g))
#define NDEVS 8u
#define NICIDS 6u
#define LPI0 8192u
#define NLPIS 256u

static const struct gicits_kvm_tables kvm_tables = {
	.dt_base = KVM_DT,
	.dt_bytes = 0x2000,
	.ct_base = KVM_CT,
	.ct_bytes = 0x2000,
	.itt_base = KVM_ITT,
	.itt_bytes = KVM_END - KVM_ITT,
};

static uint64_t rng_state;
/* how much the random guests did: a property test that maps nothing
 * proves nothing */
static unsigned long st_pending, st_delivered, st_cmd_errors;

static uint32_t rnd(uint32_t n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return n ? (uint32_t)(rng_state % n) : 0;
}

struct mig {
	struct vg g;
	struct gicits_vm_host *host;
	unsigned nvcpu;
	uint32_t dev[NDEVS]; /* guest DeviceIDs; the first half assigned */
	enum gicits_vm_mode mode;
	struct vg_fhost *fhost; /* forwarded mode */
	uint64_t assigned_msis; /* sent through the host */
	uint64_t assigned_ok; /* of which made an LPI pending */
};

/* A VM in @mode with the configuration vg_create_n() gives, not booted;
 * forwarded: on a host of its own (*@fh), vCPU k loaded on host CPU k. */
static int vm_new_mode(struct vg *g, unsigned nvcpu, enum gicits_vm_mode mode,
		       struct vg_fhost **fh)
{
	struct vg_fhost *h = NULL;

	if (mode == GICITS_VM_FORWARDED) {
		/* 19 DeviceID bits: the HOST_ID()s */
		h = vg_fhost_new(NULL, nvcpu, 19, 8);
		assert_non_null(h);
		*fh = h;
	}
	return vg_vm_new(g, nvcpu, 16, h, 0, 0);
}

static int vm_new(struct vg *g, unsigned nvcpu)
{
	return vm_new_mode(g, nvcpu, GICITS_VM_EMULATED, NULL);
}

static void mig_fini(struct mig *m)
{
	if (m->fhost) /* the isolation invariant, and a bug-free host */
		vg_assert_fwd_sound(&m->g);
	vg_destroy(&m->g);
	gicits_vm_host_destroy(m->host);
	vg_fhost_free(m->fhost);
	m->fhost = NULL;
}

static void cmd(struct mig *m, const struct gicits_cmd *c)
{
	assert_int_equal(vg_cmd(&m->g, c), GICITS_OK);
}

static uint32_t any_dev(struct mig *m)
{
	return rnd(8) == 0 ? BIG_DEV : m->dev[rnd(NDEVS)];
}

static uint32_t any_event(uint32_t dev)
{
	return dev == BIG_DEV ? LPI0 + rnd(NLPIS) : rnd(VG_NEVENTS);
}

static int send_msi(struct mig *m, uint32_t dev, uint32_t ev)
{
	unsigned i;

	for (i = 0; i < NDEVS / 2; i++)
		if (m->dev[i] == dev) {
			int r = gicits_vm_host_msi(m->host, HOST_ID(dev), ev);

			m->assigned_msis++;
			m->assigned_ok += r == GICITS_DROP_NONE;
			return r;
		}
	return gicits_vm_msi(m->g.vm, dev, ev);
}

/* One random guest action. */
static void guest_step(struct mig *m)
{
	struct gicits_cmd c;
	uint32_t dev = any_dev(m), ev = any_event(dev), k;

	switch (rnd(16)) {
	case 0:
		if (dev == BIG_DEV)
			gicits_cmd_mapd(&c, dev, BIG_SIZE, BIG_ITT,
					rnd(6) != 0);
		else
			gicits_cmd_mapd(&c, dev, 4, VG_ITT(dev), rnd(6) != 0);
		cmd(m, &c);
		break;
	case 1:
		gicits_cmd_mapc(&c, (uint16_t)rnd(NICIDS), rnd(m->nvcpu),
				rnd(8) != 0);
		cmd(m, &c);
		break;
	case 2:
	case 3:
	case 4:
		gicits_cmd_mapti(&c, dev, ev, LPI0 + rnd(NLPIS),
				 (uint16_t)rnd(NICIDS));
		cmd(m, &c);
		break;
	case 5:
		gicits_cmd_mapi(&c, BIG_DEV, LPI0 + rnd(NLPIS),
				(uint16_t)rnd(NICIDS));
		cmd(m, &c);
		break;
	case 6:
		gicits_cmd_movi(&c, dev, ev, (uint16_t)rnd(NICIDS));
		cmd(m, &c);
		break;
	case 7:
		gicits_cmd_discard(&c, dev, ev);
		cmd(m, &c);
		break;
	case 8: /* an LPI's configuration byte, then INV or INVALL */
		k = LPI0 + rnd(NLPIS);
		m->g.ram[VG_PROP - VG_RAM + k - 8192] =
			(uint8_t)((rnd(4) << 6) | 0x20 | (rnd(4) != 0));
		if (rnd(2))
			gicits_cmd_inv(&c, dev, ev);
		else
			gicits_cmd_invall(&c, (uint16_t)rnd(NICIDS));
		cmd(m, &c);
		break;
	case 9:
		gicits_cmd_movall(&c, rnd(m->nvcpu), rnd(m->nvcpu));
		cmd(m, &c);
		break;
	case 10:
		gicits_cmd_sync(&c, rnd(m->nvcpu));
		cmd(m, &c);
		break;
	case 11: { /* acknowledge one on a vCPU; EOI it mostly */
		unsigned cpu = rnd(m->nvcpu);
		uint32_t id = gicits_vm_vcpu_ack(m->g.vm, cpu);

		if (id != GICITS_INTID_SPURIOUS && rnd(4) != 0)
			gicits_vm_vcpu_eoi(m->g.vm, cpu, id);
		break;
	}
	case 12:
		gicits_vm_vcpu_set_pmr(m->g.vm, rnd(m->nvcpu),
				       (uint8_t)(0x80 + rnd(0x80)));
		break;
	default:
		send_msi(m, dev, ev);
		break;
	}
}

/* The guest's driver maps its collections and devices first. */
static void guest_boot(struct mig *m)
{
	struct gicits_cmd c;
	unsigned i;

	for (i = 0; i < NICIDS; i++) {
		gicits_cmd_mapc(&c, (uint16_t)i, rnd(m->nvcpu), true);
		cmd(m, &c);
	}
	for (i = 0; i < NDEVS; i++) {
		gicits_cmd_mapd(&c, m->dev[i], 4, VG_ITT(m->dev[i]), true);
		cmd(m, &c);
	}
	gicits_cmd_mapd(&c, BIG_DEV, BIG_SIZE, BIG_ITT, true);
	cmd(m, &c);
	for (i = 0; i < 12 * NDEVS; i++) {
		uint32_t dev = any_dev(m);

		gicits_cmd_mapti(&c, dev, any_event(dev), LPI0 + rnd(NLPIS),
				 (uint16_t)rnd(NICIDS));
		cmd(m, &c);
	}
}

static void mig_setup(struct mig *m, unsigned nvcpu)
{
	unsigned i, j;

	memset(m, 0, sizeof(*m));
	m->nvcpu = nvcpu;
	assert_int_equal(gicits_vm_host_create(64, &m->host), GICITS_OK);
	for (i = 0; i < NDEVS; i++) {
		uint32_t d;

again:
		d = rnd(1u << VG_DEVBITS);
		if (d == BIG_DEV)
			goto again;
		for (j = 0; j < i; j++)
			if (m->dev[j] == d)
				goto again;
		m->dev[i] = d;
	}
}

static void assign_all(struct mig *m)
{
	unsigned i;

	for (i = 0; i < NDEVS / 2; i++)
		assert_int_equal(gicits_vm_host_assign(m->host, m->g.vm,
						       HOST_ID(m->dev[i]),
						       m->dev[i]),
				 GICITS_OK);
}

static uint8_t *save(struct mig *m, size_t *len)
{
	size_t sz = 0, used = 0;
	uint8_t *buf;

	assert_int_equal(gicits_vm_save_size(m->g.vm, &sz), GICITS_OK);
	buf = malloc(sz);
	assert_non_null(buf);
	/* too small: refused before guest memory is touched */
	assert_int_equal(
		gicits_vm_save(m->g.vm, &kvm_tables, buf, sz - 1, &used),
		GICITS_ERANGE);
	assert_int_equal(used, sz);
	assert_int_equal(gicits_vm_save(m->g.vm, &kvm_tables, buf, sz, &used),
			 GICITS_OK);
	assert_int_equal(used, sz);
	*len = sz;
	return buf;
}

/* A new VM in @mode on a new host, @src's RAM, the devices assigned, the
 * image. */
static void migrate(struct mig *src, struct mig *dst, const uint8_t *img,
		    size_t len, enum gicits_vm_mode mode)
{
	uint32_t h, gd;
	size_t i;

	*dst = *src;
	dst->host = NULL;
	dst->fhost = NULL;
	dst->mode = mode;
	assert_int_equal(gicits_vm_host_create(64, &dst->host), GICITS_OK);
	assert_int_equal(vm_new_mode(&dst->g, src->nvcpu, mode, &dst->fhost),
			 GICITS_OK);
	memcpy(dst->g.ram, src->g.ram, VG_RAM_SIZE);
	dst->g.cw = src->g.cw;
	/* the embedder re-assigns from the image's list */
	for (i = 0; gicits_vm_image_device(img, len, i, &h, &gd) == GICITS_OK;
	     i++) {
		assert_int_equal(h, HOST_ID(gd));
		assert_int_equal(
			gicits_vm_host_assign(dst->host, dst->g.vm, h, gd),
			GICITS_OK);
	}
	assert_int_equal(i, NDEVS / 2);
	assert_int_equal(gicits_vm_restore(dst->g.vm, img, len), GICITS_OK);
}

static void compare_regs(struct mig *a, struct mig *b)
{
	uint32_t off;
	unsigned k;

	for (off = 0; off < 0x10000; off += 4) {
		uint64_t va = 0, vb = 0;
		int ea, eb;

		if (off == GICITS_GITS_TRANSLATER)
			continue;
		ea = gicits_vm_its_mmio_read(a->g.vm, off, 4, &va);
		eb = gicits_vm_its_mmio_read(b->g.vm, off, 4, &vb);
		assert_int_equal(ea, eb);
		if (va != vb)
			fail_msg("GITS %#x: %#llx vs %#llx", off,
				 (unsigned long long)va,
				 (unsigned long long)vb);
	}
	for (k = 0; k < a->nvcpu; k++) {
		for (off = 0; off < 0x100; off += 4) {
			uint64_t va = 0, vb = 0;

			assert_int_equal(
				gicits_vm_rdist_read(a->g.vm, k, off, 4, &va),
				gicits_vm_rdist_read(b->g.vm, k, off, 4, &vb));
			if (va != vb)
				fail_msg("vCPU %u GICR %#x: %#llx vs %#llx", k,
					 off, (unsigned long long)va,
					 (unsigned long long)vb);
		}
		assert_int_equal(gicits_vm_vcpu_get_pmr(a->g.vm, k),
				 gicits_vm_vcpu_get_pmr(b->g.vm, k));
		if (gicits_vm_vcpu_hppi(a->g.vm, k) !=
		    gicits_vm_vcpu_hppi(b->g.vm, k))
			fail_msg("vCPU %u (modes %d %d): HPPI %#x vs %#x", k,
				 a->mode, b->mode,
				 gicits_vm_vcpu_hppi(a->g.vm, k),
				 gicits_vm_vcpu_hppi(b->g.vm, k));
	}
}

struct pset {
	uint32_t id[NLPIS + 16];
	unsigned n;
};

static int pset_add(void *opaque, uint32_t intid)
{
	struct pset *p = opaque;

	if (p->n < NLPIS + 16)
		p->id[p->n++] = intid;
	return 0;
}

static void compare_pending(struct mig *a, struct mig *b)
{
	unsigned k;

	for (k = 0; k < a->nvcpu; k++) {
		struct pset pa = { .n = 0 }, pb = { .n = 0 };

		gicits_vm_vcpu_pending_foreach(a->g.vm, k, pset_add, &pa);
		gicits_vm_vcpu_pending_foreach(b->g.vm, k, pset_add, &pb);
		assert_int_equal(pa.n, pb.n);
		assert_memory_equal(pa.id, pb.id, pa.n * sizeof(pa.id[0]));
	}
}

/* Acknowledge (and EOI) everything on both, in the same order. */
static void compare_acks(struct mig *a, struct mig *b)
{
	unsigned k;

	for (k = 0; k < a->nvcpu; k++) {
		for (;;) {
			uint32_t x = gicits_vm_vcpu_ack(a->g.vm, k);
			uint32_t y = gicits_vm_vcpu_ack(b->g.vm, k);

			if (x != y)
				fail_msg(
					"vCPU %u (modes %d %d): ack %#x vs %#x",
					k, a->mode, b->mode, x, y);
			if (x == GICITS_INTID_SPURIOUS)
				break;
			assert_int_equal(gicits_vm_vcpu_eoi(a->g.vm, k, x),
					 gicits_vm_vcpu_eoi(b->g.vm, k, y));
		}
	}
}

static void compare_msis(struct mig *a, struct mig *b)
{
	unsigned i;
	uint32_t ev;

	for (i = 0; i <= NDEVS; i++) {
		uint32_t dev = i < NDEVS ? a->dev[i] : BIG_DEV;
		uint32_t n = dev == BIG_DEV ? NLPIS : VG_NEVENTS;

		for (ev = 0; ev < n; ev++) {
			uint32_t e = dev == BIG_DEV ? LPI0 + ev : ev;

			int r = send_msi(a, dev, e);

			assert_int_equal(r, send_msi(b, dev, e));
			st_delivered += r == GICITS_DROP_NONE;
		}
		compare_pending(a, b);
		if (i % 3 == 2)
			compare_acks(a, b);
	}
	compare_pending(a, b);
	compare_acks(a, b);
	compare_regs(a, b);
}

/* Two images of the same state, saved in modes that may differ: equal but
 * for the mode field (offset 12) and the CRC. */
static void compare_images(const uint8_t *x, const uint8_t *y, size_t len)
{
	assert_memory_equal(x, y, 12);
	assert_memory_equal(x + 16, y + 16, len - 20);
}

static void one_seed_modes(uint64_t seed, unsigned nsteps,
			   enum gicits_vm_mode from, enum gicits_vm_mode to)
{
	struct mig a, b;
	uint8_t *img, *img2;
	size_t len, len2;
	unsigned i;

	rng_state = seed * 0x9E3779B97F4A7C15ull + 1;
	mig_setup(&a, 1 + rnd(4));
	a.mode = from;
	assert_int_equal(vm_new_mode(&a.g, a.nvcpu, from, &a.fhost), GICITS_OK);
	assert_int_equal(vg_boot(&a.g, a.nvcpu), GICITS_OK);
	assign_all(&a);
	for (i = 0; i < a.nvcpu; i++)
		gicits_vm_vcpu_set_pmr(a.g.vm, i, 0xff);
	guest_boot(&a);
	for (i = 0; i < nsteps; i++)
		guest_step(&a);
	/*
	 * The guest invalidates its LPI configuration before the save.
	 * Restore re-reads it from memory (as after INVALL, and as KVM's
	 * restore does), so a configuration byte the guest changed without
	 * an invalidation would take effect at the restore instead of at
	 * the next INV: the one guest-visible difference, and one IHI 0069
	 * permits (a redistributor may cache LPI configuration, it need
	 * not).  docs/vm.md, "Migration".
	 */
	for (i = 0; i < a.nvcpu; i++)
		assert_int_equal(gicits_vm_rdist_write(
					 a.g.vm, i, GICITS_GICR_INVALLR, 8, 0),
				 GICITS_OK);
	st_cmd_errors += (unsigned)vg_cmd_errors(&a.g);
	st_pending += vg_npending(&a.g);

	img = save(&a, &len);
	migrate(&a, &b, img, len, to);
	/* restore-then-save is the original save, byte for byte (the mode
	 * field aside when the modes differ) */
	img2 = save(&b, &len2);
	assert_int_equal(len, len2);
	if (from == to)
		assert_memory_equal(img, img2, len);
	else
		compare_images(img, img2, len);
	assert_memory_equal(a.g.ram, b.g.ram, VG_RAM_SIZE);

	compare_regs(&a, &b);
	compare_pending(&a, &b);
	/* half the seeds: behaviour with the restored pending sets first */
	if (seed & 1)
		compare_acks(&a, &b);
	compare_msis(&a, &b);
	/* and the guests go on identically */
	for (i = 0; i < 200; i++) {
		uint64_t s = rng_state;

		guest_step(&a);
		rng_state = s;
		guest_step(&b);
	}
	compare_regs(&a, &b);
	compare_pending(&a, &b);
	compare_acks(&a, &b);
	free(img);
	free(img2);
	mig_fini(&a);
	mig_fini(&b);
}

static void one_seed(uint64_t seed, unsigned nsteps)
{
	one_seed_modes(seed, nsteps, GICITS_VM_EMULATED, GICITS_VM_EMULATED);
}

/*
 * The same round trip across modes (docs/vm.md, "Migration"): emulated
 * to forwarded, forwarded to emulated, forwarded to forwarded; the
 * guest-visible behaviour after the restore is the source's.
 */
static void test_roundtrip_modes(void **state)
{
	uint64_t seed;

	(void)state;
	st_pending = st_delivered = 0;
	for (seed = 101; seed <= 112; seed++)
		one_seed_modes(seed, 100 + 40 * (unsigned)(seed % 8),
			       seed % 3 == 1 ? GICITS_VM_EMULATED :
					       GICITS_VM_FORWARDED,
			       seed % 3 == 0 ? GICITS_VM_EMULATED :
					       GICITS_VM_FORWARDED);
	print_message("roundtrip across modes: 12 guests, %lu LPIs pending at "
		      "save, %lu MSIs delivered after restore\n",
		      st_pending, st_delivered);
	assert_true(st_pending > 12);
	assert_true(st_delivered > 12 * 20);
}

/*
 * Forwarded mode is emulated mode to the guest: the same random guest
 * program (same seed) on an emulated VM and a forwarded one, step by
 * step; after every step the pending sets agree, and at the end every
 * register, every MSI's result and every acknowledge order.  The host
 * must have delivered most assigned devices' MSIs itself (a forwarded
 * VM that emulates everything would pass the comparison and test
 * nothing).
 */
static void test_forwarded_is_emulated(void **state)
{
	uint64_t seed, shadowed = 0, fallback = 0, sent = 0, ok = 0;

	(void)state;
	for (seed = 201; seed <= 216; seed++) {
		struct mig a, b;
		struct gicits_vm_fwd_stats st;
		unsigned i, nvcpu;

		rng_state = seed * 0x9E3779B97F4A7C15ull + 1;
		nvcpu = 1 + rnd(4);
		mig_setup(&a, nvcpu);
		b = a;
		assert_int_equal(gicits_vm_host_create(64, &b.host), GICITS_OK);
		a.mode = GICITS_VM_EMULATED;
		b.mode = GICITS_VM_FORWARDED;
		assert_int_equal(vm_new_mode(&a.g, nvcpu, a.mode, &a.fhost),
				 GICITS_OK);
		assert_int_equal(vm_new_mode(&b.g, nvcpu, b.mode, &b.fhost),
				 GICITS_OK);
		assert_int_equal(vg_boot(&a.g, nvcpu), GICITS_OK);
		assert_int_equal(vg_boot(&b.g, nvcpu), GICITS_OK);
		assign_all(&a);
		assign_all(&b);
		{
			uint64_t s = rng_state;

			guest_boot(&a);
			rng_state = s;
			guest_boot(&b);
		}
		for (i = 0; i < 300; i++) {
			uint64_t s = rng_state;

			guest_step(&a);
			rng_state = s;
			guest_step(&b);
			compare_pending(&a, &b);
			if (i % 50 == 49)
				compare_regs(&a, &b);
		}
		compare_msis(&a, &b);
		assert_int_equal(gicits_vm_fwd_stats(b.g.vm, &st), GICITS_OK);
		shadowed += st.shadowed;
		fallback += st.fallback_msis;
		sent += b.assigned_msis;
		ok += b.assigned_ok;
		mig_fini(&a);
		mig_fini(&b);
	}
	print_message("forwarded vs emulated: 16 guests, %llu events shadowed "
		      "at the end; of %llu assigned devices' MSIs %llu made an "
		      "LPI pending, %llu through the host ITS\n",
		      (unsigned long long)shadowed, (unsigned long long)sent,
		      (unsigned long long)ok,
		      (unsigned long long)(sent - fallback));
	assert_true(shadowed > 16 * 4);
	/* most delivered MSIs of the assigned devices went through the
	 * host ITS (the vITS takes the rest: unmapped, not shadowable) */
	assert_true((sent - fallback) * 2 > ok);
}

static void test_roundtrip(void **state)
{
	uint64_t seed;

	(void)state;
	for (seed = 1; seed <= 24; seed++)
		one_seed(seed, 100 + 40 * (unsigned)(seed % 8));
	print_message("roundtrip: 24 guests, %lu LPIs pending at save, %lu "
		      "command errors, %lu MSIs delivered after restore\n",
		      st_pending, st_cmd_errors, st_delivered);
	assert_true(st_pending > 24);
	assert_true(st_delivered > 24 * 20);
}

static void fix_crc(uint8_t *img, size_t len);

/* The errors of gicits_vm_restore() and gicits_vm_save(). */
static void test_restore_errors(void **state)
{
	struct mig a, b;
	struct vg other;
	uint8_t *img, *bad;
	size_t len, used;
	struct gicits_kvm_tables t = kvm_tables;

	(void)state;
	rng_state = 77;
	mig_setup(&a, 2);
	assert_int_equal(vg_create_n(&a.g, 2, 16), GICITS_OK);
	assign_all(&a);
	for (unsigned i = 0; i < 150; i++)
		guest_step(&a);
	img = save(&a, &len);
	bad = malloc(len + 8);
	assert_non_null(bad);

	assert_int_equal(gicits_vm_save(NULL, &t, bad, len, &used),
			 GICITS_EINVAL);
	assert_int_equal(gicits_vm_save(a.g.vm, NULL, bad, len, &used),
			 GICITS_EINVAL);
	assert_int_equal(gicits_vm_save(a.g.vm, &t, NULL, len, &used),
			 GICITS_EINVAL);
	t.dt_bytes = 7;
	assert_int_equal(gicits_vm_save(a.g.vm, &t, bad, len, &used),
			 GICITS_EINVAL);
	t = kvm_tables;
	t.dt_base = 0x1000; /* not guest memory */
	assert_int_equal(gicits_vm_save(a.g.vm, &t, bad, len, &used),
			 GICITS_EFAULT);
	t = kvm_tables;
	t.itt_bytes = 256; /* too small for the ITTs */
	assert_int_equal(gicits_vm_save(a.g.vm, &t, bad, len, &used),
			 GICITS_ERANGE);
	/* the failed saves left the source's state as it was */
	free(bad);
	bad = save(&a, &used);
	assert_int_equal(used, len);
	assert_memory_equal(bad, img, len);
	free(bad);
	bad = malloc(len + 8);

	/* a destination VM, RAM migrated */
	b = a;
	b.host = NULL;
	assert_int_equal(vm_new(&b.g, 2), GICITS_OK);
	memcpy(b.g.ram, a.g.ram, VG_RAM_SIZE);

	assert_int_equal(gicits_vm_restore(NULL, img, len), GICITS_EINVAL);
	assert_int_equal(gicits_vm_restore(b.g.vm, NULL, len), GICITS_EINVAL);
	assert_int_equal(gicits_vm_restore(b.g.vm, img, 10), GICITS_ETRUNC);
	assert_int_equal(gicits_vm_restore(b.g.vm, img, len - 1),
			 GICITS_ETRUNC);
	memcpy(bad, img, len);
	bad[len] = 0;
	assert_int_equal(gicits_vm_restore(b.g.vm, bad, len + 1),
			 GICITS_EFORMAT);
	bad[0] ^= 1; /* magic */
	assert_int_equal(gicits_vm_restore(b.g.vm, bad, len), GICITS_EFORMAT);
	memcpy(bad, img, len);
	bad[len / 2] ^= 0x10; /* CRC */
	assert_int_equal(gicits_vm_restore(b.g.vm, bad, len), GICITS_EFORMAT);
	memcpy(bad, img, len);
	bad[8] = 2; /* version */
	fix_crc(bad, len);
	assert_int_equal(gicits_vm_restore(b.g.vm, bad, len), GICITS_EVERSION);
	memcpy(bad, img, len);
	/* the mode that saved an image does not bind the destination's */
	bad[12] = GICITS_VM_FORWARDED;
	fix_crc(bad, len);
	assert_int_equal(gicits_vm_restore(b.g.vm, bad, len), GICITS_OK);
	bad[12] = 7; /* an unknown mode */
	fix_crc(bad, len);
	assert_int_equal(gicits_vm_restore(b.g.vm, bad, len), GICITS_EFORMAT);
	assert_int_equal(gicits_vm_image_device(bad, len, 0, NULL, NULL),
			 GICITS_EFORMAT);
	assert_int_equal(gicits_vm_image_device(img, len, 4, NULL, NULL),
			 GICITS_ENOENT);
	assert_int_equal(gicits_vm_image_device(NULL, len, 0, NULL, NULL),
			 GICITS_EINVAL);

	/* another configuration: 3 vCPUs, or other vITS knobs */
	assert_int_equal(vm_new(&other, 3), GICITS_OK);
	memcpy(other.ram, a.g.ram, VG_RAM_SIZE);
	assert_int_equal(gicits_vm_restore(other.vm, img, len), GICITS_EINVAL);
	vg_destroy(&other);
	{
		struct gicits_vm_config vc;
		struct gicits_its_config ic;
		struct gicits_gic_config gc;

		memset(&other, 0, sizeof(other));
		other.ram = calloc(1, VG_RAM_SIZE);
		gicits_mem_init(&other.mem, NULL, NULL);
		gicits_mem_add_direct(&other.mem, VG_RAM, VG_RAM_SIZE,
				      other.ram);
		gicits_vm_config_default(&vc);
		gicits_its_config_default(&ic);
		gicits_gic_config_default(&gc);
		ic.devbits = VG_DEVBITS;
		ic.ite_size = 16; /* the guest would see another ITT size */
		gc.intid_bits = VG_IDBITS;
		vc.num_vcpus = 2;
		vc.its = &ic;
		vc.gic = &gc;
		assert_int_equal(gicits_vm_create(&vc, &other.mem, &other.vm),
				 GICITS_OK);
		memcpy(other.ram, a.g.ram, VG_RAM_SIZE);
		assert_int_equal(gicits_vm_restore(other.vm, img, len),
				 GICITS_EINVAL);
		/* the cache mode is the host's business: accepted */
		vg_destroy(&other);
		memset(&other, 0, sizeof(other));
		other.ram = calloc(1, VG_RAM_SIZE);
		gicits_mem_init(&other.mem, NULL, NULL);
		gicits_mem_add_direct(&other.mem, VG_RAM, VG_RAM_SIZE,
				      other.ram);
		ic.ite_size = 12;
		ic.cache = GICITS_CACHE_OFF;
		assert_int_equal(gicits_vm_create(&vc, &other.mem, &other.vm),
				 GICITS_OK);
		memcpy(other.ram, a.g.ram, VG_RAM_SIZE);
		assert_int_equal(gicits_vm_restore(other.vm, img, len),
				 GICITS_OK);
		vg_destroy(&other);
	}

	/* RAM not migrated: the KVM tables are not there */
	memset(b.g.ram + (KVM_DT - VG_RAM), 0, 0x2000);
	assert_int_equal(gicits_vm_restore(b.g.vm, img, len), GICITS_ESTATE);
	memcpy(b.g.ram, a.g.ram, VG_RAM_SIZE);
	b.g.ram[KVM_ITT - VG_RAM + 8] ^= 1; /* an ITE changed since */
	assert_int_equal(gicits_vm_restore(b.g.vm, img, len), GICITS_ESTATE);
	memcpy(b.g.ram, a.g.ram, VG_RAM_SIZE);
	assert_int_equal(gicits_vm_restore(b.g.vm, img, len), GICITS_OK);

	free(bad);
	free(img);
	mig_fini(&a);
	vg_destroy(&b.g);
}

static void fix_crc(uint8_t *img, size_t len)
{
	/* CRC-32 (IEEE 802.3, reflected), as the image trailer */
	uint32_t c = 0xFFFFFFFFu;
	size_t i;
	unsigned k;

	for (i = 0; i < len - 4; i++) {
		c ^= img[i];
		for (k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1)));
	}
	c = ~c;
	img[len - 4] = (uint8_t)c;
	img[len - 3] = (uint8_t)(c >> 8);
	img[len - 2] = (uint8_t)(c >> 16);
	img[len - 1] = (uint8_t)(c >> 24);
}

/*
 * Every byte of an image corrupted (three ways), with the CRC left alone
 * (refused: EFORMAT or ETRUNC/EVERSION) and with the CRC recomputed (so
 * the parser and the snapshot's checks see the damage): each restore is
 * refused or gives a VM that then runs (MSIs, acknowledges, a save)
 * without a crash; the sanitizers watch (asan preset).
 */
static void test_corrupt_every_byte(void **state)
{
	struct mig a, b;
	uint8_t *img, *bad;
	size_t len, pos;
	unsigned ok = 0, refused = 0, way;

	(void)state;
	rng_state = 4242;
	mig_setup(&a, 2);
	assert_int_equal(vg_create_n(&a.g, 2, 16), GICITS_OK);
	assign_all(&a);
	for (unsigned i = 0; i < 120; i++)
		guest_step(&a);
	img = save(&a, &len);
	bad = malloc(len);
	assert_non_null(bad);
	b = a;
	b.host = NULL;
	assert_int_equal(vm_new(&b.g, 2), GICITS_OK);
	for (pos = 0; pos < len; pos++) {
		for (way = 0; way < 3; way++) {
			static const uint8_t x[3] = { 0x01, 0x80, 0xff };
			int err;

			memcpy(bad, img, len);
			bad[pos] ^= x[way];
			err = gicits_vm_restore(b.g.vm, bad, len);
			assert_true(err < 0);
			if (pos >= len - 4)
				continue;
			fix_crc(bad, len);
			memcpy(b.g.ram, a.g.ram, VG_RAM_SIZE);
			err = gicits_vm_restore(b.g.vm, bad, len);
			if (err) {
				assert_true(err < 0);
				refused++;
				continue;
			}
			ok++;
			/* it runs */
			for (unsigned d = 0; d < NDEVS; d++)
				for (uint32_t e = 0; e < 4; e++)
					gicits_vm_msi(b.g.vm, a.dev[d], e);
			vg_ack_all(&b.g);
			{
				size_t sz = 0;

				assert_int_equal(
					gicits_vm_save_size(b.g.vm, &sz),
					GICITS_OK);
			}
		}
	}
	print_message("corrupt: %zu bytes x 3, %u refused, %u restored\n", len,
		      refused, ok);
	assert_true(refused > 0);
	free(bad);
	free(img);
	mig_fini(&a);
	vg_destroy(&b.g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_roundtrip_modes),
		cmocka_unit_test(test_forwarded_is_emulated),
		cmocka_unit_test(test_restore_errors),
		cmocka_unit_test(test_corrupt_every_byte),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
