//! `argsat bench --certify`: settling refutations without a reference solver. Where a
//! solver answers NO to a DC question, YES to a DS question or NO to SE-ST, argsat seeks a
//! DRAT proof of that claim (`argsat::certify`; for DS-PR YES, with the covering sets it
//! finds) and an external DRAT checker judges it against the claim's canonical formula
//! (`argsat::proofcheck`); where the claim is false, the model argsat found instead is a
//! witness, checked by `argsat::verify` (a preferred extension without the query: its
//! maximality proved too). Either settles the query for every solver.

use std::collections::BTreeMap;
use std::path::Path;

use argsat::certify::{Claim, ProveError, prove};
use argsat::proofcheck::{DratChecker, Needs, Printed, Verdict, claim_of, ideal_by_attacks};
use argsat::task::{Problem, Semantics, Task};
use argsat::{Arg, Framework, verify};

use super::answer::set_hash;
use super::results::Record;

/// What settles a query: the answer shown right, and how.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settlement {
    /// The answer shown right (`YES`, `NO`, `EXISTS`, `NONE`).
    pub answer: String,
    /// How: a checked proof, or a checked witness.
    pub how: String,
}

/// Settlements by query (instance, task, query).
pub type Settlements = BTreeMap<(String, String, Option<String>), Settlement>;

/// The summary of the refuting answer to `task` (DC `NO`, DS `YES`, SE `NONE`) and of
/// its opposite.
fn refuting(task: Task) -> Option<(&'static str, &'static str)> {
    match task.problem {
        Problem::Credulous => Some(("NO", "YES")),
        Problem::Sceptical => Some(("YES", "NO")),
        Problem::SomeExtension => Some(("NONE", "EXISTS")),
        _ => None,
    }
}

/// Settles every query of `records` on which some solver gave a refutation argsat
/// proves, with `checker` judging the proofs. Queries argsat cannot settle (unsupported
/// claims, unreadable instances, a proof the checker rejects) are left out.
pub fn settle(records: &[Record], checker: &DratChecker) -> Settlements {
    let mut settled = Settlements::new();
    let mut frameworks: BTreeMap<&str, Option<Framework>> = BTreeMap::new();
    let scratch = std::env::temp_dir();
    for r in records {
        let Ok(task) = r.task.parse::<Task>() else { continue };
        let key = (r.instance.clone(), r.task.clone(), r.query.clone());
        if task.semantics == Semantics::Ideal {
            if let std::collections::btree_map::Entry::Vacant(slot) = settled.entry(key) {
                let af = frameworks.entry(&r.instance).or_insert_with(|| {
                    argsat::read_file(Path::new(&r.instance), None).ok().map(|f| f.0)
                });
                if let Some(s) = af.as_ref().and_then(|af| settle_ideal(af, task, r, checker)) {
                    slot.insert(s);
                }
            }
            continue;
        }
        let Some((no, yes)) = refuting(task) else { continue };
        if r.answer.as_deref() != Some(no) || settled.contains_key(&key) {
            continue;
        }
        let af = frameworks
            .entry(&r.instance)
            .or_insert_with(|| argsat::read_file(Path::new(&r.instance), None).ok().map(|f| f.0));
        let Some(af) = af.as_ref() else { continue };
        let query = match &r.query {
            Some(q) => match af.find(q) {
                Some(a) => Some(a),
                None => continue,
            },
            None => None,
        };
        let Ok(Some(claim)) =
            Claim::of_answer(af, task, query, task.problem == Problem::Sceptical, &[])
        else {
            continue;
        };
        let path = scratch.join(format!("argsat-bench-proof-{}.drat", std::process::id()));
        let checked = |claim: &Claim| match prove(af, claim, &path) {
            // The sets the refuted claim names are checked directly, as verify-proof does.
            Ok(refuted) if !sets_hold(af, &refuted) => Ok(false),
            Ok(refuted) => match checker.check(af, &refuted, &path, &scratch) {
                Ok(Verdict::Verified) => Ok(true),
                _ => Ok(false),
            },
            Err(ProveError::False(set)) => Err(set),
            Err(_) => Ok(false),
        };
        let how = match checked(&claim) {
            Ok(true) => {
                Some((no, format!("argsat's DRAT proof, checked by {}", checker.program.display())))
            }
            Ok(false) => None,
            Err(set) if witnesses(af, task, query, &set) => {
                Some((yes, "a witness argsat found, checked".to_owned()))
            }
            // A preferred extension without the query: admissible, checked, and maximal,
            // proved.
            Err(set)
                if matches!(claim, Claim::PreferredAllContain(_))
                    && verify::is_admissible(af, &set)
                    && query.is_some_and(|q| !set.contains(&q))
                    && checked(&Claim::NoAdmissibleAbove(set.clone())) == Ok(true) =>
            {
                Some((yes, "a preferred extension argsat found, its maximality proved".to_owned()))
            }
            // A semi-stable (stage) extension with, or without, the query: complete
            // (conflict-free), checked, and its range maximal, proved.
            Err(set)
                if matches!(claim, Claim::NoRangeMaximal { .. })
                    && range_maximal_witness(af, task, query, &set, &checked) =>
            {
                Some((
                    yes,
                    "a witness argsat found: range-maximal, its range proved widest".to_owned(),
                ))
            }
            Err(_) => None,
        };
        let _ = std::fs::remove_file(&path);
        if let Some((answer, how)) = how {
            settled.insert(key, Settlement { answer: answer.to_owned(), how });
        }
    }
    settled
}

/// The answer of argsat's certified ideal extension to `r`'s ideal task (SE-ID: the
/// extension's summary; DC-ID, DS-ID: whether it holds the query): the extension and the
/// admissible sets covering the credulously accepted arguments checked as verify-proof
/// checks them, the proof by the DRAT checker.
fn settle_ideal(
    af: &Framework,
    task: Task,
    r: &Record,
    checker: &DratChecker,
) -> Option<Settlement> {
    let query = match &r.query {
        Some(q) => Some(af.find(q)?),
        None => None,
    };
    let scratch = std::env::temp_dir();
    let path = scratch.join(format!("argsat-bench-ideal-{}.drat", std::process::id()));
    let proved = prove(af, &Claim::IdealExtension, &path);
    let settlement = match proved {
        Ok(proved @ (Claim::IdealShown { .. } | Claim::IdealAttacked { .. })) => {
            let (sets, mut ideal, by_attacks) = match proved {
                Claim::IdealShown { accepted, ideal } => (accepted, ideal, false),
                Claim::IdealAttacked { attacking, ideal } => (attacking, ideal, true),
                _ => unreachable!("matched above"),
            };
            ideal.sort_unstable();
            let (printed, answer) = match (task.problem, query) {
                (Problem::Credulous | Problem::Sceptical, Some(q)) => {
                    let yes = ideal.contains(&q);
                    let word = if yes { "YES" } else { "NO" };
                    (Printed { yes: Some(yes), sets: vec![] }, word.to_owned())
                }
                (Problem::SomeExtension, None) => {
                    let summary = format!("EXT:{}:{:016x}", ideal.len(), set_hash(&ideal));
                    (Printed { yes: None, sets: vec![ideal.clone()] }, summary)
                }
                _ => return None,
            };
            let needs = if by_attacks {
                ideal_by_attacks(af, task, query, &printed, &sets, &ideal)
            } else {
                claim_of(af, task, query, &printed, Some(&[sets.as_slice(), &[ideal]].concat()))
            };
            match needs {
                Ok(Needs::Proof(rebuilt)) => match checker.check(af, &rebuilt, &path, &scratch) {
                    Ok(Verdict::Verified) => Some(Settlement {
                        answer,
                        how: format!(
                            "argsat's ideal extension, its DRAT proof checked by {}",
                            checker.program.display()
                        ),
                    }),
                    _ => None,
                },
                _ => None,
            }
        }
        _ => None,
    };
    let _ = std::fs::remove_file(&path);
    settlement
}

/// Whether the sets a refuted claim names hold, by `argsat::verify`: a range cover's sets
/// admissible (conflict-free for stage), a stable extension stable.
fn sets_hold(af: &Framework, refuted: &Claim) -> bool {
    match refuted {
        Claim::RangeCover { sets, stage, .. } => sets.iter().all(|s| {
            if *stage { verify::is_conflict_free(af, s) } else { verify::is_admissible(af, s) }
        }),
        Claim::StableShown { stable, .. } => verify::is_stable(af, stable),
        _ => true,
    }
}

/// Whether `set` is a semi-stable (stage) extension answering `task` about `query` the
/// other way: complete (conflict-free) and with (DC) or without (DS) the query, checked,
/// and no admissible (conflict-free) set with a wider range, proved by `checked`.
fn range_maximal_witness(
    af: &Framework,
    task: Task,
    query: Option<Arg>,
    set: &[Arg],
    checked: &dyn Fn(&Claim) -> Result<bool, Vec<Arg>>,
) -> bool {
    let Some(q) = query else { return false };
    let stage = task.semantics == Semantics::Stage;
    let kind = if stage { verify::is_conflict_free(af, set) } else { verify::is_complete(af, set) };
    let query_ok = (task.problem == Problem::Credulous) == set.contains(&q);
    if !kind || !query_ok {
        return false;
    }
    if verify::is_stable(af, set) {
        return true;
    }
    let wider = if stage {
        Claim::NoConflictFreeWiderRange(set.to_vec())
    } else {
        Claim::NoAdmissibleWiderRange(set.to_vec())
    };
    checked(&wider) == Ok(true)
}

/// Whether `set` (a model of the claim's formula) shows the refutation of `task` about
/// `query` wrong, by `argsat::verify`'s own checks: an admissible set (complete and
/// preferred: it lies inside a preferred extension) or a stable extension, with or
/// without the query as the task asks.
fn witnesses(af: &Framework, task: Task, query: Option<Arg>, set: &[Arg]) -> bool {
    let kind_ok = match task.semantics {
        Semantics::Stable => verify::is_stable(af, set),
        Semantics::Complete | Semantics::Preferred => verify::is_admissible(af, set),
        // A stable extension is semi-stable and stage.
        Semantics::SemiStable | Semantics::Stage => verify::is_stable(af, set),
        _ => false,
    };
    let query_ok = match (task.problem, query) {
        (Problem::Credulous, Some(q)) => set.contains(&q),
        (Problem::Sceptical, Some(q)) => !set.contains(&q),
        (Problem::SomeExtension, None) => true,
        _ => false,
    };
    kind_ok && query_ok
}
