//! The command line: the ICCMA 2023 solver interface and friendlier subcommands, both
//! thin layers over the library (flags in, the library's answers out, no solving
//! policy). [`run`] maps every outcome to an exit code.

mod bench;
mod friendly;
mod iccma;
mod interrupt;
mod picture;

use std::ffi::OsString;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use clap::{Parser, Subcommand};

use crate::bench::{BenchError, BenchOptions};
use argsat::format::{self, Format, ReadError};
use argsat::{Arg, Framework, Semantics};

/// argsat: a SAT-based solver for abstract argumentation frameworks.
///
/// ICCMA 2023 interface: `argsat -p TASK -f FILE [-a ARG] [-fo FORMAT]`,
/// `argsat --problems`, `argsat --formats`.
/// The version line, with the SAT backends compiled in, the default first.
#[cfg(feature = "cadical")]
const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (SAT backends: cadical, varisat; any IPASIR library with --sat ipasir:PATH)"
);
/// The version line, with the SAT backends compiled in, the default first.
#[cfg(not(feature = "cadical"))]
const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (SAT backends: varisat; any IPASIR library with --sat ipasir:PATH)"
);

#[derive(Parser, Debug)]
#[command(name = "argsat", version = VERSION, author, about, args_conflicts_with_subcommands = true)]
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
    /// Certificates as ICCMA 2023 asks them, or the cheaper ones ICCMA 2025 accepts
    /// (DC-CO/DC-PR: an admissible set; DS-PR: an admissible set attacking the argument).
    #[arg(long, value_name = "YEAR", default_value_t = 2023)]
    iccma: u16,
    /// The SAT backend: cadical (default when compiled in), varisat, or ipasir:PATH (any
    /// IPASIR SAT solver's shared library, loaded at run time).
    #[arg(long, global = true, value_name = "BACKEND", default_value_t = argsat::Backend::default())]
    sat: argsat::Backend,

    /// The local search for stable extensions: a short walk opens stable, preferred and
    /// complete queries, then it takes turns with the SAT solver after this many
    /// conflicts of the solver's first turn; `never`: no walk at all.
    #[arg(long, global = true, value_name = "CONFLICTS", default_value_t = argsat::Walk::default())]
    walk_after: argsat::Walk,
    #[command(flatten)]
    limit: Limit,
    #[command(subcommand)]
    command: Option<Command>,
}

/// A wall-clock limit for the whole command.
#[derive(clap::Args, Debug, Clone, Copy)]
struct Limit {
    /// Stop after this many seconds: what is known is printed (EE extensions as found;
    /// `check` lines as settled), then exit code 124.
    #[arg(long, value_name = "SECONDS")]
    timeout: Option<f64>,
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
        #[command(flatten)]
        limit: Limit,
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
        #[command(flatten)]
        limit: Limit,
    },
    /// Why is ARG accepted, or not? Short sentences (or --json), and a picture with --render.
    Explain {
        /// The framework file.
        file: PathBuf,
        /// The argument, as the file names it.
        arg: String,
        /// The semantics.
        #[arg(long, short, default_value = "preferred")]
        semantics: Semantics,
        /// Machine-readable JSON output (schema in the README).
        #[arg(long)]
        json: bool,
        /// Also draw the explanation (OUT.svg or OUT.dot): the part of the framework it
        /// uses, ARG highlighted.
        #[arg(long, value_name = "OUT")]
        render: Option<PathBuf>,
        /// Input format (i23, apx, tgf).
        #[arg(long = "fo", value_name = "FORMAT")]
        format: Option<Format>,
        #[command(flatten)]
        limit: Limit,
    },
    /// Draw the framework (SVG, or DOT for Graphviz), coloured by the grounded labelling
    /// or by an extension.
    Render {
        /// The framework file.
        file: PathBuf,
        /// The picture: OUT.svg or OUT.dot (default: SVG on standard output).
        #[arg(long, short, value_name = "OUT")]
        output: Option<PathBuf>,
        /// Colour by an extension of this semantics (default: the grounded labelling).
        #[arg(long, short)]
        semantics: Option<Semantics>,
        /// Which extension (1 = the first found) of --semantics (default preferred).
        #[arg(long, value_name = "N")]
        extension: Option<usize>,
        /// Draw only the arguments within --depth attacks of this one.
        #[arg(long, value_name = "ARG")]
        focus: Option<String>,
        /// With --focus: how many attacks away (either direction).
        #[arg(long, default_value_t = 2)]
        depth: usize,
        /// Input format (i23, apx, tgf).
        #[arg(long = "fo", value_name = "FORMAT")]
        format: Option<Format>,
        #[command(flatten)]
        limit: Limit,
    },
    /// Is the framework consistent? Exit 0 when a stable extension exists, 1 when not.
    /// Coherence and the number of stable extensions come within --budget.
    Check {
        /// The framework file.
        file: PathBuf,
        /// Seconds for coherence and counting once stable existence is settled (`inf`: no
        /// limit; default: twice the time that took, at least 0.1 s, so that the exit
        /// code comes soon); what is not known by then is reported unknown.
        #[arg(long, value_name = "SECONDS")]
        budget: Option<f64>,
        /// Input format (i23, apx, tgf).
        #[arg(long = "fo", value_name = "FORMAT")]
        format: Option<Format>,
        #[command(flatten)]
        limit: Limit,
    },
    /// Counts: arguments, attacks, self-attacks, unattacked, isolated, grounded labelling.
    Info {
        /// The framework file.
        file: PathBuf,
        /// Input format (i23, apx, tgf).
        #[arg(long = "fo", value_name = "FORMAT")]
        format: Option<Format>,
        #[command(flatten)]
        limit: Limit,
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
        #[command(flatten)]
        limit: Limit,
    },
    /// Benchmark ICCMA solvers on a folder of instances, checking every answer
    /// (`argsat bench report RESULTS...` summarises and plots result files).
    Bench(BenchArgs),
    /// Write a reproducible random framework (ICCMA 2023 format) of a benchmark family.
    Generate(GenerateArgs),
}

#[derive(clap::Args, Debug)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
struct BenchArgs {
    #[command(subcommand)]
    command: Option<BenchCommand>,
    /// Instance files, or folders searched recursively for .af/.i23/.apx/.tgf files.
    #[arg(required = true)]
    instances: Vec<PathBuf>,
    /// A solver as NAME=COMMAND (ICCMA arguments are appended; repeat for several);
    /// a bare `argsat` is this argsat. Default: argsat alone.
    #[arg(long = "solver", short = 's', value_name = "NAME=COMMAND")]
    solvers: Vec<String>,
    /// Comma-separated tasks, `main` (SE, DC, DS of all seven semantics), `iccma23` (the 13
    /// tasks of ICCMA 2023's main track) or `all`.
    #[arg(long, short, default_value = "main")]
    tasks: String,
    /// The query argument of DC/DS tasks for every instance (default: INSTANCE.arg).
    #[arg(long, short)]
    arg: Option<String>,
    /// Wall-clock limit per run, in seconds.
    #[arg(long, default_value_t = 60.0)]
    timeout: f64,
    /// Address-space limit per run, in MiB.
    #[arg(long, value_name = "MIB")]
    memory: Option<u64>,
    /// Runs at once (1 gives the fairest timings).
    #[arg(long, short, default_value_t = 1)]
    jobs: usize,
    /// Run only the I-th of K disjoint slices of the run list (1 <= I <= K).
    #[arg(long, value_name = "I/K")]
    shard: Option<crate::bench::Shard>,
    /// The results file (JSON lines); runs already in it are skipped.
    #[arg(long, short, default_value = "bench-results.jsonl")]
    output: PathBuf,
    /// Write cactus and scatter plots (SVG) into this folder.
    #[arg(long, value_name = "DIR")]
    plot: Option<PathBuf>,
    /// Print the run list (solver, then ICCMA arguments) and exit.
    #[arg(long)]
    list: bool,
}

#[derive(Subcommand, Debug)]
enum BenchCommand {
    /// Merge results files, judge every answer, print tables (and plots).
    Report {
        /// Results files (JSON lines), e.g. one per shard.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Write cactus and scatter plots (SVG) into this folder.
        #[arg(long, value_name = "DIR")]
        plot: Option<PathBuf>,
        /// Also write every run, with its verdict, as CSV.
        #[arg(long, value_name = "FILE")]
        csv: Option<PathBuf>,
    },
}

#[derive(clap::Args, Debug)]
struct GenerateArgs {
    /// er, ba, ws, grid, scc or admbuster.
    family: argsat::generate::Family,
    /// Number of arguments.
    #[arg(long, short = 'n')]
    args: u32,
    /// Random seed.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Attack probability (er: default 5/N; scc, inside components: 0.2).
    #[arg(long)]
    p: Option<f64>,
    /// ba: earlier arguments each new one meets (default 2).
    #[arg(long)]
    m: Option<u32>,
    /// ws: ring neighbours per argument, even (default 4).
    #[arg(long)]
    k: Option<u32>,
    /// ws: rewiring probability (default 0.1).
    #[arg(long)]
    beta: Option<f64>,
    /// grid: columns (default: the square root of N).
    #[arg(long)]
    cols: Option<u32>,
    /// grid: diagonal neighbours attack too.
    #[arg(long)]
    diagonals: bool,
    /// scc: number of components (default N/50).
    #[arg(long)]
    components: Option<u32>,
    /// scc: attacks from earlier components into each component (default 3).
    #[arg(long)]
    links: Option<u32>,
    /// ba, ws, grid: probability that an edge is a mutual attack (default 0.2).
    #[arg(long)]
    mutual: Option<f64>,
    /// Write FILE (and the query argument to FILE.arg) instead of standard output.
    #[arg(long, short)]
    output: Option<PathBuf>,
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
        Some(Command::Bench(_) | Command::Generate(_)) => None,
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
            friendly::solve(&read(&file, format)?, semantics, all, json, options, out)
        }
        Some(Command::Accept { file, arg, semantics, format, .. }) => {
            let af = read(&file, format)?;
            let a = find_arg(&af, &arg, &file)?;
            friendly::accept(&af, a, semantics, options, out)
        }
        Some(Command::Check { file, format, budget, .. }) => {
            let budget = match budget.map(Duration::try_from_secs_f64) {
                None => None,
                Some(Ok(b)) => Some(b),
                Some(Err(_)) if budget == Some(f64::INFINITY) => Some(Duration::MAX),
                Some(Err(_)) => return Err(CliError::Usage("--budget takes seconds >= 0".into())),
            };
            friendly::check(&file, format, options, budget, out)
        }
        Some(Command::Info { file, format, .. }) => friendly::info(&*read(&file, format)?, out),
        Some(Command::Explain { file, arg, semantics, json, render, format, .. }) => {
            let af = read(&file, format)?;
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
            let request = picture::Request { semantics, extension, focus, options };
            picture::render(&af, &request, output.as_deref(), out)
        }
        Some(Command::Convert { input, output, from, to, .. }) => {
            friendly::convert(&input, &output, from, to)
        }
        Some(Command::Bench(b)) => match b.command {
            Some(BenchCommand::Report { files, plot, csv }) => {
                bench::report(&files, plot.as_deref(), csv.as_deref(), out)
            }
            None => bench::bench(
                &BenchOptions {
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
                },
                out,
            ),
        },
        Some(Command::Generate(g)) => {
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
            bench::generate(g.family, &params, g.output.as_deref(), out)
        }
        None => {
            let options =
                argsat::Options { certificates: iccma::certificates(cli.iccma)?, ..options };
            let call = iccma::Call {
                problem: cli.problem,
                file: cli.file,
                arg: cli.arg,
                format: cli.format,
                problems: cli.problems,
                formats: cli.formats,
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
