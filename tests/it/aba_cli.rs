//! ABA files on the command line: the ICCMA interface, the friendly commands, conversion,
//! and bad input (exit 2 naming file, line and column).

use std::path::PathBuf;

use argsat::aba::{self, AbaFormat, verify};

use crate::cli::argsat;

fn run(args: &[&str]) -> (String, String, i32) {
    let o = argsat(args);
    (
        String::from_utf8(o.stdout).unwrap(),
        String::from_utf8(o.stderr).unwrap(),
        o.status.code().unwrap_or(-1),
    )
}

fn tmp(name: &str, content: &str) -> PathBuf {
    let dir = crate::scratch().join(format!("argsat-aba-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, content).unwrap();
    p
}

const DEBATE: &str = "frameworks/capabilities-vs-alignment.aba";

#[test]
fn the_iccma_interface_answers_aba_tasks_as_the_track_prints_them() {
    let f = "tests/data/aba/iccma23/aba_25_0.3_5_5_0.aba";
    let fw = aba::read_file(&crate::root().join(f), None).unwrap().0;
    let answers =
        std::fs::read_to_string(crate::root().join("tests/data/aba/answers.tsv")).unwrap();
    let mut seen = 0;
    for line in answers.lines().filter(|l| l.starts_with("iccma23/aba_25_0.3_5_5_0.aba")) {
        let c: Vec<&str> = line.split('\t').collect();
        let (task, q, answer) = (c[1], c[2], c[3]);
        let mut args = vec!["-p", task, "-f", f];
        if q != "-" {
            args.extend(["-a", q]);
        }
        let (out, err, code) = run(&args);
        assert_eq!(code, 0, "{args:?}: {err}");
        match answer {
            "YES" | "NO" => assert_eq!(out, format!("{answer}\n"), "{args:?}"),
            "NONE" => assert_eq!(out, "NO\n"),
            _ => {
                let set: Vec<_> = out
                    .trim()
                    .strip_prefix('w')
                    .unwrap()
                    .split_whitespace()
                    .map(|a| fw.find(a).unwrap())
                    .collect();
                let sem = task[3..].parse().unwrap();
                verify::check_extension(&fw, sem, &set).unwrap();
            }
        }
        // With --witness, the set shown after DC YES / DS NO.
        if q != "-" {
            args.push("--witness");
            let (out, _, _) = run(&args);
            let mut lines = out.lines();
            let first = lines.next().unwrap();
            let shown = (task.starts_with("DC") && first == "YES")
                || (task.starts_with("DS") && first == "NO");
            match lines.next() {
                Some(w) => {
                    assert!(shown, "{args:?}: {out}");
                    let set: Vec<_> = w
                        .strip_prefix('w')
                        .unwrap()
                        .split_whitespace()
                        .map(|a| fw.find(a).unwrap())
                        .collect();
                    assert_eq!(verify::derives(&fw, &set, fw.find(q).unwrap()), first == "YES");
                    verify::admissible(&fw, &set).unwrap();
                }
                None => assert!(!shown, "{args:?}: no set shown"),
            }
        }
        seen += 1;
    }
    assert_eq!(seen, 6);
    // Enumeration and counting agree.
    let (ee, _, _) = run(&["-p", "EE-ST", "-f", f]);
    let (ce, _, _) = run(&["-p", "CE-ST", "-f", f]);
    assert_eq!(ee.lines().count().to_string(), ce.trim());
    let (formats, _, _) = run(&["--formats"]);
    assert!(formats.contains("aba,abafacts"), "{formats}");
}

#[test]
fn friendly_commands_speak_abas_terms() {
    let (out, _, code) = run(&["info", DEBATE]);
    assert_eq!(code, 0);
    assert!(out.contains("assumptions:  39") && out.contains("rules:        46"), "{out}");
    let (out, _, _) = run(&["solve", DEBATE, "-s", "preferred", "--all"]);
    assert!(out.ends_with("4 preferred extensions\n"), "{out}");
    let (out, _, _) = run(&["accept", DEBATE, "capabilities_outrun_alignment"]);
    assert!(out.starts_with("credulous (preferred): no, no extension derives"), "{out}");
    let (out, _, _) = run(&["explain", DEBATE, "capabilities_outrun_alignment", "-s", "grounded"]);
    assert!(
        out.contains("capabilities_outrun_alignment <- claim, for2_consistent_feedback"),
        "{out}"
    );
    assert!(out.contains("is defeated:") && out.contains("the contrary of claim"), "{out}");
    let (out, _, _) = run(&["explain", DEBATE, "rebut_claim", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["credulous"], true);
    let d = v["derivation"].as_array().unwrap();
    assert_eq!(d.last().unwrap()["atom"], "rebut_claim");
    let (out, _, code) = run(&["check", DEBATE]);
    assert_eq!(code, 0, "{out}");
    assert!(out.starts_with("stable extension: yes"), "{out}");
}

#[test]
fn convert_round_trips_between_the_aba_formats() {
    let facts = tmp("debate.abafacts", "");
    let (_, err, code) = run(&["convert", DEBATE, facts.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let numbered = tmp("debate.aba", "");
    let (_, err, code) = run(&["convert", facts.to_str().unwrap(), numbered.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let a = aba::read_file(&crate::root().join(DEBATE), Some(AbaFormat::Facts)).unwrap().0;
    let b = aba::read_file(&facts, None).unwrap().0;
    let c = aba::read_file(&numbered, None).unwrap().0;
    assert_eq!(a, b);
    assert_eq!(
        (c.len(), c.assumptions().len(), c.num_rules()),
        (a.len(), a.assumptions().len(), a.num_rules())
    );
    let (_, err, code) = run(&["convert", DEBATE, "-", "--to", "i23"]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot be written as i23"), "{err}");
}

#[test]
fn bad_aba_input_names_file_line_and_column() {
    for (text, at, what) in [
        ("p aba 3\na 1\nr 1 2\n", ":3:3:", "must be flat"),
        ("p aba 3\nc 2 1\n", ":2:3:", "not an assumption"),
        ("p aba 3\na 4\n", ":2:3:", "out of range"),
        ("p aba 3\nq 1\n", ":2:1:", "syntax error"),
        ("p aba 3\np aba 3\n", ":2:1:", "repeated header"),
    ] {
        let f = tmp("bad.aba", text);
        let (out, err, code) = run(&["-p", "DC-CO", "-f", f.to_str().unwrap(), "-a", "1"]);
        assert_eq!(code, 2, "{text:?}: {out}");
        assert!(
            err.contains(&format!("bad.aba{at} error:")) && err.contains(what),
            "{text:?}: {err}"
        );
    }
    // A header declaring more atoms than memory holds: refused before any allocation,
    // under a 2 GB address-space limit so that no machine has room for it.
    let f = tmp("huge.aba", "p aba 4000000000\na 1\n");
    let o = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -v 2000000; exec {} -p SE-PR -f {}",
            env!("CARGO_BIN_EXE_argsat"),
            f.display()
        ))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("huge.aba:1:7: error: the header declares 4000000000 atoms"), "{err}");
    assert!(err.contains("GB of memory"), "{err}");
    let f = tmp("ok.aba", "p aba 2\na 1\nc 1 2\n");
    let (_, err, code) = run(&["-p", "DC-SST", "-f", f.to_str().unwrap(), "-a", "1"]);
    assert_eq!(code, 2);
    assert!(err.contains("semi-stable semantics is not supported for ABA"), "{err}");
    let (_, err, code) = run(&["-p", "DC-CO", "-f", f.to_str().unwrap(), "-a", "9"]);
    assert_eq!(code, 2);
    assert!(err.contains("atom `9` not found"), "{err}");
    let (_, err, code) = run(&["-p", "DC-CO", "-f", f.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("needs a query atom"), "{err}");
}

#[test]
fn bench_runs_the_aba_track_and_judges_with_the_aba_checker() {
    let results = crate::scratch().join(format!("argsat-aba-bench-{}.jsonl", std::process::id()));
    let _ = std::fs::remove_file(&results);
    let out = results.to_str().unwrap();
    let args = ["bench", "tests/data/aba", "--tasks", "aba", "--timeout", "30", "--output", out];
    let (list, _, code) = run(&[&args[..], &["-s", "argsat", "--list"]].concat());
    assert_eq!(code, 0);
    // 14 files x 6 tasks; queries from the folder's queries.tsv.
    assert_eq!(list.lines().count(), 84, "{list}");
    assert!(list.contains("-p DS-PR -f tests/data/aba/iccma23/aba_25_0.1_10_10_0.aba -a 19"));

    let (stdout, stderr, code) = run(&[
        &args[..],
        &["-s", "argsat=argsat --witness", "-s", "nay=sh tests/fake/nay.sh", "--jobs", "2"],
    ]
    .concat());
    // nay refutes everything: wrong wherever the corpus says YES or EXISTS.
    assert_eq!(code, 1, "{stdout}\n{stderr}");
    let report = argsat_cli::bench::Report::load(&[&results]).unwrap();
    assert_eq!(report.records.len(), 168);
    let answers =
        std::fs::read_to_string(crate::root().join("tests/data/aba/answers.tsv")).unwrap();
    let expected: std::collections::HashMap<(String, String), String> = answers
        .lines()
        .skip(1)
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            ((format!("tests/data/aba/{}", c[0]), c[1].to_owned()), c[3].to_owned())
        })
        .collect();
    use argsat_cli::bench::Outcome;
    let (mut nay_wrong, mut nay_right, mut disputed) = (0, 0, 0);
    for (r, outcome) in report.records.iter().zip(&report.outcomes) {
        let want = &expected[&(r.instance.clone(), r.task.clone())];
        let got = r.answer.as_deref().unwrap_or("-");
        // A DS-PR NO shows a preferred extension, whose maximality is not checked, unless
        // an admissible set blocks the query: only then does it settle a dispute.
        let unsettled = r.task == "DS-PR" && want == "NO";
        match r.solver.as_str() {
            "argsat" => {
                assert_eq!(got, want, "{r:?}");
                // With --witness every YES of DC and NO of DS shows a checked set, as
                // every SE answer naming an extension does.
                let cert = r.certificate.as_deref();
                if matches!((&r.task[..2], got), ("DC", "YES") | ("DS", "NO") | ("SE", "EXISTS")) {
                    assert!(cert == Some("valid") || unsettled && cert == Some("absent"), "{r:?}");
                }
                if outcome == &Outcome::Disputed {
                    assert!(unsettled && cert == Some("absent"), "{r:?}");
                    disputed += 1;
                } else {
                    assert_eq!(outcome, &Outcome::Solved, "{r:?}");
                }
            }
            "nay" if got == want => nay_right += 1,
            "nay" => {
                nay_wrong += 1;
                assert!(
                    matches!(outcome, Outcome::Wrong(_))
                        || unsettled && outcome == &Outcome::Disputed,
                    "{r:?} {outcome:?}"
                );
            }
            other => panic!("unexpected solver {other}"),
        }
    }
    assert!(disputed < 5, "most DS-PR NO answers are shown by a blocking set: {disputed}");
    assert!(nay_wrong > 10 && nay_right > 10, "{nay_wrong} {nay_right}");
    assert!(stdout.contains("DISAGREEMENT"), "{stdout}");
}
