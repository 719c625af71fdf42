/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * DOC: wire-to-MSI translators
 *
 * A translator turns wired interrupts into MSI writes: when a wire is
 * asserted it writes a 32-bit payload (the EventID) to a doorbell address,
 * and the bus tags the write with the translator's DeviceID.  Two kinds
 * (spec/iommu-mbigen.md part B, docs/xlat.md):
 *
 * - GICITS_XLAT_MBIGEN: the HiSilicon mbigen-v2.  Software owns a 64 KiB
 *   register frame (per-pin VEC registers holding the EventID, TYPE bits
 *   for edge/level, a write-1-to-clear CLEAR block); the doorbell is
 *   hard-wired (a config field); each "child" (one ITS DeviceID) owns a
 *   range of the chip's global pin numbers (64..max_pin).
 * - GICITS_XLAT_TABLE: a generic fixed-table translator (GICv5 IWB-like,
 *   Marvell ICU-like): wire n -> (DeviceID, EventID, doorbell, trigger)
 *   fixed at creation, no registers.
 *
 * The translator knows nothing of the ITS or the SMMU: every message
 * leaves through the embedder's @msi_write callback, which forwards it to
 * gicits_its_msi() (DeviceID from the bus, never from the data) or to an
 * IOMMU first.  The DeviceID a message carries is the translator's own
 * (the child's, or the table entry's), never one software can write.
 *
 * Not thread-safe: the embedder serialises calls on one translator (a
 * translator is one device on one bus).  @msi_write and @trace are called
 * from inside gicits_xlat_wire(), gicits_xlat_clear() and
 * gicits_xlat_write(), and must not call back into the same translator.
 */
#ifndef GICITS_XLAT_H
#define GICITS_XLAT_H

#include <stdbool.h>
#include <stdint.h>

#include "gicits/export.h"
#include "gicits/trace.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The mbigen-v2 register frame, as Linux drives it (spec B.1). */
#define GICITS_MBIGEN_FRAME_SIZE 0x10000u
#define GICITS_MBIGEN_FIRST_PIN 64u /* pins 0..63 are reserved */
#define GICITS_MBIGEN_MAX_PIN 1407u /* binding: valid 64..1407 */
#define GICITS_MBIGEN_PINS_PER_NODE 128u
#define GICITS_MBIGEN_NODE_SIZE 0x1000u
#define GICITS_MBIGEN_TYPE 0x000u /* in a node: (pin / 32) * 4, bit pin % 32 */
#define GICITS_MBIGEN_VEC 0x200u /* in a node: pin * 4 */
#define GICITS_MBIGEN_CLEAR 0xA000u /* (H / 32) * 4, bit H % 32, write 1 */
#define GICITS_MBIGEN_VEC_EVENT_SHIFT 12
#define GICITS_MBIGEN_VEC_EVENT_MASK 0x003FF000u /* VEC[21:12] */
#define GICITS_MBIGEN_VEC_DEVID_MASK 0x00000FFFu /* VEC[11:0] */

/* The largest child and table counts a translator accepts. */
#define GICITS_XLAT_MAX_CHILDREN 64u
#define GICITS_XLAT_MAX_WIRES 4096u

enum gicits_xlat_kind {
	GICITS_XLAT_MBIGEN = 1,
	GICITS_XLAT_TABLE = 2,
};

/**
 * typedef gicits_xlat_msi_fn - a message leaves the translator
 * @ctx: the config's @msi_ctx
 * @doorbell_pa: physical address written (the ITS's GITS_TRANSLATER)
 * @data: the 32-bit payload (the EventID)
 * @device_id: the DeviceID the bus gives the write (the child's or the
 *             table entry's); meaningless for a target that is no ITS
 *             client (table entries with @clr_doorbell_pa, Marvell GICP)
 *
 * Return: 0 if the write completed (an ITS that drops an MSI still
 * completes the write); nonzero if the interconnect aborted it (counted
 * in gicits_xlat_stats.msi_aborts and traced; the message is lost).
 */
typedef int (*gicits_xlat_msi_fn)(void *ctx, uint64_t doorbell_pa,
				  uint32_t data, uint32_t device_id);

/**
 * struct gicits_xlat_child - one mbigen child device (one DT child node)
 * @device_id: the DeviceID its messages carry (DT msi-parent cell)
 * @first_pin: first global pin number it owns (64..max_pin)
 * @num_pins: number of consecutive pins it owns (>= 1)
 *
 * Children's pin ranges must not overlap.  A pin in no child's range is
 * not wired to any DeviceID: asserting it posts nothing (counted as
 * @unrouted).
 */
struct gicits_xlat_child {
	uint32_t device_id;
	uint32_t first_pin;
	uint32_t num_pins;
};

/**
 * struct gicits_xlat_entry - one wire of a fixed-table translator
 * @valid: false: the wire is not connected (asserting it posts nothing,
 *         counted as @unrouted)
 * @level: true: level-sensitive, false: rising edge
 * @device_id: DeviceID of the message
 * @event_id: payload (the EventID; for a GICv5 IWB, the wire number)
 * @doorbell_pa: where the assert message goes
 * @clr_doorbell_pa: 0, or where a level wire's de-assert message goes
 *                   (the same payload; Marvell ICU's CLRSPI, §C 30)
 */
struct gicits_xlat_entry {
	bool valid;
	bool level;
	uint32_t device_id;
	uint32_t event_id;
	uint64_t doorbell_pa;
	uint64_t clr_doorbell_pa;
};

/**
 * struct gicits_xlat_config - translator configuration knobs
 *
 * Start from gicits_xlat_config_default(), then change fields (fields
 * are only appended; @size tells the library which are present).
 *
 * @size: set by gicits_xlat_config_default(); do not change
 * @kind: GICITS_XLAT_MBIGEN (default) or GICITS_XLAT_TABLE
 * @doorbell_pa: mbigen: the hard-wired doorbell (default 0x0809_0040,
 *               GITS_TRANSLATER of an ITS frame at 0x0808_0000)
 * @max_pin: mbigen: the highest global pin, 64..1407 (default 1407)
 * @children: mbigen: the child devices (copied at creation)
 * @num_children: mbigen: 1..GICITS_XLAT_MAX_CHILDREN
 * @level_resend: mbigen and table, level wires: a CLEAR while the wire
 *                is still high posts a new message (default true; the
 *                behaviour inferred from Linux's driver, spec B.1 step 5,
 *                §C 26); false: the wire must fall and rise again
 * @post_unprogrammed: mbigen: a pin whose VEC was never written since
 *                reset posts its reset EventID (0) like any other
 *                (true), or posts nothing and is counted as
 *                @unprogrammed (default false; no public manual says)
 * @table: table kind: wire n is @table[n] (copied at creation)
 * @table_len: table kind: number of wires, 1..GICITS_XLAT_MAX_WIRES
 * @msi_write: where messages go (required)
 * @msi_ctx: passed to @msi_write
 * @trace: trace callback, or NULL; records have source "xlat"
 * @trace_opaque: passed to @trace
 */
struct gicits_xlat_config {
	uint32_t size;
	enum gicits_xlat_kind kind;
	uint64_t doorbell_pa;
	uint32_t max_pin;
	const struct gicits_xlat_child *children;
	unsigned num_children;
	bool level_resend;
	bool post_unprogrammed;
	const struct gicits_xlat_entry *table;
	unsigned table_len;
	gicits_xlat_msi_fn msi_write;
	void *msi_ctx;
	gicits_trace_fn trace;
	void *trace_opaque;
};

/**
 * struct gicits_xlat_stats - counters since creation
 * @posted: messages handed to @msi_write (assert and de-assert)
 * @msi_aborts: of those, the ones @msi_write reported aborted
 * @unprogrammed: assertions of an mbigen pin never programmed (no message)
 * @unrouted: assertions of a pin in no child / an invalid table entry
 * @suppressed: level assertions or CLEARs that posted nothing because the
 *              pin was latched or the wire low
 * @clears: CLEAR bits written (register or gicits_xlat_clear())
 */
struct gicits_xlat_stats {
	uint64_t posted;
	uint64_t msi_aborts;
	uint64_t unprogrammed;
	uint64_t unrouted;
	uint64_t suppressed;
	uint64_t clears;
};

struct gicits_xlat;

/** gicits_xlat_config_default() - fill @cfg with the defaults above */
GICITS_API void gicits_xlat_config_default(struct gicits_xlat_config *cfg);

/**
 * gicits_xlat_create() - create a translator (all pins low, unlatched;
 * mbigen registers at reset: VEC 0, TYPE 0 = edge)
 * @cfg: configuration (copied, with its children or table)
 * @out: the new translator
 *
 * Return: GICITS_OK; GICITS_EINVAL for a NULL pointer, @cfg->size smaller than this version's, an
 * unknown @kind, no @msi_write, @max_pin out of 64..1407, no children or
 * more than GICITS_XLAT_MAX_CHILDREN, a child with no pins or pins
 * outside 64..@max_pin, two children sharing a pin, no table or
 * @table_len out of 1..GICITS_XLAT_MAX_WIRES; GICITS_ENOMEM.
 */
GICITS_API int gicits_xlat_create(const struct gicits_xlat_config *cfg,
				  struct gicits_xlat **out);

/** gicits_xlat_destroy() - free @t (NULL is allowed) */
GICITS_API void gicits_xlat_destroy(struct gicits_xlat *t);

/**
 * gicits_xlat_read() - a 32-bit read of the mbigen register frame
 * @t: an mbigen translator
 * @offset: byte offset in the frame, 0..GICITS_MBIGEN_FRAME_SIZE-4
 * @size: access size in bytes; only 4
 * @val: the value read
 *
 * Unimplemented offsets (node 0, gaps, pins above @max_pin) read as zero
 * and are traced (GICITS_TRACE_REG); CLEAR reads as zero (write-only).
 *
 * Return: GICITS_OK; GICITS_EINVAL for NULL pointers or a table
 * translator; GICITS_ERANGE for @offset beyond the frame;
 * GICITS_EACCESS for @size other than 4 or an unaligned @offset.
 */
GICITS_API int gicits_xlat_read(struct gicits_xlat *t, uint64_t offset,
				unsigned size, uint64_t *val);

/**
 * gicits_xlat_write() - a 32-bit write of the mbigen register frame
 * @t: an mbigen translator
 * @offset: byte offset in the frame
 * @size: only 4
 * @val: the value (bits above 31 ignored)
 *
 * VEC keeps bits [21:0] (bits [31:22] are RES0: ignored, traced); TYPE
 * keeps the bits of implemented pins; each 1 bit written to CLEAR is
 * gicits_xlat_clear() of that pin, which may post a message.  Writes to
 * unimplemented offsets are ignored and traced.
 *
 * Return: as gicits_xlat_read().
 */
GICITS_API int gicits_xlat_write(struct gicits_xlat *t, uint64_t offset,
				 unsigned size, uint64_t val);

/**
 * gicits_xlat_wire() - the wire of @pin changes to @level
 * @t: the translator
 * @pin: mbigen: the global pin number (64..max_pin); table: the wire
 *       index (0..table_len-1)
 * @level: the new level (any nonzero value is high)
 *
 * Edge pins post one message per rising edge.  Level pins post on a rise
 * when not latched, then latch until CLEAR (see @level_resend).  A table
 * wire with @clr_doorbell_pa posts a de-assert message when it falls.
 * Setting the level a wire already has does nothing.
 *
 * Return: GICITS_OK (whether or not a message was posted: see the stats
 * and trace); GICITS_EINVAL for a NULL @t; GICITS_ERANGE for @pin out of
 * range.
 */
GICITS_API int gicits_xlat_wire(struct gicits_xlat *t, uint32_t pin, int level);

/**
 * gicits_xlat_clear() - clear @pin's latched status (the mbigen CLEAR
 * bit; for a table translator, the embedder's end-of-interrupt)
 * @t: the translator
 * @pin: as in gicits_xlat_wire()
 *
 * A level pin that is still high is re-posted (when @level_resend).
 *
 * Return: as gicits_xlat_wire().
 */
GICITS_API int gicits_xlat_clear(struct gicits_xlat *t, uint32_t pin);

/**
 * gicits_xlat_pin_state() - the model state of one pin
 * @t: the translator
 * @pin: as in gicits_xlat_wire()
 * @level: the wire's level (may be NULL)
 * @latched: a message was posted and no CLEAR followed (may be NULL)
 *
 * Return: as gicits_xlat_wire().
 */
GICITS_API int gicits_xlat_pin_state(const struct gicits_xlat *t, uint32_t pin,
				     bool *level, bool *latched);

/**
 * gicits_xlat_pin_device_id() - the DeviceID @pin's messages carry
 * @t: the translator
 * @pin: as in gicits_xlat_wire()
 * @device_id: the DeviceID
 *
 * Return: GICITS_OK; GICITS_EINVAL for NULL pointers; GICITS_ERANGE for
 * @pin out of range; GICITS_ENOENT for a pin in no child or an invalid
 * table entry.
 */
GICITS_API int gicits_xlat_pin_device_id(const struct gicits_xlat *t,
					 uint32_t pin, uint32_t *device_id);

/**
 * gicits_xlat_get_stats() - copy the counters
 * @t: the translator
 * @st: where to copy them
 *
 * Return: GICITS_OK; GICITS_EINVAL for NULL pointers.
 */
GICITS_API int gicits_xlat_get_stats(const struct gicits_xlat *t,
				     struct gicits_xlat_stats *st);

/**
 * gicits_mbigen_vec_offset() - frame offset of VEC(@pin) (Linux's layout,
 * including the skip over the CLEAR block for nodes >= 10)
 * gicits_mbigen_type_offset() - frame offset of @pin's TYPE word (its bit
 * is @pin - 64 mod 32)
 * gicits_mbigen_clear_offset() - frame offset of @pin's CLEAR word (its
 * bit is @pin mod 32)
 * @pin: global pin, 64..1407
 *
 * Return: the offset, or UINT32_MAX for @pin outside 64..1407.
 */
GICITS_API uint32_t gicits_mbigen_vec_offset(uint32_t pin);
GICITS_API uint32_t gicits_mbigen_type_offset(uint32_t pin);
GICITS_API uint32_t gicits_mbigen_clear_offset(uint32_t pin);

#ifdef __cplusplus
}
#endif
#endif
