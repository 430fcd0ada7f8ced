//! Known outputs of NumPy's bit generators (values from `numpy.random` 2.x), seeded the way
//! `oxarray.random` seeds them: SeedSequence(0) words, then each generator's set-up.

use oxarray_core::random::bitgen::{Mt19937, Pcg64, Philox, Rng, Sfc64};
use oxarray_core::random::seedseq;

fn pool0() -> Vec<u32> {
    seedseq::mix_entropy(4, &[0])
}

#[test]
fn seed_sequence_words() {
    let w = seedseq::generate_state(&pool0(), 4);
    assert_eq!(w, vec![0xb0f478be, 0xdb2cd7e7, 0x2c71ba49, 0xabf4641a]);
}

#[test]
fn pcg64_and_dxsm() {
    let w: [u64; 4] = seedseq::generate_state_u64(&pool0(), 4).try_into().unwrap();
    let mut g = Rng::Pcg64(Pcg64::seeded(&w, false));
    assert_eq!(
        [g.next_u64(), g.next_u64()],
        [0xa30febcfd9c2825f, 0x4510bdf882d9d721]
    );
    let mut d = Rng::Pcg64(Pcg64::seeded(&w, true));
    assert_eq!(
        [d.next_u64(), d.next_u64()],
        [0xd97e4a147f788a70, 0x8dfa7bce56e3a253]
    );
}

#[test]
fn sfc64_and_philox() {
    let w = seedseq::generate_state_u64(&pool0(), 3);
    let mut g = Rng::Sfc64(Sfc64::seeded(&[w[0], w[1], w[2]]));
    assert_eq!(
        [g.next_u64(), g.next_u64()],
        [0x91959e5fb96a6332, 0x3c1dd8a25a7e9f21]
    );
    let k = seedseq::generate_state_u64(&pool0(), 2);
    let mut p = Rng::Philox(Philox::new([0; 4], [k[0], k[1]]));
    assert_eq!(
        [p.next_u64(), p.next_u64()],
        [0x0399e5b222b82fa9, 0x41fd08c1f00f3bc5]
    );
}

#[test]
fn mt19937_legacy_seed() {
    let m = Mt19937::seed_u32(0);
    assert_eq!(&m.key[..2], &[0, 1]);
    let w = seedseq::generate_state(&pool0(), 624);
    let mut mt = Mt19937::default();
    mt.key[0] = 0x80000000;
    mt.key[1..].copy_from_slice(&w[1..]);
    mt.pos = 623;
    let mut g = Rng::Mt19937(Box::new(mt));
    assert_eq!([g.next_raw(), g.next_raw()], [2058676884, 2606108953]);
}
