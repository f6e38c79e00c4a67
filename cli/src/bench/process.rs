//! Running one solver process under limits, and measuring it.
//!
//! The solver runs as `sh -c 'COMMAND "$@"' sh ARGS...` in a process group of its own
//! (`exec COMMAND` when it is a simple command, so signals and usage are the solver's own),
//! so a wrapper script and everything it starts is killed at the wall-clock limit.
//! Memory is limited by `RLIMIT_AS` (address space), and CPU time and peak memory come
//! from `wait4`'s resource usage of the child (which includes the children it waited for).
//!
//! A child's peak memory starts from the resident size of the process that forked it
//! (Linux carries the forked memory's high-water mark across `exec`), and a benchmark
//! holding large frameworks would make every solver look as big. So `argsat bench` starts
//! each run from a small launcher process ([`run_isolated`], [`LAUNCHER`]) that runs it
//! with [`run`] and reports what it measured.

use std::fs::File;
use std::io;
use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

/// Limits per run.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Limits {
    /// Wall-clock limit.
    pub timeout: Duration,
    /// Address-space limit in MiB.
    pub memory_mib: Option<u64>,
}

/// How a process ended and what it used.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Finished {
    /// Wall-clock time.
    pub wall: Duration,
    /// User plus system CPU time.
    pub cpu: Duration,
    /// Peak resident memory in KiB.
    pub max_rss_kib: u64,
    /// The exit code, when the process exited.
    pub exit_code: Option<i32>,
    /// The signal that ended it, when one did.
    pub signal: Option<i32>,
    /// Whether it was killed at the wall-clock limit.
    pub timed_out: bool,
}

impl Finished {
    /// One line of text: wall and CPU nanoseconds, peak KiB, exit code, signal (`-` for
    /// none) and `1` when timed out, separated by spaces.
    pub fn to_line(&self) -> String {
        let opt = |v: Option<i32>| v.map_or("-".to_owned(), |v| v.to_string());
        format!(
            "{} {} {} {} {} {}",
            self.wall.as_nanos(),
            self.cpu.as_nanos(),
            self.max_rss_kib,
            opt(self.exit_code),
            opt(self.signal),
            u8::from(self.timed_out)
        )
    }

    /// Reads [`Finished::to_line`]'s line back; `None` when it is not one.
    pub fn from_line(line: &str) -> Option<Finished> {
        let f: Vec<&str> = line.split_whitespace().collect();
        let [wall, cpu, rss, code, signal, timed_out] = f[..] else { return None };
        let nanos = |s: &str| s.parse::<u64>().ok().map(Duration::from_nanos);
        let opt = |s: &str| if s == "-" { Some(None) } else { s.parse().ok().map(Some) };
        Some(Finished {
            wall: nanos(wall)?,
            cpu: nanos(cpu)?,
            max_rss_kib: rss.parse().ok()?,
            exit_code: opt(code)?,
            signal: opt(signal)?,
            timed_out: match timed_out {
                "0" => false,
                "1" => true,
                _ => return None,
            },
        })
    }
}

/// The first argument that makes the `argsat` binary a launcher (see [`run_isolated`]).
pub const LAUNCHER: &str = "__bench-run";

/// Runs `command` like `run`, but from a fresh launcher process: `launcher` (the
/// `argsat` binary) started as `launcher __bench-run TIMEOUT_MS MEMORY_MIB|- REPORT --
/// COMMAND ARGS...`, which calls `launch`. The peak memory measured is the solver's
/// own, not the caller's size.
///
/// # Errors
/// I/O errors starting or waiting for the launcher, or a launcher that reported nothing.
pub fn run_isolated(
    launcher: &std::path::Path,
    command: &str,
    args: &[String],
    limits: Limits,
    stdout: File,
    stderr: File,
    report: &std::path::Path,
) -> io::Result<Finished> {
    let _ = std::fs::remove_file(report);
    let mut cmd = Command::new(launcher);
    cmd.arg(LAUNCHER)
        .arg(limits.timeout.as_millis().to_string())
        .arg(limits.memory_mib.map_or("-".to_owned(), |m| m.to_string()))
        .arg(report)
        .arg("--")
        .arg(command)
        .args(args)
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(stderr);
    // The launcher is told (SIGTERM) when the thread that started it ends, for whatever
    // reason, and then kills the solver's whole process group (see `launch`).
    die_with_parent(&mut cmd, libc::SIGTERM);
    let status = cmd.status()?;
    let line = std::fs::read_to_string(report).unwrap_or_default();
    let _ = std::fs::remove_file(report);
    Finished::from_line(line.trim()).ok_or_else(|| {
        io::Error::other(format!("the launcher reported nothing ({status}): {}", line.trim()))
    })
}

/// The running binary, to start launchers from: `/proc/self/exe` where there is one,
/// which names the running program even after its file is replaced or removed (as a
/// rebuild during a long bench does), else [`std::env::current_exe`].
///
/// # Errors
/// When neither names the running program.
pub fn own_exe() -> io::Result<std::path::PathBuf> {
    let proc = std::path::Path::new("/proc/self/exe");
    if proc.exists() { Ok(proc.to_path_buf()) } else { std::env::current_exe() }
}

/// The launcher's side of [`run_isolated`]: `args` are what follows [`LAUNCHER`]. Runs the
/// command with [`run`], its output going to this process's standard output and error,
/// and writes [`Finished::to_line`] to the report file.
///
/// # Errors
/// Malformed arguments, or I/O errors running the command or writing the report.
pub fn launch(args: &[String]) -> io::Result<()> {
    let bad = || {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            "usage: __bench-run TIMEOUT_MS MEMORY_MIB|- REPORT -- COMMAND ARGS...",
        )
    };
    let [timeout, memory, report, dashes, command, rest @ ..] = args else { return Err(bad()) };
    if dashes != "--" {
        return Err(bad());
    }
    let timeout = Duration::from_millis(timeout.parse().map_err(|_| bad())?);
    let memory_mib = if memory == "-" { None } else { Some(memory.parse().map_err(|_| bad())?) };
    kill_group_on_signal();
    use std::os::fd::AsFd;
    let stdout = File::from(io::stdout().as_fd().try_clone_to_owned()?);
    let stderr = File::from(io::stderr().as_fd().try_clone_to_owned()?);
    let finished = run(command, rest, Limits { timeout, memory_mib }, stdout, stderr)?;
    std::fs::write(report, finished.to_line() + "\n")
}

/// Sends the process `cmd` starts `signal` when the thread that started it ends, on Linux.
fn die_with_parent(cmd: &mut Command, signal: libc::c_int) {
    #[cfg(target_os = "linux")]
    // SAFETY: prctl is async-signal-safe, and nothing else runs between fork and exec.
    unsafe {
        cmd.pre_exec(move || {
            libc::prctl(libc::PR_SET_PDEATHSIG, signal);
            Ok(())
        });
    }
    #[cfg(not(target_os = "linux"))]
    let _ = (cmd, signal);
}

/// The process group of the solver a launcher runs (0 until it starts).
static SOLVER_GROUP: std::sync::atomic::AtomicI32 = std::sync::atomic::AtomicI32::new(0);

/// In a launcher: on SIGTERM, SIGINT or SIGHUP (the benchmark ended, was interrupted, or
/// its terminal closed), kills the solver's whole process group (a wrapper script's
/// children too) and exits. The signals are blocked in every thread and taken by one
/// thread with `sigwait`; call before any other thread starts.
fn kill_group_on_signal() {
    // SAFETY: sigset operations on a local set, and the calling thread's mask.
    let set = unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        for s in [libc::SIGTERM, libc::SIGINT, libc::SIGHUP] {
            libc::sigaddset(&mut set, s);
        }
        libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut());
        set
    };
    thread::spawn(move || {
        let mut signal: libc::c_int = 0;
        // SAFETY: waits for one of the blocked signals of `set`.
        while unsafe { libc::sigwait(&set, &mut signal) } != 0 {}
        let group = SOLVER_GROUP.load(std::sync::atomic::Ordering::SeqCst);
        if group > 0 {
            // SAFETY: plain syscall on the group this launcher started.
            unsafe { libc::killpg(group, libc::SIGKILL) };
        }
        std::process::exit(128 + signal);
    });
}

fn timeval(tv: libc::timeval) -> Duration {
    Duration::new(tv.tv_sec.max(0) as u64, (tv.tv_usec.max(0) as u32) * 1000)
}

/// Runs `command` (a shell command line) with `args` appended, output to the given files.
///
/// # Errors
/// I/O errors starting or waiting for the process.
pub fn run(
    command: &str,
    args: &[String],
    limits: Limits,
    stdout: File,
    stderr: File,
) -> io::Result<Finished> {
    let simple = !command.contains(|c| ";&|()<>`\n".contains(c));
    let exec = if simple { "exec " } else { "" };
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(format!("{exec}{command} \"$@\""))
        .arg("sh")
        .args(args)
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(stderr)
        .process_group(0);
    // An interrupted `argsat bench` leaves no solver running.
    die_with_parent(&mut cmd, libc::SIGKILL);
    if let Some(mib) = limits.memory_mib {
        let bytes = mib.saturating_mul(1 << 20) as libc::rlim_t;
        // SAFETY: setrlimit is async-signal-safe, and nothing else runs between fork and exec.
        unsafe {
            cmd.pre_exec(move || {
                let lim = libc::rlimit { rlim_cur: bytes, rlim_max: bytes };
                if libc::setrlimit(libc::RLIMIT_AS, &lim) != 0 {
                    return Err(io::Error::last_os_error());
                }
                Ok(())
            });
        }
    }
    let start = Instant::now();
    let child = cmd.spawn()?;
    let pid = child.id() as libc::pid_t;
    SOLVER_GROUP.store(pid, std::sync::atomic::Ordering::SeqCst);
    // The watchdog kills the whole group at the limit unless told the child is done.
    let (done_tx, done_rx) = mpsc::channel::<()>();
    let watchdog = thread::spawn(move || {
        if done_rx.recv_timeout(limits.timeout) == Err(mpsc::RecvTimeoutError::Timeout) {
            // SAFETY: plain syscall; the group exists until the child is reaped below.
            unsafe { libc::killpg(pid, libc::SIGKILL) };
            true
        } else {
            false
        }
    });
    let mut status: libc::c_int = 0;
    // SAFETY: an all-zero rusage is a valid value of this plain C struct.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: pid is our child; status and usage are valid for writes.
        let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        if r == pid {
            break;
        }
        let e = io::Error::last_os_error();
        if e.kind() != io::ErrorKind::Interrupted {
            let _ = done_tx.send(());
            let _ = watchdog.join();
            return Err(e);
        }
    }
    let wall = start.elapsed();
    let _ = done_tx.send(());
    let killed = watchdog.join().unwrap_or(false);
    // Leftovers of the group (a wrapper's background children) go too.
    // SAFETY: plain syscall; ESRCH when the group is already gone is fine.
    unsafe { libc::killpg(pid, libc::SIGKILL) };
    drop(child);
    let (exit_code, signal) = if libc::WIFEXITED(status) {
        (Some(libc::WEXITSTATUS(status)), None)
    } else if libc::WIFSIGNALED(status) {
        (None, Some(libc::WTERMSIG(status)))
    } else {
        (None, None)
    };
    Ok(Finished {
        wall,
        cpu: timeval(usage.ru_utime) + timeval(usage.ru_stime),
        max_rss_kib: usage.ru_maxrss.max(0) as u64,
        exit_code,
        signal,
        timed_out: killed || wall >= limits.timeout,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files() -> (File, File) {
        let dir = std::env::temp_dir();
        let out = dir.join(format!(
            "argsat-process-test-{}-{:?}",
            std::process::id(),
            thread::current().id()
        ));
        let files = (File::create(&out).unwrap(), File::create(out.with_extension("err")).unwrap());
        // Open files need no name: nothing is left behind.
        let _ = std::fs::remove_file(&out);
        let _ = std::fs::remove_file(out.with_extension("err"));
        files
    }

    #[test]
    fn finished_lines_read_back() {
        let f = Finished {
            wall: Duration::from_nanos(1_234_567_890),
            cpu: Duration::from_nanos(987),
            max_rss_kib: 4096,
            exit_code: None,
            signal: Some(9),
            timed_out: true,
        };
        assert_eq!(Finished::from_line(&f.to_line()), Some(f));
        let g = Finished { exit_code: Some(0), signal: None, timed_out: false, ..f };
        assert_eq!(Finished::from_line(&g.to_line()), Some(g));
        assert_eq!(Finished::from_line("1 2 3 0 - 2"), None);
        assert_eq!(Finished::from_line("1 2 3 0 -"), None);
    }

    #[test]
    fn exit_codes_signals_and_timeouts() {
        let limits = Limits { timeout: Duration::from_secs(5), memory_mib: None };
        let (o, e) = files();
        let f = run("sh -c 'exit 3'", &[], limits, o, e).unwrap();
        assert_eq!((f.exit_code, f.signal, f.timed_out), (Some(3), None, false));
        let (o, e) = files();
        let f = run("kill -SEGV $$ #", &[], limits, o, e).unwrap();
        assert_eq!((f.exit_code, f.signal), (None, Some(libc::SIGSEGV)));
        let short = Limits { timeout: Duration::from_millis(300), ..limits };
        let (o, e) = files();
        let f = run("sleep 30; echo", &[], short, o, e).unwrap();
        assert!(f.timed_out && f.signal == Some(libc::SIGKILL), "{f:?}");
        assert!(f.wall < Duration::from_secs(5));
    }
}
