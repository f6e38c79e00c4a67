//! The `argsat` command line: a thin layer over the library.

use std::process::ExitCode;

fn main() -> ExitCode {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only tunes the allocator; called before any other thread exists.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 30);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 1 << 30);
    }
    let args: Vec<_> = std::env::args_os().collect();
    if args.get(1).is_some_and(|a| a == argsat::bench::process::LAUNCHER) {
        // `argsat bench` starts each solver run from here (see `run_isolated`).
        let rest: Vec<String> =
            args[2..].iter().map(|a| a.to_string_lossy().into_owned()).collect();
        return match argsat::bench::process::launch(&rest) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("argsat {}: {e}", argsat::bench::process::LAUNCHER);
                ExitCode::from(2)
            }
        };
    }
    argsat::cli::run(args)
}
