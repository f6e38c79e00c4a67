//! Enumerating the sets of all models, each once, in memory that does not grow with
//! their number: the search space is split by where a set first differs from the last
//! one found, instead of blocking each.

use super::constraints::Constraints;
use super::engine::Engine;
use crate::af::Arg;

impl Engine {
    /// Calls `f` on the set of every model satisfying `c` (sets told apart by their
    /// arguments), each once, until `f` returns `false`; returns whether it ran to the end.
    ///
    /// No set is blocked. The sets agreeing with a found set `C` on the arguments below
    /// `k`, other than `C`, fall apart by the first argument `j >= k` where they differ
    /// from it; those with a given `j` are searched the same way from the first one found,
    /// largest `j` first. Below `j` they agree with `C`, so the one current set and a
    /// stack of `(k, j)` pairs (at most one per argument) are the whole state. Each call
    /// only adds assumptions: "agrees with `C` below `lo`, differs from it somewhere in
    /// `lo..hi`" (see `RegionVars`).
    pub fn enumerate_models(&mut self, c: &Constraints, f: &mut dyn FnMut(&[Arg]) -> bool) -> bool {
        let extra = self.assumptions(c);
        if !self.solve(&extra) {
            return true;
        }
        let first = self.model_set();
        if !f(&first) {
            return false;
        }
        let n = self.len();
        let mut current = super::closure::membership(n, &first);
        // (k, hi): the sets agreeing with `current` below k and first differing from it
        // at some j in k..hi are still to be enumerated.
        let mut frames: Vec<(usize, usize)> = vec![(0, n)];
        let mut base = Vec::new();
        while let Some(&(k, hi)) = frames.last() {
            // The largest j in k..hi with a set first differing there, and that set.
            let mut lo = k;
            let mut found = None;
            while lo < hi {
                self.region_assumptions(&current, lo, hi, &mut base);
                base.extend_from_slice(&extra);
                if !self.solve(&base) {
                    break;
                }
                let set = self.model_set();
                let j = first_difference(&current, &set, lo);
                found = Some((j, set));
                lo = j + 1;
            }
            let Some((j, set)) = found else {
                frames.pop();
                continue;
            };
            if let Some(top) = frames.last_mut() {
                top.1 = j;
            }
            if !f(&set) {
                return false;
            }
            current.fill(false);
            for &a in &set {
                current[a.index()] = true;
            }
            frames.push((j + 1, n));
        }
        true
    }
}

/// The first argument from `from` on where the sorted `set` and `current` differ.
fn first_difference(current: &[bool], set: &[Arg], from: usize) -> usize {
    let mut member = set.iter().map(|a| a.index()).filter(|&a| a >= from).peekable();
    for (j, &c) in current.iter().enumerate().skip(from) {
        let is_member = member.next_if_eq(&j).is_some();
        if is_member != c {
            return j;
        }
    }
    unreachable!("a set found in a region differs from the current set there")
}

#[cfg(test)]
mod tests {
    use super::super::engine::tests::{each_backend, pairs};
    use super::*;
    use crate::encode::SetKind;

    #[test]
    fn enumeration_finds_every_model_once_and_adds_no_clause_per_model() {
        for (kind, k, expected) in [(SetKind::Stable, 10, 1 << 10), (SetKind::Complete, 6, 729)] {
            let af = pairs(k);
            each_backend(&af, kind, false, |mut e| {
                let mut seen = std::collections::BTreeSet::new();
                assert!(e.enumerate_models(&Constraints::default(), &mut |s| {
                    assert!(seen.insert(s.to_vec()), "{s:?} found twice");
                    true
                }));
                assert_eq!(seen.len(), expected, "{kind:?}");
                // The region selectors (three clauses per argument), once; nothing per model.
                assert!(e.clauses_added <= 3 * af.len(), "{kind:?}: {}", e.clauses_added);
                // A few calls per model, not one per argument and model.
                assert!(e.sat_calls <= 4 * expected, "{kind:?}: {}", e.sat_calls);
            });
        }
    }

    #[test]
    fn enumeration_stops_when_asked_and_respects_constraints() {
        let af = pairs(5);
        each_backend(&af, SetKind::Stable, false, |mut e| {
            let mut n = 0;
            assert!(!e.enumerate_models(&Constraints::default(), &mut |_| {
                n += 1;
                n < 7
            }));
            assert_eq!(n, 7);
            let mut sets = Vec::new();
            assert!(e.enumerate_models(&Constraints::has(Arg(0)), &mut |s| {
                sets.push(s.to_vec());
                true
            }));
            assert_eq!(sets.len(), 16);
            assert!(sets.iter().all(|s| s.contains(&Arg(0))));
        });
    }
}
