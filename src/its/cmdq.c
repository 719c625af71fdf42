/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The command queue: reading commands from CREADR to CWRITER, and the
 * error policy, written once.  cmd.c's handlers return CMD_OK, CMD_ERROR
 * or CMD_FAULT; the loop in its_process_queue() applies the policy:
 * CMD_FAULT (also a fault reading the command) always stalls (QEMU's
 * choice: the command cannot complete); CMD_ERROR stalls when the knob says
 * GICITS_POLICY_STALL and is otherwise consumed with no effect (QEMU, KVM).
 *
 * Layer 4 (its_internal.h): calls cmd.c, vcmd.c and its.c.  Runs with the ITS lock
 * held (docs/concurrency.md L1).
 */
#include "its_internal.h"

#include <string.h>

#include "gicits/error.h"

static uint64_t queue_bytes(const struct gicits_its *its)
{
	return (bits_get(its->cbaser, GITS_CBASER_SIZE) + 1) * 4096;
}

static uint64_t queue_base(const struct gicits_its *its)
{
	/* CBASER.Physical_Address [51:12]; bits [15:12] must be zero
	 * (64 KB alignment) or CONSTRAINED UNPREDICTABLE: gicits uses them
	 * as written (4 KB aligned queues work, as on QEMU). */
	return its->cbaser & bits_mask(GITS_CBASER_PA);
}

static void trace_cmd(struct gicits_its *its, const struct its_cmd *c,
		      enum gicits_trace_kind kind, const char *msg)
{
	struct gicits_trace_record t;

	if (!its->cfg.trace)
		return;
	memset(&t, 0, sizeof(t));
	t.kind = kind;
	t.cmd = c->op;
	t.offset = c->offset;
	t.device_id = (uint32_t)gicits_cmd_get(&c->pkt, GICITS_CMD_F_DEVICEID);
	t.event_id = (uint32_t)gicits_cmd_get(&c->pkt, GICITS_CMD_F_EVENTID);
	t.icid = (uint32_t)gicits_cmd_get(&c->pkt, GICITS_CMD_F_ICID);
	t.cpu = -1;
	t.error = kind == GICITS_TRACE_COMMAND ? 0 : c->error;
	t.rule = kind == GICITS_TRACE_COMMAND ? "" :
						gicits_strerror((int)c->error);
	t.message = msg;
	its_trace(its, &t);
}

void its_process_queue(struct gicits_its *its)
{
	uint64_t size, rd;
	struct its_cmd c;
	uint8_t buf[GICITS_CMD_BYTES];
	enum cmd_result r;
	unsigned i;

	if (!bits_get(atomic_load_explicit(&its->ctlr, memory_order_relaxed),
		      GITS_CTLR_ENABLED) ||
	    !bits_get(its->cbaser, GITS_CBASER_VALID) ||
	    bits_get(its->creadr, GITS_CREADR_STALLED))
		return;
	size = queue_bytes(its);
	/* CWRITER beyond the queue: CONSTRAINED UNPREDICTABLE; gicits treats
	 * the queue as invalid and processes nothing until a valid CWRITER. */
	if ((its->cwriter & bits_mask(GITS_CWRITER_OFFSET)) >= size)
		return;
	for (;;) {
		/* the Offset fields hold byte offsets in place */
		rd = its->creadr & bits_mask(GITS_CREADR_OFFSET);
		if (rd >= size)
			rd = 0; /* a CBASER size change left CREADR outside */
		if (rd == (its->cwriter & bits_mask(GITS_CWRITER_OFFSET)))
			break;
		memset(&c, 0, sizeof(c));
		c.offset = rd;
		if (gicits_mem_read(its->mem, queue_base(its) + rd, buf,
				    sizeof(buf))) {
			c.error = GICITS_E_ITS_MEMORY_FAULT;
			c.why = "command read faulted";
			r = CMD_FAULT;
		} else {
			for (i = 0; i < 4; i++)
				c.pkt.dw[i] = le64_read(buf + 8 * i);
			c.op = (uint8_t)gicits_cmd_get(&c.pkt,
						       GICITS_CMD_F_OPCODE);
			r = its_cmd_is_v4(&its->cfg, c.op) ?
				    its_vcmd_execute(its, &c) :
				    its_cmd_execute(its, &c);
		}
		if (r == CMD_OK) {
			trace_cmd(its, &c, GICITS_TRACE_COMMAND, "ok");
		} else {
			its->st.last_error = c.error;
			its->st.errors++;
			trace_cmd(its, &c, GICITS_TRACE_ERROR, c.why);
			if (r == CMD_FAULT ||
			    its->cfg.error_policy == GICITS_POLICY_STALL) {
				its->creadr =
					bits_set(rd, GITS_CREADR_STALLED, 1);
				its->st.stalled = true;
				trace_cmd(
					its, &c, GICITS_TRACE_STALL,
					r == CMD_FAULT ?
						"memory fault: queue stalled" :
						"command error: queue stalled (error_policy=stall)");
				return;
			}
		}
		its->st.commands++;
		its->creadr = rd + GICITS_CMD_BYTES == size ?
				      0 :
				      rd + GICITS_CMD_BYTES;
	}
}
