//! A small framework from the fuzzer's bytes (at most 8 arguments: the first byte says
//! how many, the next bytes' bits which attacks), every task of every semantics on every
//! backend against brute force over all sets, and every certificate through the
//! independent checker (`argsat::verify`).
#![no_main]
use argsat::{Backend, Framework, Options, Semantics, solver_with, verify};
use libfuzzer_sys::fuzz_target;

// The integration tests' brute-force oracle, the one the proptests check against.
#[path = "../../tests/it/oracle.rs"]
#[allow(dead_code)]
mod oracle;
use oracle::{Oracle, mask};

fuzz_target!(|data: &[u8]| {
    let Some((&first, bits)) = data.split_first() else { return };
    let n = u32::from(first % 9);
    let mut attacks = Vec::new();
    for a in 0..n {
        for b in 0..n {
            let i = (a * n + b) as usize;
            if bits.get(i / 8).is_some_and(|byte| byte >> (i % 8) & 1 == 1) {
                attacks.push((a, b));
            }
        }
    }
    let af = Framework::from_attacks(n, &attacks).unwrap();
    let oracle = Oracle::new(&af);
    for sem in Semantics::ALL {
        let exts = oracle.extensions(sem);
        for &backend in Backend::COMPILED {
            let mut s = solver_with(&af, sem, Options { backend, ..Options::default() });
            match s.some_extension() {
                Some(e) => {
                    assert!(exts.contains(&mask(&e)), "{sem} SE {e:?}");
                    verify::check_extension(&af, sem, &e).unwrap();
                }
                None => assert!(exts.is_empty(), "{sem}: SE found none"),
            }
            for a in af.args() {
                let bit = 1u32 << a.0;
                let d = s.credulous(a);
                assert_eq!(d.accepted, exts.iter().any(|e| e & bit != 0), "{sem} DC {a:?}");
                if let Some(w) = d.certificate.filter(|_| d.accepted) {
                    verify::check_credulous(&af, sem, a, &w).unwrap();
                }
                let d = s.sceptical(a);
                assert_eq!(d.accepted, exts.iter().all(|e| e & bit != 0), "{sem} DS {a:?}");
                if let Some(w) = d.certificate.filter(|_| !d.accepted) {
                    verify::check_sceptical_counterexample(&af, sem, a, &w).unwrap();
                }
            }
            let mut seen = Vec::new();
            s.enumerate(&mut |e| {
                seen.push(mask(e));
                true
            });
            seen.sort_unstable();
            let before = seen.len();
            seen.dedup();
            assert_eq!(before, seen.len(), "{sem}: EE repeated an extension");
            let mut expected = exts.clone();
            expected.sort_unstable();
            assert_eq!(seen, expected, "{sem} EE");
            assert_eq!(s.count(), exts.len() as u64, "{sem} CE");
        }
    }
});
