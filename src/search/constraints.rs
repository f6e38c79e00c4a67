//! What a search asks of its models beyond the encoding ([`Constraints`]), and the
//! selector variables that turn it into assumptions. `Engine::assumptions` (engine.rs) is the one
//! place constraints become literals; the growth algorithms read what to keep out of a
//! set from the constraints themselves, never from the literals.
//!
//! Every selector is a set of permanent clauses that bind nothing unless their literals
//! are assumed, so that a search adds no clause per call:
//! - [`Larger`]: "strictly more than this set (range)";
//! - [`RegionVars`]: "agrees with this set below `lo`, differs from it in `lo..hi`", for
//!   model enumeration;
//! - [`Split`]: "lacks `a`, and `a` cannot join", for the maximal-set tree.

use crate::af::Arg;
use crate::sat::Lit;

/// Which variables a search maximises: the set's or the range's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Which {
    /// The set variables.
    Set,
    /// The range variables.
    Range,
}

/// Conditions on the models of a search, each an assumption.
#[derive(Clone, Debug, Default)]
pub(crate) struct Constraints {
    /// Arguments in the set.
    pub has: Vec<Arg>,
    /// Arguments not in the set.
    pub lacks: Vec<Arg>,
    /// Arguments the set attacks.
    pub attacks: Vec<Arg>,
    /// The range is exactly this mask.
    pub range_exactly: Option<Vec<bool>>,
    /// A region of the maximal-set tree.
    pub region: Option<Region>,
}

/// A region of the maximal-set (or maximal-range) tree: "contains these, lacks those
/// (which cannot join), and lacks one of the window (which cannot join)".
#[derive(Clone, Debug)]
pub(crate) struct Region {
    /// Over the set or the range.
    pub which: Which,
    /// Arguments in the set (range).
    pub contains: Vec<Arg>,
    /// Arguments not in the set (range), each unable to join it.
    pub excludes: Vec<Arg>,
    /// Some of these is not in the set (range) and cannot join it; empty: no condition.
    pub window: Vec<Arg>,
}

impl Constraints {
    /// "`a` is in the set".
    pub fn has(a: Arg) -> Constraints {
        Constraints { has: vec![a], ..Constraints::default() }
    }

    /// "`a` is not in the set".
    pub fn lacks(a: Arg) -> Constraints {
        Constraints { lacks: vec![a], ..Constraints::default() }
    }

    /// "`a` is attacked by the set".
    pub fn attacks(a: Arg) -> Constraints {
        Constraints { attacks: vec![a], ..Constraints::default() }
    }

    /// No condition at all.
    pub fn is_empty(&self) -> bool {
        self.has.is_empty()
            && self.lacks.is_empty()
            && self.attacks.is_empty()
            && self.range_exactly.is_none()
            && self.region.is_none()
    }

    /// The arguments the constraints keep out of the set, as a mask over `n`.
    pub fn excluded(&self, n: usize) -> Vec<bool> {
        super::closure::membership(n, &self.lacks)
    }

    /// The arguments that growing a model satisfying the constraints must keep out of its
    /// set or range (as `which` says), now `current` as a mask: those the region
    /// excludes, and, when it has a window, the window's arguments `current` lacks (one
    /// of them must stay out, and any may be the one).
    pub fn kept_out(&self, which: Which, current: &[bool]) -> Vec<bool> {
        let mut out = vec![false; current.len()];
        let Some(r) = self.region.as_ref().filter(|r| r.which == which) else {
            return out;
        };
        for &a in &r.excludes {
            out[a.index()] = true;
        }
        for &a in &r.window {
            out[a.index()] |= !current[a.index()];
        }
        out
    }
}

/// Permanent clauses that turn "strictly more than this set" into assumptions, so that
/// growing a set adds no clause and no variable per call: `pick[j] -> lits[j]`, and
/// `guard -> some pick[j]`. Assuming `guard`, `lits[j]` and `not pick[j]` for the members
/// `j` leaves the solver to pick a non-member. Without `guard` the clauses are free.
pub(super) struct Larger {
    pub(super) pick: Vec<Lit>,
    pub(super) guard: Lit,
}

/// Permanent clauses that turn the regions of model enumeration into assumptions:
/// `current[j]` is assumed to be the current set's value at `j`; `differs[j] -> (x_j !=
/// current[j])`; `differs_from[j] -> differs[j] or differs_from[j + 1]`. Assuming
/// `differs_from[lo]` and `not differs_from[hi]` asks for a difference in `lo..hi`.
/// Unassumed, the clauses are free.
pub(super) struct RegionVars {
    pub(super) current: Vec<Lit>,
    pub(super) differs_from: Vec<Lit>,
}

/// Permanent clauses that turn a [`Region`] into assumptions, over the set or the range
/// variables: `lack[a]` says "`a` is not in the set (range), and cannot join it" (true of
/// every maximal one lacking `a`), `some[a] -> lack[a]`, and `guard -> some some[a]`.
/// Assuming `guard` and `not some[a]` outside a window asks for a set (range) lacking a
/// member of the window. Unassumed, the clauses are free.
pub(super) struct Split {
    pub(super) lack: Vec<Lit>,
    pub(super) some: Vec<Lit>,
    pub(super) guard: Lit,
}

/// The selectors of one engine, each built on first use.
#[derive(Default)]
pub(super) struct Selectors {
    /// Indexed by [`Which`].
    pub(super) larger: [Option<Larger>; 2],
    pub(super) regions: Option<RegionVars>,
    /// Indexed by [`Which`].
    pub(super) split: [Option<Split>; 2],
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_out_reads_the_region_not_the_literals() {
        let region = Region {
            which: Which::Range,
            contains: vec![Arg(0)],
            excludes: vec![Arg(1)],
            window: vec![Arg(2), Arg(3)],
        };
        let c = Constraints { region: Some(region), ..Constraints::lacks(Arg(4)) };
        let current = [true, false, true, false, false];
        assert_eq!(c.kept_out(Which::Range, &current), [false, true, false, true, false]);
        // The region constrains ranges, not sets.
        assert_eq!(c.kept_out(Which::Set, &current), [false; 5]);
        assert_eq!(c.excluded(5), [false, false, false, false, true]);
        assert!(!c.is_empty() && Constraints::default().is_empty());
    }
}
