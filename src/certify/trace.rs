//! CaDiCaL's own DRAT trace (`ccadical_trace_proof` of its C API, which the `cadical`
//! crate compiles and links but does not expose): a solver instance of our own, used for
//! one refutation, its proof written as text straight into the file.

use std::ffi::{CString, c_char, c_int};
use std::io;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use crate::af::Arg;

/// CaDiCaL's C solver handle.
#[repr(C)]
struct CCaDiCaL {
    _opaque: [u8; 0],
}

unsafe extern "C" {
    fn ccadical_init() -> *mut CCaDiCaL;
    fn ccadical_release(solver: *mut CCaDiCaL);
    fn ccadical_set_option(solver: *mut CCaDiCaL, name: *const c_char, value: c_int);
    fn ccadical_add(solver: *mut CCaDiCaL, lit: c_int);
    fn ccadical_solve(solver: *mut CCaDiCaL) -> c_int;
    fn ccadical_val(solver: *mut CCaDiCaL, lit: c_int) -> c_int;
    fn ccadical_trace_proof(
        solver: *mut CCaDiCaL,
        file: *mut libc::FILE,
        name: *const c_char,
    ) -> c_int;
    fn ccadical_close_proof(solver: *mut CCaDiCaL);
}

/// One CaDiCaL solver and the file its proof goes to, released in that order on drop.
struct Traced {
    solver: *mut CCaDiCaL,
    file: *mut libc::FILE,
    /// Whether the solver traces into `file` (its trace must be closed before the file).
    tracing: bool,
}

impl Drop for Traced {
    fn drop(&mut self) {
        // SAFETY: `solver` came from `ccadical_init` and `file` from `fopen` (each
        // checked non-null when made), neither released before; a trace that was opened
        // is closed (once) before the file, so the solver never writes to a closed file.
        unsafe {
            if self.tracing {
                ccadical_close_proof(self.solver);
            }
            ccadical_release(self.solver);
            libc::fclose(self.file);
        }
    }
}

/// Refutes `clauses` (DIMACS literals over `1..=n`), CaDiCaL tracing a text DRAT proof
/// into `path`; `Ok(Some(model))` when they are satisfiable.
pub(super) fn refute(n: usize, clauses: &[Vec<i32>], path: &Path) -> io::Result<Option<Vec<Arg>>> {
    let name = CString::new(path.as_os_str().as_bytes())
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "a NUL byte in the path"))?;
    // SAFETY: both strings are NUL-terminated and live across the call.
    let file = unsafe { libc::fopen(name.as_ptr(), c"w".as_ptr()) };
    if file.is_null() {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: no arguments; a null result is checked below.
    let solver = unsafe { ccadical_init() };
    if solver.is_null() {
        // SAFETY: `file` is the open stream made above, closed once.
        unsafe { libc::fclose(file) };
        return Err(io::Error::other("CaDiCaL could not make a solver"));
    }
    let mut traced = Traced { solver, file, tracing: false };
    // SAFETY: `traced.solver` is live and still configuring (no clause added yet), as
    // options and the proof trace require; the option name is a NUL-terminated literal;
    // `traced.file` is open for writing and outlives the trace (`Traced::drop`).
    let opened = unsafe {
        ccadical_set_option(traced.solver, c"binary".as_ptr(), 0);
        ccadical_trace_proof(traced.solver, traced.file, name.as_ptr())
    };
    if opened == 0 {
        return Err(io::Error::other("CaDiCaL could not trace its proof"));
    }
    traced.tracing = true;
    for clause in clauses {
        for &lit in clause {
            debug_assert!(lit != 0 && lit.unsigned_abs() as usize <= n);
            // SAFETY: a live solver; `lit` is a non-zero literal.
            unsafe { ccadical_add(traced.solver, lit) };
        }
        // SAFETY: a live solver; 0 ends the clause.
        unsafe { ccadical_add(traced.solver, 0) };
    }
    // SAFETY: a live solver, no terminate callback installed.
    let status = unsafe { ccadical_solve(traced.solver) };
    match status {
        10 => {
            let model = (1..=n)
                // SAFETY: a live solver in its satisfiable state; `i` is a variable.
                .filter(|&i| unsafe { ccadical_val(traced.solver, i as c_int) } > 0)
                .map(|i| Arg::from_index(i - 1))
                .collect();
            Ok(Some(model))
        }
        20 => {
            drop(traced);
            Ok(None)
        }
        other => Err(io::Error::other(format!("CaDiCaL gave up (status {other})"))),
    }
}
