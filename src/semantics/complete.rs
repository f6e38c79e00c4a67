//! Complete semantics on the grounded reduction: the grounded extension is the least
//! complete extension, so SE and DS need no SAT; DC asks one SAT call about the arguments
//! reaching the query; EE enumerates on one incremental solver in memory independent of
//! the number of extensions.

use super::kept::Kept;
use super::reduction::{Query, Reduction};
use super::stable::walked;
use super::{Answers, Certificates, Decision, Options};
use std::sync::Arc;

use crate::af::{Arg, Framework};
use crate::encode::SetKind;
use crate::search::{Constraints, Engine, KeptWalk, SharedOpenings, admissible_containing};

/// Complete semantics.
pub(crate) struct Complete {
    red: Reduction,
    options: Options,
    /// Complete sets, for enumeration.
    engine: Option<Engine>,
    /// Admissible sets, for credulous queries about most of the framework.
    admissible: Option<Engine>,
    /// The stable walk of its openings, kept from one query to the next.
    walk: KeptWalk,
    /// What the opening walks paid so far.
    openings: SharedOpenings,
    /// Arguments of the local solvers made so far (see `admissible_near`).
    local: usize,
    /// The last witnesses it gave: one with a later question's argument answers it.
    kept: Kept,
}

impl Complete {
    /// A solver for the complete extensions of `af`, noting what its openings pay in
    /// `openings`, their walk starting from the members of `start` (see
    /// [`Stable::new`](super::stable::Stable::new)).
    pub fn new(
        af: &Arc<Framework>,
        options: Options,
        openings: SharedOpenings,
        start: &[Arg],
    ) -> Complete {
        let red = Reduction::grounded(af);
        let walk = red.walk_from(start);
        Complete {
            red,
            options,
            engine: None,
            admissible: None,
            walk,
            openings,
            local: 0,
            kept: Kept::default(),
        }
    }
}

impl Answers for Complete {
    fn some_extension(&mut self) -> Option<Vec<Arg>> {
        Some(self.red.base())
    }

    fn credulous(&mut self, a: Arg) -> Decision {
        // Some complete extension contains q iff some admissible set does; the
        // admissible set found grows to a complete one without the solver.
        match self.red.query(a) {
            Query::In => Decision::from_witness(Some(self.red.base())),
            Query::Out => Decision::bare(false),
            Query::Local(q) => {
                if let Some(witness) = self.kept.with(a) {
                    return Decision::from_witness(Some(witness));
                }
                // A stable extension with q is complete (and admissible).
                if let Some(stable) =
                    walked(&self.red, &self.options, (&[q], &[]), &mut self.walk, &self.openings)
                {
                    self.kept.note(&stable);
                    return Decision::from_witness(Some(stable));
                }
                let grow = self.options.certificates != Certificates::Iccma2025;
                let (sub, backend) = (&self.red.part.af, self.options.backend);
                let found = self.openings.timed(|| {
                    admissible_containing(
                        sub,
                        q,
                        &mut self.admissible,
                        &mut self.local,
                        backend,
                        grow,
                    )
                });
                let found = found.map(|s| self.red.lift(&s));
                if let Some(found) = &found {
                    self.kept.note(found);
                }
                Decision::from_witness(found)
            }
        }
    }

    fn sceptical(&mut self, a: Arg) -> Decision {
        // Sceptical complete acceptance is grounded membership; the grounded extension
        // is the counterexample.
        match self.red.query(a) {
            Query::In => Decision::bare(true),
            Query::Out | Query::Local(_) => Decision::counterexample(Some(self.red.base())),
        }
    }

    fn enumerate(&mut self, f: &mut dyn FnMut(&[Arg]) -> bool) {
        let (red, backend) = (&self.red, self.options.backend);
        let engine = self
            .engine
            .get_or_insert_with(|| Engine::new(&red.part.af, SetKind::Complete, false, backend));
        engine.enumerate_models(&Constraints::default(), &mut |s| f(&red.lift(s)));
    }
}
