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
//!
//! The two semantics share this file: they differ only in the sets encoded and in the
//! reduction, and every algorithm here serves both.

use super::reduction::{Query, Reduction};
use super::stable::Stable;
use super::{Answers, Decision, Options};
use std::sync::Arc;

use crate::af::{Arg, Framework};
use crate::encode::SetKind;
use crate::search::{Constraints, Engine, SharedOpenings, Which};

/// Semi-stable or stage semantics.
pub(crate) struct RangeBased {
    red: Reduction,
    kind: SetKind,
    options: Options,
    search: Option<Search>,
    stable: Stable,
    stable_exists: Option<bool>,
}

/// The engine, and the extension found first on it once found.
struct Search {
    engine: Engine,
    first: Option<Vec<Arg>>,
}

impl RangeBased {
    /// A solver for the semi-stable extensions of `af`.
    pub fn semi_stable(af: &Arc<Framework>, options: Options) -> RangeBased {
        RangeBased::new(af, Reduction::grounded(af), SetKind::Complete, options)
    }

    /// A solver for the stage extensions of `af`.
    pub fn stage(af: &Arc<Framework>, options: Options) -> RangeBased {
        RangeBased::new(af, Reduction::identity(af), SetKind::ConflictFree, options)
    }

    fn new(af: &Arc<Framework>, red: Reduction, kind: SetKind, options: Options) -> RangeBased {
        let stable = Stable::new(af, options.clone(), SharedOpenings::default(), &[]);
        RangeBased { red, kind, options, search: None, stable, stable_exists: None }
    }

    /// Whether a stable extension exists (then every task goes to [`Stable`]).
    fn is_stable(&mut self) -> bool {
        let stable = &mut self.stable;
        *self.stable_exists.get_or_insert_with(|| stable.some_extension().is_some())
    }

    fn parts(&mut self) -> (&Reduction, &mut Search) {
        let (red, kind, backend) = (&self.red, self.kind, self.options.backend);
        let new = || Search { engine: Engine::new(&red.part.af, kind, true, backend), first: None };
        (red, self.search.get_or_insert_with(new))
    }
}

/// How many cores the core-guided search for a stage extension may meet before it gives
/// way to plain range growth. Frameworks whose largest range misses few arguments need a
/// core per missed argument and are where growth struggles; with many arguments missed,
/// the cores' cardinality constraints pile up and each call gets harder than growing the
/// range (the figures are in `benches/README.md`).
const STAGE_CORES: usize = 3;

/// The set of a model satisfying `c` to grow a range from: for stage semantics (sets of
/// [`SetKind::ConflictFree`]) one with a largest range when a few cores prove it (growth
/// then only confirms it), else any.
fn start(e: &mut Engine, c: &Constraints) -> Option<Vec<Arg>> {
    if e.kind() == SetKind::ConflictFree
        && let Some((set, _)) = e.largest_range(c, STAGE_CORES)
    {
        return Some(set);
    }
    e.solve_under(c).then(|| e.model_set())
}

impl Search {
    /// The extension found first (local ids): a set whose range is grown to a maximal
    /// one, searched for once and kept, as every query may ask for it.
    fn first(&mut self) -> Option<&[Arg]> {
        if self.first.is_none() {
            let none = Constraints::default();
            let set = start(&mut self.engine, &none);
            debug_assert!(set.is_some(), "semi-stable and stage extensions always exist");
            self.first = Some(self.engine.grow_range(&none, set?).0);
        }
        self.first.as_deref()
    }

    /// For stage semantics, the extension found first when it lacks `q`: a counterexample
    /// to `q`'s sceptical acceptance. Its core-guided search is often quick where the
    /// search under "lacks `q`" is not, and costs one more search (once per solver) when
    /// it has `q`. Credulous acceptance does not try the same (an extension with `q`):
    /// there the extra search cost more than it saved (`benches/README.md`).
    fn first_lacks(&mut self, q: Arg) -> Option<Vec<Arg>> {
        if self.engine.kind() != SetKind::ConflictFree {
            return None;
        }
        self.first().filter(|s| !s.contains(&q)).map(<[Arg]>::to_vec)
    }
}

impl Answers for RangeBased {
    fn some_extension(&mut self) -> Option<Vec<Arg>> {
        if self.is_stable() {
            return self.stable.some_extension();
        }
        let (red, search) = self.parts();
        search.first().map(|s| red.lift(s))
    }

    fn credulous(&mut self, a: Arg) -> Decision {
        if self.is_stable() {
            return self.stable.credulous(a);
        }
        match self.red.query(a) {
            Query::In => Decision::from_witness(self.some_extension()),
            Query::Out => Decision::bare(false),
            Query::Local(q) => {
                let (red, search) = self.parts();
                let has = Constraints::has(q);
                let found = search.engine.maximal_from(Which::Range, &has, |e| start(e, &has));
                Decision::from_witness(found.map(|(s, _)| red.lift(&s)))
            }
        }
    }

    fn sceptical(&mut self, a: Arg) -> Decision {
        if self.is_stable() {
            return self.stable.sceptical(a);
        }
        match self.red.query(a) {
            Query::In => Decision::bare(true),
            Query::Out => Decision::counterexample(self.some_extension()),
            Query::Local(q) => {
                let (red, search) = self.parts();
                let found = search.first_lacks(q).or_else(|| {
                    let lacks = Constraints::lacks(q);
                    let e = &mut search.engine;
                    e.maximal_from(Which::Range, &lacks, |e| start(e, &lacks)).map(|(s, _)| s)
                });
                Decision::counterexample(found.map(|s| red.lift(&s)))
            }
        }
    }

    fn enumerate(&mut self, f: &mut dyn FnMut(&[Arg]) -> bool) {
        if self.is_stable() {
            return self.stable.enumerate(f);
        }
        let budget = self.options.block_literals;
        let (red, search) = self.parts();
        // Several extensions can share a range: each maximal range's sets in turn.
        search.engine.enumerate_maximal_ranges(budget, &mut |e, range| {
            let exact =
                Constraints { range_exactly: Some(range.to_vec()), ..Constraints::default() };
            e.enumerate_models(&exact, &mut |s| f(&red.lift(s)))
        });
    }
}
