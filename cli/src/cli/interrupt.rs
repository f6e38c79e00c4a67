//! Ending early, cleanly: on SIGINT or SIGTERM, or when `--timeout` expires, argsat exits
//! at once with a distinct code ([`INTERRUPTED`], [`TERMINATED`], [`TIMED_OUT`]), but
//! never in the middle of a line: output is written in records ([`emit`]), each whole
//! and flushed while [`OUTPUT`] is held, and the exit waits for it.
//!
//! The signals are blocked in every thread (the mask is set before any other thread
//! starts, and threads inherit it) and taken by one thread with `sigwait`, so no handler
//! runs at an arbitrary point of the program.

use std::io::{self, Write};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

/// Exit code after SIGINT (128 + 2, as shells report it).
pub(crate) const INTERRUPTED: i32 = 130;
/// Exit code after SIGTERM (128 + 15).
pub(crate) const TERMINATED: i32 = 143;
/// Exit code when `--timeout` expires (as `timeout(1)`).
pub(crate) const TIMED_OUT: i32 = 124;

/// Held while a record of output is written and flushed.
static OUTPUT: Mutex<()> = Mutex::new(());

fn output() -> MutexGuard<'static, ()> {
    OUTPUT.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Writes one record with `f` and flushes it, so that an early exit leaves it whole or
/// absent.
pub(crate) fn emit<W: Write>(
    out: &mut W,
    f: impl FnOnce(&mut W) -> io::Result<()>,
) -> io::Result<()> {
    let _guard = output();
    f(out)?;
    out.flush()
}

/// What to undo before an early exit (files to remove, say), registered by [`on_exit`].
static ON_EXIT: Mutex<Vec<fn()>> = Mutex::new(Vec::new());

/// Runs `f` before an early exit (a signal or `--timeout`); a normal return does its own
/// cleaning.
pub(crate) fn on_exit(f: fn()) {
    ON_EXIT.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).push(f);
}

/// Exits with `code` once no record is being written; `message`, if any, goes to stderr.
fn exit_between_records(code: i32, message: Option<String>) -> ! {
    let _guard = output();
    for f in ON_EXIT.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).iter() {
        f();
    }
    if let Some(m) = message {
        eprintln!("{m}");
    }
    std::process::exit(code)
}

/// Takes SIGINT and SIGTERM over, and starts the `timeout` watchdog. Call before any
/// other thread starts.
pub(crate) fn install(timeout: Option<Duration>) {
    #[cfg(unix)]
    {
        // SAFETY: sigset operations on a local set, and the calling thread's mask.
        let set = unsafe {
            let mut set: libc::sigset_t = std::mem::zeroed();
            libc::sigemptyset(&mut set);
            libc::sigaddset(&mut set, libc::SIGINT);
            libc::sigaddset(&mut set, libc::SIGTERM);
            libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut());
            set
        };
        std::thread::spawn(move || {
            let mut signal: libc::c_int = 0;
            // SAFETY: waits for one of the blocked signals of `set`.
            while unsafe { libc::sigwait(&set, &mut signal) } != 0 {}
            let code = if signal == libc::SIGINT { INTERRUPTED } else { TERMINATED };
            exit_between_records(code, None)
        });
    }
    if let Some(limit) = timeout {
        // The solvers stop at the limit themselves (`Options::deadline`): the watchdog
        // ends, a little later, what cannot be stopped (reading a file, a varisat call).
        std::thread::spawn(move || {
            std::thread::sleep(limit.saturating_add(WATCHDOG_GRACE));
            exit_between_records(TIMED_OUT, Some(timed_out(limit)))
        });
    }
}

/// How long after `--timeout` the watchdog ends a run the solvers did not stop.
const WATCHDOG_GRACE: Duration = Duration::from_millis(500);

/// What argsat says when `--timeout` passes.
pub(crate) fn timed_out(limit: Duration) -> String {
    format!("argsat: timed out after {} s", limit.as_secs_f64())
}
