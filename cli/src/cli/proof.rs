//! Certified answers on the command line: `--proof FILE` writes the DRAT proof of the
//! claim behind an answer (`argsat::certify`), `verify-proof` checks one with an external
//! DRAT checker (`argsat::proofcheck`).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use argsat::certify::{Claim, ProveError, prove};
use argsat::format::Format;
use argsat::proofcheck::{
    CheckError, DratChecker, Needs, Printed, Verdict, claim_of, ideal_by_attacks, named,
};
use argsat::{Arg, Framework, Problem, Task};

use super::{CliError, find_arg, read, write_witness};

/// Where the sets a proof's claim names go (DS-PR YES's covering sets, the stable
/// extension or range cover behind a semi-stable or stage refutation): `PROOF.sets`.
pub(super) fn sets_path(proof: &Path) -> PathBuf {
    let mut name = proof.as_os_str().to_owned();
    name.push(".sets");
    PathBuf::from(name)
}

/// Writes to `path` the proof of `task`'s answer (`yes`; for SE whether an extension
/// was found) about `query`, whose printed sets are `shown`, when no witness shows it;
/// says on stderr when argsat certifies no such answer. An answer its printed sets show
/// needs none: nothing is written.
pub(super) fn write(
    af: &Framework,
    task: Task,
    query: Option<Arg>,
    yes: bool,
    shown: &[Vec<Arg>],
    path: &Path,
) -> Result<(), CliError> {
    let claim = match Claim::of_answer(af, task, query, yes, shown) {
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
    let publish = |sets: &[Vec<Arg>]| -> Result<(), CliError> {
        let mut text = Vec::new();
        for set in sets {
            write_witness(af, set, &mut text)?;
        }
        std::fs::write(sets_path(path), text).map_err(|e| cannot(&e))
    };
    match prove(af, &claim, path) {
        Ok(Claim::NoAdmissibleOutside(sets)) if matches!(claim, Claim::PreferredAllContain(_)) => {
            publish(&sets)
        }
        Ok(Claim::StableShown { stable, .. }) => publish(&[stable]),
        Ok(Claim::RangeCover { sets, .. }) => publish(&sets),
        Ok(proved @ (Claim::IdealShown { .. } | Claim::IdealAttacked { .. })) => {
            let (sets, ideal, marker): (&[Vec<Arg>], &Vec<Arg>, &[u8]) = match &proved {
                Claim::IdealShown { accepted, ideal } => (accepted, ideal, b"ideal\n"),
                Claim::IdealAttacked { attacking, ideal } => {
                    (attacking, ideal, b"ideal by attacks\n")
                }
                _ => unreachable!("matched above"),
            };
            // The answer must be the ideal extension's.
            let mut sorted = ideal.clone();
            sorted.sort_unstable();
            let agrees = match (task.problem, query) {
                (Problem::Credulous | Problem::Sceptical, Some(q)) => sorted.contains(&q) == yes,
                _ => shown.first().is_some_and(|s| {
                    let mut s = s.clone();
                    s.sort_unstable();
                    s == sorted
                }),
            };
            if !agrees {
                return Err(CliError::Inconsistent(
                    "the answer is not that of the ideal extension the proof shows".into(),
                ));
            }
            let mut text = Vec::new();
            for set in sets {
                write_witness(af, set, &mut text)?;
            }
            text.extend_from_slice(marker);
            write_witness(af, ideal, &mut text)?;
            std::fs::write(sets_path(path), text).map_err(|e| cannot(&e))
        }
        Ok(_) => Ok(()),
        Err(ProveError::Unprovable(why)) => {
            eprintln!("argsat: warning: no proof for {task}: {why}");
            Ok(())
        }
        Err(ProveError::False(_)) => Err(CliError::Inconsistent(format!(
            "the answer's claim ({}) is false: its canonical formula has a model",
            describe(&claim, af)
        ))),
        Err(e) => Err(cannot(&e)),
    }
}

/// `argsat verify-proof`: exit 0 when the answer is shown (the checker verifies the
/// proof, or the printed sets need none), 1 when the proof or the answer is rejected, 2
/// on bad input or without a checker.
pub(super) struct VerifyCall<'a> {
    pub file: &'a Path,
    pub proof: &'a Path,
    pub task: &'a str,
    pub arg: Option<&'a str>,
    /// The solver's printed answer; without it, the task's refutation (DC NO, DS YES,
    /// SE NO) with no sets.
    pub answer: Option<&'a Path>,
    pub format: Option<Format>,
}

pub(super) fn verify(call: VerifyCall<'_>, out: &mut impl Write) -> Result<ExitCode, CliError> {
    let task: Task =
        call.task.parse().map_err(|e: argsat::task::UnknownTask| CliError::Usage(e.to_string()))?;
    let af = read(call.file, call.format)?;
    let query = match (task.problem.needs_argument(), call.arg) {
        (true, Some(label)) => Some(find_arg(&af, label, call.file)?),
        (true, None) => return Err(CliError::Usage(format!("{task} needs its argument: -a ARG"))),
        (false, Some(_)) => return Err(CliError::Usage(format!("{task} takes no argument"))),
        (false, None) => None,
    };
    let read_printed = |path: &Path| -> Result<Printed, CliError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| CliError::Usage(format!("{}: {e}", path.display())))?;
        Printed::parse(&af, &text).map_err(|e| CliError::Usage(format!("{}: {e}", path.display())))
    };
    let printed = match call.answer {
        Some(path) => read_printed(path)?,
        // The refutation the task can answer: DC NO, DS YES, SE NO.
        None => Printed { yes: Some(task.problem == argsat::Problem::Sceptical), sets: vec![] },
    };
    let sets_file = sets_path(call.proof);
    // An ideal certificate's `ideal` (or `ideal by attacks`) line comes before its last
    // set, the ideal extension: the sets are read in order, the ideal one last.
    let mut by_attacks = false;
    let covering = if sets_file.is_file() {
        let text = std::fs::read_to_string(&sets_file)
            .map_err(|e| CliError::Usage(format!("{}: {e}", sets_file.display())))?;
        let is_marker = |l: &str| matches!(l.trim(), "ideal" | "ideal by attacks");
        let marker = text.lines().position(is_marker);
        by_attacks = marker.is_some_and(|i| text.lines().nth(i).unwrap_or("").trim() != "ideal");
        let sets_after = marker.map(|i| text.lines().skip(i + 1).filter(|l| !l.trim().is_empty()));
        if sets_after.is_some_and(|mut rest| rest.next().is_none() || rest.next().is_some())
            || text.lines().filter(|l| is_marker(l)).count() > 1
        {
            return Err(CliError::Usage(format!(
                "{}: one `ideal` or `ideal by attacks` line, before one `w` line, the last",
                sets_file.display()
            )));
        }
        let kept: String =
            text.lines().filter(|l| !is_marker(l)).map(|l| format!("{l}\n")).collect();
        let parsed = Printed::parse(&af, &kept)
            .map_err(|e| CliError::Usage(format!("{}: {e}", sets_file.display())))?;
        Some(parsed.sets)
    } else {
        None
    };
    let needs = match covering.as_deref().and_then(<[_]>::split_last) {
        Some((ideal, attacking)) if by_attacks => {
            ideal_by_attacks(&af, task, query, &printed, attacking, ideal)
        }
        _ => claim_of(&af, task, query, &printed, covering.as_deref()),
    };
    let claim = match needs {
        Ok(Needs::Proof(claim)) => claim,
        Ok(Needs::Nothing(why)) => {
            writeln!(out, "verified: {why} (no proof needed)")?;
            return Ok(ExitCode::SUCCESS);
        }
        Err(why) => {
            writeln!(out, "rejected: {why}")?;
            return Ok(ExitCode::from(1));
        }
    };
    if !call.proof.is_file() {
        return Err(CliError::Usage(format!("{}: no such proof file", call.proof.display())));
    }
    let checker = DratChecker::find().map_err(|e| CliError::Usage(e.to_string()))?;
    let scratch = std::env::temp_dir();
    match checker.check(&af, &claim, call.proof, &scratch) {
        Ok(Verdict::Verified) => {
            writeln!(out, "verified: {} ({})", describe(&claim, &af), checker.program.display())?;
            Ok(ExitCode::SUCCESS)
        }
        Ok(Verdict::Rejected(why)) => {
            writeln!(out, "rejected: {}\n{why}", describe(&claim, &af))?;
            Ok(ExitCode::from(1))
        }
        Err(CheckError::Io(e)) => Err(CliError::Usage(format!("running the checker: {e}"))),
        Err(e) => Err(CliError::Usage(e.to_string())),
    }
}

/// The claim in words.
fn describe(claim: &Claim, af: &Framework) -> String {
    let set = |s: &[Arg]| named(af, s);
    match claim {
        Claim::NoAdmissibleWith(q) => format!("no admissible set contains {}", af.display_name(*q)),
        Claim::NoStableWith(q) => format!("no stable extension contains {}", af.display_name(*q)),
        Claim::NoStableWithout(q) => {
            format!("every stable extension contains {}", af.display_name(*q))
        }
        Claim::NoStable => "there is no stable extension".to_owned(),
        Claim::PreferredAllContain(q) => {
            format!("every preferred extension contains {}", af.display_name(*q))
        }
        Claim::NoAdmissibleAbove(s) => format!("no admissible set is larger than {}", set(s)),
        Claim::NoOtherStable(sets) => format!("the {} stable extensions are all", sets.len()),
        Claim::NoAdmissibleOutside(sets) => {
            format!("every admissible set lies inside one of {} sets", sets.len())
        }
        Claim::NoAdmissibleWiderRange(s) => {
            format!("no admissible set has a wider range than {}", set(s))
        }
        Claim::NoConflictFreeWiderRange(s) => {
            format!("no conflict-free set has a wider range than {}", set(s))
        }
        Claim::IdealShown { accepted, ideal } => format!(
            "{} is the ideal extension ({} admissible sets cover the credulously accepted \
             arguments)",
            set(ideal),
            accepted.len()
        ),
        Claim::IdealAttacked { attacking, ideal } => format!(
            "{} is the ideal extension (no admissible set attacks it, and every one avoiding \
             what {} admissible sets attack lies inside it)",
            set(ideal),
            attacking.len()
        ),
        Claim::NoOtherComplete(sets) => format!("the {} complete extensions are all", sets.len()),
        Claim::NoOtherRangeMaximal { sets, stage } => format!(
            "the {} {} extensions are all",
            sets.len(),
            if *stage { "stage" } else { "semi-stable" }
        ),
        Claim::NoRangeMaximal { query, with, stage } => format!(
            "no {} extension {} {}",
            if *stage { "stage" } else { "semi-stable" },
            if *with { "contains" } else { "lacks" },
            af.display_name(*query)
        ),
        Claim::RangeCover { sets, query, with, stage } => format!(
            "every {} set {} {} has a range strictly inside one of {} sets' ranges, so no {} \
             extension {} it",
            if *stage { "conflict-free" } else { "admissible" },
            if *with { "containing" } else { "lacking" },
            af.display_name(*query),
            sets.len(),
            if *stage { "stage" } else { "semi-stable" },
            if *with { "contains" } else { "lacks" },
        ),
        Claim::StableShown { stable, claim } => format!(
            "{} is stable (so the semi-stable and stage extensions are the stable ones), and {}",
            set(stable),
            describe(claim, af)
        ),
        other => format!("{other:?}"),
    }
}
