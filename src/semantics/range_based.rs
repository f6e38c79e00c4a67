//! Semi-stable and stage semantics: sets with a ⊆-maximal range (the set and what it
//! attacks) among complete sets (semi-stable, on the grounded reduction) or among
//! conflict-free sets (stage, on the whole framework: stage extensions need not contain
//! the grounded extension).
//!
//! When a stable extension exists both coincide with stable semantics, and every task is
//! handed to [`Stable`], which works on the (often much smaller) grounded reduction.
//!
//! Several extensions can share one maximal range, so a candidate failing a query does
//! not rule its range out: queries keep their condition while the range grows, and what
//! is blocked (for that query only) is what lies below a maximal range none of whose sets
//! meets the condition (see `Engine::maximal`).
//!
//! Ranges grow one "strictly larger" SAT call at a time. For stage semantics (SE, DC, DS)
//! the growth starts from a set with a largest range when a few cores prove one (see
//! `Engine::largest_range`): on frameworks whose stage extensions miss a handful of
//! arguments the last few growth calls are the hard ones, while the core-guided search
//! spends one cheap unsatisfiable call per missed argument and one satisfiable call.

use super::engine::{Engine, Reduction, Which};
use super::stable::Stable;
use super::{Credulous, Decision, Enumerate, Sceptical, SingleExtension};
use crate::af::{Arg, Framework};
use crate::encode::SetKind;
use crate::sat::Lit;

/// Semi-stable or stage semantics.
pub struct RangeBased<'a> {
    red: Reduction<'a>,
    kind: SetKind,
    search: Option<Search>,
    stable: Stable<'a>,
    stable_exists: Option<bool>,
}

/// The engine, and the extension found first on it once found.
struct Search {
    engine: Engine,
    first: Option<Vec<u32>>,
}

impl<'a> RangeBased<'a> {
    /// A solver for the semi-stable extensions of `af`.
    pub fn semi_stable(af: &'a Framework) -> RangeBased<'a> {
        RangeBased::new(af, Reduction::grounded(af), SetKind::Complete)
    }

    /// A solver for the stage extensions of `af`.
    pub fn stage(af: &'a Framework) -> RangeBased<'a> {
        RangeBased::new(af, Reduction::identity(af), SetKind::ConflictFree)
    }

    fn new(af: &'a Framework, red: Reduction<'a>, kind: SetKind) -> RangeBased<'a> {
        RangeBased { red, kind, search: None, stable: Stable::new(af), stable_exists: None }
    }

    /// Whether a stable extension exists (then every task goes to [`Stable`]).
    fn is_stable(&mut self) -> bool {
        let stable = &mut self.stable;
        *self.stable_exists.get_or_insert_with(|| stable.some_extension().is_some())
    }

    fn parts(&mut self) -> (&Reduction<'a>, &mut Search) {
        let red = &self.red;
        let kind = self.kind;
        let new = || Search { engine: Engine::new(&red.sub, kind, true), first: None };
        (red, self.search.get_or_insert_with(new))
    }
}

/// How many cores the core-guided search for a stage extension may meet before it gives
/// way to plain range growth. Frameworks whose largest range misses few arguments need a
/// core per missed argument and are where growth struggles (see
/// [`Engine::largest_range`]: `gen_scc/scc_3000_c50` needs two); with many arguments
/// missed, the cores' cardinality constraints pile up and each call gets harder than
/// growing the range (on `gen_selfatt/selfatt_500` the 5th, 6th and 7th cores took 0.7,
/// 5 and 40 s, where growth takes 0.01 s in all).
const STAGE_CORES: usize = 3;

/// The set of a model under `base` to grow a range from: for stage semantics (sets of
/// [`SetKind::ConflictFree`]) one with a largest range when a few cores prove it (growth
/// then only confirms it), else any.
fn start(e: &mut Engine, base: &[Lit]) -> Option<Vec<u32>> {
    if e.kind() == SetKind::ConflictFree
        && let Some((set, _)) = e.largest_range(base, STAGE_CORES)
    {
        return Some(set);
    }
    e.solve(base).then(|| e.model_set())
}

impl Search {
    /// The extension found first (local ids): a set whose range is grown to a maximal
    /// one, searched for once and kept, as every query may ask for it.
    fn first(&mut self) -> Option<&[u32]> {
        if self.first.is_none() {
            let set = start(&mut self.engine, &[]);
            debug_assert!(set.is_some(), "semi-stable and stage extensions always exist");
            self.first = Some(self.engine.grow_range(&[], set?).0);
        }
        self.first.as_deref()
    }

    /// Some extension.
    fn some(&mut self, red: &Reduction<'_>) -> Option<Vec<Arg>> {
        self.first().map(|s| red.lift(s))
    }

    /// For stage semantics, the extension found first when it lacks `q`: a counterexample
    /// to `q`'s sceptical acceptance. Its core-guided search is often quick where the
    /// search under "lacks `q`" is not (`gen_scc/scc_3000_c50`, DS-STG: 3.1 s against
    /// 8.1 s), and costs one more search (once per solver) when it has `q`. Credulous
    /// acceptance does not try the same (an extension with `q`): there the extra search
    /// cost more than it saved (on the relabelings of that framework, median 24 s against
    /// 20 s).
    fn first_lacks(&mut self, q: Arg) -> Option<Vec<u32>> {
        if self.engine.kind() != SetKind::ConflictFree {
            return None;
        }
        self.first().filter(|s| !s.contains(&q.0)).map(<[u32]>::to_vec)
    }
}

impl SingleExtension for RangeBased<'_> {
    fn some_extension(&mut self) -> Option<Vec<Arg>> {
        if self.is_stable() {
            return self.stable.some_extension();
        }
        let (red, search) = self.parts();
        search.some(red)
    }
}

impl Credulous for RangeBased<'_> {
    fn credulous(&mut self, a: Arg) -> Decision {
        if self.is_stable() {
            return self.stable.credulous(a);
        }
        let (red, search) = self.parts();
        red.credulous(
            a,
            search,
            |search| search.some(red),
            |search, q| {
                let e = &mut search.engine;
                let x = e.x(q);
                let found = e.maximal_from(Which::Range, &[x], |e| start(e, &[x]));
                Decision::from_witness(found.map(|(s, _)| red.lift(&s)))
            },
        )
    }
}

impl Sceptical for RangeBased<'_> {
    fn sceptical(&mut self, a: Arg) -> Decision {
        if self.is_stable() {
            return self.stable.sceptical(a);
        }
        let (red, search) = self.parts();
        red.sceptical(
            a,
            search,
            |search| search.some(red),
            |search, q| {
                let found = search.first_lacks(q).or_else(|| {
                    let e = &mut search.engine;
                    let x = e.x(q);
                    e.maximal_from(Which::Range, &[!x], |e| start(e, &[!x])).map(|(s, _)| s)
                });
                Decision::counterexample(found.map(|s| red.lift(&s)))
            },
        )
    }
}

impl Enumerate for RangeBased<'_> {
    fn enumerate(&mut self, f: &mut dyn FnMut(&[Arg]) -> bool) {
        self.enumerate_within(None, f);
    }

    fn enumerate_within(
        &mut self,
        block_literals: Option<usize>,
        f: &mut dyn FnMut(&[Arg]) -> bool,
    ) {
        if self.is_stable() {
            return self.stable.enumerate(f);
        }
        let (red, search) = self.parts();
        let e = &mut search.engine;
        // Several extensions can share a range: each maximal range's sets in turn.
        e.enumerate_maximal_ranges(block_literals, &mut |e, range| {
            let exact = e.exact_range(range);
            e.enumerate_models(&exact, &mut |s| f(&red.lift(s)))
        });
    }
}
