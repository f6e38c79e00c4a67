//! The IPAFAIR C interface (the incremental API of ICCMA 2023's dynamic track) over
//! [`Dynamic`]: `ipafair_init`, `ipafair_add_argument`, ..., `ipafair_solve_cred`,
//! `ipafair_val`, exported from the `cdylib` with C linkage; the header is
//! `include/ipafair.h`.
//!
//! The solver is in one of four states: INPUT, SAT, UNSAT, ERROR. A call the interface
//! does not allow (an argument added twice, an unknown argument or attack, `ipafair_val`
//! without an answer to show, a null solver) puts it in ERROR, where every later solve
//! returns -1 and `ipafair_val` 0; nothing ever unwinds across the C boundary (a panic
//! inside is caught and is an ERROR too).
//!
//! Built with the `ipafair` cargo feature (on by default); a crate that links argsat
//! into a shared library of its own (the Python extension) turns it off, so that it
//! exports no `ipafair_*` symbols.
//!
//! # Safety
//! Every function taking a solver pointer is `unsafe`: the pointer must be null or one
//! returned by [`ipafair_init`] and not yet passed to [`ipafair_release`], and no two
//! calls on one solver may run at the same time (IPAFAIR solvers are not thread-safe;
//! different solvers may be used from different threads).

use std::ffi::{CStr, c_char, c_void};
use std::panic::{AssertUnwindSafe, catch_unwind};

use crate::dynamic::{Assumption, Dynamic, DynamicSemantics, Strategy};

/// `ipafair_solve_*`'s answer for yes.
const YES: i32 = 10;
/// `ipafair_solve_*`'s answer for no.
const NO: i32 = 20;
/// `ipafair_solve_*`'s answer in the error state.
const ERROR: i32 = -1;

/// Where the solver is in IPAFAIR's protocol.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Status {
    Input,
    /// The last solve answered yes (credulous) or no (sceptical), with an extension.
    Answered,
    /// The last solve answered without an extension to show.
    Bare,
    Error,
}

/// The object behind an IPAFAIR solver pointer.
struct Solver {
    dynamic: Dynamic,
    assumptions: Vec<u32>,
    status: Status,
    /// The extension the last answer shows, sorted.
    shown: Vec<u32>,
    /// The last question (its assumptions, and whether credulous) while its extension
    /// is not yet made: the dynamic solver answers without extensions until
    /// `ipafair_val` first asks for one (see [`ipafair_init`]).
    pending: Option<(Vec<Assumption>, bool)>,
}

/// Runs `f` on the solver behind `s`, unless it is null or in the error state; a panic
/// or an `Err` from `f` puts it in the error state and gives `failed`.
///
/// # Safety
/// `s` is null or a live solver pointer (see the module's safety section), not in use by
/// another call.
unsafe fn with<R>(s: *mut c_void, failed: R, f: impl FnOnce(&mut Solver) -> Result<R, ()>) -> R {
    if s.is_null() {
        return failed;
    }
    // SAFETY: non-null, so (as the caller promises) a pointer from `ipafair_init`'s
    // `Box::into_raw` not yet released, with no other reference to it live.
    let solver = unsafe { &mut *(s as *mut Solver) };
    if solver.status == Status::Error {
        return failed;
    }
    match catch_unwind(AssertUnwindSafe(|| f(solver))) {
        Ok(Ok(r)) => r,
        Ok(Err(())) | Err(_) => {
            solver.status = Status::Error;
            failed
        }
    }
}

/// A positive IPAFAIR argument as an id; 0 and negatives are errors.
fn id(arg: i32) -> Result<u32, ()> {
    u32::try_from(arg).ok().filter(|&a| a > 0).ok_or(())
}

/// `argsat VERSION`, the package's version, as a C string.
const SIGNATURE: &CStr = match CStr::from_bytes_with_nul(
    concat!(env!("CARGO_PKG_NAME"), " ", env!("CARGO_PKG_VERSION"), "\0").as_bytes(),
) {
    Ok(s) => s,
    Err(_) => panic!("the package name and version hold no NUL"),
};

/// The solver's name and version (a static string).
#[unsafe(no_mangle)]
pub extern "C" fn ipafair_signature() -> *const c_char {
    SIGNATURE.as_ptr()
}

/// A new solver (semantics: complete until set), in the INPUT state. The environment
/// variable `ARGSAT_IPAFAIR_STRATEGY` (`rebuild`, the default, or `incremental`) chooses
/// how single-argument questions are answered (see [`Strategy`]).
///
/// Its answers come without extensions ([`Dynamic::set_witnesses`]) until the first
/// `ipafair_val`, which asks the last question again for one; from then on every
/// answer comes with its extension. A caller that never looks at extensions (ICCMA's
/// dynamic track) never pays for them.
#[unsafe(no_mangle)]
pub extern "C" fn ipafair_init() -> *mut c_void {
    let made = catch_unwind(|| {
        let mut dynamic = Dynamic::new(DynamicSemantics::Complete);
        if std::env::var("ARGSAT_IPAFAIR_STRATEGY").is_ok_and(|s| s == "incremental") {
            dynamic.set_strategy(Strategy::Incremental);
        }
        dynamic.set_witnesses(false);
        Box::new(Solver {
            dynamic,
            assumptions: Vec::new(),
            status: Status::Input,
            shown: Vec::new(),
            pending: None,
        })
    });
    made.map_or(std::ptr::null_mut(), |b| Box::into_raw(b) as *mut c_void)
}

/// Releases a solver made by [`ipafair_init`]; a null pointer is ignored.
///
/// # Safety
/// `s` is null or a pointer from `ipafair_init` not yet released, used by nothing after.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ipafair_release(s: *mut c_void) {
    if !s.is_null() {
        // SAFETY: as the caller promises, `s` came from `Box::into_raw` in `ipafair_init`.
        let _ = catch_unwind(|| drop(unsafe { Box::from_raw(s as *mut Solver) }));
    }
}

/// Sets the semantics: 0 admissible, 1 complete, 2 preferred, 3 stable, 4 semi-stable,
/// 5 stage, 6 ideal; anything else is an error.
///
/// # Safety
/// `s` is null or a live solver pointer not in use by another call (module docs).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ipafair_set_semantics(s: *mut c_void, sem: i32) {
    // SAFETY: `s` is as the caller promises.
    unsafe {
        with(s, (), |solver| {
            let sem = DynamicSemantics::from_code(sem).ok_or(())?;
            solver.dynamic.set_semantics(sem);
            solver.status = Status::Input;
            Ok(())
        })
    }
}

/// Adds an argument (a positive integer); adding one twice is an error.
///
/// # Safety
/// `s` is null or a live solver pointer not in use by another call (module docs).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ipafair_add_argument(s: *mut c_void, arg: i32) {
    // SAFETY: `s` is as the caller promises.
    unsafe {
        with(s, (), |solver| {
            solver.dynamic.add_argument(id(arg)?).map_err(drop)?;
            solver.status = Status::Input;
            Ok(())
        })
    }
}

/// Deletes an argument and its attacks; an unknown one is an error.
///
/// # Safety
/// `s` is null or a live solver pointer not in use by another call (module docs).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ipafair_del_argument(s: *mut c_void, arg: i32) {
    // SAFETY: `s` is as the caller promises.
    unsafe {
        with(s, (), |solver| {
            solver.dynamic.del_argument(id(arg)?).map_err(drop)?;
            solver.assumptions.retain(|&a| a != arg as u32);
            solver.status = Status::Input;
            Ok(())
        })
    }
}

/// Adds the attack `a -> b`; an existing attack or an unknown argument is an error.
///
/// # Safety
/// `s` is null or a live solver pointer not in use by another call (module docs).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ipafair_add_attack(s: *mut c_void, a: i32, b: i32) {
    // SAFETY: `s` is as the caller promises.
    unsafe {
        with(s, (), |solver| {
            solver.dynamic.add_attack(id(a)?, id(b)?).map_err(drop)?;
            solver.status = Status::Input;
            Ok(())
        })
    }
}

/// Deletes the attack `a -> b`; an unknown attack is an error.
///
/// # Safety
/// `s` is null or a live solver pointer not in use by another call (module docs).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ipafair_del_attack(s: *mut c_void, a: i32, b: i32) {
    // SAFETY: `s` is as the caller promises.
    unsafe {
        with(s, (), |solver| {
            solver.dynamic.del_attack(id(a)?, id(b)?).map_err(drop)?;
            solver.status = Status::Input;
            Ok(())
        })
    }
}

/// Assumes an argument in, for the next solve only; an unknown argument is an error.
///
/// # Safety
/// `s` is null or a live solver pointer not in use by another call (module docs).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ipafair_assume(s: *mut c_void, arg: i32) {
    // SAFETY: `s` is as the caller promises.
    unsafe {
        with(s, (), |solver| {
            let a = id(arg)?;
            if !solver.dynamic.contains(a) {
                return Err(());
            }
            solver.assumptions.push(a);
            solver.status = Status::Input;
            Ok(())
        })
    }
}

/// # Safety
/// As for [`with`].
unsafe fn solve(s: *mut c_void, credulous: bool) -> i32 {
    // SAFETY: `s` is as the caller promises.
    unsafe {
        with(s, ERROR, |solver| {
            let assumptions: Vec<Assumption> =
                std::mem::take(&mut solver.assumptions).into_iter().map(Assumption::In).collect();
            let answer = if credulous {
                solver.dynamic.credulous(&assumptions)
            } else {
                solver.dynamic.sceptical(&assumptions)
            }
            .map_err(drop)?;
            solver.status = Status::Bare;
            solver.shown.clear();
            solver.pending = None;
            if answer.accepted == credulous {
                match answer.extension {
                    Some(e) => {
                        solver.shown = e;
                        solver.status = Status::Answered;
                    }
                    None if !solver.dynamic.witnesses() => {
                        solver.pending = Some((assumptions, credulous));
                        solver.status = Status::Answered;
                    }
                    None => {}
                }
            }
            Ok(if answer.accepted { YES } else { NO })
        })
    }
}

/// Are the assumed arguments together in some extension? 10 yes, 20 no, -1 in the
/// error state. The assumptions are cleared.
///
/// # Safety
/// `s` is null or a live solver pointer not in use by another call (module docs).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ipafair_solve_cred(s: *mut c_void) -> i32 {
    // SAFETY: `s` is as the caller promises.
    unsafe { solve(s, true) }
}

/// Are the assumed arguments in every extension? 10 yes, 20 no, -1 in the error state.
/// The assumptions are cleared.
///
/// # Safety
/// `s` is null or a live solver pointer not in use by another call (module docs).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ipafair_solve_skept(s: *mut c_void) -> i32 {
    // SAFETY: `s` is as the caller promises.
    unsafe { solve(s, false) }
}

/// After a credulous yes or a sceptical no: `arg` when it is in the extension shown,
/// `-arg` when not. At any other time an error (0).
///
/// # Safety
/// `s` is null or a live solver pointer not in use by another call (module docs).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ipafair_val(s: *mut c_void, arg: i32) -> i32 {
    // SAFETY: `s` is as the caller promises.
    unsafe {
        with(s, 0, |solver| {
            let a = id(arg)?;
            if solver.status != Status::Answered {
                return Err(());
            }
            if let Some((assumptions, credulous)) = solver.pending.take() {
                // The extension, made now: the same question (the framework has not
                // changed since) asked with extensions shown, as they are from now on.
                let dynamic = &mut solver.dynamic;
                dynamic.set_witnesses(true);
                let answer = if credulous {
                    dynamic.credulous(&assumptions)
                } else {
                    dynamic.sceptical(&assumptions)
                }
                .map_err(drop)?;
                solver.shown =
                    answer.extension.filter(|_| answer.accepted == credulous).ok_or(())?;
            }
            Ok(if solver.shown.binary_search(&a).is_ok() { arg } else { -arg })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One solver for a test: made by `ipafair_init`, used through safe methods by this
    /// thread alone, released once when dropped.
    struct Handle(*mut c_void);

    impl Handle {
        fn new() -> Handle {
            Handle(ipafair_init())
        }
    }

    impl Drop for Handle {
        fn drop(&mut self) {
            // SAFETY: made by `ipafair_init`, released here once, never used after.
            unsafe { ipafair_release(self.0) }
        }
    }

    /// Calls `f` on the handle's solver.
    fn on<R>(h: &Handle, f: unsafe extern "C" fn(*mut c_void) -> R) -> R {
        // SAFETY: a live solver (the handle's), used by this thread alone.
        unsafe { f(h.0) }
    }

    /// Calls `f(solver, x)`.
    fn on1<R>(h: &Handle, f: unsafe extern "C" fn(*mut c_void, i32) -> R, x: i32) -> R {
        // SAFETY: as in `on`.
        unsafe { f(h.0, x) }
    }

    /// Calls `f(solver, x, y)`.
    fn on2(h: &Handle, f: unsafe extern "C" fn(*mut c_void, i32, i32), x: i32, y: i32) {
        // SAFETY: as in `on`.
        unsafe { f(h.0, x, y) }
    }

    #[test]
    fn the_protocol_from_rust() {
        // SAFETY: `ipafair_signature` returns a static NUL-terminated string.
        let signature = unsafe { CStr::from_ptr(ipafair_signature()) };
        assert_eq!(signature.to_str(), Ok(concat!("argsat ", env!("CARGO_PKG_VERSION"))));
        let s = Handle::new();
        on1(&s, ipafair_set_semantics, 3);
        for a in 1..=3 {
            on1(&s, ipafair_add_argument, a);
        }
        on2(&s, ipafair_add_attack, 1, 2);
        on2(&s, ipafair_add_attack, 2, 1);
        on2(&s, ipafair_add_attack, 2, 3);
        on1(&s, ipafair_assume, 3);
        assert_eq!(on(&s, ipafair_solve_cred), YES);
        let val = |a| on1(&s, ipafair_val, a);
        assert_eq!((val(1), val(2), val(3)), (1, -2, 3));
        on1(&s, ipafair_assume, 3);
        assert_eq!(on(&s, ipafair_solve_skept), NO);
        assert_eq!(val(3), -3);
        // A yes to a sceptical question shows nothing: asking is an error.
        on1(&s, ipafair_assume, 1);
        on2(&s, ipafair_del_attack, 2, 1);
        assert_eq!(on(&s, ipafair_solve_skept), YES);
        assert_eq!(val(1), 0);
        assert_eq!(on(&s, ipafair_solve_cred), ERROR);
        // A null solver is the error state.
        // SAFETY: null is allowed.
        assert_eq!(unsafe { ipafair_solve_cred(std::ptr::null_mut()) }, ERROR);
    }

    #[test]
    fn extensions_are_made_when_first_asked_for() {
        // 1 <-> 2 -> 3, 5 <-> 6: preferred extensions {1,3,5}, {1,3,6}, {2,5}, {2,6}. The
        // sceptical "no" for 3 needs only the admissible {2}; the extension shown is
        // made at the first `ipafair_val`: a preferred one, with 5 or 6.
        let s = Handle::new();
        on1(&s, ipafair_set_semantics, 2);
        for a in [1, 2, 3, 5, 6] {
            on1(&s, ipafair_add_argument, a);
        }
        for (a, b) in [(1, 2), (2, 1), (2, 3), (5, 6), (6, 5)] {
            on2(&s, ipafair_add_attack, a, b);
        }
        let val = |a| on1(&s, ipafair_val, a);
        for round in 0..2 {
            // The second time, extensions come with the answer.
            on1(&s, ipafair_assume, 3);
            assert_eq!(on(&s, ipafair_solve_skept), NO);
            assert_eq!((val(1), val(2), val(3)), (-1, 2, -3), "round {round}");
            assert!((val(5) > 0) != (val(6) > 0), "round {round}");
        }
        // A credulous "yes" under another semantics, shown as well.
        on1(&s, ipafair_set_semantics, 1);
        on1(&s, ipafair_assume, 3);
        assert_eq!(on(&s, ipafair_solve_cred), YES);
        assert_eq!((val(1), val(2), val(3)), (1, -2, 3));
    }

    #[test]
    fn misuse_is_the_error_state() {
        for misuse in [
            |s| on1(s, ipafair_add_argument, 1),
            |s| on1(s, ipafair_add_argument, 0),
            |s| on1(s, ipafair_del_argument, 9),
            |s| on2(s, ipafair_add_attack, 1, 9),
            |s| on2(s, ipafair_del_attack, 1, 1),
            |s| on1(s, ipafair_assume, 9),
            |s| on1(s, ipafair_set_semantics, 7),
        ] as [fn(&Handle); 7]
        {
            let s = Handle::new();
            on1(&s, ipafair_add_argument, 1);
            misuse(&s);
            assert_eq!(on(&s, ipafair_solve_cred), ERROR);
        }
    }
}
