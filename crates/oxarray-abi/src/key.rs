//! Slot keys: the 64-bit pre-hash of a key string.
//!
//! A key string names an interface and its major version, `"<registrar>:<interface>@<major>"`
//! (e.g. `"oxarray:array@1"`). Its pre-hash is the low 64 bits of the string's MD5 digest:
//! the first 8 bytes of the digest read as a little-endian `u64`. MD5 is used as a
//! well-spread, universally available function, not for security: keys are public names.
//!
//! [`key_hash`] is a `const fn` so that keys are computed at compile time
//! (`const ARRAY_V1: u64 = key_hash("oxarray:array@1")`); [`key_hash_runtime`] computes the
//! same value with the `md-5` crate for keys only known at run time. The C header carries
//! the values of oxarray's own keys as literals, and a test checks them against both.

use md5::{Digest, Md5};

/// The pre-hash of a key string, computed at compile time where used in a `const`.
///
/// Equal to [`key_hash_runtime`] for every input (tested).
pub const fn key_hash(key: &str) -> u64 {
    let d = md5_const(key.as_bytes());
    u64::from_le_bytes([d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7]])
}

/// The pre-hash of a key string, computed with the `md-5` crate.
pub fn key_hash_runtime(key: &str) -> u64 {
    let d = Md5::digest(key.as_bytes());
    let mut b = [0u8; 8];
    b.copy_from_slice(&d[..8]);
    u64::from_le_bytes(b)
}

/// Per-round shift amounts of MD5 (RFC 1321).
const S: [u32; 64] = [
    7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9,
    14, 20, 5, 9, 14, 20, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 6, 10, 15,
    21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
];

/// `floor(abs(sin(i + 1)) * 2^32)` (RFC 1321).
const K: [u32; 64] = [
    0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
    0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
    0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
    0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
    0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
    0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
    0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
    0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
];

/// Byte `i` of the MD5-padded message (`msg`, `0x80`, zeros, bit length little-endian).
const fn padded_byte(msg: &[u8], total: usize, i: usize) -> u8 {
    let n = msg.len();
    if i < n {
        msg[i]
    } else if i == n {
        0x80
    } else if i >= total - 8 {
        let bits = (n as u64).wrapping_mul(8);
        (bits >> (8 * (i - (total - 8)))) as u8
    } else {
        0
    }
}

/// MD5 of `msg` (RFC 1321), as a `const fn` (loops only; no iterators in const context).
const fn md5_const(msg: &[u8]) -> [u8; 16] {
    let total = (msg.len() + 8) / 64 * 64 + 64;
    let mut a0: u32 = 0x67452301;
    let mut b0: u32 = 0xefcdab89;
    let mut c0: u32 = 0x98badcfe;
    let mut d0: u32 = 0x10325476;
    let mut chunk = 0;
    while chunk < total {
        let mut m = [0u32; 16];
        let mut w = 0;
        while w < 16 {
            let at = chunk + 4 * w;
            m[w] = u32::from_le_bytes([
                padded_byte(msg, total, at),
                padded_byte(msg, total, at + 1),
                padded_byte(msg, total, at + 2),
                padded_byte(msg, total, at + 3),
            ]);
            w += 1;
        }
        let (mut a, mut b, mut c, mut d) = (a0, b0, c0, d0);
        let mut i = 0;
        while i < 64 {
            let (f, g) = match i / 16 {
                0 => ((b & c) | (!b & d), i),
                1 => ((d & b) | (!d & c), (5 * i + 1) % 16),
                2 => (b ^ c ^ d, (3 * i + 5) % 16),
                _ => (c ^ (b | !d), (7 * i) % 16),
            };
            let f = f.wrapping_add(a).wrapping_add(K[i]).wrapping_add(m[g]);
            a = d;
            d = c;
            c = b;
            b = b.wrapping_add(f.rotate_left(S[i]));
            i += 1;
        }
        a0 = a0.wrapping_add(a);
        b0 = b0.wrapping_add(b);
        c0 = c0.wrapping_add(c);
        d0 = d0.wrapping_add(d);
        chunk += 64;
    }
    let (a, b, c, d) = (
        a0.to_le_bytes(),
        b0.to_le_bytes(),
        c0.to_le_bytes(),
        d0.to_le_bytes(),
    );
    [
        a[0], a[1], a[2], a[3], b[0], b[1], b[2], b[3], c[0], c[1], c[2], c[3], d[0], d[1], d[2],
        d[3],
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn const_md5_matches_the_md5_crate() {
        // Lengths around the 55/56/64-byte padding boundaries included.
        let mut s = String::new();
        for len in 0..200 {
            assert_eq!(key_hash(&s), key_hash_runtime(&s), "length {len}");
            s.push(char::from(b'a' + (len % 26) as u8));
        }
        for k in [
            "oxarray:array@1",
            "oxarray:ufunc@1",
            "x",
            "tinyarray:extra@3",
        ] {
            assert_eq!(key_hash(k), key_hash_runtime(k));
        }
    }

    #[test]
    fn known_md5_vector() {
        // RFC 1321 test suite: MD5("abc") = 900150983cd24fb0d6963f7d28e17f72.
        assert_eq!(
            md5_const(b"abc"),
            [
                0x90, 0x01, 0x50, 0x98, 0x3c, 0xd2, 0x4f, 0xb0, 0xd6, 0x96, 0x3f, 0x7d, 0x28, 0xe1,
                0x7f, 0x72
            ]
        );
        assert_eq!(key_hash("abc"), 0xb04fd23c98500190);
    }
}
