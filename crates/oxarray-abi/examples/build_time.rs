//! Time the Rust slot-table builder for 1 to 256 keys (best of many runs, nanoseconds).
//!
//! `cargo run --release -p oxarray-abi --example build_time` prints one `keys ns` line per
//! size; `benches/capi/run.py` (`make bench-capi`) puts them in the table.

use std::ffi::c_void;
use std::hint::black_box;
use std::time::Instant;

use oxarray_abi::{build, key_hash_runtime};

fn main() {
    for n in [1usize, 2, 4, 8, 16, 32, 64, 128, 256] {
        let items: Vec<(u64, *const c_void)> = (0..n)
            .map(|i| {
                (
                    key_hash_runtime(&format!("bench:key{i}@1")),
                    std::ptr::null(),
                )
            })
            .collect();
        let mut best = f64::INFINITY;
        for _ in 0..200 {
            let t0 = Instant::now();
            let t = build(black_box(&items)).expect("distinct keys");
            let dt = t0.elapsed().as_secs_f64() * 1e9;
            black_box(&t);
            best = best.min(dt);
        }
        println!("{n} {best:.0}");
    }
}
