//! The built binary on `frameworks/`: exact stdout and exit codes.

use std::path::PathBuf;
use std::process::{Command, Output};

/// Runs the built binary in the crate folder.
pub(crate) fn argsat(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_argsat"))
        .args(args)
        .current_dir(crate::root())
        .output()
        .expect("the argsat binary runs")
}

/// Runs and returns (stdout, stderr, exit code).
fn run(args: &[&str]) -> (String, String, i32) {
    let o = argsat(args);
    (
        String::from_utf8(o.stdout).unwrap(),
        String::from_utf8(o.stderr).unwrap(),
        o.status.code().unwrap_or(-1),
    )
}

fn stdout_of(args: &[&str]) -> String {
    let (out, err, code) = run(args);
    assert_eq!(code, 0, "argsat {args:?} failed: {err}");
    out
}

fn tmp(name: &str, content: &str) -> PathBuf {
    let dir = crate::scratch().join(format!("argsat-it-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, content).unwrap();
    p
}

#[test]
fn no_arguments_prints_name_version_authors() {
    let out = stdout_of(&[]);
    assert!(out.starts_with(&format!("argsat {}\n", env!("CARGO_PKG_VERSION"))), "{out}");
    assert!(out.contains("argsat developers"));
}

#[test]
fn help_shows_the_iccma_usage() {
    let help = stdout_of(&["--help"]);
    assert!(help.starts_with("argsat: a SAT-based solver"), "{help}");
    assert!(help.contains("ICCMA 2023 interface: `argsat -p TASK -f FILE"), "{help}");
}

#[test]
fn problems_and_formats() {
    let p = stdout_of(&["--problems"]);
    assert!(p.starts_with("[SE-GR,SE-CO,SE-PR,SE-ST,SE-SST,SE-STG,SE-ID,EE-GR"), "{p}");
    assert!(p.trim_end().ends_with("DS-ID]"), "{p}");
    assert_eq!(stdout_of(&["--formats"]), "[i23,apx,tgf,aba,abafacts]\n");
}

#[test]
fn iccma_tasks_on_reinstatement() {
    // 1 -> 2 -> 3: grounded {1, 3}.
    let f = "frameworks/reinstatement.af";
    assert_eq!(stdout_of(&["-p", "SE-GR", "-f", f]), "w 1 3\n");
    assert_eq!(stdout_of(&["-p", "DC-GR", "-f", f, "-a", "3"]), "YES\nw 1 3\n");
    assert_eq!(stdout_of(&["-p", "DC-GR", "-f", f, "-a", "2"]), "NO\n");
    assert_eq!(stdout_of(&["-p", "DS-GR", "-f", f, "-a", "1"]), "YES\n");
    assert_eq!(stdout_of(&["-p", "DS-GR", "-f", f, "-a", "2"]), "NO\nw 1 3\n");
    assert_eq!(stdout_of(&["-p", "SE-CO", "-f", f]), "w 1 3\n");
    assert_eq!(stdout_of(&["-p", "DS-CO", "-f", f, "-a", "3"]), "YES\n");
    assert_eq!(stdout_of(&["-p", "CE-PR", "-f", f]), "1\n");
    assert_eq!(stdout_of(&["-p", "SE-ID", "-f", f]), "w 1 3\n");
}

#[test]
fn iccma_tasks_on_an_even_cycle() {
    let f = "frameworks/even_cycle.af";
    assert_eq!(stdout_of(&["-p", "SE-GR", "-f", f]), "w\n");
    assert_eq!(ee_sorted(f, "EE-ST"), "w 1\nw 2\n");
    assert_eq!(ee_sorted(f, "EE-PR"), "w 1\nw 2\n");
    assert_eq!(ee_sorted(f, "EE-CO"), "w\nw 1\nw 2\n");
    assert_eq!(stdout_of(&["-p", "CE-CO", "-f", f]), "3\n");
    assert_eq!(stdout_of(&["-p", "DC-PR", "-f", f, "-a", "1"]), "YES\nw 1\n");
    assert_eq!(stdout_of(&["-p", "DS-PR", "-f", f, "-a", "1"]), "NO\nw 2\n");
    assert_eq!(stdout_of(&["-p", "DS-ST", "-f", f, "-a", "2"]), "NO\nw 1\n");
    assert_eq!(stdout_of(&["-p", "DC-SST", "-f", f, "-a", "2"]), "YES\nw 2\n");
    assert_eq!(stdout_of(&["-p", "DS-STG", "-f", f, "-a", "2"]), "NO\nw 1\n");
    assert_eq!(stdout_of(&["-p", "DC-ID", "-f", f, "-a", "1"]), "NO\n");
    assert_eq!(stdout_of(&["-p", "DS-ID", "-f", f, "-a", "1"]), "NO\nw\n");
}

/// EE output with lines sorted (the order extensions are found in is not fixed).
fn ee_sorted(f: &str, task: &str) -> String {
    let out = stdout_of(&["-p", task, "-f", f]);
    let mut lines: Vec<&str> = out.lines().collect();
    lines.sort();
    lines.iter().map(|l| format!("{l}\n")).collect()
}

#[test]
fn no_stable_extension() {
    let f = "frameworks/odd_cycle.af";
    assert_eq!(stdout_of(&["-p", "SE-ST", "-f", f]), "NO\n");
    assert_eq!(stdout_of(&["-p", "DC-ST", "-f", f, "-a", "1"]), "NO\n");
    assert_eq!(stdout_of(&["-p", "DS-ST", "-f", f, "-a", "1"]), "YES\n");
    assert_eq!(stdout_of(&["-p", "CE-ST", "-f", f]), "0\n");
    assert_eq!(stdout_of(&["-p", "EE-ST", "-f", f]), "");
    assert_eq!(stdout_of(&["-p", "SE-SST", "-f", f]), "w\n");
}

#[test]
fn names_are_printed_for_apx_and_tgf() {
    let f = "frameworks/nixon_diamond.apx";
    assert_eq!(stdout_of(&["-p", "DS-PR", "-f", f, "-a", "pacifist"]).lines().next(), Some("NO"));
    assert_eq!(stdout_of(&["-p", "SE-GR", "-f", f]), "w\n");
    let t = tmp("n.tgf", "x\ny\n#\nx y\n");
    assert_eq!(stdout_of(&["-p", "SE-GR", "-f", t.to_str().unwrap()]), "w x\n");
    assert_eq!(stdout_of(&["-p", "SE-GR", "-fo", "tgf", "-f", t.to_str().unwrap()]), "w x\n");
}

#[test]
fn format_is_sniffed_without_extension() {
    let t = tmp("noext", "arg(a).\narg(b).\natt(a,b).\n");
    assert_eq!(stdout_of(&["-p", "SE-GR", "-f", t.to_str().unwrap()]), "w a\n");
}

#[test]
fn parse_errors_name_file_line_column_and_exit_2() {
    let t = tmp("bad.af", "p af 3\n1 2\n1 4\n");
    let (out, err, code) = run(&["-p", "SE-GR", "-f", t.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert_eq!(out, "");
    assert_eq!(err, format!("{}:3:3: error: argument 4 is out of range 1..=3\n", t.display()));
}

#[test]
fn usage_errors_exit_2() {
    let f = "frameworks/reinstatement.af";
    let (_, err, code) = run(&["-p", "XX-PR", "-f", f]);
    assert_eq!(code, 2);
    assert!(err.contains("unsupported task `XX-PR`; supported tasks: SE-GR"), "{err}");
    let (_, err, code) = run(&["-p", "DC-PR", "-f", f]);
    assert_eq!(code, 2);
    assert!(err.contains("needs a query argument"), "{err}");
    let (_, err, code) = run(&["-p", "DC-PR", "-f", f, "-a", "9"]);
    assert_eq!(code, 2);
    assert!(err.contains("argument `9` not found") && err.contains("1..=3"), "{err}");
    let (_, err, code) = run(&["-p", "SE-GR", "-f", "/nonexistent.af"]);
    assert_eq!(code, 2);
    assert!(err.starts_with("/nonexistent.af: error: "), "{err}");
    let (_, _, code) = run(&["-p", "SE-GR", "-fo", "xml", "-f", f]);
    assert_eq!(code, 2);
}

#[test]
fn friendly_solve_prints_the_labelling() {
    let out = stdout_of(&["solve", "frameworks/reinstatement.af"]);
    assert_eq!(out, "IN    (2): 1 3\nOUT   (1): 2\nUNDEC (0): \n");
    let json = stdout_of(&["solve", "frameworks/reinstatement.af", "--json"]);
    assert_eq!(
        json,
        "{\"semantics\":\"grounded\",\"in\":[\"1\",\"3\"],\"out\":[\"2\"],\"undec\":[]}\n"
    );
    let all = stdout_of(&["solve", "frameworks/odd_cycle.af", "--semantics", "stable", "--all"]);
    assert_eq!(all, "0 stable extensions\n");
    let pr = stdout_of(&["solve", "frameworks/floating.apx", "-s", "preferred", "--all", "--json"]);
    assert!(pr.starts_with("{\"semantics\":\"preferred\",\"extensions\":[["), "{pr}");
    assert_eq!(pr.matches("\"c\"").count(), 0, "{pr}");
    assert_eq!(pr.matches("\"d\"").count(), 2, "{pr}");
}

#[test]
fn friendly_accept_and_check() {
    let out = stdout_of(&["accept", "frameworks/floating.apx", "d", "--semantics", "preferred"]);
    assert!(out.contains("credulous (preferred): yes"), "{out}");
    assert!(out.contains("sceptical (preferred): yes, d is in every extension"), "{out}");
    let (out, _, code) = run(&["check", "frameworks/odd_cycle.af"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("stable extension: none"));
    assert!(out.contains("coherent: no"));
    let (out, _, code) = run(&["check", "frameworks/even_cycle.af"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("coherent: yes"));
}

#[test]
fn friendly_info() {
    let out = stdout_of(&["info", "frameworks/self_attack.af"]);
    assert!(out.contains("arguments:    2\n"), "{out}");
    assert!(out.contains("self-attacks: 1\n"), "{out}");
    assert!(out.contains("grounded:     0 in, 0 out, 2 undecided\n"), "{out}");
}

#[test]
fn convert_keeps_names_and_structure() {
    let apx = crate::root().join("frameworks/capabilities-vs-alignment.apx");
    let out = tmp("debate.tgf", "");
    let (_, err, code) = run(&["convert", apx.to_str().unwrap(), out.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let a = stdout_of(&["solve", apx.to_str().unwrap()]);
    let b = stdout_of(&["solve", out.to_str().unwrap()]);
    assert_eq!(a, b);
    let i23 = stdout_of(&["convert", "frameworks/floating.apx", "-", "--to", "i23"]);
    assert!(i23.starts_with("p af 4\n"), "{i23}");
}

#[test]
fn the_debate_has_survivors() {
    let out = stdout_of(&["solve", "frameworks/capabilities-vs-alignment.apx"]);
    assert!(out.starts_with("IN "), "{out}");
    let (_, err, code) = run(&["check", "frameworks/capabilities-vs-alignment.apx"]);
    assert!(code == 0 || code == 1, "{err}");
}

#[test]
fn semi_stable_stage_and_ideal_tasks() {
    // An odd cycle a -> b -> c -> a attacking an even cycle d <-> e (c -> d).
    let f = "frameworks/dung1995_odd_even.apx";
    assert_eq!(stdout_of(&["-p", "SE-SST", "-f", f]), "w e\n");
    assert_eq!(stdout_of(&["-p", "DC-SST", "-f", f, "-a", "e"]), "YES\nw e\n");
    assert_eq!(stdout_of(&["-p", "DC-SST", "-f", f, "-a", "a"]), "NO\n");
    assert_eq!(stdout_of(&["-p", "DS-SST", "-f", f, "-a", "e"]), "YES\n");
    assert_eq!(stdout_of(&["-p", "DS-SST", "-f", f, "-a", "d"]), "NO\nw e\n");
    assert_eq!(stdout_of(&["-p", "EE-SST", "-f", f]), "w e\n");
    assert_eq!(stdout_of(&["-p", "CE-SST", "-f", f]), "1\n");

    let stage = ["w a d", "w a e", "w b d", "w b e", "w c e"];
    let se = stdout_of(&["-p", "SE-STG", "-f", f]);
    assert!(stage.contains(&se.trim_end()), "{se}");
    let dc = stdout_of(&["-p", "DC-STG", "-f", f, "-a", "d"]);
    assert!(dc.starts_with("YES\nw ") && dc.contains(" d"), "{dc}");
    let ds = stdout_of(&["-p", "DS-STG", "-f", f, "-a", "e"]);
    assert!(ds == "NO\nw a d\n" || ds == "NO\nw b d\n", "{ds}");
    assert_eq!(stdout_of(&["-p", "CE-STG", "-f", f]), "5\n");
    assert_eq!(ee_sorted(f, "EE-STG"), stage.iter().map(|l| format!("{l}\n")).collect::<String>());

    assert_eq!(stdout_of(&["-p", "SE-ID", "-f", f]), "w e\n");
    assert_eq!(stdout_of(&["-p", "DC-ID", "-f", f, "-a", "e"]), "YES\nw e\n");
    assert_eq!(stdout_of(&["-p", "DS-ID", "-f", f, "-a", "a"]), "NO\nw e\n");
    assert_eq!(stdout_of(&["-p", "EE-ID", "-f", f]), "w e\n");
    assert_eq!(stdout_of(&["-p", "CE-ID", "-f", f]), "1\n");
}

#[test]
fn the_walk_can_be_moved_or_turned_off_without_changing_answers() {
    let f = "frameworks/capabilities-vs-alignment.apx";
    let first_line = |task: &str, arg: &str, walk: &str| {
        let out = stdout_of(&["-p", task, "-f", f, "-a", arg, "--walk-after", walk]);
        out.lines().next().unwrap_or_default().to_owned()
    };
    for arg in ["claim", "for1_short_description_length", "against1_tractable_alignable"] {
        for task in ["DC-ST", "DS-ST", "DC-SST", "DS-STG"] {
            assert_eq!(first_line(task, arg, "0"), first_line(task, arg, "never"), "{task} {arg}");
        }
    }
    let (_, err, code) = run(&["-p", "SE-ST", "-f", f, "--walk-after", "soon"]);
    assert_eq!(code, 2);
    assert!(err.contains("neither a number of conflicts nor `never`"), "{err}");
}

#[test]
fn an_ipasir_library_is_loaded_at_run_time_and_named_in_errors() {
    let f = "frameworks/reinstatement.af";
    let (_, err, code) = run(&["-p", "SE-PR", "-f", f, "--sat", "ipasir:/nonexistent/lib.so"]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot load the IPASIR library `/nonexistent/lib.so`"), "{err}");
    let (_, err, code) = run(&["-p", "SE-PR", "-f", f, "--sat", "ipasir"]);
    assert_eq!(code, 2);
    assert!(err.contains("needs its library: `ipasir:PATH`"), "{err}");
    assert!(stdout_of(&["--version"]).contains("any IPASIR library with --sat ipasir:PATH"));
    // With a library (CI names one), every task answers as the compiled-in backends do.
    for backend in crate::backends() {
        let sat = backend.to_string();
        for task in ["SE-PR", "DC-ST", "DS-PR", "CE-CO", "SE-ID", "DS-STG"] {
            let with = stdout_of(&["-p", task, "-f", f, "-a", "3", "--sat", &sat]);
            let default = stdout_of(&["-p", task, "-f", f, "-a", "3"]);
            assert_eq!(with, default, "{task} --sat {sat}");
        }
    }
}
