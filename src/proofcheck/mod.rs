//! Checking a refutation's proof from outside: the claim's canonical formula is rebuilt
//! here from the framework alone (no code shared with the solver's encodings or
//! [`certify`](crate::certify)'s), written as DIMACS, and an external, well-tested DRAT
//! checker judges the proof against it (`rate`, from crates.io, or drat-trim; see
//! [`DratChecker::find`]).

mod claim;

use std::fmt::Write as _;
use std::io;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::af::{Arg, Framework};
use crate::certify::Claim;

pub use claim::{Needs, Printed, claim_of, ideal_by_attacks, named};

/// The canonical formula of `claim` on `af`, in DIMACS: variable `i + 1` for argument
/// `i` (`docs/proofs.md`), and for a [`Claim::RangeCover`] variable `n + i` selecting its
/// `i`-th set. `None` for [`Claim::PreferredAllContain`] and [`Claim::NoRangeMaximal`],
/// whose formulas are those of the sets found for them ([`Claim::NoAdmissibleOutside`],
/// [`Claim::RangeCover`] or [`Claim::StableShown`]), and for a set naming an argument
/// `af` lacks.
pub fn dimacs(af: &Framework, claim: &Claim) -> Option<String> {
    let n = af.len();
    let v = |a: Arg| a.0 as i64 + 1;
    let valid = |a: &Arg| a.index() < n;
    let members = |set: &[Arg]| -> Option<Vec<bool>> {
        let mut m = vec![false; n];
        for a in set {
            *m.get_mut(a.index())? = true;
        }
        Some(m)
    };
    // What the members of `sets` attack (a pass over the members, no mask per set).
    let hit_by = |sets: &[Vec<Arg>]| -> Option<Vec<bool>> {
        let mut hit = vec![false; n];
        for &a in sets.iter().flatten() {
            if a.index() >= n {
                return None;
            }
            af.attacked_by(a).iter().for_each(|b| hit[b.index()] = true);
        }
        Some(hit)
    };
    let mut clauses: Vec<Vec<i64>> = Vec::new();
    // The arguments, and the selectors of a range cover.
    let mut vars = n;
    // CF, and the lists of attackers of each argument.
    let mut attackers: Vec<Vec<Arg>> = vec![Vec::new(); n];
    for a in af.args() {
        for &b in af.attacked_by(a) {
            attackers[b.index()].push(a);
            clauses.push(if a == b { vec![-v(a)] } else { vec![-v(a), -v(b)] });
        }
    }
    let adm = |clauses: &mut Vec<Vec<i64>>| {
        for a in af.args() {
            for &b in &attackers[a.index()] {
                let mut c = vec![-v(a)];
                c.extend(attackers[b.index()].iter().map(|&d| v(d)));
                clauses.push(c);
            }
        }
    };
    let attacked_or_in = |a: Arg| -> Vec<i64> {
        std::iter::once(v(a)).chain(attackers[a.index()].iter().map(|&b| v(b))).collect()
    };
    let stb = |clauses: &mut Vec<Vec<i64>>| clauses.extend(af.args().map(attacked_or_in));
    let not_in = |m: &[bool]| -> Vec<i64> { af.args().filter(|a| !m[a.index()]).map(v).collect() };
    // The range clauses of the set `m` under `selector` ("the new set's range contains
    // range(m)"): (-selector a b1 .. bk) for a in range(m), and (selector, every argument
    // outside range(m) with its attackers).
    let range_under = |clauses: &mut Vec<Vec<i64>>, m: &[bool], selector: i64| {
        let mut range = m.to_vec();
        for a in af.args().filter(|a| m[a.index()]) {
            for &b in af.attacked_by(a) {
                range[b.index()] = true;
            }
        }
        let mut reaches_out = vec![selector];
        for a in af.args() {
            if range[a.index()] {
                clauses.push(std::iter::once(-selector).chain(attacked_or_in(a)).collect());
            } else {
                reaches_out.extend(attacked_or_in(a));
            }
        }
        reaches_out.sort_unstable();
        reaches_out.dedup();
        clauses.push(reaches_out);
    };
    match claim {
        Claim::NoAdmissibleWith(q) if valid(q) => {
            adm(&mut clauses);
            clauses.push(vec![v(*q)]);
        }
        Claim::NoStableWith(q) if valid(q) => {
            stb(&mut clauses);
            clauses.push(vec![v(*q)]);
        }
        Claim::NoStableWithout(q) if valid(q) => {
            stb(&mut clauses);
            clauses.push(vec![-v(*q)]);
        }
        Claim::NoStable => stb(&mut clauses),
        Claim::NoAdmissibleAbove(set) => {
            let m = members(set)?;
            adm(&mut clauses);
            clauses.extend(af.args().filter(|a| m[a.index()]).map(|a| vec![v(a)]));
            clauses.push(not_in(&m));
        }
        Claim::NoOtherStable(sets) => {
            stb(&mut clauses);
            for set in sets {
                let m = members(set)?;
                let c = af.args().filter(|a| m[a.index()]).map(|a| -v(a));
                clauses.push(c.chain(not_in(&m)).collect());
            }
        }
        Claim::NoAdmissibleOutside(sets) => {
            adm(&mut clauses);
            for set in sets {
                clauses.push(not_in(&members(set)?));
            }
        }
        Claim::NoAdmissibleWiderRange(set) | Claim::NoConflictFreeWiderRange(set) => {
            if matches!(claim, Claim::NoAdmissibleWiderRange(_)) {
                adm(&mut clauses);
            }
            // The range: the set and what it attacks.
            let m = members(set)?;
            let mut range = m.clone();
            for a in af.args() {
                if m[a.index()] {
                    for &b in af.attacked_by(a) {
                        range[b.index()] = true;
                    }
                }
            }
            let mut grows: Vec<i64> = Vec::new();
            for a in af.args() {
                if range[a.index()] {
                    clauses.push(attacked_or_in(a));
                } else {
                    grows.extend(attacked_or_in(a));
                }
            }
            grows.sort_unstable();
            grows.dedup();
            clauses.push(grows);
        }
        Claim::RangeCover { sets, query, with, stage } if valid(query) => {
            if !stage {
                adm(&mut clauses);
            }
            clauses.push(vec![if *with { v(*query) } else { -v(*query) }]);
            for (i, set) in sets.iter().enumerate() {
                range_under(&mut clauses, &members(set)?, (n + i + 1) as i64);
            }
            vars += sets.len();
        }
        Claim::NoOtherComplete(sets) => {
            adm(&mut clauses);
            // Variable n + b + 1: "b is attacked by the set".
            let t = |b: Arg| n as i64 + v(b);
            for b in af.args() {
                let attackers = &attackers[b.index()];
                clauses
                    .push(std::iter::once(-t(b)).chain(attackers.iter().map(|&c| v(c))).collect());
                for &c in attackers {
                    clauses.push(vec![t(b), -v(c)]);
                }
            }
            for a in af.args() {
                let c = attackers[a.index()].iter().map(|&b| -t(b));
                clauses.push(std::iter::once(v(a)).chain(c).collect());
            }
            for set in sets {
                let m = members(set)?;
                let c = af.args().filter(|a| m[a.index()]).map(|a| -v(a));
                clauses.push(c.chain(not_in(&m)).collect());
            }
            vars = 2 * n;
        }
        Claim::NoOtherRangeMaximal { sets, stage } => {
            if !stage {
                adm(&mut clauses);
            }
            for (i, set) in sets.iter().enumerate() {
                let m = members(set)?;
                range_under(&mut clauses, &m, (n + i + 1) as i64);
                let c = af.args().filter(|a| m[a.index()]).map(|a| -v(a));
                clauses.push(c.chain(not_in(&m)).collect());
            }
            vars += sets.len();
        }
        Claim::IdealShown { accepted, ideal } => {
            adm(&mut clauses);
            // CA: the union of the accepted sets; what it attacks; the ideal set.
            let ca = members(&accepted.concat())?;
            let attacked = hit_by(accepted)?;
            let i = members(ideal)?;
            let selector = n as i64 + 1;
            clauses.push(std::iter::once(selector).chain(not_in(&ca)).collect());
            for a in af.args().filter(|a| attacked[a.index()]) {
                clauses.push(vec![-selector, -v(a)]);
            }
            let beyond = af.args().filter(|a| !i[a.index()] && !attacked[a.index()]).map(v);
            clauses.push(std::iter::once(-selector).chain(beyond).collect());
            vars += 1;
        }
        Claim::IdealAttacked { attacking, ideal } => {
            adm(&mut clauses);
            let i = members(ideal)?;
            let selector = n as i64 + 1;
            // n + 1 + k: "the set attacks the k-th member of the ideal set" (increasing);
            // then n + 1 + |I| + j, j from 1: "... a member of the j-th block of 256".
            let inside: Vec<Arg> = af.args().filter(|a| i[a.index()]).collect();
            let blocks = inside.len().div_ceil(256) as i64;
            let block = |j: i64| selector + inside.len() as i64 + j;
            clauses.push(std::iter::once(-selector).chain((1..=blocks).map(block)).collect());
            for j in 1..=blocks {
                let picks =
                    ((j - 1) * 256 + 1..=(j * 256).min(inside.len() as i64)).map(|k| selector + k);
                clauses.push(std::iter::once(-block(j)).chain(picks).collect());
            }
            for (k, &r) in inside.iter().enumerate() {
                let by = attackers[r.index()].iter().map(|&b| v(b));
                clauses.push(std::iter::once(-(selector + 1 + k as i64)).chain(by).collect());
            }
            // A: what the attacking sets attack.
            let hit = hit_by(attacking)?;
            clauses.extend(af.args().filter(|a| hit[a.index()]).map(|a| vec![selector, -v(a)]));
            let beyond = af.args().filter(|a| !i[a.index()] && !hit[a.index()]).map(v);
            clauses.push(std::iter::once(selector).chain(beyond).collect());
            vars += 1 + inside.len() + blocks as usize;
        }
        Claim::StableShown { claim, .. } => return dimacs(af, claim),
        _ => return None,
    }
    let mut out = format!("p cnf {} {}\n", vars, clauses.len());
    for c in clauses {
        for l in c {
            let _ = write!(out, "{l} ");
        }
        out.push_str("0\n");
    }
    Some(out)
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
    /// The claim has no formula of its own ([`Claim::PreferredAllContain`]), or names an
    /// argument the framework lacks.
    #[error("the claim has no canonical formula on this framework")]
    NoFormula,
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
        claim: &Claim,
        proof: &Path,
        scratch: &Path,
    ) -> Result<Verdict, CheckError> {
        let id = format!("{}-{:?}", std::process::id(), std::thread::current().id());
        let id: String = id.chars().filter(char::is_ascii_alphanumeric).collect();
        let cnf = scratch.join(format!("argsat-claim-{id}.cnf"));
        // rate reads the proof's format from its extension.
        let drat = scratch.join(format!("argsat-proof-{id}.drat"));
        let formula = dimacs(af, claim).ok_or(CheckError::NoFormula)?;
        if formula.lines().any(|l| l.trim() == "0") {
            // The formula holds the empty clause: any proof refutes it (and checkers
            // refuse such input).
            return Ok(Verdict::Verified);
        }
        std::fs::write(&cnf, formula)?;
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
