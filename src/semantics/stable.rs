//! Stable semantics on the grounded reduction: every stable extension contains the
//! grounded extension, so only the UNDEC part is encoded. One SAT call per query, which
//! takes turns with a local search (`search::walk`) when it does not answer quickly.

use super::reduction::{Query, Reduction};
use super::{Decision, Options, Solver};
use crate::af::{Arg, Framework};
use crate::encode::SetKind;
use crate::search::{Constraints, Engine, StableWalk};

/// Stable semantics.
pub struct Stable<'a> {
    red: Reduction<'a>,
    options: Options,
    engine: Option<Engine>,
    /// The local search, once a query needed it; kept for the next queries.
    walk: Option<StableWalk>,
}

impl<'a> Stable<'a> {
    /// A solver for the stable extensions of `af`.
    pub fn new(af: &'a Framework, options: Options) -> Stable<'a> {
        Stable { red: Reduction::grounded(af), options, engine: None, walk: None }
    }

    /// A stable extension satisfying `c`, if there is one.
    fn find(&mut self, c: &Constraints) -> Option<Vec<Arg>> {
        let (red, backend) = (&self.red, self.options.backend);
        let e = self
            .engine
            .get_or_insert_with(|| Engine::new(&red.sub, SetKind::Stable, false, backend));
        e.solve_or_walk(c, &mut self.walk, self.options.walk.first_turn()).map(|s| red.lift(&s))
    }
}

impl Solver for Stable<'_> {
    fn some_extension(&mut self) -> Option<Vec<Arg>> {
        self.find(&Constraints::default())
    }

    fn credulous(&mut self, a: Arg) -> Decision {
        Decision::from_witness(match self.red.query(a) {
            // In every extension: accepted exactly when there is one.
            Query::In => self.some_extension(),
            Query::Out => None,
            Query::Local(q) => self.find(&Constraints::has(q)),
        })
    }

    fn sceptical(&mut self, a: Arg) -> Decision {
        Decision::counterexample(match self.red.query(a) {
            Query::In => None,
            // In no extension: rejected exactly when there is one, which is the witness.
            Query::Out => self.some_extension(),
            Query::Local(q) => self.find(&Constraints::lacks(q)),
        })
    }

    fn enumerate(&mut self, f: &mut dyn FnMut(&[Arg]) -> bool) {
        let (red, backend) = (&self.red, self.options.backend);
        let engine = self
            .engine
            .get_or_insert_with(|| Engine::new(&red.sub, SetKind::Stable, false, backend));
        engine.enumerate_models(&Constraints::default(), &mut |s| f(&red.lift(s)));
    }
}
