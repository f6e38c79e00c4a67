//! Stable semantics on the grounded reduction: every stable extension contains the
//! grounded extension, so only the UNDEC part is encoded. One SAT call per query, which
//! takes turns with a local search (`search::walk`) when it does not answer quickly.

use super::kept::Kept;
use super::reduction::{Query, Reduction};
use super::{Answers, Decision, Options};
use std::sync::Arc;

use crate::af::{Arg, Framework};
use crate::encode::SetKind;
use crate::search::{Constraints, Engine, KeptWalk, Openings, SharedOpenings, open};

/// Stable semantics.
pub(crate) struct Stable {
    red: Reduction,
    options: Options,
    /// The SAT solver, made when a query's opening walk (if any) did not answer it.
    engine: Option<Engine>,
    /// The local search, once a query needed it; kept for the next queries.
    walk: KeptWalk,
    /// What its opening turns paid so far.
    openings: SharedOpenings,
    /// The last extensions it gave: one with (without) a later question's argument
    /// answers it without a SAT call.
    kept: Kept,
}

impl Stable {
    /// A solver for the stable extensions of `af`, noting what its openings pay in
    /// `openings`, its walk starting from the members of `start` (arguments of `af`, taken
    /// in before the greedy start's).
    pub fn new(
        af: &Arc<Framework>,
        options: Options,
        openings: SharedOpenings,
        start: &[Arg],
    ) -> Stable {
        let red = Reduction::grounded(af);
        let walk = red.walk_from(start);
        Stable { red, options, engine: None, walk, openings, kept: Kept::default() }
    }

    /// A stable extension satisfying `c`, if there is one (kept for later questions).
    fn find(&mut self, c: &Constraints) -> Option<Vec<Arg>> {
        let (red, backend) = (&self.red, self.options.backend);
        let (engine, walk) = (&mut self.engine, &mut self.walk);
        let make = || Engine::new(&red.part.af, SetKind::Stable, false, backend);
        let found = match self.options.walk.first_turn() {
            None => {
                let e = engine.get_or_insert_with(make);
                e.solve_or_walk(c, walk, None, &mut Openings::default())
            }
            // The opening first: where it answers, no SAT solver is made (on the dynamic
            // track, one static solver per round: on `grid_50x50` most rounds' walks
            // answer every question).
            Some(conflicts) => self.openings.with(|o| {
                open(&red.part.af, c, walk, o).or_else(|| {
                    engine.get_or_insert_with(make).after_opening(c, walk, conflicts, o)
                })
            }),
        }
        .map(|s| red.lift(&s));
        if let Some(found) = &found {
            self.kept.note(found);
        }
        found
    }
}

/// A stable extension of the framework `red` reduces, with `has` and without `lacks`
/// (arguments of the reduction), if a short walk (`walk`, kept by the caller) finds one
/// and `options` let it walk: every stable extension is preferred and complete, so those
/// semantics ask this before their SAT calls. `None` proves nothing.
pub(super) fn walked(
    red: &Reduction,
    options: &Options,
    (has, lacks): (&[Arg], &[Arg]),
    walk: &mut KeptWalk,
    openings: &SharedOpenings,
) -> Option<Vec<Arg>> {
    options.walk.first_turn()?;
    let c = Constraints { has: has.to_vec(), lacks: lacks.to_vec(), ..Constraints::default() };
    openings.with(|o| open(&red.part.af, &c, walk, o)).map(|s| red.lift(&s))
}

impl Answers for Stable {
    fn some_extension(&mut self) -> Option<Vec<Arg>> {
        self.find(&Constraints::default())
    }

    fn credulous(&mut self, a: Arg) -> Decision {
        Decision::from_witness(match self.red.query(a) {
            // In every extension: accepted exactly when there is one.
            Query::In => self.some_extension(),
            Query::Out => None,
            Query::Local(q) => self.kept.with(a).or_else(|| self.find(&Constraints::has(q))),
        })
    }

    fn sceptical(&mut self, a: Arg) -> Decision {
        Decision::counterexample(match self.red.query(a) {
            Query::In => None,
            // In no extension: rejected exactly when there is one, which is the witness.
            Query::Out => self.some_extension(),
            Query::Local(q) => self.kept.without(a).or_else(|| self.find(&Constraints::lacks(q))),
        })
    }

    fn enumerate(&mut self, f: &mut dyn FnMut(&[Arg]) -> bool) {
        let (red, backend) = (&self.red, self.options.backend);
        let engine = self
            .engine
            .get_or_insert_with(|| Engine::new(&red.part.af, SetKind::Stable, false, backend));
        engine.enumerate_models(&Constraints::default(), &mut |s| f(&red.lift(s)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::Rng;
    use crate::semantics::Walk;
    use crate::verify::is_stable;

    /// What the short walk returns is a stable extension of the whole framework that
    /// meets the query (on the reduction, lifted back), and nothing without the walk.
    #[test]
    fn walked_sets_are_stable_and_meet_the_query() {
        let mut rng = Rng::new(5);
        let (mut with, mut without) = (0, 0);
        for _ in 0..300 {
            let n = 1 + rng.below(12);
            let attacks = rng.attacks(n, 0.15);
            let af = Framework::from_attacks(n, &attacks).unwrap();
            let red = Reduction::grounded(&Arc::new(af.clone()));
            let options = Options::default();
            let never = Options { walk: Walk::Never, ..options.clone() };
            for q in red.part.af.args() {
                let global = red.lift(&[q]).into_iter().find(|a| !red.base().contains(a));
                let global = global.expect("a local argument lifts to itself");
                if let Some(s) = walked(
                    &red,
                    &options,
                    (&[q], &[]),
                    &mut KeptWalk::default(),
                    &SharedOpenings::default(),
                ) {
                    assert!(is_stable(&af, &s) && s.contains(&global), "{attacks:?} {q:?} {s:?}");
                    with += 1;
                }
                if let Some(s) = walked(
                    &red,
                    &options,
                    (&[], &[q]),
                    &mut KeptWalk::default(),
                    &SharedOpenings::default(),
                ) {
                    assert!(is_stable(&af, &s) && !s.contains(&global), "{attacks:?} {q:?} {s:?}");
                    without += 1;
                }
                assert_eq!(
                    walked(
                        &red,
                        &never,
                        (&[q], &[]),
                        &mut KeptWalk::default(),
                        &SharedOpenings::default()
                    ),
                    None
                );
            }
        }
        // Both kinds of query were answered on some frameworks.
        assert!(with > 50 && without > 50, "{with} {without}");
    }
}
