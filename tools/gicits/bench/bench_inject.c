/* SPDX-License-Identifier: BSD-2-Clause */
/* `gicits bench`: injector threads (inject.*). */
#define _POSIX_C_SOURCE 200809L

#include "bench.h"

/* ---- injector threads ----------------------------------------------- */

struct run {
	atomic_int ready;
	atomic_bool go;
	atomic_bool stop;
};

struct inj {
	struct run *run;
	struct gicits_its *its;
	const struct key *keys;
	size_t n; /* power of two */
	uint64_t ops, bad;
	thrd_t th;
};

static int inj_main(void *arg)
{
	struct inj *a = arg;
	size_t i = 0, mask = a->n - 1;
	uint64_t ops = 0, bad = 0; /* local: no false sharing between threads */

	atomic_fetch_add(&a->run->ready, 1);
	while (!atomic_load_explicit(&a->run->go, memory_order_acquire))
		;
	while (!atomic_load_explicit(&a->run->stop, memory_order_relaxed)) {
		unsigned j;

		for (j = 0; j < 1024; j++, i++) {
			const struct key *k = &a->keys[i & mask];

			bad += gicits_its_msi(a->its, k->dev, k->ev) != 0;
		}
		ops += 1024;
	}
	a->ops = ops;
	a->bad = bad;
	return 0;
}

/* Start @n injectors (keys[t] for thread t), run @sec (or @during), return
 * ns. */
static uint64_t run_injectors(struct inj *in, unsigned n, struct run *run,
			      void (*during)(void *), void *arg, double sec)
{
	uint64_t t0, t;
	unsigned i;

	atomic_store(&run->ready, 0);
	atomic_store(&run->go, false);
	atomic_store(&run->stop, false);
	for (i = 0; i < n; i++) {
		in[i].run = run;
		in[i].ops = in[i].bad = 0;
		if (thrd_create(&in[i].th, inj_main, &in[i]) != thrd_success)
			bn_die("thrd_create failed");
	}
	while (atomic_load(&run->ready) < (int)n)
		thrd_yield();
	t0 = bn_now_ns();
	atomic_store_explicit(&run->go, true, memory_order_release);
	if (during)
		during(arg);
	else
		bn_sleep_s(sec);
	atomic_store(&run->stop, true);
	for (i = 0; i < n; i++)
		thrd_join(in[i].th, NULL);
	t = bn_now_ns() - t0;
	return t;
}

/* The command thread of inject.under_commands. */
struct churn {
	struct sys *s;
	struct run *run;
	uint32_t dev0, ndev, intid0;
	double rate; /* commands per second to aim at */
	uint64_t cmds, ns;
	thrd_t th;
};

/* Thread t injects keys[t] (4,096 keys) on @its for @sec, or while
 * @during runs (may be NULL).  Dies if an MSI was dropped.  Returns ns;
 * *ops receives the MSIs of all threads. */
static uint64_t inject_keys_for(struct inj *in, unsigned n, struct key **keys,
				struct gicits_its *its, struct run *run,
				void (*during)(void *), void *arg,
				const char *name, double sec, uint64_t *ops)
{
	uint64_t ns, bad = 0;
	unsigned t;

	for (t = 0; t < n; t++) {
		in[t].its = its;
		in[t].keys = keys[t];
		in[t].n = 4096;
	}
	ns = run_injectors(in, n, run, during, arg, sec);
	*ops = 0;
	for (t = 0; t < n; t++) {
		*ops += in[t].ops;
		bad += in[t].bad;
	}
	if (bad)
		bn_die("%s: %" PRIu64 " MSIs dropped", name, bad);
	return ns;
}

static uint64_t inject_keys(struct inj *in, unsigned n, struct key **keys,
			    struct gicits_its *its, struct run *run,
			    void (*during)(void *), void *arg, const char *name,
			    uint64_t *ops)
{
	return inject_keys_for(in, n, keys, its, run, during, arg, name,
			       bn_opt.dur, ops);
}

/* An injector round as a ratio bench's loop (bn_rounds()) */
struct inj_loop {
	struct bn_loop l;
	struct inj *in;
	unsigned n;
	struct key **keys;
	struct gicits_its *its;
	struct run *run;
	const char *name;
};

static void inj_loop_run(struct bn_loop *l, double sec, uint64_t *ops,
			 uint64_t *ns)
{
	struct inj_loop *j = (struct inj_loop *)l;

	*ns = inject_keys_for(j->in, j->n, j->keys, j->its, j->run, NULL, NULL,
			      j->name, sec, ops);
}

static int churn_main(void *arg)
{
	struct churn *c = arg;
	struct sys *s = c->s;
	uint64_t t0 = bn_now_ns(), i = 0, n = 0;
	uint32_t nev = c->ndev * 256;

	s->t.d.batch = CQ_SLOTS; /* flush explicitly */
	while (!atomic_load_explicit(&c->run->stop, memory_order_relaxed)) {
		unsigned j;

		for (j = 0; j < 32; j++, i++) {
			uint32_t g = (uint32_t)(i % nev),
				 dev = c->dev0 + g / 256, ev = g % 256;

			ts_mapti(&s->t, dev, ev, c->intid0 + g, 0);
			ts_movi(&s->t, dev, ev, 1);
			ts_event(&s->t, GICITS_CMD_DISCARD, dev, ev);
		}
		ts_flush(&s->t);
		n += 96;
		/* pace to c->rate */
		while ((double)(bn_now_ns() - t0) < (double)n * 1e9 / c->rate &&
		       !atomic_load_explicit(&c->run->stop,
					     memory_order_relaxed))
			thrd_yield();
	}
	c->ns = bn_now_ns() - t0;
	c->cmds = n;
	return 0;
}

static void churn_during(void *arg)
{
	struct churn *c = arg;

	if (thrd_create(&c->th, churn_main, c) != thrd_success)
		bn_die("thrd_create failed");
	bn_sleep_s(bn_opt.dur);
	atomic_store(&c->run->stop, true);
	thrd_join(c->th, NULL);
}

void bench_inject(void)
{
	unsigned maxt = bn_opt.max_threads, ncpu = maxt < 2 ? 2 : maxt, t, n;
	uint32_t own_dev = 0, shared_dev = 16 * ncpu, churn_dev = 32 * ncpu;
	uint32_t nslots = 32 * ncpu + 64, churn_intid;
	struct sys_cfg c = {
		.ncpu = ncpu, .devbits = 16, .ev_bits = 8, .nslots = nslots
	};
	struct key **own, **shared;
	struct inj *in;
	struct run run;
	struct sys s;
	char params[256], name[64], extra[256];
	double quiet = 0;

	if (!bn_want("inject."))
		return;
	c.intid_bits =
		bn_bits_for(GICITS_LPI_BASE + (uint64_t)nslots * 256, 16);
	bn_sys_create(&s, &c);
	own = calloc(ncpu, sizeof(*own));
	shared = calloc(ncpu, sizeof(*shared));
	in = calloc(ncpu, sizeof(*in));
	if (!own || !shared || !in)
		bn_die("out of memory");
	for (t = 0; t < ncpu; t++) {
		/* thread t: 16 devices to CPU t, and 16 devices to CPU 0 */
		bn_sys_map(&s, own_dev + 16 * t, 16, 16 * t, 256, ICID_FIXED,
			   t);
		bn_sys_map(&s, shared_dev + 16 * t, 16, 16 * ncpu + 16 * t, 256,
			   ICID_FIXED, 0);
		own[t] = bn_make_keys(own_dev + 16 * t, 16, 256, 100 + t);
		shared[t] = bn_make_keys(shared_dev + 16 * t, 16, 256, 200 + t);
	}
	/* churn devices: mapped, events mapped and unmapped by the command
	 * thread */
	churn_intid = s.next_intid;
	for (t = 0; t < 64; t++)
		ts_mapd(&s.t, churn_dev + t, 8 - 1,
			s.itt + (uint64_t)(32 * ncpu + t) * s.itt_stride, true);
	s.next_intid += 64 * 256;
	bn_sys_check(&s, "churn devices");

	for (n = 1; n <= maxt || n <= 2; n *= 2) {
		struct inj_loop a = { { inj_loop_run, NULL, 0, 0 },
				      in,
				      n,
				      own,
				      s.its,
				      &run,
				      name },
				b = a;
		struct bn_ratio r;
		uint64_t ns, ops;

		snprintf(name, sizeof(name), "inject.threads%u", n);
		if (!bn_want(name))
			continue;
		extra[0] = 0;
		if (n == 1) {
			ns = inject_keys(in, n, own, s.its, &run, NULL, NULL,
					 name, &ops);
			quiet = (double)ops / (double)ns;
		} else {
			/* scaling: n threads against one, in alternating
			 * rounds (bench.h) */
			b.n = 1;
			bn_rounds(&a.l, &b.l, &r);
			ops = a.l.ops;
			ns = a.l.ns;
			bn_ratio_json(extra, sizeof(extra), "over_threads1",
				      &r);
		}
		snprintf(
			params, sizeof(params),
			"\"threads\":%u,\"targets\":\"distinct\",\"lpis_per_thread\":4096,"
			"\"cores\":%u",
			n, bn_opt.ncores);
		bn_emit(name, params, ops, ns, extra);
		for (t = 0; t < ncpu; t++)
			ts_drain(&s.t, t);
	}
	for (n = 2; n <= maxt || n <= 2; n *= 2) {
		uint64_t ns, ops;

		snprintf(name, sizeof(name), "inject.same_target.threads%u", n);
		if (!bn_want(name))
			continue;
		ns = inject_keys(in, n, shared, s.its, &run, NULL, NULL, name,
				 &ops);
		snprintf(params, sizeof(params),
			 "\"threads\":%u,\"targets\":\"one redistributor\","
			 "\"lpis_per_thread\":4096,\"cores\":%u",
			 n, bn_opt.ncores);
		bn_emit(name, params, ops, ns, "");
		ts_drain(&s.t, 0);
	}
	if (bn_want("inject.under_commands")) {
		struct churn ch;
		uint64_t ns, ops;

		if (quiet == 0) {
			ns = inject_keys(in, 1, own, s.its, &run, NULL, NULL,
					 "inject.threads1", &ops);
			quiet = (double)ops / (double)ns;
		}
		memset(&ch, 0, sizeof(ch));
		ch.s = &s;
		ch.run = &run;
		ch.dev0 = churn_dev;
		ch.ndev = 64;
		ch.intid0 = churn_intid;
		ch.rate = 1e6;
		ns = inject_keys(in, 1, own, s.its, &run, churn_during, &ch,
				 "inject.under_commands", &ops);
		s.t.d.batch = 8192;
		bn_sys_check(&s, "inject.under_commands");
		snprintf(
			params, sizeof(params),
			"\"injectors\":1,\"command_threads\":1,\"commands\":\"MAPTI/MOVI/DISCARD\","
			"\"cmd_target_per_s\":1000000,\"cmds_per_cwriter\":96");
		snprintf(
			extra, sizeof(extra),
			",\"cmds_per_s\":%.0f,\"quiet_mops\":%.3f,\"ratio_vs_quiet\":%.3f",
			(double)ch.cmds * 1e9 / (double)ch.ns, quiet * 1e3,
			((double)ops / (double)ns) / quiet);
		bn_emit("inject.under_commands", params, ops, ns, extra);
	}
	for (t = 0; t < ncpu; t++) {
		free(own[t]);
		free(shared[t]);
	}
	free(own);
	free(shared);
	free(in);
	bn_sys_destroy(&s);
}
