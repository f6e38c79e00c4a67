//! `argsat bench` against fake solvers (tests/fake/: right, wrong, slow, crashing),
//! resuming, shards, and `argsat bench report` on a hand-made results file.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, Instant};

use argsat_cli::bench::{Outcome, Report, Status};

use crate::cli::argsat;

fn scratch(name: &str) -> PathBuf {
    let dir = crate::scratch().join(format!("argsat-bench-it-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    let _ = std::fs::remove_file(&p);
    p
}

const FAKES: [&str; 5] = [
    "--solver=argsat",
    "--solver=right=sh tests/fake/right.sh",
    "--solver=wrong=sh tests/fake/wrong.sh",
    "--solver=slow=sh tests/fake/slow.sh",
    "--solver=crash=sh tests/fake/crash.sh",
];

fn bench(results: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["bench", "tests/data/bench", "--tasks", "DC-CO,DS-PR,SE-ST"];
    args.extend(FAKES);
    args.extend(["--timeout", "1", "--output", results.to_str().unwrap()]);
    args.extend(extra);
    argsat(&args)
}

#[test]
fn wrong_answers_timeouts_and_crashes_are_caught() {
    let results = scratch("fakes.jsonl");
    let start = Instant::now();
    let o = bench(&results, &["--jobs", "2"]);
    // 3 slow runs, each killed at 1 s, two at a time: far below their 30 s sleep.
    assert!(start.elapsed() < Duration::from_secs(20), "{:?}", start.elapsed());
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "disagreements exit 1:\n{stdout}");
    let report = Report::load(&[&results]).unwrap();
    assert_eq!(report.records.len(), 15);
    for (r, outcome) in report.records.iter().zip(&report.outcomes) {
        match r.solver.as_str() {
            "argsat" | "right" => assert_eq!(outcome, &Outcome::Solved, "{r:?}"),
            "wrong" => assert!(matches!(outcome, Outcome::Wrong(_)), "{r:?} {outcome:?}"),
            "slow" => {
                assert_eq!((r.status, outcome), (Status::Timeout, &Outcome::Timeout));
                assert!(r.wall_s < 5.0, "killed at the limit: {r:?}");
            }
            "crash" => {
                assert_eq!(outcome, &Outcome::Error);
                assert_eq!(r.signal, Some(11), "{r:?}");
                assert!(r.error.as_deref().unwrap().contains("segmentation fault ahead"));
            }
            other => panic!("unexpected solver {other}"),
        }
    }
    // The wrong DC-CO answer contradicts a checked certificate; the others fail the check.
    assert!(stdout.contains("DISAGREEMENT on DC-CO tests/data/bench/chain.af query 3"), "{stdout}");
    assert!(
        stdout.contains(
            "reproduce: sh tests/fake/wrong.sh -p DC-CO -f tests/data/bench/chain.af -a 3"
        )
    );
    assert!(stdout.contains("proved YES with a checked certificate"), "{stdout}");
    assert!(stdout.contains("WRONG: NO: not preferred"), "{stdout}");
    assert!(stdout.contains("WRONG: EXISTS: not stable"), "{stdout}");

    // Resuming runs nothing new; a line cut short by a kill is dropped first.
    let before = std::fs::read_to_string(&results).unwrap();
    std::fs::write(&results, format!("{before}{{\"solver\":\"cut")).unwrap();
    let start = Instant::now();
    let o = bench(&results, &[]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("0 runs (15 already in"));
    assert!(start.elapsed() < Duration::from_secs(5), "nothing re-ran");
    assert_eq!(std::fs::read_to_string(&results).unwrap(), before);
}

#[test]
fn shards_partition_the_run_list() {
    let list = |extra: &[&str]| -> Vec<String> {
        let o = bench(&scratch("unused.jsonl"), &[&["--list"], extra].concat());
        assert!(o.status.success());
        String::from_utf8(o.stdout).unwrap().lines().map(str::to_owned).collect()
    };
    let all = list(&[]);
    assert_eq!(all.len(), 15);
    assert!(all.contains(&"wrong\t-p DS-PR -f tests/data/bench/chain.af -a 3".to_owned()));
    let mut union = BTreeSet::new();
    let mut total = 0;
    for i in 1..=4 {
        let part = list(&["--shard", &format!("{i}/4")]);
        total += part.len();
        union.extend(part);
    }
    assert_eq!(total, all.len(), "shards are disjoint");
    assert_eq!(union, all.into_iter().collect::<BTreeSet<_>>(), "and cover the list");
    let o = bench(&scratch("unused.jsonl"), &["--list", "--shard", "5/4"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn memory_limit_is_a_memout() {
    let results = scratch("memout.jsonl");
    let o = argsat(&[
        "bench",
        "tests/data/bench/chain.af",
        "--tasks",
        "SE-GR",
        "--solver",
        "hog=python3 -c 'bytearray(4 << 30)' #",
        "--memory",
        "512",
        "--output",
        results.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let report = Report::load(&[&results]).unwrap();
    assert_eq!(report.records[0].status, Status::Memout, "{:?}", report.records[0]);
}

#[test]
fn report_totals_on_a_hand_made_file() {
    let o = argsat(&["bench", "report", "tests/data/bench/results.jsonl"]);
    assert_eq!(o.status.code(), Some(1), "a wrong answer exits 1");
    let out = String::from_utf8(o.stdout).unwrap();
    let lines: Vec<Vec<&str>> = out.lines().map(|l| l.split_whitespace().collect()).collect();
    let has = |row: &[&str]| lines.iter().any(|l| l == row);
    // solver task runs solved timeout memout error wrong disputed PAR-2
    assert!(has(&["a", "SE-ST", "2", "1", "1", "0", "0", "0", "0", "21.50"]), "{out}");
    assert!(has(&["a", "all", "4", "3", "1", "0", "0", "0", "0", "22.20"]), "{out}");
    assert!(has(&["b", "DC-PR", "2", "0", "0", "0", "1", "1", "0", "40.00"]), "{out}");
    assert!(has(&["b", "all", "4", "2", "0", "0", "1", "1", "0", "45.00"]), "{out}");
    // task both only-1st only-2nd median worst instance
    assert!(has(&["SE-ST", "1", "0", "1", "0.50", "0.50", "x1.af"]), "{out}");
    assert!(has(&["all", "1", "2", "1", "0.50", "0.50", "x1.af"]), "{out}");
    assert!(out.contains("reproduce: b --fast -p DC-PR -f x1.af -a 4"), "{out}");
    let csv = scratch("results.csv");
    let o = argsat(&[
        "bench",
        "report",
        "tests/data/bench/results.jsonl",
        "--csv",
        csv.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let csv = std::fs::read_to_string(csv).unwrap();
    assert_eq!(csv.lines().count(), 9, "{csv}");
    assert!(
        csv.lines().any(|l| l.starts_with("b,x1.af,DC-PR,4,ok,\"wrong: NO, but a proved YES")),
        "{csv}"
    );
    let plots = scratch("plots");
    let o = argsat(&[
        "bench",
        "report",
        "tests/data/bench/results.jsonl",
        "--plot",
        plots.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    for f in ["cactus.svg", "cactus-SE-ST.svg", "scatter-a-vs-b.svg"] {
        let svg = std::fs::read_to_string(plots.join(f)).unwrap();
        assert!(svg.starts_with("<svg") && svg.contains("</svg>"), "{f}");
    }
}

#[test]
fn a_run_reports_its_own_memory_not_the_benchmarks() {
    use argsat_cli::bench::{Limits, run_isolated};
    // A caller this big (like a benchmark holding a large framework) would make a child
    // it forked report at least this much peak memory.
    let ballast = vec![1u8; 256 << 20];
    let (out, err, report) = (scratch("mem.out"), scratch("mem.err"), scratch("mem.report"));
    let limits = Limits { timeout: Duration::from_secs(10), memory_mib: None };
    let f = run_isolated(
        Path::new(env!("CARGO_BIN_EXE_argsat")),
        "sh -c 'echo hi; exit 3'",
        &[],
        limits,
        std::fs::File::create(&out).unwrap(),
        std::fs::File::create(&err).unwrap(),
        &report,
    )
    .unwrap();
    std::hint::black_box(&ballast);
    assert_eq!((f.exit_code, f.signal, f.timed_out), (Some(3), None, false));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "hi\n");
    assert!(f.max_rss_kib < 64 << 10, "{} KiB for sh", f.max_rss_kib);
    assert!(!report.exists(), "the report file is removed");
    // Timeouts are the launcher's to enforce, and reported.
    let short = Limits { timeout: Duration::from_millis(300), ..limits };
    let out = std::fs::File::create(scratch("mem2.out")).unwrap();
    let err = std::fs::File::create(scratch("mem2.err")).unwrap();
    let exe = Path::new(env!("CARGO_BIN_EXE_argsat"));
    let f = run_isolated(exe, "sleep 30; echo", &[], short, out, err, &report).unwrap();
    assert!(f.timed_out && f.wall < Duration::from_secs(5), "{f:?}");
}

#[test]
fn a_bench_outlives_its_binary_being_replaced() {
    // A rebuild replaces the binary while a long bench runs; runs started after that
    // used to fail ("No such file or directory") and end the bench.
    let copy = scratch("argsat-copy");
    std::fs::copy(env!("CARGO_BIN_EXE_argsat"), &copy).unwrap();
    let results = scratch("replaced.jsonl");
    let spawn = || {
        std::process::Command::new(&copy)
            .current_dir(crate::root())
            .args(["bench", "tests/data/bench", "--tasks", "DC-CO,DS-PR,SE-ST"])
            .args(["--solver=late=sleep 0.3; sh tests/fake/right.sh", "--timeout", "10"])
            .arg("--output")
            .arg(&results)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
    };
    // A child another test thread forks while the copy is open for writing holds it open
    // until it execs: running the copy then fails with "text file busy" for a moment.
    let mut tries = 0;
    let child = loop {
        match spawn() {
            Err(e) if e.raw_os_error() == Some(libc::ETXTBSY) && tries < 50 => {
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            other => break other.unwrap(),
        }
    };
    std::fs::remove_file(&copy).unwrap();
    let o = child.wait_with_output().unwrap();
    // Each run takes 0.3 s at least: the later ones start well after the removal.
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let report = Report::load(&[&results]).unwrap();
    assert_eq!(report.records.len(), 3);
    assert!(report.outcomes.iter().all(|o| o == &Outcome::Solved), "{:?}", report.outcomes);
}

/// `--certify` settles refutations without a reference solver: argsat's checked DRAT
/// proofs verify the right ones, its checked witnesses show the wrong ones wrong.
#[test]
fn certify_settles_refutations_with_proofs_and_witnesses() {
    if argsat::proofcheck::DratChecker::find().is_err() {
        eprintln!("certify test skipped: no DRAT checker (CI installs rate)");
        return;
    }
    let results = scratch("certify.jsonl");
    // Absolute: the records name the instances as given, and this process reads them
    // from another folder than the command line's.
    let data = crate::root().join("tests/data/certify");
    let data = data.to_str().unwrap();
    let run = |solvers: &[&str], extra: &[&str]| {
        let mut args = vec!["bench", data, "--tasks", "DC-ST,DS-ST,SE-ST,DC-CO"];
        args.extend(solvers);
        args.extend(["--timeout", "10", "--output", results.to_str().unwrap()]);
        args.extend(extra);
        let _ = std::fs::remove_file(&results);
        argsat(&args)
    };
    // The refuting solver alone: without --certify nothing contradicts it.
    let o = run(&["--solver=nay=sh tests/fake/nay.sh"], &[]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stdout));
    let mut report = Report::load(&[&results]).unwrap();
    assert!(report.outcomes.iter().all(Outcome::is_solved));
    // With it: right on odd.af (verified by proofs), wrong on even.af (witnesses).
    report.certify(&argsat::proofcheck::DratChecker::find().unwrap());
    let verified = report.verified.clone().unwrap();
    for ((r, o), v) in report.records.iter().zip(&report.outcomes).zip(&verified) {
        match (r.instance.ends_with("odd.af"), r.task.as_str()) {
            // DC-CO NO on odd.af: no admissible set contains 1 (only the empty one).
            (true, _) => assert!(o.is_solved() && *v, "{r:?} {o:?}"),
            (false, _) => {
                assert!(matches!(o, Outcome::Wrong(why) if why.contains("witness")), "{r:?} {o:?}")
            }
        }
    }
    assert_eq!(report.certified("nay", None), (4, 0, 4));
    // The command line: the table, and exit 1 for the wrong answers.
    let o = run(&["--solver=nay=sh tests/fake/nay.sh", "--solver=argsat"], &["--certify"]);
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("certified answers (--certify)"), "{stdout}");
    let certified = stdout.split("certified answers (--certify)").nth(1).unwrap();
    let row = certified.lines().find(|l| l.starts_with("argsat") && l.contains(" all ")).unwrap();
    let cols: Vec<&str> = row.split_whitespace().collect();
    // argsat: every answer verified (4 by proofs on odd.af, 4 by certificates on even.af).
    assert_eq!(cols[cols.len() - 3..], ["8", "0", "0"], "{stdout}");
    let o = argsat(&["bench", "report", results.to_str().unwrap(), "--certify"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stdout).contains("certified answers"));
}

/// `--certify` on the semi-stable and stage refutations (Sigma2): a range cover's proof
/// verifies the right one on a framework without a stable extension, and range-maximal
/// sets whose ranges are proved widest show the wrong ones wrong.
#[test]
fn certify_settles_semi_stable_and_stage_refutations_without_stable_extensions() {
    if argsat::proofcheck::DratChecker::find().is_err() {
        eprintln!("certify test skipped: no DRAT checker (CI installs rate)");
        return;
    }
    let results = scratch("certify-sigma2.jsonl");
    let data = crate::root().join("tests/data/certify");
    let o = argsat(&[
        "bench",
        data.to_str().unwrap(),
        "--tasks",
        "DC-SST,DS-SST,DC-STG,DS-STG",
        "--solver=nay=sh tests/fake/nay.sh",
        "--timeout",
        "10",
        "--output",
        results.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stdout));
    let mut report = Report::load(&[&results]).unwrap();
    report.certify(&argsat::proofcheck::DratChecker::find().unwrap());
    let verified = report.verified.clone().unwrap();
    for ((r, o), v) in report.records.iter().zip(&report.outcomes).zip(&verified) {
        // odd.af (1 -> 2 -> 3 -> 1): the one semi-stable extension is {}, the stage ones
        // {1}, {2}, {3}; only "no semi-stable extension contains 1" is right.
        if r.instance.ends_with("odd.af") && r.task == "DC-SST" {
            assert!(o.is_solved() && *v, "{r:?} {o:?}");
        } else {
            assert!(matches!(o, Outcome::Wrong(why) if why.contains("witness")), "{r:?} {o:?}");
        }
    }
    assert_eq!(report.certified("nay", None), (1, 0, 7));
}

/// `--certify` on ideal answers: argsat's certified ideal extension verifies the answers
/// that agree with it and shows the others wrong.
#[test]
fn certify_settles_ideal_answers_with_the_certified_ideal_extension() {
    if argsat::proofcheck::DratChecker::find().is_err() {
        eprintln!("certify test skipped: no DRAT checker (CI installs rate)");
        return;
    }
    let results = scratch("certify-ideal.jsonl");
    let data = crate::root().join("tests/data/certify");
    let o = argsat(&[
        "bench",
        data.to_str().unwrap(),
        "--tasks",
        "SE-ID,DC-ID,DS-ID",
        "--solver=nay=sh tests/fake/nay.sh",
        "--solver=argsat",
        "--timeout",
        "10",
        "--output",
        results.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stdout));
    let mut report = Report::load(&[&results]).unwrap();
    report.certify(&argsat::proofcheck::DratChecker::find().unwrap());
    // Both frameworks' ideal extension is empty: DC-ID NO is right, DS-ID YES and SE-ID
    // NO (no extension) wrong.
    assert_eq!(report.certified("argsat", None), (6, 0, 0));
    assert_eq!(report.certified("nay", Some("DC-ID")), (2, 0, 0));
    assert_eq!(report.certified("nay", Some("DS-ID")), (0, 0, 2));
    assert_eq!(report.certified("nay", Some("SE-ID")), (0, 0, 2));
}
