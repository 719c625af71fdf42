/* SPDX-License-Identifier: BSD-2-Clause */
/* The test-support library: building a system (sys.h). */
#define _POSIX_C_SOURCE 200809L

#include "sys.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "gicits/error.h"

void ts_desc_default(struct ts_desc *d)
{
	memset(d, 0, sizeof(*d));
	d->ram_base = 0x40000000ULL;
	d->ram_size = 0x800000ULL;
	gicits_gic_config_default(&d->gic);
	d->gic.num_cpus = 4;
	d->prop = d->ram_base;
	d->prop_idbits = 16;
	d->prop_fill = TS_CFG_BYTE;
	d->prop_fill_len = 0x10000;
	d->pend = d->ram_base + 0x100000;
	d->pend_stride = 0x10000;
	d->pend_ptz = true;
	d->pmr = 0xff;
	gicits_its_config_default(&d->its);
	ts_desc_tables(d, d->ram_base + 0x200000, 0, d->ram_base + 0x300000,
		       d->ram_base + 0x400000, 1);
}

void ts_desc_tables(struct ts_desc *d, uint64_t dt, uint64_t dt_l2, uint64_t ct,
		    uint64_t cq, unsigned cq_pages)
{
	d->baser[0] = TS_VALID | (dt_l2 ? TS_INDIRECT : 0) | dt;
	d->dt_l1 = dt_l2 ? TS_VALID | dt_l2 : 0;
	d->baser[1] = TS_VALID | ct;
	d->cbaser = TS_VALID | cq | (cq_pages - 1);
}

/* ---- guest memory --------------------------------------------------- */

uint8_t *ts_host(const struct ts_sys *s, uint64_t gpa, uint64_t len)
{
	if (gpa < s->d.ram_base || gpa - s->d.ram_base > s->d.ram_size ||
	    len > s->d.ram_size - (gpa - s->d.ram_base))
		return NULL;
	return s->ram + (gpa - s->d.ram_base);
}

/* Count the access, fail it if it is the armed one, tell the observer. */
static int ram_access(struct ts_sys *s, uint64_t gpa, size_t len, bool write,
		      uint8_t **p)
{
	*p = ts_host(s, gpa, len);
	if (!*p)
		return -1;
	s->accesses++;
	if (s->fail_countdown && --s->fail_countdown == 0)
		return -1;
	if (s->d.on_access)
		s->d.on_access(s->d.access_opaque, gpa, len, write);
	return 0;
}

static int cb_read(void *opaque, uint64_t gpa, void *dst, size_t len)
{
	struct ts_sys *s = opaque;
	uint8_t *p;

	if (ts_host(s, gpa, len) == NULL)
		return s->d.ops && s->d.ops->read ?
			       s->d.ops->read(s->d.opaque, gpa, dst, len) :
			       -1;
	if (ram_access(s, gpa, len, false, &p))
		return -1;
	memcpy(dst, p, len);
	return 0;
}

static int cb_write(void *opaque, uint64_t gpa, const void *src, size_t len)
{
	struct ts_sys *s = opaque;
	uint8_t *p;

	if (ts_host(s, gpa, len) == NULL)
		return s->d.ops && s->d.ops->write ?
			       s->d.ops->write(s->d.opaque, gpa, src, len) :
			       -1;
	if (ram_access(s, gpa, len, true, &p))
		return -1;
	memcpy(p, src, len);
	return 0;
}

static const struct gicits_mem_ops ram_ops = { cb_read, cb_write };

void ts_fail_nth(struct ts_sys *s, uint64_t n)
{
	s->fail_countdown = n;
}

bool ts_fail_fired(struct ts_sys *s)
{
	bool fired = s->fail_countdown == 0;

	s->fail_countdown = 0;
	return fired;
}

uint64_t ts_peek64(const struct ts_sys *s, uint64_t gpa)
{
	const uint8_t *p = ts_host(s, gpa, 8);
	uint64_t v = 0;
	int i;

	if (!p)
		abort();
	for (i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

void ts_poke64(struct ts_sys *s, uint64_t gpa, uint64_t v)
{
	uint8_t *p = ts_host(s, gpa, 8);
	int i;

	if (!p)
		abort();
	for (i = 0; i < 8; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static int sink_read(void *opaque, uint64_t gpa, void *dst, size_t len)
{
	(void)opaque;
	(void)gpa;
	memset(dst, 0, len);
	return 0;
}

static int sink_write(void *opaque, uint64_t gpa, const void *src, size_t len)
{
	(void)opaque;
	(void)gpa;
	(void)src;
	(void)len;
	return 0;
}

const struct gicits_mem_ops ts_sink_ops = { sink_read, sink_write };

static uint64_t align_up(uint64_t v, uint64_t a)
{
	return (v + a - 1) / a * a;
}

int ts_desc_big(struct ts_desc *d, struct ts_big *b)
{
	const uint64_t page = 0x10000;
	uint64_t nintid = 1ULL << b->intid_bits;
	uint64_t dtbytes = align_up((1ULL << b->devbits) * 8, page);

	if (dtbytes / page > 256 || nintid <= GICITS_LPI_BASE)
		return GICITS_EINVAL;
	b->cq = TS_BIG_RAM;
	b->ct = b->cq + TS_BIG_CQ_BYTES;
	b->prop = b->ct + page;
	b->dt = b->prop + align_up(nintid - GICITS_LPI_BASE, page);
	b->itt = b->dt + dtbytes;
	b->spare = align_up(b->itt + b->itt_bytes, page);
	ts_desc_default(d);
	d->ram_base = TS_BIG_RAM;
	d->ram_size = b->spare + align_up(b->spare_bytes, page) - TS_BIG_RAM;
	d->ops = &ts_sink_ops;
	d->gic.num_cpus = b->ncpu;
	d->gic.intid_bits = b->intid_bits;
	d->prop = b->prop;
	d->prop_idbits = b->intid_bits;
	d->prop_fill_len = nintid - GICITS_LPI_BASE;
	d->pend = TS_BIG_PEND;
	d->pend_stride = align_up(nintid / 8, page);
	d->its.devbits = b->devbits;
	d->baser[0] = TS_VALID | TS_PAGE_64K | b->dt | (dtbytes / page - 1);
	d->baser[1] = TS_VALID | TS_PAGE_64K | b->ct;
	d->cbaser = TS_VALID | b->cq | (TS_BIG_CQ_BYTES / 4096 - 1);
	return GICITS_OK;
}

/* ---- building ------------------------------------------------------- */

int ts_rdist_enable(struct ts_sys *s, unsigned cpu)
{
	const struct ts_desc *d = &s->d;
	int err;

	/* wake the PE first: a redistributor with GICR_WAKER.ProcessorSleep
	 * = 1 (its reset value) signals nothing to the CPU interface */
	err = gicits_rdist_write(s->gic, cpu, GICITS_GICR_WAKER, 4, 0);
	if (!err)
		err = gicits_rdist_write(s->gic, cpu, GICITS_GICR_PROPBASER, 8,
					 d->prop | (d->prop_idbits - 1));
	if (!err)
		err = gicits_rdist_write(
			s->gic, cpu, GICITS_GICR_PENDBASER, 8,
			(d->pend + (uint64_t)cpu * d->pend_stride) |
				(d->pend_ptz ? TS_PTZ : 0));
	if (!err)
		err = gicits_rdist_write(s->gic, cpu, GICITS_GICR_CTLR, 4, 1);
	if (!err)
		err = gicits_cpu_set_pmr(s->gic, cpu, d->pmr);
	return err;
}

int ts_its_program(struct ts_sys *s)
{
	const struct ts_desc *d = &s->d;
	int err = GICITS_OK;
	unsigned i;

	if (d->dt_l1)
		ts_poke64(s, d->baser[0] & TS_ADDR_MASK, d->dt_l1);
	for (i = 0; i < 2 && !err; i++)
		if (d->baser[i])
			err = gicits_its_mmio_write(s->its,
						    GICITS_GITS_BASER(i), 8,
						    d->baser[i], 0);
	if (!err && d->cbaser)
		err = gicits_its_mmio_write(s->its, GICITS_GITS_CBASER, 8,
					    d->cbaser, 0);
	s->cw = 0;
	s->queued = 0;
	if (!err && d->cbaser)
		err = gicits_its_mmio_write(s->its, GICITS_GITS_CWRITER, 8, 0,
					    0);
	if (!err && !d->no_enable)
		err = gicits_its_mmio_write(s->its, GICITS_GITS_CTLR, 4, 1, 0);
	return err;
}

int ts_its_start(struct ts_sys *s)
{
	int err;

	if (s->d.forward) {
		ts_fwd_init(&s->fwd, s->gic);
		err = gicits_its_create_with_sink(&s->d.its, &ts_fwd_ops,
						  &s->fwd, &s->mem, &s->its);
	} else if (s->d.sink) {
		err = gicits_its_create_with_sink(
			&s->d.its, s->d.sink, s->d.sink_ctx, &s->mem, &s->its);
	} else {
		err = gicits_its_create(&s->d.its, s->gic, &s->mem, &s->its);
	}
	if (!err && !s->d.its_reset)
		err = ts_its_program(s);
	return err;
}

int ts_ram_create(struct ts_sys *s, const struct ts_desc *d)
{
	int err;

	memset(s, 0, sizeof(*s));
	s->d = *d;
	if (d->ram_host) {
		s->ram = d->ram_host;
	} else {
		s->ram = calloc(1, d->ram_size);
		if (!s->ram)
			return GICITS_ENOMEM;
		s->own_ram = true;
	}
	if (d->ram_callback) {
		err = gicits_mem_init(&s->mem, &ram_ops, s);
	} else {
		err = gicits_mem_init(&s->mem, d->ops, d->opaque);
		if (!err)
			err = gicits_mem_add_direct(&s->mem, d->ram_base,
						    d->ram_size, s->ram);
	}
	if (err)
		ts_sys_destroy(s);
	return err;
}

int ts_sys_start(struct ts_sys *s)
{
	const struct ts_desc *d = &s->d;
	unsigned cpu;
	int err = GICITS_OK;

	if (d->prop_fill_len) {
		uint8_t *p = ts_host(s, d->prop, d->prop_fill_len);

		if (!p)
			return GICITS_EINVAL;
		memset(p, d->prop_fill, d->prop_fill_len);
	}
	if (d->its.gic == GICITS_GIC_V4_0 && d->gic.version == GICITS_GIC_V3) {
		/* a GICv4.0 ITS needs a GICv4.0 gic (gicits_its_create()) */
		struct gicits_gic_config g = d->gic;

		g.version = GICITS_GIC_V4_0;
		err = gicits_gic_create(&g, &s->mem, &s->gic);
	} else {
		err = gicits_gic_create(&d->gic, &s->mem, &s->gic);
	}
	for (cpu = 0; !err && !d->no_rdist && cpu < d->gic.num_cpus; cpu++)
		err = ts_rdist_enable(s, cpu);
	if (!err && !d->no_its)
		err = ts_its_start(s);
	return err;
}

int ts_sys_create(struct ts_sys *s, const struct ts_desc *d)
{
	int err = ts_ram_create(s, d);

	if (err)
		return err;
	err = ts_sys_start(s);
	if (err)
		ts_sys_destroy(s);
	return err;
}

void ts_sys_destroy(struct ts_sys *s)
{
	gicits_its_destroy(s->its);
	gicits_gic_destroy(s->gic);
	if (s->own_ram)
		free(s->ram);
	memset(s, 0, sizeof(*s));
}

/* ---- commands ------------------------------------------------------- */

void ts_poke_cmd(struct ts_sys *s, uint64_t gpa, const struct gicits_cmd *c)
{
	uint8_t *p = ts_host(s, gpa, GICITS_CMD_BYTES);

	if (p) {
		gicits_cmd_to_bytes(c, p);
	} else {
		uint8_t b[GICITS_CMD_BYTES];

		gicits_cmd_to_bytes(c, b);
		gicits_mem_write(&s->mem, gpa, b, sizeof(b));
	}
}

void ts_queue_refresh(struct ts_sys *s)
{
	s->cq_cbaser = s->d.cbaser;
	s->cq_size = ts_queue_size(s);
	s->cq_host = ts_host(s, ts_queue_base(s), s->cq_size);
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

int ts_kick(struct ts_sys *s)
{
	uint64_t t0;
	int err;

	s->queued = 0;
	if (!s->d.time_kicks)
		return gicits_its_mmio_write(s->its, GICITS_GITS_CWRITER, 8,
					     s->cw, 0);
	t0 = now_ns();
	err = gicits_its_mmio_write(s->its, GICITS_GITS_CWRITER, 8, s->cw, 0);
	s->kick_ns += now_ns() - t0;
	return err;
}

int ts_flush(struct ts_sys *s)
{
	return s->queued ? ts_kick(s) : GICITS_OK;
}

int ts_kick_retry(struct ts_sys *s)
{
	s->queued = 0;
	return gicits_its_mmio_write(s->its, GICITS_GITS_CWRITER, 8, s->cw | 1,
				     0);
}

int ts_cmd(struct ts_sys *s, const struct gicits_cmd *c)
{
	ts_put(s, c);
	return ts_kick(s);
}

int ts_cmds(struct ts_sys *s, const struct gicits_cmd *c, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		ts_put(s, &c[i]);
	return ts_kick(s);
}

uint64_t ts_creadr(struct ts_sys *s)
{
	uint64_t v = 0;

	gicits_its_mmio_read(s->its, GICITS_GITS_CREADR, 8, &v);
	return v;
}

int ts_map_event(struct ts_sys *s, uint32_t dev, unsigned bits, uint64_t itt,
		 uint32_t ev, uint32_t intid, uint16_t icid, unsigned cpu)
{
	ts_mapd(s, dev, bits - 1, itt, true);
	ts_mapc(s, icid, cpu, true);
	ts_mapti(s, dev, ev, intid, icid);
	return ts_kick(s);
}

/* ---- state ---------------------------------------------------------- */

static int count_cb(void *opaque, uint32_t intid)
{
	(void)intid;
	(*(long *)opaque)++;
	return 0;
}

long ts_npending(struct ts_sys *s, unsigned cpu)
{
	long n = 0;

	if (gicits_rdist_pending_foreach(s->gic, cpu, count_cb, &n))
		return -1;
	return n;
}

uint64_t ts_drain(struct ts_sys *s, unsigned cpu)
{
	uint64_t n = 0;
	uint32_t id;

	while ((id = gicits_cpu_ack(s->gic, cpu)) != GICITS_INTID_SPURIOUS) {
		gicits_cpu_eoi(s->gic, cpu, id);
		n++;
	}
	return n;
}

/* ---- measuring ------------------------------------------------------ */

uint64_t ts_rss_bytes(void)
{
	unsigned long size = 0, res = 0;
	FILE *f = fopen("/proc/self/statm", "r");

	if (!f)
		return 0;
	if (fscanf(f, "%lu %lu", &size, &res) != 2)
		res = 0;
	fclose(f);
	return (uint64_t)res * (uint64_t)sysconf(_SC_PAGESIZE);
}
