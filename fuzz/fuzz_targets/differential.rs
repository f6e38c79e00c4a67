//! A small framework from the fuzzer's bytes (at most 8 arguments: the first byte says
//! how many, the next bytes' bits which attacks), every task of every semantics on every
//! backend against brute force over all sets, and every certificate through the
//! independent checker (`argsat::verify`).
#![no_main]
use argsat::{Arg, Backend, Framework, Options, Semantics, solver_with, verify};
use libfuzzer_sys::fuzz_target;

/// Every extension of `af` under `sem`, as bitmasks, by brute force.
fn extensions(af: &Framework, sem: Semantics) -> Vec<u32> {
    let n = af.len();
    let all = (1u32 << n) - 1;
    let mut att = vec![0u32; n]; // att[a]: the set a attacks
    let mut by = vec![0u32; n]; // by[a]: the set attacking a
    for (a, b) in af.attack_pairs() {
        att[a.index()] |= 1 << b.0;
        by[b.index()] |= 1 << a.0;
    }
    let hit = |s: u32| (0..n).filter(|&a| s >> a & 1 == 1).fold(0, |acc, a| acc | att[a]);
    let cf = |s: u32| hit(s) & s == 0;
    let defended = |s: u32| {
        let h = hit(s);
        (0..n).filter(|&a| by[a] & !h == 0).fold(0u32, |acc, a| acc | 1 << a)
    };
    let admissible = |s: u32| cf(s) && s & !defended(s) == 0;
    let complete: Vec<u32> = (0..=all).filter(|&s| cf(s) && defended(s) == s).collect();
    let maximal = |sets: Vec<u32>, key: &dyn Fn(u32) -> u32| -> Vec<u32> {
        let keys: Vec<u32> = sets.iter().map(|&s| key(s)).collect();
        sets.iter()
            .zip(&keys)
            .filter(|&(_, &k)| !keys.iter().any(|&o| o != k && o & k == k))
            .map(|(&s, _)| s)
            .collect()
    };
    let range = |s: u32| s | hit(s);
    match sem {
        Semantics::Complete => complete,
        Semantics::Grounded => vec![*complete.iter().min_by_key(|s| s.count_ones()).unwrap()],
        Semantics::Stable => (0..=all).filter(|&s| cf(s) && range(s) == all).collect(),
        Semantics::Preferred => maximal(complete, &|s| s),
        Semantics::SemiStable => maximal(complete, &range),
        Semantics::Stage => maximal((0..=all).filter(|&s| cf(s)).collect(), &range),
        Semantics::Ideal => {
            let pr = maximal(complete, &|s| s);
            let inter = pr.iter().fold(all, |acc, &p| acc & p);
            let best = (0..=all).filter(|&s| s & !inter == 0 && admissible(s)).max_by_key(|s| s.count_ones());
            vec![best.unwrap()]
        }
    }
}

fn mask(set: &[Arg]) -> u32 {
    set.iter().fold(0, |acc, a| acc | 1 << a.0)
}

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
    for sem in Semantics::ALL {
        let exts = extensions(&af, sem);
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
