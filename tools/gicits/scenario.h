/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The scenario language of `gicits replay` (docs/scenario-language.md).
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
	/* CONFIG gic=4 (docs/scenario-language.md, "GICv4.0") */
	SCN_RESIDENT, /* a[0] cpu, a[1] vPE or SCN_VPE_NONE, a[2] its VPT */
	SCN_VLPICFG, /* a[0] vINTID, a[1] priority, a[2] enable */
	SCN_VPENDING,
	SCN_SMMU, /* CONFIG iommu=smmuv3 action; a[0] indexes s->smmu */
	SCN_SYSTEM, /* CONFIG system=FILE action; a[0] indexes s->fabric */
	/* CONFIG gic=4.1 */
	SCN_SGIR, /* a[0] vPE, a[1] vSGI */
	SCN_VSGIR, /* a[0] vPE, a[1] cpu */
	SCN_VINV, /* a[0] cpu, a[1] vPE, a[2] vINTID, a[3] 0: INVALLR */
	SCN_VPENDW, /* a[0] cpu, a[1] value */
	/* the distributor (any gic): reg = GICD register name, a[0] value
	 * to write, a[1] 1: write before the read */
	SCN_GICD,
};

#define SCN_VPE_NONE 0xFFFFFFFFu
/* gic=4.1: every vPE's VCONF_addr (the one virtual LPI configuration
 * table, as VPROPBASER's under gic=4) */
#define SCN_VCONF_TABLE 0x40260000ULL

struct scn_action {
	enum scn_op op;
	unsigned line;
	uint64_t a[4];
	char reg[8];
};

struct scn_config {
	unsigned cpus, dt_pages, ct_pages, cq_pages;
	bool batch, indirect;
	unsigned gic; /* 3, 4 or 41 (4.1) */
	unsigned vt_pages;
	unsigned vpe_dirty; /* gicits_gic_config.vpe_dirty_reads */
	/* gicits_gic_config.nassgicap: -1 the version's default, 0, 1
	 * (gic=4.1 only); the CONFIG line that set it */
	int nassgicap;
	unsigned nassgicap_line;
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
	/* CONFIG gic=4: the VPT of each vPE named by a VMAPP valid=1 or a
	 * RESIDENT, in the order they were first named (the oracle's VPT
	 * allocation rule) */
	struct scn_vpt {
		uint32_t vpe;
		uint64_t addr;
	} * vpts;
	size_t nvpts;
	/* ITT heap high-water mark after parsing (addresses are assigned at
	 * parse time, as the oracle's compiler does) */
	uint64_t heap_next;
	/* CONFIG iommu=smmuv3 and its actions (replay_smmu.c), or NULL */
	struct replay_smmu_scn *smmu;
	/* CONFIG system=FILE and its actions (replay_fabric.c), or NULL */
	struct replay_fabric_scn *fabric;
};

/* A number of a scenario line: decimal or 0x-hex, nothing else (no sign,
 * no octal); false on anything else or an overflow of 64 bits.  Shared by
 * every extension's parser so that all of them read numbers alike. */
bool scn_parse_num(const char *s, uint64_t *out);

/* Parse @text (NUL-terminated).  On error returns -1 and writes one message
 * naming @name and the line to @err.  The caller frees with scn_free(). */
int scn_parse(const char *name, const char *text, struct scenario *s,
	      FILE *err);
void scn_free(struct scenario *s);

/* Where the output lines of a run go (docs/replay.md, "Output"). */
struct scn_out {
	FILE *f; /* the lines, as text or JSON */
	bool json; /* one JSON object per line instead of the text */
	const char *expect_text; /* expected text output, or NULL */
	const char *expect_name; /* its file name, for messages */
	const char *expect_pos; /* the next expected line */
	unsigned line; /* lines emitted so far */
	unsigned findings; /* "finding" lines among them */
	bool differs; /* a line differed (reported on stderr) */
};

#define SCN_LINE_MAX 512

/* Emit one output line (printf-style, no newline). */
void scn_emit(struct scn_out *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* After the run: 1 if the output differed from the expected one (the first
 * difference, or missing lines, reported on stderr), else 0. */
int scn_out_finish(struct scn_out *o);

/* Run a parsed scenario, emitting the output lines to @out and trace
 * records (JSON lines) to @trace if non-NULL; with @forward the ITS
 * delivers through the forwarding LPI sink (replay --sink forward).
 * Returns 0, or 1 if the run failed (set-up error or out of memory;
 * message on stderr). */
int scn_run(const struct scenario *s, struct scn_out *out, FILE *trace,
	    bool forward);

#endif
