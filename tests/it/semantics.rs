//! Every task of every semantics against the brute-force oracle, on random small
//! frameworks; each certificate also passes the independent checker. One solver per
//! framework answers every query in turn, so state left by one query must not leak
//! into the next.

use std::collections::BTreeSet;

use argsat::{
    Arg, Backend, Certificates, Framework, Options, Semantics, Solver, Walk, solver_with, verify,
};
use proptest::prelude::*;

use crate::oracle::{Oracle, arb_framework, framework, mask};

/// Every certificate of `sem` is an extension of `sem` by the oracle and passes the
/// independent checker for the property it must have.
fn certified(af: &Framework, o: &Oracle, sem: Semantics, ext: &[Arg]) -> Result<(), String> {
    let exts = o.extensions(sem);
    if !exts.contains(&mask(ext)) {
        return Err(format!("{ext:?} is not a {} extension", sem.name()));
    }
    verify::check_extension(af, sem, ext).map_err(|e| format!("{ext:?} fails the checker: {e}"))
}

fn all_tasks_agree(af: &Framework, sem: Semantics, backend: Backend) -> Result<(), String> {
    let o = Oracle::new(af);
    let exts = o.extensions(sem);
    let options = Options { backend, ..Options::default() };
    let mut s = queries_agree(af, &o, &exts, sem, options.clone())?;
    // Where stable extensions are searched for, again with the local search taking
    // turns from the first conflict on (by default only hard queries see it).
    if matches!(sem, Semantics::Stable | Semantics::SemiStable | Semantics::Stage) {
        queries_agree(af, &o, &exts, sem, Options { walk: Walk::After(0), ..options.clone() })?;
    }
    // Preferred and complete queries try a short walk for a stable extension first, which
    // on frameworks this small nearly always answers when there is one: again without it,
    // so that the SAT searches behind it see those frameworks too.
    if matches!(sem, Semantics::Preferred | Semantics::Complete) {
        queries_agree(af, &o, &exts, sem, Options { walk: Walk::Never, ..options.clone() })?;
    }
    // EE, compared as sets, with no duplicates: with the default budget for blocking
    // clauses (all blocked, on frameworks this small), with none (all split), and with
    // one that runs out midway; then CE.
    for budget in [None, Some(0), Some(6)] {
        let mut seen = Vec::new();
        let mut s =
            solver_with(af.clone(), sem, Options { block_literals: budget, ..options.clone() });
        s.enumerate(&mut |e| {
            seen.push(mask(e));
            true
        })
        .unwrap();
        let uniq: BTreeSet<u32> = seen.iter().copied().collect();
        if uniq.len() != seen.len() {
            return Err(format!("EE ({budget:?}) repeated an extension: {seen:?}"));
        }
        if uniq != exts.iter().copied().collect() {
            return Err(format!("EE ({budget:?}) gave {uniq:?}, expected {exts:?}"));
        }
    }
    let count = s.count().unwrap();
    if count != exts.len() as u64 {
        return Err(format!("CE gave {count}, expected {}", exts.len()));
    }
    competition_certificates(af, sem, &exts, options)
}

/// SE, then DC and DS for every argument, on one solver with `options`, which is
/// returned for more questions.
fn queries_agree<'a>(
    af: &'a Framework,
    o: &Oracle,
    exts: &[u32],
    sem: Semantics,
    options: Options,
) -> Result<Box<dyn Solver + 'a>, String> {
    let mut s = solver_with(af.clone(), sem, options);
    // SE
    match s.some_extension().unwrap() {
        Some(e) => certified(af, o, sem, &e)?,
        None if exts.is_empty() => {}
        None => return Err("SE said none, there is one".into()),
    }
    for a in af.args() {
        let bit = 1u32 << a.0;
        let cred = exts.iter().any(|e| e & bit != 0);
        let d = s.credulous(a).unwrap();
        if d.accepted != cred {
            return Err(format!("DC {a:?}: got {}, expected {cred}", d.accepted));
        }
        if cred {
            let w = d.certificate.ok_or("DC YES without certificate")?;
            certified(af, o, sem, &w)?;
            if !w.contains(&a) {
                return Err(format!("DC witness {w:?} lacks {a:?}"));
            }
        }
        let scep = exts.iter().all(|e| e & bit != 0);
        let d = s.sceptical(a).unwrap();
        if d.accepted != scep {
            return Err(format!("DS {a:?}: got {}, expected {scep}", d.accepted));
        }
        if !scep {
            let w = d.certificate.ok_or("DS NO without certificate")?;
            certified(af, o, sem, &w)?;
            if w.contains(&a) {
                return Err(format!("DS counterexample {w:?} contains {a:?}"));
            }
        }
    }
    Ok(s)
}

/// Under the ICCMA 2023 and 2025 rules the answers are the same and every certificate
/// proves its answer by the checker's rules (an admissible set may stand for a complete
/// or preferred extension); under 2025 a DS-PR counterexample is an admissible set
/// attacking the argument whenever one exists.
fn competition_certificates(
    af: &Framework,
    sem: Semantics,
    exts: &[u32],
    options: Options,
) -> Result<(), String> {
    for certificates in [Certificates::Iccma2023, Certificates::Iccma2025] {
        let mut s = solver_with(af.clone(), sem, Options { certificates, ..options.clone() });
        for a in af.args() {
            let bit = 1u32 << a.0;
            let d = s.credulous(a).unwrap();
            if d.accepted != exts.iter().any(|e| e & bit != 0) {
                return Err(format!("{certificates:?} DC {a:?}: got {}", d.accepted));
            }
            if let Some(w) = d.certificate.filter(|_| d.accepted) {
                verify::check_credulous(af, sem, a, &w)
                    .map_err(|e| format!("{certificates:?} DC {a:?} witness {w:?}: {e}"))?;
            }
            let d = s.sceptical(a).unwrap();
            if d.accepted != exts.iter().all(|e| e & bit != 0) {
                return Err(format!("{certificates:?} DS {a:?}: got {}", d.accepted));
            }
            if let Some(w) = d.certificate.filter(|_| !d.accepted) {
                verify::check_sceptical_counterexample(af, sem, a, &w)
                    .map_err(|e| format!("{certificates:?} DS {a:?} counterexample {w:?}: {e}"))?;
                let attacked = af.attackers(a).iter().any(|b| w.contains(b));
                let attackable = sem == Semantics::Preferred
                    && af.attackers(a).iter().any(|&b| {
                        // Some admissible set has b: then one attacks a.
                        exts.iter().any(|e| e >> b.0 & 1 == 1)
                    });
                if certificates == Certificates::Iccma2025 && attackable && !attacked {
                    return Err(format!("2025 DS-PR {a:?}: {w:?} does not attack it"));
                }
            }
        }
    }
    Ok(())
}

fn config() -> ProptestConfig {
    ProptestConfig { cases: 200, ..ProptestConfig::default() }
}

macro_rules! differential {
    ($name:ident, $sem:expr) => {
        proptest! {
            #![proptest_config(config())]
            #[test]
            fn $name(af in arb_framework(12)) {
                for backend in crate::backends() {
                    if let Err(e) = all_tasks_agree(&af, $sem, backend) {
                        let attacks: Vec<_> = af.attack_pairs().map(|(a, b)| (a.0, b.0)).collect();
                        prop_assert!(false, "{} ({backend}): {e}\nframework: n={} attacks={attacks:?}", $sem.name(), af.len());
                    }
                }
            }
        }
    };
}

differential!(grounded_matches_brute_force, Semantics::Grounded);
differential!(complete_matches_brute_force, Semantics::Complete);
differential!(preferred_matches_brute_force, Semantics::Preferred);
differential!(stable_matches_brute_force, Semantics::Stable);
differential!(semi_stable_matches_brute_force, Semantics::SemiStable);
differential!(stage_matches_brute_force, Semantics::Stage);
differential!(ideal_matches_brute_force, Semantics::Ideal);

/// Hand-picked frameworks with known traps, for every semantics.
#[test]
fn named_traps() {
    let cases: &[(u32, &[(u32, u32)])] = &[
        (0, &[]),
        (1, &[(0, 0)]),
        (3, &[(0, 1), (1, 2), (2, 0)]),
        // Odd cycle attacking an even one: no stable extension, SST != ST.
        (5, &[(0, 1), (1, 2), (2, 0), (2, 3), (3, 4), (4, 3)]),
        // Several semi-stable extensions sharing one range.
        (4, &[(0, 1), (1, 0), (0, 2), (1, 2), (2, 3), (3, 2), (3, 3)]),
        // Stage extension not containing the grounded extension.
        (3, &[(0, 1), (1, 1), (2, 2), (2, 0)]),
        // 0 <-> 1, 0 -> 2 -> 2 -> 3: no admissible set attacks 3, the preferred extension
        // {1} lacks it, and the ideal extension is empty (DS-PR NO past the ideal check).
        (4, &[(0, 1), (1, 0), (0, 2), (2, 2), (2, 3)]),
        // 0 <-> 1 -> 1: 0 is ideal, not grounded (DS-PR YES by the ideal check).
        (2, &[(0, 1), (1, 0), (1, 1)]),
    ];
    for &(n, attacks) in cases {
        let af = framework(n, attacks);
        for sem in Semantics::ALL {
            for backend in crate::backends() {
                if let Err(e) = all_tasks_agree(&af, sem, backend) {
                    panic!("{} ({backend}) on n={n} {attacks:?}: {e}", sem.name());
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(config())]
    /// The certificate checker (`argsat::verify`, which `argsat bench` uses on every
    /// solver's answers) accepts exactly the oracle's extensions, for every subset.
    #[test]
    fn checker_accepts_exactly_the_extensions(af in arb_framework(7)) {
        let o = Oracle::new(&af);
        for sem in Semantics::ALL {
            let exts = o.extensions(sem);
            for m in 0u32..(1 << af.len()) {
                let set: Vec<Arg> = af.args().filter(|a| m >> a.0 & 1 == 1).collect();
                let ok = verify::check_extension(&af, sem, &set);
                prop_assert_eq!(ok.is_ok(), exts.contains(&m), "{} {:?}: {:?}", sem.name(), set, ok);
            }
        }
    }
}
