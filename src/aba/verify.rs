//! Independent checks of ABA answers: whether an assumption set is conflict-free,
//! admissible, complete, stable or grounded, and what it derives, each a polynomial
//! check by Horn closure. Shares no code with the solvers (its closure is a plain
//! fixpoint over the rules, not the solvers' counters), so a bug in one is not hidden by
//! the other.

use super::model::{Aba, Atom};
use crate::task::Semantics;

/// Why a set is not an extension.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AbaViolation {
    /// The set holds an atom that is not an assumption.
    #[error("atom {} is not an assumption", .0.number())]
    NotAnAssumption(Atom),
    /// The set derives a contrary of its member.
    #[error("the set attacks its own assumption {}", .0.number())]
    Conflict(Atom),
    /// The assumptions the set does not attack derive a contrary of its member.
    #[error("the set does not defend its assumption {}", .0.number())]
    Undefended(Atom),
    /// The set defends an assumption it lacks.
    #[error("the set defends assumption {} but lacks it", .0.number())]
    NotComplete(Atom),
    /// The set neither holds nor attacks an assumption.
    #[error("the set neither holds nor attacks assumption {}", .0.number())]
    NotStable(Atom),
    /// The set is not the grounded extension.
    #[error("the set is not the grounded extension")]
    NotGrounded,
    /// A semantics these checks do not cover.
    #[error("{0} extensions of ABA frameworks are not checked")]
    Unchecked(&'static str),
}

/// The atoms `set` derives: rules applied in sweeps until none adds an atom.
pub fn derived(aba: &Aba, set: &[Atom]) -> Vec<bool> {
    let mut d = vec![false; aba.len()];
    for &a in set {
        if aba.is_assumption(a) {
            d[a.index()] = true;
        }
    }
    loop {
        let mut changed = false;
        for r in aba.rules() {
            let h = aba.head(r).index();
            if !d[h] && aba.body(r).iter().all(|b| d[b.index()]) {
                d[h] = true;
                changed = true;
            }
        }
        if !changed {
            return d;
        }
    }
}

/// Whether `set` derives `q`.
pub fn derives(aba: &Aba, set: &[Atom], q: Atom) -> bool {
    derived(aba, set)[q.index()]
}

/// Whether no set conflict-free and holding `set` derives `q`: the assumptions `set` does
/// not attack do not derive it (every conflict-free superset of `set` lies among them).
/// With `set` admissible, it shows that some preferred extension (any holding `set`)
/// does not derive `q`.
pub fn blocks(aba: &Aba, set: &[Atom], q: Atom) -> bool {
    let by_set = attacked(aba, &derived(aba, set));
    let open: Vec<Atom> =
        aba.assumptions().iter().copied().filter(|a| !by_set[a.index()]).collect();
    !derives(aba, &open, q)
}

/// The assumptions attacked by what `derived` holds.
fn attacked(aba: &Aba, derived: &[bool]) -> Vec<bool> {
    let mut out = vec![false; aba.len()];
    for &a in aba.assumptions() {
        out[a.index()] = aba.contraries(a).iter().any(|c| derived[c.index()]);
    }
    out
}

/// Both what `set` attacks and what the assumptions it does not attack attack: the
/// assumptions `set` does not defend.
fn attacks_and_threats(aba: &Aba, set: &[Atom]) -> (Vec<bool>, Vec<bool>) {
    let by_set = attacked(aba, &derived(aba, set));
    let open: Vec<Atom> =
        aba.assumptions().iter().copied().filter(|a| !by_set[a.index()]).collect();
    let threats = attacked(aba, &derived(aba, &open));
    (by_set, threats)
}

fn assumptions_only(aba: &Aba, set: &[Atom]) -> Result<(), AbaViolation> {
    match set.iter().find(|a| a.index() >= aba.len() || !aba.is_assumption(**a)) {
        Some(&a) => Err(AbaViolation::NotAnAssumption(a)),
        None => Ok(()),
    }
}

/// Checks that `set` is conflict-free.
///
/// # Errors
/// The first violation.
pub fn conflict_free(aba: &Aba, set: &[Atom]) -> Result<(), AbaViolation> {
    assumptions_only(aba, set)?;
    let by_set = attacked(aba, &derived(aba, set));
    match set.iter().find(|a| by_set[a.index()]) {
        Some(&a) => Err(AbaViolation::Conflict(a)),
        None => Ok(()),
    }
}

/// Checks that `set` is admissible: conflict-free, and no contrary of a member is
/// derived by the assumptions it does not attack.
///
/// # Errors
/// The first violation.
pub fn admissible(aba: &Aba, set: &[Atom]) -> Result<(), AbaViolation> {
    conflict_free(aba, set)?;
    let (_, threats) = attacks_and_threats(aba, set);
    match set.iter().find(|a| threats[a.index()]) {
        Some(&a) => Err(AbaViolation::Undefended(a)),
        None => Ok(()),
    }
}

/// Checks that `set` is complete: admissible, holding every assumption it defends.
///
/// # Errors
/// The first violation.
pub fn complete(aba: &Aba, set: &[Atom]) -> Result<(), AbaViolation> {
    admissible(aba, set)?;
    let (_, threats) = attacks_and_threats(aba, set);
    let mut member = vec![false; aba.len()];
    set.iter().for_each(|a| member[a.index()] = true);
    match aba.assumptions().iter().find(|a| !member[a.index()] && !threats[a.index()]) {
        Some(&a) => Err(AbaViolation::NotComplete(a)),
        None => Ok(()),
    }
}

/// Checks that `set` is stable: conflict-free, attacking every assumption outside it.
///
/// # Errors
/// The first violation.
pub fn stable(aba: &Aba, set: &[Atom]) -> Result<(), AbaViolation> {
    conflict_free(aba, set)?;
    let by_set = attacked(aba, &derived(aba, set));
    let mut member = vec![false; aba.len()];
    set.iter().for_each(|a| member[a.index()] = true);
    match aba.assumptions().iter().find(|a| !member[a.index()] && !by_set[a.index()]) {
        Some(&a) => Err(AbaViolation::NotStable(a)),
        None => Ok(()),
    }
}

/// The grounded extension, by iterating "what the set defends" from the empty set.
pub fn grounded(aba: &Aba) -> Vec<Atom> {
    let mut set: Vec<Atom> = Vec::new();
    loop {
        let (_, threats) = attacks_and_threats(aba, &set);
        let next: Vec<Atom> =
            aba.assumptions().iter().copied().filter(|a| !threats[a.index()]).collect();
        if next == set {
            return set;
        }
        set = next;
    }
}

/// Checks `set` against `semantics`: grounded (equality), complete, stable; preferred
/// sets are checked complete (maximality is not polynomial to check).
///
/// # Errors
/// The first violation; [`AbaViolation::Unchecked`] for semi-stable, stage and ideal.
pub fn check_extension(aba: &Aba, semantics: Semantics, set: &[Atom]) -> Result<(), AbaViolation> {
    match semantics {
        Semantics::Grounded => {
            let mut s = set.to_vec();
            s.sort_unstable();
            s.dedup();
            if s == grounded(aba) { Ok(()) } else { Err(AbaViolation::NotGrounded) }
        }
        Semantics::Complete | Semantics::Preferred => complete(aba, set),
        Semantics::Stable => stable(aba, set),
        other => Err(AbaViolation::Unchecked(other.name())),
    }
}
