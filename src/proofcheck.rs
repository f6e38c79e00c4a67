//! Checking a refutation's proof from outside: the claim's canonical formula is rebuilt
//! here from the framework alone (no code shared with the solver's encodings or
//! [`certify`](crate::certify)'s), written as DIMACS, and an external, well-tested DRAT
//! checker judges the proof against it (`rate`, from crates.io, or drat-trim; see
//! [`DratChecker::find`]).

use std::fmt::Write as _;
use std::io;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::af::Framework;
use crate::certify::Claim;

/// The canonical formula of `claim` on `af`, in DIMACS: variable `i + 1` for argument
/// `i` (`docs/proofs.md`).
pub fn dimacs(af: &Framework, claim: Claim) -> String {
    let mut clauses: Vec<String> = Vec::new();
    let v = |a: crate::af::Arg| a.0 as i64 + 1;
    for a in af.args() {
        for &b in af.attacked_by(a) {
            clauses.push(if a == b {
                format!("-{} 0", v(a))
            } else {
                format!("-{} -{} 0", v(a), v(b))
            });
        }
    }
    let (stable, unit) = match claim {
        Claim::NoAdmissibleWith(q) => (false, Some(v(q))),
        Claim::NoStableWith(q) => (true, Some(v(q))),
        Claim::NoStableWithout(q) => (true, Some(-v(q))),
        Claim::NoStable => (true, None),
    };
    for a in af.args() {
        if stable {
            let mut c = format!("{}", v(a));
            for &b in af.attackers(a) {
                let _ = write!(c, " {}", v(b));
            }
            clauses.push(c + " 0");
        } else {
            for &b in af.attackers(a) {
                let mut c = format!("-{}", v(a));
                for &d in af.attackers(b) {
                    let _ = write!(c, " {}", v(d));
                }
                clauses.push(c + " 0");
            }
        }
    }
    if let Some(u) = unit {
        clauses.push(format!("{u} 0"));
    }
    let mut out = format!("p cnf {} {}\n", af.len(), clauses.len());
    for c in clauses {
        out.push_str(&c);
        out.push('\n');
    }
    out
}

/// An external DRAT checker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DratChecker {
    /// The program.
    pub program: PathBuf,
}

/// The checker's judgement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// The proof refutes the formula.
    Verified,
    /// It does not; the checker's last lines say why.
    Rejected(String),
}

/// Why a proof could not be judged.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CheckError {
    /// No DRAT checker was found.
    #[error(
        "no DRAT checker: set ARGSAT_DRAT_CHECKER, or put `rate` (cargo install rate) or `drat-trim` on PATH"
    )]
    NoChecker,
    /// Running the checker, or writing the formula, failed.
    #[error("running the DRAT checker: {0}")]
    Io(#[from] io::Error),
}

impl DratChecker {
    /// `ARGSAT_DRAT_CHECKER`, else `rate` or `drat-trim` on `PATH`.
    ///
    /// # Errors
    /// [`CheckError::NoChecker`] when there is none.
    pub fn find() -> Result<DratChecker, CheckError> {
        if let Some(p) = std::env::var_os("ARGSAT_DRAT_CHECKER") {
            return Ok(DratChecker { program: p.into() });
        }
        let path = std::env::var_os("PATH").unwrap_or_default();
        for name in ["rate", "drat-trim"] {
            for dir in std::env::split_paths(&path) {
                let p = dir.join(name);
                if p.is_file() {
                    return Ok(DratChecker { program: p });
                }
            }
        }
        Err(CheckError::NoChecker)
    }

    /// Judges `proof` (a DRAT file) against `claim`'s canonical formula on `af`, in
    /// `scratch` (a folder for the formula and a copy of the proof).
    ///
    /// # Errors
    /// [`CheckError::Io`] when the files cannot be written or the checker not run.
    pub fn check(
        &self,
        af: &Framework,
        claim: Claim,
        proof: &Path,
        scratch: &Path,
    ) -> Result<Verdict, CheckError> {
        let id = format!("{}-{:?}", std::process::id(), std::thread::current().id());
        let id: String = id.chars().filter(char::is_ascii_alphanumeric).collect();
        let cnf = scratch.join(format!("argsat-claim-{id}.cnf"));
        // rate reads the proof's format from its extension.
        let drat = scratch.join(format!("argsat-proof-{id}.drat"));
        std::fs::write(&cnf, dimacs(af, claim))?;
        std::fs::copy(proof, &drat)?;
        let out = Command::new(&self.program).arg(&cnf).arg(&drat).output();
        let _ = std::fs::remove_file(&cnf);
        let _ = std::fs::remove_file(&drat);
        let out = out?;
        let text = String::from_utf8_lossy(&out.stdout).into_owned()
            + &String::from_utf8_lossy(&out.stderr);
        // Both checkers print `s VERIFIED` on success (rate exits 0, drat-trim too).
        if out.status.success() && text.lines().any(|l| l.trim() == "s VERIFIED") {
            return Ok(Verdict::Verified);
        }
        let last: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
        let tail = last[last.len().saturating_sub(3)..].join("\n");
        Ok(Verdict::Rejected(tail))
    }
}
