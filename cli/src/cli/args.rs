//! The command line's schema: every flag and subcommand, as clap reads them; `mod.rs`
//! dispatches them onto the library.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use argsat::Semantics;
use argsat::format::Format;

use super::aba::AnyFormat;

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

/// argsat: a SAT-based solver for abstract argumentation frameworks.
///
/// ICCMA 2023 interface: `argsat -p TASK -f FILE [-a ARG] [-fo FORMAT]`,
/// `argsat --problems`, `argsat --formats`.
#[derive(Parser, Debug)]
#[command(name = "argsat", version = VERSION, author, about, args_conflicts_with_subcommands = true)]
pub(super) struct Cli {
    /// The ICCMA task, e.g. SE-GR, DC-PR, DS-ST (see --problems).
    #[arg(short = 'p', value_name = "TASK")]
    pub(super) problem: Option<String>,
    /// The framework file.
    #[arg(short = 'f', value_name = "FILE")]
    pub(super) file: Option<PathBuf>,
    /// The query argument of DC and DS tasks (number or name, as the file writes it).
    #[arg(short = 'a', value_name = "ARG")]
    pub(super) arg: Option<String>,
    /// Input format: i23, apx, tgf, or for ABA frameworks aba (`p aba N`) or abafacts
    /// (`-fo` works too); default: by extension, else sniffed.
    #[arg(long = "fo", value_name = "FORMAT")]
    pub(super) format: Option<AnyFormat>,
    /// ABA frameworks: after a DC `YES` or a DS `NO`, print the assumption set shown (a
    /// `w` line; ICCMA's ABA track wants the answer alone).
    #[arg(long)]
    pub(super) witness: bool,
    /// When the answer is a refutation (DC-CO/DC-PR/DC-ST NO, DS-ST YES, SE-ST NO),
    /// write a DRAT proof of it to FILE (docs/proofs.md; check it with `verify-proof`).
    #[arg(long, value_name = "FILE")]
    pub(super) proof: Option<PathBuf>,
    /// Print the supported tasks.
    #[arg(long)]
    pub(super) problems: bool,
    /// Print the supported input formats.
    #[arg(long)]
    pub(super) formats: bool,
    /// Certificates as ICCMA 2023 asks them, or the cheaper ones ICCMA 2025 accepts
    /// (DC-CO/DC-PR: an admissible set; DS-PR: an admissible set attacking the argument).
    #[arg(long, value_name = "YEAR", default_value_t = 2023)]
    pub(super) iccma: u16,
    /// The SAT backend: cadical (default when compiled in), varisat, or ipasir:PATH (any
    /// IPASIR SAT solver's shared library, loaded at run time).
    #[arg(long, global = true, value_name = "BACKEND", default_value_t = argsat::Backend::default())]
    pub(super) sat: argsat::Backend,

    /// The local search for stable extensions: a short walk opens stable, preferred and
    /// complete queries, then it takes turns with the SAT solver after this many
    /// conflicts of the solver's first turn; `never`: no walk at all.
    #[arg(long, global = true, value_name = "CONFLICTS", default_value_t = argsat::Walk::default())]
    pub(super) walk_after: argsat::Walk,
    #[command(flatten)]
    pub(super) limit: Limit,
    #[command(subcommand)]
    pub(super) command: Option<Command>,
}

/// A wall-clock limit for the whole command.
#[derive(clap::Args, Debug, Clone, Copy)]
pub(super) struct Limit {
    /// Stop after this many seconds: what is known is printed (EE extensions as found;
    /// `check` lines as settled), then exit code 124.
    #[arg(long, value_name = "SECONDS")]
    pub(super) timeout: Option<f64>,
}

#[derive(Subcommand, Debug)]
pub(super) enum Command {
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
        /// Input format (i23, apx, tgf, aba, abafacts).
        #[arg(long = "fo", value_name = "FORMAT")]
        format: Option<AnyFormat>,
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
        /// Input format (i23, apx, tgf, aba, abafacts).
        #[arg(long = "fo", value_name = "FORMAT")]
        format: Option<AnyFormat>,
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
        /// Input format (i23, apx, tgf, aba, abafacts).
        #[arg(long = "fo", value_name = "FORMAT")]
        format: Option<AnyFormat>,
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
        /// When there is no stable extension, write a DRAT proof of that to FILE.
        #[arg(long, value_name = "FILE")]
        proof: Option<PathBuf>,
        /// Input format (i23, apx, tgf, aba, abafacts).
        #[arg(long = "fo", value_name = "FORMAT")]
        format: Option<AnyFormat>,
        #[command(flatten)]
        limit: Limit,
    },
    /// Serve a web page (and a JSON API) on which to load a framework, see it drawn and
    /// coloured, step through extensions, ask why an argument is accepted, and edit it.
    /// Binds 127.0.0.1 unless told otherwise; serves only the FILEs given (the debate
    /// when none).
    Serve {
        /// Frameworks the page offers (nothing else on disk is read).
        files: Vec<PathBuf>,
        /// The address to listen on.
        #[arg(long, default_value = "127.0.0.1", value_name = "ADDRESS")]
        bind: std::net::IpAddr,
        /// The port (0: any free one; the address is printed).
        #[arg(long, default_value_t = 8080)]
        port: u16,
        /// Open the page in a browser (xdg-open).
        #[arg(long)]
        open: bool,
        /// The largest request body accepted (bytes; K, M, G suffixes: 1024-based);
        /// larger ones get 413.
        #[arg(long, default_value = "64M", value_name = "SIZE")]
        max_body: String,
        /// Seconds a request may take; then it answers 503 and its work stops.
        #[arg(long, default_value_t = 30.0, value_name = "SECONDS")]
        request_timeout: f64,
    },
    /// Check an answer's DRAT proof (`--proof`) against the claim's canonical formula,
    /// rebuilt here from the framework and the printed answer, with an external DRAT
    /// checker (rate or drat-trim; ARGSAT_DRAT_CHECKER names one); the answer's sets are
    /// checked directly, and a DS-PR YES's covering sets are read from PROOF.sets.
    /// Exit 0: verified; 1: rejected; 2: bad input or no checker.
    VerifyProof {
        /// The framework file.
        file: PathBuf,
        /// The proof.
        proof: PathBuf,
        /// The task whose answer the proof stands for (DC-CO/PR/ST/SST/STG, DS-PR/ST/SST/STG,
        /// SE-PR/ST/SST/STG, EE-PR/ST).
        #[arg(short = 'p', long = "task", value_name = "TASK")]
        task: String,
        /// The query argument of DC and DS tasks.
        #[arg(short = 'a', long = "arg", value_name = "ARG")]
        arg: Option<String>,
        /// The answer as the solver printed it (YES/NO and `w` lines); needed when it
        /// prints sets. Without it: DC NO, DS YES, SE NO.
        #[arg(long = "answer", value_name = "OUT")]
        answer: Option<PathBuf>,
        /// Input format (i23, apx, tgf).
        #[arg(long = "fo", value_name = "FORMAT")]
        format: Option<Format>,
    },
    /// Counts: arguments, attacks, self-attacks, unattacked, isolated, grounded labelling.
    Info {
        /// The framework file.
        file: PathBuf,
        /// Input format (i23, apx, tgf, aba, abafacts).
        #[arg(long = "fo", value_name = "FORMAT")]
        format: Option<AnyFormat>,
        #[command(flatten)]
        limit: Limit,
    },
    /// Convert between formats (the output format comes from --to or OUT's extension).
    Convert {
        /// The input file.
        input: PathBuf,
        /// The output file (`-` for standard output, then --to is needed).
        output: PathBuf,
        /// Input format (i23, apx, tgf, aba, abafacts).
        #[arg(long)]
        from: Option<AnyFormat>,
        /// Output format (i23, apx, tgf; aba or abafacts for an ABA framework).
        #[arg(long)]
        to: Option<AnyFormat>,
        #[command(flatten)]
        limit: Limit,
    },
    /// Benchmark ICCMA solvers on a folder of instances, checking every answer
    /// (`argsat bench report RESULTS...` summarises and plots result files).
    Bench(BenchArgs),
    /// Write a reproducible random framework (ICCMA 2023 format; `p aba` for aba) of a
    /// benchmark family.
    Generate(GenerateArgs),
}

#[derive(clap::Args, Debug)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub(super) struct BenchArgs {
    #[command(subcommand)]
    pub(super) command: Option<BenchCommand>,
    /// Instance files, or folders searched recursively for .af/.i23/.apx/.tgf files (and
    /// ABA frameworks: .aba/.abafacts/.lp).
    #[arg(required = true)]
    pub(super) instances: Vec<PathBuf>,
    /// A solver as NAME=COMMAND (ICCMA arguments are appended; repeat for several);
    /// `argsat` (bare, or as COMMAND's first word: `w=argsat --witness`) is this argsat.
    /// Default: argsat alone.
    #[arg(long = "solver", short = 's', value_name = "NAME=COMMAND")]
    pub(super) solvers: Vec<String>,
    /// Comma-separated tasks, `main` (SE, DC, DS of all seven semantics), `iccma23` (the 13
    /// tasks of ICCMA 2023's main track), `aba` (the six of the ABA track) or `all`.
    #[arg(long, short, default_value = "main")]
    pub(super) tasks: String,
    /// The query argument of DC/DS tasks for every instance (default: INSTANCE.arg, else
    /// the instance's row of a `queries.tsv` in its folder or the one above).
    #[arg(long, short)]
    pub(super) arg: Option<String>,
    /// Wall-clock limit per run, in seconds.
    #[arg(long, default_value_t = 60.0)]
    pub(super) timeout: f64,
    /// Address-space limit per run, in MiB.
    #[arg(long, value_name = "MIB")]
    pub(super) memory: Option<u64>,
    /// Runs at once (1 gives the fairest timings).
    #[arg(long, short, default_value_t = 1)]
    pub(super) jobs: usize,
    /// Run only the I-th of K disjoint slices of the run list (1 <= I <= K).
    #[arg(long, value_name = "I/K")]
    pub(super) shard: Option<crate::bench::Shard>,
    /// The results file (JSON lines); runs already in it are skipped.
    #[arg(long, short, default_value = "bench-results.jsonl")]
    pub(super) output: PathBuf,
    /// Write cactus and scatter plots (SVG) into this folder.
    #[arg(long, value_name = "DIR")]
    pub(super) plot: Option<PathBuf>,
    /// Print the run list (solver, then ICCMA arguments) and exit.
    #[arg(long)]
    pub(super) list: bool,
    /// Settle NO to DC, YES to DS and NO to SE-ST with argsat's DRAT proofs (checked by an
    /// external DRAT checker) or witnesses; report verified / unverified / wrong.
    #[arg(long)]
    pub(super) certify: bool,
    /// Run the campaign on a Slurm cluster as a job array of K tasks (task I: --shard I/K),
    /// writing the job script beside the results file; the same command again merges and
    /// resumes. Paths must be absolute (compute nodes resolve them).
    #[arg(long, value_name = "K")]
    pub(super) slurm: Option<usize>,
    /// An sbatch option for the campaign's jobs (e.g. --slurm-option=--partition=long);
    /// repeat for several.
    #[arg(
        long = "slurm-option",
        value_name = "OPT",
        requires = "slurm",
        allow_hyphen_values = true
    )]
    pub(super) slurm_options: Vec<String>,
    /// With --slurm: wait for the array to end, merge the shards into the results file and
    /// report (exit 3 while runs are missing).
    #[arg(long, requires = "slurm")]
    pub(super) wait: bool,
}

#[derive(Subcommand, Debug)]
pub(super) enum BenchCommand {
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
        /// Settle NO to DC, YES to DS and NO to SE-ST with argsat's DRAT proofs (checked
        /// by an external DRAT checker) or witnesses; report verified / unverified / wrong.
        #[arg(long)]
        certify: bool,
        /// The time that scores a run (PAR-2, ratios, plots): wall-clock, or CPU time as
        /// ICCMA scores.
        #[arg(long, default_value = "wall", value_name = "cpu|wall")]
        score: crate::bench::Score,
    },
}

#[derive(clap::Args, Debug)]
pub(super) struct GenerateArgs {
    /// er, ba, ws, grid, scc or admbuster; or aba (an ABA framework in the shape of the
    /// ICCMA 2023 ABA generator).
    pub(super) family: GenFamily,
    /// Number of arguments.
    #[arg(long, short = 'n')]
    pub(super) args: u32,
    /// Random seed.
    #[arg(long, default_value_t = 1)]
    pub(super) seed: u64,
    /// Attack probability (er: default 5/N; scc, inside components: 0.2).
    #[arg(long)]
    pub(super) p: Option<f64>,
    /// ba: earlier arguments each new one meets (default 2).
    #[arg(long)]
    pub(super) m: Option<u32>,
    /// ws: ring neighbours per argument, even (default 4).
    #[arg(long)]
    pub(super) k: Option<u32>,
    /// ws: rewiring probability (default 0.1).
    #[arg(long)]
    pub(super) beta: Option<f64>,
    /// grid: columns (default: the square root of N).
    #[arg(long)]
    pub(super) cols: Option<u32>,
    /// grid: diagonal neighbours attack too.
    #[arg(long)]
    pub(super) diagonals: bool,
    /// scc: number of components (default N/50).
    #[arg(long)]
    pub(super) components: Option<u32>,
    /// scc: attacks from earlier components into each component (default 3).
    #[arg(long)]
    pub(super) links: Option<u32>,
    /// ba, ws, grid: probability that an edge is a mutual attack (default 0.2).
    #[arg(long)]
    pub(super) mutual: Option<f64>,
    /// aba: the share of atoms that are assumptions.
    #[arg(long, default_value_t = 0.1)]
    pub(super) assumption_ratio: f64,
    /// aba: at most this many rules per non-assumption atom.
    #[arg(long, default_value_t = 5)]
    pub(super) max_rules: u32,
    /// aba: at most this many atoms per rule body.
    #[arg(long, default_value_t = 5)]
    pub(super) max_body: u32,
    /// Write FILE (and the query argument to FILE.arg) instead of standard output.
    #[arg(long, short)]
    pub(super) output: Option<PathBuf>,
}

/// A generator family: an AF family of the library's, or ABA.
#[derive(Clone, Copy, Debug)]
pub(super) enum GenFamily {
    Af(argsat::generate::Family),
    Aba,
}

impl std::str::FromStr for GenFamily {
    type Err = String;

    fn from_str(s: &str) -> Result<GenFamily, String> {
        if s.eq_ignore_ascii_case("aba") {
            return Ok(GenFamily::Aba);
        }
        s.parse().map(GenFamily::Af).map_err(|e: argsat::task::UnknownName| format!("{e}, aba"))
    }
}
