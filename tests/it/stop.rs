//! Stopping calls: an interrupt from another thread ends a hard SAT call within a
//! second on every backend that can stop inside a call (CaDiCaL, IPASIR libraries), a
//! deadline does too, and the solver answers rightly afterwards.

use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use argsat::dynamic::{Assumption, Dynamic, DynamicError, DynamicSemantics};
use argsat::generate::{Family, Params, generate};
use argsat::{Arg, Backend, Framework, Interrupt, Options, Semantics, Stopped, solver_with};

use crate::oracle::Oracle;

/// A random framework at the satisfiability threshold (no solver here decides
/// "does an admissible set contain argument 0" in minutes), with one unattacked argument
/// added: 1,000 `x`s and `z` = argument 1000.
fn hard() -> (Arc<Framework>, Arg, Arg) {
    let params = Params { args: 1000, seed: 1, p: Some(0.01), ..Params::default() };
    let er = generate(Family::ErdosRenyi, &params).unwrap();
    let attacks: Vec<(u32, u32)> =
        er.args().flat_map(|a| er.attacked_by(a).iter().map(move |b| (a.0, b.0))).collect();
    let af = Framework::from_attacks(1001, &attacks).unwrap();
    (Arc::new(af), Arg(0), Arg(1000))
}

/// Backends that stop inside a SAT call (varisat has no terminate callback).
fn stoppable() -> Vec<Backend> {
    crate::backends().into_iter().filter(|b| b.name() != "varisat").collect()
}

#[test]
fn an_interrupt_ends_a_hard_call_within_a_second_and_the_solver_goes_on() {
    let (af, q, z) = hard();
    for backend in stoppable() {
        let stop = Interrupt::new();
        let options = Options { backend, interrupt: Some(stop.clone()), ..Options::default() };
        let mut s = solver_with(Arc::clone(&af), Semantics::Complete, options);
        let stopper = {
            let stop = stop.clone();
            thread::spawn(move || {
                thread::sleep(Duration::from_millis(300));
                (stop.interrupt(), Instant::now()).1
            })
        };
        let r = s.credulous(q);
        let ended = Instant::now();
        let asked = stopper.join().unwrap();
        assert_eq!(r, Err(Stopped::Interrupted), "{backend}");
        assert!(ended.duration_since(asked) < Duration::from_secs(1), "{backend}");
        // Still interrupted: every call stops at once.
        assert_eq!(s.sceptical(z), Err(Stopped::Interrupted), "{backend}");
        // Cleared: the solver answers again (these need no hard call).
        stop.clear();
        assert!(s.credulous(z).unwrap().accepted, "{backend}");
        assert!(!s.sceptical(q).unwrap().accepted, "{backend}");
    }
}

#[test]
fn a_deadline_ends_a_hard_call_and_can_be_moved() {
    let (af, q, _) = hard();
    for backend in stoppable() {
        let start = Instant::now();
        let deadline = Some(start + Duration::from_millis(200));
        let options = Options { backend, deadline, ..Options::default() };
        let mut s = solver_with(Arc::clone(&af), Semantics::Stable, options);
        assert_eq!(s.credulous(q), Err(Stopped::DeadlineExpired), "{backend}");
        assert!(start.elapsed() < Duration::from_millis(1200), "{backend}");
        s.set_deadline(Some(Instant::now() + Duration::from_millis(200)));
        let again = Instant::now();
        assert_eq!(s.some_extension(), Err(Stopped::DeadlineExpired), "{backend}");
        assert!(again.elapsed() < Duration::from_millis(1200), "{backend}");
    }
}

/// A stop half-way through any call leaves a solver that answers every later question
/// as the brute-force oracle does, on every backend and semantics.
#[test]
fn a_solver_stopped_half_way_answers_rightly_afterwards() {
    let mut rng = argsat::generate::Rng::new(11);
    for round in 0..40 {
        let n = 2 + rng.below(8);
        let attacks: Vec<(u32, u32)> =
            (0..n).flat_map(|a| (0..n).map(move |b| (a, b))).filter(|_| rng.chance(0.3)).collect();
        let af = Arc::new(Framework::from_attacks(n, &attacks).unwrap());
        let o = Oracle::new(&af);
        for backend in crate::backends() {
            for sem in Semantics::ALL {
                let stop = Interrupt::new();
                let options =
                    Options { backend, interrupt: Some(stop.clone()), ..Options::default() };
                let mut s = solver_with(Arc::clone(&af), sem, options);
                // Stopped at the k-th extension's callback: mid-enumeration.
                let k = round % 3;
                let mut seen = 0;
                let r = s.enumerate(&mut |_| {
                    if seen == k {
                        stop.interrupt();
                    }
                    seen += 1;
                    true
                });
                stop.clear();
                let exts = o.extensions(sem);
                if r.is_ok() {
                    // Too few extensions for the stop to be noticed.
                    assert!(seen <= k + 1, "{attacks:?} {sem:?}");
                }
                assert_eq!(s.count().unwrap(), exts.len() as u64, "{attacks:?} {sem:?}");
                for a in af.args() {
                    let bit = 1u32 << a.0;
                    let cred = exts.iter().any(|&e| e & bit != 0);
                    let scep = exts.iter().all(|&e| e & bit != 0);
                    assert_eq!(s.credulous(a).unwrap().accepted, cred, "{attacks:?} {sem:?}");
                    assert_eq!(s.sceptical(a).unwrap().accepted, scep, "{attacks:?} {sem:?}");
                }
            }
        }
    }
}

#[test]
fn the_incremental_solver_stops_and_goes_on() {
    let (af, q, z) = hard();
    // A backend that stops inside a call (a varisat-only build has none but an IPASIR
    // library's).
    let Some(backend) = stoppable().into_iter().next() else { return };
    let mut d = Dynamic::with_backend(DynamicSemantics::Complete, backend);
    for a in af.args() {
        d.add_argument(a.0 + 1).unwrap();
    }
    for a in af.args() {
        for &b in af.attacked_by(a) {
            d.add_attack(a.0 + 1, b.0 + 1).unwrap();
        }
    }
    let start = Instant::now();
    d.set_deadline(Some(start + Duration::from_millis(300)));
    let r = d.credulous(&[Assumption::In(q.0 + 1)]);
    assert_eq!(r, Err(DynamicError::Stopped(Stopped::DeadlineExpired)));
    assert!(start.elapsed() < Duration::from_millis(1300));
    d.set_deadline(None);
    // z is unattacked: in the grounded extension, so in every complete one.
    assert!(d.sceptical(&[Assumption::In(z.0 + 1)]).unwrap().accepted);
    d.add_attack(1, z.0 + 1).unwrap();
    assert!(!d.sceptical(&[Assumption::In(z.0 + 1)]).unwrap().accepted);
}
