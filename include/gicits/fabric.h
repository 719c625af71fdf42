/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * DOC: a system built from firmware
 *
 * A struct gicits_fabric is a whole MSI fabric instantiated from a platform
 * description that the topo module loaded (<gicits/topo.h>): one gic with
 * its redistributors, one ITS per ITS node of the topology (an IORT ITS
 * group is one ITS), one SMMUv3 model per SMMUv3 node (<gicits/iommu.h>),
 * one translator per wire-to-MSI bridge (<gicits/xlat.h>), and the root
 * complexes and platform devices as the ID maps topo resolves.  Requests
 * travel the real path, hop by hop:
 *
 *     (segment, RID) -> StreamID -> SMMU -> doorbell address -> ITS
 *                                     DeviceID (sampled from the bus) -^
 *
 * Every SMMU starts in its reset state, SMMUEN = 0, so a write passes by
 * GBPA: bypass, or abort with struct gicits_fabric_config.smmu_abort.  The
 * embedder programs an SMMU (stream table, CDs, page tables in the
 * fabric's RAM, gicits_fabric_alloc()) through gicits_fabric_iommu() and
 * <gicits/iommu.h>.  Every ITS is enabled with a device table, collection
 * table and command queue in the fabric's RAM and no mapping, so a write
 * that reaches an ITS is dropped (GICITS_DROP_DEVICE_UNMAPPED, or
 * DEVICE_OOR past @its_devbits) until software maps the DeviceID: through
 * gicits_fabric_its() and its command queue, or gicits_fabric_map_event().
 *
 * The address map: the fabric gives each MSI controller of the topology
 * (ITSes and, as targets that are not modelled, GICv2m-style controllers)
 * a 128 KiB frame, in topology node order, at @its_base + k * 0x20000; its
 * doorbell is the GITS_TRANSLATER offset, frame + 0x10040
 * (gicits_fabric_doorbell()).  Firmware addresses are not used: a DTB's
 * reg and the MADT's bases describe a machine the fabric need not match.
 * The fabric's RAM (tables, queues, and what gicits_fabric_alloc() hands
 * out) is at @ram_base.  Any other address is memory the fabric does not
 * model: a write there arrives nowhere (GICITS_FABRIC_NO_TARGET).
 *
 * The DeviceID a write carries comes from the topology's ID maps, never
 * from the data: a PCI requester's from the root complex's msi-map (DT) or
 * from the StreamID through the SMMU's ID mapping (IORT, "msi_via"); a
 * platform node's own ID; a translator's child or table entry.
 *
 * Not thread-safe: the embedder serialises calls on one fabric (the
 * models inside are thread-safe, but a delivery record is filled from
 * their callbacks).  No global state: any number of fabrics per process.
 * docs/fabric.md describes the model and `gicits route`.
 */
#ifndef GICITS_FABRIC_H
#define GICITS_FABRIC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gicits/export.h"
#include "gicits/iommu.h"
#include "gicits/its.h"
#include "gicits/mem.h"
#include "gicits/rdist.h"
#include "gicits/topo.h"
#include "gicits/trace.h"
#include "gicits/xlat.h"

#ifdef __cplusplus
extern "C" {
#endif

struct gicits_fabric;

/* The most MSI controllers, SMMUv3s and translators one fabric builds. */
#define GICITS_FABRIC_MAX_MSI_CTRL 256u
#define GICITS_FABRIC_MAX_IOMMU 256u
#define GICITS_FABRIC_MAX_XLAT 1024u
/* Size of one MSI controller frame and the doorbell's offset in it. */
#define GICITS_FABRIC_FRAME_SIZE 0x20000u
#define GICITS_FABRIC_DOORBELL_OFFSET 0x10040u
/* An address argument meaning "the doorbell the requester's MSI domain
 * resolves to". */
#define GICITS_FABRIC_ADDR_MSI UINT64_MAX

/**
 * struct gicits_fabric_config - fabric knobs
 *
 * Start from gicits_fabric_config_default() (fields are only appended;
 * @size tells the library which are present).
 *
 * @size: set by gicits_fabric_config_default(); do not change
 * @num_cpus: redistributors, 1..64 (default 4)
 * @its_devbits: DeviceID bits of every ITS, 1..26 (default 24; the
 *               two-level device table's level 1 is one 64 KiB page)
 * @smmu_abort: every SMMU's GBPA.ABORT at reset (default false: bypass)
 * @its_base: frame of MSI controller 0 (default 0x0800_0000, 64 KiB
 *            aligned)
 * @ram_base: the fabric's RAM (default 0x4000_0000, 64 KiB aligned; must
 *            not overlap the frames)
 * @ram_extra: bytes of RAM beyond the fabric's own tables that
 *             gicits_fabric_alloc() hands out, 0..1 GiB (default 16 MiB;
 *             allocated lazily by the host, zero-filled)
 * @trace: trace callback for every model inside (sources "its", "rdist",
 *         "iommu", "xlat"), or NULL
 * @trace_opaque: passed to @trace
 */
struct gicits_fabric_config {
	uint32_t size;
	unsigned num_cpus;
	unsigned its_devbits;
	bool smmu_abort;
	uint64_t its_base;
	uint64_t ram_base;
	uint64_t ram_extra;
	gicits_trace_fn trace;
	void *trace_opaque;
};

/** gicits_fabric_config_default() - fill @cfg with the defaults above */
GICITS_API void gicits_fabric_config_default(struct gicits_fabric_config *cfg);

/**
 * gicits_fabric_create() - build the system a loaded topology describes
 * @t: a topology loaded by gicits_topo_load() (and optionally
 *     gicits_topo_load_madt()); borrowed: it must outlive the fabric
 * @cfg: knobs (copied), or NULL for the defaults
 * @out: receives the fabric
 *
 * Every ITS node (enabled or not: status is a hint to software, the
 * hardware is there), every SMMUv3 node and every wire-to-MSI bridge with
 * an MSI domain gets a model.  SMMUv1/v2 and other IOMMUs are not
 * modelled: writes pass them untranslated (a hop says so).  A topology
 * with dangling references or loops is accepted: the lookups that meet
 * them find no IOMMU or no MSI domain, as gicits_topo_resolve() says.
 *
 * Return: GICITS_OK; GICITS_EINVAL for a NULL @t or @out, an empty
 * topology, @cfg->size 0 or larger than this library's struct, or a knob
 * out of range (also frames overlapping the RAM); GICITS_ERANGE for more
 * than GICITS_FABRIC_MAX_MSI_CTRL MSI controllers,
 * GICITS_FABRIC_MAX_IOMMU SMMUv3s or GICITS_FABRIC_MAX_XLAT translators;
 * GICITS_ENOMEM; an error of a model's create function (then nothing is
 * left allocated).
 */
GICITS_API int gicits_fabric_create(const struct gicits_topo *t,
				    const struct gicits_fabric_config *cfg,
				    struct gicits_fabric **out);

/**
 * gicits_fabric_create_blob() - load a DTB or IORT and build its system
 * @blob: a flattened Device Tree or a raw ACPI IORT; copied, not kept
 * @len: bytes at @blob
 * @madt: a raw MADT to load with an IORT (gicits_topo_load_madt()), or NULL
 * @madt_len: bytes at @madt
 * @cfg: as for gicits_fabric_create()
 * @out: receives the fabric, which owns its topology (gicits_fabric_topo())
 * @err: NULL, or receives a message (static or owned by nothing: copy it
 *       before the next call) when the load fails; "" otherwise
 *
 * Return: GICITS_OK; an error of gicits_topo_load() or
 * gicits_topo_load_madt(); or as gicits_fabric_create().
 */
GICITS_API int gicits_fabric_create_blob(const void *blob, size_t len,
					 const void *madt, size_t madt_len,
					 const struct gicits_fabric_config *cfg,
					 struct gicits_fabric **out,
					 const char **err);

/** gicits_fabric_destroy() - free the fabric and every model (NULL is
 * accepted) */
GICITS_API void gicits_fabric_destroy(struct gicits_fabric *f);

/** gicits_fabric_topo() - the topology the fabric was built from */
GICITS_API const struct gicits_topo *
gicits_fabric_topo(const struct gicits_fabric *f);

/** gicits_fabric_gic() - the gic (redistributors, CPU interfaces) */
GICITS_API struct gicits_gic *gicits_fabric_gic(const struct gicits_fabric *f);

/** gicits_fabric_mem() - the fabric's guest memory (its RAM) */
GICITS_API const struct gicits_mem *
gicits_fabric_mem(const struct gicits_fabric *f);

/**
 * gicits_fabric_its() - the ITS of topology node @node
 * gicits_fabric_iommu() - the SMMUv3 model of node @node
 * gicits_fabric_xlat() - the translator of wire-bridge node @node
 * @f: the fabric
 * @node: a topology node index (gicits_topo_find())
 *
 * The models stay owned by the fabric; program them through their own
 * headers.
 *
 * Return: the model, or NULL when @node has none (or @f is NULL).
 */
GICITS_API struct gicits_its *gicits_fabric_its(const struct gicits_fabric *f,
						int node);
GICITS_API struct gicits_iommu *
gicits_fabric_iommu(const struct gicits_fabric *f, int node);
GICITS_API struct gicits_xlat *gicits_fabric_xlat(const struct gicits_fabric *f,
						  int node);

/**
 * gicits_fabric_doorbell() - where an MSI controller's doorbell is
 * @f: the fabric
 * @node: an ITS or other MSI controller node
 * @pa: receives the doorbell's physical address
 *
 * Return: GICITS_OK; GICITS_EINVAL for NULL pointers; GICITS_ENOENT when
 * @node is no MSI controller.
 */
GICITS_API int gicits_fabric_doorbell(const struct gicits_fabric *f, int node,
				      uint64_t *pa);

/**
 * gicits_fabric_alloc() - allocate zeroed RAM for the embedder's tables
 * @f: the fabric
 * @size: bytes, > 0
 * @align: a power of two up to 1 GiB (0 means 8)
 * @gpa: receives the guest physical address
 * @host: NULL, or receives a host pointer to the @size bytes
 *
 * A bump allocator over @ram_extra bytes; nothing is ever freed.
 *
 * Return: GICITS_OK; GICITS_EINVAL for NULL pointers, @size 0 or a bad
 * @align; GICITS_ENOMEM when the RAM is exhausted.
 */
GICITS_API int gicits_fabric_alloc(struct gicits_fabric *f, uint64_t size,
				   uint64_t align, uint64_t *gpa, void **host);

/**
 * gicits_fabric_map_event() - map (@device_id, @event_id) to LPI @intid
 * @f: the fabric
 * @its_node: an ITS node
 * @device_id: DeviceID
 * @event_id: EventID, 0..255
 * @intid: LPI INTID, 8192..65535 (the redistributors' IDbits are 16)
 * @cpu: the target redistributor
 *
 * A convenience for demos and tests that issues what a driver would:
 * a level-2 device table page if needed, MAPD (once per DeviceID, an ITT
 * of 256 events), MAPC (collection = @cpu, once), MAPTI, SYNC; it also
 * enables the LPI in the configuration table (priority 0xA0).  Drivers
 * under test issue their own commands through gicits_fabric_its().
 *
 * Return: GICITS_OK; GICITS_EINVAL for NULL @f; GICITS_ENOENT when
 * @its_node is no ITS; GICITS_ERANGE for @device_id beyond @its_devbits,
 * @event_id > 255, @intid outside 8192..65535 or @cpu beyond @num_cpus;
 * GICITS_ENOMEM when the RAM or the 64 DeviceIDs this call tracks per ITS
 * are exhausted; GICITS_ESTATE when the ITS reported a command error (its
 * queue was programmed by someone else, or a stall).
 */
GICITS_API int gicits_fabric_map_event(struct gicits_fabric *f, int its_node,
				       uint32_t device_id, uint32_t event_id,
				       uint32_t intid, unsigned cpu);

/**
 * enum gicits_fabric_hop_kind - one step of a request's path
 * @GICITS_HOP_REQUESTER: the bus master: @node (root complex, platform
 *	node), @in its RID or own-ID index
 * @GICITS_HOP_STREAM: the IOMMU ID map: @in -> StreamID @out at IOMMU
 *	@node
 * @GICITS_HOP_IOMMU: IOMMU @node handled the write: @result an enum
 *	gicits_iommu_outcome, @addr in, @pa out, @event the SMMU event
 *	number; GICITS_HOP_F_UNMODELLED when the IOMMU has no model (passed
 *	untranslated)
 * @GICITS_HOP_WIRE: translator @node: wire @in went to level @out
 * @GICITS_HOP_DOORBELL: the write reached @pa: @node the MSI controller
 *	whose doorbell it is, or -1 (not a doorbell)
 * @GICITS_HOP_DEVICE_ID: the bus tagged the write with DeviceID @out,
 *	from ID @in through the map of @node (the requester, the IOMMU whose
 *	ID mapping the IORT gives, or the translator);
 *	GICITS_HOP_F_RAW_ID when no map gave one and the raw ID is used
 * @GICITS_HOP_ITS: ITS @node translated (DeviceID @in, EventID @out):
 *	@result an enum gicits_drop (GICITS_DROP_NONE: made pending)
 * @GICITS_HOP_LPI: LPI @out made pending on redistributor @cpu
 */
enum gicits_fabric_hop_kind {
	GICITS_HOP_REQUESTER = 1,
	GICITS_HOP_STREAM,
	GICITS_HOP_IOMMU,
	GICITS_HOP_WIRE,
	GICITS_HOP_DOORBELL,
	GICITS_HOP_DEVICE_ID,
	GICITS_HOP_ITS,
	GICITS_HOP_LPI,
};

#define GICITS_HOP_F_UNMODELLED 1u
#define GICITS_HOP_F_RAW_ID 2u

/** struct gicits_fabric_hop - one hop (fields as the kind above says; the
 * others are 0, @node -1 when none) */
struct gicits_fabric_hop {
	enum gicits_fabric_hop_kind kind;
	int node;
	uint32_t in;
	uint32_t out;
	uint64_t addr;
	uint64_t pa;
	int result;
	uint8_t event;
	int cpu;
	uint32_t flags;
};

/**
 * enum gicits_fabric_result - what became of a request
 * @GICITS_FABRIC_DELIVERED: an ITS made an LPI pending
 * @GICITS_FABRIC_DROPPED: the write reached an ITS, which dropped it
 *	(@drop says why; an ITS with no mapping drops everything)
 * @GICITS_FABRIC_IOMMU_ABORT: an IOMMU terminated the write with an abort
 * @GICITS_FABRIC_IOMMU_RAZWI: an IOMMU terminated it as RAZ/WI
 * @GICITS_FABRIC_NO_MSI: GICITS_FABRIC_ADDR_MSI was asked and the
 *	requester has no MSI domain; nothing was written
 * @GICITS_FABRIC_NOT_ITS: the write reached an MSI controller that is no
 *	ITS (GICv2m, MBI, vendor blocks: not modelled)
 * @GICITS_FABRIC_NO_TARGET: the address is no doorbell
 * @GICITS_FABRIC_NOT_POSTED: a wire change posted no message (a falling
 *	edge, a latched level wire)
 */
enum gicits_fabric_result {
	GICITS_FABRIC_DELIVERED = 0,
	GICITS_FABRIC_DROPPED,
	GICITS_FABRIC_IOMMU_ABORT,
	GICITS_FABRIC_IOMMU_RAZWI,
	GICITS_FABRIC_NO_MSI,
	GICITS_FABRIC_NOT_ITS,
	GICITS_FABRIC_NO_TARGET,
	GICITS_FABRIC_NOT_POSTED,
};

#define GICITS_FABRIC_MAX_HOPS 12

/**
 * struct gicits_fabric_delivery - the outcome and path of one request
 * @result: see enum gicits_fabric_result
 * @its_node: the ITS (or other MSI controller) the write reached, or -1
 * @device_id: the DeviceID it carried there (when @its_node >= 0)
 * @event_id: the data written (the EventID)
 * @drop: the ITS's reason (GICITS_DROP_NONE when delivered)
 * @intid: the LPI made pending (GICITS_FABRIC_DELIVERED), else 0
 * @cpu: its redistributor, else -1
 * @n_hops: hops recorded in @hops
 * @truncated: more hops happened than fit
 * @hops: the path, in order
 */
struct gicits_fabric_delivery {
	enum gicits_fabric_result result;
	int its_node;
	uint32_t device_id;
	uint32_t event_id;
	enum gicits_drop drop;
	uint32_t intid;
	int cpu;
	unsigned n_hops;
	bool truncated;
	struct gicits_fabric_hop hops[GICITS_FABRIC_MAX_HOPS];
};

/**
 * gicits_fabric_post_rid() - a DMA write from a PCI requester
 * @f: the fabric
 * @segment: PCI segment
 * @rid: Requester ID
 * @addr: the address written (IOVA when an SMMU translates), or
 *        GICITS_FABRIC_ADDR_MSI for the doorbell of the requester's MSI
 *        domain
 * @data: the 32-bit data (at a doorbell: the EventID)
 * @d: receives the outcome and hops
 *
 * The RID goes through the root complex's iommu-map / IORT mapping to a
 * StreamID and that IOMMU, whose model translates or bypasses the
 * address; the output address is decoded to a doorbell; the DeviceID is
 * the one the topology's ID maps give (see the DOC above); the ITS
 * translates.
 *
 * Return: GICITS_OK (every architectural outcome, aborts and drops
 * included, is in @d); GICITS_EINVAL for NULL pointers; GICITS_ENOENT
 * when no root complex has @segment.
 */
GICITS_API int gicits_fabric_post_rid(struct gicits_fabric *f, uint32_t segment,
				      uint32_t rid, uint64_t addr,
				      uint32_t data,
				      struct gicits_fabric_delivery *d);

/**
 * gicits_fabric_post_node() - a DMA write from a platform node
 * @f: the fabric
 * @node: the node (gicits_topo_find()): a platform device, named
 *        component, SMMU or PMCG (its own MSIs), fsl-mc bus ...
 * @index: which of its own IDs (gicits_topo_own()): 0, 1, ...
 * @addr: as for gicits_fabric_post_rid()
 * @data: as for gicits_fabric_post_rid()
 * @d: receives the outcome and hops
 *
 * Return: GICITS_OK; GICITS_EINVAL for NULL pointers; GICITS_ENOENT when
 * @node has no own ID @index.
 */
GICITS_API int gicits_fabric_post_node(struct gicits_fabric *f, int node,
				       unsigned index, uint64_t addr,
				       uint32_t data,
				       struct gicits_fabric_delivery *d);

/**
 * gicits_fabric_wire() - wire @wire of translator @node changes to @level
 * @f: the fabric
 * @node: a wire-bridge node with a translator (gicits_fabric_xlat())
 * @wire: the wire, 0..num_pins-1 (an mbigen child's pin 64 + @wire)
 * @level: the new level (nonzero: high)
 * @d: receives the outcome and hops (the message, if one was posted)
 *
 * The fabric programs every mbigen pin as an edge interrupt whose EventID
 * is its wire number (what Linux's mbigen driver does with the EventIDs
 * the ITS domain allocates in order), and every IWB table entry the same.
 *
 * Return: GICITS_OK; GICITS_EINVAL for NULL pointers; GICITS_ENOENT when
 * @node has no translator; GICITS_ERANGE for @wire out of range.
 */
GICITS_API int gicits_fabric_wire(struct gicits_fabric *f, int node,
				  uint32_t wire, int level,
				  struct gicits_fabric_delivery *d);

/** gicits_fabric_result_name() - "delivered", "dropped", "iommu-abort",
 * "iommu-razwi", "no-msi", "not-its", "no-target", "not-posted"; "?" */
GICITS_API const char *gicits_fabric_result_name(enum gicits_fabric_result r);

/** gicits_fabric_hop_name() - "requester", "stream", "iommu", "wire",
 * "doorbell", "device-id", "its", "lpi"; "?" */
GICITS_API const char *gicits_fabric_hop_name(enum gicits_fabric_hop_kind k);

#ifdef __cplusplus
}
#endif
#endif
