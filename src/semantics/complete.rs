//! Complete semantics on the grounded reduction: the grounded extension is the least
//! complete extension, so SE and DS need no SAT; DC asks one SAT call about the arguments
//! reaching the query; EE enumerates on one incremental solver in memory independent of
//! the number of extensions.

use super::engine::{Engine, Reduction, admissible_containing};
use super::{Credulous, Decision, Enumerate, Sceptical, SingleExtension};
use crate::af::{Arg, Framework};
use crate::encode::SetKind;

/// Complete semantics.
pub struct Complete<'a> {
    red: Reduction<'a>,
    /// Complete sets, for enumeration.
    engine: Option<Engine>,
    /// Admissible sets, for credulous queries about most of the framework.
    admissible: Option<Engine>,
}

impl<'a> Complete<'a> {
    /// A solver for the complete extensions of `af`.
    pub fn new(af: &'a Framework) -> Complete<'a> {
        Complete { red: Reduction::grounded(af), engine: None, admissible: None }
    }

    fn parts(&mut self) -> (&Reduction<'a>, &mut Engine) {
        let red = &self.red;
        let engine =
            self.engine.get_or_insert_with(|| Engine::new(&red.sub, SetKind::Complete, false));
        (red, engine)
    }
}

impl SingleExtension for Complete<'_> {
    fn some_extension(&mut self) -> Option<Vec<Arg>> {
        Some(self.red.lift(&[]))
    }
}

impl Credulous for Complete<'_> {
    fn credulous(&mut self, a: Arg) -> Decision {
        // Some complete extension contains q iff some admissible set does; the
        // admissible set found grows to a complete one without the solver.
        let red = &self.red;
        red.credulous(
            a,
            &mut self.admissible,
            |_| Some(red.lift(&[])),
            |whole, q| {
                Decision::from_witness(
                    admissible_containing(&red.sub, q, whole).map(|s| red.lift(&s)),
                )
            },
        )
    }
}

impl Sceptical for Complete<'_> {
    fn sceptical(&mut self, a: Arg) -> Decision {
        // Sceptical complete acceptance is grounded membership; the grounded extension
        // is the counterexample.
        let red = &self.red;
        red.sceptical(
            a,
            &mut (),
            |_| Some(red.lift(&[])),
            |_, _| Decision::counterexample(Some(red.lift(&[]))),
        )
    }
}

impl Enumerate for Complete<'_> {
    fn enumerate(&mut self, f: &mut dyn FnMut(&[Arg]) -> bool) {
        let (red, engine) = self.parts();
        let _ = engine.enumerate_models(&[], &mut |s| f(&red.lift(s)));
    }
}
