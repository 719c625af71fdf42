/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The route/topo consistency check over the shared fixtures:
 *
 *     fabric_route_check GICITS DIR|FILE
 *
 * For every DTB and IORT under DIR whose topology has an IOMMU or an ITS,
 * runs `gicits topo FILE --all --format json` and `gicits route FILE --all
 * --format json` (with --madt FILE for an IORT that has an APIC table
 * beside it) and checks, line by line, that each requester's write arrived
 * at exactly the ITS and DeviceID topo resolves: topo's "msi" controller
 * when its type is "its", else nothing ("its":null).  Both outputs are
 * streamed through pipes, never stored: an --all run is millions of lines.
 *
 * Prints one line per fixture and "N passed, M failed" at the end; exits 0
 * when all agree, 1 otherwise, 77 (skip) when DIR is absent.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "gicits/topo.h"

#define LINE_MAX_BYTES (1 << 16)

struct seen {
	char key[600];
	char its[512]; /* "" for none */
	long long device_id;
};

/* The JSON value after "key": in [s, end): a string (escapes kept, as
 * both tools escape alike), a number, or "null".  0 if absent. */
static int field(const char *s, const char *end, const char *key, char *out,
		 size_t outlen)
{
	char pat[64];
	const char *p, *q;
	size_t n;

	snprintf(pat, sizeof(pat), "\"%s\":", key);
	p = strstr(s, pat);
	if (!p || p >= end)
		return 0;
	p += strlen(pat);
	if (*p == '"') {
		for (q = p + 1; *q && *q != '"'; q++)
			if (*q == '\\' && q[1])
				q++;
		p++;
	} else {
		for (q = p; *q && *q != ',' && *q != '}' && *q != ']'; q++)
			;
	}
	n = (size_t)(q - p);
	if (n >= outlen)
		n = outlen - 1;
	memcpy(out, p, n);
	out[n] = 0;
	return 1;
}

static int parse_topo(const char *line, struct seen *s)
{
	char a[256], b[256], type[64];
	const char *end = line + strlen(line), *msi;

	if (strstr(line, "\"kind\":\"resolve\"")) {
		if (!field(line, end, "segment", a, sizeof(a)) ||
		    !field(line, end, "rid", b, sizeof(b)))
			return -1;
		snprintf(s->key, sizeof(s->key), "pci %s:%s", a, b);
	} else if (strstr(line, "\"kind\":\"own\"")) {
		if (!field(line, end, "node", a, sizeof(a)) ||
		    !field(line, end, "index", b, sizeof(b)))
			return -1;
		snprintf(s->key, sizeof(s->key), "node %s#%s", a, b);
	} else {
		return 1; /* not a requester */
	}
	s->its[0] = 0;
	s->device_id = -1;
	msi = strstr(line, "\"msi\":");
	if (!msi)
		return -1;
	if (!strncmp(msi + 6, "null", 4))
		return 0;
	end = strchr(msi, '}');
	if (!end || !field(msi, end, "type", type, sizeof(type)))
		return -1;
	if (strcmp(type, "its"))
		return 0; /* a GICv2m or vendor block: no ITS receives it */
	if (!field(msi, end, "controller", s->its, sizeof(s->its)) ||
	    !field(msi, end, "device_id", a, sizeof(a)))
		return -1;
	s->device_id = atoll(a);
	return 0;
}

static int parse_route(const char *line, struct seen *s)
{
	char a[256], b[256];
	const char *end = strstr(line, "\"hops\":");

	if (!end || !strstr(line, "\"kind\":\"delivery\""))
		return -1;
	if (field(line, end, "rid", b, sizeof(b))) {
		if (!field(line, end, "segment", a, sizeof(a)))
			return -1;
		snprintf(s->key, sizeof(s->key), "pci %s:%s", a, b);
	} else {
		if (!field(line, end, "node", a, sizeof(a)) ||
		    !field(line, end, "index", b, sizeof(b)))
			return -1;
		snprintf(s->key, sizeof(s->key), "node %s#%s", a, b);
	}
	if (!field(line, end, "its", s->its, sizeof(s->its)) ||
	    !field(line, end, "device_id", a, sizeof(a)))
		return -1;
	if (!strcmp(s->its, "null")) {
		s->its[0] = 0;
		s->device_id = -1;
	} else {
		s->device_id = atoll(a);
	}
	return 0;
}

/* Whether the fixture's topology has an ITS or an IOMMU. */
static int interesting(const char *path)
{
	FILE *f = fopen(path, "rb");
	struct gicits_topo *t = NULL;
	static char buf[8 << 20];
	size_t n;
	int i, yes = 0;

	if (!f)
		return 0;
	n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	if (gicits_topo_create(&t))
		return 0;
	if (!gicits_topo_load(t, buf, n))
		for (i = 0; i < gicits_topo_node_count(t) && !yes; i++) {
			struct gicits_topo_node nd;

			gicits_topo_node(t, i, &nd);
			yes = nd.type == GICITS_TOPO_ITS ||
			      nd.type == GICITS_TOPO_SMMU ||
			      nd.type == GICITS_TOPO_SMMUV3 ||
			      nd.type == GICITS_TOPO_IOMMU_OTHER;
		}
	gicits_topo_free(t);
	return yes;
}

/* 0 when the two outputs agree for @path. */
static int check(const char *gicits, const char *path)
{
	static char l1[LINE_MAX_BYTES], l2[LINE_MAX_BYTES];
	char cmd[2 * 4096 + 256], madt[4096] = "";
	const char *ext = strstr(path, ".IORT.bin");
	FILE *tp, *rp;
	long lines = 0, bad = 0;
	struct stat st;
	int rc1, rc2;

	if (ext) {
		snprintf(madt, sizeof(madt), "%.*s.APIC.bin", (int)(ext - path),
			 path);
		if (stat(madt, &st))
			madt[0] = 0;
	}
	snprintf(cmd, sizeof(cmd), "'%s' topo '%s' --all --format json%s%s%s",
		 gicits, path, madt[0] ? " --madt '" : "", madt,
		 madt[0] ? "'" : "");
	tp = popen(cmd, "r");
	snprintf(cmd, sizeof(cmd), "'%s' route '%s' --all --format json%s%s%s",
		 gicits, path, madt[0] ? " --madt '" : "", madt,
		 madt[0] ? "'" : "");
	rp = popen(cmd, "r");
	if (!tp || !rp) {
		printf("FAIL %s: cannot run %s\n", path, gicits);
		return 1;
	}
	for (;;) {
		struct seen a, b;
		char *g1, *g2;
		int r;

		/* the next requester line of topo */
		do {
			g1 = fgets(l1, sizeof(l1), tp);
			r = g1 ? parse_topo(l1, &a) : 0;
		} while (g1 && r == 1);
		g2 = fgets(l2, sizeof(l2), rp);
		if (!g1 && !g2)
			break;
		if (!g1 || !g2) {
			printf("FAIL %s: %s has fewer lines (after %ld)\n",
			       path, g1 ? "route" : "topo", lines);
			bad++;
			break;
		}
		lines++;
		if (r < 0 || parse_route(l2, &b)) {
			printf("FAIL %s: unparsed line %ld\n", path, lines);
			bad++;
			break;
		}
		if (strcmp(a.key, b.key) || strcmp(a.its, b.its) ||
		    a.device_id != b.device_id) {
			if (bad < 5)
				printf("FAIL %s: %s: topo %s/%lld, route %s %s/%lld\n",
				       path, a.key, a.its[0] ? a.its : "-",
				       a.device_id, b.key,
				       b.its[0] ? b.its : "-", b.device_id);
			bad++;
		}
	}
	/* drain what a failed comparison left, so pclose does not block */
	while (fgets(l1, sizeof(l1), tp))
		;
	while (fgets(l2, sizeof(l2), rp))
		;
	rc1 = pclose(tp);
	rc2 = pclose(rp);
	/* exit 2 (dangling references) is an answer both give alike */
	if (rc1 != rc2) {
		printf("FAIL %s: topo exit %d, route exit %d\n", path, rc1,
		       rc2);
		bad++;
	}
	if (!bad)
		printf("ok %s: %ld requesters agree\n", path, lines);
	return bad != 0;
}

struct list {
	char **v;
	size_t n, cap;
};

static void walk(const char *dir, struct list *l)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d))) {
		char p[4096];
		struct stat st;
		size_t len = strlen(e->d_name);

		if (e->d_name[0] == '.')
			continue;
		snprintf(p, sizeof(p), "%s/%s", dir, e->d_name);
		if (stat(p, &st))
			continue;
		if (S_ISDIR(st.st_mode)) {
			walk(p, l);
			continue;
		}
		if (!((len > 4 && !strcmp(e->d_name + len - 4, ".dtb")) ||
		      strstr(e->d_name, ".IORT.bin")))
			continue;
		if (l->n == l->cap) {
			char **v;

			l->cap = l->cap ? 2 * l->cap : 64;
			v = realloc(l->v, l->cap * sizeof(*v));
			if (!v)
				exit(1);
			l->v = v;
		}
		l->v[l->n++] = strdup(p);
	}
	closedir(d);
}

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
	struct list l = { 0 };
	struct stat st;
	size_t i, passed = 0, failed = 0;

	if (argc != 3) {
		fprintf(stderr, "usage: %s GICITS DIR\n", argv[0]);
		return 2;
	}
	if (stat(argv[2], &st)) {
		printf("SKIP: fixtures folder %s is absent\n", argv[2]);
		return 77;
	}
	if (S_ISDIR(st.st_mode)) {
		walk(argv[2], &l);
	} else {
		/* one file, checked whatever it holds */
		l.v = malloc(sizeof(*l.v));
		if (!l.v)
			return 1;
		l.v[l.n++] = strdup(argv[2]);
	}
	qsort(l.v, l.n, sizeof(*l.v), cmp);
	for (i = 0; i < l.n; i++) {
		if (!S_ISDIR(st.st_mode) || interesting(l.v[i])) {
			if (check(argv[1], l.v[i]))
				failed++;
			else
				passed++;
		}
		free(l.v[i]);
	}
	free(l.v);
	printf("%zu passed, %zu failed\n", passed, failed);
	if (passed + failed == 0) {
		printf("no fixture with an ITS or an IOMMU in %s\n", argv[2]);
		return 1;
	}
	return failed ? 1 : 0;
}
