//! The ICCMA solver interface: `-p TASK -f FILE [-a ARG]`, `--problems`, `--formats`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use argsat::{Certificates, Format, Options, Problem, Task, solver_with};

use super::{CliError, find_arg, read, write_witness};

/// What an ICCMA call asks.
pub(super) struct Call {
    pub problem: Option<String>,
    pub file: Option<PathBuf>,
    pub arg: Option<String>,
    pub format: Option<Format>,
    pub problems: bool,
    pub formats: bool,
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
        let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
        writeln!(out, "[{}]", names.join(","))?;
        return Ok(ExitCode::SUCCESS);
    }
    let problem =
        call.problem.ok_or_else(|| CliError::Usage("missing -p TASK (see --problems)".into()))?;
    let task: Task =
        problem.parse().map_err(|e: argsat::task::UnknownTask| CliError::Usage(e.to_string()))?;
    let file = call.file.ok_or_else(|| CliError::Usage("missing -f FILE".into()))?;
    let af = read(&file, call.format)?;
    let query = if task.problem.needs_argument() {
        let label = call
            .arg
            .ok_or_else(|| CliError::Usage(format!("{task} needs a query argument: -a ARG")))?;
        Some(find_arg(&af, &label, &file)?)
    } else {
        None
    };
    let mut s = solver_with(&af, task.semantics, call.options);
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
