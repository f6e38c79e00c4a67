//! ABA corpora with reference answers: every row whose answer is known is answered by
//! argsat (the library, with a deadline) and compared; every extension and certificate is
//! checked by the independent checker (`argsat::aba::verify`). The bundled corpus
//! (`tests/data/aba`) on every backend; the shared one (`ARGSAT_CORPUS/aba`) when ignored
//! tests are asked for, on the default backend.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use argsat::aba::{self, verify};
use argsat::{Backend, Certificates, Options, Problem, Semantics, Task};

/// Checks every known row of `root/answers.tsv`; returns (rows checked, rows over
/// `limit`, the slowest row).
fn check(root: &Path, backend: Backend, limit: Duration) -> (usize, usize, (f64, String)) {
    let text = std::fs::read_to_string(root.join("answers.tsv")).expect("answers.tsv");
    let (mut checked, mut late, mut slowest) = (0, 0, (0.0, String::new()));
    for line in text.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let c: Vec<&str> = line.split('\t').collect();
        let (file, task, query, answer) = (c[0], c[1].parse::<Task>().unwrap(), c[2], c[3]);
        if answer == "UNKNOWN" {
            continue;
        }
        let fw = Arc::new(aba::read_file(&root.join(file), None).unwrap().0);
        let options = Options {
            backend,
            certificates: Certificates::Iccma2025,
            deadline: Some(Instant::now() + limit),
            ..Options::default()
        };
        let started = Instant::now();
        let mut s = aba::solver_with(Arc::clone(&fw), task.semantics, options).unwrap();
        let q = (query != "-").then(|| fw.find(query).expect("the query is an atom"));
        let got = match (task.problem, q) {
            (Problem::SomeExtension, _) => match s.some_extension() {
                Err(_) => None,
                Ok(None) => Some("NONE".to_owned()),
                Ok(Some(e)) => {
                    verify::check_extension(&fw, task.semantics, &e)
                        .unwrap_or_else(|v| panic!("{file} {task}: {v}"));
                    Some("EXISTS".to_owned())
                }
            },
            (Problem::Credulous, Some(q)) => s.credulous(q).ok().map(|d| {
                if let Some(w) = d.certificate.as_deref().filter(|_| d.accepted) {
                    assert!(verify::derives(&fw, w, q), "{file} {task}: the witness lacks {query}");
                    let ok = match task.semantics {
                        Semantics::Stable => verify::stable(&fw, w),
                        _ => verify::admissible(&fw, w),
                    };
                    ok.unwrap_or_else(|v| panic!("{file} {task}: witness: {v}"));
                }
                if d.accepted { "YES" } else { "NO" }.to_owned()
            }),
            (Problem::Sceptical, Some(q)) => s.sceptical(q).ok().map(|d| {
                if let Some(c) = d.certificate.as_deref().filter(|_| !d.accepted) {
                    assert!(
                        !verify::derives(&fw, c, q),
                        "{file} {task}: the counterexample derives it"
                    );
                    // Preferred: an admissible set blocking every derivation of the query
                    // will do (every preferred extension holding it lacks the query).
                    let blocking = task.semantics == Semantics::Preferred
                        && verify::blocks(&fw, c, q)
                        && verify::admissible(&fw, c).is_ok();
                    if !blocking {
                        verify::check_extension(&fw, task.semantics, c)
                            .unwrap_or_else(|v| panic!("{file} {task}: counterexample: {v}"));
                    }
                }
                if d.accepted { "YES" } else { "NO" }.to_owned()
            }),
            _ => panic!("{file}: unexpected task {task}"),
        };
        let secs = started.elapsed().as_secs_f64();
        if secs > slowest.0 {
            slowest = (secs, format!("{file} {task}"));
        }
        match got {
            None => late += 1,
            Some(got) => assert_eq!(got, answer, "{file} {task} {query} ({backend})"),
        }
        checked += 1;
    }
    (checked, late, slowest)
}

#[test]
fn the_bundled_aba_corpus_is_answered_right_on_every_backend() {
    let root = crate::root().join("tests/data/aba");
    for backend in crate::backends() {
        let (checked, late, slowest) = check(&root, backend, Duration::from_secs(60));
        assert!(checked >= 80, "{checked} rows");
        assert_eq!(late, 0, "{backend}: rows over the limit; slowest {slowest:?}");
    }
}

#[test]
#[ignore = "the shared corpus: ARGSAT_CORPUS=../shared/benchmarks cargo test -- --ignored"]
fn the_shared_aba_corpus_is_answered_right() {
    let root = crate::corpus::shared().join("aba");
    let (checked, late, slowest) = check(&root, Backend::default(), Duration::from_secs(120));
    eprintln!("ABA corpus: {checked} rows, {late} over 120 s, slowest {slowest:?}");
    assert!(checked >= 160, "{checked} rows");
    assert!(late * 20 <= checked, "{late} of {checked} rows over the limit");
}
