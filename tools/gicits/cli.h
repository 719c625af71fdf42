/* SPDX-License-Identifier: BSD-2-Clause */
/* Sub-commands of the gicits tool; each returns the process exit status. */
#ifndef GICITS_TOOLS_CLI_H
#define GICITS_TOOLS_CLI_H

int cmd_replay(int argc, char **argv);
int cmd_topo(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_bench(int argc, char **argv);

#endif
