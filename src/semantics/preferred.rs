//! Preferred semantics on the grounded reduction: ⊆-maximal complete extensions,
//! found by growing a complete extension with "strictly larger" calls on one
//! incremental solver; sceptical acceptance by counterexample-guided search.

use super::engine::{Engine, Reduction, admissible_containing};
use super::{Credulous, Decision, Enumerate, Sceptical, SingleExtension};
use crate::af::{Arg, Framework};
use crate::encode::SetKind;

/// Preferred semantics.
pub struct Preferred<'a> {
    red: Reduction<'a>,
    engine: Option<Engine>,
    /// Admissible sets, for credulous queries about most of the framework.
    admissible: Option<Engine>,
}

impl<'a> Preferred<'a> {
    /// A solver for the preferred extensions of `af`.
    pub fn new(af: &'a Framework) -> Preferred<'a> {
        Preferred { red: Reduction::grounded(af), engine: None, admissible: None }
    }

    /// The reduction, the complete-set engine (made on first use), and the slot of the
    /// admissible-set engine for credulous queries.
    fn parts(&mut self) -> (&Reduction<'a>, &mut Engine, &mut Option<Engine>) {
        let red = &self.red;
        let engine =
            self.engine.get_or_insert_with(|| Engine::new(&red.sub, SetKind::Complete, false));
        (red, engine, &mut self.admissible)
    }
}

/// Some preferred extension (local ids), grown from the grounded one.
fn some_local(e: &mut Engine) -> Vec<u32> {
    e.grow_set(&[], Vec::new())
}

impl SingleExtension for Preferred<'_> {
    fn some_extension(&mut self) -> Option<Vec<Arg>> {
        let (red, engine, _) = self.parts();
        Some(red.lift(&some_local(engine)))
    }
}

impl Credulous for Preferred<'_> {
    fn credulous(&mut self, a: Arg) -> Decision {
        // Credulous preferred = credulous complete; the witness is grown to a preferred one.
        let (red, engine, admissible) = self.parts();
        red.credulous(
            a,
            engine,
            |e| Some(red.lift(&some_local(e))),
            |e, q| {
                // Decided on the arguments reaching q alone; the witness is then grown.
                let witness = admissible_containing(&red.sub, q, admissible);
                Decision::from_witness(witness.map(|set| red.lift(&e.grow_set(&[], set))))
            },
        )
    }
}

impl Sceptical for Preferred<'_> {
    fn sceptical(&mut self, a: Arg) -> Decision {
        let (red, engine, _) = self.parts();
        red.sceptical(
            a,
            engine,
            |e| Some(red.lift(&some_local(e))),
            |e, q| {
                // A complete extension attacking q grows to a preferred one without q.
                let attacked = e.attacked(q);
                if e.solve(&[attacked]) {
                    let set = e.model_set();
                    return Decision::counterexample(Some(red.lift(&e.grow_set(&[], set))));
                }
                let x = e.x(q);
                e.scoped(|e| {
                    loop {
                        if !e.solve(&[!x]) {
                            return Decision::counterexample(None);
                        }
                        // Maximal among the sets without q; preferred unless it still grows.
                        let without = e.grow_set(&[!x], e.model_set());
                        let grown = e.grow_set(&[], without.clone());
                        if grown == without {
                            return Decision::counterexample(Some(red.lift(&without)));
                        }
                        // `grown` is preferred and contains q; no preferred extension without q
                        // lies below it, so all its subsets are ruled out.
                        e.block_subsets(&grown);
                    }
                })
            },
        )
    }
}

impl Enumerate for Preferred<'_> {
    fn enumerate(&mut self, f: &mut dyn FnMut(&[Arg]) -> bool) {
        let (red, engine, _) = self.parts();
        engine.scoped(|e| {
            while e.solve(&[]) {
                let set = e.model_set();
                let maximal = e.grow_set(&[], set);
                if !f(&red.lift(&maximal)) {
                    return;
                }
                e.block_subsets(&maximal);
            }
        });
    }
}
