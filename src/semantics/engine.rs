//! Shared machinery of the SAT-based semantics: the grounded reduction and an
//! incremental solver over one encoded framework with set and range growth.

use std::borrow::Cow;

use super::Decision;
use super::grounded::{Label, Labelling, grounded_labelling};
use crate::af::{Arg, Framework};
use crate::encode::{Encoding, SetKind, encode, range};
use crate::sat::{DefaultSolver, Lit, Solve};

/// The part of a framework the SAT solver sees, and how to map back.
///
/// For complete-based semantics it is the grounded reduction: the arguments the
/// grounded labelling leaves UNDEC, with the grounded extension added to every answer.
pub(crate) struct Reduction<'a> {
    /// The framework handed to the solver (local ids).
    pub sub: Cow<'a, Framework>,
    /// Arguments in every answer (the grounded extension, or nothing).
    base: Vec<Arg>,
    /// Local id -> global argument.
    to_global: Vec<Arg>,
    /// Global argument -> label (always UNDEC for the identity reduction).
    labels: Option<Labelling>,
}

/// Where a query argument stands after the reduction.
pub(crate) enum Query {
    /// In every extension of the complete-based semantics (grounded IN).
    In,
    /// In no extension (grounded OUT).
    Out,
    /// Left to the solver, with this local id.
    Local(Arg),
}

impl<'a> Reduction<'a> {
    /// The grounded reduction of `af`.
    pub fn grounded(af: &'a Framework) -> Reduction<'a> {
        let labels = grounded_labelling(af);
        let undec = labels.with_label(Label::Undec);
        let sub = if undec.len() == af.len() {
            Cow::Borrowed(af)
        } else {
            Cow::Owned(af.restrict(&undec))
        };
        Reduction {
            sub,
            base: labels.with_label(Label::In),
            to_global: undec,
            labels: Some(labels),
        }
    }

    /// No reduction: the solver sees all of `af`.
    pub fn identity(af: &'a Framework) -> Reduction<'a> {
        Reduction {
            sub: Cow::Borrowed(af),
            base: Vec::new(),
            to_global: af.args().collect(),
            labels: None,
        }
    }

    /// Where the global argument `a` stands.
    pub fn query(&self, a: Arg) -> Query {
        match &self.labels {
            None => Query::Local(a),
            Some(l) => match l.label(a) {
                Label::In => Query::In,
                Label::Out => Query::Out,
                Label::Undec => Query::Local(Arg(self
                    .to_global
                    .binary_search(&a)
                    .expect("UNDEC arguments are in the reduction")
                    as u32)),
            },
        }
    }

    /// The global extension made of the base and the local arguments `local`.
    pub fn lift(&self, local: &[u32]) -> Vec<Arg> {
        let mut out: Vec<Arg> = self
            .base
            .iter()
            .copied()
            .chain(local.iter().map(|&l| self.to_global[l as usize]))
            .collect();
        out.sort_unstable();
        out
    }

    /// Credulous acceptance of `a`: `some` finds any extension, `local` decides a query
    /// the reduction leaves open; both get `state` (usually the engine).
    pub fn credulous<E>(
        &self,
        a: Arg,
        state: &mut E,
        some: impl FnOnce(&mut E) -> Option<Vec<Arg>>,
        local: impl FnOnce(&mut E, Arg) -> Decision,
    ) -> Decision {
        match self.query(a) {
            // In every extension: accepted exactly when there is one.
            Query::In => Decision::from_witness(some(state)),
            Query::Out => Decision { accepted: false, certificate: None },
            Query::Local(q) => local(state, q),
        }
    }

    /// Sceptical acceptance of `a`, with `some` and `local` as for [`Reduction::credulous`].
    pub fn sceptical<E>(
        &self,
        a: Arg,
        state: &mut E,
        some: impl FnOnce(&mut E) -> Option<Vec<Arg>>,
        local: impl FnOnce(&mut E, Arg) -> Decision,
    ) -> Decision {
        match self.query(a) {
            Query::In => Decision { accepted: true, certificate: None },
            // In no extension: rejected exactly when there is one, which is the witness.
            Query::Out => Decision::counterexample(some(state)),
            Query::Local(q) => local(state, q),
        }
    }
}

/// The set and every argument it attacks, indexed by argument.
pub(crate) fn range_of(af: &Framework, set: &[u32]) -> Vec<bool> {
    let mut range = vec![false; af.len()];
    for &a in set {
        range[a as usize] = true;
        for &b in af.attacked_by(Arg(a)) {
            range[b as usize] = true;
        }
    }
    range
}

/// The least complete superset of the admissible `set`: adds defended arguments until
/// none is left (Dung's fundamental lemma keeps each step admissible).
pub(crate) fn extend_defended(af: &Framework, set: Vec<u32>) -> Vec<u32> {
    let n = af.len();
    let mut member = vec![false; n];
    let mut hit = vec![false; n];
    for &a in &set {
        member[a as usize] = true;
        for &b in af.attacked_by(Arg(a)) {
            hit[b as usize] = true;
        }
    }
    // Attackers of each argument the set does not yet attack.
    let mut open: Vec<u32> = af
        .args()
        .map(|a| af.attackers(a).iter().filter(|&&b| !hit[b as usize]).count() as u32)
        .collect();
    let mut queue: Vec<u32> = (0..n as u32).filter(|&a| open[a as usize] == 0).collect();
    let mut set = set;
    while let Some(a) = queue.pop() {
        if member[a as usize] {
            continue;
        }
        member[a as usize] = true;
        set.push(a);
        for &t in af.attacked_by(Arg(a)) {
            if !hit[t as usize] {
                hit[t as usize] = true;
                for &u in af.attacked_by(Arg(t)) {
                    open[u as usize] -= 1;
                    if open[u as usize] == 0 {
                        queue.push(u);
                    }
                }
            }
        }
    }
    set.sort_unstable();
    set
}

/// Grows `set` without the solver, keeping it of `kind`, by arguments it can take one at a
/// time and never by an `excluded` one:
/// - conflict-free: any argument neither attacking nor attacked by the set, nor itself;
/// - admissible and complete: any argument not attacked by the set, not attacking
///   itself, each of whose attackers the set or the argument itself attacks (such an
///   argument cannot attack the set: the set would defend the member and so attack it).
///   At the fixpoint every defended argument is in, so the set is complete.
///
/// Cheap (each argument is re-examined only when one of its attackers newly falls into
/// the range), it saves the solver the many one-argument steps of growing large sets.
fn extend_locally(af: &Framework, kind: SetKind, set: Vec<u32>, excluded: &[bool]) -> Vec<u32> {
    if kind == SetKind::Stable {
        return set;
    }
    let n = af.len();
    let mut member = vec![false; n];
    let mut hit = vec![false; n]; // attacked by the set
    let mut hits_member = vec![false; n]; // attacks the set
    for &a in &set {
        member[a as usize] = true;
    }
    for &a in &set {
        for &b in af.attacked_by(Arg(a)) {
            hit[b as usize] = true;
        }
        for &b in af.attackers(Arg(a)) {
            hits_member[b as usize] = true;
        }
    }
    let fits = |a: usize, member: &[bool], hit: &[bool], hits_member: &[bool]| -> bool {
        if member[a] || hit[a] || excluded[a] || af.is_self_attacking(Arg(a as u32)) {
            return false;
        }
        match kind {
            SetKind::ConflictFree => !hits_member[a],
            _ => af
                .attackers(Arg(a as u32))
                .iter()
                .all(|&b| hit[b as usize] || af.attacks(Arg(a as u32), Arg(b))),
        }
    };
    let original = set.clone();
    let mut set = set;
    let mut queue: Vec<u32> = (0..n as u32).rev().collect();
    while let Some(a) = queue.pop() {
        let a = a as usize;
        if !fits(a, &member, &hit, &hits_member) {
            continue;
        }
        member[a] = true;
        set.push(a as u32);
        for &b in af.attackers(Arg(a as u32)) {
            hits_member[b as usize] = true;
        }
        for &t in af.attacked_by(Arg(a as u32)) {
            if !hit[t as usize] {
                hit[t as usize] = true;
                // Arguments t attacks may now be defended.
                if kind != SetKind::ConflictFree {
                    queue.extend(af.attacked_by(Arg(t)).iter().filter(|&&u| !member[u as usize]));
                }
            }
        }
    }
    // A complete set must contain what it defends: if an excluded argument is now
    // defended, no complete set without it contains this extension.
    let defended = |a: usize| af.attackers(Arg(a as u32)).iter().all(|&b| hit[b as usize]);
    if kind == SetKind::Complete && (0..n).any(|a| excluded[a] && defended(a)) {
        return original;
    }
    set.sort_unstable();
    set
}

/// An incremental solver over one encoded framework.
pub(crate) struct Engine<S: Solve = DefaultSolver> {
    solver: S,
    enc: Encoding,
    range: Vec<Lit>,
    n: usize,
    /// The encoded framework, for growing sets without the solver.
    af: Framework,
    kind: SetKind,
    /// The literals activating the blocking clauses of the scopes now open, innermost last.
    scopes: Vec<Lit>,
    /// No clause yet (a framework the grounded labelling decided completely): every
    /// call is satisfiable and the solver is not asked.
    empty_formula: bool,
    /// How many times the SAT solver was called.
    pub sat_calls: usize,
}

impl Engine<DefaultSolver> {
    /// Encodes sets of `kind` of `af`, with range variables when `with_range`.
    pub fn new(af: &Framework, kind: SetKind, with_range: bool) -> Engine {
        let mut solver = DefaultSolver::new();
        let enc = encode(af, kind, &mut solver);
        let range = if with_range { range(&enc, &mut solver) } else { Vec::new() };
        Engine {
            empty_formula: af.is_empty(),
            sat_calls: 0,
            solver,
            enc,
            range,
            n: af.len(),
            af: af.clone(),
            kind,
            scopes: Vec::new(),
        }
    }
}

impl<S: Solve> Engine<S> {
    /// "`a` is in the set".
    pub fn x(&self, a: Arg) -> Lit {
        self.enc.arg(a)
    }

    /// "`a` is attacked by the set".
    pub fn attacked(&self, a: Arg) -> Lit {
        self.enc.attacked[a.index()]
    }

    /// Runs `f` in a scope: the blocking clauses it adds hold only until it returns, so
    /// that one query's search does not constrain the next query on the same solver.
    pub fn scoped<R>(&mut self, f: impl FnOnce(&mut Self) -> R) -> R {
        let act = self.solver.new_lit();
        self.scopes.push(act);
        let r = f(self);
        self.scopes.pop();
        self.push_clause(&[!act]);
        r
    }

    /// Solves under `assumptions` (and the current scope).
    pub fn solve(&mut self, assumptions: &[Lit]) -> bool {
        if self.empty_formula {
            return true;
        }
        self.sat_calls += 1;
        if self.scopes.is_empty() {
            return self.solver.solve_assuming(assumptions);
        }
        let mut all = assumptions.to_vec();
        all.extend_from_slice(&self.scopes);
        self.solver.solve_assuming(&all)
    }

    /// Adds a blocking clause, active only within the current scope.
    fn add_blocking(&mut self, mut clause: Vec<Lit>) {
        if let Some(&s) = self.scopes.last() {
            clause.push(!s);
        }
        self.push_clause(&clause);
    }

    /// Adds a permanent clause.
    pub fn add_clause(&mut self, clause: &[Lit]) {
        self.push_clause(clause);
    }

    fn push_clause(&mut self, clause: &[Lit]) {
        self.empty_formula = false;
        self.solver.add_clause(clause);
    }

    /// The set of the last model, as sorted local ids.
    pub fn model_set(&self) -> Vec<u32> {
        (0..self.n as u32).filter(|&a| self.solver.value(self.enc.in_set[a as usize])).collect()
    }

    /// The last model's set, grown as far as [`extend_locally`] takes it.
    pub fn model_set_extended(&self) -> Vec<u32> {
        extend_locally(&self.af, self.kind, self.model_set(), &vec![false; self.n])
    }

    /// The least complete set containing the last model (an admissible set).
    pub fn completion(&self) -> Vec<u32> {
        extend_defended(&self.af, self.model_set())
    }

    /// Grows `set` (a model under `base`) to a ⊆-maximal set satisfying the clauses and
    /// `base`, by repeated "strictly larger" calls.
    pub fn grow_set(&mut self, base: &[Lit], mut set: Vec<u32>) -> Vec<u32> {
        let excluded = self.excluded_by(base);
        loop {
            set = extend_locally(&self.af, self.kind, set, &excluded);
            if set.len() == self.n {
                return set;
            }
            let act = self.solver.new_lit();
            let mut member = vec![false; self.n];
            for &a in &set {
                member[a as usize] = true;
            }
            let mut clause = vec![!act];
            clause.extend((0..self.n).filter(|&a| !member[a]).map(|a| self.enc.in_set[a]));
            self.push_clause(&clause);
            let mut assumptions = base.to_vec();
            assumptions.extend(set.iter().map(|&a| self.enc.in_set[a as usize]));
            assumptions.push(act);
            let larger = self.solve(&assumptions);
            self.push_clause(&[!act]);
            if !larger {
                return set;
            }
            set = self.model_set();
        }
    }

    /// Whether some model under `base` has a range strictly larger than `range`; when so
    /// the model is left for reading.
    pub fn larger_range(&mut self, base: &[Lit], range: &[bool]) -> bool {
        if range.iter().all(|&r| r) {
            return false;
        }
        let act = self.solver.new_lit();
        let mut clause = vec![!act];
        clause.extend((0..self.n).filter(|&a| !range[a]).map(|a| self.range[a]));
        self.push_clause(&clause);
        let mut assumptions = base.to_vec();
        assumptions.extend((0..self.n).filter(|&a| range[a]).map(|a| self.range[a]));
        assumptions.push(act);
        let larger = self.solve(&assumptions);
        self.push_clause(&[!act]);
        larger
    }

    /// From the last model (under `base`), grows the range to a maximal one under `base`;
    /// returns the set and range of the final model.
    pub fn grow_range(&mut self, base: &[Lit]) -> (Vec<u32>, Vec<bool>) {
        let excluded = self.excluded_by(base);
        let mut set = self.model_set();
        loop {
            set = extend_locally(&self.af, self.kind, set, &excluded);
            let range = range_of(&self.af, &set);
            if !self.larger_range(base, &range) {
                return (set, range);
            }
            set = self.model_set();
        }
    }

    /// The arguments `base` forces out of the set (as `not x_a`).
    fn excluded_by(&self, base: &[Lit]) -> Vec<bool> {
        let mut excluded = vec![false; self.n];
        for &l in base {
            // The argument variables are the encoding's first n variables, in order.
            let v = l.var().index();
            if l.is_negative() && v < self.n && self.enc.in_set[v] == !l {
                excluded[v] = true;
            }
        }
        excluded
    }

    /// Forbids every set contained in `set` from now on.
    pub fn block_subsets(&mut self, set: &[u32]) {
        let mut member = vec![false; self.n];
        for &a in set {
            member[a as usize] = true;
        }
        let clause: Vec<Lit> =
            (0..self.n).filter(|&a| !member[a]).map(|a| self.enc.in_set[a]).collect();
        self.add_blocking(clause);
    }

    /// Forbids every set whose range is contained in `range` from now on.
    pub fn block_subranges(&mut self, range: &[bool]) {
        let clause: Vec<Lit> = (0..self.n).filter(|&a| !range[a]).map(|a| self.range[a]).collect();
        self.add_blocking(clause);
    }

    /// Forbids exactly `set` from now on.
    pub fn block_exact(&mut self, set: &[u32]) {
        let mut member = vec![false; self.n];
        for &a in set {
            member[a as usize] = true;
        }
        let clause: Vec<Lit> = (0..self.n)
            .map(|a| if member[a] { !self.enc.in_set[a] } else { self.enc.in_set[a] })
            .collect();
        self.add_blocking(clause);
    }

    /// Assumptions fixing the range to exactly `range`.
    pub fn exact_range(&self, range: &[bool]) -> Vec<Lit> {
        (0..self.n).map(|a| if range[a] { self.range[a] } else { !self.range[a] }).collect()
    }

    /// Calls `f` on every set satisfying the clauses and `assumptions`, blocking each,
    /// until `f` returns `false`; returns whether it ran to the end.
    pub fn for_each_set(&mut self, assumptions: &[Lit], f: &mut dyn FnMut(&[u32]) -> bool) -> bool {
        self.scoped(|e| {
            while e.solve(assumptions) {
                let set = e.model_set();
                if !f(&set) {
                    return false;
                }
                e.block_exact(&set);
            }
            true
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::af::FrameworkBuilder;

    #[test]
    fn decided_frameworks_never_reach_the_solver() {
        // 0 -> 1 -> 2: the grounded labelling decides everything.
        let mut b = FrameworkBuilder::new(3);
        b.attack(Arg(0), Arg(1)).unwrap();
        b.attack(Arg(1), Arg(2)).unwrap();
        let af = b.build();
        let red = Reduction::grounded(&af);
        assert!(red.sub.is_empty());
        for kind in [SetKind::Complete, SetKind::Stable, SetKind::Admissible] {
            let mut e = Engine::new(&red.sub, kind, true);
            assert!(e.solve(&[]));
            assert_eq!(e.grow_set(&[], Vec::new()), Vec::<u32>::new());
            assert_eq!(e.sat_calls, 0, "{kind:?}");
        }
    }
}
