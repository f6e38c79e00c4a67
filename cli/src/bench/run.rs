//! Running a benchmark: plan the runs, run each solver from a launcher under limits,
//! check and record every answer as it comes, and present the report; and presenting
//! merged result files.

use std::collections::HashSet;
use std::fs::File;
use std::io::{self, BufReader, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use super::aba_answer::read_aba_answer;
use super::answer::{Certificate, read_answer};
use super::plan::{self, Run, Shard, Solver};
use super::process::{self, Limits};
use super::results::{Key, Record, Status, Writer};
use super::{Report, plot};
use argsat::af::Framework;
use argsat::format;
use argsat::proofcheck::DratChecker;
use argsat::task::{Problem, Semantics, Task};

/// What `argsat bench` is asked.
#[derive(Clone, Debug)]
pub struct BenchOptions {
    /// Instance files, or folders searched for them.
    pub instances: Vec<PathBuf>,
    /// Solvers as `NAME=COMMAND` (a bare `argsat` is this argsat); none: argsat alone.
    pub solvers: Vec<String>,
    /// `main`, `all`, or a comma-separated task list.
    pub tasks: String,
    /// The query of DC/DS tasks for every instance (default: `INSTANCE.arg`).
    pub arg: Option<String>,
    /// Wall-clock limit per run, in seconds.
    pub timeout: f64,
    /// Address-space limit per run, in MiB.
    pub memory: Option<u64>,
    /// Runs at once.
    pub jobs: usize,
    /// Only this slice of the runs.
    pub shard: Option<Shard>,
    /// The results file (JSON lines); runs already in it are skipped.
    pub output: PathBuf,
    /// Write plots into this folder.
    pub plot: Option<PathBuf>,
    /// Print the run list and stop.
    pub list: bool,
    /// Settle refutations with argsat's checked proofs and witnesses, and report every
    /// answer as verified, unverified or wrong.
    pub certify: bool,
    /// Run the campaign on a Slurm cluster instead of here.
    pub slurm: Option<SlurmOptions>,
}

/// What `--slurm` asks.
#[derive(Clone, Debug, Default)]
pub struct SlurmOptions {
    /// How many array tasks (shards).
    pub shards: usize,
    /// Further `sbatch` options (`--partition=long`, `--account=x`, ...).
    pub options: Vec<String>,
    /// Wait for the array to end, then merge and report.
    pub wait: bool,
    /// Seconds between looks at the queue while waiting.
    pub poll: Duration,
}

/// The DRAT checker `--certify` needs, found before anything runs.
pub(crate) fn checker(certify: bool) -> Result<Option<DratChecker>, BenchError> {
    certify.then(DratChecker::find).transpose().map_err(usage)
}

/// Why a benchmark could not run.
#[derive(Debug, thiserror::Error)]
pub enum BenchError {
    /// The request is not well formed (bad options, no instances, unreadable results).
    #[error("{0}")]
    Usage(String),
    /// Writing the output or a results file failed.
    #[error(transparent)]
    Io(#[from] io::Error),
}

/// The 13 tasks of ICCMA 2023's main track.
const ICCMA23_MAIN: [(Problem, Semantics); 13] = {
    use Problem::{Credulous as DC, Sceptical as DS, SomeExtension as SE};
    use Semantics::*;
    [
        (DC, Complete),
        (DC, Stable),
        (DC, SemiStable),
        (DC, Stage),
        (DS, Preferred),
        (DS, Stable),
        (DS, SemiStable),
        (DS, Stage),
        (SE, Preferred),
        (SE, Stable),
        (SE, SemiStable),
        (SE, Stage),
        (SE, Ideal),
    ]
};

/// The six tasks of ICCMA's ABA track (2023 and 2025).
const ABA_TRACK: [&str; 6] = ["DC-CO", "DC-ST", "DS-PR", "DS-ST", "SE-PR", "SE-ST"];

/// `main` (SE, DC and DS of the seven semantics: 21 tasks), `iccma23` (the 13 tasks of
/// ICCMA 2023's main track), `aba` (the six of the ABA track), `all`, or a comma-separated
/// task list.
fn parse_tasks(spec: &str) -> Result<Vec<Task>, BenchError> {
    let main = || {
        [Problem::SomeExtension, Problem::Credulous, Problem::Sceptical].into_iter().flat_map(
            |problem| Semantics::ALL.into_iter().map(move |semantics| Task { problem, semantics }),
        )
    };
    let mut tasks = Vec::new();
    for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        match part {
            "main" => tasks.extend(main()),
            "iccma23" => tasks.extend(
                ICCMA23_MAIN.into_iter().map(|(problem, semantics)| Task { problem, semantics }),
            ),
            "all" => tasks.extend(Task::ALL),
            "aba" => tasks.extend(ABA_TRACK.iter().map(|t| t.parse::<Task>().expect("a task"))),
            t => tasks.push(t.parse().map_err(|e: argsat::task::UnknownTask| {
                BenchError::Usage(format!(
                    "{e}; or `main` (SE, DC, DS of every semantics), `iccma23` (ICCMA 2023's \
                     main track), `aba` (the ABA track), `all`"
                ))
            })?),
        }
    }
    let mut seen = HashSet::new();
    tasks.retain(|t| seen.insert(*t));
    if tasks.is_empty() {
        return Err(BenchError::Usage("--tasks names no task".into()));
    }
    Ok(tasks)
}

/// `'...'` for the shell.
pub(crate) fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

pub(crate) fn usage(e: impl ToString) -> BenchError {
    BenchError::Usage(e.to_string())
}

/// What a campaign runs: its solvers and its whole run list (every shard).
pub(crate) struct Planned {
    pub solvers: Vec<Solver>,
    pub runs: Vec<Run>,
}

/// Checks `o`'s solvers, tasks, limits and instances and plans every run.
pub(crate) fn prepare(o: &BenchOptions) -> Result<Planned, BenchError> {
    let exe = std::env::current_exe().map_err(usage)?;
    let builtin = shell_quote(&exe.display().to_string());
    let specs = if o.solvers.is_empty() { vec!["argsat".to_owned()] } else { o.solvers.clone() };
    let solvers: Vec<Solver> = specs
        .iter()
        .map(|s| Solver::parse(s, &builtin))
        .collect::<Result<_, _>>()
        .map_err(usage)?;
    let mut names = HashSet::new();
    if let Some(s) = solvers.iter().find(|s| !names.insert(s.name.as_str())) {
        return Err(usage(format!("two solvers are named `{}`", s.name)));
    }
    let tasks = parse_tasks(&o.tasks)?;
    if !(o.timeout > 0.0 && o.timeout.is_finite()) || o.jobs == 0 {
        return Err(usage("--timeout must be positive and --jobs at least 1"));
    }
    let mut instances = Vec::new();
    for root in &o.instances {
        let found = plan::instances(root).map_err(|e| usage(format!("{}: {e}", root.display())))?;
        if found.is_empty() {
            return Err(usage(format!(
                "no instances (.af, .i23, .apx, .tgf) under {}",
                root.display()
            )));
        }
        instances.extend(found);
    }
    let (all_runs, skipped) = plan::plan(solvers.len(), &instances, &tasks, o.arg.as_deref());
    for (instance, task) in &skipped {
        eprintln!(
            "argsat bench: skipping {task} on {}: no {}.arg and no --arg",
            instance.display(),
            instance.display()
        );
    }
    Ok(Planned { solvers, runs: all_runs })
}

/// The key its record will have ([`Record::key`]).
pub(crate) fn key_of(solvers: &[Solver], r: &Run) -> Key {
    (
        solvers[r.solver].name.clone(),
        r.instance.display().to_string(),
        r.task.to_string(),
        r.query.clone(),
    )
}

/// Runs the benchmark `o` asks for, writing records to its results file as runs finish,
/// then prints the report of that file (and writes plots when asked). Returns whether
/// every answer agreed (no wrong or disputed one).
///
/// # Errors
/// A malformed request, or I/O errors writing the results or the report.
pub fn bench(o: &BenchOptions, out: &mut impl Write) -> Result<bool, BenchError> {
    let checker = checker(o.certify)?;
    let Planned { solvers, runs: all_runs } = prepare(o)?;
    let shard_runs = plan::in_shard(all_runs, solvers.len(), o.shard);
    if o.list {
        for r in &shard_runs {
            writeln!(out, "{}\t{}", solvers[r.solver].name, r.iccma_args().join(" "))?;
        }
        return Ok(true);
    }
    let (writer, done) =
        Writer::resume(&o.output).map_err(|e| usage(format!("{}: {e}", o.output.display())))?;
    let key = |r: &Run| key_of(&solvers, r);
    let todo: Vec<Run> = shard_runs.iter().filter(|r| !done.contains(&key(r))).cloned().collect();
    eprintln!(
        "argsat bench: {} runs{} ({} already in {}), {} solver(s), {}s limit, {} at a time",
        todo.len(),
        o.shard.map_or(String::new(), |s| format!(" in shard {s}")),
        shard_runs.len() - todo.len(),
        o.output.display(),
        solvers.len(),
        o.timeout,
        o.jobs
    );
    let limits = Limits { timeout: Duration::from_secs_f64(o.timeout), memory_mib: o.memory };
    execute(&solvers, &todo, limits, o.jobs, writer)?;
    let mut report = Report::load(&[&o.output])?;
    if let Some(c) = &checker {
        report.certify(c);
    }
    present(&report, o.plot.as_deref(), None, out)
}

/// Progress on stderr, only when it is a terminal.
struct Progress {
    total: usize,
    done: usize,
    answered: usize,
    wrong: usize,
    start: Instant,
    tty: bool,
}

impl Progress {
    fn update(&mut self, record: &Record) {
        self.done += 1;
        if record.status == Status::Ok {
            self.answered += 1;
        }
        if record
            .certificate
            .as_deref()
            .is_some_and(|c| matches!(Certificate::parse(c), Certificate::Invalid(_)))
        {
            self.wrong += 1;
        }
        if !self.tty {
            return;
        }
        let elapsed = self.start.elapsed().as_secs();
        let eta = elapsed * (self.total - self.done) as u64 / self.done.max(1) as u64;
        let width = 24;
        let filled = width * self.done / self.total.max(1);
        let hms = |s: u64| format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60);
        eprint!(
            "\r[{}{}] {}/{} runs, {} answered, {} invalid, {} elapsed, ETA {}  ",
            "#".repeat(filled),
            " ".repeat(width - filled),
            self.done,
            self.total,
            self.answered,
            self.wrong,
            hms(elapsed),
            hms(eta)
        );
        if self.done == self.total {
            eprintln!();
        }
    }
}

/// Runs `runs` on `jobs` worker threads, appending each record as it is made.
fn execute(
    solvers: &[Solver],
    runs: &[Run],
    limits: Limits,
    jobs: usize,
    writer: Writer,
) -> Result<(), BenchError> {
    // The solvers' output files live in a folder of this call, removed however this
    // returns (and by the CLI when a signal ends the process: see [`remove_scratch()`]).
    let scratch = Scratch::new()?;
    let next = AtomicUsize::new(0);
    let writer = Mutex::new(writer);
    let progress = Mutex::new(Progress {
        total: runs.len(),
        done: 0,
        answered: 0,
        wrong: 0,
        start: Instant::now(),
        tty: io::stderr().is_terminal(),
    });
    let failure: Mutex<Option<io::Error>> = Mutex::new(None);
    thread::scope(|scope| {
        for worker in 0..jobs.min(runs.len()) {
            let (next, writer, progress, failure) = (&next, &writer, &progress, &failure);
            let scratch = &scratch;
            scope.spawn(move || {
                let mut cache: Option<(PathBuf, Arc<Result<Instance, String>>)> = None;
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    if i >= runs.len() || failure.lock().unwrap().is_some() {
                        break;
                    }
                    let run = &runs[i];
                    let base = scratch.0.join(format!("worker-{worker}"));
                    let result = run_one(&solvers[run.solver], run, limits, &base, &mut cache)
                        .and_then(|record| {
                            writer.lock().unwrap().write(&record)?;
                            progress.lock().unwrap().update(&record);
                            Ok(())
                        });
                    if let Err(e) = result {
                        *failure.lock().unwrap() = Some(e);
                        break;
                    }
                }
            });
        }
    });
    match failure.into_inner().unwrap() {
        Some(e) => Err(e.into()),
        None => Ok(()),
    }
}

/// An instance as read: an AF or an ABA framework.
enum Instance {
    Af(Framework),
    Aba(argsat::aba::Aba),
}

/// Whether `path` holds an ABA framework: by its first statement, else its extension.
fn aba_format(path: &Path) -> Option<argsat::aba::AbaFormat> {
    use std::io::Read;
    let mut head = Vec::new();
    let _ = File::open(path).and_then(|f| f.take(4096).read_to_end(&mut head));
    argsat::aba::AbaFormat::sniff(&head).or_else(|| argsat::aba::AbaFormat::from_path(path))
}

/// The framework of `path`, parsed once per worker and instance.
fn framework(
    path: &Path,
    cache: &mut Option<(PathBuf, Arc<Result<Instance, String>>)>,
) -> Arc<Result<Instance, String>> {
    if let Some((p, af)) = cache
        && p == path
    {
        return Arc::clone(af);
    }
    // ReadError's message is PATH:LINE:COL: ... for parse errors.
    let read = match aba_format(path) {
        Some(f) => argsat::aba::read_file(path, Some(f)).map(|(fw, _)| Instance::Aba(fw)),
        None => format::read_file(path, None).map(|(af, _)| Instance::Af(af)),
    };
    let af = Arc::new(read.map_err(|e| e.to_string()));
    *cache = Some((path.to_path_buf(), Arc::clone(&af)));
    af
}

/// The last `n` bytes of a file, as text.
fn tail(path: &Path, n: usize) -> String {
    let bytes = std::fs::read(path).unwrap_or_default();
    let start = bytes.len().saturating_sub(n);
    String::from_utf8_lossy(&bytes[start..]).trim().to_owned()
}

/// The run-file folders of the benchmarks now running in this process.
static SCRATCH: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// The folder of one benchmark's run files (each worker's solver output while a run
/// lasts), removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new() -> io::Result<Scratch> {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::SeqCst);
        let dir = std::env::temp_dir().join(format!("argsat-bench-{}-{n}", std::process::id()));
        std::fs::create_dir_all(&dir)
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", dir.display())))?;
        SCRATCH.lock().unwrap_or_else(|p| p.into_inner()).push(dir.clone());
        Ok(Scratch(dir))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
        SCRATCH.lock().unwrap_or_else(|p| p.into_inner()).retain(|d| d != &self.0);
    }
}

/// Removes the run files of every benchmark running in this process. [`bench()`] removes
/// its own when it returns; a program that ends the process while a benchmark runs (on a
/// signal, say) calls this first.
pub fn remove_scratch() {
    for dir in SCRATCH.lock().unwrap_or_else(|p| p.into_inner()).iter() {
        let _ = std::fs::remove_dir_all(dir);
    }
}

fn run_one(
    solver: &Solver,
    run: &Run,
    limits: Limits,
    base: &Path,
    cache: &mut Option<(PathBuf, Arc<Result<Instance, String>>)>,
) -> io::Result<Record> {
    let (out_path, err_path) = (base.with_extension("out"), base.with_extension("err"));
    let finished = process::run_isolated(
        &process::own_exe()?,
        &solver.command,
        &run.iccma_args(),
        limits,
        File::create(&out_path)?,
        File::create(&err_path)?,
        &base.with_extension("report"),
    )?;
    let mut record = Record {
        solver: solver.name.clone(),
        command: solver.command.clone(),
        instance: run.instance.display().to_string(),
        task: run.task.to_string(),
        query: run.query.clone(),
        status: Status::Error,
        exit_code: finished.exit_code,
        signal: finished.signal,
        wall_s: finished.wall.as_secs_f64(),
        cpu_s: finished.cpu.as_secs_f64(),
        max_rss_kib: finished.max_rss_kib,
        timeout_s: limits.timeout.as_secs_f64(),
        answer: None,
        certificate: None,
        error: None,
    };
    let stderr = tail(&err_path, 400);
    if finished.timed_out {
        record.status = Status::Timeout;
    } else if finished.exit_code != Some(0) {
        let memout = limits.memory_mib.is_some() && reads_as_out_of_memory(&stderr);
        record.status = if memout { Status::Memout } else { Status::Error };
        let how = match (finished.exit_code, finished.signal) {
            (Some(c), _) => format!("exit code {c}"),
            (_, Some(s)) => format!("signal {s}"),
            _ => "abnormal end".into(),
        };
        record.error = Some(if stderr.is_empty() { how } else { format!("{how}: {stderr}") });
    } else {
        let af = framework(&run.instance, cache);
        let checked = match af.as_ref() {
            Err(e) => Err(format!("argsat cannot read the instance: {e}")),
            Ok(Instance::Af(af)) => {
                let query = match &run.query {
                    Some(q) => {
                        af.find(q).map(Some).ok_or(format!("query `{q}` is not an argument"))
                    }
                    None => Ok(None),
                };
                query.and_then(|q| {
                    read_answer(
                        af,
                        run.task,
                        q,
                        BufReader::new(File::open(&out_path).map_err(|e| e.to_string())?),
                    )
                })
            }
            Ok(Instance::Aba(fw)) => {
                let query = match &run.query {
                    Some(q) => fw.find(q).map(Some).ok_or(format!("query `{q}` is not an atom")),
                    None => Ok(None),
                };
                query.and_then(|q| {
                    read_aba_answer(
                        fw,
                        run.task,
                        q,
                        BufReader::new(File::open(&out_path).map_err(|e| e.to_string())?),
                    )
                })
            }
        };
        match checked {
            Ok(c) => {
                record.status = Status::Ok;
                record.answer = Some(c.summary);
                record.certificate = Some(c.certificate.to_string());
            }
            Err(e) => record.error = Some(format!("unreadable answer: {e}")),
        }
    }
    let _ = std::fs::remove_file(&out_path);
    let _ = std::fs::remove_file(&err_path);
    Ok(record)
}

/// Whether a failed run's standard error reads like an allocation failure, as they read
/// in Rust, C, C++ and Python.
fn reads_as_out_of_memory(stderr: &str) -> bool {
    let lower = stderr.to_ascii_lowercase();
    ["memory allocation", "out of memory", "bad_alloc", "memoryerror"]
        .iter()
        .any(|w| lower.contains(w))
}

/// Merges result files (one per shard, say), judges every answer and prints the report;
/// writes every run as CSV and the plots when asked. Returns whether every answer agreed.
///
/// # Errors
/// Unreadable or empty result files, or I/O errors writing the outputs.
pub fn report(
    files: &[PathBuf],
    plot_dir: Option<&Path>,
    csv: Option<&Path>,
    certify: bool,
    score: super::Score,
    out: &mut impl Write,
) -> Result<bool, BenchError> {
    let checker = checker(certify)?;
    let mut report = Report::load(files)?;
    report.score = score;
    if report.records.is_empty() {
        return Err(usage("the results files hold no records"));
    }
    if let Some(c) = &checker {
        report.certify(c);
    }
    present(&report, plot_dir, csv, out)
}

/// Prints `report`, writes the CSV and plots asked for; whether no answer was wrong or
/// disputed.
pub(crate) fn present(
    report: &Report,
    plot_dir: Option<&Path>,
    csv: Option<&Path>,
    out: &mut impl Write,
) -> Result<bool, BenchError> {
    report.write_text(out)?;
    if let Some(path) = csv {
        let io_err = |e: io::Error| usage(format!("{}: {e}", path.display()));
        let mut file = io::BufWriter::new(File::create(path).map_err(io_err)?);
        report.write_csv(&mut file).and_then(|()| file.flush()).map_err(io_err)?;
    }
    if let Some(dir) = plot_dir {
        for p in plot::write_plots(report, dir)? {
            writeln!(out, "plot: {}", p.display())?;
        }
    }
    Ok(report.disagreements.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allocation_failures_are_recognised() {
        assert!(reads_as_out_of_memory("memory allocation of 8 bytes failed"));
        assert!(reads_as_out_of_memory("terminate called after throwing std::bad_alloc"));
        assert!(reads_as_out_of_memory("MemoryError"));
        assert!(!reads_as_out_of_memory("thread 'main' panicked at src/x.rs:1:1"));
    }

    #[test]
    fn task_lists() {
        assert_eq!(parse_tasks("main").unwrap().len(), 21);
        let iccma23: Vec<String> =
            parse_tasks("iccma23").unwrap().iter().map(ToString::to_string).collect();
        let listed = "DC-CO DC-ST DC-SST DC-STG DS-PR DS-ST DS-SST DS-STG SE-PR SE-ST SE-SST \
                      SE-STG SE-ID";
        assert_eq!(iccma23.join(" "), listed);
        assert_eq!(parse_tasks("iccma23,main").unwrap().len(), 21);
        assert_eq!(parse_tasks("all").unwrap().len(), 35);
        assert_eq!(parse_tasks("DC-PR, dc-pr,SE-ST").unwrap().len(), 2);
        assert!(parse_tasks("XX-PR").is_err() && parse_tasks(",").is_err());
    }
}
