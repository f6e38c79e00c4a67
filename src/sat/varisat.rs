//! The varisat backend: the only file that imports varisat.

use super::{ClauseSink, FailedAssumptions, Lit, Solve, SolveLimited, Var};

/// An incremental varisat solver behind argsat's traits.
pub(crate) struct Varisat {
    solver: varisat::Solver<'static>,
    /// Per variable: whether varisat sees it negated, so that its default decision
    /// (false) tries our preferred phase first.
    flip: Vec<bool>,
    model: Vec<bool>,
    buffer: Vec<varisat::Lit>,
}

// SAFETY: varisat's `Solver<'static>` is not `Send` only because it can hold a proof
// target (`Box<dyn Write>`) and proof processors (`&mut dyn ProofProcessor`), which need
// not be `Send`. argsat never installs either (no `write_proof`, no
// `add_proof_processor`): what the solver holds is plain owned data, which may move to
// another thread. It is never shared (`Varisat` is not `Sync`).
unsafe impl Send for Varisat {}

impl Default for Varisat {
    fn default() -> Varisat {
        Varisat {
            solver: varisat::Solver::new(),
            flip: Vec::new(),
            model: Vec::new(),
            buffer: Vec::new(),
        }
    }
}

impl Varisat {
    /// A solver with no clauses.
    pub fn new() -> Varisat {
        Varisat::default()
    }

    fn convert(&mut self, lits: &[Lit]) {
        self.buffer.clear();
        let flip = &self.flip;
        self.buffer.extend(lits.iter().map(|l| {
            varisat::Lit::from_index(l.var().index(), l.is_negative() == flip[l.var().index()])
        }));
    }
}

impl ClauseSink for Varisat {
    fn new_var(&mut self) -> Var {
        self.flip.push(false);
        Var::from_index(self.flip.len() - 1)
    }

    fn new_var_preferring(&mut self, phase: bool) -> Var {
        self.flip.push(phase);
        Var::from_index(self.flip.len() - 1)
    }

    fn add_clause(&mut self, lits: &[Lit]) {
        self.convert(lits);
        varisat::ExtendFormula::add_clause(&mut self.solver, &self.buffer);
    }
}

impl Solve for Varisat {
    fn solve_assuming(&mut self, assumptions: &[Lit]) -> bool {
        self.convert(assumptions);
        self.solver.assume(&self.buffer);
        // varisat only errs on interruption or proof I/O, neither of which argsat uses.
        let sat = self.solver.solve().expect("varisat failed without interruption or proof output");
        if sat {
            self.model.clear();
            self.model.clone_from(&self.flip);
            for l in self.solver.model().unwrap_or_default() {
                if l.index() < self.model.len() {
                    self.model[l.index()] = l.is_positive() != self.flip[l.index()];
                }
            }
        }
        sat
    }

    fn value(&self, lit: Lit) -> bool {
        self.model.get(lit.var().index()).copied().unwrap_or(false) != lit.is_negative()
    }
}

/// varisat cannot stop a search half-way: it ignores the limit and always answers.
impl SolveLimited for Varisat {
    fn solve_limited(&mut self, assumptions: &[Lit], _conflicts: u64) -> Option<bool> {
        Some(self.solve_assuming(assumptions))
    }
}

impl FailedAssumptions for Varisat {
    fn failed_assumptions(&mut self) -> Vec<Lit> {
        self.solver
            .failed_core()
            .unwrap_or(&[])
            .iter()
            .map(|l| {
                let v = Var::from_index(l.index());
                if l.is_positive() != self.flip[l.index()] { v.positive() } else { v.negative() }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn solves_under_assumptions_and_reports_core() {
        crate::sat::tests::solves_under_assumptions_and_reports_core(Varisat::new());
    }
}
