#!/usr/bin/env python3
"""Writes the hand-made seeds of fuzz/corpus/fuzz_iort: small ACPI IORT
tables (and a few with a MADT appended, see fuzz_iort.c) built from the
layouts of the IORT specification (DEN 0049).  Run from the repository root:
python3 fuzz/gen_iort_seeds.py"""
import os
import struct

OUT = "fuzz/corpus/fuzz_iort"


def acpi_header(sig, length, rev):
    return sig + struct.pack("<IBB6s8sIII", length, rev, 0, b"GICITS", b"FUZZSEED", 1, 0x46555A5A, 1)


def fix_checksum(t):
    t = bytearray(t)
    t[9] = 0
    t[9] = (-sum(t)) & 0xFF
    return bytes(t)


class Iort:
    def __init__(self, rev=5):
        self.rev = rev
        self.nodes = []  # (type, rev, ident, body-fn, mappings)

    def add(self, ntype, body, maps=(), nrev=None, ident=None):
        self.nodes.append([ntype, nrev if nrev is not None else 0, ident if ident is not None else len(self.nodes), body, list(maps)])
        return len(self.nodes) - 1

    def build(self, bad_checksum=False, extra_len=0):
        # layout: nodes back to back from offset 48
        offs, off = [], 48
        for ntype, nrev, ident, body, maps in self.nodes:
            offs.append(off)
            off += 16 + len(body) + 20 * len(maps)
        out = b""
        for i, (ntype, nrev, ident, body, maps) in enumerate(self.nodes):
            ln = 16 + len(body) + 20 * len(maps)
            ref = 16 + len(body) if maps else 0
            out += struct.pack("<BHBIII", ntype, ln, nrev, ident, len(maps), ref) + body
            for (ib, n, ob, target, flags) in maps:
                tref = offs[target] if isinstance(target, int) and target >= 0 else (-target if isinstance(target, int) else target)
                out += struct.pack("<IIIII", ib, n, ob, tref & 0xFFFFFFFF, flags)
        total = 48 + len(out) + extra_len
        t = acpi_header(b"IORT", total, self.rev) + struct.pack("<III", len(self.nodes), 48, 0) + out + b"\0" * extra_len
        t = fix_checksum(t)
        if bad_checksum:
            t = t[:9] + bytes([(t[9] + 1) & 0xFF]) + t[10:]
        return t


def its_group(*ids):
    return struct.pack("<I", len(ids)) + b"".join(struct.pack("<I", i) for i in ids)


def root_complex(seg, rev=4):
    body = struct.pack("<QII", 0, 0, seg)
    if rev >= 1:
        body += struct.pack("<B", 48) + (struct.pack("<H", 0) + b"\0" if rev >= 4 else b"\0\0\0")
        if rev >= 4:
            body += struct.pack("<I", 0)
    return body


def named(name):
    b = struct.pack("<IQB", 0, 0, 48) + name + b"\0"
    return b + b"\0" * (-len(b) % 4)


def smmuv3(devid_index=0, model=0):
    return struct.pack("<QIIQIIIIIII", 0x2B400000, 0, 0, 0, model, 0, 0, 0, 0, 0, devid_index)


def smmuv2():
    # base, span, model, flags, global irq ref, n ctx, ctx ref, n pmu, pmu ref, then 4 u32 global, 1 ctx irq
    return struct.pack("<QQIIIIIII", 0x2B000000, 0x10000, 3, 0, 60, 1, 76, 0, 0) + struct.pack("<IIII", 32, 0, 33, 0) + struct.pack("<Q", 34)


def pmcg(ref):
    return struct.pack("<QIIQ", 0x2B420000, 0, ref, 0x2B430000)


def rmr(n=1):
    body = struct.pack("<III", 0, n, 16 + 12)
    for i in range(n):
        body += struct.pack("<QQI", 0x80000000 + i * 0x10000, 0x10000, 0)
    return body


def madt(*its_ids):
    s = b"".join(struct.pack("<BBHIQI", 0x0F, 20, 0, i, 0x8080000 + 0x20000 * i, 0) for i in its_ids)
    t = acpi_header(b"APIC", 44 + len(s), 5) + struct.pack("<II", 0, 0) + s
    return fix_checksum(t)


def offset_of(io, idx):
    off = 48
    for n in io.nodes[:idx]:
        off += 16 + len(n[3]) + 20 * len(n[4])
    return off


def seeds():
    # 1. RC -> ITS directly
    io = Iort()
    its = io.add(0, its_group(0))
    io.add(2, root_complex(0), [(0, 0xFFFF, 0, its, 0)], nrev=4)
    yield "rc_its", io.build()
    # 2. RC -> SMMUv3 -> ITS, SMMU own MSIs via DeviceID mapping index
    io = Iort()
    its = io.add(0, its_group(0, 1))
    sm = io.add(4, smmuv3(devid_index=1), [(0, 0xFFFF, 0, its, 0), (0, 1, 0x10000, its, 1)], nrev=4)
    io.add(2, root_complex(0), [(0, 0xFFFF, 0, sm, 0)], nrev=4)
    yield "rc_smmuv3_its", io.build()
    yield "rc_smmuv3_its_madt", io.build() + madt(0, 1)
    yield "rc_smmuv3_its_madt_missing", io.build() + madt(0) + b"\x01"
    # 3. SMMUv3 revision 0 (DeviceID mapping index ignored)
    io = Iort(rev=0)
    its = io.add(0, its_group(0))
    sm = io.add(4, smmuv3(devid_index=0), [(0, 0xFFFF, 0, its, 0), (0, 1, 0x20000, its, 1)], nrev=0)
    io.add(2, root_complex(0, rev=0), [(0, 0xFFFF, 0, sm, 0)], nrev=0)
    yield "smmuv3_rev0", io.build()
    # 4. off-by-one (Linux's last-ID quirk): ranges 0..0xff (num=0x100) and 0x100..
    io = Iort()
    its = io.add(0, its_group(0))
    io.add(2, root_complex(0), [(0, 0x100, 0, its, 0), (0x100, 0xFF, 0x1000, its, 0)], nrev=4)
    yield "off_by_one", io.build()
    # 5. two root complexes colliding at one ITS, and a named component
    io = Iort()
    its = io.add(0, its_group(0))
    io.add(2, root_complex(0), [(0, 0xFFF, 0, its, 0)], nrev=4)
    io.add(2, root_complex(1), [(0, 0xFFF, 0x800, its, 0)], nrev=4)
    io.add(1, named(b"\\_SB.ETH0"), [(0, 0, 0x900, its, 1)], nrev=4)
    yield "collide_named", io.build()
    # 6. named component -> SMMUv2 -> ITS, PMCG, RMR
    io = Iort()
    its = io.add(0, its_group(3))
    s2 = io.add(3, smmuv2(), [(0, 0x7FFF, 0x8000, its, 0)], nrev=3)
    io.add(1, named(b"\\_SB.USB0"), [(0, 0, 0x42, s2, 1)], nrev=4)
    io.add(5, pmcg(0), [(0, 0, 0x30000, its, 1)], nrev=2)
    io.add(6, rmr(2), [(0x42, 0, 0x42, s2, 1)], nrev=3)
    yield "smmuv2_pmcg_rmr", io.build()
    # 7. PMCG referencing the SMMUv3 node
    io = Iort()
    its = io.add(0, its_group(0))
    sm = io.add(4, smmuv3(devid_index=1), [(0, 0xFFFF, 0, its, 0), (0, 0, 0x10000, its, 1)], nrev=5)
    io.nodes.append([5, 2, 9, pmcg(offset_of(io, sm)), [(0, 0, 0x10001, its, 1)]])
    io.add(2, root_complex(2), [(0, 0xFFFF, 0, sm, 0)], nrev=4)
    yield "pmcg_smmuv3", io.build()
    # 8. broken: dangling reference, self loop, bad checksum, unknown type
    io = Iort()
    its = io.add(0, its_group(0))
    io.add(2, root_complex(0), [(0, 0xFFFF, 0, -0x9999, 0)], nrev=4)
    yield "dangling", io.build()
    io = Iort()
    sm = io.add(4, smmuv3(), [(0, 0xFFFF, 0, 0, 0)], nrev=4)
    io.add(2, root_complex(0), [(0, 0xFFFF, 0, sm, 0)], nrev=4)
    yield "self_loop", io.build()
    io = Iort()
    its = io.add(0, its_group(0))
    io.add(0x7F, b"\0" * 8)
    io.add(2, root_complex(0), [(0, 0xFFFF, 0, its, 0)], nrev=4)
    yield "unknown_type_bad_checksum", io.build(bad_checksum=True)
    # 9. IWB (type 7): a wire-to-MSI bridge with a single mapping
    io = Iort()
    its = io.add(0, its_group(0))
    io.add(7, struct.pack("<QH", 0x2F000000, 1) + b"\\_SB.IWB0\0" + b"\0\0\0\0", [(0, 0, 0x50000, its, 1)], nrev=1)
    yield "iwb", io.build()
    # 10. two SMMUs chained (SMMUv2 behind SMMUv3: not real, but legal bytes)
    io = Iort()
    its = io.add(0, its_group(0))
    sm = io.add(4, smmuv3(), [(0, 0xFFFF, 0, its, 0)], nrev=4)
    s2 = io.add(3, smmuv2(), [(0, 0xFFFF, 0, sm, 0)], nrev=3)
    io.add(2, root_complex(0), [(0, 0xFFFF, 0, s2, 0)], nrev=4)
    yield "chain", io.build()


def main():
    os.makedirs(OUT, exist_ok=True)
    n = 0
    for name, t in seeds():
        with open(os.path.join(OUT, "seed_" + name), "wb") as f:
            f.write(t)
        n += 1
        # truncated and length-lying variants
        with open(os.path.join(OUT, "seed_" + name + "_trunc"), "wb") as f:
            f.write(t[: max(36, len(t) * 3 // 4)])
        n += 1
    print(n, "seeds")


main()
