//! "Is there an admissible set containing `q`?" (or attacking it), asked of the part of
//! the framework that can matter: the arguments with a path of attacks to `q`.

use super::closure::{GREEDY_LIMIT, extend_defended, greedy_admissible, reaching};
use super::constraints::Constraints;
use super::engine::Engine;
use crate::af::{Arg, Framework};
use crate::encode::SetKind;
use crate::sat::Backend;
use crate::subframework::SubFramework;

/// The least complete set of `af` containing an admissible set that contains `q` (or,
/// with `grow` false, that admissible set itself), or `None` when no admissible set
/// contains `q`. The SAT solver only sees the arguments that reach `q` (see
/// [`reaching`]), often a small part of a large framework; when they are most of it, the
/// query goes to `whole` (an admissible-set engine over all of `af`, made on first use
/// and kept, so that many queries share one solver and what it learnt).
pub(crate) fn admissible_containing(
    af: &Framework,
    q: Arg,
    whole: &mut Option<Engine>,
    spent: &mut usize,
    backend: Backend,
    grow: bool,
) -> Option<Vec<Arg>> {
    // Most admissible sets that answer such queries are small and local: one found
    // greedily spares the SAT call (the greedy search proves nothing when it fails).
    let mut scratch = vec![false; af.len()];
    let set = match greedy_admissible(af, q, GREEDY_LIMIT, &mut scratch) {
        Some(set) => set,
        None => admissible_near(af, q, whole, spent, backend, Constraints::has)?,
    };
    Some(if grow { extend_defended(af, set) } else { set })
}

/// What making a SAT solver costs beyond encoding its arguments, in arguments encoded
/// (a fresh CaDiCaL, about 0.1 ms).
const SOLVER_COST: usize = 1000;

/// An admissible set of `af` satisfying `c(q)` (containing `q`, attacking it), or `None`
/// when there is none. Such a set less the arguments that do not reach `q` is one too
/// (see [`reaching`]), so the SAT solver only sees those, when they are under half of
/// `af`; else the query goes to `whole`, as for [`admissible_containing`].
///
/// `spent` counts what the local solvers made so far for queries on `af` cost, in
/// arguments, each [`SOLVER_COST`] more than its part: once that adds up to what the
/// whole's solver costs (as in ski rental), a query goes to `whole` when a call there
/// (about `af`'s size) costs no more than a local solver for its part would, and `whole`
/// keeps what it learns. On ICCMA's dynamic-track script (16 questions per rebuilt
/// solver, a few hundred arguments) a fresh solver per question was a third of argsat's
/// time on `scc_300_c10` DC-CO. Small parts of a large framework stay local.
pub(crate) fn admissible_near(
    af: &Framework,
    q: Arg,
    whole: &mut Option<Engine>,
    spent: &mut usize,
    backend: Backend,
    c: fn(Arg) -> Constraints,
) -> Option<Vec<Arg>> {
    let keep = reaching(af, q);
    let rented_enough = *spent >= SOLVER_COST + af.len() && af.len() <= SOLVER_COST + keep.len();
    if 2 * keep.len() >= af.len() || rented_enough {
        let e = whole.get_or_insert_with(|| Engine::new(af, SetKind::Admissible, false, backend));
        return e.solve_under(&c(q)).then(|| e.model_set());
    }
    *spent = spent.saturating_add(SOLVER_COST + keep.len());
    let sub = SubFramework::new(af, keep);
    let mut e = Engine::new(&sub.af, SetKind::Admissible, false, backend);
    let local = sub.local(q).expect("q reaches itself");
    e.solve_under(&c(local)).then(|| sub.lift(&e.model_set()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_witness_is_the_least_complete_set_around_an_admissible_one() {
        // 0 -> 1 -> 2 <-> 3, 2 -> 4 (downstream of 2), 5 alone. 2 is defended against 1
        // by 0 and against 3 by itself; the least complete set around that has the
        // unattacked 5 too. Either way (the part reaching 2 is 4 of 6 arguments; 1's is
        // 2 of 6).
        let af = Framework::from_attacks(6, &[(0, 1), (1, 2), (2, 3), (3, 2), (2, 4)]).unwrap();
        for backend in crate::sat::tests::backends() {
            let engine = Engine::new(&af, SetKind::Admissible, false, backend);
            for whole in [&mut None, &mut Some(engine)] {
                let w = admissible_containing(&af, Arg(2), whole, &mut 0, backend, true).unwrap();
                assert_eq!(w, vec![Arg(0), Arg(2), Arg(5)]);
                let w = admissible_containing(&af, Arg(2), whole, &mut 0, backend, false).unwrap();
                assert!(w.contains(&Arg(2)) && crate::verify::is_admissible(&af, &w));
                assert_eq!(admissible_containing(&af, Arg(1), whole, &mut 0, backend, true), None);
            }
        }
    }

    #[test]
    fn only_the_arguments_reaching_q_are_asked_and_the_answer_is_in_the_whole_numbering() {
        // 5 -> 6 -> 7, and 7 attacks 0..5 downstream: 3 of 8 arguments reach 7.
        let attacks = [(5, 6), (6, 7), (7, 0), (7, 1), (7, 2), (7, 3), (7, 4)];
        let af = Framework::from_attacks(8, &attacks).unwrap();
        for backend in crate::sat::tests::backends() {
            // Local solvers for the first query (3 arguments, 1,003 spent) and the second
            // (1,005 spent: a solver of the whole would cost 1,008), then the whole's.
            let (mut whole, mut spent) = (None, 0);
            let mut near = |q, c| admissible_near(&af, Arg(q), &mut whole, &mut spent, backend, c);
            for round in 0..2 {
                let has = near(7, Constraints::has).unwrap();
                assert!(has.contains(&Arg(7)) && crate::verify::is_admissible(&af, &has));
                assert!(has.contains(&Arg(5)) && !has.contains(&Arg(0)), "{has:?}");
                let hit = near(6, Constraints::attacks);
                assert!(hit.is_some_and(|s| s.contains(&Arg(5))));
                // Nothing attacks 5.
                assert_eq!(near(5, Constraints::attacks), None, "round {round}");
            }
            assert_eq!(spent, 2 * SOLVER_COST + 5);
            assert!(whole.is_some());
        }
    }
}
