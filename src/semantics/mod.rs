//! Semantics: one [`Solver`] per semantics, one file each, thin layers over the SAT
//! search (`crate::search`).
//!
//! Grounded needs no SAT. Complete, stable, preferred, semi-stable and ideal work on the
//! grounded reduction (only the UNDEC part reaches the solver); stage sees
//! the whole framework, since stage extensions need not contain the grounded extension.
//!
//! ```
//! use argsat::{Arg, Framework, Semantics, solver};
//!
//! // 0 and 1 attack each other; 1 attacks 2.
//! let af = Framework::from_attacks(3, &[(0, 1), (1, 0), (1, 2)]).unwrap();
//! let mut s = solver(af, Semantics::Preferred);
//! assert!(s.credulous(Arg(2))?.accepted);
//! assert!(!s.sceptical(Arg(2))?.accepted);
//! assert_eq!(s.count()?, 2);
//! # Ok::<(), argsat::Stopped>(())
//! ```

pub(crate) mod complete;
pub(crate) mod grounded;
pub(crate) mod ideal;
mod kept;
pub(crate) mod preferred;
pub(crate) mod range_based;
pub(crate) mod reduction;
pub(crate) mod stable;

use std::sync::Arc;
use std::time::Instant;

use crate::af::{Arg, Framework};
use crate::sat::Backend;
use crate::search::SharedOpenings;
use crate::stop::{self, Halt, Interrupt, Stopped};

use crate::task::Semantics;

pub use crate::label::{Label, Labelling};
pub use grounded::{grounded_extension, grounded_labelling};

/// The answer to a credulous or sceptical query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    /// Whether the argument is accepted.
    pub accepted: bool,
    /// The set witnessing the answer: one containing the argument for an accepted
    /// credulous query, one without it for a rejected sceptical query; `None` otherwise.
    /// An extension of the semantics unless [`Options::certificates`] allows less.
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

    /// Accepted or rejected with nothing to show (the answer follows from the grounded
    /// labelling, or a certificate would prove nothing).
    pub fn bare(accepted: bool) -> Decision {
        Decision { accepted, certificate: None }
    }
}

/// Which sets a [`Decision`] may show as its certificate.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Certificates {
    /// An extension of the semantics asked, always.
    #[default]
    Extensions,
    /// What ICCMA 2023 asks: extensions, but a credulous preferred witness may be a
    /// complete extension (it lies inside a preferred one), which can cost far less to
    /// find than growing it to a preferred one.
    Iccma2023,
    /// What ICCMA 2025 accepts: a credulous complete or preferred witness may be an
    /// admissible set containing the argument, and a sceptical preferred counterexample
    /// an admissible set attacking it (every preferred extension around it lacks the
    /// argument). Where no admissible set attacks the argument, the counterexample is a
    /// preferred extension as before.
    Iccma2025,
}

/// How a [`Solver`] works: which SAT backend, how much enumeration may block, which
/// certificates suffice, and when its calls stop.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// The SAT backend (default: CaDiCaL when compiled in, else varisat).
    pub backend: Backend,
    /// For enumerating preferred, semi-stable and stage extensions: at most about this
    /// many literals of clauses blocking extensions found (`None`: the default, 2^17, or
    /// 16 per argument when that is more). Past the budget the search splits instead, in
    /// memory that does not grow with the number of extensions; `Some(0)` never blocks.
    /// The other semantics never block.
    pub block_literals: Option<usize>,
    /// Which certificates suffice.
    pub certificates: Certificates,
    /// When a query for a stable extension lets a local search take turns with the SAT
    /// solver (stable, and semi-stable and stage where a stable extension exists).
    pub walk: Walk,
    /// A handle whose [`Interrupt::interrupt`] stops the solver's calls (from any thread):
    /// they return [`Stopped::Interrupted`].
    pub interrupt: Option<Interrupt>,
    /// A time after which the solver's calls stop: they return
    /// [`Stopped::DeadlineExpired`]. ([`Solver::set_deadline`] changes it between calls.)
    pub deadline: Option<Instant>,
}

/// When a query for a stable extension lets a local search (probSAT over the stable
/// clauses) take turns with the SAT solver. The walk can only find extensions, never
/// prove there is none; where it finds one it can be much faster than the SAT solver
/// (`benches/README.md`). Unless `Never`, a short walk (its budget grows with the
/// arguments and attacks) opens every such query, and preferred and complete queries
/// too (a stable extension is both). varisat cannot stop a search half-way, so with it
/// the walk has only that opening turn.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Walk {
    /// An opening walk, then the SAT solver's first turn of this many conflicts (the
    /// default: 50,000, which the corpus' easy and medium queries never reach), then
    /// turns of either, each doubling.
    After(u64),
    /// Never: the SAT solver alone.
    Never,
}

impl Options {
    /// When calls under these options stop: their interrupt handle and deadline.
    pub(crate) fn halt(&self) -> Halt {
        Halt { interrupt: self.interrupt.clone(), deadline: self.deadline }
    }
}

impl Walk {
    /// The SAT solver's first turn, in conflicts; `None`: no walk.
    pub fn first_turn(self) -> Option<u64> {
        match self {
            Walk::After(conflicts) => Some(conflicts),
            Walk::Never => None,
        }
    }
}

impl Default for Walk {
    fn default() -> Walk {
        Walk::After(50_000)
    }
}

impl std::fmt::Display for Walk {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Walk::After(conflicts) => write!(f, "{conflicts}"),
            Walk::Never => f.write_str("never"),
        }
    }
}

impl std::str::FromStr for Walk {
    type Err = crate::task::UnknownName;

    /// A number of conflicts, or `never`.
    fn from_str(s: &str) -> Result<Walk, crate::task::UnknownName> {
        if s.eq_ignore_ascii_case("never") {
            return Ok(Walk::Never);
        }
        s.parse().map(Walk::After).map_err(|_| {
            crate::task::UnknownName::new(format!(
                "`{s}` is neither a number of conflicts nor `never`"
            ))
        })
    }
}

/// Answers every task of one semantics on one framework, which it shares
/// ([`Solver::framework`]). A solver keeps what it learns between queries (one incremental
/// SAT solver per kind of question), so asking many questions of one solver is cheaper
/// than making one per question. Its calls end early, with [`Stopped`], when the
/// [`Options::interrupt`] handle is set or the [`Options::deadline`] passes; the solver
/// stays usable (it starts afresh on the next call).
pub trait Solver: Send {
    /// Some extension, or `None` when there is none (only stable semantics can have none).
    fn some_extension(&mut self) -> Result<Option<Vec<Arg>>, Stopped>;

    /// Whether `a` is in some extension, with a witness containing it when so.
    fn credulous(&mut self, a: Arg) -> Result<Decision, Stopped>;

    /// Whether `a` is in every extension, with a counterexample lacking it when not.
    /// With no extension at all every argument is sceptically accepted.
    fn sceptical(&mut self, a: Arg) -> Result<Decision, Stopped>;

    /// Calls `f` once per extension (sorted arguments), as each is found, until `f`
    /// returns `false`. When stopped, the extensions `f` saw are extensions, but not
    /// necessarily all.
    fn enumerate(&mut self, f: &mut dyn FnMut(&[Arg]) -> bool) -> Result<(), Stopped>;

    /// The number of extensions.
    fn count(&mut self) -> Result<u64, Stopped> {
        let mut n = 0u64;
        self.enumerate(&mut |_| {
            n += 1;
            true
        })?;
        Ok(n)
    }

    /// The framework the solver answers about.
    fn framework(&self) -> &Arc<Framework>;

    /// The semantics the solver answers for.
    fn semantics(&self) -> Semantics;

    /// Replaces the [`Options::deadline`] for the calls from now on (`None`: no deadline).
    fn set_deadline(&mut self, deadline: Option<Instant>);
}

/// What each semantics' solver does, without stopping: the [`Solver`] around it runs
/// every call guarded (`crate::stop`), so a stopped call unwinds out of it.
pub(crate) trait Answers: Send {
    fn some_extension(&mut self) -> Option<Vec<Arg>>;

    fn credulous(&mut self, a: Arg) -> Decision;

    fn sceptical(&mut self, a: Arg) -> Decision;

    fn enumerate(&mut self, f: &mut dyn FnMut(&[Arg]) -> bool);
}

/// The solver for `semantics` on `af` (owned, or shared through an [`Arc`]), with the
/// default [`Options`].
pub fn solver(af: impl Into<Arc<Framework>>, semantics: Semantics) -> Box<dyn Solver> {
    solver_with(af, semantics, Options::default())
}

/// The solver for `semantics` on `af` (owned, or shared through an [`Arc`]), working as
/// `options` say.
pub fn solver_with(
    af: impl Into<Arc<Framework>>,
    semantics: Semantics,
    options: Options,
) -> Box<dyn Solver> {
    solver_sharing(af, semantics, options, SharedOpenings::default(), Vec::new())
}

/// [`solver_with`], its opening walks paid for in `openings`, a record shared with the
/// solvers of earlier (and later) frameworks (`crate::dynamic`: one per round), and its
/// stable walks starting from `start` (arguments of `af`: an extension of the framework
/// before the last changes).
pub(crate) fn solver_sharing(
    af: impl Into<Arc<Framework>>,
    semantics: Semantics,
    options: Options,
    openings: SharedOpenings,
    start: Vec<Arg>,
) -> Box<dyn Solver> {
    Box::new(Guarded { af: af.into(), semantics, options, openings, start, inner: None })
}

/// The one [`Solver`]: the semantics' [`Answers`], built on first use and dropped when a
/// call is stopped.
struct Guarded {
    af: Arc<Framework>,
    semantics: Semantics,
    options: Options,
    /// What opening walks paid, kept when a stopped call drops the semantics' solver.
    openings: SharedOpenings,
    /// Where stable walks start.
    start: Vec<Arg>,
    inner: Option<Box<dyn Answers>>,
}

impl Guarded {
    /// Runs `f` on the semantics' solver, guarded by the options' halting condition.
    fn run<T>(&mut self, f: impl FnOnce(&mut dyn Answers) -> T) -> Result<T, Stopped> {
        let Guarded { af, semantics, options, openings, start, inner } = self;
        let r = stop::guarded(&options.halt(), || {
            let inner =
                inner.get_or_insert_with(|| answers(af, *semantics, options, openings, start));
            f(inner.as_mut())
        });
        if r.is_err() {
            // Stopped half-way: what it had built may be half-updated.
            self.inner = None;
        }
        r
    }
}

impl Solver for Guarded {
    fn some_extension(&mut self) -> Result<Option<Vec<Arg>>, Stopped> {
        self.run(|s| s.some_extension())
    }

    fn credulous(&mut self, a: Arg) -> Result<Decision, Stopped> {
        self.run(|s| s.credulous(a))
    }

    fn sceptical(&mut self, a: Arg) -> Result<Decision, Stopped> {
        self.run(|s| s.sceptical(a))
    }

    fn enumerate(&mut self, f: &mut dyn FnMut(&[Arg]) -> bool) -> Result<(), Stopped> {
        self.run(|s| s.enumerate(f))
    }

    fn framework(&self) -> &Arc<Framework> {
        &self.af
    }

    fn semantics(&self) -> Semantics {
        self.semantics
    }

    fn set_deadline(&mut self, deadline: Option<Instant>) {
        self.options.deadline = deadline;
    }
}

/// The semantics' own solver.
fn answers(
    af: &Arc<Framework>,
    semantics: Semantics,
    options: &Options,
    openings: &SharedOpenings,
    start: &[Arg],
) -> Box<dyn Answers> {
    let (options, openings) = (options.clone(), openings.clone());
    match semantics {
        Semantics::Grounded => Box::new(grounded::Grounded::new(af)),
        Semantics::Complete => Box::new(complete::Complete::new(af, options, openings, start)),
        Semantics::Stable => Box::new(stable::Stable::new(af, options, openings, start)),
        Semantics::Preferred => Box::new(preferred::Preferred::new(af, options, openings, start)),
        Semantics::SemiStable => Box::new(range_based::RangeBased::semi_stable(af, options)),
        Semantics::Stage => Box::new(range_based::RangeBased::stage(af, options)),
        Semantics::Ideal => Box::new(ideal::Ideal::new(af, options)),
    }
}

/// A preferred extension of `af` that is not stable, or `None` when `af` is coherent
/// (every preferred extension is stable). Without a stable extension any preferred one
/// will do; else preferred extensions are enumerated until one's range misses an
/// argument, which can take long on frameworks with many of them (deciding coherence is
/// Π2-complete).
pub fn incoherence_witness(
    af: impl Into<Arc<Framework>>,
    options: Options,
) -> Result<Option<Vec<Arg>>, Stopped> {
    let af = af.into();
    if solver_with(af.clone(), Semantics::Stable, options.clone()).some_extension()?.is_none() {
        return solver_with(af, Semantics::Preferred, options).some_extension();
    }
    let mut witness = None;
    solver_with(af.clone(), Semantics::Preferred, options).enumerate(&mut |e| {
        let mut range = vec![false; af.len()];
        for &a in e {
            range[a.index()] = true;
            for &b in af.attacked_by(a) {
                range[b.index()] = true;
            }
        }
        if range.iter().all(|&r| r) {
            return true;
        }
        witness = Some(e.to_vec());
        false
    })?;
    Ok(witness)
}
