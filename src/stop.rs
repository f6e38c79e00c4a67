//! Stopping a call half-way: an [`Interrupt`] handle and a deadline, set in
//! [`Options`](crate::Options), end a [`Solver`](crate::Solver) call with [`Stopped`].
//!
//! The search checks them before every SAT call, the local search every few thousand
//! flips, and CaDiCaL and IPASIR libraries inside a call (their terminate callbacks);
//! varisat has no such callback, so with it a call ends at the next SAT call.
//!
//! How: the solver's public methods run the search inside [`guarded`], which records the
//! halting condition for the thread; where the search finds it met, it unwinds with a
//! private payload ([`check`]) that [`guarded`] turns into `Err(Stopped)` (cancellation by
//! unwinding, as salsa does it). A solver whose call was stopped drops what it had built,
//! so the next call starts clean.

use std::cell::RefCell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

/// A handle that stops the calls of every solver whose [`Options`](crate::Options) hold
/// a clone of it: [`interrupt`](Interrupt::interrupt) from any thread (a signal handler's
/// thread, a server's watchdog); the calls running end with [`Stopped::Interrupted`],
/// and so does every later call until [`clear`](Interrupt::clear).
///
/// ```
/// use argsat::{Framework, Interrupt, Options, Semantics, Stopped, solver_with};
///
/// let af = Framework::from_attacks(2, &[(0, 1), (1, 0)]).unwrap();
/// let stop = Interrupt::new();
/// let options = Options { interrupt: Some(stop.clone()), ..Options::default() };
/// let mut s = solver_with(af, Semantics::Preferred, options);
/// stop.interrupt();
/// assert_eq!(s.count(), Err(Stopped::Interrupted));
/// stop.clear();
/// assert_eq!(s.count(), Ok(2));
/// ```
#[derive(Clone, Debug, Default)]
pub struct Interrupt(Arc<AtomicBool>);

impl Interrupt {
    /// A handle not yet interrupted.
    pub fn new() -> Interrupt {
        Interrupt::default()
    }

    /// Stops the calls running under this handle, and every later one until
    /// [`clear`](Interrupt::clear).
    pub fn interrupt(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    /// Whether [`interrupt`](Interrupt::interrupt) was called since the last
    /// [`clear`](Interrupt::clear).
    pub fn is_interrupted(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }

    /// Lets calls run again.
    pub fn clear(&self) {
        self.0.store(false, Ordering::Relaxed);
    }
}

impl PartialEq for Interrupt {
    /// The same handle (clones of one [`Interrupt::new`]).
    fn eq(&self, other: &Interrupt) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for Interrupt {}

/// Why a call ended without an answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum Stopped {
    /// The [`Interrupt`] handle of the solver's options was set.
    #[error("interrupted")]
    Interrupted,
    /// The deadline of the solver's options passed.
    #[error("the deadline passed")]
    DeadlineExpired,
}

/// When the calls of one solver stop: what its options say.
#[derive(Clone, Debug, Default)]
pub(crate) struct Halt {
    pub interrupt: Option<Interrupt>,
    pub deadline: Option<Instant>,
}

impl Halt {
    /// Whether the calls should stop now, and why.
    fn reason(&self) -> Option<Stopped> {
        if self.interrupt.as_ref().is_some_and(Interrupt::is_interrupted) {
            return Some(Stopped::Interrupted);
        }
        if self.deadline.is_some_and(|d| Instant::now() >= d) {
            return Some(Stopped::DeadlineExpired);
        }
        None
    }

    fn is_never(&self) -> bool {
        self.interrupt.is_none() && self.deadline.is_none()
    }
}

thread_local! {
    /// The halting conditions of the guarded calls running on this thread, outermost
    /// first: the search stops when any is met.
    static CURRENT: RefCell<Vec<Halt>> = const { RefCell::new(Vec::new()) };
}

/// The payload [`check`] unwinds with.
struct Unwinding(Stopped);

/// Runs `f` with `halt` as a halting condition of this thread: `Err` when the search
/// stopped ([`check`]) on it or on the condition of a guarded call around this one.
/// Other panics pass through.
pub(crate) fn guarded<T>(halt: &Halt, f: impl FnOnce() -> T) -> Result<T, Stopped> {
    if let Some(why) = halt.reason() {
        return Err(why);
    }
    if halt.is_never() {
        // Nothing to add: the conditions around this call (if any) still hold, and their
        // `guarded` catches the unwinding.
        return Ok(f());
    }
    CURRENT.with_borrow_mut(|c| c.push(halt.clone()));
    // Pops the condition however `f` ends.
    struct Pop;
    impl Drop for Pop {
        fn drop(&mut self) {
            CURRENT.with_borrow_mut(|c| c.pop());
        }
    }
    let pop = Pop;
    let r = panic::catch_unwind(AssertUnwindSafe(f));
    drop(pop);
    match r {
        Ok(t) => Ok(t),
        Err(payload) => match payload.downcast::<Unwinding>() {
            Ok(stopped) => Err(stopped.0),
            Err(other) => panic::resume_unwind(other),
        },
    }
}

/// Why the guarded call on this thread should stop now, if it should.
pub(crate) fn requested() -> Option<Stopped> {
    CURRENT.with_borrow(|c| c.iter().find_map(Halt::reason))
}

/// Whether the call on this thread can be stopped at all (a halting condition is set):
/// backends install their terminate callbacks only then.
#[cfg_attr(not(feature = "cadical"), allow(dead_code))]
pub(crate) fn armed() -> bool {
    CURRENT.with_borrow(|c| !c.is_empty())
}

/// Ends the guarded call on this thread when its condition is met: unwinds to
/// [`guarded`] (the panic hook does not run). A no-op outside guarded calls.
pub(crate) fn check() {
    if let Some(why) = requested() {
        panic::resume_unwind(Box::new(Unwinding(why)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_stopped_call_returns_err_and_restores_the_outer_condition() {
        let stop = Interrupt::new();
        let halt = Halt { interrupt: Some(stop.clone()), deadline: None };
        let r = guarded(&halt, || {
            check();
            stop.interrupt();
            check();
            unreachable!("check unwinds once interrupted")
        });
        assert_eq!(r, Err(Stopped::Interrupted));
        assert!(requested().is_none() && !armed());
        stop.clear();
        assert_eq!(guarded(&halt, armed), Ok(true));
        let past =
            Halt { interrupt: None, deadline: Some(Instant::now() - Duration::from_secs(1)) };
        assert_eq!(guarded(&past, || 1), Err(Stopped::DeadlineExpired));
        // Nested: both conditions hold inside, the outer one after; a condition-free
        // call inside a guarded one is stopped by the outer condition.
        let r = guarded(&halt, || {
            let inner = guarded(&past, || 0);
            let free = guarded(&Halt::default(), || {
                stop.interrupt();
                check();
            });
            (inner, free)
        });
        assert_eq!(r, Err(Stopped::Interrupted));
        stop.clear();
        let r = guarded(&halt, || (guarded(&past, || 0), requested()));
        assert_eq!(r, Ok((Err(Stopped::DeadlineExpired), None)));
    }

    #[test]
    fn other_panics_pass_through() {
        let halt = Halt { interrupt: Some(Interrupt::new()), deadline: None };
        let r = panic::catch_unwind(|| guarded(&halt, || panic!("boom")));
        assert!(r.is_err());
        assert!(!armed());
    }
}
