/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ITS oracle: bare-metal AArch64 interpreter for scripted GICv3/GICv4.0 ITS
 * scenarios, run on QEMU's "virt" machine.
 *
 *   gic=3: -M virt,gic-version=3,its=on                      entered at EL1
 *   gic=4: -M virt,gic-version=4,its=on,virtualization=on    entered at EL2
 *
 * MMU off.  CPU 0 runs the scenario; CPUs 1..N-1 are started with PSCI
 * CPU_ON (HVC conduit at EL1, SMC conduit at EL2) and only acknowledge their
 * own interrupts when CPU 0 asks them to (DRAIN).
 *
 * With gic=4 the program stays at EL2 and is the hypervisor: it owns the vPE
 * table (GITS_BASER2), one virtual LPI configuration table shared by every
 * vPE (GICR_VPROPBASER of every redistributor), one virtual pending table per
 * vPE, and GICR_VPENDBASER (residency).  Virtual LPIs are acknowledged by
 * briefly running a stub at EL1 with HCR_EL2.IMO=1, where ICC_IAR1_EL1 reads
 * ICV_IAR1_EL1 (see el1_call in start.S and vdrain_el1 below).
 *
 * Result lines printed on the PL011 (see README.md, including its GICv4.0 section):
 *   drain N / ack cpu=K intid=L / vack cpu=K vpe=V intid=L /
 *   desched cpu=K vpe=V pendinglast=P / vpending vpe=V intid=L /
 *   stall creadr=0x... / reg NAME=0x... / done
 * Lines starting with '#' are diagnostics; lines starting with "error" mean
 * the oracle itself failed.
 */
#include <stdint.h>
#include <stdarg.h>
#include "scenario.h"

typedef uint64_t u64;
typedef uint32_t u32;
typedef uint16_t u16;
typedef uint8_t  u8;

/* ---------------------------------------------------------------- platform */
#define UART0          0x09000000UL
#define GICD           0x08000000UL
#define GITS           0x08080000UL
#define GITS_TRANSLATER_ADDR (GITS + 0x10000UL + 0x40UL)
#define GICR0          0x080A0000UL
#define GICR_STRIDE_V3 0x20000UL        /* GICv3: RD_base + SGI_base   */
#define GICR_STRIDE_V4 0x40000UL        /* GICv4: + VLPI_base + reserved */
#define MAX_CPUS       4

/* Fixed memory layout (RAM is 0x40000000..0x5fffffff with -m 512M). */
#define PROP_BASE      0x40200000UL     /* LPI configuration table, 56 KiB */
#define PEND_BASE      0x40210000UL     /* + k * 64 KiB, 8 KiB used each   */
#define DT_BASE        0x40300000UL     /* device table, <= 1 MiB          */
#define CT_BASE        0x40400000UL     /* collection table, <= 1 MiB      */
#define CQ_BASE        0x40500000UL     /* command queue, <= 1 MiB         */
#define ACK_BASE       0x40600000UL     /* + k * 256 KiB: ack buffers      */
#define ACK_CAP        65536u
#define LASTITT_BASE   0x40700000UL     /* 64Ki x u64: last ITT per DevID  */
#define ITT_HEAP       0x40800000UL
#define ITT_HEAP_END   0x48000000UL
#define RAM_END        0x60000000UL

/* GICv4.0 (gic=4) */
#define VCONF_BASE     0x40260000UL     /* shared vLPI configuration table, 56 KiB */
#define VT_BASE        0x40780000UL     /* vPE table (GITS_BASER2), <= 512 KiB */
#define SCN_END        0x5B000000UL     /* scenario blob must end below this */
#define VACK_BASE      0x5B000000UL     /* + k * 256 KiB: vack buffers     */
#define VPT_POOL       0x5C000000UL     /* virtual pending tables, 64 KiB slots */
#define VPT_SLOTS      1024u
#define VPT_BYTES      0x2000u          /* 2^16 bits: largest VPT_size (15) */
#define VLPI_OFF       0x20000UL        /* VLPI_base from RD_base */
#define GICR_VPROPBASER 0x0070
#define GICR_VPENDBASER 0x0078
#define VPEND_VALID    (1ULL << 63)
#define VPEND_IDAI     (1ULL << 62)
#define VPEND_PENDLAST (1ULL << 61)
#define VPEND_DIRTY    (1ULL << 60)

#define LPI_IDBITS     16u              /* GICR_PROPBASER.IDbits = 15     */
#define LPI_BASE       8192u
#define LPI_DEFAULT_CFG 0xA3u           /* prio 0xA0, RES1 bit, enabled    */

/* GICD */
#define GICD_CTLR      0x0000
#define GICD_TYPER     0x0004
#define GICD_CTLR_RWP  (1u << 31)
/* GICR (RD_base) */
#define GICR_CTLR      0x0000
#define GICR_TYPER     0x0008
#define GICR_WAKER     0x0014
#define GICR_PROPBASER 0x0070
#define GICR_PENDBASER 0x0078
/* GICR (SGI_base = RD_base + 64K) */
#define GICR_SGI       0x10000
#define GICR_IGROUPR0  0x0080
#define GICR_ISENABLER0 0x0100
#define GICR_IPRIORITYR 0x0400
/* GITS */
#define GITS_CTLR      0x0000
#define GITS_IIDR      0x0004
#define GITS_TYPER     0x0008
#define GITS_CBASER    0x0080
#define GITS_CWRITER   0x0088
#define GITS_CREADR    0x0090
#define GITS_BASER(n)  (0x0100 + 8 * (n))

/* ----------------------------------------------------------------- helpers */
static inline void w8(u64 a, u8 v)   { *(volatile u8 *)a = v; }
static inline void w32(u64 a, u32 v) { *(volatile u32 *)a = v; }
static inline u32  r32(u64 a)        { return *(volatile u32 *)a; }
static inline void w64(u64 a, u64 v) { *(volatile u64 *)a = v; }
static inline u64  r64(u64 a)        { return *(volatile u64 *)a; }
static inline void dsb(void) { __asm__ volatile("dsb sy" ::: "memory"); }
static inline void isb(void) { __asm__ volatile("isb" ::: "memory"); }
static inline void wfi(void) { __asm__ volatile("wfi" ::: "memory"); }

#define SYSREG_READ(name, enc) \
    static inline u64 name(void) { u64 v; __asm__ volatile("mrs %0, " enc : "=r"(v) :: "memory"); return v; }
#define SYSREG_WRITE(name, enc) \
    static inline void name(u64 v) { __asm__ volatile("msr " enc ", %0" :: "r"(v) : "memory"); }

SYSREG_READ(read_iar0,    "S3_0_C12_C8_0")
SYSREG_WRITE(write_eoir0, "S3_0_C12_C8_1")
SYSREG_READ(read_iar1,    "S3_0_C12_C12_0")
SYSREG_WRITE(write_eoir1, "S3_0_C12_C12_1")
SYSREG_WRITE(write_pmr,   "S3_0_C4_C6_0")
SYSREG_READ(read_pmr,     "S3_0_C4_C6_0")
SYSREG_READ(read_icc_ctlr, "S3_0_C12_C12_4")
SYSREG_WRITE(write_bpr1,  "S3_0_C12_C12_3")
SYSREG_WRITE(write_icc_ctlr, "S3_0_C12_C12_4")
SYSREG_READ(read_sre,     "S3_0_C12_C12_5")
SYSREG_WRITE(write_sre,   "S3_0_C12_C12_5")
SYSREG_WRITE(write_igrpen0, "S3_0_C12_C12_6")
SYSREG_WRITE(write_igrpen1, "S3_0_C12_C12_7")
SYSREG_WRITE(write_sgi0r, "S3_0_C12_C11_7")
SYSREG_READ(read_mpidr,   "mpidr_el1")
SYSREG_READ(read_cntfrq,  "cntfrq_el0")
SYSREG_READ(read_currentel, "CurrentEL")
/* EL2 only */
SYSREG_READ(read_hcr_el2,   "hcr_el2")
SYSREG_WRITE(write_hcr_el2, "hcr_el2")
SYSREG_READ(read_sre_el2,   "S3_4_C12_C9_5")
SYSREG_WRITE(write_sre_el2, "S3_4_C12_C9_5")
SYSREG_READ(read_ich_hcr,   "S3_4_C12_C11_0")
SYSREG_WRITE(write_ich_hcr, "S3_4_C12_C11_0")
SYSREG_READ(read_ich_vtr,   "S3_4_C12_C11_1")
SYSREG_READ(read_ich_vmcr,  "S3_4_C12_C11_7")
SYSREG_WRITE(write_ich_vmcr, "S3_4_C12_C11_7")

static inline u64 now(void)
{
    u64 v;
    __asm__ volatile("isb; mrs %0, cntvct_el0" : "=r"(v) :: "memory");
    return v;
}

void *memset(void *d, int c, unsigned long n)
{
    u8 *p = d;
    while (n && ((u64)p & 7)) { *p++ = (u8)c; n--; }
    u64 v = (u8)c; v |= v << 8; v |= v << 16; v |= v << 32;
    u64 *q = (u64 *)p;
    while (n >= 8) { *(volatile u64 *)q = v; q++; n -= 8; }
    p = (u8 *)q;
    while (n--) *p++ = (u8)c;
    return d;
}

void *memcpy(void *d, const void *s, unsigned long n)
{
    u8 *a = d; const u8 *b = s;
    while (n--) *a++ = *b++;
    return d;
}

/* -------------------------------------------------------------------- UART */
static void uart_init(void)
{
    w32(UART0 + 0x30, 0x301);             /* UARTCR: UARTEN | TXE | RXE */
}

static void putc_(char c)
{
    while (r32(UART0 + 0x18) & (1u << 5)) /* TXFF */
        ;
    w32(UART0, (u8)c);
}

static void puts_(const char *s) { while (*s) putc_(*s++); }

static void put_num(u64 v, unsigned base, int width, char pad, int neg)
{
    char buf[32];
    int i = 0;
    do {
        unsigned d = v % base;
        buf[i++] = d < 10 ? '0' + d : 'a' + d - 10;
        v /= base;
    } while (v);
    if (neg) buf[i++] = '-';
    while (i < width) buf[i++] = pad;
    while (i) putc_(buf[--i]);
}

static void kprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    for (; *fmt; fmt++) {
        if (*fmt != '%') { putc_(*fmt); continue; }
        fmt++;
        char pad = ' ';
        int width = 0, lng = 0;
        if (*fmt == '0') { pad = '0'; fmt++; }
        while (*fmt >= '0' && *fmt <= '9') width = width * 10 + (*fmt++ - '0');
        while (*fmt == 'l') { lng = 1; fmt++; }
        switch (*fmt) {
        case 'd': {
            long long v = lng ? va_arg(ap, long long) : va_arg(ap, int);
            put_num(v < 0 ? -(u64)v : (u64)v, 10, width, pad, v < 0);
            break;
        }
        case 'u':
            put_num(lng ? va_arg(ap, u64) : va_arg(ap, u32), 10, width, pad, 0);
            break;
        case 'x':
            put_num(lng ? va_arg(ap, u64) : va_arg(ap, u32), 16, width, pad, 0);
            break;
        case 's': puts_(va_arg(ap, const char *)); break;
        case 'c': putc_((char)va_arg(ap, int)); break;
        case '%': putc_('%'); break;
        default: putc_('?'); break;
        }
    }
    va_end(ap);
}

/* -------------------------------------------------------------------- PSCI */
#define PSCI_CPU_ON_64     0xC4000003UL
#define PSCI_SYSTEM_OFF    0x84000008UL
#define PSCI_VERSION       0x84000000UL

/*
 * QEMU's own PSCI: conduit HVC when the guest has no EL2 (gic=3 machine),
 * SMC when virtualization=on (the guest's EL2 owns HVC).  psci_smc is set
 * by main() from CurrentEL at boot, so the choice also holds in the EL1 stub
 * (exception reports), where an HVC would go to our own EL2 vectors.
 */
static int psci_smc;

static u64 psci_call(u64 fn, u64 a1, u64 a2, u64 a3)
{
    register u64 x0 __asm__("x0") = fn;
    register u64 x1 __asm__("x1") = a1;
    register u64 x2 __asm__("x2") = a2;
    register u64 x3 __asm__("x3") = a3;
    if (psci_smc) {
        __asm__ volatile("smc #0"
                         : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
                         :
                         : "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11",
                           "x12", "x13", "x14", "x15", "x16", "x17", "memory");
    } else {
        __asm__ volatile("hvc #0"
                         : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
                         :
                         : "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11",
                           "x12", "x13", "x14", "x15", "x16", "x17", "memory");
    }
    return x0;
}

static void __attribute__((noreturn)) poweroff(void)
{
    dsb();
    psci_call(PSCI_SYSTEM_OFF, 0, 0, 0);
    for (;;) wfi();
}

void exception_handler(u64 vec, u64 esr, u64 elr, u64 far)
{
    kprintf("\nerror exception cpu=%lu vector=%lu esr=0x%lx elr=0x%lx far=0x%lx\n",
            read_mpidr() & 0xff, vec, esr, elr, far);
    poweroff();
}

/* ------------------------------------------------------------ shared state */
struct mailbox {
    volatile u32 online;
    volatile u32 req;       /* drain request sequence number (CPU 0 writes) */
    volatile u32 done;      /* last completed request (CPU k writes)         */
    volatile u32 count;     /* number of acks in the CPU's ack buffer        */
    volatile u32 overflow;
    volatile u32 vpe;       /* vPE resident on this CPU's RD, or VPE_NONE    */
    volatile u32 vcount;    /* number of vacks in the CPU's vack buffer      */
    volatile u32 voverflow;
    u32 pad[8];
} __attribute__((aligned(64)));

static struct mailbox mbox[MAX_CPUS];
static u32 ncpus = 1;
static u64 cntfrq;
static int gicv4;           /* gic=4 machine: at EL2, virtual LPIs available */

static inline u32 *ackbuf(u32 k) { return (u32 *)(ACK_BASE + (u64)k * 0x40000UL); }
static inline u32 *vackbuf(u32 k) { return (u32 *)(VACK_BASE + (u64)k * 0x40000UL); }

/* ----------------------------------------------------------- CPU interface */
#define HCR_RW   (1ULL << 31)
#define HCR_IMO  (1ULL << 4)
#define ICH_VMCR_VENG1  (1ULL << 1)
#define ICH_VMCR_VPMR_SHIFT 24
#define VPMR_VALUE 0xF8u                  /* = physical PMR 0xff as read back */

static void cpuif_init(int grp1_enable)
{
    if (gicv4) {
        /*
         * EL2 set-up of this CPU's virtual interface.  ICC_SRE_EL2: SRE,
         * DFB, DIB and Enable (EL1 may use the system registers).
         * HCR_EL2: EL1 is AArch64; IMO routes EL1's ICC_*1 accesses to the
         * ICV_* registers (physical IRQs would target EL2, where PSTATE.I
         * masks them).  ICH_VMCR_EL2: virtual Group 1 enabled, VPMR = 0xF8
         * (QEMU implements 5 virtual priority bits), VBPRs at their minimum.
         * ICH_HCR_EL2.En stays 0 except while a DRAIN acknowledges vLPIs,
         * so that a pending vLPI does not keep an idle CPU out of WFI.
         */
        write_sre_el2(0xf);
        isb();
        write_hcr_el2(HCR_RW | HCR_IMO);
        write_ich_hcr(0);
        write_ich_vmcr(ICH_VMCR_VENG1 | ((u64)VPMR_VALUE << ICH_VMCR_VPMR_SHIFT));
        isb();
    }
    write_sre(read_sre() | 0x7);          /* SRE | DFB | DIB */
    isb();
    write_pmr(0xff);
    write_bpr1(0);
    write_icc_ctlr(0);                    /* EOImode 0 */
    write_igrpen0(1);
    write_igrpen1(grp1_enable ? 1 : 0);
    isb();
}

/* Acknowledge everything of Group 0 (only the wake-up SGI is Group 0). */
static void ack_group0(void)
{
    for (int i = 0; i < 64; i++) {
        u64 id = read_iar0() & 0xffffff;
        if (id >= 1020 && id <= 1023) break;
        write_eoir0(id);
    }
}

/*
 * Acknowledge and EOI every pending Group-1 interrupt of this CPU, recording
 * the INTIDs.  Stops when both IAR1 and IAR0 report nothing (a pending Group 0
 * SGI can hide Group 1 interrupts from IAR1).
 */
static u32 drain_local(u32 *buf, u32 cap, volatile u32 *overflow)
{
    u32 n = 0;
    for (;;) {
        u64 id = read_iar1() & 0xffffff;
        if (id >= 1020 && id <= 1023) {
            u64 id0 = read_iar0() & 0xffffff;
            if (id0 >= 1020 && id0 <= 1023) break;
            write_eoir0(id0);
            continue;
        }
        write_eoir1(id);
        isb();
        if (n >= cap) { *overflow = 1; break; }
        buf[n++] = (u32)id;
    }
    return n;
}

/*
 * Runs at EL1 (through el1_call) with HCR_EL2.IMO=1: ICC_IAR1_EL1 and
 * ICC_EOIR1_EL1 are ICV_IAR1_EL1 / ICV_EOIR1_EL1 of the virtual CPU
 * interface, which presents the resident vPE's highest-priority pending
 * vLPI.  Acknowledges and EOIs until the virtual interface reports nothing.
 * Returns the count, or cap+1 on overflow.
 */
extern u64 el1_call(u64 fn, u64 arg, u64 el1_sp);
extern char __el1_stack_base[];

static u64 __attribute__((noinline, used)) vdrain_el1(u64 arg)
{
    u32 *buf = (u32 *)arg;
    u32 n = 0;
    for (;;) {
        u64 id = read_iar1() & 0xffffff;
        if (id >= 1020 && id <= 1023) break;
        write_eoir1(id);
        isb();
        if (n >= ACK_CAP) return ACK_CAP + 1;
        buf[n++] = (u32)id;
    }
    return n;
}

/*
 * Acknowledge every vLPI the virtual CPU interface presents for the vPE
 * resident on this CPU.  Physical Group 1 is disabled meanwhile: with
 * HCR_EL2.IMO=1 a physical IRQ would be taken to EL2 from EL1.
 */
static u32 vdrain_local(u32 k, u32 *buf, volatile u32 *overflow)
{
    write_igrpen1(0);
    write_ich_hcr(1);                     /* ICH_HCR_EL2.En */
    isb();
    u64 sp = (u64)__el1_stack_base + (u64)(k + 1) * 0x2000;
    u64 n = el1_call((u64)vdrain_el1, (u64)buf, sp);
    write_ich_hcr(0);
    isb();
    if (n > ACK_CAP) { *overflow = 1; n = ACK_CAP; }
    return (u32)n;
}

/* ------------------------------------------------------------- secondaries */
void secondary_main(u64 k)
{
    cpuif_init(0);                        /* Group 1 off while idle */
    dsb();
    mbox[k].online = 1;
    dsb();
    u32 seen = 0;
    for (;;) {
        while (mbox[k].req == seen) {
            wfi();
            ack_group0();
        }
        dsb();
        seen = mbox[k].req;
        write_igrpen1(1);
        isb();
        mbox[k].overflow = 0;
        u32 n = drain_local(ackbuf(k), ACK_CAP, &mbox[k].overflow);
        write_igrpen1(0);
        isb();
        mbox[k].voverflow = 0;
        mbox[k].vcount = 0;
        if (gicv4 && mbox[k].vpe != VPE_NONE)
            mbox[k].vcount = vdrain_local(k, vackbuf(k), &mbox[k].voverflow);
        mbox[k].count = n;
        dsb();
        mbox[k].done = seen;
        dsb();
    }
}

/* ------------------------------------------------------------ GIC + ITS */
static u64 gicr_stride = GICR_STRIDE_V3;
static u64 gicr(u32 k) { return GICR0 + (u64)k * gicr_stride; }

static u64 gits_typer;
static u32 ite_size;
static u32 cq_entries;
static u32 cq_wr;          /* next free slot                         */
static u32 cq_unissued;    /* commands written but not yet in CWRITER */
static u64 itt_brk = ITT_HEAP;
static const struct scn_header *hdr;

/* statistics */
static u64 st_cmds, st_issues, st_issue_ticks, st_stalls;

static int fatal_flag;

static void fatal(const char *msg, u64 v)
{
    kprintf("error %s 0x%lx\n", msg, v);
    fatal_flag = 1;
}

static void fatal_line(const char *msg, u32 line)
{
    kprintf("error %s %u\n", msg, line);
    fatal_flag = 1;
}

static u64 heap_alloc(u64 size, u64 align);

static int wait_rwp(void)
{
    u64 t0 = now();
    while (r32(GICD + GICD_CTLR) & GICD_CTLR_RWP)
        if (now() - t0 > cntfrq) return -1;
    return 0;
}

static int gic_init(void)
{
    u32 typer = r32(GICD + GICD_TYPER);
    if (!(typer & (1u << 17))) { fatal("GICD_TYPER.LPIS=0", typer); return -1; }

    w32(GICD + GICD_CTLR, 0);
    if (wait_rwp()) { fatal("GICD RWP timeout", 0); return -1; }
    /* ARE (bit 4) | EnableGrp1 (bit 1) | EnableGrp0 (bit 0); DS is RAO here */
    w32(GICD + GICD_CTLR, (1u << 4) | 3u);
    if (wait_rwp()) { fatal("GICD RWP timeout", 1); return -1; }
    u32 ctlr = r32(GICD + GICD_CTLR);
    kprintf("# gicd ctlr=0x%x typer=0x%x\n", ctlr, typer);

    /* LPI configuration table shared by all redistributors */
    memset((void *)PROP_BASE, LPI_DEFAULT_CFG, (1u << LPI_IDBITS) - LPI_BASE);
    /* gic=4: one virtual LPI configuration table shared by every vPE */
    if (gicv4)
        memset((void *)VCONF_BASE, LPI_DEFAULT_CFG, (1u << LPI_IDBITS) - LPI_BASE);

    for (u32 k = 0; k < ncpus; k++) {
        u64 rd = gicr(k);
        u64 t = r64(rd + GICR_TYPER);
        u32 procnum = (t >> 8) & 0xffff;
        if (procnum != k || (t >> 32) != k || !(t & 1) ||
            (gicv4 && !(t & 2))) {
            fatal("unexpected GICR_TYPER", t);
            return -1;
        }
        /* wake the redistributor */
        w32(rd + GICR_WAKER, r32(rd + GICR_WAKER) & ~(1u << 1));
        u64 t0 = now();
        while (r32(rd + GICR_WAKER) & (1u << 2))
            if (now() - t0 > cntfrq) { fatal("GICR_WAKER", k); return -1; }

        u64 pend = PEND_BASE + (u64)k * 0x10000UL;
        memset((void *)pend, 0, 0x10000);
        dsb();
        w64(rd + GICR_PROPBASER, PROP_BASE | (LPI_IDBITS - 1));
        w64(rd + GICR_PENDBASER, pend | (1ULL << 62) /* PTZ */);
        /* SGI 0 = wake-up doorbell: Group 0, priority 0, enabled */
        w32(rd + GICR_SGI + GICR_IGROUPR0, 0);
        w32(rd + GICR_SGI + GICR_IPRIORITYR, 0);
        w32(rd + GICR_SGI + GICR_ISENABLER0, 1);
        dsb();
        w32(rd + GICR_CTLR, r32(rd + GICR_CTLR) | 1u);   /* EnableLPIs */
        dsb();
        if (!(r32(rd + GICR_CTLR) & 1u)) { fatal("EnableLPIs did not stick", k); return -1; }
        if (gicv4) {
            /*
             * GICv4.0 GICR_VPROPBASER: the virtual LPI configuration table of
             * "the VM" (all vPEs share it), IDbits = 15 (vINTIDs < 2^16).
             * Written once, while no vPE is resident.  VPENDBASER.Valid = 0.
             */
            u64 vl = rd + VLPI_OFF;
            w64(vl + GICR_VPENDBASER, 0);
            w64(vl + GICR_VPROPBASER, VCONF_BASE | (LPI_IDBITS - 1));
            u64 rb = r64(vl + GICR_VPROPBASER);
            if (rb != (VCONF_BASE | (LPI_IDBITS - 1))) { fatal("GICR_VPROPBASER readback", rb); return -1; }
            mbox[k].vpe = VPE_NONE;
        }
    }
    if (gicv4)
        kprintf("# gicr typer=0x%lx vpropbaser=0x%lx\n", r64(gicr(0) + GICR_TYPER),
                r64(gicr(0) + VLPI_OFF + GICR_VPROPBASER));
    return 0;
}

/*
 * Two-level device table (CONFIG indirect=1).  First probe
 * GITS_BASER<n>.Indirect: write it as 1 (with Valid=0) and read it back; it
 * is RAZ/WI when the ITS supports only flat tables.  Then fill the level-1
 * table at DT_BASE (already zeroed): every DeviceID in the blob's list below
 * 2^Devbits gets a zeroed, page-aligned 4 KiB level-2 page from the heap,
 * and its level-1 descriptor = Valid (bit 63) | page PA.  DeviceIDs that
 * share a level-2 page share the descriptor.  Entries of unused level-1
 * slots stay 0 (invalid).
 */
static int dt_setup_indirect(int n, u64 b, u32 esz, u64 pages)
{
    u64 ro = b & ((7ULL << 56) | (0x1fULL << 48));
    w64(GITS + GITS_BASER(n), ro | (1ULL << 62));
    u64 rb = r64(GITS + GITS_BASER(n));
    w64(GITS + GITS_BASER(n), ro);
    if (!(rb & (1ULL << 62))) {
        fatal("GITS_BASER.Indirect not supported (RAZ/WI), baser", rb);
        return -1;
    }
    u32 devbits = ((gits_typer >> 13) & 0x1f) + 1;
    u64 per_l2 = 4096 / esz;                   /* DTEs per level-2 page */
    u64 l1_entries = pages * 4096 / 8;
    volatile u64 *l1 = (volatile u64 *)DT_BASE;
    const struct scn_op *ops = (const struct scn_op *)(hdr + 1);
    const u32 *ids = (const u32 *)(ops + hdr->nops);
    u32 l2_pages = 0;
    for (u32 i = 0; i < hdr->ndevids; i++) {
        u64 id = ids[i];
        if (devbits < 32 && id >= (1ULL << devbits)) continue;
        u64 idx = id / per_l2;
        if (idx >= l1_entries || l1[idx]) continue;
        u64 pa = heap_alloc(4096, 4096);
        if (!pa) { fatal("heap exhausted allocating level-2 device table pages", l2_pages); return -1; }
        l1[idx] = (1ULL << 63) | pa;
        l2_pages++;
    }
    dsb();
    kprintf("# indirect device table: devbits=%u devids=%u l2_pages=%u\n",
            devbits, hdr->ndevids, l2_pages);
    return 0;
}

static int its_init(void)
{
    gits_typer = r64(GITS + GITS_TYPER);
    ite_size = ((gits_typer >> 4) & 0xf) + 1;
    if (!(gits_typer & 1)) { fatal("GITS_TYPER.Physical=0", gits_typer); return -1; }
    if (gits_typer & (1u << 19)) { fatal("GITS_TYPER.PTA=1 unsupported", gits_typer); return -1; }

    w32(GITS + GITS_CTLR, 0);
    int have_dt = 0, have_ct = 0, have_vt = 0;
    for (int n = 0; n < 8; n++) {
        u64 b = r64(GITS + GITS_BASER(n));
        u32 type = (b >> 56) & 7;
        u32 esz = ((b >> 48) & 0x1f) + 1;
        u64 base, pages;
        if (type == 1)      { base = DT_BASE; pages = hdr->dt_pages; have_dt = 1; }
        else if (type == 4) { base = CT_BASE; pages = hdr->ct_pages; have_ct = 1; }
        else if (type == 2 && gicv4) { base = VT_BASE; pages = hdr->vt_pages; have_vt = 1; }
        else {
            if (type) kprintf("# GITS_BASER%d type %u left invalid\n", n, type);
            continue;
        }
        memset((void *)base, 0, pages * 4096);
        dsb();
        u64 indirect = 0;
        if (type == 1 && (hdr->flags & SCN_FLAG_INDIRECT_DT)) {
            if (dt_setup_indirect(n, b, esz, pages)) return -1;
            indirect = 1ULL << 62;
        }
        /* Valid | Indirect | InnerCache=0 | Type/EntrySize RO | PA | Page_Size=4K | Size */
        u64 v = (1ULL << 63) | indirect | (b & ((7ULL << 56) | (0x1fULL << 48))) |
                base | (0ULL << 8) | (pages - 1);
        w64(GITS + GITS_BASER(n), v);
        u64 rb = r64(GITS + GITS_BASER(n));
        if (rb != v) { fatal("GITS_BASER readback mismatch", rb); return -1; }
        if (indirect)
            kprintf("# baser%d type=%u entry_size=%u indirect l1_pages=%lu l1_entries=%lu\n",
                    n, type, esz, pages, pages * 4096 / 8);
        else
            kprintf("# baser%d type=%u entry_size=%u pages=%lu entries=%lu\n",
                    n, type, esz, pages, pages * 4096 / esz);
    }
    if (!have_dt || !have_ct) { fatal("missing device/collection BASER", 0); return -1; }
    if (gicv4 && !have_vt) { fatal("gic=4 but no vPE table BASER", 0); return -1; }
    if (gicv4 && !(gits_typer & 2)) { fatal("gic=4 but GITS_TYPER.Virtual=0", gits_typer); return -1; }

    cq_entries = hdr->cq_pages * 4096 / 32;
    memset((void *)CQ_BASE, 0, (u64)hdr->cq_pages * 4096);
    dsb();
    w64(GITS + GITS_CBASER, (1ULL << 63) | CQ_BASE | (hdr->cq_pages - 1));
    w64(GITS + GITS_CWRITER, 0);
    dsb();
    w32(GITS + GITS_CTLR, 1);
    dsb();
    if (!(r32(GITS + GITS_CTLR) & 1)) { fatal("GITS_CTLR.Enabled did not stick", 0); return -1; }
    cq_wr = 0;
    cq_unissued = 0;
    return 0;
}

/* --------------------------------------------------------- command queue */
static void print_hex_line(const char *prefix, u64 v)
{
    kprintf("%s0x%016lx\n", prefix, v);
}

/*
 * Make the ITS consume every command written so far: write GITS_CWRITER and
 * wait until GITS_CREADR reaches it.  On a stall, report it and skip the
 * stalled command by writing GITS_CREADR (allowed because GICD_CTLR.DS=1),
 * then carry on with the remaining commands.
 */
static void its_issue(void)
{
    if (!cq_unissued || fatal_flag) return;
    dsb();
    u64 target = (u64)cq_wr * 32;
    u64 t0 = now();
    w64(GITS + GITS_CWRITER, target);
    st_issues++;
    for (;;) {
        u64 rd = r64(GITS + GITS_CREADR);
        if (rd & 1) {                                   /* Stalled */
            st_stalls++;
            print_hex_line("stall creadr=", rd);
            u64 off = rd & 0xFFFE0ULL;
            u64 next = (off + 32) % ((u64)cq_entries * 32);
            w64(GITS + GITS_CREADR, next);
            u64 chk = r64(GITS + GITS_CREADR);
            if ((chk & 1) || (chk & 0xFFFE0ULL) != next) {
                fatal("cannot skip stalled command, creadr", chk);
                return;
            }
            if (next == target) break;
            w64(GITS + GITS_CWRITER, target);           /* restart */
            continue;
        }
        if ((rd & 0xFFFE0ULL) == target) break;
        if (now() - t0 > 10 * cntfrq) {
            print_hex_line("timeout creadr=", rd);
            fatal_flag = 1;
            return;
        }
    }
    st_issue_ticks += now() - t0;
    st_cmds += cq_unissued;
    cq_unissued = 0;
}

static void its_cmd(u64 d0, u64 d1, u64 d2, u64 d3)
{
    if (cq_unissued >= cq_entries - 1)
        its_issue();
    volatile u64 *p = (volatile u64 *)(CQ_BASE + (u64)cq_wr * 32);
    p[0] = d0; p[1] = d1; p[2] = d2; p[3] = d3;
    cq_wr = (cq_wr + 1) % cq_entries;
    cq_unissued++;
    if (hdr->flags & SCN_FLAG_ISSUE_EACH)
        its_issue();
}

#define DEV(d)   ((u64)(u32)(d) << 32)
#define RDB(k)   (((u64)(k) & 0x7FFFFFFFFULL) << 16)

/* Bump allocator on the ITT heap: zero-filled, never freed. */
static u64 heap_alloc(u64 size, u64 align)
{
    size = (size + align - 1) & ~(align - 1);
    u64 a = (itt_brk + align - 1) & ~(align - 1);
    if (a + size > ITT_HEAP_END) return 0;
    itt_brk = a + size;
    memset((void *)a, 0, size);
    return a;
}

static u64 itt_alloc(u32 bits)
{
    u32 b = bits > LPI_IDBITS ? LPI_IDBITS : bits;
    return heap_alloc((u64)ite_size << b, 256);
}

/* ------------------------------------------------------------ vPEs (gic=4) */
/*
 * Every vPE ID gets one virtual pending table (VPT), allocated and zeroed
 * the first time the ID is named by VMAPP valid=1 or RESIDENT, and kept
 * (with its content) for the rest of the run.  64 KiB aligned slots.
 */
static u16 vpt_slot[65536];       /* 0 = none, else slot + 1 */
static u32 vpt_used;

static u64 vpt_addr(u32 vpe)
{
    return vpt_slot[vpe] ? VPT_POOL + (u64)(vpt_slot[vpe] - 1) * 0x10000UL : 0;
}

static u64 vpt_get(u32 vpe, u32 line)
{
    if (vpe > 0xffff) { fatal_line("bad vPE id at scenario line", line); return 0; }
    if (!vpt_slot[vpe]) {
        if (vpt_used >= VPT_SLOTS) { fatal_line("out of virtual pending tables at scenario line", line); return 0; }
        vpt_slot[vpe] = (u16)(++vpt_used);
        memset((void *)vpt_addr(vpe), 0, VPT_BYTES);
        dsb();
    }
    return vpt_addr(vpe);
}

static u64 vlpi(u32 k) { return gicr(k) + VLPI_OFF; }

static int wait_vpend_clean(u32 k)
{
    u64 t0 = now();
    while (r64(vlpi(k) + GICR_VPENDBASER) & VPEND_DIRTY)
        if (now() - t0 > cntfrq) { fatal("GICR_VPENDBASER.Dirty stuck, cpu", k); return -1; }
    return 0;
}

/*
 * RESIDENT cpu=K vpe=V|none: GICv4.0 vPE scheduling on redistributor K.
 * A resident vPE is first descheduled (Valid=0, wait for Dirty=0) and the
 * resulting PendingLast is reported.  Then the new vPE is scheduled with
 * VPENDBASER = VPT | IDAI | Valid (IDAI=1: the GIC must not trust the
 * IMPDEF area) and Dirty is awaited again.
 */
static void set_resident(u32 k, u32 vpe, u32 line)
{
    u64 reg = vlpi(k) + GICR_VPENDBASER;
    u32 old = mbox[k].vpe;
    if (old != VPE_NONE) {
        u64 v = r64(reg);
        w64(reg, v & ~VPEND_VALID);
        dsb();
        if (wait_vpend_clean(k)) return;
        v = r64(reg);
        mbox[k].vpe = VPE_NONE;
        kprintf("desched cpu=%u vpe=%u pendinglast=%u\n", k, old,
                (u32)((v & VPEND_PENDLAST) ? 1 : 0));
    }
    if (vpe != VPE_NONE) {
        u64 vpt = vpt_get(vpe, line);
        if (!vpt) return;
        w64(reg, VPEND_VALID | VPEND_IDAI | vpt);
        dsb();
        if (wait_vpend_clean(k)) return;
        u64 v = r64(reg);
        if (!(v & VPEND_VALID) || (v & 0x000FFFFFFFFF0000ULL) != vpt) {
            fatal("GICR_VPENDBASER readback", v);
            return;
        }
        mbox[k].vpe = vpe;
    }
    dsb();
}

/* VPENDING: every bit set in every allocated VPT, by (vPE, vINTID). */
static void print_vpending(void)
{
    for (u32 v = 0; v < 65536; v++) {
        if (!vpt_slot[v]) continue;
        const volatile u8 *pt = (const volatile u8 *)vpt_addr(v);
        for (u32 i = LPI_BASE / 8; i < VPT_BYTES; i++) {
            u8 b = pt[i];
            for (u32 bit = 0; b; bit++, b >>= 1)
                if (b & 1) kprintf("vpending vpe=%u intid=%u\n", v, i * 8 + bit);
        }
    }
}

/* ----------------------------------------------------------------- drain */
static u32 drain_seq;

static void do_drain(void)
{
    its_issue();
    if (fatal_flag) return;
    drain_seq++;
    dsb();
    for (u32 k = 1; k < ncpus; k++) {
        mbox[k].req = drain_seq;
        dsb();
        write_sgi0r((1ULL << k) | (0ULL << 24));      /* SGI 0 to CPU k */
        isb();
    }
    volatile u32 ov0 = 0, vov0 = 0;
    u32 n0 = drain_local(ackbuf(0), ACK_CAP, &ov0);
    u32 v0 = 0;
    if (gicv4 && mbox[0].vpe != VPE_NONE) {
        v0 = vdrain_local(0, vackbuf(0), &vov0);
        write_igrpen1(1);
        isb();
    }
    mbox[0].count = n0;
    mbox[0].overflow = ov0;
    mbox[0].vcount = v0;
    mbox[0].voverflow = vov0;
    u64 t0 = now();
    for (u32 k = 1; k < ncpus; k++) {
        while (mbox[k].done != drain_seq) {
            if (now() - t0 > 10 * cntfrq) {
                fatal("secondary did not finish drain, cpu", k);
                return;
            }
        }
    }
    dsb();
    kprintf("drain %u\n", drain_seq);
    for (u32 k = 0; k < ncpus; k++) {
        u32 *b = ackbuf(k);
        for (u32 i = 0; i < mbox[k].count; i++)
            kprintf("ack cpu=%u intid=%u\n", k, b[i]);
        if (mbox[k].overflow) fatal("ack buffer overflow, cpu", k);
    }
    for (u32 k = 0; k < ncpus; k++) {
        u32 *b = vackbuf(k);
        for (u32 i = 0; i < mbox[k].vcount; i++)
            kprintf("vack cpu=%u vpe=%u intid=%u\n", k, mbox[k].vpe, b[i]);
        if (mbox[k].voverflow) fatal("vack buffer overflow, cpu", k);
    }
}

/* -------------------------------------------------------------- REG names */
static const char *reg_name(u32 r, u64 *off, int *is64)
{
    static char bn[8] = "BASERx";
    *is64 = 1;
    switch (r) {
    case REG_CTLR:    *off = GITS_CTLR;    *is64 = 0; return "CTLR";
    case REG_IIDR:    *off = GITS_IIDR;    *is64 = 0; return "IIDR";
    case REG_TYPER:   *off = GITS_TYPER;   return "TYPER";
    case REG_CBASER:  *off = GITS_CBASER;  return "CBASER";
    case REG_CWRITER: *off = GITS_CWRITER; return "CWRITER";
    case REG_CREADR:  *off = GITS_CREADR;  return "CREADR";
    default:
        if (r >= REG_BASER0 && r < REG_BASER0 + 8) {
            *off = GITS_BASER(r - REG_BASER0);
            bn[5] = '0' + (r - REG_BASER0);
            return bn;
        }
        return 0;
    }
}

/* ------------------------------------------------- SMMUv3 + edu (iommu=1) */
/*
 * CONFIG iommu=smmuv3: -M virt,...,iommu=smmuv3 -device edu,bus=pcie.0,addr=0x1.
 * The program is the SMMU driver and the edu driver.  Fixed layout (gic=3
 * only, so the GICv4 area at 0x5B00_0000.. is free):
 */
#define SMMU_BASE      0x09050000UL     /* virt memmap VIRT_SMMU (128 KiB) */
#define PCIE_ECAM      0x4010000000UL   /* VIRT_HIGH_PCIE_ECAM (highmem_ecam) */
#define PCIE_MMIO      0x10000000UL     /* VIRT_PCIE_MMIO: edu BAR0 goes here */
#define EDU_DEVFN      0x08u            /* 00:01.0 -> RID/StreamID/DeviceID 8 */
#define ST_BASE        0x5B000000UL     /* stream table (linear) or L1 table */
#define L2_BASE        0x5B400000UL     /* L2 STE arrays: idx * 2^split STEs */
#define SCMDQ_BASE     0x5B800000UL     /* SMMU command queue, 2^8 x 16 B */
#define SCMDQ_LOG2     8u
#define EVQ_BASE       0x5B810000UL     /* event queue, 2^evq_log2size x 32 B */
#define CD_BASE        0x5B900000UL     /* CD n at CD_BASE + 64 n, n < 64 */
#define PT_POOL        0x5BA00000UL     /* page-table pages (bump, zeroed) */
#define PT_POOL_END    0x5C000000UL
#define DMA_WIN        0x5C000000UL     /* RAM window for FILL/DUMP/EDU_DMA */
#define DMA_WIN_SIZE   0x01000000UL

#define S_IDR0 0x00
#define S_IDR1 0x04
#define S_IDR5 0x14
#define S_CR0 0x20
#define S_CR0ACK 0x24
#define S_CR1 0x28
#define S_CR2 0x2C
#define S_GBPA 0x44
#define S_IRQ_CTRL 0x50
#define S_GERROR 0x60
#define S_GERRORN 0x64
#define S_STRTAB_BASE 0x80
#define S_STRTAB_BASE_CFG 0x88
#define S_CMDQ_BASE 0x90
#define S_CMDQ_PROD 0x98
#define S_CMDQ_CONS 0x9C
#define S_EVENTQ_BASE 0xA0
#define S_EVENTQ_PROD 0x100A8
#define S_EVENTQ_CONS 0x100AC
#define CR0_SMMUEN (1u << 0)
#define CR0_EVENTQEN (1u << 2)
#define CR0_CMDQEN (1u << 3)

static int iommu;
static u32 st_levels, st_split, st_log2size, evq_log2size;
static u32 smmu_cr0, smmu_cr2;
static u32 scmdq_prod;           /* index | wrap<<SCMDQ_LOG2 */
static u64 pt_brk = PT_POOL;
static u64 tt_root[16];
static u32 edu_msi_cap;
static u64 edu_bar;

static inline u64 ecam(u32 devfn, u32 reg) { return PCIE_ECAM + ((u64)devfn << 12) + reg; }
static inline u16 r16(u64 a) { return *(volatile u16 *)a; }
static inline void w16(u64 a, u16 v) { *(volatile u16 *)a = v; }

static int smmu_cr0_write(u32 v)
{
    w32(SMMU_BASE + S_CR0, v);
    dsb();
    u64 t0 = now();
    while (r32(SMMU_BASE + S_CR0ACK) != v)
        if (now() - t0 > cntfrq) { fatal("SMMU CR0ACK timeout, CR0", v); return -1; }
    smmu_cr0 = v;
    return 0;
}

static u64 pt_alloc(void)
{
    if (pt_brk + 4096 > PT_POOL_END) { fatal("page-table pool exhausted", pt_brk); return 0; }
    u64 a = pt_brk;
    pt_brk += 4096;
    memset((void *)a, 0, 4096);
    return a;
}

/* L3 descriptor address for iova in tree tt (4 KiB granule, walk from L0). */
static u64 pte_slot(u32 tt, u64 iova)
{
    if (!tt_root[tt]) { tt_root[tt] = pt_alloc(); if (!tt_root[tt]) return 0; }
    u64 table = tt_root[tt];
    for (int lvl = 0; lvl < 3; lvl++) {
        u32 idx = (iova >> (39 - 9 * lvl)) & 0x1ff;
        u64 e = r64(table + idx * 8);
        if ((e & 3) != 3) {
            u64 n = pt_alloc();
            if (!n) return 0;
            e = n | 3;
            w64(table + idx * 8, e);
        }
        table = e & 0x0000FFFFFFFFF000ULL;
    }
    return table + ((iova >> 12) & 0x1ff) * 8;
}

static u64 tt_base(u32 tt)
{
    if (!tt_root[tt]) tt_root[tt] = pt_alloc();
    return tt_root[tt];
}

static u64 ste_addr(u32 sid)
{
    if (st_levels == 1)
        return ST_BASE + (u64)sid * 64;
    u32 idx = sid >> st_split;
    return L2_BASE + ((u64)idx << st_split) * 64 + (u64)(sid & ((1u << st_split) - 1)) * 64;
}

/* Issue one SMMU command; QEMU consumes it inside the CMDQ_PROD write. */
static void smmu_cmd(u64 d0, u64 d1)
{
    u32 mask = (1u << SCMDQ_LOG2) - 1;
    u64 slot = SCMDQ_BASE + (u64)(scmdq_prod & mask) * 16;
    w64(slot, d0);
    w64(slot + 8, d1);
    dsb();
    scmdq_prod = (scmdq_prod + 1) & ((2u << SCMDQ_LOG2) - 1);
    w32(SMMU_BASE + S_CMDQ_PROD, scmdq_prod);
    dsb();
    u64 t0 = now();
    for (;;) {
        u32 cons = r32(SMMU_BASE + S_CMDQ_CONS);
        if ((cons & ((2u << SCMDQ_LOG2) - 1)) == scmdq_prod) break;
        u32 gerr = r32(SMMU_BASE + S_GERROR) ^ r32(SMMU_BASE + S_GERRORN);
        if (gerr & 1) {
            /* CMDQ_ERR: report, skip the failing command, acknowledge */
            kprintf("cmdq_error cons=0x%08x\n", cons);
            u32 next = ((cons & ((2u << SCMDQ_LOG2) - 1)) + 1) & ((2u << SCMDQ_LOG2) - 1);
            w32(SMMU_BASE + S_CMDQ_CONS, next);
            w32(SMMU_BASE + S_GERRORN, r32(SMMU_BASE + S_GERRORN) ^ 1);
            dsb();
            continue;
        }
        if (now() - t0 > cntfrq) { fatal("SMMU CMDQ_CONS timeout, cons", cons); return; }
    }
}

static int pci_edu_init(void)
{
    u32 id = r32(ecam(EDU_DEVFN, 0));
    if (id != 0x11e81234u) { fatal("no edu device at 00:01.0 (vendor/device)", id); return -1; }
    w16(ecam(EDU_DEVFN, 0x04), 0);                      /* COMMAND = 0 */
    w32(ecam(EDU_DEVFN, 0x10), (u32)PCIE_MMIO);         /* BAR0 (32-bit, 1 MiB) */
    edu_bar = r32(ecam(EDU_DEVFN, 0x10)) & ~0xfu;
    if (edu_bar != PCIE_MMIO) { fatal("edu BAR0 readback", edu_bar); return -1; }
    w16(ecam(EDU_DEVFN, 0x04), 0x0006);                 /* MEM | BUS_MASTER */
    /* find the MSI capability */
    u32 p = r32(ecam(EDU_DEVFN, 0x34)) & 0xfc;
    for (int i = 0; p && i < 48; i++) {
        u32 hdr = r32(ecam(EDU_DEVFN, p));
        if ((hdr & 0xff) == 0x05) { edu_msi_cap = p; break; }
        p = (hdr >> 8) & 0xfc;
    }
    if (!edu_msi_cap) { fatal("edu has no MSI capability", 0); return -1; }
    u16 ctl = r16(ecam(EDU_DEVFN, edu_msi_cap + 2));
    if (!(ctl & 0x80)) { fatal("edu MSI is not 64-bit capable, ctl", ctl); return -1; }
    w32(ecam(EDU_DEVFN, edu_msi_cap + 4), 0);
    w32(ecam(EDU_DEVFN, edu_msi_cap + 8), 0);
    w16(ecam(EDU_DEVFN, edu_msi_cap + 12), 0);
    w16(ecam(EDU_DEVFN, edu_msi_cap + 2), (ctl & ~0x70) | 1); /* MME=0, enable */
    dsb();
    kprintf("# edu ident=0x%x bar0=0x%lx msi_cap=0x%x msi_ctl=0x%x\n", r32(edu_bar),
            edu_bar, edu_msi_cap, r16(ecam(EDU_DEVFN, edu_msi_cap + 2)));
    return 0;
}

static int smmu_init(void)
{
    st_levels = hdr->st_cfg & 0xff;
    st_split = (hdr->st_cfg >> 8) & 0xff;
    st_log2size = (hdr->st_cfg >> 16) & 0xff;
    evq_log2size = hdr->evq_log2size;
    kprintf("# smmu idr0=0x%x idr1=0x%x idr5=0x%x aidr=0x%x\n", r32(SMMU_BASE + S_IDR0),
            r32(SMMU_BASE + S_IDR1), r32(SMMU_BASE + S_IDR5), r32(SMMU_BASE + 0x1C));
    if (smmu_cr0_write(0)) return -1;
    /* stream table */
    if (st_levels == 1) {
        memset((void *)ST_BASE, 0, (u64)64 << st_log2size);
    } else {
        u32 nl1 = 1u << (st_log2size - st_split);
        memset((void *)ST_BASE, 0, (u64)nl1 * 8);       /* every L1STD: Span 0 */
        memset((void *)L2_BASE, 0, ((u64)nl1 << st_split) * 64);
    }
    dsb();
    w64(SMMU_BASE + S_STRTAB_BASE, ST_BASE);
    w32(SMMU_BASE + S_STRTAB_BASE_CFG, st_log2size | ((st_levels == 2 ? st_split : 0) << 6) |
        ((st_levels == 2 ? 1u : 0u) << 16));
    memset((void *)SCMDQ_BASE, 0, 16u << SCMDQ_LOG2);
    memset((void *)EVQ_BASE, 0, 32u << evq_log2size);
    memset((void *)CD_BASE, 0, 64 * 64);
    dsb();
    w64(SMMU_BASE + S_CMDQ_BASE, SCMDQ_BASE | SCMDQ_LOG2);
    w32(SMMU_BASE + S_CMDQ_PROD, 0);
    w32(SMMU_BASE + S_CMDQ_CONS, 0);
    w64(SMMU_BASE + S_EVENTQ_BASE, EVQ_BASE | evq_log2size);
    w32(SMMU_BASE + S_EVENTQ_PROD, 0);
    w32(SMMU_BASE + S_EVENTQ_CONS, 0);
    w32(SMMU_BASE + S_CR1, 0);
    smmu_cr2 = 1u << 1;                                 /* RECINVSID */
    w32(SMMU_BASE + S_CR2, smmu_cr2);
    w32(SMMU_BASE + S_IRQ_CTRL, 0);
    if (smmu_cr0_write(CR0_CMDQEN | CR0_EVENTQEN)) return -1;
    return pci_edu_init();
}

static void smmu_set(const u64 *a)
{
    if (a[2] != KEEP) {
        w32(SMMU_BASE + S_GBPA, (1u << 31) | (a[2] ? (1u << 20) : 0));
        dsb();
        u64 t0 = now();
        while (r32(SMMU_BASE + S_GBPA) & (1u << 31))
            if (now() - t0 > cntfrq) { fatal("SMMU GBPA.Update stuck", 0); return; }
    }
    if (a[3] != KEEP) {
        smmu_cr2 = (smmu_cr2 & ~2u) | (a[3] ? 2u : 0u);
        w32(SMMU_BASE + S_CR2, smmu_cr2);
    }
    u32 cr0 = smmu_cr0;
    if (a[1] != KEEP) cr0 = (cr0 & ~CR0_EVENTQEN) | (a[1] ? CR0_EVENTQEN : 0);
    if (a[0] != KEEP) cr0 = (cr0 & ~CR0_SMMUEN) | (a[0] ? CR0_SMMUEN : 0);
    dsb();
    if (cr0 != smmu_cr0) smmu_cr0_write(cr0);
}

static void write_ste(const u64 *a)
{
    u32 sid = (u32)a[0];
    u64 st = ste_addr(sid);
    u32 s1cdmax = a[4] & 0x1f, s1dss = (a[4] >> 8) & 3, s1stalld = (a[4] >> 16) & 1;
    u32 s2tt = (a[4] >> 24) & 0xff;
    u64 d[8] = {0};
    d[0] = (a[1] ? 1 : 0) | ((a[2] & 7) << 1) | ((u64)s1cdmax << 59);
    if (a[3] != KEEP) {
        u64 ctx = (a[3] & RAW_ADDR) ? (a[3] & ~RAW_ADDR) : CD_BASE + a[3] * 64;
        d[0] |= ctx & 0x00FFFFFFFFFFFFC0ULL;
    }
    /* S1DSS, S1CIR=S1COR=WBRA, S1CSH=ISH, S1STALLD, STRW=NS-EL1, SHCFG=incoming */
    d[1] = s1dss | (1ULL << 2) | (1ULL << 4) | (3ULL << 6) | ((u64)s1stalld << 27) | (1ULL << 44);
    if (s2tt != 0xff) {
        /* S2T0SZ=25 S2SL0=1 (L1 start) S2TG=4K S2PS=48 bit S2AA64 S2R */
        d[2] = (25ULL << 32) | (1ULL << 38) | (5ULL << 48) | (1ULL << 51) | (1ULL << 58);
        d[3] = tt_base(s2tt) & 0x00FFFFFFFFFFFFF0ULL;
    }
    for (int i = 7; i >= 1; i--) w64(st + 8 * i, d[i]);
    dsb();
    w64(st, d[0]);
    dsb();
}

static void write_cd(const u64 *a)
{
    u64 cd = CD_BASE + a[0] * 64;
    u32 f = (u32)a[3];
    u32 t0sz = a[4] & 0x3f, tg0 = (a[4] >> 8) & 3, ips = (a[4] >> 16) & 7;
    u64 d0 = t0sz | ((u64)tg0 << 6) | (1ULL << 8) | (1ULL << 10) | (3ULL << 12) |
             ((f & CD_F_EPD0) ? 1ULL << 14 : 0) | (1ULL << 30) /* EPD1 */ |
             ((f & CD_F_VALID) ? 1ULL << 31 : 0) | ((u64)ips << 32) |
             ((f & CD_F_AFFD) ? 1ULL << 35 : 0) | ((f & CD_F_AA64) ? 1ULL << 41 : 0) |
             ((f & CD_F_HD) ? 1ULL << 42 : 0) | ((f & CD_F_HA) ? 1ULL << 43 : 0) |
             ((f & CD_F_S) ? 1ULL << 44 : 0) | ((f & CD_F_R) ? 1ULL << 45 : 0) |
             ((f & CD_F_A) ? 1ULL << 46 : 0) | (1ULL << 47) /* ASET */ |
             ((a[1] & 0xffff) << 48);
    u64 ttb = (a[2] & RAW_ADDR) ? (a[2] & ~RAW_ADDR) : tt_base((u32)a[2]);
    u64 d1 = ttb & 0x000FFFFFFFFFFFF0ULL;
    w64(cd + 8, d1);
    w64(cd + 16, 0);
    w64(cd + 24, 0x00000000f404ff44ULL);               /* MAIR (Linux) */
    for (int i = 4; i < 8; i++) w64(cd + 8 * i, 0);
    dsb();
    w64(cd, d0);
    dsb();
}

static void do_map(const u64 *a)
{
    u64 slot = pte_slot((u32)a[0], a[1]);
    if (!slot) return;
    u64 d;
    if (a[3] & MAP_RAW) {
        d = a[4];
    } else {
        u32 ap = a[3] & 3, af = (a[3] >> 8) & 1, attr = (a[3] >> 16) & 7;
        d = (a[2] & 0x0000FFFFFFFFF000ULL) | 3 | ((u64)attr << 2) | ((u64)ap << 6) |
            (3ULL << 8) | ((u64)af << 10);
    }
    w64(slot, d);
    dsb();
}

static void edu_msi(u64 addr, u32 data)
{
    w32(ecam(EDU_DEVFN, edu_msi_cap + 4), (u32)addr);
    w32(ecam(EDU_DEVFN, edu_msi_cap + 8), (u32)(addr >> 32));
    w16(ecam(EDU_DEVFN, edu_msi_cap + 12), (u16)data);
    dsb();
    w32(edu_bar + 0x60, 1);          /* raise interrupt: MSI sent synchronously */
    dsb();
    w32(edu_bar + 0x64, 1);          /* acknowledge (irq_status = 0) */
    dsb();
}

static void edu_dma(const u64 *a)
{
    u64 devaddr = 0x40000 + a[3];
    if (a[0] == 0) {                 /* RAM -> edu buffer: device reads iova */
        w64(edu_bar + 0x80, a[1]);
        w64(edu_bar + 0x88, devaddr);
    } else {                         /* edu buffer -> RAM: device writes iova */
        w64(edu_bar + 0x80, devaddr);
        w64(edu_bar + 0x88, a[1]);
    }
    w64(edu_bar + 0x90, a[2]);
    dsb();
    w64(edu_bar + 0x98, 1 | (a[0] ? 2 : 0));
    dsb();
    u64 t0 = now();
    u64 c0 = r64(edu_bar + 0x98);
    while (r64(edu_bar + 0x98) & 1)
        if (now() - t0 > 5 * cntfrq) { fatal("edu DMA did not complete", a[1]); return; }
    dsb();
    kprintf("# edu dma cmd=0x%lx src=0x%lx dst=0x%lx cnt=0x%lx ticks=%lu\n", c0,
            r64(edu_bar + 0x80), r64(edu_bar + 0x88), r64(edu_bar + 0x90), now() - t0);
}

static void print_events(void)
{
    u32 mask = (1u << evq_log2size) - 1, wrapmask = (2u << evq_log2size) - 1;
    u32 prod = r32(SMMU_BASE + S_EVENTQ_PROD);
    u32 cons = r32(SMMU_BASE + S_EVENTQ_CONS);
    u32 n = ((prod & wrapmask) - (cons & wrapmask)) & wrapmask;
    u32 ovf = ((prod ^ cons) >> 31) & 1;
    kprintf("events n=%u overflow=%u\n", n, ovf);
    u32 c = cons & wrapmask;
    for (u32 i = 0; i < n; i++) {
        const volatile u64 *e = (const volatile u64 *)(EVQ_BASE + (u64)(c & mask) * 32);
        u64 d0 = e[0], d1 = e[1], d2 = e[2], d3 = e[3];
        kprintf("event type=0x%02x sid=0x%x ssv=%u ssid=0x%x stall=%u stag=0x%x pnu=%u ind=%u "
                "rnw=%u s2=%u class=%u addr=0x%016lx addr2=0x%016lx\n",
                (u32)(d0 & 0xff), (u32)(d0 >> 32), (u32)(d0 >> 11) & 1,
                (u32)(d0 >> 12) & 0xfffff, (u32)(d1 >> 31) & 1, (u32)(d1 & 0xffff),
                (u32)(d1 >> 33) & 1, (u32)(d1 >> 34) & 1, (u32)(d1 >> 35) & 1,
                (u32)(d1 >> 39) & 1, (u32)(d1 >> 40) & 3, d2, d3);
        c = (c + 1) & wrapmask;
    }
    w32(SMMU_BASE + S_EVENTQ_CONS, c | (prod & (1u << 31)));   /* OVACKFLG = OVFLG */
    dsb();
}

static const struct { const char *name; u32 off; } sregs[SREG_COUNT] = {
    {"IDR0", S_IDR0}, {"IDR1", S_IDR1}, {"IDR5", S_IDR5}, {"CR0", S_CR0},
    {"CR0ACK", S_CR0ACK}, {"CR2", S_CR2}, {"GBPA", S_GBPA}, {"IRQ_CTRL", S_IRQ_CTRL},
    {"GERROR", S_GERROR}, {"GERRORN", S_GERRORN}, {"STRTAB_BASE_CFG", S_STRTAB_BASE_CFG},
    {"CMDQ_PROD", S_CMDQ_PROD}, {"CMDQ_CONS", S_CMDQ_CONS},
    {"EVENTQ_PROD", S_EVENTQ_PROD}, {"EVENTQ_CONS", S_EVENTQ_CONS},
};

static void run_smmu_op(const struct scn_op *o)
{
    const u64 *a = o->a;
    if (!iommu) { fatal_line("SMMU/edu action needs iommu=smmuv3, scenario line", o->line); return; }
    its_issue();                     /* ITS commands queued so far take effect first */
    if (fatal_flag) return;
    switch (o->op) {
    case OP_SMMU:   smmu_set(a); break;
    case OP_STE:    write_ste(a); break;
    case OP_L1STD: {
        u64 l2 = a[2] ? a[2] : L2_BASE + ((u64)a[0] << st_split) * 64;
        w64(ST_BASE + a[0] * 8, a[1] ? (l2 | (a[1] & 0x1f)) : 0);
        dsb();
        break;
    }
    case OP_CD:     write_cd(a); break;
    case OP_MAP:    do_map(a); break;
    case OP_UNMAP: {
        u64 slot = pte_slot((u32)a[0], a[1]);
        if (slot) { w64(slot, 0); dsb(); }
        break;
    }
    case OP_SCMD:   smmu_cmd(a[0], a[1]); break;
    case OP_EDU_MSI: edu_msi(a[0], (u32)a[1]); break;
    case OP_EVENTS: print_events(); break;
    case OP_SREG:
        if (a[0] >= SREG_COUNT) { fatal("bad SMMU register id", a[0]); return; }
        kprintf("sreg %s=0x%08x\n", sregs[a[0]].name, r32(SMMU_BASE + sregs[a[0]].off));
        break;
    case OP_EDU_DMA: edu_dma(a); break;
    case OP_FILL:
        for (u64 i = 0; i < a[1]; i++) w8(DMA_WIN + a[0] + i, (u8)(a[2] + i));
        dsb();
        break;
    case OP_DUMP: {
        dsb();
        for (u64 i = 0; i < a[1]; i += 16) {
            kprintf("mem off=0x%06lx", a[0] + i);
            for (u64 j = i; j < i + 16 && j < a[1]; j++)
                kprintf(" %02x", (u32)*(volatile u8 *)(DMA_WIN + a[0] + j));
            kprintf("\n");
        }
        break;
    }
    default: fatal("bad opcode", o->op); break;
    }
}

/* ------------------------------------------------------------ interpreter */
static void run_op(const struct scn_op *o)
{
    const u64 *a = o->a;
    if (o->op >= OP_VMAPP && o->op <= OP_VPENDING && !gicv4) {
        fatal_line("GICv4 action needs gic=4, scenario line", o->line);
        return;
    }
    if (o->op >= OP_SMMU && o->op <= OP_DUMP) { run_smmu_op(o); return; }
    switch (o->op) {
    case OP_MAPD: {
        u64 itt = 0;
        u32 dev = (u32)a[0], bits = (u32)a[1], valid = a[2] ? 1 : 0;
        if (valid) {
            u64 *last = (u64 *)LASTITT_BASE;
            switch (a[3]) {
            case ITT_ALLOC:
                itt = itt_alloc(bits);
                if (!itt) { fatal_line("ITT heap exhausted at scenario line", o->line); return; }
                if (dev < 65536) last[dev] = itt;
                break;
            case ITT_EXPLICIT:
                itt = a[4];
                break;
            case ITT_REUSE:
                itt = dev < 65536 ? last[dev] : 0;
                if (!itt) { fatal_line("itt=reuse without an earlier ITT at scenario line", o->line); return; }
                break;
            }
        }
        dsb();
        its_cmd(0x08 | DEV(dev), (bits - 1) & 0x1f,
                ((u64)valid << 63) | (itt & 0x000FFFFFFFFFFF00ULL), 0);
        break;
    }
    case OP_MAPC:
        its_cmd(0x09, 0, ((a[2] ? 1ULL : 0) << 63) | RDB(a[1]) | (a[0] & 0xffff), 0);
        break;
    case OP_MAPTI:
        its_cmd(0x0A | DEV(a[0]), (u32)a[1] | ((u64)(u32)a[2] << 32), a[3] & 0xffff, 0);
        break;
    case OP_MAPI:
        its_cmd(0x0B | DEV(a[0]), (u32)a[1], a[2] & 0xffff, 0);
        break;
    case OP_INT:     its_cmd(0x03 | DEV(a[0]), (u32)a[1], 0, 0); break;
    case OP_CLEAR:   its_cmd(0x04 | DEV(a[0]), (u32)a[1], 0, 0); break;
    case OP_DISCARD: its_cmd(0x0F | DEV(a[0]), (u32)a[1], 0, 0); break;
    case OP_INV:     its_cmd(0x0C | DEV(a[0]), (u32)a[1], 0, 0); break;
    case OP_MOVI:    its_cmd(0x01 | DEV(a[0]), (u32)a[1], a[2] & 0xffff, 0); break;
    case OP_MOVALL:  its_cmd(0x0E, 0, RDB(a[0]), RDB(a[1])); break;
    case OP_INVALL:  its_cmd(0x0D, 0, a[0] & 0xffff, 0); break;
    case OP_SYNC:    its_cmd(0x05, 0, RDB(a[0]), 0); break;
    case OP_RAWCMD:  its_cmd(a[0], a[1], a[2], a[3]); break;
    case OP_LPICFG:
        its_issue();
        w8(PROP_BASE + (a[0] - LPI_BASE),
           (u8)((a[1] & 0xfc) | 0x2 | (a[2] ? 1 : 0)));
        dsb();
        break;
    case OP_MSI:
        its_issue();
        dsb();
        w32(GITS_TRANSLATER_ADDR, (u32)a[0]);
        dsb();
        break;
    case OP_DRAIN:
        do_drain();
        break;
    case OP_PENDING:
        /*
         * QEMU keeps LPI pending state only in the pending tables (plus a
         * cached "best pending LPI"), so the table content is its exact
         * pending state.  Architecturally UNKNOWN while EnableLPIs=1.
         */
        its_issue();
        dsb();
        for (u32 k = 0; k < ncpus; k++) {
            const volatile u8 *pt = (const volatile u8 *)(PEND_BASE + (u64)k * 0x10000UL);
            for (u32 i = LPI_BASE / 8; i < (1u << LPI_IDBITS) / 8; i++) {
                u8 b = pt[i];
                for (u32 bit = 0; b; bit++, b >>= 1)
                    if (b & 1) kprintf("pending cpu=%u intid=%u\n", k, i * 8 + bit);
            }
        }
        break;
    /* ---------------------------------------------------- GICv4.0 (gic=4) */
    case OP_VMAPP: {
        u32 vpe = (u32)a[0];
        u64 vpt = 0;
        if (a[2]) {
            vpt = vpt_get(vpe, o->line);
            if (!vpt) return;
        }
        its_cmd(0x29, (u64)(vpe & 0xffff) << 32,
                ((a[2] ? 1ULL : 0) << 63) | RDB(a[1]),
                (vpt & 0x000FFFFFFFFF0000ULL) | (a[3] & 0x1f));
        break;
    }
    case OP_VMAPTI:
        its_cmd(0x2A | DEV(a[0]), (u32)a[1] | ((a[2] & 0xffff) << 32),
                (u32)a[3] | ((u64)(u32)a[4] << 32), 0);
        break;
    case OP_VMAPI:
        its_cmd(0x2B | DEV(a[0]), (u32)a[1] | ((a[2] & 0xffff) << 32),
                (u64)(u32)a[3] << 32, 0);
        break;
    case OP_VMOVI:
        its_cmd(0x21 | DEV(a[0]), (u32)a[1] | ((a[2] & 0xffff) << 32),
                (a[3] ? 1ULL : 0) | ((u64)(u32)a[4] << 32), 0);
        break;
    case OP_VMOVP:   its_cmd(0x22, (a[0] & 0xffff) << 32, RDB(a[1]), 0); break;
    case OP_VSYNC:   its_cmd(0x25, (a[0] & 0xffff) << 32, 0, 0); break;
    case OP_VINVALL: its_cmd(0x2D, (a[0] & 0xffff) << 32, 0, 0); break;
    case OP_RESIDENT:
        its_issue();
        if (fatal_flag) return;
        if (a[0] >= ncpus) { fatal_line("RESIDENT cpu out of range at scenario line", o->line); return; }
        set_resident((u32)a[0], (u32)a[1], o->line);
        break;
    case OP_VLPICFG:
        its_issue();
        w8(VCONF_BASE + (a[0] - LPI_BASE),
           (u8)((a[1] & 0xfc) | 0x2 | (a[2] ? 1 : 0)));
        dsb();
        break;
    case OP_VPENDING:
        its_issue();
        dsb();
        print_vpending();
        break;
    case OP_REG: {
        its_issue();
        u64 off; int is64;
        const char *nm = reg_name((u32)a[0], &off, &is64);
        if (!nm) { fatal("bad register id", a[0]); return; }
        u64 v = is64 ? r64(GITS + off) : r32(GITS + off);
        kprintf("reg %s=0x%016lx\n", nm, v);
        break;
    }
    default:
        fatal("bad opcode", o->op);
        break;
    }
}

static int check_blob(void)
{
    hdr = (const struct scn_header *)SCN_LOAD_ADDR;
    if (hdr->magic != SCN_MAGIC) { fatal("no scenario blob at 0x48000000, magic", hdr->magic); return -1; }
    if (hdr->version != SCN_VERSION) { fatal("scenario version", hdr->version); return -1; }
    u64 bytes = (u64)hdr->nops * sizeof(struct scn_op) + (u64)hdr->ndevids * 4;
    if (SCN_LOAD_ADDR + sizeof(*hdr) + bytes > SCN_END) { fatal("scenario too large", bytes); return -1; }
    if (hdr->gic != 3 && hdr->gic != 4) { fatal("bad gic", hdr->gic); return -1; }
    if (hdr->iommu > 1 || (hdr->iommu && hdr->gic != 3)) { fatal("bad iommu", hdr->iommu); return -1; }
    if (hdr->iommu) {
        u32 lv = hdr->st_cfg & 0xff, sp = (hdr->st_cfg >> 8) & 0xff, l2 = (hdr->st_cfg >> 16) & 0xff;
        if (lv < 1 || lv > 2 || l2 < 1 || l2 > 16 || (lv == 2 && (sp < 1 || sp > 10 || sp >= l2)) ||
            hdr->evq_log2size < 1 || hdr->evq_log2size > 10) { fatal("bad SMMU config", hdr->st_cfg); return -1; }
    }
    if ((hdr->gic == 4) != (gicv4 != 0)) { fatal("CONFIG gic does not match the machine, gic", hdr->gic); return -1; }
    if (gicv4 && (hdr->vt_pages < 1 || hdr->vt_pages > 128)) { fatal("bad vt_pages", hdr->vt_pages); return -1; }
    if (hdr->cpus < 1 || hdr->cpus > MAX_CPUS) { fatal("bad cpus", hdr->cpus); return -1; }
    if (hdr->dt_pages < 1 || hdr->dt_pages > 256 || hdr->ct_pages < 1 || hdr->ct_pages > 256 ||
        hdr->cq_pages < 1 || hdr->cq_pages > 256) { fatal("bad table pages", 0); return -1; }
    const u32 *w = (const u32 *)(hdr + 1);
    u32 sum = 0;
    for (u64 i = 0; i < bytes / 4; i++) sum += w[i];
    if (sum != hdr->checksum) { fatal("scenario checksum mismatch", sum); return -1; }
    return 0;
}

static int count_redists(void)
{
    u32 n = 0;
    /* frame size: GICv4 redistributors (VLPIS=1) have 4 x 64 KiB frames */
    gicr_stride = (r64(GICR0 + GICR_TYPER) & 2) ? GICR_STRIDE_V4 : GICR_STRIDE_V3;
    for (;;) {
        u64 t = r64(gicr(n) + GICR_TYPER);
        n++;
        if (t & (1u << 4)) break;          /* Last */
        if (n >= 64) break;
    }
    return n;
}

int main(void)
{
    uart_init();
    cntfrq = read_cntfrq();
    u64 el = (read_currentel() >> 2) & 3;
    psci_smc = (el == 2);
    gicv4 = (el == 2);
    kprintf("# its-oracle start el=%lu mpidr=0x%lx cntfrq=%lu\n", el, read_mpidr(), cntfrq);
    if (el != 1 && el != 2) { fatal("unexpected entry EL", el); goto out; }
    if (check_blob()) goto out;

    u32 nrd = count_redists();
    ncpus = hdr->cpus;
    if (nrd < ncpus) { fatal("scenario wants more CPUs than -smp gives:", nrd); goto out; }
    if (nrd > ncpus) kprintf("# note: %u CPUs present, scenario uses %u\n", nrd, ncpus);

    if (gic_init()) goto out;
    if (its_init()) goto out;
    iommu = hdr->iommu == 1;
    if (iommu && smmu_init()) goto out;
    cpuif_init(1);
    mbox[0].online = 1;
    kprintf("# icc pmr=0x%lx ctlr=0x%lx\n", read_pmr(), read_icc_ctlr());
    kprintf("# gits typer=0x%lx iidr=0x%x ite_size=%u cq_entries=%u\n",
            gits_typer, r32(GITS + GITS_IIDR), ite_size, cq_entries);
    if (gicv4)
        kprintf("# el2 hcr=0x%lx ich_vtr=0x%lx ich_vmcr=0x%lx icc_sre_el2=0x%lx\n",
                read_hcr_el2(), read_ich_vtr(), read_ich_vmcr(), read_sre_el2());
    kprintf("# pidr2 gicd=0x%x gicr=0x%x gits=0x%x\n", r32(GICD + 0xFFE8),
            r32(gicr(0) + 0xFFE8), r32(GITS + 0xFFE8));

    u64 psci_ver = psci_call(PSCI_VERSION, 0, 0, 0);
    kprintf("# psci version=0x%lx (%s conduit)\n", psci_ver, psci_smc ? "SMC" : "HVC");
    for (u32 k = 1; k < ncpus; k++) {
        u64 t = r64(gicr(k) + GICR_TYPER);
        u64 aff = t >> 32;
        u64 mpidr = (aff & 0xffffff) | ((aff >> 24) << 32);
        extern char secondary_entry[];
        u64 r = psci_call(PSCI_CPU_ON_64, mpidr, (u64)secondary_entry, k);
        if (r != 0) { fatal("PSCI CPU_ON failed, ret", r); goto out; }
    }
    u64 t0 = now();
    for (u32 k = 1; k < ncpus; k++)
        while (!mbox[k].online)
            if (now() - t0 > 5 * cntfrq) { fatal("secondary did not come online", k); goto out; }
    kprintf("# cpus online=%u\n", ncpus);

    const struct scn_op *ops = (const struct scn_op *)(hdr + 1);
    u64 run0 = now();
    for (u32 i = 0; i < hdr->nops && !fatal_flag; i++)
        run_op(&ops[i]);
    its_issue();
    u64 run_ticks = now() - run0;
    kprintf("# stats ops=%u cmds=%lu issues=%lu stalls=%lu issue_ticks=%lu run_ticks=%lu cntfrq=%lu\n",
            hdr->nops, st_cmds, st_issues, st_stalls, st_issue_ticks, run_ticks, cntfrq);
    if (!fatal_flag)
        kprintf("done\n");
out:
    poweroff();
}
