//! Semi-stable and stage semantics: sets with a ⊆-maximal range (the set and what it
//! attacks) among complete sets (semi-stable, on the grounded reduction) or among
//! conflict-free sets (stage, on the whole framework: stage extensions need not contain
//! the grounded extension). When a stable extension exists both coincide with stable.
//!
//! Several extensions can share one maximal range, so a candidate failing a query does
//! not rule its range out: queries keep their condition while the range grows, and only
//! ranges shown non-maximal are blocked.

use super::engine::{Engine, Reduction};
use super::{Credulous, Decision, Enumerate, Sceptical, SingleExtension};
use crate::af::{Arg, Framework};
use crate::encode::SetKind;
use crate::sat::Lit;

/// Semi-stable or stage semantics.
pub struct RangeBased<'a> {
    red: Reduction<'a>,
    kind: SetKind,
    engine: Option<Engine>,
    stable_exists: Option<bool>,
}

impl<'a> RangeBased<'a> {
    /// A solver for the semi-stable extensions of `af`.
    pub fn semi_stable(af: &'a Framework) -> RangeBased<'a> {
        RangeBased {
            red: Reduction::grounded(af),
            kind: SetKind::Complete,
            engine: None,
            stable_exists: None,
        }
    }

    /// A solver for the stage extensions of `af`.
    pub fn stage(af: &'a Framework) -> RangeBased<'a> {
        RangeBased {
            red: Reduction::identity(af),
            kind: SetKind::ConflictFree,
            engine: None,
            stable_exists: None,
        }
    }

    /// The reduction, the engine, and the assumptions that make the range total
    /// (stable) when a stable extension exists, else `None`.
    fn parts(&mut self) -> (&Reduction<'a>, &mut Engine, Option<Vec<Lit>>) {
        let red = &self.red;
        let kind = self.kind;
        let engine = self.engine.get_or_insert_with(|| Engine::new(&red.sub, kind, true));
        let full: Vec<Lit> = engine.range_lits().to_vec();
        let exists = *self.stable_exists.get_or_insert_with(|| engine.solve(&full));
        (red, engine, exists.then_some(full))
    }
}

/// With `base` assumed, looks for a set satisfying `base` whose range is maximal
/// overall; returns it, or `None` when no such set exists.
fn maximal_with(e: &mut Engine, base: &[Lit]) -> Option<Vec<u32>> {
    loop {
        if !e.solve(base) {
            return None;
        }
        let (set, range) = e.grow_range(base);
        if !e.larger_range(&[], &range) {
            return Some(set);
        }
        // Not maximal overall: no extension has a range inside this one.
        e.block_subranges(&range);
    }
}

impl SingleExtension for RangeBased<'_> {
    fn some_extension(&mut self) -> Option<Vec<Arg>> {
        let (red, e, stable) = self.parts();
        let base = stable.unwrap_or_default();
        let found = e.solve(&base);
        debug_assert!(found, "semi-stable and stage extensions always exist");
        let (set, _) = e.grow_range(&base);
        Some(red.lift(&set))
    }
}

impl Credulous for RangeBased<'_> {
    fn credulous(&mut self, a: Arg) -> Decision {
        let (red, e, stable) = self.parts();
        let some = |e: &mut Engine| {
            e.solve(&[]);
            Some(red.lift(&e.grow_range(&[]).0))
        };
        red.credulous(a, e, some, |e, q| {
            let mut base = stable.clone().unwrap_or_default();
            base.push(e.x(q));
            let found = if stable.is_some() {
                e.solve(&base).then(|| e.model_set())
            } else {
                maximal_with(e, &base)
            };
            Decision::from_witness(found.map(|s| red.lift(&s)))
        })
    }
}

impl Sceptical for RangeBased<'_> {
    fn sceptical(&mut self, a: Arg) -> Decision {
        let (red, e, stable) = self.parts();
        let some = |e: &mut Engine| {
            e.solve(&[]);
            Some(red.lift(&e.grow_range(&[]).0))
        };
        red.sceptical(a, e, some, |e, q| {
            let mut base = stable.clone().unwrap_or_default();
            base.push(!e.x(q));
            let found = if stable.is_some() {
                e.solve(&base).then(|| e.model_set())
            } else {
                maximal_with(e, &base)
            };
            Decision::counterexample(found.map(|s| red.lift(&s)))
        })
    }
}

impl Enumerate for RangeBased<'_> {
    fn enumerate(&mut self, f: &mut dyn FnMut(&[Arg]) -> bool) {
        let (red, e, stable) = self.parts();
        if let Some(full) = stable {
            let _ = e.for_each_set(&full, &mut |s| f(&red.lift(s)));
            return;
        }
        e.scoped(|e| {
            while e.solve(&[]) {
                let (_, range) = e.grow_range(&[]);
                let exact = e.exact_range(&range);
                if !e.for_each_set(&exact, &mut |s| f(&red.lift(s))) {
                    return;
                }
                // Maximal, so blocked only for this enumeration.
                e.block_subranges(&range);
            }
        });
    }
}
