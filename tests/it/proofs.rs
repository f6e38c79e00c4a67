//! Certified answers: on random small frameworks, every answer argsat certifies (every
//! claim of `docs/proofs.md`: DC-CO/PR/ST NO, DS-ST/PR YES, DS-PR NO, SE-ST NO, SE-PR,
//! SE-SST, SE-STG, DC-SST/STG, DS-SST/STG with or without a stable extension, EE-ST, EE-PR,
//! EE-CO, EE-SST, EE-STG, SE/DC/DS-ID) comes with a DRAT proof
//! that an external checker (`rate` or drat-trim: `ARGSAT_DRAT_CHECKER`, or on `PATH`; CI
//! installs rate) verifies against the canonical formula `argsat::proofcheck` rebuilds
//! from the printed answer; broken proofs, and proofs of claims that are false, are
//! rejected. Without a checker these tests say so and pass (a user's clone has none; CI
//! has one).

use std::path::PathBuf;

use argsat::certify::{Claim, ProveError, ideal_claims, prove};
use argsat::proofcheck::{DratChecker, Needs, Printed, Verdict, claim_of, ideal_by_attacks};
use argsat::{Arg, Framework, Problem, Semantics, Task, solver};

use proptest::prelude::*;

use crate::oracle::{Oracle, arb_framework};

fn checker() -> Option<DratChecker> {
    match DratChecker::find() {
        Ok(c) => Some(c),
        Err(e) => {
            eprintln!("proof tests skipped: {e}");
            None
        }
    }
}

fn scratch_file(what: &str) -> std::path::PathBuf {
    let id = format!("{}-{:?}", std::process::id(), std::thread::current().id());
    let id: String = id.chars().filter(char::is_ascii_alphanumeric).collect();
    crate::scratch().join(format!("{what}-{id}.drat"))
}

/// Proves `claim`, returning the proof's path and the claim it refutes.
fn proof_of(af: &Framework, claim: &Claim) -> (std::path::PathBuf, Claim) {
    let path = scratch_file("proof");
    let refuted = prove(af, claim, &path).unwrap_or_else(|e| panic!("{claim:?}: {e}"));
    (path, refuted)
}

fn verdict(c: &DratChecker, af: &Framework, claim: &Claim, proof: &std::path::Path) -> Verdict {
    c.check(af, claim, proof, crate::scratch()).unwrap()
}

/// The tasks with a certified answer, queried about every argument where they take one.
const TASKS: &[&str] = &[
    "DC-CO", "DC-PR", "DC-ST", "DS-ST", "DS-PR", "SE-ST", "SE-PR", "SE-SST", "SE-STG", "EE-ST",
    "EE-PR", "DC-SST", "DS-SST", "DC-STG", "DS-STG", "EE-CO", "EE-SST", "EE-STG", "SE-ID", "DC-ID",
    "DS-ID",
];

/// argsat's answer to `task` about `query`: YES/NO (or, for SE, whether it found an
/// extension) and the sets it prints.
fn answer(s: &mut dyn argsat::Solver, task: Task, query: Option<Arg>) -> (bool, Vec<Vec<Arg>>) {
    match (task.problem, query) {
        (Problem::Credulous, Some(q)) => {
            let d = s.credulous(q).unwrap();
            (d.accepted, d.certificate.filter(|_| d.accepted).into_iter().collect())
        }
        (Problem::Sceptical, Some(q)) => {
            let d = s.sceptical(q).unwrap();
            (d.accepted, d.certificate.filter(|_| !d.accepted).into_iter().collect())
        }
        (Problem::SomeExtension, _) => {
            let e = s.some_extension().unwrap();
            (e.is_some(), e.into_iter().collect())
        }
        _ => {
            let mut all = Vec::new();
            s.enumerate(&mut |e| {
                all.push(e.to_vec());
                true
            })
            .unwrap();
            (true, all)
        }
    }
}

/// The answer as printed: YES/NO where the task prints it.
fn printed(task: Task, yes: bool, sets: &[Vec<Arg>]) -> Printed {
    let word = match task.problem {
        Problem::Credulous | Problem::Sceptical => Some(yes),
        Problem::SomeExtension if !yes => Some(false),
        _ => None,
    };
    Printed { yes: word, sets: sets.to_vec() }
}

fn kind(claim: &Claim) -> &'static str {
    match claim {
        Claim::NoAdmissibleWith(_) => "NoAdmissibleWith",
        Claim::NoStableWith(_) => "NoStableWith",
        Claim::NoStableWithout(_) => "NoStableWithout",
        Claim::NoStable => "NoStable",
        Claim::NoAdmissibleAbove(_) => "NoAdmissibleAbove",
        Claim::NoOtherStable(_) => "NoOtherStable",
        Claim::NoAdmissibleOutside(_) => "NoAdmissibleOutside",
        Claim::NoAdmissibleWiderRange(_) => "NoAdmissibleWiderRange",
        Claim::NoConflictFreeWiderRange(_) => "NoConflictFreeWiderRange",
        Claim::StableShown { .. } => "StableShown",
        Claim::RangeCover { .. } => "RangeCover",
        Claim::NoOtherComplete(_) => "NoOtherComplete",
        Claim::NoOtherRangeMaximal { .. } => "NoOtherRangeMaximal",
        Claim::IdealShown { .. } => "IdealShown",
        Claim::IdealAttacked { .. } => "IdealAttacked",
        _ => "other",
    }
}

fn random(seed: u64, n: u32, p: f64) -> Framework {
    let mut rng = argsat::generate::Rng::new(seed);
    let attacks: Vec<(u32, u32)> =
        (0..n).flat_map(|a| (0..n).map(move |b| (a, b))).filter(|_| rng.chance(p)).collect();
    Framework::from_attacks(n, &attacks).unwrap()
}

/// Certifies every answer argsat gives on `af` for every task of [`TASKS`] (each query),
/// and checks each proof with `c` against the claim the checker rebuilds from the printed
/// answer; counts the claims proved by kind, and the answers shown by their sets.
fn certify_all(
    c: &DratChecker,
    af: &Framework,
    proved: &mut std::collections::BTreeMap<&'static str, usize>,
    witnessed: &mut usize,
) -> Result<(), String> {
    let o = Oracle::new(af);
    for t in TASKS {
        let task: Task = t.parse().unwrap();
        let mut s = solver(af.clone(), task.semantics);
        let queries: Vec<Option<Arg>> =
            if task.problem.needs_argument() { af.args().map(Some).collect() } else { vec![None] };
        for q in queries {
            let (yes, sets) = answer(s.as_mut(), task, q);
            if task == "SE-ST".parse().unwrap() && yes == o.extensions(Semantics::Stable).is_empty()
            {
                return Err(format!("SE-ST answered {yes}"));
            }
            let claim =
                Claim::of_answer(af, task, q, yes, &sets).map_err(|e| format!("{t} {q:?}: {e}"))?;
            let Some(claim) = claim else {
                // The printed sets show the answer: the checker agrees.
                let needs = claim_of(af, task, q, &printed(task, yes, &sets), None);
                if !matches!(needs, Ok(Needs::Nothing(_))) {
                    return Err(format!("{t} {q:?}: {needs:?}"));
                }
                *witnessed += 1;
                continue;
            };
            let proof = scratch_file("proof");
            let refuted = match prove(af, &claim, &proof) {
                Ok(refuted) => refuted,
                Err(e) => return Err(format!("{t} {q:?} {claim:?}: {e}")),
            };
            // Semi-stable and stage refutations: a stable extension where there is one,
            // else a range cover (Sigma2: selectors over the cover's sets).
            match (&refuted, o.extensions(Semantics::Stable).is_empty()) {
                (Claim::StableShown { .. }, false) | (Claim::RangeCover { .. }, true) => {}
                (Claim::StableShown { .. } | Claim::RangeCover { .. }, _) => {
                    return Err(format!("{t} {q:?}: {refuted:?}"));
                }
                _ => {}
            }
            // The checker's own reading of the printed answer (and of the sets published
            // beside the proof: DS-PR YES's covering sets, the stable extension behind a
            // semi-stable or stage refutation) makes the claim the proof refutes.
            let (shown, published);
            let covering = match &refuted {
                Claim::NoAdmissibleOutside(sets) if task.problem == Problem::Sceptical => {
                    Some(sets.as_slice())
                }
                Claim::StableShown { stable, .. } => {
                    shown = [stable.clone()];
                    Some(shown.as_slice())
                }
                Claim::RangeCover { sets, .. } => Some(sets.as_slice()),
                Claim::IdealShown { accepted, ideal } => {
                    published = [accepted.as_slice(), std::slice::from_ref(ideal)].concat();
                    Some(published.as_slice())
                }
                _ => None,
            };
            let rebuilt = match &refuted {
                Claim::IdealAttacked { attacking, ideal } => {
                    ideal_by_attacks(af, task, q, &printed(task, yes, &sets), attacking, ideal)
                }
                _ => claim_of(af, task, q, &printed(task, yes, &sets), covering),
            };
            let Ok(Needs::Proof(rebuilt)) = rebuilt else {
                return Err(format!("{t} {q:?} {yes}: {rebuilt:?}"));
            };
            let v = verdict(c, af, &rebuilt, &proof);
            let _ = std::fs::remove_file(proof);
            if v != Verdict::Verified {
                return Err(format!("{t} {q:?}: {rebuilt:?}: {v:?}"));
            }
            *proved.entry(kind(&rebuilt)).or_default() += 1;
        }
    }
    Ok(())
}

#[test]
fn every_certified_answer_comes_with_a_proof_that_checks() {
    let Some(c) = checker() else { return };
    let mut proved = Default::default();
    let mut witnessed = 0;
    for seed in 0..24 {
        let af = random(seed, 3 + (seed % 9) as u32, 0.15 + 0.05 * (seed % 4) as f64);
        certify_all(&c, &af, &mut proved, &mut witnessed)
            .unwrap_or_else(|e| panic!("{e} on {af:?}"));
    }
    // Frameworks without a stable extension: odd cycles and random ones so filtered,
    // where semi-stable and stage refutations need a range cover.
    let mut without = 0;
    for seed in 100..400 {
        let af = random(seed, 3 + (seed % 6) as u32, 0.2 + 0.05 * (seed % 4) as f64);
        if without == 8 || !crate::oracle::Oracle::new(&af).extensions(Semantics::Stable).is_empty()
        {
            continue;
        }
        without += 1;
        certify_all(&c, &af, &mut proved, &mut witnessed)
            .unwrap_or_else(|e| panic!("{e} on {af:?}"));
    }
    assert_eq!(without, 8);
    eprintln!("proved: {proved:?}, witnessed: {witnessed}");
    // Every kind of claim was proved, many times.
    assert_eq!(proved.len(), 14, "{proved:?}");
    assert!(proved.values().all(|&k| k >= 10), "{proved:?}");
    assert!(witnessed > 100);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]
    /// The same on frameworks proptest picks (and shrinks when one fails).
    #[test]
    fn certified_answers_check_on_any_small_framework(af in arb_framework(7)) {
        if let Some(c) = checker() {
            let (mut proved, mut witnessed) = (Default::default(), 0);
            let result = certify_all(&c, &af, &mut proved, &mut witnessed);
            prop_assert!(result.is_ok(), "{:?} on {:?}", result, af);
        }
    }
}

#[test]
fn broken_proofs_and_false_claims_are_rejected() {
    let Some(c) = checker() else { return };
    let af = random(7, 9, 0.25);
    let mut st = solver(af.clone(), Semantics::Stable);
    let mut rejected = 0;
    for a in af.args() {
        if st.credulous(a).unwrap().accepted {
            continue;
        }
        let claim = Claim::NoStableWith(a);
        let (proof, _) = proof_of(&af, &claim);
        let text = std::fs::read_to_string(&proof).unwrap();
        assert_eq!(verdict(&c, &af, &claim, &proof), Verdict::Verified);
        // The proof of one argument's claim, against another's (accepted: its formula is
        // satisfiable, so no proof can check).
        if let Some(b) = af.args().find(|&b| st.credulous(b).unwrap().accepted) {
            let v = verdict(&c, &af, &Claim::NoStableWith(b), &proof);
            assert!(matches!(v, Verdict::Rejected(_)), "{v:?}");
            rejected += 1;
        }
        // Without its last lemma (the empty clause, or what derives it).
        let lines: Vec<&str> = text.lines().collect();
        let cut = lines[..lines.len() - 1].join("\n") + "\n";
        std::fs::write(&proof, &cut).unwrap();
        if let Verdict::Rejected(_) = verdict(&c, &af, &claim, &proof) {
            rejected += 1;
        }
        let _ = std::fs::remove_file(proof);
    }
    assert!(rejected > 0);
    // A query where the task takes none, or none where it needs one: an error, no panic.
    let dc: Task = "DC-ST".parse().unwrap();
    assert!(Claim::of_answer(&af, dc, None, false, &[]).is_err());
    assert!(Claim::of_answer(&af, "SE-ST".parse().unwrap(), Some(Arg(0)), false, &[]).is_err());
    // A false claim gets no proof at all.
    let free = Framework::from_attacks(2, &[(0, 1)]).unwrap();
    match prove(&free, &Claim::NoAdmissibleWith(Arg(0)), &scratch_file("false")) {
        Err(ProveError::False(set)) => {
            assert!(set.contains(&Arg(0)) && argsat::verify::is_admissible(&free, &set));
        }
        other => panic!("{other:?}"),
    }
}

/// Frameworks with several stable and preferred extensions.
fn several(seed: u64) -> Framework {
    // Three mutual attacks, 0 <-> 1, 2 <-> 3, 4 <-> 5, plus random attacks on 6..9.
    let mut attacks = vec![(0, 1), (1, 0), (2, 3), (3, 2), (4, 5), (5, 4)];
    let extra = random(seed, 10, 0.08);
    for a in extra.args() {
        for &b in extra.attacked_by(a) {
            if b.0 >= 6 && a != b {
                attacks.push((a.0, b.0));
            }
        }
    }
    Framework::from_attacks(10, &attacks).unwrap()
}

#[test]
fn enumerations_missing_an_extension_and_stretched_claims_are_rejected() {
    let Some(c) = checker() else { return };
    let mut rejected = 0;
    for seed in 0..12 {
        let af = several(seed);
        let sems = [
            Semantics::Stable,
            Semantics::Preferred,
            Semantics::Complete,
            Semantics::SemiStable,
            Semantics::Stage,
        ];
        for sem in sems {
            let mut s = solver(af.clone(), sem);
            let task = Task { problem: Problem::EnumerateExtensions, semantics: sem };
            let (_, all) = answer(s.as_mut(), task, None);
            assert!(all.len() >= 2, "{all:?}");
            let claim = Claim::of_answer(&af, task, None, true, &all).unwrap().unwrap();
            let (proof, refuted) = proof_of(&af, &claim);
            assert_eq!(verdict(&c, &af, &refuted, &proof), Verdict::Verified);
            // One extension left out: the prover finds it, the checker rejects the proof
            // of the whole list against the shorter one.
            let fewer = all[1..].to_vec();
            let short = Claim::of_answer(&af, task, None, true, &fewer).unwrap().unwrap();
            match prove(&af, &short, &scratch_file("short")) {
                Err(ProveError::False(missed)) => {
                    let mut missed = missed;
                    missed.sort();
                    let mut first = all[0].clone();
                    first.sort();
                    // Stable and complete: exactly the one left out; preferred: a subset
                    // of it; semi-stable and stage: a set whose range no other printed
                    // one's strictly contains.
                    if matches!(sem, Semantics::Stable | Semantics::Preferred | Semantics::Complete)
                    {
                        assert!(missed.iter().all(|a| first.contains(a)), "{missed:?} {first:?}");
                    }
                }
                other => panic!("{other:?}"),
            }
            assert!(matches!(verdict(&c, &af, &short, &proof), Verdict::Rejected(_)));
            rejected += 1;
            if matches!(sem, Semantics::SemiStable | Semantics::Stage) {
                // Nested ranges: the grounded extension (complete, conflict-free) added to
                // the list, its range strictly inside a stable one's, is refused unread.
                let mut g = solver(af.clone(), Semantics::Grounded);
                let grounded = g.some_extension().unwrap().unwrap();
                if !all.iter().any(|e| e.len() == grounded.len()) {
                    let mut more = all.clone();
                    more.push(grounded);
                    let p = Printed { yes: None, sets: more };
                    let got = claim_of(&af, task, None, &p, None);
                    assert!(got.as_ref().is_err_and(|e| e.contains("strictly inside")), "{got:?}");
                    rejected += 1;
                }
            }
            // A preferred extension's maximality proof does not prove a smaller set
            // maximal (stable and preferred extensions only: the others need not be
            // maximal admissible sets).
            if !matches!(sem, Semantics::Stable | Semantics::Preferred) {
                continue;
            }
            let e = &all[0];
            let (proof, _) = proof_of(&af, &Claim::NoAdmissibleAbove(e.clone()));
            let smaller = Claim::NoAdmissibleAbove(e[1..].to_vec());
            if sem == Semantics::Preferred && !e.is_empty() {
                assert!(matches!(verdict(&c, &af, &smaller, &proof), Verdict::Rejected(_)));
                rejected += 1;
            }
            // A literal flipped in the proof's first lemma.
            let text = std::fs::read_to_string(&proof).unwrap();
            if let Some(first) = text.lines().find(|l| !l.starts_with('d') && l.len() > 2) {
                let flipped = match first.strip_prefix('-') {
                    Some(rest) => rest.to_owned(),
                    None => format!("-{first}"),
                };
                let broken = text.replacen(first, &flipped, 1);
                std::fs::write(&proof, broken).unwrap();
                let claim = Claim::NoAdmissibleAbove(e.clone());
                if let Verdict::Rejected(_) = verdict(&c, &af, &claim, &proof) {
                    rejected += 1;
                }
            }
            let _ = std::fs::remove_file(proof);
        }
    }
    assert!(rejected >= 72, "{rejected}");
}

#[test]
fn the_command_line_writes_and_verifies_proofs() {
    let debate = crate::root().join("frameworks/capabilities-vs-alignment.apx");
    let debate = debate.to_str().unwrap();
    let proof = crate::scratch().join(format!("claim-{}.drat", std::process::id()));
    let p = proof.to_str().unwrap();
    // DC-ST NO for the debate's claim: a proof is written.
    let o = crate::cli::argsat(&["-p", "DC-ST", "-f", debate, "-a", "claim", "--proof", p]);
    assert_eq!((o.status.code(), o.stdout.as_slice()), (Some(0), b"NO\n".as_slice()));
    assert!(proof.is_file());
    // An answer with a witness writes none; an unsupported refutation says so.
    let other = crate::scratch().join(format!("none-{}.drat", std::process::id()));
    let q = other.to_str().unwrap();
    let o =
        crate::cli::argsat(&["-p", "DC-ST", "-f", debate, "-a", "c_deception_races", "--proof", q]);
    assert!(o.status.success() && !other.exists());
    let o = crate::cli::argsat(&["-p", "CE-ST", "-f", debate, "--proof", q]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success() && err.contains("no proof for CE-ST") && !other.exists(), "{err}");
    // Bad input: exit 2.
    let o = crate::cli::argsat(&["verify-proof", debate, p, "-p", "DC-ST"]);
    assert_eq!(o.status.code(), Some(2));
    let o = crate::cli::argsat(&["verify-proof", debate, q, "-p", "DC-ST", "-a", "claim"]);
    assert_eq!(o.status.code(), Some(2));
    if checker().is_none() {
        return;
    }
    let o = crate::cli::argsat(&["verify-proof", debate, p, "-p", "DC-ST", "-a", "claim"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(out.starts_with("verified: no stable extension contains claim"), "{out}");
    // The same proof for an argument some stable extension contains: rejected.
    let o =
        crate::cli::argsat(&["verify-proof", debate, p, "-p", "DC-ST", "-a", "c_deception_races"]);
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stdout));
    // odd_cycle: no stable extension; `check --proof` and SE-ST agree.
    let odd = crate::root().join("frameworks/odd_cycle.af");
    let odd = odd.to_str().unwrap();
    let o = crate::cli::argsat(&["check", odd, "--proof", p]);
    assert_eq!(o.status.code(), Some(1));
    let o = crate::cli::argsat(&["verify-proof", odd, p, "-p", "SE-ST"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stdout));
    // Answers with sets: verify-proof reads the printed answer (--answer); dropping a
    // line of it, or a covering set of DS-PR YES, is rejected.
    let out = crate::scratch().join(format!("answer-{}.txt", std::process::id()));
    let a = out.to_str().unwrap();
    for (task, query) in [
        ("SE-PR", None),
        ("EE-ST", None),
        ("EE-PR", None),
        ("SE-SST", None),
        ("DS-PR", Some("c_deception_races")),
        ("DC-SST", Some("claim")),
        ("SE-ID", None),
    ] {
        let mut args = vec!["-p", task, "-f", debate, "--proof", p];
        args.extend(query.iter().flat_map(|q| ["-a", *q]));
        let o = crate::cli::argsat(&args);
        assert!(o.status.success(), "{task}: {}", String::from_utf8_lossy(&o.stderr));
        std::fs::write(&out, &o.stdout).unwrap();
        let mut check = vec!["verify-proof", debate, p, "-p", task, "--answer", a];
        check.extend(query.iter().flat_map(|q| ["-a", *q]));
        let o = crate::cli::argsat(&check);
        let said = String::from_utf8_lossy(&o.stdout);
        assert_eq!(o.status.code(), Some(0), "{task}: {said}");
        assert!(said.starts_with("verified: "), "{said}");
        let sets = std::path::PathBuf::from(format!("{p}.sets"));
        if task == "DC-SST" {
            // Without the sets beside the proof (a stable extension, or a range cover)
            // the claim cannot be rebuilt.
            std::fs::remove_file(&sets).unwrap();
            let o = crate::cli::argsat(&check);
            assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stdout));
            continue;
        }
        // Break the answer (or the covering sets): one `w` line loses its last argument.
        let target = if task == "DS-PR" { sets.clone() } else { out.clone() };
        let text = std::fs::read_to_string(&target).unwrap();
        let first = text.lines().find(|l| l.starts_with("w ")).unwrap();
        let shorter = first.rsplit_once(' ').unwrap().0;
        std::fs::write(&target, text.replacen(first, shorter, 1)).unwrap();
        let o = crate::cli::argsat(&check);
        assert_eq!(o.status.code(), Some(1), "{task}: {}", String::from_utf8_lossy(&o.stdout));
        let _ = std::fs::remove_file(&sets);
    }
    let _ = std::fs::remove_file(&out);
    let _ = std::fs::remove_file(&proof);
}

/// Whether a range cover's claim holds, by brute force: every admissible (conflict-free)
/// set with (without) `q` has a range strictly inside one of the sets' ranges.
fn cover_holds(o: &Oracle, sets: &[Vec<Arg>], q: Arg, with: bool, stage: bool) -> bool {
    let ranges: Vec<u32> = sets.iter().map(|s| o.range(crate::oracle::mask(s))).collect();
    o.subsets().all(|s| {
        let kind = if stage { o.cf(s) } else { o.admissible(s) };
        let has_q = s >> q.0 & 1 == 1;
        let r = o.range(s);
        !kind || has_q != with || ranges.iter().any(|&e| r & e == r && r != e)
    })
}

#[test]
fn range_covers_left_short_or_moved_are_rejected() {
    let Some(c) = checker() else { return };
    let (mut covers, mut rejected, mut refused, mut frameworks) = (0, 0, 0, 0);
    for seed in 500..900 {
        let af = random(seed, 4 + (seed % 4) as u32, 0.2 + 0.05 * (seed % 4) as f64);
        let o = Oracle::new(&af);
        if frameworks == 6 || !o.extensions(Semantics::Stable).is_empty() {
            continue;
        }
        frameworks += 1;
        for t in ["DC-SST", "DS-SST", "DC-STG", "DS-STG"] {
            let task: Task = t.parse().unwrap();
            let mut s = solver(af.clone(), task.semantics);
            for q in af.args() {
                let (yes, _) = answer(s.as_mut(), task, Some(q));
                let Ok(Some(claim)) = Claim::of_answer(&af, task, Some(q), yes, &[]) else {
                    continue;
                };
                let (proof, refuted) = proof_of(&af, &claim);
                let Claim::RangeCover { sets, with, stage, .. } = &refuted else {
                    panic!("{t} {q:?}: {refuted:?}")
                };
                covers += 1;
                assert!(cover_holds(&o, sets, q, *with, *stage), "{t} {q:?} {sets:?}");
                let check = |sets: &[Vec<Arg>], q: Arg| {
                    let p = Printed { yes: Some(yes), sets: vec![] };
                    match claim_of(&af, task, Some(q), &p, Some(sets)) {
                        Ok(Needs::Proof(rebuilt)) => Some(verdict(&c, &af, &rebuilt, &proof)),
                        _ => None,
                    }
                };
                assert_eq!(check(sets, q), Some(Verdict::Verified), "{t} {q:?}");
                // One set left out, or the proof offered for another query: wherever that
                // claim is false, the checker rejects the proof.
                for i in 0..sets.len() {
                    let mut short = sets.clone();
                    short.remove(i);
                    if !cover_holds(&o, &short, q, *with, *stage) {
                        assert_ne!(check(&short, q), Some(Verdict::Verified), "{t} {q:?}");
                        rejected += 1;
                    }
                }
                let wrong_q =
                    af.args().filter(|&a| a != q && !cover_holds(&o, sets, a, *with, *stage));
                for other in wrong_q.take(1) {
                    {
                        assert_ne!(check(sets, other), Some(Verdict::Verified), "{t} {other:?}");
                        rejected += 1;
                    }
                }
                // A covering set that is not admissible (conflict-free): refused unread.
                let bad: Vec<Arg> = af.args().filter(|&a| af.attacked_by(a).contains(&a)).collect();
                if !bad.is_empty() {
                    let mut broken = sets.clone();
                    broken.push(bad);
                    assert_eq!(check(&broken, q), None, "{t} {q:?}");
                    refused += 1;
                }
                let _ = std::fs::remove_file(proof);
            }
        }
    }
    eprintln!("covers {covers}, rejected {rejected}, refused {refused}");
    assert_eq!(frameworks, 6);
    assert!(covers >= 20 && rejected >= 10 && refused >= 2, "{covers} {rejected} {refused}");
}

#[test]
fn grounded_answers_are_verified_by_the_checkers_own_fixpoint() {
    // 1 -> 2 -> 3: the grounded extension is {1, 3}. No proof file is read.
    let file = "frameworks/reinstatement.af";
    let out = crate::scratch().join(format!("grounded-{}.txt", std::process::id()));
    let a = out.to_str().unwrap();
    for (task, query, answer, code) in [
        ("SE-GR", None, "w 1 3\n", 0),
        ("SE-GR", None, "w 3 1\n", 0),
        ("SE-GR", None, "w 1\n", 1),
        ("EE-GR", None, "w 1 3\n", 0),
        ("DC-GR", Some("3"), "YES\n", 0),
        ("DC-GR", Some("2"), "YES\n", 1),
        ("DS-GR", Some("2"), "NO\n", 0),
        ("DS-CO", Some("1"), "YES\n", 0),
        ("DS-CO", Some("3"), "NO\nw 1\n", 1),
    ] {
        std::fs::write(&out, answer).unwrap();
        let mut args = vec!["verify-proof", file, "no-such.drat", "-p", task, "--answer", a];
        args.extend(query.iter().flat_map(|q| ["-a", *q]));
        let o = crate::cli::argsat(&args);
        let said = String::from_utf8_lossy(&o.stdout);
        assert_eq!(o.status.code(), Some(code), "{task} {query:?} {answer:?}: {said}");
        let word = if code == 0 { "verified: " } else { "rejected: " };
        assert!(said.starts_with(word) && said.contains("grounded extension"), "{said}");
    }
    let _ = std::fs::remove_file(&out);
}

#[test]
fn the_worked_semi_stable_example_of_the_docs() {
    if checker().is_none() {
        return;
    }
    // docs/proofs.md, "A semi-stable refutation without a stable extension".
    let dir = crate::scratch();
    let af = dir.join(format!("sig-{}.af", std::process::id()));
    std::fs::write(&af, "p af 6\n1 2\n2 3\n3 1\n4 5\n5 4\n5 6\n6 6\n").unwrap();
    let proof = dir.join(format!("sig-{}.drat", std::process::id()));
    let (f, p) = (af.to_str().unwrap(), proof.to_str().unwrap());
    let o = crate::cli::argsat(&["-p", "DC-SST", "-f", f, "-a", "4", "--proof", p]);
    assert_eq!(String::from_utf8_lossy(&o.stdout), "NO\n");
    assert_eq!(std::fs::read_to_string(format!("{p}.sets")).unwrap(), "w 5\n");
    let o = crate::cli::argsat(&["verify-proof", f, p, "-p", "DC-SST", "-a", "4"]);
    let said = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{said}");
    assert!(said.starts_with(
        "verified: every admissible set containing 4 has a range strictly inside one of 1 sets' \
         ranges, so no semi-stable extension contains it"
    ));
    // The same proof and sets offered for DS-SST YES about 4 ("every semi-stable extension
    // contains 4", false: {5} is one) are rejected.
    let o = crate::cli::argsat(&["verify-proof", f, p, "-p", "DS-SST", "-a", "4"]);
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stdout));
    for f in [af.clone(), proof.clone(), PathBuf::from(format!("{p}.sets"))] {
        let _ = std::fs::remove_file(f);
    }
}

#[test]
fn ideal_sets_one_short_or_one_too_many_are_rejected() {
    let Some(c) = checker() else { return };
    let task: Task = "SE-ID".parse().unwrap();
    let (mut checked, mut rejected) = (0, 0);
    for seed in 0..40 {
        let af = random(seed, 4 + (seed % 6) as u32, 0.15 + 0.05 * (seed % 4) as f64);
        let o = Oracle::new(&af);
        let mut s = solver(af.clone(), Semantics::Ideal);
        let ideal = s.some_extension().unwrap().unwrap();
        assert_eq!(o.extensions(Semantics::Ideal), vec![crate::oracle::mask(&ideal)]);
        let claim =
            Claim::of_answer(&af, task, None, true, std::slice::from_ref(&ideal)).unwrap().unwrap();
        // What the answer's proof shows (along the solver's route), and both routes.
        let (proof, refuted) = proof_of(&af, &claim);
        assert!(matches!(refuted, Claim::IdealAttacked { .. }), "{refuted:?}");
        let _ = std::fs::remove_file(proof);
        for route in ideal_claims(&af) {
            let (proof, refuted) = proof_of(&af, &route);
            assert_eq!(refuted, route);
            let (sets, shown) = match &refuted {
                Claim::IdealAttacked { attacking, ideal } => (attacking, ideal),
                Claim::IdealShown { accepted, ideal } => (accepted, ideal),
                other => panic!("{other:?}"),
            };
            // As verify-proof reads it: the answer, and PROOF.sets.
            let judge = |answer: &[Arg], published: &[Arg]| {
                let printed = Printed { yes: None, sets: vec![answer.to_vec()] };
                let needs = match &refuted {
                    Claim::IdealAttacked { .. } => {
                        ideal_by_attacks(&af, task, None, &printed, sets, published)
                    }
                    _ => {
                        let covering = [sets.as_slice(), &[published.to_vec()]].concat();
                        claim_of(&af, task, None, &printed, Some(&covering))
                    }
                };
                match needs {
                    Ok(Needs::Proof(rebuilt)) => Some(verdict(&c, &af, &rebuilt, &proof)),
                    _ => None,
                }
            };
            assert_eq!(judge(&ideal, shown), Some(Verdict::Verified), "{af:?}");
            checked += 1;
            // A published set that is not admissible: refused.
            if matches!(refuted, Claim::IdealAttacked { .. })
                && let Some(bad) = af.args().find(|&a| !argsat::verify::is_admissible(&af, &[a]))
            {
                let printed = Printed { yes: None, sets: vec![ideal.clone()] };
                let more = [sets.as_slice(), &[vec![bad]]].concat();
                assert!(ideal_by_attacks(&af, task, None, &printed, &more, shown).is_err());
                rejected += 1;
            }
            // One short: the answer and the published set agree, but the claim is false.
            if let Some((_, short)) = shown.split_last() {
                assert_ne!(judge(short, short), Some(Verdict::Verified), "{af:?}");
                rejected += 1;
            }
            // One too many: refused (not admissible, or attacked by a published set).
            for extra in af.args().filter(|a| !shown.contains(a)).take(2) {
                let mut more = shown.clone();
                more.push(extra);
                assert_eq!(judge(&more, &more), None, "{af:?} {extra:?}");
                rejected += 1;
            }
            let _ = std::fs::remove_file(proof);
        }
    }
    assert!(checked == 80 && rejected >= 80, "{checked} {rejected}");
}

/// Ideal sets of several hundred members: the claim's formula names them in blocks of 256
/// (one variable per block under the selector); proofs verify, and an ideal set one
/// member short, in either block, is not verified.
#[test]
fn ideal_sets_over_several_blocks_verify_and_one_short_is_rejected() {
    let Some(c) = checker() else { return };
    let task: Task = "SE-ID".parse().unwrap();
    for seed in 0..3u64 {
        // 0..300 unattacked, each attacking 300 + i; a random part 600..640, a few of
        // whose arguments the unattacked ones attack.
        let part = random(seed, 40, 0.06);
        let mut attacks: Vec<(u32, u32)> = (0..300).map(|i| (i, 300 + i)).collect();
        attacks.extend((0..8).map(|i| (i, 600 + 5 * i)));
        for a in part.args() {
            attacks.extend(part.attacked_by(a).iter().map(|b| (600 + a.0, 600 + b.0)));
        }
        let af = Framework::from_attacks(640, &attacks).unwrap();
        let ideal = solver(af.clone(), Semantics::Ideal).some_extension().unwrap().unwrap();
        assert_eq!(sorted(ideal.clone()), sorted(argsat::verify::ideal(&af)));
        assert!(ideal.len() > 300, "{}", ideal.len());
        let claim =
            Claim::of_answer(&af, task, None, true, std::slice::from_ref(&ideal)).unwrap().unwrap();
        let (proof, refuted) = proof_of(&af, &claim);
        let Claim::IdealAttacked { attacking, ideal: shown } = &refuted else {
            panic!("{refuted:?}")
        };
        let judge = |answer: &[Arg]| {
            let printed = Printed { yes: None, sets: vec![answer.to_vec()] };
            match ideal_by_attacks(&af, task, None, &printed, attacking, answer) {
                Ok(Needs::Proof(rebuilt)) => Some(verdict(&c, &af, &rebuilt, &proof)),
                _ => None,
            }
        };
        assert_eq!(judge(shown), Some(Verdict::Verified));
        // One short: an unattacked argument (first block) or the last member (second).
        for gone in [Arg(7), *shown.last().unwrap()] {
            let short: Vec<Arg> = shown.iter().copied().filter(|&a| a != gone).collect();
            assert_ne!(judge(&short), Some(Verdict::Verified), "without {gone:?}");
        }
        let _ = std::fs::remove_file(proof);
    }
}

fn sorted(mut set: Vec<Arg>) -> Vec<Arg> {
    set.sort_unstable();
    set
}
