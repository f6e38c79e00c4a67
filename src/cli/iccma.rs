//! The ICCMA 2023 solver interface: `-p TASK -f FILE [-a ARG]`, `--problems`, `--formats`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use super::{CliError, find_arg, read, write_witness};
use crate::format::Format;
use crate::semantics::solver;
use crate::task::{Problem, Semantics, Task};

pub(super) fn run(
    problem: Option<String>,
    file: Option<PathBuf>,
    arg: Option<String>,
    format: Option<Format>,
    problems: bool,
    formats: bool,
    out: &mut impl Write,
) -> Result<ExitCode, CliError> {
    if problems {
        let names: Vec<String> = Task::supported().iter().map(Task::to_string).collect();
        writeln!(out, "[{}]", names.join(","))?;
        return Ok(ExitCode::SUCCESS);
    }
    if formats {
        let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
        writeln!(out, "[{}]", names.join(","))?;
        return Ok(ExitCode::SUCCESS);
    }
    let problem =
        problem.ok_or_else(|| CliError::Usage("missing -p TASK (see --problems)".into()))?;
    let task: Task =
        problem.parse().map_err(|e: crate::task::UnknownTask| CliError::Usage(e.to_string()))?;
    let file = file.ok_or_else(|| CliError::Usage("missing -f FILE".into()))?;
    let af = read(&file, format)?;
    let query = if task.problem.needs_argument() {
        let label =
            arg.ok_or_else(|| CliError::Usage(format!("{task} needs a query argument: -a ARG")))?;
        Some(find_arg(&af, &label, &file)?)
    } else {
        None
    };
    // Credulous preferred acceptance is credulous complete acceptance, and ICCMA 2023
    // takes a complete (even an admissible) certificate for DC-PR: growing it to a
    // preferred extension can cost far more than the answer on a large framework.
    let semantics = match (task.problem, task.semantics) {
        (Problem::Credulous, Semantics::Preferred) => Semantics::Complete,
        (_, semantics) => semantics,
    };
    let mut s = solver(&af, semantics);
    match (task.problem, query) {
        (Problem::SomeExtension, _) => match s.some_extension() {
            Some(ext) => write_witness(&af, &ext, out)?,
            None => writeln!(out, "NO")?,
        },
        (Problem::Credulous, Some(a)) => {
            let d = s.credulous(a);
            writeln!(out, "{}", if d.accepted { "YES" } else { "NO" })?;
            if let (true, Some(w)) = (d.accepted, &d.certificate) {
                write_witness(&af, w, out)?;
            }
        }
        (Problem::Sceptical, Some(a)) => {
            let d = s.sceptical(a);
            writeln!(out, "{}", if d.accepted { "YES" } else { "NO" })?;
            if let (false, Some(w)) = (d.accepted, &d.certificate) {
                write_witness(&af, w, out)?;
            }
        }
        (Problem::EnumerateExtensions, _) => {
            let mut result = Ok(());
            s.enumerate(&mut |ext| {
                // Flush each line so a killed run keeps what it found.
                result = write_witness(&af, ext, out).and_then(|()| out.flush());
                result.is_ok()
            });
            result?;
        }
        (Problem::CountExtensions, _) => writeln!(out, "{}", s.count())?,
        (Problem::Credulous | Problem::Sceptical, None) => unreachable!("query checked above"),
    }
    Ok(ExitCode::SUCCESS)
}
