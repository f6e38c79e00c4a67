//! A clause-recording sink, for unit tests of encodings: it keeps the clauses and can
//! enumerate the models of small formulas by brute force.

use super::{ClauseSink, Lit, Var};

/// Records every clause added to it.
#[derive(Clone, Debug, Default)]
pub struct Recorder {
    /// The number of variables created.
    pub num_vars: usize,
    /// The clauses, in the order they were added.
    pub clauses: Vec<Vec<Lit>>,
}

impl Recorder {
    /// An empty recorder.
    pub fn new() -> Recorder {
        Recorder::default()
    }

    /// Whether `assignment` (indexed by variable) satisfies every clause.
    pub fn satisfied_by(&self, assignment: &[bool]) -> bool {
        self.clauses
            .iter()
            .all(|c| c.iter().any(|l| assignment[l.var().index()] != l.is_negative()))
    }

    /// All models, by brute force over every assignment (at most 24 variables).
    ///
    /// # Panics
    /// With more than 24 variables.
    pub fn models(&self) -> Vec<Vec<bool>> {
        assert!(self.num_vars <= 24, "too many variables to enumerate");
        (0u32..1 << self.num_vars)
            .map(|bits| (0..self.num_vars).map(|i| bits >> i & 1 == 1).collect::<Vec<_>>())
            .filter(|a| self.satisfied_by(a))
            .collect()
    }
}

impl ClauseSink for Recorder {
    fn new_var(&mut self) -> Var {
        self.num_vars += 1;
        Var::from_index(self.num_vars - 1)
    }

    fn add_clause(&mut self, lits: &[Lit]) {
        self.clauses.push(lits.to_vec());
    }
}
