/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * `gicits replay` with `CONFIG system=FILE`: a system built from a DTB or
 * IORT (include/gicits/fabric.h) beside the scenario's own ITS, and the
 * actions that post traffic into it (docs/scenario-language.md, "A system
 * built from firmware").  As the SMMU extension, the parser hands this
 * module the CONFIG keys and actions it does not know; an accepted action
 * becomes one SCN_SYSTEM action whose a[0] indexes this module's list.
 */
#ifndef GICITS_TOOLS_REPLAY_FABRIC_H
#define GICITS_TOOLS_REPLAY_FABRIC_H

#include <stdint.h>

#include "replay_smmu.h" /* struct replay_smmu_kv, replay_smmu_where */
#include "scenario.h"

/* CONFIG @key=@val: 1 if not a system key, 0 if taken, -1 after a
 * message (file unreadable or malformed, key repeated). */
int replay_fabric_config(struct scenario *s, const char *key, const char *val,
			 const struct replay_smmu_where *w);

/* Action @kw: 1 if not one of this extension; 0 if parsed (the caller
 * appends an SCN_SYSTEM action with a[0] = *@idx); -1 after a message. */
int replay_fabric_parse(struct scenario *s, const char *kw,
			const struct replay_smmu_kv *kv, int n,
			const struct replay_smmu_where *w, uint64_t *idx);

/* Free the parsed part of @s (NULL-safe). */
void replay_fabric_scn_free(struct scenario *s);

struct replay_fabric;

/* Build the system of @s (*@out NULL when @s has none).  GICITS_OK or the
 * first error. */
int replay_fabric_create(const struct scenario *s, struct replay_fabric **out);

/* Run one SCN_SYSTEM action, emitting its output lines.  0, or -1 on a
 * set-up error (message on stderr). */
int replay_fabric_step(struct replay_fabric *r, const struct scn_action *a,
		       struct scn_out *out);

void replay_fabric_destroy(struct replay_fabric *r);

#endif
