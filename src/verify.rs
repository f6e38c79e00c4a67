//! Checking claimed extensions and certificates, independently of the solvers: plain
//! passes over the framework for conflict-free, admissible, complete and stable sets, a
//! grounded fixpoint of its own, and small SAT queries over clauses written here (not
//! the solver's encoding) for maximality and the ideal extension. It imports nothing
//! from the solving code, so it can judge argsat's answers (and other solvers').
//!
//! ```
//! use argsat::{Arg, Framework, Semantics, verify};
//!
//! // 0 and 1 attack each other.
//! let af = Framework::from_attacks(2, &[(0, 1), (1, 0)]).unwrap();
//! assert!(verify::check_extension(&af, Semantics::Stable, &[Arg(0)]).is_ok());
//! let why = verify::check_extension(&af, Semantics::Preferred, &[]).unwrap_err();
//! assert!(matches!(why, verify::Violation::NotMaximal { .. }));
//! ```

use std::fmt;

use crate::af::{Arg, Framework};
use crate::sat::{Backend, ClauseSink, Lit, SatSolver, Solve};
use crate::task::Semantics;

/// Why a set is not what it was claimed to be.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Violation {
    /// A member attacks a member.
    Conflict {
        /// The attacking member.
        attacker: Arg,
        /// The attacked member.
        member: Arg,
    },
    /// A member has an attacker the set does not attack.
    Undefended {
        /// The member.
        member: Arg,
        /// Its attacker, unattacked by the set.
        attacker: Arg,
    },
    /// A non-member every attacker of which the set attacks (not complete).
    DefendedOutsider(Arg),
    /// A non-member the set does not attack (not stable).
    Unattacked(Arg),
    /// A set of the underlying kind has strictly more members (preferred) or a strictly
    /// larger range (semi-stable, stage).
    NotMaximal {
        /// The semantics claimed.
        semantics: Semantics,
        /// Such a larger set.
        larger: Vec<Arg>,
    },
    /// Not the unique extension of the semantics (grounded, ideal).
    NotUnique {
        /// The semantics claimed.
        semantics: Semantics,
        /// The extension.
        expected: Vec<Arg>,
    },
    /// A credulous witness lacks the queried argument.
    LacksQuery(Arg),
    /// A sceptical counterexample has the queried argument.
    HasQuery(Arg),
}

impl Violation {
    /// The violation in words, arguments named as the framework names them.
    pub fn describe(&self, af: &Framework) -> String {
        let name = |a: &Arg| af.display_name(*a).to_string();
        let names = |s: &[Arg]| s.iter().map(name).collect::<Vec<_>>().join(" ");
        match self {
            Violation::Conflict { attacker, member } => format!(
                "not conflict-free: member {} is attacked by member {}",
                name(member),
                name(attacker)
            ),
            Violation::Undefended { member, attacker } => format!(
                "not admissible: member {} is not defended against {}",
                name(member),
                name(attacker)
            ),
            Violation::DefendedOutsider(a) => {
                format!("not complete: {} is defended but not a member", name(a))
            }
            Violation::Unattacked(a) => {
                format!("not stable: {} is neither a member nor attacked", name(a))
            }
            Violation::NotMaximal { semantics, larger } => {
                let what = match semantics {
                    Semantics::Preferred => "a larger admissible set",
                    Semantics::SemiStable => "an admissible set with a larger range",
                    _ => "a conflict-free set with a larger range",
                };
                format!("not {}: {what} exists: {{{}}}", semantics.name(), names(larger))
            }
            Violation::NotUnique { semantics, expected } => format!(
                "not the {} extension ({} arguments: {{{}}})",
                semantics.name(),
                expected.len(),
                names(expected)
            ),
            Violation::LacksQuery(a) => format!("the certificate does not contain {}", name(a)),
            Violation::HasQuery(a) => format!("the counterexample contains {}", name(a)),
        }
    }
}

impl fmt::Display for Violation {
    /// [`Violation::describe`] with arguments as 1-based numbers.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A framework without names shows every argument by number.
        f.write_str(&self.describe(&Framework::default()))
    }
}

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
            att[b.index()] = true;
        }
    }
    att
}

/// The sets [`check_kind`] checks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    ConflictFree,
    Admissible,
    Complete,
    Stable,
}

/// Checks `set` against `kind`, naming the first violation.
fn check_kind(af: &Framework, kind: Kind, set: &[Arg]) -> Result<(), Violation> {
    let m = members(af, set);
    let att = attacked(af, &m);
    if let Some(member) = af.args().find(|a| m[a.index()] && att[a.index()]) {
        let attacker = *af.attackers(member).iter().find(|b| m[b.index()]).expect("attacked");
        return Err(Violation::Conflict { attacker, member });
    }
    if matches!(kind, Kind::Admissible | Kind::Complete) {
        for a in af.args().filter(|a| m[a.index()]) {
            if let Some(&attacker) = af.attackers(a).iter().find(|b| !att[b.index()]) {
                return Err(Violation::Undefended { member: a, attacker });
            }
        }
    }
    if kind == Kind::Complete
        && let Some(a) =
            af.args().find(|&a| !m[a.index()] && af.attackers(a).iter().all(|b| att[b.index()]))
    {
        return Err(Violation::DefendedOutsider(a));
    }
    if kind == Kind::Stable
        && let Some(a) = af.args().find(|a| !m[a.index()] && !att[a.index()])
    {
        return Err(Violation::Unattacked(a));
    }
    Ok(())
}

/// No member attacks a member.
pub fn is_conflict_free(af: &Framework, set: &[Arg]) -> bool {
    check_kind(af, Kind::ConflictFree, set).is_ok()
}

/// Conflict-free, and the set attacks every attacker of a member.
pub fn is_admissible(af: &Framework, set: &[Arg]) -> bool {
    check_kind(af, Kind::Admissible, set).is_ok()
}

/// Admissible, and containing every argument it defends.
pub fn is_complete(af: &Framework, set: &[Arg]) -> bool {
    check_kind(af, Kind::Complete, set).is_ok()
}

/// Conflict-free, and attacking every non-member.
pub fn is_stable(af: &Framework, set: &[Arg]) -> bool {
    check_kind(af, Kind::Stable, set).is_ok()
}

/// Every set of arguments of a small framework (at most 31 arguments), in the order of
/// their bit masks: the brute force that tests compare solvers with.
#[cfg(test)]
pub(crate) fn every_set(af: &Framework) -> impl Iterator<Item = Vec<Arg>> + '_ {
    assert!(af.len() < 32, "brute force over {} arguments", af.len());
    (0u32..1 << af.len()).map(|bits| af.args().filter(|a| bits >> a.0 & 1 == 1).collect())
}

/// The grounded extension by the plain fixpoint: an argument is in once all its
/// attackers are attacked by arguments in. Its own, not the solver's.
pub fn grounded(af: &Framework) -> Vec<Arg> {
    let mut left: Vec<usize> = af.args().map(|a| af.attackers(a).len()).collect();
    let mut out = vec![false; af.len()];
    let mut queue: Vec<Arg> = af.args().filter(|a| left[a.index()] == 0).collect();
    let mut ext = Vec::new();
    while let Some(a) = queue.pop() {
        ext.push(a);
        for &b in af.attacked_by(a) {
            if !std::mem::replace(&mut out[b.index()], true) {
                for &c in af.attacked_by(b) {
                    left[c.index()] -= 1;
                    if left[c.index()] == 0 {
                        queue.push(c);
                    }
                }
            }
        }
    }
    ext.sort_unstable();
    ext
}

/// Clauses of this module's own: `x[a]` for membership, conflict-freeness, and for
/// admissible sets "every attacker of a member is attacked by a member".
struct Sets {
    solver: SatSolver,
    x: Vec<Lit>,
}

impl Sets {
    fn new(af: &Framework, admissible: bool) -> Sets {
        let mut solver = SatSolver::new(Backend::default());
        let x: Vec<Lit> = af.args().map(|_| solver.new_lit()).collect();
        for (b, a) in af.attack_pairs() {
            solver.add_clause(&[!x[a.index()], !x[b.index()]]);
            if admissible {
                let mut clause = vec![!x[a.index()]];
                clause.extend(af.attackers(b).iter().map(|c| x[c.index()]));
                solver.add_clause(&clause);
            }
        }
        Sets { solver, x }
    }

    /// `r[a] <-> x[a] or some attacker of a is in`.
    fn range(&mut self, af: &Framework) -> Vec<Lit> {
        af.args()
            .map(|a| {
                let r = self.solver.new_lit();
                let mut clause = vec![!r, self.x[a.index()]];
                clause.extend(af.attackers(a).iter().map(|b| self.x[b.index()]));
                for &l in &clause[1..] {
                    self.solver.add_clause(&[r, !l]);
                }
                self.solver.add_clause(&clause);
                r
            })
            .collect()
    }

    fn model(&self) -> Vec<Arg> {
        (0..self.x.len()).filter(|&a| self.solver.value(self.x[a])).map(Arg::from_index).collect()
    }
}

/// A set of the kind (admissible or conflict-free) with strictly more members than
/// `set` (or, `by_range`, a strictly larger range), if there is one: one SAT call.
fn exceeding(af: &Framework, admissible: bool, set: &[Arg], by_range: bool) -> Option<Vec<Arg>> {
    let mut s = Sets::new(af, admissible);
    let m = members(af, set);
    let (lits, covered) = if by_range {
        let att = attacked(af, &m);
        (s.range(af), m.iter().zip(&att).map(|(&x, &y)| x || y).collect())
    } else {
        (s.x.clone(), m)
    };
    let mut bigger = Vec::new();
    for (i, &lit) in lits.iter().enumerate() {
        if covered[i] {
            s.solver.add_clause(&[lit]);
        } else {
            bigger.push(lit);
        }
    }
    s.solver.add_clause(&bigger);
    s.solver.solve().then(|| s.model())
}

/// The ideal extension, computed here: the arguments no admissible set attacks (`U`;
/// one SAT call per argument the grounded extension leaves open), then the union of the
/// admissible subsets of `U` (one SAT call per candidate), which is admissible itself.
pub fn ideal(af: &Framework) -> Vec<Arg> {
    let g = grounded(af);
    let in_g = members(af, &g);
    let out_g = attacked(af, &in_g);
    let mut s = Sets::new(af, true);
    // u[a]: no admissible set attacks a.
    let u: Vec<bool> = af
        .args()
        .map(|a| {
            if in_g[a.index()] || out_g[a.index()] {
                return in_g[a.index()];
            }
            let attackers: Vec<Lit> = af.attackers(a).iter().map(|b| s.x[b.index()]).collect();
            let act = s.solver.new_lit();
            let mut clause = vec![!act];
            clause.extend(attackers);
            s.solver.add_clause(&clause);
            let attacked = s.solver.solve_assuming(&[act]);
            s.solver.add_clause(&[!act]);
            !attacked
        })
        .collect();
    let outside: Vec<Lit> = af.args().filter(|a| !u[a.index()]).map(|a| !s.x[a.index()]).collect();
    af.args()
        .filter(|&a| {
            in_g[a.index()] || {
                u[a.index()] && {
                    let mut assumptions = outside.clone();
                    assumptions.push(s.x[a.index()]);
                    s.solver.solve_assuming(&assumptions)
                }
            }
        })
        .collect()
}

/// Checks that `set` is an extension of `af` under `semantics`, naming the first
/// violation. Grounded and ideal compare with the unique extension computed here
/// ([`grounded`], [`ideal`]); preferred, semi-stable and stage maximality takes one SAT
/// call.
///
/// # Errors
/// The [`Violation`] that shows `set` is not an extension.
pub fn check_extension(af: &Framework, semantics: Semantics, set: &[Arg]) -> Result<(), Violation> {
    let unique = |expected: Vec<Arg>| {
        let mut got: Vec<Arg> = set.to_vec();
        got.sort_unstable();
        got.dedup();
        if got == expected { Ok(()) } else { Err(Violation::NotUnique { semantics, expected }) }
    };
    let not_maximal = |larger| Err(Violation::NotMaximal { semantics, larger });
    match semantics {
        Semantics::Grounded => unique(grounded(af)),
        Semantics::Ideal => {
            check_kind(af, Kind::Admissible, set)?;
            unique(ideal(af))
        }
        Semantics::Complete => check_kind(af, Kind::Complete, set),
        Semantics::Stable => check_kind(af, Kind::Stable, set),
        Semantics::Preferred => {
            check_kind(af, Kind::Admissible, set)?;
            exceeding(af, true, set, false).map_or(Ok(()), not_maximal)
        }
        Semantics::SemiStable => {
            check_kind(af, Kind::Complete, set)?;
            exceeding(af, true, set, true).map_or(Ok(()), not_maximal)
        }
        Semantics::Stage => {
            check_kind(af, Kind::ConflictFree, set)?;
            exceeding(af, false, set, true).map_or(Ok(()), not_maximal)
        }
    }
}

/// Checks a certificate for credulous acceptance of `a`: a `semantics` extension
/// containing `a`; for complete and preferred semantics an admissible set containing `a`
/// is enough (it extends to such an extension), as ICCMA 2023 and 2025 accept.
///
/// # Errors
/// The [`Violation`] that shows the certificate proves nothing.
pub fn check_credulous(
    af: &Framework,
    semantics: Semantics,
    a: Arg,
    set: &[Arg],
) -> Result<(), Violation> {
    if !set.contains(&a) {
        return Err(Violation::LacksQuery(a));
    }
    match semantics {
        Semantics::Complete | Semantics::Preferred => check_kind(af, Kind::Admissible, set),
        _ => check_extension(af, semantics, set),
    }
}

/// Checks a certificate against sceptical acceptance of `a`: a `semantics` extension
/// without `a`; for complete and preferred semantics an admissible set attacking `a` is
/// enough (every such extension around it lacks `a`), as ICCMA 2025 accepts.
///
/// # Errors
/// The [`Violation`] that shows the certificate proves nothing.
pub fn check_sceptical_counterexample(
    af: &Framework,
    semantics: Semantics,
    a: Arg,
    set: &[Arg],
) -> Result<(), Violation> {
    if set.contains(&a) {
        return Err(Violation::HasQuery(a));
    }
    let attacks_a = af.attackers(a).iter().any(|b| set.contains(b));
    if matches!(semantics, Semantics::Complete | Semantics::Preferred) && attacks_a {
        return check_kind(af, Kind::Admissible, set);
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
        assert_eq!(e, Violation::Unattacked(Arg(2)));
        assert_eq!(e.to_string(), "not stable: 3 is neither a member nor attacked");
        let e = check_extension(&f, Semantics::Complete, &set(&[2])).unwrap_err();
        assert_eq!(e, Violation::Undefended { member: Arg(2), attacker: Arg(1) });
        let e = check_extension(&f, Semantics::Complete, &set(&[0])).unwrap_err();
        assert_eq!(e, Violation::DefendedOutsider(Arg(2)));
        let e = check_extension(&f, Semantics::Preferred, &set(&[])).unwrap_err();
        assert!(matches!(e, Violation::NotMaximal { semantics: Semantics::Preferred, .. }));
        let e = check_extension(&f, Semantics::Complete, &set(&[0, 1])).unwrap_err();
        assert!(matches!(e, Violation::Conflict { .. }), "{e:?}");
        assert!(check_credulous(&f, Semantics::Preferred, Arg(0), &set(&[0])).is_ok());
        assert!(check_credulous(&f, Semantics::Stable, Arg(0), &set(&[0])).is_err());
        assert_eq!(
            check_credulous(&f, Semantics::Complete, Arg(2), &set(&[0])),
            Err(Violation::LacksQuery(Arg(2)))
        );
        assert!(check_sceptical_counterexample(&f, Semantics::Grounded, Arg(0), &[]).is_ok());
        // An admissible set attacking the argument: enough for complete and preferred.
        assert!(
            check_sceptical_counterexample(&f, Semantics::Preferred, Arg(0), &set(&[1])).is_ok()
        );
        assert!(check_sceptical_counterexample(&f, Semantics::Stable, Arg(2), &set(&[1])).is_ok());
        assert!(check_sceptical_counterexample(&f, Semantics::Stage, Arg(0), &[]).is_err());
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

    #[test]
    fn its_own_grounded_and_ideal_extensions() {
        // 0 -> 1 -> 2; 3 <-> 4, both attacking 5; 5 -> 6.
        let f = af(7, &[(0, 1), (1, 2), (3, 4), (4, 3), (3, 5), (4, 5), (5, 6)]);
        assert_eq!(grounded(&f), set(&[0, 2]));
        // Every preferred extension has 6 (5 is attacked by 3 or 4), but no admissible
        // set defends 6 without 3 or 4: the ideal extension is the grounded one.
        assert_eq!(ideal(&f), set(&[0, 2]));
        // The Nixon diamond with a floating defender: 0 <-> 1, both attack 2, 2 -> 3.
        let f = af(4, &[(0, 1), (1, 0), (0, 2), (1, 2), (2, 3)]);
        assert_eq!(ideal(&f), set(&[]));
        // An odd cycle: nothing survives, and U (every argument) is not conflict-free.
        let f = af(3, &[(0, 1), (1, 2), (2, 0)]);
        assert_eq!(ideal(&f), set(&[]));
        let e = check_extension(&f, Semantics::Ideal, &[]);
        assert!(e.is_ok(), "{e:?}");
    }
}
