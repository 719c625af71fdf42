/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * `gicits replay` with `CONFIG iommu=smmuv3`: the oracle's SMMUv3 + edu
 * machine (docs/scenario-language.md, "SMMUv3 + edu extension").  The
 * parser hands every CONFIG key and action it does not know to
 * replay_smmu_config() / replay_smmu_parse(); an accepted action becomes
 * one SCN_SMMU action whose a[0] indexes this module's own action list.
 * At run time replay_smmu_create() builds the SMMU (with QEMU 7.2's knobs)
 * and programs it as the oracle program does at boot; replay_smmu_step()
 * runs one action.
 */
#ifndef GICITS_TOOLS_REPLAY_SMMU_H
#define GICITS_TOOLS_REPLAY_SMMU_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "gicits/trace.h"
#include "gicits/mem.h"

#include "scenario.h"

/* One key=value token of a line, as the scenario parser split it. */
struct replay_smmu_kv {
	const char *key;
	const char *val;
};

/* Where a parse message goes and what it names. */
struct replay_smmu_where {
	const char *name;
	unsigned line;
	FILE *err;
};

/* "NAME:LINE: message" on @w->err; returns -1 (every extension's parse
 * errors, docs/scenario-language.md "Errors"). */
int replay_err_at(const struct replay_smmu_where *w, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * CONFIG key @key=@val: 1 if it is not an SMMU key, 0 if taken, -1 after a
 * message (range error, key repeated, out of memory).
 */
int replay_smmu_config(struct scenario *s, const char *key, const char *val,
		       const struct replay_smmu_where *w);

/*
 * After all CONFIG lines: apply the defaults that depend on other keys and
 * check the combination.  0, or -1 after a message.
 */
int replay_smmu_config_done(struct scenario *s,
			    const struct replay_smmu_where *w);

/*
 * Action @kw with @n tokens (and @bare, SREG's register name, or ""): 1 if
 * @kw is not an action of this extension; 0 if it was parsed, and the
 * caller appends an SCN_SMMU action with a[0] = *@idx; -1 after a message.
 */
int replay_smmu_parse(struct scenario *s, const char *kw,
		      const struct replay_smmu_kv *kv, int n, const char *bare,
		      const struct replay_smmu_where *w, uint64_t *idx);

/* Free the parsed SMMU part of @s (NULL-safe). */
void replay_smmu_scn_free(struct scenario *s);

struct replay_smmu;

/* Deliver an MSI that reached the ITS doorbell: DeviceID, EventID. */
typedef void (*replay_smmu_msi_fn)(void *ctx, uint32_t device_id,
				   uint32_t event_id);

/*
 * Build the SMMU and the edu model over @mem (the oracle's RAM, @ram at
 * @ram_base, @ram_size bytes) and program them as the oracle program does
 * at boot.  MSIs that come out at the ITS doorbell go to @its with DeviceID
 * 8 through @msi(@msi_ctx, 8, data).  @trace/@trace_opaque receive the
 * SMMU's trace records.  *@out is NULL when @s has no SMMU.  GICITS_OK or
 * the first error.
 */
int replay_smmu_create(const struct scenario *s, const struct gicits_mem *mem,
		       uint8_t *ram, uint64_t ram_base, uint64_t ram_size,
		       replay_smmu_msi_fn msi, void *msi_ctx,
		       gicits_trace_fn trace, void *trace_opaque,
		       struct replay_smmu **out);

/* Run SCN_SMMU action @a, printing its lines to @out.  0, or -1 when the
 * run must stop: the page-table area ran out (the oracle stops with an
 * error line then; message on stderr). */
int replay_smmu_step(struct replay_smmu *r, const struct scn_action *a,
		     struct scn_out *out);

void replay_smmu_destroy(struct replay_smmu *r);

#endif
