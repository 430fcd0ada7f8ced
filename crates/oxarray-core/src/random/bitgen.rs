//! The five bit generators of `numpy.random`, bit for bit (NumPy's `src/pcg64`,
//! `src/mt19937`, `src/philox`, `src/sfc64`).
//!
//! Each generator offers `next_u64`, `next_u32` (the 64-bit ones buffer the upper half of a
//! 64-bit draw, as NumPy's `has_uint32`/`uinteger` do) and `next_double`; [`Rng`] is the
//! closed set the distributions draw from.

use super::mt_jump;

const PCG_MULT: u128 = (2549297995355413924u128 << 64) | 4865540595714422341u128;
const PCG_CHEAP_MULT: u64 = 0xda942042e4dd58b5;

/// PCG64 (XSL-RR) and PCG64DXSM (cheap multiplier, DXSM output) share one state layout.
#[derive(Clone, Debug, Default)]
pub struct Pcg64 {
    pub state: u128,
    pub inc: u128,
    pub has_uint32: bool,
    pub uinteger: u32,
    /// `true` for PCG64DXSM.
    pub dxsm: bool,
}

impl Pcg64 {
    /// `pcg64_set_seed` / `pcg_cm_srandom_r` from four 64-bit words (state hi/lo, inc hi/lo).
    pub fn seeded(words: &[u64; 4], dxsm: bool) -> Self {
        let initstate = ((words[0] as u128) << 64) | words[1] as u128;
        let initseq = ((words[2] as u128) << 64) | words[3] as u128;
        let mut g = Pcg64 {
            state: 0,
            inc: (initseq << 1) | 1,
            has_uint32: false,
            uinteger: 0,
            dxsm,
        };
        // Both variants seed with the default 128-bit multiplier (`pcg64_srandom_r`).
        let step = |g: &mut Pcg64| g.state = g.state.wrapping_mul(PCG_MULT).wrapping_add(g.inc);
        step(&mut g);
        g.state = g.state.wrapping_add(initstate);
        step(&mut g);
        g
    }

    #[inline(always)]
    fn step(&mut self) {
        if self.dxsm {
            self.state = self
                .state
                .wrapping_mul(PCG_CHEAP_MULT as u128)
                .wrapping_add(self.inc);
        } else {
            self.state = self.state.wrapping_mul(PCG_MULT).wrapping_add(self.inc);
        }
    }

    #[inline(always)]
    pub fn next_u64(&mut self) -> u64 {
        if self.dxsm {
            let mut hi = (self.state >> 64) as u64;
            let lo = (self.state as u64) | 1;
            hi ^= hi >> 32;
            hi = hi.wrapping_mul(PCG_CHEAP_MULT);
            hi ^= hi >> 48;
            hi = hi.wrapping_mul(lo);
            self.step();
            hi
        } else {
            self.step();
            let s = self.state;
            (((s >> 64) as u64) ^ (s as u64)).rotate_right((s >> 122) as u32)
        }
    }

    /// Advance as if `delta` draws had been made (Brown's algorithm, `pcg_advance_lcg_128`).
    pub fn advance(&mut self, mut delta: u128) {
        let mut cur_mult: u128 = if self.dxsm {
            PCG_CHEAP_MULT as u128
        } else {
            PCG_MULT
        };
        let mut cur_plus = self.inc;
        let mut acc_mult: u128 = 1;
        let mut acc_plus: u128 = 0;
        while delta > 0 {
            if delta & 1 == 1 {
                acc_mult = acc_mult.wrapping_mul(cur_mult);
                acc_plus = acc_plus.wrapping_mul(cur_mult).wrapping_add(cur_plus);
            }
            cur_plus = cur_mult.wrapping_add(1).wrapping_mul(cur_plus);
            cur_mult = cur_mult.wrapping_mul(cur_mult);
            delta /= 2;
        }
        self.state = acc_mult.wrapping_mul(self.state).wrapping_add(acc_plus);
        self.has_uint32 = false;
        self.uinteger = 0;
    }
}

pub const MT_N: usize = 624;
const MT_M: usize = 397;
const MATRIX_A: u32 = 0x9908b0df;
const UPPER_MASK: u32 = 0x80000000;
const LOWER_MASK: u32 = 0x7fffffff;

/// MT19937 with NumPy's seeding helpers (`mt19937_seed`, `init_by_array`) and jump.
#[derive(Clone, Debug)]
pub struct Mt19937 {
    pub key: [u32; MT_N],
    pub pos: usize,
}

impl Default for Mt19937 {
    fn default() -> Self {
        Mt19937 {
            key: [0; MT_N],
            pos: MT_N,
        }
    }
}

impl Mt19937 {
    /// `mt19937_seed`: Knuth's linear congruential initialisation (legacy integer seeds).
    pub fn seed_u32(seed: u32) -> Self {
        let mut m = Mt19937::default();
        let mut s = seed;
        for pos in 0..MT_N {
            m.key[pos] = s;
            s = 1812433253u32
                .wrapping_mul(s ^ (s >> 30))
                .wrapping_add(pos as u32 + 1);
        }
        m.pos = MT_N;
        m
    }

    /// `mt19937_init_by_array` (legacy array seeds).
    pub fn seed_by_array(init_key: &[u32]) -> Self {
        let mut m = Mt19937::default();
        let mt = &mut m.key;
        mt[0] = 19650218;
        for i in 1..MT_N {
            mt[i] = 1812433253u32
                .wrapping_mul(mt[i - 1] ^ (mt[i - 1] >> 30))
                .wrapping_add(i as u32);
        }
        let key_length = init_key.len();
        let mut i = 1usize;
        let mut j = 0usize;
        let mut k = MT_N.max(key_length);
        while k > 0 {
            mt[i] = (mt[i] ^ (mt[i - 1] ^ (mt[i - 1] >> 30)).wrapping_mul(1664525))
                .wrapping_add(init_key[j])
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= MT_N {
                mt[0] = mt[MT_N - 1];
                i = 1;
            }
            if j >= key_length {
                j = 0;
            }
            k -= 1;
        }
        k = MT_N - 1;
        while k > 0 {
            mt[i] = (mt[i] ^ (mt[i - 1] ^ (mt[i - 1] >> 30)).wrapping_mul(1566083941))
                .wrapping_sub(i as u32);
            i += 1;
            if i >= MT_N {
                mt[0] = mt[MT_N - 1];
                i = 1;
            }
            k -= 1;
        }
        mt[0] = 0x80000000;
        m.pos = MT_N;
        m
    }

    pub fn gen(&mut self) {
        let k = &mut self.key;
        let twist = |y: u32| (y >> 1) ^ ((y & 1).wrapping_neg() & MATRIX_A);
        let mut i = 0;
        while i < MT_N - MT_M {
            let y = (k[i] & UPPER_MASK) | (k[i + 1] & LOWER_MASK);
            k[i] = k[i + MT_M] ^ twist(y);
            i += 1;
        }
        while i < MT_N - 1 {
            let y = (k[i] & UPPER_MASK) | (k[i + 1] & LOWER_MASK);
            k[i] = k[i + MT_M - MT_N] ^ twist(y);
            i += 1;
        }
        let y = (k[MT_N - 1] & UPPER_MASK) | (k[0] & LOWER_MASK);
        k[MT_N - 1] = k[MT_M - 1] ^ twist(y);
        self.pos = 0;
    }

    #[inline(always)]
    pub fn next_u32(&mut self) -> u32 {
        if self.pos >= MT_N {
            self.gen();
        }
        let mut y = self.key[self.pos];
        self.pos += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >> 18;
        y
    }

    /// Jump ahead 2**128 draws (`mt19937_jump_state`).
    pub fn jump(&mut self) {
        mt_jump::jump(self);
    }
}

const PHILOX_M0: u64 = 0xD2E7470EE14C6C93;
const PHILOX_M1: u64 = 0xCA5A826395121157;
const PHILOX_W0: u64 = 0x9E3779B97F4A7C15;
const PHILOX_W1: u64 = 0xBB67AE8584CAA73B;

/// Philox 4x64 with 10 rounds and NumPy's 4-word output buffer.
#[derive(Clone, Debug, Default)]
pub struct Philox {
    pub ctr: [u64; 4],
    pub key: [u64; 2],
    pub buffer: [u64; 4],
    pub buffer_pos: usize,
    pub has_uint32: bool,
    pub uinteger: u32,
}

impl Philox {
    pub fn new(ctr: [u64; 4], key: [u64; 2]) -> Self {
        Philox {
            ctr,
            key,
            buffer: [0; 4],
            buffer_pos: 4,
            has_uint32: false,
            uinteger: 0,
        }
    }

    fn round(ctr: [u64; 4], key: [u64; 2]) -> [u64; 4] {
        let p0 = (PHILOX_M0 as u128) * (ctr[0] as u128);
        let p1 = (PHILOX_M1 as u128) * (ctr[2] as u128);
        let (hi0, lo0) = ((p0 >> 64) as u64, p0 as u64);
        let (hi1, lo1) = ((p1 >> 64) as u64, p1 as u64);
        [hi1 ^ ctr[1] ^ key[0], lo1, hi0 ^ ctr[3] ^ key[1], lo0]
    }

    #[inline(always)]
    pub fn next_u64(&mut self) -> u64 {
        if self.buffer_pos < 4 {
            let out = self.buffer[self.buffer_pos];
            self.buffer_pos += 1;
            return out;
        }
        self.ctr[0] = self.ctr[0].wrapping_add(1);
        if self.ctr[0] == 0 {
            self.ctr[1] = self.ctr[1].wrapping_add(1);
            if self.ctr[1] == 0 {
                self.ctr[2] = self.ctr[2].wrapping_add(1);
                if self.ctr[2] == 0 {
                    self.ctr[3] = self.ctr[3].wrapping_add(1);
                }
            }
        }
        let mut key = self.key;
        let mut ct = Self::round(self.ctr, key);
        for _ in 1..10 {
            key[0] = key[0].wrapping_add(PHILOX_W0);
            key[1] = key[1].wrapping_add(PHILOX_W1);
            ct = Self::round(ct, key);
        }
        self.buffer = ct;
        self.buffer_pos = 1;
        ct[0]
    }

    /// `philox_jump`: as if 2**128 draws were made.
    pub fn jump(&mut self) {
        self.ctr[2] = self.ctr[2].wrapping_add(1);
        if self.ctr[2] == 0 {
            self.ctr[3] = self.ctr[3].wrapping_add(1);
        }
    }

    /// `philox_advance` by a 256-bit step (four little-endian words), then reset buffers.
    pub fn advance(&mut self, step: &[u64; 4]) {
        let mut carry = false;
        #[allow(clippy::needless_range_loop)] // mirrors philox_advance's indexed carry loop
        for i in 0..4 {
            if carry {
                self.ctr[i] = self.ctr[i].wrapping_add(1);
                carry = self.ctr[i] == 0;
            }
            let v_orig = self.ctr[i];
            self.ctr[i] = self.ctr[i].wrapping_add(step[i]);
            if self.ctr[i] < v_orig && !carry {
                carry = true;
            }
        }
        self.reset_buffers();
    }

    pub fn reset_buffers(&mut self) {
        self.buffer_pos = 4;
        self.buffer = [0; 4];
        self.has_uint32 = false;
        self.uinteger = 0;
    }
}

/// SFC64 (Chris Doty-Humphrey's Small Fast Chaotic generator).
#[derive(Clone, Debug, Default)]
pub struct Sfc64 {
    pub s: [u64; 4],
    pub has_uint32: bool,
    pub uinteger: u32,
}

impl Sfc64 {
    pub fn seeded(seed: &[u64; 3]) -> Self {
        let mut g = Sfc64 {
            s: [seed[0], seed[1], seed[2], 1],
            has_uint32: false,
            uinteger: 0,
        };
        for _ in 0..12 {
            g.next_u64();
        }
        g
    }

    #[inline(always)]
    pub fn next_u64(&mut self) -> u64 {
        let s = &mut self.s;
        let tmp = s[0].wrapping_add(s[1]).wrapping_add(s[3]);
        s[3] = s[3].wrapping_add(1);
        s[0] = s[1] ^ (s[1] >> 11);
        s[1] = s[2].wrapping_add(s[2] << 3);
        s[2] = s[2].rotate_left(24).wrapping_add(tmp);
        tmp
    }
}

/// One of the five bit generators.
#[derive(Clone, Debug)]
pub enum Rng {
    Pcg64(Pcg64),
    Mt19937(Box<Mt19937>),
    Philox(Philox),
    Sfc64(Sfc64),
}

macro_rules! split32 {
    ($g:expr) => {{
        if $g.has_uint32 {
            $g.has_uint32 = false;
            return $g.uinteger;
        }
        let next = $g.next_u64();
        $g.has_uint32 = true;
        $g.uinteger = (next >> 32) as u32;
        next as u32
    }};
}

impl Rng {
    #[inline(always)]
    pub fn next_u64(&mut self) -> u64 {
        match self {
            Rng::Pcg64(g) => g.next_u64(),
            Rng::Mt19937(g) => ((g.next_u32() as u64) << 32) | g.next_u32() as u64,
            Rng::Philox(g) => g.next_u64(),
            Rng::Sfc64(g) => g.next_u64(),
        }
    }

    #[inline(always)]
    pub fn next_u32(&mut self) -> u32 {
        match self {
            Rng::Pcg64(g) => split32!(g),
            Rng::Mt19937(g) => g.next_u32(),
            Rng::Philox(g) => split32!(g),
            Rng::Sfc64(g) => split32!(g),
        }
    }

    /// The raw output (`next_raw`): 32-bit words for MT19937, 64-bit ones otherwise.
    #[inline(always)]
    pub fn next_raw(&mut self) -> u64 {
        match self {
            Rng::Mt19937(g) => g.next_u32() as u64,
            _ => self.next_u64(),
        }
    }

    /// A double in [0, 1) with 53 random bits.
    #[inline(always)]
    pub fn next_double(&mut self) -> f64 {
        match self {
            Rng::Mt19937(g) => {
                let a = (g.next_u32() >> 5) as i32;
                let b = (g.next_u32() >> 6) as i32;
                (a as f64 * 67108864.0 + b as f64) / 9007199254740992.0
            }
            _ => (self.next_u64() >> 11) as f64 * (1.0 / 9007199254740992.0),
        }
    }

    /// A float in [0, 1) with 24 random bits.
    #[inline(always)]
    pub fn next_float(&mut self) -> f32 {
        (self.next_u32() >> 8) as f32 * (1.0f32 / 16777216.0f32)
    }
}

/// A source of raw bits: each generator type, and [`Rng`] (which dispatches per draw).
/// Distributions are generic over it so hot fills can be monomorphised per generator.
pub trait Source {
    fn next_u64(&mut self) -> u64;
    fn next_u32(&mut self) -> u32;
    /// A double in [0, 1) with 53 random bits.
    fn next_double(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / 9007199254740992.0)
    }
    /// A float in [0, 1) with 24 random bits.
    fn next_float(&mut self) -> f32 {
        (self.next_u32() >> 8) as f32 * (1.0f32 / 16777216.0f32)
    }
}

macro_rules! split32_fn {
    () => {
        #[inline(always)]
        fn next_u32(&mut self) -> u32 {
            if self.has_uint32 {
                self.has_uint32 = false;
                return self.uinteger;
            }
            let next = Self::next_u64(self);
            self.has_uint32 = true;
            self.uinteger = (next >> 32) as u32;
            next as u32
        }
    };
}

impl Source for Pcg64 {
    #[inline(always)]
    fn next_u64(&mut self) -> u64 {
        Pcg64::next_u64(self)
    }
    split32_fn!();
}

impl Source for Philox {
    #[inline(always)]
    fn next_u64(&mut self) -> u64 {
        Philox::next_u64(self)
    }
    split32_fn!();
}

impl Source for Sfc64 {
    #[inline(always)]
    fn next_u64(&mut self) -> u64 {
        Sfc64::next_u64(self)
    }
    split32_fn!();
}

impl Source for Mt19937 {
    #[inline(always)]
    fn next_u64(&mut self) -> u64 {
        ((Mt19937::next_u32(self) as u64) << 32) | Mt19937::next_u32(self) as u64
    }
    #[inline(always)]
    fn next_u32(&mut self) -> u32 {
        Mt19937::next_u32(self)
    }
    #[inline(always)]
    fn next_double(&mut self) -> f64 {
        let a = (Mt19937::next_u32(self) >> 5) as i32;
        let b = (Mt19937::next_u32(self) >> 6) as i32;
        (a as f64 * 67108864.0 + b as f64) / 9007199254740992.0
    }
}

impl Source for Rng {
    #[inline(always)]
    fn next_u64(&mut self) -> u64 {
        Rng::next_u64(self)
    }
    #[inline(always)]
    fn next_u32(&mut self) -> u32 {
        Rng::next_u32(self)
    }
    #[inline(always)]
    fn next_double(&mut self) -> f64 {
        Rng::next_double(self)
    }
    #[inline(always)]
    fn next_float(&mut self) -> f32 {
        Rng::next_float(self)
    }
}

/// Run `$body` with `$g` bound to the concrete generator inside `$rng` (one dispatch for a
/// whole fill instead of one per draw).
#[macro_export]
macro_rules! with_source {
    ($rng:expr, $g:ident => $body:expr) => {
        match $rng {
            $crate::random::Rng::Pcg64($g) => $body,
            $crate::random::Rng::Mt19937(b) => {
                let $g = &mut **b;
                $body
            }
            $crate::random::Rng::Philox($g) => $body,
            $crate::random::Rng::Sfc64($g) => $body,
        }
    };
}
