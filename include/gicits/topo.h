/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * DOC: platform ID topology
 *
 * The topo module reads a platform description -- a flattened Device Tree
 * blob (through libfdt) or an ACPI IORT table (its own parser), optionally
 * cross-checked against a MADT -- into one graph of ID ranges, and answers two
 * questions about it the way Linux would:
 *
 *  - resolution: which (IOMMU, StreamID) and which (MSI controller, DeviceID)
 *    a PCI requester (segment, RID) gets, and which IDs the sources without
 *    an input ID own (platform devices, the IOMMUs' and PMCGs' own MSIs,
 *    wire-to-MSI translators such as HiSilicon's mbigen);
 *  - lint: collisions at an ITS or IOMMU, aliasing, unmapped ranges, IORT
 *    off-by-one overlaps, structural errors and out-of-range DeviceIDs.
 *
 * Both sources build the same graph.  A node is a bus master, an IOMMU, an
 * MSI controller or a bridge; each node owns ID maps, each map a list of
 * entries (input base, number of IDs, output base, target node).  What
 * differs between the sources is the lookup rule a map follows: Device Tree
 * maps follow Linux's of_map_id() (mask first, first match wins, no match
 * means bypass), IORT maps follow iort_node_map_id() (inclusive ranges, a
 * match on a range's last ID gives way to a range starting there, single
 * mappings, the SMMUv3/PMCG DeviceID mapping index skipped).
 *
 * A struct gicits_topo holds no pointer into the caller's buffers: the
 * caller may free a blob as soon as the load function returns.  Nothing in
 * the module has global state; a loaded topology is read-only and may be
 * queried from several threads at once.
 *
 * docs/topology.md describes the model, the CLI, the JSON schema, each lint
 * code and each named quirk.
 */
#ifndef GICITS_TOPO_H
#define GICITS_TOPO_H

#include <stddef.h>
#include <stdint.h>

#include "gicits/export.h"

#ifdef __cplusplus
extern "C" {
#endif

struct gicits_topo;

/**
 * enum gicits_topo_type - what a node of the graph is
 * @GICITS_TOPO_OTHER: a DT node that takes no part in ID mapping
 * @GICITS_TOPO_ROOT_COMPLEX: a PCI host bridge (DT node with
 *	device_type = "pci" and no PCI ancestor) or an IORT root complex node
 * @GICITS_TOPO_PLATFORM: a DT device with msi-parent, iommus or its own
 *	msi-map, or an IORT named component
 * @GICITS_TOPO_FSLMC: an NXP fsl-mc bus (its input IDs are ICIDs)
 * @GICITS_TOPO_SMMU: an Arm SMMUv1/v2 (DT arm,smmu-v1/v2, arm,mmu-*; IORT
 *	type 3)
 * @GICITS_TOPO_SMMUV3: an Arm SMMUv3 (DT arm,smmu-v3; IORT type 4)
 * @GICITS_TOPO_IOMMU_OTHER: a DT node with #iommu-cells that is no Arm SMMU
 * @GICITS_TOPO_PMCG: an SMMUv3 performance monitor counter group (IORT 5)
 * @GICITS_TOPO_ITS: a GICv3/v4 ITS (DT arm,gic-v3-its, or a GICv5 ITS
 *	frame) or an IORT ITS group; the only MSI controllers whose DeviceIDs
 *	take part in collision checks
 * @GICITS_TOPO_MSI_OTHER: another msi-controller (GICv2m frame, GIC MBI,
 *	vendor MSI blocks); the hardware ignores the DeviceID
 * @GICITS_TOPO_WIRE_BRIDGE: a wire-to-MSI translator: a HiSilicon mbigen
 *	interrupt-controller child, or an IORT IWB node (type 7)
 * @GICITS_TOPO_RMR: an IORT reserved memory range node (type 6)
 */
enum gicits_topo_type {
	GICITS_TOPO_OTHER = 0,
	GICITS_TOPO_ROOT_COMPLEX,
	GICITS_TOPO_PLATFORM,
	GICITS_TOPO_FSLMC,
	GICITS_TOPO_SMMU,
	GICITS_TOPO_SMMUV3,
	GICITS_TOPO_IOMMU_OTHER,
	GICITS_TOPO_PMCG,
	GICITS_TOPO_ITS,
	GICITS_TOPO_MSI_OTHER,
	GICITS_TOPO_WIRE_BRIDGE,
	GICITS_TOPO_RMR,
};

/**
 * enum gicits_topo_source - where a topology came from
 * @GICITS_TOPO_SRC_NONE: nothing loaded yet
 * @GICITS_TOPO_SRC_DT: a flattened Device Tree blob
 * @GICITS_TOPO_SRC_IORT: an ACPI IORT table
 */
enum gicits_topo_source {
	GICITS_TOPO_SRC_NONE = 0,
	GICITS_TOPO_SRC_DT,
	GICITS_TOPO_SRC_IORT,
};

/**
 * struct gicits_topo_node - read-only view of one node
 * @type: what the node is
 * @name: DT node path ("/soc/pcie@40000000"), or "iort@0x<offset>" with the
 *	node's offset in the IORT, in lower-case hex
 * @compatible: DT: the first compatible string ("" if none); IORT: the node
 *	type's name ("root-complex", "smmu-v3", ...)
 * @enabled: 0 when a DT node's status is neither "okay" nor "ok" (Linux
 *	ignores such nodes), 1 otherwise
 * @segment: root complex: the PCI segment (IORT pci_segment_number; DT
 *	linux,pci-domain, else the next free number in blob order)
 * @rid_lo: root complex: first RID the bus range can produce
 * @rid_hi: root complex: last RID (DT bus-range, default buses 0-255)
 * @revision: IORT node revision; -1 for DT nodes
 * @its_ids: ITS group: the GIC ITS IDs (MADT Translation IDs); else NULL
 * @n_its_ids: number of entries in @its_ids
 * @num_pins: mbigen child: num-pins (the EventIDs it uses); 0 otherwise
 */
struct gicits_topo_node {
	enum gicits_topo_type type;
	const char *name;
	const char *compatible;
	int enabled;
	uint32_t segment;
	uint32_t rid_lo;
	uint32_t rid_hi;
	int revision;
	const uint32_t *its_ids;
	uint32_t n_its_ids;
	uint32_t num_pins;
};

/**
 * enum gicits_topo_status - outcome of one lookup
 * @GICITS_TOPO_OK: mapped
 * @GICITS_TOPO_UNMAPPED: a map exists but no entry covers the ID.  Linux
 *	then bypasses: DT and IORT MSI use the raw RID as DeviceID with no
 *	MSI domain from the map; the IOMMU side gets no IOMMU
 * @GICITS_TOPO_NONE: nothing describes this side (no iommu-map: no IOMMU;
 *	no msi-map nor msi-parent: no MSI)
 * @GICITS_TOPO_ERROR: a structural error stopped the lookup (bad map
 *	length, id-base outside the mask, dangling reference, loop)
 * @GICITS_TOPO_NOT_DESCRIBED: no root complex for the segment
 * @GICITS_TOPO_DISABLED: the IOMMU found is disabled in the DT (Linux: no
 *	IOMMU)
 */
enum gicits_topo_status {
	GICITS_TOPO_OK = 0,
	GICITS_TOPO_UNMAPPED,
	GICITS_TOPO_NONE,
	GICITS_TOPO_ERROR,
	GICITS_TOPO_NOT_DESCRIBED,
	GICITS_TOPO_DISABLED,
};

/*
 * Named firmware quirks and Linux behaviours a lookup went through
 * (struct gicits_topo_result.quirks); docs/topology.md explains each.
 */
/* IORT: the ID matched the last ID of one range and the start of a later
 * one; the later range won (Linux's num_ids ambiguity workaround). */
#define GICITS_TOPO_QUIRK_IORT_LAST_ID (1u << 0)
/* IORT: the ID matched two ranges in another way; the first was kept. */
#define GICITS_TOPO_QUIRK_IORT_CONFLICT (1u << 1)
/* IORT: an SMMUv3 node of revision 0: its DeviceID mapping index field is
 * ignored, so no mapping is skipped. */
#define GICITS_TOPO_QUIRK_IORT_SMMUV3_REV0 (1u << 2)
/* DT: an ITS without #msi-cells used with one specifier cell (legacy). */
#define GICITS_TOPO_QUIRK_DT_ITS_NO_MSI_CELLS (1u << 3)
/* DT: a bootloader fix-up placeholder (NXP Layerscape): the static maps
 * are rewritten by U-Boot. */
#define GICITS_TOPO_QUIRK_DT_FIXUP (1u << 4)
/* DT: the msi-map was on an ancestor of the host bridge. */
#define GICITS_TOPO_QUIRK_DT_MSI_MAP_ANCESTOR (1u << 5)
/* DT: no msi-map; the DeviceID is the RID (implicit identity through
 * msi-parent). */
#define GICITS_TOPO_QUIRK_DT_IMPLICIT_ID (1u << 6)

/**
 * gicits_topo_quirk_name() - name a quirk bit
 * @bit: one GICITS_TOPO_QUIRK_* value
 *
 * Return: a static string such as "iort-last-id"; NULL for an unknown bit.
 */
GICITS_API const char *gicits_topo_quirk_name(uint32_t bit);

/**
 * struct gicits_topo_result - what a requester resolves to
 * @status: the overall outcome: the worse of @msi_status and
 *	@stream_status, where a missing or disabled IOMMU counts as OK
 * @msi_status: outcome of the MSI lookup
 * @msi_node: the MSI controller (ITS group for IORT), or -1
 * @device_id: the DeviceID at @msi_node (meaningful when @msi_node >= 0);
 *	when @msi_status is GICITS_TOPO_UNMAPPED it is the raw input ID,
 *	which is what Linux uses
 * @msi_via: IORT: the IOMMU the MSI path went through, else -1
 * @stream_status: outcome of the IOMMU lookup
 * @stream_node: the IOMMU, or -1
 * @stream_id: the StreamID at @stream_node
 * @stream_mask: SMMUv1/v2 two-cell iommus: the SMR mask (bits that do not
 *	matter); 0 otherwise
 * @quirks: GICITS_TOPO_QUIRK_* bits of the quirks the lookups went through
 * @reason: a static explanation of a non-OK status, or NULL
 */
struct gicits_topo_result {
	enum gicits_topo_status status;
	enum gicits_topo_status msi_status;
	int msi_node;
	uint32_t device_id;
	int msi_via;
	enum gicits_topo_status stream_status;
	int stream_node;
	uint32_t stream_id;
	uint32_t stream_mask;
	uint32_t quirks;
	const char *reason;
};

/**
 * gicits_topo_create() - allocate an empty topology
 * @out: receives the new topology
 *
 * Return: 0; GICITS_EINVAL if @out is NULL; GICITS_ENOMEM.
 */
GICITS_API int gicits_topo_create(struct gicits_topo **out);

/**
 * gicits_topo_free() - release a topology
 * @t: the topology, or NULL (then nothing happens)
 */
GICITS_API void gicits_topo_free(struct gicits_topo *t);

/**
 * gicits_topo_load_dtb() - build the graph from a flattened Device Tree
 * @t: an empty topology from gicits_topo_create()
 * @blob: the blob; need not be aligned; not referenced after the call
 * @len: bytes available at @blob
 *
 * The whole blob is validated (fdt_check_full()) before anything is read.
 * Map properties with a bad length, dangling phandles and similar
 * problems do not fail the load: they are recorded, reported by
 * gicits_topo_lint() as E-STRUCT and by gicits_topo_check(), and the
 * lookups that meet them answer GICITS_TOPO_ERROR, as Linux would fail.
 *
 * Return: 0; GICITS_EINVAL for a NULL argument; GICITS_ESTATE if @t
 * already holds a topology; GICITS_ETRUNC if @len is shorter than the
 * header's totalsize; GICITS_EFORMAT for a bad magic, version or structure
 * block; GICITS_ENOMEM.  On failure gicits_topo_error() says why and @t
 * stays empty.
 */
GICITS_API int gicits_topo_load_dtb(struct gicits_topo *t, const void *blob,
				    size_t len);

/**
 * gicits_topo_load_iort() - build the graph from an ACPI IORT table
 * @t: an empty topology from gicits_topo_create()
 * @table: the raw table, starting with the "IORT" signature
 * @len: bytes available at @table
 *
 * Node types 0-7 are decoded (ITS group, named component, root complex in
 * its revision-0 and later layouts, SMMUv1/v2, SMMUv3, PMCG, RMR, IWB);
 * unknown types are kept as GICITS_TOPO_OTHER with a warning.  A bad
 * checksum is a warning.  Output references that point at no node, self
 * loops and bad special indices are recorded as for the DT.
 *
 * Return: 0; GICITS_EINVAL for a NULL argument; GICITS_ESTATE if @t
 * already holds a topology; GICITS_EFORMAT for a wrong signature, a node
 * offset below the header, a node shorter than its header or a mapping
 * array outside its node; GICITS_ETRUNC if the table's length exceeds
 * @len or a node runs past the table's end; GICITS_ENOMEM.
 */
GICITS_API int gicits_topo_load_iort(struct gicits_topo *t, const void *table,
				     size_t len);

/**
 * gicits_topo_load() - load a DTB or an IORT, chosen by its first bytes
 * @t: an empty topology
 * @buf: the blob or table
 * @len: bytes at @buf
 *
 * Return: as gicits_topo_load_dtb() or gicits_topo_load_iort();
 * GICITS_EFORMAT if @buf starts with neither the FDT magic nor "IORT".
 */
GICITS_API int gicits_topo_load(struct gicits_topo *t, const void *buf,
				size_t len);

/**
 * gicits_topo_load_madt() - add a MADT to cross-check IORT ITS IDs
 * @t: a topology, before or after its IORT was loaded
 * @table: the raw MADT ("APIC" signature)
 * @len: bytes at @table
 *
 * The GIC ITS structures (type 0x0F) give the ITS IDs that exist;
 * gicits_topo_lint() then reports an ITS group naming an ID the MADT lacks.
 *
 * Return: 0; GICITS_EINVAL for a NULL argument; GICITS_ESTATE if a MADT
 * was already loaded; GICITS_EFORMAT for a wrong signature or a
 * zero-length structure; GICITS_ETRUNC if the table or a structure runs
 * past @len; GICITS_ENOMEM.
 */
GICITS_API int gicits_topo_load_madt(struct gicits_topo *t, const void *table,
				     size_t len);

/**
 * gicits_topo_error() - why the last load failed
 * @t: the topology
 *
 * Return: a message owned by @t ("" if no load failed); never NULL.
 */
GICITS_API const char *gicits_topo_error(const struct gicits_topo *t);

/**
 * gicits_topo_check() - whether the graph has broken references
 * @t: a loaded topology
 * @msg: receives the first problem's description (owned by @t), or NULL
 *
 * Return: 0 if every reference resolves; GICITS_ENOENT for a dangling
 * phandle or output reference; GICITS_ELOOP for a reference loop;
 * GICITS_EINVAL if @t is NULL.
 */
GICITS_API int gicits_topo_check(const struct gicits_topo *t, const char **msg);

/**
 * gicits_topo_source() - which kind of description was loaded
 * @t: the topology
 *
 * Return: a GICITS_TOPO_SRC_* value.
 */
GICITS_API enum gicits_topo_source
gicits_topo_source(const struct gicits_topo *t);

/**
 * gicits_topo_node_count() - number of nodes
 * @t: the topology
 *
 * Return: the count (0 for an empty topology or NULL).
 */
GICITS_API int gicits_topo_node_count(const struct gicits_topo *t);

/**
 * gicits_topo_node() - describe one node
 * @t: the topology
 * @idx: 0 <= @idx < gicits_topo_node_count()
 * @out: filled in; its pointers stay valid while @t lives
 *
 * Return: 0; GICITS_EINVAL for NULL arguments; GICITS_ENOENT for a bad
 * @idx.
 */
GICITS_API int gicits_topo_node(const struct gicits_topo *t, int idx,
				struct gicits_topo_node *out);

/**
 * gicits_topo_find() - find a node by name
 * @t: the topology
 * @name: a DT path or "iort@0x..." name as gicits_topo_node() gives it
 *
 * Return: the node index; GICITS_ENOENT if there is none; GICITS_EINVAL
 * for NULL arguments.
 */
GICITS_API int gicits_topo_find(const struct gicits_topo *t, const char *name);

/**
 * gicits_topo_root_complex() - find the root complex of a PCI segment
 * @t: the topology
 * @segment: the PCI segment (domain)
 *
 * Return: the node index of the first enabled root complex with that
 * segment (or, if none is enabled, the first one); GICITS_ENOENT if none;
 * GICITS_EINVAL if @t is NULL.
 */
GICITS_API int gicits_topo_root_complex(const struct gicits_topo *t,
					uint32_t segment);

/**
 * gicits_topo_resolve() - resolve a PCI requester as Linux would
 * @t: the topology
 * @segment: the PCI segment
 * @rid: the Requester ID (bus[15:8] device[7:3] function[2:0])
 * @r: receives the result
 *
 * DT: the MSI side runs of_map_id() on the first of the host bridge and
 * its ancestors that has an msi-map (falling back to the host bridge's
 * msi-parent, DeviceID = RID); the IOMMU side runs of_map_id() on the
 * host bridge's iommu-map only.  IORT: iort_node_map_id() from the
 * segment's root complex to an IOMMU and to an ITS group.  No PCI
 * topology below the host bridge is known, so the RID is its own alias.
 *
 * Return: 0 (with @r->status GICITS_TOPO_NOT_DESCRIBED when no root
 * complex has @segment); GICITS_EINVAL for NULL arguments.
 */
GICITS_API int gicits_topo_resolve(const struct gicits_topo *t,
				   uint32_t segment, uint32_t rid,
				   struct gicits_topo_result *r);

/**
 * gicits_topo_resolve_node() - resolve an input ID from any node
 * @t: the topology
 * @node: a root complex, fsl-mc bus, named component or IOMMU node
 * @id: the input ID (RID, ICID, StreamID)
 * @r: receives the result
 *
 * Return: 0; GICITS_EINVAL for NULL arguments; GICITS_ENOENT for a bad
 * @node.
 */
GICITS_API int gicits_topo_resolve_node(const struct gicits_topo *t, int node,
					uint32_t id,
					struct gicits_topo_result *r);

/**
 * gicits_topo_own() - the IDs of a source without an input ID
 * @t: the topology
 * @node: the node
 * @index: 0, 1, ...: which of the node's own IDs
 * @r: receives the result: a DeviceID (@r->msi_node) or a StreamID
 *	(@r->stream_node), or both for an IORT named component whose single
 *	mapping leads to an IOMMU
 *
 * Own IDs are: a DT node's msi-parent entries (specifier = DeviceID) and
 * iommus entries (StreamID, with the SMR mask of a two-cell specifier),
 * an SMMU's own msi-parent, an mbigen child's msi-parent; an IORT named
 * component's or root complex's single mappings, and an SMMUv3's or PMCG's
 * DeviceID mapping (the "DeviceID mapping index").
 *
 * Return: 0; GICITS_ENOENT when @index is past the last own ID or @node
 * is bad; GICITS_EINVAL for NULL arguments.
 */
GICITS_API int gicits_topo_own(const struct gicits_topo *t, int node, int index,
			       struct gicits_topo_result *r);

/**
 * enum gicits_topo_edge_kind - what an edge of the graph carries
 * @GICITS_TOPO_EDGE_MSI: DeviceIDs (DT msi-map / msi-parent entry)
 * @GICITS_TOPO_EDGE_STREAM: StreamIDs (DT iommu-map / iommus entry)
 * @GICITS_TOPO_EDGE_CHAIN: an IORT ID mapping (IDs to the next node)
 */
enum gicits_topo_edge_kind {
	GICITS_TOPO_EDGE_MSI,
	GICITS_TOPO_EDGE_STREAM,
	GICITS_TOPO_EDGE_CHAIN,
};

/**
 * struct gicits_topo_edge - one map entry with a resolved target
 * @from: the node owning the map
 * @to: the target node
 * @kind: what the edge carries
 * @in_base: first input ID (unmasked space is @mask's image)
 * @count: number of input IDs (DT length; IORT id_count + 1); 0 for an
 *	entry that matches nothing; ignored when @single
 * @out_base: the output ID for @in_base, or the single ID
 * @mask: DT map mask (0xffffffff when none); SMR mask for iommus
 * @single: the entry emits one ID whatever the input (IORT single
 *	mapping, DT msi-parent / iommus specifier)
 * @identity: DT msi-parent on a bus: DeviceID = input ID
 * @own: the entry carries the node's own MSIs (IORT DeviceID mapping
 *	index, an SMMU's msi-parent)
 */
struct gicits_topo_edge {
	int from;
	int to;
	enum gicits_topo_edge_kind kind;
	uint32_t in_base;
	uint64_t count;
	uint32_t out_base;
	uint32_t mask;
	int single;
	int identity;
	int own;
};

/**
 * gicits_topo_edge_count() - number of edges
 * @t: the topology
 *
 * Return: the count (0 for NULL).
 */
GICITS_API int gicits_topo_edge_count(const struct gicits_topo *t);

/**
 * gicits_topo_edge() - describe one edge
 * @t: the topology
 * @idx: 0 <= @idx < gicits_topo_edge_count()
 * @out: filled in
 *
 * Return: 0; GICITS_EINVAL for NULL arguments; GICITS_ENOENT for a bad
 * @idx.
 */
GICITS_API int gicits_topo_edge(const struct gicits_topo *t, int idx,
				struct gicits_topo_edge *out);

/**
 * enum gicits_topo_severity - how bad a lint finding is
 * @GICITS_TOPO_INFO: worth knowing, deliberate or harmless
 * @GICITS_TOPO_WARNING: probably wrong, or Linux works around it
 * @GICITS_TOPO_SEVERITY_ERROR: wrong: isolation lost or lookups fail
 */
enum gicits_topo_severity {
	GICITS_TOPO_INFO,
	GICITS_TOPO_WARNING,
	GICITS_TOPO_SEVERITY_ERROR,
};

#define GICITS_TOPO_MSG_MAX 320

/**
 * struct gicits_topo_finding - one lint finding
 * @severity: how bad
 * @code: "E-COLLIDE", "E-IOMMU-SELF", "E-CONFLICT", "E-STRUCT",
 *	"W-ALIAS", "W-UNMAPPED", "W-OFF-BY-ONE", "W-RANGE" or "I-FIXUP"
 * @node: the node the finding is about, or -1
 * @other: a second node involved, or -1
 * @message: one line of text, with the Linux outcome where it matters
 */
struct gicits_topo_finding {
	enum gicits_topo_severity severity;
	const char *code;
	int node;
	int other;
	char message[GICITS_TOPO_MSG_MAX];
};

/**
 * typedef gicits_topo_finding_fn - receives lint findings
 * @opaque: the caller's pointer
 * @f: the finding, valid only during the call
 *
 * Return: 0 to continue, non-zero to stop the lint.
 */
typedef int (*gicits_topo_finding_fn)(void *opaque,
				      const struct gicits_topo_finding *f);

/**
 * struct gicits_topo_lint_opts - lint settings
 * @devbits: number of DeviceID bits of the ITSes (GITS_TYPER.Devbits + 1,
 *	1..32); 0 when unknown (then only 32-bit overflow is checked)
 */
struct gicits_topo_lint_opts {
	unsigned devbits;
};

/**
 * gicits_topo_lint() - check the topology (docs/topology.md, "Lint codes")
 * @t: a loaded topology
 * @opts: settings, or NULL for the defaults
 * @fn: called once per finding, in a deterministic order
 * @opaque: passed to @fn
 *
 * Claims (sink, output interval, source) are built by resolving every ID
 * each source can produce with the same rules as gicits_topo_resolve(),
 * so the lint agrees with the resolution by construction.
 *
 * Return: the number of error-severity findings (>= 0); GICITS_EINVAL for
 * a NULL @t or @fn, or @opts->devbits > 32; GICITS_ENOMEM.
 */
GICITS_API int gicits_topo_lint(const struct gicits_topo *t,
				const struct gicits_topo_lint_opts *opts,
				gicits_topo_finding_fn fn, void *opaque);

/**
 * gicits_topo_status_name() - name a status for output
 * @s: a status
 *
 * Return: "ok", "unmapped", "none", "error", "not-described", "disabled";
 * "?" for anything else.
 */
GICITS_API const char *gicits_topo_status_name(enum gicits_topo_status s);

/**
 * gicits_topo_type_name() - name a node type for output
 * @type: a node type
 *
 * Return: "root-complex", "platform", "fsl-mc", "smmu", "smmu-v3",
 * "iommu", "pmcg", "its", "msi-controller", "wire-bridge", "rmr",
 * "other".
 */
GICITS_API const char *gicits_topo_type_name(enum gicits_topo_type type);

/**
 * gicits_topo_severity_name() - name a severity for output
 * @s: a severity
 *
 * Return: "info", "warning" or "error".
 */
GICITS_API const char *gicits_topo_severity_name(enum gicits_topo_severity s);

#ifdef __cplusplus
}
#endif
#endif
