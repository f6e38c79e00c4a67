//! The ICCMA solver interface: `-p TASK -f FILE [-a ARG]`, `--problems`, `--formats`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use argsat::{Certificates, Format, Options, Problem, Task, solver_with};

use super::interrupt::emit;
use super::{CliError, find_arg, read, write_witness};

/// What an ICCMA call asks.
pub(super) struct Call {
    pub problem: Option<String>,
    pub file: Option<PathBuf>,
    pub arg: Option<String>,
    pub format: Option<super::aba::AnyFormat>,
    /// ABA: print the assumption set after DC YES and DS NO.
    pub witness: bool,
    pub problems: bool,
    pub formats: bool,
    /// Where the proof of a refutation goes (`--proof`).
    pub proof: Option<PathBuf>,
    pub options: Options,
}

/// Which competition's certificate rules (`--iccma 2023|2025`).
pub(super) fn certificates(year: u16) -> Result<Certificates, CliError> {
    match year {
        2023 => Ok(Certificates::Iccma2023),
        2025 => Ok(Certificates::Iccma2025),
        _ => Err(CliError::Usage(format!("--iccma takes 2023 or 2025, not {year}"))),
    }
}

pub(super) fn run(call: Call, out: &mut impl Write) -> Result<ExitCode, CliError> {
    if call.problems {
        let names: Vec<String> = Task::ALL.iter().map(Task::to_string).collect();
        writeln!(out, "[{}]", names.join(","))?;
        return Ok(ExitCode::SUCCESS);
    }
    if call.formats {
        let mut names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
        names.extend(["aba", "abafacts"]);
        writeln!(out, "[{}]", names.join(","))?;
        return Ok(ExitCode::SUCCESS);
    }
    let problem =
        call.problem.ok_or_else(|| CliError::Usage("missing -p TASK (see --problems)".into()))?;
    let task: Task =
        problem.parse().map_err(|e: argsat::task::UnknownTask| CliError::Usage(e.to_string()))?;
    let file = call.file.ok_or_else(|| CliError::Usage("missing -f FILE".into()))?;
    if let Some(f) = super::aba::detect(&file, call.format)? {
        if call.proof.is_some() {
            return Err(CliError::Usage("--proof is for AF frameworks".into()));
        }
        let (query, witness) = (call.arg.as_deref(), call.witness);
        return super::aba::iccma(task, &file, f, query, witness, call.options, out);
    }
    let af = read(&file, super::aba::AnyFormat::af(call.format)?)?;
    let query = if task.problem.needs_argument() {
        let label = call
            .arg
            .ok_or_else(|| CliError::Usage(format!("{task} needs a query argument: -a ARG")))?;
        Some(find_arg(&af, &label, &file)?)
    } else {
        None
    };
    let mut s = solver_with(af.clone(), task.semantics, call.options);
    // The sets printed, kept only for a proof: a certificate, or every extension of EE.
    let mut shown: Vec<Vec<argsat::Arg>> = Vec::new();
    let keep = call.proof.is_some();
    // The answer a proof would stand for: DC/DS's YES, or whether SE found an extension.
    let yes = match (task.problem, query) {
        (Problem::SomeExtension, _) => {
            let ext = s.some_extension()?;
            emit(out, |o| match &ext {
                Some(ext) => write_witness(&af, ext, o),
                None => writeln!(o, "NO"),
            })?;
            if keep {
                shown.extend(ext.iter().cloned());
            }
            Some(ext.is_some())
        }
        (Problem::Credulous, Some(a)) => {
            let d = s.credulous(a)?;
            let witness = d.certificate.as_deref().filter(|_| d.accepted);
            decision(&af, d.accepted, witness, out)?;
            if keep {
                shown.extend(witness.map(<[_]>::to_vec));
            }
            Some(d.accepted)
        }
        (Problem::Sceptical, Some(a)) => {
            let d = s.sceptical(a)?;
            let counterexample = d.certificate.as_deref().filter(|_| !d.accepted);
            decision(&af, d.accepted, counterexample, out)?;
            if keep {
                shown.extend(counterexample.map(<[_]>::to_vec));
            }
            Some(d.accepted)
        }
        (Problem::EnumerateExtensions, _) => {
            let mut result = Ok(());
            s.enumerate(&mut |ext| {
                // One record per extension, so a run cut short keeps what it found.
                result = emit(out, |o| write_witness(&af, ext, o));
                if keep {
                    shown.push(ext.to_vec());
                }
                result.is_ok()
            })?;
            result?;
            Some(true)
        }
        (Problem::CountExtensions, _) => {
            let n = s.count()?;
            emit(out, |o| writeln!(o, "{n}"))?;
            None
        }
        (Problem::Credulous | Problem::Sceptical, None) => unreachable!("query checked above"),
    };
    if let Some(path) = &call.proof {
        match yes {
            Some(yes) => super::proof::write(&af, task, query, yes, &shown, path)?,
            None => eprintln!("argsat: warning: no proof for {task}: counts are not certified"),
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `YES` or `NO` and the certificate, as one record: whole or absent when the run is cut
/// short.
fn decision(
    af: &argsat::Framework,
    yes: bool,
    certificate: Option<&[argsat::Arg]>,
    out: &mut impl Write,
) -> std::io::Result<()> {
    emit(out, |o| {
        writeln!(o, "{}", if yes { "YES" } else { "NO" })?;
        certificate.map_or(Ok(()), |w| write_witness(af, w, o))
    })
}
