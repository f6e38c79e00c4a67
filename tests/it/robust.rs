//! Nothing crashes, hangs or lies: bad and outsized input, early ends (a closed pipe,
//! SIGINT, `--timeout`, an interrupted bench) and `check`'s answer.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::cli::argsat;

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_argsat"));
    c.current_dir(crate::root());
    c
}

fn tmp(name: &str, content: &[u8]) -> PathBuf {
    let dir = crate::scratch().join(format!("argsat-robust-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, content).unwrap();
    p
}

/// `k` disjoint mutual attacks: 2^k stable extensions, an endless EE for large `k`.
fn pairs(k: u32) -> PathBuf {
    let mut s = format!("p af {}\n", 2 * k);
    for i in 0..k {
        s += &format!("{} {}\n{} {}\n", 2 * i + 1, 2 * i + 2, 2 * i + 2, 2 * i + 1);
    }
    tmp(&format!("pairs{k}.af"), s.as_bytes())
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn a_header_declaring_more_than_memory_holds_is_refused_at_once() {
    let f = tmp("huge.af", b"p af 4000000000\n1 2\n");
    // Under a 2 GB address-space limit, so that no machine has room for it.
    let o = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -v 2000000; exec {} -p SE-GR -f {}",
            env!("CARGO_BIN_EXE_argsat"),
            f.display()
        ))
        .output()
        .unwrap();
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.starts_with(&format!("{}:1:6: error: the header declares 4000000000", f.display())),
        "{err}"
    );
    assert!(err.contains("GB of memory"), "{err}");
}

#[test]
fn binary_and_endless_input_is_refused_with_a_position() {
    let o = argsat(&["-p", "SE-GR", "-f", "/dev/zero"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(text(&o.stderr), "/dev/zero:1:1: error: a NUL byte: this is not a text file\n");
}

#[test]
fn long_tokens_are_quoted_short() {
    let long = "9".repeat(1_000_000);
    let f = tmp("long.af", format!("p af 3\n1 {long}\n").as_bytes());
    let o = argsat(&["-p", "SE-GR", "-f", f.to_str().unwrap()]);
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err.len() < 200 && err.contains(":2:3: error: argument 9999") && err.contains("..."),
        "{err}"
    );
    let f = tmp("long.apx", format!("arg(a).\natt(a,{long}x).\n").as_bytes());
    let err = text(&argsat(&["-p", "SE-GR", "-f", f.to_str().unwrap()]).stderr);
    assert!(err.len() < 200 && err.contains("undeclared argument"), "{err}");
}

#[test]
fn a_byte_order_mark_is_accepted() {
    for (name, content) in [
        ("bom.af", &b"\xEF\xBB\xBFp af 2\n1 2\n"[..]),
        ("bom.apx", b"\xEF\xBB\xBFarg(a).\narg(b).\natt(a,b).\n"),
        ("bom.tgf", b"\xEF\xBB\xBFa\nb\n#\na b\n"),
    ] {
        let f = tmp(name, content);
        let o = argsat(&["-p", "SE-GR", "-f", f.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(0), "{name}: {}", text(&o.stderr));
        assert!(matches!(text(&o.stdout).as_str(), "w 1\n" | "w a\n"), "{name}");
    }
    // Positions count from after it.
    let f = tmp("bom-bad.af", b"\xEF\xBB\xBFp af 2\n1 x\n");
    let err = text(&argsat(&["-p", "SE-GR", "-f", f.to_str().unwrap()]).stderr);
    assert!(err.contains("bom-bad.af:2:3: error"), "{err}");
}

#[test]
fn an_argument_declared_twice_is_a_warning() {
    let f = tmp("dup.apx", b"arg(a).\narg(b).\n  arg(a).\natt(a,b).\n");
    let o = argsat(&["-p", "SE-GR", "-f", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(text(&o.stdout), "w a\n");
    let err = text(&o.stderr);
    assert_eq!(
        err,
        format!("{}:3:7: warning: duplicate declaration of argument `a` (ignored)\n", f.display())
    );
    // Many are reported once each up to a limit.
    let many: String = std::iter::repeat_n("arg(a).\n", 50).collect();
    let f = tmp("dups.apx", many.as_bytes());
    let err = text(&argsat(&["info", f.to_str().unwrap()]).stderr);
    assert_eq!(err.lines().count(), 11, "{err}");
    assert!(err.ends_with("more warnings not shown\n"), "{err}");
}

/// Starts `argsat ARGS` with stdout piped.
fn spawn(args: &[&str]) -> Child {
    bin().args(args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap()
}

/// Waits for `child`, returning its exit code, its whole stdout and stderr.
fn finish(mut child: Child) -> (Option<i32>, String, String) {
    let mut out = String::new();
    child.stdout.take().unwrap().read_to_string(&mut out).unwrap();
    let mut err = String::new();
    child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
    (child.wait().unwrap().code(), out, err)
}

/// Every line of an EE output is a whole `w ...` line of `k` arguments (pairs).
fn whole_lines(out: &str, k: usize) {
    assert!(
        out.ends_with('\n'),
        "a half line at the end: {:?}",
        &out[out.len().saturating_sub(40)..]
    );
    for line in out.lines() {
        assert!(line.starts_with("w ") && line.split(' ').count() == k + 1, "{line}");
    }
}

#[test]
fn a_closed_pipe_ends_enumeration_quietly() {
    let f = pairs(40);
    let mut child = spawn(&["-p", "EE-ST", "-f", f.to_str().unwrap()]);
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
    // Dropping the reader closes the pipe.
    let (code, _, err) = finish_without_stdout(child);
    assert!(first.starts_with("w 1 ") || first.starts_with("w 2 "), "{first}");
    assert_eq!((code, err.as_str()), (Some(0), ""));
}

fn finish_without_stdout(mut child: Child) -> (Option<i32>, (), String) {
    let mut err = String::new();
    child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
    (child.wait().unwrap().code(), (), err)
}

/// Sends `signal` to `child` once it has printed something.
fn signal_after_output(child: &Child, signal: libc::c_int, path: &Path) {
    let start = Instant::now();
    while std::fs::metadata(path).map_or(0, |m| m.len()) == 0 {
        assert!(start.elapsed() < Duration::from_secs(60), "no output");
        std::thread::sleep(Duration::from_millis(20));
    }
    // SAFETY: plain syscall on our child.
    unsafe { libc::kill(child.id() as libc::pid_t, signal) };
}

#[test]
fn sigint_and_sigterm_during_enumeration_leave_whole_lines() {
    let f = pairs(40);
    for (signal, code) in [(libc::SIGINT, 130), (libc::SIGTERM, 143)] {
        let out = tmp(&format!("ee-{signal}.out"), b"");
        let mut child = bin()
            .args(["-p", "EE-ST", "-f", f.to_str().unwrap()])
            .stdout(std::fs::File::create(&out).unwrap())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        signal_after_output(&child, signal, &out);
        let status = child.wait().unwrap();
        let mut err = String::new();
        child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
        assert_eq!((status.code(), err.as_str()), (Some(code), ""));
        whole_lines(&std::fs::read_to_string(&out).unwrap(), 40);
    }
}

#[test]
fn a_timeout_prints_what_is_known_and_exits_124() {
    let f = pairs(40);
    let (code, out, err) =
        finish(spawn(&["-p", "EE-ST", "-f", f.to_str().unwrap(), "--timeout", "0.5"]));
    assert_eq!(code, Some(124));
    assert_eq!(err, "argsat: timed out after 0.5 s\n");
    assert!(!out.is_empty());
    whole_lines(&out, 40);
    // Friendly commands take it too.
    let o = argsat(&["solve", f.to_str().unwrap(), "-s", "stable", "--all", "--timeout", "0.3"]);
    assert_eq!(o.status.code(), Some(124));
    assert!(text(&o.stdout).lines().all(|l| l.starts_with("stable extension ")));
    let o = argsat(&["-p", "SE-GR", "-f", f.to_str().unwrap(), "--timeout", "-1"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn an_interrupted_bench_leaves_no_solver_running_and_no_files() {
    // A solver that is a wrapper script: its `sleep` is a grandchild of the launcher.
    let marker = format!("{}.{}", 40 + std::process::id() % 1000, std::process::id() % 97);
    let script = tmp("sleepy.sh", format!("sleep {marker}\necho YES\n").as_bytes());
    let results = tmp("interrupted.jsonl", b"");
    std::fs::remove_file(&results).unwrap();
    let solver = format!("slow=sh {}", script.display());
    // The bench's own temporary folder, to see that it is left empty.
    let tmpdir = results.with_extension("tmp");
    let _ = std::fs::remove_dir_all(&tmpdir);
    std::fs::create_dir_all(&tmpdir).unwrap();
    let child = bin()
        .args(["bench", "tests/data/bench/chain.af", "-s", &solver, "--tasks", "SE-GR,SE-CO"])
        .args(["--jobs", "2", "-o", results.to_str().unwrap()])
        .env("TMPDIR", &tmpdir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let running = || {
        let o = Command::new("pgrep").args(["-f", &format!("sleep {marker}")]).output().unwrap();
        !o.stdout.is_empty()
    };
    let start = Instant::now();
    while !running() {
        assert!(start.elapsed() < Duration::from_secs(30), "the solver never started");
        std::thread::sleep(Duration::from_millis(20));
    }
    // SAFETY: plain syscall on our child.
    unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGINT) };
    let mut child = child;
    assert_eq!(child.wait().unwrap().code(), Some(130));
    let start = Instant::now();
    while running() {
        assert!(start.elapsed() < Duration::from_secs(5), "a solver outlived the bench");
        std::thread::sleep(Duration::from_millis(20));
    }
    let left: Vec<_> = std::fs::read_dir(&tmpdir).unwrap().map(|e| e.unwrap().path()).collect();
    assert!(left.is_empty(), "the bench left {left:?}");
}

#[test]
fn a_finished_bench_leaves_no_files() {
    let results = tmp("finished.jsonl", b"");
    std::fs::remove_file(&results).unwrap();
    let tmpdir = results.with_extension("tmp");
    let _ = std::fs::remove_dir_all(&tmpdir);
    std::fs::create_dir_all(&tmpdir).unwrap();
    let o = bin()
        .args(["bench", "tests/data/bench/chain.af", "--tasks", "SE-GR,SE-CO", "--jobs", "2"])
        .args(["-o", results.to_str().unwrap()])
        .env("TMPDIR", &tmpdir)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let left: Vec<_> = std::fs::read_dir(&tmpdir).unwrap().map(|e| e.unwrap().path()).collect();
    assert!(left.is_empty(), "the bench left {left:?}");
}

#[test]
fn check_answers_stable_existence_first_and_bounds_the_rest() {
    // 2^30 stable extensions: the count cannot finish, the exit code must still come.
    let f = pairs(30);
    let o = argsat(&["check", f.to_str().unwrap(), "--budget", "0.2"]);
    let out = text(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{out}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "well-formed: yes (i23, 60 arguments, 60 attacks)");
    assert_eq!(lines[4], "stable extension: exists (30 arguments)");
    assert!(
        out.contains("coherent: yes (every preferred extension is stable)\n")
            || out.contains("coherent: unknown within 0.20 s"),
        "{out}"
    );
    assert!(
        out.contains("stable extensions: at least ")
            && out.contains("unknown within 0.20 s (--budget raises it)"),
        "{out}"
    );
    // With no budget to speak of, on a small framework, everything is known.
    let o = argsat(&["check", "frameworks/even_cycle.af", "--budget", "inf"]);
    let out = text(&o.stdout);
    assert!(out.contains("coherent: yes") && out.contains("stable extensions: 2\n"), "{out}");
    // No stable extension: exit 1, and coherence follows at once.
    let o = argsat(&["check", "frameworks/odd_cycle.af"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stdout).contains("coherent: no (no stable extension"));
}

#[test]
fn the_memory_limit_can_be_lowered() {
    // Found by the parse_iccma23 fuzz target: a header of a billion arguments behind
    // leading zeros fits a large machine, but not a limit set by the user.
    let header = format!("p af {}1300000000\n1 2\n", "0".repeat(60));
    let f = tmp("lowered.af", header.as_bytes());
    let o = bin()
        .args(["-p", "SE-GR", "-f", f.to_str().unwrap()])
        .env("ARGSAT_MEMORY_MIB", "256")
        .output()
        .unwrap();
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains(":1:6: error: the header declares 1300000000 arguments"), "{err}");
    assert!(err.contains("256.0 MB are available"), "{err}");
}

#[test]
fn long_tgf_tokens_are_quoted_short() {
    // Found by the parse_tgf fuzz target: trailing garbage after a TGF name was echoed
    // whole.
    let long = "f".repeat(10_000);
    let f = tmp("long.tgf", format!("a\n#\na a {long}\n").as_bytes());
    let err = text(&argsat(&["-p", "SE-GR", "-f", f.to_str().unwrap()]).stderr);
    assert!(err.len() < 200 && err.contains(":3:5: error: trailing garbage `fff"), "{err}");
}
