//! Growing a model to a ⊆-maximal set, or to a set with a ⊆-maximal range, by repeated
//! "strictly larger" calls (each after cheap growth without the solver), and finding a
//! model that is maximal outright while satisfying constraints.

use super::closure::{extend_locally, membership, range_of};
use super::constraints::{Constraints, Which};
use super::engine::Engine;
use crate::af::Arg;

impl Engine {
    /// Grows `set` (a model satisfying `c`) to a ⊆-maximal set satisfying the clauses
    /// and `c`.
    pub fn grow_set(&mut self, c: &Constraints, set: Vec<Arg>) -> Vec<Arg> {
        let mut set = self.extended(c, set);
        while let Some(larger) = self.larger_set(c, &set) {
            set = larger;
        }
        set
    }

    /// A model satisfying `c` whose set strictly contains `set`, grown without the
    /// solver; `None` when there is none (`set`, if a model, is maximal under `c`).
    pub fn larger_set(&mut self, c: &Constraints, set: &[Arg]) -> Option<Vec<Arg>> {
        self.larger_set_limited(c, set, u64::MAX).flatten()
    }

    /// [`Engine::larger_set`], giving up (`None`) after `conflicts` conflicts when the
    /// backend can stop half-way; `Some(None)`: there is no larger set.
    pub fn larger_set_limited(
        &mut self,
        c: &Constraints,
        set: &[Arg],
        conflicts: u64,
    ) -> Option<Option<Vec<Arg>>> {
        let n = self.len();
        if set.len() == n {
            return Some(None);
        }
        let mut assumptions = self.assumptions(c);
        self.assume_larger(Which::Set, &membership(n, set), &mut assumptions);
        if !self.solve_limited(&assumptions, conflicts)? {
            return Some(None);
        }
        let model = self.model_set();
        Some(Some(self.extended(c, model)))
    }

    /// `set` (a model satisfying `c`) grown without the solver, keeping out what `c`
    /// keeps out.
    pub fn extended(&self, c: &Constraints, set: Vec<Arg>) -> Vec<Arg> {
        let n = self.len();
        let mut out = c.kept_out(Which::Set, &membership(n, &set));
        for a in &c.lacks {
            out[a.index()] = true;
        }
        extend_locally(&self.af, self.kind, set, &out, &vec![false; n])
    }

    /// Whether some model satisfying the assumptions `base` has a range strictly larger
    /// than `range`; when so the model is left for reading.
    fn larger_range(&mut self, base: &[crate::sat::Lit], range: &[bool]) -> bool {
        if range.iter().all(|&r| r) {
            return false;
        }
        let mut assumptions = base.to_vec();
        self.assume_larger(Which::Range, range, &mut assumptions);
        self.solve(&assumptions)
    }

    /// Grows `set` (a model satisfying `c`) to one whose range is maximal under `c`;
    /// returns the set and range of the final model.
    pub fn grow_range(&mut self, c: &Constraints, mut set: Vec<Arg>) -> (Vec<Arg>, Vec<bool>) {
        let base = self.assumptions(c);
        let excluded = c.excluded(self.len());
        loop {
            let out = c.kept_out(Which::Range, &range_of(&self.af, &set));
            set = extend_locally(&self.af, self.kind, set, &excluded, &out);
            let range = range_of(&self.af, &set);
            if !self.larger_range(&base, &range) {
                return (set, range);
            }
            set = self.model_set();
        }
    }

    /// Grows `set` (a model satisfying `c`) to a maximal set, or a set with a maximal
    /// range, under `c`; returns the set and the set or range (as `which` says) as a mask.
    fn grow(&mut self, which: Which, c: &Constraints, set: Vec<Arg>) -> (Vec<Arg>, Vec<bool>) {
        match which {
            Which::Set => {
                let set = self.grow_set(c, set);
                let member = membership(self.len(), &set);
                (set, member)
            }
            Which::Range => self.grow_range(c, set),
        }
    }

    /// A model satisfying `c` whose set or range (as `which` says) is maximal among all
    /// models', with that set or range, if there is one. A set or range maximal under `c`
    /// that still grows without it rules out all below the maximal one it grows to
    /// (blocked until the search ends): no model satisfying `c` lies there.
    pub fn maximal(&mut self, which: Which, c: &Constraints) -> Option<(Vec<Arg>, Vec<bool>)> {
        self.maximal_from(which, c, |e| e.solve_under(c).then(|| e.model_set()))
    }

    /// [`Engine::maximal`], growing from the set `start` gives (a model satisfying `c`
    /// and the blocking so far, `None` when there is none) each time.
    pub fn maximal_from(
        &mut self,
        which: Which,
        c: &Constraints,
        mut start: impl FnMut(&mut Self) -> Option<Vec<Arg>>,
    ) -> Option<(Vec<Arg>, Vec<bool>)> {
        self.scoped(|e| {
            loop {
                let first = start(e)?;
                let (set, member) = e.grow(which, c, first);
                if c.is_empty() {
                    return Some((set, member));
                }
                let (grown_set, grown) = e.grow(which, &Constraints::default(), set.clone());
                if grown == member {
                    return Some((set, member));
                }
                e.block_below(which, &grown_set, &grown);
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::engine::tests::{each_backend, pairs};
    use super::*;
    use crate::encode::SetKind;

    #[test]
    fn growth_reaches_a_maximal_set_under_the_constraints() {
        // Pairs 0 <-> 1 and 2 <-> 3: the preferred extensions take one of each pair.
        let af = pairs(2);
        each_backend(&af, SetKind::Admissible, false, |mut e| {
            let grown = e.grow_set(&Constraints::default(), vec![]);
            assert_eq!(grown.len(), 2);
            let c = Constraints::lacks(Arg(0));
            let (set, _) = e.maximal(Which::Set, &c).unwrap();
            assert!(!set.contains(&Arg(0)) && set.contains(&Arg(1)) && set.len() == 2);
        });
    }

    #[test]
    fn a_set_maximal_only_under_the_constraints_is_not_returned() {
        // 0 -> 1, 1 -> 2: {0, 2} is the one preferred extension; lacking 0, the largest
        // admissible set is {} (nothing defends 2), which grows to {0, 2}: none.
        let af = crate::af::Framework::from_attacks(3, &[(0, 1), (1, 2)]).unwrap();
        each_backend(&af, SetKind::Admissible, false, |mut e| {
            assert_eq!(e.maximal(Which::Set, &Constraints::lacks(Arg(0))), None);
            assert!(e.maximal(Which::Set, &Constraints::has(Arg(2))).is_some());
        });
    }
}
