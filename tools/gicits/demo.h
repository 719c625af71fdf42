/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The stories of `gicits demo` (docs/gicits.1).  Each prints its part in
 * text or as JSON lines and returns 0, or 1 when one of its checks failed
 * (with a message on standard error).
 */
#ifndef GICITS_TOOLS_DEMO_H
#define GICITS_TOOLS_DEMO_H

#include <stdbool.h>

/* A GICv3 ITS driven as Linux drives it (demo.c). */
int demo_its(bool json);
/* Two VMs with assigned devices (demo_vm.c). */
int demo_vm(bool json);
/* The MSI fabric of a built-in system: SMMU, mbigen, a misdescribed twin
 * (demo_fabric.c); @dot_path: NULL, or where to write a Graphviz picture
 * of the paths.  Returns 2 if @dot_path cannot be written. */
int demo_fabric(bool json, const char *dot_path);

#endif
