//! `argsat bench`, `argsat bench report` and `argsat generate`: flags to the library's
//! benchmark harness (`crate::bench`) and generator (`argsat::generate`).

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::bench::{self, BenchOptions};
use argsat::generate::{self, Family, Params};

use super::CliError;

fn usage(e: impl ToString) -> CliError {
    CliError::Usage(e.to_string())
}

/// Exit code 1 when an answer was wrong or disputed.
fn agreed(all_agree: bool) -> ExitCode {
    if all_agree { ExitCode::SUCCESS } else { ExitCode::from(1) }
}

pub(super) fn bench(o: &BenchOptions, out: &mut impl Write) -> Result<ExitCode, CliError> {
    super::interrupt::on_exit(bench::remove_scratch);
    Ok(agreed(bench::bench(o, out)?))
}

/// `bench --slurm`: 0 submitted or every run done and agreed, 1 an answer wrong or
/// disputed, 3 runs missing.
pub(super) fn campaign(o: &BenchOptions, out: &mut impl Write) -> Result<ExitCode, CliError> {
    Ok(match bench::campaign(o, out)? {
        bench::CampaignEnd::Submitted | bench::CampaignEnd::Agreed => ExitCode::SUCCESS,
        bench::CampaignEnd::Disagreed => ExitCode::from(1),
        bench::CampaignEnd::Incomplete => ExitCode::from(3),
    })
}

pub(super) fn report(
    files: &[PathBuf],
    plot_dir: Option<&Path>,
    csv: Option<&Path>,
    certify: bool,
    score: bench::Score,
    out: &mut impl Write,
) -> Result<ExitCode, CliError> {
    Ok(agreed(bench::report(files, plot_dir, csv, certify, score, out)?))
}

pub(super) fn generate(
    family: Family,
    params: &Params,
    output: Option<&Path>,
    out: &mut impl Write,
) -> Result<ExitCode, CliError> {
    let af = generate::generate(family, params).map_err(usage)?;
    let origin = generate::command_line(family, params);
    match output {
        None => generate::write_instance(&af, &origin, out)?,
        Some(path) => {
            let io_err = |e: io::Error| usage(format!("{}: {e}", path.display()));
            let mut file = io::BufWriter::new(File::create(path).map_err(io_err)?);
            generate::write_instance(&af, &origin, &mut file)
                .and_then(|()| file.flush())
                .map_err(io_err)?;
            if let Some(q) = generate::query(params) {
                let mut arg_path = path.as_os_str().to_owned();
                arg_path.push(".arg");
                std::fs::write(&arg_path, format!("{}\n", q.number())).map_err(io_err)?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `argsat generate aba`: a `p aba` file with a comment line saying how to make it again,
/// and the query atom beside it (FILE.arg).
pub(super) fn generate_aba(
    params: &argsat::aba::generate::AbaParams,
    output: Option<&Path>,
    out: &mut impl Write,
) -> Result<ExitCode, CliError> {
    let (fw, query) = argsat::aba::generate::generate(params).map_err(usage)?;
    let mut text = format!("# {}\n", argsat::aba::generate::command_line(params)).into_bytes();
    argsat::aba::write(&fw, argsat::aba::AbaFormat::Iccma, &mut text)?;
    match output {
        None => out.write_all(&text)?,
        Some(path) => {
            let io_err = |e: io::Error| usage(format!("{}: {e}", path.display()));
            std::fs::write(path, &text).map_err(io_err)?;
            if let Some(q) = query {
                let mut arg_path = path.as_os_str().to_owned();
                arg_path.push(".arg");
                std::fs::write(&arg_path, format!("{}\n", q.number())).map_err(io_err)?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
