//! `SeedSequence` mixing (NumPy's `bit_generator.pyx`, after O'Neill's `seed_seq_fe`).
//!
//! 1. The assembled entropy words are hashed into a pool of `pool_size` words.
//! 2. Every pool word is mixed with the hash of every other one.
//! 3. Entropy words beyond the pool size are mixed into each pool word.
//!
//! `generate_state` then cycles over the pool with a second hash.

const INIT_A: u32 = 0x43b0d7e5;
const MULT_A: u32 = 0x931e8875;
const INIT_B: u32 = 0x8b51f9dd;
const MULT_B: u32 = 0x58f38ded;
const MIX_MULT_L: u32 = 0xca01f9dd;
const MIX_MULT_R: u32 = 0x4973f715;
const XSHIFT: u32 = 16;

fn hashmix(mut value: u32, hash_const: &mut u32) -> u32 {
    value ^= *hash_const;
    *hash_const = hash_const.wrapping_mul(MULT_A);
    value = value.wrapping_mul(*hash_const);
    value ^= value >> XSHIFT;
    value
}

fn mix(x: u32, y: u32) -> u32 {
    let mut result = MIX_MULT_L
        .wrapping_mul(x)
        .wrapping_sub(MIX_MULT_R.wrapping_mul(y));
    result ^= result >> XSHIFT;
    result
}

/// The entropy pool of `pool_size` words from the assembled entropy.
pub fn mix_entropy(pool_size: usize, entropy: &[u32]) -> Vec<u32> {
    let mut mixer = vec![0u32; pool_size];
    let mut hash_const = INIT_A;
    for (i, m) in mixer.iter_mut().enumerate() {
        *m = hashmix(entropy.get(i).copied().unwrap_or(0), &mut hash_const);
    }
    for i_src in 0..pool_size {
        for i_dst in 0..pool_size {
            if i_src != i_dst {
                let h = hashmix(mixer[i_src], &mut hash_const);
                mixer[i_dst] = mix(mixer[i_dst], h);
            }
        }
    }
    for &e in entropy.iter().skip(pool_size) {
        for m in mixer.iter_mut() {
            *m = mix(*m, hashmix(e, &mut hash_const));
        }
    }
    mixer
}

/// `generate_state(n_words)` as 32-bit words.
pub fn generate_state(pool: &[u32], n_words: usize) -> Vec<u32> {
    let mut hash_const = INIT_B;
    let mut out = Vec::with_capacity(n_words);
    if pool.is_empty() {
        return out;
    }
    for i in 0..n_words {
        let mut v = pool[i % pool.len()];
        v ^= hash_const;
        hash_const = hash_const.wrapping_mul(MULT_B);
        v = v.wrapping_mul(hash_const);
        v ^= v >> XSHIFT;
        out.push(v);
    }
    out
}

/// `generate_state(n_words, uint64)`: pairs of 32-bit words, little-endian.
pub fn generate_state_u64(pool: &[u32], n_words: usize) -> Vec<u64> {
    let w = generate_state(pool, n_words * 2);
    w.chunks(2)
        .map(|c| c[0] as u64 | ((c[1] as u64) << 32))
        .collect()
}
