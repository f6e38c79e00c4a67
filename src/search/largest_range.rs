//! Core-guided cardinality optimisation (OLL, as the MaxSAT solver RC2 does): a model
//! with as many of some literals true as any. Over the range variables it finds a set
//! with a largest range (the start of stage semantics' searches); over the negated set
//! variables, a smallest set (the smallest witnesses of `explain`).

use std::collections::HashSet;

use super::constraints::Constraints;
use super::engine::Engine;
use crate::af::Arg;
use crate::sat::Lit;
use crate::sat::totalizer::Totalizer;

impl Engine {
    /// The set of a model satisfying `c` whose range has as many arguments as any such
    /// model's (so its range is also ⊆-maximal under `c`), and how many arguments are
    /// outside that range (one per core found); `None` when no model satisfies `c` or the
    /// search needed more than `max_cores` cores.
    ///
    /// Core-guided (OLL, as in RC2): every range variable is assumed true; each failed
    /// core says one of its assumptions must go, so the core's literals give way to "at
    /// most one of these is false" (a [`Totalizer`] output), and a totalizer output in a
    /// core to "at most one more". The first satisfiable call has the fewest arguments
    /// outside the range. Growing the range one "strictly larger" call at a time instead
    /// meets hard satisfiable calls near the top, where the next larger range differs
    /// from the current one by hundreds of arguments; here the unsatisfiable calls are
    /// the many, cheap ones. The totalizers' clauses stay, but bind nothing unless their
    /// outputs are assumed.
    pub fn largest_range(
        &mut self,
        c: &Constraints,
        max_cores: usize,
    ) -> Option<(Vec<Arg>, usize)> {
        let range = self.range.clone();
        self.most_true(&range, c, max_cores)
    }

    /// The set of a model satisfying `c` with as many of the literals `wanted` true as any
    /// such model, and how many of them are false (one per core found); `None` when no
    /// model satisfies `c` or the search needed more than `max_cores` cores. See
    /// [`Engine::largest_range`] for the method.
    pub fn most_true(
        &mut self,
        wanted: &[Lit],
        c: &Constraints,
        max_cores: usize,
    ) -> Option<(Vec<Arg>, usize)> {
        let base = self.assumptions(c);
        // Assumed literals; a totalizer output's entry says which totalizer and bound.
        let mut soft: Vec<(Lit, Option<(usize, usize)>)> =
            wanted.iter().map(|&r| (r, None)).collect();
        let mut totalizers: Vec<Totalizer> = Vec::new();
        let mut failed: HashSet<Lit> = HashSet::new();
        let mut assumptions = Vec::new();
        for cores in 0..=max_cores {
            assumptions.clear();
            assumptions.extend_from_slice(&base);
            assumptions.extend(soft.iter().map(|&(l, _)| l));
            if self.solve(&assumptions) {
                return Some((self.model_set(), cores));
            }
            failed.clear();
            failed.extend(self.failed_assumptions());
            let mut core = Vec::new();
            let mut i = 0;
            while i < soft.len() {
                if failed.contains(&soft[i].0) {
                    core.push(soft.swap_remove(i));
                } else {
                    i += 1;
                }
            }
            if core.is_empty() {
                return None;
            }
            for &(_, bound) in &core {
                if let Some((t, k)) = bound
                    && k + 1 < totalizers[t].inputs()
                {
                    let more = totalizers[t].more_than(k + 1, self);
                    soft.push((!more, Some((t, k + 1))));
                }
            }
            if core.len() > 1 {
                let violated: Vec<Lit> = core.iter().map(|&(l, _)| !l).collect();
                let mut tot = Totalizer::new(&violated);
                let more = tot.more_than(1, self);
                soft.push((!more, Some((totalizers.len(), 1))));
                totalizers.push(tot);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::af::Framework;
    use crate::encode::SetKind;

    /// On random frameworks of up to 10 arguments (self-attacks and mutual attacks
    /// included) and one of 13, the core-guided search finds a set of the encoded kind,
    /// satisfying the constraints, whose range is as large as any such set's by brute
    /// force; with too small a core budget it gives up rather than answer. On every
    /// compiled backend (the cores differ).
    #[test]
    fn largest_range_matches_brute_force() {
        use super::super::closure::range_of;
        use crate::generate::Rng;
        use crate::verify::{every_set, is_complete, is_conflict_free};
        // Found by a wider random search: the complete sets' range needs a totalizer's
        // bound raised (a core holding "at most one of these is outside"), and dropping
        // the bound instead finds a smaller range.
        let raised: Vec<(u32, u32)> = concat!(
            "0-2 0-4 0-6 0-7 0-9 1-4 1-5 1-7 1-10 2-11 2-12 3-1 3-2 3-5 3-6 3-7 3-10 3-11 ",
            "3-12 4-3 4-5 4-7 4-8 4-9 5-0 5-6 5-11 6-1 6-4 6-12 7-2 7-3 7-5 7-6 7-9 7-10 7-11 ",
            "8-0 8-6 9-6 10-1 10-2 10-3 10-8 10-9 10-10 11-0 11-1 11-4 11-5 11-10 11-12 12-3 ",
            "12-9 ",
        )
        .split_whitespace()
        .map(|p| p.split_once('-').map(|(a, b)| (a.parse().unwrap(), b.parse().unwrap())).unwrap())
        .collect();
        let mut rng = Rng::new(7);
        for round in 0..=300 {
            let (n, attacks) = if round == 0 {
                (13, raised.clone())
            } else {
                let n = 1 + rng.below(10);
                let mut attacks = Vec::new();
                for a in 0..n {
                    for b in 0..n {
                        if rng.chance(if a == b { 0.1 } else { 0.25 }) {
                            attacks.push((a, b));
                        }
                    }
                }
                (n, attacks)
            };
            let af = Framework::from_attacks(n, &attacks).unwrap();
            for kind in [SetKind::ConflictFree, SetKind::Complete] {
                let is_kind = |set: &[Arg]| match kind {
                    SetKind::ConflictFree => is_conflict_free(&af, set),
                    _ => is_complete(&af, set),
                };
                let cases = [(None, true), (Some(0), false), (Some(0), true)];
                for (fixed, member) in cases {
                    let mut best = None;
                    for set in every_set(&af) {
                        if fixed.is_some_and(|q| set.contains(&Arg(q)) != member) || !is_kind(&set)
                        {
                            continue;
                        }
                        let size = range_of(&af, &set).iter().filter(|&&r| r).count();
                        best = best.max(Some(size));
                    }
                    let base = match fixed {
                        None => Constraints::default(),
                        Some(q) if member => Constraints::has(Arg(q)),
                        Some(q) => Constraints::lacks(Arg(q)),
                    };
                    for backend in crate::sat::tests::backends() {
                        let mut e = Engine::new(&af, kind, true, backend);
                        let found = e.largest_range(&base, 64);
                        let what = format!(
                            "round {round}, {backend}, {kind:?}, {fixed:?} {member}, {attacks:?}"
                        );
                        let Some((set, outside)) = found else {
                            assert_eq!(best, None, "{what}");
                            continue;
                        };
                        // One core per argument outside: the cores prove the range largest.
                        assert_eq!(Some(n as usize - outside), best, "{what}: {set:?}");
                        assert!(is_kind(&set), "{what}: {set:?}");
                        let has = |q| set.contains(&Arg(q));
                        assert!(fixed.is_none_or(|q| has(q) == member), "{what}: {set:?}");
                        let size = range_of(&af, &set).iter().filter(|&&r| r).count();
                        assert_eq!(Some(size), best, "{what}: {set:?}");
                        // A budget of no core answers only when the whole framework is the range.
                        let mut e = Engine::new(&af, kind, true, backend);
                        let zero = e.largest_range(&base, 0);
                        assert_eq!(zero.is_some(), best == Some(n as usize), "{what}");
                    }
                }
            }
        }
    }
}
