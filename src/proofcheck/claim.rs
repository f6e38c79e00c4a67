//! The claim behind a printed answer, as a checker rebuilds it: the answer's sets are
//! checked directly (`crate::verify`, linear time), and what they cannot show is the
//! claim a proof must refute. Nothing here comes from the solver or from
//! [`Claim::of_answer`].

use crate::af::{Arg, Framework};
use crate::certify::Claim;
use crate::task::{Problem, Semantics, Task};
use crate::verify;

/// An answer as printed in the ICCMA format: `YES`/`NO` (DC, DS, and `NO` for an SE
/// without extension) and the `w` lines.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Printed {
    /// `Some(true)` for `YES`, `Some(false)` for `NO`, `None` when only `w` lines were
    /// printed.
    pub yes: Option<bool>,
    /// The sets of the `w` lines, in order.
    pub sets: Vec<Vec<Arg>>,
}

impl Printed {
    /// Reads an answer: `YES`, `NO`, `w a b c` lines (argument names of `af`), blank
    /// lines.
    ///
    /// # Errors
    /// The 1-based line and what is wrong with it.
    pub fn parse(af: &Framework, text: &str) -> Result<Printed, String> {
        let mut printed = Printed::default();
        for (i, line) in text.lines().enumerate() {
            let mut tokens = line.split_ascii_whitespace();
            match tokens.next() {
                None => {}
                Some("YES" | "NO") if printed.yes.is_none() && printed.sets.is_empty() => {
                    printed.yes = Some(line.trim() == "YES");
                    if tokens.next().is_some() {
                        return Err(format!("line {}: text after the answer", i + 1));
                    }
                }
                Some("w") => {
                    let set = tokens
                        .map(|t| {
                            af.find(t)
                                .ok_or_else(|| format!("line {}: no argument named `{t}`", i + 1))
                        })
                        .collect::<Result<Vec<Arg>, String>>()?;
                    printed.sets.push(set);
                }
                Some(other) => {
                    return Err(format!(
                        "line {}: expected YES, NO or a `w` line, not `{other}`",
                        i + 1
                    ));
                }
            }
        }
        Ok(printed)
    }
}

/// What a checker makes of an answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Needs {
    /// The printed sets show the answer (checked): no proof is needed.
    Nothing(String),
    /// A proof refuting this claim is needed, and with it the answer is shown.
    Proof(Claim),
}

/// The claim a proof of `task`'s printed answer about `query` must refute, after checking
/// the printed sets (and the sets published beside the proof in `PROOF.sets`: DS-PR YES's
/// covering sets; behind DC-SST/STG NO and DS-SST/STG YES a stable extension, or the
/// range cover; for ideal answers the admissible sets covering the credulously accepted
/// arguments, then the ideal extension last).
///
/// # Errors
/// Why the answer cannot be certified: a printed set that fails its check, an answer
/// that is not a refutation argsat certifies, a missing answer or set.
pub fn claim_of(
    af: &Framework,
    task: Task,
    query: Option<Arg>,
    printed: &Printed,
    covering: Option<&[Vec<Arg>]>,
) -> Result<Needs, String> {
    use Problem::{Credulous, EnumerateExtensions, Sceptical, SomeExtension};
    use Semantics::{Complete, Grounded, Ideal, Preferred, SemiStable, Stable, Stage};
    let name = |set: &[Arg]| named(af, set);
    let one = || match printed.sets.as_slice() {
        [set] => Ok(set.clone()),
        _ => Err(format!("{task}'s answer should print one `w` line")),
    };
    let has_q = |set: &[Arg]| query.is_some_and(|q| set.contains(&q));
    let answer = printed.yes;
    match (task.problem, task.semantics, answer) {
        // Grounded answers (and DS-CO, which is grounded): the checker's own linear-time
        // fixpoint decides them; no proof.
        (_, Grounded, _) | (Sceptical, Complete, _) => grounded_answer(af, task, query, printed),
        (Credulous | Sceptical | SomeExtension | EnumerateExtensions, Ideal, _) => {
            ideal_answer(af, task, query, printed, covering)
        }
        (Credulous, Complete | Preferred, Some(false)) => {
            Ok(Needs::Proof(Claim::NoAdmissibleWith(query.ok_or("no query")?)))
        }
        (Credulous, Stable, Some(false)) => {
            Ok(Needs::Proof(Claim::NoStableWith(query.ok_or("no query")?)))
        }
        (Sceptical, Stable, Some(true)) => {
            Ok(Needs::Proof(Claim::NoStableWithout(query.ok_or("no query")?)))
        }
        (SomeExtension, Stable, Some(false)) => Ok(Needs::Proof(Claim::NoStable)),
        (Sceptical, Preferred, Some(true)) => {
            let sets = covering.ok_or("DS-PR YES needs its covering sets (PROOF.sets)")?;
            for c in sets {
                if !verify::is_admissible(af, c) || !has_q(c) {
                    return Err(format!(
                        "covering set {} is not admissible with the query",
                        name(c)
                    ));
                }
            }
            Ok(Needs::Proof(Claim::NoAdmissibleOutside(sets.to_vec())))
        }
        (Sceptical, Preferred, Some(false)) => {
            let s = one()?;
            if !verify::is_admissible(af, &s) || has_q(&s) {
                return Err(format!(
                    "counterexample {} is not admissible without the query",
                    name(&s)
                ));
            }
            let q = query.ok_or("no query")?;
            if s.iter().any(|&a| af.attacked_by(a).contains(&q)) {
                return Ok(Needs::Nothing(format!(
                    "{} is admissible and attacks {}: no preferred extension containing it contains {}",
                    name(&s),
                    af.display_name(q),
                    af.display_name(q)
                )));
            }
            Ok(Needs::Proof(Claim::NoAdmissibleAbove(s)))
        }
        (SomeExtension, Preferred, None) => {
            let s = one()?;
            if !verify::is_admissible(af, &s) {
                return Err(format!("{} is not admissible", name(&s)));
            }
            Ok(Needs::Proof(Claim::NoAdmissibleAbove(s)))
        }
        // Sigma2: with a stable extension (one stable set in PROOF.sets), the stable claim;
        // otherwise a range cover (the sets of PROOF.sets, each admissible or
        // conflict-free).
        (Credulous, SemiStable | Stage, Some(false))
        | (Sceptical, SemiStable | Stage, Some(true)) => {
            let q = query.ok_or("no query")?;
            let with = task.problem == Credulous;
            let stage = task.semantics == Stage;
            let sets = covering.ok_or_else(|| {
                format!(
                    "{task}'s refutation needs PROOF.sets: a stable extension, or the sets \
                     covering every range"
                )
            })?;
            if let [s] = sets
                && verify::is_stable(af, s)
            {
                let claim = if with { Claim::NoStableWith(q) } else { Claim::NoStableWithout(q) };
                return Ok(Needs::Proof(Claim::StableShown {
                    stable: s.clone(),
                    claim: Box::new(claim),
                }));
            }
            for s in sets {
                let ok = if stage {
                    verify::is_conflict_free(af, s)
                } else {
                    verify::is_admissible(af, s)
                };
                if !ok {
                    let kind = if stage { "conflict-free" } else { "admissible" };
                    return Err(format!("covering set {} (PROOF.sets) is not {kind}", name(s)));
                }
            }
            Ok(Needs::Proof(Claim::RangeCover { sets: sets.to_vec(), query: q, with, stage }))
        }
        (SomeExtension, SemiStable | Stage, None)
        | (Credulous, SemiStable | Stage, Some(true))
        | (Sceptical, SemiStable | Stage, Some(false)) => {
            let s = one()?;
            let stage = task.semantics == Stage;
            let kind_ok =
                if stage { verify::is_conflict_free(af, &s) } else { verify::is_complete(af, &s) };
            let query_ok = match task.problem {
                Credulous => has_q(&s),
                Sceptical => !has_q(&s),
                _ => true,
            };
            if !kind_ok || !query_ok {
                return Err(format!("{} does not show the answer", name(&s)));
            }
            if verify::is_stable(af, &s) {
                return Ok(Needs::Nothing(format!(
                    "{} is stable: its range is every argument, none wider",
                    name(&s)
                )));
            }
            Ok(Needs::Proof(if stage {
                Claim::NoConflictFreeWiderRange(s)
            } else {
                Claim::NoAdmissibleWiderRange(s)
            }))
        }
        (EnumerateExtensions, Stable, None) => {
            for e in &printed.sets {
                if !verify::is_stable(af, e) {
                    return Err(format!("{} is not a stable extension", name(e)));
                }
            }
            Ok(Needs::Proof(Claim::NoOtherStable(printed.sets.clone())))
        }
        (EnumerateExtensions, Complete, None) => {
            for e in &printed.sets {
                if !verify::is_complete(af, e) {
                    return Err(format!("{} is not a complete extension", name(e)));
                }
            }
            Ok(Needs::Proof(Claim::NoOtherComplete(printed.sets.clone())))
        }
        (EnumerateExtensions, SemiStable | Stage, None) => {
            let stage = task.semantics == Stage;
            let ranges: Vec<Vec<bool>> = printed.sets.iter().map(|e| range(af, e)).collect();
            for (i, e) in printed.sets.iter().enumerate() {
                let ok = if stage {
                    verify::is_conflict_free(af, e)
                } else {
                    verify::is_complete(af, e)
                };
                if !ok {
                    let kind = if stage { "conflict-free" } else { "complete" };
                    return Err(format!("{} is not {kind}", name(e)));
                }
                // No range strictly inside another: with the refutation, each is then
                // range-maximal.
                for (j, r) in ranges.iter().enumerate() {
                    let inside = ranges[i].iter().zip(r).all(|(&a, &b)| !a || b);
                    if i != j && inside && ranges[i] != *r {
                        return Err(format!(
                            "the range of {} lies strictly inside that of {}",
                            name(e),
                            name(&printed.sets[j])
                        ));
                    }
                }
            }
            Ok(Needs::Proof(Claim::NoOtherRangeMaximal { sets: printed.sets.clone(), stage }))
        }
        (EnumerateExtensions, Preferred, None) => {
            let masks: Vec<Vec<bool>> = printed.sets.iter().map(|e| mask(af, e)).collect();
            for (i, e) in printed.sets.iter().enumerate() {
                if !verify::is_admissible(af, e) {
                    return Err(format!("{} is not admissible", name(e)));
                }
                // Pairwise incomparable: then, every admissible set lying inside one of
                // them, each is a maximal admissible set.
                for (j, m) in masks.iter().enumerate() {
                    if i != j && e.iter().all(|a| m[a.index()]) {
                        return Err(format!("{} lies inside {}", name(e), name(&printed.sets[j])));
                    }
                }
            }
            Ok(Needs::Proof(Claim::NoAdmissibleOutside(printed.sets.clone())))
        }
        // Witnesses, checked in linear time.
        (Credulous, Complete | Preferred | Stable, Some(true))
        | (Sceptical, Stable, Some(false))
        | (SomeExtension, Complete | Stable, None) => {
            let s = one()?;
            let checked = match (task.problem, query) {
                (Credulous, Some(q)) => verify::check_credulous(af, task.semantics, q, &s),
                (Sceptical, Some(q)) => {
                    verify::check_sceptical_counterexample(af, task.semantics, q, &s)
                }
                _ => verify::check_extension(af, task.semantics, &s),
            };
            match checked {
                Ok(()) => Ok(Needs::Nothing(format!("{} shows the answer", name(&s)))),
                Err(v) => Err(v.describe(af)),
            }
        }
        _ => Err(format!(
            "{task} with this answer is not a refutation argsat certifies (docs/proofs.md)"
        )),
    }
}

/// `{a, b, c}` by the framework's names; a large set by its first twelve and its size
/// (the answer file has it whole: an ideal extension may hold 250,000 arguments).
pub fn named(af: &Framework, set: &[Arg]) -> String {
    const SHOWN: usize = 12;
    let mut names: Vec<String> =
        set.iter().take(SHOWN).map(|&a| af.display_name(a).to_string()).collect();
    if set.len() > SHOWN {
        names.push(format!("... {} arguments in all", set.len()));
    }
    format!("{{{}}}", names.join(", "))
}

/// `set` sorted, without repeats.
fn sorted(set: &[Arg]) -> Vec<Arg> {
    let mut s = set.to_vec();
    s.sort_unstable();
    s.dedup();
    s
}

/// A grounded answer (SE, EE, DC and DS of grounded semantics, DS-CO) against the
/// grounded extension [`verify::grounded`] computes (a fixpoint of its own, no solver).
fn grounded_answer(
    af: &Framework,
    task: Task,
    query: Option<Arg>,
    printed: &Printed,
) -> Result<Needs, String> {
    let g = verify::grounded(af);
    let named = |set: &[Arg]| named(af, set);
    match (task.problem, query, printed.yes) {
        (Problem::Credulous | Problem::Sceptical, Some(q), Some(yes)) => {
            let truth = g.binary_search(&q).is_ok();
            let verb = if truth { "contains" } else { "lacks" };
            let said =
                format!("the grounded extension {} {verb} {}", named(&g), af.display_name(q));
            if yes == truth { Ok(Needs::Nothing(said)) } else { Err(said) }
        }
        (Problem::SomeExtension | Problem::EnumerateExtensions, None, None) => {
            match printed.sets.as_slice() {
                [s] => {
                    let s = sorted(s);
                    if s == g {
                        Ok(Needs::Nothing(format!("{} is the grounded extension", named(&g))))
                    } else {
                        Err(format!("{} is not the grounded extension {}", named(&s), named(&g)))
                    }
                }
                _ => Err(format!("{task}'s answer should print one `w` line")),
            }
        }
        _ => Err(format!("{task}: a YES/NO answer and a query, or one `w` line, expected")),
    }
}

/// What a checker makes of an ideal answer (SE-ID, DC-ID, DS-ID) shown the way
/// argsat's ideal solver finds it: `attacking` are admissible sets, `ideal` the ideal
/// extension (`PROOF.sets`: the sets, a line `ideal by attacks`, then the ideal
/// extension's `w` line). Checked here: every set admissible, `ideal` admissible with no
/// member attacked by a set, and the answer `ideal`'s; the proof must refute
/// [`Claim::IdealAttacked`].
///
/// # Errors
/// Why the answer cannot be certified: a set that is not admissible, a member of `ideal`
/// attacked, an answer that is not `ideal`'s.
pub fn ideal_by_attacks(
    af: &Framework,
    task: Task,
    query: Option<Arg>,
    printed: &Printed,
    attacking: &[Vec<Arg>],
    ideal: &[Arg],
) -> Result<Needs, String> {
    if task.semantics != Semantics::Ideal {
        return Err(format!("{task} is not an ideal task"));
    }
    let ideal = ideal_checked(af, task, query, printed, attacking, ideal, "admissible set's")?;
    Ok(Needs::Proof(Claim::IdealAttacked { attacking: attacking.to_vec(), ideal }))
}

/// An ideal answer: `covering` holds admissible sets whose union CA the proof shows to be
/// every credulously accepted argument, then the ideal extension I (last; the `ideal`
/// line of `PROOF.sets` marks it), admissible with no member attacked by CA; the answer
/// must be I's (SE, EE: I printed; DC, DS: the query in I).
fn ideal_answer(
    af: &Framework,
    task: Task,
    query: Option<Arg>,
    printed: &Printed,
    covering: Option<&[Vec<Arg>]>,
) -> Result<Needs, String> {
    let Some((ideal, accepted)) = covering.and_then(<[_]>::split_last) else {
        return Err(format!(
            "{task} needs PROOF.sets: admissible sets covering the credulously accepted \
             arguments, a line `ideal`, and the ideal extension"
        ));
    };
    let ideal = ideal_checked(af, task, query, printed, accepted, ideal, "accepted")?;
    Ok(Needs::Proof(Claim::IdealShown { accepted: accepted.to_vec(), ideal }))
}

/// What both ideal certificates check directly: every published set and `ideal`
/// admissible, no member of `ideal` attacked by a member of a set (`who`: what the sets'
/// members are called), and the answer `ideal`'s (SE, EE: `ideal` printed; DC, DS: the
/// query in it). `ideal`, sorted.
fn ideal_checked(
    af: &Framework,
    task: Task,
    query: Option<Arg>,
    printed: &Printed,
    sets: &[Vec<Arg>],
    ideal: &[Arg],
    who: &str,
) -> Result<Vec<Arg>, String> {
    let named = |set: &[Arg]| named(af, set);
    for c in sets.iter().map(Vec::as_slice).chain([ideal]) {
        if !verify::is_admissible(af, c) {
            return Err(format!("{} (PROOF.sets) is not admissible", named(c)));
        }
    }
    let member = mask(af, ideal);
    for &a in sets.iter().flatten() {
        if let Some(&b) = af.attacked_by(a).iter().find(|b| member[b.index()]) {
            return Err(format!(
                "{} (PROOF.sets) holds {}, attacked by the {who} {}",
                named(ideal),
                af.display_name(b),
                af.display_name(a)
            ));
        }
    }
    let in_ideal = sorted(ideal);
    let agrees = match (task.problem, query, printed.yes) {
        (Problem::Credulous | Problem::Sceptical, Some(q), Some(yes)) => {
            in_ideal.binary_search(&q).is_ok() == yes
        }
        (Problem::SomeExtension | Problem::EnumerateExtensions, None, None) => {
            match printed.sets.as_slice() {
                [s] => sorted(s) == in_ideal,
                _ => return Err(format!("{task}'s answer should print one `w` line")),
            }
        }
        _ => return Err(format!("{task}: a YES/NO answer and a query, or one `w` line")),
    };
    if !agrees {
        return Err(format!("the answer is not that of the ideal extension {}", named(ideal)));
    }
    Ok(in_ideal)
}

/// The range of `set`: it and what it attacks.
fn range(af: &Framework, set: &[Arg]) -> Vec<bool> {
    let mut r = mask(af, set);
    for &a in set {
        for &b in af.attacked_by(a) {
            r[b.index()] = true;
        }
    }
    r
}

fn mask(af: &Framework, set: &[Arg]) -> Vec<bool> {
    let mut m = vec![false; af.len()];
    for a in set {
        m[a.index()] = true;
    }
    m
}
