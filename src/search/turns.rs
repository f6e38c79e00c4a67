//! The stable walk ([`StableWalk`]) and the SAT solver taking
//! turns on one query.
//!
//! [`Engine::solve_or_walk`] runs the two in turns: first a short walk (its budget
//! `OPENING` grows with the framework's arguments and attacks), then the SAT
//! solver for a first turn of conflicts (`Walk::After`, 50,000 by default), then each
//! in turn with doubling budgets (a conflict limit for CaDiCaL, a flip budget for the
//! walk). A query answered within the first turn costs what it did without the walk
//! plus the opening, a query whose stable extension the walk finds fast costs little
//! more than the walk, and a query the walk cannot answer costs at most about twice the
//! SAT calls, plus what stopping and resuming costs CaDiCaL. The walk keeps its
//! assignment between turns and between queries. [`Engine::larger_or_stable`] takes the
//! same turns (without the opening) for the "strictly larger" calls that grow a preferred
//! extension piece by piece: a stable extension of a piece is a maximal set there.

use std::time::Instant;

use super::constraints::Constraints;
use super::engine::Engine;
use super::openings::Openings;
use super::walk::{KeptWalk, StableWalk};
use crate::af::{Arg, Framework};
use crate::encode::SetKind;

/// The opening walk, before the SAT solver's first turn: it stops once its steps have
/// cost this much per argument and per attack of the framework, a step costing one per
/// candidate weighed, the targets of a member weighed, and the degree of the argument
/// flipped (a budget in flips would cost a dense framework far more: 2 flips per
/// argument and attack took 2.4 s against 0.01 s on `Medium-result-b1`). 60 finds the
/// stable extension of `stable_10000`, 40 does not; where the walk finds nothing the
/// opening costs 0.15 s on `ws_50000_k6_b01` and 0.2-0.3 s on `comm_er_100x500_tree`.
const OPENING: u64 = 100;

/// Flips per conflict of the same turn: a walk turn takes about as long as the SAT
/// turn before it on the corpus' random frameworks.
const FLIPS_PER_CONFLICT: u64 = 200;

/// The opening walk's budget on `af`.
fn opening_work(af: &Framework) -> u64 {
    OPENING.saturating_mul((af.len() + af.num_attacks()) as u64)
}

/// The opening walk of a stable query under `c` on `af` (its `has` and `lacks`), when
/// `openings` say it is worth trying (the try is noted there): the stable extension it
/// found, or `None` when it found none or did not walk. It needs no SAT solver, so a
/// caller that makes its solver only when the opening does not answer asks this first
/// (then [`Engine::after_opening`]); on the dynamic track a solver is made per round,
/// and most rounds' walks answer every question (`grid_50x50`).
pub(crate) fn open(
    af: &Framework,
    c: &Constraints,
    walk: &mut KeptWalk,
    openings: &mut Openings,
) -> Option<Vec<Arg>> {
    if !openings.worth() {
        return None;
    }
    let began = Instant::now();
    let w = walk.get(af);
    let found =
        if w.fix(af, &c.has, &c.lacks) { w.walk(af, u64::MAX, opening_work(af)) } else { None };
    openings.opened(found.is_some(), began.elapsed());
    found
}

impl Engine {
    /// For an engine over stable sets: a stable extension satisfying `c` (its `has` and
    /// `lacks`, with no other condition and no blocking scope open), or `None` when there
    /// is none. With `first = Some(conflicts)` the walk opens ([`open`]) and the SAT
    /// solver's first turn stops after `conflicts` conflicts, then the two take turns as
    /// the module docs say; `first = None`: the SAT solver alone. A backend that cannot
    /// stop half-way (varisat) answers in its first turn, after the opening walk. The
    /// walk is made on the first query that needs it and kept in `walk` for the next
    /// queries on this engine (it is one of this framework).
    pub fn solve_or_walk(
        &mut self,
        c: &Constraints,
        walk: &mut KeptWalk,
        first: Option<u64>,
        openings: &mut Openings,
    ) -> Option<Vec<Arg>> {
        let Some(conflicts) = first else {
            return self.solve_under(c).then(|| self.model_set());
        };
        match open(&self.af, c, walk, openings) {
            Some(found) => Some(found),
            None => self.after_opening(c, walk, conflicts, openings),
        }
    }

    /// [`Engine::solve_or_walk`] after its opening ([`open`]) did not answer: the SAT
    /// solver's first turn of `conflicts`, then turns as the module docs say (the time
    /// noted in `openings` as a query the opening did not answer).
    pub fn after_opening(
        &mut self,
        c: &Constraints,
        walk: &mut KeptWalk,
        conflicts: u64,
        openings: &mut Openings,
    ) -> Option<Vec<Arg>> {
        debug_assert_eq!(self.kind(), SetKind::Stable);
        debug_assert!(c.attacks.is_empty() && c.range_exactly.is_none() && c.region.is_none());
        let assumptions = self.assumptions(c);
        let mut possible = None;
        let (began, mut turn) = (Instant::now(), 0);
        let answer = in_turns(
            self,
            0,
            conflicts,
            |e, flips, work| {
                turn += 1;
                if turn == 1 {
                    return None;
                }
                let w = walk.get(&e.af);
                let possible = *possible.get_or_insert_with(|| w.fix(&e.af, &c.has, &c.lacks));
                possible.then(|| w.walk(&e.af, flips, work).map(Some)).flatten()
            },
            |e, conflicts| {
                let sat = e.solve_limited(&assumptions, conflicts)?;
                Some(sat.then(|| e.model_set()))
            },
        );
        openings.solved(began.elapsed());
        answer
    }

    /// For an engine over admissible sets, under `c` (its `lacks` alone): a model whose set
    /// strictly contains `set` (grown without the solver), or a stable extension of the
    /// engine's framework without `c.lacks` (which no model strictly contains, as it
    /// attacks every other argument), or `None` when `set` is a ⊆-maximal model. With
    /// `first = Some(conflicts)` the "strictly larger" call and the walk take turns as
    /// for [`Engine::solve_or_walk`], with no opening walk (most such calls are quick);
    /// `None`: the SAT solver alone. The walk is made when first needed and kept in `walk`
    /// for the next calls with the same `c.lacks`, and has one turn over all of them.
    ///
    /// A maximal admissible set of a dense random piece can be stable there, and found far
    /// sooner by the walk: on a piece of `scc_20000_c400` (273 arguments, 25 in the
    /// set) the call took 8.6 s, the walk 0.07 s. Where a piece has no stable extension
    /// each walk turn costs about what the SAT turn before it did; hence one turn
    /// (`comm_er_100x500_tree` SE-PR, each run beside one without the walk in the pieces:
    /// 63.9 s against 53.0 with a turn each time, 56.2 against 52.2 with one).
    pub fn larger_or_stable(
        &mut self,
        c: &Constraints,
        set: &[Arg],
        walk: &mut Option<StableWalk>,
        first: Option<u64>,
    ) -> Option<Vec<Arg>> {
        debug_assert_eq!(self.kind(), SetKind::Admissible);
        debug_assert!(c.has.is_empty() && c.attacks.is_empty() && c.range_exactly.is_none());
        debug_assert!(c.region.is_none());
        let Some(conflicts) = first else {
            return self.larger_set(c, set);
        };
        in_turns(
            self,
            0,
            conflicts,
            |e, flips, work| {
                let w = walk.get_or_insert_with(|| {
                    let mut w = StableWalk::new(&e.af);
                    let fixed = w.fix(&e.af, &[], &c.lacks);
                    debug_assert!(fixed, "nothing is asked in");
                    w.flips = 0;
                    w
                });
                // One turn in all: a piece with a stable extension had it found there,
                // and further turns cost as much as the SAT turns they wait for.
                if w.flips > 0 {
                    return None;
                }
                w.walk(&e.af, flips, work).map(Some)
            },
            |e, conflicts| e.larger_set_limited(c, set, conflicts),
        )
    }
}

/// The walk and the SAT solver in turns, as the module docs say: a walk of `opening`
/// work (none when 0), a SAT turn of `conflicts` conflicts, then a walk of
/// [`FLIPS_PER_CONFLICT`] flips per conflict of the turn before, each budget doubling.
/// `walk(e, flips, work)` and `sat(e, conflicts)` return `Some` once they have the answer.
pub(crate) fn in_turns<T>(
    e: &mut Engine,
    opening: u64,
    mut conflicts: u64,
    mut walk: impl FnMut(&mut Engine, u64, u64) -> Option<T>,
    mut sat: impl FnMut(&mut Engine, u64) -> Option<T>,
) -> T {
    let (mut flips, mut work) = (u64::MAX, opening);
    loop {
        if let Some(answer) = walk(e, flips, work) {
            return answer;
        }
        if let Some(answer) = sat(e, conflicts) {
            return answer;
        }
        (flips, work) = (conflicts.max(1).saturating_mul(FLIPS_PER_CONFLICT), u64::MAX);
        conflicts = conflicts.saturating_mul(2).max(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::engine::tests::each_backend;
    use crate::search::walk::tests::pairs_and_cycle;
    use crate::verify::is_stable;

    /// What `larger_or_stable` returns, by brute force on random small frameworks with
    /// self- and mutual attacks, from a random admissible start and with random arguments
    /// kept out: a strictly larger admissible set or a stable extension, both without
    /// those, and `None` only when no admissible set without them strictly contains the
    /// start. First turns of 0 and 1 conflicts let the walk answer often.
    #[test]
    fn larger_or_stable_grows_or_is_stable_or_proves_maximal() {
        use crate::generate::Rng;
        use crate::verify::{every_set, is_admissible};
        let mut rng = Rng::new(31);
        let (mut stable_answers, mut none_answers) = (0, 0);
        for round in 0..300 {
            let n = 1 + rng.below(9);
            let af = Framework::from_attacks(n, &rng.attacks(n, 0.25)).unwrap();
            let admissible: Vec<Vec<Arg>> =
                every_set(&af).filter(|s| is_admissible(&af, s)).collect();
            let lacks: Vec<Arg> = af.args().filter(|_| rng.chance(0.15)).collect();
            let allowed: Vec<&Vec<Arg>> =
                admissible.iter().filter(|s| !s.iter().any(|a| lacks.contains(a))).collect();
            let start = allowed[rng.below(allowed.len() as u32) as usize].clone();
            let above_start =
                |s: &[Arg]| s.len() > start.len() && start.iter().all(|a| s.contains(a));
            let larger_exists = allowed.iter().any(|s| above_start(s));
            let c = Constraints { lacks: lacks.clone(), ..Constraints::default() };
            for first in [None, Some(0), Some(1)] {
                each_backend(&af, SetKind::Admissible, false, |mut e| {
                    let mut walk = None;
                    let found = e.larger_or_stable(&c, &start, &mut walk, first);
                    let context = format!("round {round} {first:?} {start:?} {lacks:?} {found:?}");
                    // A stable extension may come even when the start is maximal.
                    assert!(found.is_some() || !larger_exists, "{context}");
                    if let Some(set) = found {
                        assert!(is_admissible(&af, &set), "{context}");
                        assert!(!set.iter().any(|a| lacks.contains(a)), "{context}");
                        let larger = above_start(&set);
                        assert!(larger || is_stable(&af, &set), "{context}");
                        stable_answers += usize::from(!larger);
                    } else {
                        none_answers += 1;
                    }
                });
            }
        }
        // Both ways out are taken.
        assert!(stable_answers > 0 && none_answers > 0, "{stable_answers} {none_answers}");
    }

    #[test]
    fn the_schedule_answers_yes_and_no() {
        // First turns of 0 and 1 conflicts give the walk turns early (when the backend
        // can stop); the answers must not depend on who finds them.
        // With and without the opening (a record of openings that did not pay).
        let mut skipping = Openings::default();
        skipping.opened(false, std::time::Duration::from_millis(1));
        skipping.solved(std::time::Duration::from_millis(1));
        assert!(!skipping.worth());
        let schedules = [(false, Some(0)), (false, Some(1)), (true, Some(0)), (true, None)];
        for ((odd, first), openings) in
            schedules.into_iter().flat_map(|s| [(s, Openings::default()), (s, skipping)])
        {
            let af = pairs_and_cycle(12, odd);
            each_backend(&af, SetKind::Stable, false, |mut e| {
                let (mut w, mut o) = (KeptWalk::default(), openings);
                let found = e.solve_or_walk(&Constraints::has(Arg(1)), &mut w, first, &mut o);
                assert_eq!(found.is_some(), !odd);
                if let Some(set) = found {
                    assert!(is_stable(&af, &set) && set.contains(&Arg(1)));
                }
                let both = Constraints { has: vec![Arg(0), Arg(1)], ..Constraints::default() };
                assert_eq!(e.solve_or_walk(&both, &mut w, first, &mut o), None);
                let lacks = Constraints { lacks: vec![Arg(0), Arg(1)], ..Constraints::default() };
                assert_eq!(e.solve_or_walk(&lacks, &mut w, first, &mut o), None);
            });
        }
    }
}
