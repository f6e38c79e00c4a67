//! The `argsat` application over the `argsat` library: the command line ([`run`]) and
//! the benchmark harness ([`bench`](mod@bench)). Not meant as a library of its own: the `argsat`
//! binary and the project's integration tests use it.

pub mod bench;
mod cli;

pub use cli::run;
