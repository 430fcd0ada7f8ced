//! The hardware floating-point status flags: cleared before a ufunc runs its loops and
//! read after, then merged with the loops' software flags.
//!
//! x86_64: the SSE status word (MXCSR; `stmxcsr`/`ldmxcsr` through inline assembly, which
//! is what `_mm_getcsr`/`_mm_setcsr` do; those intrinsics are deprecated in Rust). aarch64:
//! FPSR. Elsewhere only the software flags count. Only the sticky *status* bits are
//! touched, never the control bits (rounding mode, exception masks), so code compiled
//! under the default floating-point environment stays correct.

use super::loops::fpe;

/// Clear the status flags of the current thread's FPU.
#[inline]
pub fn clear() {
    #[cfg(target_arch = "x86_64")]
    {
        let mut csr: u32 = 0;
        // SAFETY: stmxcsr stores the 32-bit MXCSR to the given, valid, writable address;
        // ldmxcsr loads it back with only the six status bits (0..6) cleared, leaving the
        // control bits as they were.
        unsafe {
            core::arch::asm!("stmxcsr [{}]", in(reg) &mut csr, options(nostack, preserves_flags));
            csr &= !0x3f;
            core::arch::asm!("ldmxcsr [{}]", in(reg) &csr, options(nostack, preserves_flags));
        }
    }
    #[cfg(target_arch = "aarch64")]
    {
        // SAFETY: writing FPSR only changes the cumulative exception bits, which we clear.
        unsafe {
            let mut v: u64;
            core::arch::asm!("mrs {}, fpsr", out(reg) v, options(nomem, nostack));
            v &= !0x9f;
            core::arch::asm!("msr fpsr, {}", in(reg) v, options(nomem, nostack));
        }
    }
}

/// MXCSR's exception bits (invalid, divide, overflow, underflow; not denormal or
/// precision) as bits of [`fpe`]; the scalar path reads MXCSR itself and maps it here.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
pub fn mxcsr_to_fpe(csr: u32) -> u8 {
    let mut f = 0;
    if csr & 0x01 != 0 {
        f |= fpe::INVALID;
    }
    if csr & 0x04 != 0 {
        f |= fpe::DIVIDE;
    }
    if csr & 0x08 != 0 {
        f |= fpe::OVERFLOW;
    }
    if csr & 0x10 != 0 {
        f |= fpe::UNDERFLOW;
    }
    f
}

/// The status flags raised since [`clear`], as bits of [`fpe`].
#[inline]
pub fn read() -> u8 {
    #[cfg(target_arch = "x86_64")]
    {
        let mut csr: u32 = 0;
        // SAFETY: stmxcsr stores MXCSR to a valid, writable u32.
        unsafe {
            core::arch::asm!("stmxcsr [{}]", in(reg) &mut csr, options(nostack, preserves_flags))
        };
        mxcsr_to_fpe(csr)
    }
    #[cfg(target_arch = "aarch64")]
    {
        let v: u64;
        // SAFETY: reading FPSR has no side effects.
        unsafe { core::arch::asm!("mrs {}, fpsr", out(reg) v, options(nomem, nostack)) };
        let mut f = 0;
        if v & 0x01 != 0 {
            f |= fpe::INVALID;
        }
        if v & 0x02 != 0 {
            f |= fpe::DIVIDE;
        }
        if v & 0x04 != 0 {
            f |= fpe::OVERFLOW;
        }
        if v & 0x08 != 0 {
            f |= fpe::UNDERFLOW;
        }
        f
    }
    #[cfg(not(any(target_arch = "x86_64", target_arch = "aarch64")))]
    {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn divide_by_zero_is_seen() {
        clear();
        let z = std::hint::black_box(0.0f64);
        let r = std::hint::black_box(1.0f64) / z;
        assert!(r.is_infinite());
        let f = read();
        if cfg!(any(target_arch = "x86_64", target_arch = "aarch64")) {
            assert_ne!(f & fpe::DIVIDE, 0);
        }
        clear();
        assert_eq!(read(), 0);
    }
}
