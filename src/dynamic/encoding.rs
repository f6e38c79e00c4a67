//! The SAT state of a [`Dynamic`](super::Dynamic) solver: per-slot variables, groups of
//! clauses under activation literals, and the searches over them.

use std::collections::BTreeSet;

use crate::encode::{Group, SetKind};
use crate::sat::{Backend, ClauseSink, Lit, SatSolver, Solve};

/// The sets encoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    /// Conflict-free and defending every member (admissible, and preferred as maximal ones).
    Admissible,
    /// Admissible and containing what it defends.
    Complete,
    /// Conflict-free and attacking every non-member.
    Stable,
}

/// The solver, the variables of every slot, and the activation literal of every live
/// slot's current group.
pub(super) struct State {
    pub(super) kind: Kind,
    /// Slots whose group must be emitted (or retired) before the next solve.
    pub(super) dirty: BTreeSet<usize>,
    solver: SatSolver,
    /// `x[s]`: slot `s` is in the set.
    x: Vec<Lit>,
    /// `y[s]`: slot `s` is attacked by the set.
    y: Vec<Lit>,
    /// The activation literal of slot `s`'s current group.
    act: Vec<Option<Lit>>,
    /// Writes the groups.
    group: Group,
}

impl State {
    pub(super) fn new(kind: Kind, backend: Backend) -> State {
        State {
            kind,
            dirty: BTreeSet::new(),
            solver: SatSolver::new(backend),
            x: Vec::new(),
            y: Vec::new(),
            act: Vec::new(),
            group: Group::default(),
        }
    }

    /// Brings the groups up to date: every dirty slot's group emitted for its attackers,
    /// or retired when the slot is dead (`alive[s]` false).
    pub(super) fn sync(&mut self, attackers: &[BTreeSet<usize>], alive: &[bool]) {
        if self.x.len() < alive.len() {
            let from = self.x.len();
            self.ensure(alive.len() - 1);
            self.dirty.extend(from..alive.len());
        }
        for slot in std::mem::take(&mut self.dirty) {
            if alive[slot] {
                self.emit(slot, &attackers[slot]);
            } else {
                self.retire(slot);
            }
        }
    }

    /// Gives every slot up to `slot` its variables.
    fn ensure(&mut self, slot: usize) {
        while self.x.len() <= slot {
            let prefer_in = self.kind != Kind::Stable;
            let x = self.solver.new_var_preferring(prefer_in).positive();
            let y = self.solver.new_lit();
            self.x.push(x);
            self.y.push(y);
            self.act.push(None);
        }
    }

    /// Retires the group of `slot`, if any: its clauses bind nothing from now on.
    fn retire_group(&mut self, slot: usize) {
        if let Some(old) = self.act[slot].take() {
            self.solver.add_clause(&[!old]);
        }
    }

    /// The argument of `slot` is gone for good: out of every set, its group retired.
    fn retire(&mut self, slot: usize) {
        self.ensure(slot);
        self.retire_group(slot);
        self.solver.add_clause(&[!self.x[slot]]);
    }

    /// Emits `slot`'s group for its current `attackers`, under a fresh activation
    /// literal, retiring the old one: the static encoding's clauses (`encode::Group`).
    fn emit(&mut self, slot: usize, attackers: &BTreeSet<usize>) {
        self.retire_group(slot);
        let g = self.solver.new_lit();
        let kind = match self.kind {
            Kind::Admissible => SetKind::Admissible,
            Kind::Complete => SetKind::Complete,
            Kind::Stable => SetKind::Stable,
        };
        let (x, y) = (&self.x, &self.y);
        let of = attackers.iter().map(|&b| (x[b], y[b]));
        self.group.emit(kind, (x[slot], y[slot]), of, Some(g), &mut self.solver);
        self.act[slot] = Some(g);
    }

    /// Solves with the groups of the `live` slots active and `extra` assumed.
    fn solve(&mut self, live: &[usize], extra: &[Lit]) -> bool {
        let mut assumptions: Vec<Lit> = live.iter().filter_map(|&s| self.act[s]).collect();
        assumptions.extend_from_slice(extra);
        self.solver.solve_assuming(&assumptions)
    }

    /// The live slots in the last model's set.
    fn model(&self, live: &[usize]) -> Vec<usize> {
        live.iter().copied().filter(|&s| self.solver.value(self.x[s])).collect()
    }

    /// A set of the kind among the `live` slots (only their groups active: a part closed
    /// under attackers, or every live slot) with every `ins` slot and no `outs` slot.
    pub(super) fn find(
        &mut self,
        ins: &[usize],
        outs: &[usize],
        live: &[usize],
    ) -> Option<Vec<usize>> {
        let extra: Vec<Lit> =
            ins.iter().map(|&s| self.x[s]).chain(outs.iter().map(|&s| !self.x[s])).collect();
        self.solve(live, &extra).then(|| self.model(live))
    }

    /// A set of the kind among the `live` slots attacking `target`.
    pub(super) fn find_attacking(&mut self, target: usize, live: &[usize]) -> Option<Vec<usize>> {
        let y = self.y[target];
        self.solve(live, &[y]).then(|| self.model(live))
    }

    /// Runs `f` with a temporary clause `clause` (active under a fresh literal, which `f`
    /// gets to assume); the clause binds nothing afterwards.
    fn with_clause<R>(&mut self, clause: &[Lit], f: impl FnOnce(&mut Self, Lit) -> R) -> R {
        let t = self.solver.new_lit();
        let mut guarded = vec![!t];
        guarded.extend_from_slice(clause);
        self.solver.add_clause(&guarded);
        let r = f(self, t);
        self.solver.add_clause(&[!t]);
        r
    }

    /// A set of the kind violating the assumptions: without some `ins` slot or with some
    /// `outs` slot. `None` when there is none (or nothing to violate).
    pub(super) fn violating(
        &mut self,
        ins: &[usize],
        outs: &[usize],
        live: &[usize],
    ) -> Option<Vec<usize>> {
        if ins.is_empty() && outs.is_empty() {
            return None;
        }
        let clause: Vec<Lit> =
            ins.iter().map(|&s| !self.x[s]).chain(outs.iter().map(|&s| self.x[s])).collect();
        self.with_clause(&clause, |st, t| st.solve(live, &[t]).then(|| st.model(live)))
    }

    /// Grows `set` (a set of the kind with the assumptions `fixed`) to a ⊆-maximal one
    /// with them, one "strictly larger" call at a time.
    fn grow_under(&mut self, mut set: Vec<usize>, fixed: &[Lit], live: &[usize]) -> Vec<usize> {
        while let Some(bigger) = self.grow_step(&set, fixed, live) {
            set = bigger;
        }
        set
    }

    /// Grows `set` to a ⊆-maximal set of the kind (for admissible sets: a preferred
    /// extension), `close` first and after every SAT step (a cheap closure without the
    /// solver, which must keep the set of the kind).
    pub(super) fn grow(
        &mut self,
        set: Vec<usize>,
        live: &[usize],
        close: &dyn Fn(Vec<usize>) -> Vec<usize>,
    ) -> Vec<usize> {
        let mut set = close(set);
        loop {
            let bigger = self.grow_step(&set, &[], live);
            match bigger {
                Some(b) => set = close(b),
                None => return set,
            }
        }
    }

    /// One "strictly larger" call: a set of the kind with all of `set`, the `fixed`
    /// assumptions, and one more live slot.
    fn grow_step(&mut self, set: &[usize], fixed: &[Lit], live: &[usize]) -> Option<Vec<usize>> {
        let member: BTreeSet<usize> = set.iter().copied().collect();
        let others: Vec<Lit> =
            live.iter().filter(|s| !member.contains(s)).map(|&s| self.x[s]).collect();
        if others.is_empty() {
            return None;
        }
        let mut extra: Vec<Lit> = set.iter().map(|&s| self.x[s]).collect();
        extra.extend_from_slice(fixed);
        self.with_clause(&others, |st, t| {
            extra.push(t);
            st.solve(live, &extra).then(|| st.model(live))
        })
    }

    /// A ⊆-maximal set of the kind (a preferred extension) with every `ins` slot and no
    /// `outs` slot, by counterexample-guided search: a set maximal under the assumptions
    /// that still grows without them rules out every set below what it grows to.
    pub(super) fn maximal(
        &mut self,
        ins: &[usize],
        outs: &[usize],
        live: &[usize],
        close: &dyn Fn(Vec<usize>) -> Vec<usize>,
    ) -> Option<Vec<usize>> {
        let fixed: Vec<Lit> =
            ins.iter().map(|&s| self.x[s]).chain(outs.iter().map(|&s| !self.x[s])).collect();
        let scope = self.solver.new_lit();
        let result = loop {
            let mut assumptions = fixed.clone();
            assumptions.push(scope);
            if !self.solve(live, &assumptions) {
                break None;
            }
            let first = self.model(live);
            let under = self.grow_under(first, &assumptions, live);
            let grown = self.grow(under.clone(), live, close);
            if grown == under {
                break Some(under);
            }
            // Nothing with the assumptions lies below `grown`: block it in this scope.
            let member: BTreeSet<usize> = grown.iter().copied().collect();
            let mut clause = vec![!scope];
            clause.extend(live.iter().filter(|s| !member.contains(s)).map(|&s| self.x[s]));
            self.solver.add_clause(&clause);
        };
        self.solver.add_clause(&[!scope]);
        result
    }
}
