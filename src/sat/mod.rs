//! Our own SAT vocabulary: packed [`Var`]/[`Lit`] newtypes and small capability traits.
//!
//! Encoders only see a [`ClauseSink`]; the search drives a [`Solve`] backend, stops it
//! half-way through [`SolveLimited`] where it can, and asks [`FailedAssumptions`] for
//! cores. Each backend crate is imported by one file ([`varisat`](mod@varisat),
//! `cadical`); [`SatSolver`] holds whichever [`Backend`] was chosen at run time.

#[cfg(feature = "cadical")]
pub(crate) mod cadical;
#[cfg(test)]
pub(crate) mod recorder;
pub(crate) mod totalizer;
pub(crate) mod varisat;

use std::fmt;
use std::ops::Not;
use std::str::FromStr;

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

/// A solver that can give up on a call after a number of conflicts, and resume it with
/// what it learnt when called again.
pub trait SolveLimited: Solve {
    /// Like [`Solve::solve_assuming`], but `None` once `conflicts` conflicts pass without
    /// an answer; `u64::MAX` sets no limit.
    fn solve_limited(&mut self, assumptions: &[Lit], conflicts: u64) -> Option<bool>;
}

/// A solver that explains an unsatisfiable call by a subset of its assumptions.
pub trait FailedAssumptions: Solve {
    /// Assumptions that together made the last call unsatisfiable.
    fn failed_assumptions(&mut self) -> Vec<Lit>;
}

/// A SAT solver argsat can run on, chosen at run time among those compiled in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Backend {
    /// CaDiCaL (C++, the `cadical` cargo feature, on by default): the faster on hard calls.
    #[cfg(feature = "cadical")]
    Cadical,
    /// varisat (pure Rust): needs no C++ compiler, so it is the one backend of a
    /// `--no-default-features` build.
    Varisat,
}

impl Backend {
    /// The backends compiled into this build, the default first.
    pub const COMPILED: &'static [Backend] = &[
        #[cfg(feature = "cadical")]
        Backend::Cadical,
        Backend::Varisat,
    ];

    /// The name `--sat` takes (`cadical`, `varisat`).
    pub fn name(self) -> &'static str {
        match self {
            #[cfg(feature = "cadical")]
            Backend::Cadical => "cadical",
            Backend::Varisat => "varisat",
        }
    }
}

impl Default for Backend {
    /// CaDiCaL when compiled in, else varisat.
    fn default() -> Backend {
        Backend::COMPILED[0]
    }
}

impl fmt::Display for Backend {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Backend {
    type Err = String;

    /// `cadical` or `varisat`, any case; a backend not compiled in is an error.
    fn from_str(s: &str) -> Result<Backend, String> {
        let l = s.to_ascii_lowercase();
        if let Some(b) = Backend::COMPILED.iter().find(|b| b.name() == l) {
            return Ok(*b);
        }
        let names: Vec<&str> = Backend::COMPILED.iter().map(|b| b.name()).collect();
        let why = if l == "cadical" {
            "this build has no CaDiCaL (built without the `cadical` feature)".to_owned()
        } else {
            format!("unknown SAT backend `{s}`")
        };
        Err(format!("{why}; available: {}", names.join(", ")))
    }
}

/// The solver of the [`Backend`] chosen at run time: every call is one `match` away from
/// the backend's own.
pub(crate) enum SatSolver {
    /// CaDiCaL.
    #[cfg(feature = "cadical")]
    Cadical(cadical::Cadical),
    /// varisat.
    Varisat(varisat::Varisat),
}

impl SatSolver {
    /// An empty solver of `backend`.
    pub fn new(backend: Backend) -> SatSolver {
        match backend {
            #[cfg(feature = "cadical")]
            Backend::Cadical => SatSolver::Cadical(cadical::Cadical::new()),
            Backend::Varisat => SatSolver::Varisat(varisat::Varisat::new()),
        }
    }
}

/// Runs `$body` with `$s` bound to the backend inside `$solver`.
macro_rules! dispatch {
    ($solver:expr, $s:ident => $body:expr) => {
        match $solver {
            #[cfg(feature = "cadical")]
            SatSolver::Cadical($s) => $body,
            SatSolver::Varisat($s) => $body,
        }
    };
}

impl ClauseSink for SatSolver {
    fn new_var(&mut self) -> Var {
        dispatch!(self, s => s.new_var())
    }

    fn add_clause(&mut self, lits: &[Lit]) {
        dispatch!(self, s => s.add_clause(lits))
    }

    fn new_var_preferring(&mut self, phase: bool) -> Var {
        dispatch!(self, s => s.new_var_preferring(phase))
    }
}

impl Solve for SatSolver {
    fn solve_assuming(&mut self, assumptions: &[Lit]) -> bool {
        dispatch!(self, s => s.solve_assuming(assumptions))
    }

    fn value(&self, lit: Lit) -> bool {
        dispatch!(self, s => s.value(lit))
    }
}

impl SolveLimited for SatSolver {
    fn solve_limited(&mut self, assumptions: &[Lit], conflicts: u64) -> Option<bool> {
        dispatch!(self, s => s.solve_limited(assumptions, conflicts))
    }
}

impl FailedAssumptions for SatSolver {
    fn failed_assumptions(&mut self) -> Vec<Lit> {
        dispatch!(self, s => s.failed_assumptions())
    }
}

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

    #[test]
    fn every_compiled_backend_is_chosen_by_name() {
        for &b in Backend::COMPILED {
            assert_eq!(b.name().parse::<Backend>(), Ok(b));
            assert_eq!(b.name().to_uppercase().parse::<Backend>(), Ok(b));
            solves_under_assumptions_and_reports_core(SatSolver::new(b));
        }
        assert_eq!(Backend::default(), Backend::COMPILED[0]);
        let e = "minisat".parse::<Backend>().unwrap_err();
        assert!(e.contains("unknown SAT backend") && e.contains("varisat"), "{e}");
    }
}
