/* SPDX-License-Identifier: BSD-2-Clause */
#include "blob.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

void *ts_read_file(const char *dir, const char *name, size_t *len)
{
	char path[1024];
	void *buf = NULL;
	FILE *f;
	long n;
	int e;

	*len = 0;
	if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, name) >=
	    sizeof(path)) {
		errno = ENAMETOOLONG;
		return NULL;
	}
	f = fopen(path, "rb");
	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET)) {
		e = errno;
		goto out;
	}
	/* malloc(0) may return NULL: keep one byte for an empty file */
	buf = malloc((size_t)n + 1);
	e = ENOMEM;
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		e = EIO;
		free(buf);
		buf = NULL;
	}
	if (buf)
		*len = (size_t)n;
out:
	fclose(f);
	if (!buf)
		errno = e;
	return buf;
}
