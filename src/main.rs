//! The `argsat` command line: a thin layer over the library.

use std::process::ExitCode;

fn main() -> ExitCode {
    argsat::cli::run(std::env::args_os().collect())
}
