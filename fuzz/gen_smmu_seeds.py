#!/usr/bin/env python3
"""Writes the hand-made seeds of fuzz/corpus/fuzz_smmu (see fuzz_smmu.c for
the input format).  Run from the repository root:
python3 fuzz/gen_smmu_seeds.py"""
import os

OUT = "fuzz/corpus/fuzz_smmu"

# op numbers (op byte % 16)
MMIO_W, MMIO_R, INSTALL, MUTATE, RAW, INVAL, CMD, DEV, CONSUME, SWEEP = (
    0, 2, 3, 5, 6, 7, 9, 10, 13, 14)
ABORT, BYPASS, S1, S1B, S1_16K, S2, S2B, NESTED, INVALID = range(9)
# register indices in fuzz_smmu.c's regs_all[]
R_CR0, R_GBPA, R_GERRORN, R_CMDQ_CONS = 8, 13, 17, 25


def slots(kinds, attrs):
    """Four IOVA slots: target kind (0 doorbell, 3 RAM, 4 unbacked, 5 Address
    size, 7 unmapped; +0x18 a block) and attribute byte (AP / S2AP)."""
    out = []
    for k, a in zip(kinds, attrs):
        out += [k, a]
    return out


DB4 = slots([0, 0x18, 3, 7], [2, 2, 2, 2])  # doorbell page, block, RAM, none
PERM = slots([0, 0, 0, 0], [0, 1, 2, 0x1C])  # priv-only, RO, RW, AF=0


def install(s, kind, o1=0, o2=0, sl=DB4):
    body = [INSTALL, s, kind, o1, o2]
    ncd = 4 if o1 & 1 else 1
    if kind in (S1, S1B, S1_16K, NESTED):
        body += sl * ncd
    elif kind in (S2, S2B):
        body += sl
    return body


def inval(s, all_=False):
    return [INVAL, 1 if all_ else 0, s]


def dev(sidx, slot=0, data=0, ssv=False, ssid=0, priv=False, write=True):
    """A device write (or read) from StreamID index sidx (0..7 = StreamID,
    8: StreamID 8, 9: 200, 10: 300) to IOVA slot `slot`."""
    b = (3 if ssv else 0) | (ssid & 3) << 2 | (0x40 if priv else 0)
    if not write:
        b |= 0x30
    return [DEV, b, slot << 3, data, sidx]


def doorbell(sidx, data=0):
    return [DEV, 0, 4, data, sidx]


def sweep(priv=False):
    return [SWEEP, 1 if priv else 0]


def sync_msi(addr_kind=0, cs=1):
    # op 9: b = index of 0x46 in ops[] (22), f = CS, data byte, MSI addr kind
    return [CMD, 22, cs, addr_kind, 1]


def seeds():
    everything = []
    for s in range(8):
        kind = [ABORT, BYPASS, S1, S1B, S1_16K, S2, S2B, NESTED][s]
        everything += install(s, kind, o1=0x02 if s == 5 else 0)
        everything += inval(s)
    everything += install(8, INVALID) + inval(8)
    yield "all_kinds", everything + sweep() + sweep(True) + [
        x for s in range(8) for x in dev(s, 1, s)]
    yield "substreams", install(2, S1, o1=0x01 | 0x08) + inval(2) + [
        x for ss in range(4) for x in dev(2, ss, ss, ssv=True, ssid=ss)
    ] + dev(2, 0) + install(3, S1, o1=0x01 | 0x00) + inval(3) + dev(3, 0) + dev(
        3, 0, ssv=True, ssid=1)
    yield "stale_tlb", install(2, S1) + inval(2) + sweep() + install(
        2, S1, sl=slots([3, 7, 0, 0], [2, 2, 2, 2])) + sweep() + inval(2) + sweep()
    yield "stale_ste", install(1, BYPASS) + inval(1) + sweep() + install(
        1, ABORT) + sweep() + inval(1, True) + sweep()
    yield "permissions", install(2, S1, sl=PERM) + inval(2) + sweep() + sweep(
        True) + install(5, S2, sl=PERM) + inval(5) + sweep() + [
            x for sl in range(4) for x in dev(2, sl, write=False)]
    yield "nested", install(7, NESTED, o2=0x60) + inval(7) + sweep() + install(
        7, NESTED, o2=0x60 | 0xC0) + inval(7) + sweep()
    yield "sync_msi", sync_msi() + sync_msi(3) + sync_msi(4) + sync_msi(
        0, 3) + [MMIO_W, R_GERRORN, 1] + sync_msi() + [CONSUME, 3]
    yield "events", install(2, S1, o2=0x00,
                            sl=slots([7, 7, 7, 7], [2, 2, 2, 2])) + inval(2) + [
        x for i in range(20) for x in dev(2, i % 4, i)] + [CONSUME, 1] + dev(
            10, 0) + dev(8, 0) + [CONSUME, 3]
    yield "smmu_disabled", install(2, S1) + inval(2) + [
        MMIO_W, R_CR0, 0x00] + doorbell(2) + dev(2, 0) + [
            MMIO_W, R_GBPA, 0x03] + doorbell(2) + [
                MMIO_W, R_CR0, 0x80] + sweep()
    yield "mutations", install(2, S1) + install(5, S2) + inval(
        2, True) + sweep() + [MUTATE, 2, 0, 1, 0] + [MUTATE, 2, 1, 31, 0, 0] + [
            MUTATE, 5, 2, 10, 0, 0, 0, 0, 1] + sweep() + inval(2) + inval(5) + sweep()


# ---- PRI (config pri: byte 0 has 0x0C; op 15 | 0x10 is a page request) ----
PPR = 0x1F


def ppr(sidx, prgi=0, last=False, ssv=False, ssid=0, read=True, write=False,
        consume=False):
    """One page request from StreamID index sidx: b, c, address (u64),
    PRGI (u32)."""
    b = sidx | (0x10 if consume else 0)
    c = (1 if ssv else 0) | (ssid & 0xF) << 4 | (8 if last else 0) | (
        0x20 if read else 0) | (0x10 if write else 0)
    return [PPR, b, c] + [0x12, 0x30, 0, 0, 0, 0, 0, 0] + [
        prgi & 0xFF, prgi >> 8, 0, 0]


def pri_seeds():
    # a group of requests, its Last, a stop marker, the queue consumed
    yield "pri_groups", install(5, BYPASS) + inval(5) + [
        x for i in range(3) for x in ppr(5, 7, last=(i == 2), ssv=True,
                                         ssid=2)] + ppr(
            5, 0, last=True, ssv=True, read=False) + ppr(1, 9, last=True,
                                                         consume=True)
    # 130 requests into a 128-entry queue: overflow, auto responses, ack
    yield "pri_overflow", install(5, BYPASS) + inval(5) + [
        x for i in range(130) for x in ppr(5 if i % 2 else 9, i & 0x1FF,
                                           last=(i % 3 == 0), ssv=(i % 4 == 0),
                                           ssid=i)] + ppr(
            5, 1, last=True, consume=True) + ppr(5, 2, last=True)
    # PRIQEN off (CR0 = 0xF ^ PRIQEN), then SMMUEN off (0xF ^ SMMUEN)
    yield "pri_disabled", [MMIO_W, R_CR0, 0xC1] + ppr(2, 3, last=True) + ppr(
        2, 4) + [MMIO_W, R_CR0, 0xC0] + ppr(2, 5, last=True)


def main():
    os.makedirs(OUT, exist_ok=True)
    n = 0
    for name, body in seeds():
        for cfg, tag in ((0x00, "linear"), (0x01, "l2"), (0x03, "l2_small"),
                         (0x14, "irqeach_collide"), (0x88, "term_gbpa"),
                         (0xC0, "nos2"), (0x60, "nomsi")):
            with open(os.path.join(OUT, f"seed_{name}_{tag}"), "wb") as f:
                f.write(bytes([cfg] + [b & 0xff for b in body]))
            n += 1
    for name, body in pri_seeds():
        for cfg, tag in ((0x0C, "pri"), (0x0D, "pri_l2")):
            with open(os.path.join(OUT, f"seed_{name}_{tag}"), "wb") as f:
                f.write(bytes([cfg] + [b & 0xff for b in body]))
            n += 1
    print(f"{n} seeds in {OUT}")


if __name__ == "__main__":
    main()
