//! Enumerating the ⊆-maximal sets or ranges of the models (preferred, semi-stable and
//! stage extensions), each once: blocking each one found while that is cheap, then a
//! tree of "contains `P`, lacks `N`" searches that adds nothing per set found.

use super::closure::defence_order;
use super::constraints::{Constraints, Region, Which};
use super::engine::Engine;
use crate::af::Arg;

/// What [`Engine::enumerate_maximal_of`] calls on each maximal set or range: with the
/// engine, a model's set, and the set or range as a mask; `false` stops the enumeration.
pub(crate) type OnMaximal<'f> = dyn FnMut(&mut Engine, &[Arg], &[bool]) -> bool + 'f;

/// How many literals of blocking clauses [`Engine::enumerate_maximal_of`] may add by
/// default, at least: 2^17 (half a megabyte); [`BLOCK_LITERALS_PER_ARG`] per argument when
/// that is more.
pub(crate) const BLOCK_LITERALS: usize = 1 << 17;

/// See [`BLOCK_LITERALS`].
const BLOCK_LITERALS_PER_ARG: usize = 16;

/// How many maximal sets (not ranges) [`Engine::enumerate_maximal_of`] blocks at most:
/// the split's searches for sets are direct (the "cannot join" clauses), so blocking only
/// pays while there are few, while for ranges they often are not (the figures are in
/// `benches/README.md`).
const BLOCKED_SETS: usize = 256;

/// One level of the tree below a maximal set or range.
struct Level {
    pos_len: usize,
    neg_len: usize,
    members: Vec<Arg>,
    /// Members no maximal element lacks first (see [`defence_order`]).
    defended: Vec<bool>,
    /// Windows `lo..hi` of `members` still to search.
    windows: Vec<(usize, usize)>,
}

impl Engine {
    /// Calls `f` on every ⊆-maximal set or range of the models (as `which` says; `f` gets
    /// a model's set and the set or range), each once, until `f` returns `false`;
    /// returns whether it ran to the end.
    ///
    /// First each one found is blocked (with all below it), the fastest way while there
    /// are few: until the blocking clauses would pass `block_literals` literals (`None`:
    /// 2^17, or 16 per argument when that is more), and for sets [`BLOCKED_SETS`]. Then
    /// the rest are split instead, and nothing more is blocked for good; the blocked ones
    /// stay out of the models, and what is maximal among the others is maximal outright.
    ///
    /// The split is a tree of constraints "contains `P`, lacks `N`": a maximal `M` found
    /// under them splits the others by the first of its members `m_1, m_2, ...` (those
    /// not in `P`) they lack — under "contains `P` and `m_1..m_{i-1}`, lacks `N` and
    /// `m_i`" — since a maximal `M' != M` with `M' ⊇ P` cannot contain all of `M`. One
    /// search covers a window of those subtrees: "contains `P` and `m_1..m_{lo-1}`, lacks
    /// `N` and one of `m_lo..m_{hi-1}`" (a [`Region`]). What it finds lacks a first
    /// `m_j`: it is the first of subtree `j`, whose own members split it in turn, and the
    /// windows on either side of `j` are left to search. An empty window costs one search,
    /// usually one unsatisfiable call. Sets skip members that `P` and the members before
    /// them defend: a complete set with those has them.
    ///
    /// State: the blocking clauses, the constraints and, per level, the members and the
    /// windows left; it grows with the framework and the depth of the tree, not with the
    /// number found. The split can take many more calls than blocking when sets maximal
    /// under its constraints are rarely maximal outright (stage semantics on some dense
    /// frameworks).
    pub fn enumerate_maximal_of(
        &mut self,
        which: Which,
        block_literals: Option<usize>,
        f: &mut OnMaximal<'_>,
    ) -> bool {
        let default = BLOCK_LITERALS.max(BLOCK_LITERALS_PER_ARG * self.len());
        let mut budget = block_literals.unwrap_or(default);
        let mut blocks_left = match which {
            Which::Set => BLOCKED_SETS,
            Which::Range => usize::MAX,
        };
        self.scoped(|e| {
            loop {
                let Some((set, found)) = e.maximal(which, &Constraints::default()) else {
                    return true;
                };
                if !f(e, &set, &found) {
                    return false;
                }
                let cost = found.iter().filter(|&&m| !m).count();
                if cost > budget || blocks_left == 0 {
                    return e.split_below(which, &found, f);
                }
                budget -= cost;
                blocks_left -= 1;
                e.block_below(which, &set, &found);
            }
        })
    }

    /// The tree of [`Engine::enumerate_maximal_of`] below the maximal `first`, found and
    /// passed to `f` already.
    fn split_below(&mut self, which: Which, first: &[bool], f: &mut OnMaximal<'_>) -> bool {
        let n = self.len();
        let mut pos: Vec<Arg> = Vec::new();
        let mut neg: Vec<Arg> = Vec::new();
        let mut in_pos = vec![false; n];
        let level = |e: &Self, pos: &[Arg], neg_len: usize, in_pos: &[bool], found: &[bool]| {
            let members: Vec<Arg> =
                e.af.args().filter(|a| found[a.index()] && !in_pos[a.index()]).collect();
            let (members, defended) = match which {
                Which::Set => defence_order(&e.af, pos, members),
                Which::Range => {
                    let defended = vec![false; members.len()];
                    (members, defended)
                }
            };
            let windows = vec![(0, members.len())];
            Level { pos_len: pos.len(), neg_len, members, defended, windows }
        };
        let mut levels = vec![level(self, &pos, 0, &in_pos, first)];
        while let Some(top) = levels.last_mut() {
            let Some((lo, hi)) = top.windows.pop() else {
                levels.pop();
                continue;
            };
            // Members defended by what comes before them are never the first lacked.
            let open: Vec<Arg> =
                (lo..hi).filter(|&i| !top.defended[i]).map(|i| top.members[i]).collect();
            if open.is_empty() {
                continue;
            }
            for &a in &pos[top.pos_len..] {
                in_pos[a.index()] = false;
            }
            pos.truncate(top.pos_len);
            neg.truncate(top.neg_len);
            let region = Region {
                which,
                contains: pos.iter().chain(&top.members[..lo]).copied().collect(),
                excludes: neg.clone(),
                window: open,
            };
            let c = Constraints { region: Some(region), ..Constraints::default() };
            let Some((set, found)) = self.maximal(which, &c) else {
                continue;
            };
            let j = (lo..hi)
                .find(|&j| !found[top.members[j].index()])
                .expect("what a window search finds lacks one of its members");
            if lo < j {
                top.windows.push((lo, j));
            }
            if j + 1 < hi {
                top.windows.push((j + 1, hi));
            }
            let from = pos.len();
            pos.extend_from_slice(&top.members[..j]);
            neg.push(top.members[j]);
            if !f(self, &set, &found) {
                return false;
            }
            for &a in &pos[from..] {
                in_pos[a.index()] = true;
            }
            levels.push(level(self, &pos, neg.len(), &in_pos, &found));
        }
        true
    }

    /// Calls `f` on every ⊆-maximal set of the models (sets of [`SetKind::Admissible`] or
    /// [`SetKind::Complete`]: the preferred extensions), each once, until `f` returns
    /// `false`; returns whether it ran to the end.
    ///
    /// [`SetKind::Admissible`]: crate::encode::SetKind::Admissible
    /// [`SetKind::Complete`]: crate::encode::SetKind::Complete
    pub fn enumerate_maximal(
        &mut self,
        block_literals: Option<usize>,
        f: &mut dyn FnMut(&[Arg]) -> bool,
    ) -> bool {
        self.enumerate_maximal_of(Which::Set, block_literals, &mut |_, set, _| f(set))
    }

    /// Calls `f` on every ⊆-maximal range of the models (the ranges of the semi-stable or
    /// stage extensions), each once, until `f` returns `false`; returns whether it ran to
    /// the end. Needs the range variables.
    pub fn enumerate_maximal_ranges(
        &mut self,
        block_literals: Option<usize>,
        f: &mut dyn FnMut(&mut Self, &[bool]) -> bool,
    ) -> bool {
        debug_assert_eq!(self.range.len(), self.len(), "built without range variables");
        self.enumerate_maximal_of(Which::Range, block_literals, &mut |e, _, range| f(e, range))
    }
}

#[cfg(test)]
mod tests {
    use super::super::engine::tests::each_backend;
    use super::*;
    use crate::af::FrameworkBuilder;
    use crate::encode::SetKind;

    #[test]
    fn maximal_sets_are_found_once_each_without_a_clause_per_set() {
        // 8 mutual attacks, then the same with a 3-cycle attacking argument 0: no
        // admissible set has a cycle argument, so none defends 0, and every preferred
        // extension takes 1 from the first pair.
        for cycle in [false, true] {
            let k = 8;
            let n = 2 * k + if cycle { 3 } else { 0 };
            let mut b = FrameworkBuilder::new(n);
            for i in 0..k {
                b.attack(Arg(2 * i), Arg(2 * i + 1)).unwrap();
                b.attack(Arg(2 * i + 1), Arg(2 * i)).unwrap();
            }
            if cycle {
                let c = 2 * k;
                b.attack(Arg(c), Arg(c + 1)).unwrap();
                b.attack(Arg(c + 1), Arg(c + 2)).unwrap();
                b.attack(Arg(c + 2), Arg(c)).unwrap();
                b.attack(Arg(c), Arg(0)).unwrap();
            }
            let af = b.build();
            each_backend(&af, SetKind::Admissible, false, |mut e| {
                let mut seen = std::collections::BTreeSet::new();
                assert!(e.enumerate_maximal(Some(0), &mut |s| {
                    assert!(seen.insert(s.to_vec()), "{s:?} found twice");
                    true
                }));
                let expected = if cycle { 1 << (k - 1) } else { 1 << k };
                assert_eq!(seen.len(), expected);
                assert!(
                    seen.iter().all(|s| s.len() == k as usize && (!cycle || s.contains(&Arg(1))))
                );
                // The selectors of "strictly larger" and of the splits (three clauses per
                // argument), once; nothing per set.
                assert!(e.clauses_added <= 4 * af.len() + 2, "{}", e.clauses_added);
            });
        }
    }

    #[test]
    fn maximal_ranges_are_found_once_each_without_a_clause_per_range() {
        // k gadgets a <-> b, a -> c, b -> d, c and d attacking themselves: the complete
        // (and conflict-free) sets with a maximal range take a or b in each gadget, and
        // their ranges {a, b, c} and {a, b, d} are incomparable: 2^k maximal ranges.
        let k = 8;
        let mut b = FrameworkBuilder::new(4 * k);
        for i in 0..k {
            let [a, bb, c, d] = [0, 1, 2, 3].map(|j| Arg(4 * i + j));
            for (x, y) in [(a, bb), (bb, a), (a, c), (bb, d), (c, c), (d, d)] {
                b.attack(x, y).unwrap();
            }
        }
        let af = b.build();
        for kind in [SetKind::Complete, SetKind::ConflictFree] {
            each_backend(&af, kind, true, |mut e| {
                let mut seen = std::collections::BTreeSet::new();
                assert!(e.enumerate_maximal_ranges(Some(0), &mut |_, r| {
                    assert!(seen.insert(r.to_vec()), "{r:?} found twice");
                    true
                }));
                assert_eq!(seen.len(), 1 << k, "{kind:?}");
                for r in &seen {
                    for i in 0..k as usize {
                        assert!(r[4 * i] && r[4 * i + 1] && (r[4 * i + 2] != r[4 * i + 3]));
                    }
                }
                // The selectors of "strictly larger range" and of the splits, once.
                let n = af.len();
                assert!(e.clauses_added <= 4 * n + 2, "{kind:?}: {}", e.clauses_added);
                // Stopping early is reported.
                let mut left = 5;
                assert!(!e.enumerate_maximal_ranges(Some(0), &mut |_, _| {
                    left -= 1;
                    left > 0
                }));
            });
        }
    }
}
