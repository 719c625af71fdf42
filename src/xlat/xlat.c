/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Wire-to-MSI translators (include/gicits/xlat.h, docs/xlat.md): the
 * HiSilicon mbigen-v2 register frame and a generic fixed-table translator.
 * Facts from spec/iommu-mbigen.md part B; no code taken from any driver.
 *
 * Every pin has the same small state whatever the kind: the wire's level,
 * the latch (a message was posted and no CLEAR followed), and for the
 * mbigen the VEC word, whether it was ever written, and the TYPE bit.
 * All arrays are sized at creation by max_pin or table_len, so nothing
 * software writes can grow them.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "xlat_internal.h"

#include "gicits/error.h"

#define XLAT_CONFIG_V1_SIZE \
	(offsetof(struct gicits_xlat_config, trace_opaque) + sizeof(void *))

void gicits_xlat_config_default(struct gicits_xlat_config *cfg)
{
	if (!cfg)
		return;
	memset(cfg, 0, sizeof(*cfg));
	cfg->size = sizeof(*cfg);
	cfg->kind = GICITS_XLAT_MBIGEN;
	cfg->doorbell_pa = 0x08090040ULL;
	cfg->max_pin = GICITS_MBIGEN_MAX_PIN;
	cfg->level_resend = true;
	cfg->post_unprogrammed = false;
}

void xlat_trace(const struct gicits_xlat *t, enum gicits_trace_kind kind,
		uint64_t offset, uint32_t devid, uint32_t ev, uint64_t value,
		const char *rule, const char *msg)
{
	struct gicits_trace_record r;

	if (!t->cfg.trace)
		return;
	memset(&r, 0, sizeof(r));
	r.kind = kind;
	r.source = "xlat";
	r.offset = offset;
	r.device_id = devid;
	r.event_id = ev;
	r.cpu = -1;
	r.value = value;
	r.rule = rule;
	r.message = msg;
	t->cfg.trace(t->cfg.trace_opaque, &r);
}

/* ---- creation ---------------------------------------------------------- */

static int check_children(const struct gicits_xlat_config *cfg)
{
	if (!cfg->children || cfg->num_children == 0 ||
	    cfg->num_children > GICITS_XLAT_MAX_CHILDREN)
		return GICITS_EINVAL;
	for (unsigned i = 0; i < cfg->num_children; i++) {
		const struct gicits_xlat_child *c = &cfg->children[i];

		if (c->num_pins == 0 ||
		    c->first_pin < GICITS_MBIGEN_FIRST_PIN ||
		    c->first_pin > cfg->max_pin ||
		    c->num_pins > cfg->max_pin - c->first_pin + 1)
			return GICITS_EINVAL;
	}
	return GICITS_OK;
}

int gicits_xlat_create(const struct gicits_xlat_config *cfg,
		       struct gicits_xlat **out)
{
	struct gicits_xlat *t;
	int rc;

	if (!out)
		return GICITS_EINVAL;
	*out = NULL;
	/* every field of the first version is required */
	if (!cfg || cfg->size < XLAT_CONFIG_V1_SIZE || !cfg->msi_write)
		return GICITS_EINVAL;
	t = calloc(1, sizeof(*t));
	if (!t)
		return GICITS_ENOMEM;
	/* an older, smaller config: take the fields it has */
	memcpy(&t->cfg, cfg,
	       cfg->size < sizeof(t->cfg) ? cfg->size : sizeof(t->cfg));
	t->cfg.size = sizeof(t->cfg);

	if (cfg->kind == GICITS_XLAT_MBIGEN) {
		if (cfg->max_pin < GICITS_MBIGEN_FIRST_PIN ||
		    cfg->max_pin > GICITS_MBIGEN_MAX_PIN) {
			rc = GICITS_EINVAL;
			goto fail;
		}
		rc = check_children(cfg);
		if (rc)
			goto fail;
		t->npins = cfg->max_pin + 1;
		t->children = calloc(cfg->num_children, sizeof(*t->children));
		t->pins = calloc(t->npins, sizeof(*t->pins));
		if (!t->children || !t->pins) {
			rc = GICITS_ENOMEM;
			goto fail;
		}
		memcpy(t->children, cfg->children,
		       cfg->num_children * sizeof(*t->children));
		t->cfg.children = t->children;
		t->cfg.table = NULL;
		for (uint32_t p = 0; p < t->npins; p++)
			t->pins[p].child = -1;
		for (unsigned i = 0; i < cfg->num_children; i++) {
			const struct gicits_xlat_child *c = &t->children[i];

			for (uint32_t p = c->first_pin;
			     p < c->first_pin + c->num_pins; p++) {
				if (t->pins[p].child >= 0) {
					rc = GICITS_EINVAL; /* overlap */
					goto fail;
				}
				t->pins[p].child = (int)i;
			}
		}
	} else if (cfg->kind == GICITS_XLAT_TABLE) {
		if (!cfg->table || cfg->table_len == 0 ||
		    cfg->table_len > GICITS_XLAT_MAX_WIRES) {
			rc = GICITS_EINVAL;
			goto fail;
		}
		t->npins = cfg->table_len;
		t->table = calloc(t->npins, sizeof(*t->table));
		t->pins = calloc(t->npins, sizeof(*t->pins));
		if (!t->table || !t->pins) {
			rc = GICITS_ENOMEM;
			goto fail;
		}
		memcpy(t->table, cfg->table, t->npins * sizeof(*t->table));
		t->cfg.table = t->table;
		t->cfg.children = NULL;
		for (uint32_t p = 0; p < t->npins; p++) {
			t->pins[p].child = -1;
			t->pins[p].level_type = t->table[p].level;
		}
	} else {
		rc = GICITS_EINVAL;
		goto fail;
	}
	*out = t;
	return GICITS_OK;
fail:
	gicits_xlat_destroy(t);
	return rc;
}

void gicits_xlat_destroy(struct gicits_xlat *t)
{
	if (!t)
		return;
	free(t->children);
	free(t->table);
	free(t->pins);
	free(t);
}

/* ---- messages ---------------------------------------------------------- */

static void post(struct gicits_xlat *t, uint64_t pa, uint32_t data,
		 uint32_t devid, const char *rule)
{
	int r;

	t->st.posted++;
	xlat_trace(t, GICITS_TRACE_TRANSLATE, pa, devid, data, pa, rule,
		   "wire posted a message");
	r = t->cfg.msi_write(t->cfg.msi_ctx, pa, data, devid);
	if (r != 0) {
		t->st.msi_aborts++;
		xlat_trace(t, GICITS_TRACE_DROP, pa, devid, data, (uint64_t)r,
			   "xlat.msi_abort",
			   "the interconnect aborted the message; it is lost");
	}
}

/*
 * The assertion of pin @p (a rise, or a CLEAR while high) becomes a
 * message, or is counted as why not.  Latches the pin.
 */
static void assert_pin(struct gicits_xlat *t, uint32_t p, const char *rule)
{
	struct pin *s = &t->pins[p];

	if (t->cfg.kind == GICITS_XLAT_TABLE) {
		const struct gicits_xlat_entry *e = &t->table[p];

		if (!e->valid) {
			t->st.unrouted++;
			xlat_trace(t, GICITS_TRACE_DROP, p, 0, 0, p,
				   "xlat.unrouted", "wire has no table entry");
			return;
		}
		s->latched = true;
		post(t, e->doorbell_pa, e->event_id, e->device_id, rule);
		return;
	}
	if (s->child < 0) {
		t->st.unrouted++;
		xlat_trace(t, GICITS_TRACE_DROP, p, 0, 0, p, "mbigen.unrouted",
			   "pin belongs to no child device (no DeviceID)");
		return;
	}
	if (!s->programmed && !t->cfg.post_unprogrammed) {
		t->st.unprogrammed++;
		xlat_trace(t, GICITS_TRACE_DROP, p,
			   t->children[s->child].device_id, 0, p,
			   "knob:post_unprogrammed",
			   "pin asserted but its VEC was never programmed");
		return;
	}
	s->latched = true;
	post(t, t->cfg.doorbell_pa,
	     (s->vec & GICITS_MBIGEN_VEC_EVENT_MASK) >>
		     GICITS_MBIGEN_VEC_EVENT_SHIFT,
	     t->children[s->child].device_id, rule);
}

static int pin_ok(const struct gicits_xlat *t, uint32_t pin)
{
	if (!t)
		return GICITS_EINVAL;
	if (pin >= t->npins || (t->cfg.kind == GICITS_XLAT_MBIGEN &&
				pin < GICITS_MBIGEN_FIRST_PIN))
		return GICITS_ERANGE;
	return GICITS_OK;
}

int gicits_xlat_wire(struct gicits_xlat *t, uint32_t pin, int level)
{
	int rc = pin_ok(t, pin);
	struct pin *s;
	bool high = level != 0;

	if (rc)
		return rc;
	s = &t->pins[pin];
	if (s->wire == high)
		return GICITS_OK;
	s->wire = high;
	if (!high) {
		/* only a table entry with a de-assert doorbell says so */
		if (t->cfg.kind == GICITS_XLAT_TABLE && s->level_type &&
		    t->table[pin].valid && t->table[pin].clr_doorbell_pa)
			post(t, t->table[pin].clr_doorbell_pa,
			     t->table[pin].event_id, t->table[pin].device_id,
			     "xlat.level_deassert");
		return GICITS_OK;
	}
	if (s->level_type) {
		if (s->latched) {
			t->st.suppressed++;
			xlat_trace(t, GICITS_TRACE_DROP, pin, 0, 0, pin,
				   "mbigen.level_latched",
				   "level pin latched: no message until CLEAR");
			return GICITS_OK;
		}
		assert_pin(t, pin, "xlat.level_assert");
	} else {
		assert_pin(t, pin, "xlat.rising_edge");
	}
	return GICITS_OK;
}

int gicits_xlat_clear(struct gicits_xlat *t, uint32_t pin)
{
	int rc = pin_ok(t, pin);

	if (rc)
		return rc;
	xlat_clear_pin(t, pin);
	return GICITS_OK;
}

void xlat_clear_pin(struct gicits_xlat *t, uint32_t pin)
{
	struct pin *s = &t->pins[pin];

	t->st.clears++;
	s->latched = false;
	if (s->level_type && s->wire) {
		if (t->cfg.level_resend) {
			assert_pin(t, pin, "knob:level_resend");
		} else {
			t->st.suppressed++;
			xlat_trace(
				t, GICITS_TRACE_DROP, pin, 0, 0, pin,
				"knob:level_resend",
				"level pin still high after CLEAR; no resend");
		}
	}
}

int gicits_xlat_pin_state(const struct gicits_xlat *t, uint32_t pin,
			  bool *level, bool *latched)
{
	int rc = pin_ok(t, pin);

	if (rc)
		return rc;
	if (level)
		*level = t->pins[pin].wire;
	if (latched)
		*latched = t->pins[pin].latched;
	return GICITS_OK;
}

int gicits_xlat_pin_device_id(const struct gicits_xlat *t, uint32_t pin,
			      uint32_t *device_id)
{
	int rc = device_id ? pin_ok(t, pin) : GICITS_EINVAL;

	if (rc)
		return rc;
	if (t->cfg.kind == GICITS_XLAT_TABLE) {
		if (!t->table[pin].valid)
			return GICITS_ENOENT;
		*device_id = t->table[pin].device_id;
		return GICITS_OK;
	}
	if (t->pins[pin].child < 0)
		return GICITS_ENOENT;
	*device_id = t->children[t->pins[pin].child].device_id;
	return GICITS_OK;
}

int gicits_xlat_get_stats(const struct gicits_xlat *t,
			  struct gicits_xlat_stats *st)
{
	if (!t || !st)
		return GICITS_EINVAL;
	*st = t->st;
	return GICITS_OK;
}
