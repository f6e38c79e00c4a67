//! The engine core: one encoded framework on one incremental SAT solver, solved under
//! [`Constraints`], with scopes for blocking clauses that hold for one search only.

use super::closure::extend_locally;
use super::constraints::{Constraints, Larger, Region, RegionVars, Selectors, Split, Which};
use crate::af::{Arg, Framework};
use crate::encode::{Encoding, SetKind, encode, range};
use crate::sat::{
    Backend, ClauseSink, FailedAssumptions, Lit, SatSolver, Solve, SolveLimited, Var,
};

/// An incremental solver over one encoded framework: sets of one [`SetKind`], with range
/// variables when asked. The search algorithms of this module's siblings are its methods.
pub(crate) struct Engine {
    pub(super) solver: SatSolver,
    pub(super) enc: Encoding,
    /// `range[a]`: `a` is in the set or attacked by it (empty when not asked for).
    pub(super) range: Vec<Lit>,
    /// The encoded framework, for growing sets without the solver.
    pub(super) af: Framework,
    pub(super) kind: SetKind,
    /// The literals activating the blocking clauses of the scopes now open, innermost
    /// last; a scope gets its literal with its first blocking clause.
    scopes: Vec<Option<Lit>>,
    /// The selector variables that turn constraints into assumptions, built on first use.
    pub(super) selectors: Selectors,
    /// No clause yet (a framework the grounded labelling decided completely): every
    /// call is satisfiable and the solver is not asked.
    empty_formula: bool,
    /// How many times the SAT solver was called.
    pub sat_calls: usize,
    /// How many clauses were added after the encoding.
    pub clauses_added: usize,
}

impl Engine {
    /// Encodes sets of `kind` of `af` on a `backend` solver, with range variables when
    /// `with_range`.
    pub fn new(af: &Framework, kind: SetKind, with_range: bool, backend: Backend) -> Engine {
        let mut solver = SatSolver::new(backend);
        let enc = encode(af, kind, &mut solver);
        let range = if with_range { range(af, &enc, &mut solver) } else { Vec::new() };
        Engine {
            empty_formula: af.is_empty(),
            sat_calls: 0,
            clauses_added: 0,
            solver,
            enc,
            range,
            af: af.clone(),
            kind,
            scopes: Vec::new(),
            selectors: Selectors::default(),
        }
    }

    /// The number of arguments encoded.
    pub fn len(&self) -> usize {
        self.af.len()
    }

    /// "`a` is in the set".
    pub fn x(&self, a: Arg) -> Lit {
        self.enc.arg(a)
    }

    /// "`a` is attacked by the set" (sets of every kind but [`SetKind::ConflictFree`],
    /// whose encoding has no such variable).
    pub fn attacked(&self, a: Arg) -> Lit {
        self.enc.attacked[a.index()]
    }

    /// The kind of sets encoded.
    pub fn kind(&self) -> SetKind {
        self.kind
    }

    /// The set variables or the range variables.
    pub(super) fn lits(&self, which: Which) -> &[Lit] {
        match which {
            Which::Set => &self.enc.in_set,
            Which::Range => &self.range,
        }
    }

    /// Runs `f` in a scope: the blocking clauses it adds hold only until it returns, so
    /// that one query's search does not constrain the next query on the same solver.
    pub fn scoped<R>(&mut self, f: impl FnOnce(&mut Self) -> R) -> R {
        self.scopes.push(None);
        let r = f(self);
        if let Some(Some(act)) = self.scopes.pop() {
            self.push_clause(&[!act]);
        }
        r
    }

    /// Solves under `assumptions` (and the current scope).
    pub(super) fn solve(&mut self, assumptions: &[Lit]) -> bool {
        self.solve_limited(assumptions, u64::MAX) == Some(true)
    }

    /// Solves under `assumptions` (and the current scope), giving up (`None`) after
    /// `conflicts` conflicts when the backend can stop half-way; `u64::MAX`: no limit.
    pub(super) fn solve_limited(&mut self, assumptions: &[Lit], conflicts: u64) -> Option<bool> {
        if self.empty_formula {
            return Some(true);
        }
        self.sat_calls += 1;
        if self.scopes.iter().all(Option::is_none) {
            return self.solver.solve_limited(assumptions, conflicts);
        }
        let mut all = assumptions.to_vec();
        all.extend(self.scopes.iter().flatten());
        self.solver.solve_limited(&all, conflicts)
    }

    /// Whether some model satisfies `c` (and the current scope); when so the model is
    /// left for reading.
    pub fn solve_under(&mut self, c: &Constraints) -> bool {
        let assumptions = self.assumptions(c);
        self.solve(&assumptions)
    }

    /// The assumptions of the last unsatisfiable call that together made it so.
    pub(super) fn failed_assumptions(&mut self) -> Vec<Lit> {
        self.solver.failed_assumptions()
    }

    /// Adds a blocking clause, active only within the current scope.
    fn add_blocking(&mut self, mut clause: Vec<Lit>) {
        if let Some(scope) = self.scopes.last_mut() {
            let solver = &mut self.solver;
            clause.push(!*scope.get_or_insert_with(|| solver.new_lit()));
        }
        self.push_clause(&clause);
    }

    /// Adds a permanent clause, counted in [`Engine::clauses_added`].
    pub fn push_clause(&mut self, clause: &[Lit]) {
        self.empty_formula = false;
        self.clauses_added += 1;
        self.solver.add_clause(clause);
    }

    /// The set of the last model, in increasing order.
    pub fn model_set(&self) -> Vec<Arg> {
        self.af.args().filter(|a| self.solver.value(self.enc.arg(*a))).collect()
    }

    /// The last model's set, grown as far as [`extend_locally`] takes it.
    pub fn model_set_extended(&self) -> Vec<Arg> {
        let none = vec![false; self.len()];
        extend_locally(&self.af, self.kind, self.model_set(), &none, &none)
    }

    /// The encoded framework.
    pub fn framework(&self) -> &Framework {
        &self.af
    }

    /// Asks, within the current scope, that some literal of `clause` hold.
    pub fn block_outside(&mut self, clause: &[Lit]) {
        self.add_blocking(clause.to_vec());
    }

    /// Forbids every set contained in `set` from now on (within the current scope).
    pub fn block_subsets(&mut self, set: &[Arg]) {
        let member = super::closure::membership(self.len(), set);
        let clause: Vec<Lit> =
            self.af.args().filter(|a| !member[a.index()]).map(|a| self.enc.arg(a)).collect();
        self.add_blocking(clause);
    }

    /// Forbids every set whose range is contained in `range` from now on (within the
    /// current scope).
    pub fn block_subranges(&mut self, range: &[bool]) {
        let clause: Vec<Lit> =
            (0..self.len()).filter(|&a| !range[a]).map(|a| self.range[a]).collect();
        self.add_blocking(clause);
    }

    /// Forbids what lies below a maximal set (`which` = set) or range: `set` is its set,
    /// `mask` the set or range as a mask.
    pub(super) fn block_below(&mut self, which: Which, set: &[Arg], mask: &[bool]) {
        match which {
            Which::Set => self.block_subsets(set),
            Which::Range => self.block_subranges(mask),
        }
    }
}

/// Encoders (the totalizers of the largest-range search) add their clauses through the
/// engine, which counts them.
impl ClauseSink for Engine {
    fn new_var(&mut self) -> Var {
        self.solver.new_var()
    }

    fn add_clause(&mut self, lits: &[Lit]) {
        self.push_clause(lits);
    }
}

/// The selectors (see `constraints`): how constraints become assumptions.
impl Engine {
    /// The assumptions saying `c`, in this order: members, non-members, attacked
    /// arguments, the exact range, then the region (guard, window, contained, excluded).
    pub(crate) fn assumptions(&mut self, c: &Constraints) -> Vec<Lit> {
        let mut out: Vec<Lit> = c.has.iter().map(|&a| self.x(a)).collect();
        out.extend(c.lacks.iter().map(|&a| !self.x(a)));
        out.extend(c.attacks.iter().map(|&a| self.attacked(a)));
        if let Some(range) = &c.range_exactly {
            out.extend(self.range.iter().zip(range).map(|(&r, &m)| if m { r } else { !r }));
        }
        if let Some(region) = &c.region {
            self.push_region(region, &mut out);
        }
        out
    }

    fn push_region(&mut self, r: &Region, out: &mut Vec<Lit>) {
        let which = r.which as usize;
        if self.selectors.split[which].is_none() {
            self.selectors.split[which] = Some(self.new_split(r.which));
        }
        let split = self.selectors.split[which].as_ref().expect("built above");
        let lits = self.lits(r.which);
        if !r.window.is_empty() {
            out.push(split.guard);
            let in_window = super::closure::membership(self.len(), &r.window);
            out.extend((0..self.len()).filter(|&a| !in_window[a]).map(|a| !split.some[a]));
        }
        out.extend(r.contains.iter().map(|&a| lits[a.index()]));
        out.extend(r.excludes.iter().map(|&a| split.lack[a.index()]));
    }

    /// Adds to `assumptions` "every `member` (of the set or of the range) is in, and some
    /// non-member too", building the selectors on first use.
    pub(super) fn assume_larger(
        &mut self,
        which: Which,
        member: &[bool],
        assumptions: &mut Vec<Lit>,
    ) {
        let larger = match self.selectors.larger[which as usize].take() {
            Some(larger) => larger,
            None => self.new_larger(which),
        };
        let lits = self.lits(which);
        for (j, _) in member.iter().enumerate().filter(|(_, m)| **m) {
            assumptions.extend([lits[j], !larger.pick[j]]);
        }
        assumptions.push(larger.guard);
        self.selectors.larger[which as usize] = Some(larger);
    }

    /// The clauses of a [`Larger`] over the variables `which` names.
    fn new_larger(&mut self, which: Which) -> Larger {
        let lits = self.lits(which).to_vec();
        let pick: Vec<Lit> = lits.iter().map(|_| self.new_lit()).collect();
        let guard = self.new_lit();
        for (&p, &l) in pick.iter().zip(&lits) {
            self.push_clause(&[!p, l]);
        }
        let mut clause = vec![!guard];
        clause.extend_from_slice(&pick);
        self.push_clause(&clause);
        Larger { pick, guard }
    }

    /// Sets `base` to the assumptions "agrees with `current` below `lo` and differs from
    /// it somewhere in `lo..hi`", building the selectors on first use.
    pub(super) fn region_assumptions(
        &mut self,
        current: &[bool],
        lo: usize,
        hi: usize,
        base: &mut Vec<Lit>,
    ) {
        if self.selectors.regions.is_none() {
            self.selectors.regions = Some(self.new_region_vars());
        }
        let value = |lit: Lit, j: usize| if current[j] { lit } else { !lit };
        base.clear();
        base.extend((0..lo).map(|j| value(self.enc.in_set[j], j)));
        let vars = self.selectors.regions.as_ref().expect("built above");
        base.extend((lo..hi).map(|j| value(vars.current[j], j)));
        base.extend([vars.differs_from[lo], !vars.differs_from[hi]]);
    }

    fn new_region_vars(&mut self) -> RegionVars {
        let n = self.len();
        let current: Vec<Lit> = (0..n).map(|_| self.new_lit()).collect();
        let differs: Vec<Lit> = (0..n).map(|_| self.new_lit()).collect();
        let differs_from: Vec<Lit> = (0..=n).map(|_| self.new_lit()).collect();
        for j in 0..n {
            let (x, c, d) = (self.enc.in_set[j], current[j], differs[j]);
            self.push_clause(&[!d, x, c]);
            self.push_clause(&[!d, !x, !c]);
            self.push_clause(&[!differs_from[j], d, differs_from[j + 1]]);
        }
        RegionVars { current, differs_from }
    }

    /// The clauses of a [`Split`] over the set or range variables.
    fn new_split(&mut self, which: Which) -> Split {
        let n = self.len();
        let lits = self.lits(which).to_vec();
        let lack: Vec<Lit> = (0..n).map(|_| self.new_lit()).collect();
        let some: Vec<Lit> = (0..n).map(|_| self.new_lit()).collect();
        let guard = self.new_lit();
        for a in self.af.args() {
            let i = a.index();
            self.push_clause(&[!lack[i], !lits[i]]);
            self.push_clause(&[!some[i], lack[i]]);
            // A maximal set or range lacks `a` only when `a` cannot join the set (else
            // the set, or its range, would grow): `a` attacks itself, is attacked by the
            // set, attacks a member, or (but for conflict-free sets) has an attacker that
            // neither the set nor `a` attacks. For ranges, lacking `a` means not attacked.
            if self.af.is_self_attacking(a) {
                continue;
            }
            let mut clause = vec![!lack[i]];
            self.enc.push_attacked(&self.af, a, &mut clause);
            clause.extend(self.af.attacked_by(a).iter().map(|&c| self.enc.arg(c)));
            if self.kind != SetKind::ConflictFree {
                for &b in self.af.attackers(a) {
                    if !self.af.attacks(a, b) {
                        clause.push(!self.enc.attacked[b.index()]);
                    }
                }
            }
            self.push_clause(&clause);
        }
        let mut clause = vec![!guard];
        clause.extend_from_slice(&some);
        self.push_clause(&clause);
        Split { lack, some, guard }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::af::FrameworkBuilder;

    /// `k` disjoint mutual attacks: 2^k stable extensions, 3^k complete ones.
    pub(crate) fn pairs(k: u32) -> Framework {
        let mut b = FrameworkBuilder::new(2 * k);
        for i in 0..k {
            b.attack(Arg(2 * i), Arg(2 * i + 1)).unwrap();
            b.attack(Arg(2 * i + 1), Arg(2 * i)).unwrap();
        }
        b.build()
    }

    /// Runs `f` with an engine of every compiled backend.
    pub(crate) fn each_backend(
        af: &Framework,
        kind: SetKind,
        with_range: bool,
        mut f: impl FnMut(Engine),
    ) {
        for b in crate::sat::tests::backends() {
            f(Engine::new(af, kind, with_range, b));
        }
    }

    #[test]
    fn an_empty_framework_never_reaches_the_solver() {
        let af = Framework::default();
        for kind in [SetKind::Complete, SetKind::Stable, SetKind::Admissible] {
            each_backend(&af, kind, true, |mut e| {
                assert!(e.solve_under(&Constraints::default()));
                assert_eq!(e.grow_set(&Constraints::default(), Vec::new()), Vec::<Arg>::new());
                assert_eq!(e.sat_calls, 0, "{kind:?}");
            });
        }
    }

    #[test]
    fn blocking_clauses_end_with_their_scope() {
        let af = pairs(1);
        each_backend(&af, SetKind::Stable, false, |mut e| {
            e.scoped(|e| {
                e.block_subsets(&[Arg(0)]);
                e.block_subsets(&[Arg(1)]);
                assert!(!e.solve_under(&Constraints::default()));
            });
            assert!(e.solve_under(&Constraints::default()));
        });
    }
}
