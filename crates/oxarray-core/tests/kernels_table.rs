//! The ufunc table: every loop NumPy lists (restricted to our dtypes) is implemented, in
//! NumPy's order, with NumPy's metadata.

use oxarray_core::kernels::{builtin_ufuncs, missing_loops};
use oxarray_core::ufunc::loops::{Identity, ResolverHint};
use oxarray_core::Scalar;

#[test]
fn every_table_loop_is_implemented() {
    assert_eq!(missing_loops(), Vec::<(&str, &str)>::new());
}

#[test]
fn metadata_matches_numpy() {
    let defs = builtin_ufuncs();
    let get = |n: &str| defs.iter().find(|d| d.name == n).unwrap();
    let add = get("add");
    assert_eq!((add.nin, add.nout), (2, 1));
    assert_eq!(add.identity, Identity::Value(Scalar::Int(0)));
    assert_eq!(add.resolver, ResolverHint::Uniform);
    let types: Vec<String> = add.loops.iter().map(|l| l.type_string(2)).collect();
    assert_eq!(
        types,
        [
            "??->?", "bb->b", "BB->B", "hh->h", "HH->H", "ii->i", "II->I", "ll->l", "LL->L",
            "ee->e", "ff->f", "dd->d", "FF->F", "DD->D"
        ]
    );
    assert_eq!(get("maximum").identity, Identity::ReorderableNone);
    assert_eq!(
        get("logical_and").identity,
        Identity::Value(Scalar::Bool(true))
    );
    assert_eq!(
        get("bitwise_and").identity,
        Identity::Value(Scalar::Int(-1))
    );
    assert_eq!(get("divide").resolver, ResolverHint::TrueDivide);
    assert_eq!(get("less").resolver, ResolverHint::Comparison);
    let less: Vec<String> = get("less").loops.iter().map(|l| l.type_string(2)).collect();
    assert!(less.contains(&"lL->?".to_string()) && less.contains(&"Ll->?".to_string()));
    let divmod = get("divmod");
    assert_eq!((divmod.nin, divmod.nout), (2, 2));
    assert_eq!(divmod.loops[0].type_string(2), "bb->bb");
    let m = get("matmul");
    assert_eq!(m.signature, Some("(n?,k),(k,m?)->(n?,m?)"));
    assert_eq!(m.loops.len(), 14);
    let abs: Vec<String> = get("absolute")
        .loops
        .iter()
        .map(|l| l.type_string(1))
        .collect();
    assert_eq!(abs.last().unwrap(), "D->d");
    assert!(defs
        .iter()
        .all(|d| !d.doc.is_empty() && !d.loops.is_empty()));
    // NumPy 2.2+'s vector gufuncs beside matmul.
    assert_eq!(get("vecdot").signature, Some("(n),(n)->()"));
    assert_eq!(get("matvec").signature, Some("(m,n),(n)->(m)"));
    assert_eq!(get("vecmat").signature, Some("(n),(n,m)->(m)"));
    assert_eq!(defs.len(), 89);
}
