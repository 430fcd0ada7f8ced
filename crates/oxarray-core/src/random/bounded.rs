//! Bounded integers (`Generator.integers`, `RandomState.randint`): NumPy's masked and
//! Lemire rejection samplers for 8/16/32/64-bit and bool outputs, with the 32-bit buffer
//! that 8- and 16-bit draws (and bools) are carved from.
//!
//! Values are produced on the closed interval `[off, off + rng]` as unsigned words of the
//! output width (wrapping), exactly like `random_bounded_uint*_fill` and
//! `random_buffered_bounded_*`.

use super::bitgen::Source;
use super::dist::gen_mask;

/// The 32-bit buffer shared by 8-bit, 16-bit and bool draws.
#[derive(Clone, Copy, Debug, Default)]
pub struct Buf {
    bcnt: i32,
    buf: u32,
}

#[inline(always)]
fn buffered_u16<R: Source>(r: &mut R, b: &mut Buf) -> u16 {
    if b.bcnt == 0 {
        b.buf = r.next_u32();
        b.bcnt = 1;
    } else {
        b.buf >>= 16;
        b.bcnt -= 1;
    }
    b.buf as u16
}

#[inline(always)]
fn buffered_u8<R: Source>(r: &mut R, b: &mut Buf) -> u8 {
    if b.bcnt == 0 {
        b.buf = r.next_u32();
        b.bcnt = 3;
    } else {
        b.buf >>= 8;
        b.bcnt -= 1;
    }
    b.buf as u8
}

#[inline(always)]
fn masked64<R: Source>(r: &mut R, rng: u64, mask: u64) -> u64 {
    loop {
        let v = r.next_u64() & mask;
        if v <= rng {
            return v;
        }
    }
}

#[inline(always)]
fn masked32<R: Source>(r: &mut R, rng: u32, mask: u32) -> u32 {
    loop {
        let v = r.next_u32() & mask;
        if v <= rng {
            return v;
        }
    }
}

#[inline(always)]
fn masked16<R: Source>(r: &mut R, rng: u16, mask: u16, b: &mut Buf) -> u16 {
    loop {
        let v = buffered_u16(r, b) & mask;
        if v <= rng {
            return v;
        }
    }
}

#[inline(always)]
fn masked8<R: Source>(r: &mut R, rng: u8, mask: u8, b: &mut Buf) -> u8 {
    loop {
        let v = buffered_u8(r, b) & mask;
        if v <= rng {
            return v;
        }
    }
}

#[inline(always)]
fn lemire64<R: Source>(r: &mut R, rng: u64) -> u64 {
    let rng_excl = rng.wrapping_add(1);
    let mut m = (r.next_u64() as u128) * (rng_excl as u128);
    let mut leftover = m as u64;
    if leftover < rng_excl {
        let threshold = (u64::MAX - rng) % rng_excl;
        while leftover < threshold {
            m = (r.next_u64() as u128) * (rng_excl as u128);
            leftover = m as u64;
        }
    }
    (m >> 64) as u64
}

#[inline(always)]
fn lemire32<R: Source>(r: &mut R, rng: u32) -> u32 {
    let rng_excl = rng.wrapping_add(1);
    let mut m = (r.next_u32() as u64) * (rng_excl as u64);
    let mut leftover = m as u32;
    if leftover < rng_excl {
        let threshold = (u32::MAX - rng) % rng_excl;
        while leftover < threshold {
            m = (r.next_u32() as u64) * (rng_excl as u64);
            leftover = m as u32;
        }
    }
    (m >> 32) as u32
}

#[inline(always)]
fn lemire16<R: Source>(r: &mut R, rng: u16, b: &mut Buf) -> u16 {
    let rng_excl = rng.wrapping_add(1);
    let mut m = (buffered_u16(r, b) as u32) * (rng_excl as u32);
    let mut leftover = m as u16;
    if leftover < rng_excl {
        let threshold = (u16::MAX - rng) % rng_excl;
        while leftover < threshold {
            m = (buffered_u16(r, b) as u32) * (rng_excl as u32);
            leftover = m as u16;
        }
    }
    (m >> 16) as u16
}

#[inline(always)]
fn lemire8<R: Source>(r: &mut R, rng: u8, b: &mut Buf) -> u8 {
    let rng_excl = rng.wrapping_add(1);
    let mut m = (buffered_u8(r, b) as u16) * (rng_excl as u16);
    let mut leftover = m as u8;
    if leftover < rng_excl {
        let threshold = (u8::MAX - rng) % rng_excl;
        while leftover < threshold {
            m = (buffered_u8(r, b) as u16) * (rng_excl as u16);
            leftover = m as u8;
        }
    }
    (m >> 8) as u8
}

#[inline(always)]
fn bounded_bool<R: Source>(r: &mut R, off: u64, rng: u64, b: &mut Buf) -> u64 {
    if rng == 0 {
        return off;
    }
    if b.bcnt == 0 {
        b.buf = r.next_u32();
        b.bcnt = 31;
    } else {
        b.buf >>= 1;
        b.bcnt -= 1;
    }
    (b.buf & 1) as u64
}

/// Width of the integers drawn: 0 stands for bool.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Width {
    Bool,
    W8,
    W16,
    W32,
    W64,
}

/// One value, as the broadcasting paths draw them (`random_bounded_uint64` for 64-bit,
/// `random_buffered_bounded_*` with a shared buffer otherwise). Wrapping sum `off + value`.
#[inline(always)]
pub fn one<R: Source>(r: &mut R, w: Width, off: u64, rng: u64, masked: bool, b: &mut Buf) -> u64 {
    match w {
        Width::W64 => {
            if rng == 0 {
                off
            } else if rng <= 0xFFFF_FFFF {
                if rng == 0xFFFF_FFFF {
                    off.wrapping_add(r.next_u32() as u64)
                } else if masked {
                    off.wrapping_add(masked32(r, rng as u32, gen_mask(rng) as u32) as u64)
                } else {
                    off.wrapping_add(lemire32(r, rng as u32) as u64)
                }
            } else if rng == u64::MAX {
                off.wrapping_add(r.next_u64())
            } else if masked {
                off.wrapping_add(masked64(r, rng, gen_mask(rng)))
            } else {
                off.wrapping_add(lemire64(r, rng))
            }
        }
        Width::W32 => {
            let (off, rng) = (off as u32, rng as u32);
            let v = if rng == 0 {
                0
            } else if rng == u32::MAX {
                r.next_u32()
            } else if masked {
                masked32(r, rng, gen_mask(rng as u64) as u32)
            } else {
                lemire32(r, rng)
            };
            off.wrapping_add(v) as u64
        }
        Width::W16 => {
            let (off, rng) = (off as u16, rng as u16);
            let v = if rng == 0 {
                0
            } else if rng == u16::MAX {
                buffered_u16(r, b)
            } else if masked {
                masked16(r, rng, gen_mask(rng as u64) as u16, b)
            } else {
                lemire16(r, rng, b)
            };
            off.wrapping_add(v) as u64
        }
        Width::W8 => {
            let (off, rng) = (off as u8, rng as u8);
            let v = if rng == 0 {
                0
            } else if rng == u8::MAX {
                buffered_u8(r, b)
            } else if masked {
                masked8(r, rng, gen_mask(rng as u64) as u8, b)
            } else {
                lemire8(r, rng, b)
            };
            off.wrapping_add(v) as u64
        }
        Width::Bool => bounded_bool(r, off, rng, b),
    }
}

/// `random_bounded_*_fill`: `n` values with one `(off, rng)`; `emit(i, value)` stores them.
/// The 64-bit fill with a range that fits 32 bits draws 32-bit words, as NumPy does.
pub fn fill<R: Source>(
    r: &mut R,
    w: Width,
    off: u64,
    rng: u64,
    masked: bool,
    n: usize,
    mut emit: impl FnMut(usize, u64),
) {
    let mut b = Buf::default();
    if w == Width::W64 {
        if rng == 0 {
            (0..n).for_each(|i| emit(i, off));
        } else if rng <= 0xFFFF_FFFF {
            if rng == 0xFFFF_FFFF {
                (0..n).for_each(|i| emit(i, off.wrapping_add(r.next_u32() as u64)));
            } else if masked {
                let mask = gen_mask(rng) as u32;
                (0..n)
                    .for_each(|i| emit(i, off.wrapping_add(masked32(r, rng as u32, mask) as u64)));
            } else {
                (0..n).for_each(|i| emit(i, off.wrapping_add(lemire32(r, rng as u32) as u64)));
            }
        } else if rng == u64::MAX {
            (0..n).for_each(|i| emit(i, off.wrapping_add(r.next_u64())));
        } else if masked {
            let mask = gen_mask(rng);
            (0..n).for_each(|i| emit(i, off.wrapping_add(masked64(r, rng, mask))));
        } else {
            (0..n).for_each(|i| emit(i, off.wrapping_add(lemire64(r, rng))));
        }
        return;
    }
    for i in 0..n {
        emit(i, one(r, w, off, rng, masked, &mut b));
    }
}
