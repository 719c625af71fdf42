/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The SMMU_* register file (IHI 0070 chapter 6), Non-secure interface,
 * pages 0 and 1.  Layer 4.
 *
 * Choices (docs/iommu.md): changes of CR0 and IRQ_CTRL complete at once
 * (CR0ACK / IRQ_CTRLACK equal them); a GBPA write with Update = 1
 * completes at once (Update reads 0); the page-0 copies of the page-1
 * registers (EVENTQ_PROD/CONS at 0xA8/0xAC) alias them, as QEMU; writes
 * the architecture leaves CONSTRAINED UNPREDICTABLE are ignored (the
 * SMMUv3.2 behaviour) and traced.  Without config pri the PRIQ_*
 * registers are RAZ/WI; with it priq.c holds them.
 */
#include "iommu_internal.h"

#include "gicits/error.h"

static void reg_note(struct gicits_iommu *smmu, uint32_t off, uint64_t val,
		     const char *rule)
{
	iommu_trace(smmu, GICITS_TRACE_REG, 0, 0, off, val, 0, rule, NULL);
}

/* The 64-bit registers, by page-0 offset. */
static uint64_t *reg64(struct gicits_iommu *smmu, uint32_t p)
{
	switch (p) {
	case GICITS_SMMU_GERROR_IRQ_CFG0:
		return &smmu->gerror_irq_cfg0;
	case GICITS_SMMU_STRTAB_BASE:
		return &smmu->strtab_base;
	case GICITS_SMMU_CMDQ_BASE:
		return &smmu->cmdq_base;
	case GICITS_SMMU_EVENTQ_BASE:
		return &smmu->eventq_base;
	case GICITS_SMMU_EVENTQ_IRQ_CFG0:
		return &smmu->eventq_irq_cfg0;
	case GICITS_SMMU_PRIQ_BASE:
		return &smmu->priq_base; /* RAZ/WI without PRI (callers) */
	case GICITS_SMMU_PRIQ_IRQ_CFG0:
		return &smmu->priq_irq_cfg0;
	default:
		return NULL;
	}
}

static bool is_priq(uint32_t p)
{
	return p == GICITS_SMMU_PRIQ_BASE || p == GICITS_SMMU_PRIQ_IRQ_CFG0 ||
	       p == GICITS_SMMU_PRIQ_IRQ_CFG1 ||
	       p == GICITS_SMMU_PRIQ_IRQ_CFG2 || p == 0xC8 || p == 0xCC;
}

static uint64_t read64(struct gicits_iommu *smmu, uint32_t p)
{
	if (is_priq(p) && !smmu->cfg.pri)
		return 0;
	return *reg64(smmu, p);
}

static bool read32(struct gicits_iommu *smmu, uint32_t p, uint32_t *v)
{
	switch (p) {
	case GICITS_SMMU_IDR0:
		*v = smmu->idr0;
		return true;
	case GICITS_SMMU_IDR1:
		*v = smmu->idr1;
		return true;
	case GICITS_SMMU_IDR3:
		/* IDR3.PPS[5] (§6.3.4), config pri_pps */
		*v = smmu->cfg.pri && smmu->cfg.pri_pps ? 1u << 5 : 0;
		return true;
	case GICITS_SMMU_IDR2:
	case GICITS_SMMU_IDR4:
	case GICITS_SMMU_STATUSR:
		*v = 0;
		return true;
	case GICITS_SMMU_IDR5:
		*v = smmu->idr5;
		return true;
	case GICITS_SMMU_IIDR:
		*v = 0x43B; /* Arm */
		return true;
	case GICITS_SMMU_AIDR:
		*v = 0x02; /* SMMUv3.2 */
		return true;
	case GICITS_SMMU_CR0:
	case GICITS_SMMU_CR0ACK:
		*v = smmu->cr0;
		return true;
	case GICITS_SMMU_CR1:
		*v = smmu->cr1;
		return true;
	case GICITS_SMMU_CR2:
		*v = smmu->cr2;
		return true;
	case GICITS_SMMU_GBPA:
		/* QEMU 7.2 has no GBPA: RAZ/WI (knob qemu_no_gbpa) */
		*v = smmu->cfg.qemu_no_gbpa ? 0 : smmu->gbpa;
		return true;
	case GICITS_SMMU_IRQ_CTRL:
	case GICITS_SMMU_IRQ_CTRLACK:
		*v = smmu->irq_ctrl;
		return true;
	case GICITS_SMMU_GERROR:
		*v = smmu->gerror;
		return true;
	case GICITS_SMMU_GERRORN:
		*v = smmu->gerrorn;
		return true;
	case GICITS_SMMU_GERROR_IRQ_CFG1:
		*v = smmu->gerror_irq_cfg1;
		return true;
	case GICITS_SMMU_GERROR_IRQ_CFG2:
		*v = smmu->gerror_irq_cfg2;
		return true;
	case GICITS_SMMU_STRTAB_BASE_CFG:
		*v = smmu->strtab_base_cfg;
		return true;
	case GICITS_SMMU_CMDQ_PROD:
		*v = smmu->cmdq_prod;
		return true;
	case GICITS_SMMU_CMDQ_CONS:
		cmdq_run(smmu); /* forward progress for a polling driver */
		*v = smmu->cmdq_cons;
		return true;
	case 0xA8:
		*v = smmu->eventq_prod;
		return true;
	case 0xAC:
		*v = smmu->eventq_cons;
		return true;
	case GICITS_SMMU_EVENTQ_IRQ_CFG1:
		*v = smmu->eventq_irq_cfg1;
		return true;
	case GICITS_SMMU_EVENTQ_IRQ_CFG2:
		*v = smmu->eventq_irq_cfg2;
		return true;
	default:
		if (is_priq(p)) {
			*v = smmu->cfg.pri ? priq_reg_read32(smmu, p) : 0;
			return true;
		}
		return false;
	}
}

/* Is the IRQ of a *_IRQ_CFGn register enabled (writes then ignored)? */
static bool cfg_locked(struct gicits_iommu *smmu, uint32_t p)
{
	if (p >= GICITS_SMMU_GERROR_IRQ_CFG0 &&
	    p <= GICITS_SMMU_GERROR_IRQ_CFG2)
		return bits_get(smmu->irq_ctrl, IRQ_CTRL_GERROR_IRQEN);
	return bits_get(smmu->irq_ctrl, IRQ_CTRL_EVENTQ_IRQEN);
}

static void write64(struct gicits_iommu *smmu, uint32_t p, uint64_t v)
{
	uint32_t cr0 = smmu->cr0;

	if (is_priq(p)) {
		if (smmu->cfg.pri)
			priq_reg_write64(smmu, p, v);
		return;
	}
	switch (p) {
	case GICITS_SMMU_GERROR_IRQ_CFG0:
	case GICITS_SMMU_EVENTQ_IRQ_CFG0:
		if (!smmu->cfg.msi)
			return; /* IDR0.MSI = 0: RES0 */
		if (cfg_locked(smmu, p)) {
			reg_note(smmu, p, v,
				 "IHI0070 6.3.19: IRQ_CFG write with IRQEN=1 "
				 "ignored (SMMUv3.2)");
			return;
		}
		*reg64(smmu, p) = v & IRQ_CFG0_ADDR_MASK;
		return;
	case GICITS_SMMU_STRTAB_BASE:
		if (bits_get(cr0, CR0_SMMUEN)) {
			reg_note(smmu, p, v,
				 "IHI0070 6.3.23: STRTAB_BASE write with "
				 "SMMUEN=1 ignored");
			return;
		}
		smmu->strtab_base = v & STRTAB_BASE_MASK;
		return;
	case GICITS_SMMU_CMDQ_BASE:
		if (bits_get(cr0, CR0_CMDQEN)) {
			reg_note(smmu, p, v,
				 "IHI0070 6.3.25: CMDQ_BASE write with "
				 "CMDQEN=1 ignored");
			return;
		}
		smmu->cmdq_base = v & Q_BASE_MASK;
		return;
	case GICITS_SMMU_EVENTQ_BASE:
		if (bits_get(cr0, CR0_EVENTQEN)) {
			reg_note(smmu, p, v,
				 "IHI0070 6.3.28: EVENTQ_BASE write with "
				 "EVENTQEN=1 ignored");
			return;
		}
		smmu->eventq_base = v & Q_BASE_MASK;
		return;
	}
}

static void write32(struct gicits_iommu *smmu, uint32_t p, uint32_t v)
{
	uint32_t cr0 = smmu->cr0, m;

	switch (p) {
	case GICITS_SMMU_CR0:
		/* no VMW: RES0; PRIQEN[1] and ATSCHK[4] only with config
		 * pri (IDR0.PRI, IDR0.ATS; ATSCHK has no effect: ATS
		 * Translated transactions are not modelled) */
		smmu->cr0 = v & (smmu->cfg.pri ? 0x1Fu : 0xDu);
		if (!bits_get(cr0, CR0_CMDQEN) &&
		    bits_get(smmu->cr0, CR0_CMDQEN))
			cmdq_run(smmu);
		return;
	case GICITS_SMMU_CR1:
		if (cr0 & 0xFu) {
			reg_note(smmu, p, v,
				 "IHI0070 6.3.11: CR1 write with SMMUEN or a "
				 "queue enabled ignored");
			return;
		}
		smmu->cr1 = v & CR1_MASK;
		return;
	case GICITS_SMMU_CR2:
		/* QEMU 7.2 takes CR2 whatever SMMUEN says (knob) */
		if (bits_get(cr0, CR0_SMMUEN) && !smmu->cfg.qemu_cr2_writable) {
			reg_note(smmu, p, v,
				 "IHI0070 6.3.12: CR2 write with SMMUEN=1 "
				 "ignored");
			return;
		}
		smmu->cr2 = v & (smmu->cfg.hyp ? CR2_MASK : 0x6u);
		return;
	case GICITS_SMMU_GBPA:
		if (smmu->cfg.qemu_no_gbpa)
			return;
		if (!bits_get(v, GBPA_UPDATE)) {
			reg_note(smmu, p, v,
				 "IHI0070 6.3.14.1: GBPA write without "
				 "Update=1 ignored (SMMUv3.2)");
			return;
		}
		smmu->gbpa = v & GBPA_MASK; /* the update completes now */
		return;
	case GICITS_SMMU_IRQ_CTRL:
		/* PRIQ_IRQEN is RES0 without PRI */
		smmu->irq_ctrl = v & (smmu->cfg.pri ? 0x7u : 0x5u);
		return;
	case GICITS_SMMU_GERRORN: {
		uint32_t active = smmu->gerror ^ smmu->gerrorn;
		bool cmdq = (active >> GERR_CMDQ_ERR) & 1;

		v &= GERROR_MASK;
		/* §6.3.18: toggling an inactive bit would make it active:
		 * UNPREDICTABLE, such bits are ignored */
		if ((v ^ smmu->gerrorn) & ~active)
			reg_note(smmu, p, v,
				 "IHI0070 6.3.18: GERRORN toggles an inactive "
				 "error: ignored");
		smmu->gerrorn = (smmu->gerrorn & ~active) | (v & active);
		if (cmdq &&
		    !(((smmu->gerror ^ smmu->gerrorn) >> GERR_CMDQ_ERR) & 1))
			cmdq_run(smmu);
		return;
	}
	case GICITS_SMMU_GERROR_IRQ_CFG1:
	case GICITS_SMMU_GERROR_IRQ_CFG2:
	case GICITS_SMMU_EVENTQ_IRQ_CFG1:
	case GICITS_SMMU_EVENTQ_IRQ_CFG2:
		if (!smmu->cfg.msi)
			return;
		if (cfg_locked(smmu, p)) {
			reg_note(smmu, p, v,
				 "IHI0070 6.3.20: IRQ_CFG write with IRQEN=1 "
				 "ignored (SMMUv3.2)");
			return;
		}
		if (p == GICITS_SMMU_GERROR_IRQ_CFG1)
			smmu->gerror_irq_cfg1 = v;
		else if (p == GICITS_SMMU_EVENTQ_IRQ_CFG1)
			smmu->eventq_irq_cfg1 = v;
		else if (p == GICITS_SMMU_GERROR_IRQ_CFG2)
			smmu->gerror_irq_cfg2 = v & IRQ_CFG2_MASK;
		else
			smmu->eventq_irq_cfg2 = v & IRQ_CFG2_MASK;
		return;
	case GICITS_SMMU_STRTAB_BASE_CFG:
		if (bits_get(cr0, CR0_SMMUEN)) {
			reg_note(smmu, p, v,
				 "IHI0070 6.3.24: STRTAB_BASE_CFG write with "
				 "SMMUEN=1 ignored");
			return;
		}
		smmu->strtab_base_cfg = v & STRTAB_CFG_MASK;
		return;
	case GICITS_SMMU_CMDQ_PROD:
		smmu->cmdq_prod = v & ((2u << smmu->cfg.cmdqs) - 1);
		cmdq_run(smmu);
		return;
	case GICITS_SMMU_CMDQ_CONS:
		/* §6.3.27: RW only while CMDQEN = 0 (QEMU 7.2: always,
		 * knob qemu_cmdq_cons_writable) */
		if (bits_get(cr0, CR0_CMDQEN) &&
		    !smmu->cfg.qemu_cmdq_cons_writable) {
			reg_note(smmu, p, v,
				 "IHI0070 6.3.27: CMDQ_CONS is RO while "
				 "CMDQEN=1");
			return;
		}
		m = ((2u << smmu->cfg.cmdqs) - 1) | (0x7Fu << 24);
		smmu->cmdq_cons = v & m;
		return;
	case 0xA8:
		/* §6.3.29: EVENTQ_PROD is RW only while EVENTQEN = 0 */
		if (bits_get(cr0, CR0_EVENTQEN)) {
			reg_note(smmu, p, v,
				 "IHI0070 6.3.29: EVENTQ_PROD is RO while "
				 "EVENTQEN=1");
			return;
		}
		smmu->eventq_prod =
			v & (((2u << smmu->cfg.eventqs) - 1) | (1u << 31));
		return;
	case 0xAC:
		smmu->eventq_cons =
			v & (((2u << smmu->cfg.eventqs) - 1) | (1u << 31));
		return;
	default:
		if (is_priq(p)) {
			if (smmu->cfg.pri)
				priq_reg_write32(smmu, p, v);
			return;
		}
		reg_note(smmu, p, v,
			 "IHI0070 6.2: write to a read-only or reserved "
			 "location ignored");
		return;
	}
}

/* Map an offset to its page-0 location; false if it names nothing. */
static bool locate(uint32_t offset, uint32_t *p)
{
	uint32_t o = offset & 0xFFFF;

	if (offset >= 0x10000) {
		/* page 1 holds only the queue PROD/CONS registers */
		if (o != 0xA8 && o != 0xAC && o != 0xC8 && o != 0xCC)
			return false;
	}
	*p = o;
	return true;
}

static int check_access(struct gicits_iommu *smmu, uint32_t offset,
			unsigned size)
{
	if (!smmu)
		return GICITS_EINVAL;
	if (offset > 0x1FFFF)
		return GICITS_EINVAL;
	if ((size != 4 && size != 8) || (offset & (size - 1)))
		return GICITS_EACCESS;
	return GICITS_OK;
}

int gicits_iommu_mmio_read(struct gicits_iommu *smmu, uint32_t offset,
			   unsigned size, uint64_t *val)
{
	int rc = check_access(smmu, offset, size);
	uint32_t p = 0, v32;

	if (rc)
		return rc;
	if (!val)
		return GICITS_EINVAL;
	iommu_lock(smmu);
	*val = 0;
	if (!locate(offset, &p)) {
		reg_note(smmu, offset, 0, "IHI0070 6.2: reserved, RAZ");
	} else if (size == 8) {
		if (!reg64(smmu, p)) {
			iommu_unlock(smmu);
			return GICITS_EACCESS;
		}
		*val = read64(smmu, p);
	} else if (reg64(smmu, p & ~7u)) {
		*val = (uint32_t)(read64(smmu, p & ~7u) >> (8 * (p & 4)));
	} else if (read32(smmu, p, &v32)) {
		*val = v32;
	} else {
		reg_note(smmu, offset, 0, "IHI0070 6.2: reserved, RAZ");
	}
	iommu_unlock(smmu);
	return GICITS_OK;
}

int gicits_iommu_mmio_write(struct gicits_iommu *smmu, uint32_t offset,
			    unsigned size, uint64_t val)
{
	int rc = check_access(smmu, offset, size);
	uint32_t p = 0;

	if (rc)
		return rc;
	iommu_lock(smmu);
	/* CR0, CR2, GBPA, STRTAB_*: the translation may change */
	smmu->gen++;
	if (!locate(offset, &p)) {
		reg_note(smmu, offset, val, "IHI0070 6.2: reserved, WI");
	} else if (size == 8) {
		if (!reg64(smmu, p)) {
			iommu_unlock(smmu);
			return GICITS_EACCESS;
		}
		write64(smmu, p, val);
	} else if (reg64(smmu, p & ~7u)) {
		uint32_t b = p & ~7u;
		uint64_t cur = read64(smmu, b);

		if (p & 4)
			cur = (cur & 0xFFFFFFFFull) |
			      ((val & 0xFFFFFFFFull) << 32);
		else
			cur = (cur & ~0xFFFFFFFFull) | (val & 0xFFFFFFFFull);
		write64(smmu, b, cur);
	} else {
		write32(smmu, p, (uint32_t)val);
	}
	iommu_unlock(smmu);
	return GICITS_OK;
}
