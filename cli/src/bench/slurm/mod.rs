//! `argsat bench --slurm K`: a campaign as a Slurm job array of K tasks, task I running
//! the same campaign restricted to shard I/K into a shard file of its own; merged into
//! the results file, each run once; the same command again resumes (only shards with
//! runs missing are resubmitted, never one still queued or running).
//!
//! Beside the results file `R`: `R.sbatch` (the job script, kept for the record) and
//! `R.slurm/` (`shard-I-of-K.jsonl`, the array tasks' logs, `jobs.tsv`: every job
//! submitted and its shards). The shard files are the record of what ran.

mod cluster;
mod script;

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::Report;
use super::plan::{self, Run, Shard, Solver};
use super::results::{self, Key, Record, Writer};
use super::run::{BenchError, BenchOptions, Planned, checker, key_of, prepare, present, usage};

/// How a campaign on Slurm ended, for the exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CampaignEnd {
    /// Submitted (or still running), not waited for.
    Submitted,
    /// Every run recorded and every answer agreed.
    Agreed,
    /// Every run recorded; some answer wrong or disputed.
    Disagreed,
    /// Runs are missing (a shard failed, was cancelled or ran out of time).
    Incomplete,
}

/// The campaign's files beside the results file.
struct Files {
    results: PathBuf,
    script: PathBuf,
    dir: PathBuf,
}

impl Files {
    fn new(results: &Path) -> Files {
        let with = |ext: &str| {
            let mut s = results.as_os_str().to_owned();
            s.push(ext);
            PathBuf::from(s)
        };
        Files { results: results.to_owned(), script: with(".sbatch"), dir: with(".slurm") }
    }

    fn shard(&self, i: usize, k: usize) -> PathBuf {
        self.dir.join(format!("shard-{i}-of-{k}.jsonl"))
    }

    fn jobs(&self) -> PathBuf {
        self.dir.join("jobs.tsv")
    }

    /// Every job submitted for this campaign.
    fn submitted(&self) -> io::Result<Vec<u64>> {
        match fs::read_to_string(self.jobs()) {
            Ok(text) => {
                Ok(text.lines().filter_map(|l| l.split('\t').next()?.parse().ok()).collect())
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Vec::new()),
            Err(e) => Err(e),
        }
    }

    /// The K of shard files already here, if any.
    fn shard_counts(&self) -> io::Result<HashSet<usize>> {
        let mut ks = HashSet::new();
        if let Ok(entries) = fs::read_dir(&self.dir) {
            for e in entries {
                let name = e?.file_name().to_string_lossy().into_owned();
                if let Some(k) = name
                    .strip_prefix("shard-")
                    .and_then(|r| r.strip_suffix(".jsonl"))
                    .and_then(|r| r.split_once("-of-"))
                    .and_then(|(_, k)| k.parse().ok())
                {
                    ks.insert(k);
                }
            }
        }
        Ok(ks)
    }
}

fn read_or_empty(path: &Path) -> io::Result<Vec<Record>> {
    if path.exists() { results::read(path).map(|(r, _)| r) } else { Ok(Vec::new()) }
}

/// Refuses what a compute node could not run: relative paths (instances, results, plots,
/// and any word of a solver's command naming a file here by a relative path).
fn check_paths(o: &BenchOptions, solvers: &[Solver]) -> Result<(), BenchError> {
    let relative = |p: &Path, what: &str| -> Result<(), BenchError> {
        if p.is_relative() {
            return Err(usage(format!(
                "{what} `{}` is a relative path, which compute nodes may not resolve: make it \
                 absolute (e.g. \"$PWD/{}\")",
                p.display(),
                p.display()
            )));
        }
        Ok(())
    };
    for p in &o.instances {
        relative(p, "instance")?;
    }
    relative(&o.output, "--output")?;
    if let Some(p) = &o.plot {
        relative(p, "--plot")?;
    }
    for s in solvers {
        for word in s.command.split_whitespace().map(|w| w.trim_matches(['\'', '"'])) {
            let p = Path::new(word);
            if p.is_relative() && (word.contains('/') || p.exists()) && !word.starts_with('-') {
                return Err(usage(format!(
                    "solver `{}`: `{word}` is a relative path, which compute nodes may not \
                     resolve: make it absolute",
                    s.name
                )));
            }
        }
    }
    Ok(())
}

/// Refuses a results file (or shard files) another campaign wrote: a record of a solver,
/// task, instance or limit this campaign does not have.
fn check_same_campaign(
    o: &BenchOptions,
    solvers: &[Solver],
    runs: &[Run],
    records: &[Record],
) -> Result<(), BenchError> {
    let planned: HashSet<Key> = runs.iter().map(|r| key_of(solvers, r)).collect();
    for r in records {
        let why = if !solvers.iter().any(|s| s.name == r.solver && s.command == r.command) {
            Some(format!("solver `{}` (`{}`)", r.solver, r.command))
        } else if r.timeout_s != o.timeout {
            Some(format!("a {} s limit", r.timeout_s))
        } else if !planned.contains(&r.key()) {
            Some(format!("{} on {}", r.task, r.instance))
        } else {
            None
        };
        if let Some(why) = why {
            return Err(usage(format!(
                "{} holds runs of another campaign ({why}, not in this one): choose another \
                 --output, or run that campaign's command",
                o.output.display()
            )));
        }
    }
    Ok(())
}

/// The shard count to use: `asked`, or more when a shard's worst case (its runs, `jobs`
/// at a time, each at the limit) would not fit the partition's time limit.
fn shard_count(
    asked: usize,
    queries: usize,
    o: &BenchOptions,
    limit: Option<Duration>,
) -> Result<usize, BenchError> {
    let Some(limit) = limit else { return Ok(asked) };
    let fits = |k: usize| script::worst_case(queries.div_ceil(k), o) <= limit;
    if fits(asked) {
        return Ok(asked);
    }
    match (asked..=queries.max(asked)).find(|&k| fits(k)) {
        Some(k) => {
            eprintln!(
                "argsat bench: {asked} shards would need {} each, past the partition's {} \
                 limit: using --slurm {k} (pass --slurm {k} when resuming)",
                cluster::format_duration(script::worst_case(queries.div_ceil(asked), o)),
                cluster::format_duration(limit)
            );
            Ok(k)
        }
        None => Err(usage(format!(
            "even one query per shard would need {}, past the partition's {} limit: lower \
             --timeout or raise --jobs",
            cluster::format_duration(script::worst_case(1, o)),
            cluster::format_duration(limit)
        ))),
    }
}

/// The partition `--slurm-option`s name, if any.
fn partition(options: &[String]) -> Option<String> {
    let mut it = options.iter();
    while let Some(o) = it.next() {
        if let Some(p) = o.strip_prefix("--partition=") {
            return Some(p.to_owned());
        }
        if o == "--partition" || o == "-p" {
            return it.next().cloned();
        }
        if let Some(p) = o.strip_prefix("-p") {
            return Some(p.to_owned());
        }
    }
    None
}

/// Runs (or resumes) the campaign `o` on Slurm: see the module's documentation.
///
/// # Errors
/// What cannot work on a cluster, a malformed request, Slurm's refusals, I/O errors.
pub fn campaign(o: &BenchOptions, out: &mut impl Write) -> Result<CampaignEnd, BenchError> {
    let s = o.slurm.as_ref().expect("a Slurm campaign");
    if s.shards == 0 {
        return Err(usage("--slurm takes the number of array tasks, at least 1"));
    }
    if o.shard.is_some() || o.list {
        return Err(usage("--slurm makes its own shards: leave out --shard and --list"));
    }
    for tool in ["sbatch", "squeue", "scontrol"] {
        if !cluster::on_path(tool) {
            return Err(usage(format!(
                "no `{tool}` on PATH: --slurm submits the campaign through Slurm (run it on \
                 a cluster's login node)"
            )));
        }
    }
    let checker = checker(o.certify)?;
    let Planned { solvers, runs } = prepare(o)?;
    check_paths(o, &solvers)?;
    let files = Files::new(&o.output);
    let queries = runs.len().div_ceil(solvers.len().max(1));
    let user_time = s.options.iter().any(|x| x.starts_with("--time") || x.starts_with("-t"));
    let limit =
        if user_time { None } else { cluster::time_limit(partition(&s.options).as_deref()) };
    let k = shard_count(s.shards.min(queries.max(1)), queries, o, limit)?;
    let others: Vec<usize> = files.shard_counts()?.into_iter().filter(|&j| j != k).collect();
    if let Some(j) = others.first() {
        return Err(usage(format!(
            "this campaign ran as --slurm {j} ({} holds its shards): resume it with --slurm {j}",
            files.dir.display()
        )));
    }
    fs::create_dir_all(&files.dir)?;
    let mut all = read_or_empty(&files.results)?;
    for i in 1..=k {
        all.extend(read_or_empty(&files.shard(i, k))?);
    }
    check_same_campaign(o, &solvers, &runs, &all)?;

    let jobs = files.submitted()?;
    let active = cluster::active(&jobs).map_err(usage)?;
    let busy: HashSet<usize> = active.iter().map(|&(_, i)| i).collect();
    let missing = missing_by_shard(&solvers, &runs, k, &all);
    let resubmit: Vec<usize> =
        (1..=k).filter(|i| !busy.contains(i) && missing.get(i).is_some_and(|m| *m > 0)).collect();
    let mut waiting_for: Vec<u64> = active.iter().map(|&(j, _)| j).collect();
    if !busy.is_empty() {
        let mut b: Vec<usize> = busy.iter().copied().collect();
        b.sort_unstable();
        eprintln!("argsat bench: shards {} still queued or running: left alone", list(&b));
    }
    if !resubmit.is_empty() {
        let time = (!user_time).then(|| script::worst_case(queries.div_ceil(k), o));
        let text = script::script(o, &files.dir, &files.script, k, &s.options, time)?;
        fs::write(&files.script, text)?;
        let array = list(&resubmit);
        let job = cluster::submit(&files.script, &array).map_err(usage)?;
        let mut log = fs::OpenOptions::new().create(true).append(true).open(files.jobs())?;
        writeln!(log, "{job}\t{array}\t{k}")?;
        let todo: usize = resubmit.iter().map(|i| missing[i]).sum();
        eprintln!(
            "argsat bench: submitted job {job}: array tasks {array} of {k} ({todo} runs); \
             script {}",
            files.script.display()
        );
        waiting_for.push(job);
    }
    if !s.wait {
        if !waiting_for.is_empty() {
            eprintln!(
                "argsat bench: next: the same command with --wait waits for the array, merges \
                 into {} and reports; without it, run it again later to merge and resume",
                files.results.display()
            );
            merge(&files, k)?;
            return Ok(CampaignEnd::Submitted);
        }
    } else {
        wait_for(&waiting_for, s.poll)?;
    }
    merge(&files, k)?;
    let all = read_or_empty(&files.results)?;
    let missing = missing_by_shard(&solvers, &runs, k, &all);
    let mut incomplete = false;
    let states = last_states(&files, k)?;
    for (i, m) in missing.iter().filter(|(_, m)| **m > 0) {
        incomplete = true;
        let how = states
            .get(i)
            .map_or("no job record".to_owned(), |(job, state)| format!("job {job}_{i} {state}"));
        eprintln!(
            "argsat bench: shard {i}/{k} ({how}): {m} runs missing; run the same command again to resume them"
        );
    }
    let mut report = Report::load(&[&files.results])?;
    if let Some(c) = &checker {
        report.certify(c);
    }
    let agreed = present(&report, o.plot.as_deref(), None, out)?;
    Ok(if incomplete {
        CampaignEnd::Incomplete
    } else if agreed {
        CampaignEnd::Agreed
    } else {
        CampaignEnd::Disagreed
    })
}

/// `1,3,4`.
fn list(shards: &[usize]) -> String {
    shards.iter().map(usize::to_string).collect::<Vec<_>>().join(",")
}

/// Runs not yet recorded, per shard (1..=k).
fn missing_by_shard(
    solvers: &[Solver],
    runs: &[Run],
    k: usize,
    records: &[Record],
) -> BTreeMap<usize, usize> {
    let done: HashSet<Key> = records.iter().map(Record::key).collect();
    (1..=k)
        .map(|i| {
            let shard = Some(Shard { index: i, count: k });
            let m = plan::in_shard(runs.to_vec(), solvers.len(), shard)
                .iter()
                .filter(|r| !done.contains(&key_of(solvers, r)))
                .count();
            (i, m)
        })
        .collect()
}

/// Waits until none of `jobs`' array tasks is queued or running.
fn wait_for(jobs: &[u64], poll: Duration) -> Result<(), BenchError> {
    let mut last = usize::MAX;
    loop {
        let active = cluster::active(jobs).map_err(usage)?;
        if active.is_empty() {
            return Ok(());
        }
        if active.len() != last {
            eprintln!("argsat bench: waiting for {} array tasks", active.len());
            last = active.len();
        }
        std::thread::sleep(poll);
    }
}

/// Appends to the results file every shard record whose run it does not hold yet.
fn merge(files: &Files, k: usize) -> Result<usize, BenchError> {
    let (mut writer, mut done) = Writer::resume(&files.results)?;
    let mut added = 0;
    for i in 1..=k {
        for r in read_or_empty(&files.shard(i, k))? {
            if done.insert(r.key()) {
                writer.write(&r)?;
                added += 1;
            }
        }
    }
    Ok(added)
}

/// The latest job's end state of each shard (from `jobs.tsv`, newest job last).
fn last_states(files: &Files, k: usize) -> Result<BTreeMap<usize, (u64, String)>, BenchError> {
    let mut states = BTreeMap::new();
    for job in files.submitted()? {
        for (i, state) in cluster::states(job) {
            if i <= k {
                states.insert(i, (job, state));
            }
        }
    }
    Ok(states)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bench::results::Status;

    fn options(dir: &Path) -> BenchOptions {
        BenchOptions {
            instances: vec![dir.join("inst dir")],
            solvers: vec!["argsat".into(), "b=/opt/b --fast".into()],
            tasks: "DC-CO,SE-ST".into(),
            arg: None,
            timeout: 60.0,
            memory: Some(1024),
            jobs: 2,
            shard: None,
            output: dir.join("r.jsonl"),
            plot: None,
            list: false,
            certify: false,
            slurm: None,
        }
    }

    fn record(solver: &str, instance: &str) -> Record {
        Record {
            solver: solver.into(),
            command: solver.into(),
            instance: instance.into(),
            task: "SE-ST".into(),
            query: None,
            status: Status::Ok,
            exit_code: Some(0),
            signal: None,
            wall_s: 1.0,
            cpu_s: 1.0,
            max_rss_kib: 1,
            timeout_s: 60.0,
            answer: Some("EXISTS".into()),
            certificate: None,
            error: None,
        }
    }

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("argsat-slurm-unit-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn the_job_script_is_plain_sbatch_with_the_campaigns_command() {
        let dir = scratch("script");
        let o = options(&dir);
        let t = Some(script::worst_case(5, &o));
        let opts = vec!["--partition=long".to_owned(), "--account=x".to_owned()];
        let text = script::script(
            &o,
            &dir.join("r.jsonl.slurm"),
            &dir.join("r.jsonl.sbatch"),
            4,
            &opts,
            t,
        )
        .unwrap();
        for line in [
            "#SBATCH --cpus-per-task=2",
            "#SBATCH --mem=2560M",
            "#SBATCH --partition=long",
            "#SBATCH --account=x",
            "--shard=\"$SLURM_ARRAY_TASK_ID/4\"",
            "'--solver=b=/opt/b --fast'",
            "--timeout=60",
            "--memory=1024",
        ] {
            assert!(text.contains(line), "{line} in\n{text}");
        }
        // 5 queries x 2 solvers, 2 at a time: 5 rounds of at most 64 s, and 2 minutes.
        assert!(text.contains("#SBATCH --time=0-00:07:20"), "{text}");
        assert!(text.contains(&format!("'{}'", dir.join("inst dir").display())));
        let path = dir.join("r.jsonl.sbatch");
        fs::write(&path, &text).unwrap();
        let syntax = std::process::Command::new("bash").arg("-n").arg(&path).status().unwrap();
        assert!(syntax.success());
        // A --time of the user's own: none of argsat's.
        let text = script::script(&o, &dir, &path, 4, &["--time=1".to_owned()], None).unwrap();
        assert!(!text.contains("--time=0-") && text.contains("#SBATCH --time=1"));
        assert!(script::script(&o, &dir, &path, 4, &["a\nb".to_owned()], None).is_err());
    }

    #[test]
    fn merging_keeps_each_run_once_and_a_torn_line_is_redone() {
        let dir = scratch("merge");
        let files = Files::new(&dir.join("r.jsonl"));
        fs::create_dir_all(&files.dir).unwrap();
        let line = |r: &Record| serde_json::to_string(r).unwrap() + "\n";
        let (a, b, c) = (record("s", "a.af"), record("s", "b.af"), record("s", "c.af"));
        fs::write(&files.results, line(&a)).unwrap();
        fs::write(files.shard(1, 2), line(&a) + &line(&b)).unwrap();
        // Shard 2's task was killed while writing its second record.
        let torn = line(&record("s", "d.af"));
        fs::write(files.shard(2, 2), line(&c) + &torn[..torn.len() / 2]).unwrap();
        assert_eq!(merge(&files, 2).unwrap(), 2);
        assert_eq!(merge(&files, 2).unwrap(), 0, "merging again adds nothing");
        let merged = read_or_empty(&files.results).unwrap();
        let keys: Vec<String> = merged.iter().map(|r| r.instance.clone()).collect();
        assert_eq!(keys, ["a.af", "b.af", "c.af"]);
        // The torn run is not recorded: its shard has it missing, and the shard's own
        // resume (Writer::resume) cuts the torn line off before running it again.
        let solvers = vec![Solver { name: "s".into(), command: "s".into() }];
        let runs: Vec<Run> = ["a.af", "b.af", "c.af", "d.af"]
            .iter()
            .map(|i| Run {
                solver: 0,
                instance: PathBuf::from(i),
                task: "SE-ST".parse().unwrap(),
                query: None,
            })
            .collect();
        let missing = missing_by_shard(&solvers, &runs, 2, &merged);
        assert_eq!(missing.values().sum::<usize>(), 1);
        let (_, done) = Writer::resume(&files.shard(2, 2)).unwrap();
        assert_eq!(done.len(), 1);
        assert!(fs::read_to_string(files.shard(2, 2)).unwrap().ends_with('\n'));
    }

    #[test]
    fn shards_grow_to_fit_the_partitions_limit() {
        let o = options(Path::new("/x"));
        // 40 queries x 2 solvers, 2 at a time, 60 s each: one shard needs about 45 min.
        let hour = Some(Duration::from_secs(3600));
        assert_eq!(shard_count(1, 40, &o, hour).unwrap(), 1);
        let ten_minutes = Some(Duration::from_secs(600));
        let k = shard_count(1, 40, &o, ten_minutes).unwrap();
        assert!(script::worst_case(40_usize.div_ceil(k), &o) <= Duration::from_secs(600));
        assert!(script::worst_case(40_usize.div_ceil(k - 1), &o) > Duration::from_secs(600));
        assert_eq!(shard_count(3, 40, &o, None).unwrap(), 3);
        assert!(shard_count(1, 40, &o, Some(Duration::from_secs(60))).is_err());
    }

    #[test]
    fn partitions_named_in_options() {
        let p = |o: &[&str]| partition(&o.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(p(&["--partition=long"]), Some("long".into()));
        assert_eq!(p(&["--account=x", "-p", "short"]), Some("short".into()));
        assert_eq!(p(&["-pgpu"]), Some("gpu".into()));
        assert_eq!(p(&["--qos=high"]), None);
    }
}
