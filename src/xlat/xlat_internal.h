/* SPDX-License-Identifier: BSD-2-Clause */
/* Translator state shared by xlat.c (wires, messages) and mbigen.c (the
 * register frame). */
#ifndef GICITS_XLAT_INTERNAL_H
#define GICITS_XLAT_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "gicits/trace.h"
#include "gicits/xlat.h"

struct pin {
	uint32_t vec; /* mbigen VEC, bits [21:0] */
	bool programmed; /* VEC written since reset */
	bool level_type; /* TYPE bit, or table entry .level */
	bool wire;
	bool latched;
	int child; /* mbigen: index in children[], -1 = none */
};

struct gicits_xlat {
	struct gicits_xlat_config cfg;
	struct gicits_xlat_child *children;
	struct gicits_xlat_entry *table;
	uint32_t npins; /* mbigen: max_pin + 1 (index = H); table: table_len */
	struct pin *pins;
	struct gicits_xlat_stats st;
};

void xlat_trace(const struct gicits_xlat *t, enum gicits_trace_kind kind,
		uint64_t offset, uint32_t devid, uint32_t ev, uint64_t value,
		const char *rule, const char *msg);
/* CLEAR of a valid pin: unlatch, and re-post a level pin still high. */
void xlat_clear_pin(struct gicits_xlat *t, uint32_t pin);

#endif
