//! Running a solver call the way a Python user expects: the GIL released, Ctrl-C raising
//! `KeyboardInterrupt` within a fraction of a second (the call is stopped through the
//! library's `Interrupt`, and the object stays usable), and `timeout=` raising
//! `TimeoutError`.

use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};

use argsat::{Interrupt, Stopped};
use pyo3::exceptions::PyTimeoutError;
use pyo3::prelude::*;

/// How often the waiting thread looks at Python's signals.
const POLL: Duration = Duration::from_millis(50);

/// The deadline `timeout` seconds from now; a negative or non-finite timeout is a
/// `ValueError`.
pub fn deadline(timeout: Option<f64>) -> PyResult<Option<Instant>> {
    match timeout {
        None => Ok(None),
        Some(t) => Duration::try_from_secs_f64(t)
            .ok()
            .and_then(|d| Instant::now().checked_add(d))
            .map(Some)
            .ok_or_else(|| crate::value_error(format!("timeout must be seconds >= 0, not {t}"))),
    }
}

/// Runs `f` on another thread with the GIL released, while this thread (Python's, the
/// one signals are delivered to) checks for signals every [`POLL`]: on Ctrl-C it sets
/// `interrupt`, waits for `f` to stop, and raises what the signal handler raised.
/// `f`'s `Stopped::DeadlineExpired` is a `TimeoutError`.
pub fn run<T: Send>(
    py: Python<'_>,
    interrupt: &Interrupt,
    f: impl FnOnce() -> Result<T, Stopped> + Send,
) -> PyResult<T> {
    thread::scope(|scope| {
        let (tx, rx) = mpsc::channel::<()>();
        let worker = scope.spawn(move || {
            let r = f();
            drop(tx);
            r
        });
        let mut raised = None;
        let mut rx = Some(rx);
        loop {
            // The receiver moves to the thread that waits and back (it is not `Sync`).
            let (waited, back) = py.detach(move || {
                let r = rx.take().expect("put back after each wait");
                (r.recv_timeout(POLL), r)
            });
            rx = Some(back);
            // Disconnected: `f` returned (or panicked).
            if waited != Err(RecvTimeoutError::Timeout) {
                break;
            }
            if raised.is_none()
                && let Err(e) = py.check_signals()
            {
                interrupt.interrupt();
                raised = Some(e);
            }
        }
        let done = worker.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        interrupt.clear();
        match (raised, done) {
            (Some(e), _) => Err(e),
            (None, Ok(t)) => Ok(t),
            (None, Err(Stopped::DeadlineExpired)) => {
                Err(PyTimeoutError::new_err("the solver's timeout passed"))
            }
            (None, Err(e)) => Err(PyTimeoutError::new_err(e.to_string())),
        }
    })
}
