//! The command line: the ICCMA 2023 solver interface and friendlier subcommands, both
//! thin layers over the library (flags in, the library's answers out, no solving
//! policy). [`run`] maps every outcome to an exit code.

mod aba;
mod args;
mod bench;
mod friendly;
mod iccma;
mod interrupt;
mod picture;
mod proof;
mod serve;

use std::ffi::OsString;
use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use clap::Parser;

use aba::AnyFormat;
use args::{BenchCommand, Cli, Command};

use crate::bench::{BenchError, BenchOptions};
use argsat::format::{self, Format, ReadError};
use argsat::{Arg, Framework};

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
    /// An answer's claim turned out false when its proof was sought (a wrong answer).
    #[error("{0}")]
    Inconsistent(String),
    /// `--timeout` passed during a solver call.
    #[error("{0}")]
    Stopped(#[from] argsat::Stopped),
}

impl From<BenchError> for CliError {
    fn from(e: BenchError) -> CliError {
        match e {
            BenchError::Usage(m) => CliError::Usage(m),
            BenchError::Io(e) => CliError::Io(e),
        }
    }
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
    let timeout = match cli.command {
        Some(
            Command::Solve { limit, .. }
            | Command::Accept { limit, .. }
            | Command::Check { limit, .. }
            | Command::Info { limit, .. }
            | Command::Explain { limit, .. }
            | Command::Render { limit, .. }
            | Command::Convert { limit, .. },
        ) => limit.timeout,
        Some(
            Command::Bench(_)
            | Command::Generate(_)
            | Command::VerifyProof { .. }
            | Command::Serve { .. },
        ) => None,
        None => cli.limit.timeout,
    };
    let timeout = match timeout.map(Duration::try_from_secs_f64) {
        Some(Ok(t)) => Some(t),
        Some(Err(_)) => return report(&CliError::Usage("--timeout takes seconds (> 0)".into())),
        None => None,
    };
    let deadline = timeout.and_then(|t| Instant::now().checked_add(t));
    interrupt::install(timeout);
    let stdout = io::stdout();
    let mut out = io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let result = if no_args {
        writeln!(out, "argsat {}\n{}", env!("CARGO_PKG_VERSION"), env!("CARGO_PKG_AUTHORS"))
            .map(|()| ExitCode::SUCCESS)
            .map_err(CliError::from)
    } else {
        dispatch(cli, deadline, &mut out)
    };
    let flushed = interrupt::emit(&mut out, |_| Ok(()));
    match (result, flushed) {
        (Ok(code), Ok(())) => code,
        (Err(CliError::Io(e)), _) | (Ok(_), Err(e)) if e.kind() == io::ErrorKind::BrokenPipe => {
            ExitCode::SUCCESS
        }
        (Ok(_), Err(e)) => report(&CliError::Io(e)),
        (Err(CliError::Stopped(_)), _) => {
            let limit = timeout.expect("only a deadline stops a call");
            eprintln!("{}", interrupt::timed_out(limit));
            ExitCode::from(interrupt::TIMED_OUT as u8)
        }
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
        CliError::Read(e) => {
            eprintln!("error: {e}");
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
        CliError::Inconsistent(m) => {
            eprintln!("argsat: error: {m}");
            ExitCode::from(1)
        }
        CliError::Stopped(e) => {
            eprintln!("argsat: {e}");
            ExitCode::from(interrupt::TIMED_OUT as u8)
        }
    }
}

fn dispatch(
    cli: Cli,
    deadline: Option<Instant>,
    out: &mut impl Write,
) -> Result<ExitCode, CliError> {
    let options = argsat::Options {
        backend: cli.sat,
        walk: cli.walk_after,
        deadline,
        ..argsat::Options::default()
    };
    match cli.command {
        Some(Command::Solve { file, semantics, all, json, format, .. }) => {
            if let Some(f) = aba::detect(&file, format)? {
                return aba::solve(&aba::read(&file, f)?, semantics, all, json, options, out);
            }
            friendly::solve(
                &read(&file, AnyFormat::af(format)?)?,
                semantics,
                all,
                json,
                options,
                out,
            )
        }
        Some(Command::Accept { file, arg, semantics, format, .. }) => {
            if let Some(f) = aba::detect(&file, format)? {
                let fw = aba::read(&file, f)?;
                let q = aba::find_atom(&fw, &arg, &file)?;
                return aba::accept(&fw, q, semantics, options, out);
            }
            let af = read(&file, AnyFormat::af(format)?)?;
            let a = find_arg(&af, &arg, &file)?;
            friendly::accept(&af, a, semantics, options, out)
        }
        Some(Command::Serve { files, bind, port, open, max_body, request_timeout }) => {
            let config = serve::Config {
                files,
                bind,
                port,
                open,
                max_body: serve::parse_size(&max_body).map_err(CliError::Usage)?,
                request_timeout: Duration::try_from_secs_f64(request_timeout)
                    .ok()
                    .filter(|d| !d.is_zero())
                    .ok_or_else(|| {
                        CliError::Usage("--request-timeout takes seconds (> 0)".into())
                    })?,
                options,
            };
            serve::run(config, out)
        }
        Some(Command::VerifyProof { file, proof, task, arg, answer, format }) => {
            let call = proof::VerifyCall {
                file: &file,
                proof: &proof,
                task: &task,
                arg: arg.as_deref(),
                answer: answer.as_deref(),
                format,
            };
            proof::verify(call, out)
        }
        Some(Command::Check { file, format, budget, proof, .. }) => {
            let budget = match budget.map(Duration::try_from_secs_f64) {
                None => None,
                Some(Ok(b)) => Some(b),
                Some(Err(_)) if budget == Some(f64::INFINITY) => Some(Duration::MAX),
                Some(Err(_)) => return Err(CliError::Usage("--budget takes seconds >= 0".into())),
            };
            if let Some(f) = aba::detect(&file, format)? {
                if proof.is_some() {
                    return Err(CliError::Usage("--proof is for AF frameworks".into()));
                }
                return aba::check(&aba::read(&file, f)?, options, budget, out);
            }
            friendly::check(&file, AnyFormat::af(format)?, options, budget, proof.as_deref(), out)
        }
        Some(Command::Info { file, format, .. }) => {
            if let Some(f) = aba::detect(&file, format)? {
                return aba::info(&*aba::read(&file, f)?, out);
            }
            friendly::info(&*read(&file, AnyFormat::af(format)?)?, out)
        }
        Some(Command::Explain { file, arg, semantics, json, render, format, .. }) => {
            if let Some(f) = aba::detect(&file, format)? {
                let fw = aba::read(&file, f)?;
                let q = aba::find_atom(&fw, &arg, &file)?;
                return aba::explain(&fw, q, semantics, json, options, out);
            }
            let af = read(&file, AnyFormat::af(format)?)?;
            let a = find_arg(&af, &arg, &file)?;
            picture::explain(&af, a, semantics, json, render.as_deref(), options, out)
        }
        Some(Command::Render {
            file, output, semantics, extension, focus, depth, format, ..
        }) => {
            let af = read(&file, format)?;
            let focus = match focus {
                Some(label) => Some((find_arg(&af, &label, &file)?, depth)),
                None => None,
            };
            let request = picture::Request { semantics, extension, focus, nearest: false, options };
            picture::render(&af, &request, output.as_deref(), out)
        }
        Some(Command::Convert { input, output, from, to, .. }) => {
            if let Some(f) = aba::detect(&input, from)? {
                return aba::convert(&input, f, &output, to);
            }
            friendly::convert(&input, &output, AnyFormat::af(from)?, AnyFormat::af(to)?)
        }
        Some(Command::Bench(b)) => match b.command {
            Some(BenchCommand::Report { files, plot, csv, certify, score }) => {
                bench::report(&files, plot.as_deref(), csv.as_deref(), certify, score, out)
            }
            None => {
                let slurm = b.slurm.map(|shards| crate::bench::SlurmOptions {
                    shards,
                    options: b.slurm_options,
                    wait: b.wait,
                    poll: Duration::from_secs(2),
                });
                let o = BenchOptions {
                    instances: b.instances,
                    solvers: b.solvers,
                    tasks: b.tasks,
                    arg: b.arg,
                    timeout: b.timeout,
                    memory: b.memory,
                    jobs: b.jobs,
                    shard: b.shard,
                    output: b.output,
                    plot: b.plot,
                    list: b.list,
                    certify: b.certify,
                    slurm,
                };
                if o.slurm.is_some() { bench::campaign(&o, out) } else { bench::bench(&o, out) }
            }
        },
        Some(Command::Generate(g)) => {
            let family = match g.family {
                args::GenFamily::Af(f) => f,
                args::GenFamily::Aba => {
                    let params = argsat::aba::generate::AbaParams {
                        atoms: g.args,
                        seed: g.seed,
                        assumption_ratio: g.assumption_ratio,
                        max_rules: g.max_rules,
                        max_body: g.max_body,
                    };
                    return bench::generate_aba(&params, g.output.as_deref(), out);
                }
            };
            let params = argsat::generate::Params {
                args: g.args,
                seed: g.seed,
                p: g.p,
                m: g.m,
                k: g.k,
                beta: g.beta,
                cols: g.cols,
                diagonals: g.diagonals,
                components: g.components,
                links: g.links,
                mutual: g.mutual,
            };
            bench::generate(family, &params, g.output.as_deref(), out)
        }
        None => {
            let options =
                argsat::Options { certificates: iccma::certificates(cli.iccma)?, ..options };
            let call = iccma::Call {
                problem: cli.problem,
                file: cli.file,
                arg: cli.arg,
                format: cli.format,
                witness: cli.witness,
                problems: cli.problems,
                formats: cli.formats,
                proof: cli.proof,
                options,
            };
            iccma::run(call, out)
        }
    }
}

/// Reads a framework, choosing the format from `format`, the extension or the content;
/// warnings go to stderr.
pub(crate) fn read(path: &Path, format: Option<Format>) -> Result<Arc<Framework>, CliError> {
    Ok(Arc::new(read_reporting(path, format)?.0))
}

/// [`read`], with the format used.
pub(crate) fn read_reporting(
    path: &Path,
    format: Option<Format>,
) -> Result<(Framework, Format), CliError> {
    const SHOWN: usize = 10;
    let (af, format, warnings) = format::read_file_reporting(path, format)?;
    for w in warnings.iter().take(SHOWN) {
        eprintln!("{}:{}:{}: warning: {}", path.display(), w.line, w.column, w.kind);
    }
    if warnings.len() > SHOWN {
        eprintln!("{}: warning: more warnings not shown", path.display());
    }
    Ok((af, format))
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
    // Built in chunks, each one write: a large extension has hundreds of thousands of
    // numbers, and one buffer for all of them would cost page faults of its own.
    const CHUNK: usize = 1 << 16;
    let mut line = Vec::with_capacity(CHUNK + 256);
    line.push(b'w');
    let mut digits = itoa::Buffer::new();
    for &a in ext {
        line.push(b' ');
        match af.names() {
            Some(names) => line.extend_from_slice(names.get(a.index()).as_bytes()),
            None => line.extend_from_slice(digits.format(a.0 + 1).as_bytes()),
        }
        if line.len() >= CHUNK {
            out.write_all(&line)?;
            line.clear();
        }
    }
    line.push(b'\n');
    out.write_all(&line)
}
