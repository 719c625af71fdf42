/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Start-up code for the ITS oracle (AArch64, MMU off).
 *
 * gic=3 machine (no virtualization): entered at EL1.
 * gic=4 machine (virtualization=on):  entered at EL2 and stays there; EL1
 *                                     is only used by el1_call() to read the
 *                                     virtual CPU interface (ICV_*).
 *
 * CPU 0 enters at _start (ELF entry); secondaries are started with
 * PSCI CPU_ON at secondary_entry with x0 = CPU index (context id).
 */
#define STACK_SIZE    0x8000
#define EL1_STACK_SIZE 0x2000

    .section .text.boot, "ax"
    .global _start
_start:
    msr     daifset, #0xf
    mrs     x1, mpidr_el1
    and     x1, x1, #0xffffff
    cbnz    x1, park                 /* only CPU 0 is expected here */
    bl      setup_el                 /* vectors, CPACR; keeps x0..x2 free */
    ldr     x0, =__stack_base
    add     x0, x0, #STACK_SIZE
    mov     sp, x0
    ldr     x1, =__bss_start
    ldr     x2, =__bss_end
1:  cmp     x1, x2
    b.hs    2f
    str     xzr, [x1], #8
    b       1b
2:  bl      main
park:
    wfi
    b       park

    .global secondary_entry
secondary_entry:
    msr     daifset, #0xf
    mov     x19, x0
    bl      setup_el
    ldr     x1, =__stack_base
    add     x2, x19, #1
    mov     x3, #STACK_SIZE
    mul     x2, x2, x3
    add     x1, x1, x2
    mov     sp, x1
    mov     x0, x19
    bl      secondary_main
    b       park

/*
 * Per-CPU exception-level set-up.  Clobbers x9, x10 only.
 * EL1 vectors are always installed; at EL2 the EL2 vectors too.
 */
setup_el:
    mov     x9, #(3 << 20)           /* CPACR_EL1.FPEN: no FP traps */
    msr     cpacr_el1, x9
    adr     x9, vectors
    msr     vbar_el1, x9
    mrs     x10, CurrentEL
    lsr     x10, x10, #2
    cmp     x10, #2
    b.ne    1f
    adr     x9, vectors_el2
    msr     vbar_el2, x9
1:  isb
    ret

/*
 * u64 el1_call(u64 fn, u64 arg, u64 el1_sp)   -- called at EL2
 *
 * Runs fn(arg) at EL1h with DAIF masked on the stack el1_sp and returns its
 * result.  fn returns to el1_exit, which issues HVC #0; the EL2 vector for
 * synchronous exceptions from a lower EL recognises the HVC and resumes
 * here with x0 = fn's result.  The EL2 frame pointer is kept in TPIDR_EL2.
 */
    .global el1_call
el1_call:
    sub     sp, sp, #112
    stp     x19, x20, [sp, #0]
    stp     x21, x22, [sp, #16]
    stp     x23, x24, [sp, #32]
    stp     x25, x26, [sp, #48]
    stp     x27, x28, [sp, #64]
    stp     x29, x30, [sp, #80]
    mov     x9, sp
    msr     tpidr_el2, x9
    msr     elr_el2, x0
    mov     x9, #0x3c5               /* EL1h, D A I F masked */
    msr     spsr_el2, x9
    msr     sp_el1, x2
    mov     x0, x1
    adr     x30, el1_exit
    isb
    eret

el1_exit:
    hvc     #0
    b       el1_exit

el1_return:                          /* at EL2, x0 = result from EL1 */
    mrs     x9, tpidr_el2
    mov     sp, x9
    ldp     x19, x20, [sp, #0]
    ldp     x21, x22, [sp, #16]
    ldp     x23, x24, [sp, #32]
    ldp     x25, x26, [sp, #48]
    ldp     x27, x28, [sp, #64]
    ldp     x29, x30, [sp, #80]
    add     sp, sp, #112
    ret

/* EL1 exception vectors: every entry reports and parks. */
    .macro  vent n
    .balign 0x80
    mov     x0, #\n
    mrs     x1, esr_el1
    mrs     x2, elr_el1
    mrs     x3, far_el1
    b       exc_report
    .endm

    .balign 0x800
vectors:
    vent 0
    vent 1
    vent 2
    vent 3
    vent 4
    vent 5
    vent 6
    vent 7
    vent 8
    vent 9
    vent 10
    vent 11
    vent 12
    vent 13
    vent 14
    vent 15

/* EL2 exception vectors (vector numbers reported as 16 + n). */
    .macro  vent2 n
    .balign 0x80
    mov     x0, #(16 + \n)
    mrs     x1, esr_el2
    mrs     x2, elr_el2
    mrs     x3, far_el2
    b       exc_report
    .endm

    .balign 0x800
vectors_el2:
    vent2 0
    vent2 1
    vent2 2
    vent2 3
    vent2 4
    vent2 5
    vent2 6
    vent2 7
    /* 0x400: synchronous from a lower EL (AArch64): HVC #0 from el1_exit */
    .balign 0x80
    mrs     x9, esr_el2
    lsr     x10, x9, #26
    cmp     x10, #0x16               /* EC = HVC64 */
    b.eq    el1_return
    mov     x0, #24
    mov     x1, x9
    mrs     x2, elr_el2
    mrs     x3, far_el2
    b       exc_report
    vent2 9
    vent2 10
    vent2 11
    vent2 12
    vent2 13
    vent2 14
    vent2 15

exc_report:
    bl      exception_handler
    b       park
