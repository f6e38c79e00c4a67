//! Minimal sets of attacks that decide an argument whatever the other attacks are: each
//! attack gets a selector literal (the attack is there when it is true), the question is
//! asked with every selector assumed, and the unsatisfiable core says which attacks
//! settle it: with those selectors true and the others free, no choice of the other
//! attacks changes the answer. This is monotone (a superset of such attacks settles it
//! too), so one pass dropping each attack the answer survives without leaves a minimal
//! set: an explanation in the sense of Niskanen and Järvisalo (KR 2020), over attacks.
//! Keeping only the attacks and dropping the others instead would explain nothing (any
//! one attack on an argument rejects it once its attacker is left unattacked).

use crate::af::{Arg, Framework};
use crate::sat::{Backend, ClauseSink, FailedAssumptions, Lit, SatSolver, Solve};
use crate::search::closure::reaching;
use crate::subframework::SubFramework;

/// How many SAT calls shrinking a core may take (one per attack tried) before it stops
/// with a sub-framework that decides the argument but is not proven minimal: keeps an
/// explanation within a few times the plain answer's cost on dense frameworks.
pub(crate) const SHRINK_CALLS: usize = 32;

/// Cores of more attacks than this are not shrunk: with the other attacks free each call
/// is a hard search, and so many attacks would not make a readable explanation anyway.
pub(crate) const SHRINK_CORE: usize = 64;

/// The sets a [`Selected`] encodes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Admissible,
    Stable,
}

/// Sets of `af` over attacks that are there when their selector is true.
struct Selected {
    solver: SatSolver,
    /// `x[a]`: `a` is in the set.
    x: Vec<Lit>,
    /// One per attack of `attacks`.
    select: Vec<Lit>,
    attacks: Vec<(Arg, Arg)>,
}

impl Selected {
    fn new(af: &Framework, kind: Kind, backend: Backend) -> Selected {
        let mut solver = SatSolver::new(backend);
        let x: Vec<Lit> = af.args().map(|_| solver.new_lit()).collect();
        let attacks: Vec<(Arg, Arg)> = af.attack_pairs().collect();
        let select: Vec<Lit> = attacks.iter().map(|_| solver.new_lit()).collect();
        // hit[i]: attack i is there and its attacker is in.
        let hit: Vec<Lit> = attacks.iter().map(|_| solver.new_lit()).collect();
        let mut into: Vec<Vec<usize>> = vec![Vec::new(); af.len()];
        for (i, &(b, c)) in attacks.iter().enumerate() {
            into[c.index()].push(i);
            solver.add_clause(&[!hit[i], x[b.index()]]);
            solver.add_clause(&[!hit[i], select[i]]);
            // Conflict-free: no attack there between members.
            solver.add_clause(&[!select[i], !x[b.index()], !x[c.index()]]);
        }
        match kind {
            Kind::Admissible => {
                // A member's attacker (by an attack there) is hit by a member.
                for (i, &(b, c)) in attacks.iter().enumerate() {
                    let mut clause = vec![!x[c.index()], !select[i]];
                    clause.extend(into[b.index()].iter().map(|&j| hit[j]));
                    solver.add_clause(&clause);
                }
            }
            Kind::Stable => {
                // Every argument is a member or hit by one.
                for a in af.args() {
                    let mut clause = vec![x[a.index()]];
                    clause.extend(into[a.index()].iter().map(|&j| hit[j]));
                    solver.add_clause(&clause);
                }
            }
        }
        Selected { solver, x, select, attacks }
    }

    /// Whether some set with `fixed` (an `x` literal) exists when the attacks `on` are
    /// there and the others may be there or not (`None`: every attack there).
    fn solve(&mut self, fixed: Lit, on: Option<&[bool]>) -> bool {
        let mut assumptions = vec![fixed];
        match on {
            None => assumptions.extend(&self.select),
            Some(on) => {
                assumptions.extend(self.select.iter().zip(on).filter(|(_, o)| **o).map(|(&s, _)| s))
            }
        }
        self.solver.solve_assuming(&assumptions)
    }

    /// The attacks whose selectors the last unsatisfiable call's core holds true.
    fn core(&mut self) -> Vec<bool> {
        let failed = self.solver.failed_assumptions();
        self.select.iter().map(|s| failed.contains(s)).collect()
    }

    /// A set of attacks that, whatever the other attacks are, leaves no set with `fixed`,
    /// and whether it is minimal (none can be dropped; the pass stops after
    /// [`SHRINK_CALLS`] calls otherwise); `None` when a set has `fixed` in the whole
    /// framework.
    fn minimal_core(&mut self, fixed: Lit) -> Option<(Vec<(Arg, Arg)>, bool)> {
        if self.solve(fixed, None) {
            return None;
        }
        let mut on = self.core();
        if on.iter().filter(|&&o| o).count() > SHRINK_CORE {
            return Some((
                self.attacks.iter().zip(&on).filter(|(_, o)| **o).map(|(&e, _)| e).collect(),
                false,
            ));
        }
        let mut minimal = true;
        let mut calls = 0;
        for i in 0..on.len() {
            if !on[i] {
                continue;
            }
            if calls == SHRINK_CALLS {
                minimal = false;
                break;
            }
            calls += 1;
            on[i] = false;
            if self.solve(fixed, Some(&on)) {
                on[i] = true;
            } else {
                // The new core may drop more.
                let core = self.core();
                for (o, c) in on.iter_mut().zip(core) {
                    *o &= c;
                }
            }
        }
        Some((
            self.attacks.iter().zip(&on).filter(|(_, o)| **o).map(|(&e, _)| e).collect(),
            minimal,
        ))
    }
}

/// A set of attacks that, whatever the other attacks are, leaves no admissible set
/// containing `a`, and whether it is minimal; `None` when an admissible set of `af`
/// contains `a`. Only the arguments reaching `a` matter (in a framework with more attacks
/// among them, the arguments reaching `a` may be more, but an admissible set of the part
/// reaching `a` stays admissible, so the question stays this part's).
pub fn admissible_rejection(
    af: &Framework,
    a: Arg,
    backend: Backend,
) -> Option<(Vec<(Arg, Arg)>, bool)> {
    let sub = SubFramework::new(af, reaching(af, a));
    let part = &*sub.af;
    let q = sub.local(a).expect("a reaches itself");
    let mut s = Selected::new(part, Kind::Admissible, backend);
    let x = s.x[q.index()];
    let (attacks, minimal) = s.minimal_core(x)?;
    Some((
        attacks.into_iter().map(|(b, c)| (sub.to_parent(b), sub.to_parent(c))).collect(),
        minimal,
    ))
}

/// A set of attacks that, whatever the other attacks are, leaves no stable set
/// containing `a`, and whether it is minimal; `None` when a stable extension of `af`
/// contains `a`.
pub fn stable_rejection(
    af: &Framework,
    a: Arg,
    backend: Backend,
) -> Option<(Vec<(Arg, Arg)>, bool)> {
    let mut s = Selected::new(af, Kind::Stable, backend);
    let x = s.x[a.index()];
    s.minimal_core(x)
}

/// A set of attacks that, whatever the other attacks are, leaves `a` in every stable set,
/// and whether it is minimal; `None` when a stable extension of `af` lacks `a`.
pub fn stable_forcing(af: &Framework, a: Arg, backend: Backend) -> Option<(Vec<(Arg, Arg)>, bool)> {
    let mut s = Selected::new(af, Kind::Stable, backend);
    let x = s.x[a.index()];
    s.minimal_core(!x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_attack_nobody_defends_against_is_the_reason() {
        // 0 -> 1 (0 unattacked), and 2 <-> 3 elsewhere: 1 is rejected by 0 -> 1 alone.
        let af = Framework::from_attacks(4, &[(0, 1), (2, 3), (3, 2)]).unwrap();
        for b in crate::sat::tests::backends() {
            assert_eq!(admissible_rejection(&af, Arg(1), b), Some((vec![(Arg(0), Arg(1))], true)));
            assert_eq!(admissible_rejection(&af, Arg(2), b), None);
            // Every stable extension has 0: it is unattacked, so the empty set of attacks
            // forces it (no attack can put it out).
            assert_eq!(stable_forcing(&af, Arg(0), b), Some((vec![], true)));
            assert_eq!(stable_rejection(&af, Arg(1), b), Some((vec![(Arg(0), Arg(1))], true)));
        }
    }
}
