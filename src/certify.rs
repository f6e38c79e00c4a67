//! Certified refutations: a DRAT proof of the claim behind an answer that no witness can
//! show ("no admissible set contains q", "no stable extension", ...), checkable by any DRAT
//! checker against the claim's canonical formula (`docs/proofs.md`).
//!
//! The proof refutes the canonical formula itself (variables `1..=n`, variable `i` true
//! meaning argument `i` is in the set), found by a SAT call of its own on varisat, whose
//! DRAT output needs no auxiliary variable: the checker sees exactly the formula the
//! documentation gives, nothing of argsat's encodings. That call is made only when a proof
//! is asked for, so answers without `--proof` cost nothing more.
//!
//! ```
//! use argsat::certify::{Claim, prove};
//! use argsat::{Arg, Framework};
//!
//! // 0 attacks itself: no admissible set contains it.
//! let af = Framework::from_attacks(1, &[(0, 0)]).unwrap();
//! let mut proof = Vec::new();
//! prove(&af, Claim::NoAdmissibleWith(Arg(0)), &mut proof).unwrap();
//! assert!(String::from_utf8(proof).unwrap().ends_with("0\n")); // the empty clause
//! ```

use std::io::{self, Write};

use crate::af::{Arg, Framework};
use crate::task::{Problem, Semantics, Task};

/// A claim argsat proves: the formula its proof refutes (`docs/proofs.md`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
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
}

/// A refutation argsat does not prove yet, and why.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("no proof for {task} {answer}: {why}")]
pub struct Unsupported {
    /// The task.
    pub task: Task,
    /// The answer (`YES`, `NO`).
    pub answer: &'static str,
    /// Why not.
    pub why: &'static str,
}

impl Claim {
    /// The claim behind `task`'s answer about `query`: `yes` is the answer of a DC or DS
    /// task, or for SE whether an extension was found. `Ok(None)` when the answer shows a
    /// witness (an extension: nothing to prove).
    ///
    /// # Errors
    /// [`Unsupported`] for refutations argsat does not prove yet (preferred maximality,
    /// enumeration, semi-stable, stage, ideal, grounded), and for a query argument given
    /// to a task without one or missing from a DC or DS task.
    pub fn of_answer(
        task: Task,
        query: Option<Arg>,
        yes: bool,
    ) -> Result<Option<Claim>, Unsupported> {
        use Problem::{Credulous, Sceptical, SomeExtension};
        use Semantics::{Complete, Preferred, Stable};
        let answer = if yes { "YES" } else { "NO" };
        let unsupported = |why| Err(Unsupported { task, answer, why });
        let refutes = match task.problem {
            Credulous => !yes,
            Sceptical => yes,
            SomeExtension => !yes,
            _ => return unsupported("enumeration and counting are not certified yet"),
        };
        if !refutes {
            return Ok(None);
        }
        if task.problem.needs_argument() != query.is_some() {
            return unsupported("DC and DS tasks take a query argument, the others none");
        }
        let q = || query.expect("checked above");
        match (task.problem, task.semantics) {
            (Credulous, Complete | Preferred) => Ok(Some(Claim::NoAdmissibleWith(q()))),
            (Credulous, Stable) => Ok(Some(Claim::NoStableWith(q()))),
            (Sceptical, Stable) => Ok(Some(Claim::NoStableWithout(q()))),
            (SomeExtension, Stable) => Ok(Some(Claim::NoStable)),
            (SomeExtension, _) => unsupported("every framework has such an extension"),
            (Sceptical, Preferred) => unsupported("a DS-PR YES needs its admissible sets listed"),
            (_, Semantics::Grounded) | (Sceptical, Complete) => {
                unsupported("grounded answers are a linear-time fixpoint, not certified by DRAT")
            }
            _ => unsupported("semi-stable, stage and ideal refutations are not certified yet"),
        }
    }
}

/// Why no proof was written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ProveError {
    /// The claim is false: its formula has a model, this set of arguments (the answer
    /// it stands for is wrong, and the set is a witness against it).
    #[error("the claim is false: its canonical formula is satisfiable")]
    False(Vec<Arg>),
    /// Writing the proof failed.
    #[error("writing the proof: {0}")]
    Io(#[from] io::Error),
}

/// Writes to `out` a DRAT proof (text) refuting `claim`'s canonical formula on `af`.
///
/// # Errors
/// [`ProveError::False`] (with a model) when the formula is satisfiable, [`ProveError::Io`] when writing
/// fails.
pub fn prove(af: &Framework, claim: Claim, out: &mut impl Write) -> Result<(), ProveError> {
    let mut buffered = io::BufWriter::new(out);
    // Declared after the writer it borrows, so dropped before it.
    let mut solver = varisat::Solver::new();
    solver.write_proof(&mut buffered, varisat::ProofFormat::Drat);
    for clause in canonical(af, claim) {
        varisat::ExtendFormula::add_clause(&mut solver, &clause);
    }
    let sat = solver.solve().map_err(|e| io::Error::other(e.to_string()))?;
    if sat {
        let model = solver.model().unwrap_or_default();
        let set = model.iter().filter(|l| l.is_positive()).map(|l| Arg::from_index(l.index()));
        return Err(ProveError::False(set.collect()));
    }
    solver.close_proof().map_err(|e| io::Error::other(e.to_string()))?;
    drop(solver);
    // The empty clause last, always: varisat writes no step at all for a formula it
    // refutes while loading (unit clauses in conflict), and a second empty clause after
    // its own is still a RUP step.
    buffered.write_all(b"0\n")?;
    buffered.flush()?;
    Ok(())
}

/// The canonical formula's clauses, variable `i + 1` for argument `i`.
fn canonical(af: &Framework, claim: Claim) -> Vec<Vec<varisat::Lit>> {
    let x = |a: Arg, positive: bool| varisat::Lit::from_index(a.index(), positive);
    let mut clauses = Vec::new();
    // CF: (-a -b) per attack, (-a) per self-attack.
    for a in af.args() {
        for &b in af.attacked_by(a) {
            clauses.push(if a == b { vec![x(a, false)] } else { vec![x(a, false), x(b, false)] });
        }
    }
    let stable = match claim {
        Claim::NoAdmissibleWith(_) => false,
        Claim::NoStableWith(_) | Claim::NoStableWithout(_) | Claim::NoStable => true,
    };
    for a in af.args() {
        if stable {
            // (a b1 ... bk): in, or attacked.
            let mut c = vec![x(a, true)];
            c.extend(af.attackers(a).iter().map(|&b| x(b, true)));
            clauses.push(c);
        } else {
            // (-a c1 ... ck) per attack b -> a: a member's attacker b is attacked.
            for &b in af.attackers(a) {
                let mut c = vec![x(a, false)];
                c.extend(af.attackers(b).iter().map(|&d| x(d, true)));
                clauses.push(c);
            }
        }
    }
    match claim {
        Claim::NoAdmissibleWith(q) | Claim::NoStableWith(q) => clauses.push(vec![x(q, true)]),
        Claim::NoStableWithout(q) => clauses.push(vec![x(q, false)]),
        Claim::NoStable => {}
    }
    clauses
}
