//! Certified refutations on the command line: `--proof FILE` writes the DRAT proof of a
//! refutation (`argsat::certify`), `verify-proof` checks one with an external DRAT checker
//! (`argsat::proofcheck`).

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use argsat::certify::{Claim, ProveError, prove};
use argsat::format::Format;
use argsat::proofcheck::{CheckError, DratChecker, Verdict};
use argsat::{Arg, Framework, Task};

use super::{CliError, find_arg, read};

/// Writes to `path` the proof of `task`'s answer (`yes`; for SE whether an extension
/// was found) about `query`, when it is a refutation; says on stderr when argsat proves
/// no such refutation yet. An answer with a witness needs none: nothing is written.
pub(super) fn write(
    af: &Framework,
    task: Task,
    query: Option<Arg>,
    yes: bool,
    path: &Path,
) -> Result<(), CliError> {
    let claim = match Claim::of_answer(task, query, yes) {
        Ok(Some(claim)) => claim,
        Ok(None) => return Ok(()),
        Err(e) => {
            eprintln!("argsat: warning: {e}");
            return Ok(());
        }
    };
    let cannot = |e: &dyn std::fmt::Display| {
        CliError::Usage(format!("cannot write the proof {}: {e}", path.display()))
    };
    let mut file = std::fs::File::create(path).map_err(|e| cannot(&e))?;
    match prove(af, claim, &mut file) {
        Ok(()) => Ok(()),
        Err(ProveError::False(_)) => {
            let _ = std::fs::remove_file(path);
            Err(CliError::Inconsistent(format!(
                "the answer's claim ({claim:?}) is false: its canonical formula has a model"
            )))
        }
        Err(e) => Err(cannot(&e)),
    }
}

/// `argsat verify-proof`: exit 0 when the checker verifies the proof, 1 when it rejects
/// it, 2 on bad input or without a checker.
pub(super) fn verify(
    file: &Path,
    proof: &Path,
    task: &str,
    arg: Option<&str>,
    format: Option<Format>,
    out: &mut impl Write,
) -> Result<ExitCode, CliError> {
    let task: Task =
        task.parse().map_err(|e: argsat::task::UnknownTask| CliError::Usage(e.to_string()))?;
    let af = read(file, format)?;
    let query = match (task.problem.needs_argument(), arg) {
        (true, Some(label)) => Some(find_arg(&af, label, file)?),
        (true, None) => return Err(CliError::Usage(format!("{task} needs its argument: -a ARG"))),
        (false, _) => None,
    };
    // The refutation the task can answer: DC NO, DS YES, SE NO.
    let refuting = task.problem == argsat::Problem::Sceptical;
    let claim = match Claim::of_answer(task, query, refuting) {
        Ok(Some(claim)) => claim,
        Ok(None) => unreachable!("a refuting answer makes a claim"),
        Err(e) => return Err(CliError::Usage(e.to_string())),
    };
    if !proof.is_file() {
        return Err(CliError::Usage(format!("{}: no such proof file", proof.display())));
    }
    let checker = DratChecker::find().map_err(|e| CliError::Usage(e.to_string()))?;
    let scratch = std::env::temp_dir();
    match checker.check(&af, claim, proof, &scratch) {
        Ok(Verdict::Verified) => {
            writeln!(out, "verified: {} ({})", describe(claim, &af), checker.program.display())?;
            Ok(ExitCode::SUCCESS)
        }
        Ok(Verdict::Rejected(why)) => {
            writeln!(out, "rejected: {}\n{why}", describe(claim, &af))?;
            Ok(ExitCode::from(1))
        }
        Err(CheckError::Io(e)) => Err(CliError::Usage(format!("running the checker: {e}"))),
        Err(e) => Err(CliError::Usage(e.to_string())),
    }
}

/// The claim in words.
fn describe(claim: Claim, af: &Framework) -> String {
    match claim {
        Claim::NoAdmissibleWith(q) => format!("no admissible set contains {}", af.display_name(q)),
        Claim::NoStableWith(q) => format!("no stable extension contains {}", af.display_name(q)),
        Claim::NoStableWithout(q) => {
            format!("every stable extension contains {}", af.display_name(q))
        }
        Claim::NoStable => "there is no stable extension".to_owned(),
        _ => format!("{claim:?}"),
    }
}
