//! repr/str through the pure-Python printer `oxarray._arrayprint` (NumPy's algorithm).

use oxarray_core::dtype::{DType, Scalar};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;

use crate::convert::scalar_to_py;
use crate::dtype::dtype_to_py;

static PRINTER: PyOnceLock<Py<PyModule>> = PyOnceLock::new();

fn printer(py: Python<'_>) -> PyResult<&Bound<'_, PyModule>> {
    PRINTER
        .get_or_try_init(py, || {
            Ok::<_, PyErr>(py.import("oxarray._arrayprint")?.unbind())
        })
        .map(|m| m.bind(py))
}

/// `repr(scalar)`.
pub fn scalar_repr(py: Python<'_>, v: Scalar, dt: DType) -> PyResult<String> {
    printer(py)?
        .call_method1("scalar_repr", (scalar_to_py(py, v)?, dtype_to_py(py, dt)?))?
        .extract()
}

/// `str(scalar)`.
pub fn scalar_str(py: Python<'_>, v: Scalar, dt: DType) -> PyResult<String> {
    printer(py)?
        .call_method1("scalar_str", (scalar_to_py(py, v)?, dtype_to_py(py, dt)?))?
        .extract()
}

/// `repr(array)`: a subclass shows its own name, as NumPy's `S([1., 2.])`.
pub fn array_repr(a: &Bound<'_, PyAny>) -> PyResult<String> {
    let p = printer(a.py())?;
    if a.is_exact_instance_of::<crate::ndarray::PyArray>() {
        return p.call_method1("array_repr", (a,))?.extract();
    }
    let name = a.get_type().name()?;
    p.call_method1("array_repr", (a, name))?.extract()
}

/// `str(array)`.
pub fn array_str(a: &Bound<'_, PyAny>) -> PyResult<String> {
    printer(a.py())?.call_method1("array_str", (a,))?.extract()
}

// ----------------------------------------------------------------------------
// Dragon4: NumPy's float digit generation (`dragon4_positional` /
// `dragon4_scientific` with a fractional cutoff), exact big-integer arithmetic.
// `oxarray._arrayprint.format_float` and the array printer call it; one call
// formats a whole list of values (`_format_floats`).
// ----------------------------------------------------------------------------

use pyo3::exceptions::{PyTypeError, PyValueError};
use std::cmp::Ordering;

/// Unsigned big integer, little-endian base-2^32 limbs, no leading zero limbs:
/// just the operations Dragon4 needs.
#[derive(Clone, Debug)]
struct Big(Vec<u32>);

impl Big {
    fn from_u64(v: u64) -> Big {
        let mut b = Big(vec![v as u32, (v >> 32) as u32]);
        b.trim();
        b
    }

    fn trim(&mut self) {
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
    }

    fn is_zero(&self) -> bool {
        self.0.is_empty()
    }

    fn shl(&mut self, n: u64) {
        if self.is_zero() {
            return;
        }
        let bits = (n % 32) as u32;
        if bits != 0 {
            let mut carry = 0u32;
            for w in self.0.iter_mut() {
                let next = *w >> (32 - bits);
                *w = (*w << bits) | carry;
                carry = next;
            }
            if carry != 0 {
                self.0.push(carry);
            }
        }
        let words = (n / 32) as usize;
        if words > 0 {
            self.0.splice(0..0, std::iter::repeat_n(0, words));
        }
    }

    fn mul_small(&mut self, m: u32) {
        let mut carry = 0u64;
        for w in self.0.iter_mut() {
            let p = u64::from(*w) * u64::from(m) + carry;
            *w = p as u32;
            carry = p >> 32;
        }
        if carry != 0 {
            self.0.push(carry as u32);
        }
        self.trim();
    }

    fn mul_pow10(&mut self, mut k: u64) {
        while k >= 9 {
            self.mul_small(1_000_000_000);
            k -= 9;
        }
        if k > 0 {
            self.mul_small(10u32.pow(k as u32));
        }
    }

    fn cmp(&self, o: &Big) -> Ordering {
        self.0
            .len()
            .cmp(&o.0.len())
            .then_with(|| self.0.iter().rev().cmp(o.0.iter().rev()))
    }

    fn add(&mut self, o: &Big) {
        if self.0.len() < o.0.len() {
            self.0.resize(o.0.len(), 0);
        }
        let mut carry = 0u64;
        for (i, w) in self.0.iter_mut().enumerate() {
            let s = u64::from(*w) + u64::from(o.0.get(i).copied().unwrap_or(0)) + carry;
            *w = s as u32;
            carry = s >> 32;
        }
        if carry != 0 {
            self.0.push(carry as u32);
        }
    }

    /// `self -= o`, requires `self >= o`.
    fn sub(&mut self, o: &Big) {
        let mut borrow = 0i64;
        for (i, w) in self.0.iter_mut().enumerate() {
            let d = i64::from(*w) - i64::from(o.0.get(i).copied().unwrap_or(0)) - borrow;
            if d < 0 {
                *w = (d + (1i64 << 32)) as u32;
                borrow = 1;
            } else {
                *w = d as u32;
                borrow = 0;
            }
        }
        self.trim();
    }

    /// Quotient digit of `self / scale` (known to be below 10); `self` keeps
    /// the remainder.
    fn divmod_digit(&mut self, scale: &Big) -> u8 {
        let mut d = 0;
        while self.cmp(scale) != Ordering::Less {
            self.sub(scale);
            d += 1;
        }
        d
    }
}

/// A float split as NumPy's Dragon4 sees it.
enum Parts {
    Inf(bool),
    Nan,
    Finite {
        neg: bool,
        mant: u64,
        exp2: i64,
        mbit: i64,
        unequal: bool,
    },
}

fn decompose(x: f64, size: usize) -> PyResult<Parts> {
    let (bits, mbits, ebits): (u64, u32, u32) = match size {
        8 => (x.to_bits(), 52, 11),
        4 => (u64::from((x as f32).to_bits()), 23, 8),
        2 => (u64::from(half::f16::from_f64(x).to_bits()), 10, 5),
        _ => {
            return Err(PyValueError::new_err(format!(
                "unsupported float size {size}"
            )))
        }
    };
    let neg = (bits >> (mbits + ebits)) & 1 == 1;
    let frac = bits & ((1u64 << mbits) - 1);
    let bexp = (bits >> mbits) & ((1u64 << ebits) - 1);
    let bias = (1i64 << (ebits - 1)) - 1;
    if bexp == (1u64 << ebits) - 1 {
        return Ok(if frac != 0 {
            Parts::Nan
        } else {
            Parts::Inf(neg)
        });
    }
    Ok(if bexp != 0 {
        Parts::Finite {
            neg,
            mant: frac | (1u64 << mbits),
            exp2: bexp as i64 - bias - i64::from(mbits),
            mbit: i64::from(mbits),
            unequal: bexp != 1 && frac == 0,
        }
    } else {
        let bl = 64 - i64::from(frac.leading_zeros());
        Parts::Finite {
            neg,
            mant: frac,
            exp2: 1 - bias - i64::from(mbits),
            mbit: (bl - 1).max(0),
            unequal: false,
        }
    })
}

/// Digits (ASCII) and the decimal exponent of the first digit of `mant * 2**exp2`.
#[allow(clippy::too_many_arguments)]
fn dragon4(
    mant: u64,
    exp2: i64,
    mbit: i64,
    unequal: bool,
    unique: bool,
    fractional: bool,
    cutoff_max: i64,
    cutoff_min: i64,
) -> (Vec<u8>, i64) {
    if mant == 0 {
        return (vec![b'0'], 0);
    }
    let even = mant % 2 == 0;
    let shift: u64 = if unequal { 2 } else { 1 };
    let mut value = Big::from_u64(mant);
    let (mut scale, mut mlow);
    if exp2 > 0 {
        value.shl(exp2 as u64 + shift);
        scale = Big::from_u64(1 << shift);
        mlow = Big::from_u64(1);
        mlow.shl(exp2 as u64);
    } else {
        value.shl(shift);
        scale = Big::from_u64(1);
        scale.shl(shift + (-exp2) as u64);
        mlow = Big::from_u64(1);
    }
    let mfac2 = unequal; // high margin = 2 * low margin
    const LOG10_2: f64 = std::f64::consts::LOG10_2; // the f64 of the Python printer's constant
    let mut k = ((mbit + exp2) as f64 * LOG10_2 - 0.69).ceil() as i64;
    if cutoff_max >= 0 && fractional && k <= -cutoff_max {
        k = -cutoff_max + 1;
    }
    if k > 0 {
        scale.mul_pow10(k as u64);
    } else if k < 0 {
        value.mul_pow10((-k) as u64);
        mlow.mul_pow10((-k) as u64);
    }
    if value.cmp(&scale) != Ordering::Less {
        k += 1;
    } else {
        value.mul_small(10);
        mlow.mul_small(10);
    }
    let mut cut_max = k - 16384;
    if cutoff_max >= 0 {
        cut_max = cut_max.max(if fractional {
            -cutoff_max
        } else {
            k - cutoff_max
        });
    }
    let mut cut_min = k;
    if cutoff_min >= 0 {
        cut_min = cut_min.min(if fractional {
            -cutoff_min
        } else {
            k - cutoff_min
        });
    }
    let mut out_exp = k - 1;
    let mut digits: Vec<u8> = Vec::with_capacity(20);
    let (mut low, mut high) = (false, false);
    let mut d;
    loop {
        k -= 1;
        d = value.divmod_digit(&scale);
        if unique {
            let mut hi = value.clone();
            hi.add(&mlow);
            if mfac2 {
                hi.add(&mlow);
            }
            let lc = value.cmp(&mlow);
            low = if even {
                lc != Ordering::Greater
            } else {
                lc == Ordering::Less
            };
            let hc = hi.cmp(&scale);
            high = if even {
                hc != Ordering::Less
            } else {
                hc == Ordering::Greater
            };
            if ((low || high) && k <= cut_min) || k == cut_max {
                break;
            }
            mlow.mul_small(10);
        } else if value.is_zero() || k == cut_max {
            break;
        }
        digits.push(d);
        value.mul_small(10);
    }
    let mut round_down = low;
    if low == high {
        let mut twice = value.clone();
        twice.shl(1);
        let c = twice.cmp(&scale);
        round_down = c == Ordering::Less || (c == Ordering::Equal && d % 2 == 0);
    }
    if round_down {
        digits.push(d);
    } else if d < 9 {
        digits.push(d + 1);
    } else {
        while digits.last() == Some(&9) {
            digits.pop();
        }
        if let Some(last) = digits.last_mut() {
            *last += 1;
        } else {
            digits = vec![1];
            out_exp += 1;
        }
    }
    for c in digits.iter_mut() {
        *c += b'0';
    }
    (digits, out_exp)
}

fn spaces(s: &mut String, n: i64) {
    for _ in 0..n.max(0) {
        s.push(' ');
    }
}

/// Options of one `format_float` call (NumPy's Dragon4 options).
#[derive(Clone, Copy)]
struct FloatOpts {
    size: usize,
    scientific: bool,
    precision: i64,
    min_digits: i64,
    unique: bool,
    trim: u8,
    sign: bool,
    pad_left: i64,
    pad_right: i64,
    exp_digits: i64,
}

fn format_one(x: f64, o: &FloatOpts) -> PyResult<String> {
    let (neg, mant, exp2, mbit, unequal) = match decompose(x, o.size)? {
        Parts::Inf(neg) => {
            let sign = if neg {
                "-"
            } else if o.sign {
                "+"
            } else {
                ""
            };
            return Ok(format!("{sign}inf"));
        }
        Parts::Nan => return Ok("nan".to_string()),
        Parts::Finite {
            neg,
            mant,
            exp2,
            mbit,
            unequal,
        } => (neg, mant, exp2, mbit, unequal),
    };
    let signstr = if neg {
        "-"
    } else if o.sign {
        "+"
    } else {
        ""
    };
    if !o.unique && o.precision < 0 {
        return Err(PyTypeError::new_err(
            "in non-unique mode `precision` must be supplied",
        ));
    }
    let add = (if o.unique { o.min_digits } else { o.precision }).max(0);
    let trim = o.trim;
    let mut s = String::with_capacity(24);
    if o.scientific {
        let (digits, pexp) = dragon4(
            mant,
            exp2,
            mbit,
            unequal,
            o.unique,
            false,
            if o.precision >= 0 {
                o.precision + 1
            } else {
                -1
            },
            if o.min_digits >= 0 {
                o.min_digits + 1
            } else {
                -1
            },
        );
        let mut nfrac = digits.len() as i64 - 1;
        let mut body = String::with_capacity(24);
        body.push(digits[0] as char);
        if nfrac > 0 {
            body.push('.');
            body.push_str(std::str::from_utf8(&digits[1..]).unwrap_or(""));
        }
        nfrac = pad_fraction(&mut body, nfrac, trim, add);
        if trim != b'k' && nfrac > 0 {
            let stripped = body.trim_end_matches('0').len();
            body.truncate(stripped);
            if trim == b'0' && body.ends_with('.') {
                body.push('0');
            }
        }
        spaces(&mut s, o.pad_left - 1 - signstr.len() as i64);
        s.push_str(signstr);
        s.push_str(&body);
        s.push('e');
        s.push(if pexp < 0 { '-' } else { '+' });
        let ed = pexp.abs().to_string();
        let width = (if o.exp_digits >= 0 { o.exp_digits } else { 2 }).min(5);
        for _ in 0..(width - ed.len() as i64).max(0) {
            s.push('0');
        }
        s.push_str(&ed);
        return Ok(s);
    }
    let (digits, pexp) = dragon4(
        mant,
        exp2,
        mbit,
        unequal,
        o.unique,
        true,
        o.precision,
        o.min_digits,
    );
    let digits = std::str::from_utf8(&digits).unwrap_or("");
    let nd = digits.len() as i64;
    let (nwhole, mut nfrac);
    let mut body = String::with_capacity(24);
    if pexp >= 0 {
        nwhole = pexp + 1;
        if nd <= nwhole {
            body.push_str(digits);
            for _ in 0..nwhole - nd {
                body.push('0');
            }
            nfrac = 0;
        } else {
            body.push_str(&digits[..nwhole as usize]);
            body.push('.');
            body.push_str(&digits[nwhole as usize..]);
            nfrac = nd - nwhole;
        }
    } else {
        nwhole = 1;
        nfrac = nd - pexp - 1;
        body.push_str("0.");
        for _ in 0..(-pexp - 1) {
            body.push('0');
        }
        body.push_str(digits);
    }
    nfrac = pad_fraction(&mut body, nfrac, trim, add);
    if trim != b'k' && nfrac > 0 {
        let stripped = body.trim_end_matches('0').len();
        nfrac -= (body.len() - stripped) as i64;
        body.truncate(stripped);
        if body.ends_with('.') {
            if trim == b'0' {
                body.push('0');
                nfrac += 1;
            } else if trim == b'-' {
                body.pop();
            }
        }
    }
    if o.pad_right >= nfrac {
        if trim == b'-' && nfrac == 0 {
            body.push(' ');
        }
        spaces(&mut body, o.pad_right - nfrac);
    }
    spaces(&mut s, o.pad_left - nwhole - signstr.len() as i64);
    s.push_str(signstr);
    s.push_str(&body);
    Ok(s)
}

/// The trim mode as one byte: any other string behaves as '.' (the Python
/// printer only compares with 'k', '0' and '-').
fn trim_code(trim: &str) -> PyResult<u8> {
    Ok(match trim {
        "k" | "0" | "-" => trim.as_bytes()[0],
        _ => b'.',
    })
}

/// `format_float(x, size, ...)`: one float formatted as NumPy's Dragon4 does.
#[pyfunction]
#[pyo3(signature = (x, size, scientific=false, precision=-1, min_digits=-1, unique=true,
                    trim="k", sign=false, pad_left=-1, pad_right=-1, exp_digits=-1))]
#[allow(clippy::too_many_arguments)]
fn _format_float(
    x: f64,
    size: usize,
    scientific: bool,
    precision: i64,
    min_digits: i64,
    unique: bool,
    trim: &str,
    sign: bool,
    pad_left: i64,
    pad_right: i64,
    exp_digits: i64,
) -> PyResult<String> {
    let o = FloatOpts {
        size,
        scientific,
        precision,
        min_digits,
        unique,
        trim: trim_code(trim)?,
        sign,
        pad_left,
        pad_right,
        exp_digits,
    };
    format_one(x, &o)
}

/// `_format_floats(values, size, ...)`: `format_float` of every value, one call.
#[pyfunction]
#[pyo3(signature = (values, size, scientific=false, precision=-1, min_digits=-1, unique=true,
                    trim="k", sign=false, pad_left=-1, pad_right=-1, exp_digits=-1))]
#[allow(clippy::too_many_arguments)]
fn _format_floats(
    values: Vec<f64>,
    size: usize,
    scientific: bool,
    precision: i64,
    min_digits: i64,
    unique: bool,
    trim: &str,
    sign: bool,
    pad_left: i64,
    pad_right: i64,
    exp_digits: i64,
) -> PyResult<Vec<String>> {
    let o = FloatOpts {
        size,
        scientific,
        precision,
        min_digits,
        unique,
        trim: trim_code(trim)?,
        sign,
        pad_left,
        pad_right,
        exp_digits,
    };
    values.into_iter().map(|x| format_one(x, &o)).collect()
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(_format_float, m)?)?;
    m.add_function(wrap_pyfunction!(_format_floats, m)?)?;
    Ok(())
}

/// The fraction rule both formats share (Dragon4's `trim_mode` and `min_digits`): a
/// bare `.` unless trimming with `-`, `.0` for `0`, and for `k` zeros up to `add`
/// fractional digits. Returns the fractional digit count after padding.
fn pad_fraction(body: &mut String, nfrac: i64, trim: u8, add: i64) -> i64 {
    if trim != b'-' && nfrac == 0 {
        body.push('.');
    }
    if trim == b'0' && nfrac == 0 {
        body.push('0');
        1
    } else if trim == b'k' && add > nfrac {
        for _ in 0..add - nfrac {
            body.push('0');
        }
        add
    } else {
        nfrac
    }
}
