//! Semantics: one file each, behind small traits by task.
//!
//! Grounded needs no SAT. Complete, stable, preferred, semi-stable and ideal work on the
//! grounded reduction (only the UNDEC part reaches the solver); stage sees the whole
//! framework, since stage extensions need not contain the grounded extension.

pub mod complete;
pub(crate) mod engine;
pub mod grounded;
pub mod ideal;
pub mod preferred;
pub mod range_based;
pub mod stable;

use crate::af::{Arg, Framework};
use crate::task::{Semantics, Task};

pub use grounded::{Label, Labelling, grounded_extension, grounded_labelling};

/// The answer to a credulous or sceptical query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    /// Whether the argument is accepted.
    pub accepted: bool,
    /// An extension witnessing the answer: one containing the argument for an accepted
    /// credulous query, one without it for a rejected sceptical query; `None` otherwise.
    pub certificate: Option<Vec<Arg>>,
}

impl Decision {
    /// Credulously accepted exactly when there is a `witness` containing the argument.
    pub fn from_witness(witness: Option<Vec<Arg>>) -> Decision {
        Decision { accepted: witness.is_some(), certificate: witness }
    }

    /// Sceptically accepted exactly when there is no `counterexample` without the argument.
    pub fn counterexample(counterexample: Option<Vec<Arg>>) -> Decision {
        Decision { accepted: counterexample.is_none(), certificate: counterexample }
    }
}

/// Finds one extension.
pub trait SingleExtension {
    /// Some extension, or `None` when there is none.
    fn some_extension(&mut self) -> Option<Vec<Arg>>;
}

/// Decides credulous acceptance.
pub trait Credulous {
    /// Whether `a` is in some extension, with that extension as certificate.
    fn credulous(&mut self, a: Arg) -> Decision;
}

/// Decides sceptical acceptance.
pub trait Sceptical {
    /// Whether `a` is in every extension, with an extension without it as certificate
    /// when not. With no extension at all every argument is sceptically accepted.
    fn sceptical(&mut self, a: Arg) -> Decision;
}

/// Enumerates extensions, streaming them.
pub trait Enumerate {
    /// Calls `f` once per extension (sorted arguments), as each is found, until `f`
    /// returns `false`.
    fn enumerate(&mut self, f: &mut dyn FnMut(&[Arg]) -> bool);

    /// [`Enumerate::enumerate`] adding at most about `block_literals` literals of clauses
    /// that block extensions found (`None`: the default, 2^17 or 16 per argument when
    /// that is more). Past the budget the search splits instead, in memory that does not
    /// grow with the number of extensions; `Some(0)` never blocks. Semantics that never
    /// block (all but preferred, semi-stable and stage) ignore it.
    fn enumerate_within(
        &mut self,
        block_literals: Option<usize>,
        f: &mut dyn FnMut(&[Arg]) -> bool,
    ) {
        let _ = block_literals;
        self.enumerate(f);
    }

    /// The number of extensions.
    fn count(&mut self) -> u64 {
        let mut n = 0u64;
        self.enumerate(&mut |_| {
            n += 1;
            true
        });
        n
    }
}

/// A solver for every task of one semantics.
pub trait SemanticsSolver: SingleExtension + Credulous + Sceptical + Enumerate {}

impl<T: SingleExtension + Credulous + Sceptical + Enumerate> SemanticsSolver for T {}

/// Whether argsat solves `task`.
pub fn is_supported(task: Task) -> bool {
    let _ = task;
    true
}

/// The solver for `semantics` on `af`.
pub fn solver(af: &Framework, semantics: Semantics) -> Box<dyn SemanticsSolver + '_> {
    match semantics {
        Semantics::Grounded => Box::new(grounded::Grounded::new(af)),
        Semantics::Complete => Box::new(complete::Complete::new(af)),
        Semantics::Stable => Box::new(stable::Stable::new(af)),
        Semantics::Preferred => Box::new(preferred::Preferred::new(af)),
        Semantics::SemiStable => Box::new(range_based::RangeBased::semi_stable(af)),
        Semantics::Stage => Box::new(range_based::RangeBased::stage(af)),
        Semantics::Ideal => Box::new(ideal::Ideal::new(af)),
    }
}

/// Some extension of `af` under `semantics`.
pub fn some_extension(af: &Framework, semantics: Semantics) -> Option<Vec<Arg>> {
    solver(af, semantics).some_extension()
}

/// Credulous acceptance of `a`.
pub fn credulous(af: &Framework, semantics: Semantics, a: Arg) -> Decision {
    solver(af, semantics).credulous(a)
}

/// Sceptical acceptance of `a`.
pub fn sceptical(af: &Framework, semantics: Semantics, a: Arg) -> Decision {
    solver(af, semantics).sceptical(a)
}

/// Streams extensions to `f` until it returns `false` or none is left.
pub fn enumerate(af: &Framework, semantics: Semantics, f: &mut dyn FnMut(&[Arg]) -> bool) {
    solver(af, semantics).enumerate(f)
}

/// Streams extensions to `f` like [`enumerate`], with a budget for blocking clauses (see
/// [`Enumerate::enumerate_within`]).
pub fn enumerate_within(
    af: &Framework,
    semantics: Semantics,
    block_literals: Option<usize>,
    f: &mut dyn FnMut(&[Arg]) -> bool,
) {
    solver(af, semantics).enumerate_within(block_literals, f)
}

/// The number of extensions.
pub fn count(af: &Framework, semantics: Semantics) -> u64 {
    solver(af, semantics).count()
}
