//! The CaDiCaL backend (cargo feature `cadical`): the only file that imports cadical.

use super::{ClauseSink, FailedAssumptions, Lit, Solve, SolveLimited, Var};

/// An incremental CaDiCaL solver behind argsat's traits.
pub(crate) struct Cadical {
    solver: cadical::Solver,
    /// Per variable: whether CaDiCaL sees it negated, so that its default decision
    /// (true) tries our preferred phase first (false unless asked otherwise).
    flip: Vec<bool>,
    model: Vec<bool>,
    assumptions: Vec<i32>,
}

impl Default for Cadical {
    fn default() -> Cadical {
        Cadical {
            solver: cadical::Solver::new(),
            flip: Vec::new(),
            model: Vec::new(),
            assumptions: Vec::new(),
        }
    }
}

impl Cadical {
    /// A solver with no clauses.
    pub fn new() -> Cadical {
        Cadical::default()
    }

    fn convert(&self, l: Lit) -> i32 {
        convert(&self.flip, l)
    }
}

/// `l` as CaDiCaL sees it: 1-based, negated when the variable is flipped.
fn convert(flip: &[bool], l: Lit) -> i32 {
    let v = l.var().index() as i32 + 1;
    if l.is_negative() != flip[l.var().index()] { -v } else { v }
}

impl ClauseSink for Cadical {
    fn new_var(&mut self) -> Var {
        self.new_var_preferring(false)
    }

    fn new_var_preferring(&mut self, phase: bool) -> Var {
        self.flip.push(!phase);
        Var::from_index(self.flip.len() - 1)
    }

    fn add_clause(&mut self, lits: &[Lit]) {
        let flip = &self.flip;
        self.solver.add_clause(lits.iter().map(|&l| convert(flip, l)));
    }
}

impl Solve for Cadical {
    fn solve_assuming(&mut self, assumptions: &[Lit]) -> bool {
        self.solve_limited(assumptions, u64::MAX) == Some(true)
    }

    fn value(&self, lit: Lit) -> bool {
        self.model.get(lit.var().index()).copied().unwrap_or(false) != lit.is_negative()
    }
}

impl SolveLimited for Cadical {
    fn solve_limited(&mut self, assumptions: &[Lit], conflicts: u64) -> Option<bool> {
        self.assumptions = assumptions.iter().map(|&l| self.convert(l)).collect();
        if conflicts != u64::MAX {
            // CaDiCaL's limits hold for the next call only; larger ones mean none.
            let limit = i32::try_from(conflicts).unwrap_or(i32::MAX);
            self.solver.set_limit("conflicts", limit).expect("CaDiCaL has a conflict limit");
        }
        let answer = self.solver.solve_with(self.assumptions.iter().copied());
        if answer == Some(true) {
            self.model.clear();
            self.model.extend((0..self.flip.len()).map(|i| {
                let value = self.solver.value(i as i32 + 1).unwrap_or(true);
                value != self.flip[i]
            }));
        }
        answer
    }
}

impl FailedAssumptions for Cadical {
    fn failed_assumptions(&mut self) -> Vec<Lit> {
        self.assumptions
            .iter()
            .filter(|&&code| self.solver.failed(code))
            .map(|&code| {
                let v = Var::from_index(code.unsigned_abs() as usize - 1);
                if (code < 0) != self.flip[v.index()] { v.negative() } else { v.positive() }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn solves_under_assumptions_and_reports_core() {
        crate::sat::tests::solves_under_assumptions_and_reports_core(Cadical::new());
    }
}
