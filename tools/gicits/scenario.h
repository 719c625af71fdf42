/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The scenario language of `gicits replay` (shared/oracle/README.md,
 * "Scenario language"; gicits extensions in docs/replay.md).
 */
#ifndef GICITS_TOOLS_SCENARIO_H
#define GICITS_TOOLS_SCENARIO_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

enum scn_op {
	SCN_CMD, /* one command packet (args: dw[4]) */
	SCN_LPICFG,
	SCN_MSI,
	SCN_DRAIN,
	SCN_REG,
	SCN_PENDING,
};

struct scn_action {
	enum scn_op op;
	unsigned line;
	uint64_t a[4];
	char reg[8];
};

struct scn_config {
	unsigned cpus, dt_pages, ct_pages, cq_pages;
	bool batch, indirect;
	/* gicits knobs */
	int policy; /* enum gicits_error_policy */
	int cache; /* enum gicits_cache_mode */
	int lpi_cache; /* enum gicits_lpi_cache */
	unsigned devbits, idbits, cidbits, ite_size, pri_bits, hcc;
	bool pta, umsi, mapc_rdbase16, strict;
};

struct scenario {
	struct scn_config cfg;
	struct scn_action *acts;
	size_t nacts, cap;
	/* level-2 device table pages the set-up must create (indirect=1) */
	uint32_t *devids;
	size_t ndevids, devcap;
	/* ITT heap high-water mark after parsing (addresses are assigned at
	 * parse time, as the oracle's compiler does) */
	uint64_t heap_next;
};

/* Parse @text (NUL-terminated).  On error returns -1 and writes one message
 * naming @name and the line to @err.  The caller frees with scn_free(). */
int scn_parse(const char *name, const char *text, struct scenario *s,
	      FILE *err);
void scn_free(struct scenario *s);

/* Run a parsed scenario, printing the normalised output to @out and trace
 * records (JSON lines) to @trace if non-NULL.  Returns 0 or an exit status. */
int scn_run(const struct scenario *s, FILE *out, FILE *trace);

#endif
