//! `argsat bench --slurm` against a real Slurm (CI starts a single-node cluster with
//! `.ci/slurm-cluster`; skipped, saying so, where no cluster answers): a campaign of three
//! solvers (argsat, a wrong fake, a crashing fake) equal to the same campaign run here,
//! a cancelled array task resumed, a shard out of time reported and resumed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use argsat_cli::bench::Status;

use crate::cli::argsat;

/// Whether a Slurm cluster answers (`sinfo` lists a node); else says why the test is
/// skipped.
fn slurm_up(test: &str) -> bool {
    let up = Command::new("sinfo")
        .args(["-h", "-o", "%T"])
        .output()
        .is_ok_and(|o| o.status.success() && !o.stdout.is_empty());
    if !up {
        eprintln!("{test}: skipped: no Slurm cluster answers (CI starts one: .ci/slurm-cluster)");
    }
    up
}

/// A fresh folder (absolute: compute nodes resolve it) with ten small instances.
fn campaign_dir(name: &str) -> PathBuf {
    let dir = crate::scratch().join(format!("argsat-slurm-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("inst")).unwrap();
    for seed in 1..=10 {
        let f = dir.join(format!("inst/er{seed}.af"));
        let o = argsat(&[
            "generate",
            "er",
            "-n",
            "12",
            "--seed",
            &seed.to_string(),
            "-o",
            f.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{o:?}");
    }
    dir
}

fn fake(name: &str) -> String {
    crate::root().join("tests/fake").join(name).display().to_string()
}

fn bench(dir: &Path, results: &str, solvers: &[String], extra: &[&str]) -> Output {
    let inst = dir.join("inst");
    let out = dir.join(results);
    let mut args = vec!["bench", inst.to_str().unwrap(), "--tasks", "DC-CO,DS-PR,SE-ST"];
    args.extend(solvers.iter().map(String::as_str));
    args.extend(["--timeout", "20", "--output", out.to_str().unwrap()]);
    args.extend(extra);
    argsat(&args)
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Every record of a results file by run: (status, answer); panics on a run recorded twice.
fn runs(path: &Path) -> BTreeMap<String, (Status, Option<String>)> {
    let (records, bad) = argsat_cli::bench::read_results(path).unwrap();
    assert_eq!(bad, 0);
    let mut by_run = BTreeMap::new();
    for r in records {
        let key = format!("{:?}", r.key());
        assert!(by_run.insert(key.clone(), (r.status, r.answer.clone())).is_none(), "{key} twice");
    }
    by_run
}

#[test]
fn a_campaign_on_slurm_equals_the_same_campaign_run_here() {
    if !slurm_up("a_campaign_on_slurm_equals_the_same_campaign_run_here") {
        return;
    }
    let dir = campaign_dir("equal");
    let solvers = vec![
        "--solver=argsat".to_owned(),
        format!("--solver=wrong=sh {}", fake("wrong.sh")),
        format!("--solver=crash=sh {}", fake("crash.sh")),
    ];
    let here = bench(&dir, "here.jsonl", &solvers, &[]);
    assert_eq!(here.status.code(), Some(1), "{}", stderr(&here));
    let o = bench(&dir, "slurm.jsonl", &solvers, &["--slurm", "4", "--wait"]);
    // Wrong answers: exit 1, as a local run.
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let (local, cluster) = (runs(&dir.join("here.jsonl")), runs(&dir.join("slurm.jsonl")));
    assert_eq!(cluster.len(), 10 * 3 * 3);
    assert_eq!(local, cluster);
    let script = std::fs::read_to_string(dir.join("slurm.jsonl.sbatch")).unwrap();
    assert!(
        script.contains("#SBATCH --time=") && script.contains("--shard=\"$SLURM_ARRAY_TASK_ID/4\"")
    );
    // The report of the merged file is the report of the local one.
    let report = |f: &str| {
        let p = dir.join(f);
        String::from_utf8(argsat(&["bench", "report", p.to_str().unwrap()]).stdout).unwrap()
    };
    let strip = |s: String| s.replace("slurm.jsonl", "").replace("here.jsonl", "");
    let (a, b) = (strip(report("here.jsonl")), strip(report("slurm.jsonl")));
    let solved = |s: &str| s.lines().filter(|l| l.contains("solved")).count();
    assert_eq!(solved(&a), solved(&b));
    // Again: nothing to submit, nothing run twice.
    let again = bench(&dir, "slurm.jsonl", &solvers, &["--slurm", "4", "--wait"]);
    assert!(!stderr(&again).contains("submitted job"), "{}", stderr(&again));
    assert_eq!(runs(&dir.join("slurm.jsonl")).len(), 90);
    // Another campaign's results file, and relative paths, are refused.
    let other = bench(&dir, "slurm.jsonl", &solvers[..1], &["--slurm", "4"]);
    assert_eq!(other.status.code(), Some(2));
    assert!(stderr(&other).contains("another campaign"), "{}", stderr(&other));
    let rel = argsat(&["bench", "tests/data/bench", "--output", "/tmp/x.jsonl", "--slurm", "2"]);
    assert_eq!(rel.status.code(), Some(2));
    assert!(stderr(&rel).contains("relative path"), "{}", stderr(&rel));
}

/// A solver that sleeps first, unless the file `fast` is beside it.
fn slow_solver(dir: &Path, secs: f64) -> String {
    let script = dir.join("slow.sh");
    let fast = dir.join("fast");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\n[ -e '{}' ] || sleep {secs}\nexec '{}' \"$@\"\n",
            fast.display(),
            env!("CARGO_BIN_EXE_argsat")
        ),
    )
    .unwrap();
    format!("--solver=slow=sh {}", script.display())
}

#[test]
fn a_cancelled_array_task_is_resumed_keeping_its_finished_runs() {
    if !slurm_up("a_cancelled_array_task_is_resumed_keeping_its_finished_runs") {
        return;
    }
    let dir = campaign_dir("cancel");
    let solvers = vec![slow_solver(&dir, 0.5)];
    let inst = dir.join("inst");
    let out = dir.join("r.jsonl");
    let mut args = vec!["bench", inst.to_str().unwrap(), "--tasks", "DC-CO,DS-PR,SE-ST"];
    args.extend(solvers.iter().map(String::as_str));
    args.extend(["--timeout", "20", "--output", out.to_str().unwrap(), "--slurm", "2", "--wait"]);
    let waiting = Command::new(env!("CARGO_BIN_EXE_argsat"))
        .args(&args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Cancel task 2 once it has recorded two runs.
    let shard = dir.join("r.jsonl.slurm/shard-2-of-2.jsonl");
    let start = Instant::now();
    while std::fs::read_to_string(&shard).map_or(0, |s| s.lines().count()) < 2 {
        assert!(start.elapsed() < Duration::from_secs(120), "shard 2 never started");
        std::thread::sleep(Duration::from_millis(100));
    }
    let jobs = std::fs::read_to_string(dir.join("r.jsonl.slurm/jobs.tsv")).unwrap();
    let job = jobs.split('\t').next().unwrap().to_owned();
    let c = Command::new("scancel").arg(format!("{job}_2")).output().unwrap();
    assert!(c.status.success(), "{c:?}");
    let o = waiting.wait_with_output().unwrap();
    // Task 1 finished, task 2 was cancelled: reported by shard, exit 3.
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains("shard 2/2") && stderr(&o).contains("CANCELLED"), "{}", stderr(&o));
    let before = runs(&out);
    assert!(before.len() < 30);
    // Again: only shard 2 is resubmitted; its finished runs are kept, none run twice.
    std::fs::write(dir.join("fast"), "").unwrap();
    let o = bench(&dir, "r.jsonl", &solvers, &["--slurm", "2", "--wait"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("array tasks 2 of 2"), "{}", stderr(&o));
    let all = runs(&out);
    assert_eq!(all.len(), 30);
    for (key, got) in &before {
        assert_eq!(all.get(key), Some(got), "the run {key} kept");
    }
    assert!(all.values().all(|(s, _)| *s == Status::Ok));
}

#[test]
fn a_shard_out_of_time_is_reported_and_resumed() {
    if !slurm_up("a_shard_out_of_time_is_reported_and_resumed") {
        return;
    }
    let dir = campaign_dir("time");
    let solvers = vec![slow_solver(&dir, 5.0)];
    // 30 runs of 5 s against a one-minute limit (Slurm counts whole minutes and sweeps
    // every 30 s): killed after 60 to 90 s.
    let o =
        bench(&dir, "r.jsonl", &solvers, &["--slurm", "1", "--slurm-option=--time=1", "--wait"]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains("shard 1/1") && stderr(&o).contains("TIMEOUT"), "{}", stderr(&o));
    let partial = runs(&dir.join("r.jsonl"));
    assert!(partial.len() < 30);
    std::fs::write(dir.join("fast"), "").unwrap();
    let o = bench(&dir, "r.jsonl", &solvers, &["--slurm", "1", "--wait"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(runs(&dir.join("r.jsonl")).len(), 30);
}
