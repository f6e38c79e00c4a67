//! The vocabulary of the incremental solver: semantics, strategy, assumptions, errors
//! and answers.

use crate::task::Semantics;

/// The semantics a [`Dynamic`](super::Dynamic) solver answers for (IPAFAIR's list, in its order).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DynamicSemantics {
    /// Admissible sets.
    Admissible,
    /// Complete extensions.
    Complete,
    /// Preferred extensions.
    Preferred,
    /// Stable extensions.
    Stable,
    /// Semi-stable extensions.
    SemiStable,
    /// Stage extensions.
    Stage,
    /// The ideal extension.
    Ideal,
}

impl DynamicSemantics {
    /// The semantics of IPAFAIR's code (admissible 0, complete 1, ... ideal 6).
    pub fn from_code(code: i32) -> Option<DynamicSemantics> {
        use DynamicSemantics::*;
        [Admissible, Complete, Preferred, Stable, SemiStable, Stage, Ideal]
            .get(usize::try_from(code).ok()?)
            .copied()
    }

    /// The same as a [`Semantics`], where there is one (all but admissible).
    pub fn semantics(self) -> Option<Semantics> {
        match self {
            DynamicSemantics::Admissible => None,
            DynamicSemantics::Complete => Some(Semantics::Complete),
            DynamicSemantics::Preferred => Some(Semantics::Preferred),
            DynamicSemantics::Stable => Some(Semantics::Stable),
            DynamicSemantics::SemiStable => Some(Semantics::SemiStable),
            DynamicSemantics::Stage => Some(Semantics::Stage),
            DynamicSemantics::Ideal => Some(Semantics::Ideal),
        }
    }
}

/// How a [`Dynamic`](super::Dynamic) solver answers questions about one argument (questions with
/// several assumptions always go to the incremental state).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Strategy {
    /// On the incremental SAT state: groups of clauses under activation literals, kept
    /// across changes with what the solver learnt. (Sceptical preferred questions about
    /// one argument go to the static solver, as under [`Strategy::Rebuild`]: it is far
    /// faster there.)
    Incremental,
    /// On argsat's static solver for the framework as it is, built at the first question
    /// after a change and kept for every question until the next change (so the grounded
    /// reduction and the reaching parts apply, and questions between two changes share
    /// one solver). The default: faster on every measured scenario (`benches/README.md`).
    #[default]
    Rebuild,
}

/// A condition on the extensions a question is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Assumption {
    /// The argument is in.
    In(u32),
    /// The argument is out.
    Out(u32),
}

/// A change that cannot be made, or a question left unanswered; the framework is left as
/// it was.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DynamicError {
    /// The argument exists already.
    #[error("argument {0} exists already")]
    DuplicateArgument(u32),
    /// No such argument.
    #[error("argument {0} does not exist")]
    UnknownArgument(u32),
    /// The attack exists already.
    #[error("the attack {0} -> {1} exists already")]
    DuplicateAttack(u32, u32),
    /// No such attack.
    #[error("the attack {0} -> {1} does not exist")]
    UnknownAttack(u32, u32),
    /// The question was stopped ([`Dynamic::set_interrupt`](super::Dynamic::set_interrupt),
    /// [`Dynamic::set_deadline`](super::Dynamic::set_deadline)); ask again.
    #[error("the question was stopped: {0}")]
    Stopped(#[from] crate::stop::Stopped),
}

/// The answer to a question: yes or no, with the extension that shows it (for a yes to
/// a credulous question, one satisfying the assumptions; for a no to a sceptical one,
/// one violating them), as argument ids.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DynamicAnswer {
    /// Whether the answer is yes.
    pub accepted: bool,
    /// The extension shown, when there is one (never when witnesses are off:
    /// [`Dynamic::set_witnesses`](super::Dynamic::set_witnesses)).
    pub extension: Option<Vec<u32>>,
}
