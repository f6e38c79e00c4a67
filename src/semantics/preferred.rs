//! Preferred semantics on the grounded reduction: ⊆-maximal admissible sets, found by
//! growing an admissible set with "strictly larger" calls on one incremental solver;
//! sceptical acceptance by counterexample-guided search.
//!
//! The solver sees admissible sets, not complete ones (their maximal sets are the same):
//! the complete clauses ("every defended argument is in") make the first "larger than
//! the grounded extension" call much harder on some frameworks (`gen_stable/stable_2000`:
//! over 60 s with CaDiCaL, 6 s with admissible clauses), and the sets found are grown to
//! complete ones without the solver anyway.

use super::engine::{Engine, Reduction, Which, admissible_containing};
use super::{Credulous, Decision, Enumerate, Sceptical, SingleExtension};
use crate::af::{Arg, Framework};
use crate::encode::SetKind;

/// Preferred semantics.
pub struct Preferred<'a> {
    red: Reduction<'a>,
    /// Admissible sets of the reduction, made on first use.
    engine: Option<Engine>,
}

impl<'a> Preferred<'a> {
    /// A solver for the preferred extensions of `af`.
    pub fn new(af: &'a Framework) -> Preferred<'a> {
        Preferred { red: Reduction::grounded(af), engine: None }
    }

    /// The reduction and the engine (made on first use).
    fn parts(&mut self) -> (&Reduction<'a>, &mut Engine) {
        let red = &self.red;
        (red, engine(red, &mut self.engine))
    }
}

/// The admissible-set engine of `red` in `slot`, made on first use.
fn engine<'e>(red: &Reduction<'_>, slot: &'e mut Option<Engine>) -> &'e mut Engine {
    slot.get_or_insert_with(|| Engine::new(&red.sub, SetKind::Admissible, false))
}

/// Some preferred extension (local ids), grown from the grounded one.
fn some_local(e: &mut Engine) -> Vec<u32> {
    e.grow_set(&[], Vec::new())
}

impl SingleExtension for Preferred<'_> {
    fn some_extension(&mut self) -> Option<Vec<Arg>> {
        let (red, engine) = self.parts();
        Some(red.lift(&some_local(engine)))
    }
}

impl Credulous for Preferred<'_> {
    fn credulous(&mut self, a: Arg) -> Decision {
        // Credulous preferred = credulous admissible; the witness is grown to a preferred one.
        let red = &self.red;
        red.credulous(
            a,
            &mut self.engine,
            |slot| Some(red.lift(&some_local(engine(red, slot)))),
            |slot, q| {
                // Decided on the arguments reaching q alone (or on this engine, when they
                // are most of the framework); the witness is then grown.
                let witness = admissible_containing(&red.sub, q, slot);
                let grown = witness.map(|set| red.lift(&engine(red, slot).grow_set(&[], set)));
                Decision::from_witness(grown)
            },
        )
    }
}

impl Sceptical for Preferred<'_> {
    fn sceptical(&mut self, a: Arg) -> Decision {
        let (red, engine) = self.parts();
        red.sceptical(
            a,
            engine,
            |e| Some(red.lift(&some_local(e))),
            |e, q| {
                // An admissible set attacking q grows to a preferred one without q.
                let attacked = e.attacked(q);
                if e.solve(&[attacked]) {
                    let set = e.model_set();
                    return Decision::counterexample(Some(red.lift(&e.grow_set(&[], set))));
                }
                // Otherwise: a preferred extension without q, by counterexample-guided
                // search (each set maximal without q that still grows rules out the
                // subsets of the preferred extension it grows to).
                let x = e.x(q);
                Decision::counterexample(e.maximal(Which::Set, &[!x]).map(|(s, _)| red.lift(&s)))
            },
        )
    }
}

impl Enumerate for Preferred<'_> {
    fn enumerate(&mut self, f: &mut dyn FnMut(&[Arg]) -> bool) {
        self.enumerate_within(None, f);
    }

    fn enumerate_within(
        &mut self,
        block_literals: Option<usize>,
        f: &mut dyn FnMut(&[Arg]) -> bool,
    ) {
        let (red, engine) = self.parts();
        engine.enumerate_maximal(block_literals, &mut |set| f(&red.lift(set)));
    }
}
