/* SPDX-License-Identifier: BSD-2-Clause */
/* The KVM ITS table ABI: what kvm.c (lists, export) and kvm_import.c share. */
#ifndef GICITS_SNAPSHOT_KVM_INTERNAL_H
#define GICITS_SNAPSHOT_KVM_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "its/its_fields.h"
#include "its/its_internal.h"

#define KVM_ESZ 8u
#define KVM_L2_PAGE 65536u
#define KVM_L2_ENTRIES (KVM_L2_PAGE / KVM_ESZ)
/* the largest "next" KVM writes: the field's largest value */
#define DTE_NEXT_CAP FIELD_MAX(DTE_NEXT)
#define ITE_NEXT_CAP FIELD_MAX(ITE_NEXT)
#define ITT_ALIGN 256u
/* KVM's level-1 descriptors name 64 KB level-2 pages: PA[51:16] */
#define KVM_L1_DESC_PA 51, 16

struct kdev {
	uint32_t devid;
	uint8_t size;
	uint64_t itt; /* ITT address in the source tables */
	uint64_t addr; /* import: the DTE's address in the ITS's table */
	size_t first, n; /* its ITEs in kst.ite[] */
};

struct kite {
	uint32_t event;
	uint32_t intid;
	uint16_t icid;
};

struct kcol {
	uint32_t icid;
	uint64_t rdbase; /* as the ITS holds it */
	unsigned cpu;
};

struct kst {
	struct kdev *dev;
	size_t ndev, capdev;
	struct kite *ite;
	size_t nite, capite;
	struct kcol *col;
	size_t ncol, capcol;
};

int kvm_push_dev(struct kst *k, const struct kdev *d);
int kvm_push_ite(struct kst *k, const struct kite *e);
int kvm_push_col(struct kst *k, const struct kcol *c);
void kvm_kst_free(struct kst *k);
/* @bytes a multiple of 8 and [base, base + bytes) not wrapping */
bool kvm_area_ok(uint64_t base, uint64_t bytes);
int kvm_read64(const struct gicits_mem *mem, uint64_t gpa, uint64_t *v);
int kvm_write64(const struct gicits_mem *mem, uint64_t gpa, uint64_t v);
int kvm_zero_area(const struct gicits_mem *mem, uint64_t gpa, uint64_t bytes);
/* DeviceIDs the ITS can name: 2^devbits */
uint64_t kvm_devid_limit(const struct gicits_its *its);

#endif
