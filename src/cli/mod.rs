//! The command line: the ICCMA 2023 solver interface and friendlier subcommands, both
//! thin layers over the library. [`run`] maps every outcome to an exit code.

mod friendly;
mod iccma;

use std::ffi::OsString;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::af::{Arg, Framework};
use crate::format::{self, Format, ReadError};
use crate::task::Semantics;

/// argsat: a SAT-based solver for abstract argumentation frameworks.
///
/// ICCMA 2023 interface: `argsat -p TASK -f FILE [-a ARG] [-fo FORMAT]`,
/// `argsat --problems`, `argsat --formats`.
#[derive(Parser, Debug)]
#[command(name = "argsat", version, author, about, args_conflicts_with_subcommands = true)]
struct Cli {
    /// The ICCMA task, e.g. SE-GR, DC-PR, DS-ST (see --problems).
    #[arg(short = 'p', value_name = "TASK")]
    problem: Option<String>,
    /// The framework file.
    #[arg(short = 'f', value_name = "FILE")]
    file: Option<PathBuf>,
    /// The query argument of DC and DS tasks (number or name, as the file writes it).
    #[arg(short = 'a', value_name = "ARG")]
    arg: Option<String>,
    /// Input format: i23, apx or tgf (`-fo` works too); default: by extension, else sniffed.
    #[arg(long = "fo", value_name = "FORMAT")]
    format: Option<Format>,
    /// Print the supported tasks.
    #[arg(long)]
    problems: bool,
    /// Print the supported input formats.
    #[arg(long)]
    formats: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Print the extensions (or the grounded labelling) of a framework by name.
    Solve {
        /// The framework file.
        file: PathBuf,
        /// grounded, complete, preferred, stable, semi-stable, stage or ideal.
        #[arg(long, short, default_value = "grounded")]
        semantics: Semantics,
        /// Print every extension, not just one.
        #[arg(long)]
        all: bool,
        /// Machine-readable JSON output.
        #[arg(long)]
        json: bool,
        /// Input format (i23, apx, tgf).
        #[arg(long = "fo", value_name = "FORMAT")]
        format: Option<Format>,
    },
    /// Is ARG accepted credulously (in some extension) and sceptically (in all)?
    Accept {
        /// The framework file.
        file: PathBuf,
        /// The argument, as the file names it.
        arg: String,
        /// The semantics.
        #[arg(long, short, default_value = "preferred")]
        semantics: Semantics,
        /// Input format (i23, apx, tgf).
        #[arg(long = "fo", value_name = "FORMAT")]
        format: Option<Format>,
    },
    /// Is the framework consistent? Exit 0 when a stable extension exists, 1 when not.
    Check {
        /// The framework file.
        file: PathBuf,
        /// Input format (i23, apx, tgf).
        #[arg(long = "fo", value_name = "FORMAT")]
        format: Option<Format>,
    },
    /// Counts: arguments, attacks, self-attacks, unattacked, isolated, grounded labelling.
    Info {
        /// The framework file.
        file: PathBuf,
        /// Input format (i23, apx, tgf).
        #[arg(long = "fo", value_name = "FORMAT")]
        format: Option<Format>,
    },
    /// Convert between formats (the output format comes from --to or OUT's extension).
    Convert {
        /// The input file.
        input: PathBuf,
        /// The output file (`-` for standard output, then --to is needed).
        output: PathBuf,
        /// Input format.
        #[arg(long)]
        from: Option<Format>,
        /// Output format.
        #[arg(long)]
        to: Option<Format>,
    },
}

/// Why a command failed.
#[derive(Debug, thiserror::Error)]
pub(crate) enum CliError {
    /// The input could not be read or parsed (exit 2).
    #[error(transparent)]
    Read(#[from] ReadError),
    /// The command was not well formed (exit 2).
    #[error("{0}")]
    Usage(String),
    /// Writing the output failed.
    #[error("{0}")]
    Io(#[from] io::Error),
}

/// Runs the command line `args` (including the program name) and returns the exit code:
/// 0 on success, 1 when `check` finds no stable extension, 2 on bad input or usage.
pub fn run(args: Vec<OsString>) -> ExitCode {
    // ICCMA spells the format flag `-fo`; clap's short flags are one letter.
    let args: Vec<OsString> =
        args.into_iter().map(|a| if a == "-fo" { "--fo".into() } else { a }).collect();
    let no_args = args.len() <= 1;
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let result = if no_args {
        writeln!(
            out,
            "{} {}\n{}",
            env!("CARGO_PKG_NAME"),
            env!("CARGO_PKG_VERSION"),
            env!("CARGO_PKG_AUTHORS")
        )
        .map(|()| ExitCode::SUCCESS)
        .map_err(CliError::from)
    } else {
        dispatch(cli, &mut out)
    };
    let flushed = out.flush();
    match (result, flushed) {
        (Ok(code), Ok(())) => code,
        (Err(CliError::Io(e)), _) | (Ok(_), Err(e)) if e.kind() == io::ErrorKind::BrokenPipe => {
            ExitCode::SUCCESS
        }
        (Ok(_), Err(e)) => report(&CliError::Io(e)),
        (Err(e), _) => report(&e),
    }
}

fn report(e: &CliError) -> ExitCode {
    match e {
        CliError::Read(ReadError::Parse { path, error }) => {
            eprintln!("{}:{}:{}: error: {}", path.display(), error.line, error.column, error.kind);
            ExitCode::from(2)
        }
        CliError::Read(ReadError::Io { path, source }) => {
            eprintln!("{}: error: {source}", path.display());
            ExitCode::from(2)
        }
        CliError::Usage(m) => {
            eprintln!("argsat: error: {m}");
            ExitCode::from(2)
        }
        CliError::Io(e) => {
            eprintln!("argsat: error: {e}");
            ExitCode::from(1)
        }
    }
}

fn dispatch(cli: Cli, out: &mut impl Write) -> Result<ExitCode, CliError> {
    match cli.command {
        Some(Command::Solve { file, semantics, all, json, format }) => {
            friendly::solve(&read(&file, format)?, semantics, all, json, out)
        }
        Some(Command::Accept { file, arg, semantics, format }) => {
            let af = read(&file, format)?;
            let a = find_arg(&af, &arg, &file)?;
            friendly::accept(&af, a, semantics, out)
        }
        Some(Command::Check { file, format }) => friendly::check(&file, format, out),
        Some(Command::Info { file, format }) => friendly::info(&read(&file, format)?, out),
        Some(Command::Convert { input, output, from, to }) => {
            friendly::convert(&input, &output, from, to)
        }
        None => {
            iccma::run(cli.problem, cli.file, cli.arg, cli.format, cli.problems, cli.formats, out)
        }
    }
}

/// Reads a framework, choosing the format from `format`, the extension or the content.
pub(crate) fn read(path: &Path, format: Option<Format>) -> Result<Framework, CliError> {
    Ok(format::read_file(path, format)?.0)
}

/// Resolves a query argument as the file names it.
pub(crate) fn find_arg(af: &Framework, label: &str, path: &Path) -> Result<Arg, CliError> {
    af.find(label).ok_or_else(|| {
        let hint = match af.names() {
            Some(_) => "arguments are named as in the file".to_owned(),
            None => format!("arguments are numbered 1..={}", af.len()),
        };
        CliError::Usage(format!("argument `{label}` not found in {} ({hint})", path.display()))
    })
}

/// Writes `w a b c` (bare `w` for the empty set), arguments as the input names them.
pub(crate) fn write_witness(af: &Framework, ext: &[Arg], out: &mut impl Write) -> io::Result<()> {
    out.write_all(b"w")?;
    for &a in ext {
        out.write_all(b" ")?;
        format::write_name(af, a, out)?;
    }
    out.write_all(b"\n")
}
