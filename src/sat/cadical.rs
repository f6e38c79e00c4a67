//! The CaDiCaL backend (cargo feature `cadical`): the only file that imports cadical.

use super::dimacs::Dimacs;
use super::{ClauseSink, FailedAssumptions, Lit, Solve, SolveLimited, Var};

/// CaDiCaL's terminate callback: a call ends when it is stopped (`crate::stop`).
struct Halting;

impl cadical::Callbacks for Halting {
    fn terminate(&mut self) -> bool {
        crate::stop::requested().is_some()
    }
}

/// An incremental CaDiCaL solver behind argsat's traits.
pub(crate) struct Cadical {
    solver: cadical::Solver<Halting>,
    /// Our variables as CaDiCaL sees them (its first try, true, is our preferred phase),
    /// and the last model.
    dimacs: Dimacs,
    assumptions: Vec<i32>,
    /// Whether the terminate callback is installed (only while calls can be stopped: it
    /// costs a little on every check).
    armed: bool,
}

impl Default for Cadical {
    fn default() -> Cadical {
        Cadical {
            solver: cadical::Solver::new(),
            armed: false,
            dimacs: Dimacs::default(),
            assumptions: Vec::new(),
        }
    }
}

impl Cadical {
    /// A solver with no clauses.
    pub fn new() -> Cadical {
        Cadical::default()
    }
}

impl ClauseSink for Cadical {
    fn new_var(&mut self) -> Var {
        self.new_var_preferring(false)
    }

    fn new_var_preferring(&mut self, phase: bool) -> Var {
        self.dimacs.new_var(phase)
    }

    fn add_clause(&mut self, lits: &[Lit]) {
        let dimacs = &self.dimacs;
        self.solver.add_clause(lits.iter().map(|&l| dimacs.code(l)));
    }
}

impl Solve for Cadical {
    fn solve_assuming(&mut self, assumptions: &[Lit]) -> bool {
        super::answered(self.solve_limited(assumptions, u64::MAX))
    }

    fn value(&self, lit: Lit) -> bool {
        self.dimacs.value(lit)
    }
}

impl SolveLimited for Cadical {
    fn solve_limited(&mut self, assumptions: &[Lit], conflicts: u64) -> Option<bool> {
        self.assumptions = assumptions.iter().map(|&l| self.dimacs.code(l)).collect();
        if conflicts != u64::MAX {
            // CaDiCaL's limits hold for the next call only; larger ones mean none.
            let limit = i32::try_from(conflicts).unwrap_or(i32::MAX);
            self.solver.set_limit("conflicts", limit).expect("CaDiCaL has a conflict limit");
        }
        let armed = crate::stop::armed();
        if armed != self.armed {
            self.solver.set_callbacks(armed.then_some(Halting));
            self.armed = armed;
        }
        let answer = self.solver.solve_with(self.assumptions.iter().copied());
        if answer == Some(true) {
            let solver = &self.solver;
            self.dimacs.read_model(|v| solver.value(v).unwrap_or(true));
        }
        answer
    }
}

impl FailedAssumptions for Cadical {
    fn failed_assumptions(&mut self) -> Vec<Lit> {
        self.assumptions
            .iter()
            .filter(|&&code| self.solver.failed(code))
            .map(|&code| self.dimacs.lit(code))
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

    #[test]
    fn stops_at_the_conflict_limit() {
        crate::sat::tests::stops_at_the_conflict_limit(Cadical::new());
    }
}
