//! The committed `include/oxarray.h` matches the Rust definitions.
//!
//! The header pins every size and offset with `OX_ASSERT_SIZE` / `OX_ASSERT_OFFSET` lines
//! (which every C compiler including it checks against the C structs). This test parses
//! those lines and checks them against `size_of` / `offset_of!` of the Rust structs, checks
//! that every Rust field is pinned, and checks the key and magic literals against MD5.

use std::collections::BTreeMap;
use std::mem::{offset_of, size_of};

use oxarray_abi::table::{SlotEntry, SlotTable, TABLE_MAGIC};
use oxarray_abi::view::{
    ArrayVTable, ArrayView, DLManagedTensorVersioned, DLTensor, TypeExt, UfuncVTable,
    TYPE_EXT_MAGIC,
};
use oxarray_abi::{key_hash_runtime, ABI_MAJOR, ABI_MINOR, HEADER_PATH};

/// `(C type, field or "" for the size, value)` for every Rust struct and field.
fn rust_layout() -> BTreeMap<(String, String), usize> {
    let mut m = BTreeMap::new();
    macro_rules! pin {
        ($c:literal, $t:ty, [$($f:ident),*]) => {
            m.insert(($c.to_string(), String::new()), size_of::<$t>());
            $( m.insert(($c.to_string(), stringify!($f).to_string()), offset_of!($t, $f)); )*
        };
    }
    pin!("OxSlotEntry", SlotEntry, [key, value]);
    pin!(
        "OxSlotTable",
        SlotTable,
        [magic, abi_major, abi_minor, n_keys, r, m_f, m_g, d, entries]
    );
    pin!("OxTypeExt", TypeExt, [magic, table]);
    pin!(
        "OxArrayView",
        ArrayView,
        [
            struct_size,
            ndim,
            data,
            shape,
            strides,
            kind,
            byteorder,
            readonly,
            reserved,
            itemsize,
            device_type,
            device_id,
            dtype,
            obj,
            vtable,
            internal
        ]
    );
    pin!(
        "OxArrayVTable",
        ArrayVTable,
        [
            abi_major,
            abi_minor,
            struct_size,
            fill_view,
            export_dlpack,
            from_view
        ]
    );
    pin!(
        "OxUfuncVTable",
        UfuncVTable,
        [abi_major, abi_minor, struct_size, call]
    );
    pin!(
        "OxDLTensor",
        DLTensor,
        [data, device, ndim, dtype, shape, strides, byte_offset]
    );
    pin!(
        "OxDLManagedTensorVersioned",
        DLManagedTensorVersioned,
        [version, manager_ctx, deleter, flags, dl_tensor]
    );
    m
}

fn header() -> String {
    std::fs::read_to_string(HEADER_PATH).expect("read include/oxarray.h")
}

/// `name(arg, arg, ...)` calls at the start of lines.
fn calls<'a>(text: &'a str, name: &str) -> Vec<Vec<&'a str>> {
    text.lines()
        .filter_map(|l| l.trim().strip_prefix(name))
        .filter_map(|rest| rest.strip_prefix('('))
        .filter_map(|rest| rest.split_once(");"))
        .map(|(args, _)| args.split(',').map(str::trim).collect())
        .collect()
}

fn define(text: &str, name: &str) -> String {
    let line = text
        .lines()
        .find(|l| l.starts_with("#define ") && l.split_whitespace().nth(1) == Some(name))
        .unwrap_or_else(|| panic!("#define {name} missing from oxarray.h"));
    line.split_whitespace().nth(2).expect("value").to_string()
}

fn define_u64(text: &str, name: &str) -> u64 {
    let v = define(text, name);
    let hex = v
        .strip_prefix("UINT64_C(0x")
        .and_then(|s| s.strip_suffix(')'))
        .unwrap_or_else(|| panic!("{name} is not UINT64_C(0x...): {v}"));
    u64::from_str_radix(hex, 16).expect("hex")
}

#[test]
fn header_layout_matches_rust() {
    let text = header();
    let rust = rust_layout();
    let mut pinned = BTreeMap::new();
    for args in calls(&text, "OX_ASSERT_SIZE") {
        if args[0] == "T" {
            continue; // the macro definition itself
        }
        pinned.insert(
            (args[0].to_string(), String::new()),
            args[1].parse::<usize>().unwrap(),
        );
    }
    for args in calls(&text, "OX_ASSERT_OFFSET") {
        if args[0] == "T" {
            continue;
        }
        pinned.insert(
            (args[0].to_string(), args[1].to_string()),
            args[2].parse::<usize>().unwrap(),
        );
    }
    assert!(pinned.len() > 40, "too few pins parsed: {}", pinned.len());
    for (k, v) in &pinned {
        assert_eq!(
            rust.get(k),
            Some(v),
            "header pins {k:?} = {v}, Rust has {:?}",
            rust.get(k)
        );
    }
    // Every Rust size and every offset other than 0 is pinned (offset 0 of the first
    // field is implied by C).
    for (k, v) in &rust {
        if k.1.is_empty() || *v != 0 {
            assert!(
                pinned.contains_key(k),
                "oxarray.h does not pin {k:?} (= {v})"
            );
        }
    }
}

#[test]
fn header_constants_match_rust() {
    let text = header();
    assert_eq!(define(&text, "OX_ABI_MAJOR"), ABI_MAJOR.to_string());
    assert_eq!(define(&text, "OX_ABI_MINOR"), ABI_MINOR.to_string());
    assert_eq!(
        define_u64(&text, "OX_KEY_ARRAY_V1"),
        key_hash_runtime("oxarray:array@1")
    );
    assert_eq!(
        define_u64(&text, "OX_KEY_ARRAY_V1"),
        oxarray_abi::KEY_ARRAY_V1
    );
    assert_eq!(
        define_u64(&text, "OX_KEY_UFUNC_V1"),
        key_hash_runtime("oxarray:ufunc@1")
    );
    assert_eq!(
        define_u64(&text, "OX_KEY_UFUNC_V1"),
        oxarray_abi::KEY_UFUNC_V1
    );
    assert_eq!(define_u64(&text, "OX_TABLE_MAGIC"), TABLE_MAGIC);
    assert_eq!(define_u64(&text, "OX_TYPE_EXT_MAGIC"), TYPE_EXT_MAGIC);
    assert_eq!(
        define(&text, "OX_CAPSULE_ATTR"),
        format!("\"{}\"", oxarray_abi::view::CAPSULE_ATTR)
    );
    assert_eq!(
        define(&text, "OX_CAPSULE_NAME"),
        format!("\"{}\"", oxarray_abi::view::CAPSULE_NAME.to_str().unwrap())
    );
    assert_eq!(
        define(&text, "OX_VIEW_WRITABLE"),
        oxarray_abi::view::VIEW_WRITABLE.to_string()
    );
    assert_eq!(
        define(&text, "OX_DEVICE_CPU"),
        oxarray_abi::view::DEVICE_CPU.to_string()
    );
}
