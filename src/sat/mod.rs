//! Our own SAT vocabulary: packed [`Var`]/[`Lit`] newtypes and small capability traits.
//!
//! Encoders only see a [`ClauseSink`]; semantics drive a [`Solve`] backend. The only
//! file that knows varisat is [`varisat`]; a second backend is one more
//! file implementing these two traits.

#[cfg(feature = "cadical")]
pub mod cadical;
pub mod recorder;
pub mod totalizer;
pub mod varisat;

use std::ops::Not;

/// A propositional variable, 0-based.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Var(u32);

impl Var {
    /// The variable with this 0-based index.
    pub fn from_index(index: usize) -> Var {
        Var(index as u32)
    }

    /// The 0-based index.
    pub fn index(self) -> usize {
        self.0 as usize
    }

    /// The positive literal of this variable.
    pub fn positive(self) -> Lit {
        Lit { code: self.0 << 1 }
    }

    /// The negative literal of this variable.
    pub fn negative(self) -> Lit {
        Lit { code: (self.0 << 1) | 1 }
    }
}

/// A literal: a variable and a polarity, packed as `2 * var + negated`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Lit {
    code: u32,
}

impl Lit {
    /// The variable.
    pub fn var(self) -> Var {
        Var(self.code >> 1)
    }

    /// Whether the literal is negated.
    pub fn is_negative(self) -> bool {
        self.code & 1 == 1
    }

    /// The DIMACS form (1-based, negative for negated literals).
    pub fn to_dimacs(self) -> i64 {
        let v = i64::from(self.var().0) + 1;
        if self.is_negative() { -v } else { v }
    }
}

impl Not for Lit {
    type Output = Lit;

    fn not(self) -> Lit {
        Lit { code: self.code ^ 1 }
    }
}

/// Something clauses can be added to.
pub trait ClauseSink {
    /// A fresh variable.
    fn new_var(&mut self) -> Var;

    /// Adds a clause (a disjunction of literals).
    fn add_clause(&mut self, lits: &[Lit]);

    /// A fresh variable that the solver should try `phase` for first. A hint only: the
    /// default ignores it.
    fn new_var_preferring(&mut self, phase: bool) -> Var {
        let _ = phase;
        self.new_var()
    }

    /// A fresh variable's positive literal.
    fn new_lit(&mut self) -> Lit {
        self.new_var().positive()
    }
}

/// An incremental SAT solver: solve under assumptions and read the model.
pub trait Solve: ClauseSink {
    /// Whether the clauses so far, with every literal of `assumptions` true, are
    /// satisfiable. After `true`, [`Solve::value`] reads the model.
    fn solve_assuming(&mut self, assumptions: &[Lit]) -> bool;

    /// Whether the clauses so far are satisfiable.
    fn solve(&mut self) -> bool {
        self.solve_assuming(&[])
    }

    /// The value of `lit` in the last model (unspecified unless the last call returned `true`).
    fn value(&self, lit: Lit) -> bool;
}

/// A solver that explains an unsatisfiable call by a subset of its assumptions.
pub trait FailedAssumptions: Solve {
    /// Assumptions that together made the last call unsatisfiable.
    fn failed_assumptions(&self) -> Vec<Lit>;
}

/// The backend argsat uses: CaDiCaL with the `cadical` feature, else varisat.
#[cfg(not(feature = "cadical"))]
pub type DefaultSolver = self::varisat::Varisat;
/// The backend argsat uses: CaDiCaL with the `cadical` feature, else varisat.
#[cfg(feature = "cadical")]
pub type DefaultSolver = self::cadical::Cadical;

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// What every backend must do: solve, solve under assumptions, name a failed one.
    pub(crate) fn solves_under_assumptions_and_reports_core(mut s: impl FailedAssumptions) {
        let (a, b) = (s.new_lit(), s.new_lit());
        s.add_clause(&[a, b]);
        s.add_clause(&[!a, b]);
        assert!(s.solve());
        assert!(s.value(b));
        assert!(!s.solve_assuming(&[!b]));
        assert_eq!(s.failed_assumptions(), vec![!b]);
        assert!(s.solve_assuming(&[a]));
        assert!(s.value(a) && s.value(b));
    }
}
