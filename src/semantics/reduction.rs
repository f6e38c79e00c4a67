//! The grounded reduction: the part of a framework the SAT solver sees, and how answers
//! map back.

use std::sync::Arc;

use super::grounded::grounded_labelling;
use crate::af::{Arg, Framework};
use crate::label::{Label, Labelling};
use crate::search::KeptWalk;
use crate::subframework::SubFramework;

/// The part of a framework the SAT solver sees, and how to map back.
///
/// For complete-based semantics it is the grounded reduction: the arguments the
/// grounded labelling leaves UNDEC, with the grounded extension added to every answer.
pub(crate) struct Reduction {
    /// The part handed to the solver (local ids), with the map back.
    pub part: SubFramework,
    /// Arguments in every answer (the grounded extension, or nothing).
    base: Vec<Arg>,
    /// Global argument -> label (always UNDEC for the identity reduction).
    labels: Option<Labelling>,
}

/// Where a query argument stands after the reduction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Query {
    /// In every extension of the complete-based semantics (grounded IN).
    In,
    /// In no extension (grounded OUT).
    Out,
    /// Left to the solver, with this local id.
    Local(Arg),
}

impl Reduction {
    /// The grounded reduction of `af`.
    pub fn grounded(af: &Arc<Framework>) -> Reduction {
        let labels = grounded_labelling(af);
        let undec = labels.with_label(Label::Undec);
        Reduction {
            part: SubFramework::of_shared(af, undec),
            base: labels.with_label(Label::In),
            labels: Some(labels),
        }
    }

    /// No reduction: the solver sees all of `af`.
    pub fn identity(af: &Arc<Framework>) -> Reduction {
        Reduction {
            part: SubFramework::of_shared(af, af.args().collect()),
            base: Vec::new(),
            labels: None,
        }
    }

    /// Where the global argument `a` stands.
    pub fn query(&self, a: Arg) -> Query {
        match self.labels.as_ref().map(|l| l.label(a)) {
            None => Query::Local(a),
            Some(Label::In) => Query::In,
            Some(Label::Out) => Query::Out,
            Some(Label::Undec) => {
                Query::Local(self.part.local(a).expect("UNDEC arguments are in the reduction"))
            }
        }
    }

    /// The global extension made of the base and the local arguments `local`.
    pub fn lift(&self, local: &[Arg]) -> Vec<Arg> {
        let mut out: Vec<Arg> = self
            .base
            .iter()
            .copied()
            .chain(local.iter().map(|&l| self.part.to_parent(l)))
            .collect();
        out.sort_unstable();
        out
    }

    /// A stable walk over the reduction, made on first use from the members of `start`
    /// (global arguments) the reduction keeps.
    pub fn walk_from(&self, start: &[Arg]) -> KeptWalk {
        KeptWalk::starting(start.iter().filter_map(|&a| self.part.local(a)).collect())
    }

    /// The base alone lifted: the grounded extension (or the empty set).
    pub fn base(&self) -> Vec<Arg> {
        self.lift(&[])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decided_frameworks_leave_nothing_to_the_solver() {
        // 0 -> 1 -> 2: the grounded labelling decides everything.
        let af = Arc::new(Framework::from_attacks(3, &[(0, 1), (1, 2)]).unwrap());
        let red = Reduction::grounded(&af);
        assert!(red.part.af.is_empty());
        assert_eq!(red.query(Arg(0)), Query::In);
        assert_eq!(red.query(Arg(1)), Query::Out);
        assert_eq!(red.base(), vec![Arg(0), Arg(2)]);
    }

    #[test]
    fn undecided_arguments_get_local_ids() {
        // 0 -> 1, 2 <-> 3.
        let af = Arc::new(Framework::from_attacks(4, &[(0, 1), (2, 3), (3, 2)]).unwrap());
        let red = Reduction::grounded(&af);
        assert_eq!(red.part.af.len(), 2);
        assert_eq!(red.query(Arg(3)), Query::Local(Arg(1)));
        assert_eq!(red.lift(&[Arg(1)]), vec![Arg(0), Arg(3)]);
        assert_eq!(Reduction::identity(&af).query(Arg(1)), Query::Local(Arg(1)));
    }
}
