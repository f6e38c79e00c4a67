//! The grounded extension by a fixpoint (no SAT), and what it decides for the other
//! semantics: every complete, preferred and stable extension contains it and lacks the
//! assumptions it attacks, so the atoms it derives are derived by all of them and the
//! atoms the rest cannot derive by none.

use super::derive::{Closure, Index, complete_closure};
use super::model::{Aba, Atom};

/// The grounded extension and the atoms it decides.
#[derive(Clone, Debug)]
pub(crate) struct Grounded {
    /// `member[a]`: assumption `a` is in the grounded extension.
    pub member: Vec<bool>,
    /// `out[a]`: assumption `a` is attacked by it (in no complete extension).
    pub out: Vec<bool>,
    /// The atoms it derives (derived by every complete extension).
    pub derived: Vec<bool>,
    /// The atoms the assumptions it does not attack derive: no complete extension derives
    /// any other atom.
    pub possible: Vec<bool>,
}

impl Grounded {
    pub fn new(aba: &Aba, index: &Index) -> Grounded {
        let mut member = vec![false; aba.len()];
        complete_closure(aba, index, &mut member);
        let mut c = Closure::default();
        c.run(aba, index, |a| member[a.index()]);
        let mut out = vec![false; aba.len()];
        for &a in aba.assumptions() {
            out[a.index()] = c.attacks(aba, a);
        }
        let derived = std::mem::take(&mut c.derived);
        c.run(aba, index, |a| !out[a.index()]);
        Grounded { member, out, derived, possible: c.derived }
    }

    /// The extension's assumptions, in order.
    pub fn extension(&self, aba: &Aba) -> Vec<Atom> {
        aba.assumptions().iter().copied().filter(|a| self.member[a.index()]).collect()
    }
}

/// The grounded extension of `aba`: its assumptions, in order.
pub fn grounded_extension(aba: &Aba) -> Vec<Atom> {
    let index = Index::new(aba);
    Grounded::new(aba, &index).extension(aba)
}
