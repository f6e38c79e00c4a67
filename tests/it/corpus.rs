//! Benchmark corpora with reference answers: every row of a corpus's `answers.tsv` whose
//! answer is known is checked against argsat's answer, with every compiled SAT backend,
//! and every certificate is verified by the independent checker. Each row runs in a child
//! process with a time limit; a row over the limit is reported (it gives no answer, so no
//! wrong one), and more than 5% of rows over the limit fails the test.
//!
//! The bundled corpus (`tests/data/corpus`) is always checked; the full one (the folder
//! `ARGSAT_CORPUS` names, default `../shared/benchmarks`) when ignored tests are asked for.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use argsat::format::read_file;
use argsat::{Arg, Backend, Framework, Semantics, Task, verify};
use sha1::{Digest, Sha1};

struct Row {
    file: String,
    task: Task,
    query: String,
    answer: String,
    reference_secs: f64,
}

fn rows(root: &Path) -> Vec<Row> {
    let tsv = root.join("answers.tsv");
    let text = std::fs::read_to_string(&tsv)
        .unwrap_or_else(|e| panic!("{}: {e} (ARGSAT_CORPUS names the corpus)", tsv.display()));
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            let secs = |s: &str| s.parse::<f64>().unwrap_or(99.0);
            Row {
                file: c[0].to_owned(),
                task: c[1].parse().expect("a supported task"),
                query: c[2].to_owned(),
                answer: c[3].to_owned(),
                reference_secs: secs(c[5]).min(secs(c[6])),
            }
        })
        .collect()
}

/// `EXT:<size>:<first 16 hex digits of SHA-1 of the sorted 1-based numbers>`.
fn ext_hash(ext: &[u64]) -> String {
    let mut nums = ext.to_vec();
    nums.sort_unstable();
    let text = nums.iter().map(u64::to_string).collect::<Vec<_>>().join(" ");
    let digest = Sha1::digest(text.as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("EXT:{}:{}", nums.len(), &hex[..16])
}

/// Runs the binary on one row; `None` on timeout.
fn run_row(root: &Path, row: &Row, backend: Backend, limit: Duration) -> Option<String> {
    let path = root.join(&row.file);
    let mut child = Command::new(env!("CARGO_BIN_EXE_argsat"))
        .args(["-p", &row.task.to_string(), "-f", path.to_str().unwrap(), "-a", &row.query])
        .args(["--sat", &backend.to_string()])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("argsat runs");
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        stdout.read_to_string(&mut s).map(|_| s)
    });
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "{} {} exited with {status}", row.file, row.task);
            return Some(reader.join().unwrap().unwrap());
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn parse_witness(line: &str) -> Vec<u64> {
    line.strip_prefix('w')
        .expect("a `w` line")
        .split_whitespace()
        .map(|t| t.parse().unwrap())
        .collect()
}

fn to_args(ext: &[u64]) -> Vec<Arg> {
    ext.iter().map(|&n| Arg((n - 1) as u32)).collect()
}

/// Checks a certificate with the independent checker, as far as it can for `sem`.
fn verify(af: &Framework, sem: Semantics, ext: &[Arg]) -> bool {
    match sem {
        Semantics::Stable => verify::is_stable(af, ext),
        Semantics::Stage => verify::is_conflict_free(af, ext),
        Semantics::Ideal => verify::is_admissible(af, ext),
        _ => verify::is_complete(af, ext),
    }
}

/// Compares one answer; `Err` explains a disagreement.
fn judge(row: &Row, af: &Framework, out: &str) -> Result<(), String> {
    let lines: Vec<&str> = out.lines().collect();
    let sem = row.task.semantics;
    let query: u64 = row.query.parse().unwrap();
    let first = *lines.first().ok_or("no output")?;
    let expected = row.answer.as_str();
    if expected.starts_with("EXT:") {
        let got = ext_hash(&parse_witness(first));
        return if got == expected { Ok(()) } else { Err(format!("got {got}")) };
    }
    match expected {
        "EXISTS" | "NONE" => {
            let got = match first {
                "NO" => "NONE",
                w if w.starts_with('w') => "EXISTS",
                other => other,
            };
            if got != expected {
                return Err(format!("got {got}"));
            }
            if got == "EXISTS" && !verify(af, sem, &to_args(&parse_witness(first))) {
                return Err(format!("certificate fails the check: {first}"));
            }
            Ok(())
        }
        "YES" | "NO" => {
            if first != expected {
                return Err(format!("got {first}"));
            }
            if let Some(w) = lines.get(1) {
                let ext = parse_witness(w);
                let has = ext.contains(&query);
                let dc = row.task.to_string().starts_with("DC");
                if dc != has || !verify(af, sem, &to_args(&ext)) {
                    return Err(format!("bad certificate {w}"));
                }
            }
            Ok(())
        }
        other => Err(format!("unknown reference answer {other}")),
    }
}

/// Checks every row with a known answer, with every compiled backend, two rows at a time;
/// fails on a wrong answer, or when more than 5% of a backend's rows exceed the limit.
fn check_corpus(root: &Path, min_rows: usize) {
    let rows: Vec<Row> = rows(root).into_iter().filter(|r| r.answer != "TIMEOUT").collect();
    assert!(rows.len() >= min_rows, "answers.tsv has only {} known rows", rows.len());
    let limit = Duration::from_secs(8);
    let frameworks: Mutex<HashMap<String, std::sync::Arc<Framework>>> = Mutex::new(HashMap::new());
    let failures = Mutex::new(Vec::new());
    let timeouts = Mutex::new(Vec::new());
    let jobs: Vec<(&Row, Backend)> =
        crate::backends().into_iter().flat_map(|b| rows.iter().map(move |r| (r, b))).collect();
    let next = Mutex::new(0usize);
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| {
                loop {
                    let i = {
                        let mut n = next.lock().unwrap();
                        *n += 1;
                        *n - 1
                    };
                    let Some(&(row, backend)) = jobs.get(i) else { break };
                    let Some(out) = run_row(root, row, backend, limit) else {
                        timeouts.lock().unwrap().push((row, backend));
                        continue;
                    };
                    let af = {
                        let mut cache = frameworks.lock().unwrap();
                        cache
                            .entry(row.file.clone())
                            .or_insert_with(|| {
                                let path: PathBuf = root.join(&row.file);
                                std::sync::Arc::new(read_file(&path, None).unwrap().0)
                            })
                            .clone()
                    };
                    if let Err(e) = judge(row, &af, &out) {
                        failures.lock().unwrap().push(format!(
                            "{} {} -a {} --sat {backend}: expected {}, {e}",
                            row.file, row.task, row.query, row.answer
                        ));
                    }
                }
            });
        }
    });
    let timeouts = timeouts.into_inner().unwrap();
    for (r, b) in &timeouts {
        eprintln!(
            "over {limit:?} ({b}): {} {} (reference {:.2}s)",
            r.file, r.task, r.reference_secs
        );
    }
    let failures = failures.into_inner().unwrap();
    assert!(failures.is_empty(), "{} wrong answers:\n{}", failures.len(), failures.join("\n"));
    // Hard rows may exceed the limit on a slow shared machine; a general slowdown may not.
    for b in crate::backends() {
        let over = timeouts.iter().filter(|(_, tb)| *tb == b).count();
        assert!(over * 20 <= rows.len(), "{b}: {over} of {} rows exceeded {limit:?}", rows.len());
    }
}

/// The corpus the repository carries.
fn bundled() -> PathBuf {
    crate::root().join("tests/data/corpus")
}

/// The full corpus: `ARGSAT_CORPUS`, or `../shared/benchmarks` beside the repository.
pub fn shared() -> PathBuf {
    // A relative path is read from the repository's top, where the README's command runs
    // (the tests themselves run in `cli/`).
    std::env::var_os("ARGSAT_CORPUS")
        .map_or_else(|| crate::root().join("../shared/benchmarks"), |p| crate::root().join(p))
}

#[test]
fn bundled_corpus_matches_the_reference() {
    check_corpus(&bundled(), 600);
}

#[test]
#[ignore = "needs the full corpus: ARGSAT_CORPUS=DIR (default ../shared/benchmarks)"]
fn shared_corpus_matches_the_reference() {
    check_corpus(&shared(), 900);
}

#[test]
fn ext_hash_matches_the_readme() {
    // The empty set hashes the empty string.
    assert_eq!(ext_hash(&[]), "EXT:0:da39a3ee5e6b4b0d");
}
