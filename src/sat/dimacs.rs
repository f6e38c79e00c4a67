//! argsat's literals as the integers C SAT solvers take (DIMACS: 1-based, negative when
//! negated). Those solvers try "true" first on a fresh variable, so a variable whose
//! preferred phase is false is handed over negated: the solver's first try is ours.

use super::{Lit, Var};

/// The variables handed to a C solver, and which of them it sees negated.
#[derive(Default)]
pub(crate) struct Dimacs {
    flip: Vec<bool>,
}

impl Dimacs {
    /// A fresh variable that the solver tries `phase` for first.
    pub fn new_var(&mut self, phase: bool) -> Var {
        self.flip.push(!phase);
        Var::from_index(self.flip.len() - 1)
    }

    /// How many variables there are.
    pub fn len(&self) -> usize {
        self.flip.len()
    }

    /// `l` as the solver sees it.
    pub fn code(&self, l: Lit) -> i32 {
        let v = l.var().index() as i32 + 1;
        if l.is_negative() != self.flip[l.var().index()] { -v } else { v }
    }

    /// The literal the solver calls `code`.
    pub fn lit(&self, code: i32) -> Lit {
        let v = Var::from_index(code.unsigned_abs() as usize - 1);
        if (code < 0) != self.flip[v.index()] { v.negative() } else { v.positive() }
    }

    /// Our variable `index`'s value when the solver gives its variable `index + 1` the
    /// value `solver_value`.
    pub fn value(&self, index: usize, solver_value: bool) -> bool {
        solver_value != self.flip[index]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_flip_the_preferred_false() {
        let mut d = Dimacs::default();
        let (t, f) = (d.new_var(true), d.new_var(false));
        assert_eq!((d.code(t.positive()), d.code(f.positive())), (1, -2));
        assert_eq!((d.code(t.negative()), d.code(f.negative())), (-1, 2));
        for l in [t.positive(), t.negative(), f.positive(), f.negative()] {
            assert_eq!(d.lit(d.code(l)), l);
        }
        // The solver's first try, "true", is our preferred phase.
        assert!(d.value(0, true) && !d.value(1, true));
        assert_eq!(d.len(), 2);
    }
}
