//! Print the results of the transcendental float loops on many inputs, for
//! `tools/measure_ulp.py` to compare with a high-precision reference (mpmath).
//!
//! Output lines: `name types x[,y] result`, floats as hex bit patterns (complex as
//! `re:im`). Usage: `cargo run --release -p oxarray-core --example kernels_ulp_dump > dump`.

use std::io::Write;

use half::f16;
use num_complex::Complex;
use oxarray_core::kernels::find_loop;
use oxarray_core::ufunc::loops::LoopContext;

struct Rng(u64);
impl Rng {
    fn unit(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
    fn uniform(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }
    /// Log-uniform magnitude in [lo, hi] (both > 0), random sign if `signed`.
    fn logu(&mut self, lo: f64, hi: f64, signed: bool) -> f64 {
        let v = (lo.ln() + (hi.ln() - lo.ln()) * self.unit()).exp();
        if signed && self.unit() < 0.5 {
            -v
        } else {
            v
        }
    }
}

/// Input domain of each function (f64 ranges; clamped into float32 range by the caller).
fn domain(name: &str, r: &mut Rng, f32_: bool) -> Vec<f64> {
    let big = if f32_ { 1e38 } else { 1e300 };
    let expmax = if f32_ { 88.0 } else { 709.0 };
    let x = match name {
        "exp" | "sinh" | "cosh" => r.uniform(-expmax, expmax),
        "exp2" => r.uniform(-expmax * 1.44, expmax * 1.44),
        "expm1" => {
            if r.unit() < 0.5 {
                r.logu(1e-10, 1.0, true)
            } else {
                r.uniform(-50.0, expmax)
            }
        }
        "log" | "log2" | "log10" | "cbrt" | "arcsinh" => {
            if r.unit() < 0.2 {
                r.uniform(0.5, 2.0)
            } else {
                r.logu(1e-30, big, name == "cbrt" || name == "arcsinh")
            }
        }
        "log1p" => {
            if r.unit() < 0.5 {
                r.logu(1e-12, 0.999, true)
            } else {
                r.logu(1e-3, big, false)
            }
        }
        "sin" | "cos" | "tan" => {
            let u = r.unit();
            if u < 0.6 {
                r.uniform(-10.0, 10.0)
            } else if u < 0.9 {
                r.uniform(-1e5, 1e5)
            } else {
                r.logu(1e5, if f32_ { 1e30 } else { 1e200 }, true)
            }
        }
        "arcsin" | "arccos" | "arctanh" => r.uniform(-1.0, 1.0),
        "arctan" => r.logu(1e-10, 1e10, true),
        "tanh" => r.uniform(-20.0, 20.0),
        "arccosh" => {
            if r.unit() < 0.5 {
                1.0 + r.logu(1e-10, 1.0, false)
            } else {
                r.logu(1.0, big, false)
            }
        }
        "power" => {
            return vec![r.logu(1e-3, 1e3, false), r.uniform(-30.0, 30.0)];
        }
        "arctan2" | "hypot" => return vec![r.logu(1e-10, 1e10, true), r.logu(1e-10, 1e10, true)],
        "logaddexp" | "logaddexp2" => {
            return vec![r.uniform(-100.0, 100.0), r.uniform(-100.0, 100.0)]
        }
        _ => r.uniform(-10.0, 10.0),
    };
    vec![x]
}

const REAL: &[&str] = &[
    "exp",
    "exp2",
    "expm1",
    "log",
    "log2",
    "log10",
    "log1p",
    "cbrt",
    "sin",
    "cos",
    "tan",
    "arcsin",
    "arccos",
    "arctan",
    "sinh",
    "cosh",
    "tanh",
    "arcsinh",
    "arccosh",
    "arctanh",
    "power",
    "arctan2",
    "hypot",
    "logaddexp",
    "logaddexp2",
];
const CPLX: &[&str] = &[
    "sqrt", "exp", "log", "sin", "cos", "tan", "arcsin", "arccos", "arctan", "sinh", "cosh",
    "tanh", "arcsinh", "arccosh", "arctanh", "expm1", "log1p", "exp2", "log2", "log10",
];

fn call(name: &str, types: &str, ins: &mut [[u64; 2]], out: &mut [u64; 2], size: isize) {
    let f = find_loop(name, types).unwrap_or_else(|| panic!("{name} {types}"));
    let ctx = LoopContext::new(std::ptr::null(), false);
    let mut ptrs: Vec<*mut u8> = ins.iter_mut().map(|b| b.as_mut_ptr() as *mut u8).collect();
    ptrs.push(out.as_mut_ptr() as *mut u8);
    let strides = vec![size; ptrs.len()];
    // SAFETY: one element per operand in 16-byte aligned scratch.
    unsafe { f(&ctx, &ptrs, 1, &strides) }.unwrap();
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(2000);
    let mut r = Rng(12345);
    let stdout = std::io::stdout();
    let mut w = std::io::BufWriter::new(stdout.lock());
    for &name in REAL {
        for c in ['e', 'f', 'd'] {
            let nin = if ["power", "arctan2", "hypot", "logaddexp", "logaddexp2"].contains(&name) {
                2
            } else {
                1
            };
            let types = format!("{}->{}", c.to_string().repeat(nin), c);
            for _ in 0..n {
                let xs = domain(name, &mut r, c != 'd');
                let mut ins = vec![[0u64; 2]; nin];
                let mut enc = Vec::new();
                for (k, x) in xs.iter().enumerate() {
                    let bits = match c {
                        'e' => f16::from_f64(*x).to_bits() as u64,
                        'f' => (*x as f32).to_bits() as u64,
                        _ => x.to_bits(),
                    };
                    ins[k][0] = bits;
                    enc.push(format!("{bits:x}"));
                }
                let mut out = [0u64; 2];
                let size = match c {
                    'e' => 2,
                    'f' => 4,
                    _ => 8,
                };
                call(name, &types, &mut ins, &mut out, size);
                let mask = if size == 8 {
                    u64::MAX
                } else {
                    (1u64 << (8 * size)) - 1
                };
                writeln!(w, "{name} {types} {} {:x}", enc.join(","), out[0] & mask).unwrap();
            }
        }
    }
    for &name in CPLX {
        for c in ['F', 'D'] {
            let types = format!("{c}->{c}");
            for _ in 0..n / 2 {
                let (re, mut im) = (r.uniform(-5.0, 5.0), r.uniform(-5.0, 5.0));
                if name == "exp2" && r.unit() < 0.3 {
                    // Large angles, where rounding y*ln2 would cost accuracy.
                    im = r.logu(1e3, if c == 'F' { 1e6 } else { 1e10 }, true);
                }
                let mut ins = vec![[0u64; 2]];
                let mut out = [0u64; 2];
                let (enc, size) = if c == 'F' {
                    let z = Complex::new(re as f32, im as f32);
                    // SAFETY: Complex<f32> is 8 plain bytes; the scratch holds 16.
                    unsafe { *(ins[0].as_mut_ptr() as *mut Complex<f32>) = z };
                    (format!("{:x}:{:x}", z.re.to_bits(), z.im.to_bits()), 8)
                } else {
                    ins[0] = [re.to_bits(), im.to_bits()];
                    (format!("{:x}:{:x}", re.to_bits(), im.to_bits()), 16)
                };
                call(name, &types, &mut ins, &mut out, size);
                let res = if c == 'F' {
                    format!("{:x}:{:x}", out[0] & 0xffff_ffff, out[0] >> 32)
                } else {
                    format!("{:x}:{:x}", out[0], out[1])
                };
                writeln!(w, "{name} {types} {enc} {res}").unwrap();
            }
        }
    }
}
