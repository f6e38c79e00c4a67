//! Checking a claimed extension: plain passes over the framework for conflict-free,
//! admissible, complete and stable sets, and one SAT call for maximality (preferred,
//! semi-stable, stage). Shares no code with the solvers' answer paths except the clause
//! encoding, so it can judge their certificates (and other solvers').

use crate::af::{Arg, Framework};
use crate::encode::{self, SetKind};
use crate::sat::{ClauseSink, DefaultSolver, Lit, Solve};
use crate::semantics::{self, grounded_extension};
use crate::task::Semantics;

/// Membership flags of `set` (duplicates allowed).
fn members(af: &Framework, set: &[Arg]) -> Vec<bool> {
    let mut m = vec![false; af.len()];
    for a in set {
        m[a.index()] = true;
    }
    m
}

/// Flags of the arguments some member attacks.
fn attacked(af: &Framework, m: &[bool]) -> Vec<bool> {
    let mut att = vec![false; af.len()];
    for a in af.args().filter(|a| m[a.index()]) {
        for &b in af.attacked_by(a) {
            att[b as usize] = true;
        }
    }
    att
}

/// The first member attacked by a member, if any.
fn conflict(af: &Framework, m: &[bool], att: &[bool]) -> Option<Arg> {
    af.args().find(|a| m[a.index()] && att[a.index()])
}

/// The first member with an attacker the set does not attack, if any.
fn undefended(af: &Framework, m: &[bool], att: &[bool]) -> Option<Arg> {
    af.args().find(|&a| m[a.index()] && af.attackers(a).iter().any(|&b| !att[b as usize]))
}

/// The first non-member whose every attacker the set attacks, if any.
fn defended_outsider(af: &Framework, m: &[bool], att: &[bool]) -> Option<Arg> {
    af.args().find(|&a| !m[a.index()] && af.attackers(a).iter().all(|&b| att[b as usize]))
}

/// No member attacks a member.
pub fn is_conflict_free(af: &Framework, set: &[Arg]) -> bool {
    let m = members(af, set);
    conflict(af, &m, &attacked(af, &m)).is_none()
}

/// Conflict-free, and the set attacks every attacker of a member.
pub fn is_admissible(af: &Framework, set: &[Arg]) -> bool {
    check(af, SetKind::Admissible, set).is_ok()
}

/// Admissible, and containing every argument it defends.
pub fn is_complete(af: &Framework, set: &[Arg]) -> bool {
    check(af, SetKind::Complete, set).is_ok()
}

/// Conflict-free, and attacking every non-member.
pub fn is_stable(af: &Framework, set: &[Arg]) -> bool {
    check(af, SetKind::Stable, set).is_ok()
}

/// Checks `set` against `kind`, naming the first violation.
fn check(af: &Framework, kind: SetKind, set: &[Arg]) -> Result<(), String> {
    let m = members(af, set);
    let att = attacked(af, &m);
    let name = |a: Arg| af.display_name(a).to_string();
    if let Some(a) = conflict(af, &m, &att) {
        return Err(format!("not conflict-free: member {} is attacked by a member", name(a)));
    }
    if matches!(kind, SetKind::Admissible | SetKind::Complete)
        && let Some(a) = undefended(af, &m, &att)
    {
        return Err(format!("not admissible: member {} is not defended", name(a)));
    }
    if kind == SetKind::Complete
        && let Some(a) = defended_outsider(af, &m, &att)
    {
        return Err(format!("not complete: {} is defended but not a member", name(a)));
    }
    if kind == SetKind::Stable
        && let Some(a) = af.args().find(|a| !m[a.index()] && !att[a.index()])
    {
        return Err(format!("not stable: {} is neither a member nor attacked", name(a)));
    }
    Ok(())
}

/// Whether some set of `kind` strictly exceeds `set` (by members, or by range when
/// `by_range`), decided by one SAT call.
fn exceeded(af: &Framework, kind: SetKind, set: &[Arg], by_range: bool) -> bool {
    let mut s = DefaultSolver::default();
    let enc = encode::encode(af, kind, &mut s);
    let lits: Vec<Lit> =
        if by_range { encode::range(af, &enc, &mut s) } else { enc.in_set.clone() };
    let covered = if by_range {
        let m = members(af, set);
        let att = attacked(af, &m);
        m.iter().zip(&att).map(|(&x, &y)| x || y).collect()
    } else {
        members(af, set)
    };
    let mut bigger = Vec::new();
    for (i, &lit) in lits.iter().enumerate() {
        if covered[i] {
            s.add_clause(&[lit]);
        } else {
            bigger.push(lit);
        }
    }
    s.add_clause(&bigger);
    s.solve()
}

/// Checks that `set` is an extension of `af` under `semantics`, naming the first
/// violation. Grounded and ideal compare with the unique extension argsat computes
/// (grounded by its linear fixpoint, ideal by its solver).
///
/// # Errors
/// A message saying why `set` is not an extension.
pub fn check_extension(af: &Framework, semantics: Semantics, set: &[Arg]) -> Result<(), String> {
    let unique = |expected: Vec<Arg>| {
        let mut got: Vec<Arg> = set.to_vec();
        got.sort_unstable();
        got.dedup();
        if got == expected {
            Ok(())
        } else {
            Err(format!(
                "not the {} extension ({} arguments, expected {})",
                semantics.name(),
                got.len(),
                expected.len()
            ))
        }
    };
    match semantics {
        Semantics::Grounded => unique(grounded_extension(af)),
        Semantics::Ideal => {
            unique(semantics::some_extension(af, Semantics::Ideal).unwrap_or_default())
        }
        Semantics::Complete => check(af, SetKind::Complete, set),
        Semantics::Stable => check(af, SetKind::Stable, set),
        Semantics::Preferred => {
            check(af, SetKind::Admissible, set)?;
            if exceeded(af, SetKind::Admissible, set, false) {
                return Err("not preferred: a larger admissible set exists".into());
            }
            Ok(())
        }
        Semantics::SemiStable => {
            check(af, SetKind::Complete, set)?;
            if exceeded(af, SetKind::Admissible, set, true) {
                return Err("not semi-stable: an admissible set has a larger range".into());
            }
            Ok(())
        }
        Semantics::Stage => {
            check(af, SetKind::ConflictFree, set)?;
            if exceeded(af, SetKind::ConflictFree, set, true) {
                return Err("not stage: a conflict-free set has a larger range".into());
            }
            Ok(())
        }
    }
}

/// Checks a certificate for credulous acceptance of `a`: a `semantics` extension
/// containing `a`; for complete and preferred semantics an admissible set containing `a`
/// is enough (it extends to such an extension), as ICCMA 2023 accepts.
///
/// # Errors
/// A message saying why the certificate proves nothing.
pub fn check_credulous(
    af: &Framework,
    semantics: Semantics,
    a: Arg,
    set: &[Arg],
) -> Result<(), String> {
    if !set.contains(&a) {
        return Err(format!("the certificate does not contain {}", af.display_name(a)));
    }
    match semantics {
        Semantics::Complete | Semantics::Preferred => check(af, SetKind::Admissible, set),
        _ => check_extension(af, semantics, set),
    }
}

/// Checks a certificate against sceptical acceptance of `a`: a `semantics` extension
/// without `a`.
///
/// # Errors
/// A message saying why the certificate proves nothing.
pub fn check_sceptical_counterexample(
    af: &Framework,
    semantics: Semantics,
    a: Arg,
    set: &[Arg],
) -> Result<(), String> {
    if set.contains(&a) {
        return Err(format!("the counterexample contains {}", af.display_name(a)));
    }
    check_extension(af, semantics, set)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn af(n: u32, attacks: &[(u32, u32)]) -> Framework {
        Framework::from_attacks(n, attacks).unwrap()
    }

    fn set(v: &[u32]) -> Vec<Arg> {
        v.iter().map(|&i| Arg(i)).collect()
    }

    #[test]
    fn names_the_violation() {
        // 0 <-> 1, 1 -> 2.
        let f = af(3, &[(0, 1), (1, 0), (1, 2)]);
        assert!(check_extension(&f, Semantics::Stable, &set(&[0, 2])).is_ok());
        let e = check_extension(&f, Semantics::Stable, &set(&[0])).unwrap_err();
        assert!(e.contains("not stable"), "{e}");
        let e = check_extension(&f, Semantics::Complete, &set(&[2])).unwrap_err();
        assert!(e.contains("not admissible"), "{e}");
        let e = check_extension(&f, Semantics::Complete, &set(&[0])).unwrap_err();
        assert!(e.contains("not complete"), "{e}");
        let e = check_extension(&f, Semantics::Preferred, &set(&[])).unwrap_err();
        assert!(e.contains("not preferred"), "{e}");
        assert!(check_credulous(&f, Semantics::Preferred, Arg(0), &set(&[0])).is_ok());
        assert!(check_credulous(&f, Semantics::Stable, Arg(0), &set(&[0])).is_err());
        assert!(check_sceptical_counterexample(&f, Semantics::Grounded, Arg(0), &[]).is_ok());
    }

    #[test]
    fn range_maximality() {
        // 0 <-> 1, 1 -> 1: {0} has full range, {} does not.
        let f = af(2, &[(0, 1), (1, 0), (1, 1)]);
        assert!(check_extension(&f, Semantics::SemiStable, &set(&[0])).is_ok());
        assert!(check_extension(&f, Semantics::SemiStable, &set(&[])).is_err());
        assert!(check_extension(&f, Semantics::Stage, &set(&[0])).is_ok());
        assert!(check_extension(&f, Semantics::Stage, &set(&[])).is_err());
    }
}
