//! Any IPASIR SAT solver, loaded at run time from a shared library (`--sat ipasir:PATH`):
//! the generic incremental interface of the SAT competitions, through which ICCMA 2025
//! links every solver to the same SAT solver. The only file that loads foreign code.
//!
//! IPASIR has no conflict limit. A learnt-clause callback counts conflicts (a CDCL solver
//! learns one clause per conflict) and a termination callback stops the call once the
//! count reaches the limit. A library without those callbacks, or whose learnt-clause
//! callback does nothing (PicoSAT's), runs each call to its end: the answers are the
//! same, and the local search only opens queries, as with varisat.

use std::ffi::{CStr, CString, c_char, c_int, c_void};
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ptr::NonNull;
use std::sync::Mutex;

use super::dimacs::Dimacs;
use super::{ClauseSink, FailedAssumptions, Lit, Solve, SolveLimited, Var};

type Signature = unsafe extern "C" fn() -> *const c_char;
type Init = unsafe extern "C" fn() -> *mut c_void;
type Release = unsafe extern "C" fn(*mut c_void);
type AddOrAssume = unsafe extern "C" fn(*mut c_void, c_int);
type SolveFn = unsafe extern "C" fn(*mut c_void) -> c_int;
type LitQuery = unsafe extern "C" fn(*mut c_void, c_int) -> c_int;
type TerminateCallback = extern "C" fn(*mut c_void) -> c_int;
type SetTerminate = unsafe extern "C" fn(*mut c_void, *mut c_void, Option<TerminateCallback>);
type LearnCallback = extern "C" fn(*mut c_void, *mut c_int);
type SetLearn = unsafe extern "C" fn(*mut c_void, *mut c_void, c_int, Option<LearnCallback>);

/// The entry points of a loaded library (it stays loaded until the process ends).
struct Functions {
    path: String,
    signature: String,
    init: Init,
    release: Release,
    add: AddOrAssume,
    assume: AddOrAssume,
    solve: SolveFn,
    val: LitQuery,
    failed: LitQuery,
    set_terminate: Option<SetTerminate>,
    set_learn: Option<SetLearn>,
}

/// The libraries loaded so far, so that loading one twice gives the same handle.
static LOADED: Mutex<Vec<&'static Functions>> = Mutex::new(Vec::new());

/// A shared library implementing IPASIR (`ipasir_init`, `ipasir_add`, `ipasir_solve`, ...),
/// loaded once and kept for the life of the process; a handle to it. Two handles are
/// equal when they name the same loaded library.
#[derive(Clone, Copy)]
pub struct IpasirLibrary(&'static Functions);

/// Why an IPASIR library cannot be used: it does not load, or lacks a function argsat
/// needs. The message names the library.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct IpasirError(String);

impl IpasirLibrary {
    /// Loads the IPASIR library at `path` (a path, or a bare name the dynamic loader
    /// searches for), or returns the handle of the one loaded before from that path.
    ///
    /// # Errors
    /// A message naming `path` when the library cannot be loaded or lacks an IPASIR
    /// function argsat needs (`ipasir_signature`, `init`, `release`, `add`, `assume`,
    /// `solve`, `val`, `failed`).
    pub fn load(path: &str) -> Result<IpasirLibrary, IpasirError> {
        let mut loaded = LOADED.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(f) = loaded.iter().find(|f| f.path == path) {
            return Ok(IpasirLibrary(f));
        }
        let f: &'static Functions = Box::leak(Box::new(open(path).map_err(IpasirError)?));
        loaded.push(f);
        Ok(IpasirLibrary(f))
    }

    /// The path it was loaded from.
    pub fn path(&self) -> &str {
        &self.0.path
    }

    /// What `ipasir_signature` says: the solver's name and version.
    pub fn signature(&self) -> &str {
        &self.0.signature
    }
}

impl PartialEq for IpasirLibrary {
    fn eq(&self, other: &IpasirLibrary) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}

impl Eq for IpasirLibrary {}

impl Hash for IpasirLibrary {
    fn hash<H: Hasher>(&self, state: &mut H) {
        std::ptr::hash(self.0, state);
    }
}

impl fmt::Debug for IpasirLibrary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "IpasirLibrary({:?}, {:?})", self.0.path, self.0.signature)
    }
}

/// The last `dlerror` message.
fn dl_error() -> String {
    // SAFETY: `dlerror` returns null or a NUL-terminated string valid until the next call.
    let e = unsafe { libc::dlerror() };
    if e.is_null() {
        "unknown error".to_owned()
    } else {
        // SAFETY: non-null, NUL-terminated (above).
        unsafe { CStr::from_ptr(e) }.to_string_lossy().into_owned()
    }
}

fn open(path: &str) -> Result<Functions, String> {
    let cpath = CString::new(path).map_err(|_| format!("`{path}`: a path with a NUL byte"))?;
    // SAFETY: a NUL-terminated path; loading runs the library's initialisers, which is
    // what asking for the library means.
    let handle = unsafe { libc::dlopen(cpath.as_ptr(), libc::RTLD_NOW | libc::RTLD_LOCAL) };
    if handle.is_null() {
        return Err(format!("cannot load the IPASIR library `{path}`: {}", dl_error()));
    }
    let symbol = |name: &CStr| {
        // SAFETY: a live handle and a NUL-terminated name.
        let p = unsafe { libc::dlsym(handle, name.as_ptr()) };
        (!p.is_null()).then_some(p)
    };
    let need = |name: &CStr| {
        symbol(name).ok_or_else(|| {
            format!("`{path}` is not an IPASIR library: it has no `{}`", name.to_string_lossy())
        })
    };
    // SAFETY (every transmute below): IPASIR fixes each function's C signature, and a
    // function's address from `dlsym` may be called through a pointer of that type.
    let functions = || unsafe {
        let signature: Signature = std::mem::transmute(need(c"ipasir_signature")?);
        Ok(Functions {
            path: path.to_owned(),
            signature: signature_of(signature),
            init: std::mem::transmute::<*mut c_void, Init>(need(c"ipasir_init")?),
            release: std::mem::transmute::<*mut c_void, Release>(need(c"ipasir_release")?),
            add: std::mem::transmute::<*mut c_void, AddOrAssume>(need(c"ipasir_add")?),
            assume: std::mem::transmute::<*mut c_void, AddOrAssume>(need(c"ipasir_assume")?),
            solve: std::mem::transmute::<*mut c_void, SolveFn>(need(c"ipasir_solve")?),
            val: std::mem::transmute::<*mut c_void, LitQuery>(need(c"ipasir_val")?),
            failed: std::mem::transmute::<*mut c_void, LitQuery>(need(c"ipasir_failed")?),
            set_terminate: symbol(c"ipasir_set_terminate")
                .map(|p| std::mem::transmute::<*mut c_void, SetTerminate>(p)),
            set_learn: symbol(c"ipasir_set_learn")
                .map(|p| std::mem::transmute::<*mut c_void, SetLearn>(p)),
        })
    };
    let f = functions();
    if f.is_err() {
        // SAFETY: a live handle, of a library nothing of ours uses.
        unsafe { libc::dlclose(handle) };
    }
    f
}

/// What a library's `ipasir_signature` returns, as text.
fn signature_of(signature: Signature) -> String {
    // SAFETY: IPASIR's signature takes nothing and returns a static C string (or null).
    let name = unsafe { signature() };
    if name.is_null() {
        "unnamed IPASIR solver".to_owned()
    } else {
        // SAFETY: non-null and NUL-terminated, per IPASIR.
        unsafe { CStr::from_ptr(name) }.to_string_lossy().into_owned()
    }
}

/// The conflict budget of the running call, shared with the library's callbacks.
#[derive(Default)]
struct Budget {
    /// Clauses learnt (conflicts) since the call began.
    learnt: std::cell::Cell<u64>,
    /// Stop once `learnt` reaches this.
    limit: std::cell::Cell<u64>,
}

extern "C" fn on_learn(state: *mut c_void, _clause: *mut c_int) {
    // SAFETY: `state` is the solver's boxed `Budget`, alive while the solver is.
    let b = unsafe { &*(state as *const Budget) };
    b.learnt.set(b.learnt.get() + 1);
}

extern "C" fn on_terminate(state: *mut c_void) -> c_int {
    // SAFETY: as in `on_learn`.
    let b = unsafe { &*(state as *const Budget) };
    c_int::from(b.learnt.get() >= b.limit.get() || crate::stop::requested().is_some())
}

/// One solver instance of a loaded IPASIR library.
pub(crate) struct Ipasir {
    lib: &'static Functions,
    solver: NonNull<c_void>,
    /// Our variables as the library sees them, and the last model.
    dimacs: Dimacs,
    /// The largest variable the library has seen (it may not know the ones after it).
    known: usize,
    assumptions: Vec<i32>,
    /// Boxed: the callbacks hold its address.
    budget: Box<Budget>,
}

// SAFETY: the solver handle is owned by this value alone (released in `drop`), and an
// IPASIR solver is tied to no thread: it may be called from another thread as long as no
// two calls overlap, which `&mut self` on every call ensures (`Ipasir` is not `Sync`).
// The callbacks' `Budget` moves with it (boxed, never shared).
unsafe impl Send for Ipasir {}

impl Ipasir {
    /// A solver with no clauses, from `library`.
    pub fn new(library: IpasirLibrary) -> Ipasir {
        let lib = library.0;
        // SAFETY: `ipasir_init` takes nothing and returns a fresh solver.
        let solver = NonNull::new(unsafe { (lib.init)() })
            .unwrap_or_else(|| panic!("`{}`: ipasir_init returned no solver", lib.path));
        let budget = Box::new(Budget::default());
        budget.limit.set(u64::MAX);
        let state = &*budget as *const Budget as *mut c_void;
        // The terminate callback ends a call at its conflict limit (counted by the learn
        // callback) or when the call is stopped (`crate::stop`).
        if let Some(set_terminate) = lib.set_terminate {
            // SAFETY: a live solver; `state` outlives it (released in `drop` first).
            unsafe { set_terminate(solver.as_ptr(), state, Some(on_terminate)) };
        }
        if let Some(set_learn) = lib.set_learn {
            // SAFETY: as above.
            unsafe { set_learn(solver.as_ptr(), state, c_int::MAX, Some(on_learn)) };
        }
        Ipasir { lib, solver, dimacs: Dimacs::default(), known: 0, assumptions: Vec::new(), budget }
    }

    fn code(&mut self, l: Lit) -> i32 {
        self.known = self.known.max(l.var().index() + 1);
        self.dimacs.code(l)
    }
}

impl Drop for Ipasir {
    fn drop(&mut self) {
        // SAFETY: a live solver, released once.
        unsafe { (self.lib.release)(self.solver.as_ptr()) }
    }
}

impl ClauseSink for Ipasir {
    fn new_var(&mut self) -> Var {
        self.new_var_preferring(false)
    }

    fn new_var_preferring(&mut self, phase: bool) -> Var {
        self.dimacs.new_var(phase)
    }

    fn add_clause(&mut self, lits: &[Lit]) {
        let (add, solver) = (self.lib.add, self.solver.as_ptr());
        for &l in lits {
            let code = self.code(l);
            // SAFETY: a live solver and a non-zero literal.
            unsafe { add(solver, code) };
        }
        // SAFETY: as above; 0 ends the clause.
        unsafe { add(solver, 0) };
    }
}

impl Solve for Ipasir {
    fn solve_assuming(&mut self, assumptions: &[Lit]) -> bool {
        super::answered(self.solve_limited(assumptions, u64::MAX))
    }

    fn value(&self, lit: Lit) -> bool {
        self.dimacs.value(lit)
    }
}

impl SolveLimited for Ipasir {
    fn solve_limited(&mut self, assumptions: &[Lit], conflicts: u64) -> Option<bool> {
        let codes: Vec<i32> = assumptions.iter().map(|&l| self.code(l)).collect();
        self.assumptions = codes;
        let solver = self.solver.as_ptr();
        for &code in &self.assumptions {
            // SAFETY: a live solver and a non-zero literal.
            unsafe { (self.lib.assume)(solver, code) };
        }
        self.budget.learnt.set(0);
        self.budget.limit.set(conflicts);
        // SAFETY: a live solver; the callbacks' state is `self.budget`.
        let answer = unsafe { (self.lib.solve)(solver) };
        self.budget.limit.set(u64::MAX);
        match answer {
            10 => {
                let (val, known) = (self.lib.val, self.known);
                // Variables the library never saw, and those it leaves open, take our
                // preferred phase (its "true").
                // SAFETY: a live solver after a satisfiable call, a known variable.
                self.dimacs.read_model(|v| v as usize > known || unsafe { val(solver, v) } >= 0);
                Some(true)
            }
            20 => Some(false),
            0 if conflicts != u64::MAX || crate::stop::requested().is_some() => None,
            other => panic!(
                "the IPASIR solver `{}` ({}) answered {other} to ipasir_solve, which is \
                 neither 10 (satisfiable) nor 20 (unsatisfiable)",
                self.lib.path, self.lib.signature
            ),
        }
    }
}

impl FailedAssumptions for Ipasir {
    fn failed_assumptions(&mut self) -> Vec<Lit> {
        let (failed, solver) = (self.lib.failed, self.solver.as_ptr());
        self.assumptions
            .iter()
            // SAFETY: a live solver after an unsatisfiable call, one of its assumptions.
            .filter(|&&code| unsafe { failed(solver, code) } != 0)
            .map(|&code| self.dimacs.lit(code))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loading_errors_name_the_library() {
        let e = IpasirLibrary::load("/nonexistent/libipasir.so").unwrap_err().to_string();
        assert!(e.contains("cannot load the IPASIR library `/nonexistent/libipasir.so`"), "{e}");
        // The C library loads, but is no SAT solver.
        let e = IpasirLibrary::load("libc.so.6").unwrap_err().to_string();
        assert!(e.contains("`libc.so.6` is not an IPASIR library: it has no `ipasir_"), "{e}");
        let e = IpasirLibrary::load("a\0b").unwrap_err().to_string();
        assert!(e.contains("NUL"), "{e}");
    }

    /// The library named by `ARGSAT_IPASIR`, when the environment gives one.
    #[test]
    fn solves_under_assumptions_and_reports_core() {
        let Some(lib) = crate::sat::tests::ipasir_from_env() else { return };
        assert_eq!(IpasirLibrary::load(lib.path()).unwrap(), lib, "loaded once");
        crate::sat::tests::solves_under_assumptions_and_reports_core(Ipasir::new(lib));
        // CaDiCaL hands over its learnt clauses, so the limit holds; a library whose
        // `ipasir_set_learn` does nothing (PicoSAT's) runs each call to its end.
        if lib.signature().starts_with("cadical") {
            crate::sat::tests::stops_at_the_conflict_limit(Ipasir::new(lib));
        }
    }
}
