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
    // `argsat bench` starts each solver run from a launcher: this binary, so asked.
    if let Some(code) = argsat_cli::bench::launcher(&args) {
        return code;
    }
    argsat_cli::run(args)
}
