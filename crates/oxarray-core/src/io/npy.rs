//! The `.npy` header: parse and write, byte for byte as NumPy's `numpy.lib.format` does.
//!
//! A `.npy` file is
//! 1. the magic string `\x93NUMPY`, then one byte major and one byte minor version;
//! 2. the header length: a little-endian `u16` (version 1.0) or `u32` (2.0 and 3.0);
//! 3. the header: a Python dict literal `{'descr': '<f8', 'fortran_order': False,
//!    'shape': (3, 4), }` in latin-1 (1.0, 2.0) or UTF-8 (3.0), padded with spaces and ended
//!    by `\n` so that the data starts at a multiple of 64 bytes;
//! 4. the raw data, C or Fortran order, in the byte order the descr names.
//!
//! The parser here accepts exactly the dict literals NumPy writes (and the small variations
//! older writers produced: `3L` shape entries, double quotes, any key order, no trailing
//! comma) and nothing else: no `eval`, so a hostile header can only produce a `ValueError`.
//! Object and structured dtypes are refused, never unpickled.

use crate::dtype::DType;
use crate::error::{Error, Result};

/// The magic prefix of every `.npy` file.
pub const MAGIC_PREFIX: &[u8; 6] = b"\x93NUMPY";
/// Magic string plus the two version bytes.
pub const MAGIC_LEN: usize = 8;
/// Data alignment NumPy pads the header to.
pub const ARRAY_ALIGN: usize = 64;
/// Room NumPy leaves in the header so the growth axis can be rewritten in place.
const GROWTH_AXIS_MAX_DIGITS: usize = 21;

/// What a header says.
#[derive(Clone, Debug, PartialEq)]
pub struct Header {
    /// The descr string as written (e.g. `"<f8"`).
    pub descr: String,
    /// True when the data are in Fortran order.
    pub fortran_order: bool,
    /// The shape.
    pub shape: Vec<usize>,
}

/// Check the magic string and return `(major, minor)`.
///
/// # Errors
/// `ValueError` when the bytes are not a `.npy` magic string or the version is unknown.
pub fn read_magic(b: &[u8]) -> Result<(u8, u8)> {
    if b.len() < MAGIC_LEN || &b[..6] != MAGIC_PREFIX {
        let shown: Vec<u8> = b.iter().take(MAGIC_LEN).copied().collect();
        return Err(Error::value(format!(
            "the magic string is not correct; expected b'\\x93NUMPY', got {}",
            show_bytes(&shown)
        )));
    }
    let v = (b[6], b[7]);
    if !matches!(v, (1, 0) | (2, 0) | (3, 0)) {
        return Err(Error::value(format!(
            "we only support format version (1,0), (2,0), and (3,0), not ({}, {})",
            v.0, v.1
        )));
    }
    Ok(v)
}

/// Number of bytes of the header-length field for a version.
pub fn length_field_size(major: u8) -> usize {
    if major == 1 {
        2
    } else {
        4
    }
}

fn show_bytes(b: &[u8]) -> String {
    let mut s = String::from("b'");
    for &c in b {
        if (0x20..0x7f).contains(&c) && c != b'\'' && c != b'\\' {
            s.push(c as char);
        } else {
            s.push_str(&format!("\\x{c:02x}"));
        }
    }
    s.push('\'');
    s
}

/// Parse the header dict (the bytes after the length field) of a file of version `major`.
///
/// # Errors
/// `ValueError` for anything that is not a well-formed header of a supported dtype.
pub fn parse_header(bytes: &[u8], major: u8) -> Result<Header> {
    let text: String = if major >= 3 {
        std::str::from_utf8(bytes)
            .map_err(|_| Error::value("the header of a version 3.0 .npy file is not valid UTF-8"))?
            .to_string()
    } else {
        // latin-1: every byte is one char.
        bytes.iter().map(|&b| b as char).collect()
    };
    let mut p = Parser {
        s: text.as_bytes(),
        i: 0,
    };
    let items = p.dict().map_err(|e| {
        Error::value(format!(
            "Cannot parse header: {:?}: {}",
            text.trim_end(),
            e.message()
        ))
    })?;
    p.skip_ws();
    if p.i != p.s.len() {
        return Err(Error::value(format!(
            "Cannot parse header: {:?}: trailing characters after the dict",
            text.trim_end()
        )));
    }
    let mut descr = None;
    let mut fortran = None;
    let mut shape = None;
    for (k, v) in items {
        match (k.as_str(), v) {
            ("descr", Value::Str(s)) => descr = Some(s),
            ("descr", Value::List) => return Err(Error::value(
                "oxarray cannot load structured dtypes (the header's descr is a list of fields)",
            )),
            ("fortran_order", Value::Bool(b)) => fortran = Some(b),
            ("shape", Value::Tuple(t)) => shape = Some(t),
            ("descr" | "fortran_order" | "shape", _) => {
                return Err(Error::value(format!(
                    "Header field '{k}' has the wrong type: {text:?}"
                )))
            }
            _ => {
                return Err(Error::value(format!(
                    "Header does not contain the correct keys: unexpected key '{k}'"
                )))
            }
        }
    }
    let (Some(descr), Some(fortran_order), Some(shape)) = (descr, fortran, shape) else {
        return Err(Error::value(format!(
            "Header does not contain the correct keys: {:?}",
            text.trim_end()
        )));
    };
    Ok(Header {
        descr,
        fortran_order,
        shape,
    })
}

/// The dtype a header's descr names.
///
/// # Errors
/// `ValueError` for object arrays (never unpickled) and descrs oxarray has no dtype for.
pub fn descr_dtype(descr: &str) -> Result<DType> {
    let core = descr.trim_start_matches(['<', '>', '=', '|']);
    if core.starts_with('O') {
        return Err(Error::value(
            "Object arrays cannot be loaded: oxarray has no object dtype and never unpickles file contents",
        ));
    }
    DType::parse(descr)
        .map_err(|_| Error::value(format!("oxarray has no dtype for the descr {descr:?}")))
}

/// The header (magic, length and padded dict) NumPy would write for an array.
///
/// `version` `None` picks 1.0, or 2.0 when the header is too long for a `u16` (as NumPy
/// does; 3.0 is only needed for non-latin-1 field names, which oxarray never writes).
///
/// # Errors
/// `ValueError` for a version that is not (1,0), (2,0) or (3,0), or a header too long for
/// version 1.0.
pub fn write_header(
    descr: &str,
    fortran_order: bool,
    shape: &[usize],
    version: Option<(u8, u8)>,
) -> Result<Vec<u8>> {
    let mut dict = format!(
        "{{'descr': '{descr}', 'fortran_order': {}, 'shape': {}, }}",
        if fortran_order { "True" } else { "False" },
        shape_repr(shape)
    );
    if !shape.is_empty() {
        let growth = if fortran_order {
            shape[shape.len() - 1]
        } else {
            shape[0]
        };
        let digits = growth.to_string().len();
        dict.push_str(&" ".repeat(GROWTH_AXIS_MAX_DIGITS.saturating_sub(digits)));
    }
    match version {
        Some(v @ ((1, 0) | (2, 0) | (3, 0))) => wrap(dict.as_bytes(), v),
        Some((a, b)) => Err(Error::value(format!(
            "we only support format version (1,0), (2,0), and (3,0), not ({a}, {b})"
        ))),
        None => wrap(dict.as_bytes(), (1, 0)).or_else(|_| wrap(dict.as_bytes(), (2, 0))),
    }
}

fn wrap(dict: &[u8], version: (u8, u8)) -> Result<Vec<u8>> {
    let lsize = length_field_size(version.0);
    let hlen = dict.len() + 1;
    let padlen = ARRAY_ALIGN - ((MAGIC_LEN + lsize + hlen) % ARRAY_ALIGN);
    let total = hlen + padlen;
    let mut out = Vec::with_capacity(MAGIC_LEN + lsize + total);
    out.extend_from_slice(MAGIC_PREFIX);
    out.push(version.0);
    out.push(version.1);
    if lsize == 2 {
        let n = u16::try_from(total).map_err(|_| {
            Error::value(format!(
                "Header length {total} too big for version=({}, {})",
                version.0, version.1
            ))
        })?;
        out.extend_from_slice(&n.to_le_bytes());
    } else {
        let n = u32::try_from(total).map_err(|_| Error::value("Header length too big"))?;
        out.extend_from_slice(&n.to_le_bytes());
    }
    out.extend_from_slice(dict);
    out.extend(std::iter::repeat_n(b' ', padlen));
    out.push(b'\n');
    Ok(out)
}

/// Python's `repr` of a tuple of ints.
fn shape_repr(shape: &[usize]) -> String {
    match shape {
        [] => "()".into(),
        [n] => format!("({n},)"),
        _ => {
            let parts: Vec<String> = shape.iter().map(|n| n.to_string()).collect();
            format!("({})", parts.join(", "))
        }
    }
}

enum Value {
    Str(String),
    Bool(bool),
    Tuple(Vec<usize>),
    /// A list (structured descr): recognised only to refuse it clearly.
    List,
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn skip_ws(&mut self) {
        while self.i < self.s.len() && matches!(self.s[self.i], b' ' | b'\t' | b'\n' | b'\r') {
            self.i += 1;
        }
    }
    fn peek(&mut self) -> Option<u8> {
        self.skip_ws();
        self.s.get(self.i).copied()
    }
    fn expect(&mut self, c: u8) -> Result<()> {
        if self.peek() == Some(c) {
            self.i += 1;
            Ok(())
        } else {
            Err(Error::value(format!(
                "expected {:?} at position {}",
                c as char, self.i
            )))
        }
    }
    fn dict(&mut self) -> Result<Vec<(String, Value)>> {
        self.expect(b'{')?;
        let mut items = Vec::new();
        loop {
            if self.peek() == Some(b'}') {
                self.i += 1;
                return Ok(items);
            }
            let key = self.string()?;
            if items.iter().any(|(k, _)| *k == key) {
                return Err(Error::value(format!("duplicate key '{key}'")));
            }
            self.expect(b':')?;
            let v = self.value()?;
            items.push((key, v));
            match self.peek() {
                Some(b',') => self.i += 1,
                Some(b'}') => {}
                _ => return Err(Error::value("expected ',' or '}'")),
            }
        }
    }
    fn string(&mut self) -> Result<String> {
        let q = match self.peek() {
            Some(q @ (b'\'' | b'"')) => q,
            _ => {
                return Err(Error::value(format!(
                    "expected a string at position {}",
                    self.i
                )))
            }
        };
        self.i += 1;
        let start = self.i;
        while self.i < self.s.len() && self.s[self.i] != q {
            if self.s[self.i] == b'\\' || self.s[self.i] == b'\n' {
                return Err(Error::value("escapes are not allowed in header strings"));
            }
            self.i += 1;
        }
        if self.i >= self.s.len() {
            return Err(Error::value("unterminated string"));
        }
        let v = String::from_utf8_lossy(&self.s[start..self.i]).into_owned();
        self.i += 1;
        Ok(v)
    }
    fn word(&mut self) -> &[u8] {
        self.skip_ws();
        let start = self.i;
        while self.i < self.s.len() && self.s[self.i].is_ascii_alphanumeric() {
            self.i += 1;
        }
        &self.s[start..self.i]
    }
    fn value(&mut self) -> Result<Value> {
        match self.peek() {
            Some(b'\'' | b'"') => Ok(Value::Str(self.string()?)),
            Some(b'(') => {
                self.i += 1;
                let mut dims = Vec::new();
                loop {
                    if self.peek() == Some(b')') {
                        self.i += 1;
                        return Ok(Value::Tuple(dims));
                    }
                    dims.push(self.int()?);
                    match self.peek() {
                        Some(b',') => self.i += 1,
                        Some(b')') if dims.len() > 1 => {}
                        Some(b')') => {
                            // `(3)` is an int in Python, not a tuple.
                            return Err(Error::value("shape must be a tuple"));
                        }
                        _ => return Err(Error::value("expected ',' or ')' in the shape")),
                    }
                }
            }
            Some(b'[') => {
                // Skip a balanced list; its content is never interpreted.
                let mut depth = 0usize;
                while self.i < self.s.len() {
                    match self.s[self.i] {
                        b'[' => depth += 1,
                        b']' => {
                            depth -= 1;
                            if depth == 0 {
                                self.i += 1;
                                return Ok(Value::List);
                            }
                        }
                        _ => {}
                    }
                    self.i += 1;
                }
                Err(Error::value("unterminated list"))
            }
            _ => match self.word() {
                b"True" => Ok(Value::Bool(true)),
                b"False" => Ok(Value::Bool(false)),
                w => Err(Error::value(format!(
                    "unexpected value {:?}",
                    String::from_utf8_lossy(w)
                ))),
            },
        }
    }
    fn int(&mut self) -> Result<usize> {
        let w = self.word().to_vec();
        let digits = w.strip_suffix(b"L").unwrap_or(&w);
        if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
            return Err(Error::value(format!(
                "shape entries must be non-negative integers, got {:?}",
                String::from_utf8_lossy(&w)
            )));
        }
        std::str::from_utf8(digits)
            .ok()
            .and_then(|s| s.parse::<usize>().ok())
            .filter(|&n| n <= isize::MAX as usize)
            .ok_or_else(|| Error::value("shape entry too large"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roundtrip_header() {
        for (shape, f) in [
            (vec![], false),
            (vec![3], false),
            (vec![2, 3], true),
            (vec![0, 5, 7], false),
        ] {
            let h = write_header("<f8", f, &shape, None).unwrap();
            assert_eq!(h.len() % ARRAY_ALIGN, 0);
            assert_eq!(read_magic(&h).unwrap(), (1, 0));
            let n = u16::from_le_bytes([h[8], h[9]]) as usize;
            assert_eq!(h.len(), 10 + n);
            let parsed = parse_header(&h[10..], 1).unwrap();
            assert_eq!(
                parsed,
                Header {
                    descr: "<f8".into(),
                    fortran_order: f,
                    shape
                }
            );
        }
    }

    #[test]
    fn numpy_bytes() {
        // np.lib.format.write_array_header_1_0 output for np.zeros((2, 3)).
        let h = write_header("<f8", false, &[2, 3], None).unwrap();
        let text = String::from_utf8(h[10..].to_vec()).unwrap();
        assert!(text.starts_with("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }"));
        assert!(text.ends_with(" \n"));
        assert_eq!(h.len(), 128);
    }

    #[test]
    fn bad_headers_are_value_errors() {
        for bad in [
            &b""[..],
            b"{",
            b"{'descr': '<f8'}",
            b"{'descr': '<f8', 'fortran_order': False, 'shape': (3), }",
            b"{'descr': '<f8', 'fortran_order': 0, 'shape': (3,), }",
            b"{'descr': '<f8', 'fortran_order': False, 'shape': (-3,), }",
            b"{'descr': '<f8', 'fortran_order': False, 'shape': (3,), 'x': 1}",
            b"{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999999999999999,), }",
            b"{'descr': '<f8', 'fortran_order': False, 'shape': (3,), } junk",
            b"__import__('os')",
        ] {
            let e = parse_header(bad, 1).unwrap_err();
            assert_eq!(e.kind(), crate::ErrorKind::Value, "{bad:?}");
        }
        assert!(read_magic(b"\x93NUMPY\x04\x00").is_err());
        assert!(read_magic(b"PK\x03\x04").is_err());
    }

    #[test]
    fn object_refused() {
        assert_eq!(
            descr_dtype("|O").unwrap_err().kind(),
            crate::ErrorKind::Value
        );
        assert!(descr_dtype(">i4").is_ok());
    }
}
