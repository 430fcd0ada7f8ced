//! Every built-in loop against NumPy's answers over a grid of special values
//! (`tests/data/kernel_cases.txt`, written by `tools/gen_kernel_cases.py` from NumPy).
//!
//! Each case runs through the loop alone (len 1) to compare the value and the floating-
//! point flags (software flags from the context plus the hardware's, read from MXCSR as the
//! engine does), then every loop's cases run again as one contiguous call and one strided
//! call to check the fast paths give the same values. Exact operations must match bit for
//! bit (any NaN matches any NaN); transcendental float functions may differ by a few ULP
//! (NumPy's own SIMD versions differ from libm's by up to ~3 ULP), and then their flags are
//! not compared bit for bit either (see `flags_ok`).

use std::collections::BTreeMap;

use oxarray_core::kernels::find_loop;
use oxarray_core::ufunc::loops::{fpe, LoopContext};

/// Ufuncs whose float results may differ from NumPy's by a few ULP.
const ULP_FUNCS: &[&str] = &[
    "power",
    "float_power",
    "cbrt",
    "exp",
    "exp2",
    "expm1",
    "log",
    "log2",
    "log10",
    "log1p",
    "logaddexp",
    "logaddexp2",
    "sin",
    "cos",
    "tan",
    "arcsin",
    "arccos",
    "arctan",
    "arctan2",
    "hypot",
    "sinh",
    "cosh",
    "tanh",
    "arcsinh",
    "arccosh",
    "arctanh",
    "sqrt",
    "divide",
    "reciprocal",
    "sign",
    "absolute",
];
const ULP_TOL: u64 = 4;
/// Complex results compared normwise (each part within `ULP_TOL` ULP of the larger part):
/// NumPy's SIMD complex multiply uses FMA, whose cancellation differs from the plain
/// formula (e.g. (1e10+1e10j)**2 has real part 0 exactly; NumPy gives -2e12).
const CPLX_NORM: &[&str] = &[
    "multiply",
    "square",
    "divide",
    "power",
    "float_power",
    "reciprocal",
    "expm1",
    "log1p",
    "log2",
    "log10",
];

fn size_of(c: char) -> usize {
    match c {
        '?' | 'b' | 'B' => 1,
        'h' | 'H' | 'e' => 2,
        'i' | 'I' | 'f' => 4,
        'l' | 'L' | 'd' | 'F' => 8,
        'D' => 16,
        _ => panic!("type {c}"),
    }
}

/// Encode one element (the generator's text form) into native bytes.
fn encode(c: char, s: &str, out: &mut Vec<u8>) {
    let hex = |s: &str| u64::from_str_radix(s, 16).unwrap();
    match c {
        '?' => out.push(s.parse::<u8>().unwrap()),
        'b' => out.extend(s.parse::<i8>().unwrap().to_ne_bytes()),
        'h' => out.extend(s.parse::<i16>().unwrap().to_ne_bytes()),
        'i' => out.extend(s.parse::<i32>().unwrap().to_ne_bytes()),
        'l' => out.extend(s.parse::<i64>().unwrap().to_ne_bytes()),
        'B' => out.extend(s.parse::<u8>().unwrap().to_ne_bytes()),
        'H' => out.extend(s.parse::<u16>().unwrap().to_ne_bytes()),
        'I' => out.extend(s.parse::<u32>().unwrap().to_ne_bytes()),
        'L' => out.extend(s.parse::<u64>().unwrap().to_ne_bytes()),
        'e' => out.extend((hex(s) as u16).to_ne_bytes()),
        'f' => out.extend((hex(s) as u32).to_ne_bytes()),
        'd' => out.extend(hex(s).to_ne_bytes()),
        'F' | 'D' => {
            let (re, im) = s.split_once(':').unwrap();
            let r = if c == 'F' { 'f' } else { 'd' };
            encode(r, re, out);
            encode(r, im, out);
        }
        _ => panic!("type {c}"),
    }
}

/// Float bits of width `w` bytes: (is_nan, ordered integer for ULP distance).
fn ordered(bits: u64, w: usize) -> (bool, i128) {
    let (sign, mag, exp) = match w {
        2 => (0x8000u64, 0x7fffu64, 0x7c00u64),
        4 => (0x8000_0000, 0x7fff_ffff, 0x7f80_0000),
        _ => (
            0x8000_0000_0000_0000,
            0x7fff_ffff_ffff_ffff,
            0x7ff0_0000_0000_0000,
        ),
    };
    let m = bits & mag;
    let nan = m > exp;
    let v = if bits & sign != 0 {
        -(m as i128)
    } else {
        m as i128
    };
    (nan, v)
}

fn read_uint(b: &[u8]) -> u64 {
    let mut a = [0u8; 8];
    a[..b.len()].copy_from_slice(b);
    u64::from_le_bytes(a)
}

/// Compare one output element; `tol` in ULP for floats (complex: per part).
fn same(c: char, got: &[u8], want: &[u8], tol: u64) -> bool {
    match c {
        'e' | 'f' | 'd' => {
            let w = got.len();
            let (gn, g) = ordered(read_uint(got), w);
            let (wn, x) = ordered(read_uint(want), w);
            if gn || wn {
                return gn && wn;
            }
            // Infinities and exact-zero signs must match exactly even with a tolerance.
            let inf = |v: i128| v.unsigned_abs() as u64 == ordered_inf(w);
            if inf(g) || inf(x) || g == 0 || x == 0 {
                return read_uint(got) == read_uint(want)
                    || (tol > 0 && !inf(g) && !inf(x) && (g - x).unsigned_abs() <= tol as u128);
            }
            (g - x).unsigned_abs() <= tol as u128
        }
        'F' | 'D' => {
            let h = got.len() / 2;
            let r = if c == 'F' { 'f' } else { 'd' };
            if same(r, &got[..h], &want[..h], tol) && same(r, &got[h..], &want[h..], tol) {
                return true;
            }
            tol > 0 && normwise(c, got, want, tol)
        }
        _ => got == want,
    }
}

/// Complex values read as (re, im) f64 pairs.
fn parts(c: char, b: &[u8]) -> (f64, f64) {
    if c == 'F' {
        let re = f32::from_le_bytes(b[..4].try_into().unwrap()) as f64;
        let im = f32::from_le_bytes(b[4..].try_into().unwrap()) as f64;
        (re, im)
    } else {
        let re = f64::from_le_bytes(b[..8].try_into().unwrap());
        let im = f64::from_le_bytes(b[8..].try_into().unwrap());
        (re, im)
    }
}

/// Finite complex results within `tol` ULP of the larger part of the expected value.
fn normwise(c: char, got: &[u8], want: &[u8], tol: u64) -> bool {
    let (gr, gi) = parts(c, got);
    let (wr, wi) = parts(c, want);
    if ![gr, gi, wr, wi].iter().all(|v| v.is_finite()) {
        return false;
    }
    let eps = if c == 'F' {
        f32::EPSILON as f64
    } else {
        f64::EPSILON
    };
    let scale = wr.abs().max(wi.abs());
    let allowed = tol as f64 * eps * scale;
    (gr - wr).abs() <= allowed && (gi - wi).abs() <= allowed
}

/// Whether a complex input has an imaginary part above 1e3 in magnitude.
fn large_imag(ins: &str, inputs: &[Vec<u8>]) -> bool {
    inputs
        .iter()
        .zip(ins.chars())
        .any(|(b, c)| parts(c, b).1.abs() > 1e3)
}

fn ordered_inf(w: usize) -> u64 {
    match w {
        2 => 0x7c00,
        4 => 0x7f80_0000,
        _ => 0x7ff0_0000_0000_0000,
    }
}

#[cfg(target_arch = "x86_64")]
mod mxcsr {
    pub fn clear() {
        let mut csr = 0u32;
        // SAFETY: stores/loads MXCSR through a valid u32; only the status bits change.
        unsafe {
            std::arch::asm!("stmxcsr [{}]", in(reg) &mut csr);
            csr &= !0x3f;
            std::arch::asm!("ldmxcsr [{}]", in(reg) &csr);
        }
    }
    /// The status flags as `fpe` bits.
    pub fn read() -> u8 {
        let mut csr = 0u32;
        // SAFETY: stores MXCSR into a valid u32.
        unsafe { std::arch::asm!("stmxcsr [{}]", in(reg) &mut csr) };
        let mut f = 0;
        if csr & 0x01 != 0 {
            f |= super::fpe::INVALID;
        }
        if csr & 0x04 != 0 {
            f |= super::fpe::DIVIDE;
        }
        if csr & 0x08 != 0 {
            f |= super::fpe::OVERFLOW;
        }
        if csr & 0x10 != 0 {
            f |= super::fpe::UNDERFLOW;
        }
        f
    }
}

struct Case {
    text: String,
    inputs: Vec<Vec<u8>>,
    outputs: Option<Vec<Vec<u8>>>,
    flags: u8,
}

fn parse() -> Vec<(String, String, Vec<Case>)> {
    let text = include_str!("data/kernel_cases.txt");
    let mut groups: Vec<(String, String, Vec<Case>)> = Vec::new();
    for line in text.lines() {
        if let Some(h) = line.strip_prefix('@') {
            let (n, t) = h.split_once('|').unwrap();
            groups.push((n.to_string(), t.to_string(), Vec::new()));
            continue;
        }
        let line = line.split("  #").next().unwrap();
        let (_, t, cases) = groups.last_mut().unwrap();
        let (ins, outs) = t.split_once("->").unwrap();
        let mut parts = line.split('|');
        let iv: Vec<&str> = parts.next().unwrap().split(',').collect();
        let ov = parts.next().unwrap();
        let flags: u8 = parts.next().unwrap().parse().unwrap();
        let inputs = ins
            .chars()
            .zip(iv)
            .map(|(c, s)| {
                let mut b = Vec::new();
                encode(c, s, &mut b);
                b
            })
            .collect();
        let outputs = (ov != "ERR").then(|| {
            outs.chars()
                .zip(ov.split(','))
                .map(|(c, s)| {
                    let mut b = Vec::new();
                    encode(c, s, &mut b);
                    b
                })
                .collect()
        });
        cases.push(Case {
            text: line.to_string(),
            inputs,
            outputs,
            flags,
        });
    }
    groups
}

/// Flags agree when divide/overflow/invalid match (underflow is NumPy's default "ignore"
/// and its SIMD paths raise it inconsistently). For functions with a ULP tolerance an
/// extra or missing overflow/underflow next to an infinite or tiny result is accepted too.
fn flags_ok(got: u8, want: u8, tol: bool) -> bool {
    let mask = fpe::DIVIDE | fpe::OVERFLOW | fpe::INVALID;
    let (g, w) = (got & mask, want & mask);
    if g == w {
        return true;
    }
    tol && (g & !fpe::OVERFLOW) == (w & !fpe::OVERFLOW)
}

#[test]
fn every_loop_matches_numpy_on_special_values() {
    let groups = parse();
    let mut failures: BTreeMap<String, (usize, String)> = BTreeMap::new();
    let mut total = 0usize;
    for (name, types, cases) in &groups {
        let f = find_loop(name, types).unwrap_or_else(|| panic!("no loop {name} {types}"));
        let (ins, outs) = types.split_once("->").unwrap();
        let cplx = ins.contains(['F', 'D']);
        let tol = if name.contains("power") && ins.starts_with('F') {
            // NumPy's complex64 power calls cpowf, off by up to ~10 ULP (e.g.
            // (-2)**(-2+1j): imaginary part 9 ULP from the exact value); ours is computed
            // in complex128 and rounded once.
            16
        } else if ULP_FUNCS.contains(&name.as_str()) || (cplx && CPLX_NORM.contains(&name.as_str()))
        {
            ULP_TOL
        } else {
            0
        };
        // NumPy's complex exp2 is cexp(z * ln2) with the angle y*ln2 rounded: for |y| > 1e3
        // its answer is off by far more than 4 ULP (ours carries the angle's rounding
        // error; see tools/measure_ulp.py), and for infinite x even the signs of the
        // infinities follow the misrounded angle. Those inputs are not compared.
        let skip = |case: &Case| name == "exp2" && cplx && large_imag(ins, &case.inputs);
        let osz: Vec<usize> = outs.chars().map(size_of).collect();
        let isz: Vec<usize> = ins.chars().map(size_of).collect();
        let mut strides: Vec<isize> = isz.iter().chain(&osz).map(|s| *s as isize).collect();
        // One element at a time: values and flags.
        for case in cases {
            if skip(case) {
                continue;
            }
            total += 1;
            // u64-aligned scratch per operand.
            let mut bufs: Vec<Vec<u64>> = isz.iter().chain(&osz).map(|_| vec![0u64; 2]).collect();
            for (i, inp) in case.inputs.iter().enumerate() {
                // SAFETY: the scratch buffer holds 16 bytes, more than any element.
                unsafe {
                    std::ptr::copy_nonoverlapping(
                        inp.as_ptr(),
                        bufs[i].as_mut_ptr() as *mut u8,
                        inp.len(),
                    )
                };
            }
            let ptrs: Vec<*mut u8> = bufs.iter_mut().map(|b| b.as_mut_ptr() as *mut u8).collect();
            let ctx = LoopContext::new(std::ptr::null(), false);
            #[cfg(target_arch = "x86_64")]
            mxcsr::clear();
            // SAFETY: one aligned element per operand of the loop's dtypes.
            let res = unsafe { f(&ctx, &ptrs, 1, &strides) };
            #[cfg(target_arch = "x86_64")]
            let hw = mxcsr::read();
            #[cfg(not(target_arch = "x86_64"))]
            let hw = 0u8;
            let flags = ctx.flags() | hw;
            let show = || format!("[{}]", case.text);
            match (&case.outputs, res) {
                (None, Err(e)) => {
                    assert_eq!(e.kind(), oxarray_core::ErrorKind::Value);
                    assert_eq!(
                        e.message(),
                        "Integers to negative integer powers are not allowed."
                    );
                }
                (None, Ok(())) => {
                    let e = failures.entry(format!("{name} {types}")).or_default();
                    e.0 += 1;
                    e.1 = format!("expected an error: {}", show());
                }
                (Some(_), Err(e)) => panic!("{}: unexpected error {e:?}", show()),
                (Some(want), Ok(())) => {
                    let mut ok = true;
                    let mut got_all = Vec::new();
                    for (k, w) in want.iter().enumerate() {
                        let c = outs.chars().nth(k).unwrap();
                        // SAFETY: the output element was written by the loop.
                        let got = unsafe {
                            std::slice::from_raw_parts(ptrs[isz.len() + k] as *const u8, osz[k])
                        };
                        got_all.push(got.to_vec());
                        ok &= same(c, got, w, tol);
                    }
                    // Complex arithmetic on NaN/inf parts: NumPy's FMA-based SIMD loops and
                    // C's signalling compares make "invalid" depend on evaluation order;
                    // only flags from finite inputs are compared.
                    let finite_in = !cplx
                        || case.inputs.iter().zip(ins.chars()).all(|(b, c)| {
                            let (r, i) = parts(c, b);
                            r.is_finite() && i.is_finite()
                        });
                    let fok = !finite_in || flags_ok(flags, case.flags, tol > 0);
                    if !ok || !fok {
                        let e = failures.entry(format!("{name} {types}")).or_default();
                        e.0 += 1;
                        e.1 = format!("{} got {:x?} flags {}", show(), got_all, flags);
                    }
                }
            }
        }
        // All cases as one contiguous call, then as a strided call (every other element):
        // same values as one at a time.
        let good: Vec<&Case> = cases
            .iter()
            .filter(|c| c.outputs.is_some() && !skip(c))
            .collect();
        if good.is_empty() {
            continue;
        }
        for step in [1usize, 2] {
            let n = good.len();
            let mut bufs: Vec<Vec<u64>> = isz
                .iter()
                .chain(&osz)
                .map(|s| vec![0u64; (n * step * s).div_ceil(8) + 1])
                .collect();
            for (j, case) in good.iter().enumerate() {
                for (i, inp) in case.inputs.iter().enumerate() {
                    // SAFETY: element j*step of operand i is inside its buffer.
                    unsafe {
                        std::ptr::copy_nonoverlapping(
                            inp.as_ptr(),
                            (bufs[i].as_mut_ptr() as *mut u8).add(j * step * isz[i]),
                            inp.len(),
                        )
                    };
                }
            }
            for (i, s) in isz.iter().chain(&osz).enumerate() {
                strides[i] = (s * step) as isize;
            }
            let ptrs: Vec<*mut u8> = bufs.iter_mut().map(|b| b.as_mut_ptr() as *mut u8).collect();
            let ctx = LoopContext::new(std::ptr::null(), false);
            // SAFETY: n elements per operand at the given strides, aligned.
            unsafe { f(&ctx, &ptrs, n, &strides) }.unwrap();
            for (j, case) in good.iter().enumerate() {
                for (k, w) in case.outputs.as_ref().unwrap().iter().enumerate() {
                    let c = outs.chars().nth(k).unwrap();
                    // SAFETY: element j*step of output k was written.
                    let got = unsafe {
                        std::slice::from_raw_parts(
                            (ptrs[isz.len() + k] as *const u8).add(j * step * osz[k]),
                            osz[k],
                        )
                    };
                    if !same(c, got, w, tol) {
                        let e = failures
                            .entry(format!("{name} {types} (batch step {step})"))
                            .or_default();
                        e.0 += 1;
                        e.1 = format!("[{}] got {:x?}", case.text, got);
                    }
                }
            }
            for (i, s) in isz.iter().chain(&osz).enumerate() {
                strides[i] = *s as isize;
            }
        }
    }
    let report: Vec<String> = failures
        .iter()
        .map(|(k, (n, ex))| format!("{k}: {n} failing, e.g. {ex}"))
        .collect();
    assert!(
        report.is_empty(),
        "{} of {total} cases differ from NumPy:\n{}",
        failures.values().map(|v| v.0).sum::<usize>(),
        report.join("\n")
    );
}
