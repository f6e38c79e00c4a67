//! Small witnesses: a smallest admissible set containing an argument, found core-guided
//! on the arguments that reach it, and who in it defends whom.

use crate::af::{Arg, Framework};
use crate::encode::SetKind;
use crate::sat::{Backend, Lit};
use crate::search::closure::reaching;
use crate::search::{Constraints, Engine};
use crate::subframework::SubFramework;

/// How small a witness is known to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Minimality {
    /// No admissible set containing the argument is smaller (proven by one core per
    /// member but the argument).
    Smallest,
    /// No admissible set containing the argument is a strict subset of it; the search
    /// for a smallest one gave up after `MAX_CORES` (8) cores.
    SubsetMinimal,
}

/// How many cores the search for a smallest witness may meet (one per member beyond
/// the argument) before it settles for a subset-minimal one: each core is a SAT call, so
/// this keeps an explanation within a few times the plain answer's cost.
pub(crate) const MAX_CORES: usize = 8;

/// A smallest admissible set of `af` containing `a`, or a subset-minimal one when that
/// takes more than [`MAX_CORES`] cores; `None` when no admissible set contains `a`.
/// `hint`, an admissible set containing `a` found already, is pruned to start from (see
/// [`prune`]): the search then needs at most one core per member it has beyond `a`.
///
/// Only the arguments with a path of attacks to `a` are encoded: an admissible set of
/// that part is admissible in `af`, and every admissible set containing `a` has a
/// subset there that is admissible and contains `a` too.
pub fn smallest_admissible(
    af: &Framework,
    a: Arg,
    backend: Backend,
    hint: Option<&[Arg]>,
) -> Option<(Vec<Arg>, Minimality)> {
    let sub = SubFramework::new(af, reaching(af, a));
    let part = &*sub.af;
    let local = |x: &Arg| sub.local(*x).expect("a defender reaches a");
    let q = local(&a);
    let mut e = Engine::new(part, SetKind::Admissible, false, backend);
    let has = Constraints::has(q);
    let start: Vec<Arg> = match hint {
        Some(h) => prune(af, h, a).iter().map(local).collect(),
        None => {
            if !e.solve_under(&has) {
                return None;
            }
            prune(part, &e.model_set(), q)
        }
    };
    let wanted: Vec<Lit> = part.args().filter(|&x| x != q).map(|x| !e.x(x)).collect();
    let budget = MAX_CORES.min(start.len().saturating_sub(1));
    let (set, minimality) = match e.most_true(&wanted, &has, budget) {
        Some((set, _)) => (set, Minimality::Smallest),
        None => (subset_minimal(&mut e, q, start), Minimality::SubsetMinimal),
    };
    let mut set = sub.lift(&set);
    set.sort_unstable();
    Some((set, minimality))
}

/// The part of the admissible `set` (sorted) that `a` needs: `a`, a member attacking each
/// attacker of `a`, a member attacking each attacker of those, and so on. It is
/// admissible too (every attacker of a member is attacked by a member taken), and found
/// in linear time.
pub fn prune(af: &Framework, set: &[Arg], a: Arg) -> Vec<Arg> {
    let mut taken = vec![false; af.len()];
    taken[a.index()] = true;
    let mut todo = vec![a];
    let mut out = Vec::new();
    while let Some(m) = todo.pop() {
        out.push(m);
        for &b in af.attackers(m) {
            let d = *af
                .attackers(b)
                .iter()
                .find(|d| set.binary_search(d).is_ok())
                .expect("an admissible set attacks every attacker of a member");
            if !std::mem::replace(&mut taken[d.index()], true) {
                todo.push(d);
            }
        }
    }
    out.sort_unstable();
    out
}

/// An admissible set containing `q`, inside `set` (one), with no admissible strict
/// subset containing `q`: shrinks while some model lies strictly inside (usually the
/// first call proves there is none).
fn subset_minimal(e: &mut Engine, q: Arg, mut set: Vec<Arg>) -> Vec<Arg> {
    e.scoped(|e| {
        loop {
            // Strictly inside: no non-member, and some member but q left out.
            let out: Vec<Arg> =
                e.framework().args().filter(|x| set.binary_search(x).is_err()).collect();
            let drop: Vec<Lit> = set.iter().filter(|&&x| x != q).map(|&x| !e.x(x)).collect();
            if drop.is_empty() {
                return set;
            }
            e.block_outside(&drop);
            let inside = Constraints { has: vec![q], lacks: out, ..Constraints::default() };
            if !e.solve_under(&inside) {
                return set;
            }
            set = e.model_set();
        }
    })
}

/// How `set` (sorted) defends `a`: `(attacker, defender)` for each attacker of `a`, the
/// first member attacking it, then the same for each defender so named, and so on. In
/// an admissible set every attacker met has a defender.
pub fn defences(af: &Framework, set: &[Arg], a: Arg) -> Vec<(Arg, Arg)> {
    let mut out = Vec::new();
    let mut seen = vec![false; af.len()];
    seen[a.index()] = true;
    let mut todo = vec![a];
    while let Some(m) = todo.pop() {
        for &b in af.attackers(m) {
            if out.iter().any(|&(x, _)| x == b) {
                continue;
            }
            if let Some(&d) = af.attackers(b).iter().find(|d| set.binary_search(d).is_ok()) {
                out.push((b, d));
                if !std::mem::replace(&mut seen[d.index()], true) {
                    todo.push(d);
                }
            }
        }
    }
    out.sort_unstable();
    out
}

/// An admissible set of `af` attacking `a`, if there is one (then some preferred
/// extension lacks `a`).
pub fn admissible_attacking(af: &Framework, a: Arg, backend: Backend) -> Option<Vec<Arg>> {
    let mut e = Engine::new(af, SetKind::Admissible, false, backend);
    e.solve_under(&Constraints::attacks(a)).then(|| e.model_set())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::verify::is_admissible;

    #[test]
    fn the_smallest_witness_skips_needless_defenders() {
        // 1 attacks 0; 2 and 3 both attack 1; 4 attacks 3 and 5 attacks 4 (so {0, 3}
        // needs 5 too); 6 attacks 2 and 2 attacks 6 (so {0, 2} defends itself).
        let af =
            Framework::from_attacks(7, &[(1, 0), (2, 1), (3, 1), (4, 3), (5, 4), (6, 2), (2, 6)])
                .unwrap();
        for b in crate::sat::tests::backends() {
            let (w, m) = smallest_admissible(&af, Arg(0), b, None).unwrap();
            assert_eq!((w.len(), m), (2, Minimality::Smallest), "{w:?}");
            assert!(is_admissible(&af, &w) && w.contains(&Arg(0)));
            assert_eq!(w, vec![Arg(0), Arg(2)]);
            assert_eq!(defences(&af, &w, Arg(0)), vec![(Arg(1), Arg(2)), (Arg(6), Arg(2))]);
        }
    }

    #[test]
    fn subset_minimal_shrinks_to_no_strict_subset() {
        // 0 <-> 1 and 2 <-> 3, all unattacked otherwise: {0} alone is admissible.
        let af = Framework::from_attacks(4, &[(0, 1), (1, 0), (2, 3), (3, 2)]).unwrap();
        for b in crate::sat::tests::backends() {
            let mut e = Engine::new(&af, SetKind::Admissible, false, b);
            assert_eq!(subset_minimal(&mut e, Arg(0), vec![Arg(0), Arg(2)]), vec![Arg(0)]);
        }
    }
}
