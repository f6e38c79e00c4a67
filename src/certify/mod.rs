//! Certified answers: a DRAT proof of the claim behind an answer that no witness can
//! show ("no admissible set contains q", "no stable extension", "this preferred extension
//! is maximal", "these are all the stable extensions", ...), checkable by any DRAT checker
//! against the claim's canonical formula (`docs/proofs.md`).
//!
//! The proof refutes the canonical formula itself (variables `1..=n`, variable `i` true
//! meaning argument `i` is in the set), found by a SAT call of its own (CaDiCaL's proof
//! trace when it is compiled in, else varisat's DRAT output), which needs no auxiliary
//! variable: the checker sees exactly the formula the documentation gives, nothing of
//! argsat's encodings. That call is made only when a proof is asked for, so answers
//! without `--proof` cost nothing more.
//!
//! ```
//! use argsat::certify::{Claim, prove};
//! use argsat::{Arg, Framework};
//!
//! // 0 attacks itself: no admissible set contains it.
//! let af = Framework::from_attacks(1, &[(0, 0)]).unwrap();
//! let path = std::env::temp_dir().join(format!("argsat-doc-{}.drat", std::process::id()));
//! prove(&af, &Claim::NoAdmissibleWith(Arg(0)), &path).unwrap();
//! let proof = std::fs::read_to_string(&path).unwrap();
//! assert!(proof.ends_with("0\n")); // the empty clause
//! # std::fs::remove_file(&path).unwrap();
//! ```

mod cover;
mod formula;
mod ideal;
#[cfg(all(feature = "cadical", unix))]
mod trace;

use std::io::{self, Write};
use std::path::Path;

use crate::af::{Arg, Framework};
use crate::task::{Problem, Semantics, Task};

/// A claim argsat proves: the formula its proof refutes (`docs/proofs.md`). Sets are
/// lists of arguments (any order).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Claim {
    /// No admissible set contains the argument (DC-CO NO, DC-PR NO): ADM + (q).
    NoAdmissibleWith(Arg),
    /// No stable extension contains it (DC-ST NO): STB + (q).
    NoStableWith(Arg),
    /// Every stable extension contains it (DS-ST YES): STB + (-q).
    NoStableWithout(Arg),
    /// There is no stable extension (SE-ST NO, `argsat check`): STB.
    NoStable,
    /// No admissible set is a strict superset of this one: it is a preferred extension
    /// when it is admissible (SE-PR, DS-PR NO's counterexample): ADM + (s) for each s in
    /// it + (a1 ... am), the arguments outside it.
    NoAdmissibleAbove(Vec<Arg>),
    /// Every stable extension is one of these (EE-ST): STB + for each set E the clause
    /// (-e for e in E, a for a outside E).
    NoOtherStable(Vec<Vec<Arg>>),
    /// Every admissible set lies inside one of these (EE-PR; DS-PR YES with its covering
    /// sets): ADM + for each set C the clause (a for a outside C).
    NoAdmissibleOutside(Vec<Vec<Arg>>),
    /// Every preferred extension contains the argument (DS-PR YES). Its formula is the
    /// [`Claim::NoAdmissibleOutside`] of admissible sets containing it that [`prove`]
    /// finds; the proof refutes that one.
    PreferredAllContain(Arg),
    /// No admissible set's range strictly contains this set's range: it is semi-stable
    /// when it is complete (SE-SST, DC-SST YES, DS-SST NO): ADM + (a b1 ... bk) for each
    /// a in its range, b1..bk the attackers of a + one clause of every argument outside
    /// its range and of their attackers.
    NoAdmissibleWiderRange(Vec<Arg>),
    /// As [`Claim::NoAdmissibleWiderRange`] over conflict-free sets: the set is a stage
    /// extension when it is conflict-free (SE-STG, DC-STG YES, DS-STG NO): CF + the same
    /// range clauses.
    NoConflictFreeWiderRange(Vec<Arg>),
    /// No semi-stable (`stage`: stage) extension contains (`with`) or lacks (`!with`) the
    /// query (DC-SST/STG NO, DS-SST/STG YES). Sigma2: it has no formula of its own.
    /// [`prove`] shows a stable extension where there is one (then the semi-stable and
    /// stage extensions are the stable ones: [`Claim::StableShown`] with
    /// [`Claim::NoStableWith`] or [`Claim::NoStableWithout`]), else finds a range cover
    /// ([`Claim::RangeCover`]).
    NoRangeMaximal {
        /// The query.
        query: Arg,
        /// Whether the claim is about extensions containing it (DC) or lacking it (DS).
        with: bool,
        /// Stage semantics (conflict-free sets) rather than semi-stable (admissible).
        stage: bool,
    },
    /// Every admissible (`stage`: conflict-free) set containing (`with`) or lacking the
    /// query has a range strictly inside the range of one of `sets` (each admissible,
    /// resp. conflict-free): so none is semi-stable (stage). Selector variable `n + i` for
    /// the `i`-th set (1-based): ADM (CF) + `(q)` or `(-q)` + per set `E_i` the clause of
    /// `n+i` and every argument outside `range(E_i)` with its attackers, and per argument
    /// `a` in `range(E_i)` the clause `(-(n+i) a b1 ... bk)`, `b1..bk` the attackers of `a`.
    RangeCover {
        /// The covering sets (published beside the proof in `PROOF.sets`).
        sets: Vec<Vec<Arg>>,
        /// The query.
        query: Arg,
        /// As in [`Claim::NoRangeMaximal`].
        with: bool,
        /// As in [`Claim::NoRangeMaximal`].
        stage: bool,
    },
    /// Every complete extension is one of these (EE-CO). Variables `n + b` mean "b is
    /// attacked by the set": `(-(n+b) c1 ... cm)` over the attackers of b and `(n+b -c)`
    /// for each attacker c; CO = ADM + these + per argument a the clause
    /// `(a -(n+b1) ... -(n+bk))` over its attackers. Formula: CO + per set E the clause
    /// `(-e for e in E, a for a outside E)`.
    NoOtherComplete(Vec<Vec<Arg>>),
    /// Every semi-stable (`stage`: stage) extension is one of these (EE-SST, EE-STG): ADM
    /// (CF) + for every set its range clauses under selector `n + i` (as in
    /// [`Claim::RangeCover`]) and its blocking clause `(-e for e in E, a for a outside
    /// E)`. With the sets complete (conflict-free) and no range strictly inside another,
    /// each is range-maximal and the list complete.
    NoOtherRangeMaximal {
        /// The extensions printed.
        sets: Vec<Vec<Arg>>,
        /// Stage semantics rather than semi-stable.
        stage: bool,
    },
    /// The ideal extension is the one the answer gives (SE-ID, DC-ID, DS-ID). No formula
    /// of its own: [`prove`] follows argsat's ideal solver and returns
    /// [`Claim::IdealAttacked`], or (should that claim not be refuted) finds the
    /// credulously accepted arguments and returns [`Claim::IdealShown`].
    IdealExtension,
    /// `ideal` is the ideal extension: A, what the admissible sets `attacking` attack, is
    /// outside every admissible set contained in all preferred extensions, so every such
    /// set lies inside `ideal` if every admissible set avoiding A does; and `ideal`, an
    /// admissible set no admissible set attacks, lies inside the ideal extension. Selector
    /// `s = n + 1`, `n + 1 + k` ("the set attacks the k-th member of `ideal`", sorted), and
    /// `t_j = n + 1 + |ideal| + j` ("... a member of the j-th block of 256"): ADM +
    /// `(-s, t_1 ... t_B)` + `(-t_j, n+1+k for each k of block j)` + `(-(n+1+k), b1 ... bm)`
    /// over the attackers of the k-th member + `(s -a)` for each `a` in A +
    /// `(s, a for a outside ideal and A)`.
    IdealAttacked {
        /// Admissible sets whose victims are in no admissible set inside every preferred
        /// extension.
        attacking: Vec<Vec<Arg>>,
        /// The ideal extension.
        ideal: Vec<Arg>,
    },
    /// `ideal` is the ideal extension: the union CA of `accepted` (admissible sets) is
    /// every credulously accepted argument, and every admissible set with no member
    /// attacked by CA lies inside `ideal` (Dunne 2009: the ideal extension is the largest
    /// such set). One selector `n + 1`: ADM + `(n+1, a for a outside CA)` + `(-(n+1) -a)`
    /// for each `a` attacked by CA + `(-(n+1), a for a outside ideal not attacked by CA)`.
    IdealShown {
        /// Admissible sets covering the credulously accepted arguments.
        accepted: Vec<Vec<Arg>>,
        /// The ideal extension.
        ideal: Vec<Arg>,
    },
    /// The framework has a stable extension (published beside the proof in `PROOF.sets`,
    /// checked directly), so its semi-stable and stage extensions are its stable ones, and
    /// the stable claim inside holds (DC-SST/STG NO: [`Claim::NoStableWith`]; DS-SST/STG
    /// YES: [`Claim::NoStableWithout`]); the proof refutes the inner claim.
    StableShown {
        /// A stable extension.
        stable: Vec<Arg>,
        /// The stable claim the proof refutes.
        claim: Box<Claim>,
    },
}

/// A claim argsat does not prove, and why.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("no proof for {task} {answer}: {why}")]
pub struct Unsupported {
    /// The task.
    pub task: Task,
    /// The answer (`YES`, `NO`, or the task's output for the others).
    pub answer: &'static str,
    /// Why not.
    pub why: &'static str,
}

impl Claim {
    /// The claim behind `task`'s answer about `query` on `af` that no witness shows:
    /// `yes` is the answer of a DC or DS task, or for SE whether an extension was found
    /// (ignored for EE and CE); `shown` holds the sets the answer prints (`w` lines: a DC
    /// witness, a DS counterexample, the SE extension, every EE extension). `Ok(None)`
    /// when the printed answer speaks for itself: an extension or a set checked in linear
    /// time (`argsat::verify`).
    ///
    /// # Errors
    /// [`Unsupported`] for answers argsat does not certify (grounded answers, counting),
    /// for a query argument
    /// given to a task without one or missing from a DC or DS task, and for an answer
    /// missing the set it should print.
    pub fn of_answer(
        af: &Framework,
        task: Task,
        query: Option<Arg>,
        yes: bool,
        shown: &[Vec<Arg>],
    ) -> Result<Option<Claim>, Unsupported> {
        use Problem::{Credulous, EnumerateExtensions, Sceptical, SomeExtension};
        use Semantics::{Complete, Grounded, Ideal, Preferred, SemiStable, Stable, Stage};
        let answer = match task.problem {
            Credulous | Sceptical | SomeExtension if yes => "YES",
            Credulous | Sceptical | SomeExtension => "NO",
            _ => "answer",
        };
        let unsupported = |why| Err(Unsupported { task, answer, why });
        if task.problem.needs_argument() != query.is_some() {
            return unsupported("DC and DS tasks take a query argument, the others none");
        }
        if shown.iter().flatten().any(|a| a.index() >= af.len()) {
            return unsupported("a printed set names an argument the framework lacks");
        }
        let one = || shown.first().cloned();
        let q = query.unwrap_or(Arg(0));
        // A stable extension's range is every argument: nothing is wider.
        let range = |set: Option<Vec<Arg>>, cf: bool| match set {
            Some(s) if crate::verify::is_stable(af, &s) => Ok(None),
            Some(s) if cf => Ok(Some(Claim::NoConflictFreeWiderRange(s))),
            Some(s) => Ok(Some(Claim::NoAdmissibleWiderRange(s))),
            None => unsupported("the answer prints no extension"),
        };
        match (task.problem, task.semantics, yes) {
            (_, Grounded, _) | (Sceptical, Complete, _) => unsupported(
                "grounded answers are a linear-time fixpoint: `verify-proof` checks them by a \
                     fixpoint of its own, no proof file",
            ),
            (Credulous | Sceptical | SomeExtension | EnumerateExtensions, Ideal, _) => {
                Ok(Some(Claim::IdealExtension))
            }
            (Problem::CountExtensions, ..) => unsupported("counts are not certified"),
            // Witnesses: an admissible set, a stable extension.
            (Credulous, Complete | Preferred | Stable, true) => Ok(None),
            (Sceptical, Stable, false) | (SomeExtension, Complete | Stable, true) => Ok(None),
            (Credulous, Complete | Preferred, false) => Ok(Some(Claim::NoAdmissibleWith(q))),
            (Credulous, Stable, false) => Ok(Some(Claim::NoStableWith(q))),
            (Sceptical, Stable, true) => Ok(Some(Claim::NoStableWithout(q))),
            (SomeExtension, Stable, false) => Ok(Some(Claim::NoStable)),
            (Sceptical, Preferred, true) => Ok(Some(Claim::PreferredAllContain(q))),
            (Sceptical, Preferred, false) => match one() {
                // An admissible set attacking q grows into a preferred extension without q.
                Some(s) if s.iter().any(|&a| af.attacked_by(a).contains(&q)) => Ok(None),
                Some(s) => Ok(Some(Claim::NoAdmissibleAbove(s))),
                None => unsupported("the answer prints no counterexample"),
            },
            (SomeExtension, Preferred, true) => match one() {
                Some(s) => Ok(Some(Claim::NoAdmissibleAbove(s))),
                None => unsupported("the answer prints no extension"),
            },
            (SomeExtension, SemiStable | Stage, true)
            | (Credulous, SemiStable | Stage, true)
            | (Sceptical, SemiStable | Stage, false) => range(one(), task.semantics == Stage),
            // Sigma2: a stable extension, or a range cover.
            (Credulous, SemiStable | Stage, false) | (Sceptical, SemiStable | Stage, true) => {
                Ok(Some(Claim::NoRangeMaximal {
                    query: q,
                    with: task.problem == Credulous,
                    stage: task.semantics == Stage,
                }))
            }
            (SomeExtension, ..) => unsupported("every framework has such an extension"),
            (EnumerateExtensions, Stable, _) => Ok(Some(Claim::NoOtherStable(shown.to_vec()))),
            (EnumerateExtensions, Preferred, _) => {
                Ok(Some(Claim::NoAdmissibleOutside(shown.to_vec())))
            }
            (EnumerateExtensions, Complete, _) => Ok(Some(Claim::NoOtherComplete(shown.to_vec()))),
            (EnumerateExtensions, SemiStable | Stage, _) => Ok(Some(Claim::NoOtherRangeMaximal {
                sets: shown.to_vec(),
                stage: task.semantics == Stage,
            })),
        }
    }
}

/// Why no proof was written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ProveError {
    /// The claim is false: its formula has a model, this set of arguments (the answer it
    /// stands for is wrong, and the set is a witness against it). For
    /// [`Claim::PreferredAllContain`], a preferred extension without the argument.
    #[error("the claim is false: its canonical formula is satisfiable")]
    False(Vec<Arg>),
    /// A set in the claim names an argument the framework lacks.
    #[error("a set in the claim names an argument the framework lacks")]
    BadClaim,
    /// argsat cannot prove this claim on this framework, and why.
    #[error("no proof: {0}")]
    Unprovable(&'static str),
    /// Writing the proof failed.
    #[error("writing the proof: {0}")]
    Io(#[from] io::Error),
}

/// Writes to the file at `path` a DRAT proof (text) refuting `claim`'s canonical formula
/// on `af`, and returns the claim refuted: `claim` itself, except that
/// [`Claim::PreferredAllContain`] becomes the [`Claim::NoAdmissibleOutside`] of the
/// admissible sets (each containing the argument) whose formula the proof refutes, and
/// [`Claim::NoRangeMaximal`] the [`Claim::StableShown`] with a stable extension, or
/// without one the [`Claim::RangeCover`] it finds, and [`Claim::IdealExtension`] the
/// [`Claim::IdealAttacked`] (or [`Claim::IdealShown`]); these sets must be published
/// beside the proof (`FILE.sets`).
///
/// # Errors
/// [`ProveError::False`] (with a model) when the formula is satisfiable, nothing written
/// (for [`Claim::NoRangeMaximal`], a semi-stable or stage extension with, or without, the
/// query); [`ProveError::BadClaim`] for a set naming a missing argument;
/// [`ProveError::Io`] when writing fails.
pub fn prove(af: &Framework, claim: &Claim, path: &Path) -> Result<Claim, ProveError> {
    if !formula::names_only(af, claim) {
        return Err(ProveError::BadClaim);
    }
    let claim = match claim {
        Claim::PreferredAllContain(q) => match cover::covering_sets(af, *q) {
            Ok(sets) => Claim::NoAdmissibleOutside(sets),
            Err(preferred_without_q) => return Err(ProveError::False(preferred_without_q)),
        },
        &Claim::NoRangeMaximal { query, with, stage } => match cover::stable_extension(af) {
            // The cheaper claim where it holds: one stable refutation, no selectors.
            Some(stable) => {
                let inner =
                    if with { Claim::NoStableWith(query) } else { Claim::NoStableWithout(query) };
                Claim::StableShown { stable, claim: Box::new(inner) }
            }
            None => match cover::range_cover(af, query, with, stage) {
                Ok(sets) => Claim::RangeCover { sets, query, with, stage },
                Err(extension) => return Err(ProveError::False(extension)),
            },
        },
        Claim::IdealExtension => {
            let (attacking, ideal) = ideal::by_attacks(af);
            match prove(af, &Claim::IdealAttacked { attacking, ideal }, path) {
                // Not refuted: the solver's route is wrong somewhere; the cover decides.
                Err(ProveError::False(_)) => {
                    let (accepted, ideal) = ideal::ideal(af);
                    Claim::IdealShown { accepted, ideal }
                }
                other => return other,
            }
        }
        other => other.clone(),
    };
    let refuted = match &claim {
        Claim::StableShown { claim, .. } => claim.as_ref(),
        other => other,
    };
    let clauses = formula::clauses(af, refuted);
    let vars = formula::variables(af, refuted);
    // Refuted by unit propagation alone (an answer the grounded labelling decides, often):
    // the empty clause is the whole proof, and no solver is needed.
    let result = if formula::propagation_refutes(vars, &clauses) {
        std::fs::write(path, b"").map(|()| None)
    } else {
        refute(vars, &clauses, path)
            .map(|model| model.map(|m| m.into_iter().filter(|a| a.index() < af.len()).collect()))
    };
    match result {
        Ok(None) => {
            // The empty clause last, always: a solver writes no step at all for a formula
            // it refutes while loading (unit clauses in conflict), and a second empty
            // clause after its own is still a RUP step.
            let mut file = std::fs::OpenOptions::new().append(true).open(path)?;
            file.write_all(b"0\n")?;
            file.flush()?;
            Ok(claim)
        }
        Ok(Some(model)) => {
            let _ = std::fs::remove_file(path);
            Err(ProveError::False(model))
        }
        Err(e) => {
            let _ = std::fs::remove_file(path);
            Err(e.into())
        }
    }
}

/// The two ways to show `af`'s ideal extension, as claims for [`prove`]:
/// [`Claim::IdealAttacked`] along argsat's ideal solver (what [`Claim::IdealExtension`]
/// becomes), and [`Claim::IdealShown`], the cover of every credulously accepted argument
/// (its fallback; it costs more where many arguments are accepted).
pub fn ideal_claims(af: &Framework) -> [Claim; 2] {
    let (attacking, ideal) = ideal::by_attacks(af);
    let attacked = Claim::IdealAttacked { attacking, ideal };
    let (accepted, ideal) = ideal::ideal(af);
    [attacked, Claim::IdealShown { accepted, ideal }]
}

/// Refutes `clauses` over variables `1..=n` (DIMACS literals), tracing the proof into
/// `path`; `Ok(Some(model))` when they are satisfiable.
fn refute(n: usize, clauses: &[Vec<i32>], path: &Path) -> io::Result<Option<Vec<Arg>>> {
    #[cfg(all(feature = "cadical", unix))]
    {
        trace::refute(n, clauses, path)
    }
    #[cfg(not(all(feature = "cadical", unix)))]
    {
        refute_varisat(n, clauses, path)
    }
}

/// [`refute`] on varisat, whose DRAT output is a writer of its own.
#[cfg_attr(all(feature = "cadical", unix), allow(dead_code))]
fn refute_varisat(n: usize, clauses: &[Vec<i32>], path: &Path) -> io::Result<Option<Vec<Arg>>> {
    let file = std::fs::File::create(path)?;
    let mut buffered = io::BufWriter::new(file);
    // Declared after the writer it borrows, so dropped before it.
    let mut solver = varisat::Solver::new();
    solver.write_proof(&mut buffered, varisat::ProofFormat::Drat);
    let lit = |l: i32| varisat::Lit::from_dimacs(l as isize);
    let mut clause = Vec::new();
    for c in clauses {
        clause.clear();
        clause.extend(c.iter().map(|&l| lit(l)));
        varisat::ExtendFormula::add_clause(&mut solver, &clause);
    }
    let sat = solver.solve().map_err(|e| io::Error::other(e.to_string()))?;
    if sat {
        let model = solver.model().unwrap_or_default();
        let set = model.iter().filter(|l| l.is_positive() && l.index() < n);
        return Ok(Some(set.map(|l| Arg::from_index(l.index())).collect()));
    }
    solver.close_proof().map_err(|e| io::Error::other(e.to_string()))?;
    drop(solver);
    buffered.flush()?;
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prove_both(af: &Framework, claim: &Claim) -> (bool, bool) {
        let dir = std::env::temp_dir();
        let id = format!("{}-{:?}", std::process::id(), std::thread::current().id());
        let id: String = id.chars().filter(char::is_ascii_alphanumeric).collect();
        let path = dir.join(format!("argsat-unit-{id}.drat"));
        let clauses = formula::clauses(af, claim);
        let a = refute(af.len(), &clauses, &path).unwrap().is_none();
        let b = refute_varisat(af.len(), &clauses, &path).unwrap().is_none();
        let _ = std::fs::remove_file(&path);
        (a, b)
    }

    #[test]
    fn backends_agree_on_small_claims() {
        // 0 <-> 1, 2 attacks itself.
        let af = Framework::from_attacks(3, &[(0, 1), (1, 0), (2, 2)]).unwrap();
        let cases = [
            (Claim::NoAdmissibleWith(Arg(2)), true),
            (Claim::NoAdmissibleWith(Arg(0)), false),
            (Claim::NoStable, true),
            (Claim::NoAdmissibleAbove(vec![Arg(0)]), true),
            (Claim::NoAdmissibleAbove(vec![]), false),
            (Claim::NoAdmissibleOutside(vec![vec![Arg(0)], vec![Arg(1)]]), true),
            (Claim::NoAdmissibleOutside(vec![vec![Arg(0)]]), false),
            (Claim::NoAdmissibleWiderRange(vec![Arg(0)]), true),
            (Claim::NoConflictFreeWiderRange(vec![]), false),
        ];
        for (claim, refuted) in cases {
            assert_eq!(prove_both(&af, &claim), (refuted, refuted), "{claim:?}");
        }
    }

    #[test]
    fn unit_propagation_refutes_what_the_grounded_labelling_decides() {
        // 0 -> 1 -> 2: the grounded labelling is the stable extension {0, 2}.
        let af = Framework::from_attacks(3, &[(0, 1), (1, 2)]).unwrap();
        let refutes =
            |claim: Claim| formula::propagation_refutes(af.len(), &formula::clauses(&af, &claim));
        assert!(refutes(Claim::NoStableWithout(Arg(2))));
        assert!(refutes(Claim::NoStableWith(Arg(1))));
        assert!(!refutes(Claim::NoStableWith(Arg(2))));
        // 0 <-> 1: nothing propagates; the SAT call proves it.
        let cycle = Framework::from_attacks(2, &[(0, 1), (1, 0)]).unwrap();
        let cl = formula::clauses(&cycle, &Claim::NoStable);
        assert!(!formula::propagation_refutes(2, &cl));
        // A clause with a literal twice, and a tautology, are read right.
        assert!(formula::propagation_refutes(1, &[vec![1, 1], vec![-1, 1], vec![-1]]));
        assert!(!formula::propagation_refutes(1, &[vec![1, -1]]));
    }

    #[test]
    fn of_answer_asks_for_what_no_witness_shows() {
        let af = Framework::from_attacks(2, &[(0, 1)]).unwrap();
        let t = |s: &str| s.parse::<Task>().unwrap();
        let s0 = vec![vec![Arg(0)]];
        assert_eq!(Claim::of_answer(&af, t("DC-CO"), Some(Arg(1)), true, &[]), Ok(None));
        // 0 attacks the query 1: the counterexample speaks for itself.
        assert_eq!(Claim::of_answer(&af, t("DS-PR"), Some(Arg(1)), false, &s0), Ok(None));
        assert_eq!(
            Claim::of_answer(&af, t("SE-PR"), None, true, &s0),
            Ok(Some(Claim::NoAdmissibleAbove(vec![Arg(0)])))
        );
        assert!(matches!(
            Claim::of_answer(&af, t("DC-SST"), Some(Arg(1)), false, &[]),
            Ok(Some(Claim::NoRangeMaximal { with: true, stage: false, .. }))
        ));
        assert!(Claim::of_answer(&af, t("DC-CO"), None, false, &[]).is_err());
        assert!(Claim::of_answer(&af, t("SE-PR"), None, true, &[vec![Arg(7)]]).is_err());
    }
}
