//! Stable semantics on the grounded reduction: every stable extension contains the
//! grounded extension, so only the UNDEC part is encoded. One SAT call per query.

use super::engine::{Engine, Reduction};
use super::{Credulous, Decision, Enumerate, Sceptical, SingleExtension};
use crate::af::{Arg, Framework};
use crate::encode::SetKind;

/// Stable semantics.
pub struct Stable<'a> {
    red: Reduction<'a>,
    engine: Option<Engine>,
}

impl<'a> Stable<'a> {
    /// A solver for the stable extensions of `af`.
    pub fn new(af: &'a Framework) -> Stable<'a> {
        Stable { red: Reduction::grounded(af), engine: None }
    }

    fn parts(&mut self) -> (&Reduction<'a>, &mut Engine) {
        let red = &self.red;
        let engine =
            self.engine.get_or_insert_with(|| Engine::new(&red.sub, SetKind::Stable, false));
        (red, engine)
    }
}

fn find(red: &Reduction<'_>, e: &mut Engine, assumptions: &[crate::sat::Lit]) -> Option<Vec<Arg>> {
    e.solve(assumptions).then(|| red.lift(&e.model_set()))
}

impl SingleExtension for Stable<'_> {
    fn some_extension(&mut self) -> Option<Vec<Arg>> {
        let (red, engine) = self.parts();
        find(red, engine, &[])
    }
}

impl Credulous for Stable<'_> {
    fn credulous(&mut self, a: Arg) -> Decision {
        let (red, engine) = self.parts();
        red.credulous(
            a,
            engine,
            |e| find(red, e, &[]),
            |e, q| {
                let x = e.x(q);
                Decision::from_witness(find(red, e, &[x]))
            },
        )
    }
}

impl Sceptical for Stable<'_> {
    fn sceptical(&mut self, a: Arg) -> Decision {
        let (red, engine) = self.parts();
        red.sceptical(
            a,
            engine,
            |e| find(red, e, &[]),
            |e, q| {
                let x = e.x(q);
                Decision::counterexample(find(red, e, &[!x]))
            },
        )
    }
}

impl Enumerate for Stable<'_> {
    fn enumerate(&mut self, f: &mut dyn FnMut(&[Arg]) -> bool) {
        let (red, engine) = self.parts();
        let _ = engine.enumerate_models(&[], &mut |s| f(&red.lift(s)));
    }
}
