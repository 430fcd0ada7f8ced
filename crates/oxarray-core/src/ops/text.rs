//! Text tables: the parser behind `loadtxt`, `genfromtxt` and `fromstring(sep=...)`.
//!
//! The algorithm of [`parse_table`], one pass over the bytes:
//! 1. Split into lines at `\n` (a trailing `\r` is dropped); skip the first `skiprows`.
//! 2. Cut each line at the first comment marker; a line left blank is skipped.
//! 3. Split the line into fields at the delimiter (runs of whitespace when there is none),
//!    keep the `usecols` fields, and parse each straight into the output vector (floats
//!    with `fast-float2`, integers with the standard parser). The first row fixes the
//!    column count; a later row with another count is an error naming the line.
//! 4. Stop after `max_rows` data rows; the result is a `rows x cols` array.
//!
//! Errors are `ValueError`s that name the string, the row, the column and the line.

use num_complex::Complex;

use crate::array::Array;
use crate::dtype::Builtin;
use crate::error::{Error, Result};
use crate::layout::Order;

/// What the fields are parsed as (the caller casts the result to the requested dtype).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// float64.
    Float,
    /// int64.
    Int,
    /// uint64.
    UInt,
    /// complex128.
    Complex,
}

/// `genfromtxt`'s handling of missing and invalid fields.
#[derive(Clone, Debug, Default)]
pub struct Missing {
    /// Strings (besides the empty field) that mean "missing".
    pub values: Vec<Vec<u8>>,
    /// The value that replaces a missing or invalid field.
    pub fill: f64,
}

/// Options shared by the text readers.
#[derive(Clone, Debug, Default)]
pub struct TextOptions {
    /// Field separator; `None` splits at runs of whitespace.
    pub delimiter: Option<Vec<u8>>,
    /// Comment markers: the rest of a line after one is ignored.
    pub comments: Vec<Vec<u8>>,
    /// Lines skipped at the start (whatever they hold).
    pub skiprows: usize,
    /// Data lines dropped at the end (`genfromtxt`'s `skip_footer`).
    pub skip_footer: usize,
    /// Stop after this many data rows.
    pub max_rows: Option<usize>,
    /// Columns to keep (negative counts from the end).
    pub usecols: Option<Vec<isize>>,
    /// `Some` for `genfromtxt`: missing/invalid fields are filled instead of failing.
    pub missing: Option<Missing>,
}

fn trim(mut s: &[u8]) -> &[u8] {
    while let [b, rest @ ..] = s {
        if b.is_ascii_whitespace() {
            s = rest;
        } else {
            break;
        }
    }
    while let [rest @ .., b] = s {
        if b.is_ascii_whitespace() {
            s = rest;
        } else {
            break;
        }
    }
    s
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.len() == 1 {
        return hay.iter().position(|&b| b == needle[0]);
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Parse one float the way NumPy's text reader does (surrounding whitespace allowed).
pub fn parse_f64(field: &[u8]) -> Option<f64> {
    let f = trim(field);
    if f.is_empty() {
        return None;
    }
    fast_float2::parse::<f64, _>(f).ok().or_else(|| {
        // Forms fast-float2 does not take: "+nan", "-nan", "+inf" etc. are taken; Python's
        // "infinity"/"nan" spellings are too. Anything else is invalid.
        let s = std::str::from_utf8(f).ok()?;
        let lower = s.to_ascii_lowercase();
        let (sign, body) = match lower.as_bytes().first() {
            Some(b'+') => (1.0, &lower[1..]),
            Some(b'-') => (-1.0, &lower[1..]),
            _ => (1.0, lower.as_str()),
        };
        match body {
            "nan" => Some(f64::NAN),
            "inf" | "infinity" => Some(sign * f64::INFINITY),
            _ => None,
        }
    })
}

fn parse_i64(field: &[u8]) -> Option<i64> {
    let f = trim(field);
    let s = std::str::from_utf8(f).ok()?;
    s.parse::<i64>().ok()
}

fn parse_u64(field: &[u8]) -> Option<u64> {
    let f = trim(field);
    let s = std::str::from_utf8(f).ok()?;
    s.strip_prefix('+').unwrap_or(s).parse::<u64>().ok()
}

/// Python's `complex()` syntax: `1`, `2j`, `1+2j`, `(1-2j)`, `-1e3-4.5e-2j`.
pub fn parse_c128(field: &[u8]) -> Option<Complex<f64>> {
    let mut f = trim(field);
    if let [b'(', inner @ .., b')'] = f {
        f = trim(inner);
    }
    if let Some(re) = parse_f64(f) {
        return Some(Complex::new(re, 0.0));
    }
    let body = f.strip_suffix(b"j").or_else(|| f.strip_suffix(b"J"))?;
    // Split at the last sign that does not follow an exponent marker.
    let split = (1..body.len())
        .rev()
        .find(|&i| matches!(body[i], b'+' | b'-') && !matches!(body[i - 1], b'e' | b'E'));
    match split {
        None => {
            let im = if body.is_empty() || body == b"+" {
                1.0
            } else if body == b"-" {
                -1.0
            } else {
                parse_f64(body)?
            };
            Some(Complex::new(0.0, im))
        }
        Some(i) => {
            let re = parse_f64(&body[..i])?;
            let im_s = &body[i..];
            let im = match im_s {
                b"+" => 1.0,
                b"-" => -1.0,
                _ => parse_f64(im_s)?,
            };
            Some(Complex::new(re, im))
        }
    }
}

/// The parsed values, by target.
enum Values {
    F(Vec<f64>),
    I(Vec<i64>),
    U(Vec<u64>),
    C(Vec<Complex<f64>>),
}

impl Values {
    fn len(&self) -> usize {
        match self {
            Values::F(v) => v.len(),
            Values::I(v) => v.len(),
            Values::U(v) => v.len(),
            Values::C(v) => v.len(),
        }
    }
    fn truncate(&mut self, n: usize) {
        match self {
            Values::F(v) => v.truncate(n),
            Values::I(v) => v.truncate(n),
            Values::U(v) => v.truncate(n),
            Values::C(v) => v.truncate(n),
        }
    }
}

fn target_name(t: Target) -> &'static str {
    match t {
        Target::Float => "float64",
        Target::Int => "int64",
        Target::UInt => "uint64",
        Target::Complex => "complex128",
    }
}

/// Parse a text table (see the module docs) into a `rows x cols` array of the target's
/// dtype (float64, int64, uint64 or complex128).
///
/// # Errors
/// `ValueError` naming the line for a field that does not parse or a changed number of
/// columns, and for a `usecols` entry out of range.
pub fn parse_table(data: &[u8], opts: &TextOptions, target: Target) -> Result<Array> {
    let mut vals = match target {
        Target::Float => Values::F(Vec::new()),
        Target::Int => Values::I(Vec::new()),
        Target::UInt => Values::U(Vec::new()),
        Target::Complex => Values::C(Vec::new()),
    };
    let mut ncols: Option<usize> = None;
    let mut rows = 0usize;
    let mut fields: Vec<&[u8]> = Vec::new();
    let max_rows = opts.max_rows.unwrap_or(usize::MAX);
    let mut rest = data;
    let mut line_no = 0usize;
    while !rest.is_empty() && rows < max_rows {
        let (mut line, next) = match rest.iter().position(|&b| b == b'\n') {
            Some(i) => (&rest[..i], &rest[i + 1..]),
            None => (rest, &rest[rest.len()..]),
        };
        rest = next;
        line_no += 1;
        if line_no <= opts.skiprows {
            continue;
        }
        if let [head @ .., b'\r'] = line {
            line = head;
        }
        for c in &opts.comments {
            if let Some(i) = find(line, c) {
                line = &line[..i];
            }
        }
        if trim(line).is_empty() {
            continue;
        }
        fields.clear();
        match &opts.delimiter {
            None => fields.extend(
                line.split(|b| b.is_ascii_whitespace())
                    .filter(|f| !f.is_empty()),
            ),
            Some(d) if d.len() == 1 => fields.extend(line.split(|&b| b == d[0])),
            Some(d) => {
                let mut l = line;
                while let Some(i) = find(l, d) {
                    fields.push(&l[..i]);
                    l = &l[i + d.len()..];
                }
                fields.push(l);
            }
        }
        let nf = fields.len();
        let picked: Vec<usize> = match &opts.usecols {
            None => (0..nf).collect(),
            Some(cols) => cols
                .iter()
                .map(|&c| {
                    let j = if c < 0 { c + nf as isize } else { c };
                    if j < 0 || j >= nf as isize {
                        Err(Error::value(format!(
                            "invalid column index {c} at row {} with {nf} columns (line {line_no})",
                            rows + 1
                        )))
                    } else {
                        Ok(j as usize)
                    }
                })
                .collect::<Result<_>>()?,
        };
        match ncols {
            None => ncols = Some(picked.len()),
            Some(n) if n != picked.len() => {
                return Err(if opts.missing.is_some() {
                    Error::value(format!(
                        "Some errors were detected !\n    Line #{line_no} (got {} columns instead of {n})",
                        picked.len()
                    ))
                } else {
                    Error::value(format!(
                        "the number of columns changed from {n} to {} at row {} (line {line_no}); use `usecols` to select a subset and avoid this error",
                        picked.len(),
                        rows + 1
                    ))
                });
            }
            _ => {}
        }
        for (col, &j) in picked.iter().enumerate() {
            let f = fields[j];
            let bad = || {
                Error::value(format!(
                    "could not convert string '{}' to {} at row {}, column {} (line {line_no}).",
                    String::from_utf8_lossy(trim(f)),
                    target_name(target),
                    rows,
                    col + 1
                ))
            };
            let missing = opts.missing.as_ref().filter(|m| {
                let t = trim(f);
                t.is_empty() || m.values.iter().any(|v| v.as_slice() == t)
            });
            match &mut vals {
                Values::F(v) => match (parse_f64(f), &opts.missing) {
                    (Some(x), _) if missing.is_none() => v.push(x),
                    (_, Some(m)) => v.push(m.fill),
                    _ => return Err(bad()),
                },
                Values::I(v) => match (parse_i64(f), &opts.missing) {
                    (Some(x), _) if missing.is_none() => v.push(x),
                    (_, Some(m)) => v.push(m.fill as i64),
                    _ => return Err(bad()),
                },
                Values::U(v) => match (parse_u64(f), &opts.missing) {
                    (Some(x), _) if missing.is_none() => v.push(x),
                    (_, Some(m)) => v.push(m.fill as u64),
                    _ => return Err(bad()),
                },
                Values::C(v) => match (parse_c128(f), &opts.missing) {
                    (Some(x), _) if missing.is_none() => v.push(x),
                    (_, Some(m)) => v.push(Complex::new(m.fill, 0.0)),
                    _ => return Err(bad()),
                },
            }
        }
        rows += 1;
    }
    let ncols = ncols.unwrap_or(0);
    if opts.skip_footer > 0 {
        rows = rows.saturating_sub(opts.skip_footer);
        vals.truncate(rows * ncols);
    }
    debug_assert_eq!(vals.len(), rows * ncols);
    let (dt, bytes): (_, &[u8]) = match &vals {
        Values::F(v) => (Builtin::Float64, as_bytes(v)),
        Values::I(v) => (Builtin::Int64, as_bytes(v)),
        Values::U(v) => (Builtin::UInt64, as_bytes(v)),
        Values::C(v) => (Builtin::Complex128, as_bytes(v)),
    };
    // SAFETY: every byte of the result is written from `bytes` just below.
    let out = unsafe { Array::uninit(&[rows, ncols], dt.dtype(), Order::C)? };
    if !bytes.is_empty() {
        // SAFETY: the fresh array holds rows * ncols items = bytes.len() bytes.
        unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), out.data_ptr(), bytes.len()) };
    }
    Ok(out)
}

fn as_bytes<T: Copy>(v: &[T]) -> &[u8] {
    // SAFETY: plain numeric values viewed as their bytes.
    unsafe { std::slice::from_raw_parts(v.as_ptr() as *const u8, std::mem::size_of_val(v)) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dtype::Scalar;

    #[test]
    fn csv_with_comments() {
        let opts = TextOptions {
            delimiter: Some(b",".to_vec()),
            comments: vec![b"#".to_vec()],
            ..Default::default()
        };
        let a = parse_table(b"# head\n1,2\n3.5, 4e1 # c\n\n", &opts, Target::Float).unwrap();
        assert_eq!(a.shape(), &[2, 2]);
        assert_eq!(a.get(&[1, 1]), Scalar::Float(40.0));
        let e = parse_table(b"1,2\n3,x\n", &opts, Target::Float).unwrap_err();
        assert!(e.message().contains("line 2"));
    }

    #[test]
    fn complex_forms() {
        assert_eq!(parse_c128(b"1+2j"), Some(Complex::new(1.0, 2.0)));
        assert_eq!(parse_c128(b"-1e3-4e-2j"), Some(Complex::new(-1e3, -4e-2)));
        assert_eq!(parse_c128(b"(3j)"), Some(Complex::new(0.0, 3.0)));
    }
}
