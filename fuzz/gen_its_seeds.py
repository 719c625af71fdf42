#!/usr/bin/env python3
"""Writes the hand-made seeds of fuzz/corpus/fuzz_its (see fuzz_its.c for the
input format).  Run from the repository root: python3 fuzz/gen_its_seeds.py"""
import os

OUT = "fuzz/corpus/fuzz_its"
MAPD, MAPC, MAPTI, MAPI, MOVI, INT, CLEAR, INV, DISCARD, INVALL, MOVALL, SYNC, UNK = range(13)
DEFER = 0x80


def mapd(dev, size=3, valid=True):
    return [MAPD, dev, size | (0 if valid else 0x38)]


def mapc(icid, cpu, valid=True):
    return [MAPC, 0, 0 if valid else 0x80, cpu, icid]


def mapti(dev, ev, lpi_off, icid):
    return [MAPTI, dev, ev, lpi_off, icid]


def cmd(op, dev=0, *args):
    return [op, dev, *args]


def msi(dev, ev):
    return [13, dev, ev]


def ack(cpu, eoi=True):
    return [41, cpu | (0x80 if eoi else 0)]


def boot(ndev=4, nev=4):
    s = []
    for c in range(4):
        s += mapc(c, c)
    for d in range(ndev):
        s += mapd(d)
        for e in range(nev):
            s += mapti(d, e, d * 16 + e, (d + e) % 4)
    s += cmd(SYNC, 0, 0)
    return s


def seeds():
    base = boot()
    traffic = []
    for d in range(4):
        for e in range(4):
            traffic += msi(d, e)
    for c in range(4):
        traffic += ack(c) * 3
    yield "boot_msi", base + traffic
    yield "isolation_probe", base + [x for e in range(8) for x in msi(2, e)] + msi(240, 0) + msi(5, 0)
    yield "movi_discard", base + msi(0, 0) + cmd(MOVI, 0, 0, 3) + msi(0, 0) + cmd(DISCARD, 0, 0) + msi(0, 0) + ack(3) + ack(0)
    yield "remap_device", base + msi(1, 1) + mapd(1, valid=False) + msi(1, 1) + mapd(1, 2) + mapti(1, 1, 99, 2) + msi(1, 1) + ack(2)
    yield "movall_invall", base + msi(0, 0) + msi(1, 0) + cmd(MOVALL, 0, 1, 2) + cmd(INVALL, 0, 2) + [50, 16, 0xf2] + cmd(INV, 1, 0) + ack(1) + ack(2)
    yield "int_clear", base + cmd(INT, 3, 3) + cmd(CLEAR, 3, 3) + cmd(INT, 2, 1) + ack(3) + ack(0)
    yield "errors", base + mapd(250, 3) + mapti(9, 1, 1, 0) + mapti(0, 250, 1, 0) + [MAPTI, 0, 1, 0xf0, 0, 0] + cmd(UNK, 0, 0x22, 1) + mapc(250, 250) + cmd(MAPI, 0, 5, 245) + msi(0, 1)
    yield "mapi", [MAPC, 0, 0, 1, 1] + mapd(7, 5) + cmd(MAPI, 7, 33, 1) + msi(7, 33) + ack(1)
    yield "deferred_batch", [x | DEFER if i % 5 == 0 else x for i, x in enumerate([])] + \
        [MAPC | DEFER, 0, 0, 0, 0, MAPD | DEFER, 3, 2, MAPTI | DEFER, 3, 1, 7, 0, 53, 0] + msi(3, 1) + ack(0)
    yield "disable_enable", base + [52, 0] + msi(0, 0) + [52, 1] + msi(0, 0) + ack(0)
    yield "creadr_skip", base + mapd(250, 20) + [54, 0] + [53, 1] + msi(0, 0)
    yield "gicr_ops", base + [55, 0, 0, 55, 4 << 2 | 1, 0, 55, 4 << 2 | 1, 1, 55, 1 << 2, 5, 55, 2 << 2, 1, 55, 3 << 2, 55, 5 << 2, 3] + ack(0) + ack(1)
    yield "pmr", base + msi(0, 0) + [56, 0, 0x10] + ack(0) + [56, 0, 0xff] + ack(0) + [49, 0, 0]
    yield "regs", base + sum(([51, i] for i in range(15)), []) + sum(([51, i | 0x80] for i in range(15)), [])
    yield "translater", base + [40, 1, 2] + ack(1)


# GICv4.0 inputs (fuzz_its.c, "GICv4.0"): byte 1 = V4_MARKER, byte 2 the
# GICv4 options (bit 0: two-level vPE table, bit 1: PendingLast RESCAN,
# bit 2: two Dirty reads after a residency change, bit 3: LPI cache HPP),
# then ops as above plus 60..69.
V4_MARKER = 0x7F
VMAPP, VMAPTI, VMAPI, VMOVI, VMOVP, VSYNC, VINVALL, VEVENT, VMSI = range(60, 69)
VMAPI_DEV = 63
NO_DB, DB0 = 0, 128  # pick_db(): byte < 128 -> 1023, 128 + k -> LPI 8392 + k


def vmapp(vpe, cpu, valid=True, size_byte=0, vpt=0):
    return [VMAPP, vpe, size_byte | (0 if valid else 0x30), cpu, vpt]


def vmapti(dev, ev, vpe, vint_off, db=NO_DB):
    return [VMAPTI, 0, dev, ev, vpe, vint_off, db]


def vmapi(off, vpe, db=NO_DB):  # VMAPI_DEV, EventID = vINTID = 8192 + off
    return [VMAPI, off << 2, vpe, db]


def vmovi(dev, ev, vpe, db=None):
    return [VMOVI, 0, dev, ev, vpe] + ([0, NO_DB] if db is None else [1, db])


def vevent(op, idx):  # 0 INT, 1 CLEAR, 2 INV, 3 DISCARD on recent event idx
    return [VEVENT, op, idx]


# op 69, residency(): [69, cpu | kind << 2 | flag << 5, a, ...]
RES = 69


def sched(cpu, vpe, idai=False, idbits=None):  # VPT of vPE vpe's table entry
    a = (0x40 if idai else 0) | (0 if idbits is None else 0x80 | idbits)
    return [RES, cpu, a, vpe]


def sched_slot(cpu, slot):  # VPT_PA(slot), whoever owns it
    return [RES, cpu, 0, 192 + slot]


def desched(cpu, upper=False):
    return [RES, cpu | 1 << 2 | (0x20 if upper else 0), 0]


def vpend_any(cpu, valid, pendinglast=False, vpe=0):
    return [RES, cpu | 2 << 2 | (0x20 if pendinglast else 0), 1 if valid else 0, vpe]


def vpropbaser(cpu, idbits):
    return [RES, cpu | 3 << 2, idbits]


def vprop_byte(off, val):  # configuration of vINTID 8192 + off
    return [RES, 3 << 2 | 0x20, off, val]


def vread(cpu, pend=True, half=False):
    return [RES, cpu | 4 << 2, (1 if pend else 0) | (2 if half else 0)]


def vack(cpu, eoi=True):
    return [RES, cpu | 5 << 2 | (0x20 if eoi else 0), 0]


def veoi(cpu, off):
    return [RES, cpu | 6 << 2 | 0x20, off]


def vpmr(cpu, v=0xF8):
    return [RES, cpu | 7 << 2, v]


def res_seeds():
    base = vboot() + [x for c in range(4) for x in vpmr(c)]
    allmsi = [x for d in range(2) for e in range(4) for x in msi(d, e)]
    yield "res_msi", base + [x for c in range(4) for x in sched(c, c)] + allmsi + vack(0) + vack(1, eoi=False) + veoi(1, 1) + vack(2) + [x for c in range(4) for x in desched(c) + vread(c)] + allmsi
    yield "res_writeback", base + msi(0, 0) + sched(0, 0) + msi(1, 3) + msi(0, 0) + vread(0) + desched(0) + vread(0) + msi(1, 3) + sched(0, 0) + vack(0) + vack(0) + desched(0, upper=True) + vread(0, half=True)
    yield "res_wrong_rd", base + sched(0, 1) + msi(1, 0) + [VMOVP, 1, 0] + msi(1, 0) + vack(0, eoi=False) + [VMOVP, 1, 1] + msi(1, 0) + desched(0) + sched(1, 1) + vack(1)
    yield "res_idai_pendinglast", base + sched(2, 2, idai=True, idbits=5) + msi(0, 2) + desched(2) + vpropbaser(2, 13) + vprop_byte(2, 0xa0) + vprop_byte(17, 0xa0) + sched(2, 2, idai=True) + msi(1, 1) + vpend_any(2, True, vpe=3) + vpropbaser(2, 6) + vread(2) + desched(2) + vread(2) + vread(2, half=True)
    yield "res_cmds", base + msi(0, 0) + sched(0, 0) + vevent(0, 0) + vevent(2, 0) + vevent(1, 0) + msi(0, 0) + vmovi(0, 0, 1) + msi(0, 0) + [VINVALL, 0, VSYNC, 0] + sched(1, 1) + vmovi(0, 0, 0) + msi(0, 0) + vevent(3, 0) + desched(1) + desched(0)
    yield "res_slots", base + sched_slot(0, 5) + vmapp(5, 0, vpt=0xe0 | 5) + vmapti(0, 9, 5, 1) + msi(0, 9) + sched_slot(3, 7) + [RES, 3, 0, 0xf9] + desched(3) + [RES, 3, 0, 0xf9] + vack(0) + vpend_any(1, False) + vpend_any(1, True, True, 1) + desched(0) + vpmr(0, 0) + sched(0, 5) + msi(0, 9) + vack(0)


def vboot():
    s = mapc(0, 0) + mapc(1, 1)
    for v in range(4):
        s += vmapp(v, v)
    for d in range(2):
        s += mapd(d)
        for e in range(4):
            s += vmapti(d, e, (d + e) % 4, d * 16 + e, DB0 + e)
    s += mapd(VMAPI_DEV)
    return s


def v4_seeds():
    base = vboot()
    yield "v4_msi", base + [x for d in range(2) for e in range(4) for x in msi(d, e)] + ack(0) + ack(1) + ack(2) + ack(3)
    yield "v4_int_clear_discard", base + vevent(0, 0) + vevent(1, 0) + vevent(0, 1) + vevent(3, 1) + [VMSI, 0, 1] + vevent(2, 2) + [VMSI, 1, 2]
    yield "v4_vmovi", base + msi(0, 0) + vmovi(0, 0, 3) + msi(0, 0) + vmovi(0, 0, 2, DB0 + 9) + msi(0, 0) + vmovi(0, 1, 1, 1023 & 0) + [VMOVI, 1, 0, 1, 1, DB0 + 3]
    yield "v4_vmapi", base + vmapi(0, 1, DB0 + 1) + vmapi(63, 2) + [VMSI, 0, 0] + [VMSI, 0, 1] + vevent(0, 0) + ack(1)
    yield "v4_vmovp_unmap", base + msi(1, 1) + [VMOVP, 2, 0] + msi(1, 1) + vmapp(2, 0, valid=False) + msi(1, 1) + vmapp(2, 3) + msi(1, 1) + ack(0) + ack(3)
    yield "v4_errors", base + vmapp(9, 0) + vmapp(250, 250) + vmapp(1, 1, size_byte=0xdf) + vmapti(0, 250, 1, 1) + vmapti(0, 5, 248, 1) + vmapti(0, 6, 1, 0xf0, 0) + [VSYNC, 252, VINVALL, 251, VINVALL, 5] + msi(0, 0)
    yield "v4_shared_vpt", base + vmapp(5, 2, vpt=0xe0) + vmapti(0, 9, 5, 1) + msi(0, 9) + vmapp(6, 1, vpt=0xf8) + vmapti(0, 10, 6, 2, DB0) + msi(0, 10)
    yield "v4_mixed", base + mapti(0, 7, 40, 0) + msi(0, 7) + [MOVI, 0, 0, 1] + vmovi(0, 7, 1) + mapti(1, 0, 41, 1) + msi(1, 0) + ack(0) + ack(1)
    yield "v4_batch", [x | DEFER if i in (0, 5, 10) else x for i, x in enumerate(vmapp(0, 0) + vmapp(1, 1) + mapd(2))] + vmapti(2, 0, 0, 3, DB0) + [53, 0] + msi(2, 0) + [55, 4 << 2 | 0, 0] + msi(2, 0) + ack(0)


# GICv4.1 inputs (fuzz_its.c, "GICv4.1"): byte 1 = V41_MARKER, byte 2 the
# options (bit 0: two-level vPE table, bit 1: nID = 0 -- individual doorbells
# too, bit 2: two Dirty reads, bit 3: LPI cache HPP); VMAPP and VMOVP in
# their 4.1 layouts, op 69 the 4.1 residency (residency41()), 70 VSGI,
# 71 INVDB, 72 GITS_SGIR, 73 GICR_VSGIR/VSGIPENDR, 74 GICR_INVLPIR/INVALLR V=1.
V41_MARKER = 0x7E
VSGI, INVDB, SGIR, VSGIR, VINV = range(70, 75)
DDB = 48  # pick_default_db(): 48 + k -> LPI 8392 + k; byte < 32 -> 1023


def vmapp41(vpe, cpu, valid=True, alloc=True, ptz=False, db=None, size_byte=0, vconf_out=False):
    f = (0 if alloc else 1) | (2 if ptz else 0) | (0x30 if vconf_out else 0)
    return [VMAPP, vpe, size_byte | (0 if valid else 0x30), cpu, f, 0, DDB + vpe if db is None else db]


def vmovp41(vpe, cpu, db=None):
    return [VMOVP, vpe, cpu] + ([0] if db is None else [1, db])


def vsgi(vpe, sgi, clear=False, enable=True, g1=True, prio=0x80):
    b = sgi | (0x30 if clear else 0) | (0 if enable else 0x60) | (0 if g1 else 0x80)
    return [VSGI, vpe, b, prio]


def sgir(vpe, sgi, res0=False):
    return [SGIR, vpe, 0xf0 | sgi if res0 else sgi]


def vsgir(cpu, vpe):
    return [VSGIR, cpu, vpe]


def vinv(cpu, vpe, off=0, all_=False, mapped_rd=False):
    return [VINV, cpu | (4 if mapped_rd else 0) | (8 if all_ else 0), vpe, off]


def sched41(cpu, vpe, g1=True, g0=False, pl=True):
    return [RES, cpu, (1 if g0 else 0) | (0 if g1 else 2) | (0 if pl else 4), vpe]


def desched41(cpu, db=True, pl=False, upper=False):
    return [RES, cpu | 1 << 2 | (0x20 if upper else 0), (0x40 if db else 0) | (0x20 if pl else 0)]


def vpend41_any(cpu, valid, vpe=0, db=False, pl=False, nopoll=False):
    return [RES, cpu | 2 << 2 | (0x20 if pl else 0) | (0x10 if nopoll else 0), (1 if valid else 0) | (0x40 if db else 0) | 8, vpe]


def vprop41(cpu, kind):  # 0 the table, 1 invalid, 2 with Z, 4|8 upper half
    return [RES, cpu | 3 << 2, kind]


def vconf_byte(off, val):
    return [RES, 3 << 2 | 0x20, off, val]


def v41boot():
    s = mapc(0, 0) + mapc(1, 1)
    for v in range(4):
        s += vmapp41(v, v)
    for d in range(2):
        s += mapd(d)
        for e in range(4):
            s += vmapti(d, e, (d + e) % 4, d * 16 + e)
    s += mapd(VMAPI_DEV)
    return s


def v41_seeds():
    base = v41boot()
    allmsi = [x for d in range(2) for e in range(4) for x in msi(d, e)]
    run = base + [x for c in range(4) for x in vpmr(c)]
    yield "v41_msi", base + allmsi + ack(0) + ack(1) + ack(2) + ack(3) + allmsi
    yield "v41_res", run + [x for c in range(4) for x in sched41(c, c)] + allmsi + vack(0) + vack(1, eoi=False) + veoi(1, 1) + [x for c in range(4) for x in desched41(c) + vread(c)] + allmsi + ack(0) + ack(1) + [x for c in range(4) for x in sched41(c, c)] + vack(2) + desched41(2, db=False, pl=True) + desched41(3, upper=True)
    yield "v41_vsgi", run + vsgi(0, 3) + vsgi(1, 5, g1=False) + sgir(0, 3) + vsgir(0, 0) + sched41(0, 0) + vack(0) + sgir(0, 3) + vsgir(2, 0) + vack(0) + desched41(0) + sgir(0, 3) + ack(0) + sgir(1, 5) + sgir(9, 1) + sgir(0, 2, res0=True) + vsgi(0, 3, clear=True) + vsgir(1, 0) + sgir(2, 4) + vsgi(2, 4) + [VSYNC, 2] + sched41(2, 2) + vack(2)
    yield "v41_inv", run + vconf_byte(1, 0xa0) + msi(0, 1) + vinv(1, 1, 1, mapped_rd=True) + vconf_byte(1, 0xa1) + vinv(1, 1, 1, mapped_rd=True) + ack(1) + sched41(1, 1) + vinv(1, 1, all_=True) + vack(1) + desched41(1) + msi(0, 1) + [INVDB, 1, VINVALL, 1, VSYNC, 1] + vevent(0, 0) + vevent(1, 0) + vevent(2, 1) + vevent(3, 1) + [VMSI, 0, 2] + ack(1)
    yield "v41_vmovp_unmap", run + msi(1, 1) + vmovp41(2, 0, DDB + 9) + msi(1, 1) + vmovp41(2, 3) + vmapp41(2, 0, valid=False) + msi(1, 1) + vmapp41(2, 2, ptz=True) + sched41(2, 2) + msi(1, 1) + vack(2) + desched41(2) + vmapp41(2, 2, valid=False, alloc=False) + sgir(2, 0) + vmapp41(3, 1, alloc=False) + msi(0, 3) + ack(0) + ack(1) + ack(2) + ack(3)
    yield "v41_errors", base + vmapp41(9, 0, db=0xf0) + vmapp41(1, 1, size_byte=0xdf) + vmapp41(250, 250) + vmapp41(5, 0, vconf_out=True) + vmapti(0, 5, 5, 1, DB0 + 1) + msi(0, 5) + vpend41_any(0, True, 5, nopoll=True) + vpend41_any(0, True, 6) + vprop41(1, 1) + sched41(1, 1) + vprop41(1, 0) + sched41(1, 1) + vprop41(1, 2) + vpend41_any(1, False, 1, db=True) + [INVDB, 250, VSGI, 255, 3, 0, VINV, 0, 255, 0]
    yield "v41_vmapi_vmovi", run + vmapi(0, 1) + vmapi(5, 2, DB0 + 2) + [VMSI, 0, 0] + vmovi(0, 0, 3) + msi(0, 0) + sched41(3, 3) + vmovi(0, 0, 2) + msi(0, 0) + vevent(3, 0) + desched41(3)


def main():
    os.makedirs(OUT, exist_ok=True)
    n = 0
    for name, body in seeds():
        for cfg, tag in ((0x00, "flat_skip"), (0x03, "l2_stall"), (0x14, "ite16_hcc"), (0x88, "ite8_strict")):
            with open(os.path.join(OUT, f"seed_{name}_{tag}"), "wb") as f:
                f.write(bytes([cfg] + [b & 0xff for b in body]))
            n += 1
    # raw mode: the same streams reinterpreted, plus table scribbles
    for name, body in seeds():
        with open(os.path.join(OUT, f"seed_raw_{name}"), "wb") as f:
            f.write(bytes([0x20] + [b & 0xff for b in body] + [57, 0, 0, 6, 0, 0xff, 58, 3, 0x88, 0, 0, 0, 0x20, 0, 0, 0, 0, 0, 0, 0]))
        n += 1
    # GICv4.0: flat and two-level vPE table, skip and stall, raw
    for name, body in v4_seeds():
        for cfg, opt, tag in ((0x04, 0, "ite12"), (0x0b, 1, "l2_stall_ite16"), (0x80, 0, "ite8_strict")):
            with open(os.path.join(OUT, f"seed_{name}_{tag}"), "wb") as f:
                f.write(bytes([cfg, V4_MARKER, opt] + [b & 0xff for b in body]))
            n += 1
        with open(os.path.join(OUT, f"seed_raw_{name}"), "wb") as f:
            f.write(bytes([0x24, V4_MARKER, 0] + [b & 0xff for b in body] + [57, 0, 0, 0x0b, 0, 0xff]))
        n += 1
    # GICv4.0 residency (op 69): also PendingLast RESCAN, the Dirty window
    # and the HPP cache model
    for name, body in res_seeds():
        for cfg, opt, tag in ((0x04, 0, "ite12"), (0x0b, 3, "l2_stall_ite16_rescan"), (0x80, 12, "ite8_strict_dirty_hpp")):
            with open(os.path.join(OUT, f"seed_v4_{name}_{tag}"), "wb") as f:
                f.write(bytes([cfg, V4_MARKER, opt] + [b & 0xff for b in body]))
            n += 1
        with open(os.path.join(OUT, f"seed_raw_v4_{name}"), "wb") as f:
            f.write(bytes([0x24, V4_MARKER, 2] + [b & 0xff for b in body]))
        n += 1
    # GICv4.1: flat / two-level, nID = 0, Dirty window and HPP, raw
    for name, body in v41_seeds():
        for cfg, opt, tag in ((0x04, 0, "ite12"), (0x0b, 3, "l2_stall_ite16_nid0"), (0x88, 12, "ite16_strict_dirty_hpp")):
            with open(os.path.join(OUT, f"seed_{name}_{tag}"), "wb") as f:
                f.write(bytes([cfg, V41_MARKER, opt] + [b & 0xff for b in body]))
            n += 1
        with open(os.path.join(OUT, f"seed_raw_{name}"), "wb") as f:
            f.write(bytes([0x24, V41_MARKER, 4] + [b & 0xff for b in body] + [57, 0, 0, 0x0a, 0, 0xff]))
        n += 1
    print(n, "seeds")


main()
