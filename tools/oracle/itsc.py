#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Compile an ITS oracle scenario (text) into the binary blob read by
build/prog.elf.  The language is specified in README.md (GICv3 actions,
CONFIG indirect=1, and the "GICv4.0" section for CONFIG gic=4 and the
GICv4.0 actions).

    itsc.py SCENARIO.txt -o scenario.bin      # compile
    itsc.py --check SCENARIO.txt               # syntax check only
"""
import re
import struct
import sys

MAGIC = 0x4F535449
VERSION = 2
HDR_FMT = "<8I8I"           # 64 bytes
VPE_NONE = 0xFFFFFFFF
OP_FMT = "<II5Q"            # 48 bytes

OPS = {
    "MAPD": 1, "MAPC": 2, "MAPTI": 3, "MAPI": 4, "INT": 5, "CLEAR": 6,
    "DISCARD": 7, "MOVI": 8, "MOVALL": 9, "INV": 10, "INVALL": 11,
    "SYNC": 12, "RAWCMD": 13, "LPICFG": 20, "MSI": 21, "DRAIN": 22,
    "REG": 23, "PENDING": 24,
    "VMAPP": 30, "VMAPTI": 31, "VMAPI": 32, "VMOVI": 33, "VMOVP": 34,
    "VSYNC": 35, "VINVALL": 36, "RESIDENT": 37, "VLPICFG": 38, "VPENDING": 39,
    # SMMUv3 + edu (CONFIG iommu=smmuv3)
    "SMMU": 50, "STE": 51, "L1STD": 52, "CD": 53, "MAP": 54, "UNMAP": 55,
    "EDU_MSI": 57, "EVENTS": 58, "SREG": 59, "EDU_DMA": 60, "FILL": 61,
    "DUMP": 62,
}
# SMMU commands: each compiles to one OP_SCMD (56) with DW0/DW1.
SMMU_CMDS = {"CFGI_STE", "CFGI_STE_RANGE", "CFGI_ALL", "CFGI_CD", "CFGI_CD_ALL",
             "TLBI_NH_ALL", "TLBI_NH_ASID", "TLBI_NH_VA", "TLBI_NSNH_ALL",
             "CMD_SYNC", "SMMU_RAWCMD"}
OP_SCMD = 56
SMMU_ACTIONS = set(k for k, v in OPS.items() if v >= 50) | SMMU_CMDS
SREGS = ["IDR0", "IDR1", "IDR5", "CR0", "CR0ACK", "CR2", "GBPA", "IRQ_CTRL",
         "GERROR", "GERRORN", "STRTAB_BASE_CFG", "CMDQ_PROD", "CMDQ_CONS",
         "EVENTQ_PROD", "EVENTQ_CONS"]
STE_CONFIGS = {"abort": 0, "bypass": 4, "s1": 5, "s2": 6, "nested": 7}
KEEP = 2**64 - 1
RAW_ADDR = 1 << 62
DMA_WIN_SIZE = 0x01000000
V4_ACTIONS = {"VMAPP", "VMAPTI", "VMAPI", "VMOVI", "VMOVP", "VSYNC", "VINVALL",
              "RESIDENT", "VLPICFG", "VPENDING"}
REGS = {"CTLR": 0, "IIDR": 1, "TYPER": 2, "CBASER": 3, "CWRITER": 4,
        "CREADR": 5}
REGS.update({"BASER%d" % n: 8 + n for n in range(8)})

U32 = (0, 2**32 - 1)
U16 = (0, 2**16 - 1)
U64 = (0, 2**64 - 1)
RDB = (0, 2**35 - 1)        # RDbase field of MAPC/SYNC/MOVALL is bits [50:16]
BOOL = (0, 1)
U16V = (0, 2**16 - 1)       # vPEID fields are 16 bits

# action -> {key: (range, default)}; default None means required
SIGS = {
    "MAPD":    {"dev": (U32, None), "bits": ((1, 32), None), "valid": (BOOL, 1),
                "itt": (None, "alloc")},
    "MAPC":    {"icid": (U16, None), "cpu": (RDB, None), "valid": (BOOL, 1)},
    "MAPTI":   {"dev": (U32, None), "event": (U32, None), "intid": (U32, None),
                "icid": (U16, None)},
    "MAPI":    {"dev": (U32, None), "event": (U32, None), "icid": (U16, None)},
    "INT":     {"dev": (U32, None), "event": (U32, None)},
    "CLEAR":   {"dev": (U32, None), "event": (U32, None)},
    "DISCARD": {"dev": (U32, None), "event": (U32, None)},
    "INV":     {"dev": (U32, None), "event": (U32, None)},
    "MOVI":    {"dev": (U32, None), "event": (U32, None), "icid": (U16, None)},
    "MOVALL":  {"from": (RDB, None), "to": (RDB, None)},
    "INVALL":  {"icid": (U16, None)},
    "SYNC":    {"cpu": (RDB, None)},
    "RAWCMD":  {"d0": (U64, 0), "d1": (U64, 0), "d2": (U64, 0), "d3": (U64, 0)},
    "LPICFG":  {"intid": ((8192, 65535), None), "prio": ((0, 255), None),
                "enable": (BOOL, None)},
    "MSI":     {"event": (U32, None)},
    "DRAIN":   {},
    "PENDING": {},
    # GICv4.0 (CONFIG gic=4 only)
    "VMAPP":   {"vpe": (U16V, None), "cpu": (RDB, None), "valid": (BOOL, 1),
                "size": ((0, 31), None)},
    "VMAPTI":  {"dev": (U32, None), "event": (U32, None), "vpe": (U16V, None),
                "vintid": (U32, None), "db": (U32, 1023)},
    "VMAPI":   {"dev": (U32, None), "event": (U32, None), "vpe": (U16V, None),
                "db": (U32, 1023)},
    "VMOVI":   {"dev": (U32, None), "event": (U32, None), "vpe": (U16V, None),
                "db": (U32, "absent")},
    "VMOVP":   {"vpe": (U16V, None), "cpu": (RDB, None)},
    "VSYNC":   {"vpe": (U16V, None)},
    "VINVALL": {"vpe": (U16V, None)},
    "RESIDENT": {"cpu": ((0, 3), None), "vpe": (None, None)},
    "VLPICFG": {"intid": ((8192, 65535), None), "prio": ((0, 255), None),
                "enable": (BOOL, None)},
    "VPENDING": {},
    # SMMUv3 + edu (CONFIG iommu=smmuv3 only); "keep" = leave unchanged
    "SMMU":    {"enable": (BOOL, "keep"), "eventq": (BOOL, "keep"),
                "gbpa_abort": (BOOL, "keep"), "recinvsid": (BOOL, "keep")},
    "STE":     {"sid": (U16, None), "valid": (BOOL, 1), "config": (None, None),
                "cd": ((0, 63), "none"), "cdptr": ((0, 2**56 - 1), "none"),
                "s1cdmax": ((0, 31), 0),
                "s1dss": ((0, 3), 0), "s1stalld": (BOOL, 0), "s2tt": ((0, 15), "none")},
    "L1STD":   {"index": ((0, 2**16 - 1), None), "span": ((0, 31), None),
                "l2": ((1, 2**56 - 1), 0)},
    "CD":      {"cd": ((0, 63), None), "asid": (U16, None), "tt": ((0, 15), "raw"),
                "ttb": ((0, 2**56 - 1), "none"),
                "valid": (BOOL, 1), "r": (BOOL, 1), "a": (BOOL, 1), "s": (BOOL, 0),
                "aa64": (BOOL, 1), "epd0": (BOOL, 0), "affd": (BOOL, 1),
                "ha": (BOOL, 0), "hd": (BOOL, 0), "t0sz": ((0, 63), 16),
                "tg0": ((0, 3), 0), "ips": ((0, 7), 5)},
    "MAP":     {"tt": ((0, 15), None), "iova": ((0, 2**48 - 1), None),
                "pa": ((0, 2**48 - 1), "raw"), "ap": ((0, 3), 1), "af": (BOOL, 1),
                "attr": ((0, 7), 0), "raw": (U64, "none")},
    "UNMAP":   {"tt": ((0, 15), None), "iova": ((0, 2**48 - 1), None)},
    "CFGI_STE": {"sid": (U32, None), "leaf": (BOOL, 1)},
    "CFGI_STE_RANGE": {"sid": (U32, None), "range": ((0, 31), None)},
    "CFGI_ALL": {},
    "CFGI_CD": {"sid": (U32, None), "ssid": ((0, 2**20 - 1), 0), "leaf": (BOOL, 1)},
    "CFGI_CD_ALL": {"sid": (U32, None)},
    "TLBI_NH_ALL": {},
    "TLBI_NH_ASID": {"asid": (U16, None)},
    "TLBI_NH_VA": {"asid": (U16, None), "iova": ((0, 2**64 - 1), None), "leaf": (BOOL, 1)},
    "TLBI_NSNH_ALL": {},
    "CMD_SYNC": {},
    "SMMU_RAWCMD": {"d0": (U64, 0), "d1": (U64, 0)},
    "EDU_MSI": {"addr": (U64, None), "data": (U16, None)},
    "EDU_DMA": {"dir": (None, None), "iova": (U64, None), "count": ((1, 4096), None),
                "off": ((0, 4095), 0)},
    "FILL":    {"off": ((0, DMA_WIN_SIZE - 1), None), "count": ((1, 4096), None),
                "seed": ((0, 255), 0)},
    "DUMP":    {"off": ((0, DMA_WIN_SIZE - 1), None), "count": ((1, 256), None)},
    "EVENTS":  {},
    "CONFIG":  {"iommu": (None, "none"), "st_levels": ((1, 2), 1),
                "st_log2size": ((1, 16), None), "st_split": ((6, 10), 8),
                "evq_log2size": ((1, 10), 7),
                "cpus": ((1, 4), 4), "dt_pages": ((1, 256), None),
                "ct_pages": ((1, 256), 128), "cq_pages": ((1, 256), 256),
                "batch": (BOOL, 1), "gic": ((3, 4), 3),
                "vt_pages": ((1, 128), 128), "indirect": (BOOL, 0)},
}
# dt_pages default: 128 flat pages (all 65536 DeviceIDs), or 1 level-1 page
# with indirect=1 (512 descriptors x 512 DTEs, capped at 2^16 by Devbits).
DT_PAGES_DEFAULT = {0: 128, 1: 1}

# Commands whose DW0[63:32] is a DeviceID (for RAWCMD DeviceID collection):
# MAPD, MAPTI, MAPI, MOVI, DISCARD, INV, INT, CLEAR, VMOVI, VMAPTI, VMAPI.
DEVID_OPCODES = {0x01, 0x03, 0x04, 0x08, 0x0A, 0x0B, 0x0C, 0x0F,
                 0x21, 0x2A, 0x2B}

NUM_RE = re.compile(r"^(?:0[xX][0-9a-fA-F]+|[0-9]+)$")


class ScenarioError(Exception):
    pass


def parse_num(s, where):
    if not NUM_RE.match(s):
        raise ScenarioError("%s: bad number %r" % (where, s))
    return int(s, 16) if s[:2].lower() == "0x" else int(s, 10)


def parse(text, name="<scenario>"):
    """Return (config dict, list of (opname, lineno, args dict))."""
    ops = []
    config = {}
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        where = "%s:%d" % (name, lineno)
        toks = line.split()
        kw = toks[0].upper()
        if kw == "REG":
            if len(toks) != 2 or toks[1].upper() not in REGS:
                raise ScenarioError("%s: REG takes one of %s" %
                                    (where, " ".join(REGS)))
            ops.append(("REG", lineno, {"reg": REGS[toks[1].upper()]}))
            continue
        if kw == "SREG":
            if len(toks) != 2 or toks[1].upper() not in SREGS:
                raise ScenarioError("%s: SREG takes one of %s" % (where, " ".join(SREGS)))
            ops.append(("SREG", lineno, {"reg": SREGS.index(toks[1].upper())}))
            continue
        if kw not in SIGS:
            raise ScenarioError("%s: unknown action %r" % (where, toks[0]))
        sig = SIGS[kw]
        args = {}
        for t in toks[1:]:
            if "=" not in t:
                raise ScenarioError("%s: expected key=value, got %r" % (where, t))
            k, v = t.split("=", 1)
            k = k.lower()
            if k not in sig:
                raise ScenarioError("%s: %s has no parameter %r" % (where, kw, k))
            if k in args:
                raise ScenarioError("%s: duplicate parameter %r" % (where, k))
            rng = sig[k][0]
            if kw == "RESIDENT" and k == "vpe":
                if v.lower() == "none":
                    args[k] = VPE_NONE
                else:
                    n = parse_num(v, where)
                    if not U16V[0] <= n <= U16V[1]:
                        raise ScenarioError("%s: vpe=%d out of range [0, 65535] (or none)" % (where, n))
                    args[k] = n
                continue
            if kw == "CONFIG" and k == "iommu":
                if v.lower() not in ("smmuv3", "none"):
                    raise ScenarioError("%s: iommu must be smmuv3 or none" % where)
                args[k] = v.lower()
                continue
            if kw == "STE" and k == "config":
                if v.lower() in STE_CONFIGS:
                    args[k] = STE_CONFIGS[v.lower()]
                else:
                    n = parse_num(v, where)
                    if not 0 <= n <= 7:
                        raise ScenarioError("%s: config must be abort|bypass|s1|s2|nested or 0..7" % where)
                    args[k] = n
                continue
            if kw == "EDU_DMA" and k == "dir":
                if v.lower() not in ("to_dev", "to_ram"):
                    raise ScenarioError("%s: dir must be to_dev or to_ram" % where)
                args[k] = v.lower()
                continue
            if kw == "MAPD" and k == "itt":
                if v.lower() == "reuse":
                    args[k] = "reuse"
                else:
                    a = parse_num(v, where)
                    if a & 0xff or a >= 2**52:
                        raise ScenarioError("%s: itt must be 256-byte aligned and < 2^52" % where)
                    args[k] = a
                continue
            n = parse_num(v, where)
            if not rng[0] <= n <= rng[1]:
                raise ScenarioError("%s: %s=%d out of range [%d, %d]" %
                                    (where, k, n, rng[0], rng[1]))
            args[k] = n
        # defaults / required
        if kw != "CONFIG":
            args["_given"] = tuple(args)
        optional_when_invalid = {("MAPD", "bits"), ("MAPC", "cpu"), ("VMAPP", "cpu")}
        if kw == "VMAPP" and "size" not in args:
            args["size"] = 15 if args.get("valid", 1) else 0
        for k, (rng, dflt) in sig.items():
            if k in args:
                continue
            if dflt is None:
                if kw == "CONFIG":
                    continue
                if (kw, k) in optional_when_invalid and args.get("valid", 1) == 0:
                    args[k] = 1 if k == "bits" else 0
                    continue
                raise ScenarioError("%s: %s requires %s=" % (where, kw, k))
            if kw != "CONFIG":
                args[k] = dflt
        if kw == "CONFIG":
            for k, v in args.items():
                if k in config:
                    raise ScenarioError("%s: CONFIG %s given twice" % (where, k))
                config[k] = v
            continue
        ops.append((kw, lineno, args))
    for k, (rng, dflt) in SIGS["CONFIG"].items():
        if dflt is not None:
            config.setdefault(k, dflt)
    config.setdefault("dt_pages", DT_PAGES_DEFAULT[config["indirect"]])
    config.setdefault("st_log2size", 8 if config["st_levels"] == 1 else 16)
    if config["iommu"] == "smmuv3":
        if config["gic"] != 3:
            raise ScenarioError("%s: CONFIG iommu=smmuv3 needs gic=3" % name)
        if config["st_levels"] == 2 and config["st_split"] >= config["st_log2size"]:
            raise ScenarioError("%s: st_split must be < st_log2size" % name)
    # whole-scenario checks
    resident = {}                     # cpu -> vpe
    for kw, lineno, args in ops:
        where = "%s:%d" % (name, lineno)
        if kw in V4_ACTIONS and config["gic"] != 4:
            raise ScenarioError("%s: %s needs CONFIG gic=4" % (where, kw))
        if kw in SMMU_ACTIONS and config["iommu"] != "smmuv3":
            raise ScenarioError("%s: %s needs CONFIG iommu=smmuv3" % (where, kw))
        if kw == "STE":
            if args["sid"] >= 2**config["st_log2size"]:
                raise ScenarioError("%s: sid beyond the stream table (st_log2size=%d)" % (where, config["st_log2size"]))
            if args["cd"] != "none" and args["cdptr"] != "none":
                raise ScenarioError("%s: cd= and cdptr= exclude each other" % where)
            if args["config"] in (5, 7) and args["cd"] == "none" and args["cdptr"] == "none":
                raise ScenarioError("%s: a stage-1 STE needs cd= or cdptr=" % where)
        if kw == "CD" and (args["tt"] == "raw") == (args["ttb"] == "none"):
            raise ScenarioError("%s: CD needs exactly one of tt= and ttb=" % where)
        if kw == "L1STD":
            if config["st_levels"] != 2 or args["index"] >= 2**(config["st_log2size"] - config["st_split"]):
                raise ScenarioError("%s: L1STD needs st_levels=2 and index < 2^(st_log2size-st_split)" % where)
        if kw == "MAP":
            if (args["pa"] == "raw") == (args["raw"] == "none"):
                raise ScenarioError("%s: MAP needs exactly one of pa= and raw=" % where)
            if args["raw"] != "none" and any(k in args.get("_given", ()) for k in ("ap", "af", "attr")):
                raise ScenarioError("%s: raw= excludes ap/af/attr" % where)
        if kw == "EDU_DMA" and args["off"] + args["count"] > 4096:
            raise ScenarioError("%s: off+count beyond the 4 KiB edu buffer" % where)
        if kw in ("FILL", "DUMP") and args["off"] + args["count"] > DMA_WIN_SIZE:
            raise ScenarioError("%s: off+count beyond the DMA window" % where)
        if kw == "RESIDENT":
            k, v = args["cpu"], args["vpe"]
            if k >= config["cpus"]:
                raise ScenarioError("%s: cpu=%d but CONFIG cpus=%d" % (where, k, config["cpus"]))
            if v != VPE_NONE:
                for k2, v2 in resident.items():
                    if v2 == v and k2 != k:
                        raise ScenarioError("%s: vpe %d is already resident on cpu %d" % (where, v, k2))
            resident[k] = v
    return config, ops


def used_devids(ops):
    """Every DeviceID named by an action, ascending. MSI counts as DeviceID 0
    (what QEMU takes from a CPU store); RAWCMD counts when DW0[7:0] is a
    command that carries a DeviceID."""
    ids = set()
    for kw, _, a in ops:
        if "dev" in a:
            ids.add(a["dev"])
        elif kw == "MSI":
            ids.add(0)
        elif kw == "RAWCMD" and (a["d0"] & 0xff) in DEVID_OPCODES:
            ids.add(a["d0"] >> 32)
    return sorted(ids)


def smmu_cmd(kw, a):
    """DW0, DW1 of an SMMUv3 command (IHI 0070 section 4)."""
    if kw == "CFGI_STE":
        return 0x03 | a["sid"] << 32, a["leaf"]
    if kw == "CFGI_STE_RANGE":
        return 0x04 | a["sid"] << 32, a["range"]
    if kw == "CFGI_ALL":
        return 0x04, 31
    if kw == "CFGI_CD":
        return 0x05 | a["ssid"] << 12 | a["sid"] << 32, a["leaf"]
    if kw == "CFGI_CD_ALL":
        return 0x06 | a["sid"] << 32, 0
    if kw == "TLBI_NH_ALL":
        return 0x10, 0
    if kw == "TLBI_NH_ASID":
        return 0x11 | a["asid"] << 48, 0
    if kw == "TLBI_NH_VA":
        return 0x12 | a["asid"] << 48, (a["iova"] & ~0xfff & (2**64 - 1)) | a["leaf"]
    if kw == "TLBI_NSNH_ALL":
        return 0x30, 0
    if kw == "CMD_SYNC":
        return 0x46, 0
    if kw == "SMMU_RAWCMD":
        return a["d0"], a["d1"]
    raise AssertionError(kw)


def encode_op(kw, lineno, a):
    if kw == "MAPD":
        itt = a["itt"]
        mode, addr = (0, 0) if itt == "alloc" else (2, 0) if itt == "reuse" else (1, itt)
        args = [a["dev"], a["bits"], a["valid"], mode, addr]
    elif kw == "MAPC":
        args = [a["icid"], a["cpu"], a["valid"]]
    elif kw == "MAPTI":
        args = [a["dev"], a["event"], a["intid"], a["icid"]]
    elif kw in ("MAPI", "MOVI"):
        args = [a["dev"], a["event"], a["icid"]]
    elif kw in ("INT", "CLEAR", "DISCARD", "INV"):
        args = [a["dev"], a["event"]]
    elif kw == "MOVALL":
        args = [a["from"], a["to"]]
    elif kw == "INVALL":
        args = [a["icid"]]
    elif kw == "SYNC":
        args = [a["cpu"]]
    elif kw == "RAWCMD":
        args = [a["d0"], a["d1"], a["d2"], a["d3"]]
    elif kw == "LPICFG":
        args = [a["intid"], a["prio"], a["enable"]]
    elif kw == "MSI":
        args = [a["event"]]
    elif kw == "VMAPP":
        args = [a["vpe"], a["cpu"], a["valid"], a["size"]]
    elif kw == "VMAPTI":
        args = [a["dev"], a["event"], a["vpe"], a["vintid"], a["db"]]
    elif kw == "VMAPI":
        args = [a["dev"], a["event"], a["vpe"], a["db"]]
    elif kw == "VMOVI":
        d = 0 if a["db"] == "absent" else 1
        args = [a["dev"], a["event"], a["vpe"], d, 0 if d == 0 else a["db"]]
    elif kw == "VMOVP":
        args = [a["vpe"], a["cpu"]]
    elif kw in ("VSYNC", "VINVALL"):
        args = [a["vpe"]]
    elif kw == "RESIDENT":
        args = [a["cpu"], a["vpe"]]
    elif kw == "VLPICFG":
        args = [a["intid"], a["prio"], a["enable"]]
    elif kw in ("DRAIN", "PENDING", "VPENDING", "EVENTS"):
        args = []
    elif kw == "SMMU":
        args = [KEEP if a[k] == "keep" else a[k]
                for k in ("enable", "eventq", "gbpa_abort", "recinvsid")]
    elif kw == "STE":
        cd = (KEEP if a["cd"] == "none" else a["cd"]) if a["cdptr"] == "none" \
            else RAW_ADDR | a["cdptr"]
        args = [a["sid"], a["valid"], a["config"], cd,
                a["s1cdmax"] | a["s1dss"] << 8 | a["s1stalld"] << 16 |
                (0xff if a["s2tt"] == "none" else a["s2tt"]) << 24]
    elif kw == "L1STD":
        args = [a["index"], a["span"], a["l2"]]
    elif kw == "CD":
        f = 0
        for bit, k in enumerate(("valid", "r", "a", "s", "aa64", "epd0", "affd", "ha", "hd")):
            f |= a[k] << bit
        tt = RAW_ADDR | a["ttb"] if a["tt"] == "raw" else a["tt"]
        args = [a["cd"], a["asid"], tt, f, a["t0sz"] | a["tg0"] << 8 | a["ips"] << 16]
    elif kw == "MAP":
        if a["raw"] != "none":
            args = [a["tt"], a["iova"], 0, 1 << 31, a["raw"]]
        else:
            args = [a["tt"], a["iova"], a["pa"], a["ap"] | a["af"] << 8 | a["attr"] << 16]
    elif kw == "UNMAP":
        args = [a["tt"], a["iova"]]
    elif kw in SMMU_CMDS:
        args = list(smmu_cmd(kw, a))
        return struct.pack(OP_FMT, OP_SCMD, lineno, *(args + [0] * 3))
    elif kw == "EDU_MSI":
        args = [a["addr"], a["data"]]
    elif kw == "EDU_DMA":
        args = [0 if a["dir"] == "to_dev" else 1, a["iova"], a["count"], a["off"]]
    elif kw == "FILL":
        args = [a["off"], a["count"], a["seed"]]
    elif kw == "DUMP":
        args = [a["off"], a["count"]]
    elif kw == "SREG":
        args = [a["reg"]]
    elif kw == "REG":
        args = [a["reg"]]
    else:
        raise AssertionError(kw)
    args = (args + [0] * 5)[:5]
    return struct.pack(OP_FMT, OPS[kw], lineno, *args)


def compile_text(text, name="<scenario>"):
    config, ops = parse(text, name)
    body = b"".join(encode_op(*o) for o in ops)
    devids = used_devids(ops) if config["indirect"] else []
    body += struct.pack("<%dI" % len(devids), *devids)
    checksum = sum(struct.unpack("<%dI" % (len(body) // 4), body)) & 0xffffffff
    flags = (0 if config["batch"] else 1) | (2 if config["indirect"] else 0)
    iommu = 1 if config["iommu"] == "smmuv3" else 0
    st_cfg = (config["st_levels"] | config["st_split"] << 8 |
              config["st_log2size"] << 16) if iommu else 0
    hdr = struct.pack(HDR_FMT, MAGIC, VERSION, len(ops), config["cpus"],
                      config["dt_pages"], config["ct_pages"],
                      config["cq_pages"], checksum, flags, config["gic"],
                      config["vt_pages"], len(devids), iommu, st_cfg,
                      config["evq_log2size"] if iommu else 0, 0)
    assert len(hdr) == 64
    return config, hdr + body


def main(argv):
    import argparse
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("scenario")
    ap.add_argument("-o", "--output")
    ap.add_argument("--check", action="store_true")
    opt = ap.parse_args(argv)
    with open(opt.scenario) as f:
        text = f.read()
    try:
        config, blob = compile_text(text, opt.scenario)
    except ScenarioError as e:
        print("itsc: error: %s" % e, file=sys.stderr)
        return 1
    if opt.check:
        print("ok: %d ops, config %s" % (struct.unpack_from("<I", blob, 8)[0], config))
        return 0
    if not opt.output:
        ap.error("-o is required unless --check")
    with open(opt.output, "wb") as f:
        f.write(blob)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
