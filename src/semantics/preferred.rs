//! Preferred semantics on the grounded reduction: ⊆-maximal admissible sets, found by
//! growing an admissible set with "strictly larger" calls on one incremental solver;
//! sceptical acceptance by counterexample-guided search.
//!
//! The solver sees admissible sets, not complete ones (their maximal sets are the same):
//! the complete clauses ("every defended argument is in") make the first "larger than
//! the grounded extension" call much harder on some frameworks (see `benches/README.md`),
//! and the sets found are grown to complete ones without the solver anyway.

use super::reduction::{Query, Reduction};
use super::{Certificates, Decision, Options, Solver};
use crate::af::{Arg, Framework};
use crate::encode::SetKind;
use crate::search::{Constraints, Engine, Which, admissible_containing};

/// Preferred semantics.
pub struct Preferred<'a> {
    red: Reduction<'a>,
    options: Options,
    /// Admissible sets of the reduction, made on first use.
    engine: Option<Engine>,
}

impl<'a> Preferred<'a> {
    /// A solver for the preferred extensions of `af`.
    pub fn new(af: &'a Framework, options: Options) -> Preferred<'a> {
        Preferred { red: Reduction::grounded(af), options, engine: None }
    }

    /// The engine, made on first use.
    fn engine(&mut self) -> &mut Engine {
        let (red, backend) = (&self.red, self.options.backend);
        self.engine
            .get_or_insert_with(|| Engine::new(&red.sub, SetKind::Admissible, false, backend))
    }

    /// A preferred extension around `set`, an admissible set of the reduction.
    fn grown(&mut self, set: Vec<Arg>) -> Vec<Arg> {
        let set = self.engine().grow_set(&Constraints::default(), set);
        self.red.lift(&set)
    }
}

impl Solver for Preferred<'_> {
    fn some_extension(&mut self) -> Option<Vec<Arg>> {
        Some(self.grown(Vec::new()))
    }

    fn credulous(&mut self, a: Arg) -> Decision {
        // Credulous preferred = credulous admissible; the witness is the least complete
        // set around an admissible one (ICCMA 2023), the admissible set itself (ICCMA
        // 2025), or grown to a preferred extension.
        let certificates = self.options.certificates;
        match self.red.query(a) {
            Query::In if certificates == Certificates::Extensions => {
                Decision::from_witness(self.some_extension())
            }
            Query::In => Decision::from_witness(Some(self.red.base())),
            Query::Out => Decision::bare(false),
            Query::Local(q) => {
                // Decided on the arguments reaching q alone (or on this engine, when they
                // are most of the framework).
                let grow = certificates != Certificates::Iccma2025;
                let (sub, backend) = (&self.red.sub, self.options.backend);
                let found = admissible_containing(sub, q, &mut self.engine, backend, grow);
                Decision::from_witness(found.map(|set| match certificates {
                    Certificates::Extensions => self.grown(set),
                    _ => self.red.lift(&set),
                }))
            }
        }
    }

    fn sceptical(&mut self, a: Arg) -> Decision {
        let admissible_suffices = self.options.certificates == Certificates::Iccma2025;
        match self.red.query(a) {
            Query::In => Decision::bare(true),
            // The grounded extension attacks a.
            Query::Out if admissible_suffices => Decision::counterexample(Some(self.red.base())),
            Query::Out => Decision::counterexample(self.some_extension()),
            Query::Local(q) => {
                // An admissible set attacking q grows to a preferred one without q.
                let e = self.engine();
                if e.solve_under(&Constraints::attacks(q)) {
                    let set = e.model_set();
                    return Decision::counterexample(Some(match admissible_suffices {
                        true => self.red.lift(&set),
                        false => self.grown(set),
                    }));
                }
                // Otherwise: a preferred extension without q, by counterexample-guided
                // search (each set maximal without q that still grows rules out the
                // subsets of the preferred extension it grows to).
                let found = e.maximal(Which::Set, &Constraints::lacks(q));
                Decision::counterexample(found.map(|(s, _)| self.red.lift(&s)))
            }
        }
    }

    fn enumerate(&mut self, f: &mut dyn FnMut(&[Arg]) -> bool) {
        let budget = self.options.block_literals;
        let red = &self.red;
        let (backend, slot) = (self.options.backend, &mut self.engine);
        let e =
            slot.get_or_insert_with(|| Engine::new(&red.sub, SetKind::Admissible, false, backend));
        e.enumerate_maximal(budget, &mut |set| f(&red.lift(set)));
    }
}
