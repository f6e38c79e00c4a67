//! Our own SAT vocabulary: packed [`Var`]/[`Lit`] newtypes and small capability traits.
//!
//! Encoders only see a [`ClauseSink`]; the search drives a [`Solve`] backend, stops it
//! half-way through [`SolveLimited`] where it can, and asks [`FailedAssumptions`] for
//! cores. Each backend crate is imported by one file ([`varisat`](mod@varisat),
//! `cadical`), and `ipasir` loads any IPASIR library at run time; [`SatSolver`] holds
//! whichever [`Backend`] was chosen at run time.

#[cfg(feature = "cadical")]
pub(crate) mod cadical;
#[cfg(any(feature = "cadical", unix))]
mod dimacs;
#[cfg(unix)]
pub(crate) mod ipasir;
#[cfg(test)]
pub(crate) mod recorder;
pub(crate) mod totalizer;
pub(crate) mod varisat;

use std::fmt;
use std::ops::Not;
use std::str::FromStr;

#[cfg(unix)]
pub use ipasir::{IpasirError, IpasirLibrary};

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

/// A SAT solver argsat can run on, chosen at run time among those compiled in, or
/// loaded from an IPASIR library.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Backend {
    /// CaDiCaL (C++, the `cadical` cargo feature, on by default): the faster on hard calls.
    #[cfg(feature = "cadical")]
    Cadical,
    /// varisat (pure Rust): needs no C++ compiler, so it is the one backend compiled into a
    /// `--no-default-features` build.
    Varisat,
    /// Any SAT solver behind the IPASIR interface, from a shared library loaded at run
    /// time (`ipasir:PATH`; Unix): how ICCMA 2025 runs every solver on one SAT solver.
    #[cfg(unix)]
    Ipasir(IpasirLibrary),
}

impl Backend {
    /// The backends compiled into this build, the default first.
    pub const COMPILED: &'static [Backend] = &[
        #[cfg(feature = "cadical")]
        Backend::Cadical,
        Backend::Varisat,
    ];

    /// The backend's kind: `cadical`, `varisat` or `ipasir` (its [`Display`](fmt::Display)
    /// form is what `--sat` takes: `ipasir:PATH` for a library).
    pub fn name(self) -> &'static str {
        match self {
            #[cfg(feature = "cadical")]
            Backend::Cadical => "cadical",
            Backend::Varisat => "varisat",
            #[cfg(unix)]
            Backend::Ipasir(_) => "ipasir",
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
        match self {
            #[cfg(unix)]
            Backend::Ipasir(lib) => write!(f, "ipasir:{}", lib.path()),
            _ => f.write_str(self.name()),
        }
    }
}

impl FromStr for Backend {
    type Err = crate::task::UnknownName;

    /// `cadical` or `varisat`, any case, or `ipasir:PATH` (which loads the library); a
    /// backend not compiled in, or a library that does not load, is an error.
    fn from_str(s: &str) -> Result<Backend, crate::task::UnknownName> {
        let l = s.to_ascii_lowercase();
        if let Some(b) = Backend::COMPILED.iter().find(|b| b.name() == l) {
            return Ok(*b);
        }
        if l.starts_with("ipasir:") && s.len() > "ipasir:".len() {
            #[cfg(unix)]
            return IpasirLibrary::load(&s["ipasir:".len()..])
                .map(Backend::Ipasir)
                .map_err(|e| crate::task::UnknownName::new(e.to_string()));
            #[cfg(not(unix))]
            return Err(crate::task::UnknownName::new("IPASIR libraries are loaded on Unix only"));
        }
        let names: Vec<&str> = Backend::COMPILED.iter().map(|b| b.name()).collect();
        let why = if l == "cadical" {
            "this build has no CaDiCaL (built without the `cadical` feature)".to_owned()
        } else if l.starts_with("ipasir") {
            "an IPASIR backend needs its library: `ipasir:PATH`".to_owned()
        } else {
            format!("unknown SAT backend `{s}`")
        };
        Err(crate::task::UnknownName::new(format!(
            "{why}; available: {}, ipasir:PATH",
            names.join(", ")
        )))
    }
}

/// The answer of a call without a conflict limit: `None` only when the call was stopped
/// (`crate::stop`), which unwinds from here.
fn answered(answer: Option<bool>) -> bool {
    answer.unwrap_or_else(|| {
        crate::stop::check();
        unreachable!("a SAT call without a conflict limit ended unanswered without being stopped")
    })
}

/// The solver of the [`Backend`] chosen at run time: every call is one `match` away from
/// the backend's own.
pub(crate) enum SatSolver {
    /// CaDiCaL.
    #[cfg(feature = "cadical")]
    Cadical(cadical::Cadical),
    /// varisat.
    Varisat(varisat::Varisat),
    /// An IPASIR library's solver.
    #[cfg(unix)]
    Ipasir(ipasir::Ipasir),
}

impl SatSolver {
    /// An empty solver of `backend`.
    pub fn new(backend: Backend) -> SatSolver {
        match backend {
            #[cfg(feature = "cadical")]
            Backend::Cadical => SatSolver::Cadical(cadical::Cadical::new()),
            Backend::Varisat => SatSolver::Varisat(varisat::Varisat::new()),
            #[cfg(unix)]
            Backend::Ipasir(lib) => SatSolver::Ipasir(ipasir::Ipasir::new(lib)),
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
            #[cfg(unix)]
            SatSolver::Ipasir($s) => $body,
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

/// Every call first checks whether the search was stopped (`crate::stop`): between SAT
/// calls is where the search notices it with every backend.
impl Solve for SatSolver {
    fn solve_assuming(&mut self, assumptions: &[Lit]) -> bool {
        crate::stop::check();
        dispatch!(self, s => s.solve_assuming(assumptions))
    }

    fn value(&self, lit: Lit) -> bool {
        dispatch!(self, s => s.value(lit))
    }
}

impl SolveLimited for SatSolver {
    fn solve_limited(&mut self, assumptions: &[Lit], conflicts: u64) -> Option<bool> {
        crate::stop::check();
        let answer = dispatch!(self, s => s.solve_limited(assumptions, conflicts));
        if answer.is_none() {
            // Stopped, or the conflict limit.
            crate::stop::check();
        }
        answer
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

    /// What a backend that can stop half-way must do: give up (`None`) on a call past its
    /// conflict limit, then answer it when called again without one. Seven pigeons in six
    /// holes: unsatisfiable, and far more than ten conflicts for a CDCL solver.
    pub(crate) fn stops_at_the_conflict_limit(mut s: impl SolveLimited) {
        let (pigeons, holes) = (7, 6);
        let x: Vec<Vec<Lit>> =
            (0..pigeons).map(|_| (0..holes).map(|_| s.new_lit()).collect()).collect();
        for row in &x {
            s.add_clause(row);
        }
        for (p, q) in (0..pigeons).flat_map(|p| (p + 1..pigeons).map(move |q| (p, q))) {
            for (&in_p, &in_q) in x[p].iter().zip(&x[q]) {
                s.add_clause(&[!in_p, !in_q]);
            }
        }
        assert_eq!(s.solve_limited(&[], 10), None);
        assert_eq!(s.solve_limited(&[], 10), None);
        assert_eq!(s.solve_limited(&[], u64::MAX), Some(false));
    }

    #[test]
    fn every_compiled_backend_is_chosen_by_name() {
        for &b in Backend::COMPILED {
            assert_eq!(b.name().parse::<Backend>(), Ok(b));
            assert_eq!(b.name().to_uppercase().parse::<Backend>(), Ok(b));
            solves_under_assumptions_and_reports_core(SatSolver::new(b));
        }
        assert_eq!(Backend::default(), Backend::COMPILED[0]);
        let e = "minisat".parse::<Backend>().unwrap_err().to_string();
        assert!(e.contains("unknown SAT backend") && e.contains("varisat"), "{e}");
        let e = "ipasir".parse::<Backend>().unwrap_err().to_string();
        assert!(e.contains("needs its library: `ipasir:PATH`"), "{e}");
        #[cfg(unix)]
        {
            let e = "ipasir:/nonexistent.so".parse::<Backend>().unwrap_err().to_string();
            assert!(e.contains("cannot load the IPASIR library `/nonexistent.so`"), "{e}");
            if let Some(lib) = ipasir_from_env() {
                let b = Backend::Ipasir(lib);
                assert_eq!(b.to_string().parse::<Backend>(), Ok(b));
                assert_eq!(b.name(), "ipasir");
                solves_under_assumptions_and_reports_core(SatSolver::new(b));
            }
        }
    }

    /// The IPASIR library the environment names (`ARGSAT_IPASIR=PATH`), for the tests
    /// that run every backend; a name that does not load fails the test.
    #[cfg(unix)]
    pub(crate) fn ipasir_from_env() -> Option<IpasirLibrary> {
        let path = std::env::var("ARGSAT_IPASIR").ok()?;
        Some(IpasirLibrary::load(&path).unwrap_or_else(|e| panic!("ARGSAT_IPASIR: {e}")))
    }

    /// Every backend the tests run: those compiled in, and the IPASIR library of
    /// `ARGSAT_IPASIR` when it is set.
    pub(crate) fn backends() -> Vec<Backend> {
        let mut all = Backend::COMPILED.to_vec();
        #[cfg(unix)]
        all.extend(ipasir_from_env().map(Backend::Ipasir));
        all
    }
}
