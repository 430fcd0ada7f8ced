//! The execution policy: how many threads oxarray uses, when work is split over them, and
//! when a call is long enough to release the GIL. Every caller asks here; bindings never
//! decide these on their own (DESIGN.md, "exec.rs").
//!
//! - The thread count starts from `OXARRAY_NUM_THREADS` (if set to a positive integer), else
//!   `OMP_NUM_THREADS` (as set by dask.distributed for its workers, see `from_env`), else
//!   the machine's available parallelism, and can be changed at run time
//!   ([`set_num_threads`]). One rayon pool of exactly that many threads serves every
//!   parallel path in the core ([`install`]); a pool is built the first time a count is
//!   used and kept (idle rayon threads sleep).
//! - Work is split into parts by *size*, never by thread count, where results could depend
//!   on the split (sums): callers that need thread-count independent results choose their
//!   own fixed partition (for example NumPy's blocks) and only ask here how many parts may
//!   run at once.
//! - [`release_gil`] is the one GIL threshold: the bindings call it with the number of
//!   bytes a call touches.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock, RwLock};

use crate::error::{Error, Result};

/// Bytes of work at and above which a call releases the GIL (reading and writing 128 KiB
/// costs far more than the ~100 ns of releasing and taking the GIL back).
pub const GIL_RELEASE_BYTES: usize = 1 << 17;

/// Bytes of work each extra thread must get before a call is split over threads: below
/// it, waking a worker costs more than it saves.
pub const PARALLEL_MIN_BYTES_PER_THREAD: usize = 1 << 20;

/// Elementwise (ufunc) outputs of at least this many bytes are written with non-temporal
/// stores (`kernels::store`): far bigger than the last-level cache (32 MiB on the Zen 3
/// machines measured), so ordinary stores would first read every output line from memory
/// (a third more traffic for `add(a, b, out=)`), and the result cannot stay cached anyway.
pub const STREAM_OUT_BYTES: usize = 32 << 20;

/// Copies and casts writing at least this many bytes stream their contiguous runs (glibc's
/// `memcpy` does the same above a similar size).
pub const STREAM_COPY_BYTES: usize = 16 << 20;

/// The streaming thresholds' override from `OXARRAY_STREAM_BYTES` (read once; 0 = unset),
/// so tests can cross them with small arrays.
fn stream_override() -> usize {
    static V: OnceLock<usize> = OnceLock::new();
    *V.get_or_init(|| {
        std::env::var("OXARRAY_STREAM_BYTES")
            .ok()
            .and_then(|v| v.trim().parse::<usize>().ok())
            .filter(|&n| n > 0)
            .unwrap_or(0)
    })
}

/// Bytes of contiguous elementwise output from which a ufunc call streams its output
/// ([`STREAM_OUT_BYTES`], or `OXARRAY_STREAM_BYTES` when set).
#[inline]
pub fn stream_out_bytes() -> usize {
    match stream_override() {
        0 => STREAM_OUT_BYTES,
        n => n,
    }
}

/// Bytes written from which a copy or cast streams its contiguous runs
/// ([`STREAM_COPY_BYTES`], or `OXARRAY_STREAM_BYTES` when set).
#[inline]
pub fn stream_copy_bytes() -> usize {
    match stream_override() {
        0 => STREAM_COPY_BYTES,
        n => n,
    }
}

/// 0 = not read from the environment yet.
static THREADS: AtomicUsize = AtomicUsize::new(0);

/// The machine's available parallelism (at least 1).
pub fn max_threads() -> usize {
    static N: OnceLock<usize> = OnceLock::new();
    *N.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// The thread count from the environment: `OXARRAY_NUM_THREADS` if it is a positive
/// integer, else `OMP_NUM_THREADS`'s (first, outermost) count. The OpenMP variable is the
/// per-process limit that process managers set for every native library: dask.distributed's
/// nanny sets it (with `MKL_NUM_THREADS` and `OPENBLAS_NUM_THREADS`) to 1 for each worker
/// process it spawns (`distributed.nanny.pre-spawn-environ`), so that a machine's workers
/// do not each run a pool of all its cores; numexpr and OpenBLAS follow it too.
fn from_env() -> Option<usize> {
    let positive = |v: String| {
        v.split(',')
            .next()
            .and_then(|c| c.trim().parse::<usize>().ok())
            .filter(|&n| n > 0)
    };
    std::env::var("OXARRAY_NUM_THREADS")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|&n| n > 0)
        .or_else(|| std::env::var("OMP_NUM_THREADS").ok().and_then(positive))
}

/// The number of threads oxarray may use for one call (at least 1).
pub fn num_threads() -> usize {
    match THREADS.load(Ordering::Relaxed) {
        0 => {
            let n = from_env().unwrap_or_else(max_threads);
            // A concurrent `set_num_threads` wins over the environment.
            let _ = THREADS.compare_exchange(0, n, Ordering::Relaxed, Ordering::Relaxed);
            THREADS.load(Ordering::Relaxed)
        }
        n => n,
    }
}

/// Set the number of threads oxarray may use; returns the previous value.
///
/// # Errors
/// `ValueError` for 0.
pub fn set_num_threads(n: usize) -> Result<usize> {
    if n == 0 {
        return Err(Error::value("number of threads must be at least 1"));
    }
    let prev = num_threads();
    THREADS.store(n, Ordering::Relaxed);
    Ok(prev)
}

/// One pool per thread count asked for (rarely more than two: the default and 1), so
/// that rayon-based libraries running inside [`install`] (faer, gemm, the FFT) see exactly
/// `num_threads()` threads through `rayon::current_num_threads`.
static POOLS: RwLock<Vec<Arc<rayon::ThreadPool>>> = RwLock::new(Vec::new());

/// The shared pool for the current [`num_threads`].
pub fn pool() -> Arc<rayon::ThreadPool> {
    pool_of(num_threads())
}

/// The shared pool of exactly `want` (at least 1) threads.
fn pool_of(want: usize) -> Arc<rayon::ThreadPool> {
    let want = want.max(1);
    let find =
        |v: &[Arc<rayon::ThreadPool>]| v.iter().find(|p| p.current_num_threads() == want).cloned();
    if let Some(p) = POOLS.read().ok().and_then(|g| find(&g)) {
        return p;
    }
    let mut guard = POOLS.write().unwrap_or_else(|e| e.into_inner());
    if let Some(p) = find(&guard) {
        return p;
    }
    let p = Arc::new(
        rayon::ThreadPoolBuilder::new()
            .num_threads(want)
            .thread_name(|i| format!("oxarray-{i}"))
            .build()
            .expect("building the oxarray thread pool"),
    );
    guard.push(p.clone());
    p
}

/// Run `f` inside the shared pool (so rayon-based libraries such as faer, gemm and the FFT
/// see oxarray's pool and its size, `num_threads()`).
pub fn install<R: Send>(f: impl FnOnce() -> R + Send) -> R {
    pool().install(f)
}

/// Run `f` inside the shared pool of `threads` threads (e.g. 1 for work whose parallel
/// algorithm is known to lose), whatever `num_threads()` is.
pub fn install_with<R: Send>(threads: usize, f: impl FnOnce() -> R + Send) -> R {
    pool_of(threads.min(num_threads())).install(f)
}

/// True when a call touching `work_bytes` bytes should release the GIL.
pub fn release_gil(work_bytes: usize) -> bool {
    work_bytes >= GIL_RELEASE_BYTES
}

/// How many parts a call touching `work_bytes` bytes should run at once: 1 below the
/// parallel threshold (small arrays never pay for threads), at most `num_threads()`.
#[inline]
pub fn parallelism(work_bytes: usize) -> usize {
    if work_bytes < 2 * PARALLEL_MIN_BYTES_PER_THREAD {
        return 1;
    }
    let n = num_threads();
    if n <= 1 {
        return 1;
    }
    (work_bytes / PARALLEL_MIN_BYTES_PER_THREAD).clamp(1, n)
}

/// Run `f(part)` for every `part` in `0..parts`, on up to `parallelism(work_bytes)`
/// threads; the first error (by part index) is returned. `parts` is the caller's fixed
/// partition, so results never depend on the thread count.
///
/// # Errors
/// The first part's error.
pub fn for_each_part<F>(parts: usize, work_bytes: usize, f: F) -> Result<()>
where
    F: Fn(usize) -> Result<()> + Sync,
{
    for_each_part_init(parts, work_bytes, || (), |_, i| f(i))
}

/// [`for_each_part`] returning each part's value, in part order (the partition is the
/// caller's, so the values never depend on the thread count).
///
/// # Errors
/// The first failing part's error.
pub fn map_parts<R, F>(parts: usize, work_bytes: usize, f: F) -> Result<Vec<R>>
where
    R: Send,
    F: Fn(usize) -> Result<R> + Sync,
{
    let out: Vec<Mutex<Option<R>>> = (0..parts).map(|_| Mutex::new(None)).collect();
    for_each_part(parts, work_bytes, |k| {
        let v = f(k)?;
        *out[k].lock().unwrap_or_else(|e| e.into_inner()) = Some(v);
        Ok(())
    })?;
    Ok(out
        .into_iter()
        .map(|m| {
            m.into_inner()
                .unwrap_or_else(|e| e.into_inner())
                .expect("every part ran")
        })
        .collect())
}

/// [`for_each_part`] with per-worker state: each worker thread calls `init` once (on that
/// thread, so it may also reset thread-local state such as the FPU status flags; the
/// calling thread is one of the workers when the work is split) and
/// hands the state to every part it runs (the state is dropped on that thread when the
/// worker stops). Parts are taken in increasing order by at most
/// `parallelism(work_bytes)` workers; after an error no new part starts, and the error of
/// the lowest failing part is returned (every lower part has run by then).
///
/// The caller never waits for a worker that has not started: the extra workers are
/// posted to the pool, and once the caller has run out of parts it closes the call,
/// waiting only for workers that are inside a part. A worker that starts after the close
/// does nothing. So when the other cores are busy (a loaded machine, another library's
/// spinning threads), a split call costs about what the one-thread call costs, instead of
/// waiting for the operating system to schedule a sleeping pool thread.
///
/// # Errors
/// The first failing part's error.
pub fn for_each_part_init<S, I, F>(parts: usize, work_bytes: usize, init: I, f: F) -> Result<()>
where
    I: Fn() -> S + Sync,
    F: Fn(&mut S, usize) -> Result<()> + Sync,
{
    let threads = parallelism(work_bytes).min(parts);
    if threads <= 1 {
        let mut s = init();
        return (0..parts).try_for_each(|i| f(&mut s, i));
    }
    let next = AtomicUsize::new(0);
    let failed = std::sync::atomic::AtomicBool::new(false);
    let first: Mutex<Option<(usize, Error)>> = Mutex::new(None);
    let worker = || {
        let mut s = init();
        loop {
            if failed.load(Ordering::Relaxed) {
                return;
            }
            let i = next.fetch_add(1, Ordering::Relaxed);
            if i >= parts {
                return;
            }
            if let Err(e) = f(&mut s, i) {
                failed.store(true, Ordering::Relaxed);
                let mut g = first.lock().unwrap_or_else(|e| e.into_inner());
                if g.as_ref().is_none_or(|(j, _)| i < *j) {
                    *g = Some((i, e));
                }
            }
        }
    };
    let gate = Arc::new(Gate::default());
    let job: &(dyn Fn() + Sync) = &worker;
    // SAFETY: the pointer is dereferenced only by a worker that entered the gate, and
    // `close_and_wait` below (which runs before `worker` and everything it borrows go out
    // of scope, also when the caller's own part panics: `CloseOnDrop`) returns only once
    // every entered worker has left and no worker can enter any more.
    let job = JobPtr(unsafe {
        std::mem::transmute::<*const (dyn Fn() + Sync + '_), *const (dyn Fn() + Sync + 'static)>(
            job as *const (dyn Fn() + Sync),
        )
    });
    let p = pool();
    for _ in 1..threads {
        let gate = gate.clone();
        p.spawn(move || {
            // The whole `JobPtr` (Send), not its raw-pointer field, is moved in.
            let job = job;
            if gate.enter() {
                // SAFETY: entered, so the caller is still inside `for_each_part_init`
                // (see above); the closure is `Sync`.
                let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| unsafe {
                    (*job.0)()
                }));
                if let Err(payload) = r {
                    let mut g = gate.panic.lock().unwrap_or_else(|e| e.into_inner());
                    g.get_or_insert(payload);
                }
                gate.leave();
            }
        });
    }
    {
        let _close = CloseOnDrop(&gate);
        worker();
    }
    if let Some(payload) = gate.panic.lock().unwrap_or_else(|e| e.into_inner()).take() {
        std::panic::resume_unwind(payload);
    }
    match first.into_inner().unwrap_or_else(|e| e.into_inner()) {
        Some((_, e)) => Err(e),
        None => Ok(()),
    }
}

/// A type-erased worker closure posted to the pool (see [`for_each_part_init`]).
#[derive(Clone, Copy)]
struct JobPtr(*const (dyn Fn() + Sync + 'static));
// SAFETY: the closure behind the pointer is `Sync`; the pointer is only dereferenced
// under the gate protocol of `for_each_part_init`.
unsafe impl Send for JobPtr {}

/// The entry gate of a split call: the number of workers inside, and a closed bit.
#[derive(Default)]
struct Gate {
    state: AtomicUsize,
    panic: Mutex<Option<Box<dyn std::any::Any + Send + 'static>>>,
}

const CLOSED: usize = 1 << (usize::BITS - 1);

impl Gate {
    /// Enter unless closed.
    fn enter(&self) -> bool {
        let mut s = self.state.load(Ordering::Acquire);
        loop {
            if s & CLOSED != 0 {
                return false;
            }
            match self
                .state
                .compare_exchange_weak(s, s + 1, Ordering::AcqRel, Ordering::Acquire)
            {
                Ok(_) => return true,
                Err(x) => s = x,
            }
        }
    }
    fn leave(&self) {
        self.state.fetch_sub(1, Ordering::Release);
    }
    /// Close the gate and wait until every worker that entered has left (it is inside a
    /// part, which is short: a few hundred KiB of work).
    fn close_and_wait(&self) {
        self.state.fetch_or(CLOSED, Ordering::AcqRel);
        let mut spins = 0u32;
        while self.state.load(Ordering::Acquire) & !CLOSED != 0 {
            if spins < 1 << 12 {
                std::hint::spin_loop();
                spins += 1;
            } else {
                std::thread::yield_now();
            }
        }
    }
}

/// Closes the gate when the caller's own worker returns or unwinds.
struct CloseOnDrop<'a>(&'a Gate);

impl Drop for CloseOnDrop<'_> {
    fn drop(&mut self) {
        self.0.close_and_wait();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_run_once_each_and_errors_come_back_in_order() {
        let hits: Vec<AtomicUsize> = (0..64).map(|_| AtomicUsize::new(0)).collect();
        for_each_part(64, usize::MAX, |i| {
            hits[i].fetch_add(1, Ordering::Relaxed);
            Ok(())
        })
        .unwrap();
        assert!(hits.iter().all(|h| h.load(Ordering::Relaxed) == 1));
        let err = for_each_part(8, usize::MAX, |i| {
            if i >= 3 {
                Err(Error::value(format!("part {i}")))
            } else {
                Ok(())
            }
        })
        .unwrap_err();
        assert!(err.to_string().contains("part 3"), "{err}");
    }

    #[test]
    fn split_calls_run_every_part_once_and_propagate_panics() {
        // Many short split calls in a row: late workers find the call closed and must not
        // run a part twice or touch a finished call's state.
        for round in 0..200 {
            let hits: Vec<AtomicUsize> =
                (0..(round % 7 + 2)).map(|_| AtomicUsize::new(0)).collect();
            for_each_part_init(
                hits.len(),
                usize::MAX,
                || 0usize,
                |s, i| {
                    *s += 1;
                    hits[i].fetch_add(1, Ordering::Relaxed);
                    Ok(())
                },
            )
            .unwrap();
            assert!(hits.iter().all(|h| h.load(Ordering::Relaxed) == 1));
        }
        let r = std::panic::catch_unwind(|| {
            for_each_part(16, usize::MAX, |i| {
                if i == 5 {
                    panic!("part five");
                }
                Ok(())
            })
        });
        assert!(r.is_err());
    }

    #[test]
    fn small_work_is_not_split() {
        assert_eq!(parallelism(1000), 1);
        assert!(release_gil(GIL_RELEASE_BYTES));
        assert!(!release_gil(GIL_RELEASE_BYTES - 1));
    }
}
