//! Python functions: random. One class, `_RandomCore`: a bit generator's state (plus
//! RandomState's cached Gaussian) and the fill loops of every distribution. The Python
//! classes of `oxarray.random` (`Generator`, `RandomState`, the bit generators) are thin
//! wrappers that hold one `_RandomCore` and a lock.

use oxarray_core::layout::Order;
use oxarray_core::random::bitgen::{Mt19937, Pcg64, Philox, Rng, Sfc64, MT_N};
use oxarray_core::random::{self as rnd, bounded, dist, seedseq, Cons, Param, State};
use oxarray_core::{Array, Builtin, DType};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyTuple};
use pyo3::IntoPyObjectExt;

use crate::convert::array_from_object;
use crate::dtype::to_dtype;
use crate::errors::CoreResultExt;
use crate::ndarray::{wrap, PyArray};

use super::dims_arg;

/// `SeedSequence` pool mixing.
#[pyfunction]
fn _seedseq_mix(pool_size: usize, entropy: Vec<u32>) -> Vec<u32> {
    seedseq::mix_entropy(pool_size, &entropy)
}

/// `SeedSequence.generate_state` as uint32 or uint64 words (an oxarray array).
#[pyfunction]
fn _seedseq_generate(
    py: Python<'_>,
    pool: Vec<u32>,
    n_words: usize,
    u64s: bool,
) -> PyResult<Py<PyAny>> {
    if u64s {
        let v = seedseq::generate_state_u64(&pool, n_words);
        vec_array(py, &v, Builtin::UInt64.dtype(), &[v.len()])
    } else {
        let v = seedseq::generate_state(&pool, n_words);
        vec_array(py, &v, Builtin::UInt32.dtype(), &[v.len()])
    }
}

/// Check NumPy's constraint `cons` on `values` (scalar wording for 0-d input).
#[pyfunction]
fn _random_check(values: &Bound<'_, PyAny>, name: &str, cons: u8) -> PyResult<()> {
    let (v, s) = read_as::<f64>(values, Builtin::Float64.dtype())?;
    rnd::check(&v, name, Cons::from_code(cons), s.is_empty()).map_err(PyValueError::new_err)
}

/// Select `Generator.binomial`'s BTPE variant: NumPy >= 2.5's corrected terms or older.
#[pyfunction]
fn _random_set_btpe_corrected(on: bool) {
    dist::set_btpe_corrected(on);
}

/// A new C-contiguous array of `dt` filled from a slice of the matching element type.
fn vec_array<T: Copy>(py: Python<'_>, v: &[T], dt: DType, shape: &[usize]) -> PyResult<Py<PyAny>> {
    let arr = new_array(shape, dt)?;
    // SAFETY: `arr` is a fresh C-contiguous array of `v.len()` elements of size_of::<T>().
    unsafe {
        std::ptr::copy_nonoverlapping(v.as_ptr(), arr.data_ptr() as *mut T, v.len());
    }
    wrap(py, arr)
}

fn new_array(shape: &[usize], dt: DType) -> PyResult<Array> {
    // SAFETY: every caller writes all elements before handing the array out.
    unsafe { Array::uninit(shape, dt, Order::C) }.py()
}

/// The elements of a fresh C-contiguous array as a mutable slice.
///
/// # Safety
/// `arr` must be C-contiguous, writeable, unshared, with elements of type `T`.
// An `Array` views shared raw memory (like NumPy's), so a `&Array` can hand out its
// elements mutably; the `# Safety` contract above makes that exclusive.
#[allow(clippy::mut_from_ref)]
unsafe fn slice_mut<T>(arr: &Array) -> &mut [T] {
    // SAFETY: forwarded to the caller.
    unsafe { std::slice::from_raw_parts_mut(arr.data_ptr() as *mut T, arr.size()) }
}

/// Read an array's elements (any layout, C order) as `T` after converting to `dt`.
fn read_as<T: Copy>(obj: &Bound<'_, PyAny>, dt: DType) -> PyResult<(Vec<T>, Vec<usize>)> {
    let a = array_from_object(obj, Some(dt))?;
    let mut v = Vec::with_capacity(a.size());
    // SAFETY: every pointer visited is an element of `a`, of dtype `dt` (type `T`).
    a.for_each_ptr(|p| v.push(unsafe { std::ptr::read_unaligned(p as *const T) }));
    Ok((v, a.shape().to_vec()))
}

fn broadcast_shape(shapes: &[&[usize]]) -> PyResult<Vec<usize>> {
    let nd = shapes.iter().map(|s| s.len()).max().unwrap_or(0);
    let mut out = vec![1usize; nd];
    for s in shapes {
        let lead = nd - s.len();
        for (k, &d) in s.iter().enumerate() {
            let o = &mut out[lead + k];
            if *o == 1 {
                *o = d;
            } else if d != 1 && d != *o {
                return Err(PyValueError::new_err(
                    "shape mismatch: objects cannot be broadcast to a single shape",
                ));
            }
        }
    }
    Ok(out)
}

fn params_for<'a, T>(
    data: &'a [(Vec<T>, Vec<usize>)],
    out_shape: &[usize],
) -> PyResult<Vec<Param<'a, T>>> {
    data.iter()
        .map(|(v, s)| {
            Param::new(v, s, out_shape).ok_or_else(|| {
                PyValueError::new_err(format!(
                    "Output size {:?} is not compatible with broadcast dimensions of inputs {:?}.",
                    out_shape, s
                ))
            })
        })
        .collect()
}

type ParamSpec<'py> = (Bound<'py, PyAny>, String, u8);

fn check_all(
    vals: &[(Vec<f64>, Vec<usize>)],
    specs: &[ParamSpec<'_>],
    scalar: bool,
) -> PyResult<()> {
    for ((v, _), (_, name, cons)) in vals.iter().zip(specs) {
        rnd::check(v, name, Cons::from_code(*cons), scalar).map_err(PyValueError::new_err)?;
    }
    Ok(())
}

fn size_arg(size: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Vec<usize>>> {
    match size {
        None => Ok(None),
        Some(s) if s.is_none() => Ok(None),
        Some(s) => dims_arg(s).map(Some),
    }
}

#[pyclass(name = "_RandomCore", module = "oxarray._core")]
pub struct RandomCore {
    st: State,
}

fn kind_name(r: &Rng) -> &'static str {
    match r {
        Rng::Pcg64(g) if g.dxsm => "PCG64DXSM",
        Rng::Pcg64(_) => "PCG64",
        Rng::Mt19937(_) => "MT19937",
        Rng::Philox(_) => "Philox",
        Rng::Sfc64(_) => "SFC64",
    }
}

impl RandomCore {
    fn run<R: Send>(
        &mut self,
        py: Python<'_>,
        n: usize,
        f: impl FnOnce(&mut State) -> R + Send,
    ) -> R {
        let st = &mut self.st;
        // A draw costs more than copying its 8 bytes: 16 bytes of work each.
        crate::exec::detach(py, n.saturating_mul(16), move || f(st))
    }
}

#[pymethods]
impl RandomCore {
    /// A generator of `kind` with an all-zero state (seed it next).
    #[new]
    fn new(kind: &str) -> PyResult<Self> {
        let rng = match kind {
            "PCG64" => Rng::Pcg64(Pcg64::default()),
            "PCG64DXSM" => Rng::Pcg64(Pcg64 {
                dxsm: true,
                ..Pcg64::default()
            }),
            "MT19937" => Rng::Mt19937(Box::default()),
            "Philox" => Rng::Philox(Philox::new([0; 4], [0; 2])),
            "SFC64" => Rng::Sfc64(Sfc64::default()),
            _ => {
                return Err(PyValueError::new_err(format!(
                    "unknown bit generator {kind}"
                )))
            }
        };
        Ok(RandomCore {
            st: State::new(rng),
        })
    }

    #[getter]
    fn kind(&self) -> &'static str {
        kind_name(&self.st.rng)
    }

    /// Seed from SeedSequence words (uint64 for PCG64/SFC64/Philox key, uint32 for MT19937).
    fn seed_words(&mut self, words: Vec<u64>) -> PyResult<()> {
        let bad = || PyValueError::new_err("wrong number of seed words");
        match &mut self.st.rng {
            Rng::Pcg64(g) => {
                let w: [u64; 4] = words.try_into().map_err(|_| bad())?;
                *g = Pcg64::seeded(&w, g.dxsm);
            }
            Rng::Sfc64(g) => {
                let w: [u64; 3] = words.try_into().map_err(|_| bad())?;
                *g = Sfc64::seeded(&w);
            }
            Rng::Philox(g) => {
                let w: [u64; 2] = words.try_into().map_err(|_| bad())?;
                *g = Philox::new([0; 4], w);
            }
            Rng::Mt19937(g) => {
                if words.len() != MT_N {
                    return Err(bad());
                }
                g.key[0] = 0x80000000;
                for (k, w) in g.key.iter_mut().zip(&words).skip(1) {
                    *k = *w as u32;
                }
                // NumPy sets `pos = i` after `for i in range(1, 624)`: 623.
                g.pos = MT_N - 1;
            }
        }
        self.st.has_gauss = false;
        self.st.gauss = 0.0;
        Ok(())
    }

    /// MT19937 legacy seeding: `mt19937_seed(seed)`.
    fn mt_seed(&mut self, seed: u32) {
        self.st.rng = Rng::Mt19937(Box::new(Mt19937::seed_u32(seed)));
        self.st.has_gauss = false;
        self.st.gauss = 0.0;
    }

    /// MT19937 legacy seeding: `mt19937_init_by_array(keys)`.
    fn mt_seed_array(&mut self, keys: Vec<u32>) {
        self.st.rng = Rng::Mt19937(Box::new(Mt19937::seed_by_array(&keys)));
        self.st.has_gauss = false;
        self.st.gauss = 0.0;
    }

    /// The raw state as a tuple (layout per kind; see `oxarray/random/_bitgen.py`).
    fn get_state<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        match &self.st.rng {
            Rng::Pcg64(g) => (g.state, g.inc, g.has_uint32 as i64, g.uinteger).into_pyobject(py),
            Rng::Mt19937(g) => (g.key.to_vec(), g.pos).into_pyobject(py),
            Rng::Philox(g) => (
                g.ctr.to_vec(),
                g.key.to_vec(),
                g.buffer.to_vec(),
                g.buffer_pos,
                g.has_uint32 as i64,
                g.uinteger,
            )
                .into_pyobject(py),
            Rng::Sfc64(g) => (g.s.to_vec(), g.has_uint32 as i64, g.uinteger).into_pyobject(py),
        }
    }

    fn set_pcg_state(
        &mut self,
        state: u128,
        inc: u128,
        has_uint32: bool,
        uinteger: u32,
    ) -> PyResult<()> {
        let Rng::Pcg64(g) = &mut self.st.rng else {
            return Err(PyTypeError::new_err("not a PCG64 state"));
        };
        g.state = state;
        g.inc = inc;
        g.has_uint32 = has_uint32;
        g.uinteger = uinteger;
        Ok(())
    }

    fn set_mt_state(&mut self, key: Vec<u32>, pos: usize) -> PyResult<()> {
        let Rng::Mt19937(g) = &mut self.st.rng else {
            return Err(PyTypeError::new_err("not an MT19937 state"));
        };
        if key.len() != MT_N {
            return Err(PyValueError::new_err("state key must have 624 elements"));
        }
        if pos > MT_N {
            return Err(PyValueError::new_err("state pos must be at most 624"));
        }
        g.key.copy_from_slice(&key);
        g.pos = pos;
        Ok(())
    }

    fn set_philox_state(
        &mut self,
        ctr: [u64; 4],
        key: [u64; 2],
        buffer: [u64; 4],
        buffer_pos: usize,
        has_uint32: bool,
        uinteger: u32,
    ) -> PyResult<()> {
        let Rng::Philox(g) = &mut self.st.rng else {
            return Err(PyTypeError::new_err("not a Philox state"));
        };
        if buffer_pos > 4 {
            return Err(PyValueError::new_err("buffer_pos must be at most 4"));
        }
        *g = Philox {
            ctr,
            key,
            buffer,
            buffer_pos,
            has_uint32,
            uinteger,
        };
        Ok(())
    }

    fn set_sfc_state(&mut self, s: [u64; 4], has_uint32: bool, uinteger: u32) -> PyResult<()> {
        let Rng::Sfc64(g) = &mut self.st.rng else {
            return Err(PyTypeError::new_err("not an SFC64 state"));
        };
        *g = Sfc64 {
            s,
            has_uint32,
            uinteger,
        };
        Ok(())
    }

    /// RandomState's cached Gaussian.
    fn get_gauss(&self) -> (bool, f64) {
        (self.st.has_gauss, self.st.gauss)
    }

    fn set_gauss(&mut self, has_gauss: bool, gauss: f64) {
        self.st.has_gauss = has_gauss;
        self.st.gauss = gauss;
    }

    /// PCG64 advance by `delta` (mod 2**128); Philox advance by a 256-bit step (4 words).
    fn advance(&mut self, words: Vec<u64>) -> PyResult<()> {
        match &mut self.st.rng {
            Rng::Pcg64(g) => {
                let d = ((words[0] as u128) << 64) | words[1] as u128;
                g.advance(d);
            }
            Rng::Philox(g) => {
                let w: [u64; 4] = words
                    .try_into()
                    .map_err(|_| PyValueError::new_err("step must have 4 words"))?;
                g.advance(&w);
            }
            _ => return Err(PyTypeError::new_err("advance is not supported")),
        }
        Ok(())
    }

    /// Jump `n` times (MT19937: 2**128 draws each; Philox: 2**128 draws each).
    fn jump(&mut self, py: Python<'_>, n: usize) -> PyResult<()> {
        match &mut self.st.rng {
            Rng::Mt19937(g) => py.detach(|| (0..n).for_each(|_| g.jump())),
            Rng::Philox(g) => {
                (0..n).for_each(|_| g.jump());
                g.reset_buffers();
            }
            _ => return Err(PyTypeError::new_err("jump is not supported")),
        }
        Ok(())
    }

    /// `n` raw outputs as a uint64 array of `shape`, or one Python int when `shape` is None.
    #[pyo3(signature = (size=None))]
    fn random_raw(
        &mut self,
        py: Python<'_>,
        size: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let Some(shape) = size_arg(size)? else {
            return self.st.rng.next_raw().into_py_any(py);
        };
        let arr = new_array(&shape, Builtin::UInt64.dtype())?;
        // SAFETY: fresh uint64 array.
        let out = unsafe { slice_mut::<u64>(&arr) };
        let n = out.len();
        self.run(py, n, |st| {
            out.iter_mut().for_each(|o| *o = st.rng.next_raw())
        });
        wrap(py, arr)
    }

    /// A continuous distribution over broadcast parameters `(value, name, constraint)`.
    /// Returns a Python float when every parameter is a scalar and `size` is None.
    #[pyo3(signature = (name, params, size=None))]
    fn cont(
        &mut self,
        py: Python<'_>,
        name: &str,
        params: Vec<ParamSpec<'_>>,
        size: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let k = rnd::cont_kernel(name)
            .ok_or_else(|| PyValueError::new_err(format!("unknown distribution {name}")))?;
        let f64dt = Builtin::Float64.dtype();
        let vals: Vec<(Vec<f64>, Vec<usize>)> = params
            .iter()
            .map(|(o, _, _)| read_as::<f64>(o, f64dt))
            .collect::<PyResult<_>>()?;
        let scalar = vals.iter().all(|(_, s)| s.is_empty());
        check_all(&vals, &params, scalar)?;
        let size = size_arg(size)?;
        if scalar && size.is_none() {
            let p: Vec<f64> = vals.iter().map(|(v, _)| v[0]).collect();
            return k(&mut self.st, &p).into_py_any(py);
        }
        let shape = match size {
            Some(s) => s,
            None => broadcast_shape(&vals.iter().map(|(_, s)| s.as_slice()).collect::<Vec<_>>())?,
        };
        let ps = params_for(&vals, &shape)?;
        let arr = new_array(&shape, f64dt)?;
        // SAFETY: fresh float64 array.
        let out = unsafe { slice_mut::<f64>(&arr) };
        let n = out.len();
        let scalars: Option<Vec<f64>> = ps
            .iter()
            .map(|p| (p.data.len() == 1).then(|| p.data[0]))
            .collect();
        self.run(py, n, |st| {
            let done = scalars.is_some_and(|v| rnd::fill_fast(st, name, &v, out));
            if !done {
                rnd::fill_cont(st, k, &ps, &shape, out)
            }
        });
        wrap(py, arr)
    }

    /// Fill an existing C-contiguous float64/float32 array (`out=`) with a parameterless
    /// distribution: random, standard_normal, standard_exponential(_inv), standard_gamma.
    #[pyo3(signature = (name, out, param=0.0))]
    fn fill_out(
        &mut self,
        py: Python<'_>,
        name: &str,
        out: &Bound<'_, PyArray>,
        param: f64,
    ) -> PyResult<()> {
        let arr = out.borrow().arr.clone();
        if !arr.is_c_contiguous() || !arr.is_writeable() {
            return Err(PyValueError::new_err(
                "Supplied output array is not contiguous, writable or aligned.",
            ));
        }
        let n = arr.size();
        match arr.dtype().builtin {
            Some(Builtin::Float64) => {
                let k = rnd::cont_kernel(name)
                    .ok_or_else(|| PyValueError::new_err(format!("unknown distribution {name}")))?;
                // SAFETY: checked C-contiguous writeable float64 array; the caller's lock
                // serialises writers through this generator.
                let o = unsafe { slice_mut::<f64>(&arr) };
                let p = [param];
                self.run(py, n, |st| o.iter_mut().for_each(|x| *x = k(st, &p)));
            }
            Some(Builtin::Float32) => {
                let k = f32_kernel(name)?;
                // SAFETY: as above, float32.
                let o = unsafe { slice_mut::<f32>(&arr) };
                let p = param as f32;
                self.run(py, n, |st| o.iter_mut().for_each(|x| *x = k(st, p)));
            }
            _ => {
                return Err(PyTypeError::new_err(
                    "Supplied output array has the wrong type. Expected float64 or float32",
                ))
            }
        }
        Ok(())
    }

    /// A float32 distribution (random, standard_normal, standard_exponential(_inv),
    /// standard_gamma) of `shape`, or one value when `size` is None and `param` is a scalar.
    #[pyo3(signature = (name, size=None, param=None))]
    fn cont_f32(
        &mut self,
        py: Python<'_>,
        name: &str,
        size: Option<&Bound<'_, PyAny>>,
        param: Option<ParamSpec<'_>>,
    ) -> PyResult<Py<PyAny>> {
        let k = f32_kernel(name)?;
        let f32dt = Builtin::Float32.dtype();
        let pv = match &param {
            Some((o, pname, cons)) => {
                let (v, s) = read_as::<f32>(o, f32dt)?;
                let dv: Vec<f64> = v.iter().map(|&x| x as f64).collect();
                rnd::check(&dv, pname, Cons::from_code(*cons), s.is_empty())
                    .map_err(PyValueError::new_err)?;
                (v, s)
            }
            None => (vec![0.0f32], vec![]),
        };
        let size = size_arg(size)?;
        if pv.1.is_empty() && size.is_none() {
            // NumPy returns the C float as a Python float here.
            return (k(&mut self.st, pv.0[0]) as f64).into_py_any(py);
        }
        let shape = size.unwrap_or_else(|| pv.1.clone());
        let p = Param::new(&pv.0, &pv.1, &shape).ok_or_else(|| {
            PyValueError::new_err("size is not compatible with the shape of the parameter")
        })?;
        let arr = new_array(&shape, f32dt)?;
        // SAFETY: fresh float32 array.
        let out = unsafe { slice_mut::<f32>(&arr) };
        let n = out.len();
        self.run(py, n, |st| {
            if p.data.len() == 1 && name == "standard_normal" {
                oxarray_core::with_source!(&mut st.rng, g => out
                    .iter_mut()
                    .for_each(|x| *x = dist::standard_normal_f(g)));
            } else if p.data.len() == 1 && name == "random" {
                oxarray_core::with_source!(&mut st.rng, g => out
                    .iter_mut()
                    .for_each(|x| *x = rnd::Source::next_float(g)));
            } else if p.data.len() == 1 {
                let a = p.data[0];
                out.iter_mut().for_each(|x| *x = k(st, a));
            } else {
                let data64: Vec<f64> = p.data.iter().map(|&x| x as f64).collect();
                let p64 = Param {
                    data: &data64,
                    strides: p.strides.clone(),
                };
                let mut i = 0usize;
                walk_f32(&shape, &p64, |v| {
                    out[i] = k(st, v as f32);
                    i += 1;
                });
            }
        });
        wrap(py, arr)
    }

    /// A discrete distribution: double parameters, then int64 parameters.
    #[pyo3(signature = (name, dparams, iparams, size=None))]
    fn disc(
        &mut self,
        py: Python<'_>,
        name: &str,
        dparams: Vec<ParamSpec<'_>>,
        iparams: Vec<ParamSpec<'_>>,
        size: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let k = rnd::disc_kernel(name)
            .ok_or_else(|| PyValueError::new_err(format!("unknown distribution {name}")))?;
        let dvals: Vec<(Vec<f64>, Vec<usize>)> = dparams
            .iter()
            .map(|(o, _, _)| read_as::<f64>(o, Builtin::Float64.dtype()))
            .collect::<PyResult<_>>()?;
        let ivals: Vec<(Vec<i64>, Vec<usize>)> = iparams
            .iter()
            .map(|(o, _, _)| read_as::<i64>(o, Builtin::Int64.dtype()))
            .collect::<PyResult<_>>()?;
        let scalar =
            dvals.iter().all(|(_, s)| s.is_empty()) && ivals.iter().all(|(_, s)| s.is_empty());
        check_all(&dvals, &dparams, scalar)?;
        let ivals_f: Vec<(Vec<f64>, Vec<usize>)> = ivals
            .iter()
            .map(|(v, s)| (v.iter().map(|&x| x as f64).collect(), s.clone()))
            .collect();
        check_all(&ivals_f, &iparams, scalar)?;
        let size = size_arg(size)?;
        if scalar && size.is_none() {
            let dv: Vec<f64> = dvals.iter().map(|(v, _)| v[0]).collect();
            let iv: Vec<i64> = ivals.iter().map(|(v, _)| v[0]).collect();
            return k(&mut self.st, &dv, &iv).into_py_any(py);
        }
        let shape = match size {
            Some(s) => s,
            None => {
                let mut shapes: Vec<&[usize]> = dvals.iter().map(|(_, s)| s.as_slice()).collect();
                shapes.extend(ivals.iter().map(|(_, s)| s.as_slice()));
                broadcast_shape(&shapes)?
            }
        };
        let dps = params_for(&dvals, &shape)?;
        let ips = params_for(&ivals, &shape)?;
        let arr = new_array(&shape, Builtin::Int64.dtype())?;
        // SAFETY: fresh int64 array.
        let out = unsafe { slice_mut::<i64>(&arr) };
        let n = out.len();
        let dscal: Option<Vec<f64>> = dps
            .iter()
            .map(|p| (p.data.len() == 1).then(|| p.data[0]))
            .collect();
        let iscal: Option<Vec<i64>> = ips
            .iter()
            .map(|p| (p.data.len() == 1).then(|| p.data[0]))
            .collect();
        self.run(py, n, |st| {
            let done = match (&dscal, &iscal) {
                (Some(d), Some(i)) => rnd::fill_fast_disc(st, name, d, i, out),
                _ => false,
            };
            if !done {
                rnd::fill_disc(st, k, &dps, &ips, &shape, out)
            }
        });
        wrap(py, arr)
    }

    /// Bounded integers with one `(off, rng)` (values in `[off, off + rng]`, wrapping),
    /// as an array of `dtype` and `shape`.
    fn bounded(
        &mut self,
        py: Python<'_>,
        dtype: &Bound<'_, PyAny>,
        off: u64,
        rng: u64,
        masked: bool,
        size: &Bound<'_, PyAny>,
    ) -> PyResult<Py<PyAny>> {
        let dt = to_dtype(dtype)?;
        let shape = dims_arg(size)?;
        let (w, arr) = int_out(dt, &shape)?;
        let n = arr.size();
        let base = arr.data_ptr() as usize;
        let isz = dt.itemsize;
        self.run(py, n, move |st| {
            oxarray_core::with_source!(&mut st.rng, g => match isz {
                8 => bounded::fill(g, w, off, rng, masked, n, |i, v| {
                    // SAFETY: `i < n`; fresh C-contiguous 8-byte elements.
                    unsafe { store(base as *mut u8, i, 8, v) }
                }),
                _ => bounded::fill(g, w, off, rng, masked, n, |i, v| {
                    // SAFETY: `i < n`; fresh C-contiguous elements of `isz` bytes.
                    unsafe { store(base as *mut u8, i, isz, v) }
                }),
            })
        });
        wrap(py, arr)
    }

    /// Bounded integers with broadcast `(off, rng)` arrays, drawn element by element.
    fn bounded_broadcast(
        &mut self,
        py: Python<'_>,
        dtype: &Bound<'_, PyAny>,
        off: Vec<u64>,
        off_shape: Vec<usize>,
        rng: Vec<u64>,
        rng_shape: Vec<usize>,
        masked: bool,
        size: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let dt = to_dtype(dtype)?;
        let shape = match size_arg(size)? {
            Some(s) => s,
            None => broadcast_shape(&[&off_shape, &rng_shape])?,
        };
        let data = [(off, off_shape), (rng, rng_shape)];
        let ps = params_for(&data, &shape)?;
        let (w, arr) = int_out(dt, &shape)?;
        let base = arr.data_ptr() as usize;
        let isz = dt.itemsize;
        let n = arr.size();
        self.run(py, n, |st| {
            rnd::fill_bounded_broadcast(st, w, masked, &ps[0], &ps[1], &shape, |i, v| {
                // SAFETY: `i` indexes the fresh C-contiguous output.
                unsafe { store(base as *mut u8, i, isz, v) }
            })
        });
        wrap(py, arr)
    }

    /// The Fisher-Yates swap targets used by shuffle: for i = n-1 .. first,
    /// j = random_interval(i) (`lemire`: `random_bounded_uint64(0, i)` instead);
    /// applied to `perm` in place (an int64 array).
    #[pyo3(signature = (perm, first=1, lemire=false))]
    fn shuffle_int(
        &mut self,
        py: Python<'_>,
        perm: &Bound<'_, PyArray>,
        first: usize,
        lemire: bool,
    ) -> PyResult<()> {
        let arr = perm.borrow().arr.clone();
        if !arr.is_c_contiguous() || arr.dtype().builtin != Some(Builtin::Int64) {
            return Err(PyTypeError::new_err(
                "shuffle_int needs a contiguous int64 array",
            ));
        }
        // SAFETY: checked contiguous int64; the caller holds the generator lock.
        let d = unsafe { slice_mut::<i64>(&arr) };
        let n = d.len();
        self.run(py, n, |st| shuffle_slice(&mut st.rng, d, first, lemire));
        Ok(())
    }

    /// Floyd's algorithm of `Generator.choice(replace=False)` (then an optional shuffle).
    fn choice_floyd(
        &mut self,
        py: Python<'_>,
        pop_size: u64,
        size: usize,
        shuffle: bool,
    ) -> PyResult<Py<PyAny>> {
        let mut idx = vec![0i64; size];
        let st = &mut self.st;
        let set_size = (1.2 * size as f64) as u64;
        let mask = dist::gen_mask(set_size);
        let set_size = 1 + mask;
        let mut hash_set = vec![u64::MAX; set_size as usize];
        let lo = pop_size - size as u64;
        for j in lo..pop_size {
            let val = bounded::one(
                &mut st.rng,
                bounded::Width::W64,
                0,
                j,
                false,
                &mut Default::default(),
            );
            let mut loc = val & mask;
            while hash_set[loc as usize] != u64::MAX && hash_set[loc as usize] != val {
                loc = (loc + 1) & mask;
            }
            if hash_set[loc as usize] == u64::MAX {
                hash_set[loc as usize] = val;
                idx[(j - lo) as usize] = val as i64;
            } else {
                loc = j & mask;
                while hash_set[loc as usize] != u64::MAX {
                    loc = (loc + 1) & mask;
                }
                hash_set[loc as usize] = j;
                idx[(j - lo) as usize] = j as i64;
            }
        }
        if shuffle {
            shuffle_slice(&mut st.rng, &mut idx, 1, true);
        }
        vec_array(py, &idx, Builtin::Int64.dtype(), &[size])
    }

    /// Indices from a probability vector: cumsum, normalise, `searchsorted(u, 'right')`
    /// for `n` uniform draws (`Generator.choice(p=...)`, RandomState's too).
    fn choice_cdf(
        &mut self,
        py: Python<'_>,
        p: Vec<f64>,
        size: &Bound<'_, PyAny>,
    ) -> PyResult<Py<PyAny>> {
        let shape = dims_arg(size)?;
        let cdf = cdf_of(&p);
        let arr = new_array(&shape, Builtin::Int64.dtype())?;
        // SAFETY: fresh int64 array.
        let out = unsafe { slice_mut::<i64>(&arr) };
        let n = out.len();
        self.run(py, n, |st| {
            for o in out.iter_mut() {
                let u = st.rng.next_double();
                *o = search_right(&cdf, u) as i64;
            }
        });
        wrap(py, arr)
    }

    /// `Generator.choice(replace=False, p=...)`: NumPy's repeated-draw loop.
    fn choice_p_noreplace(
        &mut self,
        py: Python<'_>,
        p: Vec<f64>,
        size: usize,
    ) -> PyResult<Py<PyAny>> {
        let mut p = p;
        let mut found = vec![0i64; size];
        let mut n_uniq = 0usize;
        while n_uniq < size {
            let k = size - n_uniq;
            let x: Vec<f64> = (0..k).map(|_| self.st.rng.next_double()).collect();
            if n_uniq > 0 {
                for &f in &found[..n_uniq] {
                    p[f as usize] = 0.0;
                }
            }
            let cdf = cdf_of(&p);
            let new: Vec<i64> = x.iter().map(|&u| search_right(&cdf, u) as i64).collect();
            // np.unique(new, return_index=True): first occurrence of each value; sorting
            // those indices keeps the order of first appearance.
            let mut seen = std::collections::HashSet::new();
            let mut uniq = Vec::new();
            for &v in &new {
                if seen.insert(v) {
                    uniq.push(v);
                }
            }
            for (j, v) in uniq.iter().enumerate() {
                found[n_uniq + j] = *v;
            }
            n_uniq += uniq.len();
        }
        vec_array(py, &found, Builtin::Int64.dtype(), &[size])
    }

    /// `multinomial`: `n` (int64 per row), `pvals` of length d → (rows, d). With `prow`,
    /// row `r` uses the probabilities `pvals[prow[r]*d ..][..d]` (2-D pvals).
    #[pyo3(signature = (n, pvals, legacy, d=None, prow=None))]
    fn multinomial(
        &mut self,
        py: Python<'_>,
        n: Vec<i64>,
        pvals: Vec<f64>,
        legacy: bool,
        d: Option<usize>,
        prow: Option<Vec<usize>>,
    ) -> PyResult<Py<PyAny>> {
        let d = d.unwrap_or(pvals.len());
        let rows = n.len();
        let mut out = vec![0i64; rows * d];
        let State { rng, binomial, .. } = &mut self.st;
        for (r, &ni) in n.iter().enumerate() {
            let pi = prow.as_ref().map_or(0, |v| v[r]) * d;
            let p = pvals
                .get(pi..pi + d)
                .ok_or_else(|| PyValueError::new_err("pvals row out of range"))?;
            dist::multinomial(rng, ni, &mut out[r * d..(r + 1) * d], p, binomial, legacy);
        }
        vec_array(py, &out, Builtin::Int64.dtype(), &[rows * d])
    }

    /// `dirichlet` for `rows` draws of alpha (NumPy's two algorithms; `legacy`: RandomState).
    fn dirichlet(
        &mut self,
        py: Python<'_>,
        alpha: Vec<f64>,
        rows: usize,
        legacy: bool,
    ) -> PyResult<Py<PyAny>> {
        let k = alpha.len();
        let mut out = vec![0.0f64; rows * k];
        let st = &mut self.st;
        let small = alpha
            .iter()
            .fold(f64::NEG_INFINITY, |m, &a| if a > m { a } else { m })
            < 0.1;
        for r in 0..rows {
            let row = &mut out[r * k..(r + 1) * k];
            if legacy {
                let mut acc = 0.0;
                for j in 0..k {
                    row[j] = st.legacy().standard_gamma(alpha[j]);
                    acc += row[j];
                }
                let invacc = 1.0 / acc;
                for v in row.iter_mut() {
                    *v *= invacc;
                }
            } else if small {
                if alpha.iter().rev().fold(0.0, |c, &a| c + a) <= 0.0 {
                    continue;
                }
                // Stick breaking with beta draws (alpha_csum from the right).
                let mut alpha_csum = vec![0.0; k];
                let mut csum = 0.0;
                for j in (0..k).rev() {
                    csum += alpha[j];
                    alpha_csum[j] = csum;
                }
                let mut acc = 1.0;
                for j in 0..k - 1 {
                    let v = dist::beta(&mut st.rng, alpha[j], alpha_csum[j + 1]);
                    row[j] = acc * v;
                    acc *= 1.0 - v;
                    if alpha_csum[j + 1] == 0.0 {
                        break;
                    }
                }
                row[k - 1] = acc;
            } else {
                let mut acc = 0.0;
                for j in 0..k {
                    row[j] = dist::standard_gamma(&mut st.rng, alpha[j]);
                    acc += row[j];
                }
                let invacc = 1.0 / acc;
                for v in row.iter_mut() {
                    *v *= invacc;
                }
            }
        }
        vec_array(py, &out, Builtin::Float64.dtype(), &[rows * k])
    }

    /// `multivariate_hypergeometric`: `rows` draws of `colors` (count or marginals method).
    fn mvhg(
        &mut self,
        py: Python<'_>,
        colors: Vec<i64>,
        nsample: i64,
        rows: usize,
        marginals: bool,
    ) -> PyResult<Py<PyAny>> {
        let total: i64 = colors.iter().sum();
        let nc = colors.len();
        let mut out = vec![0i64; rows * nc];
        let st = &mut self.st;
        oxarray_core::with_source!(&mut st.rng, g => if marginals {
            rnd::legacy::mvhg_marginals(g, total, &colors, nsample, &mut out)
        } else {
            rnd::legacy::mvhg_count(g, total, &colors, nsample, &mut out)
        });
        vec_array(py, &out, Builtin::Int64.dtype(), &[rows * nc])
    }

    /// `random_interval(max)` once (legacy `tomaxint`-style helpers).
    fn interval(&mut self, max: u64) -> u64 {
        dist::interval(&mut self.st.rng, max)
    }

    /// `length` random bytes: uint32 draws, little-endian, truncated (`bytes`).
    fn bytes<'py>(&mut self, py: Python<'py>, length: usize) -> Bound<'py, PyBytes> {
        let n = if length == 0 { 0 } else { (length - 1) / 4 + 1 };
        let mut v = Vec::with_capacity(n * 4);
        for _ in 0..n {
            v.extend_from_slice(&self.st.rng.next_u32().to_le_bytes());
        }
        v.truncate(length);
        PyBytes::new(py, &v)
    }

    /// A deep copy (for `jumped` and pickling).
    fn copy(&self) -> RandomCore {
        RandomCore {
            st: self.st.clone(),
        }
    }
}

type F32Fn = fn(&mut State, f32) -> f32;

fn f32_kernel(name: &str) -> PyResult<F32Fn> {
    Ok(match name {
        "random" => |s, _| s.rng.next_float(),
        "standard_normal" => |s, _| dist::standard_normal_f(&mut s.rng),
        "standard_exponential" => |s, _| dist::standard_exponential_f(&mut s.rng),
        "standard_exponential_inv" => |s, _| dist::standard_exponential_inv_f(&mut s.rng),
        "standard_gamma" => |s, a| dist::standard_gamma_f(&mut s.rng, a),
        _ => {
            return Err(PyValueError::new_err(format!(
                "unknown float32 distribution {name}"
            )))
        }
    })
}

fn walk_f32(shape: &[usize], p: &Param<'_, f64>, mut f: impl FnMut(f64)) {
    let n: usize = shape.iter().product();
    let nd = shape.len();
    let mut idx = vec![0usize; nd];
    let mut off = 0usize;
    for _ in 0..n {
        f(p.data[off]);
        let mut k = nd;
        while k > 0 {
            k -= 1;
            idx[k] += 1;
            off += p.strides[k];
            if idx[k] < shape[k] {
                break;
            }
            off -= p.strides[k] * shape[k];
            idx[k] = 0;
        }
    }
}

fn shuffle_slice(r: &mut Rng, d: &mut [i64], first: usize, lemire: bool) {
    oxarray_core::with_source!(r, g => shuffle_slice_g(g, d, first, lemire))
}

fn shuffle_slice_g<R: rnd::Source>(r: &mut R, d: &mut [i64], first: usize, lemire: bool) {
    let n = d.len();
    let mut b = bounded::Buf::default();
    for i in (first..n).rev() {
        let j = if lemire {
            bounded::one(r, bounded::Width::W64, 0, i as u64, false, &mut b)
        } else {
            dist::interval(r, i as u64)
        } as usize;
        d.swap(i, j);
    }
}

fn cdf_of(p: &[f64]) -> Vec<f64> {
    let mut cdf = Vec::with_capacity(p.len());
    let mut acc = 0.0;
    for &x in p {
        acc += x;
        cdf.push(acc);
    }
    if let Some(&last) = cdf.last() {
        for c in cdf.iter_mut() {
            *c /= last;
        }
    }
    cdf
}

/// `searchsorted(side='right')`: the first index whose value is greater than `u`.
fn search_right(cdf: &[f64], u: f64) -> usize {
    cdf.partition_point(|&c| c <= u)
}

fn int_out(dt: DType, shape: &[usize]) -> PyResult<(bounded::Width, Array)> {
    let w = match (dt.builtin, dt.itemsize) {
        (Some(Builtin::Bool), _) => bounded::Width::Bool,
        (Some(b), 1) if dt.is_integer() && b != Builtin::Bool => bounded::Width::W8,
        (Some(_), 2) if dt.is_integer() => bounded::Width::W16,
        (Some(_), 4) if dt.is_integer() => bounded::Width::W32,
        (Some(_), 8) if dt.is_integer() => bounded::Width::W64,
        _ => {
            return Err(PyTypeError::new_err(format!(
                "Unsupported dtype {dt} for integers"
            )))
        }
    };
    Ok((w, new_array(shape, dt.to_native())?))
}

/// Store the low `isz` bytes of `v` as element `i`.
///
/// # Safety
/// `base` must point at a buffer of at least `(i + 1) * isz` writable bytes.
#[inline(always)]
unsafe fn store(base: *mut u8, i: usize, isz: usize, v: u64) {
    // SAFETY: forwarded to the caller; unaligned writes of the element's width.
    unsafe {
        match isz {
            1 => *base.add(i) = v as u8,
            2 => std::ptr::write_unaligned((base as *mut u16).add(i), v as u16),
            4 => std::ptr::write_unaligned((base as *mut u32).add(i), v as u32),
            _ => std::ptr::write_unaligned((base as *mut u64).add(i), v),
        }
    }
}

/// Add this topic's functions and classes to `oxarray._core`.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<RandomCore>()?;
    m.add_function(wrap_pyfunction!(_seedseq_mix, m)?)?;
    m.add_function(wrap_pyfunction!(_seedseq_generate, m)?)?;
    m.add_function(wrap_pyfunction!(_random_check, m)?)?;
    m.add_function(wrap_pyfunction!(_random_set_btpe_corrected, m)?)?;
    Ok(())
}
