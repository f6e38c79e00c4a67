//! argsat's literals as the integers C SAT solvers take (DIMACS: 1-based, negative when
//! negated). Those solvers try "true" first on a fresh variable, so a variable whose
//! preferred phase is false is handed over negated: the solver's first try is ours.

use super::{Lit, Var};

/// The variables handed to a C solver, which of them it sees negated, and the last model
/// read back from it.
#[derive(Default)]
pub(crate) struct Dimacs {
    flip: Vec<bool>,
    model: Vec<bool>,
}

impl Dimacs {
    /// A fresh variable that the solver tries `phase` for first.
    pub fn new_var(&mut self, phase: bool) -> Var {
        self.flip.push(!phase);
        Var::from_index(self.flip.len() - 1)
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

    /// Reads a model back: `solver_true(v)` says whether the solver's variable `v`
    /// (1-based) is true in it.
    pub fn read_model(&mut self, mut solver_true: impl FnMut(i32) -> bool) {
        self.model.clear();
        let flip = &self.flip;
        self.model.extend(flip.iter().enumerate().map(|(i, &f)| solver_true(i as i32 + 1) != f));
    }

    /// The value of `lit` in the last model read (false for variables it did not have).
    pub fn value(&self, lit: Lit) -> bool {
        self.model.get(lit.var().index()).copied().unwrap_or(false) != lit.is_negative()
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
        d.read_model(|_| true);
        assert!(d.value(t.positive()) && d.value(f.negative()));
        d.read_model(|_| false);
        assert!(d.value(t.negative()) && d.value(f.positive()));
    }
}
